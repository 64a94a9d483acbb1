/*
 * explain_internal.h: the action plan and what blocks the next maturity
 * level, shared by `explain` and the CISO's report (one rule, one owner).
 * Never installed.
 */
#ifndef MH_EXPLAIN_INTERNAL_H
#define MH_EXPLAIN_INTERNAL_H

#include "maturinh/evaluation.h"
#include "referentiel_internal.h"

struct mh__action {
        const struct mh_criterion *criterion;
        double gain;          /* global points gained if achieved (re-evaluated) */
        unsigned level_after; /* level reached if achieved */
};

/**
 * The criteria of `result` not yet achieved (and scored), mesures
 * prioritaires first, then by gain, then référentiel order.  *out is
 * allocated with mh__malloc (free it with mh__free).
 */
int mh__action_plan(const mh_referentiel *ref, const mh_establishment *est, const mh_result *result,
                    struct mh__action **out, size_t *count);

/**
 * The level `result` would reach next (its level + 1), or 0 when it has
 * reached the référentiel's last level.
 */
unsigned mh__next_level(const mh_referentiel *ref, const mh_result *result);
/**
 * Whether the priority cap keeps `result` below its next level
 * (scoring.md §5): a scored mesure prioritaire is not achieved and the next
 * level is above priority_level_cap.  0 when every level is reached.
 */
int mh__next_level_capped(const mh_referentiel *ref, const mh_result *result);
/**
 * Whether `crit` keeps `result` from its next level N: scored, not achieved,
 * and either of level N or below, or a mesure prioritaire while the priority
 * cap holds (mh__next_level_capped).  Achieving every such criterion, and
 * nothing else, reaches level N.  0 when every level is reached.
 */
int mh__blocks_next_level(const mh_referentiel *ref, const mh_result *result,
                          const struct mh_criterion *crit);

#endif
