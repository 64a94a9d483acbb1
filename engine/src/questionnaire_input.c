/*
 * questionnaire_input.c: what a CISO types at a questionnaire's prompt
 * (the terminal's `fill`, the web front), read with the French habits where
 * they cannot be misread, into the canonical answer text that the answer
 * check then judges.  Files keep their strict formats: only the fronts call
 * this.
 *
 *   percent   12,5   12 %   12,5 %   12%   (no-break spaces too)  -> 12.5, 12
 *   integer   12 345 (groups of three)                            -> 12345
 *   boolean   oui non o n yes no y vrai faux                      -> true, false
 *   date      jamais never -> never; JJ/MM/AAAA, J/M/AAAA         -> AAAA-MM-JJ
 *   choice    the value; its number in the list shown (1 = the first); its
 *             label, case and accents ignored (Validée: validee)
 *
 * What could be read two ways is refused (MH_EINVALID): a label that fits
 * two options, a number outside the list, 1,234 (a thousand or 1.234?).
 */
#include <stdio.h>
#include <string.h>

#include "maturinh/report.h"

/* The folded form of the Latin-1 letters U+00C0..U+00DF (and, lower case, U+00E0..U+00FF). */
static const char *const latin1[32] = {"a", "a", "a", "a", "a", "a", "ae", "c", "e",  "e", "e",
                                       "e", "i", "i", "i", "i", "d", "n",  "o", "o",  "o", "o",
                                       "o", "x", "o", "u", "u", "u", "u",  "y", "th", "ss"};

