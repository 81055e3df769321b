/* fuzz_ha.c — libFuzzer target for the reference HA's input path: datagrams delivered
 * into a live struct ha (ha.h) over in-memory I/O on a virtual clock, with the clock
 * moved between them so that expiry and revocation timers fire.  The input format is
 * fuzz_records.h.  The harness signs what the fuzzer writes with the SAs the HA has
 * (FA-HA any peer, FA-HA for PMA2 alone, MN-HA for mn1), so the paths behind
 * authentication are reached; every HA runs fresh, so an input replays the same.
 *
 * Header: byte 0 options (below), byte 1 one fault (0 = none, else fault N-1), byte 2
 * one variant (likewise), byte 3 more options.
 *
 * Oracles, besides the sanitizers: with no fault on, everything the HA sends decodes,
 * and every authenticator it computes with one of its SAs verifies.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "fuzz_agent.h"
#include "fuzz_records.h"
#include "ha.h"
#include "ident.h"
#include "io_mem.h"
#include "pool.h"

#define HA_ADDR 0xc0000201u   /* 192.0.2.1 */
#define PMA1 0xc000020au      /* 192.0.2.10 */
#define PMA2 0xc000020bu      /* 192.0.2.11 */
#define STRANGER 0xc6336407u  /* 198.51.100.7 */
#define HOME_BCAST 0x0a0a00ffu
#define T0_NS (1700000000ull * 1000000000ull)

/* Header byte 0. */
#define H0_INFORM 0x01
#define H0_GRE_OFF 0x02
#define H0_REQUIRE_T 0x04
#define H0_SIMULTANEOUS 0x08
#define H0_IDENT_SHIFT 4      /* two bits: timestamp, nonce, seq-ext, timestamp */
#define H0_NO_NAI 0x40
#define H0_PMIP_OFF 0x80     /* with H3_PMIP_OFF: rare, every request gets 149 */
/* Header byte 3. */
#define H3_REV_OFF 0x01
#define H3_REDIRECT 0x02
#define H3_DISALLOW_PMA2 0x04
#define H3_NO_REVERSE 0x08
#define H3_HOME_BCAST 0x10
#define H3_SHORT_LIFE 0x20
#define H3_NO_POOL 0x40
#define H3_PMIP_OFF 0x80

