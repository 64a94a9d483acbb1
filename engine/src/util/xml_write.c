/*
 * xml_write.c: a streaming XML writer over libxml2's xmlTextWriter (the only
 * module that includes libxml2).
 *
 * Every document the engine writes as XML goes through it: score documents,
 * the Observatoire XML, the XHTML pages with their SVG.  libxml2 escapes
 * text and attributes; the writer remembers a failed write and reports it
 * when the document is closed, so that callers write element after element
 * and check once.
 */
#include <libxml/xmlwriter.h>
#include <stdarg.h>
#include <string.h>

#include "util/cnum.h"
#include "util/xml_write.h"

static const xmlChar *X(const char *s)
{
        return (const xmlChar *)s;
}

struct mh__xw {
        xmlTextWriterPtr writer;
        int failed;
};

int mh__xw_open(mh__xw **out, FILE *stream, int declaration, const char *indent)
{
        xmlOutputBufferPtr buffer;
        mh__xw *w = mh__malloc(sizeof(*w));

        if (w == NULL)
                return MH_ENOMEM;
        memset(w, 0, sizeof(*w));
        if ((buffer = xmlOutputBufferCreateFile(stream, NULL)) == NULL) {
                mh__free(w);
                return MH_ENOMEM;
        }
        if ((w->writer = xmlNewTextWriter(buffer)) == NULL) {
                xmlOutputBufferClose(buffer);
                mh__free(w);
                return MH_ENOMEM;
        }
        xmlTextWriterSetIndent(w->writer, 1);
        xmlTextWriterSetIndentString(w->writer, X(indent));
        if (declaration && xmlTextWriterStartDocument(w->writer, "1.0", "UTF-8", NULL) < 0)
                w->failed = 1;
        *out = w;
        return 0;
}

void mh__xw_doctype_html(mh__xw *w)
{
        if (xmlTextWriterWriteDTD(w->writer, X("html"), NULL, NULL, NULL) < 0)
                w->failed = 1;
}

void mh__xw_start(mh__xw *w, const char *name)
{
        if (xmlTextWriterStartElement(w->writer, X(name)) < 0)
                w->failed = 1;
}

void mh__xw_start_ns(mh__xw *w, const char *name, const char *ns)
{
        if (xmlTextWriterStartElementNS(w->writer, NULL, X(name), X(ns)) < 0)
                w->failed = 1;
}

void mh__xw_attr(mh__xw *w, const char *name, const char *value)
{
        if (value != NULL && xmlTextWriterWriteAttribute(w->writer, X(name), X(value)) < 0)
                w->failed = 1;
}

/*
 * `fmt` formatted in the C locale: in `buf` when it fits (numbers, short
 * labels: the common case, with no allocation), else in `big`, so that a
 * long text is never cut (in the middle of a UTF-8 character, say).  NULL
 * when memory runs out, with the writer marked failed.
 */
static const char *format(mh__xw *w, char *buf, size_t size, mh__strbuf *big, const char *fmt,
                          va_list ap) MH_PRINTF(5, 0);
static const char *format(mh__xw *w, char *buf, size_t size, mh__strbuf *big, const char *fmt,
                          va_list ap)
{
        va_list copy;
        int n;

        va_copy(copy, ap);
        n = mh__vsnprintf_c(buf, size, fmt, copy);
        va_end(copy);
        if (n >= 0 && (size_t)n < size)
                return buf;
        mh__strbuf_vprintf(big, fmt, ap);
        if (n < 0 || big->failed) {
                w->failed = 1;
                return NULL;
        }
        return mh__strbuf_cstr(big);
}

void mh__xw_attrf(mh__xw *w, const char *name, const char *fmt, ...)
{
        mh__strbuf big = {NULL, 0, 0, 0};
        char buf[512];
        const char *text;
        va_list ap;

        va_start(ap, fmt);
        text = format(w, buf, sizeof(buf), &big, fmt, ap);
        va_end(ap);
        if (text != NULL)
                mh__xw_attr(w, name, text);
        mh__strbuf_free(&big);
}

void mh__xw_text(mh__xw *w, const char *text)
{
        if (text != NULL && xmlTextWriterWriteString(w->writer, X(text)) < 0)
                w->failed = 1;
}

void mh__xw_textf(mh__xw *w, const char *fmt, ...)
{
        mh__strbuf big = {NULL, 0, 0, 0};
        char buf[1024];
        const char *text;
        va_list ap;

        va_start(ap, fmt);
        text = format(w, buf, sizeof(buf), &big, fmt, ap);
        va_end(ap);
        if (text != NULL)
                mh__xw_text(w, text);
        mh__strbuf_free(&big);
}

void mh__xw_end(mh__xw *w)
{
        if (xmlTextWriterEndElement(w->writer) < 0)
                w->failed = 1;
}

void mh__xw_element(mh__xw *w, const char *name, const char *text)
{
        mh__xw_start(w, name);
        mh__xw_text(w, text);
        mh__xw_end(w);
}

int mh__xw_close(mh__xw *w)
{
        int failed;

        if (xmlTextWriterEndDocument(w->writer) < 0 || xmlTextWriterFlush(w->writer) < 0)
                w->failed = 1;
        failed = w->failed;
        xmlFreeTextWriter(w->writer);
        mh__free(w);
        return failed ? MH_EIO : 0;
}

int mh__xw_failed(const mh__xw *w)
{
        return w->failed;
}
