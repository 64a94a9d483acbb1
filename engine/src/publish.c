/*
 * publish.c: the Observatoire's public files and the CISO's private report.
 *
 * `publish` writes four files into a directory: palmares.csv (only the
 * praised establishments), observatoire.csv and observatoire.xml (one group
 * per nation, region and region x category, with small-cell suppression),
 * and index.html, a self-contained XHTML page in French whose charts are
 * inline SVG drawn here.  Everything comes from the population, which holds
 * no answers and no comments.  No clock is read: the same inputs give
 * byte-identical files (a date is printed only when the caller gives one).
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answers_internal.h"
#include "explain_internal.h"
#include "maturinh/publication.h"
#include "publication_internal.h"
#include "referentiel_internal.h"
#include "xml.h"

#define OBSERVATOIRE_NS "urn:maturinh:observatoire:1"
#define XHTML_NS        "http://www.w3.org/1999/xhtml"
#define SVG_NS          "http://www.w3.org/2000/svg"
#define PI              3.14159265358979323846

/* INSEE regions (one ARS each). */
static const char *region_name(const char *code)
{
        static const char *const names[][2] = {{"01", "Guadeloupe"},
                                               {"02", "Martinique"},
                                               {"03", "Guyane"},
                                               {"04", "La Réunion"},
                                               {"06", "Mayotte"},
                                               {"11", "Île-de-France"},
                                               {"24", "Centre-Val de Loire"},
                                               {"27", "Bourgogne-Franche-Comté"},
                                               {"28", "Normandie"},
                                               {"32", "Hauts-de-France"},
                                               {"44", "Grand Est"},
                                               {"52", "Pays de la Loire"},
                                               {"53", "Bretagne"},
                                               {"75", "Nouvelle-Aquitaine"},
                                               {"76", "Occitanie"},
                                               {"84", "Auvergne-Rhône-Alpes"},
                                               {"93", "Provence-Alpes-Côte d'Azur"},
                                               {"94", "Corse"}};
        size_t i;

        for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
                if (strcmp(names[i][0], code) == 0)
                        return names[i][1];
        return code;
}

/* ---- observatoire.xml --------------------------------------------------- */

struct xml_groups {
        const mh_population *pop;
        mh_xw *w;
};

static int xml_group(const struct mh_group *g, void *context)
{
        struct xml_groups *x = context;
        mh_xw *w = x->w;
        size_t k;

        mh_xw_start(w, "group");
        mh_xw_attr(w, "region", g->region);
        mh_xw_attr(w, "category", g->category);
        mh_xw_attrf(w, "establishments", "%zu", g->n_establishments);
        mh_xw_attrf(w, "submitted", "%zu", g->n_submitted);
        mh_xw_attrf(w, "eligible", "%zu", g->n_eligible);
        mh_xw_attr(w, "suppressed", g->suppressed ? "true" : "false");
        if (!g->suppressed) {
                mh_xw_attrf(w, "mean", "%.1f", g->mean);
                mh_xw_attrf(w, "p25", "%.1f", g->p25);
                mh_xw_attrf(w, "median", "%.1f", g->median);
                mh_xw_attrf(w, "p75", "%.1f", g->p75);
                mh_xw_attrf(w, "priority-all", "%zu", g->priority_all);
                for (k = 0; k <= x->pop->ref->n_levels; k++) {
                        mh_xw_start(w, "level");
                        mh_xw_attrf(w, "value", "%zu", k);
                        mh_xw_attrf(w, "count", "%zu", g->levels[k]);
                        mh_xw_end(w);
                }
        }
        for (k = 0; k < x->pop->n_public; k++) {
                mh_xw_start(w, "criterion");
                mh_xw_attr(w, "id", x->pop->public_criteria[k]->id);
                if (!isnan(g->pct[k]))
                        mh_xw_attrf(w, "pct", "%.1f", g->pct[k]);
                mh_xw_end(w);
        }
        mh_xw_end(w);
        return 0;
}

