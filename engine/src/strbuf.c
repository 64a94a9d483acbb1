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
