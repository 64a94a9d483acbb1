/*
 * cmd_publish.c: `maturinh rank`, `maturinh publish` and `maturinh report`.
 *
 * Each gathers a population (every establishment of the answers files, or
 * of a campaign in the database), then ranks it, publishes it, or writes one
 * establishment's report against its peers.  `publish` writes into a
 * temporary folder beside the target and renames it into place, so that a
 * failed run never leaves a half-written publication.
 */
#define _GNU_SOURCE /* nftw, renameat2 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

struct options {
        const char *ref_path, *db, *campaign, *finess, *scope, *out, *date, *html, *format;
        int keep_going, force;
        cli_args args; /* the answers files */
};

static const char usage_rank[] =
    N_("Usage: maturinh rank -r REFERENTIEL [--scope SCOPE] [--format table|csv|xlsx]\n"
       "                     [--keep-going] [-o OUT [--force]] ANSWERS...\n"
       "       maturinh rank [--db FILE] --campaign ID [--scope SCOPE] [--format ...]\n"
       "                     [-o OUT [--force]]\n"
       "\n"
       "Ranks the eligible establishments (submitted, complete, with a global score)\n"
       "by rounded global score, then FINESS; ties share a rank (1, 2, 2, 4).\n"
       "SCOPE: national (default), region:CODE, category:CODE or ght:ID.  From the\n"
       "database, a last column gives the progress since the previous campaign of\n"
       "the same référentiel.  The ranking is internal (ARS, DNS): it is not the\n"
       "public list, which `publish` writes.  An XLSX workbook goes to -o OUT, or\n"
       "to stdout when it is not a terminal; an existing workbook is replaced only\n"
       "with --force.\n");

static const char usage_publish[] =
    N_("Usage: maturinh publish -r REFERENTIEL --out DIR [--force] [--date D]\n"
       "                        [--keep-going] ANSWERS...\n"
       "       maturinh publish [--db FILE] --campaign ID --out DIR [--force] [--date D]\n"
       "\n"
       "Writes the public files of the Observatoire into DIR: palmares.csv (the\n"
       "establishments named and praised, ranked among themselves), observatoire.csv\n"
       "and observatoire.xml (aggregates under disclosure control: no figure, and no\n"
       "difference of figures, describes fewer than min_cell_size establishments\n"
       "that are not named), index.html (the report, readable offline).  Answers,\n"
       "comments and the results of establishments not named are never published.\n"
       "DIR is replaced only with --force; the same inputs give the same bytes (the\n"
       "date is printed only when given with --date).\n");

static const char usage_report[] =
    N_("Usage: maturinh report -r REFERENTIEL --finess F --html FILE [--force]\n"
       "                       ANSWERS...\n"
       "       maturinh report [--db FILE] --campaign ID --finess F --html FILE [--force]\n"
       "\n"
       "The establishment's own report for its board (XHTML): global score, level,\n"
       "domain scores against the median of its peers (same category, same region,\n"
       "from the answers given or the campaign), the criterion table and the action\n"
       "plan.  It shows the establishment's details: keep it internal.  FILE is\n"
       "never replaced unless --force is given.\n");

/* The options of struct options, for the tables of the three commands. */
#define OPTION_REFERENTIEL(o)                                                                      \
        CLI_VALUE("referentiel", 'r', &(o).ref_path, "FILE", "the référentiel of the answers files")
#define OPTION_DB(o) CLI_OPTION_DB(&(o).db)
#define OPTION_CAMPAIGN(o)                                                                         \
        CLI_VALUE("campaign", 0, &(o).campaign, "ID",                                              \
                  "read this campaign of the database instead of files")
#define OPTION_KEEP_GOING(o)                                                                       \
        CLI_FLAG("keep-going", 'k', &(o).keep_going, "go on without the rejected ones (exit 65)")
#define OPTION_FORCE(o) CLI_FLAG("force", 0, &(o).force, "replace the output if it exists")

