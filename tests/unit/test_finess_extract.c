/*
 * test_finess_extract.c: the reader of the official FINESS extract
 * (finess_extract.c): quotes, encodings (UTF-8, Latin-1 and Windows-1252, a
 * character cut by the reader's chunks), the number of fields, ends of
 * lines, the name, the départements of the extract.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "maturinh/finess_extract.h"
#include "testutil.h"

#define META "finess;etalab;111;2026-05-12\n"

/* A structureet line of 32 fields: `rs` and `rslongue` as written (quoted or not). */
static void line(char *out, size_t size, const char *finess, const char *rs, const char *rslongue,
                 const char *dep, const char *cat, const char *end)
{
        snprintf(out, size,
                 "structureet;%s;010780054;%s;%s;;;1;R;VOIE;;;001;%s;LIB;01440 VIRIAT;;;%s;LIB;"
                 "1102;CH;;8610Z;03;ARS;1;EPS;1979-02-13;1979-02-13;2020-02-04;%s",
                 finess, rs, rslongue, dep, cat, end);
}

struct got {
        char names[8][128];
        char deps[8][4];
        char regions[8][4];
        size_t n;
};

static int keep(const mh_finess_extract_row *row, void *context)
{
        struct got *g = context;

        if (g->n < 8) {
                snprintf(g->names[g->n], sizeof(g->names[0]), "%s", row->name);
                snprintf(g->deps[g->n], sizeof(g->deps[0]), "%s", row->departement);
                snprintf(g->regions[g->n], sizeof(g->regions[0]), "%s", row->region);
        }
        g->n++;
        return 0;
}

/* Reads `bytes` as an extract; returns the code, fills `g`, `r` and `message` (the first error). */
static int read_text(const char *bytes, size_t length, struct got *g, mh_finess_extract_result *r,
                     char *message, size_t message_size)
{
        char path[] = "/tmp/mh-finess-extract-XXXXXX";
        mh_finess_extract_options options = MH_FINESS_EXTRACT_OPTIONS_INIT;
        mh_diagnostics *diags = NULL;
        int fd = mkstemp(path), rc;
        FILE *f = fdopen(fd, "wb");

        assert_non_null(f);
        assert_int_equal(fwrite(bytes, 1, length, f), length);
        fclose(f);
        memset(g, 0, sizeof(*g));
        memset(r, 0, sizeof(*r));
        assert_int_equal(mh_diagnostics_new(&diags), 0);
        rc = mh_finess_extract_each(r, path, &options, keep, g, diags);
        message[0] = '\0';
        if (mh_diagnostics_count(diags) > 0) {
                const mh_error *e = mh_diagnostics_get(diags, 0);

                snprintf(message, message_size, "%u:%u: %s", e->line, e->column, e->message);
        }
        mh_diagnostics_free(diags);
        unlink(path);
        return rc;
}

static void test_quotes(void **state)
{
        char text[2048], l1[512], l2[512], message[1024];
        mh_finess_extract_result r;
        struct got g;

        (void)state;
        line(l1, sizeof(l1), "010000024", "\"LIEU DE VIE \"\"MAVOUNA MEMA 1\"\"\"", "", "01", "355",
             "");
        line(l2, sizeof(l2), "690001235", "\"A;B\"", "", "69", "355", "");
        snprintf(text, sizeof(text), META "%s\n%s\n", l1, l2);
        assert_int_equal(read_text(text, strlen(text), &g, &r, message, sizeof(message)), 0);
        assert_int_equal(g.n, 2);
        assert_string_equal(g.names[0], "LIEU DE VIE \"MAVOUNA MEMA 1\"");
        assert_string_equal(g.names[1], "A;B"); /* a ';' inside quotes is no separator */
        assert_int_equal(r.encoding, MH_FINESS_ENCODING_UTF8);

        line(l1, sizeof(l1), "010000024", "\"CH\"X", "", "01", "355", "");
        snprintf(text, sizeof(text), META "%s\n", l1);
        assert_int_equal(read_text(text, strlen(text), &g, &r, message, sizeof(message)),
                         MH_EINVALID);
        assert_string_equal(message, "2:37: unexpected text after a closing quote: double a "
                                     "quote inside a quoted field (\"\")");
}

