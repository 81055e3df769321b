/* test_icmp.c — ICMP echo (RFC 792) as the PMA answers the mobile device's TTL=1 probe
 * of its default gateway (RFC 5563 §6.2): byte vectors written by hand, checksums
 * checked with the test's own implementation, every error path, every prefix.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "icmp.h"

#define MN_IP 0x0a0a0005u /* 10.10.0.5 */
#define GW_IP 0x0a0a0001u /* 10.10.0.1 */

/* Echo request 10.10.0.5 -> 10.10.0.1, TTL 1, identifier 0x0a0b, sequence 1, "abcdefgh". */
static const uint8_t PING[36] = {
	0x45, 0x00, 0x00, 0x24, /* v4, IHL 5, TOS 0, Total Length 36 */
	0x1c, 0x46, 0x00, 0x00, /* Identification 0x1c46, no flags */
	0x01, 0x01, 0x89, 0x7a, /* TTL 1, Protocol ICMP, Header Checksum 0x897a */
	0x0a, 0x0a, 0x00, 0x05, /* 10.10.0.5 */
	0x0a, 0x0a, 0x00, 0x01, /* 10.10.0.1 */
	0x08, 0x00, 0x5c, 0x5e, /* Type 8 Echo, Code 0, Checksum 0x5c5e */
	0x0a, 0x0b, 0x00, 0x01, /* Identifier, Sequence Number */
	'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h',
};

/* The reply: addresses swapped, TTL 64, Type 0, both checksums redone. */
static const uint8_t PONG[36] = {
	0x45, 0x00, 0x00, 0x24, 0x1c, 0x46, 0x00, 0x00,
	0x40, 0x01, 0x4a, 0x7a, /* TTL 64, ICMP, Header Checksum 0x4a7a */
	0x0a, 0x0a, 0x00, 0x01, /* from the address that was pinged */
	0x0a, 0x0a, 0x00, 0x05,
	0x00, 0x00, 0x64, 0x5e, /* Type 0 Echo Reply, Code 0, Checksum 0x645e */
	0x0a, 0x0b, 0x00, 0x01,
	'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h',
};

