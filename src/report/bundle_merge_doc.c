/* bundle_merge_doc.c — the merged report.json (bundle_merge.h; docs/report-schema.json,
 * issue #17): shard 1's identification, the run as the shards ran it together, the
 * observations of all, the summary and the requirement coverage recomputed over the
 * merged cases.  Members are written in shard 1's order.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "bundle_merge.h"
#include "bundle_merge_priv.h"

/* Verdicts and levels as the schema's summary lists them. */
static const char *const bm_verdicts[] = { "pass", "fail", "warn", "inconc", "none", "error" };
static const char *const bm_levels[] = { "MUST", "SHOULD", "MAY" };

#define BM_NVERDICT (sizeof bm_verdicts / sizeof bm_verdicts[0])

static json_t *bm_counts(void)
{
	json_t *o = json_object();

	for (size_t v = 0; o && v < BM_NVERDICT; v++)
		json_object_set_new(o, bm_verdicts[v], json_integer(0));
	return o;
}

static void bm_count(json_t *counts, const char *verdict)
{
	json_t *v = json_object_get(counts, verdict);

	if (v)
		json_integer_set(v, json_integer_value(v) + 1);
}

/* The first "RFC NNNN" of ref into key ("RFC 5563"), or "other" when it cites none, as
 * a run counts them (run_json.c).  Always true. */
static bool bm_rfc(const char *ref, char *key, size_t len)
{
	for (const char *p = ref; (p = strstr(p, "RFC ")); p += 4) {
		size_t d = strspn(p + 4, "0123456789");

		if (d && d < 12) {
			snprintf(key, len, "RFC %.*s", (int)d, p + 4);
			return true;
		}
	}
	snprintf(key, len, "other");
	return true;
}

/* summary.rfcs[key][level], made on first use (RFCs and their levels in the order the
 * cases first cite them). */
static json_t *bm_rfc_counts(json_t *rfcs, const char *key, const char *level)
{
	json_t *r = json_object_get(rfcs, key), *c;

	if (!r && json_object_set_new(rfcs, key, r = json_object()) < 0)
		return NULL;
	if (!(c = json_object_get(r, level)) && json_object_set_new(r, level, c = bm_counts()) < 0)
		return NULL;
	return c;
}

json_t *bundle_merge_summary(json_t *cases)
{
	json_t *s = bm_counts(), *levels = json_object(), *rfcs = json_object(), *c;
	char key[32];
	size_t i;

	if (!s || !levels || !rfcs)
		goto fail;
	for (size_t l = 0; l < sizeof bm_levels / sizeof bm_levels[0]; l++)
		json_object_set_new(levels, bm_levels[l], bm_counts());
	json_array_foreach(cases, i, c) {
		const char *v = bm_str(c, "verdict"), *l = bm_str(c, "level");

		bm_count(s, v);
		bm_count(json_object_get(levels, l), v);
		if (bm_rfc(bm_str(c, "ref"), key, sizeof key))
			bm_count(bm_rfc_counts(rfcs, key, l), v);
	}
	json_object_set_new(s, "total", json_integer((json_int_t)json_array_size(cases)));
	json_object_set_new(s, "levels", levels);
	json_object_set_new(s, "rfcs", rfcs);
	return s;
fail:
	json_decref(s);
	json_decref(levels);
	json_decref(rfcs);
	return NULL;
}

/* ---- run ---- */

/* Append the strings of from not yet in to. */
static void bm_union(json_t *to, json_t *from)
{
	json_t *v, *w;
	size_t i, k;

	json_array_foreach(from, i, v) {
		bool seen = false;

		json_array_foreach(to, k, w)
			seen |= json_equal(v, w);
		if (!seen)
			json_array_append(to, v);
	}
}

static bool bm_any(const struct bundle_shard *s, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (json_is_true(bm_at(s[i].report, path)))
			return true;
	return false;
}

static bool bm_all(const struct bundle_shard *s, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (!json_is_true(bm_at(s[i].report, path)))
			return false;
	return true;
}

static json_int_t bm_sum(const struct bundle_shard *s, size_t n, const char *path, bool max)
{
	json_int_t t = 0;

	for (size_t i = 0; i < n; i++) {
		json_int_t v = json_integer_value(bm_at(s[i].report, path));

		t = max ? (v > t ? v : t) : t + v;
	}
	return t;
}

/* The distinct hosts, in shard order, joined by ", ". */
static json_t *bm_hosts(const struct bundle_shard *s, size_t n)
{
	json_t *hosts = json_array(), *h, *out;
	char *text = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&text, &len);

	for (size_t k = 0; hosts && k < n; k++) {
		json_t *one = json_pack("[O]", bm_at(s[k].report, "run.host"));

		bm_union(hosts, one);
		json_decref(one);
	}
	json_array_foreach(hosts, i, h)
		if (f)
			fprintf(f, "%s%s", i ? ", " : "", json_string_value(h));
	if (f)
		fclose(f);
	out = f ? json_stringn(text ? text : "", len) : NULL;
	free(text);
	json_decref(hosts);
	return out;
}

