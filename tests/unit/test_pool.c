/* test_pool.c — home-address pools (RFC 5944 §3.8.1, RFC 2794 §2): CIDR parsing and its
 * errors, sizes, allocation to exhaustion, reserved and taken addresses, and the
 * rotating reuse order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "pool.h"

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))

static void expect_error(const char *cidr, const char *msg)
{
	char err[128] = "";

	assert_null(pool_create(cidr, err, sizeof(err)));
	assert_string_equal(err, msg);
}

static void test_parse_errors(void **state)
{
	(void)state;
	expect_error("10.0.0.0", "missing /prefix-length in 10.0.0.0");
	expect_error("10.0.0.0/33", "prefix length out of range /8../30 in 10.0.0.0/33");
	expect_error("10.0.0.0/31", "prefix length out of range /8../30 in 10.0.0.0/31");
	expect_error("10.0.0.0/7", "prefix length out of range /8../30 in 10.0.0.0/7");
	expect_error("10.0.0.0/0", "prefix length out of range /8../30 in 10.0.0.0/0");
	expect_error("10.0.0.0/99999999999", "prefix length out of range /8../30 in "
		     "10.0.0.0/99999999999");
	expect_error("10.0.0.0/x", "bad prefix length in 10.0.0.0/x");
	expect_error("10.0.0.0/", "bad prefix length in 10.0.0.0/");
	expect_error("10.0.0.0/24x", "bad prefix length in 10.0.0.0/24x");
	expect_error("10.0.0.0/-8", "bad prefix length in 10.0.0.0/-8");
	expect_error("10.0.0.0/ 24", "bad prefix length in 10.0.0.0/ 24");
	expect_error("10.0.0.0/24/8", "bad prefix length in 10.0.0.0/24/8");
	expect_error("10.0.0.256/24", "bad address in 10.0.0.256/24");
	expect_error("10.0.0/24", "bad address in 10.0.0/24");
	expect_error("/24", "bad address in /24");
	expect_error("1000.1000.1000.1000/24", "bad address in 1000.1000.1000.1000/24");
	expect_error("host.example/24", "bad address in host.example/24");
	expect_error("10.0.0.1/24", "host bits set in 10.0.0.1/24");
	expect_error("10.0.1.0/16", "host bits set in 10.0.1.0/16");
	assert_null(pool_create("nonsense", NULL, 0)); /* no room for a reason: still NULL */
	pool_destroy(NULL);
}

static void test_sizes(void **state)
{
	static const struct {
		const char *cidr;
		uint32_t size;
	} v[] = {
		{ "192.0.2.0/24", 254 },  { "192.0.2.0/30", 2 },       { "192.0.2.4/30", 2 },
		{ "192.0.2.0/26", 62 },   { "192.0.2.0/25", 126 },     { "10.10.0.0/16", 65534 },
		{ "10.0.0.0/8", 16777214 }, { "192.0.2.128/025", 126 },
	};
	struct pool *p;
	char err[128];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		p = pool_create(v[i].cidr, err, sizeof(err));
		assert_non_null(p);
		assert_int_equal(pool_size(p), v[i].size);
		assert_int_equal(pool_used(p), 0);
		pool_destroy(p);
	}
}

static void test_exhaust(void **state)
{
	struct pool *p = pool_create("192.0.2.0/24", NULL, 0);
	uint8_t seen[256] = { 0 };
	uint32_t a;
	unsigned i;

	(void)state;
	for (i = 0; i < 254; i++) {
		a = pool_alloc(p);
		assert_true(a > IP(192, 0, 2, 0) && a < IP(192, 0, 2, 255));
		assert_int_equal(seen[a & 0xff]++, 0);
	}
	assert_int_equal(pool_used(p), 254);
	assert_int_equal(pool_alloc(p), 0);
	assert_int_equal(pool_alloc(p), 0);
	pool_free(p, IP(192, 0, 2, 77));
	assert_int_equal(pool_used(p), 253);
	assert_int_equal(pool_alloc(p), IP(192, 0, 2, 77));
	assert_int_equal(pool_alloc(p), 0);
	pool_destroy(p);
}

static void test_small(void **state)
{
	struct pool *p = pool_create("198.51.100.8/30", NULL, 0);

	(void)state;
	assert_int_equal(pool_alloc(p), IP(198, 51, 100, 9));
	assert_int_equal(pool_alloc(p), IP(198, 51, 100, 10));
	assert_int_equal(pool_alloc(p), 0);
	pool_destroy(p);
}

