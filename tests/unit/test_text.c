/*
 * test_text.c: the rule of untrusted text (util/text.c), how text is shown
 * on a terminal and measured in columns, and what the CSV writer does with
 * hostile cells (docs/security.md).
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/csv_write.h"
#include "util/text.h"
#include "util/util.h"

/* The message of mh__text_problem(), or "" when the text is clean. */
static const char *problem(const char *s, size_t len, mh_text_kind kind)
{
        static char why[128];

        why[0] = '\0';
        if (mh__text_problem(s, len, kind, why, sizeof(why)) == 0)
                return "";
        return why;
}

static void test_one_line_refuses_every_control(void **state)
{
        char s[4] = "a?b";
        unsigned c;

        (void)state;
        for (c = 1; c < 0x20; c++) {
                char expected[96];

                s[1] = (char)c;
                snprintf(expected, sizeof(expected), "control character U+%04X is not allowed%s", c,
                         c == '\n' || c == '\r' ? " (this text holds one line)" : "");
                assert_string_equal(problem(s, 3, MH_TEXT_LINE), expected);
        }
        assert_string_equal(problem("a\0b", 3, MH_TEXT_LINE),
                            "control character U+0000 is not allowed");
        assert_string_equal(problem("a\x7F", 2, MH_TEXT_LINE),
                            "control character U+007F is not allowed");
        assert_string_equal(problem("\xC2\x80", 2, MH_TEXT_LINE),
                            "control character U+0080 is not allowed");
        assert_string_equal(problem("\xC2\x9B[2J", 5, MH_TEXT_LINE),
                            "control character U+009B is not allowed");
        assert_string_equal(problem("a\xE2\x80\xA8", 4, MH_TEXT_LINE),
                            "line separator U+2028 is not allowed (this text holds one line)");
        assert_string_equal(problem("a\xE2\x80\xA9", 4, MH_TEXT_LINE),
                            "paragraph separator U+2029 is not allowed (this text holds one line)");
        /* what a hostile name may well hold, and is text */
        assert_string_equal(problem("CH \xE2\x80\xAE"
                                    "ecnarF  \xF0\x9F\x8F\xA5 e\xCC\x81 \xC2\xA0",
                                    25, MH_TEXT_LINE),
                            "");
}

static void test_several_lines_allow_newline_and_tab_only(void **state)
{
        (void)state;
        assert_string_equal(problem("line\n\tindented\n", 15, MH_TEXT_LINES), "");
        assert_string_equal(problem("a\xE2\x80\xA8"
                                    "b",
                                    5, MH_TEXT_LINES),
                            "");
        assert_string_equal(problem("a\rb", 3, MH_TEXT_LINES),
                            "control character U+000D is not allowed");
        assert_string_equal(problem("\x1B]0;title\a", 10, MH_TEXT_LINES),
                            "control character U+001B is not allowed");
        assert_string_equal(problem("\xC2\x85", 2, MH_TEXT_LINES),
                            "control character U+0085 is not allowed");
}

static void test_noncharacters_surrogates_and_bytes(void **state)
{
        (void)state;
        assert_string_equal(problem("\xEF\xBF\xBE", 3, MH_TEXT_LINES),
                            "noncharacter U+FFFE is not allowed");
        assert_string_equal(problem("\xEF\xBF\xBF", 3, MH_TEXT_LINES),
                            "noncharacter U+FFFF is not allowed");
        assert_string_equal(problem("\xEF\xB7\x90", 3, MH_TEXT_LINES),
                            "noncharacter U+FDD0 is not allowed");
        assert_string_equal(problem("\xF4\x8F\xBF\xBF", 4, MH_TEXT_LINES),
                            "noncharacter U+10FFFF is not allowed");
        assert_string_equal(problem("\xF0\x9F\xBF\xBE", 4, MH_TEXT_LINES),
                            "noncharacter U+1FFFE is not allowed");
        /* CESU-style surrogates cannot come from a YAML reader; from a database they could */
        assert_string_equal(problem("\xED\xA0\x80", 3, MH_TEXT_LINES),
                            "surrogate U+D800 is not a character");
        assert_string_equal(problem("ab\xFF", 3, MH_TEXT_LINES),
                            "invalid UTF-8: byte 0xFF cannot start a character");
        assert_string_equal(problem("\xEF\xBB\xBF"
                                    "BOM",
                                    6, MH_TEXT_LINE),
                            "");
}

static char *shown(const char *s, mh_text_kind kind, int *width)
{
        static char buf[256];
        FILE *f = fmemopen(buf, sizeof(buf), "w");

        assert_non_null(f);
        *width = mh__fput_text(f, s, kind);
        assert_int_equal(fclose(f), 0);
        return buf;
}

static void test_terminal_escapes(void **state)
{
        int width;

        (void)state;
        assert_string_equal(shown("\x1B]0;pwned\a", MH_TEXT_LINES, &width), "\\x1B]0;pwned\\x07");
        assert_int_equal(width, 16);
        assert_string_equal(shown("a\nb\tc\rd", MH_TEXT_LINES, &width), "a\nb\tc\\rd");
        assert_string_equal(shown("a\nb\tc", MH_TEXT_LINE, &width), "a\\nb\\tc");
        assert_string_equal(shown("\xC2\x9B"
                                  "31m \x7F",
                                  MH_TEXT_LINE, &width),
                            "\\u009B31m \\x7F");
        assert_string_equal(shown("abc\xE2\x80\xAE"
                                  "def",
                                  MH_TEXT_LINE, &width),
                            "abc\\u202Edef");
        assert_string_equal(shown("\xEF\xBF\xBE\xF4\x8F\xBF\xBF", MH_TEXT_LINE, &width),
                            "\\uFFFE\\U0010FFFF");
        assert_string_equal(shown("bad \xFF\xC3", MH_TEXT_LINE, &width), "bad \\xFF\\xC3");
        assert_string_equal(shown("Hôpital 医院 🏥", MH_TEXT_LINE, &width), "Hôpital 医院 🏥");
        assert_int_equal(width, 7 + 1 + 4 + 1 + 2);
        assert_int_equal(mh_text_write(NULL, "x", MH_TEXT_LINE), MH_EUSAGE);
}

