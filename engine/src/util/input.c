/*
 * input.c: the one way the loaders open an input file.  It says in the
 * diagnostics why a file cannot be read (missing, unreadable, a folder, too
 * large) before any reading starts.
 */
#define _POSIX_C_SOURCE 200809L /* fileno */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "util/util.h"

int mh__open_input(FILE **out, const char *path, size_t max_bytes, mh_diagnostics *diags)
{
        struct stat st;
        FILE *file;

        if ((file = fopen(path, "rb")) == NULL) {
                mh__diag_add(diags, path, 0, 0, "cannot open: %s", strerror(errno));
                return MH_ENOTFOUND;
        }
        /* a folder opens, then fails at the first read: say so now */
        if (fstat(fileno(file), &st) == 0 && S_ISDIR(st.st_mode)) {
                mh__diag_add(diags, path, 0, 0, "cannot read: %s", strerror(EISDIR));
                fclose(file);
                return MH_ENOTFOUND;
        }
        if (max_bytes > 0 && fstat(fileno(file), &st) == 0 && S_ISREG(st.st_mode) &&
            (unsigned long long)st.st_size > max_bytes) {
                mh__diag_add(diags, path, 1, 1, "file is larger than the %zu MiB limit",
                             max_bytes >> 20);
                fclose(file);
                return MH_EINVALID;
        }
        *out = file;
        return 0;
}
