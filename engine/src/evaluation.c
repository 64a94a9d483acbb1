/*
 * evaluation.c: scoring one establishment (docs/scoring.md, which restates
 * the normative scoring semantics; the § numbers below are its clauses).
 *
 * Pure computation: the référentiel and the establishment in, a result out,
 * no I/O.  All arithmetic is IEEE-754 double, accumulated in référentiel
 * order, and every comparison against a threshold is x >= t - 1e-9, so that
 * two correct implementations give the same numbers.
 */
#include <math.h>
#include <string.h>

#include "establishment_internal.h"
#include "maturinh/evaluation.h"
#include "referentiel_internal.h"
#include "util/i18n.h"

/* Tolerance of every threshold comparison (scoring.md, preamble). */
#define EPSILON 1e-9

struct mh_result {
        const mh_referentiel *ref;
        unsigned char *indicator_state;  /* mh_indicator_state, by indicator index */
        double *indicator_score;         /* s, by indicator index */
        unsigned char *criterion_status; /* mh_status, by criterion index */
        double *criterion_score;         /* c, by criterion index */
        double *domain_score;            /* D, by domain index; NaN: not applicable */
        int has_global;                  /* G is defined */
        double global;                   /* G */
        unsigned level;                  /* §5, with the priority cap */
        unsigned level_uncapped;         /* §5, before the cap */
        size_t n_applicable;             /* §6 */
        size_t n_answered;               /* §6 */
        double completeness;             /* §6 */
        size_t priority_achieved;        /* §6 */
        size_t priority_total;           /* §6 */
};

static int at_least(double x, double threshold)
{
        return x >= threshold - EPSILON;
}

/* §1: every key given must hold; unknown beds count as 0, unknown OSE as false. */
static inline int applies(const mh_applicability *a, const mh_establishment *est)
{
        long beds = est->beds < 0 ? 0 : est->beds;
        size_t i;

        if (a == NULL)
                return 1;
        if (a->n_categories > 0) {
                if (est->category == NULL)
                        return 0;
                for (i = 0; i < a->n_categories; i++)
                        if (strcmp(a->categories[i], est->category) == 0)
                                break;
                if (i == a->n_categories)
                        return 0;
        }
        if (a->ose >= 0 && (est->ose != 0) != (a->ose != 0))
                return 0;
        if (a->min_beds >= 0 && beds < a->min_beds)
                return 0;
        if (a->max_beds >= 0 && beds > a->max_beds)
                return 0;
        return 1;
}

int mh__indicator_concerns(const mh_indicator *indicator, const mh_establishment *est)
{
        const struct mh_criterion *crit = indicator->criterion;

        return applies(crit->domain->applies_to, est) && applies(crit->applies_to, est) &&
               applies(indicator->applies_to, est);
}

int mh_establishment_concerned_by(const mh_establishment *est, const mh_indicator *indicator)
{
        return mh__indicator_concerns(indicator, est);
}

/* The score in [0, 1] of an answered indicator (referentiel-format, indicator types). */
static inline double indicator_score(const struct mh_indicator *ind,
                                     const struct mh__answer *answer, const mh_establishment *est)
{
        double v = answer->number, s = 0;
        long age;
        size_t k;

        switch (ind->scoring) {
        case MH_SCORING_NONE:
                return 0;
        case MH_SCORING_EXPECT:
                return (v != 0) == (ind->expect != 0) ? 1 : 0;
        case MH_SCORING_OPTIONS:
                return v; /* the chosen option's score, set when the answer was read */
        case MH_SCORING_TARGET:
                return v / ind->target < 1 ? v / ind->target : 1;
        case MH_SCORING_LINEAR:
                s = (v - ind->linear_from) / (ind->linear_to - ind->linear_from);
                return s <= 0 ? 0 : s > 1 ? 1 : s; /* <= : never -0.0 */
        case MH_SCORING_STEPS:
                /* the score of the largest threshold <= v, 0 below the first */
                for (k = 0; k < ind->n_steps; k++)
                        if (at_least(v, ind->steps[k].threshold))
                                s = ind->steps[k].score;
                return s;
        case MH_SCORING_WITHIN_DAYS:
                if (answer->never) /* the event never took place: 0, whatever the rule */
                        return 0;
                age = est->reference_days - answer->days;
                return (double)age <= ind->target ? 1 : 0;
        case MH_SCORING_AGE_STEPS:
                /* the score of the smallest age >= the answer's age, 0 beyond the last */
                if (answer->never)
                        return 0;
                age = est->reference_days - answer->days;
                for (k = 0; k < ind->n_steps; k++)
                        if (ind->steps[k].threshold >= (double)age)
                                return ind->steps[k].score;
                return 0;
        }
        return 0;
}

