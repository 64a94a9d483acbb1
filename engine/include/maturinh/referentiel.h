/*
 * maturinh/referentiel.h: loading a référentiel and walking its contents.
 *
 * A référentiel (format maturinh-referentiel/1, see docs/referentiel-format.md)
 * is loaded whole and checked strictly: every problem of the file is added to
 * the caller's diagnostics and the load fails with MH_EINVALID.  A loaded
 * référentiel is immutable; every pointer obtained from it (domains,
 * criteria, indicators, strings) is owned by it and lives until
 * mh_referentiel_free().  Walking is by index, in file order.
 *
 * Texts: every title, label, question and help exists in French ("fr") and
 * possibly in other languages.  The accessors take a language code and fall
 * back to French when the text has no entry for it; NULL means French.
 */
#ifndef MATURINH_REFERENTIEL_H
#define MATURINH_REFERENTIEL_H

#include "categories.h"
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The only format this version reads. */
#define MH_REFERENTIEL_FORMAT "maturinh-referentiel/1"
/** Files larger than this are refused without being parsed. */
#define MH_REFERENTIEL_MAX_BYTES (16u * 1024u * 1024u)

typedef struct mh_referentiel mh_referentiel;
typedef struct mh_domain mh_domain;
typedef struct mh_criterion mh_criterion;
typedef struct mh_indicator mh_indicator;
typedef struct mh_applicability mh_applicability;

/** How a criterion combines the scores of its indicators (scoring.md §3). */
typedef enum { MH_COMBINE_MEAN = 0, MH_COMBINE_MIN, MH_COMBINE_MAX } mh_combine;

/** The type of an indicator, i.e. of the answer it expects. */
typedef enum {
        MH_INDICATOR_BOOLEAN = 0,
        MH_INDICATOR_CHOICE,
        MH_INDICATOR_PERCENT,
        MH_INDICATOR_INTEGER,
        MH_INDICATOR_DATE,
        MH_INDICATOR_TEXT
} mh_indicator_type;

/** How an indicator turns its answer into a score. */
typedef enum {
        MH_SCORING_NONE = 0,    /**< text: not scored */
        MH_SCORING_EXPECT,      /**< boolean: 1 when the answer equals `expect` */
        MH_SCORING_OPTIONS,     /**< choice: the chosen option's score */
        MH_SCORING_TARGET,      /**< percent/integer: min(1, v / target) */
        MH_SCORING_LINEAR,      /**< percent/integer: clamp((v - a) / (b - a), 0, 1) */
        MH_SCORING_STEPS,       /**< percent/integer: score of the largest threshold <= v */
        MH_SCORING_WITHIN_DAYS, /**< date: 1 when age <= n days */
        MH_SCORING_AGE_STEPS    /**< date: score of the smallest age >= the answer's age */
} mh_scoring_method;

/* ---- Loading ------------------------------------------------------------ */

/**
 * Loads and checks the référentiel in file `path`.
 *
 * On success *out is a new référentiel, to be freed with
 * mh_referentiel_free().  Otherwise returns MH_EINVALID (the file is wrong:
 * every problem found was added to `diags`), MH_ENOTFOUND (missing or
 * unreadable), MH_EIO or MH_ENOMEM; in each case a located error is added to
 * `diags` (which may be NULL when the caller does not want them).
 */
MH_EXTERN int mh_referentiel_load_file(mh_referentiel **out, const char *path,
                                       mh_diagnostics *diags);

/**
 * Same as mh_referentiel_load_file() on `length` bytes held in memory;
 * `source` names them in diagnostics.  The bytes are copied as needed.
 */
MH_EXTERN int mh_referentiel_load_buffer(mh_referentiel **out, const char *data, size_t length,
                                         const char *source, mh_diagnostics *diags);

/** Frees a référentiel and everything obtained from it; NULL is accepted. */
MH_EXTERN void mh_referentiel_free(mh_referentiel *ref);

/* ---- The référentiel ---------------------------------------------------- */

