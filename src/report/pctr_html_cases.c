/* pctr_html_cases.c — the requirement coverage matrix and the per-case records of
 * report.html (pctr_html.h): what each case checks, how, its verdict and why, its packet
 * timeline, its log and its capture.
 */
#include <string.h>

#include "pctr_html_priv.h"

/* ---- coverage ---- */

static void cover_cases(FILE *f, json_t *req)
{
	json_t *cases = json_object_get(req, "cases"), *k;
	size_t i;

	if (!json_array_size(cases)) {
		fputs("<em>not covered</em>", f);
		if (json_is_false(json_object_get(req, "wire"))) {
			fputs(": not observable on the wire: ", f);
			ph_esc(f, ph_str(req, "why"));
		}
		return;
	}
	json_array_foreach(cases, i, k) {
		const char *id = ph_str(k, "id");

		fputs(i ? "<br>" : "", f);
		if (id) {
			fputs("<a href=\"#case-", f);
			ph_esc(f, id);
			fputs("\">", f);
		}
		ph_esc(f, id);
		fputs(id ? "</a> " : " ", f);
		ph_badge(f, ph_str(k, "verdict"));
	}
}

void ph_coverage(FILE *f, json_t *r)
{
	json_t *reqs = json_object_get(r, "requirements"), *q;
	size_t i;

	ph_h2(f, "coverage", "4. Requirement coverage");
	fputs("<table>\n<tr><th>requirement</th><th>ref</th><th>level</th><th>role</th>"
	      "<th>text</th><th>cases</th></tr>\n", f);
	json_array_foreach(reqs, i, q) {
		static const char *const cols[] = { "id", "ref", "level", "role", "text" };

		fputs("<tr>", f);
		for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
			fputs(c < 2 ? "<td class=\"nw\">" : "<td>", f);
			ph_val(f, json_object_get(q, cols[c]));
			fputs("</td>", f);
		}
		fputs("<td>", f);
		cover_cases(f, q);
		fputs("</td></tr>\n", f);
	}
	if (!json_array_size(reqs))
		fputs("<tr><td colspan=\"6\">" PH_DASH "</td></tr>\n", f);
	fputs("</table>\n</section>\n", f);
}

/* ---- cases ---- */

static void timeline(FILE *f, json_t *k)
{
	json_t *tl = json_object_get(k, "timeline"), *p;
	json_int_t dropped = json_integer_value(json_object_get(k, "timeline_dropped"));
	size_t i;

	if (!json_array_size(tl)) {
		fputs("<p class=\"muted\">No packet timeline.</p>\n", f);
		return;
	}
	fputs("<table>\n<tr><th class=\"nw\">t (ms)</th><th>direction</th><th>link</th>"
	      "<th>len</th><th>packet</th></tr>\n", f);
	json_array_foreach(tl, i, p) {
		const char *dir = ph_str(p, "dir");

		fputs("<tr><td class=\"n\">", f);
		ph_val(f, json_object_get(p, "t_ms"));
		fputs("</td><td class=\"nw\">", f);
		if (dir && !strcmp(dir, "to_dut"))
			fputs("tester \xe2\x86\x92 DUT", f);
		else if (dir && !strcmp(dir, "from_dut"))
			fputs("DUT \xe2\x86\x92 tester", f);
		else
			ph_esc(f, dir);
		fputs("</td><td>", f);
		ph_val(f, json_object_get(p, "link"));
		fputs("</td><td class=\"n\">", f);
		ph_val(f, json_object_get(p, "len"));
		fputs("</td><td><code>", f);
		ph_val(f, json_object_get(p, "summary"));
		fputs("</code></td></tr>\n", f);
	}
	fputs("</table>\n", f);
	if (dropped > 0)
		fprintf(f, "<p>%" JSON_INTEGER_FORMAT " more packets past the timeline's limit "
			   "(they are in the capture).</p>\n", dropped);
}

/* A link only to a path inside the bundle: no scheme, not absolute. */
static void capture(FILE *f, json_t *k)
{
	const char *pcap = ph_str(k, "pcap");

	fputs("<p>Capture: ", f);
	if (!pcap || !*pcap) {
		fputs("none</p>\n", f);
		return;
	}
	if (!strchr(pcap, ':') && pcap[0] != '/' && pcap[0] != '\\') {
		fputs("<a href=\"", f);
		ph_esc(f, pcap);
		fputs("\">", f);
		ph_esc(f, pcap);
		fputs("</a>", f);
	} else {
		fputs("<code>", f);
		ph_esc(f, pcap);
		fputs("</code>", f);
	}
	fputs(", SHA-256 <code>", f);
	ph_val(f, json_object_get(k, "pcap_sha256"));
	fputs("</code></p>\n", f);
}

static void case_meta(FILE *f, json_t *k)
{
	static const struct {
		const char *label, *key;
	} rows[] = {
		{ "Suite", "suite" },    { "Role", "role" },    { "Reference", "ref" },
		{ "Level", "level" },    { "PICS", "pics" },    { "Purpose", "title" },
		{ "Procedure", "procedure" }, { "Criterion", "criterion" },
		{ "Time (ms)", "time_ms" }, { "DUT time (ms)", "dut_ms" },
		{ "DUT clock", "dut_clock" }, { "DUT", "dut" }, { "Start (UTC)", "start_utc" },
	};

	fputs("<table class=\"kv\">\n", f);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		ph_row(f, rows[i].label, json_object_get(k, rows[i].key));
	fputs("<tr><th>Requirements</th><td>", f);
	ph_list(f, json_object_get(k, "reqs"), ", ");
	fputs("</td></tr>\n</table>\n", f);
}

static void one_case(FILE *f, json_t *k)
{
	const char *id = ph_str(k, "id"), *log = ph_str(k, "log");

	fputs("<article", f);
	if (id) {
		fputs(" id=\"case-", f);
		ph_esc(f, id);
		fputs("\"", f);
	}
	fputs(">\n<h3>", f);
	ph_badge(f, ph_str(k, "verdict"));
	fputs(" ", f);
	ph_esc(f, id);
	fputs(": ", f);
	ph_esc(f, ph_str(k, "title"));
	fputs("</h3>\n<p><strong>Verdict:</strong> ", f);
	ph_esc(f, ph_str(k, "verdict"));
	fputs(". <strong>Reason:</strong> ", f);
	ph_val(f, json_object_get(k, "reason"));
	fputs("</p>\n", f);
	case_meta(f, k);
	timeline(f, k);
	if (log) {
		fputs("<details><summary>Log</summary>\n<pre>", f);
		ph_esc(f, log);
		fputs("</pre></details>\n", f);
	}
	capture(f, k);
	fputs("</article>\n", f);
}

void ph_cases(FILE *f, json_t *r)
{
	json_t *cases = json_object_get(r, "cases"), *k;
	size_t i;

	ph_h2(f, "cases", "5. Test cases");
	if (!json_array_size(cases))
		fputs("<p>" PH_DASH "</p>\n", f);
	json_array_foreach(cases, i, k)
		one_case(f, k);
	fputs("</section>\n", f);
}
