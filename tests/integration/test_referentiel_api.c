/*
 * test_referentiel_api.c: the public API of a loaded référentiel.
 *
 * Walks fixtures/api/referentiel-full.yaml, which gives every key of the
 * format, and checks each accessor; checks the shipped référentiel against
 * what issue #2 promises of it; and checks the failure paths of loading
 * (missing file, directory, size limit, allocation failures).
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <maturinh.h>

#include "testutil.h"

static mh_referentiel *load_fixture(const char *relative)
{
        char path[4096];
        mh_diagnostics *diags = NULL;
        mh_referentiel *ref = NULL;
        int rc;

        snprintf(path, sizeof(path), "%s/%s", tu_source_dir(), relative);
        assert_int_equal(mh_diagnostics_new(&diags), 0);
        rc = mh_referentiel_load_file(&ref, path, diags);
        if (rc != 0)
                mh_diagnostics_print(diags, stderr);
        assert_int_equal(rc, 0);
        mh_diagnostics_free(diags);
        return ref;
}

static void test_identity_and_parameters(void **state)
{
        mh_referentiel *ref = load_fixture("fixtures/api/referentiel-full.yaml");

        (void)state;
        assert_string_equal(mh_referentiel_id(ref), "essai-complet");
        assert_string_equal(mh_referentiel_version(ref), "2025.1");
        assert_string_equal(mh_referentiel_title(ref, NULL), "Essai complet");
        assert_string_equal(mh_referentiel_title(ref, "en"), "Full test");
        assert_string_equal(mh_referentiel_title(ref, "de"), "Essai complet");
        assert_string_equal(mh_referentiel_description(ref, NULL),
                            "Un référentiel qui utilise chaque clé.");
        /* sha256sum fixtures/api/referentiel-full.yaml */
        assert_string_equal(mh_referentiel_sha256(ref),
                            "26f3efbda6e387d012165a7da39a8acc97a8c866df9cee3c0d0a1c617fca537d");
        assert_int_equal(mh_referentiel_level_count(ref), 3);
        assert_string_equal(mh_referentiel_level_label(ref, 1, NULL), "Socle");
        assert_string_equal(mh_referentiel_level_label(ref, 2, "en"), "Advanced");
        /* level 0: one wording, French by default, English only when asked */
        assert_string_equal(mh_referentiel_level_label(ref, 0, NULL), "Aucun niveau atteint");
        assert_string_equal(mh_referentiel_level_label(ref, 0, "fr"), "Aucun niveau atteint");
        assert_string_equal(mh_referentiel_level_label(ref, 0, "en"), "No level reached");
        assert_null(mh_referentiel_level_label(ref, 4, NULL));
        assert_true(mh_referentiel_achieved_at(ref) == 0.9);
        assert_true(mh_referentiel_partial_at(ref) == 0.4);
        assert_int_equal(mh_referentiel_priority_level_cap(ref), 1);
        assert_true(mh_referentiel_min_completeness(ref) == 0.8);
        assert_true(mh_referentiel_praise_min_score(ref) == 75.5);
        assert_false(mh_referentiel_praise_requires_priority(ref));
        assert_int_equal(mh_referentiel_praise_min_level(ref), 2);
        assert_int_equal(mh_referentiel_min_cell_size(ref), 3);
        assert_int_equal(mh_referentiel_domain_count(ref), 2);
        assert_int_equal(mh_referentiel_criterion_count(ref), 2);
        assert_int_equal(mh_referentiel_indicator_count(ref), 8);
        mh_referentiel_free(ref);
}