static void test_names(void **state)
{
        char text[4096], l1[512], l2[512], l3[512], message[1024];
        mh_finess_extract_result r;
        struct got g;

        (void)state;
        line(l1, sizeof(l1), "010000024", "CH DE LA VALL", "CH DE LA VALLÉE", "01", "355", "");
        line(l2, sizeof(l2), "690001235", "CH ALPES", "CENTRE HOSPITALIER ALPES", "69", "355", "");
        line(l3, sizeof(l3), "380004564", "", "  CLINIQUE   DU  PARC ", "38", "355", "");
        snprintf(text, sizeof(text), META "%s\n%s\n%s\n", l1, l2, l3);
        assert_int_equal(read_text(text, strlen(text), &g, &r, message, sizeof(message)), 0);
        assert_int_equal(g.n, 3);
        assert_string_equal(g.names[0], "CH DE LA VALLÉE"); /* a cut: the long name */
        assert_string_equal(g.names[1], "CH ALPES");        /* no cut: the short name */
        assert_string_equal(g.names[2], "CLINIQUE DU PARC");
}

static void test_encodings(void **state)
{
        /* "VALLÉE" in Latin-1 (0xC9), "SŒURS" in Windows-1252 (0x8C) */
        char text[2048], l1[512], l2[512], message[1024];
        mh_finess_extract_result r;
        struct got g;

        (void)state;
        line(l1, sizeof(l1), "010000024",
             "EHPAD LA VALL\xC9"
             "E",
             "", "01", "500", "");
        line(l2, sizeof(l2), "690001235", "MAISON DES S\x8CURS", "", "69", "500", "");
        snprintf(text, sizeof(text), META "%s\r\n%s\r\n", l1, l2);
        assert_int_equal(read_text(text, strlen(text), &g, &r, message, sizeof(message)), 0);
        assert_int_equal(r.encoding, MH_FINESS_ENCODING_LATIN1);
        assert_int_equal(g.n, 2);
        assert_string_equal(g.names[0], "EHPAD LA VALLÉE");
        assert_string_equal(g.names[1], "MAISON DES SŒURS");

        /* UTF-8 with a BOM */
        line(l1, sizeof(l1), "010000024", "EHPAD LA VALLÉE", "", "01", "500", "");
        snprintf(text, sizeof(text), "\xEF\xBB\xBF" META "%s\n", l1);
        assert_int_equal(read_text(text, strlen(text), &g, &r, message, sizeof(message)), 0);
        assert_int_equal(r.encoding, MH_FINESS_ENCODING_UTF8);
        assert_string_equal(g.names[0], "EHPAD LA VALLÉE");
}

/* A character cut by the reader's 64 KiB chunks is still UTF-8. */
static void test_character_across_chunks(void **state)
{
        size_t size = 70000, at = 65535, n;
        char *text = malloc(size + 1024), l1[512], message[1024];
        mh_finess_extract_result r;
        struct got g;

        (void)state;
        assert_non_null(text);
        n = strlen(META);
        memcpy(text, META, n);
        for (; n < at - 1; n++) /* lines of another type up to the boundary */
                text[n] = n % 64 == 63 ? '\n' : 'g';
        text[n++] = '\n';
        memcpy(text + n, "\xC3\xA9\n", 3); /* é over bytes 65535 and 65536 */
        n += 3;
        line(l1, sizeof(l1), "010000024", "CH", "", "01", "355", "\n");
        memcpy(text + n, l1, strlen(l1));
        n += strlen(l1);
        assert_int_equal(read_text(text, n, &g, &r, message, sizeof(message)), 0);
        assert_int_equal(r.encoding, MH_FINESS_ENCODING_UTF8);
        assert_int_equal(g.n, 1);
        free(text);
}

