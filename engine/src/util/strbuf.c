/*
 * strbuf.c: small text helpers for output: a growable string, and YAML
 * double-quoted scalars.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/cnum.h"
#include "util/util.h"

void mh__strbuf_vprintf(mh__strbuf *buf, const char *fmt, va_list ap)
{
        va_list copy;
        int n;

        if (buf->failed)
                return;
        for (;;) {
                size_t room = buf->capacity - buf->length;

                va_copy(copy, ap);
                n = mh__vsnprintf_c(buf->data ? buf->data + buf->length : NULL,
                                    buf->data ? room : 0, fmt, copy);
                va_end(copy);
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
                        if ((data = mh__realloc(buf->data, capacity)) == NULL) {
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

void mh__strbuf_printf(mh__strbuf *buf, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        mh__strbuf_vprintf(buf, fmt, ap);
        va_end(ap);
}

void mh__strbuf_putc(mh__strbuf *buf, char c)
{
        if (buf->failed)
                return;
        if (buf->length + 2 > buf->capacity) {
                size_t capacity = buf->capacity ? buf->capacity * 2 : 64;
                char *data = mh__realloc(buf->data, capacity);

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

void mh__strbuf_reserve(mh__strbuf *buf)
{
        if (buf->data == NULL && !buf->failed) {
                if ((buf->data = mh__malloc(64)) == NULL) {
                        buf->failed = 1;
                        return;
                }
                buf->capacity = 64;
                buf->data[0] = '\0';
        }
}

const char *mh__strbuf_cstr(const mh__strbuf *buf)
{
        return buf->data != NULL ? buf->data : "";
}

void mh__strbuf_clear(mh__strbuf *buf)
{
        buf->length = 0;
        buf->failed = 0;
        if (buf->data != NULL)
                buf->data[0] = '\0';
}

void mh__strbuf_free(mh__strbuf *buf)
{
        mh__free(buf->data);
        memset(buf, 0, sizeof(*buf));
}

void mh__strbuf_append(mh__strbuf *buf, const char *s, size_t n)
{
        if (buf->failed)
                return;
        if (buf->length + n + 1 > buf->capacity) {
                size_t capacity = buf->capacity ? buf->capacity : 64;
                char *data;

                while (capacity < buf->length + n + 1)
                        capacity *= 2;
                if ((data = mh__realloc(buf->data, capacity)) == NULL) {
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

void mh__strbuf_json_string(mh__strbuf *buf, const char *s)
{
        static const char hex[] = "0123456789abcdef";
        const char *run;

        if (s == NULL) {
                mh__strbuf_append(buf, "null", 4);
                return;
        }
        mh__strbuf_putc(buf, '"');
        for (run = s; *s != '\0'; s++) {
                unsigned char c = (unsigned char)*s;
                char escape[6] = {'\\', 'u', '0', '0', 0, 0};

                if (c >= 0x20 && c != '"' && c != '\\')
                        continue;
                mh__strbuf_append(buf, run, (size_t)(s - run));
                run = s + 1;
                if (c == '"' || c == '\\') {
                        escape[1] = (char)c;
                        mh__strbuf_append(buf, escape, 2);
                } else {
                        escape[4] = hex[c >> 4];
                        escape[5] = hex[c & 0xf];
                        mh__strbuf_append(buf, escape, 6);
                }
        }
        mh__strbuf_append(buf, run, (size_t)(s - run));
        mh__strbuf_putc(buf, '"');
}

/*
 * Escapes what YAML would not read back as written: the quote and backslash,
 * the C0 controls and DEL, the C1 controls (U+0080-U+009F, NEL included),
 * U+2028 and U+2029 (line breaks to YAML 1.1, folded inside quotes), the
 * byte order mark U+FEFF and the non-characters U+FFFE and U+FFFF (which
 * libyaml refuses unescaped), so that a comment holding any of them
 * survives an export.
 */
void mh__yaml_quoted(FILE *stream, const char *s)
{
        const unsigned char *p = (const unsigned char *)s;

        fputc('"', stream);
        for (; *p != '\0'; p++) {
                if (*p == '"' || *p == '\\')
                        fprintf(stream, "\\%c", *p);
                else if (*p == '\n')
                        fputs("\\n", stream);
                else if (*p == '\t')
                        fputs("\\t", stream);
                else if (*p < 0x20 || *p == 0x7F)
                        fprintf(stream, "\\x%02X", *p);
                else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
                        fprintf(stream, "\\x%02X", *++p);
                else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
                        fprintf(stream, "\\u20%02X", p[2] - 0x80);
                        p += 2;
                } else if ((p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) ||
                           (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))) {
                        fputs(p[1] == 0xBB   ? "\\uFEFF"
                              : p[2] == 0xBE ? "\\uFFFE"
                                             : "\\uFFFF",
                              stream);
                        p += 2;
                } else
                        fputc(*p, stream);
        }
        fputc('"', stream);
}

int mh__utf8_prefix(const char *s, int max_chars)
{
        int bytes = 0, chars = 0;

        while (s[bytes] != '\0') {
                if (((unsigned char)s[bytes] & 0xC0) != 0x80 && chars++ == max_chars)
                        break;
                bytes++;
        }
        return bytes;
}
