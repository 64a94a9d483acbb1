/*
 * test_web_store.c: what the web questionnaire needs of the engine, through
 * the public API: answer versions (from imports, fill and the web, and from
 * the history of a schema-1 database), one person's save with its refusals
 * (conflict, submitted, invalid, unknown), the last changes and the
 * campaigns in order, sessions (login, lock-out, expiry, CSRF) with times
 * aged from outside with SQLite itself, the scope of each role, and the
 * action plan as explain prints it.  Argon2id is slow under
 * AddressSanitizer: few hashes.
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
        tu_temp_db(db_path, sizeof(db_path), "web-store");
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

/* Runs `statement` on the database with SQLite itself (to age rows). */
static void sql(const char *statement)
{
        sqlite3 *db = NULL;
        char *error = NULL;

        assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
        sqlite3_busy_timeout(db, 5000);
        if (sqlite3_exec(db, statement, NULL, NULL, &error) != SQLITE_OK)
                fail_msg("%s: %s", statement, error);
        sqlite3_close(db);
}

static int sql_count(const char *statement)
{
        sqlite3 *db = NULL;
        sqlite3_stmt *stmt = NULL;
        int n = -1;

        assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
        assert_int_equal(sqlite3_prepare_v2(db, statement, -1, &stmt, NULL), SQLITE_OK);
        if (sqlite3_step(stmt) == SQLITE_ROW)
                n = sqlite3_column_int(stmt, 0);
        sqlite3_finalize(stmt);
        sqlite3_close(db);
        return n;
}

static void import(mh_referentiel *ref, const char *relative, const char *user)
{
        mh_import_options options = MH_IMPORT_OPTIONS_INIT;
        mh_import_result result;

        options.user = user;
        /* a path of the source tree, or an absolute one */
        assert_int_equal(
            mh_import_file(&result, store, ref,
                           relative[0] == '/' ? relative : tu_path(tu_source_dir(), relative),
                           &options, diags),
            0);
}

/* ---- Answer versions ---------------------------------------------------- */

struct versions {
        char indicators[64][32];
        long long version[64];
        size_t n;
};

static int collect_version(const char *indicator, long long version, void *context)
{
        struct versions *v = context;

        assert_true(v->n < 64);
        snprintf(v->indicators[v->n], sizeof(v->indicators[0]), "%s", indicator);
        v->version[v->n++] = version;
        return 0;
}

/* The version of `indicator` as mh_store_answer_versions() lists it (0 when absent). */
static long long version_of(const char *campaign, const char *finess, const char *indicator)
{
        struct versions v;
        size_t i;

        v.n = 0;
        assert_int_equal(
            mh_store_answer_versions(store, campaign, finess, collect_version, &v, diags), 0);
        for (i = 0; i < v.n; i++)
                if (strcmp(v.indicators[i], indicator) == 0)
                        return v.version[i];
        return 0;
}

