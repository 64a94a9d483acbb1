/*
 * yamltree.c: libyaml's event stream turned into located trees.
 *
 * The reader pulls events from libyaml and builds one document at a time in
 * an arena, with an explicit stack of open containers (no recursion, depth
 * bounded by MH_YAML_MAX_DEPTH).  Anchors, aliases and explicit tags stop the
 * stream with a located error: referring to other nodes is how a small file
 * expands into a huge one, and maturinh inputs never need it.  Duplicate and
 * non-scalar keys are diagnosed, dropped, and parsing goes on so that a file
 * gets all its errors in one run.  libyaml's 0-based marks become 1-based
 * here, once; its reader errors (bad UTF-8) carry only a byte offset, which
 * is turned into a line and column by scanning the input.
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util/cnum.h"
#include "util/i18n.h"
#include "util/texthash.h"
#include "util/yamltree.h"

struct mh__ydoc {
        mh__arena *arena;      /* every node and string of the document */
        const mh__ynode *root; /* the top node, NULL until the first one is parsed */
        unsigned line;         /* where the document starts */
        unsigned column;       /* idem */
        size_t errors;         /* errors diagnosed while building it */
};

/*
 * The keys of the open mappings are hashed, to find duplicates in O(1): one
 * table per nesting depth, kept by the reader from one mapping to the next.
 * A slot belongs to the mapping whose number it carries, every other slot is
 * free: starting a mapping costs nothing, and once the tables have grown to
 * the largest mappings of the stream, nothing is allocated or cleared.
 */
struct key_slot {
        const mh__ynode *key; /* the key's node */
        size_t hash;          /* of its text (kept for growing the table) */
        uint64_t mapping;     /* the number of the mapping it belongs to (0: none) */
};

struct key_table {
        struct key_slot *slots; /* mh__malloc, NULL until a key is seen at this depth */
        size_t capacity;        /* slots (a power of two), 0 while slots is NULL */
};

/* One open container while its children are parsed. */
struct frame {
        mh__ynode *node;      /* the sequence or mapping */
        const mh__ynode *key; /* mapping: the key waiting for its value */
        int expect_value;     /* mapping: the next node is a value */
        int drop_value;       /* mapping: the pending key was refused, drop its value */
        uint64_t mapping;     /* mapping: its number, which marks its keys in the table */
        size_t keys_count;    /* mapping: keys in the table */
        int keys_listed;      /* mapping: the table could not grow, keys are found in the list */
};

struct mh__yreader {
        yaml_parser_t parser;
        const char *data;      /* the input (or, from a file, a window of it loaded on error) */
        size_t length;         /* bytes in data */
        FILE *file;            /* file input: the stream, else NULL */
        unsigned char head[4]; /* file input: its first bytes, read ahead */
        size_t head_length;    /* bytes in head */
        size_t head_served;    /* bytes of head already given to libyaml */
        size_t bytes_read;     /* file input: bytes given to libyaml so far */
        size_t max_bytes;      /* file input: the size limit, 0 for none */
        int too_large;         /* file input: the limit was crossed */
        int read_failed;       /* file input: a read error (errno kept in read_errno) */
        int read_errno;
        char *window;          /* file input: bytes loaded to locate an error */
        size_t doc_start;      /* bytes read when the current document started */
        size_t counted_from;   /* input offset the document limit counts from (see read_input) */
        unsigned doc_line;     /* where the document being read starts (or may start) */
        unsigned doc_column;   /* idem */
        int doc_too_large;     /* the read handler stopped inside an oversized document */
        unsigned documents;    /* documents started so far */
        const char *source;    /* its name in diagnostics */
        mh_diagnostics *diags; /* where errors go */
        int finished;          /* the stream ended or failed: no more documents */
        struct frame stack[MH_YAML_MAX_DEPTH];
        size_t depth;                             /* open containers */
        struct key_table keys[MH_YAML_MAX_DEPTH]; /* the keys of the mapping open at each depth */
        uint64_t mappings;                        /* mappings started so far */
};

static unsigned mark_line(yaml_mark_t mark)
{
        return (unsigned)mark.line + 1;
}

static unsigned mark_column(yaml_mark_t mark)
{
        return (unsigned)mark.column + 1;
}

/* A reader with its parser ready, before its input is set; NULL when memory runs out. */
static mh__yreader *new_reader(const char *source, mh_diagnostics *diags)
{
        mh__yreader *reader = mh__malloc(sizeof(*reader));

        if (reader == NULL)
                return NULL;
        memset(reader, 0, sizeof(*reader));
        if (!yaml_parser_initialize(&reader->parser)) {
                mh__free(reader);
                return NULL;
        }
        reader->source = source;
        reader->diags = diags;
        reader->doc_line = 1;
        reader->doc_column = 1;
        return reader;
}

