/*
 * xml.h: XML output (the only module that includes libxml2).
 */
#ifndef MH_XML_H
#define MH_XML_H

#include <stdio.h>

#include "internal.h"
#include "maturinh/evaluation.h"

/** The namespace of score documents (schemas/maturinh-score-1.xsd). */
#define MH_XML_SCORE_NS "urn:maturinh:score:1"

typedef struct mh_xml_scores mh_xml_scores;

int mh_xml_scores_begin(mh_xml_scores **out, FILE *stream, const mh_referentiel *ref);
int mh_xml_scores_add(mh_xml_scores *xml, const mh_referentiel *ref, const mh_establishment *est,
                      const mh_result *result, int detail);
/** Closes the document and flushes it; the writer stays to be freed. */
int mh_xml_scores_end(mh_xml_scores *xml);
void mh_xml_scores_free(mh_xml_scores *xml);

#endif

/*
 * A small streaming XML writer over libxml2's, for the documents the engine
 * builds element by element (Observatoire XML, XHTML pages with SVG).
 * Errors are remembered and reported by mh_xw_close().
 */
typedef struct mh_xw mh_xw;

/** `declaration`: start with <?xml version="1.0" encoding="UTF-8"?>. */
int mh_xw_open(mh_xw **out, FILE *stream, int declaration);
void mh_xw_doctype_html(mh_xw *w);
void mh_xw_start(mh_xw *w, const char *name);
/** An element declaring `ns` as the default namespace. */
void mh_xw_start_ns(mh_xw *w, const char *name, const char *ns);
void mh_xw_attr(mh_xw *w, const char *name, const char *value);
void mh_xw_attrf(mh_xw *w, const char *name, const char *fmt, ...) MH_PRINTF(3, 4);
void mh_xw_text(mh_xw *w, const char *text);
void mh_xw_textf(mh_xw *w, const char *fmt, ...) MH_PRINTF(2, 3);
void mh_xw_end(mh_xw *w);
/** <name>text</name> */
void mh_xw_element(mh_xw *w, const char *name, const char *text);
/** Closes every open element, flushes and frees; returns 0 or MH_EIO. */
int mh_xw_close(mh_xw *w);
