/*
 * text.c: the one rule of untrusted text, and how text from the data is
 * shown on a terminal (docs/security.md, "Untrusted text").
 *
 * mh__text_problem() says what a one-line field (a name, an id, a GHT) or
 * a multi-line text (a comment, a text answer, a référentiel's text) may
 * not hold: control characters (C0 but tab and line feed in multi-line
 * text, DEL, C1), noncharacters (U+FDD0..U+FDEF and U+xFFFE, U+xFFFF),
 * surrogates and, in one line, the Unicode line and paragraph separators.
 * The readers check decoded values, so a YAML escape ("\e", "\x1b",
 * "\uFFFE") is refused as the raw character is.
 *
 * mh__fput_text() and the column writer show the same text on a terminal
 * with every such character, and the bidirectional controls, escaped
 * visibly (\x1B, \u009B, \u202E), and measure it in display columns with a
 * small fixed table rather than wcwidth(), whose answer depends on the
 * locale and the C library.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/cnum.h"
#include "util/i18n.h"
#include "util/text.h"

/* The code point at s (n > 0 bytes), its length in *len; -1 for a byte that starts none. */
static long decode(const unsigned char *s, size_t n, size_t *len)
{
        unsigned need, k;
        long value;
        unsigned c = s[0];

        *len = 1;
        if (c < 0x80)
                return (long)c;
        if (c >= 0xC2 && c <= 0xDF)
                need = 1, value = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF)
                need = 2, value = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4)
                need = 3, value = c & 0x07;
        else
                return -1;
        for (k = 1; k <= need; k++) {
                if (k >= n || (s[k] & 0xC0) != 0x80)
                        return -1;
                value = (value << 6) | (s[k] & 0x3F);
        }
        if ((need == 2 && value < 0x800) || (need == 3 && value < 0x10000) || value > 0x10FFFF)
                return -1;
        *len = need + 1;
        return value; /* surrogates (ED A0..BF xx) are returned, for the rule to name */
}

int mh__utf8_valid(const char *s, size_t len)
{
        const unsigned char *p = (const unsigned char *)s;
        size_t i = 0, n;

        while (i < len) {
                long cp;

                if (p[i] != 0 && p[i] < 0x80) {
                        i++;
                        continue;
                }
                cp = decode(p + i, len - i, &n);
                if (cp <= 0 || (cp >= 0xD800 && cp <= 0xDFFF))
                        return 0;
                i += n;
        }
        return 1;
}

static int is_noncharacter(long cp)
{
        return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

int mh__text_problem(const char *s, size_t len, mh_text_kind kind, char *why, size_t why_size)
{
        const unsigned char *p = (const unsigned char *)s;
        size_t i = 0, n;

        while (i < len) {
                long cp;

                if (p[i] >= 0x20 && p[i] < 0x7F) { /* the common case: printable ASCII */
                        i++;
                        continue;
                }
                cp = decode(p + i, len - i, &n);
                if (cp < 0) {
                        snprintf(why, why_size,
                                 mh__tr("invalid UTF-8: byte 0x%02X cannot start a character"),
                                 p[i]);
                        return MH_EINVALID;
                }
                if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
                        if (kind == MH_TEXT_LINES && (cp == '\n' || cp == '\t')) {
                                i += n;
                                continue;
                        }
                        if (kind == MH_TEXT_LINE && (cp == '\n' || cp == '\r'))
                                snprintf(why, why_size,
                                         mh__tr("control character U+%04lX is not allowed (this "
                                                "text holds one line)"),
                                         cp);
                        else
                                snprintf(why, why_size,
                                         mh__tr("control character U+%04lX is not allowed"), cp);
                        return MH_EINVALID;
                }
                if (cp >= 0xD800 && cp <= 0xDFFF) {
                        snprintf(why, why_size, mh__tr("surrogate U+%04lX is not a character"), cp);
                        return MH_EINVALID;
                }
                if (is_noncharacter(cp)) {
                        snprintf(why, why_size, mh__tr("noncharacter U+%04lX is not allowed"), cp);
                        return MH_EINVALID;
                }
                if (kind == MH_TEXT_LINE && (cp == 0x2028 || cp == 0x2029)) {
                        snprintf(why, why_size,
                                 cp == 0x2028 ? mh__tr("line separator U+%04lX is not allowed "
                                                       "(this text holds one line)")
                                              : mh__tr("paragraph separator U+%04lX is not "
                                                       "allowed (this text holds one line)"),
                                 cp);
                        return MH_EINVALID;
                }
                i += n;
        }
        return 0;
}

