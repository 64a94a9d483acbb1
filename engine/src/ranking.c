/*
 * ranking.c: the population and the ranking (docs/publication.md),
 * and the CSV of `rank`.  The Observatoire's groups are observatoire.c's.
 *
 * A population holds one small record per establishment: profile, rounded
 * score, level, completeness, mesures prioritaires, domain scores, and the
 * status of each public criterion.  It never holds answers or comments, so
 * nothing published from it can contain them.  Everything is computed in a
 * fixed order (FINESS, region, category codes) so that the same inputs give
 * byte-identical files.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "establishment_internal.h"
#include "util/cnum.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/csv_write.h"
#include "maturinh/categories.h"
#include "maturinh/sheet.h"
#include "maturinh/publication.h"
#include "publish_internal.h"
#include "referentiel_internal.h"

#define EPSILON 1e-9

static const char *copy(mh_population *pop, const char *s)
{
        const char *c;

        if (s == NULL)
                return NULL;
        if ((c = mh__arena_strdup(pop->arena, s)) == NULL)
                pop->nomem = 1;
        return c;
}

int mh_population_new(mh_population **out, const mh_referentiel *ref)
{
        mh__arena *arena;
        mh_population *pop;
        size_t i;

        if (mh__arena_new(&arena) < 0)
                return MH_ENOMEM;
        if ((pop = mh__arena_alloc(arena, sizeof(*pop))) == NULL ||
            (pop->public_criteria = mh__arena_alloc(
                 arena, (ref->n_criteria + 1) * sizeof(*pop->public_criteria))) == NULL) {
                mh__arena_free(arena);
                return MH_ENOMEM;
        }
        pop->arena = arena;
        pop->ref = ref;
        for (i = 0; i < ref->n_criteria; i++)
                if (ref->criteria_by_index[i]->is_public)
                        pop->public_criteria[pop->n_public++] = ref->criteria_by_index[i];
        *out = pop;
        return 0;
}

void mh_population_free(mh_population *pop)
{
        if (pop == NULL)
                return;
        mh__free(pop->by_finess);
        mh__free(pop->members);
        mh__arena_free(pop->arena);
}

static size_t hash_finess(const char *finess)
{
        size_t h = 2166136261u;

        for (; *finess; finess++)
                h = (h ^ (unsigned char)*finess) * 16777619u;
        return h;
}

/* The slot of `finess` in the table: its member, or the empty slot to fill. */
static size_t slot_of(const mh_population *pop, const char *finess)
{
        size_t mask = pop->table_size - 1, i;

        for (i = hash_finess(finess) & mask;
             pop->by_finess[i] != NULL && strcmp(pop->by_finess[i]->finess, finess) != 0;
             i = (i + 1) & mask)
                ;
        return i;
}

int mh_population_has(const mh_population *pop, const char *finess)
{
        return pop->table_size > 0 && pop->by_finess[slot_of(pop, finess)] != NULL;
}

/* Keeps the table at most half full. */
static int index_member(mh_population *pop, const struct mh__member *m)
{
        if ((pop->n + 1) * 2 > pop->table_size) {
                size_t size = pop->table_size ? pop->table_size * 2 : 256, i;
                const struct mh__member **old = pop->by_finess;
                size_t old_size = pop->table_size;

                if ((pop->by_finess = mh__malloc(size * sizeof(*pop->by_finess))) == NULL) {
                        pop->by_finess = old;
                        return MH_ENOMEM;
                }
                memset(pop->by_finess, 0, size * sizeof(*pop->by_finess));
                pop->table_size = size;
                for (i = 0; i < old_size; i++)
                        if (old[i] != NULL)
                                pop->by_finess[slot_of(pop, old[i]->finess)] = old[i];
                mh__free(old);
        }
        pop->by_finess[slot_of(pop, m->finess)] = m;
        return 0;
}

