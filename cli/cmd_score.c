/*
 * cmd_score.c: `maturinh score`, `maturinh explain` and `maturinh template`.
 *
 * Answers files are streamed: one establishment at a time is read, checked,
 * scored, written and freed.  Without --keep-going an error anywhere means
 * no results at all: the output goes to a temporary file (or a spool for
 * stdout) that is kept only when the whole batch was valid, so memory stays
 * bounded and nothing is written from a batch with a mistake in it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage_score[] =
    N_("Usage: maturinh score -r REFERENTIEL [--format table|csv|json|xml|xlsx] [--detail]\n"
       "                      [--with-profile] [--scope SCOPE] [--keep-going]\n"
       "                      [-o OUT [--force]] ANSWERS...\n"
       "       maturinh score [--db FILE] --campaign ID [--format ...] [--detail]\n"
       "                      [--with-profile] [--scope SCOPE] [-o OUT [--force]]\n"
       "\n"
       "Scores every establishment of the answers files (YAML streams, one document\n"
       "per establishment), in input order, or of a campaign held in the database\n"
       "(default ./maturinh.db), by FINESS, with the référentiel kept with the\n"
       "campaign.  Without --keep-going, an error in any answers file is reported\n"
       "and nothing is written (exit status 65).  SCOPE keeps only the\n"
       "establishments of national (default), region:CODE, category:CODE or ght:ID.\n"
       "--with-profile (csv, xlsx) adds their profile after the other columns.  An\n"
       "XLSX workbook goes to -o OUT, or to stdout when it is not a terminal; an\n"
       "existing workbook is replaced only with --force.\n");

static const char usage_explain[] =
    N_("Usage: maturinh explain -r REFERENTIEL [--finess FINESS] [-o OUT] ANSWERS\n"
       "       maturinh explain [--db FILE] --campaign ID --finess FINESS [-o OUT]\n"
       "\n"
       "Explains one establishment's score: why each criterion has its status,\n"
       "what blocks the next maturity level, and the action plan (criteria to\n"
       "achieve, mesures prioritaires first, then by global points gained).\n");

static const char usage_template[] =
    N_("Usage: maturinh template -r REFERENTIEL --finess FINESS --name NAME\n"
       "                         --region CODE --category CODE --campaign ID\n"
       "                         --reference-date YYYY-MM-DD [--beds N] [--ose]\n"
       "                         [--departement CODE] [--finess-ej FINESS] [--ght ID]\n"
       "                         [-o OUT [--force]]\n"
       "\n"
       "Writes an answers file to fill in by hand: the establishment's profile and\n"
       "every indicator that concerns it (by category, beds and OSE status), each\n"
       "with its question, help and allowed answers as comments.  It loads back as\n"
       "it is (everything unanswered) and scores once filled in.  An existing OUT\n"
       "(perhaps already filled in) is replaced only with --force.\n");

/*
 * Reads every establishment of `files`.  Errors are printed as they come.
 * Invalid establishments are listed when `list_rejected`.  Returns the
 * worst exit code met (0 when everything was valid).
 */
int cli_each_establishment(const mh_referentiel *ref, char **files, int n_files, int list_rejected,
                           visit_fn visit, void *context)
{
        mh_diagnostics *diags = NULL;
        int code = EXIT_OK, i;

        if (mh_diagnostics_new(&diags) < 0) {
                cli_error(N_("out of memory"));
                return EXIT_SOFTWARE;
        }
        cli_progress_start(_("reading"));
        for (i = 0; i < n_files; i++) {
                mh_answers_reader *reader = NULL;
                int rc;

                if ((rc = mh_answers_open_file(&reader, ref, files[i], diags)) < 0) {
                        mh_diagnostics_print(diags, stderr);
                        mh_diagnostics_clear(diags);
                        code = cli_worse(code, cli_exit_code(rc));
                        continue;
                }
                for (;;) {
                        mh_establishment *est = NULL;

                        rc = mh_answers_next(&est, reader);
                        mh_diagnostics_print(diags, stderr);
                        mh_diagnostics_clear(diags);
                        if (rc == MH_ITEROVER)
                                break;
                        if (rc == MH_EINVALID) {
                                if (list_rejected && mh_answers_last_label(reader)[0] != '\0')
                                        cli_error(N_("rejected %s (%s:%u)"),
                                                  mh_answers_last_label(reader), files[i],
                                                  mh_answers_last_line(reader));
                                code = cli_worse(code, EXIT_DATAERR);
                                continue;
                        }
                        if (rc < 0) {
                                code = cli_worse(code, cli_exit_code(rc));
                                break;
                        }
                        cli_progress_tick();
                        if (visit != NULL && (rc = visit(est, context)) != 0) {
                                mh_establishment_free(est);
                                mh_answers_close(reader);
                                mh_diagnostics_free(diags);
                                return cli_worse(code, rc);
                        }
                        mh_establishment_free(est);
                }
                mh_answers_close(reader);
        }
        cli_progress_end();
        mh_diagnostics_free(diags);
        return code;
}

