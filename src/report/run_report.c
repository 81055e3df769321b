/* run_report.c — the outputs of `pmip4ct run` fed by the runner's sink (DESIGN.md §4
 * "Evidence", §8): a console line per case as it ends (an [i/n] counter on a terminal),
 * a summary, JSON (run_json.c) and JUnit (junit.c) reports written before the first case
 * and rewritten after every case, before its console line (report_file.h: both synced,
 * then both renamed, so a run stopped even by SIGKILL leaves two valid files holding the
 * same finished cases), one pcap per case written packet by packet and its packet
 * timeline (run_timeline.c).  With --report DIR they make an evidence bundle
 * (pmip4ct-bundle(5)), which gets report.html and its seal when the run ends.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "bundle.h"
#include "clock.h"
#include "cols.h"
#include "junit.h"
#include "mip.h"
#include "pcap_out.h"
#include "pctr_html.h"
#include "render.h"
#include "run_meta.h"
#include "run_report_priv.h"
#include "txt.h"

uint64_t run_report_mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* mkdir -p */
static int rr_mkdirs(const char *dir, char *err, size_t errlen)
{
	char *p = strdup(dir);

	if (!p) {
		snprintf(err, errlen, "%s: %s", dir, strerror(ENOMEM));
		return -1;
	}
	for (char *s = p + 1;; s++) {
		bool end = !*s;

		if (*s != '/' && !end)
			continue;
		*s = '\0';
		if (mkdir(p, 0777) < 0 && errno != EEXIST) {
			snprintf(err, errlen, "%s: %s", p, strerror(errno));
			free(p);
			return -1;
		}
		if (end)
			break;
		*s = '/';
	}
	free(p);
	return 0;
}

static void rr_write_all(struct run_report *r, bool interrupted);

/* Where the files go: as given, or the bundle's. */
static int rr_paths(struct run_report *r, char *err, size_t errlen)
{
	const struct run_report_opts *o = &r->o;

	if (!o->bundle) {
		r->paths[RR_JSON] = o->json ? strdup(o->json) : NULL;
		r->paths[RR_JUNIT] = o->junit ? strdup(o->junit) : NULL;
		r->pcap_dir = o->pcap_dir ? strdup(o->pcap_dir) : NULL;
		if ((o->json && !r->paths[RR_JSON]) || (o->junit && !r->paths[RR_JUNIT]) ||
		    (o->pcap_dir && !r->pcap_dir))
			goto nomem;
		return 0;
	}
	if ((o->sign_key && bundle_key_check(o->sign_key, err, errlen) < 0) ||
	    bundle_dir_unused(o->bundle, err, errlen) < 0 ||
	    rr_mkdirs(o->bundle, err, errlen) < 0)
		return -1;
	r->paths[RR_JSON] = bundle_join(o->bundle, "report.json");
	r->paths[RR_JUNIT] = bundle_join(o->bundle, "junit.xml");
	r->pcap_dir = bundle_join(o->bundle, "pcaps");
	if (r->paths[RR_JSON] && r->paths[RR_JUNIT] && r->pcap_dir)
		return 0;
nomem:
	snprintf(err, errlen, "%s", strerror(ENOMEM));
	return -1;
}

