/*
 * testutil.h: small helpers shared by the cmocka tests.
 */
#ifndef MH_TESTUTIL_H
#define MH_TESTUTIL_H

#include <stddef.h>
#include <stdio.h>

#include <maturinh.h>

/** The whole content of a file, NUL-terminated (free it); NULL if unreadable. */
char *tu_read_file(const char *path, size_t *length);
/** Path join into a static buffer (one at a time). */
const char *tu_path(const char *dir, const char *name);
/** The root of the source tree (MH_SOURCE_DIR). */
const char *tu_source_dir(void);

/**
 * The référentiel at `relative` (to the source tree); its diagnostics are
 * printed and the test aborts when it does not load.
 */
mh_referentiel *tu_load_referentiel(const char *relative);

/*
 * A diagnostics list for calls whose reason a test checks: pass tu_diags(),
 * then tu_why() is the newest message (or "" when none), and the list is
 * emptied for the next call.
 */
mh_diagnostics *tu_diags(void);
const char *tu_why(void);

/**
 * A path for a database that does not exist yet, /tmp/mh-PREFIX-XXXXXX, into
 * `path` (`size` bytes); tu_remove_db() removes it with its -wal and -shm.
 */
void tu_temp_db(char *path, size_t size, const char *prefix);
void tu_remove_db(const char *path);

/** Everything written to `f` so far (flushed, read from its start); free() it. */
char *tu_stream_text(FILE *f);

/*
 * Allocation failure injection: after tu_fail_after(n), the n-th allocation
 * from now fails (n >= 1), and every one after it succeeds again.
 * tu_alloc_count() counts the allocations made since the last call to it.
 */
void tu_install_failing_allocator(void);
void tu_fail_after(long n);
long tu_allocations(void);
int tu_failure_happened(void);
/** Blocks the library allocated through the failing allocator and has not freed. */
long tu_live_allocations(void);

#endif
