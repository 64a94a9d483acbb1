/*
 * test_page.c: what the public page and the CISO's report write in French
 * (page.h: numbers, percentages, dates, alphabetical order of names) and
 * the reference tables (maturinh/categories.h, maturinh/territory.h), and the XML writer
 * they are written with never cutting a formatted text.
 */
#define _POSIX_C_SOURCE 200809L

#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "maturinh.h"
#include "page.h"
#include "util/cnum.h"
#include "util/date.h"

#define NNBSP "\xe2\x80\xaf" /* U+202F, between groups of digits */
#define NBSP  "\xc2\xa0"     /* U+00A0, before % */

static void test_fr_number(void **state)
{
        char buf[64];

        (void)state;
        assert_string_equal(mh__fr_number(buf, sizeof(buf), 81.9, 1), "81,9");
        /* one formatter, two audiences; people read the C locale's in English */
        assert_string_equal(mh_language(), "en");
        assert_string_equal(mh__format_number(buf, sizeof(buf), 12345.6, 1, MH__FOR_PEOPLE),
                            "12345.6");
        assert_string_equal(mh__people_percent(buf, sizeof(buf), 12.5, 1), "12.5%");
        assert_string_equal(mh__format_number(buf, sizeof(buf), 12345.6, 1, MH__FOR_MACHINES),
                            "12345.6");
        assert_string_equal(mh__format_number(buf, sizeof(buf), (double)NAN, 1, MH__FOR_MACHINES),
                            "");
        assert_string_equal(mh__fr_number(buf, sizeof(buf), 25, 1), "25,0");
        assert_string_equal(mh__fr_number(buf, sizeof(buf), 100, 1), "100,0");
        assert_string_equal(mh__fr_number(buf, sizeof(buf), 0, 1), "0,0");
        assert_string_equal(mh__fr_number(buf, sizeof(buf), 86.75, 0), "87");
        assert_string_equal(mh__fr_number(buf, sizeof(buf), 999, 0), "999");
        assert_string_equal(mh__fr_number(buf, sizeof(buf), 1000, 0), "1" NNBSP "000");
        assert_string_equal(mh__fr_number(buf, sizeof(buf), 3000, 0), "3" NNBSP "000");
        assert_string_equal(mh__fr_number(buf, sizeof(buf), 1234567.26, 1),
                            "1" NNBSP "234" NNBSP "567,3");
        assert_string_equal(mh__fr_number(buf, sizeof(buf), -12.5, 1), "-12,5");
        assert_string_equal(mh__fr_number(buf, sizeof(buf), -1234, 0), "-1" NNBSP "234");
        /* a negative value that rounds to zero is zero, unsigned */
        assert_string_equal(mh__fr_number(buf, sizeof(buf), -0.04, 1), "0,0");
        assert_string_equal(mh__fr_number(buf, sizeof(buf), -0.0, 0), "0");
        /* an empty cell stays empty: never "nan", never a zero */
        assert_string_equal(mh__fr_number(buf, sizeof(buf), NAN, 1), "");
        /* a small buffer truncates, and stays a string */
        assert_string_equal(mh__fr_number(buf, 4, 81.9, 1), "81,");
        assert_string_equal(mh__fr_count(buf, sizeof(buf), 2368), "2" NNBSP "368");
        assert_string_equal(mh__fr_count(buf, sizeof(buf), 0), "0");
}

static void test_fr_number_ignores_the_locale(void **state)
{
        char buf[64];

        (void)state;
        if (setlocale(LC_NUMERIC, "fr_FR.UTF-8") == NULL &&
            setlocale(LC_NUMERIC, "de_DE.UTF-8") == NULL)
                skip();
        assert_string_equal(mh__fr_number(buf, sizeof(buf), 1234.5, 1), "1" NNBSP "234,5");
        assert_string_equal(mh__fr_percent(buf, sizeof(buf), 55.2, 1), "55,2" NBSP "%");
        setlocale(LC_NUMERIC, "C");
}

