/* bench_req.c — the bench's proxy registration requests (RFC 5563 §4.1): NAI (RFC 2794),
 * Device ID 147/2 (a MAC, §5.3), Access Technology Type 147/4 (§5.5), per-node 47/1
 * (§5.1) and FA-HA HMAC-MD5 (RFC 5944 §3.5.4, §5.1), and the checks of their replies.
 *
 * The request is encoded once and patched per node, so the generator costs one
 * HMAC-MD5 per request, through auth_compute (auth.c keeps the key's pad states).  The
 * generator must stay cheaper than the HA, or the HA's figure would measure it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "ident.h"
#include "mip.h"

#define BREQ_CAP       256
#define BREQ_DIGITS    7
#define BREQ_NAI_PRE   "mn"
#define BREQ_NAI_POST  "@bench.example"
#define BREQ_NAI_LEN   (2 + BREQ_DIGITS + 14)
#define BREQ_OFF_IDENT 16 /* RRQ: Type, flags, Lifetime, HoA, HA, CoA, then Identification */
#define BREQ_TECH      3  /* 802.16e */

static const char bench_key[] = "pmip4ct-bench-k1";

struct breq {
	const struct clk *clk;
	uint64_t last_ident;
	struct mip_sa sa;
	uint8_t buf[BREQ_CAP];
	size_t len;
	size_t off_digits, off_mac, off_auth, covered;
	struct mip_msg m; /* full checks of replies */
	char why[160];
};

void bench_sa(struct mip_sa *sa)
{
	memset(sa, 0, sizeof *sa);
	sa->spi = BENCH_SPI;
	sa->alg = AUTH_HMAC_MD5;
	sa->kind = AUTH_KIND_FAHA;
	sa->match = AUTH_MATCH_PEER;
	sa->peer = BENCH_PMA_ADDR;
	sa->key_len = sizeof bench_key - 1;
	memcpy(sa->key, bench_key, sa->key_len);
}

static uint64_t fast_now(void *ctx)
{
	(void)ctx;
	return clk_real.now_ns(clk_real.ctx);
}

static uint32_t fast_rand(void *ctx)
{
	uint32_t *s = ctx, x = *s ? *s : 0x9e3779b9u;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*s = x;
	return x;
}

struct clk bench_clk_fast(uint32_t *seed)
{
	return (struct clk){ .now_ns = fast_now, .rand32 = fast_rand, .ctx = seed };
}

/* The template: node 0, Identification 1; authenticator computed by the codec. */
static int breq_encode(struct breq *q, struct mip_msg *m)
{
	static const uint8_t mac0[6] = { 0x02, 0, 0, 0, 0, 0 }; /* locally administered */
	static const char nai0[] = BREQ_NAI_PRE "0000000" BREQ_NAI_POST;
	struct mip_ext *x;

	mip_msg_init(m, MIP_RRQ);
	m->lifetime = BENCH_LIFETIME;
	m->ha = BENCH_HA_ADDR;
	m->coa = BENCH_PMA_ADDR;
	m->ident = 1;
	x = mip_ext_add(m, MIP_EXT_NAI, 0);
	x->v.bytes.p = (const uint8_t *)nai0;
	x->v.bytes.len = BREQ_NAI_LEN;
	x = mip_ext_add(m, MIP_EXT_PMIP_SK, MIP_PMIP_DEVID);
	x->v.pmid.idtype = 1; /* Ethernet MAC */
	x->v.pmid.id = mac0;
	x->v.pmid.id_len = sizeof mac0;
	x = mip_ext_add(m, MIP_EXT_PMIP_SK, MIP_PMIP_ACCTECH);
	x->v.acctech.tech = BREQ_TECH;
	x = mip_ext_add(m, MIP_EXT_PMIP_NS, MIP_PMIP_PERNODE);
	x->v.pernode.method = MIP_PERNODE_FAHA;
	x = mip_ext_add(m, MIP_EXT_FAHA, 0);
	x->v.auth.spi = q->sa.spi;
	x->auth_mode = MIP_AUTH_COMPUTE;
	x->sa = &q->sa;
	return mip_encode(m, q->buf, sizeof q->buf, &q->len, NULL);
}

/* Where the patched fields sit, from a decode of the template. */
static int breq_locate(struct breq *q)
{
	const struct mip_ext *nai, *dev, *fa;

	if (mip_decode(q->buf, q->len, &q->m, NULL) < 0)
		return -1;
	nai = mip_ext_find(&q->m, MIP_EXT_NAI, -1);
	dev = mip_ext_find(&q->m, MIP_EXT_PMIP_SK, MIP_PMIP_DEVID);
	fa = mip_ext_find(&q->m, MIP_EXT_FAHA, -1);
	if (!nai || !dev || !fa || nai->v.bytes.len != BREQ_NAI_LEN)
		return -1;
	q->off_digits = (size_t)(nai->v.bytes.p - q->buf) + 2;
	q->off_mac = (size_t)(dev->v.pmid.id - q->buf);
	q->off_auth = (size_t)(fa->v.auth.auth - q->buf);
	q->covered = auth_covered_len(fa);
	return 0;
}

