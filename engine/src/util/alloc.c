/*
 * alloc.c: the allocation hook and the arena.
 *
 * Every allocation of the engine goes through mh__malloc()/mh__realloc()/
 * mh__free(), which call the functions installed by mh_set_alloc_funcs()
 * (malloc, realloc and free by default).  The arena hands out zeroed,
 * aligned pieces of large blocks; it suits parsed documents and loaded
 * référentiels, whose objects all die together.
 */
#include <stdlib.h>
#include <string.h>
#include <stdalign.h>

#include "util/util.h"

static mh_malloc_fn hook_malloc = malloc;
static mh_realloc_fn hook_realloc = realloc;
static mh_free_fn hook_free = free;

void mh_set_alloc_funcs(mh_malloc_fn malloc_fn, mh_realloc_fn realloc_fn, mh_free_fn free_fn)
{
        if (malloc_fn == NULL || realloc_fn == NULL || free_fn == NULL) {
                hook_malloc = malloc;
                hook_realloc = realloc;
                hook_free = free;
                return;
        }
        hook_malloc = malloc_fn;
        hook_realloc = realloc_fn;
        hook_free = free_fn;
}

void *mh__malloc(size_t size)
{
        return hook_malloc(size == 0 ? 1 : size);
}

void *mh__realloc(void *ptr, size_t size)
{
        return hook_realloc(ptr, size == 0 ? 1 : size);
}

void mh__free(void *ptr)
{
        if (ptr != NULL)
                hook_free(ptr);
}

char *mh__strdup(const char *s)
{
        size_t length = strlen(s);
        char *copy = mh__malloc(length + 1);

        if (copy != NULL)
                memcpy(copy, s, length + 1);
        return copy;
}

/* ---- Arena -------------------------------------------------------------- */

/* Blocks start small (an establishment needs a few KiB) and double up to the maximum. */
#define ARENA_FIRST_BLOCK ((size_t)4 * 1024)
#define ARENA_BLOCK_SIZE  ((size_t)64 * 1024)

struct arena_block {
        struct arena_block *next; /* the block allocated before this one */
        alignas(max_align_t) unsigned char data[];
};

_Static_assert(MH_ARENA_ALIGN % alignof(max_align_t) == 0,
               "arena pieces must be aligned for any object");

int mh__arena_new_sized(mh__arena **out, size_t first_block)
{
        mh__arena *arena = mh__malloc(sizeof(*arena));

        if (arena == NULL)
                return MH_ENOMEM;
        arena->cursor = NULL;
        arena->end = NULL;
        arena->head = NULL;
        arena->next_size = first_block > 0 ? first_block : ARENA_FIRST_BLOCK;
        *out = arena;
        return 0;
}

int mh__arena_new(mh__arena **out)
{
        return mh__arena_new_sized(out, ARENA_FIRST_BLOCK);
}

void mh__arena_free(mh__arena *arena)
{
        struct arena_block *block, *next;

        if (arena == NULL)
                return;
        for (block = arena->head; block != NULL; block = next) {
                next = block->next;
                mh__free(block);
        }
        mh__free(arena);
}

/*
 * The slow path of mh__arena_alloc_raw() (util.h): a new block, of at
 * least `size` bytes.  The rest of the previous block is left unused.
 */
void *mh__arena_grow(mh__arena *arena, size_t size)
{
        struct arena_block *block;
        size_t data_size;

        size = (size + MH_ARENA_ALIGN - 1) & ~(size_t)(MH_ARENA_ALIGN - 1);
        if (size == 0)
                size = MH_ARENA_ALIGN;
        data_size = size > arena->next_size ? size : arena->next_size;
        if (arena->next_size < ARENA_BLOCK_SIZE)
                arena->next_size *= 2;
        if ((block = mh__malloc(sizeof(*block) + data_size)) == NULL)
                return NULL;
        block->next = arena->head;
        arena->head = block;
        arena->cursor = block->data + size;
        arena->end = block->data + data_size;
        return block->data;
}

void *mh__arena_alloc(mh__arena *arena, size_t size)
{
        void *piece = mh__arena_alloc_raw(arena, size);

        if (piece != NULL)
                memset(piece, 0, size);
        return piece;
}

char *mh__arena_strndup(mh__arena *arena, const char *s, size_t length)
{
        char *copy = mh__arena_alloc_raw(arena, length + 1); /* every byte is written below */

        if (copy != NULL) {
                memcpy(copy, s, length);
                copy[length] = '\0';
        }
        return copy;
}

char *mh__arena_strdup(mh__arena *arena, const char *s)
{
        return mh__arena_strndup(arena, s, strlen(s));
}
