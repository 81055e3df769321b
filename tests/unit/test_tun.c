/* test_tun.c — the tunnel codec: IPv4 headers (RFC 791 §3.1), IP-in-IP (RFC 2003 §3.1),
 * GRE (RFC 2784 §2) with Key and Sequence Number (RFC 2890 §2): byte vectors annotated
 * by their decode, round trips, every error path with its field and offset, every prefix.
 * Checksums are checked with the test's own implementation, not the codec's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tun.h"

#define HA 0xc0000201u  /* 192.0.2.1 */
#define PMA 0xc000020au /* 192.0.2.10 */
#define HOA 0x0a0a0005u /* 10.10.0.5 */
#define CN 0xc6336407u  /* 198.51.100.7 */

/* The inner packet: UDP 10.10.0.5:1234 -> 198.51.100.7:5678, TOS 0x28, DF, TTL 10. */
static const uint8_t INNER[28] = {
	0x45, 0x28, 0x00, 0x1c, /* v4, IHL 5, TOS 0x28, Total Length 28 */
	0xab, 0xcd, 0x40, 0x00, /* Identification 0xabcd, DF */
	0x0a, 0x11, 0x90, 0x92, /* TTL 10, UDP, Header Checksum */
	0x0a, 0x0a, 0x00, 0x05, /* 10.10.0.5 */
	0xc6, 0x33, 0x64, 0x07, /* 198.51.100.7 */
	0x04, 0xd2, 0x16, 0x2e, 0x00, 0x08, 0x00, 0x00, /* UDP 1234 -> 5678, Length 8 */
};

/* INNER in IP-in-IP from the HA to the PMA, Identification 0x1234. */
static const uint8_t IPIP[20] = {
	0x45, 0x28, 0x00, 0x30, /* TOS copied, Total Length 48 */
	0x12, 0x34, 0x40, 0x00, /* Identification, DF copied */
	0x40, 0x04, 0xa4, 0x62, /* TTL 64, Protocol 4, Header Checksum */
	0xc0, 0x00, 0x02, 0x01, /* 192.0.2.1 */
	0xc0, 0x00, 0x02, 0x0a, /* 192.0.2.10 */
};

/* INNER in GRE with Key 0x1001. */
static const uint8_t GREKEY[28] = {
	0x45, 0x28, 0x00, 0x38, 0x12, 0x34, 0x40, 0x00, /* Total Length 56, DF */
	0x40, 0x2f, 0xa4, 0x2f, 0xc0, 0x00, 0x02, 0x01, /* TTL 64, GRE, checksum, HA */
	0xc0, 0x00, 0x02, 0x0a,                         /* PMA */
	0x20, 0x00, 0x08, 0x00,                         /* K, Ver 0, Protocol Type IPv4 */
	0x00, 0x00, 0x10, 0x01,                         /* Key 0x1001 */
};

/* INNER in GRE with Checksum, Key 0x1001 and Sequence Number 7. */
static const uint8_t GREFULL[36] = {
	0x45, 0x28, 0x00, 0x40, 0x12, 0x34, 0x40, 0x00, /* Total Length 64 */
	0x40, 0x2f, 0xa4, 0x27, 0xc0, 0x00, 0x02, 0x01,
	0xc0, 0x00, 0x02, 0x0a,
	0xb0, 0x00, 0x08, 0x00, /* C K S, Ver 0, IPv4 */
	0x1c, 0xef, 0x00, 0x00, /* Checksum, Reserved1 */
	0x00, 0x00, 0x10, 0x01, /* Key */
	0x00, 0x00, 0x00, 0x07, /* Sequence Number */
};

/* The Internet checksum, written apart from the codec's: a 32-bit sum of big-endian
 * words, folded twice. */
static uint16_t ref_csum(const uint8_t *p, size_t n)
{
	uint32_t s = 0;

	for (size_t i = 0; i < n; i++)
		s += i % 2 ? p[i] : (uint32_t)p[i] << 8;
	s = (s >> 16) + (s & 0xffff);
	s += s >> 16;
	return (uint16_t)~s;
}

