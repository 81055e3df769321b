/* test_pctr_html.c — report.html from report.json (report/pctr_html*.c): the sample
 * report (tests/data/report-sample.json) has every section, its charts, links and
 * banner; text is escaped and no script comes out; a hand-edited or garbage report
 * (members missing or of any other type) renders every section without a crash.
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

#include "pctr_html.h"
#include "report_test_util.h"

static const char *const sections[] = {
	"id=\"identification\"", "id=\"pics-pixit\"", "id=\"summary\"",
	"id=\"coverage\"",       "id=\"cases\"",      "id=\"observations\"",
};

/* The page of r, NUL-terminated; free() it. */
static char *render(const json_t *r)
{
	char *buf = NULL, err[128];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(pctr_html_write(f, r, err, sizeof err), 0);
	fclose(f);
	return buf;
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;

	for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

/* Every section once, in order, no script, the document closed. */
static void check_page(const char *html)
{
	const char *at = html;

	for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
		const char *p = strstr(html, sections[i]);

		if (!p || p < at)
			fail_msg("section %s missing or out of order", sections[i]);
		assert_int_equal(count(html, sections[i]), 1);
		at = p;
	}
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "<SCRIPT"));
	assert_non_null(strstr(html, "</html>\n"));
}

static void test_sample(void **state)
{
	json_t *r = report_sample();
	char *html = render(r);

	check_page(html);
	assert_true(count(html, "<svg") >= 3); /* verdicts, durations, latency */
	assert_non_null(strstr(html, "INCOMPLETE: 6 of 8 cases ran (interrupted)"));
	assert_non_null(strstr(html, "reply code: expected 129, got 65"));
	assert_non_null(strstr(html, "<article id=\"case-HA-PMIP-03\">"));
	assert_non_null(strstr(html, "<a href=\"#case-HA-PMIP-03\">"));
	assert_non_null(strstr(html, "<a href=\"pcaps/HA-AUTH-08.pcap\">"));
	assert_non_null(strstr(html, "<span class=\"v v-fail\">fail</span>"));
	assert_non_null(strstr(html, "<span class=\"v v-notrun\">not run</span>"));
	assert_non_null(strstr(html, "tester \xe2\x86\x92 DUT"));
	assert_non_null(strstr(html, "37 more packets past the timeline"));
	assert_non_null(strstr(html, "not observable on the wire: agent advertisements"));
	assert_non_null(strstr(html, "the lab&#39;s patch &lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;"));
	assert_non_null(strstr(html, "@media print"));
	/* no fetch: no URL but the SVG namespace, no src, no url() */
	assert_int_equal(count(html, "http"), count(html, "xmlns=\"http://www.w3.org/2000/svg\""));
	assert_null(strstr(html, "src="));
	assert_null(strstr(html, "url("));
	free(html);
	json_decref(r);
}

static void test_escape(void **state)
{
	json_t *r = report_sample(), *k = json_array_get(json_object_get(r, "cases"), 0);
	char *html;

	json_object_set_new(k, "title", json_string("<script>alert(\"x\")&</script>"));
	json_object_set_new(k, "pcap", json_string("javascript:alert(1)"));
	json_object_set_new(json_object_get(r, "dut"), "vendor", json_string("\"><script>"));
	html = render(r);
	check_page(html);
	assert_non_null(strstr(html, "&lt;script&gt;alert(&quot;x&quot;)&amp;&lt;/script&gt;"));
	assert_null(strstr(html, "href=\"javascript"));
	free(html);
	json_decref(r);
}

static void test_complete(void **state)
{
	json_t *r = report_sample(), *run = json_object_get(r, "run");
	char *html;

	json_object_set_new(run, "complete", json_true());
	json_object_set_new(run, "interrupted", json_false());
	json_object_del(r, "load");
	html = render(r);
	check_page(html);
	assert_null(strstr(html, "INCOMPLETE"));
	assert_int_equal(count(html, "<svg"), 2); /* no load phase: no latency chart */
	free(html);
	json_decref(r);
}

/* Each of these in place of a member, at the top, in the first case, the run, the first
 * requirement, the summary and the latency histogram. */
static json_t *garbage(int i)
{
	switch (i) {
	case 0: return json_integer(-7);
	case 1: return json_string("<x>");
	case 2: return json_null();
	case 3: return json_pack("[i, s, n, {}]", 1, "a");
	case 4: return json_pack("{s:i}", "a", 1);
	case 5: return json_real(1e308);
	default: return json_true();
	}
}

static void mangle(json_t *r, json_t *obj)
{
	const char *key;
	json_t *v;
	void *tmp;

	json_object_foreach_safe(obj, tmp, key, v) {
		for (int i = 0; i < 7; i++) {
			json_t *old = json_incref(v);
			char *html;

			json_object_set_new(obj, key, garbage(i));
			html = render(r);
			check_page(html);
			free(html);
			json_object_set_new(obj, key, old);
		}
	}
}

static void test_garbage_members(void **state)
{
	json_t *r = report_sample();
	json_t *hist = json_object_get(json_object_get(r, "load"), "reg_latency_us");

	mangle(r, json_object_get(json_object_get(r, "cases"), 0));
	mangle(r, json_object_get(json_array_get(json_object_get(r, "cases"), 3), "timeline"));
	mangle(r, json_object_get(r, "run"));
	mangle(r, json_object_get(r, "dut"));
	mangle(r, json_array_get(json_object_get(r, "requirements"), 1));
	mangle(r, json_object_get(r, "summary"));
	mangle(r, hist);
	mangle(r, r);
	json_object_set_new(hist, "sub_bits", json_integer(62));
	json_object_set_new(hist, "buckets",
			    json_pack("[[I,i],[i,i],[s],i,[I,I]]", (json_int_t)1 << 61, 3, -1,
				      5, "x", 9, (json_int_t)4000, (json_int_t)-5));
	free(render(r));
	json_decref(r);
}

static void test_not_an_object(void **state)
{
	json_t *all[] = { NULL, json_integer(3), json_pack("[i]", 1), json_string("x"),
			  json_pack("{s:i, s:s}", "cases", 5, "requirements", "none") };

	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		char *html = render(all[i]);

		check_page(html);
		free(html);
		json_decref(all[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_complete),
		cmocka_unit_test(test_garbage_members),
		cmocka_unit_test(test_not_an_object),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