struct score_context {
        const mh_referentiel *ref;
        mh_score_writer *writer;
        const mh_scope *scope; /* the establishments kept */
};

/* Where the scores go: a sheet (csv, xlsx) or a stream (table, json, xml). */
struct score_output {
        int is_sheet;
        cli_sheet sheet;
        cli_output out;
};

/*
 * Opens the output and its writer; `spool`: stdout only at the end.
 * Returns 0 or an exit code (after printing why).
 */
static int score_output_open(struct score_output *o, struct score_context *ctx, mh_format format,
                             int detail, unsigned flags, const char *output, int spool, int force)
{
        mh_detail how = detail ? MH_DETAIL_CRITERIA : MH_DETAIL_SUMMARY;
        int code, rc;

        memset(o, 0, sizeof(*o));
        o->is_sheet = format == MH_FORMAT_CSV || format == MH_FORMAT_XLSX;
        if (o->is_sheet) {
                /* a workbook may hold a person's notes: replaced only with --force */
                if ((code = cli_sheet_open(&o->sheet, "score", format, output, "score", spool,
                                           format == MH_FORMAT_XLSX && !force)) != EXIT_OK)
                        return code;
                rc = mh_score_writer_new_sheet(&ctx->writer, ctx->ref, how, flags, o->sheet.sheet,
                                               NULL);
        } else {
                if ((code = cli_output_open_spooled(&o->out, output, spool)) != EXIT_OK)
                        return code;
                rc = mh_score_writer_new(&ctx->writer, ctx->ref, format, how, o->out.stream, NULL);
        }
        if (rc < 0) {
                cli_error(N_("cannot start the output"));
                if (o->is_sheet)
                        cli_sheet_close(&o->sheet, 0);
                else
                        cli_output_close(&o->out, 0);
                return cli_exit_code(rc);
        }
        return EXIT_OK;
}

/* Finishes the writer when `ok`, frees it and closes the output: kept only when `ok`. */
static int score_output_close(struct score_output *o, struct score_context *ctx, int ok)
{
        int code = EXIT_OK, rc;

        if (ok && (rc = mh_score_writer_finish(ctx->writer, NULL)) < 0) {
                cli_error(N_("cannot write the output"));
                code = cli_exit_code(rc);
                ok = 0;
        }
        mh_score_writer_free(ctx->writer);
        ctx->writer = NULL;
        if (o->is_sheet)
                return cli_worse(code, cli_sheet_close(&o->sheet, ok));
        return cli_worse(code, cli_output_close(&o->out, ok));
}

static int score_one(const mh_establishment *est, void *context)
{
        struct score_context *ctx = context;
        mh_result *result = NULL;
        int rc;

        if (mh_establishment_line(est) == 0) /* from the database: files tick as they read */
                cli_progress_tick();
        if (ctx->scope != NULL && !mh_scope_contains(ctx->scope, est))
                return 0;
        if ((rc = mh_evaluate(&result, ctx->ref, est)) < 0 ||
            (rc = mh_score_writer_add(ctx->writer, est, result, NULL)) < 0) {
                mh_result_free(result);
                cli_error(rc == MH_EIO ? N_("cannot write the output") : N_("out of memory"));
                return cli_exit_code(rc);
        }
        mh_result_free(result);
        return 0;
}

