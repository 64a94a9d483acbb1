/*
 * test_internals.c: the engine's internal building blocks (may use engine/src).
 *
 * The YAML tree reader (scalar resolution, positions of libyaml's reader
 * errors, the depth limit, streams of documents), the CSV writer's quoting
 * and formula neutralisation, the diagnostics list's ordering and cap, and
 * locale independence of number conversions.
 */
#define _POSIX_C_SOURCE 200809L

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cnum.h"
#include "csv.h"
#include "internal.h"
#include "yamltree.h"

/* Parses one document of `text`; the diagnostics are returned in *diags_out. */
static mh_ydoc *parse_one(const char *text, mh_diagnostics **diags_out, int *rc_out)
{
        mh_yreader *reader = NULL;
        mh_ydoc *doc = NULL;

        assert_int_equal(mh_diagnostics_new(diags_out), 0);
        assert_int_equal(mh_yreader_new_buffer(&reader, text, strlen(text), "t", *diags_out), 0);
        *rc_out = mh_yreader_next(reader, &doc);
        mh_yreader_free(reader);
        return doc;
}

static void test_scalar_kinds(void **state)
{
        static const struct {
                const char *text;
                mh_yvalue kind;
        } cases[] = {
            {"v: ", MH_YNULL},           {"v: ~", MH_YNULL},       {"v: null", MH_YNULL},
            {"v: NULL", MH_YNULL},       {"v: true", MH_YBOOL},    {"v: False", MH_YBOOL},
            {"v: yes", MH_YSTRING},      {"v: oui", MH_YSTRING},   {"v: 12", MH_YINT},
            {"v: -3", MH_YINT},          {"v: +4", MH_YINT},       {"v: 1.5", MH_YFLOAT},
            {"v: .5", MH_YFLOAT},        {"v: 1e3", MH_YFLOAT},    {"v: 2.", MH_YFLOAT},
            {"v: .inf", MH_YFLOAT},      {"v: 1.2.3", MH_YSTRING}, {"v: '12'", MH_YSTRING},
            {"v: \"true\"", MH_YSTRING}, {"v: 0x1F", MH_YSTRING},  {"v: 2025-06-30", MH_YSTRING},
            {"v: 1e", MH_YSTRING},       {"v: -x", MH_YSTRING},    {"v: .", MH_YSTRING},
        };
        size_t i;

        (void)state;
        for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                mh_diagnostics *diags;
                int rc;
                mh_ydoc *doc = parse_one(cases[i].text, &diags, &rc);
                const mh_ynode *v;

                if (rc != 1)
                        fail_msg("%s: rc %d", cases[i].text, rc);
                v = mh_ynode_get(mh_ydoc_root(doc), "v");
                assert_non_null(v);
                if (mh_yscalar_kind(v) != cases[i].kind)
                        fail_msg("%s: kind %d, expected %d", cases[i].text, mh_yscalar_kind(v),
                                 cases[i].kind);
                mh_ydoc_free(doc);
                mh_diagnostics_free(diags);
        }
}

static void test_numbers_ignore_locale(void **state)
{
        mh_diagnostics *diags;
        int rc;
        mh_ydoc *doc = parse_one("v: 1.25", &diags, &rc);
        char buf[32];

        (void)state;
        /* A French LC_NUMERIC reads and writes ',' with the plain functions. */
        if (setlocale(LC_NUMERIC, "fr_FR.UTF-8") == NULL &&
            setlocale(LC_NUMERIC, "de_DE.UTF-8") == NULL) {
                mh_ydoc_free(doc);
                mh_diagnostics_free(diags);
                skip();
        }
        assert_true(mh_yscalar_number(mh_ynode_get(mh_ydoc_root(doc), "v")) == 1.25);
        mh_snprintf_c(buf, sizeof(buf), "%.2f", 0.5);
        assert_string_equal(buf, "0.50");
        setlocale(LC_NUMERIC, "C");
        mh_ydoc_free(doc);
        mh_diagnostics_free(diags);
}

