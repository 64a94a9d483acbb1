/*
 * maturinh/import.h: bringing answers files and establishment lists into
 * the store.
 *
 * One call imports one file, all or nothing: it runs in one transaction,
 * and any error (without keep_going) rolls everything back.  With
 * keep_going, each establishment is all or nothing instead (a savepoint
 * each) and the rejected ones are counted.  Errors are located
 * (FILE:LINE:COLUMN) and name the establishment.
 *
 * Three kinds of file, told apart by their extension and header:
 * - YAML answers (maturinh-answers/1): profile, campaign, status and answers;
 *   the campaign is created on first import with the référentiel given;
 * - CSV answers, `campaign,finess,indicator,value,comment`: one row per
 *   answer, into establishments already held by the campaign;
 * - CSV establishment lists,
 *   `finess,finess_ej,name,region,departement,category,beds,ose,ght`: the
 *   profiles of the campaign's establishments.
 * A CSV carries no référentiel, reference date or status: they are those of
 * the campaign already held in the store (options.campaign), so a CSV can
 * never create a campaign by mistake.
 */
#ifndef MATURINH_IMPORT_H
#define MATURINH_IMPORT_H

#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mh_import_options {
        const char *user;     /**< who imports: recorded in the history */
        int keep_going;       /**< import the valid establishments, reject the others */
        const char *campaign; /**< for CSV files: the campaign, which must exist */
        int status;           /**< for CSV answers: -1 keep, else an mh_submission to set */
        void (*progress)(void *context); /**< called after each establishment (may be NULL) */
        void *progress_context;
} mh_import_options;

/**
 * Imports `path` into `store` against `ref` (for YAML, the référentiel the
 * answers are for; for CSV, the campaign's).  Returns 0 when everything was
 * imported; MH_EINVALID when something was rejected (all diagnosed; nothing
 * written without keep_going); MH_ENOTFOUND, MH_EIO or MH_ENOMEM.
 * `stats` and `rejected` (may be NULL) count what happened.
 */
MH_EXTERN int mh_import_file(mh_store *store, const mh_referentiel *ref, const char *path,
                             const mh_import_options *options, mh_store_stats *stats,
                             size_t *rejected, mh_diagnostics *diags);

#ifdef __cplusplus
}
#endif

#endif
