/*
 * answers_internal.h: the layout of an establishment's answers, read
 * directly by the evaluation.  Never installed.
 */
#ifndef MH_ANSWERS_INTERNAL_H
#define MH_ANSWERS_INTERNAL_H

#include "internal.h"
#include "maturinh/answers.h"

/** One indicator's answer. */
struct mh_answer {
        mh_answer_state state; /* none, na or value */
        double number;         /* boolean (0/1), percent, integer: the value */
        long days;             /* date: days since 1970-01-01 */
        const char *text;      /* canonical text (see mh_establishment_answer_text) */
        const char *comment;   /* the comment, or NULL */
};

struct mh_establishment {
        mh_arena *arena;           /* owns every string below */
        const mh_referentiel *ref; /* what the answers are checked against */
        const char *source;        /* file name */
        unsigned line;             /* line of the document */
        const char *finess;
        const char *finess_ej; /* NULL when absent */
        const char *name;
        const char *region;
        const char *departement; /* NULL when absent */
        const char *category;
        long beds;       /* -1 when unknown */
        int ose;         /* 0 when unknown */
        const char *ght; /* NULL when absent */
        const char *campaign;
        const char *reference_date; /* YYYY-MM-DD */
        long reference_days;        /* the same, in days since 1970-01-01 */
        mh_submission submission;
        struct mh_answer *answers; /* one per indicator, by mh_indicator_index() */
};

/** Days since 1970-01-01 of a YYYY-MM-DD text; -1 with `why` set when it is not a real date. */
int mh_parse_date(const char *text, long *days_out, char *why, size_t why_size);
/* The name of an INSEE region code (one ARS each), or the code itself when unknown. */
const char *mh_region_name(const char *code);

/**
 * Whether an indicator concerns the establishment: its domain, criterion and
 * own applies_to all hold (text indicators included: they are asked, not scored).
 */
int mh_indicator_concerns(const mh_indicator *indicator, const mh_establishment *est);

#endif
