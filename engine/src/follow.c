/*
 * follow.c: the chase list of a campaign and the comparison of two
 * (maturinh/follow.h), and their tables for people.
 *
 * Both walk the store once (mh_store_each()), evaluate each establishment
 * and keep a small record of it: never its answers.  The chase list reads
 * the last change of every establishment in one query
 * (mh_store_last_changes()) and whether any answer was ever saved from the
 * answers' versions (mh_store_answer_versions(): a version above 0 is an
 * answer saved once, even if it was cleared since).  The comparison loads
 * each establishment of the later campaign, then the same FINESS in the
 * earlier one; domains and criteria are matched by id, since two
 * campaigns of one référentiel id may hold two of its versions.
 *
 * The CSV and XLSX outputs are follow_sheet.c's (through maturinh/sheet.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "maturinh/categories.h"
#include "maturinh/follow.h"
#include "referentiel_internal.h"
#include "util/cnum.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/util.h"

/* ---- Shared ------------------------------------------------------------- */

/* Whether `est` is in `scope` (NULL: national), by its profile. */
static int in_scope(const mh_establishment *est, const mh_scope *scope)
{
        const char *ght;

        if (scope == NULL)
                return 1;
        switch (scope->kind) {
        case MH_SCOPE_NATIONAL:
                return 1;
        case MH_SCOPE_REGION:
                return strcmp(mh_establishment_region(est), scope->value) == 0;
        case MH_SCOPE_CATEGORY:
                return strcmp(mh_establishment_category(est), scope->value) == 0;
        case MH_SCOPE_GHT:
                ght = mh_establishment_ght(est);
                return ght != NULL && strcmp(ght, scope->value) == 0;
        }
        return 0;
}

/* A string of the store copied into the list's arena ("" for NULL when `empty`). */
static const char *keep(mh__arena *arena, const char *s, int *failed)
{
        char *copy;

        if (s == NULL)
                return NULL;
        copy = mh__arena_strdup(arena, s);
        if (copy == NULL)
                *failed = 1;
        return copy;
}

/* round1 in whole tenths (scoring.md §7: floor(x * 10 + 0.5)). */
static double tenths(double x)
{
        return floor(x * 10 + 0.5);
}

double mh_round1_delta(double before, double after)
{
        if (isnan(before) || isnan(after))
                return (double)NAN;
        return (tenths(after) - tenths(before)) / 10;
}

/*
 * A score right-aligned in `width` columns, one decimal ("41,7" in French),
 * "—" when undefined; with `sign`, "+3,5" and "-1,0" (a delta).
 */
static void table_number(FILE *stream, double value, int width, int sign, int percent)
{
        char text[48], number[40];

        if (isnan(value)) {
                snprintf(text, sizeof(text), "—");
        } else {
                if (percent)
                        mh__people_percent(number, sizeof(number), mh_round1(value), 1);
                else
                        mh__format_number(number, sizeof(number), mh_round1(value), 1,
                                          MH__FOR_PEOPLE);
                snprintf(text, sizeof(text), "%s%s", sign && tenths(value) > 0 ? "+" : "", number);
        }
        mh__fput_rcolumn(stream, text, width);
}

/* A count for people ("3 000" in French). */
static const char *people_count(char *buf, size_t size, size_t n)
{
        if (mh__french())
                return mh__fr_count(buf, size, n);
        mh__snprintf_c(buf, size, "%zu", n);
        return buf;
}

/* The width of a column: its title's, or `min` when wider. */
static int column_width(const char *title, int min)
{
        int width = mh__text_width(title, MH_TEXT_LINE);

        return width > min ? width : min;
}

/* ---- The chase list ----------------------------------------------------- */

struct mh_chase {
        mh__arena *arena; /* the rows' strings */
        mh_chase_row *rows;
        size_t count, capacity;
        size_t by_progress[3]; /* how many rows at each mh_progress */
};

/* What building the list needs while it walks the store. */
/* How many carried answers one establishment has to confirm (mh_store_carried_counts). */
struct carried_count {
        const char *finess;
        size_t count;
};

struct chase_walk {
        mh_chase *chase;
        mh_store *store;
        const mh_referentiel *ref;
        const char *campaign;
        const mh_scope *scope;
        mh_chase_only only;
        mh_last_change *changes; /* the last change of each establishment, by FINESS */
        size_t n_changes, cap_changes;
        struct carried_count *carried; /* the answers each has to confirm, by FINESS */
        size_t n_carried, cap_carried;
        int failed; /* out of memory */
        mh_diagnostics *diags;
};

int mh_chase_only_parse(mh_chase_only *out, const char *text)
{
        static const char *const names[] = {"draft", "incomplete", "submitted"};
        size_t i;

        if (out == NULL || text == NULL)
                return MH_EUSAGE;
        for (i = 0; i < 3; i++)
                if (strcmp(text, names[i]) == 0) {
                        *out = (mh_chase_only)(i + 1);
                        return 0;
                }
        return MH_EUSAGE;
}

