/*
 * observatoire.c: the Observatoire's groups, their exact statistics and the
 * disclosure control of publication.md, in one place for every published
 * file (CSV, XML, HTML).
 *
 * The members are sorted once by (region, category), so that every cell,
 * every region and the nation is a contiguous range of them: the groups
 * cost three linear passes after the sort, whatever their number.
 * Statistics are exact: each round1(G) is a whole number of tenths in
 * 0..1000, kept in a histogram; sums are integers, and the one rounding
 * (half away from zero, to a tenth) is made on the exact rational result, so
 * no figure depends on the order of the establishments.
 *
 * Disclosure control (publication.md, "Disclosure control (normative)"):
 * primary suppression by |E(g)| and |U(g)|, then secondary suppression
 * inside each region, then at the nation, and the same for each public
 * criterion's pct with |S(g, c)|.  The rules choose what to suppress by
 * counts and codes only, never by a value, so that an empty cell tells
 * nothing about what it hides.
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "publish_internal.h"
#include "referentiel_internal.h"

#define MAX_TENTHS 1000 /* round1(G) <= 100 */

/* What the control needs of a group beyond the published struct. */
struct work {
        struct mh__group *groups;
        size_t n_groups, n_public;
        size_t *region_of;        /* per group: the index of its region (its own for a region) */
        unsigned char *pct_shown; /* n_groups x n_public: pct published */
        unsigned k;               /* min_cell_size */
};

static int unsafe(const struct work *w, size_t x)
{
        return x > 0 && x < w->k;
}

static unsigned char *shown(const struct work *w, size_t g, size_t c)
{
        return &w->pct_shown[g * w->n_public + c];
}

static int is_cell(const struct mh__group *g)
{
        return g->category != NULL;
}

static int is_region(const struct mh__group *g)
{
        return g->region != NULL && g->category == NULL;
}

static void suppress(struct work *w, size_t g)
{
        size_t c;

        w->groups[g].suppressed = 1;
        for (c = 0; c < w->n_public; c++)
                *shown(w, g, c) = 0;
}

/* ---- Statistics ---------------------------------------------------------- */

static int compare_cells(const void *a, const void *b)
{
        const struct mh__member *x = *(const struct mh__member *const *)a;
        const struct mh__member *y = *(const struct mh__member *const *)b;
        int c = strcmp(x->region, y->region);

        if (c == 0)
                c = strcmp(x->category, y->category);
        return c != 0 ? c : strcmp(x->finess, y->finess);
}

/* The j-th smallest value (0-based) of a histogram holding at least j + 1. */
static long nth(const size_t *histogram, size_t j)
{
        size_t seen = 0;
        long t;

        for (t = 0; t <= MAX_TENTHS; t++) {
                seen += histogram[t];
                if (seen > j)
                        return t;
        }
        return MAX_TENTHS;
}

/*
 * publication.md's quantile for p = quarter / 4, in tenths, rounded once:
 * h = (n - 1) * p = whole + r / 4, q = x_whole + (r / 4)(x_whole+1 - x_whole).
 */
static double quantile(const size_t *histogram, size_t n, unsigned quarter)
{
        size_t h4 = (n - 1) * quarter, whole = h4 / 4, r = h4 % 4;
        long low = nth(histogram, whole), q4 = 4 * low;

        if (r > 0)
                q4 += (long)r * (nth(histogram, whole + 1) - low);
        return (double)((q4 + 2) / 4) / 10; /* q4 >= 0: half up is half away from zero */
}

