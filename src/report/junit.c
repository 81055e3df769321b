/* junit.c — the JUnit report (junit.h; pmip4ct-cases(7) JUNIT). */
#include <stdint.h>
#include <string.h>

#include "junit.h"
#include "txt.h"

/* Length of the valid UTF-8 sequence at p[0..n) that is an XML 1.0 character, or 0. */
static size_t ju_utf8_len(const unsigned char *p, size_t n)
{
	uint32_t cp;
	size_t k = txt_utf8(p, n, &cp);

	/* U+FFFE and U+FFFF are not XML characters */
	return k && cp != 0xfffe && cp != 0xffff ? k : 0;
}

void report_xml(FILE *f, const char *s, bool attr)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	const unsigned char *end = p + strlen((const char *)p);
	size_t k;

	for (; *p; p++) {
		switch (*p) {
		case '&': fputs("&amp;", f); continue;
		case '<': fputs("&lt;", f); continue;
		case '>': fputs("&gt;", f); continue;
		case '"': fputs("&quot;", f); continue;
		case '\n': fputs(attr ? "&#10;" : "\n", f); continue;
		case '\t': fputs(attr ? "&#9;" : "\t", f); continue;
		default: break;
		}
		if (*p >= 0x20 && *p < 0x7f) {
			fputc(*p, f);
		} else if (*p >= 0x80 && (k = ju_utf8_len(p, (size_t)(end - p))) > 0) {
			fwrite(p, 1, k, f);
			p += k - 1;
		} else {
			fprintf(f, "\\x%02x", *p);
		}
	}
}

int junit_verdict_of(const char *name)
{
	for (int v = 0; name && v < CASE_VERDICT_COUNT; v++)
		if (!strcmp(name, case_verdict_name((enum case_verdict)v)))
			return v;
	return -1;
}

int junit_level_of(const char *name)
{
	for (int l = CASE_MUST; name && l <= CASE_MAY; l++)
		if (!strcmp(name, case_level_name((enum case_level)l)))
			return l;
	return -1;
}

void junit_dut_text(char *buf, size_t len, const char *const ident[3],
		    const char *const *roles, const char *const *addresses, size_t n_roles)
{
	FILE *f = fmemopen(buf, len, "w");
	bool any = false;

	if (!len)
		return;
	buf[0] = '\0';
	if (!f)
		return;
	for (int i = 0; i < 3; i++)
		if (ident[i] && *ident[i]) {
			fprintf(f, "%s%s", any ? " " : "", ident[i]);
			any = true;
		}
	if (!any)
		fputs("DUT", f);
	for (size_t r = 0; r < n_roles; r++)
		fprintf(f, "%s%s %s", r ? ", " : " (", roles[r], addresses[r]);
	if (n_roles)
		fputc(')', f);
	fclose(f); /* fmemopen: NUL-terminated, cut at len - 1 */
}

/* The JUnit element of a verdict: pass has none; none is <skipped>; fail, and warn under
 * --strict, are <failure>; inconc and error are <error>, so a CI never reads a case that
 * could not be judged as passed or quietly skipped; warn is a passed test case that says
 * so in its properties. */
static const char *ju_elem(const struct junit_run *r, enum case_verdict v)
{
	switch (v) {
	case CASE_NONE: return "skipped";
	case CASE_WARN: return r->strict ? "failure" : NULL;
	case CASE_FAIL: return "failure";
	case CASE_INCONC:
	case CASE_ERROR: return "error";
	default: return NULL;
	}
}

static void ju_prop(FILE *f, const char *name, const char *value)
{
	if (!value || !*value)
		return;
	fprintf(f, "<property name=\"%s\" value=\"", name);
	report_xml(f, value, true);
	fputs("\"/>", f);
}

