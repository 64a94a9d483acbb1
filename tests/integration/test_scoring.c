/*
 * test_scoring.c: the evaluation, through the public API.
 *
 * - the worked example of docs/scoring.md, number by number;
 * - FINESS checks on the documented examples;
 * - answer values set by hand, accepted and refused with their reasons;
 * - properties over the whole fixture population (fixtures/answers/ORDER):
 *   every score in range; improving any single answer never lowers a
 *   criterion, domain or global score, nor the level; results do not depend
 *   on the order establishments are read in.
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
#include <maturinh.h>

#include "testutil.h"

/* Every establishment of one answers file, in order. */
static size_t load_all(const mh_referentiel *ref, const char *relative, mh_establishment **out,
                       size_t max)
{
        char path[4096];
        mh_answers_reader *reader = NULL;
        mh_diagnostics *diags = NULL;
        mh_establishment *est;
        size_t n = 0;
        int rc;

        snprintf(path, sizeof(path), "%s/%s", tu_source_dir(), relative);
        assert_int_equal(mh_diagnostics_new(&diags), 0);
        assert_int_equal(mh_answers_open_file(&reader, ref, path, diags), 0);
        while ((rc = mh_answers_next(&est, reader)) == 0) {
                assert_true(n < max);
                out[n++] = est;
        }
        if (rc != MH_ITEROVER)
                mh_diagnostics_print(diags, stderr);
        assert_int_equal(rc, MH_ITEROVER);
        mh_answers_close(reader);
        mh_diagnostics_free(diags);
        return n;
}

static void assert_near(double actual, double expected)
{
        if (fabs(actual - expected) > 1e-6)
                fail_msg("%.9f != %.9f", actual, expected);
}

static void test_worked_example(void **state)
{
        mh_referentiel *ref =
            tu_load_referentiel("fixtures/answers/worked-example/referentiel.yaml");
        mh_establishment *est[2];
        mh_result *r = NULL;

        (void)state;
        assert_int_equal(load_all(ref, "fixtures/answers/worked-example/answers.yaml", est, 2), 1);
        assert_int_equal(mh_evaluate(&r, ref, est[0]), 0);
        assert_near(mh_result_criterion_score(r, mh_referentiel_find_criterion(ref, "GOUV-01")),
                    0.75);
        assert_int_equal(
            mh_result_criterion_status(r, mh_referentiel_find_criterion(ref, "GOUV-01")),
            MH_STATUS_PARTIAL);
        assert_int_equal(
            mh_result_criterion_status(r, mh_referentiel_find_criterion(ref, "GOUV-02")),
            MH_STATUS_ACHIEVED);
        assert_near(mh_result_domain_score(r, mh_referentiel_find_domain(ref, "GOUV")), 250.0 / 3);
        assert_near(mh_result_indicator_score(r, mh_referentiel_find_indicator(ref, "CRISE-01-A")),
                    0);
        assert_int_equal(
            mh_result_indicator_state(r, mh_referentiel_find_indicator(ref, "CRISE-01-B")),
            MH_INDICATOR_NA);
        assert_int_equal(
            mh_result_criterion_status(r, mh_referentiel_find_criterion(ref, "CRISE-01")),
            MH_STATUS_NOT_ACHIEVED);
        assert_near(mh_result_domain_score(r, mh_referentiel_find_domain(ref, "CRISE")), 0);
        assert_true(mh_result_has_global(r));
        assert_near(mh_result_global(r), 125.0 / 3);
        assert_true(mh_round1(mh_result_global(r)) == 41.7);
        assert_int_equal(mh_result_level(r), 0);
        assert_true(mh_result_completeness(r) == 1.0);
        assert_int_equal(mh_result_applicable_count(r), 5);
        assert_int_equal(mh_result_priority_achieved(r), 0);
        assert_int_equal(mh_result_priority_total(r), 1);
        mh_result_free(r);

        /* achieving GOUV-01 (re-evaluated): D(GOUV) 100, G 50, still level 0 (CRISE-01) */
        assert_int_equal(
            mh_evaluate_assuming(&r, ref, est[0], mh_referentiel_find_criterion(ref, "GOUV-01")),
            0);
        assert_near(mh_result_global(r), 50);
        assert_int_equal(mh_result_level(r), 0);
        assert_int_equal(mh_result_priority_achieved(r), 1);
        mh_result_free(r);
        mh_establishment_free(est[0]);
        mh_referentiel_free(ref);
}

