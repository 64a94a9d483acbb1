/*
 * cli.h: what the commands of the maturinh program share.
 *
 * The program is thin: each command parses its options, calls the public API
 * of libmaturinh, prints, and maps the library's return codes to the exit
 * codes of docs/cli.md (sysexits.h values).
 */
#ifndef MH_CLI_H
#define MH_CLI_H

#include <stdio.h>

#include <maturinh.h>

enum {
        EXIT_OK = 0,
        EXIT_USAGE = 64,       /* command line usage error */
        EXIT_DATAERR = 65,     /* bad input data */
        EXIT_NOINPUT = 66,     /* input missing or unreadable */
        EXIT_SOFTWARE = 70,    /* internal error (out of memory included) */
        EXIT_CANTCREAT = 73,   /* cannot create output */
        EXIT_IOERR = 74,       /* I/O error */
        EXIT_TEMPFAIL = 75,    /* the database stayed in use by another process: try again */
        EXIT_INTERRUPTED = 130 /* Ctrl-C (128 + SIGINT), as the shells say it */
};

/*
 * Messages in the user's language (cli/i18n.c, docs/translation.md): the
 * program's text domain, CLI_TEXT_DOMAIN (po/maturinh/); the library
 * translates its own diagnostics through its own domain.  _() translates a
 * message, N_() marks one for xgettext where it is written (a table) and
 * leaves it to be translated where it is printed.
 */
#define CLI_TEXT_DOMAIN "maturinh"
/** The locale of the environment and the program's domain: first thing in main(). */
void cli_i18n_init(void);
/** Messages in French from now on, whatever the locale (maturinh serve); numbers in the C locale.
 */
void cli_i18n_french(void);
/** `msgid` in the language of LC_MESSAGES, or itself. */
const char *cli_tr(const char *msgid)
#if defined(__GNUC__)
    __attribute__((format_arg(1)))
#endif
    ;
/** `singular` or `plural`, the one for `n` in the language of LC_MESSAGES. */
const char *cli_ntr(const char *singular, const char *plural, unsigned long n)
#if defined(__GNUC__)
    __attribute__((format_arg(1))) __attribute__((format_arg(2)))
#endif
    ;
#define _(msgid)  cli_tr(msgid)
#define N_(msgid) msgid

/** The exit code for a library return code. */
int cli_exit_code(int rc);
/** Of two exit codes, the one to report (internal > I/O > missing > data > usage). */
int cli_worse(int a, int b);
/** Prints "maturinh: MESSAGE\n" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/**
 * The program's diagnostics, given to every library call that can fail (NULL
 * when even that list could not be made: the library accepts it).
 */
mh_diagnostics *cli_diags(void);
/** The first message of cli_diags() (then forgotten), for a one-line usage error. */
const char *cli_first_message(void);
/**
 * Prints what the library said: located errors as FILE:LINE:COLUMN: error:
 * MESSAGE, the others (the store's, which name the database) as
 * "maturinh: MESSAGE"; then forgets them.
 */
