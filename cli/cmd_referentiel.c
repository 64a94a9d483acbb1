/*
 * cmd_referentiel.c: `maturinh referentiel check` and `maturinh referentiel show`.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage_referentiel[] =
    N_("Usage: maturinh referentiel check FILE...\n"
       "       maturinh referentiel show FILE [--format text|csv] [-o OUT]\n"
       "\n"
       "  check   check each référentiel file; print `OK ID VERSION (counts)` for\n"
       "          each valid one, every error as FILE:LINE:COLUMN: error: MESSAGE\n"
       "  show    print a référentiel's levels, domains, criteria and indicators\n");

static const char usage_check[] =
    N_("Usage: maturinh referentiel check FILE...\n"
       "\n"
       "Checks each référentiel file against the format maturinh-referentiel/1.\n"
       "Prints `OK ID VERSION (N domains, N criteria, N indicators)` on stdout for\n"
       "each valid file and every error of the others on stderr as\n"
       "FILE:LINE:COLUMN: error: MESSAGE.\n"
       "\n"
       "Exit status: 0 all valid, 65 a file is invalid, 66 a file is missing or\n"
       "unreadable, 64 usage error.\n");

static const char usage_show[] =
    N_("Usage: maturinh referentiel show FILE [--format text|csv] [-o OUT]\n"
       "\n"
       "Prints a référentiel: its identity and SHA-256, levels, scoring and\n"
       "publication parameters, then every domain, criterion and indicator.\n");

static int wants_help(int argc, char **argv)
{
        int i;

        for (i = 1; i < argc; i++) {
                if (strcmp(argv[i], "--") == 0)
                        return 0;
                if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
                        return 1;
        }
        return 0;
}

static int print_help(const char *text)
{
        fputs(_(text), stdout);
        return cli_flush_stdout();
}

static int check(int argc, char **argv)
{
        const cli_option options[] = {
            CLI_END,
        };
        cli_args args;
        int i, code;

        if (wants_help(argc, argv))
                return print_help(usage_check);
        if ((code = cli_parse_options("referentiel check", usage_check, options, argc, argv,
                                      &args)) >= 0)
                return code;
        code = EXIT_OK;
        for (i = 0; i < args.argc; i++) {
                mh_referentiel *ref = NULL;
                int file_code;

                file_code = cli_load_referentiel(&ref, args.argv[i]);
                if (file_code == EXIT_OK) {
                        printf(_("OK %s %s (%zu domains, %zu criteria, %zu indicators)\n"),
                               mh_referentiel_id(ref), mh_referentiel_version(ref),
                               mh_referentiel_domain_count(ref),
                               mh_referentiel_criterion_count(ref),
                               mh_referentiel_indicator_count(ref));
                        mh_referentiel_free(ref);
                }
                code = cli_worse(code, file_code);
        }
        if (args.argc == 0)
                return cli_usage_error("referentiel check", N_("no référentiel file given"));
        return cli_worse(code, cli_flush_stdout());
}

static int show(int argc, char **argv)
{
        const char *format = "text", *output = NULL;
        const cli_option options[] = {
            CLI_VALUE("format", 'f', &format, "FORMAT",
                      "text (default) or csv (one row per indicator)"),
            CLI_VALUE("output", 'o', &output, "OUT",
                      "write to OUT instead of stdout (replaced atomically)"),
            CLI_END,
        };
        mh_referentiel *ref = NULL;
        cli_output out;
        cli_args args;
        int code, rc;

        if ((code = cli_parse_options("referentiel show", usage_show, options, argc, argv,
                                      &args)) >= 0)
                return code;
        if (strcmp(format, "text") != 0 && strcmp(format, "csv") != 0)
                return cli_usage_error("referentiel show",
                                       N_("unknown format '%s': expected text or csv"), format);
        if (args.argc != 1)
                return cli_usage_error("referentiel show",
                                       args.argc == 0 ? N_("no référentiel file given")
                                                      : N_("show takes a single référentiel file"));
        {
                const cli_inputs inputs = {args.argv[0], NULL, NULL, 0};

                if ((code = cli_check_output(output, &inputs)) != EXIT_OK)
                        return code;
        }
        if ((code = cli_load_referentiel(&ref, args.argv[0])) != EXIT_OK)
                return code;
        if ((code = cli_output_open(&out, output)) != EXIT_OK) {
                mh_referentiel_free(ref);
                return code;
        }
        rc = strcmp(format, "csv") == 0 ? mh_referentiel_write_csv(ref, out.stream, NULL)
                                        : mh_referentiel_write_text(ref, out.stream, NULL);
        mh_referentiel_free(ref);
        code = cli_output_close(&out, rc == 0);
        if (rc < 0 && code == EXIT_OK) {
                cli_error(N_("cannot write the output"));
                code = cli_exit_code(rc);
        }
        return code;
}

int cmd_referentiel(int argc, char **argv)
{
        static const char *const commands[] = {"check", "show", NULL};

        if (argc < 2) {
                fputs(_(usage_referentiel), stderr);
                return EXIT_USAGE;
        }
        if (strcmp(argv[1], "check") == 0)
                return check(argc - 1, argv + 1);
        if (strcmp(argv[1], "show") == 0)
                return show(argc - 1, argv + 1);
        if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
                return print_help(usage_referentiel);
        return cli_unknown("referentiel", CLI_UNKNOWN_SUBCOMMAND, argv[1], argv[1], "", commands);
}