/*
 * Parses the options of `options` (a table of the OPTION_ of `o`, and
 * others of `o`) and checks where the population comes from.  Returns -1 to
 * go on, or an exit code.
 */
static int parse(int argc, char **argv, const char *command, const char *usage,
                 const cli_option *options, struct options *o)
{
        int code;

        memset(o, 0, sizeof(*o));
        if ((code = cli_parse_options(command, usage, options, argc, argv, &o->args)) >= 0)
                return code;
        if (o->db != NULL && o->campaign == NULL)
                return cli_usage_error(command, N_("--db needs the campaign: --campaign ID"));
        if (o->campaign != NULL && o->args.argc != 0)
                return cli_usage_error(command, N_("give answers files or --campaign, not both"));
        if (o->campaign == NULL && o->ref_path == NULL)
                return cli_usage_error(command, N_("no référentiel given: use -r REFERENTIEL (or "
                                                   "--campaign ID for the database)"));
        if (o->campaign == NULL && o->args.argc == 0)
                return cli_usage_error(command, N_("no answers file given"));
        return -1;
}

/* Everything needed to rank or publish: the référentiel and the population. */
struct gathered {
        mh_store *store;
        mh_referentiel *ref;
        mh_population *pop;
        const char *finess;    /* report: the establishment wanted */
        mh_establishment *own; /* report: a copy of it */
        cli_finess_list known; /* report: every FINESS read, for "did you mean" */
};

static void release(struct gathered *g)
{
        cli_finess_list_free(&g->known);
        mh_establishment_free(g->own);
        mh_population_free(g->pop);
        mh_referentiel_free(g->ref);
        mh_store_close(g->store);
}

static int add(const mh_establishment *est, void *context)
{
        struct gathered *g = context;
        mh_result *result = NULL;
        int rc;

        if (g->store != NULL)
                cli_progress_tick();
        if (mh_population_has(g->pop, mh_establishment_finess(est))) {
                fprintf(stderr,
                        "%s:%u:1: error: establishment %s appears twice: it would be "
                        "ranked and counted twice\n",
                        mh_establishment_source(est), mh_establishment_line(est),
                        mh_establishment_finess(est));
                return EXIT_DATAERR;
        }
        if ((rc = mh_evaluate(&result, g->ref, est)) == 0)
                rc = mh_population_add(g->pop, est, result);
        mh_result_free(result);
        if (rc == MH_EINVALID) {
                cli_error(N_("establishment %s is of campaign %s, the others of %s: give one "
                             "campaign at a time"),
                          mh_establishment_finess(est), mh_establishment_campaign(est),
                          mh_population_campaign(g->pop));
                return EXIT_DATAERR;
        }
        if (rc == 0 && g->finess != NULL)
                rc = cli_finess_list_add(&g->known, mh_establishment_finess(est));
        if (rc == 0 && g->finess != NULL && g->own == NULL &&
            strcmp(mh_establishment_finess(est), g->finess) == 0)
                rc = mh_establishment_copy(&g->own, est);
        if (rc < 0) {
                cli_error(N_("out of memory"));
                return EXIT_SOFTWARE;
        }
        return 0;
}

/*
 * Gathers the population from files or from a campaign.  Without
 * --keep-going, any rejected establishment makes it fail (65).
 */
