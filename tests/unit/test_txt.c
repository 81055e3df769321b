/* test_txt.c — txt.h: hex digits, decimal or 0x-hex numbers up to a maximum, hex strings
 * to bytes, and the offsets reported for every kind of bad input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "txt.h"

#define SENTINEL 0x5a5a5a5a5a5a5a5aull

static void test_hexdigit(void **state)
{
	(void)state;
	for (int c = '0'; c <= '9'; c++)
		assert_int_equal(txt_hexdigit(c), c - '0');
	for (int c = 'a'; c <= 'f'; c++) {
		assert_int_equal(txt_hexdigit(c), c - 'a' + 10);
		assert_int_equal(txt_hexdigit(c - 'a' + 'A'), c - 'a' + 10);
	}
	/* Every other byte value, and EOF. */
	for (int c = -1; c < 256; c++) {
		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
			continue;
		assert_int_equal(txt_hexdigit(c), -1);
	}
	assert_int_equal(txt_hexdigit('g'), -1);
	assert_int_equal(txt_hexdigit('G'), -1);
	assert_int_equal(txt_hexdigit('/'), -1); /* '0' - 1 */
	assert_int_equal(txt_hexdigit(':'), -1); /* '9' + 1 */
	assert_int_equal(txt_hexdigit('`'), -1); /* 'a' - 1 */
	assert_int_equal(txt_hexdigit('@'), -1); /* 'A' - 1 */
}

/* txt_u64 on a C string; *bad is set to a sentinel first so an untouched one shows. */
static int u64(const char *s, uint64_t max, uint64_t *out, size_t *bad)
{
	*out = SENTINEL;
	*bad = 999;
	return txt_u64(s, strlen(s), max, out, bad);
}

static void test_u64_ok(void **state)
{
	static const struct {
		const char *s;
		uint64_t v;
	} ok[] = {
		{ "0", 0 },
		{ "7", 7 },
		{ "00", 0 },
		{ "0010", 10 },
		{ "256", 256 },
		{ "0x0", 0 },
		{ "0x00ff", 255 },
		{ "0X1F", 31 },
		{ "0xaBcD", 0xabcd },
		{ "0xABCDEF", 0xabcdef },
		{ "4294967295", 4294967295u },
		{ "18446744073709551615", UINT64_MAX },
		{ "0xffffffffffffffff", UINT64_MAX },
		{ "0x0000000000000000ffffffffffffffff", UINT64_MAX },
	};
	uint64_t v;
	size_t bad;

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_int_equal(u64(ok[i].s, UINT64_MAX, &v, &bad), 0);
		assert_true(v == ok[i].v);
		assert_int_equal(bad, 999); /* untouched on success */
	}
	/* Not NUL-terminated: only n bytes count. */
	assert_int_equal(txt_u64("12345", 3, UINT64_MAX, &v, NULL), 0);
	assert_true(v == 123);
	assert_int_equal(txt_u64("0x1fzz", 4, UINT64_MAX, &v, NULL), 0);
	assert_true(v == 0x1f);
	/* A NULL bad is fine on every path. */
	assert_int_equal(txt_u64("x", 1, UINT64_MAX, &v, NULL), -1);
	assert_int_equal(txt_u64("300", 3, 255, &v, NULL), -2);
	assert_int_equal(txt_u64("", 0, UINT64_MAX, &v, NULL), -1);
}

