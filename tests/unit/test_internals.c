/*
 * test_internals.c: the engine's internal building blocks (may use engine/src).
 *
 * The YAML tree reader (scalar resolution, positions of libyaml's reader
 * errors, the depth limit, streams of documents, duplicate keys), the CSV
 * writer's quoting and formula neutralisation, the diagnostics list's
 * ordering and cap, locale independence of number conversions, and the fast
 * paths that must give exactly what the C library gives: numbers written
 * without printf, numbers read without strtod, ids found by hashing.
 */
#define _POSIX_C_SOURCE 200809L

#include <limits.h>
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "establishment_internal.h"
#include "maturinh/evaluation.h"
#include "util/cnum.h"
#include "util/text.h"
#include "util/csv_write.h"
#include "util/util.h"
#include "referentiel_internal.h"
#include "util/texthash.h"
#include "util/yamltree.h"

/* Parses one document of `text`; the diagnostics are returned in *diags_out. */
static mh__ydoc *parse_one(const char *text, mh_diagnostics **diags_out, int *rc_out)
{
        mh__yreader *reader = NULL;
        mh__ydoc *doc = NULL;

        assert_int_equal(mh_diagnostics_new(diags_out), 0);
        assert_int_equal(mh__yreader_new_buffer(&reader, text, strlen(text), "t", *diags_out), 0);
        *rc_out = mh__yreader_next(reader, &doc);
        mh__yreader_free(reader);
        return doc;
}

/*
 * A NUL (only a double-quoted escape can make one) is refused wherever it is
 * in the text: the check goes eight bytes at a time, then byte by byte.
 */
static void test_nul_found_at_every_position(void **state)
{
        size_t length, at;

        (void)state;
        for (length = 1; length <= 40; length++) {
                for (at = 0; at <= length; at++) {
                        char text[128];
                        size_t n = 0, i;
                        mh_diagnostics *diags;
                        int rc;
                        mh__ydoc *doc;

                        n += (size_t)snprintf(text + n, sizeof(text) - n, "v: \"");
                        for (i = 0; i < length; i++)
                                n += (size_t)snprintf(text + n, sizeof(text) - n, "%s",
                                                      i == at ? "\\0" : "x");
                        snprintf(text + n, sizeof(text) - n, "\"\n");
                        doc = parse_one(text, &diags, &rc);
                        if (at < length) {
                                assert_int_equal(rc, MH_EINVALID);
                                assert_string_equal(mh_diagnostics_get(diags, 0)->message,
                                                    "NUL characters (\\0) are not allowed");
                        } else {
                                assert_int_equal(rc, 1);
                                assert_int_equal(mh__ynode_get(mh__ydoc_root(doc), "v")->length,
                                                 length);
                        }
                        mh__ydoc_free(doc);
                        mh_diagnostics_free(diags);
                }
        }
}

static void test_scalar_kinds(void **state)
{
        static const struct {
                const char *text;
                mh__yvalue kind;
        } cases[] = {
            {"v: ", MH_YNULL},           {"v: ~", MH_YNULL},       {"v: null", MH_YNULL},
            {"v: NULL", MH_YNULL},       {"v: true", MH_YBOOL},    {"v: False", MH_YBOOL},
            {"v: yes", MH_YSTRING},      {"v: oui", MH_YSTRING},   {"v: 12", MH_YINT},
            {"v: -3", MH_YINT},          {"v: +4", MH_YINT},       {"v: 1.5", MH_YFLOAT},
            {"v: .5", MH_YFLOAT},        {"v: 1e3", MH_YFLOAT},    {"v: 2.", MH_YFLOAT},
            {"v: .inf", MH_YFLOAT},      {"v: 1.2.3", MH_YSTRING}, {"v: '12'", MH_YSTRING},
            {"v: \"true\"", MH_YSTRING}, {"v: 0x1F", MH_YSTRING},  {"v: 2025-06-30", MH_YSTRING},
            {"v: 1e", MH_YSTRING},       {"v: -x", MH_YSTRING},    {"v: .", MH_YSTRING},
        };
        size_t i;

        (void)state;
        for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                mh_diagnostics *diags;
                int rc;
                mh__ydoc *doc = parse_one(cases[i].text, &diags, &rc);
                const mh__ynode *v;

                if (rc != 1)
                        fail_msg("%s: rc %d", cases[i].text, rc);
                v = mh__ynode_get(mh__ydoc_root(doc), "v");
                assert_non_null(v);
                if (mh__yscalar_kind(v) != cases[i].kind)
                        fail_msg("%s: kind %d, expected %d", cases[i].text, mh__yscalar_kind(v),
                                 cases[i].kind);
                mh__ydoc_free(doc);
                mh_diagnostics_free(diags);
        }
}

