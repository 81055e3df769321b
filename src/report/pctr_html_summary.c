/* pctr_html_summary.c — the conformance summary of report.html (pctr_html.h): verdicts
 * in total, per level and per RFC as tables; charts (report/svg.h) of the verdicts per
 * level, of each case's duration, and of the registration latency of a load phase.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pctr_html_priv.h"
#include "svg.h"

static const char *const levels[] = { "MUST", "SHOULD", "MAY" };
#define NLEVELS (sizeof levels / sizeof levels[0])

static void counts_head(FILE *f, const char *first)
{
	fprintf(f, "<tr><th>%s</th>", first);
	for (int v = 0; v < PH_NVERDICT; v++)
		fprintf(f, "<th>%s</th>", ph_verdicts[v]);
	fputs("</tr>\n", f);
}

static void counts_row(FILE *f, const char *label, json_t *c)
{
	fputs("<tr><th>", f);
	ph_esc(f, label);
	fputs("</th>", f);
	for (int v = 0; v < PH_NVERDICT; v++) {
		fputs("<td class=\"n\">", f);
		ph_val(f, json_object_get(c, ph_verdicts[v]));
		fputs("</td>", f);
	}
	fputs("</tr>\n", f);
}

/* The levels of a counts object: MUST, SHOULD, MAY first, then any other. */
static void counts_levels(FILE *f, const char *prefix, json_t *lv)
{
	const char *key;
	json_t *c;

	for (size_t i = 0; i < NLEVELS; i++)
		if (json_object_get(lv, levels[i]) || !prefix) {
			char label[160];

			snprintf(label, sizeof label, "%s%s", prefix ? prefix : "", levels[i]);
			counts_row(f, label, json_object_get(lv, levels[i]));
		}
	json_object_foreach(lv, key, c) {
		char label[160];

		if (!strcmp(key, "MUST") || !strcmp(key, "SHOULD") || !strcmp(key, "MAY"))
			continue;
		snprintf(label, sizeof label, "%s%s", prefix ? prefix : "", key);
		counts_row(f, label, c);
	}
}

static void tables(FILE *f, json_t *s)
{
	json_t *rfcs = json_object_get(s, "rfcs"), *lv;
	const char *rfc;

	fputs("<h3>Verdicts</h3>\n<table>\n", f);
	counts_head(f, "");
	counts_row(f, "all cases", s);
	fputs("</table>\n<table>\n", f);
	ph_row(f, "Total", json_object_get(s, "total"));
	ph_row(f, "Planned", json_object_get(s, "planned"));
	ph_row(f, "Finished", json_object_get(s, "finished"));
	ph_row(f, "Interrupted", json_object_get(s, "interrupted"));
	ph_row(f, "Wall time (ms)", json_object_get(s, "wall_ms"));
	fputs("</table>\n<h3>Per requirement level</h3>\n<table>\n", f);
	counts_head(f, "level");
	counts_levels(f, NULL, json_object_get(s, "levels"));
	fputs("</table>\n<h3>Per RFC and level</h3>\n<table>\n", f);
	counts_head(f, "RFC, level");
	json_object_foreach(rfcs, rfc, lv) {
		char prefix[128];

		snprintf(prefix, sizeof prefix, "%s, ", rfc);
		counts_levels(f, prefix, lv);
	}
	if (!json_object_size(rfcs))
		fputs("<tr><td colspan=\"7\">" PH_DASH "</td></tr>\n", f);
	fputs("</table>\n", f);
}

/* One row per level, and all cases on top, stacked by verdict. */
static void chart_verdicts(FILE *f, json_t *s)
{
	static const char *const rows[] = { "all cases", "MUST", "SHOULD", "MAY" };
	double y[PH_NVERDICT][4];
	struct svg_part p[PH_NVERDICT];
	struct svg_chart c = { "Verdicts", "cases", NULL, 0, 0 };
	json_t *lv = json_object_get(s, "levels");

	for (int v = 0; v < PH_NVERDICT; v++) {
		y[v][0] = (double)json_integer_value(json_object_get(s, ph_verdicts[v]));
		for (size_t l = 0; l < NLEVELS; l++)
			y[v][l + 1] = (double)json_integer_value(
				json_object_get(json_object_get(lv, levels[l]), ph_verdicts[v]));
		p[v] = (struct svg_part){ ph_verdicts[v], ph_colours[v], y[v] };
	}
	svg_hbars(f, &c, rows, 4, p, PH_NVERDICT);
}

/* A bar per case, its length the case's time_ms, its colour its verdict. */
static int chart_durations(FILE *f, json_t *cases)
{
	size_t n = json_array_size(cases), i;
	double *y = calloc(n * PH_NVERDICT + 1, sizeof *y);
	const char **ids = calloc(n + 1, sizeof *ids);
	struct svg_part p[PH_NVERDICT];
	struct svg_chart c = { "Case durations", "ms", NULL, 0, 0 };
	json_t *k;

	if (!y || !ids) {
		free(y);
		free(ids);
		return -1;
	}
	json_array_foreach(cases, i, k) {
		int v = ph_verdict_index(ph_str(k, "verdict"));
		const char *id = ph_str(k, "id");

		ids[i] = id ? id : PH_DASH;
		y[(size_t)(v < 0 ? 4 : v) * n + i] = json_number_value(json_object_get(k, "time_ms"));
	}
	for (int v = 0; v < PH_NVERDICT; v++)
		p[v] = (struct svg_part){ ph_verdicts[v], ph_colours[v], y + (size_t)v * n };
	svg_hbars(f, &c, ids, n, p, PH_NVERDICT);
	free(y);
	free(ids);
	return 0;
}

void ph_summary(FILE *f, json_t *r)
{
	json_t *s = json_object_get(r, "summary");

	ph_h2(f, "summary", "3. Conformance summary");
	tables(f, s);
	chart_verdicts(f, s);
	if (chart_durations(f, json_object_get(r, "cases")) < 0)
		fputs("<p>(no memory for the case durations)</p>\n", f);
	ph_latency(f, json_object_get(json_object_get(r, "load"), "reg_latency_us"));
	fputs("</section>\n", f);
}
