/*
 * test_answers_fixtures.c: one run per folder of fixtures/answers-rules/.
 *
 * Usage: test_answers_fixtures DIR.  DIR holds answers.yaml, read against
 * DIR/referentiel.yaml when the folder has one (a rule that needs indicators
 * of its own), else fixtures/answers-rules/referentiel.yaml.  Under invalid/, the diagnostics
 * of the whole stream, printed as `LINE:COLUMN: error: MESSAGE`, must equal
 * expected.txt; under valid/, every establishment must load and the score
 * CSV must equal expected.csv.
 */
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

static const char *fixture_dir;

static void test_fixture(void **state)
{
        char path[4096], *expected, *actual;
        int invalid = strstr(fixture_dir, "/invalid/") != NULL, rc;
        mh_diagnostics *diags = NULL;
        mh_referentiel *ref = NULL;
        mh_answers_reader *reader = NULL;
        mh_score_writer *writer = NULL;
        mh_establishment *est;
        size_t i, rejected = 0;
        FILE *out = tmpfile();

        (void)state;
        assert_non_null(out);
        snprintf(path, sizeof(path), "%s/referentiel.yaml", fixture_dir);
        if (access(path, F_OK) != 0)
                snprintf(path, sizeof(path), "%s/fixtures/answers-rules/referentiel.yaml",
                         tu_source_dir());
        assert_int_equal(mh_referentiel_load_file(&ref, path, NULL), 0);
        assert_int_equal(mh_diagnostics_new(&diags), 0);
        snprintf(path, sizeof(path), "%s/answers.yaml", fixture_dir);
        assert_int_equal(mh_answers_open_file(&reader, ref, path, diags), 0);
        assert_int_equal(
            mh_score_writer_new(&writer, ref, MH_FORMAT_CSV, MH_DETAIL_SUMMARY, out, NULL), 0);
        while ((rc = mh_answers_next(&est, reader)) != MH_ITEROVER) {
                mh_result *result = NULL;

                if (rc < 0) {
                        assert_int_equal(rc, MH_EINVALID);
                        rejected++;
                        continue;
                }
                assert_int_equal(mh_evaluate(&result, ref, est), 0);
                assert_int_equal(mh_score_writer_add(writer, est, result, NULL), 0);
                mh_result_free(result);
                mh_establishment_free(est);
        }
        assert_int_equal(mh_score_writer_finish(writer, NULL), 0);
        if (invalid) {
                size_t size = 1;

                assert_true(rejected > 0);
                for (i = 0; i < mh_diagnostics_count(diags); i++)
                        size += strlen(mh_diagnostics_get(diags, i)->message) + 64;
                actual = calloc(1, size);
                assert_non_null(actual);
                for (i = 0; i < mh_diagnostics_count(diags); i++) {
                        const mh_error *err = mh_diagnostics_get(diags, i);

                        assert_string_equal(err->source, path);
                        sprintf(actual + strlen(actual), "%u:%u: error: %s\n", err->line,
                                err->column, err->message);
                }
                expected = tu_read_file(tu_path(fixture_dir, "expected.txt"), NULL);
        } else {
                if (mh_diagnostics_count(diags) > 0)
                        mh_diagnostics_print(diags, stderr);
                assert_int_equal(rejected, 0);
                assert_int_equal(mh_diagnostics_count(diags), 0);
                actual = tu_stream_text(out);
                expected = tu_read_file(tu_path(fixture_dir, "expected.csv"), NULL);
        }
        assert_non_null(expected);
        assert_string_equal(actual, expected);
        free(actual);
        free(expected);
        fclose(out);
        mh_score_writer_free(writer);
        mh_answers_close(reader);
        mh_diagnostics_free(diags);
        mh_referentiel_free(ref);
}

int main(int argc, char **argv)
{
        const struct CMUnitTest tests[] = {cmocka_unit_test(test_fixture)};

        if (argc != 2) {
                fprintf(stderr, "usage: %s FIXTURE_DIR\n", argv[0]);
                return 2;
        }
        fixture_dir = argv[1];
        return cmocka_run_group_tests_name(fixture_dir, tests, NULL, NULL);
}
