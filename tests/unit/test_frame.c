/* test_frame.c — IPv4/UDP framing (RFC 791, RFC 768): libnet build, parse round trip,
 * checksums, every supported link type, headers that lie about their lengths, and the
 * datagram inside one IP-in-IP or GRE layer (RFC 2003, RFC 2784, RFC 2890).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pcap/pcap.h>
#include <string.h>

#include "frame.h"
#include "tun.h"

#define A_SRC 0xc6336401u /* 198.51.100.1 */
#define A_DST 0xc0000201u /* 192.0.2.1 */

static const struct udp_ends ends = { A_SRC, A_DST, 40000, 434 };

/* An RRQ fixed part: type 1, T, lifetime 1800, HoA 0, HA 192.0.2.1, CoA 198.51.100.1. */
static const uint8_t rrq[] = {
	0x01, 0x02, 0x07, 0x08, 0x00, 0x00, 0x00, 0x00, 0xc0, 0x00, 0x02, 0x01,
	0xc6, 0x33, 0x64, 0x01, 0xe5, 0xf2, 0xa1, 0xb0, 0x12, 0x34, 0x56, 0x78,
};

static uint16_t sum16(const uint8_t *p, size_t n, uint32_t sum)
{
	for (size_t i = 0; i + 1 < n; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (n & 1)
		sum += (uint32_t)p[n - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

/* Build rrq (or `pl`) as IPv4/UDP into out; returns the IPv4 length. */
static size_t build(uint8_t *out, size_t cap, const uint8_t *pl, size_t n)
{
	char err[128] = "";
	int len = frame_build_ipv4_udp(&ends, 0x4242, pl, n, out, cap, err, sizeof err);

	assert_true(len > 0);
	assert_string_equal(err, "");
	return (size_t)len;
}

static void test_build_layout(void **state)
{
	uint8_t ip[128];
	size_t len = build(ip, sizeof ip, rrq, sizeof rrq);

	(void)state;
	assert_int_equal(len, 20 + 8 + sizeof rrq);
	assert_int_equal(ip[0], 0x45);
	assert_int_equal(ip[2] << 8 | ip[3], len);             /* Total Length */
	assert_int_equal(ip[4] << 8 | ip[5], 0x4242);          /* Identification */
	assert_int_equal(ip[6] << 8 | ip[7], 0);               /* no DF, no fragment */
	assert_int_equal(ip[8], 64);                           /* TTL */
	assert_int_equal(ip[9], 17);                           /* UDP */
	assert_int_equal(sum16(ip, 20, 0), 0xffff);            /* header checksum holds */
	assert_int_equal(ip[20] << 8 | ip[21], 40000);
	assert_int_equal(ip[22] << 8 | ip[23], 434);
	assert_int_equal(ip[24] << 8 | ip[25], 8 + sizeof rrq); /* UDP Length */
	assert_memory_equal(ip + 28, rrq, sizeof rrq);
}

static void test_round_trip(void **state)
{
	uint8_t ip[128];
	size_t len = build(ip, sizeof ip, rrq, sizeof rrq);
	struct frame_info fi;
	char err[128];

	(void)state;
	assert_int_equal(frame_parse(DLT_RAW, ip, len, len, &fi, err, sizeof err), FRAME_UDP4);
	assert_int_equal(fi.ends.src, A_SRC);
	assert_int_equal(fi.ends.dst, A_DST);
	assert_int_equal(fi.ends.sport, 40000);
	assert_int_equal(fi.ends.dport, 434);
	assert_int_equal(fi.payload_len, sizeof rrq);
	assert_int_equal(fi.payload_wire_len, sizeof rrq);
	assert_memory_equal(fi.payload, rrq, sizeof rrq);
	assert_false(fi.truncated);
	assert_false(fi.fragment);
	assert_int_not_equal(fi.udp_checksum, 0);
	assert_true(fi.udp_checksum_ok);
	assert_int_equal(fi.ip_off, 0);
}

/* The context is cached: many builds in a row stay correct (no stale protocol blocks). */
static void test_build_repeated(void **state)
{
	uint8_t ip[128], pl[40];
	struct frame_info fi;
	char err[128];

	(void)state;
	for (size_t n = 0; n < sizeof pl; n++) {
		size_t len;

		pl[n] = (uint8_t)(n * 7);
		len = build(ip, sizeof ip, pl, n);
		assert_int_equal(len, 28 + n);
		assert_int_equal(frame_parse(DLT_RAW, ip, len, len, &fi, err, sizeof err),
				 FRAME_UDP4);
		assert_int_equal(fi.payload_len, n);
		assert_true(fi.udp_checksum_ok);
		assert_int_equal(sum16(ip, 20, 0), 0xffff);
	}
}

/* RFC 768: a checksum that computes to zero is sent as 0xffff. */
static void test_checksum_zero_sent_as_ones(void **state)
{
	uint8_t ip[64], pl[2] = { 0, 0 };
	struct frame_info fi;
	char err[128];
	uint16_t c;
	size_t len;

	(void)state;
	len = build(ip, sizeof ip, pl, sizeof pl);
	c = (uint16_t)(ip[26] << 8 | ip[27]);
	pl[0] = (uint8_t)(c >> 8); /* adding the old checksum makes the new one zero */
	pl[1] = (uint8_t)c;
	len = build(ip, sizeof ip, pl, sizeof pl);
	assert_int_equal(ip[26] << 8 | ip[27], 0xffff);
	assert_int_equal(frame_parse(DLT_RAW, ip, len, len, &fi, err, sizeof err), FRAME_UDP4);
	assert_true(fi.udp_checksum_ok);
}

static void test_checksum_bad_and_absent(void **state)
{
	uint8_t ip[128];
	size_t len = build(ip, sizeof ip, rrq, sizeof rrq);
	struct frame_info fi;
	char err[128];

	(void)state;
	ip[30] ^= 0x01;
	assert_int_equal(frame_parse(DLT_RAW, ip, len, len, &fi, err, sizeof err), FRAME_UDP4);
	assert_false(fi.udp_checksum_ok);
	ip[26] = ip[27] = 0; /* no checksum: nothing to verify, nothing wrong */
	assert_int_equal(frame_parse(DLT_RAW, ip, len, len, &fi, err, sizeof err), FRAME_UDP4);
	assert_int_equal(fi.udp_checksum, 0);
	assert_true(fi.udp_checksum_ok);
}

static void test_build_errors(void **state)
{
	static uint8_t big[65536];
	uint8_t ip[32];
	char err[128] = "";

	(void)state;
	assert_int_equal(frame_build_ipv4_udp(&ends, 1, big, 65508, big, sizeof big, err,
					      sizeof err), -1);
	assert_non_null(strstr(err, "65508"));
	err[0] = '\0';
	assert_int_equal(frame_build_ipv4_udp(&ends, 1, rrq, sizeof rrq, ip, sizeof ip, err,
					      sizeof err), -1);
	assert_non_null(strstr(err, "does not fit"));
}

/* ---- link types ---- */

struct link_case {
	const char *name;
	int dlt;
	uint8_t hdr[24];
	size_t hlen;
};

static const struct link_case links[] = {
	{ "ethernet", DLT_EN10MB,
	  { 2, 0, 192, 0, 2, 1, 2, 0, 198, 51, 100, 1, 0x08, 0x00 }, 14 },
	{ "802.1Q", DLT_EN10MB,
	  { 2, 0, 192, 0, 2, 1, 2, 0, 198, 51, 100, 1, 0x81, 0x00, 0x00, 0x64, 0x08, 0x00 }, 18 },
	{ "QinQ", DLT_EN10MB,
	  { 2, 0, 192, 0, 2, 1, 2, 0, 198, 51, 100, 1, 0x88, 0xa8, 0x00, 0x0a, 0x81, 0x00,
	    0x00, 0x64, 0x08, 0x00 }, 22 },
	{ "SLL", DLT_LINUX_SLL,
	  { 0, 0, 0, 1, 0, 6, 2, 0, 198, 51, 100, 1, 0, 0, 0x08, 0x00 }, 16 },
	{ "SLL2", DLT_LINUX_SLL2,
	  { 0x08, 0x00, 0, 0, 0, 0, 0, 2, 0, 1, 0, 6, 2, 0, 198, 51, 100, 1, 0, 0 }, 20 },
	{ "NULL little-endian", DLT_NULL, { 2, 0, 0, 0 }, 4 },
	{ "NULL big-endian", DLT_NULL, { 0, 0, 0, 2 }, 4 },
	{ "LOOP", DLT_LOOP, { 0, 0, 0, 2 }, 4 },
	{ "LINKTYPE_LOOP", 108, { 0, 0, 0, 2 }, 4 },
	{ "DLT_RAW", DLT_RAW, { 0 }, 0 },
	{ "LINKTYPE_RAW", 101, { 0 }, 0 },
	{ "IPV4", DLT_IPV4, { 0 }, 0 },
};

static void test_link_types(void **state)
{
	uint8_t ip[128], frame[160];
	size_t len = build(ip, sizeof ip, rrq, sizeof rrq);

	(void)state;
	for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
		const struct link_case *l = &links[i];
		struct frame_info fi;
		char err[128] = "";
		size_t flen = l->hlen + len;

		memcpy(frame, l->hdr, l->hlen);
		memcpy(frame + l->hlen, ip, len);
		print_message("link %s\n", l->name);
		assert_int_equal(frame_parse(l->dlt, frame, flen, flen, &fi, err, sizeof err),
				 FRAME_UDP4);
		assert_int_equal(fi.ip_off, l->hlen);
		assert_int_equal(fi.ends.dport, 434);
		assert_memory_equal(fi.payload, rrq, sizeof rrq);
		assert_true(fi.udp_checksum_ok);
	}
}

static void test_not_ipv4_udp(void **state)
{
	uint8_t ip[128], frame[160];
	size_t len = build(ip, sizeof ip, rrq, sizeof rrq);
	struct frame_info fi;
	char err[128];

	(void)state;
	memcpy(frame, links[0].hdr, 14);
	memcpy(frame + 14, ip, len);
	frame[12] = 0x86; /* IPv6 EtherType */
	frame[13] = 0xdd;
	assert_int_equal(frame_parse(DLT_EN10MB, frame, len + 14, len + 14, &fi, err, sizeof err),
			 FRAME_OTHER);
	frame[12] = 0x00; /* an 802.3 length: LLC */
	frame[13] = 0x40;
	assert_int_equal(frame_parse(DLT_EN10MB, frame, len + 14, len + 14, &fi, err, sizeof err),
			 FRAME_OTHER);
	ip[9] = 6; /* TCP */
	assert_int_equal(frame_parse(DLT_RAW, ip, len, len, &fi, err, sizeof err), FRAME_OTHER);
	ip[9] = 17;
	ip[0] = 0x65; /* version 6 */
	assert_int_equal(frame_parse(DLT_RAW, ip, len, len, &fi, err, sizeof err), FRAME_OTHER);
	frame[0] = 24; /* BSD AF_INET6 on DLT_NULL */
	memset(frame + 1, 0, 3);
	assert_int_equal(frame_parse(DLT_NULL, frame, 20, 20, &fi, err, sizeof err), FRAME_OTHER);
}

static void test_unsupported_link(void **state)
{
	struct frame_info fi;
	char err[128] = "";

	(void)state;
	assert_int_equal(frame_parse(105, NULL, 0, 0, &fi, err, sizeof err), FRAME_BAD);
	assert_non_null(strstr(err, "link type 105"));
	assert_int_equal(frame_parse(DLT_EN10MB, NULL, 0, 0, &fi, err, sizeof err), FRAME_OTHER);
}

/* ---- headers that lie ---- */

/* An Ethernet frame holding an RRQ; the IPv4 header starts at 14. */
static size_t ether_rrq(uint8_t *frame, size_t cap)
{
	uint8_t ip[128];
	size_t len = build(ip, sizeof ip, rrq, sizeof rrq);

	assert_true(len + 14 <= cap);
	memcpy(frame, links[0].hdr, 14);
	memcpy(frame + 14, ip, len);
	return len + 14;
}

static void expect_bad(uint8_t *frame, size_t len, const char *what)
{
	struct frame_info fi;
	char err[160] = "";

	assert_int_equal(frame_parse(DLT_EN10MB, frame, len, len, &fi, err, sizeof err),
			 FRAME_BAD);
	print_message("%s\n", err);
	assert_non_null(strstr(err, what));
}

static void test_lying_total_length(void **state)
{
	uint8_t f[160];
	size_t len = ether_rrq(f, sizeof f);

	(void)state;
	f[16] = 1200 >> 8;
	f[17] = 1200 & 0xff;
	expect_bad(f, len, "IPv4 Total Length 1200 exceeds the 52 bytes on the wire (offset 16)");
	f[16] = 0;
	f[17] = 12;
	expect_bad(f, len, "IPv4 Total Length 12 is shorter than its 20-byte header (offset 16)");
	f[17] = 24;
	expect_bad(f, len, "leaves 4 bytes for the 8-byte UDP header (offset 16)");
}

static void test_lying_ihl(void **state)
{
	uint8_t f[160];
	size_t len = ether_rrq(f, sizeof f);

	(void)state;
	f[14] = 0x43;
	expect_bad(f, len, "IPv4 IHL 3 is below 5 (offset 14)");
}

static void test_lying_udp_length(void **state)
{
	uint8_t f[160];
	size_t len = ether_rrq(f, sizeof f);

	(void)state;
	f[38] = 0;
	f[39] = 4;
	expect_bad(f, len, "UDP Length 4 is below 8 (offset 38)");
	f[38] = 0x01;
	f[39] = 0x00;
	expect_bad(f, len, "UDP Length 256 exceeds the 32 bytes of IPv4 payload (offset 38)");
}

/* A UDP Length shorter than the IPv4 payload is legal: the rest is not ours. */
static void test_udp_shorter_than_ip(void **state)
{
	uint8_t f[160];
	size_t len = ether_rrq(f, sizeof f);
	struct frame_info fi;
	char err[128];

	(void)state;
	f[39] = 8 + 4;
	assert_int_equal(frame_parse(DLT_EN10MB, f, len, len, &fi, err, sizeof err), FRAME_UDP4);
	assert_int_equal(fi.payload_len, 4);
	assert_false(fi.truncated);
}

/* Ethernet pads short frames; the trailer is not part of the datagram. */
static void test_ethernet_trailer(void **state)
{
	uint8_t f[160];
	size_t len = ether_rrq(f, sizeof f);
	struct frame_info fi;
	char err[128];

	(void)state;
	memset(f + len, 0xee, 8);
	assert_int_equal(frame_parse(DLT_EN10MB, f, len + 8, len + 8, &fi, err, sizeof err),
			 FRAME_UDP4);
	assert_int_equal(fi.payload_len, sizeof rrq);
	assert_true(fi.udp_checksum_ok);
}

/* ---- captures shorter than the packet ---- */

static void test_truncated_capture(void **state)
{
	uint8_t f[160];
	size_t len = ether_rrq(f, sizeof f);
	struct frame_info fi;
	char err[128] = "";

	(void)state;
	assert_int_equal(frame_parse(DLT_EN10MB, f, len - 10, len, &fi, err, sizeof err),
			 FRAME_UDP4);
	assert_true(fi.truncated);
	assert_int_equal(fi.payload_len, sizeof rrq - 10);
	assert_int_equal(fi.payload_wire_len, sizeof rrq);
	assert_false(fi.udp_checksum_ok);
	/* cut inside the UDP header: flagged, ports unknown */
	assert_int_equal(frame_parse(DLT_EN10MB, f, 14 + 20 + 3, len, &fi, err, sizeof err),
			 FRAME_UDP4);
	assert_true(fi.truncated);
	assert_int_equal(fi.ends.dport, 0);
	assert_int_equal(fi.payload_len, 0);
}

/* Every prefix of a frame, as a capture cut short and as a runt that claims to be whole:
 * never a crash, never a payload past the captured bytes. */
static void test_every_prefix(void **state)
{
	uint8_t f[160];
	size_t len = ether_rrq(f, sizeof f);

	(void)state;
	for (size_t cut = 0; cut <= len; cut++) {
		struct frame_info fi;
		char err[160];
		enum frame_result r;

		r = frame_parse(DLT_EN10MB, f, cut, len, &fi, err, sizeof err);
		assert_int_not_equal(r, FRAME_BAD);
		if (r == FRAME_UDP4)
			assert_true(fi.payload_len == 0 || fi.payload + fi.payload_len <= f + cut);
		r = frame_parse(DLT_EN10MB, f, cut, cut, &fi, err, sizeof err);
		assert_true(r == FRAME_OTHER || r == FRAME_BAD || cut == len);
	}
}

static void test_fragments(void **state)
{
	uint8_t f[160];
	size_t len = ether_rrq(f, sizeof f);
	struct frame_info fi;
	char err[128];

	(void)state;
	f[20] = 0x20; /* MF: the first fragment, its UDP header is here */
	assert_int_equal(frame_parse(DLT_EN10MB, f, len, len, &fi, err, sizeof err), FRAME_UDP4);
	assert_true(fi.fragment);
	assert_int_equal(fi.ends.dport, 434);
	assert_int_equal(fi.payload_len, sizeof rrq);
	f[20] = 0x00;
	f[21] = 0x10; /* offset 128 bytes, last fragment: no UDP header */
	assert_int_equal(frame_parse(DLT_EN10MB, f, len, len, &fi, err, sizeof err), FRAME_UDP4);
	assert_true(fi.fragment);
	assert_int_equal(fi.ends.sport, 0);
	assert_int_equal(fi.ends.dport, 0);
	assert_int_equal(fi.ends.src, A_SRC);
	f[20] = 0x40; /* DF only: not a fragment */
	f[21] = 0x00;
	assert_int_equal(frame_parse(DLT_EN10MB, f, len, len, &fi, err, sizeof err), FRAME_UDP4);
	assert_false(fi.fragment);
}

/* IHL 6: one word of options before UDP. */
static void test_ip_options(void **state)
{
	uint8_t ip[128], f[128];
	size_t len = build(ip, sizeof ip, rrq, sizeof rrq);
	struct frame_info fi;
	char err[128];

	(void)state;
	memcpy(f, ip, 20);
	memset(f + 20, 1, 4); /* four NOPs */
	memcpy(f + 24, ip + 20, len - 20);
	f[0] = 0x46;
	f[3] = (uint8_t)(len + 4);
	assert_int_equal(frame_parse(DLT_RAW, f, len + 4, len + 4, &fi, err, sizeof err),
			 FRAME_UDP4);
	assert_memory_equal(fi.payload, rrq, sizeof rrq);
	assert_true(fi.udp_checksum_ok);
}

/* ---- one tunnel layer ---- */

#define T_SRC 0xcb007101u /* 203.0.113.1 */
#define T_DST 0xcb007102u /* 203.0.113.2 */

/* The RRQ datagram wrapped as tp says, behind an Ethernet header; the frame length. */
static size_t tunnelled(const struct tun_params *tp, uint8_t *f, size_t cap)
{
	uint8_t ip[128];
	size_t len = build(ip, sizeof ip, rrq, sizeof rrq), out = 0;
	struct mip_err e;

	memcpy(f, links[0].hdr, 14);
	assert_int_equal(tun_encap(tp, ip, len, f + 14, cap - 14, &out, &e), 0);
	return 14 + out;
}

static void test_tunnel_look_through(void **state)
{
	struct tun_params tps[] = {
		{ .kind = TUN_IPIP, .src = T_SRC, .dst = T_DST },
		{ .kind = TUN_GRE, .src = T_SRC, .dst = T_DST },
		{ .kind = TUN_GRE, .src = T_SRC, .dst = T_DST, .has_key = true, .key = 0x1234,
		  .has_seq = true, .seq = 9, .csum = true },
	};
	uint8_t f[256];

	(void)state;
	for (size_t i = 0; i < sizeof tps / sizeof tps[0]; i++) {
		size_t len = tunnelled(&tps[i], f, sizeof f);
		struct frame_info fi;
		char err[128] = "";

		print_message("tunnel %zu\n", i);
		assert_int_equal(frame_parse(DLT_EN10MB, f, len, len, &fi, err, sizeof err),
				 FRAME_UDP4);
		assert_int_equal(fi.tun.kind, tps[i].kind);
		assert_int_equal(fi.tun.off, 14);
		assert_int_equal(fi.tun.src, T_SRC);
		assert_int_equal(fi.tun.dst, T_DST);
		assert_int_equal(fi.tun.has_key, tps[i].has_key);
		assert_int_equal(fi.tun.key, tps[i].key);
		assert_int_equal(fi.ends.src, A_SRC); /* the inner datagram's */
		assert_int_equal(fi.ends.dst, A_DST);
		assert_int_equal(fi.ends.dport, 434);
		assert_int_equal(fi.ip_off, len - 20 - 8 - sizeof rrq);
		assert_int_equal(fi.payload_len, sizeof rrq);
		assert_memory_equal(fi.payload, rrq, sizeof rrq);
		assert_true(fi.udp_checksum_ok);
		assert_false(fi.truncated);
		/* link padding after the outer packet is not the datagram's */
		memset(f + len, 0, 6);
		assert_int_equal(frame_parse(DLT_EN10MB, f, len + 6, len + 6, &fi, err, sizeof err),
				 FRAME_UDP4);
		assert_int_equal(fi.payload_len, sizeof rrq);
	}
}

/* What the tunnel codec refuses, and a tunnel of something else, are skipped. */
static void test_tunnel_not_opened(void **state)
{
	struct tun_params ipip = { .kind = TUN_IPIP, .src = T_SRC, .dst = T_DST };
	struct tun_params gre = { .kind = TUN_GRE, .src = T_SRC, .dst = T_DST, .csum = true };
	uint8_t f[256];
	struct frame_info fi;
	char err[128];
	size_t len;
	uint16_t sum;

	(void)state;
	len = tunnelled(&ipip, f, sizeof f);
	/* cut by the snapshot length */
	assert_int_equal(frame_parse(DLT_EN10MB, f, len - 1, len, &fi, err, sizeof err),
			 FRAME_OTHER);
	assert_int_equal(fi.tun.kind, 0);
	f[14 + 20 + 9] = 6; /* TCP inside, its header checksum right again */
	f[14 + 20 + 10] = f[14 + 20 + 11] = 0;
	sum = tun_csum(f + 14 + 20, 20);
	f[14 + 20 + 10] = (uint8_t)(sum >> 8);
	f[14 + 20 + 11] = (uint8_t)sum;
	assert_int_equal(frame_parse(DLT_EN10MB, f, len, len, &fi, err, sizeof err), FRAME_OTHER);
	assert_int_equal(fi.tun.kind, 0);
	len = tunnelled(&gre, f, sizeof f);
	f[len - 1] ^= 0xff; /* the GRE checksum no longer holds */
	assert_int_equal(frame_parse(DLT_EN10MB, f, len, len, &fi, err, sizeof err), FRAME_OTHER);
	len = tunnelled(&gre, f, sizeof f);
	f[14 + 6] = 0x20; /* an outer fragment: not reassembled */
	assert_int_equal(frame_parse(DLT_EN10MB, f, len, len, &fi, err, sizeof err), FRAME_OTHER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build_layout),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_build_repeated),
		cmocka_unit_test(test_checksum_zero_sent_as_ones),
		cmocka_unit_test(test_checksum_bad_and_absent),
		cmocka_unit_test(test_build_errors),
		cmocka_unit_test(test_link_types),
		cmocka_unit_test(test_not_ipv4_udp),
		cmocka_unit_test(test_unsupported_link),
		cmocka_unit_test(test_lying_total_length),
		cmocka_unit_test(test_lying_ihl),
		cmocka_unit_test(test_lying_udp_length),
		cmocka_unit_test(test_udp_shorter_than_ip),
		cmocka_unit_test(test_ethernet_trailer),
		cmocka_unit_test(test_truncated_capture),
		cmocka_unit_test(test_every_prefix),
		cmocka_unit_test(test_fragments),
		cmocka_unit_test(test_ip_options),
		cmocka_unit_test(test_tunnel_look_through),
		cmocka_unit_test(test_tunnel_not_opened),
	};

	return cmocka_run_group_tests_name("frame", tests, NULL, NULL);
}