/* Under a French LC_MESSAGES, people read French numbers; machines never do. */
static void test_people_follow_the_language(void **state)
{
        char buf[64];

        (void)state;
        if (getenv("MATURINH_LOCALEDIR") == NULL || setlocale(LC_ALL, "fr_FR.UTF-8") == NULL)
                skip();
        assert_string_equal(mh_language(), "fr");
        assert_string_equal(mh__format_number(buf, sizeof(buf), 12345.6, 1, MH__FOR_PEOPLE),
                            "12" NNBSP "345,6");
        assert_string_equal(mh__people_percent(buf, sizeof(buf), 12.5, 1), "12,5" NBSP "%");
        assert_string_equal(mh__format_number(buf, sizeof(buf), 12345.6, 1, MH__FOR_MACHINES),
                            "12345.6");
        assert_string_equal(mh__people_date(buf, sizeof(buf), "2025-06-30"), "30/06/2025");
        assert_string_equal(mh__people_date(buf, sizeof(buf), "jamais"), "jamais");
        assert_string_equal(mh_status_label(MH_STATUS_NOT_ACHIEVED), "non atteint");
        assert_string_equal(mh_status_label(MH_STATUS_NOT_APPLICABLE), "non applicable");
        assert_string_equal(mh_status_name(MH_STATUS_NOT_ACHIEVED), "not_achieved");
        setlocale(LC_ALL, "C");
        assert_string_equal(mh_language(), "en");
        assert_string_equal(mh__people_date(buf, sizeof(buf), "2025-06-30"), "2025-06-30");
        assert_string_equal(mh_status_label(MH_STATUS_NOT_ACHIEVED), "not achieved");
        assert_string_equal(mh_status_label(MH_STATUS_MISSING), "missing");
}

static void test_fr_percent(void **state)
{
        char buf[64];

        (void)state;
        assert_string_equal(mh__fr_percent(buf, sizeof(buf), 25, 1), "25,0" NBSP "%");
        assert_string_equal(mh__fr_percent(buf, sizeof(buf), 100, 0), "100" NBSP "%");
        assert_string_equal(mh__fr_percent(buf, sizeof(buf), NAN, 1), "");
        /* no room for the sign: the number alone, never half a character */
        assert_string_equal(mh__fr_percent(buf, 7, 25, 1), "25,0");
}

static void test_fr_date(void **state)
{
        char buf[64];

        (void)state;
        assert_string_equal(mh__fr_date(buf, sizeof(buf), "2025-06-30"), "30 juin 2025");
        assert_string_equal(mh__fr_date(buf, sizeof(buf), "2025-09-15"), "15 septembre 2025");
        assert_string_equal(mh__fr_date(buf, sizeof(buf), "2025-07-01"), "1er juillet 2025");
        assert_string_equal(mh__fr_date(buf, sizeof(buf), "2026-02-01"), "1er février 2026");
        assert_string_equal(mh__fr_date(buf, sizeof(buf), "2025-08-09"), "9 août 2025");
        assert_string_equal(mh__fr_date(buf, sizeof(buf), "2025-12-31"), "31 décembre 2025");
        assert_string_equal(mh__fr_date(buf, sizeof(buf), "2024-02-29"), "29 février 2024");
        assert_string_equal(mh__fr_date(buf, sizeof(buf), "2000-02-29"), "29 février 2000");
        /* anything else is copied as it is */
        assert_string_equal(mh__fr_date(buf, sizeof(buf), "2025-02-29"), "2025-02-29");
        assert_string_equal(mh__fr_date(buf, sizeof(buf), "1900-02-29"), "1900-02-29");
        assert_string_equal(mh__fr_date(buf, sizeof(buf), "2025-06-31"), "2025-06-31");
        assert_string_equal(mh__fr_date(buf, sizeof(buf), "2025-13-01"), "2025-13-01");
        assert_string_equal(mh__fr_date(buf, sizeof(buf), "2025-00-10"), "2025-00-10");
        assert_string_equal(mh__fr_date(buf, sizeof(buf), "2025- 6-30"), "2025- 6-30");
        assert_string_equal(mh__fr_date(buf, sizeof(buf), "2025-+6-30"), "2025-+6-30");
        assert_string_equal(mh__fr_date(buf, sizeof(buf), "2025-06-30x"), "2025-06-30x");
        assert_string_equal(mh__fr_date(buf, sizeof(buf), "été 2025"), "été 2025");
        assert_string_equal(mh__fr_date(buf, sizeof(buf), ""), "");
        assert_string_equal(mh__fr_date(buf, sizeof(buf), NULL), "");
}

static int sign(int x)
{
        return (x > 0) - (x < 0);
}