static void test_versions_and_put_answer(void **state)
{
        mh_referentiel *ref =
            tu_load_referentiel("fixtures/answers/worked-example/referentiel.yaml");
        struct versions v;
        long long version = -1;
        char set_message[MH_ERROR_MESSAGE_MAX];

        (void)state;
        import(ref, "fixtures/answers/worked-example/answers.yaml", "importer");
        /* every answer of the import: version 1, in the store's order */
        v.n = 0;
        assert_int_equal(
            mh_store_answer_versions(store, "2025", "010780914", collect_version, &v, diags), 0);
        assert_int_equal(v.n, 5);
        assert_string_equal(v.indicators[0], "CRISE-01-A");
        assert_string_equal(v.indicators[4], "GOUV-02-A");
        for (size_t i = 0; i < v.n; i++)
                assert_int_equal(v.version[i], 1);
        assert_int_equal(
            mh_store_answer_versions(store, "2025", "999999999", collect_version, &v, diags),
            MH_ENOTFOUND);
        assert_string_equal(first_message(), "no establishment 999999999 in campaign 2025");

        /* the example is submitted: read-only */
        assert_int_equal(mh_store_put_answer(store, ref, "2025", "010780914", "GOUV-01-B", "3",
                                             NULL, 1, "alice", &version, diags),
                         MH_ELOCKED);
        assert_string_equal(first_message(), "the questionnaire of 010780914 is submitted: it is "
                                             "read-only until it is reopened");
        assert_int_equal(mh_store_set_submission(store, "2025", "010780914", MH_SUBMISSION_DRAFT,
                                                 "alice", diags),
                         0);

        /* a new value: version 2; saving it again changes nothing */
        assert_int_equal(mh_store_put_answer(store, ref, "2025", "010780914", "GOUV-01-B", "3",
                                             NULL, 1, "alice", &version, diags),
                         0);
        assert_int_equal(version, 2);
        assert_int_equal(mh_store_put_answer(store, ref, "2025", "010780914", "GOUV-01-B", "3",
                                             NULL, 2, "alice", &version, diags),
                         0);
        assert_int_equal(version, 2);
        assert_int_equal(version_of("2025", "010780914", "GOUV-01-B"), 2);
        /* a comment alone is a change too; the same comment again is not */
        assert_int_equal(mh_store_put_answer(store, ref, "2025", "010780914", "GOUV-01-B", "3",
                                             "vu en comité", 2, "alice", &version, diags),
                         0);
        assert_int_equal(version, 3);
        assert_int_equal(mh_store_put_answer(store, ref, "2025", "010780914", "GOUV-01-B", "3",
                                             "vu en comité", -1, "alice", &version, diags),
                         0);
        assert_int_equal(version, 3);
        /* the other answers did not move */
        assert_int_equal(version_of("2025", "010780914", "GOUV-01-A"), 1);

        /* bob saw version 2: his save is refused, nothing written */
        assert_int_equal(mh_store_put_answer(store, ref, "2025", "010780914", "GOUV-01-B", "4",
                                             NULL, 2, "bob", &version, diags),
                         MH_ECONFLICT);
        assert_string_equal(first_message(), "this answer was changed meanwhile (version 3)");
        assert_int_equal(version_of("2025", "010780914", "GOUV-01-B"), 3);

        /* a refused value: the message of mh_store_set_answer() */
        assert_int_equal(mh_store_set_answer(store, ref, "2025", "010780914", "GOUV-01-B",
                                             "beaucoup", NULL, "alice", diags),
                         MH_EINVALID);
        snprintf(set_message, sizeof(set_message), "%s", first_message());
        assert_int_equal(mh_store_put_answer(store, ref, "2025", "010780914", "GOUV-01-B",
                                             "beaucoup", NULL, 3, "alice", &version, diags),
                         MH_EINVALID);
        assert_string_equal(first_message(), set_message);
        assert_int_equal(mh_store_put_answer(store, ref, "2025", "010780914", "NOPE-01-A", "1",
                                             NULL, -1, "alice", &version, diags),
                         MH_EINVALID);
        assert_string_equal(first_message(), "unknown indicator 'NOPE-01-A'");
        assert_int_equal(mh_store_put_answer(store, ref, "2025", "999999999", "GOUV-01-B", "1",
                                             NULL, -1, "alice", &version, diags),
                         MH_ENOTFOUND);
        assert_string_equal(first_message(), "no establishment 999999999 in campaign 2025");
        assert_int_equal(version_of("2025", "010780914", "GOUV-01-B"), 3);

        /* fill's way (mh_store_set_answer) and an unanswer count */
        assert_int_equal(mh_store_set_answer(store, ref, "2025", "010780914", "CRISE-01-B", "",
                                             NULL, "alice", diags),
                         0);
        assert_int_equal(version_of("2025", "010780914", "CRISE-01-B"), 2);
        /* an import that gives back the file's answers changes GOUV-01-B and CRISE-01-B again */
        import(ref, "fixtures/answers/worked-example/answers.yaml", "importer");
        assert_int_equal(version_of("2025", "010780914", "GOUV-01-B"), 4);
        assert_int_equal(version_of("2025", "010780914", "CRISE-01-B"), 3);
        assert_int_equal(version_of("2025", "010780914", "GOUV-02-A"), 1);
        mh_referentiel_free(ref);
}

/* A draft of the worked example with one answer only. */
static const char one_answer[] = "format: maturinh-answers/1\n"
                                 "referentiel: {id: exemple, version: \"1\"}\n"
                                 "campaign: {id: \"2025\", reference_date: 2025-06-30}\n"
                                 "establishment:\n"
                                 "  finess: \"010780914\"\n"
                                 "  name: \"CH de l'exemple\"\n"
                                 "  region: \"84\"\n"
                                 "  departement: \"01\"\n"
                                 "  category: \"355\"\n"
                                 "  beds: 250\n"
                                 "status: draft\n"
                                 "answers:\n"
                                 "  GOUV-01-A: oui\n";

