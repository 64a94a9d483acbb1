/*
 * maturinh/accounts.h: the accounts of the web questionnaire (maturinh
 * serve), kept in the store (docs/security.md, "Accounts").
 *
 * An account is a login, a role and its scope:
 *   - rssi:     the establishments it names (one or more FINESS), every campaign;
 *   - ars:      every establishment of its region (an INSEE region code);
 *   - national: every establishment;
 *   - admin:    the accounts only (no answers).
 * Its password is kept only as an Argon2id hash (libsodium's
 * crypto_pwhash_str, OPSLIMIT and MEMLIMIT "interactive"), never as given.
 *
 * Every function returns 0 or a negative MH_E* code and, on failure, adds
 * the reason to `diags` (without a source).
 */
#ifndef MATURINH_ACCOUNTS_H
#define MATURINH_ACCOUNTS_H

#include <stddef.h>

#include "common.h"
#include "store.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A login has 1 to MH_LOGIN_MAX characters among a-z, 0-9, '.', '_' and '-'. */
#define MH_LOGIN_MAX 64
/** A password has at least MH_PASSWORD_MIN characters and at most MH_PASSWORD_MAX bytes. */
#define MH_PASSWORD_MIN 12
#define MH_PASSWORD_MAX 1024
/** A name (for people) has at most MH_ACCOUNT_NAME_MAX bytes, no control character. */
#define MH_ACCOUNT_NAME_MAX 200

typedef enum mh_role {
        MH_ROLE_RSSI,     /**< the establishments of its FINESS list */
        MH_ROLE_ARS,      /**< the establishments of its region */
        MH_ROLE_NATIONAL, /**< every establishment */
        MH_ROLE_ADMIN     /**< the accounts, no answers */
} mh_role;

/** Parses "rssi", "ars", "national" or "admin"; returns 0 or MH_EINVALID (nothing diagnosed). */
MH_EXTERN int mh_role_parse(mh_role *out, const char *name);
/** The name of a role ("rssi"...), NULL for none. */
MH_EXTERN const char *mh_role_name(mh_role role);

/** An account as given to mh_account_add() and as mh_account_list() shows it. */
typedef struct mh_account {
        const char *login;
        mh_role role;
        const char *name;          /**< for people, NULL for none */
        const char *region;        /**< ars: its INSEE region code; NULL otherwise */
        const char *const *finess; /**< rssi: its establishments; NULL otherwise */
        size_t n_finess;           /**< how many `finess` holds */
        const char *created_at;    /**< YYYY-MM-DDTHH:MM:SSZ (ignored by _add) */
} mh_account;

/** Checks a login against its rule: 0, or MH_EINVALID with the rule in `diags`. */
MH_EXTERN int mh_login_check(const char *login, mh_diagnostics *diags);
/** Checks a password's length: 0, or MH_EINVALID with the rule in `diags` (never the password). */
MH_EXTERN int mh_password_check(const char *password, mh_diagnostics *diags);

/**
 * Checks an account against the rules of mh_account_add() (its login, its
 * role's scope, its name), without its password: 0, or MH_EINVALID with the
 * rule broken in `diags`.
 */
MH_EXTERN int mh_account_check(const mh_account *account, mh_diagnostics *diags);

/**
 * Adds an account with `password` (hashed: Argon2id).  The login, the
 * password, the role's scope (rssi: one or more valid FINESS and no region;
 * ars: a region and no FINESS; national and admin: neither) and the name are
 * checked first: MH_EINVALID with the rule broken.  An account that exists
 * already is MH_EINVALID too ("account 'x' already exists"): it is never
 * replaced.
 */
MH_EXTERN int mh_account_add(mh_store *store, const mh_account *account, const char *password,
                             mh_diagnostics *diags);

/** Called for each account by mh_account_list(), by login; 0 to go on, nonzero to stop. */
typedef int (*mh_account_fn)(const mh_account *account, void *context);

/**
 * Calls `fn` for each account, in the order of their logins (the hashes are
 * never given out).  Returns 0, what `fn` returned when it stopped, or an
 * MH_E* code.
 */
MH_EXTERN int mh_account_list(mh_store *store, mh_account_fn fn, void *context,
                              mh_diagnostics *diags);

/**
 * Gives the account `login` the password `password` (checked as by
 * mh_account_add()).  MH_ENOTFOUND when there is no such account.
 */
