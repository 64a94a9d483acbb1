/*
 * observatoire_page.c: index.html, the Observatoire's public page.
 *
 * One self-contained XHTML page in French (no network, no script), for
 * journalists and the public: the palmarès, then participation, scores,
 * maturity levels and public criteria as inline SVG charts, each followed
 * by a table of its figures (for screen readers and for those who would
 * rather read numbers), the detail of every group, and the method at the
 * end (who is eligible, who is named, the disclosure control, the
 * référentiel's SHA-256).
 *
 * Every figure comes from the same ranking and mh__observatoire groups as
 * palmares.csv, observatoire.csv and observatoire.xml: nothing is
 * recomputed here, and a cell the disclosure control left empty (NaN, or a
 * suppressed group) is written "non publié", never as a zero.  The only
 * derived figure is the response rate, n_submitted / n_establishments,
 * from counts that are published for every group.  Numbers and dates are
 * written the French way (page.h); the machine files keep the C locale.
 *
 * Charts are drawn in a 480-unit-wide viewBox and scale down with the
 * window (max-width: 100%).  Labels are wrapped so that none overflows its
 * chart: a label's width is estimated from an upper bound of each
 * character's advance in DejaVu Sans, the widest of the usual sans-serif
 * faces, and never under 0.6 em a character (tests/cli/test_cli_page.sh
 * checks both, and measures the labels in Chromium when it is there).
 * Regions are listed in French alphabetical order of their names.
 *
 * Two habits of libxml2's writer shape the markup.  It indents, breaking
 * the line around an element written inside text: an inline element here
 * is never followed by punctuation.  It writes an empty element as <x/>,
 * which an HTML parser leaves open: no HTML element here is empty.
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "establishment_internal.h"
#include "maturinh/categories.h"
#include "maturinh/publication.h"
#include "page.h"
#include "util/cnum.h"
#include "util/text.h"
#include "publish_internal.h"
#include "referentiel_internal.h"

/* ---- Text that fits ----------------------------------------------------- */

#define CHART_WIDTH 480.0 /* the viewBox width of every chart */
#define FONT_PX     "15"  /* the size of every chart text, in the stylesheet */
#define FONT_SIZE   15.0  /* the same, for widths */
#define LINE_HEIGHT 20.0
#define MIN_EM      0.6 /* the least width counted for a character, in em */
#define MAX_LINES   12
#define LINE_BYTES  512

/* The next code point of UTF-8 text (a stray byte counts as one). */
static unsigned next_code_point(const char **s)
{
        const unsigned char *p = (const unsigned char *)*s;
        unsigned c = *p, n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0, i;

        if (n > 0)
                c &= 0x3Fu >> n;
        for (i = 1; i <= n && (p[i] & 0xC0) == 0x80; i++)
                c = (c << 6) | (p[i] & 0x3F);
        *s += i;
        return c;
}

/* An upper bound of a character's advance in DejaVu Sans, in em, never under MIN_EM. */
static double char_em(unsigned c)
{
        if (c == 'm' || c == 'w' || c == 'M' || c == 'W' || c == '%' || c == '@' || c == 0x2014 ||
            c == 0x2026 || c == 0x152 || c == 0x153 || c == 0xC6 || c == 0xE6 ||
            (c > 0x1000 && mh__char_width((long)c) == 2))
                return 1.0; /* m w M W % @ — … Œ œ Æ æ, wide characters and emoji */
        if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE) || c == '&')
                return 0.8;
        return MIN_EM;
}

static double text_width(const char *text, size_t length)
{
        const char *p = text, *end = text + length;
        double em = 0;

        while (p < end && *p != '\0')
                em += char_em(next_code_point(&p));
        return em * FONT_SIZE;
}

struct lines {
        size_t n;
        char line[MAX_LINES][LINE_BYTES];
};

static void add_line(struct lines *out, const char *text, size_t length)
{
        if (out->n == MAX_LINES)
                return;
        while (length > 0 && text[length - 1] == ' ')
                length--;
        if (length >= LINE_BYTES) { /* on a whole character */
                length = LINE_BYTES - 1;
                while (length > 0 && ((unsigned char)text[length] & 0xC0) == 0x80)
                        length--;
        }
        memcpy(out->line[out->n], text, length);
        out->line[out->n][length] = '\0';
        out->n++;
}

/*
 * `text` cut into lines no wider than `width` at its spaces (a word wider
 * than a line is cut between characters).  Beyond MAX_LINES the last line
 * ends in "…", still within the width.
 */
static void wrap(struct lines *out, const char *text, double width)
{
        const char *start = text, *p;

        out->n = 0;
        while (*start == ' ')
                start++;
        while (*start != '\0' && out->n < MAX_LINES) {
                const char *fit = NULL, *q = start;

                /* the longest run of whole words from start that fits */
                for (p = start;; p++) {
                        if (*p == ' ' || *p == '\0') {
                                if (text_width(start, (size_t)(p - start)) > width)
                                        break;
                                fit = p;
                                if (*p == '\0')
                                        break;
                        }
                }
                if (fit == NULL) { /* one word wider than the line: as many characters as fit */
                        for (p = start; *p != '\0';) {
                                const char *after = p;

                                next_code_point(&after);
                                if (text_width(start, (size_t)(after - start)) > width)
                                        break;
                                p = after;
                        }
                        if (p == start) /* not even one character: that one, whole */
                                next_code_point(&p);
                        fit = p;
                }
                if (out->n == MAX_LINES - 1 && *fit != '\0') {
                        char last[LINE_BYTES];
                        size_t length =
                            strlen(start) < LINE_BYTES - 4 ? strlen(start) : LINE_BYTES - 4;

                        memcpy(last, start, length);
                        memcpy(last + length, "…", 4);
                        while (length > 0 && text_width(last, length + 3) > width) {
                                while (length > 0 &&
                                       ((unsigned char)last[length - 1] & 0xC0) == 0x80)
                                        length--;
                                if (length > 0)
                                        length--;
                                memcpy(last + length, "…", 4);
                        }
                        add_line(out, last, length + 3);
                        return;
                }
                add_line(out, start, (size_t)(fit - start));
                for (q = fit; *q == ' ';)
                        q++;
                start = q;
        }
}

/* ---- Charts --------------------------------------------------------------- */

