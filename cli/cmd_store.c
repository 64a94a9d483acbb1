/*
 * cmd_store.c: the commands of the database: import, submit, reopen,
 * history and export (fill, the questionnaire: cmd_fill.c).
 */
#define _POSIX_C_SOURCE 200809L /* strdup */

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd_store.h"

/* Who changes answers: --user, else $MATURINH_USER, else the login name. */
static const char *default_user(void)
{
        const char *user = getenv("MATURINH_USER");
        struct passwd *pw;

        if (user != NULL && user[0] != '\0')
                return user;
        if ((user = getenv("USER")) != NULL && user[0] != '\0')
                return user;
        pw = getpwuid(getuid());
        return pw != NULL ? pw->pw_name : "unknown";
}

int parse_db_options(int argc, char **argv, const char *command, const char *usage,
                     const cli_option *options, struct db_options *o)
{
        int code;

        memset(o, 0, sizeof(*o));
        o->db = MH_STORE_DEFAULT_PATH;
        if ((code = cli_parse_options(command, usage, options, argc, argv, &o->args)) >= 0)
                return code;
        if (o->user == NULL)
                o->user = default_user();
        return -1;
}

int cli_open_store(mh_store **out, const char *path)
{
        mh_diagnostics *diags = NULL;
        int rc;

        if (mh_diagnostics_new(&diags) < 0) {
                cli_error(N_("out of memory"));
                return EXIT_SOFTWARE;
        }
        rc = mh_store_open(out, path, diags);
        mh_diagnostics_print(diags, stderr);
        mh_diagnostics_free(diags);
        return rc == MH_EINVALID ? EXIT_DATAERR : cli_exit_code(rc);
}

int cli_open_existing_store(mh_store **out, const char *path)
{
        struct stat st;

        if (stat(path, &st) != 0 && errno == ENOENT) {
                cli_error(N_("no database %s: create it with `maturinh campaign` or `maturinh "
                             "import`, or give the one to use with --db FILE"),
                          path);
                return EXIT_NOINPUT;
        }
        return cli_open_store(out, path);
}

int cli_campaign_referentiel(mh_store *store, const char *campaign, mh_referentiel **out)
{
        int rc = mh_store_campaign_referentiel(out, store, campaign, cli_diags());

        if (rc < 0) {
                cli_print_diagnostics(cli_diags());
                return rc == MH_ENOTFOUND ? EXIT_DATAERR : cli_exit_code(rc);
        }
        return EXIT_OK;
}

void session_close(struct session *s)
{
        mh_establishment_free(s->est);
        mh_referentiel_free(s->ref);
        mh_store_close(s->store);
}

int session_open(struct session *s, const struct db_options *o, const char *command,
                 int need_establishment)
{
        int code, rc;

        memset(s, 0, sizeof(*s));
        if (o->campaign == NULL)
                return cli_usage_error(command, N_("no campaign given: use --campaign ID"));
        if (need_establishment && o->finess == NULL)
                return cli_usage_error(command, N_("no establishment given: use --finess FINESS"));
        if (need_establishment &&
            (code = cli_refuse_campaign_finess(command, o->db, o->campaign, o->finess)) >= 0)
                return code;
        if ((code = cli_open_existing_store(&s->store, o->db)) != EXIT_OK)
                return code;
        if ((code = cli_campaign_referentiel(s->store, o->campaign, &s->ref)) != EXIT_OK) {
                session_close(s);
                return code;
        }
        if (need_establishment && (rc = mh_store_load(&s->est, s->store, s->ref, o->campaign,
                                                      o->finess, cli_diags())) < 0) {
                session_close(s);
                if (rc == MH_ENOTFOUND) {
                        mh_diagnostics_clear(cli_diags());
                        return cli_no_establishment(o->db, o->campaign, o->finess);
                }
                cli_print_diagnostics(cli_diags());
                return cli_exit_code(rc);
        }
        return EXIT_OK;
}

/* ---- import ------------------------------------------------------------- */

static const char usage_import[] =
    N_("Usage: maturinh import [--db FILE] [-r REFERENTIEL] [--campaign ID] [--keep-going]\n"
       "                       [--status draft|submitted] [--user NAME] FILE...\n"
       "\n"
       "Brings answers files (YAML or CSV) and establishment lists (CSV) into the\n"
       "database (default ./maturinh.db, created on first use).  Each file is\n"
       "imported whole or not at all; a re-import changes only what changed, and\n"
       "records each change in the history.  CSV files need --campaign, a campaign\n"
       "already in the database; YAML answers given with it are read with its\n"
       "référentiel.\n"
       "\n"
       "       maturinh import [--db FILE] --campaign ID --finess-extract FILE\n"
       "                       [--scope region:CODE] [--categories LIST] [--user NAME]\n"
       "\n"
       "Creates or updates the profiles of the campaign's establishments from the\n"
       "official FINESS extract (etalab-cs1100507-stock-*.csv of data.gouv.fr):\n"
       "--categories 101,355,... (or sanitaire, medico-social, all) and --scope\n"
       "keep some; without --categories, the sector the campaign's référentiel is\n"
       "written for.  The lines skipped are counted by reason.\n");

static void import_progress(void *context)
{
        (void)context;
        cli_progress_tick();
}

/* How many of a file's submitted-but-incomplete establishments the warning names. */
#define INCOMPLETE_SHOWN 5