/*
 * libyaml keeps a whole token in memory before it hands it over: one scalar
 * of a gigabyte would cost a gigabyte (and more, as its buffer doubles)
 * before the checks on events could refuse it.  So the read handler also
 * measures the current document, as those checks do (the bytes libyaml has
 * decoded since it began), and stops at the limit whatever token is being
 * read.  Between two documents, the bytes count against the next one.
 */
/* libyaml's read handler: the buffer, or the bytes read ahead then the file. */
static int read_input(void *data, unsigned char *buffer, size_t size, size_t *size_read)
{
        mh__yreader *reader = data;
        size_t n = 0;

        if (reader->file == NULL) {
                n = reader->length - reader->bytes_read;
                if (n > size)
                        n = size;
                memcpy(buffer, reader->data + reader->bytes_read, n);
        } else if (reader->head_served < reader->head_length) {
                n = reader->head_length - reader->head_served;
                if (n > size)
                        n = size;
                memcpy(buffer, reader->head + reader->head_served, n);
                reader->head_served += n;
        } else {
                n = fread(buffer, 1, size, reader->file);
                if (n == 0 && ferror(reader->file)) {
                        reader->read_failed = 1;
                        reader->read_errno = errno;
                        return 0;
                }
        }
        reader->bytes_read += n;
        if (reader->max_bytes > 0 && reader->bytes_read > reader->max_bytes) {
                reader->too_large = 1;
                return 0;
        }
        if (reader->parser.offset - reader->counted_from > MH_YAML_MAX_DOCUMENT_BYTES) {
                reader->doc_too_large = 1;
                return 0;
        }
        *size_read = n;
        return 1;
}

int mh__yreader_new_buffer(mh__yreader **out, const char *data, size_t length, const char *source,
                           mh_diagnostics *diags)
{
        mh__yreader *reader = new_reader(source, diags);

        if (reader == NULL)
                return MH_ENOMEM;
        reader->data = data;
        reader->length = length;
        yaml_parser_set_input(&reader->parser, read_input, reader);
        *out = reader;
        return 0;
}

int mh__yreader_new_file(mh__yreader **out, FILE *file, size_t max_bytes, const char *source,
                         mh_diagnostics *diags)
{
        mh__yreader *reader = new_reader(source, diags);

        if (reader == NULL)
                return MH_ENOMEM;
        reader->file = file;
        reader->max_bytes = max_bytes;
        /*
         * libyaml asks for 16 KiB at a time: unbuffered, each request is one
         * read() straight into libyaml's buffer, where stdio's 4 KiB buffer
         * (misaligned by the read-ahead below) would make two.  Failing to
         * change the buffering only costs time.
         */
        (void)setvbuf(file, NULL, _IONBF, 0);
        reader->head_length = fread(reader->head, 1, sizeof(reader->head), file);
        if (reader->head_length < sizeof(reader->head) && ferror(file)) {
                reader->read_failed = 1;
                reader->read_errno = errno;
        }
        yaml_parser_set_input(&reader->parser, read_input, reader);
        *out = reader;
        return 0;
}

/*
 * File input keeps no copy of what it read; to locate an error, the bytes up
 * to the parser's position are read again (a pipe cannot be: then positions
 * that need the bytes fall back to what libyaml's marks say).
 */
static void load_window(mh__yreader *reader)
{
        size_t want = reader->parser.offset + 64, got;

        if (reader->file == NULL || reader->window != NULL)
                return;
        if (fseek(reader->file, 0, SEEK_SET) != 0)
                return;
        if ((reader->window = mh__malloc(want)) == NULL)
                return;
        got = fread(reader->window, 1, want, reader->file);
        reader->data = reader->window;
        reader->length = got;
}

void mh__yreader_free(mh__yreader *reader)
{
        size_t i;

        if (reader == NULL)
                return;
        for (i = 0; i < MH_YAML_MAX_DEPTH; i++)
                mh__free(reader->keys[i].slots);
        mh__free(reader->window);
        yaml_parser_delete(&reader->parser);
        mh__free(reader);
}

void mh__ydoc_free(mh__ydoc *doc)
{
        if (doc == NULL)
                return;
        mh__arena_free(doc->arena);
        mh__free(doc);
}

mh__arena *mh__ydoc_take_arena(mh__ydoc *doc)
{
        mh__arena *arena = doc->arena;

        doc->arena = NULL;
        return arena;
}

const mh__ynode *mh__ydoc_root(const mh__ydoc *doc)
{
        return doc->root;
}

unsigned mh__ydoc_line(const mh__ydoc *doc)
{
        return doc->line;
}

unsigned mh__ydoc_column(const mh__ydoc *doc)
{
        return doc->column;
}

size_t mh__ydoc_error_count(const mh__ydoc *doc)
{
        return doc->errors;
}