static void test_field_count(void **state)
{
        char text[2048], l1[512], message[1024];
        mh_finess_extract_result r;
        struct got g;

        (void)state;
        /* a final ';' after the last field: 32 fields */
        line(l1, sizeof(l1), "010000024", "CH", "", "01", "355", "0011223A;");
        snprintf(text, sizeof(text), META "%s\n", l1);
        assert_int_equal(read_text(text, strlen(text), &g, &r, message, sizeof(message)), 0);
        assert_int_equal(g.n, 1);
        /* 33 fields */
        line(l1, sizeof(l1), "010000024", "CH", "", "01", "355", "X;Y");
        snprintf(text, sizeof(text), META "%s\n", l1);
        assert_int_equal(read_text(text, strlen(text), &g, &r, message, sizeof(message)),
                         MH_EINVALID);
        assert_string_equal(message, "2:1: expected 32 fields in a structureet line, got 33");
        /* other types are counted, not split */
        snprintf(text, sizeof(text),
                 META "geolocalisation;010000024;1;2;1,ATLASANTE,100,IGN,BD_ADRESSE,V2.1,"
                      "LAMBERT_93;2024-01-08\nautre;x\n\n");
        assert_int_equal(read_text(text, strlen(text), &g, &r, message, sizeof(message)), 0);
        assert_int_equal(r.other_type, 2);
        /* not an extract */
        snprintf(text, sizeof(text), "finess;etalab;111\n");
        assert_int_equal(read_text(text, strlen(text), &g, &r, message, sizeof(message)),
                         MH_EINVALID);
        assert_string_equal(message, "1:1: not a FINESS extract: the first line should be "
                                     "finess;etalab;N;YYYY-MM-DD");
        assert_int_equal(read_text("", 0, &g, &r, message, sizeof(message)), MH_EINVALID);
}

static void test_departements(void **state)
{
        static const char *const cases[][2] = {
            {"9A", "971"}, {"9B", "972"}, {"9C", "973"}, {"9D", "974"}, {"9F", "976"},
            {"2A", "2A"},  {"2B", "2B"},  {"01", "01"},  {"95", "95"},  {"974", "974"}};
        char out[4];
        size_t i;

        (void)state;
        for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                assert_int_equal(mh_finess_extract_departement(out, cases[i][0]), 0);
                assert_string_equal(out, cases[i][1]);
        }
        assert_int_equal(mh_finess_extract_departement(out, "9J"), MH_ENOTFOUND);
        assert_int_equal(mh_finess_extract_departement(out, "9E"), MH_ENOTFOUND);
        assert_int_equal(mh_finess_extract_departement(out, "975"), MH_ENOTFOUND);
        assert_int_equal(mh_finess_extract_departement(out, "20"), MH_EINVALID);
        assert_int_equal(mh_finess_extract_departement(out, "XX"), MH_EINVALID);
        assert_int_equal(mh_finess_extract_departement(out, ""), MH_EINVALID);
}

/* Each allocation of a read failing in turn: MH_ENOMEM (or absorbed), nothing leaked. */
static void test_every_allocation_may_fail(void **state)
{
        mh_finess_extract_options options = MH_FINESS_EXTRACT_OPTIONS_INIT;
        mh_finess_extract_result r;
        char path[4096];
        mh_diagnostics *diags = NULL;
        long n, total, failures = 0;

        (void)state;
        snprintf(path, sizeof(path), "%s/%s", tu_source_dir(),
                 "fixtures/finess-extract/etalab-cs1100507-stock-20211015-0333.csv");
        tu_install_failing_allocator();
        tu_fail_after(0);
        assert_int_equal(mh_diagnostics_new(&diags), 0);
        tu_allocations();
        assert_int_equal(mh_finess_extract_each(&r, path, &options, NULL, NULL, diags), 0);
        assert_int_equal(r.kept, 11);
        total = tu_allocations();
        mh_diagnostics_free(diags);
        assert_int_equal(tu_live_allocations(), 0);
        assert_true(total >= 4);
        for (n = 1; n <= total; n++) {
                int rc;

                assert_int_equal(mh_diagnostics_new(&diags), 0);
                tu_fail_after(n);
                rc = mh_finess_extract_each(&r, path, &options, NULL, NULL, diags);
                tu_fail_after(0);
                assert_true(rc == 0 || rc == MH_ENOMEM);
                failures += rc == MH_ENOMEM;
                mh_diagnostics_free(diags);
                assert_int_equal(tu_live_allocations(), 0);
        }
        assert_true(failures > 0);
        mh_set_alloc_funcs(NULL, NULL, NULL);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_quotes),
            cmocka_unit_test(test_names),
            cmocka_unit_test(test_encodings),
            cmocka_unit_test(test_character_across_chunks),
            cmocka_unit_test(test_field_count),
            cmocka_unit_test(test_departements),
            cmocka_unit_test(test_every_allocation_may_fail),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
