/*
 * report.c: the CISO's private report (`maturinh report`), an XHTML page
 * with the establishment's own details: global score, level, domain scores
 * as a radar against its peers' medians, the criteria and the action plan.
 * It is not for publication; the peers' figures it shows follow the rule of
 * publication.md, so that no peer's own score can be read from it.
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answers_internal.h"
#include "explain_internal.h"
#include "maturinh/publication.h"
#include "page.h"
#include "publication_internal.h"
#include "referentiel_internal.h"

#define PI 3.14159265358979323846

static int compare_double(const void *a, const void *b)
{
        double x = *(const double *)a, y = *(const double *)b;

        return x < y ? -1 : x > y;
}

/*
 * The median of domain `d` over the peers (the other eligible establishments
 * of the same region and category) that have it scored, or NaN when fewer
 * than min_cell_size of them do (publication.md): a median of fewer peers
 * could be one peer's own score.
 */
static double peers_median(const mh_population *pop, const mh_establishment *est, size_t d)
{
        double *values;
        size_t i, n = 0;
        double median = (double)NAN;

        if (pop == NULL || (values = mh_malloc((pop->n + 1) * sizeof(double))) == NULL)
                return median;
        for (i = 0; i < pop->n; i++) {
                const struct mh_member *m = pop->members[i];

                if (!m->eligible || strcmp(m->finess, est->finess) == 0 ||
                    strcmp(m->region, est->region) != 0 || strcmp(m->category, est->category) != 0)
                        continue;
                if (!isnan(m->domains[d]))
                        values[n++] = m->domains[d];
        }
        if (n >= pop->ref->min_cell_size && n > 0) {
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
        mh_xw_start_ns(w, "html", MH_XHTML_NS);
        mh_xw_attr(w, "lang", "fr");
        mh_xw_attr(w, "xml:lang", "fr");
        mh_xw_start(w, "head");
        mh_xw_start(w, "meta");
        mh_xw_attr(w, "charset", "utf-8");
        mh_xw_end(w);
        mh_xw_start(w, "title");
        mh_xw_textf(w, "Maturité cybersécurité — %s", est->name);
        mh_xw_end(w);
        mh_xw_element(w, "style", mh_page_style);
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
        mh_svg_start(w, 2 * cx, 2 * cy, "Scores par domaine");
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

                mh_svg_line(w, cx, cy, cx + radius * cos(angle), cy + radius * sin(angle),
                            "#dddddd", 1);
                mh_svg_text(w, cx + (radius + 22) * cos(angle), cy + (radius + 22) * sin(angle) + 4,
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
