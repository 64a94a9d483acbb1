/*
 * util.c: exit codes, messages and atomic output files for the commands.
 */
#define _GNU_SOURCE /* renameat2 */

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

int cli_exit_code(int rc)
{
        switch (rc) {
        case MH_OK:
                return EXIT_OK;
        case MH_EINVALID:
                return EXIT_DATAERR;
        case MH_ENOTFOUND:
                return EXIT_NOINPUT;
        case MH_EIO:
                return EXIT_IOERR;
        case MH_EUSAGE:
                return EXIT_USAGE;
        case MH_EBUSY:
                return EXIT_TEMPFAIL;
        default:
                return EXIT_SOFTWARE;
        }
}

static int severity(int code)
{
        switch (code) {
        case EXIT_OK:
                return 0;
        case EXIT_USAGE:
                return 1;
        case EXIT_DATAERR:
                return 2;
        case EXIT_NOINPUT:
                return 3;
        case EXIT_CANTCREAT:
        case EXIT_IOERR:
        case EXIT_TEMPFAIL:
                return 4;
        default:
                return 5;
        }
}

int cli_worse(int a, int b)
{
        return severity(b) > severity(a) ? b : a;
}

void cli_error(const char *fmt, ...)
{
        va_list ap;

        fputs("maturinh: ", stderr);
        va_start(ap, fmt);
        vfprintf(stderr, _(fmt), ap);
        va_end(ap);
        fputc('\n', stderr);
}

mh_diagnostics *cli_diags(void)
{
        static mh_diagnostics *diags;

        if (diags == NULL)
                (void)mh_diagnostics_new(&diags);
        return diags;
}

const char *cli_first_message(void)
{
        static char message[MH_ERROR_MESSAGE_MAX];
        mh_diagnostics *diags = cli_diags();

        snprintf(message, sizeof(message), "%s",
                 mh_diagnostics_count(diags) > 0 ? mh_diagnostics_get(diags, 0)->message
                                                 : _("invalid input"));
        mh_diagnostics_clear(diags);
        return message;
}

void cli_print_diagnostics(mh_diagnostics *diags)
{
        size_t i, n = mh_diagnostics_count(diags);

        for (i = 0; i < mh_diagnostics_warning_count(diags); i++)
                mh_warning_print(mh_diagnostics_warning(diags, i), stderr);
        for (i = 0; i < n; i++) {
                const mh_error *err = mh_diagnostics_get(diags, i);

                if (err->source[0] == '\0')
                        cli_error("%s", err->message);
                else
                        mh_error_print(err, stderr);
        }
        if (mh_diagnostics_dropped(diags) > 0)
                cli_error(mh_diagnostics_dropped(diags) == 1 ? N_("%zu more error not shown")
                                                             : N_("%zu more errors not shown"),
                          mh_diagnostics_dropped(diags));
        mh_diagnostics_clear(diags);
}

int cli_usage_error(const char *command, const char *fmt, ...)
{
        va_list ap;

        fputs("maturinh: ", stderr);
        va_start(ap, fmt);
        vfprintf(stderr, _(fmt), ap);
        va_end(ap);
        fputc('\n', stderr);
        fprintf(stderr, _("Try 'maturinh %s%s--help'.\n"), command, command[0] != '\0' ? " " : "");
        return EXIT_USAGE;
}

int cli_output_open(cli_output *out, const char *path)
{
        struct stat st;
        int fd;

        memset(out, 0, sizeof(*out));
        if (path == NULL || strcmp(path, "-") == 0) {
                out->stream = stdout;
                return 0;
        }
        if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
                /* A device or a pipe: write to it; there is nothing to replace. */
                if ((out->stream = fopen(path, "w")) == NULL) {
                        cli_error(N_("cannot create %s: %s"), path, strerror(errno));
                        return EXIT_CANTCREAT;
                }
                out->special = 1;
                out->path = strdup(path);
                return 0;
        }
        out->path = strdup(path);
        out->temp_path = malloc(strlen(path) + sizeof(".tmp-XXXXXX"));
        if (out->path == NULL || out->temp_path == NULL) {
                cli_error(N_("out of memory"));
                free(out->path);
                free(out->temp_path);
                return EXIT_SOFTWARE;
        }
        sprintf(out->temp_path, "%s.tmp-XXXXXX", path);
        if ((fd = mkstemp(out->temp_path)) < 0 || (out->stream = fdopen(fd, "w")) == NULL) {
                cli_error(N_("cannot create %s: %s"), path, strerror(errno));
                if (fd >= 0) {
                        close(fd);
                        unlink(out->temp_path);
                }
                free(out->path);
                free(out->temp_path);
                return EXIT_CANTCREAT;
        }
        {
                /* mkstemp makes the file private; give it the usual mode. */
                mode_t mask = umask(0);

                umask(mask);
                (void)fchmod(fd, 0666 & ~mask);
        }
        return 0;
}

