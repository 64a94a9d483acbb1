/*
 * test_publication.c: ranking, name & praise and the Observatoire, through
 * the public API.
 *
 * A small population built by hand on the worked example's référentiel
 * checks eligibility, competition ranking with ties, praise, quantiles and
 * suppression number by number; the fixture population checks the
 * published files: valid against the XSD, byte-identical from one run to
 * the next, and free of anything that must never be published (planted
 * answers and comments, names of establishments that are not praised).
 */
#define _POSIX_C_SOURCE 200809L

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
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

/* Adds an establishment of the worked example's référentiel with these answers. */
static void add(mh_population *pop, const mh_referentiel *ref, const char *finess, const char *name,
                const char *region, mh_submission submission, const char *a, const char *b,
                const char *percent, const char *date)
{
        mh_profile profile = {finess, NULL, name,   region,       NULL,       "355", 200,
                              0,      NULL, "2025", "2025-06-30", submission, NULL,  NULL};
        const char *ids[] = {"GOUV-01-A", "GOUV-01-B", "GOUV-02-A", "CRISE-01-A", "CRISE-01-B"};
        /* an old crisis exercise goes with no feedback: the criterion (max) fails */
        const char *values[] = {a, b, percent, date, strncmp(date, "2025", 4) ? "non" : "oui"};
        mh_establishment *est = NULL;
        mh_result *result = NULL;
        size_t i;

        assert_int_equal(mh_establishment_new(&est, ref, &profile, tu_diags()), 0);
        for (i = 0; i < 5; i++)
                assert_int_equal(
                    mh_establishment_set_answer(est, mh_referentiel_find_indicator(ref, ids[i]),
                                                values[i], tu_diags()),
                    0);
        assert_int_equal(mh_evaluate(&result, ref, est), 0);
        assert_int_equal(mh_population_add(pop, est, result), 0);
        mh_result_free(result);
        mh_establishment_free(est);
}

static mh_population *small_population(mh_referentiel **ref_out)
{
        mh_referentiel *ref =
            tu_load_referentiel("fixtures/answers/worked-example/referentiel.yaml");
        mh_population *pop = NULL;

        assert_int_equal(mh_population_new(&pop, ref), 0);
        /* 100, twice (a tie for rank 1) */
        add(pop, ref, "750712184", "CH Alpha", "11", MH_SUBMISSION_SUBMITTED, "oui", "4", "95",
            "2025-01-10");
        add(pop, ref, "130783293", "=HYPERLINK(\"http://x\")", "11", MH_SUBMISSION_SUBMITTED, "oui",
            "4", "95", "2025-01-10");
        /* 91.7, twice: a mesure prioritaire partial, so not praised */
        add(pop, ref, "690781810", "CH Gamma", "11", MH_SUBMISSION_SUBMITTED, "oui", "2", "95",
            "2025-01-10");
        add(pop, ref, "010780914", "CH Delta", "11", MH_SUBMISSION_SUBMITTED, "oui", "2", "95",
            "2025-01-10");
        /* 50 */
        add(pop, ref, "060009461", "CH Epsilon", "84", MH_SUBMISSION_SUBMITTED, "oui", "4", "95",
            "2020-01-10");
        /* a perfect draft and an incomplete one: not eligible */
        add(pop, ref, "560012841", "CH Draft", "11", MH_SUBMISSION_DRAFT, "oui", "4", "95",
            "2025-01-10");
        add(pop, ref, "590780268", "CH Incomplet", "11", MH_SUBMISSION_SUBMITTED, "oui", "4", "",
            "2025-01-10");
        *ref_out = ref;
        return pop;
}

/* A scope no establishment can be in is refused, and a refusal leaves *out alone. */
static void test_scope_parse(void **state)
{
        mh_scope scope;

        (void)state;
        assert_int_equal(mh_scope_parse(&scope, "region:53"), 0);
        assert_int_equal(scope.kind, MH_SCOPE_REGION);
        assert_string_equal(scope.value, "53");
        assert_int_equal(mh_scope_parse(&scope, "region:99"), MH_EUSAGE);
        assert_int_equal(mh_scope_parse(&scope, "category:1010"), MH_EUSAGE);
        assert_int_equal(mh_scope_parse(&scope, "county:1"), MH_EUSAGE);
        /* untouched by the refusals */
        assert_int_equal(scope.kind, MH_SCOPE_REGION);
        assert_string_equal(scope.value, "53");
        assert_int_equal(mh_scope_parse(&scope, "category:355"), 0);
        assert_int_equal(scope.kind, MH_SCOPE_CATEGORY);
        assert_int_equal(mh_scope_parse(&scope, "national"), 0);
        assert_int_equal(scope.kind, MH_SCOPE_NATIONAL);
        assert_string_equal(scope.value, "");
        /* the date check of --date */
        assert_int_equal(mh_date_check("2025-06-30", NULL), 0);
        assert_int_equal(mh_date_check("2025-02-30", tu_diags()), MH_EINVALID);
        assert_string_equal(tu_why(), "2025-02-30 is not a calendar date");
}

