/*
 * diag.c: the list of located errors a loader fills (mh_diagnostics).
 *
 * Loaders report every problem they find rather than stopping at the first,
 * so the list grows as needed up to MH_DIAGNOSTICS_MAX entries; beyond that,
 * or when memory runs out, errors are only counted as dropped.  A message is
 * translated when it is added (util/i18n.h); the tag `error:` the printers
 * put before it stays English in every language.
 */
#define _POSIX_C_SOURCE 200809L /* fileno */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/cnum.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/util.h"

struct mh_diagnostics {
        mh_error *errors;         /* the errors kept, in the order added or sorted */
        size_t count;             /* errors held */
        size_t capacity;          /* room in errors */
        size_t dropped;           /* errors found but not kept */
        mh_error *warnings;       /* the warnings kept, in the order added */
        size_t n_warnings;        /* warnings held */
        size_t warnings_capacity; /* room in warnings */
};

int mh_diagnostics_new(mh_diagnostics **out)
{
        mh_diagnostics *diags = mh__malloc(sizeof(*diags));

        if (diags == NULL)
                return MH_ENOMEM;
        memset(diags, 0, sizeof(*diags));
        *out = diags;
        return 0;
}

void mh_diagnostics_free(mh_diagnostics *diags)
{
        if (diags == NULL)
                return;
        mh__free(diags->errors);
        mh__free(diags->warnings);
        mh__free(diags);
}

void mh_diagnostics_clear(mh_diagnostics *diags)
{
        diags->count = 0;
        diags->dropped = 0;
        diags->n_warnings = 0;
}

size_t mh_diagnostics_count(const mh_diagnostics *diags)
{
        return diags != NULL ? diags->count : 0;
}

size_t mh_diagnostics_dropped(const mh_diagnostics *diags)
{
        return diags != NULL ? diags->dropped : 0;
}

const mh_error *mh_diagnostics_get(const mh_diagnostics *diags, size_t i)
{
        return i < diags->count ? &diags->errors[i] : NULL;
}

/*
 * A message on one line and whole UTF-8: line breaks and control characters
 * escaped, and a character cut by a clipped quote ("'%.60s'") or by the end
 * of the buffer dropped rather than kept as stray bytes.
 */
static void make_one_line(char *message, size_t size)
{
        char escaped[MH_ERROR_MESSAGE_MAX], esc[MH__TEXT_ESCAPE_MAX];
        size_t i = 0, n = 0, length = strlen(message);

        while (message[i] != '\0' && n + MH__TEXT_ESCAPE_MAX < sizeof(escaped)) {
                size_t need, shown;
                long cp;

                if (((unsigned char)message[i] & 0xC0) == 0x80) { /* a byte without its lead */
                        i++;
                        continue;
                }
                need = mh__text_shown(message + i, length - i, MH_TEXT_LINE, esc, &cp);
                if (cp < 0) { /* a character cut short: drop what there is of it */
                        i++;
                        continue;
                }
                shown = esc[0] != '\0' ? strlen(esc) : need;
                if (n + shown >= sizeof(escaped))
                        break;
                memcpy(escaped + n, esc[0] != '\0' ? esc : message + i, shown);
                n += shown;
                i += need;
        }
        escaped[n] = '\0';
        snprintf(message, size, "%s", escaped);
}

/*
 * The next free entry of a list of errors or warnings, grown as needed up
 * to MH_DIAGNOSTICS_MAX entries, filled in with `source`, the position and
 * the message (in the user's language: its format is marked N_() where it
 * is written); NULL when the list is full or memory ran out.
 */
static mh_error *append(mh_error **list, size_t *count, size_t *capacity, const char *source,
                        unsigned line, unsigned column, const char *fmt, va_list ap)
    MH_PRINTF(7, 0);

static mh_error *append(mh_error **list, size_t *count, size_t *capacity, const char *source,
                        unsigned line, unsigned column, const char *fmt, va_list ap)
{
        mh_error *entry;

        if (*count == *capacity) {
                size_t grown = *capacity ? *capacity * 2 : 16;
                mh_error *entries;

                if (grown > MH_DIAGNOSTICS_MAX)
                        grown = MH_DIAGNOSTICS_MAX;
                if (grown <= *count ||
                    (entries = mh__realloc(*list, grown * sizeof(*entries))) == NULL)
                        return NULL;
                *list = entries;
                *capacity = grown;
        }
        entry = &(*list)[(*count)++];
        snprintf(entry->source, sizeof(entry->source), "%s", source ? source : "");
        entry->line = line;
        entry->column = column;
        mh__vsnprintf_c(entry->message, sizeof(entry->message), mh__tr(fmt), ap);
        make_one_line(entry->message, sizeof(entry->message));
        return entry;
}