int cli_output_refuse_existing(const char *path, int force)
{
        struct stat st;

        if (path != NULL && strcmp(path, "-") != 0 && lstat(path, &st) == 0) {
                struct stat target; /* what a symbolic link points to */
                int resolved = stat(path, &target) == 0;

                if (resolved && S_ISDIR(target.st_mode)) {
                        cli_error(N_("%s is a folder: give a file name"), path);
                        return EXIT_CANTCREAT;
                }
                /* a device or a pipe (/dev/null, /dev/stdout) is written to, not replaced */
                if (!force && !(resolved && !S_ISREG(target.st_mode))) {
                        cli_error(N_("%s exists: give --force to replace it"), path);
                        return EXIT_CANTCREAT;
                }
        }
        return EXIT_OK;
}

int cli_output_create(cli_output *out, const char *path, int force)
{
        int code;

        if ((code = cli_output_refuse_existing(path, force)) != EXIT_OK)
                return code;
        if ((code = cli_output_open(out, path)) == EXIT_OK)
                out->no_replace = !force;
        return code;
}

int cli_output_create_private(cli_output *out, const char *path, int force)
{
        /*
         * The temporary file is 0600 from its creation (mkstemp, and no
         * widening to 0666 & ~umask under this umask), whatever the caller's
         * umask, and the rename keeps that mode when --force replaces a file.
         */
        mode_t mask = umask(077);
        int code = cli_output_create(out, path, force);

        umask(mask);
        if (code == EXIT_OK && out->temp_path != NULL && fchmod(fileno(out->stream), 0600) != 0) {
                cli_error(N_("cannot create %s: %s"), path, strerror(errno));
                cli_output_close(out, 0);
                return EXIT_CANTCREAT;
        }
        return code;
}

int cli_rename_noreplace(const char *from, const char *to)
{
        if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
                return 0;
        if (errno != EINVAL && errno != ENOSYS)
                return -1;
        /* a file system without RENAME_NOREPLACE: check, then rename (a tiny race) */
        {
                struct stat st;

                if (lstat(to, &st) == 0) {
                        errno = EEXIST;
                        return -1;
                }
        }
        return rename(from, to);
}

/*
 * Whether `input` is the file `out` or lies inside it: its real path, then
 * each folder above it, compared with `out` by device and inode.
 */
static int is_or_inside(const struct stat *out, const char *input)
{
        char *real = realpath(input, NULL), *slash;
        struct stat st;
        int found = 0;

        if (real == NULL) /* missing: nothing there to write over */
                return 0;
        for (;;) {
                if (stat(real, &st) == 0 && st.st_dev == out->st_dev && st.st_ino == out->st_ino) {
                        found = 1;
                        break;
                }
                if ((slash = strrchr(real, '/')) == NULL || slash[1] == '\0')
                        break; /* "/" done */
                slash[slash == real ? 1 : 0] = '\0';
        }
        free(real);
        return found;
}

/* Refuses `output` if it is `input` or holds it; `what` names the input. */
static int refuse_input(const char *output, const struct stat *out, const char *input,
                        const char *what)
{
        struct stat st;

        if (input == NULL || !is_or_inside(out, input))
                return 0;
        if (stat(input, &st) == 0 && st.st_dev == out->st_dev && st.st_ino == out->st_ino)
                cli_error(
                    N_("%s is %s this command reads: refusing to write over it; choose another "
                       "output"),
                    output, _(what));
        else
                cli_error(N_("%s holds %s this command reads (%s): refusing to replace it; choose "
                             "another output"),
                          output, _(what), input);
        return EXIT_CANTCREAT;
}

