/* svg.c — bars and lines as inline SVG (svg.h): the frame (title, axes, ticks, grid,
 * labels, legend) is drawn once for both kinds; a kind only maps its values.
 */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "svg.h"
#include "txt.h"

#define SVG_W     720
#define SVG_H     300
#define SVG_LEFT  64
#define SVG_RIGHT 16
#define SVG_CHAR  6.2 /* the width of a character of the 11 px font, roughly */
#define SVG_TICKS 5   /* about this many intervals on an axis */

static const char *const colours[SVG_SERIES_MAX] = {
	"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
};

void svg_text(FILE *f, const char *s)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t n = strlen(s);

	for (size_t i = 0; i < n; i++) {
		size_t u = p[i] >= 0x80 ? txt_utf8(p + i, n - i, NULL) : 0;

		switch (p[i]) {
		case '&': fputs("&amp;", f); continue;
		case '<': fputs("&lt;", f); continue;
		case '>': fputs("&gt;", f); continue;
		case '"': fputs("&quot;", f); continue;
		case '\'': fputs("&#39;", f); continue;
		default: break;
		}
		if (u) {
			fwrite(p + i, 1, u, f);
			i += u - 1;
		} else if ((p[i] < 0x20 && p[i] != '\t' && p[i] != '\n') || p[i] >= 0x7f) {
			fputs("\xef\xbf\xbd", f); /* U+FFFD */
		} else {
			fputc(p[i], f);
		}
	}
}

void svg_num(char *buf, size_t len, double v)
{
	static const struct {
		double from, unit;
		const char *suffix;
	} units[] = { { 1e9, 1e9, "G" }, { 1e6, 1e6, "M" }, { 1e4, 1e3, "k" } };
	double a = fabs(v);

	if (!isfinite(v)) {
		snprintf(buf, len, "-");
		return;
	}
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (a >= units[i].from) {
			snprintf(buf, len, "%.3g%s", v / units[i].unit, units[i].suffix);
			return;
		}
	snprintf(buf, len, "%.4g", a < 1e-9 ? 0.0 : v);
}

/* A step of 1, 2 or 5 times a power of ten giving about SVG_TICKS intervals. */
static double nice_step(double range)
{
	double raw = range / SVG_TICKS, mag, frac;

	if (!(raw > 0) || !isfinite(raw))
		return 1;
	mag = pow(10, floor(log10(raw)));
	frac = raw / mag;
	return (frac <= 1 ? 1 : frac <= 2 ? 2 : frac <= 5 ? 5 : 10) * mag;
}

/* ---- the frame ---- */

struct frame {
	FILE *f;
	double w, h;
	double x0, x1, y0, y1; /* the plot area: x0 left, y0 top, y1 bottom */
	double lo, hi, step;   /* the y axis */
};

static double frame_y(const struct frame *fr, double v)
{
	return fr->y1 - (v - fr->lo) / (fr->hi - fr->lo) * (fr->y1 - fr->y0);
}

/* The y range over every finite value of the series (0 always in it). */
static bool series_range(const struct svg_series *s, size_t ns, double *lo, double *hi)
{
	bool any = false;

	*lo = 0;
	*hi = 0;
	for (size_t k = 0; k < ns; k++)
		for (size_t i = 0; i < s[k].n; i++) {
			double v = s[k].y[i];

			if (!isfinite(v))
				continue;
			any = true;
			if (v < *lo)
				*lo = v;
			if (v > *hi)
				*hi = v;
		}
	return any;
}

static void frame_text(const struct frame *fr, double x, double y, const char *anchor,
		       const char *s)
{
	fprintf(fr->f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">", x, y, anchor);
	svg_text(fr->f, s);
	fputs("</text>\n", fr->f);
}

/* One legend entry at *x on the last line; *x moves past it. */
static void frame_legend_item(const struct frame *fr, double *x, const char *name,
			      const char *colour)
{
	double y = fr->h - 8;

	fprintf(fr->f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"%s\"/>",
		*x, y - 9, colour);
	frame_text(fr, *x + 14, y, "start", name);
	*x += 14 + SVG_CHAR * (double)strlen(name) + 16;
}

static void frame_legend(const struct frame *fr, const struct svg_series *s, size_t ns)
{
	double x = fr->x0;

	for (size_t k = 0; k < ns; k++)
		if (s[k].name)
			frame_legend_item(fr, &x, s[k].name, colours[k]);
}