static void document_attributes(mh_xw *w, const mh_population *pop,
                                const mh_publish_options *options)
{
        mh_xw_attr(w, "campaign", mh_population_campaign(pop));
        mh_xw_attr(w, "referentiel", pop->ref->id);
        mh_xw_attr(w, "version", pop->ref->version);
        mh_xw_attr(w, "sha256", pop->ref->sha256);
        if (options != NULL && options->date != NULL)
                mh_xw_attr(w, "date", options->date);
}

static int write_observatoire_xml(const mh_population *pop, const mh_ranking *ranking,
                                  const mh_publish_options *options, FILE *stream)
{
        struct xml_groups x;
        size_t i;
        int rc;

        if ((rc = mh_xw_open(&x.w, stream, 1)) < 0)
                return rc;
        x.pop = pop;
        mh_xw_start_ns(x.w, "observatoire", OBSERVATOIRE_NS);
        document_attributes(x.w, pop, options);
        mh_xw_start(x.w, "palmares");
        for (i = 0; i < mh_ranking_count(ranking); i++) {
                const mh_rank_entry *e = mh_ranking_entry(ranking, i);

                if (!e->praised)
                        continue;
                mh_xw_start(x.w, "establishment");
                mh_xw_attrf(x.w, "rank", "%u", e->rank);
                mh_xw_attr(x.w, "finess", e->finess);
                mh_xw_attr(x.w, "name", e->name);
                mh_xw_attr(x.w, "region", e->region);
                mh_xw_attr(x.w, "category", e->category);
                mh_xw_attrf(x.w, "score", "%.1f", e->score);
                mh_xw_attrf(x.w, "level", "%u", e->level);
                mh_xw_end(x.w);
        }
        mh_xw_end(x.w);
        rc = mh_each_group(pop, xml_group, &x);
        mh_xw_end(x.w);
        return rc < 0 ? (mh_xw_close(x.w), rc) : mh_xw_close(x.w);
}

/* ---- index.html --------------------------------------------------------- */

static const char style[] =
    "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:60em;color:#1a1a1a;"
    "line-height:1.45;padding:0 1em}"
    "h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ccc}"
    "table{border-collapse:collapse;width:100%}th,td{padding:.3em .5em;"
    "border-bottom:1px solid #e5e5e5;text-align:left}td.n,th.n{text-align:right}"
    ".meta{color:#555;font-size:.9em}.note{color:#555;font-size:.9em}"
    "svg text{font-size:12px;font-family:system-ui,sans-serif}";

/* <svg> with a width and height, in the SVG namespace. */
static void svg_start(mh_xw *w, double width, double height, const char *label)
{
        mh_xw_start_ns(w, "svg", SVG_NS);
        mh_xw_attrf(w, "width", "%.0f", width);
        mh_xw_attrf(w, "height", "%.0f", height);
        mh_xw_attrf(w, "viewBox", "0 0 %.0f %.0f", width, height);
        mh_xw_attr(w, "role", "img");
        mh_xw_attr(w, "aria-label", label);
}

static void svg_text(mh_xw *w, double x, double y, const char *anchor, const char *text)
{
        mh_xw_start(w, "text");
        mh_xw_attrf(w, "x", "%.1f", x);
        mh_xw_attrf(w, "y", "%.1f", y);
        if (anchor != NULL)
                mh_xw_attr(w, "text-anchor", anchor);
        mh_xw_text(w, text);
        mh_xw_end(w);
}

static void svg_rect(mh_xw *w, double x, double y, double width, double height, const char *fill)
{
        mh_xw_start(w, "rect");
        mh_xw_attrf(w, "x", "%.1f", x);
        mh_xw_attrf(w, "y", "%.1f", y);
        mh_xw_attrf(w, "width", "%.1f", width);
        mh_xw_attrf(w, "height", "%.1f", height);
        mh_xw_attr(w, "fill", fill);
        mh_xw_end(w);
}

static void svg_line(mh_xw *w, double x1, double y1, double x2, double y2, const char *stroke,
                     double width)
{
        mh_xw_start(w, "line");
        mh_xw_attrf(w, "x1", "%.1f", x1);
        mh_xw_attrf(w, "y1", "%.1f", y1);
        mh_xw_attrf(w, "x2", "%.1f", x2);
        mh_xw_attrf(w, "y2", "%.1f", y2);
        mh_xw_attr(w, "stroke", stroke);
        mh_xw_attrf(w, "stroke-width", "%.1f", width);
        mh_xw_end(w);
}