static void fix_csum(uint8_t *hdr, size_t hlen)
{
	hdr[10] = hdr[11] = 0;
	uint16_t c = ref_csum(hdr, hlen);
	hdr[10] = (uint8_t)(c >> 8);
	hdr[11] = (uint8_t)c;
}

/* hdr + INNER in buf; returns the length. */
static size_t join(uint8_t *buf, const uint8_t *hdr, size_t hlen)
{
	memcpy(buf, hdr, hlen);
	memcpy(buf + hlen, INNER, sizeof INNER);
	return hlen + sizeof INNER;
}

static void expect_err(const struct mip_err *e, enum mip_err_kind kind, size_t off,
		       const char *field)
{
	char s[256];

	if (e->kind != kind || e->off != off || !e->field || strcmp(e->field, field) != 0)
		print_message("expected %s at %zu, got %s\n", field, off,
			      mip_err_str(e, s, sizeof s));
	assert_int_equal(e->kind, kind);
	assert_int_equal(e->off, off);
	assert_string_equal(e->field, field);
}

static void decap_fails(const uint8_t *p, size_t n, enum mip_err_kind kind, size_t off,
			const char *field)
{
	struct tun_pkt t;
	struct mip_err e = { 0 };

	assert_int_equal(tun_decap(p, n, &t, &e), -1);
	expect_err(&e, kind, off, field);
}

/* RFC 1071 §3 example, and a well-known IPv4 header; the codec and the test agree. */
static void test_csum(void **state)
{
	static const uint8_t rfc1071[8] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };
	static const uint8_t hdr[20] = { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00,
					 0x40, 0x11, 0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01,
					 0xc0, 0xa8, 0x00, 0xc7 };
	uint8_t odd[3] = { 0x12, 0x34, 0x56 };

	assert_int_equal(tun_csum(rfc1071, 8), (uint16_t)~0xddf2);
	assert_int_equal(tun_csum(hdr, 20), 0);
	assert_int_equal(ref_csum(INNER, 20), 0);
	assert_int_equal(ref_csum(IPIP, 20), 0);
	assert_int_equal(tun_csum(odd, 3), ref_csum(odd, 3));
	assert_int_equal(tun_csum(odd, 3), (uint16_t)~(0x1234 + 0x5600));
}

/* tun_ip4_write gives the same header as the well-known vector. */
static void test_ip4_write(void **state)
{
	static const uint8_t want[20] = { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00,
					  0x40, 0x11, 0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01,
					  0xc0, 0xa8, 0x00, 0xc7 };
	struct tun_ip4 h = { .tot_len = 0x73, .frag = TUN_IP4_DF, .ttl = 64, .proto = 17,
			     .src = 0xc0a80001u, .dst = 0xc0a800c7u, .csum = 0xdead };
	uint8_t buf[20];
	struct wr w = wr_init(buf, sizeof buf);

	tun_ip4_write(&w, &h);
	assert_false(w.overflow);
	assert_memory_equal(buf, want, 20);
	w = wr_init(buf, 19);
	tun_ip4_write(&w, &h);
	assert_true(w.overflow);
}

/* RFC 2003 §3.1: protocol 4, TOS and DF copied, TTL 64, the inner untouched. */
static void test_ipip_round_trip(void **state)
{
	struct tun_params tp = { .kind = TUN_IPIP, .src = HA, .dst = PMA, .id = 0x1234 };
	uint8_t out[128], want[64];
	struct tun_pkt t;
	size_t n;

	assert_int_equal(tun_overhead(&tp), 20);
	assert_int_equal(tun_encap(&tp, INNER, sizeof INNER, out, sizeof out, &n, NULL), 0);
	assert_int_equal(n, join(want, IPIP, sizeof IPIP));
	assert_memory_equal(out, want, n);
	assert_int_equal(ref_csum(out, 20), 0);
	assert_int_equal(tun_decap(out, n, &t, NULL), 0);
	assert_int_equal(t.kind, TUN_IPIP);
	assert_int_equal(t.outer.src, HA);
	assert_int_equal(t.outer.dst, PMA);
	assert_int_equal(t.outer.tos, 0x28);
	assert_int_equal(t.outer.frag, TUN_IP4_DF);
	assert_ptr_equal(t.inner_pkt, out + 20);
	assert_int_equal(t.inner_len, sizeof INNER);
	assert_int_equal(t.inner.src, HOA);
	assert_int_equal(t.inner.dst, CN);
	assert_int_equal(t.inner.off, 20);
	assert_false(t.gre.has_key);
}

