/*
 * store_internal.h: what the importer needs of the store beyond its public
 * API.  Never installed.
 */
#ifndef MH_STORE_INTERNAL_H
#define MH_STORE_INTERNAL_H

#include "maturinh/accounts.h"
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

/*
 * The rows of the accounts (accounts.c checks them and hashes the passwords).
 * Each returns 0 or an MH_E* code with the reason in `diags`.
 */
/** Inserts a checked account with its hash; MH_EINVALID when the login exists. */
int mh__store_account_insert(mh_store *store, const mh_account *account, const char *hash,
                             mh_diagnostics *diags);
/** The hash of `login` into `hash` (`size` bytes); MH_ENOTFOUND, not diagnosed, when absent. */
int mh__store_account_hash(mh_store *store, const char *login, char *hash, size_t size,
                           mh_diagnostics *diags);
/** Replaces the hash of `login`; MH_ENOTFOUND when there is no such account. */
int mh__store_account_set_hash(mh_store *store, const char *login, const char *hash,
                               mh_diagnostics *diags);
/** Deletes `login` (its FINESS and sessions cascade); MH_ENOTFOUND when absent. */
int mh__store_account_delete(mh_store *store, const char *login, mh_diagnostics *diags);
/** mh_account_list(). */
int mh__store_account_each(mh_store *store, mh_account_fn fn, void *context, mh_diagnostics *diags);

/** Calls `fn` once with the account `login`; MH_ENOTFOUND, not diagnosed, when absent. */
int mh__store_account_find(mh_store *store, const char *login, mh_account_fn fn, void *context,
                           mh_diagnostics *diags);

/*
 * The rows of the sessions and failed logins (accounts.c decides what they
 * mean).  Times come back as seconds since the epoch; the store writes now,
 * UTC, like the rest of its times.
 */
/** The times of the latest `max` failed logins of `login`, newest first, into `at`. */
int mh__store_login_failures(mh_store *store, const char *login, long long *at, size_t max,
                             size_t *count, mh_diagnostics *diags);
/** Records a failed login of `login` now, and forgets those of every login over an hour old. */
int mh__store_login_failure_add(mh_store *store, const char *login, mh_diagnostics *diags);
/** Forgets the failed logins of `login`. */
int mh__store_login_failures_clear(mh_store *store, const char *login, mh_diagnostics *diags);
/** A new session of `login`, created and last seen now. */
int mh__store_session_insert(mh_store *store, const unsigned char id_hash[32], const char *login,
                             const char *csrf_token, mh_diagnostics *diags);
/** The session of `id_hash`; MH_ENOTFOUND, not diagnosed, when there is none. */
int mh__store_session_find(mh_store *store, const unsigned char id_hash[32], char *login,
                           size_t login_size, char *csrf_token, size_t csrf_size,
                           long long *created_at, long long *last_seen, mh_diagnostics *diags);
/** Notes a request of the session now. */
int mh__store_session_touch(mh_store *store, const unsigned char id_hash[32],
                            mh_diagnostics *diags);
/** Deletes the session (none is not an error). */
int mh__store_session_delete(mh_store *store, const unsigned char id_hash[32],
                             mh_diagnostics *diags);

#endif
