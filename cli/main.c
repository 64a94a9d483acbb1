/*
 * main.c: the maturinh command: dispatches to a subcommand.
 *
 * `maturinh COMMAND [OPTIONS] [FILES]`, in the style of git.  Data goes to
 * stdout (or -o FILE), messages to stderr; exit codes are those of
 * docs/cli.md.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "Usage: maturinh COMMAND [OPTIONS] [FILES]\n"
    "\n"
    "Scores the cybersecurity maturity of health establishments against a\n"
    "MaturiN'H référentiel, ranks them and publishes the Observatoire.\n"
    "\n"
    "Référentiels:\n"
    "  referentiel check FILE...          check référentiel files and summarise them\n"
    "  referentiel show FILE              its domains, criteria and indicators\n"
    "\n"
    "Answers files (or, with --campaign ID, the database):\n"
    "  score -r REF ANSWERS...            score establishments (table, csv, json, xml)\n"
    "  explain -r REF ANSWERS             why an establishment scores what it does,\n"
    "                                     and what to fix first\n"
    "  template -r REF --finess F ...     an answers file to fill in by hand\n"
    "  rank -r REF ANSWERS...             the internal ranking (ARS, DNS)\n"
    "  publish -r REF --out DIR ANSWERS...  the Observatoire's public files\n"
    "  report -r REF --finess F --html FILE ANSWERS...  an establishment's own report\n"
    "\n"
    "The database (--db FILE, default ./maturinh.db):\n"
    "  campaign --campaign ID -r REF --reference-date D   create a campaign\n"
    "  import [-r REF] FILE...            answers (YAML, CSV) and establishment lists\n"
    "  fill --campaign ID --finess F      the questionnaire, in the terminal\n"
    "  submit, reopen --campaign ID --finess F\n"
    "  history --campaign ID --finess F   who changed which answer when\n"
    "  export --campaign ID --finess F    the answers as an answers file\n"
    "\n"
    "Benchmarks and demonstrations:\n"
    "  gen -r REF --count N [--seed S]    a synthetic national population\n"
    "\n"
    "Options:\n"
    "  -h, --help      show this help (also after any command)\n"
    "  -V, --version   show the version\n"
    "\n"
    "Exit status: 0 success, 64 usage error, 65 bad input data, 66 input missing\n"
    "or unreadable, 70 internal error, 73 cannot create output, 74 I/O error.\n";

int main(int argc, char **argv)
{
        int code;

        if (argc < 2) {
                fputs(usage, stderr);
                return EXIT_USAGE;
        }
        if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
            strcmp(argv[1], "help") == 0) {
                fputs(usage, stdout);
                return cli_flush_stdout();
        }
        if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
                printf("maturinh %s\n", mh_version());
                return cli_flush_stdout();
        }
        if (strcmp(argv[1], "referentiel") == 0)
                code = cmd_referentiel(argc - 1, argv + 1);
        else if (strcmp(argv[1], "score") == 0)
                code = cmd_score(argc - 1, argv + 1);
        else if (strcmp(argv[1], "explain") == 0)
                code = cmd_explain(argc - 1, argv + 1);
        else if (strcmp(argv[1], "template") == 0)
                code = cmd_template(argc - 1, argv + 1);
        else if (strcmp(argv[1], "import") == 0)
                code = cmd_import(argc - 1, argv + 1);
        else if (strcmp(argv[1], "fill") == 0)
                code = cmd_fill(argc - 1, argv + 1);
        else if (strcmp(argv[1], "submit") == 0)
                code = cmd_submit(argc - 1, argv + 1);
        else if (strcmp(argv[1], "reopen") == 0)
                code = cmd_reopen(argc - 1, argv + 1);
        else if (strcmp(argv[1], "history") == 0)
                code = cmd_history(argc - 1, argv + 1);
        else if (strcmp(argv[1], "export") == 0)
                code = cmd_export(argc - 1, argv + 1);
        else if (strcmp(argv[1], "rank") == 0)
                code = cmd_rank(argc - 1, argv + 1);
        else if (strcmp(argv[1], "publish") == 0)
                code = cmd_publish(argc - 1, argv + 1);
        else if (strcmp(argv[1], "report") == 0)
                code = cmd_report(argc - 1, argv + 1);
        else if (strcmp(argv[1], "gen") == 0)
                code = cmd_gen(argc - 1, argv + 1);
        else if (strcmp(argv[1], "campaign") == 0)
                code = cmd_campaign(argc - 1, argv + 1);
        else if (argv[1][0] == '-')
                code = cli_usage_error("", "unknown option '%s'", argv[1]);
        else
                code = cli_usage_error("", "unknown command '%s'", argv[1]);
        return code;
}