/* The SVG element of fr's size on white, and the chart's title from title_x. */
static void frame_open(const struct frame *fr, const struct svg_chart *c, double title_x)
{
	fprintf(fr->f, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
		       "width=\"%.0f\" height=\"%.0f\" font-family=\"sans-serif\" "
		       "font-size=\"11\" role=\"img\">\n",
		fr->w, fr->h, fr->w, fr->h);
	fprintf(fr->f, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#fff\"/>\n", fr->w, fr->h);
	if (c->title) {
		fputs("<title>", fr->f);
		svg_text(fr->f, c->title);
		fputs("</title>\n<g font-size=\"13\" font-weight=\"bold\">", fr->f);
		frame_text(fr, title_x, 18, "start", c->title);
		fputs("</g>\n", fr->f);
	}
}

/* The SVG element, title, y axis with grid and labels; the caller draws the data and
 * the x axis, then frame_end. */
static void frame_begin(struct frame *fr, FILE *f, const struct svg_chart *c,
			const struct svg_series *s, size_t ns, bool *any)
{
	char num[32];
	double lo, hi;
	bool legend = false;

	for (size_t k = 0; k < ns; k++)
		legend |= s[k].name != NULL;
	memset(fr, 0, sizeof *fr);
	fr->f = f;
	fr->w = c->width ? c->width : SVG_W;
	fr->h = c->height ? c->height : SVG_H;
	fr->x0 = SVG_LEFT;
	fr->x1 = fr->w - SVG_RIGHT;
	fr->y0 = c->title ? 30 : 10;
	fr->y1 = fr->h - 22 - (c->x_label ? 16 : 0) - (legend ? 20 : 0);
	*any = series_range(s, ns, &lo, &hi);
	if (hi <= lo)
		hi = lo + 1;
	fr->step = nice_step(hi - lo);
	fr->lo = floor(lo / fr->step) * fr->step;
	fr->hi = ceil(hi / fr->step) * fr->step;
	frame_open(fr, c, fr->x0);
	for (int i = 0; fr->lo + i * fr->step <= fr->hi + fr->step / 2; i++) {
		double v = fr->lo + i * fr->step, y = frame_y(fr, v);

		fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
			fr->x0, y, fr->x1, y, fabs(v) < fr->step / 2 ? "#444" : "#ddd");
		svg_num(num, sizeof num, v);
		frame_text(fr, fr->x0 - 6, y + 4, "end", num);
	}
	fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#444\"/>\n",
		fr->x0, fr->y0, fr->x0, fr->y1);
	if (c->y_label) {
		double my = (fr->y0 + fr->y1) / 2;

		fprintf(f, "<text x=\"12\" y=\"%.1f\" text-anchor=\"middle\" "
			   "transform=\"rotate(-90 12 %.1f)\">", my, my);
		svg_text(f, c->y_label);
		fputs("</text>\n", f);
	}
	if (c->x_label)
		frame_text(fr, (fr->x0 + fr->x1) / 2, fr->y1 + 36, "middle", c->x_label);
	if (legend)
		frame_legend(fr, s, ns);
}

static void frame_end(const struct frame *fr, bool any)
{
	if (!any)
		frame_text(fr, (fr->x0 + fr->x1) / 2, (fr->y0 + fr->y1) / 2, "middle", "no data");
	fputs("</svg>\n", fr->f);
}

/* ---- bars ---- */

void svg_bars(FILE *f, const struct svg_chart *c, const char *const *labels, size_t n,
	      const struct svg_series *s, size_t n_series)
{
	struct frame fr;
	double gw, bw, lw = 0, zero;
	size_t every;
	bool any;

	if (n_series > SVG_SERIES_MAX)
		n_series = SVG_SERIES_MAX;
	frame_begin(&fr, f, c, s, n_series, &any);
	any = any && n > 0;
	gw = n ? (fr.x1 - fr.x0) / (double)n : 0;
	bw = n_series ? gw * 0.8 / (double)n_series : 0;
	zero = frame_y(&fr, 0);
	for (size_t i = 0; i < n; i++) {
		double l = SVG_CHAR * (double)strlen(labels[i]) + 8;

		if (l > lw)
			lw = l;
	}
	every = n && lw * (double)n > fr.x1 - fr.x0 ? (size_t)ceil(lw * (double)n / (fr.x1 - fr.x0)) : 1;
	for (size_t i = 0; i < n; i++) {
		double gx = fr.x0 + gw * (double)i;

		for (size_t k = 0; k < n_series; k++) {
			double v = i < s[k].n ? s[k].y[i] : NAN, y;
			char num[32];

			if (!isfinite(v))
				continue;
			y = frame_y(&fr, v);
			fprintf(f, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
				   "fill=\"%s\"><title>",
				gx + gw * 0.1 + bw * (double)k, y < zero ? y : zero, bw,
				fabs(zero - y), colours[k]);
			svg_num(num, sizeof num, v);
			svg_text(f, labels[i]);
			if (s[k].name) {
				fputs(", ", f);
				svg_text(f, s[k].name);
			}
			fprintf(f, ": %s</title></rect>\n", num);
		}
		if (i % every == 0)
			frame_text(&fr, gx + gw / 2, fr.y1 + 14, "middle", labels[i]);
	}
	fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#444\"/>\n",
		fr.x0, fr.y1, fr.x1, fr.y1);
	frame_end(&fr, any);
}

