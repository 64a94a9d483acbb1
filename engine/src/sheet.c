/*
 * sheet.c: a table of typed cells (maturinh/sheet.h), the part both
 * formats share and the CSV backend.
 *
 * The sheet keeps its columns and where the current row is; it checks that
 * each cell fits its column and hands it to the backend: util/csv_write.c
 * for CSV (the same bytes as every other CSV of the engine: numbers in the C
 * locale, formulas made inert), xlsx.c for XLSX.  The header is written at
 * the first cell, or at the close for a sheet without rows.
 */
#include <math.h>
#include <string.h>

#include "sheet_internal.h"
#include "util/csv_write.h"
#include "util/util.h"

enum sheet_kind { SHEET_CSV, SHEET_XLSX };

struct mh_sheet {
        enum sheet_kind kind;
        mh__sheet_column *columns;
        size_t n_columns, capacity;
        size_t cell;     /* the column of the next cell of the current row */
        int header_done; /* the header row is written: no more columns */
        int failed;      /* a write failed (CSV) */
        int broken;      /* the header could not be written: every cell fails with it */
        mh__csv csv;     /* CSV */
        mh__xlsx *xlsx;  /* XLSX */
};

static mh_sheet *sheet_new(enum sheet_kind kind)
{
        mh_sheet *sheet = mh__malloc(sizeof(*sheet));

        if (sheet == NULL)
                return NULL;
        memset(sheet, 0, sizeof(*sheet));
        sheet->kind = kind;
        return sheet;
}

int mh_sheet_open_csv(mh_sheet **out, FILE *stream)
{
        mh_sheet *sheet;

        if (out == NULL || stream == NULL)
                return MH_EUSAGE;
        if ((sheet = sheet_new(SHEET_CSV)) == NULL)
                return MH_ENOMEM;
        mh__csv_init(&sheet->csv, stream);
        *out = sheet;
        return 0;
}

int mh_sheet_open_xlsx(mh_sheet **out, const char *path, const char *name, mh_diagnostics *diags)
{
        mh_sheet *sheet;
        int rc;

        if (out == NULL || path == NULL || name == NULL || name[0] == '\0' || strlen(name) > 31 ||
            strpbrk(name, "[]:*?/\\") != NULL)
                return MH_EUSAGE;
        if ((sheet = sheet_new(SHEET_XLSX)) == NULL)
                return mh__diag_nomem(diags);
        if ((rc = mh__xlsx_open(&sheet->xlsx, path, name, diags)) < 0) {
                mh__free(sheet);
                return rc;
        }
        *out = sheet;
        return 0;
}

int mh_sheet_column(mh_sheet *sheet, const char *id, const char *label, mh_cell_type type,
                    unsigned decimals)
{
        mh__sheet_column *column;

        if (sheet == NULL || id == NULL || sheet->header_done || (unsigned)type > MH_CELL_SIGNED ||
            decimals > 15)
                return MH_EUSAGE;
        if (sheet->n_columns == sheet->capacity) {
                size_t capacity = sheet->capacity ? 2 * sheet->capacity : 16;
                mh__sheet_column *grown =
                    mh__realloc(sheet->columns, capacity * sizeof(*sheet->columns));

                if (grown == NULL)
                        return MH_ENOMEM;
                sheet->columns = grown;
                sheet->capacity = capacity;
        }
        column = &sheet->columns[sheet->n_columns];
        column->id = mh__strdup(id);
        column->label = mh__strdup(label != NULL ? label : id);
        if (column->id == NULL || column->label == NULL) {
                mh__free(column->id);
                mh__free(column->label);
                return MH_ENOMEM;
        }
        column->type = type;
        column->decimals = decimals;
        sheet->n_columns++;
        return 0;
}

/* The header row, once: the column ids. */
static int write_header(mh_sheet *sheet)
{
        size_t i;

        if (sheet->header_done)
                return sheet->broken;
        sheet->header_done = 1;
        if (sheet->kind == SHEET_XLSX) {
                int rc = mh__xlsx_header(sheet->xlsx, sheet->columns, sheet->n_columns);

                if (rc < 0)
                        sheet->broken = rc;
                return rc;
        }
        for (i = 0; i < sheet->n_columns; i++)
                mh__csv_text(&sheet->csv, sheet->columns[i].id);
        if (mh__csv_end_row(&sheet->csv) < 0) {
                sheet->failed = 1;
                return MH_EIO; /* the CSV goes on: the close reports it */
        }
        return 0;
}

/*
 * Before a cell: the header is written, and the cell's column exists and
 * takes `type` (MH_CELL_SIGNED columns take numbers; -1: any type).
 */
static int next_cell(mh_sheet *sheet, int type, const mh__sheet_column **column)
{
        int rc;

        if (sheet == NULL)
                return MH_EUSAGE;
        if (sheet->cell >= sheet->n_columns)
                return MH_EUSAGE;
        *column = &sheet->columns[sheet->cell];
        if (type >= 0 && (int)(*column)->type != type &&
            !(type == MH_CELL_NUMBER && (*column)->type == MH_CELL_SIGNED))
                return MH_EUSAGE;
        if ((rc = write_header(sheet)) < 0)
                return rc;
        return 0;
}

/* After a cell: the next column. */
static int done(mh_sheet *sheet, int rc)
{
        sheet->cell++;
        return rc;
}

