/*
 * maturinh/report.h: writing scores, explanations and templates.
 *
 * Writers never score: they are given establishments and their results (or
 * compute them through the public evaluation API) and write them to a stdio
 * stream.  The score writer streams: one establishment at a time, so that a
 * region's thousands of results never sit in memory together.
 */
#ifndef MATURINH_REPORT_H
#define MATURINH_REPORT_H

#include "answers.h"
#include "common.h"
#include "evaluation.h"
#include "referentiel.h"
#include "sheet.h"

#ifdef __cplusplus
extern "C" {
#endif

/** How much a score writer writes of each establishment. */
typedef enum {
        MH_DETAIL_SUMMARY = 0, /**< the global and domain scores */
        MH_DETAIL_CRITERIA     /**< also each criterion's status and score */
} mh_detail;

typedef struct mh_score_writer mh_score_writer;

/**
 * Starts writing scores in `format` to `stream` (not closed by the writer);
 * MH_FORMAT_XLSX is MH_EUSAGE here (a workbook is a file: open it with
 * mh_sheet_open_xlsx() and give it to mh_score_writer_new_sheet()).
 * MH_DETAIL_CRITERIA: one row per (establishment, criterion) instead of one
 * per establishment (CSV), or the criteria under each establishment (others).
 * A failed write adds "cannot write: REASON" to `diags` and returns MH_EIO.
 */
MH_EXTERN int mh_score_writer_new(mh_score_writer **out, const mh_referentiel *ref,
                                  mh_format format, mh_detail detail, FILE *stream,
                                  mh_diagnostics *diags);
/** mh_score_writer_new_sheet(): after every other column, the establishment's profile. */
#define MH_SCORE_WITH_PROFILE 1u

/**
 * Starts writing scores as rows of `sheet` (maturinh/sheet.h: CSV or XLSX),
 * which must have no column yet: the writer declares the columns of
 * `score --format csv` (docs/cli.md; MH_DETAIL_CRITERIA: those of
 * `--detail`), each with its French label, then with MH_SCORE_WITH_PROFILE
 * `name,region,category,departement,ght,category_label` (the label of the
 * FINESS category, mh_category_label()).  The caller closes the sheet after
 * mh_score_writer_finish(), and frees the writer before or after.
 */
MH_EXTERN int mh_score_writer_new_sheet(mh_score_writer **out, const mh_referentiel *ref,
                                        mh_detail detail, unsigned flags, mh_sheet *sheet,
                                        mh_diagnostics *diags);
/** Writes one establishment and its result.  Returns 0, MH_EIO or MH_ENOMEM. */
MH_EXTERN int mh_score_writer_add(mh_score_writer *writer, const mh_establishment *est,
                                  const mh_result *result, mh_diagnostics *diags);
/** Writes what closes the document (JSON, XML).  Returns 0 or MH_EIO. */
MH_EXTERN int mh_score_writer_finish(mh_score_writer *writer, mh_diagnostics *diags);
/** Frees the writer; NULL is accepted. */
MH_EXTERN void mh_score_writer_free(mh_score_writer *writer);

/**
 * `maturinh explain`: for one establishment, why each criterion has its
 * status, what blocks the next level, and the action plan (criteria not yet
 * achieved, mesures prioritaires first, then by the global points achieving
 * each would add, computed by re-evaluating).  Returns 0, MH_EIO or MH_ENOMEM.
 */
MH_EXTERN int mh_explain_write(const mh_referentiel *ref, const mh_establishment *est, FILE *stream,
                               mh_diagnostics *diags);

/**
 * `maturinh template`: an answers file for `est`'s profile listing every
 * indicator that concerns it, unanswered, with its question, help, type and
 * allowed values as comments.  It loads back as it is, and scores once filled.
 */
MH_EXTERN int mh_template_write(const mh_referentiel *ref, const mh_establishment *est,
                                FILE *stream, mh_diagnostics *diags);

/* ---- The questionnaire (fill, the web front) ----------------------------- */

/**
 * How many questions concern `est` (over the whole référentiel, or `domain`
 * alone when not NULL), into *total, and how many are answered (`na`
 * included), into *answered.
 */
MH_EXTERN int mh_questionnaire_progress(size_t *answered, size_t *total,
                                        const mh_establishment *est, const mh_domain *domain);

/**
 * Calls `fn` for each question that concerns `est` (over the whole
 * référentiel, or `domain` alone when not NULL) and has no answer (`na` is
 * an answer), in the référentiel's order: what `submit` requires before a
 * questionnaire is submitted, what a review lists.  Returns 0, what `fn`
 * returned when it stopped (nonzero), or MH_EUSAGE.
 */
MH_EXTERN int mh_questionnaire_unanswered(const mh_establishment *est, const mh_domain *domain,
                                          int (*fn)(const mh_indicator *indicator, void *context),
                                          void *context);

/**
 * What an indicator accepts, on one line: "oui or non", "one of: a, b",
 * "a percentage from 0 to 100", "a date YYYY-MM-DD, not after 2025-06-30"...,
 * then ", or na if it does not apply" where na is allowed.
 */
MH_EXTERN int mh_indicator_allowed_write(const mh_indicator *indicator, const mh_establishment *est,
                                         FILE *stream, mh_diagnostics *diags);

/** An indicator's help: its criterion (level, mesure prioritaire), help text, options. */
MH_EXTERN int mh_indicator_help_write(const mh_indicator *indicator, FILE *stream,
                                      mh_diagnostics *diags);
/** mh_indicator_help_write() word-wrapped to `width` terminal columns (0 or less: not wrapped). */
MH_EXTERN int mh_indicator_help_wrap_write(const mh_indicator *indicator, FILE *stream, int width,
                                           mh_diagnostics *diags);

/**
 * What a person typed at a questionnaire's prompt (not what a file holds:
 * files keep their strict formats), read with the French habits where they
 * cannot be misread, into `out` (`size` bytes) as the canonical answer text
 * that mh_store_set_answer() then checks:
 *
 *  - a percent: a decimal comma and a trailing %, after a space (a no-break
 *    one too) or not: "12,5 %" gives "12.5";
 *  - a whole number: groups of three digits after spaces: "12 345";
 *  - a boolean: oui, non, o, n, yes, no, y (any case) give true, false;
 *  - a date: jamais or never gives never; JJ/MM/AAAA or J/M/AAAA gives
 *    AAAA-MM-JJ (not checked here: 30/02/2025 gives 2025-02-30, which the
 *    answer check refuses);
 *  - a choice: its value, its number in the list of options (1 for the
 *    first), or its label or value with case and accents ignored
 *    ("Validée" for the option validee);
 *  - na (any case) gives na; a text answer is copied as it is.
 *
 * Returns 0 with the text to check in `out` (what was typed, trimmed, when
 * no habit applies: the answer check then says what is wrong), or
 * MH_EINVALID when it cannot be read one way only (a label that fits two
 * options, a number that is no option's, "1,234" for a whole number,
 * "1,234,5", 30/06/24) or does not fit in `out`: then check what was typed
 * as it is, for the check's message.  MH_EUSAGE for a NULL argument.
 */
MH_EXTERN int mh_indicator_input_normalize(const mh_indicator *indicator, const char *typed,
                                           char *out, size_t size);

/**
 * Where the answers leave the establishment: questions answered, global
 * score, level, completeness and mesures prioritaires, as the questionnaire
 * ends.
 */
MH_EXTERN int mh_summary_write(const mh_referentiel *ref, const mh_establishment *est, FILE *stream,
                               mh_diagnostics *diags);

#ifdef __cplusplus
}
#endif

#endif
