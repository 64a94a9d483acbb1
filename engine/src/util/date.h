/*
 * date.h: calendar dates written YYYY-MM-DD.
 */
#ifndef MH_DATE_H
#define MH_DATE_H

#include <stddef.h>

#include "maturinh/common.h"

/** What is wrong with a date, if anything. */
typedef enum {
        MH__DATE_OK = 0,
        MH__DATE_MALFORMED,    /* not YYYY-MM-DD: "expects a date YYYY-MM-DD" */
        MH__DATE_NOT_CALENDAR, /* 2025-02-30: "2025-02-30 is not a calendar date" */
        MH__DATE_TOO_EARLY     /* 1899-12-31: "1899-12-31 is before 1900" */
} mh__date_status;

/**
 * Days since 1970-01-01 of a YYYY-MM-DD text, from 1900-01-01 on, into
 * *days_out.  Returns MH__DATE_OK, or what is wrong with `why` set to the
 * message above (`why` may be NULL).
 */
mh__date_status mh__parse_date(const char *text, long *days_out, char *why, size_t why_size);

/**
 * A date YYYY-MM-DD for people: "30/06/2025" when the messages are French
 * (mh__french()), as it is in English; anything else is copied as it is.
 * Returns `buf`.
 */
char *mh__people_date(char *buf, size_t size, const char *iso);

#endif
