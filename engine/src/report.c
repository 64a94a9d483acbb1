/*
 * report.c: the CISO's private report (`maturinh report`), an XHTML page
 * with the establishment's own details, for its security committee:
 *
 * - the summary: global score, level, completeness, mesures prioritaires;
 * - the domain scores, as a radar and as a table, against the median of its
 *   peers (the other eligible establishments of its region and category);
 * - what blocks the next maturity level (explain.c's rule, shared with
 *   `maturinh explain`), the priority cap when it holds;
 * - the action plan (explain.c's mh__action_plan), then every criterion
 *   with its status and score.
 *
 * Everything a person reads is in French: statuses (page.c's mh__fr_status),
 * numbers with a decimal comma ("81,9", "13 %" with a no-break space),
 * dates ("30 juin 2025").  Every text goes through the XML writer, which
 * escapes it; the page loads nothing (inline style and SVG).
 *
 * The radar's axes are the domains that apply to the establishment: a
 * domain that does not apply has no score, and is shown as "non applicable"
 * in the table rather than as a vertex at 0.
 *
 * It is not for publication, yet the peers' figures it shows follow the
 * rule of publication.md: a domain's peer median only where at least
 * min_cell_size peers other than the establishment have that domain scored,
 * so that no peer's own score can be read from it; elsewhere the page says
 * why there is none.  The file is created private (cmd_publish.c).
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "establishment_internal.h"
#include "explain_internal.h"
#include "maturinh/categories.h"
#include "maturinh/publication.h"
#include "page.h"
#include "util/cnum.h"
#include "publish_internal.h"
#include "referentiel_internal.h"

#define PI   3.14159265358979323846
#define NBSP "\xc2\xa0" /* U+00A0 NO-BREAK SPACE, before "%" and ":" */

/* What the report's own rules add to mh__page_style. */
static const char report_style[] =
    "td.id,th.id{white-space:nowrap}td.n,th.n{white-space:nowrap}"
    "tr.domain td{background:#f3f6f8;font-weight:600;border-bottom:1px solid #ccc}"
    "td.why{color:#555;font-size:.9em}"
    "td.st{white-space:nowrap}.st-ok{color:#1e7b34}.st-mid{color:#a15c00}"
    ".st-ko,.st-miss{color:#b00020;font-weight:600}.st-na{color:#777}"
    "svg text.ring{font-size:10px;fill:#666;paint-order:stroke;stroke:#fff;stroke-width:3px}"
    "svg{display:block;margin:1em auto}"
    ".tag{display:block;color:#555;font-size:.85em}"
    "@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr,svg{break-inside:avoid}"
    ".cap{-webkit-print-color-adjust:exact;print-color-adjust:exact}}"
    ".cap{border-left:4px solid #b00020;padding:.3em .8em;background:#fbeff1}";

static int compare_double(const void *a, const void *b)
{
        double x = *(const double *)a, y = *(const double *)b;

        return x < y ? -1 : x > y;
}

/*
 * The median of domain `d` over the peers (the other eligible establishments
 * of the same region and category) that have it scored, or NaN when fewer
 * than min_cell_size of them do (publication.md): a median of fewer peers
 * could be one peer's own score.  `values` has room for every member.
 */