/* cli_check_output() for a file (`folder` 0) or cli_check_folder(). */
static int check_output(const char *output, const cli_inputs *inputs, int folder)
{
        static const char *const db_files[] = {"-wal", "-shm", "-journal"};
        struct stat out;
        size_t i;
        int k;

        if (output == NULL || strcmp(output, "-") == 0 || stat(output, &out) != 0)
                return 0;
        /* a device or a pipe (/dev/null) is written to, never replaced; a folder given for a
         * file is refused by the command */
        if (!(folder ? S_ISDIR(out.st_mode) : S_ISREG(out.st_mode)))
                return 0;
        if (refuse_input(output, &out, inputs->ref, N_("the référentiel")) != 0 ||
            refuse_input(output, &out, inputs->db, N_("the database")) != 0)
                return EXIT_CANTCREAT;
        for (i = 0; inputs->db != NULL && i < sizeof(db_files) / sizeof(db_files[0]); i++) {
                char *path = malloc(strlen(inputs->db) + strlen(db_files[i]) + 1);
                int code;

                if (path == NULL) {
                        cli_error(N_("out of memory"));
                        return EXIT_SOFTWARE;
                }
                sprintf(path, "%s%s", inputs->db, db_files[i]);
                code = refuse_input(output, &out, path, N_("a file of the database"));
                free(path);
                if (code != 0)
                        return code;
        }
        for (k = 0; k < inputs->n_files; k++)
                if (refuse_input(output, &out, inputs->files[k], N_("an answers file")) != 0)
                        return EXIT_CANTCREAT;
        return 0;
}

int cli_check_output(const char *output, const cli_inputs *inputs)
{
        return check_output(output, inputs, 0);
}

int cli_check_folder(const char *folder, const cli_inputs *inputs)
{
        return check_output(folder, inputs, 1);
}

/*
 * The absolute name of the output `path`, malloc'd: its real path, or for a
 * file not made yet its folder's real path and its name; NULL when neither
 * can be had (a missing folder: the output will fail by itself).
 */
static char *output_name(const char *path)
{
        char *real = realpath(path, NULL), *copy, *slash, *folder, *name;

        if (real != NULL || (copy = strdup(path)) == NULL)
                return real;
        slash = strrchr(copy, '/');
        if (slash == NULL) {
                folder = realpath(".", NULL);
                name = copy;
        } else {
                *slash = '\0';
                folder = realpath(slash == copy ? "/" : copy, NULL);
                name = slash + 1;
        }
        if (folder != NULL && (real = malloc(strlen(folder) + strlen(name) + 2)) != NULL)
                sprintf(real, "%s/%s", folder, name);
        free(folder);
        free(copy);
        return real;
}

/* Whether two outputs are one file: the same name, or the same file once resolved. */
static int same_output(const char *a, const char *b)
{
        char *real_a, *real_b;
        int same;

        if (strcmp(a, b) == 0)
                return 1;
        if (strcmp(a, "-") == 0 || strcmp(b, "-") == 0)
                return 0;
        real_a = output_name(a);
        real_b = output_name(b);
        same = real_a != NULL && real_b != NULL && strcmp(real_a, real_b) == 0;
        free(real_a);
        free(real_b);
        return same;
}

int cli_check_distinct(const char *command, const char *const *options, const char *const *paths,
                       size_t n)
{
        size_t i, j;

        for (i = 0; i < n; i++)
                for (j = i + 1; paths[i] != NULL && j < n; j++)
                        if (paths[j] != NULL && same_output(paths[i], paths[j]))
                                return cli_usage_error(
                                    command,
                                    N_("%s and %s name the same file (%s): give each its own"),
                                    options[i], options[j], paths[j]);
        return 0;
}

#define SPOOL_BUFFER_SIZE ((size_t)64 * 1024)

