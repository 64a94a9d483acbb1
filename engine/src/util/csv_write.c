/*
 * csv_write.c: the CSV writer (see csv.h for the rules it follows).
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/cnum.h"
#include "util/csv_write.h"
#include "util/util.h"

void mh__csv_init(mh__csv *csv, FILE *stream)
{
        csv->stream = stream;
        csv->row_started = 0;
        csv->failed = 0;
}

/*
 * Cells are short (a number, a code): they go out byte by byte through
 * putc_unlocked(), a macro that writes into the stream's buffer, rather than
 * through one locked fwrite() call each.  Streams are not shared between
 * threads here.
 */
#define PUT_BYTES_MAX 32

static void put(mh__csv *csv, const char *s, size_t n)
{
        size_t i;

        if (n > PUT_BYTES_MAX) {
                if (fwrite(s, 1, n, csv->stream) != n)
                        csv->failed = 1;
                return;
        }
        for (i = 0; i < n; i++)
                if (putc_unlocked(s[i], csv->stream) == EOF)
                        csv->failed = 1;
}

static void separate(mh__csv *csv)
{
        if (csv->row_started && putc_unlocked(',', csv->stream) == EOF)
                csv->failed = 1;
        csv->row_started = 1;
}

/* What a spreadsheet runs as a formula: = + - @, their fullwidth forms (＝ ＋ － ＠), a tab, a CR.
 */
static int formula_start(const char *s)
{
        const unsigned char *p = (const unsigned char *)s;

        if (strchr("=+-@\t\r", p[0]) != NULL && p[0] != '\0')
                return 1;
        return p[0] == 0xEF && p[1] == 0xBC &&
               (p[2] == 0x9D || p[2] == 0x8B || p[2] == 0x8D || p[2] == 0xA0);
}

/* After spaces, line feeds and quotes (which a spreadsheet may strip), a formula starts. */
static int formula_after(const char *s)
{
        while (*s == ' ' || *s == '\n' || *s == '"')
                s++;
        return formula_start(s);
}

void mh__csv_text(mh__csv *csv, const char *text)
{
        const char *p;
        int inert, quote;

        separate(csv);
        if (text == NULL || *text == '\0')
                return;
        inert = formula_after(text);
        /* ';' too: French spreadsheets split on it, and a cell quoted whole stays whole */
        quote = strpbrk(text, ",;\"\r\n\t") != NULL;
        if (!quote && !inert) {
                put(csv, text, strlen(text));
                return;
        }
        if (quote)
                put(csv, "\"", 1);
        if (inert)
                put(csv, "'", 1);
        for (p = text; *p != '\0'; p++) {
                if (*p == '"')
                        put(csv, "\"\"", 2);
                else
                        put(csv, p, 1);
                /*
                 * Split on ';', a cell after the first starts at the ';',
                 * where quoting does not reach: a formula there is made inert.
                 */
                if (*p == ';' && formula_after(p + 1))
                        put(csv, "'", 1);
        }
        if (quote)
                put(csv, "\"", 1);
}

/* A number with `decimals` decimals (NaN: an empty cell); `plus`: "+" before a positive one. */
static void put_fixed(mh__csv *csv, double value, int decimals, int plus)
{
        char buf[64];
        int n;

        separate(csv);
        if (isnan(value))
                return;
        if (value == 0)
                value = 0; /* -0.0 prints as 0 */
        if (plus && value > 0)
                put(csv, "+", 1);
        n = mh__format_fixed(buf, sizeof(buf), value, decimals);
        put(csv, buf, n > 0 ? (size_t)n : 0);
}

void mh__csv_number(mh__csv *csv, double value, int decimals)
{
        put_fixed(csv, value, decimals, 0);
}

void mh__csv_signed(mh__csv *csv, double value, int decimals)
{
        put_fixed(csv, value, decimals, 1);
}

void mh__csv_number_g(mh__csv *csv, double value)
{
        char buf[64];
        int n;

        separate(csv);
        if (isnan(value))
                return;
        n = mh__snprintf_c(buf, sizeof(buf), "%.15g", value);
        put(csv, buf, n > 0 ? (size_t)n : 0);
}

void mh__csv_integer(mh__csv *csv, long value)
{
        char buf[32];
        size_t start = sizeof(buf);
        /* the magnitude as unsigned, which LONG_MIN has too */
        unsigned long magnitude = value < 0 ? 0UL - (unsigned long)value : (unsigned long)value;

        separate(csv);
        /* the digits from the right, as "%ld" writes them (without printf: a few per row) */
        do {
                buf[--start] = (char)('0' + magnitude % 10);
                magnitude /= 10;
        } while (magnitude > 0);
        if (value < 0)
                buf[--start] = '-';
        put(csv, buf + start, sizeof(buf) - start);
}

void mh__csv_bool(mh__csv *csv, int value)
{
        separate(csv);
        put(csv, value ? "true" : "false", value ? 4 : 5);
}

const char *const mh__csv_answer_columns[] = {"campaign", "finess",  "indicator",
                                              "value",    "comment", NULL};
const char *const mh__csv_profile_columns[] = {
    "finess", "finess_ej", "name", "region", "departement", "category", "beds", "ose", "ght", NULL};

void mh__csv_names(mh__csv *csv, const char *const *names)
{
        for (; *names != NULL; names++)
                mh__csv_text(csv, *names);
}

void mh__csv_empty(mh__csv *csv)
{
        separate(csv);
}

int mh__csv_end_row(mh__csv *csv)
{
        put(csv, "\n", 1);
        csv->row_started = 0;
        if (csv->failed) {
                csv->failed = 0;
                return MH_EIO;
        }
        return 0;
}
