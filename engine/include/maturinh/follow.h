/*
 * maturinh/follow.h: following a campaign from the database, for an ARS
 * analyst: who has not answered yet (the chase list of `maturinh status`)
 * and how establishments moved between two campaigns (`maturinh compare`).
 *
 * Both read the store only and compute everything in memory once: a list
 * (mh_chase, mh_comparison) the caller walks by index, in its final order,
 * then frees.  The CLI writes them as a table, CSV or XLSX; the web front
 * shows the same rows from the same functions.
 */
#ifndef MATURINH_FOLLOW_H
#define MATURINH_FOLLOW_H

#include <stdio.h>

#include "answers.h"
#include "common.h"
#include "evaluation.h"
#include "publication.h"
#include "referentiel.h"
#include "sheet.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- The chase list (status) ---------------------------------------------- */

/** Which establishments the chase list keeps (--only). */
typedef enum mh_chase_only {
        MH_CHASE_ALL = 0,    /**< every one */
        MH_CHASE_DRAFT,      /**< not submitted */
        MH_CHASE_INCOMPLETE, /**< completeness below 1 */
        MH_CHASE_SUBMITTED   /**< submitted */
} mh_chase_only;

/** Parses "draft", "incomplete" or "submitted"; MH_EUSAGE otherwise. */
MH_EXTERN int mh_chase_only_parse(mh_chase_only *out, const char *text);

/** Where an establishment stands, for people. */
typedef enum mh_progress {
        MH_PROGRESS_NOT_STARTED = 0, /**< draft, and no answer ever saved */
        MH_PROGRESS_IN_PROGRESS,     /**< draft, at least one answer saved once */
        MH_PROGRESS_SUBMITTED        /**< submitted */
} mh_progress;

/** "not started", "in progress", "submitted" in the language of the messages. */
MH_EXTERN const char *mh_progress_label(mh_progress progress);

/**
 * Where `est` (held by `store`) stands in the chase list: submitted, in
 * progress (a draft of which an answer was saved once, even if cleared
 * since), or not started.  The one rule of `status` and of the web table.
 * Returns 0 with *out set, or a store error said in `diags`.
 */
MH_EXTERN int mh_chase_progress(mh_progress *out, mh_store *store, const mh_establishment *est,
                                mh_diagnostics *diags);

/** One establishment of the chase list; its strings belong to the list. */
typedef struct mh_chase_row {
        const char *finess;
        const char *name;
        const char *region;   /**< INSEE region code */
        const char *category; /**< FINESS category code */
        mh_submission submission;
        mh_progress progress;
        double completeness;        /**< answered / applicable, in [0, 1] (scoring.md §6) */
        size_t answered;            /**< mh_result_answered_count() */
        size_t applicable;          /**< mh_result_applicable_count() */
        const char *last_change;    /**< UTC YYYY-MM-DDTHH:MM:SSZ of its last save; NULL: none */
        const char *last_change_by; /**< who made it; NULL: none */
        size_t to_confirm;          /**< answers carried over from a campaign before, to confirm */
        const char *contact_name;   /**< the private contact (never published); NULL: none */
        const char *contact_email;  /**< idem */
} mh_chase_row;

typedef struct mh_chase mh_chase;

/**
 * The chase list of `campaign`: its establishments in `scope` (NULL:
 * national) kept by `only`, not started first, then in progress, then
 * submitted; within each, by completeness ascending, then FINESS.  Returns
 * 0 with *out set (free with mh_chase_free()); MH_ENOTFOUND when there is no
 * such campaign, MH_EIO, MH_ENOMEM, the reason in `diags`.
 */
MH_EXTERN int mh_chase_new(mh_chase **out, mh_store *store, const char *campaign,
                           const mh_scope *scope, mh_chase_only only, mh_diagnostics *diags);
MH_EXTERN void mh_chase_free(mh_chase *chase);
MH_EXTERN size_t mh_chase_count(const mh_chase *chase);
/** The i-th row (i < mh_chase_count()), owned by the list. */
MH_EXTERN const mh_chase_row *mh_chase_row_at(const mh_chase *chase, size_t i);
/** How many rows of the list are at `progress`. */
MH_EXTERN size_t mh_chase_count_progress(const mh_chase *chase, mh_progress progress);

/**
 * Calls `fn` for each row of the chase list, in its order (mh_chase_new()
 * then the rows): a nonzero return of `fn` stops and is returned.
 */
MH_EXTERN int mh_chase_each(mh_store *store, const char *campaign, const mh_scope *scope,
                            mh_chase_only only, int (*fn)(const mh_chase_row *row, void *context),
                            void *context, mh_diagnostics *diags);

/**
 * The chase list for people (`maturinh status`), in the language of the
 * messages: a row per establishment, then the count line ("312
 * establishments: 40 not started, 180 in progress, 92 submitted").
 * Returns 0 or MH_EIO (diagnosed).
 */
