/*
 * sha256.h: SHA-256 digests (the only module that includes OpenSSL's libcrypto).
 */
#ifndef MH_SHA256_H
#define MH_SHA256_H

#include <stddef.h>

/** Hex digest length plus the terminating NUL. */
#define MH_SHA256_HEX_SIZE 65

/**
 * Writes the SHA-256 of `length` bytes at `data` as 64 lowercase hexadecimal
 * characters and a NUL into `hex`.  Returns 0, or MH_ENOMEM when libcrypto
 * cannot allocate its context.
 */
int mh__sha256_hex(char hex[MH_SHA256_HEX_SIZE], const void *data, size_t length);

#endif
