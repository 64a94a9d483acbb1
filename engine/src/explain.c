/*
 * explain.c: `maturinh explain`, what a hospital CISO reads before the
 * security committee.
 *
 * For one establishment: the summary, then each domain and criterion with
 * the indicators behind its status (answers that pulled it down, missing
 * ones, N/A), what blocks the next maturity level, and the action plan: the
 * criteria not yet achieved, mesures prioritaires first, then by how many
 * global points achieving each would add.  Those points are computed by
 * evaluating the establishment again as if the criterion were achieved
 * (mh_evaluate_assuming), never estimated.
 *
 * Written for people in the language of the messages (mh_language()): its
 * words, its numbers ("41,7", "42 %" in French), the référentiel's texts in
 * it when they are there.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "establishment_internal.h"
#include "util/cnum.h"
#include "util/date.h"
#include "util/i18n.h"
#include "util/text.h"
#include "explain_internal.h"
#include "maturinh/report.h"
#include "referentiel_internal.h"

static int compare_actions(const void *a, const void *b)
{
        const struct mh__action *x = a, *y = b;

        if (x->criterion->priority != y->criterion->priority)
                return x->criterion->priority ? -1 : 1;
        if (fabs(x->gain - y->gain) > 1e-9)
                return x->gain > y->gain ? -1 : 1;
        return x->criterion->index < y->criterion->index ? -1 : 1;
}

/* A whole percentage for people: "42 %" (French, a no-break space) or "42%". */
static const char *people_percent(char *buf, size_t size, double fraction)
{
        return mh__people_percent(buf, size, (double)mh_percent(fraction), 0);
}

/* A score for people with one decimal: "41,7" (French) or "41.7". */
static const char *people_score(char *buf, size_t size, double score)
{
        return mh__format_number(buf, size, mh_round1(score), 1, MH__FOR_PEOPLE);
}

static void percent(mh__strbuf *buf, double fraction)
{
        char text[32];

        mh__strbuf_printf(buf, "%s", people_percent(text, sizeof(text), fraction));
}

/* Why an indicator counts as it does, one line. */
static void describe_indicator(mh__strbuf *buf, const struct mh_indicator *ind,
                               const mh_establishment *est, const mh_result *result)
{
        mh_indicator_state state = mh_result_indicator_state(result, ind);
        double score = mh_result_indicator_score(result, ind);
        const char *answer = est->answers[ind->index].text;
        char date[32];

        mh__strbuf_clear(buf);
        switch (state) {
        case MH_INDICATOR_NOT_APPLICABLE:
                if (ind->type == MH_INDICATOR_TEXT) {
                        mh__strbuf_printf(buf, "%s",
                                          answer ? mh__tr("evidence (not scored): ")
                                                 : mh__tr("evidence (not scored)"));
                        mh__strbuf_text(buf, answer, MH_TEXT_LINE); /* one line per indicator */
                } else
                        mh__strbuf_printf(buf, "%s",
                                          mh__tr("does not apply to this establishment"));
                return;
        case MH_INDICATOR_NA:
                mh__strbuf_printf(buf, "%s", mh__tr("answered na: left out of the criterion"));
                return;
        case MH_INDICATOR_MISSING:
                mh__strbuf_printf(buf, "%s", mh__tr("MISSING: not answered, counts 0"));
                return;
        case MH_INDICATOR_ANSWERED:
                break;
        }
        mh__strbuf_printf(buf, "%s", mh__tr("answer "));
        /* the canonical words for people: oui, non, jamais in French */
        if (ind->type == MH_INDICATOR_BOOLEAN && answer != NULL)
                answer = strcmp(answer, "true") == 0 ? mh__tr("true") : mh__tr("false");
        else if (ind->type == MH_INDICATOR_DATE && est->answers[ind->index].never)
                answer = mh__tr("never");
        else if (ind->type == MH_INDICATOR_DATE)
                answer = mh__people_date(date, sizeof(date), answer); /* 01/05/2024 */
        mh__strbuf_text(buf, answer, MH_TEXT_LINE);
        mh__strbuf_printf(buf, " -> ");
        percent(buf, score);
        if (score < 1)
                mh__strbuf_printf(buf, "%s", mh__tr("  <- pulls it down"));
}

