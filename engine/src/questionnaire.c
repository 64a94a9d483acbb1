/*
 * questionnaire.c: what a questionnaire shows an establishment's CISO, for
 * every front (the terminal's `fill`, the web front): how far it is, what
 * each question accepts and means, and where the answers leave its score.
 * The words of "what it accepts" are those the answer checks use.
 */
#include <stdio.h>

#include "establishment_internal.h"
#include "maturinh/report.h"
#include "referentiel_internal.h"
#include "util/cnum.h"
#include "util/date.h"
#include "util/i18n.h"
#include "util/text.h"

/*
 * Calls `fn` for each question that concerns `est` (of `domain` alone when
 * not NULL), in the référentiel's order, until it returns nonzero: the one
 * walk behind the progress and the unanswered questions.
 */
static int each_question(const mh_establishment *est, const mh_domain *domain,
                         int (*fn)(const struct mh_indicator *ind, const mh_establishment *est,
                                   void *context),
                         void *context)
{
        const mh_referentiel *ref = est->ref;
        size_t d, c, i;
        int rc;

        for (d = 0; d < ref->n_domains; d++) {
                const struct mh_domain *dom = &ref->domains[d];

                if (domain != NULL && dom != domain)
                        continue;
                for (c = 0; c < dom->n_criteria; c++) {
                        const struct mh_criterion *crit = &dom->criteria[c];

                        for (i = 0; i < crit->n_indicators; i++)
                                if (mh__indicator_concerns(&crit->indicators[i], est) &&
                                    (rc = fn(&crit->indicators[i], est, context)) != 0)
                                        return rc;
                }
        }
        return 0;
}

struct progress {
        size_t answered, total;
};

static int count_question(const struct mh_indicator *ind, const mh_establishment *est,
                          void *context)
{
        struct progress *p = context;

        p->total++;
        p->answered += est->answers[ind->index].state != MH_ANSWER_NONE;
        return 0;
}

int mh_questionnaire_progress(size_t *answered, size_t *total, const mh_establishment *est,
                              const mh_domain *domain)
{
        struct progress p = {0, 0};

        if (answered == NULL || total == NULL || est == NULL)
                return MH_EUSAGE;
        each_question(est, domain, count_question, &p);
        *answered = p.answered;
        *total = p.total;
        return 0;
}

struct unanswered {
        int (*fn)(const mh_indicator *indicator, void *context);
        void *context;
};

static int pass_unanswered(const struct mh_indicator *ind, const mh_establishment *est,
                           void *context)
{
        struct unanswered *u = context;

        return est->answers[ind->index].state == MH_ANSWER_NONE ? u->fn(ind, u->context) : 0;
}

int mh_questionnaire_unanswered(const mh_establishment *est, const mh_domain *domain,
                                int (*fn)(const mh_indicator *indicator, void *context),
                                void *context)
{
        struct unanswered u = {fn, context};

        if (est == NULL || fn == NULL)
                return MH_EUSAGE;
        return each_question(est, domain, pass_unanswered, &u);
}

static int allowed_write(const mh_indicator *ind, const mh_establishment *est, FILE *stream)
{
        size_t i;

        switch (ind->type) {
        case MH_INDICATOR_BOOLEAN:
                fputs(mh__tr("oui or non"), stream);
                break;
        case MH_INDICATOR_CHOICE:
                fputs(mh__tr("one of: "), stream);
                for (i = 0; i < ind->n_options; i++)
                        fprintf(stream, "%s%s", i ? ", " : "", ind->options[i].value);
                break;
        case MH_INDICATOR_PERCENT:
                fputs(mh__tr("a percentage from 0 to 100"), stream);
                break;
        case MH_INDICATOR_INTEGER:
                fputs(mh__tr("a whole number (0 or more)"), stream);
                break;
        case MH_INDICATOR_DATE: {
                char date[32];

                fprintf(stream,
                        mh__tr("a date YYYY-MM-DD, not after %s, or jamais if it never took place"),
                        mh__people_date(date, sizeof(date), est->reference_date));
                break;
        }
        case MH_INDICATOR_TEXT:
                fputs(mh__tr("free text (evidence, not scored)"), stream);
                break;
        }
        if (ind->na_allowed)
                fputs(mh__tr(", or na if it does not apply"), stream);
        return ferror(stream) ? MH_EIO : 0;
}