const char *mh_progress_label(mh_progress progress)
{
        switch (progress) {
        case MH_PROGRESS_NOT_STARTED:
                return mh__tr("not started");
        case MH_PROGRESS_IN_PROGRESS:
                return mh__tr("in progress");
        case MH_PROGRESS_SUBMITTED:
                return mh__tr("submitted");
        }
        return "";
}

static int keep_change(const mh_last_change *change, void *context)
{
        struct chase_walk *w = context;
        mh_last_change *c;

        if (w->n_changes == w->cap_changes) {
                size_t cap = w->cap_changes ? 2 * w->cap_changes : 64;
                mh_last_change *grown = mh__realloc(w->changes, cap * sizeof(*grown));

                if (grown == NULL)
                        return MH_ENOMEM;
                w->changes = grown;
                w->cap_changes = cap;
        }
        c = &w->changes[w->n_changes];
        c->finess = keep(w->chase->arena, change->finess, &w->failed);
        c->when = keep(w->chase->arena, change->when, &w->failed);
        c->who = keep(w->chase->arena, change->who, &w->failed);
        if (w->failed)
                return MH_ENOMEM;
        w->n_changes++;
        return 0;
}

static int keep_carried(const char *finess, size_t count, void *context)
{
        struct chase_walk *w = context;
        struct carried_count *c;

        if (w->n_carried == w->cap_carried) {
                size_t cap = w->cap_carried ? 2 * w->cap_carried : 64;
                struct carried_count *grown = mh__realloc(w->carried, cap * sizeof(*grown));

                if (grown == NULL)
                        return MH_ENOMEM;
                w->carried = grown;
                w->cap_carried = cap;
        }
        c = &w->carried[w->n_carried];
        if ((c->finess = keep(w->chase->arena, finess, &w->failed)) == NULL)
                return MH_ENOMEM;
        c->count = count;
        w->n_carried++;
        return 0;
}

static int compare_carried(const void *a, const void *b)
{
        return strcmp(((const struct carried_count *)a)->finess,
                      ((const struct carried_count *)b)->finess);
}

static int compare_change(const void *key, const void *item)
{
        return strcmp(key, ((const mh_last_change *)item)->finess);
}

/* Stops mh_store_answer_versions() at the first answer saved once. */
static int saved_once(const char *indicator, long long version, void *context)
{
        (void)indicator;
        (void)version;
        (void)context;
        return 1;
}

int mh_chase_progress(mh_progress *out, mh_store *store, const mh_establishment *est,
                      mh_diagnostics *diags)
{
        int rc;

        if (out == NULL || store == NULL || est == NULL)
                return MH_EUSAGE;
        if (mh_establishment_submission(est) == MH_SUBMISSION_SUBMITTED) {
                *out = MH_PROGRESS_SUBMITTED;
                return 0;
        }
        rc = mh_store_answer_versions(store, mh_establishment_campaign(est),
                                      mh_establishment_finess(est), saved_once, NULL, diags);
        if (rc < 0)
                return rc;
        *out = rc == 1 ? MH_PROGRESS_IN_PROGRESS : MH_PROGRESS_NOT_STARTED;
        return 0;
}

static int keep_row(const mh_establishment *est, void *context)
{
        struct chase_walk *w = context;
        mh_chase *chase = w->chase;
        const mh_last_change *last;
        mh_result *result = NULL;
        mh_chase_row row;
        int rc;

        if (!in_scope(est, w->scope))
                return 0;
        if (mh_evaluate(&result, w->ref, est) < 0)
                return MH_ENOMEM;
        memset(&row, 0, sizeof(row));
        row.submission = mh_establishment_submission(est);
        row.completeness = mh_result_completeness(result);
        row.answered = mh_result_answered_count(result);
        row.applicable = mh_result_applicable_count(result);
        mh_result_free(result);
        if ((w->only == MH_CHASE_DRAFT && row.submission != MH_SUBMISSION_DRAFT) ||
            (w->only == MH_CHASE_SUBMITTED && row.submission != MH_SUBMISSION_SUBMITTED) ||
            (w->only == MH_CHASE_INCOMPLETE && !(row.completeness < 1)))
                return 0;
        if ((rc = mh_chase_progress(&row.progress, w->store, est, w->diags)) < 0)
                return rc;
        /* none yet in a campaign just started: bsearch wants an array */
        last = w->n_changes == 0 ? NULL
                                 : bsearch(mh_establishment_finess(est), w->changes, w->n_changes,
                                           sizeof(*w->changes), compare_change);
        row.finess = keep(chase->arena, mh_establishment_finess(est), &w->failed);
        row.name = keep(chase->arena, mh_establishment_name(est), &w->failed);
        row.region = keep(chase->arena, mh_establishment_region(est), &w->failed);
        row.category = keep(chase->arena, mh_establishment_category(est), &w->failed);
        row.last_change = last != NULL ? last->when : NULL;
        row.last_change_by = last != NULL ? last->who : NULL;
        if (w->n_carried > 0) {
                struct carried_count key = {mh_establishment_finess(est), 0}, *found;

                found =
                    bsearch(&key, w->carried, w->n_carried, sizeof(*w->carried), compare_carried);
                row.to_confirm = found != NULL ? found->count : 0;
        }
        if (mh_establishment_contact_name(est) != NULL)
                row.contact_name =
                    keep(chase->arena, mh_establishment_contact_name(est), &w->failed);
        if (mh_establishment_contact_email(est) != NULL)
                row.contact_email =
                    keep(chase->arena, mh_establishment_contact_email(est), &w->failed);
        if (w->failed)
                return MH_ENOMEM;
        if (chase->count == chase->capacity) {
                size_t cap = chase->capacity ? 2 * chase->capacity : 64;
                mh_chase_row *grown = mh__realloc(chase->rows, cap * sizeof(*grown));

                if (grown == NULL)
                        return MH_ENOMEM;
                chase->rows = grown;
                chase->capacity = cap;
        }
        chase->rows[chase->count++] = row;
        chase->by_progress[row.progress]++;
        return 0;
}

