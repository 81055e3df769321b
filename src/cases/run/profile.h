/* profile.h — the grammar of the request profile's PIXIT items with a syntax of their own
 * (DESIGN.md §4 "Dialect"): `flags` and `pmip-ext`.  Pure text → values, so that a PIXIT
 * file is checked when it is read (file:line:column) and the tester reads the same
 * values when it builds a request (tc_profile.c). */
#ifndef PMIP4CT_PROFILE_H
#define PMIP4CT_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#define PROFILE_147_MAX 4

/* "none", or letters of S B D M G T (RFC 5944 §3.3; any case, blanks and commas between):
 * the flag bits.  0, or -1 with err naming the letter. */
int profile_flags(const char *v, uint8_t *flags, char *err, size_t errlen);

/* "none", or a comma/blank list of ifid, devid, subid, acctech (RFC 5563 §5.2-§5.5): the
 * 147 sub-types in order, *n of them.  0, or -1 with err naming the word. */
int profile_147(const char *v, uint8_t sub[PROFILE_147_MAX], size_t *n, char *err,
		size_t errlen);

/* The check of a PIXIT item of type PARAM_STR by its name, or NULL when its text is free. */
typedef int (*profile_check_fn)(const char *v, char *err, size_t errlen);
profile_check_fn profile_check(const char *name);

#endif