static void test_round1(void **state)
{
        (void)state;
        assert_true(mh_round1(41.666667) == 41.7);
        assert_true(mh_round1(0.25) == 0.3); /* exact in binary: half rounds up */
        assert_true(mh_round1(80.04999) == 80.0);
        assert_true(mh_round1(0.05) == 0.1);
        assert_true(mh_round1(79.95) == 80.0);
        assert_true(mh_round1(100) == 100);
        assert_true(mh_round1(0) == 0);
        assert_true(isnan(mh_round1((double)NAN)));
}

static void test_finess(void **state)
{
        static const char *const valid[] = {"010780914", "750712184", "130783293", "690781810",
                                            "2B0000020"};
        static const struct {
                const char *finess, *why;
        } invalid[] = {
            {"010780915", "wrong check digit (the Luhn key of 01078091 is 4)"},
            {"01078091", "a FINESS number has 9 characters"},
            {"200000000", "'20' is not a département code"},
            {"000000000", "'00' is not a département code"},
            {"AB0780914", "a FINESS number starts with a département code"},
            {"0107809X4", "a FINESS number has 7 digits after its département code"},
            {"2A0000020", "wrong check digit (the Luhn key of 2A000002 is 2)"},
        };
        size_t i;

        (void)state;
        for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++)
                if (mh_finess_check(valid[i], tu_diags()) != 0)
                        fail_msg("%s refused: %s", valid[i], tu_why());
        for (i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
                assert_int_equal(mh_finess_check(invalid[i].finess, tu_diags()), MH_EINVALID);
                assert_string_equal(tu_why(), invalid[i].why);
        }
        assert_true(mh_region_valid("11"));
        assert_true(mh_region_valid("06"));
        assert_false(mh_region_valid("05"));
        assert_false(mh_region_valid("12"));
}

/* "Did you mean" for a FINESS: the only known one a digit or a swap away. */
static void test_suggest_within(void **state)
{
        static const char *const known[] = {"750712184", "920014503", "920014521", NULL};
        static const char *const twins[] = {"750712184", "750712194", NULL};

        (void)state;
        assert_string_equal(mh_suggest_within("750712185", known, 1), "750712184"); /* a digit */
        assert_string_equal(mh_suggest_within("750721184", known, 1), "750712184"); /* a swap */
        assert_string_equal(mh_suggest_within("75071284", known, 1), "750712184"); /* one missing */
        assert_null(mh_suggest_within("750721185", known, 1));                     /* two edits */
        assert_null(mh_suggest_within("920014501", known, 1)); /* two are one digit away */
        assert_null(mh_suggest_within("750712114", twins, 1)); /* both: no guess */
        assert_null(mh_suggest_within("750712185", NULL, 1));
}

