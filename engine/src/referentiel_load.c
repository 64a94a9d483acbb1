/*
 * referentiel_load.c: loading and checking a référentiel (maturinh-referentiel/1).
 *
 * The file is read whole (at most MH_REFERENTIEL_MAX_BYTES), hashed, parsed
 * into a YAML tree by yamltree.c, then walked once: every element is checked
 * against docs/referentiel-format.md and copied into the référentiel's arena.
 * The walk never stops at the first problem: it diagnoses all it can find so
 * that an author fixes a file in one pass, and the load fails if anything was
 * diagnosed.  Only a YAML-level refusal (syntax, UTF-8, anchors) or an
 * unsupported `format` stops it early.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "establishment_internal.h"
#include "util/i18n.h"
#include "util/texthash.h"
#include "referentiel_internal.h"
#include "util/text.h"
#include "util/yamltree.h"

#define ID_MAX_LENGTH 64

typedef struct loader {
        mh_referentiel *ref;      /* being built */
        mh_diagnostics *diags;    /* where errors go (may be NULL) */
        const char *source;       /* file name for diagnostics */
        size_t errors;            /* errors diagnosed so far */
        int nomem;                /* an allocation failed */
        struct mh__id_entry *ids; /* every id defined, in file order (mh__malloc) */
        size_t n_ids, cap_ids;
} loader;

static void error_at(loader *l, const mh__ynode *node, const char *fmt, ...) MH_PRINTF(3, 4);

static void error_at(loader *l, const mh__ynode *node, const char *fmt, ...)
{
        va_list ap;

        /* an empty value (`version:`) has no place of its own: show its key */
        if (node != NULL && node->kind == MH_YSCALAR && node->length == 0 && node->plain &&
            node->key != NULL)
                node = node->key;
        va_start(ap, fmt);
        mh__diag_addv(l->diags, l->source, node ? node->line : 1, node ? node->column : 1, fmt, ap);
        va_end(ap);
        l->errors++;
}

static void *alloc(loader *l, size_t size)
{
        void *p = mh__arena_alloc(l->ref->arena, size);

        if (p == NULL)
                l->nomem = 1;
        return p;
}

static const char *copy_string(loader *l, const char *s)
{
        const char *copy = mh__arena_strdup(l->ref->arena, s);

        if (copy == NULL)
                l->nomem = 1;
        return copy;
}

/*
 * How a value is named in messages: strings quoted, numbers and booleans as
 * written, containers and null by kind.
 */
static const char *shown(const mh__ynode *node, char *buf, size_t size)
{
        if (node->kind != MH_YSCALAR || mh__yscalar_kind(node) == MH_YNULL)
                return mh__ynode_describe(node);
        if (mh__yscalar_kind(node) == MH_YSTRING)
                snprintf(buf, size, "'%.*s'", mh__utf8_prefix(node->value, 60), node->value);
        else
                snprintf(buf, size, "%.*s", mh__utf8_prefix(node->value, 60), node->value);
        return buf;
}

/* ---- Keys --------------------------------------------------------------- */

/*
 * Diagnoses every key of `map` not in `allowed` (NULL-terminated), naming the
 * closest allowed key when it is a likely typo.  `also` lists keys that are
 * known but checked elsewhere (may be NULL).
 */
static void check_keys(loader *l, const mh__ynode *map, const char *context,
                       const char *const *allowed, const char *const *also)
{
        const mh__ynode *child;
        size_t i;

        for (child = map->first; child != NULL; child = child->next) {
                const char *key = child->key->value, *closest;
                int known = 0;

                for (i = 0; allowed[i] != NULL && !known; i++)
                        known = strcmp(key, allowed[i]) == 0;
                for (i = 0; also != NULL && also[i] != NULL && !known; i++)
                        known = strcmp(key, also[i]) == 0;
                if (known)
                        continue;
                if ((closest = mh_suggest(key, allowed)) == NULL && also != NULL)
                        closest = mh_suggest(key, also);
                if (closest != NULL)
                        error_at(l, child->key, "unknown key '%.*s' %s (did you mean '%s'?)",
                                 mh__utf8_prefix(key, 64), key, context, closest);
                else
                        error_at(l, child->key, "unknown key '%.*s' %s", mh__utf8_prefix(key, 64),
                                 key, context);
        }
}

/* The value of a required key, or NULL after diagnosing its absence. */
static const mh__ynode *require(loader *l, const mh__ynode *map, const char *key,
                                const char *context)
{
        const mh__ynode *node = mh__ynode_get(map, key);

        if (node == NULL)
                error_at(l, map, "missing required key '%s' %s", key, context);
        return node;
}

/* ---- Typed values ------------------------------------------------------- */
/* Each returns 1 when the value is valid (and sets *out), -1 after a diagnostic. */

static int get_number(loader *l, const mh__ynode *node, const char *name, double *out)
{
        char buf[96];
        mh__yvalue kind;
        double value;

        if (node->kind != MH_YSCALAR ||
            ((kind = mh__yscalar_kind(node)) != MH_YINT && kind != MH_YFLOAT)) {
                error_at(l, node, "'%s' must be a number, got %s", name,
                         shown(node, buf, sizeof(buf)));
                return -1;
        }
        value = mh__yscalar_number(node);
        if (!isfinite(value)) {
                error_at(l, node, "'%s' must be a finite number, got %s", name, node->value);
                return -1;
        }
        *out = value;
        return 1;
}

static int get_integer(loader *l, const mh__ynode *node, const char *name, long *out)
{
        char buf[96];
        double value;

        if (node->kind != MH_YSCALAR || mh__yscalar_kind(node) != MH_YINT) {
                error_at(l, node, "'%s' must be a whole number, got %s", name,
                         shown(node, buf, sizeof(buf)));
                return -1;
        }
        value = mh__yscalar_number(node);
        if (value > 1e15 || value < -1e15) {
                error_at(l, node, "'%s' is too large: %s", name, node->value);
                return -1;
        }
        *out = (long)value;
        return 1;
}

static int get_bool(loader *l, const mh__ynode *node, const char *name, int *out)
{
        char buf[96];

        if (node->kind != MH_YSCALAR || mh__yscalar_kind(node) != MH_YBOOL) {
                error_at(l, node, "'%s' must be true or false, got %s", name,
                         shown(node, buf, sizeof(buf)));
                return -1;
        }
        *out = mh__yscalar_bool(node);
        return 1;
}

static int get_string(loader *l, const mh__ynode *node, const char *name, const char **out)
{
        char buf[96];

        if (node->kind != MH_YSCALAR || mh__yscalar_kind(node) != MH_YSTRING) {
                if (node->kind == MH_YSCALAR && mh__yscalar_kind(node) != MH_YNULL)
                        error_at(l, node, "'%s' must be a string, got %s (quote it: \"%.*s\")",
                                 name, shown(node, buf, sizeof(buf)),
                                 mh__utf8_prefix(node->value, 60), node->value);
                else
                        error_at(l, node, "'%s' must be a string, got %s", name,
                                 shown(node, buf, sizeof(buf)));
                return -1;
        }
        if (node->length == 0 || strspn(node->value, " \t\r\n") == node->length) {
                error_at(l, node, "'%s' must not be empty", name);
                return -1;
        }
        if (mh__text_problem(node->value, node->length, MH_TEXT_LINES, buf, sizeof(buf)) < 0) {
                error_at(l, node, "'%s': %s", name, buf);
                return -1;
        }
        if ((*out = copy_string(l, node->value)) == NULL)
                return -1;
        return 1;
}