struct breq *breq_create(const struct clk *clk, char *err, size_t errlen)
{
	struct breq *q = calloc(1, sizeof *q);
	struct mip_msg *m = malloc(sizeof *m);
	uint32_t mn;
	uint64_t id;
	size_t len;

	if (!q || !m) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	q->clk = clk;
	bench_sa(&q->sa);
	if (breq_encode(q, m) < 0 || breq_locate(q) < 0) {
		snprintf(err, errlen, "cannot build the request template");
		goto fail;
	}
	free(m);
	breq_build(q, 1, &id, &len);
	if (breq_check(q, q->buf, len, MIP_RRQ, true, &mn, &id) < 0 || mn != 1) {
		snprintf(err, errlen, "request self-check: %s", q->why);
		breq_destroy(q);
		return NULL;
	}
	q->last_ident = 0;
	return q;
fail:
	free(m);
	breq_destroy(q);
	return NULL;
}

void breq_destroy(struct breq *q)
{
	if (!q)
		return;
	free(q);
}

static void put_be64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (56 - 8 * i));
}

static uint64_t get_be64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

const uint8_t *breq_build(struct breq *q, uint32_t mn, uint64_t *ident, size_t *len)
{
	uint8_t *d = q->buf + q->off_digits, *mac = q->buf + q->off_mac;

	for (int i = BREQ_DIGITS - 1; i >= 0; i--, mn /= 10)
		d[i] = (uint8_t)('0' + mn % 10);
	mac[2] = (uint8_t)(mn >> 24);
	mac[3] = (uint8_t)(mn >> 16);
	mac[4] = (uint8_t)(mn >> 8);
	mac[5] = (uint8_t)mn;
	q->last_ident = ident_timestamp(q->clk, q->last_ident);
	put_be64(q->buf + BREQ_OFF_IDENT, q->last_ident);
	if (auth_compute(q->sa.alg, q->sa.key, q->sa.key_len, q->buf, q->covered,
			 q->buf + q->off_auth) < 0)
		memset(q->buf + q->off_auth, 0, AUTH_MAC_LEN); /* the self-check catches it */
	*ident = q->last_ident;
	*len = q->len;
	return q->buf;
}

static int why(struct breq *q, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int why(struct breq *q, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(q->why, sizeof q->why, fmt, ap);
	va_end(ap);
	return -1;
}

/* The NAI, first extension of both the request and the HA's reply (RFC 2794 §3). */
static int check_nai(struct breq *q, const uint8_t *p, size_t left, uint32_t *mn)
{
	uint32_t v = 0;

	if (left < 2 + BREQ_NAI_LEN || p[0] != MIP_EXT_NAI || p[1] != BREQ_NAI_LEN)
		return why(q, "reply does not start with the request's NAI");
	p += 2;
	if (memcmp(p, BREQ_NAI_PRE, 2) || memcmp(p + 2 + BREQ_DIGITS, BREQ_NAI_POST, 14))
		return why(q, "reply NAI is not a bench NAI");
	for (int i = 0; i < BREQ_DIGITS; i++) {
		uint8_t c = p[2 + i];

		if (c < '0' || c > '9')
			return why(q, "reply NAI is not a bench NAI");
		v = v * 10 + (uint32_t)(c - '0');
	}
	*mn = v;
	return 0;
}

static int check_full(struct breq *q, const uint8_t *buf, size_t len)
{
	const struct mip_ext *fa;
	enum auth_result r;

	if (mip_decode(buf, len, &q->m, NULL) < 0)
		return why(q, "reply of %zu bytes does not decode", len);
	fa = mip_ext_find(&q->m, MIP_EXT_FAHA, -1);
	if (!fa)
		return why(q, "reply without FA-HA");
	r = auth_verify(buf, len, fa, &q->sa);
	if (r != AUTH_VALID)
		return why(q, "reply FA-HA: %s", auth_result_str(r));
	if (q->m.type == MIP_RRP && (q->m.lifetime == 0 || q->m.hoa == 0))
		return why(q, "reply grants no lifetime or home address");
	return 0;
}

int breq_check(struct breq *q, const uint8_t *buf, size_t len, uint8_t type, bool full,
	       uint32_t *mn, uint64_t *ident)
{
	size_t fixed = mip_fixed_len(type);

	if (len < fixed || buf[0] != type)
		return why(q, "reply of type %u, %zu bytes", len ? buf[0] : 0u, len);
	if (type == MIP_RRP && buf[1] != 0)
		return why(q, "reply code %u", buf[1]);
	if (check_nai(q, buf + fixed, len - fixed, mn) < 0)
		return -1;
	*ident = get_be64(buf + (type == MIP_RRP ? 12 : BREQ_OFF_IDENT));
	return full ? check_full(q, buf, len) : 0;
}

const char *breq_why(const struct breq *q)
{
	return q->why;
}
