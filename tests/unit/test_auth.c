/* test_auth.c — authenticators: the PROTOCOL.md §4 vector (RFC 5944 §3.5.1, §5.1;
 * RFC 2002 §3.5.1), RFC 2202 §2 HMAC-MD5 cases 1-3, RFC 1321 §A.5 MD5 vectors through
 * keyed-MD5, key-length edges, and auth_verify on a hand-built RRQ.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "auth.h"

static void hex2bin(const char *hex, uint8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned v = 0;

		for (int j = 0; j < 2; j++) {
			char c = hex[2 * i + (size_t)j];

			v <<= 4;
			v |= (unsigned)(c <= '9' ? c - '0' : c - 'a' + 10);
		}
		out[i] = (uint8_t)v;
	}
}

/*
 * PROTOCOL.md §4: 51 covered bytes.
 *   01 02 0708 00000000 c0000201 c6336401 e5f2a1b012345678   RRQ: T, 1800 s, HoA 0,
 *                                                           HA 192.0.2.1, CoA 198.51.100.1
 *   83 0e "mn@example.com"                                  NAI (131), offset 24
 *   2f 01 0001 01                                           47/1 per-node, method 1, offset 40
 *   22 14 00000100                                          FA-HA (34) Type, Length 20, SPI 256,
 *                                                           offset 45
 */
static const char vec_hex[] = "0102070800000000c0000201c6336401e5f2a1b012345678"
			      "830e6d6e406578616d706c652e636f6d"
			      "2f01000101"
			      "221400000100";
#define VEC_LEN 51
#define VEC_FAHA_OFF 45
static const char vec_hmac[] = "616f881d90459e9666aa0550c7f558ad";
static const char vec_kmd5[] = "802179e1d05465751170c0e10b8530fa";
static const char vec_key[] = "000102030405060708090a0b0c0d0e0f";

static void test_vector_hmac(void **state)
{
	uint8_t data[VEC_LEN], key[16], want[16], out[16];

	(void)state;
	assert_int_equal(strlen(vec_hex), 2 * VEC_LEN);
	hex2bin(vec_hex, data, VEC_LEN);
	hex2bin(vec_key, key, 16);
	hex2bin(vec_hmac, want, 16);
	assert_int_equal(auth_compute(AUTH_HMAC_MD5, key, 16, data, VEC_LEN, out), 0);
	assert_memory_equal(out, want, 16);
}

static void test_vector_keyed_md5(void **state)
{
	uint8_t data[VEC_LEN], key[16], want[16], out[16];

	(void)state;
	hex2bin(vec_hex, data, VEC_LEN);
	hex2bin(vec_key, key, 16);
	hex2bin(vec_kmd5, want, 16);
	assert_int_equal(auth_compute(AUTH_KEYED_MD5, key, 16, data, VEC_LEN, out), 0);
	assert_memory_equal(out, want, 16);
}

