/*
 * fuzz_csvread.c: the CSV reader itself (engine/src/util/csv_read.c, internal),
 * over the input as a memory stream (fmemopen), record by record.
 *
 * Invariants: each record has 1 to MH_CSV_MAX_FIELDS fields, none longer
 * than MH_CSV_MAX_FIELD, each located at a 1-based line and column, in
 * increasing order of position; MH_EINVALID adds a located diagnostic and
 * ends the reading; the reader always ends.
 */
#define _POSIX_C_SOURCE 200809L

#include "util/csv_read.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        mh__csv_reader *csv = NULL;
        mh_diagnostics *diags = NULL;
        mh__csv_field *fields;
        unsigned last_line = 0, last_column = 0;
        size_t count, i, records = 0;
        char *copy;
        FILE *file;
        int rc;

        if (size == 0)
                return 0; /* fmemopen() refuses an empty buffer */
        copy = mh__fuzz_cstr(data, size);
        MH_FUZZ_CHECK((file = fmemopen(copy, size, "rb")) != NULL);
        MH_FUZZ_CHECK(mh_diagnostics_new(&diags) == 0);
        MH_FUZZ_CHECK(mh__csv_reader_new(&csv, file, "fuzz.csv", diags) == 0);
        while ((rc = mh__csv_reader_next(csv, &fields, &count)) == 1) {
                MH_FUZZ_CHECK(count >= 1 && count <= MH_CSV_MAX_FIELDS);
                MH_FUZZ_CHECK(++records <= size + 1);
                for (i = 0; i < count; i++) {
                        const mh__csv_field *f = &fields[i];

                        MH_FUZZ_CHECK(f->text != NULL && strlen(f->text) <= MH_CSV_MAX_FIELD);
                        MH_FUZZ_CHECK(f->line >= 1 && f->column >= 1);
                        MH_FUZZ_CHECK(f->line > last_line ||
                                      (f->line == last_line && f->column > last_column));
                        last_line = f->line;
                        last_column = f->column;
                }
        }
        MH_FUZZ_CHECK(rc == 0 || rc == MH_EINVALID);
        MH_FUZZ_CHECK((rc == MH_EINVALID) == (mh_diagnostics_count(diags) > 0));
        mh__fuzz_check_diags(diags, 1);
        mh__csv_reader_free(csv);
        mh_diagnostics_free(diags);
        fclose(file);
        free(copy);
        return 0;
}