/* The establishments of one file marked submitted with questions unanswered. */
struct incomplete {
        char shown[INCOMPLETE_SHOWN][64]; /* "780009312 (2 of 85)" */
        size_t count;
        char campaign[64];
};

static void import_incomplete(const mh_import_incomplete *what, void *context)
{
        struct incomplete *list = context;

        if (list->count < INCOMPLETE_SHOWN)
                snprintf(list->shown[list->count], sizeof(list->shown[0]), _("%s (%zu of %zu)"),
                         what->finess, what->unanswered, what->total);
        if (list->count == 0)
                snprintf(list->campaign, sizeof(list->campaign), "%s", what->campaign);
        list->count++;
}

/*
 * Imported, and said, in one line per file: questionnaires marked submitted
 * with questions unanswered (`submit` would have refused them).
 */
static void say_incomplete(const char *path, const struct incomplete *list)
{
        size_t i;

        if (list->count == 0)
                return;
        fprintf(stderr, "maturinh: ");
        fprintf(stderr,
                cli_ntr("warning: %s: %zu establishment marked submitted has unanswered "
                        "questions:",
                        "warning: %s: %zu establishments marked submitted have unanswered "
                        "questions:",
                        list->count),
                path, list->count);
        for (i = 0; i < list->count && i < INCOMPLETE_SHOWN; i++)
                fprintf(stderr, "%s %s", i > 0 ? "," : "", list->shown[i]);
        if (list->count > INCOMPLETE_SHOWN)
                fprintf(stderr, _(" and %zu more"), list->count - INCOMPLETE_SHOWN);
        fprintf(stderr,
                _(" (what each is missing: maturinh fill --campaign %s --finess F, then :list)"),
                list->campaign);
        fputc('\n', stderr);
}

int cmd_import(int argc, char **argv)
{
        struct db_options o;
        struct extract_options extract = {NULL, NULL, NULL};
        const cli_option import_options[] = {
            DB_OPTION_DB(o),
            DB_OPTION_CAMPAIGN(o),
            DB_OPTION_USER(o),
            DB_OPTION_REFERENTIEL(o),
            DB_OPTION_KEEP_GOING(o),
            DB_OPTION_STATUS(o),
            CLI_VALUE("finess-extract", 0, &extract.path, "FILE",
                      "the official FINESS extract (CSV)"),
            CLI_VALUE("scope", 0, &extract.scope, "region:CODE", "FINESS extract: keep one region"),
            CLI_VALUE("categories", 0, &extract.categories, "LIST",
                      "FINESS extract: codes, sanitaire, medico-social or all"),
            CLI_END,
        };
        mh_store *store = NULL;
        mh_referentiel *ref = NULL, *file_ref = NULL;
        mh_diagnostics *diags = NULL;
        mh_import_options options;
        struct incomplete incomplete;
        int code, i;

        if ((code = parse_db_options(argc, argv, "import", usage_import, import_options, &o)) >= 0)
                return code;
        if (extract.path != NULL || extract.scope != NULL || extract.categories != NULL)
                return cmd_import_extract(&o, &extract);
        if (o.args.argc == 0)
                return cli_usage_error("import", N_("no file given"));
        if (o.ref_path == NULL && o.campaign == NULL)
                return cli_usage_error("import",
                                       N_("give the référentiel (-r REFERENTIEL) or the "
                                          "campaign already in the database (--campaign)"));
        options = (mh_import_options)MH_IMPORT_OPTIONS_INIT;
        options.progress = import_progress;
        options.incomplete = import_incomplete;
        options.incomplete_context = &incomplete;
        options.user = o.user;
        options.keep_going = o.keep_going;
        options.campaign = o.campaign;
        if (o.status != NULL) {
                mh_submission status;

                if (mh_submission_parse(&status, o.status) < 0)
                        return cli_usage_error(
                            "import", N_("unknown status '%s': expected draft or submitted"),
                            o.status);
                options.status = status == MH_SUBMISSION_SUBMITTED ? MH_IMPORT_STATUS_SUBMITTED
                                                                   : MH_IMPORT_STATUS_DRAFT;
        }
        if (o.ref_path != NULL && (code = cli_load_referentiel(&file_ref, o.ref_path)) != EXIT_OK)
                return code;
        if ((code = cli_open_store(&store, o.db)) != EXIT_OK) {
                mh_referentiel_free(file_ref);
                return code;
        }
        ref = file_ref;
        if (o.campaign != NULL) {
                mh_referentiel *held = NULL;
                int rc = file_ref != NULL
                             ? mh_store_campaign_check(store, o.campaign, file_ref, o.ref_path,
                                                       cli_diags())
                             : mh_store_campaign_referentiel(&held, store, o.campaign, cli_diags());

                if (rc == MH_EINVALID) {
                        cli_print_diagnostics(cli_diags());
                        code = EXIT_DATAERR;
                } else if (rc == 0 && held != NULL) {
                        mh_referentiel_free(file_ref);
                        file_ref = NULL;
                        ref = held;
                        held = NULL;
                } else if (rc < 0 && file_ref == NULL) {
                        cli_error(N_("%s: give its référentiel with -r to create it"),
                                  cli_first_message());
                        code = rc == MH_ENOTFOUND ? EXIT_DATAERR : cli_exit_code(rc);
                } else {
                        mh_diagnostics_clear(cli_diags()); /* the file's référentiel will do */
                }
                mh_referentiel_free(held);
        }
        if (code == EXIT_OK && mh_diagnostics_new(&diags) < 0)
                code = EXIT_SOFTWARE;
        for (i = 0; code == EXIT_OK && i < o.args.argc; i++) {
                mh_import_result result;
                int rc;

                memset(&result, 0, sizeof(result));
                memset(&incomplete, 0, sizeof(incomplete));
                cli_progress_start(o.args.argv[i]);
                rc = mh_import_file(&result, store, ref, o.args.argv[i], &options, diags);
                cli_progress_end();
                cli_print_diagnostics(diags);
                if (rc == 0)
                        say_incomplete(o.args.argv[i], &incomplete);
                if (rc == 0)
                        printf(_("%s: %zu added, %zu changed, %zu unchanged, %zu answers "
                                 "written, %zu rejected\n"),
                               o.args.argv[i], result.stats.establishments_added,
                               result.stats.establishments_changed,
                               result.stats.establishments_same, result.stats.answers_changed,
                               result.rejected);
                else
                        cli_error(N_("%s: nothing imported"), o.args.argv[i]);
                if (rc == 0 && result.rejected > 0)
                        code = cli_worse(code, EXIT_DATAERR);
                if (rc < 0)
                        code =
                            cli_worse(code, rc == MH_EINVALID ? EXIT_DATAERR : cli_exit_code(rc));
                if (rc < 0 && rc != MH_EINVALID)
                        break;
        }
        mh_diagnostics_free(diags);
        mh_referentiel_free(ref);
        mh_store_close(store);
        return cli_worse(code, cli_flush_stdout());
}

