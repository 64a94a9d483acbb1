/*
 * form.c: the fields of a form (application/x-www-form-urlencoded, which is
 * also how a query string is written) and the cookies of a request.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>

#include "web_internal.h"

/* More fields than any page of the questionnaire has: a body of a million '&' is refused. */
#define FIELDS_MAX 10000

int web_utf8_valid(const char *text, size_t length)
{
        const unsigned char *s = (const unsigned char *)text;
        size_t i = 0;

        while (i < length) {
                unsigned c = s[i], need, min, cp, k;

                if (c == 0)
                        return 0;
                if (c < 0x80) {
                        i++;
                        continue;
                }
                if (c >= 0xC2 && c <= 0xDF) {
                        need = 1, min = 0x80, cp = c & 0x1F;
                } else if (c >= 0xE0 && c <= 0xEF) {
                        need = 2, min = 0x800, cp = c & 0x0F;
                } else if (c >= 0xF0 && c <= 0xF4) {
                        need = 3, min = 0x10000, cp = c & 0x07;
                } else {
                        return 0;
                }
                if (length - i <= need)
                        return 0;
                for (k = 1; k <= need; k++) {
                        if ((s[i + k] & 0xC0) != 0x80)
                                return 0;
                        cp = (cp << 6) | (s[i + k] & 0x3F);
                }
                if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                        return 0;
                i += need + 1;
        }
        return 1;
}

static int hex_value(char c)
{
        if (c >= '0' && c <= '9')
                return c - '0';
        if (c >= 'a' && c <= 'f')
                return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
                return c - 'A' + 10;
        return -1;
}

/* Decodes `length` bytes into a new string (CR LF read as LF), its length in *out_length. */
static char *decode(const char *text, size_t length, size_t *out_length)
{
        char *out = malloc(length + 1);
        size_t i, j, n = 0;

        if (out == NULL)
                return NULL;
        for (i = 0; i < length; i++) {
                int hi, lo;

                if (text[i] == '+') {
                        out[n++] = ' ';
                } else if (text[i] == '%' && i + 2 < length && (hi = hex_value(text[i + 1])) >= 0 &&
                           (lo = hex_value(text[i + 2])) >= 0) {
                        out[n++] = (char)(hi * 16 + lo);
                        i += 2;
                } else {
                        out[n++] = text[i];
                }
        }
        out[n] = '\0';
        /* a browser sends the line breaks of a text area as CR LF: the engine's texts use LF */
        for (i = j = 0; i < n; i++)
                if (!(out[i] == '\r' && i + 1 < n && out[i + 1] == '\n'))
                        out[j++] = out[i];
        out[j] = '\0';
        *out_length = j;
        return out;
}

int web_form_parse(web_fields *out, const char *data, size_t length)
{
        size_t start = 0, capacity = 0;

        out->items = NULL;
        out->count = 0;
        if (data == NULL)
                return 0;
        while (start <= length) {
                const char *amp = memchr(data + start, '&', length - start);
                size_t end = amp != NULL ? (size_t)(amp - data) : length;
                const char *eq = memchr(data + start, '=', end - start);
                size_t name_end = eq != NULL ? (size_t)(eq - data) : end;
                size_t name_length, value_length;
                char *name, *value;

                if (end > start) {
                        name = decode(data + start, name_end - start, &name_length);
                        value = eq != NULL ? decode(eq + 1, end - name_end - 1, &value_length)
                                           : decode("", 0, &value_length);
                        if (name == NULL || value == NULL) {
                                free(name);
                                free(value);
                                web_form_free(out);
                                return -1;
                        }
                        if (!web_utf8_valid(name, name_length) ||
                            !web_utf8_valid(value, value_length) || name_length == 0) {
                                free(name);
                                free(value);
                        } else {
                                if (out->count == FIELDS_MAX) {
                                        free(name);
                                        free(value);
                                        web_form_free(out);
                                        return -1;
                                }
                                if (out->count == capacity) {
                                        size_t more = capacity > 0 ? capacity * 2 : 16;
                                        web_field *items =
                                            realloc(out->items, more * sizeof(*items));

                                        if (items == NULL) {
                                                free(name);
                                                free(value);
                                                web_form_free(out);
                                                return -1;
                                        }
                                        out->items = items;
                                        capacity = more;
                                }
                                out->items[out->count].name = name;
                                out->items[out->count].value = value;
                                out->count++;
                        }
                }
                if (amp == NULL)
                        break;
                start = end + 1;
        }
        return 0;
}

const char *web_form_get(const web_fields *fields, const char *name)
{
        size_t i;

        if (fields == NULL)
                return NULL;
        for (i = 0; i < fields->count; i++)
                if (strcmp(fields->items[i].name, name) == 0)
                        return fields->items[i].value;
        return NULL;
}

void web_form_free(web_fields *fields)
{
        size_t i;

        for (i = 0; i < fields->count; i++) {
                free(fields->items[i].name);
                free(fields->items[i].value);
        }
        free(fields->items);
        fields->items = NULL;
        fields->count = 0;
}

int web_cookie_get(const char *header, const char *name, char *out, size_t size)
{
        size_t name_length = strlen(name);
        const char *p = header;

        if (header == NULL || size == 0)
                return -1;
        while (*p != '\0') {
                const char *end;
                size_t length;

                while (*p == ' ' || *p == '\t' || *p == ';')
                        p++;
                end = strchr(p, ';');
                if (end == NULL)
                        end = p + strlen(p);
                if ((size_t)(end - p) > name_length && strncmp(p, name, name_length) == 0 &&
                    p[name_length] == '=') {
                        const char *value = p + name_length + 1;

                        length = (size_t)(end - value);
                        while (length > 0 &&
                               (value[length - 1] == ' ' || value[length - 1] == '\t'))
                                length--;
                        if (length >= size)
                                return -1;
                        memcpy(out, value, length);
                        out[length] = '\0';
                        return 0;
                }
                p = end;
        }
        return -1;
}