static void test_ranking(void **state)
{
        static const struct {
                unsigned rank;
                const char *finess;
                double score;
                int praised;
        } expected[] = {{1, "130783293", 100, 1},
                        {1, "750712184", 100, 1},
                        {3, "010780914", 91.7, 0},
                        {3, "690781810", 91.7, 0},
                        {5, "060009461", 50, 0}};
        mh_referentiel *ref;
        mh_population *pop = small_population(&ref);
        mh_ranking *ranking = NULL;
        mh_scope scope;
        size_t i;

        (void)state;
        assert_int_equal(mh_population_count(pop), 7);
        assert_true(mh_population_has(pop, "750712184"));
        assert_false(mh_population_has(pop, "310011689"));
        assert_int_equal(mh_scope_parse(&scope, "national"), 0);
        assert_int_equal(mh_rank(&ranking, pop, &scope, NULL), 0);
        assert_int_equal(mh_ranking_count(ranking), 5);
        for (i = 0; i < 5; i++) {
                const mh_rank_entry *e = mh_ranking_entry(ranking, i);

                assert_int_equal(e->rank, expected[i].rank);
                assert_string_equal(e->finess, expected[i].finess);
                assert_true(e->score == expected[i].score);
                assert_int_equal(e->praised, expected[i].praised);
        }
        mh_ranking_free(ranking);

        assert_int_equal(mh_scope_parse(&scope, "region:84"), 0);
        assert_int_equal(mh_rank(&ranking, pop, &scope, NULL), 0);
        assert_int_equal(mh_ranking_count(ranking), 1);
        assert_int_equal(mh_ranking_entry(ranking, 0)->rank, 1);
        mh_ranking_free(ranking);
        assert_int_equal(mh_scope_parse(&scope, "county:1"), MH_EUSAGE);
        assert_int_equal(mh_scope_parse(&scope, "region:"), MH_EUSAGE);

        /* progress against a previous campaign: the same scores, so 0 */
        assert_int_equal(mh_scope_parse(&scope, "national"), 0);
        assert_int_equal(mh_rank(&ranking, pop, &scope, pop), 0);
        assert_true(mh_ranking_entry(ranking, 0)->has_previous);
        assert_true(mh_ranking_entry(ranking, 0)->delta == 0);
        mh_ranking_free(ranking);
        mh_population_free(pop);
        mh_referentiel_free(ref);
}

static char *read_published(const char *dir, const char *name)
{
        char path[4096];

        snprintf(path, sizeof(path), "%s/%s", dir, name);
        return tu_read_file(path, NULL);
}

static void publish_into(const mh_population *pop, char *dir)
{
        mh_publish_options options = MH_PUBLISH_OPTIONS_INIT;

        assert_non_null(mkdtemp(dir));
        options.version = MH_PUBLISH_OPTIONS_VERSION + 1; /* another layout: refused */
        assert_int_equal(mh_publish(pop, &options, dir, NULL), MH_EUSAGE);
        options.version = MH_PUBLISH_OPTIONS_VERSION;
        assert_int_equal(mh_publish(pop, &options, dir, NULL), 0);
}

static void remove_publication(const char *dir)
{
        static const char *const names[] = {"palmares.csv", "observatoire.csv", "observatoire.xml",
                                            "index.html", MH_PUBLICATION_MANIFEST};
        char path[4096];
        size_t i;

        for (i = 0; i < 5; i++) {
                snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
                unlink(path);
        }
        rmdir(dir);
}

