/*
 * test_outputs.c: what `score` writes, read back by independent parsers.
 *
 * The JSON is parsed with jansson and its values compared with the
 * evaluation; the XML is parsed by libxml2 (network and entities off) and
 * validated against the shipped schema; the CSV is compared line by line.
 * Over the worked example and, for validity, the whole fixture population.
 */
#define _POSIX_C_SOURCE 200809L

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
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

/* Scores every establishment of `answers` (relative paths) in `format`; returns the text. */
static char *score_to_text(const char *ref_path, const char *const *answers, mh_format format,
                           int detail)
{
        char path[4096];
        mh_referentiel *ref = NULL;
        mh_score_writer *writer = NULL;
        FILE *f = tmpfile();
        char *text;

        assert_non_null(f);
        snprintf(path, sizeof(path), "%s/%s", tu_source_dir(), ref_path);
        assert_int_equal(mh_referentiel_load_file(&ref, path, NULL), 0);
        assert_int_equal(mh_score_writer_new(&writer, ref, format, detail, f, NULL), 0);
        for (; *answers != NULL; answers++) {
                mh_answers_reader *reader = NULL;
                mh_establishment *est;

                snprintf(path, sizeof(path), "%s/%s", tu_source_dir(), *answers);
                assert_int_equal(mh_answers_open_file(&reader, ref, path, NULL), 0);
                while (mh_answers_next(&est, reader) == 0) {
                        mh_result *r = NULL;

                        assert_int_equal(mh_evaluate(&r, ref, est), 0);
                        assert_int_equal(mh_score_writer_add(writer, est, r, NULL), 0);
                        mh_result_free(r);
                        mh_establishment_free(est);
                }
                mh_answers_close(reader);
        }
        assert_int_equal(mh_score_writer_finish(writer, NULL), 0);
        mh_score_writer_free(writer);
        mh_referentiel_free(ref);
        text = tu_stream_text(f);
        fclose(f);
        return text;
}

static const char *const worked[] = {"fixtures/answers/worked-example/answers.yaml", NULL};
static const char *const worked_ref = "fixtures/answers/worked-example/referentiel.yaml";

static void test_json(void **state)
{
        char *text = score_to_text(worked_ref, worked, MH_FORMAT_JSON, 1);
        json_error_t error;
        json_t *doc, *est, *domains, *criteria;

        (void)state;
        doc = json_loads(text, 0, &error);
        if (doc == NULL)
                fail_msg("invalid JSON at line %d: %s\n%s", error.line, error.text, text);
        /* a rounded value in its shortest form (not 41.700000000000003), the
         * full value with every digit it needs to read back the same double */
        if (strstr(text, "\"global_score_rounded\": 41.7,\n") == NULL ||
            strstr(text, "\"score_rounded\": 83.3\n") == NULL ||
            strstr(text, "\"global_score\": 41.666666666666664,\n") == NULL ||
            strstr(text, "\"score\": 83.333333333333329,\n") == NULL)
                fail_msg("numbers not in their shortest exact form:\n%s", text);
        assert_string_equal(
            json_string_value(json_object_get(json_object_get(doc, "referentiel"), "id")),
            "exemple");
        est = json_array_get(json_object_get(doc, "establishments"), 0);
        assert_non_null(est);
        assert_int_equal(json_array_size(json_object_get(doc, "establishments")), 1);
        assert_string_equal(json_string_value(json_object_get(est, "finess")), "010780914");
        assert_string_equal(json_string_value(json_object_get(est, "status")), "submitted");
        assert_true(fabs(json_real_value(json_object_get(est, "global_score")) - 125.0 / 3) <
                    1e-12);
        assert_true(json_real_value(json_object_get(est, "global_score_rounded")) == 41.7);
        assert_int_equal(json_integer_value(json_object_get(est, "level")), 0);
        /* level 0 has its one wording, the same in every locale */
        assert_string_equal(json_string_value(json_object_get(est, "level_label")),
                            "Aucun niveau atteint");
        assert_int_equal(json_integer_value(json_object_get(est, "priority_total")), 1);
        domains = json_object_get(est, "domains");
        assert_int_equal(json_array_size(domains), 2);
        assert_true(json_real_value(json_object_get(json_array_get(domains, 0), "score_rounded")) ==
                    83.3);
        criteria = json_object_get(est, "criteria");
        assert_int_equal(json_array_size(criteria), 3);
        assert_string_equal(
            json_string_value(json_object_get(json_array_get(criteria, 0), "status")), "partial");
        json_decref(doc);
        free(text);
}

