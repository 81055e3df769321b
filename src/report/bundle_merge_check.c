/* bundle_merge_check.c — which shard bundles may merge (bundle_merge.h, issue #17): each
 * report.json has the members a merge reads (docs/report-schema.json), the shards are of
 * one campaign, build, DUT, PICS and PIXIT, and are shards 1..N of N once each; their
 * cases, each in one shard only, in the campaign's order.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bundle_merge.h"
#include "bundle_merge_priv.h"
#include "digest.h"
#include "junit.h"

json_t *bm_at(const json_t *root, const char *path)
{
	const json_t *o = root;
	json_t *v = NULL;
	const char *p = path;

	while (o && *p) {
		const char *dot = strchr(p, '.');
		size_t len = dot ? (size_t)(dot - p) : strlen(p);

		o = v = json_is_object(o) ? json_object_getn(o, p, len) : NULL;
		p += len + (dot != NULL);
	}
	return v;
}

const char *bm_str(const json_t *root, const char *path)
{
	const char *s = json_string_value(bm_at(root, path));

	return s ? s : "";
}

int bm_say(int rc, char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return rc;
}

/* ---- the members a merge reads, and their types ---- */

enum bm_kind { BMK_STR, BMK_INT, BMK_BOOL, BMK_ARR, BMK_OBJ };

static const char *const bm_kind_name[] = { "a string", "an integer", "true or false",
					    "an array", "an object" };

static const struct {
	const char *path;
	enum bm_kind kind;
} bm_members[] = {
	{ "tool.version", BMK_STR },	       { "tool.build", BMK_STR },
	{ "run.command", BMK_ARR },	       { "run.host", BMK_STR },
	{ "run.lab", BMK_STR },		       { "run.operator", BMK_STR },
	{ "run.start_utc", BMK_STR },	       { "run.end_utc", BMK_STR },
	{ "run.interrupted", BMK_BOOL },       { "run.planned", BMK_INT },
	{ "run.shard.index", BMK_INT },	       { "run.shard.total", BMK_INT },
	{ "run.campaign.cases", BMK_INT },     { "run.campaign.sha256", BMK_STR },
	{ "run.campaign.ids", BMK_ARR },       { "dut.roles", BMK_ARR },
	{ "dut.vendor", BMK_STR },	       { "dut.model", BMK_STR },
	{ "dut.software", BMK_STR },	       { "pics.sha256", BMK_STR },
	{ "pixit.sha256", BMK_STR },	       { "observations.variants", BMK_ARR },
	{ "observations.faults", BMK_ARR },    { "observations.strict", BMK_BOOL },
	{ "observations.notes", BMK_ARR },     { "observations.deviations", BMK_ARR },
	{ "summary.finished", BMK_BOOL },      { "requirements", BMK_ARR },
	{ "cases", BMK_ARR },
};

static bool bm_is(const json_t *v, enum bm_kind k)
{
	switch (k) {
	case BMK_STR: return json_is_string(v);
	case BMK_INT: return json_is_integer(v);
	case BMK_BOOL: return json_is_boolean(v);
	case BMK_ARR: return json_is_array(v);
	default: return json_is_object(v);
	}
}

/* cases[i]: an object whose id, suite, ref, level, verdict and pcap are usable. */
static int bm_valid_case(const struct bundle_shard *s, size_t i, json_t *c, char *err,
			 size_t errlen)
{
	static const char *const strs[] = { "id", "suite", "ref", "level", "verdict", "pcap" };
	const char *pcap;

	if (!json_is_object(c))
		return bm_say(BM_BAD, err, errlen, "%sreport.json: cases[%zu]: not an object",
			      s->name, i);
	for (size_t k = 0; k < sizeof strs / sizeof strs[0]; k++)
		if (!json_is_string(json_object_get(c, strs[k])))
			return bm_say(BM_BAD, err, errlen,
				      "%sreport.json: cases[%zu].%s: missing or not a string",
				      s->name, i, strs[k]);
	if (!*bm_str(c, "id"))
		return bm_say(BM_BAD, err, errlen, "%sreport.json: cases[%zu].id: empty",
			      s->name, i);
	if (junit_verdict_of(bm_str(c, "verdict")) < 0)
		return bm_say(BM_BAD, err, errlen, "%sreport.json: cases[%zu].verdict: \"%.32s\" "
			      "is not a verdict", s->name, i, bm_str(c, "verdict"));
	if (junit_level_of(bm_str(c, "level")) < 0)
		return bm_say(BM_BAD, err, errlen, "%sreport.json: cases[%zu].level: \"%.32s\" "
			      "is not MUST, SHOULD or MAY", s->name, i, bm_str(c, "level"));
	pcap = bm_str(c, "pcap");
	if (*pcap && strlen(bm_str(c, "pcap_sha256")) != DIGEST_HEX - 1)
		return bm_say(BM_BAD, err, errlen, "%sreport.json: cases[%zu].pcap_sha256: not a "
			      "SHA-256 for pcap %.64s", s->name, i, pcap);
	/* evidence stays inside the bundle: pcaps/NAME, nothing else */
	if (*pcap && (strncmp(pcap, "pcaps/", 6) || !pcap[6] || strchr(pcap + 6, '/') ||
		      !strcmp(pcap + 6, ".") || !strcmp(pcap + 6, "..")))
		return bm_say(BM_BAD, err, errlen, "%sreport.json: cases[%zu].pcap: \"%.64s\" is "
			      "not pcaps/NAME", s->name, i, pcap);
	return BM_OK;
}