/* The chase order: not started, in progress, submitted; completeness ascending; FINESS. */
static int compare_rows(const void *a, const void *b)
{
        const mh_chase_row *x = a, *y = b;

        if (x->progress != y->progress)
                return x->progress < y->progress ? -1 : 1;
        if (x->completeness != y->completeness)
                return x->completeness < y->completeness ? -1 : 1;
        return strcmp(x->finess, y->finess);
}

int mh_chase_new(mh_chase **out, mh_store *store, const char *campaign, const mh_scope *scope,
                 mh_chase_only only, mh_diagnostics *diags)
{
        struct chase_walk w;
        mh_referentiel *ref = NULL;
        mh_chase *chase = NULL;
        int rc;

        if (out == NULL || store == NULL || campaign == NULL)
                return MH_EUSAGE;
        memset(&w, 0, sizeof(w));
        if ((rc = mh_store_campaign_referentiel(&ref, store, campaign, diags)) < 0)
                goto out;
        rc = MH_ENOMEM;
        if ((chase = mh__malloc(sizeof(*chase))) == NULL)
                goto out;
        memset(chase, 0, sizeof(*chase));
        if (mh__arena_new(&chase->arena) < 0)
                goto out;
        w.chase = chase;
        w.store = store;
        w.ref = ref;
        w.campaign = campaign;
        w.scope = scope;
        w.only = only;
        w.diags = diags;
        if ((rc = mh_store_last_changes(store, campaign, keep_change, &w, diags)) < 0)
                goto out;
        if ((rc = mh_store_carried_counts(store, campaign, keep_carried, &w, diags)) < 0)
                goto out;
        if (w.n_carried > 1)
                qsort(w.carried, w.n_carried, sizeof(*w.carried), compare_carried);
        if ((rc = mh_store_each(store, ref, campaign, keep_row, &w, diags)) < 0)
                goto out;
        if (chase->count > 1)
                qsort(chase->rows, chase->count, sizeof(*chase->rows), compare_rows);
        *out = chase;
        chase = NULL;
        rc = 0;
out:
        if (rc == MH_ENOMEM)
                mh__diag_nomem(diags);
        mh__free(w.changes);
        mh__free(w.carried);
        mh_chase_free(chase);
        mh_referentiel_free(ref);
        return rc;
}

void mh_chase_free(mh_chase *chase)
{
        if (chase == NULL)
                return;
        mh__arena_free(chase->arena);
        mh__free(chase->rows);
        mh__free(chase);
}

size_t mh_chase_count(const mh_chase *chase)
{
        return chase->count;
}

const mh_chase_row *mh_chase_row_at(const mh_chase *chase, size_t i)
{
        return i < chase->count ? &chase->rows[i] : NULL;
}

size_t mh_chase_count_progress(const mh_chase *chase, mh_progress progress)
{
        return (unsigned)progress < 3 ? chase->by_progress[progress] : 0;
}

int mh_chase_each(mh_store *store, const char *campaign, const mh_scope *scope, mh_chase_only only,
                  int (*fn)(const mh_chase_row *row, void *context), void *context,
                  mh_diagnostics *diags)
{
        mh_chase *chase = NULL;
        size_t i;
        int rc;

        if (fn == NULL)
                return MH_EUSAGE;
        if ((rc = mh_chase_new(&chase, store, campaign, scope, only, diags)) < 0)
                return rc;
        for (i = 0; rc == 0 && i < chase->count; i++)
                rc = fn(&chase->rows[i], context);
        mh_chase_free(chase);
        return rc;
}

/* A time of the store for people: "30/06/2025 14:05" (French) or "2025-06-30 14:05". */
static const char *people_time(char *buf, size_t size, const char *when)
{
        char date[11], shown[32];

        if (when == NULL)
                return "";
        mh__snprintf_text(date, sizeof(date), "%s", when);
        mh_date_for_people(shown, sizeof(shown), date);
        if (strlen(when) >= 16 && when[10] == 'T')
                mh__snprintf_text(buf, size, "%s %.5s", shown, when + 11);
        else
                mh__snprintf_text(buf, size, "%s", shown);
        return buf;
}

