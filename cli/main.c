/*
 * main.c: the maturinh command: dispatches to a subcommand.
 *
 * `maturinh COMMAND [OPTIONS] [FILES]`, in the style of git.  Data goes to
 * stdout (or -o FILE), messages to stderr; exit codes are those of
 * docs/cli.md.  Its messages follow the locale (cli/i18n.c).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* The commands, for the dispatch and the usage text, in the order it lists them. */
static const struct command {
        const char *name;
        int (*run)(int argc, char **argv);
        const char *section;  /* the heading before it in the usage, or NULL */
        const char *synopsis; /* how the usage shows it, NULL for not at all */
        const char *summary;  /* what it does, beside the synopsis, line by line */
} commands[] = {
    {"referentiel", cmd_referentiel, N_("Référentiels:"),
     "referentiel check FILE...\nreferentiel show FILE",
     N_("check référentiel files and summarise them\nits domains, criteria and indicators")},
    {"score", cmd_score, N_("Answers files (or, with --campaign ID, the database):"),
     "score -r REF ANSWERS...", N_("score establishments (table, csv, json, xml)")},
    {"explain", cmd_explain, NULL, "explain -r REF ANSWERS",
     N_("why an establishment scores what it does,\nand what to fix first")},
    {"template", cmd_template, NULL, "template -r REF --finess F ...",
     N_("an answers file to fill in by hand")},
    {"rank", cmd_rank, NULL, "rank -r REF ANSWERS...", N_("the internal ranking (ARS, DNS)")},
    {"publish", cmd_publish, NULL, "publish -r REF --out DIR ANSWERS...",
     N_("the Observatoire's public files")},
    {"report", cmd_report, NULL, "report -r REF --finess F --html FILE ANSWERS...",
     N_("an establishment's own report")},
    {"campaign", cmd_campaign, N_("The database (--db FILE, default ./maturinh.db):"),
     "campaign --campaign ID -r REF --reference-date D", N_("create a campaign")},
    {"import", cmd_import, NULL, "import [-r REF] FILE...",
     N_("answers (YAML, CSV) and establishment lists")},
    {"fill", cmd_fill, NULL, "fill --campaign ID --finess F",
     N_("the questionnaire, in the terminal")},
    {"submit", cmd_submit, NULL, "submit, reopen --campaign ID --finess F", ""},
    {"reopen", cmd_reopen, NULL, NULL, NULL},
    {"history", cmd_history, NULL, "history --campaign ID --finess F",
     N_("who changed which answer when")},
    {"export", cmd_export, NULL, "export --campaign ID --finess F",
     N_("the answers as an answers file")},
    {"status", cmd_status, NULL, "status --campaign ID [--only ...]",
     N_("the chase list: who has not answered yet")},
    {"compare", cmd_compare, NULL, "compare --campaign ID --with ID",
     N_("how establishments moved between two campaigns")},
    {"user", cmd_user, NULL, "user add|list|passwd|remove",
     N_("the accounts of the web questionnaire")},
    {"serve", cmd_serve, NULL, "serve [--db FILE] [--listen ADDR:PORT]",
     N_("the web questionnaire (pages and JSON API)")},
    {"gen", cmd_gen, N_("Benchmarks and demonstrations:"), "gen -r REF --count N [--seed S]",
     N_("a synthetic national population")},
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

/* Where the summaries begin in the usage text. */
#define SUMMARY_COLUMN 37

/* The usage text: the commands of the table under their headings, line by line. */
static void print_usage(FILE *out)
{
        size_t i;

        fputs(_("Usage: maturinh COMMAND [OPTIONS] [FILES]\n"
                "\n"
                "Scores the cybersecurity maturity of health and médico-social\n"
                "establishments against a MaturiN'H référentiel, ranks them and publishes\n"
                "the Observatoire.\n"),
              out);
        for (i = 0; i < N_COMMANDS; i++) {
                const char *synopsis = commands[i].synopsis, *summary = commands[i].summary;

                if (commands[i].section != NULL)
                        fprintf(out, "\n%s\n", _(commands[i].section));
                if (summary != NULL && *summary != '\0')
                        summary = _(summary);
                while (synopsis != NULL && (*synopsis != '\0' || *summary != '\0')) {
                        int width = (int)strcspn(synopsis, "\n");
                        int length = (int)strcspn(summary, "\n");

                        fprintf(out, "  %.*s", width, synopsis);
                        if (length > 0)
                                fprintf(out, "%*s%.*s",
                                        width + 4 > SUMMARY_COLUMN ? 2 : SUMMARY_COLUMN - 2 - width,
                                        "", length, summary);
                        fputc('\n', out);
                        synopsis += width + (synopsis[width] == '\n');
                        summary += length + (summary[length] == '\n');
                }
        }
        fputs(_("\n"
                "Options:\n"
                "  -h, --help      show this help (also after any command)\n"
                "  -V, --version   show the version\n"
                "\n"
                "Exit status: 0 success, 64 usage error, 65 bad input data, 66 input missing\n"
                "or unreadable, 70 internal error, 73 cannot create output, 74 I/O error,\n"
                "75 the database stayed in use by another maturinh: run it again.\n"),
              out);
}

int main(int argc, char **argv)
{
        static const char *const options[] = {"help", "version", NULL};
        const char *names[N_COMMANDS + 2];
        size_t i;

        cli_i18n_init();
        if (argc < 2) {
                print_usage(stderr);
                return EXIT_USAGE;
        }
        if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
            strcmp(argv[1], "help") == 0) {
                print_usage(stdout);
                return cli_flush_stdout();
        }
        if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
                printf("maturinh %s\n", mh_version());
                return cli_flush_stdout();
        }
        for (i = 0; i < N_COMMANDS; i++)
                if (strcmp(argv[1], commands[i].name) == 0)
                        return commands[i].run(argc - 1, argv + 1);
        if (argv[1][0] == '-')
                return cli_unknown("", CLI_UNKNOWN_OPTION, argv[1],
                                   strncmp(argv[1], "--", 2) == 0 ? argv[1] + 2 : NULL, "--",
                                   options);
        for (i = 0; i < N_COMMANDS; i++)
                names[i] = commands[i].name;
        names[i++] = "help";
        names[i] = NULL;
        return cli_unknown("", CLI_UNKNOWN_COMMAND, argv[1], argv[1], "", names);
}