static double peers_median(const mh_population *pop, const mh_establishment *est, size_t d,
                           double *values)
{
        size_t i, n = 0;

        for (i = 0; i < pop->n; i++) {
                const struct mh__member *m = pop->members[i];

                if (!m->eligible || strcmp(m->finess, est->finess) == 0 ||
                    strcmp(m->region, est->region) != 0 || strcmp(m->category, est->category) != 0)
                        continue;
                if (!isnan(m->domains[d]))
                        values[n++] = m->domains[d];
        }
        if (n == 0 || n < pop->ref->min_cell_size)
                return (double)NAN;
        qsort(values, n, sizeof(double), compare_double);
        return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* A score for people: round1, one decimal, decimal comma ("81,9"). */
static char *fr_score(char *buf, size_t size, double score)
{
        return mh__fr_number(buf, size, mh_round1(score), 1);
}

/* A fraction as a whole percentage, French style ("13 %"). */
static char *fr_percent(char *buf, size_t size, double fraction)
{
        return mh__fr_percent(buf, size, mh_percent(fraction), 0);
}

/* "niveau 2 (Fondamental)", "niveau 0 (Aucun niveau atteint)". */
static void level_text(mh__xw *w, const mh_referentiel *ref, unsigned level)
{
        mh__xw_textf(w, "%u (", level);
        mh__xw_text(w, mh_referentiel_level_label(ref, level, NULL));
        mh__xw_text(w, ")");
}

static void cell(mh__xw *w, const char *class, const char *text)
{
        mh__xw_start(w, "td");
        if (class != NULL)
                mh__xw_attr(w, "class", class);
        mh__xw_text(w, text);
        mh__xw_end(w);
}

static void header_cell(mh__xw *w, const char *class, const char *text)
{
        mh__xw_start(w, "th");
        if (class != NULL)
                mh__xw_attr(w, "class", class);
        mh__xw_text(w, text);
        mh__xw_end(w);
}

/* The class that colours a status (no English status name in the page, not even there). */
static const char *status_class(mh_status status)
{
        switch (status) {
        case MH_STATUS_ACHIEVED:
                return "st st-ok";
        case MH_STATUS_PARTIAL:
                return "st st-mid";
        case MH_STATUS_NOT_ACHIEVED:
                return "st st-ko";
        case MH_STATUS_MISSING:
                return "st st-miss";
        case MH_STATUS_NOT_APPLICABLE:
                break;
        }
        return "st st-na";
}

/* A status cell, coloured by its class. */
static void status_cell(mh__xw *w, mh_status status)
{
        mh__xw_start(w, "td");
        mh__xw_attr(w, "class", status_class(status));
        mh__xw_text(w, mh__fr_status(status));
        mh__xw_end(w);
}

/* The radar's geometry: axis i of n starts at the top and turns clockwise. */
struct radar {
        double cx, cy, radius;
        size_t n;
};

static double radar_x(const struct radar *r, size_t i, double value)
{
        return r->cx + r->radius * value / 100 * cos(-PI / 2 + 2 * PI * (double)i / (double)r->n);
}

static double radar_y(const struct radar *r, size_t i, double value)
{
        return r->cy + r->radius * value / 100 * sin(-PI / 2 + 2 * PI * (double)i / (double)r->n);
}

static void dot(mh__xw *w, double x, double y, const char *fill)
{
        mh__xw_start(w, "circle");
        mh__xw_attrf(w, "cx", "%.1f", x);
        mh__xw_attrf(w, "cy", "%.1f", y);
        mh__xw_attr(w, "r", "3");
        mh__xw_attr(w, "fill", fill);
        mh__xw_end(w);
}

/*
 * The values of `axes` (NaN: no value there) as a closed polygon when every
 * axis has one; otherwise as polylines through each run of neighbouring
 * axes that have one, never through the centre.  A dot marks each value.
 */
static int radar_shape(mh__xw *w, const struct radar *r, const double *values, const char *class,
                       const char *fill, const char *stroke, const char *dash)
{
        mh__strbuf points = {0};
        size_t i, start, missing = 0, k;

        for (i = 0; i < r->n; i++)
                missing += isnan(values[i]) != 0;
        if (missing == r->n)
                return 0;
        /* start each run just after an axis without a value (or at 0 for a whole polygon) */
        for (start = 0; missing > 0 && !isnan(values[start]); start++)
                ;
        for (k = 0; k <= r->n; k++) {
                size_t a = (start + k) % r->n;
                int end_of_run = k == r->n || isnan(values[a]);

                if (!end_of_run)
                        mh__strbuf_printf(&points, "%s%.1f,%.1f", points.length ? " " : "",
                                          radar_x(r, a, values[a]), radar_y(r, a, values[a]));
                if (points.failed) { /* at the first point too: the shape would be left out */
                        mh__strbuf_free(&points);
                        return MH_ENOMEM;
                }
                if ((end_of_run || (missing == 0 && k == r->n - 1)) && points.length > 0) {
                        mh__xw_start(w, missing == 0 ? "polygon" : "polyline");
                        mh__xw_attr(w, "class", class);
                        mh__xw_attr(w, "points", mh__strbuf_cstr(&points));
                        mh__xw_attr(w, "fill", missing == 0 ? fill : "none");
                        mh__xw_attr(w, "stroke", stroke);
                        mh__xw_attr(w, "stroke-width", "2");
                        if (dash != NULL)
                                mh__xw_attr(w, "stroke-dasharray", dash);
                        mh__xw_end(w);
                        mh__strbuf_clear(&points);
                        if (missing == 0)
                                break;
                }
        }
        for (i = 0; i < r->n; i++)
                if (!isnan(values[i]))
                        dot(w, radar_x(r, i, values[i]), radar_y(r, i, values[i]), stroke);
        mh__strbuf_free(&points);
        return 0;
}

/*
 * The radar of the applicable domains (`axes`, `n` of them, at least 3):
 * rings at 25, 50, 75 and 100 with their labels, the peers' medians in
 * dashed orange where shown, the establishment in blue.
 */
static int radar_chart(mh__xw *w, const mh_referentiel *ref, const size_t *axes, size_t n,
                       const double *own, const double *peers, int have_peers)
{
        const struct radar r = {.cx = 300, .cy = 215, .radius = 160, .n = n};
        const double legend_y = 2 * r.cy + 20;
        size_t i;
        int rc;

        mh__svg_start(w, 2 * r.cx, legend_y + 20,
                      have_peers ? "Scores par domaine de l'établissement et médiane des "
                                   "établissements comparables"
                                 : "Scores par domaine de l'établissement");
        for (i = 1; i <= 4; i++) {
                mh__xw_start(w, "circle");
                mh__xw_attrf(w, "cx", "%.1f", r.cx);
                mh__xw_attrf(w, "cy", "%.1f", r.cy);
                mh__xw_attrf(w, "r", "%.1f", r.radius * (double)i / 4);
                mh__xw_attr(w, "fill", "none");
                mh__xw_attr(w, "stroke", "#dddddd");
                mh__xw_end(w);
        }
        for (i = 0; i < n; i++) {
                const struct mh_domain *domain = &ref->domains[axes[i]];
                double c = cos(-PI / 2 + 2 * PI * (double)i / (double)n);

                mh__svg_line(w, r.cx, r.cy, radar_x(&r, i, 100), radar_y(&r, i, 100), "#dddddd", 1);
                mh__svg_text(w, radar_x(&r, i, 112), radar_y(&r, i, 112) + 4,
                             c > 0.3    ? "start"
                             : c < -0.3 ? "end"
                                        : "middle",
                             domain->id);
        }
        /* the peers over the establishment: where they are equal, the dashes still show */
        if ((rc = radar_shape(w, &r, own, "own", "rgba(42,111,151,0.25)", "#2a6f97", NULL)) < 0)
                return rc;
        if (have_peers && (rc = radar_shape(w, &r, peers, "peers", "none", "#e67e22", "6 3")) < 0)
                return rc;
        /* the rings' values, between the first two axes (clear of their dots), over the shapes */
        for (i = 1; i <= 4; i++) {
                double angle = -PI / 2 + PI / (double)n, ring = r.radius * (double)i / 4;

                mh__xw_start(w, "text");
                mh__xw_attr(w, "class", "ring");
                mh__xw_attr(w, "text-anchor", "middle");
                mh__xw_attrf(w, "x", "%.1f", r.cx + ring * cos(angle));
                mh__xw_attrf(w, "y", "%.1f", r.cy + ring * sin(angle) + 3);
                mh__xw_textf(w, "%zu", i * 25);
                mh__xw_end(w);
        }
        /* the legend */
        mh__svg_rect(w, 20, legend_y - 10, 14, 10, "#2a6f97");
        mh__svg_text(w, 40, legend_y, "start", "L'établissement");
        if (have_peers) {
                mh__xw_start(w, "line");
                mh__xw_attr(w, "x1", "180");
                mh__xw_attrf(w, "y1", "%.1f", legend_y - 5);
                mh__xw_attr(w, "x2", "200");
                mh__xw_attrf(w, "y2", "%.1f", legend_y - 5);
                mh__xw_attr(w, "stroke", "#e67e22");
                mh__xw_attr(w, "stroke-width", "2");
                mh__xw_attr(w, "stroke-dasharray", "6 3");
                mh__xw_end(w);
                mh__svg_text(w, 206, legend_y, "start", "Médiane des établissements comparables");
        }
        mh__xw_end(w);
        return 0;
}

/* The domain table: score, peers' median or why there is none, and the difference. */
static void domain_table(mh__xw *w, const mh_referentiel *ref, const double *own,
                         const double *peers)
{
        char buf[64], k[32];
        size_t d;

        mh__fr_count(k, sizeof(k), ref->min_cell_size);
        mh__xw_start(w, "table");
        mh__xw_attr(w, "class", "domains");
        mh__xw_start(w, "tr");
        header_cell(w, "id", "Domaine");
        header_cell(w, NULL, "Intitulé");
        header_cell(w, "n", "Score");
        header_cell(w, NULL, "Médiane des établissements comparables");
        header_cell(w, "n", "Écart");
        mh__xw_end(w);
        for (d = 0; d < ref->n_domains; d++) {
                const struct mh_domain *domain = &ref->domains[d];

                mh__xw_start(w, "tr");
                mh__xw_attrf(w, "id", "domaine-%s", domain->id);
                cell(w, "id", domain->id);
                cell(w, NULL, mh__text_get(&domain->title, NULL));
                if (isnan(own[d])) {
                        cell(w, "n st-na", mh__fr_status(MH_STATUS_NOT_APPLICABLE));
                        cell(w, "why",
                             "sans objet : le domaine ne s'applique pas à "
                             "l'établissement");
                        cell(w, "n", "—");
                } else if (isnan(peers[d])) {
                        cell(w, "n", fr_score(buf, sizeof(buf), own[d]));
                        mh__xw_start(w, "td");
                        mh__xw_attr(w, "class", "why");
                        mh__xw_textf(w,
                                     "non montrée : moins de %s établissements comparables ont ce "
                                     "domaine évalué",
                                     k);
                        mh__xw_end(w);
                        cell(w, "n", "—");
                } else {
                        double diff = mh_round1(own[d]) - mh_round1(peers[d]);
                        char sign[8];

                        cell(w, "n", fr_score(buf, sizeof(buf), own[d]));
                        cell(w, "median", fr_score(buf, sizeof(buf), peers[d]));
                        /* a true minus sign; no sign when equal */
                        mh__snprintf_text(sign, sizeof(sign), "%s",
                                          diff < -0.05  ? "\xe2\x88\x92"
                                          : diff > 0.05 ? "+"
                                                        : "");
                        mh__xw_start(w, "td");
                        mh__xw_attr(w, "class", "n");
                        mh__xw_text(w, sign);
                        mh__xw_text(w, mh__fr_number(buf, sizeof(buf), fabs(diff), 1));
                        mh__xw_end(w);
                }
                mh__xw_end(w);
        }
        mh__xw_end(w);
}

/* "Ce qui bloque le niveau suivant": explain.c's rule (mh__blocks_next_level). */
static void next_level_section(mh__xw *w, const mh_referentiel *ref, const mh_result *result)
{
        unsigned level = mh_result_level(result), next = mh__next_level(ref, result);
        char buf[32];
        size_t i, n = 0;

        mh__xw_start(w, "h2");
        mh__xw_attr(w, "id", "niveau-suivant");
        mh__xw_text(w, "Ce qui bloque le niveau suivant");
        mh__xw_end(w);
        if (next == 0) {
                mh__xw_start(w, "p");
                mh__xw_text(w, "Niveau ");
                level_text(w, ref, level);
                mh__xw_text(w, " : tous les niveaux du référentiel sont atteints.");
                mh__xw_end(w);
                return;
        }
        for (i = 0; i < ref->n_criteria; i++)
                n += mh__blocks_next_level(ref, result, ref->criteria_by_index[i]) != 0;
        if (n == 0) { /* below the top with nothing blocking: nothing was scored */
                mh__xw_start(w, "p");
                mh__xw_text(w, "Niveau actuel ");
                level_text(w, ref, level);
                mh__xw_text(w, " : aucun critère n'est évalué (aucun ne s'applique, ou tous sont "
                               "répondus na), aucun niveau n'est donc atteint.");
                mh__xw_end(w);
                return;
        }
        mh__xw_start(w, "p");
        mh__xw_text(w, "Niveau actuel ");
        level_text(w, ref, level);
        mh__xw_text(w, ". Pour atteindre le niveau ");
        level_text(w, ref, next);
        mh__xw_textf(w,
                     ", %s critère%s reste%s à atteindre : ceux de niveau %u ou moins qui ne sont "
                     "pas atteints",
                     mh__fr_count(buf, sizeof(buf), n), n > 1 ? "s" : "", n > 1 ? "nt" : "", next);
        mh__xw_text(w, mh__next_level_capped(ref, result)
                           ? ", et toutes les mesures prioritaires non atteintes."
                           : ".");
        mh__xw_end(w);
        if (mh__next_level_capped(ref, result)) {
                size_t failing =
                    mh_result_priority_total(result) - mh_result_priority_achieved(result);

                mh__xw_start(w, "p");
                mh__xw_attr(w, "class", "cap");
                mh__xw_textf(
                    w,
                    "Plafond des mesures prioritaires : %zu mesure%s prioritaire%s sur %zu "
                    "%s pas atteinte%s. Tant qu'une mesure prioritaire n'est pas atteinte, "
                    "le niveau est plafonné à %d, quels que soient les autres critères.",
                    failing, failing > 1 ? "s" : "", failing > 1 ? "s" : "",
                    mh_result_priority_total(result), failing > 1 ? "ne sont" : "n'est",
                    failing > 1 ? "s" : "", ref->priority_level_cap);
                mh__xw_end(w);
        }
        mh__xw_start(w, "table");
        mh__xw_attr(w, "class", "blocking");
        mh__xw_start(w, "tr");
        header_cell(w, "id", "Critère");
        header_cell(w, NULL, "Intitulé");
        header_cell(w, "n", "Niveau");
        header_cell(w, NULL, "Statut");
        header_cell(w, NULL, "Mesure prioritaire");
        mh__xw_end(w);
        for (i = 0; i < ref->n_criteria; i++) {
                const struct mh_criterion *crit = ref->criteria_by_index[i];

                if (!mh__blocks_next_level(ref, result, crit))
                        continue;
                mh__xw_start(w, "tr");
                cell(w, "id", crit->id);
                cell(w, NULL, mh__text_get(&crit->title, NULL));
                mh__xw_start(w, "td");
                mh__xw_attr(w, "class", "n");
                mh__xw_textf(w, "%u", crit->level);
                mh__xw_end(w);
                status_cell(w, mh_result_criterion_status(result, crit));
                cell(w, NULL, crit->priority ? "oui" : "non");
                mh__xw_end(w);
        }
        mh__xw_end(w);
}

/* Every criterion, by domain, with its status and score. */
static void criteria_table(mh__xw *w, const mh_referentiel *ref, const mh_result *result)
{
        char buf[32];
        size_t d, c;

        mh__xw_start(w, "table");
        mh__xw_attr(w, "class", "criteria");
        mh__xw_start(w, "tr");
        header_cell(w, "id", "Critère");
        header_cell(w, NULL, "Intitulé");
        header_cell(w, "n", "Niveau");
        header_cell(w, NULL, "Mesure prioritaire");
        header_cell(w, NULL, "Statut");
        header_cell(w, "n", "Score");
        mh__xw_end(w);
        for (d = 0; d < ref->n_domains; d++) {
                const struct mh_domain *domain = &ref->domains[d];

                mh__xw_start(w, "tr");
                mh__xw_attr(w, "class", "domain");
                mh__xw_start(w, "td");
                mh__xw_attr(w, "colspan", "6");
                mh__xw_text(w, domain->id);
                mh__xw_text(w, " — ");
                mh__xw_text(w, mh__text_get(&domain->title, NULL));
                mh__xw_end(w);
                mh__xw_end(w);
                for (c = 0; c < domain->n_criteria; c++) {
                        const struct mh_criterion *crit = &domain->criteria[c];
                        mh_status status = mh_result_criterion_status(result, crit);

                        mh__xw_start(w, "tr");
                        cell(w, "id", crit->id);
                        cell(w, NULL, mh__text_get(&crit->title, NULL));
                        mh__xw_start(w, "td");
                        mh__xw_attr(w, "class", "n");
                        mh__xw_textf(w, "%u", crit->level);
                        mh__xw_end(w);
                        cell(w, NULL, crit->priority ? "oui" : "non");
                        status_cell(w, status);
                        cell(w, "n",
                             status == MH_STATUS_NOT_APPLICABLE
                                 ? "—"
                                 : fr_percent(buf, sizeof(buf),
                                              mh_result_criterion_score(result, crit)));
                        mh__xw_end(w);
                }
        }
        mh__xw_end(w);
}

/* explain.c's action plan, in French. */
static void action_plan(mh__xw *w, const mh_referentiel *ref, const mh_result *result,
                        const struct mh__action *actions, size_t n_actions)
{
        char buf[32];
        size_t i;

        mh__xw_start(w, "h2");
        mh__xw_attr(w, "id", "plan");
        mh__xw_text(w, "Plan d'action");
        mh__xw_end(w);
        if (n_actions == 0) {
                mh__xw_element(w, "p", "Tous les critères évalués sont atteints.");
                return;
        }
        mh__xw_start(w, "p");
        mh__xw_textf(w,
                     "Les %s critères évalués et non atteints : les mesures prioritaires d'abord, "
                     "puis par points de score global gagnés en atteignant chacun (calculés en "
                     "évaluant l'établissement de nouveau comme s'il était atteint).",
                     mh__fr_count(buf, sizeof(buf), n_actions));
        mh__xw_end(w);
        mh__xw_start(w, "table");
        mh__xw_attr(w, "class", "actions");
        mh__xw_start(w, "tr");
        header_cell(w, "n", "Rang");
        header_cell(w, "id", "Critère");
        header_cell(w, NULL, "Intitulé");
        header_cell(w, NULL, "Statut actuel");
        header_cell(w, "n", "Gain");
        mh__xw_end(w);
        for (i = 0; i < n_actions; i++) {
                const struct mh_criterion *crit = actions[i].criterion;

                mh__xw_start(w, "tr");
                mh__xw_start(w, "td");
                mh__xw_attr(w, "class", "n");
                mh__xw_textf(w, "%zu", i + 1);
                mh__xw_end(w);
                cell(w, "id", crit->id);
                mh__xw_start(w, "td");
                mh__xw_text(w, mh__text_get(&crit->title, NULL));
                if (crit->priority || actions[i].level_after > mh_result_level(result)) {
                        mh__xw_start(w, "span");
                        mh__xw_attr(w, "class", "tag");
                        if (crit->priority)
                                mh__xw_text(w, "mesure prioritaire");
                        if (actions[i].level_after > mh_result_level(result)) {
                                mh__xw_text(w, crit->priority ? " ; porterait le niveau à "
                                                              : "porterait le niveau à ");
                                level_text(w, ref, actions[i].level_after);
                        }
                        mh__xw_end(w);
                }
                mh__xw_end(w);
                status_cell(w, mh_result_criterion_status(result, crit));
                mh__xw_start(w, "td");
                mh__xw_attr(w, "class", "n");
                mh__xw_text(w, "+");
                mh__xw_text(w, mh__fr_number(buf, sizeof(buf), actions[i].gain, 1));
                mh__xw_text(w, NBSP "point");
                mh__xw_text(w, fabs(actions[i].gain) >= 2 ? "s" : "");
                mh__xw_end(w);
                mh__xw_end(w);
        }
        mh__xw_end(w);
}

static int report_write(const mh_referentiel *ref, const mh_establishment *est,
                        const mh_population *pop, FILE *stream)
{
        mh_result *result = NULL;
        struct mh__action *actions = NULL;
        double *own = NULL, *peers = NULL, *axis_own, *axis_peers, *values = NULL;
        size_t *axes = NULL;
        size_t d, n_axes = 0, n_actions = 0;
        int have_peers = 0, rc;
        char buf[64], date[64];
        mh__xw *w = NULL;

        if ((rc = mh_evaluate(&result, ref, est)) < 0)
                return rc;
        if ((rc = mh__action_plan(ref, est, result, &actions, &n_actions)) < 0)
                goto out;
        own = mh__malloc((4 * ref->n_domains + 1) * sizeof(double));
        axes = mh__malloc((ref->n_domains + 1) * sizeof(size_t));
        values = mh__malloc(((pop != NULL ? pop->n : 0) + 1) * sizeof(double));
        if (own == NULL || axes == NULL || values == NULL) {
                rc = MH_ENOMEM;
                goto out;
        }
        peers = own + ref->n_domains;
        axis_own = peers + ref->n_domains;
        axis_peers = axis_own + ref->n_domains;
        for (d = 0; d < ref->n_domains; d++) {
                own[d] = mh_result_domain_score(result, &ref->domains[d]);
                /* a domain that does not apply is not compared */
                peers[d] =
                    isnan(own[d]) || pop == NULL ? (double)NAN : peers_median(pop, est, d, values);
                if (!isnan(own[d])) {
                        axes[n_axes] = d;
                        axis_own[n_axes] = own[d];
                        axis_peers[n_axes] = peers[d];
                        n_axes++;
                }
                have_peers |= !isnan(peers[d]);
        }
        if ((rc = mh__xw_open(&w, stream, 0, " ")) < 0)
                goto out;
        mh__xw_doctype_html(w);
        mh__xw_start_ns(w, "html", MH_XHTML_NS);
        mh__xw_attr(w, "lang", "fr");
        mh__xw_attr(w, "xml:lang", "fr");
        mh__xw_start(w, "head");
        mh__xw_start(w, "meta");
        mh__xw_attr(w, "charset", "utf-8");
        mh__xw_end(w);
        mh__xw_start(w, "title");
        mh__xw_text(w, "Maturité cybersécurité — ");
        mh__xw_text(w, est->name);
        mh__xw_end(w);
        mh__xw_element(w, "style", mh__page_style);
        mh__xw_element(w, "style", report_style);
        mh__xw_end(w);
        mh__xw_start(w, "body");
        mh__xw_start(w, "p");
        mh__xw_attr(w, "class", "meta");
        mh__xw_text(w, "Document interne à l'établissement : il détaille ses réponses et ne doit "
                       "pas être publié.");
        mh__xw_end(w);
        mh__xw_start(w, "h1");
        mh__xw_text(w, "Maturité cybersécurité — ");
        mh__xw_text(w, est->name);
        mh__xw_end(w);
        mh__xw_start(w, "p");
        mh__xw_attr(w, "class", "meta");
        mh__xw_text(w, "FINESS ");
        mh__xw_text(w, est->finess);
        mh__xw_text(w, " · ");
        mh__xw_text(w, mh__region_name(est->region));
        mh__xw_text(w, " · ");
        if (mh_category_label(est->category) != NULL) {
                mh__xw_text(w, mh_category_label(est->category));
                mh__xw_text(w, " (catégorie ");
                mh__xw_text(w, est->category);
                mh__xw_text(w, ")");
        } else {
                mh__xw_text(w, "catégorie ");
                mh__xw_text(w, est->category);
        }
        mh__xw_text(w, " · campagne ");
        mh__xw_text(w, est->campaign);
        mh__xw_text(w, " (date de référence ");
        mh__xw_text(w, mh__fr_date(date, sizeof(date), est->reference_date));
        mh__xw_text(w, est->submission == MH_SUBMISSION_SUBMITTED
                           ? ") · questionnaire soumis"
                           : ") · questionnaire en brouillon, non classé tant qu'il n'est pas "
                             "soumis");
        mh__xw_text(w, " · référentiel ");
        mh__xw_text(w, ref->id);
        mh__xw_text(w, " ");
        mh__xw_text(w, ref->version);
        mh__xw_text(w, " · SHA-256 ");
        mh__xw_text(w, ref->sha256);
        mh__xw_end(w);

        mh__xw_start(w, "p");
        mh__xw_attr(w, "class", "summary");
        if (mh_result_has_global(result)) {
                mh__xw_text(w, "Score global ");
                mh__xw_text(w, fr_score(buf, sizeof(buf), mh_result_global(result)));
                mh__xw_text(w, " sur 100");
        } else {
                mh__xw_text(w, "Score global non défini (aucun domaine ne s'applique)");
        }
        mh__xw_text(w, " · niveau ");
        level_text(w, ref, mh_result_level(result));
        mh__xw_text(w, " · complétude ");
        mh__xw_text(w, fr_percent(buf, sizeof(buf), mh_result_completeness(result)));
        mh__xw_textf(w, " · mesures prioritaires atteintes : %zu sur %zu.",
                     mh_result_priority_achieved(result), mh_result_priority_total(result));
        mh__xw_end(w);

        mh__xw_start(w, "h2");
        mh__xw_attr(w, "id", "domaines");
        mh__xw_text(w, "Scores par domaine");
        mh__xw_end(w);
        mh__xw_start(w, "p");
        mh__xw_textf(w,
                     "Les établissements comparables sont les autres établissements éligibles "
                     "(questionnaire soumis, complétude suffisante, score global défini) de la "
                     "même région et de la même catégorie. Leur médiane n'est montrée que pour un "
                     "domaine évalué chez au moins %s d'entre eux : calculée sur moins, elle "
                     "pourrait laisser lire le score d'un établissement.",
                     mh__fr_count(buf, sizeof(buf), ref->min_cell_size));
        mh__xw_text(w, have_peers ? "" : " Elle n'est montrée pour aucun domaine ici.");
        mh__xw_end(w);
        if (n_axes >= 3) {
                if ((rc = radar_chart(w, ref, axes, n_axes, axis_own, axis_peers, have_peers)) < 0)
                        goto out;
        } else {
                mh__xw_element(w, "p",
                               "Moins de trois domaines s'appliquent à l'établissement : "
                               "pas de radar, le tableau suffit.");
        }
        if (n_axes < ref->n_domains)
                mh__xw_element(w, "p",
                               "Les domaines qui ne s'appliquent pas à l'établissement ne "
                               "figurent pas sur le radar.");
        domain_table(w, ref, own, peers);

        next_level_section(w, ref, result);

        action_plan(w, ref, result, actions, n_actions);

        /* the whole list last: the committee reads the plan first */
        mh__xw_start(w, "h2");
        mh__xw_attr(w, "id", "criteres");
        mh__xw_text(w, "Détail des critères");
        mh__xw_end(w);
        criteria_table(w, ref, result);
        mh__xw_end(w); /* body */
        mh__xw_end(w); /* html */
        rc = mh__xw_close(w);
        w = NULL;
out:
        if (w != NULL)
                (void)mh__xw_close(w);
        mh__free(values);
        mh__free(axes);
        mh__free(own);
        mh__free(actions);
        mh_result_free(result);
        return rc;
}

int mh_report_write(const mh_referentiel *ref, const mh_establishment *est,
                    const mh_population *pop, FILE *stream, mh_diagnostics *diags)
{
        return mh__diag_writer(report_write(ref, est, pop, stream), diags);
}
