/*
 * texthash.h: the hash of short texts (identifiers, mapping keys).
 *
 * One function for both sides of the hottest look-up of the engine: the
 * YAML reader hashes every mapping key once (for its duplicate check), and
 * the référentiel's table of ids is built with the same function, so an
 * answer's key is found without hashing it a second time.
 */
#ifndef MH_TEXTHASH_H
#define MH_TEXTHASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The hash of `length` bytes at `data`, eight at a time (then the last few one by one). */
static inline size_t mh__hash_bytes(const void *data, size_t length)
{
        const unsigned char *p = data;
        uint64_t h = 0x9E3779B97F4A7C15u ^ length, word;

        for (; length >= 8; length -= 8, p += 8) {
                memcpy(&word, p, 8);
                h = (h ^ word) * 0xFF51AFD7ED558CCDu;
                h ^= h >> 32;
        }
        for (word = 0; length > 0; length--)
                word = (word << 8) | *p++;
        h = (h ^ word) * 0xC4CEB9FE1A85EC53u;
        return (size_t)(h ^ (h >> 29));
}

#endif
