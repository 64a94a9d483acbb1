/*
 * maturinh/common.h: what every part of the public API shares.
 *
 * Return codes, the error record (mh_error), the list of diagnostics that a
 * loader fills with every problem it finds in a file, the allocation hook and
 * the library version.
 *
 * The conventions of every public function:
 * - it returns an int: 0 on success, one of the negative MH_E* codes on an
 *   expected failure;
 * - its output parameters come first, are named `out`, and are set only on
 *   success;
 * - when it can fail for a cause outside the calling program (an input, a
 *   file, the database, a write), its last parameter is the caller's
 *   mh_diagnostics (NULL: not wanted), to which every failure adds at least
 *   one located error saying why; a function that can fail only with
 *   MH_ENOMEM or MH_EUSAGE takes none: the code says it all;
 * - an iterator returns 0 for each item and MH_ITEROVER after the last;
 * - an options struct starts with a `version` field: initialise it with
 *   its _INIT macro, which sets the version this header describes.
 */
#ifndef MATURINH_COMMON_H
#define MATURINH_COMMON_H

#include <stddef.h>
#include <stdio.h>

#if defined(MH_STATIC)
#define MH_EXTERN
#elif defined(__GNUC__)
#define MH_EXTERN __attribute__((visibility("default")))
#else
#define MH_EXTERN
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** Return codes.  0 is success; every failure is negative. */
enum {
        MH_OK = 0,
        MH_EINVALID = -1,  /**< the input data is wrong (diagnostics say where) */
        MH_ENOTFOUND = -2, /**< a file is missing or unreadable */
        MH_EIO = -3,       /**< reading or writing failed */
        MH_ENOMEM = -4,    /**< out of memory */
        MH_EUSAGE = -5,    /**< an argument is invalid (a programming error) */
        MH_EBUSY = -6,     /**< the database stayed in use by another writer: try again */
        MH_ITEROVER = -7,  /**< an iterator has no more items (not a failure) */
        MH_ECONFLICT = -8, /**< the data changed meanwhile (another person's save) */
        MH_ELOCKED = -9 /**< refused while locked: a submitted questionnaire, a login locked out */
};

/** Output formats. */
typedef enum {
        MH_FORMAT_TABLE = 0, /**< aligned text for people, one decimal */
        MH_FORMAT_CSV,       /**< the columns of docs/cli.md */
        MH_FORMAT_JSON,      /**< an object holding the établissements array */
        MH_FORMAT_XML,       /**< valid against schemas/maturinh-score-1.xsd */
        MH_FORMAT_XLSX       /**< the CSV's columns as an XLSX workbook (maturinh/sheet.h) */
} mh_format;

/** Parses "table", "csv", "json", "xml", "xlsx"; returns 0 or MH_EUSAGE. */
MH_EXTERN int mh_format_parse(mh_format *out, const char *name);

/** Longest source name and message kept in an mh_error (truncated beyond). */
#define MH_ERROR_SOURCE_MAX  512
#define MH_ERROR_MESSAGE_MAX 512

/**
 * One problem found in an input, located in its source.
 *
 * line and column are 1-based; both are 0 when the problem has no position
 * (a file that cannot be opened, a database).  Columns count characters,
 * not bytes.  `source` is empty for an error that concerns no file (a
 * write to a caller's stream): it prints as "maturinh: error: MESSAGE".
 */
typedef struct mh_error {
        char source[MH_ERROR_SOURCE_MAX];   /**< file name as given by the caller */
        unsigned line;                      /**< 1-based line, 0 if none */
        unsigned column;                    /**< 1-based column, 0 if none */
        char message[MH_ERROR_MESSAGE_MAX]; /**< one line, no trailing period */
} mh_error;

/** The diagnostics of one or more loads, in the order of their position. */
typedef struct mh_diagnostics mh_diagnostics;

/** Creates an empty list.  Free it with mh_diagnostics_free(). */
MH_EXTERN int mh_diagnostics_new(mh_diagnostics **out);
/** Frees the list and every error in it; NULL is accepted. */
MH_EXTERN void mh_diagnostics_free(mh_diagnostics *diags);
/** Forgets every error held. */
MH_EXTERN void mh_diagnostics_clear(mh_diagnostics *diags);
/** Number of errors held. */
MH_EXTERN size_t mh_diagnostics_count(const mh_diagnostics *diags);
/** The i-th error (i < count); owned by the list. */
MH_EXTERN const mh_error *mh_diagnostics_get(const mh_diagnostics *diags, size_t i);
/**
 * Errors that were found but not kept, because the list holds at most
 * MH_DIAGNOSTICS_MAX of them (or memory ran out while adding one).
 */
MH_EXTERN size_t mh_diagnostics_dropped(const mh_diagnostics *diags);
#define MH_DIAGNOSTICS_MAX 1000

/**
 * Writes one error as `SOURCE:LINE:COLUMN: error: MESSAGE\n`
 * (`SOURCE: error: MESSAGE\n` when it has no position).
 */
