/* bundle_priv.h — what the bundle's files share: the walk over a bundle's files and
 * their hashes (manifest.c), the keys (sign.c), whole-file reads and writes and hex
 * (bundle_io.c).  Not for other components: bundle.h is the API.
 */
#ifndef PMIP4CT_BUNDLE_PRIV_H
#define PMIP4CT_BUNDLE_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <openssl/evp.h>

#define BUNDLE_SHA256_LEN 32
#define BUNDLE_ED25519_LEN 32 /* a raw public key */
#define BUNDLE_SIG_LEN	  64
#define BUNDLE_FP_HEX	  (2 * BUNDLE_SHA256_LEN + 1) /* a fingerprint as text, NUL ended */
#define BUNDLE_SIG_B64	  88 /* base64 of BUNDLE_SIG_LEN bytes, "==" ended */
#define BUNDLE_MANIFEST_MAX (64u << 20)
#define BUNDLE_KEY_MAX	  (64u << 10) /* a PEM key file */

/* MANIFEST.sig's lines (bundle.h) start with these. */
#define BUNDLE_SIG_ALG "ed25519 "
#define BUNDLE_SIG_KEY "key "

/* ---- manifest.c ---- */

/* The regular files under a bundle's directory, relative paths in strcmp order. */
struct bundle_files {
	char **path;
	size_t n, cap;
};

enum bundle_walk_rc {
	BUNDLE_WALK_OK = 0,
	BUNDLE_WALK_IO = -1,	  /* a directory could not be read, out of memory */
	BUNDLE_WALK_REFUSED = -2, /* a symbolic link, a device, a name with \n or \\ */
};

/* Every regular file under dir but the manifest and its signature; a bundle_walk_rc,
 * err set unless OK.  With refused, a refused entry does not stop the walk: it is added
 * there as "PATH: REASON".  fl and refused are freed with bundle_files_free either way. */
int bundle_walk(const char *dir, struct bundle_files *fl, struct bundle_files *refused,
		char *err, size_t errlen);
void bundle_files_free(struct bundle_files *fl);
/* SHA-256 of dir/rel, which must be a regular file (not followed if a link).  0, or -1
 * with err naming rel. */
int bundle_hash_file(const char *dir, const char *rel, uint8_t md[BUNDLE_SHA256_LEN],
		     char *err, size_t errlen);

/* ---- sign.c ---- */

/* The Ed25519 key in a PEM file: private (PKCS#8) or public (SubjectPublicKeyInfo).
 * NULL with err naming the file and why. */
EVP_PKEY *bundle_key_load(const char *file, bool private_key, char *err, size_t errlen);
/* The key's fingerprint: hex SHA-256 of its raw public key.  0, or -1. */
int bundle_key_fingerprint(EVP_PKEY *k, char fp[BUNDLE_FP_HEX]);

/* ---- bundle_io.c ---- */

/* dir/rel in a new string, or NULL (out of memory). */
/* dir/name in a new string, or NULL with err "name: out of memory". */
char *bundle_path(const char *dir, const char *name, char *err, size_t errlen);
/* Remove dir/name: 0 when it is gone (or never was), else -1 with err. */
int bundle_remove(const char *dir, const char *name, char *err, size_t errlen);
/* The whole file, NUL ended (len without the NUL), at most max bytes; 0, or -1 with err
 * and errno kept (ENOENT: no such file). */
int bundle_read(const char *path, size_t max, char **buf, size_t *len, char *err,
		size_t errlen);
/* Write path whole: PATH.tmp written, synced, then renamed over path; or, with
 * no_replace, linked to path so that an existing path is never replaced.  0, or -1 with
 * err (PATH.tmp removed). */
int bundle_write(const char *path, const void *p, size_t n, mode_t mode, bool no_replace,
		 char *err, size_t errlen);
/* n bytes as 2n lowercase hex digits and a NUL. */
void bundle_hex(char *out, const uint8_t *p, size_t n);
/* 2n hex digits (either case) into n bytes: 0, or -1. */
int bundle_unhex(uint8_t *out, const char *s, size_t n);
/* SHA-256 of p[0..n): 0, or -1. */
int bundle_sha256(const void *p, size_t n, uint8_t md[BUNDLE_SHA256_LEN]);

#endif
