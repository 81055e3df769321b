/* bundle_merge.c — `pmip4ct report merge DIR... --out DIR` (bundle_merge.h, issue #17):
 * each shard's report.json read and checked (bundle_merge_check.c), each shard bundle
 * verified (bundle_verify, bundle.h), then the new bundle built in OUT.tmp-XXXXXX beside
 * OUT: the pcaps copied and checked against their cases' pcap_sha256, report.json
 * (bundle_merge_doc.c), junit.xml (junit_write), report.html (pctr_html_write), sealed
 * (bundle_seal), and renamed to OUT at the end.  A refused or failed merge leaves
 * nothing behind: the evidence of two campaigns never mixes.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle.h"
#include "bundle_merge.h"
#include "bundle_merge_priv.h"
#include "digest.h"
#include "junit.h"
#include "pctr_html.h"

#define BM_REPORT "report.json"

struct bm {
	const struct bundle_merge_opts *o;
	FILE *log;
	char *why; /* the reason, when not BM_OK */
	size_t whylen;
	struct bundle_shard *s; /* sorted by index once they agree */
	char **names;           /* the s[i].name, in the order given */
	size_t n;               /* shards read */
	json_t *cases, *report; /* merged */
	char *out;              /* o->out without trailing slashes */
	char *tmp;              /* the new bundle under way, or NULL */
};

/* The reason of a refusal or an error, into the caller's buffer; rc as given. */
#define BM_FAIL(m, rc, ...) bm_say(rc, (m)->why, (m)->whylen, __VA_ARGS__)

bool bundle_merge_is_bundle(const char *path)
{
	struct stat st;
	char *p = bundle_join(path, BM_REPORT);
	bool yes = p && stat(path, &st) == 0 && S_ISDIR(st.st_mode) && stat(p, &st) == 0 &&
		   S_ISREG(st.st_mode);

	free(p);
	return yes;
}

/* ---- reading the shards ---- */

static int bm_load(struct bm *m, const char *dir)
{
	struct bundle_shard *s = &m->s[m->n];
	char *path = bundle_join(dir, BM_REPORT);
	size_t len = strlen(dir), n;
	json_error_t e;
	int rc;

	if (!path || asprintf(&m->names[m->n], "%s%s", dir,
			      len && dir[len - 1] == '/' ? "" : "/") < 0) {
		free(path);
		return BM_FAIL(m, BM_BAD, "out of memory");
	}
	s->dir = dir;
	s->name = m->names[m->n++];
	s->report = json_load_file(path, JSON_REJECT_DUPLICATES, &e);
	if (!s->report && e.line < 1) {
		rc = BM_FAIL(m, BM_BAD, "%s: %s", path, e.text); /* unreadable */
		free(path);
		return rc;
	}
	if (!s->report) {
		rc = BM_FAIL(m, BM_BAD, "%s:%d:%d: %s", path, e.line, e.column, e.text);
		free(path);
		return rc;
	}
	free(path);
	if ((rc = bundle_merge_valid(s, m->why, m->whylen)) != BM_OK)
		return rc;
	n = json_array_size(json_object_get(s->report, "cases"));
	fprintf(m->log, "shard %lld/%lld %s: %zu case%s\n",
		(long long)json_integer_value(bm_at(s->report, "run.shard.index")),
		(long long)json_integer_value(bm_at(s->report, "run.shard.total")), s->name, n,
		n == 1 ? "" : "s");
	return BM_OK;
}

/* bundle_verify of the shard, its report quoted when it fails: the first file or
 * signature it names and the summing-up line. */
static int bm_verify(struct bm *m, const struct bundle_shard *s)
{
	static const char *const bad[] = { "changed: ", "removed: ", "added: ",
					   "unreadable: ", "refused: ", "signature: BAD" };
	char *text = NULL, *first = NULL, *last = NULL, *save = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int r;

	if (!f)
		return BM_FAIL(m, BM_BAD, "out of memory");
	r = bundle_verify(s->dir, m->o->pubkey, f);
	fclose(f);
	for (char *line = strtok_r(text, "\n", &save); r && line;
	     line = strtok_r(NULL, "\n", &save)) {
		for (size_t k = 0; !first && k < sizeof bad / sizeof bad[0]; k++)
			if (!strncmp(line, bad[k], strlen(bad[k])))
				first = line;
		last = line;
	}
	if (r)
		BM_FAIL(m, BM_REFUSED, "shard %s does not verify: %s%s%s%s", s->name,
			first ? first : "", first ? " (" : "", last ? last : "?", first ? ")" : "");
	free(text);
	return r ? BM_REFUSED : BM_OK;
}