/* DF is copied, not set: an inner without DF gives an outer without it; TTL as asked. */
static void test_ipip_no_df(void **state)
{
	struct tun_params tp = { .kind = TUN_IPIP, .src = HA, .dst = PMA, .ttl = 5 };
	uint8_t in[28], out[64];
	struct tun_pkt t;
	size_t n;

	memcpy(in, INNER, sizeof in);
	in[6] = 0;
	fix_csum(in, 20);
	assert_int_equal(tun_encap(&tp, in, sizeof in, out, sizeof out, &n, NULL), 0);
	assert_int_equal(out[6], 0);
	assert_int_equal(out[8], 5);
	assert_int_equal(ref_csum(out, 20), 0);
	assert_int_equal(tun_decap(out, n, &t, NULL), 0);
	assert_int_equal(t.outer.frag, 0);
	assert_int_equal(t.outer.ttl, 5);
}

/* RFC 2003 §3.1: forwarding decrements the inner TTL (checksum updated, RFC 1624); an
 * encapsulator never sends TTL 0. */
static void test_forwarding_ttl(void **state)
{
	struct tun_params tp = { .kind = TUN_IPIP, .src = HA, .dst = PMA, .forwarding = true };
	struct mip_err e = { 0 };
	uint8_t in[28], out[64];
	size_t n;

	memcpy(in, INNER, sizeof in);
	for (unsigned ttl = 2; ttl <= 255; ttl++) {
		for (unsigned id = 0; id < 0x10000; id += 0x101) {
			in[4] = (uint8_t)(id >> 8);
			in[5] = (uint8_t)id;
			in[8] = (uint8_t)ttl;
			fix_csum(in, 20);
			assert_int_equal(tun_encap(&tp, in, sizeof in, out, sizeof out, &n, &e), 0);
			assert_int_equal(out[20 + 8], ttl - 1);
			assert_int_equal(ref_csum(out + 20, 20), 0);
			assert_memory_equal(out + 20 + 12, in + 12, 16);
		}
	}
	in[8] = 1;
	fix_csum(in, 20);
	assert_int_equal(tun_encap(&tp, in, sizeof in, out, sizeof out, &n, &e), -1);
	expect_err(&e, MIP_EINVAL, 8, "inner IPv4 TTL");
	tp.forwarding = false; /* not forwarding: the TTL is left alone */
	assert_int_equal(tun_encap(&tp, in, sizeof in, out, sizeof out, &n, &e), 0);
	assert_int_equal(out[28], 1);
}

/* RFC 2784 §2, RFC 2890 §2.1: protocol 47, Protocol Type 0x0800, the Key when given. */
static void test_gre_round_trip(void **state)
{
	static const uint8_t plain[4] = { 0x00, 0x00, 0x08, 0x00 };
	struct tun_params tp = { .kind = TUN_GRE, .src = HA, .dst = PMA, .id = 0x1234,
				 .has_key = true, .key = 0x1001 };
	uint8_t out[128], want[64];
	struct tun_pkt t;
	size_t n;

	assert_int_equal(tun_overhead(&tp), 28);
	assert_int_equal(tun_encap(&tp, INNER, sizeof INNER, out, sizeof out, &n, NULL), 0);
	assert_int_equal(n, join(want, GREKEY, sizeof GREKEY));
	assert_memory_equal(out, want, n);
	assert_int_equal(ref_csum(out, 20), 0);
	assert_int_equal(tun_decap(out, n, &t, NULL), 0);
	assert_int_equal(t.kind, TUN_GRE);
	assert_true(t.gre.has_key);
	assert_int_equal(t.gre.key, 0x1001);
	assert_false(t.gre.has_csum);
	assert_false(t.gre.has_seq);
	assert_int_equal(t.gre.off, 20);
	assert_ptr_equal(t.inner_pkt, out + 28);
	assert_int_equal(t.inner.src, HOA);

	tp.has_key = false;
	assert_int_equal(tun_encap(&tp, INNER, sizeof INNER, out, sizeof out, &n, NULL), 0);
	assert_int_equal(n, 52);
	assert_memory_equal(out + 20, plain, 4);
	assert_memory_equal(out + 24, INNER, sizeof INNER);
	assert_int_equal(out[9], 47);
	assert_int_equal(ref_csum(out, 20), 0);
	assert_int_equal(tun_decap(out, n, &t, NULL), 0);
	assert_false(t.gre.has_key);
	assert_int_equal(t.inner_len, sizeof INNER);
}

