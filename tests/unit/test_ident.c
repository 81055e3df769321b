/* test_ident.c — the Identification field (RFC 5944 §5.7, §3.6.2.1, §3.8.2.1 b): NTP
 * conversion of known instants, monotonic timestamps on a frozen clock, the timestamp
 * window at its exact edges, the 133 reply layout and clock resynchronisation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ident.h"

#define NS 1000000000ull

/* 1900-01-01 to 1970-01-01: 70 years of which 17 are leap years (1904 ... 1968). */
static void test_epoch(void **state)
{
	(void)state;
	assert_int_equal(NTP_UNIX_OFFSET, (70ull * 365 + 17) * 86400);
	assert_int_equal(ident_ntp_from_ns(0), 0x83aa7e8000000000ull);
	assert_int_equal(ident_ns_from_ntp(0x83aa7e8000000000ull), 0);
}

/* PROTOCOL.md §9: tshark renders Identification e5f2a1b012345678 as
 * "Apr  2, 2022 10:19:28.071111110 UTC"; 2022-04-02T10:19:28Z is Unix 1648894768
 * (19084 days after 1970-01-01, plus 10:19:28). */
static void test_known_instant(void **state)
{
	uint64_t unix_s = 19084ull * 86400 + 10 * 3600 + 19 * 60 + 28;
	uint64_t ns;

	(void)state;
	assert_int_equal(unix_s, 1648894768);
	ns = ident_ns_from_ntp(0xe5f2a1b012345678ull);
	assert_int_equal(ns / NS, unix_s);
	/* 0x12345678 / 2^32 s = 0.0711111109... s: tshark truncates, we round. */
	assert_in_range(ns % NS, 71111110, 71111111);
	assert_int_equal(ident_ntp_from_ns(unix_s * NS) >> 32, 0xe5f2a1b0u);
	assert_in_range(ident_ntp_from_ns(ns) & 0xffffffffu, 0x12345678u - 4, 0x12345678u);
}

static void test_fraction(void **state)
{
	(void)state;
	assert_int_equal(ident_ntp_from_ns(NS / 2) & 0xffffffffu, 0x80000000u);
	assert_int_equal(ident_ntp_from_ns(NS / 4) & 0xffffffffu, 0x40000000u);
	assert_int_equal(ident_ntp_from_ns(3 * NS / 4) & 0xffffffffu, 0xc0000000u);
	/* 1 ns = 4.29 fraction units; the largest fraction stays below one second. */
	assert_int_equal(ident_ntp_from_ns(1) & 0xffffffffu, 4);
	assert_int_equal(ident_ntp_from_ns(NS - 1) >> 32, NTP_UNIX_OFFSET);
	assert_true((ident_ntp_from_ns(NS - 1) & 0xffffffffu) > 0xfffffff0u);
	assert_int_equal(ident_ns_from_ntp(0x83aa7e8080000000ull), NS / 2);
	/* 1 - 2^-32 s is nearer to 1 s than to 1 s - 1 ns: rounding carries. */
	assert_int_equal(ident_ns_from_ntp(0x83aa7e80fffffffbull), NS - 1);
	assert_int_equal(ident_ns_from_ntp(0x83aa7e80ffffffffull), NS);
}

static void test_round_trip(void **state)
{
	static const uint64_t v[] = { 0, 1, 2, 3, NS - 1, NS, 123456789, 1648894768071111110ull,
				      2085978495999999999ull, 2085978496000000000ull,
				      4102444800000000007ull };

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		assert_int_equal(ident_ns_from_ntp(ident_ntp_from_ns(v[i])), v[i]);
}

/* NTP era 0 ends 2036-02-07T06:28:16Z = Unix 2^32 - NTP_UNIX_OFFSET. */
static void test_era(void **state)
{
	uint64_t wrap = (1ull << 32) - NTP_UNIX_OFFSET;

	(void)state;
	assert_int_equal(wrap, 2085978496);
	assert_int_equal(ident_ntp_from_ns((wrap - 1) * NS), 0xffffffff00000000ull);
	assert_int_equal(ident_ntp_from_ns(wrap * NS), 0);
	assert_int_equal(ident_ns_from_ntp(0), wrap * NS);
	assert_int_equal(ident_ns_from_ntp(1ull << 32), (wrap + 1) * NS);
}

