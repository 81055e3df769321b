/* report_file.h — a report file replaced whole, so that whenever the process dies (even
 * by SIGKILL) the path holds either the last complete version or the new one, and no
 * FILE.tmp stays behind: the new content is written to an unnamed file in the report's
 * directory (O_TMPFILE), synced, then named FILE.tmp and renamed over FILE at once.
 * Where the file system has no unnamed files, FILE.tmp is written directly; a stale one
 * from a killed run is removed when the next run starts.
 *
 * Two reports of one run are kept in step by writing and syncing both before renaming
 * either (report_files_commit): they then differ only between two renames.
 */
#ifndef PMIP4CT_REPORT_FILE_H
#define PMIP4CT_REPORT_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct report_file {
	char *path; /* the report */
	char *tmp;  /* path.tmp */
	FILE *f;    /* the new content, between begin and publish (or abort) */
	bool named; /* path.tmp is f's name (an abort removes it); else f is unnamed */
	int old;    /* during commit: the version being replaced, held open, or -1 */
};

/* Take path and remove a stale path.tmp (left by a run killed between naming its new
 * version and renaming it).  0, or -1 (out of memory). */
int report_file_init(struct report_file *w, const char *path);
void report_file_finish(struct report_file *w); /* aborts a version under way */

/* Start a new version: the stream to write it to, or NULL with err. */
FILE *report_file_begin(struct report_file *w, char *err, size_t errlen);
/* Replace each of the n reports that has a version under way with it, in phases so
 * that the reports change as close together as the file system allows: every version
 * flushed and synced, then named path.tmp, then renamed over its path one right after
 * the other (the old files held open, so freeing them waits until all are renamed).
 * 0, or -1 with err (every version under way dropped; the reports unchanged or, past a
 * rename, some new). */
int report_files_commit(struct report_file *w, size_t n, char *err, size_t errlen);
/* Drop the version under way (no-op when none). */
void report_file_abort(struct report_file *w);

#endif