/* The code point of the UTF-8 character at s, its length in *len; -1 when none. */
static long utf8_next(const unsigned char *s, size_t *len)
{
        if (s[0] < 0x80) {
                *len = 1;
                return s[0];
        }
        if (s[0] >= 0xC2 && s[0] <= 0xDF && (s[1] & 0xC0) == 0x80) {
                *len = 2;
                return ((long)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
        }
        if (s[0] >= 0xE0 && s[0] <= 0xEF && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
                *len = 3;
                return ((long)(s[0] & 0x0F) << 12) | ((long)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        }
        *len = 1;
        return -1;
}

/* A space people type: blank, tab, no-break space U+00A0, narrow no-break space U+202F. */
static size_t space_at(const char *s)
{
        size_t len;
        long cp = utf8_next((const unsigned char *)s, &len);

        return cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x202F ? len : 0;
}

/*
 * `s` folded into `out`: lower case, accents dropped (é: e, œ: oe), the
 * typographic apostrophe as ', runs of spaces as one, none at either end.
 * -1 when it does not fit.
 */
static int fold(const char *s, char *out, size_t size)
{
        size_t n = 0, len;
        int pending_space = 0;

        while (*s != '\0') {
                char one[2] = {0, 0};
                const char *piece = one;
                long cp;

                if ((len = space_at(s)) > 0) {
                        pending_space = n > 0;
                        s += len;
                        continue;
                }
                cp = utf8_next((const unsigned char *)s, &len);
                if (cp >= 'A' && cp <= 'Z')
                        one[0] = (char)(cp + 32);
                else if (cp >= 0xC0 && cp <= 0xFF && cp != 0xD7 && cp != 0xF7)
                        piece = cp == 0xFF ? "y" : latin1[(cp - 0xC0) & 31];
                else if (cp == 0x152 || cp == 0x153)
                        piece = "oe";
                else if (cp == 0x178)
                        piece = "y";
                else if (cp == 0x2019)
                        piece = "'";
                else
                        piece = NULL; /* the bytes as they are */
                if (pending_space) {
                        if (n + 1 >= size)
                                return -1;
                        out[n++] = ' ';
                        pending_space = 0;
                }
                if (piece == NULL) {
                        if (n + len >= size)
                                return -1;
                        memcpy(out + n, s, len);
                        n += len;
                } else {
                        size_t k = strlen(piece);

                        if (n + k >= size)
                                return -1;
                        memcpy(out + n, piece, k);
                        n += k;
                }
                s += len;
        }
        out[n] = '\0';
        return 0;
}

/* Copies `text` into out; MH_EINVALID when it does not fit. */
static int put(char *out, size_t size, const char *text)
{
        size_t n = strlen(text);

        if (n >= size)
                return MH_EINVALID;
        memcpy(out, text, n + 1);
        return 0;
}

static int all_digits(const char *s, size_t n)
{
        size_t i;

        for (i = 0; i < n; i++)
                if (s[i] < '0' || s[i] > '9')
                        return 0;
        return n > 0;
}

/* `folded` among the words of `words` (a NULL-ended list). */
static int is_one_of(const char *folded, const char *const *words)
{
        for (; *words != NULL; words++)
                if (strcmp(folded, *words) == 0)
                        return 1;
        return 0;
}

static int boolean_input(const char *folded, const char *typed, char *out, size_t size)
{
        static const char *const yes[] = {"oui", "o", "yes", "y", "true", "vrai", NULL};
        static const char *const no[] = {"non", "n", "no", "false", "faux", NULL};

        if (is_one_of(folded, yes))
                return put(out, size, "true");
        if (is_one_of(folded, no))
                return put(out, size, "false");
        return put(out, size, typed);
}

/* A percent: a trailing %, after a space or not; a decimal comma. */
static int percent_input(const char *typed, char *out, size_t size)
{
        char number[64];
        size_t n = strlen(typed), i, commas = 0, dots = 0, sign;

        if (n > 0 && typed[n - 1] == '%') {
                n--;
                while (n > 0) { /* the spaces before the %: ASCII, U+00A0 (C2 A0), U+202F */
                        if (typed[n - 1] == ' ' || typed[n - 1] == '\t')
                                n--;
                        else if (n >= 2 && memcmp(typed + n - 2, "\xC2\xA0", 2) == 0)
                                n -= 2;
                        else if (n >= 3 && memcmp(typed + n - 3, "\xE2\x80\xAF", 3) == 0)
                                n -= 3;
                        else
                                break;
                }
        }
        if (n == 0 || n >= sizeof(number))
                return put(out, size, typed);
        memcpy(number, typed, n);
        number[n] = '\0';
        sign = number[0] == '-' || number[0] == '+';
        for (i = sign; i < n; i++) {
                commas += number[i] == ',';
                dots += number[i] == '.';
        }
        if (commas == 1 && dots == 0) {
                char *comma = strchr(number, ',');

                /* digits on both sides: 12,5; anything else is not read */
                if (!all_digits(number + sign, (size_t)(comma - number) - sign) ||
                    !all_digits(comma + 1, strlen(comma + 1)))
                        return MH_EINVALID;
                *comma = '.';
                return put(out, size, number);
        }
        if (commas > 0)
                return MH_EINVALID; /* 1,234,5 or 1.234,5: which is the decimal mark? */
        /* the % goes only from a number: anything else is checked as typed */
        for (i = sign; i < n && ((number[i] >= '0' && number[i] <= '9') || number[i] == '.'); i++)
                ;
        return put(out, size, i == n && dots <= 1 && n > sign + dots ? number : typed);
}

/* A whole number: groups of three digits after spaces (12 345); a comma is refused. */
static int integer_input(const char *typed, char *out, size_t size)
{
        char number[64];
        size_t n = 0, group = 0, len;
        const char *p = typed;
        int grouped = 0;

        if (strchr(typed, ',') != NULL)
                return MH_EINVALID; /* 1,234: a thousand, or one and a fraction? */
        while (*p != '\0') {
                if (*p >= '0' && *p <= '9') {
                        if (n + 1 >= sizeof(number))
                                return put(out, size, typed);
                        number[n++] = *p++;
                        group++;
                } else if ((len = space_at(p)) > 0 && n > 0 &&
                           (grouped ? group == 3 : group <= 3)) {
                        grouped = 1;
                        group = 0;
                        p += len;
                } else {
                        return put(out, size, typed);
                }
        }
        if (grouped && group != 3)
                return put(out, size, typed);
        number[n] = '\0';
        return put(out, size, n > 0 ? number : typed);
}

/* A date: jamais or never; JJ/MM/AAAA (one digit for the day or month too). */
static int date_input(const char *folded, const char *typed, char *out, size_t size)
{
        const char *first = strchr(typed, '/'), *second;
        char iso[16];

        if (strcmp(folded, "jamais") == 0 || strcmp(folded, "never") == 0)
                return put(out, size, "never");
        if (first == NULL || (second = strchr(first + 1, '/')) == NULL)
                return put(out, size, typed);
        if (!all_digits(typed, (size_t)(first - typed)) || first - typed > 2 ||
            !all_digits(first + 1, (size_t)(second - first - 1)) || second - first - 1 > 2 ||
            !all_digits(second + 1, strlen(second + 1)) || strlen(second + 1) != 4)
                return MH_EINVALID; /* 30/06/24, 2024/06/30: which part is which? */
        snprintf(iso, sizeof(iso), "%.4s-%s%.*s-%s%.*s", second + 1,
                 second - first - 1 == 1 ? "0" : "", (int)(second - first - 1), first + 1,
                 first - typed == 1 ? "0" : "", (int)(first - typed), typed);
        return put(out, size, iso);
}

/* `folded` is the option's value written with spaces or hyphens for its underscores. */
static int same_value(const char *folded, const char *value)
{
        for (; *value != '\0'; folded++, value++)
                if (*folded != *value && !(*value == '_' && (*folded == ' ' || *folded == '-')))
                        return 0;
        return *folded == '\0';
}

static int choice_input(const mh_indicator *ind, const char *folded, const char *typed, char *out,
                        size_t size)
{
        size_t n = mh_indicator_option_count(ind), i, found = n, matches = 0;
        char label[512];

        for (i = 0; i < n; i++)
                if (strcmp(typed, mh_indicator_option_value(ind, i)) == 0)
                        return put(out, size, typed);
        if (all_digits(typed, strlen(typed))) {
                size_t number = 0;

                for (i = 0; typed[i] != '\0' && number <= n; i++)
                        number = number * 10 + (size_t)(typed[i] - '0');
                if (number < 1 || number > n)
                        return MH_EINVALID; /* no option has this number */
                return put(out, size, mh_indicator_option_value(ind, number - 1));
        }
        for (i = 0; i < n; i++) {
                const char *text = mh_indicator_option_label(ind, i, NULL);

                if (same_value(folded, mh_indicator_option_value(ind, i)) ||
                    (text != NULL && fold(text, label, sizeof(label)) == 0 &&
                     strcmp(folded, label) == 0)) {
                        matches++;
                        found = i;
                }
        }
        if (matches > 1)
                return MH_EINVALID; /* the label of two options */
        return put(out, size, matches == 1 ? mh_indicator_option_value(ind, found) : typed);
}

int mh_indicator_input_normalize(const mh_indicator *ind, const char *typed, char *out, size_t size)
{
        char folded[512], trimmed[512];
        size_t start = 0, end, len;

        if (ind == NULL || typed == NULL || out == NULL || size == 0)
                return MH_EUSAGE;
        out[0] = '\0';
        if (mh_indicator_type_of(ind) == MH_INDICATOR_TEXT)
                return put(out, size, typed);
        /* the spaces around it, no-break ones too */
        end = strlen(typed);
        while ((len = space_at(typed + start)) > 0)
                start += len;
        for (;;) { /* in any order: "12 \u00A0 " */
                if (end > start && (typed[end - 1] == ' ' || typed[end - 1] == '\t'))
                        end--;
                else if (end >= start + 2 && memcmp(typed + end - 2, "\xC2\xA0", 2) == 0)
                        end -= 2;
                else if (end >= start + 3 && memcmp(typed + end - 3, "\xE2\x80\xAF", 3) == 0)
                        end -= 3;
                else
                        break;
        }
        if (end - start >= sizeof(trimmed) || fold(typed + start, folded, sizeof(folded)) < 0)
                return put(out, size, typed);
        memcpy(trimmed, typed + start, end - start);
        trimmed[end - start] = '\0';
        if (strcmp(folded, "na") == 0)
                return put(out, size, "na");
        switch (mh_indicator_type_of(ind)) {
        case MH_INDICATOR_BOOLEAN:
                return boolean_input(folded, trimmed, out, size);
        case MH_INDICATOR_PERCENT:
                return percent_input(trimmed, out, size);
        case MH_INDICATOR_INTEGER:
                return integer_input(trimmed, out, size);
        case MH_INDICATOR_DATE:
                return date_input(folded, trimmed, out, size);
        case MH_INDICATOR_CHOICE:
                return choice_input(ind, folded, trimmed, out, size);
        case MH_INDICATOR_TEXT:
                break;
        }
        return put(out, size, trimmed);
}
