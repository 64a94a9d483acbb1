/*
 * import.c: answers files and establishment lists into the store, one
 * file per transaction; and the export that writes an establishment back.
 *
 * YAML answers are streamed through the answers reader exactly as `score`
 * reads them, so what is stored is what would have been scored.  CSV rows
 * are checked with the same value rules (mh_establishment_set_answer).  A
 * file is imported whole or not at all; with keep_going, each establishment
 * is (a savepoint each).
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "establishment_internal.h"
#include "util/csv_write.h"
#include "util/i18n.h"
#include "util/csv_read.h"
#include "util/texthash.h"
#include "maturinh/import.h"
#include "maturinh/report.h"
#include "store_internal.h"
#include "referentiel_internal.h"

static size_t count_or_zero(const mh_diagnostics *diags)
{
        return diags != NULL ? mh_diagnostics_count(diags) : 0;
}

/* The store's failure (not the file's) against the file, unlocated; returns its code. */
static int storage_error(mh_store *store, const char *path, mh_diagnostics *diags)
{
        char why[512];
        int rc = mh__store_why(store, why, sizeof(why));

        mh__diag_add(diags, path, 0, 0, "%s", why);
        return rc;
}

/*
 * A save refused: the establishment's own problem (MH_EINVALID) at its
 * position, a failure of the store (full disk, busy...) against the file.
 */
static void save_error(mh_diagnostics *diags, const char *path, unsigned line, unsigned column,
                       const char *finess, int rc, const char *why)
{
        if (rc == MH_EINVALID)
                mh__diag_add(diags, path, line, column, "establishment %s: %s", finess, why);
        else
                mh__diag_add(diags, path, 0, 0, "%s", why);
}

/*
 * With keep_going, each establishment is saved under its own savepoint, so
 * that one rejected is undone alone.  Without it, a rejected establishment
 * fails the whole file, whose transaction is rolled back at the end: no
 * savepoint is needed, and none is taken, because SQLite journals the
 * original of every page a savepoint changes (with 16 KiB pages, 7.2 GB
 * written to import 50,000 establishments into a 284 MB database).
 */
static int begin_one(mh_store *store, const mh_import_options *options)
{
        return options->keep_going ? mh_store_savepoint(store, NULL) : 0;
}

/* Ends what begin_one() began: kept when `ok`, else undone (keep_going). */
static int end_one(mh_store *store, const mh_import_options *options, int ok)
{
        if (!options->keep_going)
                return 0;
        if (!ok)
                return mh_store_rollback_savepoint(store, NULL);
        return mh_store_release(store, NULL);
}

/* Tells the caller of an establishment saved as submitted with questions unanswered. */
static void say_if_incomplete(const mh_import_options *options, const mh_establishment *est,
                              const char *path, unsigned line)
{
        mh_import_incomplete what;
        size_t answered = 0, total = 0;

        if (options->version < 2 || options->incomplete == NULL ||
            mh_establishment_submission(est) != MH_SUBMISSION_SUBMITTED ||
            mh_questionnaire_progress(&answered, &total, est, NULL) < 0 || answered >= total)
                return;
        what.path = path;
        what.line = line;
        what.finess = mh_establishment_finess(est);
        what.campaign = mh_establishment_campaign(est);
        what.unanswered = total - answered;
        what.total = total;
        options->incomplete(&what, options->incomplete_context);
}

/* Saves one establishment inside the file's transaction. */
static int save_one(mh_store *store, const mh_establishment *est, const mh_import_options *options,
                    mh_store_stats *stats, char *why, size_t why_size, mh_diagnostics *scratch)
{
        int rc;

        if ((rc = begin_one(store, options)) < 0)
                return mh__store_why(store, why, why_size);
        mh_diagnostics_clear(scratch);
        rc = mh_store_campaign_create(store, est->campaign, est->ref, est->reference_date, scratch);
        if (rc == 0)
                rc = mh_store_save(stats, store, est, options->user, scratch);
        if (rc < 0) {
                snprintf(why, why_size, "%s",
                         mh__diag_last_message(scratch, mh__tr(N_("cannot save"))));
                end_one(store, options, 0);
        } else if ((rc = end_one(store, options, 1)) < 0) {
                rc = mh__store_why(store, why, why_size);
        }
        return rc;
}

