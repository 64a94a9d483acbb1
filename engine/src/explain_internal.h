/*
 * explain_internal.h: the action plan, shared by `explain` and the CISO's
 * report.  Never installed.
 */
#ifndef MH_EXPLAIN_INTERNAL_H
#define MH_EXPLAIN_INTERNAL_H

#include "maturinh/evaluation.h"
#include "referentiel_internal.h"

struct mh_action {
        const struct mh_criterion *criterion;
        double gain;          /* global points gained if achieved (re-evaluated) */
        unsigned level_after; /* level reached if achieved */
};

/**
 * The criteria of `result` not yet achieved (and scored), mesures
 * prioritaires first, then by gain, then référentiel order.  *out is
 * allocated with mh_malloc (free it with mh_free).
 */
int mh_action_plan(const mh_referentiel *ref, const mh_establishment *est, const mh_result *result,
                   struct mh_action **out, size_t *count);

#endif