/* Horizontal bars: one per label, value in [0, max], NaN drawn as "—". */
static void bar_chart(mh_xw *w, const char *label, const char *const *labels, const double *values,
                      size_t n, double max, int decimals, const char *unit)
{
        const double left = 300, width = 320, row = 22;
        char text[64];
        size_t i;

        svg_start(w, left + width + 70, row * (double)n + 10, label);
        for (i = 0; i < n; i++) {
                double y = 5 + row * (double)i;

                svg_text(w, left - 8, y + 14, "end", labels[i]);
                svg_rect(w, left, y + 3, width, row - 8, "#eeeeee");
                if (isnan(values[i])) {
                        svg_text(w, left + 6, y + 14, NULL, "effectif insuffisant");
                        continue;
                }
                svg_rect(w, left, y + 3, width * values[i] / max, row - 8, "#2a6f97");
                snprintf(text, sizeof(text), "%.*f%s", decimals, values[i], unit);
                svg_text(w, left + width + 6, y + 14, NULL, text);
        }
        mh_xw_end(w);
}

struct page {
        const mh_population *pop;
        mh_xw *w;
        const char **regions;
        size_t n_regions;
};

static void section_palmares(struct page *p, const mh_ranking *ranking)
{
        mh_xw *w = p->w;
        size_t i, named = 0;

        mh_xw_element(w, "h2", "Les établissements au rendez-vous");
        mh_xw_start(w, "p");
        mh_xw_textf(w,
                    "Sont nommés ici les établissements dont le questionnaire est soumis et "
                    "complet, dont le score global atteint %.0f sur 100%s. Le rang est celui "
                    "parmi tous les établissements éligibles.",
                    p->pop->ref->praise_min_score,
                    p->pop->ref->praise_requires_priority
                        ? " et qui atteignent toutes les mesures prioritaires"
                        : "");
        mh_xw_end(w);
        for (i = 0; i < mh_ranking_count(ranking); i++)
                named += mh_ranking_entry(ranking, i)->praised != 0;
        if (named == 0) {
                mh_xw_element(w, "p", "Aucun établissement ne remplit ces conditions.");
                return;
        }
        mh_xw_start(w, "table");
        mh_xw_start(w, "thead");
        mh_xw_start(w, "tr");
        mh_xw_element(w, "th", "Rang");
        mh_xw_element(w, "th", "FINESS");
        mh_xw_element(w, "th", "Établissement");
        mh_xw_element(w, "th", "Région");
        mh_xw_element(w, "th", "Catégorie");
        mh_xw_start(w, "th");
        mh_xw_attr(w, "class", "n");
        mh_xw_text(w, "Score");
        mh_xw_end(w);
        mh_xw_element(w, "th", "Niveau");
        mh_xw_end(w);
        mh_xw_end(w);
        mh_xw_start(w, "tbody");
        for (i = 0; i < mh_ranking_count(ranking); i++) {
                const mh_rank_entry *e = mh_ranking_entry(ranking, i);

                if (!e->praised)
                        continue;
                mh_xw_start(w, "tr");
                mh_xw_start(w, "td");
                mh_xw_textf(w, "%u", e->rank);
                mh_xw_end(w);
                mh_xw_element(w, "td", e->finess);
                mh_xw_element(w, "td", e->name);
                mh_xw_element(w, "td", region_name(e->region));
                mh_xw_element(w, "td", e->category);
                mh_xw_start(w, "td");
                mh_xw_attr(w, "class", "n");
                mh_xw_textf(w, "%.1f", e->score);
                mh_xw_end(w);
                mh_xw_start(w, "td");
                mh_xw_textf(w, "%u %s", e->level,
                            e->level > 0 ? mh_referentiel_level_label(p->pop->ref, e->level, NULL)
                                         : "");
                mh_xw_end(w);
                mh_xw_end(w);
        }
        mh_xw_end(w);
        mh_xw_end(w);
}

