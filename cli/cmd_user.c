/*
 * cmd_user.c: `maturinh user add|list|passwd|remove`, the accounts of the
 * web questionnaire (maturinh/accounts.h, docs/security.md).
 *
 * A password is read from standard input only (--password-stdin: one line,
 * its newline removed), never from the command line, where other users see
 * it in ps; it is never echoed, printed nor logged, and its copy is wiped.
 */
#define _POSIX_C_SOURCE 200809L

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cmd_store.h"

static const char usage_user[] =
    N_("Usage: maturinh user add    [--db FILE] --login LOGIN --role rssi|ars|national|admin\n"
       "                            [--finess F]... [--region CODE] [--name \"Full Name\"]\n"
       "                            --password-stdin\n"
       "       maturinh user list   [--db FILE]\n"
       "       maturinh user passwd [--db FILE] --login LOGIN --password-stdin\n"
       "       maturinh user remove [--db FILE] --login LOGIN\n"
       "\n"
       "  add     create an account of the web questionnaire (maturinh serve)\n"
       "  list    the accounts: login, role, name and scope\n"
       "  passwd  give an account a new password\n"
       "  remove  remove an account and its sessions\n");

static const char usage_add[] =
    N_("Usage: maturinh user add [--db FILE] --login LOGIN --role rssi|ars|national|admin\n"
       "                         [--finess F]... [--region CODE] [--name \"Full Name\"]\n"
       "                         --password-stdin\n"
       "\n"
       "Creates an account of the web questionnaire in the database (default\n"
       "./maturinh.db, created on first use).  Its scope follows its role: rssi, the\n"
       "establishments of its --finess (one or more); ars, every establishment of\n"
       "its --region; national, every establishment; admin, the accounts only.\n"
       "The password is read from standard input (one line, at least 12\n"
       "characters) and kept only as an Argon2id hash.  An existing account is\n"
       "never replaced.\n");

static const char usage_list[] = N_("Usage: maturinh user list [--db FILE]\n"
                                    "\n"
                                    "Lists the accounts: login, role, name and scope (never their "
                                    "passwords).\n");

static const char usage_passwd[] =
    N_("Usage: maturinh user passwd [--db FILE] --login LOGIN --password-stdin\n"
       "\n"
       "Gives an account a new password, read from standard input (one line, at\n"
       "least 12 characters).\n");

static const char usage_remove[] = N_("Usage: maturinh user remove [--db FILE] --login LOGIN\n"
                                      "\n"
                                      "Removes an account, with its sessions.\n");

struct user_options {
        const char *db, *login, *role, *region, *name;
        cli_list finess;
        int password_stdin;
        cli_args args;
};

#define USER_OPTION_DB(o)    CLI_OPTION_DB(&(o).db)
#define USER_OPTION_LOGIN(o) CLI_VALUE("login", 0, &(o).login, "LOGIN", "the account's login")
#define USER_OPTION_PASSWORD(o)                                                                    \
        CLI_FLAG("password-stdin", 0, &(o).password_stdin,                                         \
                 "read the password from standard input (one line)")

static int parse(const char *command, const char *usage, const cli_option *options, int argc,
                 char **argv, struct user_options *o)
{
        int code;

        if ((code = cli_parse_options(command, usage, options, argc, argv, &o->args)) >= 0)
                return code;
        if (o->args.argc > 0)
                return cli_usage_error(command, N_("unexpected argument '%s'"), o->args.argv[0]);
        return -1;
}

/* Overwrites `size` bytes in a way the compiler cannot drop. */
static void wipe(char *buf, size_t size)
{
        volatile char *p = buf;

        while (size-- > 0)
                *p++ = 0;
}

/*
 * The password: one line of standard input into `buf` (MH_PASSWORD_MAX + 2
 * bytes), its newline (or CR LF) removed; not echoed when typed on a
 * terminal.  A longer line is cut at MH_PASSWORD_MAX + 1 bytes, which the
 * library refuses as too long.  Returns 0, or an exit code after saying why.
 */
static struct termios echo_saved;

/* Ctrl-C (or a kill) while the password is typed: the terminal gets its echo back first. */
static void restore_echo(int sig)
{
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &echo_saved);
        signal(sig, SIG_DFL);
        raise(sig);
}