static void test_numbers_ignore_locale(void **state)
{
        mh_diagnostics *diags;
        int rc;
        mh__ydoc *doc = parse_one("v: 1.25", &diags, &rc);
        char buf[32];

        (void)state;
        /* A French LC_NUMERIC reads and writes ',' with the plain functions. */
        if (setlocale(LC_NUMERIC, "fr_FR.UTF-8") == NULL &&
            setlocale(LC_NUMERIC, "de_DE.UTF-8") == NULL) {
                mh__ydoc_free(doc);
                mh_diagnostics_free(diags);
                skip();
        }
        assert_true(mh__yscalar_number(mh__ynode_get(mh__ydoc_root(doc), "v")) == 1.25);
        mh__snprintf_c(buf, sizeof(buf), "%.2f", 0.5);
        assert_string_equal(buf, "0.50");
        setlocale(LC_NUMERIC, "C");
        mh__ydoc_free(doc);
        mh_diagnostics_free(diags);
}

static void test_positions_are_one_based(void **state)
{
        mh_diagnostics *diags;
        int rc;
        mh__ydoc *doc = parse_one("a: 1\nlist:\n  - x\n  - été: 2\n", &diags, &rc);
        const mh__ynode *list, *second;

        (void)state;
        assert_int_equal(rc, 1);
        list = mh__ynode_get(mh__ydoc_root(doc), "list");
        assert_int_equal(list->line, 3);
        assert_int_equal(list->column, 3);
        assert_int_equal(list->count, 2);
        second = list->first->next;
        assert_int_equal(second->kind, MH_YMAPPING);
        assert_int_equal(second->first->key->line, 4);
        assert_int_equal(second->first->key->column, 5);
        /* a multi-byte character counts as one column */
        assert_int_equal(second->first->column, 10);
        mh__ydoc_free(doc);
        mh_diagnostics_free(diags);
}

/*
 * One scalar over the document limit is refused while libyaml reads it, not
 * after it has buffered the whole token: the located document limit, never
 * the scalar limit (which would mean the whole scalar was held).
 */
static void test_document_limit_inside_a_token(void **state)
{
        size_t length = MH_YAML_MAX_DOCUMENT_BYTES + 64 * 1024, prefix = strlen("v: ");
        char *text = malloc(length + 1);
        mh_diagnostics *diags;
        mh__ydoc *doc;
        int rc;

        (void)state;
        assert_non_null(text);
        memcpy(text, "v: ", prefix);
        memset(text + prefix, 'x', length - prefix);
        text[length] = '\0';
        doc = parse_one(text, &diags, &rc);
        assert_int_equal(rc, MH_EINVALID);
        assert_int_equal(mh_diagnostics_count(diags), 1);
        assert_int_equal(mh_diagnostics_get(diags, 0)->line, 1);
        assert_int_equal(mh_diagnostics_get(diags, 0)->column, 1);
        assert_string_equal(mh_diagnostics_get(diags, 0)->message,
                            "this YAML document is larger than the 16 MiB limit");
        mh__ydoc_free(doc);
        mh_diagnostics_free(diags);
        free(text);
}

static void test_invalid_utf8_is_located(void **state)
{
        mh_diagnostics *diags;
        int rc;
        mh__ydoc *doc = parse_one("a: 1\nbé: \"x\xff\"\n", &diags, &rc);
        const mh_error *err;

        (void)state;
        assert_null(doc);
        assert_int_equal(rc, MH_EINVALID);
        assert_int_equal(mh_diagnostics_count(diags), 1);
        err = mh_diagnostics_get(diags, 0);
        assert_int_equal(err->line, 2);
        assert_int_equal(err->column, 7);
        assert_string_equal(err->message, "invalid UTF-8: byte 0xFF cannot start a character");
        mh_diagnostics_free(diags);
}