static int gather(struct gathered *g, const struct options *o, char **files, int n_files)
{
        int code, rc;

        if (o->campaign != NULL) {
                if ((code = cli_open_existing_store(
                         &g->store, o->db ? o->db : MH_STORE_DEFAULT_PATH)) != EXIT_OK)
                        return code;
                if ((code = cli_campaign_referentiel(g->store, o->campaign, &g->ref)) != EXIT_OK)
                        return code;
        } else if ((code = cli_load_referentiel(&g->ref, o->ref_path)) != EXIT_OK) {
                return code;
        }
        if (mh_population_new(&g->pop, g->ref) < 0) {
                cli_error(N_("out of memory"));
                return EXIT_SOFTWARE;
        }
        if (o->campaign != NULL) {
                cli_progress_start(_("reading"));
                rc = mh_store_each(g->store, g->ref, o->campaign, add, g, cli_diags());
                cli_progress_end();
                if (rc < 0) {
                        cli_print_diagnostics(cli_diags());
                        return cli_exit_code(rc);
                }
                return rc;
        }
        code = cli_each_establishment(g->ref, files, n_files, o->keep_going, add, g);
        if (code == EXIT_DATAERR && !o->keep_going)
                cli_error(N_("nothing written: fix the errors above, or use --keep-going"));
        return code;
}

int cmd_rank(int argc, char **argv)
{
        struct options o;
        struct gathered g, before;
        mh_ranking *ranking = NULL;
        mh_scope scope;
        mh_format format = MH_FORMAT_TABLE;
        cli_sheet sheet;
        cli_output out;
        int code, rc;
        const cli_option table[] = {
            OPTION_REFERENTIEL(o),
            OPTION_DB(o),
            OPTION_CAMPAIGN(o),
            CLI_VALUE("scope", 0, &o.scope, "SCOPE",
                      "national, region:CODE, category:CODE or ght:ID"),
            CLI_VALUE("format", 'f', &o.format, "FORMAT", "table (default), csv or xlsx"),
            OPTION_KEEP_GOING(o),
            CLI_OPTION_OUTPUT(&o.out),
            CLI_FLAG("force", 0, &o.force, "xlsx: replace OUT if it exists"),
            CLI_END,
        };

        if ((code = parse(argc, argv, "rank", usage_rank, table, &o)) >= 0)
                return code;
        if (mh_scope_parse(&scope, o.scope ? o.scope : "national") < 0)
                return cli_usage_error("rank",
                                       N_("unknown scope '%s': expected national, region:CODE (one "
                                          "of the 18 INSEE region codes), category:CODE (a 3-digit "
                                          "FINESS category) or ght:ID"),
                                       o.scope);
        if (o.format != NULL &&
            (mh_format_parse(&format, o.format) < 0 ||
             (format != MH_FORMAT_TABLE && format != MH_FORMAT_CSV && format != MH_FORMAT_XLSX)))
                return cli_usage_error(
                    "rank", N_("unknown format '%s': expected table, csv or xlsx"), o.format);
        {
                const cli_inputs inputs = {
                    o.ref_path, o.campaign ? (o.db ? o.db : MH_STORE_DEFAULT_PATH) : NULL,
                    o.args.argv, o.args.argc};

                if ((code = cli_check_output(o.out, &inputs)) != EXIT_OK)
                        return code;
        }
        /* before reading anything: where it goes (a workbook to a terminal is refused) */
        if (format == MH_FORMAT_TABLE)
                code = cli_output_open(&out, o.out);
        else
                /* a workbook may hold a person's notes: replaced only with --force */
                code = cli_sheet_open(&sheet, "rank", format, o.out, "rank", 0,
                                      format == MH_FORMAT_XLSX && !o.force);
        if (code != EXIT_OK)
                return code;
        memset(&g, 0, sizeof(g));
        memset(&before, 0, sizeof(before));
        code = gather(&g, &o, o.args.argv, o.args.argc);
        if (code != EXIT_OK && !(o.keep_going && code == EXIT_DATAERR)) {
                release(&g);
                if (format == MH_FORMAT_TABLE)
                        cli_output_close(&out, 0);
                else
                        cli_sheet_close(&sheet, 0);
                return code;
        }
        if (g.store != NULL) {
                char previous[256];

                rc = mh_store_previous_campaign(previous, sizeof(previous), g.store, o.campaign,
                                                cli_diags());
                if (rc == 0 &&
                    cli_campaign_referentiel(g.store, previous, &before.ref) == EXIT_OK &&
                    mh_population_new(&before.pop, before.ref) == 0)
                        rc =
                            mh_store_each(g.store, before.ref, previous, add, &before, cli_diags());
                if (rc < 0 && rc != MH_ENOTFOUND) {
                        cli_print_diagnostics(cli_diags());
                        release(&before);
                        release(&g);
                        if (format == MH_FORMAT_TABLE)
                                cli_output_close(&out, 0);
                        else
                                cli_sheet_close(&sheet, 0);
                        return cli_exit_code(rc);
                }
        }
        if ((rc = mh_rank(&ranking, g.pop, &scope, before.pop)) < 0) {
                cli_error(N_("out of memory"));
                code = EXIT_SOFTWARE;
        } else if ((rc = format == MH_FORMAT_TABLE
                             ? mh_ranking_write(ranking, MH_FORMAT_TABLE, out.stream, NULL)
                             : mh_ranking_write_sheet(ranking, sheet.sheet, NULL)) < 0) {
                cli_error(N_("cannot write the output"));
                code = cli_exit_code(rc);
        }
        mh_ranking_free(ranking);
        release(&before);
        release(&g);
        /* with --keep-going the ranking of the valid ones is kept (exit 65) */
        if (format == MH_FORMAT_TABLE)
                return cli_worse(code, cli_output_close(&out, rc >= 0 && code != EXIT_SOFTWARE));
        return cli_worse(code, cli_sheet_close(&sheet, rc >= 0 && code != EXIT_SOFTWARE));
}

