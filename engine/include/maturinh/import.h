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

/** What a CSV answers import does to the status of the establishments it changes. */
typedef enum {
        MH_IMPORT_STATUS_KEEP = 0, /**< leave it as stored */
        MH_IMPORT_STATUS_DRAFT,    /**< mark them draft */
        MH_IMPORT_STATUS_SUBMITTED /**< mark them submitted */
} mh_import_status;

/** An establishment an import saved as submitted while questions are still unanswered. */
typedef struct mh_import_incomplete {
        const char *path; /**< the file */
        unsigned line;    /**< where its document (YAML) or its first row (CSV) is */
        const char *finess;
        const char *campaign;
        size_t unanswered; /**< questions that concern it without an answer (na is one) */
        size_t total;      /**< questions that concern it */
} mh_import_incomplete;

typedef struct mh_import_options {
        unsigned version;                /**< MH_IMPORT_OPTIONS_VERSION (1 or 2) */
        const char *user;                /**< who imports: recorded in the history */
        int keep_going;                  /**< import the valid establishments, reject the others */
        const char *campaign;            /**< for CSV files: the campaign, which must exist */
        mh_import_status status;         /**< for CSV answers */
        void (*progress)(void *context); /**< called after each establishment (may be NULL) */
        void *progress_context;
        /**
         * Version 2: called for each establishment saved as submitted with
         * unanswered questions, so that the caller can say so (it is kept out
         * of the ranking below the référentiel's min_completeness); NULL for
         * none.  The strings live for the call only.
         */
        void (*incomplete)(const mh_import_incomplete *what, void *context);
        void *incomplete_context;
} mh_import_options;
#define MH_IMPORT_OPTIONS_VERSION 2
#define MH_IMPORT_OPTIONS_INIT                                                                     \
        {                                                                                          \
                MH_IMPORT_OPTIONS_VERSION, NULL, 0, NULL, MH_IMPORT_STATUS_KEEP, NULL, NULL, NULL, \
                    NULL                                                                           \
        }

/** What an import did. */
typedef struct mh_import_result {
        mh_store_stats stats; /**< what changed in the store */
        size_t rejected;      /**< establishments rejected (with keep_going) */
} mh_import_result;

/**
 * Imports `path` into `store` against `ref` (for YAML, the référentiel the
 * answers are for; for CSV, the campaign's), and says in `out` what it did.
 * Returns 0 when the import went through: everything was imported, or with
 * keep_going the valid establishments were (out->rejected counts the
 * others, all diagnosed); MH_EINVALID when something was wrong without
 * keep_going (all diagnosed; nothing written); MH_ENOTFOUND, MH_EIO,
 * MH_EBUSY or MH_ENOMEM (diagnosed).
 */
MH_EXTERN int mh_import_file(mh_import_result *out, mh_store *store, const mh_referentiel *ref,
                             const char *path, const mh_import_options *options,
                             mh_diagnostics *diags);

#ifdef __cplusplus
}
#endif

#endif