int cli_output_open_spooled(cli_output *out, const char *path, int spool)
{
        if (!spool || (path != NULL && strcmp(path, "-") != 0))
                return cli_output_open(out, path);
        memset(out, 0, sizeof(*out));
        if ((out->stream = tmpfile()) == NULL) {
                cli_error(N_("cannot create a temporary file: %s"), strerror(errno));
                return EXIT_CANTCREAT;
        }
        /* written and read back whole: in large pieces rather than stdio's 4 KiB */
        if ((out->spool_buffer = malloc(SPOOL_BUFFER_SIZE)) != NULL &&
            setvbuf(out->stream, out->spool_buffer, _IOFBF, SPOOL_BUFFER_SIZE) != 0) {
                free(out->spool_buffer);
                out->spool_buffer = NULL;
        }
        out->spooled = 1;
        return 0;
}

/* Copies a spooled output to stdout. */
static int unspool(FILE *spool)
{
        char buf[65536];
        size_t n;

        if (fflush(spool) != 0 || fseek(spool, 0, SEEK_SET) != 0)
                return EXIT_IOERR;
        while ((n = fread(buf, 1, sizeof(buf), spool)) > 0)
                if (fwrite(buf, 1, n, stdout) != n)
                        return EXIT_IOERR;
        return ferror(spool) ? EXIT_IOERR : 0;
}

int cli_output_close(cli_output *out, int ok)
{
        int code = 0;

        if (out->spooled) {
                if (ok && unspool(out->stream) != 0) {
                        cli_error(N_("cannot write the output: %s"), strerror(errno));
                        code = EXIT_IOERR;
                }
                fclose(out->stream);
                free(out->spool_buffer);
                memset(out, 0, sizeof(*out));
                return cli_worse(code, ok ? cli_flush_stdout() : 0);
        }

        if (out->path == NULL || out->special) {
                if (fflush(out->stream) != 0 || ferror(out->stream)) {
                        cli_error(N_("cannot write the output: %s"), strerror(errno));
                        code = EXIT_IOERR;
                }
                if (out->special)
                        fclose(out->stream);
                free(out->path);
                memset(out, 0, sizeof(*out));
                return code;
        }
        if (ok &&
            (fflush(out->stream) != 0 || ferror(out->stream) || fsync(fileno(out->stream)) != 0)) {
                cli_error(N_("cannot write %s: %s"), out->path, strerror(errno));
                ok = 0;
                code = EXIT_IOERR;
        }
        if (fclose(out->stream) != 0 && ok) {
                cli_error(N_("cannot write %s: %s"), out->path, strerror(errno));
                ok = 0;
                code = EXIT_IOERR;
        }
        if (ok && (out->no_replace ? cli_rename_noreplace(out->temp_path, out->path)
                                   : rename(out->temp_path, out->path)) != 0) {
                if (errno == EEXIST)
                        cli_error(N_("%s exists (made while this ran): give --force to replace it"),
                                  out->path);
                else
                        cli_error(N_("cannot create %s: %s"), out->path, strerror(errno));
                ok = 0;
                code = EXIT_CANTCREAT;
        }
        if (!ok)
                unlink(out->temp_path);
        free(out->path);
        free(out->temp_path);
        memset(out, 0, sizeof(*out));
        return code;
}

