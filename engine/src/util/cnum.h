/*
 * cnum.h: numbers read and written in the C locale, whatever the process's
 * LC_NUMERIC says: the engine's files always use '.' as decimal point.
 */
#ifndef MH_CNUM_H
#define MH_CNUM_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include "util/util.h"

/**
 * Switches the calling thread to the C locale for numbers until
 * mh__c_numeric_leave(previous), for a library that formats numbers with
 * printf itself (libxlsxwriter: "11.7", never "11,7" under fr_FR).
 * Returns `previous` (NULL when nothing was switched).
 */
void *mh__c_numeric_enter(void);
void mh__c_numeric_leave(void *previous);
/** strtod() in the C locale. */
double mh__strtod_c(const char *s, char **end);
/** vsnprintf() and snprintf() in the C locale. */
int mh__vsnprintf_c(char *buf, size_t size, const char *fmt, va_list ap) MH_PRINTF(3, 0);
int mh__snprintf_c(char *buf, size_t size, const char *fmt, ...) MH_PRINTF(3, 4);
/**
 * snprintf() in the C locale into a fixed buffer, for text that may hold
 * UTF-8: when it does not fit, it ends on a whole character (never on the
 * first bytes of one).  Returns what snprintf() returns.
 */
int mh__snprintf_text(char *buf, size_t size, const char *fmt, ...) MH_PRINTF(3, 4);
/** vfprintf() and fprintf() in the C locale: the text outputs people read. */
int mh__vfprintf_c(FILE *stream, const char *fmt, va_list ap) MH_PRINTF(2, 0);
int mh__fprintf_c(FILE *stream, const char *fmt, ...) MH_PRINTF(2, 3);
/* mh__fput_column(): in util/text.h */
/**
 * snprintf(buf, size, "%.*f", decimals, value) in the C locale, the same
 * bytes, without printf for the common cases (few decimals, values that are
 * not near a rounding tie): scores are written by the hundred thousand.
 */
int mh__format_fixed(char *buf, size_t size, double value, int decimals);

/**
 * Who reads a number: a program (C locale, "12345.6") or people, in the
 * language of the messages (mh__french(): "12 345,6"; else "12345.6").
 */
typedef enum { MH__FOR_MACHINES, MH__FOR_PEOPLE } mh__audience;

/**
 * The one formatter of a number with `decimals` decimals: for machines,
 * mh__format_fixed(); for people, mh__fr_number() when the messages are
 * French, else mh__format_fixed().  Returns `buf` ("" for NaN).
 */
char *mh__format_number(char *buf, size_t size, double value, int decimals, mh__audience who);
/**
 * A percentage for people: mh__fr_percent() when the messages are French
 * ("12,5 %" with a no-break space), else "12.5%".  Returns `buf`.
 */
char *mh__people_percent(char *buf, size_t size, double value, int decimals);
/**
 * `value` with `decimals` decimals in the French way: a decimal comma, and
 * groups of three digits separated by a narrow no-break space (U+202F) from
 * 1 000 on ("81,9", "25,0", "12 345").  Returns `buf` ("" for NaN).
 */
char *mh__fr_number(char *buf, size_t size, double value, int decimals);
/** A count in the French way ("3 000"); returns `buf`. */
char *mh__fr_count(char *buf, size_t size, size_t n);
/** mh__fr_number() followed by a no-break space (U+00A0) and "%" ("25,0 %"; "" for NaN). */
char *mh__fr_percent(char *buf, size_t size, double value, int decimals);

#endif
