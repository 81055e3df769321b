/* test_sa.c — SA spec parsing (DESIGN.md §8; SPI reservation of RFC 5944 §1.6): valid
 * specs and their defaults, and every error with the column it names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "auth.h"

static void test_minimal(void **state)
{
	static const uint8_t key[16] = { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
					 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f };
	struct mip_sa sa;
	char err[128] = "";

	(void)state;
	memset(&sa, 0x5a, sizeof(sa));
	assert_int_equal(auth_sa_parse("spi=256,key=hex:000102030405060708090a0b0c0d0e0f", &sa,
				       err, sizeof(err)), 0);
	assert_string_equal(err, "");
	assert_int_equal(sa.spi, 256);
	assert_int_equal(sa.alg, AUTH_HMAC_MD5);
	assert_int_equal(sa.kind, AUTH_KIND_MNHA);
	assert_int_equal(sa.match, AUTH_MATCH_ANY);
	assert_int_equal(sa.key_len, 16);
	assert_memory_equal(sa.key, key, 16);
}

static void test_full(void **state)
{
	struct mip_sa sa;
	char err[128];

	(void)state;
	assert_int_equal(auth_sa_parse("kind=fa-ha,peer=192.0.2.1,alg=keyed-md5,key=ascii:secret,"
				       "spi=0x100", &sa, err, sizeof(err)), 0);
	assert_int_equal(sa.spi, 0x100);
	assert_int_equal(sa.alg, AUTH_KEYED_MD5);
	assert_int_equal(sa.kind, AUTH_KIND_FAHA);
	assert_int_equal(sa.match, AUTH_MATCH_PEER);
	assert_int_equal(sa.peer, 0xc0000201u); /* host order */
	assert_int_equal(sa.key_len, 6);
	assert_memory_equal(sa.key, "secret", 6);

	assert_int_equal(auth_sa_parse("spi=4294967295,key=hex:ABCDef,nai=mn1@example.net,"
				       "kind=mn-aaa,alg=hmac-md5", &sa, err, sizeof(err)), 0);
	assert_int_equal(sa.spi, 0xffffffffu);
	assert_int_equal(sa.kind, AUTH_KIND_MNAAA);
	assert_int_equal(sa.match, AUTH_MATCH_NAI);
	assert_string_equal(sa.nai, "mn1@example.net");
	assert_int_equal(sa.key_len, 3);
	assert_int_equal(sa.key[0], 0xab);
	assert_int_equal(sa.key[1], 0xcd);
	assert_int_equal(sa.key[2], 0xef);

	assert_int_equal(auth_sa_parse("spi=0XFFFF,key=hex:00,any,kind=mn-fa", &sa, err,
				       sizeof(err)), 0);
	assert_int_equal(sa.spi, 0xffff);
	assert_int_equal(sa.kind, AUTH_KIND_MNFA);
	assert_int_equal(sa.match, AUTH_MATCH_ANY);
	assert_int_equal(sa.key_len, 1);
	assert_int_equal(sa.key[0], 0);
	/* DESIGN.md §8: peer=any is the same as no peer */
	assert_int_equal(auth_sa_parse("spi=300,key=hex:00,peer=192.0.2.1", &sa, err,
				       sizeof(err)), 0);
	assert_int_equal(sa.match, AUTH_MATCH_PEER);
	assert_int_equal(auth_sa_parse("spi=300,key=hex:00,peer=any,kind=fa-ha", &sa, err,
				       sizeof(err)), 0);
	assert_int_equal(sa.match, AUTH_MATCH_ANY);
	assert_true(sa.kind_given);
	assert_int_equal(auth_sa_parse("spi=300,key=hex:00", &sa, err, sizeof(err)), 0);
	assert_false(sa.kind_given); /* decode: any authenticator with SPI 300 */
	assert_int_equal(auth_sa_parse("spi=300,key=hex:00,kind=mn-ha", &sa, err, sizeof(err)), 0);
	assert_int_equal(sa.kind, AUTH_KIND_MNHA);
}

