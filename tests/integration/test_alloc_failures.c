/*
 * Allocation failure through the whole pipeline, run once to count its
 * allocations, then once for every N with the N-th allocation failing:
 * every step must end in success or MH_ENOMEM (never another error, never
 * a crash), once everything is freed no block may be left allocated, and a
 * run that succeeds all the same must have written exactly the bytes of
 * the run without failures (a failure absorbed must change nothing, and a
 * part left out is a failure that was not reported).
 *
 * Two pipelines:
 * - from files: load a référentiel, read a stream of answers, score each
 *   establishment in every format, explain it, rank the population,
 *   publish the Observatoire and write a report;
 * - through the store: open a new database, create a campaign, import
 *   YAML answers, a CSV establishment list and CSV answers, set an answer,
 *   submit and reopen, read every establishment back (exported, scored),
 *   their history, load one and write its report, publish the population
 *   read from the store.
 * Only the engine's own allocations go through the hook: not those of
 * SQLite, libyaml, libxml2 or jansson (common.h, score_json.c).
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <maturinh.h>

#include "testutil.h"

struct inputs {
        char *ref_text, *answers;
        size_t ref_length, answers_length;
        char *store_ref_text; /* the référentiel of the store pipeline (see inputs_open) */
        size_t store_ref_length;
        char dir[64];     /* a scratch folder for the publications */
        char scratch[64]; /* a scratch folder for the store's database and the files it imports */
        char db[128], yaml[128], list[128], csv_answers[128];
};

/* ---- What a run wrote ----------------------------------------------------- */

#define MAX_OUTPUTS 8

/* Every output of a run that succeeded, by name. */
struct outputs {
        size_t n;
        const char *name[MAX_OUTPUTS];
        char *text[MAX_OUTPUTS];
        size_t length[MAX_OUTPUTS];
};

static void outputs_add(struct outputs *o, const char *name, char *text, size_t length)
{
        assert_true(o->n < MAX_OUTPUTS);
        o->name[o->n] = name;
        o->text[o->n] = text;
        o->length[o->n] = length;
        o->n++;
}

/* Everything written to `f`. */
static void outputs_add_stream(struct outputs *o, const char *name, FILE *f)
{
        char *text = tu_stream_text(f);

        outputs_add(o, name, text, (size_t)ftell(f));
}

/* The four files of a publication in `dir`. */
static void outputs_add_publication(struct outputs *o, const char *dir)
{
        static const char *const files[] = {"palmares.csv", "observatoire.csv", "observatoire.xml",
                                            "index.html"};
        size_t i, length;

        for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
                char *text = tu_read_file(tu_path(dir, files[i]), &length);

                if (text == NULL)
                        fail_msg("mh_publish succeeded without writing %s", files[i]);
                outputs_add(o, files[i], text, length);
        }
}

static void outputs_free(struct outputs *o)
{
        size_t i;

        for (i = 0; i < o->n; i++)
                free(o->text[i]);
        memset(o, 0, sizeof(*o));
}

/*
 * A run that succeeded with allocation n failing wrote what the run without
 * failures wrote: returns 1 (and says where) when it did not.
 */
static int outputs_differ(const struct outputs *expected, const struct outputs *got, long n,
                          long total)
{
        size_t i, at;

        assert_int_equal(got->n, expected->n);
        for (i = 0; i < got->n; i++) {
                const char *a = expected->text[i], *b = got->text[i];

                if (got->length[i] == expected->length[i] && memcmp(a, b, got->length[i]) == 0)
                        continue;
                for (at = 0; at < got->length[i] && at < expected->length[i] && a[at] == b[at];
                     at++)
                        ;
                print_error("allocation %ld of %ld failed and the run succeeded, but its %s "
                            "differs from that of the run without failures from byte %zu (%zu "
                            "bytes, not %zu):\n  expected: %.100s\n  got:      %.100s\n",
                            n, total, got->name[i], at, got->length[i], expected->length[i],
                            a + (at > 30 ? at - 30 : 0), b + (at > 30 ? at - 30 : 0));
                return 1;
        }
        return 0;
}