struct run_report *run_report_create(const struct run_report_opts *o, char *err,
				     size_t errlen)
{
	struct run_report *r = calloc(1, sizeof *r);

	if (r)
		r->done = calloc(o->sel->n ? o->sel->n : 1, sizeof *r->done);
	if (!r || !r->done) {
		snprintf(err, errlen, "%s", strerror(ENOMEM));
		run_report_destroy(r);
		return NULL;
	}
	r->o = *o;
	if (!r->o.out)
		r->o.out = stdout;
	r->id_width = 8;
	for (size_t i = 0; i < o->sel->n; i++)
		if ((int)strlen(o->sel->cases[i]->id) > r->id_width)
			r->id_width = (int)strlen(o->sel->cases[i]->id);
	/* a terminal is read by people, within CONSOLE_COLS; a file or a pipe by scripts
	 * too, a line per case however long */
	r->cols = isatty(fileno(r->o.out)) ? CONSOLE_COLS : 0;
	r->t0 = run_report_mono_ns();
	run_progress_init(&r->prog, o->verbosity == RUN_SILENT ? NULL :
			  o->progress ? o->progress : stderr, o->sel->n, r->t0);
	r->msg = malloc(sizeof *r->msg);
	if (!r->msg || rr_paths(r, err, errlen) < 0) {
		run_report_destroy(r);
		return NULL;
	}
	if ((r->paths[RR_JSON] && report_file_init(&r->file[RR_JSON], r->paths[RR_JSON]) < 0) ||
	    (r->paths[RR_JUNIT] &&
	     report_file_init(&r->file[RR_JUNIT], r->paths[RR_JUNIT]) < 0)) {
		snprintf(err, errlen, "%s", strerror(ENOMEM));
		run_report_destroy(r);
		return NULL;
	}
	if (r->pcap_dir && rr_mkdirs(r->pcap_dir, err, errlen) < 0) {
		run_report_destroy(r);
		return NULL;
	}
	/* every output path is tried before the first case, not after minutes of a run
	 * (issue #14): the reports start empty, with what the run will do (a kill during
	 * the first case leaves them so), and are rewritten after each case */
	rr_write_all(r, false);
	if (r->write_failed) {
		snprintf(err, errlen, "nothing run: a report file cannot be written");
		run_report_destroy(r);
		return NULL;
	}
	return r;
}

void run_report_destroy(struct run_report *r)
{
	if (!r)
		return;
	pcap_out_destroy(r->pcap);
	free(r->pcap_path);
	for (int k = 0; k < RR_FILES; k++) {
		report_file_finish(&r->file[k]);
		free(r->paths[k]);
	}
	free(r->pcap_dir);
	free(r->msg);
	rr_timeline_clear(&r->tl);
	for (size_t i = 0; i < r->n_done; i++) {
		free(r->done[i].reason);
		free(r->done[i].log);
		free(r->done[i].dut);
		free(r->done[i].pcap);
		rr_timeline_clear(&r->done[i].tl);
	}
	free(r->done);
	free(r);
}

/* ---- the JUnit report (junit.h) ---- */

static int rr_junit(FILE *f, const struct run_report *r, bool interrupted)
{
	const struct run_sel *sel = r->o.sel;
	struct junit_suite *suites = calloc(sel->n_suites ? sel->n_suites : 1, sizeof *suites);
	struct junit_case *cases = calloc(r->n_done ? r->n_done : 1, sizeof *cases);
	struct junit_run j = { .suites = suites, .n_suites = sel->n_suites, .cases = cases,
			       .n_cases = r->n_done, .strict = r->o.strict,
			       .finished = r->finished, .interrupted = interrupted,
			       .version = PMIP4CT_VERSION };
	const struct run_meta *m = r->o.meta;
	struct txt_utc start;
	char dut[256];

	if (m) { /* JUnit's timestamp has no zone: UTC without the Z */
		start = txt_utc(m->start_ns, 0);
		start.s[strcspn(start.s, "Z")] = '\0';
		run_meta_dut_text(m, dut, sizeof dut);
		j.timestamp = start.s;
		j.hostname = m->host;
		j.build = m->build;
		j.dut = dut;
		j.pics_sha256 = m->pics.sha256;
		j.pixit_sha256 = m->pixit.sha256;
	}
	int rc = -1;

	if (!suites || !cases)
		goto out;
	for (size_t k = 0; k < sel->n_suites; k++)
		suites[k].name = sel->suite_names[k];
	for (size_t i = 0; i < sel->n; i++)
		suites[sel->suite_of[i]].planned++;
	for (size_t i = 0; i < r->n_done; i++) {
		const struct rr_case *d = &r->done[i];

		cases[i] = (struct junit_case){ .suite = d->suite, .id = d->c->id,
						.title = d->c->title, .verdict = d->v,
						.level = d->c->level, .reason = d->reason,
						.log = d->log, .time_s = (double)d->wall_ns / 1e9 };
	}
	junit_write(f, &j);
	rc = 0;
out:
	free(suites);
	free(cases);
	return rc;
}

/* ---- writing the reports: both made and synced, then both renamed (report_file.h) ---- */

/* 0, or -1 when out of memory (the version under way is dropped) */
typedef int rr_body_fn(FILE *, const struct run_report *, bool);