int mh__action_plan(const mh_referentiel *ref, const mh_establishment *est, const mh_result *result,
                    struct mh__action **out, size_t *count)
{
        struct mh__action *actions = mh__malloc((ref->n_criteria + 1) * sizeof(*actions));
        size_t i, n = 0;
        int rc;

        if (actions == NULL)
                return MH_ENOMEM;
        for (i = 0; i < ref->n_criteria; i++) {
                const struct mh_criterion *crit = ref->criteria_by_index[i];
                mh_status status = mh_result_criterion_status(result, crit);
                mh_result *what_if = NULL;

                if (status == MH_STATUS_NOT_APPLICABLE || status == MH_STATUS_ACHIEVED)
                        continue;
                if ((rc = mh_evaluate_assuming(&what_if, ref, est, crit)) < 0) {
                        mh__free(actions);
                        return rc;
                }
                actions[n].criterion = crit;
                actions[n].gain = mh_result_global(what_if) - mh_result_global(result);
                actions[n].level_after = mh_result_level(what_if);
                n++;
                mh_result_free(what_if);
        }
        qsort(actions, n, sizeof(*actions), compare_actions);
        *out = actions;
        *count = n;
        return 0;
}

unsigned mh__next_level(const mh_referentiel *ref, const mh_result *result)
{
        unsigned level = mh_result_level(result);

        return level < ref->n_levels ? level + 1 : 0;
}

/* scoring.md §5: the cap holds the level at priority_level_cap while a mesure prioritaire fails. */
int mh__next_level_capped(const mh_referentiel *ref, const mh_result *result)
{
        unsigned next = mh__next_level(ref, result);

        return next > 0 && ref->priority_level_cap >= 0 &&
               next > (unsigned)ref->priority_level_cap &&
               mh_result_priority_achieved(result) < mh_result_priority_total(result);
}

/* scoring.md §5: level N needs every scored criterion of level <= N achieved, and no cap. */
int mh__blocks_next_level(const mh_referentiel *ref, const mh_result *result,
                          const struct mh_criterion *crit)
{
        unsigned next = mh__next_level(ref, result);
        mh_status status = mh_result_criterion_status(result, crit);

        if (next == 0 || status == MH_STATUS_NOT_APPLICABLE || status == MH_STATUS_ACHIEVED)
                return 0;
        return crit->level <= next || (crit->priority && mh__next_level_capped(ref, result));
}

/* How a criterion combines its indicators, for people (mean, min, max in the référentiel). */
static const char *combine_label(mh_combine combine)
{
        switch (combine) {
        case MH_COMBINE_MEAN:
                return mh__tr(N_("mean"));
        case MH_COMBINE_MIN:
                return mh__tr(N_("min"));
        case MH_COMBINE_MAX:
                return mh__tr(N_("max"));
        }
        return "?";
}

