/*
 * establishment_internal.h: the layout of an establishment and its answers
 * (read directly by the evaluation and the writers), and the rules of a
 * profile and of an answer's value, which every reader of a profile or an
 * answer goes through: the answers reader, the imports, the store, the
 * questionnaire.  Never installed.
 */
#ifndef MH_ESTABLISHMENT_INTERNAL_H
#define MH_ESTABLISHMENT_INTERNAL_H

#include "util/date.h"
#include "util/util.h"
#include "maturinh/answers.h"

/** One indicator's answer. */
struct mh__answer {
        mh_answer_state state; /* none, na or value */
        double number;         /* boolean (0/1), percent, integer: the value */
        long days;             /* date: days since 1970-01-01 */
        int never;             /* date: answered never (jamais): it never took place */
        const char *text;      /* canonical text (see mh_establishment_answer_text) */
        const char *comment;   /* the comment, or NULL */
};

struct mh_establishment {
        mh__arena *arena;          /* owns every string below */
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
        struct mh__answer *answers; /* one per indicator, by mh_indicator_index() */
        const char *contact_name;   /* private, NULL when absent */
        const char *contact_email;  /* private, NULL when absent */
};

/* The name of an INSEE region code (one ARS each), or the code itself when unknown. */
const char *mh__region_name(const char *code);

/**
 * Whether an indicator concerns the establishment: its domain, criterion and
 * own applies_to all hold (text indicators included: they are asked, not scored).
 */
int mh__indicator_concerns(const mh_indicator *indicator, const mh_establishment *est);

/* ---- Shared by the answers reader, the imports and the questionnaire ---- */

/*
 * A new establishment, with no answer, in `arena` (which it then owns, even
 * on failure), or in an arena of its own when `arena` is NULL.
 */
int mh__establishment_new_in(mh_establishment **out, const mh_referentiel *ref, mh__arena *arena);
/**
 * mh_establishment_set_answer() with the reason in `why` (one line, without
 * the indicator's id), for callers that locate it themselves.
 */
int mh__set_answer(mh_establishment *est, const mh_indicator *indicator, const char *text,
                   char *why, size_t why_size);
/**
 * The problem of a profile's contact fields (`name`, `email`, each NULL when
 * absent) into `why`, or NULL when they are fine: one line each, the email
 * one '@', no space, at most MH_CONTACT_EMAIL_MAX bytes.
 */
const char *mh__contact_problem(const char *name, const char *email, char *why, size_t why_size);
/** mh_establishment_set_comment() with the reason in `why` ("the comment on 'ID': ..."). */
int mh__set_comment(mh_establishment *est, const mh_indicator *indicator, const char *comment,
                    char *why, size_t why_size);

/* ---- The profile's rules: one owner, whoever reads a profile ------------ */

#define MH__FINESS_PROBLEM_SIZE 64
/** What is wrong with a FINESS number (`buf` may hold the text), or NULL when it is valid. */
const char *mh__finess_problem(const char *finess, char buf[MH__FINESS_PROBLEM_SIZE]);

typedef enum {
        MH__FIELD_REGION,
        MH__FIELD_DEPARTEMENT,
        MH__FIELD_CATEGORY,
        MH__FIELD_BEDS, /* *value: the number of beds */
        MH__FIELD_OSE   /* *value: 0 or 1; true/false, oui/non, yes/no in any case */
} mh__field;

/**
 * Checks a profile field given as text (a YAML scalar, a CSV field) and,
 * for beds and OSE, reads its value.  Returns 0, or MH_EINVALID with the
 * message (naming the field and the value) in `why`.
 */
int mh__profile_field(mh__field field, const char *text, long *value, char *why, size_t why_size);
/** Nonzero for a category of the FINESS table that is not retired (maturinh/categories.h). */
int mh__category_valid(const char *code);
/** What is wrong with a whole profile (mh_establishment_new()), in `why`; NULL when it is valid. */
const char *mh__profile_problem(const mh_profile *profile, char *why, size_t why_size);
/** Nonzero for an INSEE département code (01..95, 2A, 2B, 971..976). */
int mh__departement_valid(const char *code);
/**
 * When département `departement` (valid) is not in region `region`: the
 * message in `why`, returned; else NULL.  An error wherever a profile is
 * read: a département belongs to one region.
 */
const char *mh__departement_region_problem(const char *departement, const char *region, char *why,
                                           size_t why_size);
/**
 * Warns in `diags` at (line, column) of `source` when `finess` was
 * registered in a département of another region than `region` (both
 * valid): a move or a merger of regions can explain it, so it is not an
 * error.  `label` names the establishment in the message.
 */
void mh__finess_region_warn(mh_diagnostics *diags, const char *source, unsigned line,
                            unsigned column, const char *label, const char *finess,
                            const char *region);
/*
 * A warning at (line, column) of `source` when `category` belongs to the
 * other sector than the one `ref` is written for (an EHPAD in a sanitaire
 * campaign): most often the wrong référentiel or a mistyped category, but
 * an establishment may answer the other sector's questionnaire on purpose,
 * so it is not an error.  `label` names the establishment in the message.
 */
void mh__sector_warn(mh_diagnostics *diags, const char *source, unsigned line, unsigned column,
                     const char *label, const char *category, const mh_referentiel *ref);

#endif