/* Bytes of a UTF-8 byte order mark at the start of the input, which libyaml skips. */
static size_t bom_length(const mh__yreader *reader)
{
        return reader->data != NULL && reader->length >= 3 &&
                       memcmp(reader->data, "\xEF\xBB\xBF", 3) == 0
                   ? 3
                   : 0;
}

/* Line and column (1-based, columns in characters) of a byte offset. */
static void locate_offset(const mh__yreader *reader, size_t offset, unsigned *line,
                          unsigned *column)
{
        size_t i;

        *line = 1;
        *column = 1;
        if (reader->data == NULL)
                return;
        if (offset > reader->length)
                offset = reader->length;
        for (i = bom_length(reader); i < offset; i++) {
                unsigned char c = (unsigned char)reader->data[i];

                if (c == '\n' ||
                    (c == '\r' && (i + 1 >= reader->length || reader->data[i + 1] != '\n'))) {
                        (*line)++;
                        *column = 1;
                } else if ((c & 0xC0) != 0x80 && c != '\r') {
                        (*column)++;
                }
        }
}

/* The byte offset of a libyaml mark (whose index counts characters, not bytes). */
static size_t offset_of_mark(const mh__yreader *reader, yaml_mark_t mark)
{
        size_t i = bom_length(reader), line = 0, column = 0;

        if (reader->data == NULL)
                return 0;
        while (i < reader->length && line < mark.line) {
                char c = reader->data[i++];

                if (c == '\n' || (c == '\r' && (i >= reader->length || reader->data[i] != '\n')))
                        line++;
        }
        while (i < reader->length && column < mark.column) {
                i++;
                while (i < reader->length && ((unsigned char)reader->data[i] & 0xC0) == 0x80)
                        i++;
                column++;
        }
        return i;
}

/*
 * libyaml's reader errors, in our words, located at the first byte of the
 * faulty character (libyaml gives the offset of the bad byte, which for a
 * broken continuation is inside the character).
 */
static void report_reader_error(mh__yreader *reader)
{
        const yaml_parser_t *p = &reader->parser;
        const char *problem = p->problem ? p->problem : "";
        size_t offset = p->problem_offset;
        unsigned line, column;
        unsigned char byte;

        if (strcmp(problem, "invalid trailing UTF-8 octet") == 0)
                while (offset > 0 && offset - 1 < reader->length &&
                       ((unsigned char)reader->data[offset - 1] & 0xC0) == 0x80)
                        offset--;
        if (strcmp(problem, "invalid trailing UTF-8 octet") == 0 && offset > 0)
                offset--; /* the lead byte */
        locate_offset(reader, offset, &line, &column);
        byte = offset < reader->length ? (unsigned char)reader->data[offset] : 0;
        if (strcmp(problem, "invalid leading UTF-8 octet") == 0)
                mh__diag_add(reader->diags, reader->source, line, column,
                             "invalid UTF-8: byte 0x%02X cannot start a character", byte);
        else if (strcmp(problem, "incomplete UTF-8 octet sequence") == 0)
                mh__diag_add(reader->diags, reader->source, line, column,
                             "invalid UTF-8: the input ends inside a character (byte 0x%02X)",
                             byte);
        else if (strcmp(problem, "invalid trailing UTF-8 octet") == 0)
                mh__diag_add(reader->diags, reader->source, line, column,
                             "invalid UTF-8: the character starting with byte 0x%02X is cut short",
                             byte);
        else if (strcmp(problem, "invalid length of a UTF-8 sequence") == 0)
                mh__diag_add(reader->diags, reader->source, line, column,
                             "invalid UTF-8: overlong encoding starting with byte 0x%02X", byte);
        else if (strcmp(problem, "invalid Unicode character") == 0)
                mh__diag_add(reader->diags, reader->source, line, column,
                             "invalid UTF-8: the bytes starting with 0x%02X encode no Unicode "
                             "character",
                             byte);
        else if (strcmp(problem, "control characters are not allowed") == 0)
                mh__diag_add(reader->diags, reader->source, line, column,
                             "control character U+%04X is not allowed", (unsigned)p->problem_value);
        else
                mh__diag_add(reader->diags, reader->source, line, column,
                             "cannot read the input: %s", problem);
}

/*
 * libyaml's scanner and parser messages (libyaml 0.2.5), marked so that our
 * catalog translates them: libyaml has no catalog of its own, and a French
 * error should not end in English.  A message not listed stays as it is.
 */