static void test_set_answer(void **state)
{
        mh_referentiel *ref =
            tu_load_referentiel("fixtures/answers/worked-example/referentiel.yaml");
        mh_profile profile = {
            "750712184", NULL,         "CH Test",           "11", NULL, "101", -1, 0, NULL,
            "2025",      "2025-06-30", MH_SUBMISSION_DRAFT, NULL, NULL};
        mh_establishment *est = NULL;
        const mh_indicator *boolean = mh_referentiel_find_indicator(ref, "GOUV-01-A");
        const mh_indicator *integer = mh_referentiel_find_indicator(ref, "GOUV-01-B");
        const mh_indicator *percent = mh_referentiel_find_indicator(ref, "GOUV-02-A");
        const mh_indicator *date = mh_referentiel_find_indicator(ref, "CRISE-01-A");
        const mh_indicator *na_ok = mh_referentiel_find_indicator(ref, "CRISE-01-B");

        (void)state;
        assert_int_equal(mh_establishment_new(&est, ref, &profile, tu_diags()), 0);
        assert_int_equal(mh_establishment_set_answer(est, boolean, "OUI", tu_diags()), 0);
        assert_string_equal(mh_establishment_answer_text(est, boolean), "true");
        assert_int_equal(mh_establishment_set_answer(est, boolean, "peut-être", tu_diags()),
                         MH_EINVALID);
        assert_string_equal(tu_why(), "expects oui or non (true or false), got 'peut-être'");
        assert_string_equal(mh_establishment_answer_text(est, boolean), "true");
        assert_int_equal(mh_establishment_set_answer(est, integer, "2.5", tu_diags()), MH_EINVALID);
        assert_string_equal(tu_why(), "expects a whole number, got '2.5'");
        assert_int_equal(mh_establishment_set_answer(est, percent, "120", tu_diags()), MH_EINVALID);
        assert_string_equal(tu_why(), "is a percentage from 0 to 100, got 120");
        assert_int_equal(mh_establishment_set_answer(est, percent, "99.5", tu_diags()), 0);
        assert_int_equal(mh_establishment_set_answer(est, date, "2025-07-01", tu_diags()),
                         MH_EINVALID);
        assert_string_equal(tu_why(),
                            "2025-07-01 is after the campaign's reference date 2025-06-30");
        assert_int_equal(mh_establishment_set_answer(est, date, "2023-02-29", tu_diags()),
                         MH_EINVALID);
        assert_string_equal(tu_why(), "2023-02-29 is not a calendar date");
        assert_int_equal(mh_establishment_set_answer(est, date, "2024-02-29", tu_diags()), 0);
        assert_int_equal(mh_establishment_set_answer(est, boolean, "na", tu_diags()), MH_EINVALID);
        assert_string_equal(tu_why(), "cannot be answered na: this indicator does not allow it");
        assert_int_equal(mh_establishment_set_answer(est, na_ok, "na", tu_diags()), 0);
        assert_int_equal(mh_establishment_answer_state(est, na_ok), MH_ANSWER_NA);
        assert_int_equal(mh_establishment_set_answer(est, na_ok, "", tu_diags()), 0);
        assert_int_equal(mh_establishment_answer_state(est, na_ok), MH_ANSWER_NONE);
        mh_establishment_free(est);

        profile.finess = "750712185";
        assert_int_equal(mh_establishment_new(&est, ref, &profile, tu_diags()), MH_EINVALID);
        assert_string_equal(
            tu_why(),
            "invalid FINESS '750712185': wrong check digit (the Luhn key of 75071218 is 4)");
        profile.finess = "750712184";
        profile.region = "99";
        assert_int_equal(mh_establishment_new(&est, ref, &profile, tu_diags()), MH_EINVALID);
        assert_string_equal(tu_why(),
                            "unknown region '99': expected an INSEE region code (01, 02, 03, "
                            "04, 06, 11, 24, 27, 28, 32, 44, 52, 53, 75, 76, 84, 93, 94)");
        profile.region = "84";
        /* the bound on beds: a typo or an overflow is refused, not stored */
        profile.beds = MH_BEDS_MAX + 1;
        est = NULL;
        assert_int_equal(mh_establishment_new(&est, ref, &profile, tu_diags()), MH_EINVALID);
        assert_null(est); /* out is set only on success */
        assert_string_equal(tu_why(),
                            "'beds' must be a whole number from 0 to 99999, got '100000'");
        profile.beds = MH_BEDS_MAX;
        /* the reference date is a real date */
        profile.reference_date = "2025-02-30";
        assert_int_equal(mh_establishment_new(&est, ref, &profile, tu_diags()), MH_EINVALID);
        assert_string_equal(
            tu_why(), "invalid reference date '2025-02-30': 2025-02-30 is not a calendar date");
        profile.reference_date = "2025-06-30";
        assert_int_equal(mh_establishment_new(&est, ref, &profile, tu_diags()), 0);
        assert_int_equal(mh_establishment_beds(est), MH_BEDS_MAX);
        /* a date before 1900 is said to be so, not to be malformed */
        assert_int_equal(mh_establishment_set_answer(est, date, "1899-05-01", tu_diags()),
                         MH_EINVALID);
        assert_string_equal(tu_why(), "1899-05-01 is before 1900");
        assert_int_equal(mh_establishment_set_answer(est, date, "1899-5-01", tu_diags()),
                         MH_EINVALID);
        assert_string_equal(tu_why(), "expects a date YYYY-MM-DD or jamais, got '1899-5-01'");
        mh_establishment_free(est);
        mh_referentiel_free(ref);
}

/*
 * A date answered never (jamais, any case, quoted or not): answered, scored
 * 0 whatever the date rule, kept as `never`; a misspelling is refused.
 */