static int import_yaml(mh_store *store, const mh_referentiel *ref, const char *path,
                       const mh_import_options *options, mh_store_stats *stats, size_t *rejected,
                       mh_diagnostics *diags, mh_diagnostics *scratch)
{
        mh_answers_reader *reader = NULL;
        mh_establishment *est;
        char why[512];
        int rc, failed = 0;

        if ((rc = mh_answers_open_file(&reader, ref, path, diags)) < 0)
                return rc;
        while ((rc = mh_answers_next(&est, reader)) != MH_ITEROVER) {
                if (rc == MH_EINVALID) {
                        (*rejected)++;
                        failed = 1;
                        continue;
                }
                if (rc < 0)
                        break;
                if (options->progress != NULL)
                        options->progress(options->progress_context);
                if ((rc = save_one(store, est, options, stats, why, sizeof(why), scratch)) < 0) {
                        save_error(diags, path, est->line, 1, est->finess, rc, why);
                        (*rejected)++;
                        failed = 1;
                        mh_establishment_free(est);
                        if (rc != MH_EINVALID)
                                break;
                        continue;
                }
                say_if_incomplete(options, est, path, est->line);
                mh_establishment_free(est);
        }
        mh_answers_close(reader);
        if (rc < 0 && rc != MH_EINVALID && rc != MH_ITEROVER)
                return rc;
        return failed ? MH_EINVALID : 0;
}

/*
 * What a CSV file has given so far, to refuse a second row for the same
 * establishment (an establishment list) or the same answer (CSV answers:
 * the last row would otherwise win silently, and the first never reach the
 * history).  One entry per establishment, found by hashing its FINESS: the
 * row that gave it (a list), or a bit per indicator of the référentiel
 * (answers: a few bytes each, where keeping the line of every answer would
 * cost more than the rest of the import at national scale).
 */
#define SEEN_FINESS_MAX 9 /* longer texts are no FINESS: refused anyway, not tracked */

struct seen_entry {
        char finess[SEEN_FINESS_MAX + 1]; /* "" for a free slot */
        unsigned line;                    /* the first row that gave it */
        unsigned number;                  /* answers: its bits are the number-th in seen->bits */
};

struct seen {
        struct seen_entry *slots; /* open addressing, a power of two */
        size_t capacity, count;
        unsigned char *bits;    /* answers: one bit per (establishment, indicator) */
        size_t bits_used;       /* bytes */
        size_t bits_capacity;   /* bytes */
        size_t bytes_per_entry; /* answers: bytes of bits per establishment */
};

static void seen_free(struct seen *seen)
{
        mh__free(seen->slots);
        mh__free(seen->bits);
}

static struct seen_entry *seen_slot(struct seen_entry *slots, size_t capacity, const char *finess)
{
        size_t i = mh__hash_bytes(finess, strlen(finess)) & (capacity - 1);

        while (slots[i].finess[0] != '\0' && strcmp(slots[i].finess, finess) != 0)
                i = (i + 1) & (capacity - 1);
        return &slots[i];
}

/*
 * The entry of `finess`: *added says whether it is new (its line set to
 * `line`, its bits cleared).  NULL when memory runs out; *added is -1 for a
 * text too long to be a FINESS (not tracked).
 */
static struct seen_entry *seen_add(struct seen *seen, const char *finess, unsigned line, int *added)
{
        struct seen_entry *entry;
        size_t i;