static void test_widths(void **state)
{
        (void)state;
        assert_int_equal(mh__char_width('a'), 1);
        assert_int_equal(mh__char_width(0xE9), 1);    /* é */
        assert_int_equal(mh__char_width(0x301), 0);   /* combining acute */
        assert_int_equal(mh__char_width(0x200D), 0);  /* zero width joiner */
        assert_int_equal(mh__char_width(0x533B), 2);  /* 医 */
        assert_int_equal(mh__char_width(0xAC00), 2);  /* 가 */
        assert_int_equal(mh__char_width(0xFF21), 2);  /* fullwidth A */
        assert_int_equal(mh__char_width(0x1F3E5), 2); /* 🏥 */
        assert_int_equal(mh__char_width(0x20AC), 1);  /* € */
        assert_int_equal(mh__text_width("e\xCC\x81t\xC3\xA9", MH_TEXT_LINE), 3);
}

static char *column(const char *text, int width)
{
        static char buf[256];
        FILE *f = fmemopen(buf, sizeof(buf), "w");

        assert_non_null(f);
        assert_int_equal(mh__fput_column(f, text, width), 0);
        assert_int_equal(fputc('|', f), '|');
        assert_int_equal(fclose(f), 0);
        return buf;
}

static void test_columns_by_display_width(void **state)
{
        (void)state;
        assert_string_equal(column("Hôpital", 4), "Hôp…|");
        assert_string_equal(column("é", 3), "é  |");
        /* wide characters count two columns, and one that does not fit is left out whole */
        assert_string_equal(column("医院", 6), "医院  |");
        assert_string_equal(column("医院医院", 6), "医院… |");
        assert_string_equal(column("医院医院", 5), "医院…|");
        /* a combining mark stays with its letter and takes no column */
        assert_string_equal(column("e\xCC\x81"
                                   "e\xCC\x81"
                                   "e\xCC\x81",
                                   3),
                            "e\xCC\x81"
                            "e\xCC\x81"
                            "e\xCC\x81|");
        assert_string_equal(column("e\xCC\x81"
                                   "e\xCC\x81"
                                   "e\xCC\x81"
                                   "x",
                                   3),
                            "e\xCC\x81"
                            "e\xCC\x81…|");
        /* control characters are shown escaped, and the escape counts its columns */
        assert_string_equal(column("a\x1B[2Jb", 10), "a\\x1B[2Jb |");
        assert_string_equal(column("a\nb", 6), "a\\nb  |");
        assert_string_equal(column("\x1B\x1B\x1B", 6), "\\x1B… |");
        assert_string_equal(column("\xE2\x80\xAE"
                                   "abc",
                                   8),
                            "\\u202Ea…|");
}

static char *csv_cells(const char *const *cells)
{
        static char buf[512];
        FILE *f = fmemopen(buf, sizeof(buf), "w");
        mh__csv csv;

        assert_non_null(f);
        mh__csv_init(&csv, f);
        for (; *cells != NULL; cells++)
                mh__csv_text(&csv, *cells);
        mh__csv_integer(&csv, -2);
        mh__csv_number(&csv, -2.5, 1);
        mh__csv_signed(&csv, 1.5, 1);
        assert_int_equal(mh__csv_end_row(&csv), 0);
        assert_int_equal(fclose(f), 0);
        return buf;
}

static void test_csv_hostile_cells(void **state)
{
        static const char *const first[] = {"=1+1", "x", NULL};
        static const char *const cells[] = {"x",
                                            "x;=1+1",
                                            "=1+1",
                                            "-2",
                                            "@SUM(A1)",
                                            "two\nlines",
                                            "a;b",
                                            "  =1+1",
                                            "\"=1\"",
                                            "x; \"@SUM\"",
                                            "\xEF\xBC\x9D"
                                            "1+1",
                                            "x;y",
                                            NULL};

        (void)state;
        assert_string_equal(csv_cells(first), "'=1+1,x,-2,-2.5,+1.5\n");
        assert_string_equal(csv_cells(cells),
                            "x,\"x;'=1+1\",'=1+1,'-2,'@SUM(A1),\"two\nlines\",\"a;b\",'  =1+1,"
                            "\"'\"\"=1\"\"\",\"x;' \"\"@SUM\"\"\",'\xEF\xBC\x9D"
                            "1+1,\"x;y\","
                            "-2,-2.5,+1.5\n");
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_one_line_refuses_every_control),
            cmocka_unit_test(test_several_lines_allow_newline_and_tab_only),
            cmocka_unit_test(test_noncharacters_surrogates_and_bytes),
            cmocka_unit_test(test_terminal_escapes),
            cmocka_unit_test(test_widths),
            cmocka_unit_test(test_columns_by_display_width),
            cmocka_unit_test(test_csv_hostile_cells),
        };

        return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
