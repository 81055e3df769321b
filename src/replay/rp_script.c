/* rp_script.c — placeholder */
#include <stdio.h>

#include "replay.h"

int replay_to_script(const struct rp_opts *o, const char *path)
{
	(void)o;
	fprintf(stderr, "pmip4ct replay: --to-script %s: not built yet\n", path);
	return 2;
}