        *added = -1;
        if (strlen(finess) > SEEN_FINESS_MAX || finess[0] == '\0')
                return NULL;
        *added = 0;
        if (2 * (seen->count + 1) > seen->capacity) {
                size_t capacity = seen->capacity ? 2 * seen->capacity : 1024;
                struct seen_entry *slots = mh__malloc(capacity * sizeof(*slots));

                if (slots == NULL)
                        return NULL;
                memset(slots, 0, capacity * sizeof(*slots));
                for (i = 0; i < seen->capacity; i++)
                        if (seen->slots[i].finess[0] != '\0')
                                *seen_slot(slots, capacity, seen->slots[i].finess) = seen->slots[i];
                mh__free(seen->slots);
                seen->slots = slots;
                seen->capacity = capacity;
        }
        entry = seen_slot(seen->slots, seen->capacity, finess);
        if (entry->finess[0] != '\0')
                return entry;
        if (seen->bits_used + seen->bytes_per_entry > seen->bits_capacity) {
                size_t capacity = seen->bits_capacity ? 2 * seen->bits_capacity : 4096;
                unsigned char *bits;

                while (capacity < seen->bits_used + seen->bytes_per_entry)
                        capacity *= 2;
                if ((bits = mh__realloc(seen->bits, capacity)) == NULL)
                        return NULL;
                seen->bits = bits;
                seen->bits_capacity = capacity;
        }
        *added = 1;
        memcpy(entry->finess, finess, strlen(finess) + 1);
        entry->line = line;
        entry->number = (unsigned)seen->count;
        if (seen->bytes_per_entry > 0)
                memset(seen->bits + seen->bits_used, 0, seen->bytes_per_entry);
        seen->bits_used += seen->bytes_per_entry;
        seen->count++;
        return entry;
}

/* Checks a CSV header against the expected columns; diagnoses a mismatch. */
static int header_is(const mh__csv_field *fields, size_t count, const char *const *names)
{
        size_t i;

        for (i = 0; names[i] != NULL; i++)
                if (i >= count || strcmp(fields[i].text, names[i]) != 0)
                        return 0;
        return i == count;
}

/*
 * An establishment list's header: the nine profile columns, then optionally
 * contact_name and contact_email (either, or both in that order).  Returns
 * how many columns it has (0: not a list); the contact columns' indexes go
 * to `name_at` and `email_at` (0 when absent).
 */
static size_t profile_header(const mh__csv_field *fields, size_t count, size_t *name_at,
                             size_t *email_at)
{
        size_t i;

        *name_at = *email_at = 0;
        for (i = 0; mh__csv_profile_columns[i] != NULL; i++)
                if (i >= count || strcmp(fields[i].text, mh__csv_profile_columns[i]) != 0)
                        return 0;
        if (i < count && strcmp(fields[i].text, "contact_name") == 0)
                *name_at = i++;
        if (i < count && strcmp(fields[i].text, "contact_email") == 0)
                *email_at = i++;
        return i == count ? i : 0;
}

static const char *optional(const char *text)
{
        return text[0] == '\0' ? NULL : text;
}

/*
 * A CSV with a header and no row holds no establishment: an error, as for a
 * YAML file (docs/answers-format.md), never a batch of zero.
 */
static int no_establishment(const char *path, size_t *rejected, mh_diagnostics *diags)
{
        mh__diag_add(diags, path, 0, 0, "no establishment in this file");
        (*rejected)++;
        return MH_EINVALID;
}