static void test_never_date(void **state)
{
        static const char ref_text[] =
            "format: maturinh-referentiel/1\n"
            "id: jamais\n"
            "version: \"1\"\n"
            "title: \"Jamais\"\n"
            "levels: [{level: 1, label: \"Socle\"}]\n"
            "domains:\n"
            "  - id: D\n"
            "    title: \"Dates\"\n"
            "    criteria:\n"
            "      - id: D-01\n"
            "        title: \"Dates\"\n"
            "        level: 1\n"
            "        combine: max\n"
            "        indicators:\n"
            "          - {id: WD, question: \"Test ?\", type: date, within_days: 100000}\n"
            "          - {id: AS, question: \"Audit ?\", type: date,\n"
            "             age_steps: [[100000, 1]]}\n";
        static const char *const nevers[] = {"never", "jamais", "JAMAIS", "Never", "jAmAiS"};
        mh_profile profile = {
            "750712184", NULL,         "CH Test",           "11", NULL, "101", -1, 0, NULL,
            "2025",      "2025-06-30", MH_SUBMISSION_DRAFT, NULL, NULL};
        mh_referentiel *ref = NULL;
        mh_establishment *est = NULL, *copy = NULL;
        const mh_indicator *wd, *as;
        mh_result *r = NULL;
        size_t i;

        (void)state;
        assert_int_equal(
            mh_referentiel_load_buffer(&ref, ref_text, strlen(ref_text), "jamais.yaml", NULL), 0);
        wd = mh_referentiel_find_indicator(ref, "WD");
        as = mh_referentiel_find_indicator(ref, "AS");
        assert_int_equal(mh_establishment_new(&est, ref, &profile, tu_diags()), 0);
        for (i = 0; i < sizeof(nevers) / sizeof(nevers[0]); i++) {
                assert_int_equal(mh_establishment_set_answer(est, wd, nevers[i], tu_diags()), 0);
                assert_int_equal(mh_establishment_answer_state(est, wd), MH_ANSWER_VALUE);
                assert_string_equal(mh_establishment_answer_text(est, wd), "never");
        }
        assert_int_equal(mh_establishment_set_answer(est, as, "jamais", tu_diags()), 0);
        assert_int_equal(mh_evaluate(&r, ref, est), 0);
        assert_int_equal(mh_result_indicator_state(r, wd), MH_INDICATOR_ANSWERED);
        assert_true(mh_result_indicator_score(r, wd) == 0); /* within 100000 days: still 0 */
        assert_true(mh_result_indicator_score(r, as) == 0); /* the same with age_steps */
        assert_true(mh_result_completeness(r) == 1);
        assert_true(mh_result_global(r) == 0);
        mh_result_free(r);
        /* a copy keeps it */
        assert_int_equal(mh_establishment_copy(&copy, est), 0);
        assert_int_equal(mh_evaluate(&r, ref, copy), 0);
        assert_true(mh_result_indicator_score(r, as) == 0);
        mh_result_free(r);
        mh_establishment_free(copy);
        /* a real date scores again */
        assert_int_equal(mh_establishment_set_answer(est, as, "2020-01-01", tu_diags()), 0);
        assert_int_equal(mh_evaluate(&r, ref, est), 0);
        assert_true(mh_result_indicator_score(r, as) == 1);
        mh_result_free(r);
        assert_int_equal(mh_establishment_set_answer(est, wd, "jamai", tu_diags()), MH_EINVALID);
        assert_string_equal(tu_why(), "expects a date YYYY-MM-DD or jamais, got 'jamai'");
        assert_int_equal(mh_establishment_set_answer(est, wd, "never ", tu_diags()), MH_EINVALID);
        mh_establishment_free(est);
        mh_referentiel_free(ref);
}

/* ---- Properties over the fixture population ------------------------------ */

#define MAX_ESTABLISHMENTS 400

struct population {
        mh_referentiel *ref;
        mh_establishment *est[MAX_ESTABLISHMENTS];
        size_t n;
};

static int load_population(void **state)
{
        struct population *pop = calloc(1, sizeof(*pop));
        char path[4096], *order, *line, *save = NULL;

        assert_non_null(pop);
        pop->ref = tu_load_referentiel("referentiels/maturinh-cyber/maturinh-cyber.yaml");
        snprintf(path, sizeof(path), "%s/fixtures/answers/ORDER", tu_source_dir());
        order = tu_read_file(path, NULL);
        assert_non_null(order);
        for (line = strtok_r(order, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save))
                if (line[0] != '\0' && line[0] != '#')
                        pop->n += load_all(pop->ref, line, pop->est + pop->n,
                                           MAX_ESTABLISHMENTS - pop->n);
        free(order);
        assert_true(pop->n >= 30);
        *state = pop;
        return 0;
}

static int free_population(void **state)
{
        struct population *pop = *state;
        size_t i;

        if (pop == NULL)
                return 0;
        for (i = 0; i < pop->n; i++)
                mh_establishment_free(pop->est[i]);
        mh_referentiel_free(pop->ref);
        free(pop);
        return 0;
}

