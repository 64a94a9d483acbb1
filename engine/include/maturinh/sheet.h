/*
 * maturinh/sheet.h: a table of typed cells written row by row, as CSV or as
 * an XLSX workbook: the one way the engine writes the spreadsheet outputs
 * of `score`, `rank`, `status` and `compare`, so that a column is defined
 * once for both formats.
 *
 * The caller declares the columns, then writes rows one cell at a time, in
 * column order, and closes the sheet.  Nothing is kept in memory but the
 * current row: a sheet of 100,000 rows costs what one row costs.
 *
 * CSV: RFC 4180, UTF-8, a header row of the column ids; numbers in the C
 * locale with the column's decimals, booleans `true`/`false`, an empty cell
 * for an absent value; a text cell that a spreadsheet would read as a
 * formula is made inert with a `'` before it, as in every CSV maturinh
 * writes (docs/security.md, "CSV").
 * XLSX: one worksheet named after the sheet, the header row of ids frozen,
 * an autofilter over the whole table, column widths for the content, typed
 * cells (numbers as numbers shown with the column's decimals, text as text:
 * a FINESS stays "010780054"; text is never a formula, whatever it looks
 * like), booleans as booleans, times as Excel datetimes shown
 * "yyyy-mm-dd hh:mm:ss" (UTC), and a second worksheet "colonnes" giving
 * each column's id and French label.  The workbook is written to a temporary file next
 * to `path` and renamed over it when complete: never a half-written file.
 */
#ifndef MATURINH_SHEET_H
#define MATURINH_SHEET_H

#include <stdio.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mh_sheet mh_sheet;

/** The type of a column's cells. */
typedef enum mh_cell_type {
        MH_CELL_TEXT = 0, /**< text, never converted (FINESS, codes, names) */
        MH_CELL_NUMBER,   /**< a real number, written with the column's decimals */
        MH_CELL_INTEGER,  /**< a whole number */
        MH_CELL_BOOLEAN,  /**< true or false */
        MH_CELL_DATETIME, /**< a UTC time, given as text YYYY-MM-DDTHH:MM:SSZ (or YYYY-MM-DD) */
        MH_CELL_SIGNED    /**< a difference: a number with its sign (CSV "+1.5", "-0.3", "0.0") */
} mh_cell_type;

/** Writes CSV to `stream` (not closed by the sheet; flushed by mh_sheet_close()). */
MH_EXTERN int mh_sheet_open_csv(mh_sheet **out, FILE *stream);

/**
 * Writes an XLSX workbook to `path` (created 0644, replaced when it
 * exists: the caller decides whether it may be), its worksheet named
 * `name` (at most 31 characters, none of []:*?/\, for example "status";
 * otherwise MH_EUSAGE).  MH_EIO, said in `diags`, when the temporary file
 * cannot be created (a missing folder): nothing is made.
 */
MH_EXTERN int mh_sheet_open_xlsx(mh_sheet **out, const char *path, const char *name,
                                 mh_diagnostics *diags);

/**
 * Makes an XLSX workbook readable by its owner only (created 0600 instead
 * of 0644): for a table that holds private data, as the chase list's
 * contacts.  No effect on CSV, whose stream the caller created.
 */
MH_EXTERN void mh_sheet_set_private(mh_sheet *sheet);

/**
 * Declares the next column: `id` is its header (`global_score`), `label`
 * its French label for people (`Score global`; NULL: the id), `decimals`
 * how many decimals MH_CELL_NUMBER cells get (6 in the stable CSVs, 1 for
 * round1 scores; at most 15).  Every column is declared before the first
 * cell (after it: MH_EUSAGE).  Strings are copied.  MH_ENOMEM.
 */
MH_EXTERN int mh_sheet_column(mh_sheet *sheet, const char *id, const char *label, mh_cell_type type,
                              unsigned decimals);

/* The cells of the current row, in column order.  A cell of another type
 * than its column's is MH_EUSAGE (mh_sheet_number() fits MH_CELL_NUMBER and
 * MH_CELL_SIGNED columns), and so is a cell beyond the last column.
 * mh_sheet_empty() fits every column.  An absent value is an empty cell in
 * CSV and no cell in XLSX.  They return 0, MH_EUSAGE or MH_EIO. */
MH_EXTERN int mh_sheet_text(mh_sheet *sheet, const char *text); /**< NULL: empty */
MH_EXTERN int mh_sheet_number(mh_sheet *sheet, double value);   /**< NaN: empty */
MH_EXTERN int mh_sheet_integer(mh_sheet *sheet, long long value);
MH_EXTERN int mh_sheet_boolean(mh_sheet *sheet, int value);
MH_EXTERN int mh_sheet_datetime(mh_sheet *sheet, const char *when); /**< NULL: empty */
MH_EXTERN int mh_sheet_empty(mh_sheet *sheet);
/** Ends the current row; a row with fewer cells than columns is MH_EUSAGE (the row stays open). */
MH_EXTERN int mh_sheet_end_row(mh_sheet *sheet);

/**
 * Finishes the sheet (the header is written even when there is no row) and
 * frees it.  Returns 0, or MH_EIO with the reason in `diags` (a write that
 * failed; for XLSX the temporary file is removed and `path` left as it
 * was).  A row left unfinished is MH_EUSAGE, and the sheet is abandoned.
 * NULL is accepted.
 */
MH_EXTERN int mh_sheet_close(mh_sheet *sheet, mh_diagnostics *diags);

/** Frees a sheet without finishing it: an XLSX workbook is not written. */
MH_EXTERN void mh_sheet_abandon(mh_sheet *sheet);

#ifdef __cplusplus
}
#endif

#endif
