/* datadir.c — the folders of the shipped input files (datadir.h). */
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "datadir.h"

/* Set by the top meson.build: the configured data directory, the same relative to the
 * binary's folder ("" when bindir or datadir is outside the prefix), the source tree and
 * the build tree. */
#if !defined(PMIP4CT_DATADIR) || !defined(PMIP4CT_DATADIR_FROM_BIN) || \
	!defined(PMIP4CT_SRCDIR) || !defined(PMIP4CT_BUILDDIR)
#error "the top meson.build defines the data directories"
#endif

#define DATA_ROOTS 4

/* The folder of the running binary, resolved; false when unknown. */
static bool exe_dir(char *out, size_t outlen)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash;

	if (n <= 0)
		return false;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash || (size_t)(slash - exe) >= outlen)
		return false;
	memcpy(out, exe, (size_t)(slash - exe));
	out[slash - exe] = '\0';
	return true;
}

/* Whether two paths name the same folder (both resolved). */
static bool same_dir(const char *a, const char *b)
{
	char ra[PATH_MAX], rb[PATH_MAX];

	return *a && *b && realpath(a, ra) && realpath(b, rb) && !strcmp(ra, rb);
}

/* dir joined with rel, each leading "../" of rel taking a folder off dir: false when
 * it does not fit. */
static bool join_up(char *out, size_t outlen, const char *dir, const char *rel)
{
	size_t n = strlen(dir);

	while (!strncmp(rel, "../", 3)) {
		while (n > 1 && dir[n - 1] != '/')
			n--;
		if (n > 1)
			n--;
		rel += 3;
	}
	return (size_t)snprintf(out, outlen, "%.*s/%s", (int)(n == 1 && *dir == '/' ? 0 : n), dir,
				 rel) < outlen;
}

/* The folders of datadir.h, "" for the current directory; duplicates left out. */
static size_t data_roots(char roots[DATA_ROOTS][PATH_MAX])
{
	char bin[PATH_MAX];
	size_t n = 0;
	bool have_bin = exe_dir(bin, sizeof bin);

	roots[n++][0] = '\0';
	if (have_bin && same_dir(bin, PMIP4CT_BUILDDIR))
		snprintf(roots[n++], PATH_MAX, "%s", PMIP4CT_SRCDIR);
	else if (have_bin && *PMIP4CT_DATADIR_FROM_BIN &&
	    join_up(roots[n], PATH_MAX, bin, PMIP4CT_DATADIR_FROM_BIN)) {
		if (strcmp(roots[n], PMIP4CT_DATADIR) && !same_dir(roots[n], PMIP4CT_DATADIR))
			n++;
	}
	snprintf(roots[n++], PATH_MAX, "%s", PMIP4CT_DATADIR);
	return n;
}

int data_find(const char *rel, char *out, size_t outlen, char *tried, size_t triedlen)
{
	char roots[DATA_ROOTS][PATH_MAX];
	size_t n = data_roots(roots), used = 0;

	if (triedlen)
		tried[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		int k = snprintf(out, outlen, "%s%s%s", roots[i], *roots[i] ? "/" : "", rel);

		if (k > 0 && (size_t)k < outlen && access(out, F_OK) == 0)
			return 0;
		if (used < triedlen) {
			k = snprintf(tried + used, triedlen - used, "%s%s", used ? ", " : "", out);
			used += k > 0 ? (size_t)k : 0;
		}
	}
	if (outlen)
		out[0] = '\0';
	return -1;
}
