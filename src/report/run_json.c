/* run_json.c — the JSON report of `pmip4ct run` (DESIGN.md §8; every member documented
 * in docs/report-schema.json, "pmip4ct-report/1"): the run's metadata (run_meta.h), the
 * summary per verdict, level and RFC, the requirement coverage (reqs.h) with each
 * requirement's cases and their verdicts, and every finished case with what it checks,
 * how, its verdict and reason, its packet timeline, its capture and log.
 */
#include <stdlib.h>
#include <string.h>

#include "reqs.h"
#include "run_meta.h"
#include "run_report_priv.h"
#include "txt.h"

/* "data": the case's data-plane figures (dp_stats), when it sent probes. */
static void rj_dp(struct json *j, const struct dp_stats *dp)
{
	unsigned got = dp->probes - dp->lost;

	json_obj_begin(j, "data");
	json_u64(j, "probes", dp->probes);
	json_u64(j, "lost", dp->lost);
	json_u64(j, "latency_us_mean", got ? dp->sum_us / got : 0);
	json_u64(j, "latency_us_max", dp->max_us);
	json_arr_begin(j, "first_after");
	for (unsigned i = 0; i < dp->n_first; i++) {
		json_obj_begin(j, NULL);
		json_str(j, "event", dp->first[i].event);
		json_u64(j, "us", dp->first[i].us);
		json_obj_end(j);
	}
	json_arr_end(j);
	json_obj_end(j);
}

/* The words of a blank-separated list ("HA-REG-01 HA-REG-02") as a JSON array. */
static void rj_words(struct json *j, const char *key, const char *s)
{
	json_arr_begin(j, key);
	while (s && *s) {
		size_t n = strcspn(s, " \t");
		char w[64];

		if (n && n < sizeof w) {
			memcpy(w, s, n);
			w[n] = '\0';
			json_str(j, NULL, w);
		}
		s += n;
		s += strspn(s, " \t");
	}
	json_arr_end(j);
}

static void rj_timeline(struct json *j, const struct rr_timeline *t)
{
	uint64_t t0 = t->n ? t->v[0].at_ns : 0;

	json_arr_begin(j, "timeline");
	for (unsigned i = 0; i < t->n; i++) {
		const struct rr_pkt *p = &t->v[i];

		json_obj_begin(j, NULL);
		/* from the case's first packet, on the backend's clock, to the microsecond */
		json_fixed(j, "t_ms", (p->at_ns >= t0 ? p->at_ns - t0 : 0) / 1000u, 3);
		json_str(j, "dir", p->to_dut ? "to_dut" : "from_dut");
		json_str(j, "link", rr_link_name(p->link));
		json_u64(j, "len", p->len);
		json_str(j, "summary", p->summary ? p->summary : "");
		json_obj_end(j);
	}
	json_arr_end(j);
	json_u64(j, "timeline_dropped", t->dropped);
}

/* The case's capture: relative to the report in a bundle ("pcaps/ID.pcap"), else the
 * path the run wrote. */
static const char *rj_pcap(const struct run_report *r, const struct rr_case *d)
{
	const char *slash;

	if (!d->pcap)
		return "";
	if (!r->o.bundle)
		return d->pcap;
	slash = strrchr(d->pcap, '/');
	return slash && slash - d->pcap >= 5 ? slash - 5 : d->pcap; /* "pcaps/ID.pcap" */
}