static void section_participation(struct page *p)
{
        mh_xw *w = p->w;
        double *rates = mh_malloc((p->n_regions + 1) * sizeof(double));
        const char **labels = mh_malloc((p->n_regions + 1) * sizeof(char *));
        char(*texts)[128] = mh_malloc((p->n_regions + 1) * sizeof(*texts));
        size_t r;

        mh_xw_element(w, "h2", "Participation");
        mh_xw_element(w, "p",
                      "Part des établissements de chaque région dont le questionnaire est soumis.");
        if (rates == NULL || labels == NULL || texts == NULL)
                goto out;
        for (r = 0; r < p->n_regions; r++) {
                struct mh_group g;

                if (mh_group_compute(p->pop, p->regions[r], NULL, &g) < 0)
                        goto out;
                rates[r] = 100.0 * (double)g.n_submitted / (double)g.n_establishments;
                snprintf(texts[r], sizeof(texts[r]), "%s (%zu/%zu)", region_name(p->regions[r]),
                         g.n_submitted, g.n_establishments);
                labels[r] = texts[r];
                mh_group_release(&g);
        }
        bar_chart(w, "Taux de réponse par région", labels, rates, p->n_regions, 100, 1, " %");
out:
        mh_free(rates);
        mh_free(labels);
        mh_free(texts);
}

static void section_scores(struct page *p)
{
        const double left = 300, width = 320, row = 24;
        mh_xw *w = p->w;
        char label[128];
        size_t r;

        mh_xw_element(w, "h2", "Scores par région");
        mh_xw_element(w, "p",
                      "Pour les établissements éligibles : premier quartile, médiane (trait) et "
                      "troisième quartile du score global arrondi ; le point marque la moyenne. "
                      "Une région comptant moins d'établissements éligibles que le seuil de "
                      "publication n'est pas représentée.");
        svg_start(w, left + width + 40, row * (double)p->n_regions + 30,
                  "Distribution des scores par région");
        for (r = 0; r <= 4; r++) {
                double x = left + width * (double)r / 4;

                svg_line(w, x, 0, x, row * (double)p->n_regions, "#dddddd", 1);
                snprintf(label, sizeof(label), "%zu", r * 25);
                svg_text(w, x, row * (double)p->n_regions + 16, "middle", label);
        }
        for (r = 0; r < p->n_regions; r++) {
                struct mh_group g;
                double y = row * (double)r;

                if (mh_group_compute(p->pop, p->regions[r], NULL, &g) < 0)
                        break;
                snprintf(label, sizeof(label), "%s (%zu éligibles)", region_name(p->regions[r]),
                         g.n_eligible);
                svg_text(w, left - 8, y + 16, "end", label);
                if (g.suppressed) {
                        svg_text(w, left + 6, y + 16, NULL, "effectif insuffisant");
                } else {
                        double x25 = left + width * g.p25 / 100, x75 = left + width * g.p75 / 100;

                        svg_rect(w, x25, y + 5, x75 - x25 > 1 ? x75 - x25 : 1, row - 10, "#a9cce3");
                        svg_line(w, left + width * g.median / 100, y + 3,
                                 left + width * g.median / 100, y + row - 3, "#1b4f72", 2);
                        mh_xw_start(w, "circle");
                        mh_xw_attrf(w, "cx", "%.1f", left + width * g.mean / 100);
                        mh_xw_attrf(w, "cy", "%.1f", y + row / 2);
                        mh_xw_attr(w, "r", "3");
                        mh_xw_attr(w, "fill", "#c0392b");
                        mh_xw_end(w);
                }
                mh_group_release(&g);
        }
        mh_xw_end(w);
}

static void section_levels(struct page *p, const struct mh_group *nation)
{
        const mh_referentiel *ref = p->pop->ref;
        mh_xw *w = p->w;
        double values[16];
        const char *labels[16];
        char texts[16][96];
        double max = 1;
        size_t k, n = ref->n_levels + 1 < 16 ? ref->n_levels + 1 : 16;

        mh_xw_element(w, "h2", "Niveaux de maturité");
        if (nation->suppressed) {
                mh_xw_element(w, "p", "Effectif insuffisant pour publier cette distribution.");
                return;
        }
        for (k = 0; k < n; k++) {
                values[k] = (double)nation->levels[k];
                max = values[k] > max ? values[k] : max;
                snprintf(texts[k], sizeof(texts[k]), "Niveau %zu%s%s", k, k ? " — " : " (aucun)",
                         k ? mh_referentiel_level_label(ref, (unsigned)k, NULL) : "");
                labels[k] = texts[k];
        }
        mh_xw_start(w, "p");
        mh_xw_textf(w, "Nombre d'établissements éligibles à chaque niveau (sur %zu).",
                    nation->n_eligible);
        mh_xw_end(w);
        bar_chart(w, "Établissements par niveau de maturité", labels, values, n, max, 0, "");
}

