/*
 * test_store.c: the embedded database through the public API, and its
 * guarantees checked from outside with SQLite itself: a private file, the
 * schema version, the append-only history, refusals of foreign or newer
 * databases, campaigns that cannot change référentiel, and establishments
 * that come back exactly as they were saved.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <maturinh.h>

#include "testutil.h"

static char db_path[256];

static int make_path(void **state)
{
        (void)state;
        tu_temp_db(db_path, sizeof(db_path), "store");
        return 0;
}

static int remove_path(void **state)
{
        (void)state;
        tu_remove_db(db_path);
        return 0;
}

static void sql(const char *statement, char **error)
{
        sqlite3 *db = NULL;

        assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
        *error = NULL;
        if (sqlite3_exec(db, statement, NULL, NULL, error) != SQLITE_OK)
                assert_non_null(*error);
        sqlite3_close(db);
}

static void test_private_file_and_schema(void **state)
{
        mh_store *store = NULL;
        struct stat st;
        char *error;
        sqlite3 *db;
        sqlite3_stmt *stmt;

        (void)state;
        assert_int_equal(mh_store_open(&store, db_path, NULL), 0);
        mh_store_close(store);
        assert_int_equal(stat(db_path, &st), 0);
        assert_int_equal(st.st_mode & 0777, 0600);
        assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
        assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
        assert_int_equal(sqlite3_column_int(stmt, 0), 5);
        sqlite3_finalize(stmt);
        assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
        assert_string_equal((const char *)sqlite3_column_text(stmt, 0), "wal");
        sqlite3_finalize(stmt);
        sqlite3_close(db);
        /* opening again migrates nothing and works */
        assert_int_equal(mh_store_open(&store, db_path, NULL), 0);
        mh_store_close(store);
        /* a newer schema is refused */
        sql("PRAGMA user_version = 99", &error);
        {
                mh_diagnostics *diags = NULL;

                assert_int_equal(mh_diagnostics_new(&diags), 0);
                assert_int_equal(mh_store_open(&store, db_path, diags), MH_EINVALID);
                assert_string_equal(mh_diagnostics_get(diags, 0)->message,
                                    "database schema 99 is newer than this maturinh knows (5): "
                                    "upgrade maturinh");
                mh_diagnostics_free(diags);
        }
}

static void test_foreign_database(void **state)
{
        mh_diagnostics *diags = NULL;
        mh_store *store = NULL;
        char *error;

        (void)state;
        sql("CREATE TABLE patients (name TEXT)", &error);
        assert_int_equal(mh_diagnostics_new(&diags), 0);
        assert_int_equal(mh_store_open(&store, db_path, diags), MH_EINVALID);
        assert_string_equal(mh_diagnostics_get(diags, 0)->message, "not a maturinh database");
        mh_diagnostics_free(diags);
}

static mh_establishment *first_of(const mh_referentiel *ref, const char *relative)
{
        char path[4096];
        mh_answers_reader *reader = NULL;
        mh_establishment *est = NULL;

        snprintf(path, sizeof(path), "%s/%s", tu_source_dir(), relative);
        assert_int_equal(mh_answers_open_file(&reader, ref, path, NULL), 0);
        assert_int_equal(mh_answers_next(&est, reader), 0);
        mh_answers_close(reader);
        return est;
}