static void test_u64_max(void **state)
{
	uint64_t v;
	size_t bad;

	(void)state;
	/* 32 bits: the boundary, decimal and hex. */
	assert_int_equal(u64("4294967295", UINT32_MAX, &v, &bad), 0);
	assert_true(v == UINT32_MAX);
	assert_int_equal(u64("0xffffffff", UINT32_MAX, &v, &bad), 0);
	assert_true(v == UINT32_MAX);
	assert_int_equal(u64("0XFFFFFFFF", UINT32_MAX, &v, &bad), 0);
	assert_int_equal(u64("0x00000000ffffffff", UINT32_MAX, &v, &bad), 0);
	assert_int_equal(u64("4294967296", UINT32_MAX, &v, &bad), -2);
	assert_true(v == SENTINEL); /* untouched on failure */
	assert_int_equal(bad, 9);   /* the last digit takes it past */
	assert_int_equal(u64("0x100000000", UINT32_MAX, &v, &bad), -2);
	assert_int_equal(bad, 10);
	assert_int_equal(u64("42949672950", UINT32_MAX, &v, &bad), -2);
	assert_int_equal(bad, 10);
	assert_int_equal(u64("5000000000", UINT32_MAX, &v, &bad), -2);
	assert_int_equal(bad, 9);

	/* 64 bits: one past wraps nothing. */
	assert_int_equal(u64("18446744073709551616", UINT64_MAX, &v, &bad), -2);
	assert_int_equal(bad, 19);
	assert_int_equal(u64("18446744073709551620", UINT64_MAX, &v, &bad), -2);
	assert_int_equal(bad, 19);
	assert_int_equal(u64("99999999999999999999999", UINT64_MAX, &v, &bad), -2);
	assert_int_equal(bad, 19);
	assert_int_equal(u64("0x10000000000000000", UINT64_MAX, &v, &bad), -2);
	assert_int_equal(bad, 18);
	assert_true(v == SENTINEL);

	/* Small maxima, including 0 and a digit above max on its own. */
	assert_int_equal(u64("255", 255, &v, &bad), 0);
	assert_int_equal(u64("0xff", 255, &v, &bad), 0);
	assert_int_equal(u64("256", 255, &v, &bad), -2);
	assert_int_equal(bad, 2);
	assert_int_equal(u64("0x100", 255, &v, &bad), -2);
	assert_int_equal(bad, 4);
	assert_int_equal(u64("65535", 65535, &v, &bad), 0);
	assert_int_equal(u64("65536", 65535, &v, &bad), -2);
	assert_int_equal(u64("0", 0, &v, &bad), 0);
	assert_true(v == 0);
	assert_int_equal(u64("000", 0, &v, &bad), 0);
	assert_int_equal(u64("1", 0, &v, &bad), -2);
	assert_int_equal(bad, 0);
	assert_int_equal(u64("9", 5, &v, &bad), -2);
	assert_int_equal(bad, 0);
	assert_int_equal(u64("0xa", 9, &v, &bad), -2);
	assert_int_equal(bad, 2);
}

static void test_u64_bad(void **state)
{
	static const struct {
		const char *s;
		size_t bad;
	} no[] = {
		{ "", 0 },     /* empty */
		{ "0x", 2 },   /* prefix alone: the digits are missing at the end */
		{ "0X", 2 },
		{ "x", 0 },
		{ "x10", 0 },
		{ "-1", 0 },   /* no sign */
		{ "+1", 0 },
		{ " 1", 0 },   /* no spaces */
		{ "1 ", 1 },
		{ "12a", 2 },  /* hex digits need 0x */
		{ "ff", 0 },
		{ "0xg", 2 },
		{ "0x1g0", 3 },
		{ "0x0x1", 3 },
		{ "00x1", 2 }, /* only a leading 0x is a prefix */
		{ "1x0", 1 },
		{ "0x-1", 2 },
		{ "1.5", 1 },
		{ "abc", 0 },
		/* a bad character wins over the size, wherever it is */
		{ "99999999999999999999x", 20 },
		{ "0x1ffffffffffffffffz", 19 },
	};
	uint64_t v;
	size_t bad;

	(void)state;
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		assert_int_equal(u64(no[i].s, UINT64_MAX, &v, &bad), -1);
		assert_int_equal(bad, no[i].bad);
		assert_true(v == SENTINEL);
	}
	/* An embedded NUL is a bad character, not the end. */
	assert_int_equal(txt_u64("1\0002", 3, UINT64_MAX, &v, &bad), -1);
	assert_int_equal(bad, 1);
	/* With a small maximum the syntax still wins. */
	assert_int_equal(u64("300x", 255, &v, &bad), -1);
	assert_int_equal(bad, 3);
}

/* txt_hexbytes on a C string into a pre-filled buffer. */
static long hexbytes(const char *s, uint8_t *out, size_t cap, size_t *bad)
{
	memset(out, 0xee, 16);
	*bad = 999;
	return txt_hexbytes(s, strlen(s), out, cap, bad);
}

/* TBCD: low nibble first, an odd count padded with F. */
static void test_tbcd(void **state)
{
	uint8_t b[8] = { 0 };

	(void)state;
	assert_int_equal(txt_tbcd("001010123456789", 15, b, sizeof b), 8);
	assert_int_equal(b[0], 0x00);
	assert_int_equal(b[1], 0x01);
	assert_int_equal(b[2], 0x01);
	assert_int_equal(b[3], 0x21);
	assert_int_equal(b[6], 0x87);
	assert_int_equal(b[7], 0xf9);
	assert_int_equal(txt_tbcd("1234", 4, b, sizeof b), 2);
	assert_int_equal(b[0], 0x21);
	assert_int_equal(b[1], 0x43);
	memset(b, 0xaa, sizeof b);
	assert_int_equal(txt_tbcd("12a4", 4, b, sizeof b), 0);
	assert_int_equal(txt_tbcd("123", 3, b, 1), 0);
	assert_int_equal(txt_tbcd("", 0, b, sizeof b), 0);
	assert_int_equal(b[0], 0xaa);
}