void cli_print_diagnostics(mh_diagnostics *diags);
/** Prints the usage error and the hint to run --help; returns EXIT_USAGE. */
int cli_usage_error(const char *command, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Output to stdout or to a file given with -o.  A file is written to a
 * temporary name beside it and renamed into place only when everything was
 * written, so a failed run never leaves a half-written file.
 */
typedef struct cli_output {
        FILE *stream;       /* where to write */
        char *path;         /* the final path, NULL for stdout */
        char *temp_path;    /* the temporary file being written */
        int special;        /* path is a device or a pipe, written in place */
        int spooled;        /* stdout, written to a temporary file until the end */
        char *spool_buffer; /* the temporary file's stdio buffer (malloc) */
        int no_replace;     /* never replace a file at path, even one made meanwhile */
} cli_output;

/** Opens the output; returns 0 or an exit code (after printing why). */
int cli_output_open(cli_output *out, const char *path);
/**
 * Same, for outputs that must not replace a file (export, report): an
 * existing file is refused unless `force`, and without it the final rename
 * refuses a file that appeared meanwhile.  A folder is always refused.
 */
int cli_output_create(cli_output *out, const char *path, int force);
/**
 * The check of cli_output_create() alone, for an output opened another way
 * (cli_sheet_open()'s CSV): a folder is refused, an existing file unless
 * `force` (EXIT_CANTCREAT, after saying why); EXIT_OK otherwise.
 */
int cli_output_refuse_existing(const char *path, int force);
/**
 * Same, for a file that holds one establishment's answers or weaknesses
 * (export, report): created with mode 0600, whatever the umask, as the
 * database is.
 */
int cli_output_create_private(cli_output *out, const char *path, int force);
/**
 * Renames `from` to `to`, failing with EEXIST if `to` exists (atomically
 * where the file system allows it).  Returns 0 or -1 with errno set.
 */
int cli_rename_noreplace(const char *from, const char *to);
/**
 * Same; with `spool` and no path, stdout gets the output only when it is
 * closed with `ok` (until then it goes to a temporary file).
 */
int cli_output_open_spooled(cli_output *out, const char *path, int spool);
/**
 * Closes the output: with `ok`, flushes and moves the file into place;
 * otherwise removes the temporary file.  Returns 0 or an exit code.
 */
int cli_output_close(cli_output *out, int ok);

/*
 * A spreadsheet output (score, rank, status, compare: maturinh/sheet.h).
 * CSV goes to cli_output_open_spooled(path, spool).  XLSX goes to the file
 * `path`, which mh_sheet_open_xlsx() writes beside it and renames into place
 * at the end; without a path (or "-", or a device) the workbook is made in
 * a temporary file and copied to stdout (or the device) at the end, and a
 * terminal is refused: a workbook is binary.
 */
typedef struct cli_sheet {
        mh_sheet *sheet; /* the rows go here */
        cli_output out;  /* CSV: where it goes */
        int xlsx;        /* an XLSX workbook */
        char *temp_path; /* XLSX for stdout or a device: the workbook, until copied */
        char *copy_to;   /* XLSX: the device to copy it into (NULL: stdout) */
} cli_sheet;
/**
 * Opens the sheet `name` in `format` (MH_FORMAT_CSV or MH_FORMAT_XLSX).
 * With `no_replace` an existing file is refused (exit 73, "give --force"),
 * for CSV and XLSX alike (the CSV's final rename refuses one made meanwhile).
 * Returns 0, EXIT_USAGE (a workbook to a terminal: give -o FILE) or another
 * exit code, after printing why.  Called before anything is read.
 */
int cli_sheet_open(cli_sheet *s, const char *command, mh_format format, const char *path,
                   const char *name, int spool, int no_replace);
/**
 * Closes the sheet: with `ok`, writes it (the CSV moved into place, the
 * workbook renamed into place or copied out); otherwise nothing is left.
 * Returns 0 or an exit code, after printing why.
 */
int cli_sheet_close(cli_sheet *s, int ok);
/*
 * What a command reads, which none of its outputs may be: the référentiel,
 * the database (with its -wal, -shm and -journal files) and the answers
 * files; NULL (or 0 files) for what it does not read.
 */
typedef struct cli_inputs {
        const char *ref;
        const char *db;
        char *const *files;
        int n_files;
} cli_inputs;

/**
 * Refuses an output file that is one of the inputs (same device and inode,
 * whatever the path: a hard or symbolic link too): prints why and returns
 * EXIT_CANTCREAT; returns 0 otherwise (an output that does not exist yet,
 * "-" for stdout, a device, a folder, which the command refuses itself).
 * Called before anything is opened.
 */
int cli_check_output(const char *output, const cli_inputs *inputs);
/** Same for an output folder, which may not hold an input at any depth. */
int cli_check_folder(const char *folder, const cli_inputs *inputs);
/*
 * Refuses (usage error, 64) two outputs of one command that name the same
 * file: `paths[i]` is given by the option `options[i]`; NULL is no output,
 * "-" the standard output.  Returns 0 when they are all distinct.
 */
int cli_check_distinct(const char *command, const char *const *options, const char *const *paths,
                       size_t n);

/** Loads a référentiel, printing its errors on stderr; returns an exit code. */
int cli_load_referentiel(mh_referentiel **out, const char *path);

/*
 * Options.  A command declares its options as a table of cli_option ended
 * by CLI_END, each saying where its value goes, and calls
 * cli_parse_options(), which reads the command line as getopt_long() did:
 *
 *     --name VALUE, --name=VALUE, an unambiguous prefix of the name,
 *     -x VALUE, -xVALUE, flags grouped (-kd), arguments anywhere until --,
 *     the last value of a repeated option, -h and --help (the usage, at
 *     once, on stdout, followed by the options of the table, one line
 *     each).
 *
 * Its usage errors: "option '-x' needs a value", "unknown option '--nme'
 * (did you mean '--name'?)", "--count takes a number, not 'x'".
 */
typedef enum cli_option_kind {
        CLI_OPTION_FLAG,   /* no value: *flag = 1 */
        CLI_OPTION_VALUE,  /* *value = the value (a string of argv) */
        CLI_OPTION_NUMBER, /* *number = the value, digits only: "takes a number" */
        CLI_OPTION_WHOLE,  /* *whole = the value, digits only: "takes a whole number" */
        CLI_OPTION_LIST    /* the value added to *list: an option given as often as needed */
} cli_option_kind;

/* The values of a CLI_OPTION_LIST option, in order (strings of argv); free with cli_list_free(). */
typedef struct cli_list {
        const char **items;
        size_t count;
} cli_list;
void cli_list_free(cli_list *list);

typedef struct cli_option {
        const char *name; /* the long name, without "--"; NULL ends the table */
        char letter;      /* the short name, 0 for none */
        cli_option_kind kind;
        const char *arg;  /* how --help names its value ("FILE"), NULL for a flag */
        const char *help; /* what --help says of it, one line */
        union {
                int *flag;
                const char **value;
                unsigned long *number;
                long *whole;
                cli_list *list;
        };
} cli_option;

/*
 * The entries of a table, each with what --help says of it: the command's
 * --help lists its options from its table (cli_parse_options), so the list
 * is always the options it accepts.  `arg` names the value (FILE, ID, N).
 * clang-format takes their braces for blocks.
 */
/* clang-format off */
#define CLI_FLAG(name, letter, target, help) \
        {(name), (letter), CLI_OPTION_FLAG, NULL, (help), .flag = (target)}
#define CLI_VALUE(name, letter, target, arg, help) \
        {(name), (letter), CLI_OPTION_VALUE, (arg), (help), .value = (target)}
#define CLI_NUMBER(name, letter, target, arg, help) \
        {(name), (letter), CLI_OPTION_NUMBER, (arg), (help), .number = (target)}
#define CLI_WHOLE(name, letter, target, arg, help) \
        {(name), (letter), CLI_OPTION_WHOLE, (arg), (help), .whole = (target)}
#define CLI_LIST(name, letter, target, arg, help) \
        {(name), (letter), CLI_OPTION_LIST, (arg), (help), .list = (target)}
#define CLI_END {NULL, 0, CLI_OPTION_FLAG, NULL, NULL, .flag = NULL}
/* clang-format on */
/* Options many commands have, said the same way by all. */
#define CLI_OPTION_DB(target)                                                                      \
        CLI_VALUE("db", 0, (target), "FILE", "the database (default ./maturinh.db)")
#define CLI_OPTION_OUTPUT(target)                                                                  \
        CLI_VALUE("output", 'o', (target), "OUT", "write to OUT instead of stdout")

/* The positional arguments of a command line, in order. */
typedef struct cli_args {
        int argc;
        char **argv; /* argv + 1 of the command line, its arguments moved there */
} cli_args;

/**
 * Reads the options of `argv` (argv[0] is the command) into the targets of
 * `options` and the other arguments into `args` (argv is reordered: the
 * arguments move to its front).  `command` names it in the messages;
 * `usage` is printed for --help, then the table's options.  Returns -1 to go on, or the exit code
 * to end with: that of --help, or EXIT_USAGE after printing why.
 */
int cli_parse_options(const char *command, const char *usage, const cli_option *options, int argc,
                      char **argv, cli_args *args);
/** A number of digits only, at most `max`, into *value; returns 0, or -1 if it is not one. */
int cli_parse_number(const char *text, unsigned long max, unsigned long *value);
/**
 * The usage error "unknown KIND 'SHOWN'", followed by " (did you mean
 * 'PREFIXCANDIDATE'?)" when mh_suggest() finds `word` a typo of one of
 * `candidates` (NULL-terminated); returns EXIT_USAGE.
 */
typedef enum cli_unknown_kind {
        CLI_UNKNOWN_COMMAND,    /* a command of maturinh */
        CLI_UNKNOWN_SUBCOMMAND, /* a command of the command `command` (referentiel check) */
        CLI_UNKNOWN_OPTION      /* an option */
} cli_unknown_kind;
int cli_unknown(const char *command, cli_unknown_kind kind, const char *shown, const char *word,
                const char *prefix, const char *const *candidates);

/*
 * Called for each valid establishment of the files; returns 0 to go on, or an
 * exit code to stop.  The establishment is freed by the caller.
 */
typedef int (*visit_fn)(const mh_establishment *est, void *context);

/*
 * Reads every establishment of `files`.  Errors are printed as they come.
 * Invalid establishments are listed when `list_rejected`.  Returns the
 * worst exit code met (0 when everything was valid).
 */
int cli_each_establishment(const mh_referentiel *ref, char **files, int n_files, int list_rejected,
                           visit_fn visit, void *context);

/*
 * A progress line on stderr while many establishments are read, shown only
 * when stderr is a terminal.
 */
void cli_progress_start(const char *what);
void cli_progress_tick(void);
void cli_progress_end(void);

/** Flushes stdout; returns 0, or EXIT_IOERR after saying why. */
int cli_flush_stdout(void);

/** The commands. */
int cmd_referentiel(int argc, char **argv);
int cmd_score(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_template(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_fill(int argc, char **argv);
int cmd_submit(int argc, char **argv);
int cmd_reopen(int argc, char **argv);
int cmd_history(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_rank(int argc, char **argv);
int cmd_publish(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_gen(int argc, char **argv);
int cmd_campaign(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_compare(int argc, char **argv);

/*
 * A FINESS typed with --finess (finess.c).  The known FINESS, those of the
 * campaign or of the answers files given, are kept in a list for "did you
 * mean".
 */
typedef struct cli_finess_list {
        char **items; /* NULL-terminated, or NULL when empty */
        size_t count, capacity;
} cli_finess_list;

/** Adds a copy of `finess`; returns 0, or -1 out of memory. */
int cli_finess_list_add(cli_finess_list *list, const char *finess);
/** The list, NULL-terminated (NULL when empty), for cli_finess_hint(). */
const char *const *cli_finess_list_names(const cli_finess_list *list);
void cli_finess_list_free(cli_finess_list *list);
/**
 * Adds the FINESS of the campaign's establishments in the database at `db`,
 * for a hint only: nothing when the database (never created here) or the
 * campaign is not there.
 */
void cli_campaign_finess(cli_finess_list *list, const char *db, const char *campaign);
/**
 * "; did you mean G?" in `buf` when G is the only one of `known` a digit or
 * a swap of two digits away from `finess` (mh_suggest_within), else "".
 */
const char *cli_finess_hint(char *buf, size_t size, const char *finess, const char *const *known);
/**
 * When `finess` fails the FINESS check (mh_finess_check): prints the usage
 * error "--OPTION F: WHY" (with the hint) and returns EXIT_USAGE; else -1.
 */
int cli_finess_refuse(const char *command, const char *option, const char *finess,
                      const char *const *known);
/** Same, with the campaign's establishments as the known ones. */
int cli_refuse_campaign_finess(const char *command, const char *db, const char *campaign,
                               const char *finess);
/** Says "no establishment F in campaign C of DB" (with the hint); returns EXIT_DATAERR. */
int cli_no_establishment(const char *db, const char *campaign, const char *finess);

/** Opens the database, printing why not; returns an exit code. */
int cli_open_store(mh_store **out, const char *path);
/**
 * Same, for a command that reads or changes what is there: a database that
 * does not exist is refused (EXIT_NOINPUT), never created.
 */
int cli_open_existing_store(mh_store **out, const char *path);
/** Loads a campaign's référentiel from the database, printing why not; returns an exit code. */
int cli_campaign_referentiel(mh_store *store, const char *campaign, mh_referentiel **out);

#endif