/* The allocation made to fail in the run under way (0: none), for the messages. */
static long failing, failing_total;

/* rc of a step: success, or MH_ENOMEM when an allocation failed. */
#define STEP(rc)                                                                                   \
        do {                                                                                       \
                int step_rc = (rc);                                                                \
                if (step_rc == MH_ENOMEM) {                                                        \
                        nomem = 1;                                                                 \
                        goto out;                                                                  \
                }                                                                                  \
                if (step_rc != 0) {                                                                \
                        print_error("allocation %ld of %ld failing: %s returned %d\n", failing,    \
                                    failing_total, #rc, step_rc);                                  \
                        if (diags != NULL)                                                         \
                                mh_diagnostics_print(diags, stderr);                               \
                        fail();                                                                    \
                }                                                                                  \
        } while (0)

static void empty_dir(const char *path)
{
        DIR *d = opendir(path);
        struct dirent *e;
        char file[512];

        assert_non_null(d);
        while ((e = readdir(d)) != NULL) {
                if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                        continue;
                snprintf(file, sizeof(file), "%s/%s", path, e->d_name);
                assert_int_equal(unlink(file), 0);
        }
        closedir(d);
}

/* ---- From files ------------------------------------------------------------ */

/*
 * Runs the pipeline from files; returns 1 when a step reported MH_ENOMEM, 0
 * when all succeeded (then `out` holds what it wrote).
 */
static int files_pipeline(struct inputs *in, struct outputs *out)
{
        static const mh_format formats[] = {MH_FORMAT_TABLE, MH_FORMAT_CSV, MH_FORMAT_JSON,
                                            MH_FORMAT_XML};
        mh_score_writer *writers[2 * sizeof(formats) / sizeof(formats[0])] = {0};
        const size_t n_writers = sizeof(writers) / sizeof(writers[0]);
        mh_diagnostics *diags = NULL;
        mh_referentiel *ref = NULL;
        mh_answers_reader *reader = NULL;
        mh_population *pop = NULL;
        mh_establishment *first = NULL;
        mh_ranking *ranking = NULL;
        mh_publish_options options = MH_PUBLISH_OPTIONS_INIT;
        mh_scope scope;
        FILE *sink = tmpfile(), *report = tmpfile();
        size_t w;
        int nomem = 0, rc;

        assert_non_null(sink);
        assert_non_null(report);
        STEP(mh_diagnostics_new(&diags));
        STEP(mh_referentiel_load_buffer(&ref, in->ref_text, in->ref_length, "referentiel.yaml",
                                        diags));
        for (w = 0; w < n_writers; w++)
                STEP(mh_score_writer_new(&writers[w], ref, formats[w / 2], (mh_detail)(w % 2), sink,
                                         diags));
        STEP(mh_population_new(&pop, ref));
        STEP(mh_answers_open_buffer(&reader, ref, in->answers, in->answers_length, "answers.yaml",
                                    diags));
        for (;;) {
                mh_establishment *est = NULL;
                mh_result *result = NULL;

                rc = mh_answers_next(&est, reader);
                if (rc == MH_ITEROVER)
                        break;
                if (rc == MH_ENOMEM) {
                        nomem = 1;
                        goto out;
                }
                assert_int_equal(rc, 0);
                if ((rc = mh_evaluate(&result, ref, est)) == 0) {
                        for (w = 0; rc == 0 && w < n_writers; w++)
                                rc = mh_score_writer_add(writers[w], est, result, NULL);
                        if (rc == 0)
                                rc = mh_explain_write(ref, est, sink, diags);
                        if (rc == 0 && !mh_population_has(pop, mh_establishment_finess(est)))
                                rc = mh_population_add(pop, est, result);
                }
                mh_result_free(result);
                if (rc == 0 && first == NULL) {
                        first = est;
                        est = NULL;
                }
                mh_establishment_free(est);
                STEP(rc);
        }
        for (w = 0; w < n_writers; w++)
                STEP(mh_score_writer_finish(writers[w], diags));
        assert_true(mh_population_count(pop) >= 3);
        assert_int_equal(mh_scope_parse(&scope, "national"), 0);
        STEP(mh_rank(&ranking, pop, &scope, NULL));
        STEP(mh_ranking_write(ranking, MH_FORMAT_CSV, sink, diags));
        STEP(mh_publish(pop, &options, in->dir, diags));
        STEP(mh_report_write(ref, first, pop, report, diags));
        outputs_add_stream(out, "scores, explanations and ranking", sink);
        outputs_add_stream(out, "report", report);
        outputs_add_publication(out, in->dir);
out:
        empty_dir(in->dir);
        mh_ranking_free(ranking);
        mh_establishment_free(first);
        mh_answers_close(reader);
        mh_population_free(pop);
        for (w = 0; w < n_writers; w++)
                mh_score_writer_free(writers[w]);
        mh_referentiel_free(ref);
        mh_diagnostics_free(diags);
        fclose(sink);
        fclose(report);
        return nomem;
}

/* ---- Through the store ----------------------------------------------------- */

#define CAMPAIGN "2025"

/* The establishments of the store pipeline: the fixtures' three and the list's two. */
static const char *const store_finess[] = {"130783293", "690781810", "750712184", "830004750",
                                           "940021173"};

struct each_context {
        const mh_referentiel *ref;
        mh_population *pop;
        FILE *contents;
        mh_diagnostics *diags;
};

/* mh_store_each: each establishment exported, scored and added to the population. */
static int add_stored(const mh_establishment *est, void *context)
{
        struct each_context *c = context;
        mh_result *result = NULL;
        int rc;

        if ((rc = mh_export_write(c->ref, est, c->contents, c->diags)) == 0 &&
            (rc = mh_evaluate(&result, c->ref, est)) == 0)
                rc = mh_population_add(c->pop, est, result);
        mh_result_free(result);
        return rc;
}

static const char *or_none(const char *text)
{
        return text != NULL ? text : "(none)";
}

/* mh_store_history: each change, without its time (which differs from run to run). */
static int print_change(const mh_history_entry *e, void *context)
{
        FILE *f = context;

        assert_non_null(e->when);
        assert_int_equal(strlen(e->when), 20);
        fprintf(f, "%s %s: %s -> %s, comment %s -> %s\n", e->who, e->what, or_none(e->old_value),
                or_none(e->new_value), or_none(e->old_comment), or_none(e->new_comment));
        return 0;
}

static void print_import(FILE *f, const char *what, const mh_import_result *r)
{
        fprintf(f, "%s: %zu added, %zu changed, %zu same, %zu answers, %zu rejected\n", what,
                r->stats.establishments_added, r->stats.establishments_changed,
                r->stats.establishments_same, r->stats.answers_changed, r->rejected);
}

static void remove_store(const struct inputs *in)
{
        static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
        char path[256];
        size_t i;

        for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
                snprintf(path, sizeof(path), "%s%s", in->db, suffixes[i]);
                unlink(path);
        }
}