static void test_depth_limit(void **state)
{
        char text[400];
        mh_diagnostics *diags;
        mh__ydoc *doc;
        int rc, i;

        (void)state;
        for (i = 0; i < MH_YAML_MAX_DEPTH; i++)
                text[i] = '[';
        for (i = 0; i < MH_YAML_MAX_DEPTH; i++)
                text[MH_YAML_MAX_DEPTH + i] = ']';
        text[2 * MH_YAML_MAX_DEPTH] = '\0';
        doc = parse_one(text, &diags, &rc);
        assert_int_equal(rc, 1);
        mh__ydoc_free(doc);
        mh_diagnostics_free(diags);

        memmove(text + 1, text, strlen(text) + 1);
        text[0] = '[';
        strcat(text, "]");
        doc = parse_one(text, &diags, &rc);
        assert_int_equal(rc, MH_EINVALID);
        /* what was read before the refusal comes back, to name the document */
        assert_non_null(doc);
        assert_int_equal(mh__ydoc_root(doc)->kind, MH_YSEQUENCE);
        mh__ydoc_free(doc);
        assert_string_equal(mh_diagnostics_get(diags, 0)->message,
                            "nesting is deeper than 64 levels");
        assert_int_equal(mh_diagnostics_get(diags, 0)->column, MH_YAML_MAX_DEPTH + 1);
        mh_diagnostics_free(diags);
}

static void test_stream_of_documents(void **state)
{
        static const char text[] = "---\nn: 1\n---\nn: 2\n...\n---\nn: 3\n";
        mh_diagnostics *diags = NULL;
        mh__yreader *reader = NULL;
        mh__ydoc *doc;
        int expected = 1;

        (void)state;
        assert_int_equal(mh_diagnostics_new(&diags), 0);
        assert_int_equal(mh__yreader_new_buffer(&reader, text, strlen(text), "s", diags), 0);
        while (mh__yreader_next(reader, &doc) == 1) {
                const mh__ynode *n = mh__ynode_get(mh__ydoc_root(doc), "n");

                assert_true(mh__yscalar_number(n) == expected);
                assert_int_equal(mh__ydoc_line(doc), (unsigned)(expected == 1   ? 1
                                                                : expected == 2 ? 3
                                                                                : 6));
                expected++;
                mh__ydoc_free(doc);
        }
        assert_int_equal(expected, 4);
        assert_int_equal(mh__yreader_next(reader, &doc), 0);
        mh__yreader_free(reader);
        mh_diagnostics_free(diags);
}

static void test_duplicate_keys_keep_first(void **state)
{
        mh_diagnostics *diags;
        int rc;
        mh__ydoc *doc = parse_one("a: 1\nb: 2\na: 3\n", &diags, &rc);

        (void)state;
        assert_int_equal(rc, 1);
        assert_int_equal(mh__ydoc_error_count(doc), 1);
        assert_true(mh__yscalar_number(mh__ynode_get(mh__ydoc_root(doc), "a")) == 1);
        assert_int_equal(mh__ydoc_root(doc)->count, 2);
        assert_string_equal(mh_diagnostics_get(diags, 0)->message,
                            "duplicate key 'a' (first given at line 1)");
        mh__ydoc_free(doc);
        mh_diagnostics_free(diags);
}

/*
 * The keys of a mapping are hashed in a table per depth that the reader keeps
 * from one mapping to the next: the same keys in sibling mappings, in later
 * documents, or in a mapping bigger than any before are not duplicates, and
 * a duplicate is found wherever it is.
 */
