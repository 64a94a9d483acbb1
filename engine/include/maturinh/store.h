/*
 * maturinh/store.h: the embedded SQLite database of campaigns,
 * establishments, answers and their history.
 *
 * A store is one SQLite file (created with mode 0600 on first use, schema
 * migrated by PRAGMA user_version).  A campaign keeps the exact text of its
 * référentiel, so that it can be scored again years later with exactly its
 * criteria.  Every save appends to an append-only history: who, when, and
 * each answer or comment changed (old and new value); submissions and
 * reopenings too.  Results computed from the store are those of the same
 * answers given as files.
 *
 * Every function returns 0 or a negative MH_E* code and, on failure, adds
 * the reason to the caller's `diags`, without a source: the message names
 * the database.
 */
#ifndef MATURINH_STORE_H
#define MATURINH_STORE_H

#include "answers.h"
#include "common.h"
#include "referentiel.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Where commands look for the database when no --db is given. */
#define MH_STORE_DEFAULT_PATH "maturinh.db"

typedef struct mh_store mh_store;

/**
 * Opens (creating it if needed) the database at `path`, brings its schema up
 * to date, and turns on foreign keys, WAL and a busy timeout.  Returns 0,
 * MH_ENOTFOUND (cannot open or create), MH_EINVALID (not a maturinh
 * database, or a newer schema), MH_EIO or MH_EBUSY; a located error goes to
 * `diags`.  A database whose folder is read-only is opened read-only.
 *
 * Writers wait for one another (120 s, or $MATURINH_BUSY_TIMEOUT seconds);
 * every function that writes returns MH_EBUSY when that wait ran out, and
 * MH_EIO when the database is read-only, the disk full or an I/O failed:
 * nothing of that change is kept.  Functions that change data outside a
 * transaction of the caller's run in one of their own, taken for writing
 * before they read.
 */
MH_EXTERN int mh_store_open(mh_store **out, const char *path, mh_diagnostics *diags);
MH_EXTERN void mh_store_close(mh_store *store);

/** Transactions: everything between begin and commit is written whole or not at all. */
MH_EXTERN int mh_store_begin(mh_store *store, mh_diagnostics *diags);
MH_EXTERN int mh_store_commit(mh_store *store, mh_diagnostics *diags);
MH_EXTERN int mh_store_rollback(mh_store *store, mh_diagnostics *diags);
/** Savepoints inside a transaction, to undo one establishment (--keep-going). */
MH_EXTERN int mh_store_savepoint(mh_store *store, mh_diagnostics *diags);
MH_EXTERN int mh_store_release(mh_store *store, mh_diagnostics *diags);
MH_EXTERN int mh_store_rollback_savepoint(mh_store *store, mh_diagnostics *diags);

/* ---- Campaigns ---------------------------------------------------------- */

/** A campaign id has at most this many characters. */
#define MH_CAMPAIGN_ID_MAX 32

/**
 * Checks a campaign id: 1 to MH_CAMPAIGN_ID_MAX characters, ASCII letters,
 * digits, '-', '_' and '.', the first a letter or a digit ("2025",
 * "2025-T1"): it names files and folders, and goes into CSV cells, pages
 * and command lines as it is.  Returns 0, or MH_EINVALID with the reason in
 * `diags` (without a source).  mh_store_campaign_create() applies it to a new
 * campaign; campaigns already held keep their ids.
 */
MH_EXTERN int mh_campaign_id_check(const char *id, mh_diagnostics *diags);

/**
 * Creates campaign `campaign` for `ref` and `reference_date`, keeping the
 * référentiel's text.  Creating it again with the same référentiel (same
 * SHA-256) and date does nothing; anything else is MH_EINVALID.
 */
MH_EXTERN int mh_store_campaign_create(mh_store *store, const char *campaign,
                                       const mh_referentiel *ref, const char *reference_date,
                                       mh_diagnostics *diags);

