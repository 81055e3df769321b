/* test_bundle_merge.c — the pure parts of `pmip4ct report merge DIR... --out DIR`
 * (report/bundle_merge_*.c, issue #17) on the sample report (tests/data): the summary
 * recomputed from its cases is the sample's; three round-robin shards of it, given in any
 * order, merge back into its cases and requirement verdicts; every disagreement between
 * shards and every malformed member is refused with the shard and the member named.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "bundle_merge.h"
#include "report_test_util.h"

#define NSHARD 3

/* The sample with run.campaign.ids: its cases in order (they hash to its sha256, and are
 * as many as run.campaign.cases then). */
static json_t *campaign_sample(void)
{
	json_t *r = report_sample(), *ids = json_array(), *c;
	size_t i;

	json_array_foreach(json_object_get(r, "cases"), i, c)
		json_array_append(ids, json_object_get(c, "id"));
	json_object_set_new(json_object_get(json_object_get(r, "run"), "campaign"), "cases",
			    json_integer((json_int_t)json_array_size(ids)));
	json_object_set_new(json_object_get(json_object_get(r, "run"), "campaign"), "ids", ids);
	return r;
}

/* Shard k (1-based) of NSHARD: the sample's cases at positions k-1, k-1+NSHARD, ... */
static json_t *shard(const json_t *base, int k)
{
	json_t *r = json_deep_copy(base), *cases = json_array(), *c;
	json_t *run = json_object_get(r, "run");
	size_t i;

	json_array_foreach(json_object_get(base, "cases"), i, c)
		if ((int)(i % NSHARD) == k - 1)
			json_array_append(cases, c);
	json_object_set_new(r, "cases", cases);
	json_object_set_new(run, "shard", json_pack("{s:i, s:i}", "index", k, "total", NSHARD));
	json_object_set_new(run, "host", json_sprintf("host-%d", k));
	return r;
}

struct shards {
	json_t *base, *r[NSHARD + 1];
	struct bundle_shard s[NSHARD + 1];
	char name[NSHARD + 1][8];
	size_t n;
};

/* Shards in the order given by order[] (1-based indexes, 0 ends it). */
static void shards_make(struct shards *t, const int *order)
{
	memset(t, 0, sizeof *t);
	t->base = campaign_sample();
	for (; order[t->n]; t->n++) {
		snprintf(t->name[t->n], sizeof t->name[t->n], "s%d/", order[t->n]);
		t->r[t->n] = shard(t->base, order[t->n]);
		t->s[t->n] = (struct bundle_shard){ t->name[t->n], t->name[t->n], t->r[t->n] };
	}
}

static void shards_free(struct shards *t)
{
	for (size_t i = 0; i < t->n; i++)
		json_decref(t->r[i]);
	json_decref(t->base);
}

static void summary_of_sample(void **state)
{
	json_t *r = report_sample(), *s = json_object_get(r, "summary");
	json_t *m = bundle_merge_summary(json_object_get(r, "cases"));
	static const char *const keys[] = { "pass", "fail",  "warn",   "inconc", "none",
					    "error", "total", "levels", "rfcs" };

	(void)state;
	assert_non_null(m);
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
		if (!json_equal(json_object_get(s, keys[k]), json_object_get(m, keys[k])))
			fail_msg("summary.%s: %s, not the sample's %s", keys[k],
				 json_dumps(json_object_get(m, keys[k]), JSON_COMPACT),
				 json_dumps(json_object_get(s, keys[k]), JSON_COMPACT));
	json_decref(m);
	json_decref(r);
}

static void merge_round_trip(void **state)
{
	struct shards t;
	char err[256] = "";
	json_t *cases, *m, *want_shard = json_pack("{s:i, s:i, s:[i,i,i]}", "index", 1, "total",
						    1, "merged", 1, 2, 3);
	int rc;

	(void)state;
	shards_make(&t, (const int[]){ 3, 1, 2, 0 });
	for (size_t i = 0; i < t.n; i++)
		assert_int_equal(bundle_merge_valid(&t.s[i], err, sizeof err), BM_OK);
	assert_int_equal(bundle_merge_agree(t.s, t.n, err, sizeof err), BM_OK);
	assert_string_equal(t.s[0].name, "s1/"); /* sorted by index */
	cases = bundle_merge_cases(t.s, t.n, err, sizeof err, &rc);
	assert_non_null(cases);
	assert_true(json_equal(cases, json_object_get(t.base, "cases")));
	m = bundle_merge_report(t.s, t.n, cases);
	assert_non_null(m);
	assert_true(json_equal(json_object_get(m, "requirements"),
			       json_object_get(t.base, "requirements")));
	assert_true(json_equal(json_object_get(json_object_get(m, "run"), "shard"), want_shard));
	assert_string_equal(json_string_value(json_object_get(json_object_get(m, "run"), "host")),
			    "host-1, host-2, host-3");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(m, "summary"),
							    "total")), 6);
	json_decref(want_shard);
	json_decref(m);
	json_decref(cases);
	shards_free(&t);
}

/* agree() on shards of order[] after edit(shard at position at) refuses with want. */
static void refused(const int *order, size_t at, const char *path, json_t *value,
		    const char *want)
{
	struct shards t;
	char err[256] = "";

	shards_make(&t, order);
	if (path) {
		char *dot = strchr(path, '.');
		char first[32];

		snprintf(first, sizeof first, "%.*s", (int)(dot - path), path);
		json_object_set_new(json_object_get(t.r[at], first), dot + 1, value);
	}
	assert_int_equal(bundle_merge_agree(t.s, t.n, err, sizeof err), BM_REFUSED);
	if (!strstr(err, want))
		fail_msg("refusal \"%s\" lacks \"%s\"", err, want);
	shards_free(&t);
}