static void chart_start(mh__xw *w, double height, const char *label)
{
        mh__svg_start(w, CHART_WIDTH, height, label);
        mh__xw_attr(w, "class", "chart");
}

/* The lines of `text` wrapped to `width`, the first baseline at y. */
static void chart_label(mh__xw *w, const struct lines *lines, double x, double y)
{
        size_t i;

        for (i = 0; i < lines->n; i++)
                mh__svg_text(w, x, y + LINE_HEIGHT * (double)i, NULL, lines->line[i]);
}

struct bar {
        const char *label; /* wrapped above the bar */
        double value;      /* NaN: not published */
        const char *text;  /* the value as written beside the bar */
};

/*
 * Horizontal bars, each under its label (the full width of the chart, so
 * that it also reads on a phone); values in [0, max], NaN drawn as "non
 * publié" in an empty track.
 */
static int bar_chart(mh__xw *w, const char *aria_label, const struct bar *bars, size_t n,
                     double max)
{
        const double x0 = 2, bar_end = CHART_WIDTH - 90, bar_height = 14;
        struct lines *lines = mh__malloc(n * sizeof(*lines) + 1);
        double height = 6, y;
        size_t i;

        if (lines == NULL)
                return MH_ENOMEM;
        for (i = 0; i < n; i++) {
                wrap(&lines[i], bars[i].label, CHART_WIDTH - x0 - 2);
                height += LINE_HEIGHT * (double)lines[i].n + bar_height + 14;
        }
        chart_start(w, height, aria_label);
        for (i = 0, y = 0; i < n; i++) {
                double top = y + LINE_HEIGHT * (double)lines[i].n + 2;

                chart_label(w, &lines[i], x0, y + 14);
                mh__svg_rect(w, x0, top, bar_end - x0, bar_height, "#eeeeee");
                if (isnan(bars[i].value)) {
                        mh__svg_text(w, x0 + 6, top + 12, NULL, "non publié");
                } else {
                        double length = max > 0 ? (bar_end - x0) * bars[i].value / max : 0;

                        if (length > 0)
                                mh__svg_rect(w, x0, top, length, bar_height, "#2a6f97");
                        mh__svg_text(w, bar_end + 6, top + 12, NULL, bars[i].text);
                }
                y = top + bar_height + 12;
        }
        mh__xw_end(w);
        mh__free(lines);
        return 0;
}

/* ---- The page ------------------------------------------------------------ */

struct page {
        const mh_population *pop;
        const mh_referentiel *ref;
        const struct mh__observatoire *obs;
        const mh_ranking *ranking;
        mh__xw *w;
        const struct mh__group *nation;
        const struct mh__group **regions; /* the regions' groups, in French alphabetical order */
        size_t n_regions;
        size_t n_named;
        int nomem; /* an allocation failed: the page is incomplete */
};

/* Text for an element: never empty (an empty HTML element would be written <x/>). */
static const char *nonempty(const char *text)
{
        return text != NULL && text[0] != '\0' ? text : "—";
}

static void element_class(mh__xw *w, const char *name, const char *cls, const char *text)
{
        mh__xw_start(w, name);
        mh__xw_attr(w, "class", cls);
        mh__xw_text(w, nonempty(text));
        mh__xw_end(w);
}

static void heading(mh__xw *w, const char *name, const char *id, const char *text)
{
        mh__xw_start(w, name);
        mh__xw_attr(w, "id", id);
        mh__xw_text(w, text);
        mh__xw_end(w);
}

static const char *category_label(const char *code, char *buf, size_t size)
{
        const char *label = mh_category_label(code);

        if (label != NULL)
                return label;
        mh__snprintf_text(buf, size, "catégorie FINESS %s", code);
        return buf;
}

static const char *level_label(const mh_referentiel *ref, unsigned level, char *buf, size_t size)
{
        const char *label = mh_referentiel_level_label(ref, level, NULL); /* 0: the one wording */

        mh__snprintf_text(buf, size, "%u — %s", level, label != NULL ? label : "");
        return buf;
}

static const char *group_name(const struct mh__group *g)
{
        return g->region == NULL ? "France entière" : mh__region_name(g->region);
}

/* What a suppressed group shows instead of its figures. */
static void reason_text(const struct page *p, const struct mh__group *g, char *buf, size_t size)
{
        if (g->n_eligible == 0)
                mh__snprintf_text(buf, size, "non publié (aucun établissement éligible)");
        else if (g->n_eligible < p->ref->min_cell_size)
                mh__snprintf_text(buf, size, "non publié (moins de %u éligibles)",
                                  p->ref->min_cell_size);
        else
                mh__snprintf_text(buf, size, "non publié (secret statistique)");
}

/* A table's header row: class "n" (numbers, to the right) where `numbers` has an 'n'. */
static void table_head(mh__xw *w, const char *const *columns, const char *numbers)
{
        size_t i;

        mh__xw_start(w, "thead");
        mh__xw_start(w, "tr");
        for (i = 0; columns[i] != NULL; i++) {
                mh__xw_start(w, "th");
                mh__xw_attr(w, "scope", "col");
                if (i < strlen(numbers) && numbers[i] == 'n')
                        mh__xw_attr(w, "class", "n");
                mh__xw_text(w, columns[i]);
                mh__xw_end(w);
        }
        mh__xw_end(w);
        mh__xw_end(w);
}

static void table_start(mh__xw *w, const char *caption, const char *const *columns,
                        const char *numbers)
{
        mh__xw_start(w, "div");
        mh__xw_attr(w, "class", "scroll");
        mh__xw_start(w, "table");
        if (caption != NULL)
                mh__xw_element(w, "caption", caption);
        table_head(w, columns, numbers);
        mh__xw_start(w, "tbody");
}

static void table_end(mh__xw *w)
{
        mh__xw_end(w); /* tbody */
        mh__xw_end(w); /* table */
        mh__xw_end(w); /* div */
}

static void row_header(mh__xw *w, const char *text)
{
        mh__xw_start(w, "th");
        mh__xw_attr(w, "scope", "row");
        mh__xw_text(w, nonempty(text));
        mh__xw_end(w);
}

static void cell(mh__xw *w, const char *text)
{
        mh__xw_element(w, "td", nonempty(text));
}

static void count_cell(mh__xw *w, size_t n)
{
        char buf[64];

        element_class(w, "td", "n", mh__fr_count(buf, sizeof(buf), n));
}