/* ---- submit and reopen -------------------------------------------------- */

static const char usage_submit[] =
    N_("Usage: maturinh submit [--db FILE] --campaign ID --finess FINESS [--user NAME]\n"
       "                       [--incomplete]\n"
       "\n"
       "Marks the establishment's answers submitted: they count for the ranking and\n"
       "cannot change until `maturinh reopen`.  The history records it.  A\n"
       "questionnaire with unanswered questions is refused (exit 65) unless\n"
       "--incomplete is given (`na` is an answer).\n");

static const char usage_reopen[] =
    N_("Usage: maturinh reopen [--db FILE] --campaign ID --finess FINESS [--user NAME]\n"
       "\n"
       "Reopens a submitted establishment so that its answers can change again.\n"
       "The history records it.\n");

/* How many unanswered ids `submit` names before "(N more)". */
#define MISSING_SHOWN 5

/*
 * Refuses to submit a questionnaire with unanswered questions (65), naming
 * the first of them; returns -1 to go on.
 */
/* Names the first MISSING_SHOWN unanswered questions. */
static int name_missing(const mh_indicator *indicator, void *context)
{
        size_t *shown = context;

        fprintf(stderr, "%s %s", *shown > 0 ? "," : "", mh_indicator_id(indicator));
        return ++*shown == MISSING_SHOWN;
}

static int refuse_incomplete(const struct session *s, const struct db_options *o)
{
        size_t answered, total, shown = 0;

        mh_questionnaire_progress(&answered, &total, s->est, NULL);
        if (answered == total)
                return -1;
        fprintf(stderr, _("maturinh: establishment %s: %zu of %zu questions answered; missing:"),
                o->finess, answered, total);
        mh_questionnaire_unanswered(s->est, NULL, name_missing, &shown);
        if (total - answered > shown)
                fprintf(stderr, cli_ntr(" (%zu more)", " (%zu more)", total - answered - shown),
                        total - answered - shown);
        fprintf(stderr,
                _("\nmaturinh: nothing submitted: answer them with `maturinh fill --campaign %s "
                  "--finess %s`, or give --incomplete to submit it as it is\n"),
                o->campaign, o->finess);
        return EXIT_DATAERR;
}

static int set_submission(int argc, char **argv, const char *command, const char *usage,
                          mh_submission submission)
{
        struct db_options o;
        const cli_option submit_options[] = {
            DB_OPTION_DB(o),
            DB_OPTION_CAMPAIGN(o),
            DB_OPTION_FINESS(o),
            DB_OPTION_USER(o),
            CLI_FLAG("incomplete", 0, &o.incomplete, "submit even with unanswered questions"),
            CLI_END,
        };
        const cli_option reopen_options[] = {
            DB_OPTION_DB(o), DB_OPTION_CAMPAIGN(o), DB_OPTION_FINESS(o), DB_OPTION_USER(o), CLI_END,
        };
        struct session s;
        int code, rc;

        if ((code = parse_db_options(
                 argc, argv, command, usage,
                 submission == MH_SUBMISSION_SUBMITTED ? submit_options : reopen_options, &o)) >= 0)
                return code;
        if (o.args.argc != 0)
                return cli_usage_error(command, N_("unexpected argument '%s'"), o.args.argv[0]);
        if (o.campaign == NULL || o.finess == NULL)
                return cli_usage_error(command, N_("give the establishment: --campaign ID --finess "
                                                   "FINESS"));
        if ((code = session_open(&s, &o, command, 1)) != EXIT_OK)
                return code;
        /* (submitting a submitted one is refused below, as it is) */
        if (submission == MH_SUBMISSION_SUBMITTED && !o.incomplete &&
            mh_establishment_submission(s.est) != MH_SUBMISSION_SUBMITTED &&
            (code = refuse_incomplete(&s, &o)) >= 0) {
                session_close(&s);
                return code;
        }
        rc =
            mh_store_set_submission(s.store, o.campaign, o.finess, submission, o.user, cli_diags());
        session_close(&s);
        if (rc < 0) {
                cli_print_diagnostics(cli_diags());
                return rc == MH_EINVALID || rc == MH_ENOTFOUND ? EXIT_DATAERR : cli_exit_code(rc);
        }
        printf(submission == MH_SUBMISSION_SUBMITTED
                   ? _("establishment %s submitted for campaign %s\n")
                   : _("establishment %s reopened for campaign %s\n"),
               o.finess, o.campaign);
        return cli_flush_stdout();
}