static void test_domains_criteria_indicators(void **state)
{
        mh_referentiel *ref = load_fixture("fixtures/api/referentiel-full.yaml");
        const mh_domain *gouv, *sauv;
        const mh_criterion *crit;
        const mh_indicator *ind;
        const mh_applicability *a;

        (void)state;
        gouv = mh_referentiel_domain(ref, 0);
        assert_string_equal(mh_domain_id(gouv), "GOUV");
        assert_string_equal(mh_domain_title(gouv, NULL), "Gouvernance");
        assert_true(mh_domain_weight(gouv) == 2);
        assert_null(mh_domain_applies_to(gouv));
        assert_int_equal(mh_domain_criterion_count(gouv), 1);
        assert_null(mh_referentiel_domain(ref, 2));

        crit = mh_domain_criterion(gouv, 0);
        assert_string_equal(mh_criterion_id(crit), "GOUV-01");
        assert_string_equal(mh_criterion_description(crit, NULL), "Source : essai.");
        assert_ptr_equal(mh_criterion_domain(crit), gouv);
        assert_int_equal(mh_criterion_level(crit), 1);
        assert_true(mh_criterion_weight(crit) == 2.5);
        assert_true(mh_criterion_priority(crit));
        assert_true(mh_criterion_public(crit));
        assert_int_equal(mh_criterion_combine(crit), MH_COMBINE_MIN);
        assert_int_equal(mh_criterion_indicator_count(crit), 3);

        ind = mh_criterion_indicator(crit, 0);
        assert_string_equal(mh_indicator_id(ind), "GOUV-01-A");
        assert_string_equal(mh_indicator_question(ind, "en"), "Is there a committee?");
        assert_string_equal(mh_indicator_help(ind, NULL), "Compte rendu.");
        assert_int_equal(mh_indicator_type_of(ind), MH_INDICATOR_BOOLEAN);
        assert_int_equal(mh_indicator_scoring(ind), MH_SCORING_EXPECT);
        assert_false(mh_indicator_expect(ind));
        assert_true(mh_indicator_weight(ind) == 3);
        assert_false(mh_indicator_na_allowed(ind));
        assert_ptr_equal(mh_indicator_criterion(ind), crit);
        assert_int_equal(mh_indicator_index(ind), 0);

        ind = mh_criterion_indicator(crit, 1);
        assert_int_equal(mh_indicator_type_of(ind), MH_INDICATOR_CHOICE);
        assert_null(mh_indicator_help(ind, NULL));
        assert_true(mh_indicator_na_allowed(ind));
        assert_int_equal(mh_indicator_option_count(ind), 2);
        assert_string_equal(mh_indicator_option_value(ind, 0), "aucune");
        assert_string_equal(mh_indicator_option_value(ind, 1), "2");
        assert_string_equal(mh_indicator_option_label(ind, 1, "en"), "Approved");
        assert_true(mh_indicator_option_score(ind, 1) == 1);
        assert_null(mh_indicator_option_value(ind, 2));

        ind = mh_criterion_indicator(crit, 2);
        assert_int_equal(mh_indicator_type_of(ind), MH_INDICATOR_TEXT);
        assert_int_equal(mh_indicator_scoring(ind), MH_SCORING_NONE);

        sauv = mh_referentiel_domain(ref, 1);
        a = mh_domain_applies_to(sauv);
        assert_non_null(a);
        assert_int_equal(mh_applicability_category_count(a), 2);
        assert_string_equal(mh_applicability_category(a, 1), "355");
        assert_int_equal(mh_applicability_ose(a), 1);
        assert_int_equal(mh_applicability_min_beds(a), 10);
        assert_int_equal(mh_applicability_max_beds(a), 2000);
        crit = mh_domain_criterion(sauv, 0);
        assert_int_equal(mh_criterion_combine(crit), MH_COMBINE_MAX);
        assert_int_equal(mh_applicability_ose(mh_criterion_applies_to(crit)), 0);
        assert_int_equal(mh_applicability_category_count(mh_criterion_applies_to(crit)), 0);
        assert_int_equal(mh_applicability_min_beds(mh_criterion_applies_to(crit)), -1);
        assert_false(mh_criterion_priority(crit));
        assert_false(mh_criterion_public(crit));
        assert_true(mh_criterion_weight(crit) == 1);

        ind = mh_referentiel_find_indicator(ref, "SAUV-01-A");
        assert_int_equal(mh_indicator_scoring(ind), MH_SCORING_TARGET);
        assert_true(mh_indicator_target(ind) == 90);
        assert_int_equal(mh_indicator_index(ind), 3);
        ind = mh_referentiel_find_indicator(ref, "SAUV-01-B");
        assert_int_equal(mh_indicator_scoring(ind), MH_SCORING_LINEAR);
        assert_true(mh_indicator_linear_from(ind) == 30);
        assert_true(mh_indicator_linear_to(ind) == 5);
        ind = mh_referentiel_find_indicator(ref, "SAUV-01-C");
        assert_int_equal(mh_indicator_type_of(ind), MH_INDICATOR_INTEGER);
        assert_int_equal(mh_indicator_scoring(ind), MH_SCORING_STEPS);
        assert_int_equal(mh_indicator_step_count(ind), 2);
        assert_true(mh_indicator_step_threshold(ind, 1) == 3);
        assert_true(mh_indicator_step_score(ind, 0) == 0.5);
        ind = mh_referentiel_find_indicator(ref, "SAUV-01-D");
        assert_int_equal(mh_indicator_scoring(ind), MH_SCORING_WITHIN_DAYS);
        assert_true(mh_indicator_target(ind) == 365);
        assert_int_equal(mh_applicability_min_beds(mh_indicator_applies_to(ind)), 300);
        ind = mh_referentiel_find_indicator(ref, "SAUV-01-E");
        assert_int_equal(mh_indicator_scoring(ind), MH_SCORING_AGE_STEPS);
        assert_true(mh_indicator_step_threshold(ind, 1) == 730);

        /* ids are one namespace, but each look-up finds only its own kind */
        assert_non_null(mh_referentiel_find_domain(ref, "SAUV"));
        assert_null(mh_referentiel_find_criterion(ref, "SAUV"));
        assert_non_null(mh_referentiel_find_criterion(ref, "SAUV-01"));
        assert_null(mh_referentiel_find_indicator(ref, "SAUV-01"));
        assert_null(mh_referentiel_find_indicator(ref, "NOPE"));
        mh_referentiel_free(ref);
}

