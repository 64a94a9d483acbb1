/*
 * test_disclosure.c: an attacker against the published Observatoire,
 * through the public API only.
 *
 * The test builds populations whose truth it knows (every establishment's
 * profile and result), publishes them with mh_publish(), reads the files
 * back (observatoire.csv, observatoire.xml, palmares.csv) and attacks them:
 *
 * - the XML must show exactly the groups, empty cells and figures of the CSV;
 * - palmares.csv names exactly the praised establishments, ranked among the
 *   praised (1 + the number of praised ones with a strictly greater score);
 * - every published count and figure is recomputed here with integer
 *   arithmetic (tenths, one rounding half away from zero), independently of
 *   the engine, and compared with the text of the files;
 * - every difference of published groups an attacker can take (a group
 *   alone, a region minus any subset of its published cells, the nation
 *   minus any subset of its cover, random antichains of regions and cells)
 *   is checked to describe nobody or at least k = min_cell_size
 *   establishments, for the eligible, the unnamed (their scores are not in
 *   the palmarès) and, per public criterion, those where it is scored;
 * - the disclosure control of docs/publication.md ("Disclosure control
 *   (normative)") is implemented a second time here (the oracle below) and
 *   the suppressed groups and empty pct cells must be exactly its own.
 *
 * Populations: the fixtures with the shipped référentiel, 400 random
 * populations over a small référentiel written here (min_cell_size 1..6,
 * praise thresholds, levels and min_completeness varied; drafts,
 * incomplete questionnaires, undefined scores, criteria scored for some
 * establishments only), a generated national population (3,000
 * establishments), and hand-built cases that pin each rule and each
 * tie-break of the spec, the exact arithmetic and the palmarès ranks.
 *
 * Readings of the spec taken here: priority_all counts the eligible with
 * priority_achieved == priority_total (so also those with no mesure
 * prioritaire scored, as praise does); a group with no eligible
 * establishment is suppressed (|E| = 0 < k); in the XML an empty pct is a
 * <criterion> without pct or no <criterion> at all.
 */
#define _POSIX_C_SOURCE 200809L

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <maturinh.h>

#include "testutil.h"

#define MAXPUB    32 /* public criteria of a référentiel */
#define MAXLEVELS 16 /* levels 0..N */
#define MAXSUB    12 /* every subset of at most this many sub-groups is subtracted */

/* What a test did, printed (and reset) at its end. */
static unsigned long n_populations, n_groups_checked, n_differences, n_figures;
/* How often each rule of the disclosure control acted in the oracle. */
static unsigned long n_primary, n_primary_pct, n_region_step, n_region_pct, n_nation_step,
    n_nation_pct;

/* ---- a deterministic PRNG (splitmix64) ---------------------------------- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
        uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
}

static unsigned rnd_below(unsigned n)
{
        return (unsigned)(rnd() % n);
}

/* ---- problems: collected, the first ones printed, then one failure ------ */

typedef struct problems {
        const char *what; /* the population, for the messages */
        unsigned count, printed;
        char first[2048], last[2048];
} problems;

