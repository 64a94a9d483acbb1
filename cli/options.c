/*
 * options.c: the one option parser of the commands, driven by their tables
 * of cli_option, and the "did you mean" of unknown commands and options.
 *
 * It reads the command line the way getopt_long() does: options and
 * positional arguments in any order (until `--`), `--name value`,
 * `--name=value`, an unambiguous prefix of a long name, `-x value`, `-xVALUE`
 * and flags grouped as `-kd`; a repeated option keeps its last value (one
 * of kind CLI_OPTION_LIST, each of them);
 * `-h` and `--help` print the command's usage wherever they come.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The most names a suggestion looks at (the tables are far smaller). */
#define MAX_NAMES 64

int cli_unknown(const char *command, cli_unknown_kind kind, const char *shown, const char *word,
                const char *prefix, const char *const *candidates)
{
        const char *closest = word != NULL ? mh_suggest(word, candidates) : NULL;

        /* whole sentences, each translated as one */
        switch (kind) {
        case CLI_UNKNOWN_COMMAND:
                if (closest == NULL)
                        return cli_usage_error(command, N_("unknown command '%s'"), shown);
                return cli_usage_error(command, N_("unknown command '%s' (did you mean '%s%s'?)"),
                                       shown, prefix, closest);
        case CLI_UNKNOWN_SUBCOMMAND:
                if (closest == NULL)
                        return cli_usage_error(command, N_("unknown %s command '%s'"), command,
                                               shown);
                return cli_usage_error(command,
                                       N_("unknown %s command '%s' (did you mean '%s%s'?)"),
                                       command, shown, prefix, closest);
        case CLI_UNKNOWN_OPTION:
        default:
                if (closest == NULL)
                        return cli_usage_error(command, N_("unknown option '%s'"), shown);
                return cli_usage_error(command, N_("unknown option '%s' (did you mean '%s%s'?)"),
                                       shown, prefix, closest);
        }
}

int cli_parse_number(const char *text, unsigned long max, unsigned long *value)
{
        unsigned long n;
        char *end;

        if (text[0] < '0' || text[0] > '9')
                return -1;
        errno = 0;
        n = strtoul(text, &end, 10);
        if (*end != '\0' || errno == ERANGE || n > max)
                return -1;
        *value = n;
        return 0;
}

static const char help_name[] = "help";

/* Stores `value` for the option; returns -1 to go on, or an exit code. */
static int store(const char *command, const cli_option *option, const char *value)
{
        unsigned long n;

        switch (option->kind) {
        case CLI_OPTION_FLAG:
                *option->flag = 1;
                break;
        case CLI_OPTION_VALUE:
                *option->value = value;
                break;
        case CLI_OPTION_NUMBER:
                if (cli_parse_number(value, ULONG_MAX, &n) < 0)
                        return cli_usage_error(command, N_("--%s takes a number, not '%s'"),
                                               option->name, value);
                *option->number = n;
                break;
        case CLI_OPTION_WHOLE:
                if (cli_parse_number(value, LONG_MAX, &n) < 0)
                        return cli_usage_error(command, N_("--%s takes a whole number, not '%s'"),
                                               option->name, value);
                *option->whole = (long)n;
                break;
        case CLI_OPTION_LIST: {
                const char **items =
                    realloc(option->list->items, (option->list->count + 1) * sizeof(*items));

                if (items == NULL) {
                        cli_error(N_("out of memory"));
                        return EXIT_SOFTWARE;
                }
                items[option->list->count++] = value;
                option->list->items = items;
                break;
        }
        }
        return -1;
}

void cli_list_free(cli_list *list)
{
        free(list->items);
        list->items = NULL;
        list->count = 0;
}

/* Where the descriptions of the options begin in --help, and where lines end. */
#define HELP_COLUMN 26
#define HELP_WIDTH  79

/* Columns a UTF-8 string takes on a terminal (each character one). */
static size_t columns(const char *s, size_t length)
{
        size_t n = 0, i;

        for (i = 0; i < length; i++)
                n += ((unsigned char)s[i] & 0xC0) != 0x80;
        return n;
}

/* One option of --help: its names, then its description from HELP_COLUMN, wrapped. */
static void print_option(char letter, const char *name, const char *arg, const char *help)
{
        char names[96];
        const char *word = help;
        size_t column;

        snprintf(names, sizeof(names), "  %c%c%c --%s%s%s", letter ? '-' : ' ',
                 letter ? letter : ' ', letter ? ',' : ' ', name, arg ? " " : "", arg ? arg : "");
        fputs(names, stdout);
        column = strlen(names);
        if (column + 2 > HELP_COLUMN) {
                fputc('\n', stdout);
                column = 0;
        }
        for (; column < HELP_COLUMN; column++)
                fputc(' ', stdout);
        while (*word != '\0') {
                size_t length = strcspn(word, " "), width = columns(word, length);

                if (column > HELP_COLUMN && column + 1 + width > HELP_WIDTH) {
                        fprintf(stdout, "\n%*s", HELP_COLUMN, "");
                        column = HELP_COLUMN;
                } else if (column > HELP_COLUMN) {
                        fputc(' ', stdout);
                        column++;
                }
                fwrite(word, 1, length, stdout);
                column += width;
                word += length;
                word += strspn(word, " ");
        }
        fputc('\n', stdout);
}