static void test_defaults(void **state)
{
        static const char text[] = "format: maturinh-referentiel/1\nid: mini\nversion: \"1\"\n"
                                   "title: Mini\nlevels: [{level: 1, label: Socle}]\n"
                                   "domains:\n- id: D\n  title: D\n  criteria:\n"
                                   "  - {id: C, title: C, level: 1, indicators:\n"
                                   "     [{id: I, question: Q, type: boolean}]}\n";
        mh_referentiel *ref = NULL;

        (void)state;
        assert_int_equal(mh_referentiel_load_buffer(&ref, text, strlen(text), "mini", NULL), 0);
        assert_true(mh_referentiel_achieved_at(ref) == 1.0);
        assert_true(mh_referentiel_partial_at(ref) == 0.5);
        assert_int_equal(mh_referentiel_priority_level_cap(ref), -1);
        assert_true(mh_referentiel_min_completeness(ref) == 1.0);
        assert_true(mh_referentiel_praise_min_score(ref) == 80);
        assert_true(mh_referentiel_praise_requires_priority(ref));
        assert_int_equal(mh_referentiel_praise_min_level(ref), 0);
        assert_int_equal(mh_referentiel_min_cell_size(ref), 5);
        assert_null(mh_referentiel_description(ref, NULL));
        assert_true(mh_domain_weight(mh_referentiel_domain(ref, 0)) == 1);
        assert_true(mh_indicator_expect(mh_referentiel_find_indicator(ref, "I")));
        assert_int_equal(mh_criterion_combine(mh_referentiel_find_criterion(ref, "C")),
                         MH_COMBINE_MEAN);
        assert_string_equal(mh_referentiel_source(ref), "mini");
        mh_referentiel_free(ref);
}

