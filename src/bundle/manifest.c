/* manifest.c — MANIFEST.sha256 (bundle.h): the walk over a bundle's regular files, their
 * SHA-256, and the manifest written whole in `sha256sum` format.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle.h"
#include "bundle_priv.h"
#include "txt.h"

#define MF_READ_CHUNK 65536

void bundle_files_free(struct bundle_files *fl)
{
	for (size_t i = 0; i < fl->n; i++)
		free(fl->path[i]);
	free(fl->path);
	memset(fl, 0, sizeof *fl);
}

static int files_add(struct bundle_files *fl, char *path)
{
	if (fl->n == fl->cap) {
		size_t cap = fl->cap ? 2 * fl->cap : 64;
		char **p = realloc(fl->path, cap * sizeof *p);

		if (!p)
			return -1;
		fl->path = p;
		fl->cap = cap;
	}
	fl->path[fl->n++] = path;
	return 0;
}

struct walk {
	const char *dir;
	struct bundle_files *fl, *refused;
	char *err;
	size_t errlen;
};

/* Stop the walk with rc and err; or, for a refused entry when the caller keeps a list of
 * them, add it there and go on. */
static int walk_fail(struct walk *w, int rc, const char *rel, const char *why)
{
	char *s;

	snprintf(w->err, w->errlen, "%s: %s", txt_esc(rel, strlen(rel)).s,
		 why ? why : strerror(errno));
	if (rc != BUNDLE_WALK_REFUSED || !w->refused)
		return rc;
	s = strdup(w->err);
	if (s && files_add(w->refused, s) == 0)
		return BUNDLE_WALK_OK;
	free(s);
	snprintf(w->err, w->errlen, "%s: out of memory", txt_esc(rel, strlen(rel)).s);
	return BUNDLE_WALK_IO;
}

/* What keeps a name out of a manifest: NULL when it may be listed. */
static const char *walk_refuse(const char *name, mode_t mode)
{
	if (strchr(name, '\n') || strchr(name, '\\'))
		return "a name with a newline or a backslash";
	if (S_ISLNK(mode))
		return "a symbolic link";
	if (!S_ISREG(mode) && !S_ISDIR(mode))
		return "not a regular file";
	return NULL;
}

static int walk_dir(struct walk *w, const char *rel);

/* One entry of the directory rel ("" at the top). */
static int walk_entry(struct walk *w, const char *rel, const char *name)
{
	char *sub = *rel ? bundle_join(rel, name) : strdup(name), *full;
	struct stat st;
	const char *why;
	int rc;

	if (!sub || !(full = bundle_join(w->dir, sub))) {
		free(sub);
		return walk_fail(w, BUNDLE_WALK_IO, name, "out of memory");
	}
	rc = lstat(full, &st);
	free(full);
	if (rc < 0)
		rc = walk_fail(w, BUNDLE_WALK_IO, sub, NULL);
	else if ((why = walk_refuse(name, st.st_mode)))
		rc = walk_fail(w, BUNDLE_WALK_REFUSED, sub, why);
	else if (S_ISDIR(st.st_mode))
		rc = walk_dir(w, sub);
	else if (files_add(w->fl, sub) < 0)
		rc = walk_fail(w, BUNDLE_WALK_IO, sub, "out of memory");
	else
		return BUNDLE_WALK_OK; /* sub is kept in the list */
	free(sub);
	return rc;
}

static bool walk_skip(const char *rel, const char *name)
{
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return true;
	return !*rel && (!strcmp(name, BUNDLE_MANIFEST) || !strcmp(name, BUNDLE_SIG));
}

static int walk_dir(struct walk *w, const char *rel)
{
	char *full = *rel ? bundle_join(w->dir, rel) : strdup(w->dir);
	DIR *d = full ? opendir(full) : NULL;
	struct dirent *de;
	int rc = BUNDLE_WALK_OK;

	free(full);
	if (!d)
		return walk_fail(w, BUNDLE_WALK_IO, *rel ? rel : w->dir, NULL);
	errno = 0;
	while (rc == BUNDLE_WALK_OK && (de = readdir(d))) {
		if (!walk_skip(rel, de->d_name))
			rc = walk_entry(w, rel, de->d_name);
		errno = 0;
	}
	if (rc == BUNDLE_WALK_OK && errno)
		rc = walk_fail(w, BUNDLE_WALK_IO, *rel ? rel : w->dir, NULL);
	closedir(d);
	return rc;
}