static void test_campaigns_and_round_trip(void **state)
{
        mh_referentiel *ref =
            tu_load_referentiel("referentiels/maturinh-cyber/maturinh-cyber.yaml");
        mh_referentiel *other =
            tu_load_referentiel("fixtures/answers/worked-example/referentiel.yaml");
        mh_referentiel *held = NULL;
        mh_establishment *est = first_of(ref, "fixtures/answers/region-11-ile-de-france.yaml");
        mh_establishment *back = NULL;
        mh_store *store = NULL;
        mh_store_stats stats;
        char *error;
        size_t i;

        (void)state;
        assert_int_equal(mh_store_open(&store, db_path, NULL), 0);
        assert_int_equal(mh_store_campaign_create(store, "2025", ref, "2025-06-30", tu_diags()), 0);
        assert_int_equal(mh_store_campaign_create(store, "2025", ref, "2025-06-30", tu_diags()), 0);
        assert_int_equal(mh_store_campaign_create(store, "2025", ref, "2025-07-01", tu_diags()),
                         MH_EINVALID);
        assert_string_equal(tu_why(), "campaign 2025 has the reference date 2025-06-30 in the "
                                      "database, not 2025-07-01");
        assert_int_equal(mh_store_campaign_create(store, "2025", other, "2025-06-30", tu_diags()),
                         MH_EINVALID);
        assert_non_null(strstr(tu_why(), "is held in the database with another référentiel"));
        /* the campaign's référentiel comes back byte for byte */
        assert_int_equal(mh_store_campaign_referentiel(&held, store, "2025", tu_diags()), 0);
        assert_string_equal(mh_referentiel_sha256(held), mh_referentiel_sha256(ref));
        mh_referentiel_free(held);
        assert_int_equal(mh_store_campaign_referentiel(&held, store, "1999", tu_diags()),
                         MH_ENOTFOUND);

        memset(&stats, 0, sizeof(stats));
        assert_int_equal(mh_store_save(&stats, store, est, "tests", tu_diags()), 0);
        assert_int_equal(stats.establishments_added, 1);
        assert_true(stats.answers_changed > 50);
        memset(&stats, 0, sizeof(stats));
        assert_int_equal(mh_store_save(&stats, store, est, "tests", tu_diags()), 0);
        assert_int_equal(stats.establishments_same, 1);
        assert_int_equal(stats.answers_changed, 0);

        assert_int_equal(
            mh_store_load(&back, store, ref, "2025", mh_establishment_finess(est), NULL), 0);
        assert_string_equal(mh_establishment_name(back), mh_establishment_name(est));
        assert_int_equal(mh_establishment_beds(back), mh_establishment_beds(est));
        assert_int_equal(mh_establishment_ose(back), mh_establishment_ose(est));
        assert_int_equal(mh_establishment_submission(back), mh_establishment_submission(est));
        for (i = 0; i < mh_referentiel_indicator_count(ref); i++) {
                const mh_domain *d;
                const mh_indicator *ind = NULL;
                size_t k, c;

                for (k = 0; ind == NULL && k < mh_referentiel_domain_count(ref); k++) {
                        d = mh_referentiel_domain(ref, k);
                        for (c = 0; ind == NULL && c < mh_domain_criterion_count(d); c++) {
                                const mh_criterion *crit = mh_domain_criterion(d, c);

                                for (size_t x = 0; x < mh_criterion_indicator_count(crit); x++)
                                        if (mh_indicator_index(mh_criterion_indicator(crit, x)) ==
                                            i)
                                                ind = mh_criterion_indicator(crit, x);
                        }
                }
                assert_int_equal(mh_establishment_answer_state(back, ind),
                                 mh_establishment_answer_state(est, ind));
                if (mh_establishment_answer_text(est, ind) != NULL)
                        assert_string_equal(mh_establishment_answer_text(back, ind),
                                            mh_establishment_answer_text(est, ind));
                if (mh_establishment_comment(est, ind) != NULL)
                        assert_string_equal(mh_establishment_comment(back, ind),
                                            mh_establishment_comment(est, ind));
        }
        mh_establishment_free(back);

        /* the conventions: a failure says why, and leaves the out parameters alone */
        back = (mh_establishment *)&stats; /* a sentinel: must stay as it is */
        assert_int_equal(mh_store_load(&back, store, ref, "2025", "750712184", tu_diags()),
                         MH_ENOTFOUND);
        assert_ptr_equal(back, (mh_establishment *)&stats);
        assert_string_equal(tu_why(), "no establishment 750712184 in campaign 2025");
        back = NULL;
        {
                char date[11] = "unchanged";

                assert_int_equal(mh_store_campaign_date(date, store, "1999", tu_diags()),
                                 MH_ENOTFOUND);
                assert_string_equal(date, "unchanged");
                assert_non_null(strstr(tu_why(), "no campaign 1999 in "));
                assert_int_equal(mh_store_campaign_date(date, store, "2025", NULL), 0);
                assert_string_equal(date, "2025-06-30");
        }
        /* a campaign is checked against the référentiel it is held with */
        assert_int_equal(mh_store_campaign_check(store, "2025", ref, "a.yaml", tu_diags()), 0);
        assert_int_equal(mh_store_campaign_check(store, "2025", other, "b.yaml", tu_diags()),
                         MH_EINVALID);
        assert_non_null(strstr(tu_why(), "campaign 2025 is held with référentiel maturinh-cyber"));
        /* an options struct of another layout is refused, not misread */
        {
                mh_import_options options = MH_IMPORT_OPTIONS_INIT;
                mh_import_result result;

                options.version = MH_IMPORT_OPTIONS_VERSION + 1;
                assert_int_equal(
                    mh_import_file(&result, store, ref, "never-read.yaml", &options, NULL),
                    MH_EUSAGE);
        }
        mh_store_close(store);

        /* the history cannot be rewritten, even with SQL */
        sql("UPDATE history SET changes = '[]'", &error);
        assert_non_null(error);
        assert_string_equal(error, "the answer history is append-only");
        sqlite3_free(error);
        sql("DELETE FROM history", &error);
        assert_non_null(error);
        assert_string_equal(error, "the answer history is append-only");
        sqlite3_free(error);

        mh_establishment_free(est);
        mh_referentiel_free(other);
        mh_referentiel_free(ref);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test_setup_teardown(test_private_file_and_schema, make_path, remove_path),
            cmocka_unit_test_setup_teardown(test_foreign_database, make_path, remove_path),
            cmocka_unit_test_setup_teardown(test_campaigns_and_round_trip, make_path, remove_path),
        };

        return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
