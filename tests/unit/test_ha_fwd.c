/* test_ha_fwd.c — the HA end of the tunnel against bindings registered through the
 * reference HA: home-link packets to the care-of address (RFC 5944 §4.2.3) in IP-in-IP
 * or GRE with the FA key (RFC 6245 §5), reverse-tunnelled packets checked (RFC 3024
 * §4.3.2) with the HA key, each refusal, device to device through the HA (RFC 5563
 * §4.2.3), and one copy per simultaneous care-of address.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "binding.h"
#include "ha_fixture.h"
#include "ha_fwd.h"
#include "tun.h"

#define CN 0xc6336407u  /* 198.51.100.7, a correspondent */
#define PMA3 0xc000020cu /* 192.0.2.12, never registered */
#define NAI2 "mn2@example.net"

static struct fx F;
static struct ha_fwd W;

static int setup(void **state)
{
	fx_setup(&F, NULL);
	ha_fwd_init(&W, F.ha);
	return 0;
}

static int teardown(void **state)
{
	fx_teardown(&F);
	return 0;
}

#define RRQ(...) fx_rrq(&F, &(struct req){ __VA_ARGS__ })

static void with(void (*tune)(struct ha_config *c))
{
	fx_teardown(&F);
	fx_setup(&F, tune);
	ha_fwd_init(&W, F.ha);
}

/* Register mn1 (or another NAI) and return its home address. */
static uint32_t reg(const struct req *r)
{
	assert_int_equal(fx_rrq(&F, r), 0);
	assert_int_not_equal(F.rep.hoa, 0);
	return F.rep.hoa;
}

static const struct bnd *binding(uint32_t hoa)
{
	const struct bnd *b = bnd_by_hoa(ha_bindings(F.ha), hoa);

	assert_non_null(b);
	return b;
}

/* A UDP packet src -> dst with 8 bytes of payload; returns its length (36). */
static size_t mk_ip(uint8_t *buf, uint32_t src, uint32_t dst, uint8_t ttl)
{
	struct tun_ip4 h = { .tot_len = 36, .id = 0x4242, .ttl = ttl, .proto = 17,
			     .src = src, .dst = dst };
	struct wr w = wr_init(buf, 36);

	tun_ip4_write(&w, &h);
	wr_u16(&w, 1234);
	wr_u16(&w, 5678);
	wr_u16(&w, 16);
	wr_u16(&w, 0);
	wr_bytes(&w, "payload!", 8);
	assert_false(w.overflow);
	return w.pos;
}

/* What a PMA sends: a packet from hoa to dst, tunnelled from osrc to odst. */
static size_t mk_tun(uint8_t *buf, size_t cap, const struct tun_params *tp, uint32_t hoa,
		     uint32_t dst, uint8_t ttl)
{
	uint8_t in[64];
	size_t n, len = mk_ip(in, hoa, dst, ttl);

	assert_int_equal(tun_encap(tp, in, len, buf, cap, &n, NULL), 0);
	return n;
}

static struct tun_params ipip(uint32_t src, uint32_t dst)
{
	return (struct tun_params){ .kind = TUN_IPIP, .src = src, .dst = dst };
}

static struct tun_params gre(uint32_t src, uint32_t dst, bool has_key, uint32_t key)
{
	return (struct tun_params){ .kind = TUN_GRE, .src = src, .dst = dst,
				    .has_key = has_key, .key = key };
}

/* Send a home-link packet for dst toward care-of address k; decode what came out. */
static enum ha_fwd_result to_mn(uint32_t dst, unsigned k, struct ha_fwd_out *out,
				struct tun_pkt *t)
{
	static uint8_t buf[256];
	uint8_t ip[64];
	size_t n = mk_ip(ip, CN, dst, 20);
	enum ha_fwd_result r;

