/*
 * test_accounts.c: the accounts of the web questionnaire through the public
 * API (maturinh/accounts.h), checked from outside with SQLite itself: each
 * rule, duplicates refused, passwords kept only as Argon2id hashes, checked
 * right, wrong and for an unknown login, changed, and accounts removed with
 * their FINESS.  Argon2id is slow under AddressSanitizer: few hashes.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <maturinh.h>

#include "testutil.h"

static char db_path[256];
static mh_store *store;
static mh_diagnostics *diags;

static const char password[] = "correct horse battery staple";

static int setup(void **state)
{
        (void)state;
        tu_temp_db(db_path, sizeof(db_path), "accounts");
        assert_int_equal(mh_diagnostics_new(&diags), 0);
        assert_int_equal(mh_store_open(&store, db_path, diags), 0);
        return 0;
}

static int teardown(void **state)
{
        (void)state;
        mh_store_close(store);
        mh_diagnostics_free(diags);
        tu_remove_db(db_path);
        return 0;
}

/* The first diagnostic's message, then forgets them all. */
static const char *first_message(void)
{
        static char message[MH_ERROR_MESSAGE_MAX];

        assert_true(mh_diagnostics_count(diags) > 0);
        snprintf(message, sizeof(message), "%s", mh_diagnostics_get(diags, 0)->message);
        mh_diagnostics_clear(diags);
        return message;
}

/* One text value read with SQLite itself, into `out` ("" for none). */
static void sql_text(const char *statement, const char *login, char *out, size_t size)
{
        sqlite3 *db = NULL;
        sqlite3_stmt *stmt = NULL;

        assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
        assert_int_equal(sqlite3_prepare_v2(db, statement, -1, &stmt, NULL), SQLITE_OK);
        sqlite3_bind_text(stmt, 1, login, -1, SQLITE_STATIC);
        out[0] = '\0';
        if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != NULL)
                snprintf(out, size, "%s", (const char *)sqlite3_column_text(stmt, 0));
        sqlite3_finalize(stmt);
        sqlite3_close(db);
}

static int sql_count(const char *statement, const char *login)
{
        char text[32];

        sql_text(statement, login, text, sizeof(text));
        return atoi(text);
}

static const char *const two_finess[] = {"750712184", "010008407"};

static mh_account rssi(const char *login)
{
        mh_account a;

        memset(&a, 0, sizeof(a));
        a.login = login;
        a.role = MH_ROLE_RSSI;
        a.name = "Jeanne Dupont";
        a.finess = two_finess;
        a.n_finess = 2;
        return a;
}

static void test_roles(void **state)
{
        mh_role role;

        (void)state;
        assert_int_equal(mh_role_parse(&role, "ars"), 0);
        assert_int_equal(role, MH_ROLE_ARS);
        assert_int_equal(mh_role_parse(&role, "admin"), 0);
        assert_int_equal(role, MH_ROLE_ADMIN);
        assert_int_equal(mh_role_parse(&role, "RSSI"), MH_EINVALID);
        assert_int_equal(mh_role_parse(&role, ""), MH_EINVALID);
        assert_string_equal(mh_role_name(MH_ROLE_NATIONAL), "national");
        assert_null(mh_role_name((mh_role)42));
}