/* ---- lines ---- */

static void lines_x_axis(const struct frame *fr, double xmin, double xmax)
{
	double step = nice_step(xmax - xmin);
	char num[32];

	for (double v = ceil(xmin / step) * step; v <= xmax + step * 1e-9; v += step) {
		double x = fr->x0 + (v - xmin) / (xmax - xmin) * (fr->x1 - fr->x0);

		fprintf(fr->f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
			       "stroke=\"#444\"/>",
			x, fr->y1, x, fr->y1 + 4);
		svg_num(num, sizeof num, v);
		frame_text(fr, x, fr->y1 + 14, "middle", num);
	}
	fprintf(fr->f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#444\"/>\n",
		fr->x0, fr->y1, fr->x1, fr->y1);
}

/* One series as a path broken at missing values; a point alone as a dot. */
static void lines_series(const struct frame *fr, const double *x, size_t n, double xmin,
			 double xmax, const struct svg_series *s, const char *colour)
{
	size_t run = 0;

	fprintf(fr->f, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" d=\"", colour);
	for (size_t i = 0; i < n && i < s->n; i++) {
		double v = s->y[i];

		if (!isfinite(v) || !isfinite(x[i])) {
			run = 0;
			continue;
		}
		fprintf(fr->f, "%s%.1f %.1f", run ? " L" : " M",
			fr->x0 + (x[i] - xmin) / (xmax - xmin) * (fr->x1 - fr->x0),
			frame_y(fr, v));
		run++;
	}
	fputs("\"/>\n", fr->f);
	for (size_t i = 0; i < n && i < s->n; i++) {
		bool before = i > 0 && isfinite(s->y[i - 1]) && isfinite(x[i - 1]);
		bool after = i + 1 < n && i + 1 < s->n && isfinite(s->y[i + 1]) && isfinite(x[i + 1]);

		if (!isfinite(s->y[i]) || !isfinite(x[i]) || before || after)
			continue;
		fprintf(fr->f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"%s\"/>\n",
			fr->x0 + (x[i] - xmin) / (xmax - xmin) * (fr->x1 - fr->x0),
			frame_y(fr, s->y[i]), colour);
	}
}

void svg_lines(FILE *f, const struct svg_chart *c, const double *x, size_t n,
	       const struct svg_series *s, size_t n_series)
{
	struct frame fr;
	double xmin = INFINITY, xmax = -INFINITY;
	bool any;

	if (n_series > SVG_SERIES_MAX)
		n_series = SVG_SERIES_MAX;
	frame_begin(&fr, f, c, s, n_series, &any);
	for (size_t i = 0; i < n; i++)
		if (isfinite(x[i])) {
			xmin = fmin(xmin, x[i]);
			xmax = fmax(xmax, x[i]);
		}
	if (!isfinite(xmin)) {
		xmin = 0;
		xmax = 1;
		any = false;
	}
	if (xmax <= xmin)
		xmax = xmin + 1;
	lines_x_axis(&fr, xmin, xmax);
	for (size_t k = 0; k < n_series && any; k++)
		lines_series(&fr, x, n, xmin, xmax, &s[k], colours[k]);
	frame_end(&fr, any);
}

/* ---- horizontal stacked bars ---- */

#define HB_ROW   18 /* px per row */
#define HB_LABEL 30 /* characters of a row label at most */