static int import_profiles(mh_store *store, const mh_referentiel *ref, mh__csv_reader *csv,
                           const char *path, const mh_import_options *options,
                           mh_store_stats *stats, size_t *rejected, struct seen *seen,
                           size_t columns, size_t name_at, size_t email_at, mh_diagnostics *diags,
                           mh_diagnostics *scratch)
{
        const struct seen_entry *first;
        mh__csv_field *f;
        size_t count;
        char date[11], why[512];
        int rc, failed = 0, rows = 0, added;

        if ((rc = mh_store_campaign_date(date, store, options->campaign, NULL)) < 0 &&
            rc != MH_ENOTFOUND)
                return storage_error(store, path, diags);
        if (rc < 0) {
                mh__diag_add(diags, path, 1, 1,
                             "no campaign %s in the database: import its answers (YAML) or "
                             "create it first",
                             options->campaign);
                return MH_EINVALID;
        }
        while ((rc = mh__csv_reader_next(csv, &f, &count)) == 1) {
                mh_profile profile;
                /* beds (field 6) and OSE (field 7): absent when empty */
                long values[2] = {-1, 0};
                size_t k;

                rows = 1;
                if (count != columns) {
                        mh__diag_add(diags, path, f[0].line, f[0].column,
                                     "expected %zu fields (%s,...), got %zu", columns,
                                     mh__csv_profile_columns[0], count);
                        (*rejected)++;
                        failed = 1;
                        continue;
                }
                if ((first = seen_add(seen, f[0].text, f[0].line, &added)) == NULL && added == 0)
                        return MH_ENOMEM;
                if (added == 0) {
                        mh__diag_add(diags, path, f[0].line, f[0].column,
                                     "establishment %s already given at line %u", f[0].text,
                                     first->line);
                        (*rejected)++;
                        failed = 1;
                        continue;
                }
                memset(&profile, 0, sizeof(profile));
                profile.finess = f[0].text;
                profile.finess_ej = optional(f[1].text);
                profile.name = f[2].text;
                profile.region = f[3].text;
                profile.departement = optional(f[4].text);
                profile.category = f[5].text;
                for (k = 0; k < 2; k++)
                        if (f[6 + k].text[0] != '\0' &&
                            mh__profile_field(k == 0 ? MH__FIELD_BEDS : MH__FIELD_OSE,
                                              f[6 + k].text, &values[k], why, sizeof(why)) < 0)
                                break;
                if (k < 2) {
                        mh__diag_add(diags, path, f[6 + k].line, f[6 + k].column,
                                     "establishment %s: %s", f[0].text, why);
                        (*rejected)++;
                        failed = 1;
                        continue;
                }
                profile.beds = values[0];
                profile.ose = values[1] == 1;
                profile.ght = optional(f[8].text);
                /* a contact column present but empty removes the contact; absent keeps it */
                profile.contact_name = name_at > 0 ? f[name_at].text : NULL;
                profile.contact_email = email_at > 0 ? f[email_at].text : NULL;
                if ((k = name_at) > 0 &&
                    mh__contact_problem(optional(f[k].text), NULL, why, sizeof(why)) == NULL)
                        k = 0;
                if (k == 0 && (k = email_at) > 0 &&
                    mh__contact_problem(NULL, optional(f[k].text), why, sizeof(why)) == NULL)
                        k = 0;
                if (k > 0) {
                        mh__diag_add(diags, path, f[k].line, f[k].column, "establishment %s: %s",
                                     f[0].text, why);
                        (*rejected)++;
                        failed = 1;
                        continue;
                }
                profile.campaign = options->campaign;
                profile.reference_date = date;
                if ((rc = begin_one(store, options)) < 0)
                        return storage_error(store, path, diags);
                mh_diagnostics_clear(scratch);
                rc = mh_store_save_profile(stats, store, ref, &profile, options->user, scratch);
                if (rc < 0) {
                        snprintf(why, sizeof(why), "%s",
                                 mh__diag_last_message(scratch, mh__tr(N_("cannot save"))));
                        end_one(store, options, 0);
                        save_error(diags, path, f[0].line, f[0].column, f[0].text, rc, why);
                        if (rc != MH_EINVALID)
                                return rc;
                        (*rejected)++;
                        failed = 1;
                        continue;
                }
                if ((rc = end_one(store, options, 1)) < 0)
                        return storage_error(store, path, diags);
                mh__finess_region_warn(diags, path, f[0].line, f[0].column, f[0].text, f[0].text,
                                       f[3].text);
                mh__sector_warn(diags, path, f[5].line, f[5].column, f[0].text, f[5].text, ref);
        }
        if (rc < 0)
                return rc;
        if (!rows)
                return no_establishment(path, rejected, diags);
        return failed ? MH_EINVALID : 0;
}

/*
 * CSV answers: consecutive rows of one establishment are applied to it
 * together and saved once (a savepoint each, so --keep-going rejects that
 * establishment whole).
 */
