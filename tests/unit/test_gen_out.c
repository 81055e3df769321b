/* test_gen_out.c — what `pmip4ct gen` writes (gen_out.c, gen_html.c, report/svg.c):
 * the JSON summary's keys, types and figures, an empty run without NaN, the time series
 * in CSV and JSON lines, the live line on a terminal and off one, the end summary in
 * 100 columns, the HTML page (no script, text escaped, the plots) and SVG escaping.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>
#include <math.h>

#include "cols.h"
#include "gen.h"
#include "gen_test_util.h"
#include "svg.h"

/* What a writer wrote into a memory stream, NUL-terminated; free() it. */
struct mem {
	char *buf;
	size_t len;
	FILE *f;
};

static void mem_open(struct mem *m)
{
	m->buf = NULL;
	m->len = 0;
	m->f = open_memstream(&m->buf, &m->len);
	assert_non_null(m->f);
}

static char *mem_close(struct mem *m)
{
	fclose(m->f);
	return m->buf;
}

static json_t *summary_json(const struct gen_meta *m, const struct gen_stats *s)
{
	struct mem o;
	json_error_t je;
	json_t *root;

	mem_open(&o);
	assert_int_equal(gen_out_json(o.f, m, s), 0);
	mem_close(&o);
	root = json_loadb(o.buf, o.len, JSON_REJECT_DUPLICATES, &je);
	if (!root)
		fail_msg("%d:%d: %s in\n%s", je.line, je.column, je.text, o.buf);
	free(o.buf);
	return root;
}

static double num(json_t *o, const char *a, const char *b)
{
	json_t *v = json_object_get(o, a);

	if (b)
		v = json_object_get(v, b);
	if (!json_is_number(v))
		fail_msg("\"%s\"%s%s is not a number", a, b ? "." : "", b ? b : "");
	return json_number_value(v);
}

static void test_json_keys(void **state)
{
	static const char *const hists[] = { "reg", "lat_up", "lat_down", "jit_up",
					     "jit_down", "ho_gap", "rev_ack" };
	struct gen_stats s;
	struct gen_meta m;
	struct hist lat;
	json_t *root, *c, *codes;

	(void)state;
	assert_int_equal(gen_stats_init(&s), 0);
	assert_int_equal(hist_init(&lat), 0);
	gen_test_fill(&s, 3, 5000);
	gen_test_meta(&m, 2, 4);
	root = summary_json(&m, &s);
	assert_int_equal(num(root, "format", NULL), GEN_JSON_FORMAT);
	assert_string_equal(json_string_value(json_object_get(root, "profile")), "ha-10k.gen");
	assert_int_equal(num(root, "shard", "index"), 2);
	assert_int_equal(num(root, "shard", "total"), 4);
	assert_true(json_is_true(json_object_get(root, "finished")));
	assert_int_equal(num(root, "devices", NULL), 1000);
	assert_int_equal(num(root, "registered", NULL), s.c.registered);
	assert_int_equal(num(root, "packets_sent", NULL), s.c.sent[0] + s.c.sent[1]);
	assert_int_equal(num(root, "packets_received", NULL), s.c.received[0] + s.c.received[1]);
	assert_int_equal(num(root, "lost", NULL), s.c.lost[0] + s.c.lost[1]);
	assert_int_equal(num(root, "lost_in_handover", NULL), s.c.lost_ho[0] + s.c.lost_ho[1]);
	/* latency over both directions, in µs */
	hist_merge(&lat, &s.h[GEN_H_LAT_UP]);
	hist_merge(&lat, &s.h[GEN_H_LAT_DOWN]);
	assert_true(fabs(num(root, "latency_us", "p50") - hist_quantile(&lat, 0.5) / 1e3) < 1e-3);
	assert_true(fabs(num(root, "latency_us", "p99") - hist_quantile(&lat, 0.99) / 1e3) < 1e-3);
	assert_true(fabs(num(root, "latency_us", "max") - lat.max / 1e3) < 1e-3);
	assert_true(fabs(num(root, "handover_gap_ms", "p99") -
			 hist_quantile(&s.h[GEN_H_HO_GAP], 0.99) / 1e6) < 1e-3);
	c = json_object_get(root, "counters");
	assert_int_equal(num(c, "reg_retx", NULL), s.c.reg_retx);
	assert_int_equal(num(c, "held", "down"), s.c.held[GEN_DOWN]);
	assert_int_equal(num(c, "reordered", "up"), s.c.reordered[GEN_UP]);
	assert_int_equal(num(c, "bad", NULL), s.c.bad);
	codes = json_object_get(root, "codes");
	assert_int_equal(json_object_size(codes), 3); /* 0, 133 and one of 129-131 */
	assert_int_equal(num(codes, "133", NULL), 3);
	for (size_t i = 0; i < sizeof hists / sizeof hists[0]; i++)
		assert_int_equal(num(json_object_get(root, "histograms"), hists[i], "n"), 5000);
	json_decref(root);
	hist_free(&lat);
	gen_stats_free(&s);
}