/* AUTH_KEY_MAX bytes pass, one more does not (as hex and as ascii). */
static void test_key_lengths(void **state)
{
	char spec[256];
	struct mip_sa sa;
	char err[128];
	int n;

	(void)state;
	n = snprintf(spec, sizeof(spec), "spi=256,key=hex:");
	for (int i = 0; i < AUTH_KEY_MAX; i++)
		n += snprintf(spec + n, sizeof(spec) - (size_t)n, "%02x", i);
	assert_int_equal(auth_sa_parse(spec, &sa, err, sizeof(err)), 0);
	assert_int_equal(sa.key_len, AUTH_KEY_MAX);
	assert_int_equal(sa.key[AUTH_KEY_MAX - 1], AUTH_KEY_MAX - 1);
	snprintf(spec + n, sizeof(spec) - (size_t)n, "ff");
	assert_int_equal(auth_sa_parse(spec, &sa, err, sizeof(err)), -1);
	assert_string_equal(err, "column 9: key is longer than 64 bytes");

	n = snprintf(spec, sizeof(spec), "spi=256,key=ascii:");
	memset(spec + n, 'k', AUTH_KEY_MAX);
	spec[n + AUTH_KEY_MAX] = '\0';
	assert_int_equal(auth_sa_parse(spec, &sa, err, sizeof(err)), 0);
	assert_int_equal(sa.key_len, AUTH_KEY_MAX);
	spec[n + AUTH_KEY_MAX] = 'k';
	spec[n + AUTH_KEY_MAX + 1] = '\0';
	assert_int_equal(auth_sa_parse(spec, &sa, err, sizeof(err)), -1);
	assert_string_equal(err, "column 9: key is longer than 64 bytes");
}

static const struct {
	const char *spec;
	const char *err;
} bad[] = {
	{ "spi=255,key=hex:00", "column 1: SPI 0-255 are reserved (RFC 5944 §1.6)" },
	{ "key=hex:00,spi=0", "column 12: SPI 0-255 are reserved (RFC 5944 §1.6)" },
	{ "spi=abc,key=hex:00", "column 1: spi must be a 32-bit number, decimal or 0x-hex" },
	{ "spi=4294967296,key=hex:00", "column 1: spi must be a 32-bit number, decimal or 0x-hex" },
	{ "spi=0x,key=hex:00", "column 1: spi must be a 32-bit number, decimal or 0x-hex" },
	{ "spi=-300,key=hex:00", "column 1: spi must be a 32-bit number, decimal or 0x-hex" },
	{ "spi=0x1g0,key=hex:00", "column 1: spi must be a 32-bit number, decimal or 0x-hex" },
	{ "spi=256,key=hex:0", "column 9: key hex has an odd number of digits" },
	{ "spi=256,key=hex:0g", "column 18: key has a non-hex digit" },
	{ "spi=256,key=hex:", "column 9: key is empty" },
	{ "spi=256,key=ascii:", "column 9: key is empty" },
	{ "spi=256,key=raw:00", "column 9: key must start with hex: or ascii:" },
	{ "spi=256,key=", "column 9: empty value for 'key'" },
	{ "spi=,key=hex:00", "column 1: empty value for 'spi'" },
	{ "spi=256,key=hex:00,foo=1", "column 20: unknown key 'foo'" },
	{ "spi=256,key=hex:00,any=1", "column 20: unknown key 'any'" },
	{ "spi=256,key=hex:00,bogus", "column 20: unknown key 'bogus'" },
	{ "spi=256,key=hex:00,=1", "column 20: missing key before '='" },
	{ "spi,key=hex:00", "column 1: expected spi=VALUE" },
	{ "spi=256,key=hex:00,spi=300", "column 20: duplicate 'spi'" },
	{ "spi=256,key=hex:00,key=hex:01", "column 20: duplicate 'key'" },
	{ "alg=hmac-md5,spi=256,key=hex:00,alg=keyed-md5", "column 33: duplicate 'alg'" },
	{ "spi=256,kind=fa-ha,key=hex:00,kind=mn-ha", "column 31: duplicate 'kind'" },
	{ "spi=256,key=hex:00,peer=192.0.2.1,nai=a@b",
	  "column 35: only one of peer=, nai= and any" },
	{ "spi=256,key=hex:00,any,any", "column 24: only one of peer=, nai= and any" },
	{ "spi=256,key=hex:00,peer=192.0.2", "column 20: peer is not an IPv4 address or any" },
	{ "spi=256,key=hex:00,peer=2001:db8::1", "column 20: peer is not an IPv4 address or any" },
	{ "spi=256,key=hex:00,peer=192.000.002.001.5", "column 20: peer is not an IPv4 address or any" },
	{ "spi=256,key=hex:00,alg=sha1", "column 20: alg must be hmac-md5 or keyed-md5" },
	{ "spi=256,key=hex:00,alg=HMAC-MD5", "column 20: alg must be hmac-md5 or keyed-md5" },
	{ "spi=256,key=hex:00,kind=ha", "column 20: kind must be mn-ha, fa-ha, mn-fa or mn-aaa" },
	{ "spi=256", "column 8: missing key=" },
	{ "key=hex:00", "column 11: missing spi=" },
	{ "", "column 1: empty item" },
	{ "spi=256,,key=hex:00", "column 9: empty item" },
	{ "spi=256,key=hex:00,", "column 20: empty item" },
	{ ",spi=256,key=hex:00", "column 1: empty item" },
	{ " spi=256,key=hex:00", "column 1: unknown key ' spi'" },
};

