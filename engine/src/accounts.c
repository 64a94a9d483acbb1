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
#include <string.h>

#include "maturinh/accounts.h"
#include "store_internal.h"
#include "util/i18n.h"
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