static void test_duplicate_keys_in_big_and_sibling_mappings(void **state)
{
        mh__strbuf text = {0};
        mh_diagnostics *diags = NULL;
        mh__yreader *reader = NULL;
        mh__ydoc *doc;
        size_t expected_errors[] = {0, 1, 0};
        int d, k;

        (void)state;
        for (d = 0; d < 3; d++) {
                int keys = d == 2 ? 1000 : 200;

                mh__strbuf_printf(&text, "---\nlist:\n  - {a: 1, b: 2}\n  - {b: 1, a: 2}\nbig:\n");
                for (k = 0; k < keys; k++)
                        mh__strbuf_printf(&text, "  key-%d: %d\n", k, k);
                if (d == 1)
                        mh__strbuf_printf(&text, "  key-137: again\n");
        }
        assert_false(text.failed);
        assert_int_equal(mh_diagnostics_new(&diags), 0);
        assert_int_equal(mh__yreader_new_buffer(&reader, text.data, text.length, "s", diags), 0);
        for (d = 0; d < 3; d++) {
                const mh__ynode *big;

                assert_int_equal(mh__yreader_next(reader, &doc), 1);
                assert_int_equal(mh__ydoc_error_count(doc), expected_errors[d]);
                big = mh__ynode_get(mh__ydoc_root(doc), "big");
                assert_int_equal(big->count, d == 2 ? 1000 : 200);
                assert_string_equal(mh__ynode_get(big, "key-137")->value, "137");
                assert_int_equal(mh__ynode_get(mh__ydoc_root(doc), "list")->first->next->count, 2);
                mh__ydoc_free(doc);
        }
        assert_int_equal(mh__yreader_next(reader, &doc), 0);
        assert_int_equal(mh_diagnostics_count(diags), 1);
        assert_string_equal(mh_diagnostics_get(diags, 0)->message,
                            "duplicate key 'key-137' (first given at line 348)");
        mh__yreader_free(reader);
        mh_diagnostics_free(diags);
        mh__strbuf_free(&text);
}

/* A deterministic pseudo-random sequence (xorshift64*). */
static uint64_t next_random(uint64_t *state)
{
        *state ^= *state >> 12;
        *state ^= *state << 25;
        *state ^= *state >> 27;
        return *state * 0x2545F4914F6CDD1Du;
}

/* mh__format_fixed() writes what snprintf("%.*f") writes, for `decimals` 0 to 12. */
static void assert_fixed_as_printf(double value)
{
        char expected[512], got[512];
        int decimals;

        for (decimals = 0; decimals <= 12; decimals++) {
                int n = snprintf(expected, sizeof(expected), "%.*f", decimals, value);

                assert_int_equal(mh__format_fixed(got, sizeof(got), value, decimals), n);
                if (strcmp(got, expected) != 0)
                        fail_msg("%.17g with %d decimals: '%s', printf says '%s'", value, decimals,
                                 got, expected);
        }
}

static void test_format_fixed_matches_printf(void **state)
{
        static const double specials[] = {
            /* zeros, halves and quarters: exact ties at few decimals */
            0.0, -0.0, 0.5, 1.5, 2.5, 0.125, 0.375,
            /* near the ties of 6 decimals, and tiny values */
            1e-7, 5e-7, 4.9999999e-7, 0.0000015, 0.0000025, 0.9999995, 99.9999995, 1e-300, 5e-324,
            /* decimals that binary does not hold exactly */
            0.1, 0.2, 0.3, 0.7, 2.675, 1.005, 0.045, 1.0 / 3, 2.0 / 3, 100,
            /* around the limit of the fast path, and beyond */
            1e12, 1e13, 1099511627775.5, 1099511627776.0, 9007199254740993.0, 1e15, 1e300};
        uint64_t random = 88172645463325252u;
        double value;
        size_t i;
        long n;
        int d;

        (void)state;
        for (i = 0; i < sizeof(specials) / sizeof(specials[0]); i++) {
                assert_fixed_as_printf(specials[i]);
                assert_fixed_as_printf(-specials[i]);
        }
        assert_fixed_as_printf(INFINITY);
        assert_fixed_as_printf(-INFINITY);
        assert_fixed_as_printf(NAN);
        /* what scores are: n/100, n/1e6 and ratios of small integers */
        for (n = -200000; n <= 200000; n += 13) {
                assert_fixed_as_printf((double)n / 100);
                assert_fixed_as_printf((double)n / 1e6);
                assert_fixed_as_printf((double)n / 1e7);
        }
        for (n = 1; n <= 300; n++)
                for (d = 1; d <= 300; d += 13)
                        assert_fixed_as_printf((double)d / (double)n);
        /* exact halves at every precision: the ties printf rounds to even */
        for (d = 0; d <= 9; d++)
                for (n = -2000; n <= 2000; n++)
                        assert_fixed_as_printf(((double)n + 0.5) / pow(10, d));
        /* random doubles: in [0, 1), in wide ranges, and any bit pattern */
        for (i = 0; i < 50000; i++) {
                uint64_t bits = next_random(&random);

                assert_fixed_as_printf((double)(bits >> 11) / 9007199254740992.0);
                assert_fixed_as_printf(((double)(bits >> 11) / 9007199254740992.0 - 0.5) *
                                       pow(10, (double)(bits % 16)));
                memcpy(&value, &bits, sizeof(value));
                assert_fixed_as_printf(value);
        }
}