/* ---- publish ------------------------------------------------------------ */

/*
 * The lock of a publish run.  Every folder a run writes (DIR.tmp-XXXXXX)
 * holds this marker while the run holds an flock(2) on the folder itself,
 * taken before the marker is made; the old publication being replaced gets
 * the same marker and lock.  The lock dies with the process, so a marked
 * folder whose lock can be taken was left by a run that is over.
 */
#define PUBLISHING ".maturinh-publishing"

static const char *marked_path; /* nftw callbacks take no context */

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
        (void)st;
        (void)flag;
        /* the folder and its marker go last: until then, it stays marked */
        if (ftw->level == 0 || (marked_path != NULL && strcmp(path, marked_path) == 0))
                return 0;
        return remove(path);
}

/* The path of the marker in the folder `path` (malloc), or NULL. */
static char *marker_of(const char *path)
{
        char *marker = malloc(strlen(path) + sizeof("/" PUBLISHING));

        if (marker != NULL)
                sprintf(marker, "%s/%s", path, PUBLISHING);
        return marker;
}

/* Unmarks a folder this run locked (it becomes, or stays, a plain publication). */
static void unmark(const char *path)
{
        char *marker = marker_of(path);

        if (marker != NULL)
                unlink(marker);
        free(marker);
}

/* Removes a folder of ours, its marker last. */
static void remove_tree(const char *path)
{
        char *marker = marker_of(path);

        marked_path = marker;
        nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
        marked_path = NULL;
        if (marker != NULL)
                unlink(marker);
        free(marker);
        rmdir(path);
}

/* Locks the folder `path` and marks it ours; returns the descriptor holding the lock, or -1. */
static int lock_folder(const char *path, int wait)
{
        int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC), marker;

        if (fd < 0)
                return -1;
        if (flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 ||
            (marker = openat(fd, PUBLISHING, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
                             0644)) < 0) {
                int saved = errno;

                close(fd);
                errno = saved;
                return -1;
        }
        dprintf(marker, "maturinh publish, process %ld\n", (long)getpid());
        close(marker);
        return fd;
}

