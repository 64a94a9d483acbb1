/*
 * fuzz_values.c: the small parsers that turn outside text into values, each
 * checked against an independent oracle (a differential harness):
 *
 * - mh__parse_plain_number() (answer_value.h), the fast exact reader of percentages and whole
 * numbers, against strtod(): same double, bit for bit, whenever the text has the plain form, and
 * refused otherwise;
 * - mh__parse_date() against a civil-from-days conversion written here;
 * - mh_finess_check() against a FINESS check written here (length,
 *   département code, Luhn key);
 * - mh_region_valid() and mh__departement_valid() against the lists;
 * - mh__format_fixed() (cnum.c) against snprintf("%.*f"), on a double and a
 *   number of decimals taken from the input's first bytes;
 * - mh_indicator_input_normalize(), what fill reads the French way, on every
 *   indicator of fixtures/answers-rules/referentiel.yaml (every type): 0 or
 *   MH_EINVALID, a string that fits, and read again it gives itself (what
 *   it gives is canonical).
 *
 * The text checked is the input up to its first NUL.
 */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer_value.h"
#include "maturinh.h"
#include "establishment_internal.h"
#include "fuzz_common.h"
#include "util/cnum.h"

/* [-+]?digits?(.digits?)? with at least one digit: the form parse_plain_number reads. */
static int plain_form(const char *s, int *whole)
{
        size_t digits = 0;

        if (*s == '-' || *s == '+')
                s++;
        for (; *s >= '0' && *s <= '9'; s++)
                digits++;
        *whole = *s != '.';
        if (*s == '.')
                for (s++; *s >= '0' && *s <= '9'; s++)
                        digits++;
        return digits > 0 && *s == '\0';
}

static void check_number(const char *text)
{
        double value = 0, expected;
        int whole = -1, form_whole, rc = mh__parse_plain_number(text, &value, &whole);
        int form = plain_form(text, &form_whole);

        expected = strtod(text, NULL);
        if (!form || !isfinite(expected)) {
                MH_FUZZ_CHECK(rc < 0);
                return;
        }
        MH_FUZZ_CHECK(rc == 0);
        MH_FUZZ_CHECK(whole == form_whole);
        if (memcmp(&value, &expected, sizeof(value)) != 0) {
                fprintf(stderr, "'%s': parse_plain_number %.17g, strtod %.17g\n", text, value,
                        expected);
                MH_FUZZ_FAIL("parse_plain_number disagrees with strtod");
        }
}

/* Year, month, day of a day count since 1970-01-01 (H. Hinnant's civil_from_days). */
static void civil_from_days(long z, long *y, long *m, long *d)
{
        long era, doe, yoe, doy, mp;

        z += 719468;
        era = (z >= 0 ? z : z - 146096) / 146097;
        doe = z - era * 146097;
        yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        mp = (5 * doy + 2) / 153;
        *d = doy - (153 * mp + 2) / 5 + 1;
        *m = mp < 10 ? mp + 3 : mp - 9;
        *y = yoe + era * 400 + (*m <= 2);
}

static void check_date(const char *text)
{
        char why[128] = "", again[32];
        long days = 0, y, m, d;

        if (mh__parse_date(text, &days, why, sizeof(why)) != MH__DATE_OK) {
                MH_FUZZ_CHECK(why[0] != '\0' && strchr(why, '\n') == NULL);
                return;
        }
        civil_from_days(days, &y, &m, &d);
        snprintf(again, sizeof(again), "%04ld-%02ld-%02ld", y, m, d);
        if (strcmp(again, text) != 0) {
                fprintf(stderr, "'%s' read as day %ld, which is %s\n", text, days, again);
                MH_FUZZ_FAIL("mh__parse_date disagrees with civil_from_days");
        }
        MH_FUZZ_CHECK(y >= 1900);
}

static int finess_oracle(const char *s)
{
        int sum = 0, i, code;

        if (strlen(s) != 9)
                return 0;
        for (i = 2; i < 9; i++)
                if (s[i] < '0' || s[i] > '9')
                        return 0;
        if (s[0] == '2' && (s[1] == 'A' || s[1] == 'B')) {
                code = s[1] == 'A' ? 21 : 22;
        } else {
                if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
                        return 0;
                code = (s[0] - '0') * 10 + (s[1] - '0');
                if (code < 1 || code == 20 || code == 96 || code > 98)
                        return 0;
        }
        /* Luhn over the nine digits, the département code as two digits */
        for (i = 0; i < 9; i++) {
                int digit = i == 0 ? code / 10 : i == 1 ? code % 10 : s[i] - '0';
                int doubled = (8 - i) % 2 == 1;

                if (doubled)
                        digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
                sum += digit;
        }
        return sum % 10 == 0;
}