static int read_password(char *buf, size_t size)
{
        struct termios saved, quiet;
        int terminal = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
        void (*old_int)(int) = SIG_DFL, (*old_term)(int) = SIG_DFL, (*old_hup)(int) = SIG_DFL;
        size_t n = 0;
        int c;

        if (terminal) {
                echo_saved = saved;
                old_int = signal(SIGINT, restore_echo);
                old_term = signal(SIGTERM, restore_echo);
                old_hup = signal(SIGHUP, restore_echo);
                quiet = saved;
                quiet.c_lflag &= ~(tcflag_t)ECHO;
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        }
        while ((c = getchar()) != EOF && c != '\n')
                if (n + 1 < size)
                        buf[n++] = (char)c;
        buf[n] = '\0';
        if (terminal) {
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
                signal(SIGINT, old_int);
                signal(SIGTERM, old_term);
                signal(SIGHUP, old_hup);
                fputc('\n', stderr);
        }
        if (n > 0 && buf[n - 1] == '\r')
                buf[--n] = '\0';
        if (n == 0) {
                cli_error(N_("no password on standard input: give it there, one line of at least "
                             "%d characters"),
                          MH_PASSWORD_MIN);
                return EXIT_DATAERR;
        }
        return 0;
}

/* What the library said, and the exit code for it (an unknown account is a data error). */
static int failed(int rc)
{
        cli_print_diagnostics(cli_diags());
        return rc == MH_ENOTFOUND || rc == MH_EINVALID ? EXIT_DATAERR : cli_exit_code(rc);
}

static int need_login(const char *command, const struct user_options *o)
{
        if (o->login == NULL)
                return cli_usage_error(command, N_("no login given: use --login LOGIN"));
        return -1;
}

static int need_password_stdin(const char *command, const struct user_options *o)
{
        if (!o->password_stdin)
                return cli_usage_error(command, N_("give the password on standard input with "
                                                   "--password-stdin (never on the command line)"));
        return -1;
}

/* ---- add ---------------------------------------------------------------- */

static int add(int argc, char **argv)
{
        struct user_options o = {.db = MH_STORE_DEFAULT_PATH};
        const cli_option options[] = {
            USER_OPTION_DB(o),
            USER_OPTION_LOGIN(o),
            CLI_VALUE("role", 0, &o.role, "ROLE", "rssi, ars, national or admin"),
            CLI_LIST("finess", 0, &o.finess, "F",
                     "an establishment of an rssi account (repeat it)"),
            CLI_VALUE("region", 0, &o.region, "CODE", "the region of an ars account"),
            CLI_VALUE("name", 0, &o.name, "NAME", "the account's full name"),
            USER_OPTION_PASSWORD(o),
            CLI_END,
        };
        char password[MH_PASSWORD_MAX + 2];
        mh_store *store = NULL;
        mh_account account;
        int code, rc;

        memset(&account, 0, sizeof(account));
        if ((code = parse("user add", usage_add, options, argc, argv, &o)) >= 0 ||
            (code = need_login("user add", &o)) >= 0)
                goto out;
        if (o.role == NULL) {
                code = cli_usage_error(
                    "user add", N_("no role given: use --role rssi, ars, national or admin"));
                goto out;
        }
        if (mh_role_parse(&account.role, o.role) < 0) {
                code = cli_usage_error(
                    "user add", N_("unknown role '%s': expected rssi, ars, national or admin"),
                    o.role);
                goto out;
        }
        if ((code = need_password_stdin("user add", &o)) >= 0)
                goto out;
        for (size_t i = 0; i < o.finess.count; i++)
                if ((code = cli_finess_refuse("user add", "finess", o.finess.items[i], NULL)) >= 0)
                        goto out;
        account.login = o.login;
        account.name = o.name;
        account.region = o.region;
        account.finess = o.finess.items;
        account.n_finess = o.finess.count;
        /* every rule checked before the database is opened (and maybe created) */
        if ((code = read_password(password, sizeof(password))) != 0)
                goto out;
        if ((rc = mh_account_check(&account, cli_diags())) < 0 ||
            (rc = mh_password_check(password, cli_diags())) < 0) {
                code = failed(rc);
                goto out;
        }
        if ((code = cli_open_store(&store, o.db)) == EXIT_OK) {
                rc = mh_account_add(store, &account, password, cli_diags());
                code = rc < 0 ? failed(rc) : EXIT_OK;
                mh_store_close(store);
        }
        if (code == EXIT_OK) {
                printf(_("account '%s' (%s) added to %s\n"), o.login, o.role, o.db);
                code = cli_flush_stdout();
        }
out:
        wipe(password, sizeof(password));
        cli_list_free(&o.finess);
        return code;
}