static const char *const libyaml_texts[] = {
    N_("block sequence entries are not allowed in this context"),
    N_("could not find expected ':'"),
    N_("could not find expected directive name"),
    N_("did not find URI escaped octet"),
    N_("did not find expected '!'"),
    N_("did not find expected ',' or ']'"),
    N_("did not find expected ',' or '}'"),
    N_("did not find expected '-' indicator"),
    N_("did not find expected <document start>"),
    N_("did not find expected <stream-start>"),
    N_("did not find expected alphabetic or numeric character"),
    N_("did not find expected comment or line break"),
    N_("did not find expected digit or '.' character"),
    N_("did not find expected hexdecimal number"),
    N_("did not find expected key"),
    N_("did not find expected node content"),
    N_("did not find expected tag URI"),
    N_("did not find expected version number"),
    N_("did not find expected whitespace or line break"),
    N_("did not find expected whitespace"),
    N_("did not find the expected '>'"),
    N_("found a tab character that violates indentation"),
    N_("found a tab character where an indentation space is expected"),
    N_("found an incorrect leading UTF-8 octet"),
    N_("found an incorrect trailing UTF-8 octet"),
    N_("found an indentation indicator equal to 0"),
    N_("found character that cannot start any token"),
    N_("found duplicate %TAG directive"),
    N_("found duplicate %YAML directive"),
    N_("found extremely long version number"),
    N_("found incompatible YAML document"),
    N_("found invalid Unicode character escape code"),
    N_("found undefined tag handle"),
    N_("found unexpected ':'"),
    N_("found unexpected document indicator"),
    N_("found unexpected end of stream"),
    N_("found unexpected non-alphabetical character"),
    N_("found unknown directive name"),
    N_("found unknown escape character"),
    N_("mapping keys are not allowed in this context"),
    N_("mapping values are not allowed in this context"),
    N_("while parsing a %TAG directive"),
    N_("while parsing a block collection"),
    N_("while parsing a block mapping"),
    N_("while parsing a block node"),
    N_("while parsing a flow mapping"),
    N_("while parsing a flow node"),
    N_("while parsing a flow sequence"),
    N_("while parsing a node"),
    N_("while parsing a quoted scalar"),
    N_("while parsing a tag directive"),
    N_("while parsing a tag"),
    N_("while scanning a %TAG directive"),
    N_("while scanning a %YAML directive"),
    N_("while scanning a block scalar"),
    N_("while scanning a directive"),
    N_("while scanning a plain scalar"),
    N_("while scanning a quoted scalar"),
    N_("while scanning a simple key"),
    N_("while scanning a tag directive"),
    N_("while scanning a tag"),
    N_("while scanning an alias"),
    N_("while scanning an anchor"),
    N_("while scanning for the next token"),
};

/* `text` of libyaml in the user's language. */
static const char *libyaml_text(const char *text)
{
        size_t i;

        for (i = 0; i < sizeof(libyaml_texts) / sizeof(libyaml_texts[0]); i++)
                if (strcmp(text, libyaml_texts[i]) == 0)
                        return mh__tr(libyaml_texts[i]);
        return text;
}

static void report_parser_error(mh__yreader *reader)
{
        yaml_parser_t *p = &reader->parser;
        const char *problem = p->problem ? p->problem : "unknown error";
        size_t offset;

        if (reader->too_large) {
                mh__diag_add(reader->diags, reader->source, 1, 1,
                             "file is larger than the %zu MiB limit", reader->max_bytes >> 20);
                return;
        }
        if (reader->doc_too_large) {
                mh__diag_add(reader->diags, reader->source, reader->doc_line, reader->doc_column,
                             "this YAML document is larger than the %u MiB limit",
                             MH_YAML_MAX_DOCUMENT_BYTES >> 20);
                return;
        }
        if (reader->read_failed) {
                mh__diag_add(reader->diags, reader->source, 0, 0, "cannot read: %s",
                             strerror(reader->read_errno));
                return;
        }
        load_window(reader);
        switch (p->error) {
        case YAML_MEMORY_ERROR:
                mh__diag_add(reader->diags, reader->source, 1, 1, "out of memory while parsing");
                break;
        case YAML_READER_ERROR:
                report_reader_error(reader);
                break;
        default:
                offset = offset_of_mark(reader, p->problem_mark);
                if (strstr(problem, "tab") != NULL ||
                    (offset < reader->length && reader->data[offset] == '\t')) {
                        mh__diag_add(reader->diags, reader->source, mark_line(p->problem_mark),
                                     mark_column(p->problem_mark),
                                     "YAML syntax error: a tab character cannot indent or start "
                                     "a value; use spaces");
                        break;
                }
                if (p->context != NULL)
                        mh__diag_add(reader->diags, reader->source, mark_line(p->problem_mark),
                                     mark_column(p->problem_mark),
                                     "YAML syntax error: %s (%s at line %u, column %u)",
                                     libyaml_text(problem), libyaml_text(p->context),
                                     mark_line(p->context_mark), mark_column(p->context_mark));
                else
                        mh__diag_add(reader->diags, reader->source, mark_line(p->problem_mark),
                                     mark_column(p->problem_mark), "YAML syntax error: %s",
                                     libyaml_text(problem));
                break;
        }
}

