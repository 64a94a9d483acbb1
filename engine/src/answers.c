/*
 * answers.c: reading answers files (maturinh-answers/1), one establishment
 * at a time.
 *
 * The reader streams the YAML file through yamltree.c: each document is
 * parsed into a tree, checked against the référentiel, turned into an
 * mh_establishment, and its tree freed before the next one is read.  Every
 * problem of a document is diagnosed (never only the first), prefixed with
 * the establishment it concerns, so that an ARS analyst can send each
 * hospital the list of what to fix.  The same value rules serve files and
 * mh_establishment_set_answer() (the questionnaire, CSV imports).
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answers_internal.h"
#include "cnum.h"
#include "referentiel_internal.h"
#include "yamltree.h"

struct mh_answers_reader {
        const mh_referentiel *ref;
        mh_yreader *yaml;
        FILE *file;   /* owned when opened from a path */
        char *source; /* owned copy of the name */
        mh_diagnostics *diags;
        mh_diagnostics *yaml_diags; /* YAML-level errors, re-issued with the label */
        char label[96];             /* of the last document: FINESS or position */
        unsigned last_line;         /* line of the last document */
};

/* Checking one document. */
typedef struct doc_check {
        mh_answers_reader *reader;
        mh_establishment *est; /* being built */
        size_t errors;         /* diagnosed in this document */
        int nomem;
} doc_check;

/* ---- Dates -------------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
static long days_from_civil(long y, long m, long d)
{
        long era, yoe, doy, doe;

        y -= m <= 2;
        era = (y >= 0 ? y : y - 399) / 400;
        yoe = y - era * 400;
        doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
}

int mh_parse_date(const char *text, long *days_out, char *why, size_t why_size)
{
        static const int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        long year, month, day;
        int i, leap;

        for (i = 0; i < 10; i++) {
                int digit = text[i] >= '0' && text[i] <= '9';

                if ((i == 4 || i == 7) ? text[i] != '-' : !digit)
                        break;
        }
        if (i != 10 || text[10] != '\0') {
                snprintf(why, why_size, "expects a date YYYY-MM-DD");
                return MH_EINVALID;
        }
        /* the ten characters are checked: digits where the numbers are */
        year = (text[0] - '0') * 1000L + (text[1] - '0') * 100L + (text[2] - '0') * 10L +
               (text[3] - '0');
        month = (text[5] - '0') * 10L + (text[6] - '0');
        day = (text[8] - '0') * 10L + (text[9] - '0');
        leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        if (month < 1 || month > 12 || day < 1 ||
            day > month_days[month - 1] + (month == 2 && leap)) {
                snprintf(why, why_size, "%s is not a calendar date", text);
                return MH_EINVALID;
        }
        if (year < 1900) {
                snprintf(why, why_size, "%s is before 1900", text);
                return MH_EINVALID;
        }
        *days_out = days_from_civil(year, month, day);
        return 0;
}

/* ---- FINESS, regions, départements -------------------------------------- */

int mh_finess_check(const char *finess, char *why, size_t why_size)
{
        int digits[9], i, sum = 0;

        if (strlen(finess) != 9) {
                snprintf(why, why_size, "a FINESS number has 9 characters");
                return MH_EINVALID;
        }
        if (finess[0] == '2' && (finess[1] == 'A' || finess[1] == 'B')) {
                digits[0] = 2;
                digits[1] = finess[1] == 'A' ? 1 : 2;
        } else if (finess[0] >= '0' && finess[0] <= '9' && finess[1] >= '0' && finess[1] <= '9') {
                int code = (finess[0] - '0') * 10 + (finess[1] - '0');

                if (code < 1 || code == 20 || code > 98 || code == 96) {
                        snprintf(why, why_size, "'%.2s' is not a département code", finess);
                        return MH_EINVALID;
                }
                digits[0] = finess[0] - '0';
                digits[1] = finess[1] - '0';
        } else {
                snprintf(why, why_size, "a FINESS number starts with a département code");
                return MH_EINVALID;
        }
        for (i = 2; i < 9; i++) {
                if (finess[i] < '0' || finess[i] > '9') {
                        snprintf(why, why_size,
                                 "a FINESS number has 7 digits after its département code");
                        return MH_EINVALID;
                }
                digits[i] = finess[i] - '0';
        }
        /* Luhn: from the right, every second digit doubled */
        for (i = 0; i < 9; i++) {
                int d = digits[8 - i];

                if (i % 2 == 1) {
                        d *= 2;
                        if (d > 9)
                                d -= 9;
                }
                sum += d;
        }
        if (sum % 10 != 0) {
                snprintf(why, why_size, "its check digit is wrong (Luhn key)");
                return MH_EINVALID;
        }
        return 0;
}

/* The INSEE regions (one ARS each) and their names; NULL for another code. */
static const char *region_lookup(const char *code)
{
        static const char *const names[][2] = {{"01", "Guadeloupe"},
                                               {"02", "Martinique"},
                                               {"03", "Guyane"},
                                               {"04", "La Réunion"},
                                               {"06", "Mayotte"},
                                               {"11", "Île-de-France"},
                                               {"24", "Centre-Val de Loire"},
                                               {"27", "Bourgogne-Franche-Comté"},
                                               {"28", "Normandie"},
                                               {"32", "Hauts-de-France"},
                                               {"44", "Grand Est"},
                                               {"52", "Pays de la Loire"},
                                               {"53", "Bretagne"},
                                               {"75", "Nouvelle-Aquitaine"},
                                               {"76", "Occitanie"},
                                               {"84", "Auvergne-Rhône-Alpes"},
                                               {"93", "Provence-Alpes-Côte d'Azur"},
                                               {"94", "Corse"}};
        size_t i;

        for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
                if (strcmp(names[i][0], code) == 0)
                        return names[i][1];
        return NULL;
}