/* No value at all: zeros, never NaN; an interrupted run says so. */
static void test_json_empty(void **state)
{
	struct gen_stats s;
	struct gen_meta m;
	json_t *root;

	(void)state;
	assert_int_equal(gen_stats_init(&s), 0);
	gen_test_meta(&m, 1, 1);
	m.finished = false;
	m.seconds = NAN;
	snprintf(m.profile, sizeof m.profile, "a \"quoted\"\n\x01 name");
	root = summary_json(&m, &s);
	assert_true(json_is_false(json_object_get(root, "finished")));
	assert_true(num(root, "seconds", NULL) == 0);
	assert_true(num(root, "latency_us", "p50") == 0);
	assert_true(num(root, "handover_gap_ms", "max") == 0);
	assert_string_equal(json_string_value(json_object_get(root, "profile")),
			    "a \"quoted\"\n\x01 name");
	assert_int_equal(json_object_size(json_object_get(root, "codes")), 0);
	json_decref(root);
	gen_stats_free(&s);
}

static void point(struct gen_point *p, double t, double p99_up)
{
	memset(p, 0, sizeof *p);
	p->t_s = t;
	p->devices_up = 9876;
	p->regs = 123;
	p->sent[GEN_UP] = 1000;
	p->sent[GEN_DOWN] = 2000;
	p->received[GEN_UP] = 999;
	p->received[GEN_DOWN] = 1998;
	p->lost[GEN_UP] = 1;
	p->lost[GEN_DOWN] = 2;
	p->handovers = 4;
	p->p99_us[GEN_UP] = p99_up;
	p->p99_us[GEN_DOWN] = 250.5;
}

static void has_all(const char *buf, const char *const *needles)
{
	for (; *needles; needles++)
		if (!strstr(buf, *needles))
			fail_msg("no \"%s\" in:\n%s", *needles, buf);
}

static unsigned count(const char *s, char c)
{
	unsigned n = 0;

	for (; *s; s++)
		n += *s == c;
	return n;
}

