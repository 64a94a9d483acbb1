/*
 * fuzz_referentiel.c: the référentiel loader (mh_referentiel_load_buffer),
 * which parses YAML through yamltree.c and checks every rule of
 * docs/referentiel-format.md.
 *
 * Invariants: the loader returns either a référentiel or an error; an
 * MH_EINVALID comes with at least one diagnostic, each located; a loaded
 * référentiel has an id, a version and a SHA-256, and can be written out as
 * text and CSV (into /dev/null) without trouble.  The input is not
 * NUL-terminated, so that ASan sees any read past its end.
 */
#include "fuzz_common.h"
#include "maturinh/output.h"
#include "maturinh/referentiel.h"

static FILE *sink;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
        (void)argc;
        (void)argv;
        if ((sink = fopen("/dev/null", "w")) == NULL)
                abort();
        return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        mh_diagnostics *diags = NULL;
        mh_referentiel *ref = NULL;
        int rc;

        if (mh_diagnostics_new(&diags) < 0)
                abort();
        rc = mh_referentiel_load_buffer(&ref, (const char *)data, size, "fuzz.yaml", diags);
        MH_FUZZ_CHECK(rc == 0 || rc == MH_EINVALID);
        if (rc == 0) {
                MH_FUZZ_CHECK(ref != NULL);
                MH_FUZZ_CHECK(mh_referentiel_id(ref) != NULL);
                MH_FUZZ_CHECK(mh_referentiel_version(ref) != NULL);
                MH_FUZZ_CHECK(strlen(mh_referentiel_sha256(ref)) == 64);
                MH_FUZZ_CHECK(mh_referentiel_indicator_count(ref) > 0);
                MH_FUZZ_CHECK(mh_referentiel_write_text(ref, sink, NULL) == 0);
                MH_FUZZ_CHECK(mh_referentiel_write_csv(ref, sink, NULL) == 0);
        } else {
                MH_FUZZ_CHECK(ref == NULL);
                MH_FUZZ_CHECK(mh_diagnostics_count(diags) > 0);
        }
        mh__fuzz_check_diags(diags, 1);
        mh_referentiel_free(ref);
        mh_diagnostics_free(diags);
        return 0;
}