static int explain_write(const mh_referentiel *ref, const mh_establishment *est, FILE *stream)
{
        mh_result *result = NULL;
        struct mh__action *actions = NULL;
        mh__strbuf buf = {0};
        const char *lang = mh_language();
        char a[48], b[48];
        size_t d, c, i, n_actions = 0;
        unsigned level, next;
        int rc;

        if ((rc = mh_evaluate(&result, ref, est)) < 0)
                return rc;
        level = mh_result_level(result);
        next = mh__next_level(ref, result);

        mh__fprintf_text(stream, mh__tr("%s (FINESS %s), region %s, category %s\n"), est->name,
                         est->finess, est->region, est->category);
        mh__fprintf_text(stream,
                         est->submission == MH_SUBMISSION_SUBMITTED
                             ? mh__tr("Campaign %s (reference date %s), submitted; référentiel "
                                      "%s %s\n\n")
                             : mh__tr("Campaign %s (reference date %s), draft; référentiel %s "
                                      "%s\n\n"),
                         est->campaign, mh__people_date(b, sizeof(b), est->reference_date), ref->id,
                         ref->version);
        if (mh_result_has_global(result))
                mh__fprintf_text(stream, mh__tr("Global score           %s / 100\n"),
                                 people_score(a, sizeof(a), mh_result_global(result)));
        else
                mh__fprintf_text(stream, "%s",
                                 mh__tr("Global score           undefined (no domain applies)\n"));
        mh__fprintf_text(stream, mh__tr("Maturity level         %u %s\n"), level,
                         mh_referentiel_level_label(ref, level, lang));
        mh__fprintf_text(stream,
                         mh__tr("Completeness           %s (%zu of %zu applicable indicators "
                                "answered)\n"),
                         people_percent(a, sizeof(a), mh_result_completeness(result)),
                         mh_result_answered_count(result), mh_result_applicable_count(result));
        mh__fprintf_text(stream, mh__tr("Mesures prioritaires   %zu of %zu achieved\n"),
                         mh_result_priority_achieved(result), mh_result_priority_total(result));

        /* why each criterion has its status */
        mh__fprintf_text(stream, "%s", mh__tr("\nWhy each criterion has its status\n"));
        for (d = 0; d < ref->n_domains; d++) {
                const struct mh_domain *domain = &ref->domains[d];
                double score = mh_result_domain_score(result, domain);

                if (isnan(score))
                        mh__fprintf_text(stream, mh__tr("\n%s  %s: does not apply\n"), domain->id,
                                         mh__text_get(&domain->title, lang));
                else
                        mh__fprintf_text(stream, mh__tr("\n%s  %s: %s / 100\n"), domain->id,
                                         mh__text_get(&domain->title, lang),
                                         people_score(a, sizeof(a), score));
                for (c = 0; !isnan(score) && c < domain->n_criteria; c++) {
                        const struct mh_criterion *crit = &domain->criteria[c];
                        mh_status status = mh_result_criterion_status(result, crit);

                        mh__fprintf_text(stream, "  %s  %s\n      %s", crit->id,
                                         mh__text_get(&crit->title, lang), mh_status_label(status));
                        if (status != MH_STATUS_NOT_APPLICABLE)
                                mh__fprintf_text(
                                    stream, ", %s",
                                    people_percent(a, sizeof(a),
                                                   mh_result_criterion_score(result, crit)));
                        mh__fprintf_text(stream,
                                         crit->priority ? mh__tr(" [level %u, %s, mesure "
                                                                 "prioritaire]\n")
                                                        : mh__tr(" [level %u, %s]\n"),
                                         crit->level, combine_label(crit->combine));
                        if (status == MH_STATUS_NOT_APPLICABLE)
                                continue;
                        for (i = 0; i < crit->n_indicators; i++) {
                                const struct mh_indicator *ind = &crit->indicators[i];

                                describe_indicator(&buf, ind, est, result);
                                if (buf.failed) { /* the next one's clear would forget it */
                                        rc = MH_ENOMEM;
                                        goto out;
                                }
                                /* buf is escaped already (describe_indicator), and may be long */
                                fprintf(stream, "      - %s  %s\n", ind->id, mh__strbuf_cstr(&buf));
                        }
                }
        }

        /* what blocks the next level */
        if (next > 0) {
                size_t blocking = 0;

                mh__fprintf_text(stream, mh__tr("\nWhat blocks level %u (%s)\n"), next,
                                 mh_referentiel_level_label(ref, next, lang));
                for (i = 0; i < ref->n_criteria; i++) {
                        const struct mh_criterion *crit = ref->criteria_by_index[i];

                        if (!mh__blocks_next_level(ref, result, crit))
                                continue;
                        blocking++;
                        mh__fprintf_text(
                            stream,
                            crit->priority ? mh__tr("  %s  %s: %s (level %u, mesure prioritaire)\n")
                                           : mh__tr("  %s  %s: %s (level %u)\n"),
                            crit->id, mh__text_get(&crit->title, lang),
                            mh_status_label(mh_result_criterion_status(result, crit)), crit->level);
                }
                if (blocking == 0) /* below the top with nothing blocking: nothing was scored */
                        fputs(mh__tr("  no criterion is scored (none applies, or every one is "
                                     "answered na): no level is reached\n"),
                              stream);
                if (mh__next_level_capped(ref, result))
                        mh__fprintf_text(
                            stream,
                            mh__tr("  (a mesure prioritaire is not achieved: the level is capped "
                                   "at %d)\n"),
                            ref->priority_level_cap);
        } else {
                mh__fprintf_text(stream, "%s", mh__tr("\nEvery level is reached.\n"));
        }

        /* the action plan */
        if ((rc = mh__action_plan(ref, est, result, &actions, &n_actions)) < 0)
                goto out;
        mh__fprintf_text(stream,
                         mh__tr("\nAction plan: %zu criteria to achieve, mesures prioritaires "
                                "first, then by points gained\n"),
                         n_actions);
        for (i = 0; i < n_actions; i++) {
                const struct mh_criterion *crit = actions[i].criterion;

                mh__fprintf_text(stream, "  %2zu. %s  %s\n      ", i + 1, crit->id,
                                 mh__text_get(&crit->title, lang));
                mh__fprintf_text(
                    stream,
                    crit->priority ? mh__tr("+%s points, mesure prioritaire, now %s")
                                   : mh__tr("+%s points, now %s"),
                    mh__format_number(b, sizeof(b), actions[i].gain, 1, MH__FOR_PEOPLE),
                    mh_status_label(mh_result_criterion_status(result, crit)));
                if (actions[i].level_after > level)
                        mh__fprintf_text(stream, mh__tr("; would raise the level to %u"),
                                         actions[i].level_after);
                fputc('\n', stream);
        }
        rc = ferror(stream) ? MH_EIO : 0;
        if (buf.failed)
                rc = MH_ENOMEM;
out:
        mh__free(actions);
        mh__strbuf_free(&buf);
        mh_result_free(result);
        return rc;
}