/* §5.7.1 / §3.6.3: on a clock that does not move, each timestamp still exceeds the last. */
static void test_timestamp_monotonic(void **state)
{
	struct clk_virtual v = { .now_ns = 1648894768ull * NS + 500000000, .seed = 7 };
	struct clk c = clk_virtual(&v);
	uint64_t base = ident_ntp_from_ns(v.now_ns);
	uint64_t t, prev = 0;

	(void)state;
	for (int i = 0; i < 100; i++) {
		t = ident_timestamp(&c, prev);
		assert_true(t > prev);
		/* Only the sub-nanosecond bits (2) and the +1 steps move it. */
		assert_in_range(t, base & ~3ull, (base | 3) + 100);
		prev = t;
	}
	/* prev far ahead of the clock: still strictly greater. */
	assert_int_equal(ident_timestamp(&c, 0xe600000000000000ull), 0xe600000000000001ull);
}

/* The low 2 bits come from rand32; the rest from the clock. */
static void test_timestamp_random_bits(void **state)
{
	struct clk_virtual v = { .now_ns = 0, .seed = 0 };
	struct clk c = clk_virtual(&v);
	unsigned seen = 0;

	(void)state;
	for (int i = 0; i < 64; i++) {
		uint64_t t;

		v.now_ns = 1648894768ull * NS + (uint64_t)i * 1000;
		t = ident_timestamp(&c, 0);
		assert_int_equal(t & ~3ull, ident_ntp_from_ns(v.now_ns) & ~3ull);
		seen |= 1u << (t & 3);
	}
	assert_true(seen != 1 && seen != 2 && seen != 4 && seen != 8);
}

static void test_virtual_clock(void **state)
{
	struct clk_virtual a = { .now_ns = 42, .seed = 0 }, b = { .now_ns = 0, .seed = 0 };
	struct clk ca = clk_virtual(&a), cb = clk_virtual(&b);
	uint32_t r1, r2;

	(void)state;
	assert_int_equal(clk_now_ns(&ca), 42);
	a.now_ns += 5;
	assert_int_equal(clk_now_ns(&ca), 47);
	r1 = ca.rand32(ca.ctx);
	r2 = ca.rand32(ca.ctx);
	assert_true(r1 != 0 && r2 != 0 && r1 != r2);
	/* Same seed, same stream. */
	assert_int_equal(cb.rand32(cb.ctx), r1);
	assert_int_equal(cb.rand32(cb.ctx), r2);
}

static void test_real_clock(void **state)
{
	uint64_t t = clk_now_ns(&clk_real);
	uint32_t r[4];

	(void)state;
	assert_true(t > 1648894768ull * NS); /* after 2022 */
	for (int i = 0; i < 4; i++)
		r[i] = clk_real.rand32(clk_real.ctx);
	assert_false(r[0] == r[1] && r[1] == r[2] && r[2] == r[3]);
}

/* §5.7.1: within the window (inclusive) and strictly newer than the last accepted. */
static void test_window(void **state)
{
	uint64_t now = 0xe5f2a1b012345678ull;
	uint64_t w7 = 7ull << 32;

	(void)state;
	assert_int_equal(ident_ts_check(now, now, 0, 7000), IDENT_OK);
	assert_int_equal(ident_ts_check(now + w7, now, 0, 7000), IDENT_OK);
	assert_int_equal(ident_ts_check(now + w7 + 1, now, 0, 7000), IDENT_TOO_NEW);
	assert_int_equal(ident_ts_check(now - w7, now, 0, 7000), IDENT_OK);
	assert_int_equal(ident_ts_check(now - w7 - 1, now, 0, 7000), IDENT_TOO_OLD);
	/* 1.5 s = 2^32 + 2^31 units exactly. */
	assert_int_equal(ident_ts_check(now + (3ull << 31), now, 0, 1500), IDENT_OK);
	assert_int_equal(ident_ts_check(now + (3ull << 31) + 1, now, 0, 1500), IDENT_TOO_NEW);
	assert_int_equal(ident_ts_check(now - (3ull << 31) - 1, now, 0, 1500), IDENT_TOO_OLD);
	/* A zero window accepts only the receiver's own instant. */
	assert_int_equal(ident_ts_check(now, now, 0, 0), IDENT_OK);
	assert_int_equal(ident_ts_check(now + 1, now, 0, 0), IDENT_TOO_NEW);
	assert_int_equal(ident_ts_check(now - 1, now, 0, 0), IDENT_TOO_OLD);
	/* Identification 0 is old, not new (no wrap-around). */
	assert_int_equal(ident_ts_check(0, now, 0, 7000), IDENT_TOO_OLD);
	/* The largest window does not overflow. */
	/* UINT32_MAX ms = 4294967.295 s, between 2^22 s and 2^22 + 2^18 s. */
	assert_int_equal(ident_ts_check(now - (1ull << 54), now, 0, UINT32_MAX), IDENT_OK);
	assert_int_equal(ident_ts_check(now - (1ull << 54) - (1ull << 50), now, 0, UINT32_MAX),
			 IDENT_TOO_OLD);
	assert_int_equal(ident_ts_check(UINT64_MAX, UINT64_MAX - 5, 0, 7000), IDENT_OK);
	assert_int_equal(ident_ts_check(2, 1, 0, 7000), IDENT_OK);
}