static void check_finess(const char *text)
{
        char buf[MH__FINESS_PROBLEM_SIZE];
        const char *why = mh__finess_problem(text, buf);

        MH_FUZZ_CHECK((why == NULL) == finess_oracle(text));
        if (why != NULL)
                MH_FUZZ_CHECK(why[0] != '\0' && strchr(why, '\n') == NULL);
        MH_FUZZ_CHECK((mh_finess_check(text, NULL) == 0) == (why == NULL));
}

static void check_codes(const char *text)
{
        static const char *const regions =
            " 01 02 03 04 06 11 24 27 28 32 44 52 53 75 76 84 93 94 ";
        char key[8];
        size_t n = strlen(text);
        int departement = 0;

        snprintf(key, sizeof(key), " %.3s ", text);
        MH_FUZZ_CHECK(mh_region_valid(text) == (n == 2 && strstr(regions, key) != NULL));
        if (n == 2 && (strcmp(text, "2A") == 0 || strcmp(text, "2B") == 0))
                departement = 1;
        else if (n == 2 && isdigit((unsigned char)text[0]) && isdigit((unsigned char)text[1]))
                departement =
                    strcmp(text, "01") >= 0 && strcmp(text, "95") <= 0 && strcmp(text, "20") != 0;
        else if (n == 3 && strspn(text, "0123456789") == 3)
                departement = strcmp(text, "971") >= 0 && strcmp(text, "976") <= 0 &&
                              strcmp(text, "975") != 0;
        MH_FUZZ_CHECK(mh__departement_valid(text) == departement);
}

static void check_format_fixed(const uint8_t *data, size_t size)
{
        char fast[512], slow[512];
        double value;
        int decimals, n;

        if (size < 9)
                return;
        memcpy(&value, data, sizeof(value));
        decimals = data[8] % 18;
        n = mh__format_fixed(fast, sizeof(fast), value, decimals);
        snprintf(slow, sizeof(slow), "%.*f", decimals, value);
        if (n < 0 || strcmp(fast, slow) != 0) {
                fprintf(stderr, "%a with %d decimals: mh__format_fixed '%s', printf '%s'\n", value,
                        decimals, fast, slow);
                MH_FUZZ_FAIL("mh__format_fixed disagrees with printf");
        }
}

static mh_referentiel *rules;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
        mh_diagnostics *diags = NULL;

        (void)argc;
        (void)argv;
        if (mh_diagnostics_new(&diags) < 0 ||
            mh_referentiel_load_file(
                &rules, MH_SOURCE_DIR "/fixtures/answers-rules/referentiel.yaml", diags) < 0) {
                mh_diagnostics_print(diags, stderr);
                abort();
        }
        mh_diagnostics_free(diags);
        return 0;
}

static void check_input(const char *text)
{
        size_t d, c, i;

        for (d = 0; d < mh_referentiel_domain_count(rules); d++) {
                const mh_domain *domain = mh_referentiel_domain(rules, d);

                for (c = 0; c < mh_domain_criterion_count(domain); c++) {
                        const mh_criterion *crit = mh_domain_criterion(domain, c);

                        for (i = 0; i < mh_criterion_indicator_count(crit); i++) {
                                const mh_indicator *ind = mh_criterion_indicator(crit, i);
                                char out[256], again[256];
                                int rc;

                                memset(out, 'x', sizeof(out));
                                rc = mh_indicator_input_normalize(ind, text, out, sizeof(out));
                                MH_FUZZ_CHECK(rc == 0 || rc == MH_EINVALID);
                                if (rc != 0)
                                        continue;
                                MH_FUZZ_CHECK(memchr(out, '\0', sizeof(out)) != NULL);
                                rc = mh_indicator_input_normalize(ind, out, again, sizeof(again));
                                if (rc != 0 || strcmp(out, again) != 0) {
                                        fprintf(stderr, "%s: '%s' gives '%s', which gives '%s'\n",
                                                mh_indicator_id(ind), text, out,
                                                rc == 0 ? again : "(refused)");
                                        MH_FUZZ_FAIL("normalize is not idempotent");
                                }
                        }
                }
        }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        char *text = mh__fuzz_cstr(data, size);

        check_number(text);
        check_date(text);
        check_finess(text);
        check_codes(text);
        check_format_fixed(data, size);
        check_input(text);
        free(text);
        return 0;
}