	*out = (struct ha_fwd_out){ .buf = buf, .cap = sizeof buf };
	r = ha_fwd_to_mn(&W, ip, n, k, out, NULL);
	if (r == FWD_OK) {
		assert_int_equal(tun_decap(out->buf, out->len, t, NULL), 0);
		assert_int_equal(t->outer.dst, out->next_hop);
		assert_int_equal(t->inner.ttl, 19); /* the HA forwards: one hop */
		assert_int_equal(tun_csum(t->inner_pkt, 20), 0);
		assert_memory_equal(t->inner_pkt + 12, ip + 12, n - 12);
	}
	return r;
}

static enum ha_fwd_result from_mn(const uint8_t *p, size_t n, struct tun_pkt *t,
				  const char *field)
{
	struct mip_err e = { 0 };
	enum ha_fwd_result r = ha_fwd_from_mn(&W, p, n, t, &e);
	char s[256];

	if (r != FWD_OK) {
		print_message("%s: %s\n", ha_fwd_result_name(r), mip_err_str(&e, s, sizeof s));
		assert_non_null(field);
		assert_string_equal(e.field, field);
	}
	return r;
}

/* RFC 5944 §4.2.3, RFC 5563 §4.2.1: IP-in-IP by default, from the registered HA address
 * to the care-of address; the inner packet is forwarded (TTL - 1). */
static void test_to_mn_ipip(void **state)
{
	uint32_t hoa = reg(&(struct req){ 0 });
	struct ha_fwd_out out;
	struct tun_pkt t;

	assert_int_equal(to_mn(hoa, 0, &out, &t), FWD_OK);
	assert_int_equal(out.next_hop, PMA1);
	assert_int_equal(out.copies, 1);
	assert_int_equal(t.kind, TUN_IPIP);
	assert_int_equal(t.outer.src, HA_ADDR);
	assert_int_equal(t.inner.src, CN);
	assert_int_equal(t.inner.dst, hoa);
	assert_int_equal(W.st.to_mn[FWD_OK], 1);
	/* the outer Identification moves on with every packet */
	uint16_t id = t.outer.id;
	assert_int_equal(to_mn(hoa, 0, &out, &t), FWD_OK);
	assert_int_equal(t.outer.id, (uint16_t)(id + 1));
}

/* RFC 6245 §5: the HA sends with the FA-assigned key; the G bit alone gives keyless GRE. */
static void test_to_mn_gre(void **state)
{
	uint32_t hoa = reg(&(struct req){ .gre = true, .gre_key = 77 });
	struct ha_fwd_out out;
	struct tun_pkt t;

	assert_int_not_equal(binding(hoa)->gre_ha, 77);
	assert_int_equal(to_mn(hoa, 0, &out, &t), FWD_OK);
	assert_int_equal(t.kind, TUN_GRE);
	assert_true(t.gre.has_key);
	assert_int_equal(t.gre.key, 77);
	assert_false(t.gre.has_csum);
	assert_false(t.gre.has_seq);

	with(NULL);
	hoa = reg(&(struct req){ .flags = MIP_F_G });
	assert_int_equal(to_mn(hoa, 0, &out, &t), FWD_OK);
	assert_int_equal(t.kind, TUN_GRE);
	assert_false(t.gre.has_key);
}

