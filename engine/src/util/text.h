/*
 * text.h: the rule of untrusted text and its display on a terminal
 * (util/text.c).
 */
#ifndef MH_TEXT_H
#define MH_TEXT_H

#include <stddef.h>
#include <stdio.h>

#include "util/util.h"

/**
 * The one rule of text read from outside (answers, CSV lists, the store,
 * the référentiel): what `s` (`len` bytes) holds that a text of `kind` may
 * not, as the first such character: MH_EINVALID with "control character
 * U+001B is not allowed" (or the noncharacter, surrogate, line separator or
 * byte that is not UTF-8) in `why`; 0 when it is clean.
 */
int mh__text_problem(const char *s, size_t len, mh_text_kind kind, char *why, size_t why_size);

/** Nonzero when `s` (`len` bytes) is well-formed UTF-8 without NUL (nor surrogates). */
int mh__utf8_valid(const char *s, size_t len);

#define MH__TEXT_ESCAPE_MAX 12
/**
 * How the character at `s` (`len` > 0 bytes) is shown on a terminal: its
 * escape in `esc` ("\x1B", "\u202E"), or "" when it is shown as it is.
 * Returns its length in bytes; *cp is its code point (-1: not UTF-8).
 */
size_t mh__text_shown(const char *s, size_t len, mh_text_kind kind, char esc[MH__TEXT_ESCAPE_MAX],
                      long *cp);
/**
 * Terminal columns of a code point: 2 for East Asian wide and fullwidth
 * characters and emoji, 0 for combining marks and zero-width characters, 1
 * otherwise.  A fixed table: the same on every machine, whatever the locale.
 */
int mh__char_width(long cp);
/** Writes `s` as mh_text_write() does; returns its width, or -1 when the stream failed. */
int mh__fput_text(FILE *stream, const char *s, mh_text_kind kind);
/** The width of `s` as mh__fput_text() shows it. */
int mh__text_width(const char *s, mh_text_kind kind);
/**
 * Writes `text` (one line, escaped as mh__fput_text() does) in a column of
 * `width` terminal columns: padded with spaces, or cut before the first
 * character that does not fit (a combining mark stays with its letter) and
 * ended with "…" when wider.  The text tables' one column rule.
 */
int mh__fput_column(FILE *stream, const char *text, int width);
/**
 * Writes `text` (one line, escaped) right-aligned in `width` terminal
 * columns: padded with spaces before it, never cut (a number's column).
 */
int mh__fput_rcolumn(FILE *stream, const char *text, int width);
/** mh_text_wrap_write(): the column of the last line, or -1 when the stream failed. */
int mh__fput_wrapped(FILE *stream, const char *s, mh_text_kind kind, int width, int column,
                     int indent);
/** Appends `s` to `buf` escaped as mh__fput_text() shows it. */
void mh__strbuf_text(mh__strbuf *buf, const char *s, mh_text_kind kind);
/**
 * fprintf() in the C locale for a terminal: the whole text written through
 * mh__fput_text() (several lines), so that what the data holds is escaped.
 */
int mh__fprintf_text(FILE *stream, const char *fmt, ...) MH_PRINTF(2, 3);

#endif
