/*
 * testutil.c: see testutil.h.
 */
#define _POSIX_C_SOURCE 200809L /* mkstemp */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <maturinh.h>

#include "testutil.h"

char *tu_read_file(const char *path, size_t *length)
{
        FILE *f = fopen(path, "rb");
        char *data = NULL;
        size_t size = 0, capacity = 0, got;

        if (f == NULL)
                return NULL;
        for (;;) {
                if (size + 4096 + 1 > capacity) {
                        capacity = capacity ? capacity * 2 : 8192;
                        data = realloc(data, capacity);
                        if (data == NULL)
                                abort();
                }
                got = fread(data + size, 1, capacity - size - 1, f);
                size += got;
                if (got == 0)
                        break;
        }
        fclose(f);
        data[size] = '\0';
        if (length != NULL)
                *length = size;
        return data;
}

const char *tu_path(const char *dir, const char *name)
{
        static char buf[4096];

        snprintf(buf, sizeof(buf), "%s/%s", dir, name);
        return buf;
}

const char *tu_source_dir(void)
{
        return MH_SOURCE_DIR;
}

mh_referentiel *tu_load_referentiel(const char *relative)
{
        char path[4096];
        mh_referentiel *ref = NULL;
        mh_diagnostics *diags = NULL;

        snprintf(path, sizeof(path), "%s/%s", tu_source_dir(), relative);
        if (mh_diagnostics_new(&diags) < 0)
                abort();
        if (mh_referentiel_load_file(&ref, path, diags) != 0) {
                mh_diagnostics_print(diags, stderr);
                abort();
        }
        mh_diagnostics_free(diags);
        return ref;
}

char *tu_stream_text(FILE *f)
{
        size_t length;
        char *text;

        if (fflush(f) != 0)
                abort();
        length = (size_t)ftell(f);
        rewind(f);
        if ((text = malloc(length + 1)) == NULL || fread(text, 1, length, f) != length)
                abort();
        text[length] = '\0';
        return text;
}

static long countdown = 0; /* allocations left before the failure; 0: never */
static long counted = 0;   /* allocations since tu_allocations() */
static int failed = 0;     /* the planned failure happened */

static long live = 0; /* blocks allocated and not yet freed */

static void *failing_malloc(size_t size)
{
        void *p;

        counted++;
        if (countdown > 0 && --countdown == 0) {
                failed = 1;
                return NULL;
        }
        if ((p = malloc(size)) != NULL)
                live++;
        return p;
}

static void *failing_realloc(void *ptr, size_t size)
{
        void *p;

        counted++;
        if (countdown > 0 && --countdown == 0) {
                failed = 1;
                return NULL;
        }
        if ((p = realloc(ptr, size)) != NULL && ptr == NULL)
                live++;
        return p;
}

static void counting_free(void *ptr)
{
        if (ptr != NULL)
                live--;
        free(ptr);
}

void tu_install_failing_allocator(void)
{
        mh_set_alloc_funcs(failing_malloc, failing_realloc, counting_free);
}

void tu_fail_after(long n)
{
        countdown = n;
        failed = 0;
}

long tu_allocations(void)
{
        long n = counted;

        counted = 0;
        return n;
}

long tu_live_allocations(void)
{
        return live;
}

int tu_failure_happened(void)
{
        return failed;
}

mh_diagnostics *tu_diags(void)
{
        static mh_diagnostics *diags;

        if (diags == NULL && mh_diagnostics_new(&diags) != 0)
                abort();
        return diags;
}

const char *tu_why(void)
{
        static char message[MH_ERROR_MESSAGE_MAX];
        mh_diagnostics *diags = tu_diags();
        size_t n = mh_diagnostics_count(diags);

        snprintf(message, sizeof(message), "%s",
                 n > 0 ? mh_diagnostics_get(diags, n - 1)->message : "");
        mh_diagnostics_clear(diags);
        return message;
}

void tu_temp_db(char *path, size_t size, const char *prefix)
{
        int fd;

        snprintf(path, size, "/tmp/mh-%s-XXXXXX", prefix);
        if ((fd = mkstemp(path)) < 0)
                abort();
        close(fd);
        unlink(path);
}

void tu_remove_db(const char *path)
{
        char side[600];

        unlink(path);
        snprintf(side, sizeof(side), "%s-wal", path);
        unlink(side);
        snprintf(side, sizeof(side), "%s-shm", path);
        unlink(side);
}