/* What the HA does not tunnel: no binding, a bad packet, TTL 1, no room, too big. */
static void test_to_mn_refusals(void **state)
{
	uint32_t hoa = reg(&(struct req){ 0 });
	struct ha_fwd_out out;
	struct mip_err e = { 0 };
	uint8_t ip[64], buf[64];
	size_t n;

	assert_int_equal(to_mn(hoa + 1, 0, &out, NULL), FWD_NOT_OURS);
	assert_int_equal(to_mn(0, 0, &out, NULL), FWD_NOT_OURS);
	assert_int_equal(to_mn(hoa, 1, &out, NULL), FWD_NOT_OURS); /* one CoA only */
	assert_int_equal(out.copies, 1);
	n = mk_ip(ip, CN, hoa, 20);
	ip[0] = 0x60;
	out = (struct ha_fwd_out){ .buf = buf, .cap = sizeof buf };
	assert_int_equal(ha_fwd_to_mn(&W, ip, n, 0, &out, &e), FWD_MALFORMED);
	assert_string_equal(e.field, "IPv4 Version");
	assert_int_equal(ha_fwd_to_mn(&W, ip, 3, 0, &out, NULL), FWD_MALFORMED);
	n = mk_ip(ip, CN, hoa, 1);
	assert_int_equal(ha_fwd_to_mn(&W, ip, n, 0, &out, &e), FWD_TTL_EXPIRED);
	assert_string_equal(e.field, "IPv4 TTL");
	n = mk_ip(ip, CN, hoa, 20);
	out.cap = 55; /* 20 + 36 needed */
	assert_int_equal(ha_fwd_to_mn(&W, ip, n, 0, &out, &e), FWD_NO_ROOM);
	assert_int_equal(e.kind, MIP_EFULL);
	out.cap = 56;
	assert_int_equal(ha_fwd_to_mn(&W, ip, n, 0, &out, &e), FWD_OK);

	assert_int_equal(W.st.to_mn[FWD_NOT_OURS], 3);
	assert_int_equal(W.st.to_mn[FWD_MALFORMED], 2);
	assert_int_equal(W.st.to_mn[FWD_TTL_EXPIRED], 1);
	assert_int_equal(W.st.to_mn[FWD_NO_ROOM], 1);
	assert_int_equal(W.st.to_mn[FWD_OK], 1);
}

/* A packet that fits alone but not with an outer header in front. */
static void test_to_mn_too_big(void **state)
{
	uint32_t hoa = reg(&(struct req){ 0 });
	struct tun_ip4 h = { .tot_len = TUN_IP4_MAX - 10, .ttl = 20, .proto = 17, .src = CN,
			     .dst = hoa };
	uint8_t *big = calloc(1, TUN_IP4_MAX);
	struct ha_fwd_out out = { .buf = big, .cap = 0 };
	struct mip_err e = { 0 };
	struct wr w;

	assert_non_null(big);
	w = wr_init(big, 20);
	tun_ip4_write(&w, &h);
	assert_int_equal(ha_fwd_to_mn(&W, big, TUN_IP4_MAX, 0, &out, &e), FWD_TOO_BIG);
	assert_string_equal(e.field, "inner IPv4 Total Length");
	assert_int_equal(W.st.to_mn[FWD_TOO_BIG], 1);
	free(big);
}

/* RFC 3024 §4.3.2, RFC 5563 §4.2: a PMIPv4 binding takes reverse-tunnelled packets from
 * its care-of address even without T; the inner packet comes back untouched. */
static void test_from_mn_ipip(void **state)
{
	uint32_t hoa = reg(&(struct req){ 0 });
	struct tun_params tp = ipip(PMA1, HA_ADDR);
	uint8_t p[128];
	struct tun_pkt t;
	size_t n = mk_tun(p, sizeof p, &tp, hoa, CN, 9);

	assert_false(binding(hoa)->flags & BND_T);
	assert_int_equal(from_mn(p, n, &t, NULL), FWD_OK);
	assert_ptr_equal(t.inner_pkt, p + 20);
	assert_int_equal(t.inner_len, 36);
	assert_int_equal(t.inner.src, hoa);
	assert_int_equal(t.inner.dst, CN);
	assert_int_equal(t.inner.ttl, 9); /* not changed when decapsulating (RFC 2003 §3.1) */
	assert_int_equal(W.st.from_mn[FWD_OK], 1);
	assert_int_equal(ha_fwd_from_mn(&W, p, n, &t, NULL), FWD_OK); /* err may be NULL */
}