/* mh__csv_integer() writes what "%ld" writes. */
static void test_csv_integer_as_printf(void **state)
{
        static const long values[] = {0,   1,     -1,     9,        10,       -10,         99,
                                      100, 12345, -98765, LONG_MAX, LONG_MIN, LONG_MIN + 1};
        size_t i;

        (void)state;
        for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
                char expected[32], got[32];
                FILE *f = tmpfile();
                mh__csv csv;
                size_t n;

                assert_non_null(f);
                mh__csv_init(&csv, f);
                mh__csv_integer(&csv, values[i]);
                assert_int_equal(mh__csv_end_row(&csv), 0);
                rewind(f);
                n = fread(got, 1, sizeof(got) - 1, f);
                got[n] = '\0';
                fclose(f);
                snprintf(expected, sizeof(expected), "%ld\n", values[i]);
                assert_string_equal(got, expected);
        }
}

/* A référentiel with one indicator of each type, in two domains. */
static const char test_referentiel[] =
    "format: maturinh-referentiel/1\n"
    "id: types\n"
    "version: \"1\"\n"
    "title: \"Types\"\n"
    "levels:\n"
    "  - {level: 1, label: \"Socle\"}\n"
    "domains:\n"
    "  - id: D\n"
    "    title: \"Domaine\"\n"
    "    criteria:\n"
    "      - id: C\n"
    "        title: \"Critère\"\n"
    "        level: 1\n"
    "        indicators:\n"
    "          - {id: BOOL, question: \"?\", type: boolean, expect: false}\n"
    "          - {id: POURCENT, question: \"?\", type: percent, target: 95}\n"
    "          - {id: ENTIER, question: \"?\", type: integer, target: 2}\n"
    "      - id: C2\n"
    "        title: \"Critère 2\"\n"
    "        level: 1\n"
    "        indicators:\n"
    "          - {id: DATE, question: \"?\", type: date, within_days: 365}\n"
    "          - {id: TEXTE, question: \"?\", type: text}\n"
    "  - id: D2\n"
    "    title: \"Domaine 2\"\n"
    "    criteria:\n"
    "      - id: C3\n"
    "        title: \"Critère 3\"\n"
    "        level: 1\n"
    "        indicators:\n"
    "          - {id: '12', question: \"?\", type: boolean, expect: true}\n";

static mh_referentiel *load_test_referentiel(void)
{
        mh_referentiel *ref = NULL;
        mh_diagnostics *diags = NULL;

        assert_int_equal(mh_diagnostics_new(&diags), 0);
        assert_int_equal(mh_referentiel_load_buffer(&ref, test_referentiel,
                                                    strlen(test_referentiel), "t", diags),
                         0);
        mh_diagnostics_free(diags);
        return ref;
}

