/*
 * test_sheet.c: maturinh/sheet.h, the typed table written as CSV or XLSX:
 * the CSV bytes, the cells refused (a type that is not the column's, a
 * short row, a column after the first cell), and an XLSX that cannot be
 * created.  The XLSX content is read back with openpyxl by
 * tests/cli/test_cli_xlsx.sh.
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "testutil.h"

static mh_sheet *csv_sheet(FILE *f)
{
        mh_sheet *sheet = NULL;

        assert_int_equal(mh_sheet_open_csv(&sheet, f), 0);
        assert_int_equal(mh_sheet_column(sheet, "finess", "FINESS", MH_CELL_TEXT, 0), 0);
        assert_int_equal(mh_sheet_column(sheet, "score", "Score", MH_CELL_NUMBER, 6), 0);
        assert_int_equal(mh_sheet_column(sheet, "n", NULL, MH_CELL_INTEGER, 0), 0);
        assert_int_equal(mh_sheet_column(sheet, "ok", NULL, MH_CELL_BOOLEAN, 0), 0);
        assert_int_equal(mh_sheet_column(sheet, "when", NULL, MH_CELL_DATETIME, 0), 0);
        assert_int_equal(mh_sheet_column(sheet, "delta", NULL, MH_CELL_SIGNED, 1), 0);
        return sheet;
}

static void test_csv_cells(void **state)
{
        FILE *f = tmpfile();
        mh_sheet *sheet;
        char *text;

        (void)state;
        assert_non_null(f);
        sheet = csv_sheet(f);
        assert_int_equal(mh_sheet_text(sheet, "010780054"), 0);
        assert_int_equal(mh_sheet_number(sheet, 41.6666666), 0);
        assert_int_equal(mh_sheet_integer(sheet, -3), 0);
        assert_int_equal(mh_sheet_boolean(sheet, 1), 0);
        assert_int_equal(mh_sheet_datetime(sheet, "2025-06-30T08:15:00Z"), 0);
        assert_int_equal(mh_sheet_number(sheet, 1.25), 0);
        assert_int_equal(mh_sheet_end_row(sheet), 0);
        /* NaN and NULL: empty cells; a formula in a text cell made inert */
        assert_int_equal(mh_sheet_text(sheet, "=1+1"), 0);
        assert_int_equal(mh_sheet_number(sheet, NAN), 0);
        assert_int_equal(mh_sheet_empty(sheet), 0);
        assert_int_equal(mh_sheet_boolean(sheet, 0), 0);
        assert_int_equal(mh_sheet_datetime(sheet, NULL), 0);
        assert_int_equal(mh_sheet_number(sheet, -0.25), 0);
        assert_int_equal(mh_sheet_end_row(sheet), 0);
        assert_int_equal(mh_sheet_close(sheet, tu_diags()), 0);
        text = tu_stream_text(f);
        assert_string_equal(text, "finess,score,n,ok,when,delta\n"
                                  "010780054,41.666667,-3,true,2025-06-30T08:15:00Z,+1.2\n"
                                  "'=1+1,,,false,,-0.2\n");
        free(text);
        fclose(f);
}

static void test_csv_header_without_rows(void **state)
{
        FILE *f = tmpfile();
        char *text;

        (void)state;
        assert_int_equal(mh_sheet_close(csv_sheet(f), tu_diags()), 0);
        text = tu_stream_text(f);
        assert_string_equal(text, "finess,score,n,ok,when,delta\n");
        free(text);
        fclose(f);
}

static void test_refused_cells(void **state)
{
        FILE *f = tmpfile();
        mh_sheet *sheet = csv_sheet(f);

        (void)state;
        /* a cell of another type than its column's */
        assert_int_equal(mh_sheet_number(sheet, 1), MH_EUSAGE);
        assert_int_equal(mh_sheet_integer(sheet, 1), MH_EUSAGE);
        assert_int_equal(mh_sheet_boolean(sheet, 1), MH_EUSAGE);
        assert_int_equal(mh_sheet_datetime(sheet, "2025-01-01"), MH_EUSAGE);
        assert_int_equal(mh_sheet_text(sheet, "010780054"), 0);
        assert_int_equal(mh_sheet_text(sheet, "1"), MH_EUSAGE);
        assert_int_equal(mh_sheet_integer(sheet, 1), MH_EUSAGE);
        /* no column after the first cell */
        assert_int_equal(mh_sheet_column(sheet, "late", NULL, MH_CELL_TEXT, 0), MH_EUSAGE);
        /* a short row is refused, and stays open */
        assert_int_equal(mh_sheet_end_row(sheet), MH_EUSAGE);
        assert_int_equal(mh_sheet_number(sheet, 1), 0);
        assert_int_equal(mh_sheet_integer(sheet, 1), 0);
        assert_int_equal(mh_sheet_boolean(sheet, 1), 0);
        assert_int_equal(mh_sheet_empty(sheet), 0);
        assert_int_equal(mh_sheet_empty(sheet), 0);
        /* no cell beyond the last column */
        assert_int_equal(mh_sheet_empty(sheet), MH_EUSAGE);
        assert_int_equal(mh_sheet_end_row(sheet), 0);
        /* a row left unfinished at the close */
        assert_int_equal(mh_sheet_text(sheet, "x"), 0);
        assert_int_equal(mh_sheet_close(sheet, tu_diags()), MH_EUSAGE);
        fclose(f);
        /* arguments */
        assert_int_equal(mh_sheet_open_csv(&sheet, NULL), MH_EUSAGE);
        assert_int_equal(mh_sheet_close(NULL, NULL), 0);
        mh_sheet_abandon(NULL);
}