static void test_not_newer(void **state)
{
	uint64_t now = 0xe5f2a1b012345678ull;

	(void)state;
	assert_int_equal(ident_ts_check(now, now, now, 7000), IDENT_NOT_NEWER);
	assert_int_equal(ident_ts_check(now, now, now + 1, 7000), IDENT_NOT_NEWER);
	assert_int_equal(ident_ts_check(now, now, now - 1, 7000), IDENT_OK);
	/* A replay outside the window is reported as a replay first. */
	assert_int_equal(ident_ts_check(now - (9ull << 32), now, now - (8ull << 32), 7000),
			 IDENT_NOT_NEWER);
	assert_int_equal(ident_ts_check(now - (9ull << 32), now, now - (10ull << 32), 7000),
			 IDENT_TOO_OLD);
	assert_string_equal(ident_verdict_str(IDENT_OK), "ok");
	assert_string_not_equal(ident_verdict_str(IDENT_TOO_OLD),
				ident_verdict_str(IDENT_TOO_NEW));
	assert_string_not_equal(ident_verdict_str(IDENT_NOT_NEWER),
				ident_verdict_str(IDENT_TOO_OLD));
}

/* §5.7.1: 133 keeps the low 32 bits and carries the HA's time in the high 32 bits. */
static void test_replies(void **state)
{
	uint64_t req = 0x1111111122222222ull, now = 0xe5f2a1b012345678ull;
	uint64_t r133 = ident_reply_133(req, now);

	(void)state;
	assert_int_equal(ident_reply_ok(req), req);
	assert_int_equal(r133, 0xe5f2a1b022222222ull);
	assert_true(ident_reply_matches(req, r133));
	assert_false(ident_reply_matches(req + 1, r133));
	assert_true(ident_reply_matches(req, req + (1ull << 32)));
}

/* §5.7.2: the HA's nonce on top, a fresh one of ours below. */
static void test_nonce(void **state)
{
	struct clk_virtual v = { .now_ns = 0, .seed = 99 };
	struct clk c = clk_virtual(&v);
	uint64_t a = ident_nonce_request(&c, 0xdeadbeef01020304ull);
	uint64_t b = ident_nonce_request(&c, 0xdeadbeef01020304ull);

	(void)state;
	assert_int_equal(a >> 32, 0xdeadbeefu);
	assert_int_equal(b >> 32, 0xdeadbeefu);
	assert_true((uint32_t)a != (uint32_t)b);
}

/* After a 133 the requester learns the HA clock to the second. */
static void test_resync(void **state)
{
	uint64_t t = 1648894768ull * NS;
	struct clk_virtual v = { .now_ns = t, .seed = 1 };
	struct clk c = clk_virtual(&v);
	uint64_t ha_s = 1648894768ull + NTP_UNIX_OFFSET;

	(void)state;
	assert_int_equal(ident_resync_offset_ns(&c, ((ha_s + 10) << 32) | 0xabcdef),
			 10 * (int64_t)NS);
	assert_int_equal(ident_resync_offset_ns(&c, ((ha_s - 3) << 32) | 0xffffffffu),
			 -3 * (int64_t)NS);
	v.now_ns = t + NS / 2;
	assert_int_equal(ident_resync_offset_ns(&c, (ha_s + 10) << 32), 9500000000ll);
	assert_int_equal(ident_resync_offset_ns(&c, ha_s << 32), -500000000ll);
	/* Apply it: the next timestamp lands in the HA's window. */
	v.now_ns = t;
	{
		int64_t off = ident_resync_offset_ns(&c, (ha_s + 60) << 32);
		uint64_t ts;

		v.now_ns = (uint64_t)((int64_t)v.now_ns + off);
		ts = ident_timestamp(&c, 0);
		assert_int_equal(ident_ts_check(ts, (ha_s + 60) << 32, 0, 7000), IDENT_OK);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_epoch),
		cmocka_unit_test(test_known_instant),
		cmocka_unit_test(test_fraction),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_era),
		cmocka_unit_test(test_timestamp_monotonic),
		cmocka_unit_test(test_timestamp_random_bits),
		cmocka_unit_test(test_virtual_clock),
		cmocka_unit_test(test_real_clock),
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_not_newer),
		cmocka_unit_test(test_replies),
		cmocka_unit_test(test_nonce),
		cmocka_unit_test(test_resync),
	};

	return cmocka_run_group_tests_name("ident", tests, NULL, NULL);
}
