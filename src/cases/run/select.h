/* select.h — which cases a run takes: suites (as read from suite files, run_files.h in
 * src/lang), `--case` globs, and the selection they make, in ID order.
 *
 * Selection rule: a suite selects, in ID order, every case that matches one of its
 * `case` globs and none of its `exclude` globs.  When its NAME is a catalogue suite
 * (case_def.suite: ha-core, ha-robustness, pma-core, pma-robustness, reserved even
 * while empty, or the suite of any case), only the cases of that catalogue suite are
 * selected, so `suite ha-core` + `case HA-*` is exactly the ha-core cases.
 */
#ifndef PMIP4CT_SELECT_H
#define PMIP4CT_SELECT_H

#include <stdbool.h>
#include <stddef.h>

#include "case.h"

struct run_globs {
	char **v;
	size_t n, cap;
};

struct run_suite {
	char *path;     /* the file read */
	char *name;     /* `suite NAME`, else the file name without directory and .suite */
	char *title;    /* `suite NAME "TITLE"`, or NULL */
	bool named;     /* the file had a suite statement */
	bool catalogue; /* name is a catalogue suite: the rule above applies */
	struct run_globs cases, excludes;
};

/* Free what reading the suite made; may be called twice. */
void run_suite_finish(struct run_suite *s);

/* Whether the suite selects case c (the selection rule above). */
bool run_suite_selects(const struct run_suite *s, const struct case_def *c);

/* The cases of a run: the selected cases in order, each with the index of the suite
 * that selected it first (0 when no SUITE was given). */
struct run_sel {
	const struct case_def **cases;
	unsigned *suite_of;
	size_t n;
	const char **suite_names; /* n_suites names, for reports ("all" with no SUITE) */
	size_t n_suites;
};

/* Select from suites (n_suites may be 0: every case) and the --case globs (none: no
 * filter).  0, or -1 when out of memory. */
int run_sel_make(struct run_sel *sel, const struct run_suite *suites, size_t n_suites,
		 const struct run_globs *only);
void run_sel_finish(struct run_sel *sel);

/* Shard index of total (1-based) of src into dst: src's positions index-1, index-1+total,
 * ... (round-robin, so every shard gets a share of each suite), with src's suites.
 * 0, or -1 when out of memory. */
int run_sel_shard(struct run_sel *dst, const struct run_sel *src, unsigned index,
		  unsigned total);

/* Append a copy of s; 0 or -1 (out of memory). */
int run_globs_add(struct run_globs *g, const char *s);
bool run_globs_any(const struct run_globs *g, const struct case_def *c);
void run_globs_finish(struct run_globs *g);

#endif
