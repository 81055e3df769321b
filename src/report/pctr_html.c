/* pctr_html.c — report.html (pctr_html.h): the page, its style, the shared helpers, and
 * the identification, PICS/PIXIT and observations sections.
 */
#include <string.h>

#include "pctr_html.h"
#include "pctr_html_priv.h"
#include "svg.h"

const char *const ph_verdicts[PH_NVERDICT] = { "pass", "fail", "warn", "inconc", "none", "error" };
const char *const ph_colours[PH_NVERDICT] = { "#2e7d32", "#c62828", "#e0a000",
					      "#7e57c2", "#9e9e9e", "#6d0000" };

static const char css[] =
	"body{font-family:sans-serif;font-size:14px;color:#111;background:#fff;"
	"max-width:1100px;margin:1em auto;padding:0 1em}\n"
	"h1{font-size:1.5em}h2{font-size:1.25em;margin-top:2em;border-bottom:2px solid #333}\n"
	"h3{font-size:1.05em;margin:.2em 0 .5em}\n"
	"table{border-collapse:collapse;margin:.5em 0}\n"
	"td,th{border:1px solid #bbb;padding:2px 8px;text-align:left;vertical-align:top}\n"
	"th{background:#f0f0f0;font-weight:600}td.n{text-align:right;"
	"font-variant-numeric:tabular-nums}\n"
	"table.kv th{white-space:nowrap;width:11em}.nw{white-space:nowrap}\n"
	"article table{width:100%}\n"
	"pre{background:#f6f6f6;border:1px solid #ddd;padding:6px;white-space:pre-wrap;"
	"overflow-wrap:anywhere;font-size:.85em}\n"
	"code{overflow-wrap:anywhere}\n"
	".banner{border:3px solid #c62828;color:#c62828;font-weight:bold;font-size:1.2em;"
	"padding:8px 12px;margin:1em 0}\n"
	".v{display:inline-block;min-width:3.5em;text-align:center;padding:0 6px;"
	"border:2px solid #9e9e9e;border-radius:3px;background:#9e9e9e;color:#fff;"
	"font-weight:bold}\n"
	".v-pass{background:#2e7d32;border-color:#2e7d32}"
	".v-fail{background:#c62828;border-color:#c62828}"
	".v-warn{background:#e0a000;border-color:#e0a000;color:#111}"
	".v-inconc{background:#7e57c2;border-color:#7e57c2}"
	".v-error{background:#6d0000;border-color:#6d0000}"
	".v-notrun{background:#fff;color:#111}\n"
	"article{border:1px solid #ccc;padding:8px 12px;margin:1em 0}\n"
	"nav.toc ol{columns:2}.muted{color:#555}\n"
	"svg{display:block;max-width:100%;height:auto;margin:.5em 0}\n"
	"@media print{body{max-width:none;margin:0;font-size:11px}"
	"h2{break-before:page;break-after:avoid}h3{break-after:avoid}"
	"tr,svg,.banner,pre{break-inside:avoid}"
	"th,pre{background:#fff}.v{background:#fff!important;color:#111!important}"
	"a{color:#111}nav.toc{display:none}}\n";

int ph_verdict_index(const char *v)
{
	for (int i = 0; v && i < PH_NVERDICT; i++)
		if (!strcmp(v, ph_verdicts[i]))
			return i;
	return -1;
}

const char *ph_str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

void ph_esc(FILE *f, const char *s)
{
	if (s)
		svg_text(f, s);
	else
		fputs(PH_DASH, f);
}

void ph_val(FILE *f, json_t *v)
{
	if (!v) {
		fputs(PH_DASH, f);
		return;
	}
	switch (json_typeof(v)) {
	case JSON_STRING: ph_esc(f, *json_string_value(v) ? json_string_value(v) : NULL); break;
	case JSON_INTEGER: fprintf(f, "%" JSON_INTEGER_FORMAT, json_integer_value(v)); break;
	case JSON_REAL: fprintf(f, "%g", json_real_value(v)); break;
	case JSON_TRUE: fputs("yes", f); break;
	case JSON_FALSE: fputs("no", f); break;
	default: fputs(PH_DASH, f); break;
	}
}

void ph_row(FILE *f, const char *label, json_t *v)
{
	fprintf(f, "<tr><th>%s</th><td>", label);
	ph_val(f, v);
	fputs("</td></tr>\n", f);
}

void ph_list(FILE *f, json_t *a, const char *sep)
{
	size_t i;
	json_t *v;

	if (!json_is_array(a)) {
		fputs(PH_DASH, f);
		return;
	}
	if (!json_array_size(a))
		fputs("none", f);
	json_array_foreach(a, i, v) {
		fputs(i ? sep : "", f);
		ph_val(f, v);
	}
}