int mh_population_add(mh_population *pop, const mh_establishment *est, const mh_result *result)
{
        const mh_referentiel *ref = pop->ref;
        struct mh__member *m;
        size_t i;

        if (pop->n > 0 && strcmp(pop->members[0]->campaign, est->campaign) != 0)
                return MH_EINVALID;
        if (mh_population_has(pop, est->finess))
                return MH_EINVALID; /* ranked or counted twice otherwise */
        if (pop->n == pop->capacity) {
                size_t capacity = pop->capacity ? 2 * pop->capacity : 64;
                struct mh__member **members =
                    mh__realloc(pop->members, capacity * sizeof(*members));

                if (members == NULL)
                        return MH_ENOMEM;
                pop->members = members;
                pop->capacity = capacity;
        }
        if ((m = mh__arena_alloc(pop->arena, sizeof(*m))) == NULL ||
            (m->domains = mh__arena_alloc(pop->arena, (ref->n_domains + 1) * sizeof(double))) ==
                NULL ||
            (m->public_status = mh__arena_alloc(pop->arena, pop->n_public + 1)) == NULL)
                return MH_ENOMEM;
        m->finess = copy(pop, est->finess);
        m->name = copy(pop, est->name);
        m->region = copy(pop, est->region);
        m->category = copy(pop, est->category);
        m->ght = copy(pop, est->ght);
        m->campaign = copy(pop, est->campaign);
        if (pop->nomem)
                return MH_ENOMEM;
        m->submitted = est->submission == MH_SUBMISSION_SUBMITTED;
        m->has_global = mh_result_has_global(result);
        m->global = mh_result_global(result);
        m->rounded = mh_round1(m->global);
        m->tenths = m->has_global ? (int)floor(m->global * 10 + 0.5) : 0;
        m->level = mh_result_level(result);
        m->completeness = mh_result_completeness(result);
        m->priority_achieved = mh_result_priority_achieved(result);
        m->priority_total = mh_result_priority_total(result);
        for (i = 0; i < ref->n_domains; i++)
                m->domains[i] = mh_result_domain_score(result, &ref->domains[i]);
        for (i = 0; i < pop->n_public; i++) {
                mh_status status = mh_result_criterion_status(result, pop->public_criteria[i]);

                m->public_status[i] = status == MH_STATUS_NOT_APPLICABLE ? 0
                                      : status == MH_STATUS_ACHIEVED     ? 2
                                                                         : 1;
        }
        /* publication.md: eligible */
        m->eligible =
            m->submitted && m->has_global && m->completeness >= ref->min_completeness - EPSILON;
        /* publication.md: praised */
        m->praised = m->eligible && m->rounded >= ref->praise_min_score - EPSILON &&
                     m->level >= ref->praise_min_level &&
                     (!ref->praise_requires_priority || m->priority_achieved == m->priority_total);
        if (index_member(pop, m) < 0)
                return MH_ENOMEM;
        pop->members[pop->n++] = m;
        return 0;
}

size_t mh_population_count(const mh_population *pop)
{
        return pop->n;
}

const char *mh_population_campaign(const mh_population *pop)
{
        return pop->n > 0 ? pop->members[0]->campaign : NULL;
}

/* ---- Scopes ------------------------------------------------------------- */

int mh_scope_parse(mh_scope *out, const char *text)
{
        static const struct {
                const char *prefix;
                mh_scope_kind kind;
        } kinds[] = {
            {"region:", MH_SCOPE_REGION}, {"category:", MH_SCOPE_CATEGORY}, {"ght:", MH_SCOPE_GHT}};
        mh_scope scope;
        size_t i;

        if (out == NULL || text == NULL)
                return MH_EUSAGE;
        memset(&scope, 0, sizeof(scope));
        if (strcmp(text, "national") == 0) {
                *out = scope;
                return 0;
        }
        for (i = 0; i < 3; i++) {
                size_t n = strlen(kinds[i].prefix);
                const char *value = text + n;

                if (strncmp(text, kinds[i].prefix, n) != 0 || value[0] == '\0' ||
                    strlen(value) >= sizeof(scope.value))
                        continue;
                /* a region or a category no establishment can have is a mistake */
                if ((kinds[i].kind == MH_SCOPE_REGION && !mh_region_valid(value)) ||
                    (kinds[i].kind == MH_SCOPE_CATEGORY && !mh__category_valid(value)))
                        return MH_EUSAGE;
                scope.kind = kinds[i].kind;
                strcpy(scope.value, value);
                *out = scope;
                return 0;
        }
        return MH_EUSAGE;
}

