/* sh_test_util.c — what the shell's unit tests share (sh_test_util.h). */
#include <stdio.h>
#include <string.h>

#include "sh_test_util.h"

static void list_add(void *arg, const char *w)
{
	struct list *l = arg;
	size_t n = strlen(l->buf);

	snprintf(l->buf + n, sizeof l->buf - n, "%s%s", n ? " " : "", w);
}

unsigned complete(struct sh *sh, const char *text, struct list *l)
{
	l->buf[0] = '\0';
	return sh_complete_text(sh, text, strlen(text), list_add, l);
}