/* Bidirectional controls, which reorder what a terminal shows around them. */
static int is_bidi_control(long cp)
{
        return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
               (cp >= 0x2066 && cp <= 0x2069);
}

size_t mh__text_shown(const char *s, size_t len, mh_text_kind kind, char esc[MH__TEXT_ESCAPE_MAX],
                      long *cp_out)
{
        const unsigned char *p = (const unsigned char *)s;
        size_t n;
        long cp = decode(p, len, &n);

        *cp_out = cp;
        esc[0] = '\0';
        if (cp < 0)
                snprintf(esc, MH__TEXT_ESCAPE_MAX, "\\x%02X", p[0]);
        else if (cp == '\n' || cp == '\t' || cp == '\r') {
                if (kind == MH_TEXT_LINE || cp == '\r')
                        snprintf(esc, MH__TEXT_ESCAPE_MAX, "\\%c",
                                 cp == '\n'   ? 'n'
                                 : cp == '\t' ? 't'
                                              : 'r');
        } else if (cp < 0x20 || cp == 0x7F)
                snprintf(esc, MH__TEXT_ESCAPE_MAX, "\\x%02X", (unsigned)cp); /* below 0x80 */
        else if ((cp >= 0x80 && cp <= 0x9F) || (cp >= 0xD800 && cp <= 0xDFFF) ||
                 is_noncharacter(cp) || is_bidi_control(cp) || cp == 0x2028 || cp == 0x2029 ||
                 cp == 0xFEFF)
                snprintf(esc, MH__TEXT_ESCAPE_MAX, cp > 0xFFFF ? "\\U%08X" : "\\u%04X",
                         (unsigned)cp & 0x1FFFFFu); /* a code point: 21 bits */
        return n;
}

/* Sorted ranges of code points shown in two columns (East Asian Wide and Fullwidth, emoji). */
static const long wide[][2] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},   {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},
    {0x2648, 0x2653},   {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x26CE, 0x26CE},
    {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},
    {0x2728, 0x2728},   {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},
    {0x2757, 0x2757},   {0x2795, 0x2797},   {0x27B0, 0x27B0},   {0x27BF, 0x27BF},
    {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},   {0x2E80, 0x303E},
    {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
    {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},
    {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x18CFF},
    {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E},
    {0x1F191, 0x1F19A}, {0x1F200, 0x1F2FF}, {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF},
    {0x1F7E0, 0x1F7EB}, {0x1F90C, 0x1F9FF}, {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD},
    {0x30000, 0x3FFFD}};

/* Sorted ranges of code points shown in no column (combining marks, zero-width characters). */
static const long zero[][2] = {
    {0x0300, 0x036F}, {0x0483, 0x0489},   {0x0591, 0x05BD},  {0x05BF, 0x05BF}, {0x05C1, 0x05C2},
    {0x05C4, 0x05C5}, {0x05C7, 0x05C7},   {0x0610, 0x061A},  {0x064B, 0x065F}, {0x0670, 0x0670},
    {0x06D6, 0x06DC}, {0x06DF, 0x06E4},   {0x06E7, 0x06E8},  {0x06EA, 0x06ED}, {0x0E31, 0x0E31},
    {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E},   {0x1AB0, 0x1AFF},  {0x1DC0, 0x1DFF}, {0x200B, 0x200D},
    {0x2060, 0x2064}, {0x20D0, 0x20FF},   {0x302A, 0x302D},  {0x3099, 0x309A}, {0xFE00, 0xFE0F},
    {0xFE20, 0xFE2F}, {0x1F3FB, 0x1F3FF}, {0xE0000, 0xE0FFF}};

static int in_ranges(long cp, const long (*ranges)[2], size_t count)
{
        size_t lo = 0, hi = count;

        while (lo < hi) {
                size_t mid = (lo + hi) / 2;

                if (cp < ranges[mid][0])
                        hi = mid;
                else if (cp > ranges[mid][1])
                        lo = mid + 1;
                else
                        return 1;
        }
        return 0;
}

