/*
 * cmd_gen.c: `maturinh gen`, a synthetic national population.
 *
 * Writes N establishments answering a référentiel, deterministic for a
 * seed, as a YAML stream, as CSV (answers in long form, and the
 * establishment list), or straight into a database.  For benchmarks and
 * demonstrations: the population is plausible, not real.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char usage_gen[] =
    N_("Usage: maturinh gen -r REFERENTIEL --count N [--seed S] [--campaign ID]\n"
       "                    [--reference-date D] [--format yaml|csv] [-o OUT]\n"
       "                    [--establishments FILE] [--db FILE]\n"
       "\n"
       "Generates N synthetic establishments answering the référentiel: valid FINESS\n"
       "numbers, regions weighted by their share of establishments, a realistic\n"
       "category mix of the référentiel's sector (hospitals and clinics with beds,\n"
       "OSE flags and GHTs; or ESMS with places), answers that correlate with size\n"
       "(some incomplete, some drafts).  The same seed gives the same population: an\n"
       "answers stream (YAML, the default), CSV answers in long form with the\n"
       "establishment list beside them, or straight into a database.\n");

int cmd_gen(int argc, char **argv)
{
        const char *ref_path = NULL, *campaign = "2025", *date = "2025-06-30", *format = "yaml";
        const char *output = NULL, *profiles_path = NULL, *db = NULL;
        unsigned long seed = 1, count = 0, i;
        const cli_option options[] = {
            CLI_VALUE("referentiel", 'r', &ref_path, "FILE",
                      "the référentiel the answers are for (required)"),
            CLI_NUMBER("count", 0, &count, "N", "how many establishments (required)"),
            CLI_NUMBER("seed", 0, &seed, "S", "the same seed, the same population (default 1)"),
            CLI_VALUE("campaign", 0, &campaign, "ID", "their campaign (default 2025)"),
            CLI_VALUE("reference-date", 0, &date, "D",
                      "the campaign's reference date (default 2025-06-30)"),
            CLI_VALUE("establishments", 0, &profiles_path, "FILE",
                      "--format csv: the establishment list"),
            CLI_VALUE("db", 0, &db, "FILE", "into this database (the campaign made if need be)"),
            CLI_VALUE("format", 'f', &format, "FORMAT",
                      "yaml (default) or csv (answers in long form)"),
            CLI_OPTION_OUTPUT(&output),
            CLI_END,
        };
        mh_referentiel *ref = NULL;
        mh_generator *gen = NULL;
        mh_store *store = NULL;
        cli_output out, profiles;
        cli_args args;
        int code = EXIT_OK, rc = 0, csv;

        if ((code = cli_parse_options("gen", usage_gen, options, argc, argv, &args)) >= 0)
                return code;
        if (ref_path == NULL)
                return cli_usage_error("gen", N_("no référentiel given: use -r REFERENTIEL"));
        if (count == 0)
                return cli_usage_error("gen", N_("give the number of establishments: --count N"));
        if (strcmp(format, "yaml") != 0 && strcmp(format, "csv") != 0)
                return cli_usage_error("gen", N_("unknown format '%s': expected yaml or csv"),
                                       format);
        csv = strcmp(format, "csv") == 0;
        if (csv && db == NULL && profiles_path == NULL)
                return cli_usage_error("gen", N_("CSV answers need their establishment list: "
                                                 "--establishments FILE"));
        {
                const cli_inputs inputs = {ref_path, NULL, NULL, 0};
                const char *const names[] = {"-o", "--establishments", "--db"};
                const char *const paths[] = {output, profiles_path, db};

                if ((code = cli_check_distinct("gen", names, paths, 3)) != EXIT_OK)
                        return code;

                if ((code = cli_check_output(output, &inputs)) != EXIT_OK ||
                    (code = cli_check_output(profiles_path, &inputs)) != EXIT_OK ||
                    (code = cli_check_output(db, &inputs)) != EXIT_OK)
                        return code;
        }
        if ((code = cli_load_referentiel(&ref, ref_path)) != EXIT_OK)
                return code;
        if ((rc = mh_generator_new(&gen, ref, seed, campaign, date, cli_diags())) < 0) {
                mh_referentiel_free(ref);
                if (rc == MH_EINVALID)
                        return cli_usage_error("gen", "%s", cli_first_message());
                cli_print_diagnostics(cli_diags());
                return cli_exit_code(rc);
        }
        if (db != NULL) {
                mh_diagnostics *diags = NULL;

                if ((code = cli_open_store(&store, db)) != EXIT_OK)
                        goto out;
                if (mh_diagnostics_new(&diags) < 0) {
                        cli_error(N_("out of memory"));
                        code = EXIT_SOFTWARE;
                        goto out;
                }
                if ((rc = mh_store_begin(store, diags)) == 0)
                        rc = mh_store_campaign_create(store, campaign, ref, date, diags);
                for (i = 0; i < count && rc == 0; i++) {
                        mh_establishment *est = NULL;

                        if ((rc = mh_generator_next(&est, gen)) == 0)
                                rc = mh_store_save(NULL, store, est, "gen", diags);
                        mh_establishment_free(est);
                }
                if (rc == 0)
                        rc = mh_store_commit(store, diags);
                if (rc < 0) {
                        mh_store_rollback(store, NULL);
                        cli_print_diagnostics(diags);
                        code = cli_exit_code(rc);
                }
                mh_diagnostics_free(diags);
                goto out;
        }
        if ((code = cli_output_open(&out, output)) != EXIT_OK)
                goto out;
        if (profiles_path != NULL &&
            (code = cli_output_open(&profiles, profiles_path)) != EXIT_OK) {
                cli_output_close(&out, 0);
                goto out;
        }
        for (i = 0; i < count && rc == 0; i++) {
                mh_establishment *est = NULL;

                if ((rc = mh_generator_next(&est, gen)) < 0)
                        break;
                if (csv) {
                        rc = mh_csv_write_establishment(ref, est, out.stream, profiles.stream,
                                                        i == 0 ? MH_CSV_HEADER : MH_CSV_ROWS, NULL);
                } else {
                        fputs("---\n", out.stream);
                        rc = mh_export_write(ref, est, out.stream, NULL);
                }
                mh_establishment_free(est);
        }
        if (rc < 0)
                cli_error(N_("cannot write the population"));
        if (profiles_path != NULL)
                code = cli_worse(code, cli_output_close(&profiles, rc == 0));
        code = cli_worse(code, cli_output_close(&out, rc == 0));
        if (rc < 0)
                code = cli_worse(code, cli_exit_code(rc));
out:
        mh_store_close(store);
        mh_generator_free(gen);
        mh_referentiel_free(ref);
        return code;
}