/*
 * Runs the pipeline through the store; returns 1 when a step reported
 * MH_ENOMEM, 0 when all succeeded (then `out` holds what it wrote).
 */
static int store_pipeline(struct inputs *in, struct outputs *out)
{
        mh_diagnostics *diags = NULL;
        mh_referentiel *ref = NULL;
        mh_store *store = NULL;
        mh_population *pop = NULL;
        mh_establishment *est = NULL;
        mh_import_options options = MH_IMPORT_OPTIONS_INIT;
        mh_publish_options publish = MH_PUBLISH_OPTIONS_INIT;
        mh_import_result result;
        struct each_context each;
        FILE *contents = tmpfile(), *changes = tmpfile(), *report = tmpfile();
        size_t i;
        int nomem = 0;

        assert_non_null(contents);
        assert_non_null(changes);
        assert_non_null(report);
        STEP(mh_diagnostics_new(&diags));
        STEP(mh_referentiel_load_buffer(&ref, in->store_ref_text, in->store_ref_length,
                                        "referentiel.yaml", diags));
        STEP(mh_store_open(&store, in->db, diags));
        STEP(mh_store_campaign_create(store, CAMPAIGN, ref, "2025-06-30", diags));
        options.user = "alloc";
        STEP(mh_import_file(&result, store, ref, in->yaml, &options, diags));
        print_import(changes, "answers.yaml", &result);
        options.campaign = CAMPAIGN;
        STEP(mh_import_file(&result, store, ref, in->list, &options, diags));
        print_import(changes, "list.csv", &result);
        options.status = MH_IMPORT_STATUS_DRAFT;
        STEP(mh_import_file(&result, store, ref, in->csv_answers, &options, diags));
        print_import(changes, "answers.csv", &result);
        STEP(mh_store_set_answer(store, ref, CAMPAIGN, "690781810", "E-01-A", "5",
                                 "Deux exercices de crise", "rssi", diags));
        STEP(mh_store_set_answer(store, ref, CAMPAIGN, "830004750", "C-01-B", "Voir la PSSI", NULL,
                                 "rssi", diags));
        STEP(mh_store_set_submission(store, CAMPAIGN, "750712184", MH_SUBMISSION_SUBMITTED, "rssi",
                                     diags));
        STEP(mh_store_set_submission(store, CAMPAIGN, "130783293", MH_SUBMISSION_DRAFT, "ars",
                                     diags));
        STEP(mh_population_new(&pop, ref));
        each.ref = ref;
        each.pop = pop;
        each.contents = contents;
        each.diags = diags;
        STEP(mh_store_each(store, ref, CAMPAIGN, add_stored, &each, diags));
        assert_int_equal(mh_population_count(pop), sizeof(store_finess) / sizeof(store_finess[0]));
        for (i = 0; i < sizeof(store_finess) / sizeof(store_finess[0]); i++) {
                fprintf(changes, "history of %s\n", store_finess[i]);
                STEP(mh_store_history(store, CAMPAIGN, store_finess[i], print_change, changes,
                                      diags));
        }
        STEP(mh_store_load(&est, store, ref, CAMPAIGN, "940021173", diags));
        STEP(mh_report_write(ref, est, pop, report, diags));
        STEP(mh_publish(pop, &publish, in->dir, diags));
        outputs_add_stream(out, "store's contents (mh_store_each, mh_export_write)", contents);
        outputs_add_stream(out, "imports and history", changes);
        outputs_add_stream(out, "report", report);
        outputs_add_publication(out, in->dir);
out:
        empty_dir(in->dir);
        mh_establishment_free(est);
        mh_population_free(pop);
        mh_store_close(store);
        remove_store(in);
        mh_referentiel_free(ref);
        mh_diagnostics_free(diags);
        fclose(contents);
        fclose(changes);
        fclose(report);
        return nomem;
}