/* Whether the folder open as `fd` is empty. */
static int is_empty(int fd)
{
        int copy = dup(fd), empty = 1;
        struct dirent *e;
        DIR *d;

        if (copy < 0 || (d = fdopendir(copy)) == NULL) {
                if (copy >= 0)
                        close(copy);
                return 0;
        }
        while (empty && (e = readdir(d)) != NULL)
                empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
        closedir(d);
        return empty;
}

/*
 * The folders DIR.tmp-XXXXXX that earlier runs into DIR left behind when
 * they were killed: one still marked, or empty, whose run is over (its
 * lock can be taken) is removed; one that holds a publication but no marker
 * is reported (it may be the only copy of one); one locked by a running
 * publish, one holding an input, and anything that is not ours are left
 * alone.
 */
static void clean_leftovers(const char *dir, const cli_inputs *inputs)
{
        const char *slash = strrchr(dir, '/'), *base = slash != NULL ? slash + 1 : dir;
        size_t prefix = (size_t)(base - dir), n = strlen(base);
        char *parent, *path = NULL;
        struct dirent *e;
        DIR *d;

        /* the folder that holds dir: "." for "out", "/" for "/out", "a" for "a/out" */
        if ((parent = strndup(dir, prefix > 1 ? prefix - 1 : prefix)) == NULL)
                return;
        d = opendir(parent[0] != '\0' ? parent : ".");
        free(parent);
        if (d == NULL)
                return;
        while ((e = readdir(d)) != NULL) {
                struct stat st;
                int fd;

                if (strncmp(e->d_name, base, n) != 0 || strncmp(e->d_name + n, ".tmp-", 5) != 0 ||
                    strlen(e->d_name + n + 5) != 6)
                        continue;
                free(path);
                if ((path = malloc(prefix + strlen(e->d_name) + 1)) == NULL)
                        break;
                memcpy(path, dir, prefix);
                strcpy(path + prefix, e->d_name);
                if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode))
                        continue;
                if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0)
                        continue;
                if (is_empty(fd)) {
                        /* a run killed before it marked its folder: nothing in it */
                        if (flock(fd, LOCK_EX | LOCK_NB) == 0 && rmdir(path) == 0)
                                cli_error(N_("removed %s, left by a publish into %s that was "
                                             "interrupted"),
                                          path, dir);
                } else if (faccessat(fd, PUBLISHING, F_OK, AT_SYMLINK_NOFOLLOW) == 0) {
                        /* marked: removed when its run is over, unless it holds an input */
                        if (flock(fd, LOCK_EX | LOCK_NB) == 0 &&
                            cli_check_folder(path, inputs) == EXIT_OK) {
                                remove_tree(path);
                                cli_error(N_("removed %s, left by a publish into %s that was "
                                             "interrupted"),
                                          path, dir);
                        }
                } else if (faccessat(fd, MH_PUBLICATION_MANIFEST, F_OK, AT_SYMLINK_NOFOLLOW) == 0) {
                        cli_error(
                            N_("%s holds a publication left by a publish into %s that was "
                               "interrupted: not removed; remove it yourself, or rename it to "
                               "%s if it is the one to keep"),
                            path, dir, dir);
                }
                close(fd);
        }
        closedir(d);
        free(path);
}

/*
 * Puts the publication `temp` at `dir`.  A new `dir` is never a folder made
 * meanwhile (renamed with RENAME_NOREPLACE).  An old one is swapped with
 * the new in one step (RENAME_EXCHANGE), then removed: at every moment
 * `dir` holds one whole publication.  Where the file system cannot swap,
 * two renames (docs/security.md says what a kill between them leaves).
 * Returns 0, or an exit code after saying why.
 */
