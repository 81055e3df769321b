/* test_eth_arp.c — Ethernet II framing (IEEE 802.3, 802.1Q) and ARP for IPv4 over
 * Ethernet (RFC 826, RFC 5227 §2.3) as the PMA uses them (RFC 5563 §6.1): byte vectors
 * written by hand from the layouts, every error path with its field and offset, and
 * every prefix of every golden frame.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arp.h"
#include "eth.h"

#define MN_IP 0x0a0a0005u /* 10.10.0.5: the mobile device's home address */
#define GW_IP 0x0a0a0001u /* 10.10.0.1: its default gateway, answered by the PMA */

static const uint8_t MN_MAC[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t PMA_MAC[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0xfe };

/* "who-has 10.10.0.1 tell 10.10.0.5", broadcast, padded to 60 bytes. */
static const uint8_t WHO_HAS[60] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, /* Ethernet Destination: broadcast */
	0x02, 0x00, 0x00, 0x00, 0x00, 0x01, /* Source: the mobile device */
	0x08, 0x06,                         /* EtherType ARP */
	0x00, 0x01, 0x08, 0x00,             /* ar$hrd Ethernet, ar$pro IPv4 */
	0x06, 0x04, 0x00, 0x01,             /* ar$hln 6, ar$pln 4, ar$op request */
	0x02, 0x00, 0x00, 0x00, 0x00, 0x01, /* ar$sha */
	0x0a, 0x0a, 0x00, 0x05,             /* ar$spa 10.10.0.5 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* ar$tha unknown */
	0x0a, 0x0a, 0x00, 0x01,             /* ar$tpa 10.10.0.1 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* padding */
};

/* "10.10.0.1 is-at 02:00:00:00:00:fe", to the mobile device. */
static const uint8_t IS_AT[60] = {
	0x02, 0x00, 0x00, 0x00, 0x00, 0x01, /* to the requester */
	0x02, 0x00, 0x00, 0x00, 0x00, 0xfe, /* from the PMA */
	0x08, 0x06,
	0x00, 0x01, 0x08, 0x00, 0x06, 0x04,
	0x00, 0x02,                         /* reply */
	0x02, 0x00, 0x00, 0x00, 0x00, 0xfe, /* ar$sha: the PMA's MAC */
	0x0a, 0x0a, 0x00, 0x01,             /* ar$spa: the address asked for */
	0x02, 0x00, 0x00, 0x00, 0x00, 0x01, /* ar$tha: the requester */
	0x0a, 0x0a, 0x00, 0x05,             /* ar$tpa */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* Gratuitous ARP for 10.10.0.1 at the PMA's MAC (RFC 5227 §2.3 announcement). */
static const uint8_t GARP[60] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0x00, 0x00, 0x00, 0x00, 0xfe, 0x08, 0x06,
	0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01, /* request */
	0x02, 0x00, 0x00, 0x00, 0x00, 0xfe, 0x0a, 0x0a, 0x00, 0x01, /* sender: PMA, 10.10.0.1 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0a, 0x0a, 0x00, 0x01, /* target: 0, 10.10.0.1 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* WHO_HAS with an 802.1Q tag, VLAN 100 priority 5, no padding. */
static const uint8_t TAGGED[46] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01,
	0x81, 0x00, 0xa0, 0x64, /* TPID, TCI: PCP 5, DEI 0, VID 100 */
	0x08, 0x06,
	0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01,
	0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x0a, 0x0a, 0x00, 0x05,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0a, 0x0a, 0x00, 0x01,
};

static void expect_err(const struct mip_err *e, enum mip_err_kind kind, size_t off,
		       const char *field)
{
	assert_int_equal(e->kind, kind);
	assert_int_equal(e->off, off);
	assert_string_equal(e->field, field);
}

static void test_eth_parse(void **state)
{
	struct eth_frame f;

	(void)state;
	assert_int_equal(eth_parse(WHO_HAS, sizeof WHO_HAS, &f, NULL), 0);
	assert_memory_equal(f.dst, eth_bcast, 6);
	assert_memory_equal(f.src, MN_MAC, 6);
	assert_int_equal(f.type, ETH_P_ARP);
	assert_false(f.tagged);
	assert_int_equal(f.payload_off, 14);
	assert_int_equal(f.payload_len, 46);
	assert_ptr_equal(f.payload, WHO_HAS + 14);
}

static void test_eth_tagged(void **state)
{
	struct eth_frame f;

	(void)state;
	assert_int_equal(eth_parse(TAGGED, sizeof TAGGED, &f, NULL), 0);
	assert_true(f.tagged);
	assert_int_equal(f.tci, 0xa064);
	assert_int_equal(f.tci & 0x0fff, 100);
	assert_int_equal(f.type, ETH_P_ARP);
	assert_int_equal(f.payload_off, 18);
	assert_int_equal(f.payload_len, 28);
}