static void refusals(void **state)
{
	(void)state;
	refused((const int[]){ 1, 3, 0 }, 0, NULL, NULL, "shard 2/3 missing");
	refused((const int[]){ 1, 2, 0 }, 0, NULL, NULL, "shard 3/3 missing");
	refused((const int[]){ 1, 2, 2, 3, 0 }, 0, NULL, NULL,
		"shard 2/3 given twice: s2/ and s2/");
	refused((const int[]){ 1, 2, 3, 0 }, 1, "tool.build", json_string("1a2b"),
		"shard s2/: tool.build 1a2b differs from s1/'s 3f9c2a7d41e0b5c8");
	refused((const int[]){ 1, 2, 3, 0 }, 2, "pixit.sha256", json_string("00"),
		"shard s3/: PIXIT differ: pixit.sha256 00 differs");
	refused((const int[]){ 1, 2, 3, 0 }, 2, "dut.model", json_string("EX-HA 9001"),
		"shard s3/: dut.model EX-HA 9001 differs from s1/'s EX-HA 9000");
	/* the same PIXIT files, but one shard run against the built-in reference */
	refused((const int[]){ 1, 2, 3, 0 }, 1, "dut.addresses",
		json_pack("{s:s}", "ha", "built-in reference"), "shard s2/: DUTs differ");
	refused((const int[]){ 1, 2, 3, 0 }, 2, "dut.reference", json_true(),
		"shard s3/: DUTs differ: dut.reference true");
	refused((const int[]){ 1, 2, 3, 0 }, 1, "observations.variants", json_pack("[s]", "x"),
		"shard s2/: observations.variants [\"x\"] differs from s1/'s []");
	refused((const int[]){ 1, 2, 3, 0 }, 1, "observations.strict", json_true(),
		"observations.strict true differs from s1/'s false");
}

static void case_twice(void **state)
{
	struct shards t;
	char err[256] = "";
	int rc = BM_OK;

	(void)state;
	shards_make(&t, (const int[]){ 1, 2, 3, 0 });
	json_array_append(json_object_get(t.r[2], "cases"),
			  json_array_get(json_object_get(t.r[0], "cases"), 0));
	assert_null(bundle_merge_cases(t.s, t.n, err, sizeof err, &rc));
	assert_int_equal(rc, BM_REFUSED);
	assert_string_equal(err, "case HA-AUTH-08 is in two shards: s1/ and s3/");
	shards_free(&t);
}

/* valid() on shard 1 with member key of the object at path set to value (NULL: removed). */
static void invalid(const char *path, const char *key, json_t *value, int want_rc,
		    const char *want)
{
	struct shards t;
	char err[256] = "";
	json_t *o;

	shards_make(&t, (const int[]){ 1, 0 });
	o = t.r[0];
	for (const char *p = path; p && *p;) {
		size_t len = strcspn(p, ".");

		o = json_object_getn(o, p, len);
		p += len + (p[len] == '.');
	}
	if (json_is_array(o))
		o = json_array_get(o, 0); /* cases[0] */
	if (value)
		json_object_set_new(o, key, value);
	else
		json_object_del(o, key);
	assert_int_equal(bundle_merge_valid(&t.s[0], err, sizeof err), want_rc);
	if (!strstr(err, want))
		fail_msg("error \"%s\" lacks \"%s\"", err, want);
	shards_free(&t);
}

static void validation(void **state)
{
	(void)state;
	invalid(NULL, "schema", json_string("pmip4ct-report/2"), BM_REFUSED,
		"shard s1/: schema \"pmip4ct-report/2\" is not \"pmip4ct-report/1\"");
	invalid(NULL, "schema", NULL, BM_BAD, "s1/report.json: schema: missing");
	invalid("run.shard", "total", json_string("3"), BM_BAD,
		"s1/report.json: run.shard.total: missing or not an integer");
	invalid("run.shard", "index", json_integer(4), BM_BAD, "run.shard: 4/3 is not a shard");
	invalid("cases", "verdict", json_string("maybe"), BM_BAD,
		"s1/report.json: cases[0].verdict: \"maybe\" is not a verdict");
	invalid("cases", "pcap", json_string("../../etc/passwd"), BM_BAD,
		"cases[0].pcap: \"../../etc/passwd\" is not pcaps/NAME");
	invalid("cases", "pcap", json_string("pcaps/.."), BM_BAD, "is not pcaps/NAME");
	invalid("cases", "pcap_sha256", json_string("abc"), BM_BAD,
		"cases[0].pcap_sha256: not a SHA-256");
	invalid("run.campaign", "sha256", json_string("0"), BM_BAD,
		"run.campaign.ids hash to 765d8b0a");
	invalid("run.campaign", "cases", json_integer(7), BM_BAD,
		"run.campaign.cases is 7, but run.campaign.ids has 6");
	invalid("observations", "strict", json_string("no"), BM_BAD,
		"observations.strict: missing or not true or false");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(summary_of_sample), cmocka_unit_test(merge_round_trip),
		cmocka_unit_test(refusals),	      cmocka_unit_test(case_twice),
		cmocka_unit_test(validation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