static int put_in_place(const char *temp, const char *dir, int replace)
{
        int old_lock = -1, code = EXIT_OK;

        if (!replace) {
                if (cli_rename_noreplace(temp, dir) == 0) {
                        unmark(dir); /* killed before this, dir holds a stale marker: harmless */
                        return EXIT_OK;
                }
                if (errno == EEXIST || errno == ENOTEMPTY)
                        cli_error(N_("%s exists (made while this ran): give --force to replace it"),
                                  dir);
                else
                        cli_error(N_("cannot create %s: %s"), dir, strerror(errno));
                return EXIT_CANTCREAT;
        }
        /* the old publication is locked and marked too: killed after the swap, it is ours */
        if ((old_lock = lock_folder(dir, 0)) < 0) {
                if (errno == EWOULDBLOCK) {
                        cli_error(
                            N_("%s is being replaced by another publish: try again when it has "
                               "finished"),
                            dir);
                        return EXIT_TEMPFAIL;
                }
                cli_error(N_("cannot replace %s: %s"), dir, strerror(errno));
                return EXIT_CANTCREAT;
        }
        if (renameat2(AT_FDCWD, temp, AT_FDCWD, dir, RENAME_EXCHANGE) == 0) {
                unmark(dir);
                remove_tree(temp);
        } else if (errno == EINVAL || errno == ENOSYS) {
                /* no swap here: dir is missing between the two renames, both folders unmarked
                 * (a kill there leaves them for the next run to report, not to remove) */
                char *old = malloc(strlen(dir) + sizeof(".tmp-XXXXXX"));

                unmark(dir);
                unmark(temp);
                if (old != NULL)
                        sprintf(old, "%s.tmp-XXXXXX", dir);
                if (old == NULL || mkdtemp(old) == NULL || rmdir(old) != 0 ||
                    rename(dir, old) != 0) {
                        cli_error(N_("cannot replace %s: %s"), dir, strerror(errno));
                        code = EXIT_CANTCREAT;
                } else if (rename(temp, dir) != 0) {
                        cli_error(N_("cannot replace %s: %s"), dir, strerror(errno));
                        rename(old, dir);
                        code = EXIT_CANTCREAT;
                } else {
                        remove_tree(old);
                }
                free(old);
        } else {
                cli_error(N_("cannot replace %s: %s"), dir, strerror(errno));
                unmark(dir);
                code = EXIT_CANTCREAT;
        }
        close(old_lock);
        return code;
}

/* The inputs of publish and report, which their outputs may not be. */
static cli_inputs inputs_of(const struct options *o)
{
        cli_inputs inputs = {o->ref_path,
                             o->campaign ? (o->db ? o->db : MH_STORE_DEFAULT_PATH) : NULL,
                             o->args.argv, o->args.argc};

        return inputs;
}

/* --out as a folder's name: without the slashes that may end it ("out/" is "out"). */
static char *folder_name(const char *out)
{
        size_t n = strlen(out);
        char *name;

        while (n > 1 && out[n - 1] == '/')
                n--;
        if ((name = malloc(n + 1)) != NULL) {
                memcpy(name, out, n);
                name[n] = '\0';
        }
        return name;
}

/* Whether `dir` may be replaced: a publication, and nothing else in it; says why not. */
static int replaceable(const char *dir)
{
        int rc = mh_publication_check(dir, PUBLISHING, cli_diags());

        if (rc == 0)
                return EXIT_OK;
        if (rc == MH_EINVALID) {
                /* the tag stays English in every language; the message is translated */
                fprintf(stderr, "%s: error: ", dir);
                fprintf(stderr,
                        _("%s: refusing to replace it; choose another --out or remove it "
                          "yourself\n"),
                        cli_first_message());
                return EXIT_CANTCREAT;
        }
        cli_print_diagnostics(cli_diags());
        return cli_exit_code(rc);
}

