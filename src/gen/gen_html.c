/* gen_html.c — the generator's HTML page (gen.h): one self-contained file, inline CSS,
 * no script and no fetch, that prints as it shows: the run's meta, the end summary as a
 * table (gen_summary_rows) and the plots, drawn by report/svg.h: the one-way latency,
 * registration latency and handover-gap distributions (histogram buckets grouped into
 * log-spaced bins), rates, loss, registrations and p99 latency over time (the series).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gen_fig.h"
#include "svg.h"

#define BINS_MAX 40

/* ---- histograms grouped into bins [edge[b], edge[b+1]) ---- */

struct bins {
	size_t n;
	uint64_t edge[BINS_MAX + 1];
	char label[BINS_MAX][24];
	const char *labels[BINS_MAX];
};

/* Values within a narrow range (less than a few log steps): equal bins of a 1-2-5 step
 * giving about 20. */
static void bins_linear(struct bins *b, uint64_t lo, uint64_t hi)
{
	static const uint64_t mant[] = { 1, 2, 5 };
	uint64_t p = 1, step = 1;

	for (size_t k = 0; (hi - lo) / (step = mant[k] * p) > 20;)
		if (++k == 3) {
			k = 0;
			p *= 10;
		}
	b->n = 0;
	b->edge[0] = lo / step * step;
	while (b->n < BINS_MAX && b->edge[b->n] <= hi) {
		b->edge[b->n + 1] = b->edge[b->n] + step;
		b->n++;
	}
}

/* The edges of 1-2-5 (or finer, or decade) steps from below lo to above hi: those of
 * the finest mantissa set that keeps to BINS_MAX bins. */
static void bins_edges(struct bins *b, uint64_t lo, uint64_t hi)
{
	static const double sets[][7] = {
		{ 1, 1.5, 2, 3, 5, 7, 0 }, { 1, 2, 5, 0 }, { 1, 0 },
	};
	uint64_t e[BINS_MAX * 4];

	for (size_t s = 0; s < sizeof sets / sizeof sets[0]; s++) {
		size_t n = 1, first = 0;
		bool top = false;

		e[0] = 0; /* a first bin from 0 when lo is 0 */
		for (double p = 1; !top && n < sizeof e / sizeof e[0] && p < 1e19; p *= 10)
			for (size_t m = 0; sets[s][m] && !top && n < sizeof e / sizeof e[0]; m++) {
				uint64_t v = (uint64_t)llround(sets[s][m] * p);

				if (n && v <= e[n - 1])
					continue;
				e[n++] = v;
				if (v <= lo)
					first = n - 1;
				top = v > hi;
			}
		if (n - first - 1 <= BINS_MAX || s + 1 == sizeof sets / sizeof sets[0]) {
			b->n = n - first - 1 < BINS_MAX ? n - first - 1 : BINS_MAX;
			memcpy(b->edge, e + first, (b->n + 1) * sizeof *e);
			return;
		}
	}
}

static size_t bins_of(const struct bins *b, uint64_t v)
{
	size_t i = 0;

	while (i + 1 < b->n && b->edge[i + 1] <= v)
		i++;
	return i;
}

/* The share (%) of each histogram's values in each bin, into share[k][0..b->n). */
static void bins_fill(struct bins *b, const struct hist *const *h, size_t k,
		      double share[][BINS_MAX])
{
	uint64_t lo = UINT64_MAX, hi = 0, blo, bhi;

	b->n = 0;
	for (size_t j = 0; j < k; j++)
		if (h[j]->n) {
			lo = h[j]->min < lo ? h[j]->min : lo;
			hi = h[j]->max > hi ? h[j]->max : hi;
		}
	if (lo == UINT64_MAX)
		return;
	bins_edges(b, lo, hi);
	if (b->n < 8)
		bins_linear(b, lo, hi);
	for (size_t i = 0; i < b->n; i++) {
		gen_fmt_dur(b->label[i], sizeof b->label[i], b->edge[i]);
		b->labels[i] = b->label[i];
	}
	for (size_t j = 0; j < k; j++) {
		memset(share[j], 0, sizeof share[j]);
		for (size_t i = 0; h[j]->n && i < hist_buckets(); i++) {
			if (!h[j]->counts[i])
				continue;
			hist_range(i, &blo, &bhi);
			share[j][bins_of(b, blo)] += 100.0 * (double)h[j]->counts[i] / (double)h[j]->n;
		}
	}
}