/* RFC 6245 §5: the PMA reverse-tunnels with the HA-assigned key. */
static void test_from_mn_gre(void **state)
{
	uint32_t hoa = reg(&(struct req){ .gre = true, .gre_key = 77 });
	uint32_t key = binding(hoa)->gre_ha;
	struct tun_params tp = gre(PMA1, HA_ADDR, true, key);
	uint8_t p[128];
	struct tun_pkt t;
	size_t n = mk_tun(p, sizeof p, &tp, hoa, CN, 9);

	assert_int_equal(from_mn(p, n, &t, NULL), FWD_OK);
	assert_int_equal(t.gre.key, key);
	assert_int_equal(t.inner.src, hoa);
	/* checksum and sequence number are fine too */
	tp.csum = tp.has_seq = true;
	n = mk_tun(p, sizeof p, &tp, hoa, CN, 9);
	assert_int_equal(from_mn(p, n, &t, NULL), FWD_OK);
}

/* Tunnel params, from hoa to CN with ttl, into p: refused with res at field (uses the
 * caller's tp, p, n, t). */
#define REFUSED(params, src, ttl, res, field)                                               \
	do {                                                                                 \
		tp = params;                                                                 \
		n = mk_tun(p, sizeof p, &tp, src, CN, ttl);                                  \
		assert_int_equal(from_mn(p, n, &t, field), res);                             \
	} while (0)

/* Each refusal with its result, its field, and its counter. */
static void test_from_mn_refusals(void **state)
{
	uint32_t hoa = reg(&(struct req){ .gre = true, .gre_key = 77 });
	uint32_t key = binding(hoa)->gre_ha;
	struct tun_params tp;
	uint8_t p[128];
	struct tun_pkt t;
	size_t n;

	REFUSED(gre(PMA2, HA_ADDR, true, key), hoa, 9, FWD_BAD_OUTER_SRC,
		"outer IPv4 Source Address");
	REFUSED(gre(PMA1, 0xc0000202u, true, key), hoa, 9, FWD_BAD_OUTER_DST,
		"outer IPv4 Destination Address");
	REFUSED(ipip(PMA1, HA_ADDR), hoa, 9, FWD_BAD_ENCAP, "outer IPv4 Protocol");
	REFUSED(gre(PMA1, HA_ADDR, true, key + 1), hoa, 9, FWD_BAD_KEY, "GRE Key");
	REFUSED(gre(PMA1, HA_ADDR, true, 77), hoa, 9, FWD_BAD_KEY, "GRE Key"); /* FA's key */
	REFUSED(gre(PMA1, HA_ADDR, false, 0), hoa, 9, FWD_BAD_KEY, "GRE Key Present");
	REFUSED(gre(PMA1, HA_ADDR, true, key), hoa + 1, 9, FWD_NOT_OURS,
		"inner IPv4 Source Address");
	REFUSED(gre(PMA1, HA_ADDR, true, key), 0, 9, FWD_NOT_OURS, "inner IPv4 Source Address");
	REFUSED(gre(PMA1, HA_ADDR, true, key), hoa, 0, FWD_TTL_EXPIRED, "inner IPv4 TTL");
	REFUSED(gre(PMA1, HA_ADDR, true, key), hoa, 9, FWD_OK, NULL);
	p[n - 1] ^= 1; /* still a fine packet: the payload is not checked */
	assert_int_equal(from_mn(p, n, &t, NULL), FWD_OK);
	p[0] = 0x46;
	assert_int_equal(from_mn(p, n, &t, "outer IPv4 Header Checksum"), FWD_MALFORMED);
	assert_int_equal(from_mn(p, 3, &t, "outer IPv4 Total Length"), FWD_MALFORMED);
	assert_int_equal(W.st.from_mn[FWD_BAD_KEY], 3);
	assert_int_equal(W.st.from_mn[FWD_MALFORMED], 2);
}