#define CHASE_NAME_WIDTH     30
#define CHASE_CATEGORY_WIDTH 22

int mh_chase_write_table(const mh_chase *chase, FILE *stream, mh_diagnostics *diags)
{
        int state_width = column_width(mh__tr("state"), 11);
        int complete_width = column_width(mh__tr("complete"), 8);
        int answered_width = column_width(mh__tr("answered"), 7);
        int confirm_width = column_width(mh__tr("to confirm"), 4), any_carried = 0;
        char total[32], counts[3][32], when[48], answered[48];
        size_t i;

        if (chase == NULL || stream == NULL)
                return MH_EUSAGE;
        for (i = 0; i < 3; i++) {
                int width = mh__text_width(mh_progress_label((mh_progress)i), MH_TEXT_LINE);

                if (width > state_width)
                        state_width = width;
        }
        mh__fput_column(stream, mh__tr("finess"), 10);
        mh__fput_column(stream, mh__tr("name"), CHASE_NAME_WIDTH);
        fputc(' ', stream);
        mh__fput_column(stream, mh__tr("region"), 7);
        mh__fput_column(stream, mh__tr("category"), CHASE_CATEGORY_WIDTH);
        fputc(' ', stream);
        mh__fput_column(stream, mh__tr("state"), state_width);
        mh__fput_rcolumn(stream, mh__tr("complete"), complete_width);
        fputs("  ", stream);
        mh__fput_rcolumn(stream, mh__tr("answered"), answered_width);
        fputs("  ", stream);
        for (i = 0; i < chase->count; i++)
                any_carried |= chase->rows[i].to_confirm > 0;
        if (any_carried) { /* only after campaign --from: the answers carried over */
                mh__fput_rcolumn(stream, mh__tr("to confirm"), confirm_width);
                fputs("  ", stream);
        }
        mh__fput_text(stream, mh__tr("last change (UTC)"), MH_TEXT_LINE);
        fputc('\n', stream);
        for (i = 0; i < chase->count; i++) {
                const mh_chase_row *row = &chase->rows[i];
                const char *label = mh_category_label(row->category);

                mh__fput_column(stream, row->finess, 10);
                mh__fput_column(stream, row->name, CHASE_NAME_WIDTH);
                fputc(' ', stream);
                mh__fput_column(stream, row->region, 7);
                mh__fput_column(stream, label != NULL ? label : row->category,
                                CHASE_CATEGORY_WIDTH);
                fputc(' ', stream);
                mh__fput_column(stream, mh_progress_label(row->progress), state_width);
                table_number(stream, 100 * row->completeness, complete_width, 0, 1);
                fputs("  ", stream);
                mh__snprintf_c(answered, sizeof(answered), "%zu/%zu", row->answered,
                               row->applicable);
                mh__fput_rcolumn(stream, answered, answered_width);
                if (any_carried) {
                        fputs("  ", stream);
                        mh__snprintf_c(answered, sizeof(answered), "%zu", row->to_confirm);
                        mh__fput_rcolumn(stream, row->to_confirm > 0 ? answered : "",
                                         confirm_width);
                }
                if (row->last_change != NULL) {
                        fputs("  ", stream);
                        mh__fput_text(stream, people_time(when, sizeof(when), row->last_change),
                                      MH_TEXT_LINE);
                }
                fputc('\n', stream);
        }
        people_count(total, sizeof(total), chase->count);
        for (i = 0; i < 3; i++)
                people_count(counts[i], sizeof(counts[i]), chase->by_progress[i]);
        /* TRANSLATORS: "312 establishments: 40 not started, 180 in progress, 92 submitted" */
        fprintf(stream, mh__ntr("%s establishment: ", "%s establishments: ", chase->count), total);
        fprintf(stream, mh__ntr("%s not started", "%s not started", chase->by_progress[0]),
                counts[0]);
        fputs(", ", stream);
        fprintf(stream, mh__ntr("%s in progress", "%s in progress", chase->by_progress[1]),
                counts[1]);
        fputs(", ", stream);
        fprintf(stream, mh__ntr("%s submitted", "%s submitted", chase->by_progress[2]), counts[2]);
        fputc('\n', stream);
        return ferror(stream) ? mh__diag_write_failed(diags) : 0;
}

/* ---- The comparison ----------------------------------------------------- */

struct mh_comparison {
        mh__arena *arena; /* the rows' strings and domain deltas */
        mh_referentiel *before_ref, *after_ref;
        char before[MH_CAMPAIGN_ID_MAX + 1], after[MH_CAMPAIGN_ID_MAX + 1];
        mh_compare_row *rows;
        size_t count, capacity;
        int detail;                     /* a FINESS was given: its criteria */
        mh_compare_criterion *criteria; /* with a FINESS: the later référentiel's criteria */
        size_t n_criteria;
};

struct compare_walk {
        mh_comparison *cmp;
        mh_store *store;
        const mh_scope *scope;
        int failed;
        mh_diagnostics *diags;
};

