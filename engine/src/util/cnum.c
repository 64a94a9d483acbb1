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
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/cnum.h"
#include "util/i18n.h"

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

void *mh__c_numeric_enter(void)
{
        return (void *)enter_c_locale();
}

void mh__c_numeric_leave(void *previous)
{
        leave_c_locale((locale_t)previous);
}

double mh__strtod_c(const char *s, char **end)
{
        locale_t previous = enter_c_locale();
        double value = strtod(s, end);

        leave_c_locale(previous);
        return value;
}

int mh__vsnprintf_c(char *buf, size_t size, const char *fmt, va_list ap)
{
        locale_t previous = enter_c_locale();
        int n = vsnprintf(buf, size, fmt, ap);

        leave_c_locale(previous);
        return n;
}

int mh__snprintf_c(char *buf, size_t size, const char *fmt, ...)
{
        va_list ap;
        int n;

        va_start(ap, fmt);
        n = mh__vsnprintf_c(buf, size, fmt, ap);
        va_end(ap);
        return n;
}

int mh__snprintf_text(char *buf, size_t size, const char *fmt, ...)
{
        va_list ap;
        size_t n;
        int written;

        va_start(ap, fmt);
        written = mh__vsnprintf_c(buf, size, fmt, ap);
        va_end(ap);
        if (written < 0 || size == 0 || (size_t)written < size)
                return written;
        /* cut: drop the last character if its bytes did not all fit */
        n = strlen(buf);
        if (n > 0 && ((unsigned char)buf[n - 1] & 0x80) != 0) {
                size_t lead = n - 1, need;

                while (lead > 0 && ((unsigned char)buf[lead] & 0xC0) == 0x80)
                        lead--;
                need = (unsigned char)buf[lead] >= 0xF0   ? 4
                       : (unsigned char)buf[lead] >= 0xE0 ? 3
                       : (unsigned char)buf[lead] >= 0xC0 ? 2
                                                          : 1;
                if (n - lead < need)
                        buf[lead] = '\0';
        }
        return written;
}

int mh__vfprintf_c(FILE *stream, const char *fmt, va_list ap)
{
        locale_t previous = enter_c_locale();
        int n = vfprintf(stream, fmt, ap);

        leave_c_locale(previous);
        return n;
}

int mh__fprintf_c(FILE *stream, const char *fmt, ...)
{
        va_list ap;
        int n;

        va_start(ap, fmt);
        n = mh__vfprintf_c(stream, fmt, ap);
        va_end(ap);
        return n;
}

/*
 * The fast path of mh__format_fixed().  printf("%.*f", d, v) rounds the exact
 * value x = v * 10^d to an integer k and writes k's digits with a decimal
 * point before the last d.  For d <= 9, 10^d is a double exactly, so the
 * product `scaled` is x rounded once: |scaled - x| <= 2^-53 |x|, under 2^-13
 * while |scaled| < 2^40.  When the fractional part of |scaled| is more than
 * FIXED_TIE_MARGIN (2^-10) away from one half, x is on the same side of the
 * half as `scaled`, so k is `scaled` rounded to the nearest integer, computed
 * here exactly with integers.  (printf follows the rounding mode; the engine
 * never changes it from round-to-nearest.)  Values near a half, large values
 * and more decimals are left to printf.
 */
#define FIXED_MAX_DECIMALS 9
#define FIXED_MAX_SCALED   1099511627776.0 /* 2^40 */
#define FIXED_TIE_MARGIN   (1.0 / 1024)

