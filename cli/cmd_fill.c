/*
 * cmd_fill.c: `maturinh fill`, the CISO's questionnaire in the terminal.
 *
 * It asks each question that concerns the establishment, in référentiel
 * order, from the first unanswered one; checks each answer at once (asking
 * again with the reason) and saves it at once in its own transaction, so
 * that Ctrl-C loses nothing and running it again resumes there.  Commands
 * typed at the prompt start with `:` (an answer never does) and have a
 * French and an English name in every language: they go back, jump to a
 * question or a domain, list every answer, comment an answer, show the
 * help, or stop.  What is typed is read with the French habits (12,5 %,
 * 30/06/2024, oui, a choice's label or number) by the library's
 * mh_indicator_input_normalize(), then checked as any answer.
 */
#define _GNU_SOURCE /* getline, open_memstream */

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cmd_store.h"

static const char usage_fill[] =
    N_("Usage: maturinh fill [--db FILE] --campaign ID --finess FINESS [--user NAME]\n"
       "\n"
       "The questionnaire, in the terminal: asks each question that concerns the\n"
       "establishment, in référentiel order, starting at the first unanswered one.\n"
       "Each answer is checked at once (asked again with the reason if wrong) and\n"
       "saved at once: Ctrl-C (exit 130) or Ctrl-D loses nothing, and running fill\n"
       "again resumes where you stopped.  If the questionnaire is submitted while\n"
       "fill runs, fill stops at the next answer, which is not saved (exit 65).\n"
       "\n"
       "At each question, type the answer, or a command (French or English name):\n"
       "  (empty line)         keep the answer, or skip; go on to the next unanswered\n"
       "  :prec  :back  <      the previous question\n"
       "  :suiv  :next         the next question, answered or not\n"
       "  :aller ID  :go ID    the question ID (GOUV-01-A), the first of domain ID\n"
       "                       (GOUV), or the question at that number\n"
       "  :liste  :list        every answer, with its state (also after the last)\n"
       "  :note [TEXT]         comment the answer (:comment too; - removes it)\n"
       "  :aide  :help  ?      the question's help and allowed answers\n"
       "  :fin  :quit          stop (as Ctrl-D)\n"
       "  =                    confirm the answer carried over from the campaign\n"
       "                       before, as it is (shown under the question)\n"
       "Answers may be typed the French way: a percent as 12,5 or 12 %, a date as\n"
       "30/06/2024 or jamais, a boolean as oui/non/o/n, a choice as its number in\n"
       "the list or its label (case and accents ignored); na where allowed.\n"
       "\n"
       "An answer carried over from an earlier campaign (maturinh campaign --from)\n"
       "counts for nothing until it is confirmed: an empty line leaves it to\n"
       "confirm, = confirms it, any other answer replaces it.\n");

/* Set by Ctrl-C during fill: the question ends, and fill with it. */
static volatile sig_atomic_t interrupted;

static void on_interrupt(int signal_number)
{
        (void)signal_number;
        interrupted = 1;
}

/* The last change of the establishment's status, from its history. */
struct last_status {
        char who[64], when[32];
};

static int note_status(const mh_history_entry *e, void *context)
{
        struct last_status *last = context;

        if (strcmp(e->what, "status") == 0) {
                snprintf(last->who, sizeof(last->who), "%s", e->who);
                snprintf(last->when, sizeof(last->when), "%s", e->when);
        }
        return 0;
}

/*
 * After a refused answer: when the establishment was submitted meanwhile (by
 * another maturinh), says so, by whom and when, and what was not saved, and
 * returns 65; else -1 (the answer itself was wrong).
 */
