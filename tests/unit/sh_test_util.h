/* sh_test_util.h — what the shell's unit tests share: the completion candidates of a
 * line, as one string.
 */
#ifndef PMIP4CT_SH_TEST_UTIL_H
#define PMIP4CT_SH_TEST_UTIL_H

#include "sh.h"

/* The candidates, separated by one space, in the order the completer gave them. */
struct list {
	char buf[8192];
};

/* sh_complete_text() for the line text into l; its return value. */
unsigned complete(struct sh *sh, const char *text, struct list *l);

#endif
