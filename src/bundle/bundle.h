/* bundle.h — the integrity of a certification evidence bundle (issue #17): a directory
 * of reports and captures sealed by MANIFEST.sha256, the SHA-256 of every regular file
 * under it in `sha256sum` format, and optionally MANIFEST.sig, an Ed25519 signature of
 * the manifest's exact bytes.
 *
 * MANIFEST.sha256 has one line per file, sorted by path in strcmp order:
 *
 *     <64 lowercase hex digits><two spaces><path relative to DIR>\n
 *
 * so that `sha256sum -c MANIFEST.sha256` run in DIR checks it.  MANIFEST.sha256 and
 * MANIFEST.sig are not listed; symbolic links, devices, FIFOs and sockets are refused, and
 * so are names with a newline or a backslash (which sha256sum would escape).
 *
 * MANIFEST.sig is two lines of text:
 *
 *     ed25519 <base64 of the 64-byte signature>\n
 *     key <hex SHA-256 of the raw 32-byte public key: its fingerprint>\n
 *
 * Keys are PEM files as OpenSSL writes them: the private key PKCS#8 ("PRIVATE KEY"), the
 * public key SubjectPublicKeyInfo ("PUBLIC KEY"); `openssl genpkey -algorithm ed25519`
 * makes a usable private key, and `openssl pkey -pubout` its public key.
 *
 * Every file is written whole: its content goes to FILE.tmp beside it, synced, then
 * renamed over FILE (a key file is linked instead, so that an existing one is never
 * replaced).  Errors name the file and the reason.
 */
#ifndef PMIP4CT_BUNDLE_H
#define PMIP4CT_BUNDLE_H

#include <stddef.h>
#include <stdio.h>

#define BUNDLE_MANIFEST "MANIFEST.sha256"
#define BUNDLE_SIG	"MANIFEST.sig"

/* DIR/REL, malloc'd; NULL when out of memory. */
char *bundle_join(const char *dir, const char *rel);

/* Can dir take a new bundle: it does not exist, or is an empty directory (not a
 * symbolic link to one)?  0, or -1 with err ("DIR: not empty: ...", "DIR: exists and is
 * not a directory", the system's reason) — the evidence of two runs never mixes. */
int bundle_dir_unused(const char *dir, char *err, size_t errlen);

/* Write DIR/MANIFEST.sha256 for the files under DIR as they are now (a stale
 * MANIFEST.sha256.tmp or MANIFEST.sig.tmp of a killed writer is removed first).  0, or
 * -1 with err (a refused file, an unreadable one, a failed write: the old manifest, if
 * any, is left as it was). */
int bundle_manifest_write(const char *dir, char *err, size_t errlen);

/* Make an Ed25519 key pair: PREFIX.key (the private key, mode 0600) and PREFIX.pub.
 * Refuses, writing nothing, when either file exists.  0, or -1 with err. */
int bundle_keygen(const char *prefix, char *err, size_t errlen);

/* Sign DIR/MANIFEST.sha256's bytes with the private key in keyfile: writes
 * DIR/MANIFEST.sig.  0, or -1 with err (no manifest, a key file that is not PEM, holds no
 * private key, or not an Ed25519 one). */
int bundle_sign(const char *dir, const char *keyfile, char *err, size_t errlen);

/* Can keyfile sign (an Ed25519 private key, PEM, not encrypted)?  A run checks before
 * its first case, not when sealing after hours.  0, or -1 with err. */
int bundle_key_check(const char *keyfile, char *err, size_t errlen);

/* What a run seals its bundle with: bundle_manifest_write, then bundle_sign with keyfile
 * when it is not NULL.  0, or -1 with err.  When the key cannot be loaded or the manifest
 * cannot be written, the bundle is left as it was; once the manifest is written, a
 * MANIFEST.sig that signs the old one is replaced or, with no keyfile (or when signing
 * fails), removed. */
int bundle_seal(const char *dir, const char *keyfile, char *err, size_t errlen);

/* Check the bundle in DIR and report to out, one line each:
 *   changed: PATH      listed, but its SHA-256 differs
 *   removed: PATH      listed, but not there
 *   added: PATH        there (a regular file), but not listed
 *   unreadable: PATH: REASON
 * then the signature: with pubkey (a PEM public key file), `signature: good (key FP)` or
 * `signature: BAD: REASON` (MANIFEST.sig missing, damaged, made by another key, or not
 * matching the manifest); without, `unsigned: hashes only` or `signature: present, not
 * checked: give --pubkey`.  The last line sums up: `bundle DIR: N files, all hashes match;
 * signature good`, or `bundle DIR: FAILED: C changed, A added, R removed; ...`, or
 * `bundle DIR: cannot verify: REASON`.
 * Returns 0 when every hash matches and, with pubkey, the signature is good; 1 when some
 * file or the signature fails (a symbolic link or another non-regular file in DIR fails
 * too); 2 for bad input: no readable manifest, a malformed manifest line (named
 * MANIFEST.sha256:LINE), an unreadable or non-Ed25519 public key. */
int bundle_verify(const char *dir, const char *pubkey, FILE *out);

#endif