/* Every id is found by the hash table, as what it is, and nothing else is. */
static void test_id_index_finds_every_id(void **state)
{
        static const char *const unknown[] = {"",    "d", "D3",  "C1",        "BOOLX",
                                              "BOO", "1", "12 ", "POURCENT ", "TEXTE2"};
        mh_referentiel *ref = load_test_referentiel();
        size_t d, c, i, found = 0;

        (void)state;
        for (d = 0; d < ref->n_domains; d++) {
                const struct mh_domain *domain = &ref->domains[d];

                assert_ptr_equal(mh_referentiel_find_domain(ref, domain->id), domain);
                assert_null(mh_referentiel_find_criterion(ref, domain->id));
                assert_null(mh_referentiel_find_indicator(ref, domain->id));
                found++;
                for (c = 0; c < domain->n_criteria; c++) {
                        const struct mh_criterion *crit = &domain->criteria[c];

                        assert_ptr_equal(mh_referentiel_find_criterion(ref, crit->id), crit);
                        assert_null(mh_referentiel_find_domain(ref, crit->id));
                        assert_null(mh_referentiel_find_indicator(ref, crit->id));
                        found++;
                        for (i = 0; i < crit->n_indicators; i++) {
                                const struct mh_indicator *ind = &crit->indicators[i];

                                assert_ptr_equal(mh_referentiel_find_indicator(ref, ind->id), ind);
                                /* the answers reader's path: the key hash of the YAML reader */
                                assert_ptr_equal(mh__referentiel_find_indicator_hashed(
                                                     ref, ind->id, strlen(ind->id),
                                                     mh__hash_bytes(ind->id, strlen(ind->id))),
                                                 ind);
                                /* a prefix or a wrong length is another id */
                                assert_null(mh__referentiel_find_indicator_hashed(
                                    ref, ind->id, strlen(ind->id) - 1,
                                    mh__hash_bytes(ind->id, strlen(ind->id) - 1)));
                                assert_null(mh_referentiel_find_criterion(ref, ind->id));
                                found++;
                        }
                }
        }
        assert_int_equal(found, ref->n_ids);
        assert_int_equal(found, 2 + 3 + 6);
        for (i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
                assert_null(mh_referentiel_find_domain(ref, unknown[i]));
                assert_null(mh_referentiel_find_criterion(ref, unknown[i]));
                assert_null(mh_referentiel_find_indicator(ref, unknown[i]));
                assert_null(mh__referentiel_find_indicator_hashed(
                    ref, unknown[i], strlen(unknown[i]),
                    mh__hash_bytes(unknown[i], strlen(unknown[i]))));
        }
        assert_null(mh_referentiel_find_indicator(ref, NULL));
        mh_referentiel_free(ref);
}

/* Sets `text` as the answer to `id` and checks the number read is strtod's, bit for bit. */
static void assert_number_as_strtod(mh_establishment *est, const mh_indicator *ind,
                                    const char *text)
{
        char why[160];
        double expected = strtod(text, NULL), got;

        if (mh_establishment_set_answer(est, ind, text, NULL) != 0)
                fail_msg("'%s' refused: %s", text, why);
        got = est->answers[ind->index].number;
        if (memcmp(&got, &expected, sizeof(got)) != 0)
                fail_msg("'%s' read as %.17g, strtod says %.17g", text, got, expected);
}

static void test_plain_numbers_match_strtod(void **state)
{
        static const char *const percents[] = {"0",
                                               "-0",
                                               "+0",
                                               "0.0",
                                               "100",
                                               "100.000",
                                               "99.9",
                                               "0.1",
                                               "0.3",
                                               "33.333333333333",
                                               "33.3333333333333",
                                               "33.33333333333333",
                                               "12.",
                                               "+7.25",
                                               "0.000000000000001",
                                               "1.00000000000000000001",
                                               "050",
                                               "99.99999999999999999999"};
        static const char *const integers[] = {
            "0", "-0", "7", "+12", "123456789012345", "1234567890123456", "99999999999999999999"};
        mh_referentiel *ref = load_test_referentiel();
        const mh_indicator *percent = mh_referentiel_find_indicator(ref, "POURCENT");
        const mh_indicator *integer = mh_referentiel_find_indicator(ref, "ENTIER");
        mh_profile profile = {"400000006", NULL,   "Centre",     "75",
                              NULL,        "141",  20,           0,
                              NULL,        "2025", "2025-06-30", MH_SUBMISSION_SUBMITTED,
                              NULL,        NULL};
        mh_establishment *est = NULL;
        uint64_t random = 1;
        char text[64];
        size_t i;

        (void)state;
        assert_int_equal(mh_establishment_new(&est, ref, &profile, NULL), 0);
        for (i = 0; i < sizeof(percents) / sizeof(percents[0]); i++)
                assert_number_as_strtod(est, percent, percents[i]);
        for (i = 0; i < sizeof(integers) / sizeof(integers[0]); i++)
                assert_number_as_strtod(est, integer, integers[i]);
        /* random percentages with 1 to 18 digits, the decimal point anywhere */
        for (i = 0; i < 200000; i++) {
                uint64_t bits = next_random(&random);
                int decimals = (int)(bits % 16), whole = (int)((bits >> 8) % 101);
                uint64_t fraction = (bits >> 16) % 1000000000000000u;

                if (whole == 100 || decimals == 0)
                        snprintf(text, sizeof(text), "%d", whole);
                else
                        snprintf(text, sizeof(text), "%d.%0*llu", whole, decimals,
                                 (unsigned long long)(fraction % (uint64_t)pow(10, decimals)));
                assert_number_as_strtod(est, percent, text);
        }
        mh_establishment_free(est);
        mh_referentiel_free(ref);
}