/* ---- The inputs ------------------------------------------------------------ */

static const char *const answer_cases[] = {"choices", "percent-bounds", "stream-draft-submitted",
                                           "dates-within-days", "comments"};

/* Fixture streams of answers, one after the other, in the order of `order` (indexes of cases). */
static char *read_answers(const size_t *order, size_t n_order, size_t *length)
{
        char *all = NULL, path[4096];
        size_t used = 0, i;

        for (i = 0; i < n_order; i++) {
                size_t n;
                char *text;

                snprintf(path, sizeof(path), "%s/fixtures/answers-rules/valid/%s/answers.yaml",
                         tu_source_dir(), answer_cases[order[i]]);
                text = tu_read_file(path, &n);
                assert_non_null(text);
                all = realloc(all, used + n + 8);
                assert_non_null(all);
                memcpy(all + used, "\n---\n", 5);
                memcpy(all + used + 5, text, n);
                used += n + 5;
                all[used] = '\0';
                free(text);
        }
        *length = used;
        return all;
}

/* `text` with `insertion` before its one `anchor`. */
static char *insert_before(const char *text, const char *anchor, const char *insertion)
{
        const char *at = strstr(text, anchor);
        size_t before, length = strlen(text) + strlen(insertion);
        char *out = malloc(length + 1);

        assert_non_null(at);
        assert_null(strstr(at + 1, anchor));
        assert_non_null(out);
        before = (size_t)(at - text);
        memcpy(out, text, before);
        strcpy(out + before, insertion);
        strcat(out, at);
        return out;
}

