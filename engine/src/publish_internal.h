/*
 * publish_internal.h: the population's layout, and the Observatoire's
 * groups after disclosure control, shared by ranking.c (population and
 * ranking), observatoire.c (aggregates and disclosure control), publish.c
 * (the public CSV and XML files), observatoire_page.c (index.html) and
 * report.c (the CISO's report).  Never installed.
 */
#ifndef MH_PUBLISH_INTERNAL_H
#define MH_PUBLISH_INTERNAL_H

#include <stdio.h>

#include "util/csv_write.h"
#include "util/util.h"
#include "maturinh/publication.h"

/* What ranking and publishing know of one establishment: no answers, no comments. */
struct mh__member {
        const char *finess, *name, *region, *category, *ght, *campaign;
        int submitted;  /* status submitted */
        int has_global; /* G defined */
        double global;  /* G */
        double rounded; /* round1(G) */
        int tenths;     /* 10 * round1(G), exactly: the published statistics' unit */
        unsigned level;
        double completeness;
        size_t priority_achieved, priority_total;
        double *domains;              /* D per domain, NaN when not applicable */
        unsigned char *public_status; /* per public criterion: 0 not scored, 1 scored, 2 achieved */
        int eligible;                 /* publication.md */
        int praised;                  /* publication.md: named on the national list */
};

struct mh_population {
        mh__arena *arena;
        const mh_referentiel *ref;
        struct mh__member **members; /* in the order added (mh__malloc) */
        size_t n, capacity;
        const struct mh__member **by_finess;         /* hash table of the members (mh__malloc) */
        size_t table_size;                           /* slots, a power of two */
        const struct mh_criterion **public_criteria; /* `public: true`, in référentiel order */
        size_t n_public;
        int nomem;
};

/*
 * One Observatoire group: the nation, a region, or a (region, category)
 * cell.  The counts are always published; the statistics only where the
 * disclosure control lets them (NaN: an empty cell).
 */
struct mh__group {
        const char *region;   /* NULL: the nation */
        const char *category; /* NULL: every category (a region, or the nation) */
        size_t n_establishments, n_submitted, n_eligible;
        size_t n_unnamed; /* eligible and not named in the palmarès: |U(g)| */
        size_t *n_scored; /* per public criterion, eligible where it is scored: |S(g, c)| */
        int suppressed;   /* disclosure control: every statistic below is empty */
        double mean, p25, median, p75; /* round1 of round1(G), exact */
        size_t *levels;                /* 0..N */
        size_t priority_all;           /* every mesure prioritaire achieved */
        double *pct; /* per public criterion, round1 of the exact rate, NaN: not published */
};

/*
 * The Observatoire of a population: its groups in publication order (the
 * nation, then each region in code order followed by its cells in category
 * code order), with the disclosure control of publication.md applied.
 */
struct mh__observatoire {
        const mh_population *pop;
        struct mh__group *groups;
        size_t n_groups;
        size_t n_regions;
        mh__arena *arena;
};

int mh__observatoire_build(struct mh__observatoire **out, const mh_population *pop);
void mh__observatoire_free(struct mh__observatoire *obs);

int mh__member_in_scope(const struct mh__member *m, const mh_scope *scope);
/* The eligible members of a scope in ranking order (free the array with mh__free). */
int mh__eligible_sorted(const mh_population *pop, const mh_scope *scope, struct mh__member ***out,
                        size_t *count);

/* The columns `rank` and the palmarès share (cli.md), and one row of them with `rank`. */
extern const char *const mh__ranked_columns[];
void mh__write_ranked(mh__csv *csv, const mh_rank_entry *e, unsigned rank);

/* index.html (observatoire_page.c). */
int mh__write_index_html(const mh_population *pop, const struct mh__observatoire *obs,
                         const mh_ranking *ranking, const mh_publish_options *options,
                         FILE *stream);

#endif