/* RFC 3024 §4.3.2: "an encapsulation mechanism that was not negotiated" is refused. */
static void test_from_mn_wrong_encap(void **state)
{
	uint32_t hoa = reg(&(struct req){ 0 });
	struct tun_params tp;
	uint8_t p[128];
	struct tun_pkt t;
	size_t n;

	/* an IP-in-IP binding refuses GRE */
	REFUSED(gre(PMA1, HA_ADDR, true, 1), hoa, 9, FWD_BAD_ENCAP, "outer IPv4 Protocol");
	REFUSED(gre(PMA1, HA_ADDR, false, 0), hoa, 9, FWD_BAD_ENCAP, "outer IPv4 Protocol");
	/* keyless GRE (G bit, no extension 48) refuses a key */
	with(NULL);
	hoa = reg(&(struct req){ .flags = MIP_F_G });
	REFUSED(gre(PMA1, HA_ADDR, true, 5), hoa, 9, FWD_BAD_KEY, "GRE Key");
	REFUSED(gre(PMA1, HA_ADDR, false, 0), hoa, 9, FWD_OK, NULL);
	assert_int_equal(W.st.from_mn[FWD_BAD_KEY], 1);
	assert_int_equal(W.st.from_mn[FWD_OK], 1);
}

static void test_from_mn_counters(void **state)
{
	uint32_t hoa = reg(&(struct req){ .gre = true });
	struct tun_params tp = gre(PMA2, HA_ADDR, true, binding(hoa)->gre_ha);
	uint8_t p[128];
	struct tun_pkt t;
	size_t n = mk_tun(p, sizeof p, &tp, hoa, CN, 9);

	assert_int_equal(ha_fwd_from_mn(&W, p, n, &t, NULL), FWD_BAD_OUTER_SRC);
	assert_int_equal(ha_fwd_from_mn(&W, p, 5, &t, NULL), FWD_MALFORMED);
	tp.src = PMA1;
	n = mk_tun(p, sizeof p, &tp, hoa, CN, 9);
	assert_int_equal(ha_fwd_from_mn(&W, p, n, &t, NULL), FWD_OK);
	assert_int_equal(W.st.from_mn[FWD_BAD_OUTER_SRC], 1);
	assert_int_equal(W.st.from_mn[FWD_MALFORMED], 1);
	assert_int_equal(W.st.from_mn[FWD_OK], 1);
	for (int r = 0; r < FWD_COUNT; r++)
		assert_int_equal(W.st.to_mn[r] + W.st.relay[r], 0);
}

/* RFC 3024 §4.3.1: a Mobile IP (not proxy) binding without T has no reverse tunnel. */
static void test_no_reverse_tunnel(void **state)
{
	uint32_t hoa = reg(&(struct req){ .mnha = true });
	struct tun_params tp = ipip(PMA1, HA_ADDR);
	uint8_t p[128];
	struct tun_pkt t;
	size_t n = mk_tun(p, sizeof p, &tp, hoa, CN, 9);

	assert_false(binding(hoa)->flags & (BND_T | BND_PMIP));
	assert_int_equal(from_mn(p, n, &t, "reverse tunnel"), FWD_NO_REVERSE);
	hoa = reg(&(struct req){ .mnha = true, .flags = MIP_F_T, .hoa = hoa });
	assert_int_equal(from_mn(p, n, &t, NULL), FWD_OK);
}

/* RFC 5563 §4.2.3: two devices on one PMA talk through the HA; each leg uses the keys of
 * its own binding (RFC 6245 §5). */
