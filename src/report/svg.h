/* svg.h — charts as inline SVG for self-contained HTML reports (the generator's page,
 * issue #16; the certification report, issue #17): bars (a histogram, one bar per
 * series in each category) and lines over a shared x (several series), with axes, ticks
 * at 1-2-5 steps, tick labels, axis labels and a legend.  No script, no external
 * reference, fixed colours and a white background, so a page prints as it shows.  Every
 * text is escaped (svg_text), so a name from a file or a peer cannot open an element.
 */
#ifndef PMIP4CT_SVG_H
#define PMIP4CT_SVG_H

#include <stddef.h>
#include <stdio.h>

#define SVG_SERIES_MAX 6

struct svg_chart {
	const char *title;   /* above the plot (and the SVG's <title>); NULL = none */
	const char *x_label; /* under the x axis; NULL = none */
	const char *y_label; /* beside the y axis; NULL = none */
	unsigned width, height; /* px; 0 = 720 x 300 */
};

/* One series: n values y[0..n) (NaN or infinite = no value: a gap in a line, no bar). */
struct svg_series {
	const char *name; /* in the legend; NULL = no legend entry */
	const double *y;
	size_t n;
};

/* Text for XML and HTML content or attributes: & < > " ' as entities, valid UTF-8 as
 * it is, every other byte below 0x20 (but tab and newline), DEL or malformed as U+FFFD. */
void svg_text(FILE *f, const char *s);

/* n categories named labels[i] along x; in each, one bar per series (series[k].y[i]),
 * from 0.  Labels are thinned to fit.  At most SVG_SERIES_MAX series; n 0 draws the
 * axes and "no data". */
void svg_bars(FILE *f, const struct svg_chart *c, const char *const *labels, size_t n,
	      const struct svg_series *s, size_t n_series);

/* Lines through (x[i], series[k].y[i]) for i < n (x ascending), y from 0 (or below,
 * for negative values). */
void svg_lines(FILE *f, const struct svg_chart *c, const double *x, size_t n,
	       const struct svg_series *s, size_t n_series);

/* One part of horizontal stacked bars: its colour ("#rrggbb") and name (legend; NULL =
 * none), and its value y[r] in each row r (NaN, infinite or <= 0 = no segment). */
struct svg_part {
	const char *name;
	const char *colour;
	const double *y;
};

/* n rows named labels[i], top to bottom, each a horizontal bar of the parts stacked
 * from 0 on a shared x axis (x_label under it); a segment wide enough carries its value.
 * A height of 0 fits the rows.  At most SVG_SERIES_MAX parts. */
void svg_hbars(FILE *f, const struct svg_chart *c, const char *const *labels, size_t n,
	       const struct svg_part *p, size_t n_parts);

/* A number as a tick label: "0", "2.5", "120", "15k", "1.2M". */
void svg_num(char *buf, size_t len, double v);

#endif