/* The campaign's référentiel from the store; with -r too, they must be the same. */
static int campaign_referentiel(mh_store *store, const char *campaign, const char *ref_path,
                                mh_referentiel **out)
{
        mh_referentiel *given = NULL;
        int code;

        if ((code = cli_campaign_referentiel(store, campaign, out)) != EXIT_OK)
                return code;
        if (ref_path == NULL)
                return EXIT_OK;
        if ((code = cli_load_referentiel(&given, ref_path)) == EXIT_OK &&
            mh_store_campaign_check(store, campaign, given, ref_path, cli_diags()) < 0) {
                cli_print_diagnostics(cli_diags());
                code = EXIT_DATAERR;
        }
        mh_referentiel_free(given);
        if (code != EXIT_OK) {
                mh_referentiel_free(*out);
                *out = NULL;
        }
        return code;
}

/* `score --campaign`: every establishment of the campaign, by FINESS. */
static int score_campaign(const char *db, const char *campaign, const char *ref_path,
                          mh_format format, int detail, unsigned flags, const mh_scope *scope,
                          const char *output, int force, int n_files)
{
        struct score_context ctx = {NULL, NULL, scope};
        struct score_output out;
        mh_referentiel *ref = NULL;
        mh_store *store = NULL;
        int code, rc;

        if (n_files > 0)
                return cli_usage_error("score", N_("give answers files or --campaign, not both"));
        if ((code = cli_open_existing_store(&store, db)) != EXIT_OK)
                return code;
        if ((code = campaign_referentiel(store, campaign, ref_path, &ref)) != EXIT_OK) {
                mh_store_close(store);
                return code;
        }
        ctx.ref = ref;
        if ((code = score_output_open(&out, &ctx, format, detail, flags, output, 0, force)) ==
            EXIT_OK) {
                cli_progress_start(_("scoring"));
                rc = mh_store_each(store, ref, campaign, score_one, &ctx, cli_diags());
                cli_progress_end();
                if (rc < 0) {
                        cli_print_diagnostics(cli_diags());
                        code = cli_exit_code(rc);
                } else if (rc > 0) {
                        code = rc;
                }
                code = cli_worse(code, score_output_close(&out, &ctx, code == EXIT_OK));
        }
        mh_referentiel_free(ref);
        mh_store_close(store);
        return code;
}

int cmd_score(int argc, char **argv)
{
        const char *ref_path = NULL, *output = NULL, *format_name = "table";
        const char *db = NULL, *campaign = NULL, *scope_name = NULL;
        int detail = 0, keep_going = 0, with_profile = 0, force = 0, code;
        const cli_option options[] = {
            CLI_VALUE("referentiel", 'r', &ref_path, "FILE",
                      "the référentiel of the answers files"),
            CLI_VALUE("format", 'f', &format_name, "FORMAT",
                      "table (default), csv, json, xml or xlsx"),
            CLI_FLAG("detail", 'd', &detail, "the criteria too: one row each (csv), or nested"),
            CLI_FLAG("with-profile", 0, &with_profile,
                     "csv, xlsx: the profile after the other columns"),
            CLI_VALUE("scope", 0, &scope_name, "SCOPE",
                      "national, region:CODE, category:CODE or ght:ID"),
            CLI_FLAG("keep-going", 'k', &keep_going,
                     "score the valid ones, list the rejected (exit 65)"),
            CLI_OPTION_OUTPUT(&output),
            CLI_FLAG("force", 0, &force, "xlsx: replace OUT if it exists"),
            CLI_OPTION_DB(&db),
            CLI_VALUE("campaign", 0, &campaign, "ID", "score this campaign of the database"),
            CLI_END,
        };
        struct score_context ctx = {NULL, NULL, NULL};
        struct score_output out;
        mh_referentiel *ref = NULL;
        mh_format format;
        mh_scope scope;
        cli_args args;
        unsigned flags;

        if ((code = cli_parse_options("score", usage_score, options, argc, argv, &args)) >= 0)
                return code;
        if (mh_format_parse(&format, format_name) < 0)
                return cli_usage_error(
                    "score", N_("unknown format '%s': expected table, csv, json, xml or xlsx"),
                    format_name);
        if (with_profile && format != MH_FORMAT_CSV && format != MH_FORMAT_XLSX)
                return cli_usage_error("score",
                                       N_("--with-profile adds columns: it needs --format csv or "
                                          "xlsx, not %s"),
                                       format_name);
        flags = with_profile ? MH_SCORE_WITH_PROFILE : 0;
        if (scope_name != NULL && mh_scope_parse(&scope, scope_name) < 0)
                return cli_usage_error("score",
                                       N_("unknown scope '%s': expected national, region:CODE (one "
                                          "of the 18 INSEE region codes), category:CODE (a 3-digit "
                                          "FINESS category) or ght:ID"),
                                       scope_name);
        ctx.scope = scope_name != NULL ? &scope : NULL;
        if (db != NULL && campaign == NULL)
                return cli_usage_error("score",
                                       N_("--db needs the campaign to score: --campaign ID"));
        {
                const cli_inputs inputs = {ref_path,
                                           campaign ? (db ? db : MH_STORE_DEFAULT_PATH) : NULL,
                                           args.argv, args.argc};

                if ((code = cli_check_output(output, &inputs)) != EXIT_OK)
                        return code;
        }
        if (campaign != NULL)
                return score_campaign(db ? db : MH_STORE_DEFAULT_PATH, campaign, ref_path, format,
                                      detail, flags, ctx.scope, output, force, args.argc);
        if (ref_path == NULL)
                return cli_usage_error("score", N_("no référentiel given: use -r REFERENTIEL"));
        if (args.argc == 0)
                return cli_usage_error("score", N_("no answers file given"));
        if ((code = cli_load_referentiel(&ref, ref_path)) != EXIT_OK)
                return code;
        ctx.ref = ref;
        /*
         * One pass.  Without --keep-going nothing may be written from a batch
         * with an error: stdout is spooled to a temporary file and copied out
         * only at the end, and -o is replaced only at the end anyway.
         */
        if ((code = score_output_open(&out, &ctx, format, detail, flags, output, !keep_going,
                                      force)) != EXIT_OK) {
                mh_referentiel_free(ref);
                return code;
        }
        code = cli_each_establishment(ref, args.argv, args.argc, keep_going, score_one, &ctx);
        if (code == EXIT_DATAERR && !keep_going)
                cli_error(N_("nothing written: fix the errors above, or use --keep-going "
                             "to score the valid establishments"));
        /* with --keep-going the valid results are kept even when some were rejected */
        code = cli_worse(
            code, score_output_close(&out, &ctx,
                                     code == EXIT_OK || (keep_going && code == EXIT_DATAERR)));
        mh_referentiel_free(ref);
        return code;
}