static void test_xlsx_missing_folder(void **state)
{
        mh_sheet *sheet = NULL;
        struct stat st;

        (void)state;
        assert_int_equal(
            mh_sheet_open_xlsx(&sheet, "/nonexistent-mh/folder/out.xlsx", "score", tu_diags()),
            MH_EIO);
        assert_string_equal(tu_why(),
                            "cannot create /nonexistent-mh/folder/out.xlsx: No such file or "
                            "directory");
        assert_null(sheet);
        assert_int_not_equal(stat("/nonexistent-mh/folder", &st), 0);
        /* a sheet name Excel refuses */
        assert_int_equal(mh_sheet_open_xlsx(&sheet, "/tmp/x.xlsx", "a/b", tu_diags()), MH_EUSAGE);
        assert_int_equal(mh_sheet_open_xlsx(&sheet, "/tmp/x.xlsx",
                                            "a name longer than thirty-one characters", tu_diags()),
                         MH_EUSAGE);
}

static void test_xlsx_abandoned_leaves_nothing(void **state)
{
        char folder[] = "/tmp/mh-sheet-XXXXXX", path[64];
        mh_sheet *sheet = NULL;
        struct stat st;

        (void)state;
        assert_non_null(mkdtemp(folder));
        snprintf(path, sizeof(path), "%s/out.xlsx", folder);
        assert_int_equal(mh_sheet_open_xlsx(&sheet, path, "score", tu_diags()), 0);
        assert_int_equal(mh_sheet_column(sheet, "finess", NULL, MH_CELL_TEXT, 0), 0);
        assert_int_equal(mh_sheet_text(sheet, "010780054"), 0);
        assert_int_equal(mh_sheet_end_row(sheet), 0);
        mh_sheet_abandon(sheet);
        assert_int_not_equal(stat(path, &st), 0);
        assert_int_equal(rmdir(folder), 0); /* empty: no temporary file left */
        /* and closed, the workbook is there, and only it */
        assert_non_null(mkdtemp(strcpy(folder, "/tmp/mh-sheet-XXXXXX")));
        snprintf(path, sizeof(path), "%s/out.xlsx", folder);
        assert_int_equal(mh_sheet_open_xlsx(&sheet, path, "score", tu_diags()), 0);
        assert_int_equal(mh_sheet_column(sheet, "finess", NULL, MH_CELL_TEXT, 0), 0);
        assert_int_equal(mh_sheet_close(sheet, tu_diags()), 0);
        assert_int_equal(stat(path, &st), 0);
        assert_int_equal(st.st_mode & 0777, 0644);
        assert_int_equal(unlink(path), 0);
        assert_int_equal(rmdir(folder), 0);
}

/*
 * test_sheet PATH: writes at PATH a workbook of every type of cell, which
 * tests/cli/test_cli_xlsx.sh reads back with openpyxl.
 */
static int write_typed_workbook(const char *path)
{
        mh_sheet *sheet = NULL;
        int rc = 0;

        if (mh_sheet_open_xlsx(&sheet, path, "types", tu_diags()) < 0) {
                fprintf(stderr, "%s\n", tu_why());
                return 1;
        }
        rc |= mh_sheet_column(sheet, "finess", "FINESS", MH_CELL_TEXT, 0);
        rc |= mh_sheet_column(sheet, "score", "Score", MH_CELL_NUMBER, 1);
        rc |= mh_sheet_column(sheet, "n", "Nombre", MH_CELL_INTEGER, 0);
        rc |= mh_sheet_column(sheet, "ok", "Oui ou non", MH_CELL_BOOLEAN, 0);
        rc |= mh_sheet_column(sheet, "when", "Dernière modification", MH_CELL_DATETIME, 0);
        rc |= mh_sheet_column(sheet, "delta", "Écart", MH_CELL_SIGNED, 1);
        rc |= mh_sheet_text(sheet, "010780054");
        rc |= mh_sheet_number(sheet, 41.66);
        rc |= mh_sheet_integer(sheet, 12);
        rc |= mh_sheet_boolean(sheet, 1);
        rc |= mh_sheet_datetime(sheet, "2025-06-30T08:15:07Z");
        rc |= mh_sheet_number(sheet, 2.5);
        rc |= mh_sheet_end_row(sheet);
        rc |= mh_sheet_text(sheet, "=HYPERLINK(\"http://x\")");
        rc |= mh_sheet_number(sheet, NAN);
        rc |= mh_sheet_empty(sheet);
        rc |= mh_sheet_boolean(sheet, 0);
        rc |= mh_sheet_datetime(sheet, "2025-07-01");
        rc |= mh_sheet_number(sheet, -0.5);
        rc |= mh_sheet_end_row(sheet);
        if (rc != 0 || mh_sheet_close(sheet, tu_diags()) < 0) {
                fprintf(stderr, "cannot write %s: %s\n", path, tu_why());
                return 1;
        }
        return 0;
}

int main(int argc, char **argv)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_csv_cells),
            cmocka_unit_test(test_csv_header_without_rows),
            cmocka_unit_test(test_refused_cells),
            cmocka_unit_test(test_xlsx_missing_folder),
            cmocka_unit_test(test_xlsx_abandoned_leaves_nothing),
        };

        if (argc == 2)
                return write_typed_workbook(argv[1]);
        return cmocka_run_group_tests(tests, NULL, NULL);
}
