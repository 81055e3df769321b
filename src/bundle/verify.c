/* verify.c — `pmip4ct verify` (bundle.h): a bundle's manifest checked line by line, its
 * files against it (changed, removed, added), then MANIFEST.sig against a public key.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>

#include "bundle.h"
#include "bundle_priv.h"
#include "txt.h"

#define VF_LINE_MIN (2 * BUNDLE_SHA256_LEN + 3) /* hash, two spaces, a 1-byte path */
#define VF_SIG_MAX  4096

enum vf_sig {
	VF_UNSIGNED,  /* no MANIFEST.sig, no key */
	VF_UNCHECKED, /* a MANIFEST.sig, no key */
	VF_GOOD,
	VF_BAD, /* with a key: missing, damaged, another key's, or not the manifest's */
};

struct vf_entry {
	uint8_t md[BUNDLE_SHA256_LEN];
	char *path;
	unsigned line;
};

struct vf {
	const char *dir;
	FILE *out;
	EVP_PKEY *pub;
	char *mf; /* the manifest's bytes, as signed */
	size_t mflen;
	struct vf_entry *e;
	size_t n;
	unsigned changed, added, removed, unreadable, refused;
	enum vf_sig sig;
	char why[320]; /* the signature's verdict */
};

/* ---- the manifest ---- */

static const char *vf_path_bad(const char *p, size_t n)
{
	const char *end = p + n;

	if (memchr(p, '\0', n) || memchr(p, '\\', n))
		return "a NUL or a backslash in the path";
	if (*p == '/')
		return "an absolute path";
	if ((n == strlen(BUNDLE_MANIFEST) && !memcmp(p, BUNDLE_MANIFEST, n)) ||
	    (n == strlen(BUNDLE_SIG) && !memcmp(p, BUNDLE_SIG, n)))
		return "the manifest lists itself or its signature";
	while (p <= end) {
		const char *slash = memchr(p, '/', (size_t)(end - p));
		size_t k = (size_t)((slash ? slash : end) - p);

		if (k == 0 || (k == 1 && *p == '.') || (k == 2 && p[0] == '.' && p[1] == '.'))
			return "an empty, . or .. path component";
		p += k + 1;
	}
	return NULL;
}

/* One line (without its newline) into e: NULL, or why it is malformed. */
static const char *vf_parse_line(const char *s, size_t n, struct vf_entry *e)
{
	const char *why;

	if (n < VF_LINE_MIN)
		return "too short: expected 64 hex digits, two spaces and a path";
	if (bundle_unhex(e->md, s, BUNDLE_SHA256_LEN) < 0)
		return "expected 64 hex digits";
	s += 2 * BUNDLE_SHA256_LEN;
	n -= 2 * BUNDLE_SHA256_LEN;
	if (s[0] != ' ' || s[1] != ' ')
		return "expected two spaces after the hash";
	why = vf_path_bad(s + 2, n - 2);
	if (!why && !(e->path = strndup(s + 2, n - 2)))
		why = "out of memory";
	return why;
}

static int vf_entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct vf_entry *)a)->path, ((const struct vf_entry *)b)->path);
}

static int vf_line_fail(unsigned line, const char *why, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s:%u: %s", BUNDLE_MANIFEST, line, why);
	return -1;
}

/* Every line of the manifest into v->e, sorted by path: 0, or -1 with err. */
static int vf_parse(struct vf *v, char *err, size_t errlen)
{
	const char *s = v->mf, *end = v->mf + v->mflen;
	size_t cap = 0;

	for (unsigned line = 1; s < end; line++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *why;

		if (!nl)
			return vf_line_fail(line, "no newline at the end", err, errlen);
		if (v->n == cap) {
			struct vf_entry *ne = realloc(v->e, (cap = cap ? 2 * cap : 64) * sizeof *ne);

			if (!ne)
				return vf_line_fail(line, "out of memory", err, errlen);
			v->e = ne;
		}
		v->e[v->n] = (struct vf_entry){ .line = line };
		if ((why = vf_parse_line(s, (size_t)(nl - s), &v->e[v->n])))
			return vf_line_fail(line, why, err, errlen);
		v->n++;
		s = nl + 1;
	}
	if (v->n)
		qsort(v->e, v->n, sizeof *v->e, vf_entry_cmp);
	for (size_t i = 1; i < v->n; i++)
		if (!strcmp(v->e[i - 1].path, v->e[i].path)) {
			unsigned a = v->e[i - 1].line, b = v->e[i].line;

			snprintf(err, errlen, "%s:%u: %s is listed twice (also on line %u)",
				 BUNDLE_MANIFEST, a > b ? a : b,
				 txt_esc(v->e[i].path, strlen(v->e[i].path)).s, a > b ? b : a);
			return -1;
		}
	return 0;
}

