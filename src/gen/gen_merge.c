/* gen_merge.c — `pmip4ct report merge` (gen.h): the JSON summaries of the shards of one
 * run (gen_out_json) read back with jansson, checked to belong together (one tool build,
 * one profile hash, one shard total, every index 1..N exactly once), their counters
 * added and their histograms rebuilt from the sparse buckets and merged exactly; the
 * quantiles are recomputed from the merged histograms by gen_out_json.
 *
 * Status: 2 for input that is not a summary at all (unreadable, not JSON: file:line:column
 * from jansson, a key missing or of the wrong type), 1 for summaries refused (shards that do
 * not belong together, a histogram or counter that does not add up).
 */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gen_fig.h"
#include "txt.h"

struct shard_in {
	char *path;
	struct gen_meta m;
	struct gen_stats s;
};

struct merge {
	struct shard_in *in;
	size_t n, cap;
	FILE *err;
};

/* The reason, "pmip4ct report merge: " first; rc as given. */
__attribute__((format(printf, 3, 4))) static int fail(struct merge *g, int rc,
						      const char *fmt, ...)
{
	va_list ap;

	fputs("pmip4ct report merge: ", g->err);
	va_start(ap, fmt);
	vfprintf(g->err, fmt, ap);
	va_end(ap);
	fputc('\n', g->err);
	return rc;
}

static const char *esc(const char *s)
{
	static char buf[4][TXT_ESC_MAX]; /* up to 4 in one message */
	static unsigned k;

	k = (k + 1) % 4;
	txt_escape(buf[k], sizeof buf[k], s, strlen(s), TXT_ESC_TEXT);
	return buf[k];
}

/* ---- one summary ---- */

static int get_str(struct merge *g, const char *file, json_t *o, const char *key, char *out,
		   size_t len)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_string(v))
		return fail(g, 2, "%s: \"%s\" is missing or not a string", esc(file), key);
	if (json_string_length(v) >= len)
		return fail(g, 1, "%s: \"%s\" is longer than %zu bytes", esc(file), key, len - 1);
	memcpy(out, json_string_value(v), json_string_length(v) + 1);
	return 0;
}

/* A non-negative integer at o[key] (what = where, for the message). */
static int get_u64(struct merge *g, const char *file, const char *what, json_t *o,
		   const char *key, uint64_t *out)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_integer(v))
		return fail(g, 2, "%s: %s\"%s\" is missing or not an integer", esc(file), what, key);
	if (json_integer_value(v) < 0)
		return fail(g, 1, "%s: %s\"%s\" is negative", esc(file), what, key);
	*out = (uint64_t)json_integer_value(v);
	return 0;
}