/* The Internet checksum, written apart from the codec's (RFC 1071 §4.1 style). */
static uint16_t ref_csum(const uint8_t *p, size_t n)
{
	uint32_t s = 0;

	for (size_t i = 0; i < n; i++)
		s += i % 2 ? p[i] : (uint32_t)p[i] << 8;
	s = (s >> 16) + (s & 0xffff);
	s += s >> 16;
	return (uint16_t)~s;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* Recompute both checksums of a copy the test has changed. */
static void fix(uint8_t *p, size_t n)
{
	put16(p + 10, 0);
	put16(p + 10, ref_csum(p, 20));
	put16(p + 22, 0);
	put16(p + 22, ref_csum(p + 20, n - 20));
}

static void expect_err(const struct mip_err *e, enum mip_err_kind kind, size_t off,
		       const char *field)
{
	assert_int_equal(e->kind, kind);
	assert_int_equal(e->off, off);
	assert_string_equal(e->field, field);
}

static void test_vectors_checksums(void **state)
{
	(void)state;
	assert_int_equal(ref_csum(PING, 20), 0);
	assert_int_equal(ref_csum(PING + 20, 16), 0);
	assert_int_equal(ref_csum(PONG, 20), 0);
	assert_int_equal(ref_csum(PONG + 20, 16), 0);
}

static void test_parse(void **state)
{
	struct icmp_echo m;

	(void)state;
	assert_int_equal(icmp_echo_parse(PING, sizeof PING, &m, NULL), 0);
	assert_int_equal(m.ip.ttl, 1);
	assert_int_equal(m.ip.src, MN_IP);
	assert_int_equal(m.ip.dst, GW_IP);
	assert_int_equal(m.type, ICMP_ECHO);
	assert_int_equal(m.code, 0);
	assert_int_equal(m.csum, 0x5c5e);
	assert_int_equal(m.id, 0x0a0b);
	assert_int_equal(m.seq, 1);
	assert_int_equal(m.data_len, 8);
	assert_memory_equal(m.data, "abcdefgh", 8);
}

static void test_parse_padding_and_options(void **state)
{
	uint8_t p[64] = { 0 };
	struct icmp_echo m;

	(void)state;
	memcpy(p, PING, sizeof PING); /* Ethernet padding after Total Length is ignored */
	assert_int_equal(icmp_echo_parse(p, 46, &m, NULL), 0);
	assert_int_equal(m.data_len, 8);
	/* IHL 6 with an option word NOP NOP NOP EOL: the ICMP message follows it. */
	memcpy(p, PING, 20);
	memset(p + 20, 0, 4);
	p[20] = p[21] = p[22] = 1;
	memcpy(p + 24, PING + 20, 16);
	p[0] = 0x46;
	p[3] = 40;
	put16(p + 10, 0);
	put16(p + 10, ref_csum(p, 24)); /* the header checksum covers the option word */
	assert_int_equal(icmp_echo_parse(p, 40, &m, NULL), 0);
	assert_int_equal(m.ip.hlen, 24);
	assert_int_equal(m.id, 0x0a0b);
}

static void bad(size_t at, uint8_t v, enum mip_err_kind kind, size_t off, const char *field,
		bool refix)
{
	uint8_t p[36];
	struct icmp_echo m;
	struct mip_err e;

	memcpy(p, PING, sizeof p);
	p[at] = v;
	if (refix)
		fix(p, sizeof p);
	assert_int_equal(icmp_echo_parse(p, sizeof p, &m, &e), -1);
	expect_err(&e, kind, off, field);
}

static void test_errors(void **state)
{
	uint8_t p[36];
	struct icmp_echo m;
	struct mip_err e;

	(void)state;
	bad(9, 17, MIP_EINVAL, 9, "IPv4 Protocol", true);        /* UDP */
	bad(6, 0x20, MIP_EINVAL, 6, "IPv4 Flags/Fragment Offset", true); /* MF */
	bad(7, 0x01, MIP_EINVAL, 6, "IPv4 Flags/Fragment Offset", true); /* offset 8 */
	bad(20, 0, MIP_EINVAL, 20, "ICMP Type", true);           /* a reply, not a request */
	bad(20, 13, MIP_EINVAL, 20, "ICMP Type", true);          /* timestamp */
	bad(21, 1, MIP_EINVAL, 21, "ICMP Code", true);
	bad(30, 'z', MIP_EINVAL, 22, "ICMP Checksum", false);    /* data changed */
	bad(11, 0, MIP_EINVAL, 10, "IPv4 Header Checksum", false);
	bad(0, 0x65, MIP_EINVAL, 0, "IPv4 Version", false);
	/* An ICMP header cut short inside a whole datagram. */
	memcpy(p, PING, sizeof p);
	p[3] = 26;
	fix(p, 26);
	assert_int_equal(icmp_echo_parse(p, 26, &m, &e), -1);
	expect_err(&e, MIP_ETRUNC, 26, "ICMP Checksum");
	p[3] = 21;
	fix(p, 20);
	assert_int_equal(icmp_echo_parse(p, 21, &m, &e), -1);
	expect_err(&e, MIP_ETRUNC, 21, "ICMP Type");
}

static void test_reply(void **state)
{
	struct icmp_echo req, rep;
	uint8_t out[64];
	size_t n = 0;
	struct mip_err e;

	(void)state;
	assert_int_equal(icmp_echo_parse(PING, sizeof PING, &req, NULL), 0);
	assert_int_equal(icmp_echo_reply(&req, out, sizeof out, &n, NULL), 0);
	assert_int_equal(n, sizeof PONG);
	assert_memory_equal(out, PONG, sizeof PONG);
	assert_int_equal(ref_csum(out, 20), 0);
	assert_int_equal(ref_csum(out + 20, n - 20), 0);
	/* The reply is no request: parsing it names the Type. */
	assert_int_equal(icmp_echo_parse(out, n, &rep, &e), -1);
	expect_err(&e, MIP_EINVAL, 20, "ICMP Type");
	assert_int_equal(icmp_echo_reply(&req, out, 35, &n, &e), -1);
	assert_int_equal(e.kind, MIP_EFULL);
	assert_int_equal(icmp_echo_reply(&req, out, 10, &n, &e), -1);
	assert_int_equal(e.kind, MIP_EFULL);
	req.data_len = 65535 - 27;
	assert_int_equal(icmp_echo_reply(&req, out, sizeof out, &n, &e), -1);
	expect_err(&e, MIP_EINVAL, 0, "ICMP Data");
}

/* An odd-length payload: the checksum pads with a zero byte (RFC 1071). */
static void test_reply_odd(void **state)
{
	uint8_t p[35], out[64];
	struct icmp_echo req;
	size_t n = 0;

	(void)state;
	memcpy(p, PING, sizeof p);
	p[3] = 35;
	fix(p, 35);
	assert_int_equal(icmp_echo_parse(p, sizeof p, &req, NULL), 0);
	assert_int_equal(req.data_len, 7);
	assert_int_equal(icmp_echo_reply(&req, out, sizeof out, &n, NULL), 0);
	assert_int_equal(n, 35);
	assert_int_equal(ref_csum(out, 20), 0);
	assert_int_equal(ref_csum(out + 20, 15), 0);
}

static void test_every_prefix(void **state)
{
	struct icmp_echo m;
	struct mip_err e;

	(void)state;
	for (size_t k = 0; k < sizeof PING; k++) {
		uint8_t *p = malloc(k ? k : 1);

		assert_non_null(p);
		memcpy(p, PING, k);
		e = (struct mip_err){ 0 };
		assert_int_equal(icmp_echo_parse(p, k, &m, &e), -1);
		assert_int_equal(e.kind, MIP_ETRUNC);
		assert_true(e.off <= k);
		assert_non_null(e.field);
		free(p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors_checksums),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_parse_padding_and_options),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_reply),
		cmocka_unit_test(test_reply_odd),
		cmocka_unit_test(test_every_prefix),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
