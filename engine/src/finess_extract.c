/*
 * finess_extract.c: the official FINESS establishment extract
 * (maturinh/finess_extract.h) read line by line, and imported into the
 * profiles of a campaign.
 *
 * The file is read twice, streamed both times, never held whole: a first
 * pass tells its encoding (valid UTF-8 from end to end is UTF-8; anything
 * else is Latin-1, decoded as Windows-1252, its superset that the files of
 * that time really used for œ and ’), the second reads its lines.  A line
 * is one buffer that grows to the longest line; fields are unquoted into a
 * second buffer, so that the line stays as it was read and an error's
 * column (in characters) is counted on it.  Lines of another type than
 * `structureet` are counted from their first bytes, without being split.
 *
 * What is kept is decided before it is checked: a line skipped (another
 * category, a territory outside the ARS regions, another region) is never
 * an error, so that a mistake in a PMI or a line of Wallis-et-Futuna never
 * stops an ARS's import.  Only the number of fields, the category and the
 * département of every `structureet` line are read for that.
 *
 * The import saves each establishment kept through the store, in one
 * transaction of the whole file: a new one gets the extract's profile, one
 * already held keeps its answers, status, beds, OSE and GHT.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "establishment_internal.h"
#include "finess_extract_internal.h"
#include "store_internal.h"
#include "util/i18n.h"
#include "util/texthash.h"
#include "util/util.h"
#include "maturinh/finess_extract.h"
#include "maturinh/territory.h"

/* Fields of a `structureet` line, shared/sources/finess-extract.md. */
#define STRUCTUREET_FIELDS 32
#define F_TYPE             0
#define F_FINESS           1
#define F_FINESS_EJ        2
#define F_RS               3
#define F_RSLONGUE         4
#define F_DEPARTEMENT      13
#define F_CATEGORY         18

/* Fields split at most (a line with more is wrong anyway: only counted). */
#define FIELDS_MAX 40
/* A line longer than this is no line of an extract (the longest are a few hundred bytes). */
#define LINE_MAX_BYTES ((size_t)1 << 20)
#define CHUNK          ((size_t)1 << 16)

/* ---- Encoding ---------------------------------------------------------- */

/*
 * Bytes of a well-formed UTF-8 sequence starting at s (n > 0 bytes
 * available): its length, 0 when it is not one, -1 when it is cut by the
 * end of the buffer (it may go on in the next chunk).
 */
static int utf8_sequence(const unsigned char *s, size_t n)
{
        unsigned char c = s[0];
        int len;
        size_t i;

        if (c < 0x80)
                return 1;
        if (c >= 0xC2 && c <= 0xDF)
                len = 2;
        else if (c >= 0xE0 && c <= 0xEF)
                len = 3;
        else if (c >= 0xF0 && c <= 0xF4)
                len = 4;
        else
                return 0;
        for (i = 1; i < (size_t)len; i++) {
                if (i >= n)
                        return -1;
                if ((s[i] & 0xC0) != 0x80)
                        return 0;
        }
        if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F) ||
            (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))
                return 0; /* overlong, surrogate, beyond U+10FFFF */
        return len;
}

/* The first pass: whether the whole stream is UTF-8; rewinds it.  0 or MH_EIO. */
static int detect_encoding(FILE *file, mh_finess_encoding *out)
{
        unsigned char buf[CHUNK + 4];
        size_t kept = 0, n, i;
        int valid = 1;

        while (valid && (n = fread(buf + kept, 1, CHUNK, file)) > 0) {
                n += kept;
                kept = 0;
                for (i = 0; i < n;) {
                        int len;

                        if (buf[i] < 0x80) {
                                i++;
                                continue;
                        }
                        len = utf8_sequence(buf + i, n - i);
                        if (len == 0) {
                                valid = 0;
                                break;
                        }
                        if (len < 0) { /* cut by the chunk: carried over */
                                kept = n - i;
                                memmove(buf, buf + i, kept);
                                break;
                        }
                        i += (size_t)len;
                }
        }
        if (ferror(file))
                return MH_EIO;
        if (kept > 0)
                valid = 0; /* the file ends inside a character */
        *out = valid ? MH_FINESS_ENCODING_UTF8 : MH_FINESS_ENCODING_LATIN1;
        rewind(file);
        return 0;
}

