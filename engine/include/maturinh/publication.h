/*
 * maturinh/publication.h: ranking, name & praise, and the Observatoire.
 *
 * A population gathers what ranking and publishing need of each scored
 * establishment (its profile, rounded global score, level, completeness,
 * mesures prioritaires, domain scores and the status of the public criteria)
 * and nothing else: answers and comments never enter it, so they cannot
 * leak into anything published from it.  Ranking and aggregates follow
 * docs/publication.md: eligibility, competition ranking on round1(G) then
 * FINESS, praise, exact quantiles, and the disclosure control.
 */
#ifndef MATURINH_PUBLICATION_H
#define MATURINH_PUBLICATION_H

#include <stdio.h>

#include "answers.h"
#include "common.h"
#include "evaluation.h"
#include "referentiel.h"
#include "sheet.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mh_population mh_population;

/** An empty population for `ref` (which must outlive it). */
MH_EXTERN int mh_population_new(mh_population **out, const mh_referentiel *ref);
MH_EXTERN void mh_population_free(mh_population *pop);
/** Adds an establishment and its result (copies what ranking needs). */
MH_EXTERN int mh_population_add(mh_population *pop, const mh_establishment *est,
                                const mh_result *result);
MH_EXTERN size_t mh_population_count(const mh_population *pop);
/** Nonzero when an establishment with this FINESS was already added. */
MH_EXTERN int mh_population_has(const mh_population *pop, const char *finess);
/**
 * The campaign of the population (of its first establishment), or NULL when
 * empty.  A population mixing campaigns is refused by mh_population_add().
 */
MH_EXTERN const char *mh_population_campaign(const mh_population *pop);

/* ---- Scopes ------------------------------------------------------------- */

typedef enum {
        MH_SCOPE_NATIONAL = 0,
        MH_SCOPE_REGION,
        MH_SCOPE_CATEGORY,
        MH_SCOPE_GHT
} mh_scope_kind;

typedef struct mh_scope {
        mh_scope_kind kind;
        char value[64]; /**< the region, category or GHT id; empty for national */
} mh_scope;

/**
 * Parses "national", "region:CODE" (one of the 18 INSEE region codes),
 * "category:CODE" (3 digits) or "ght:ID"; MH_EUSAGE otherwise.
 */
MH_EXTERN int mh_scope_parse(mh_scope *out, const char *text);

/**
 * Nonzero when `est` is in `scope`: every establishment nationally; its
 * region, its category or its GHT otherwise (one without a GHT is in no
 * GHT scope).  The filter of `score --scope` and `export --scope`.
 */
MH_EXTERN int mh_scope_contains(const mh_scope *scope, const mh_establishment *est);

/* ---- Ranking ------------------------------------------------------------ */

typedef struct mh_ranking mh_ranking;

/** One eligible establishment of a ranking (owned by the ranking). */
typedef struct mh_rank_entry {
        unsigned rank; /**< 1 + the number with a strictly greater rounded score */
        const char *finess;
        const char *name;
        const char *region;
        const char *category;
        double score; /**< round1(G) */
        unsigned level;
        int praised; /**< named on the public list */
        unsigned
            praise_rank;  /**< among the praised of the ranking (publication.md); 0: not praised */
        int has_previous; /**< the previous campaign scored it */
        double delta;     /**< round1(G) - round1(G previous) */
} mh_rank_entry;

/**
 * Ranks the eligible establishments of `pop` in `scope`: submitted, global
 * score defined, completeness >= min_completeness; ordered by round1(G)
 * descending then FINESS.  `previous` (may be NULL) is the previous campaign
 * of the same référentiel id, for the progress column.
 */
MH_EXTERN int mh_rank(mh_ranking **out, const mh_population *pop, const mh_scope *scope,
                      const mh_population *previous);
MH_EXTERN void mh_ranking_free(mh_ranking *ranking);
MH_EXTERN size_t mh_ranking_count(const mh_ranking *ranking);
MH_EXTERN const mh_rank_entry *mh_ranking_entry(const mh_ranking *ranking, size_t i);

/** `rank`: MH_FORMAT_TABLE for people, or MH_FORMAT_CSV, the CSV of docs/cli.md (with a
 * delta column last); other formats are MH_EUSAGE. */
MH_EXTERN int mh_ranking_write(const mh_ranking *ranking, mh_format format, FILE *stream,
                               mh_diagnostics *diags);
/**
 * The same columns as rank's CSV (each with its French label), as rows of
 * `sheet` (maturinh/sheet.h), which must have no column yet; the caller
 * closes it.  Returns 0, MH_EIO or MH_ENOMEM (said in `diags`).
 */
MH_EXTERN int mh_ranking_write_sheet(const mh_ranking *ranking, mh_sheet *sheet,
                                     mh_diagnostics *diags);

/* ---- Publication -------------------------------------------------------- */

/** Options of a publication. */
typedef struct mh_publish_options {
        unsigned version; /**< MH_PUBLISH_OPTIONS_VERSION */
        const char *date; /**< printed as the publication date; NULL: none (byte-identical runs) */
} mh_publish_options;
#define MH_PUBLISH_OPTIONS_VERSION 1
#define MH_PUBLISH_OPTIONS_INIT                                                                    \
        {                                                                                          \
                MH_PUBLISH_OPTIONS_VERSION, NULL                                                   \
        }

/**
 * Writes the public files into the existing, empty directory `dir`:
 * palmares.csv, observatoire.csv, observatoire.xml (valid against
 * schemas/maturinh-observatoire-1.xsd) and index.html (self-contained
 * XHTML, in French, charts as inline SVG), then the manifest
 * MH_PUBLICATION_MANIFEST (docs/publication.md).  Every file is written
 * from the same ranking and the same groups after the disclosure control of
 * publication.md.  Returns 0, MH_EIO, MH_ENOMEM, or MH_EUSAGE for an empty
 * population.
 */
MH_EXTERN int mh_publish(const mh_population *pop, const mh_publish_options *options,
                         const char *dir, mh_diagnostics *diags);

/**
 * The manifest mh_publish writes last into every publication: the line
 * "maturinh-publication/1", then the campaign, the référentiel (id, version,
 * SHA-256) and one "file: NAME" line per file it wrote.
 */
#define MH_PUBLICATION_MANIFEST ".maturinh-publication"

/**
 * Whether the folder `dir` is a publication that a new one may replace: it
 * holds a manifest written by mh_publish, and nothing but regular files
 * that manifest lists (and `ignore`, a name the caller keeps there, when
 * not NULL).  Returns 0; MH_EINVALID when it is not one, with the reason
 * against `dir` in diags ("not a folder written by maturinh publish (no
 * .maturinh-publication)", "holds NAME, which maturinh publish did not
 * write"); MH_EIO when it cannot be read; MH_ENOMEM.
 */
MH_EXTERN int mh_publication_check(const char *dir, const char *ignore, mh_diagnostics *diags);

/**
 * The CISO's private report (XHTML): global score, level, domain scores as
 * an SVG radar against the median of the peers of the same category and
 * region in `pop` (when that group is not suppressed), the criterion table
 * and the action plan.  It shows the establishment's own details: it is not
 * for publication.
 */
MH_EXTERN int mh_report_write(const mh_referentiel *ref, const mh_establishment *est,
                              const mh_population *pop, FILE *stream, mh_diagnostics *diags);

#ifdef __cplusplus
}
#endif

#endif