/* A published number, or "non publié" (never a zero) where the cell is empty. */
static void number_cell(mh__xw *w, double value, int percent)
{
        char buf[64];

        if (isnan(value))
                element_class(w, "td", "n np", "non publié");
        else if (percent)
                element_class(w, "td", "n", mh__fr_percent(buf, sizeof(buf), value, 1));
        else
                element_class(w, "td", "n", mh__fr_number(buf, sizeof(buf), value, 1));
}

/* A published statistic of a group: NaN when the group is suppressed. */
static double stat(const struct mh__group *g, double value)
{
        return g->suppressed ? (double)NAN : value;
}

/* The <details> holding the table of a chart's figures. */
static void data_start(mh__xw *w)
{
        mh__xw_start(w, "details");
        mh__xw_attr(w, "class", "data");
        mh__xw_element(w, "summary", "Les chiffres de ce graphique");
}

/* A chart's section: its heading, introduction and chart are kept on one printed page. */
static void keep_start(mh__xw *w, const char *id, const char *title)
{
        mh__xw_start(w, "section");
        mh__xw_start(w, "div");
        mh__xw_attr(w, "class", "keep");
        heading(w, "h2", id, title);
}

static void intro(mh__xw *w, const char *text)
{
        element_class(w, "p", "intro", text);
}

/* ---- Sections ------------------------------------------------------------ */

static void section_header(struct page *p, const mh_publish_options *options)
{
        mh__xw *w = p->w;
        const struct mh__group *n = p->nation;
        char a[64], b[64], c[64], d[64];
        static const char *const sections[][2] = {{"#palmares", "Au rendez-vous"},
                                                  {"#participation", "Participation"},
                                                  {"#scores", "Scores par région"},
                                                  {"#niveaux", "Niveaux de maturité"},
                                                  {"#criteres", "Critères publics"},
                                                  {"#detail", "Détail par région"},
                                                  {"#methode", "Méthode"}};
        static const char *const files[][2] = {
            {"palmares.csv", "le palmarès (CSV)"},
            {"observatoire.csv", "les chiffres de chaque groupe (CSV)"},
            {"observatoire.xml", "le palmarès et les mêmes chiffres (XML)"}};
        size_t i;

        mh__xw_start(w, "header");
        mh__xw_element(w, "h1",
                       p->ref->sector == MH_SECTOR_MEDICO_SOCIAL
                           ? "Observatoire de la maturité cybersécurité des établissements et "
                             "services médico-sociaux"
                           : "Observatoire de la maturité cybersécurité des établissements de "
                             "santé");
        mh__xw_start(w, "p");
        mh__xw_attr(w, "class", "meta");
        mh__xw_textf(w, "Campagne %s · référentiel « %s », version %s",
                     mh_population_campaign(p->pop), mh_referentiel_title(p->ref, NULL),
                     p->ref->version);
        if (options != NULL && options->date != NULL)
                mh__xw_textf(w, " · publié le %s", mh__fr_date(a, sizeof(a), options->date));
        mh__xw_end(w);

        mh__xw_start(w, "p");
        mh__xw_attr(w, "class", "lead");
        mh__xw_textf(
            w,
            "La campagne compte %s établissements : %s ont soumis leur questionnaire, dont %s "
            "sont éligibles (questionnaire soumis et complet).",
            mh__fr_count(a, sizeof(a), n->n_establishments),
            mh__fr_count(b, sizeof(b), n->n_submitted), mh__fr_count(c, sizeof(c), n->n_eligible));
        if (!n->suppressed)
                mh__xw_textf(w, " Leur score global moyen est de %s sur 100 (médiane %s).",
                             mh__fr_number(a, sizeof(a), n->mean, 1),
                             mh__fr_number(b, sizeof(b), n->median, 1));
        if (p->n_named == 0)
                mh__xw_textf(w, " Aucun n'est au rendez-vous cette année.");
        else if (p->n_named == 1)
                mh__xw_textf(w, " Un établissement est au rendez-vous et nommé ci-dessous.");
        else
                mh__xw_textf(w, " %s établissements sont au rendez-vous et nommés ci-dessous.",
                             mh__fr_count(d, sizeof(d), p->n_named));
        mh__xw_end(w);

        mh__xw_start(w, "nav");
        mh__xw_attr(w, "aria-label", "Sommaire");
        mh__xw_start(w, "ul");
        for (i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
                mh__xw_start(w, "li");
                mh__xw_start(w, "a");
                mh__xw_attr(w, "href", sections[i][0]);
                mh__xw_text(w, sections[i][1]);
                mh__xw_end(w);
                mh__xw_end(w);
        }
        mh__xw_end(w);
        mh__xw_end(w);

        mh__xw_start(w, "div");
        mh__xw_attr(w, "class", "files");
        mh__xw_element(w, "p", "Les données, à télécharger (mêmes chiffres que cette page) :");
        mh__xw_start(w, "ul");
        for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
                mh__xw_start(w, "li");
                mh__xw_start(w, "a");
                mh__xw_attr(w, "href", files[i][0]);
                mh__xw_attr(w, "type", i < 2 ? "text/csv" : "application/xml");
                mh__xw_text(w, files[i][0]);
                mh__xw_end(w);
                mh__xw_textf(w, " — %s", files[i][1]);
                mh__xw_end(w);
        }
        mh__xw_end(w);
        mh__xw_end(w);
        mh__xw_end(w); /* header */
}

/* A threshold as the text says it: "80", or "80,5" when it has a fraction. */
static int threshold_decimals(double value)
{
        return fabs(value - floor(value + 0.5)) < 1e-9 ? 0 : 1;
}

static const char *threshold(char *buf, size_t size, double value)
{
        return mh__fr_number(buf, size, value, threshold_decimals(value));
}

/* Who is named, as the palmarès and the method say it. */
static void praise_conditions(struct page *p)
{
        const mh_referentiel *ref = p->ref;
        char score[32], level[LINE_BYTES];

        mh__xw_textf(
            p->w,
            "Sont nommés les établissements éligibles (questionnaire soumis et complet) dont "
            "le score global, arrondi au dixième, atteint au moins %s sur 100",
            threshold(score, sizeof(score), ref->praise_min_score));
        if (ref->praise_min_level > 0) {
                const char *label = mh_referentiel_level_label(ref, ref->praise_min_level, NULL);

                mh__snprintf_text(level, sizeof(level), "%u%s%s%s", ref->praise_min_level,
                                  label != NULL ? " (" : "", label != NULL ? label : "",
                                  label != NULL ? ")" : "");
                mh__xw_textf(p->w, ", qui atteignent au moins le niveau de maturité %s", level);
        }
        if (ref->praise_requires_priority)
                mh__xw_textf(
                    p->w, " et qui atteignent toutes les mesures prioritaires qui les concernent");
        mh__xw_textf(p->w, ".");
}

