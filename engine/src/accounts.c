/*
 * accounts.c: the accounts of the web questionnaire (maturinh/accounts.h):
 * their rules, and their passwords hashed with Argon2id (the only module
 * that includes <sodium.h>).  Their rows are the store's (store.c).
 *
 * crypto_pwhash_str() with OPSLIMIT_INTERACTIVE and MEMLIMIT_INTERACTIVE
 * (2 passes over 64 MiB): libsodium's choice for an interactive login, about
 * 0.07 s per hash (docs/performance.md), which a server that answers one login
 * at a time can afford and which makes each guess of an attacker who has the
 * database as costly.  The hash string holds its own parameters and salt, so
 * stronger ones later still verify the old hashes.
 */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "maturinh/accounts.h"
#include "store_internal.h"
#include "util/i18n.h"
#include "util/sha256.h"
#include "util/text.h"
#include "util/util.h"

static const char *const role_names[] = {"rssi", "ars", "national", "admin"};

int mh_role_parse(mh_role *out, const char *name)
{
        size_t i;

        for (i = 0; name != NULL && i < sizeof(role_names) / sizeof(role_names[0]); i++) {
                if (strcmp(name, role_names[i]) == 0) {
                        if (out != NULL)
                                *out = (mh_role)i;
                        return 0;
                }
        }
        return MH_EINVALID;
}

const char *mh_role_name(mh_role role)
{
        return (unsigned)role < sizeof(role_names) / sizeof(role_names[0]) ? role_names[role]
                                                                           : NULL;
}

/* ---- libsodium ---------------------------------------------------------- */

static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;
static int sodium_ready;
/* the hash an unknown login's password is checked against, so that it costs the same */
static char dummy_hash[crypto_pwhash_STRBYTES];