static int evaluate(mh_result **out, const mh_referentiel *ref, const mh_establishment *est,
                    const mh_criterion *assume_achieved)
{
        size_t n_ind = ref->n_indicators, n_crit = ref->n_criteria, n_dom = ref->n_domains;
        size_t size =
            sizeof(mh_result) + (n_ind + n_crit + n_dom) * sizeof(double) + n_ind + n_crit + 16;
        double global_sum = 0, global_weight = 0;
        unsigned lowest_failed_level = ref->n_levels + 1;
        size_t n_scored_criteria = 0;
        int priority_failed = 0;
        mh_result *r;
        size_t d, c, i;

        if (out == NULL || ref == NULL || est == NULL || est->ref != ref)
                return MH_EUSAGE;
        if ((r = mh__malloc(size)) == NULL)
                return MH_ENOMEM;
        memset(r, 0, sizeof(*r));
        r->ref = ref;
        r->indicator_score = (double *)(r + 1);
        r->criterion_score = r->indicator_score + n_ind;
        r->domain_score = r->criterion_score + n_crit;
        r->indicator_state = (unsigned char *)(r->domain_score + n_dom);
        r->criterion_status = r->indicator_state + n_ind;

        for (d = 0; d < n_dom; d++) {
                const struct mh_domain *domain = &ref->domains[d];
                int domain_applies = applies(domain->applies_to, est); /* §1 */
                double domain_sum = 0, domain_weight = 0;

                for (c = 0; c < domain->n_criteria; c++) {
                        const struct mh_criterion *crit = &domain->criteria[c];
                        int crit_applies = domain_applies && applies(crit->applies_to, est);
                        double sum = 0, weight = 0, lowest = 1, highest = 0, score;
                        size_t n_scored = 0, n_missing = 0;
                        mh_status status;

                        for (i = 0; i < crit->n_indicators; i++) {
                                const struct mh_indicator *ind = &crit->indicators[i];
                                const struct mh__answer *answer = &est->answers[ind->index];
                                mh_indicator_state state;
                                double s = (double)NAN;

                                /* §1: applicable when its criterion is, its own
                                 * applies_to holds, and it is not text */
                                if (!crit_applies || ind->type == MH_INDICATOR_TEXT ||
                                    !applies(ind->applies_to, est)) {
                                        r->indicator_state[ind->index] =
                                            MH_INDICATOR_NOT_APPLICABLE;
                                        r->indicator_score[ind->index] = (double)NAN;
                                        continue;
                                }
                                /* §2 */
                                r->n_applicable++;
                                if (answer->state == MH_ANSWER_NA) {
                                        state = MH_INDICATOR_NA;
                                        r->n_answered++;
                                } else if (answer->state == MH_ANSWER_NONE) {
                                        state = MH_INDICATOR_MISSING;
                                        s = 0;
                                        n_missing++;
                                } else {
                                        state = MH_INDICATOR_ANSWERED;
                                        s = indicator_score(ind, answer, est);
                                        r->n_answered++;
                                }
                                r->indicator_state[ind->index] = (unsigned char)state;
                                r->indicator_score[ind->index] = s;
                                if (state == MH_INDICATOR_NA)
                                        continue;
                                /* §3: I, the applicable indicators not na */
                                sum += ind->weight * s;
                                weight += ind->weight;
                                lowest = s < lowest ? s : lowest;
                                highest = s > highest ? s : highest;
                                n_scored++;
                        }
                        /* §3 */
                        if (!crit_applies || n_scored == 0) {
                                r->criterion_status[crit->index] = MH_STATUS_NOT_APPLICABLE;
                                r->criterion_score[crit->index] = (double)NAN;
                                continue;
                        }
                        switch (crit->combine) {
                        case MH_COMBINE_MIN:
                                score = lowest;
                                break;
                        case MH_COMBINE_MAX:
                                score = highest;
                                break;
                        default:
                                score = sum / weight;
                                break;
                        }
                        if (crit == assume_achieved) {
                                score = 1;
                                status = MH_STATUS_ACHIEVED;
                        } else if (n_missing > 0) {
                                status = MH_STATUS_MISSING;
                        } else if (at_least(score, ref->achieved_at)) {
                                status = MH_STATUS_ACHIEVED;
                        } else if (at_least(score, ref->partial_at)) {
                                status = MH_STATUS_PARTIAL;
                        } else {
                                status = MH_STATUS_NOT_ACHIEVED;
                        }
                        r->criterion_status[crit->index] = (unsigned char)status;
                        r->criterion_score[crit->index] = score;
                        /* §4: the domain's scored criteria */
                        domain_sum += crit->weight * score;
                        domain_weight += crit->weight;
                        /* §5 and §6 */
                        n_scored_criteria++;
                        if (status != MH_STATUS_ACHIEVED && crit->level < lowest_failed_level)
                                lowest_failed_level = crit->level;
                        if (crit->priority) {
                                r->priority_total++;
                                if (status == MH_STATUS_ACHIEVED)
                                        r->priority_achieved++;
                                else
                                        priority_failed = 1;
                        }
                }
                /* §4 */
                if (domain_weight > 0) {
                        r->domain_score[d] = 100 * domain_sum / domain_weight;
                        global_sum += domain->weight * r->domain_score[d];
                        global_weight += domain->weight;
                } else {
                        r->domain_score[d] = (double)NAN;
                }
        }
        /* §4 */
        r->has_global = global_weight > 0;
        r->global = r->has_global ? global_sum / global_weight : (double)NAN;
        /* §5: the largest L such that every scored criterion of level <= L is
         * achieved; 0 with no scored criterion at all (nothing was reached) */
        r->level_uncapped = n_scored_criteria == 0 ? 0 : lowest_failed_level - 1;
        r->level = r->level_uncapped;
        if (ref->priority_level_cap >= 0 && priority_failed &&
            r->level > (unsigned)ref->priority_level_cap)
                r->level = (unsigned)ref->priority_level_cap;
        /* §6 */
        r->completeness =
            r->n_applicable == 0 ? 1 : (double)r->n_answered / (double)r->n_applicable;
        *out = r;
        return 0;
}