static int vf_load(struct vf *v, char *err, size_t errlen)
{
	char *path = bundle_path(v->dir, BUNDLE_MANIFEST, err, errlen);
	int rc;

	if (!path)
		return -1;
	rc = bundle_read(path, BUNDLE_MANIFEST_MAX, &v->mf, &v->mflen, err, errlen);
	free(path);
	return rc < 0 ? -1 : vf_parse(v, err, errlen);
}

/* ---- the files ---- */

/* A path to print, escaped whole (txt_escape: no control reaches the terminal); free()
 * it.  NULL when out of memory. */
static char *vf_esc(const char *path)
{
	size_t n = strlen(path), cap = 4 * n + 1;
	char *e = malloc(cap);

	if (e)
		txt_escape(e, cap, path, n, TXT_ESC_TEXT);
	return e;
}

static void vf_report(struct vf *v, unsigned *count, const char *what, const char *path)
{
	char *e = vf_esc(path);

	(*count)++;
	fprintf(v->out, "%s: %s\n", what, e ? e : "(out of memory)");
	free(e);
}

static void vf_check(struct vf *v, const struct vf_entry *e)
{
	uint8_t md[BUNDLE_SHA256_LEN];
	char err[400];

	if (bundle_hash_file(v->dir, e->path, md, err, sizeof err) < 0) {
		v->unreadable++;
		fprintf(v->out, "unreadable: %s\n", err);
	} else if (memcmp(md, e->md, sizeof md)) {
		vf_report(v, &v->changed, "changed", e->path);
	}
}

/* The manifest (sorted) and the files (sorted) side by side. */
static void vf_compare(struct vf *v, const struct bundle_files *fl)
{
	size_t i = 0, j = 0;

	while (i < v->n || j < fl->n) {
		int c = i == v->n ? 1 : j == fl->n ? -1 : strcmp(v->e[i].path, fl->path[j]);

		if (c < 0)
			vf_report(v, &v->removed, "removed", v->e[i++].path);
		else if (c > 0)
			vf_report(v, &v->added, "added", fl->path[j++]);
		else
			vf_check(v, &v->e[i++]), j++;
	}
}

/* 0, or -1 with err when the directory cannot be read. */
static int vf_files(struct vf *v, char *err, size_t errlen)
{
	struct bundle_files fl, refused;
	int rc = bundle_walk(v->dir, &fl, &refused, err, errlen);

	if (rc == BUNDLE_WALK_OK) {
		for (size_t i = 0; i < refused.n; i++)
			fprintf(v->out, "refused: %s\n", refused.path[i]);
		v->refused = (unsigned)refused.n;
		vf_compare(v, &fl);
	}
	bundle_files_free(&fl);
	bundle_files_free(&refused);
	return rc == BUNDLE_WALK_OK ? 0 : -1;
}

/* ---- the signature ---- */

static enum vf_sig vf_bad(struct vf *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static enum vf_sig vf_bad(struct vf *v, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(v->why, sizeof v->why, fmt, ap);
	va_end(ap);
	return VF_BAD;
}

/* MANIFEST.sig's two lines (text[0..len)): the signature and the signer's fingerprint.
 * NULL, or why the text is malformed (the line number in *line). */
static const char *vf_sig_parse(const char *s, size_t len, uint8_t sig[BUNDLE_SIG_LEN],
				char fp[BUNDLE_FP_HEX], unsigned *line)
{
	const size_t alg = strlen(BUNDLE_SIG_ALG), key = strlen(BUNDLE_SIG_KEY);
	const char *end = s + len, *nl = memchr(s, '\n', len);
	unsigned char raw[BUNDLE_SIG_LEN + 2]; /* base64's padding decodes to 2 zero bytes */
	uint8_t md[BUNDLE_SHA256_LEN];

	*line = 1;
	if (!nl || (size_t)(nl - s) != alg + BUNDLE_SIG_B64 || strncmp(s, BUNDLE_SIG_ALG, alg) ||
	    strncmp(nl - 2, "==", 2) ||
	    EVP_DecodeBlock(raw, (const unsigned char *)s + alg, BUNDLE_SIG_B64) != sizeof raw)
		return "expected 'ed25519 ' and 88 characters of base64";
	memcpy(sig, raw, BUNDLE_SIG_LEN);
	s = nl + 1;
	*line = 2;
	if (end - s != (ptrdiff_t)(key + 2 * BUNDLE_SHA256_LEN + 1) ||
	    strncmp(s, BUNDLE_SIG_KEY, key) || end[-1] != '\n' ||
	    bundle_unhex(md, s + key, sizeof md) < 0)
		return "expected 'key ', 64 hex digits and the end of the file";
	bundle_hex(fp, md, sizeof md);
	return NULL;
}

static bool vf_sig_ok(struct vf *v, const uint8_t sig[BUNDLE_SIG_LEN])
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	bool ok = c && EVP_DigestVerifyInit(c, NULL, NULL, NULL, v->pub) == 1 &&
		  EVP_DigestVerify(c, sig, BUNDLE_SIG_LEN, (const unsigned char *)v->mf,
				   v->mflen) == 1;

	EVP_MD_CTX_free(c);
	ERR_clear_error();
	return ok;
}

