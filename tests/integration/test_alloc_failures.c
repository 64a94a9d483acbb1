/*
 * Allocation failure through the whole pipeline: load a référentiel, read a
 * stream of answers, score each establishment in every format, explain it,
 * rank the population, publish the Observatoire and write a report.  The
 * pipeline is run once to count its allocations, then once for every N with
 * the N-th allocation failing: every step must end in success or MH_ENOMEM
 * (never another error, never a crash), and once everything is freed no
 * block may be left allocated.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <maturinh.h>

#include "testutil.h"

struct inputs {
        char *ref_text, *answers;
        size_t ref_length, answers_length;
        char dir[64]; /* a scratch folder for the publications */
};

/* rc of a step: success, or MH_ENOMEM when an allocation failed. */
#define STEP(rc)                                                                                   \
        do {                                                                                       \
                int step_rc = (rc);                                                                \
                if (step_rc == MH_ENOMEM) {                                                        \
                        nomem = 1;                                                                 \
                        goto out;                                                                  \
                }                                                                                  \
                assert_int_equal(step_rc, 0);                                                      \
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

/* Runs the pipeline; returns 1 when a step reported MH_ENOMEM, 0 when all succeeded. */
static int pipeline(struct inputs *in)
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
        FILE *sink = tmpfile();
        size_t w;
        int nomem = 0, rc;

        assert_non_null(sink);
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
        STEP(mh_report_write(ref, first, pop, sink, diags));
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
        return nomem;
}

/* The answers: several fixture streams, one after the other. */
static char *read_answers(size_t *length)
{
        static const char *const cases[] = {"choices", "percent-bounds", "stream-draft-submitted",
                                            "dates-within-days", "comments"};
        char *all = NULL, path[4096];
        size_t used = 0, i;

        for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                size_t n;
                char *text;

                snprintf(path, sizeof(path), "%s/fixtures/answers-rules/valid/%s/answers.yaml",
                         tu_source_dir(), cases[i]);
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

static void test_every_allocation_may_fail(void **state)
{
        struct inputs in;
        char path[4096];
        long n, total, failures = 0;

        (void)state;
        snprintf(path, sizeof(path), "%s/fixtures/answers-rules/referentiel.yaml", tu_source_dir());
        in.ref_text = tu_read_file(path, &in.ref_length);
        assert_non_null(in.ref_text);
        in.answers = read_answers(&in.answers_length);
        snprintf(in.dir, sizeof(in.dir), "/tmp/mh-alloc-XXXXXX");
        assert_non_null(mkdtemp(in.dir));

        tu_install_failing_allocator();
        tu_fail_after(0);
        tu_allocations();
        assert_int_equal(pipeline(&in), 0);
        total = tu_allocations();
        assert_int_equal(tu_live_allocations(), 0);
        assert_true(total > 1000); /* the whole pipeline ran */
        for (n = 1; n <= total; n++) {
                int nomem, injected;

                tu_fail_after(n);
                nomem = pipeline(&in);
                injected = tu_failure_happened();
                tu_fail_after(0);
                /*
                 * MH_ENOMEM only when an allocation failed; a failure may also be
                 * absorbed (a lookup table that stops growing), then all succeeds.
                 */
                if (nomem && !injected)
                        fail_msg("allocation %ld of %ld: MH_ENOMEM without a failure", n, total);
                if (tu_live_allocations() != 0)
                        fail_msg("allocation %ld of %ld failed: %ld blocks leaked", n, total,
                                 tu_live_allocations());
                failures += nomem;
        }
        print_message("%ld allocations; %ld failures reported, %ld absorbed\n", total, failures,
                      total - failures);
        /* nearly every failure is reported: only a few are absorbed */
        assert_true(failures > total * 9 / 10);
        mh_set_alloc_funcs(NULL, NULL, NULL);
        rmdir(in.dir);
        free(in.ref_text);
        free(in.answers);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_every_allocation_may_fail),
        };

        return cmocka_run_group_tests_name("alloc_failures", tests, NULL, NULL);
}
