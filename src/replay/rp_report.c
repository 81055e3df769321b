/* rp_report.c — a replay's report: one console line per exchange (on a terminal within
 * CONSOLE_COLS, the reason wrapped under it), a summary, JSON (--json) and JUnit (--junit, one
 * testcase "frame N" per exchange).  The files are replaced whole (report_file.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cols.h"
#include "junit.h"
#include "render.h"
#include "report_file.h"
#include "rp_priv.h"
#include "run_report.h"
#include "txt.h"

const char *rp_verdict_name(enum rp_verdict v)
{
	static const char *const n[] = { "none", "match", "sent", "differ", "no-reply",
					  "extra" };

	return n[v];
}

static bool v_bad(enum rp_verdict v)
{
	return v == RP_V_DIFF || v == RP_V_NOREPLY || v == RP_V_EXTRA;
}

static uint64_t x_frame(const struct rp_cap *c, const struct rp_xchg *x)
{
	if (x->kind == RP_REQ && x->tx >= 0)
		return c->msg[x->tx].frame;
	if (x->rx >= 0)
		return c->msg[x->rx].frame;
	return x->tx >= 0 ? c->msg[x->tx].frame : 0; /* the DUT's side not captured */
}

/* "RRQ 127.0.0.3 > RRP", "HA REV > REVACK", "extra" */
static void x_desc(const struct rp_cap *c, const struct rp_xchg *x, char *out, size_t n)
{
	const struct rp_msg *t = x->tx >= 0 ? &c->msg[x->tx] : NULL;
	const struct rp_msg *d = x->rx >= 0 ? &c->msg[x->rx] : NULL;

	if (x->kind == RP_REQ && t)
		snprintf(out, n, "%s from %s%s%s", rp_type_name(t->m.type),
			 txt_ip4(t->ends.src).s, d ? ", " : "", d ? rp_type_name(d->m.type) : "");
	else if (d)
		snprintf(out, n, "DUT %s to %s%s%s", rp_type_name(d->m.type),
			 txt_ip4(d->ends.dst).s, t ? ", " : "", t ? rp_type_name(t->m.type) : "");
	else if (t) /* the DUT's side not captured: the Revocation the Ack answers */
		snprintf(out, n, "DUT REV to %s, %s", txt_ip4(t->ends.src).s,
			 rp_type_name(t->m.type));
	else
		snprintf(out, n, "from the DUT");
}

/* Lines wrapped within CONSOLE_COLS on a terminal; a file or a pipe keeps one line per
 * exchange, for scripts (as run's console does). */
static int console_width(FILE *f)
{
	return isatty(fileno(f)) ? CONSOLE_COLS : 0;
}

void rp_report_line(FILE *f, const struct rp_cap *c, const struct rp_xchg *x)
{
	char desc[80], head[160], reason[RP_REASON_MAX + 140];
	uint64_t fr = x_frame(c, x);

	x_desc(c, x, desc, sizeof desc);
	if (fr)
		snprintf(head, sizeof head, "frame %-5" PRIu64 " %-32s %-9s", fr, desc,
			 rp_verdict_name(x->v));
	else
		snprintf(head, sizeof head, "%-11s %-32s %-9s", "-", desc, rp_verdict_name(x->v));
	snprintf(reason, sizeof reason, "%s%s%s", x->reason, x->note[0] && x->reason[0] ? "; " : "",
		 x->note);
	if (!reason[0]) { /* no padding after the verdict */
		size_t n = strlen(head);

		while (n && head[n - 1] == ' ')
			head[--n] = 0;
		fprintf(f, "%s\n", head);
		return;
	}
	fputs(head, f);
	cols_wrap(f, reason, cols_width(head), 12, console_width(f));
}

struct rp_counts {
	unsigned n, match, sent, diff, noreply, extra;
};

static struct rp_counts count(const struct rp_cap *c)
{
	struct rp_counts k = { 0 };

	for (size_t i = 0; i < c->n_x; i++) {
		k.n++;
		switch (c->x[i].v) {
		case RP_V_MATCH: k.match++; break;
		case RP_V_SENT: k.sent++; break;
		case RP_V_DIFF: k.diff++; break;
		case RP_V_NOREPLY: k.noreply++; break;
		case RP_V_EXTRA: k.extra++; break;
		default: break;
		}
	}
	return k;
}

static const char *run_verdict(const struct rp_run_info *ri, const struct rp_counts *k)
{
	bool expected = false;

	for (size_t i = 0; i < ri->c->n_x; i++)
		expected |= ri->c->x[i].rx >= 0;
	if (ri->silent && expected)
		return "inconclusive";
	return k->diff || k->noreply || k->extra ? "differ" : "match";
}

