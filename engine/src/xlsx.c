/*
 * xlsx.c: the XLSX backend of maturinh/sheet.h, the one file that knows
 * libxlsxwriter.
 *
 * The workbook is written in libxlsxwriter's constant_memory mode: each row
 * goes to a temporary file as soon as the next one starts, so a sheet of
 * 100,000 rows costs what one row costs (its temporary files are made in the
 * destination's folder).  The frozen header row, the autofilter and the
 * column widths are kept by the library until the workbook is closed, which
 * is when the autofilter's last row and the widths are known.
 *
 * Cells are typed: text is always a string cell (a FINESS keeps its leading
 * zero; a text that looks like a formula is a string, never a formula),
 * numbers are numbers shown with their column's decimals, booleans are
 * booleans, and times are Excel datetimes shown as "yyyy-mm-dd hh:mm:ss"
 * (UTC, as given).  The second worksheet, "colonnes", gives each column's
 * id and French label.  The workbook is written to NAME.tmp-XXXXXX beside
 * the destination, then renamed over it.  Its creation time is now, or
 * SOURCE_DATE_EPOCH when set: the same rows then give the same bytes.
 * libxlsxwriter formats numbers (cells, widths) with printf: every call
 * into it runs in the C locale (mh__c_numeric_enter()), so the workbook is
 * the same under fr_FR as under C.
 */
#define _POSIX_C_SOURCE 200809L /* mkstemp */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "sheet_internal.h"
#include "util/cnum.h"
#include "util/i18n.h"
#include "util/util.h"

#define WIDTH_MIN 6
#define WIDTH_MAX 60

struct mh__xlsx {
        char *path;      /* the destination */
        char *temp_path; /* the workbook being written, beside it */
        char *folder;    /* the destination's folder, for libxlsxwriter's temporary files */
        lxw_workbook *workbook;
        lxw_worksheet *sheet;
        lxw_format *bold, *datetime, *date;
        lxw_format **formats; /* per column: its number format, or NULL */
        size_t *widths;       /* per column: the widest cell, in characters */
        size_t n_columns;
        lxw_row_t row; /* the current row (0 is the header) */
        int failed;    /* a cell could not be written */
        int private_;  /* created 0600 rather than 0644 (mh_sheet_set_private) */
};

void mh__xlsx_set_private(mh__xlsx *x)
{
        x->private_ = 1;
}

static char *folder_of(const char *path)
{
        const char *slash = strrchr(path, '/');
        char *folder;

        if (slash == NULL)
                return mh__strdup(".");
        if (slash == path)
                return mh__strdup("/");
        if ((folder = mh__malloc((size_t)(slash - path) + 1)) == NULL)
                return NULL;
        memcpy(folder, path, (size_t)(slash - path));
        folder[slash - path] = '\0';
        return folder;
}

static void xlsx_free(mh__xlsx *x)
{
        mh__free(x->path);
        mh__free(x->temp_path);
        mh__free(x->folder);
        mh__free(x->formats);
        mh__free(x->widths);
        mh__free(x);
}