/* An answer never given has version 0, which a save may expect. */
static void test_version_zero(void **state)
{
        mh_referentiel *ref =
            tu_load_referentiel("fixtures/answers/worked-example/referentiel.yaml");
        mh_establishment *est = NULL;
        mh_store_stats stats;
        char path[300];
        long long version = -1;
        FILE *f;

        (void)state;
        snprintf(path, sizeof(path), "%s.yaml", db_path);
        assert_non_null(f = fopen(path, "w"));
        assert_int_equal(fputs(one_answer, f) >= 0, 1);
        assert_int_equal(fclose(f), 0);
        import(ref, path, "importer");
        unlink(path);
        assert_int_equal(mh_store_load(&est, store, ref, "2025", "010780914", diags), 0);
        assert_int_equal(version_of("2025", "010780914", "GOUV-01-A"), 1);
        assert_int_equal(version_of("2025", "010780914", "GOUV-01-B"), 0);
        assert_int_equal(mh_store_put_answer(store, ref, "2025", "010780914", "GOUV-01-B", "2",
                                             NULL, 1, "alice", &version, diags),
                         MH_ECONFLICT);
        assert_string_equal(first_message(), "this answer was changed meanwhile (version 0)");
        assert_int_equal(mh_store_put_answer(store, ref, "2025", "010780914", "GOUV-01-B", "2",
                                             NULL, 0, "alice", &version, diags),
                         0);
        assert_int_equal(version, 1);
        /* saving the establishment as it was loaded takes the answer back: a change too */
        assert_int_equal(mh_store_save(&stats, store, est, "importer", diags), 0);
        assert_int_equal(version_of("2025", "010780914", "GOUV-01-B"), 2);
        assert_int_equal(version_of("2025", "010780914", "GOUV-01-A"), 1);
        mh_establishment_free(est);
        mh_referentiel_free(ref);
}

/* A schema-1 database gets versions from its history (fixtures/store/schema-1.history). */
static void test_versions_from_history(void **state)
{
        char command[1024];
        struct versions v;
        size_t i;

        (void)state;
        mh_store_close(store);
        tu_remove_db(db_path);
        snprintf(command, sizeof(command),
                 "cp '%s/fixtures/store/schema-1.db' '%s' && chmod 600 '%s'", tu_source_dir(),
                 db_path, db_path);
        assert_int_equal(system(command), 0);
        assert_int_equal(mh_store_open(&store, db_path, diags), 0);
        assert_int_equal(sql_count("PRAGMA user_version"), 5);
        v.n = 0;
        assert_int_equal(
            mh_store_answer_versions(store, "2025", "985000413", collect_version, &v, diags), 0);
        /* 65 changes: 2 of the status, GOUV-01-A and GOUV-05-A changed twice */
        assert_int_equal(v.n, 61);
        for (i = 0; i < v.n; i++) {
                assert_string_not_equal(v.indicators[i], "status");
                if (strcmp(v.indicators[i], "GOUV-01-A") == 0 ||
                    strcmp(v.indicators[i], "GOUV-05-A") == 0)
                        assert_int_equal(v.version[i], 2);
                else
                        assert_int_equal(v.version[i], 1);
        }
        assert_int_equal(sql_count("SELECT count(*) FROM answer_version WHERE indicator LIKE "
                                   "'profile.%'"),
                         0);
}

/* ---- Answers carried over from the campaign before ---------------------- */

struct carried_seen {
        char indicators[128][32];
        char value[32];
        char from[16];
        size_t n;
};

static int collect_carried(const mh_carried_answer *a, void *context)
{
        struct carried_seen *c = context;

        assert_true(c->n < 128);
        if (strcmp(a->indicator, "GOUV-01-B") == 0) {
                snprintf(c->value, sizeof(c->value), "%s", a->value);
                snprintf(c->from, sizeof(c->from), "%s", a->from_campaign);
        }
        snprintf(c->indicators[c->n++], sizeof(c->indicators[0]), "%s", a->indicator);
        return 0;
}

static int count_carried(const char *finess, size_t count, void *context)
{
        size_t *total = context;

        assert_int_equal(strlen(finess), 9);
        *total += count;
        return 0;
}

static size_t carried_of(const char *finess)
{
        struct carried_seen c;

        c.n = 0;
        assert_int_equal(mh_store_carried(store, "2026", finess, collect_carried, &c, diags), 0);
        return c.n;
}

static int note_confirmed(const mh_history_entry *e, void *context)
{
        if (e->confirmed_from != NULL && strcmp(e->what, "GOUV-01-B") == 0)
                snprintf(context, 16, "%s", e->confirmed_from);
        return 0;
}

