/*
 * store_internal.h: what the importer needs of the store beyond its public
 * API.  Never installed.
 */
#ifndef MH_STORE_INTERNAL_H
#define MH_STORE_INTERNAL_H

#include "maturinh/store.h"

/**
 * mh_store_save() when the caller already holds the stored establishment
 * (`stored`, NULL when it is not in the store): saves reading nothing back.
 * The campaign must have been checked.
 */
int mh__store_save_over(mh_store *store, const mh_establishment *est,
                        const mh_establishment *stored, const char *user, mh_store_stats *stats,
                        mh_diagnostics *diags);

/**
 * Explains the store's last failure in `why` (a read-only database, a full
 * disk, an I/O error, another writer that held it too long...) and returns
 * its MH_E* code.
 */
int mh__store_why(mh_store *store, char *why, size_t why_size);

/** The path the store was opened with. */
const char *mh__store_path(const mh_store *store);

#endif