struct pending {
        mh_establishment *est;    /* being changed */
        mh_establishment *before; /* as the store holds it */
        int failed;               /* a row of it was wrong */
        unsigned line;            /* its first row */
        size_t bits;              /* where its answers given by the file are marked (seen) */
};

/*
 * A second row for an answer.  The first row's line is not kept while
 * reading (see struct seen): the file is read again once at the end to find
 * the first rows of all of them (a file that cannot be, a pipe, says
 * "earlier in this file").
 */
struct repeat {
        char finess[SEEN_FINESS_MAX + 1];
        size_t indicator; /* its index in the référentiel */
        unsigned line;    /* the second row's indicator field */
        unsigned column;
        unsigned first; /* the first row's line, 0 until found */
};

static int repeat_compare(const void *a, const void *b)
{
        const struct repeat *x = a, *y = b;
        int c = strcmp(x->finess, y->finess);

        if (c != 0)
                return c;
        return x->indicator < y->indicator ? -1 : x->indicator > y->indicator;
}

/* Reads the file again to find the first row of each repeated answer. */
static void find_first_rows(FILE *file, const char *path, const mh_referentiel *ref,
                            const char *campaign, struct repeat *repeats, size_t n)
{
        mh_diagnostics *ignored = NULL;
        mh__csv_reader *csv = NULL;
        mh__csv_field *f;
        size_t count;

        qsort(repeats, n, sizeof(*repeats), repeat_compare);
        if (fseek(file, 0, SEEK_SET) != 0 || mh_diagnostics_new(&ignored) < 0 ||
            mh__csv_reader_new(&csv, file, path, ignored) < 0 ||
            mh__csv_reader_next(csv, &f, &count) != 1) /* the header */
                goto done;
        while (mh__csv_reader_next(csv, &f, &count) == 1) {
                const mh_indicator *ind;
                struct repeat key, *r;

                if (count != 5 || strcmp(f[0].text, campaign) != 0 ||
                    strlen(f[1].text) > SEEN_FINESS_MAX ||
                    (ind = mh_referentiel_find_indicator(ref, f[2].text)) == NULL)
                        continue;
                memcpy(key.finess, f[1].text, strlen(f[1].text) + 1);
                key.indicator = mh_indicator_index(ind);
                if ((r = bsearch(&key, repeats, n, sizeof(*repeats), repeat_compare)) == NULL)
                        continue;
                while (r > repeats && repeat_compare(r - 1, &key) == 0)
                        r--;
                for (; r < repeats + n && repeat_compare(r, &key) == 0; r++)
                        if (r->first == 0 && f[2].line < r->line)
                                r->first = f[2].line;
        }
done:
        mh__csv_reader_free(csv);
        mh_diagnostics_free(ignored);
}

static void report_repeats(FILE *file, const char *path, const mh_referentiel *ref,
                           const char *campaign, struct repeat *repeats, size_t n,
                           mh_diagnostics *diags)
{
        size_t i;

        if (n == 0)
                return;
        find_first_rows(file, path, ref, campaign, repeats, n);
        for (i = 0; i < n; i++) {
                const char *id = mh_indicator_id(ref->indicators_by_index[repeats[i].indicator]);

                if (repeats[i].first > 0)
                        mh__diag_add(diags, path, repeats[i].line, repeats[i].column,
                                     "%s of %s already given at line %u", id, repeats[i].finess,
                                     repeats[i].first);
                else
                        mh__diag_add(diags, path, repeats[i].line, repeats[i].column,
                                     "%s of %s already given earlier in this file", id,
                                     repeats[i].finess);
        }
}