int cmd_submit(int argc, char **argv)
{
        return set_submission(argc, argv, "submit", usage_submit, MH_SUBMISSION_SUBMITTED);
}

int cmd_reopen(int argc, char **argv)
{
        return set_submission(argc, argv, "reopen", usage_reopen, MH_SUBMISSION_DRAFT);
}

/* ---- history ------------------------------------------------------------ */

static const char usage_history[] =
    N_("Usage: maturinh history [--db FILE] --campaign ID --finess FINESS\n"
       "\n"
       "Who changed which answer when, oldest first: every answer, comment,\n"
       "submission and profile change of the establishment.\n");

/* Text from the database, escaped for the terminal, padded to `width` columns. */
static void print_text(const char *text, int width)
{
        int shown = mh_text_write(stdout, text, MH_TEXT_LINE);

        for (; shown >= 0 && shown < width; shown++)
                putchar(' ');
}

/* The history, kept until its columns can be sized to their longest value. */
struct history_row {
        char *when, *who, *what, *old_value, *new_value, *comment; /* comment NULL: unchanged */
        char *confirmed_from; /* the campaign a carried answer was confirmed from, or NULL */
};
struct history {
        struct history_row *rows;
        size_t count, capacity;
        int failed;
};

static char *copy_or_null(const char *s, int *failed)
{
        char *copy;

        if (s == NULL)
                return NULL;
        if ((copy = strdup(s)) == NULL)
                *failed = 1;
        return copy;
}

/*
 * The time of a change for people: the store's UTC "2025-06-30T14:05:12Z"
 * as "30/06/2025 14:05" in French, as it is in English.
 */
static char *history_when(const char *when, int *failed)
{
        char text[32];

        if (strcmp(mh_language(), "fr") == 0 && strlen(when) >= 16 && when[4] == '-' &&
            when[7] == '-' && when[10] == 'T') {
                snprintf(text, sizeof(text), "%.2s/%.2s/%.4s %.5s", when + 8, when + 5, when,
                         when + 11);
                return copy_or_null(text, failed);
        }
        return copy_or_null(when, failed);
}

/* context: the struct history the entries are kept in */
static int keep_entry(const mh_history_entry *e, void *context)
{
        struct history *h = context;
        struct history_row *row;

        if (h->count == h->capacity) {
                size_t capacity = h->capacity ? 2 * h->capacity : 16;
                struct history_row *rows = realloc(h->rows, capacity * sizeof(*rows));

                if (rows == NULL) {
                        h->failed = 1;
                        return MH_ENOMEM;
                }
                h->rows = rows;
                h->capacity = capacity;
        }
        row = &h->rows[h->count++];
        memset(row, 0, sizeof(*row));
        row->when = history_when(e->when, &h->failed);
        row->who = copy_or_null(e->who, &h->failed);
        row->what = copy_or_null(e->what, &h->failed);
        row->old_value = copy_or_null(e->old_value, &h->failed);
        row->new_value = copy_or_null(e->new_value, &h->failed);
        row->confirmed_from = copy_or_null(e->confirmed_from, &h->failed);
        if (!((e->old_comment == NULL && e->new_comment == NULL) ||
              (e->old_comment != NULL && e->new_comment != NULL &&
               strcmp(e->old_comment, e->new_comment) == 0)))
                row->comment =
                    copy_or_null(e->new_comment ? e->new_comment : _("(removed)"), &h->failed);
        return h->failed ? MH_ENOMEM : 0;
}

static void history_free(struct history *h)
{
        for (size_t i = 0; i < h->count; i++) {
                free(h->rows[i].when);
                free(h->rows[i].who);
                free(h->rows[i].what);
                free(h->rows[i].old_value);
                free(h->rows[i].new_value);
                free(h->rows[i].comment);
                free(h->rows[i].confirmed_from);
        }
        free(h->rows);
}

static int widest(int width, const char *text)
{
        int w = mh_text_width(text, MH_TEXT_LINE);

        return w > width ? w : width;
}

/*
 * The table: who and what at least 12 columns wide, each column as wide as
 * its longest value (or its title), by display width.
 */
static void print_history(const struct history *h)
{
        const char *t_when = _("when (UTC)"), *t_who = _("who"), *t_what = _("what");
        int w_when = widest(0, t_when), w_who = widest(12, t_who), w_what = widest(12, t_what);
        size_t i;

        for (i = 0; i < h->count; i++) {
                w_when = widest(w_when, h->rows[i].when);
                w_who = widest(w_who, h->rows[i].who);
                w_what = widest(w_what, h->rows[i].what);
        }
        print_text(t_when, w_when);
        fputs("  ", stdout);
        print_text(t_who, w_who);
        fputs("  ", stdout);
        print_text(t_what, w_what);
        fputs("  ", stdout);
        print_text(_("old -> new"), 0);
        putchar('\n');
        for (i = 0; i < h->count; i++) {
                const struct history_row *e = &h->rows[i];

                print_text(e->when, w_when);
                fputs("  ", stdout);
                print_text(e->who, w_who);
                fputs("  ", stdout);
                print_text(e->what, w_what);
                fputs("  ", stdout);
                print_text(e->old_value ? e->old_value : _("(none)"), 0);
                fputs(" -> ", stdout);
                print_text(e->new_value ? e->new_value : _("(none)"), 0);
                if (e->comment != NULL) {
                        fputs(_("  comment: "), stdout);
                        print_text(e->comment, 0);
                }
                if (e->confirmed_from != NULL) {
                        char note[128];

                        snprintf(note, sizeof(note), _("  (confirmed from campaign %s)"),
                                 e->confirmed_from);
                        print_text(note, 0);
                }
                putchar('\n');
        }
}

