/*
 * page.c: what the XHTML pages share (page.h): the base stylesheet, inline
 * SVG primitives, French date and status formats.
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "establishment_internal.h"
#include "util/cnum.h"
#include "page.h"

const char mh__page_style[] =
    "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:60em;color:#1a1a1a;"
    "line-height:1.45;padding:0 1em}"
    "h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ccc}"
    "table{border-collapse:collapse;width:100%}th,td{padding:.3em .5em;"
    "border-bottom:1px solid #e5e5e5;text-align:left}td.n,th.n{text-align:right}"
    ".meta{color:#555;font-size:.9em}.note{color:#555;font-size:.9em}"
    "svg text{font-size:12px;font-family:system-ui,sans-serif}";

/* <svg> with a width and height, in the SVG namespace. */
void mh__svg_start(mh__xw *w, double width, double height, const char *label)
{
        mh__xw_start_ns(w, "svg", MH_SVG_NS);
        mh__xw_attrf(w, "width", "%.0f", width);
        mh__xw_attrf(w, "height", "%.0f", height);
        mh__xw_attrf(w, "viewBox", "0 0 %.0f %.0f", width, height);
        mh__xw_attr(w, "role", "img");
        mh__xw_attr(w, "aria-label", label);
}

void mh__svg_text(mh__xw *w, double x, double y, const char *anchor, const char *text)
{
        mh__xw_start(w, "text");
        mh__xw_attrf(w, "x", "%.1f", x);
        mh__xw_attrf(w, "y", "%.1f", y);
        if (anchor != NULL)
                mh__xw_attr(w, "text-anchor", anchor);
        mh__xw_text(w, text);
        mh__xw_end(w);
}

void mh__svg_rect(mh__xw *w, double x, double y, double width, double height, const char *fill)
{
        mh__xw_start(w, "rect");
        mh__xw_attrf(w, "x", "%.1f", x);
        mh__xw_attrf(w, "y", "%.1f", y);
        mh__xw_attrf(w, "width", "%.1f", width);
        mh__xw_attrf(w, "height", "%.1f", height);
        mh__xw_attr(w, "fill", fill);
        mh__xw_end(w);
}

void mh__svg_line(mh__xw *w, double x1, double y1, double x2, double y2, const char *stroke,
                  double width)
{
        mh__xw_start(w, "line");
        mh__xw_attrf(w, "x1", "%.1f", x1);
        mh__xw_attrf(w, "y1", "%.1f", y1);
        mh__xw_attrf(w, "x2", "%.1f", x2);
        mh__xw_attrf(w, "y2", "%.1f", y2);
        mh__xw_attr(w, "stroke", stroke);
        mh__xw_attrf(w, "stroke-width", "%.1f", width);
        mh__xw_end(w);
}

/*
 * The next letter of `*s` for French collation at the first level: ASCII
 * letters and digits lowercased, the accented letters of French as their
 * base letter (written into `out`, "oe" for œ), 0 at the end; spaces,
 * hyphens and apostrophes are skipped.  Other bytes compare as they are.
 */
static size_t fold_next(const unsigned char **s, char out[2])
{
        static const struct {
                const char *utf8, *base;
        } accents[] = {{"à", "a"}, {"â", "a"}, {"ä", "a"},  {"À", "a"},  {"Â", "a"},  {"Ä", "a"},
                       {"ç", "c"}, {"Ç", "c"}, {"é", "e"},  {"è", "e"},  {"ê", "e"},  {"ë", "e"},
                       {"É", "e"}, {"È", "e"}, {"Ê", "e"},  {"Ë", "e"},  {"î", "i"},  {"ï", "i"},
                       {"Î", "i"}, {"Ï", "i"}, {"ô", "o"},  {"ö", "o"},  {"Ô", "o"},  {"Ö", "o"},
                       {"ù", "u"}, {"û", "u"}, {"ü", "u"},  {"Ù", "u"},  {"Û", "u"},  {"Ü", "u"},
                       {"ÿ", "y"}, {"Ÿ", "y"}, {"œ", "oe"}, {"Œ", "oe"}, {"æ", "ae"}, {"Æ", "ae"},
                       {"’", ""}};
        size_t i, n;

        for (;;) {
                const unsigned char *p = *s;

                if (*p == '\0')
                        return 0;
                if (*p == ' ' || *p == '-' || *p == '\'') {
                        (*s)++;
                        continue;
                }
                if (*p < 0x80) {
                        out[0] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
                        (*s)++;
                        return 1;
                }
                for (i = 0; i < sizeof(accents) / sizeof(accents[0]); i++) {
                        n = strlen(accents[i].utf8);
                        if (strncmp((const char *)p, accents[i].utf8, n) == 0) {
                                *s += n;
                                if ((n = strlen(accents[i].base)) == 0)
                                        break; /* an apostrophe: skipped */
                                memcpy(out, accents[i].base, n);
                                return n;
                        }
                }
                if (i < sizeof(accents) / sizeof(accents[0]))
                        continue;
                out[0] = (char)*p;
                (*s)++;
                return 1;
        }
}

int mh__fr_compare(const char *a, const char *b)
{
        const unsigned char *pa = (const unsigned char *)a, *pb = (const unsigned char *)b;
        char ca[2], cb[2];
        size_t na = 0, nb = 0, ia = 0, ib = 0;

        for (;;) {
                if (ia == na) {
                        na = fold_next(&pa, ca);
                        ia = 0;
                }
                if (ib == nb) {
                        nb = fold_next(&pb, cb);
                        ib = 0;
                }
                if (na == 0 || nb == 0)
                        break;
                if (ca[ia] != cb[ib])
                        return (unsigned char)ca[ia] < (unsigned char)cb[ib] ? -1 : 1;
                ia++;
                ib++;
        }
        if (na != nb)
                return na == 0 ? -1 : 1;
        return strcmp(a, b); /* equal without accents: a total order all the same */
}

char *mh__fr_date(char *buf, size_t size, const char *iso)
{
        static const char *const months[] = {"janvier",   "février", "mars",     "avril",
                                             "mai",       "juin",    "juillet",  "août",
                                             "septembre", "octobre", "novembre", "décembre"};
        char why[64];
        long days;
        unsigned year, month, day;

        if (size == 0)
                return buf;
        /* the answers' own date check: ten characters, a calendar date */
        if (iso == NULL || mh__parse_date(iso, &days, why, sizeof(why)) != MH__DATE_OK) {
                mh__snprintf_text(buf, size, "%s", iso != NULL ? iso : "");
                return buf;
        }
        year = (unsigned)((iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 +
                          (iso[3] - '0'));
        month = (unsigned)((iso[5] - '0') * 10 + (iso[6] - '0'));
        day = (unsigned)((iso[8] - '0') * 10 + (iso[9] - '0'));
        mh__snprintf_text(buf, size, "%u%s %s %u", day, day == 1 ? "er" : "", months[month - 1],
                          year);
        return buf;
}

const char *mh__fr_status(mh_status status)
{
        switch (status) {
        case MH_STATUS_ACHIEVED:
                return "atteint";
        case MH_STATUS_PARTIAL:
                return "partiel";
        case MH_STATUS_NOT_ACHIEVED:
                return "non atteint";
        case MH_STATUS_MISSING:
                return "manquant";
        case MH_STATUS_NOT_APPLICABLE:
                break;
        }
        return "non applicable";
}