static void sodium_setup(void)
{
        static const char nothing[] = "no account has this password";

        if (sodium_init() < 0)
                return;
        if (crypto_pwhash_str(dummy_hash, nothing, sizeof(nothing) - 1,
                              crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
                return;
        sodium_ready = 1;
}

static int sodium_start(mh_diagnostics *diags)
{
        pthread_once(&sodium_once, sodium_setup);
        if (!sodium_ready) {
                mh__diag_add(diags, "", 0, 0,
                             "cannot start libsodium (out of memory, or no source of randomness)");
                return MH_EIO;
        }
        return 0;
}

/* The Argon2id hash of `password` into `hash`: 0, or MH_ENOMEM (its 64 MiB). */
static int hash_password(char hash[crypto_pwhash_STRBYTES], const char *password,
                         mh_diagnostics *diags)
{
        int rc;

        if ((rc = sodium_start(diags)) < 0)
                return rc;
        if (crypto_pwhash_str(hash, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
                return mh__diag_nomem(diags);
        return 0;
}

/* ---- The rules ---------------------------------------------------------- */

int mh_login_check(const char *login, mh_diagnostics *diags)
{
        size_t i, n;

        if (login == NULL)
                return MH_EUSAGE;
        n = strlen(login);
        for (i = 0; i < n; i++) {
                char c = login[i];

                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                      c == '-'))
                        break;
        }
        if (n == 0 || n > MH_LOGIN_MAX || i < n) {
                /* the login itself is not shown: it may hold anything */
                mh__diag_add(diags, "", 0, 0,
                             "invalid login: a login has 1 to %d characters among a-z, 0-9, '.', "
                             "'_' and '-'",
                             MH_LOGIN_MAX);
                return MH_EINVALID;
        }
        return 0;
}

int mh_password_check(const char *password, mh_diagnostics *diags)
{
        size_t bytes, characters = 0, i;

        if (password == NULL)
                return MH_EUSAGE;
        bytes = strlen(password);
        for (i = 0; i < bytes; i++)
                characters += ((unsigned char)password[i] & 0xC0) != 0x80;
        if (characters < MH_PASSWORD_MIN) {
                mh__diag_add(diags, "", 0, 0,
                             "the password is too short: it needs at least %d characters",
                             MH_PASSWORD_MIN);
                return MH_EINVALID;
        }
        if (bytes > MH_PASSWORD_MAX) {
                mh__diag_add(diags, "", 0, 0, "the password is too long: at most %d bytes",
                             MH_PASSWORD_MAX);
                return MH_EINVALID;
        }
        return 0;
}

/* The scope the role takes: rssi its FINESS, ars its region, the others neither. */
static int check_scope(const mh_account *account, mh_diagnostics *diags)
{
        int has_region = account->region != NULL && account->region[0] != '\0';
        size_t i;

        switch (account->role) {
        case MH_ROLE_RSSI:
                if (account->n_finess == 0) {
                        mh__diag_add(diags, "", 0, 0,
                                     "an rssi account needs at least one establishment (FINESS)");
                        return MH_EINVALID;
                }
                if (has_region) {
                        mh__diag_add(diags, "", 0, 0,
                                     "an rssi account takes no region: its scope is its "
                                     "establishments");
                        return MH_EINVALID;
                }
                for (i = 0; i < account->n_finess; i++)
                        if (account->finess[i] == NULL ||
                            mh_finess_check(account->finess[i], diags) < 0)
                                return MH_EINVALID;
                return 0;
        case MH_ROLE_ARS:
                if (!has_region) {
                        mh__diag_add(diags, "", 0, 0, "an ars account needs a region");
                        return MH_EINVALID;
                }
                if (account->n_finess > 0) {
                        mh__diag_add(diags, "", 0, 0,
                                     "an ars account takes no establishment: its scope is its "
                                     "region");
                        return MH_EINVALID;
                }
                if (!mh_region_valid(account->region)) {
                        mh__diag_add(diags, "", 0, 0,
                                     "unknown region: expected an INSEE region code (01, 02, 03, "
                                     "04, 06, 11, 24, 27, 28, 32, 44, 52, 53, 75, 76, 84, 93, 94)");
                        return MH_EINVALID;
                }
                return 0;
        case MH_ROLE_NATIONAL:
        case MH_ROLE_ADMIN:
                if (has_region || account->n_finess > 0) {
                        mh__diag_add(diags, "", 0, 0,
                                     "a %s account takes neither establishments nor a region",
                                     mh_role_name(account->role));
                        return MH_EINVALID;
                }
                return 0;
        default:
                return MH_EUSAGE;
        }
}

static int check_name(const char *name, mh_diagnostics *diags)
{
        char why[128];
        size_t n;

        if (name == NULL)
                return 0;
        n = strlen(name);
        /* the one rule of text read from outside (util/text.h), on one line */
        if (n > MH_ACCOUNT_NAME_MAX ||
            mh__text_problem(name, n, MH_TEXT_LINE, why, sizeof(why)) < 0) {
                mh__diag_add(diags, "", 0, 0,
                             "invalid name: at most %d bytes of UTF-8 text, without control "
                             "characters",
                             MH_ACCOUNT_NAME_MAX);
                return MH_EINVALID;
        }
        return 0;
}

int mh_account_check(const mh_account *account, mh_diagnostics *diags)
{
        int rc;

        if (account == NULL || account->login == NULL || mh_role_name(account->role) == NULL ||
            (account->n_finess > 0 && account->finess == NULL))
                return MH_EUSAGE;
        if ((rc = mh_login_check(account->login, diags)) < 0 ||
            (rc = check_scope(account, diags)) < 0 || (rc = check_name(account->name, diags)) < 0)
                return rc;
        return 0;
}

/* ---- The accounts ------------------------------------------------------- */

int mh_account_add(mh_store *store, const mh_account *account, const char *password,
                   mh_diagnostics *diags)
{
        char hash[crypto_pwhash_STRBYTES];
        mh_account copy;
        int rc;

        if (store == NULL || password == NULL)
                return MH_EUSAGE;
        if ((rc = mh_account_check(account, diags)) < 0 ||
            (rc = mh_password_check(password, diags)) < 0)
                return rc;
        copy = *account;
        if (copy.region != NULL && copy.region[0] == '\0')
                copy.region = NULL;
        if (copy.name != NULL && copy.name[0] == '\0')
                copy.name = NULL;
        if ((rc = hash_password(hash, password, diags)) < 0)
                return rc;
        rc = mh__store_account_insert(store, &copy, hash, diags);
        sodium_memzero(hash, sizeof(hash));
        return rc;
}

int mh_account_list(mh_store *store, mh_account_fn fn, void *context, mh_diagnostics *diags)
{
        if (store == NULL || fn == NULL)
                return MH_EUSAGE;
        return mh__store_account_each(store, fn, context, diags);
}

int mh_account_set_password(mh_store *store, const char *login, const char *password,
                            mh_diagnostics *diags)
{
        char hash[crypto_pwhash_STRBYTES];
        int rc;

        if (store == NULL || login == NULL || password == NULL)
                return MH_EUSAGE;
        if ((rc = mh_login_check(login, diags)) < 0 ||
            (rc = mh_password_check(password, diags)) < 0)
                return rc;
        /* an unknown login is said before the hash is spent */
        if ((rc = mh__store_account_hash(store, login, hash, sizeof(hash), diags)) < 0) {
                if (rc == MH_ENOTFOUND)
                        mh__diag_add(diags, "", 0, 0, "no account '%s' in %s", login,
                                     mh__store_path(store));
                return rc;
        }
        if ((rc = hash_password(hash, password, diags)) < 0)
                return rc;
        rc = mh__store_account_set_hash(store, login, hash, diags);
        sodium_memzero(hash, sizeof(hash));
        return rc;
}

int mh_account_remove(mh_store *store, const char *login, mh_diagnostics *diags)
{
        int rc;

        if (store == NULL || login == NULL)
                return MH_EUSAGE;
        if ((rc = mh_login_check(login, diags)) < 0)
                return rc;
        return mh__store_account_delete(store, login, diags);
}

int mh_account_check_password(mh_store *store, const char *login, const char *password,
                              mh_diagnostics *diags)
{
        char hash[crypto_pwhash_STRBYTES];
        int rc, found = 0, right;
        size_t length;

        if (store == NULL || login == NULL || password == NULL)
                return MH_EUSAGE;
        if ((rc = sodium_start(diags)) < 0)
                return rc;
        if (mh_login_check(login, NULL) == 0) {
                rc = mh__store_account_hash(store, login, hash, sizeof(hash), diags);
                if (rc < 0 && rc != MH_ENOTFOUND)
                        return rc;
                found = rc == 0;
        }
        if (!found)
                memcpy(hash, dummy_hash, sizeof(hash));
        /* a password over the limit is checked as one of the limit's length: same cost */
        length = strlen(password);
        if (length > MH_PASSWORD_MAX)
                length = MH_PASSWORD_MAX;
        right = crypto_pwhash_str_verify(hash, password, length) == 0 &&
                strlen(password) <= MH_PASSWORD_MAX;
        sodium_memzero(hash, sizeof(hash));
        if (found && right)
                return 0;
        mh__diag_add(diags, "", 0, 0, "wrong login or password");
        return MH_EINVALID;
}

/* ---- Sessions ----------------------------------------------------------- */

struct mh_session {
        char id[MH_TOKEN_SIZE]; /* the cookie value: only after a login ("" otherwise) */
        char csrf_token[MH_TOKEN_SIZE];
        mh_account account; /* a view of the strings below */
        char *login, *name, *region, **finess;
        size_t n_finess;
};

void mh_session_free(mh_session *session)
{
        size_t i;

        if (session == NULL)
                return;
        mh__free(session->login);
        mh__free(session->name);
        mh__free(session->region);
        for (i = 0; i < session->n_finess; i++)
                mh__free(session->finess[i]);
        mh__free(session->finess);
        sodium_memzero(session->id, sizeof(session->id));
        sodium_memzero(session->csrf_token, sizeof(session->csrf_token));
        mh__free(session);
}

/* A copy of `s`, NULL staying NULL; *failed set when out of memory. */
static char *copy_or_null(const char *s, int *failed)
{
        char *copy;

        if (s == NULL)
                return NULL;
        if ((copy = mh__strdup(s)) == NULL)
                *failed = 1;
        return copy;
}

/* mh__store_account_find()'s callback: copies the account into the session. */
static int copy_account(const mh_account *account, void *context)
{
        mh_session *session = context;
        size_t i;
        int failed = 0;

        session->login = copy_or_null(account->login, &failed);
        session->name = copy_or_null(account->name, &failed);
        session->region = copy_or_null(account->region, &failed);
        if (account->n_finess > 0) {
                if ((session->finess = mh__malloc(account->n_finess * sizeof(char *))) == NULL)
                        return MH_ENOMEM;
                for (i = 0; i < account->n_finess; i++) {
                        session->finess[i] = copy_or_null(account->finess[i], &failed);
                        session->n_finess++;
                }
        }
        if (failed)
                return MH_ENOMEM;
        session->account.login = session->login;
        session->account.role = account->role;
        session->account.name = session->name;
        session->account.region = session->region;
        session->account.finess = (const char *const *)session->finess;
        session->account.n_finess = session->n_finess;
        session->account.created_at = NULL;
        return 0;
}

/* A new session object for `login`, its account read from the store. */
static int session_new(mh_session **out, mh_store *store, const char *login, const char *csrf_token,
                       mh_diagnostics *diags)
{
        mh_session *session = mh__malloc(sizeof(*session));
        int rc;

        if (session == NULL)
                return mh__diag_nomem(diags);
        memset(session, 0, sizeof(*session));
        snprintf(session->csrf_token, sizeof(session->csrf_token), "%s", csrf_token);
        if ((rc = mh__store_account_find(store, login, copy_account, session, diags)) < 0) {
                mh_session_free(session);
                return rc == MH_ENOMEM ? mh__diag_nomem(diags) : rc;
        }
        *out = session;
        return 0;
}

/* 32 random bytes in base64url without padding: 43 characters. */
static void random_token(char token[MH_TOKEN_SIZE])
{
        unsigned char bytes[32];

        randombytes_buf(bytes, sizeof(bytes));
        sodium_bin2base64(token, MH_TOKEN_SIZE, bytes, sizeof(bytes),
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING);
        sodium_memzero(bytes, sizeof(bytes));
}

/* The SHA-256 of a cookie value, as the store keeps it. */
static int id_hash(unsigned char hash[32], const char *id, mh_diagnostics *diags)
{
        char hex[MH_SHA256_HEX_SIZE];

        if (mh__sha256_hex(hex, id, strlen(id)) < 0 ||
            sodium_hex2bin(hash, 32, hex, 64, NULL, NULL, NULL) != 0)
                return mh__diag_nomem(diags);
        return 0;
}

/*
 * Whether `login` is locked out: its last MH_LOGIN_FAILURES_MAX failures
 * within MH_LOGIN_LOCK_SECONDS of each other, the last of them less than
 * MH_LOGIN_LOCK_SECONDS ago.  *minutes is then how long it stays so,
 * rounded up.
 */
static int locked_out(mh_store *store, const char *login, long long now, int *locked,
                      long long *minutes, mh_diagnostics *diags)
{
        long long at[MH_LOGIN_FAILURES_MAX];
        size_t n = 0;
        int rc;

        *locked = 0;
        if ((rc = mh__store_login_failures(store, login, at, MH_LOGIN_FAILURES_MAX, &n, diags)) < 0)
                return rc;
        if (n == MH_LOGIN_FAILURES_MAX && at[0] - at[n - 1] <= MH_LOGIN_LOCK_SECONDS &&
            now - at[0] < MH_LOGIN_LOCK_SECONDS) {
                long long left = MH_LOGIN_LOCK_SECONDS - (now - at[0]);

                *locked = 1;
                *minutes = (left + 59) / 60;
        }
        return 0;
}

int mh_session_login(mh_session **out, mh_store *store, const char *login, const char *password,
                     mh_diagnostics *diags)
{
        unsigned char hash[32];
        char csrf_token[MH_TOKEN_SIZE];
        mh_session *session = NULL;
        long long minutes = 0;
        int rc, locked, valid;

        if (out == NULL || store == NULL || login == NULL || password == NULL)
                return MH_EUSAGE;
        if ((rc = sodium_start(diags)) < 0)
                return rc;
        valid = mh_login_check(login, NULL) == 0;
        if (valid) {
                if ((rc = locked_out(store, login, (long long)time(NULL), &locked, &minutes,
                                     diags)) < 0)
                        return rc;
                if (locked) {
                        if (minutes == 1)
                                mh__diag_add(diags, "", 0, 0,
                                             "too many failed logins: try again in 1 minute");
                        else
                                mh__diag_add(diags, "", 0, 0,
                                             "too many failed logins: try again in %lld minutes",
                                             minutes);
                        return MH_ELOCKED;
                }
        }
        if ((rc = mh_account_check_password(store, login, password, diags)) < 0) {
                /* an invalid login cannot exist, and is not worth a row */
                if (rc == MH_EINVALID && valid) {
                        int failed = mh__store_login_failure_add(store, login, diags);

                        if (failed < 0)
                                return failed;
                }
                return rc;
        }
        if ((rc = mh_store_begin(store, diags)) < 0)
                return rc;
        if ((rc = mh__store_login_failures_clear(store, login, diags)) == 0) {
                random_token(csrf_token);
                if ((rc = session_new(&session, store, login, csrf_token, diags)) == 0) {
                        random_token(session->id);
                        if ((rc = id_hash(hash, session->id, diags)) == 0)
                                rc =
                                    mh__store_session_insert(store, hash, login, csrf_token, diags);
                }
        }
        if (rc == 0)
                rc = mh_store_commit(store, diags);
        if (rc < 0) {
                mh_store_rollback(store, NULL);
                mh_session_free(session);
                return rc;
        }
        *out = session;
        return 0;
}

int mh_session_resume(mh_session **out, mh_store *store, const char *id, mh_diagnostics *diags)
{
        unsigned char hash[32];
        char login[MH_LOGIN_MAX + 1], csrf_token[MH_TOKEN_SIZE];
        long long created_at, last_seen, now = (long long)time(NULL);
        int rc;

        if (out == NULL || store == NULL)
                return MH_EUSAGE;
        if (id == NULL || strlen(id) != MH_TOKEN_SIZE - 1)
                return MH_ENOTFOUND; /* no cookie, or not one of ours */
        if ((rc = id_hash(hash, id, diags)) < 0)
                return rc;
        if ((rc = mh__store_session_find(store, hash, login, sizeof(login), csrf_token,
                                         sizeof(csrf_token), &created_at, &last_seen, diags)) < 0)
                return rc;
        if (now - last_seen >= MH_SESSION_IDLE_SECONDS ||
            now - created_at >= MH_SESSION_MAX_SECONDS) {
                if ((rc = mh__store_session_delete(store, hash, diags)) < 0)
                        return rc;
                return MH_ENOTFOUND;
        }
        /* a write per request would serialize the readers behind it: once a minute is enough */
        if (now - last_seen >= 60 && (rc = mh__store_session_touch(store, hash, diags)) < 0)
                return rc;
        return session_new(out, store, login, csrf_token, diags);
}

int mh_session_end(mh_store *store, const char *id, mh_diagnostics *diags)
{
        unsigned char hash[32];
        int rc;

        if (store == NULL || id == NULL)
                return MH_EUSAGE;
        if ((rc = id_hash(hash, id, diags)) < 0)
                return rc;
        return mh__store_session_delete(store, hash, diags);
}

const char *mh_session_id(const mh_session *session)
{
        return session != NULL && session->id[0] != '\0' ? session->id : NULL;
}

const char *mh_session_csrf_token(const mh_session *session)
{
        return session != NULL ? session->csrf_token : NULL;
}

int mh_session_csrf_valid(const mh_session *session, const char *token)
{
        /* the length is no secret: every token has the same */
        if (session == NULL || token == NULL || strlen(token) != MH_TOKEN_SIZE - 1)
                return 0;
        return sodium_memcmp(token, session->csrf_token, MH_TOKEN_SIZE - 1) == 0;
}

const mh_account *mh_session_account(const mh_session *session)
{
        return session != NULL ? &session->account : NULL;
}

int mh_account_covers(const mh_account *account, const char *finess, const char *region)
{
        size_t i;

        if (account == NULL)
                return 0;
        switch (account->role) {
        case MH_ROLE_RSSI:
                for (i = 0; finess != NULL && i < account->n_finess; i++)
                        if (strcmp(account->finess[i], finess) == 0)
                                return 1;
                return 0;
        case MH_ROLE_ARS:
                return account->region != NULL && region != NULL &&
                       strcmp(account->region, region) == 0;
        case MH_ROLE_NATIONAL:
                return 1;
        case MH_ROLE_ADMIN:
                return 0;
        }
        return 0;
}

int mh_account_writes_answers(const mh_account *account)
{
        return account != NULL && account->role == MH_ROLE_RSSI;
}