static void section_criteria(struct page *p, const struct mh_group *nation)
{
        mh_xw *w = p->w;
        const char **labels = mh_malloc((p->pop->n_public + 1) * sizeof(char *));
        char(*texts)[160] = mh_malloc((p->pop->n_public + 1) * sizeof(*texts));
        size_t k;

        mh_xw_element(w, "h2", "Critères publics : taux d'atteinte");
        mh_xw_element(w, "p",
                      "Part des établissements éligibles qui atteignent chacun des critères dont "
                      "le référentiel autorise la publication du taux national.");
        if (labels == NULL || texts == NULL)
                goto out;
        for (k = 0; k < p->pop->n_public; k++) {
                const char *title = mh_text_get(&p->pop->public_criteria[k]->title, NULL);
                int cut = 0, chars = 0;

                while (title[cut] != '\0' && chars < 38) /* keep the label on one line */
                        if (((unsigned char)title[++cut] & 0xC0) != 0x80)
                                chars++;
                snprintf(texts[k], sizeof(texts[k]), "%s %.*s%s", p->pop->public_criteria[k]->id,
                         cut, title, title[cut] ? "…" : "");
                labels[k] = texts[k];
        }
        bar_chart(w, "Taux d'atteinte des critères publics", labels, nation->pct, p->pop->n_public,
                  100, 1, " %");
out:
        mh_free(labels);
        mh_free(texts);
}

static int write_index_html(const mh_population *pop, const mh_ranking *ranking,
                            const mh_publish_options *options, FILE *stream)
{
        struct page p;
        struct mh_group nation;
        int rc;

        memset(&p, 0, sizeof(p));
        p.pop = pop;
        if ((rc = mh_distinct(pop, NULL, &p.regions, &p.n_regions)) < 0)
                return rc;
        if ((rc = mh_group_compute(pop, NULL, NULL, &nation)) < 0) {
                mh_free(p.regions);
                return rc;
        }
        if ((rc = mh_xw_open(&p.w, stream, 0)) < 0) {
                mh_group_release(&nation);
                mh_free(p.regions);
                return rc;
        }
        mh_xw_doctype_html(p.w);
        mh_xw_start_ns(p.w, "html", XHTML_NS);
        mh_xw_attr(p.w, "lang", "fr");
        mh_xw_attr(p.w, "xml:lang", "fr");
        mh_xw_start(p.w, "head");
        mh_xw_start(p.w, "meta");
        mh_xw_attr(p.w, "charset", "utf-8");
        mh_xw_end(p.w);
        mh_xw_start(p.w, "title");
        mh_xw_textf(p.w, "Observatoire MaturiN'H — campagne %s", mh_population_campaign(pop));
        mh_xw_end(p.w);
        mh_xw_element(p.w, "style", style);
        mh_xw_end(p.w);
        mh_xw_start(p.w, "body");
        mh_xw_element(p.w, "h1",
                      "Observatoire de la maturité cybersécurité des établissements de santé");
        mh_xw_start(p.w, "p");
        mh_xw_attr(p.w, "class", "meta");
        mh_xw_textf(p.w, "Campagne %s · référentiel %s %s · SHA-256 %s",
                    mh_population_campaign(pop), pop->ref->id, pop->ref->version, pop->ref->sha256);
        if (options != NULL && options->date != NULL)
                mh_xw_textf(p.w, " · publié le %s", options->date);
        mh_xw_end(p.w);
        mh_xw_start(p.w, "p");
        mh_xw_textf(p.w,
                    "%zu établissements, %zu questionnaires soumis, %zu éligibles (soumis et "
                    "complets).",
                    nation.n_establishments, nation.n_submitted, nation.n_eligible);
        if (!nation.suppressed)
                mh_xw_textf(p.w, " Score global : moyenne %.1f, médiane %.1f sur 100.", nation.mean,
                            nation.median);
        mh_xw_end(p.w);
        section_palmares(&p, ranking);
        section_participation(&p);
        section_scores(&p);
        section_levels(&p, &nation);
        section_criteria(&p, &nation);
        mh_xw_element(p.w, "h2", "Méthode");
        mh_xw_start(p.w, "p");
        mh_xw_attr(p.w, "class", "note");
        mh_xw_textf(p.w,
                    "Les statistiques portent sur les établissements éligibles. Aucune "
                    "statistique n'est publiée pour un groupe de moins de %u établissements "
                    "éligibles, ni aucun taux d'atteinte calculé sur moins de %u établissements. "
                    "Ne sont jamais publiés : les réponses, les commentaires, les résultats "
                    "détaillés d'un établissement, ni le score des établissements non nommés.",
                    pop->ref->min_cell_size, pop->ref->min_cell_size);
        mh_xw_end(p.w);
        mh_xw_end(p.w);
        mh_xw_end(p.w);
        rc = mh_xw_close(p.w);
        mh_group_release(&nation);
        mh_free(p.regions);
        return rc;
}