static void test_hexbytes_ok(void **state)
{
	static const uint8_t all[8] = { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef };
	uint8_t out[16];
	size_t bad;

	(void)state;
	assert_int_equal(hexbytes("0123456789abcdef", out, 8, &bad), 8);
	assert_memory_equal(out, all, 8);
	assert_int_equal(out[8], 0xee); /* nothing past the bytes */
	assert_int_equal(bad, 999);
	assert_int_equal(hexbytes("0123456789ABCDEF", out, 16, &bad), 8);
	assert_memory_equal(out, all, 8);
	assert_int_equal(hexbytes("aBcD", out, 2, &bad), 2);
	assert_int_equal(out[0], 0xab);
	assert_int_equal(out[1], 0xcd);
	assert_int_equal(hexbytes("00ff", out, 16, &bad), 2);
	assert_int_equal(out[0], 0x00);
	assert_int_equal(out[1], 0xff);

	/* Empty: zero bytes, even with no room. */
	assert_int_equal(hexbytes("", out, 0, &bad), 0);
	assert_int_equal(out[0], 0xee);
	assert_int_equal(txt_hexbytes(NULL, 0, NULL, 0, NULL), 0);

	/* Only n bytes count. */
	memset(out, 0xee, sizeof(out));
	assert_int_equal(txt_hexbytes("1234zz", 4, out, sizeof(out), NULL), 2);
	assert_int_equal(out[0], 0x12);
	assert_int_equal(out[1], 0x34);
	assert_int_equal(out[2], 0xee);
}

static void test_hexbytes_bad(void **state)
{
	static const struct {
		const char *s;
		size_t bad;
	} no[] = {
		{ "0", 1 },      /* odd: reported at n */
		{ "abc", 3 },
		{ "0g0", 3 },    /* odd wins over a bad digit */
		{ "0g", 1 },
		{ "g0", 0 },
		{ "00zz", 2 },
		{ "0x00", 1 },   /* no prefix here */
		{ "00 1", 2 },
		{ "-1", 0 },
		{ "abcdeg", 5 },
		{ "ABCDEG", 5 },
		{ ":0", 0 },
	};
	uint8_t out[16];
	size_t bad;

	(void)state;
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		assert_int_equal(hexbytes(no[i].s, out, sizeof(out), &bad), -1);
		assert_int_equal(bad, no[i].bad);
		assert_int_equal(out[0], 0xee); /* untouched on failure */
	}
	assert_int_equal(txt_hexbytes("0\0", 2, out, sizeof(out), &bad), -1);
	assert_int_equal(bad, 1);
	assert_int_equal(txt_hexbytes("0", 1, out, sizeof(out), NULL), -1);
}

static void test_hexbytes_cap(void **state)
{
	uint8_t out[16];
	size_t bad;

	(void)state;
	assert_int_equal(hexbytes("00112233", out, 4, &bad), 4); /* exactly cap */
	assert_int_equal(hexbytes("0011223344", out, 4, &bad), -2);
	assert_int_equal(bad, 8); /* the first digit that does not fit */
	assert_int_equal(out[0], 0xee);
	assert_int_equal(hexbytes("00", out, 0, &bad), -2);
	assert_int_equal(bad, 0);
	/* Digits are checked before the size, the odd count before both. */
	assert_int_equal(hexbytes("00112233zz", out, 4, &bad), -1);
	assert_int_equal(bad, 8);
	assert_int_equal(hexbytes("001122334", out, 4, &bad), -1);
	assert_int_equal(bad, 9);
	assert_int_equal(txt_hexbytes("0000", 4, out, 1, NULL), -2);
}

static void test_ip4(void **state)
{
	(void)state;
	assert_string_equal(txt_ip4(0).s, "0.0.0.0");
	assert_string_equal(txt_ip4(0xffffffffu).s, "255.255.255.255");
	assert_string_equal(txt_ip4(0x7f000203u).s, "127.0.2.3");
}