static int submitted_meanwhile(const struct session *s, const struct db_options *o,
                               const mh_indicator *ind)
{
        mh_establishment *now = NULL;
        struct last_status last = {"", ""};
        int submitted;

        if (mh_store_load(&now, s->store, s->ref, o->campaign, o->finess, NULL) < 0)
                return -1;
        submitted = mh_establishment_submission(now) == MH_SUBMISSION_SUBMITTED;
        mh_establishment_free(now);
        if (!submitted)
                return -1;
        (void)mh_store_history(s->store, o->campaign, o->finess, note_status, &last, NULL);
        printf("\n");
        fflush(stdout);
        if (last.who[0] != '\0')
                cli_error(
                    N_("establishment %s was submitted for campaign %s while fill ran (by %s, "
                       "%s)"),
                    o->finess, o->campaign, last.who, last.when);
        else
                cli_error(N_("establishment %s was submitted for campaign %s while fill ran"),
                          o->finess, o->campaign);
        cli_error(N_("your answer to %s was not saved, nor can any other be: the answers given "
                     "before it are saved; to change answers, reopen it first (maturinh reopen)"),
                  mh_indicator_id(ind));
        return EXIT_DATAERR;
}

static char *trim(char *s)
{
        char *end;

        while (*s == ' ' || *s == '\t')
                s++;
        end = s + strlen(s);
        while (end > s && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' ' || end[-1] == '\t'))
                *--end = '\0';
        return s;
}

/* The terminal's width: stdout's, else $COLUMNS, else 80. */
static int terminal_width(void)
{
        struct winsize ws;
        const char *columns = getenv("COLUMNS");
        long n;

        if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
                return ws.ws_col;
        if (columns != NULL && (n = strtol(columns, NULL, 10)) > 0 && n < 10000)
                return (int)n;
        return 80;
}

/* An answer carried over from an earlier campaign, still to confirm. */
struct carried {
        char *value, *from; /* value NULL: none */
};

/* The questionnaire: the questions that concern the establishment, in order. */
struct fill {
        struct session s;
        const struct db_options *o;
        const mh_indicator **questions;
        size_t count;
        struct carried *carried;       /* by mh_indicator_index() */
        size_t n_carried;              /* how many are still to confirm */
        const mh_domain *shown_domain; /* the domain whose header was shown last */
        int width;
};

/* `text` (a translated message holding data) word-wrapped from `column`, then a line feed. */
static void wrapped(const struct fill *f, const char *text, int column, int indent)
{
        mh_text_wrap_write(stdout, text, MH_TEXT_LINE, f->width, column, indent);
        fputc('\n', stdout);
}