struct explain_context {
        const char *finess;      /* wanted, or NULL */
        mh_establishment *found; /* a copy of the establishment to explain */
        int several;             /* more than one without --finess */
        cli_finess_list known;   /* with --finess: every FINESS read, for "did you mean" */
};

static int find_one(const mh_establishment *est, void *context)
{
        struct explain_context *ctx = context;

        if (ctx->finess != NULL &&
            cli_finess_list_add(&ctx->known, mh_establishment_finess(est)) < 0) {
                cli_error(N_("out of memory"));
                return EXIT_SOFTWARE;
        }
        if (ctx->finess != NULL && strcmp(mh_establishment_finess(est), ctx->finess) != 0)
                return 0;
        if (ctx->found != NULL) {
                ctx->several = 1;
                return 0;
        }
        if (mh_establishment_copy(&ctx->found, est) < 0) {
                cli_error(N_("out of memory"));
                return EXIT_SOFTWARE;
        }
        return 0;
}

static int write_explanation(const mh_referentiel *ref, const mh_establishment *est,
                             const char *output)
{
        cli_output out;
        int code, rc;

        if ((code = cli_output_open(&out, output)) != EXIT_OK)
                return code;
        rc = mh_explain_write(ref, est, out.stream, NULL);
        code = cli_output_close(&out, rc == 0);
        if (rc < 0 && code == EXIT_OK) {
                cli_error(N_("cannot write the explanation"));
                code = cli_exit_code(rc);
        }
        return code;
}

static int explain_from_store(const char *db, const char *campaign, const char *finess,
                              const char *ref_path, const char *output, int n_files)
{
        mh_referentiel *ref = NULL;
        mh_establishment *est = NULL;
        mh_store *store = NULL;
        int code, rc;

        if (n_files > 0)
                return cli_usage_error("explain",
                                       N_("give an answers file or --campaign, not both"));
        if (finess == NULL)
                return cli_usage_error("explain",
                                       N_("no establishment given: use --finess FINESS"));
        if ((code = cli_refuse_campaign_finess("explain", db, campaign, finess)) >= 0)
                return code;
        if ((code = cli_open_existing_store(&store, db)) != EXIT_OK)
                return code;
        if ((code = campaign_referentiel(store, campaign, ref_path, &ref)) == EXIT_OK) {
                if ((rc = mh_store_load(&est, store, ref, campaign, finess, cli_diags())) < 0) {
                        if (rc == MH_ENOTFOUND) {
                                mh_diagnostics_clear(cli_diags());
                                code = cli_no_establishment(db, campaign, finess);
                        } else {
                                cli_print_diagnostics(cli_diags());
                                code = cli_exit_code(rc);
                        }
                } else {
                        code = write_explanation(ref, est, output);
                }
        }
        mh_establishment_free(est);
        mh_referentiel_free(ref);
        mh_store_close(store);
        return code;
}

