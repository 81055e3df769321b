/* test_gen_hist.c — hist.h, the generator's latency histograms (issue #16): the buckets
 * cover every value once with the promised width, quantiles agree with sorted arrays
 * within a bucket, merging split data gives the histogram of the whole, and a histogram
 * survives the JSON summary and `report merge` (gen_merge) exactly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>
#include <math.h>

#include "gen.h"
#include "gen_test_util.h"

#define NVAL 20000

/* Every bucket's range starts where the last ended, holds what hist_index puts in it,
 * and is at most 1000 ns wide below 1.048 ms, at most 0.1 % of its values above. */
static void test_ranges(void **state)
{
	size_t nb = hist_buckets();
	uint64_t lo, hi, prev_hi = 0;

	(void)state;
	for (size_t i = 0; i < nb; i++) {
		hist_range(i, &lo, &hi);
		assert_true(lo <= hi);
		if (i == 0)
			assert_int_equal(lo, 0);
		else
			assert_int_equal(lo, prev_hi + 1);
		assert_int_equal(hist_index(lo), i);
		assert_int_equal(hist_index(hi), i);
		assert_int_equal(hist_index(lo + (hi - lo) / 2), i);
		if (hi < 1048000)
			assert_true(hi - lo + 1 <= 1000);
		else
			assert_true((double)(hi - lo + 1) <= 0.001 * (double)lo);
		prev_hi = hi;
	}
	/* the last bucket reaches 2^HIST_MAX_BITS; larger values are kept in it */
	assert_int_equal(prev_hi, (1ull << HIST_MAX_BITS) - 1);
	assert_int_equal(hist_index(1ull << HIST_MAX_BITS), nb - 1);
	assert_int_equal(hist_index(UINT64_MAX), nb - 1);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The quantile is the upper end of the bucket of the exact value (or the maximum). */
static void test_quantiles(void **state)
{
	static const double qs[] = { 0.001, 0.01, 0.1, 0.25, 0.5, 0.9, 0.99, 0.999, 1.0 };
	uint64_t *v = malloc(NVAL * sizeof *v), st = 42, lo, hi;
	struct hist h;

	(void)state;
	assert_non_null(v);
	assert_int_equal(hist_init(&h), 0);
	assert_int_equal(hist_quantile(&h, 0.5), 0); /* empty */
	for (size_t i = 0; i < NVAL; i++) {
		v[i] = gen_test_value(&st);
		hist_add(&h, v[i]);
	}
	qsort(v, NVAL, sizeof *v, cmp_u64);
	assert_int_equal(h.min, v[0]);
	assert_int_equal(h.max, v[NVAL - 1]);
	for (size_t k = 0; k < sizeof qs / sizeof qs[0]; k++) {
		size_t rank = (size_t)ceil(qs[k] * NVAL);
		uint64_t exact = v[rank - 1], got = hist_quantile(&h, qs[k]);

		hist_range(hist_index(exact), &lo, &hi);
		assert_true(got >= exact);
		/* past the last bucket's range, the max is the only upper end */
		if (hist_index(exact) == hist_buckets() - 1)
			assert_int_equal(got, h.max);
		else
			assert_int_equal(got, hi < h.max ? hi : h.max);
		if (exact < (1ull << HIST_MAX_BITS))
			assert_true(got - exact <= (exact < 1048000 ? 1000 : exact / 1000 + 1));
	}
	assert_int_equal(hist_quantile(&h, 1.0), v[NVAL - 1]);
	hist_free(&h);
	free(v);
}

/* Values dealt to three histograms at random, merged in two orders: the histogram of
 * all the values, exactly. */
static void test_merge_split(void **state)
{
	struct hist all, part[3], m1, m2;
	uint64_t st = 7;

	(void)state;
	assert_int_equal(hist_init(&all), 0);
	assert_int_equal(hist_init(&m1), 0);
	assert_int_equal(hist_init(&m2), 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(hist_init(&part[i]), 0);
	for (size_t i = 0; i < NVAL; i++) {
		uint64_t x = gen_test_value(&st);

		hist_add(&all, x);
		hist_add(&part[gen_test_rand(&st) % 3], x);
	}
	assert_false(hist_equal(&all, &part[0]));
	for (int i = 0; i < 3; i++)
		hist_merge(&m1, &part[i]);
	for (int i = 2; i >= 0; i--)
		hist_merge(&m2, &part[i]);
	assert_true(hist_equal(&all, &m1));
	assert_true(hist_equal(&all, &m2));
	assert_true(fabsl(all.sum - m1.sum) < 1);
	/* one value more is no longer equal */
	hist_add(&m1, 5);
	assert_false(hist_equal(&all, &m1));
	for (int i = 0; i < 3; i++)
		hist_free(&part[i]);
	hist_free(&all);
	hist_free(&m1);
	hist_free(&m2);
}

/* A histogram as the merged summary carries it: {"n","min","max","buckets":[[i,c]..]}. */
static void hist_from_json(struct hist *h, json_t *o)
{
	json_t *b;
	size_t i;

	assert_int_equal(hist_init(h), 0);
	assert_true(json_is_object(o));
	h->n = (uint64_t)json_integer_value(json_object_get(o, "n"));
	h->min = h->n ? (uint64_t)json_integer_value(json_object_get(o, "min")) : UINT64_MAX;
	h->max = (uint64_t)json_integer_value(json_object_get(o, "max"));
	json_array_foreach(json_object_get(o, "buckets"), i, b)
		h->counts[json_integer_value(json_array_get(b, 0))] =
			(uint64_t)json_integer_value(json_array_get(b, 1));
}

/* Four shards written as JSON summaries and merged by gen_merge: each histogram of the
 * merge equals the four merged in memory, and the counters are the sums. */
static void test_json_round_trip(void **state)
{
	char dir[] = "/tmp/test_gen_hist.XXXXXX", path[4][64];
	const char *paths[4];
	struct gen_stats s[4], sum;
	struct gen_meta m;
	char *buf = NULL;
	size_t len = 0;
	json_error_t je;
	json_t *root;
	FILE *out;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(gen_stats_init(&sum), 0);
	for (unsigned i = 0; i < 4; i++) {
		FILE *f;

		assert_int_equal(gen_stats_init(&s[i]), 0);
		gen_test_fill(&s[i], i + 1, 3000);
		gen_test_fill(&sum, i + 1, 3000); /* the same values, as one run */
		gen_test_meta(&m, i + 1, 4);
		snprintf(path[i], sizeof path[i], "%s/shard%u.json", dir, i + 1);
		paths[i] = path[i];
		f = fopen(path[i], "w");
		assert_non_null(f);
		assert_int_equal(gen_out_json(f, &m, &s[i]), 0);
		fclose(f);
	}
	out = open_memstream(&buf, &len);
	assert_non_null(out);
	assert_int_equal(gen_merge(paths, 4, out, NULL, stderr), 0);
	fclose(out);
	root = json_loadb(buf, len, 0, &je);
	if (!root)
		fail_msg("merged JSON: %d:%d: %s", je.line, je.column, je.text);
	for (int h = 0; h < GEN_NHIST; h++) {
		static const char *const names[] = { "reg", "lat_up", "lat_down", "jit_up",
						     "jit_down", "ho_gap", "rev_ack" };
		struct hist got;

		hist_from_json(&got, json_object_get(json_object_get(root, "histograms"),
						     names[h]));
		assert_true(hist_equal(&got, &sum.h[h]));
		hist_free(&got);
	}
	assert_int_equal(json_integer_value(json_object_get(root, "packets_sent")),
			 sum.c.sent[0] + sum.c.sent[1]);
	assert_int_equal(json_integer_value(json_object_get(
				 json_object_get(json_object_get(root, "counters"), "lost_ho"),
				 "down")),
			 sum.c.lost_ho[GEN_DOWN]);
	json_decref(root);
	free(buf);
	for (unsigned i = 0; i < 4; i++) {
		gen_stats_free(&s[i]);
		remove(path[i]);
	}
	gen_stats_free(&sum);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_quantiles),
		cmocka_unit_test(test_merge_split),
		cmocka_unit_test(test_json_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