/* printf() of a message that holds data, escaped and word-wrapped. */
static void wrapped_printf(const struct fill *f, int indent, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void wrapped_printf(const struct fill *f, int indent, const char *fmt, ...)
{
        char *line = NULL;
        va_list ap;
        int n;

        va_start(ap, fmt);
        n = vasprintf(&line, fmt, ap);
        va_end(ap);
        printf("%*s", indent, "");
        wrapped(f, n >= 0 ? line : fmt, indent, indent);
        if (n >= 0)
                free(line);
}

/*
 * An answer as people read it (oui, 12,5 %, 30/06/2024, jamais in French):
 * in `buf` (a number or a date), or the answer's text itself.
 */
static const char *people_text(char *buf, size_t size, const mh_indicator *ind, const char *text,
                               int na)
{
        int french = strcmp(mh_language(), "fr") == 0;
        char *p;

        if (text == NULL)
                return _("unanswered");
        if (na)
                return _("na (does not apply)");
        switch (mh_indicator_type_of(ind)) {
        case MH_INDICATOR_BOOLEAN:
                return strcmp(text, "true") == 0 ? _("yes") : _("no");
        case MH_INDICATOR_PERCENT:
                snprintf(buf, size, "%s%s", text, french ? "\xC2\xA0%" : "%");
                if (french && (p = strchr(buf, '.')) != NULL)
                        *p = ',';
                return buf;
        case MH_INDICATOR_DATE:
                if (strcmp(text, "never") == 0)
                        return _("never");
                return mh_date_for_people(buf, size, text);
        default:
                return text;
        }
}

static const char *people_answer(char *buf, size_t size, const struct fill *f,
                                 const mh_indicator *ind)
{
        return people_text(buf, size, ind, mh_establishment_answer_text(f->s.est, ind),
                           mh_establishment_answer_state(f->s.est, ind) == MH_ANSWER_NA);
}

/* The carried answer of `ind` still to confirm, or NULL. */
static const struct carried *carried_of(const struct fill *f, const mh_indicator *ind)
{
        const struct carried *c = f->carried != NULL ? &f->carried[mh_indicator_index(ind)] : NULL;

        return c != NULL && c->value != NULL ? c : NULL;
}

static void carried_free(struct fill *f)
{
        size_t i, n = mh_referentiel_indicator_count(f->s.ref);

        for (i = 0; f->carried != NULL && i < n; i++) {
                free(f->carried[i].value);
                free(f->carried[i].from);
        }
        free(f->carried);
        f->carried = NULL;
        f->n_carried = 0;
}

static int keep_carried(const mh_carried_answer *a, void *context)
{
        struct fill *f = context;
        const mh_indicator *ind = mh_referentiel_find_indicator(f->s.ref, a->indicator);
        struct carried *c;

        if (ind == NULL)
                return 0;
        c = &f->carried[mh_indicator_index(ind)];
        if ((c->value = strdup(a->value)) == NULL || (c->from = strdup(a->from_campaign)) == NULL)
                return MH_ENOMEM;
        /* counted where it can be confirmed: a question asked */
        f->n_carried += mh_establishment_concerned_by(f->s.est, ind) != 0;
        return 0;
}

/* The answers carried over still to confirm, read again from the store. */
static int load_carried(struct fill *f)
{
        size_t n = mh_referentiel_indicator_count(f->s.ref);

        carried_free(f);
        if ((f->carried = calloc(n > 0 ? n : 1, sizeof(*f->carried))) == NULL)
                return MH_ENOMEM;
        return mh_store_carried(f->s.store, f->o->campaign, f->o->finess, keep_carried, f,
                                cli_diags());
}

/* The question's position among those asked, from 1. */
static size_t position_of(const struct fill *f, const mh_indicator *ind)
{
        size_t k;

        for (k = 0; k < f->count; k++)
                if (f->questions[k] == ind)
                        return k + 1;
        return 0;
}

/* What an indicator accepts, word-wrapped in parentheses. */
static void show_allowed(const struct fill *f, const mh_indicator *ind)
{
        char *text = NULL, *line;
        size_t length = 0;
        FILE *memory = open_memstream(&text, &length);

        if (memory == NULL)
                return;
        fputc('(', memory);
        mh_indicator_allowed_write(ind, f->s.est, memory, NULL);
        fputc(')', memory);
        if (fclose(memory) == 0 && (line = text) != NULL) {
                fputs("      ", stdout);
                wrapped(f, line, 6, 7);
        }
        free(text);
}

static void show_question(struct fill *f, size_t k)
{
        const mh_indicator *ind = f->questions[k];
        const mh_domain *domain = mh_criterion_domain(mh_indicator_criterion(ind));
        const char *comment = mh_establishment_comment(f->s.est, ind);
        char prefix[128], answer[64];
        size_t done, in_domain, i;

        if (domain != f->shown_domain) {
                f->shown_domain = domain;
                mh_questionnaire_progress(&done, &in_domain, f->s.est, domain);
                fputc('\n', stdout);
                wrapped_printf(f, 0, _("== %s  %s  (%zu of %zu answered)"), mh_domain_id(domain),
                               mh_domain_title(domain, mh_language()), done, in_domain);
        }
        snprintf(prefix, sizeof(prefix), "\n[%zu/%zu] %s  ", k + 1, f->count, mh_indicator_id(ind));
        fputs(prefix, stdout);
        wrapped(f, mh_indicator_question(ind, mh_language()), (int)strlen(prefix) - 1, 6);
        for (i = 0;
             mh_indicator_type_of(ind) == MH_INDICATOR_CHOICE && i < mh_indicator_option_count(ind);
             i++) {
                const char *value = mh_establishment_answer_text(f->s.est, ind);
                int current =
                    value != NULL && strcmp(value, mh_indicator_option_value(ind, i)) == 0;

                printf("     %c%2zu ", current ? '*' : ' ', i + 1); /* the current one marked */
                wrapped(f, mh_indicator_option_label(ind, i, NULL), 9, 9);
        }
        show_allowed(f, ind);
        if (mh_establishment_answer_state(f->s.est, ind) != MH_ANSWER_NONE) {
                wrapped_printf(f, 6, _("current answer: %s (an empty line keeps it)"),
                               people_answer(answer, sizeof(answer), f, ind));
        }
        if (comment != NULL)
                wrapped_printf(f, 6, _("comment: %s"), comment);
        if (mh_establishment_answer_state(f->s.est, ind) == MH_ANSWER_NONE &&
            carried_of(f, ind) != NULL) {
                const struct carried *c = carried_of(f, ind);

                wrapped_printf(f, 6, _("answer of campaign %s: %s \xE2\x80\x94 type = to take it"),
                               c->from,
                               people_text(answer, sizeof(answer), ind, c->value,
                                           strcmp(c->value, "na") == 0));
        }
}

/* The review: every question with its number and state, by domain. */
static void show_review(struct fill *f)
{
        const mh_domain *domain = NULL;
        size_t answered, total, k;
        char answer[64];
        int column;

        mh_questionnaire_progress(&answered, &total, f->s.est, NULL);
        printf("\n");
        wrapped_printf(f, 0, _("Review: %zu of %zu questions answered."), answered, total);
        for (k = 0; k < f->count; k++) {
                const mh_indicator *ind = f->questions[k];
                const mh_domain *d = mh_criterion_domain(mh_indicator_criterion(ind));
                const char *comment = mh_establishment_comment(f->s.est, ind);

                if (d != domain) {
                        domain = d;
                        wrapped_printf(f, 0, "== %s  %s", mh_domain_id(d),
                                       mh_domain_title(d, mh_language()));
                }
                column = printf("%3zu %-12s ", k + 1, mh_indicator_id(ind)); /* as :go takes them */
                if (mh_establishment_answer_state(f->s.est, ind) == MH_ANSWER_NONE &&
                    carried_of(f, ind) != NULL) {
                        const struct carried *c = carried_of(f, ind);
                        char *line = NULL;

                        if (asprintf(&line, _("to confirm: %s (campaign %s)"),
                                     people_text(answer, sizeof(answer), ind, c->value,
                                                 strcmp(c->value, "na") == 0),
                                     c->from) >= 0) {
                                column = mh_text_wrap_write(stdout, line, MH_TEXT_LINE, f->width,
                                                            column, 17);
                                free(line);
                        }
                } else
                        column = mh_text_wrap_write(stdout,
                                                    people_answer(answer, sizeof(answer), f, ind),
                                                    MH_TEXT_LINE, f->width, column, 17);
                if (comment != NULL) {
                        char *line = NULL;

                        if (asprintf(&line, _("  (comment: %s)"), comment) >= 0) {
                                mh_text_wrap_write(stdout, line, MH_TEXT_LINE, f->width, column,
                                                   17);
                                free(line);
                        }
                }
                fputc('\n', stdout);
        }
        f->shown_domain = NULL; /* the next question shows its domain again */
}

/* The commands of the prompt, French and English names, in every language. */
enum command { CMD_NONE, CMD_BACK, CMD_NEXT, CMD_GO, CMD_LIST, CMD_NOTE, CMD_HELP, CMD_QUIT };

static enum command command_of(const char *word, size_t length)
{
        static const struct {
                const char *name;
                enum command command;
        } names[] = {
            {"prec", CMD_BACK},  {"préc", CMD_BACK}, {"back", CMD_BACK}, {"prev", CMD_BACK},
            {"suiv", CMD_NEXT},  {"next", CMD_NEXT}, {"aller", CMD_GO},  {"go", CMD_GO},
            {"liste", CMD_LIST}, {"list", CMD_LIST}, {"note", CMD_NOTE}, {"comment", CMD_NOTE},
            {"aide", CMD_HELP},  {"help", CMD_HELP}, {"fin", CMD_QUIT},  {"quit", CMD_QUIT},
        };
        size_t i;

        for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
                if (strlen(names[i].name) == length &&
                    strncasecmp(word, names[i].name, length) == 0)
                        return names[i].command;
        return CMD_NONE;
}

static void show_commands(const struct fill *f)
{
        wrapped_printf(f, 6, "%s",
                       _("commands: :prec or :back (<), :suiv or :next, :aller or :go ID, :liste "
                         "or :list, :note TEXT, :aide or :help (?), :fin or :quit; an empty line "
                         "keeps the answer and goes on"));
}

/*
 * `:aller ID`: the question ID, the first question of domain ID, or the
 * question at that position; -1 after saying why not.
 */
static long go_target(const struct fill *f, const char *arg)
{
        char id[64];
        const mh_indicator *ind;
        const mh_domain *domain;
        size_t i, k;
        char *end;
        long n;

        if (arg[0] == '\0') {
                wrapped_printf(f, 2, "%s",
                               _("give the question to go to: :go GOUV-01-A, :go GOUV or :go 12"));
                return -1;
        }
        n = strtol(arg, &end, 10);
        if (*end == '\0' && n >= 1 && (size_t)n <= f->count)
                return n - 1;
        for (i = 0; arg[i] != '\0' && i + 1 < sizeof(id); i++)
                id[i] = (char)(arg[i] >= 'a' && arg[i] <= 'z' ? arg[i] - 32 : arg[i]);
        id[i] = '\0';
        if ((ind = mh_referentiel_find_indicator(f->s.ref, id)) != NULL) {
                if ((k = position_of(f, ind)) > 0)
                        return (long)k - 1;
                wrapped_printf(f, 2, _("question %s does not concern this establishment"), id);
                return -1;
        }
        if ((domain = mh_referentiel_find_domain(f->s.ref, id)) != NULL) {
                for (k = 0; k < f->count; k++)
                        if (mh_criterion_domain(mh_indicator_criterion(f->questions[k])) == domain)
                                return (long)k;
                wrapped_printf(f, 2, _("no question of domain %s concerns this establishment"), id);
                return -1;
        }
        wrapped_printf(f, 2,
                       _("%s: no such question or domain here (give GOUV-01-A, GOUV or a number "
                         "from 1 to %zu)"),
                       arg, f->count);
        return -1;
}

/* The first unanswered question after k, or count (the review) when none. */
static size_t next_unanswered(const struct fill *f, size_t k)
{
        while (++k < f->count)
                if (mh_establishment_answer_state(f->s.est, f->questions[k]) == MH_ANSWER_NONE)
                        break;
        return k < f->count ? k : f->count;
}

/* After a save: the establishment as it is now.  Returns 0, or an exit code after saying why. */
static int reload(struct fill *f, int rc)
{
        mh_establishment *fresh = NULL;

        if (rc == 0)
                rc = mh_store_load(&fresh, f->s.store, f->s.ref, f->o->campaign, f->o->finess,
                                   cli_diags());
        if (rc < 0) {
                cli_error(N_("cannot save the answer: %s"), cli_first_message());
                return rc == MH_EBUSY ? EXIT_TEMPFAIL : EXIT_IOERR;
        }
        mh_establishment_free(f->s.est);
        f->s.est = fresh;
        if ((rc = load_carried(f)) < 0) {
                cli_error(N_("cannot read the answers carried over: %s"), cli_first_message());
                return rc == MH_EBUSY ? EXIT_TEMPFAIL : EXIT_IOERR;
        }
        return 0;
}

/*
 * Saves `text` (NULL: the answer as it is) and `comment` (NULL: kept) for
 * question `ind`.  Returns 0 when saved, 1 when the answer is refused (after
 * saying why), or an exit code.
 */
static int save(struct fill *f, const mh_indicator *ind, const char *text, const char *comment)
{
        int rc, refused;

        if (text == NULL)
                text = mh_establishment_answer_text(f->s.est, ind);
        rc = mh_store_set_answer(f->s.store, f->s.ref, f->o->campaign, f->o->finess,
                                 mh_indicator_id(ind), text, comment, f->o->user, cli_diags());
        if (rc == MH_EINVALID && (refused = submitted_meanwhile(&f->s, f->o, ind)) >= 0) {
                mh_diagnostics_clear(cli_diags());
                return refused;
        }
        if (rc == MH_EINVALID) {
                wrapped_printf(f, 2, _("not accepted: %s"), cli_first_message());
                return 1;
        }
        return reload(f, rc);
}

/*
 * `=`: confirms the answer carried over for `ind` as it is.  Returns 0 when
 * saved, 1 when there is none to confirm (after saying so), or an exit code.
 */
static int confirm(struct fill *f, const mh_indicator *ind)
{
        int rc, refused;

        if (carried_of(f, ind) == NULL) {
                wrapped_printf(f, 2, "%s",
                               _("no answer carried over to confirm here: type the answer"));
                return 1;
        }
        rc = mh_store_confirm_carried(f->s.store, f->s.ref, f->o->campaign, f->o->finess,
                                      mh_indicator_id(ind), f->o->user, cli_diags());
        if ((rc == MH_ELOCKED || rc == MH_EINVALID) &&
            (refused = submitted_meanwhile(&f->s, f->o, ind)) >= 0) {
                mh_diagnostics_clear(cli_diags());
                return refused;
        }
        return reload(f, rc);
}

/* Reads a line into *line; NULL at the end of input or on Ctrl-C. */
static char *read_line(char **line, size_t *capacity)
{
        fflush(stdout);
        if (interrupted || getline(line, capacity, stdin) < 0 || interrupted)
                return NULL;
        return trim(*line);
}

/* `:note [TEXT]` on question `ind`: 0, 1 (not saved) or an exit code; -2 at the end of input. */
static int note(struct fill *f, const mh_indicator *ind, const char *arg, char **line,
                size_t *capacity)
{
        int code;

        if (arg[0] == '\0') {
                fputs(_("  comment (an empty line keeps it, - removes it): "), stdout);
                if ((arg = read_line(line, capacity)) == NULL)
                        return -2;
                if (arg[0] == '\0') {
                        puts(_("  comment kept"));
                        return 0;
                }
        }
        if ((code = save(f, ind, NULL, strcmp(arg, "-") == 0 ? "" : arg)) == 0)
                puts(strcmp(arg, "-") == 0 ? _("  comment removed") : _("  comment saved"));
        return code;
}

/*
 * The questionnaire, from question `k` (count: the review).  Returns -1 when
 * it ends at the user's word or at the end of input (*stopped then says
 * which), or an exit code.
 */
static int ask(struct fill *f, size_t k, int *stopped)
{
        char *line = NULL;
        size_t capacity = 0;
        int code = -1, show = 1;

        for (;;) {
                const mh_indicator *ind = k < f->count ? f->questions[k] : NULL;
                char *typed, canonical[256];
                const char *arg = "", *answer;
                enum command command = CMD_NONE;
                long target;

                f->width = terminal_width();
                if (show && ind != NULL)
                        show_question(f, k);
                else if (show) {
                        show_review(f);
                        wrapped_printf(f, 0, "%s",
                                       _("To change an answer, :go ID (or its number); :back goes "
                                         "to the last question; an empty line ends."));
                }
                show = 0;
                fputs("> ", stdout);
                if ((typed = read_line(&line, &capacity)) == NULL) {
                        *stopped = 1;
                        break;
                }
                if (strcmp(typed, "?") == 0)
                        command = CMD_HELP;
                else if (strcmp(typed, "<") == 0)
                        command = CMD_BACK;
                else if (typed[0] == ':') {
                        size_t length = strcspn(typed + 1, " \t");

                        arg = trim(typed + 1 + length);
                        if ((command = command_of(typed + 1, length)) == CMD_NONE) {
                                wrapped_printf(f, 2, _("%s: no such command (:help lists them)"),
                                               typed);
                                continue;
                        }
                }
                if (command == CMD_NONE && typed[0] == '\0') {
                        if (ind == NULL)
                                break; /* the review's end */
                        if (mh_establishment_answer_state(f->s.est, ind) != MH_ANSWER_NONE)
                                puts(_("  kept"));
                        else if (carried_of(f, ind) != NULL)
                                puts(_("  skipped: the answer carried over is still to confirm"));
                        else
                                puts(_("  skipped"));
                        k = next_unanswered(f, k);
                        show = 1;
                        continue;
                }
                switch (command) {
                case CMD_BACK:
                        if (k == 0)
                                puts(_("  this is the first question"));
                        else
                                k--, show = 1;
                        continue;
                case CMD_NEXT:
                        if (ind == NULL)
                                goto done;
                        k++, show = 1;
                        continue;
                case CMD_GO:
                        if ((target = go_target(f, arg)) >= 0)
                                k = (size_t)target, show = 1;
                        continue;
                case CMD_LIST:
                        show_review(f);
                        show = ind != NULL;
                        continue;
                case CMD_HELP:
                        if (ind != NULL) {
                                mh_indicator_help_wrap_write(ind, stdout, f->width, NULL);
                                show_allowed(f, ind);
                        }
                        show_commands(f);
                        continue;
                case CMD_QUIT:
                        *stopped = 1;
                        goto done;
                case CMD_NOTE:
                        if (ind == NULL) {
                                puts(_("  no question here: :go ID goes to one"));
                                continue;
                        }
                        if ((code = note(f, ind, arg, &line, &capacity)) == -2) {
                                *stopped = 1;
                                code = -1;
                                goto done;
                        }
                        if (code > 1)
                                goto done;
                        code = -1;
                        continue;
                case CMD_NONE:
                        break;
                }
                if (ind == NULL) {
                        puts(_("  no question here: :go ID goes to one"));
                        continue;
                }
                if (strcmp(typed, "=") == 0) {
                        if ((code = confirm(f, ind)) == 1) {
                                code = -1;
                                continue;
                        }
                        if (code != 0)
                                break;
                        code = -1;
                        puts(_("  confirmed"));
                        k = next_unanswered(f, k);
                        show = 1;
                        continue;
                }
                /* an answer, read the French way where it cannot be misread */
                answer = mh_indicator_input_normalize(ind, typed, canonical, sizeof(canonical)) == 0
                             ? canonical
                             : typed; /* as typed (a long text too), for the check's message */
                if ((code = save(f, ind, answer, NULL)) == 1) {
                        code = -1;
                        continue;
                }
                if (code != 0)
                        break;
                code = -1;
                /* an answer read the French way: how it was read, as people read it */
                if (strcmp(answer, typed) != 0) {
                        char shown[64];

                        printf(_("  saved as %s\n"), people_answer(shown, sizeof(shown), f, ind));
                } else
                        puts(_("  saved"));
                k = next_unanswered(f, k);
                show = 1;
        }
done:
        free(line);
        return code;
}

/* The questions that concern the establishment, in order, into f->questions. */
static int list_questions(struct fill *f)
{
        size_t n = mh_referentiel_indicator_count(f->s.ref), d, c, i;

        if ((f->questions = calloc(n > 0 ? n : 1, sizeof(*f->questions))) == NULL)
                return -1;
        for (d = 0; d < mh_referentiel_domain_count(f->s.ref); d++) {
                const mh_domain *domain = mh_referentiel_domain(f->s.ref, d);

                for (c = 0; c < mh_domain_criterion_count(domain); c++) {
                        const mh_criterion *crit = mh_domain_criterion(domain, c);

                        for (i = 0; i < mh_criterion_indicator_count(crit); i++) {
                                const mh_indicator *ind = mh_criterion_indicator(crit, i);

                                if (mh_establishment_concerned_by(f->s.est, ind))
                                        f->questions[f->count++] = ind;
                        }
                }
        }
        return 0;
}

int cmd_fill(int argc, char **argv)
{
        struct db_options o;
        const cli_option options[] = {
            DB_OPTION_DB(o), DB_OPTION_CAMPAIGN(o), DB_OPTION_FINESS(o), DB_OPTION_USER(o), CLI_END,
        };
        struct fill f;
        size_t answered, total, first;
        int code, stopped = 0;
        struct sigaction action, previous;

        if ((code = parse_db_options(argc, argv, "fill", usage_fill, options, &o)) >= 0)
                return code;
        if (o.args.argc != 0)
                return cli_usage_error("fill", N_("unexpected argument '%s'"), o.args.argv[0]);
        memset(&f, 0, sizeof(f));
        f.o = &o;
        if ((code = session_open(&f.s, &o, "fill", 1)) != EXIT_OK)
                return code;
        if (mh_establishment_submission(f.s.est) == MH_SUBMISSION_SUBMITTED) {
                cli_error(N_("establishment %s is submitted for campaign %s: its answers cannot "
                             "change until it is reopened (maturinh reopen)"),
                          o.finess, o.campaign);
                session_close(&f.s);
                return EXIT_DATAERR;
        }
        if (list_questions(&f) < 0 || load_carried(&f) == MH_ENOMEM) {
                cli_error(N_("out of memory"));
                carried_free(&f);
                free(f.questions);
                session_close(&f.s);
                return EXIT_SOFTWARE;
        }
        /* Ctrl-C ends the question on a clean line (no SA_RESTART: getline returns) */
        memset(&action, 0, sizeof(action));
        action.sa_handler = on_interrupt;
        sigemptyset(&action.sa_mask);
        interrupted = 0;
        sigaction(SIGINT, &action, &previous);
        if (previous.sa_handler == SIG_IGN) /* run where Ctrl-C is not for it (nohup, &) */
                sigaction(SIGINT, &previous, NULL);
        f.width = terminal_width();
        mh_questionnaire_progress(&answered, &total, f.s.est, NULL);
        wrapped_printf(&f, 0, _("%s (FINESS %s), campaign %s: %s %s"),
                       mh_establishment_name(f.s.est), o.finess, o.campaign,
                       mh_referentiel_id(f.s.ref), mh_referentiel_version(f.s.ref));
        wrapped_printf(&f, 0,
                       _("%zu of %zu questions answered.  Each answer is saved at once; ? for "
                         "help and the commands (:back, :go ID, :list, :note, :quit), na where "
                         "allowed, an empty line to skip, Ctrl-D to stop."),
                       answered, total);
        first =
            f.count == 0 || mh_establishment_answer_state(f.s.est, f.questions[0]) == MH_ANSWER_NONE
                ? 0
                : next_unanswered(&f, 0);
        if (f.n_carried > 0)
                wrapped_printf(&f, 0,
                               cli_ntr("%zu answer carried over from the campaign before is to "
                                       "confirm: it is shown under its question, = confirms it.",
                                       "%zu answers carried over from the campaign before are to "
                                       "confirm: each is shown under its question, = confirms it.",
                                       f.n_carried),
                               f.n_carried);
        code = ask(&f, first, &stopped);
        sigaction(SIGINT, &previous, NULL);
        free(f.questions);
        if (code >= 0) {
                carried_free(&f);
                session_close(&f.s);
                return code;
        }
        code = EXIT_OK;
        if (interrupted) {
                /* a clean line after the terminal's ^C, and what is kept */
                mh_questionnaire_progress(&answered, &total, f.s.est, NULL);
                printf(_("\nInterrupted: your answers are saved (each when given), %zu of %zu "
                         "questions answered; run fill again to go on.\n"),
                       answered, total);
                carried_free(&f);
                session_close(&f.s);
                return cli_worse(EXIT_INTERRUPTED, cli_flush_stdout());
        }
        if (stopped)
                puts(_("\nStopped: your answers are saved; run fill again to go on."));
        if (mh_summary_write(f.s.ref, f.s.est, stdout, NULL) == MH_ENOMEM) {
                cli_error(N_("out of memory"));
                code = EXIT_SOFTWARE;
        }
        mh_questionnaire_progress(&answered, &total, f.s.est, NULL);
        if (answered == total)
                printf(_("Every question is answered: when the security committee has checked "
                         "them, run\n  maturinh submit --campaign %s --finess %s\n"),
                       o.campaign, o.finess);
        if (f.n_carried > 0)
                printf(cli_ntr("%zu answer carried over is still to confirm (it counts for "
                               "nothing until then): run fill again and type = there.\n",
                               "%zu answers carried over are still to confirm (they count for "
                               "nothing until then): run fill again and type = at each.\n",
                               f.n_carried),
                       f.n_carried);
        carried_free(&f);
        session_close(&f.s);
        return cli_worse(code, cli_flush_stdout());
}