static int read_meta(struct merge *g, struct shard_in *s, json_t *root)
{
	json_t *sh = json_object_get(root, "shard"), *dev, *fin, *secs;
	uint64_t idx, total, lo, hi;
	int rc;

	if ((rc = get_str(g, s->path, root, "tool", s->m.tool, sizeof s->m.tool)) ||
	    (rc = get_str(g, s->path, root, "build", s->m.build, sizeof s->m.build)) ||
	    (rc = get_str(g, s->path, root, "profile", s->m.profile, sizeof s->m.profile)) ||
	    (rc = get_str(g, s->path, root, "profile_hash", s->m.profile_hash,
			  sizeof s->m.profile_hash)) ||
	    (rc = get_str(g, s->path, root, "dut", s->m.dut, sizeof s->m.dut)) ||
	    (rc = get_str(g, s->path, root, "start", s->m.start_utc, sizeof s->m.start_utc)) ||
	    (rc = get_str(g, s->path, root, "end", s->m.end_utc, sizeof s->m.end_utc)))
		return rc;
	if ((rc = get_u64(g, s->path, "shard ", sh, "index", &idx)) ||
	    (rc = get_u64(g, s->path, "shard ", sh, "total", &total)))
		return rc;
	if (idx == 0)
		return fail(g, 1, "%s is itself a merge (shard index 0), not a shard", esc(s->path));
	if (total > 4096 || idx > total)
		return fail(g, 1, "%s: shard %" PRIu64 "/%" PRIu64 " is out of range", esc(s->path),
			    idx, total);
	dev = json_object_get(sh, "devices");
	if (json_array_size(dev) != 2 || !json_is_integer(json_array_get(dev, 0)) ||
	    !json_is_integer(json_array_get(dev, 1)))
		return fail(g, 2, "%s: shard \"devices\" is not [LO,HI]", esc(s->path));
	lo = (uint64_t)json_integer_value(json_array_get(dev, 0));
	hi = (uint64_t)json_integer_value(json_array_get(dev, 1));
	if (lo > hi || hi > GEN_DEVICES_MAX)
		return fail(g, 1, "%s: shard devices [%" PRIu64 ",%" PRIu64 "] out of range",
			    esc(s->path), lo, hi);
	fin = json_object_get(root, "finished");
	secs = json_object_get(root, "seconds");
	if (!json_is_boolean(fin) || !json_is_number(secs))
		return fail(g, 2, "%s: \"finished\" or \"seconds\" is missing", esc(s->path));
	s->m.shard = (struct gen_shard){ (unsigned)idx, (unsigned)total };
	s->m.dev_lo = (uint32_t)lo;
	s->m.dev_hi = (uint32_t)hi;
	s->m.finished = json_is_true(fin);
	s->m.seconds = json_number_value(secs);
	return 0;
}

static int read_counters(struct merge *g, struct shard_in *s, json_t *root)
{
	static const char *const dirs[GEN_NDIR] = { "up", "down" };
	json_t *c = json_object_get(root, "counters"), *codes = json_object_get(root, "codes");
	const char *key;
	json_t *v;
	int rc;

	if (!json_is_object(c) || !json_is_object(codes))
		return fail(g, 2, "%s: \"counters\" or \"codes\" is missing", esc(s->path));
	for (size_t i = 0; i < gen_n_fields; i++) {
		const struct gen_field *f = &gen_fields[i];
		char what[48];

		if (!f->per_dir) {
			rc = get_u64(g, s->path, "counters ", c, f->name,
				     gen_field_at(&s->s.c, f, GEN_UP));
			if (rc)
				return rc;
			continue;
		}
		snprintf(what, sizeof what, "counters \"%s\" ", f->name);
		for (int d = 0; d < GEN_NDIR; d++)
			if ((rc = get_u64(g, s->path, what, json_object_get(c, f->name), dirs[d],
					  gen_field_at(&s->s.c, f, (enum gen_dir)d))))
				return rc;
	}
	json_object_foreach(codes, key, v) {
		uint64_t code;

		if (txt_u64(key, strlen(key), 255, &code, NULL) < 0)
			return fail(g, 1, "%s: codes: \"%s\" is not a reply code 0-255", esc(s->path),
				    esc(key));
		if ((rc = get_u64(g, s->path, "codes ", codes, key, &s->s.c.codes[code])))
			return rc;
	}
	return 0;
}

/* One [INDEX,COUNT] pair of a histogram's buckets, after the one at *prev. */
static int read_bucket(struct merge *g, const char *file, const char *name, size_t k,
		       json_t *b, struct hist *h, long long *prev)
{
	json_t *i = json_array_get(b, 0), *c = json_array_get(b, 1);
	long long idx, cnt;

	if (json_array_size(b) != 2 || !json_is_integer(i) || !json_is_integer(c))
		return fail(g, 1, "%s: histogram \"%s\": bucket %zu is not [INDEX,COUNT]",
			    esc(file), name, k);
	idx = json_integer_value(i);
	cnt = json_integer_value(c);
	if (idx < 0 || (unsigned long long)idx >= hist_buckets())
		return fail(g, 1, "%s: histogram \"%s\": bucket %zu: index %lld is out of range "
			    "0-%zu", esc(file), name, k, idx, hist_buckets() - 1);
	if (idx <= *prev)
		return fail(g, 1, "%s: histogram \"%s\": bucket %zu: index %lld is not after %lld",
			    esc(file), name, k, idx, *prev);
	if (cnt <= 0)
		return fail(g, 1, "%s: histogram \"%s\": bucket %zu: count %lld is not positive",
			    esc(file), name, k, cnt);
	h->counts[idx] = (uint64_t)cnt;
	*prev = idx;
	return 0;
}

