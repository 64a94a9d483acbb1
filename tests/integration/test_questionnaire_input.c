/*
 * test_questionnaire_input.c: what a CISO types at the questionnaire's
 * prompt, read with the French habits (mh_indicator_input_normalize()),
 * through the public API; and the word-wrapping of questions for the
 * terminal (mh_text_wrap_write()).
 *
 * Each habit is read into the canonical answer, which the answer check then
 * accepts; what could be read two ways is refused (MH_EINVALID); what no
 * habit reads is left as typed, for the answer check's message.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <maturinh.h>

static const char ref_text[] =
    "format: maturinh-referentiel/1\n"
    "id: saisie\n"
    "version: \"1\"\n"
    "title: \"Saisie\"\n"
    "levels: [{level: 1, label: \"Socle\"}]\n"
    "domains:\n"
    "  - id: D\n"
    "    title: \"Tout\"\n"
    "    criteria:\n"
    "      - id: D-01\n"
    "        title: \"Tout\"\n"
    "        level: 1\n"
    "        indicators:\n"
    "          - {id: P, question: \"Part ?\", type: percent, target: 100, na_allowed: true}\n"
    "          - {id: I, question: \"Combien ?\", type: integer, steps: [[0, 0], [5, 1]]}\n"
    "          - {id: B, question: \"Oui ?\", type: boolean}\n"
    "          - {id: W, question: \"Quand ?\", type: date, within_days: 100000}\n"
    "          - {id: T, question: \"Texte ?\", type: text}\n"
    "          - id: C\n"
    "            question: \"Statut ?\"\n"
    "            type: choice\n"
    "            options:\n"
    "              - {value: aucune, label: \"Aucune PSSI\", score: 0}\n"
    "              - {value: en_cours, label: \"En cours de rédaction\", score: 0.5}\n"
    "              - {value: validee, label: \"PSSI validée par le représentant légal\", "
    "score: 1}\n"
    "          - id: A\n"
    "            question: \"Accents ?\"\n"
    "            type: choice\n"
    "            options:\n"
    "              - {value: ecole, label: \"École\", score: 0}\n"
    "              - {value: foret, label: \"Forêt\", score: 0}\n"
    "              - {value: garcon, label: \"Garçon\", score: 0}\n"
    "              - {value: hopital, label: \"Hôpital\", score: 0}\n"
    "              - {value: ile, label: \"Île\", score: 0}\n"
    "              - {value: ou, label: \"Où\", score: 0}\n"
    "              - {value: pere, label: \"Père à Noël\", score: 1}\n"
    "          - id: X\n"
    "            question: \"Ambigu ?\"\n"
    "            type: choice\n"
    "            options:\n"
    "              - {value: e1, label: \"Évalué\", score: 0}\n"
    "              - {value: e2, label: \"evalue\", score: 1}\n"
    "              - {value: '3', label: \"Trois\", score: 1}\n";

static mh_referentiel *ref;
static mh_establishment *est;

static int setup(void **state)
{
        mh_profile profile = {
            "750712184", NULL,         "CH Test",           "11", NULL, "101", -1, 0, NULL,
            "2025",      "2025-06-30", MH_SUBMISSION_DRAFT, NULL, NULL};

        (void)state;
        if (mh_referentiel_load_buffer(&ref, ref_text, strlen(ref_text), "saisie.yaml", NULL) != 0)
                return -1;
        return mh_establishment_new(&est, ref, &profile, NULL);
}

static int teardown(void **state)
{
        (void)state;
        mh_establishment_free(est);
        mh_referentiel_free(ref);
        return 0;
}

/* What `typed` gives for indicator `id`: its canonical text, or "REFUSED". */
static const char *norm(const char *id, const char *typed)
{
        static char out[256];
        const mh_indicator *ind = mh_referentiel_find_indicator(ref, id);

        assert_non_null(ind);
        if (mh_indicator_input_normalize(ind, typed, out, sizeof(out)) == MH_EINVALID)
                return "REFUSED";
        return out;
}

/* Nonzero when the answer check accepts `text` for `id`. */
static int accepted(const char *id, const char *text)
{
        return mh_establishment_set_answer(est, mh_referentiel_find_indicator(ref, id), text,
                                           NULL) == 0;
}

