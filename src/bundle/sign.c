/* sign.c — Ed25519 keys and MANIFEST.sig (bundle.h): key pairs made and loaded as PEM,
 * their fingerprints, and the signature of a bundle's manifest (OpenSSL 3 EVP; Ed25519
 * signs the message itself, so EVP_DigestSign runs with no digest).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include "bundle.h"
#include "bundle_priv.h"

/* An encrypted key is refused, never asked for at the terminal. */
static int key_no_password(char *buf, int size, int rwflag, void *u)
{
	return -1;
}

/* The key in pem (len bytes), or NULL with *why. */
static EVP_PKEY *key_parse(const char *pem, size_t len, bool private_key, const char **why)
{
	BIO *b = BIO_new_mem_buf(pem, (int)len);
	EVP_PKEY *k = NULL;

	if (b && private_key)
		k = PEM_read_bio_PrivateKey(b, NULL, key_no_password, NULL);
	else if (b)
		k = PEM_read_bio_PUBKEY(b, NULL, NULL, NULL);
	BIO_free(b);
	ERR_clear_error();
	if (!k && private_key)
		*why = "no private key in it (a PKCS#8 PEM PRIVATE KEY expected)";
	else if (!k)
		*why = "no public key in it (a PEM PUBLIC KEY expected)";
	return k;
}

/* Why the PEM text cannot hold the key wanted, before OpenSSL parses it; or NULL. */
static const char *key_precheck(const char *pem, bool private_key)
{
	if (!strstr(pem, "-----BEGIN "))
		return "not a PEM file";
	if (private_key && strstr(pem, "-----BEGIN ENCRYPTED PRIVATE KEY"))
		return "an encrypted private key: not supported";
	if (!private_key && strstr(pem, "PRIVATE KEY-----"))
		return "a private key: give the public key (PREFIX.pub)";
	return NULL;
}

EVP_PKEY *bundle_key_load(const char *file, bool private_key, char *err, size_t errlen)
{
	const char *why;
	EVP_PKEY *k = NULL;
	char *pem;
	size_t len;

	if (bundle_read(file, BUNDLE_KEY_MAX, &pem, &len, err, errlen) < 0)
		return NULL;
	why = key_precheck(pem, private_key);
	if (!why)
		k = key_parse(pem, len, private_key, &why);
	OPENSSL_clear_free(pem, len);
	if (k && EVP_PKEY_get_base_id(k) != EVP_PKEY_ED25519) {
		const char *type = EVP_PKEY_get0_type_name(k);

		snprintf(err, errlen, "%s: not an Ed25519 key (%s)", file, type ? type : "?");
		EVP_PKEY_free(k);
		return NULL;
	}
	if (!k)
		snprintf(err, errlen, "%s: %s", file, why);
	return k;
}

int bundle_key_check(const char *keyfile, char *err, size_t errlen)
{
	EVP_PKEY *k = bundle_key_load(keyfile, true, err, errlen);

	EVP_PKEY_free(k);
	return k ? 0 : -1;
}

int bundle_key_fingerprint(EVP_PKEY *k, char fp[BUNDLE_FP_HEX])
{
	uint8_t raw[BUNDLE_ED25519_LEN], md[BUNDLE_SHA256_LEN];
	size_t n = sizeof raw;

	if (EVP_PKEY_get_raw_public_key(k, raw, &n) != 1 || n != sizeof raw ||
	    bundle_sha256(raw, n, md) < 0)
		return -1;
	bundle_hex(fp, md, sizeof md);
	return 0;
}

/* ---- keygen ---- */

static char *key_path(const char *prefix, const char *suffix)
{
	size_t n = strlen(prefix) + strlen(suffix) + 1;
	char *s = malloc(n);

	if (s)
		snprintf(s, n, "%s%s", prefix, suffix);
	return s;
}

/* Write k as PEM (its private or its public half) to path, never replacing a file. */
static int key_write(EVP_PKEY *k, bool private_key, const char *path, char *err,
		     size_t errlen)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *pem = NULL;
	long len = 0;
	int ok, rc = -1;

	if (private_key)
		ok = b && PEM_write_bio_PrivateKey(b, k, NULL, NULL, 0, NULL, NULL);
	else
		ok = b && PEM_write_bio_PUBKEY(b, k);
	if (ok)
		len = BIO_get_mem_data(b, &pem);
	if (ok && len > 0)
		rc = bundle_write(path, pem, (size_t)len, private_key ? 0600 : 0644, true, err,
				  errlen);
	else
		snprintf(err, errlen, "%s: cannot encode the key", path);
	if (pem)
		OPENSSL_cleanse(pem, (size_t)len);
	BIO_free(b);
	return rc;
}