/* The criteria of the later référentiel for one establishment, before and after. */
static int keep_criteria(mh_comparison *cmp, const mh_result *before, const mh_result *after)
{
        const mh_referentiel *ref = cmp->after_ref;
        size_t d, c, n = 0;

        for (d = 0; d < ref->n_domains; d++)
                n += ref->domains[d].n_criteria;
        cmp->criteria = mh__malloc((n ? n : 1) * sizeof(*cmp->criteria));
        if (cmp->criteria == NULL)
                return MH_ENOMEM;
        for (d = 0; d < ref->n_domains; d++) {
                const mh_domain *domain = &ref->domains[d];

                for (c = 0; c < domain->n_criteria; c++) {
                        const mh_criterion *crit = &domain->criteria[c];
                        const mh_criterion *old =
                            mh_referentiel_find_criterion(cmp->before_ref, crit->id);
                        mh_compare_criterion *row = &cmp->criteria[cmp->n_criteria++];

                        row->domain = domain;
                        row->criterion = crit;
                        row->in_before = old != NULL;
                        row->status_before = old != NULL ? mh_result_criterion_status(before, old)
                                                         : MH_STATUS_NOT_APPLICABLE;
                        row->score_before =
                            old != NULL ? mh_result_criterion_score(before, old) : (double)NAN;
                        row->status_after = mh_result_criterion_status(after, crit);
                        row->score_after = mh_result_criterion_score(after, crit);
                }
        }
        return 0;
}

/* One establishment of the later campaign: its row when the earlier one holds it. */
static int compare_one(struct compare_walk *w, const mh_establishment *est, int with_criteria)
{
        mh_comparison *cmp = w->cmp;
        const mh_referentiel *ref = cmp->after_ref;
        mh_establishment *old = NULL;
        mh_result *before = NULL, *after = NULL;
        mh_compare_row row;
        double *deltas = NULL;
        size_t d;
        int rc;

        rc = mh_store_load(&old, w->store, cmp->before_ref, cmp->before,
                           mh_establishment_finess(est), with_criteria ? w->diags : NULL);
        if (rc == MH_ENOTFOUND && !with_criteria)
                return 0;
        if (rc < 0)
                return rc;
        rc = MH_ENOMEM;
        if (mh_evaluate(&before, cmp->before_ref, old) < 0 || mh_evaluate(&after, ref, est) < 0)
                goto out;
        memset(&row, 0, sizeof(row));
        row.finess = keep(cmp->arena, mh_establishment_finess(est), &w->failed);
        row.name = keep(cmp->arena, mh_establishment_name(est), &w->failed);
        row.region = keep(cmp->arena, mh_establishment_region(est), &w->failed);
        row.category = keep(cmp->arena, mh_establishment_category(est), &w->failed);
        deltas =
            mh__arena_alloc(cmp->arena, (ref->n_domains ? ref->n_domains : 1) * sizeof(*deltas));
        if (w->failed || deltas == NULL)
                goto out;
        row.global_before = mh_round1(mh_result_global(before));
        row.global_after = mh_round1(mh_result_global(after));
        row.delta = mh_round1_delta(mh_result_global(before), mh_result_global(after));
        row.level_before = mh_result_level(before);
        row.level_after = mh_result_level(after);
        for (d = 0; d < ref->n_domains; d++) {
                const mh_domain *domain = &ref->domains[d];
                const mh_domain *was = mh_referentiel_find_domain(cmp->before_ref, domain->id);

                deltas[d] = was == NULL ? (double)NAN
                                        : mh_round1_delta(mh_result_domain_score(before, was),
                                                          mh_result_domain_score(after, domain));
        }
        row.domain_delta = deltas;
        if (with_criteria && keep_criteria(cmp, before, after) < 0)
                goto out;
        if (cmp->count == cmp->capacity) {
                size_t cap = cmp->capacity ? 2 * cmp->capacity : 64;
                mh_compare_row *grown = mh__realloc(cmp->rows, cap * sizeof(*grown));

                if (grown == NULL)
                        goto out;
                cmp->rows = grown;
                cmp->capacity = cap;
        }
        cmp->rows[cmp->count++] = row;
        rc = 0;
out:
        mh_result_free(before);
        mh_result_free(after);
        mh_establishment_free(old);
        return rc;
}

static int compare_each(const mh_establishment *est, void *context)
{
        struct compare_walk *w = context;

        return in_scope(est, w->scope) ? compare_one(w, est, 0) : 0;
}

