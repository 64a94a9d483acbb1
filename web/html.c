/*
 * html.c: growing text, and the one HTML-escaping helper every page goes
 * through (web_buf_html).  Nothing that comes from a request, an answer, a
 * comment, a profile or the référentiel reaches a page without it.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web_internal.h"

static int grow(web_buf *buf, size_t more)
{
        size_t need, capacity;
        char *data;

        if (buf->failed)
                return -1;
        if (more > ((size_t)-1) / 2 - buf->length) {
                buf->failed = 1;
                return -1;
        }
        need = buf->length + more + 1;
        if (need <= buf->capacity)
                return 0;
        capacity = buf->capacity > 0 ? buf->capacity : 1024;
        while (capacity < need)
                capacity *= 2;
        if ((data = realloc(buf->data, capacity)) == NULL) {
                buf->failed = 1;
                return -1;
        }
        buf->data = data;
        buf->capacity = capacity;
        return 0;
}

void web_buf_add(web_buf *buf, const char *text, size_t length)
{
        if (length == 0 || grow(buf, length) < 0)
                return;
        memcpy(buf->data + buf->length, text, length);
        buf->length += length;
        buf->data[buf->length] = '\0';
}

void web_buf_puts(web_buf *buf, const char *text)
{
        if (text != NULL)
                web_buf_add(buf, text, strlen(text));
}

void web_buf_printf(web_buf *buf, const char *fmt, ...)
{
        va_list ap;
        int n;

        va_start(ap, fmt);
        n = vsnprintf(NULL, 0, fmt, ap);
        va_end(ap);
        if (n < 0 || grow(buf, (size_t)n) < 0)
                return;
        va_start(ap, fmt);
        vsnprintf(buf->data + buf->length, (size_t)n + 1, fmt, ap);
        va_end(ap);
        buf->length += (size_t)n;
}

void web_buf_html(web_buf *buf, const char *text)
{
        const char *p, *run;

        if (text == NULL)
                return;
        for (p = run = text; *p != '\0'; p++) {
                const char *entity;

                switch (*p) {
                case '&':
                        entity = "&amp;";
                        break;
                case '<':
                        entity = "&lt;";
                        break;
                case '>':
                        entity = "&gt;";
                        break;
                case '"':
                        entity = "&quot;";
                        break;
                case '\'':
                        entity = "&#39;";
                        break;
                default:
                        continue;
                }
                web_buf_add(buf, run, (size_t)(p - run));
                web_buf_puts(buf, entity);
                run = p + 1;
        }
        web_buf_add(buf, run, (size_t)(p - run));
}

void web_buf_url(web_buf *buf, const char *text)
{
        static const char hex[] = "0123456789ABCDEF";
        const unsigned char *p;

        if (text == NULL)
                return;
        for (p = (const unsigned char *)text; *p != '\0'; p++) {
                if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
                    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' || *p == '~') {
                        web_buf_add(buf, (const char *)p, 1);
                } else {
                        char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};

                        web_buf_add(buf, esc, 3);
                }
        }
}

void web_buf_free(web_buf *buf)
{
        free(buf->data);
        buf->data = NULL;
        buf->length = buf->capacity = 0;
        buf->failed = 0;
}

/* One decimal, rounded half up as the engine rounds (mh_round1), decimal comma. */
void web_buf_score(web_buf *buf, double score)
{
        long long tenths;

        if (isnan(score)) {
                web_buf_puts(buf, "\xe2\x80\x94"); /* an em dash: no score */
                return;
        }
        tenths = (long long)floor(score * 10 + 0.5);
        web_buf_printf(buf, "%lld,%lld", tenths / 10, tenths % 10);
}

void web_buf_percent(web_buf *buf, double fraction)
{
        web_buf_printf(buf, "%u\xc2\xa0%%", mh_percent(fraction));
}