int mh__member_in_scope(const struct mh__member *m, const mh_scope *scope)
{
        switch (scope->kind) {
        case MH_SCOPE_NATIONAL:
                return 1;
        case MH_SCOPE_REGION:
                return strcmp(m->region, scope->value) == 0;
        case MH_SCOPE_CATEGORY:
                return strcmp(m->category, scope->value) == 0;
        case MH_SCOPE_GHT:
                return m->ght != NULL && strcmp(m->ght, scope->value) == 0;
        }
        return 0;
}

/* What a scope compares: a region, a category, a GHT (NULL: none). */
static int in_scope(const mh_scope *scope, const char *region, const char *category,
                    const char *ght)
{
        switch (scope->kind) {
        case MH_SCOPE_NATIONAL:
                return 1;
        case MH_SCOPE_REGION:
                return region != NULL && strcmp(region, scope->value) == 0;
        case MH_SCOPE_CATEGORY:
                return category != NULL && strcmp(category, scope->value) == 0;
        case MH_SCOPE_GHT:
                return ght != NULL && strcmp(ght, scope->value) == 0;
        }
        return 0;
}

int mh_scope_contains(const mh_scope *scope, const mh_establishment *est)
{
        if (scope == NULL || est == NULL)
                return 0;
        return in_scope(scope, mh_establishment_region(est), mh_establishment_category(est),
                        mh_establishment_ght(est));
}

/* ---- Ranking ------------------------------------------------------------ */

struct mh_ranking {
        mh_rank_entry *entries;
        size_t count;
};

/* publication.md: round1(G) descending, then FINESS ascending. */
static int compare_ranked(const void *a, const void *b)
{
        const struct mh__member *x = *(const struct mh__member *const *)a;
        const struct mh__member *y = *(const struct mh__member *const *)b;

        if (x->rounded != y->rounded)
                return x->rounded > y->rounded ? -1 : 1;
        return strcmp(x->finess, y->finess);
}

static int compare_finess(const void *a, const void *b)
{
        const struct mh__member *x = *(const struct mh__member *const *)a;
        const struct mh__member *y = *(const struct mh__member *const *)b;

        return strcmp(x->finess, y->finess);
}

int mh__eligible_sorted(const mh_population *pop, const mh_scope *scope, struct mh__member ***out,
                        size_t *count)
{
        struct mh__member **list = mh__malloc((pop->n + 1) * sizeof(*list));
        size_t i, n = 0;

        if (list == NULL)
                return MH_ENOMEM;
        for (i = 0; i < pop->n; i++)
                if (pop->members[i]->eligible && mh__member_in_scope(pop->members[i], scope))
                        list[n++] = pop->members[i];
        qsort(list, n, sizeof(*list), compare_ranked);
        *out = list;
        *count = n;
        return 0;
}