static void section_palmares(struct page *p)
{
        static const char *const columns[] = {"Rang",      "Établissement", "FINESS", "Région",
                                              "Catégorie", "Score sur 100", "Niveau", NULL};
        mh__xw *w = p->w;
        char buf[LINE_BYTES];
        size_t i;

        mh__xw_start(w, "section");
        heading(w, "h2", "palmares", "Les établissements au rendez-vous");
        mh__xw_start(w, "p");
        praise_conditions(p);
        mh__xw_textf(w, " Le rang est compté parmi les seuls établissements nommés : des ex æquo "
                        "partagent un rang, et le suivant les compte tous (1, 1, 3…).");
        mh__xw_end(w);
        if (p->n_named == 0) {
                mh__xw_element(w, "p", "Aucun établissement ne remplit ces conditions.");
                mh__xw_end(w);
                return;
        }
        table_start(w, NULL, columns, "n----n-");
        for (i = 0; i < mh_ranking_count(p->ranking); i++) {
                const mh_rank_entry *e = mh_ranking_entry(p->ranking, i);

                if (!e->praised)
                        continue;
                mh__xw_start(w, "tr");
                mh__snprintf_text(buf, sizeof(buf), "%u", e->praise_rank);
                element_class(w, "td", "n", buf);
                row_header(w, e->name);
                cell(w, e->finess);
                cell(w, mh__region_name(e->region));
                mh__xw_start(w, "td");
                mh__snprintf_text(buf, sizeof(buf), "code FINESS %s", e->category);
                mh__xw_attr(w, "title", buf);
                mh__xw_text(w, category_label(e->category, buf, sizeof(buf)));
                mh__xw_end(w);
                element_class(w, "td", "n", mh__fr_number(buf, sizeof(buf), e->score, 1));
                cell(w, level_label(p->ref, e->level, buf, sizeof(buf)));
                mh__xw_end(w);
        }
        table_end(w);
        mh__xw_end(w); /* section */
}

/* The nation, then the regions: the rows of the charts by region. */
static const struct mh__group *row_group(const struct page *p, size_t i)
{
        return i == 0 ? p->nation : p->regions[i - 1];
}

static double response_rate(const struct mh__group *g)
{
        return g->n_establishments > 0
                   ? 100.0 * (double)g->n_submitted / (double)g->n_establishments
                   : (double)NAN;
}

static void section_participation(struct page *p)
{
        static const char *const columns[] = {"Région", "Établissements", "Questionnaires soumis",
                                              "Taux de réponse", NULL};
        mh__xw *w = p->w;
        size_t n = p->n_regions + 1, i;
        struct bar *bars = mh__malloc(n * sizeof(*bars));
        char(*labels)[160] = mh__malloc(n * sizeof(*labels));
        char(*texts)[32] = mh__malloc(n * sizeof(*texts));
        char a[32], b[32];

        keep_start(w, "participation", "Participation");
        intro(w, "Part des établissements de la campagne dont le questionnaire est soumis, en "
                 "France et dans chaque région (questionnaires soumis / établissements).");
        if (bars == NULL || labels == NULL || texts == NULL) {
                p->nomem = 1;
                mh__xw_end(w); /* keep */
                goto out;
        }
        for (i = 0; i < n; i++) {
                const struct mh__group *g = row_group(p, i);

                mh__snprintf_text(labels[i], sizeof(labels[i]), "%s — %s soumis sur %s",
                                  group_name(g), mh__fr_count(a, sizeof(a), g->n_submitted),
                                  mh__fr_count(b, sizeof(b), g->n_establishments));
                bars[i].label = labels[i];
                bars[i].value = response_rate(g);
                bars[i].text = mh__fr_percent(texts[i], sizeof(texts[i]), bars[i].value, 1);
        }
        mh__xw_start(w, "figure");
        if (bar_chart(w, "Taux de réponse, en France et par région", bars, n, 100) < 0)
                p->nomem = 1;
        mh__xw_end(w); /* figure */
        mh__xw_end(w); /* keep */
        data_start(w);
        table_start(w, "Taux de réponse, en France et par région", columns, "-nnn");
        for (i = 0; i < n; i++) {
                const struct mh__group *g = row_group(p, i);

                mh__xw_start(w, "tr");
                row_header(w, group_name(g));
                count_cell(w, g->n_establishments);
                count_cell(w, g->n_submitted);
                number_cell(w, response_rate(g), 1);
                mh__xw_end(w);
        }
        table_end(w);
        mh__xw_end(w); /* details */
out:
        mh__xw_end(w); /* section */
        mh__free(bars);
        mh__free(labels);
        mh__free(texts);
}

/* A diamond (the mean) centred on (x, y). */
static void diamond(mh__xw *w, double x, double y, double r)
{
        mh__xw_start(w, "polygon");
        mh__xw_attrf(w, "points", "%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f", x, y - r, x + r, y, x,
                     y + r, x - r, y);
        mh__xw_attr(w, "fill", "#c0392b");
        mh__xw_attr(w, "stroke", "#ffffff");
        mh__xw_attr(w, "stroke-width", "1");
        mh__xw_end(w);
}

/* The median's mark: a dark vertical bar across the band. */
static void median_bar(mh__xw *w, double x, double top, double height)
{
        mh__svg_rect(w, x - 1.5, top - 2, 3, height + 4, "#1b4f72");
}

/* The legend of the score chart, on one line at the top: box, bar, diamond. */
static double score_legend(mh__xw *w)
{
        static const char *const items[] = {"1er à 3e quartile", "médiane", "moyenne"};
        double x = 2;
        size_t i;

        for (i = 0; i < 3; i++) {
                if (i == 0)
                        mh__svg_rect(w, x, 6, 22, 12, "#a9cce3");
                else if (i == 1)
                        median_bar(w, x + 11, 6, 12);
                else
                        diamond(w, x + 11, 12, 6);
                mh__svg_text(w, x + 28, 17, NULL, items[i]);
                x += 28 + text_width(items[i], strlen(items[i])) + 20;
        }
        return 32;
}

