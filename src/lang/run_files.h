/* run_files.h — the input files of `pmip4ct run` (DESIGN.md §3, §4, §8): suite files,
 * PICS files and PIXIT files, all in the one grammar of lex.h, and the selection of
 * cases they make.
 *
 * Statements (one grammar: every file accepts pics and pixit; suite, case and exclude
 * only make sense in a suite file and are refused elsewhere):
 *
 *   suite NAME ["TITLE"]   names the suite (at most once)
 *   case GLOB              include the cases whose ID matches (fnmatch, case-sensitive)
 *   exclude GLOB           leave out the cases whose ID matches
 *   pics ITEM yes|no       a PICS item
 *   pixit NAME VALUE       a PIXIT item (VALUE a word or a "string")
 *
 * Selection rule: a suite file selects, in ID order, every case that matches one of its
 * `case` globs and none of its `exclude` globs.  When its NAME is a catalogue suite
 * (case_def.suite: ha-core, ha-robustness, pma-core, pma-robustness, reserved even
 * while empty, or the suite of any case), only the cases of that catalogue suite are
 * selected, so `suite ha-core` + `case HA-*` is exactly the ha-core cases.
 *
 * Errors read "FILE:LINE:COL: message"; a misspelt item gets "did you mean".
 */
#ifndef PMIP4CT_RUN_FILES_H
#define PMIP4CT_RUN_FILES_H

#include <stdbool.h>
#include <stddef.h>

#include "case.h"
#include "lex.h"
#include "params.h"

struct run_globs {
	char **v;
	size_t n, cap;
};

struct run_suite {
	char *path;     /* the file read */
	char *name;     /* `suite NAME`, else the file name without directory and .suite */
	char *title;    /* `suite NAME "TITLE"`, or NULL */
	bool named;     /* the file had a suite statement */
	bool catalogue; /* name is the suite of some case: the rule above applies */
	struct run_globs cases, excludes;
};

/* Read a suite file (s != NULL) or a PICS/PIXIT file (s == NULL) into p (and s).
 * 0, or -1 with "FILE:LINE:COL: message" (or "FILE: reason") in err. */
int run_file_read(const char *path, struct run_suite *s, struct params *p, char *err,
		  size_t errlen);

/* A SUITE argument: a path, or a bare name found as testsuites/NAME.suite. */
int run_suite_load(const char *arg, struct run_suite *s, struct params *p, char *err,
		   size_t errlen);
void run_suite_finish(struct run_suite *s); /* frees what load made; may be called twice */

/* One `pics ITEM yes|no` or `pixit NAME VALUE` statement (cmd->tok[0] is its keyword),
 * into p: the files' statement, and the shell's commands of the same names.  0, or -1
 * with the error (its place, "did you mean") in *le. */
int run_param_stmt(struct params *p, const struct lex_cmd *cmd, enum param_kind k,
		   struct lex_err *le);

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

/* Append a copy of s; 0 or -1 (out of memory). */
int run_globs_add(struct run_globs *g, const char *s);
bool run_globs_any(const struct run_globs *g, const struct case_def *c);
void run_globs_finish(struct run_globs *g);

#endif