int cmd_history(int argc, char **argv)
{
        struct db_options o;
        const cli_option options[] = {
            DB_OPTION_DB(o),
            DB_OPTION_CAMPAIGN(o),
            DB_OPTION_FINESS(o),
            CLI_END,
        };
        struct session s;
        struct history h = {0};
        int code, rc;

        if ((code = parse_db_options(argc, argv, "history", usage_history, options, &o)) >= 0)
                return code;
        if (o.args.argc != 0)
                return cli_usage_error("history", N_("unexpected argument '%s'"), o.args.argv[0]);
        if (o.campaign == NULL || o.finess == NULL)
                return cli_usage_error("history", N_("give the establishment: --campaign ID "
                                                     "--finess FINESS"));
        /*
         * The establishment must be there (an empty history would hide a
         * typo), but is not loaded: the history of one whose stored profile
         * no longer passes the checks is what shows how it got there.
         */
        if ((code = cli_refuse_campaign_finess("history", o.db, o.campaign, o.finess)) >= 0)
                return code;
        if ((code = session_open(&s, &o, "history", 0)) != EXIT_OK)
                return code;
        rc = mh_store_history(s.store, o.campaign, o.finess, keep_entry, &h, cli_diags());
        session_close(&s);
        if (h.failed) {
                history_free(&h);
                cli_error(N_("out of memory"));
                return cli_exit_code(MH_ENOMEM);
        }
        if (rc == 0) /* (an establishment with no change yet: the titles alone) */
                print_history(&h);
        history_free(&h);
        if (rc == MH_ENOTFOUND)
                return cli_no_establishment(o.db, o.campaign, o.finess);
        if (rc < 0) {
                cli_print_diagnostics(cli_diags());
                return cli_exit_code(rc);
        }
        return cli_flush_stdout();
}

/* ---- export ------------------------------------------------------------- */

static const char usage_export[] =
    N_("Usage: maturinh export [--db FILE] --campaign ID --finess FINESS [-o OUT]\n"
       "                       [--force]\n"
       "       maturinh export [--db FILE] --campaign ID --scope SCOPE [-o OUT] [--force]\n"
       "\n"
       "Writes the establishment's answers as an answers file (maturinh-answers/1)\n"
       "that imports back identically; with --scope (national, region:CODE,\n"
       "category:CODE or ght:ID), every establishment of the campaign in it, by\n"
       "FINESS, as one stream of documents separated by ---.  OUT is never\n"
       "replaced unless --force is given.  Answers carried over from an earlier\n"
       "campaign and not yet confirmed are written as comments: importing the file\n"
       "back leaves them to confirm.\n");

/* The answers carried over still to confirm, copied (the store's strings live for one call). */
struct carried_list {
        mh_carried_answer *items;
        char *(*owned)[4]; /* the strings of each item, to free */
        size_t count, capacity;
        int failed;
};

static int keep_carried(const mh_carried_answer *a, void *context)
{
        struct carried_list *l = context;
        mh_carried_answer *c;

        if (l->count == l->capacity) {
                size_t capacity = l->capacity ? 2 * l->capacity : 16;
                mh_carried_answer *items = realloc(l->items, capacity * sizeof(*items));
                char *(*owned)[4];

                if (items != NULL)
                        l->items = items;
                if (items == NULL ||
                    (owned = realloc(l->owned, capacity * sizeof(*owned))) == NULL) {
                        l->failed = 1;
                        return MH_ENOMEM;
                }
                l->owned = owned;
                l->capacity = capacity;
        }
        c = &l->items[l->count];
        c->na = a->na;
        c->indicator = l->owned[l->count][0] = copy_or_null(a->indicator, &l->failed);
        c->value = l->owned[l->count][1] = copy_or_null(a->value, &l->failed);
        c->comment = l->owned[l->count][2] = copy_or_null(a->comment, &l->failed);
        c->from_campaign = l->owned[l->count][3] = copy_or_null(a->from_campaign, &l->failed);
        l->count++;
        return l->failed ? MH_ENOMEM : 0;
}

static void carried_list_free(struct carried_list *l)
{
        for (size_t i = 0; i < l->count; i++)
                for (size_t k = 0; k < 4; k++)
                        free(l->owned[i][k]);
        free(l->owned);
        free(l->items);
}

/* export --scope: every establishment of the campaign in the scope, one document each. */
struct export_scope {
        mh_store *store;
        const char *campaign;
        const mh_referentiel *ref;
        const mh_scope *scope;
        FILE *stream;
        size_t count; /* written */
};