/* The scale of the score chart, 0 to 100, its baseline at y. */
static void score_axis(mh__xw *w, double x0, double x1, double y)
{
        char label[16];
        size_t t;

        for (t = 0; t <= 4; t++) {
                mh__snprintf_text(label, sizeof(label), "%zu", t * 25);
                mh__svg_text(w, x0 + (x1 - x0) * (double)t / 4, y, "middle", label);
        }
}

static void section_scores(struct page *p)
{
        static const char *const columns[] = {"Région",  "Éligibles",   "Moyenne", "1er quartile",
                                              "Médiane", "3e quartile", NULL};
        const double x0 = 20, x1 = CHART_WIDTH - 20, band = 16;
        mh__xw *w = p->w;
        size_t n = p->n_regions + 1, i, t;
        struct lines *lines = mh__malloc(n * sizeof(*lines));
        char label[256], a[32], b[32], c[32];
        double height, y;

        keep_start(w, "scores", "Scores par région");
        intro(w, "Score global arrondi des établissements éligibles, sur 100 : la boîte va du "
                 "premier au troisième quartile (la moitié des établissements s'y trouve), la "
                 "barre marque la médiane et le losange la moyenne. Les régions dont les "
                 "chiffres ne sont pas publiés sont indiquées comme telles (voir la méthode).");
        if (lines == NULL) {
                p->nomem = 1;
                mh__xw_end(w); /* keep */
                goto out;
        }
        height = 32;
        for (i = 0; i < n; i++) {
                const struct mh__group *g = row_group(p, i);

                if (g->suppressed)
                        mh__snprintf_text(label, sizeof(label), "%s — %s éligibles", group_name(g),
                                          mh__fr_count(a, sizeof(a), g->n_eligible));
                else
                        mh__snprintf_text(label, sizeof(label),
                                          "%s — %s éligibles\xc2\xa0· médiane\xc2\xa0%s\xc2\xa0· "
                                          "moyenne\xc2\xa0%s",
                                          group_name(g), mh__fr_count(a, sizeof(a), g->n_eligible),
                                          mh__fr_number(b, sizeof(b), g->median, 1),
                                          mh__fr_number(c, sizeof(c), g->mean, 1));
                wrap(&lines[i], label, CHART_WIDTH - 4);
                height += LINE_HEIGHT * (double)lines[i].n + band + 14;
        }
        height += 18 + 22;
        mh__xw_start(w, "figure");
        chart_start(w, height, "Distribution des scores globaux, en France et par région");
        y = score_legend(w);
        score_axis(w, x0, x1, y + 12);
        y += 18;
        for (i = 0; i < n; i++) {
                const struct mh__group *g = row_group(p, i);
                double top = y + LINE_HEIGHT * (double)lines[i].n + 4;

                chart_label(w, &lines[i], 2, y + 14);
                mh__svg_rect(w, x0, top, x1 - x0, band, "#f2f2f2");
                for (t = 0; t <= 4; t++) {
                        double x = x0 + (x1 - x0) * (double)t / 4;

                        mh__svg_line(w, x, top, x, top + band, "#d0d0d0", 1);
                }
                if (g->suppressed) {
                        reason_text(p, g, label, sizeof(label));
                        mh__svg_text(w, x0 + 6, top + 12.5, NULL, label);
                } else {
                        double x25 = x0 + (x1 - x0) * g->p25 / 100;
                        double x75 = x0 + (x1 - x0) * g->p75 / 100;

                        mh__svg_rect(w, x25, top, x75 - x25 > 1 ? x75 - x25 : 1, band, "#a9cce3");
                        median_bar(w, x0 + (x1 - x0) * g->median / 100, top, band);
                        diamond(w, x0 + (x1 - x0) * g->mean / 100, top + band / 2, 6);
                }
                y = top + band + 10;
        }
        score_axis(w, x0, x1, y + 14);
        mh__xw_end(w); /* svg */
        mh__xw_end(w); /* figure */
        mh__xw_end(w); /* keep */
        data_start(w);
        table_start(w, "Score global des établissements éligibles, sur 100", columns, "-nnnnn");
        for (i = 0; i < n; i++) {
                const struct mh__group *g = row_group(p, i);

                mh__xw_start(w, "tr");
                row_header(w, group_name(g));
                count_cell(w, g->n_eligible);
                number_cell(w, stat(g, g->mean), 0);
                number_cell(w, stat(g, g->p25), 0);
                number_cell(w, stat(g, g->median), 0);
                number_cell(w, stat(g, g->p75), 0);
                mh__xw_end(w);
        }
        table_end(w);
        mh__xw_end(w); /* details */
out:
        mh__xw_end(w); /* section */
        mh__free(lines);
}

static void section_levels(struct page *p)
{
        static const char *const columns[] = {"Niveau", "Établissements éligibles", NULL};
        const mh_referentiel *ref = p->ref;
        const struct mh__group *g = p->nation;
        mh__xw *w = p->w;
        size_t n = ref->n_levels + 1, k;
        struct bar *bars = mh__malloc(n * sizeof(*bars));
        char(*labels)[LINE_BYTES + 16] = mh__malloc(n * sizeof(*labels));
        char(*texts)[32] = mh__malloc(n * sizeof(*texts));
        char a[32], b[32];
        double max = 1;

        keep_start(w, "niveaux", "Niveaux de maturité");
        if (g->suppressed) {
                char reason[160];

                reason_text(p, g, reason, sizeof(reason));
                mh__xw_start(w, "p");
                mh__xw_textf(w, "Répartition par niveau : %s.", reason);
                mh__xw_end(w);
                mh__xw_end(w); /* keep */
                goto out;
        }
        mh__xw_start(w, "p");
        mh__xw_attr(w, "class", "intro");
        mh__xw_textf(
            w,
            "Nombre d'établissements éligibles à chaque niveau de maturité du référentiel, en "
            "France (sur %s). Un établissement qui n'atteint pas toutes les mesures "
            "prioritaires qui le concernent ne peut dépasser le niveau 1. %s établissements "
            "éligibles atteignent toutes leurs mesures prioritaires.",
            mh__fr_count(a, sizeof(a), g->n_eligible), mh__fr_count(b, sizeof(b), g->priority_all));
        mh__xw_end(w);
        if (bars == NULL || labels == NULL || texts == NULL) {
                p->nomem = 1;
                mh__xw_end(w); /* keep */
                goto out;
        }
        for (k = 0; k < n; k++) {
                char level[LINE_BYTES];

                mh__snprintf_text(labels[k], sizeof(labels[k]), "Niveau %s",
                                  level_label(ref, (unsigned)k, level, sizeof(level)));
                bars[k].label = labels[k];
                bars[k].value = (double)g->levels[k];
                bars[k].text = mh__fr_count(texts[k], sizeof(texts[k]), g->levels[k]);
                max = bars[k].value > max ? bars[k].value : max;
        }
        mh__xw_start(w, "figure");
        if (bar_chart(w, "Établissements éligibles par niveau de maturité, en France", bars, n,
                      max) < 0)
                p->nomem = 1;
        mh__xw_end(w); /* figure */
        mh__xw_end(w); /* keep */
        data_start(w);
        table_start(w, "Établissements éligibles par niveau de maturité, en France", columns, "-n");
        for (k = 0; k < n; k++) {
                mh__xw_start(w, "tr");
                row_header(w, labels[k]);
                count_cell(w, g->levels[k]);
                mh__xw_end(w);
        }
        table_end(w);
        mh__xw_end(w); /* details */
out:
        mh__xw_end(w); /* section */
        mh__free(bars);
        mh__free(labels);
        mh__free(texts);
}