static void test_utf8(void **state)
{
	uint32_t cp = 0;

	(void)state;
	assert_int_equal(txt_utf8((const uint8_t *)"A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(txt_utf8((const uint8_t *)"\xc3\xa9", 2, &cp), 2); /* U+00E9 */
	assert_int_equal(cp, 0xe9);
	assert_int_equal(txt_utf8((const uint8_t *)"\xe2\x82\xac", 3, &cp), 3); /* U+20AC */
	assert_int_equal(cp, 0x20ac);
	assert_int_equal(txt_utf8((const uint8_t *)"\xf0\x9f\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1f600);
	assert_int_equal(txt_utf8((const uint8_t *)"\xc3\xa9", 1, NULL), 0);     /* cut */
	assert_int_equal(txt_utf8((const uint8_t *)"\x80", 1, NULL), 0);         /* lone */
	assert_int_equal(txt_utf8((const uint8_t *)"\xc0\xaf", 2, NULL), 0);     /* overlong */
	assert_int_equal(txt_utf8((const uint8_t *)"\xe0\x80\xaf", 3, NULL), 0); /* overlong */
	assert_int_equal(txt_utf8((const uint8_t *)"\xed\xa0\x80", 3, NULL), 0); /* surrogate */
	assert_int_equal(txt_utf8((const uint8_t *)"\xf4\x90\x80\x80", 4, NULL), 0); /* > 10FFFF */
	assert_int_equal(txt_utf8((const uint8_t *)"\xc3(", 2, NULL), 0);
	assert_int_equal(txt_utf8((const uint8_t *)"", 0, NULL), 0);
}

static void test_edit_distance(void **state)
{
	char longer[80];

	(void)state;
	assert_int_equal(txt_edit_distance("send", "send"), 0);
	assert_int_equal(txt_edit_distance("sen", "send"), 1);
	assert_int_equal(txt_edit_distance("sned", "send"), 1); /* a transposition */
	assert_int_equal(txt_edit_distance("SEND", "send"), 0); /* case ignored */
	assert_int_equal(txt_edit_distance("hq", "ha"), 1);
	assert_int_equal(txt_edit_distance("", "abc"), 3);
	assert_int_equal(txt_edit_distance("kitten", "sitting"), 3);
	memset(longer, 'a', sizeof longer - 1);
	longer[sizeof longer - 1] = 0;
	assert_int_equal(txt_edit_distance(longer, "a"), UINT32_MAX);
}

static void test_grow(void **state)
{
	int *v = NULL, *nv;
	size_t cap = 0;

	(void)state;
	nv = txt_grow(v, &cap, 1, sizeof *v, 8);
	assert_non_null(nv);
	assert_int_equal(cap, 8);
	v = nv;
	for (int i = 0; i < 8; i++)
		v[i] = i;
	assert_ptr_equal(txt_grow(v, &cap, 8, sizeof *v, 8), v); /* room already */
	nv = txt_grow(v, &cap, 20, sizeof *v, 8);
	assert_non_null(nv);
	assert_int_equal(cap, 32);
	v = nv;
	assert_int_equal(v[7], 7); /* kept */
	assert_null(txt_grow(v, &cap, SIZE_MAX / 2, sizeof *v, 8)); /* too big: unchanged */
	assert_int_equal(cap, 32);
	free(v);
}

/* 1700000000 s is 2023-11-14T22:13:20Z (date -u -d @1700000000). */
static void test_utc(void **state)
{
	uint64_t ns = 1700000000ull * 1000000000ull + 123456789ull;

	(void)state;
	assert_string_equal(txt_utc(ns, 9).s, "2023-11-14T22:13:20.123456789Z");
	assert_string_equal(txt_utc(ns, 6).s, "2023-11-14T22:13:20.123456Z");
	assert_string_equal(txt_utc(ns, 0).s, "2023-11-14T22:13:20Z");
	assert_string_equal(txt_utc(5, 9).s, "1970-01-01T00:00:00.000000005Z");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hexdigit),
		cmocka_unit_test(test_tbcd),
		cmocka_unit_test(test_u64_ok),
		cmocka_unit_test(test_u64_max),
		cmocka_unit_test(test_u64_bad),
		cmocka_unit_test(test_hexbytes_ok),
		cmocka_unit_test(test_hexbytes_bad),
		cmocka_unit_test(test_hexbytes_cap),
		cmocka_unit_test(test_ip4),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_edit_distance),
		cmocka_unit_test(test_grow),
		cmocka_unit_test(test_utc),
	};

	return cmocka_run_group_tests_name("txt", tests, NULL, NULL);
}