static int flush(mh_store *store, struct pending *p, const char *path,
                 const mh_import_options *options, mh_store_stats *stats, size_t *rejected,
                 mh_diagnostics *diags, mh_diagnostics *scratch)
{
        char why[512];
        int rc = 0;

        if (p->est == NULL)
                return 0;
        if (options->progress != NULL)
                options->progress(options->progress_context);
        if (p->failed) {
                (*rejected)++;
        } else {
                if (options->status != MH_IMPORT_STATUS_KEEP)
                        mh_establishment_set_submission(p->est, options->status ==
                                                                        MH_IMPORT_STATUS_SUBMITTED
                                                                    ? MH_SUBMISSION_SUBMITTED
                                                                    : MH_SUBMISSION_DRAFT);
                if ((rc = begin_one(store, options)) < 0) {
                        rc = storage_error(store, path, diags);
                } else {
                        mh_diagnostics_clear(scratch);
                        rc = mh__store_save_over(store, p->est, p->before, options->user, stats,
                                                 scratch);
                        if (rc < 0) {
                                snprintf(why, sizeof(why), "%s",
                                         mh__diag_last_message(scratch, mh__tr(N_("cannot save"))));
                                end_one(store, options, 0);
                                save_error(diags, path, p->line, 1, p->est->finess, rc, why);
                                (*rejected)++;
                                if (rc == MH_EINVALID)
                                        rc = 0;
                        } else if ((rc = end_one(store, options, 1)) < 0) {
                                rc = storage_error(store, path, diags);
                        } else {
                                say_if_incomplete(options, p->est, path, p->line);
                        }
                }
        }
        mh_establishment_free(p->est);
        mh_establishment_free(p->before);
        memset(p, 0, sizeof(*p));
        return rc;
}

/* Marks the answer `ind` of the pending establishment given; 0 if it already was. */
static int mark_given(struct seen *seen, const struct pending *p, const mh_indicator *ind)
{
        size_t k = mh_indicator_index(ind);
        unsigned char *byte = &seen->bits[p->bits + k / 8], bit = (unsigned char)(1u << (k % 8));

        if (*byte & bit)
                return 0;
        *byte |= bit;
        return 1;
}

/* Keeps a repeated answer to report at the end (beyond what diagnostics hold, only counted). */
static int add_repeat(struct repeat **repeats, size_t *n, size_t *capacity, const char *finess,
                      const mh_indicator *ind, const mh__csv_field *field)
{
        struct repeat *r;

        if (*n == MH_DIAGNOSTICS_MAX)
                return 0;
        if (*n == *capacity) {
                size_t more = *capacity ? 2 * *capacity : 16;

                if ((r = mh__realloc(*repeats, more * sizeof(*r))) == NULL)
                        return MH_ENOMEM;
                *repeats = r;
                *capacity = more;
        }
        r = &(*repeats)[(*n)++];
        memset(r, 0, sizeof(*r));
        snprintf(r->finess, sizeof(r->finess), "%s", finess);
        r->indicator = mh_indicator_index(ind);
        r->line = field->line;
        r->column = field->column;
        return 0;
}