/* The histogram as hist_json wrote it: the same layout as this build's, buckets in
 * range and in order, counts adding up to n, min and max in the first and last. */
static int read_hist(struct merge *g, const char *file, const char *name, json_t *o,
		     struct hist *h)
{
	json_t *unit = json_object_get(o, "unit"), *bk = json_object_get(o, "buckets");
	json_t *sum = json_object_get(o, "sum");
	uint64_t sub, maxb, n, min, max, seen = 0;
	long long prev = -1, first = -1;
	char what[48];
	int rc;

	snprintf(what, sizeof what, "histogram \"%s\" ", name);
	if (!json_is_object(o))
		return fail(g, 2, "%s: histogram \"%s\" is missing or not an object", esc(file),
			    name);
	if ((rc = get_u64(g, file, what, o, "sub_bits", &sub)) ||
	    (rc = get_u64(g, file, what, o, "max_bits", &maxb)) ||
	    (rc = get_u64(g, file, what, o, "n", &n)) ||
	    (rc = get_u64(g, file, what, o, "min", &min)) ||
	    (rc = get_u64(g, file, what, o, "max", &max)))
		return rc;
	if (!json_is_string(unit) || strcmp(json_string_value(unit), "ns"))
		return fail(g, 1, "%s: histogram \"%s\": unit is not \"ns\"", esc(file), name);
	if (sub != HIST_SUB_BITS || maxb != HIST_MAX_BITS)
		return fail(g, 1, "%s: histogram \"%s\": layout sub_bits %" PRIu64 " max_bits %" PRIu64
			    ", this build's is %d and %d", esc(file), name, sub, maxb,
			    HIST_SUB_BITS, HIST_MAX_BITS);
	if (!json_is_array(bk) || !json_is_number(sum) || json_number_value(sum) < 0)
		return fail(g, 1, "%s: histogram \"%s\": \"buckets\" or \"sum\" is not valid",
			    esc(file), name);
	for (size_t k = 0; k < json_array_size(bk); k++) {
		if ((rc = read_bucket(g, file, name, k, json_array_get(bk, k), h, &prev)))
			return rc;
		if (first < 0)
			first = prev;
		seen += h->counts[prev];
	}
	if (seen != n)
		return fail(g, 1, "%s: histogram \"%s\": the bucket counts add up to %" PRIu64
			    ", not n %" PRIu64, esc(file), name, seen, n);
	if (n && (hist_index(min) != (size_t)first || hist_index(max) != (size_t)prev || min > max))
		return fail(g, 1, "%s: histogram \"%s\": min %" PRIu64 " or max %" PRIu64
			    " is not in the first or last bucket", esc(file), name, min, max);
	h->n = n;
	h->min = n ? min : UINT64_MAX;
	h->max = n ? max : 0;
	h->sum = json_is_integer(sum) ? (long double)json_integer_value(sum)
				      : (long double)json_real_value(sum);
	/* n values between min and max (with room for the rounding of a printed sum) */
	if (h->sum < (long double)min * n * 0.999999L - 1 ||
	    h->sum > (long double)max * n * 1.000001L + 1)
		return fail(g, 1, "%s: histogram \"%s\": sum %.0Lf is not that of %" PRIu64
			    " values from %" PRIu64 " to %" PRIu64, esc(file), name, h->sum, n, min,
			    max);
	return 0;
}