int mh_comparison_new(mh_comparison **out, mh_store *store, const char *campaign, const char *with,
                      const mh_scope *scope, const char *finess, mh_diagnostics *diags)
{
        struct compare_walk w;
        mh_referentiel *ref_campaign = NULL, *ref_with = NULL;
        mh_establishment *est = NULL;
        mh_comparison *cmp = NULL;
        char date_campaign[11], date_with[11];
        int rc, with_first;

        if (out == NULL || store == NULL || campaign == NULL || with == NULL)
                return MH_EUSAGE;
        if ((rc = mh_store_campaign_referentiel(&ref_campaign, store, campaign, diags)) < 0 ||
            (rc = mh_store_campaign_referentiel(&ref_with, store, with, diags)) < 0 ||
            (rc = mh_store_campaign_date(date_campaign, store, campaign, diags)) < 0 ||
            (rc = mh_store_campaign_date(date_with, store, with, diags)) < 0)
                goto out;
        if (strcmp(mh_referentiel_id(ref_campaign), mh_referentiel_id(ref_with)) != 0) {
                mh__diag_add(diags, "", 0, 0,
                             N_("campaigns %s and %s use different référentiels (%s, %s): only "
                                "campaigns of one référentiel can be compared"),
                             with, campaign, mh_referentiel_id(ref_with),
                             mh_referentiel_id(ref_campaign));
                rc = MH_EINVALID;
                goto out;
        }
        rc = MH_ENOMEM;
        if ((cmp = mh__malloc(sizeof(*cmp))) == NULL)
                goto out;
        memset(cmp, 0, sizeof(*cmp));
        if (mh__arena_new(&cmp->arena) < 0)
                goto out;
        /* the earlier reference date is "before"; on the same date, `with` */
        with_first = strcmp(date_with, date_campaign) <= 0;
        cmp->before_ref = with_first ? ref_with : ref_campaign;
        cmp->after_ref = with_first ? ref_campaign : ref_with;
        ref_with = ref_campaign = NULL;
        mh__snprintf_text(cmp->before, sizeof(cmp->before), "%s", with_first ? with : campaign);
        mh__snprintf_text(cmp->after, sizeof(cmp->after), "%s", with_first ? campaign : with);
        memset(&w, 0, sizeof(w));
        w.cmp = cmp;
        w.store = store;
        w.scope = scope;
        w.diags = diags;
        cmp->detail = finess != NULL;
        if (finess != NULL) {
                if ((rc = mh_store_load(&est, store, cmp->after_ref, cmp->after, finess, diags)) <
                    0)
                        goto out;
                rc = in_scope(est, scope) ? compare_one(&w, est, 1) : 0;
        } else {
                rc = mh_store_each(store, cmp->after_ref, cmp->after, compare_each, &w, diags);
        }
        if (rc < 0)
                goto out;
        *out = cmp;
        cmp = NULL;
        rc = 0;
out:
        if (rc == MH_ENOMEM)
                mh__diag_nomem(diags);
        mh_establishment_free(est);
        mh_comparison_free(cmp);
        mh_referentiel_free(ref_campaign);
        mh_referentiel_free(ref_with);
        return rc;
}

void mh_comparison_free(mh_comparison *cmp)
{
        if (cmp == NULL)
                return;
        mh__arena_free(cmp->arena);
        mh_referentiel_free(cmp->before_ref);
        mh_referentiel_free(cmp->after_ref);
        mh__free(cmp->rows);
        mh__free(cmp->criteria);
        mh__free(cmp);
}

const char *mh_comparison_before(const mh_comparison *cmp)
{
        return cmp->before;
}

const char *mh_comparison_after(const mh_comparison *cmp)
{
        return cmp->after;
}

const mh_referentiel *mh_comparison_referentiel(const mh_comparison *cmp)
{
        return cmp->after_ref;
}

size_t mh_comparison_count(const mh_comparison *cmp)
{
        return cmp->count;
}

const mh_compare_row *mh_comparison_row_at(const mh_comparison *cmp, size_t i)
{
        return i < cmp->count ? &cmp->rows[i] : NULL;
}

size_t mh_comparison_criteria(const mh_comparison *cmp, const mh_compare_criterion **out)
{
        if (out != NULL)
                *out = cmp->criteria;
        return cmp->n_criteria;
}

#define COMPARE_NAME_WIDTH 30