static void test_positions_are_one_based(void **state)
{
        mh_diagnostics *diags;
        int rc;
        mh_ydoc *doc = parse_one("a: 1\nlist:\n  - x\n  - été: 2\n", &diags, &rc);
        const mh_ynode *list, *second;

        (void)state;
        assert_int_equal(rc, 1);
        list = mh_ynode_get(mh_ydoc_root(doc), "list");
        assert_int_equal(list->line, 3);
        assert_int_equal(list->column, 3);
        assert_int_equal(list->count, 2);
        second = list->first->next;
        assert_int_equal(second->kind, MH_YMAPPING);
        assert_int_equal(second->first->key->line, 4);
        assert_int_equal(second->first->key->column, 5);
        /* a multi-byte character counts as one column */
        assert_int_equal(second->first->column, 10);
        mh_ydoc_free(doc);
        mh_diagnostics_free(diags);
}

static void test_invalid_utf8_is_located(void **state)
{
        mh_diagnostics *diags;
        int rc;
        mh_ydoc *doc = parse_one("a: 1\nbé: \"x\xff\"\n", &diags, &rc);
        const mh_error *err;

        (void)state;
        assert_null(doc);
        assert_int_equal(rc, MH_EINVALID);
        assert_int_equal(mh_diagnostics_count(diags), 1);
        err = mh_diagnostics_get(diags, 0);
        assert_int_equal(err->line, 2);
        assert_int_equal(err->column, 7);
        assert_string_equal(err->message, "invalid UTF-8: byte 0xFF cannot start a character");
        mh_diagnostics_free(diags);
}

static void test_depth_limit(void **state)
{
        char text[400];
        mh_diagnostics *diags;
        mh_ydoc *doc;
        int rc, i;

        (void)state;
        for (i = 0; i < MH_YAML_MAX_DEPTH; i++)
                text[i] = '[';
        for (i = 0; i < MH_YAML_MAX_DEPTH; i++)
                text[MH_YAML_MAX_DEPTH + i] = ']';
        text[2 * MH_YAML_MAX_DEPTH] = '\0';
        doc = parse_one(text, &diags, &rc);
        assert_int_equal(rc, 1);
        mh_ydoc_free(doc);
        mh_diagnostics_free(diags);

        memmove(text + 1, text, strlen(text) + 1);
        text[0] = '[';
        strcat(text, "]");
        doc = parse_one(text, &diags, &rc);
        assert_int_equal(rc, MH_EINVALID);
        /* what was read before the refusal comes back, to name the document */
        assert_non_null(doc);
        assert_int_equal(mh_ydoc_root(doc)->kind, MH_YSEQUENCE);
        mh_ydoc_free(doc);
        assert_string_equal(mh_diagnostics_get(diags, 0)->message,
                            "nesting is deeper than 64 levels");
        assert_int_equal(mh_diagnostics_get(diags, 0)->column, MH_YAML_MAX_DEPTH + 1);
        mh_diagnostics_free(diags);
}

static void test_stream_of_documents(void **state)
{
        static const char text[] = "---\nn: 1\n---\nn: 2\n...\n---\nn: 3\n";
        mh_diagnostics *diags = NULL;
        mh_yreader *reader = NULL;
        mh_ydoc *doc;
        int expected = 1;

        (void)state;
        assert_int_equal(mh_diagnostics_new(&diags), 0);
        assert_int_equal(mh_yreader_new_buffer(&reader, text, strlen(text), "s", diags), 0);
        while (mh_yreader_next(reader, &doc) == 1) {
                const mh_ynode *n = mh_ynode_get(mh_ydoc_root(doc), "n");

                assert_true(mh_yscalar_number(n) == expected);
                assert_int_equal(mh_ydoc_line(doc), (unsigned)(expected == 1   ? 1
                                                               : expected == 2 ? 3
                                                                               : 6));
                expected++;
                mh_ydoc_free(doc);
        }
        assert_int_equal(expected, 4);
        assert_int_equal(mh_yreader_next(reader, &doc), 0);
        mh_yreader_free(reader);
        mh_diagnostics_free(diags);
}

static void test_duplicate_keys_keep_first(void **state)
{
        mh_diagnostics *diags;
        int rc;
        mh_ydoc *doc = parse_one("a: 1\nb: 2\na: 3\n", &diags, &rc);

        (void)state;
        assert_int_equal(rc, 1);
        assert_int_equal(mh_ydoc_error_count(doc), 1);
        assert_true(mh_yscalar_number(mh_ynode_get(mh_ydoc_root(doc), "a")) == 1);
        assert_int_equal(mh_ydoc_root(doc)->count, 2);
        assert_string_equal(mh_diagnostics_get(diags, 0)->message,
                            "duplicate key 'a' (first given at line 1)");
        mh_ydoc_free(doc);
        mh_diagnostics_free(diags);
}