/* What issue #2 promises of the shipped référentiel. */
static void test_shipped_referentiel(void **state)
{
        mh_referentiel *ref = load_fixture("referentiels/maturinh-cyber/maturinh-cyber.yaml");
        int types[6] = {0}, methods[8] = {0};
        size_t d, c, i, priority = 0, is_public = 0, ose_only = 0, restricted = 0, na = 0;

        (void)state;
        assert_string_equal(mh_referentiel_id(ref), "maturinh-cyber");
        assert_int_equal(mh_referentiel_level_count(ref), 5);
        assert_in_range(mh_referentiel_domain_count(ref), 8, 12);
        assert_true(mh_referentiel_indicator_count(ref) >= 60);
        for (d = 0; d < mh_referentiel_domain_count(ref); d++) {
                const mh_domain *domain = mh_referentiel_domain(ref, d);
                const mh_applicability *da = mh_domain_applies_to(domain);

                for (c = 0; c < mh_domain_criterion_count(domain); c++) {
                        const mh_criterion *crit = mh_domain_criterion(domain, c);
                        const mh_applicability *a = mh_criterion_applies_to(crit);
                        const char *description = mh_criterion_description(crit, NULL);

                        assert_non_null(description);
                        assert_non_null(strstr(description, "Source"));
                        priority += mh_criterion_priority(crit) != 0;
                        is_public += mh_criterion_public(crit) != 0;
                        if ((a && mh_applicability_ose(a) == 1) ||
                            (da && mh_applicability_ose(da) == 1))
                                ose_only++;
                        if (a && (mh_applicability_category_count(a) > 0 ||
                                  mh_applicability_min_beds(a) >= 0 ||
                                  mh_applicability_max_beds(a) >= 0))
                                restricted++;
                        for (i = 0; i < mh_criterion_indicator_count(crit); i++) {
                                const mh_indicator *ind = mh_criterion_indicator(crit, i);

                                types[mh_indicator_type_of(ind)]++;
                                methods[mh_indicator_scoring(ind)]++;
                                na += mh_indicator_na_allowed(ind) != 0;
                        }
                }
        }
        for (i = 0; i < 6; i++)
                assert_true(types[i] > 0);
        for (i = 0; i < 8; i++)
                assert_true(methods[i] > 0);
        assert_true(priority > 0);
        assert_true(is_public > 0);
        assert_true(ose_only > 0);
        assert_true(restricted > 0);
        assert_true(na > 0);
        mh_referentiel_free(ref);
}

static void test_missing_file(void **state)
{
        mh_diagnostics *diags = NULL;
        mh_referentiel *ref = NULL;
        const mh_error *err;

        (void)state;
        assert_int_equal(mh_diagnostics_new(&diags), 0);
        assert_int_equal(mh_referentiel_load_file(&ref, "/nonexistent/r.yaml", diags),
                         MH_ENOTFOUND);
        assert_null(ref);
        assert_int_equal(mh_diagnostics_count(diags), 1);
        err = mh_diagnostics_get(diags, 0);
        assert_string_equal(err->source, "/nonexistent/r.yaml");
        assert_int_equal(err->line, 0);
        assert_string_equal(err->message, "cannot open: No such file or directory");

        mh_diagnostics_clear(diags);
        assert_int_equal(mh_referentiel_load_file(&ref, tu_source_dir(), diags), MH_ENOTFOUND);
        assert_string_equal(mh_diagnostics_get(diags, 0)->message, "cannot read: Is a directory");
        mh_diagnostics_free(diags);
}

static void test_size_limit(void **state)
{
        size_t length = (size_t)MH_REFERENTIEL_MAX_BYTES + 1;
        char *data = malloc(length), path[] = "/tmp/mh-big-XXXXXX";
        mh_diagnostics *diags = NULL;
        mh_referentiel *ref = NULL;
        FILE *f;
        int fd;

        (void)state;
        assert_non_null(data);
        memset(data, '#', length);
        assert_int_equal(mh_diagnostics_new(&diags), 0);
        assert_int_equal(mh_referentiel_load_buffer(&ref, data, length, "big.yaml", diags),
                         MH_EINVALID);
        assert_string_equal(mh_diagnostics_get(diags, 0)->message,
                            "file is larger than the 16 MiB limit for a référentiel");
        assert_int_equal(mh_diagnostics_get(diags, 0)->line, 1);

        /* the same through a file: reading stops one byte past the limit */
        fd = mkstemp(path);
        assert_true(fd >= 0);
        f = fdopen(fd, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(data, 1, length, f), length);
        fputs("more", f);
        fclose(f);
        mh_diagnostics_clear(diags);
        assert_int_equal(mh_referentiel_load_file(&ref, path, diags), MH_EINVALID);
        assert_string_equal(mh_diagnostics_get(diags, 0)->message,
                            "file is larger than the 16 MiB limit for a référentiel");
        remove(path);
        free(data);
        mh_diagnostics_free(diags);
}