/* RFC 2784 §2.5 checksum and RFC 2890 §2.2 sequence: encoded as asked, and a vector
 * given as raw bytes decodes (checksum verified, sequence read and skipped). */
static void test_gre_csum_seq(void **state)
{
	struct tun_params tp = { .kind = TUN_GRE, .src = HA, .dst = PMA, .id = 0x1234,
				 .has_key = true, .key = 0x1001, .has_seq = true, .seq = 7,
				 .csum = true };
	uint8_t out[128], raw[64];
	struct tun_pkt t;
	size_t n = join(raw, GREFULL, sizeof GREFULL), m;

	assert_int_equal(ref_csum(raw + 20, n - 20), 0);
	assert_int_equal(tun_decap(raw, n, &t, NULL), 0);
	assert_true(t.gre.has_csum && t.gre.has_key && t.gre.has_seq);
	assert_int_equal(t.gre.csum, 0x1cef);
	assert_int_equal(t.gre.key, 0x1001);
	assert_int_equal(t.gre.seq, 7);
	assert_ptr_equal(t.inner_pkt, raw + 36);
	assert_int_equal(tun_overhead(&tp), 36);
	assert_int_equal(tun_encap(&tp, INNER, sizeof INNER, out, sizeof out, &m, NULL), 0);
	assert_int_equal(m, n);
	assert_memory_equal(out, raw, n);

	/* sequence alone: S, then the number right after the first word */
	tp = (struct tun_params){ .kind = TUN_GRE, .src = HA, .dst = PMA, .has_seq = true,
				  .seq = 0xfffffffe };
	assert_int_equal(tun_encap(&tp, INNER, sizeof INNER, out, sizeof out, &m, NULL), 0);
	assert_int_equal(out[20], 0x10);
	assert_int_equal(tun_decap(out, m, &t, NULL), 0);
	assert_int_equal(t.gre.seq, 0xfffffffe);
	assert_false(t.gre.has_key);
	/* checksum alone, odd inner length: padded with a zero byte for the sum */
	tp = (struct tun_params){ .kind = TUN_GRE, .src = HA, .dst = PMA, .csum = true };
	uint8_t odd[29];
	memcpy(odd, INNER, sizeof INNER);
	odd[3] = 29;
	odd[28] = 0x5a;
	fix_csum(odd, 20);
	assert_int_equal(tun_encap(&tp, odd, sizeof odd, out, sizeof out, &m, NULL), 0);
	assert_int_equal(m, 20 + 8 + 29);
	assert_int_equal(ref_csum(out + 20, m - 20), 0);
	assert_int_equal(tun_decap(out, m, &t, NULL), 0);
	assert_int_equal(t.inner_len, 29);
}

