/* test_bitset.c — bitset.h: a set of small numbers past 64 (the reference agents' faults
 * and variants), and the table that names its members, looked up both ways.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "bitset.h"

static void test_add_has(void **state)
{
	struct bitset s = { { 0 } };

	(void)state;
	assert_true(bitset_empty(&s));
	bitset_add(&s, 0);
	bitset_add(&s, 63);
	bitset_add(&s, 64);
	bitset_add(&s, 100);
	bitset_add(&s, BITSET_MAX - 1);
	assert_false(bitset_empty(&s));
	for (unsigned i = 0; i < BITSET_MAX; i++)
		assert_int_equal(bitset_has(&s, i),
				 i == 0 || i == 63 || i == 64 || i == 100 || i == BITSET_MAX - 1);
	assert_int_equal(s.w[0], 1ull | 1ull << 63);
	assert_int_equal(s.w[1], 1ull | 1ull << 36); /* 64 and 100 */
	bitset_del(&s, 100);
	assert_false(bitset_has(&s, 100));
	assert_true(bitset_has(&s, 64));
	bitset_del(&s, 100); /* twice: still absent, the others stay */
	assert_true(bitset_has(&s, 63));
}

/* Past the capacity nothing is added and nothing is present. */
static void test_out_of_range(void **state)
{
	struct bitset s = { { 0 } };

	(void)state;
	bitset_add(&s, BITSET_MAX);
	bitset_add(&s, 100000);
	assert_true(bitset_empty(&s));
	assert_false(bitset_has(&s, BITSET_MAX));
	bitset_del(&s, BITSET_MAX + 7);
	assert_true(bitset_empty(&s));
}

static void test_of_eq(void **state)
{
	struct bitset a = bitset_of(100), b = { { 0 } }, none = { { 0 } };

	(void)state;
	assert_true(bitset_has(&a, 100));
	assert_false(bitset_has(&a, 36)); /* the same bit of another word */
	assert_false(bitset_has(&a, 164));
	assert_false(bitset_eq(&a, &b));
	bitset_add(&b, 100);
	assert_true(bitset_eq(&a, &b));
	b = a; /* a value: copies with the config that holds it */
	bitset_del(&a, 100);
	assert_true(bitset_has(&b, 100));
	assert_true(bitset_eq(&a, &none));
	a = bitset_of(BITSET_MAX);
	assert_true(bitset_empty(&a));
}

/* A table written like the agents' (designated initializers by enum), with a gap. */
enum { T_ZERO, T_ONE, T_GAP, T_LAST, T_COUNT };

static const struct bitset_name rows[T_COUNT] = {
	[T_ZERO] = { "zero", "the first" },
	[T_ONE] = { "one", "the second" },
	[T_LAST] = { "last", "after a gap" },
};

static const struct bitset_names names = { rows, T_COUNT };

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(bitset_name(&names, T_ZERO), "zero");
	assert_string_equal(bitset_help(&names, T_ONE), "the second");
	assert_string_equal(bitset_name(&names, T_LAST), "last");
	assert_null(bitset_name(&names, T_GAP));
	assert_null(bitset_help(&names, T_GAP));
	assert_null(bitset_name(&names, T_COUNT));
	assert_null(bitset_help(&names, 1000));
	for (unsigned i = 0; i < T_COUNT; i++)
		if (bitset_name(&names, i))
			assert_int_equal(bitset_lookup(&names, bitset_name(&names, i)), (int)i);
	assert_int_equal(bitset_lookup(&names, "last"), T_LAST);
	assert_int_equal(bitset_lookup(&names, "Last"), -1); /* exact */
	assert_int_equal(bitset_lookup(&names, "las"), -1);
	assert_int_equal(bitset_lookup(&names, ""), -1);
}

/* Names and set together, as --fault does: a name adds its member. */
static void test_parse_into_set(void **state)
{
	struct bitset s = { { 0 } };
	int i = bitset_lookup(&names, "one");

	(void)state;
	assert_int_equal(i, T_ONE);
	bitset_add(&s, (unsigned)i);
	assert_true(bitset_has(&s, T_ONE));
	assert_false(bitset_has(&s, T_ZERO));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_has),
		cmocka_unit_test(test_out_of_range),
		cmocka_unit_test(test_of_eq),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_parse_into_set),
	};

	return cmocka_run_group_tests_name("bitset", tests, NULL, NULL);
}