/* run.campaign: ids are strings, as many as cases, each once, hashing to sha256 (one ID
 * per line, as run_meta.c computes it). */
static int bm_valid_campaign(const struct bundle_shard *s, char *err, size_t errlen)
{
	json_t *ids = bm_at(s->report, "run.campaign.ids"), *seen = json_object(), *id;
	char hex[DIGEST_HEX];
	char *text = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&text, &len);
	int rc = BM_OK;

	if (!seen || !f) {
		rc = bm_say(BM_BAD, err, errlen, "out of memory");
		goto out;
	}
	json_array_foreach(ids, i, id) {
		if (!json_is_string(id) || !*json_string_value(id)) {
			rc = bm_say(BM_BAD, err, errlen, "%sreport.json: run.campaign.ids[%zu]: "
				    "not a case ID", s->name, i);
			goto out;
		}
		if (json_object_get(seen, json_string_value(id))) {
			rc = bm_say(BM_BAD, err, errlen, "%sreport.json: run.campaign.ids: %.64s "
				    "twice", s->name, json_string_value(id));
			goto out;
		}
		json_object_set(seen, json_string_value(id), json_true());
		fprintf(f, "%s\n", json_string_value(id));
	}
	if (json_integer_value(bm_at(s->report, "run.campaign.cases")) !=
	    (json_int_t)json_array_size(ids)) {
		rc = bm_say(BM_BAD, err, errlen, "%sreport.json: run.campaign.cases is %lld, but "
			    "run.campaign.ids has %zu", s->name,
			    (long long)json_integer_value(bm_at(s->report, "run.campaign.cases")),
			    json_array_size(ids));
		goto out;
	}
	fclose(f);
	f = NULL;
	digest_sha256_hex(text, len, hex);
	if (strcmp(hex, bm_str(s->report, "run.campaign.sha256")))
		rc = bm_say(BM_BAD, err, errlen, "%sreport.json: run.campaign.ids hash to %s, "
			    "not run.campaign.sha256 %.64s", s->name, hex,
			    bm_str(s->report, "run.campaign.sha256"));
out:
	if (f)
		fclose(f);
	free(text);
	json_decref(seen);
	return rc;
}

int bundle_merge_valid(const struct bundle_shard *s, char *err, size_t errlen)
{
	json_t *c;
	json_int_t index, total;
	size_t i;
	int rc;

	if (!json_is_object(s->report))
		return bm_say(BM_BAD, err, errlen, "%sreport.json: not a JSON object", s->name);
	if (!json_is_string(json_object_get(s->report, "schema")))
		return bm_say(BM_BAD, err, errlen, "%sreport.json: schema: missing or not a "
			      "string", s->name);
	if (strcmp(bm_str(s->report, "schema"), BUNDLE_MERGE_SCHEMA))
		return bm_say(BM_REFUSED, err, errlen, "shard %s: schema \"%.64s\" is not \"%s\"",
			      s->name, bm_str(s->report, "schema"), BUNDLE_MERGE_SCHEMA);
	for (size_t k = 0; k < sizeof bm_members / sizeof bm_members[0]; k++)
		if (!bm_is(bm_at(s->report, bm_members[k].path), bm_members[k].kind))
			return bm_say(BM_BAD, err, errlen, "%sreport.json: %s: missing or not %s",
				      s->name, bm_members[k].path,
				      bm_kind_name[bm_members[k].kind]);
	index = json_integer_value(bm_at(s->report, "run.shard.index"));
	total = json_integer_value(bm_at(s->report, "run.shard.total"));
	if (total < 1 || index < 1 || index > total)
		return bm_say(BM_BAD, err, errlen, "%sreport.json: run.shard: %lld/%lld is not "
			      "a shard", s->name, (long long)index, (long long)total);
	json_array_foreach(json_object_get(s->report, "cases"), i, c)
		if ((rc = bm_valid_case(s, i, c, err, errlen)) != BM_OK)
			return rc;
	return bm_valid_campaign(s, err, errlen);
}

/* ---- what must agree ---- */

static const struct {
	const char *path;
	const char *what; /* a summary put first, or NULL */
} bm_same[] = {
	{ "tool.version", NULL },
	{ "tool.build", NULL },
	{ "pics.sha256", "PICS differ" },
	{ "pixit.sha256", "PIXIT differ" },
	{ "run.campaign.sha256", "campaigns differ" },
	{ "run.shard.total", NULL },
	{ "dut.vendor", NULL },
	{ "dut.model", NULL },
	{ "dut.software", NULL },
	{ "dut.roles", NULL },
	/* the addresses come from --dut-ha/--dut-pma, not from the PIXIT files: a shard run
	 * against the built-in reference, or another device, is another DUT */
	{ "dut.addresses", "DUTs differ" },
	{ "dut.reference", "DUTs differ" },
	{ "observations.variants", NULL },
	{ "observations.faults", NULL },
	{ "observations.strict", NULL },
};

