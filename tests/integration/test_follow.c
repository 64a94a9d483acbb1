/*
 * test_follow.c: maturinh/follow.h through the public API: the delta of
 * rounded scores, the chase list's order and counts, and a comparison
 * where a domain applies on one side only (empty delta), with the
 * référentiel-id refusal.  The outputs (tables, CSV, XLSX) are
 * tests/cli/test_cli_status.sh's and test_cli_compare.sh's.
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testutil.h"

static void test_round1_delta(void **state)
{
        (void)state;
        /* of the rounded scores: 83.3 - 41.7, not round1(41.666666) */
        assert_true(mh_round1_delta(41.666667, 83.333333) == 41.6);
        /* whole tenths: 41.7 - 38.2 is 3.5 exactly, as printed */
        assert_true(mh_round1_delta(38.2, 41.7) == 3.5);
        assert_true(mh_round1_delta(38.25, 41.75) == 3.5); /* 38.3 -> 41.8, half up */
        assert_true(mh_round1_delta(70.8, 70.84) == 0.0);
        assert_true(mh_round1_delta(100, 0) == -100.0);
        assert_true(isnan(mh_round1_delta(NAN, 50)));
        assert_true(isnan(mh_round1_delta(50, NAN)));
}

static void test_only_parse(void **state)
{
        mh_chase_only only = MH_CHASE_ALL;

        (void)state;
        assert_int_equal(mh_chase_only_parse(&only, "draft"), 0);
        assert_int_equal(only, MH_CHASE_DRAFT);
        assert_int_equal(mh_chase_only_parse(&only, "incomplete"), 0);
        assert_int_equal(only, MH_CHASE_INCOMPLETE);
        assert_int_equal(mh_chase_only_parse(&only, "submitted"), 0);
        assert_int_equal(only, MH_CHASE_SUBMITTED);
        assert_int_equal(mh_chase_only_parse(&only, "Draft"), MH_EUSAGE);
        assert_int_equal(mh_chase_only_parse(&only, ""), MH_EUSAGE);
}

/* Saves the establishments of an answers text into the store. */
static void save_answers(mh_store *store, const mh_referentiel *ref, const char *text)
{
        mh_answers_reader *reader = NULL;
        mh_establishment *est = NULL;
        int rc;

        assert_int_equal(
            mh_answers_open_buffer(&reader, ref, text, strlen(text), "test", tu_diags()), 0);
        while ((rc = mh_answers_next(&est, reader)) == 0) {
                assert_int_equal(mh_store_save(NULL, store, est, "test", tu_diags()), 0);
                mh_establishment_free(est);
        }
        assert_int_equal(rc, MH_ITEROVER);
        mh_answers_close(reader);
}

#define HEAD(version, campaign, date)                                                              \
        "format: maturinh-answers/1\nreferentiel: {id: exemple, version: \"" version "\"}\n"       \
        "campaign: {id: \"" campaign "\", reference_date: " date "}\n"

struct fixture {
        char path[256];
        mh_store *store;
        mh_referentiel *v1, *v2, *other;
};

static mh_referentiel *variant(const char *text, const char *from, const char *to)
{
        const char *at = strstr(text, from);
        size_t n = strlen(text) - strlen(from) + strlen(to);
        char *copy = malloc(n + 1);
        mh_referentiel *ref = NULL;

        assert_non_null(at);
        assert_non_null(copy);
        memcpy(copy, text, (size_t)(at - text));
        strcpy(copy + (at - text), to);
        strcat(copy, at + strlen(from));
        assert_int_equal(mh_referentiel_load_buffer(&ref, copy, n, "variant", tu_diags()), 0);
        free(copy);
        return ref;
}

static int setup(void **state)
{
        struct fixture *f = calloc(1, sizeof(*f));
        char *text;

        assert_non_null(f);
        text = tu_read_file(
            tu_path(tu_source_dir(), "fixtures/answers/worked-example/referentiel.yaml"), NULL);
        assert_non_null(text);
        f->v1 = tu_load_referentiel("fixtures/answers/worked-example/referentiel.yaml");
        {
                /* version 2: CRISE only for OSE establishments */
                char *v2 = NULL;
                const char *from = "    title: \"Gestion de crise\"\n";
                const char *at = strstr(text, from);

                assert_non_null(at);
                v2 = malloc(strlen(text) + 64);
                assert_non_null(v2);
                memcpy(v2, text, (size_t)(at - text));
                v2[at - text] = '\0';
                strcat(v2, from);
                strcat(v2, "    applies_to: {ose: true}\n");
                strcat(v2, at + strlen(from));
                f->v2 = variant(v2, "version: \"1\"\n", "version: \"2\"\n");
                free(v2);
        }
        f->other = variant(text, "id: exemple\n", "id: autre\n");
        free(text);
        tu_temp_db(f->path, sizeof(f->path), "follow");
        assert_int_equal(mh_store_open(&f->store, f->path, tu_diags()), 0);
        assert_int_equal(
            mh_store_campaign_create(f->store, "2024", f->v1, "2024-06-30", tu_diags()), 0);
        assert_int_equal(
            mh_store_campaign_create(f->store, "2025", f->v2, "2025-06-30", tu_diags()), 0);
        assert_int_equal(
            mh_store_campaign_create(f->store, "X", f->other, "2025-06-30", tu_diags()), 0);
        save_answers(f->store, f->v1,
                     HEAD("1", "2024", "2024-06-30") "establishment: {finess: \"420013153\", name: "
                                                     "\"CH de Roanne\", region: \"84\", category: "
                                                     "\"355\", ose: false}\n"
                                                     "answers: {GOUV-01-A: non, GOUV-02-A: 95, "
                                                     "CRISE-01-A: 2024-01-15}\n");
        save_answers(
            f->store, f->v2,
            HEAD("2", "2025",
                 "2025-06-30") "establishment: {finess: \"420013153\", name: "
                               "\"CH de Roanne\", region: \"84\", category: "
                               "\"355\", ose: false}\n"
                               "answers: {GOUV-01-A: oui, GOUV-02-A: 95}\n"
                               "---\n" HEAD("2", "2025",
                                            "2025-06-30") "establishment: {finess: \"690783063\", "
                                                          "name: \"CH Lyon Sud\", region: \"84\", "
                                                          "category: \"101\", ose: true}\n"
                                                          "status: submitted\n"
                                                          "answers: {GOUV-01-A: oui, GOUV-01-B: 4, "
                                                          "GOUV-02-A: 60, CRISE-01-A: 2025-01-10, "
                                                          "CRISE-01-B: oui}\n");
        *state = f;
        return 0;
}

