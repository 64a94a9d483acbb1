/*
 * fuzz_finess_extract.c: the reader of the official FINESS extract
 * (engine/src/finess_extract.c), over the input as a memory stream
 * (fmemopen), every category and region kept.
 *
 * Invariants: every row given has a valid-looking profile (a 9-character
 * FINESS, a name that is not empty and valid UTF-8 without a double space
 * nor a space at either end, an INSEE département with its region, a
 * 3-digit category); MH_EINVALID comes with located diagnostics, 0 with
 * none; the reader always ends.
 */
#define _POSIX_C_SOURCE 200809L

#include "finess_extract_internal.h"
#include "maturinh/territory.h"
#include "util/text.h"
#include "fuzz_common.h"

static int check_row(const mh_finess_extract_row *row, void *context)
{
        size_t n = strlen(row->name);

        (void)context;
        MH_FUZZ_CHECK(strlen(row->finess) == 9);
        MH_FUZZ_CHECK(row->finess_ej == NULL || strlen(row->finess_ej) == 9);
        MH_FUZZ_CHECK(n > 0 && row->name[0] != ' ' && row->name[n - 1] != ' ');
        MH_FUZZ_CHECK(strstr(row->name, "  ") == NULL);
        MH_FUZZ_CHECK(mh__utf8_valid(row->name, n));
        MH_FUZZ_CHECK(mh_departement_region(row->departement) != NULL);
        MH_FUZZ_CHECK(strcmp(mh_departement_region(row->departement), row->region) == 0);
        MH_FUZZ_CHECK(strlen(row->category) == 3);
        MH_FUZZ_CHECK(row->line >= 2);
        return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        mh_finess_extract_options options = MH_FINESS_EXTRACT_OPTIONS_INIT;
        mh_finess_extract_result result;
        mh_diagnostics *diags = NULL;
        char *copy;
        FILE *file;
        int rc;

        if (size == 0)
                return 0; /* fmemopen() refuses an empty buffer */
        copy = mh__fuzz_cstr(data, size);
        MH_FUZZ_CHECK((file = fmemopen(copy, size, "rb")) != NULL);
        MH_FUZZ_CHECK(mh_diagnostics_new(&diags) == 0);
        rc = mh__finess_extract_each_stream(&result, file, "fuzz.csv", &options, check_row, NULL,
                                            diags);
        MH_FUZZ_CHECK(rc == 0 || rc == MH_EINVALID);
        MH_FUZZ_CHECK((rc == MH_EINVALID) == (mh_diagnostics_count(diags) > 0));
        mh__fuzz_check_diags(diags, 1);
        mh_diagnostics_free(diags);
        fclose(file);
        free(copy);
        return 0;
}