int mh_indicator_allowed_write(const mh_indicator *ind, const mh_establishment *est, FILE *stream,
                               mh_diagnostics *diags)
{
        if (ind == NULL || est == NULL || stream == NULL)
                return MH_EUSAGE;
        return mh__diag_writer(allowed_write(ind, est, stream), diags);
}

/* `text` from `column`, wrapped to `width` with the next lines from `indent`, then a line feed. */
static void help_line(FILE *stream, const char *text, int width, int column, int indent)
{
        mh__fput_wrapped(stream, text, MH_TEXT_LINES, width, column, indent);
        fputc('\n', stream);
}

static int help_write(const mh_indicator *ind, FILE *stream, int width)
{
        const struct mh_criterion *crit = ind->criterion;
        const char *text = mh__text_get(&ind->help, mh_language());
        char line[1024];
        size_t i;

        /* the criterion's id and title are the référentiel's text: escaped as they are shown */
        snprintf(line, sizeof(line), mh__tr("criterion %s  %s (level %u%s)"), crit->id,
                 mh__text_get(&crit->title, mh_language()), crit->level,
                 crit->priority ? mh__tr(", mesure prioritaire") : "");
        fputs("      ", stream);
        help_line(stream, line, width, 6, 6);
        if (text != NULL) {
                fputs("      ", stream);
                help_line(stream, text, width, 6, 6);
        }
        /* option values are ASCII identifiers: %-14s pads them right; the number selects one */
        for (i = 0; ind->type == MH_INDICATOR_CHOICE && i < ind->n_options; i++) {
                int column = fprintf(stream, "      %2zu %-14s ", i + 1, ind->options[i].value);

                help_line(stream, mh__text_get(&ind->options[i].label, mh_language()), width,
                          column > 0 ? column : 24, 24);
        }
        return ferror(stream) ? MH_EIO : 0;
}

int mh_indicator_help_write(const mh_indicator *ind, FILE *stream, mh_diagnostics *diags)
{
        return mh_indicator_help_wrap_write(ind, stream, 0, diags);
}

int mh_indicator_help_wrap_write(const mh_indicator *ind, FILE *stream, int width,
                                 mh_diagnostics *diags)
{
        if (ind == NULL || stream == NULL)
                return MH_EUSAGE;
        return mh__diag_writer(help_write(ind, stream, width), diags);
}

static int summary_write(const mh_referentiel *ref, const mh_establishment *est, FILE *stream)
{
        mh_result *result = NULL;
        size_t answered, total;
        unsigned level;
        int rc;

        if ((rc = mh_evaluate(&result, ref, est)) < 0)
                return rc;
        mh_questionnaire_progress(&answered, &total, est, NULL);
        level = mh_result_level(result);
        fprintf(stream, mh__tr("\n%zu of %zu questions answered.\n"), answered, total);
        if (mh_result_has_global(result)) {
                char score[32], completeness[32];
                const char *label = mh_referentiel_level_label(ref, level, mh_language());

                fprintf(stream,
                        mh__tr("Global score %s / 100, level %u %s, completeness %s, mesures "
                               "prioritaires %zu of %zu.\n"),
                        mh__format_number(score, sizeof(score), mh_round1(mh_result_global(result)),
                                          1, MH__FOR_PEOPLE),
                        level, label != NULL ? label : "",
                        mh__people_percent(completeness, sizeof(completeness),
                                           mh_percent(mh_result_completeness(result)), 0),
                        mh_result_priority_achieved(result), mh_result_priority_total(result));
        }
        mh_result_free(result);
        return ferror(stream) ? MH_EIO : 0;
}

int mh_summary_write(const mh_referentiel *ref, const mh_establishment *est, FILE *stream,
                     mh_diagnostics *diags)
{
        if (ref == NULL || est == NULL || stream == NULL)
                return MH_EUSAGE;
        return mh__diag_writer(summary_write(ref, est, stream), diags);
}