int cmd_explain(int argc, char **argv)
{
        const char *ref_path = NULL, *output = NULL, *db = NULL, *campaign = NULL;
        struct explain_context ctx = {NULL, NULL, 0, {NULL, 0, 0}};
        mh_referentiel *ref = NULL;
        int keep_going = 0, code, read_code;
        const cli_option options[] = {
            CLI_VALUE("referentiel", 'r', &ref_path, "FILE",
                      "the référentiel (required with a file)"),
            CLI_VALUE("finess", 0, &ctx.finess, "FINESS",
                      "the establishment, when the file holds several"),
            CLI_FLAG("keep-going", 'k', &keep_going,
                     "explain even if others in the file have errors"),
            CLI_OPTION_OUTPUT(&output),
            CLI_OPTION_DB(&db),
            CLI_VALUE("campaign", 0, &campaign, "ID", "explain an establishment of this campaign"),
            CLI_END,
        };
        cli_args args;

        if ((code = cli_parse_options("explain", usage_explain, options, argc, argv, &args)) >= 0)
                return code;
        if (db != NULL && campaign == NULL)
                return cli_usage_error("explain", N_("--db needs the campaign: --campaign ID"));
        {
                const cli_inputs inputs = {ref_path,
                                           campaign ? (db ? db : MH_STORE_DEFAULT_PATH) : NULL,
                                           args.argv, args.argc};

                if ((code = cli_check_output(output, &inputs)) != EXIT_OK)
                        return code;
        }
        if (campaign != NULL)
                return explain_from_store(db ? db : MH_STORE_DEFAULT_PATH, campaign, ctx.finess,
                                          ref_path, output, args.argc);
        if (ref_path == NULL)
                return cli_usage_error("explain", N_("no référentiel given: use -r REFERENTIEL"));
        if (args.argc != 1)
                return cli_usage_error("explain", args.argc == 0
                                                      ? N_("no answers file given")
                                                      : N_("explain takes a single answers file"));
        if ((code = cli_load_referentiel(&ref, ref_path)) != EXIT_OK)
                return code;
        read_code = code = cli_each_establishment(ref, args.argv, 1, keep_going, find_one, &ctx);
        if (ctx.finess != NULL && (code = cli_finess_refuse("explain", "finess", ctx.finess,
                                                            cli_finess_list_names(&ctx.known))) < 0)
                code = read_code;
        if (code != EXIT_OK && !(keep_going && code == EXIT_DATAERR && ctx.found != NULL)) {
                cli_finess_list_free(&ctx.known);
                mh_establishment_free(ctx.found);
                mh_referentiel_free(ref);
                return code;
        }
        if (ctx.found == NULL) {
                char hint[64];

                if (ctx.finess != NULL)
                        cli_error(N_("no establishment %s in %s%s"), ctx.finess, args.argv[0],
                                  cli_finess_hint(hint, sizeof(hint), ctx.finess,
                                                  cli_finess_list_names(&ctx.known)));
                else
                        cli_error(N_("no establishment in %s"), args.argv[0]);
                cli_finess_list_free(&ctx.known);
                mh_referentiel_free(ref);
                return EXIT_DATAERR;
        }
        cli_finess_list_free(&ctx.known);
        if (ctx.several) {
                mh_establishment_free(ctx.found);
                mh_referentiel_free(ref);
                return cli_usage_error("explain",
                                       ctx.finess ? N_("%s holds establishment %s twice")
                                                  : N_("%s holds several establishments: choose "
                                                       "one with --finess"),
                                       args.argv[0], ctx.finess);
        }
        code = write_explanation(ref, ctx.found, output);
        code = cli_worse(code, read_code); /* --keep-going: 65 if any was rejected */
        mh_establishment_free(ctx.found);
        mh_referentiel_free(ref);
        return code;
}