static void rj_case(struct json *j, const struct run_report *r, const struct rr_case *d)
{
	const struct case_def *c = d->c;

	json_obj_begin(j, NULL);
	json_str(j, "id", c->id);
	json_str(j, "title", c->title);
	json_str(j, "suite", r->o.sel->suite_names[d->suite]);
	json_str(j, "role", case_role_name(c->role));
	json_str(j, "ref", c->ref);
	json_str(j, "level", case_level_name(c->level));
	json_str(j, "pics", c->pics ? c->pics : "");
	json_str(j, "procedure", c->procedure ? c->procedure : "");
	json_str(j, "criterion", c->pass ? c->pass : "");
	rj_words(j, "reqs", c->reqs);
	json_str(j, "verdict", case_verdict_name(d->v));
	json_str(j, "reason", d->reason);
	/* real milliseconds to the microsecond: a reference's case takes well under 1 ms */
	json_fixed(j, "time_ms", d->wall_ns / 1000u, 3);
	json_u64(j, "dut_ms", d->dut_ms);
	json_str(j, "dut_clock", d->dut_virtual ? "virtual" : "real");
	json_str(j, "dut", d->dut);
	json_str(j, "start_utc", txt_utc(d->start_wall_ns, 0).s);
	json_str(j, "pcap", rj_pcap(r, d));
	if (d->pcap_sha256[0])
		json_str(j, "pcap_sha256", d->pcap_sha256);
	json_str(j, "log", d->log);
	rj_timeline(j, &d->tl);
	if (d->dp.probes)
		rj_dp(j, &d->dp);
	json_obj_end(j);
}

/* The RFC a case reference starts with: "RFC 5563" of "RFC 5563 §4.3; RFC 5944 §3.8". */
static size_t rj_rfc(const char *ref, char *buf, size_t len)
{
	const char *s = ref ? strstr(ref, "RFC ") : NULL;
	size_t n;

	if (!s)
		return (size_t)snprintf(buf, len, "other");
	n = 4 + strspn(s + 4, "0123456789");
	return (size_t)snprintf(buf, len, "%.*s", (int)n, s);
}

static void rj_counts(struct json *j, const char *key, const size_t c[CASE_VERDICT_COUNT])
{
	json_obj_begin(j, key);
	for (int v = 0; v < CASE_VERDICT_COUNT; v++)
		json_u64(j, case_verdict_name((enum case_verdict)v), c[v]);
	json_obj_end(j);
}

/* "rfcs": per RFC (in the order they first occur), per level that has cases. */
static void rj_rfcs(struct json *j, const struct run_report *r)
{
	json_obj_begin(j, "rfcs");
	for (size_t i = 0; i < r->n_done; i++) {
		char rfc[24], other[24];
		bool seen = false;

		rj_rfc(r->done[i].c->ref, rfc, sizeof rfc);
		for (size_t k = 0; k < i && !seen; k++)
			seen = rj_rfc(r->done[k].c->ref, other, sizeof other) &&
			       !strcmp(rfc, other);
		if (seen)
			continue;
		json_obj_begin(j, rfc);
		for (int l = CASE_MUST; l <= CASE_MAY; l++) {
			size_t c[CASE_VERDICT_COUNT] = { 0 }, n = 0;

			for (size_t k = i; k < r->n_done; k++)
				if (r->done[k].c->level == (enum case_level)l &&
				    rj_rfc(r->done[k].c->ref, other, sizeof other) &&
				    !strcmp(rfc, other)) {
					c[r->done[k].v]++;
					n++;
				}
			if (n)
				rj_counts(j, case_level_name((enum case_level)l), c);
		}
		json_obj_end(j);
	}
	json_obj_end(j);
}

static void rj_summary(struct json *j, const struct run_report *r, bool interrupted)
{
	json_obj_begin(j, "summary");
	for (int v = 0; v < CASE_VERDICT_COUNT; v++)
		json_u64(j, case_verdict_name((enum case_verdict)v), r->counts[v]);
	json_u64(j, "total", r->n_done);
	json_obj_begin(j, "levels");
	for (int l = CASE_MUST; l <= CASE_MAY; l++)
		rj_counts(j, case_level_name((enum case_level)l), r->by_level[l]);
	json_obj_end(j);
	rj_rfcs(j, r);
	json_bool(j, "strict", r->o.strict);
	json_str(j, "dut_stopped_at", r->stopped_at);
	json_str(j, "dut_stopped_why", r->stopped_why);
	json_u64(j, "planned", r->o.sel->n);
	json_bool(j, "interrupted", interrupted);
	json_bool(j, "finished", r->finished);
	json_u64(j, "wall_ms", ((r->finished ? r->end_mono_ns : run_report_mono_ns()) - r->t0) / 1000000u);
	json_obj_end(j);
}

