/*
 * test_referentiel_fixtures.c: one run per fixture folder (see CMakeLists).
 *
 * Usage: test_referentiel_fixtures DIR.  DIR holds referentiel.yaml and
 * expected.txt.  Under fixtures/referentiel/invalid/ the load must fail with
 * MH_EINVALID and the diagnostics, printed as `LINE:COLUMN: error: MESSAGE`,
 * must equal expected.txt line for line.  Under valid/ the load must succeed
 * and the `OK ID VERSION (counts)` line must equal expected.txt.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <maturinh.h>

#include "testutil.h"

static const char *fixture_dir;

/* The errors (or the warnings) as "LINE:COLUMN: error: MESSAGE" lines; "" when none. */
static char *diagnostics_text(const mh_diagnostics *diags, int warnings)
{
        size_t n = warnings ? mh_diagnostics_warning_count(diags) : mh_diagnostics_count(diags);
        size_t i, size = 1;
        char *text;

        for (i = 0; i < n; i++)
                size += strlen((warnings ? mh_diagnostics_warning(diags, i)
                                         : mh_diagnostics_get(diags, i))
                                   ->message) +
                        64;
        text = calloc(1, size);
        assert_non_null(text);
        for (i = 0; i < n; i++) {
                const mh_error *e =
                    warnings ? mh_diagnostics_warning(diags, i) : mh_diagnostics_get(diags, i);

                sprintf(text + strlen(text), "%u:%u: %s: %s\n", e->line, e->column,
                        warnings ? "warning" : "error", e->message);
        }
        return text;
}

static void test_fixture(void **state)
{
        char path[4096], *expected, *actual;
        mh_diagnostics *diags = NULL;
        mh_referentiel *ref = NULL;
        int rc, invalid = strstr(fixture_dir, "/invalid/") != NULL;

        (void)state;
        expected = tu_read_file(tu_path(fixture_dir, "expected.txt"), NULL);
        assert_non_null(expected);
        snprintf(path, sizeof(path), "%s", tu_path(fixture_dir, "referentiel.yaml"));
        assert_int_equal(mh_diagnostics_new(&diags), 0);
        rc = mh_referentiel_load_file(&ref, path, diags);
        if (invalid) {
                assert_int_equal(rc, MH_EINVALID);
                assert_null(ref);
                actual = diagnostics_text(diags, 0);
                for (size_t i = 0; i < mh_diagnostics_count(diags); i++)
                        assert_string_equal(mh_diagnostics_get(diags, i)->source, path);
        } else {
                if (rc != 0)
                        mh_diagnostics_print(diags, stderr);
                assert_int_equal(rc, 0);
                assert_int_equal(mh_diagnostics_count(diags), 0);
                {
                        /* warnings.txt, when there is one, lists the warnings of a valid
                         * file; without it there must be none */
                        char *want = tu_read_file(tu_path(fixture_dir, "warnings.txt"), NULL);
                        char *got = diagnostics_text(diags, 1);

                        assert_string_equal(got, want != NULL ? want : "");
                        free(want);
                        free(got);
                }
                actual = malloc(512);
                assert_non_null(actual);
                snprintf(actual, 512, "OK %s %s (%zu domains, %zu criteria, %zu indicators)\n",
                         mh_referentiel_id(ref), mh_referentiel_version(ref),
                         mh_referentiel_domain_count(ref), mh_referentiel_criterion_count(ref),
                         mh_referentiel_indicator_count(ref));
        }
        assert_string_equal(actual, expected);
        free(actual);
        free(expected);
        mh_referentiel_free(ref);
        mh_diagnostics_free(diags);
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