int mh_comparison_write_table(const mh_comparison *cmp, FILE *stream, mh_diagnostics *diags)
{
        const mh_referentiel *ref;
        const char *lang = mh_language();
        int before_width, after_width;
        size_t i;

        if (cmp == NULL || stream == NULL)
                return MH_EUSAGE;
        ref = cmp->after_ref;
        before_width = column_width(cmp->before, 6);
        after_width = column_width(cmp->after, 6);
        mh__fput_column(stream, mh__tr("finess"), 10);
        mh__fput_column(stream, mh__tr("name"), COMPARE_NAME_WIDTH);
        fputc(' ', stream);
        mh__fput_rcolumn(stream, cmp->before, before_width);
        fputs("  ", stream);
        mh__fput_rcolumn(stream, cmp->after, after_width);
        fputs("  ", stream);
        mh__fput_rcolumn(stream, mh__tr("delta"), 6);
        fputs("  ", stream);
        mh__fput_text(stream, mh__tr("level"), MH_TEXT_LINE);
        fputc('\n', stream);
        for (i = 0; i < cmp->count; i++) {
                const mh_compare_row *row = &cmp->rows[i];

                mh__fput_column(stream, row->finess, 10);
                mh__fput_column(stream, row->name, COMPARE_NAME_WIDTH);
                fputc(' ', stream);
                table_number(stream, row->global_before, before_width, 0, 0);
                fputs("  ", stream);
                table_number(stream, row->global_after, after_width, 0, 0);
                fputs("  ", stream);
                table_number(stream, row->delta, 6, 1, 0);
                mh__fprintf_c(stream, "  %u → %u\n", row->level_before, row->level_after);
        }
        if (cmp->criteria != NULL && cmp->count == 1) {
                const mh_compare_row *row = &cmp->rows[0];
                const mh_domain *domain = NULL;
                size_t d = 0;

                for (i = 0; i < cmp->n_criteria; i++) {
                        const mh_compare_criterion *c = &cmp->criteria[i];

                        if (c->domain != domain) {
                                domain = c->domain;
                                for (d = 0; d < ref->n_domains && &ref->domains[d] != domain; d++)
                                        ;
                                fputs("    ", stream);
                                mh__fput_column(stream, domain->id, 12);
                                mh__fput_column(stream, mh__text_get(&domain->title, lang), 48);
                                table_number(stream, row->domain_delta[d], 7, 1, 0);
                                fputc('\n', stream);
                        }
                        fputs("      ", stream);
                        mh__fput_column(stream, c->criterion->id, 10);
                        mh__fput_column(stream, mh__text_get(&c->criterion->title, lang), 40);
                        fputc(' ', stream);
                        mh__fput_column(stream,
                                        c->in_before ? mh_status_label(c->status_before) : "—", 15);
                        mh__fput_column(stream, "→ ", 2);
                        mh__fput_column(stream, mh_status_label(c->status_after), 15);
                        table_number(stream, 100 * c->score_before, 7, 0, 1);
                        table_number(stream, 100 * c->score_after, 8, 0, 1);
                        fputc('\n', stream);
                }
        }
        return ferror(stream) ? mh__diag_write_failed(diags) : 0;
}

/* ---- Sheets (CSV, XLSX) ------------------------------------------------- */

/* A column of a sheet: its id, its French label, its type and decimals. */
struct sheet_column {
        const char *id;
        const char *label;
        mh_cell_type type;
        unsigned decimals;
};

static int declare(mh_sheet *sheet, const struct sheet_column *columns, size_t n)
{
        size_t i;
        int rc = 0;

        for (i = 0; rc == 0 && i < n; i++)
                rc = mh_sheet_column(sheet, columns[i].id, columns[i].label, columns[i].type,
                                     columns[i].decimals);
        return rc;
}

/* What a sheet function returns: MH_EIO and MH_ENOMEM said in `diags`. */
static int sheet_result(int rc, mh_diagnostics *diags)
{
        return rc == MH_EIO || rc == MH_ENOMEM ? mh__diag_writer(rc, diags) : rc;
}

int mh_chase_write_sheet(const mh_chase *chase, mh_sheet *sheet, mh_diagnostics *diags)
{
        static const struct sheet_column columns[] = {
            {"finess", "FINESS", MH_CELL_TEXT, 0},
            {"name", "Raison sociale", MH_CELL_TEXT, 0},
            {"region", "Région", MH_CELL_TEXT, 0},
            {"category", "Catégorie", MH_CELL_TEXT, 0},
            {"status", "Statut", MH_CELL_TEXT, 0},
            {"completeness", "Complétude", MH_CELL_NUMBER, 6},
            {"answered", "Indicateurs renseignés", MH_CELL_INTEGER, 0},
            {"applicable", "Indicateurs applicables", MH_CELL_INTEGER, 0},
            {"last_change", "Dernière modification (UTC)", MH_CELL_DATETIME, 0},
            {"to_confirm", "Réponses reprises à confirmer", MH_CELL_INTEGER, 0},
            {"category_label", "Libellé de la catégorie", MH_CELL_TEXT, 0},
            {"contact_name", "Contact (privé)", MH_CELL_TEXT, 0},
            {"contact_email", "Courriel du contact (privé)", MH_CELL_TEXT, 0},
        };
        size_t i;
        int rc;

        if (chase == NULL || sheet == NULL)
                return MH_EUSAGE;
        rc = declare(sheet, columns, sizeof(columns) / sizeof(columns[0]));
        for (i = 0; rc == 0 && i < chase->count; i++) {
                const mh_chase_row *row = &chase->rows[i];

                if ((rc = mh_sheet_text(sheet, row->finess)) < 0 ||
                    (rc = mh_sheet_text(sheet, row->name)) < 0 ||
                    (rc = mh_sheet_text(sheet, row->region)) < 0 ||
                    (rc = mh_sheet_text(sheet, row->category)) < 0 ||
                    (rc = mh_sheet_text(sheet, mh_submission_name(row->submission))) < 0 ||
                    (rc = mh_sheet_number(sheet, row->completeness)) < 0 ||
                    (rc = mh_sheet_integer(sheet, (long long)row->answered)) < 0 ||
                    (rc = mh_sheet_integer(sheet, (long long)row->applicable)) < 0 ||
                    (rc = mh_sheet_datetime(sheet, row->last_change)) < 0 ||
                    (rc = mh_sheet_integer(sheet, (long long)row->to_confirm)) < 0 ||
                    (rc = mh_sheet_text(sheet, mh_category_label(row->category))) < 0 ||
                    (rc = mh_sheet_text(sheet, row->contact_name)) < 0 ||
                    (rc = mh_sheet_text(sheet, row->contact_email)) < 0)
                        break;
                rc = mh_sheet_end_row(sheet);
        }
        return sheet_result(rc, diags);
}

