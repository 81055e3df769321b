/* auth.c — Mobile IP authenticators: coverage (RFC 5944 §3.5.1; RFC 4721 §6 for type 36),
 * HMAC-MD5 (RFC 5944 §5.1, RFC 2104) and keyed-MD5 prefix+suffix (RFC 2002 §3.5.1).
 *
 * The HA verifies and signs an authenticator per registration, so HMAC-MD5 costs what
 * MD5 costs and no more: each thread keeps a few keys with the MD5 state after their
 * inner and outer pad blocks (the precomputation RFC 2104 §4 describes), and an
 * authenticator copies those states, which are plain structures, and hashes the message
 * and the inner digest.  That takes OpenSSL's MD5_* functions, deprecated in 3.0 but
 * kept: through EVP (EVP_MAC, or EVP_MD_CTX_copy_ex of the pad states) OpenSSL 3.0
 * allocates and frees a digest context for every copy, which doubled the cost of an
 * authenticator.  Keyed-MD5 uses EVP_Digest.  Per-thread state is freed when the thread
 * exits.
 */
#define OPENSSL_SUPPRESS_DEPRECATED /* MD5_Init, MD5_Update, MD5_Final: see above */

#include "auth.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/md5.h>

#define AUTH_KEYED_SLOTS 4
#define AUTH_MD5_BLOCK   64

_Static_assert(AUTH_KEY_MAX <= AUTH_MD5_BLOCK, "an HMAC key fits a block: never hashed");

struct auth_slot {
	MD5_CTX inner, outer; /* after (key ^ ipad), (key ^ opad): RFC 2104 §2 */
	uint8_t key[AUTH_KEY_MAX];
	size_t key_len;
	bool keyed;
};

struct auth_tls {
	struct auth_slot slot[AUTH_KEYED_SLOTS];
	unsigned next; /* round-robin victim */
	EVP_MD_CTX *md;
};

static EVP_MD *auth_md5;
static bool auth_key_ok;
static CRYPTO_ONCE auth_once = CRYPTO_ONCE_STATIC_INIT;
static pthread_key_t auth_key;
static _Thread_local struct auth_tls *auth_tls;

static void auth_tls_free(void *p)
{
	struct auth_tls *t = p;

	EVP_MD_CTX_free(t->md);
	OPENSSL_cleanse(t, sizeof *t);
	free(t);
}

static void auth_fetch(void)
{
	auth_md5 = EVP_MD_fetch(NULL, "MD5", NULL);
	auth_key_ok = pthread_key_create(&auth_key, auth_tls_free) == 0;
}

static struct auth_tls *auth_init(void)
{
	if (!CRYPTO_THREAD_run_once(&auth_once, auth_fetch) || !auth_md5 || !auth_key_ok)
		return NULL;
	if (!auth_tls && (auth_tls = calloc(1, sizeof *auth_tls)))
		pthread_setspecific(auth_key, auth_tls); /* freed at thread exit */
	return auth_tls;
}

/* The MD5 state after one pad block: the key (zero-filled to a block) XOR pad. */
static int pad_state(MD5_CTX *c, const uint8_t *key, size_t key_len, uint8_t pad)
{
	uint8_t block[AUTH_MD5_BLOCK];
	int ok;

	memset(block, pad, sizeof block);
	for (size_t i = 0; i < key_len; i++)
		block[i] ^= key[i];
	ok = MD5_Init(c) && MD5_Update(c, block, sizeof block);
	OPENSSL_cleanse(block, sizeof block);
	return ok ? 0 : -1;
}

/* The slot keyed with key.  No key is longer than a block (AUTH_KEY_MAX), so none is
 * hashed first (RFC 2104 §2). */
static const struct auth_slot *keyed_slot(struct auth_tls *t, const uint8_t *key,
					  size_t key_len)
{
	struct auth_slot *s;

	for (unsigned i = 0; i < AUTH_KEYED_SLOTS; i++) {
		s = &t->slot[i];
		if (s->keyed && s->key_len == key_len && (!key_len || !memcmp(s->key, key, key_len)))
			return s;
	}
	s = &t->slot[t->next++ % AUTH_KEYED_SLOTS];
	s->keyed = false;
	if (pad_state(&s->inner, key, key_len, 0x36) < 0 ||
	    pad_state(&s->outer, key, key_len, 0x5c) < 0)
		return NULL;
	if (key_len)
		memcpy(s->key, key, key_len);
	s->key_len = key_len;
	s->keyed = true;
	return s;
}

/* RFC 2104 with MD5: MD5(key ^ opad, MD5(key ^ ipad, data)). */
static int auth_hmac_md5(struct auth_tls *t, const uint8_t *key, size_t key_len,
			 const uint8_t *data, size_t len, uint8_t out[AUTH_MAC_LEN])
{
	const struct auth_slot *s = keyed_slot(t, key, key_len);
	uint8_t inner[AUTH_MAC_LEN];
	MD5_CTX c;

	if (!s)
		return -1;
	c = s->inner;
	if (!MD5_Update(&c, data, len) || !MD5_Final(inner, &c))
		return -1;
	c = s->outer;
	if (!MD5_Update(&c, inner, sizeof inner) || !MD5_Final(out, &c))
		return -1;
	return 0;
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
