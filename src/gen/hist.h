/* hist.h — log-linear (HDR-style) histograms of durations in nanoseconds, for the
 * generator's latencies (issue #16).
 *
 * Layout: values below 2^HIST_SUB_BITS ns are counted in 1 ns buckets; above, each
 * power of two [2^k, 2^(k+1)) is split into 2^(HIST_SUB_BITS-1) equal buckets, so a
 * bucket is at most 1/2^(HIST_SUB_BITS-1) of its values wide: with HIST_SUB_BITS 11 that
 * is 1 ns below 2 µs, at most 1 µs below 1.05 ms, and 0.1 % above.  Values up to
 * 2^HIST_MAX_BITS ns (about 73 minutes) are kept; larger ones go in the last bucket and
 * the exact maximum is kept beside.  Two histograms always have the same layout, so
 * merging is adding counts: exact, whatever the order.
 */
#ifndef PMIP4CT_HIST_H
#define PMIP4CT_HIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define HIST_SUB_BITS 11
#define HIST_MAX_BITS 42

struct hist {
	uint64_t *counts; /* hist_buckets() of them, allocated by hist_init */
	uint64_t n;       /* values recorded */
	uint64_t min, max; /* exact; min UINT64_MAX when empty */
	long double sum;  /* for the mean */
};

size_t hist_buckets(void);
/* 0, or -1 when out of memory. */
int hist_init(struct hist *h);
void hist_free(struct hist *h);   /* NULL counts are a no-op */
void hist_reset(struct hist *h);  /* empty, keeping the memory */
void hist_add(struct hist *h, uint64_t ns);
/* a += b: exact. */
void hist_merge(struct hist *a, const struct hist *b);

/* The bucket of a value, and the range [lo, hi] of values a bucket holds. */
size_t hist_index(uint64_t ns);
void hist_range(size_t i, uint64_t *lo, uint64_t *hi);

/* The value at quantile q (0..1): the upper end of the bucket holding it, never more
 * than the exact maximum; 0 when empty.  q = 1 gives the exact maximum. */
uint64_t hist_quantile(const struct hist *h, double q);
double hist_mean(const struct hist *h);

/* JSON: {"unit":"ns","sub_bits":11,"n":N,"min":..,"max":..,"sum":..,
 *        "buckets":[[INDEX,COUNT],...]} with only the non-empty buckets, in order. */
void hist_json(FILE *f, const struct hist *h);
/* Whether two histograms hold exactly the same counts (for tests and merge checks). */
bool hist_equal(const struct hist *a, const struct hist *b);

#endif