/* Adds an error located at (line, column) and counts it against the document. */
static void doc_error(mh__yreader *reader, mh__ydoc *doc, unsigned line, unsigned column,
                      const char *fmt, ...) MH_PRINTF(5, 6);

static void doc_error(mh__yreader *reader, mh__ydoc *doc, unsigned line, unsigned column,
                      const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        mh__diag_addv(reader->diags, reader->source, line, column, fmt, ap);
        va_end(ap);
        if (doc != NULL)
                doc->errors++;
}

static void append_child(mh__ynode *parent, mh__ynode *child)
{
        if (parent->last != NULL)
                parent->last->next = child;
        else
                parent->first = child;
        parent->last = child;
        parent->count++;
}

/* Smallest table of keys: most mappings of maturinh inputs have a handful of keys. */
#define KEYS_FIRST_CAPACITY 16

/* Doubles `table`, keeping the keys of `mapping`; -1 when memory runs out (table unchanged). */
static int grow_keys(struct key_table *table, uint64_t mapping)
{
        size_t capacity = table->capacity ? table->capacity * 2 : KEYS_FIRST_CAPACITY, i;
        struct key_slot *slots = mh__malloc(capacity * sizeof(*slots));

        if (slots == NULL)
                return -1;
        memset(slots, 0, capacity * sizeof(*slots));
        for (i = 0; i < table->capacity; i++) {
                const struct key_slot *old = &table->slots[i];
                size_t slot;

                if (old->mapping != mapping)
                        continue;
                for (slot = old->hash & (capacity - 1); slots[slot].mapping == mapping;
                     slot = (slot + 1) & (capacity - 1))
                        ;
                slots[slot] = *old;
        }
        mh__free(table->slots);
        table->slots = slots;
        table->capacity = capacity;
        return 0;
}

/*
 * Looks `key` up among the keys of the mapping of `frame` (whose table is
 * `table`): returns the key already given with the same text, or adds it and
 * returns NULL.  An answers document has a hundred keys in one mapping;
 * comparing each with all the others was the slowest part of reading it.
 * The table is kept at most half full for the mapping.  When memory runs out
 * the table stops growing and the lookup falls back to the linked list.
 */
static const mh__ynode *find_or_add_key(struct key_table *table, struct frame *frame,
                                        const mh__ynode *key)
{
        size_t i, mask, hash;

        if (!frame->keys_listed && frame->keys_count * 2 >= table->capacity &&
            grow_keys(table, frame->mapping) < 0)
                frame->keys_listed = 1;
        if (frame->keys_listed) {
                const mh__ynode *sibling;

                for (sibling = frame->node->first; sibling != NULL; sibling = sibling->next)
                        if (sibling->key->length == key->length &&
                            memcmp(sibling->key->value, key->value, key->length) == 0)
                                return sibling->key;
                return NULL;
        }
        mask = table->capacity - 1;
        hash = key->hash;
        for (i = hash & mask; table->slots[i].mapping == frame->mapping; i = (i + 1) & mask) {
                const mh__ynode *k = table->slots[i].key;

                if (table->slots[i].hash == hash && k->length == key->length &&
                    memcmp(k->value, key->value, key->length) == 0)
                        return k;
        }
        table->slots[i].key = key;
        table->slots[i].hash = hash;
        table->slots[i].mapping = frame->mapping;
        frame->keys_count++;
        return NULL;
}

/* Places a new node under the innermost open container, or as the root. */
static inline void attach(mh__yreader *reader, mh__ydoc *doc, mh__ynode *node)
{
        struct frame *top;
        const mh__ynode *sibling;

        if (reader->depth == 0) {
                doc->root = node;
                return;
        }
        top = &reader->stack[reader->depth - 1];
        if (top->node->kind == MH_YSEQUENCE) {
                append_child(top->node, node);
                return;
        }
        if (top->expect_value) {
                top->expect_value = 0;
                if (!top->drop_value) {
                        node->key = top->key;
                        append_child(top->node, node);
                }
                return;
        }
        /* node is a key */
        top->expect_value = 1;
        top->drop_value = 0;
        top->key = node;
        if (node->kind != MH_YSCALAR) {
                if (node->kind == MH_YMAPPING)
                        doc_error(reader, doc, node->line, node->column,
                                  "mapping keys must be scalars, not mappings");
                else
                        doc_error(reader, doc, node->line, node->column,
                                  "mapping keys must be scalars, not sequences");
                top->drop_value = 1;
                return;
        }
        node->hash = mh__hash_bytes(node->value, node->length);
        if ((sibling = find_or_add_key(&reader->keys[reader->depth - 1], top, node)) != NULL) {
                doc_error(reader, doc, node->line, node->column,
                          "duplicate key '%s' (first given at line %u)", node->value,
                          sibling->line);
                top->drop_value = 1;
        }
}

