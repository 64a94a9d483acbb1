/*
 * csv.h: writing CSV the way every maturinh export does.
 *
 * RFC 4180 quoting (a cell holding a comma, a quote or a line break is
 * quoted, quotes doubled), UTF-8, '\n' line ends, booleans as true/false, an
 * absent value as an empty cell.  Text cells that begin with '=', '+', '-',
 * '@', a tab or a carriage return are prefixed with an apostrophe so that a
 * spreadsheet shows them instead of running them; numbers written by the
 * engine itself are left alone.  A write error is remembered and reported by
 * mh_csv_end_row().
 */
#ifndef MH_CSV_H
#define MH_CSV_H

#include <stdio.h>

typedef struct mh_csv {
        FILE *stream;    /* where rows go */
        int row_started; /* a cell was written on the current row */
        int failed;      /* a write failed */
} mh_csv;

void mh_csv_init(mh_csv *csv, FILE *stream);
/** A text cell; NULL writes an empty cell. */
void mh_csv_text(mh_csv *csv, const char *text);
/** A number with `decimals` decimals (C locale); NaN writes an empty cell. */
void mh_csv_number(mh_csv *csv, double value, int decimals);
/** A number as short as exact ("%g"). */
void mh_csv_number_g(mh_csv *csv, double value);
void mh_csv_integer(mh_csv *csv, long value);
/** A number with an explicit sign ("+1.5", "-0.3", "0.0"). */
void mh_csv_signed(mh_csv *csv, double value, int decimals);
void mh_csv_bool(mh_csv *csv, int value);
void mh_csv_empty(mh_csv *csv);
/** One text cell per name of a NULL-terminated list (header rows). */
void mh_csv_names(mh_csv *csv, const char *const *names);

/** The columns of the CSV exchange formats (docs/answers-format.md), NULL-terminated. */
extern const char *const mh_csv_answer_columns[];
extern const char *const mh_csv_profile_columns[];

/** Ends the row; returns 0, or MH_EIO if any write of the row failed. */
int mh_csv_end_row(mh_csv *csv);

#endif