int cmd_template(int argc, char **argv)
{
        mh_profile profile;
        const char *ref_path = NULL, *output = NULL;
        int force = 0;
        const cli_option options[] = {
            CLI_VALUE("referentiel", 'r', &ref_path, "FILE", "the référentiel (required)"),
            CLI_VALUE("finess", 0, &profile.finess, "FINESS",
                      "the establishment's FINESS ET (required)"),
            CLI_VALUE("name", 0, &profile.name, "NAME", "its name (required)"),
            CLI_VALUE("region", 0, &profile.region, "CODE", "its INSEE region code (required)"),
            CLI_VALUE("category", 0, &profile.category, "CODE",
                      "its FINESS category code (required)"),
            CLI_VALUE("campaign", 0, &profile.campaign, "ID", "the campaign (required)"),
            CLI_VALUE("reference-date", 0, &profile.reference_date, "D",
                      "the campaign's reference date (required)"),
            CLI_WHOLE("beds", 0, &profile.beds, "N", "its number of beds (of places, for an ESMS)"),
            CLI_FLAG("ose", 0, &profile.ose, "it is an opérateur de services essentiels"),
            CLI_VALUE("departement", 0, &profile.departement, "CODE", "its département code"),
            CLI_VALUE("finess-ej", 0, &profile.finess_ej, "FINESS",
                      "the FINESS of its legal entity (EJ)"),
            CLI_VALUE("ght", 0, &profile.ght, "ID", "its GHT"),
            CLI_OPTION_OUTPUT(&output),
            CLI_FLAG("force", 0, &force, "replace OUT if it exists"),
            CLI_END,
        };
        mh_establishment *est = NULL;
        mh_referentiel *ref = NULL;
        char missing[160] = "";
        int code, rc;
        cli_output out;
        cli_args args;

        memset(&profile, 0, sizeof(profile));
        profile.beds = -1;
        if ((code = cli_parse_options("template", usage_template, options, argc, argv, &args)) >= 0)
                return code;
        if (args.argc != 0)
                return cli_usage_error("template", N_("unexpected argument '%s'"), args.argv[0]);
        if (ref_path == NULL)
                return cli_usage_error("template", N_("no référentiel given: use -r REFERENTIEL"));
        {
                const cli_inputs inputs = {ref_path, NULL, NULL, 0};

                if ((code = cli_check_output(output, &inputs)) != EXIT_OK)
                        return code;
        }
        if (profile.finess == NULL)
                strcat(missing, " --finess");
        if (profile.name == NULL)
                strcat(missing, " --name");
        if (profile.region == NULL)
                strcat(missing, " --region");
        if (profile.category == NULL)
                strcat(missing, " --category");
        if (profile.campaign == NULL)
                strcat(missing, " --campaign");
        if (profile.reference_date == NULL)
                strcat(missing, " --reference-date");
        if (missing[0] != '\0')
                return cli_usage_error("template",
                                       N_("the template needs the establishment's profile and "
                                          "the campaign; missing:%s"),
                                       missing);
        if ((code = cli_finess_refuse("template", "finess", profile.finess, NULL)) >= 0 ||
            (profile.finess_ej != NULL &&
             (code = cli_finess_refuse("template", "finess-ej", profile.finess_ej, NULL)) >= 0))
                return code;
        if ((code = cli_load_referentiel(&ref, ref_path)) != EXIT_OK)
                return code;
        if ((rc = mh_establishment_new(&est, ref, &profile, cli_diags())) < 0) {
                mh_referentiel_free(ref);
                if (rc == MH_EINVALID)
                        return cli_usage_error("template", "%s", cli_first_message());
                cli_error(N_("out of memory"));
                return cli_exit_code(rc);
        }
        /* the file it writes is the one the CISO fills in: never replaced unasked */
        if ((code = cli_output_create(&out, output, force)) == EXIT_OK) {
                rc = mh_template_write(ref, est, out.stream, cli_diags());
                cli_print_diagnostics(cli_diags());
                code = cli_output_close(&out, rc == 0);
                if (rc < 0 && code == EXIT_OK) {
                        cli_error(N_("cannot write the template"));
                        code = cli_exit_code(rc);
                }
        }
        mh_establishment_free(est);
        mh_referentiel_free(ref);
        return code;
}