/* Windows-1252's 0x80..0x9F; the five bytes it leaves undefined keep their Latin-1 meaning. */
static const unsigned short cp1252[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

/* ---- Lines and fields --------------------------------------------------- */

struct field {
        const char *text; /* unquoted, NUL-terminated, in the reader's field buffer */
        size_t offset;    /* where it starts in the line, in bytes */
};

struct reader {
        FILE *file;
        const char *path;
        mh_finess_encoding encoding;
        unsigned char *chunk; /* bytes read, not yet split into lines */
        size_t chunk_start, chunk_end;
        int eof;
        char *line; /* the current line, UTF-8, without its end of line */
        size_t line_length, line_capacity;
        unsigned line_number;
        char *texts; /* the unquoted fields */
        size_t texts_capacity;
        struct field fields[FIELDS_MAX];
        size_t n_fields; /* may exceed FIELDS_MAX: only the first are kept */
};

static int line_reserve(struct reader *r, size_t more)
{
        size_t need = r->line_length + more + 1, capacity;
        char *line;

        if (need <= r->line_capacity)
                return 0;
        capacity = r->line_capacity ? r->line_capacity : 1024;
        while (capacity < need)
                capacity *= 2;
        if ((line = mh__realloc(r->line, capacity)) == NULL)
                return MH_ENOMEM;
        r->line = line;
        r->line_capacity = capacity;
        return 0;
}

/* Appends `n` bytes of the file to the line, decoded. */
static int line_append(struct reader *r, const unsigned char *s, size_t n)
{
        size_t i;
        char *out;

        if (r->encoding == MH_FINESS_ENCODING_UTF8) {
                if (line_reserve(r, n) < 0)
                        return MH_ENOMEM;
                memcpy(r->line + r->line_length, s, n);
                r->line_length += n;
                return 0;
        }
        if (line_reserve(r, 3 * n) < 0)
                return MH_ENOMEM;
        out = r->line + r->line_length;
        for (i = 0; i < n; i++) {
                unsigned cp = s[i];

                if (cp < 0x80) {
                        *out++ = (char)cp;
                        continue;
                }
                if (cp < 0xA0)
                        cp = cp1252[cp - 0x80];
                if (cp < 0x800) {
                        *out++ = (char)(0xC0 | (cp >> 6));
                        *out++ = (char)(0x80 | (cp & 0x3F));
                } else {
                        *out++ = (char)(0xE0 | (cp >> 12));
                        *out++ = (char)(0x80 | ((cp >> 6) & 0x3F));
                        *out++ = (char)(0x80 | (cp & 0x3F));
                }
        }
        r->line_length = (size_t)(out - r->line);
        return 0;
}

/*
 * The next line into r->line (its end of line, \n or \r\n, left out).
 * Returns 1 for a line, 0 at the end of the file, MH_EIO, MH_ENOMEM, or
 * MH_EINVALID for a line too long (diagnosed).
 */
static int next_line(struct reader *r, mh_diagnostics *diags)
{
        size_t raw = 0; /* bytes of the file in this line */
        int any = 0;

        r->line_length = 0;
        for (;;) {
                unsigned char *start, *nl;
                size_t n;

                if (r->chunk_start == r->chunk_end) {
                        if (r->eof)
                                break;
                        r->chunk_start = 0;
                        r->chunk_end = fread(r->chunk, 1, CHUNK, r->file);
                        if (r->chunk_end < CHUNK) {
                                if (ferror(r->file))
                                        return MH_EIO;
                                r->eof = 1;
                        }
                        if (r->chunk_end == 0)
                                break;
                }
                any = 1;
                start = r->chunk + r->chunk_start;
                n = r->chunk_end - r->chunk_start;
                nl = memchr(start, '\n', n);
                if (nl != NULL)
                        n = (size_t)(nl - start);
                raw += n;
                if (raw > LINE_MAX_BYTES) {
                        mh__diag_add(diags, r->path, r->line_number + 1, 1,
                                     "line longer than %zu bytes: this is no FINESS extract",
                                     LINE_MAX_BYTES);
                        return MH_EINVALID;
                }
                if (line_append(r, start, n) < 0)
                        return MH_ENOMEM;
                r->chunk_start += n;
                if (nl != NULL) {
                        r->chunk_start++;
                        break;
                }
        }
        if (!any)
                return 0;
        if (r->line_length > 0 && r->line[r->line_length - 1] == '\r')
                r->line_length--;
        r->line[r->line_length] = '\0';
        r->line_number++;
        return 1;
}

/* Column, in characters (1-based), of byte `offset` of the current line. */
static unsigned column_of(const struct reader *r, size_t offset)
{
        unsigned column = 1;
        size_t i;

        for (i = 0; i < offset && i < r->line_length; i++)
                column += ((unsigned char)r->line[i] & 0xC0) != 0x80;
        return column;
}

/*
 * Splits the current line into fields: `;`-separated, a field may be
 * quoted with `"` (a quote inside doubled).  Returns 0, MH_ENOMEM, or MH_EINVALID for
 * a quote left open or text after a closing quote (diagnosed).
 */
static int split(struct reader *r, mh_diagnostics *diags)
{
        const char *p = r->line, *end = r->line + r->line_length;
        char *out;

        if (r->texts_capacity < r->line_length + FIELDS_MAX + 1) {
                size_t capacity = 2 * r->line_length + FIELDS_MAX + 1;
                char *texts = mh__realloc(r->texts, capacity);

                if (texts == NULL)
                        return MH_ENOMEM;
                r->texts = texts;
                r->texts_capacity = capacity;
        }
        out = r->texts;
        r->n_fields = 0;
        for (;;) {
                const char *field_start = p;
                char *text = out;

                if (p < end && *p == '"') {
                        p++;
                        for (;;) {
                                if (p == end) {
                                        mh__diag_add(diags, r->path, r->line_number,
                                                     column_of(r, (size_t)(field_start - r->line)),
                                                     "quote not closed in this line");
                                        return MH_EINVALID;
                                }
                                if (*p == '"') {
                                        if (p + 1 < end && p[1] == '"') {
                                                *out++ = '"';
                                                p += 2;
                                                continue;
                                        }
                                        p++;
                                        break;
                                }
                                *out++ = *p++;
                        }
                        if (p < end && *p != ';') {
                                mh__diag_add(diags, r->path, r->line_number,
                                             column_of(r, (size_t)(p - r->line)),
                                             "unexpected text after a closing quote: double a "
                                             "quote inside a quoted field (\"\")");
                                return MH_EINVALID;
                        }
                } else {
                        const char *semi = memchr(p, ';', (size_t)(end - p));
                        size_t n = semi != NULL ? (size_t)(semi - p) : (size_t)(end - p);

                        memcpy(out, p, n);
                        out += n;
                        p += n;
                }
                *out++ = '\0';
                if (r->n_fields < FIELDS_MAX) {
                        r->fields[r->n_fields].text = text;
                        r->fields[r->n_fields].offset = (size_t)(field_start - r->line);
                }
                r->n_fields++;
                if (p == end)
                        break;
                p++; /* the ';' */
        }
        return 0;
}

/* ---- What is kept -------------------------------------------------------- */

int mh_finess_extract_departement(char out[4], const char *code)
{
        static const char *const overseas[] = {"971", "972", "973", "974", NULL, "976"};
        size_t n = strlen(code);

        if (n == 2 && code[0] == '9' && code[1] >= 'A' && code[1] <= 'Z') {
                size_t k = (size_t)(code[1] - 'A');

                if (k < sizeof(overseas) / sizeof(overseas[0]) && overseas[k] != NULL) {
                        memcpy(out, overseas[k], 4);
                        return 0;
                }
                return MH_ENOTFOUND; /* 9E Saint-Pierre-et-Miquelon, 9J Wallis-et-Futuna... */
        }
        if (n == 3 && strspn(code, "0123456789") == 3 && code[0] == '9' && code[1] >= '7' &&
            code[1] <= '8') {
                if (mh_departement_region(code) != NULL) {
                        memcpy(out, code, 4);
                        return 0;
                }
                return MH_ENOTFOUND; /* 975, 977, 978, 986, 987, 988 */
        }
        if (n == 2 && mh_departement_region(code) != NULL) {
                memcpy(out, code, 3);
                return 0;
        }
        return MH_EINVALID;
}

/*
 * Whether a category of the table is retired: the table keeps them (an
 * input naming one is told why it is refused), but no establishment has
 * them today.
 */
static int retired(const mh_category *c)
{
        return c->retired != NULL;
}

/* The categories kept, by code (three digits: 0..999). */
struct kept {
        unsigned char code[1000];
};

static int code_index(const char *code)
{
        if (strlen(code) != 3 || strspn(code, "0123456789") != 3)
                return -1;
        return (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
}

static int kept_init(struct kept *kept, const mh_finess_extract_options *options)
{
        size_t i;

        memset(kept, 0, sizeof(*kept));
        if (options->categories != NULL) {
                for (i = 0; options->categories[i] != NULL; i++) {
                        const mh_category *c = mh_category_find(options->categories[i]);
                        int k = code_index(options->categories[i]);

                        if (c == NULL || k < 0 || retired(c))
                                return MH_EUSAGE;
                        if (options->sector == MH_SECTOR_UNKNOWN || c->sector == options->sector)
                                kept->code[k] = 1;
                }
                return 0;
        }
        for (i = 0; i < mh_category_count(); i++) {
                const mh_category *c = mh_category_at(i);
                int k = code_index(c->code);

                if (k >= 0 && !retired(c) &&
                    (options->sector == MH_SECTOR_UNKNOWN || c->sector == options->sector))
                        kept->code[k] = 1;
        }
        return 0;
}

/* ---- The FINESS ET already given, to refuse a second line for one ------ */

struct seen_entry {
        char finess[10]; /* "" for a free slot */
        unsigned line;
};

struct seen {
        struct seen_entry *slots; /* open addressing, a power of two */
        size_t capacity, count;
};

/* The line that gave `finess` (9 characters) first; 0 when it is new (then noted). */
static int seen_add(struct seen *seen, const char *finess, unsigned line, unsigned *first)
{
        size_t i;

        *first = 0;
        if (2 * (seen->count + 1) > seen->capacity) {
                size_t capacity = seen->capacity ? 2 * seen->capacity : 4096, k;
                struct seen_entry *slots = mh__malloc(capacity * sizeof(*slots));

                if (slots == NULL)
                        return MH_ENOMEM;
                memset(slots, 0, capacity * sizeof(*slots));
                for (k = 0; k < seen->capacity; k++) {
                        if (seen->slots[k].finess[0] == '\0')
                                continue;
                        i = mh__hash_bytes(seen->slots[k].finess, 9) & (capacity - 1);
                        while (slots[i].finess[0] != '\0')
                                i = (i + 1) & (capacity - 1);
                        slots[i] = seen->slots[k];
                }
                mh__free(seen->slots);
                seen->slots = slots;
                seen->capacity = capacity;
        }
        i = mh__hash_bytes(finess, 9) & (seen->capacity - 1);
        while (seen->slots[i].finess[0] != '\0') {
                if (memcmp(seen->slots[i].finess, finess, 10) == 0) {
                        *first = seen->slots[i].line;
                        return 0;
                }
                i = (i + 1) & (seen->capacity - 1);
        }
        memcpy(seen->slots[i].finess, finess, 10);
        seen->slots[i].line = line;
        seen->count++;
        return 0;
}

/*
 * `text` trimmed, its runs of spaces made one, into `out` (at least
 * strlen(text) + 1 bytes); returns its length.
 */
static size_t tidy(char *out, const char *text)
{
        size_t n = 0;
        int space = 0;

        for (; *text; text++) {
                if (*text == ' ' || *text == '\t') {
                        space = n > 0;
                        continue;
                }
                if (space)
                        out[n++] = ' ';
                space = 0;
                out[n++] = *text;
        }
        out[n] = '\0';
        return n;
}

/* ---- Reading ------------------------------------------------------------- */

static int first_line_ok(const struct reader *r)
{
        size_t i;
        const char *n, *date;

        if (r->n_fields < 4 || r->n_fields > 5 || strcmp(r->fields[0].text, "finess") != 0 ||
            strcmp(r->fields[1].text, "etalab") != 0)
                return 0;
        if (r->n_fields == 5 && r->fields[4].text[0] != '\0')
                return 0;
        n = r->fields[2].text;
        date = r->fields[3].text;
        if (n[0] == '\0' || strspn(n, "0123456789") != strlen(n) || strlen(date) != 10)
                return 0;
        for (i = 0; i < 10; i++)
                if ((i == 4 || i == 7) ? date[i] != '-' : (date[i] < '0' || date[i] > '9'))
                        return 0;
        return 1;
}

/* Whether the line is a `structureet` one, from its first bytes. */
static int is_structureet(const char *line)
{
        return strncmp(line, "structureet;", 12) == 0 || strncmp(line, "\"structureet\";", 14) == 0;
}

static int check_options(const mh_finess_extract_options *options)
{
        if (options == NULL || options->version < 1 ||
            options->version > MH_FINESS_EXTRACT_OPTIONS_VERSION)
                return MH_EUSAGE;
        if (options->region != NULL && !mh_region_valid(options->region))
                return MH_EUSAGE;
        if (options->sector != MH_SECTOR_UNKNOWN && options->sector != MH_SECTOR_SANITAIRE &&
            options->sector != MH_SECTOR_MEDICO_SOCIAL)
                return MH_EUSAGE;
        return 0;
}

size_t mh_finess_extract_skipped(const mh_finess_extract_result *result)
{
        return result->other_type + result->other_category + result->outside_ars +
               result->outside_scope;
}

/*
 * One `structureet` line already split: counted as skipped, or checked and
 * given to `fn` (unless the file already failed).  Returns 0, 1 when the
 * line is wrong (diagnosed), 2 when `fn` asked to stop (*stop: what it
 * returned), or MH_ENOMEM.
 */
static int one_line(struct reader *r, const struct kept *kept,
                    const mh_finess_extract_options *options, mh_finess_extract_result *result,
                    struct seen *seen, char *names, int failed,
                    int (*fn)(const mh_finess_extract_row *row, void *context), void *context,
                    int *stop, mh_diagnostics *diags)
{
        char buf[MH__FINESS_PROBLEM_SIZE], departement[4];
        const struct field *f = r->fields;
        const char *problem, *region, *finess_ej, *name;
        mh_finess_extract_row row;
        char *rs = names, *rslongue;
        size_t rs_length, rslongue_length;
        unsigned first;
        int k, rc;

        /* the last field, numuai, is mostly empty: a line may end with it or after it */
        if (r->n_fields == STRUCTUREET_FIELDS + 1 && f[STRUCTUREET_FIELDS].text[0] == '\0')
                r->n_fields--;
        if (r->n_fields != STRUCTUREET_FIELDS) {
                mh__diag_add(diags, r->path, r->line_number, 1,
                             "expected %d fields in a structureet line, got %zu",
                             STRUCTUREET_FIELDS, r->n_fields);
                return 1;
        }
        k = code_index(f[F_CATEGORY].text);
        if (k < 0 || !kept->code[k]) {
                result->other_category++;
                return 0;
        }
        rc = mh_finess_extract_departement(departement, f[F_DEPARTEMENT].text);
        if (rc == MH_ENOTFOUND) {
                result->outside_ars++;
                return 0;
        }
        if (rc < 0 || (region = mh_departement_region(departement)) == NULL) {
                mh__diag_add(diags, r->path, r->line_number, column_of(r, f[F_DEPARTEMENT].offset),
                             "unknown département '%.*s': expected a code such as 01, 2A or 9A",
                             mh__utf8_prefix(f[F_DEPARTEMENT].text, 20), f[F_DEPARTEMENT].text);
                return 1;
        }
        if (options->region != NULL && strcmp(region, options->region) != 0) {
                result->outside_scope++;
                return 0;
        }
        if ((problem = mh__finess_problem(f[F_FINESS].text, buf)) != NULL) {
                mh__diag_add(diags, r->path, r->line_number, column_of(r, f[F_FINESS].offset),
                             "invalid FINESS '%.*s': %s", mh__utf8_prefix(f[F_FINESS].text, 20),
                             f[F_FINESS].text, problem);
                return 1;
        }
        finess_ej = f[F_FINESS_EJ].text[0] != '\0' ? f[F_FINESS_EJ].text : NULL;
        if (finess_ej != NULL && (problem = mh__finess_problem(finess_ej, buf)) != NULL) {
                mh__diag_add(diags, r->path, r->line_number, column_of(r, f[F_FINESS_EJ].offset),
                             "invalid FINESS EJ '%.*s': %s", mh__utf8_prefix(finess_ej, 20),
                             finess_ej, problem);
                return 1;
        }
        rs_length = tidy(rs, f[F_RS].text);
        rslongue = rs + rs_length + 1;
        rslongue_length = tidy(rslongue, f[F_RSLONGUE].text);
        /* the short name, unless it is empty or a cut of the long one */
        name =
            rs_length == 0 || (rslongue_length > rs_length && memcmp(rs, rslongue, rs_length) == 0)
                ? rslongue
                : rs;
        if (name[0] == '\0') {
                mh__diag_add(diags, r->path, r->line_number, column_of(r, f[F_RS].offset),
                             "establishment %s has no name (rs and rslongue are empty)",
                             f[F_FINESS].text);
                return 1;
        }
        if ((rc = seen_add(seen, f[F_FINESS].text, r->line_number, &first)) < 0)
                return rc;
        if (first > 0) {
                mh__diag_add(diags, r->path, r->line_number, column_of(r, f[F_FINESS].offset),
                             "establishment %s already given at line %u", f[F_FINESS].text, first);
                return 1;
        }
        result->kept++;
        if (failed || fn == NULL)
                return 0;
        row.line = r->line_number;
        row.finess = f[F_FINESS].text;
        row.finess_ej = finess_ej;
        row.name = name;
        row.departement = departement;
        row.region = region;
        row.category = f[F_CATEGORY].text;
        if ((*stop = fn(&row, context)) != 0)
                return 2;
        return 0;
}

int mh__finess_extract_each_stream(mh_finess_extract_result *out, FILE *file, const char *path,
                                   const mh_finess_extract_options *options,
                                   int (*fn)(const mh_finess_extract_row *row, void *context),
                                   void *context, mh_diagnostics *diags)
{
        mh_finess_extract_result result;
        struct reader r;
        struct kept kept;
        struct seen seen = {NULL, 0, 0};
        char *names = NULL;
        size_t names_capacity = 0;
        int rc, failed = 0, stop = 0;

        if (file == NULL || path == NULL || (rc = check_options(options)) < 0 ||
            (rc = kept_init(&kept, options)) < 0)
                return MH_EUSAGE;
        memset(&result, 0, sizeof(result));
        memset(&r, 0, sizeof(r));
        r.path = path;
        r.file = file;
        if ((rc = detect_encoding(r.file, &r.encoding)) < 0) {
                mh__diag_add(diags, path, 0, 0, "cannot read: %s", strerror(errno));
                goto out;
        }
        result.encoding = r.encoding;
        if ((r.chunk = mh__malloc(CHUNK)) == NULL) {
                rc = MH_ENOMEM;
                goto out;
        }
        rc = next_line(&r, diags);
        if (rc == 1) {
                if (r.encoding == MH_FINESS_ENCODING_UTF8 && r.line_length >= 3 &&
                    memcmp(r.line, "\xEF\xBB\xBF", 3) == 0) {
                        memmove(r.line, r.line + 3, r.line_length - 2);
                        r.line_length -= 3;
                }
                if ((rc = split(&r, NULL)) == MH_ENOMEM)
                        goto out;
                if (rc < 0 || !first_line_ok(&r))
                        rc = 0;
                else
                        rc = 1;
        }
        if (rc == 0) {
                mh__diag_add(diags, path, 1, 1,
                             "not a FINESS extract: the first line should be "
                             "finess;etalab;N;YYYY-MM-DD");
                rc = MH_EINVALID;
                goto out;
        }
        if (rc < 0)
                goto out;
        while ((rc = next_line(&r, diags)) == 1) {
                if (r.line_length == 0)
                        continue;
                if (!is_structureet(r.line)) {
                        result.other_type++;
                        continue;
                }
                if (names_capacity < 2 * r.line_length + 2) {
                        char *more = mh__realloc(names, 2 * r.line_length + 2);

                        if (more == NULL) {
                                rc = MH_ENOMEM;
                                goto out;
                        }
                        names = more;
                        names_capacity = 2 * r.line_length + 2;
                }
                if ((rc = split(&r, diags)) == MH_ENOMEM)
                        goto out;
                if (rc == 0)
                        rc = one_line(&r, &kept, options, &result, &seen, names, failed, fn,
                                      context, &stop, diags);
                if (rc == 2) {
                        rc = stop;
                        goto out;
                }
                if (rc == MH_EINVALID || rc == 1) {
                        failed = 1;
                        continue;
                }
                if (rc < 0)
                        goto out;
        }
        if (rc == MH_EIO)
                mh__diag_add(diags, path, 0, 0, "cannot read: %s", strerror(errno));
        if (rc == MH_EINVALID)
                failed = 1;
        if (rc >= 0 || rc == MH_EINVALID)
                rc = failed ? MH_EINVALID : 0;
out:
        if (rc == MH_ENOMEM && !stop)
                mh__diag_nomem(diags);
        if ((rc == 0 || rc == MH_EINVALID) && out != NULL)
                *out = result;
        mh__free(seen.slots);
        mh__free(names);
        mh__free(r.chunk);
        mh__free(r.line);
        mh__free(r.texts);
        return rc;
}

int mh_finess_extract_each(mh_finess_extract_result *out, const char *path,
                           const mh_finess_extract_options *options,
                           int (*fn)(const mh_finess_extract_row *row, void *context),
                           void *context, mh_diagnostics *diags)
{
        FILE *file;
        int rc;

        if (path == NULL || check_options(options) < 0)
                return MH_EUSAGE;
        if ((rc = mh__open_input(&file, path, 0, diags)) < 0)
                return rc;
        rc = mh__finess_extract_each_stream(out, file, path, options, fn, context, diags);
        fclose(file);
        return rc;
}

/* ---- Importing ----------------------------------------------------------- */

struct import {
        mh_store *store;
        const mh_referentiel *ref;
        const mh_finess_extract_options *options;
        const char *path;
        const char *date; /* the campaign's reference date */
        mh_store_stats stats;
        mh_diagnostics *diags;
        mh_diagnostics *scratch; /* the store's reasons, re-issued located in the file */
        int failed;
};

/* The establishment of `row` over what the store holds of it (NULL: nothing). */
static int save_row(struct import *im, const mh_finess_extract_row *row,
                    const mh_establishment *stored)
{
        mh_establishment *est = NULL;
        mh_profile profile;
        size_t i;
        int rc;

        memset(&profile, 0, sizeof(profile));
        profile.finess = row->finess;
        profile.finess_ej = row->finess_ej;
        profile.name = row->name;
        profile.region = row->region;
        profile.departement = row->departement;
        profile.category = row->category;
        profile.beds = stored != NULL ? stored->beds : -1;
        profile.ose = stored != NULL ? stored->ose : 0;
        profile.ght = stored != NULL ? stored->ght : NULL;
        profile.campaign = im->options->campaign;
        profile.reference_date = im->date;
        profile.submission = stored != NULL ? stored->submission : MH_SUBMISSION_DRAFT;
        if ((rc = mh_establishment_new(&est, im->ref, &profile, im->scratch)) < 0)
                return rc;
        if (stored != NULL) /* the answers are the store's: only the profile comes from the file */
                for (i = 0; i < mh_referentiel_indicator_count(im->ref); i++)
                        est->answers[i] = stored->answers[i];
        rc =
            mh__store_save_over(im->store, est, stored, im->options->user, &im->stats, im->scratch);
        mh_establishment_free(est);
        return rc;
}

static int import_row(const mh_finess_extract_row *row, void *context)
{
        struct import *im = context;
        mh_establishment *stored = NULL;
        char why[512];
        int rc;

        if (im->options->progress != NULL)
                im->options->progress(im->options->progress_context);
        mh_diagnostics_clear(im->scratch);
        rc = mh_store_load(&stored, im->store, im->ref, im->options->campaign, row->finess,
                           im->scratch);
        if (rc == MH_ENOTFOUND)
                rc = 0;
        if (rc == 0) {
                mh_diagnostics_clear(im->scratch);
                rc = save_row(im, row, stored);
        }
        mh_establishment_free(stored);
        if (rc == 0)
                return 0;
        snprintf(why, sizeof(why), "%s",
                 mh__diag_last_message(im->scratch, mh__tr(N_("cannot save"))));
        if (rc == MH_EINVALID) {
                mh__diag_add(im->diags, im->path, row->line, 1, "establishment %s: %s", row->finess,
                             why);
                im->failed = 1;
                return 0;
        }
        if (rc != MH_ENOMEM)
                mh__diag_add(im->diags, im->path, 0, 0, "%s", why);
        return rc;
}

int mh_finess_extract_import(mh_finess_extract_result *out, mh_store *store, const char *path,
                             const mh_finess_extract_options *options, mh_diagnostics *diags)
{
        mh_finess_extract_result result;
        mh_referentiel *ref = NULL;
        struct import im;
        char date[11], why[512];
        size_t first = diags != NULL ? mh_diagnostics_count(diags) : 0;
        int rc, begun = 0;

        if (store == NULL || path == NULL || check_options(options) < 0 ||
            options->campaign == NULL)
                return MH_EUSAGE;
        memset(&im, 0, sizeof(im));
        memset(&result, 0, sizeof(result));
        if ((rc = mh_diagnostics_new(&im.scratch)) < 0)
                return mh__diag_nomem(diags);
        if ((rc = mh_store_begin(store, NULL)) < 0) {
                rc = mh__store_why(store, why, sizeof(why));
                mh__diag_add(diags, path, 0, 0, "%s", why);
                goto out;
        }
        begun = 1;
        rc = mh_store_campaign_referentiel(&ref, store, options->campaign, im.scratch);
        if (rc == 0)
                rc = mh_store_campaign_date(date, store, options->campaign, im.scratch);
        if (rc == MH_ENOTFOUND) {
                mh__diag_add(diags, path, 0, 0,
                             "no campaign %s in the database: import its answers (YAML) or "
                             "create it first",
                             options->campaign);
                rc = MH_EINVALID;
                goto out;
        }
        if (rc < 0) {
                mh__diag_add(diags, path, 0, 0, "%s",
                             mh__diag_last_message(im.scratch, mh__tr(N_("cannot save"))));
                goto out;
        }
        im.store = store;
        im.ref = ref;
        im.options = options;
        im.path = path;
        im.date = date;
        im.diags = diags;
        rc = mh_finess_extract_each(&result, path, options, import_row, &im, diags);
        if (rc == 0 && im.failed)
                rc = MH_EINVALID;
        if (rc == 0 && mh_store_commit(store, NULL) < 0) {
                rc = mh__store_why(store, why, sizeof(why));
                mh__diag_add(diags, path, 0, 0, "%s", why);
        }
        if (rc == 0)
                begun = 0;
out:
        if (begun)
                mh_store_rollback(store, NULL); /* all or nothing */
        mh_referentiel_free(ref);
        mh_diagnostics_free(im.scratch);
        if (diags != NULL)
                mh__diag_sort_from(diags, first);
        if (rc == 0) {
                result.stats = im.stats;
                if (out != NULL)
                        *out = result;
        }
        return rc;
}
