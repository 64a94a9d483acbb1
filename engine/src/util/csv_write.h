/*
 * csv_write.h: writing CSV the way every maturinh export does.
 *
 * RFC 4180 quoting (a cell holding a comma, a semicolon, a quote, a tab or
 * a line break is quoted, quotes doubled), UTF-8, '\n' line ends, booleans
 * as true/false, an absent value as an empty cell.  Formulas are made inert
 * in every text cell (docs/security.md, "CSV"): a cell that begins, after
 * spaces, line feeds and quotes, with '=', '+', '-', '@' (or their
 * fullwidth forms), a tab or a carriage return is prefixed with an
 * apostrophe (a text "-2" too: it is text); so is, after a ';', what a
 * spreadsheet splitting on ';' would read as a formula ("x;=1+1" is
 * written "x;'=1+1", quoted).  Numbers written by the engine itself (the
 * typed cells below) are left alone: -2 in a numeric column is data.  A write error is remembered
 * and reported by mh__csv_end_row().
 */
#ifndef MH_CSV_WRITE_H
#define MH_CSV_WRITE_H

#include <stdio.h>

typedef struct mh__csv {
        FILE *stream;    /* where rows go */
        int row_started; /* a cell was written on the current row */
        int failed;      /* a write failed */
} mh__csv;

void mh__csv_init(mh__csv *csv, FILE *stream);
/** A text cell; NULL writes an empty cell. */
void mh__csv_text(mh__csv *csv, const char *text);
/** A number with `decimals` decimals (C locale); NaN writes an empty cell. */
void mh__csv_number(mh__csv *csv, double value, int decimals);
/** A number as short as exact ("%g"). */
void mh__csv_number_g(mh__csv *csv, double value);
void mh__csv_integer(mh__csv *csv, long value);
/** A number with an explicit sign ("+1.5", "-0.3", "0.0"). */
void mh__csv_signed(mh__csv *csv, double value, int decimals);
void mh__csv_bool(mh__csv *csv, int value);
void mh__csv_empty(mh__csv *csv);
/** One text cell per name of a NULL-terminated list (header rows). */
void mh__csv_names(mh__csv *csv, const char *const *names);

/** The columns of the CSV exchange formats (docs/answers-format.md), NULL-terminated. */
extern const char *const mh__csv_answer_columns[];
extern const char *const mh__csv_profile_columns[];

/** Ends the row; returns 0, or MH_EIO if any write of the row failed. */
int mh__csv_end_row(mh__csv *csv);

#endif