static int import_answers(mh_store *store, const mh_referentiel *ref, mh__csv_reader *csv,
                          FILE *file, const char *path, const mh_import_options *options,
                          mh_store_stats *stats, size_t *rejected, struct seen *seen,
                          mh_diagnostics *diags, mh_diagnostics *scratch)
{
        struct pending p = {NULL, NULL, 0, 0, 0};
        struct repeat *repeats = NULL;
        const struct seen_entry *entry;
        mh__csv_field *f;
        size_t count, before = *rejected, n_repeats = 0, repeats_capacity = 0;
        char why[512], finess_buf[MH__FINESS_PROBLEM_SIZE];
        const char *problem;
        int rc, rows = 0, added;

        while ((rc = mh__csv_reader_next(csv, &f, &count)) == 1) {
                const mh_indicator *ind;

                rows = 1;
                if (count != 5) {
                        mh__diag_add(diags, path, f[0].line, f[0].column,
                                     "expected 5 fields (campaign,finess,indicator,value,comment), "
                                     "got %zu",
                                     count);
                        if (p.est != NULL)
                                p.failed = 1;
                        else
                                (*rejected)++;
                        continue;
                }
                if (strcmp(f[0].text, options->campaign) != 0) {
                        mh__diag_add(diags, path, f[0].line, f[0].column,
                                     "establishment %s: this row is for campaign '%.40s', but "
                                     "the import is into campaign %s (--campaign)",
                                     f[1].text, f[0].text, options->campaign);
                        if (p.est != NULL && strcmp(p.est->finess, f[1].text) == 0)
                                p.failed = 1;
                        else
                                (*rejected)++;
                        continue;
                }
                if (p.est == NULL || strcmp(p.est->finess, f[1].text) != 0) {
                        if ((rc = flush(store, &p, path, options, stats, rejected, diags,
                                        scratch)) < 0)
                                return rc;
                        p.line = f[0].line;
                        if ((problem = mh__finess_problem(f[1].text, finess_buf)) != NULL) {
                                mh__diag_add(diags, path, f[1].line, f[1].column,
                                             "invalid FINESS '%.*s': %s",
                                             mh__utf8_prefix(f[1].text, 20), f[1].text, problem);
                                (*rejected)++;
                                continue;
                        }
                        rc = mh_store_load(&p.est, store, ref, options->campaign, f[1].text, NULL);
                        if (rc == MH_ENOTFOUND) {
                                mh__diag_add(diags, path, f[1].line, f[1].column,
                                             "establishment %.20s is not in campaign %s: import "
                                             "its profile first (establishment list or YAML)",
                                             f[1].text, options->campaign);
                                (*rejected)++;
                                continue;
                        }
                        if (rc < 0 && rc != MH_ENOMEM) {
                                rc = storage_error(store, path, diags);
                                goto fail;
                        }
                        if (rc < 0 || (rc = mh_establishment_copy(&p.before, p.est)) < 0)
                                goto fail; /* p.est loaded, not its copy */
                        /* a stored establishment has a FINESS: it is tracked */
                        if ((entry = seen_add(seen, p.est->finess, p.line, &added)) == NULL) {
                                rc = MH_ENOMEM;
                                goto fail;
                        }
                        p.bits = (size_t)entry->number * seen->bytes_per_entry;
                }
                if ((ind = mh_referentiel_find_indicator(ref, f[2].text)) == NULL) {
                        mh__diag_add(diags, path, f[2].line, f[2].column,
                                     "establishment %s: unknown indicator '%.64s' (not in "
                                     "référentiel %s %s)",
                                     p.est->finess, f[2].text, ref->id, ref->version);
                        p.failed = 1;
                        continue;
                }
                if (!mark_given(seen, &p, ind)) {
                        if ((rc = add_repeat(&repeats, &n_repeats, &repeats_capacity, p.est->finess,
                                             ind, &f[2])) < 0)
                                goto fail;
                        p.failed = 1;
                        continue;
                }
                if ((rc = mh__set_answer(p.est, ind, f[3].text, why, sizeof(why))) == MH_ENOMEM)
                        goto fail; /* not a wrong value */
                if (rc < 0) {
                        mh__diag_add(diags, path, f[3].line, f[3].column,
                                     "establishment %s: '%s' %s", p.est->finess, ind->id, why);
                        p.failed = 1;
                        continue;
                }
                if ((rc = mh__set_comment(p.est, ind, f[4].text, why, sizeof(why))) == MH_ENOMEM)
                        goto fail;
                if (rc < 0) {
                        mh__diag_add(diags, path, f[4].line, f[4].column, "establishment %s: %s",
                                     p.est->finess, why);
                        p.failed = 1;
                        continue;
                }
        }
        if (rc < 0)
                goto fail;
        if (!rows) {
                mh__free(repeats);
                return no_establishment(path, rejected, diags);
        }
        if ((rc = flush(store, &p, path, options, stats, rejected, diags, scratch)) < 0) {
                mh__free(repeats);
                return rc;
        }
        report_repeats(file, path, ref, options->campaign, repeats, n_repeats, diags);
        mh__free(repeats);
        return *rejected > before ? MH_EINVALID : 0;
fail: /* the establishment being changed is not saved */
        mh_establishment_free(p.est);
        mh_establishment_free(p.before);
        mh__free(repeats);
        return rc;
}