static void section_criteria(struct page *p)
{
        static const char *const columns[] = {"Critère", "Intitulé", "Taux d'atteinte", NULL};
        const struct mh__group *g = p->nation;
        mh__xw *w = p->w;
        size_t n = p->pop->n_public, k;
        struct bar *bars = mh__malloc(n * sizeof(*bars) + 1);
        char(*labels)[MAX_LINES * LINE_BYTES] = mh__malloc(n * sizeof(*labels) + 1);
        char(*texts)[32] = mh__malloc(n * sizeof(*texts) + 1);

        keep_start(w, "criteres", "Critères publics : taux d'atteinte");
        intro(w, "Part des établissements éligibles qui atteignent chacun des critères dont le "
                 "référentiel autorise la publication, en France. Les critères techniques ne sont "
                 "jamais publiés : ils aideraient un attaquant.");
        if (n == 0 || bars == NULL || labels == NULL || texts == NULL) {
                if (n > 0) /* no criterion is no failure, and must not forget an earlier one */
                        p->nomem = 1;
                if (n == 0)
                        mh__xw_element(w, "p", "Le référentiel ne rend public aucun critère.");
                mh__xw_end(w); /* keep */
                goto out;
        }
        for (k = 0; k < n; k++) {
                const struct mh_criterion *c = p->pop->public_criteria[k];

                mh__snprintf_text(labels[k], sizeof(labels[k]), "%s · %s", c->id,
                                  mh__text_get(&c->title, NULL));
                bars[k].label = labels[k];
                bars[k].value = stat(g, g->pct[k]);
                bars[k].text = mh__fr_percent(texts[k], sizeof(texts[k]), bars[k].value, 1);
        }
        mh__xw_start(w, "figure");
        if (bar_chart(w, "Taux d'atteinte des critères publics, en France", bars, n, 100) < 0)
                p->nomem = 1;
        mh__xw_end(w); /* figure */
        mh__xw_end(w); /* keep */
        data_start(w);
        table_start(w, "Taux d'atteinte des critères publics, en France", columns, "--n");
        for (k = 0; k < n; k++) {
                const struct mh_criterion *c = p->pop->public_criteria[k];

                mh__xw_start(w, "tr");
                row_header(w, c->id);
                cell(w, mh__text_get(&c->title, NULL));
                number_cell(w, stat(g, g->pct[k]), 1);
                mh__xw_end(w);
        }
        table_end(w);
        mh__xw_end(w); /* details */
out:
        mh__xw_end(w); /* section */
        mh__free(bars);
        mh__free(labels);
        mh__free(texts);
}

static int compare_cells(const void *a, const void *b)
{
        const struct mh__group *x = *(const struct mh__group *const *)a;
        const struct mh__group *y = *(const struct mh__group *const *)b;
        char bx[64], by[64];
        int c = mh__fr_compare(category_label(x->category, bx, sizeof(bx)),
                               category_label(y->category, by, sizeof(by)));

        return c != 0 ? c : strcmp(x->category, y->category);
}

static void detail_row(struct page *p, const struct mh__group *g)
{
        mh__xw *w = p->w;
        char buf[128];

        mh__xw_start(w, "tr");
        mh__xw_attr(w, "data-region", g->region != NULL ? g->region : "");
        mh__xw_attr(w, "data-category", g->category != NULL ? g->category : "");
        mh__xw_attr(w, "class", g->category == NULL ? "group" : "cell");
        row_header(w, g->category != NULL ? category_label(g->category, buf, sizeof(buf))
                                          : group_name(g));
        count_cell(w, g->n_establishments);
        count_cell(w, g->n_submitted);
        count_cell(w, g->n_eligible);
        number_cell(w, stat(g, g->mean), 0);
        number_cell(w, stat(g, g->p25), 0);
        number_cell(w, stat(g, g->median), 0);
        number_cell(w, stat(g, g->p75), 0);
        if (g->suppressed)
                element_class(w, "td", "n np", "non publié");
        else
                count_cell(w, g->priority_all);
        mh__xw_end(w);
}

