/* test_replay_raw.c — raw replay's rewriting (rr_rw.c) and re-signing (rr_sign.c), and
 * frame_net: option syntax, maps with every checksum fixed, tunnel operations, and a
 * Mobile IP message re-stamped and re-signed so that its authenticator verifies again.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pcap/pcap.h>
#include <string.h>

#include "auth.h"
#include "frame.h"
#include "ident.h"
#include "mip.h"
#include "rr_rw.h"
#include "rr_sign.h"
#include "tun.h"

#define PMA 0x0a000001u /* 10.0.0.1 */
#define HA 0x0a000002u  /* 10.0.0.2 */
#define TS0 1796000000000000000ull

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* Ethernet + IPv4 + UDP 434 + an RRQ from PMA to HA signed with sa (FA-HA): its length. */
static size_t rrq_frame(uint8_t *f, size_t cap, const struct mip_sa *sa, uint64_t ident)
{
	static const uint8_t eth[14] = { 2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 8, 0 };
	struct udp_ends ends = { PMA, HA, 434, 434 };
	struct mip_msg m;
	struct mip_err e;
	uint8_t msg[256];
	size_t n;
	char err[100];
	int len;

	mip_msg_init(&m, MIP_RRQ);
	m.lifetime = 300;
	m.ha = HA;
	m.coa = PMA;
	m.ident = ident;
	assert_non_null(mip_ext_add_auth(&m, MIP_EXT_FAHA, sa));
	assert_int_equal(mip_encode(&m, msg, sizeof msg, &n, &e), 0);
	memcpy(f, eth, 14);
	len = frame_build_ipv4_udp(&ends, 7, msg, n, f + 14, cap - 14, err, sizeof err);
	assert_true(len > 0);
	return 14 + (size_t)len;
}

static void sa_of(struct mip_sa *sa)
{
	char err[100];

	assert_int_equal(auth_sa_parse("spi=256,key=hex:000102030405060708090a0b0c0d0e0f",
				       sa, err, sizeof err), 0);
}

/* Every checksum of the IPv4/UDP packet at ip is right. */
static void assert_sums(const uint8_t *ip)
{
	size_t hlen = (ip[0] & 15u) * 4u;
	uint32_t src = (uint32_t)ip[12] << 24 | (uint32_t)ip[13] << 16 | ip[14] << 8 | ip[15];
	uint32_t dst = (uint32_t)ip[16] << 24 | (uint32_t)ip[17] << 16 | ip[18] << 8 | ip[19];

	assert_int_equal(tun_csum(ip, hlen), 0);
	if (ip[9] == 17)
		assert_int_equal(tun_l4_csum(src, dst, 17, ip + hlen, get16(ip + hlen + 4)), 0);
}

static void test_parse(void **state)
{
	static const struct { enum rr_rw_opt opt; const char *arg; int ok; } rows[] = {
		{ RR_OPT_MAC, "02:00:00:00:00:01=02:00:00:00:00:09", 0 },
		{ RR_OPT_MAC, "02:00:00:00:00:01", -1 },
		{ RR_OPT_MAC, "02:00:00:00:00=02:00:00:00:00:09", -1 },
		{ RR_OPT_IP, "10.0.0.1=10.0.1.1", 0 },
		{ RR_OPT_IP, "10.0.0.1=10.0.1", -1 },
		{ RR_OPT_PORT, "9000=9001", 0 },
		{ RR_OPT_PORT, "9000=65536", -1 },
		{ RR_OPT_TUNNEL, "strip", 0 },
		{ RR_OPT_TUNNEL, "add:ipip:192.0.2.1,192.0.2.2", 0 },
		{ RR_OPT_TUNNEL, "add:gre:192.0.2.1,192.0.2.2,key=7,csum", 0 },
		{ RR_OPT_TUNNEL, "add:ipip:192.0.2.1,192.0.2.2,key=7", -1 },
		{ RR_OPT_TUNNEL, "add:gre:192.0.2.1", -1 },
		{ RR_OPT_TUNNEL, "gre-key:5=6", -1 }, /* a fifth tunnel operation */
		{ RR_OPT_SA, "spi=256,key=hex:00", 0 },
		{ RR_OPT_SA, "spi=1,key=hex:00", -1 },
	};
	static struct rr_rw rw;
	char err[200];

	(void)state;
	memset(&rw, 0, sizeof rw);
	assert_int_equal(rr_rw_parse(&rw, RR_OPT_TUNNEL, "gre-key:5", err, sizeof err), 0);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		err[0] = '\0';
		print_message("%s\n", rows[i].arg);
		assert_int_equal(rr_rw_parse(&rw, rows[i].opt, rows[i].arg, err, sizeof err),
				 rows[i].ok);
		assert_true(rows[i].ok == 0 || err[0]);
	}
	assert_true(rr_rw_active(&rw));
	assert_int_equal(rr_rw_ip(&rw, PMA), 0x0a000101u);
	assert_int_equal(rr_rw_port(&rw, 9000), 9001);
}