int mh_region_valid(const char *region)
{
        return region_lookup(region) != NULL;
}

const char *mh_region_name(const char *code)
{
        const char *name = region_lookup(code);

        return name != NULL ? name : code;
}

static int departement_valid(const char *code)
{
        size_t n = strlen(code);

        if (strcmp(code, "2A") == 0 || strcmp(code, "2B") == 0)
                return 1;
        if (n == 2 && strspn(code, "0123456789") == 2) {
                int d = atoi(code);

                return d >= 1 && d <= 95 && d != 20;
        }
        if (n == 3 && strspn(code, "0123456789") == 3) {
                int d = atoi(code);

                return d >= 971 && d <= 976 && d != 975;
        }
        return 0;
}

/* ---- Answer values ------------------------------------------------------ */

static int is_null_text(const char *text)
{
        switch (text[0]) {
        case '\0':
                return 1;
        case '~':
                return text[1] == '\0';
        case 'n':
        case 'N':
                return strcmp(text, "null") == 0 || strcmp(text, "Null") == 0 ||
                       strcmp(text, "NULL") == 0;
        default:
                return 0;
        }
}

/*
 * `text` is `word` (lower case ASCII letters) in any case, as strcasecmp()
 * says in the C locale: inline, since every boolean answer goes through it.
 */
static int is_word(const char *text, const char *word)
{
        for (; *word != '\0'; text++, word++)
                if ((*text | 0x20) != *word) /* only 'x' and 'X' give 'x' */
                        return 0;
        return *text == '\0';
}

/*
 * [-+]?digits(.digits)?  (no exponent, no hex: what people type)
 *
 * With at most 15 digits in all, the digits make an integer m < 10^15 < 2^53
 * and the value is m / 10^f for f decimals (f <= 15): both are doubles
 * exactly, so the one rounding of the division gives the double nearest to
 * the text, as strtod() does.  Longer numbers go to strtod() (C locale).
 */
