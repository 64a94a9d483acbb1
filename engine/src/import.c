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
#include "util/csv_read.h"
#include "maturinh/import.h"
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
                snprintf(why, why_size, "%s", mh__diag_last_message(scratch, "cannot save"));
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
                mh_establishment_free(est);
        }
        mh_answers_close(reader);
        if (rc < 0 && rc != MH_EINVALID && rc != MH_ITEROVER)
                return rc;
        return failed ? MH_EINVALID : 0;
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

static const char *optional(const char *text)
{
        return text[0] == '\0' ? NULL : text;
}

static int import_profiles(mh_store *store, const mh_referentiel *ref, mh__csv_reader *csv,
                           const char *path, const mh_import_options *options,
                           mh_store_stats *stats, size_t *rejected, mh_diagnostics *diags,
                           mh_diagnostics *scratch)
{
        mh__csv_field *f;
        size_t count;
        char date[11], why[512];
        int rc, failed = 0;

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

                if (count != 9) {
                        mh__diag_add(diags, path, f[0].line, f[0].column,
                                     "expected 9 fields (%s,...), got %zu",
                                     mh__csv_profile_columns[0], count);
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
                profile.campaign = options->campaign;
                profile.reference_date = date;
                if ((rc = begin_one(store, options)) < 0)
                        return storage_error(store, path, diags);
                mh_diagnostics_clear(scratch);
                rc = mh_store_save_profile(stats, store, ref, &profile, options->user, scratch);
                if (rc < 0) {
                        snprintf(why, sizeof(why), "%s",
                                 mh__diag_last_message(scratch, "cannot save"));
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
        }
        if (rc < 0)
                return rc;
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
};

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
                                         mh__diag_last_message(scratch, "cannot save"));
                                end_one(store, options, 0);
                                save_error(diags, path, p->line, 1, p->est->finess, rc, why);
                                (*rejected)++;
                                if (rc == MH_EINVALID)
                                        rc = 0;
                        } else if ((rc = end_one(store, options, 1)) < 0) {
                                rc = storage_error(store, path, diags);
                        }
                }
        }
        mh_establishment_free(p->est);
        mh_establishment_free(p->before);
        memset(p, 0, sizeof(*p));
        return rc;
}

static int import_answers(mh_store *store, const mh_referentiel *ref, mh__csv_reader *csv,
                          const char *path, const mh_import_options *options, mh_store_stats *stats,
                          size_t *rejected, mh_diagnostics *diags, mh_diagnostics *scratch)
{
        struct pending p = {NULL, NULL, 0, 0};
        mh__csv_field *f;
        size_t count, before = *rejected;
        char why[512], finess_buf[MH__FINESS_PROBLEM_SIZE];
        const char *problem;
        int rc;

        while ((rc = mh__csv_reader_next(csv, &f, &count)) == 1) {
                const mh_indicator *ind;

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
                }
                if ((ind = mh_referentiel_find_indicator(ref, f[2].text)) == NULL) {
                        mh__diag_add(diags, path, f[2].line, f[2].column,
                                     "establishment %s: unknown indicator '%.64s' (not in "
                                     "référentiel %s %s)",
                                     p.est->finess, f[2].text, ref->id, ref->version);
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
                if ((rc = mh_establishment_set_comment(p.est, ind, f[4].text)) < 0)
                        goto fail;
        }
        if (rc < 0)
                goto fail;
        if ((rc = flush(store, &p, path, options, stats, rejected, diags, scratch)) < 0)
                return rc;
        return *rejected > before ? MH_EINVALID : 0;
fail: /* the establishment being changed is not saved */
        mh_establishment_free(p.est);
        mh_establishment_free(p.before);
        return rc;
}

static int import_csv(mh_store *store, const mh_referentiel *ref, const char *path,
                      const mh_import_options *options, mh_store_stats *stats, size_t *rejected,
                      mh_diagnostics *diags, mh_diagnostics *scratch)
{
        mh__csv_reader *csv = NULL;
        mh__csv_field *fields;
        size_t count;
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
        rc = mh__csv_reader_next(csv, &fields, &count);
        if (rc == 0) {
                mh__diag_add(diags, path, 1, 1, "the file is empty: expected a header row");
                rc = MH_EINVALID;
        } else if (rc == 1 && header_is(fields, count, mh__csv_answer_columns)) {
                rc =
                    import_answers(store, ref, csv, path, options, stats, rejected, diags, scratch);
        } else if (rc == 1 && header_is(fields, count, mh__csv_profile_columns)) {
                rc = import_profiles(store, ref, csv, path, options, stats, rejected, diags,
                                     scratch);
        } else if (rc == 1) {
                mh__diag_add(diags, path, 1, 1,
                             "unknown CSV header: expected answers "
                             "(campaign,finess,indicator,value,comment) or an establishment list "
                             "(finess,finess_ej,name,region,departement,category,beds,ose,ght)");
                rc = MH_EINVALID;
        }
        mh__csv_reader_free(csv);
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
            options->version != MH_IMPORT_OPTIONS_VERSION)
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
