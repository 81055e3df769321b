/* pctr_html_hist.c — the registration-latency chart of report.html (pctr_html.h), from
 * the histogram a load phase wrote (gen/hist.h's hist_json: "unit", "sub_bits" and the
 * non-empty [INDEX, COUNT] "buckets" of its log-linear layout), grouped into bins at
 * 1, 1.5, 2, 3, 5, 7 times powers of ten.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "pctr_html_priv.h"
#include "svg.h"

#define BINS 40

/* The lowest value of bucket i (hist.h: 1-wide buckets below 2^sub_bits, then each power
 * of two cut into 2^(sub_bits-1)). */
static bool bucket_lo(json_int_t i, json_int_t sub_bits, double *lo)
{
	uint64_t lin, half, j;

	if (i < 0 || sub_bits < 1 || sub_bits > 30)
		return false;
	lin = (uint64_t)1 << sub_bits;
	half = lin / 2;
	if ((uint64_t)i < lin) {
		*lo = (double)i;
		return true;
	}
	j = (uint64_t)i - lin;
	if (j / half + 1 > 62)
		return false;
	*lo = ldexp((double)(half + j % half), (int)(j / half + 1));
	return true;
}

/* The edges from the one at or below lo to the first above hi (at most BINS bins); the
 * count of bins. */
static size_t edges(double *e, double lo, double hi)
{
	static const double mant[] = { 1, 1.5, 2, 3, 5, 7 };
	size_t n = 0;

	if (lo < 1)
		e[n++] = 0;
	for (double p = lo < 1 ? 1 : pow(10, floor(log10(lo))); n <= BINS; p *= 10)
		for (size_t m = 0; m < sizeof mant / sizeof mant[0] && n <= BINS; m++) {
			double v = mant[m] * p;

			if (v <= lo) { /* still below: the first edge so far */
				e[0] = v;
				n = 1;
				continue;
			}
			e[n++] = v;
			if (v > hi)
				return n - 1;
		}
	return n - 1;
}

void ph_latency(FILE *f, json_t *h)
{
	json_t *buckets = json_object_get(h, "buckets"), *b;
	json_int_t sb = json_integer_value(json_object_get(h, "sub_bits"));
	const char *unit = ph_str(h, "unit");
	double scale = unit && !strcmp(unit, "us") ? 1 : 1e-3, e[BINS + 2], share[BINS] = { 0 };
	double lo = INFINITY, hi = 0, total = 0, v;
	char label[BINS][24];
	const char *labels[BINS];
	struct svg_series s = { NULL, share, 0 };
	struct svg_chart c = { "Registration latency (load phase)",
			       "µs, request to accepting reply (a bar: from its label to the next)",
			       "% of registrations", 0, 0 };
	size_t i, nb;

	if (!json_is_object(h))
		return;
	json_array_foreach(buckets, i, b)
		if (bucket_lo(json_integer_value(json_array_get(b, 0)), sb, &v)) {
			lo = fmin(lo, v * scale);
			hi = fmax(hi, v * scale);
			total += (double)json_integer_value(json_array_get(b, 1));
		}
	nb = isfinite(lo) && total > 0 ? edges(e, lo, hi) : 0;
	json_array_foreach(buckets, i, b)
		if (nb && bucket_lo(json_integer_value(json_array_get(b, 0)), sb, &v)) {
			size_t k = 0;

			while (k + 1 < nb && e[k + 1] <= v * scale)
				k++;
			share[k] += 100.0 * (double)json_integer_value(json_array_get(b, 1)) / total;
		}
	for (i = 0; i < nb; i++) {
		svg_num(label[i], sizeof label[i], e[i]);
		labels[i] = label[i];
	}
	s.n = nb;
	svg_bars(f, &c, labels, nb, &s, 1);
}