static void test_fr_compare(void **state)
{
        /* the regions as the page lists them */
        static const char *const sorted[] = {"Auvergne-Rhône-Alpes",
                                             "Bourgogne-Franche-Comté",
                                             "Bretagne",
                                             "Centre-Val de Loire",
                                             "Corse",
                                             "Grand Est",
                                             "Guadeloupe",
                                             "Guyane",
                                             "Hauts-de-France",
                                             "Île-de-France",
                                             "La Réunion",
                                             "Martinique",
                                             "Mayotte",
                                             "Normandie",
                                             "Nouvelle-Aquitaine",
                                             "Occitanie",
                                             "Pays de la Loire",
                                             "Provence-Alpes-Côte d'Azur"};
        size_t i, j, n = sizeof(sorted) / sizeof(sorted[0]);

        (void)state;
        for (i = 0; i < n; i++)
                for (j = 0; j < n; j++)
                        assert_int_equal(sign(mh__fr_compare(sorted[i], sorted[j])),
                                         i < j ? -1 : i > j);
        assert_true(mh__fr_compare("Île-de-France", "Indre") < 0);
        assert_true(mh__fr_compare("Île-de-France", "Hauts-de-France") > 0);
        assert_true(mh__fr_compare("école", "Ecole") != 0); /* equal first, then a total order */
        assert_true(mh__fr_compare("école", "Ecoles") < 0);
        assert_true(mh__fr_compare("Œuvre", "Oeuvre") != 0);
        assert_true(mh__fr_compare("Œuvre", "Ofce") < 0); /* œ is "oe" */
        assert_int_equal(mh__fr_compare("Corse", "Corse"), 0);
        assert_true(mh__fr_compare("", "A") < 0);
        assert_true(mh__fr_compare("Centre", "Centre-Val de Loire") < 0);
}

static void test_categories(void **state)
{
        size_t i, n = mh_category_count();

        (void)state;
        assert_string_equal(mh_category_label("101"), "Centre Hospitalier Régional (C.H.R.)");
        assert_string_equal(mh_category_label("355"), "Centre Hospitalier (C.H.)");
        assert_string_equal(mh_category_label("131"), "Centre de Lutte Contre Cancer");
        assert_string_equal(mh_category_label("699"), "Entité ayant autorisation");
        assert_non_null(strstr(mh_category_label("500"), "EHPAD"));
        assert_int_equal(mh_category_sector("101"), MH_SECTOR_SANITAIRE);
        assert_int_equal(mh_category_sector("292"), MH_SECTOR_SANITAIRE);
        assert_int_equal(mh_category_sector("500"), MH_SECTOR_MEDICO_SOCIAL);
        assert_int_equal(mh_category_sector("183"), MH_SECTOR_MEDICO_SOCIAL);
        assert_int_equal(mh_category_sector("354"), MH_SECTOR_MEDICO_SOCIAL);
        assert_string_equal(mh_sector_label(MH_SECTOR_SANITAIRE), "sanitaire");
        assert_string_equal(mh_sector_label(MH_SECTOR_MEDICO_SOCIAL), "médico-social");
        assert_null(mh_sector_label(MH_SECTOR_UNKNOWN));
        /* unknown, retired and aggregate codes */
        assert_null(mh_category_label("999"));
        /* a retired code is known, with its date, so that a refusal can say why */
        assert_non_null(mh_category_find("437"));
        assert_string_equal(mh_category_find("437")->retired, "2018-10-26");
        assert_false(mh_category_current("437"));
        assert_false(mh_category_current("999"));
        assert_true(mh_category_current("355"));
        assert_null(mh_category_find("355")->retired);
        assert_null(mh_category_label("1102"));
        assert_null(mh_category_label("10"));
        assert_null(mh_category_label(""));
        assert_null(mh_category_label(NULL));
        assert_null(mh_category_find("101 "));
        assert_int_equal(mh_category_sector("999"), MH_SECTOR_UNKNOWN);
        /* the table: three digits each, in code order, every code found */
        assert_true(n >= 50);
        for (i = 0; i < n; i++) {
                const mh_category *c = mh_category_at(i);

                assert_non_null(c);
                assert_int_equal(strlen(c->code), 3);
                assert_int_equal(strspn(c->code, "0123456789"), 3);
                assert_true(c->label[0] != '\0');
                assert_true(c->sector == MH_SECTOR_SANITAIRE ||
                            c->sector == MH_SECTOR_MEDICO_SOCIAL);
                if (i > 0)
                        assert_true(strcmp(mh_category_at(i - 1)->code, c->code) < 0);
                assert_ptr_equal(mh_category_find(c->code), c);
        }
        assert_null(mh_category_at(n));
}