void mh__diag_addv(mh_diagnostics *diags, const char *source, unsigned line, unsigned column,
                   const char *fmt, va_list ap)
{
        if (diags != NULL && append(&diags->errors, &diags->count, &diags->capacity, source, line,
                                    column, fmt, ap) == NULL)
                diags->dropped++;
}

void mh__diag_add(mh_diagnostics *diags, const char *source, unsigned line, unsigned column,
                  const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        mh__diag_addv(diags, source, line, column, fmt, ap);
        va_end(ap);
}

void mh__diag_warn(mh_diagnostics *diags, const char *source, unsigned line, unsigned column,
                   const char *fmt, ...)
{
        va_list ap;

        if (diags == NULL)
                return;
        va_start(ap, fmt);
        /* a warning is advice: one that cannot be kept is let go */
        (void)append(&diags->warnings, &diags->n_warnings, &diags->warnings_capacity, source, line,
                     column, fmt, ap);
        va_end(ap);
}

size_t mh_diagnostics_warning_count(const mh_diagnostics *diags)
{
        return diags != NULL ? diags->n_warnings : 0;
}

const mh_error *mh_diagnostics_warning(const mh_diagnostics *diags, size_t i)
{
        return diags != NULL && i < diags->n_warnings ? &diags->warnings[i] : NULL;
}

static int position_before(const mh_error *a, const mh_error *b)
{
        return a->line < b->line || (a->line == b->line && a->column < b->column);
}

void mh__diag_sort_from(mh_diagnostics *diags, size_t from)
{
        size_t i, j;

        if (diags == NULL)
                return;
        /* Insertion sort: stable, and the lists are short and nearly sorted. */
        for (i = from + 1; i < diags->count; i++) {
                mh_error moving = diags->errors[i];

                for (j = i; j > from && position_before(&moving, &diags->errors[j - 1]); j--)
                        diags->errors[j] = diags->errors[j - 1];
                diags->errors[j] = moving;
        }
}

int mh_error_print(const mh_error *err, FILE *stream)
{
        int n;

        if (err->line > 0)
                n = fprintf(stream, "%s:%u:%u: error: %s\n", err->source, err->line, err->column,
                            err->message);
        else
                n = fprintf(stream, "%s: error: %s\n",
                            err->source[0] != '\0' ? err->source : "maturinh", err->message);
        return n < 0 ? MH_EIO : 0;
}

int mh_warning_print(const mh_error *warning, FILE *stream)
{
        int n;

        if (warning->line > 0)
                n = fprintf(stream, "%s:%u:%u: warning: %s\n", warning->source, warning->line,
                            warning->column, warning->message);
        else
                n = fprintf(stream, "%s: warning: %s\n",
                            warning->source[0] != '\0' ? warning->source : "maturinh",
                            warning->message);
        return n < 0 ? MH_EIO : 0;
}

int mh_diagnostics_print(const mh_diagnostics *diags, FILE *stream)
{
        size_t i;

        for (i = 0; i < diags->n_warnings; i++)
                if (mh_warning_print(&diags->warnings[i], stream) < 0)
                        return MH_EIO;
        for (i = 0; i < diags->count; i++)
                if (mh_error_print(&diags->errors[i], stream) < 0)
                        return MH_EIO;
        if (diags->dropped > 0 &&
            (fputs("maturinh: ", stream) < 0 ||
             fprintf(stream,
                     diags->dropped == 1 ? mh__tr(N_("%zu more error not shown\n"))
                                         : mh__tr(N_("%zu more errors not shown\n")),
                     diags->dropped) < 0))
                return MH_EIO;
        return 0;
}

int mh__diag_nomem(mh_diagnostics *diags)
{
        mh__diag_add(diags, "", 0, 0, N_("out of memory"));
        return MH_ENOMEM;
}

int mh__diag_write_failed(mh_diagnostics *diags)
{
        int saved = errno;

        mh__diag_add(diags, "", 0, 0, N_("cannot write: %s"),
                     saved != 0 ? strerror(saved) : mh__tr(N_("the output stream failed")));
        return MH_EIO;
}

const char *mh__diag_last_message(const mh_diagnostics *diags, const char *fallback)
{
        if (diags == NULL || diags->count == 0)
                return fallback;
        return diags->errors[diags->count - 1].message;
}

int mh__diag_writer(int rc, mh_diagnostics *diags)
{
        if (rc == MH_EIO)
                return mh__diag_write_failed(diags);
        if (rc == MH_ENOMEM)
                return mh__diag_nomem(diags);
        return rc;
}