int mh_rank(mh_ranking **out, const mh_population *pop, const mh_scope *scope,
            const mh_population *previous)
{
        struct mh__member **list = NULL, **before = NULL;
        const mh_rank_entry *last_praised = NULL;
        mh_ranking *ranking;
        size_t i, n, n_before = 0, praised;
        int rc;

        if ((rc = mh__eligible_sorted(pop, scope, &list, &n)) < 0)
                return rc;
        if ((ranking = mh__malloc(sizeof(*ranking))) == NULL ||
            (ranking->entries = mh__malloc((n + 1) * sizeof(*ranking->entries))) == NULL) {
                mh__free(ranking);
                mh__free(list);
                return MH_ENOMEM;
        }
        if (previous != NULL) {
                if ((before = mh__malloc((previous->n + 1) * sizeof(*before))) == NULL) {
                        mh__free(ranking->entries);
                        mh__free(ranking);
                        mh__free(list);
                        return MH_ENOMEM;
                }
                for (i = 0; i < previous->n; i++)
                        if (previous->members[i]->has_global)
                                before[n_before++] = previous->members[i];
                qsort(before, n_before, sizeof(*before), compare_finess);
        }
        for (i = 0, praised = 0; i < n; i++) {
                mh_rank_entry *e = &ranking->entries[i];
                const struct mh__member *m = list[i];

                /* competition ranking: 1 + those with a strictly greater round1(G) */
                e->rank = i > 0 && list[i - 1]->rounded == m->rounded ? ranking->entries[i - 1].rank
                                                                      : (unsigned)i + 1;
                e->finess = m->finess;
                e->name = m->name;
                e->region = m->region;
                e->category = m->category;
                e->score = m->rounded;
                e->level = m->level;
                e->praised = m->praised;
                /* the rank among the praised: 1 + the praised with a strictly greater score */
                e->praise_rank = 0;
                if (m->praised) {
                        e->praise_rank = praised > 0 && last_praised->score == e->score
                                             ? last_praised->praise_rank
                                             : (unsigned)praised + 1;
                        last_praised = e;
                        praised++;
                }
                e->has_previous = 0;
                if (before != NULL) {
                        struct mh__member **found =
                            bsearch(&m, before, n_before, sizeof(*before), compare_finess);

                        if (found != NULL) {
                                e->has_previous = 1;
                                e->delta = mh_round1(m->rounded - (*found)->rounded + 100) - 100;
                        }
                }
        }
        ranking->count = n;
        mh__free(before);
        mh__free(list);
        *out = ranking;
        return 0;
}

void mh_ranking_free(mh_ranking *ranking)
{
        if (ranking == NULL)
                return;
        mh__free(ranking->entries);
        mh__free(ranking);
}

size_t mh_ranking_count(const mh_ranking *ranking)
{
        return ranking->count;
}

const mh_rank_entry *mh_ranking_entry(const mh_ranking *ranking, size_t i)
{
        return i < ranking->count ? &ranking->entries[i] : NULL;
}

/* The columns `rank` and the palmarès share (cli.md): rank,finess,name,region,category,score,level.
 */
const char *const mh__ranked_columns[] = {"rank",     "finess", "name",  "region",
                                          "category", "score",  "level", NULL};

void mh__write_ranked(mh__csv *csv, const mh_rank_entry *e, unsigned rank)
{
        mh__csv_integer(csv, (long)rank);
        mh__csv_text(csv, e->finess);
        mh__csv_text(csv, e->name);
        mh__csv_text(csv, e->region);
        mh__csv_text(csv, e->category);
        mh__csv_number(csv, e->score, 1);
        mh__csv_integer(csv, (long)e->level);
}

/* The cells of a row of the table, written into `texts` where they are numbers. */
static void rank_cells(const mh_rank_entry *e, const char *cells[9], char texts[4][48])
{
        mh__snprintf_c(texts[0], sizeof(texts[0]), "%u", e->rank);
        mh__format_number(texts[1], sizeof(texts[1]), e->score, 1, MH__FOR_PEOPLE);
        mh__snprintf_c(texts[2], sizeof(texts[2]), "%u", e->level);
        texts[3][0] = '\0';
        if (e->has_previous) {
                mh__format_number(texts[3] + 1, sizeof(texts[3]) - 1, e->delta, 1, MH__FOR_PEOPLE);
                if (texts[3][1] == '-')
                        memmove(texts[3], texts[3] + 1, strlen(texts[3] + 1) + 1);
                else
                        texts[3][0] = '+';
        }
        cells[0] = texts[0];
        cells[1] = e->finess;
        cells[2] = e->name;
        cells[3] = e->region;
        cells[4] = e->category;
        cells[5] = texts[1];
        cells[6] = texts[2];
        cells[7] = e->praised ? mh__tr("yes") : "";
        cells[8] = texts[3];
}

