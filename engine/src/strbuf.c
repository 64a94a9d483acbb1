/*
 * strbuf.c: small text helpers for output: a growable string, and YAML
 * double-quoted scalars.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cnum.h"
#include "internal.h"

void mh_strbuf_printf(mh_strbuf *buf, const char *fmt, ...)
{
        va_list ap;
        int n;

        if (buf->failed)
                return;
        for (;;) {
                size_t room = buf->capacity - buf->length;

                va_start(ap, fmt);
                n = mh_vsnprintf_c(buf->data ? buf->data + buf->length : NULL, buf->data ? room : 0,
                                   fmt, ap);
                va_end(ap);
                if (n < 0) {
                        buf->failed = 1;
                        break;
                }
                if (buf->data != NULL && (size_t)n < room) {
                        buf->length += (size_t)n;
                        break;
                }
                {
                        size_t capacity = buf->capacity ? buf->capacity : 64;
                        char *data;

                        while (capacity < buf->length + (size_t)n + 1)
                                capacity *= 2;
                        if ((data = mh_realloc(buf->data, capacity)) == NULL) {
                                buf->failed = 1;
                                break;
                        }
                        if (buf->data == NULL)
                                data[0] = '\0';
                        buf->data = data;
                        buf->capacity = capacity;
                }
        }
}

void mh_strbuf_putc(mh_strbuf *buf, char c)
{
        if (buf->failed)
                return;
        if (buf->length + 2 > buf->capacity) {
                size_t capacity = buf->capacity ? buf->capacity * 2 : 64;
                char *data = mh_realloc(buf->data, capacity);

                if (data == NULL) {
                        buf->failed = 1;
                        return;
                }
                buf->data = data;
                buf->capacity = capacity;
        }
        buf->data[buf->length++] = c;
        buf->data[buf->length] = '\0';
}

void mh_strbuf_reserve(mh_strbuf *buf)
{
        if (buf->data == NULL && !buf->failed) {
                if ((buf->data = mh_malloc(64)) == NULL) {
                        buf->failed = 1;
                        return;
                }
                buf->capacity = 64;
                buf->data[0] = '\0';
        }
}

const char *mh_strbuf_cstr(const mh_strbuf *buf)
{
        return buf->data != NULL ? buf->data : "";
}

void mh_strbuf_clear(mh_strbuf *buf)
{
        buf->length = 0;
        buf->failed = 0;
        if (buf->data != NULL)
                buf->data[0] = '\0';
}

void mh_strbuf_free(mh_strbuf *buf)
{
        mh_free(buf->data);
        memset(buf, 0, sizeof(*buf));
}

void mh_strbuf_append(mh_strbuf *buf, const char *s, size_t n)
{
        if (buf->failed)
                return;
        if (buf->length + n + 1 > buf->capacity) {
                size_t capacity = buf->capacity ? buf->capacity : 64;
                char *data;

                while (capacity < buf->length + n + 1)
                        capacity *= 2;
                if ((data = mh_realloc(buf->data, capacity)) == NULL) {
                        buf->failed = 1;
                        return;
                }
                buf->data = data;
                buf->capacity = capacity;
        }
        memcpy(buf->data + buf->length, s, n);
        buf->length += n;
        buf->data[buf->length] = '\0';
}

void mh_strbuf_json_string(mh_strbuf *buf, const char *s)
{
        static const char hex[] = "0123456789abcdef";
        const char *run;

        if (s == NULL) {
                mh_strbuf_append(buf, "null", 4);
                return;
        }
        mh_strbuf_putc(buf, '"');
        for (run = s; *s != '\0'; s++) {
                unsigned char c = (unsigned char)*s;
                char escape[6] = {'\\', 'u', '0', '0', 0, 0};

                if (c >= 0x20 && c != '"' && c != '\\')
                        continue;
                mh_strbuf_append(buf, run, (size_t)(s - run));
                run = s + 1;
                if (c == '"' || c == '\\') {
                        escape[1] = (char)c;
                        mh_strbuf_append(buf, escape, 2);
                } else {
                        escape[4] = hex[c >> 4];
                        escape[5] = hex[c & 0xf];
                        mh_strbuf_append(buf, escape, 6);
                }
        }
        mh_strbuf_append(buf, run, (size_t)(s - run));
        mh_strbuf_putc(buf, '"');
}

void mh_yaml_quoted(FILE *stream, const char *s)
{
        fputc('"', stream);
        for (; *s != '\0'; s++) {
                if (*s == '"' || *s == '\\')
                        fprintf(stream, "\\%c", *s);
                else if (*s == '\n')
                        fputs("\\n", stream);
                else if (*s == '\t')
                        fputs("\\t", stream);
                else if ((unsigned char)*s < 0x20)
                        fprintf(stream, "\\x%02X", (unsigned char)*s);
                else
                        fputc(*s, stream);
        }
        fputc('"', stream);
}
