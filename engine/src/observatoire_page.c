/*
 * observatoire_page.c: index.html, the Observatoire's public page: a
 * self-contained XHTML page in French whose charts are inline SVG, drawn
 * from the same ranking and Observatoire groups as the CSV and XML files.
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "maturinh/publication.h"
#include "page.h"
#include "publication_internal.h"
#include "referentiel_internal.h"

/* Horizontal bars: one per label, value in [0, max], NaN drawn as "—". */
static void bar_chart(mh_xw *w, const char *label, const char *const *labels, const double *values,
                      size_t n, double max, int decimals, const char *unit)
{
        const double left = 300, width = 320, row = 22;
        char text[64];
        size_t i;

        mh_svg_start(w, left + width + 70, row * (double)n + 10, label);
        for (i = 0; i < n; i++) {
                double y = 5 + row * (double)i;

                mh_svg_text(w, left - 8, y + 14, "end", labels[i]);
                mh_svg_rect(w, left, y + 3, width, row - 8, "#eeeeee");
                if (isnan(values[i])) {
                        mh_svg_text(w, left + 6, y + 14, NULL, "effectif insuffisant");
                        continue;
                }
                mh_svg_rect(w, left, y + 3, width * values[i] / max, row - 8, "#2a6f97");
                snprintf(text, sizeof(text), "%.*f%s", decimals, values[i], unit);
                mh_svg_text(w, left + width + 6, y + 14, NULL, text);
        }
        mh_xw_end(w);
}

struct page {
        const mh_population *pop;
        const struct mh_observatoire *obs;
        mh_xw *w;
        const struct mh_group **regions; /* the regions' groups */
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
                    "parmi les établissements nommés.",
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
                mh_xw_textf(w, "%u", e->praise_rank);
                mh_xw_end(w);
                mh_xw_element(w, "td", e->finess);
                mh_xw_element(w, "td", e->name);
                mh_xw_element(w, "td", mh_region_name(e->region));
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
                const struct mh_group *g = p->regions[r];

                rates[r] = 100.0 * (double)g->n_submitted / (double)g->n_establishments;
                snprintf(texts[r], sizeof(texts[r]), "%s (%zu/%zu)", mh_region_name(g->region),
                         g->n_submitted, g->n_establishments);
                labels[r] = texts[r];
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
        mh_svg_start(w, left + width + 40, row * (double)p->n_regions + 30,
                     "Distribution des scores par région");
        for (r = 0; r <= 4; r++) {
                double x = left + width * (double)r / 4;

                mh_svg_line(w, x, 0, x, row * (double)p->n_regions, "#dddddd", 1);
                snprintf(label, sizeof(label), "%zu", r * 25);
                mh_svg_text(w, x, row * (double)p->n_regions + 16, "middle", label);
        }
        for (r = 0; r < p->n_regions; r++) {
                const struct mh_group *grp = p->regions[r], g = *grp;
                double y = row * (double)r;

                snprintf(label, sizeof(label), "%s (%zu éligibles)", mh_region_name(g.region),
                         g.n_eligible);
                mh_svg_text(w, left - 8, y + 16, "end", label);
                if (g.suppressed) {
                        mh_svg_text(w, left + 6, y + 16, NULL, "effectif insuffisant");
                } else {
                        double x25 = left + width * g.p25 / 100, x75 = left + width * g.p75 / 100;

                        mh_svg_rect(w, x25, y + 5, x75 - x25 > 1 ? x75 - x25 : 1, row - 10,
                                    "#a9cce3");
                        mh_svg_line(w, left + width * g.median / 100, y + 3,
                                    left + width * g.median / 100, y + row - 3, "#1b4f72", 2);
                        mh_xw_start(w, "circle");
                        mh_xw_attrf(w, "cx", "%.1f", left + width * g.mean / 100);
                        mh_xw_attrf(w, "cy", "%.1f", y + row / 2);
                        mh_xw_attr(w, "r", "3");
                        mh_xw_attr(w, "fill", "#c0392b");
                        mh_xw_end(w);
                }
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

int mh_write_index_html(const mh_population *pop, const struct mh_observatoire *obs,
                        const mh_ranking *ranking, const mh_publish_options *options, FILE *stream)
{
        struct page p;
        struct mh_group nation = obs->groups[0];
        size_t g;
        int rc;

        memset(&p, 0, sizeof(p));
        p.pop = pop;
        p.obs = obs;
        if ((p.regions = mh_malloc((obs->n_regions + 1) * sizeof(*p.regions))) == NULL)
                return MH_ENOMEM;
        for (g = 1; g < obs->n_groups; g++)
                if (obs->groups[g].category == NULL)
                        p.regions[p.n_regions++] = &obs->groups[g];
        if ((rc = mh_xw_open(&p.w, stream, 0)) < 0) {
                mh_free(p.regions);
                return rc;
        }
        mh_xw_doctype_html(p.w);
        mh_xw_start_ns(p.w, "html", MH_XHTML_NS);
        mh_xw_attr(p.w, "lang", "fr");
        mh_xw_attr(p.w, "xml:lang", "fr");
        mh_xw_start(p.w, "head");
        mh_xw_start(p.w, "meta");
        mh_xw_attr(p.w, "charset", "utf-8");
        mh_xw_end(p.w);
        mh_xw_start(p.w, "title");
        mh_xw_textf(p.w, "Observatoire MaturiN'H — campagne %s", mh_population_campaign(pop));
        mh_xw_end(p.w);
        mh_xw_element(p.w, "style", mh_page_style);
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
        mh_free(p.regions);
        return rc;
}