static json_t *bm_run(const struct bundle_shard *s, size_t n, size_t n_cases)
{
	json_t *run = json_deep_copy(bm_at(s[0].report, "run")), *merged = json_array();
	const char *start = bm_str(s[0].report, "run.start_utc");
	const char *end = bm_str(s[0].report, "run.end_utc");

	for (size_t i = 1; i < n; i++) {
		const char *a = bm_str(s[i].report, "run.start_utc");
		const char *b = bm_str(s[i].report, "run.end_utc");

		/* ISO 8601 UTC of one format: text order is time order */
		start = strcmp(a, start) < 0 ? a : start;
		end = !*end || !*b ? "" : strcmp(b, end) > 0 ? b : end;
	}
	for (size_t i = 0; merged && i < n; i++)
		json_array_append_new(merged, json_integer((json_int_t)i + 1));
	if (!run || !merged) {
		json_decref(run);
		json_decref(merged);
		return NULL;
	}
	json_object_set_new(run, "host", bm_hosts(s, n));
	json_object_set_new(run, "start_utc", json_string(start));
	json_object_set_new(run, "end_utc", json_string(end));
	json_object_set_new(run, "complete", json_boolean(*end && !bm_any(s, n, "run.interrupted") &&
		(json_int_t)n_cases == json_integer_value(bm_at(run, "campaign.cases"))));
	json_object_set_new(run, "interrupted", json_boolean(bm_any(s, n, "run.interrupted")));
	json_object_set_new(run, "planned", json_integer(bm_sum(s, n, "run.planned", false)));
	json_object_set_new(run, "shard", json_pack("{s:i, s:i, s:o}", "index", 1, "total", 1,
						    "merged", merged));
	return run;
}

/* ---- observations, summary, requirements ---- */

static json_t *bm_observations(const struct bundle_shard *s, size_t n)
{
	json_t *o = json_deep_copy(bm_at(s[0].report, "observations"));

	for (size_t i = 1; o && i < n; i++) {
		bm_union(json_object_get(o, "notes"), bm_at(s[i].report, "observations.notes"));
		bm_union(json_object_get(o, "deviations"),
			 bm_at(s[i].report, "observations.deviations"));
	}
	return o;
}

static json_t *bm_summary(const struct bundle_shard *s, size_t n, json_t *cases)
{
	json_t *sum = bundle_merge_summary(cases);

	if (!sum)
		return NULL;
	/* as a run writes them: strict, where a DUT stopped answering (run_json.c) */
	const char *stopped_at = "", *stopped_why = "";

	for (size_t i = 0; i < n && !*stopped_at; i++) { /* the first shard's that did */
		stopped_at = bm_str(s[i].report, "summary.dut_stopped_at");
		stopped_why = bm_str(s[i].report, "summary.dut_stopped_why");
	}
	json_object_set_new(sum, "strict", json_boolean(json_is_true(
		bm_at(s[0].report, "observations.strict"))));
	json_object_set_new(sum, "dut_stopped_at", json_string(stopped_at));
	json_object_set_new(sum, "dut_stopped_why", json_string(stopped_why));
	json_object_set_new(sum, "planned", json_integer(bm_sum(s, n, "run.planned", false)));
	json_object_set_new(sum, "interrupted", json_boolean(bm_any(s, n, "run.interrupted")));
	json_object_set_new(sum, "finished", json_boolean(bm_all(s, n, "summary.finished")));
	json_object_set_new(sum, "wall_ms", json_integer(bm_sum(s, n, "summary.wall_ms", true)));
	return sum;
}

/* Shard 1's requirements, each case's verdict the merged one, or "not run". */
static json_t *bm_requirements(const struct bundle_shard *s, json_t *cases)
{
	json_t *reqs = json_deep_copy(bm_at(s[0].report, "requirements"));
	json_t *verdict = json_object(), *c, *r, *rc;
	size_t i, k;

	if (!reqs || !verdict)
		goto fail;
	json_array_foreach(cases, i, c)
		json_object_set(verdict, bm_str(c, "id"), json_object_get(c, "verdict"));
	json_array_foreach(reqs, i, r)
		json_array_foreach(json_object_get(r, "cases"), k, rc) {
			json_t *v = json_object_get(verdict, bm_str(rc, "id"));

			if (json_is_object(rc))
				json_object_set_new(rc, "verdict",
						    v ? json_incref(v) : json_string("not run"));
		}
	json_decref(verdict);
	return reqs;
fail:
	json_decref(reqs);
	json_decref(verdict);
	return NULL;
}

json_t *bundle_merge_report(const struct bundle_shard *s, size_t n, json_t *cases)
{
	json_t *r = json_object(), *v;
	const char *key;

	if (!r)
		return NULL;
	json_object_foreach(s[0].report, key, v) {
		json_t *m;

		if (!strcmp(key, "run"))
			m = bm_run(s, n, json_array_size(cases));
		else if (!strcmp(key, "observations"))
			m = bm_observations(s, n);
		else if (!strcmp(key, "summary"))
			m = bm_summary(s, n, cases);
		else if (!strcmp(key, "requirements"))
			m = bm_requirements(s, cases);
		else if (!strcmp(key, "cases"))
			m = json_incref(cases);
		else
			m = json_deep_copy(v); /* schema, tool, dut, pics, pixit, load, ... */
		if (!m || json_object_set_new(r, key, m) < 0) {
			json_decref(r);
			return NULL;
		}
	}
	return r;
}
