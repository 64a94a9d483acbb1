/*
 * internal.h: helpers shared by the modules of libmaturinh, never installed.
 *
 * - Allocation goes through mh_malloc/mh_realloc/mh_free so that the hook of
 *   mh_set_alloc_funcs() sees every allocation the engine makes.
 * - An arena (mh_arena) holds the many small objects of a parsed document or
 *   a référentiel, freed together; it allocates from the same hook.
 * - mh_diag_add() appends a located error to a caller's diagnostics.
 */
#ifndef MH_INTERNAL_H
#define MH_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "maturinh/common.h"

#if defined(__GNUC__)
#define MH_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define MH_PRINTF(fmt, args)
#endif

void *mh_malloc(size_t size);
void *mh_realloc(void *ptr, size_t size);
void mh_free(void *ptr);
/** A copy of `s` (NUL-terminated) from mh_malloc, or NULL. */
char *mh_strdup(const char *s);

/**
 * Bump allocator: objects live until mh_arena_free().  Its fields are here
 * only so that mh_arena_alloc_raw() is inline (a document allocates one
 * piece per YAML node); they belong to alloc.c.
 */
typedef struct mh_arena {
        unsigned char *cursor;    /* next free byte of the newest block */
        unsigned char *end;       /* end of the newest block */
        struct arena_block *head; /* the newest block, which links to the older ones */
        size_t next_size;         /* size of the next block */
} mh_arena;

/** What every piece of an arena is aligned to (that of max_align_t). */
#define MH_ARENA_ALIGN 16
int mh_arena_new(mh_arena **out);
/** An arena whose first block holds `first_block` bytes (then blocks double as usual). */
int mh_arena_new_sized(mh_arena **out, size_t first_block);
void mh_arena_free(mh_arena *arena);
/** `size` bytes aligned for any object, zeroed; NULL when memory runs out. */
void *mh_arena_alloc(mh_arena *arena, size_t size);
/** The slow path of mh_arena_alloc_raw(): a new block. */
void *mh_arena_grow(mh_arena *arena, size_t size);

/** The same, not zeroed: for hot paths that write every byte themselves. */
static inline void *mh_arena_alloc_raw(mh_arena *arena, size_t size)
{
        size_t rounded = (size + MH_ARENA_ALIGN - 1) & ~(size_t)(MH_ARENA_ALIGN - 1);

        /* as integers: both are NULL before the first block */
        if (rounded != 0 && rounded <= (uintptr_t)arena->end - (uintptr_t)arena->cursor) {
                void *piece = arena->cursor;

                arena->cursor += rounded;
                return piece;
        }
        return mh_arena_grow(arena, size);
}
/** A NUL-terminated copy of `length` bytes of `s`; NULL when memory runs out. */
char *mh_arena_strndup(mh_arena *arena, const char *s, size_t length);
char *mh_arena_strdup(mh_arena *arena, const char *s);

/** A growable string; `data` is always NUL-terminated once anything was added. */
typedef struct mh_strbuf {
        char *data;      /* the text, or NULL while empty */
        size_t length;   /* bytes used, excluding the NUL */
        size_t capacity; /* bytes allocated */
        int failed;      /* an allocation failed: the text is incomplete */
} mh_strbuf;

/** Appends formatted text (C locale for numbers). */
void mh_strbuf_printf(mh_strbuf *buf, const char *fmt, ...) MH_PRINTF(2, 3);
void mh_strbuf_vprintf(mh_strbuf *buf, const char *fmt, va_list ap) MH_PRINTF(2, 0);
/** Appends one byte (the hot path of the CSV reader: no formatting). */
void mh_strbuf_putc(mh_strbuf *buf, char c);
/**
 * Opens a file given as input, for reading.  A missing or unreadable file and
 * a folder are reported in `diags` ("cannot open: ...", "cannot read: Is a
 * directory") and return MH_ENOTFOUND (the CLI's exit 66).  A regular file larger
 * than `max_bytes` (0: no limit) is refused before it is read, with
 * MH_EINVALID; a pipe is for the reader to check as it reads.
 */
int mh_open_input(FILE **out, const char *path, size_t max_bytes, mh_diagnostics *diags);

/** Appends `n` bytes of `s`. */
void mh_strbuf_append(mh_strbuf *buf, const char *s, size_t n);
/**
 * Appends `s` as a JSON string ("null" when NULL): quotes, backslashes and
 * control characters escaped, the rest copied (the text is valid UTF-8).
 * For the store's history rows, which SQLite's own JSON functions read back.
 */
void mh_strbuf_json_string(mh_strbuf *buf, const char *s);
/** Makes sure the text is allocated, so that data is "" rather than NULL when empty. */
void mh_strbuf_reserve(mh_strbuf *buf);
/** The text so far ("" when empty). */
const char *mh_strbuf_cstr(const mh_strbuf *buf);
void mh_strbuf_clear(mh_strbuf *buf);
void mh_strbuf_free(mh_strbuf *buf);

/**
 * Writes `s` as a YAML double-quoted scalar: quotes and backslashes escaped,
 * line breaks and tabs as \n and \t, other control characters as \xNN.
 * What the engine writes as YAML (templates, exports) reads back identically.
 */
void mh_yaml_quoted(FILE *stream, const char *s);

/**
 * Adds an error at (line, column) of `source` to `diags` (which may be NULL).
 * The message is formatted with vsnprintf and truncated to fit.
 */
void mh_diag_add(mh_diagnostics *diags, const char *source, unsigned line, unsigned column,
                 const char *fmt, ...) MH_PRINTF(5, 6);
void mh_diag_addv(mh_diagnostics *diags, const char *source, unsigned line, unsigned column,
                  const char *fmt, va_list ap) MH_PRINTF(5, 0);
/** Sorts the errors added since the list held `from` of them by position (stable). */
void mh_diag_sort_from(mh_diagnostics *diags, size_t from);

#endif