static char *csv_row(void (*write)(mh__csv *))
{
        static char buf[512];
        FILE *f = tmpfile();
        mh__csv csv;
        size_t n;

        assert_non_null(f);
        mh__csv_init(&csv, f);
        write(&csv);
        assert_int_equal(mh__csv_end_row(&csv), 0);
        rewind(f);
        n = fread(buf, 1, sizeof(buf) - 1, f);
        buf[n] = '\0';
        fclose(f);
        return buf;
}

static void write_cells(mh__csv *csv)
{
        mh__csv_text(csv, "plain");
        mh__csv_text(csv, "a,b");
        mh__csv_text(csv, "say \"hi\"");
        mh__csv_text(csv, "two\nlines");
        mh__csv_text(csv, NULL);
        mh__csv_text(csv, "=HYPERLINK(\"http://x\")");
        mh__csv_text(csv, "+1");
        mh__csv_text(csv, "-2");
        mh__csv_text(csv, "@SUM(A1)");
        mh__csv_text(csv, "\tx");
        mh__csv_number(csv, -2.5, 6);
        mh__csv_bool(csv, 1);
        mh__csv_bool(csv, 0);
        mh__csv_integer(csv, -7);
        mh__csv_empty(csv);
}

static void test_csv_quoting_and_formulas(void **state)
{
        (void)state;
        assert_string_equal(csv_row(write_cells),
                            "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,"
                            "\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-2,'@SUM(A1),\"'\tx\","
                            "-2.500000,true,false,-7,\n");
}

static void test_diagnostics_sorted_and_capped(void **state)
{
        mh_diagnostics *diags = NULL;
        size_t i;

        (void)state;
        assert_int_equal(mh_diagnostics_new(&diags), 0);
        mh__diag_add(diags, "f", 3, 1, "c");
        mh__diag_add(diags, "f", 1, 5, "b");
        mh__diag_add(diags, "f", 1, 2, "a");
        mh__diag_add(diags, "f", 3, 1, "d");
        mh__diag_sort_from(diags, 0);
        assert_string_equal(mh_diagnostics_get(diags, 0)->message, "a");
        assert_string_equal(mh_diagnostics_get(diags, 1)->message, "b");
        assert_string_equal(mh_diagnostics_get(diags, 2)->message, "c");
        assert_string_equal(mh_diagnostics_get(diags, 3)->message, "d");
        for (i = 0; i < MH_DIAGNOSTICS_MAX + 10; i++)
                mh__diag_add(diags, "f", 9, 9, "many");
        assert_int_equal(mh_diagnostics_count(diags), MH_DIAGNOSTICS_MAX);
        assert_int_equal(mh_diagnostics_dropped(diags), 14);
        mh_diagnostics_free(diags);
}

static void test_strbuf_grows(void **state)
{
        mh__strbuf buf = {0};
        int i;

        (void)state;
        assert_string_equal(mh__strbuf_cstr(&buf), "");
        for (i = 0; i < 1000; i++)
                mh__strbuf_printf(&buf, "%d,", i % 10);
        assert_int_equal(buf.length, 2000);
        assert_int_equal(strncmp(mh__strbuf_cstr(&buf), "0,1,2,", 6), 0);
        mh__strbuf_clear(&buf);
        mh__strbuf_printf(&buf, "%g", 0.25);
        assert_string_equal(mh__strbuf_cstr(&buf), "0.25");
        mh__strbuf_free(&buf);
}