/* Refuses anchors and explicit tags on a node; returns -1 when refused. */
static int check_properties(mh__yreader *reader, mh__ydoc *doc, const yaml_event_t *event,
                            const yaml_char_t *anchor, const yaml_char_t *tag)
{
        unsigned line = mark_line(event->start_mark), column = mark_column(event->start_mark);

        if (anchor != NULL) {
                doc_error(reader, doc, line, column, "YAML anchors are not accepted (&%s)",
                          (const char *)anchor);
                return -1;
        }
        if (tag != NULL) {
                static const char core[] = "tag:yaml.org,2002:";
                const char *name = (const char *)tag;

                if (strncmp(name, core, sizeof(core) - 1) == 0)
                        doc_error(reader, doc, line, column,
                                  "explicit YAML tags are not accepted (!!%s)",
                                  name + sizeof(core) - 1);
                else
                        doc_error(reader, doc, line, column,
                                  "explicit YAML tags are not accepted (%s)", name);
                return -1;
        }
        return 0;
}

static mh__ynode *new_node(mh__ydoc *doc, mh__ykind kind, const yaml_event_t *event)
{
        mh__ynode *node = mh__arena_alloc(doc->arena, sizeof(*node));

        if (node != NULL) {
                node->kind = kind;
                node->line = mark_line(event->start_mark);
                node->column = mark_column(event->start_mark);
        }
        return node;
}

/*
 * Whether `length` bytes at `p` hold a zero byte, eight at a time (a call to
 * memchr() for every short quoted value cost more than this).
 */
static int has_zero_byte(const char *p, size_t length)
{
        const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
        uint64_t word;

        for (; length >= 8; length -= 8, p += 8) {
                memcpy(&word, p, 8);
                if ((word - ones) & ~word & highs)
                        return 1;
        }
        for (; length > 0; length--, p++)
                if (*p == '\0')
                        return 1;
        return 0;
}

/*
 * A scalar node and a copy of its text, in one piece of the arena (a document
 * is mostly scalars: one allocation each, and no zeroing of what is written).
 */
static mh__ynode *new_scalar(mh__ydoc *doc, const yaml_event_t *event)
{
        size_t length = event->data.scalar.length;
        mh__ynode *node = mh__arena_alloc_raw(doc->arena, sizeof(*node) + length + 1);
        char *text;

        if (node == NULL)
                return NULL;
        text = (char *)(node + 1);
        memcpy(text, event->data.scalar.value, length);
        text[length] = '\0';
        *node = (mh__ynode){.kind = MH_YSCALAR,
                            .line = mark_line(event->start_mark),
                            .column = mark_column(event->start_mark),
                            .value = text,
                            .length = length,
                            .plain = event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE};
        return node;
}

/* Handles one event inside a document: 1 document complete, 0 go on, <0 error. */
static int handle_event(mh__yreader *reader, mh__ydoc *doc, yaml_event_t *event)
{
        mh__ynode *node;

        switch (event->type) {
        case YAML_DOCUMENT_END_EVENT:
                return 1;
        case YAML_ALIAS_EVENT:
                doc_error(reader, doc, mark_line(event->start_mark), mark_column(event->start_mark),
                          "YAML aliases are not accepted (*%s)",
                          (const char *)event->data.alias.anchor);
                return MH_EINVALID;
        case YAML_SCALAR_EVENT:
                if (check_properties(reader, doc, event, event->data.scalar.anchor,
                                     event->data.scalar.tag) < 0)
                        return MH_EINVALID;
                if (event->data.scalar.length > MH_YAML_MAX_SCALAR_BYTES) {
                        doc_error(reader, doc, mark_line(event->start_mark),
                                  mark_column(event->start_mark),
                                  "this text is %zu bytes long: the limit is %u KiB",
                                  event->data.scalar.length, MH_YAML_MAX_SCALAR_BYTES >> 10);
                        return MH_EINVALID;
                }
                if ((node = new_scalar(doc, event)) == NULL)
                        return MH_ENOMEM;
                /* libyaml refuses raw control characters: only escapes make a NUL */
                if (event->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE &&
                    has_zero_byte(node->value, node->length)) {
                        doc_error(reader, doc, node->line, node->column,
                                  "NUL characters (\\0) are not allowed");
                        return MH_EINVALID;
                }
                attach(reader, doc, node);
                return 0;
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
                if (event->type == YAML_SEQUENCE_START_EVENT
                        ? check_properties(reader, doc, event, event->data.sequence_start.anchor,
                                           event->data.sequence_start.tag) < 0
                        : check_properties(reader, doc, event, event->data.mapping_start.anchor,
                                           event->data.mapping_start.tag) < 0)
                        return MH_EINVALID;
                if (reader->depth == MH_YAML_MAX_DEPTH) {
                        doc_error(reader, doc, mark_line(event->start_mark),
                                  mark_column(event->start_mark),
                                  "nesting is deeper than %d levels", MH_YAML_MAX_DEPTH);
                        return MH_EINVALID;
                }
                node = new_node(
                    doc, event->type == YAML_SEQUENCE_START_EVENT ? MH_YSEQUENCE : MH_YMAPPING,
                    event);
                if (node == NULL)
                        return MH_ENOMEM;
                attach(reader, doc, node);
                memset(&reader->stack[reader->depth], 0, sizeof(reader->stack[0]));
                reader->stack[reader->depth].node = node;
                reader->stack[reader->depth++].mapping = ++reader->mappings;
                return 0;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
                reader->depth--;
                return 0;
        default:
                return 0;
        }
}

