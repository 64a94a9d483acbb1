/*
 * referentiel_internal.h: the layout of a loaded référentiel, shared by the
 * modules of the engine that read it directly (scoring, writers).  Never
 * installed: the public API reaches these through accessors only.
 *
 * Everything lives in the référentiel's arena and is immutable after a
 * successful load.
 */
#ifndef MH_REFERENTIEL_INTERNAL_H
#define MH_REFERENTIEL_INTERNAL_H

#include <string.h>

#include "util/util.h"
#include "util/sha256.h"
#include "maturinh/referentiel.h"

/** A text in French and possibly other languages; entry 0 is French. */
typedef struct mh__text {
        size_t count;        /* entries; 0 when the text is absent */
        const char **langs;  /* language codes */
        const char **values; /* the text in each language */
} mh__text;

struct mh_applicability {
        const char **categories; /* FINESS category codes, or NULL */
        size_t n_categories;     /* 0: any category */
        int ose;                 /* required OSE flag, or -1 */
        long min_beds;           /* -1 when absent */
        long max_beds;           /* -1 when absent */
};

struct mh__option {
        const char *value; /* the answer that selects it */
        mh__text label;    /* what people read */
        double score;      /* in [0, 1] */
};

struct mh__step {
        double threshold; /* steps: value threshold; age_steps: age in days */
        double score;     /* in [0, 1] */
};

struct mh_indicator {
        const char *id;
        mh__text question;
        mh__text help;                 /* count 0 when absent */
        const mh_criterion *criterion; /* the criterion holding it */
        mh_indicator_type type;
        double weight;                      /* > 0 */
        int na_allowed;                     /* may be answered `na` */
        const mh_applicability *applies_to; /* NULL: always */
        mh_scoring_method scoring;
        int expect;                 /* boolean: expected answer */
        struct mh__option *options; /* choice */
        size_t n_options;
        double target;                 /* target, or within_days */
        double linear_from, linear_to; /* linear [a, b] */
        struct mh__step *steps;        /* steps or age_steps */
        size_t n_steps;
        size_t index; /* 0.. across the référentiel */
};

struct mh_criterion {
        const char *id;
        mh__text title;
        mh__text description;    /* count 0 when absent */
        const mh_domain *domain; /* the domain holding it */
        unsigned level;          /* 1..N */
        double weight;           /* > 0 */
        int priority;            /* mesure prioritaire */
        int is_public;           /* achievement rate publishable */
        mh_combine combine;
        const mh_applicability *applies_to; /* NULL: always */
        struct mh_indicator *indicators;
        size_t n_indicators;
        size_t index; /* 0.. across the référentiel */
};

struct mh_domain {
        const char *id;
        mh__text title;
        double weight;                      /* > 0 */
        const mh_applicability *applies_to; /* NULL: always */
        struct mh_criterion *criteria;
        size_t n_criteria;
        size_t index; /* 0.. */
};

/** An entry of the id index: ids are unique across domains, criteria, indicators. */
struct mh__id_entry {
        const char *id;
        size_t length;    /* of id */
        int kind;         /* 0 domain, 1 criterion, 2 indicator */
        const void *item; /* the element */
        unsigned line;    /* where it is defined, for duplicate reports */
        unsigned column;  /* idem */
};

/** A slot of the hash table of ids: the hash is kept to skip most string comparisons. */
struct mh__id_slot {
        size_t hash;
        const struct mh__id_entry *entry;
};

struct mh_referentiel {
        mh__arena *arena;                /* owns everything below */
        const char *source;              /* name given at load time */
        char sha256[MH_SHA256_HEX_SIZE]; /* of the file's bytes */
        const char *text;                /* the file's bytes, kept for the store */
        size_t text_length;              /* their number */
        const char *id;
        const char *version;
        mh__text title;
        mh__text description;
        mh_sector sector;       /* MH_SECTOR_SANITAIRE unless the file says medico-social */
        unsigned n_levels;      /* N */
        mh__text *level_labels; /* [0..N-1] for levels 1..N */
        double achieved_at;
        double partial_at;
        int priority_level_cap; /* -1: none */
        double min_completeness;
        double praise_min_score;
        int praise_requires_priority;
        unsigned praise_min_level; /* the least maturity level to be praised */
        unsigned min_cell_size;
        struct mh_domain *domains;
        size_t n_domains;
        size_t n_criteria;
        size_t n_indicators;
        const struct mh_criterion **criteria_by_index;   /* n_criteria entries */
        const struct mh_indicator **indicators_by_index; /* n_indicators entries */
        struct mh__id_entry *ids;                        /* sorted by id */
        size_t n_ids;
        struct mh__id_slot *id_slots; /* hash table of ids (entry NULL: empty slot) */
        size_t id_mask;               /* its slots minus one (a power of two) */
};

/**
 * The element `id` (`length` bytes, whose mh__hash_bytes() is `hash`) when it
 * is of `kind` (0 domain, 1 criterion, 2 indicator), else NULL.  Every answer
 * is looked up by its id: a hash table, not a binary search; the hash is
 * compared first, then the length, then the bytes.  Inline: the answers
 * reader calls it for every answer, with the hash its YAML reader computed.
 */
static inline const void *mh__find_id_hashed(const mh_referentiel *ref, const char *id,
                                             size_t length, size_t hash, int kind)
{
        const struct mh__id_entry *entry;
        size_t i;

        if (ref->id_slots == NULL)
                return NULL;
        for (i = hash & ref->id_mask; (entry = ref->id_slots[i].entry) != NULL;
             i = (i + 1) & ref->id_mask)
                if (ref->id_slots[i].hash == hash && entry->length == length &&
                    memcmp(entry->id, id, length) == 0)
                        return entry->kind == kind ? entry->item : NULL;
        return NULL;
}

/** mh_referentiel_find_indicator() of a key whose hash the YAML reader has computed. */
static inline const mh_indicator *mh__referentiel_find_indicator_hashed(const mh_referentiel *ref,
                                                                        const char *id,
                                                                        size_t length, size_t hash)
{
        return mh__find_id_hashed(ref, id, length, hash, 2);
}

/** The text in `lang` (NULL: French), French when it has none, NULL when absent. */
const char *mh__text_get(const mh__text *text, const char *lang);

#endif
