/*
 * establishment.c: an establishment, its profile and its answers.
 *
 * The rules of a profile (FINESS, region, département, category, beds, OSE)
 * and of an answer's value live here, once: the answers reader, the CSV
 * imports, the store and the questionnaire all check through them.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer_value.h"
#include "establishment_internal.h"
#include "util/cnum.h"
#include "util/i18n.h"
#include "maturinh/categories.h"
#include "maturinh/territory.h"
#include "referentiel_internal.h"

/* ---- FINESS, regions, départements -------------------------------------- */

const char *mh__finess_problem(const char *finess, char buf[MH__FINESS_PROBLEM_SIZE])
{
        int digits[9], i, sum = 0;

        if (strlen(finess) != 9) {
                return mh__tr("a FINESS number has 9 characters");
        }
        if (finess[0] == '2' && (finess[1] == 'A' || finess[1] == 'B')) {
                digits[0] = 2;
                digits[1] = finess[1] == 'A' ? 1 : 2;
        } else if (finess[0] >= '0' && finess[0] <= '9' && finess[1] >= '0' && finess[1] <= '9') {
                int code = (finess[0] - '0') * 10 + (finess[1] - '0');

                if (code < 1 || code == 20 || code > 98 || code == 96) {
                        snprintf(buf, MH__FINESS_PROBLEM_SIZE,
                                 mh__tr("'%.2s' is not a département code"), finess);
                        return buf;
                }
                digits[0] = finess[0] - '0';
                digits[1] = finess[1] - '0';
        } else {
                return mh__tr("a FINESS number starts with a département code");
        }
        for (i = 2; i < 9; i++) {
                if (finess[i] < '0' || finess[i] > '9') {
                        return mh__tr("a FINESS number has 7 digits after its département code");
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
                /* the key that makes the sum a multiple of 10 (it is not doubled) */
                int key = (10 - (sum - digits[8]) % 10) % 10;

                snprintf(buf, MH__FINESS_PROBLEM_SIZE,
                         mh__tr("wrong check digit (the Luhn key of %.8s is %d)"), finess, key);
                return buf;
        }
        return NULL;
}

int mh_finess_check(const char *finess, mh_diagnostics *diags)
{
        char buf[MH__FINESS_PROBLEM_SIZE];
        const char *problem;

        if (finess == NULL)
                return MH_EUSAGE;
        if ((problem = mh__finess_problem(finess, buf)) != NULL) {
                mh__diag_add(diags, "", 0, 0, "%s", problem);
                return MH_EINVALID;
        }
        return 0;
}

int mh_region_valid(const char *region)
{
        return mh_region_name(region) != NULL;
}

const char *mh__region_name(const char *code)
{
        const char *name = mh_region_name(code);

        return name != NULL ? name : code;
}

int mh__departement_valid(const char *code)
{
        return mh_departement_region(code) != NULL;
}

const char *mh__departement_region_problem(const char *departement, const char *region, char *why,
                                           size_t why_size)
{
        const char *actual = mh_departement_region(departement);

        if (actual == NULL || region == NULL || strcmp(actual, region) == 0)
                return NULL;
        snprintf(why, why_size,
                 mh__tr("département %s (%s) is in region %s (%s), not in region %s (%s)"),
                 departement, mh_departement_name(departement), actual, mh__region_name(actual),
                 region, mh__region_name(region));
        return why;
}

void mh__finess_region_warn(mh_diagnostics *diags, const char *source, unsigned line,
                            unsigned column, const char *label, const char *finess,
                            const char *region)
{
        const char *departement = mh_finess_departement(finess);
        const char *actual = mh_departement_region(departement);

        if (actual == NULL || region == NULL || strcmp(actual, region) == 0 ||
            mh_region_name(region) == NULL)
                return;
        mh__diag_warn(diags, source, line, column,
                      N_("%s: the FINESS number is one of département %s (%s, region %s), not "
                         "of region %s (%s) as stated: right after a move or a merger of "
                         "regions, else check the region"),
                      label, departement, mh_departement_name(departement), actual, region,
                      mh__region_name(region));
}

void mh__sector_warn(mh_diagnostics *diags, const char *source, unsigned line, unsigned column,
                     const char *label, const char *category, const mh_referentiel *ref)
{
        mh_sector sector = mh_category_sector(category), expected = mh_referentiel_sector(ref);

        if (sector == MH_SECTOR_UNKNOWN || sector == expected)
                return;
        mh__diag_warn(diags, source, line, column,
                      sector == MH_SECTOR_MEDICO_SOCIAL
                          ? N_("%s: category %s (%s) is médico-social, and the référentiel %s is "
                               "written for the sanitaire sector: check the category or the "
                               "référentiel")
                          : N_("%s: category %s (%s) is sanitaire, and the référentiel %s is "
                               "written for the médico-social sector: check the category or the "
                               "référentiel"),
                      label, category, mh_category_label(category), mh_referentiel_id(ref));
}

/* ---- The profile's rules ----------------------------------------------- */

int mh__category_valid(const char *code)
{
        return mh_category_current(code);
}

int mh__profile_field(mh__field field, const char *text, long *value, char *why, size_t why_size)
{
        int n;
        double number;
        int whole;

        switch (field) { /* n: the quote of the value, computed only for a message */
        case MH__FIELD_REGION:
                if (mh_region_valid(text))
                        return 0;
                n = mh__utf8_prefix(text, 20);
                snprintf(
                    why, why_size,
                    mh__tr("unknown region '%.*s': expected an INSEE region code (01, 02, 03, 04, "
                           "06, 11, 24, 27, 28, 32, 44, 52, 53, 75, 76, 84, 93, 94)"),
                    n, text);
                return MH_EINVALID;
        case MH__FIELD_DEPARTEMENT:
                if (mh__departement_valid(text))
                        return 0;
                n = mh__utf8_prefix(text, 20);
                snprintf(
                    why, why_size,
                    mh__tr("unknown département '%.*s': expected an INSEE code such as 01, 2A or "
                           "974"),
                    n, text);
                return MH_EINVALID;
        case MH__FIELD_CATEGORY: {
                const mh_category *category = mh_category_find(text);

                if (category != NULL && category->retired == NULL)
                        return 0;
                n = mh__utf8_prefix(text, 20);
                if (category != NULL)
                        snprintf(why, why_size,
                                 mh__tr("category %s (%s) was retired from FINESS on %s: give "
                                        "the establishment's category of today"),
                                 category->code, category->label, category->retired);
                else if (strlen(text) == 3 && strspn(text, "0123456789") == 3)
                        snprintf(why, why_size,
                                 mh__tr("unknown category '%.*s': not a FINESS category code "
                                        "MaturiN'H knows (355 Centre Hospitalier, 500 EHPAD...: "
                                        "docs/categories.md lists them)"),
                                 n, text);
                else
                        snprintf(why, why_size,
                                 mh__tr("invalid category '%.*s': expected a 3-digit FINESS "
                                        "category code"),
                                 n, text);
                return MH_EINVALID;
        }
        case MH__FIELD_BEDS:
                if (mh__parse_plain_number(text, &number, &whole) == 0 && whole && number >= 0 &&
                    number <= MH_BEDS_MAX) {
                        *value = (long)number;
                        return 0;
                }
                n = mh__utf8_prefix(text, 20);
                snprintf(why, why_size,
                         mh__tr("'beds' must be a whole number from 0 to %d, got '%.*s'"),
                         MH_BEDS_MAX, n, text);
                return MH_EINVALID;
        case MH__FIELD_OSE:
                if (mh__is_word(text, "true") || mh__is_word(text, "oui") ||
                    mh__is_word(text, "yes")) {
                        *value = 1;
                        return 0;
                }
                if (mh__is_word(text, "false") || mh__is_word(text, "non") ||
                    mh__is_word(text, "no")) {
                        *value = 0;
                        return 0;
                }
                n = mh__utf8_prefix(text, 20);
                snprintf(why, why_size,
                         mh__tr("'ose' must be true or false (oui or non), got '%.*s'"), n, text);
                return MH_EINVALID;
        }
        return MH_EUSAGE;
}

/* Nonzero, with "'name': control character U+001B is not allowed" in `why`, for a bad text. */
static int one_line_problem(const char *field, const char *text, char *why, size_t why_size)
{
        char problem[96];

        if (text == NULL ||
            mh__text_problem(text, strlen(text), MH_TEXT_LINE, problem, sizeof(problem)) == 0)
                return 0;
        snprintf(why, why_size, mh__tr("'%s': %s"), field, problem);
        return 1;
}

const char *mh__profile_problem(const mh_profile *profile, char *why, size_t why_size)
{
        char buf[MH__FINESS_PROBLEM_SIZE];
        const char *problem = NULL;
        long ignored;

        if (profile->finess == NULL || (problem = mh__finess_problem(profile->finess, buf))) {
                const char *f = profile->finess ? profile->finess : "";

                snprintf(why, why_size, mh__tr("invalid FINESS '%.*s': %s"), mh__utf8_prefix(f, 20),
                         f, profile->finess ? problem : mh__tr("a FINESS number is required"));
                return why;
        }
        if (profile->finess_ej != NULL &&
            (problem = mh__finess_problem(profile->finess_ej, buf)) != NULL) {
                snprintf(why, why_size, mh__tr("invalid FINESS EJ '%.*s': %s"),
                         mh__utf8_prefix(profile->finess_ej, 20), profile->finess_ej, problem);
                return why;
        }
        if (profile->name == NULL || profile->name[0] == '\0') {
                snprintf(why, why_size, mh__tr("the establishment needs a name"));
                return why;
        }
        if (one_line_problem("name", profile->name, why, why_size) ||
            one_line_problem("ght", profile->ght, why, why_size) ||
            one_line_problem("campaign", profile->campaign, why, why_size))
                return why;
        if (mh__profile_field(MH__FIELD_REGION, profile->region ? profile->region : "", &ignored,
                              why, why_size) < 0 ||
            (profile->departement != NULL &&
             mh__profile_field(MH__FIELD_DEPARTEMENT, profile->departement, &ignored, why,
                               why_size) < 0) ||
            mh__profile_field(MH__FIELD_CATEGORY, profile->category ? profile->category : "",
                              &ignored, why, why_size) < 0)
                return why;
        if (profile->departement != NULL &&
            mh__departement_region_problem(profile->departement, profile->region, why, why_size))
                return why;
        if (profile->beds > MH_BEDS_MAX) {
                snprintf(why, why_size,
                         mh__tr("'beds' must be a whole number from 0 to %d, got '%ld'"),
                         MH_BEDS_MAX, profile->beds);
                return why;
        }
        if (profile->campaign == NULL || profile->campaign[0] == '\0') {
                snprintf(why, why_size, mh__tr("the campaign needs an id"));
                return why;
        }
        return NULL;
}

const char *mh__contact_problem(const char *name, const char *email, char *why, size_t why_size)
{
        const char *at;

        if (one_line_problem("contact_name", name, why, why_size) ||
            one_line_problem("contact_email", email, why, why_size))
                return why;
        if (email == NULL || email[0] == '\0')
                return NULL;
        at = strchr(email, '@');
        if (strlen(email) > MH_CONTACT_EMAIL_MAX || at == NULL || at == email || at[1] == '\0' ||
            strchr(at + 1, '@') != NULL || strpbrk(email, " \t") != NULL) {
                snprintf(why, why_size,
                         mh__tr("'contact_email': '%.*s' is not an email address (one '@', no "
                                "space, at most %d characters)"),
                         mh__utf8_prefix(email, 60), email, MH_CONTACT_EMAIL_MAX);
                return why;
        }
        return NULL;
}

/* ---- Establishments ----------------------------------------------------- */

/*
 * A new establishment, with no answer, in `arena` (which it then owns, even
 * on failure), or in an arena of its own when `arena` is NULL.
 */
int mh__establishment_new_in(mh_establishment **out, const mh_referentiel *ref, mh__arena *arena)
{
        mh_establishment *est;

        if (arena == NULL && mh__arena_new(&arena) < 0)
                return MH_ENOMEM;
        if ((est = mh__arena_alloc(arena, sizeof(*est))) == NULL ||
            (est->answers =
                 mh__arena_alloc(arena, (ref->n_indicators + 1) * sizeof(*est->answers))) == NULL) {
                mh__arena_free(arena);
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
        return mh__establishment_new_in(out, ref, NULL);
}

void mh_establishment_free(mh_establishment *est)
{
        if (est != NULL)
                mh__arena_free(est->arena);
}

static const char *copy_or_null(mh__arena *arena, const char *s, int *nomem)
{
        const char *copy;

        if (s == NULL)
                return NULL;
        if ((copy = mh__arena_strdup(arena, s)) == NULL)
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
        copy->contact_name = copy_or_null(copy->arena, est->contact_name, &nomem);
        copy->contact_email = copy_or_null(copy->arena, est->contact_email, &nomem);
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
                         const mh_profile *profile, mh_diagnostics *diags)
{
        mh_establishment *est;
        char reason[320];
        int nomem = 0, rc;

        if (out == NULL || ref == NULL || profile == NULL)
                return MH_EUSAGE;
        if (mh__profile_problem(profile, reason, sizeof(reason)) != NULL) {
                mh__diag_add(diags, "", 0, 0, "%s", reason);
                return MH_EINVALID;
        }
        if (mh__contact_problem(profile->contact_name, profile->contact_email, reason,
                                sizeof(reason)) != NULL) {
                mh__diag_add(diags, "", 0, 0, "%s", reason);
                return MH_EINVALID;
        }
        if ((rc = new_establishment(&est, ref)) < 0)
                return rc;
        if (profile->reference_date == NULL ||
            mh__parse_date(profile->reference_date, &est->reference_days, reason, sizeof(reason)) !=
                MH__DATE_OK) {
                const char *date = profile->reference_date ? profile->reference_date : "";

                mh__diag_add(diags, "", 0, 0, "invalid reference date '%.*s': %s",
                             mh__utf8_prefix(date, 20), date,
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
        est->contact_name = copy_or_null(est->arena, profile->contact_name, &nomem);
        est->contact_email = copy_or_null(est->arena, profile->contact_email, &nomem);
        if (nomem) {
                mh_establishment_free(est);
                return MH_ENOMEM;
        }
        *out = est;
        return 0;
}

int mh__set_answer(mh_establishment *est, const mh_indicator *indicator, const char *text,
                   char *why, size_t why_size)
{
        struct mh__answer answer;
        const char *comment = est->answers[indicator->index].comment;
        int rc;

        if (text == NULL)
                text = "";
        if ((rc = mh__parse_answer(est, indicator, text, 1, &answer, why, why_size)) < 0)
                return rc;
        if (answer.text != NULL &&
            (answer.text = mh__arena_strdup(est->arena, answer.text)) == NULL)
                return MH_ENOMEM;
        answer.comment = comment;
        est->answers[indicator->index] = answer;
        return 0;
}

/* What a public setter returns: `rc`, with `why` in `diags` when the value was refused. */
static int refused(int rc, const char *why, mh_diagnostics *diags)
{
        if (rc == MH_EINVALID)
                mh__diag_add(diags, "", 0, 0, "%s", why);
        return rc;
}

int mh_establishment_set_answer(mh_establishment *est, const mh_indicator *indicator,
                                const char *text, mh_diagnostics *diags)
{
        char why[MH_ERROR_MESSAGE_MAX];

        return refused(mh__set_answer(est, indicator, text, why, sizeof(why)), why, diags);
}

int mh__set_comment(mh_establishment *est, const mh_indicator *indicator, const char *comment,
                    char *why, size_t why_size)
{
        const char *copy = NULL;
        char problem[96];

        if (comment != NULL && mh__text_problem(comment, strlen(comment), MH_TEXT_LINES, problem,
                                                sizeof(problem)) < 0) {
                snprintf(why, why_size, mh__tr("the comment on '%s': %s"), indicator->id, problem);
                return MH_EINVALID;
        }
        if (comment != NULL && comment[0] != '\0' &&
            (copy = mh__arena_strdup(est->arena, comment)) == NULL)
                return MH_ENOMEM;
        est->answers[indicator->index].comment = copy;
        return 0;
}

int mh_establishment_set_comment(mh_establishment *est, const mh_indicator *indicator,
                                 const char *comment, mh_diagnostics *diags)
{
        char why[MH_ERROR_MESSAGE_MAX];

        return refused(mh__set_comment(est, indicator, comment, why, sizeof(why)), why, diags);
}

void mh_establishment_set_submission(mh_establishment *est, mh_submission submission)
{
        est->submission = submission;
}

/* ---- Submission ------------------------------------------------------- */

const char *mh_submission_name(mh_submission submission)
{
        return submission == MH_SUBMISSION_SUBMITTED ? "submitted" : "draft";
}

int mh_submission_parse(mh_submission *out, const char *text)
{
        if (text != NULL && strcmp(text, "draft") == 0)
                *out = MH_SUBMISSION_DRAFT;
        else if (text != NULL && strcmp(text, "submitted") == 0)
                *out = MH_SUBMISSION_SUBMITTED;
        else
                return MH_EINVALID;
        return 0;
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

const char *mh_establishment_contact_name(const mh_establishment *est)
{
        return est->contact_name;
}

const char *mh_establishment_contact_email(const mh_establishment *est)
{
        return est->contact_email;
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