static void test_errors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct mip_sa sa, before;
		char err[128] = "";

		memset(&sa, 0x5a, sizeof(sa));
		before = sa;
		assert_int_equal(auth_sa_parse(bad[i].spec, &sa, err, sizeof(err)), -1);
		assert_string_equal(err, bad[i].err);
		/* A failed parse leaves the output alone. */
		assert_memory_equal(&sa, &before, sizeof(sa));
	}
}

static void test_nai_length(void **state)
{
	char spec[200];
	struct mip_sa sa;
	char err[128];
	int n;

	(void)state;
	n = snprintf(spec, sizeof(spec), "spi=256,key=hex:00,nai=");
	memset(spec + n, 'a', 127);
	spec[n + 127] = '\0';
	assert_int_equal(auth_sa_parse(spec, &sa, err, sizeof(err)), 0);
	assert_int_equal(strlen(sa.nai), 127);
	spec[n + 127] = 'a';
	spec[n + 128] = '\0';
	assert_int_equal(auth_sa_parse(spec, &sa, err, sizeof(err)), -1);
	assert_string_equal(err, "column 20: nai is longer than 127 bytes");
}

/* The error buffer may be absent or small. */
static void test_err_buffer(void **state)
{
	struct mip_sa sa;
	char err[8];

	(void)state;
	assert_int_equal(auth_sa_parse("spi=1,key=hex:00", &sa, NULL, 0), -1);
	memset(err, 'x', sizeof(err));
	assert_int_equal(auth_sa_parse("spi=1,key=hex:00", &sa, err, 1), -1);
	assert_int_equal(err[0], '\0');
	assert_int_equal(err[1], 'x');
	assert_int_equal(auth_sa_parse("spi=1,key=hex:00", &sa, err, sizeof(err)), -1);
	assert_string_equal(err, "column ");
	assert_int_equal(auth_sa_parse("key=hex:00,spi=1", &sa, err, sizeof(err)), -1);
	assert_string_equal(err, "column ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minimal),
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_key_lengths),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_nai_length),
		cmocka_unit_test(test_err_buffer),
	};

	return cmocka_run_group_tests_name("sa", tests, NULL, NULL);
}