static void test_percent(void **state)
{
        (void)state;
        assert_string_equal(norm("P", "12,5"), "12.5");
        assert_string_equal(norm("P", "12.5"), "12.5");
        assert_string_equal(norm("P", "12 %"), "12");
        assert_string_equal(norm("P", "12%"), "12");
        assert_string_equal(norm("P", "12,5 %"), "12.5");
        assert_string_equal(norm("P", "12,5\xC2\xA0%"), "12.5");     /* no-break space */
        assert_string_equal(norm("P", "12,5\xE2\x80\xAF%"), "12.5"); /* narrow no-break */
        assert_string_equal(norm("P", "  100 % "), "100");
        assert_string_equal(norm("P", "0,75"), "0.75");
        assert_string_equal(norm("P", "NA"), "na");
        /* the % goes only from a number; what is not one is checked as typed (fuzz_values) */
        assert_string_equal(norm("P", "\x81%%"), "\x81%%");
        assert_string_equal(norm("P", "douze %"), "douze %");
        assert_string_equal(norm("P", "%"), "%");
        /* spaces at the end in any order, no-break ones too (fuzz_values) */
        assert_string_equal(norm("P", "32\xC2\xA0 \xC2\xA0 "), "32");
        assert_string_equal(norm("P", "32 \xE2\x80\xAF"), "32");
        assert_true(accepted("P", norm("P", "12,5 %")));
        /* which mark is the decimal one? */
        assert_string_equal(norm("P", "1,234,5"), "REFUSED");
        assert_string_equal(norm("P", "1.234,5"), "REFUSED");
        assert_string_equal(norm("P", "12,"), "REFUSED");
        assert_string_equal(norm("P", ",5"), "REFUSED");
        /* no habit: as typed, for the check to say why */
        assert_string_equal(norm("P", "beaucoup"), "beaucoup");
        assert_false(accepted("P", norm("P", "beaucoup")));
        assert_false(accepted("P", norm("P", "120 %")));
}

static void test_integer(void **state)
{
        (void)state;
        assert_string_equal(norm("I", "12"), "12");
        assert_string_equal(norm("I", "12 345"), "12345");
        assert_string_equal(norm("I", "1\xC2\xA0"
                                      "234\xC2\xA0"
                                      "567"),
                            "1234567");
        assert_true(accepted("I", norm("I", "12 345")));
        assert_string_equal(norm("I", "1,234"), "REFUSED"); /* a thousand, or 1.234? */
        assert_string_equal(norm("I", "12 34"), "12 34");   /* not groups of three */
        assert_false(accepted("I", norm("I", "12 34")));
        assert_string_equal(norm("I", "1234 567"), "1234 567");
}

static void test_boolean(void **state)
{
        static const char *const yes[] = {"oui", "OUI", "Oui", "o", "O", "yes", "y", "Y", "true"};
        static const char *const no[] = {"non", "NON", "n", "N", "no", "No", "false"};
        size_t i;

        (void)state;
        for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
                assert_string_equal(norm("B", yes[i]), "true");
        for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
                assert_string_equal(norm("B", no[i]), "false");
        assert_true(accepted("B", norm("B", "o")));
        assert_string_equal(norm("B", "peut-être"), "peut-être");
        assert_false(accepted("B", norm("B", "peut-être")));
}

static void test_date(void **state)
{
        (void)state;
        assert_string_equal(norm("W", "jamais"), "never");
        assert_string_equal(norm("W", "Jamais"), "never");
        assert_string_equal(norm("W", "NEVER"), "never");
        assert_string_equal(norm("W", "30/06/2024"), "2024-06-30");
        assert_string_equal(norm("W", "1/2/2024"), "2024-02-01");
        assert_string_equal(norm("W", "01/2/2024"), "2024-02-01");
        assert_string_equal(norm("W", "2024-06-30"), "2024-06-30");
        assert_true(accepted("W", norm("W", "30/06/2024")));
        assert_true(accepted("W", norm("W", "jamais")));
        /* read, then refused by the check: no 30 February */
        assert_string_equal(norm("W", "30/02/2025"), "2025-02-30");
        assert_false(accepted("W", norm("W", "30/02/2025")));
        /* which part is the year? */
        assert_string_equal(norm("W", "30/06/24"), "REFUSED");
        assert_string_equal(norm("W", "2024/06/30"), "REFUSED");
        assert_string_equal(norm("W", "123/06/2024"), "REFUSED");
}

static void test_choice_by_value_number_label(void **state)
{
        (void)state;
        assert_string_equal(norm("C", "validee"), "validee");
        assert_string_equal(norm("C", "Validée"), "validee");
        assert_string_equal(norm("C", "VALIDÉE"), "validee");
        assert_string_equal(norm("C", "en cours"), "en_cours");
        assert_string_equal(norm("C", "en-cours"), "en_cours");
        assert_string_equal(norm("C", "En cours de rédaction"), "en_cours");
        assert_string_equal(norm("C", "en cours de redaction"), "en_cours");
        assert_string_equal(norm("C", "pssi validée  par le REPRÉSENTANT légal"), "validee");
        assert_string_equal(norm("C", "1"), "aucune");
        assert_string_equal(norm("C", "3"), "validee");
        assert_true(accepted("C", norm("C", "Validée")));
        /* no option 0 or 4 */
        assert_string_equal(norm("C", "0"), "REFUSED");
        assert_string_equal(norm("C", "4"), "REFUSED");
        assert_string_equal(norm("C", "99999999999999999999"), "REFUSED");
        /* a label's start is not the label */
        assert_string_equal(norm("C", "PSSI"), "PSSI");
        assert_false(accepted("C", norm("C", "PSSI")));
}