int cmd_publish(int argc, char **argv)
{
        struct options o;
        struct gathered g;
        mh_publish_options options = MH_PUBLISH_OPTIONS_INIT;
        cli_inputs inputs;
        struct stat st;
        char *dir = NULL, *temp = NULL;
        const char *base;
        int code, rc, exists, lock = -1;
        const cli_option table[] = {
            OPTION_REFERENTIEL(o),
            OPTION_DB(o),
            OPTION_CAMPAIGN(o),
            CLI_VALUE("out", 0, &o.out, "DIR", "the folder to write (required)"),
            OPTION_FORCE(o),
            CLI_VALUE("date", 0, &o.date, "DATE", "the date printed on the page, YYYY-MM-DD"),
            OPTION_KEEP_GOING(o),
            CLI_END,
        };

        if ((code = parse(argc, argv, "publish", usage_publish, table, &o)) >= 0)
                return code;
        if (o.out == NULL)
                return cli_usage_error("publish", N_("no output folder given: use --out DIR"));
        /* the date is printed on the public page: a real one, or none */
        if (o.date != NULL && mh_date_check(o.date, cli_diags()) < 0)
                return cli_usage_error("publish", N_("invalid --date '%s': %s"), o.date,
                                       cli_first_message());
        if ((dir = folder_name(o.out)) == NULL) {
                cli_error(N_("out of memory"));
                return EXIT_SOFTWARE;
        }
        /*
         * A link to a folder (a web server's document root often is one): the
         * folder it names is published and replaced, next to itself, and the
         * link stays.
         */
        if (lstat(dir, &st) == 0 && S_ISLNK(st.st_mode) && stat(dir, &st) == 0 &&
            S_ISDIR(st.st_mode)) {
                char *real = realpath(dir, NULL);

                if (real != NULL) { /* (else the link changed meanwhile: refused below) */
                        free(dir);
                        dir = real;
                }
        }
        base = strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir;
        if (strcmp(base, ".") == 0 || strcmp(base, "..") == 0 || base[0] == '\0') {
                free(dir);
                return cli_usage_error("publish",
                                       N_("--out '%s' names no folder of its own: give the "
                                          "publication's folder, such as --out observatoire"),
                                       o.out);
        }
        exists = stat(dir, &st) == 0;
        if (exists && !o.force) {
                cli_error(N_("%s exists: give --force to replace it"), dir);
                free(dir);
                return EXIT_CANTCREAT;
        }
        if (exists && !S_ISDIR(st.st_mode)) {
                cli_error(N_("%s exists and is not a folder"), dir);
                free(dir);
                return EXIT_CANTCREAT;
        }
        /* only a publication is replaced, and never one that holds an input */
        inputs = inputs_of(&o);
        if ((exists && (code = replaceable(dir)) != EXIT_OK) ||
            (code = cli_check_folder(dir, &inputs)) != EXIT_OK) {
                free(dir);
                return code;
        }
        memset(&g, 0, sizeof(g));
        code = gather(&g, &o, o.args.argv, o.args.argc);
        if (code != EXIT_OK && !(o.keep_going && code == EXIT_DATAERR)) {
                release(&g);
                free(dir);
                return code;
        }
        if (mh_population_count(g.pop) == 0) {
                cli_error(N_("no establishment to publish"));
                release(&g);
                free(dir);
                return EXIT_DATAERR;
        }
        options.date = o.date;
        clean_leftovers(dir, &inputs);
        if ((temp = malloc(strlen(dir) + sizeof(".tmp-XXXXXX"))) == NULL) {
                cli_error(N_("out of memory"));
                release(&g);
                free(dir);
                return EXIT_SOFTWARE;
        }
        sprintf(temp, "%s.tmp-XXXXXX", dir);
        if (mkdtemp(temp) == NULL) {
                cli_error(N_("cannot create %s: %s"), dir, strerror(errno));
                code = EXIT_CANTCREAT;
        } else if ((lock = lock_folder(temp, 1)) < 0) {
                cli_error(N_("cannot create %s: %s"), dir, strerror(errno));
                remove_tree(temp);
                code = EXIT_CANTCREAT;
        } else if ((rc = mh_publish(g.pop, &options, temp, cli_diags())) < 0) {
                cli_print_diagnostics(cli_diags());
                cli_error(N_("cannot write the publication into %s"), dir);
                remove_tree(temp);
                code = cli_exit_code(rc);
        } else {
                int placed = EXIT_OK;

                chmod(temp, 0755); /* a publication is for everyone */
                /* what was checked before reading the inputs, checked again before replacing */
                if (exists && (placed = replaceable(dir)) == EXIT_OK)
                        placed = cli_check_folder(dir, &inputs);
                if (placed == EXIT_OK)
                        placed = put_in_place(temp, dir, exists);
                if (placed != EXIT_OK) {
                        remove_tree(temp);
                        code = placed;
                } else {
                        printf(cli_ntr("published %zu establishment of campaign %s into %s/ "
                                       "(open %s/index.html)\n",
                                       "published %zu establishments of campaign %s into %s/ "
                                       "(open %s/index.html)\n",
                                       mh_population_count(g.pop)),
                               mh_population_count(g.pop), mh_population_campaign(g.pop), dir, dir);
                }
        }
        if (lock >= 0)
                close(lock);
        free(temp);
        free(dir);
        release(&g);
        return cli_worse(code, cli_flush_stdout());
}

