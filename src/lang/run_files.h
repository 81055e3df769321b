/* run_files.h — the input files of `pmip4ct run` (DESIGN.md §3, §4, §8): suite files,
 * PICS files and PIXIT files, all in the one grammar of lex.h.
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
 * What a suite file selects is the rule of select.h.
 *
 * Errors read "FILE:LINE:COL: message"; a misspelt item gets "did you mean".
 */
#ifndef PMIP4CT_RUN_FILES_H
#define PMIP4CT_RUN_FILES_H

#include <stdbool.h>
#include <stddef.h>

#include "lex.h"
#include "params.h"
#include "select.h"

/* Read a suite file (s != NULL) or a PICS/PIXIT file (s == NULL) into p (and s).
 * 0, or -1 with "FILE:LINE:COL: message" (or "FILE: reason") in err. */
int run_file_read(const char *path, struct run_suite *s, struct params *p, char *err,
		  size_t errlen);

/* A SUITE argument: a path, or a bare name found as testsuites/NAME.suite. */
int run_suite_load(const char *arg, struct run_suite *s, struct params *p, char *err,
		   size_t errlen);

/* One `pics ITEM yes|no` or `pixit NAME VALUE` statement (cmd->tok[0] is its keyword),
 * into p: the files' statement, and the shell's commands of the same names.  0, or -1
 * with the error (its place, "did you mean") in *le. */
int run_param_stmt(struct params *p, const struct lex_cmd *cmd, enum param_kind k,
		   struct lex_err *le);

#endif