static void test_same_pma(void **state)
{
	uint32_t h1 = reg(&(struct req){ .gre = true, .gre_key = 77 });
	uint32_t h2 = reg(&(struct req){ .nai = NAI2, .gre = true, .gre_key = 88 });
	struct tun_params tp = gre(PMA1, HA_ADDR, true, binding(h1)->gre_ha);
	uint8_t p[128], buf[128];
	struct ha_fwd_out out = { .buf = buf, .cap = sizeof buf };
	struct tun_pkt t, u;
	size_t n = mk_tun(p, sizeof p, &tp, h1, h2, 9);

	assert_int_not_equal(h1, h2);
	assert_int_equal(from_mn(p, n, &t, NULL), FWD_OK);
	assert_int_equal(ha_fwd_relay(&W, &t, 0, &out, NULL), FWD_OK);
	assert_int_equal(out.next_hop, PMA1);
	assert_int_equal(tun_decap(out.buf, out.len, &u, NULL), 0);
	assert_int_equal(u.outer.src, HA_ADDR);
	assert_int_equal(u.outer.dst, PMA1);
	assert_int_equal(u.gre.key, 88); /* mn2's FA-assigned key */
	assert_int_equal(u.inner.src, h1);
	assert_int_equal(u.inner.dst, h2);
	assert_int_equal(u.inner.ttl, 8);
	assert_int_equal(tun_csum(u.inner_pkt, 20), 0);
	assert_memory_equal(u.inner_pkt + 20, t.inner_pkt + 20, 16);
	assert_int_equal(W.st.relay[FWD_OK], 1);

	/* to a correspondent: not a home address here, the caller routes it */
	n = mk_tun(p, sizeof p, &tp, h1, CN, 9);
	assert_int_equal(from_mn(p, n, &t, NULL), FWD_OK);
	assert_int_equal(ha_fwd_relay(&W, &t, 0, &out, NULL), FWD_NOT_OURS);
	/* TTL 1 arrives, but is not forwarded again */
	n = mk_tun(p, sizeof p, &tp, h1, h2, 1);
	assert_int_equal(from_mn(p, n, &t, NULL), FWD_OK);
	assert_int_equal(ha_fwd_relay(&W, &t, 0, &out, NULL), FWD_TTL_EXPIRED);
	assert_int_equal(W.st.relay[FWD_NOT_OURS], 1);
	assert_int_equal(W.st.relay[FWD_TTL_EXPIRED], 1);
}

/* RFC 5944 §4.2.3: with simultaneous bindings a copy goes to each care-of address, and
 * reverse-tunnelled packets are taken from any of them. */
static void simultaneous(struct ha_config *c)
{
	c->simultaneous = true;
	c->max_simultaneous = 3;
}

static void test_simultaneous(void **state)
{
	uint32_t hoa, seen[2];
	struct ha_fwd_out out;
	struct tun_pkt t;
	struct tun_params tp;
	uint8_t p[128];
	size_t n;

	with(simultaneous);
	hoa = reg(&(struct req){ .flags = MIP_F_S });
	assert_int_equal(reg(&(struct req){ .flags = MIP_F_S, .src = PMA2, .hoa = hoa }), hoa);
	assert_int_equal(binding(hoa)->n_extra, 1);
	for (unsigned k = 0; k < 2; k++) {
		assert_int_equal(to_mn(hoa, k, &out, &t), FWD_OK);
		assert_int_equal(out.copies, 2);
		seen[k] = out.next_hop;
	}
	assert_int_equal(seen[0], PMA2); /* the latest registration is the primary */
	assert_int_equal(seen[1], PMA1);
	assert_int_equal(to_mn(hoa, 2, &out, &t), FWD_NOT_OURS);
	assert_int_equal(out.copies, 2);
	tp = ipip(PMA1, HA_ADDR);
	n = mk_tun(p, sizeof p, &tp, hoa, CN, 9);
	assert_int_equal(from_mn(p, n, &t, NULL), FWD_OK);
	tp.src = PMA2;
	n = mk_tun(p, sizeof p, &tp, hoa, CN, 9);
	assert_int_equal(from_mn(p, n, &t, NULL), FWD_OK);
	tp.src = PMA3;
	n = mk_tun(p, sizeof p, &tp, hoa, CN, 9);
	assert_int_equal(from_mn(p, n, &t, "outer IPv4 Source Address"), FWD_BAD_OUTER_SRC);
}

static void fwd_drop(struct ha_config *c)
{
	bitset_add(&c->faults, HA_FAULT_FWD_DROP);
}

/* The fault fwd-drop: the 1st, 51st, 101st... packet each way is dropped and counted,
 * the two directions apart; refusals before it (a wrong outer source) are not its. */