static void assert_result_in_range(const mh_referentiel *ref, const mh_result *r)
{
        size_t d, c;

        if (mh_result_has_global(r))
                assert_true(mh_result_global(r) >= 0 && mh_result_global(r) <= 100);
        assert_true(mh_result_completeness(r) >= 0 && mh_result_completeness(r) <= 1);
        assert_true(mh_result_level(r) <= mh_referentiel_level_count(ref));
        assert_true(mh_result_priority_achieved(r) <= mh_result_priority_total(r));
        for (d = 0; d < mh_referentiel_domain_count(ref); d++) {
                const mh_domain *domain = mh_referentiel_domain(ref, d);
                double score = mh_result_domain_score(r, domain);

                assert_true(isnan(score) || (score >= 0 && score <= 100));
                for (c = 0; c < mh_domain_criterion_count(domain); c++) {
                        const mh_criterion *crit = mh_domain_criterion(domain, c);
                        double cs = mh_result_criterion_score(r, crit);

                        assert_true(isnan(cs) || (cs >= 0 && cs <= 1));
                        assert_int_equal(isnan(cs), mh_result_criterion_status(r, crit) ==
                                                        MH_STATUS_NOT_APPLICABLE);
                }
        }
}

static void test_scores_in_range(void **state)
{
        struct population *pop = *state;
        size_t i;

        for (i = 0; i < pop->n; i++) {
                mh_result *r = NULL;

                assert_int_equal(mh_evaluate(&r, pop->ref, pop->est[i]), 0);
                assert_result_in_range(pop->ref, r);
                mh_result_free(r);
        }
}

/* Candidate answers for an indicator: every value worth trying. */
static size_t candidates(const mh_indicator *ind, const char **out, char storage[][32])
{
        static const char *const booleans[] = {"oui", "non"};
        static const char *const percents[] = {"0",  "5",  "25", "49.9", "50", "75",
                                               "80", "90", "95", "99",   "100"};
        static const char *const integers[] = {"0", "1",  "2",  "3",  "4",   "5",
                                               "8", "10", "20", "50", "1000"};
        static const char *const dates[] = {"2025-06-30", "2025-01-01", "2024-07-01",
                                            "2024-06-30", "2023-06-30", "2022-06-30",
                                            "2020-01-01", "2000-01-01", "jamais"};
        size_t n = 0, i;

        switch (mh_indicator_type_of(ind)) {
        case MH_INDICATOR_BOOLEAN:
                for (i = 0; i < 2; i++)
                        out[n++] = booleans[i];
                break;
        case MH_INDICATOR_CHOICE:
                for (i = 0; i < mh_indicator_option_count(ind) && n < 16; i++) {
                        snprintf(storage[n], 32, "%s", mh_indicator_option_value(ind, i));
                        out[n] = storage[n];
                        n++;
                }
                break;
        case MH_INDICATOR_PERCENT:
                for (i = 0; i < sizeof(percents) / sizeof(percents[0]); i++)
                        out[n++] = percents[i];
                break;
        case MH_INDICATOR_INTEGER:
                for (i = 0; i < sizeof(integers) / sizeof(integers[0]); i++)
                        out[n++] = integers[i];
                break;
        case MH_INDICATOR_DATE:
                for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++)
                        out[n++] = dates[i];
                break;
        case MH_INDICATOR_TEXT:
                break;
        }
        return n;
}

/* b is not below a (NaN equals NaN: applicability never changes with an answer). */
static void assert_not_lower(double a, double b, const char *what, const char *finess,
                             const char *id, const char *value)
{
        if (isnan(a) && isnan(b))
                return;
        if (isnan(a) != isnan(b) || b < a - 1e-12)
                fail_msg("%s %s: answering %s = %s lowers %s from %.9f to %.9f", finess, id, id,
                         value, what, a, b);
}