/* The history's JSON strings: what SQLite's json_each must read back. */
static void test_strbuf_json_string(void **state)
{
        mh__strbuf buf = {0};
        const char *big;
        size_t i;

        (void)state;
        mh__strbuf_json_string(&buf, NULL);
        mh__strbuf_putc(&buf, ',');
        mh__strbuf_json_string(&buf, "");
        mh__strbuf_putc(&buf, ',');
        mh__strbuf_json_string(&buf, "Sc\xc3\xa9nario \"perte\" C:\\temp\tA\nB\x01\x1f\x7f");
        assert_string_equal(mh__strbuf_cstr(&buf),
                            "null,\"\","
                            "\"Sc\xc3\xa9nario \\\"perte\\\" C:\\\\temp\\u0009A\\u000aB"
                            "\\u0001\\u001f\x7f\"");
        /* long text grows the buffer once and is copied in runs */
        mh__strbuf_clear(&buf);
        for (i = 0; i < 300; i++)
                mh__strbuf_append(&buf, "abcdefghij", 10);
        big = mh__strbuf_cstr(&buf);
        assert_int_equal(buf.length, 3000);
        assert_int_equal(strncmp(big + 2990, "abcdefghij", 10), 0);
        mh__strbuf_free(&buf);
}

/* Fixed buffers and clipped quotes never leave a cut UTF-8 character. */
static void test_utf8_never_cut(void **state)
{
        mh_diagnostics *diags = NULL;
        char buf[8];
        char *text = NULL;
        size_t length = 0;
        FILE *f;

        (void)state;
        /* "Hôpital" is 8 bytes: in 8 bytes (7 and the NUL), the ô stays whole */
        assert_int_equal(mh__snprintf_text(buf, sizeof(buf), "%s", "Hôpital"), 8);
        assert_string_equal(buf, "Hôpita");
        assert_int_equal(mh__snprintf_text(buf, 3, "%s", "éa"), 3);
        assert_string_equal(buf, "é");
        assert_int_equal(mh__snprintf_text(buf, 2, "%s", "éa"), 3);
        assert_string_equal(buf, "");
        /* a quote clipped to a number of bytes drops the character it cut */
        assert_int_equal(mh_diagnostics_new(&diags), 0);
        mh__diag_add(diags, "f.yaml", 1, 1, "got '%.2s' here", "aé");
        assert_string_equal(mh_diagnostics_get(diags, 0)->message, "got 'a' here");
        mh__diag_add(diags, "f.yaml", 1, 1, "line\nbreak\x01 é");
        assert_string_equal(mh_diagnostics_get(diags, 1)->message, "line\\nbreak\\x01 é");
        mh_diagnostics_free(diags);
        /* a text column pads and cuts by characters, not bytes, and marks a cut */
        assert_non_null(f = open_memstream(&text, &length));
        assert_int_equal(mh__fput_column(f, "Hôpital", 4), 0);
        assert_int_equal(fputc('|', f), '|');
        assert_int_equal(mh__fput_column(f, "é", 3), 0);
        assert_int_equal(fputc('|', f), '|');
        assert_int_equal(fclose(f), 0);
        assert_string_equal(text, "Hôp…|é  |");
        free(text);
        /* the percentage people see: half up */
        assert_int_equal(mh_percent(0.125), 13);
        assert_int_equal(mh_percent(0.124), 12);
        assert_int_equal(mh_percent(1), 100);
        assert_int_equal(mh_percent(0), 0);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_scalar_kinds),
            cmocka_unit_test(test_nul_found_at_every_position),
            cmocka_unit_test(test_numbers_ignore_locale),
            cmocka_unit_test(test_positions_are_one_based),
            cmocka_unit_test(test_invalid_utf8_is_located),
            cmocka_unit_test(test_document_limit_inside_a_token),
            cmocka_unit_test(test_depth_limit),
            cmocka_unit_test(test_stream_of_documents),
            cmocka_unit_test(test_duplicate_keys_keep_first),
            cmocka_unit_test(test_duplicate_keys_in_big_and_sibling_mappings),
            cmocka_unit_test(test_format_fixed_matches_printf),
            cmocka_unit_test(test_csv_integer_as_printf),
            cmocka_unit_test(test_id_index_finds_every_id),
            cmocka_unit_test(test_plain_numbers_match_strtod),
            cmocka_unit_test(test_csv_quoting_and_formulas),
            cmocka_unit_test(test_diagnostics_sorted_and_capped),
            cmocka_unit_test(test_strbuf_grows),
            cmocka_unit_test(test_strbuf_json_string),
            cmocka_unit_test(test_utf8_never_cut),
        };

        return cmocka_run_group_tests_name("internals", tests, NULL, NULL);
}