static int read_summary(struct merge *g, struct shard_in *s, json_t *root)
{
	json_t *hs = json_object_get(root, "histograms"), *fmt = json_object_get(root, "format");
	int rc;

	if (json_integer_value(fmt) != GEN_JSON_FORMAT)
		return fail(g, 2, "%s: format %lld, this build reads format %d", esc(s->path),
			    json_integer_value(fmt), GEN_JSON_FORMAT);
	if ((rc = read_meta(g, s, root)) || (rc = read_counters(g, s, root)))
		return rc;
	if (!json_is_object(hs))
		return fail(g, 2, "%s: \"histograms\" is missing", esc(s->path));
	for (int i = 0; i < GEN_NHIST; i++)
		if ((rc = read_hist(g, s->path, gen_hist_names[i],
				    json_object_get(hs, gen_hist_names[i]), &s->s.h[i])))
			return rc;
	return 0;
}

/* A shard summary: an object with "format" and "shard". */
static bool is_summary(json_t *root)
{
	return json_is_object(root) && json_object_get(root, "format") &&
	       json_is_object(json_object_get(root, "shard"));
}

/* Load path; from a directory (in_dir), a file that is no shard summary (or a merge) is
 * skipped: 0 with nothing added. */
static int load(struct merge *g, const char *path, bool in_dir)
{
	struct shard_in *s;
	json_error_t je;
	json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	void *np;
	int rc;

	if (!root) {
		if (je.line > 0)
			return fail(g, 2, "%s:%d:%d: %s", esc(path), je.line, je.column, esc(je.text));
		return fail(g, 2, "%s: %s", esc(path), esc(je.text));
	}
	if (!is_summary(root) || (in_dir && json_integer_value(json_object_get(
						    json_object_get(root, "shard"), "index")) == 0)) {
		json_decref(root);
		return in_dir ? 0 : fail(g, 2, "%s is not a pmip4ct gen summary (no \"format\" and "
					 "\"shard\")", esc(path));
	}
	np = txt_grow(g->in, &g->cap, g->n + 1, sizeof *g->in, 8);
	if (!np) {
		json_decref(root);
		return fail(g, 2, "out of memory");
	}
	g->in = np;
	s = &g->in[g->n];
	memset(s, 0, sizeof *s);
	s->path = strdup(path);
	if (!s->path || gen_stats_init(&s->s) < 0) {
		free(s->path);
		json_decref(root);
		return fail(g, 2, "out of memory");
	}
	g->n++;
	rc = read_summary(g, s, root);
	json_decref(root);
	return rc;
}

static int json_name(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 5 && !strcmp(d->d_name + n - 5, ".json") && d->d_name[0] != '.';
}

static int load_dir(struct merge *g, const char *dir)
{
	struct dirent **ents;
	size_t before = g->n;
	int n = scandir(dir, &ents, json_name, alphasort), rc = 0;

	if (n < 0)
		return fail(g, 2, "%s: %s", esc(dir), strerror(errno));
	for (int i = 0; i < n; i++) {
		char *p = NULL;

		if (!rc && asprintf(&p, "%s/%s", dir, ents[i]->d_name) < 0)
			rc = fail(g, 2, "out of memory");
		else if (!rc)
			rc = load(g, p, true);
		free(p);
		free(ents[i]);
	}
	free(ents);
	if (!rc && g->n == before)
		rc = fail(g, 2, "%s holds no shard summary (*.json with \"format\" and \"shard\")",
			  esc(dir));
	return rc;
}

/* ---- the checks across shards ---- */

static int same(struct merge *g, const char *what, const char *a, const char *b,
		const struct shard_in *x, const struct shard_in *y)
{
	if (!strcmp(a, b))
		return 0;
	return fail(g, 1, "%s and %s are not shards of one run: %s \"%s\" and \"%s\"",
		    esc(x->path), esc(y->path), what, esc(a), esc(b));
}