static int keygen_files(const char *key, const char *pub, char *err, size_t errlen)
{
	struct stat st;
	EVP_PKEY *k;
	int rc = -1;

	if (!lstat(key, &st) || !lstat(pub, &st)) {
		snprintf(err, errlen, "%s: exists already: not overwritten",
			 !lstat(key, &st) ? key : pub);
		return -1;
	}
	k = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	if (!k)
		snprintf(err, errlen, "%s: Ed25519 key generation failed", key);
	else if (key_write(k, true, key, err, errlen) == 0) {
		rc = key_write(k, false, pub, err, errlen);
		if (rc < 0)
			unlink(key); /* no private key without its public key */
	}
	EVP_PKEY_free(k);
	return rc;
}

int bundle_keygen(const char *prefix, char *err, size_t errlen)
{
	char *key = key_path(prefix, ".key"), *pub = key_path(prefix, ".pub");
	int rc = -1;

	if (key && pub)
		rc = keygen_files(key, pub, err, errlen);
	else
		snprintf(err, errlen, "%s: out of memory", prefix);
	free(key);
	free(pub);
	return rc;
}

/* ---- MANIFEST.sig ---- */

/* MANIFEST.sig's text for the signature sig by k, into text[cap]: 0, or -1. */
static int sig_text(EVP_PKEY *k, const uint8_t sig[BUNDLE_SIG_LEN], char *text, size_t cap)
{
	unsigned char b64[BUNDLE_SIG_B64 + 1];
	char fp[BUNDLE_FP_HEX];

	if (EVP_EncodeBlock(b64, sig, BUNDLE_SIG_LEN) != BUNDLE_SIG_B64 ||
	    bundle_key_fingerprint(k, fp) < 0)
		return -1;
	snprintf(text, cap, BUNDLE_SIG_ALG "%s\n" BUNDLE_SIG_KEY "%s\n", (char *)b64, fp);
	return 0;
}

static int sig_make(EVP_PKEY *k, const char *msg, size_t len, uint8_t sig[BUNDLE_SIG_LEN])
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	size_t n = BUNDLE_SIG_LEN;
	int ok = c && EVP_DigestSignInit(c, NULL, NULL, NULL, k) == 1 &&
		 EVP_DigestSign(c, sig, &n, (const unsigned char *)msg, len) == 1 &&
		 n == BUNDLE_SIG_LEN;

	EVP_MD_CTX_free(c);
	ERR_clear_error();
	return ok ? 0 : -1;
}

/* Sign the manifest text mf with k into dir/MANIFEST.sig. */
static int sig_write(const char *dir, EVP_PKEY *k, const char *mf, size_t len, char *err,
		     size_t errlen)
{
	uint8_t sig[BUNDLE_SIG_LEN];
	char text[256], *path = bundle_path(dir, BUNDLE_SIG, err, errlen);
	int rc = -1;

	if (!path)
		return -1;
	if (sig_make(k, mf, len, sig) < 0 || sig_text(k, sig, text, sizeof text) < 0)
		snprintf(err, errlen, "%s: signing failed", path);
	else
		rc = bundle_write(path, text, strlen(text), 0644, false, err, errlen);
	free(path);
	return rc;
}

/* Sign dir/MANIFEST.sha256 with k. */
static int sign_with(const char *dir, EVP_PKEY *k, char *err, size_t errlen)
{
	char *path = bundle_path(dir, BUNDLE_MANIFEST, err, errlen), *mf = NULL;
	size_t len;
	int rc = -1;

	if (path && bundle_read(path, BUNDLE_MANIFEST_MAX, &mf, &len, err, errlen) == 0)
		rc = sig_write(dir, k, mf, len, err, errlen);
	free(mf);
	free(path);
	return rc;
}

int bundle_sign(const char *dir, const char *keyfile, char *err, size_t errlen)
{
	EVP_PKEY *k = bundle_key_load(keyfile, true, err, errlen);
	int rc = k ? sign_with(dir, k, err, errlen) : -1;

	EVP_PKEY_free(k);
	return rc;
}

/* The key first, so that a bad key file leaves the bundle as it was. */
int bundle_seal(const char *dir, const char *keyfile, char *err, size_t errlen)
{
	EVP_PKEY *k = NULL;
	char ignored[256];
	int rc = -1;

	if (keyfile && !(k = bundle_key_load(keyfile, true, err, errlen)))
		return -1;
	if (bundle_manifest_write(dir, err, errlen) < 0)
		goto out;
	if (!k)
		rc = bundle_remove(dir, BUNDLE_SIG, err, errlen);
	else if ((rc = sign_with(dir, k, err, errlen)) < 0)
		bundle_remove(dir, BUNDLE_SIG, ignored, sizeof ignored); /* signs the old manifest */
out:
	EVP_PKEY_free(k);
	return rc;
}