/* ---- list --------------------------------------------------------------- */

/* One account as listed, its scope written out. */
struct listed {
        char *login, *role, *name, *scope;
};

struct listing {
        struct listed *rows;
        size_t count, capacity;
};

static char *scope_of(const mh_account *account)
{
        size_t length = 1, i;
        char *scope;

        switch (account->role) {
        case MH_ROLE_RSSI:
                for (i = 0; i < account->n_finess; i++)
                        length += strlen(account->finess[i]) + 1;
                if ((scope = malloc(length)) == NULL)
                        return NULL;
                scope[0] = '\0';
                for (i = 0; i < account->n_finess; i++) {
                        if (i > 0)
                                strcat(scope, " ");
                        strcat(scope, account->finess[i]);
                }
                return scope;
        case MH_ROLE_ARS: {
                const char *region = account->region != NULL ? account->region : "";
                int size = snprintf(NULL, 0, _("region %s"), region);

                if (size < 0 || (scope = malloc((size_t)size + 1)) == NULL)
                        return NULL;
                snprintf(scope, (size_t)size + 1, _("region %s"), region);
                return scope;
        }
        case MH_ROLE_NATIONAL:
                return strdup(_("every establishment"));
        case MH_ROLE_ADMIN:
        default:
                return strdup(_("the accounts only"));
        }
}

static int collect(const mh_account *account, void *context)
{
        struct listing *l = context;
        struct listed *row;

        if (l->count == l->capacity) {
                size_t grown = l->capacity ? l->capacity * 2 : 16;
                struct listed *rows = realloc(l->rows, grown * sizeof(*rows));

                if (rows == NULL)
                        return MH_ENOMEM;
                l->rows = rows;
                l->capacity = grown;
        }
        row = &l->rows[l->count];
        row->login = strdup(account->login);
        row->role = strdup(mh_role_name(account->role));
        row->name = strdup(account->name != NULL ? account->name : "");
        row->scope = scope_of(account);
        l->count++;
        if (row->login == NULL || row->role == NULL || row->name == NULL || row->scope == NULL)
                return MH_ENOMEM;
        return 0;
}

/* TEXT, then spaces to `width` columns and two more (nothing after the last column). */
static void column(const char *text, int width, int last)
{
        int used = mh_text_width(text, MH_TEXT_LINE);

        mh_text_write(stdout, text, MH_TEXT_LINE);
        if (!last)
                printf("%*s", width - used + 2, "");
}

