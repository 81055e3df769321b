/* test_pma.c — the reference PMA (RFC 5563 §4, §7, §8.1; RFC 5944 §3.6, §5.7; RFC 3543
 * §3.4, §4.2.3; RFC 4433 §5.3; RFC 6245 §3.1) against the REAL reference HA, both on
 * virtual clocks, talking through in-memory I/O: a pump moves datagrams PMA → HA
 * (ha_input) and HA → PMA (pma_input) by destination address.  No sockets, no sleeps.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "auth.h"
#include "ha.h"
#include "ident.h"
#include "io_mem.h"
#include "pma.h"
#include "pma_priv.h"
#include "pool.h"

#define HA1 0xc0000201u   /* 192.0.2.1 */
#define HA2 0xc0000202u   /* 192.0.2.2 */
#define PMA_A 0xc000020au /* 192.0.2.10 */
#define PMA_B 0xc000020bu /* 192.0.2.11 */
#define NS 1000000000ull
#define T0 (1700000000ull * NS)
#define NAI "mn1@example.net"
#define MAXREC 128

static const uint8_t key_fa[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
static const uint8_t mac1[6] = { 0x02, 0, 0, 0, 0, 0x01 };

struct rec {              /* one datagram the pump moved */
	uint64_t at;          /* PMA clock */
	struct udp_ends e;
	uint8_t type, code, flags;
	uint16_t rflags;      /* REV, REVACK */
	uint16_t lifetime;
	uint32_t hoa, ha;
	uint64_t ident;
};

struct world {
	struct clk_virtual vc_pma, vc_ha;
	struct clk clk_pma, clk_ha;
	struct { struct ha *ha; struct io_mem *mem; uint32_t addr; } h[2];
	unsigned n_ha;
	struct { struct pma *pma; struct io_mem *mem; uint32_t addr; } p[2];
	unsigned n_pma;
	bool ha_down;             /* requests are lost on the way */
	struct rec rq[MAXREC];    /* PMA → HA */
	unsigned n_rq;
	struct rec rp[MAXREC];    /* HA → PMA */
	unsigned n_rp;
	uint8_t last_rev[256];    /* the last revocation the HA sent */
	size_t last_rev_len;
	struct udp_ends last_rev_e;
	unsigned n_registered, n_lost;
	enum pma_event lost_why;
	bool attached;            /* what still_attached answers */
};

static struct world W;
static struct mip_sa fa_sa;

static void tune_none(struct ha_config *c)
{
	(void)c;
}

static void add_ha(struct world *w, uint32_t addr, void (*tune)(struct ha_config *c))
{
	struct ha_config cfg;
	struct ha_listener l;
	char err[128];
	unsigned i = w->n_ha++;

	ha_config_defaults(&cfg);
	cfg.addrs[cfg.n_addrs++] = addr;
	cfg.sa[cfg.n_sa++] = fa_sa;
	cfg.pool = pool_create(addr == HA1 ? "10.10.0.0/24" : "10.20.0.0/24", err, sizeof err);
	assert_non_null(cfg.pool);
	(tune ? tune : tune_none)(&cfg);
	w->h[i].addr = addr;
	w->h[i].mem = io_mem_create();
	w->h[i].ha = ha_create(&cfg, &w->clk_ha);
	assert_non_null(w->h[i].ha);
	l = (struct ha_listener){ addr, MIP_PORT, io_mem_io(w->h[i].mem) };
	assert_int_equal(ha_add_listener(w->h[i].ha, &l), 0);
}

static void on_registered(void *arg, const uint8_t mac[6], const struct pma_session_info *s)
{
	(void)mac;
	(void)s;
	((struct world *)arg)->n_registered++;
}

static void on_lost(void *arg, const uint8_t mac[6], enum pma_event why)
{
	(void)mac;
	((struct world *)arg)->n_lost++;
	((struct world *)arg)->lost_why = why;
}

static bool on_still(void *arg, const uint8_t mac[6])
{
	(void)mac;
	return ((struct world *)arg)->attached;
}

static void pma_defaults(struct pma_config *c, uint32_t addr)
{
	pma_config_defaults(c);
	c->addr = addr;
	c->ha = HA1;
	c->sa = fa_sa;
	c->gre = true;
	c->acctech = 2;
	c->send_ifid = c->send_subid = true;
}

static struct pma *add_pma(struct world *w, const struct pma_config *cfg)
{
	struct pma_hooks hooks = { on_registered, on_lost, on_still, w };
	unsigned i = w->n_pma++;

	w->p[i].addr = cfg->addr;
	w->p[i].mem = io_mem_create();
	w->p[i].pma = pma_create(cfg, &w->clk_pma, io_mem_io(w->p[i].mem));
	assert_non_null(w->p[i].pma);
	pma_set_hooks(w->p[i].pma, &hooks);
	return w->p[i].pma;
}

/* The default world: one HA at HA1 and one PMA at PMA_A, both on the same clock. */
static void setup_world(void (*tune_ha)(struct ha_config *c),
			void (*tune_pma)(struct pma_config *c), int64_t ha_skew_s)
{
	struct pma_config pc;

	memset(&W, 0, sizeof W);
	fa_sa = (struct mip_sa){ .spi = 256, .alg = AUTH_HMAC_MD5, .kind = AUTH_KIND_FAHA,
				 .match = AUTH_MATCH_ANY, .key_len = 16 };
	memcpy(fa_sa.key, key_fa, 16);
	W.vc_pma = (struct clk_virtual){ T0, 7 };
	W.vc_ha = (struct clk_virtual){ T0 + (uint64_t)(ha_skew_s * (int64_t)NS), 11 };
	W.clk_pma = clk_virtual(&W.vc_pma);
	W.clk_ha = clk_virtual(&W.vc_ha);
	W.attached = true;
	add_ha(&W, HA1, tune_ha);
	pma_defaults(&pc, PMA_A);
	if (tune_pma)
		tune_pma(&pc);
	add_pma(&W, &pc);
}

static int teardown(void **state)
{
	(void)state;
	for (unsigned i = 0; i < W.n_pma; i++) {
		pma_destroy(W.p[i].pma);
		io_mem_destroy(W.p[i].mem);
	}
	for (unsigned i = 0; i < W.n_ha; i++) {
		ha_destroy(W.h[i].ha);
		io_mem_destroy(W.h[i].mem);
	}
	return 0;
}

static void record(struct rec *r, unsigned *n, const struct io_mem_pkt *pk)
{
	static struct mip_msg m;
	struct mip_err err;

	assert_true(*n < MAXREC);
	assert_int_equal(mip_decode(pk->buf, pk->len, &m, &err), 0);
	r[*n] = (struct rec){ W.vc_pma.now_ns, pk->ends, m.type, m.code, m.flags, m.rflags,
			      m.lifetime, m.hoa, m.ha, m.ident };
	(*n)++;
}

static bool pump_pma(unsigned i)
{
	struct io_mem_pkt pk;
	bool moved = false;

	while (io_mem_pop(W.p[i].mem, &pk) == 0) {
		moved = true;
		record(W.rq, &W.n_rq, &pk);
		for (unsigned j = 0; j < W.n_ha && !W.ha_down; j++)
			if (W.h[j].addr == pk.ends.dst)
				ha_input(W.h[j].ha, 0, &pk.ends, pk.buf, pk.len);
		free(pk.buf);
	}
	return moved;
}

static bool pump_ha(unsigned j)
{
	struct io_mem_pkt pk;
	bool moved = false;

	while (io_mem_pop(W.h[j].mem, &pk) == 0) {
		moved = true;
		record(W.rp, &W.n_rp, &pk);
		if (pk.buf[0] == MIP_REV && pk.len <= sizeof W.last_rev) {
			memcpy(W.last_rev, pk.buf, pk.len);
			W.last_rev_len = pk.len;
			W.last_rev_e = pk.ends;
		}
		for (unsigned i = 0; i < W.n_pma; i++)
			if (W.p[i].addr == pk.ends.dst)
				pma_input(W.p[i].pma, &pk.ends, pk.buf, pk.len);
		free(pk.buf);
	}
	return moved;
}

static void pump(void)
{
	bool moved;

	do {
		moved = false;
		for (unsigned i = 0; i < W.n_pma; i++)
			moved |= pump_pma(i);
		for (unsigned j = 0; j < W.n_ha; j++)
			moved |= pump_ha(j);
	} while (moved);
}

/* Move both clocks forward, stopping at every timer on the way. */
static void advance(uint64_t ns)
{
	uint64_t skew = W.vc_ha.now_ns - W.vc_pma.now_ns, target = W.vc_pma.now_ns + ns;

	for (;;) {
		uint64_t t = target;

		for (unsigned i = 0; i < W.n_pma; i++)
			if (pma_next_due(W.p[i].pma) < t)
				t = pma_next_due(W.p[i].pma);
		for (unsigned j = 0; j < W.n_ha; j++)
			if (ha_next_due(W.h[j].ha) != UINT64_MAX &&
			    ha_next_due(W.h[j].ha) - skew < t)
				t = ha_next_due(W.h[j].ha) - skew;
		if (t > W.vc_pma.now_ns) {
			W.vc_pma.now_ns = t;
			W.vc_ha.now_ns = t + skew;
		}
		for (unsigned i = 0; i < W.n_pma; i++)
			pma_tick(W.p[i].pma);
		for (unsigned j = 0; j < W.n_ha; j++)
			ha_tick(W.h[j].ha);
		pump();
		if (t >= target)
			return;
	}
}

static struct pma_device dev1(void)
{
	struct pma_device d;

	memset(&d, 0, sizeof d);
	memcpy(d.mac, mac1, 6);
	strcpy(d.nai, NAI);
	strcpy(d.ifid, "eth1");
	strcpy(d.imsi, "001010123456789");
	return d;
}

static struct pma_session_info sess(struct pma *p)
{
	struct pma_session_info s;

	assert_int_equal(pma_session(p, mac1, &s), 0);
	return s;
}

static const struct bnd *ha_bnd(unsigned j)
{
	return bnd_by_nai(ha_bindings(W.h[j].ha), (const uint8_t *)NAI, strlen(NAI));
}

static void attach(struct pma *p)
{
	struct pma_device d = dev1();

	assert_int_equal(pma_attach(p, &d), 0);
	pump();
}

static unsigned requests(void)
{
	unsigned n = 0;

	for (unsigned i = 0; i < W.n_rq; i++)
		n += W.rq[i].type == MIP_RRQ;
	return n;
}

/* Registration */

static void test_attach_registers(void **state)
{
	struct pma *p;
	struct pma_session_info s;

	(void)state;
	setup_world(NULL, NULL, 0);
	p = W.p[0].pma;
	attach(p);
	s = sess(p);
	assert_int_equal(s.state, PMA_S_REGISTERED);
	assert_int_equal(s.hoa >> 8, 0x0a0a00);             /* from the HA's pool */
	assert_int_equal(s.ha, HA1);
	assert_int_equal(s.lifetime, 1800);
	assert_true(s.rev);
	assert_int_not_equal(s.gre_ha, 0);
	assert_int_equal(W.n_registered, 1);
	assert_non_null(ha_bnd(0));
	assert_int_equal(ha_bnd(0)->hoa, s.hoa);
	assert_int_equal(ha_bnd(0)->gre_fa, s.gre_pma);    /* RFC 6245: our key reached the HA */
	assert_int_equal(W.n_rq, 1);
	assert_int_equal(W.rq[0].flags & MIP_F_D, 0);      /* RFC 5563 §7 */
	assert_true(W.rq[0].flags & MIP_F_T);
	assert_int_equal(W.rq[0].hoa, 0);                  /* §4.1.1 */
	assert_int_equal(W.rq[0].ha, HA1);
	assert_int_equal(W.rq[0].e.src, PMA_A);
	assert_int_equal(W.rq[0].e.dport, MIP_PORT);
	assert_int_equal(W.rp[0].code, 0);
	advance(1800 * NS * 75 / 100);                    /* the renewal */
	assert_int_equal(requests(), 2);
	assert_int_equal(W.rq[1].hoa, s.hoa);              /* §4.1.2: the assigned HoA */
	assert_true(W.rq[1].ident > W.rq[0].ident);
	assert_int_equal(sess(p).state, PMA_S_REGISTERED);
}

/* The request's extensions, in order: what the HA and RFC 5563 §5 expect. */
static void test_request_layout(void **state)
{
	static const uint8_t want[][2] = {
		{ MIP_EXT_NAI, 0 }, { MIP_EXT_PMIP_SK, 1 }, { MIP_EXT_PMIP_SK, 2 },
		{ MIP_EXT_PMIP_SK, 3 }, { MIP_EXT_PMIP_SK, 4 }, { MIP_EXT_PMIP_NS, 1 },
		{ MIP_EXT_REVSUP, 0 }, { MIP_EXT_GREKEY, 0 }, { MIP_EXT_FAHA, 0 },
	};
	static struct mip_msg m;
	struct io_mem_pkt pk;
	struct pma_device d = dev1();
	struct mip_err err;

	(void)state;
	setup_world(NULL, NULL, 0);
	assert_int_equal(pma_attach(W.p[0].pma, &d), 0);
	assert_int_equal(io_mem_pop(W.p[0].mem, &pk), 0);
	assert_int_equal(mip_decode(pk.buf, pk.len, &m, &err), 0);
	assert_int_equal(m.n_ext, sizeof want / sizeof want[0]);
	for (unsigned i = 0; i < m.n_ext; i++) {
		assert_int_equal(m.ext[i].type, want[i][0]);
		if (want[i][0] == MIP_EXT_PMIP_SK || want[i][0] == MIP_EXT_PMIP_NS)
			assert_int_equal(m.ext[i].subtype, want[i][1]);
	}
	assert_int_equal(m.ext[2].v.pmid.idtype, 1);
	assert_memory_equal(m.ext[2].v.pmid.id, mac1, 6);
	assert_int_equal(m.coa, PMA_A);
	assert_int_equal(auth_verify(pk.buf, pk.len, &m.ext[8], &fa_sa), AUTH_VALID);
	free(pk.buf);
}

static void short_life(struct pma_config *c)
{
	c->lifetime = 100;
}

static void test_renewal_timing(void **state)
{
	struct pma *p;

	(void)state;
	setup_world(NULL, short_life, 0);
	p = W.p[0].pma;
	attach(p);
	assert_int_equal(sess(p).lifetime, 100);
	advance(75 * NS - 1);
	assert_int_equal(requests(), 1);
	advance(1);
	assert_int_equal(requests(), 2);                  /* exactly at 75 % */
	assert_int_equal(W.rq[1].at, T0 + 75 * NS);
	assert_int_equal(W.rq[1].lifetime, 100);
	assert_int_equal(sess(p).state, PMA_S_REGISTERED);
	advance(75 * NS - 1);
	assert_int_equal(requests(), 2);
	advance(1);
	assert_int_equal(requests(), 3);
	assert_int_equal(W.n_lost, 0);
}

static void backoff_3(struct pma_config *c)
{
	bitset_add(&c->variants, PMA_VAR_BACKOFF_3);
}

static void no_retransmit(struct pma_config *c)
{
	bitset_add(&c->variants, PMA_VAR_NO_RETRANSMIT);
}

/* Variant backoff-3 (RFC 5944 §3.6.3: "at least twice"): 1, 3, 9, 27 s. */
static void test_retransmit_backoff_3(void **state)
{
	static const uint64_t at[] = { 0, 1, 4, 13, 40 };

	(void)state;
	setup_world(NULL, backoff_3, 0);
	W.ha_down = true;
	attach(W.p[0].pma);
	advance(41 * NS);
	assert_int_equal(W.n_rq, 5);
	for (unsigned i = 0; i < 5; i++)
		assert_int_equal(W.rq[i].at, T0 + at[i] * NS);
}

/* Variant no-retransmit (RFC 5944 §3.6.3: retransmission is a MAY): one request,
 * awaited as long as six doubling transmissions would take (63 s), then given up. */
static void test_no_retransmit(void **state)
{
	struct pma *p;

	(void)state;
	setup_world(NULL, no_retransmit, 0);
	p = W.p[0].pma;
	W.ha_down = true;
	attach(p);
	advance(63 * NS - 1);
	assert_int_equal(W.n_rq, 1);
	assert_int_equal(sess(p).state, PMA_S_REGISTERING);
	advance(1);
	assert_int_equal(sess(p).state, PMA_S_IDLE);
	assert_int_equal(W.lost_why, PMA_E_TIMEOUT);
	advance(600 * NS);
	assert_int_equal(W.n_rq, 1);
}

static void test_renewal_needs_device(void **state)
{
	struct pma *p;

	(void)state;
	setup_world(NULL, short_life, 0);
	p = W.p[0].pma;
	attach(p);
	W.attached = false;                                /* RFC 5563 §4.4 */
	advance(75 * NS);
	assert_int_equal(requests(), 2);
	assert_int_equal(W.rq[1].lifetime, 0);            /* a deregistration, not a renewal */
	assert_int_equal(pma_session_count(p), 0);
	assert_null(ha_bnd(0));
}

/* RFC 5944 §3.6.3: 1 s, then each timeout twice the previous, fresh Identifications. */
static void test_retransmit_backoff(void **state)
{
	static const uint64_t at[] = { 0, 1, 3, 7, 15, 31 };
	struct pma *p;

	(void)state;
	setup_world(NULL, NULL, 0);
	p = W.p[0].pma;
	W.ha_down = true;
	attach(p);
	advance(62 * NS);
	assert_int_equal(W.n_rq, 6);
	for (unsigned i = 0; i < 6; i++) {
		assert_int_equal(W.rq[i].at, T0 + at[i] * NS);
		assert_int_equal(W.rq[i].hoa, 0);
		if (i)
			assert_true(W.rq[i].ident > W.rq[i - 1].ident);
	}
	assert_int_equal(sess(p).state, PMA_S_REGISTERING);
	assert_int_equal(pma_counters(p)->retransmits, 5);
	advance(1 * NS);                                   /* 63 s: the sixth timed out */
	assert_int_equal(sess(p).state, PMA_S_IDLE);
	assert_int_equal(W.n_lost, 1);
	assert_int_equal(W.lost_why, PMA_E_TIMEOUT);
	advance(600 * NS);
	assert_int_equal(W.n_rq, 6);
}

static void slow_many_tries(struct pma_config *c)
{
	c->retrans_ms = 3600000; /* the largest first timeout pma.conf takes is not capped */
	c->max_tries = 20;
}

/* RFC 5944 §3.6.3: each timeout at least the previous one, never wrapping to a burst
 * (3600 s doubled 12 times passes 2^32 ms; found by fuzz_ha in the HA's twin, issue #14). */
static void test_retransmit_backoff_saturates(void **state)
{
	(void)state;
	setup_world(NULL, slow_many_tries, 0);
	W.ha_down = true;
	attach(W.p[0].pma);
	advance(20ull * 4294967295ull * 1000000ull); /* 20 timeouts of ~49.7 days */
	assert_int_equal(W.n_rq, 20);
	for (unsigned i = 2; i < W.n_rq; i++)
		assert_true(W.rq[i].at - W.rq[i - 1].at >= W.rq[i - 1].at - W.rq[i - 2].at);
}

/* RFC 5563 §4.4, RFC 5944 §5.7.1: the HA's clock is 60 s ahead; 133 then accepted. */
static void test_ident_resync(void **state)
{
	struct pma *p;

	(void)state;
	setup_world(NULL, NULL, 60);
	p = W.p[0].pma;
	attach(p);
	assert_int_equal(W.n_rp, 2);
	assert_int_equal(W.rp[0].code, 133);
	assert_int_equal((uint32_t)W.rp[0].ident, (uint32_t)W.rq[0].ident);
	assert_int_equal(W.rp[1].code, 0);
	assert_int_not_equal(W.rq[1].ident, W.rq[0].ident);
	assert_int_equal(sess(p).state, PMA_S_REGISTERED);
	assert_int_equal(pma_counters(p)->resyncs, 1);
	advance(1800 * NS * 75 / 100);                    /* the renewal needs no resync */
	assert_int_equal(W.rp[W.n_rp - 1].code, 0);
	assert_int_equal(pma_counters(p)->resyncs, 1);
}

/* 149 / 150: REFUSED, never again to that HA (RFC 5563 §8.1) unless retry-after-149. */
static void ha_no_pmip(struct ha_config *c)
{
	c->pmip = false;
}

static void ha_disallow(struct ha_config *c)
{
	c->disallow[c->n_disallow++] = PMA_A;
}

static void retry_149(struct pma_config *c)
{
	bitset_add(&c->faults, PMA_FAULT_RETRY_AFTER_149);
}

static void check_refused(void (*tune_ha)(struct ha_config *c), uint8_t code)
{
	struct pma *p;

	setup_world(tune_ha, NULL, 0);
	p = W.p[0].pma;
	attach(p);
	assert_int_equal(W.rp[0].code, code);
	assert_int_equal(sess(p).state, PMA_S_REFUSED);
	assert_int_equal(W.lost_why, PMA_E_REFUSED);
	advance(600 * NS);
	attach(p);                                         /* not even on a new attach */
	assert_int_equal(W.n_rq, 1);
	assert_int_equal(pma_counters(p)->refused, 1);
	teardown(NULL);
	setup_world(tune_ha, retry_149, 0);
	attach(W.p[0].pma);
	advance(10 * NS);
	assert_true(W.n_rq > 1);
}

static void test_refused_149(void **state)
{
	(void)state;
	check_refused(ha_no_pmip, 149);
}

static void test_refused_150(void **state)
{
	(void)state;
	check_refused(ha_disallow, 150);
}

/* RFC 4433 §5.3, RFC 5563 §4.6: HA field 0.0.0.0, 143 + 139/2, then the named HA. */
static void redirect_to_ha2(struct ha_config *c)
{
	c->redirect_to = HA2;
}

static void discover(struct pma_config *c)
{
	c->ha = 0;
	c->ha_dst = HA1;
}

static void test_redirect(void **state)
{
	struct pma *p;

	(void)state;
	setup_world(redirect_to_ha2, discover, 0);
	add_ha(&W, HA2, NULL);
	p = W.p[0].pma;
	attach(p);
	assert_int_equal(W.rq[0].ha, 0);
	assert_int_equal(W.rq[0].e.dst, HA1);
	assert_int_equal(W.rp[0].code, 143);
	assert_int_equal(W.rq[1].e.dst, HA2);
	assert_int_equal(W.rq[1].ha, HA2);
	assert_int_equal(sess(p).state, PMA_S_REGISTERED);
	assert_int_equal(sess(p).ha, HA2);
	assert_int_equal(sess(p).hoa >> 8, 0x0a1400);
	assert_null(ha_bnd(0));
	assert_non_null(ha_bnd(1));
}

/* RFC 3543 §4.2.3, RFC 5563 §4.1.4: a second PMA takes the device over; the HA revokes
 * the first, which drops the session and acknowledges (§3.4). */
static struct bitset fault_bits;

static void only_faults(struct pma_config *c)
{
	c->faults = fault_bits;
}

static void handover(struct bitset faults_a)
{
	struct pma_config pc;

	fault_bits = faults_a;
	setup_world(NULL, only_faults, 0);
	attach(W.p[0].pma);
	assert_int_equal(sess(W.p[0].pma).state, PMA_S_REGISTERED);
	advance(1 * NS);
	pma_defaults(&pc, PMA_B);
	add_pma(&W, &pc);
	attach(W.p[1].pma);
	assert_int_equal(sess(W.p[1].pma).state, PMA_S_REGISTERED);
}

static void test_revocation_ack(void **state)
{
	struct pma *a;
	unsigned ack = MAXREC;

	(void)state;
	handover((struct bitset){ { 0 } });
	a = W.p[0].pma;
	assert_int_equal(pma_session_count(a), 0);
	assert_int_equal(W.lost_why, PMA_E_REVOKED);
	assert_int_equal(pma_counters(a)->revoked, 1);
	assert_int_equal(pma_counters(a)->tx[MIP_REVACK], 1);
	assert_int_equal(ha_pending_revocations(W.h[0].ha), 0);
	assert_int_equal(ha_counters(W.h[0].ha)->rev_acked, 1);
	for (unsigned i = 0; i < W.n_rq; i++)
		if (W.rq[i].type == MIP_REVACK)
			ack = i;
	assert_true(ack < W.n_rq);
	assert_int_equal(W.rq[ack].e.sport, MIP_PORT);
	assert_int_equal(W.rq[ack].e.dport, W.last_rev_e.sport);
	assert_int_equal(W.rq[ack].e.dst, HA1);
	assert_int_equal(W.rq[ack].hoa, sess(W.p[1].pma).hoa);
	/* a replay of the same revocation is discarded and not acknowledged again */
	pma_input(a, &W.last_rev_e, W.last_rev, W.last_rev_len);
	assert_int_equal(pma_counters(a)->dropped, 1);
	assert_int_equal(pma_counters(a)->tx[MIP_REVACK], 1);
}

static void test_revocation_no_ack(void **state)
{
	(void)state;
	handover(bitset_of(PMA_FAULT_NO_REVOCATION_ACK));
	assert_int_equal(pma_session_count(W.p[0].pma), 0);
	assert_int_equal(pma_counters(W.p[0].pma)->tx[MIP_REVACK], 0);
	assert_int_equal(ha_pending_revocations(W.h[0].ha), 1);
}

/* A revocation with A = 0 (reflection) or a bad FA-HA is silently discarded. */
static void send_rev(struct pma *p, uint16_t rflags, uint32_t hoa, uint32_t revid, bool corrupt)
{
	static struct mip_msg m;
	struct udp_ends e = { HA1, PMA_A, MIP_PORT, MIP_PORT };
	struct mip_ext *x;
	uint8_t buf[256];
	size_t n;

	mip_msg_init(&m, MIP_REV);
	m.rflags = rflags;
	m.hoa = hoa;
	m.ha = HA1;
	m.coa = PMA_A;
	m.revid = revid;
	x = mip_ext_add(&m, MIP_EXT_FAHA, 0);
	x->v.auth.spi = fa_sa.spi;
	x->auth_mode = corrupt ? MIP_AUTH_CORRUPT : MIP_AUTH_COMPUTE;
	x->sa = &fa_sa;
	assert_int_equal(mip_encode(&m, buf, sizeof buf, &n, NULL), 0);
	pma_input(p, &e, buf, n);
}

static void test_revocation_checks(void **state)
{
	struct pma *p;
	uint32_t hoa;

	(void)state;
	setup_world(NULL, NULL, 0);
	p = W.p[0].pma;
	attach(p);
	hoa = sess(p).hoa;
	send_rev(p, 0, hoa, 0xfffffff0, false);           /* A = 0 */
	send_rev(p, MIP_REV_A, hoa, 0xfffffff0, true);    /* bad authenticator */
	send_rev(p, MIP_REV_A, hoa, 0x7fffffff, false);   /* older than the HA's 137 */
	assert_int_equal(pma_counters(p)->dropped, 3);
	assert_int_equal(sess(p).state, PMA_S_REGISTERED);
	assert_int_equal(pma_counters(p)->tx[MIP_REVACK], 0);
	send_rev(p, MIP_REV_A, hoa + 1, 0xfffffff0, false); /* not ours: acked, kept */
	assert_int_equal(sess(p).state, PMA_S_REGISTERED);
	send_rev(p, MIP_REV_A | MIP_REV_I, hoa, 0xfffffff1, false); /* valid: ack I = 0 */
	assert_int_equal(pma_session_count(p), 0);
	pump();
	assert_int_equal(W.rq[W.n_rq - 1].type, MIP_REVACK);
	assert_int_equal(W.rq[W.n_rq - 1].rflags, 0);
	assert_int_equal(pma_counters(p)->tx[MIP_REVACK], 2);
}

/* RFC 5563 §4.1.4: detach → lifetime 0 with the same extensions and the assigned HoA. */
static void test_detach_deregisters(void **state)
{
	struct pma *p;
	uint32_t hoa;

	(void)state;
	setup_world(NULL, NULL, 0);
	p = W.p[0].pma;
	attach(p);
	hoa = sess(p).hoa;
	pma_detach(p, mac1);
	pump();
	assert_int_equal(W.n_rq, 2);
	assert_int_equal(W.rq[1].lifetime, 0);
	assert_int_equal(W.rq[1].hoa, hoa);
	assert_int_equal(W.rp[1].code, 0);
	assert_int_equal(pma_session_count(p), 0);
	assert_null(ha_bnd(0));
}

/* Variant lapse-on-detach (RFC 5944 §3.6.1.2: deregistration is a MAY): the session
 * goes, the binding stays at the HA until its lifetime ends. */
static void lapse(struct pma_config *c)
{
	bitset_add(&c->variants, PMA_VAR_LAPSE_ON_DETACH);
}

static void test_detach_lapse_variant(void **state)
{
	struct pma *p;

	(void)state;
	setup_world(NULL, lapse, 0);
	p = W.p[0].pma;
	attach(p);
	pma_detach(p, mac1);
	pump();
	assert_int_equal(W.n_rq, 1);
	assert_int_equal(pma_session_count(p), 0);
	assert_non_null(ha_bnd(0));
}

/* RFC 3543 §4.2.3.1: with revoke_on_detach a detach revokes the binding at the HA: A = 0,
 * from the CoA to the HA at 434; the HA's Ack ends the session. */
static void revoke_on_detach(struct pma_config *c)
{
	c->revoke_on_detach = true;
	c->lifetime = 100;
	c->faults = fault_bits;
}

static void no_ha_revocation(struct ha_config *c)
{
	c->revocation = false;
}

/* A PMA with revoke_on_detach and a device registered with the HA. */
static struct pma *revoking_world(void (*tune_ha)(struct ha_config *c))
{
	fault_bits = (struct bitset){ { 0 } };
	setup_world(tune_ha, revoke_on_detach, 0);
	attach(W.p[0].pma);
	return W.p[0].pma;
}

static void test_detach_revokes(void **state)
{
	struct pma *p;
	const struct rec *r;

	(void)state;
	p = revoking_world(NULL);
	assert_true(sess(p).rev);
	pma_detach(p, mac1);
	pump();
	r = &W.rq[1];
	assert_int_equal(W.n_rq, 2);
	assert_int_equal(r->type, MIP_REV);
	assert_int_equal(r->rflags, 0); /* A = 0; I not negotiated */
	assert_int_equal(r->e.src, PMA_A);
	assert_int_equal(r->e.dst, HA1);
	assert_int_equal(r->e.dport, MIP_PORT);
	assert_int_equal(W.rp[1].type, MIP_REVACK);
	assert_int_equal(pma_session_count(p), 0);
	assert_int_equal(pma_counters(p)->rev_acked, 1);
	assert_null(ha_bnd(0));
}

/* Unacknowledged: retransmitted after 1, 2, 4 ... s, never past the lifetime (100 s). */
static void test_revocation_retransmits(void **state)
{
	struct pma *p;
	uint64_t at[MAXREC] = { 0 };
	unsigned n = 0;

	(void)state;
	p = revoking_world(NULL);
	W.ha_down = true;
	pma_detach(p, mac1);
	pump();
	advance(400 * NS);
	for (unsigned i = 1; i < W.n_rq; i++) {
		assert_int_equal(W.rq[i].type, MIP_REV);
		assert_true(W.rq[i].at < W.rq[0].at + 100 * NS);
		at[n++] = W.rq[i].at;
	}
	assert_int_equal(at[1] - at[0], NS);
	for (unsigned i = 2; i < n; i++)
		assert_int_equal(at[i] - at[i - 1], 2 * (at[i - 1] - at[i - 2]));
	assert_int_equal(n, 7); /* at 0, 1, 3, 7, 15, 31 and 63 s; 127 s is past the end */
	assert_int_equal(pma_session_count(p), 0);
	assert_int_equal(pma_counters(p)->rev_abandoned, 1);
}

/* RFC 3543 §4.2.1: no 137 from the HA: the detach deregisters. */
static void test_revocation_needs_137(void **state)
{
	struct pma *p;

	(void)state;
	p = revoking_world(no_ha_revocation);
	assert_false(sess(p).rev);
	pma_detach(p, mac1);
	pump();
	assert_int_equal(W.rq[1].type, MIP_RRQ);
	assert_int_equal(W.rq[1].lifetime, 0);
	assert_int_equal(pma_session_count(p), 0);
}

/* Each remaining fault changes the behaviour it names. */

static void set_faults(struct pma_config *c)
{
	c->faults = fault_bits;
	c->lifetime = 100;
}

static struct pma *with_fault(enum pma_fault f, bool ha_down)
{
	fault_bits = bitset_of(f);
	setup_world(NULL, set_faults, 0);
	W.ha_down = ha_down;
	attach(W.p[0].pma);
	return W.p[0].pma;
}

static void test_faults(void **state)
{
	struct pma *p;

	(void)state;
	p = with_fault(PMA_FAULT_D_BIT_SET, false);
	assert_true(W.rq[0].flags & MIP_F_D);
	teardown(NULL);
	p = with_fault(PMA_FAULT_NO_NAI, false);          /* the HA answers 134 */
	assert_int_equal(W.rp[0].code, 134);
	assert_int_equal(sess(p).state, PMA_S_IDLE);
	assert_int_equal(W.lost_why, PMA_E_DENIED);
	teardown(NULL);
	p = with_fault(PMA_FAULT_WRONG_DEVICE_ID, false);
	assert_int_equal(ha_bnd(0)->devid_len, 6);
	assert_memory_not_equal(bnd_devid(ha_bnd(0)), mac1, 6);
	teardown(NULL);
	p = with_fault(PMA_FAULT_STALE_IDENT, true);
	advance(2 * NS);
	assert_int_equal(W.n_rq, 2);
	assert_int_equal(W.rq[1].ident, W.rq[0].ident);
	teardown(NULL);
	p = with_fault(PMA_FAULT_NO_REREGISTRATION, false);
	advance(100 * NS - 1);
	assert_int_equal(W.n_rq, 1);
	assert_int_equal(sess(p).state, PMA_S_REGISTERED);
	advance(1);
	assert_int_equal(sess(p).state, PMA_S_IDLE);
	assert_int_equal(W.lost_why, PMA_E_EXPIRED);
	assert_int_equal(pma_counters(p)->expired, 1);
}

/* RFC 5944 §3.6.2.1: a reply that matches no request, or fails authentication, is
 * silently discarded; an event no state accepts is logged and counted. */
static void send_rrp(struct pma *p, uint64_t ident, bool corrupt)
{
	static struct mip_msg m;
	struct udp_ends e = { HA1, PMA_A, MIP_PORT, MIP_PORT };
	struct mip_ext *x;
	uint8_t buf[256];
	size_t n;

	mip_msg_init(&m, MIP_RRP);
	m.hoa = 0x0a0a0063;
	m.ha = HA1;
	m.lifetime = 300;
	m.ident = ident;
	x = mip_ext_add(&m, MIP_EXT_FAHA, 0);
	x->v.auth.spi = fa_sa.spi;
	x->auth_mode = corrupt ? MIP_AUTH_CORRUPT : MIP_AUTH_COMPUTE;
	x->sa = &fa_sa;
	assert_int_equal(mip_encode(&m, buf, sizeof buf, &n, NULL), 0);
	pma_input(p, &e, buf, n);
}

static unsigned n_log;
static char first_log[128];

static void count_log(void *arg, const char *msg)
{
	(void)arg;
	if (!n_log++)
		snprintf(first_log, sizeof first_log, "%s", msg);
}

static void test_unexpected(void **state)
{
	static const uint8_t junk[] = { 3, 0, 0 };
	struct pma *p;
	struct pma_sess *s;

	(void)state;
	setup_world(NULL, NULL, 0);
	p = W.p[0].pma;
	pma_set_log(p, count_log, NULL);
	W.ha_down = true;
	attach(p);
	send_rrp(p, W.rq[0].ident ^ 0x100000000ull ^ 1, false); /* low 32 bits differ */
	send_rrp(p, W.rq[0].ident, true);                         /* bad FA-HA */
	pma_input(p, &W.rq[0].e, junk, sizeof junk);              /* truncated */
	assert_int_equal(pma_counters(p)->dropped, 3);
	assert_int_equal(sess(p).state, PMA_S_REGISTERING);
	s = pma_sess_find(p, mac1);
	pma_fsm(p, s, PMA_E_RENEW);                                /* no state path to it */
	pma_fsm(p, s, PMA_E_REVOKED);
	assert_int_equal(pma_counters(p)->unexpected, 2);
	assert_int_equal(sess(p).state, PMA_S_REGISTERING);
	send_rrp(p, W.rq[0].ident, false);                         /* the real answer */
	assert_int_equal(sess(p).state, PMA_S_REGISTERED);
	assert_int_equal(sess(p).hoa, 0x0a0a0063);
	assert_true(n_log >= 7);
	assert_string_equal(first_log, NAI ": IDLE --ATTACH--> REGISTERING");
}

/* The table is complete, and accepts exactly what this declaration says. */
static void test_fsm_table(void **state)
{
	/* columns: ATTACH ACCEPTED IDENT REDIRECT DENIED REFUSED TIMEOUT RENEW EXPIRED DETACH
	 * REVOKED REV_ACKED */
	static const char *const accept[PMA_S_COUNT] = {
		[PMA_S_IDLE] = "x........x..",
		[PMA_S_REGISTERING] = "xxxxxxx..x..",
		[PMA_S_REGISTERED] = "x......xxxx.",
		[PMA_S_RENEWING] = "xxxxxxx.xxx.",
		[PMA_S_DEREGISTERING] = "xxx.xxx..xx.",
		[PMA_S_REFUSED] = "x.....x..x..",
		[PMA_S_REVOKING] = "x.....x.xxxx",
	};

	(void)state;
	assert_int_equal(pma_fsm_missing(), 0);
	for (int s = 0; s < PMA_S_COUNT; s++) {
		assert_string_not_equal(pma_state_name(s), "?");
		for (int e = 0; e < PMA_E_COUNT; e++)
			assert_int_equal(pma_fsm_accepts(s, e), accept[s][e] == 'x');
	}
	for (int e = 0; e < PMA_E_COUNT; e++)
		assert_string_not_equal(pma_event_name(e), "?");
	assert_string_equal(pma_state_name(PMA_S_COUNT), "?");
	assert_false(pma_fsm_accepts(PMA_S_COUNT, PMA_E_ATTACH));
}

static void test_fault_names(void **state)
{
	(void)state;
	for (int f = 0; f < PMA_FAULT_COUNT; f++) {
		assert_non_null(pma_fault_name(f));
		assert_non_null(pma_fault_help(f));
		assert_int_equal(pma_fault_parse(pma_fault_name(f)), f);
	}
	assert_string_equal(pma_fault_name(PMA_FAULT_RETRY_AFTER_149), "retry-after-149");
	assert_int_equal(pma_fault_parse("no-such-fault"), -1);
	assert_null(pma_fault_name(PMA_FAULT_COUNT));
	assert_int_equal(pma_fault_names.n, PMA_FAULT_COUNT);
	assert_int_equal(bitset_lookup(&pma_fault_names, "agent-advertise"),
			 PMA_FAULT_AGENT_ADVERTISE);
	assert_string_equal(pma_fault_help(PMA_FAULT_D_BIT_SET),
			    "requests carry D = 1 (RFC 5563 §7 says 0)");
	pma_destroy(NULL);
}

/* faults/pma_mutate.c: a fault that garbles what the PMA sends changes the message, and
 * where it goes, at pma_send, whoever built it, and only messages of its row's type: a
 * Revocation built here, not by pma_rev.c. */
static void garble(struct pma_config *c)
{
	bitset_add(&c->faults, PMA_FAULT_REV_WRONG_DST);
	bitset_add(&c->faults, PMA_FAULT_REV_A_BIT_SET);
	bitset_add(&c->faults, PMA_FAULT_D_BIT_SET); /* a request's: not a revocation's */
}

static void test_mutate_at_send(void **state)
{
	struct udp_ends e = { PMA_A, HA1, MIP_PORT, MIP_PORT };

	(void)state;
	for (int faulty = 0; faulty < 2; faulty++) {
		struct io_mem_pkt pk;
		struct mip_msg m;
		struct mip_err err;
		struct pma *p;

		if (faulty)
			teardown(NULL);
		setup_world(NULL, faulty ? garble : NULL, 0);
		p = W.p[0].pma;
		mip_msg_init(&p->out, MIP_REV);
		p->out.hoa = 0x0a0a0005u;
		p->out.ha = HA1;
		p->out.coa = PMA_A;
		p->out.revid = 7;
		mip_ext_add_auth(&p->out, MIP_EXT_FAHA, &p->cfg.sa);
		assert_int_equal(pma_send(p, &e), 0);
		assert_int_equal(io_mem_pop(W.p[0].mem, &pk), 0);
		assert_int_equal(pk.ends.dst, faulty ? 0x0a0a0005u : HA1); /* rev-wrong-dst */
		assert_int_equal(mip_decode(pk.buf, pk.len, &m, &err), 0);
		free(pk.buf);
		assert_int_equal(m.type, MIP_REV);
		assert_int_equal(!!(m.rflags & MIP_REV_A), faulty); /* rev-a-bit-set */
		assert_int_equal(m.flags, 0);
		assert_int_equal(m.revid, 7);
		assert_int_equal(e.dst, HA1); /* the caller's ends are left alone */
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_attach_registers, teardown),
		cmocka_unit_test_teardown(test_request_layout, teardown),
		cmocka_unit_test_teardown(test_renewal_timing, teardown),
		cmocka_unit_test_teardown(test_renewal_needs_device, teardown),
		cmocka_unit_test_teardown(test_retransmit_backoff, teardown),
		cmocka_unit_test_teardown(test_retransmit_backoff_3, teardown),
		cmocka_unit_test_teardown(test_retransmit_backoff_saturates, teardown),
		cmocka_unit_test_teardown(test_no_retransmit, teardown),
		cmocka_unit_test_teardown(test_ident_resync, teardown),
		cmocka_unit_test_teardown(test_refused_149, teardown),
		cmocka_unit_test_teardown(test_refused_150, teardown),
		cmocka_unit_test_teardown(test_redirect, teardown),
		cmocka_unit_test_teardown(test_revocation_ack, teardown),
		cmocka_unit_test_teardown(test_revocation_no_ack, teardown),
		cmocka_unit_test_teardown(test_revocation_checks, teardown),
		cmocka_unit_test_teardown(test_detach_deregisters, teardown),
		cmocka_unit_test_teardown(test_detach_lapse_variant, teardown),
		cmocka_unit_test_teardown(test_detach_revokes, teardown),
		cmocka_unit_test_teardown(test_revocation_retransmits, teardown),
		cmocka_unit_test_teardown(test_revocation_needs_137, teardown),
		cmocka_unit_test_teardown(test_faults, teardown),
		cmocka_unit_test_teardown(test_mutate_at_send, teardown),
		cmocka_unit_test_teardown(test_unexpected, teardown),
		cmocka_unit_test(test_fsm_table),
		cmocka_unit_test(test_fault_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