static void test_carried_answers(void **state)
{
        mh_referentiel *ref =
            tu_load_referentiel("referentiels/maturinh-cyber/maturinh-cyber.yaml");
        mh_referentiel *other =
            tu_load_referentiel("fixtures/answers/worked-example/referentiel.yaml");
        const mh_indicator *gouv01b = mh_referentiel_find_indicator(ref, "GOUV-01-B");
        const char *F = "920014503";
        mh_establishment *est = NULL, *old = NULL;
        struct carry_stats_check {
                size_t total;
        } counted = {0};
        mh_carry_stats stats;
        struct carried_seen c;
        char confirmed[16] = "";
        size_t before;

        (void)state;
        import(ref, "fixtures/answers/region-11-ile-de-france.yaml", "import");
        /* refusals: an unknown campaign, another référentiel, a campaign that exists */
        assert_int_equal(mh_store_campaign_carry_over(&stats, store, "2026", "2019", NULL,
                                                      "2026-06-30", "ars", diags),
                         MH_ENOTFOUND);
        mh_diagnostics_clear(diags);
        assert_int_equal(mh_store_campaign_carry_over(&stats, store, "2026", "2025", other,
                                                      "2026-06-30", "ars", diags),
                         MH_EINVALID);
        assert_non_null(strstr(first_message(), "not exemple"));
        assert_int_equal(mh_store_campaign_carry_over(&stats, store, "2025", "2025", NULL,
                                                      "2026-06-30", "ars", diags),
                         MH_EINVALID);
        assert_non_null(strstr(first_message(), "campaign 2025 already exists"));
        assert_int_equal(sql_count("SELECT count(*) FROM campaign"), 1);
        /* the new campaign: every profile, every answer carried over, none given */
        assert_int_equal(mh_store_campaign_carry_over(&stats, store, "2026", "2025", NULL,
                                                      "2026-06-30", "ars", diags),
                         0);
        assert_int_equal(stats.establishments, 6);
        assert_int_equal(stats.answers, 462);
        assert_int_equal(stats.dropped, 0);
        assert_int_equal(mh_store_carried_counts(store, "2026", count_carried, &counted, diags), 0);
        assert_int_equal(counted.total, 462);
        /* loading never sees them: unanswered, draft, the contact and profile kept */
        assert_int_equal(mh_store_load(&est, store, ref, "2026", F, diags), 0);
        assert_int_equal(mh_store_load(&old, store, ref, "2025", F, diags), 0);
        assert_int_equal(mh_establishment_answer_state(est, gouv01b), MH_ANSWER_NONE);
        assert_int_equal(mh_establishment_submission(est), MH_SUBMISSION_DRAFT);
        assert_string_equal(mh_establishment_name(est), mh_establishment_name(old));
        assert_string_equal(mh_establishment_reference_date(est), "2026-06-30");
        c.n = 0;
        assert_int_equal(mh_store_carried(store, "2026", F, collect_carried, &c, diags), 0);
        assert_string_equal(c.value, mh_establishment_answer_text(old, gouv01b));
        assert_string_equal(c.from, "2025");
        before = c.n;
        mh_establishment_free(est);
        est = NULL;
        /* confirming one: it becomes the answer, the history says from where */
        assert_int_equal(
            mh_store_confirm_carried(store, ref, "2026", F, "GOUV-01-B", "rssi", diags), 0);
        assert_int_equal(carried_of(F), before - 1);
        assert_int_equal(mh_store_load(&est, store, ref, "2026", F, diags), 0);
        assert_string_equal(mh_establishment_answer_text(est, gouv01b),
                            mh_establishment_answer_text(old, gouv01b));
        mh_establishment_free(est);
        est = NULL;
        assert_int_equal(version_of("2026", F, "GOUV-01-B"), 1);
        assert_int_equal(mh_store_history(store, "2026", F, note_confirmed, confirmed, diags), 0);
        assert_string_equal(confirmed, "2025");
        assert_int_equal(
            mh_store_confirm_carried(store, ref, "2026", F, "GOUV-01-B", "rssi", diags),
            MH_ENOTFOUND);
        assert_string_equal(first_message(),
                            "no answer carried over to confirm for 'GOUV-01-B' of 920014503");
        /* saving an indicator in any way settles it, with what was given */
        assert_int_equal(
            mh_store_set_answer(store, ref, "2026", F, "GOUV-01-A", "true", NULL, "rssi", diags),
            0);
        assert_int_equal(carried_of(F), before - 2);
        assert_int_equal(mh_store_put_answer(store, ref, "2026", F, "GOUV-02-A", "aucune", NULL, -1,
                                             "rssi", NULL, diags),
                         0);
        assert_int_equal(carried_of(F), before - 3);
        /* a comment alone leaves it to confirm */
        assert_int_equal(mh_store_put_answer(store, ref, "2026", F, "GOUV-02-C", NULL, "à revoir",
                                             -1, "rssi", NULL, diags),
                         0);
        assert_int_equal(carried_of(F), before - 3);
        /* a save that changes nothing of an indicator leaves its carried answer */
        assert_int_equal(mh_store_put_answer(store, ref, "2026", F, "GOUV-02-B", NULL, NULL, -1,
                                             "rssi", NULL, diags),
                         0);
        assert_int_equal(carried_of(F), before - 3);
        /* a submitted questionnaire: read-only, its carried answers too */
        assert_int_equal(
            mh_store_set_submission(store, "2026", F, MH_SUBMISSION_SUBMITTED, "rssi", diags), 0);
        assert_int_equal(
            mh_store_confirm_carried(store, ref, "2026", F, "GOUV-02-B", "rssi", diags),
            MH_ELOCKED);
        mh_diagnostics_clear(diags);
        /* a reference date before the old one: the dates after it are dropped */
        assert_int_equal(mh_store_campaign_carry_over(&stats, store, "2024b", "2025", ref,
                                                      "2024-01-01", "ars", diags),
                         0);
        assert_true(stats.dropped > 0);
        assert_int_equal(stats.answers + stats.dropped, 462);
        mh_establishment_free(old);
        mh_referentiel_free(other);
        mh_referentiel_free(ref);
}