MH_EXTERN int mh_error_print(const mh_error *err, FILE *stream);
/** Writes every error of the list with mh_error_print(), then a count of dropped ones. */
MH_EXTERN int mh_diagnostics_print(const mh_diagnostics *diags, FILE *stream);

/**
 * Replaces the allocator used by the library (all three together, or NULL for
 * all three to restore malloc/realloc/free).  Call it before any other
 * function; the tests use it to make the N-th allocation fail.
 * Memory allocated inside libyaml, libxml2 or SQLite is not covered.
 */
typedef void *(*mh_malloc_fn)(size_t size);
typedef void *(*mh_realloc_fn)(void *ptr, size_t size);
typedef void (*mh_free_fn)(void *ptr);
MH_EXTERN void mh_set_alloc_funcs(mh_malloc_fn malloc_fn, mh_realloc_fn realloc_fn,
                                  mh_free_fn free_fn);

/**
 * "Did you mean": the closest of `candidates` (NULL-terminated) to `word`
 * when it is a likely typo of it (one or two edits, a swap of neighbours
 * counting as one; one only for a word of three letters or fewer), else
 * NULL.  What the loaders suggest for an unknown key, and the CLI for an
 * unknown command or option.
 */
MH_EXTERN const char *mh_suggest(const char *word, const char *const *candidates);

/**
 * The only one of `candidates` (NULL-terminated) at most `max_edits` edits
 * from `word` (a changed, added or removed character, or a swap of two
 * neighbours, each counting as one), else NULL: none, or several (no
 * guess).  What the CLI suggests for a mistyped FINESS (one edit: a wrong
 * digit or two digits swapped).
 */
MH_EXTERN const char *mh_suggest_within(const char *word, const char *const *candidates,
                                        size_t max_edits);

/**
 * Checks a date written YYYY-MM-DD: a real calendar date, from 1900 on.
 * Returns 0, or MH_EINVALID with the reason in `diags` (without a source):
 * "expects a date YYYY-MM-DD", "2025-02-30 is not a calendar date"...
 */
MH_EXTERN int mh_date_check(const char *date, mh_diagnostics *diags);

/**
 * A date YYYY-MM-DD as people read it in the language of the messages
 * (mh_language()): "30/06/2025" in French, "2025-06-30" in English; any other
 * text copied as it is.  Into `buf` of `size` bytes (11 suffice); returns
 * `buf`.
 */
MH_EXTERN char *mh_date_for_people(char *buf, size_t size, const char *date);

/**
 * What a text from the data may hold (docs/security.md, "Untrusted text"):
 * no control character in one line; line feeds and tabs, and no other
 * control character, in several lines.
 */
typedef enum mh_text_kind {
        MH_TEXT_LINE = 0, /**< a name, an id, a GHT: one line */
        MH_TEXT_LINES     /**< a comment, a text answer: line feeds and tabs too */
} mh_text_kind;

/**
 * Writes `text` (NULL: nothing) for a terminal: control characters,
 * noncharacters, bidirectional controls and bytes that are not UTF-8 shown
 * as escapes (\x1B, \u009B, \u202E; in one line \n and \t too), the
 * rest as it is.  Returns the width written in terminal columns, or
 * MH_EIO when the stream failed (MH_EUSAGE for a NULL stream).
 */
MH_EXTERN int mh_text_write(FILE *stream, const char *text, mh_text_kind kind);
/** The width in terminal columns of `text` (NULL: 0) as mh_text_write() shows it. */
MH_EXTERN int mh_text_width(const char *text, mh_text_kind kind);

/**
 * Writes `text` as mh_text_write() does, word-wrapped to `width` terminal
 * columns (display columns, not bytes): the current line has `column`
 * columns used already, each next line starts with `indent` spaces.  Lines
 * break at spaces (and at line feeds in MH_TEXT_LINES); a word wider than
 * a line is broken between two characters, never inside one.  `width` 0
 * or less: not wrapped.  Returns the columns used on the last line, or
 * MH_EIO when the stream failed (MH_EUSAGE for a NULL stream).
 */
MH_EXTERN int mh_text_wrap_write(FILE *stream, const char *text, mh_text_kind kind, int width,
                                 int column, int indent);

/**
 * The language of the library's messages and of its outputs for people
 * (tables, explanations, the questionnaire): "fr" when the process's
 * LC_MESSAGES (or LANGUAGE) selects the French catalog, else "en".  It also
 * chooses the number and date conventions of those outputs ("41,7" and
 * "30/06/2025" in French, "41.7" and "2025-06-30" in English); machine
 * outputs never depend on it.  A static string.
 */
MH_EXTERN const char *mh_language(void);

/** The library version, "MAJOR.MINOR.PATCH"; a static string. */
MH_EXTERN const char *mh_version(void);

#ifdef __cplusplus
}
#endif

#endif
