/*
 * cmd_follow.c: following a campaign from the database, for an ARS analyst:
 * `maturinh status` (the chase list: who has not answered, or not
 * submitted) and `maturinh compare` (how establishments moved between two
 * campaigns of one référentiel).
 *
 * Both read the database only.  What they show is computed by the library
 * (maturinh/follow.h), which the web front uses too; this file parses the
 * options and chooses the output: a table for people, CSV or an XLSX
 * workbook (cli_sheet_open(): never to a terminal), to stdout or -o.  A
 * file given with -o is never replaced without --force.
 */
#define _POSIX_C_SOURCE 200809L /* umask, mode_t */

#include <string.h>
#include <sys/stat.h>

#include "cli.h"

/* The options both commands take. */
struct follow_options {
        const char *db;       /* --db */
        const char *campaign; /* --campaign */
        const char *with;     /* compare --with */
        const char *scope;    /* --scope */
        const char *only;     /* status --only */
        const char *finess;   /* compare --finess */
        const char *format;   /* --format */
        const char *output;   /* -o */
        int force;            /* --force */
        cli_args args;
};

enum follow_format { FOLLOW_TABLE, FOLLOW_CSV, FOLLOW_XLSX };

/* Checks what both commands check; returns -1 to go on, or an exit code. */
static int check_common(const char *command, const struct follow_options *o, mh_scope *scope,
                        enum follow_format *format)
{
        static const char *const names[] = {"table", "csv", "xlsx"};
        const cli_inputs inputs = {NULL, o->db, NULL, 0};
        size_t i;
        int code;

        if (o->args.argc != 0)
                return cli_usage_error(command, N_("unexpected argument '%s'"), o->args.argv[0]);
        if (o->campaign == NULL)
                return cli_usage_error(command, N_("no campaign given: use --campaign ID"));
        if (mh_scope_parse(scope, o->scope ? o->scope : "national") < 0)
                return cli_usage_error(command,
                                       N_("unknown scope '%s': expected national, region:CODE (one "
                                          "of the 18 INSEE region codes), category:CODE (a 3-digit "
                                          "FINESS category) or ght:ID"),
                                       o->scope);
        for (i = 0; i < 3 && strcmp(o->format ? o->format : "table", names[i]) != 0; i++)
                ;
        if (i == 3)
                return cli_usage_error(
                    command, N_("unknown format '%s': expected table, csv or xlsx"), o->format);
        *format = (enum follow_format)i;
        if ((code = cli_check_output(o->output, &inputs)) != EXIT_OK)
                return code;
        return -1;
}

/* Where a command writes: a table to a cli_output, CSV and XLSX to a cli_sheet. */
struct follow_output {
        enum follow_format format;
        cli_output out;  /* the table */
        cli_sheet sheet; /* CSV, XLSX */
};

/*
 * Opens the output before anything is read (a workbook to a terminal is
 * refused at once); a file given with -o is never replaced without
 * --force.  Returns an exit code, after printing why.
 */
static int open_output(struct follow_output *w, const char *command, const struct follow_options *o,
                       enum follow_format format)
{
        int code;

        memset(w, 0, sizeof(*w));
        w->format = format;
        if (format == FOLLOW_TABLE)
                return cli_output_create(&w->out, o->output, o->force);
        if (format == FOLLOW_CSV &&
            (code = cli_output_refuse_existing(o->output, o->force)) != EXIT_OK)
                return code;
        code = cli_sheet_open(&w->sheet, command,
                              format == FOLLOW_CSV ? MH_FORMAT_CSV : MH_FORMAT_XLSX, o->output,
                              command, 0, !o->force);
        if (code == EXIT_OK && format == FOLLOW_CSV)
                w->sheet.out.no_replace = !o->force; /* nor one made meanwhile */
        return code;
}

/* Closes the output, kept when `rc` (what the writer returned) is 0; returns an exit code. */
static int close_output(struct follow_output *w, int rc)
{
        int code;

        if (rc < 0)
                cli_print_diagnostics(cli_diags());
        if (w->format == FOLLOW_TABLE)
                code = cli_output_close(&w->out, rc == 0);
        else
                code = cli_sheet_close(&w->sheet, rc == 0);
        return rc < 0 ? cli_worse(code, cli_exit_code(rc)) : code;
}

/* Closes the output leaving nothing (the failure was said). */
static void abandon_output(struct follow_output *w)
{
        if (w->format == FOLLOW_TABLE)
                cli_output_close(&w->out, 0);
        else
                cli_sheet_close(&w->sheet, 0);
}

/* The exit code of a failure of the library, after printing why. */
static int failed(int rc)
{
        cli_print_diagnostics(cli_diags());
        /* a campaign or an establishment the database does not hold is bad input */
        return rc == MH_ENOTFOUND || rc == MH_EINVALID ? EXIT_DATAERR : cli_exit_code(rc);
}

/* ---- status ------------------------------------------------------------- */

static const char usage_status[] =
    N_("Usage: maturinh status [--db FILE] --campaign ID [--scope SCOPE]\n"
       "                       [--only draft|incomplete|submitted]\n"
       "                       [--format table|csv|xlsx] [-o OUT [--force]]\n"
       "\n"
       "The chase list of a campaign: each establishment of the scope, whether it\n"
       "has started, how complete its answers are and when it last saved them; not\n"
       "started first, then in progress, then submitted, the least complete first.\n"
       "OUT is never replaced unless --force is given.\n");