/* Every allocation of a load may fail: the load reports MH_ENOMEM and leaks nothing. */
static void test_allocation_failures(void **state)
{
        char path[4096], *data;
        size_t length;
        long n, total;
        int saw_nomem = 0;

        (void)state;
        snprintf(path, sizeof(path), "%s/fixtures/api/referentiel-full.yaml", tu_source_dir());
        data = tu_read_file(path, &length);
        assert_non_null(data);
        tu_install_failing_allocator();
        tu_fail_after(0);
        tu_allocations();
        {
                mh_referentiel *ref = NULL;

                assert_int_equal(mh_referentiel_load_buffer(&ref, data, length, "full", NULL), 0);
                mh_referentiel_free(ref);
        }
        total = tu_allocations();
        assert_true(total > 3);
        for (n = 1; n <= total; n++) {
                mh_referentiel *ref = NULL;
                mh_diagnostics *diags = NULL;
                int rc;

                tu_fail_after(0);
                assert_int_equal(mh_diagnostics_new(&diags), 0);
                tu_fail_after(n);
                rc = mh_referentiel_load_buffer(&ref, data, length, "full", diags);
                tu_fail_after(0);
                if (tu_failure_happened() || rc != 0) {
                        assert_int_equal(rc, MH_ENOMEM);
                        assert_null(ref);
                        saw_nomem = 1;
                }
                mh_referentiel_free(ref);
                mh_diagnostics_free(diags);
        }
        assert_true(saw_nomem);
        mh_set_alloc_funcs(NULL, NULL, NULL);
        free(data);
}

static void test_diagnostics_print(void **state)
{
        static const char text[] = "format: maturinh-referentiel/1\nid: X\n";
        mh_diagnostics *diags = NULL;
        mh_referentiel *ref = NULL;
        char buf[2048] = {0};
        FILE *f = tmpfile();

        (void)state;
        assert_non_null(f);
        assert_int_equal(mh_diagnostics_new(&diags), 0);
        assert_int_equal(mh_referentiel_load_buffer(&ref, text, strlen(text), "r.yaml", diags),
                         MH_EINVALID);
        assert_int_equal(mh_diagnostics_print(diags, f), 0);
        rewind(f);
        assert_true(fread(buf, 1, sizeof(buf) - 1, f) > 0);
        assert_string_equal(buf,
                            "r.yaml:1:1: error: missing required key 'version' at the top level\n"
                            "r.yaml:1:1: error: missing required key 'title' at the top level\n"
                            "r.yaml:1:1: error: missing required key 'levels' at the top level\n"
                            "r.yaml:1:1: error: missing required key 'domains' at the top level\n"
                            "r.yaml:2:5: error: invalid référentiel id 'X': use at most 64 "
                            "lowercase letters, digits and '-', starting with a letter or a "
                            "digit\n");
        fclose(f);
        mh_diagnostics_free(diags);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_identity_and_parameters),
            cmocka_unit_test(test_domains_criteria_indicators),
            cmocka_unit_test(test_defaults),
            cmocka_unit_test(test_shipped_referentiel),
            cmocka_unit_test(test_missing_file),
            cmocka_unit_test(test_size_limit),
            cmocka_unit_test(test_allocation_failures),
            cmocka_unit_test(test_diagnostics_print),
        };

        return cmocka_run_group_tests_name("referentiel_api", tests, NULL, NULL);
}