/**
 * Loads the référentiel of `campaign` from the text the store keeps (free it
 * with mh_referentiel_free()).  MH_ENOTFOUND when there is no such campaign.
 */
MH_EXTERN int mh_store_campaign_referentiel(mh_referentiel **out, mh_store *store,
                                            const char *campaign, mh_diagnostics *diags);

/**
 * Checks that `ref` (read from `ref_name`) is the référentiel campaign
 * `campaign` is held with, the same to the byte (SHA-256): 0, MH_EINVALID
 * ("campaign 2025 is held with référentiel maturinh-cyber 2025.1, not the
 * one of FILE"), MH_ENOTFOUND when there is no such campaign.
 */
MH_EXTERN int mh_store_campaign_check(mh_store *store, const char *campaign,
                                      const mh_referentiel *ref, const char *ref_name,
                                      mh_diagnostics *diags);

/** The campaign's reference date (YYYY-MM-DD) into `out`.  MH_ENOTFOUND when absent. */
MH_EXTERN int mh_store_campaign_date(char out[11], mh_store *store, const char *campaign,
                                     mh_diagnostics *diags);

/**
 * The campaign before `campaign` (latest earlier reference date) whose
 * référentiel has the same id, into `out` (`size` bytes).  MH_ENOTFOUND when
 * there is none (not diagnosed: it is an answer, not a failure).
 */
MH_EXTERN int mh_store_previous_campaign(char *out, size_t size, mh_store *store,
                                         const char *campaign, mh_diagnostics *diags);

/* ---- Establishments and answers ----------------------------------------- */

/** What an import changed. */
typedef struct mh_store_stats {
        size_t establishments_added;   /**< new in the campaign */
        size_t establishments_changed; /**< profile, answers or status changed */
        size_t establishments_same;    /**< nothing to change */
        size_t answers_changed;        /**< answers or comments written (history entries) */
} mh_store_stats;

/**
 * Saves an establishment read from a file: its profile, every answer and
 * comment that differs from the stored one (each change appended to the
 * history, by `user`), and its submission status.  Its campaign must exist
 * with the same référentiel.  An establishment stored as submitted cannot be
 * changed (MH_EINVALID: reopen it first).  Saving the same establishment
 * twice changes nothing.  On success, what it changed is added to the
 * counters of `out` (NULL: not wanted).
 */
MH_EXTERN int mh_store_save(mh_store_stats *out, mh_store *store, const mh_establishment *est,
                            const char *user, mh_diagnostics *diags);

/** Saves a profile alone (establishment lists); its answers are kept. */
MH_EXTERN int mh_store_save_profile(mh_store_stats *out, mh_store *store, const mh_referentiel *ref,
                                    const mh_profile *profile, const char *user,
                                    mh_diagnostics *diags);

/**
 * Sets one answer (`text` NULL or "": unanswered) and, when `comment` is not
 * NULL, its comment; checked against the référentiel; the change goes to the
 * history.  Refused on a submitted establishment.
 */
MH_EXTERN int mh_store_set_answer(mh_store *store, const mh_referentiel *ref, const char *campaign,
                                  const char *finess, const char *indicator, const char *text,
                                  const char *comment, const char *user, mh_diagnostics *diags);

/** Loads one establishment of a campaign.  MH_ENOTFOUND when it is not there. */
MH_EXTERN int mh_store_load(mh_establishment **out, mh_store *store, const mh_referentiel *ref,
                            const char *campaign, const char *finess, mh_diagnostics *diags);

/**
 * Calls `fn` for each establishment of the campaign, by FINESS, one at a
 * time (each freed after the call).  A nonzero return of `fn` stops and is
 * returned (not diagnosed: `fn` says why itself).
 */
MH_EXTERN int mh_store_each(mh_store *store, const mh_referentiel *ref, const char *campaign,
                            int (*fn)(const mh_establishment *est, void *context), void *context,
                            mh_diagnostics *diags);