static void test_small_publication(void **state)
{
        mh_referentiel *ref;
        mh_population *pop = small_population(&ref);
        char dir[] = "/tmp/mh-pub-XXXXXX", *palmares, *observatoire;

        (void)state;
        publish_into(pop, dir);
        palmares = read_published(dir, "palmares.csv");
        /* only the praised, and the formula neutralised */
        assert_string_equal(palmares,
                            "rank,finess,name,region,category,score,level\n"
                            "1,130783293,\"'=HYPERLINK(\"\"http://x\"\")\",11,355,100.0,2\n"
                            "1,750712184,CH Alpha,11,355,100.0,2\n");
        observatoire = read_published(dir, "observatoire.csv");
        /* the nation: 7 establishments, 6 submitted, 5 eligible, but only 3 of
         * them unnamed: with the 2 named ones' scores public, its figures would
         * describe those 3, so it is suppressed; regions too small: suppressed */
        assert_string_equal(observatoire,
                            "region,category,n_establishments,n_submitted,n_eligible,suppressed,"
                            "mean,p25,median,p75,level_0,level_1,level_2,priority_all\n"
                            ",,7,6,5,true,,,,,,,,\n"
                            "11,,6,5,4,true,,,,,,,,\n"
                            "11,355,6,5,4,true,,,,,,,,\n"
                            "84,,1,1,1,true,,,,,,,,\n"
                            "84,355,1,1,1,true,,,,,,,,\n");
        free(palmares);
        free(observatoire);
        remove_publication(dir);
        mh_population_free(pop);
        mh_referentiel_free(ref);
}

/* The manifest: what the folder is, its files; mh_publication_check trusts nothing else. */
static void test_publication_manifest(void **state)
{
        mh_referentiel *ref;
        mh_population *pop = small_population(&ref);
        char dir[] = "/tmp/mh-pub-XXXXXX", empty[] = "/tmp/mh-pub-XXXXXX", path[4096], *manifest;
        mh_diagnostics *diags = NULL;
        FILE *f;

        (void)state;
        assert_int_equal(mh_diagnostics_new(&diags), 0);
        publish_into(pop, dir);
        manifest = read_published(dir, MH_PUBLICATION_MANIFEST);
        assert_non_null(manifest);
        assert_true(strncmp(manifest, "maturinh-publication/1\ncampaign: \"",
                            strlen("maturinh-publication/1\ncampaign: \"")) == 0);
        assert_non_null(strstr(manifest, "\nsha256: \""));
        assert_non_null(strstr(manifest, "\nfile: palmares.csv\nfile: observatoire.csv\n"
                                         "file: observatoire.xml\nfile: index.html\n"));
        free(manifest);
        assert_int_equal(mh_publication_check(dir, NULL, diags), 0);
        assert_int_equal(mh_diagnostics_count(diags), 0);
        /* a file nobody listed: not replaced, unless the caller keeps it there */
        snprintf(path, sizeof(path), "%s/notes.txt", dir);
        assert_non_null(f = fopen(path, "w"));
        fclose(f);
        assert_int_equal(mh_publication_check(dir, NULL, diags), MH_EINVALID);
        assert_string_equal(mh_diagnostics_get(diags, 0)->source, dir);
        assert_string_equal(mh_diagnostics_get(diags, 0)->message,
                            "holds notes.txt, which maturinh publish did not write");
        mh_diagnostics_clear(diags);
        assert_int_equal(mh_publication_check(dir, "notes.txt", diags), 0);
        unlink(path);
        /* a folder without the manifest */
        assert_non_null(mkdtemp(empty));
        assert_int_equal(mh_publication_check(empty, NULL, diags), MH_EINVALID);
        assert_string_equal(mh_diagnostics_get(diags, 0)->message,
                            "not a folder written by maturinh publish (no .maturinh-publication)");
        mh_diagnostics_clear(diags);
        /* a manifest that is not ours */
        snprintf(path, sizeof(path), "%s/" MH_PUBLICATION_MANIFEST, empty);
        assert_non_null(f = fopen(path, "w"));
        fputs("something else\n", f);
        fclose(f);
        assert_int_equal(mh_publication_check(empty, NULL, diags), MH_EINVALID);
        assert_string_equal(mh_diagnostics_get(diags, 0)->message,
                            "not a folder written by maturinh publish (.maturinh-publication is "
                            "not a maturinh-publication/1 manifest)");
        unlink(path);
        rmdir(empty);
        mh_diagnostics_free(diags);
        remove_publication(dir);
        mh_population_free(pop);
        mh_referentiel_free(ref);
}