static void validate_xml(const char *text)
{
        char path[4096];
        xmlSchemaParserCtxtPtr parser;
        xmlSchemaValidCtxtPtr valid;
        xmlSchemaPtr schema;
        xmlDocPtr doc;

        snprintf(path, sizeof(path), "%s/schemas/maturinh-score-1.xsd", tu_source_dir());
        parser = xmlSchemaNewParserCtxt(path);
        assert_non_null(parser);
        schema = xmlSchemaParse(parser);
        assert_non_null(schema);
        doc = xmlReadMemory(text, (int)strlen(text), "scores.xml", NULL, XML_PARSE_NONET);
        assert_non_null(doc);
        valid = xmlSchemaNewValidCtxt(schema);
        if (xmlSchemaValidateDoc(valid, doc) != 0)
                fail_msg("scores XML does not validate:\n%.2000s", text);
        xmlSchemaFreeValidCtxt(valid);
        xmlFreeDoc(doc);
        xmlSchemaFree(schema);
        xmlSchemaFreeParserCtxt(parser);
}

static void *counting_malloc(size_t size)
{
        return malloc(size);
}

static void counting_free(void *ptr)
{
        free(ptr);
}

/* jansson's allocator is the program's: writing JSON scores never changes it. */
static void test_json_leaves_jansson_allocator(void **state)
{
        json_malloc_t before_malloc, after_malloc;
        json_free_t before_free, after_free;
        char *text;

        (void)state;
        json_set_alloc_funcs(counting_malloc, counting_free); /* the program's own */
        json_get_alloc_funcs(&before_malloc, &before_free);
        text = score_to_text(worked_ref, worked, MH_FORMAT_JSON, 1);
        json_get_alloc_funcs(&after_malloc, &after_free);
        assert_true(after_malloc == before_malloc);
        assert_true(after_free == before_free);
        free(text);
        json_set_alloc_funcs(malloc, free);
}

static void test_xml(void **state)
{
        char *text = score_to_text(worked_ref, worked, MH_FORMAT_XML, 1);

        (void)state;
        validate_xml(text);
        assert_non_null(strstr(text, "<global score=\"41.666667\" rounded=\"41.7\" level=\"0\" "
                                     "level-label=\"Aucun niveau atteint\" "
                                     "completeness=\"1.000000\" priority-achieved=\"0\" "
                                     "priority-total=\"1\"/>"));
        assert_non_null(strstr(text, "<criterion id=\"GOUV-01\" status=\"partial\" "
                                     "score=\"0.750000\"/>"));
        free(text);
        text = score_to_text(worked_ref, worked, MH_FORMAT_XML, 0);
        validate_xml(text);
        assert_null(strstr(text, "<criterion"));
        free(text);
}

static void test_csv(void **state)
{
        char *text = score_to_text(worked_ref, worked, MH_FORMAT_CSV, 0);

        (void)state;
        assert_string_equal(text, "finess,campaign,status,global_score,level,completeness,"
                                  "priority_achieved,priority_total,domain:GOUV,domain:CRISE\n"
                                  "010780914,2025,submitted,41.666667,0,1.000000,0,1,83.333333,"
                                  "0.000000\n");
        free(text);
        text = score_to_text(worked_ref, worked, MH_FORMAT_CSV, 1);
        assert_string_equal(text, "finess,domain,criterion,status,score\n"
                                  "010780914,GOUV,GOUV-01,partial,0.750000\n"
                                  "010780914,GOUV,GOUV-02,achieved,1.000000\n"
                                  "010780914,CRISE,CRISE-01,not_achieved,0.000000\n");
        free(text);
}

/* The whole population, every format that has a parser, valid. */
static void test_population_outputs_parse(void **state)
{
        char path[4096], *order, *line, *save = NULL, *text;
        const char *files[64];
        size_t n = 0;
        json_error_t error;
        json_t *doc;

        (void)state;
        snprintf(path, sizeof(path), "%s/fixtures/answers/ORDER", tu_source_dir());
        order = tu_read_file(path, NULL);
        assert_non_null(order);
        for (line = strtok_r(order, "\n", &save); line != NULL && n < 63;
             line = strtok_r(NULL, "\n", &save))
                if (line[0] != '\0' && line[0] != '#')
                        files[n++] = line;
        files[n] = NULL;
        text = score_to_text("referentiels/maturinh-cyber/maturinh-cyber.yaml", files,
                             MH_FORMAT_XML, 1);
        validate_xml(text);
        free(text);
        text = score_to_text("referentiels/maturinh-cyber/maturinh-cyber.yaml", files,
                             MH_FORMAT_JSON, 1);
        assert_non_null(doc = json_loads(text, 0, &error));
        assert_true(json_array_size(json_object_get(doc, "establishments")) >= 30);
        json_decref(doc);
        free(text);
        free(order);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_json),
            cmocka_unit_test(test_json_leaves_jansson_allocator),
            cmocka_unit_test(test_xml),
            cmocka_unit_test(test_csv),
            cmocka_unit_test(test_population_outputs_parse),
        };

        return cmocka_run_group_tests_name("outputs", tests, NULL, NULL);
}