static void test_choice_accents(void **state)
{
        (void)state;
        assert_string_equal(norm("A", "École"), "ecole");
        assert_string_equal(norm("A", "école"), "ecole");
        assert_string_equal(norm("A", "ÉCOLE"), "ecole");
        assert_string_equal(norm("A", "forêt"), "foret");
        assert_string_equal(norm("A", "FORÊT"), "foret");
        assert_string_equal(norm("A", "garçon"), "garcon");
        assert_string_equal(norm("A", "GARÇON"), "garcon");
        assert_string_equal(norm("A", "hôpital"), "hopital");
        assert_string_equal(norm("A", "île"), "ile");
        assert_string_equal(norm("A", "Où"), "ou");
        assert_string_equal(norm("A", "père à noël"), "pere");
        assert_string_equal(norm("A", "pere a noel"), "pere");
        assert_string_equal(norm("A", "pèrè"), "pere"); /* è for e: still the value */
}

static void test_choice_ambiguous(void **state)
{
        (void)state;
        /* Évalué and evalue fold alike: which one? */
        assert_string_equal(norm("X", "évalué"), "REFUSED");
        assert_string_equal(norm("X", "EVALUE"), "REFUSED");
        /* a value that is a number: the value, not the third option by number */
        assert_string_equal(norm("X", "3"), "3");
        assert_string_equal(norm("X", "1"), "e1");
        assert_string_equal(norm("X", "trois"), "3");
}

static void test_text_and_usage(void **state)
{
        char out[8];

        (void)state;
        assert_string_equal(norm("T", "12,5 %"), "12,5 %");
        assert_string_equal(norm("T", " oui "), " oui ");
        assert_int_equal(mh_indicator_input_normalize(NULL, "x", out, sizeof(out)), MH_EUSAGE);
        assert_int_equal(mh_indicator_input_normalize(mh_referentiel_find_indicator(ref, "P"), NULL,
                                                      out, sizeof(out)),
                         MH_EUSAGE);
        /* does not fit */
        assert_int_equal(mh_indicator_input_normalize(mh_referentiel_find_indicator(ref, "W"),
                                                      "1/2/2024", out, sizeof(out)),
                         MH_EINVALID);
}

/* What mh_text_wrap_write() writes, in a static buffer. */
static const char *wrap(const char *text, int width, int column, int indent)
{
        static char buf[1024];
        FILE *f = fmemopen(buf, sizeof(buf), "w");

        assert_non_null(f);
        assert_true(mh_text_wrap_write(f, text, MH_TEXT_LINE, width, column, indent) >= 0);
        fclose(f);
        return buf;
}

static void test_wrap(void **state)
{
        (void)state;
        assert_string_equal(wrap("un deux trois quatre", 10, 0, 0), "un deux\ntrois\nquatre");
        assert_string_equal(wrap("un deux trois", 10, 4, 2), "un\n  deux\n  trois");
        /* the display width, not bytes: é is one column */
        assert_string_equal(wrap("été été été", 7, 0, 0), "été été\nété");
        /* double spaces kept inside a line, dropped at a break */
        assert_string_equal(wrap("a  b", 10, 0, 0), "a  b");
        assert_string_equal(wrap("aaaa  bbbb", 5, 0, 0), "aaaa\nbbbb");
        /* a word longer than the line: cut between characters, never inside one */
        assert_string_equal(wrap("ééééé", 3, 0, 0), "ééé\néé");
        /* wide characters take two columns */
        assert_string_equal(wrap("\xE6\x97\xA5\xE6\x97\xA5\xE6\x97\xA5", 4, 0, 0),
                            "\xE6\x97\xA5\xE6\x97\xA5\n\xE6\x97\xA5");
        /* a combining mark stays with its letter */
        assert_string_equal(wrap("abe\xCC\x81", 3, 0, 0), "abe\xCC\x81");
        /* control characters escaped, as mh_text_write() does */
        assert_string_equal(wrap("a\x1b[2Jb", 80, 0, 0), "a\\x1B[2Jb");
        /* French punctuation after a space never starts a line */
        assert_string_equal(wrap("enregistrée aussitôt ; pour l'aide", 21, 0, 0),
                            "enregistrée\naussitôt ; pour\nl'aide");
        /* a sign after another ("; ?": the command ?) is a word of its own */
        assert_string_equal(wrap("aussitôt ; ? pour", 10, 0, 0), "aussitôt ;\n? pour");
        assert_string_equal(wrap("est-il constitué ?", 16, 0, 0), "est-il\nconstitué ?");
        assert_string_equal(wrap("campagne 2025 : maturinh", 13, 0, 0),
                            "campagne\n2025 :\nmaturinh");
        /* a colon inside a word is no such punctuation */
        assert_string_equal(wrap("voir :aller", 6, 0, 0), "voir\n:aller");
        /* width 0: not wrapped */
        assert_string_equal(wrap("un deux trois", 0, 0, 0), "un deux trois");
        assert_int_equal(mh_text_wrap_write(NULL, "x", MH_TEXT_LINE, 10, 0, 0), MH_EUSAGE);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_percent),
            cmocka_unit_test(test_integer),
            cmocka_unit_test(test_boolean),
            cmocka_unit_test(test_date),
            cmocka_unit_test(test_choice_by_value_number_label),
            cmocka_unit_test(test_choice_accents),
            cmocka_unit_test(test_choice_ambiguous),
            cmocka_unit_test(test_text_and_usage),
            cmocka_unit_test(test_wrap),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