static void test_eth_errors(void **state)
{
	uint8_t p[64];
	struct eth_frame f;
	struct mip_err e;

	(void)state;
	assert_int_equal(eth_parse(WHO_HAS, 3, &f, &e), -1);
	expect_err(&e, MIP_ETRUNC, 0, "Ethernet Destination");
	assert_int_equal(eth_parse(WHO_HAS, 11, &f, &e), -1);
	expect_err(&e, MIP_ETRUNC, 6, "Ethernet Source");
	assert_int_equal(eth_parse(WHO_HAS, 13, &f, &e), -1);
	expect_err(&e, MIP_ETRUNC, 12, "Ethernet EtherType");
	memcpy(p, WHO_HAS, 60);
	p[12] = 0x05, p[13] = 0xdc; /* 1500: an 802.3 Length */
	assert_int_equal(eth_parse(p, 60, &f, &e), -1);
	expect_err(&e, MIP_EINVAL, 12, "Ethernet EtherType");
	assert_int_equal(eth_parse(TAGGED, 15, &f, &e), -1);
	expect_err(&e, MIP_ETRUNC, 14, "802.1Q TCI");
	assert_int_equal(eth_parse(TAGGED, 17, &f, &e), -1);
	expect_err(&e, MIP_ETRUNC, 16, "Ethernet EtherType");
	memcpy(p, TAGGED, sizeof TAGGED);
	p[16] = 0x81, p[17] = 0x00; /* QinQ */
	assert_int_equal(eth_parse(p, sizeof TAGGED, &f, &e), -1);
	expect_err(&e, MIP_EINVAL, 16, "Ethernet EtherType");
	p[16] = 0x00, p[17] = 0x2e; /* a Length behind the tag */
	assert_int_equal(eth_parse(p, sizeof TAGGED, &f, &e), -1);
	expect_err(&e, MIP_EINVAL, 16, "Ethernet EtherType");
}

static void test_eth_build(void **state)
{
	uint8_t out[1600], pl[1500];
	size_t n = 0;
	struct mip_err e;

	(void)state;
	assert_int_equal(eth_build(eth_bcast, MN_MAC, ETH_P_ARP, WHO_HAS + 14, 28, out,
				   sizeof out, &n, NULL), 0);
	assert_int_equal(n, 60);
	assert_memory_equal(out, WHO_HAS, 60); /* padded with zeros */
	memset(pl, 0x5a, sizeof pl);
	assert_int_equal(eth_build(MN_MAC, PMA_MAC, ETH_P_IP, pl, sizeof pl, out, sizeof out, &n,
				   NULL), 0);
	assert_int_equal(n, 1514);
	assert_int_equal(out[12], 0x08);
	assert_int_equal(out[13], 0x00);
	assert_int_equal(eth_build(eth_bcast, MN_MAC, ETH_P_ARP, WHO_HAS + 14, 28, out, 59, &n,
				   &e), -1);
	assert_int_equal(e.kind, MIP_EFULL);
	assert_int_equal(eth_build(eth_bcast, MN_MAC, ETH_P_ARP, WHO_HAS + 14, 28, out, 10, &n,
				   &e), -1);
	assert_int_equal(e.kind, MIP_EFULL);
}

static void test_arp_parse(void **state)
{
	struct arp_pkt a;

	(void)state;
	assert_int_equal(arp_parse(WHO_HAS + 14, 46, &a, NULL), 0);
	assert_int_equal(a.hrd, 1);
	assert_int_equal(a.pro, 0x0800);
	assert_int_equal(a.hln, 6);
	assert_int_equal(a.pln, 4);
	assert_int_equal(a.op, ARP_REQUEST);
	assert_memory_equal(a.sha, MN_MAC, 6);
	assert_int_equal(a.spa, MN_IP);
	assert_memory_equal(a.tha, (uint8_t[6]){ 0 }, 6);
	assert_int_equal(a.tpa, GW_IP);
	assert_int_equal(arp_parse(IS_AT + 14, 28, &a, NULL), 0);
	assert_int_equal(a.op, ARP_REPLY);
	assert_memory_equal(a.sha, PMA_MAC, 6);
}

static void arp_bad(size_t at, uint8_t v, size_t len, enum mip_err_kind kind, size_t off,
		    const char *field)
{
	uint8_t p[28];
	struct arp_pkt a;
	struct mip_err e;

	memcpy(p, WHO_HAS + 14, 28);
	p[at] = v;
	assert_int_equal(arp_parse(p, len, &a, &e), -1);
	expect_err(&e, kind, off, field);
}