static int list(int argc, char **argv)
{
        struct user_options o = {.db = MH_STORE_DEFAULT_PATH};
        const cli_option options[] = {USER_OPTION_DB(o), CLI_END};
        struct listing l = {NULL, 0, 0};
        const char *head[4] = {_("LOGIN"), _("ROLE"), _("NAME"), _("SCOPE")};
        int width[4], code, rc;
        mh_store *store = NULL;
        size_t i, k;

        if ((code = parse("user list", usage_list, options, argc, argv, &o)) >= 0)
                return code;
        if ((code = cli_open_existing_store(&store, o.db)) != EXIT_OK)
                return code;
        rc = mh_account_list(store, collect, &l, cli_diags());
        mh_store_close(store);
        if (rc == MH_ENOMEM) {
                cli_error(N_("out of memory"));
                code = EXIT_SOFTWARE;
        } else if (rc < 0) {
                code = failed(rc);
        } else if (l.count == 0) {
                cli_error(N_("no account in %s: add one with `maturinh user add`"), o.db);
        } else {
                for (k = 0; k < 4; k++)
                        width[k] = mh_text_width(head[k], MH_TEXT_LINE);
                for (i = 0; i < l.count; i++) {
                        const char *cells[4] = {l.rows[i].login, l.rows[i].role, l.rows[i].name,
                                                l.rows[i].scope};

                        for (k = 0; k < 4; k++) {
                                int w = mh_text_width(cells[k], MH_TEXT_LINE);

                                if (w > width[k])
                                        width[k] = w;
                        }
                }
                for (k = 0; k < 4; k++)
                        column(head[k], width[k], k == 3);
                putchar('\n');
                for (i = 0; i < l.count; i++) {
                        column(l.rows[i].login, width[0], 0);
                        column(l.rows[i].role, width[1], 0);
                        column(l.rows[i].name, width[2], 0);
                        column(l.rows[i].scope, width[3], 1);
                        putchar('\n');
                }
                code = cli_flush_stdout();
        }
        for (i = 0; i < l.count; i++) {
                free(l.rows[i].login);
                free(l.rows[i].role);
                free(l.rows[i].name);
                free(l.rows[i].scope);
        }
        free(l.rows);
        return code;
}

/* ---- passwd and remove -------------------------------------------------- */

static int passwd(int argc, char **argv)
{
        struct user_options o = {.db = MH_STORE_DEFAULT_PATH};
        const cli_option options[] = {USER_OPTION_DB(o), USER_OPTION_LOGIN(o),
                                      USER_OPTION_PASSWORD(o), CLI_END};
        char password[MH_PASSWORD_MAX + 2];
        mh_store *store = NULL;
        int code, rc;

        password[0] = '\0';
        if ((code = parse("user passwd", usage_passwd, options, argc, argv, &o)) >= 0 ||
            (code = need_login("user passwd", &o)) >= 0 ||
            (code = need_password_stdin("user passwd", &o)) >= 0 ||
            (code = cli_open_existing_store(&store, o.db)) != EXIT_OK)
                goto out;
        if ((code = read_password(password, sizeof(password))) == 0) {
                rc = mh_account_set_password(store, o.login, password, cli_diags());
                code = rc < 0 ? failed(rc) : EXIT_OK;
        }
        mh_store_close(store);
        if (code == EXIT_OK) {
                printf(_("new password for '%s' in %s\n"), o.login, o.db);
                code = cli_flush_stdout();
        }
out:
        wipe(password, sizeof(password));
        return code;
}

static int remove_account(int argc, char **argv)
{
        struct user_options o = {.db = MH_STORE_DEFAULT_PATH};
        const cli_option options[] = {USER_OPTION_DB(o), USER_OPTION_LOGIN(o), CLI_END};
        mh_store *store = NULL;
        int code, rc;

        if ((code = parse("user remove", usage_remove, options, argc, argv, &o)) >= 0 ||
            (code = need_login("user remove", &o)) >= 0)
                return code;
        if ((code = cli_open_existing_store(&store, o.db)) != EXIT_OK)
                return code;
        rc = mh_account_remove(store, o.login, cli_diags());
        code = rc < 0 ? failed(rc) : EXIT_OK;
        mh_store_close(store);
        if (code == EXIT_OK) {
                printf(_("account '%s' removed from %s\n"), o.login, o.db);
                code = cli_flush_stdout();
        }
        return code;
}

int cmd_user(int argc, char **argv)
{
        static const char *const commands[] = {"add", "list", "passwd", "remove", NULL};

        if (argc < 2) {
                fputs(_(usage_user), stderr);
                return EXIT_USAGE;
        }
        if (strcmp(argv[1], "add") == 0)
                return add(argc - 1, argv + 1);
        if (strcmp(argv[1], "list") == 0)
                return list(argc - 1, argv + 1);
        if (strcmp(argv[1], "passwd") == 0)
                return passwd(argc - 1, argv + 1);
        if (strcmp(argv[1], "remove") == 0)
                return remove_account(argc - 1, argv + 1);
        if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
                fputs(_(usage_user), stdout);
                return cli_flush_stdout();
        }
        return cli_unknown("user", CLI_UNKNOWN_SUBCOMMAND, argv[1], argv[1], "", commands);
}