/* RFC 2202 §2, test cases 1-3. */
static void test_rfc2202(void **state)
{
	static const struct {
		uint8_t key_byte; /* 0: use "Jefe" */
		size_t key_len;
		const char *data;
		uint8_t data_byte;
		size_t data_len;
		const char *digest;
	} tc[] = {
		{ 0x0b, 16, "Hi There", 0, 8, "9294727a3638bb1c13f48ef8158bfc9d" },
		{ 0, 4, "what do ya want for nothing?", 0, 28, "750c783e6ab0b503eaa86e310a5db738" },
		{ 0xaa, 16, NULL, 0xdd, 50, "56be34521d144c88dbb8c733f0e8b3f6" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(tc) / sizeof(tc[0]); i++) {
		uint8_t key[16], data[64], want[16], out[16];

		if (tc[i].key_byte)
			memset(key, tc[i].key_byte, tc[i].key_len);
		else
			memcpy(key, "Jefe", 4);
		if (tc[i].data)
			memcpy(data, tc[i].data, tc[i].data_len);
		else
			memset(data, tc[i].data_byte, tc[i].data_len);
		hex2bin(tc[i].digest, want, 16);
		assert_int_equal(auth_compute(AUTH_HMAC_MD5, key, tc[i].key_len, data,
					      tc[i].data_len, out), 0);
		assert_memory_equal(out, want, 16);
	}
}

/* RFC 1321 §A.5: with an empty key keyed-MD5 is plain MD5; with key "1234567890" the
 * prefix+suffix of six copies is the 80-digit test string. */
static void test_keyed_md5_rfc1321(void **state)
{
	uint8_t want[16], out[16];
	char digits[60];

	(void)state;
	hex2bin("900150983cd24fb0d6963f7d28e17f72", want, 16);
	assert_int_equal(auth_compute(AUTH_KEYED_MD5, NULL, 0, (const uint8_t *)"abc", 3, out), 0);
	assert_memory_equal(out, want, 16);

	for (int i = 0; i < 6; i++)
		memcpy(digits + 10 * i, "1234567890", 10);
	hex2bin("57edf4a22be3c955ac49da2e2107b67a", want, 16);
	assert_int_equal(auth_compute(AUTH_KEYED_MD5, (const uint8_t *)"1234567890", 10,
				      (const uint8_t *)digits, sizeof(digits), out), 0);
	assert_memory_equal(out, want, 16);
}

/* RFC 2104 §2: a key shorter than the 64-byte block is zero-padded, so the empty key,
 * 16 zero bytes and 64 zero bytes give the same MAC.  The empty key is computed right
 * after a different key, so a stale key inside a cached context would show. */
static void test_empty_key(void **state)
{
	uint8_t zeros[AUTH_KEY_MAX] = { 0 }, data[VEC_LEN], a[16], b[16], c[16], d[16];
	uint8_t key[16];

	(void)state;
	hex2bin(vec_hex, data, VEC_LEN);
	hex2bin(vec_key, key, 16);
	assert_int_equal(auth_compute(AUTH_HMAC_MD5, key, 16, data, VEC_LEN, d), 0);
	assert_int_equal(auth_compute(AUTH_HMAC_MD5, NULL, 0, data, VEC_LEN, a), 0);
	assert_int_equal(auth_compute(AUTH_HMAC_MD5, zeros, 16, data, VEC_LEN, b), 0);
	assert_int_equal(auth_compute(AUTH_HMAC_MD5, zeros, AUTH_KEY_MAX, data, VEC_LEN, c), 0);
	assert_memory_equal(a, b, 16);
	assert_memory_equal(a, c, 16);
	assert_memory_not_equal(a, d, 16);
	/* Empty key with a non-NULL pointer, and empty data. */
	assert_int_equal(auth_compute(AUTH_HMAC_MD5, key, 0, data, VEC_LEN, b), 0);
	assert_memory_equal(a, b, 16);
	assert_int_equal(auth_compute(AUTH_HMAC_MD5, NULL, 0, NULL, 0, b), 0);
	assert_memory_not_equal(a, b, 16);
}

/* The longest key, AUTH_KEY_MAX = the MD5 block: all its bytes count; one more is refused. */
static void test_long_key(void **state)
{
	uint8_t key[AUTH_KEY_MAX + 1], data[VEC_LEN], a[16], b[16], c[16];

	(void)state;
	hex2bin(vec_hex, data, VEC_LEN);
	memset(key, 0xaa, sizeof(key));
	key[AUTH_KEY_MAX - 1] = 0;
	assert_int_equal(auth_compute(AUTH_HMAC_MD5, key, AUTH_KEY_MAX, data, VEC_LEN, a), 0);
	assert_int_equal(auth_compute(AUTH_HMAC_MD5, key, AUTH_KEY_MAX - 1, data, VEC_LEN, b), 0);
	assert_memory_equal(a, b, 16);
	key[AUTH_KEY_MAX - 1] = 0xaa;
	assert_int_equal(auth_compute(AUTH_HMAC_MD5, key, AUTH_KEY_MAX, data, VEC_LEN, c), 0);
	assert_memory_not_equal(a, c, 16);
	assert_int_equal(auth_compute(AUTH_HMAC_MD5, key, AUTH_KEY_MAX + 1, data, VEC_LEN, c), -1);
	assert_int_equal(auth_compute(AUTH_KEYED_MD5, key, AUTH_KEY_MAX + 1, data, VEC_LEN, c), -1);
	assert_int_equal(auth_compute(AUTH_KEYED_MD5, key, AUTH_KEY_MAX, data, VEC_LEN, c), 0);
}

static void test_covered_len(void **state)
{
	struct mip_ext e;

	(void)state;
	memset(&e, 0, sizeof(e));
	e.off = 45;
	e.type = MIP_EXT_FAHA;
	assert_int_equal(auth_covered_len(&e), 51);
	e.type = MIP_EXT_MNHA;
	assert_int_equal(auth_covered_len(&e), 51);
	e.type = MIP_EXT_MNFA;
	assert_int_equal(auth_covered_len(&e), 51);
	e.type = MIP_EXT_GENAUTH; /* long header: Type, Subtype, Length(16), SPI */
	assert_int_equal(auth_covered_len(&e), 53);
	e.type = MIP_EXT_NAI;
	assert_int_equal(auth_covered_len(&e), 0);
}

static void test_kind_ext(void **state)
{
	(void)state;
	assert_int_equal(auth_kind_ext(AUTH_KIND_MNHA), 32);
	assert_int_equal(auth_kind_ext(AUTH_KIND_MNFA), 33);
	assert_int_equal(auth_kind_ext(AUTH_KIND_FAHA), 34);
	assert_int_equal(auth_kind_ext(AUTH_KIND_MNAAA), 36);
}

/* The vector message completed with its HMAC authenticator, plus a trailing 1-byte pad
 * that the authenticator does not cover. */
struct verify_fixture {
	uint8_t msg[VEC_LEN + 16 + 1];
	struct mip_ext e;
	struct mip_sa sa;
};

static void verify_setup(struct verify_fixture *f, enum auth_alg alg)
{
	memset(f, 0, sizeof(*f));
	hex2bin(vec_hex, f->msg, VEC_LEN);
	hex2bin(alg == AUTH_HMAC_MD5 ? vec_hmac : vec_kmd5, f->msg + VEC_LEN, 16);
	f->e.type = MIP_EXT_FAHA;
	f->e.fmt = MIP_FMT_TLV;
	f->e.off = VEC_FAHA_OFF;
	f->e.length = 20;
	f->e.v.auth.spi = 0x100;
	f->e.v.auth.auth = f->msg + VEC_LEN;
	f->e.v.auth.auth_len = 16;
	f->sa.spi = 0x100;
	f->sa.alg = alg;
	f->sa.kind = AUTH_KIND_FAHA;
	hex2bin(vec_key, f->sa.key, 16);
	f->sa.key_len = 16;
}

static void test_verify(void **state)
{
	struct verify_fixture f;
	size_t len = sizeof(f.msg);

	(void)state;
	verify_setup(&f, AUTH_HMAC_MD5);
	assert_int_equal(f.msg[VEC_FAHA_OFF], 34);
	assert_int_equal(auth_verify(f.msg, len, &f.e, &f.sa), AUTH_VALID);
	/* Bytes after the authenticator are not covered. */
	f.msg[len - 1] = 0x80;
	assert_int_equal(auth_verify(f.msg, len, &f.e, &f.sa), AUTH_VALID);
	/* Flip the last authenticator bit. */
	f.msg[VEC_LEN + 15] ^= 1;
	assert_int_equal(auth_verify(f.msg, len, &f.e, &f.sa), AUTH_INVALID);
	f.msg[VEC_LEN + 15] ^= 1;
	/* Flip a covered bit: the RRQ's T flag, then the SPI bytes themselves. */
	f.msg[1] ^= MIP_F_T;
	assert_int_equal(auth_verify(f.msg, len, &f.e, &f.sa), AUTH_INVALID);
	f.msg[1] ^= MIP_F_T;
	f.msg[VEC_LEN - 1] ^= 0x80; /* the decoded SPI stays 0x100 */
	assert_int_equal(auth_verify(f.msg, len, &f.e, &f.sa), AUTH_INVALID);
	f.msg[VEC_LEN - 1] ^= 0x80;
	/* Wrong key. */
	f.sa.key[0] ^= 1;
	assert_int_equal(auth_verify(f.msg, len, &f.e, &f.sa), AUTH_INVALID);
	f.sa.key[0] ^= 1;
	/* The wrong algorithm for this authenticator. */
	f.sa.alg = AUTH_KEYED_MD5;
	assert_int_equal(auth_verify(f.msg, len, &f.e, &f.sa), AUTH_INVALID);
	f.sa.alg = AUTH_HMAC_MD5;
	assert_int_equal(auth_verify(f.msg, len, &f.e, &f.sa), AUTH_VALID);
}

static void test_verify_keyed_md5(void **state)
{
	struct verify_fixture f;

	(void)state;
	verify_setup(&f, AUTH_KEYED_MD5);
	assert_int_equal(auth_verify(f.msg, sizeof(f.msg), &f.e, &f.sa), AUTH_VALID);
	f.msg[VEC_LEN] ^= 0x01;
	assert_int_equal(auth_verify(f.msg, sizeof(f.msg), &f.e, &f.sa), AUTH_INVALID);
}

static void test_verify_spi_and_length(void **state)
{
	struct verify_fixture f;

	(void)state;
	verify_setup(&f, AUTH_HMAC_MD5);
	f.sa.spi = 0x101;
	assert_int_equal(auth_verify(f.msg, sizeof(f.msg), &f.e, &f.sa), AUTH_SPI_MISMATCH);
	f.sa.spi = 0x100;
	f.e.v.auth.auth_len = 15;
	assert_int_equal(auth_verify(f.msg, sizeof(f.msg), &f.e, &f.sa), AUTH_BAD_LENGTH);
	f.e.v.auth.auth_len = 17;
	assert_int_equal(auth_verify(f.msg, sizeof(f.msg), &f.e, &f.sa), AUTH_BAD_LENGTH);
	f.e.v.auth.auth_len = 16;
	/* A message shorter than the covered range cannot verify. */
	assert_int_equal(auth_verify(f.msg, VEC_LEN - 1, &f.e, &f.sa), AUTH_INVALID);
	assert_int_equal(auth_verify(f.msg, VEC_LEN, &f.e, &f.sa), AUTH_VALID);
}

static void test_result_str(void **state)
{
	(void)state;
	assert_string_equal(auth_result_str(AUTH_VALID), "valid");
	assert_string_not_equal(auth_result_str(AUTH_INVALID), auth_result_str(AUTH_VALID));
	assert_string_not_equal(auth_result_str(AUTH_SPI_MISMATCH),
				auth_result_str(AUTH_INVALID));
	assert_string_not_equal(auth_result_str(AUTH_BAD_LENGTH),
				auth_result_str(AUTH_SPI_MISMATCH));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vector_hmac),
		cmocka_unit_test(test_vector_keyed_md5),
		cmocka_unit_test(test_rfc2202),
		cmocka_unit_test(test_keyed_md5_rfc1321),
		cmocka_unit_test(test_empty_key),
		cmocka_unit_test(test_long_key),
		cmocka_unit_test(test_covered_len),
		cmocka_unit_test(test_kind_ext),
		cmocka_unit_test(test_verify),
		cmocka_unit_test(test_verify_keyed_md5),
		cmocka_unit_test(test_verify_spi_and_length),
		cmocka_unit_test(test_result_str),
	};

	return cmocka_run_group_tests_name("auth", tests, NULL, NULL);
}
