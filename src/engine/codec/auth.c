/* auth.c — Mobile IP authenticators: coverage (RFC 5944 §3.5.1; RFC 4721 §6 for type 36),
 * HMAC-MD5 (RFC 5944 §5.1, RFC 2104) and keyed-MD5 prefix+suffix (RFC 2002 §3.5.1).
 *
 * The HA verifies and signs an authenticator per registration, so the OpenSSL algorithm
 * objects are fetched once per process, and each thread keeps a few keyed HMAC contexts:
 * for a key it has seen, EVP_MAC_init with a NULL key reuses the precomputed key pads
 * instead of keying again (RFC 2104 §4 notes this precomputation).  Per-thread state is
 * freed when the thread exits.
 */
#include "auth.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#define AUTH_KEYED_SLOTS 4

struct auth_slot {
	EVP_MAC_CTX *ctx;
	uint8_t key[AUTH_KEY_MAX];
	size_t key_len;
	bool keyed;
};

struct auth_tls {
	struct auth_slot slot[AUTH_KEYED_SLOTS];
	unsigned next; /* round-robin victim */
	EVP_MD_CTX *md;
};

static EVP_MAC *auth_hmac;
static EVP_MD *auth_md5;
static CRYPTO_ONCE auth_once = CRYPTO_ONCE_STATIC_INIT;
static pthread_key_t auth_key;
static _Thread_local struct auth_tls *auth_tls;

static void auth_tls_free(void *p)
{
	struct auth_tls *t = p;

	for (unsigned i = 0; i < AUTH_KEYED_SLOTS; i++)
		EVP_MAC_CTX_free(t->slot[i].ctx);
	EVP_MD_CTX_free(t->md);
	OPENSSL_cleanse(t, sizeof *t);
	free(t);
}

static void auth_fetch(void)
{
	auth_hmac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	auth_md5 = EVP_MD_fetch(NULL, "MD5", NULL);
	if (pthread_key_create(&auth_key, auth_tls_free) != 0)
		auth_hmac = NULL;
}

static struct auth_tls *auth_init(void)
{
	if (!CRYPTO_THREAD_run_once(&auth_once, auth_fetch) || !auth_hmac || !auth_md5)
		return NULL;
	if (!auth_tls && (auth_tls = calloc(1, sizeof *auth_tls)))
		pthread_setspecific(auth_key, auth_tls); /* freed at thread exit */
	return auth_tls;
}

static EVP_MAC_CTX *new_hmac_md5(void)
{
	EVP_MAC_CTX *ctx = EVP_MAC_CTX_new(auth_hmac);
	OSSL_PARAM params[2];
	char md[] = "MD5";

	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, md, 0);
	params[1] = OSSL_PARAM_construct_end();
	if (ctx && !EVP_MAC_CTX_set_params(ctx, params)) {
		EVP_MAC_CTX_free(ctx);
		ctx = NULL;
	}
	return ctx;
}

/* A context keyed with key, ready for EVP_MAC_update. */
static EVP_MAC_CTX *keyed_ctx(struct auth_tls *t, const uint8_t *key, size_t key_len)
{
	static const uint8_t nokey[1]; /* an empty key: a valid pointer, length 0 */
	struct auth_slot *s;

	for (unsigned i = 0; i < AUTH_KEYED_SLOTS; i++) {
		s = &t->slot[i];
		if (s->keyed && s->key_len == key_len && (!key_len || !memcmp(s->key, key, key_len)))
			return EVP_MAC_init(s->ctx, NULL, 0, NULL) ? s->ctx : NULL;
	}
	s = &t->slot[t->next++ % AUTH_KEYED_SLOTS];
	if (!s->ctx && !(s->ctx = new_hmac_md5()))
		return NULL;
	s->keyed = false;
	if (!EVP_MAC_init(s->ctx, key_len ? key : nokey, key_len, NULL))
		return NULL;
	if (key_len)
		memcpy(s->key, key, key_len);
	s->key_len = key_len;
	s->keyed = true;
	return s->ctx;
}

/* RFC 2104 with MD5. */
static int auth_hmac_md5(struct auth_tls *t, const uint8_t *key, size_t key_len,
			 const uint8_t *data, size_t len, uint8_t out[AUTH_MAC_LEN])
{
	EVP_MAC_CTX *ctx = keyed_ctx(t, key, key_len);
	size_t outl = 0;

	if (!ctx || !EVP_MAC_update(ctx, data, len) ||
	    !EVP_MAC_final(ctx, out, &outl, AUTH_MAC_LEN))
		return -1;
	return outl == AUTH_MAC_LEN ? 0 : -1;
}

/* RFC 2002 §3.5.1 "prefix+suffix": MD5(key || data || key). */
static int auth_keyed_md5(struct auth_tls *t, const uint8_t *key, size_t key_len,
			  const uint8_t *data, size_t len, uint8_t out[AUTH_MAC_LEN])
{
	unsigned int outl = 0;

	if (!t->md && !(t->md = EVP_MD_CTX_new()))
		return -1;
	if (!EVP_DigestInit_ex2(t->md, auth_md5, NULL) || !EVP_DigestUpdate(t->md, key, key_len) ||
	    !EVP_DigestUpdate(t->md, data, len) || !EVP_DigestUpdate(t->md, key, key_len) ||
	    !EVP_DigestFinal_ex(t->md, out, &outl))
		return -1;
	return outl == AUTH_MAC_LEN ? 0 : -1;
}

int auth_compute(enum auth_alg alg, const uint8_t *key, size_t key_len, const uint8_t *data,
		 size_t len, uint8_t out[AUTH_MAC_LEN])
{
	struct auth_tls *t;

	if (key_len > AUTH_KEY_MAX || (key_len && !key) || (len && !data) || !(t = auth_init()))
		return -1;
	switch (alg) {
	case AUTH_HMAC_MD5:
		return auth_hmac_md5(t, key, key_len, data, len, out);
	case AUTH_KEYED_MD5:
		return auth_keyed_md5(t, key, key_len, data, len, out);
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

const struct mip_sa *auth_sa_find(const struct mip_sa *sa, size_t n, const struct mip_msg *m,
				  const struct mip_ext *e, uint32_t src)
{
	const struct mip_ext *nai = mip_ext_find(m, MIP_EXT_NAI, -1);

	for (size_t i = 0; i < n; i++) {
		const struct mip_sa *a = &sa[i];

		if (a->spi != e->v.auth.spi || (a->kind_given && auth_kind_ext(a->kind) != e->type))
			continue;
		if (a->match == AUTH_MATCH_PEER && a->peer != src)
			continue;
		if (a->match == AUTH_MATCH_NAI &&
		    (!nai || strlen(a->nai) != nai->v.bytes.len ||
		     memcmp(a->nai, nai->v.bytes.p, nai->v.bytes.len) != 0))
			continue;
		return a;
	}
	return NULL;
}