int mh_explain_write(const mh_referentiel *ref, const mh_establishment *est, FILE *stream,
                     mh_diagnostics *diags)
{
        return mh__diag_writer(explain_write(ref, est, stream), diags);
}

/* ---- The public API of the next level and of the action plan ----------- */

unsigned mh_result_next_level(const mh_referentiel *ref, const mh_result *result)
{
        return mh__next_level(ref, result);
}

int mh_result_next_level_capped(const mh_referentiel *ref, const mh_result *result)
{
        return mh__next_level_capped(ref, result);
}

int mh_result_blocks_next_level(const mh_referentiel *ref, const mh_result *result,
                                const mh_criterion *criterion)
{
        return mh__blocks_next_level(ref, result, criterion);
}

/* The array of mh__action_plan(), owned. */
struct mh_plan {
        struct mh__action *actions;
        size_t count;
};

int mh_plan_new(mh_plan **out, const mh_referentiel *ref, const mh_establishment *est,
                const mh_result *result)
{
        mh_plan *plan;
        int rc;

        if (out == NULL || ref == NULL || est == NULL || result == NULL)
                return MH_EUSAGE;
        if ((plan = mh__malloc(sizeof(*plan))) == NULL)
                return MH_ENOMEM;
        plan->actions = NULL;
        plan->count = 0;
        if ((rc = mh__action_plan(ref, est, result, &plan->actions, &plan->count)) < 0) {
                mh__free(plan);
                return rc;
        }
        *out = plan;
        return 0;
}

void mh_plan_free(mh_plan *plan)
{
        if (plan == NULL)
                return;
        mh__free(plan->actions);
        mh__free(plan);
}

size_t mh_plan_count(const mh_plan *plan)
{
        return plan != NULL ? plan->count : 0;
}

const mh_criterion *mh_plan_criterion(const mh_plan *plan, size_t i)
{
        return plan != NULL && i < plan->count ? plan->actions[i].criterion : NULL;
}

double mh_plan_gain(const mh_plan *plan, size_t i)
{
        return plan != NULL && i < plan->count ? plan->actions[i].gain : 0;
}

unsigned mh_plan_level_after(const mh_plan *plan, size_t i)
{
        return plan != NULL && i < plan->count ? plan->actions[i].level_after : 0;
}
