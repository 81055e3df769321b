/* bundle_io.c — whole-file reads and writes, hex and SHA-256 for the bundle's files
 * (bundle_priv.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle.h"
#include "bundle_priv.h"
#include "txt.h"

char *bundle_join(const char *dir, const char *rel)
{
	size_t n = strlen(dir) + strlen(rel) + 2;
	char *s = malloc(n);

	if (s)
		snprintf(s, n, "%s/%s", dir, rel);
	return s;
}

int bundle_dir_unused(const char *dir, char *err, size_t errlen)
{
	struct stat st;
	struct dirent *e;
	DIR *d;

	if (lstat(dir, &st) < 0) {
		if (errno == ENOENT)
			return 0;
		return snprintf(err, errlen, "%s: %s", dir, strerror(errno)), -1;
	}
	if (!S_ISDIR(st.st_mode))
		return snprintf(err, errlen, "%s: exists and is not a directory", dir), -1;
	if (!(d = opendir(dir)))
		return snprintf(err, errlen, "%s: %s", dir, strerror(errno)), -1;
	while ((e = readdir(d)) && (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")))
		;
	closedir(d);
	if (e)
		return snprintf(err, errlen, "%s: not empty: a bundle goes to a new or empty "
				"directory, so that two runs' evidence never mixes", dir), -1;
	return 0;
}

char *bundle_path(const char *dir, const char *name, char *err, size_t errlen)
{
	char *s = bundle_join(dir, name);

	if (!s)
		snprintf(err, errlen, "%s: out of memory", name);
	return s;
}

int bundle_remove(const char *dir, const char *name, char *err, size_t errlen)
{
	char *p = bundle_path(dir, name, err, errlen);
	int rc = p && (unlink(p) == 0 || errno == ENOENT) ? 0 : -1;

	if (rc < 0 && p)
		snprintf(err, errlen, "%s: %s", p, strerror(errno));
	free(p);
	return rc;
}

static int bio_err(char *err, size_t errlen, const char *path, const char *why)
{
	int e = errno;

	snprintf(err, errlen, "%s: %s", path, why ? why : strerror(e));
	errno = e;
	return -1;
}

/* Room for more in *b (and a NUL): 0, or -1 (errno EFBIG past max, or ENOMEM). */
static int read_grow(char **b, size_t *cap, size_t max)
{
	size_t ncap = *cap ? 2 * *cap : 4096;
	char *nb;

	if (*cap > max) {
		errno = EFBIG;
		return -1;
	}
	nb = realloc(*b, ncap + 1);
	if (!nb)
		return -1;
	*b = nb;
	*cap = ncap;
	return 0;
}

static int read_fd(int fd, size_t max, char **buf, size_t *len)
{
	size_t cap = 0, n = 0;
	char *b = NULL;
	ssize_t r;

	for (;;) {
		if (n == cap && read_grow(&b, &cap, max) < 0)
			goto fail;
		r = read(fd, b + n, cap - n);
		if (r == 0)
			break;
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			goto fail;
		n += (size_t)r;
	}
	if (n > max) {
		errno = EFBIG;
		goto fail;
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
fail:
	free(b);
	return -1;
}

int bundle_read(const char *path, size_t max, char **buf, size_t *len, char *err,
		size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;

	if (fd < 0)
		return bio_err(err, errlen, path, NULL);
	rc = read_fd(fd, max, buf, len);
	if (rc < 0)
		bio_err(err, errlen, path, errno == EFBIG ? "too large" : NULL);
	close(fd);
	return rc;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* PATH.tmp with the content, synced: 0, or -1 with err (and no PATH.tmp). */
static int write_tmp(const char *tmp, const void *p, size_t n, mode_t mode, char *err,
		     size_t errlen)
{
	int fd;

	unlink(tmp); /* left by a writer that was killed */
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd < 0)
		return bio_err(err, errlen, tmp, NULL);
	if (write_all(fd, p, n) < 0 || fsync(fd) < 0) {
		bio_err(err, errlen, tmp, NULL);
		close(fd);
		unlink(tmp);
		return -1;
	}
	if (close(fd) < 0) {
		bio_err(err, errlen, tmp, NULL);
		unlink(tmp);
		return -1;
	}
	return 0;
}

int bundle_write(const char *path, const void *p, size_t n, mode_t mode, bool no_replace,
		 char *err, size_t errlen)
{
	char *tmp = malloc(strlen(path) + 5);
	int rc = -1;

	if (!tmp)
		return bio_err(err, errlen, path, "out of memory");
	sprintf(tmp, "%s.tmp", path);
	if (write_tmp(tmp, p, n, mode, err, errlen) < 0)
		goto out;
	if (no_replace ? link(tmp, path) : rename(tmp, path)) {
		bio_err(err, errlen, path,
			errno == EEXIST ? "exists already: not overwritten" : NULL);
		unlink(tmp);
		goto out;
	}
	if (no_replace)
		unlink(tmp);
	rc = 0;
out:
	free(tmp);
	return rc;
}

void bundle_hex(char *out, const uint8_t *p, size_t n)
{
	static const char digit[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digit[p[i] >> 4];
		out[2 * i + 1] = digit[p[i] & 15];
	}
	out[2 * n] = '\0';
}

int bundle_unhex(uint8_t *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int hi = txt_hexdigit(s[2 * i]), lo = hi < 0 ? -1 : txt_hexdigit(s[2 * i + 1]);

		if (lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

int bundle_sha256(const void *p, size_t n, uint8_t md[BUNDLE_SHA256_LEN])
{
	return EVP_Digest(p, n, md, NULL, EVP_sha256(), NULL) == 1 ? 0 : -1;
}
