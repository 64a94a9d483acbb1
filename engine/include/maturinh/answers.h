/*
 * maturinh/answers.h: what establishments entered, read from answers files.
 *
 * An answers file (format maturinh-answers/1, see docs/answers-format.md) is
 * a YAML stream: one document per establishment, each with its profile
 * (FINESS, region, category, beds, OSE...), the campaign, its status and its
 * answer to each indicator.  A reader streams it: one establishment at a
 * time is in memory, whatever the size of the file.  Every document is
 * checked against the référentiel given to the reader; its errors go to the
 * caller's diagnostics, each message naming the establishment concerned.
 *
 * An mh_establishment is immutable once read; the strings it returns are
 * owned by it and live until mh_establishment_free().
 */
#ifndef MATURINH_ANSWERS_H
#define MATURINH_ANSWERS_H

#include "common.h"
#include "referentiel.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The only format this version reads. */
#define MH_ANSWERS_FORMAT "maturinh-answers/1"
/** An answers file larger than this is refused (it may hold thousands of establishments). */
#define MH_ANSWERS_MAX_BYTES ((size_t)1024 * 1024 * 1024)

typedef struct mh_answers_reader mh_answers_reader;
typedef struct mh_establishment mh_establishment;

/** Where an establishment is in its filling-in. */
typedef enum { MH_SUBMISSION_DRAFT = 0, MH_SUBMISSION_SUBMITTED } mh_submission;

/** "draft" or "submitted": the status as files, the store and outputs write it. */
MH_EXTERN const char *mh_submission_name(mh_submission submission);
/** Parses "draft" or "submitted" (exactly); 0, or MH_EINVALID. */
MH_EXTERN int mh_submission_parse(mh_submission *out, const char *text);

/** What an indicator's answer is. */
typedef enum {
        MH_ANSWER_NONE = 0, /**< unanswered (absent, null or empty) */
        MH_ANSWER_NA,       /**< answered `na`: does not apply */
        MH_ANSWER_VALUE     /**< answered with a value */
} mh_answer_state;

/* ---- Reading ------------------------------------------------------------ */

/**
 * Opens the answers file `path` for reading against `ref` (which must
 * outlive the reader).  Returns 0, MH_ENOTFOUND (diagnosed) or MH_ENOMEM.
 */
MH_EXTERN int mh_answers_open_file(mh_answers_reader **out, const mh_referentiel *ref,
                                   const char *path, mh_diagnostics *diags);

/** Same, over `length` bytes in memory (not copied: they must outlive the reader). */
MH_EXTERN int mh_answers_open_buffer(mh_answers_reader **out, const mh_referentiel *ref,
                                     const char *data, size_t length, const char *source,
                                     mh_diagnostics *diags);

/**
 * Reads the next establishment.
 *
 * Returns 0 with *out set (free it with mh_establishment_free()) when the
 * document is valid; MH_ITEROVER at the end of the file; MH_EINVALID when
 * the document has errors (all diagnosed in the reader's diagnostics; the
 * next call goes on with the next document, unless the YAML stream itself
 * is broken, after which the next call returns MH_ITEROVER); MH_EIO or
 * MH_ENOMEM (diagnosed).  A file that holds no establishment at all (empty,
 * comments only, empty documents only) is an error: the first call returns
 * MH_EINVALID with "no establishment in this file" (at line 0), the next
 * MH_ITEROVER.
 */
MH_EXTERN int mh_answers_next(mh_establishment **out, mh_answers_reader *reader);

/** Closes the reader; NULL is accepted. */
MH_EXTERN void mh_answers_close(mh_answers_reader *reader);

/**
 * The FINESS, or failing that a description of the document ("document at
 * line 12"), of the last document read, valid or not: for listing rejected
 * establishments.  Owned by the reader, valid until the next call.
 */
MH_EXTERN const char *mh_answers_last_label(const mh_answers_reader *reader);
/** Line where the last document read starts. */
MH_EXTERN unsigned mh_answers_last_line(const mh_answers_reader *reader);

/** Frees an establishment; NULL is accepted. */
MH_EXTERN void mh_establishment_free(mh_establishment *est);

/* ---- The establishment -------------------------------------------------- */

MH_EXTERN const char *mh_establishment_finess(const mh_establishment *est);
/** FINESS EJ, departement and GHT: NULL when not given. */
MH_EXTERN const char *mh_establishment_finess_ej(const mh_establishment *est);
MH_EXTERN const char *mh_establishment_name(const mh_establishment *est);
MH_EXTERN const char *mh_establishment_region(const mh_establishment *est);
MH_EXTERN const char *mh_establishment_departement(const mh_establishment *est);
MH_EXTERN const char *mh_establishment_category(const mh_establishment *est);
/** Number of beds, or -1 when unknown. */
MH_EXTERN long mh_establishment_beds(const mh_establishment *est);
MH_EXTERN int mh_establishment_ose(const mh_establishment *est);
MH_EXTERN const char *mh_establishment_ght(const mh_establishment *est);
/** The contact's name and email (private: never published), or NULL when not given. */
MH_EXTERN const char *mh_establishment_contact_name(const mh_establishment *est);
MH_EXTERN const char *mh_establishment_contact_email(const mh_establishment *est);
MH_EXTERN const char *mh_establishment_campaign(const mh_establishment *est);
/** The campaign's reference date, YYYY-MM-DD. */
MH_EXTERN const char *mh_establishment_reference_date(const mh_establishment *est);
MH_EXTERN mh_submission mh_establishment_submission(const mh_establishment *est);
/** Where the establishment was read from: file name and line of its document. */
MH_EXTERN const char *mh_establishment_source(const mh_establishment *est);
MH_EXTERN unsigned mh_establishment_line(const mh_establishment *est);