int mh__char_width(long cp)
{
        if (cp < 0x300)
                return 1;
        if (in_ranges(cp, zero, sizeof(zero) / sizeof(zero[0])))
                return 0;
        return in_ranges(cp, wide, sizeof(wide) / sizeof(wide[0])) ? 2 : 1;
}

/* One character as shown: its bytes (or its escape) and its width. */
typedef struct {
        const char *bytes;
        size_t length, consumed;
        int width;
        char esc[MH__TEXT_ESCAPE_MAX];
} shown_char;

static void next_shown(shown_char *c, const char *s, size_t len, mh_text_kind kind)
{
        long cp;

        if ((unsigned char)s[0] >= 0x20 && (unsigned char)s[0] < 0x7F) {
                c->bytes = s;
                c->length = c->consumed = 1;
                c->width = 1;
                return;
        }
        c->consumed = mh__text_shown(s, len, kind, c->esc, &cp);
        if (c->esc[0] != '\0') {
                c->bytes = c->esc;
                c->length = strlen(c->esc);
                c->width = (int)c->length;
        } else {
                c->bytes = s;
                c->length = c->consumed;
                c->width = cp == '\n' || cp == '\t' ? 0 : mh__char_width(cp);
        }
}

/*
 * The width of `s` as shown, appended to `out` and written to `stream`
 * (runs shown as they are in one write) unless they are NULL; -1 when the
 * stream failed.
 */
static int each_shown(const char *s, mh_text_kind kind, mh__strbuf *out, FILE *stream)
{
        size_t len, i = 0, plain = 0;
        int width = 0;

        if (s == NULL)
                return 0;
        len = strlen(s);
        while (i < len) {
                shown_char c;

                next_shown(&c, s + i, len - i, kind);
                if (out != NULL)
                        mh__strbuf_append(out, c.bytes, c.length);
                if (stream != NULL && c.bytes != s + i) { /* an escape: what came before, then it */
                        if (fwrite(s + plain, 1, i - plain, stream) != i - plain ||
                            fwrite(c.bytes, 1, c.length, stream) != c.length)
                                return -1;
                        plain = i + c.consumed;
                }
                width += c.width;
                i += c.consumed;
        }
        if (stream != NULL && fwrite(s + plain, 1, i - plain, stream) != i - plain)
                return -1;
        return width;
}

int mh__fput_text(FILE *stream, const char *s, mh_text_kind kind)
{
        return each_shown(s, kind, NULL, stream);
}

int mh__text_width(const char *s, mh_text_kind kind)
{
        return each_shown(s, kind, NULL, NULL);
}

int mh__fput_column(FILE *stream, const char *text, int width)
{
        size_t len, i = 0;
        int used = 0, limit = width > 0 ? width : 0;

        if (text == NULL)
                text = "";
        len = strlen(text);
        if (mh__text_width(text, MH_TEXT_LINE) > limit && limit > 0)
                limit--; /* room for the "…" */
        while (i < len) {
                shown_char c;

                next_shown(&c, text + i, len - i, MH_TEXT_LINE);
                /* a character that does not fit ends the text; a mark after a kept one stays */
                if (used + c.width > limit)
                        break;
                if (fwrite(c.bytes, 1, c.length, stream) != c.length)
                        return -1;
                used += c.width;
                i += c.consumed;
        }
        if (i < len && width > 0) {
                if (fputs("…", stream) == EOF)
                        return -1;
                used++;
        }
        for (; used < width; used++)
                if (fputc(' ', stream) == EOF)
                        return -1;
        return 0;
}

int mh__fput_rcolumn(FILE *stream, const char *text, int width)
{
        int used = mh__text_width(text != NULL ? text : "", MH_TEXT_LINE);

        for (; used < width; used++)
                if (fputc(' ', stream) == EOF)
                        return -1;
        return mh__fput_text(stream, text != NULL ? text : "", MH_TEXT_LINE) < 0 ? -1 : 0;
}

/* A line feed, then `indent` spaces: the column then, or -1. */
static int new_line(FILE *stream, int indent)
{
        int i;

        if (fputc('\n', stream) == EOF)
                return -1;
        for (i = 0; i < indent; i++)
                if (fputc(' ', stream) == EOF)
                        return -1;
        return indent;
}