/* ---- Last changes and campaigns ----------------------------------------- */

struct seen {
        char text[16][64];
        size_t n;
};

static int collect_change(const mh_last_change *change, void *context)
{
        struct seen *s = context;

        assert_true(s->n < 16);
        assert_int_equal(strlen(change->when), 20);
        snprintf(s->text[s->n++], sizeof(s->text[0]), "%s %s", change->finess, change->who);
        return 0;
}

static int stop_at_first(const mh_last_change *change, void *context)
{
        (void)change;
        (*(int *)context)++;
        return 7;
}

static int collect_campaign(const mh_campaign_info *campaign, void *context)
{
        struct seen *s = context;

        snprintf(s->text[s->n++], sizeof(s->text[0]), "%s %s %s %s", campaign->id,
                 campaign->referentiel_id, campaign->referentiel_version, campaign->reference_date);
        return 0;
}

static void test_last_changes_and_campaigns(void **state)
{
        mh_referentiel *ref =
            tu_load_referentiel("referentiels/maturinh-cyber/maturinh-cyber.yaml");
        mh_referentiel *example =
            tu_load_referentiel("fixtures/answers/worked-example/referentiel.yaml");
        struct seen s;
        char expected[64];
        int calls = 0;
        size_t i;

        (void)state;
        import(ref, "fixtures/answers/region-11-ile-de-france.yaml", "importer");
        assert_int_equal(mh_store_set_answer(store, ref, "2025", "910019736", "GOUV-01-A", "false",
                                             "à revoir", "alice", diags),
                         0);
        s.n = 0;
        assert_int_equal(mh_store_last_changes(store, "2025", collect_change, &s, diags), 0);
        assert_int_equal(s.n, 6);
        for (i = 0; i + 1 < s.n; i++)
                assert_true(strcmp(s.text[i], s.text[i + 1]) < 0); /* by FINESS */
        for (i = 0; i < s.n; i++) {
                snprintf(expected, sizeof(expected), "%.9s %s", s.text[i],
                         strncmp(s.text[i], "910019736", 9) == 0 ? "alice" : "importer");
                assert_string_equal(s.text[i], expected);
        }
        assert_int_equal(mh_store_last_changes(store, "2025", stop_at_first, &calls, diags), 7);
        assert_int_equal(calls, 1);
        s.n = 0;
        assert_int_equal(mh_store_last_changes(store, "none", collect_change, &s, diags), 0);
        assert_int_equal(s.n, 0);

        assert_int_equal(mh_store_campaign_create(store, "2024", ref, "2024-06-30", diags), 0);
        assert_int_equal(mh_store_campaign_create(store, "a-2025", example, "2025-06-30", diags),
                         0);
        s.n = 0;
        assert_int_equal(mh_store_campaigns(store, collect_campaign, &s, diags), 0);
        assert_int_equal(s.n, 3);
        snprintf(expected, sizeof(expected), "2025 %s %s 2025-06-30", mh_referentiel_id(ref),
                 mh_referentiel_version(ref));
        assert_string_equal(s.text[0], expected);
        assert_string_equal(s.text[1], "a-2025 exemple 1 2025-06-30");
        snprintf(expected, sizeof(expected), "2024 %s %s 2024-06-30", mh_referentiel_id(ref),
                 mh_referentiel_version(ref));
        assert_string_equal(s.text[2], expected);
        mh_referentiel_free(example);
        mh_referentiel_free(ref);
}

/* ---- Sessions ----------------------------------------------------------- */

static const char *const two_finess[] = {"750102048", "920100013"};

static void add_account(const char *login, mh_role role, const char *region)
{
        mh_account a;

        memset(&a, 0, sizeof(a));
        a.login = login;
        a.role = role;
        a.name = "Jeanne Dupont";
        a.region = region;
        if (role == MH_ROLE_RSSI) {
                a.finess = two_finess;
                a.n_finess = 2;
        }
        assert_int_equal(mh_account_add(store, &a, password, diags), 0);
}