/* Fills g's counts and statistics from members[lo, hi); `histogram` is scratch. */
static void compute(struct mh__group *g, const mh_population *pop,
                    struct mh__member *const *members, size_t lo, size_t hi, size_t *histogram,
                    size_t *achieved)
{
        uint64_t sum = 0;
        size_t i, c;

        memset(histogram, 0, (MAX_TENTHS + 1) * sizeof(*histogram));
        memset(achieved, 0, (pop->n_public + 1) * sizeof(*achieved));
        for (i = lo; i < hi; i++) {
                const struct mh__member *m = members[i];

                g->n_establishments++;
                g->n_submitted += m->submitted != 0;
                if (!m->eligible)
                        continue;
                g->n_eligible++;
                g->n_unnamed += !m->praised;
                histogram[m->tenths]++;
                sum += (uint64_t)m->tenths;
                g->levels[m->level]++;
                g->priority_all += m->priority_achieved == m->priority_total;
                for (c = 0; c < pop->n_public; c++) {
                        g->n_scored[c] += m->public_status[c] != 0;
                        achieved[c] += m->public_status[c] == 2;
                }
        }
        g->mean = g->p25 = g->median = g->p75 = (double)NAN;
        for (c = 0; c < pop->n_public; c++)
                g->pct[c] = g->n_scored[c] == 0
                                ? (double)NAN
                                : (double)((2000 * (uint64_t)achieved[c] + g->n_scored[c]) /
                                           (2 * (uint64_t)g->n_scored[c])) /
                                      10;
        if (g->n_eligible == 0)
                return;
        g->mean = (double)((2 * sum + g->n_eligible) / (2 * (uint64_t)g->n_eligible)) / 10;
        g->p25 = quantile(histogram, g->n_eligible, 1);
        g->median = quantile(histogram, g->n_eligible, 2);
        g->p75 = quantile(histogram, g->n_eligible, 3);
}

/* ---- Disclosure control -------------------------------------------------- */

/* 1. Primary suppression. */
static void primary(struct work *w)
{
        size_t g, c;

        for (g = 0; g < w->n_groups; g++) {
                const struct mh__group *grp = &w->groups[g];

                w->groups[g].suppressed = grp->n_eligible < w->k || unsafe(w, grp->n_unnamed);
                for (c = 0; c < w->n_public; c++)
                        *shown(w, g, c) = !grp->suppressed && grp->n_scored[c] >= w->k;
        }
}

/* 2. Inside region `r` (not suppressed), whose cells are r + 1 .. end - 1. */
static void inside_region(struct work *w, size_t r, size_t end)
{
        size_t g, c;

        for (;;) {
                size_t unnamed = 0, eligible = 0, pick = 0;

                for (g = r + 1; g < end; g++)
                        if (w->groups[g].suppressed) {
                                unnamed += w->groups[g].n_unnamed;
                                eligible += w->groups[g].n_eligible;
                        }
                if (!unsafe(w, unnamed) && !unsafe(w, eligible))
                        break;
                /* the published cell with the fewest eligible; ties: the first by category code */
                for (g = r + 1; g < end; g++)
                        if (!w->groups[g].suppressed &&
                            (pick == 0 || w->groups[g].n_eligible < w->groups[pick].n_eligible))
                                pick = g;
                if (pick == 0)
                        break; /* every cell suppressed: together they are the region, safe */
                suppress(w, pick);
        }
        for (c = 0; c < w->n_public; c++) {
                if (!*shown(w, r, c))
                        continue;
                for (;;) {
                        size_t scored = 0, pick = 0;

                        for (g = r + 1; g < end; g++)
                                if (!*shown(w, g, c))
                                        scored += w->groups[g].n_scored[c];
                        if (!unsafe(w, scored))
                                break;
                        for (g = r + 1; g < end; g++)
                                if (*shown(w, g, c) &&
                                    (pick == 0 ||
                                     w->groups[g].n_scored[c] < w->groups[pick].n_scored[c]))
                                        pick = g;
                        if (pick == 0)
                                break;
                        *shown(w, pick, c) = 0;
                }
        }
}

/*
 * A group of the nation's cover: a published region, or a published cell of
 * a suppressed region (for pct: where pct for c is published, with regions
 * where it is not for the cells).  `c` == n_public: the groups themselves.
 */
static int in_cover(const struct work *w, size_t g, size_t c)
{
        const struct mh__group *grp = &w->groups[g];
        int region_out;

        if (c == w->n_public) {
                if (is_region(grp))
                        return !grp->suppressed;
                region_out = w->groups[w->region_of[g]].suppressed;
                return is_cell(grp) && region_out && !grp->suppressed;
        }
        if (is_region(grp))
                return *shown(w, g, c);
        region_out = !*shown(w, w->region_of[g], c);
        return is_cell(grp) && region_out && *shown(w, g, c);
}