/* What ends a word: a space, and in several lines a line feed or a tab. */
static int ends_word(char c, mh_text_kind kind)
{
        return c == ' ' || (kind == MH_TEXT_LINES && (c == '\n' || c == '\t'));
}

int mh__fput_wrapped(FILE *stream, const char *s, mh_text_kind kind, int width, int column,
                     int indent)
{
        size_t len, i = 0;
        int spaces = 0; /* the spaces before the next word */

        if (s == NULL)
                return column;
        if (width <= 0) {
                int w = mh__fput_text(stream, s, kind);

                return w < 0 ? -1 : column + w;
        }
        len = strlen(s);
        while (i < len) {
                size_t end = i, k;
                int word = 0;

                if (ends_word(s[i], kind)) {
                        if (s[i] == '\n') {
                                if ((column = new_line(stream, indent)) < 0)
                                        return -1;
                                spaces = 0;
                        } else
                                spaces++;
                        i++;
                        continue;
                }
                for (;;) {
                        while (end < len && !ends_word(s[end], kind)) {
                                shown_char c;

                                next_shown(&c, s + end, len - end, kind);
                                word += c.width;
                                end += c.consumed;
                        }
                        /*
                         * French punctuation after a space (" ;", " :", " ?", " !") stays
                         * with the word before it: never at the start of a line (a
                         * sign after another, as in "; ?", is a word of its own).
                         */
                        if (end + 1 < len && end > i && !strchr(";:?!", s[end - 1]) &&
                            s[end] == ' ' && strchr(";:?!", s[end + 1]) &&
                            (end + 2 == len || ends_word(s[end + 2], kind))) {
                                word += 2;
                                end += 2;
                                continue;
                        }
                        break;
                }
                if (column > indent && column + spaces + word > width) {
                        if ((column = new_line(stream, indent)) < 0)
                                return -1;
                } else {
                        for (; spaces > 0; spaces--, column++)
                                if (fputc(' ', stream) == EOF)
                                        return -1;
                }
                /* the word, broken between characters when no line holds it */
                for (k = i; k < end;) {
                        shown_char c;

                        next_shown(&c, s + k, end - k, kind);
                        if (column > indent && column + c.width > width &&
                            (column = new_line(stream, indent)) < 0)
                                return -1;
                        if (fwrite(c.bytes, 1, c.length, stream) != c.length)
                                return -1;
                        column += c.width;
                        k += c.consumed;
                }
                spaces = 0;
                i = end;
        }
        return column;
}

int mh_text_wrap_write(FILE *stream, const char *text, mh_text_kind kind, int width, int column,
                       int indent)
{
        if (stream == NULL)
                return MH_EUSAGE;
        column = mh__fput_wrapped(stream, text, kind, width, column, indent);
        return column < 0 ? MH_EIO : column;
}

void mh__strbuf_text(mh__strbuf *buf, const char *s, mh_text_kind kind)
{
        (void)each_shown(s, kind, buf, NULL);
}

int mh__fprintf_text(FILE *stream, const char *fmt, ...)
{
        char local[2048], *text = local;
        va_list ap;
        int n, rc;

        va_start(ap, fmt);
        n = mh__vsnprintf_c(local, sizeof(local), fmt, ap);
        va_end(ap);
        if (n < 0)
                return -1;
        if ((size_t)n >= sizeof(local)) {
                /* a long line (a long title): formatted again in full, or cut when memory lacks */
                char *full = mh__malloc((size_t)n + 1);

                if (full != NULL) {
                        va_start(ap, fmt);
                        mh__vsnprintf_c(full, (size_t)n + 1, fmt, ap);
                        va_end(ap);
                        text = full;
                }
        }
        rc = mh__fput_text(stream, text, MH_TEXT_LINES);
        if (text != local)
                mh__free(text);
        return rc < 0 ? -1 : n;
}

int mh_text_write(FILE *stream, const char *text, mh_text_kind kind)
{
        int width;

        if (stream == NULL)
                return MH_EUSAGE;
        width = mh__fput_text(stream, text, kind);
        return width < 0 ? MH_EIO : width;
}

int mh_text_width(const char *text, mh_text_kind kind)
{
        return text != NULL ? mh__text_width(text, kind) : 0;
}