/* A value as a message shows it: a string without quotes (escaped as JSON), the rest as
 * compact JSON.  free() it. */
static char *bm_show(const json_t *v)
{
	char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	size_t n = s ? strlen(s) : 0;

	if (s && json_is_string(v) && n >= 2) {
		memmove(s, s + 1, n - 2);
		s[n - 2] = '\0';
	}
	return s;
}

static int bm_differs(const struct bundle_shard *a, const struct bundle_shard *b, size_t k,
		      char *err, size_t errlen)
{
	json_t *va = bm_at(a->report, bm_same[k].path), *vb = bm_at(b->report, bm_same[k].path);
	char *sa = bm_show(va), *sb = bm_show(vb);

	bm_say(BM_REFUSED, err, errlen, "shard %s: %s%s%s %.80s differs from %s's %.80s",
	       b->name, bm_same[k].what ? bm_same[k].what : "", bm_same[k].what ? ": " : "",
	       bm_same[k].path, sb ? sb : "?", a->name, sa ? sa : "?");
	free(sa);
	free(sb);
	return BM_REFUSED;
}

static json_int_t bm_index(const struct bundle_shard *s)
{
	return json_integer_value(bm_at(s->report, "run.shard.index"));
}

int bundle_merge_agree(struct bundle_shard *s, size_t n, char *err, size_t errlen)
{
	json_int_t total;

	for (size_t i = 1; i < n; i++)
		for (size_t k = 0; k < sizeof bm_same / sizeof bm_same[0]; k++)
			if (!json_equal(bm_at(s[0].report, bm_same[k].path),
					bm_at(s[i].report, bm_same[k].path)))
				return bm_differs(&s[0], &s[i], k, err, errlen);
	/* by index, stable: a shard given twice is named in the order given */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && bm_index(&s[j - 1]) > bm_index(&s[j]); j--) {
			struct bundle_shard t = s[j];

			s[j] = s[j - 1];
			s[j - 1] = t;
		}
	total = json_integer_value(bm_at(s[0].report, "run.shard.total"));
	for (size_t i = 1; i < n; i++)
		if (bm_index(&s[i]) == bm_index(&s[i - 1]))
			return bm_say(BM_REFUSED, err, errlen, "shard %lld/%lld given twice: %s "
				      "and %s", (long long)bm_index(&s[i]), (long long)total,
				      s[i - 1].name, s[i].name);
	for (json_int_t want = 1; want <= total; want++)
		if ((size_t)(want - 1) >= n || bm_index(&s[want - 1]) != want)
			return bm_say(BM_REFUSED, err, errlen, "shard %lld/%lld missing",
				      (long long)want, (long long)total);
	return BM_OK;
}

/* ---- the cases in campaign order ---- */

json_t *bundle_merge_cases(const struct bundle_shard *s, size_t n, char *err, size_t errlen,
			   int *rc)
{
	json_t *ids = bm_at(s[0].report, "run.campaign.ids"), *pos = json_object(), *id, *c;
	size_t m = json_array_size(ids), i;
	json_t **slot = calloc(m ? m : 1, sizeof *slot);
	size_t *owner = calloc(m ? m : 1, sizeof *owner);
	json_t *out = json_array();

	*rc = BM_BAD;
	if (!pos || !slot || !owner || !out) {
		bm_say(BM_BAD, err, errlen, "out of memory");
		goto fail;
	}
	json_array_foreach(ids, i, id)
		json_object_set_new(pos, json_string_value(id), json_integer((json_int_t)i));
	*rc = BM_REFUSED;
	for (size_t k = 0; k < n; k++)
		json_array_foreach(json_object_get(s[k].report, "cases"), i, c) {
			const char *cid = bm_str(c, "id");
			json_t *p = json_object_get(pos, cid);
			size_t at = (size_t)json_integer_value(p);

			if (!p) {
				bm_say(BM_REFUSED, err, errlen, "shard %s: case %.64s is not in "
				       "run.campaign.ids", s[k].name, cid);
				goto fail;
			}
			if (slot[at]) {
				bm_say(BM_REFUSED, err, errlen, "case %.64s is in two shards: %s and "
				       "%s", cid, s[owner[at]].name, s[k].name);
				goto fail;
			}
			slot[at] = c;
			owner[at] = k;
		}
	*rc = BM_BAD;
	for (i = 0; i < m; i++)
		if (slot[i] && json_array_append(out, slot[i]) < 0) {
			bm_say(BM_BAD, err, errlen, "out of memory");
			goto fail;
		}
	*rc = BM_OK;
	goto done;
fail:
	json_decref(out);
	out = NULL;
done:
	json_decref(pos);
	free(slot);
	free(owner);
	return out;
}