/**
 * Marks an establishment submitted, or draft again (reopen), recorded in the
 * history by `user`.  Submitting a submitted one, or reopening a draft, is
 * MH_EINVALID.
 */
MH_EXTERN int mh_store_set_submission(mh_store *store, const char *campaign, const char *finess,
                                      mh_submission submission, const char *user,
                                      mh_diagnostics *diags);

/** One entry of an establishment's history. */
typedef struct mh_history_entry {
        const char *when; /**< UTC, YYYY-MM-DDTHH:MM:SSZ */
        const char *who;  /**< the user */
        const char *what; /**< an indicator id, "status", or "profile.FIELD" (profile.name...) */
        const char *old_value; /**< NULL: unanswered (or no comment) */
        const char *new_value;
        const char *old_comment;
        const char *new_comment;
        /** an answer confirmed as carried over: the campaign it came from, else NULL */
        const char *confirmed_from;
} mh_history_entry;

/**
 * Calls `fn` for each change of an establishment, oldest first;
 * MH_ENOTFOUND (nothing called) when the campaign holds no such
 * establishment.  The establishment is not loaded: its history shows even
 * when what it holds no longer passes the checks.
 */
MH_EXTERN int mh_store_history(mh_store *store, const char *campaign, const char *finess,
                               int (*fn)(const mh_history_entry *entry, void *context),
                               void *context, mh_diagnostics *diags);

/* ---- One answer at a time, with its version (the web questionnaire) ----- */

/**
 * Every answer of an establishment has a version: how many times its value
 * or its comment has changed (0 for one never given), whoever changed it
 * (an import, fill, the web).  Two people editing the same answer each give
 * the version they saw; the second save is refused instead of silently
 * replacing the first.
 */

/**
 * Calls `fn` with the version of each answer of the establishment that has
 * one (> 0), in indicator order of the store (not the référentiel's).
 * MH_ENOTFOUND (diagnosed) when the campaign holds no such establishment.
 */
MH_EXTERN int mh_store_answer_versions(mh_store *store, const char *campaign, const char *finess,
                                       int (*fn)(const char *indicator, long long version,
                                                 void *context),
                                       void *context, mh_diagnostics *diags);

/**
 * mh_store_set_answer() for one person's save: `text` (NULL or "":
 * unanswered) and, when `comment` is not NULL, the comment ("" clears it),
 * checked against the référentiel, in one transaction taken for writing
 * before anything is read.  When `expected_version` is not negative it must
 * be the answer's current version.  Saving what is already stored changes
 * nothing (same version).  On success *new_version (when not NULL) is the
 * answer's version after the save.  Returns 0; MH_EINVALID with the
 * engine's message when the value or comment is refused, or the indicator
 * is unknown; MH_ENOTFOUND when the campaign holds no such establishment;
 * MH_ECONFLICT when the version is not the current one ("this answer was
 * changed meanwhile (version N)"); MH_ELOCKED when the questionnaire is
 * submitted; MH_EBUSY, MH_EIO.
 */
MH_EXTERN int mh_store_put_answer(mh_store *store, const mh_referentiel *ref, const char *campaign,
                                  const char *finess, const char *indicator, const char *text,
                                  const char *comment, long long expected_version, const char *user,
                                  long long *new_version, mh_diagnostics *diags);

/** The last change of one establishment, as mh_store_last_changes() gives it. */
typedef struct mh_last_change {
        const char *finess;
        const char *when; /**< UTC, YYYY-MM-DDTHH:MM:SSZ */
        const char *who;
} mh_last_change;

/**
 * Calls `fn` with the last change recorded in the history of each
 * establishment of `campaign` that has one, by FINESS (one query, for the
 * tables of a region).  A nonzero return of `fn` stops and is returned.
 */