void rp_report_summary(FILE *f, const struct rp_run_info *ri)
{
	struct rp_counts k = count(ri->c);
	const char *v = run_verdict(ri, &k);

	fprintf(f, "%u exchanges: %u match, %u differ, %u no reply, %u extra, %u sent "
		"unrecorded; %.3f s\n", k.n, k.match, k.diff, k.noreply, k.extra, k.sent,
		(double)(ri->end_ns - ri->start_ns) / 1e9);
	if (!strcmp(v, "inconclusive"))
		cols_say(f, console_width(f), 2, "inconclusive: %s answered nothing (is it running, "
			 "and are --dut-ha and the PIXIT SAs right?)", ri->dut_name);
	else
		fprintf(f, "replay: %s\n", v);
}

static void json_report(FILE *f, const struct rp_run_info *ri)
{
	struct json j;
	struct rp_counts k = count(ri->c);

	json_init(&j, f);
	json_obj_begin(&j, NULL);
	json_obj_begin(&j, "replay");
	json_str(&j, "file", ri->o->file);
	json_str(&j, "dut", ri->dut_name);
	json_str(&j, "start", txt_utc(ri->start_ns, 9).s);
	json_str(&j, "end", txt_utc(ri->end_ns, 9).s);
	json_obj_end(&j);
	json_arr_begin(&j, "exchanges");
	for (size_t i = 0; i < ri->c->n_x; i++) {
		const struct rp_xchg *x = &ri->c->x[i];
		char d[80];

		x_desc(ri->c, x, d, sizeof d);
		json_obj_begin(&j, NULL);
		json_u64(&j, "frame", x_frame(ri->c, x));
		json_str(&j, "exchange", d);
		if (x->rx >= 0)
			json_u64(&j, "recorded_frame", ri->c->msg[x->rx].frame);
		json_str(&j, "verdict", rp_verdict_name(x->v));
		json_str(&j, "reason", x->reason);
		if (x->note[0])
			json_str(&j, "note", x->note);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_obj_begin(&j, "summary");
	json_u64(&j, "exchanges", k.n);
	json_u64(&j, "match", k.match);
	json_u64(&j, "differ", k.diff);
	json_u64(&j, "no_reply", k.noreply);
	json_u64(&j, "extra", k.extra);
	json_u64(&j, "sent", k.sent);
	json_str(&j, "verdict", run_verdict(ri, &k));
	json_obj_end(&j);
	json_obj_end(&j);
	json_finish(&j);
}

static void junit_report(FILE *f, const struct rp_run_info *ri)
{
	struct rp_counts k = count(ri->c);
	bool inconc = !strcmp(run_verdict(ri, &k), "inconclusive");

	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"pmip4ct "
		"replay\">\n<testsuite name=\"");
	report_xml(f, ri->o->file, true);
	fprintf(f, "\" tests=\"%u\" failures=\"%u\" errors=\"%u\" time=\"%.3f\">\n", k.n,
		inconc ? 0 : k.diff + k.noreply + k.extra, inconc ? k.n : 0,
		(double)(ri->end_ns - ri->start_ns) / 1e9);
	for (size_t i = 0; i < ri->c->n_x; i++) {
		const struct rp_xchg *x = &ri->c->x[i];
		char name[40];

		snprintf(name, sizeof name, "frame %" PRIu64, x_frame(ri->c, x));
		fprintf(f, "  <testcase classname=\"replay\" name=\"%s\">", name);
		if (inconc || v_bad(x->v)) {
			const char *e = inconc ? "error" : "failure";

			fprintf(f, "<%s message=\"", e);
			report_xml(f, inconc ? "the DUT answered nothing" : x->reason, true);
			fprintf(f, "\"/>");
		}
		fprintf(f, "</testcase>\n");
	}
	fprintf(f, "</testsuite>\n</testsuites>\n");
}

static int one_file(const char *path, void (*write)(FILE *, const struct rp_run_info *),
		    const struct rp_run_info *ri, char *err, size_t errlen)
{
	struct report_file w;
	FILE *f;
	int rc;

	if (!path)
		return 0;
	if (report_file_init(&w, path) < 0) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	f = report_file_begin(&w, err, errlen);
	if (!f) {
		report_file_finish(&w);
		return -1;
	}
	write(f, ri);
	rc = report_files_commit(&w, 1, err, errlen);
	report_file_finish(&w);
	return rc;
}

int rp_report_files(const struct rp_run_info *ri, char *err, size_t errlen)
{
	if (one_file(ri->o->json, json_report, ri, err, errlen) < 0 ||
	    one_file(ri->o->junit, junit_report, ri, err, errlen) < 0)
		return -1;
	return 0;
}