/** The answer to an indicator of the référentiel the establishment was read against. */
MH_EXTERN mh_answer_state mh_establishment_answer_state(const mh_establishment *est,
                                                        const mh_indicator *indicator);
/**
 * The answer as text, in canonical form: `true`/`false` for a boolean, the
 * number as written, YYYY-MM-DD (or `never` for a date answered never or
 * jamais, in any case: the event never took place), the option value, the
 * text; "na" for MH_ANSWER_NA; NULL when unanswered.
 */
MH_EXTERN const char *mh_establishment_answer_text(const mh_establishment *est,
                                                   const mh_indicator *indicator);
/** The free-text comment on an indicator, or NULL. */
MH_EXTERN const char *mh_establishment_comment(const mh_establishment *est,
                                               const mh_indicator *indicator);

/**
 * Nonzero when the indicator concerns the establishment: its domain,
 * criterion and own applies_to all hold (text indicators included: they are
 * asked, though never scored).  What a questionnaire asks.
 */
MH_EXTERN int mh_establishment_concerned_by(const mh_establishment *est,
                                            const mh_indicator *indicator);

/* ---- Building an establishment by hand (questionnaire, imports) --------- */

/**
 * The most beds a profile may declare: far above the largest French
 * establishment (a few thousand beds), low enough that a typo or an
 * overflow is caught rather than stored.
 */
#define MH_BEDS_MAX 99999

/** An establishment's profile, for building one by hand (NULL: absent). */
typedef struct mh_profile {
        const char *finess;         /**< required, a valid FINESS ET */
        const char *finess_ej;      /**< optional, a valid FINESS EJ */
        const char *name;           /**< required */
        const char *region;         /**< required, one of the 18 INSEE region codes */
        const char *departement;    /**< optional */
        const char *category;       /**< required, 3-digit FINESS category */
        long beds;                  /**< -1 when unknown, at most MH_BEDS_MAX */
        int ose;                    /**< 0 or 1 */
        const char *ght;            /**< optional */
        const char *campaign;       /**< required */
        const char *reference_date; /**< required, YYYY-MM-DD */
        mh_submission submission;
        /**
         * Optional, private: the person the ARS writes to about this
         * questionnaire.  Stored and exported with the establishment's own
         * file, never published nor ranked.  One line; the email checked
         * loosely (one '@', no space, at most MH_CONTACT_EMAIL_MAX bytes).
         */
        const char *contact_name;
        const char *contact_email;
} mh_profile;

/** The longest contact email accepted, in bytes. */
#define MH_CONTACT_EMAIL_MAX 254

/**
 * A new establishment with `profile` and no answers, checked as an answers
 * file would be.  On a bad profile returns MH_EINVALID, the reason in
 * `diags` (without a source: the caller knows where the profile came from).
 */
MH_EXTERN int mh_establishment_new(mh_establishment **out, const mh_referentiel *ref,
                                   const mh_profile *profile, mh_diagnostics *diags);

/**
 * A copy of `est` that can be changed with mh_establishment_set_answer():
 * to try "what if" answers, or to build an establishment answer by answer.
 */
MH_EXTERN int mh_establishment_copy(mh_establishment **out, const mh_establishment *est);

/**
 * Sets one answer from its text, checked as in a file (`na` allowed only
 * with na_allowed; NULL or "" clears it).  On a bad value returns
 * MH_EINVALID, the reason in `diags` (one line, without source or the
 * indicator's id).
 */
MH_EXTERN int mh_establishment_set_answer(mh_establishment *est, const mh_indicator *indicator,
                                          const char *text, mh_diagnostics *diags);

/**
 * Sets (or with NULL or "" clears) the comment on one indicator: several
 * lines of text, checked as in a file (no control character but line feeds
 * and tabs).  Returns 0, or MH_EINVALID with the reason in `diags`.
 */
MH_EXTERN int mh_establishment_set_comment(mh_establishment *est, const mh_indicator *indicator,
                                           const char *comment, mh_diagnostics *diags);
/** Changes the submission status. */
MH_EXTERN void mh_establishment_set_submission(mh_establishment *est, mh_submission submission);

/* ---- Answers carried over from an earlier campaign ---------------------- */

/**
 * An answer of an earlier campaign offered to an establishment of a new one
 * (maturinh campaign --from): it is not an answer until someone confirms it,
 * so the establishment object never holds it (maturinh/store.h).
 */
typedef struct mh_carried_answer {
        const char *indicator;     /**< its id */
        const char *value;         /**< the canonical text, "na" for not applicable */
        int na;                    /**< 1 when not applicable */
        const char *comment;       /**< NULL when none */
        const char *from_campaign; /**< the campaign it comes from */
} mh_carried_answer;

/* ---- Checks shared with the rest of the engine -------------------------- */

/**
 * Checks a FINESS number (9 characters: département code, 6 digits, Luhn
 * key; 2A/2B read as 21/22).  Returns 0, or MH_EINVALID and the reason in
 * `diags` (without a source).
 */
MH_EXTERN int mh_finess_check(const char *finess, mh_diagnostics *diags);
/** Nonzero for one of the 18 INSEE region codes. */
MH_EXTERN int mh_region_valid(const char *region);

#ifdef __cplusplus
}
#endif

#endif