MH_EXTERN int mh_account_set_password(mh_store *store, const char *login, const char *password,
                                      mh_diagnostics *diags);

/**
 * Removes the account `login` (its FINESS list and its sessions go with it).
 * MH_ENOTFOUND when there is no such account.
 */
MH_EXTERN int mh_account_remove(mh_store *store, const char *login, mh_diagnostics *diags);

/**
 * Checks `password` for `login`, in constant time (crypto_pwhash_str_verify):
 * an unknown or invalid login costs the same as a wrong password (it is
 * checked against a hash of nothing) and gets the same answer, MH_EINVALID
 * with "wrong login or password".  Returns 0 when it is right.
 */
MH_EXTERN int mh_account_check_password(mh_store *store, const char *login, const char *password,
                                        mh_diagnostics *diags);

/* ---- Sessions (maturinh serve) ------------------------------------------ */

/** A session ends after this long without a request... */
#define MH_SESSION_IDLE_SECONDS (30 * 60)
/** ...and this long after its login, whatever happens. */
#define MH_SESSION_MAX_SECONDS (12 * 60 * 60)
/** After this many failed logins for one login within MH_LOGIN_LOCK_SECONDS... */
#define MH_LOGIN_FAILURES_MAX 5
/** ...that login is refused for this long, even with the right password. */
#define MH_LOGIN_LOCK_SECONDS (15 * 60)
/**
 * A session id and a CSRF token are 32 random bytes (randombytes_buf) in
 * base64url without padding: 43 characters, plus the terminating NUL.
 */
#define MH_TOKEN_SIZE 44

typedef struct mh_session mh_session;

/**
 * Logs in: when `login` is not locked out, checks its password
 * (mh_account_check_password()), and on success creates a session (its id
 * stored only as a SHA-256, its CSRF token, created and last seen now) and
 * forgets the login's failures.  A failure is recorded for a valid login
 * whether it exists or not (an attacker learns nothing from the lock-out).
 * Returns 0 with *out set; MH_EINVALID with "wrong login or password";
 * MH_ELOCKED with "too many failed logins: try again in N minutes" when
 * MH_LOGIN_FAILURES_MAX failures within MH_LOGIN_LOCK_SECONDS were recorded
 * and the last of them less than MH_LOGIN_LOCK_SECONDS ago (the password is
 * then not even checked, nor the attempt recorded); MH_EBUSY, MH_EIO.
 */
MH_EXTERN int mh_session_login(mh_session **out, mh_store *store, const char *login,
                               const char *password, mh_diagnostics *diags);

/**
 * Finds the session of cookie value `id`: MH_ENOTFOUND (not diagnosed) when
 * there is none, or it has expired (idle for MH_SESSION_IDLE_SECONDS, or
 * MH_SESSION_MAX_SECONDS after its login: then it is deleted).  Otherwise
 * 0, *out set, and its last request noted (written at most once a minute).
 */
MH_EXTERN int mh_session_resume(mh_session **out, mh_store *store, const char *id,
                                mh_diagnostics *diags);

/** Ends (deletes) the session of cookie value `id`; an unknown one is not an error. */
MH_EXTERN int mh_session_end(mh_store *store, const char *id, mh_diagnostics *diags);

MH_EXTERN void mh_session_free(mh_session *session);

/** The cookie value: only from mh_session_login() (the store keeps only its hash); else NULL. */
MH_EXTERN const char *mh_session_id(const mh_session *session);
/** The session's CSRF token (43 characters). */
MH_EXTERN const char *mh_session_csrf_token(const mh_session *session);
/** Nonzero when `token` is the session's CSRF token (compared in constant time). */
MH_EXTERN int mh_session_csrf_valid(const mh_session *session, const char *token);
/** The account of the session, its FINESS list and region included; owned by the session. */
MH_EXTERN const mh_account *mh_session_account(const mh_session *session);

/**
 * Nonzero when `account` may see the establishment of FINESS `finess` in
 * region `region`: rssi one of its FINESS, ars its region, national every
 * one; admin none.
 */
MH_EXTERN int mh_account_covers(const mh_account *account, const char *finess, const char *region);
/** Nonzero when `account` may change answers (rssi, within its scope). */
MH_EXTERN int mh_account_writes_answers(const mh_account *account);

#ifdef __cplusplus
}
#endif

#endif