static int path_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int bundle_walk(const char *dir, struct bundle_files *fl, struct bundle_files *refused,
		char *err, size_t errlen)
{
	struct walk w = { dir, fl, refused, err, errlen };
	int rc;

	memset(fl, 0, sizeof *fl);
	if (refused)
		memset(refused, 0, sizeof *refused);
	rc = walk_dir(&w, "");
	if (rc == BUNDLE_WALK_OK && fl->n)
		qsort(fl->path, fl->n, sizeof *fl->path, path_cmp);
	return rc;
}

static int hash_fd(int fd, uint8_t md[BUNDLE_SHA256_LEN])
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	unsigned char *buf = malloc(MF_READ_CHUNK);
	int ok = c && buf && EVP_DigestInit_ex(c, EVP_sha256(), NULL) == 1;
	ssize_t r = 0;

	while (ok && (r = read(fd, buf, MF_READ_CHUNK)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		ok = r > 0 && EVP_DigestUpdate(c, buf, (size_t)r) == 1;
	}
	ok = ok && EVP_DigestFinal_ex(c, md, NULL) == 1;
	free(buf);
	EVP_MD_CTX_free(c);
	return ok ? 0 : -1;
}

int bundle_hash_file(const char *dir, const char *rel, uint8_t md[BUNDLE_SHA256_LEN],
		     char *err, size_t errlen)
{
	char *full = bundle_join(dir, rel);
	const char *why = "out of memory";
	struct stat st;
	int fd = -1;

	if (full)
		fd = open(full, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 && full)
		why = errno == ELOOP ? "a symbolic link" : strerror(errno);
	free(full);
	if (fd < 0)
		goto fail;
	errno = 0;
	if (fstat(fd, &st) < 0)
		why = strerror(errno);
	else if (!S_ISREG(st.st_mode))
		why = "not a regular file";
	else if (hash_fd(fd, md) < 0)
		why = errno ? strerror(errno) : "cannot hash";
	else
		why = NULL;
	close(fd);
	if (!why)
		return 0;
fail:
	snprintf(err, errlen, "%s: %s", txt_esc(rel, strlen(rel)).s, why);
	return -1;
}

/* The manifest's text for the files of fl: a new string, or NULL with err. */
static char *mf_text(const char *dir, const struct bundle_files *fl, size_t *len, char *err,
		     size_t errlen)
{
	size_t cap = 1, n = 0;
	char *text;

	for (size_t i = 0; i < fl->n; i++)
		cap += 2 * BUNDLE_SHA256_LEN + 3 + strlen(fl->path[i]);
	text = malloc(cap);
	if (!text) {
		snprintf(err, errlen, "%s: out of memory", BUNDLE_MANIFEST);
		return NULL;
	}
	for (size_t i = 0; i < fl->n; i++) {
		uint8_t md[BUNDLE_SHA256_LEN];
		char hex[BUNDLE_FP_HEX];

		if (bundle_hash_file(dir, fl->path[i], md, err, errlen) < 0) {
			free(text);
			return NULL;
		}
		bundle_hex(hex, md, sizeof md);
		n += (size_t)snprintf(text + n, cap - n, "%s  %s\n", hex, fl->path[i]);
	}
	text[n] = '\0';
	*len = n;
	return text;
}

int bundle_manifest_write(const char *dir, char *err, size_t errlen)
{
	struct bundle_files fl;
	char *text = NULL, *path = NULL;
	size_t len = 0;
	int rc = -1;

	if (bundle_remove(dir, BUNDLE_MANIFEST ".tmp", err, errlen) < 0 ||
	    bundle_remove(dir, BUNDLE_SIG ".tmp", err, errlen) < 0)
		return -1;
	if (bundle_walk(dir, &fl, NULL, err, errlen) != BUNDLE_WALK_OK)
		goto out;
	text = mf_text(dir, &fl, &len, err, errlen);
	path = text ? bundle_path(dir, BUNDLE_MANIFEST, err, errlen) : NULL;
	if (path)
		rc = bundle_write(path, text, len, 0644, false, err, errlen);
out:
	free(path);
	free(text);
	bundle_files_free(&fl);
	return rc;
}
