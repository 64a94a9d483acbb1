/*
 * maturinh/finess_extract.h: the official FINESS establishment extract
 * (`etalab-cs1100507-stock-YYYYMMDD-HHMM.csv`, published on data.gouv.fr)
 * read into the profiles of a campaign's establishments.
 *
 * The extract lists every health and social structure of France, one
 * `structureet` line each (32 `;`-separated fields), beside lines of other
 * types (`geolocalisation`...).  Its first line is metadata,
 * `finess;etalab;N;YYYY-MM-DD`.  Recent files are UTF-8, older ones Latin-1:
 * the reader tells them apart (a file that is valid UTF-8 is read as UTF-8,
 * any other as Latin-1) and hands out UTF-8 only.
 *
 * A `structureet` line gives the FINESS ET and EJ, the name (`rslongue`
 * when `rs` is empty or its beginning cut, else `rs`), the département (the
 * extract's `9A`..`9F` become the INSEE codes 971..976), the region derived
 * from it, and the category.  Lines that are not kept are counted by
 * reason, never errors: another type, a category not kept (or retired, or
 * unknown to the project's table), a territory outside the 18 ARS regions
 * (Wallis-et-Futuna, Saint-Pierre-et-Miquelon...), outside the scope.  A
 * line that is kept and malformed (wrong number of fields, an invalid
 * FINESS, no name, an unknown département) is an error located at
 * FILE:LINE:COLUMN (the field's column, in characters).
 */
#ifndef MATURINH_FINESS_EXTRACT_H
#define MATURINH_FINESS_EXTRACT_H

#include <stddef.h>

#include "categories.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The encoding an extract was found in. */
typedef enum mh_finess_encoding {
        MH_FINESS_ENCODING_UTF8 = 0,  /**< valid UTF-8 (recent files) */
        MH_FINESS_ENCODING_LATIN1 = 1 /**< anything else: read as Latin-1 (2021 and before) */
} mh_finess_encoding;

/** What to keep of the extract, and who imports it. */
typedef struct mh_finess_extract_options {
        unsigned version;     /**< MH_FINESS_EXTRACT_OPTIONS_VERSION */
        const char *user;     /**< who imports: recorded in the history */
        const char *campaign; /**< the campaign, which must exist (import only) */
        const char *region;   /**< keep this INSEE region ("84") only; NULL: every region */
        mh_sector sector;     /**< keep this sector only; MH_SECTOR_UNKNOWN: both */
        /**
         * Keep these category codes only (NULL-terminated, each in the
         * table of categories.h); NULL: every category of the table.
         */
        const char *const *categories;
        void (*progress)(void *context); /**< called after each establishment kept (may be NULL) */
        void *progress_context;
} mh_finess_extract_options;
#define MH_FINESS_EXTRACT_OPTIONS_VERSION 1
#define MH_FINESS_EXTRACT_OPTIONS_INIT                                                             \
        {                                                                                          \
                MH_FINESS_EXTRACT_OPTIONS_VERSION, NULL, NULL, NULL, MH_SECTOR_UNKNOWN, NULL,      \
                    NULL, NULL                                                                     \
        }

/** One establishment kept from the extract; its strings live for the call only. */
typedef struct mh_finess_extract_row {
        unsigned line;           /**< its line in the file */
        const char *finess;      /**< nofinesset */
        const char *finess_ej;   /**< nofinessej, NULL when empty */
        const char *name;        /**< trimmed, runs of spaces made one */
        const char *departement; /**< INSEE code: "01", "2A", "971" */
        const char *region;      /**< INSEE region code, from the département */
        const char *category;    /**< categetab, "355" */
} mh_finess_extract_row;

/** What reading (and importing) an extract did. */
typedef struct mh_finess_extract_result {
        mh_store_stats stats;        /**< import: what changed in the store */
        mh_finess_encoding encoding; /**< the encoding the file was read in */
        size_t kept;                 /**< establishments kept */
        size_t other_type;           /**< lines of another type (geolocalisation...) */
        size_t other_category;       /**< categories not kept, retired or unknown */
        size_t outside_ars;          /**< territories outside the 18 ARS regions */
        size_t outside_scope;        /**< outside options->region */
} mh_finess_extract_result;

/** Lines skipped in all: the sum of the four reasons. */
MH_EXTERN size_t mh_finess_extract_skipped(const mh_finess_extract_result *result);

/**
 * Reads the extract at `path` and calls `fn` for each establishment kept,
 * in file order, until the first error (the rest of the file is still read,
 * so that every error is reported).  A nonzero return of `fn` stops and is
 * returned.  Counts go to `out` (NULL: not wanted).  Returns 0; MH_EINVALID
 * when the file is no extract or a line kept is malformed (all diagnosed);
 * MH_ENOTFOUND (missing or unreadable file), MH_EIO, MH_ENOMEM;
 * MH_EUSAGE for options that make no sense (an unknown category or region).
 */
MH_EXTERN int mh_finess_extract_each(mh_finess_extract_result *out, const char *path,
                                     const mh_finess_extract_options *options,
                                     int (*fn)(const mh_finess_extract_row *row, void *context),
                                     void *context, mh_diagnostics *diags);

/**
 * Imports the extract at `path` into campaign options->campaign of `store`
 * (which must exist), in one transaction: all or nothing.  A new
 * establishment gets the extract's profile; one already held gets the
 * extract's FINESS EJ, name, département, region and category, and keeps
 * its answers, status, beds, OSE and GHT; the history records what
 * changed, as other imports do.  Returns 0; MH_EINVALID (all diagnosed,
 * nothing written: a malformed line, no such campaign, a submitted
 * establishment whose profile would change); MH_ENOTFOUND (missing file),
 * MH_EIO, MH_EBUSY, MH_ENOMEM, MH_EUSAGE.
 */
MH_EXTERN int mh_finess_extract_import(mh_finess_extract_result *out, mh_store *store,
                                       const char *path, const mh_finess_extract_options *options,
                                       mh_diagnostics *diags);

/**
 * The INSEE code of a département as the extract writes it ("9A": "971",
 * "2B": "2B", "75": "75") into `out`.  Returns 0; MH_ENOTFOUND for a
 * territory outside the 18 ARS regions ("9J" Wallis-et-Futuna, "9E"
 * Saint-Pierre-et-Miquelon, "975"...); MH_EINVALID for a code that names
 * nothing.  `out` is set only on success.
 */
MH_EXTERN int mh_finess_extract_departement(char out[4], const char *code);

#ifdef __cplusplus
}
#endif

#endif