/* With v->pub: the signature in text (MANIFEST.sig) checked. */
static enum vf_sig vf_sig_check(struct vf *v, const char *text, size_t len)
{
	char fp[BUNDLE_FP_HEX], want[BUNDLE_FP_HEX];
	uint8_t sig[BUNDLE_SIG_LEN];
	const char *why;
	unsigned line;

	if ((why = vf_sig_parse(text, len, sig, fp, &line)))
		return vf_bad(v, "%s:%u: %s", BUNDLE_SIG, line, why);
	if (bundle_key_fingerprint(v->pub, want) < 0)
		return vf_bad(v, "the public key has no raw Ed25519 form");
	if (strcmp(fp, want))
		return vf_bad(v, "made by key %s, not by the --pubkey key %s", fp, want);
	if (!vf_sig_ok(v, sig))
		return vf_bad(v, "%s does not match %s (key %s)", BUNDLE_SIG, BUNDLE_MANIFEST,
			      want);
	snprintf(v->why, sizeof v->why, "key %s", want);
	return VF_GOOD;
}

static enum vf_sig vf_signature(struct vf *v)
{
	char *path = bundle_join(v->dir, BUNDLE_SIG), *text = NULL, err[300];
	enum vf_sig s;
	size_t len;
	int rc;

	if (!path)
		return vf_bad(v, "out of memory");
	rc = bundle_read(path, VF_SIG_MAX, &text, &len, err, sizeof err);
	free(path);
	if (rc < 0 && errno == ENOENT)
		s = v->pub ? vf_bad(v, "no %s", BUNDLE_SIG) : VF_UNSIGNED;
	else if (!v->pub)
		s = VF_UNCHECKED;
	else if (rc < 0)
		s = vf_bad(v, "%s", err);
	else
		s = vf_sig_check(v, text, len);
	free(text);
	return s;
}

/* ---- the verdict ---- */

static void vf_sig_print(const struct vf *v)
{
	switch (v->sig) {
	case VF_UNSIGNED:
		fprintf(v->out, "unsigned: hashes only\n");
		break;
	case VF_UNCHECKED:
		fprintf(v->out, "signature: present, not checked: give --pubkey\n");
		break;
	case VF_GOOD:
		fprintf(v->out, "signature: good (%s)\n", v->why);
		break;
	case VF_BAD:
		fprintf(v->out, "signature: BAD: %s\n", v->why);
		break;
	}
}

static int vf_summary(const struct vf *v)
{
	static const char *const sig_name[] = {
		[VF_UNSIGNED] = "unsigned",
		[VF_UNCHECKED] = "signature not checked",
		[VF_GOOD] = "signature good",
		[VF_BAD] = "signature BAD",
	};
	unsigned bad = v->changed + v->added + v->removed + v->unreadable + v->refused;

	vf_sig_print(v);
	if (!bad && v->sig != VF_BAD) {
		fprintf(v->out, "bundle %s: %zu files, all hashes match; %s\n",
			txt_esc(v->dir, strlen(v->dir)).s, v->n, sig_name[v->sig]);
		return 0;
	}
	fprintf(v->out, "bundle %s: FAILED: %u changed, %u added, %u removed",
		txt_esc(v->dir, strlen(v->dir)).s, v->changed, v->added, v->removed);
	if (v->unreadable)
		fprintf(v->out, ", %u unreadable", v->unreadable);
	if (v->refused)
		fprintf(v->out, ", %u refused", v->refused);
	fprintf(v->out, "; %s\n", sig_name[v->sig]);
	return 1;
}

static void vf_free(struct vf *v)
{
	for (size_t i = 0; i < v->n; i++)
		free(v->e[i].path);
	free(v->e);
	free(v->mf);
	EVP_PKEY_free(v->pub);
}

int bundle_verify(const char *dir, const char *pubkey, FILE *out)
{
	struct vf v = { .dir = dir, .out = out };
	char err[512];
	int rc = 2;

	if (pubkey && !(v.pub = bundle_key_load(pubkey, false, err, sizeof err)))
		goto bad;
	if (vf_load(&v, err, sizeof err) < 0 || vf_files(&v, err, sizeof err) < 0)
		goto bad;
	v.sig = vf_signature(&v);
	rc = vf_summary(&v);
	goto out;
bad:
	fprintf(out, "bundle %s: cannot verify: %s\n", txt_esc(dir, strlen(dir)).s, err);
out:
	vf_free(&v);
	return rc;
}