/*
 * The first block of a document's arena: an answers document (its tree, then
 * the establishment read from it) fits in one, so reading one costs one
 * allocation rather than one per doubling of the block.
 */
#define DOCUMENT_FIRST_BLOCK ((size_t)32 * 1024)

static int starts_with_utf16_bom(const mh__yreader *reader)
{
        const void *start = reader->file != NULL ? (const void *)reader->head : reader->data;
        size_t length = reader->file != NULL ? reader->head_length : reader->length;

        return length >= 2 &&
               (memcmp(start, "\xFF\xFE", 2) == 0 || memcmp(start, "\xFE\xFF", 2) == 0);
}

int mh__yreader_next(mh__yreader *reader, mh__ydoc **out)
{
        mh__ydoc *doc = NULL;
        yaml_event_t event;
        int rc;

        if (reader->finished)
                return 0;
        if (starts_with_utf16_bom(reader)) {
                mh__diag_add(reader->diags, reader->source, 1, 1,
                             "the file is UTF-16: maturinh reads UTF-8 only (convert it with "
                             "iconv -f UTF-16 -t UTF-8)");
                reader->finished = 1;
                return MH_EINVALID;
        }
        for (;;) {
                if (!yaml_parser_parse(&reader->parser, &event)) {
                        report_parser_error(reader);
                        rc = reader->parser.error == YAML_MEMORY_ERROR ? MH_ENOMEM : MH_EINVALID;
                        goto fail;
                }
                if (event.type == YAML_STREAM_END_EVENT) {
                        yaml_event_delete(&event);
                        reader->finished = 1;
                        return 0;
                }
                if (event.type == YAML_DOCUMENT_START_EVENT &&
                    ++reader->documents > MH_YAML_MAX_DOCUMENTS) {
                        mh__diag_add(reader->diags, reader->source, mark_line(event.start_mark),
                                     mark_column(event.start_mark),
                                     "more than %u YAML documents in one file: split it",
                                     MH_YAML_MAX_DOCUMENTS);
                        yaml_event_delete(&event);
                        rc = MH_EINVALID;
                        goto fail;
                }
                if (event.type == YAML_DOCUMENT_START_EVENT) {
                        if ((doc = mh__malloc(sizeof(*doc))) == NULL) {
                                yaml_event_delete(&event);
                                rc = MH_ENOMEM;
                                goto fail;
                        }
                        memset(doc, 0, sizeof(*doc));
                        doc->line = mark_line(event.start_mark);
                        doc->column = mark_column(event.start_mark);
                        if (mh__arena_new_sized(&doc->arena, DOCUMENT_FIRST_BLOCK) < 0) {
                                yaml_event_delete(&event);
                                rc = MH_ENOMEM;
                                goto fail;
                        }
                        reader->depth = 0;
                        reader->doc_start = reader->parser.offset;
                        reader->counted_from = reader->doc_start;
                        reader->doc_line = doc->line;
                        reader->doc_column = doc->column;
                        yaml_event_delete(&event);
                        break;
                }
                yaml_event_delete(&event);
        }
        for (;;) {
                if (!yaml_parser_parse(&reader->parser, &event)) {
                        report_parser_error(reader);
                        rc = reader->parser.error == YAML_MEMORY_ERROR ? MH_ENOMEM : MH_EINVALID;
                        goto fail;
                }
                rc = handle_event(reader, doc, &event);
                if (rc == 1) {
                        /* what comes before the next document counts against it */
                        reader->counted_from = reader->parser.offset;
                        reader->doc_line = mark_line(event.end_mark);
                        reader->doc_column = mark_column(event.end_mark);
                }
                yaml_event_delete(&event);
                if (rc == 0 &&
                    reader->parser.offset - reader->doc_start > MH_YAML_MAX_DOCUMENT_BYTES) {
                        doc_error(reader, doc, mh__ydoc_line(doc), mh__ydoc_column(doc),
                                  "this YAML document is larger than the %u MiB limit",
                                  MH_YAML_MAX_DOCUMENT_BYTES >> 20);
                        rc = MH_EINVALID;
                }
                if (rc < 0)
                        goto fail;
                if (rc == 1)
                        break;
        }
        if (doc->root == NULL) {
                /* libyaml always emits a node, but keep the promise of a root anyway */
                static const mh__ynode empty = {
                    .kind = MH_YSCALAR, .line = 1, .column = 1, .plain = 1, .value = ""};
                doc->root = &empty;
        }
        *out = doc;
        return 1;
fail:
        reader->finished = 1;
        if (rc == MH_EINVALID && doc != NULL && doc->root != NULL) {
                *out = doc; /* the part read so far, to say whose document it was */
                return rc;
        }
        mh__ydoc_free(doc);
        return rc;
}