static void test_better_answers_never_lower_scores(void **state)
{
        struct population *pop = *state;
        const mh_referentiel *ref = pop->ref;
        size_t i, k, d, checks = 0;

        for (i = 0; i < pop->n; i += 3) { /* every third establishment: enough, and fast */
                mh_result *before = NULL;

                assert_int_equal(mh_evaluate(&before, ref, pop->est[i]), 0);
                for (k = 0; k < mh_referentiel_indicator_count(ref); k++) {
                        const mh_indicator *ind = NULL;
                        const char *values[16];
                        char storage[16][32];
                        size_t n, v;

                        for (d = 0; ind == NULL && d < mh_referentiel_domain_count(ref); d++) {
                                const mh_domain *domain = mh_referentiel_domain(ref, d);

                                for (size_t c = 0;
                                     ind == NULL && c < mh_domain_criterion_count(domain); c++) {
                                        const mh_criterion *crit = mh_domain_criterion(domain, c);

                                        for (size_t x = 0; x < mh_criterion_indicator_count(crit);
                                             x++)
                                                if (mh_indicator_index(
                                                        mh_criterion_indicator(crit, x)) == k)
                                                        ind = mh_criterion_indicator(crit, x);
                                }
                        }
                        assert_non_null(ind);
                        if (mh_result_indicator_state(before, ind) == MH_INDICATOR_NOT_APPLICABLE ||
                            mh_result_indicator_state(before, ind) == MH_INDICATOR_NA)
                                continue;
                        n = candidates(ind, values, storage);
                        for (v = 0; v < n; v++) {
                                mh_establishment *copy = NULL;
                                mh_result *after = NULL;
                                const mh_criterion *crit = mh_indicator_criterion(ind);
                                const char *finess = mh_establishment_finess(pop->est[i]);
                                assert_int_equal(mh_establishment_copy(&copy, pop->est[i]), 0);
                                if (mh_establishment_set_answer(copy, ind, values[v], NULL) != 0) {
                                        mh_establishment_free(copy); /* e.g. date after reference */
                                        continue;
                                }
                                assert_int_equal(mh_evaluate(&after, ref, copy), 0);
                                if (mh_result_indicator_score(after, ind) >=
                                    mh_result_indicator_score(before, ind)) {
                                        assert_not_lower(mh_result_criterion_score(before, crit),
                                                         mh_result_criterion_score(after, crit),
                                                         "its criterion", finess,
                                                         mh_indicator_id(ind), values[v]);
                                        assert_not_lower(
                                            mh_result_domain_score(before,
                                                                   mh_criterion_domain(crit)),
                                            mh_result_domain_score(after,
                                                                   mh_criterion_domain(crit)),
                                            "its domain", finess, mh_indicator_id(ind), values[v]);
                                        assert_not_lower(mh_result_global(before),
                                                         mh_result_global(after),
                                                         "the global score", finess,
                                                         mh_indicator_id(ind), values[v]);
                                        assert_true(mh_result_level(after) >=
                                                    mh_result_level(before));
                                        assert_true(mh_result_completeness(after) >=
                                                    mh_result_completeness(before));
                                        checks++;
                                }
                                mh_result_free(after);
                                mh_establishment_free(copy);
                        }
                }
                mh_result_free(before);
        }
        assert_true(checks > 1000);
}

static void test_order_does_not_matter(void **state)
{
        struct population *pop = *state;
        double *forward = calloc(pop->n, sizeof(double));
        size_t i;

        assert_non_null(forward);
        for (i = 0; i < pop->n; i++) {
                mh_result *r = NULL;

                assert_int_equal(mh_evaluate(&r, pop->ref, pop->est[i]), 0);
                forward[i] =
                    mh_result_global(r) * 1000 + mh_result_level(r) + mh_result_completeness(r);
                mh_result_free(r);
        }
        for (i = pop->n; i-- > 0;) {
                mh_result *r = NULL;
                double value;

                assert_int_equal(mh_evaluate(&r, pop->ref, pop->est[i]), 0);
                value = mh_result_global(r) * 1000 + mh_result_level(r) + mh_result_completeness(r);
                assert_true(value == forward[i] || (isnan(value) && isnan(forward[i])));
                mh_result_free(r);
        }
        free(forward);
}

int main(void)
{
        const struct CMUnitTest basics[] = {
            cmocka_unit_test(test_worked_example), cmocka_unit_test(test_round1),
            cmocka_unit_test(test_finess),         cmocka_unit_test(test_suggest_within),
            cmocka_unit_test(test_set_answer),     cmocka_unit_test(test_never_date),
        };
        const struct CMUnitTest properties[] = {
            cmocka_unit_test(test_scores_in_range),
            cmocka_unit_test(test_better_answers_never_lower_scores),
            cmocka_unit_test(test_order_does_not_matter),
        };
        int failed = cmocka_run_group_tests_name("scoring", basics, NULL, NULL);

        return failed + cmocka_run_group_tests_name("scoring_properties", properties,
                                                    load_population, free_population);
}
