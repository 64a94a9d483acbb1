/*
 * yamltree.h: YAML documents as small trees (the only module that includes
 * libyaml's <yaml.h>).
 *
 * A reader parses a YAML stream one document at a time into a tree of
 * scalars, sequences and mappings, each located (1-based line and column).
 * It enforces the rules every maturinh input shares: no anchors, aliases or
 * explicit tags, no duplicate or non-scalar keys, a bounded nesting depth, and
 * it turns libyaml's errors (syntax, invalid UTF-8) into located diagnostics.
 * It does not give meaning to scalars beyond the YAML 1.2 core schema
 * resolution of plain scalars (null, booleans, numbers, strings).
 */
#ifndef MH_YAMLTREE_H
#define MH_YAMLTREE_H

#include <stddef.h>
#include <stdio.h>

#include "util/util.h"

/** One document of a stream may not be larger than this (memory stays bounded). */
#define MH_YAML_MAX_DOCUMENT_BYTES (16u * 1024u * 1024u)

/** Containers nested deeper than this are refused. */
#define MH_YAML_MAX_DEPTH 64

/** One scalar (a key, an answer, a comment) may not be longer than this. */
#define MH_YAML_MAX_SCALAR_BYTES (64u * 1024u)

/** A stream may not hold more documents than this (a national file has a few thousand). */
#define MH_YAML_MAX_DOCUMENTS 1000000u

typedef enum { MH_YSCALAR, MH_YSEQUENCE, MH_YMAPPING } mh__ykind;

/** What a scalar is under the YAML 1.2 core schema (quoted scalars are strings). */
typedef enum { MH_YNULL, MH_YBOOL, MH_YINT, MH_YFLOAT, MH_YSTRING } mh__yvalue;

typedef struct mh__ynode mh__ynode;
struct mh__ynode {
        mh__ykind kind;
        unsigned line;        /* 1-based line of the node's first character */
        unsigned column;      /* 1-based column, in characters */
        int plain;            /* scalar: written without quotes or block style */
        const char *value;    /* scalar: its text, NUL-terminated */
        size_t length;        /* scalar: bytes in value */
        size_t hash;          /* a mapping's scalar key: mh__hash_bytes() of its text */
        const mh__ynode *key; /* a mapping's value: the scalar key it belongs to */
        mh__ynode *first;     /* container: first child (a mapping holds its values) */
        mh__ynode *last;      /* container: last child */
        size_t count;         /* container: number of children */
        mh__ynode *next;      /* next sibling in the parent container */
};

typedef struct mh__ydoc mh__ydoc;
typedef struct mh__yreader mh__yreader;

/**
 * A reader over `length` bytes at `data` (not copied: they must outlive the
 * reader).  `source` names the input in diagnostics, which go to `diags`.
 */
int mh__yreader_new_buffer(mh__yreader **out, const char *data, size_t length, const char *source,
                           mh_diagnostics *diags);
/**
 * A reader that streams `file` (not closed by the reader): memory holds one
 * document at a time, whatever the size of the file.  `max_bytes` (0: none)
 * bounds the whole input.  Nothing may have been read from `file` yet: the
 * reader makes it unbuffered, so that libyaml's reads go straight to the
 * system in pieces of its own size.
 */
int mh__yreader_new_file(mh__yreader **out, FILE *file, size_t max_bytes, const char *source,
                         mh_diagnostics *diags);
void mh__yreader_free(mh__yreader *reader);

/**
 * Parses the next document of the stream.  Returns 1 with *out set (free it
 * with mh__ydoc_free()), 0 at the end of the stream, MH_EINVALID when the
 * stream cannot be parsed further (the reason is diagnosed) or MH_ENOMEM.
 * A returned document may still carry errors that did not stop parsing
 * (a duplicate key, a non-scalar key): see mh__ydoc_error_count().  On
 * MH_EINVALID inside a document, *out may be set to the part of it read so
 * far (free it too): enough to tell whose document it was.
 */
int mh__yreader_next(mh__yreader *reader, mh__ydoc **out);

void mh__ydoc_free(mh__ydoc *doc);
/**
 * Hands the arena holding the document's nodes and texts to the caller, who
 * frees it with mh__arena_free(): what it read from the nodes may then outlive
 * the document without being copied.  The document stays readable until that
 * arena is freed; mh__ydoc_free() no longer frees it.
 */
mh__arena *mh__ydoc_take_arena(mh__ydoc *doc);
/** The document's root node; a document with no content has a null scalar. */
const mh__ynode *mh__ydoc_root(const mh__ydoc *doc);
/** Line and column where the document starts. */
unsigned mh__ydoc_line(const mh__ydoc *doc);
unsigned mh__ydoc_column(const mh__ydoc *doc);
/** Errors diagnosed while building this document. */
size_t mh__ydoc_error_count(const mh__ydoc *doc);

/* ---- Reading nodes ------------------------------------------------------ */

/** The value of `key` in a mapping, or NULL. */
const mh__ynode *mh__ynode_get(const mh__ynode *mapping, const char *key);
/** The core-schema kind of a scalar. */
mh__yvalue mh__yscalar_kind(const mh__ynode *scalar);
/** For a MH_YBOOL scalar: 1 or 0. */
int mh__yscalar_bool(const mh__ynode *scalar);
/** For a MH_YINT or MH_YFLOAT scalar: its value (may be infinite or NaN for .inf/.nan). */
double mh__yscalar_number(const mh__ynode *scalar);
/** "a mapping", "a sequence", "a string", "a number", "a boolean", "an empty value"
 * (English, marked N_(): mh__tr() translates it). */
const char *mh__ynode_describe(const mh__ynode *node);

#endif
