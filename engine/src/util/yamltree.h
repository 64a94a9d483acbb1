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

typedef enum { MH_YSCALAR, MH_YSEQUENCE, MH_YMAPPING } mh_ykind;

/** What a scalar is under the YAML 1.2 core schema (quoted scalars are strings). */
typedef enum { MH_YNULL, MH_YBOOL, MH_YINT, MH_YFLOAT, MH_YSTRING } mh_yvalue;

typedef struct mh_ynode mh_ynode;
struct mh_ynode {
        mh_ykind kind;
        unsigned line;       /* 1-based line of the node's first character */
        unsigned column;     /* 1-based column, in characters */
        int plain;           /* scalar: written without quotes or block style */
        const char *value;   /* scalar: its text, NUL-terminated */
        size_t length;       /* scalar: bytes in value */
        size_t hash;         /* a mapping's scalar key: mh_hash_bytes() of its text */
        const mh_ynode *key; /* a mapping's value: the scalar key it belongs to */
        mh_ynode *first;     /* container: first child (a mapping holds its values) */
        mh_ynode *last;      /* container: last child */
        size_t count;        /* container: number of children */
        mh_ynode *next;      /* next sibling in the parent container */
};

typedef struct mh_ydoc mh_ydoc;
typedef struct mh_yreader mh_yreader;

/**
 * A reader over `length` bytes at `data` (not copied: they must outlive the
 * reader).  `source` names the input in diagnostics, which go to `diags`.
 */
int mh_yreader_new_buffer(mh_yreader **out, const char *data, size_t length, const char *source,
                          mh_diagnostics *diags);
/**
 * A reader that streams `file` (not closed by the reader): memory holds one
 * document at a time, whatever the size of the file.  `max_bytes` (0: none)
 * bounds the whole input.  Nothing may have been read from `file` yet: the
 * reader makes it unbuffered, so that libyaml's reads go straight to the
 * system in pieces of its own size.
 */
int mh_yreader_new_file(mh_yreader **out, FILE *file, size_t max_bytes, const char *source,
                        mh_diagnostics *diags);
void mh_yreader_free(mh_yreader *reader);

/**
 * Parses the next document of the stream.  Returns 1 with *out set (free it
 * with mh_ydoc_free()), 0 at the end of the stream, MH_EINVALID when the
 * stream cannot be parsed further (the reason is diagnosed) or MH_ENOMEM.
 * A returned document may still carry errors that did not stop parsing
 * (a duplicate key, a non-scalar key): see mh_ydoc_error_count().  On
 * MH_EINVALID inside a document, *out may be set to the part of it read so
 * far (free it too): enough to tell whose document it was.
 */
int mh_yreader_next(mh_yreader *reader, mh_ydoc **out);

void mh_ydoc_free(mh_ydoc *doc);
/**
 * Hands the arena holding the document's nodes and texts to the caller, who
 * frees it with mh_arena_free(): what it read from the nodes may then outlive
 * the document without being copied.  The document stays readable until that
 * arena is freed; mh_ydoc_free() no longer frees it.
 */
mh_arena *mh_ydoc_take_arena(mh_ydoc *doc);
/** The document's root node; a document with no content has a null scalar. */
const mh_ynode *mh_ydoc_root(const mh_ydoc *doc);
/** Line and column where the document starts. */
unsigned mh_ydoc_line(const mh_ydoc *doc);
unsigned mh_ydoc_column(const mh_ydoc *doc);
/** Errors diagnosed while building this document. */
size_t mh_ydoc_error_count(const mh_ydoc *doc);

/* ---- Reading nodes ------------------------------------------------------ */

/** The value of `key` in a mapping, or NULL. */
const mh_ynode *mh_ynode_get(const mh_ynode *mapping, const char *key);
/** The core-schema kind of a scalar. */
mh_yvalue mh_yscalar_kind(const mh_ynode *scalar);
/** For a MH_YBOOL scalar: 1 or 0. */
int mh_yscalar_bool(const mh_ynode *scalar);
/** For a MH_YINT or MH_YFLOAT scalar: its value (may be infinite or NaN for .inf/.nan). */
double mh_yscalar_number(const mh_ynode *scalar);
/** "a mapping", "a sequence", "a string", "a number", "a boolean", "null". */
const char *mh_ynode_describe(const mh_ynode *node);

#endif