static int xlsx_open(mh__xlsx **out, const char *path, const char *name, mh_diagnostics *diags)
{
        lxw_workbook_options options = {0};
        mh__xlsx *x = mh__malloc(sizeof(*x));
        int fd;

        if (x == NULL)
                return mh__diag_nomem(diags);
        memset(x, 0, sizeof(*x));
        x->path = mh__strdup(path);
        x->folder = folder_of(path);
        x->temp_path = mh__malloc(strlen(path) + sizeof(".tmp-XXXXXX"));
        if (x->path == NULL || x->folder == NULL || x->temp_path == NULL) {
                xlsx_free(x);
                return mh__diag_nomem(diags);
        }
        sprintf(x->temp_path, "%s.tmp-XXXXXX", path);
        /* the name is ours from now on: libxlsxwriter writes over this empty file */
        if ((fd = mkstemp(x->temp_path)) < 0) {
                mh__diag_add(diags, "", 0, 0, N_("cannot create %s: %s"), path, strerror(errno));
                xlsx_free(x);
                return MH_EIO;
        }
        close(fd);
        options.constant_memory = 1;
        options.tmpdir = x->folder;
        if ((x->workbook = workbook_new_opt(x->temp_path, &options)) == NULL ||
            (x->sheet = workbook_add_worksheet(x->workbook, name)) == NULL) {
                mh__diag_add(diags, "", 0, 0, N_("cannot create %s: %s"), path,
                             mh__tr(N_("the spreadsheet library failed")));
                if (x->workbook != NULL)
                        lxw_workbook_free(x->workbook);
                unlink(x->temp_path);
                xlsx_free(x);
                return MH_EIO;
        }
        {
                /*
                 * The creation time of the document properties: now, or
                 * SOURCE_DATE_EPOCH when set (reproducible outputs: the same
                 * rows, the same bytes).
                 */
                lxw_doc_properties properties = {0};
                const char *epoch = getenv("SOURCE_DATE_EPOCH");
                char *end = NULL;
                long long when = epoch != NULL ? strtoll(epoch, &end, 10) : 0;

                if (epoch != NULL && end != epoch && *end == '\0' && when > 0) {
                        properties.created = (time_t)when;
                        workbook_set_properties(x->workbook, &properties);
                }
        }
        *out = x;
        return 0;
}

/* The number format of a column of numbers: "0", "0.0", "0.000000"; signed "+0.0;-0.0;0.0". */
static lxw_format *number_format(mh__xlsx *x, const mh__sheet_column *column)
{
        char number[24], text[80];
        lxw_format *format;

        snprintf(number, sizeof(number), "0%s%.*s", column->decimals > 0 ? "." : "",
                 (int)column->decimals, "000000000000000");
        if (column->type == MH_CELL_SIGNED)
                snprintf(text, sizeof(text), "+%s;-%s;%s", number, number, number);
        else
                snprintf(text, sizeof(text), "%s", number);
        if ((format = workbook_add_format(x->workbook)) != NULL)
                format_set_num_format(format, text);
        return format;
}

/* The display width of UTF-8 text: its characters. */
static size_t text_width(const char *text)
{
        size_t n = 0;

        for (; *text != '\0'; text++)
                if (((unsigned char)*text & 0xC0) != 0x80)
                        n++;
        return n;
}

static void widen(mh__xlsx *x, size_t col, size_t width)
{
        if (width > x->widths[col])
                x->widths[col] = width;
}

static int check(mh__xlsx *x, lxw_error error)
{
        if (error != LXW_NO_ERROR) {
                x->failed = 1;
                return MH_EIO;
        }
        return 0;
}

static int xlsx_header(mh__xlsx *x, const mh__sheet_column *columns, size_t n)
{
        lxw_worksheet *legend;
        size_t i;

        x->n_columns = n;
        x->formats = mh__malloc((n ? n : 1) * sizeof(*x->formats));
        x->widths = mh__malloc((n ? n : 1) * sizeof(*x->widths));
        if (x->formats == NULL || x->widths == NULL)
                return MH_ENOMEM;
        x->bold = workbook_add_format(x->workbook);
        x->datetime = workbook_add_format(x->workbook);
        x->date = workbook_add_format(x->workbook);
        if (x->bold == NULL || x->datetime == NULL || x->date == NULL)
                return MH_ENOMEM;
        format_set_bold(x->bold);
        format_set_num_format(x->datetime, "yyyy-mm-dd hh:mm:ss");
        format_set_num_format(x->date, "yyyy-mm-dd");
        for (i = 0; i < n; i++) {
                x->formats[i] = NULL;
                if (columns[i].type == MH_CELL_NUMBER || columns[i].type == MH_CELL_SIGNED) {
                        if ((x->formats[i] = number_format(x, &columns[i])) == NULL)
                                return MH_ENOMEM;
                }
                x->widths[i] = text_width(columns[i].id);
                if (columns[i].type == MH_CELL_DATETIME)
                        widen(x, i, 19);
                if (check(x, worksheet_write_string(x->sheet, 0, (lxw_col_t)i, columns[i].id,
                                                    x->bold)) < 0)
                        return MH_EIO;
        }
        worksheet_freeze_panes(x->sheet, 1, 0);
        /* the legend: each column's id and its label for people */
        if ((legend = workbook_add_worksheet(x->workbook, "colonnes")) == NULL)
                return MH_EIO;
        if (check(x, worksheet_write_string(legend, 0, 0, "colonne", x->bold)) < 0 ||
            check(x, worksheet_write_string(legend, 0, 1, "libellé", x->bold)) < 0)
                return MH_EIO;
        {
                size_t id_width = 8, label_width = 8;

                for (i = 0; i < n; i++) {
                        if (check(x, worksheet_write_string(legend, (lxw_row_t)(i + 1), 0,
                                                            columns[i].id, NULL)) < 0 ||
                            check(x, worksheet_write_string(legend, (lxw_row_t)(i + 1), 1,
                                                            columns[i].label, NULL)) < 0)
                                return MH_EIO;
                        if (text_width(columns[i].id) > id_width)
                                id_width = text_width(columns[i].id);
                        if (text_width(columns[i].label) > label_width)
                                label_width = text_width(columns[i].label);
                }
                worksheet_set_column(legend, 0, 0, (double)(id_width + 2), NULL);
                worksheet_set_column(legend, 1, 1, (double)(label_width + 2), NULL);
                worksheet_freeze_panes(legend, 1, 0);
        }
        x->row = 1;
        return 0;
}