/* ---- publish ------------------------------------------------------------ */

typedef int (*write_fn)(const mh_population *pop, const mh_ranking *ranking,
                        const mh_publish_options *options, FILE *stream);

static int write_palmares(const mh_population *pop, const mh_ranking *ranking,
                          const mh_publish_options *options, FILE *stream)
{
        (void)pop;
        (void)options;
        return mh_write_palmares_csv(ranking, stream);
}

static int write_observatoire_csv(const mh_population *pop, const mh_ranking *ranking,
                                  const mh_publish_options *options, FILE *stream)
{
        (void)ranking;
        (void)options;
        return mh_write_observatoire_csv(pop, stream);
}

static int write_file(const char *dir, const char *name, write_fn fn, const mh_population *pop,
                      const mh_ranking *ranking, const mh_publish_options *options)
{
        char path[4096];
        FILE *f;
        int rc;

        snprintf(path, sizeof(path), "%s/%s", dir, name);
        if ((f = fopen(path, "wb")) == NULL)
                return MH_EIO;
        rc = fn(pop, ranking, options, f);
        if (fclose(f) != 0 && rc == 0)
                rc = MH_EIO;
        return rc;
}

int mh_publish(const mh_population *pop, const mh_publish_options *options, const char *dir)
{
        mh_scope national;
        mh_ranking *ranking = NULL;
        int rc;

        if (pop == NULL || dir == NULL || pop->n == 0)
                return MH_EUSAGE;
        memset(&national, 0, sizeof(national));
        if ((rc = mh_rank(&ranking, pop, &national, NULL)) < 0)
                return rc;
        if ((rc = write_file(dir, "palmares.csv", write_palmares, pop, ranking, options)) == 0 &&
            (rc = write_file(dir, "observatoire.csv", write_observatoire_csv, pop, ranking,
                             options)) == 0 &&
            (rc = write_file(dir, "observatoire.xml", write_observatoire_xml, pop, ranking,
                             options)) == 0)
                rc = write_file(dir, "index.html", write_index_html, pop, ranking, options);
        mh_ranking_free(ranking);
        return rc;
}

/* ---- The CISO's report -------------------------------------------------- */

static int compare_double(const void *a, const void *b)
{
        double x = *(const double *)a, y = *(const double *)b;

        return x < y ? -1 : x > y;
}

/* The median of the eligible peers' scores of domain `d`, NaN when the group is too small. */
static double peers_median(const mh_population *pop, const mh_establishment *est, size_t d)
{
        double *values;
        size_t i, n = 0, eligible = 0;
        double median = (double)NAN;

        if (pop == NULL || (values = mh_malloc((pop->n + 1) * sizeof(double))) == NULL)
                return median;
        for (i = 0; i < pop->n; i++) {
                const struct mh_member *m = pop->members[i];

                if (!m->eligible || strcmp(m->region, est->region) != 0 ||
                    strcmp(m->category, est->category) != 0)
                        continue;
                eligible++;
                if (!isnan(m->domains[d]))
                        values[n++] = m->domains[d];
        }
        if (eligible >= pop->ref->min_cell_size && n > 0) {
                qsort(values, n, sizeof(double), compare_double);
                median = n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        }
        mh_free(values);
        return median;
}