static inline int parse_plain_number(const char *text, double *out, int *whole)
{
        static const double powers_of_ten[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                               1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
        const char *p = text;
        int digits = 0, decimals = 0, negative = *p == '-';
        uint64_t mantissa = 0;

        if (*p == '-' || *p == '+')
                p++;
        for (; *p >= '0' && *p <= '9'; p++, digits++)
                mantissa = mantissa * 10 + (uint64_t)(*p - '0');
        *whole = 1;
        if (*p == '.') {
                *whole = 0;
                p++;
                for (; *p >= '0' && *p <= '9'; p++, digits++, decimals++)
                        mantissa = mantissa * 10 + (uint64_t)(*p - '0');
        }
        if (digits == 0 || *p != '\0')
                return -1;
        if (digits <= 15) {
                *out = (double)mantissa / powers_of_ten[decimals];
                if (negative)
                        *out = -*out;
                return 0;
        }
        *out = mh_strtod_c(text, NULL);
        return isfinite(*out) ? 0 : -1;
}

/*
 * Turns `text` into the answer of `ind`.  `plain`: written without quotes
 * (only a plain `na` or an empty plain value has a special meaning).
 * Returns 0, or MH_EINVALID with the reason in `why` (without the indicator's id).
 */
static inline int parse_answer(const mh_establishment *est, const struct mh_indicator *ind,
                               const char *text, int plain, struct mh_answer *answer, char *why,
                               size_t why_size)
{
        double number;
        int whole;
        size_t i;

        memset(answer, 0, sizeof(*answer));
        if (text[0] == '\0' || (plain && is_null_text(text))) { /* "" is empty too */
                answer->state = MH_ANSWER_NONE;
                return 0;
        }
        if (plain && text[0] == 'n' && text[1] == 'a' && text[2] == '\0') {
                if (!ind->na_allowed) {
                        snprintf(why, why_size,
                                 "cannot be answered na: this indicator does not allow it");
                        return MH_EINVALID;
                }
                answer->state = MH_ANSWER_NA;
                answer->text = "na";
                return 0;
        }
        answer->state = MH_ANSWER_VALUE;
        answer->text = text;
        switch (ind->type) {
        case MH_INDICATOR_BOOLEAN:
                if (is_word(text, "true") || is_word(text, "yes") || is_word(text, "oui")) {
                        answer->number = 1;
                        answer->text = "true";
                } else if (is_word(text, "false") || is_word(text, "no") || is_word(text, "non")) {
                        answer->number = 0;
                        answer->text = "false";
                } else {
                        snprintf(why, why_size, "expects oui or non (true or false), got '%.60s'",
                                 text);
                        return MH_EINVALID;
                }
                return 0;
        case MH_INDICATOR_CHOICE:
                for (i = 0; i < ind->n_options; i++) {
                        if (strcmp(text, ind->options[i].value) == 0) {
                                answer->number = ind->options[i].score;
                                answer->text = ind->options[i].value;
                                return 0;
                        }
                }
                {
                        int n = snprintf(why, why_size, "expects one of ");

                        for (i = 0; i < ind->n_options && n > 0 && (size_t)n < why_size; i++)
                                n += snprintf(why + n, why_size - (size_t)n, "%s%s", i ? ", " : "",
                                              ind->options[i].value);
                        if (n > 0 && (size_t)n < why_size)
                                snprintf(why + n, why_size - (size_t)n, "; got '%.60s'", text);
                }
                return MH_EINVALID;
        case MH_INDICATOR_PERCENT:
                if (parse_plain_number(text, &number, &whole) < 0) {
                        snprintf(why, why_size, "expects a percentage from 0 to 100, got '%.60s'",
                                 text);
                        return MH_EINVALID;
                }
                if (number < 0 || number > 100) {
                        snprintf(why, why_size, "is a percentage from 0 to 100, got %s", text);
                        return MH_EINVALID;
                }
                answer->number = number;
                return 0;
        case MH_INDICATOR_INTEGER:
                if (parse_plain_number(text, &number, &whole) < 0 || !whole) {
                        snprintf(why, why_size, "expects a whole number, got '%.60s'", text);
                        return MH_EINVALID;
                }
                if (number < 0) {
                        snprintf(why, why_size, "expects a whole number of 0 or more, got %s",
                                 text);
                        return MH_EINVALID;
                }
                answer->number = number;
                return 0;
        case MH_INDICATOR_DATE:
                if (mh_parse_date(text, &answer->days, why, why_size) < 0) {
                        if (strstr(why, "calendar") == NULL)
                                snprintf(why, why_size, "expects a date YYYY-MM-DD, got '%.60s'",
                                         text);
                        return MH_EINVALID;
                }
                if (est->reference_date != NULL && answer->days > est->reference_days) {
                        snprintf(why, why_size, "%s is after the campaign's reference date %s",
                                 text, est->reference_date);
                        return MH_EINVALID;
                }
                return 0;
        case MH_INDICATOR_TEXT:
                return 0;
        }
        return 0;
}

/* ---- Establishments ----------------------------------------------------- */

/*
 * A new establishment, with no answer, in `arena` (which it then owns, even
 * on failure), or in an arena of its own when `arena` is NULL.
 */
static int new_establishment_in(mh_establishment **out, const mh_referentiel *ref, mh_arena *arena)
{
        mh_establishment *est;

        if (arena == NULL && mh_arena_new(&arena) < 0)
                return MH_ENOMEM;
        if ((est = mh_arena_alloc(arena, sizeof(*est))) == NULL ||
            (est->answers =
                 mh_arena_alloc(arena, (ref->n_indicators + 1) * sizeof(*est->answers))) == NULL) {
                mh_arena_free(arena);
                return MH_ENOMEM;
        }
        est->arena = arena;
        est->ref = ref;
        est->beds = -1;
        *out = est;
        return 0;
}

static int new_establishment(mh_establishment **out, const mh_referentiel *ref)
{
        return new_establishment_in(out, ref, NULL);
}

/*
 * The establishment read from `doc`: it takes over the document's arena, so
 * that the texts it keeps (profile, answers, comments) are the document's own,
 * not copies.
 */
static int establishment_of(mh_establishment **out, const mh_referentiel *ref, mh_ydoc *doc)
{
        mh_arena *arena = mh_ydoc_take_arena(doc);

        return arena != NULL ? new_establishment_in(out, ref, arena) : MH_ENOMEM;
}

void mh_establishment_free(mh_establishment *est)
{
        if (est != NULL)
                mh_arena_free(est->arena);
}

static const char *copy_or_null(mh_arena *arena, const char *s, int *nomem)
{
        const char *copy;

        if (s == NULL)
                return NULL;
        if ((copy = mh_arena_strdup(arena, s)) == NULL)
                *nomem = 1;
        return copy;
}

int mh_establishment_copy(mh_establishment **out, const mh_establishment *est)
{
        mh_establishment *copy;
        size_t i;
        int nomem = 0, rc;

        if ((rc = new_establishment(&copy, est->ref)) < 0)
                return rc;
        copy->source = copy_or_null(copy->arena, est->source, &nomem);
        copy->line = est->line;
        copy->finess = copy_or_null(copy->arena, est->finess, &nomem);
        copy->finess_ej = copy_or_null(copy->arena, est->finess_ej, &nomem);
        copy->name = copy_or_null(copy->arena, est->name, &nomem);
        copy->region = copy_or_null(copy->arena, est->region, &nomem);
        copy->departement = copy_or_null(copy->arena, est->departement, &nomem);
        copy->category = copy_or_null(copy->arena, est->category, &nomem);
        copy->beds = est->beds;
        copy->ose = est->ose;
        copy->ght = copy_or_null(copy->arena, est->ght, &nomem);
        copy->campaign = copy_or_null(copy->arena, est->campaign, &nomem);
        copy->reference_date = copy_or_null(copy->arena, est->reference_date, &nomem);
        copy->reference_days = est->reference_days;
        copy->submission = est->submission;
        for (i = 0; i < est->ref->n_indicators; i++) {
                copy->answers[i] = est->answers[i];
                copy->answers[i].text = copy_or_null(copy->arena, est->answers[i].text, &nomem);
                copy->answers[i].comment =
                    copy_or_null(copy->arena, est->answers[i].comment, &nomem);
        }
        if (nomem) {
                mh_establishment_free(copy);
                return MH_ENOMEM;
        }
        *out = copy;
        return 0;
}

int mh_establishment_new(mh_establishment **out, const mh_referentiel *ref,
                         const mh_profile *profile, char *why, size_t why_size)
{
        mh_establishment *est;
        char reason[160];
        int nomem = 0, rc;

        if (out == NULL || ref == NULL || profile == NULL)
                return MH_EUSAGE;
        if (profile->finess == NULL ||
            mh_finess_check(profile->finess, reason, sizeof(reason)) < 0) {
                snprintf(why, why_size, "invalid FINESS '%.20s': %s",
                         profile->finess ? profile->finess : "",
                         profile->finess ? reason : "a FINESS number is required");
                return MH_EINVALID;
        }
        if (profile->finess_ej != NULL &&
            mh_finess_check(profile->finess_ej, reason, sizeof(reason)) < 0) {
                snprintf(why, why_size, "invalid FINESS EJ '%.20s': %s", profile->finess_ej,
                         reason);
                return MH_EINVALID;
        }
        if (profile->name == NULL || profile->name[0] == '\0') {
                snprintf(why, why_size, "the establishment needs a name");
                return MH_EINVALID;
        }
        if (profile->region == NULL || !mh_region_valid(profile->region)) {
                snprintf(why, why_size, "unknown region '%.20s': expected an INSEE region code",
                         profile->region ? profile->region : "");
                return MH_EINVALID;
        }
        if (profile->departement != NULL && !departement_valid(profile->departement)) {
                snprintf(why, why_size, "unknown département '%.20s'", profile->departement);
                return MH_EINVALID;
        }
        if (profile->category == NULL || strlen(profile->category) != 3 ||
            strspn(profile->category, "0123456789") != 3) {
                snprintf(why, why_size,
                         "invalid category '%.20s': expected a 3-digit FINESS category code",
                         profile->category ? profile->category : "");
                return MH_EINVALID;
        }
        if (profile->campaign == NULL || profile->campaign[0] == '\0') {
                snprintf(why, why_size, "the campaign needs an id");
                return MH_EINVALID;
        }
        if ((rc = new_establishment(&est, ref)) < 0)
                return rc;
        if (profile->reference_date == NULL ||
            mh_parse_date(profile->reference_date, &est->reference_days, reason, sizeof(reason)) <
                0) {
                snprintf(why, why_size, "invalid reference date '%.20s': %s",
                         profile->reference_date ? profile->reference_date : "",
                         profile->reference_date ? reason : "a date is required");
                mh_establishment_free(est);
                return MH_EINVALID;
        }
        est->source = "";
        est->finess = copy_or_null(est->arena, profile->finess, &nomem);
        est->finess_ej = copy_or_null(est->arena, profile->finess_ej, &nomem);
        est->name = copy_or_null(est->arena, profile->name, &nomem);
        est->region = copy_or_null(est->arena, profile->region, &nomem);
        est->departement = copy_or_null(est->arena, profile->departement, &nomem);
        est->category = copy_or_null(est->arena, profile->category, &nomem);
        est->beds = profile->beds < 0 ? -1 : profile->beds;
        est->ose = profile->ose != 0;
        est->ght = copy_or_null(est->arena, profile->ght, &nomem);
        est->campaign = copy_or_null(est->arena, profile->campaign, &nomem);
        est->reference_date = copy_or_null(est->arena, profile->reference_date, &nomem);
        est->submission = profile->submission;
        if (nomem) {
                mh_establishment_free(est);
                return MH_ENOMEM;
        }
        *out = est;
        return 0;
}

int mh_establishment_set_answer(mh_establishment *est, const mh_indicator *indicator,
                                const char *text, char *why, size_t why_size)
{
        struct mh_answer answer;
        const char *comment = est->answers[indicator->index].comment;
        int rc;

        if (text == NULL)
                text = "";
        if ((rc = parse_answer(est, indicator, text, 1, &answer, why, why_size)) < 0)
                return rc;
        if (answer.text != NULL && (answer.text = mh_arena_strdup(est->arena, answer.text)) == NULL)
                return MH_ENOMEM;
        answer.comment = comment;
        est->answers[indicator->index] = answer;
        return 0;
}

int mh_establishment_set_comment(mh_establishment *est, const mh_indicator *indicator,
                                 const char *comment)
{
        const char *copy = NULL;

        if (comment != NULL && comment[0] != '\0' &&
            (copy = mh_arena_strdup(est->arena, comment)) == NULL)
                return MH_ENOMEM;
        est->answers[indicator->index].comment = copy;
        return 0;
}

void mh_establishment_set_submission(mh_establishment *est, mh_submission submission)
{
        est->submission = submission;
}

/* ---- Reading documents -------------------------------------------------- */

static void check_error(doc_check *c, const mh_ynode *node, const char *fmt, ...) MH_PRINTF(3, 4);

/* Diagnoses a problem of the document, naming the establishment. */
static void check_error(doc_check *c, const mh_ynode *node, const char *fmt, ...)
{
        char message[MH_ERROR_MESSAGE_MAX];
        va_list ap;

        if (node != NULL && node->kind == MH_YSCALAR && node->length == 0 && node->plain &&
            node->key != NULL)
                node = node->key;
        va_start(ap, fmt);
        vsnprintf(message, sizeof(message), fmt, ap);
        va_end(ap);
        mh_diag_add(c->reader->diags, c->reader->source, node ? node->line : c->reader->last_line,
                    node ? node->column : 1, "%s: %s", c->reader->label, message);
        c->errors++;
}

static const char *describe(const mh_ynode *node, char *buf, size_t size)
{
        if (node->kind == MH_YSCALAR && mh_yscalar_kind(node) != MH_YNULL) {
                snprintf(buf, size, "'%.60s'", node->value);
                return buf;
        }
        return mh_ynode_describe(node);
}

/* Keys of `map` not in `allowed` are errors. */
static void check_keys(doc_check *c, const mh_ynode *map, const char *where,
                       const char *const *allowed)
{
        const mh_ynode *child;
        size_t i;

        for (child = map->first; child != NULL; child = child->next) {
                const char *key = child->key->value;

                for (i = 0; allowed[i] != NULL; i++)
                        if (key[0] == allowed[i][0] && strcmp(key, allowed[i]) == 0)
                                break;
                if (allowed[i] == NULL)
                        check_error(c, child->key, "unknown key '%.64s' %s", child->key->value,
                                    where);
        }
}

/* The text of a required or optional scalar; NULL when absent or wrong (diagnosed). */
static const char *scalar_text(doc_check *c, const mh_ynode *map, const char *key, int required,
                               const char *where)
{
        const mh_ynode *node = mh_ynode_get(map, key);
        char buf[96];

        if (node == NULL) {
                if (required)
                        check_error(c, map, "missing required key '%s' %s", key, where);
                return NULL;
        }
        if (node->kind != MH_YSCALAR || (node->plain && is_null_text(node->value))) {
                if (required || node->kind != MH_YSCALAR)
                        check_error(c, node, "'%s' must be a value, got %s", key,
                                    describe(node, buf, sizeof(buf)));
                return NULL;
        }
        if (strspn(node->value, " \t") == node->length) {
                check_error(c, node, "'%s' must not be empty", key);
                return NULL;
        }
        return node->value;
}

static const mh_ynode *mapping(doc_check *c, const mh_ynode *map, const char *key, int required,
                               const char *where)
{
        const mh_ynode *node = mh_ynode_get(map, key);
        char buf[96];

        if (node == NULL) {
                if (required)
                        check_error(c, map, "missing required key '%s' %s", key, where);
                return NULL;
        }
        if (node->kind != MH_YMAPPING) {
                int empty = node->kind == MH_YSCALAR && node->plain && is_null_text(node->value);

                if (empty && strcmp(key, "answers") != 0 && strcmp(key, "comments") != 0) {
                        check_error(c, node, "'%s' must be a mapping, got an empty value", key);
                        return NULL;
                }
                if (empty)
                        return NULL; /* `answers:` with nothing yet */
                check_error(c, node, "'%s' must be a mapping, got %s", key,
                            describe(node, buf, sizeof(buf)));
                return NULL;
        }
        return node;
}

static void check_profile(doc_check *c, const mh_ynode *est_node)
{
        static const char *const keys[] = {"finess",   "finess_ej", "name", "region", "departement",
                                           "category", "beds",      "ose",  "ght",    NULL};
        static const char *const where = "in 'establishment'";
        mh_establishment *est = c->est;
        const mh_ynode *node;
        const char *text;
        char why[160];

        check_keys(c, est_node, where, keys);
        /* the FINESS was checked first, to name the establishment in messages */
        if ((text = scalar_text(c, est_node, "finess_ej", 0, where)) != NULL) {
                if (mh_finess_check(text, why, sizeof(why)) < 0)
                        check_error(c, mh_ynode_get(est_node, "finess_ej"),
                                    "invalid FINESS EJ '%.20s': %s", text, why);
                else
                        est->finess_ej = text;
        }
        if ((text = scalar_text(c, est_node, "name", 1, where)) != NULL)
                est->name = text;
        if ((text = scalar_text(c, est_node, "region", 1, where)) != NULL) {
                if (!mh_region_valid(text))
                        check_error(c, mh_ynode_get(est_node, "region"),
                                    "unknown region '%.20s': expected an INSEE region code (01, "
                                    "02, 03, 04, 06, 11, 24, 27, 28, 32, 44, 52, 53, 75, 76, 84, "
                                    "93, 94)",
                                    text);
                else
                        est->region = text;
        }
        if ((text = scalar_text(c, est_node, "departement", 0, where)) != NULL) {
                if (!departement_valid(text))
                        check_error(c, mh_ynode_get(est_node, "departement"),
                                    "unknown département '%.20s': expected an INSEE code such "
                                    "as 01, 2A or 974",
                                    text);
                else
                        est->departement = text;
        }
        if ((text = scalar_text(c, est_node, "category", 1, where)) != NULL) {
                if (strlen(text) != 3 || strspn(text, "0123456789") != 3)
                        check_error(c, mh_ynode_get(est_node, "category"),
                                    "invalid category '%.20s': expected a 3-digit FINESS "
                                    "category code",
                                    text);
                else
                        est->category = text;
        }
        if ((node = mh_ynode_get(est_node, "beds")) != NULL &&
            !(node->kind == MH_YSCALAR && node->plain && is_null_text(node->value))) {
                double beds;
                int whole;

                if (node->kind != MH_YSCALAR ||
                    parse_plain_number(node->value, &beds, &whole) < 0 || !whole || beds < 0 ||
                    beds > 1e9) {
                        char buf[96];

                        check_error(c, node, "'beds' must be a whole number of 0 or more, got %s",
                                    describe(node, buf, sizeof(buf)));
                } else {
                        est->beds = (long)beds;
                }
        }
        if ((node = mh_ynode_get(est_node, "ose")) != NULL &&
            !(node->kind == MH_YSCALAR && node->plain && is_null_text(node->value))) {
                const char *v = node->kind == MH_YSCALAR ? node->value : "";

                if (is_word(v, "true") || is_word(v, "oui") || is_word(v, "yes"))
                        est->ose = 1;
                else if (is_word(v, "false") || is_word(v, "non") || is_word(v, "no"))
                        est->ose = 0;
                else {
                        char buf[96];

                        check_error(c, node, "'ose' must be true or false (oui or non), got %s",
                                    describe(node, buf, sizeof(buf)));
                }
        }
        if ((text = scalar_text(c, est_node, "ght", 0, where)) != NULL)
                est->ght = text;
}

/* Names the document in messages: its FINESS when valid, else its position. */
static void label_document(mh_answers_reader *reader, doc_check *c, const mh_ynode *root,
                           unsigned line)
{
        static const char prefix[] = "establishment ";
        const mh_ynode *est_node = mh_ynode_get(root, "establishment");
        const mh_ynode *finess = mh_ynode_get(est_node, "finess");
        char why[160], buf[96];

        reader->last_line = line;
        if (finess != NULL && finess->kind == MH_YSCALAR && finess->length > 0 &&
            mh_finess_check(finess->value, why, sizeof(why)) == 0) {
                /* a valid FINESS is 9 digits: no printf for every establishment read */
                memcpy(reader->label, prefix, sizeof(prefix) - 1);
                memcpy(reader->label + sizeof(prefix) - 1, finess->value, finess->length + 1);
                c->est->finess = finess->value;
                return;
        }
        snprintf(reader->label, sizeof(reader->label), "establishment at line %u", line);
        if (finess == NULL)
                return; /* diagnosed as a missing key */
        if (finess->kind != MH_YSCALAR || finess->length == 0)
                check_error(c, finess, "'finess' must be a FINESS number, got %s",
                            describe(finess, buf, sizeof(buf)));
        else
                check_error(c, finess, "invalid FINESS '%.20s': %s", finess->value, why);
}

static void check_answers(doc_check *c, const mh_ynode *answers, const mh_ynode *comments)
{
        const mh_referentiel *ref = c->reader->ref;
        mh_establishment *est = c->est;
        const mh_ynode *child;
        char why[MH_ERROR_MESSAGE_MAX / 2], buf[96];

        for (child = answers ? answers->first : NULL; child != NULL; child = child->next) {
                const char *id = child->key->value;
                const mh_indicator *ind = mh_referentiel_find_indicator_hashed(
                    ref, id, child->key->length, child->key->hash);
                struct mh_answer *answer;

                if (ind == NULL) {
                        if (mh_referentiel_find_criterion(ref, id) != NULL ||
                            mh_referentiel_find_domain(ref, id) != NULL)
                                check_error(c, child->key,
                                            "'%.64s' is a %s, not an indicator: answer its "
                                            "indicators",
                                            id,
                                            mh_referentiel_find_domain(ref, id) ? "domain"
                                                                                : "criterion");
                        else
                                check_error(c, child->key,
                                            "unknown indicator '%.64s' (not in référentiel %s "
                                            "%s)",
                                            id, ref->id, ref->version);
                        continue;
                }
                if (child->kind != MH_YSCALAR) {
                        check_error(c, child, "'%s' must be a single value, got %s", id,
                                    describe(child, buf, sizeof(buf)));
                        continue;
                }
                /*
                 * Parsed in place (each indicator is given once: the YAML
                 * reader drops duplicate keys); an answer in error is left
                 * empty.  Copying a parsed local instead stalled on reading
                 * back what had just been written.
                 */
                answer = &est->answers[ind->index];
                if (parse_answer(est, ind, child->value, child->plain, answer, why, sizeof(why)) <
                    0) {
                        memset(answer, 0, sizeof(*answer));
                        check_error(c, child, "'%s' %s", id, why);
                }
        }
        for (child = comments ? comments->first : NULL; child != NULL; child = child->next) {
                const char *id = child->key->value;
                const mh_indicator *ind = mh_referentiel_find_indicator_hashed(
                    ref, id, child->key->length, child->key->hash);

                if (ind == NULL) {
                        check_error(c, child->key, "comment on unknown indicator '%.64s'", id);
                        continue;
                }
                if (child->kind != MH_YSCALAR) {
                        check_error(c, child, "the comment on '%s' must be text, got %s", id,
                                    describe(child, buf, sizeof(buf)));
                        continue;
                }
                if (!(child->plain && is_null_text(child->value)))
                        est->answers[ind->index].comment = child->value;
        }
}

static void check_document(doc_check *c, const mh_ynode *root)
{
        static const char *const keys[] = {"format", "referentiel", "campaign", "establishment",
                                           "status", "answers",     "comments", NULL};
        static const char *const top = "at the top level";
        mh_answers_reader *reader = c->reader;
        mh_establishment *est = c->est;
        const mh_ynode *node, *ref_node, *campaign, *est_node, *answers, *comments;
        const char *text;
        char why[160], buf[96];

        if (root->kind != MH_YMAPPING) {
                check_error(c, root,
                            "an answers document must be a mapping (format, referentiel, "
                            "campaign, establishment, answers), got %s",
                            describe(root, buf, sizeof(buf)));
                return;
        }
        if ((text = scalar_text(c, root, "format", 1, top)) != NULL &&
            strcmp(text, MH_ANSWERS_FORMAT) != 0) {
                check_error(c, mh_ynode_get(root, "format"),
                            "unsupported format '%.40s': expected '%s'", text, MH_ANSWERS_FORMAT);
                return;
        }
        check_keys(c, root, top, keys);
        if ((ref_node = mapping(c, root, "referentiel", 1, top)) != NULL) {
                const char *id = scalar_text(c, ref_node, "id", 1, "in 'referentiel'");
                const char *version = scalar_text(c, ref_node, "version", 1, "in 'referentiel'");
                static const char *const ref_keys[] = {"id", "version", NULL};

                check_keys(c, ref_node, "in 'referentiel'", ref_keys);
                if (id != NULL && version != NULL &&
                    (strcmp(id, reader->ref->id) != 0 ||
                     strcmp(version, reader->ref->version) != 0))
                        check_error(c, ref_node,
                                    "these answers are for référentiel %.64s %.32s, but the "
                                    "référentiel given is %s %s",
                                    id, version, reader->ref->id, reader->ref->version);
        }
        if ((campaign = mapping(c, root, "campaign", 1, top)) != NULL) {
                static const char *const campaign_keys[] = {"id", "reference_date", NULL};

                check_keys(c, campaign, "in 'campaign'", campaign_keys);
                if ((text = scalar_text(c, campaign, "id", 1, "in 'campaign'")) != NULL)
                        est->campaign = text;
                if ((text = scalar_text(c, campaign, "reference_date", 1, "in 'campaign'")) !=
                    NULL) {
                        if (mh_parse_date(text, &est->reference_days, why, sizeof(why)) < 0)
                                check_error(c, mh_ynode_get(campaign, "reference_date"),
                                            strncmp(why, "expects", 7) == 0
                                                ? "'reference_date' %s, got '%.40s'"
                                                : "'reference_date': %s",
                                            why, text);
                        else
                                est->reference_date = text;
                }
        }
        if ((est_node = mapping(c, root, "establishment", 1, top)) != NULL) {
                if (mh_ynode_get(est_node, "finess") == NULL)
                        check_error(c, est_node,
                                    "missing required key 'finess' in "
                                    "'establishment'");
                check_profile(c, est_node);
        }
        if ((node = mh_ynode_get(root, "status")) != NULL &&
            !(node->kind == MH_YSCALAR && node->plain && is_null_text(node->value))) {
                if (node->kind == MH_YSCALAR && strcmp(node->value, "submitted") == 0)
                        est->submission = MH_SUBMISSION_SUBMITTED;
                else if (node->kind == MH_YSCALAR && strcmp(node->value, "draft") == 0)
                        est->submission = MH_SUBMISSION_DRAFT;
                else
                        check_error(c, node, "unknown status %s: expected draft or submitted",
                                    describe(node, buf, sizeof(buf)));
        }
        answers = mapping(c, root, "answers", 1, top);
        comments = mapping(c, root, "comments", 0, top);
        check_answers(c, answers, comments);
}

static size_t count_or_zero(const mh_diagnostics *diags)
{
        return diags != NULL ? mh_diagnostics_count(diags) : 0;
}

/* Re-issues the YAML-level errors of the document, naming the establishment. */
static void relay_yaml_errors(mh_answers_reader *reader)
{
        size_t i;

        for (i = 0; i < mh_diagnostics_count(reader->yaml_diags); i++) {
                const mh_error *err = mh_diagnostics_get(reader->yaml_diags, i);

                if (reader->label[0] != '\0')
                        mh_diag_add(reader->diags, err->source, err->line, err->column, "%s: %s",
                                    reader->label, err->message);
                else
                        mh_diag_add(reader->diags, err->source, err->line, err->column, "%s",
                                    err->message);
        }
        mh_diagnostics_clear(reader->yaml_diags);
}

/* A document with no content at all (`---` alone, or comments only). */
static int is_empty_document(const mh_ydoc *doc)
{
        const mh_ynode *root = mh_ydoc_root(doc);

        return root->kind == MH_YSCALAR && root->plain && root->length == 0;
}

int mh_answers_next(mh_answers_reader *reader, mh_establishment **out)
{
        size_t first = count_or_zero(reader->diags);
        mh_ydoc *doc = NULL;
        doc_check c;
        int rc;

        memset(&c, 0, sizeof(c));
        c.reader = reader;
        reader->label[0] = '\0';
        do {
                mh_ydoc_free(doc);
                doc = NULL;
                rc = mh_yreader_next(reader->yaml, &doc);
        } while (rc == 1 && is_empty_document(doc) && mh_ydoc_error_count(doc) == 0);
        if (rc <= 0) {
                if (doc != NULL) { /* a broken document: name it from what was read */
                        if (establishment_of(&c.est, reader->ref, doc) == 0)
                                label_document(reader, &c, mh_ydoc_root(doc), mh_ydoc_line(doc));
                }
                relay_yaml_errors(reader);
                mh_diag_sort_from(reader->diags, first);
                mh_establishment_free(c.est);
                mh_ydoc_free(doc);
                return rc;
        }
        if ((rc = establishment_of(&c.est, reader->ref, doc)) < 0)
                goto out;
        c.est->line = mh_ydoc_line(doc);
        c.errors = mh_ydoc_error_count(doc);
        label_document(reader, &c, mh_ydoc_root(doc), mh_ydoc_line(doc));
        relay_yaml_errors(reader);
        check_document(&c, mh_ydoc_root(doc));
        if ((c.est->source = mh_arena_strdup(c.est->arena, reader->source)) == NULL)
                c.nomem = 1;
        if (c.nomem) {
                mh_diag_add(reader->diags, reader->source, 0, 0, "out of memory");
                rc = MH_ENOMEM;
                goto out;
        }
        if (c.errors > 0) {
                rc = MH_EINVALID;
                goto out;
        }
        *out = c.est;
        c.est = NULL;
        rc = 1;
out:
        mh_diag_sort_from(reader->diags, first);
        mh_establishment_free(c.est);
        mh_ydoc_free(doc);
        return rc;
}

static int open_reader(mh_answers_reader **out, const mh_referentiel *ref, const char *source,
                       mh_diagnostics *diags)
{
        mh_answers_reader *reader = mh_malloc(sizeof(*reader));

        if (reader == NULL)
                return MH_ENOMEM;
        memset(reader, 0, sizeof(*reader));
        reader->ref = ref;
        reader->diags = diags;
        if ((reader->source = mh_strdup(source)) == NULL ||
            mh_diagnostics_new(&reader->yaml_diags) < 0) {
                mh_free(reader->source);
                mh_free(reader);
                return MH_ENOMEM;
        }
        *out = reader;
        return 0;
}

int mh_answers_open_file(mh_answers_reader **out, const mh_referentiel *ref, const char *path,
                         mh_diagnostics *diags)
{
        mh_answers_reader *reader;
        int rc;

        if (out == NULL || ref == NULL || path == NULL)
                return MH_EUSAGE;
        if ((rc = open_reader(&reader, ref, path, diags)) < 0)
                return rc;
        if ((reader->file = mh_open_input(path, MH_ANSWERS_MAX_BYTES, diags, &rc)) == NULL) {
                mh_answers_close(reader);
                return rc;
        }
        if ((rc = mh_yreader_new_file(&reader->yaml, reader->file, MH_ANSWERS_MAX_BYTES,
                                      reader->source, reader->yaml_diags)) < 0) {
                mh_answers_close(reader);
                return rc;
        }
        *out = reader;
        return 0;
}

int mh_answers_open_buffer(mh_answers_reader **out, const mh_referentiel *ref, const char *data,
                           size_t length, const char *source, mh_diagnostics *diags)
{
        mh_answers_reader *reader;
        int rc;

        if (out == NULL || ref == NULL || (data == NULL && length > 0))
                return MH_EUSAGE;
        if ((rc = open_reader(&reader, ref, source ? source : "<answers>", diags)) < 0)
                return rc;
        if ((rc = mh_yreader_new_buffer(&reader->yaml, data, length, reader->source,
                                        reader->yaml_diags)) < 0) {
                mh_answers_close(reader);
                return rc;
        }
        *out = reader;
        return 0;
}

void mh_answers_close(mh_answers_reader *reader)
{
        if (reader == NULL)
                return;
        mh_yreader_free(reader->yaml);
        mh_diagnostics_free(reader->yaml_diags);
        if (reader->file != NULL)
                fclose(reader->file);
        mh_free(reader->source);
        mh_free(reader);
}

const char *mh_answers_last_label(const mh_answers_reader *reader)
{
        return reader->label;
}

unsigned mh_answers_last_line(const mh_answers_reader *reader)
{
        return reader->last_line;
}

/* ---- Accessors ---------------------------------------------------------- */

const char *mh_establishment_finess(const mh_establishment *est)
{
        return est->finess;
}

const char *mh_establishment_finess_ej(const mh_establishment *est)
{
        return est->finess_ej;
}

const char *mh_establishment_name(const mh_establishment *est)
{
        return est->name;
}

const char *mh_establishment_region(const mh_establishment *est)
{
        return est->region;
}

const char *mh_establishment_departement(const mh_establishment *est)
{
        return est->departement;
}

const char *mh_establishment_category(const mh_establishment *est)
{
        return est->category;
}

long mh_establishment_beds(const mh_establishment *est)
{
        return est->beds;
}

int mh_establishment_ose(const mh_establishment *est)
{
        return est->ose;
}

const char *mh_establishment_ght(const mh_establishment *est)
{
        return est->ght;
}

const char *mh_establishment_campaign(const mh_establishment *est)
{
        return est->campaign;
}

const char *mh_establishment_reference_date(const mh_establishment *est)
{
        return est->reference_date;
}

mh_submission mh_establishment_submission(const mh_establishment *est)
{
        return est->submission;
}

const char *mh_establishment_source(const mh_establishment *est)
{
        return est->source;
}

unsigned mh_establishment_line(const mh_establishment *est)
{
        return est->line;
}

mh_answer_state mh_establishment_answer_state(const mh_establishment *est,
                                              const mh_indicator *indicator)
{
        return est->answers[indicator->index].state;
}

const char *mh_establishment_answer_text(const mh_establishment *est, const mh_indicator *indicator)
{
        return est->answers[indicator->index].text;
}

const char *mh_establishment_comment(const mh_establishment *est, const mh_indicator *indicator)
{
        return est->answers[indicator->index].comment;
}