MH_EXTERN int mh_chase_write_table(const mh_chase *chase, FILE *stream, mh_diagnostics *diags);

/**
 * The chase list as a sheet, the stable columns of docs/cli.md:
 * finess,name,region,category,status,completeness,answered,applicable,last_change.
 * The sheet is not closed.  Returns 0 or the sheet's error.
 */
MH_EXTERN int mh_chase_write_sheet(const mh_chase *chase, mh_sheet *sheet, mh_diagnostics *diags);

/* ---- Comparing two campaigns (compare) ------------------------------------ */

/** One establishment in both campaigns; its pointers belong to the comparison. */
typedef struct mh_compare_row {
        const char *finess;
        const char *name;     /**< from the later campaign's profile */
        const char *region;   /**< idem */
        const char *category; /**< idem */
        double global_before; /**< round1 of the global score (scoring.md §7); NaN: undefined */
        double global_after;  /**< idem */
        double delta;         /**< round1(after) - round1(before), exactly in tenths; NaN */
        unsigned level_before;
        unsigned level_after;
        /** per domain of the later référentiel, in its order: round1(after) -
         *  round1(before); NaN when either side is not applicable or the
         *  domain is not in the earlier référentiel */
        const double *domain_delta;
} mh_compare_row;

/** One criterion of the later référentiel, before and after (--finess). */
typedef struct mh_compare_criterion {
        const mh_domain *domain;       /**< of the later référentiel */
        const mh_criterion *criterion; /**< idem */
        int in_before;                 /**< the earlier référentiel has this criterion id */
        mh_status status_before;       /**< MH_STATUS_NOT_APPLICABLE when !in_before */
        mh_status status_after;
        double score_before; /**< c in [0, 1]; NaN: not applicable or !in_before */
        double score_after;  /**< idem */
} mh_compare_criterion;

typedef struct mh_comparison mh_comparison;

/**
 * Compares campaigns `campaign` and `with` (either order: the earlier
 * reference date is "before"; on the same date, `with` is): one row per
 * establishment held in both, in `scope` (NULL: national) by its later
 * profile, by FINESS.  With `finess` (not NULL), that establishment alone,
 * with its criteria (mh_comparison_criteria()); MH_ENOTFOUND when a
 * campaign does not hold it.  Returns 0 with *out set (free with
 * mh_comparison_free()); MH_ENOTFOUND (no such campaign), MH_EINVALID (the
 * two do not use the same référentiel id), MH_EIO, MH_ENOMEM, the reason in
 * `diags`.
 */
MH_EXTERN int mh_comparison_new(mh_comparison **out, mh_store *store, const char *campaign,
                                const char *with, const mh_scope *scope, const char *finess,
                                mh_diagnostics *diags);
MH_EXTERN void mh_comparison_free(mh_comparison *cmp);
/** The earlier campaign's id and the later one's. */
MH_EXTERN const char *mh_comparison_before(const mh_comparison *cmp);
MH_EXTERN const char *mh_comparison_after(const mh_comparison *cmp);
/** The later campaign's référentiel (the domains of domain_delta), owned by the comparison. */
MH_EXTERN const mh_referentiel *mh_comparison_referentiel(const mh_comparison *cmp);
MH_EXTERN size_t mh_comparison_count(const mh_comparison *cmp);
MH_EXTERN const mh_compare_row *mh_comparison_row_at(const mh_comparison *cmp, size_t i);
/**
 * With `finess` given to mh_comparison_new(): the criteria of the later
 * référentiel, in its order, into *out (owned by the comparison); returns
 * how many (0 without `finess`).
 */
MH_EXTERN size_t mh_comparison_criteria(const mh_comparison *cmp, const mh_compare_criterion **out);

/**
 * Scores people read: the difference of round1(after) and round1(before)
 * computed in whole tenths, so that 41.7 - 38.2 is 3.5 exactly as printed;
 * NaN when either is NaN.
 */
MH_EXTERN double mh_round1_delta(double before, double after);

/**
 * The comparison for people, in the language of the messages: one line per
 * establishment (global before, after, delta, levels); with `finess`, its
 * criteria by domain.  Returns 0 or MH_EIO (diagnosed).
 */
MH_EXTERN int mh_comparison_write_table(const mh_comparison *cmp, FILE *stream,
                                        mh_diagnostics *diags);
/**
 * The comparison as a sheet: the stable columns of docs/cli.md
 * (finess,name,region,category,global_before,global_after,delta,
 * level_before,level_after, then delta:DOMAIN); with `finess`,
 * finess,domain,criterion,status_before,status_after,score_before,score_after.
 * The sheet is not closed.
 */
MH_EXTERN int mh_comparison_write_sheet(const mh_comparison *cmp, mh_sheet *sheet,
                                        mh_diagnostics *diags);

#ifdef __cplusplus
}
#endif

#endif
