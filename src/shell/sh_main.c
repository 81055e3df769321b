/* sh_main.c — `pmip4ct shell` (interactive), `pmip4ct -c 'COMMANDS' [ARG...]` and
 * `pmip4ct FILE [ARG...]` (a script): the one command language of pmip4ct-shell(7).
 *
 * Exit status of a script: 0; 1 = an error in the script (reported as FILE:LINE:COL), or
 * a session verdict of fail or error at its end (sh_net.h); 2 = bad usage, an
 * unreadable script, or one that failed the check before it runs (nothing ran); 130 =
 * stopped by Ctrl-C; N = `quit N`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh_main.h"
#include "sh.h"
#include "sh_net.h"

static void shell_usage(FILE *f)
{
	fprintf(f, "usage: pmip4ct shell\n"
		   "       pmip4ct -c 'COMMANDS' [ARG...]\n"
		   "       pmip4ct FILE [ARG...]\n"
		   "History is kept in $PMIP4CT_HISTORY, else $HOME/.pmip4ct_history.\n"
		   "See pmip4ct-shell(7).\n");
}

static const char *history_path(char *buf, size_t n)
{
	const char *p = getenv("PMIP4CT_HISTORY"), *home = getenv("HOME");

	if (p)
		return *p ? p : NULL; /* set but empty: no history */
	if (!home || !*home)
		return NULL;
	if (snprintf(buf, n, "%s/.pmip4ct_history", home) >= (int)n)
		return NULL;
	return buf;
}

int cmd_shell(int argc, char **argv)
{
	char hist[4096];
	struct sh *sh;
	int rc;

	if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		shell_usage(stdout);
		return 0;
	}
	if (argc > 1) {
		fprintf(stderr, "pmip4ct shell: unexpected argument '%s'\n", argv[1]);
		shell_usage(stderr);
		return 2;
	}
	sh = sh_create(stdout, stderr);
	if (!sh) {
		fprintf(stderr, "pmip4ct shell: out of memory\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0); /* stdout and stderr stay in order in one file */
	rc = sh_repl(sh, history_path(hist, sizeof hist));
	sh_destroy(sh);
	return rc;
}

/* $1, $2, ...: the arguments after the script */
static int set_args(struct sh *sh, int argc, char **argv)
{
	char name[16];

	for (int k = 0; k < argc; k++) {
		snprintf(name, sizeof name, "%d", k + 1);
		if (sh_set(sh, name, argv[k]) < 0)
			return -1;
	}
	return 0;
}

int cmd_script(int argc, char **argv)
{
	bool inline_cmds = !strcmp(argv[0], "-c");
	int first = inline_cmds ? 2 : 1, rc;
	const char *reason;
	struct sh *sh;

	if (inline_cmds && argc < 2) {
		fprintf(stderr, "pmip4ct: -c needs COMMANDS\n");
		shell_usage(stderr);
		return 2;
	}
	sh = sh_create(stdout, stderr);
	if (!sh || set_args(sh, argc - first, argv + first) < 0) {
		fprintf(stderr, "pmip4ct: out of memory\n");
		sh_destroy(sh);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0); /* stdout and stderr stay in order in one file */
	sh_catch_sigint(sh, false);
	if (inline_cmds)
		rc = sh_exec_buf(sh, "-c", argv[1], strlen(argv[1]));
	else
		rc = sh_exec_file(sh, argv[0]);
	fflush(stdout);
	if (rc == -2 || rc == SH_EXEC_CHECK)
		rc = 2;
	else if (sh->interrupted)
		rc = 130;
	else if (rc < 0)
		rc = 1;
	else if (sh->quit)
		rc = sh->status;
	else
		rc = sh_net_verdict(sh, &reason) >= CASE_FAIL ? 1 : 0;
	sh_destroy(sh);
	return rc;
}