static void test_maps_and_sums(void **state)
{
	static struct rr_rw rw;
	struct mip_sa sa;
	uint8_t f[512], tmp[512];
	char err[200];
	size_t len;

	(void)state;
	memset(&rw, 0, sizeof rw);
	sa_of(&sa);
	len = rrq_frame(f, sizeof f, &sa, 1);
	assert_int_equal(rr_rw_parse(&rw, RR_OPT_IP, "10.0.0.1=10.0.1.1", err, sizeof err), 0);
	assert_int_equal(rr_rw_parse(&rw, RR_OPT_PORT, "434=4340", err, sizeof err), 0);
	assert_int_equal(rr_rw_parse(&rw, RR_OPT_MAC, "02:00:00:00:00:02=02:00:00:00:00:22",
				     err, sizeof err), 0);
	assert_int_equal(rr_rw_frame(&rw, f, sizeof f, &len, tmp, err, sizeof err), 0);
	assert_int_equal(f[5], 0x22);
	assert_int_equal(f[14 + 14], 1); /* 10.0.1.1 */
	assert_int_equal(get16(f + 34), 4340);
	assert_sums(f + 14);
}

static void test_tunnels(void **state)
{
	static struct rr_rw rw;
	struct mip_sa sa;
	struct tun_pkt t;
	struct mip_err e;
	uint8_t f[512], tmp[512];
	char err[200];
	size_t len, plain;

	(void)state;
	memset(&rw, 0, sizeof rw);
	sa_of(&sa);
	plain = len = rrq_frame(f, sizeof f, &sa, 1);
	assert_int_equal(rr_rw_parse(&rw, RR_OPT_TUNNEL, "add:gre:192.0.2.1,192.0.2.2,key=9",
				     err, sizeof err), 0);
	assert_int_equal(rr_rw_frame(&rw, f, sizeof f, &len, tmp, err, sizeof err), 0);
	assert_int_equal(len, plain + 28);
	assert_int_equal(tun_decap(f + 14, len - 14, &t, &e), 0);
	assert_int_equal(t.kind, TUN_GRE);
	assert_int_equal(t.gre.key, 9);
	/* re-key it, then strip it: the packet of the start again */
	memset(&rw, 0, sizeof rw);
	assert_int_equal(rr_rw_parse(&rw, RR_OPT_TUNNEL, "gre-key:9=10", err, sizeof err), 0);
	assert_int_equal(rr_rw_frame(&rw, f, sizeof f, &len, tmp, err, sizeof err), 0);
	assert_int_equal(tun_decap(f + 14, len - 14, &t, &e), 0);
	assert_int_equal(t.gre.key, 10);
	memset(&rw, 0, sizeof rw);
	assert_int_equal(rr_rw_parse(&rw, RR_OPT_TUNNEL, "strip", err, sizeof err), 0);
	assert_int_equal(rr_rw_frame(&rw, f, sizeof f, &len, tmp, err, sizeof err), 0);
	assert_int_equal(len, plain);
	assert_int_equal(f[14 + 9], 17);
	assert_sums(f + 14);
}