/* --help: the command's usage, then its options, from its table. */
static int print_usage(const char *usage, const cli_option *options)
{
        int i;

        /* the usage and the descriptions translated here, marked where they are written */
        fputs(_(usage), stdout);
        fputs(_("\nOptions:\n"), stdout);
        for (i = 0; options[i].name != NULL; i++)
                print_option(options[i].letter, options[i].name, options[i].arg,
                             options[i].help != NULL && options[i].help[0] != '\0'
                                 ? _(options[i].help)
                                 : "");
        print_option('h', help_name, NULL, _("show this help"));
        return cli_flush_stdout();
}

/*
 * The option of the table named NAME (its first `length` characters): the
 * exact name, else the only one it begins.  NULL with *help for --help, with
 * *ambiguous when it begins several names, or for none.
 */
static const cli_option *find_long(const cli_option *options, const char *name, size_t length,
                                   int *help, int *ambiguous)
{
        const cli_option *found = NULL;
        int matches = 0, i;

        *help = *ambiguous = 0;
        for (i = 0; options[i].name != NULL; i++) {
                if (strncmp(options[i].name, name, length) != 0)
                        continue;
                if (options[i].name[length] == '\0')
                        return &options[i];
                found = &options[i];
                matches++;
        }
        if (strncmp(help_name, name, length) == 0) {
                if (help_name[length] == '\0' || matches == 0) {
                        *help = 1;
                        return NULL;
                }
                matches++;
        }
        if (matches > 1) {
                *ambiguous = 1;
                return NULL;
        }
        return found;
}

/* The usage error for the unknown long option `element` (--NAME or --NAME=VALUE). */
static int unknown_long(const char *command, const cli_option *options, const char *element,
                        size_t length)
{
        const char *names[MAX_NAMES + 2];
        char word[64];
        int i, n = 0;

        for (i = 0; options[i].name != NULL && n < MAX_NAMES; i++)
                names[n++] = options[i].name;
        names[n++] = help_name;
        names[n] = NULL;
        if (length >= sizeof(word))
                length = sizeof(word) - 1;
        memcpy(word, element + 2, length);
        word[length] = '\0';
        return cli_unknown(command, CLI_UNKNOWN_OPTION, element, word, "--", names);
}

/*
 * Reads the long option argv[*i] (--NAME or --NAME=VALUE), and its value
 * argv[*i + 1] when it needs one; returns -1 to go on, or an exit code.
 */
static int parse_long(const char *command, const char *usage, const cli_option *options, int argc,
                      char **argv, int *i)
{
        const char *element = argv[*i], *name = element + 2, *equals = strchr(name, '=');
        size_t length = equals != NULL ? (size_t)(equals - name) : strlen(name);
        const cli_option *option;
        const char *value = NULL;
        int help, ambiguous;

        option = find_long(options, name, length, &help, &ambiguous);
        if (help && equals == NULL)
                return print_usage(usage, options);
        if (help || ambiguous) /* --help=x, or --f for --finess and --format */
                return cli_usage_error(command, N_("unknown option '%s'"), element);
        if (option == NULL)
                return unknown_long(command, options, element, length);
        if (option->kind == CLI_OPTION_FLAG) {
                if (equals != NULL) /* a flag takes no value */
                        return cli_usage_error(command, N_("unknown option '%s'"), element);
        } else if (equals != NULL) {
                value = equals + 1;
        } else if (*i + 1 < argc) {
                value = argv[++*i];
        } else {
                return cli_usage_error(command, N_("option '%s' needs a value"), element);
        }
        return store(command, option, value);
}

/*
 * Reads the short options of argv[*i] (-k, -kd, -rFILE, -kr FILE), and the
 * value argv[*i + 1] of the last when it needs one; returns -1 to go on, or
 * an exit code.
 */
static int parse_short(const char *command, const char *usage, const cli_option *options, int argc,
                       char **argv, int *i)
{
        const char *element = argv[*i], *c;
        int code;

        for (c = element + 1; *c != '\0'; c++) {
                const cli_option *option = NULL;
                const char *value = NULL;
                int k;

                for (k = 0; options[k].name != NULL && option == NULL; k++)
                        if (options[k].letter == *c)
                                option = &options[k];
                if (option == NULL && *c == 'h')
                        return print_usage(usage, options);
                if (option == NULL)
                        return cli_usage_error(command, N_("unknown option '%s'"), element);
                if (option->kind != CLI_OPTION_FLAG) {
                        if (c[1] != '\0')
                                value = c + 1;
                        else if (*i + 1 < argc)
                                value = argv[++*i];
                        else
                                return cli_usage_error(command, N_("option '%s' needs a value"),
                                                       element);
                }
                if ((code = store(command, option, value)) >= 0 || value != NULL)
                        return code;
        }
        return -1;
}

int cli_parse_options(const char *command, const char *usage, const cli_option *options, int argc,
                      char **argv, cli_args *args)
{
        int i, n_args = 0, code;

        args->argc = 0;
        args->argv = argv + 1;
        for (i = 1; i < argc; i++) {
                const char *element = argv[i];

                if (strcmp(element, "--") == 0) {
                        /* the rest are arguments, whatever they look like */
                        while (++i < argc)
                                argv[1 + n_args++] = argv[i];
                        break;
                }
                if (element[0] != '-' || element[1] == '\0') {
                        /* an argument (- too): moved to the front, in order (1 + n_args <= i) */
                        argv[1 + n_args++] = argv[i];
                        continue;
                }
                code = element[1] == '-' ? parse_long(command, usage, options, argc, argv, &i)
                                         : parse_short(command, usage, options, argc, argv, &i);
                if (code >= 0)
                        return code;
        }
        args->argc = n_args;
        return -1;
}
