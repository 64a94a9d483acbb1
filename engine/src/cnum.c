/*
 * cnum.c: locale-independent number conversions.
 *
 * A program embedding the engine may call setlocale(LC_ALL, "fr_FR.UTF-8"),
 * after which strtod() and printf() expect and write ',' as the decimal
 * point.  The engine's inputs and outputs are not localised, so conversions
 * switch the calling thread to the C locale (POSIX uselocale) for their
 * duration.
 */
#define _POSIX_C_SOURCE 200809L

#include <locale.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "cnum.h"

static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;

static void init_c_locale(void)
{
        c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
}

static locale_t enter_c_locale(void)
{
        pthread_once(&c_locale_once, init_c_locale);
        return c_locale != (locale_t)0 ? uselocale(c_locale) : (locale_t)0;
}

static void leave_c_locale(locale_t previous)
{
        if (previous != (locale_t)0)
                uselocale(previous);
}

double mh_strtod_c(const char *s, char **end)
{
        locale_t previous = enter_c_locale();
        double value = strtod(s, end);

        leave_c_locale(previous);
        return value;
}

int mh_vsnprintf_c(char *buf, size_t size, const char *fmt, va_list ap)
{
        locale_t previous = enter_c_locale();
        int n = vsnprintf(buf, size, fmt, ap);

        leave_c_locale(previous);
        return n;
}

int mh_snprintf_c(char *buf, size_t size, const char *fmt, ...)
{
        va_list ap;
        int n;

        va_start(ap, fmt);
        n = mh_vsnprintf_c(buf, size, fmt, ap);
        va_end(ap);
        return n;
}