/*
 * Ids and option values are taken as the text written, quoted or not, so
 * that `id: 01` and `value: 2` mean what they look like; the pattern then
 * decides.
 */
static int get_code(loader *l, const mh__ynode *node, const char *name, const char **out)
{
        char buf[96];

        if (node->kind != MH_YSCALAR || (node->plain && mh__yscalar_kind(node) == MH_YNULL)) {
                error_at(l, node, "'%s' must be a string, got %s", name,
                         shown(node, buf, sizeof(buf)));
                return -1;
        }
        if ((*out = copy_string(l, node->value)) == NULL)
                return -1;
        return 1;
}

/* An ISO 639-1 language code, optionally with an ISO 3166 region: fr, en, fr-CA. */
static int valid_language(const char *s)
{
        size_t n = strlen(s);

        if (n != 2 && n != 5)
                return 0;
        if (!(s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z'))
                return 0;
        return n == 2 || (s[2] == '-' && s[3] >= 'A' && s[3] <= 'Z' && s[4] >= 'A' && s[4] <= 'Z');
}

/* A text: a string, or a mapping from language code to string holding `fr`. */
static int get_text(loader *l, const mh__ynode *node, const char *name, mh__text *out)
{
        const mh__ynode *child;
        size_t i;
        int rc = 1;

        if (node->kind == MH_YSEQUENCE) {
                error_at(l, node,
                         "'%s' must be a string or a map of languages such as {fr: \"...\"}, "
                         "got a sequence",
                         name);
                return -1;
        }
        if (node->kind != MH_YMAPPING) {
                const char *value;

                if (get_string(l, node, name, &value) < 0)
                        return -1;
                out->langs = alloc(l, sizeof(*out->langs));
                out->values = alloc(l, sizeof(*out->values));
                if (out->langs == NULL || out->values == NULL)
                        return -1;
                out->count = 1;
                out->langs[0] = "fr";
                out->values[0] = value;
                return 1;
        }
        if (mh__ynode_get(node, "fr") == NULL) {
                error_at(l, node, "'%s' must have a French text: add an 'fr' entry", name);
                rc = -1;
        }
        out->langs = alloc(l, node->count * sizeof(*out->langs) + 1);
        out->values = alloc(l, node->count * sizeof(*out->values) + 1);
        if (out->langs == NULL || out->values == NULL)
                return -1;
        /* French first, then the others in file order */
        i = 1;
        for (child = node->first; child != NULL; child = child->next) {
                const char *lang = child->key->value, *value;
                size_t slot;

                if (!valid_language(lang)) {
                        error_at(l, child->key,
                                 "invalid language code '%.*s' in '%s': expected a code such "
                                 "as fr, en or fr-CA",
                                 mh__utf8_prefix(lang, 32), lang, name);
                        rc = -1;
                        continue;
                }
                if (get_string(l, child, name, &value) < 0) {
                        rc = -1;
                        continue;
                }
                slot = strcmp(lang, "fr") == 0 ? 0 : i++;
                if (slot >= node->count)
                        continue;
                out->langs[slot] = copy_string(l, lang);
                out->values[slot] = value;
        }
        if (rc < 0)
                return -1;
        out->count = node->count;
        return 1;
}

/* ---- Ids ---------------------------------------------------------------- */

static int id_char(char c, int first)
{
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                return 1;
        return !first && (c == '.' || c == '_' || c == '-');
}

/* Checks an element's id and records it for the uniqueness check. */
static int get_element_id(loader *l, const mh__ynode *node, int kind, const void *item,
                          const char **out)
{
        const char *id;
        size_t i, length;

        if (get_code(l, node, "id", &id) < 0)
                return -1;
        length = strlen(id);
        for (i = 0; i < length || length == 0; i++) {
                if (length == 0 || !id_char(id[i], i == 0)) {
                        error_at(l, node,
                                 "invalid id '%.*s': use letters, digits, '.', '_' and '-', "
                                 "starting with a letter or a digit",
                                 mh__utf8_prefix(id, 64), id);
                        return -1;
                }
        }
        if (length > ID_MAX_LENGTH) {
                error_at(l, node, "id '%.*s...' is longer than %d characters", ID_MAX_LENGTH, id,
                         ID_MAX_LENGTH);
                return -1;
        }
        if (l->n_ids == l->cap_ids) {
                size_t cap = l->cap_ids ? 2 * l->cap_ids : 64;
                struct mh__id_entry *ids = mh__realloc(l->ids, cap * sizeof(*ids));

                if (ids == NULL) {
                        l->nomem = 1;
                        return -1;
                }
                l->ids = ids;
                l->cap_ids = cap;
        }
        l->ids[l->n_ids].id = id;
        l->ids[l->n_ids].length = strlen(id);
        l->ids[l->n_ids].kind = kind;
        l->ids[l->n_ids].item = item;
        l->ids[l->n_ids].line = node->line;
        l->ids[l->n_ids].column = node->column;
        l->n_ids++;
        *out = id;
        return 1;
}

/* Context for messages: "in criterion 'GOUV-01'", or by position when the id is unusable. */
enum element { ELEMENT_INDICATOR, ELEMENT_CRITERION, ELEMENT_DOMAIN };

static void element_context(char *buf, size_t size, enum element what, const mh__ynode *map,
                            size_t position)
{
        const mh__ynode *id = mh__ynode_get(map, "id");

        if (id != NULL && id->kind == MH_YSCALAR && id->length > 0 && id->length <= 64)
                snprintf(buf, size,
                         what == ELEMENT_INDICATOR   ? mh__tr(N_("in indicator '%s'"))
                         : what == ELEMENT_CRITERION ? mh__tr(N_("in criterion '%s'"))
                                                     : mh__tr(N_("in domain '%s'")),
                         id->value);
        else
                snprintf(buf, size,
                         what == ELEMENT_INDICATOR   ? mh__tr(N_("in indicator #%zu"))
                         : what == ELEMENT_CRITERION ? mh__tr(N_("in criterion #%zu"))
                                                     : mh__tr(N_("in domain #%zu")),
                         position + 1);
}

/* ---- Applicability ------------------------------------------------------ */

static const mh_applicability *load_applies_to(loader *l, const mh__ynode *node)
{
        static const char *const keys[] = {"categories", "ose", "min_beds", "max_beds", NULL};
        mh_applicability *a;
        const mh__ynode *value, *item;
        size_t before = l->errors;

        if (node->kind != MH_YMAPPING) {
                char buf[96];

                error_at(l, node, "'applies_to' must be a mapping, got %s",
                         shown(node, buf, sizeof(buf)));
                return NULL;
        }
        if ((a = alloc(l, sizeof(*a))) == NULL)
                return NULL;
        a->ose = -1;
        a->min_beds = -1;
        a->max_beds = -1;
        check_keys(l, node, mh__tr(N_("in 'applies_to'")), keys, NULL);
        if (node->count == 0)
                error_at(l, node,
                         "an empty 'applies_to' restricts nothing: give categories, ose, min_beds "
                         "or max_beds, or remove it");
        if ((value = mh__ynode_get(node, "categories")) != NULL) {
                if (value->kind != MH_YSEQUENCE || value->count == 0) {
                        error_at(l, value,
                                 "'categories' must be a non-empty list of FINESS category "
                                 "codes such as [\"101\", \"355\"]");
                } else if ((a->categories = alloc(l, value->count * sizeof(char *))) != NULL) {
                        for (item = value->first; item != NULL; item = item->next) {
                                char why[MH_ERROR_MESSAGE_MAX];
                                const char *code;
                                long ignored;
                                size_t i;

                                if (get_code(l, item, "categories", &code) < 0)
                                        continue;
                                /* the profile's own rule: what an establishment may declare */
                                if (mh__profile_field(MH__FIELD_CATEGORY, code, &ignored, why,
                                                      sizeof(why)) < 0) {
                                        error_at(l, item, "%s", why);
                                        continue;
                                }
                                for (i = 0; i < a->n_categories; i++)
                                        if (strcmp(a->categories[i], code) == 0)
                                                break;
                                if (i < a->n_categories) {
                                        error_at(l, item, "duplicate category '%s'", code);
                                        continue;
                                }
                                if (l->ref->sector != MH_SECTOR_UNKNOWN &&
                                    mh_category_sector(code) != l->ref->sector)
                                        mh__diag_warn(
                                            l->diags, l->source, item->line, item->column,
                                            l->ref->sector == MH_SECTOR_MEDICO_SOCIAL
                                                ? N_("category %s (%s) is sanitaire, and this "
                                                     "référentiel is written for the "
                                                     "médico-social sector (sector: "
                                                     "medico-social)")
                                                : N_("category %s (%s) is médico-social, and this "
                                                     "référentiel is written for the sanitaire "
                                                     "sector (sector: sanitaire, the default)"),
                                            code, mh_category_label(code));
                                a->categories[a->n_categories++] = code;
                        }
                }
        }
        if ((value = mh__ynode_get(node, "ose")) != NULL) {
                int ose;

                if (get_bool(l, value, "ose", &ose) > 0)
                        a->ose = ose;
        }
        if ((value = mh__ynode_get(node, "min_beds")) != NULL &&
            get_integer(l, value, "min_beds", &a->min_beds) > 0 && a->min_beds < 0) {
                error_at(l, value, "'min_beds' must be 0 or more, got %ld", a->min_beds);
                a->min_beds = -1;
        }
        if ((value = mh__ynode_get(node, "max_beds")) != NULL &&
            get_integer(l, value, "max_beds", &a->max_beds) > 0 && a->max_beds < 0) {
                error_at(l, value, "'max_beds' must be 0 or more, got %ld", a->max_beds);
                a->max_beds = -1;
        }
        if (a->min_beds >= 0 && a->max_beds >= 0 && a->min_beds > a->max_beds)
                error_at(l, mh__ynode_get(node, "max_beds"),
                         "'max_beds' (%ld) is smaller than 'min_beds' (%ld): no establishment "
                         "could match",
                         a->max_beds, a->min_beds);
        return l->errors == before ? a : NULL;
}

/* ---- Indicator scoring -------------------------------------------------- */

static const char *const type_names[] = {"boolean", "percent", "integer", "date", "text", "choice"};
static const mh_indicator_type type_values[] = {MH_INDICATOR_BOOLEAN, MH_INDICATOR_PERCENT,
                                                MH_INDICATOR_INTEGER, MH_INDICATOR_DATE,
                                                MH_INDICATOR_TEXT,    MH_INDICATOR_CHOICE};

/* The keys that belong to one type or another. */
static const char *const type_keys[] = {"expect", "options",     "target",    "linear",
                                        "steps",  "within_days", "age_steps", NULL};

static int key_belongs_to(const char *key, mh_indicator_type type)
{
        switch (type) {
        case MH_INDICATOR_BOOLEAN:
                return strcmp(key, "expect") == 0;
        case MH_INDICATOR_CHOICE:
                return strcmp(key, "options") == 0;
        case MH_INDICATOR_PERCENT:
        case MH_INDICATOR_INTEGER:
                return strcmp(key, "target") == 0 || strcmp(key, "linear") == 0 ||
                       strcmp(key, "steps") == 0;
        case MH_INDICATOR_DATE:
                return strcmp(key, "within_days") == 0 || strcmp(key, "age_steps") == 0;
        case MH_INDICATOR_TEXT:
                break;
        }
        return 0;
}

static void load_options(loader *l, struct mh_indicator *ind, const mh__ynode *node,
                         const char *context)
{
        static const char *const keys[] = {"value", "label", "score", NULL};
        const mh__ynode *item;
        size_t position = 0;

        if (node->kind != MH_YSEQUENCE || node->count == 0) {
                error_at(l, node, "'options' must be a non-empty list of {value, label, score}");
                return;
        }
        if ((ind->options = alloc(l, node->count * sizeof(*ind->options))) == NULL)
                return;
        for (item = node->first; item != NULL; item = item->next, position++) {
                struct mh__option *option = &ind->options[ind->n_options];
                const mh__ynode *value, *label, *score;
                char ctx[160];
                size_t i;
                int ok = 1;

                if (item->kind != MH_YMAPPING) {
                        char buf[96];

                        error_at(l, item,
                                 "each option must be a mapping {value, label, score}, "
                                 "got %s",
                                 shown(item, buf, sizeof(buf)));
                        continue;
                }
                snprintf(ctx, sizeof(ctx), mh__tr(N_("in option #%zu %.100s")), position + 1,
                         context);
                check_keys(l, item, ctx, keys, NULL);
                value = require(l, item, "value", ctx);
                label = require(l, item, "label", ctx);
                score = require(l, item, "score", ctx);
                if (value != NULL && get_code(l, value, "value", &option->value) > 0) {
                        if (option->value[0] == '\0' ||
                            strspn(option->value, "abcdefghijklmnopqrstuvwxyz0123456789_-") !=
                                strlen(option->value)) {
                                error_at(l, value,
                                         "invalid option value '%.*s': use lowercase letters, "
                                         "digits, '_' and '-'",
                                         mh__utf8_prefix(option->value, 64), option->value);
                                ok = 0;
                        }
                        for (i = 0; ok && i < ind->n_options; i++) {
                                if (strcmp(ind->options[i].value, option->value) == 0) {
                                        error_at(l, value, "duplicate option value '%s'",
                                                 option->value);
                                        ok = 0;
                                }
                        }
                } else {
                        ok = 0;
                }
                if (label == NULL || get_text(l, label, "label", &option->label) < 0)
                        ok = 0;
                if (score != NULL && get_number(l, score, "score", &option->score) > 0) {
                        if (option->score < 0 || option->score > 1) {
                                error_at(l, score, "option 'score' must be in [0, 1], got %s",
                                         score->value);
                                ok = 0;
                        }
                } else {
                        ok = 0;
                }
                if (ok)
                        ind->n_options++;
        }
}

/*
 * [threshold, score] pairs, thresholds strictly ascending.  `what` names the
 * thresholds in messages ("thresholds", "ages"); `days`: they are ages in
 * whole days.  `low`/`high` bound the thresholds.
 */
static void load_steps(loader *l, struct mh_indicator *ind, const mh__ynode *node, const char *name,
                       const char *what, int days, double low, double high)
{
        const mh__ynode *pair;
        double last = 0;
        int have_last = 0;
        char buf[96];

        if (node->kind != MH_YSEQUENCE || node->count == 0) {
                error_at(l, node, "'%s' must be a non-empty list of [%s, score] pairs", name,
                         days ? mh__tr(N_("age_in_days")) : mh__tr(N_("threshold")));
                return;
        }
        if ((ind->steps = alloc(l, node->count * sizeof(*ind->steps))) == NULL)
                return;
        for (pair = node->first; pair != NULL; pair = pair->next) {
                const mh__ynode *first, *second;
                struct mh__step step;
                mh__yvalue kind;
                int ok = 1;

                if (pair->kind != MH_YSEQUENCE || pair->count != 2) {
                        error_at(l, pair, "each item of '%s' must be a pair [%s, score]", name,
                                 days ? mh__tr(N_("age_in_days")) : mh__tr(N_("threshold")));
                        continue;
                }
                first = pair->first;
                second = first->next;
                kind = first->kind == MH_YSCALAR ? mh__yscalar_kind(first) : MH_YSTRING;
                if (kind != MH_YINT && (days || kind != MH_YFLOAT)) {
                        error_at(l, first, "%s in '%s' must be %s, got %s", what, name,
                                 days ? mh__tr(N_("whole numbers of days")) : mh__tr(N_("numbers")),
                                 shown(first, buf, sizeof(buf)));
                        ok = 0;
                } else if (!isfinite(step.threshold = mh__yscalar_number(first)) ||
                           step.threshold < low || step.threshold > high) {
                        if (high < (double)INFINITY)
                                error_at(l, first, "%s in '%s' must be in [%g, %g], got %s", what,
                                         name, low, high, first->value);
                        else
                                error_at(l, first, "%s in '%s' must be %g or more, got %s", what,
                                         name, low, first->value);
                        ok = 0;
                } else {
                        if (have_last && step.threshold <= last) {
                                error_at(l, first,
                                         "%s in '%s' must be strictly ascending: %s follows %g",
                                         what, name, first->value, last);
                                ok = 0;
                        }
                        last = step.threshold;
                        have_last = 1;
                }
                kind = second->kind == MH_YSCALAR ? mh__yscalar_kind(second) : MH_YSTRING;
                if (kind != MH_YINT && kind != MH_YFLOAT) {
                        error_at(l, second, "scores in '%s' must be numbers, got %s", name,
                                 shown(second, buf, sizeof(buf)));
                        ok = 0;
                } else if (!((step.score = mh__yscalar_number(second)) >= 0 && step.score <= 1)) {
                        error_at(l, second, "scores in '%s' must be in [0, 1], got %s", name,
                                 second->value);
                        ok = 0;
                }
                if (ok)
                        ind->steps[ind->n_steps++] = step;
        }
}

/* The scoring keys of a percent or integer indicator. */
static void load_numeric_scoring(loader *l, struct mh_indicator *ind, const mh__ynode *map)
{
        const int percent = ind->type == MH_INDICATOR_PERCENT;
        const double high = percent ? 100.0 : (double)INFINITY;
        const mh__ynode *node;

        if ((node = mh__ynode_get(map, "target")) != NULL) {
                ind->scoring = MH_SCORING_TARGET;
                if (get_number(l, node, "target", &ind->target) > 0 &&
                    (ind->target <= 0 || ind->target > high)) {
                        if (percent)
                                error_at(l, node,
                                         "'target' of a percent indicator must be in (0, 100], "
                                         "got %s",
                                         node->value);
                        else
                                error_at(l, node, "'target' must be greater than 0, got %s",
                                         node->value);
                }
        } else if ((node = mh__ynode_get(map, "linear")) != NULL) {
                ind->scoring = MH_SCORING_LINEAR;
                if (node->kind != MH_YSEQUENCE || node->count != 2) {
                        error_at(l, node, "'linear' must be a pair of numbers [a, b]");
                } else if (get_number(l, node->first, "linear", &ind->linear_from) > 0 &&
                           get_number(l, node->first->next, "linear", &ind->linear_to) > 0) {
                        if (ind->linear_from == ind->linear_to)
                                error_at(l, node, "'linear' bounds must differ, got [%s, %s]",
                                         node->first->value, node->first->next->value);
                        else if (ind->linear_from < 0 || ind->linear_from > high ||
                                 ind->linear_to < 0 || ind->linear_to > high)
                                error_at(l, node,
                                         percent ? "'linear' bounds of a percent indicator must "
                                                   "be in [0, 100], got [%s, %s]"
                                                 : "'linear' bounds of an integer indicator must "
                                                   "be 0 or more, got [%s, %s]",
                                         node->first->value, node->first->next->value);
                }
        } else if ((node = mh__ynode_get(map, "steps")) != NULL) {
                ind->scoring = MH_SCORING_STEPS;
                load_steps(l, ind, node, "steps", mh__tr(N_("thresholds")), 0, 0.0, high);
        }
}

/* The scoring keys of a date indicator. */
static void load_date_scoring(loader *l, struct mh_indicator *ind, const mh__ynode *map)
{
        const mh__ynode *node;

        if ((node = mh__ynode_get(map, "within_days")) != NULL) {
                long days;

                ind->scoring = MH_SCORING_WITHIN_DAYS;
                if (get_integer(l, node, "within_days", &days) > 0) {
                        if (days < 0)
                                error_at(l, node, "'within_days' must be 0 or more, got %ld", days);
                        ind->target = (double)days;
                }
        } else if ((node = mh__ynode_get(map, "age_steps")) != NULL) {
                ind->scoring = MH_SCORING_AGE_STEPS;
                load_steps(l, ind, node, "age_steps", mh__tr(N_("ages")), 1, 0, (double)INFINITY);
        }
}

/*
 * The type-specific keys: those of another type are refused, and a type that
 * needs exactly one scoring method gets exactly one.
 */
/* The indicator named by its type in a message: "an integer indicator". */
static const char *indicator_of_type(mh_indicator_type type)
{
        switch (type) {
        case MH_INDICATOR_BOOLEAN:
                return N_("a boolean indicator");
        case MH_INDICATOR_PERCENT:
                return N_("a percent indicator");
        case MH_INDICATOR_INTEGER:
                return N_("an integer indicator");
        case MH_INDICATOR_DATE:
                return N_("a date indicator");
        case MH_INDICATOR_TEXT:
                return N_("a text indicator");
        case MH_INDICATOR_CHOICE:
                break;
        }
        return N_("a choice indicator");
}

static void load_type_keys(loader *l, struct mh_indicator *ind, const mh__ynode *map,
                           const char *context)
{
        const char *a_type = mh__tr(indicator_of_type(ind->type));
        const mh__ynode *child, *first_method = NULL;

        for (child = map->first; child != NULL; child = child->next) {
                const char *key = child->key->value;
                size_t i;

                for (i = 0; type_keys[i] != NULL && strcmp(type_keys[i], key) != 0; i++)
                        ;
                if (type_keys[i] == NULL)
                        continue;
                if (!key_belongs_to(key, ind->type)) {
                        error_at(l, child->key, "'%s' does not apply to %s", key, a_type);
                        continue;
                }
                if (ind->type == MH_INDICATOR_BOOLEAN || ind->type == MH_INDICATOR_CHOICE)
                        continue;
                if (first_method != NULL)
                        error_at(l, child->key,
                                 "'%s' and '%s' cannot both be given: %s takes exactly one of %s",
                                 first_method->key->value, key, a_type,
                                 ind->type == MH_INDICATOR_DATE
                                     ? mh__tr(N_("'within_days' or 'age_steps'"))
                                     : mh__tr(N_("'target', 'linear' or 'steps'")));
                else
                        first_method = child;
        }

        switch (ind->type) {
        case MH_INDICATOR_BOOLEAN:
                ind->scoring = MH_SCORING_EXPECT;
                ind->expect = 1;
                if ((child = mh__ynode_get(map, "expect")) != NULL)
                        get_bool(l, child, "expect", &ind->expect);
                break;
        case MH_INDICATOR_CHOICE:
                ind->scoring = MH_SCORING_OPTIONS;
                if ((child = mh__ynode_get(map, "options")) == NULL)
                        error_at(l, map,
                                 "missing required key 'options' %s (a choice "
                                 "indicator lists its options)",
                                 context);
                else
                        load_options(l, ind, child, context);
                break;
        case MH_INDICATOR_PERCENT:
        case MH_INDICATOR_INTEGER:
                if (first_method == NULL)
                        error_at(
                            l, map,
                            "missing scoring %s: %s needs one of 'target', 'linear' or 'steps'",
                            context, a_type);
                else
                        load_numeric_scoring(l, ind, map);
                break;
        case MH_INDICATOR_DATE:
                if (first_method == NULL)
                        error_at(l, map,
                                 "missing scoring %s: a date indicator needs one of "
                                 "'within_days' or 'age_steps'",
                                 context);
                else
                        load_date_scoring(l, ind, map);
                break;
        case MH_INDICATOR_TEXT:
                ind->scoring = MH_SCORING_NONE;
                break;
        }
}

/* ---- Elements ----------------------------------------------------------- */

static int get_weight(loader *l, const mh__ynode *map, double *out)
{
        const mh__ynode *node = mh__ynode_get(map, "weight");

        *out = 1;
        if (node == NULL)
                return 1;
        if (get_number(l, node, "weight", out) < 0)
                return -1;
        if (*out <= 0) {
                error_at(l, node, "'weight' must be greater than 0, got %s", node->value);
                return -1;
        }
        return 1;
}

/* Returns 1 when the indicator has a valid type other than text, 0 for text, -1 unknown. */
static int load_indicator(loader *l, struct mh_indicator *ind, const mh__ynode *map,
                          size_t position, const mh_criterion *criterion)
{
        static const char *const keys[] = {"id",     "question",   "help",       "type",
                                           "weight", "na_allowed", "applies_to", NULL};
        const mh__ynode *node;
        char context[128];
        size_t i;
        int has_type = 0;

        if (map->kind != MH_YMAPPING) {
                char buf[96];

                error_at(l, map, "each indicator must be a mapping, got %s",
                         shown(map, buf, sizeof(buf)));
                return -1;
        }
        element_context(context, sizeof(context), ELEMENT_INDICATOR, map, position);
        ind->criterion = criterion;
        check_keys(l, map, context, keys, type_keys);
        if ((node = require(l, map, "id", context)) != NULL)
                get_element_id(l, node, 2, ind, &ind->id);
        if ((node = require(l, map, "question", context)) != NULL)
                get_text(l, node, "question", &ind->question);
        if ((node = mh__ynode_get(map, "help")) != NULL)
                get_text(l, node, "help", &ind->help);
        get_weight(l, map, &ind->weight);
        if ((node = mh__ynode_get(map, "na_allowed")) != NULL)
                get_bool(l, node, "na_allowed", &ind->na_allowed);
        if ((node = mh__ynode_get(map, "applies_to")) != NULL)
                ind->applies_to = load_applies_to(l, node);
        if ((node = require(l, map, "type", context)) != NULL) {
                const char *name;

                if (get_code(l, node, "type", &name) > 0) {
                        for (i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++) {
                                if (strcmp(name, type_names[i]) == 0) {
                                        ind->type = type_values[i];
                                        has_type = 1;
                                }
                        }
                        if (!has_type)
                                error_at(l, node,
                                         "unknown indicator type '%.*s': expected boolean, "
                                         "choice, percent, integer, date or text",
                                         mh__utf8_prefix(name, 32), name);
                }
        }
        if (!has_type)
                return -1;
        load_type_keys(l, ind, map, context);
        return ind->type == MH_INDICATOR_TEXT ? 0 : 1;
}

static void load_criterion(loader *l, struct mh_criterion *crit, const mh__ynode *map,
                           size_t position, const mh_domain *domain)
{
        static const char *const keys[] = {"id",         "title",      "description", "level",
                                           "weight",     "priority",   "public",      "combine",
                                           "applies_to", "indicators", NULL};
        const mh__ynode *node, *item;
        char context[128];
        size_t i;

        if (map->kind != MH_YMAPPING) {
                char buf[96];

                error_at(l, map, "each criterion must be a mapping, got %s",
                         shown(map, buf, sizeof(buf)));
                return;
        }
        element_context(context, sizeof(context), ELEMENT_CRITERION, map, position);
        crit->domain = domain;
        check_keys(l, map, context, keys, NULL);
        if ((node = require(l, map, "id", context)) != NULL)
                get_element_id(l, node, 1, crit, &crit->id);
        if ((node = require(l, map, "title", context)) != NULL)
                get_text(l, node, "title", &crit->title);
        if ((node = mh__ynode_get(map, "description")) != NULL)
                get_text(l, node, "description", &crit->description);
        if ((node = require(l, map, "level", context)) != NULL) {
                long level;

                if (get_integer(l, node, "level", &level) > 0) {
                        if (l->ref->n_levels > 0 && (level < 1 || level > (long)l->ref->n_levels))
                                error_at(l, node, "level %ld is not declared in 'levels' (1 to %u)",
                                         level, l->ref->n_levels);
                        else
                                crit->level = (unsigned)level;
                }
        }
        get_weight(l, map, &crit->weight);
        if ((node = mh__ynode_get(map, "priority")) != NULL)
                get_bool(l, node, "priority", &crit->priority);
        if ((node = mh__ynode_get(map, "public")) != NULL)
                get_bool(l, node, "public", &crit->is_public);
        if ((node = mh__ynode_get(map, "combine")) != NULL) {
                const char *name;

                if (get_code(l, node, "combine", &name) > 0) {
                        if (strcmp(name, "mean") == 0)
                                crit->combine = MH_COMBINE_MEAN;
                        else if (strcmp(name, "min") == 0)
                                crit->combine = MH_COMBINE_MIN;
                        else if (strcmp(name, "max") == 0)
                                crit->combine = MH_COMBINE_MAX;
                        else
                                error_at(l, node,
                                         "unknown combine '%.*s': expected mean, min or max",
                                         mh__utf8_prefix(name, 32), name);
                }
        }
        if ((node = mh__ynode_get(map, "applies_to")) != NULL)
                crit->applies_to = load_applies_to(l, node);
        if ((node = require(l, map, "indicators", context)) == NULL)
                return;
        if (node->kind != MH_YSEQUENCE || node->count == 0) {
                error_at(l, node, "'indicators' must be a non-empty list %s", context);
                return;
        }
        if ((crit->indicators = alloc(l, node->count * sizeof(*crit->indicators))) == NULL)
                return;
        {
                int scored = 0, unknown = 0;

                for (item = node->first, i = 0; item != NULL; item = item->next, i++) {
                        int kind = load_indicator(l, &crit->indicators[i], item, i, crit);

                        scored |= kind > 0;
                        unknown |= kind < 0;
                }
                crit->n_indicators = node->count;
                if (!scored && !unknown)
                        error_at(l, node,
                                 "no scored indicator %s: every indicator is of type text, "
                                 "add one of another type",
                                 context);
        }
}

static void load_domain(loader *l, struct mh_domain *domain, const mh__ynode *map, size_t position)
{
        static const char *const keys[] = {"id", "title", "weight", "applies_to", "criteria", NULL};
        const mh__ynode *node, *item;
        char context[128];
        size_t i;

        if (map->kind != MH_YMAPPING) {
                char buf[96];

                error_at(l, map, "each domain must be a mapping, got %s",
                         shown(map, buf, sizeof(buf)));
                return;
        }
        element_context(context, sizeof(context), ELEMENT_DOMAIN, map, position);
        check_keys(l, map, context, keys, NULL);
        if ((node = require(l, map, "id", context)) != NULL)
                get_element_id(l, node, 0, domain, &domain->id);
        if ((node = require(l, map, "title", context)) != NULL)
                get_text(l, node, "title", &domain->title);
        get_weight(l, map, &domain->weight);
        if ((node = mh__ynode_get(map, "applies_to")) != NULL)
                domain->applies_to = load_applies_to(l, node);
        if ((node = require(l, map, "criteria", context)) == NULL)
                return;
        if (node->kind != MH_YSEQUENCE || node->count == 0) {
                error_at(l, node, "'criteria' must be a non-empty list %s", context);
                return;
        }
        if ((domain->criteria = alloc(l, node->count * sizeof(*domain->criteria))) == NULL)
                return;
        for (item = node->first, i = 0; item != NULL; item = item->next, i++)
                load_criterion(l, &domain->criteria[i], item, i, domain);
        domain->n_criteria = node->count;
}

/* ---- Top level ---------------------------------------------------------- */

static void load_levels(loader *l, const mh__ynode *node)
{
        static const char *const keys[] = {"level", "label", NULL};
        mh_referentiel *ref = l->ref;
        const mh__ynode *item;
        size_t i;

        if (node->kind != MH_YSEQUENCE || node->count == 0) {
                error_at(l, node, "'levels' must be a non-empty list of {level, label}");
                return;
        }
        if ((ref->level_labels = alloc(l, node->count * sizeof(*ref->level_labels))) == NULL)
                return;
        for (item = node->first, i = 0; item != NULL; item = item->next, i++) {
                const mh__ynode *value;
                char context[64];

                snprintf(context, sizeof(context), mh__tr(N_("in level #%zu")), i + 1);
                if (item->kind != MH_YMAPPING) {
                        char buf[96];

                        error_at(l, item, "each level must be a mapping {level, label}, got %s",
                                 shown(item, buf, sizeof(buf)));
                        continue;
                }
                check_keys(l, item, context, keys, NULL);
                if ((value = require(l, item, "level", context)) != NULL) {
                        long level;

                        if (get_integer(l, value, "level", &level) > 0 && level != (long)i + 1)
                                error_at(l, value,
                                         "levels must be numbered 1, 2, 3... in order: "
                                         "expected %zu, got %ld",
                                         i + 1, level);
                }
                if ((value = require(l, item, "label", context)) != NULL)
                        get_text(l, value, "label", &ref->level_labels[i]);
        }
        ref->n_levels = (unsigned)node->count;
}

static void load_scoring(loader *l, const mh__ynode *node)
{
        static const char *const keys[] = {"achieved_at", "partial_at", "priority_level_cap", NULL};
        mh_referentiel *ref = l->ref;
        const mh__ynode *value;
        double number;
        int achieved_ok = 1;

        if (node->kind != MH_YMAPPING) {
                char buf[96];

                error_at(l, node, "'scoring' must be a mapping, got %s",
                         shown(node, buf, sizeof(buf)));
                return;
        }
        check_keys(l, node, mh__tr(N_("in 'scoring'")), keys, NULL);
        if ((value = mh__ynode_get(node, "achieved_at")) != NULL) {
                achieved_ok = 0;
                if (get_number(l, value, "achieved_at", &number) > 0) {
                        if (number <= 0 || number > 1)
                                error_at(l, value, "'achieved_at' must be in (0, 1], got %s",
                                         value->value);
                        else
                                ref->achieved_at = number, achieved_ok = 1;
                }
        }
        if ((value = mh__ynode_get(node, "partial_at")) != NULL &&
            get_number(l, value, "partial_at", &number) > 0) {
                if (number <= 0 || number > 1)
                        error_at(l, value, "'partial_at' must be in (0, achieved_at], got %s",
                                 value->value);
                else if (achieved_ok && number > ref->achieved_at)
                        error_at(l, value, "'partial_at' (%s) must not exceed 'achieved_at' (%g)",
                                 value->value, ref->achieved_at);
                else
                        ref->partial_at = number;
        }
        if ((value = mh__ynode_get(node, "priority_level_cap")) != NULL &&
            !(value->kind == MH_YSCALAR && mh__yscalar_kind(value) == MH_YNULL)) {
                long cap;

                if (get_integer(l, value, "priority_level_cap", &cap) > 0) {
                        if (cap < 0 || (ref->n_levels > 0 && cap > (long)ref->n_levels))
                                error_at(l, value,
                                         "'priority_level_cap' must be null or a level from 0 "
                                         "to %u, got %ld",
                                         ref->n_levels, cap);
                        else
                                ref->priority_level_cap = (int)cap;
                }
        }
}

static void load_publication(loader *l, const mh__ynode *node)
{
        static const char *const keys[] = {
            "min_completeness", "praise_min_score", "praise_requires_priority",
            "praise_min_level", "min_cell_size",    NULL};
        mh_referentiel *ref = l->ref;
        const mh__ynode *value;
        double number;

        if (node->kind != MH_YMAPPING) {
                char buf[96];

                error_at(l, node, "'publication' must be a mapping, got %s",
                         shown(node, buf, sizeof(buf)));
                return;
        }
        check_keys(l, node, mh__tr(N_("in 'publication'")), keys, NULL);
        if ((value = mh__ynode_get(node, "min_completeness")) != NULL &&
            get_number(l, value, "min_completeness", &number) > 0) {
                if (number < 0 || number > 1)
                        error_at(l, value, "'min_completeness' must be in [0, 1], got %s",
                                 value->value);
                else
                        ref->min_completeness = number;
        }
        if ((value = mh__ynode_get(node, "praise_min_score")) != NULL &&
            get_number(l, value, "praise_min_score", &number) > 0) {
                if (number < 0 || number > 100)
                        error_at(l, value, "'praise_min_score' must be in [0, 100], got %s",
                                 value->value);
                else
                        ref->praise_min_score = number;
        }
        if ((value = mh__ynode_get(node, "praise_requires_priority")) != NULL)
                get_bool(l, value, "praise_requires_priority", &ref->praise_requires_priority);
        if ((value = mh__ynode_get(node, "praise_min_level")) != NULL) {
                long level;

                /* levels are read before publication (the sections' order in load()) */
                if (get_integer(l, value, "praise_min_level", &level) > 0) {
                        if (level < 0 || (ref->n_levels > 0 && level > (long)ref->n_levels))
                                error_at(l, value,
                                         "'praise_min_level' must be a level from 0 to %u, got %ld",
                                         ref->n_levels, level);
                        else
                                ref->praise_min_level = (unsigned)level;
                }
        }
        if ((value = mh__ynode_get(node, "min_cell_size")) != NULL) {
                long size;

                if (get_integer(l, value, "min_cell_size", &size) > 0) {
                        if (size < 1 || size > 1000000)
                                error_at(l, value,
                                         "'min_cell_size' must be a whole number from 1 to "
                                         "1000000, got %s",
                                         value->value);
                        else
                                ref->min_cell_size = (unsigned)size;
                }
        }
}

static int compare_ids(const void *a, const void *b)
{
        const struct mh__id_entry *x = a, *y = b;
        int c = strcmp(x->id, y->id);

        if (c != 0)
                return c;
        if (x->line != y->line)
                return x->line < y->line ? -1 : 1;
        return x->column < y->column ? -1 : x->column > y->column;
}

/*
 * Diagnoses ids used twice and builds the index of the référentiel: the ids
 * sorted, and a hash table of them (open addressing, at most half full).
 */
static void index_ids(loader *l)
{
        mh_referentiel *ref = l->ref;
        size_t i, kept = 0, slots = 16;

        if (l->n_ids == 0)
                return;
        qsort(l->ids, l->n_ids, sizeof(*l->ids), compare_ids);
        for (i = 0; i < l->n_ids; i++) {
                if (kept > 0 && strcmp(l->ids[i].id, l->ids[kept - 1].id) == 0) {
                        mh__diag_add(l->diags, l->source, l->ids[i].line, l->ids[i].column,
                                     "duplicate id '%s' (first used at line %u)", l->ids[i].id,
                                     l->ids[kept - 1].line);
                        l->errors++;
                        continue;
                }
                l->ids[kept++] = l->ids[i];
        }
        if ((ref->ids = alloc(l, kept * sizeof(*ref->ids))) == NULL)
                return;
        memcpy(ref->ids, l->ids, kept * sizeof(*ref->ids));
        ref->n_ids = kept;
        while (slots < 2 * kept)
                slots *= 2;
        if ((ref->id_slots = alloc(l, slots * sizeof(*ref->id_slots))) == NULL)
                return;
        ref->id_mask = slots - 1;
        for (i = 0; i < kept; i++) {
                size_t hash = mh__hash_bytes(ref->ids[i].id, ref->ids[i].length);
                size_t slot = hash & ref->id_mask;

                while (ref->id_slots[slot].entry != NULL)
                        slot = (slot + 1) & ref->id_mask;
                ref->id_slots[slot].hash = hash;
                ref->id_slots[slot].entry = &ref->ids[i];
        }
}

/* Fills the per-référentiel numbering and flat lists used by scoring. */
static int number_elements(loader *l)
{
        mh_referentiel *ref = l->ref;
        size_t d, c, i, n_criteria = 0, n_indicators = 0;

        for (d = 0; d < ref->n_domains; d++) {
                ref->domains[d].index = d;
                n_criteria += ref->domains[d].n_criteria;
                for (c = 0; c < ref->domains[d].n_criteria; c++)
                        n_indicators += ref->domains[d].criteria[c].n_indicators;
        }
        ref->criteria_by_index = alloc(l, n_criteria * sizeof(*ref->criteria_by_index));
        ref->indicators_by_index = alloc(l, n_indicators * sizeof(*ref->indicators_by_index));
        if (ref->criteria_by_index == NULL || ref->indicators_by_index == NULL)
                return -1;
        for (d = 0; d < ref->n_domains; d++) {
                struct mh_domain *domain = &ref->domains[d];

                for (c = 0; c < domain->n_criteria; c++) {
                        struct mh_criterion *crit = &domain->criteria[c];

                        crit->index = ref->n_criteria;
                        ref->criteria_by_index[ref->n_criteria++] = crit;
                        for (i = 0; i < crit->n_indicators; i++) {
                                crit->indicators[i].index = ref->n_indicators;
                                ref->indicators_by_index[ref->n_indicators++] =
                                    &crit->indicators[i];
                        }
                }
        }
        return 0;
}

/* `sector`: sanitaire or medico-social (the words of the FINESS extract's --categories). */
static void load_sector(loader *l, const mh__ynode *node)
{
        const char *sector;

        l->ref->sector = MH_SECTOR_UNKNOWN; /* until it is known: no warning against a guess */
        if (get_code(l, node, "sector", &sector) <= 0)
                return;
        if (strcmp(sector, "sanitaire") == 0)
                l->ref->sector = MH_SECTOR_SANITAIRE;
        else if (strcmp(sector, "medico-social") == 0)
                l->ref->sector = MH_SECTOR_MEDICO_SOCIAL;
        else
                error_at(l, node, "unknown sector '%.*s': expected sanitaire or medico-social",
                         mh__utf8_prefix(sector, 40), sector);
}

static void load_root(loader *l, const mh__ynode *root)
{
        static const char *const keys[] = {"format",      "id",          "version", "title",
                                           "sector",      "description", "levels",  "scoring",
                                           "publication", "domains",     NULL};
        const char *context = mh__tr(N_("at the top level"));
        mh_referentiel *ref = l->ref;
        const mh__ynode *node, *item;
        size_t i;

        if (root->kind != MH_YMAPPING) {
                char buf[96];

                error_at(l, root,
                         "a référentiel must be a mapping (format, id, version, title, levels, "
                         "domains), got %s",
                         shown(root, buf, sizeof(buf)));
                return;
        }
        if ((node = require(l, root, "format", context)) != NULL) {
                const char *format;

                if (get_code(l, node, "format", &format) > 0 &&
                    strcmp(format, MH_REFERENTIEL_FORMAT) != 0) {
                        error_at(l, node, "unsupported format '%.*s': expected '%s'",
                                 mh__utf8_prefix(format, 64), format, MH_REFERENTIEL_FORMAT);
                        return; /* another format: its other keys mean nothing to us */
                }
        }
        check_keys(l, root, context, keys, NULL);
        if ((node = require(l, root, "id", context)) != NULL &&
            get_code(l, node, "id", &ref->id) > 0) {
                size_t length = strlen(ref->id);

                if (length == 0 || length > ID_MAX_LENGTH ||
                    strspn(ref->id, "abcdefghijklmnopqrstuvwxyz0123456789-") != length ||
                    ref->id[0] == '-')
                        error_at(l, node,
                                 "invalid référentiel id '%.*s': use at most %d lowercase "
                                 "letters, digits and '-', starting with a letter or a digit",
                                 mh__utf8_prefix(ref->id, 64), ref->id, ID_MAX_LENGTH);
        }
        if ((node = require(l, root, "version", context)) != NULL)
                get_string(l, node, "version", &ref->version);
        if ((node = require(l, root, "title", context)) != NULL)
                get_text(l, node, "title", &ref->title);
        if ((node = mh__ynode_get(root, "sector")) != NULL)
                load_sector(l, node);
        if ((node = mh__ynode_get(root, "description")) != NULL)
                get_text(l, node, "description", &ref->description);
        if ((node = require(l, root, "levels", context)) != NULL)
                load_levels(l, node);
        if ((node = mh__ynode_get(root, "scoring")) != NULL)
                load_scoring(l, node);
        if ((node = mh__ynode_get(root, "publication")) != NULL)
                load_publication(l, node);
        if ((node = require(l, root, "domains", context)) == NULL)
                return;
        if (node->kind != MH_YSEQUENCE || node->count == 0) {
                error_at(l, node, "'domains' must be a non-empty list");
                return;
        }
        if ((ref->domains = alloc(l, node->count * sizeof(*ref->domains))) == NULL)
                return;
        for (item = node->first, i = 0; item != NULL; item = item->next, i++)
                load_domain(l, &ref->domains[i], item, i);
        ref->n_domains = node->count;
}

void mh_referentiel_free(mh_referentiel *ref)
{
        if (ref == NULL)
                return;
        mh__arena_free(ref->arena);
}

static int new_referentiel(mh_referentiel **out, const char *source)
{
        mh__arena *arena;
        mh_referentiel *ref;

        if (mh__arena_new(&arena) < 0)
                return MH_ENOMEM;
        if ((ref = mh__arena_alloc(arena, sizeof(*ref))) == NULL ||
            (ref->source = mh__arena_strdup(arena, source)) == NULL) {
                mh__arena_free(arena);
                return MH_ENOMEM;
        }
        ref->arena = arena;
        ref->achieved_at = 1.0;
        ref->partial_at = 0.5;
        ref->priority_level_cap = -1;
        ref->min_completeness = 1.0;
        ref->praise_min_score = 80;
        ref->praise_requires_priority = 1;
        ref->min_cell_size = 5;
        ref->sector = MH_SECTOR_SANITAIRE;
        *out = ref;
        return 0;
}

int mh_referentiel_load_buffer(mh_referentiel **out, const char *data, size_t length,
                               const char *source, mh_diagnostics *diags)
{
        loader l;
        mh__yreader *reader = NULL;
        mh__ydoc *doc = NULL, *extra = NULL;
        const mh__ynode *root;
        size_t first_diag = diags ? mh_diagnostics_count(diags) : 0;
        int rc;

        if (out == NULL || (data == NULL && length > 0))
                return MH_EUSAGE;
        if (source == NULL)
                source = "<référentiel>";
        memset(&l, 0, sizeof(l));
        l.diags = diags;
        l.source = source;
        if (length > MH_REFERENTIEL_MAX_BYTES) {
                mh__diag_add(diags, source, 1, 1,
                             "file is larger than the %u MiB limit for a référentiel",
                             MH_REFERENTIEL_MAX_BYTES / (1024 * 1024));
                return MH_EINVALID;
        }
        if ((rc = new_referentiel(&l.ref, source)) < 0)
                goto out;
        if ((rc = mh__sha256_hex(l.ref->sha256, data, length)) < 0)
                goto out;
        if ((l.ref->text = mh__arena_strndup(l.ref->arena, data ? data : "", length)) == NULL) {
                rc = MH_ENOMEM;
                goto out;
        }
        l.ref->text_length = length;
        if ((rc = mh__yreader_new_buffer(&reader, data, length, source, diags)) < 0)
                goto out;
        if ((rc = mh__yreader_next(reader, &doc)) < 0)
                goto out;
        if (rc == 0) {
                mh__diag_add(diags, source, 1, 1,
                             "the file is empty: expected a référentiel (format: %s)",
                             MH_REFERENTIEL_FORMAT);
                rc = MH_EINVALID;
                goto out;
        }
        l.errors = mh__ydoc_error_count(doc);
        root = mh__ydoc_root(doc);
        if (root->kind == MH_YSCALAR && root->plain && root->length == 0) {
                /* `---` and comments only: libyaml places the empty node at the end */
                mh__diag_add(diags, source, mh__ydoc_line(doc), mh__ydoc_column(doc),
                             "the document is empty: expected a référentiel (format: %s)",
                             MH_REFERENTIEL_FORMAT);
                l.errors++;
        } else {
                load_root(&l, root);
        }
        if ((rc = mh__yreader_next(reader, &extra)) < 0) {
                goto out;
        } else if (rc == 1) {
                mh__diag_add(diags, source, mh__ydoc_line(extra), mh__ydoc_column(extra),
                             "a référentiel file holds a single YAML document; another starts "
                             "here");
                l.errors++;
        }
        index_ids(&l);
        if (l.nomem) {
                rc = MH_ENOMEM;
                goto out;
        }
        if (l.errors > 0) {
                rc = MH_EINVALID;
                goto out;
        }
        if (number_elements(&l) < 0) {
                rc = MH_ENOMEM;
                goto out;
        }
        *out = l.ref;
        l.ref = NULL;
        rc = 0;
out:
        if (rc == MH_ENOMEM)
                mh__diag_add(diags, source, 0, 0, "out of memory");
        mh__diag_sort_from(diags, first_diag);
        mh__ydoc_free(extra);
        mh__ydoc_free(doc);
        mh__yreader_free(reader);
        mh__free(l.ids);
        mh_referentiel_free(l.ref);
        return rc;
}

int mh_referentiel_load_file(mh_referentiel **out, const char *path, mh_diagnostics *diags)
{
        FILE *file;
        char *data = NULL;
        size_t length = 0, capacity = 0;
        int rc;

        if (out == NULL || path == NULL)
                return MH_EUSAGE;
        if ((rc = mh__open_input(&file, path, 0, diags)) < 0)
                return rc;
        for (;;) {
                size_t got;

                if (length == capacity) {
                        /* Read at most one byte past the limit: enough to refuse. */
                        size_t next = capacity ? capacity * 2 : 64 * 1024;
                        char *grown;

                        if (next > (size_t)MH_REFERENTIEL_MAX_BYTES + 1)
                                next = (size_t)MH_REFERENTIEL_MAX_BYTES + 1;
                        if (next == capacity)
                                break;
                        if ((grown = mh__realloc(data, next)) == NULL) {
                                mh__diag_add(diags, path, 0, 0, "out of memory");
                                rc = MH_ENOMEM;
                                goto out;
                        }
                        data = grown;
                        capacity = next;
                }
                got = fread(data + length, 1, capacity - length, file);
                length += got;
                if (got == 0) {
                        if (ferror(file)) {
                                mh__diag_add(diags, path, 0, 0, "cannot read: %s", strerror(errno));
                                rc = errno == EISDIR ? MH_ENOTFOUND : MH_EIO;
                                goto out;
                        }
                        break;
                }
        }
        rc = mh_referentiel_load_buffer(out, data, length, path, diags);
out:
        fclose(file);
        mh__free(data);
        return rc;
}