static void section_detail(struct page *p)
{
        static const char *const columns[] = {"Région, catégorie",
                                              "Établissements",
                                              "Soumis",
                                              "Éligibles",
                                              "Moyenne",
                                              "1er quartile",
                                              "Médiane",
                                              "3e quartile",
                                              "Toutes les mesures prioritaires",
                                              NULL};
        const struct mh__observatoire *obs = p->obs;
        const struct mh__group **cells = mh__malloc(obs->n_groups * sizeof(*cells));
        mh__xw *w = p->w;
        size_t r, i, n;

        mh__xw_start(w, "section");
        heading(w, "h2", "detail", "Détail par région et par catégorie");
        intro(w, "Les chiffres de observatoire.csv, lisibles : pour la France, chaque région et "
                 "chaque catégorie d'établissements d'une région, les effectifs (toujours publiés) "
                 "et le score global des éligibles lorsque le secret statistique permet de le "
                 "publier.");
        if (cells == NULL) {
                p->nomem = 1;
                goto out;
        }
        mh__xw_start(w, "details");
        mh__xw_attr(w, "class", "detail");
        mh__xw_element(w, "summary", "Afficher le tableau détaillé");
        table_start(w,
                    "Effectifs et score global : la France, chaque région (en gras) et, sous "
                    "elle, chacune de ses catégories d'établissements",
                    columns, "-nnnnnnnn");
        detail_row(p, p->nation);
        for (r = 0; r < p->n_regions; r++) {
                const struct mh__group *g = p->regions[r];

                detail_row(p, g);
                n = 0;
                for (i = (size_t)(g - obs->groups) + 1;
                     i < obs->n_groups && obs->groups[i].category != NULL; i++)
                        cells[n++] = &obs->groups[i];
                qsort(cells, n, sizeof(*cells), compare_cells);
                for (i = 0; i < n; i++)
                        detail_row(p, cells[i]);
        }
        table_end(w);
        mh__xw_end(w); /* details */
out:
        mh__xw_end(w); /* section */
        mh__free(cells);
}

static void item(mh__xw *w, const char *text)
{
        mh__xw_element(w, "li", text);
}

static void section_method(struct page *p)
{
        const mh_referentiel *ref = p->ref;
        mh__xw *w = p->w;
        unsigned k = ref->min_cell_size;
        char a[32];

        mh__xw_start(w, "section");
        mh__xw_attr(w, "class", "method");
        heading(w, "h2", "methode", "Méthode");

        mh__xw_element(w, "h3", "Qui est compté");
        mh__xw_start(w, "ul");
        item(w, "Établissements : tous ceux de la campagne, qu'ils aient répondu ou non.");
        item(w, "Soumis : ceux dont le questionnaire a été soumis.");
        mh__xw_start(w, "li");
        if (ref->min_completeness >= 1 - 1e-9)
                mh__xw_textf(
                    w, "Éligibles : ceux dont le questionnaire est soumis et complet (toutes les "
                       "questions qui les concernent ont une réponse");
        else
                mh__xw_textf(
                    w,
                    "Éligibles : ceux dont le questionnaire est soumis et complet (au moins %s "
                    "des questions qui les concernent ont une réponse",
                    mh__fr_percent(a, sizeof(a), 100 * ref->min_completeness,
                                   threshold_decimals(100 * ref->min_completeness)));
        mh__xw_textf(w, ", « sans objet » comptant comme une réponse) et qui ont un score global. "
                        "Toutes les statistiques de cette page portent sur eux.");
        mh__xw_end(w);
        mh__xw_end(w);

        mh__xw_element(w, "h3", "Qui est nommé, et le rang");
        mh__xw_start(w, "p");
        praise_conditions(p);
        mh__xw_textf(
            w, " Le rang est compté parmi les seuls établissements nommés : 1 plus le nombre "
               "d'établissements nommés dont le score est strictement plus élevé ; des ex æquo "
               "partagent un rang et le suivant les compte tous (1, 1, 3…). Le palmarès ne dit "
               "rien des établissements qui n'y figurent pas : ni leur score, ni leur rang.");
        mh__xw_end(w);

        mh__xw_element(w, "h3", "Les chiffres");
        mh__xw_element(
            w, "p",
            "Le score global, sur 100, est arrondi au dixième pour chaque établissement. La "
            "moyenne et les quartiles sont ceux de ces scores arrondis (quartiles par "
            "interpolation linéaire), calculés exactement puis arrondis au dixième. Le taux "
            "d'atteinte d'un critère est la part des établissements éligibles qui l'atteignent "
            "parmi ceux où il s'applique. Seuls les critères que le référentiel déclare publics "
            "ont un taux publié.");

        mh__xw_element(w, "h3", "Le secret statistique");
        mh__xw_start(w, "p");
        mh__xw_textf(
            w,
            "Aucun chiffre publié, ni aucune différence entre deux chiffres publiés, ne doit "
            "permettre de connaître la situation de moins de %u établissements non nommés "
            "(%u est le seuil min_cell_size du référentiel). Les effectifs (établissements, "
            "soumis, éligibles) sont toujours publiés ; les autres chiffres d'un groupe — la "
            "France, une région ou une catégorie d'établissements dans une région — le sont "
            "seulement si ces règles le permettent :",
            k, k);
        mh__xw_end(w);
        mh__xw_start(w, "ul");
        mh__xw_start(w, "li");
        mh__xw_textf(
            w, "un groupe de moins de %u établissements éligibles n'a aucun chiffre publié ;", k);
        mh__xw_end(w);
        mh__xw_start(w, "li");
        mh__xw_textf(
            w,
            "un groupe de %u établissements éligibles ou plus peut l'être aussi, car les "
            "scores des établissements nommés au palmarès sont publics : si le groupe compte "
            "de 1 à %u établissements non nommés, ses chiffres, moins ceux des nommés, "
            "décriraient ces quelques établissements (par exemple, une région de %u éligibles "
            "dont %u sont nommés : sa moyenne et les %u scores du palmarès donneraient le "
            "score du dernier) ;",
            k, k > 1 ? k - 1 : 1, k + 1, k, k);
        mh__xw_end(w);
        mh__xw_start(w, "li");
        mh__xw_textf(
            w,
            "et par différence : une région moins ses autres catégories publiées, ou la France "
            "moins les régions publiées, donnerait les chiffres d'une case masquée ; une case "
            "de plus est alors masquée (la plus petite), jusqu'à ce que toute différence porte "
            "sur au moins %u établissements, ou sur aucun ;",
            k);
        mh__xw_end(w);
        mh__xw_start(w, "li");
        mh__xw_textf(
            w,
            "le taux d'atteinte d'un critère suit les mêmes règles : il n'est publié que s'il "
            "porte sur au moins %u établissements, et peut être masqué par différence.",
            k);
        mh__xw_end(w);
        mh__xw_end(w);
        mh__xw_element(w, "p",
                       "Une case « non publié » ne veut pas dire zéro : le chiffre existe, mais le "
                       "publier révélerait des établissements trop peu nombreux. Les fichiers CSV "
                       "et XML laissent les mêmes cases vides.");

        mh__xw_element(w, "h3", "Ce qui n'est jamais publié");
        mh__xw_start(w, "p");
        mh__xw_textf(w,
                     "Les réponses, les commentaires, les résultats d'un établissement par "
                     "critère ou par domaine, le score des établissements qui ne sont pas "
                     "nommés, et les taux des critères que le référentiel ne déclare pas "
                     "publics : savoir qu'un %s n'a pas de sauvegarde hors ligne en ferait "
                     "une cible.",
                     p->ref->sector == MH_SECTOR_MEDICO_SOCIAL ? "EHPAD" : "hôpital");
        mh__xw_end(w);

        mh__xw_element(w, "h3", "Le référentiel");
        mh__xw_start(w, "p");
        mh__xw_textf(
            w,
            "Les scores sont calculés avec le référentiel « %s » (identifiant %s, version %s), "
            "publié avec ses critères. L'empreinte SHA-256 de son fichier permet de vérifier "
            "que c'est bien lui (par exemple avec la commande sha256sum) :",
            mh_referentiel_title(ref, NULL), ref->id, ref->version);
        mh__xw_end(w);
        mh__xw_start(w, "p");
        element_class(w, "code", "hash", ref->sha256);
        mh__xw_end(w);
        mh__xw_end(w); /* section */
}