/* ---- the new bundle ---- */

static int bm_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	remove(path);
	return 0;
}

/* OUT must not exist, or be an empty directory. */
static int bm_out_free(struct bm *m)
{
	char why[512];

	if (bundle_dir_unused(m->out, why, sizeof why) < 0)
		return BM_FAIL(m, BM_BAD, "--out %s", why);
	return BM_OK;
}

/* OUT's directory is no shard's directory, nor inside one: the new bundle would be
 * evidence added to that shard. */
static int bm_out_apart(struct bm *m)
{
	char *parent = strdup(m->out), *slash, *at = NULL;
	int rc = BM_OK;

	if (!parent)
		return BM_FAIL(m, BM_BAD, "out of memory");
	slash = strrchr(parent, '/');
	if (!slash)
		strcpy(parent, ".");
	else
		slash[slash == parent] = '\0';
	if (!(at = realpath(parent, NULL)))
		rc = BM_FAIL(m, BM_BAD, "--out %s: %s: %s", m->out, parent, strerror(errno));
	for (size_t i = 0; at && rc == BM_OK && i < m->o->n; i++) {
		char *shard = realpath(m->o->dirs[i], NULL);
		size_t len = shard ? strlen(shard) : 0;

		if (shard && !strncmp(at, shard, len) && (at[len] == '/' || !at[len]))
			rc = BM_FAIL(m, BM_BAD, "--out %s: inside the shard %s", m->out,
				     m->o->dirs[i]);
		free(shard);
	}
	free(at);
	free(parent);
	return rc;
}

/* from to to, a new file; the source a regular file. */
static int bm_copy(const char *from, const char *to, char *err, size_t errlen)
{
	int in = open(from, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC), out = -1, rc = -1;
	char buf[65536];
	struct stat st;
	ssize_t k;

	if (in < 0 || fstat(in, &st) < 0 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: %s", from, in < 0 ? strerror(errno) : "not a file");
		goto out;
	}
	if ((out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) < 0) {
		snprintf(err, errlen, "%s: %s", to, errno == EEXIST ? "named by two cases"
								    : strerror(errno));
		goto out;
	}
	while ((k = read(in, buf, sizeof buf)) != 0) {
		if (k < 0 && errno == EINTR)
			continue;
		for (ssize_t w = 0, o = 0; k > 0 && o < k; o += w)
			if ((w = write(out, buf + o, (size_t)(k - o))) < 0)
				goto io;
		if (k < 0)
			goto io;
	}
	if (fsync(out) < 0)
		goto io;
	rc = 0;
	goto out;
io:
	snprintf(err, errlen, "copying %s to %s: %s", from, to, strerror(errno));
out:
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out) < 0 && rc == 0) {
		snprintf(err, errlen, "%s: %s", to, strerror(errno));
		rc = -1;
	}
	return rc;
}

/* Each shard's pcaps into the new bundle, each copy's SHA-256 its case's pcap_sha256. */
static int bm_pcaps(struct bm *m)
{
	char err[512], hex[DIGEST_HEX];
	char *dir = bundle_join(m->tmp, "pcaps");
	json_t *c;
	size_t i;
	int rc = BM_OK;

	if (!dir || mkdir(dir, 0755) < 0) {
		free(dir);
		return BM_FAIL(m, BM_BAD, "%s/pcaps: %s", m->tmp, strerror(errno));
	}
	free(dir);
	for (size_t k = 0; rc == BM_OK && k < m->n; k++)
		json_array_foreach(json_object_get(m->s[k].report, "cases"), i, c) {
			const char *pcap = bm_str(c, "pcap"), *want = bm_str(c, "pcap_sha256");
			char *from = bundle_join(m->s[k].dir, pcap), *to = bundle_join(m->tmp, pcap);

			if (!*pcap)
				rc = BM_OK;
			else if (!from || !to)
				rc = BM_FAIL(m, BM_BAD, "out of memory");
			else if (bm_copy(from, to, err, sizeof err) < 0 ||
				 digest_file_sha256(to, hex, err, sizeof err) < 0)
				rc = BM_FAIL(m, BM_REFUSED, "shard %s: case %s: %s", m->s[k].name,
					     bm_str(c, "id"), err);
			else if (strcmp(hex, want))
				rc = BM_FAIL(m, BM_REFUSED, "shard %s: case %s: %s has SHA-256 %s, "
					     "not its pcap_sha256 %s", m->s[k].name,
					     bm_str(c, "id"), pcap, hex, want);
			free(from);
			free(to);
			if (rc != BM_OK)
				break;
		}
	return rc;
}