static int comparison_detail_sheet(const mh_comparison *cmp, mh_sheet *sheet)
{
        static const struct sheet_column columns[] = {
            {"finess", "FINESS", MH_CELL_TEXT, 0},
            {"domain", "Domaine", MH_CELL_TEXT, 0},
            {"criterion", "Critère", MH_CELL_TEXT, 0},
            {"status_before", "Statut avant", MH_CELL_TEXT, 0},
            {"status_after", "Statut après", MH_CELL_TEXT, 0},
            {"score_before", "Score avant", MH_CELL_NUMBER, 6},
            {"score_after", "Score après", MH_CELL_NUMBER, 6},
        };
        size_t i;
        int rc = declare(sheet, columns, sizeof(columns) / sizeof(columns[0]));

        for (i = 0; rc == 0 && cmp->count == 1 && i < cmp->n_criteria; i++) {
                const mh_compare_criterion *c = &cmp->criteria[i];

                if ((rc = mh_sheet_text(sheet, cmp->rows[0].finess)) < 0 ||
                    (rc = mh_sheet_text(sheet, c->domain->id)) < 0 ||
                    (rc = mh_sheet_text(sheet, c->criterion->id)) < 0 ||
                    (rc = mh_sheet_text(sheet, c->in_before ? mh_status_name(c->status_before)
                                                            : NULL)) < 0 ||
                    (rc = mh_sheet_text(sheet, mh_status_name(c->status_after))) < 0 ||
                    (rc = mh_sheet_number(sheet, c->score_before)) < 0 ||
                    (rc = mh_sheet_number(sheet, c->score_after)) < 0)
                        break;
                rc = mh_sheet_end_row(sheet);
        }
        return rc;
}

int mh_comparison_write_sheet(const mh_comparison *cmp, mh_sheet *sheet, mh_diagnostics *diags)
{
        static const struct sheet_column columns[] = {
            {"finess", "FINESS", MH_CELL_TEXT, 0},
            {"name", "Raison sociale", MH_CELL_TEXT, 0},
            {"region", "Région", MH_CELL_TEXT, 0},
            {"category", "Catégorie", MH_CELL_TEXT, 0},
            {"global_before", "Score global avant", MH_CELL_NUMBER, 1},
            {"global_after", "Score global après", MH_CELL_NUMBER, 1},
            {"delta", "Évolution du score global", MH_CELL_SIGNED, 1},
            {"level_before", "Niveau avant", MH_CELL_INTEGER, 0},
            {"level_after", "Niveau après", MH_CELL_INTEGER, 0},
        };
        const mh_referentiel *ref;
        char id[160], label[320];
        size_t i, d;
        int rc;

        if (cmp == NULL || sheet == NULL)
                return MH_EUSAGE;
        if (cmp->detail)
                return sheet_result(comparison_detail_sheet(cmp, sheet), diags);
        ref = cmp->after_ref;
        rc = declare(sheet, columns, sizeof(columns) / sizeof(columns[0]));
        for (d = 0; rc == 0 && d < ref->n_domains; d++) {
                mh__snprintf_text(id, sizeof(id), "delta:%s", ref->domains[d].id);
                mh__snprintf_text(label, sizeof(label), "Évolution : %s",
                                  mh__text_get(&ref->domains[d].title, "fr"));
                rc = mh_sheet_column(sheet, id, label, MH_CELL_SIGNED, 1);
        }
        for (i = 0; rc == 0 && i < cmp->count; i++) {
                const mh_compare_row *row = &cmp->rows[i];

                if ((rc = mh_sheet_text(sheet, row->finess)) < 0 ||
                    (rc = mh_sheet_text(sheet, row->name)) < 0 ||
                    (rc = mh_sheet_text(sheet, row->region)) < 0 ||
                    (rc = mh_sheet_text(sheet, row->category)) < 0 ||
                    (rc = mh_sheet_number(sheet, row->global_before)) < 0 ||
                    (rc = mh_sheet_number(sheet, row->global_after)) < 0 ||
                    (rc = mh_sheet_number(sheet, row->delta)) < 0 ||
                    (rc = mh_sheet_integer(sheet, (long long)row->level_before)) < 0 ||
                    (rc = mh_sheet_integer(sheet, (long long)row->level_after)) < 0)
                        break;
                for (d = 0; rc == 0 && d < ref->n_domains; d++)
                        rc = mh_sheet_number(sheet, row->domain_delta[d]);
                if (rc == 0)
                        rc = mh_sheet_end_row(sheet);
        }
        return sheet_result(rc, diags);
}