/* Outer header errors: each refused with its field and offset. */
static void test_decap_outer_errors(void **state)
{
	uint8_t p[64];
	size_t n = join(p, IPIP, sizeof IPIP);

#define MUTATE(i, v, kind, off, field)                                                      \
	do {                                                                                 \
		join(p, IPIP, sizeof IPIP);                                                  \
		p[i] = (v);                                                                  \
		fix_csum(p, 20);                                                             \
		decap_fails(p, n, kind, off, field);                                         \
	} while (0)

	MUTATE(0, 0x65, MIP_EINVAL, 0, "outer IPv4 Version");
	MUTATE(0, 0x44, MIP_EINVAL, 0, "outer IPv4 IHL");
	MUTATE(3, 19, MIP_EINVAL, 2, "outer IPv4 Total Length");
	MUTATE(3, 49, MIP_ETRUNC, 2, "outer IPv4 Total Length");
	MUTATE(6, 0x60, MIP_EINVAL, 6, "outer IPv4 Flags/Fragment Offset"); /* DF + MF */
	MUTATE(7, 0x01, MIP_EINVAL, 6, "outer IPv4 Flags/Fragment Offset"); /* offset 8 */
	MUTATE(9, 17, MIP_EINVAL, 9, "outer IPv4 Protocol");
	MUTATE(9, 55, MIP_EINVAL, 9, "outer IPv4 Protocol"); /* minimal encapsulation */
#undef MUTATE
	join(p, IPIP, sizeof IPIP);
	p[0] = 0x46; /* IHL 6: 4 bytes of options, 2 there */
	fix_csum(p, 20);
	decap_fails(p, 22, MIP_ETRUNC, 20, "outer IPv4 Options");
	join(p, IPIP, sizeof IPIP);
	p[11] ^= 1;
	decap_fails(p, n, MIP_EINVAL, 10, "outer IPv4 Header Checksum");
	join(p, IPIP, sizeof IPIP);
	p[3] = 20; /* no room for an inner packet */
	fix_csum(p, 20);
	decap_fails(p, n, MIP_ETRUNC, 20, "inner IPv4 Version");
}

/* Outer options are skipped; the reserved flag bit and trailing bytes are ignored. */
static void test_decap_outer_accepts(void **state)
{
	uint8_t p[80];
	struct tun_pkt t;
	size_t n;

	memcpy(p, IPIP, 20);
	p[0] = 0x46;
	p[3] = 52;
	memcpy(p + 20, "\x01\x01\x01\x00", 4); /* NOP NOP NOP EOL */
	memcpy(p + 24, INNER, sizeof INNER);
	fix_csum(p, 24);
	assert_int_equal(tun_decap(p, 52, &t, NULL), 0);
	assert_int_equal(t.outer.hlen, 24);
	assert_int_equal(t.inner.off, 24);
	assert_ptr_equal(t.inner_pkt, p + 24);

	n = join(p, IPIP, sizeof IPIP);
	p[6] |= 0x80; /* RF */
	fix_csum(p, 20);
	memset(p + n, 0xee, 6); /* link-layer padding */
	assert_int_equal(tun_decap(p, n + 6, &t, NULL), 0);
	assert_int_equal(t.outer.frag, TUN_IP4_RF | TUN_IP4_DF);
	assert_int_equal(t.inner_len, sizeof INNER);
}

/* RFC 2784 §2.3, §2.3.1, §2.4, §2.5: GRE header errors. */
static void test_decap_gre_errors(void **state)
{
	uint8_t p[80];
	size_t n = join(p, GREKEY, sizeof GREKEY);
	struct tun_pkt t;

#define GRE(i, v, kind, off, field)                                                         \
	do {                                                                                 \
		join(p, GREKEY, sizeof GREKEY);                                              \
		p[i] = (v);                                                                  \
		decap_fails(p, n, kind, off, field);                                         \
	} while (0)

	GRE(21, 0x01, MIP_EINVAL, 21, "GRE Version");
	GRE(21, 0x04, MIP_EINVAL, 21, "GRE Version");
	GRE(20, 0x60, MIP_EINVAL, 20, "GRE Routing Present");
	GRE(20, 0x28, MIP_EINVAL, 20, "GRE Reserved0"); /* bit 4: RFC 1701 strict route */
	GRE(20, 0x24, MIP_EINVAL, 20, "GRE Reserved0"); /* bit 5: RFC 1701 Recur */
	GRE(22, 0x86, MIP_EINVAL, 22, "GRE Protocol Type"); /* 0x86dd-ish: not IPv4 */
	GRE(23, 0x01, MIP_EINVAL, 22, "GRE Protocol Type");
#undef GRE
	/* bits 6-12 are ignored on receipt, and kept in flags */
	join(p, GREKEY, sizeof GREKEY);
	p[20] = 0x23;
	p[21] = 0xf8;
	assert_int_equal(tun_decap(p, n, &t, NULL), 0);
	assert_int_equal(t.gre.flags, 0x23f8);
	assert_int_equal(t.gre.key, 0x1001);
	/* a wrong checksum, and a right one covering a changed byte */
	n = join(p, GREFULL, sizeof GREFULL);
	p[25] ^= 1;
	decap_fails(p, n, MIP_EINVAL, 24, "GRE Checksum");
	join(p, GREFULL, sizeof GREFULL);
	p[n - 1] ^= 0x40;
	decap_fails(p, n, MIP_EINVAL, 24, "GRE Checksum");
	/* the key is covered too */
	join(p, GREFULL, sizeof GREFULL);
	p[31] = 0x02;
	decap_fails(p, n, MIP_EINVAL, 24, "GRE Checksum");
}