static void test_login_and_resume(void **state)
{
        mh_session *session = NULL, *again = NULL;
        const mh_account *account;
        char id[MH_TOKEN_SIZE], csrf[MH_TOKEN_SIZE];

        (void)state;
        add_account("rssi-ch", MH_ROLE_RSSI, NULL);
        assert_int_equal(mh_session_login(&session, store, "rssi-ch", password, diags), 0);
        assert_non_null(mh_session_id(session));
        assert_int_equal(strlen(mh_session_id(session)), 43);
        assert_int_equal(strlen(mh_session_csrf_token(session)), 43);
        assert_string_not_equal(mh_session_id(session), mh_session_csrf_token(session));
        assert_int_equal(strspn(mh_session_id(session), "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
                                                        "qrstuvwxyz0123456789-_"),
                         43);
        snprintf(id, sizeof(id), "%s", mh_session_id(session));
        snprintf(csrf, sizeof(csrf), "%s", mh_session_csrf_token(session));
        account = mh_session_account(session);
        assert_string_equal(account->login, "rssi-ch");
        assert_int_equal(account->role, MH_ROLE_RSSI);
        assert_string_equal(account->name, "Jeanne Dupont");
        assert_null(account->region);
        assert_int_equal(account->n_finess, 2);
        assert_string_equal(account->finess[1], "920100013");
        assert_true(mh_session_csrf_valid(session, csrf));
        mh_session_free(session);
        /* the store keeps the SHA-256 of the id, never the id */
        assert_int_equal(sql_count("SELECT count(*) FROM session WHERE length(id_hash) = 32"), 1);

        assert_int_equal(mh_session_resume(&again, store, id, diags), 0);
        assert_null(mh_session_id(again));
        assert_string_equal(mh_session_csrf_token(again), csrf);
        assert_true(mh_session_csrf_valid(again, csrf));
        csrf[0] = csrf[0] == 'A' ? 'B' : 'A';
        assert_false(mh_session_csrf_valid(again, csrf));
        assert_false(mh_session_csrf_valid(again, ""));
        assert_false(mh_session_csrf_valid(again, NULL));
        assert_string_equal(mh_session_account(again)->finess[0], "750102048");
        mh_session_free(again);
        again = NULL;
        /* another cookie, or none, is no session, and says nothing */
        assert_int_equal(mh_session_resume(&again, store, csrf, diags), MH_ENOTFOUND);
        assert_int_equal(mh_session_resume(&again, store, "short", diags), MH_ENOTFOUND);
        assert_int_equal(mh_session_resume(&again, store, NULL, diags), MH_ENOTFOUND);
        assert_int_equal(mh_diagnostics_count(diags), 0);

        /* a request 5 minutes after the last one notes it; one 10 s after does not */
        sql("UPDATE session SET last_seen = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-5 minutes')");
        assert_int_equal(mh_session_resume(&again, store, id, diags), 0);
        mh_session_free(again);
        assert_int_equal(sql_count("SELECT unixepoch('now') - unixepoch(last_seen) < 60 "
                                   "FROM session"),
                         1);
        sql("UPDATE session SET last_seen = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-10 seconds')");
        assert_int_equal(mh_session_resume(&again, store, id, diags), 0);
        mh_session_free(again);
        assert_int_equal(sql_count("SELECT unixepoch('now') - unixepoch(last_seen) >= 10 "
                                   "FROM session"),
                         1);

        /* idle for 31 minutes: gone */
        sql("UPDATE session SET last_seen = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-31 minutes')");
        assert_int_equal(mh_session_resume(&again, store, id, diags), MH_ENOTFOUND);
        assert_int_equal(sql_count("SELECT count(*) FROM session"), 0);

        /* logged in 13 hours ago, though seen just now: gone */
        assert_int_equal(mh_session_login(&session, store, "rssi-ch", password, diags), 0);
        snprintf(id, sizeof(id), "%s", mh_session_id(session));
        mh_session_free(session);
        sql("UPDATE session SET created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-13 hours')");
        assert_int_equal(mh_session_resume(&again, store, id, diags), MH_ENOTFOUND);
        assert_int_equal(sql_count("SELECT count(*) FROM session"), 0);

        /* an ended session is gone; ending it again is no error */
        assert_int_equal(mh_session_login(&session, store, "rssi-ch", password, diags), 0);
        snprintf(id, sizeof(id), "%s", mh_session_id(session));
        mh_session_free(session);
        assert_int_equal(mh_session_end(store, id, diags), 0);
        assert_int_equal(mh_session_resume(&again, store, id, diags), MH_ENOTFOUND);
        assert_int_equal(mh_session_end(store, id, diags), 0);
        assert_int_equal(mh_diagnostics_count(diags), 0);
}