static void polygon(mh_xw *w, const double *values, size_t n, double cx, double cy, double radius,
                    const char *fill, const char *stroke)
{
        char points[4096] = "";
        size_t i, used = 0;

        for (i = 0; i < n; i++) {
                double angle = -PI / 2 + 2 * PI * (double)i / (double)n;
                double r = radius * (isnan(values[i]) ? 0 : values[i]) / 100;
                char point[48];
                int len = snprintf(point, sizeof(point), "%s%.1f,%.1f", i ? " " : "",
                                   cx + r * cos(angle), cy + r * sin(angle));

                if (len > 0 && used + (size_t)len < sizeof(points)) {
                        memcpy(points + used, point, (size_t)len + 1);
                        used += (size_t)len;
                }
        }
        mh_xw_start(w, "polygon");
        mh_xw_attr(w, "points", points);
        mh_xw_attr(w, "fill", fill);
        mh_xw_attr(w, "stroke", stroke);
        mh_xw_attr(w, "stroke-width", "2");
        mh_xw_end(w);
}

int mh_report_write(const mh_referentiel *ref, const mh_establishment *est,
                    const mh_population *pop, FILE *stream)
{
        const double cx = 260, cy = 230, radius = 160;
        mh_result *result = NULL;
        struct mh_action *actions = NULL;
        double own[64], peers[64];
        size_t d, c, i, n = ref->n_domains < 64 ? ref->n_domains : 64, n_actions = 0;
        int have_peers = 0, rc;
        mh_xw *w;

        if ((rc = mh_evaluate(&result, ref, est)) < 0)
                return rc;
        if ((rc = mh_action_plan(ref, est, result, &actions, &n_actions)) < 0 ||
            (rc = mh_xw_open(&w, stream, 0)) < 0) {
                mh_free(actions);
                mh_result_free(result);
                return rc;
        }
        for (d = 0; d < n; d++) {
                own[d] = mh_result_domain_score(result, &ref->domains[d]);
                peers[d] = peers_median(pop, est, d);
                have_peers |= !isnan(peers[d]);
        }
        mh_xw_doctype_html(w);
        mh_xw_start_ns(w, "html", XHTML_NS);
        mh_xw_attr(w, "lang", "fr");
        mh_xw_attr(w, "xml:lang", "fr");
        mh_xw_start(w, "head");
        mh_xw_start(w, "meta");
        mh_xw_attr(w, "charset", "utf-8");
        mh_xw_end(w);
        mh_xw_start(w, "title");
        mh_xw_textf(w, "Maturité cybersécurité — %s", est->name);
        mh_xw_end(w);
        mh_xw_element(w, "style", style);
        mh_xw_end(w);
        mh_xw_start(w, "body");
        mh_xw_start(w, "p");
        mh_xw_attr(w, "class", "meta");
        mh_xw_text(w, "Document interne à l'établissement : il détaille ses réponses et ne doit "
                      "pas être publié.");
        mh_xw_end(w);
        mh_xw_start(w, "h1");
        mh_xw_textf(w, "Maturité cybersécurité — %s", est->name);
        mh_xw_end(w);
        mh_xw_start(w, "p");
        mh_xw_attr(w, "class", "meta");
        mh_xw_textf(w,
                    "FINESS %s · campagne %s (date de référence %s) · référentiel %s %s · "
                    "SHA-256 %s",
                    est->finess, est->campaign, est->reference_date, ref->id, ref->version,
                    ref->sha256);
        mh_xw_end(w);
        mh_xw_start(w, "p");
        if (mh_result_has_global(result))
                mh_xw_textf(w,
                            "Score global %.1f sur 100 · niveau %u%s%s · complétude %.0f %% · "
                            "mesures prioritaires %zu sur %zu.",
                            mh_round1(mh_result_global(result)), mh_result_level(result),
                            mh_result_level(result) ? " " : " (aucun)",
                            mh_result_level(result)
                                ? mh_referentiel_level_label(ref, mh_result_level(result), NULL)
                                : "",
                            floor(mh_result_completeness(result) * 100 + 0.5),
                            mh_result_priority_achieved(result), mh_result_priority_total(result));
        mh_xw_end(w);

        mh_xw_element(w, "h2", "Scores par domaine");
        mh_xw_start(w, "p");
        mh_xw_text(w, have_peers ? "En bleu l'établissement ; en orange la médiane des "
                                   "établissements éligibles de la même catégorie dans la même "
                                   "région."
                                 : "En bleu l'établissement. La médiane des établissements "
                                   "comparables n'est pas montrée : ils sont trop peu nombreux.");
        mh_xw_end(w);
        svg_start(w, 2 * cx, 2 * cy, "Scores par domaine");
        for (i = 1; i <= 4; i++) {
                mh_xw_start(w, "circle");
                mh_xw_attrf(w, "cx", "%.0f", cx);
                mh_xw_attrf(w, "cy", "%.0f", cy);
                mh_xw_attrf(w, "r", "%.1f", radius * (double)i / 4);
                mh_xw_attr(w, "fill", "none");
                mh_xw_attr(w, "stroke", "#dddddd");
                mh_xw_end(w);
        }
        for (d = 0; d < n; d++) {
                double angle = -PI / 2 + 2 * PI * (double)d / (double)n;

                svg_line(w, cx, cy, cx + radius * cos(angle), cy + radius * sin(angle), "#dddddd",
                         1);
                svg_text(w, cx + (radius + 22) * cos(angle), cy + (radius + 22) * sin(angle) + 4,
                         "middle", ref->domains[d].id);
        }
        if (have_peers)
                polygon(w, peers, n, cx, cy, radius, "none", "#e67e22");
        polygon(w, own, n, cx, cy, radius, "rgba(42,111,151,0.25)", "#2a6f97");
        mh_xw_end(w);

        mh_xw_element(w, "h2", "Critères");
        mh_xw_start(w, "table");
        mh_xw_start(w, "tr");
        mh_xw_element(w, "th", "Critère");
        mh_xw_element(w, "th", "Intitulé");
        mh_xw_element(w, "th", "Niveau");
        mh_xw_element(w, "th", "Statut");
        mh_xw_element(w, "th", "Score");
        mh_xw_end(w);
        for (d = 0; d < ref->n_domains; d++) {
                for (c = 0; c < ref->domains[d].n_criteria; c++) {
                        const struct mh_criterion *crit = &ref->domains[d].criteria[c];
                        double score = mh_result_criterion_score(result, crit);

                        mh_xw_start(w, "tr");
                        mh_xw_element(w, "td", crit->id);
                        mh_xw_element(w, "td", mh_text_get(&crit->title, NULL));
                        mh_xw_start(w, "td");
                        mh_xw_textf(w, "%u%s", crit->level, crit->priority ? " (prioritaire)" : "");
                        mh_xw_end(w);
                        mh_xw_element(w, "td",
                                      mh_status_name(mh_result_criterion_status(result, crit)));
                        mh_xw_start(w, "td");
                        if (!isnan(score))
                                mh_xw_textf(w, "%.0f %%", floor(score * 100 + 0.5));
                        mh_xw_end(w);
                        mh_xw_end(w);
                }
        }
        mh_xw_end(w);

        mh_xw_element(w, "h2", "Plan d'action");
        mh_xw_element(w, "p",
                      "Les critères non atteints, mesures prioritaires d'abord, puis par "
                      "points de score global gagnés en les atteignant.");
        mh_xw_start(w, "ol");
        for (i = 0; i < n_actions; i++) {
                mh_xw_start(w, "li");
                mh_xw_textf(w, "%s %s : +%.1f points%s", actions[i].criterion->id,
                            mh_text_get(&actions[i].criterion->title, NULL), actions[i].gain,
                            actions[i].criterion->priority ? " (mesure prioritaire)" : "");
                mh_xw_end(w);
        }
        mh_xw_end(w);
        mh_xw_end(w);
        mh_xw_end(w);
        rc = mh_xw_close(w);
        mh_free(actions);
        mh_result_free(result);
        return rc;
}