/* The "dut" property, as run_meta_dut_text makes it from the same members. */
static void bm_dut_text(const json_t *r, char *buf, size_t len)
{
	const char *ident[3] = { bm_str(r, "dut.vendor"), bm_str(r, "dut.model"),
				 bm_str(r, "dut.software") };
	const json_t *roles = bm_at(r, "dut.roles"), *addr = bm_at(r, "dut.addresses"), *v;
	const char *rv[8], *av[8];
	size_t n = 0, i;

	json_array_foreach(roles, i, v)
		if (n < 8 && json_is_string(v)) {
			const char *a = json_string_value(json_object_get(addr, json_string_value(v)));

			rv[n] = json_string_value(v);
			av[n++] = a ? a : "";
		}
	junit_dut_text(buf, len, ident, rv, av, n);
}

/* The index of suite name in js[0..*ns), added when new. */
static size_t bm_suite(struct junit_suite *js, size_t *ns, const char *name)
{
	size_t k;

	for (k = 0; k < *ns && strcmp(js[k].name, name); k++)
		;
	if (k == *ns)
		js[(*ns)++].name = name;
	return k;
}

/* junit.xml from the merged report.json (junit.h), as `run` writes it: each suite's
 * planned cases from the campaign (run.campaign.suites), so that an incomplete campaign
 * shows as one. */
static int bm_junit(struct bm *m, FILE *f)
{
	json_t *r = m->report, *cases = json_object_get(r, "cases"), *c;
	json_t *camp = bm_at(r, "run.campaign.suites");
	size_t n = json_array_size(cases), nc = json_array_size(camp), ns = 0, i;
	struct junit_case *jc = calloc(n ? n : 1, sizeof *jc);
	struct junit_suite *js = calloc(n + nc + 1, sizeof *js);
	const char *start = bm_str(r, "run.start_utc");
	char ts[20], dut[512];

	if (!jc || !js) {
		free(jc);
		free(js);
		return -1;
	}
	snprintf(ts, sizeof ts, "%.19s", start);
	bm_dut_text(r, dut, sizeof dut);
	json_array_foreach(camp, i, c)
		if (json_is_string(c))
			js[bm_suite(js, &ns, json_string_value(c))].planned++;
	json_array_foreach(cases, i, c) {
		size_t k = bm_suite(js, &ns, bm_str(c, "suite"));

		if (!nc) /* a campaign without its suites: what ran */
			js[k].planned++;
		jc[i] = (struct junit_case){
			.suite = k, .id = bm_str(c, "id"), .title = bm_str(c, "title"),
			.verdict = (enum case_verdict)junit_verdict_of(bm_str(c, "verdict")),
			.level = (enum case_level)junit_level_of(bm_str(c, "level")),
			.reason = bm_str(c, "reason"), .log = bm_str(c, "log"),
			.time_s = json_number_value(json_object_get(c, "time_ms")) / 1000.0 };
	}
	junit_write(f, &(struct junit_run){
		.timestamp = *start ? ts : NULL, .hostname = bm_str(r, "run.host"),
		.version = bm_str(r, "tool.version"), .build = bm_str(r, "tool.build"),
		.dut = dut, .pics_sha256 = bm_str(r, "pics.sha256"),
		.pixit_sha256 = bm_str(r, "pixit.sha256"), .suites = js, .n_suites = ns,
		.cases = jc, .n_cases = n,
		.strict = json_is_true(bm_at(r, "observations.strict")),
		.finished = json_is_true(bm_at(r, "summary.finished")),
		.interrupted = json_is_true(bm_at(r, "run.interrupted")) });
	free(jc);
	free(js);
	return 0;
}

/* tmp/name written by body (junit.xml, report.html). */
static int bm_write(struct bm *m, const char *name, int (*body)(struct bm *, FILE *))
{
	char *path = bundle_join(m->tmp, name);
	FILE *f = path ? fopen(path, "wxe") : NULL;
	int r;

	if (!f) {
		r = BM_FAIL(m, BM_BAD, "%s: %s", path ? path : name, strerror(errno));
		free(path);
		return r;
	}
	r = body(m, f);
	r |= ferror(f) | fsync(fileno(f));
	r |= fclose(f);
	if (r)
		BM_FAIL(m, BM_BAD, "%s: cannot write it", path);
	free(path);
	return r ? BM_BAD : BM_OK;
}

static int bm_json(struct bm *m, FILE *f)
{
	/* shard 1's member order kept; a newline at the end, as text files have */
	if (json_dumpf(m->report, f, JSON_INDENT(1) | JSON_PRESERVE_ORDER) < 0)
		return -1;
	return fputc('\n', f) == EOF ? -1 : 0;
}

