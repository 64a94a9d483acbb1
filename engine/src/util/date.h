/*
 * date.h: calendar dates written YYYY-MM-DD.
 */
#ifndef MH_DATE_H
#define MH_DATE_H

#include <stddef.h>

#include "maturinh/common.h"

/**
 * Days since 1970-01-01 of a YYYY-MM-DD text, from 1900-01-01 on.  Returns
 * 0, or MH_EINVALID with `why` set when it is not a real date.
 */
int mh__parse_date(const char *text, long *days_out, char *why, size_t why_size);

#endif
