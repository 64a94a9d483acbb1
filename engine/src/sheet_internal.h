/*
 * sheet_internal.h: what sheet.c (the common part and CSV) asks of the XLSX
 * backend, xlsx.c, the one file that knows libxlsxwriter.
 */
#ifndef MH_SHEET_INTERNAL_H
#define MH_SHEET_INTERNAL_H

#include <stddef.h>

#include "maturinh/sheet.h"

/* A declared column (strings owned by the sheet). */
typedef struct mh__sheet_column {
        char *id;
        char *label; /* never NULL: the id when none was given */
        mh_cell_type type;
        unsigned decimals;
} mh__sheet_column;

typedef struct mh__xlsx mh__xlsx;

/* Creates the temporary workbook beside `path`; MH_EIO (said in diags) when it cannot. */
int mh__xlsx_open(mh__xlsx **out, const char *path, const char *name, mh_diagnostics *diags);
/* The columns are known: makes their formats and writes the header row. */
int mh__xlsx_header(mh__xlsx *x, const mh__sheet_column *columns, size_t n);
/* A cell of the current row, at column `col` (its type already checked). */
int mh__xlsx_text(mh__xlsx *x, size_t col, const char *text);
int mh__xlsx_number(mh__xlsx *x, size_t col, double value);
int mh__xlsx_integer(mh__xlsx *x, size_t col, long long value);
int mh__xlsx_boolean(mh__xlsx *x, size_t col, int value);
int mh__xlsx_datetime(mh__xlsx *x, size_t col, const char *when);
/* Ends the current row. */
int mh__xlsx_end_row(mh__xlsx *x);
/* Writes the workbook, renames it over `path`, frees `x`; MH_EIO said in diags. */
int mh__xlsx_close(mh__xlsx *x, mh_diagnostics *diags);
/** The workbook is created 0600 (its owner only) instead of 0644. */
void mh__xlsx_set_private(mh__xlsx *x);
/* Removes the temporary file and frees `x`. */
void mh__xlsx_abandon(mh__xlsx *x);

#endif