static int export_one(const mh_establishment *est, void *context)
{
        struct export_scope *x = context;
        struct carried_list carried = {NULL, NULL, 0, 0, 0};
        int rc;

        if (!mh_scope_contains(x->scope, est))
                return 0;
        if (x->count > 0 && fputs("---\n", x->stream) == EOF)
                return EXIT_IOERR;
        /* its answers carried over still to confirm, as comments: as for one establishment */
        rc = mh_store_carried(x->store, x->campaign, mh_establishment_finess(est), keep_carried,
                              &carried, cli_diags());
        if (rc == 0)
                rc = mh_export_write_carried(x->ref, est, carried.items, carried.count, x->stream,
                                             NULL);
        carried_list_free(&carried);
        if (rc < 0)
                return cli_exit_code(rc);
        x->count++;
        return 0;
}

static int export_scope(const struct db_options *o, const char *scope_name)
{
        mh_scope scope;
        struct session s;
        struct export_scope x;
        cli_output out;
        int code, rc;

        if (mh_scope_parse(&scope, scope_name) < 0)
                return cli_usage_error("export",
                                       N_("unknown scope '%s': expected national, region:CODE (one "
                                          "of the 18 INSEE region codes), category:CODE (a 3-digit "
                                          "FINESS category) or ght:ID"),
                                       scope_name);
        if ((code = session_open(&s, o, "export", 0)) != EXIT_OK)
                return code;
        /* answers and comments: private, as the database is */
        if ((code = cli_output_create_private(&out, o->output, o->force)) == EXIT_OK) {
                x.store = s.store;
                x.campaign = o->campaign;
                x.ref = s.ref;
                x.scope = &scope;
                x.stream = out.stream;
                x.count = 0;
                rc = mh_store_each(s.store, s.ref, o->campaign, export_one, &x, cli_diags());
                if (rc < 0) {
                        cli_print_diagnostics(cli_diags());
                        code = cli_exit_code(rc);
                } else if (rc > 0) {
                        cli_error(N_("cannot write the output"));
                        code = rc;
                } else if (x.count == 0) {
                        cli_error(N_("no establishment of campaign %s in %s is in scope %s"),
                                  o->campaign, o->db, scope_name);
                        code = EXIT_DATAERR;
                }
                code = cli_worse(code, cli_output_close(&out, code == EXIT_OK));
        }
        session_close(&s);
        return code;
}

int cmd_export(int argc, char **argv)
{
        struct db_options o;
        const char *scope_name = NULL;
        const cli_option options[] = {
            DB_OPTION_DB(o),
            DB_OPTION_CAMPAIGN(o),
            DB_OPTION_FINESS(o),
            CLI_VALUE("scope", 0, &scope_name, "SCOPE",
                      "every establishment of national, region:CODE, category:CODE or ght:ID"),
            DB_OPTION_OUTPUT(o),
            DB_OPTION_FORCE(o),
            CLI_END,
        };
        struct session s;
        struct carried_list carried = {NULL, NULL, 0, 0, 0};
        cli_output out;
        int code, rc;

        if ((code = parse_db_options(argc, argv, "export", usage_export, options, &o)) >= 0)
                return code;
        if (o.args.argc != 0)
                return cli_usage_error("export", N_("unexpected argument '%s'"), o.args.argv[0]);
        if (scope_name != NULL && o.finess != NULL)
                return cli_usage_error("export", N_("give --finess FINESS or --scope SCOPE, not "
                                                    "both"));
        {
                const cli_inputs inputs = {NULL, o.db, NULL, 0};

                if ((code = cli_check_output(o.output, &inputs)) != EXIT_OK)
                        return code;
        }
        if (scope_name != NULL)
                return export_scope(&o, scope_name);
        if ((code = session_open(&s, &o, "export", 1)) != EXIT_OK)
                return code;
        if ((rc = mh_store_carried(s.store, o.campaign, o.finess, keep_carried, &carried,
                                   cli_diags())) < 0) {
                if (carried.failed)
                        cli_error(N_("out of memory"));
                else
                        cli_print_diagnostics(cli_diags());
                carried_list_free(&carried);
                session_close(&s);
                return cli_exit_code(rc);
        }
        /* one establishment's answers, comments and contact: private, as the database is */
        if ((code = cli_output_create_private(&out, o.output, o.force)) == EXIT_OK) {
                rc = mh_export_write_carried(s.ref, s.est, carried.items, carried.count, out.stream,
                                             NULL);
                code = cli_output_close(&out, rc == 0);
                if (rc < 0 && code == EXIT_OK)
                        code = cli_exit_code(rc);
        }
        carried_list_free(&carried);
        session_close(&s);
        return code;
}

/* ---- campaign ----------------------------------------------------------- */

static const char usage_campaign[] =
    N_("Usage: maturinh campaign [--db FILE] --campaign ID -r REFERENTIEL\n"
       "                         --reference-date YYYY-MM-DD\n"
       "       maturinh campaign [--db FILE] --campaign ID --from OLD [-r REFERENTIEL]\n"
       "                         --reference-date YYYY-MM-DD\n"
       "       maturinh campaign list [--db FILE] [--format table|csv]\n"
       "\n"
       "Creates a campaign in the database with its référentiel (whose text is kept)\n"
       "and reference date, so that CSV files can be imported into it.  Creating it\n"
       "again with the same référentiel and date does nothing.\n"
       "\n"
       "With --from OLD, the new campaign starts from campaign OLD: every\n"
       "establishment of OLD is copied, and its answers are carried over, to be\n"
       "confirmed by each establishment (they count for nothing until then).  The\n"
       "référentiel (by default OLD's) must have the same id as OLD's.\n"
       "\n"
       "campaign list: the campaigns of the database, latest first.\n");

