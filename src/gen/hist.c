/* hist.c — log-linear histograms (hist.h): the layout, recording, exact merging,
 * quantiles and the JSON form.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hist.h"

#define HALF   (1u << (HIST_SUB_BITS - 1))
#define LINEAR (1u << HIST_SUB_BITS)

size_t hist_buckets(void)
{
	return LINEAR + (size_t)(HIST_MAX_BITS - HIST_SUB_BITS) * HALF;
}

int hist_init(struct hist *h)
{
	memset(h, 0, sizeof *h);
	h->counts = calloc(hist_buckets(), sizeof *h->counts);
	h->min = UINT64_MAX;
	return h->counts ? 0 : -1;
}

void hist_free(struct hist *h)
{
	free(h->counts);
	h->counts = NULL;
}

void hist_reset(struct hist *h)
{
	if (h->counts)
		memset(h->counts, 0, hist_buckets() * sizeof *h->counts);
	h->n = 0;
	h->min = UINT64_MAX;
	h->max = 0;
	h->sum = 0;
}

size_t hist_index(uint64_t ns)
{
	unsigned k;

	if (ns < LINEAR)
		return (size_t)ns;
	k = 63u - (unsigned)__builtin_clzll(ns);
	if (k >= HIST_MAX_BITS)
		return hist_buckets() - 1;
	return LINEAR + (size_t)(k - HIST_SUB_BITS) * HALF +
	       (size_t)((ns >> (k - HIST_SUB_BITS + 1)) - HALF);
}

void hist_range(size_t i, uint64_t *lo, uint64_t *hi)
{
	size_t j;
	unsigned k, shift;

	if (i < LINEAR) {
		*lo = *hi = i;
		return;
	}
	j = i - LINEAR;
	k = HIST_SUB_BITS + (unsigned)(j / HALF);
	shift = k - HIST_SUB_BITS + 1;
	*lo = (uint64_t)(HALF + j % HALF) << shift;
	*hi = *lo + ((uint64_t)1 << shift) - 1;
}

void hist_add(struct hist *h, uint64_t ns)
{
	h->counts[hist_index(ns)]++;
	h->n++;
	h->sum += (long double)ns;
	if (ns < h->min)
		h->min = ns;
	if (ns > h->max)
		h->max = ns;
}

void hist_merge(struct hist *a, const struct hist *b)
{
	size_t nb = hist_buckets();

	if (!b->n)
		return;
	for (size_t i = 0; i < nb; i++)
		a->counts[i] += b->counts[i];
	a->n += b->n;
	a->sum += b->sum;
	if (b->min < a->min)
		a->min = b->min;
	if (b->max > a->max)
		a->max = b->max;
}

uint64_t hist_quantile(const struct hist *h, double q)
{
	uint64_t rank, seen = 0, lo, hi;
	size_t nb = hist_buckets();

	if (!h->n)
		return 0;
	if (q >= 1.0)
		return h->max;
	if (q <= 0.0)
		return h->min;
	rank = (uint64_t)ceil(q * (double)h->n);
	if (rank < 1)
		rank = 1;
	for (size_t i = 0; i < nb; i++) {
		seen += h->counts[i];
		if (seen >= rank) {
			if (i == nb - 1) /* past 2^HIST_MAX_BITS: no upper end but the max */
				return h->max;
			hist_range(i, &lo, &hi);
			return hi < h->max ? hi : h->max;
		}
	}
	return h->max;
}

double hist_mean(const struct hist *h)
{
	return h->n ? (double)(h->sum / (long double)h->n) : 0.0;
}

void hist_json(FILE *f, const struct hist *h)
{
	size_t nb = hist_buckets();
	const char *sep = "";

	fprintf(f, "{\"unit\":\"ns\",\"sub_bits\":%u,\"max_bits\":%u,\"n\":%llu,\"min\":%llu,"
		   "\"max\":%llu,\"sum\":%.0Lf,\"buckets\":[",
		HIST_SUB_BITS, HIST_MAX_BITS, (unsigned long long)h->n,
		(unsigned long long)(h->n ? h->min : 0), (unsigned long long)h->max, h->sum);
	for (size_t i = 0; i < nb; i++) {
		if (!h->counts[i])
			continue;
		fprintf(f, "%s[%zu,%llu]", sep, i, (unsigned long long)h->counts[i]);
		sep = ",";
	}
	fputs("]}", f);
}

bool hist_equal(const struct hist *a, const struct hist *b)
{
	if (a->n != b->n || a->max != b->max || (a->n && a->min != b->min))
		return false;
	return !memcmp(a->counts, b->counts, hist_buckets() * sizeof *a->counts);
}