void ph_badge(FILE *f, const char *verdict)
{
	fprintf(f, "<span class=\"v v-%s\">", ph_verdict_index(verdict) >= 0 ? verdict :
		verdict && !strcmp(verdict, "not run") ? "notrun" : "unknown");
	ph_esc(f, verdict);
	fputs("</span>", f);
}

void ph_h2(FILE *f, const char *id, const char *title)
{
	fprintf(f, "<section>\n<h2 id=\"%s\">%s</h2>\n", id, title);
}

/* ---- identification ---- */

static void ident_banner(FILE *f, json_t *r)
{
	json_t *run = json_object_get(r, "run");
	json_t *ran = json_object_get(json_object_get(r, "summary"), "total");
	json_t *of = json_object_get(json_object_get(run, "campaign"), "cases");

	if (!json_is_false(json_object_get(run, "complete")))
		return;
	if (!json_is_integer(ran))
		ran = json_integer((json_int_t)json_array_size(json_object_get(r, "cases")));
	else
		json_incref(ran);
	fputs("<p class=\"banner\">INCOMPLETE: ", f);
	ph_val(f, ran);
	fputs(" of ", f);
	ph_val(f, json_is_integer(of) ? of : json_object_get(run, "planned"));
	fputs(" cases ran", f);
	if (json_is_true(json_object_get(run, "interrupted")))
		fputs(" (interrupted)", f);
	fputs("</p>\n", f);
	json_decref(ran);
}

static void ident_dut(FILE *f, json_t *dut)
{
	json_t *addr = json_object_get(dut, "addresses"), *v;
	const char *role;

	ph_row(f, "DUT vendor", json_object_get(dut, "vendor"));
	ph_row(f, "DUT model", json_object_get(dut, "model"));
	ph_row(f, "DUT software", json_object_get(dut, "software"));
	fputs("<tr><th>DUT roles</th><td>", f);
	ph_list(f, json_object_get(dut, "roles"), ", ");
	fputs("</td></tr>\n<tr><th>DUT addresses</th><td>", f);
	if (!json_is_object(addr))
		fputs(PH_DASH, f);
	json_object_foreach(addr, role, v) {
		ph_esc(f, role);
		fputs(": <code>", f);
		ph_val(f, v);
		fputs("</code><br>", f);
	}
	fputs("</td></tr>\n", f);
	ph_row(f, "pmip4ct's own reference", json_object_get(dut, "reference"));
}

static void ident_shard(FILE *f, json_t *run)
{
	json_t *sh = json_object_get(run, "shard"), *merged = json_object_get(sh, "merged");

	fputs("<tr><th>Shard</th><td>", f);
	ph_val(f, json_object_get(sh, "index"));
	fputs(" of ", f);
	ph_val(f, json_object_get(sh, "total"));
	if (json_is_array(merged)) {
		fputs("; merged from shards ", f);
		ph_list(f, merged, ", ");
	}
	fputs("</td></tr>\n", f);
}

static void ident(FILE *f, json_t *r)
{
	json_t *tool = json_object_get(r, "tool"), *run = json_object_get(r, "run");
	json_t *camp = json_object_get(run, "campaign");

	ph_h2(f, "identification", "1. Identification");
	ident_banner(f, r);
	fputs("<table class=\"kv\">\n", f);
	ph_row(f, "Tool", json_object_get(tool, "name"));
	ph_row(f, "Version", json_object_get(tool, "version"));
	ph_row(f, "Build", json_object_get(tool, "build"));
	ph_row(f, "Report schema", json_object_get(r, "schema"));
	ident_dut(f, json_object_get(r, "dut"));
	ph_row(f, "Lab", json_object_get(run, "lab"));
	ph_row(f, "Operator", json_object_get(run, "operator"));
	ph_row(f, "Host", json_object_get(run, "host"));
	ph_row(f, "Start (UTC)", json_object_get(run, "start_utc"));
	ph_row(f, "End (UTC)", json_object_get(run, "end_utc"));
	fputs("<tr><th>Command</th><td><code>", f);
	ph_list(f, json_object_get(run, "command"), " ");
	fputs("</code></td></tr>\n", f);
	ident_shard(f, run);
	ph_row(f, "Cases planned", json_object_get(run, "planned"));
	ph_row(f, "Cases in the campaign", json_object_get(camp, "cases"));
	ph_row(f, "Campaign SHA-256", json_object_get(camp, "sha256"));
	ph_row(f, "Complete", json_object_get(run, "complete"));
	ph_row(f, "Interrupted", json_object_get(run, "interrupted"));
	fputs("</table>\n</section>\n", f);
}

/* ---- PICS and PIXIT ---- */

