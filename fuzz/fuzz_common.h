/*
 * fuzz_common.h: what the harnesses share: the invariants every list of
 * diagnostics must keep, and a NUL-terminated copy of the input.
 *
 * A harness that finds a broken invariant aborts, so that libFuzzer saves
 * the input as a crash.  Header-only: each harness is one file.
 */
#ifndef MH_FUZZ_COMMON_H
#define MH_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "maturinh/common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Aborts with a message: libFuzzer reports it as a crash (deadly signal). */
#define MH_FUZZ_CHECK(cond)                                                                        \
        do {                                                                                       \
                if (!(cond)) {                                                                     \
                        fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__,       \
                                #cond);                                                            \
                        abort();                                                                   \
                }                                                                                  \
        } while (0)

/* Aborts with a message. */
#define MH_FUZZ_FAIL(what)                                                                         \
        do {                                                                                       \
                fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, what);                          \
                abort();                                                                           \
        } while (0)

/*
 * The one error about a whole file, which has no position (answers-format:
 * `FILE: error: no establishment in this file`).
 */
static inline int mh__fuzz_whole_file(const mh_error *e)
{
        return e->line == 0 && e->column == 0 &&
               strcmp(e->message, "no establishment in this file") == 0;
}

/*
 * Every diagnostic names its source, has a one-line non-empty message and,
 * when `positioned`, a 1-based line and column (but for the whole-file
 * error).
 */
static inline void mh__fuzz_check_diags(const mh_diagnostics *diags, int positioned)
{
        size_t i, n = mh_diagnostics_count(diags);

        for (i = 0; i < n; i++) {
                const mh_error *e = mh_diagnostics_get(diags, i);

                if (e->source[0] == '\0' || e->message[0] == '\0' ||
                    strchr(e->message, '\n') != NULL ||
                    (positioned && (e->line == 0 || e->column == 0) && !mh__fuzz_whole_file(e))) {
                        mh_error_print(e, stderr);
                        MH_FUZZ_FAIL("diagnostic without source, message or position");
                }
        }
}

/* A NUL-terminated copy of the input (free it). */
static inline char *mh__fuzz_cstr(const uint8_t *data, size_t size)
{
        char *s = malloc(size + 1);

        if (s == NULL)
                abort();
        memcpy(s, data, size);
        s[size] = '\0';
        return s;
}

/* Reads a whole file (fixtures loaded at init); aborts when it cannot. */
static inline char *mh__fuzz_read_file(const char *path, size_t *length)
{
        FILE *f = fopen(path, "rb");
        char *buf;
        long n;

        if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
            fseek(f, 0, SEEK_SET) != 0) {
                fprintf(stderr, "fuzz: cannot read %s\n", path);
                abort();
        }
        if ((buf = malloc((size_t)n + 1)) == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n)
                abort();
        buf[n] = '\0';
        fclose(f);
        *length = (size_t)n;
        return buf;
}

#endif
