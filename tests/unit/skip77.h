/* A cmocka skip() that meson sees: cmocka counts a skipped test as no failure, so a test
 * binary that skipped one says why and exits 77 (meson's SKIP) when the others passed.
 * tools/test (CI=true) fails a run in which a test skipped with "needs root".
 *   SKIP77("needs root: ...");  ...  return skip77_exit(cmocka_run_group_tests(...)); */
#ifndef PMIP4CT_SKIP77_H
#define PMIP4CT_SKIP77_H

#include <stdio.h>

static const char *skip77_why;

#define SKIP77(why)                                  \
	do {                                         \
		skip77_why = (why);                  \
		print_message("skipped: %s\n", (why)); \
		skip();                              \
	} while (0)

static inline int skip77_exit(int rc)
{
	if (rc || !skip77_why)
		return rc;
	printf("SKIP: %s (the others passed)\n", skip77_why);
	return 77;
}

#endif
