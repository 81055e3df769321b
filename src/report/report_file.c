/* report_file.c — a report file replaced whole and at once (report_file.h): an unnamed
 * O_TMPFILE in the report's directory, fsync, linkat to FILE.tmp, rename over FILE.
 * Each step for every report before the next, so the renames come one after another.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report_file.h"

int report_file_init(struct report_file *w, const char *path)
{
	size_t n = strlen(path) + 5;

	memset(w, 0, sizeof *w);
	w->path = strdup(path);
	w->tmp = malloc(n);
	if (!w->path || !w->tmp) {
		report_file_finish(w);
		return -1;
	}
	snprintf(w->tmp, n, "%s.tmp", path);
	unlink(w->tmp); /* left by a run that was killed while naming its file */
	return 0;
}

void report_file_finish(struct report_file *w)
{
	report_file_abort(w);
	free(w->path);
	free(w->tmp);
	memset(w, 0, sizeof *w);
}

static void rf_err(char *err, size_t errlen, const char *path, int e)
{
	snprintf(err, errlen, "%s: %s", path, strerror(e));
}

/* An unnamed file in path's directory, or -1 (no O_TMPFILE there, no /proc to name it
 * through, or the directory is not writable: the caller tries FILE.tmp, which says why). */
static int rf_open_anon(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int fd;

	if (access("/proc/self/fd", X_OK) < 0)
		return -1;
	dir = slash ? strndup(path, (size_t)(slash - path) + 1) : strdup(".");
	if (!dir)
		return -1;
	fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
	free(dir);
	return fd;
}

FILE *report_file_begin(struct report_file *w, char *err, size_t errlen)
{
	int fd;

	report_file_abort(w);
	fd = rf_open_anon(w->path);
	w->named = fd < 0;
	if (fd < 0)
		fd = open(w->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0) { /* the report's path in the message: the user gave that */
		rf_err(err, errlen, w->path, errno);
		w->named = false;
		return NULL;
	}
	w->f = fdopen(fd, "w");
	if (!w->f) {
		rf_err(err, errlen, w->tmp, errno);
		close(fd);
		if (w->named)
			unlink(w->tmp);
		w->named = false;
	}
	return w->f;
}

/* Flush and sync w's version. */
static int rf_ready(struct report_file *w, char *err, size_t errlen)
{
	if (fflush(w->f) || ferror(w->f) || fsync(fileno(w->f)) < 0) {
		rf_err(err, errlen, w->path, errno ? errno : EIO);
		return -1;
	}
	return 0;
}

/* Name an unnamed version path.tmp. */
static int rf_name(struct report_file *w, char *err, size_t errlen)
{
	char fdpath[40];

	if (w->named)
		return 0;
	snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", fileno(w->f));
	if (linkat(AT_FDCWD, fdpath, AT_FDCWD, w->tmp, AT_SYMLINK_FOLLOW) < 0 &&
	    (errno != EEXIST || unlink(w->tmp) < 0 ||
	     linkat(AT_FDCWD, fdpath, AT_FDCWD, w->tmp, AT_SYMLINK_FOLLOW) < 0)) {
		rf_err(err, errlen, w->tmp, errno);
		return -1;
	}
	w->named = true;
	return 0;
}

int report_files_commit(struct report_file *w, size_t n, char *err, size_t errlen)
{
	size_t i;
	int rc = -1;

	for (i = 0; i < n; i++)
		w[i].old = -1;
	for (i = 0; i < n; i++)
		if (w[i].f && rf_ready(&w[i], err, errlen) < 0)
			goto out;
	for (i = 0; i < n; i++)
		if (w[i].f)
			w[i].old = open(w[i].path, O_RDONLY | O_CLOEXEC);
	for (i = 0; i < n; i++) {
		if (!w[i].f)
			continue;
		if (rf_name(&w[i], err, errlen) < 0)
			goto out;
		if (rename(w[i].tmp, w[i].path) < 0) {
			rf_err(err, errlen, w[i].path, errno);
			goto out;
		}
		w[i].named = false; /* path.tmp is gone: the version is the report */
	}
	rc = 0;
out:
	for (i = 0; i < n; i++) {
		report_file_abort(&w[i]); /* closes each version, removing a path.tmp left */
		if (w[i].old >= 0)
			close(w[i].old);
		w[i].old = -1;
	}
	return rc;
}

void report_file_abort(struct report_file *w)
{
	if (!w->f)
		return;
	fclose(w->f);
	w->f = NULL;
	if (w->named)
		unlink(w->tmp);
	w->named = false;
}
