/*
 * finess_extract_internal.h: the FINESS extract reader over a stream, for
 * the fuzzing harness (a memory stream).  Never installed.
 */
#ifndef MH_FINESS_EXTRACT_INTERNAL_H
#define MH_FINESS_EXTRACT_INTERNAL_H

#include <stdio.h>

#include "maturinh/finess_extract.h"

/**
 * mh_finess_extract_each() on `file`, read from its start and named `path`
 * in the messages; it must be seekable (the encoding pass rewinds it).  The
 * caller closes it.
 */
int mh__finess_extract_each_stream(mh_finess_extract_result *out, FILE *file, const char *path,
                                   const mh_finess_extract_options *options,
                                   int (*fn)(const mh_finess_extract_row *row, void *context),
                                   void *context, mh_diagnostics *diags);

#endif