static void plot_hist(FILE *f, const char *title, const char *xl, const struct hist *const *h,
		      const char *const *names, size_t k)
{
	double share[GEN_NDIR][BINS_MAX];
	struct svg_series s[GEN_NDIR];
	struct bins b;
	struct svg_chart c = { title, xl, "% of values", 0, 0 };

	bins_fill(&b, h, k, share);
	for (size_t j = 0; j < k; j++)
		s[j] = (struct svg_series){ names ? names[j] : NULL, share[j], b.n };
	svg_bars(f, &c, b.labels, b.n, s, k);
}

/* ---- the series ---- */

enum { TS_RX_UP, TS_RX_DOWN, TS_TX_UP, TS_TX_DOWN, TS_LOST_UP, TS_LOST_DOWN, TS_DEV, TS_REG,
       TS_P99_UP, TS_P99_DOWN, TS_N };

static double rate(uint64_t v, double dt)
{
	return dt > 0 ? (double)v / dt : NAN;
}

static int plot_series(FILE *f, const struct gen_point *pts, size_t n)
{
	double *x = calloc(n * (TS_N + 1), sizeof *x), *y[TS_N];
	struct svg_chart c = { NULL, "seconds since the start", NULL, 0, 0 };

	if (!x)
		return -1;
	for (int k = 0; k < TS_N; k++)
		y[k] = x + n * (size_t)(k + 1);
	for (size_t i = 0; i < n; i++) {
		const struct gen_point *p = &pts[i];
		double dt = p->t_s - (i ? pts[i - 1].t_s : 0);

		x[i] = p->t_s;
		y[TS_RX_UP][i] = rate(p->received[GEN_UP], dt);
		y[TS_RX_DOWN][i] = rate(p->received[GEN_DOWN], dt);
		y[TS_TX_UP][i] = rate(p->sent[GEN_UP], dt);
		y[TS_TX_DOWN][i] = rate(p->sent[GEN_DOWN], dt);
		y[TS_LOST_UP][i] = (double)p->lost[GEN_UP];
		y[TS_LOST_DOWN][i] = (double)p->lost[GEN_DOWN];
		y[TS_DEV][i] = (double)p->devices_up;
		y[TS_REG][i] = rate(p->regs, dt);
		y[TS_P99_UP][i] = p->p99_us[GEN_UP] >= 0 ? p->p99_us[GEN_UP] : NAN;
		y[TS_P99_DOWN][i] = p->p99_us[GEN_DOWN] >= 0 ? p->p99_us[GEN_DOWN] : NAN;
	}
	{
		struct svg_series rates[] = {
			{ "received up", y[TS_RX_UP], n }, { "received down", y[TS_RX_DOWN], n },
			{ "sent up", y[TS_TX_UP], n },     { "sent down", y[TS_TX_DOWN], n },
		};
		struct svg_series lost[] = { { "up", y[TS_LOST_UP], n },
					     { "down", y[TS_LOST_DOWN], n } };
		struct svg_series regs[] = { { "devices with a binding", y[TS_DEV], n },
					     { "registrations accepted per second", y[TS_REG], n } };
		struct svg_series p99[] = { { "up", y[TS_P99_UP], n },
					    { "down", y[TS_P99_DOWN], n } };

		fputs("<h2>Packet rates</h2>\n", f);
		c.y_label = "packets per second";
		svg_lines(f, &c, x, n, rates, 4);
		fputs("<h2>Loss</h2>\n", f);
		c.y_label = "packets lost in the interval";
		svg_lines(f, &c, x, n, lost, 2);
		fputs("<h2>Registrations</h2>\n", f);
		c.y_label = NULL;
		svg_lines(f, &c, x, n, regs, 2);
		fputs("<h2>One-way latency p99 over time</h2>\n", f);
		c.y_label = "µs";
		svg_lines(f, &c, x, n, p99, 2);
	}
	free(x);
	return 0;
}