static rr_body_fn *const rr_body[RR_FILES] = { rr_json, rr_junit };

static void rr_write_all(struct run_report *r, bool interrupted)
{
	char err[512];

	for (int k = 0; k < RR_FILES; k++) {
		FILE *f;

		if (!r->file[k].path)
			continue;
		f = report_file_begin(&r->file[k], err, sizeof err);
		if (!f)
			goto fail;
		if (rr_body[k](f, r, interrupted) < 0) {
			snprintf(err, sizeof err, "%s: out of memory", r->file[k].path);
			goto fail;
		}
	}
	if (report_files_commit(r->file, RR_FILES, err, sizeof err) == 0)
		return;
fail:
	for (int k = 0; k < RR_FILES; k++)
		report_file_abort(&r->file[k]);
	if (!r->write_failed)
		fprintf(stderr, "pmip4ct run: cannot write %s\n", err);
	r->write_failed = true;
}

/* ---- pcaps: DIR/ID.pcap, packet by packet ---- */

static void rr_pcap_open(struct run_report *r, const struct case_def *c)
{
	size_t n = strlen(r->pcap_dir) + strlen(c->id) + 7;
	char err[256];

	free(r->pcap_path);
	r->pcap_path = malloc(n);
	if (!r->pcap_path)
		return;
	snprintf(r->pcap_path, n, "%s/%s.pcap", r->pcap_dir, c->id);
	for (char *s = r->pcap_path + strlen(r->pcap_dir) + 1; *s; s++)
		if (*s == '/')
			*s = '_';
	r->pcap = pcap_out_create(r->pcap_path, err, sizeof err);
	if (!r->pcap) {
		fprintf(stderr, "pmip4ct run: %s\n", err);
		free(r->pcap_path);
		r->pcap_path = NULL;
	}
}

int run_pcap_packet(struct pcap_out *o, const struct tc_pkt *p, char *err, size_t errlen)
{
	switch (p->link) {
	case TC_LINK_SIG:
		return pcap_out_udp(o, p->at_ns, &p->ends, p->buf, p->len, err, errlen);
	case TC_LINK_ACCESS:
		return pcap_out_frame(o, p->at_ns, p->buf, p->len, err, errlen);
	default:
		return pcap_out_ipv4(o, p->at_ns, p->buf, p->len, err, errlen);
	}
}

static void rr_packet(void *arg, const struct case_def *c, const struct tc_pkt *p, bool to_dut)
{
	struct run_report *r = arg;
	char err[256];

	run_progress_tick(&r->prog, run_report_mono_ns());
	if (r->paths[RR_JSON])
		rr_timeline_add(&r->tl, p, to_dut, r->msg);
	if (!r->pcap)
		return;
	if (run_pcap_packet(r->pcap, p, err, sizeof err) < 0) {
		run_progress_clear(&r->prog);
		fprintf(stderr, "pmip4ct run: %s: a %s packet not recorded: %s\n", c->id,
			to_dut ? "sent" : "received", err);
	}
}

/* ---- the console and the sink ---- */

static void rr_begin(void *arg, const struct case_def *c, size_t i, size_t n)
{
	struct run_report *r = arg;

	(void)n;
	run_progress_case(&r->prog, c, i, run_report_mono_ns());
	r->case_wall_ns = clk_now_ns(&clk_real);
	rr_timeline_clear(&r->tl);
	if (r->pcap_dir)
		rr_pcap_open(r, c);
}

/* A reason's continuation lines start under it when that leaves room enough. */
#define RR_REASON_INDENT_MAX 48