static char *csv_row(void (*write)(mh_csv *))
{
        static char buf[512];
        FILE *f = tmpfile();
        mh_csv csv;
        size_t n;

        assert_non_null(f);
        mh_csv_init(&csv, f);
        write(&csv);
        assert_int_equal(mh_csv_end_row(&csv), 0);
        rewind(f);
        n = fread(buf, 1, sizeof(buf) - 1, f);
        buf[n] = '\0';
        fclose(f);
        return buf;
}

static void write_cells(mh_csv *csv)
{
        mh_csv_text(csv, "plain");
        mh_csv_text(csv, "a,b");
        mh_csv_text(csv, "say \"hi\"");
        mh_csv_text(csv, "two\nlines");
        mh_csv_text(csv, NULL);
        mh_csv_text(csv, "=HYPERLINK(\"http://x\")");
        mh_csv_text(csv, "+1");
        mh_csv_text(csv, "-2");
        mh_csv_text(csv, "@SUM(A1)");
        mh_csv_text(csv, "\tx");
        mh_csv_number(csv, -2.5, 6);
        mh_csv_bool(csv, 1);
        mh_csv_bool(csv, 0);
        mh_csv_integer(csv, -7);
        mh_csv_empty(csv);
}

static void test_csv_quoting_and_formulas(void **state)
{
        (void)state;
        assert_string_equal(csv_row(write_cells),
                            "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,"
                            "\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-2,'@SUM(A1),'\tx,"
                            "-2.500000,true,false,-7,\n");
}

static void test_diagnostics_sorted_and_capped(void **state)
{
        mh_diagnostics *diags = NULL;
        size_t i;

        (void)state;
        assert_int_equal(mh_diagnostics_new(&diags), 0);
        mh_diag_add(diags, "f", 3, 1, "c");
        mh_diag_add(diags, "f", 1, 5, "b");
        mh_diag_add(diags, "f", 1, 2, "a");
        mh_diag_add(diags, "f", 3, 1, "d");
        mh_diag_sort_from(diags, 0);
        assert_string_equal(mh_diagnostics_get(diags, 0)->message, "a");
        assert_string_equal(mh_diagnostics_get(diags, 1)->message, "b");
        assert_string_equal(mh_diagnostics_get(diags, 2)->message, "c");
        assert_string_equal(mh_diagnostics_get(diags, 3)->message, "d");
        for (i = 0; i < MH_DIAGNOSTICS_MAX + 10; i++)
                mh_diag_add(diags, "f", 9, 9, "many");
        assert_int_equal(mh_diagnostics_count(diags), MH_DIAGNOSTICS_MAX);
        assert_int_equal(mh_diagnostics_dropped(diags), 14);
        mh_diagnostics_free(diags);
}

static void test_strbuf_grows(void **state)
{
        mh_strbuf buf = {0};
        int i;

        (void)state;
        assert_string_equal(mh_strbuf_cstr(&buf), "");
        for (i = 0; i < 1000; i++)
                mh_strbuf_printf(&buf, "%d,", i % 10);
        assert_int_equal(buf.length, 2000);
        assert_int_equal(strncmp(mh_strbuf_cstr(&buf), "0,1,2,", 6), 0);
        mh_strbuf_clear(&buf);
        mh_strbuf_printf(&buf, "%g", 0.25);
        assert_string_equal(mh_strbuf_cstr(&buf), "0.25");
        mh_strbuf_free(&buf);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_scalar_kinds),
            cmocka_unit_test(test_numbers_ignore_locale),
            cmocka_unit_test(test_positions_are_one_based),
            cmocka_unit_test(test_invalid_utf8_is_located),
            cmocka_unit_test(test_depth_limit),
            cmocka_unit_test(test_stream_of_documents),
            cmocka_unit_test(test_duplicate_keys_keep_first),
            cmocka_unit_test(test_csv_quoting_and_formulas),
            cmocka_unit_test(test_diagnostics_sorted_and_capped),
            cmocka_unit_test(test_strbuf_grows),
        };

        return cmocka_run_group_tests_name("internals", tests, NULL, NULL);
}