/* Every rule, each refused before any hash is spent. */
static void test_rules(void **state)
{
        static const char *const bad_finess[] = {"750712185"};
        char long_login[MH_LOGIN_MAX + 2], long_password[MH_PASSWORD_MAX + 2];
        mh_account a;

        (void)state;
        assert_int_equal(mh_login_check("j.dupont_2-x", diags), 0);
        memset(long_login, 'a', sizeof(long_login) - 1);
        long_login[sizeof(long_login) - 1] = '\0';
        assert_int_equal(mh_login_check(long_login, diags), MH_EINVALID);
        assert_string_equal(first_message(), "invalid login: a login has 1 to 64 characters among "
                                             "a-z, 0-9, '.', '_' and '-'");
        long_login[MH_LOGIN_MAX] = '\0';
        assert_int_equal(mh_login_check(long_login, diags), 0);
        assert_int_equal(mh_login_check("", diags), MH_EINVALID);
        mh_diagnostics_clear(diags);
        assert_int_equal(mh_login_check("Jdupont", diags), MH_EINVALID);
        mh_diagnostics_clear(diags);
        assert_int_equal(mh_login_check("j dupont", diags), MH_EINVALID);
        mh_diagnostics_clear(diags);

        assert_int_equal(mh_password_check("12345678901", diags), MH_EINVALID);
        assert_string_equal(first_message(),
                            "the password is too short: it needs at least 12 characters");
        assert_int_equal(mh_password_check("123456789012", diags), 0);
        /* characters, not bytes: 11 accented letters are 22 bytes but too short */
        assert_int_equal(mh_password_check("ééééééééééé", diags), MH_EINVALID);
        mh_diagnostics_clear(diags);
        memset(long_password, 'x', sizeof(long_password) - 1);
        long_password[sizeof(long_password) - 1] = '\0';
        assert_int_equal(mh_password_check(long_password, diags), MH_EINVALID);
        assert_string_equal(first_message(), "the password is too long: at most 1024 bytes");
        long_password[MH_PASSWORD_MAX] = '\0';
        assert_int_equal(mh_password_check(long_password, diags), 0);

        a = rssi("j dupont");
        assert_int_equal(mh_account_add(store, &a, password, diags), MH_EINVALID);
        mh_diagnostics_clear(diags);
        a = rssi("jdupont");
        assert_int_equal(mh_account_add(store, &a, "short", diags), MH_EINVALID);
        assert_string_equal(first_message(),
                            "the password is too short: it needs at least 12 characters");
        a.n_finess = 0;
        assert_int_equal(mh_account_add(store, &a, password, diags), MH_EINVALID);
        assert_string_equal(first_message(),
                            "an rssi account needs at least one establishment (FINESS)");
        a = rssi("jdupont");
        a.region = "11";
        assert_int_equal(mh_account_add(store, &a, password, diags), MH_EINVALID);
        assert_string_equal(first_message(),
                            "an rssi account takes no region: its scope is its establishments");
        a = rssi("jdupont");
        a.finess = bad_finess;
        a.n_finess = 1;
        assert_int_equal(mh_account_add(store, &a, password, diags), MH_EINVALID);
        assert_non_null(strstr(first_message(), "Luhn key of 75071218 is 4"));
        a = rssi("jdupont");
        a.name = "Jeanne\nDupont";
        assert_int_equal(mh_account_add(store, &a, password, diags), MH_EINVALID);
        assert_string_equal(first_message(), "invalid name: at most 200 bytes of UTF-8 text, "
                                             "without control characters");
        /* the one rule of outside text: a C1 control and a noncharacter too (a bidi
         * override is text, shown escaped on a terminal) */
        a.name = "Jeanne \xc2\x9b Dupont";
        assert_int_equal(mh_account_check(&a, diags), MH_EINVALID);
        a.name = "Jeanne \xef\xbf\xbe Dupont";
        assert_int_equal(mh_account_check(&a, diags), MH_EINVALID);
        mh_diagnostics_clear(diags);

        memset(&a, 0, sizeof(a));
        a.login = "ars-idf";
        a.role = MH_ROLE_ARS;
        assert_int_equal(mh_account_add(store, &a, password, diags), MH_EINVALID);
        assert_string_equal(first_message(), "an ars account needs a region");
        a.region = "99";
        assert_int_equal(mh_account_add(store, &a, password, diags), MH_EINVALID);
        assert_non_null(strstr(first_message(), "unknown region: expected an INSEE region code"));
        a.region = "11";
        a.finess = two_finess;
        a.n_finess = 1;
        assert_int_equal(mh_account_add(store, &a, password, diags), MH_EINVALID);
        assert_string_equal(first_message(),
                            "an ars account takes no establishment: its scope is its region");

        memset(&a, 0, sizeof(a));
        a.login = "dns";
        a.role = MH_ROLE_NATIONAL;
        a.region = "11";
        assert_int_equal(mh_account_add(store, &a, password, diags), MH_EINVALID);
        assert_string_equal(first_message(),
                            "a national account takes neither establishments nor a region");
        a.role = MH_ROLE_ADMIN;
        a.region = NULL;
        a.finess = two_finess;
        a.n_finess = 1;
        assert_int_equal(mh_account_add(store, &a, password, diags), MH_EINVALID);
        assert_string_equal(first_message(),
                            "a admin account takes neither establishments nor a region");
        assert_int_equal(mh_account_check(&a, diags), MH_EINVALID);
        mh_diagnostics_clear(diags);
        a.finess = NULL;
        a.n_finess = 0;
        assert_int_equal(mh_account_check(&a, diags), 0);
        a.role = (mh_role)42;
        assert_int_equal(mh_account_add(store, &a, password, diags), MH_EUSAGE);
        assert_int_equal(sql_count("SELECT count(*) FROM account WHERE ?1 IS NOT NULL", "x"), 0);
}

struct seen {
        char logins[256];
        char scopes[256];
        size_t count;
};

static int remember(const mh_account *account, void *context)
{
        struct seen *seen = context;
        size_t i;

        seen->count++;
        strcat(seen->logins, account->login);
        strcat(seen->logins, " ");
        strcat(seen->scopes, mh_role_name(account->role));
        strcat(seen->scopes, ":");
        if (account->region != NULL)
                strcat(seen->scopes, account->region);
        for (i = 0; i < account->n_finess; i++) {
                strcat(seen->scopes, account->finess[i]);
                strcat(seen->scopes, ",");
        }
        strcat(seen->scopes, " ");
        return 0;
}

static int stop_at_first(const mh_account *account, void *context)
{
        (void)account;
        (*(int *)context)++;
        return 7;
}

