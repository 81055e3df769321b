/* gen_prof_load.c — a profile read from its file (a bare name found as the suites are,
 * datadir.h), and the hash of a parsed profile that `report merge` compares across
 * shards (pmip4ct-gen(5), SHARDS).
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "datadir.h"
#include "gen.h"
#include "input.h"
#include "txt.h"

#define GEN_PROF_FILE_MAX (1u << 20)

/* ---- the file ---- */

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && !strcmp(s + n - k, suffix);
}

/* PATH as given when it names a file or holds a '/'; else testsuites/NAME,
 * testsuites/gen/NAME, then the same with ".gen" added, in the folders of datadir.h. */
static int prof_resolve(const char *path, char *out, size_t outlen, char *err, size_t errlen)
{
	static const struct {
		const char *dir, *ext;
	} forms[] = { { "", "" }, { "gen/", "" }, { "", ".gen" }, { "gen/", ".gen" } };
	size_t nforms = has_suffix(path, ".gen") ? 2 : 4;
	char rel[PATH_MAX], tried[2048], all[4096] = "";
	size_t used = 0;

	if (strchr(path, '/') || access(path, F_OK) == 0) {
		snprintf(out, outlen, "%s", path);
		return 0;
	}
	for (size_t i = 0; i < nforms; i++) {
		int k;

		snprintf(rel, sizeof rel, "testsuites/%s%s%s", forms[i].dir, path, forms[i].ext);
		if (data_find(rel, out, outlen, tried, sizeof tried) == 0)
			return 0;
		k = snprintf(all + used, sizeof all - used, ", %s", tried);
		if (k > 0 && (size_t)k < sizeof all - used)
			used += (size_t)k;
	}
	snprintf(err, errlen, "%s: %s (searched %s%s)", path, strerror(ENOENT), path, all);
	return -1;
}

int gen_prof_load(struct gen_prof *p, const char *path, char *err, size_t errlen)
{
	char found[PATH_MAX];
	size_t len;
	char *buf;
	int e, rc;

	if (prof_resolve(path, found, sizeof found, err, errlen) < 0)
		return -1;
	buf = input_read_path(found, GEN_PROF_FILE_MAX, &len, &e);
	if (!buf) {
		if (e == EFBIG)
			snprintf(err, errlen, "%s: longer than %u bytes", found, GEN_PROF_FILE_MAX);
		else
			snprintf(err, errlen, "%s: %s", found, strerror(e));
		return -1;
	}
	rc = gen_prof_parse(p, found, buf, len, err, errlen);
	free(buf);
	return rc;
}

/* ---- the hash ---- */

/* One line of the canonical text into the digest. */
static void canon(EVP_MD_CTX *md, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void canon(EVP_MD_CTX *md, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n > 0)
		EVP_DigestUpdate(md, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

static void canon_rate(EVP_MD_CTX *md, const char *name, const struct gen_rate *r)
{
	canon(md, "%s rate %.17g start %.17g stop %.17g\n", name, r->rate, r->start_s,
	      r->stop_s);
}

static void canon_flow(EVP_MD_CTX *md, const struct gen_flow *f)
{
	canon(md, "flow %s up %d down %d rate %.17g size %u pattern %d burst %u start %.17g "
	      "stop %.17g port %u\n", f->name, f->dir[GEN_UP], f->dir[GEN_DOWN], f->pps,
	      f->size, (int)f->pattern, f->burst, f->start_s, f->stop_s, f->port);
}

/* The SA without its key: the hash is written into every shard's summary, and a short
 * key would fall to a dictionary.  A wrong key shows in the reply codes anyway. */
static void canon_sa(EVP_MD_CTX *md, const struct gen_prof *p)
{
	const struct mip_sa *sa = &p->sa;

	canon(md, "sa set %d spi %lu alg %d kind %d/%d match %d peer %s nai %s keylen %zu\n",
	      p->sa_set, (unsigned long)sa->spi, (int)sa->alg, (int)sa->kind, sa->kind_given,
	      (int)sa->match, txt_ip4(sa->peer).s, txt_esc(sa->nai, strlen(sa->nai)).s,
	      sa->key_len);
}

/* Every field but the file's name, one line each, in a fixed order and format. */
static void canon_prof(EVP_MD_CTX *md, const struct gen_prof *p)
{
	const uint8_t *m = p->mac_base;

	canon(md, "pmip4ct-gen profile 1\n");
	canon(md, "devices %lu nai %s first %lu mac %02x:%02x:%02x:%02x:%02x:%02x\n",
	      (unsigned long)p->devices, txt_esc(p->nai_fmt, strlen(p->nai_fmt)).s,
	      (unsigned long)p->first, m[0], m[1], m[2], m[3], m[4], m[5]);
	for (unsigned i = 0; i < p->n_pma; i++)
		canon(md, "pma %s\n", txt_ip4(p->pma[i]).s);
	canon(md, "ha %s:%u\n", txt_ip4(p->ha).s, p->ha_port);
	canon_sa(md, p);
	canon(md, "encap %d lifetime %u renew %.17g\n", (int)p->encap, p->lifetime, p->renew);
	canon(md, "register rate %.17g ramp %.17g\n", p->reg_rate, p->reg_ramp_s);
	canon(md, "revocation %d\n", p->revocation);
	for (unsigned i = 0; i < p->n_flow; i++)
		canon_flow(md, &p->flow[i]);
	canon_rate(md, "handover", &p->handover);
	canon_rate(md, "revoke", &p->revoke);
	canon(md, "duration %.17g\n", p->duration_s);
	canon(md, "cn %s home-if %s access-if %s\n", txt_ip4(p->cn).s,
	      txt_esc(p->home_if, strlen(p->home_if)).s,
	      txt_esc(p->access_if, strlen(p->access_if)).s);
	canon(md, "series %.17g reply-ms %u\n", p->series_s, p->reply_ms);
}

void gen_prof_hash(const struct gen_prof *p, char out[65])
{
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned n = 0;
	EVP_MD_CTX *md = EVP_MD_CTX_new();

	out[0] = '\0';
	if (!md || !EVP_DigestInit_ex2(md, EVP_sha256(), NULL)) {
		EVP_MD_CTX_free(md);
		return;
	}
	canon_prof(md, p);
	if (EVP_DigestFinal_ex(md, d, &n) && n == 32)
		for (unsigned i = 0; i < n; i++)
			snprintf(out + 2 * i, 3, "%02x", d[i]);
	EVP_MD_CTX_free(md);
}