static const uint8_t key_fa[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
static const uint8_t key_pma2[5] = { 'p', 'm', 'a', '2', '!' };
static const uint8_t key_mn[16] = { 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 1 };

static const uint32_t sources[4] = { PMA1, PMA2, PMA1, STRANGER }; /* OP_FROM_*; 2: port 4434 */

struct world {
	struct clk_virtual vc;
	struct clk clk;
	struct io_mem *mem;
	struct ha *ha;
	struct mip_sa fa, fa2, mn;
	bool faulty;           /* a fault is on: the HA may send what does not decode */
	uint64_t last_ident;   /* the last Identification made here */
	uint64_t last_reply;   /* the Identification of the HA's last RRP */
	uint32_t last_hoa;     /* the home address of the HA's last accepted RRP */
	uint32_t last_revid;   /* of the last Revocation made here */
	uint8_t rev[MIP_REV_LEN]; /* the fixed part of the HA's last Revocation */
	bool have_rev;
};

static struct world W;
static struct ha_config cfg; /* large: not on the stack */

static void sa_init(struct mip_sa *sa, uint32_t spi, enum auth_kind kind, const uint8_t *key,
		    size_t key_len)
{
	*sa = (struct mip_sa){ .spi = spi, .alg = AUTH_HMAC_MD5, .kind = kind, .kind_given = true,
			       .match = AUTH_MATCH_ANY, .key_len = key_len };
	memcpy(sa->key, key, key_len);
}

static void ha_log(void *arg, enum ha_log_level level, const char *msg)
{
	(void)arg;
	(void)level;
	fz_log_sink(msg);
}

static void setup(const uint8_t *h)
{
	char err[128];
	struct ha_listener l;

	memset(&W, 0, sizeof W);
	W.vc = (struct clk_virtual){ T0_NS, 7 };
	W.clk = clk_virtual(&W.vc);
	sa_init(&W.fa, 256, AUTH_KIND_FAHA, key_fa, sizeof key_fa);
	sa_init(&W.fa2, 257, AUTH_KIND_FAHA, key_pma2, sizeof key_pma2);
	W.fa2.match = AUTH_MATCH_PEER;
	W.fa2.peer = PMA2;
	W.fa2.alg = AUTH_KEYED_MD5;
	sa_init(&W.mn, 300, AUTH_KIND_MNHA, key_mn, sizeof key_mn);
	W.mn.match = AUTH_MATCH_NAI;
	strcpy(W.mn.nai, "mn1@example.net");

	ha_config_defaults(&cfg);
	cfg.addrs[cfg.n_addrs++] = HA_ADDR;
	cfg.sa[cfg.n_sa++] = W.fa;
	cfg.sa[cfg.n_sa++] = W.fa2;
	cfg.sa[cfg.n_sa++] = W.mn;
	cfg.revocation_inform = h[0] & H0_INFORM;
	cfg.gre = !(h[0] & H0_GRE_OFF);
	cfg.require_t = h[0] & H0_REQUIRE_T;
	if (h[0] & H0_SIMULTANEOUS) {
		cfg.simultaneous = true;
		cfg.max_simultaneous = 2;
	}
	cfg.ident_mode = (enum ha_ident_mode)((h[0] >> H0_IDENT_SHIFT & 3) % 3);
	cfg.no_nai = h[0] & H0_NO_NAI;
	cfg.pmip = !(h[0] & H0_PMIP_OFF && h[3] & H3_PMIP_OFF);
	if (h[1] % (HA_FAULT_COUNT + 1)) {
		bitset_add(&cfg.faults, h[1] % (HA_FAULT_COUNT + 1) - 1);
		W.faulty = true;
	}
	if (h[2] % (HA_VAR_COUNT + 1))
		bitset_add(&cfg.variants, h[2] % (HA_VAR_COUNT + 1) - 1);
	cfg.revocation = !(h[3] & H3_REV_OFF);
	if (h[3] & H3_REDIRECT)
		cfg.redirect_to = 0xc0000202u;
	if (h[3] & H3_DISALLOW_PMA2)
		cfg.disallow[cfg.n_disallow++] = PMA2;
	cfg.reverse_tunnel = !(h[3] & H3_NO_REVERSE);
	if (h[3] & H3_HOME_BCAST)
		cfg.home_bcast = HOME_BCAST;
	if (h[3] & H3_SHORT_LIFE)
		cfg.max_lifetime = 60;
	if (!(h[3] & H3_NO_POOL)) {
		cfg.pool = pool_create("10.10.0.0/29", err, sizeof err); /* small: runs out */
		if (!cfg.pool)
			abort();
	}
	W.mem = io_mem_create();
	W.ha = ha_create(&cfg, &W.clk);
	if (!W.mem || !W.ha)
		abort();
	ha_set_log(W.ha, ha_log, NULL, HA_LOG_DEBUG);
	l = (struct ha_listener){ HA_ADDR, MIP_PORT, io_mem_io(W.mem) };
	if (ha_add_listener(W.ha, &l) < 0)
		abort();
}

/* The SA the HA's authenticator of type in m is checked with. */
static const struct mip_sa *sa_of(const struct mip_msg *m, uint8_t type)
{
	const struct mip_ext *x = mip_ext_find(m, type, -1);

	if (type == MIP_EXT_MNHA)
		return &W.mn;
	return x && x->v.auth.spi == W.fa2.spi ? &W.fa2 : &W.fa;
}

/* A datagram the HA sent: learn what a peer would answer with; whether its
 * authenticators verify. */
static bool sent(const uint8_t *buf, size_t len, const struct mip_msg *m)
{
	if (m->type == MIP_RRP) {
		W.last_reply = m->ident;
		if (m->code <= 1)
			W.last_hoa = m->hoa;
	} else if (m->type == MIP_REV && len >= MIP_REV_LEN) {
		memcpy(W.rev, buf, MIP_REV_LEN);
		W.have_rev = true;
	}
	return fz_sent_auth_ok(buf, len, m, MIP_EXT_MNHA, sa_of(m, MIP_EXT_MNHA)) &&
	       fz_sent_auth_ok(buf, len, m, MIP_EXT_FAHA, sa_of(m, MIP_EXT_FAHA));
}

static void drain(void);

static uint64_t next_due(void)
{
	return ha_next_due(W.ha);
}

static void tick(void)
{
	ha_tick(W.ha);
	drain();
}

/* The fixes of OP_FRESH and OP_LINK on the bytes of a message. */
static void fix(uint8_t op, uint8_t *b, size_t len)
{
	if (b[0] == MIP_RRQ && len >= MIP_RRQ_LEN) {
		if (op & OP_LINK)
			fz_put(b + 4, W.last_hoa, 4);
		if (op & OP_FRESH) {
			W.last_ident = cfg.ident_mode == HA_IDENT_NONCE
					       ? ident_nonce_request(&W.clk, W.last_reply)
					       : ident_timestamp(&W.clk, W.last_ident);
			fz_put(b + 16, W.last_ident, 8);
		}
	} else {
		fz_fix_rev(op, b, len, W.last_hoa, W.vc.now_ns, &W.last_revid,
			   W.have_rev ? W.rev : NULL);
	}
}

static void datagram(uint8_t op, const uint8_t *body, size_t n)
{
	static uint8_t buf[MIP_MSG_MAX];
	unsigned from = (op & OP_FROM_MASK) >> OP_FROM_SHIFT;
	struct udp_ends e = { sources[from], HA_ADDR, from == 2 ? 4434 : MIP_PORT, MIP_PORT };
	const struct mip_sa *fa = from == 1 ? &W.fa2 : &W.fa;
	size_t len = n;

	memcpy(buf, body, n);
	if (n)
		fix(op, buf, n);
	fz_sign_op(op, buf, &len, sizeof buf, &W.mn, fa);
	if (op & OP_ALT)
		e.dst = cfg.home_bcast ? cfg.home_bcast : 0xffffffffu;
	ha_input(W.ha, 0, &e, buf, len);
	drain();
}

static void report(void)
{
	const struct ha_counters *c = ha_counters(W.ha);

	fprintf(stderr, "rx rrq %lu rev %lu revack %lu; revocations %lu acked %lu "
		"retransmits %lu; drops malformed %lu no-sa %lu bad-rev %lu\n",
		(unsigned long)c->rx[MIP_RRQ], (unsigned long)c->rx[MIP_REV],
		(unsigned long)c->rx[MIP_REVACK], (unsigned long)c->revocations,
		(unsigned long)c->rev_acked, (unsigned long)c->rev_retransmits,
		(unsigned long)c->drop[HA_DROP_MALFORMED], (unsigned long)c->drop[HA_DROP_NO_SA],
		(unsigned long)c->drop[HA_DROP_BAD_REVOCATION]);
}

static void teardown(void)
{
	ha_destroy(W.ha);
	io_mem_destroy(W.mem);
}

static const struct fz_agent agent = {
	&W.vc, setup, datagram, next_due, tick, sent, report, teardown,
};

/* Take everything the HA sent. */
static void drain(void)
{
	fz_agent_take(&agent, W.mem, !W.faulty);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_agent_input(&agent, data, size);
}
