/*
 * maturinh/generate.h: a synthetic national population, for benchmarks and
 * demonstrations.
 *
 * Deterministic for a seed: FINESS numbers with valid keys in the
 * départements of their region; the 18 regions weighted by their share of
 * health establishments; a realistic category mix of the référentiel's
 * sector (mh_referentiel_sector()): hospitals and clinics with bed counts,
 * OSE flags and GHT membership, or ESMS (EHPAD, SSIAD, IME, MAS...) with
 * their capacity in places; answers to every indicator that concerns the
 * establishment, drawn from a latent maturity per establishment so that
 * its answers are correlated and the population spreads over the maturity
 * levels like a real campaign (larger establishments and OSE answer better,
 * the less mature more often leave drafts and incomplete questionnaires).
 * The numbers are plausible, not official: see "The synthetic population"
 * in docs/benchmarks.md, and docs/performance.md.
 */
#ifndef MATURINH_GENERATE_H
#define MATURINH_GENERATE_H

#include "answers.h"
#include "common.h"
#include "referentiel.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mh_generator mh_generator;

/** A generator of establishments answering `ref` for one campaign. */
/** A generator; MH_EINVALID (diagnosed) when `reference_date` is not a real date. */
MH_EXTERN int mh_generator_new(mh_generator **out, const mh_referentiel *ref, unsigned long seed,
                               const char *campaign, const char *reference_date,
                               mh_diagnostics *diags);
/**
 * The next establishment (free it with mh_establishment_free()): there is
 * always one (0), unless memory runs out (MH_ENOMEM).
 */
MH_EXTERN int mh_generator_next(mh_establishment **out, mh_generator *gen);
MH_EXTERN void mh_generator_free(mh_generator *gen);

#ifdef __cplusplus
}
#endif

#endif
