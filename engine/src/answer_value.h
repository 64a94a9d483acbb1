/*
 * answer_value.h: the rules of an answer's value (docs/answers-format.md),
 * inline: the answers reader applies them to every answer of a national
 * file, and mh_establishment_set_answer() (the questionnaire, the CSV
 * imports, the store) to each answer it is given.  Included by
 * establishment.c and answers.c only.  Never installed.
 */
#ifndef MH_ANSWER_VALUE_H
#define MH_ANSWER_VALUE_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "establishment_internal.h"
#include "referentiel_internal.h"
#include "util/cnum.h"
#include "util/date.h"
#include "util/i18n.h"
#include "util/text.h"

static inline int mh__is_null_text(const char *text)
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
static inline int mh__is_word(const char *text, const char *word)
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
static inline int mh__parse_plain_number(const char *text, double *out, int *whole)
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
        *out = mh__strtod_c(text, NULL);
        return isfinite(*out) ? 0 : -1;
}

/*
 * Turns `text` into the answer of `ind`.  `plain`: written without quotes
 * (only a plain `na` or an empty plain value has a special meaning; a date's
 * `never` or `jamais`, in any case, means it either way, and is kept as
 * `never`).
 * Returns 0, or MH_EINVALID with the reason in `why` (without the indicator's id).
 */
static inline int mh__parse_answer(const mh_establishment *est, const struct mh_indicator *ind,
                                   const char *text, int plain, struct mh__answer *answer,
                                   char *why, size_t why_size)
{
        double number;
        int whole;
        size_t i;

        memset(answer, 0, sizeof(*answer));
        if (text[0] == '\0' || (plain && mh__is_null_text(text))) { /* "" is empty too */
                answer->state = MH_ANSWER_NONE;
                return 0;
        }
        if (plain && text[0] == 'n' && text[1] == 'a' && text[2] == '\0') {
                if (!ind->na_allowed) {
                        snprintf(why, why_size,
                                 mh__tr("cannot be answered na: this indicator does not allow it"));
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
                if (mh__is_word(text, "true") || mh__is_word(text, "yes") ||
                    mh__is_word(text, "oui")) {
                        answer->number = 1;
                        answer->text = "true";
                } else if (mh__is_word(text, "false") || mh__is_word(text, "no") ||
                           mh__is_word(text, "non")) {
                        answer->number = 0;
                        answer->text = "false";
                } else {
                        snprintf(why, why_size,
                                 mh__tr("expects oui or non (true or false), got '%.60s'"), text);
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
                        int n = snprintf(why, why_size, "%s", mh__tr(N_("expects one of ")));

                        for (i = 0; i < ind->n_options && n > 0 && (size_t)n < why_size; i++)
                                n += snprintf(why + n, why_size - (size_t)n, "%s%s", i ? ", " : "",
                                              ind->options[i].value);
                        if (n > 0 && (size_t)n < why_size)
                                snprintf(why + n, why_size - (size_t)n, mh__tr("; got '%.60s'"),
                                         text);
                }
                return MH_EINVALID;
        case MH_INDICATOR_PERCENT:
                if (mh__parse_plain_number(text, &number, &whole) < 0) {
                        snprintf(why, why_size,
                                 mh__tr("expects a percentage from 0 to 100, got '%.60s'"), text);
                        return MH_EINVALID;
                }
                if (number < 0 || number > 100) {
                        snprintf(why, why_size, mh__tr("is a percentage from 0 to 100, got %s"),
                                 text);
                        return MH_EINVALID;
                }
                answer->number = number;
                return 0;
        case MH_INDICATOR_INTEGER:
                if (mh__parse_plain_number(text, &number, &whole) < 0 || !whole) {
                        snprintf(why, why_size, mh__tr("expects a whole number, got '%.60s'"),
                                 text);
                        return MH_EINVALID;
                }
                if (number < 0) {
                        snprintf(why, why_size,
                                 mh__tr("expects a whole number of 0 or more, got %s"), text);
                        return MH_EINVALID;
                }
                answer->number = number;
                return 0;
        case MH_INDICATOR_DATE:
                /* the event never took place: answered, scores 0 (stored as never) */
                if (mh__is_word(text, "never") || mh__is_word(text, "jamais")) {
                        answer->never = 1;
                        answer->text = "never";
                        return 0;
                }
                switch (mh__parse_date(text, &answer->days, why, why_size)) {
                case MH__DATE_OK:
                        break;
                case MH__DATE_MALFORMED:
                        snprintf(why, why_size,
                                 mh__tr("expects a date YYYY-MM-DD or jamais, got '%.60s'"), text);
                        return MH_EINVALID;
                default: /* a real date's text, out of the calendar or too early: why says it */
                        return MH_EINVALID;
                }
                if (est->reference_date != NULL && answer->days > est->reference_days) {
                        snprintf(why, why_size,
                                 mh__tr("%s is after the campaign's reference date %s"), text,
                                 est->reference_date);
                        return MH_EINVALID;
                }
                return 0;
        case MH_INDICATOR_TEXT: {
                char problem[96];

                if (mh__text_problem(text, strlen(text), MH_TEXT_LINES, problem, sizeof(problem)) <
                    0) {
                        snprintf(why, why_size, mh__tr("is refused: %s"), problem);
                        return MH_EINVALID;
                }
                return 0;
        }
        }
        return 0;
}

#endif
