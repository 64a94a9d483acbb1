/*
 * publication_internal.h: the population's layout and the aggregates,
 * shared by publication.c, publish.c and the XML/HTML writers.  Never
 * installed.
 */
#ifndef MH_PUBLICATION_INTERNAL_H
#define MH_PUBLICATION_INTERNAL_H

#include <stdio.h>

#include "internal.h"
#include "maturinh/publication.h"

/* What ranking and publishing know of one establishment: no answers, no comments. */
struct mh_member {
        const char *finess, *name, *region, *category, *ght, *campaign;
        int submitted;  /* status submitted */
        int has_global; /* G defined */
        double global;  /* G */
        double rounded; /* round1(G) */
        unsigned level;
        double completeness;
        size_t priority_achieved, priority_total;
        double *domains;              /* D per domain, NaN when not applicable */
        unsigned char *public_status; /* per public criterion: 0 not scored, 1 scored, 2 achieved */
        int eligible;                 /* publication.md */
        int praised;                  /* publication.md */
};

struct mh_population {
        mh_arena *arena;
        const mh_referentiel *ref;
        struct mh_member **members; /* in the order added (mh_malloc) */
        size_t n, capacity;
        const struct mh_member **by_finess;          /* hash table of the members (mh_malloc) */
        size_t table_size;                           /* slots, a power of two */
        const struct mh_criterion **public_criteria; /* `public: true`, in référentiel order */
        size_t n_public;
        int nomem;
};

/* One Observatoire group and its statistics (NaN: empty cell). */
struct mh_group {
        const char *region;   /* NULL: all regions */
        const char *category; /* NULL: all categories */
        size_t n_establishments, n_submitted, n_eligible;
        int suppressed;
        double mean, p25, median, p75;
        size_t *levels; /* 0..N */
        size_t priority_all;
        double *pct; /* per public criterion */
};

int mh_member_in_scope(const struct mh_member *m, const mh_scope *scope);
/* The eligible members of a scope in ranking order (free the array with mh_free). */
int mh_eligible_sorted(const mh_population *pop, const mh_scope *scope, struct mh_member ***out,
                       size_t *count);
int mh_group_compute(const mh_population *pop, const char *region, const char *category,
                     struct mh_group *g);
void mh_group_release(struct mh_group *g);
int mh_distinct(const mh_population *pop, const char *region, const char ***out, size_t *count);
int mh_each_group(const mh_population *pop, int (*fn)(const struct mh_group *g, void *context),
                  void *context);
int mh_write_palmares_csv(const mh_ranking *ranking, FILE *stream);
int mh_write_observatoire_csv(const mh_population *pop, FILE *stream);

#endif