int mh_evaluate(mh_result **out, const mh_referentiel *ref, const mh_establishment *est)
{
        return evaluate(out, ref, est, NULL);
}

int mh_evaluate_assuming(mh_result **out, const mh_referentiel *ref, const mh_establishment *est,
                         const mh_criterion *criterion)
{
        return evaluate(out, ref, est, criterion);
}

void mh_result_free(mh_result *result)
{
        mh__free(result);
}

int mh_result_has_global(const mh_result *result)
{
        return result->has_global;
}

double mh_result_global(const mh_result *result)
{
        return result->global;
}

unsigned mh_result_level(const mh_result *result)
{
        return result->level;
}

unsigned mh_result_level_uncapped(const mh_result *result)
{
        return result->level_uncapped;
}

double mh_result_completeness(const mh_result *result)
{
        return result->completeness;
}

size_t mh_result_applicable_count(const mh_result *result)
{
        return result->n_applicable;
}

size_t mh_result_answered_count(const mh_result *result)
{
        return result->n_answered;
}

size_t mh_result_priority_achieved(const mh_result *result)
{
        return result->priority_achieved;
}

size_t mh_result_priority_total(const mh_result *result)
{
        return result->priority_total;
}

double mh_result_domain_score(const mh_result *result, const mh_domain *domain)
{
        return result->domain_score[domain->index];
}

mh_status mh_result_criterion_status(const mh_result *result, const mh_criterion *criterion)
{
        return (mh_status)result->criterion_status[criterion->index];
}

double mh_result_criterion_score(const mh_result *result, const mh_criterion *criterion)
{
        return result->criterion_score[criterion->index];
}

mh_indicator_state mh_result_indicator_state(const mh_result *result, const mh_indicator *indicator)
{
        return (mh_indicator_state)result->indicator_state[indicator->index];
}

double mh_result_indicator_score(const mh_result *result, const mh_indicator *indicator)
{
        return result->indicator_score[indicator->index];
}

/* §7 */
double mh_round1(double x)
{
        return floor(x * 10 + 0.5) / 10;
}

unsigned mh_percent(double fraction)
{
        double p = floor(fraction * 100 + 0.5);

        return p > 0 ? (unsigned)p : 0;
}

const char *mh_status_name(mh_status status)
{
        switch (status) {
        case MH_STATUS_NOT_APPLICABLE:
                return "not_applicable";
        case MH_STATUS_MISSING:
                return "missing";
        case MH_STATUS_NOT_ACHIEVED:
                return "not_achieved";
        case MH_STATUS_PARTIAL:
                return "partial";
        case MH_STATUS_ACHIEVED:
                return "achieved";
        }
        return "?";
}

const char *mh_status_label(mh_status status)
{
        switch (status) {
        case MH_STATUS_NOT_APPLICABLE:
                return mh__tr("not applicable");
        case MH_STATUS_MISSING:
                return mh__tr("missing");
        case MH_STATUS_NOT_ACHIEVED:
                return mh__tr("not achieved");
        case MH_STATUS_PARTIAL:
                return mh__tr("partial");
        case MH_STATUS_ACHIEVED:
                return mh__tr("achieved");
        }
        return "?";
}

const char *mh_indicator_state_name(mh_indicator_state state)
{
        switch (state) {
        case MH_INDICATOR_NOT_APPLICABLE:
                return "not_applicable";
        case MH_INDICATOR_NA:
                return "na";
        case MH_INDICATOR_MISSING:
                return "missing";
        case MH_INDICATOR_ANSWERED:
                return "answered";
        }
        return "?";
}
