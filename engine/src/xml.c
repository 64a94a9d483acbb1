/*
 * xml.c: scores as XML, through libxml2's streaming writer (xmlTextWriter).
 *
 * One <scores> document in the namespace urn:maturinh:score:1, one
 * <establishment> element per establishment written as it comes; numbers
 * are written by the engine in the C locale with 6 decimals (and the
 * one-decimal value people see); an undefined score is an absent attribute.
 * The shipped schema schemas/maturinh-score-1.xsd describes it, and the tests
 * validate every document against it.
 */
#include <libxml/xmlwriter.h>
#include <math.h>
#include <string.h>

#include "cnum.h"
#include "internal.h"
#include "referentiel_internal.h"
#include "xml.h"

struct mh_xml_scores {
        xmlTextWriterPtr writer; /* owns the output buffer */
        int failed;              /* a write failed */
};

static const xmlChar *X(const char *s)
{
        return (const xmlChar *)s;
}

static void attribute(mh_xml_scores *xml, const char *name, const char *value)
{
        if (value != NULL && xmlTextWriterWriteAttribute(xml->writer, X(name), X(value)) < 0)
                xml->failed = 1;
}

static void number_attribute(mh_xml_scores *xml, const char *name, double value, int decimals)
{
        char buf[64];

        if (isnan(value))
                return;
        mh_snprintf_c(buf, sizeof(buf), "%.*f", decimals, value);
        attribute(xml, name, buf);
}

static void integer_attribute(mh_xml_scores *xml, const char *name, unsigned long value)
{
        char buf[32];

        snprintf(buf, sizeof(buf), "%lu", value);
        attribute(xml, name, buf);
}

static void start(mh_xml_scores *xml, const char *name)
{
        if (xmlTextWriterStartElement(xml->writer, X(name)) < 0)
                xml->failed = 1;
}

static void end(mh_xml_scores *xml)
{
        if (xmlTextWriterEndElement(xml->writer) < 0)
                xml->failed = 1;
}

int mh_xml_scores_begin(mh_xml_scores **out, FILE *stream, const mh_referentiel *ref)
{
        xmlOutputBufferPtr buffer;
        mh_xml_scores *xml = mh_malloc(sizeof(*xml));

        if (xml == NULL)
                return MH_ENOMEM;
        memset(xml, 0, sizeof(*xml));
        if ((buffer = xmlOutputBufferCreateFile(stream, NULL)) == NULL) {
                mh_free(xml);
                return MH_ENOMEM;
        }
        if ((xml->writer = xmlNewTextWriter(buffer)) == NULL) {
                xmlOutputBufferClose(buffer);
                mh_free(xml);
                return MH_ENOMEM;
        }
        xmlTextWriterSetIndent(xml->writer, 1);
        xmlTextWriterSetIndentString(xml->writer, X("  "));
        if (xmlTextWriterStartDocument(xml->writer, "1.0", "UTF-8", NULL) < 0 ||
            xmlTextWriterStartElementNS(xml->writer, NULL, X("scores"), X(MH_XML_SCORE_NS)) < 0)
                xml->failed = 1;
        attribute(xml, "referentiel", ref->id);
        attribute(xml, "version", ref->version);
        attribute(xml, "sha256", ref->sha256);
        *out = xml;
        return xml->failed ? MH_EIO : 0;
}

int mh_xml_scores_add(mh_xml_scores *xml, const mh_referentiel *ref, const mh_establishment *est,
                      const mh_result *result, int detail)
{
        unsigned level = mh_result_level(result);
        size_t d, c;

        start(xml, "establishment");
        attribute(xml, "finess", mh_establishment_finess(est));
        attribute(xml, "name", mh_establishment_name(est));
        attribute(xml, "region", mh_establishment_region(est));
        attribute(xml, "category", mh_establishment_category(est));
        attribute(xml, "campaign", mh_establishment_campaign(est));
        attribute(xml, "reference-date", mh_establishment_reference_date(est));
        attribute(xml, "status",
                  mh_establishment_submission(est) == MH_SUBMISSION_SUBMITTED ? "submitted"
                                                                              : "draft");
        start(xml, "global");
        number_attribute(xml, "score", mh_result_global(result), 6);
        number_attribute(xml, "rounded", mh_round1(mh_result_global(result)), 1);
        integer_attribute(xml, "level", level);
        if (level > 0)
                attribute(xml, "level-label", mh_referentiel_level_label(ref, level, NULL));
        number_attribute(xml, "completeness", mh_result_completeness(result), 6);
        integer_attribute(xml, "priority-achieved", mh_result_priority_achieved(result));
        integer_attribute(xml, "priority-total", mh_result_priority_total(result));
        end(xml);
        for (d = 0; d < ref->n_domains; d++) {
                const struct mh_domain *domain = &ref->domains[d];
                double score = mh_result_domain_score(result, domain);

                start(xml, "domain");
                attribute(xml, "id", domain->id);
                number_attribute(xml, "score", score, 6);
                number_attribute(xml, "rounded", mh_round1(score), 1);
                for (c = 0; detail && c < domain->n_criteria; c++) {
                        const struct mh_criterion *crit = &domain->criteria[c];

                        start(xml, "criterion");
                        attribute(xml, "id", crit->id);
                        attribute(xml, "status",
                                  mh_status_name(mh_result_criterion_status(result, crit)));
                        number_attribute(xml, "score", mh_result_criterion_score(result, crit), 6);
                        end(xml);
                }
                end(xml);
        }
        end(xml);
        return xml->failed ? MH_EIO : 0;
}