static void rr_line(struct run_report *r, const struct rr_case *d)
{
	FILE *f = r->o.out;
	char head[128];
	int col;

	if (r->o.verbosity == RUN_SILENT)
		return;
	if (r->o.verbosity == RUN_QUIET && (d->v == CASE_PASS || d->v == CASE_NONE))
		return;
	run_progress_clear(&r->prog);
	/* the time on the clock the console counts in: the DUT's in the shell, labelled
	 * virtual for a reference (a script prints the same bytes), else the real one */
	if (r->o.dut_time)
		col = snprintf(head, sizeof head, "%-*s %-6s %9.3f s %-7s  ", r->id_width,
			       d->c->id, case_verdict_name(d->v), (double)d->dut_ms / 1e3,
			       d->dut_virtual ? "virtual" : "");
	else
		col = snprintf(head, sizeof head, "%-*s %-6s %9.3f ms  ", r->id_width, d->c->id,
			       case_verdict_name(d->v), (double)d->wall_ns / 1e6);
	col = col < (int)sizeof head ? col : (int)sizeof head - 1;
	if (!d->reason[0]) /* no trailing blanks */
		while (col && head[col - 1] == ' ')
			head[--col] = '\0';
	fputs(head, f);
	/* a reason may quote the DUT: control characters as \xNN (cols.h); wrapped under
	 * its column to keep within CONSOLE_COLS */
	if (d->reason[0])
		cols_wrap(f, d->reason, col, col <= RR_REASON_INDENT_MAX ? col : 4, r->cols);
	else
		putc('\n', f);
	fflush(f);
}

static void rr_end(void *arg, const struct run_result *res, size_t i, size_t n)
{
	struct run_report *r = arg;
	struct rr_case *d;
	char err[256];

	if (r->n_done >= r->o.sel->n)
		return; /* more cases than planned: a runner bug, not worth a crash */
	d = &r->done[r->n_done];
	d->c = res->c;
	d->suite = 0;
	for (size_t k = 0; k < r->o.sel->n; k++)
		if (r->o.sel->cases[k] == res->c)
			d->suite = r->o.sel->suite_of[k];
	d->v = res->verdict < CASE_VERDICT_COUNT ? res->verdict : CASE_ERROR;
	d->reason = strdup(res->reason);
	d->log = strdup(res->log ? res->log : "");
	d->dut = strdup(res->dut);
	d->wall_ns = res->wall_ns;
	d->dut_ms = res->dut_ms;
	d->dut_virtual = res->dut_virtual;
	d->dp = res->dp;
	d->start_wall_ns = r->case_wall_ns;
	d->tl = r->tl; /* the summaries move with it */
	r->tl.n = 0;
	r->tl.dropped = 0;
	pcap_out_destroy(r->pcap);
	r->pcap = NULL;
	d->pcap = r->pcap_path;
	r->pcap_path = NULL;
	if (d->pcap && digest_file_sha256(d->pcap, d->pcap_sha256, err, sizeof err) < 0) {
		run_progress_clear(&r->prog);
		fprintf(stderr, "pmip4ct run: %s\n", err);
	}
	r->n_done++;
	r->counts[d->v]++;
	r->by_level[d->c->level][d->v]++;
	if (res->dut_stopped_at[0] && !r->stopped_at[0]) {
		snprintf(r->stopped_at, sizeof r->stopped_at, "%s", res->dut_stopped_at);
		snprintf(r->stopped_why, sizeof r->stopped_why, "%s", res->dut_stopped_why);
	}
	/* the files first: a case on the console is in both reports */
	rr_write_all(r, false);
	rr_line(r, d);
}

struct run_sink run_report_sink(struct run_report *r)
{
	return (struct run_sink){ .case_begin = rr_begin, .packet = rr_packet,
				  .case_end = rr_end, .arg = r };
}

/* ---- the bundle's last steps (pmip4ct-bundle(5)) ---- */

/* report.html from report.json as written (so a merged report renders the same way),
 * then the manifest and its signature.  0, or -1 (said on stderr). */
static int rr_bundle_finish(struct run_report *r)
{
	char err[512], *html = bundle_join(r->o.bundle, "report.html");
	struct report_file w = { 0 };
	json_error_t je;
	json_t *rep = json_load_file(r->paths[RR_JSON], 0, &je);
	FILE *f;
	int rc = -1;

	if (!rep) {
		snprintf(err, sizeof err, "%s:%d:%d: %s", r->paths[RR_JSON], je.line, je.column,
			 je.text);
		goto out;
	}
	if (!html || report_file_init(&w, html) < 0) {
		snprintf(err, sizeof err, "%s", strerror(ENOMEM));
		goto out;
	}
	f = report_file_begin(&w, err, sizeof err);
	if (!f || pctr_html_write(f, rep, err, sizeof err) < 0 ||
	    report_files_commit(&w, 1, err, sizeof err) < 0)
		goto out;
	if (bundle_seal(r->o.bundle, r->o.sign_key, err, sizeof err) == 0)
		rc = 0;
out:
	if (rc < 0)
		fprintf(stderr, "pmip4ct run: the bundle %s is not sealed: %s\n", r->o.bundle, err);
	report_file_finish(&w);
	json_decref(rep);
	free(html);
	return rc;
}