static void test_series(void **state)
{
	struct gen_point p[2];
	struct mem o;
	char *line, *save = NULL;
	unsigned commas = 0, lines = 0;

	(void)state;
	point(&p[0], 1, 120.25);
	point(&p[1], 2, -1);
	mem_open(&o);
	gen_out_series_head(o.f, GEN_SERIES_CSV);
	gen_out_series_point(o.f, GEN_SERIES_CSV, &p[0]);
	gen_out_series_point(o.f, GEN_SERIES_CSV, &p[1]);
	mem_close(&o);
	assert_string_equal(strchr(o.buf, '\n') + 1,
			    "1.000,9876,123,1000,2000,999,1998,1,2,4,120.250,250.500\n"
			    "2.000,9876,123,1000,2000,999,1998,1,2,4,,250.500\n");
	for (line = strtok_r(o.buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (!lines++)
			commas = count(line, ',');
		assert_int_equal(count(line, ','), commas);
	}
	assert_int_equal(lines, 3);
	free(o.buf);

	mem_open(&o);
	gen_out_series_head(o.f, GEN_SERIES_JSONL);
	gen_out_series_point(o.f, GEN_SERIES_JSONL, &p[0]);
	gen_out_series_point(o.f, GEN_SERIES_JSONL, &p[1]);
	mem_close(&o);
	lines = 0;
	for (line = strtok_r(o.buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		json_error_t je;
		json_t *j = json_loads(line, 0, &je);

		if (!j)
			fail_msg("line %u: %s: %s", lines + 1, je.text, line);
		assert_true(num(j, "t", NULL) == lines + 1);
		assert_int_equal(num(j, "received_down", NULL), 1998);
		if (lines == 1)
			assert_true(json_is_null(json_object_get(j, "p99_us_up")));
		else
			assert_true(num(j, "p99_us_up", NULL) == 120.25);
		json_decref(j);
		lines++;
	}
	assert_int_equal(lines, 2);
	free(o.buf);
}

static void test_live(void **state)
{
	struct gen_stats s;
	struct gen_point p;
	struct mem o;

	(void)state;
	assert_int_equal(gen_stats_init(&s), 0);
	gen_test_fill(&s, 1, 0);
	point(&p, 12.4, 1234.5);
	/* big figures still fit */
	p.devices_up = 999999;
	p.received[GEN_UP] = 12345678901ull;
	s.c.lost_ho[GEN_DOWN] = 98765432101ull;
	mem_open(&o);
	gen_out_live(o.f, false, &p, &s.c, 1000000);
	mem_close(&o);
	assert_memory_equal(o.buf, "t=12s ", 6);
	assert_int_equal(count(o.buf, '\n'), 1);
	assert_int_equal(o.buf[o.len - 1], '\n');
	o.buf[o.len - 1] = 0;
	assert_true(cols_width(o.buf) <= CONSOLE_COLS);
	assert_non_null(strstr(o.buf, "devices 1.00M/1.00M"));
	assert_non_null(strstr(o.buf, "pps up 12.3G down 1998"));
	assert_non_null(strstr(o.buf, "1.23 ms"));
	free(o.buf);

	mem_open(&o);
	gen_out_live(o.f, true, &p, &s.c, 1000000);
	gen_out_live_clear(o.f, true);
	gen_out_live_clear(o.f, false); /* off a tty: nothing */
	mem_close(&o);
	assert_memory_equal(o.buf, "\r\033[Kt=12s ", 10);
	assert_null(strchr(o.buf, '\n'));
	assert_string_equal(o.buf + o.len - 4, "\r\033[K");
	o.buf[o.len - 4] = 0;
	assert_true(cols_width(o.buf + 4) < CONSOLE_COLS);
	free(o.buf);
	gen_stats_free(&s);
}

static void test_summary(void **state)
{
	struct gen_stats s;
	struct gen_meta m;
	struct mem o;
	char *line, *save = NULL;

	(void)state;
	assert_int_equal(gen_stats_init(&s), 0);
	gen_test_fill(&s, 2, 1000);
	gen_test_meta(&m, 1, 1);
	m.finished = false;
	memset(m.dut, 'x', sizeof m.dut - 1); /* too long for a line: cut */
	mem_open(&o);
	gen_out_summary(o.f, &m, &s);
	mem_close(&o);
	has_all(o.buf, (const char *const[]){ "interrupted", "0 accepted", "133 ",
					      "registration latency", "handover gap",
					      "revocation to ack", NULL });
	for (line = strtok_r(o.buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		if (cols_width(line) > CONSOLE_COLS)
			fail_msg("%d columns: %s", cols_width(line), line);
	free(o.buf);
	gen_stats_free(&s);
}

static void test_html(void **state)
{
	struct gen_point p[3];
	struct gen_stats s;
	struct gen_meta m;
	struct mem o;
	const char *at;
	unsigned svgs = 0;

	(void)state;
	assert_int_equal(gen_stats_init(&s), 0);
	gen_test_fill(&s, 4, 2000);
	gen_test_meta(&m, 1, 1);
	snprintf(m.profile, sizeof m.profile, "<script>alert(1)</script>&\x01");
	for (int i = 0; i < 3; i++)
		point(&p[i], i + 1, i == 1 ? -1 : 100 + i);
	mem_open(&o);
	assert_int_equal(gen_html_write(o.f, &m, &s, p, 3), 0);
	mem_close(&o);
	assert_null(strstr(o.buf, "<script"));
	assert_non_null(strstr(o.buf, "&lt;script&gt;alert(1)&lt;/script&gt;&amp;\xef\xbf\xbd"));
	assert_null(strstr(o.buf, "nan"));
	assert_null(strstr(o.buf, "inf"));
	for (at = o.buf; (at = strstr(at, "<svg ")); at++)
		svgs++;
	assert_int_equal(svgs, 7); /* 3 distributions, 4 over time */
	for (at = o.buf; (at = strstr(at, "</svg>")); at++)
		svgs--;
	assert_int_equal(svgs, 0); /* every one closed */
	free(o.buf);

	/* a merge: no series, no plot over time */
	mem_open(&o);
	assert_int_equal(gen_html_write(o.f, &m, &s, NULL, 0), 0);
	mem_close(&o);
	svgs = 0;
	for (at = o.buf; (at = strstr(at, "<svg ")); at++)
		svgs++;
	assert_int_equal(svgs, 3);
	free(o.buf);
	gen_stats_free(&s);
}

static void test_svg(void **state)
{
	static const double y[] = { 1, NAN, 3.5 };
	static const char *const labels[] = { "a<b", "c&d", "e\"f" };
	struct svg_series s = { "it's", y, 3 };
	struct svg_chart c = { "t<i>tle", "x", "y", 0, 0 };
	char buf[32];
	struct mem o;

	(void)state;
	mem_open(&o);
	svg_text(o.f, "<&>\"' \x1b ok \xc2\xb5");
	mem_close(&o);
	assert_string_equal(o.buf, "&lt;&amp;&gt;&quot;&#39; \xef\xbf\xbd ok \xc2\xb5");
	free(o.buf);
	mem_open(&o);
	svg_bars(o.f, &c, labels, 3, &s, 1);
	svg_lines(o.f, &c, y, 3, &s, 1);
	svg_bars(o.f, &c, NULL, 0, &s, 0);
	mem_close(&o);
	has_all(o.buf, (const char *const[]){ "it&#39;s", "no data", "c&amp;d", NULL });
	assert_null(strstr(o.buf, "t<i>"));
	assert_null(strstr(o.buf, "a<b"));
	assert_null(strstr(o.buf, "nan"));
	free(o.buf);
	svg_num(buf, sizeof buf, 1200000);
	assert_string_equal(buf, "1.2M");
	svg_num(buf, sizeof buf, 2.5);
	assert_string_equal(buf, "2.5");
	svg_num(buf, sizeof buf, 15000);
	assert_string_equal(buf, "15k");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_keys), cmocka_unit_test(test_json_empty),
		cmocka_unit_test(test_series),    cmocka_unit_test(test_live),
		cmocka_unit_test(test_summary),   cmocka_unit_test(test_html),
		cmocka_unit_test(test_svg),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