static void ju_case(FILE *f, const struct junit_run *r, const struct junit_case *d)
{
	const char *e = ju_elem(r, d->verdict);

	fputs("    <testcase classname=\"", f);
	report_xml(f, r->suites[d->suite].name, true);
	fputs("\" name=\"", f);
	report_xml(f, d->id, true);
	fprintf(f, "\" time=\"%.3f\">\n      <properties>", d->time_s);
	ju_prop(f, "verdict", case_verdict_name(d->verdict));
	ju_prop(f, "level", case_level_name(d->level));
	ju_prop(f, "title", d->title);
	fputs("</properties>\n", f);
	if (e && d->verdict == CASE_NONE) {
		fputs("      <skipped message=\"none: ", f);
		report_xml(f, d->reason, true);
		fputs("\"/>\n", f);
	} else if (e) {
		fprintf(f, "      <%s message=\"%s: ", e, case_verdict_name(d->verdict));
		report_xml(f, d->reason, true);
		fprintf(f, "\" type=\"%s\">", case_verdict_name(d->verdict));
		report_xml(f, d->reason, false);
		fprintf(f, "</%s>\n", e);
	}
	fputs("      <system-out>", f);
	report_xml(f, d->log, false);
	fputs("</system-out>\n    </testcase>\n", f);
}

/* tests, failures, errors, skipped, time of the cases of suite k (all when k < 0) */
static void ju_counts(FILE *f, const struct junit_run *r, long k)
{
	size_t c[CASE_VERDICT_COUNT] = { 0 }, n = 0;
	double t = 0;

	for (size_t i = 0; i < r->n_cases; i++)
		if (k < 0 || r->cases[i].suite == (unsigned long)k) {
			c[r->cases[i].verdict]++;
			t += r->cases[i].time_s;
			n++;
		}
	fprintf(f, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\" time=\"%.3f\"",
		n, c[CASE_FAIL] + (r->strict ? c[CASE_WARN] : 0), c[CASE_ERROR] + c[CASE_INCONC],
		c[CASE_NONE], t);
}

/* timestamp="..." hostname="..." */
static void ju_when_where(FILE *f, const struct junit_run *r)
{
	if (r->timestamp) {
		fputs(" timestamp=\"", f);
		report_xml(f, r->timestamp, true);
		fputc('"', f);
	}
	if (r->hostname) {
		fputs(" hostname=\"", f);
		report_xml(f, r->hostname, true);
		fputc('"', f);
	}
}

/* A suite's run: what ran it and on what, the cases planned, and whether the run had
 * ended when this was written (no: a run still going, or killed) or was stopped. */
static void ju_props(FILE *f, const struct junit_run *r, size_t k)
{
	char planned[24];

	snprintf(planned, sizeof planned, "%zu", r->suites[k].planned);
	fputs("    <properties>", f);
	ju_prop(f, "tool", "pmip4ct");
	ju_prop(f, "version", r->version);
	ju_prop(f, "build", r->build);
	ju_prop(f, "dut", r->dut);
	ju_prop(f, "pics_sha256", r->pics_sha256);
	ju_prop(f, "pixit_sha256", r->pixit_sha256);
	ju_prop(f, "planned", planned);
	ju_prop(f, "finished", r->finished ? "yes" : "no");
	if (r->interrupted)
		ju_prop(f, "interrupted", "yes");
	fputs("</properties>\n", f);
}

void junit_write(FILE *f, const struct junit_run *r)
{
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"pmip4ct\"", f);
	ju_counts(f, r, -1);
	ju_when_where(f, r);
	fputs(">\n", f);
	for (size_t k = 0; k < r->n_suites; k++) {
		fputs("  <testsuite name=\"", f);
		report_xml(f, r->suites[k].name, true);
		fputc('"', f);
		ju_counts(f, r, (long)k);
		ju_when_where(f, r);
		fputs(">\n", f);
		ju_props(f, r, k);
		for (size_t i = 0; i < r->n_cases; i++)
			if (r->cases[i].suite == k)
				ju_case(f, r, &r->cases[i]);
		fputs("  </testsuite>\n", f);
	}
	fputs("</testsuites>\n", f);
}