/* "MUST 150 pass; SHOULD 19 pass, 1 warn; MAY 4 pass, 1 none": the verdicts that occur,
 * per level that has cases, into buf. */
static void rr_levels(const struct run_report *r, char *buf, size_t len)
{
	const char *sep = "";
	size_t at = 0;

	buf[0] = '\0';
	for (int l = CASE_MUST; l <= CASE_MAY; l++) {
		const char *comma = " ";

		for (int v = 0; v < CASE_VERDICT_COUNT; v++)
			if (r->by_level[l][v] && at < len) {
				if (comma[0] == ' ')
					at += (size_t)snprintf(buf + at, len - at, "%s%s", sep,
							       case_level_name((enum case_level)l));
				if (at < len)
					at += (size_t)snprintf(buf + at, len - at, "%s%zu %s", comma,
							       r->by_level[l][v],
							       case_verdict_name((enum case_verdict)v));
				comma = ", ";
				sep = "; ";
			}
	}
}

/* The time of the run: the wall clock's, or in the shell (dut_time) the DUT's: virtual
 * for the references, real for a remote DUT, each said. */
static void rr_time(const struct run_report *r, char *buf, size_t len)
{
	uint64_t ms[2] = { 0, 0 }; /* [real, virtual] */

	if (!r->o.dut_time) {
		snprintf(buf, len, "%.3f s", (double)(run_report_mono_ns() - r->t0) / 1e9);
		return;
	}
	for (size_t i = 0; i < r->n_done; i++)
		ms[r->done[i].dut_virtual] += r->done[i].dut_ms;
	if (ms[0] && ms[1])
		snprintf(buf, len, "%.3f s on the DUT's clock, %.3f s on the references' virtual "
			 "clock", (double)ms[0] / 1e3, (double)ms[1] / 1e3);
	else if (ms[0])
		snprintf(buf, len, "%.3f s on the DUT's clock", (double)ms[0] / 1e3);
	else
		snprintf(buf, len, "%.3f s on the virtual clock", (double)ms[1] / 1e3);
}

int run_report_finish(struct run_report *r, bool interrupted)
{
	FILE *f = r->o.out;
	char t[128], levels[256], stop[64] = "";

	run_progress_clear(&r->prog);
	if (r->o.verbosity != RUN_SILENT) {
		rr_time(r, t, sizeof t);
		if (interrupted)
			snprintf(stop, sizeof stop, " (interrupted: %zu of %zu cases run)",
				 r->n_done, r->o.sel->n);
		cols_say(f, r->cols, 2, "%zu case%s: %zu pass, %zu fail, %zu warn, %zu inconc, "
			 "%zu none, %zu error; %s%s", r->n_done, r->n_done == 1 ? "" : "s",
			 r->counts[CASE_PASS], r->counts[CASE_FAIL], r->counts[CASE_WARN],
			 r->counts[CASE_INCONC], r->counts[CASE_NONE], r->counts[CASE_ERROR], t,
			 stop);
		rr_levels(r, levels, sizeof levels);
		if (levels[0])
			cols_say(f, r->cols, 2, "by level: %s", levels);
		if (!strcmp(r->stopped_at, "baseline"))
			cols_say(f, r->cols, 2, "run stopped before the first case: %s; the DUT's "
				 "cases are inconc, not run", r->stopped_why);
		else if (r->stopped_at[0])
			cols_say(f, r->cols, 2, "DUT stopped answering at case %s: the cases after "
				 "it are inconc, not run", r->stopped_at);
		fflush(f);
	}
	r->finished = true;
	r->end_wall_ns = clk_now_ns(&clk_real);
	r->end_mono_ns = run_report_mono_ns();
	rr_write_all(r, interrupted);
	if (r->o.bundle && !r->write_failed && rr_bundle_finish(r) < 0)
		r->write_failed = true;
	return r->write_failed ? -1 : 0;
}