int cli_sheet_open(cli_sheet *s, const char *command, mh_format format, const char *path,
                   const char *name, int spool, int no_replace)
{
        struct stat st;
        int to_stdout = path == NULL || strcmp(path, "-") == 0, fd, code, rc;

        memset(s, 0, sizeof(*s));
        if (format != MH_FORMAT_XLSX) {
                if ((code = no_replace && !to_stdout
                                ? cli_output_create(&s->out, path, 0)
                                : cli_output_open_spooled(&s->out, path, spool)) != EXIT_OK)
                        return code;
                if ((rc = mh_sheet_open_csv(&s->sheet, s->out.stream)) < 0) {
                        cli_error(N_("out of memory"));
                        cli_output_close(&s->out, 0);
                        return cli_exit_code(rc);
                }
                return EXIT_OK;
        }
        s->xlsx = 1;
        if (to_stdout && isatty(STDOUT_FILENO))
                return cli_usage_error(command,
                                       N_("an XLSX workbook is not written to a terminal: give "
                                          "-o FILE, or redirect the output"));
        if (!to_stdout && stat(path, &st) == 0) {
                if (S_ISDIR(st.st_mode)) {
                        cli_error(N_("%s is a folder: give a file name"), path);
                        return EXIT_CANTCREAT;
                }
                if (S_ISREG(st.st_mode) && no_replace) {
                        cli_error(N_("%s exists: give --force to replace it"), path);
                        return EXIT_CANTCREAT;
                }
                if (!S_ISREG(st.st_mode) && (s->copy_to = strdup(path)) == NULL) {
                        cli_error(N_("out of memory"));
                        return EXIT_SOFTWARE;
                }
        }
        if (to_stdout || s->copy_to != NULL) {
                /* the workbook is made in a temporary file, copied out at the end */
                const char *tmp = getenv("TMPDIR");

                if (tmp == NULL || tmp[0] == '\0')
                        tmp = "/tmp";
                if ((s->temp_path = malloc(strlen(tmp) + sizeof("/maturinh-XXXXXX"))) == NULL) {
                        cli_error(N_("out of memory"));
                        free(s->copy_to);
                        return EXIT_SOFTWARE;
                }
                sprintf(s->temp_path, "%s/maturinh-XXXXXX", tmp);
                if ((fd = mkstemp(s->temp_path)) < 0) {
                        cli_error(N_("cannot create a temporary file: %s"), strerror(errno));
                        free(s->temp_path);
                        free(s->copy_to);
                        return EXIT_CANTCREAT;
                }
                close(fd);
                path = s->temp_path;
        }
        if ((rc = mh_sheet_open_xlsx(&s->sheet, path, name, cli_diags())) < 0) {
                cli_print_diagnostics(cli_diags());
                if (s->temp_path != NULL)
                        unlink(s->temp_path);
                free(s->temp_path);
                free(s->copy_to);
                return rc == MH_EIO ? EXIT_CANTCREAT : cli_exit_code(rc);
        }
        return EXIT_OK;
}

/* Copies the workbook at `from` to the stream `to`; returns 0 or -1 (errno set). */
static int copy_file(const char *from, FILE *to)
{
        char buf[65536];
        FILE *in = fopen(from, "rb");
        size_t n;
        int failed = 0;

        if (in == NULL)
                return -1;
        while (!failed && (n = fread(buf, 1, sizeof(buf), in)) > 0)
                failed = fwrite(buf, 1, n, to) != n;
        failed = failed || ferror(in) || fflush(to) != 0;
        fclose(in);
        return failed ? -1 : 0;
}

int cli_sheet_close(cli_sheet *s, int ok)
{
        int code = EXIT_OK, rc;

        if (!s->xlsx) {
                if (ok && (rc = mh_sheet_close(s->sheet, NULL)) < 0) {
                        cli_error(N_("cannot write the output: %s"), strerror(errno));
                        code = cli_exit_code(rc);
                } else if (!ok) {
                        mh_sheet_abandon(s->sheet);
                }
                code = cli_worse(code, cli_output_close(&s->out, ok && code == EXIT_OK));
                memset(s, 0, sizeof(*s));
                return code;
        }
        if (!ok) {
                mh_sheet_abandon(s->sheet);
        } else if ((rc = mh_sheet_close(s->sheet, cli_diags())) < 0) {
                cli_print_diagnostics(cli_diags());
                code = cli_exit_code(rc);
        } else if (s->temp_path != NULL) {
                FILE *to = s->copy_to != NULL ? fopen(s->copy_to, "w") : stdout;

                if (to == NULL || copy_file(s->temp_path, to) != 0) {
                        cli_error(N_("cannot write the output: %s"), strerror(errno));
                        code = EXIT_IOERR;
                }
                if (to != NULL && to != stdout)
                        fclose(to);
        }
        if (s->temp_path != NULL)
                unlink(s->temp_path);
        free(s->temp_path);
        free(s->copy_to);
        memset(s, 0, sizeof(*s));
        return code;
}

int cli_flush_stdout(void)
{
        cli_output out = {.stream = stdout};

        return cli_output_close(&out, 1);
}

int cli_load_referentiel(mh_referentiel **out, const char *path)
{
        mh_diagnostics *diags = NULL;
        int rc;

        if (mh_diagnostics_new(&diags) < 0) {
                cli_error(N_("out of memory"));
                return EXIT_SOFTWARE;
        }
        rc = mh_referentiel_load_file(out, path, diags);
        mh_diagnostics_print(diags, stderr);
        mh_diagnostics_free(diags);
        return cli_exit_code(rc);
}