MH_EXTERN int mh_store_last_changes(mh_store *store, const char *campaign,
                                    int (*fn)(const mh_last_change *change, void *context),
                                    void *context, mh_diagnostics *diags);

/** A campaign as mh_store_campaigns() lists it. */
typedef struct mh_campaign_info {
        const char *id;
        const char *referentiel_id;
        const char *referentiel_version;
        const char *reference_date; /**< YYYY-MM-DD */
        size_t establishments;      /**< establishments it holds */
        size_t submitted;           /**< of which submitted */
} mh_campaign_info;

/** Calls `fn` for each campaign, latest reference date first (then by id). */
MH_EXTERN int mh_store_campaigns(mh_store *store,
                                 int (*fn)(const mh_campaign_info *campaign, void *context),
                                 void *context, mh_diagnostics *diags);

/* ---- Answers carried over from an earlier campaign ---------------------- */

/**
 * A new campaign can start from the one before: every establishment's
 * profile is copied, and every answer is offered again as a carried answer
 * (mh_carried_answer), kept apart from the answers.  A carried answer is not
 * an answer: loading an establishment, scoring, completeness, submitting,
 * ranking and publishing never see it, until someone confirms it
 * (mh_store_confirm_carried()) or gives that indicator an answer in any
 * way (an import, fill, the web, mh_store_set_answer()), which removes it
 * in the same transaction: what is saved is what the person gave.  A
 * comment alone leaves it to confirm.
 */

/** What mh_store_campaign_carry_over() did. */
typedef struct mh_carry_stats {
        size_t establishments; /**< profiles copied */
        size_t answers;        /**< answers carried over */
        size_t dropped;        /**< answers no longer valid (indicator gone, value refused) */
} mh_carry_stats;

/**
 * Creates campaign `campaign` for `ref` (NULL: the référentiel of `from`)
 * and `reference_date`, with every establishment of campaign `from` (as
 * drafts) and its answers and comments carried over where the indicator
 * exists in `ref` and the value is still valid there (checked by the
 * engine against the new reference date); the others are dropped and
 * counted.  In one transaction.  MH_EINVALID when `campaign` exists or
 * `ref` has another id than the référentiel of `from`; MH_ENOTFOUND when
 * there is no campaign `from`.  `out` (NULL: not wanted) gets the counts.
 */
MH_EXTERN int mh_store_campaign_carry_over(mh_carry_stats *out, mh_store *store,
                                           const char *campaign, const char *from,
                                           const mh_referentiel *ref, const char *reference_date,
                                           const char *user, mh_diagnostics *diags);

/**
 * Calls `fn` for each answer still carried over (not confirmed) of one
 * establishment, by indicator id.  The strings live for the call only.
 * None is not an error.  A nonzero return of `fn` stops and is returned.
 */
MH_EXTERN int mh_store_carried(mh_store *store, const char *campaign, const char *finess,
                               int (*fn)(const mh_carried_answer *answer, void *context),
                               void *context, mh_diagnostics *diags);

/**
 * Calls `fn` with how many answers each establishment of `campaign` still
 * has to confirm, by FINESS (those with none are not called).
 */
MH_EXTERN int mh_store_carried_counts(mh_store *store, const char *campaign,
                                      int (*fn)(const char *finess, size_t count, void *context),
                                      void *context, mh_diagnostics *diags);

/**
 * Confirms the carried answer of `indicator` as it is: it becomes the
 * answer, with its comment, and the history notes the campaign it was
 * confirmed from.  MH_ENOTFOUND when the establishment or that carried
 * answer is not there; MH_ELOCKED when the questionnaire is submitted;
 * MH_EINVALID for an unknown indicator.
 */
MH_EXTERN int mh_store_confirm_carried(mh_store *store, const mh_referentiel *ref,
                                       const char *campaign, const char *finess,
                                       const char *indicator, const char *user,
                                       mh_diagnostics *diags);

#ifdef __cplusplus
}
#endif

#endif