/* ---- Reading nodes ------------------------------------------------------ */

const mh__ynode *mh__ynode_get(const mh__ynode *mapping, const char *key)
{
        const mh__ynode *child;
        size_t length;

        if (mapping == NULL || mapping->kind != MH_YMAPPING)
                return NULL;
        length = strlen(key);
        for (child = mapping->first; child != NULL; child = child->next)
                if (child->key->length == length && memcmp(child->key->value, key, length) == 0)
                        return child;
        return NULL;
}

static int all_digits(const char *s, size_t n)
{
        size_t i;

        if (n == 0)
                return 0;
        for (i = 0; i < n; i++)
                if (s[i] < '0' || s[i] > '9')
                        return 0;
        return 1;
}

/* [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )? */
static int is_core_float(const char *s)
{
        const char *p = s;
        int mantissa_digits = 0;

        if (*p == '-' || *p == '+')
                p++;
        for (; *p >= '0' && *p <= '9'; p++)
                mantissa_digits++;
        if (*p == '.') {
                p++;
                for (; *p >= '0' && *p <= '9'; p++)
                        mantissa_digits++;
        }
        if (mantissa_digits == 0)
                return 0;
        if (*p == 'e' || *p == 'E') {
                p++;
                if (*p == '-' || *p == '+')
                        p++;
                if (!(*p >= '0' && *p <= '9'))
                        return 0;
                while (*p >= '0' && *p <= '9')
                        p++;
        }
        return *p == '\0';
}

static int is_special_float(const char *s)
{
        static const char *const names[] = {".inf",  ".Inf",  ".INF",  "+.inf", "+.Inf", "+.INF",
                                            "-.inf", "-.Inf", "-.INF", ".nan",  ".NaN",  ".NAN"};
        size_t i;

        for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
                if (strcmp(s, names[i]) == 0)
                        return 1;
        return 0;
}

mh__yvalue mh__yscalar_kind(const mh__ynode *scalar)
{
        const char *s = scalar->value;

        if (!scalar->plain)
                return MH_YSTRING;
        if (scalar->length == 0 || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
            strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0)
                return MH_YNULL;
        if (strcmp(s, "true") == 0 || strcmp(s, "True") == 0 || strcmp(s, "TRUE") == 0 ||
            strcmp(s, "false") == 0 || strcmp(s, "False") == 0 || strcmp(s, "FALSE") == 0)
                return MH_YBOOL;
        if (all_digits(s + (*s == '-' || *s == '+'), scalar->length - (*s == '-' || *s == '+')))
                return MH_YINT;
        if (is_core_float(s) || is_special_float(s))
                return MH_YFLOAT;
        return MH_YSTRING;
}

int mh__yscalar_bool(const mh__ynode *scalar)
{
        return scalar->value[0] == 't' || scalar->value[0] == 'T';
}

double mh__yscalar_number(const mh__ynode *scalar)
{
        const char *s = scalar->value;

        if (is_special_float(s)) {
                if (strstr(s, "nan") || strstr(s, "NaN") || strstr(s, "NAN"))
                        return nan("");
                return s[0] == '-' ? -HUGE_VAL : HUGE_VAL; /* doubles: no float promotion */
        }
        return mh__strtod_c(s, NULL);
}

const char *mh__ynode_describe(const mh__ynode *node)
{
        switch (node->kind) {
        case MH_YMAPPING:
                return N_("a mapping");
        case MH_YSEQUENCE:
                return N_("a sequence");
        case MH_YSCALAR:
                break;
        }
        switch (mh__yscalar_kind(node)) {
        case MH_YNULL:
                return N_("an empty value");
        case MH_YBOOL:
                return N_("a boolean");
        case MH_YINT:
        case MH_YFLOAT:
                return N_("a number");
        case MH_YSTRING:
                break;
        }
        return N_("a string");
}