MH_EXTERN const char *mh_referentiel_id(const mh_referentiel *ref);
MH_EXTERN const char *mh_referentiel_version(const mh_referentiel *ref);
MH_EXTERN const char *mh_referentiel_title(const mh_referentiel *ref, const char *lang);
/** The description, or NULL when the file has none. */
MH_EXTERN const char *mh_referentiel_description(const mh_referentiel *ref, const char *lang);
/** The source name given at load time (the file path). */
MH_EXTERN const char *mh_referentiel_source(const mh_referentiel *ref);
/** SHA-256 of the file's bytes as 64 lowercase hexadecimal characters. */
MH_EXTERN const char *mh_referentiel_sha256(const mh_referentiel *ref);
/**
 * The sector the référentiel is written for (its `sector` key):
 * MH_SECTOR_SANITAIRE (the default when the file does not say) or
 * MH_SECTOR_MEDICO_SOCIAL.  It chooses the words people read (lits or
 * places, établissements de santé or ESMS), the categories a FINESS extract
 * import keeps by default and the population `gen` makes; scoring ignores it.
 */
MH_EXTERN mh_sector mh_referentiel_sector(const mh_referentiel *ref);

/**
 * The file's bytes exactly as loaded (NUL-terminated; *length gets their
 * number): what the store keeps so that a campaign can be scored again years
 * later with exactly its criteria.
 */
MH_EXTERN const char *mh_referentiel_text(const mh_referentiel *ref, size_t *length);

/** Number of maturity levels N; levels are numbered 1..N. */
MH_EXTERN unsigned mh_referentiel_level_count(const mh_referentiel *ref);
/**
 * The label of level 1..N in `lang` ("fr", "en"; NULL or a language the
 * référentiel lacks: its French text), or NULL above N.  Level 0 has one
 * wording everywhere: "Aucun niveau atteint" ("No level reached" for
 * `lang` "en"), a constant that never depends on the locale.
 */
MH_EXTERN const char *mh_referentiel_level_label(const mh_referentiel *ref, unsigned level,
                                                 const char *lang);

/* scoring: parameters (defaults applied) */
MH_EXTERN double mh_referentiel_achieved_at(const mh_referentiel *ref);
MH_EXTERN double mh_referentiel_partial_at(const mh_referentiel *ref);
/** The priority level cap k, or -1 when there is none (null). */
MH_EXTERN int mh_referentiel_priority_level_cap(const mh_referentiel *ref);

/* publication: parameters (defaults applied) */
MH_EXTERN double mh_referentiel_min_completeness(const mh_referentiel *ref);
MH_EXTERN double mh_referentiel_praise_min_score(const mh_referentiel *ref);
MH_EXTERN int mh_referentiel_praise_requires_priority(const mh_referentiel *ref);
/** The least maturity level (0..N) an establishment needs to be praised. */
MH_EXTERN unsigned mh_referentiel_praise_min_level(const mh_referentiel *ref);
MH_EXTERN unsigned mh_referentiel_min_cell_size(const mh_referentiel *ref);

MH_EXTERN size_t mh_referentiel_domain_count(const mh_referentiel *ref);
MH_EXTERN const mh_domain *mh_referentiel_domain(const mh_referentiel *ref, size_t i);
/** Totals over the whole référentiel. */
MH_EXTERN size_t mh_referentiel_criterion_count(const mh_referentiel *ref);
MH_EXTERN size_t mh_referentiel_indicator_count(const mh_referentiel *ref);

/** Look-ups by id; NULL when no such element exists. */
MH_EXTERN const mh_domain *mh_referentiel_find_domain(const mh_referentiel *ref, const char *id);
MH_EXTERN const mh_criterion *mh_referentiel_find_criterion(const mh_referentiel *ref,
                                                            const char *id);
MH_EXTERN const mh_indicator *mh_referentiel_find_indicator(const mh_referentiel *ref,
                                                            const char *id);

/* ---- Domains ------------------------------------------------------------ */

MH_EXTERN const char *mh_domain_id(const mh_domain *domain);
MH_EXTERN const char *mh_domain_title(const mh_domain *domain, const char *lang);
MH_EXTERN double mh_domain_weight(const mh_domain *domain);
/** The domain's applicability, or NULL when it applies to every establishment. */
MH_EXTERN const mh_applicability *mh_domain_applies_to(const mh_domain *domain);
MH_EXTERN size_t mh_domain_criterion_count(const mh_domain *domain);
MH_EXTERN const mh_criterion *mh_domain_criterion(const mh_domain *domain, size_t i);

/* ---- Criteria ----------------------------------------------------------- */