/* A cell of the rest: outside every group of the cover. */
static int in_rest(const struct work *w, size_t g, size_t c)
{
        return is_cell(&w->groups[g]) && !in_cover(w, w->region_of[g], c) && !in_cover(w, g, c);
}

/* 3. At the nation (group 0), when it is not suppressed. */
static void at_nation(struct work *w)
{
        size_t g, c, cell;

        if (w->groups[0].suppressed)
                return;
        for (;;) {
                size_t unnamed = 0, eligible = 0, pick = 0;

                for (g = 1; g < w->n_groups; g++)
                        if (in_rest(w, g, w->n_public)) {
                                unnamed += w->groups[g].n_unnamed;
                                eligible += w->groups[g].n_eligible;
                        }
                if (!unsafe(w, unnamed) && !unsafe(w, eligible))
                        break;
                /* fewest eligible; ties: region code, category code, a region before its cells,
                 * which is the groups' order */
                for (g = 1; g < w->n_groups; g++)
                        if (in_cover(w, g, w->n_public) &&
                            (pick == 0 || w->groups[g].n_eligible < w->groups[pick].n_eligible))
                                pick = g;
                if (pick == 0)
                        break; /* the rest is then every cell: the nation, safe */
                suppress(w, pick);
                if (is_region(&w->groups[pick]))
                        for (cell = pick + 1; cell < w->n_groups && is_cell(&w->groups[cell]);
                             cell++)
                                suppress(w, cell);
        }
        for (c = 0; c < w->n_public; c++) {
                if (!*shown(w, 0, c))
                        continue;
                for (;;) {
                        size_t scored = 0, pick = 0;

                        for (g = 1; g < w->n_groups; g++)
                                if (in_rest(w, g, c))
                                        scored += w->groups[g].n_scored[c];
                        if (!unsafe(w, scored))
                                break;
                        for (g = 1; g < w->n_groups; g++)
                                if (in_cover(w, g, c) &&
                                    (pick == 0 ||
                                     w->groups[g].n_scored[c] < w->groups[pick].n_scored[c]))
                                        pick = g;
                        if (pick == 0)
                                break;
                        *shown(w, pick, c) = 0;
                        if (is_region(&w->groups[pick]))
                                for (cell = pick + 1;
                                     cell < w->n_groups && is_cell(&w->groups[cell]); cell++)
                                        *shown(w, cell, c) = 0;
                }
        }
}

static void disclosure_control(struct work *w)
{
        size_t r, end;

        primary(w);
        for (r = 1; r < w->n_groups; r = end) {
                for (end = r + 1; end < w->n_groups && is_cell(&w->groups[end]); end++)
                        ;
                if (!w->groups[r].suppressed)
                        inside_region(w, r, end);
        }
        at_nation(w);
}

/* ---- The Observatoire ---------------------------------------------------- */

static int new_group(struct mh__group *g, mh__arena *arena, const mh_population *pop,
                     const char *region, const char *category)
{
        size_t levels = pop->ref->n_levels + 1, n_public = pop->n_public + 1;

        memset(g, 0, sizeof(*g));
        g->region = region;
        g->category = category;
        g->levels = mh__arena_alloc(arena, levels * sizeof(*g->levels));
        g->n_scored = mh__arena_alloc(arena, n_public * sizeof(*g->n_scored));
        g->pct = mh__arena_alloc(arena, n_public * sizeof(*g->pct));
        return g->levels != NULL && g->n_scored != NULL && g->pct != NULL ? 0 : MH_ENOMEM;
}

