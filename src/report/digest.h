/* digest.h — SHA-256 as the reports use it (OpenSSL EVP): of a buffer, of a file, and of
 * the running binary (the build id the reports carry, so two reports of one build can be
 * told apart from two of different builds: pmip4ct-bundle(5), pmip4ct-gen(5)).
 */
#ifndef PMIP4CT_DIGEST_H
#define PMIP4CT_DIGEST_H

#include <stddef.h>

#define DIGEST_HEX 65 /* 64 hex digits and the NUL */

/* The SHA-256 of p[0..n) in lowercase hex. */
void digest_sha256_hex(const void *p, size_t n, char hex[DIGEST_HEX]);

/* The SHA-256 of a file's content.  0, or -1 with err ("PATH: reason"). */
int digest_file_sha256(const char *path, char hex[DIGEST_HEX], char *err, size_t errlen);

/* The build: the first 16 hex digits of the SHA-256 of /proc/self/exe, or "unknown". */
void digest_build_id(char *out, size_t n);

#endif