static int import_csv(mh_store *store, const mh_referentiel *ref, const char *path,
                      const mh_import_options *options, mh_store_stats *stats, size_t *rejected,
                      mh_diagnostics *diags, mh_diagnostics *scratch)
{
        mh__csv_reader *csv = NULL;
        mh__csv_field *fields;
        struct seen seen;
        size_t count, columns, name_at, email_at;
        FILE *file;
        int rc;

        if (options->campaign == NULL) {
                mh__diag_add(diags, path, 0, 0,
                             "a CSV file carries no campaign: give the campaign it belongs to "
                             "(--campaign)");
                return MH_EINVALID;
        }
        if ((rc = mh__open_input(&file, path, MH_ANSWERS_MAX_BYTES, diags)) < 0)
                return rc;
        if ((rc = mh__csv_reader_new(&csv, file, path, diags)) < 0) {
                fclose(file);
                return rc;
        }
        memset(&seen, 0, sizeof(seen));
        rc = mh__csv_reader_next(csv, &fields, &count);
        if (rc == 0) {
                mh__diag_add(diags, path, 1, 1, "the file is empty: expected a header row");
                rc = MH_EINVALID;
        } else if (rc == 1 && header_is(fields, count, mh__csv_answer_columns)) {
                seen.bytes_per_entry = (mh_referentiel_indicator_count(ref) + 7) / 8;
                rc = import_answers(store, ref, csv, file, path, options, stats, rejected, &seen,
                                    diags, scratch);
        } else if (rc == 1 && (columns = profile_header(fields, count, &name_at, &email_at)) > 0) {
                rc = import_profiles(store, ref, csv, path, options, stats, rejected, &seen,
                                     columns, name_at, email_at, diags, scratch);
        } else if (rc == 1) {
                mh__diag_add(diags, path, 1, 1,
                             "unknown CSV header: expected answers "
                             "(campaign,finess,indicator,value,comment) or an establishment list "
                             "(finess,finess_ej,name,region,departement,category,beds,ose,ght"
                             "[,contact_name][,contact_email])");
                rc = MH_EINVALID;
        }
        mh__csv_reader_free(csv);
        seen_free(&seen);
        fclose(file);
        return rc;
}

static int ends_with(const char *s, const char *suffix)
{
        size_t n = strlen(s), m = strlen(suffix);

        return n >= m && strcmp(s + n - m, suffix) == 0;
}

int mh_import_file(mh_import_result *out, mh_store *store, const mh_referentiel *ref,
                   const char *path, const mh_import_options *options, mh_diagnostics *diags)
{
        mh_import_result result;
        mh_diagnostics *scratch = NULL;
        size_t first = count_or_zero(diags);
        int rc;

        if (store == NULL || ref == NULL || path == NULL || options == NULL ||
            options->version < 1 || options->version > MH_IMPORT_OPTIONS_VERSION)
                return MH_EUSAGE;
        memset(&result, 0, sizeof(result));
        /* the store's reasons, re-issued located in the file */
        if (mh_diagnostics_new(&scratch) < 0)
                return mh__diag_nomem(diags);
        if (mh_store_begin(store, NULL) < 0) {
                rc = storage_error(store, path, diags);
                mh_diagnostics_free(scratch);
                return rc;
        }
        if (ends_with(path, ".csv") || ends_with(path, ".CSV"))
                rc = import_csv(store, ref, path, options, &result.stats, &result.rejected, diags,
                                scratch);
        else
                rc = import_yaml(store, ref, path, options, &result.stats, &result.rejected, diags,
                                 scratch);
        mh_diagnostics_free(scratch);
        if (rc == MH_EINVALID && options->keep_going)
                rc = 0; /* the valid establishments go in; the others are counted */
        if (rc == 0 && mh_store_commit(store, NULL) < 0)
                rc = storage_error(store, path, diags);
        if (rc < 0) {
                mh_store_rollback(store, NULL); /* all or nothing */
                if (rc == MH_ENOMEM)
                        mh__diag_nomem(diags);
                mh__diag_sort_from(diags, first);
                return rc;
        }
        mh__diag_sort_from(diags, first);
        if (out != NULL)
                *out = result;
        return 0;
}
