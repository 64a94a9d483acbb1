/*
 * page.h: what the XHTML pages (the Observatoire's index.html and the
 * CISO's report) share: the base stylesheet, inline SVG primitives, and
 * French date and status formats (numbers: util/cnum.h).  Never installed.
 */
#ifndef MH_PAGE_H
#define MH_PAGE_H

#include <stddef.h>

#include "maturinh/evaluation.h"
#include "util/cnum.h"
#include "util/xml_write.h"

#define MH_XHTML_NS "http://www.w3.org/1999/xhtml"
#define MH_SVG_NS   "http://www.w3.org/2000/svg"

/** The stylesheet both pages start from (screen). */
extern const char mh__page_style[];

/** <svg> of this size in the SVG namespace, role img, with `label` as its accessible name. */
void mh__svg_start(mh__xw *w, double width, double height, const char *label);
void mh__svg_text(mh__xw *w, double x, double y, const char *anchor, const char *text);
void mh__svg_rect(mh__xw *w, double x, double y, double width, double height, const char *fill);
void mh__svg_line(mh__xw *w, double x1, double y1, double x2, double y2, const char *stroke,
                  double width);

/**
 * strcmp() in French alphabetical order: case, accents, spaces, hyphens and
 * apostrophes ignored first ("Île-de-France" between "Hauts-de-France" and
 * "La Réunion"), then byte order between names equal that way.
 */
int mh__fr_compare(const char *a, const char *b);
/**
 * "2025-06-30" as "30 juin 2025" ("1er" for the first of a month); text
 * that is not such a date is copied as it is.  Returns `buf`.
 */
char *mh__fr_date(char *buf, size_t size, const char *iso);
/**
 * A criterion's status as the pages show it, in French: "atteint",
 * "partiel", "non atteint", "manquant", "non applicable" (static).
 */
const char *mh__fr_status(mh_status status);

#endif