/* Inner packet errors: not IPv4, bad header, not filling the tunnel payload. */
static void test_decap_inner_errors(void **state)
{
	uint8_t p[80];
	size_t n;

#define INNER_MUT(i, v, kind, off, field)                                                   \
	do {                                                                                 \
		n = join(p, GREKEY, sizeof GREKEY);                                          \
		p[28 + (i)] = (v);                                                           \
		fix_csum(p + 28, 20);                                                        \
		decap_fails(p, n, kind, off, field);                                         \
	} while (0)

	INNER_MUT(0, 0x60, MIP_EINVAL, 28, "inner IPv4 Version");
	INNER_MUT(0, 0x43, MIP_EINVAL, 28, "inner IPv4 IHL");
	INNER_MUT(3, 27, MIP_EINVAL, 30, "inner IPv4 Total Length");
	INNER_MUT(3, 29, MIP_ETRUNC, 30, "inner IPv4 Total Length");
	INNER_MUT(3, 12, MIP_EINVAL, 30, "inner IPv4 Total Length");
#undef INNER_MUT
	n = join(p, GREKEY, sizeof GREKEY);
	p[28] = 0x48; /* IHL 8 and Total Length 32: 12 bytes of options, 8 there */
	p[28 + 3] = 32;
	fix_csum(p + 28, 20);
	decap_fails(p, n, MIP_ETRUNC, 48, "inner IPv4 Options");
	n = join(p, GREKEY, sizeof GREKEY);
	p[28 + 11] ^= 0xff;
	decap_fails(p, n, MIP_EINVAL, 38, "inner IPv4 Header Checksum");
}

/* Truncation inside GRE and inside the inner header: the outer Total Length shrunk to
 * every length short of the full packet (outer checksum fixed), up to want[].upto. */
struct short_case {
	size_t upto, off;
	const char *field;
};

static void short_payload(const uint8_t *hdr, size_t hlen, const struct short_case *want,
			  size_t nwant)
{
	uint8_t p[80];
	size_t n = join(p, hdr, hlen), w = 0;

	for (size_t tl = 20; tl <= want[nwant - 1].upto; tl++) {
		while (tl > want[w].upto)
			w++;
		join(p, hdr, hlen);
		p[2] = (uint8_t)(tl >> 8);
		p[3] = (uint8_t)tl;
		fix_csum(p, 20);
		decap_fails(p, n, MIP_ETRUNC, want[w].off, want[w].field);
	}
}