static void test_arp_errors(void **state)
{
	(void)state;
	arp_bad(1, 6, 28, MIP_EINVAL, 0, "ARP Hardware Type"); /* IEEE 802 */
	arp_bad(2, 0x86, 28, MIP_EINVAL, 2, "ARP Protocol Type");
	arp_bad(4, 8, 28, MIP_EINVAL, 4, "ARP Hardware Length");
	arp_bad(5, 16, 28, MIP_EINVAL, 5, "ARP Protocol Length");
	arp_bad(7, 3, 28, MIP_EINVAL, 6, "ARP Opcode"); /* RARP request */
	arp_bad(7, 0, 28, MIP_EINVAL, 6, "ARP Opcode");
	/* Short but plainly not Ethernet/IPv4: invalid wins over truncated. */
	arp_bad(1, 6, 10, MIP_EINVAL, 0, "ARP Hardware Type");
	arp_bad(0, 0, 3, MIP_ETRUNC, 3, "ARP Protocol Type");
	arp_bad(0, 0, 8, MIP_ETRUNC, 8, "ARP Sender Hardware Address");
	arp_bad(0, 0, 16, MIP_ETRUNC, 16, "ARP Sender Protocol Address");
	arp_bad(0, 0, 27, MIP_ETRUNC, 27, "ARP Target Protocol Address");
}

static void test_arp_reply(void **state)
{
	struct arp_pkt req, rep;
	uint8_t out[64];
	size_t n = 0;
	struct mip_err e;

	(void)state;
	assert_int_equal(arp_parse(WHO_HAS + 14, 46, &req, NULL), 0);
	assert_int_equal(arp_reply(&req, PMA_MAC, out, sizeof out, &n, NULL), 0);
	assert_int_equal(n, sizeof IS_AT);
	assert_memory_equal(out, IS_AT, sizeof IS_AT);
	/* Round trip: the reply decodes to the swapped request. */
	assert_int_equal(arp_parse(out + 14, n - 14, &rep, NULL), 0);
	assert_int_equal(rep.spa, req.tpa);
	assert_int_equal(rep.tpa, req.spa);
	assert_int_equal(arp_reply(&req, PMA_MAC, out, 59, &n, &e), -1);
	assert_int_equal(e.kind, MIP_EFULL);
	assert_int_equal(arp_reply(&rep, PMA_MAC, out, sizeof out, &n, &e), -1);
	expect_err(&e, MIP_EINVAL, 6, "ARP Opcode"); /* a reply is not answered */
	req.hln = 8;
	assert_int_equal(arp_reply(&req, PMA_MAC, out, sizeof out, &n, &e), -1);
	expect_err(&e, MIP_EINVAL, 4, "ARP Hardware Length");
}

static void test_arp_gratuitous(void **state)
{
	uint8_t out[64];
	size_t n = 0;
	struct arp_pkt a;
	struct mip_err e;

	(void)state;
	assert_int_equal(arp_gratuitous(PMA_MAC, GW_IP, out, sizeof out, &n, NULL), 0);
	assert_int_equal(n, sizeof GARP);
	assert_memory_equal(out, GARP, sizeof GARP);
	assert_int_equal(arp_parse(out + 14, 46, &a, NULL), 0);
	assert_int_equal(a.spa, a.tpa);
	assert_int_equal(arp_gratuitous(PMA_MAC, GW_IP, out, 20, &n, &e), -1);
	assert_int_equal(e.kind, MIP_EFULL);
}

/* Decode a frame as the PMA does: Ethernet, then ARP from the payload. */
static int frame_decode(const uint8_t *p, size_t n, struct mip_err *e)
{
	struct eth_frame f;
	struct arp_pkt a;

	if (eth_parse(p, n, &f, e) < 0)
		return -1;
	return arp_parse(f.payload, f.payload_len, &a, e);
}

/* Every prefix short of the ARP packet's end fails cleanly as truncated, from an
 * exactly-sized copy (so that a sanitizer sees any over-read); the padding is optional. */
static void prefixes(const uint8_t *full, size_t n, size_t arp_end)
{
	struct mip_err e;

	for (size_t k = 0; k <= n; k++) {
		uint8_t *p = malloc(k ? k : 1);

		assert_non_null(p);
		memcpy(p, full, k);
		e = (struct mip_err){ 0 };
		if (k < arp_end) {
			assert_int_equal(frame_decode(p, k, &e), -1);
			assert_int_equal(e.kind, MIP_ETRUNC);
			assert_non_null(e.field);
		} else {
			assert_int_equal(frame_decode(p, k, &e), 0);
		}
		free(p);
	}
}

static void test_every_prefix(void **state)
{
	(void)state;
	prefixes(WHO_HAS, sizeof WHO_HAS, 42);
	prefixes(IS_AT, sizeof IS_AT, 42);
	prefixes(GARP, sizeof GARP, 42);
	prefixes(TAGGED, sizeof TAGGED, 46);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eth_parse),
		cmocka_unit_test(test_eth_tagged),
		cmocka_unit_test(test_eth_errors),
		cmocka_unit_test(test_eth_build),
		cmocka_unit_test(test_arp_parse),
		cmocka_unit_test(test_arp_errors),
		cmocka_unit_test(test_arp_reply),
		cmocka_unit_test(test_arp_gratuitous),
		cmocka_unit_test(test_every_prefix),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
