/*
 * cmd_store.h: what the commands of the database share (cli/cmd_store.c
 * and cli/cmd_fill.c): their options, and the session of a database, a
 * campaign's référentiel and an establishment.
 */
#ifndef CLI_CMD_STORE_H
#define CLI_CMD_STORE_H

#include "cli.h"

/* Options shared by the database commands. */
struct db_options {
        const char *db;       /* --db */
        const char *campaign; /* --campaign */
        const char *finess;   /* --finess */
        const char *user;     /* --user */
        const char *ref_path; /* -r */
        const char *output;   /* -o */
        const char *status;   /* --status */
        int keep_going;       /* -k */
        int force;            /* --force: replace the -o file */
        int incomplete;       /* submit --incomplete */
        cli_args args;        /* the arguments */
};

/* The options of struct db_options, for the tables of the commands. */
#define DB_OPTION_DB(o)       CLI_OPTION_DB(&(o).db)
#define DB_OPTION_CAMPAIGN(o) CLI_VALUE("campaign", 0, &(o).campaign, "ID", "the campaign")
#define DB_OPTION_FINESS(o)                                                                        \
        CLI_VALUE("finess", 0, &(o).finess, "FINESS", "the establishment's FINESS ET")
#define DB_OPTION_USER(o)                                                                          \
        CLI_VALUE("user", 0, &(o).user, "NAME",                                                    \
                  "who changes it (default: $MATURINH_USER, else login)")
#define DB_OPTION_STATUS(o)                                                                        \
        CLI_VALUE("status", 0, &(o).status, "S", "CSV answers: mark them draft or submitted")
#define DB_OPTION_REFERENTIEL(o)                                                                   \
        CLI_VALUE("referentiel", 'r', &(o).ref_path, "FILE",                                       \
                  "the référentiel of YAML answers (new campaign)")
#define DB_OPTION_OUTPUT(o) CLI_OPTION_OUTPUT(&(o).output)
#define DB_OPTION_KEEP_GOING(o)                                                                    \
        CLI_FLAG("keep-going", 'k', &(o).keep_going,                                               \
                 "import the valid establishments, reject the others")
#define DB_OPTION_FORCE(o) CLI_FLAG("force", 0, &(o).force, "replace OUT if it exists")

/* The database, the campaign's référentiel and, when asked for, the establishment. */
struct session {
        mh_store *store;
        mh_referentiel *ref;
        mh_establishment *est;
};

/*
 * Parses the options of a database command, those of its table (made of
 * the DB_OPTION_ of `o`).  Returns -1 to go on, or an exit code.
 */
int parse_db_options(int argc, char **argv, const char *command, const char *usage,
                     const cli_option *options, struct db_options *o);

/*
 * Opens the database (which must exist: 66 otherwise, nothing created), the
 * campaign's référentiel and, when asked for, the establishment (its
 * --finess checked first).  Returns an exit code, after saying why.
 */
int session_open(struct session *s, const struct db_options *o, const char *command,
                 int need_establishment);
void session_close(struct session *s);

/* import --finess-extract (cli/cmd_extract.c): its options, beside those of import. */
struct extract_options {
        const char *path;       /* --finess-extract */
        const char *scope;      /* --scope region:CODE */
        const char *categories; /* --categories */
};
/* Imports the extract; `o` holds the other options of import.  Returns the exit code. */
int cmd_import_extract(const struct db_options *o, const struct extract_options *e);

#endif