static void test_decap_short_payload(void **state)
{
	static const struct short_case gre[] = {
		{ 21, 20, "GRE Flags/Version" }, { 23, 22, "GRE Protocol Type" },
		{ 25, 24, "GRE Checksum" },      { 27, 26, "GRE Reserved1" },
		{ 31, 28, "GRE Key" },           { 35, 32, "GRE Sequence Number" },
	};
	static const struct short_case inner[] = {
		{ 21, 20, "GRE Flags/Version" }, { 23, 22, "GRE Protocol Type" },
		{ 27, 24, "GRE Key" },
		{ 28, 28, "inner IPv4 Version" },
		{ 29, 29, "inner IPv4 TOS" },
		{ 31, 30, "inner IPv4 Total Length" },
		{ 33, 32, "inner IPv4 Identification" },
		{ 35, 34, "inner IPv4 Flags/Fragment Offset" },
		{ 36, 36, "inner IPv4 TTL" },
		{ 37, 37, "inner IPv4 Protocol" },
		{ 39, 38, "inner IPv4 Header Checksum" },
		{ 43, 40, "inner IPv4 Source Address" },
		{ 47, 44, "inner IPv4 Destination Address" },
		{ 55, 30, "inner IPv4 Total Length" }, /* header whole, 28 declared */
	};

	short_payload(GREFULL, sizeof GREFULL, gre, sizeof gre / sizeof gre[0]);
	short_payload(GREKEY, sizeof GREKEY, inner, sizeof inner / sizeof inner[0]);
}

/* Every prefix of every encapsulated packet fails cleanly, as truncated, from an
 * exactly-sized copy (so that a sanitizer sees any over-read). */
static void prefixes(const uint8_t *full, size_t n)
{
	struct tun_pkt t;
	struct mip_err e;

	for (size_t k = 0; k < n; k++) {
		uint8_t *p = malloc(k ? k : 1);

		assert_non_null(p);
		memcpy(p, full, k);
		e = (struct mip_err){ 0 };
		assert_int_equal(tun_decap(p, k, &t, &e), -1);
		assert_int_equal(e.kind, MIP_ETRUNC);
		assert_true(e.off <= k);
		assert_non_null(e.field);
		free(p);
	}
	assert_int_equal(tun_decap(full, n, &t, NULL), 0);
}

static void test_every_prefix(void **state)
{
	uint8_t p[80];
	struct tun_ip4 h;
	struct mip_err e;
	size_t n;

	prefixes(p, join(p, IPIP, sizeof IPIP));
	prefixes(p, join(p, GREKEY, sizeof GREKEY));
	prefixes(p, join(p, GREFULL, sizeof GREFULL));
	memcpy(p, IPIP, 20); /* IHL 6, options NOP NOP NOP EOL */
	p[0] = 0x46;
	p[3] = 52;
	memcpy(p + 20, "\x01\x01\x01\x00", 4);
	memcpy(p + 24, INNER, sizeof INNER);
	fix_csum(p, 24);
	prefixes(p, 52);
	assert_int_equal(tun_encap(&(struct tun_params){ .kind = TUN_GRE, .src = HA, .dst = PMA },
				   INNER, sizeof INNER, p, sizeof p, &n, NULL), 0);
	assert_int_equal(n, 52);
	prefixes(p, n); /* plain GRE, no key */
	for (size_t k = 0; k < sizeof INNER; k++) {
		uint8_t *q = malloc(k ? k : 1);

		assert_non_null(q);
		memcpy(q, INNER, k);
		assert_int_equal(tun_ip4_parse(q, k, &h, &e), -1);
		assert_int_equal(e.kind, MIP_ETRUNC);
		free(q);
	}
}

/* tun_ip4_parse, a bare packet: fragments and padding allowed, plain field names. */
static void test_ip4_parse(void **state)
{
	uint8_t p[40];
	struct tun_ip4 h;
	struct mip_err e;

	memcpy(p, INNER, sizeof INNER);
	p[6] = 0x20; /* MF */
	fix_csum(p, 20);
	memset(p + 28, 0, 12);
	assert_int_equal(tun_ip4_parse(p, sizeof p, &h, &e), 0);
	assert_int_equal(h.tot_len, 28);
	assert_int_equal(h.frag, TUN_IP4_MF);
	assert_int_equal(h.ttl, 10);
	assert_int_equal(h.proto, 17);
	assert_int_equal(h.csum, (p[10] << 8) | p[11]);
	assert_int_equal(h.src, HOA);
	assert_int_equal(h.dst, CN);
	p[0] = 0x55;
	assert_int_equal(tun_ip4_parse(p, sizeof p, &h, &e), -1);
	expect_err(&e, MIP_EINVAL, 0, "IPv4 Version");
	assert_int_equal(tun_ip4_parse(p, 5, &h, &e), -1);
	expect_err(&e, MIP_EINVAL, 0, "IPv4 Version");
	memcpy(p, INNER, sizeof INNER);
	assert_int_equal(tun_ip4_parse(p, 13, &h, &e), -1);
	expect_err(&e, MIP_ETRUNC, 12, "IPv4 Source Address");
	assert_int_equal(tun_ip4_parse(p, 0, &h, &e), -1);
	expect_err(&e, MIP_ETRUNC, 0, "IPv4 Version");
}