/* Adds `code` to the `n` distinct codes of `codes` (kept in code order). */
static void add_code(const char **codes, size_t *n, size_t max, const char *code)
{
        size_t i, j;

        for (i = 0; i < *n && strcmp(codes[i], code) < 0; i++)
                ;
        if ((i < *n && strcmp(codes[i], code) == 0) || *n == max)
                return;
        for (j = *n; j > i; j--)
                codes[j] = codes[j - 1];
        codes[i] = code;
        (*n)++;
}

/*
 * Under the table, what its codes mean: the label of each category and the
 * name of each region it shows, one a line, for people who do not know the
 * FINESS nomenclature by heart.
 */
static void legend(const mh_ranking *ranking, FILE *stream)
{
        const char *categories[64], *regions[32];
        size_t i, n_categories = 0, n_regions = 0;

        for (i = 0; i < ranking->count; i++) {
                add_code(categories, &n_categories, 64, ranking->entries[i].category);
                add_code(regions, &n_regions, 32, ranking->entries[i].region);
        }
        if (n_categories == 0)
                return;
        fputc('\n', stream);
        mh__fput_text(stream, mh__tr("categories:"), MH_TEXT_LINE);
        fputc('\n', stream);
        for (i = 0; i < n_categories; i++) {
                const char *label = mh_category_label(categories[i]);

                fprintf(stream, "  %s  ", categories[i]);
                mh__fput_text(stream, label != NULL ? label : "", MH_TEXT_LINE);
                fputc('\n', stream);
        }
        mh__fput_text(stream, mh__tr("regions:"), MH_TEXT_LINE);
        fputc('\n', stream);
        for (i = 0; i < n_regions; i++) {
                fprintf(stream, "  %s   ", regions[i]);
                mh__fput_text(stream, mh__region_name(regions[i]), MH_TEXT_LINE);
                fputc('\n', stream);
        }
}

/* A column's width: `width`, or its title's when wider. */
static int at_least(int width, const char *title)
{
        int w = mh__text_width(title, MH_TEXT_LINE);

        return w > width ? w : width;
}

/* The columns of `rank --format csv` (cli.md), then `delta`, and their rows. */
static int ranking_sheet(const mh_ranking *ranking, mh_sheet *sheet)
{
        static const struct {
                const char *id, *label;
                mh_cell_type type;
                unsigned decimals;
        } columns[] = {
            {"rank", "Rang", MH_CELL_INTEGER, 0},
            {"finess", "FINESS géographique (ET)", MH_CELL_TEXT, 0},
            {"name", "Raison sociale", MH_CELL_TEXT, 0},
            {"region", "Région (code INSEE)", MH_CELL_TEXT, 0},
            {"category", "Catégorie FINESS (code)", MH_CELL_TEXT, 0},
            {"score", "Score global arrondi (0 à 100, une décimale)", MH_CELL_NUMBER, 1},
            {"level", "Niveau de maturité", MH_CELL_INTEGER, 0},
            {"praised", "Au rendez-vous (cité au palmarès)", MH_CELL_BOOLEAN, 0},
            {"delta", "Progression depuis la campagne précédente", MH_CELL_SIGNED, 1},
        };
        size_t i;
        int rc;

        for (i = 0; i < sizeof(columns) / sizeof(columns[0]); i++)
                if ((rc = mh_sheet_column(sheet, columns[i].id, columns[i].label, columns[i].type,
                                          columns[i].decimals)) < 0)
                        return rc;
        for (i = 0; i < ranking->count; i++) {
                const mh_rank_entry *e = &ranking->entries[i];

                if ((rc = mh_sheet_integer(sheet, (long long)e->rank)) < 0 ||
                    (rc = mh_sheet_text(sheet, e->finess)) < 0 ||
                    (rc = mh_sheet_text(sheet, e->name)) < 0 ||
                    (rc = mh_sheet_text(sheet, e->region)) < 0 ||
                    (rc = mh_sheet_text(sheet, e->category)) < 0 ||
                    (rc = mh_sheet_number(sheet, e->score)) < 0 ||
                    (rc = mh_sheet_integer(sheet, (long long)e->level)) < 0 ||
                    (rc = mh_sheet_boolean(sheet, e->praised)) < 0 ||
                    (rc = e->has_previous ? mh_sheet_number(sheet, e->delta)
                                          : mh_sheet_empty(sheet)) < 0 ||
                    (rc = mh_sheet_end_row(sheet)) < 0)
                        return rc;
        }
        return 0;
}