static void test_resign(void **state)
{
	static struct rr_rw rw;
	struct rr_sign_set s;
	struct mip_msg m;
	struct mip_err e;
	uint8_t f[512], tmp[512];
	uint64_t id0 = ident_ntp_from_ns(TS0);
	int32_t idx;
	char err[200];
	size_t len;

	(void)state;
	memset(&rw, 0, sizeof rw);
	memset(&s, 0, sizeof s);
	sa_of(&rw.sa[0]);
	rw.n_sa = 1;
	assert_int_equal(rr_rw_parse(&rw, RR_OPT_IP, "10.0.0.1=10.0.1.1", err, sizeof err), 0);
	len = rrq_frame(f, sizeof f, &rw.sa[0], id0);
	assert_int_equal(rr_rw_frame(&rw, f, sizeof f, &len, tmp, err, sizeof err), 0);
	s.rw = &rw;
	s.ts0 = TS0;
	assert_int_equal(rr_sign_plan(&s, f, len, TS0, &idx, err, sizeof err), 0);
	assert_int_equal(idx, 0);
	rr_sign_epoch(&s, TS0 + 5000000000ull); /* replayed 5 s after the capture */
	rr_sign_apply(&s, idx, f);
	assert_int_equal(mip_decode(f + 42, len - 42, &m, &e), 0);
	assert_int_equal(m.coa, 0x0a000101u);
	assert_int_equal(m.ident - id0, 5ull << 32);
	assert_int_equal(auth_verify(f + 42, len - 42, &m.ext[0], &rw.sa[0]), AUTH_VALID);
	assert_sums(f + 14);
	/* a second pass at once still moves forward */
	rr_sign_epoch(&s, TS0 + 5000000000ull);
	rr_sign_apply(&s, idx, f);
	assert_int_equal(mip_decode(f + 42, len - 42, &m, &e), 0);
	assert_true(m.ident - id0 > 5ull << 32);
	assert_int_equal(auth_verify(f + 42, len - 42, &m.ext[0], &rw.sa[0]), AUTH_VALID);
	/* no SA for it: an error that names the authenticator */
	rw.sa[0].spi = 999;
	assert_int_equal(rr_sign_plan(&s, f, len, TS0, &idx, err, sizeof err), -1);
	assert_string_equal(err, "rrq fa-ha (SPI 256): no --sa for it");
	rr_sign_finish(&s);
}

static void test_frame_net(void **state)
{
	static const uint8_t vlan[] = { 2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x81, 0, 0, 5,
					0x08, 0x00, 0x45 };
	static const uint8_t raw[] = { 0x45, 0 };
	size_t off = 0;
	uint16_t et = 0;

	(void)state;
	assert_int_equal(frame_net(DLT_EN10MB, vlan, sizeof vlan, &off, &et), 0);
	assert_int_equal(off, 18);
	assert_int_equal(et, 0x0800);
	assert_int_equal(frame_net(DLT_RAW, raw, sizeof raw, &off, &et), 0);
	assert_int_equal(off, 0);
	assert_int_equal(et, 0x0800);
	assert_int_equal(frame_net(DLT_EN10MB, vlan, 13, &off, &et), -1);
	assert_int_equal(frame_net(DLT_IEEE802_11, vlan, sizeof vlan, &off, &et), -2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_maps_and_sums),
		cmocka_unit_test(test_tunnels),
		cmocka_unit_test(test_resign),
		cmocka_unit_test(test_frame_net),
	};

	return cmocka_run_group_tests_name("replay_raw", tests, NULL, NULL);
}