/* Does the blank-separated list s hold the word w? */
static bool rj_has_word(const char *s, const char *w)
{
	size_t n = strlen(w);

	for (const char *p = s; p && (p = strstr(p, w)); p += n)
		if ((p == s || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return true;
	return false;
}

/* Every requirement of pmip4ct-cases(7) with the cases of the campaign that check it,
 * and their verdicts in this report ("not run": in the campaign, not finished here). */
static int rj_requirements(struct json *j, const struct run_report *r)
{
	const struct case_def *const *camp = r->o.sel->cases;
	size_t n_req, n_camp = r->o.sel->n;
	const struct req_def *req = req_all(&n_req);

	if (r->o.meta && r->o.meta->campaign) {
		camp = r->o.meta->campaign;
		n_camp = r->o.meta->n_campaign;
	}
	const char **verdict = calloc(n_camp ? n_camp : 1, sizeof *verdict);

	for (size_t k = 0; verdict && k < n_camp; k++) {
		verdict[k] = "not run";
		for (size_t d = 0; d < r->n_done; d++)
			if (r->done[d].c == camp[k])
				verdict[k] = case_verdict_name(r->done[d].v);
	}
	json_arr_begin(j, "requirements");
	for (size_t i = 0; verdict && i < n_req; i++) {
		json_obj_begin(j, NULL);
		json_str(j, "id", req[i].id);
		json_str(j, "ref", req[i].ref);
		json_str(j, "level", req[i].level);
		json_str(j, "role", req[i].role);
		json_str(j, "text", req[i].text);
		json_bool(j, "wire", req[i].wire);
		if (req[i].why)
			json_str(j, "why", req[i].why);
		json_arr_begin(j, "cases");
		for (size_t k = 0; k < n_camp; k++)
			if (rj_has_word(camp[k]->reqs, req[i].id)) {
				json_obj_begin(j, NULL);
				json_str(j, "id", camp[k]->id);
				json_str(j, "verdict", verdict[k]);
				json_obj_end(j);
			}
		json_arr_end(j);
		json_obj_end(j);
	}
	json_arr_end(j);
	if (!verdict)
		return -1;
	free(verdict);
	return 0;
}

/* What went otherwise than planned, for observations.deviations: a stop, a DUT that
 * stopped answering.  (A shard's part of the campaign is in run.shard: a merge of the
 * shards has no such deviation.) */
static void rj_deviations(const struct run_report *r, bool interrupted,
			  char buf[2][RUN_REASON_MAX + 160], const char *dev[3])
{
	size_t n = 0;

	if (interrupted)
		snprintf(buf[n++], sizeof buf[0], "stopped by a signal after %zu of %zu cases: "
			 "the others did not run", r->n_done, r->o.sel->n);
	if (!strcmp(r->stopped_at, "baseline"))
		snprintf(buf[n++], sizeof buf[0], "the DUT refused the baseline before the "
			 "first case (%s): its cases are inconc, not run", r->stopped_why);
	else if (r->stopped_at[0]) /* stopped_why says at which case */
		snprintf(buf[n++], sizeof buf[0], "%s: the cases after it are inconc, not run",
			 r->stopped_why);
	for (size_t i = 0; i < n; i++)
		dev[i] = buf[i];
	dev[n] = NULL;
}

int rr_json(FILE *f, const struct run_report *r, bool interrupted)
{
	char buf[2][RUN_REASON_MAX + 160];
	const char *dev[3];
	struct json j;
	int rc;

	json_init(&j, f);
	json_obj_begin(&j, NULL);
	rj_deviations(r, interrupted, buf, dev);
	if (r->o.meta)
		run_meta_json(&j, r->o.meta, r->o.sel->n,
			      r->n_done == r->o.sel->n && !r->stopped_at[0],
			      r->finished ? r->end_wall_ns : 0, interrupted, dev);
	rj_summary(&j, r, interrupted);
	rc = rj_requirements(&j, r);
	json_arr_begin(&j, "cases");
	for (size_t i = 0; i < r->n_done; i++)
		rj_case(&j, r, &r->done[i]);
	json_arr_end(&j);
	json_obj_end(&j);
	json_finish(&j);
	return rc;
}