static int xlsx_text(mh__xlsx *x, size_t col, const char *text)
{
        if (text == NULL || text[0] == '\0')
                return 0; /* an absent value: no cell */
        widen(x, col, text_width(text));
        return check(x, worksheet_write_string(x->sheet, x->row, (lxw_col_t)col, text, NULL));
}

static int xlsx_number(mh__xlsx *x, size_t col, double value)
{
        char text[64];
        int n = mh__format_fixed(text, sizeof(text), value, 6);

        /* the width of the number as its format shows it, about */
        if (n > 0)
                widen(x, col, (size_t)n);
        return check(
            x, worksheet_write_number(x->sheet, x->row, (lxw_col_t)col, value, x->formats[col]));
}

static int xlsx_integer(mh__xlsx *x, size_t col, long long value)
{
        char text[32];
        int n = snprintf(text, sizeof(text), "%lld", value);

        if (n > 0)
                widen(x, col, (size_t)n);
        return check(x,
                     worksheet_write_number(x->sheet, x->row, (lxw_col_t)col, (double)value, NULL));
}

static int xlsx_boolean(mh__xlsx *x, size_t col, int value)
{
        widen(x, col, 5);
        return check(x, worksheet_write_boolean(x->sheet, x->row, (lxw_col_t)col, value, NULL));
}

static int xlsx_datetime(mh__xlsx *x, size_t col, const char *when)
{
        lxw_datetime dt = {0};
        char zone[2] = "";
        int seconds = 0;

        if (when == NULL || when[0] == '\0')
                return 0;
        /* YYYY-MM-DDTHH:MM:SSZ, or YYYY-MM-DD; anything else stays text */
        if (strlen(when) == 20 && sscanf(when, "%4d-%2d-%2dT%2d:%2d:%2d%1[Z]", &dt.year, &dt.month,
                                         &dt.day, &dt.hour, &dt.min, &seconds, zone) == 7) {
                dt.sec = seconds;
                widen(x, col, 19);
                return check(x, worksheet_write_datetime(x->sheet, x->row, (lxw_col_t)col, &dt,
                                                         x->datetime));
        }
        if (strlen(when) == 10 && sscanf(when, "%4d-%2d-%2d", &dt.year, &dt.month, &dt.day) == 3) {
                widen(x, col, 10);
                return check(
                    x, worksheet_write_datetime(x->sheet, x->row, (lxw_col_t)col, &dt, x->date));
        }
        return xlsx_text(x, col, when);
}

static int xlsx_end_row(mh__xlsx *x)
{
        x->row++;
        return x->failed ? MH_EIO : 0;
}

void mh__xlsx_abandon(mh__xlsx *x)
{
        if (x == NULL)
                return;
        lxw_workbook_free(x->workbook);
        unlink(x->temp_path);
        xlsx_free(x);
}

