/*
 * csv_read.h: reading RFC 4180 CSV, one record at a time, every field located.
 */
#ifndef MH_CSV_READ_H
#define MH_CSV_READ_H

#include <stdio.h>

#include "util/util.h"

/** Fields longer than this are refused (a CSV of answers has short cells). */
#define MH_CSV_MAX_FIELD (64 * 1024)
/** Records with more fields than this are refused. */
#define MH_CSV_MAX_FIELDS 64

typedef struct mh__csv_field {
        char *text;      /* NUL-terminated, quotes removed */
        unsigned line;   /* where the field starts, 1-based */
        unsigned column; /* idem, in characters */
} mh__csv_field;

typedef struct mh__csv_reader mh__csv_reader;

/** Reads `file` (not closed by the reader); errors go to `diags` under `source`. */
int mh__csv_reader_new(mh__csv_reader **out, FILE *file, const char *source, mh_diagnostics *diags);
void mh__csv_reader_free(mh__csv_reader *reader);
/**
 * The next record: 1 with its fields (owned by the reader, valid until the
 * next call), 0 at the end, MH_EINVALID on malformed CSV (diagnosed; reading
 * cannot go on), MH_EIO or MH_ENOMEM.  Empty lines are skipped.
 */
int mh__csv_reader_next(mh__csv_reader *reader, mh__csv_field **fields, size_t *count);

#endif