/* A count for people: 14,208 in English, 14 208 (narrow no-break space) in French. */
static const char *people_count(char *buf, size_t size, size_t n)
{
        char digits[32];
        const char *sep = strcmp(mh_language(), "fr") == 0 ? "\xe2\x80\xaf" : ",";
        size_t len, i, used = 0;

        snprintf(digits, sizeof(digits), "%zu", n);
        len = strlen(digits);
        for (i = 0; i < len && used + 4 < size; i++) {
                if (i > 0 && (len - i) % 3 == 0) {
                        memcpy(buf + used, sep, strlen(sep));
                        used += strlen(sep);
                }
                buf[used++] = digits[i];
        }
        buf[used] = '\0';
        return buf;
}

/* One CSV row (RFC 4180: a cell with a comma, a quote or a line break quoted). */
static int csv_row(const char *const *cells, size_t n)
{
        for (size_t i = 0; i < n; i++) {
                const char *c = cells[i] ? cells[i] : "";

                if (i > 0)
                        putchar(',');
                if (strpbrk(c, ",;\"\r\n\t") == NULL) {
                        fputs(c, stdout);
                        continue;
                }
                putchar('"');
                for (; *c != '\0'; c++) {
                        if (*c == '"')
                                putchar('"');
                        putchar(*c);
                }
                putchar('"');
        }
        putchar('\n');
        return ferror(stdout) ? -1 : 0;
}

/* The campaigns, kept to size the table's columns. */
struct campaign_rows {
        char (*rows)[6][40];
        size_t count, capacity;
        mh_format format;
};

static int keep_campaign(const mh_campaign_info *c, void *context)
{
        struct campaign_rows *l = context;

        if (l->format == MH_FORMAT_CSV) {
                const char *cells[6] = {c->id, c->referentiel_id, c->referentiel_version,
                                        c->reference_date};
                char n[2][24];

                snprintf(n[0], sizeof(n[0]), "%zu", c->establishments);
                snprintf(n[1], sizeof(n[1]), "%zu", c->submitted);
                cells[4] = n[0];
                cells[5] = n[1];
                return csv_row(cells, 6) < 0 ? MH_EIO : 0;
        }
        if (l->count == l->capacity) {
                size_t capacity = l->capacity ? 2 * l->capacity : 16;
                void *rows = realloc(l->rows, capacity * sizeof(*l->rows));

                if (rows == NULL)
                        return MH_ENOMEM;
                l->rows = rows;
                l->capacity = capacity;
        }
        snprintf(l->rows[l->count][0], 40, "%s", c->id);
        snprintf(l->rows[l->count][1], 40, "%s %s", c->referentiel_id, c->referentiel_version);
        mh_date_for_people(l->rows[l->count][2], 40, c->reference_date);
        people_count(l->rows[l->count][3], 40, c->establishments);
        people_count(l->rows[l->count][4], 40, c->submitted);
        l->count++;
        return 0;
}

static int campaign_list(int argc, char **argv)
{
        const char *db = MH_STORE_DEFAULT_PATH, *format = NULL;
        const cli_option options[] = {
            CLI_OPTION_DB(&db),
            CLI_VALUE("format", 'f', &format, "FMT", "table (default) or csv"),
            CLI_END,
        };
        struct campaign_rows l = {NULL, 0, 0, MH_FORMAT_TABLE};
        cli_args args_unused;
        const char *head[5];
        int width[5], code, rc;
        mh_store *store = NULL;
        size_t i, k;

        if ((code = cli_parse_options("campaign list", usage_campaign, options, argc, argv,
                                      &args_unused)) >= 0)
                return code;
        if (args_unused.argc != 0)
                return cli_usage_error("campaign list", N_("unexpected argument '%s'"),
                                       args_unused.argv[0]);
        if (format != NULL && strcmp(format, "table") != 0) {
                if (strcmp(format, "csv") != 0)
                        return cli_usage_error("campaign list",
                                               N_("unknown format '%s': expected table or csv"),
                                               format);
                l.format = MH_FORMAT_CSV;
        }
        if ((code = cli_open_existing_store(&store, db)) != EXIT_OK)
                return code;
        if (l.format == MH_FORMAT_CSV) {
                static const char *const names[6] = {
                    "campaign",       "referentiel",    "referentiel_version",
                    "reference_date", "establishments", "submitted"};

                (void)csv_row(names, 6);
        }
        rc = mh_store_campaigns(store, keep_campaign, &l, cli_diags());
        mh_store_close(store);
        if (rc == MH_ENOMEM) {
                cli_error(N_("out of memory"));
                code = EXIT_SOFTWARE;
        } else if (rc < 0) {
                cli_print_diagnostics(cli_diags());
                code = cli_exit_code(rc);
        } else if (l.format == MH_FORMAT_CSV) {
                code = cli_flush_stdout();
        } else if (l.count == 0) {
                cli_error(N_("no campaign in %s: create one with `maturinh campaign` or "
                             "`maturinh import`"),
                          db);
        } else {
                head[0] = _("campaign");
                head[1] = _("référentiel");
                head[2] = _("reference date");
                head[3] = _("establishments");
                head[4] = _("submitted");
                for (k = 0; k < 5; k++)
                        width[k] = mh_text_width(head[k], MH_TEXT_LINE);
                for (i = 0; i < l.count; i++)
                        for (k = 0; k < 5; k++) {
                                int w = mh_text_width(l.rows[i][k], MH_TEXT_LINE);

                                if (w > width[k])
                                        width[k] = w;
                        }
                for (k = 0; k < 5; k++) {
                        mh_text_write(stdout, head[k], MH_TEXT_LINE);
                        if (k < 4)
                                printf("%*s", width[k] - mh_text_width(head[k], MH_TEXT_LINE) + 2,
                                       "");
                }
                putchar('\n');
                for (i = 0; i < l.count; i++) {
                        for (k = 0; k < 5; k++) {
                                int w = mh_text_width(l.rows[i][k], MH_TEXT_LINE);

                                /* the counts right-aligned */
                                if (k >= 3)
                                        printf("%*s", width[k] - w, "");
                                mh_text_write(stdout, l.rows[i][k], MH_TEXT_LINE);
                                if (k < 3)
                                        printf("%*s", width[k] - w + 2, "");
                                else if (k < 4)
                                        fputs("  ", stdout);
                        }
                        putchar('\n');
                }
                code = cli_flush_stdout();
        }
        free(l.rows);
        return code;
}