/* A row per member of o, name: value as code; one row of none when o has none. */
static void kv_rows(FILE *f, json_t *o, const char *none)
{
	const char *key;
	json_t *v;

	json_object_foreach(o, key, v) {
		fputs("<tr><td><code>", f);
		ph_esc(f, key);
		fputs("</code></td><td><code>", f);
		ph_val(f, v);
		fputs("</code></td></tr>\n", f);
	}
	if (!json_object_size(o))
		fprintf(f, "<tr><td colspan=\"2\">%s</td></tr>\n", none);
}

static void params(FILE *f, const char *name, json_t *p)
{
	json_t *files = json_object_get(p, "files"), *items = json_object_get(p, "items"), *v;
	size_t i;

	fprintf(f, "<h3>%s</h3>\n<p>SHA-256 of the files: <code>", name);
	ph_val(f, json_object_get(p, "sha256"));
	fputs("</code></p>\n", f);
	if (!json_array_size(files))
		fputs("<p class=\"muted\">No file: defaults and the command line only.</p>\n", f);
	json_array_foreach(files, i, v) {
		fputs("<p><code>", f);
		ph_val(f, json_object_get(v, "path"));
		fputs("</code>, SHA-256 <code>", f);
		ph_val(f, json_object_get(v, "sha256"));
		fputs("</code></p>\n<pre>", f);
		ph_val(f, json_object_get(v, "text"));
		fputs("</pre>\n", f);
	}
	fprintf(f, "<table>\n<tr><th>%s item</th><th>value</th></tr>\n", name);
	kv_rows(f, items, PH_DASH);
	fputs("</table>\n", f);
}

/* ---- observations ---- */

static void observations(FILE *f, json_t *o)
{
	ph_h2(f, "observations", "6. Observations");
	fputs("<h3>Request dialect</h3>\n<table>\n", f);
	kv_rows(f, json_object_get(o, "dialect"), "defaults");
	fputs("</table>\n<table class=\"kv\">\n<tr><th>Variants</th><td>", f);
	ph_list(f, json_object_get(o, "variants"), ", ");
	fputs("</td></tr>\n<tr><th>Faults</th><td>", f);
	ph_list(f, json_object_get(o, "faults"), ", ");
	fputs("</td></tr>\n", f);
	ph_row(f, "Strict", json_object_get(o, "strict"));
	fputs("<tr><th>Operator notes</th><td>", f);
	ph_list(f, json_object_get(o, "notes"), "<br>");
	fputs("</td></tr>\n<tr><th>Deviations</th><td>", f);
	ph_list(f, json_object_get(o, "deviations"), "<br>");
	fputs("</td></tr>\n</table>\n</section>\n", f);
}

/* ---- the page ---- */

static void head(FILE *f, json_t *r)
{
	json_t *dut = json_object_get(r, "dut");

	fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		   "<title>pmip4ct conformance test report</title>\n<style>\n%s</style>\n"
		   "</head>\n<body>\n<h1>Protocol conformance test report: ", css);
	ph_esc(f, ph_str(dut, "vendor"));
	fputs(" ", f);
	ph_esc(f, ph_str(dut, "model"));
	fputs("</h1>\n<nav class=\"toc\"><ol>\n"
	      "<li><a href=\"#identification\">Identification</a></li>\n"
	      "<li><a href=\"#pics-pixit\">PICS and PIXIT</a></li>\n"
	      "<li><a href=\"#summary\">Conformance summary</a></li>\n"
	      "<li><a href=\"#coverage\">Requirement coverage</a></li>\n"
	      "<li><a href=\"#cases\">Test cases</a></li>\n"
	      "<li><a href=\"#observations\">Observations</a></li>\n</ol></nav>\n", f);
}

int pctr_html_write(FILE *f, const json_t *report, char *err, size_t errlen)
{
	json_t *r = json_deep_copy(report); /* jansson iterates only non-const objects */

	if (report && !r) {
		snprintf(err, errlen, "report.html: out of memory");
		return -1;
	}
	head(f, r);
	if (!json_is_object(r))
		fputs("<p class=\"banner\">report.json holds no object</p>\n", f);
	ident(f, r);
	ph_h2(f, "pics-pixit", "2. PICS and PIXIT");
	params(f, "PICS", json_object_get(r, "pics"));
	params(f, "PIXIT", json_object_get(r, "pixit"));
	fputs("</section>\n", f);
	ph_summary(f, r);
	ph_coverage(f, r);
	ph_cases(f, r);
	observations(f, json_object_get(r, "observations"));
	fputs("</body>\n</html>\n", f);
	json_decref(r);
	if (fflush(f) || ferror(f)) {
		snprintf(err, errlen, "report.html: write error");
		return -1;
	}
	return 0;
}