int mh_sheet_text(mh_sheet *sheet, const char *text)
{
        const mh__sheet_column *column;
        int rc;

        if ((rc = next_cell(sheet, MH_CELL_TEXT, &column)) < 0)
                return rc;
        if (sheet->kind == SHEET_XLSX)
                return done(sheet, mh__xlsx_text(sheet->xlsx, sheet->cell, text));
        mh__csv_text(&sheet->csv, text);
        return done(sheet, 0);
}

int mh_sheet_number(mh_sheet *sheet, double value)
{
        const mh__sheet_column *column;
        int rc;

        if ((rc = next_cell(sheet, MH_CELL_NUMBER, &column)) < 0)
                return rc;
        if (sheet->kind == SHEET_XLSX)
                return done(sheet, isnan(value) || isinf(value)
                                       ? mh__xlsx_text(sheet->xlsx, sheet->cell, NULL)
                                       : mh__xlsx_number(sheet->xlsx, sheet->cell, value));
        if (isinf(value))
                mh__csv_empty(&sheet->csv);
        else if (column->type == MH_CELL_SIGNED)
                mh__csv_signed(&sheet->csv, value, (int)column->decimals);
        else
                mh__csv_number(&sheet->csv, value, (int)column->decimals);
        return done(sheet, 0);
}

int mh_sheet_integer(mh_sheet *sheet, long long value)
{
        const mh__sheet_column *column;
        int rc;

        if ((rc = next_cell(sheet, MH_CELL_INTEGER, &column)) < 0)
                return rc;
        if (sheet->kind == SHEET_XLSX)
                return done(sheet, mh__xlsx_integer(sheet->xlsx, sheet->cell, value));
        mh__csv_integer(&sheet->csv, (long)value);
        return done(sheet, 0);
}

int mh_sheet_boolean(mh_sheet *sheet, int value)
{
        const mh__sheet_column *column;
        int rc;

        if ((rc = next_cell(sheet, MH_CELL_BOOLEAN, &column)) < 0)
                return rc;
        if (sheet->kind == SHEET_XLSX)
                return done(sheet, mh__xlsx_boolean(sheet->xlsx, sheet->cell, value != 0));
        mh__csv_bool(&sheet->csv, value != 0);
        return done(sheet, 0);
}

int mh_sheet_datetime(mh_sheet *sheet, const char *when)
{
        const mh__sheet_column *column;
        int rc;

        if ((rc = next_cell(sheet, MH_CELL_DATETIME, &column)) < 0)
                return rc;
        if (sheet->kind == SHEET_XLSX)
                return done(sheet, mh__xlsx_datetime(sheet->xlsx, sheet->cell, when));
        mh__csv_text(&sheet->csv, when);
        return done(sheet, 0);
}

int mh_sheet_empty(mh_sheet *sheet)
{
        const mh__sheet_column *column;
        int rc;

        if ((rc = next_cell(sheet, -1, &column)) < 0)
                return rc;
        if (sheet->kind == SHEET_XLSX)
                return done(sheet, mh__xlsx_text(sheet->xlsx, sheet->cell, NULL));
        mh__csv_empty(&sheet->csv);
        return done(sheet, 0);
}

int mh_sheet_end_row(mh_sheet *sheet)
{
        int rc;

        if (sheet == NULL || sheet->cell != sheet->n_columns || sheet->n_columns == 0)
                return MH_EUSAGE;
        sheet->cell = 0;
        if (sheet->kind == SHEET_XLSX)
                return mh__xlsx_end_row(sheet->xlsx);
        if ((rc = mh__csv_end_row(&sheet->csv)) < 0)
                sheet->failed = 1;
        return rc;
}

static void sheet_free(mh_sheet *sheet)
{
        size_t i;

        for (i = 0; i < sheet->n_columns; i++) {
                mh__free(sheet->columns[i].id);
                mh__free(sheet->columns[i].label);
        }
        mh__free(sheet->columns);
        mh__free(sheet);
}

int mh_sheet_close(mh_sheet *sheet, mh_diagnostics *diags)
{
        int rc = 0;

        if (sheet == NULL)
                return 0;
        if (sheet->cell != 0) { /* a row left unfinished: not written */
                mh_sheet_abandon(sheet);
                return MH_EUSAGE;
        }
        rc = write_header(sheet);
        if (sheet->kind == SHEET_XLSX) {
                if (rc < 0) {
                        mh__xlsx_abandon(sheet->xlsx);
                        sheet_free(sheet);
                        return mh__diag_writer(rc, diags);
                }
                rc = mh__xlsx_close(sheet->xlsx, diags);
                sheet_free(sheet);
                return rc;
        }
        if (fflush(sheet->csv.stream) != 0 || ferror(sheet->csv.stream))
                sheet->failed = 1;
        rc = sheet->failed ? mh__diag_write_failed(diags) : 0;
        sheet_free(sheet);
        return rc;
}

void mh_sheet_abandon(mh_sheet *sheet)
{
        if (sheet == NULL)
                return;
        if (sheet->kind == SHEET_XLSX)
                mh__xlsx_abandon(sheet->xlsx);
        sheet_free(sheet);
}

void mh_sheet_set_private(mh_sheet *sheet)
{
        if (sheet != NULL && sheet->kind == SHEET_XLSX && sheet->xlsx != NULL)
                mh__xlsx_set_private(sheet->xlsx);
}