static void test_wrong_logins_and_lock_out(void **state)
{
        mh_session *session = NULL;
        int i;

        (void)state;
        add_account("ars-idf", MH_ROLE_ARS, "11");
        /* a wrong password and an unknown login: the same answer, both recorded */
        assert_int_equal(
            mh_session_login(&session, store, "ars-idf", "not the password at all", diags),
            MH_EINVALID);
        assert_string_equal(first_message(), "wrong login or password");
        assert_int_equal(mh_session_login(&session, store, "nobody", password, diags), MH_EINVALID);
        assert_string_equal(first_message(), "wrong login or password");
        assert_int_equal(sql_count("SELECT count(*) FROM login_failure WHERE login = 'nobody'"), 1);
        /* an invalid login is refused the same way, and not recorded */
        assert_int_equal(mh_session_login(&session, store, "Not A Login", password, diags),
                         MH_EINVALID);
        assert_string_equal(first_message(), "wrong login or password");
        assert_int_equal(sql_count("SELECT count(*) FROM login_failure"), 2);
        /* success forgets the login's failures, not the others' */
        assert_int_equal(mh_session_login(&session, store, "ars-idf", password, diags), 0);
        mh_session_free(session);
        session = NULL;
        assert_int_equal(sql_count("SELECT count(*) FROM login_failure WHERE login = 'ars-idf'"),
                         0);
        assert_int_equal(sql_count("SELECT count(*) FROM login_failure"), 1);

        for (i = 0; i < MH_LOGIN_FAILURES_MAX; i++) {
                assert_int_equal(
                    mh_session_login(&session, store, "ars-idf", "wrong password 123", diags),
                    MH_EINVALID);
                mh_diagnostics_clear(diags);
        }
        /* locked: even the right password is refused, and not recorded */
        assert_int_equal(mh_session_login(&session, store, "ars-idf", password, diags), MH_ELOCKED);
        assert_string_equal(first_message(), "too many failed logins: try again in 15 minutes");
        assert_null(session);
        assert_int_equal(sql_count("SELECT count(*) FROM login_failure WHERE login = 'ars-idf'"),
                         5);
        /* 10 minutes later, still locked, for 5 minutes more */
        sql("UPDATE login_failure SET at = strftime('%Y-%m-%dT%H:%M:%SZ', at, '-10 minutes')");
        assert_int_equal(mh_session_login(&session, store, "ars-idf", password, diags), MH_ELOCKED);
        assert_string_equal(first_message(), "too many failed logins: try again in 5 minutes");
        /* 14 minutes 30 later, for 1 minute more at most */
        sql("UPDATE login_failure SET at = strftime('%Y-%m-%dT%H:%M:%SZ', at, '-270 seconds')");
        assert_int_equal(mh_session_login(&session, store, "ars-idf", password, diags), MH_ELOCKED);
        assert_string_equal(first_message(), "too many failed logins: try again in 1 minute");
        /* 15 minutes after the last failure: unlocked */
        sql("UPDATE login_failure SET at = strftime('%Y-%m-%dT%H:%M:%SZ', at, '-30 seconds')");
        assert_int_equal(mh_session_login(&session, store, "ars-idf", password, diags), 0);
        assert_string_equal(mh_session_account(session)->region, "11");
        mh_session_free(session);
        session = NULL;
        assert_int_equal(sql_count("SELECT count(*) FROM login_failure WHERE login = 'ars-idf'"),
                         0);

        /* 5 failures spread over more than 15 minutes lock nothing */
        for (i = 0; i < MH_LOGIN_FAILURES_MAX; i++) {
                assert_int_equal(
                    mh_session_login(&session, store, "ars-idf", "wrong password 123", diags),
                    MH_EINVALID);
                mh_diagnostics_clear(diags);
                if (i == 0)
                        sql("UPDATE login_failure SET at = strftime('%Y-%m-%dT%H:%M:%SZ', at, "
                            "'-16 minutes') WHERE login = 'ars-idf'");
        }
        assert_int_equal(mh_session_login(&session, store, "ars-idf", password, diags), 0);
        mh_session_free(session);
        /* a failure forgets those over an hour old, of every login */
        sql("UPDATE login_failure SET at = strftime('%Y-%m-%dT%H:%M:%SZ', at, '-61 minutes') "
            "WHERE login = 'nobody'");
        assert_int_equal(mh_session_login(&session, store, "somebody", password, diags),
                         MH_EINVALID);
        assert_string_equal(first_message(), "wrong login or password");
        assert_int_equal(sql_count("SELECT count(*) FROM login_failure WHERE login = 'nobody'"), 0);
        assert_int_equal(sql_count("SELECT count(*) FROM login_failure"), 1);
}