static void problem(problems *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void problem(problems *p, const char *fmt, ...)
{
        char msg[2048];
        va_list ap;

        va_start(ap, fmt);
        vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
        if (p->count == 0)
                snprintf(p->first, sizeof(p->first), "%s", msg);
        p->count++;
        /* the same difference found again (random antichains): said once */
        if (p->printed < 25 && strcmp(msg, p->last) != 0) {
                print_error("%s: %s\n", p->what, msg);
                p->printed++;
        }
        snprintf(p->last, sizeof(p->last), "%s", msg);
}

static void fail_on_problems(const problems *p)
{
        if (p->count > 0)
                fail_msg("%s: %u problem(s); the first: %s", p->what, p->count, p->first);
}

/* ---- the truth ---------------------------------------------------------- */

typedef struct truth {
        char finess[10];
        char *name;
        char region[4];
        char category[4];
        int submitted, has_global, eligible, praised;
        long tenths; /* 10 * round1(G) */
        unsigned level;
        size_t prio_achieved, prio_total;
        unsigned char status[MAXPUB]; /* 0 not scored, 1 scored, 2 achieved */
} truth;

typedef struct world {
        const mh_referentiel *ref;
        mh_population *pop;
        truth *t;
        size_t n, cap;
        const mh_criterion *pub[MAXPUB];
        size_t npub;
        unsigned k, nlevels;
        unsigned long seq; /* FINESS numbers handed out by make_finess() */
} world;

static void world_init(world *w, const mh_referentiel *ref)
{
        size_t d, c;

        memset(w, 0, sizeof(*w));
        w->ref = ref;
        assert_int_equal(mh_population_new(&w->pop, ref), 0);
        for (d = 0; d < mh_referentiel_domain_count(ref); d++) {
                const mh_domain *dom = mh_referentiel_domain(ref, d);

                for (c = 0; c < mh_domain_criterion_count(dom); c++) {
                        const mh_criterion *crit = mh_domain_criterion(dom, c);

                        if (!mh_criterion_public(crit))
                                continue;
                        assert_true(w->npub < MAXPUB);
                        w->pub[w->npub++] = crit;
                }
        }
        w->k = mh_referentiel_min_cell_size(ref);
        w->nlevels = mh_referentiel_level_count(ref);
        assert_true(w->nlevels + 1 <= MAXLEVELS);
}

static void world_free(world *w)
{
        size_t i;

        for (i = 0; i < w->n; i++)
                free(w->t[i].name);
        free(w->t);
        mh_population_free(w->pop);
        memset(w, 0, sizeof(*w));
}

/* Evaluates `est`, adds it to the population and records its truth. */
static void world_add(world *w, const mh_establishment *est)
{
        const mh_referentiel *ref = w->ref;
        mh_result *res = NULL;
        truth *t;
        size_t c;
        int rc;

        assert_int_equal(mh_evaluate(&res, ref, est), 0);
        rc = mh_population_add(w->pop, est, res);
        if (rc == MH_EINVALID && mh_population_has(w->pop, mh_establishment_finess(est))) {
                /* a generator's duplicate FINESS: refused, so not in the truth either */
                mh_result_free(res);
                return;
        }
        assert_int_equal(rc, 0);
        if (w->n == w->cap) {
                w->cap = w->cap ? 2 * w->cap : 64;
                w->t = realloc(w->t, w->cap * sizeof(*w->t));
                assert_non_null(w->t);
        }
        t = &w->t[w->n++];
        memset(t, 0, sizeof(*t));
        assert_true(strlen(mh_establishment_finess(est)) == 9);
        memcpy(t->finess, mh_establishment_finess(est), 10);
        t->name = strdup(mh_establishment_name(est));
        assert_non_null(t->name);
        assert_true(strlen(mh_establishment_region(est)) < sizeof(t->region));
        strcpy(t->region, mh_establishment_region(est));
        assert_true(strlen(mh_establishment_category(est)) == 3);
        strcpy(t->category, mh_establishment_category(est));
        t->submitted = mh_establishment_submission(est) == MH_SUBMISSION_SUBMITTED;
        t->has_global = mh_result_has_global(res) != 0;
        /* scoring.md §7: round1(x) = floor(x * 10 + 0.5) / 10, kept as tenths */
        t->tenths = t->has_global ? (long)floor(mh_result_global(res) * 10 + 0.5) : 0;
        t->level = mh_result_level(res);
        t->prio_achieved = mh_result_priority_achieved(res);
        t->prio_total = mh_result_priority_total(res);
        for (c = 0; c < w->npub; c++) {
                mh_status s = mh_result_criterion_status(res, w->pub[c]);

                t->status[c] = s == MH_STATUS_NOT_APPLICABLE ? 0 : s == MH_STATUS_ACHIEVED ? 2 : 1;
        }
        /* publication.md: eligible, praised */
        t->eligible = t->submitted && t->has_global &&
                      mh_result_completeness(res) >= mh_referentiel_min_completeness(ref) - 1e-9;
        t->praised =
            t->eligible && (double)t->tenths / 10 >= mh_referentiel_praise_min_score(ref) - 1e-9 &&
            t->level >= mh_referentiel_praise_min_level(ref) &&
            (!mh_referentiel_praise_requires_priority(ref) || t->prio_achieved == t->prio_total);
        mh_result_free(res);
}

/* A valid FINESS ET: département 75, six digits of `seq`, a Luhn key. */
static void make_finess(char out[10], unsigned long seq)
{
        int i;

        out[0] = '7';
        out[1] = '5';
        for (i = 7; i >= 2; i--) {
                out[i] = (char)('0' + (int)(seq % 10));
                seq /= 10;
        }
        out[9] = '\0';
        for (i = 0; i < 10; i++) {
                out[8] = (char)('0' + i);
                if (mh_finess_check(out, tu_diags()) == 0)
                        return;
        }
        fail_msg("no Luhn key for %s", out);
}

/* ---- groups and what the truth says of them ----------------------------- */

enum { NATION = 0, REGION = 1, CELL = 2 };

typedef struct group {
        int kind;
        char region[4], category[4];
        char label[16];      /* "nation", "11", "11/101" */
        size_t first, ncell; /* a region's cells: groups first .. first + ncell - 1 */
        size_t parent;       /* a cell's region */
        long n_est, n_sub, E, U, S[MAXPUB], A[MAXPUB], levels[MAXLEVELS], prio_all;
        long *vals; /* the eligible's tenths, sorted */
        size_t nvals;
        /* the oracle: this file's reading of the disclosure control */
        int exp_supp, exp_pct[MAXPUB];
        /* what observatoire.csv says */
        int seen, pub_supp, pub_pct[MAXPUB];
        char **csv; /* its row, by column of the header */
        int xml_seen;
} group;

typedef struct groups {
        group *g;
        size_t n;
        size_t *regions; /* indexes of the region groups, in code order */
        size_t nregions;
} groups;

static int cmp_str(const void *a, const void *b)
{
        return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_long(const void *a, const void *b)
{
        long x = *(const long *)a, y = *(const long *)b;

        return (x > y) - (x < y);
}

static void group_add_member(group *g, const world *w, const truth *t)
{
        size_t c;

        g->n_est++;
        g->n_sub += t->submitted;
        if (!t->eligible)
                return;
        g->E++;
        g->U += !t->praised;
        for (c = 0; c < w->npub; c++) {
                g->S[c] += t->status[c] != 0;
                g->A[c] += t->status[c] == 2;
        }
        assert_true(t->level <= w->nlevels);
        g->levels[t->level]++;
        g->prio_all += t->prio_achieved == t->prio_total;
        g->vals[g->nvals++] = t->tenths;
}

/* The groups of publication.md: the nation, every region, every (region, category) present. */
static void groups_build(groups *gs, const world *w)
{
        char **keys = calloc(w->n + 1, sizeof(char *));
        size_t i, nkeys = 0, j;

        assert_non_null(keys);
        memset(gs, 0, sizeof(*gs));
        for (i = 0; i < w->n; i++) {
                keys[nkeys] = malloc(8);
                assert_non_null(keys[nkeys]);
                snprintf(keys[nkeys], 8, "%s/%s", w->t[i].region, w->t[i].category);
                nkeys++;
        }
        qsort(keys, nkeys, sizeof(char *), cmp_str);
        /* at most 1 + 2 * distinct pairs groups */
        gs->g = calloc(1 + 2 * nkeys, sizeof(group));
        gs->regions = calloc(nkeys + 1, sizeof(size_t));
        assert_non_null(gs->g);
        assert_non_null(gs->regions);
        gs->n = 1;
        gs->g[0].kind = NATION;
        strcpy(gs->g[0].label, "nation");
        for (i = 0; i < nkeys; i++) {
                group *g;
                char region[4], category[4];

                if (i > 0 && strcmp(keys[i], keys[i - 1]) == 0)
                        continue;
                memcpy(region, keys[i], 2);
                region[2] = '\0';
                memcpy(category, keys[i] + 3, 4);
                if (gs->nregions == 0 ||
                    strcmp(gs->g[gs->regions[gs->nregions - 1]].region, region) != 0) {
                        g = &gs->g[gs->n];
                        g->kind = REGION;
                        strcpy(g->region, region);
                        strcpy(g->label, region);
                        g->first = gs->n + 1;
                        gs->regions[gs->nregions++] = gs->n++;
                }
                g = &gs->g[gs->n];
                g->kind = CELL;
                strcpy(g->region, region);
                strcpy(g->category, category);
                snprintf(g->label, sizeof(g->label), "%s/%s", region, category);
                g->parent = gs->regions[gs->nregions - 1];
                gs->g[g->parent].ncell++;
                gs->n++;
        }
        for (i = 0; i < nkeys; i++)
                free(keys[i]);
        free(keys);
        for (i = 0; i < gs->n; i++) {
                gs->g[i].vals = calloc(w->n + 1, sizeof(long));
                assert_non_null(gs->g[i].vals);
        }
        for (i = 0; i < w->n; i++) {
                const truth *t = &w->t[i];

                group_add_member(&gs->g[0], w, t);
                for (j = 0; j < gs->nregions; j++) {
                        group *r = &gs->g[gs->regions[j]];
                        size_t c;

                        if (strcmp(r->region, t->region) != 0)
                                continue;
                        group_add_member(r, w, t);
                        for (c = r->first; c < r->first + r->ncell; c++)
                                if (strcmp(gs->g[c].category, t->category) == 0)
                                        group_add_member(&gs->g[c], w, t);
                }
        }
        for (i = 0; i < gs->n; i++)
                qsort(gs->g[i].vals, gs->g[i].nvals, sizeof(long), cmp_long);
}

static void groups_free(groups *gs)
{
        size_t i, j;

        for (i = 0; i < gs->n; i++) {
                free(gs->g[i].vals);
                if (gs->g[i].csv != NULL) {
                        for (j = 0; gs->g[i].csv[j] != NULL; j++)
                                free(gs->g[i].csv[j]);
                        free(gs->g[i].csv);
                }
        }
        free(gs->g);
        free(gs->regions);
        memset(gs, 0, sizeof(*gs));
}

static group *groups_find(groups *gs, const char *region, const char *category)
{
        size_t i;

        for (i = 0; i < gs->n; i++)
                if (strcmp(gs->g[i].region, region) == 0 &&
                    strcmp(gs->g[i].category, category) == 0)
                        return &gs->g[i];
        return NULL;
}

/* ---- exact arithmetic (publication.md "Exact arithmetic") -------------- */

static void fmt_tenths(char *buf, size_t size, long tenths)
{
        assert_true(tenths >= 0);
        snprintf(buf, size, "%ld.%ld", tenths / 10, tenths % 10);
}

/* mean of the tenths, rounded half away from zero to a tenth */
static long mean_tenths(const long *x, size_t n)
{
        long sum = 0;
        size_t i;

        for (i = 0; i < n; i++)
                sum += x[i];
        return (2 * sum + (long)n) / (2 * (long)n);
}

/* q for p = quarters / 4: h = (n - 1) p, x_fl(h) + (h - fl(h)) (x_fl(h)+1 - x_fl(h)) */
static long quantile_tenths(const long *x, size_t n, size_t quarters)
{
        size_t h4 = (n - 1) * quarters, f = h4 / 4, r = h4 % 4;
        long q4 = 4 * x[f] + (r ? (long)r * (x[f + 1] - x[f]) : 0); /* 4 q, in tenths */

        return (q4 + 2) / 4;
}

/* 100 * achieved / scored, in tenths, rounded half away from zero */
static long pct_tenths(long achieved, long scored)
{
        return (2000 * achieved + scored) / (2 * scored);
}

/* ---- CSV ----------------------------------------------------------------- */

typedef struct csv_table {
        char ***rows; /* each a NULL-terminated array of fields */
        size_t n;
} csv_table;

static void csv_free(csv_table *t)
{
        size_t i, j;

        for (i = 0; i < t->n; i++) {
                for (j = 0; t->rows[i][j] != NULL; j++)
                        free(t->rows[i][j]);
                free(t->rows[i]);
        }
        free(t->rows);
        memset(t, 0, sizeof(*t));
}

/* RFC 4180; the fields of a row are strings; fails the test on bad CSV */
static void csv_parse(csv_table *t, const char *s, const char *name)
{
        size_t cap_rows = 0;

        memset(t, 0, sizeof(*t));
        while (*s != '\0') {
                char **row = NULL;
                size_t nf = 0;

                for (;;) {
                        size_t len = 0, cap = 16;
                        char *f = malloc(cap);

                        assert_non_null(f);
                        if (*s == '"') {
                                s++;
                                for (;;) {
                                        if (*s == '\0')
                                                fail_msg("%s: unterminated quoted field", name);
                                        if (*s == '"' && s[1] == '"') {
                                                s++;
                                        } else if (*s == '"') {
                                                s++;
                                                break;
                                        }
                                        if (len + 2 > cap)
                                                f = realloc(f, cap *= 2);
                                        assert_non_null(f);
                                        f[len++] = *s++;
                                }
                        } else {
                                while (*s != ',' && *s != '\n' && *s != '\r' && *s != '\0') {
                                        if (*s == '"')
                                                fail_msg("%s: a quote inside a bare field", name);
                                        if (len + 2 > cap)
                                                f = realloc(f, cap *= 2);
                                        assert_non_null(f);
                                        f[len++] = *s++;
                                }
                        }
                        f[len] = '\0';
                        row = realloc(row, (nf + 2) * sizeof(char *));
                        assert_non_null(row);
                        row[nf++] = f;
                        row[nf] = NULL;
                        if (*s == ',') {
                                s++;
                                continue;
                        }
                        if (*s == '\r')
                                s++;
                        if (*s == '\n')
                                s++;
                        else if (*s != '\0')
                                fail_msg("%s: garbage after a quoted field", name);
                        break;
                }
                if (t->n == cap_rows) {
                        cap_rows = cap_rows ? 2 * cap_rows : 64;
                        t->rows = realloc(t->rows, cap_rows * sizeof(char **));
                        assert_non_null(t->rows);
                }
                t->rows[t->n++] = row;
        }
}

static size_t row_len(char **row)
{
        size_t n = 0;

        while (row[n] != NULL)
                n++;
        return n;
}

static char **row_copy(char **row)
{
        size_t n = row_len(row), i;
        char **copy = calloc(n + 1, sizeof(char *));

        assert_non_null(copy);
        for (i = 0; i < n; i++) {
                copy[i] = strdup(row[i]);
                assert_non_null(copy[i]);
        }
        return copy;
}

/* ---- a publication, read back ------------------------------------------ */

typedef struct publication {
        char dir[32];
        char *palmares, *observatoire, *xml, *html; /* the files' bytes */
        groups gs;
        char **header; /* observatoire.csv's header */
        int col_mean, col_p25, col_median, col_p75, col_prio, col_level[MAXLEVELS], col_pct[MAXPUB];
} publication;

static char *read_in(const char *dir, const char *name)
{
        char path[256];
        char *text;

        snprintf(path, sizeof(path), "%s/%s", dir, name);
        text = tu_read_file(path, NULL);
        if (text == NULL)
                fail_msg("%s was not written", path);
        return text;
}

static void remove_dir(const char *dir)
{
        static const char *const names[] = {"palmares.csv", "observatoire.csv", "observatoire.xml",
                                            "index.html", MH_PUBLICATION_MANIFEST};
        char path[256];
        size_t i;

        for (i = 0; i < 5; i++) {
                snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
                unlink(path);
        }
        rmdir(dir);
}

static void publication_free(publication *p)
{
        size_t i;

        free(p->palmares);
        free(p->observatoire);
        free(p->xml);
        free(p->html);
        groups_free(&p->gs);
        if (p->header != NULL) {
                for (i = 0; p->header[i] != NULL; i++)
                        free(p->header[i]);
                free(p->header);
        }
        memset(p, 0, sizeof(*p));
}

static int header_col(char **header, const char *name)
{
        int i;

        for (i = 0; header[i] != NULL; i++)
                if (strcmp(header[i], name) == 0)
                        return i;
        return -1;
}

/* What a cell of observatoire.csv must say when the group is not suppressed. */
static const char *cell(const group *g, int col)
{
        return col >= 0 ? g->csv[col] : "";
}

/* ---- observatoire.csv --------------------------------------------------- */

static void read_observatoire(publication *p, const world *w, problems *pb)
{
        csv_table t;
        size_t i, c;
        unsigned l;
        char name[80];
        size_t npct = 0;

        csv_parse(&t, p->observatoire, "observatoire.csv");
        assert_true(t.n >= 1);
        p->header = row_copy(t.rows[0]);
        if (header_col(p->header, "region") != 0 || header_col(p->header, "category") != 1 ||
            header_col(p->header, "n_establishments") != 2 ||
            header_col(p->header, "n_submitted") != 3 || header_col(p->header, "n_eligible") != 4 ||
            header_col(p->header, "suppressed") != 5)
                problem(pb, "observatoire.csv: unexpected header");
        p->col_mean = header_col(p->header, "mean");
        p->col_p25 = header_col(p->header, "p25");
        p->col_median = header_col(p->header, "median");
        p->col_p75 = header_col(p->header, "p75");
        p->col_prio = header_col(p->header, "priority_all");
        if (p->col_mean < 0 || p->col_p25 < 0 || p->col_median < 0 || p->col_p75 < 0 ||
            p->col_prio < 0)
                problem(pb, "observatoire.csv: a statistic column is missing from the header");
        for (l = 0; l <= w->nlevels; l++) {
                snprintf(name, sizeof(name), "level_%u", l);
                if ((p->col_level[l] = header_col(p->header, name)) < 0)
                        problem(pb, "observatoire.csv: no column %s", name);
        }
        for (c = 0; c < w->npub; c++) {
                snprintf(name, sizeof(name), "pct:%s", mh_criterion_id(w->pub[c]));
                if ((p->col_pct[c] = header_col(p->header, name)) < 0)
                        problem(pb, "observatoire.csv: no column %s", name);
        }
        /* never published: statistics of criteria that are not public */
        for (i = 0; p->header[i] != NULL; i++)
                npct += strncmp(p->header[i], "pct:", 4) == 0;
        if (npct != w->npub)
                problem(pb, "observatoire.csv: %zu pct columns for %zu public criteria", npct,
                        w->npub);
        for (i = 1; i < t.n; i++) {
                char **row = t.rows[i];
                group *g;

                if (row_len(row) != row_len(p->header)) {
                        problem(pb, "observatoire.csv line %zu: %zu fields, the header has %zu",
                                i + 1, row_len(row), row_len(p->header));
                        continue;
                }
                g = groups_find(&p->gs, row[0], row[1]);
                if (g == NULL) {
                        problem(pb, "observatoire.csv line %zu: group (%s, %s) has no member",
                                i + 1, row[0], row[1]);
                        continue;
                }
                if (g->seen++) {
                        problem(pb, "observatoire.csv: group %s twice", g->label);
                        continue;
                }
                g->csv = row_copy(row);
                if (strcmp(row[5], "true") == 0)
                        g->pub_supp = 1;
                else if (strcmp(row[5], "false") != 0)
                        problem(pb, "group %s: suppressed is '%s'", g->label, row[5]);
                for (c = 0; c < w->npub; c++)
                        g->pub_pct[c] = p->col_pct[c] >= 0 && row[p->col_pct[c]][0] != '\0';
        }
        for (i = 0; i < p->gs.n; i++)
                if (!p->gs.g[i].seen) {
                        /* a missing group is the most suppressed: read on */
                        problem(pb, "observatoire.csv: no row for group %s", p->gs.g[i].label);
                        p->gs.g[i].pub_supp = 1;
                }
        csv_free(&t);
}

/* Counts, and every figure of a group that is not suppressed, against the truth. */
static void check_figures(const publication *p, const world *w, problems *pb)
{
        size_t i, c;
        unsigned l;
        char want[64];

        for (i = 0; i < p->gs.n; i++) {
                const group *g = &p->gs.g[i];
                size_t col;

                if (!g->seen)
                        continue;
                n_groups_checked++;
                snprintf(want, sizeof(want), "%ld,%ld,%ld", g->n_est, g->n_sub, g->E);
                {
                        char got[64];

                        snprintf(got, sizeof(got), "%s,%s,%s", g->csv[2], g->csv[3], g->csv[4]);
                        if (strcmp(got, want) != 0)
                                problem(pb,
                                        "group %s: n_establishments,n_submitted,n_eligible are "
                                        "%s, expected %s",
                                        g->label, got, want);
                }
                if (g->pub_supp) {
                        for (col = 6; g->csv[col] != NULL; col++)
                                if (g->csv[col][0] != '\0')
                                        problem(pb, "group %s is suppressed but %s is '%s'",
                                                g->label, p->header[col], g->csv[col]);
                        continue;
                }
                if (g->nvals == 0) {
                        problem(pb, "group %s: published with no eligible establishment", g->label);
                        continue;
                }
#define FIGURE(colno, text)                                                                        \
        do {                                                                                       \
                n_figures++;                                                                       \
                if (strcmp(cell(g, colno), text) != 0)                                             \
                        problem(pb, "group %s: %s is '%s', expected '%s'", g->label,               \
                                (colno) >= 0 ? p->header[colno] : "?", cell(g, colno), text);      \
        } while (0)
                fmt_tenths(want, sizeof(want), mean_tenths(g->vals, g->nvals));
                FIGURE(p->col_mean, want);
                fmt_tenths(want, sizeof(want), quantile_tenths(g->vals, g->nvals, 1));
                FIGURE(p->col_p25, want);
                fmt_tenths(want, sizeof(want), quantile_tenths(g->vals, g->nvals, 2));
                FIGURE(p->col_median, want);
                fmt_tenths(want, sizeof(want), quantile_tenths(g->vals, g->nvals, 3));
                FIGURE(p->col_p75, want);
                for (l = 0; l <= w->nlevels; l++) {
                        snprintf(want, sizeof(want), "%ld", g->levels[l]);
                        FIGURE(p->col_level[l], want);
                }
                snprintf(want, sizeof(want), "%ld", g->prio_all);
                FIGURE(p->col_prio, want);
                for (c = 0; c < w->npub; c++) {
                        if (!g->pub_pct[c])
                                continue;
                        if (g->S[c] == 0) {
                                problem(pb, "group %s: pct:%s published over nobody", g->label,
                                        mh_criterion_id(w->pub[c]));
                                continue;
                        }
                        fmt_tenths(want, sizeof(want), pct_tenths(g->A[c], g->S[c]));
                        FIGURE(p->col_pct[c], want);
                }
#undef FIGURE
        }
}

/* ---- observatoire.xml: the same groups, empty cells and figures --------- */

static char *prop(xmlNodePtr node, const char *name)
{
        xmlChar *v = xmlGetProp(node, (const xmlChar *)name);
        char *copy;

        if (v == NULL)
                return NULL;
        copy = strdup((const char *)v);
        xmlFree(v);
        assert_non_null(copy);
        return copy;
}

static int is_element(xmlNodePtr n, const char *name)
{
        return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The XML attribute `name` must be absent where the CSV cell is empty, equal otherwise. */
static void same_as_csv(problems *pb, const group *g, xmlNodePtr node, const char *name,
                        const char *csv_text)
{
        char *v = prop(node, name);

        if (v == NULL && csv_text[0] != '\0')
                problem(pb, "observatoire.xml group %s: no %s, the CSV says '%s'", g->label, name,
                        csv_text);
        else if (v != NULL && strcmp(v, csv_text) != 0)
                problem(pb, "observatoire.xml group %s: %s='%s', the CSV says '%s'", g->label, name,
                        v, csv_text);
        free(v);
}

static void check_xml_group(publication *p, const world *w, xmlNodePtr node, problems *pb)
{
        char *region = prop(node, "region"), *category = prop(node, "category");
        int level_seen[MAXLEVELS] = {0}, crit_seen[MAXPUB] = {0};
        xmlNodePtr child;
        group *g;
        size_t c;
        unsigned l;

        g = groups_find(&p->gs, region ? region : "", category ? category : "");
        if (g == NULL || !g->seen) {
                problem(pb, "observatoire.xml: group (%s, %s) is not in the CSV",
                        region ? region : "", category ? category : "");
                goto out;
        }
        if (g->xml_seen++) {
                problem(pb, "observatoire.xml: group %s twice", g->label);
                goto out;
        }
        same_as_csv(pb, g, node, "establishments", g->csv[2]);
        same_as_csv(pb, g, node, "submitted", g->csv[3]);
        same_as_csv(pb, g, node, "eligible", g->csv[4]);
        same_as_csv(pb, g, node, "suppressed", g->csv[5]);
        same_as_csv(pb, g, node, "mean", cell(g, p->col_mean));
        same_as_csv(pb, g, node, "p25", cell(g, p->col_p25));
        same_as_csv(pb, g, node, "median", cell(g, p->col_median));
        same_as_csv(pb, g, node, "p75", cell(g, p->col_p75));
        same_as_csv(pb, g, node, "priority-all", cell(g, p->col_prio));
        for (child = node->children; child != NULL; child = child->next) {
                if (is_element(child, "level")) {
                        char *value = prop(child, "value"), *count = prop(child, "count");
                        long v = value ? strtol(value, NULL, 10) : -1;

                        if (v < 0 || v > (long)w->nlevels || level_seen[v]++)
                                problem(pb, "observatoire.xml group %s: level %s unexpected",
                                        g->label, value ? value : "?");
                        else if (count == NULL || strcmp(count, cell(g, p->col_level[v])) != 0)
                                problem(pb,
                                        "observatoire.xml group %s: level %ld count '%s', the "
                                        "CSV says '%s'",
                                        g->label, v, count ? count : "", cell(g, p->col_level[v]));
                        free(value);
                        free(count);
                } else if (is_element(child, "criterion")) {
                        char *id = prop(child, "id"), *pct = prop(child, "pct");

                        for (c = 0; c < w->npub; c++)
                                if (id != NULL && strcmp(id, mh_criterion_id(w->pub[c])) == 0)
                                        break;
                        if (c == w->npub || crit_seen[c]++)
                                problem(pb,
                                        "observatoire.xml group %s: criterion %s is not public "
                                        "or given twice",
                                        g->label, id ? id : "?");
                        else if (pct != NULL ? strcmp(pct, cell(g, p->col_pct[c])) != 0
                                             : cell(g, p->col_pct[c])[0] != '\0')
                                problem(pb,
                                        "observatoire.xml group %s: pct of %s is '%s', the CSV "
                                        "says '%s'",
                                        g->label, id, pct ? pct : "(absent)",
                                        cell(g, p->col_pct[c]));
                        free(id);
                        free(pct);
                } else if (child->type == XML_ELEMENT_NODE) {
                        problem(pb, "observatoire.xml group %s: unexpected <%s>", g->label,
                                (const char *)child->name);
                }
        }
        for (l = 0; l <= w->nlevels; l++)
                if (!level_seen[l] && cell(g, p->col_level[l])[0] != '\0')
                        problem(pb, "observatoire.xml group %s: no level %u, the CSV says '%s'",
                                g->label, l, cell(g, p->col_level[l]));
        for (c = 0; c < w->npub; c++)
                if (!crit_seen[c] && cell(g, p->col_pct[c])[0] != '\0')
                        problem(pb, "observatoire.xml group %s: no criterion %s, the CSV says '%s'",
                                g->label, mh_criterion_id(w->pub[c]), cell(g, p->col_pct[c]));
out:
        free(region);
        free(category);
}

/* ---- the palmarès -------------------------------------------------------- */

static const truth *truth_find(const world *w, const char *finess)
{
        size_t i;

        for (i = 0; i < w->n; i++)
                if (strcmp(w->t[i].finess, finess) == 0)
                        return &w->t[i];
        return NULL;
}

/* Spreadsheet formulas made inert (publication.md "Export formats"). */
static void neutralised(char *buf, size_t size, const char *name)
{
        snprintf(buf, size, "%s%s", name[0] && strchr("=+-@\t\r", name[0]) ? "'" : "", name);
}

/* The praised in palmarès order: round1(G) descending, then FINESS. */
static int cmp_palmares(const void *a, const void *b)
{
        const truth *x = *(const truth *const *)a, *y = *(const truth *const *)b;

        if (x->tenths != y->tenths)
                return x->tenths > y->tenths ? -1 : 1;
        return strcmp(x->finess, y->finess);
}

typedef struct named {
        const truth **t; /* in palmarès order */
        unsigned *rank;
        size_t n;
} named;

static void expected_palmares(named *out, const world *w)
{
        size_t i, j;

        out->t = calloc(w->n + 1, sizeof(truth *));
        out->rank = calloc(w->n + 1, sizeof(unsigned));
        assert_non_null(out->t);
        assert_non_null(out->rank);
        out->n = 0;
        for (i = 0; i < w->n; i++)
                if (w->t[i].praised)
                        out->t[out->n++] = &w->t[i];
        qsort(out->t, out->n, sizeof(truth *), cmp_palmares);
        for (i = 0; i < out->n; i++) {
                unsigned r = 1;

                for (j = 0; j < out->n; j++)
                        r += out->t[j]->tenths > out->t[i]->tenths;
                out->rank[i] = r;
        }
}

static void check_palmares(const publication *p, const world *w, xmlNodePtr xml_palmares,
                           problems *pb)
{
        named want;
        csv_table t;
        size_t i;
        char buf[1024], score[32];
        xmlNodePtr x = xml_palmares ? xml_palmares->children : NULL;

        expected_palmares(&want, w);
        csv_parse(&t, p->palmares, "palmares.csv");
        assert_true(t.n >= 1);
        if (row_len(t.rows[0]) != 7 || strcmp(t.rows[0][0], "rank") != 0 ||
            strcmp(t.rows[0][1], "finess") != 0 || strcmp(t.rows[0][2], "name") != 0 ||
            strcmp(t.rows[0][3], "region") != 0 || strcmp(t.rows[0][4], "category") != 0 ||
            strcmp(t.rows[0][5], "score") != 0 || strcmp(t.rows[0][6], "level") != 0)
                problem(pb, "palmares.csv: unexpected header");
        /* every row names a praised establishment */
        for (i = 1; i < t.n; i++) {
                const truth *e = row_len(t.rows[i]) == 7 ? truth_find(w, t.rows[i][1]) : NULL;

                if (e == NULL)
                        problem(pb, "palmares.csv line %zu: not an establishment of the input",
                                i + 1);
                else if (!e->praised)
                        problem(pb,
                                "palmares.csv names %s, which is not praised (eligible %d, score "
                                "%ld tenths, level %u, priority %zu/%zu)",
                                e->finess, e->eligible, e->tenths, e->level, e->prio_achieved,
                                e->prio_total);
        }
        if (t.n - 1 != want.n)
                problem(pb, "palmares.csv: %zu rows, %zu praised establishments", t.n - 1, want.n);
        for (i = 0; i < want.n; i++) {
                const truth *e = want.t[i];
                char name[512];

                neutralised(name, sizeof(name), e->name);
                fmt_tenths(score, sizeof(score), e->tenths);
                if (i + 1 < t.n && row_len(t.rows[i + 1]) == 7) {
                        char **r = t.rows[i + 1];
                        char rank[16], level[16];

                        snprintf(rank, sizeof(rank), "%u", want.rank[i]);
                        snprintf(level, sizeof(level), "%u", e->level);
                        if (strcmp(r[0], rank) != 0 || strcmp(r[1], e->finess) != 0 ||
                            strcmp(r[2], name) != 0 || strcmp(r[3], e->region) != 0 ||
                            strcmp(r[4], e->category) != 0 || strcmp(r[5], score) != 0 ||
                            strcmp(r[6], level) != 0)
                                problem(pb,
                                        "palmares.csv row %zu is %s,%s,%s,%s,%s,%s,%s; expected "
                                        "%s,%s,%s,%s,%s,%s,%s",
                                        i + 1, r[0], r[1], r[2], r[3], r[4], r[5], r[6], rank,
                                        e->finess, name, e->region, e->category, score, level);
                }
                /* the XML list: the same, names not neutralised */
                while (x != NULL && !is_element(x, "establishment"))
                        x = x->next;
                if (x == NULL) {
                        problem(pb, "observatoire.xml: palmarès row %zu missing", i + 1);
                        continue;
                }
                {
                        static const char *const attrs[] = {"rank",     "finess", "name", "region",
                                                            "category", "score",  "level"};
                        char values[7][512];
                        size_t a;

                        snprintf(values[0], sizeof(values[0]), "%u", want.rank[i]);
                        snprintf(values[1], sizeof(values[1]), "%s", e->finess);
                        snprintf(values[2], sizeof(values[2]), "%s", e->name);
                        snprintf(values[3], sizeof(values[3]), "%s", e->region);
                        snprintf(values[4], sizeof(values[4]), "%s", e->category);
                        snprintf(values[5], sizeof(values[5]), "%s", score);
                        snprintf(values[6], sizeof(values[6]), "%u", e->level);
                        for (a = 0; a < 7; a++) {
                                char *v = prop(x, attrs[a]);

                                if (v == NULL || strcmp(v, values[a]) != 0) {
                                        snprintf(buf, sizeof(buf), "%s", v ? v : "(absent)");
                                        problem(pb,
                                                "observatoire.xml palmarès row %zu: %s='%s', "
                                                "expected '%s'",
                                                i + 1, attrs[a], buf, values[a]);
                                }
                                free(v);
                        }
                }
                x = x->next;
        }
        while (x != NULL && !is_element(x, "establishment"))
                x = x->next;
        if (x != NULL)
                problem(pb, "observatoire.xml: more palmarès rows than praised establishments");
        free(want.t);
        free(want.rank);
        csv_free(&t);
}

static void check_xml(publication *p, const world *w, problems *pb)
{
        xmlDocPtr doc =
            xmlReadMemory(p->xml, (int)strlen(p->xml), "observatoire.xml", NULL, XML_PARSE_NONET);
        xmlNodePtr root, node, palmares = NULL;
        size_t i;

        assert_non_null(doc);
        root = xmlDocGetRootElement(doc);
        assert_true(is_element(root, "observatoire"));
        for (node = root->children; node != NULL; node = node->next) {
                if (is_element(node, "palmares"))
                        palmares = node;
                else if (is_element(node, "group"))
                        check_xml_group(p, w, node, pb);
        }
        if (palmares == NULL)
                problem(pb, "observatoire.xml: no <palmares>");
        check_palmares(p, w, palmares, pb);
        for (i = 0; i < p->gs.n; i++)
                if (p->gs.g[i].seen && !p->gs.g[i].xml_seen)
                        problem(pb, "observatoire.xml: no group %s", p->gs.g[i].label);
        xmlFreeDoc(doc);
}

/* ---- the oracle: publication.md "Disclosure control (normative)" -------- */

static int unsafe(long x, unsigned k)
{
        return x > 0 && x < (long)k;
}

static void suppress(group *g, size_t npub)
{
        size_t c;

        g->exp_supp = 1;
        for (c = 0; c < npub; c++)
                g->exp_pct[c] = 0;
}

/* The groups of the nation's order: by region code, a region before its cells, then category. */
static void oracle(groups *gs, const world *w)
{
        group *g = gs->g;
        unsigned k = w->k;
        size_t i, c, r, x;

        /* 1. primary */
        for (i = 0; i < gs->n; i++) {
                g[i].exp_supp = g[i].E < (long)k || unsafe(g[i].U, k);
                n_primary += g[i].exp_supp && g[i].E > 0;
                for (c = 0; c < w->npub; c++) {
                        g[i].exp_pct[c] = !g[i].exp_supp && g[i].S[c] >= (long)k;
                        n_primary_pct += !g[i].exp_supp && !g[i].exp_pct[c] && g[i].S[c] > 0;
                }
        }
        /* 2. inside each region that is not suppressed, in region code order */
        for (r = 0; r < gs->nregions; r++) {
                group *R = &g[gs->regions[r]];

                if (R->exp_supp)
                        continue;
                for (;;) {
                        long e = 0, u = 0;
                        size_t best = 0;

                        for (x = R->first; x < R->first + R->ncell; x++)
                                if (g[x].exp_supp) {
                                        e += g[x].E;
                                        u += g[x].U;
                                }
                        if (!unsafe(e, k) && !unsafe(u, k))
                                break;
                        for (x = R->first; x < R->first + R->ncell; x++)
                                if (!g[x].exp_supp && (best == 0 || g[x].E < g[best].E))
                                        best = x;
                        assert_true(best != 0); /* all suppressed: the rest is R, safe */
                        suppress(&g[best], w->npub);
                        n_region_step++;
                }
                for (c = 0; c < w->npub; c++) {
                        if (!R->exp_pct[c])
                                continue;
                        for (;;) {
                                long s = 0;
                                size_t best = 0;

                                for (x = R->first; x < R->first + R->ncell; x++)
                                        if (!g[x].exp_pct[c])
                                                s += g[x].S[c];
                                if (!unsafe(s, k))
                                        break;
                                for (x = R->first; x < R->first + R->ncell; x++)
                                        if (g[x].exp_pct[c] &&
                                            (best == 0 || g[x].S[c] < g[best].S[c]))
                                                best = x;
                                assert_true(best != 0);
                                g[best].exp_pct[c] = 0;
                                n_region_pct++;
                        }
                }
        }
        /* 3. at the nation */
        if (g[0].exp_supp)
                return;
        for (;;) {
                long e = 0, u = 0;
                size_t best = 0;

                for (r = 0; r < gs->nregions; r++) {
                        group *R = &g[gs->regions[r]];

                        if (!R->exp_supp)
                                continue;
                        for (x = R->first; x < R->first + R->ncell; x++)
                                if (g[x].exp_supp) {
                                        e += g[x].E;
                                        u += g[x].U;
                                }
                }
                if (!unsafe(e, k) && !unsafe(u, k))
                        break;
                /* the cover, in the spec's order; the first with the fewest eligible */
                for (r = 0; r < gs->nregions; r++) {
                        size_t ri = gs->regions[r];

                        if (!g[ri].exp_supp) {
                                if (best == 0 || g[ri].E < g[best].E)
                                        best = ri;
                                continue;
                        }
                        for (x = g[ri].first; x < g[ri].first + g[ri].ncell; x++)
                                if (!g[x].exp_supp && (best == 0 || g[x].E < g[best].E))
                                        best = x;
                }
                assert_true(best != 0);
                suppress(&g[best], w->npub);
                n_nation_step++;
                if (g[best].kind == REGION)
                        for (x = g[best].first; x < g[best].first + g[best].ncell; x++)
                                suppress(&g[x], w->npub);
        }
        for (c = 0; c < w->npub; c++) {
                if (!g[0].exp_pct[c])
                        continue;
                for (;;) {
                        long s = 0;
                        size_t best = 0;

                        for (r = 0; r < gs->nregions; r++) {
                                group *R = &g[gs->regions[r]];

                                if (R->exp_pct[c])
                                        continue;
                                for (x = R->first; x < R->first + R->ncell; x++)
                                        if (!g[x].exp_pct[c])
                                                s += g[x].S[c];
                        }
                        if (!unsafe(s, k))
                                break;
                        for (r = 0; r < gs->nregions; r++) {
                                size_t ri = gs->regions[r];

                                if (g[ri].exp_pct[c]) {
                                        if (best == 0 || g[ri].S[c] < g[best].S[c])
                                                best = ri;
                                        continue;
                                }
                                for (x = g[ri].first; x < g[ri].first + g[ri].ncell; x++)
                                        if (g[x].exp_pct[c] &&
                                            (best == 0 || g[x].S[c] < g[best].S[c]))
                                                best = x;
                        }
                        assert_true(best != 0);
                        g[best].exp_pct[c] = 0;
                        n_nation_pct++;
                        if (g[best].kind == REGION)
                                for (x = g[best].first; x < g[best].first + g[best].ncell; x++)
                                        g[x].exp_pct[c] = 0;
                }
        }
}

static void describe_group(char *buf, size_t size, const group *g, const world *w)
{
        size_t c, len;

        snprintf(buf, size, "%s (E=%ld, U=%ld", g->label, g->E, g->U);
        for (c = 0; c < w->npub; c++) {
                len = strlen(buf);
                snprintf(buf + len, size - len, ", S[%s]=%ld", mh_criterion_id(w->pub[c]), g->S[c]);
        }
        len = strlen(buf);
        snprintf(buf + len, size - len, ")");
}

static void check_oracle(publication *p, const world *w, problems *pb)
{
        size_t i, c;
        char d[512];

        oracle(&p->gs, w);
        for (i = 0; i < p->gs.n; i++) {
                const group *g = &p->gs.g[i];

                if (!g->seen)
                        continue;
                describe_group(d, sizeof(d), g, w);
                if (g->exp_supp != g->pub_supp) {
                        problem(pb, "group %s is %s, the spec's rules have it %s (k=%u)", d,
                                g->pub_supp ? "suppressed" : "published",
                                g->exp_supp ? "suppressed" : "published", w->k);
                        continue;
                }
                for (c = 0; c < w->npub; c++)
                        if (g->exp_pct[c] != g->pub_pct[c])
                                problem(pb,
                                        "group %s: pct:%s is %s, the spec's rules have it %s "
                                        "(k=%u)",
                                        d, mh_criterion_id(w->pub[c]),
                                        g->pub_pct[c] ? "published" : "empty",
                                        g->exp_pct[c] ? "published" : "empty", w->k);
        }
}

/* ---- the attacker: differences of published groups ---------------------- */

/* dimension: -1 for the eligible and the unnamed, c for public criterion c */
static int published_in(const group *g, int dim)
{
        return dim < 0 ? !g->pub_supp : !g->pub_supp && g->pub_pct[dim];
}

static void join_labels(char *buf, size_t size, const groups *gs, const size_t *set, size_t n)
{
        size_t i, len;

        buf[0] = '\0';
        for (i = 0; i < n; i++) {
                len = strlen(buf);
                if (len + 24 > size) {
                        snprintf(buf + len, size - len, ", ...");
                        return;
                }
                snprintf(buf + len, size - len, "%s%s", i ? ", " : "", gs->g[set[i]].label);
        }
}

/* parent minus the disjoint published groups `set`: the remainder must be safe */
static void check_remainder(const groups *gs, const world *w, size_t parent, const size_t *set,
                            size_t n, int dim, problems *pb)
{
        const group *P = &gs->g[parent];
        long e = P->E, u = P->U, s = dim >= 0 ? P->S[dim] : 0;
        size_t i;
        char labels[512];

        n_differences++;
        for (i = 0; i < n; i++) {
                const group *g = &gs->g[set[i]];

                e -= g->E;
                u -= g->U;
                if (dim >= 0)
                        s -= g->S[dim];
        }
        if (dim < 0 && !unsafe(e, w->k) && !unsafe(u, w->k))
                return;
        if (dim >= 0 && !unsafe(s, w->k))
                return;
        join_labels(labels, sizeof(labels), gs, set, n);
        if (dim < 0)
                problem(pb,
                        "breach: %s minus {%s} leaves %ld eligible, %ld of them unnamed (k=%u): "
                        "their figures can be computed",
                        P->label, labels, e, u, w->k);
        else
                problem(pb,
                        "breach: pct:%s of %s minus {%s} leaves %ld establishments where it is "
                        "scored (k=%u)",
                        mh_criterion_id(w->pub[dim]), P->label, labels, s, w->k);
}

/* Every subset of `subs` when they are few, else the spec's difference and a sample. */
static void subtract_subsets(const groups *gs, const world *w, size_t parent, const size_t *subs,
                             size_t nsubs, int dim, problems *pb)
{
        size_t set[1024], n, i, j;

        assert_true(nsubs <= 1024);
        if (nsubs <= MAXSUB) {
                unsigned long mask;

                for (mask = 0; mask < (1UL << nsubs); mask++) {
                        for (n = 0, i = 0; i < nsubs; i++)
                                if (mask & (1UL << i))
                                        set[n++] = subs[i];
                        check_remainder(gs, w, parent, set, n, dim, pb);
                }
                return;
        }
        /* everything, everything but one, everything but two, one, two */
        check_remainder(gs, w, parent, subs, nsubs, dim, pb);
        check_remainder(gs, w, parent, subs, 0, dim, pb);
        for (i = 0; i < nsubs; i++) {
                check_remainder(gs, w, parent, subs + i, 1, dim, pb);
                for (n = 0, j = 0; j < nsubs; j++)
                        if (j != i)
                                set[n++] = subs[j];
                check_remainder(gs, w, parent, set, n, dim, pb);
                for (j = i + 1; j < nsubs; j++) {
                        size_t pair[2] = {subs[i], subs[j]}, m, q;

                        check_remainder(gs, w, parent, pair, 2, dim, pb);
                        for (m = 0, q = 0; q < nsubs; q++)
                                if (q != i && q != j)
                                        set[m++] = subs[q];
                        check_remainder(gs, w, parent, set, m, dim, pb);
                }
        }
        for (i = 0; i < 256; i++) {
                for (n = 0, j = 0; j < nsubs; j++)
                        if (rnd() & 1)
                                set[n++] = subs[j];
                check_remainder(gs, w, parent, set, n, dim, pb);
        }
}

static void attack_dimension(const groups *gs, const world *w, int dim, problems *pb)
{
        const group *g = gs->g;
        size_t subs[1024], n, r, x, i;

        /* each published group alone */
        for (i = 0; i < gs->n; i++) {
                if (!published_in(&g[i], dim))
                        continue;
                n_differences++;
                if (dim < 0 && (g[i].E < (long)w->k || unsafe(g[i].U, w->k)))
                        problem(pb,
                                "breach: group %s is published with %ld eligible, %ld unnamed "
                                "(k=%u)",
                                g[i].label, g[i].E, g[i].U, w->k);
                if (dim >= 0 && g[i].S[dim] < (long)w->k)
                        problem(pb, "breach: pct:%s of group %s is published over %ld (k=%u)",
                                mh_criterion_id(w->pub[dim]), g[i].label, g[i].S[dim], w->k);
        }
        /* each published region minus any subset of its published cells */
        for (r = 0; r < gs->nregions; r++) {
                const group *R = &g[gs->regions[r]];

                if (!published_in(R, dim))
                        continue;
                for (n = 0, x = R->first; x < R->first + R->ncell; x++)
                        if (published_in(&g[x], dim))
                                subs[n++] = x;
                subtract_subsets(gs, w, gs->regions[r], subs, n, dim, pb);
        }
        if (!published_in(&g[0], dim))
                return;
        /* the nation minus any subset of its cover: the published regions and the
         * published cells of the others */
        for (n = 0, r = 0; r < gs->nregions; r++) {
                const group *R = &g[gs->regions[r]];

                if (published_in(R, dim)) {
                        subs[n++] = gs->regions[r];
                        continue;
                }
                for (x = R->first; x < R->first + R->ncell; x++)
                        if (published_in(&g[x], dim))
                                subs[n++] = x;
        }
        subtract_subsets(gs, w, 0, subs, n, dim, pb);
        /* random antichains: per region, the region, some of its cells, or nothing */
        for (i = 0; i < 64; i++) {
                for (n = 0, r = 0; r < gs->nregions; r++) {
                        const group *R = &g[gs->regions[r]];
                        unsigned choice = rnd_below(3);

                        if (choice == 0 && published_in(R, dim)) {
                                subs[n++] = gs->regions[r];
                                continue;
                        }
                        if (choice == 2)
                                continue;
                        for (x = R->first; x < R->first + R->ncell; x++)
                                if (published_in(&g[x], dim) && (rnd() & 1))
                                        subs[n++] = x;
                }
                check_remainder(gs, w, 0, subs, n, dim, pb);
        }
}

static void attack_differences(const publication *p, const world *w, problems *pb)
{
        size_t c;

        attack_dimension(&p->gs, w, -1, pb);
        for (c = 0; c < w->npub; c++)
                attack_dimension(&p->gs, w, (int)c, pb);
}

/* ---- never published: the FINESS of an establishment that is not praised - */

static int cmp_finess(const void *a, const void *b)
{
        return strcmp((const char *)a, *(const char *const *)b);
}

static int cmp_finess_ptr(const void *a, const void *b)
{
        return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int finess_char(char c)
{
        return (c >= '0' && c <= '9') || c == 'A' || c == 'B';
}

/* The private contact every random establishment is given: it must never be published. */
#define CONTACT_NAME  "Contact-Privé-Zoé"
#define CONTACT_EMAIL "contact.prive@ch-exemple.fr"

/*
 * Every 9-character FINESS-like token of every file, looked up among the
 * unnamed; and no establishment's contact anywhere.
 */
static void check_never_named(const publication *p, const world *w, problems *pb)
{
        const char *files[4] = {p->palmares, p->observatoire, p->xml, p->html};
        static const char *const names[4] = {"palmares.csv", "observatoire.csv", "observatoire.xml",
                                             "index.html"};
        const char **hidden = calloc(w->n + 1, sizeof(char *));
        size_t nhidden = 0, i, f;

        assert_non_null(hidden);
        for (i = 0; i < w->n; i++)
                if (!w->t[i].praised)
                        hidden[nhidden++] = w->t[i].finess;
        qsort(hidden, nhidden, sizeof(char *), cmp_finess_ptr);
        for (f = 0; f < 4; f++) {
                const char *s = files[f];

                for (i = 0; s[i] != '\0'; i++) {
                        char token[10];
                        size_t len = 0;

                        if (!finess_char(s[i]) || (i > 0 && finess_char(s[i - 1])))
                                continue;
                        while (finess_char(s[i + len]) && len < 10)
                                len++;
                        if (len != 9)
                                continue;
                        memcpy(token, s + i, 9);
                        token[9] = '\0';
                        if (bsearch(token, hidden, nhidden, sizeof(char *), cmp_finess) != NULL)
                                problem(pb, "%s names %s, which is not praised", names[f], token);
                }
        }
        free(hidden);
        /* the private contact of every establishment (random_establishment) appears nowhere */
        for (f = 0; f < 4; f++)
                if (strstr(files[f], CONTACT_NAME) != NULL ||
                    strstr(files[f], CONTACT_EMAIL) != NULL)
                        problem(pb, "%s holds an establishment's private contact", names[f]);
}

/* ---- the whole attack on one population ---------------------------------- */

/*
 * Publishes w's population into a new directory, reads it back and checks
 * everything above.  The publication is returned for more checks (free it
 * with publication_free(); its directory is already removed).
 */
static void publish_and_attack(publication *p, const world *w, const char *what)
{
        mh_publish_options options = MH_PUBLISH_OPTIONS_INIT;
        problems pb = {what, 0, 0, {0}, {0}};
        int rc;

        memset(p, 0, sizeof(*p));
        snprintf(p->dir, sizeof(p->dir), "/tmp/mh-att-XXXXXX");
        assert_non_null(mkdtemp(p->dir));
        rc = mh_publish(w->pop, &options, p->dir, NULL);
        if (rc != 0) {
                remove_dir(p->dir);
                fail_msg("%s: mh_publish returned %d", what, rc);
        }
        p->palmares = read_in(p->dir, "palmares.csv");
        p->observatoire = read_in(p->dir, "observatoire.csv");
        p->xml = read_in(p->dir, "observatoire.xml");
        p->html = read_in(p->dir, "index.html");
        remove_dir(p->dir);
        n_populations++;
        groups_build(&p->gs, w);
        read_observatoire(p, w, &pb);
        check_figures(p, w, &pb);
        check_xml(p, w, &pb);
        check_never_named(p, w, &pb);
        attack_differences(p, w, &pb);
        check_oracle(p, w, &pb);
        fail_on_problems(&pb);
}

/* "nation:P 11:S 11/101:P-PB ...": suppressed groups and empty pct, for the hand cases. */
static void state_string(char *buf, size_t size, const publication *p, const world *w)
{
        size_t i, c, len;

        buf[0] = '\0';
        for (i = 0; i < p->gs.n; i++) {
                const group *g = &p->gs.g[i];

                len = strlen(buf);
                snprintf(buf + len, size - len, "%s%s:%s", i ? " " : "", g->label,
                         g->pub_supp ? "S" : "P");
                if (g->pub_supp)
                        continue;
                for (c = 0; c < w->npub; c++)
                        if (!g->pub_pct[c]) {
                                len = strlen(buf);
                                snprintf(buf + len, size - len, "-%s", mh_criterion_id(w->pub[c]));
                        }
        }
}

static void print_counts(const char *what)
{
        print_message("%s: %lu publications, %lu groups checked, %lu figures compared, %lu "
                      "differences tried\n",
                      what, n_populations, n_groups_checked, n_figures, n_differences);
        print_message("%s: the rules acted (in the oracle): primary %lu groups and %lu pct, region "
                      "step %lu cells and %lu pct, nation step %lu groups and %lu pct\n",
                      what, n_primary, n_primary_pct, n_region_step, n_region_pct, n_nation_step,
                      n_nation_pct);
        n_populations = n_groups_checked = n_differences = n_figures = 0;
        n_primary = n_primary_pct = n_region_step = n_region_pct = n_nation_step = n_nation_pct = 0;
}

/* ---- (a) the fixtures ---------------------------------------------------- */

static void test_fixtures(void **state)
{
        mh_referentiel *ref =
            tu_load_referentiel("referentiels/maturinh-cyber/maturinh-cyber.yaml");
        char path[4096], *order, *line, *save = NULL;
        publication p;
        world w;

        (void)state;
        world_init(&w, ref);
        snprintf(path, sizeof(path), "%s/fixtures/answers/ORDER", tu_source_dir());
        order = tu_read_file(path, NULL);
        assert_non_null(order);
        for (line = strtok_r(order, "\n", &save); line != NULL;
             line = strtok_r(NULL, "\n", &save)) {
                mh_answers_reader *reader = NULL;
                mh_establishment *est;

                if (line[0] == '\0' || line[0] == '#')
                        continue;
                snprintf(path, sizeof(path), "%s/%s", tu_source_dir(), line);
                assert_int_equal(mh_answers_open_file(&reader, ref, path, NULL), 0);
                while (mh_answers_next(&est, reader) == 0) {
                        world_add(&w, est);
                        mh_establishment_free(est);
                }
                mh_answers_close(reader);
        }
        free(order);
        assert_true(w.n >= 30);
        rng_state = 1;
        publish_and_attack(&p, &w, "fixtures");
        publication_free(&p);
        world_free(&w);
        mh_referentiel_free(ref);
        print_counts("fixtures");
}

/* ---- (b) random populations ---------------------------------------------- */

static const char random_yaml[] =
    "format: maturinh-referentiel/1\n"
    "id: att-random\n"
    "version: \"1\"\n"
    "title: \"Attaque aléatoire\"\n"
    "levels:\n"
    "  - {level: 1, label: \"Un\"}\n"
    "  - {level: 2, label: \"Deux\"}\n"
    "  - {level: 3, label: \"Trois\"}\n"
    "scoring:\n"
    "  priority_level_cap: %s\n"
    "publication:\n"
    "  min_completeness: %s\n"
    "  praise_min_score: %s\n"
    "  praise_requires_priority: %s\n"
    "  praise_min_level: %u\n"
    "  min_cell_size: %u\n"
    "domains:\n"
    "  - id: SCORE\n"
    "    title: \"Score\"\n"
    "    weight: 3\n"
    "    applies_to: {max_beds: 2000}\n"
    "    criteria:\n"
    "      - id: SCORE-01\n"
    "        title: \"Score\"\n"
    "        level: 3\n"
    "        indicators:\n"
    "          - id: SCORE-01-A\n"
    "            question: \"Score ?\"\n"
    "            type: percent\n"
    "            linear: [0, 100]\n"
    "  - id: PUB\n"
    "    title: \"Critères publics\"\n"
    "    applies_to: {categories: [\"101\", \"106\", \"355\", \"362\"]}\n"
    "    criteria:\n"
    "      - id: PA\n"
    "        title: \"A\"\n"
    "        level: 1\n"
    "        priority: true\n"
    "        public: true\n"
    "        indicators:\n"
    "          - id: PA-1\n"
    "            question: \"A ?\"\n"
    "            type: boolean\n"
    "      - id: PB\n"
    "        title: \"B\"\n"
    "        level: 1\n"
    "        public: true\n"
    "        applies_to: {min_beds: 100}\n"
    "        indicators:\n"
    "          - id: PB-1\n"
    "            question: \"B ?\"\n"
    "            type: boolean\n"
    "      - id: PC\n"
    "        title: \"C\"\n"
    "        level: 2\n"
    "        public: true\n"
    "        indicators:\n"
    "          - id: PC-1\n"
    "            question: \"C ?\"\n"
    "            type: boolean\n"
    "            na_allowed: true\n"
    "      - id: PD\n"
    "        title: \"D\"\n"
    "        level: 2\n"
    "        public: true\n"
    "        combine: min\n"
    "        applies_to: {categories: [\"101\", \"355\"]}\n"
    "        indicators:\n"
    "          - id: PD-1\n"
    "            question: \"D1 ?\"\n"
    "            type: boolean\n"
    "          - id: PD-2\n"
    "            question: \"D2 ?\"\n"
    "            type: percent\n"
    "            linear: [0, 100]\n"
    "      - id: PE\n"
    "        title: \"E (not public)\"\n"
    "        level: 2\n"
    "        priority: true\n"
    "        indicators:\n"
    "          - id: PE-1\n"
    "            question: \"E ?\"\n"
    "            type: boolean\n";

static mh_referentiel *load_yaml(const char *text)
{
        mh_diagnostics *diags = NULL;
        mh_referentiel *ref = NULL;

        assert_int_equal(mh_diagnostics_new(&diags), 0);
        if (mh_referentiel_load_buffer(&ref, text, strlen(text), "inline.yaml", diags) != 0) {
                mh_diagnostics_print(diags, stderr);
                fail_msg("the test's référentiel does not load");
        }
        mh_diagnostics_free(diags);
        return ref;
}

static const char *const all_regions[] = {"01", "02", "03", "04", "06", "11", "24", "27", "28",
                                          "32", "44", "52", "53", "75", "76", "84", "93", "94"};
static const char *const all_categories[] = {"101", "106", "128", "355", "362", "365"};

static void set(mh_establishment *est, const mh_referentiel *ref, const char *id, const char *v)
{
        const mh_indicator *ind = mh_referentiel_find_indicator(ref, id);
        char why[256];

        assert_non_null(ind);
        if (!mh_establishment_concerned_by(est, ind))
                return;
        if (mh_establishment_set_answer(est, ind, v, tu_diags()) != 0)
                fail_msg("%s = '%s': %s", id, v, why);
}

static void random_establishment(world *w, const char *const *regions, unsigned nregions,
                                 const char *const *categories, unsigned ncategories)
{
        static const long beds_choice[] = {-1, 10, 99, 100, 300, 2500};
        static const long ties[] = {500, 800, 850, 900, 950, 1000};
        char finess[10], name[32], value[32];
        mh_establishment *est = NULL;
        mh_profile profile;
        char why[256];
        unsigned quality = rnd_below(101), missing = rnd_below(5) == 0 ? 30 : 0;
        long tenths;
        const char *bools[] = {"PA-1", "PB-1", "PC-1", "PD-1", "PE-1"};
        size_t i;

        make_finess(finess, ++w->seq);
        snprintf(name, sizeof(name), "Etablissement %lu", w->seq);
        memset(&profile, 0, sizeof(profile));
        profile.finess = finess;
        profile.name = name;
        profile.region = regions[rnd_below(nregions)];
        profile.category = categories[rnd_below(ncategories)];
        profile.beds = beds_choice[rnd_below(6)];
        profile.ose = (int)rnd_below(2);
        profile.campaign = "2025";
        profile.reference_date = "2025-06-30";
        profile.submission = rnd_below(7) == 0 ? MH_SUBMISSION_DRAFT : MH_SUBMISSION_SUBMITTED;
        profile.contact_name = CONTACT_NAME;
        profile.contact_email = CONTACT_EMAIL;
        if (mh_establishment_new(&est, w->ref, &profile, tu_diags()) != 0)
                fail_msg("profile refused: %s", why);
        assert_string_equal(mh_establishment_contact_email(est), CONTACT_EMAIL);
        /* the score: clustered values (ties) or anything */
        tenths = rnd_below(3) == 0 ? ties[rnd_below(6)] : (long)(quality * 10 + rnd_below(100));
        if (tenths > 1000)
                tenths = 1000;
        snprintf(value, sizeof(value), "%ld.%ld", tenths / 10, tenths % 10);
        if (rnd_below(100) >= missing)
                set(est, w->ref, "SCORE-01-A", value);
        for (i = 0; i < 5; i++) {
                if (rnd_below(100) < missing)
                        continue;
                if (i == 2 && rnd_below(5) == 0)
                        set(est, w->ref, bools[i], "na");
                else
                        set(est, w->ref, bools[i], rnd_below(100) < quality + 10 ? "oui" : "non");
        }
        if (rnd_below(100) >= missing)
                set(est, w->ref, "PD-2", rnd_below(100) < quality ? "100" : "40");
        world_add(w, est);
        mh_establishment_free(est);
}

static void test_random(void **state)
{
        static const char *const scores[] = {"0", "40", "60", "75", "80", "85.5", "90", "100"};
        static const char *const completeness[] = {"1.0", "1.0", "0.8", "0.5", "0"};
        unsigned long seed;

        (void)state;
        /* 1..300: a few small regions; 301..400: up to 18 regions, larger populations */
        for (seed = 1; seed <= 400; seed++) {
                int wide = seed > 300;
                char yaml[sizeof(random_yaml) + 256], what[64];
                const char *regions[18], *categories[6];
                unsigned nregions, ncategories, n, i;
                mh_referentiel *ref;
                publication p;
                world w;

                rng_state = seed * 7919;
                snprintf(yaml, sizeof(yaml), random_yaml, rnd_below(4) == 0 ? "1" : "null",
                         completeness[rnd_below(5)], scores[rnd_below(8)],
                         rnd_below(2) ? "true" : "false", rnd_below(4), 1 + rnd_below(6));
                ref = load_yaml(yaml);
                world_init(&w, ref);
                /* a few regions and categories, drawn without replacement */
                memcpy(regions, all_regions, sizeof(regions));
                memcpy(categories, all_categories, sizeof(categories));
                nregions = 1 + rnd_below(wide ? 18 : 6);
                ncategories = 1 + rnd_below(6);
                for (i = 0; i < 18; i++) {
                        unsigned j = i + rnd_below(18 - i);
                        const char *tmp = regions[i];

                        regions[i] = regions[j];
                        regions[j] = tmp;
                }
                for (i = 0; i < 6; i++) {
                        unsigned j = i + rnd_below(6 - i);
                        const char *tmp = categories[i];

                        categories[i] = categories[j];
                        categories[j] = tmp;
                }
                if (wide)
                        n = rnd_below(4) == 0 ? 150 + rnd_below(300) : 1 + rnd_below(120);
                else
                        n = rnd_below(10) == 0 ? 150 + rnd_below(100) : 1 + rnd_below(70);
                for (i = 0; i < n; i++)
                        random_establishment(&w, regions, nregions, categories, ncategories);
                snprintf(what, sizeof(what), "random seed %lu (k=%u, %u establishments)", seed, w.k,
                         n);
                publish_and_attack(&p, &w, what);
                publication_free(&p);
                world_free(&w);
                mh_referentiel_free(ref);
        }
        print_counts("random");
}

/* ---- (c) a national population ------------------------------------------- */

static void test_national(void **state)
{
        mh_referentiel *ref =
            tu_load_referentiel("referentiels/maturinh-cyber/maturinh-cyber.yaml");
        mh_generator *gen = NULL;
        publication p;
        world w;
        size_t i;

        (void)state;
        world_init(&w, ref);
        assert_int_equal(mh_generator_new(&gen, ref, 20250630, "2025", "2025-06-30", NULL), 0);
        for (i = 0; i < 3000; i++) {
                mh_establishment *est = NULL;

                assert_int_equal(mh_generator_next(&est, gen), 0);
                world_add(&w, est);
                mh_establishment_free(est);
        }
        mh_generator_free(gen);
        assert_true(w.n >= 2900);
        rng_state = 3;
        publish_and_attack(&p, &w, "national (3000, seed 20250630)");
        publication_free(&p);
        world_free(&w);
        mh_referentiel_free(ref);
        print_counts("national");
}

/* ---- (5) hand-built cases ------------------------------------------------ */

static const char hand_yaml[] = "format: maturinh-referentiel/1\n"
                                "id: att-hand\n"
                                "version: \"1\"\n"
                                "title: \"Attaque à la main\"\n"
                                "levels:\n"
                                "  - {level: 1, label: \"Un\"}\n"
                                "  - {level: 2, label: \"Deux\"}\n"
                                "publication:\n"
                                "  min_completeness: 1.0\n"
                                "  praise_min_score: 90\n"
                                "  praise_requires_priority: false\n"
                                "  praise_min_level: %u\n"
                                "  min_cell_size: %u\n"
                                "domains:\n"
                                "  - id: SCORE\n"
                                "    title: \"Score\"\n"
                                "    criteria:\n"
                                "      - id: SCORE-01\n"
                                "        title: \"Score\"\n"
                                "        level: 2\n"
                                "        indicators:\n"
                                "          - id: SCORE-01-A\n"
                                "            question: \"Score ?\"\n"
                                "            type: percent\n"
                                "            linear: [0, 100]\n"
                                "  - id: PUB\n"
                                "    title: \"Critères publics\"\n"
                                "    weight: 0.000001\n"
                                "    criteria:\n"
                                "      - id: PA\n"
                                "        title: \"A\"\n"
                                "        level: 1\n"
                                "        priority: true\n"
                                "        public: true\n"
                                "        indicators:\n"
                                "          - id: PA-1\n"
                                "            question: \"A ?\"\n"
                                "            type: boolean\n"
                                "      - id: PB\n"
                                "        title: \"B\"\n"
                                "        level: 1\n"
                                "        public: true\n"
                                "        applies_to: {min_beds: 100}\n"
                                "        indicators:\n"
                                "          - id: PB-1\n"
                                "            question: \"B ?\"\n"
                                "            type: boolean\n";

static mh_referentiel *hand_referentiel(unsigned k, unsigned praise_min_level)
{
        char yaml[sizeof(hand_yaml) + 64];

        snprintf(yaml, sizeof(yaml), hand_yaml, praise_min_level, k);
        return load_yaml(yaml);
}

enum { SUB = 0, DRAFT, INCOMPLETE };

/* One establishment of the hand référentiel: round1(G) is `score` (PUB weighs 1e-6). */
static void hand_one(world *w, unsigned long seq, const char *region, const char *category,
                     const char *score, int pa, long beds, int status)
{
        char finess[10], name[32], why[256];
        mh_establishment *est = NULL;
        mh_profile profile;

        make_finess(finess, seq);
        snprintf(name, sizeof(name), "Etablissement %lu", seq);
        memset(&profile, 0, sizeof(profile));
        profile.finess = finess;
        profile.name = name;
        profile.region = region;
        profile.category = category;
        profile.beds = beds;
        profile.campaign = "2025";
        profile.reference_date = "2025-06-30";
        profile.submission = status == DRAFT ? MH_SUBMISSION_DRAFT : MH_SUBMISSION_SUBMITTED;
        if (mh_establishment_new(&est, w->ref, &profile, tu_diags()) != 0)
                fail_msg("profile refused: %s", why);
        if (status != INCOMPLETE)
                set(est, w->ref, "SCORE-01-A", score);
        set(est, w->ref, "PA-1", pa ? "oui" : "non");
        set(est, w->ref, "PB-1", "oui");
        world_add(w, est);
        mh_establishment_free(est);
}

typedef struct hand_row {
        const char *region, *category;
        int count;
        const char *score; /* >= 90: named */
        long beds;         /* >= 100: PB scored */
        int status;
} hand_row;

typedef struct hand_case {
        const char *name;
        unsigned k;
        hand_row rows[12];
        const char *expected;
} hand_case;

#define U5(r, c, n)                                                                                \
        {                                                                                          \
                r, c, n, "50", 200, SUB                                                            \
        } /* n unnamed */
#define N5(r, c, n)                                                                                \
        {                                                                                          \
                r, c, n, "95", 200, SUB                                                            \
        } /* n named */
#define UB(r, c, n)                                                                                \
        {                                                                                          \
                r, c, n, "50", 50, SUB                                                             \
        } /* n unnamed where PB does not apply */
#define NB(r, c, n)                                                                                \
        {                                                                                          \
                r, c, n, "95", 50, SUB                                                             \
        } /* n named where PB does not apply */

static const hand_case hand_cases[] = {
    {"drafts only: counted, nobody eligible, all suppressed",
     1,
     {{"11", "101", 3, "95", 200, DRAFT}},
     "nation:S 11:S 11/101:S"},
    {"primary: fewer than k eligible (drafts and incomplete ones are not eligible)",
     5,
     {U5("11", "101", 5),
      {"11", "106", 2, "50", 200, DRAFT},
      {"11", "106", 3, "50", 200, INCOMPLETE},
      U5("84", "101", 6),
      U5("84", "355", 2),
      U5("84", "106", 3)},
     "nation:P 11:P 11/101:P 11/106:S 84:P 84/101:P 84/106:S 84/355:S"},
    {"primary: an unsafe number of unnamed (5 eligible, 2 named, k = 5)",
     5,
     {N5("11", "101", 2), U5("11", "101", 3), N5("11", "106", 2), U5("11", "106", 2),
      U5("11", "355", 5), N5("11", "362", 2), U5("11", "362", 5), N5("11", "365", 5)},
     "nation:P 11:P 11/101:S 11/106:S 11/355:P 11/362:P 11/365:P"},
    {"region step, by unnamed: the published cell with the fewest eligible",
     5,
     {N5("11", "101", 2), U5("11", "101", 3), U5("11", "106", 6), U5("11", "355", 5),
      U5("11", "362", 7)},
     "nation:P 11:P 11/101:S 11/106:P 11/355:S 11/362:P"},
    {"region step, by unnamed: a tie goes to the smallest category code",
     5,
     {N5("11", "101", 2), U5("11", "101", 3), U5("11", "106", 5), U5("11", "355", 5),
      U5("11", "362", 7)},
     "nation:P 11:P 11/101:S 11/106:S 11/355:P 11/362:P"},
    {"region step, by eligible (the suppressed cell is all named: no unnamed at stake)",
     5,
     {N5("11", "101", 3), U5("11", "106", 6), U5("11", "355", 7), U5("11", "362", 9)},
     "nation:P 11:P 11/101:S 11/106:S 11/355:P 11/362:P"},
    {"region step, pct: the cell with the smallest |S|, ties by category code",
     5,
     {U5("11", "101", 3), UB("11", "101", 3), U5("11", "106", 5), UB("11", "106", 1),
      U5("11", "355", 6), U5("11", "362", 5), UB("11", "362", 1)},
     "nation:P 11:P 11/101:P-PB 11/106:P-PB 11/355:P 11/362:P"},
    {"nation step: the region with the fewest eligible, and all its cells",
     5,
     {U5("11", "101", 6), U5("11", "106", 6), U5("24", "101", 3), U5("84", "101", 5),
      U5("84", "106", 5)},
     "nation:P 11:P 11/101:P 11/106:P 24:S 24/101:S 84:S 84/101:S 84/106:S"},
    {"nation step: a tie between regions goes to the smallest region code",
     5,
     {U5("11", "101", 5), U5("11", "106", 5), U5("24", "101", 3), U5("84", "101", 5),
      U5("84", "106", 5)},
     "nation:P 11:S 11/101:S 11/106:S 24:S 24/101:S 84:P 84/101:P 84/106:P"},
    {"nation step: a cell of a suppressed region 11 comes before region 24 (region code)",
     5,
     {N5("11", "101", 5), U5("11", "106", 2), U5("24", "101", 5), U5("84", "101", 6)},
     "nation:P 11:S 11/101:S 11/106:S 24:S 24/101:S 84:P 84/101:P"},
    {"nation step, pct: emptied at the region with the smallest |S|, and in its cells",
     5,
     {U5("11", "101", 5), UB("11", "101", 1), U5("11", "106", 5), UB("11", "106", 1),
      U5("24", "101", 3), UB("24", "101", 3), U5("84", "101", 6)},
     "nation:P 11:P 11/101:P 11/106:P 24:P-PB 24/101:P-PB 84:P-PB 84/101:P-PB"},
    {"nation step, pct: a tie between regions goes to the smallest region code",
     5,
     {U5("11", "101", 5), UB("11", "101", 1), U5("11", "106", 5), UB("11", "106", 1),
      U5("24", "101", 3), UB("24", "101", 3), U5("84", "101", 5), UB("84", "101", 1),
      U5("84", "106", 5), UB("84", "106", 1)},
     "nation:P 11:P-PB 11/101:P-PB 11/106:P-PB 24:P-PB 24/101:P-PB 84:P 84/101:P 84/106:P"},
    {"nation step, pct: the published cells of a suppressed region, ties by category code",
     5,
     {N5("11", "101", 5), N5("11", "106", 5), U5("11", "355", 2), UB("24", "101", 3),
      U5("84", "101", 6)},
     "nation:P 11:S 11/101:P-PB 11/106:P 11/355:S 24:S 24/101:S 84:P 84/101:P"},
};

static void test_hand_cases(void **state)
{
        size_t i, j;

        (void)state;
        for (i = 0; i < sizeof(hand_cases) / sizeof(hand_cases[0]); i++) {
                const hand_case *hc = &hand_cases[i];
                mh_referentiel *ref = hand_referentiel(hc->k, 0);
                char got[2048];
                publication p;
                world w;
                int m;

                world_init(&w, ref);
                for (j = 0; j < 12 && hc->rows[j].region != NULL; j++)
                        for (m = 0; m < hc->rows[j].count; m++)
                                hand_one(&w, ++w.seq, hc->rows[j].region, hc->rows[j].category,
                                         hc->rows[j].score, 1, hc->rows[j].beds,
                                         hc->rows[j].status);
                rng_state = i + 1;
                publish_and_attack(&p, &w, hc->name);
                state_string(got, sizeof(got), &p, &w);
                if (strcmp(got, hc->expected) != 0)
                        fail_msg("%s:\n  expected %s\n  got      %s", hc->name, hc->expected, got);
                publication_free(&p);
                world_free(&w);
                mh_referentiel_free(ref);
        }
        print_counts("hand cases");
}

/* A cell's figure, by column name. */
static const char *figure(const publication *p, const char *label, const char *column)
{
        size_t i;
        int col = header_col(p->header, column);

        assert_true(col >= 0);
        for (i = 0; i < p->gs.n; i++)
                if (strcmp(p->gs.g[i].label, label) == 0)
                        return p->gs.g[i].csv[col];
        fail_msg("no group %s", label);
        return NULL;
}

/*
 * 14 scores averaging exactly 80.05: 80.1, in whatever order they are
 * added (a floating-point sum in ascending order gives 80.04999...).  The
 * FINESS numbers follow the scores, so that an engine sorting by FINESS
 * or by score sums them in the unlucky order.
 */
static void test_exact_mean(void **state)
{
        static const long tenths[14] = {734, 845, 895, 716, 765, 730, 826,
                                        894, 815, 820, 866, 797, 753, 751};
        static const char *const names[] = {"palmares.csv", "observatoire.csv", "observatoire.xml",
                                            "index.html"};
        mh_referentiel *ref = hand_referentiel(5, 0);
        char *first[4] = {NULL, NULL, NULL, NULL};
        unsigned order_no;

        (void)state;
        for (order_no = 0; order_no < 6; order_no++) {
                size_t idx[14], i, rank[14];
                publication p;
                world w;
                char score[32], what[64];
                const char *got[4];

                /* FINESS numbers in ascending score order */
                for (i = 0; i < 14; i++) {
                        size_t j;

                        rank[i] = 0;
                        for (j = 0; j < 14; j++)
                                rank[i] += tenths[j] < tenths[i];
                }
                for (i = 0; i < 14; i++)
                        idx[i] = i;
                if (order_no == 1 || order_no == 2 || order_no == 3) {
                        /* reversed, ascending, descending */
                        size_t a, b;

                        for (a = 0; a < 14; a++)
                                for (b = a + 1; b < 14; b++) {
                                        int swap = order_no == 1 ? idx[a] < idx[b]
                                                   : order_no == 2
                                                       ? tenths[idx[a]] > tenths[idx[b]]
                                                       : tenths[idx[a]] < tenths[idx[b]];

                                        if (swap) {
                                                size_t tmp = idx[a];

                                                idx[a] = idx[b];
                                                idx[b] = tmp;
                                        }
                                }
                } else if (order_no >= 4) {
                        rng_state = order_no;
                        for (i = 0; i < 14; i++) {
                                size_t j = i + rnd_below((unsigned)(14 - i)), tmp = idx[i];

                                idx[i] = idx[j];
                                idx[j] = tmp;
                        }
                }
                world_init(&w, ref);
                for (i = 0; i < 14; i++) {
                        fmt_tenths(score, sizeof(score), tenths[idx[i]]);
                        hand_one(&w, 100 + rank[idx[i]], "11", "101", score, 1, 200, SUB);
                }
                snprintf(what, sizeof(what), "exact mean, order %u", order_no);
                publish_and_attack(&p, &w, what);
                assert_string_equal(figure(&p, "nation", "mean"), "80.1");
                assert_string_equal(figure(&p, "11", "mean"), "80.1");
                assert_string_equal(figure(&p, "11/101", "mean"), "80.1");
                got[0] = p.palmares;
                got[1] = p.observatoire;
                got[2] = p.xml;
                got[3] = p.html;
                for (i = 0; i < 4; i++) {
                        if (first[i] == NULL) {
                                first[i] = strdup(got[i]);
                                assert_non_null(first[i]);
                        } else if (strcmp(first[i], got[i]) != 0) {
                                fail_msg("%s differs when the establishments are added in "
                                         "another order (order %u)",
                                         names[i], order_no);
                        }
                }
                publication_free(&p);
                world_free(&w);
        }
        for (order_no = 0; order_no < 4; order_no++)
                free(first[order_no]);
        mh_referentiel_free(ref);
        print_counts("exact mean");
}

/* Quantiles whose interpolation lands on .x5 (and .x25, .x75). */
static void test_quantiles(void **state)
{
        /* n = 7: h = 1.5, 3, 4.5; n = 6: h = 1.25, 2.5, 3.75 */
        static const char *const seven[] = {"70.0", "80.0", "80.1", "80.5", "81.2", "81.5", "89.9"};
        static const char *const six[] = {"80.0", "80.1", "80.3", "80.6", "81.0", "81.1"};
        mh_referentiel *ref = hand_referentiel(5, 0);
        publication p;
        world w;
        size_t i;

        (void)state;
        world_init(&w, ref);
        /* added out of order */
        for (i = 0; i < 7; i++)
                hand_one(&w, ++w.seq, "11", "101", seven[(i * 3) % 7], 1, 200, SUB);
        for (i = 0; i < 6; i++)
                hand_one(&w, ++w.seq, "24", "101", six[(i * 5) % 6], 1, 200, SUB);
        rng_state = 5;
        publish_and_attack(&p, &w, "quantiles");
        /* 80.0 + 0.5 * 0.1 = 80.05 -> 80.1; 81.2 + 0.5 * 0.3 = 81.35 -> 81.4 */
        assert_string_equal(figure(&p, "11/101", "p25"), "80.1");
        assert_string_equal(figure(&p, "11/101", "median"), "80.5");
        assert_string_equal(figure(&p, "11/101", "p75"), "81.4");
        assert_string_equal(figure(&p, "11/101", "mean"), "80.5");
        /* 80.1 + 0.25 * 0.2 = 80.15 -> 80.2; 80.3 + 0.5 * 0.3 = 80.45 -> 80.5;
         * 80.6 + 0.75 * 0.4 = 80.9 */
        assert_string_equal(figure(&p, "24/101", "p25"), "80.2");
        assert_string_equal(figure(&p, "24/101", "median"), "80.5");
        assert_string_equal(figure(&p, "24/101", "p75"), "80.9");
        assert_string_equal(figure(&p, "24/101", "mean"), "80.5");
        publication_free(&p);
        world_free(&w);
        mh_referentiel_free(ref);
        print_counts("quantiles");
}

/*
 * The palmarès ranks among the praised (1, 2, 2, 4), although unnamed
 * establishments score in between: two level-0 high scorers, kept off the
 * list by praise_min_level: 1.
 */
static void test_palmares_ranks(void **state)
{
        mh_referentiel *ref = hand_referentiel(1, 1);
        char want[1024], fa[10], fb[10], fc[10], fd[10];
        publication p;
        world w;

        (void)state;
        world_init(&w, ref);
        hand_one(&w, 1, "11", "101", "98.0", 1, 200, SUB); /* A: rank 1 */
        hand_one(&w, 2, "11", "101", "97.0", 0, 200, SUB); /* level 0: not named */
        hand_one(&w, 3, "24", "101", "96.0", 1, 200, SUB); /* B: rank 2 */
        hand_one(&w, 4, "84", "355", "96.0", 1, 50, SUB);  /* C: rank 2 */
        hand_one(&w, 5, "84", "355", "95.5", 0, 50, SUB);  /* level 0: not named */
        hand_one(&w, 6, "11", "101", "93.0", 1, 200, SUB); /* D: rank 4 */
        hand_one(&w, 7, "11", "101", "50.0", 1, 200, SUB); /* too low */
        hand_one(&w, 8, "11", "101", "99.0", 1, 200, DRAFT);
        rng_state = 6;
        publish_and_attack(&p, &w, "palmarès ranks");
        make_finess(fa, 1);
        make_finess(fb, 3);
        make_finess(fc, 4);
        make_finess(fd, 6);
        snprintf(want, sizeof(want),
                 "rank,finess,name,region,category,score,level\n"
                 "1,%s,Etablissement 1,11,101,98.0,1\n"
                 "2,%s,Etablissement 3,24,101,96.0,1\n"
                 "2,%s,Etablissement 4,84,355,96.0,1\n"
                 "4,%s,Etablissement 6,11,101,93.0,1\n",
                 fa, fb, fc, fd);
        if (strcmp(p.palmares, want) != 0 &&
            /* \r\n line ends are allowed, consistently */
            strstr(p.palmares, "\r\n") == NULL)
                fail_msg("palmares.csv is\n%s\nexpected\n%s", p.palmares, want);
        publication_free(&p);
        world_free(&w);
        mh_referentiel_free(ref);
        print_counts("palmares ranks");
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_hand_cases), cmocka_unit_test(test_exact_mean),
            cmocka_unit_test(test_quantiles),  cmocka_unit_test(test_palmares_ranks),
            cmocka_unit_test(test_fixtures),   cmocka_unit_test(test_random),
            cmocka_unit_test(test_national),
        };
        int rc;

        xmlInitParser();
        rc = cmocka_run_group_tests_name("disclosure", tests, NULL, NULL);
        xmlCleanupParser();
        return rc;
}