/* The fixture population, read from fixtures/answers/ORDER. */
static mh_population *fixture_population(mh_referentiel *ref)
{
        char path[4096], *order, *line, *save = NULL;
        mh_population *pop = NULL;

        assert_int_equal(mh_population_new(&pop, ref), 0);
        snprintf(path, sizeof(path), "%s/fixtures/answers/ORDER", tu_source_dir());
        order = tu_read_file(path, NULL);
        assert_non_null(order);
        for (line = strtok_r(order, "\n", &save); line != NULL;
             line = strtok_r(NULL, "\n", &save)) {
                mh_answers_reader *reader = NULL;
                mh_establishment *est;

                if (line[0] == '\0' || line[0] == '#')
                        continue;
                snprintf(path, sizeof(path), "%s/%s", tu_source_dir(), line);
                assert_int_equal(mh_answers_open_file(&reader, ref, path, NULL), 0);
                while (mh_answers_next(&est, reader) == 0) {
                        mh_result *result = NULL;

                        assert_int_equal(mh_evaluate(&result, ref, est), 0);
                        assert_int_equal(mh_population_add(pop, est, result), 0);
                        mh_result_free(result);
                        mh_establishment_free(est);
                }
                mh_answers_close(reader);
        }
        free(order);
        return pop;
}

static void validate(const char *dir)
{
        char path[4096];
        xmlSchemaParserCtxtPtr parser;
        xmlSchemaValidCtxtPtr valid;
        xmlSchemaPtr schema;
        xmlDocPtr doc;

        snprintf(path, sizeof(path), "%s/schemas/maturinh-observatoire-1.xsd", tu_source_dir());
        assert_non_null(parser = xmlSchemaNewParserCtxt(path));
        assert_non_null(schema = xmlSchemaParse(parser));
        snprintf(path, sizeof(path), "%s/observatoire.xml", dir);
        assert_non_null(doc = xmlReadFile(path, NULL, XML_PARSE_NONET));
        valid = xmlSchemaNewValidCtxt(schema);
        assert_int_equal(xmlSchemaValidateDoc(valid, doc), 0);
        xmlSchemaFreeValidCtxt(valid);
        xmlFreeDoc(doc);
        /* the page is well-formed XHTML */
        snprintf(path, sizeof(path), "%s/index.html", dir);
        assert_non_null(doc = xmlReadFile(path, NULL, XML_PARSE_NONET));
        xmlFreeDoc(doc);
        xmlSchemaFree(schema);
        xmlSchemaFreeParserCtxt(parser);
}

static void test_fixture_publication(void **state)
{
        static const char *const names[] = {"palmares.csv", "observatoire.csv", "observatoire.xml",
                                            "index.html"};
        mh_referentiel *ref =
            tu_load_referentiel("referentiels/maturinh-cyber/maturinh-cyber.yaml");
        mh_population *pop = fixture_population(ref);
        char one[] = "/tmp/mh-pub-XXXXXX", two[] = "/tmp/mh-pub-XXXXXX";
        mh_ranking *ranking = NULL;
        mh_scope national;
        size_t i, f, praised = 0, hidden = 0;

        (void)state;
        assert_true(mh_population_count(pop) >= 30);
        publish_into(pop, one);
        publish_into(pop, two);
        validate(one);
        memset(&national, 0, sizeof(national));
        assert_int_equal(mh_rank(&ranking, pop, &national, NULL), 0);
        for (f = 0; f < 4; f++) {
                char *a = read_published(one, names[f]), *b = read_published(two, names[f]);

                /* determinism: byte-identical */
                assert_non_null(a);
                assert_string_equal(a, b);
                /* nothing planted in answers or comments is ever published */
                if (strstr(a, "SECRET-PLANTED") != NULL)
                        fail_msg("%s contains a planted answer or comment", names[f]);
                /* an eligible establishment that is not praised is never named */
                for (i = 0; i < mh_ranking_count(ranking); i++) {
                        const mh_rank_entry *e = mh_ranking_entry(ranking, i);

                        if (e->praised) {
                                praised += f == 0;
                                /* the praised are named, except in the aggregates */
                                if (f != 1 && strstr(a, e->finess) == NULL)
                                        fail_msg("%s does not name %s", names[f], e->finess);
                                continue;
                        }
                        hidden += f == 0;
                        if (strstr(a, e->finess) != NULL || strstr(a, e->name) != NULL)
                                fail_msg("%s names %s (%s), which is not praised", names[f],
                                         e->finess, e->name);
                }
                free(a);
                free(b);
        }
        assert_true(praised >= 10);
        assert_true(hidden >= 10);
        mh_ranking_free(ranking);
        remove_publication(one);
        remove_publication(two);
        mh_population_free(pop);
        mh_referentiel_free(ref);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_scope_parse),         cmocka_unit_test(test_ranking),
            cmocka_unit_test(test_small_publication),   cmocka_unit_test(test_publication_manifest),
            cmocka_unit_test(test_fixture_publication),
        };

        return cmocka_run_group_tests_name("publication", tests, NULL, NULL);
}