static double hbars_total(const struct svg_part *p, size_t np, size_t row)
{
	double t = 0;

	for (size_t k = 0; k < np; k++)
		if (isfinite(p[k].y[row]) && p[k].y[row] > 0)
			t += p[k].y[row];
	return t;
}

/* Text on a segment: dark on a light colour ("#rrggbb"), white on a dark one. */
static const char *hbars_ink(const char *colour)
{
	unsigned r, g, b;

	if (sscanf(colour, "#%2x%2x%2x", &r, &g, &b) != 3)
		return "#fff";
	return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? "#111" : "#fff";
}

static void hbars_row(const struct frame *fr, const char *label, double y,
		      const struct svg_part *p, size_t np, size_t row)
{
	double x = fr->x0, scale = (fr->x1 - fr->x0) / fr->hi;
	char num[32], cut[HB_LABEL * 4 + 4];

	snprintf(cut, sizeof cut, "%s", label);
	if (strlen(label) > HB_LABEL)
		memcpy(cut + HB_LABEL - 3, "...", 4); /* bytes, not characters: a cut is rare */
	frame_text(fr, fr->x0 - 6, y + HB_ROW / 2.0 + 1, "end", cut);
	for (size_t k = 0; k < np; k++) {
		double v = p[k].y[row], w;

		if (!isfinite(v) || v <= 0)
			continue;
		w = v * scale;
		svg_num(num, sizeof num, v);
		fprintf(fr->f, "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%d\" "
			       "fill=\"%s\"><title>",
			x, y + 2, w, HB_ROW - 4, p[k].colour);
		svg_text(fr->f, label);
		if (p[k].name) {
			fputs(", ", fr->f);
			svg_text(fr->f, p[k].name);
		}
		fprintf(fr->f, ": %s</title></rect>\n", num);
		if (w > SVG_CHAR * (double)strlen(num) + 4)
			fprintf(fr->f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
				       "fill=\"%s\">%s</text>\n",
				x + w / 2, y + HB_ROW / 2.0 + 1, hbars_ink(p[k].colour), num);
		x += w;
	}
}

void svg_hbars(FILE *f, const struct svg_chart *c, const char *const *labels, size_t n,
	       const struct svg_part *p, size_t n_parts)
{
	struct frame fr;
	double lw = 0, hi = 0, lx = 8;
	char num[32];
	bool legend = false;

	if (n_parts > SVG_SERIES_MAX)
		n_parts = SVG_SERIES_MAX;
	for (size_t k = 0; k < n_parts; k++)
		legend |= p[k].name != NULL;
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(labels[i]);

		lw = fmax(lw, SVG_CHAR * (double)(l < HB_LABEL ? l : HB_LABEL));
		hi = fmax(hi, hbars_total(p, n_parts, i));
	}
	memset(&fr, 0, sizeof fr);
	fr.f = f;
	fr.w = c->width ? c->width : SVG_W;
	fr.x0 = fmax(SVG_LEFT, lw + 12);
	fr.x1 = fr.w - SVG_RIGHT;
	fr.y0 = c->title ? 30 : 10;
	fr.y1 = fr.y0 + HB_ROW * (double)(n ? n : 1);
	fr.h = c->height ? c->height : fr.y1 + 22 + (c->x_label ? 16 : 0) + (legend ? 22 : 0);
	fr.step = nice_step(hi > 0 ? hi : 1);
	fr.hi = ceil((hi > 0 ? hi : 1) / fr.step) * fr.step;
	frame_open(&fr, c, 8);
	for (int i = 0; i * fr.step <= fr.hi + fr.step / 2; i++) {
		double x = fr.x0 + i * fr.step / fr.hi * (fr.x1 - fr.x0);

		fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
			x, fr.y0, x, fr.y1 + 4, i ? "#ddd" : "#444");
		svg_num(num, sizeof num, i * fr.step);
		frame_text(&fr, x, fr.y1 + 16, "middle", num);
	}
	for (size_t i = 0; i < n; i++)
		hbars_row(&fr, labels[i], fr.y0 + HB_ROW * (double)i, p, n_parts, i);
	if (c->x_label)
		frame_text(&fr, (fr.x0 + fr.x1) / 2, fr.y1 + 34, "middle", c->x_label);
	for (size_t k = 0; k < n_parts; k++)
		if (p[k].name)
			frame_legend_item(&fr, &lx, p[k].name, p[k].colour);
	frame_end(&fr, n > 0 && hi > 0);
}