int mh_xml_scores_end(mh_xml_scores *xml)
{
        if (xmlTextWriterEndDocument(xml->writer) < 0 || xmlTextWriterFlush(xml->writer) < 0)
                xml->failed = 1;
        return xml->failed ? MH_EIO : 0;
}

void mh_xml_scores_free(mh_xml_scores *xml)
{
        if (xml == NULL)
                return;
        xmlFreeTextWriter(xml->writer);
        mh_free(xml);
}

/* ---- A general writer --------------------------------------------------- */

struct mh_xw {
        xmlTextWriterPtr writer;
        int failed;
};

int mh_xw_open(mh_xw **out, FILE *stream, int declaration)
{
        xmlOutputBufferPtr buffer;
        mh_xw *w = mh_malloc(sizeof(*w));

        if (w == NULL)
                return MH_ENOMEM;
        memset(w, 0, sizeof(*w));
        if ((buffer = xmlOutputBufferCreateFile(stream, NULL)) == NULL) {
                mh_free(w);
                return MH_ENOMEM;
        }
        if ((w->writer = xmlNewTextWriter(buffer)) == NULL) {
                xmlOutputBufferClose(buffer);
                mh_free(w);
                return MH_ENOMEM;
        }
        xmlTextWriterSetIndent(w->writer, 1);
        xmlTextWriterSetIndentString(w->writer, X(" "));
        if (declaration && xmlTextWriterStartDocument(w->writer, "1.0", "UTF-8", NULL) < 0)
                w->failed = 1;
        *out = w;
        return 0;
}

void mh_xw_doctype_html(mh_xw *w)
{
        if (xmlTextWriterWriteDTD(w->writer, X("html"), NULL, NULL, NULL) < 0)
                w->failed = 1;
}

void mh_xw_start(mh_xw *w, const char *name)
{
        if (xmlTextWriterStartElement(w->writer, X(name)) < 0)
                w->failed = 1;
}

void mh_xw_start_ns(mh_xw *w, const char *name, const char *ns)
{
        if (xmlTextWriterStartElementNS(w->writer, NULL, X(name), X(ns)) < 0)
                w->failed = 1;
}

void mh_xw_attr(mh_xw *w, const char *name, const char *value)
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
static const char *format(mh_xw *w, char *buf, size_t size, mh_strbuf *big, const char *fmt,
                          va_list ap)
{
        va_list copy;
        int n;

        va_copy(copy, ap);
        n = mh_vsnprintf_c(buf, size, fmt, copy);
        va_end(copy);
        if (n >= 0 && (size_t)n < size)
                return buf;
        mh_strbuf_vprintf(big, fmt, ap);
        if (n < 0 || big->failed) {
                w->failed = 1;
                return NULL;
        }
        return mh_strbuf_cstr(big);
}

void mh_xw_attrf(mh_xw *w, const char *name, const char *fmt, ...)
{
        mh_strbuf big = {NULL, 0, 0, 0};
        char buf[512];
        const char *text;
        va_list ap;

        va_start(ap, fmt);
        text = format(w, buf, sizeof(buf), &big, fmt, ap);
        va_end(ap);
        if (text != NULL)
                mh_xw_attr(w, name, text);
        mh_strbuf_free(&big);
}

void mh_xw_text(mh_xw *w, const char *text)
{
        if (text != NULL && xmlTextWriterWriteString(w->writer, X(text)) < 0)
                w->failed = 1;
}

void mh_xw_textf(mh_xw *w, const char *fmt, ...)
{
        mh_strbuf big = {NULL, 0, 0, 0};
        char buf[1024];
        const char *text;
        va_list ap;

        va_start(ap, fmt);
        text = format(w, buf, sizeof(buf), &big, fmt, ap);
        va_end(ap);
        if (text != NULL)
                mh_xw_text(w, text);
        mh_strbuf_free(&big);
}

void mh_xw_end(mh_xw *w)
{
        if (xmlTextWriterEndElement(w->writer) < 0)
                w->failed = 1;
}

void mh_xw_element(mh_xw *w, const char *name, const char *text)
{
        mh_xw_start(w, name);
        mh_xw_text(w, text);
        mh_xw_end(w);
}

int mh_xw_close(mh_xw *w)
{
        int failed;

        if (xmlTextWriterEndDocument(w->writer) < 0 || xmlTextWriterFlush(w->writer) < 0)
                w->failed = 1;
        failed = w->failed;
        xmlFreeTextWriter(w->writer);
        mh_free(w);
        return failed ? MH_EIO : 0;
}