int cmd_report(int argc, char **argv)
{
        struct options o;
        struct gathered g;
        cli_inputs inputs;
        cli_output out;
        int code, rc;
        const cli_option table[] = {
            OPTION_REFERENTIEL(o),
            OPTION_DB(o),
            OPTION_CAMPAIGN(o),
            CLI_VALUE("finess", 0, &o.finess, "FINESS", "the establishment (required)"),
            CLI_VALUE("html", 0, &o.html, "FILE", "the report to write (required)"),
            OPTION_FORCE(o),
            OPTION_KEEP_GOING(o),
            CLI_END,
        };

        if ((code = parse(argc, argv, "report", usage_report, table, &o)) >= 0)
                return code;
        if (o.finess == NULL)
                return cli_usage_error("report", N_("no establishment given: use --finess FINESS"));
        if (o.html == NULL)
                return cli_usage_error("report", N_("no output given: use --html FILE"));
        inputs = inputs_of(&o);
        if ((code = cli_check_output(o.html, &inputs)) != EXIT_OK)
                return code;
        /* Refuse an existing FILE before reading anything; it holds the establishment's
         * weaknesses: 0600 */
        if ((code = cli_output_create_private(&out, o.html, o.force)) != EXIT_OK)
                return code;
        memset(&g, 0, sizeof(g));
        g.finess = o.finess;
        code = gather(&g, &o, o.args.argv, o.args.argc);
        if (code != EXIT_OK && !(o.keep_going && code == EXIT_DATAERR)) {
                cli_output_close(&out, 0);
                release(&g);
                return code;
        }
        if ((rc = cli_finess_refuse("report", "finess", o.finess,
                                    cli_finess_list_names(&g.known))) >= 0) {
                cli_output_close(&out, 0);
                release(&g);
                return rc;
        }
        if (g.own == NULL) {
                char hint[64];
                const char *near =
                    cli_finess_hint(hint, sizeof(hint), o.finess, cli_finess_list_names(&g.known));

                if (o.campaign != NULL)
                        cli_error(N_("no establishment %s in campaign %s%s"), o.finess, o.campaign,
                                  near);
                else
                        cli_error(N_("no establishment %s in the answers given%s"), o.finess, near);
                cli_output_close(&out, 0);
                release(&g);
                return EXIT_DATAERR;
        }
        rc = mh_report_write(g.ref, g.own, g.pop, out.stream, cli_diags());
        if (rc < 0 && rc != MH_EIO) /* a write failure is said when the output is closed */
                cli_print_diagnostics(cli_diags());
        code = cli_worse(code, cli_output_close(&out, rc == 0));
        if (rc < 0)
                code = cli_worse(code, cli_exit_code(rc));
        release(&g);
        return code;
}