/* Two hashes (add, passwd) and four checks. */
static void test_lifecycle(void **state)
{
        char hash[256], before[512];
        struct seen seen;
        mh_account a;
        int calls = 0;

        (void)state;
        a = rssi("jdupont");
        assert_int_equal(mh_account_add(store, &a, password, diags), 0);
        sql_text("SELECT password_hash FROM account WHERE login = ?1", "jdupont", hash,
                 sizeof(hash));
        assert_int_equal(strncmp(hash, "$argon2id$", 10), 0);
        assert_null(strstr(hash, password));
        sql_text("SELECT role || '|' || name || '|' || coalesce(region, '-') FROM account "
                 "WHERE login = ?1",
                 "jdupont", before, sizeof(before));
        assert_string_equal(before, "rssi|Jeanne Dupont|-");
        assert_int_equal(
            sql_count("SELECT count(*) FROM account_finess WHERE login = ?1", "jdupont"), 2);

        /* added again (same or other data): refused, the first one kept */
        a.name = "Someone Else";
        assert_int_equal(mh_account_add(store, &a, password, diags), MH_EINVALID);
        assert_string_equal(first_message(), "account 'jdupont' already exists");
        sql_text("SELECT password_hash FROM account WHERE login = ?1", "jdupont", before,
                 sizeof(before));
        assert_string_equal(before, hash);

        /* checked: right, wrong, unknown login (the same answer), invalid login */
        assert_int_equal(mh_account_check_password(store, "jdupont", password, diags), 0);
        assert_int_equal(mh_diagnostics_count(diags), 0);
        assert_int_equal(
            mh_account_check_password(store, "jdupont", "correct horse battery stapl", diags),
            MH_EINVALID);
        assert_string_equal(first_message(), "wrong login or password");
        assert_int_equal(mh_account_check_password(store, "nobody", password, diags), MH_EINVALID);
        assert_string_equal(first_message(), "wrong login or password");
        assert_int_equal(mh_account_check_password(store, "No Body\n", password, diags),
                         MH_EINVALID);
        assert_string_equal(first_message(), "wrong login or password");

        /* listed, by login, with its scope (the hash is not in mh_account) */
        memset(&seen, 0, sizeof(seen));
        assert_int_equal(mh_account_list(store, remember, &seen, diags), 0);
        assert_int_equal(seen.count, 1);
        assert_string_equal(seen.logins, "jdupont ");
        assert_string_equal(seen.scopes, "rssi:010008407,750712184, ");
        assert_int_equal(mh_account_list(store, stop_at_first, &calls, diags), 7);
        assert_int_equal(calls, 1);

        /* a new password: a new hash, which the old password no longer matches */
        assert_int_equal(mh_account_set_password(store, "jdupont", "short", diags), MH_EINVALID);
        mh_diagnostics_clear(diags);
        assert_int_equal(mh_account_set_password(store, "nobody", password, diags), MH_ENOTFOUND);
        assert_non_null(strstr(first_message(), "no account 'nobody' in "));
        assert_int_equal(mh_account_set_password(store, "jdupont", "another fine password", diags),
                         0);
        sql_text("SELECT password_hash FROM account WHERE login = ?1", "jdupont", before,
                 sizeof(before));
        assert_int_equal(strncmp(before, "$argon2id$", 10), 0);
        assert_string_not_equal(before, hash);
        assert_int_equal(mh_account_check_password(store, "jdupont", password, diags), MH_EINVALID);
        mh_diagnostics_clear(diags);

        /* removed with its FINESS (and sessions) */
        {
                sqlite3 *db = NULL;

                assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
                assert_int_equal(sqlite3_exec(db,
                                              "INSERT INTO session VALUES (x'00', 'jdupont', "
                                              "'t', '2026-01-01T00:00:00Z', "
                                              "'2026-01-01T00:00:00Z')",
                                              NULL, NULL, NULL),
                                 SQLITE_OK);
                sqlite3_close(db);
        }
        assert_int_equal(mh_account_remove(store, "nobody", diags), MH_ENOTFOUND);
        snprintf(before, sizeof(before), "no account 'nobody' in %s", db_path);
        assert_string_equal(first_message(), before);
        assert_int_equal(mh_account_remove(store, "jdupont", diags), 0);
        assert_int_equal(sql_count("SELECT count(*) FROM account WHERE login = ?1", "jdupont"), 0);
        assert_int_equal(
            sql_count("SELECT count(*) FROM account_finess WHERE login = ?1", "jdupont"), 0);
        assert_int_equal(sql_count("SELECT count(*) FROM session WHERE login = ?1", "jdupont"), 0);
        assert_int_equal(mh_account_remove(store, "jdupont", diags), MH_ENOTFOUND);
        mh_diagnostics_clear(diags);
        memset(&seen, 0, sizeof(seen));
        assert_int_equal(mh_account_list(store, remember, &seen, diags), 0);
        assert_int_equal(seen.count, 0);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_roles),
            cmocka_unit_test_setup_teardown(test_rules, setup, teardown),
            cmocka_unit_test_setup_teardown(test_lifecycle, setup, teardown),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