static int xlsx_close(mh__xlsx *x, mh_diagnostics *diags)
{
        lxw_error error;
        size_t i;

        if (x->failed) {
                mh__diag_add(diags, "", 0, 0, N_("cannot write %s: %s"), x->path,
                             mh__tr(N_("the spreadsheet library failed")));
                mh__xlsx_abandon(x);
                return MH_EIO;
        }
        for (i = 0; i < x->n_columns; i++) {
                size_t width = x->widths[i] + 2;

                if (width < WIDTH_MIN)
                        width = WIDTH_MIN;
                if (width > WIDTH_MAX)
                        width = WIDTH_MAX;
                worksheet_set_column(x->sheet, (lxw_col_t)i, (lxw_col_t)i, (double)width, NULL);
        }
        if (x->n_columns > 0)
                worksheet_autofilter(x->sheet, 0, 0, x->row - 1, (lxw_col_t)(x->n_columns - 1));
        error = workbook_close(x->workbook); /* frees the workbook */
        x->workbook = NULL;
        if (error != LXW_NO_ERROR) {
                mh__diag_add(diags, "", 0, 0, N_("cannot write %s: %s"), x->path,
                             error == LXW_ERROR_CREATING_XLSX_FILE ||
                                     error == LXW_ERROR_CREATING_TMPFILE
                                 ? strerror(errno != 0 ? errno : EIO)
                                 : lxw_strerror(error));
                unlink(x->temp_path);
                xlsx_free(x);
                return MH_EIO;
        }
        if (chmod(x->temp_path, x->private_ ? 0600 : 0644) != 0 ||
            rename(x->temp_path, x->path) != 0) {
                mh__diag_add(diags, "", 0, 0, N_("cannot create %s: %s"), x->path, strerror(errno));
                unlink(x->temp_path);
                xlsx_free(x);
                return MH_EIO;
        }
        xlsx_free(x);
        return 0;
}

int mh__xlsx_open(mh__xlsx **out, const char *path, const char *name, mh_diagnostics *diags)
{
        void *previous = mh__c_numeric_enter();
        int rc = xlsx_open(out, path, name, diags);

        mh__c_numeric_leave(previous);
        return rc;
}

int mh__xlsx_header(mh__xlsx *x, const mh__sheet_column *columns, size_t n)
{
        void *previous = mh__c_numeric_enter();
        int rc = xlsx_header(x, columns, n);

        mh__c_numeric_leave(previous);
        return rc;
}

int mh__xlsx_text(mh__xlsx *x, size_t col, const char *text)
{
        void *previous = mh__c_numeric_enter();
        int rc = xlsx_text(x, col, text);

        mh__c_numeric_leave(previous);
        return rc;
}

int mh__xlsx_number(mh__xlsx *x, size_t col, double value)
{
        void *previous = mh__c_numeric_enter();
        int rc = xlsx_number(x, col, value);

        mh__c_numeric_leave(previous);
        return rc;
}

int mh__xlsx_integer(mh__xlsx *x, size_t col, long long value)
{
        void *previous = mh__c_numeric_enter();
        int rc = xlsx_integer(x, col, value);

        mh__c_numeric_leave(previous);
        return rc;
}

int mh__xlsx_boolean(mh__xlsx *x, size_t col, int value)
{
        void *previous = mh__c_numeric_enter();
        int rc = xlsx_boolean(x, col, value);

        mh__c_numeric_leave(previous);
        return rc;
}

int mh__xlsx_datetime(mh__xlsx *x, size_t col, const char *when)
{
        void *previous = mh__c_numeric_enter();
        int rc = xlsx_datetime(x, col, when);

        mh__c_numeric_leave(previous);
        return rc;
}

int mh__xlsx_end_row(mh__xlsx *x)
{
        void *previous = mh__c_numeric_enter();
        int rc = xlsx_end_row(x);

        mh__c_numeric_leave(previous);
        return rc;
}

int mh__xlsx_close(mh__xlsx *x, mh_diagnostics *diags)
{
        void *previous = mh__c_numeric_enter();
        int rc = xlsx_close(x, diags);

        mh__c_numeric_leave(previous);
        return rc;
}
