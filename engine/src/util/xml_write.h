/*
 * xml_write.h: a small streaming XML writer over libxml2's, for the
 * documents the engine builds element by element (score documents,
 * Observatoire XML, XHTML pages with SVG).  Errors are remembered and
 * reported by mh_xw_close().
 */
#ifndef MH_XML_WRITE_H
#define MH_XML_WRITE_H

#include <stdio.h>

#include "util/util.h"

typedef struct mh_xw mh_xw;

/**
 * `declaration`: start with <?xml version="1.0" encoding="UTF-8"?>;
 * `indent`: what one level of nesting is indented with.
 */
int mh_xw_open(mh_xw **out, FILE *stream, int declaration, const char *indent);
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
/** Nonzero once a write has failed (the document is then incomplete). */
int mh_xw_failed(const mh_xw *w);
/** Closes every open element, flushes and frees; returns 0 or MH_EIO. */
int mh_xw_close(mh_xw *w);

#endif
