/*
 * maturinh/evaluation.h: scoring one establishment against a référentiel.
 *
 * mh_evaluate() applies docs/scoring.md to an establishment's profile and
 * answers: applicability, indicator scores, criterion statuses, domain and
 * global scores, maturity level with the priority cap, completeness and
 * mesures prioritaires.  It does no I/O.  A result is immutable; it refers
 * to the référentiel (which must outlive it) but not to the establishment.
 */
#ifndef MATURINH_EVALUATION_H
#define MATURINH_EVALUATION_H

#include "answers.h"
#include "common.h"
#include "referentiel.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mh_result mh_result;

/** A criterion's status (scoring.md §3). */
typedef enum {
        MH_STATUS_NOT_APPLICABLE = 0,
        MH_STATUS_MISSING,
        MH_STATUS_NOT_ACHIEVED,
        MH_STATUS_PARTIAL,
        MH_STATUS_ACHIEVED
} mh_status;

/** An applicable indicator's state (scoring.md §2); NOT_APPLICABLE otherwise. */
typedef enum {
        MH_INDICATOR_NOT_APPLICABLE = 0,
        MH_INDICATOR_NA,
        MH_INDICATOR_MISSING,
        MH_INDICATOR_ANSWERED
} mh_indicator_state;

/**
 * Evaluates `est` against `ref` (the référentiel it was read against).
 * Returns 0 with *out set (free with mh_result_free()), or MH_ENOMEM.
 */
MH_EXTERN int mh_evaluate(mh_result **out, const mh_referentiel *ref, const mh_establishment *est);

/**
 * Evaluates `est` as if `criterion` were achieved (score 1), everything else
 * unchanged: what achieving it would bring.  The action plan uses it.
 */
MH_EXTERN int mh_evaluate_assuming(mh_result **out, const mh_referentiel *ref,
                                   const mh_establishment *est, const mh_criterion *criterion);

MH_EXTERN void mh_result_free(mh_result *result);

/** Nonzero when the global score is defined (at least one applicable domain). */
MH_EXTERN int mh_result_has_global(const mh_result *result);
/** The global score G in [0, 100]; NaN when undefined. */
MH_EXTERN double mh_result_global(const mh_result *result);
/** The maturity level, 0..N. */
MH_EXTERN unsigned mh_result_level(const mh_result *result);
/** Level before the priority cap (what the criteria alone give). */
MH_EXTERN unsigned mh_result_level_uncapped(const mh_result *result);
/** completeness = answered (or na) / applicable indicators, in [0, 1]. */
MH_EXTERN double mh_result_completeness(const mh_result *result);
MH_EXTERN size_t mh_result_applicable_count(const mh_result *result);
MH_EXTERN size_t mh_result_answered_count(const mh_result *result);
MH_EXTERN size_t mh_result_priority_achieved(const mh_result *result);
MH_EXTERN size_t mh_result_priority_total(const mh_result *result);

/** A domain's score D in [0, 100]; NaN when the domain is not applicable. */
MH_EXTERN double mh_result_domain_score(const mh_result *result, const mh_domain *domain);
MH_EXTERN mh_status mh_result_criterion_status(const mh_result *result,
                                               const mh_criterion *criterion);
/** A criterion's score c in [0, 1]; NaN when not applicable. */
MH_EXTERN double mh_result_criterion_score(const mh_result *result, const mh_criterion *criterion);
MH_EXTERN mh_indicator_state mh_result_indicator_state(const mh_result *result,
                                                       const mh_indicator *indicator);
/** An indicator's score s in [0, 1] (0 when missing); NaN when not applicable or na. */
MH_EXTERN double mh_result_indicator_score(const mh_result *result, const mh_indicator *indicator);

/** round1(x) = floor(x * 10 + 0.5) / 10 (scoring.md §7); NaN stays NaN. */
MH_EXTERN double mh_round1(double x);
/**
 * The whole percentage people see of a fraction in [0, 1]:
 * floor(x * 100 + 0.5), half up like round1 (12.5 % shows as 13 %).  Every
 * percentage the engine writes for people goes through it.
 */
MH_EXTERN unsigned mh_percent(double fraction);
/** "achieved", "partial", "not_achieved", "missing", "not_applicable". */
MH_EXTERN const char *mh_status_name(mh_status status);
/**
 * The status for people, in the language of the messages (mh_language()):
 * "achieved", "partial", "not achieved", "missing", "not applicable";
 * "atteint", "partiel", "non atteint", "manquant", "non applicable" in
 * French.  Machine outputs use mh_status_name().
 */
MH_EXTERN const char *mh_status_label(mh_status status);
/** "answered", "na", "missing", "not_applicable". */
MH_EXTERN const char *mh_indicator_state_name(mh_indicator_state state);

/* ---- What to do next (explain, the report, the web questionnaire) ------- */

/**
 * The level `result` would reach next (its level + 1), or 0 when it has
 * reached the référentiel's last level.
 */
MH_EXTERN unsigned mh_result_next_level(const mh_referentiel *ref, const mh_result *result);
/**
 * Nonzero when the priority cap keeps `result` below its next level: a
 * scored mesure prioritaire is not achieved (scoring.md §5).
 */
MH_EXTERN int mh_result_next_level_capped(const mh_referentiel *ref, const mh_result *result);
/**
 * Nonzero when `criterion` keeps `result` from its next level: achieving
 * every such criterion, and nothing else, reaches it.
 */
MH_EXTERN int mh_result_blocks_next_level(const mh_referentiel *ref, const mh_result *result,
                                          const mh_criterion *criterion);

typedef struct mh_plan mh_plan;

/**
 * The action plan of `explain`: the criteria of `result` (the evaluation of
 * `est`) not yet achieved and scored, mesures prioritaires first, then by
 * the global points achieving each would add (re-evaluated, never
 * estimated), then référentiel order.  Returns 0 with *out set (free with
 * mh_plan_free()), or MH_ENOMEM.
 */
MH_EXTERN int mh_plan_new(mh_plan **out, const mh_referentiel *ref, const mh_establishment *est,
                          const mh_result *result);
MH_EXTERN void mh_plan_free(mh_plan *plan);
MH_EXTERN size_t mh_plan_count(const mh_plan *plan);
MH_EXTERN const mh_criterion *mh_plan_criterion(const mh_plan *plan, size_t i);
/** Global points achieving the i-th criterion would add. */
MH_EXTERN double mh_plan_gain(const mh_plan *plan, size_t i);
/** The level reached if the i-th criterion were achieved. */
MH_EXTERN unsigned mh_plan_level_after(const mh_plan *plan, size_t i);

#ifdef __cplusplus
}
#endif

#endif