/* The 101 départements, each in one of the 18 regions; the département of a FINESS. */
static void test_territory(void **state)
{
        char code[4];
        int d, found = 0;

        (void)state;
        for (d = 1; d <= 99; d++) {
                snprintf(code, sizeof(code), "%02d", d);
                if (mh_departement_region(code) != NULL) {
                        found++;
                        assert_non_null(mh_region_name(mh_departement_region(code)));
                        assert_non_null(mh_departement_name(code));
                }
        }
        for (d = 971; d <= 979; d++) {
                snprintf(code, sizeof(code), "%d", d);
                found += mh_departement_region(code) != NULL;
        }
        found += (mh_departement_region("2A") != NULL) + (mh_departement_region("2B") != NULL);
        assert_int_equal(found, 101);
        assert_null(mh_departement_region("20"));
        assert_null(mh_departement_region("96"));
        assert_null(mh_departement_region("975")); /* Saint-Pierre-et-Miquelon: no ARS */
        assert_null(mh_departement_region("9A"));  /* the FINESS extract's spelling, not INSEE's */
        assert_null(mh_departement_region(NULL));
        assert_string_equal(mh_departement_region("75"), "11");
        assert_string_equal(mh_departement_region("69"), "84");
        assert_string_equal(mh_departement_region("2A"), "94");
        assert_string_equal(mh_departement_region("2B"), "94");
        assert_string_equal(mh_departement_region("90"), "27");
        assert_string_equal(mh_departement_region("971"), "01");
        assert_string_equal(mh_departement_region("974"), "04");
        assert_string_equal(mh_departement_region("976"), "06");
        assert_string_equal(mh_departement_name("2B"), "Haute-Corse");
        assert_string_equal(mh_departement_name("974"), "La Réunion");
        assert_string_equal(mh_region_name("84"), "Auvergne-Rhône-Alpes");
        assert_string_equal(mh_region_name("94"), "Corse");
        assert_null(mh_region_name("05"));
        assert_null(mh_region_name(NULL));
        assert_string_equal(mh_finess_departement("750712184"), "75");
        assert_string_equal(mh_finess_departement("010780914"), "01");
        assert_string_equal(mh_finess_departement("2B0000020"), "2B");
        assert_string_equal(mh_finess_departement("970100228"), "971");
        assert_string_equal(mh_finess_departement("970211207"), "972");
        assert_string_equal(mh_finess_departement("970302022"), "973");
        assert_string_equal(mh_finess_departement("970408589"), "974");
        assert_string_equal(mh_finess_departement("980500003"), "976");
        assert_null(mh_finess_departement("970500000")); /* 975: no département of an ARS */
        assert_null(mh_finess_departement("200000000"));
        assert_null(mh_finess_departement("97"));
        assert_null(mh_finess_departement(NULL));
}

/* mh__xw_textf and mh__xw_attrf write a long text whole, never cut inside a character. */
static void test_formatted_text_is_never_cut(void **state)
{
        char *text = malloc(3 * 1500 + 1), *attr = calloc(1, 11 + 7 * 1500 + 6 + 1), *out = NULL;
        size_t i, size = 0;
        FILE *stream = open_memstream(&out, &size);
        mh__xw *w = NULL;

        (void)state;
        assert_non_null(text);
        assert_non_null(attr);
        assert_non_null(stream);
        for (i = 0; i < 1500; i++)
                memcpy(text + 3 * i, "éa", 3); /* 2 + 1 bytes: a cut at 1024 or 512 splits "é" */
        text[3 * 1500] = '\0';
        assert_int_equal(mh__xw_open(&w, stream, 0, " "), 0);
        mh__xw_start(w, "p");
        mh__xw_attrf(w, "title", "<%s>", text);
        mh__xw_textf(w, "[%s]", text);
        mh__xw_end(w);
        assert_int_equal(mh__xw_close(w), 0);
        assert_int_equal(fclose(stream), 0);
        /* the writer escapes non-ASCII characters in attributes as references */
        memcpy(attr, "title=\"&lt;", 11);
        for (i = 0; i < 1500; i++)
                memcpy(attr + 11 + 7 * i, "&#xE9;a", 7);
        memcpy(attr + 11 + 7 * 1500, "&gt;\"", 6);
        assert_non_null(strstr(out, attr));
        assert_non_null(strstr(out, ">["));
        assert_non_null(strstr(strstr(out, ">[") + 2, text));
        assert_non_null(strstr(out, "]</p>"));
        assert_int_equal(strstr(out, "]</p>") - (strstr(out, ">[") + 2), 3 * 1500);
        free(out);
        free(attr);
        free(text);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_fr_number),
            cmocka_unit_test(test_fr_number_ignores_the_locale),
            cmocka_unit_test(test_people_follow_the_language),
            cmocka_unit_test(test_fr_percent),
            cmocka_unit_test(test_fr_date),
            cmocka_unit_test(test_fr_compare),
            cmocka_unit_test(test_categories),
            cmocka_unit_test(test_territory),
            cmocka_unit_test(test_formatted_text_is_never_cut),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
