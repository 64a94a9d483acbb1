/*
 * csv_read.c: an RFC 4180 reader that knows where every field starts.
 *
 * Fields are separated by commas; a field may be quoted with double quotes,
 * inside which commas, line breaks and doubled quotes ("") are data.
 * Records end with LF or CRLF, and a CRLF inside a quoted field is read as
 * a line feed (what a spreadsheet saved on Windows writes for a line break
 * in a cell).  A UTF-8 byte order mark at the very start is
 * skipped.  Every field keeps its line and column, so that an error in an
 * ARS analyst's spreadsheet export is reported where it is.  It is small
 * enough to own: the CSV libraries packaged for Debian do not report
 * positions, which is what users need most.
 */
#include <string.h>

#include "util/csv_read.h"
#include "util/text.h"

struct mh__csv_reader {
        FILE *file;
        const char *source;
        mh_diagnostics *diags;
        unsigned line, column; /* position of the next character */
        int started;           /* the BOM check was done */
        int pending;           /* a character read ahead, or EOF; -2 when none */
        mh__csv_field fields[MH_CSV_MAX_FIELDS];
        mh__strbuf text[MH_CSV_MAX_FIELDS];
};

int mh__csv_reader_new(mh__csv_reader **out, FILE *file, const char *source, mh_diagnostics *diags)
{
        mh__csv_reader *reader = mh__malloc(sizeof(*reader));

        if (reader == NULL)
                return MH_ENOMEM;
        memset(reader, 0, sizeof(*reader));
        reader->file = file;
        reader->source = source;
        reader->diags = diags;
        reader->line = 1;
        reader->column = 1;
        reader->pending = -2;
        *out = reader;
        return 0;
}

void mh__csv_reader_free(mh__csv_reader *reader)
{
        size_t i;

        if (reader == NULL)
                return;
        for (i = 0; i < MH_CSV_MAX_FIELDS; i++)
                mh__strbuf_free(&reader->text[i]);
        mh__free(reader);
}

static int peek(mh__csv_reader *reader)
{
        if (reader->pending == -2)
                reader->pending = fgetc(reader->file);
        return reader->pending;
}

/* Takes the next character, keeping line and column (in characters). */
static int take(mh__csv_reader *reader)
{
        int c = peek(reader);

        reader->pending = -2;
        if (c == '\n') {
                reader->line++;
                reader->column = 1;
        } else if (c != EOF && (c & 0xC0) != 0x80) {
                reader->column++;
        }
        return c;
}

static void append(mh__strbuf *buf, int c)
{
        mh__strbuf_putc(buf, (char)c);
}

int mh__csv_reader_next(mh__csv_reader *reader, mh__csv_field **fields, size_t *count)
{
        size_t n = 0;
        int c;

        if (!reader->started) {
                reader->started = 1;
                if (peek(reader) == 0xEF) {
                        take(reader);
                        if (take(reader) != 0xBB || take(reader) != 0xBF) {
                                mh__diag_add(reader->diags, reader->source, 1, 1,
                                             "invalid UTF-8 at the start of the file");
                                return MH_EINVALID;
                        }
                        reader->column = 1;
                }
        }
        /* skip empty lines */
        while ((c = peek(reader)) == '\n' || c == '\r')
                take(reader);
        if (c == EOF)
                return ferror(reader->file) ? MH_EIO : 0;
        for (;;) {
                mh__csv_field *field;
                mh__strbuf *buf;

                if (n == MH_CSV_MAX_FIELDS) {
                        mh__diag_add(reader->diags, reader->source, reader->line, reader->column,
                                     "too many fields in this record (at most %d)",
                                     MH_CSV_MAX_FIELDS);
                        return MH_EINVALID;
                }
                field = &reader->fields[n];
                buf = &reader->text[n];
                mh__strbuf_clear(buf);
                mh__strbuf_reserve(buf); /* an empty field is "", not NULL */
                field->line = reader->line;
                field->column = reader->column;
                if (peek(reader) == '"') {
                        take(reader);
                        for (;;) {
                                c = take(reader);
                                if (c == EOF) {
                                        mh__diag_add(reader->diags, reader->source, field->line,
                                                     field->column,
                                                     "this quoted field is never closed");
                                        return MH_EINVALID;
                                }
                                if (c == '"') {
                                        if (peek(reader) != '"')
                                                break;
                                        take(reader);
                                }
                                if (c == '\r' && peek(reader) == '\n')
                                        continue; /* CRLF in a quoted field is a line break */
                                append(buf, c);
                                if (buf->length > MH_CSV_MAX_FIELD)
                                        goto too_long;
                        }
                        c = peek(reader);
                        if (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                                mh__diag_add(reader->diags, reader->source, reader->line,
                                             reader->column,
                                             "unexpected character after a quoted field: a "
                                             "quote inside a field must be doubled (\"\")");
                                return MH_EINVALID;
                        }
                } else {
                        while ((c = peek(reader)) != ',' && c != '\n' && c != '\r' && c != EOF) {
                                if (c == '"') {
                                        mh__diag_add(reader->diags, reader->source, reader->line,
                                                     reader->column,
                                                     "a quote inside an unquoted field: quote the "
                                                     "whole field and double the quote");
                                        return MH_EINVALID;
                                }
                                append(buf, take(reader));
                                if (buf->length > MH_CSV_MAX_FIELD)
                                        goto too_long;
                        }
                }
                if (buf->failed)
                        return MH_ENOMEM;
                if (!mh__utf8_valid(buf->data, buf->length)) {
                        mh__diag_add(reader->diags, reader->source, field->line, field->column,
                                     "this field is not valid UTF-8 text (save the file as "
                                     "UTF-8)");
                        return MH_EINVALID;
                }
                field->text = buf->data;
                n++;
                c = take(reader);
                if (c == ',')
                        continue;
                if (c == '\r') {
                        if (peek(reader) == '\n')
                                take(reader);
                        else {
                                reader->line++;
                                reader->column = 1;
                        }
                }
                break;
        }
        *fields = reader->fields;
        *count = n;
        return 1;
too_long:
        mh__diag_add(reader->diags, reader->source, reader->line, reader->column,
                     "field longer than %d bytes", MH_CSV_MAX_FIELD);
        return MH_EINVALID;
}