MH_EXTERN const char *mh_criterion_id(const mh_criterion *criterion);
MH_EXTERN const char *mh_criterion_title(const mh_criterion *criterion, const char *lang);
/** The description, or NULL. */
MH_EXTERN const char *mh_criterion_description(const mh_criterion *criterion, const char *lang);
MH_EXTERN const mh_domain *mh_criterion_domain(const mh_criterion *criterion);
/** The maturity level 1..N the criterion belongs to. */
MH_EXTERN unsigned mh_criterion_level(const mh_criterion *criterion);
MH_EXTERN double mh_criterion_weight(const mh_criterion *criterion);
/** Nonzero for a mesure prioritaire. */
MH_EXTERN int mh_criterion_priority(const mh_criterion *criterion);
/** Nonzero when its national achievement rate may be published. */
MH_EXTERN int mh_criterion_public(const mh_criterion *criterion);
MH_EXTERN mh_combine mh_criterion_combine(const mh_criterion *criterion);
MH_EXTERN const mh_applicability *mh_criterion_applies_to(const mh_criterion *criterion);
MH_EXTERN size_t mh_criterion_indicator_count(const mh_criterion *criterion);
MH_EXTERN const mh_indicator *mh_criterion_indicator(const mh_criterion *criterion, size_t i);

/* ---- Indicators --------------------------------------------------------- */

MH_EXTERN const char *mh_indicator_id(const mh_indicator *indicator);
MH_EXTERN const char *mh_indicator_question(const mh_indicator *indicator, const char *lang);
/** The help text, or NULL. */
MH_EXTERN const char *mh_indicator_help(const mh_indicator *indicator, const char *lang);
MH_EXTERN const mh_criterion *mh_indicator_criterion(const mh_indicator *indicator);
MH_EXTERN mh_indicator_type mh_indicator_type_of(const mh_indicator *indicator);
MH_EXTERN double mh_indicator_weight(const mh_indicator *indicator);
MH_EXTERN int mh_indicator_na_allowed(const mh_indicator *indicator);
MH_EXTERN const mh_applicability *mh_indicator_applies_to(const mh_indicator *indicator);
/** Position of the indicator in the whole référentiel, 0..indicator_count-1. */
MH_EXTERN size_t mh_indicator_index(const mh_indicator *indicator);

MH_EXTERN mh_scoring_method mh_indicator_scoring(const mh_indicator *indicator);
/** boolean: the expected answer (nonzero for true). */
MH_EXTERN int mh_indicator_expect(const mh_indicator *indicator);
/** choice: its options, in file order. */
MH_EXTERN size_t mh_indicator_option_count(const mh_indicator *indicator);
MH_EXTERN const char *mh_indicator_option_value(const mh_indicator *indicator, size_t i);
MH_EXTERN const char *mh_indicator_option_label(const mh_indicator *indicator, size_t i,
                                                const char *lang);
MH_EXTERN double mh_indicator_option_score(const mh_indicator *indicator, size_t i);
/** MH_SCORING_TARGET: t.  MH_SCORING_WITHIN_DAYS: n. */
MH_EXTERN double mh_indicator_target(const mh_indicator *indicator);
/** MH_SCORING_LINEAR: the bounds a and b. */
MH_EXTERN double mh_indicator_linear_from(const mh_indicator *indicator);
MH_EXTERN double mh_indicator_linear_to(const mh_indicator *indicator);
/** MH_SCORING_STEPS and MH_SCORING_AGE_STEPS: the [threshold, score] pairs. */
MH_EXTERN size_t mh_indicator_step_count(const mh_indicator *indicator);
MH_EXTERN double mh_indicator_step_threshold(const mh_indicator *indicator, size_t i);
MH_EXTERN double mh_indicator_step_score(const mh_indicator *indicator, size_t i);

/** Names for people and files: "boolean", "mean", "target", ... (static strings). */
MH_EXTERN const char *mh_indicator_type_name(mh_indicator_type type);
MH_EXTERN const char *mh_combine_name(mh_combine combine);
MH_EXTERN const char *mh_scoring_method_name(mh_scoring_method method);

/* ---- Applicability ------------------------------------------------------ */

/** The FINESS category codes listed; 0 when categories are not restricted. */
MH_EXTERN size_t mh_applicability_category_count(const mh_applicability *applies);
MH_EXTERN const char *mh_applicability_category(const mh_applicability *applies, size_t i);
/** 1 or 0 when the OSE flag is required to be that value, -1 when not restricted. */
MH_EXTERN int mh_applicability_ose(const mh_applicability *applies);
/** The bed bounds, or -1 when absent. */
MH_EXTERN long mh_applicability_min_beds(const mh_applicability *applies);
MH_EXTERN long mh_applicability_max_beds(const mh_applicability *applies);

#ifdef __cplusplus
}
#endif

#endif