static void test_reserve(void **state)
{
	struct pool *p = pool_create("192.0.2.0/29", NULL, 0);
	unsigned i;

	(void)state;
	assert_int_equal(pool_size(p), 6);
	assert_int_equal(pool_reserve(p, IP(192, 0, 2, 1)), 0);  /* the HA's own address */
	assert_int_equal(pool_reserve(p, IP(192, 0, 2, 1)), 0);  /* again: no change */
	assert_int_equal(pool_reserve(p, IP(192, 0, 2, 8)), -1); /* outside */
	assert_int_equal(pool_reserve(p, IP(192, 0, 2, 0)), 0);  /* network: already out */
	assert_int_equal(pool_size(p), 5);
	for (i = 2; i <= 6; i++)
		assert_int_equal(pool_alloc(p), IP(192, 0, 2, i));
	assert_int_equal(pool_alloc(p), 0);

	/* Reserving a used address takes it out for good. */
	assert_int_equal(pool_reserve(p, IP(192, 0, 2, 4)), 0);
	assert_int_equal(pool_size(p), 4);
	assert_int_equal(pool_used(p), 4);
	pool_free(p, IP(192, 0, 2, 4));
	assert_int_equal(pool_used(p), 4);
	pool_free(p, IP(192, 0, 2, 1)); /* reserved: not freed */
	pool_free(p, IP(192, 0, 2, 0)); /* network */
	pool_free(p, IP(192, 0, 2, 7)); /* broadcast */
	assert_int_equal(pool_used(p), 4);
	assert_int_equal(pool_alloc(p), 0);
	assert_int_equal(pool_take(p, IP(192, 0, 2, 1)), -1);
	assert_int_equal(pool_take(p, IP(192, 0, 2, 4)), -1);
	pool_destroy(p);
}

static void test_take(void **state)
{
	struct pool *p = pool_create("192.0.2.0/29", NULL, 0);

	(void)state;
	assert_int_equal(pool_take(p, IP(192, 0, 2, 2)), 0);
	assert_int_equal(pool_take(p, IP(192, 0, 2, 2)), -1); /* already used */
	assert_int_equal(pool_take(p, IP(192, 0, 2, 0)), -1); /* network */
	assert_int_equal(pool_take(p, IP(192, 0, 2, 7)), -1); /* broadcast */
	assert_int_equal(pool_take(p, IP(192, 0, 2, 9)), -1); /* outside */
	assert_int_equal(pool_take(p, IP(10, 0, 0, 1)), -1);
	assert_int_equal(pool_used(p), 1);
	assert_int_equal(pool_alloc(p), IP(192, 0, 2, 1));
	assert_int_equal(pool_alloc(p), IP(192, 0, 2, 3)); /* .2 was taken */
	pool_free(p, IP(192, 0, 2, 2));
	pool_free(p, IP(192, 0, 2, 2)); /* not used any more: no-op */
	pool_free(p, IP(10, 0, 0, 1));  /* outside: no-op */
	assert_int_equal(pool_used(p), 2);
	assert_int_equal(pool_take(p, IP(192, 0, 2, 2)), 0);
	pool_destroy(p);
}

/* A freed address is not handed out again until the cursor comes round. */
static void test_rotation(void **state)
{
	struct pool *p = pool_create("10.1.0.0/16", NULL, 0);
	uint32_t a, b, c, x;
	unsigned i;

	(void)state;
	a = pool_alloc(p);
	b = pool_alloc(p);
	c = pool_alloc(p);
	assert_int_equal(a, IP(10, 1, 0, 1));
	assert_int_equal(b, IP(10, 1, 0, 2));
	assert_int_equal(c, IP(10, 1, 0, 3));
	pool_free(p, a);
	pool_free(p, b);
	assert_int_equal(pool_alloc(p), IP(10, 1, 0, 4));

	/* Across word boundaries and round the end of the range. */
	for (i = 5; i < 65535; i++) {
		x = pool_alloc(p);
		assert_int_equal(x, IP(10, 1, 0, 0) + i);
		if (i % 1000 == 0)
			pool_free(p, x);
	}
	assert_int_equal(pool_alloc(p), IP(10, 1, 0, 1)); /* wrapped: a, b first */
	assert_int_equal(pool_alloc(p), IP(10, 1, 0, 2));
	assert_int_equal(pool_alloc(p), IP(10, 1, 3, 232)); /* 1000 */
	assert_int_equal(pool_alloc(p), IP(10, 1, 7, 208)); /* 2000 */
	pool_destroy(p);
}

static void test_contains(void **state)
{
	struct pool *p = pool_create("10.10.0.0/16", NULL, 0);

	(void)state;
	assert_true(pool_contains(p, IP(10, 10, 0, 0)));
	assert_true(pool_contains(p, IP(10, 10, 0, 1)));
	assert_true(pool_contains(p, IP(10, 10, 255, 255)));
	assert_false(pool_contains(p, IP(10, 9, 255, 255)));
	assert_false(pool_contains(p, IP(10, 11, 0, 0)));
	assert_false(pool_contains(p, 0));
	assert_false(pool_contains(p, UINT32_MAX));
	pool_destroy(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_exhaust),
		cmocka_unit_test(test_small),
		cmocka_unit_test(test_reserve),
		cmocka_unit_test(test_take),
		cmocka_unit_test(test_rotation),
		cmocka_unit_test(test_contains),
	};

	return cmocka_run_group_tests_name("pool", tests, NULL, NULL);
}