/* ---- the page ---- */

static const char css[] =
	"body{font-family:sans-serif;color:#111;background:#fff;max-width:760px;margin:1em auto;"
	"padding:0 1em}\n"
	"h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.5em;break-after:avoid}\n"
	"table{border-collapse:collapse;margin:.5em 0}\n"
	"td,th{padding:2px 10px;text-align:left;vertical-align:top}\n"
	"th.group{padding-top:.8em;border-bottom:1px solid #888}\n"
	"td.v{text-align:right;font-variant-numeric:tabular-nums}\n"
	"p.meta{color:#444;font-size:.9em}\n"
	"svg{display:block;max-width:100%;height:auto;break-inside:avoid}\n"
	"@media print{body{max-width:none;margin:0}}\n";

static void html_row(void *ctx, const char *label, const char *up, const char *down)
{
	FILE *f = ctx;

	if (!up) {
		fputs("<tr><th class=\"group\" colspan=\"3\">", f);
		svg_text(f, label);
		fputs("</th></tr>\n", f);
		return;
	}
	fputs("<tr><td>", f);
	svg_text(f, label);
	fputs(down ? "</td><td class=\"v\">" : "</td><td colspan=\"2\">", f);
	svg_text(f, up);
	if (down) {
		fputs("</td><td class=\"v\">", f);
		svg_text(f, down);
	}
	fputs("</td></tr>\n", f);
}

static void html_head(FILE *f, const struct gen_meta *m)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>", f);
	fputs("pmip4ct gen: ", f);
	svg_text(f, m->profile);
	fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>pmip4ct gen: ", css);
	svg_text(f, m->profile);
	fputs("</h1>\n<p class=\"meta\">", f);
	svg_text(f, m->tool);
	fputs(", build ", f);
	svg_text(f, m->build);
	fputs(", profile hash ", f);
	svg_text(f, m->profile_hash);
	fputs("</p>\n", f);
}

int gen_html_write(FILE *f, const struct gen_meta *m, const struct gen_stats *s,
		   const struct gen_point *pts, size_t n_pts)
{
	static const char *const dirs[] = { "up", "down" };
	const struct hist *lat[] = { &s->h[GEN_H_LAT_UP], &s->h[GEN_H_LAT_DOWN] };
	const struct hist *reg[] = { &s->h[GEN_H_REG] };
	const struct hist *gap[] = { &s->h[GEN_H_HO_GAP] };
	struct gen_rows rows = { html_row, f };

	html_head(f, m);
	fputs("<h2>Summary</h2>\n<table>\n", f);
	gen_summary_rows(m, s, &rows);
	fputs("</table>\n<h2>One-way latency</h2>\n", f);
	plot_hist(f, NULL, "latency (a bar: from its label to the next)", lat, dirs, 2);
	fputs("<h2>Registration latency</h2>\n", f);
	plot_hist(f, NULL, "request to accepting reply", reg, NULL, 1);
	fputs("<h2>Handover gaps</h2>\n", f);
	plot_hist(f, NULL, "move to the first packet on the new path", gap, NULL, 1);
	if (n_pts && plot_series(f, pts, n_pts) < 0)
		return -1;
	if (!n_pts)
		fputs("<p class=\"meta\">No time series (a merge of shards, or a run shorter "
		      "than an interval).</p>\n", f);
	fputs("</body>\n</html>\n", f);
	return gen_flush(f);
}