static void test_scopes(void **state)
{
        static const char *const one[] = {"750102048"};
        mh_account a;

        (void)state;
        memset(&a, 0, sizeof(a));
        a.role = MH_ROLE_RSSI;
        a.finess = one;
        a.n_finess = 1;
        assert_true(mh_account_covers(&a, "750102048", "11"));
        assert_false(mh_account_covers(&a, "920100013", "11"));
        assert_true(mh_account_writes_answers(&a));
        memset(&a, 0, sizeof(a));
        a.role = MH_ROLE_ARS;
        a.region = "11";
        assert_true(mh_account_covers(&a, "750102048", "11"));
        assert_false(mh_account_covers(&a, "750102048", "84"));
        assert_false(mh_account_writes_answers(&a));
        a.role = MH_ROLE_NATIONAL;
        a.region = NULL;
        assert_true(mh_account_covers(&a, "750102048", "11"));
        assert_true(mh_account_covers(&a, "010780914", "84"));
        assert_false(mh_account_writes_answers(&a));
        a.role = MH_ROLE_ADMIN;
        assert_false(mh_account_covers(&a, "750102048", "11"));
        assert_false(mh_account_writes_answers(&a));
}

/* ---- The action plan ---------------------------------------------------- */

static void test_plan_is_explains(void **state)
{
        mh_referentiel *ref =
            tu_load_referentiel("fixtures/answers/worked-example/referentiel.yaml");
        mh_answers_reader *reader = NULL;
        mh_establishment *est = NULL;
        mh_result *result = NULL;
        mh_plan *plan = NULL;
        FILE *out = tmpfile();
        char *text, line[64];

        (void)state;
        assert_int_equal(
            mh_answers_open_file(
                &reader, ref,
                tu_path(tu_source_dir(), "fixtures/answers/worked-example/answers.yaml"), diags),
            0);
        assert_int_equal(mh_answers_next(&est, reader), 0);
        assert_int_equal(mh_evaluate(&result, ref, est), 0);
        assert_int_equal(mh_plan_new(&plan, ref, est, result), 0);
        /* scoring.md §8: GOUV-01 (prioritaire, partial) then CRISE-01 */
        assert_int_equal(mh_plan_count(plan), 2);
        assert_string_equal(mh_criterion_id(mh_plan_criterion(plan, 0)), "GOUV-01");
        assert_string_equal(mh_criterion_id(mh_plan_criterion(plan, 1)), "CRISE-01");
        assert_true(mh_plan_gain(plan, 0) > 8.3 && mh_plan_gain(plan, 0) < 8.4);
        assert_true(mh_plan_gain(plan, 1) > 49.9 && mh_plan_gain(plan, 1) < 50.1);
        assert_null(mh_plan_criterion(plan, 2));
        assert_int_equal(mh_result_next_level(ref, result), 1);
        assert_true(mh_result_blocks_next_level(ref, result, mh_plan_criterion(plan, 0)));
        assert_true(mh_result_blocks_next_level(ref, result, mh_plan_criterion(plan, 1)));
        assert_false(mh_result_blocks_next_level(ref, result,
                                                 mh_referentiel_find_criterion(ref, "GOUV-02")));
        /* explain prints the same plan */
        assert_non_null(out);
        assert_int_equal(mh_explain_write(ref, est, out, diags), 0);
        text = tu_stream_text(out);
        snprintf(line, sizeof(line), "Action plan: %zu criteria to achieve", mh_plan_count(plan));
        assert_non_null(strstr(text, line));
        snprintf(line, sizeof(line), "   1. %s  ", mh_criterion_id(mh_plan_criterion(plan, 0)));
        assert_non_null(strstr(text, line));
        snprintf(line, sizeof(line), "   2. %s  ", mh_criterion_id(mh_plan_criterion(plan, 1)));
        assert_non_null(strstr(text, line));
        assert_null(strstr(text, "   3. "));
        free(text);
        fclose(out);
        mh_plan_free(plan);
        mh_result_free(result);
        mh_establishment_free(est);
        mh_answers_close(reader);
        mh_referentiel_free(ref);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test_setup_teardown(test_versions_and_put_answer, setup, teardown),
            cmocka_unit_test_setup_teardown(test_version_zero, setup, teardown),
            cmocka_unit_test_setup_teardown(test_versions_from_history, setup, teardown),
            cmocka_unit_test_setup_teardown(test_carried_answers, setup, teardown),
            cmocka_unit_test_setup_teardown(test_last_changes_and_campaigns, setup, teardown),
            cmocka_unit_test_setup_teardown(test_login_and_resume, setup, teardown),
            cmocka_unit_test_setup_teardown(test_wrong_logins_and_lock_out, setup, teardown),
            cmocka_unit_test(test_scopes),
            cmocka_unit_test_setup_teardown(test_plan_is_explains, setup, teardown),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