static int ranking_write(const mh_ranking *ranking, int csv_format, FILE *stream)
{
        size_t i;

        if (csv_format) {
                mh_sheet *sheet = NULL;
                int rc;

                if ((rc = mh_sheet_open_csv(&sheet, stream)) < 0)
                        return rc;
                if ((rc = ranking_sheet(ranking, sheet)) < 0) {
                        mh_sheet_abandon(sheet);
                        return rc;
                }
                return mh_sheet_close(sheet, NULL) < 0 ? MH_EIO : 0;
        }
        /*
         * for people: the words and numbers of the messages' language ("41,7",
         * "+2,2"), each column at least as wide as its title
         */
        struct column {
                const char *title;
                int width, right;
        } columns[] = {
            {mh__tr("rank"), 5, 1},   {mh__tr("finess"), 9, 0},   {mh__tr("name"), 40, 0},
            {mh__tr("region"), 6, 0}, {mh__tr("category"), 8, 0}, {mh__tr("score"), 6, 1},
            {mh__tr("level"), 5, 1},  {mh__tr("praised"), 7, 0},  {mh__tr("progress"), 0, 0}};
        enum { N_COLUMNS = sizeof(columns) / sizeof(columns[0]) };
        const char *cells[N_COLUMNS];
        char texts[4][48];
        size_t k;

        for (k = 0; k < N_COLUMNS; k++) {
                columns[k].width = at_least(columns[k].width, columns[k].title);
                cells[k] = columns[k].title;
        }
        for (i = 0;; i++) {
                for (k = 0; k < N_COLUMNS; k++) {
                        if (k > 0)
                                fputs("  ", stream);
                        if (k == N_COLUMNS - 1) /* the last one: never padded */
                                mh__fput_text(stream, cells[k], MH_TEXT_LINE);
                        else if (columns[k].right)
                                mh__fput_rcolumn(stream, cells[k], columns[k].width);
                        else /* whole characters, never a cut one */
                                mh__fput_column(stream, cells[k], columns[k].width);
                }
                fputc('\n', stream);
                if (i == ranking->count)
                        break;
                rank_cells(&ranking->entries[i], cells, texts);
        }
        legend(ranking, stream);
        return ferror(stream) ? MH_EIO : 0;
}

int mh_ranking_write_sheet(const mh_ranking *ranking, mh_sheet *sheet, mh_diagnostics *diags)
{
        if (ranking == NULL || sheet == NULL)
                return MH_EUSAGE;
        return mh__diag_writer(ranking_sheet(ranking, sheet), diags);
}

int mh_ranking_write(const mh_ranking *ranking, mh_format format, FILE *stream,
                     mh_diagnostics *diags)
{
        if (format != MH_FORMAT_TABLE && format != MH_FORMAT_CSV)
                return MH_EUSAGE;
        return mh__diag_writer(ranking_write(ranking, format == MH_FORMAT_CSV, stream), diags);
}
