/* auth.c — Mobile IP authenticators: coverage (RFC 5944 §3.5.1; RFC 4721 §6 for type 36),
 * HMAC-MD5 (RFC 5944 §5.1, RFC 2104) and keyed-MD5 prefix+suffix (RFC 2002 §3.5.1).
 *
 * The HA verifies an authenticator per registration, so the OpenSSL algorithm objects
 * are fetched once per process and the MAC/digest contexts are kept per thread and
 * re-keyed on each call instead of being allocated.
 */
#include "auth.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

static EVP_MAC *auth_hmac;
static EVP_MD *auth_md5;
static CRYPTO_ONCE auth_once = CRYPTO_ONCE_STATIC_INIT;

static _Thread_local EVP_MAC_CTX *auth_mac_ctx;
static _Thread_local EVP_MD_CTX *auth_md_ctx;

static void auth_fetch(void)
{
	auth_hmac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	auth_md5 = EVP_MD_fetch(NULL, "MD5", NULL);
}

static int auth_init(void)
{
	if (!CRYPTO_THREAD_run_once(&auth_once, auth_fetch))
		return -1;
	return auth_hmac && auth_md5 ? 0 : -1;
}

/* This thread's HMAC context, its digest set to MD5 once. */
static EVP_MAC_CTX *auth_mac_ctx_get(void)
{
	OSSL_PARAM params[2];
	char md[] = "MD5";

	if (auth_mac_ctx)
		return auth_mac_ctx;
	auth_mac_ctx = EVP_MAC_CTX_new(auth_hmac);
	if (!auth_mac_ctx)
		return NULL;
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, md, 0);
	params[1] = OSSL_PARAM_construct_end();
	if (!EVP_MAC_CTX_set_params(auth_mac_ctx, params)) {
		EVP_MAC_CTX_free(auth_mac_ctx);
		auth_mac_ctx = NULL;
	}
	return auth_mac_ctx;
}

/* RFC 2104 with MD5.  A NULL key would make OpenSSL reuse the previous key, so an
 * empty key is passed as a valid pointer with length 0. */
static int auth_hmac_md5(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len,
			 uint8_t out[AUTH_MAC_LEN])
{
	static const uint8_t nokey[1];
	EVP_MAC_CTX *ctx = auth_mac_ctx_get();
	size_t outl = 0;

	if (!ctx)
		return -1;
	if (!EVP_MAC_init(ctx, key_len ? key : nokey, key_len, NULL) ||
	    !EVP_MAC_update(ctx, data, len) || !EVP_MAC_final(ctx, out, &outl, AUTH_MAC_LEN))
		return -1;
	return outl == AUTH_MAC_LEN ? 0 : -1;
}

/* RFC 2002 §3.5.1 "prefix+suffix": MD5(key || data || key). */
static int auth_keyed_md5(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len,
			  uint8_t out[AUTH_MAC_LEN])
{
	unsigned int outl = 0;

	if (!auth_md_ctx)
		auth_md_ctx = EVP_MD_CTX_new();
	if (!auth_md_ctx)
		return -1;
	if (!EVP_DigestInit_ex2(auth_md_ctx, auth_md5, NULL) ||
	    !EVP_DigestUpdate(auth_md_ctx, key, key_len) ||
	    !EVP_DigestUpdate(auth_md_ctx, data, len) ||
	    !EVP_DigestUpdate(auth_md_ctx, key, key_len) ||
	    !EVP_DigestFinal_ex(auth_md_ctx, out, &outl))
		return -1;
	return outl == AUTH_MAC_LEN ? 0 : -1;
}

int auth_compute(enum auth_alg alg, const uint8_t *key, size_t key_len, const uint8_t *data,
		 size_t len, uint8_t out[AUTH_MAC_LEN])
{
	if (key_len > AUTH_KEY_MAX || (key_len && !key) || (len && !data) || auth_init() < 0)
		return -1;
	switch (alg) {
	case AUTH_HMAC_MD5:
		return auth_hmac_md5(key, key_len, data, len, out);
	case AUTH_KEYED_MD5:
		return auth_keyed_md5(key, key_len, data, len, out);
	}
	return -1;
}

uint8_t auth_kind_ext(enum auth_kind k)
{
	switch (k) {
	case AUTH_KIND_MNHA:
		return MIP_EXT_MNHA;
	case AUTH_KIND_FAHA:
		return MIP_EXT_FAHA;
	case AUTH_KIND_MNFA:
		return MIP_EXT_MNFA;
	case AUTH_KIND_MNAAA:
		return MIP_EXT_GENAUTH;
	}
	return 0;
}

/*
 * RFC 5944 §3.5.1: the message, all prior extensions, and the Type, Length and SPI of
 * this one.  Types 32-34 are TLV (2-byte header); type 36 has the long header Type,
 * Subtype, Length(16) (RFC 4721 §5-§6).  0 for a type that carries no authenticator.
 */
size_t auth_covered_len(const struct mip_ext *e)
{
	switch (e->type) {
	case MIP_EXT_MNHA:
	case MIP_EXT_MNFA:
	case MIP_EXT_FAHA:
		return (size_t)e->off + 2 + 4;
	case MIP_EXT_GENAUTH:
		return (size_t)e->off + 4 + 4;
	}
	return 0;
}

enum auth_result auth_verify(const uint8_t *msg, size_t len, const struct mip_ext *e,
			     const struct mip_sa *sa)
{
	uint8_t mac[AUTH_MAC_LEN];
	size_t covered = auth_covered_len(e);

	if (e->v.auth.spi != sa->spi)
		return AUTH_SPI_MISMATCH;
	if (e->v.auth.auth_len != AUTH_MAC_LEN || !e->v.auth.auth)
		return AUTH_BAD_LENGTH;
	if (covered == 0 || covered > len)
		return AUTH_INVALID;
	if (auth_compute(sa->alg, sa->key, sa->key_len, msg, covered, mac) < 0)
		return AUTH_INVALID;
	return CRYPTO_memcmp(mac, e->v.auth.auth, AUTH_MAC_LEN) == 0 ? AUTH_VALID : AUTH_INVALID;
}

const char *auth_result_str(enum auth_result r)
{
	switch (r) {
	case AUTH_VALID:
		return "valid";
	case AUTH_INVALID:
		return "invalid authenticator";
	case AUTH_SPI_MISMATCH:
		return "SPI mismatch";
	case AUTH_BAD_LENGTH:
		return "authenticator length is not 16";
	}
	return "?";
}