static void test_fault_fwd_drop(void **state)
{
	struct tun_params tp = ipip(PMA1, HA_ADDR);
	struct ha_fwd_out out;
	struct tun_pkt t;
	uint8_t p[128];
	uint32_t hoa;
	size_t n;

	with(fwd_drop);
	hoa = reg(&(struct req){ 0 });
	n = mk_tun(p, sizeof p, &tp, hoa, CN, 9);
	for (unsigned i = 0; i < 101; i++)
		assert_int_equal(from_mn(p, n, &t, i % 50 ? NULL : "fault"),
				 i % 50 ? FWD_OK : FWD_FAULT_DROP);
	assert_int_equal(W.st.from_mn[FWD_FAULT_DROP], 3);
	assert_int_equal(W.st.from_mn[FWD_OK], 98);
	assert_int_equal(W.st.to_mn[FWD_FAULT_DROP], 0);
	for (unsigned i = 0; i < 60; i++)
		assert_int_equal(to_mn(hoa, 0, &out, &t), i % 50 ? FWD_OK : FWD_FAULT_DROP);
	assert_int_equal(W.st.to_mn[FWD_FAULT_DROP], 2);
	assert_int_equal(W.st.to_mn[FWD_OK], 58);
	tp.src = PMA2; /* refused before the fault sees it: no packet of its count */
	n = mk_tun(p, sizeof p, &tp, hoa, CN, 9);
	assert_int_equal(ha_fwd_from_mn(&W, p, n, &t, NULL), FWD_BAD_OUTER_SRC);
	tp.src = PMA1;
	n = mk_tun(p, sizeof p, &tp, hoa, CN, 9);
	for (unsigned i = 101; i < 151; i++)
		assert_int_equal(ha_fwd_from_mn(&W, p, n, &t, NULL),
				 i % 50 ? FWD_OK : FWD_FAULT_DROP);
	assert_int_equal(W.st.from_mn[FWD_FAULT_DROP], 4);
	assert_string_equal(ha_fwd_result_name(FWD_FAULT_DROP), "fwd-drop");
}

/* A deregistered device's packets are no longer the HA's. */
static void test_after_dereg(void **state)
{
	uint32_t hoa = reg(&(struct req){ 0 });
	struct tun_params tp = ipip(PMA1, HA_ADDR);
	struct ha_fwd_out out;
	struct tun_pkt t;
	uint8_t p[128];
	size_t n = mk_tun(p, sizeof p, &tp, hoa, CN, 9);

	assert_int_equal(RRQ(.dereg = true, .hoa = hoa), 0);
	assert_null(bnd_by_hoa(ha_bindings(F.ha), hoa));
	assert_int_equal(to_mn(hoa, 0, &out, &t), FWD_NOT_OURS);
	assert_int_equal(from_mn(p, n, &t, "inner IPv4 Source Address"), FWD_NOT_OURS);
}

static void test_result_names(void **state)
{
	for (int i = 0; i < FWD_COUNT; i++) {
		assert_non_null(ha_fwd_result_name((enum ha_fwd_result)i));
		for (int j = 0; j < i; j++)
			assert_string_not_equal(ha_fwd_result_name((enum ha_fwd_result)i),
						ha_fwd_result_name((enum ha_fwd_result)j));
	}
	assert_string_equal(ha_fwd_result_name(FWD_BAD_KEY), "bad-gre-key");
	assert_string_equal(ha_fwd_result_name(FWD_COUNT), "?");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_to_mn_ipip),
		T(test_to_mn_gre),
		T(test_to_mn_refusals),
		T(test_to_mn_too_big),
		T(test_from_mn_ipip),
		T(test_from_mn_gre),
		T(test_from_mn_refusals),
		T(test_from_mn_wrong_encap),
		T(test_from_mn_counters),
		T(test_no_reverse_tunnel),
		T(test_same_pma),
		T(test_simultaneous),
		T(test_after_dereg),
		T(test_fault_fwd_drop),
		T(test_result_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
