/*
 * fuzz_answers.c: the answers reader (mh_answers_open_buffer, then
 * mh_answers_next until the end), against two référentiels loaded once: the
 * shipped one (referentiels/maturinh-cyber) and the one of the answers-rules
 * fixtures, which has an indicator of every type.
 *
 * Invariants: mh_answers_next returns 0, MH_ITEROVER or MH_EINVALID; MH_EINVALID adds
 * at least one located diagnostic; the reader always ends; every valid
 * establishment can be scored, and exported (mh_export_write) into a file
 * that reads back valid with the same profile and the same answers.
 */
#define _POSIX_C_SOURCE 200809L

#include "fuzz_common.h"
#include "maturinh/answers.h"
#include "maturinh/evaluation.h"
#include "maturinh/export.h"
#include "maturinh/import.h"
#include "maturinh/referentiel.h"

static mh_referentiel *refs[2];

static mh_referentiel *load(const char *path)
{
        mh_diagnostics *diags = NULL;
        mh_referentiel *ref = NULL;

        if (mh_diagnostics_new(&diags) < 0 || mh_referentiel_load_file(&ref, path, diags) < 0) {
                mh_diagnostics_print(diags, stderr);
                abort();
        }
        mh_diagnostics_free(diags);
        return ref;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
        (void)argc;
        (void)argv;
        refs[0] = load(MH_SOURCE_DIR "/referentiels/maturinh-cyber/maturinh-cyber.yaml");
        refs[1] = load(MH_SOURCE_DIR "/fixtures/answers-rules/referentiel.yaml");
        return 0;
}

static int same(const char *a, const char *b)
{
        return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* The export of `est` reads back as the same establishment. */
static void check_round_trip(const mh_referentiel *ref, const mh_establishment *est)
{
        mh_answers_reader *reader = NULL;
        mh_establishment *back = NULL;
        mh_diagnostics *diags = NULL;
        char *text = NULL;
        size_t length = 0, d, c, i;
        FILE *stream = open_memstream(&text, &length);
        int rc;

        MH_FUZZ_CHECK(stream != NULL);
        MH_FUZZ_CHECK(mh_export_write(ref, est, stream, NULL) == 0);
        MH_FUZZ_CHECK(fclose(stream) == 0);
        MH_FUZZ_CHECK(mh_diagnostics_new(&diags) == 0);
        MH_FUZZ_CHECK(mh_answers_open_buffer(&reader, ref, text, length, "export.yaml", diags) ==
                      0);
        rc = mh_answers_next(&back, reader);
        if (rc != 0) {
                fprintf(stderr, "export does not read back:\n%s", text);
                mh_diagnostics_print(diags, stderr);
                MH_FUZZ_CHECK(rc == 0);
        }
        MH_FUZZ_CHECK(same(mh_establishment_finess(est), mh_establishment_finess(back)));
        MH_FUZZ_CHECK(same(mh_establishment_name(est), mh_establishment_name(back)));
        MH_FUZZ_CHECK(same(mh_establishment_region(est), mh_establishment_region(back)));
        MH_FUZZ_CHECK(same(mh_establishment_ght(est), mh_establishment_ght(back)));
        MH_FUZZ_CHECK(mh_establishment_beds(est) == mh_establishment_beds(back));
        MH_FUZZ_CHECK(mh_establishment_submission(est) == mh_establishment_submission(back));
        for (d = 0; d < mh_referentiel_domain_count(ref); d++) {
                const mh_domain *dom = mh_referentiel_domain(ref, d);

                for (c = 0; c < mh_domain_criterion_count(dom); c++) {
                        const mh_criterion *crit = mh_domain_criterion(dom, c);

                        for (i = 0; i < mh_criterion_indicator_count(crit); i++) {
                                const mh_indicator *ind = mh_criterion_indicator(crit, i);

                                MH_FUZZ_CHECK(same(mh_establishment_answer_text(est, ind),
                                                   mh_establishment_answer_text(back, ind)));
                                MH_FUZZ_CHECK(same(mh_establishment_comment(est, ind),
                                                   mh_establishment_comment(back, ind)));
                        }
                }
        }
        mh_establishment_free(back);
        mh_answers_close(reader);
        mh_diagnostics_free(diags);
        free(text);
}

static void read_all(const mh_referentiel *ref, const uint8_t *data, size_t size)
{
        mh_answers_reader *reader = NULL;
        mh_diagnostics *diags = NULL;
        mh_establishment *est;
        size_t before;
        int rc, documents = 0;

        MH_FUZZ_CHECK(mh_diagnostics_new(&diags) == 0);
        MH_FUZZ_CHECK(mh_answers_open_buffer(&reader, ref, (const char *)data, size, "fuzz.yaml",
                                             diags) == 0);
        for (;;) {
                before = mh_diagnostics_count(diags) + mh_diagnostics_dropped(diags);
                est = NULL;
                rc = mh_answers_next(&est, reader);
                MH_FUZZ_CHECK(rc == 0 || rc == MH_ITEROVER || rc == MH_EINVALID);
                if (rc == MH_ITEROVER)
                        break;
                MH_FUZZ_CHECK(mh_answers_last_label(reader) != NULL);
                MH_FUZZ_CHECK(++documents <= 100000); /* the reader always ends */
                if (rc == MH_EINVALID) {
                        MH_FUZZ_CHECK(est == NULL);
                        MH_FUZZ_CHECK(mh_diagnostics_count(diags) + mh_diagnostics_dropped(diags) >
                                      before);
                        continue;
                }
                {
                        mh_result *result = NULL;

                        MH_FUZZ_CHECK(est != NULL);
                        MH_FUZZ_CHECK(mh_evaluate(&result, ref, est) == 0);
                        mh_result_free(result);
                }
                check_round_trip(ref, est);
                mh_establishment_free(est);
        }
        mh__fuzz_check_diags(diags, 1);
        mh_answers_close(reader);
        mh_diagnostics_free(diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        read_all(refs[0], data, size);
        read_all(refs[1], data, size);
        return 0;
}
