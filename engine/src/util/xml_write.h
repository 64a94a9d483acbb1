/*
 * xml_write.h: a small streaming XML writer over libxml2's, for the
 * documents the engine builds element by element (score documents,
 * Observatoire XML, XHTML pages with SVG).  Errors are remembered and
 * reported by mh__xw_close().
 */
#ifndef MH_XML_WRITE_H
#define MH_XML_WRITE_H

#include <stdio.h>

#include "util/util.h"

typedef struct mh__xw mh__xw;

/**
 * `declaration`: start with <?xml version="1.0" encoding="UTF-8"?>;
 * `indent`: what one level of nesting is indented with.
 */
int mh__xw_open(mh__xw **out, FILE *stream, int declaration, const char *indent);
void mh__xw_doctype_html(mh__xw *w);
void mh__xw_start(mh__xw *w, const char *name);
/** An element declaring `ns` as the default namespace. */
void mh__xw_start_ns(mh__xw *w, const char *name, const char *ns);
void mh__xw_attr(mh__xw *w, const char *name, const char *value);
void mh__xw_attrf(mh__xw *w, const char *name, const char *fmt, ...) MH_PRINTF(3, 4);
void mh__xw_text(mh__xw *w, const char *text);
void mh__xw_textf(mh__xw *w, const char *fmt, ...) MH_PRINTF(2, 3);
void mh__xw_end(mh__xw *w);
/** <name>text</name> */
void mh__xw_element(mh__xw *w, const char *name, const char *text);
/** Nonzero once a write has failed (the document is then incomplete). */
int mh__xw_failed(const mh__xw *w);
/** Closes every open element, flushes and frees; returns 0 or MH_EIO. */
int mh__xw_close(mh__xw *w);

#endif