int mh__observatoire_build(struct mh__observatoire **out, const mh_population *pop)
{
        struct mh__member **sorted = NULL;
        size_t *histogram = NULL, *achieved = NULL, *lo = NULL;
        struct mh__observatoire *obs = NULL;
        struct work w;
        mh__arena *arena = NULL;
        size_t i, g, n_groups = 1, n_regions = 0, c;
        int rc = MH_ENOMEM;

        memset(&w, 0, sizeof(w));
        if (mh__arena_new(&arena) < 0)
                return MH_ENOMEM;
        sorted = mh__malloc((pop->n + 1) * sizeof(*sorted));
        histogram = mh__malloc((MAX_TENTHS + 1) * sizeof(*histogram));
        achieved = mh__malloc((pop->n_public + 1) * sizeof(*achieved));
        if (sorted == NULL || histogram == NULL || achieved == NULL ||
            (obs = mh__arena_alloc(arena, sizeof(*obs))) == NULL)
                goto out;
        if (pop->n > 0)
                memcpy(sorted, pop->members, pop->n * sizeof(*sorted));
        qsort(sorted, pop->n, sizeof(*sorted), compare_cells);
        for (i = 0; i < pop->n; i++) {
                int new_region = i == 0 || strcmp(sorted[i]->region, sorted[i - 1]->region) != 0;

                n_regions += new_region;
                n_groups += new_region + (new_region || strcmp(sorted[i]->category,
                                                               sorted[i - 1]->category) != 0);
        }
        obs->pop = pop;
        obs->arena = arena;
        obs->n_groups = n_groups;
        obs->n_regions = n_regions;
        if ((obs->groups = mh__arena_alloc(arena, n_groups * sizeof(*obs->groups))) == NULL ||
            (w.region_of = mh__malloc(n_groups * sizeof(*w.region_of))) == NULL ||
            (w.pct_shown = mh__malloc(n_groups * (pop->n_public + 1))) == NULL ||
            (lo = mh__malloc((n_groups + 1) * sizeof(*lo))) == NULL)
                goto out;
        /* the groups in publication order, each with the first member of its range */
        if (new_group(&obs->groups[0], arena, pop, NULL, NULL) < 0)
                goto out;
        lo[0] = 0;
        w.region_of[0] = 0;
        for (i = 0, g = 1; i < pop->n; i++) {
                int new_region = i == 0 || strcmp(sorted[i]->region, sorted[i - 1]->region) != 0;

                if (new_region) {
                        if (new_group(&obs->groups[g], arena, pop, sorted[i]->region, NULL) < 0)
                                goto out;
                        lo[g] = i;
                        w.region_of[g] = g;
                        g++;
                }
                if (new_region || strcmp(sorted[i]->category, sorted[i - 1]->category) != 0) {
                        if (new_group(&obs->groups[g], arena, pop, sorted[i]->region,
                                      sorted[i]->category) < 0)
                                goto out;
                        lo[g] = i;
                        w.region_of[g] =
                            is_region(&obs->groups[g - 1]) ? g - 1 : w.region_of[g - 1];
                        g++;
                }
        }
        lo[n_groups] = pop->n;
        /* each range ends where the next group of its kind (or its region's end) starts */
        compute(&obs->groups[0], pop, sorted, 0, pop->n, histogram, achieved);
        for (g = 1; g < n_groups; g++) {
                size_t end = g + 1;

                if (is_region(&obs->groups[g]))
                        while (end < n_groups && is_cell(&obs->groups[end]))
                                end++;
                compute(&obs->groups[g], pop, sorted, lo[g], lo[end], histogram, achieved);
        }
        w.groups = obs->groups;
        w.n_groups = n_groups;
        w.n_public = pop->n_public;
        w.k = pop->ref->min_cell_size;
        disclosure_control(&w);
        for (g = 0; g < n_groups; g++) {
                struct mh__group *grp = &obs->groups[g];

                if (grp->suppressed)
                        grp->mean = grp->p25 = grp->median = grp->p75 = (double)NAN;
                for (c = 0; c < pop->n_public; c++)
                        if (!*shown(&w, g, c))
                                grp->pct[c] = (double)NAN;
        }
        *out = obs;
        obs = NULL;
        rc = 0;
out:
        mh__free(lo);
        mh__free(w.pct_shown);
        mh__free(w.region_of);
        mh__free(achieved);
        mh__free(histogram);
        mh__free(sorted);
        if (rc < 0)
                mh__arena_free(arena);
        return rc;
}

void mh__observatoire_free(struct mh__observatoire *obs)
{
        if (obs != NULL)
                mh__arena_free(obs->arena);
}