static int check(struct merge *g)
{
	const struct shard_in *a = &g->in[0];
	unsigned total = a->m.shard.total;
	const struct shard_in **by = calloc(total + 1, sizeof *by);
	int rc = 0;

	if (!by)
		return fail(g, 2, "out of memory");
	for (size_t i = 0; i < g->n && !rc; i++) {
		const struct shard_in *b = &g->in[i];
		char ta[16], tb[16];

		snprintf(ta, sizeof ta, "%u", total);
		snprintf(tb, sizeof tb, "%u", b->m.shard.total);
		if ((rc = same(g, "tool", a->m.tool, b->m.tool, a, b)) ||
		    (rc = same(g, "build", a->m.build, b->m.build, a, b)) ||
		    (rc = same(g, "profile_hash", a->m.profile_hash, b->m.profile_hash, a, b)) ||
		    (rc = same(g, "shard total", ta, tb, a, b)))
			break;
		if (by[b->m.shard.index])
			rc = fail(g, 1, "shard %u/%u is given twice: %s and %s", b->m.shard.index,
				  total, esc(by[b->m.shard.index]->path), esc(b->path));
		by[b->m.shard.index] = b;
	}
	for (unsigned i = 1; i <= total && !rc; i++)
		if (!by[i])
			rc = fail(g, 1, "shard %u/%u is missing (%zu of %u given, from %s)", i, total,
				  g->n, total, esc(a->path));
	free(by);
	return rc;
}

/* ---- the merge ---- */

static void merged_meta(const struct merge *g, struct gen_meta *m)
{
	*m = g->in[0].m;
	m->shard.index = 0;
	m->finished = true;
	for (size_t i = 0; i < g->n; i++) {
		const struct gen_meta *x = &g->in[i].m;

		if (x->dev_lo < m->dev_lo)
			m->dev_lo = x->dev_lo;
		if (x->dev_hi > m->dev_hi)
			m->dev_hi = x->dev_hi;
		/* ISO 8601 UTC times of one format: their order is the text's */
		if (strcmp(x->start_utc, m->start_utc) < 0)
			memcpy(m->start_utc, x->start_utc, sizeof m->start_utc);
		if (strcmp(x->end_utc, m->end_utc) > 0)
			memcpy(m->end_utc, x->end_utc, sizeof m->end_utc);
		if (x->seconds > m->seconds)
			m->seconds = x->seconds;
		m->finished = m->finished && x->finished;
	}
}

static int write_out(struct merge *g, FILE *out, FILE *html)
{
	struct gen_stats sum;
	struct gen_meta m;
	int rc = 0;

	if (gen_stats_init(&sum) < 0)
		return fail(g, 2, "out of memory");
	for (size_t i = 0; i < g->n; i++)
		gen_stats_add(&sum, &g->in[i].s);
	merged_meta(g, &m);
	if (out && gen_out_json(out, &m, &sum) < 0)
		rc = fail(g, 2, "writing the merged summary: %s", strerror(errno));
	if (!rc && html && gen_html_write(html, &m, &sum, NULL, 0) < 0)
		rc = fail(g, 2, "writing the HTML page: %s", strerror(errno));
	gen_stats_free(&sum);
	return rc;
}

int gen_merge(const char *const *paths, size_t n, FILE *out, FILE *html, FILE *err)
{
	struct merge g = { .err = err };
	struct stat st;
	int rc = 0;

	for (size_t i = 0; i < n && !rc; i++) {
		if (stat(paths[i], &st) < 0)
			rc = fail(&g, 2, "%s: %s", esc(paths[i]), strerror(errno));
		else if (S_ISDIR(st.st_mode))
			rc = load_dir(&g, paths[i]);
		else
			rc = load(&g, paths[i], false);
	}
	if (!rc && !g.n)
		rc = fail(&g, 2, "no shard summary given");
	if (!rc)
		rc = check(&g);
	if (!rc)
		rc = write_out(&g, out, html);
	for (size_t i = 0; i < g.n; i++) {
		free(g.in[i].path);
		gen_stats_free(&g.in[i].s);
	}
	free(g.in);
	return rc;
}