/* `campaign --from OLD`: the new campaign starts with OLD's establishments and answers. */
static int campaign_from(const char *db, const char *campaign, const char *from,
                         const char *ref_path, const char *date)
{
        mh_referentiel *ref = NULL;
        mh_store *store = NULL;
        mh_carry_stats stats;
        int code, rc;

        if (ref_path != NULL && (code = cli_load_referentiel(&ref, ref_path)) != EXIT_OK)
                return code;
        if ((code = cli_open_existing_store(&store, db)) == EXIT_OK) {
                rc = mh_store_campaign_carry_over(&stats, store, campaign, from, ref, date,
                                                  default_user(), cli_diags());
                if (rc < 0) {
                        cli_print_diagnostics(cli_diags());
                        code = rc == MH_ENOTFOUND ? EXIT_DATAERR : cli_exit_code(rc);
                } else {
                        char n[3][40];

                        people_count(n[0], sizeof(n[0]), stats.establishments);
                        people_count(n[1], sizeof(n[1]), stats.answers);
                        people_count(n[2], sizeof(n[2]), stats.dropped);
                        fprintf(stderr,
                                _("%s: %s establishments, %s answers carried over from %s, to be "
                                  "confirmed by each establishment; %s dropped (no longer "
                                  "valid)\n"),
                                campaign, n[0], n[1], from, n[2]);
                }
        }
        mh_store_close(store);
        mh_referentiel_free(ref);
        return code;
}

int cmd_campaign(int argc, char **argv)
{
        const char *db = MH_STORE_DEFAULT_PATH, *campaign = NULL, *ref_path = NULL, *date = NULL;
        const char *from = NULL;
        const cli_option options[] = {
            CLI_OPTION_DB(&db),
            CLI_VALUE("campaign", 0, &campaign, "ID", "the campaign to create (required)"),
            CLI_VALUE("referentiel", 'r', &ref_path, "FILE", "its référentiel (required)"),
            CLI_VALUE("reference-date", 0, &date, "D", "its reference date, YYYY-MM-DD (required)"),
            CLI_VALUE("from", 0, &from, "OLD",
                      "start from campaign OLD: its establishments, its answers to confirm"),
            CLI_END,
        };
        mh_referentiel *ref = NULL;
        mh_store *store = NULL;
        cli_args args;
        int code;

        if (argc >= 2 && strcmp(argv[1], "list") == 0)
                return campaign_list(argc - 1, argv + 1);
        if ((code = cli_parse_options("campaign", usage_campaign, options, argc, argv, &args)) >= 0)
                return code;
        if (from != NULL) {
                if (campaign == NULL || date == NULL || args.argc != 0)
                        return cli_usage_error("campaign", N_("give --campaign ID, --from OLD and "
                                                              "--reference-date YYYY-MM-DD"));
                if (mh_campaign_id_check(campaign, cli_diags()) < 0)
                        return cli_usage_error("campaign", N_("invalid --campaign: %s"),
                                               cli_first_message());
                return campaign_from(db, campaign, from, ref_path, date);
        }
        if (campaign == NULL || ref_path == NULL || date == NULL || args.argc != 0)
                return cli_usage_error("campaign", N_("give --campaign ID, -r REFERENTIEL and "
                                                      "--reference-date YYYY-MM-DD"));
        if (mh_campaign_id_check(campaign, cli_diags()) < 0)
                return cli_usage_error("campaign", N_("invalid --campaign: %s"),
                                       cli_first_message());
        if ((code = cli_load_referentiel(&ref, ref_path)) != EXIT_OK)
                return code;
        if ((code = cli_open_store(&store, db)) == EXIT_OK) {
                int rc = mh_store_campaign_create(store, campaign, ref, date, cli_diags());

                if (rc < 0) {
                        cli_print_diagnostics(cli_diags());
                        code = cli_exit_code(rc);
                } else {
                        char shown[32];

                        printf(_("campaign %s: référentiel %s %s, reference date %s\n"), campaign,
                               mh_referentiel_id(ref), mh_referentiel_version(ref),
                               mh_date_for_people(shown, sizeof(shown), date));
                        code = cli_flush_stdout();
                }
        }
        mh_store_close(store);
        mh_referentiel_free(ref);
        return code;
}