static int teardown(void **state)
{
        struct fixture *f = *state;

        mh_store_close(f->store);
        tu_remove_db(f->path);
        mh_referentiel_free(f->v1);
        mh_referentiel_free(f->v2);
        mh_referentiel_free(f->other);
        free(f);
        return 0;
}

static void test_chase(void **state)
{
        struct fixture *f = *state;
        mh_chase *chase = NULL;
        const mh_chase_row *row;

        assert_int_equal(mh_chase_new(&chase, f->store, "2025", NULL, MH_CHASE_ALL, tu_diags()), 0);
        assert_int_equal(mh_chase_count(chase), 2);
        row = mh_chase_row_at(chase, 0); /* in progress before submitted */
        assert_string_equal(row->finess, "420013153");
        assert_int_equal(row->progress, MH_PROGRESS_IN_PROGRESS);
        assert_int_equal(row->answered, 2);
        assert_int_equal(row->applicable, 3); /* CRISE does not apply: not OSE */
        assert_non_null(row->last_change);
        row = mh_chase_row_at(chase, 1);
        assert_string_equal(row->finess, "690783063");
        assert_int_equal(row->progress, MH_PROGRESS_SUBMITTED);
        assert_null(mh_chase_row_at(chase, 2));
        assert_int_equal(mh_chase_count_progress(chase, MH_PROGRESS_NOT_STARTED), 0);
        assert_int_equal(mh_chase_count_progress(chase, MH_PROGRESS_IN_PROGRESS), 1);
        assert_int_equal(mh_chase_count_progress(chase, MH_PROGRESS_SUBMITTED), 1);
        mh_chase_free(chase);
        assert_int_equal(mh_chase_new(&chase, f->store, "2099", NULL, MH_CHASE_ALL, tu_diags()),
                         MH_ENOTFOUND);
        assert_non_null(strstr(tu_why(), "no campaign 2099"));
}

static void test_comparison(void **state)
{
        struct fixture *f = *state;
        mh_comparison *cmp = NULL;
        const mh_compare_row *row;
        const mh_compare_criterion *criteria = NULL;

        assert_int_equal(mh_comparison_new(&cmp, f->store, "2025", "2024", NULL, NULL, tu_diags()),
                         0);
        assert_string_equal(mh_comparison_before(cmp), "2024");
        assert_string_equal(mh_comparison_after(cmp), "2025");
        assert_int_equal(mh_comparison_count(cmp), 1); /* 690783063 is not in 2024 */
        row = mh_comparison_row_at(cmp, 0);
        assert_string_equal(row->finess, "420013153");
        assert_true(row->global_before == 66.7);
        assert_true(row->global_after == 66.7); /* GOUV alone */
        assert_true(row->delta == 0.0);
        assert_true(row->domain_delta[0] == 33.4); /* GOUV 33.3 -> 66.7 */
        assert_true(isnan(row->domain_delta[1]));  /* CRISE: not applicable in 2025 */
        assert_int_equal(mh_comparison_criteria(cmp, &criteria), 0);
        mh_comparison_free(cmp);

        assert_int_equal(
            mh_comparison_new(&cmp, f->store, "2024", "2025", NULL, "420013153", tu_diags()), 0);
        assert_string_equal(mh_comparison_before(cmp), "2024"); /* by reference date */
        assert_int_equal(mh_comparison_criteria(cmp, &criteria), 3);
        assert_string_equal(mh_criterion_id(criteria[2].criterion), "CRISE-01");
        assert_int_equal(criteria[2].status_after, MH_STATUS_NOT_APPLICABLE);
        assert_true(isnan(criteria[2].score_after));
        assert_true(criteria[2].in_before);
        mh_comparison_free(cmp);

        assert_int_equal(
            mh_comparison_new(&cmp, f->store, "2025", "2024", NULL, "690783063", tu_diags()),
            MH_ENOTFOUND);
        assert_int_equal(mh_comparison_new(&cmp, f->store, "2025", "X", NULL, NULL, tu_diags()),
                         MH_EINVALID);
        assert_string_equal(tu_why(), "campaigns X and 2025 use different référentiels (autre, "
                                      "exemple): only campaigns of one référentiel can be "
                                      "compared");
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_round1_delta),
            cmocka_unit_test(test_only_parse),
            cmocka_unit_test_setup_teardown(test_chase, setup, teardown),
            cmocka_unit_test_setup_teardown(test_comparison, setup, teardown),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