/* tun_encap refuses a bad inner packet, an output buffer too small, more than 65535
 * bytes, an unknown kind; padding after the inner Total Length is dropped. */
static void test_encap_errors(void **state)
{
	struct tun_params tp = { .kind = TUN_GRE, .src = HA, .dst = PMA, .has_key = true };
	struct mip_err e = { 0 };
	uint8_t in[40], out[64];
	uint8_t *big;
	size_t n;

	assert_int_equal(tun_encap(&tp, INNER, 19, out, sizeof out, &n, &e), -1);
	expect_err(&e, MIP_ETRUNC, 16, "inner IPv4 Destination Address");
	assert_int_equal(tun_encap(&tp, INNER, 27, out, sizeof out, &n, &e), -1);
	expect_err(&e, MIP_ETRUNC, 2, "inner IPv4 Total Length");
	memcpy(in, INNER, sizeof INNER);
	in[0] = 0x65;
	assert_int_equal(tun_encap(&tp, in, sizeof INNER, out, sizeof out, &n, &e), -1);
	expect_err(&e, MIP_EINVAL, 0, "inner IPv4 Version");
	memcpy(in, INNER, sizeof INNER);
	memset(in + 28, 0xee, 12);
	assert_int_equal(tun_encap(&tp, in, sizeof in, out, sizeof out, &n, &e), 0);
	assert_int_equal(n, 28 + 28);
	for (size_t cap = 0; cap < 56; cap++) {
		assert_int_equal(tun_encap(&tp, INNER, sizeof INNER, out, cap, &n, &e), -1);
		assert_int_equal(e.kind, MIP_EFULL);
	}
	assert_int_equal(tun_encap(&tp, INNER, sizeof INNER, out, 56, &n, &e), 0);
	tp.kind = (enum tun_kind)55;
	assert_int_equal(tun_encap(&tp, INNER, sizeof INNER, out, sizeof out, &n, &e), -1);
	expect_err(&e, MIP_EINVAL, 0, "tunnel kind");

	big = calloc(1, TUN_IP4_MAX);
	assert_non_null(big);
	memcpy(big, INNER, 20);
	big[2] = (TUN_IP4_MAX - 19) >> 8; /* fits alone, not with 20 bytes in front */
	big[3] = (TUN_IP4_MAX - 19) & 0xff;
	fix_csum(big, 20);
	tp.kind = TUN_IPIP;
	assert_int_equal(tun_encap(&tp, big, TUN_IP4_MAX, big, 0, &n, &e), -1);
	expect_err(&e, MIP_EINVAL, 2, "inner IPv4 Total Length");
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csum),
		cmocka_unit_test(test_ip4_write),
		cmocka_unit_test(test_ipip_round_trip),
		cmocka_unit_test(test_ipip_no_df),
		cmocka_unit_test(test_forwarding_ttl),
		cmocka_unit_test(test_gre_round_trip),
		cmocka_unit_test(test_gre_csum_seq),
		cmocka_unit_test(test_decap_outer_errors),
		cmocka_unit_test(test_decap_outer_accepts),
		cmocka_unit_test(test_decap_gre_errors),
		cmocka_unit_test(test_decap_inner_errors),
		cmocka_unit_test(test_decap_short_payload),
		cmocka_unit_test(test_every_prefix),
		cmocka_unit_test(test_ip4_parse),
		cmocka_unit_test(test_encap_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