static void write_file(const char *path, const char *text, size_t length)
{
        FILE *f = fopen(path, "wb");

        assert_non_null(f);
        assert_int_equal(fwrite(text, 1, length, f), length);
        assert_int_equal(fclose(f), 0);
}

static void inputs_open(struct inputs *in)
{
        static const size_t files_order[] = {0, 1, 2, 3, 4};
        /* the store refuses to change a submitted establishment: the submission last */
        static const size_t store_order[] = {0, 1, 3, 4, 2};
        static const char list[] =
            "finess,finess_ej,name,region,departement,category,beds,ose,ght\n"
            "750712184,,CH Brouillon,11,75,101,320,false,GHT Paris\n"
            "940021173,,\"Hôpital du Val, Créteil\",11,94,101,450,true,GHT Val-de-Marne\n"
            "830004750,,Clinique du Var,93,83,128,,false,\n";
        static const char answers[] = "campaign,finess,indicator,value,comment\n"
                                      "2025,750712184,C-01-A,partielle,\"Plan validé, en cours\"\n"
                                      "2025,750712184,P-01-A,80,\n"
                                      "2025,940021173,B-01-A,oui,\n"
                                      "2025,940021173,C-01-A,complete,\n"
                                      "2025,940021173,N-01-A,na,Pas de sauvegarde externalisée\n"
                                      "2025,940021173,O-01-A,non,Déclaration prévue en 2026\n"
                                      "2025,940021173,D-01-A,2025-01-15,\n"
                                      "2025,830004750,E-01-A,12,\n";
        char path[4096], *yaml;
        size_t length;

        snprintf(path, sizeof(path), "%s/fixtures/answers-rules/referentiel.yaml", tu_source_dir());
        in->ref_text = tu_read_file(path, &in->ref_length);
        assert_non_null(in->ref_text);
        in->answers = read_answers(files_order, 5, &in->answers_length);
        /*
         * For the store pipeline, the same référentiel publishing what it can
         * (one eligible establishment suffices, two criteria are public): the
         * Observatoire then draws its every chart, and the report the peers'
         * radar.
         */
        yaml = insert_before(in->ref_text, "domains:\n",
                             "publication: {min_completeness: 0, praise_min_score: 0, "
                             "praise_requires_priority: false, min_cell_size: 1}\n");
        in->store_ref_text = insert_before(yaml, "        indicators:\n          - id: C-01-A",
                                           "        public: true\n");
        free(yaml);
        yaml = in->store_ref_text;
        in->store_ref_text = insert_before(yaml, "        indicators:\n          - {id: P-01-A",
                                           "        public: true\n");
        free(yaml);
        in->store_ref_length = strlen(in->store_ref_text);
        snprintf(in->dir, sizeof(in->dir), "/tmp/mh-alloc-XXXXXX");
        assert_non_null(mkdtemp(in->dir));
        snprintf(in->scratch, sizeof(in->scratch), "/tmp/mh-alloc-store-XXXXXX");
        assert_non_null(mkdtemp(in->scratch));
        snprintf(in->db, sizeof(in->db), "%s/alloc.db", in->scratch);
        snprintf(in->yaml, sizeof(in->yaml), "%s/answers.yaml", in->scratch);
        snprintf(in->list, sizeof(in->list), "%s/list.csv", in->scratch);
        snprintf(in->csv_answers, sizeof(in->csv_answers), "%s/answers.csv", in->scratch);
        yaml = read_answers(store_order, 5, &length);
        write_file(in->yaml, yaml, length);
        free(yaml);
        write_file(in->list, list, sizeof(list) - 1);
        write_file(in->csv_answers, answers, sizeof(answers) - 1);
}