static const char page_style[] =
    "header .meta{margin-top:-.5em}.lead{font-size:1.05em}"
    "nav ul,.files ul{padding-left:1.2em}nav li{display:inline-block;margin-right:1em}"
    "nav ul{padding-left:0}.files p{margin-bottom:.2em}.files ul{margin-top:0}"
    "figure{margin:1em 0}.chart{display:block;max-width:100%;height:auto}"
    ".chart text{font-size:" FONT_PX "px;font-family:system-ui,sans-serif;fill:#1a1a1a}"
    "caption{text-align:left;font-weight:bold;padding:.3em 0}"
    "details{margin:.5em 0 1.5em}summary{cursor:pointer;color:#1b4f72}"
    ".scroll{overflow-x:auto}td.np{color:#666;font-style:italic}"
    "th[scope=row]{font-weight:normal}tr.group th,tr.group td{font-weight:bold}"
    "tr.cell th{padding-left:1.5em}.detail table{font-size:.9em}"
    "code.hash{font-size:.9em;overflow-wrap:anywhere}"
    "@media (max-width:40em){body{margin:1em auto;padding:0 .6em}h1{font-size:1.3em}"
    "table{font-size:.85em}th,td{padding:.25em .3em}}"
    "@media print{body{margin:0;max-width:none;font-size:10pt;line-height:1.35}"
    "@page{margin:1.5cm}nav{display:none}a{color:inherit;text-decoration:none}"
    "h2,h3,.intro{break-after:avoid;page-break-after:avoid}"
    "h2{margin-top:1.2em}p{orphans:3;widows:3}"
    ".keep,figure,tr,svg{break-inside:avoid;page-break-inside:avoid}"
    "thead{display:table-header-group}.scroll{overflow:visible}"
    ".chart{max-height:20cm;width:auto}"
    "caption{break-after:avoid}details.data table{break-inside:avoid}"
    "table{font-size:9pt}.detail table{font-size:7.5pt}th,td{padding:.15em .3em}"
    "summary{display:none}details::details-content{content-visibility:visible;"
    "display:contents}}";

static int compare_regions(const void *a, const void *b)
{
        const struct mh__group *x = *(const struct mh__group *const *)a;
        const struct mh__group *y = *(const struct mh__group *const *)b;
        int c = mh__fr_compare(mh__region_name(x->region), mh__region_name(y->region));

        return c != 0 ? c : strcmp(x->region, y->region);
}

int mh__write_index_html(const mh_population *pop, const struct mh__observatoire *obs,
                         const mh_ranking *ranking, const mh_publish_options *options, FILE *stream)
{
        struct page p;
        size_t g;
        int rc;

        memset(&p, 0, sizeof(p));
        p.pop = pop;
        p.ref = pop->ref;
        p.obs = obs;
        p.ranking = ranking;
        p.nation = &obs->groups[0];
        if ((p.regions = mh__malloc((obs->n_regions + 1) * sizeof(*p.regions))) == NULL)
                return MH_ENOMEM;
        for (g = 1; g < obs->n_groups; g++)
                if (obs->groups[g].category == NULL)
                        p.regions[p.n_regions++] = &obs->groups[g];
        qsort(p.regions, p.n_regions, sizeof(*p.regions), compare_regions);
        for (g = 0; g < mh_ranking_count(ranking); g++)
                p.n_named += mh_ranking_entry(ranking, g)->praised != 0;
        if ((rc = mh__xw_open(&p.w, stream, 0, " ")) < 0) {
                mh__free(p.regions);
                return rc;
        }
        mh__xw_doctype_html(p.w);
        mh__xw_start_ns(p.w, "html", MH_XHTML_NS);
        mh__xw_attr(p.w, "lang", "fr");
        mh__xw_attr(p.w, "xml:lang", "fr");
        mh__xw_start(p.w, "head");
        mh__xw_start(p.w, "meta");
        mh__xw_attr(p.w, "charset", "utf-8");
        mh__xw_end(p.w);
        mh__xw_start(p.w, "meta");
        mh__xw_attr(p.w, "name", "viewport");
        mh__xw_attr(p.w, "content", "width=device-width, initial-scale=1");
        mh__xw_end(p.w);
        mh__xw_start(p.w, "title");
        mh__xw_textf(p.w, "Observatoire MaturiN'H — campagne %s", mh_population_campaign(pop));
        mh__xw_end(p.w);
        mh__xw_start(p.w, "style");
        mh__xw_text(p.w, mh__page_style);
        mh__xw_text(p.w, page_style);
        mh__xw_end(p.w);
        mh__xw_end(p.w); /* head */
        mh__xw_start(p.w, "body");
        section_header(&p, options);
        mh__xw_start(p.w, "main");
        section_palmares(&p);
        section_participation(&p);
        section_scores(&p);
        section_levels(&p);
        section_criteria(&p);
        section_detail(&p);
        section_method(&p);
        mh__xw_end(p.w); /* main */
        mh__xw_end(p.w); /* body */
        mh__xw_end(p.w); /* html */
        rc = mh__xw_close(p.w);
        mh__free(p.regions);
        return rc == 0 && p.nomem ? MH_ENOMEM : rc;
}