int cmd_status(int argc, char **argv)
{
        struct follow_options o;
        const cli_option options[] = {
            CLI_OPTION_DB(&o.db),
            CLI_VALUE("campaign", 0, &o.campaign, "ID", "the campaign"),
            CLI_VALUE("scope", 0, &o.scope, "SCOPE",
                      "national, region:CODE, category:CODE or ght:ID"),
            CLI_VALUE("only", 0, &o.only, "WHICH", "draft, incomplete or submitted"),
            CLI_VALUE("format", 'f', &o.format, "FORMAT", "table (default), csv or xlsx"),
            CLI_OPTION_OUTPUT(&o.output),
            CLI_FLAG("force", 0, &o.force, "replace OUT if it exists"),
            CLI_END,
        };
        struct follow_output w;
        mh_chase_only only = MH_CHASE_ALL;
        enum follow_format format;
        mh_chase *chase = NULL;
        mh_store *store = NULL;
        mh_scope scope;
        mode_t mask;
        int code, rc;

        memset(&o, 0, sizeof(o));
        o.db = MH_STORE_DEFAULT_PATH;
        if ((code = cli_parse_options("status", usage_status, options, argc, argv, &o.args)) >= 0)
                return code;
        if ((code = check_common("status", &o, &scope, &format)) >= 0)
                return code;
        if (o.only != NULL && mh_chase_only_parse(&only, o.only) < 0)
                return cli_usage_error(
                    "status", N_("unknown --only '%s': expected draft, incomplete or submitted"),
                    o.only);
        if ((code = cli_open_existing_store(&store, o.db)) != EXIT_OK)
                return code;
        /* the list holds the private contacts: its file is the ARS's only (0600), as export's */
        mask = umask(077);
        if ((code = open_output(&w, "status", &o, format)) != EXIT_OK) {
                umask(mask);
                mh_store_close(store);
                return code;
        }
        if (format == FOLLOW_XLSX)
                mh_sheet_set_private(w.sheet.sheet);
        rc = mh_chase_new(&chase, store, o.campaign, &scope, only, cli_diags());
        mh_store_close(store);
        if (rc < 0) {
                code = failed(rc);
                abandon_output(&w);
                umask(mask);
                return code;
        }
        if (format == FOLLOW_TABLE)
                rc = mh_chase_write_table(chase, w.out.stream, cli_diags());
        else
                rc = mh_chase_write_sheet(chase, w.sheet.sheet, cli_diags());
        mh_chase_free(chase);
        code = close_output(&w, rc);
        umask(mask);
        return code;
}

/* ---- compare ------------------------------------------------------------ */

static const char usage_compare[] =
    N_("Usage: maturinh compare [--db FILE] --campaign ID --with ID [--scope SCOPE]\n"
       "                        [--finess FINESS] [--format table|csv|xlsx]\n"
       "                        [-o OUT [--force]]\n"
       "\n"
       "Compares two campaigns of one référentiel: for each establishment in both,\n"
       "its global score and level before and after, and the change of each domain\n"
       "(the campaign of the earlier reference date is \"before\").  With --finess,\n"
       "one establishment down to its criteria.  OUT is never replaced unless\n"
       "--force is given.\n");

int cmd_compare(int argc, char **argv)
{
        struct follow_options o;
        const cli_option options[] = {
            CLI_OPTION_DB(&o.db),
            CLI_VALUE("campaign", 0, &o.campaign, "ID", "the campaign"),
            CLI_VALUE("with", 0, &o.with, "ID", "the campaign to compare it with"),
            CLI_VALUE("scope", 0, &o.scope, "SCOPE",
                      "national, region:CODE, category:CODE or ght:ID"),
            CLI_VALUE("finess", 0, &o.finess, "FINESS", "one establishment, down to its criteria"),
            CLI_VALUE("format", 'f', &o.format, "FORMAT", "table (default), csv or xlsx"),
            CLI_OPTION_OUTPUT(&o.output),
            CLI_FLAG("force", 0, &o.force, "replace OUT if it exists"),
            CLI_END,
        };
        struct follow_output w;
        enum follow_format format;
        mh_comparison *cmp = NULL;
        mh_store *store = NULL;
        mh_scope scope;
        int code, rc;

        memset(&o, 0, sizeof(o));
        o.db = MH_STORE_DEFAULT_PATH;
        if ((code = cli_parse_options("compare", usage_compare, options, argc, argv, &o.args)) >= 0)
                return code;
        if ((code = check_common("compare", &o, &scope, &format)) >= 0)
                return code;
        if (o.with == NULL)
                return cli_usage_error("compare", N_("no campaign to compare with: use --with ID"));
        if (strcmp(o.with, o.campaign) == 0)
                return cli_usage_error(
                    "compare", N_("--with %s is the campaign itself: give another one"), o.with);
        if (o.finess != NULL &&
            (code = cli_refuse_campaign_finess("compare", o.db, o.campaign, o.finess)) >= 0)
                return code;
        if ((code = cli_open_existing_store(&store, o.db)) != EXIT_OK)
                return code;
        if ((code = open_output(&w, "compare", &o, format)) != EXIT_OK) {
                mh_store_close(store);
                return code;
        }
        rc = mh_comparison_new(&cmp, store, o.campaign, o.with, &scope, o.finess, cli_diags());
        mh_store_close(store);
        if (rc < 0) {
                code = failed(rc);
                abandon_output(&w);
                return code;
        }
        if (format == FOLLOW_TABLE)
                rc = mh_comparison_write_table(cmp, w.out.stream, cli_diags());
        else
                rc = mh_comparison_write_sheet(cmp, w.sheet.sheet, cli_diags());
        mh_comparison_free(cmp);
        return close_output(&w, rc);
}
