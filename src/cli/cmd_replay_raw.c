/* cmd_replay_raw.c — `pmip4ct replay --raw FILE --if NAME` (issue #15 §2): a placeholder
 * in this branch; the raw replay is written on its own branch and replaces this file. */
#include <stdio.h>

#include "cmds.h"

int cmd_replay_raw(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "replay --raw: not built yet\n");
	return 2;
}
