/*
 * util.h: the generic helpers every module of libmaturinh uses (util/
 * knows nothing of MaturiN'H), never installed.
 *
 * - Allocation goes through mh__malloc/mh__realloc/mh__free so that the hook of
 *   mh_set_alloc_funcs() sees every allocation the engine makes.
 * - An arena (mh__arena) holds the many small objects of a parsed document or
 *   a référentiel, freed together; it allocates from the same hook.
 * - mh__diag_add() appends a located error to a caller's diagnostics.
 */
#ifndef MH_UTIL_H
#define MH_UTIL_H

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

void *mh__malloc(size_t size);
void *mh__realloc(void *ptr, size_t size);
void mh__free(void *ptr);
/** A copy of `s` (NUL-terminated) from mh__malloc, or NULL. */
char *mh__strdup(const char *s);

/**
 * Bump allocator: objects live until mh__arena_free().  Its fields are here
 * only so that mh__arena_alloc_raw() is inline (a document allocates one
 * piece per YAML node); they belong to alloc.c.
 */
typedef struct mh__arena {
        unsigned char *cursor;    /* next free byte of the newest block */
        unsigned char *end;       /* end of the newest block */
        struct arena_block *head; /* the newest block, which links to the older ones */
        size_t next_size;         /* size of the next block */
} mh__arena;

/** What every piece of an arena is aligned to (that of max_align_t). */
#define MH_ARENA_ALIGN 16
int mh__arena_new(mh__arena **out);
/** An arena whose first block holds `first_block` bytes (then blocks double as usual). */
int mh__arena_new_sized(mh__arena **out, size_t first_block);
void mh__arena_free(mh__arena *arena);
/** `size` bytes aligned for any object, zeroed; NULL when memory runs out. */
void *mh__arena_alloc(mh__arena *arena, size_t size);
/** The slow path of mh__arena_alloc_raw(): a new block. */
void *mh__arena_grow(mh__arena *arena, size_t size);

/** The same, not zeroed: for hot paths that write every byte themselves. */
static inline void *mh__arena_alloc_raw(mh__arena *arena, size_t size)
{
        size_t rounded = (size + MH_ARENA_ALIGN - 1) & ~(size_t)(MH_ARENA_ALIGN - 1);

        /* as integers: both are NULL before the first block */
        if (rounded != 0 && rounded <= (uintptr_t)arena->end - (uintptr_t)arena->cursor) {
                void *piece = arena->cursor;

                arena->cursor += rounded;
                return piece;
        }
        return mh__arena_grow(arena, size);
}
/** A NUL-terminated copy of `length` bytes of `s`; NULL when memory runs out. */
char *mh__arena_strndup(mh__arena *arena, const char *s, size_t length);
char *mh__arena_strdup(mh__arena *arena, const char *s);

/** A growable string; `data` is always NUL-terminated once anything was added. */
typedef struct mh__strbuf {
        char *data;      /* the text, or NULL while empty */
        size_t length;   /* bytes used, excluding the NUL */
        size_t capacity; /* bytes allocated */
        int failed;      /* an allocation failed: the text is incomplete */
} mh__strbuf;

/** Appends formatted text (C locale for numbers). */
void mh__strbuf_printf(mh__strbuf *buf, const char *fmt, ...) MH_PRINTF(2, 3);
void mh__strbuf_vprintf(mh__strbuf *buf, const char *fmt, va_list ap) MH_PRINTF(2, 0);
/** Appends one byte (the hot path of the CSV reader: no formatting). */
void mh__strbuf_putc(mh__strbuf *buf, char c);
/**
 * Opens a file given as input, for reading.  A missing or unreadable file and
 * a folder are reported in `diags` ("cannot open: ...", "cannot read: Is a
 * directory") and return MH_ENOTFOUND (the CLI's exit 66).  A regular file larger
 * than `max_bytes` (0: no limit) is refused before it is read, with
 * MH_EINVALID; a pipe is for the reader to check as it reads.
 */
int mh__open_input(FILE **out, const char *path, size_t max_bytes, mh_diagnostics *diags);

/**
 * The number of bytes of `s` that hold its first `max_chars` characters
 * (UTF-8), for "%.*s": a message quoting a clipped text never cuts a
 * character in two.
 */
int mh__utf8_prefix(const char *s, int max_chars);

/** Appends `n` bytes of `s`. */
void mh__strbuf_append(mh__strbuf *buf, const char *s, size_t n);
/**
 * Appends `s` as a JSON string ("null" when NULL): quotes, backslashes and
 * control characters escaped, the rest copied (the text is valid UTF-8).
 * For the store's history rows, which SQLite's own JSON functions read back.
 */
void mh__strbuf_json_string(mh__strbuf *buf, const char *s);
/** Makes sure the text is allocated, so that data is "" rather than NULL when empty. */
void mh__strbuf_reserve(mh__strbuf *buf);
/** The text so far ("" when empty). */
const char *mh__strbuf_cstr(const mh__strbuf *buf);
void mh__strbuf_clear(mh__strbuf *buf);
void mh__strbuf_free(mh__strbuf *buf);

/**
 * Writes `s` as a YAML double-quoted scalar: quotes and backslashes escaped,
 * line breaks and tabs as \n and \t, other control characters as \xNN.
 * What the engine writes as YAML (templates, exports) reads back identically.
 */
void mh__yaml_quoted(FILE *stream, const char *s);

/**
 * Adds an error at (line, column) of `source` to `diags` (which may be NULL).
 * The message is formatted with vsnprintf and truncated to fit.
 */
void mh__diag_add(mh_diagnostics *diags, const char *source, unsigned line, unsigned column,
                  const char *fmt, ...) MH_PRINTF(5, 6);
void mh__diag_addv(mh_diagnostics *diags, const char *source, unsigned line, unsigned column,
                   const char *fmt, va_list ap) MH_PRINTF(5, 0);
/** Adds "out of memory" (no source) and returns MH_ENOMEM. */
int mh__diag_nomem(mh_diagnostics *diags);
/**
 * Adds a warning at (line, column) of `source` to `diags` (which may be
 * NULL): something worth saying that is not an error, printed with the tag
 * `warning:`.  Kept apart from the errors: it changes no count, no result.
 */
void mh__diag_warn(mh_diagnostics *diags, const char *source, unsigned line, unsigned column,
                   const char *fmt, ...) MH_PRINTF(5, 6);
/**
 * For a writer whose stream failed: adds "cannot write: REASON" (no source)
 * and returns MH_EIO.
 */
int mh__diag_write_failed(mh_diagnostics *diags);
/**
 * What a writer returns: `rc`, after saying why in `diags` when it is
 * MH_EIO ("cannot write: REASON") or MH_ENOMEM ("out of memory").
 */
int mh__diag_writer(int rc, mh_diagnostics *diags);
/** The message of the newest error of `diags`, or `fallback` when there is none. */
const char *mh__diag_last_message(const mh_diagnostics *diags, const char *fallback);
/** Sorts the errors added since the list held `from` of them by position (stable). */
void mh__diag_sort_from(mh_diagnostics *diags, size_t from);

#endif
