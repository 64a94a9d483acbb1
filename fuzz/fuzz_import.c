/*
 * fuzz_import.c: CSV imports through the public entry point, mh_import_file()
 * (engine/src/import.c over util/csv_read.c and the store): answers
 * (campaign,finess,indicator,value,comment) and establishment lists
 * (finess,finess_ej,name,region,departement,category,beds,ose,ght), told
 * apart by their header as for a user.
 *
 * At start-up a template database is made in a private temporary directory
 * (campaign 2025 of the shipped référentiel, with the establishments of
 * fixtures/answers/region-84-auvergne-rhone-alpes.yaml) and kept in memory.
 * Each input is written to a .csv file there and imported, with keep_going,
 * into a working copy of the template; the copy is made afresh only after an
 * import that wrote something, so that every input meets the same database
 * and most runs cost no copy.
 *
 * Invariants: the import returns 0 or MH_EINVALID; MH_EINVALID comes with
 * at least one located diagnostic; 0 means nothing was rejected.
 */
#define _POSIX_C_SOURCE 200809L

#include <unistd.h>

#include "fuzz_common.h"
#include "maturinh/import.h"
#include "maturinh/referentiel.h"
#include "maturinh/store.h"

static char dir[] = "/tmp/mh-fuzz-import-XXXXXX";
static char db_path[64], wal_path[64], shm_path[64], csv_path[64], template_path[64];
static char *template_db;
static size_t template_length;
static mh_referentiel *ref;
static mh_store *store;

static void write_file(const char *path, const void *data, size_t size)
{
        FILE *f = fopen(path, "wb");

        MH_FUZZ_CHECK(f != NULL);
        MH_FUZZ_CHECK(size == 0 || fwrite(data, 1, size, f) == size);
        MH_FUZZ_CHECK(fclose(f) == 0);
}

static mh_store *open_store(const char *path)
{
        mh_diagnostics *diags = NULL;
        mh_store *s = NULL;

        if (mh_diagnostics_new(&diags) < 0 || mh_store_open(&s, path, diags) < 0) {
                mh_diagnostics_print(diags, stderr);
                abort();
        }
        mh_diagnostics_free(diags);
        return s;
}

/* The working database, as the template. */
static void reset_store(void)
{
        mh_store_close(store);
        unlink(wal_path);
        unlink(shm_path);
        write_file(db_path, template_db, template_length);
        store = open_store(db_path);
}

static void clean_up(void)
{
        mh_store_close(store);
        mh_referentiel_free(ref);
        free(template_db);
        unlink(db_path);
        unlink(wal_path);
        unlink(shm_path);
        unlink(csv_path);
        rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
        mh_import_options options = MH_IMPORT_OPTIONS_INIT;
        mh_diagnostics *diags = NULL;

        (void)argc;
        (void)argv;
        options.user = "fuzz";
        MH_FUZZ_CHECK(mkdtemp(dir) != NULL);
        snprintf(template_path, sizeof(template_path), "%s/template.db", dir);
        snprintf(db_path, sizeof(db_path), "%s/work.db", dir);
        snprintf(wal_path, sizeof(wal_path), "%s/work.db-wal", dir);
        snprintf(shm_path, sizeof(shm_path), "%s/work.db-shm", dir);
        snprintf(csv_path, sizeof(csv_path), "%s/input.csv", dir);
        MH_FUZZ_CHECK(mh_diagnostics_new(&diags) == 0);
        if (mh_referentiel_load_file(
                &ref, MH_SOURCE_DIR "/referentiels/maturinh-cyber/maturinh-cyber.yaml", diags) < 0)
                abort();
        store = open_store(template_path);
        if (mh_import_file(NULL, store, ref,
                           MH_SOURCE_DIR "/fixtures/answers/region-84-auvergne-rhone-alpes.yaml",
                           &options, diags) < 0) {
                mh_diagnostics_print(diags, stderr);
                abort();
        }
        mh_store_close(store); /* checkpoints: the template is whole in its file */
        store = NULL;
        mh_diagnostics_free(diags);
        template_db = mh__fuzz_read_file(template_path, &template_length);
        unlink(template_path);
        reset_store();
        atexit(clean_up);
        return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        mh_import_options options = MH_IMPORT_OPTIONS_INIT;
        mh_import_result result;
        mh_diagnostics *diags = NULL;
        int rc;

        options.user = "fuzz";
        options.keep_going = 1;
        options.campaign = "2025";
        memset(&result, 0, sizeof(result));
        write_file(csv_path, data, size);
        MH_FUZZ_CHECK(mh_diagnostics_new(&diags) == 0);
        rc = mh_import_file(&result, store, ref, csv_path, &options, diags);
        if (rc != 0 && rc != MH_EINVALID)
                mh_diagnostics_print(diags, stderr);
        /* with keep_going, a file is refused whole only when it is not a CSV it can read */
        MH_FUZZ_CHECK(rc == 0 || rc == MH_EINVALID);
        if (rc != 0 || result.rejected > 0)
                MH_FUZZ_CHECK(mh_diagnostics_count(diags) > 0);
        mh__fuzz_check_diags(diags, 1);
        mh_diagnostics_free(diags);
        if (result.stats.establishments_added + result.stats.establishments_changed +
                result.stats.establishments_same + result.stats.answers_changed >
            0)
                reset_store();
        return 0;
}