static int bm_html(struct bm *m, FILE *f)
{
	char err[256];

	return pctr_html_write(f, m->report, err, sizeof err) < 0 ? -1 : 0;
}

static int bm_build(struct bm *m)
{
	char *tmpl = NULL;
	mode_t mask = umask(0);
	int rc;

	umask(mask);
	if (asprintf(&tmpl, "%s.tmp-XXXXXX", m->out) < 0)
		return BM_FAIL(m, BM_BAD, "out of memory");
	if (!(m->tmp = mkdtemp(tmpl))) {
		rc = BM_FAIL(m, BM_BAD, "%s: %s", tmpl, strerror(errno));
		free(tmpl);
		return rc;
	}
	if ((rc = bm_pcaps(m)) != BM_OK)
		return rc;
	if ((rc = bm_write(m, BM_REPORT, bm_json)) != BM_OK ||
	    (rc = bm_write(m, "junit.xml", bm_junit)) != BM_OK ||
	    (rc = bm_write(m, "report.html", bm_html)) != BM_OK)
		return rc;
	if (bundle_seal(m->tmp, m->o->sign, m->why, m->whylen) < 0)
		return BM_BAD;
	if (chmod(m->tmp, 0777 & ~mask) < 0 || rename(m->tmp, m->out) < 0)
		return BM_FAIL(m, BM_BAD, "%s: %s", m->out, strerror(errno));
	free(m->tmp);
	m->tmp = NULL;
	return BM_OK;
}

/* ---- the merge ---- */

static void bm_said(struct bm *m)
{
	json_t *s = json_object_get(m->report, "summary");

	fprintf(m->log, "merged %zu cases of %lld into %s: ", json_array_size(m->cases),
		(long long)json_integer_value(bm_at(m->report, "run.campaign.cases")), m->out);
	fprintf(m->log, "%lld pass, %lld fail, %lld warn, %lld inconc, %lld none, %lld error; %s\n",
		(long long)json_integer_value(json_object_get(s, "pass")),
		(long long)json_integer_value(json_object_get(s, "fail")),
		(long long)json_integer_value(json_object_get(s, "warn")),
		(long long)json_integer_value(json_object_get(s, "inconc")),
		(long long)json_integer_value(json_object_get(s, "none")),
		(long long)json_integer_value(json_object_get(s, "error")),
		json_is_true(bm_at(m->report, "run.complete")) ? "complete" : "not complete");
}

static int bm_run(struct bm *m)
{
	int rc;

	if ((rc = bm_out_free(m)) != BM_OK || (rc = bm_out_apart(m)) != BM_OK)
		return rc;
	for (size_t i = 0; i < m->o->n; i++)
		if ((rc = bm_load(m, m->o->dirs[i])) != BM_OK)
			return rc;
	for (size_t i = 0; i < m->n; i++)
		if ((rc = bm_verify(m, &m->s[i])) != BM_OK)
			return rc;
	if ((rc = bundle_merge_agree(m->s, m->n, m->why, m->whylen)) != BM_OK)
		return rc;
	if (!(m->cases = bundle_merge_cases(m->s, m->n, m->why, m->whylen, &rc)))
		return rc;
	if (!(m->report = bundle_merge_report(m->s, m->n, m->cases)))
		return BM_FAIL(m, BM_BAD, "out of memory");
	if ((rc = bm_build(m)) != BM_OK)
		return rc;
	bm_said(m);
	return BM_OK;
}

int bundle_merge(const struct bundle_merge_opts *o, FILE *log, char *err, size_t errlen)
{
	struct bm m = { .o = o, .log = log, .why = err, .whylen = errlen };
	size_t len = strlen(o->out);
	int rc;

	while (len > 1 && o->out[len - 1] == '/')
		len--;
	m.out = strndup(o->out, len);
	m.s = calloc(o->n ? o->n : 1, sizeof *m.s);
	m.names = calloc(o->n ? o->n : 1, sizeof *m.names);
	if (!m.out || !m.s || !m.names)
		rc = BM_FAIL(&m, BM_BAD, "out of memory");
	else if (!len)
		rc = BM_FAIL(&m, BM_BAD, "--out: empty");
	else
		rc = bm_run(&m);
	if (m.tmp) {
		nftw(m.tmp, bm_rm, 16, FTW_DEPTH | FTW_PHYS);
		free(m.tmp);
	}
	json_decref(m.report);
	json_decref(m.cases);
	for (size_t i = 0; m.s && i < m.n; i++) {
		free(m.names[i]);
		json_decref(m.s[i].report);
	}
	free(m.s);
	free(m.names);
	free(m.out);
	return rc;
}
