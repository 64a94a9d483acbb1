/*
 * sha256.c: SHA-256 through OpenSSL's libcrypto (EVP interface).
 *
 * The engine records the digest of a référentiel's bytes with every score it
 * stores, so that a score can be traced to the exact criteria that made it.
 */
#include <openssl/evp.h>

#include "util/util.h"
#include "util/sha256.h"

int mh__sha256_hex(char hex[MH_SHA256_HEX_SIZE], const void *data, size_t length)
{
        static const char digits[] = "0123456789abcdef";
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int digest_length = 0;
        unsigned int i;

        if (EVP_Digest(data, length, digest, &digest_length, EVP_sha256(), NULL) != 1 ||
            digest_length != 32)
                return MH_ENOMEM;
        for (i = 0; i < digest_length; i++) {
                hex[2 * i] = digits[digest[i] >> 4];
                hex[2 * i + 1] = digits[digest[i] & 0x0f];
        }
        hex[64] = '\0';
        return 0;
}