static int format_fixed_fast(char *buf, size_t size, double value, int decimals)
{
        static const double powers_of_ten[FIXED_MAX_DECIMALS + 1] = {1e0, 1e1, 1e2, 1e3, 1e4,
                                                                     1e5, 1e6, 1e7, 1e8, 1e9};
        char digits[32], *p = digits + sizeof(digits);
        double magnitude, fraction;
        unsigned long long k;
        size_t length;
        int i;

        if (decimals < 0 || decimals > FIXED_MAX_DECIMALS || size < sizeof(digits) + 1)
                return -1;
        magnitude = fabs(value * powers_of_ten[decimals]);
        if (!(magnitude < FIXED_MAX_SCALED)) /* also NaN and infinities */
                return -1;
        k = (unsigned long long)magnitude; /* the integer part, exact */
        fraction = magnitude - (double)k;  /* exact too */
        if (fabs(fraction - 0.5) <= FIXED_TIE_MARGIN)
                return -1;
        if (fraction > 0.5)
                k++;
        /* written from the right: the decimals, the point, then the integer part */
        for (i = 0; i < decimals; i++, k /= 10)
                *--p = (char)('0' + k % 10);
        if (decimals > 0)
                *--p = '.';
        do {
                *--p = (char)('0' + k % 10);
                k /= 10;
        } while (k > 0);
        if (signbit(value))
                *--p = '-';
        length = (size_t)(digits + sizeof(digits) - p);
        memcpy(buf, p, length);
        buf[length] = '\0';
        return (int)length;
}

int mh__format_fixed(char *buf, size_t size, double value, int decimals)
{
        int n = format_fixed_fast(buf, size, value, decimals);

        return n >= 0 ? n : mh__snprintf_c(buf, size, "%.*f", decimals, value);
}

char *mh__fr_number(char *buf, size_t size, double value, int decimals)
{
        char digits[64], *comma, *out = buf, *end = buf + size - 1;
        const char *p;
        size_t whole;

        if (size == 0)
                return buf;
        buf[0] = '\0';
        if (isnan(value))
                return buf;
        mh__format_fixed(digits, sizeof(digits), value, decimals);
        p = digits;
        if (*p == '-' && strspn(p + 1, "0.") == strlen(p + 1))
                p++; /* -0,0 is 0,0 */
        if (*p == '-') {
                if (out < end)
                        *out++ = '-';
                p++;
        }
        comma = strchr(p, '.');
        whole = comma != NULL ? (size_t)(comma - p) : strlen(p);
        for (size_t i = 0; i < whole; i++) {
                if (i > 0 && (whole - i) % 3 == 0 && whole >= 4) {
                        if (end - out < 3)
                                break;
                        memcpy(out, "\xe2\x80\xaf", 3); /* U+202F NARROW NO-BREAK SPACE */
                        out += 3;
                }
                if (out < end)
                        *out++ = p[i];
        }
        if (comma != NULL) {
                if (out < end)
                        *out++ = ',';
                for (p = comma + 1; *p && out < end; p++)
                        *out++ = *p;
        }
        *out = '\0';
        return buf;
}

char *mh__fr_count(char *buf, size_t size, size_t n)
{
        return mh__fr_number(buf, size, (double)n, 0);
}

char *mh__fr_percent(char *buf, size_t size, double value, int decimals)
{
        size_t length;

        mh__fr_number(buf, size, value, decimals);
        length = strlen(buf);
        if (length > 0 && size - length > 3)
                memcpy(buf + length, "\xc2\xa0%", 4); /* U+00A0 NO-BREAK SPACE */
        return buf;
}

char *mh__format_number(char *buf, size_t size, double value, int decimals, mh__audience who)
{
        if (who == MH__FOR_PEOPLE && mh__french())
                return mh__fr_number(buf, size, value, decimals);
        if (size > 0)
                buf[0] = '\0';
        if (!isnan(value))
                mh__format_fixed(buf, size, value, decimals);
        return buf;
}

char *mh__people_percent(char *buf, size_t size, double value, int decimals)
{
        size_t length;

        if (mh__french())
                return mh__fr_percent(buf, size, value, decimals);
        mh__format_number(buf, size, value, decimals, MH__FOR_MACHINES);
        length = strlen(buf);
        if (length > 0 && size - length > 1)
                memcpy(buf + length, "%", 2);
        return buf;
}