static void inputs_close(struct inputs *in)
{
        unlink(in->yaml);
        unlink(in->list);
        unlink(in->csv_answers);
        assert_int_equal(rmdir(in->scratch), 0);
        assert_int_equal(rmdir(in->dir), 0);
        free(in->ref_text);
        free(in->store_ref_text);
        free(in->answers);
}

/* ---- The tests ------------------------------------------------------------- */

static double seconds_since(const struct timespec *start)
{
        struct timespec now;

        clock_gettime(CLOCK_MONOTONIC, &now);
        return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/*
 * `pipeline` once without failures (at least `at_least` allocations), then
 * with each of its allocations failing in turn.
 */
static void every_allocation_may_fail(const char *what,
                                      int (*pipeline)(struct inputs *, struct outputs *),
                                      long at_least)
{
        struct inputs in;
        struct outputs expected = {0};
        struct timespec start;
        long n, total, failures = 0, different = 0;

        inputs_open(&in);
        clock_gettime(CLOCK_MONOTONIC, &start);
        tu_install_failing_allocator();
        tu_fail_after(0);
        tu_allocations();
        failing = 0;
        assert_int_equal(pipeline(&in, &expected), 0);
        total = failing_total = tu_allocations();
        assert_int_equal(tu_live_allocations(), 0);
        if (total <= at_least) /* the whole pipeline ran */
                fail_msg("%s: %ld allocations, expected more than %ld", what, total, at_least);
        for (n = 1; n <= total; n++) {
                struct outputs got = {0};
                int nomem, injected;

                failing = n;
                tu_fail_after(n);
                nomem = pipeline(&in, &got);
                injected = tu_failure_happened();
                tu_fail_after(0);
                /*
                 * MH_ENOMEM only when an allocation failed; a failure may also be
                 * absorbed (a lookup table that stops growing), then all succeeds
                 * and writes the same bytes.
                 */
                if (nomem && !injected)
                        fail_msg("allocation %ld of %ld: MH_ENOMEM without a failure", n, total);
                if (tu_live_allocations() != 0)
                        fail_msg("allocation %ld of %ld failed: %ld blocks leaked", n, total,
                                 tu_live_allocations());
                if (!nomem)
                        different += outputs_differ(&expected, &got, n, total);
                outputs_free(&got);
                failures += nomem;
        }
        print_message("%s: %ld allocations; %ld failures reported, %ld absorbed; %.1f s\n", what,
                      total, failures, total - failures, seconds_since(&start));
        /* a failure absorbed changes nothing */
        if (different > 0)
                fail_msg("%s: %ld runs succeeded with an output different from that of the run "
                         "without failures",
                         what, different);
        /* nearly every failure is reported: only a few are absorbed */
        assert_true(failures > total * 9 / 10);
        mh_set_alloc_funcs(NULL, NULL, NULL);
        outputs_free(&expected);
        inputs_close(&in);
}

static void test_every_allocation_may_fail(void **state)
{
        (void)state;
        every_allocation_may_fail("from files", files_pipeline, 100);
}

static void test_every_allocation_may_fail_in_the_store(void **state)
{
        (void)state;
        every_allocation_may_fail("through the store", store_pipeline, 100);
}

/* An argument runs only the tests whose name matches it (cmocka's filter, * a wildcard). */
int main(int argc, char **argv)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_every_allocation_may_fail),
            cmocka_unit_test(test_every_allocation_may_fail_in_the_store),
        };

        if (argc > 1)
                cmocka_set_test_filter(argv[1]);
        return cmocka_run_group_tests_name("alloc_failures", tests, NULL, NULL);
}
