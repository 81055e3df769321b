/* cmd_keygen.c — `pmip4ct keygen PREFIX`: an Ed25519 key pair for signing evidence
 * bundles, PREFIX.key (private, mode 0600) and PREFIX.pub (bundle.h).  An existing file
 * is never overwritten.
 *
 * Exit status (cmds.h): 0 written; 2 bad usage, a file exists already, or a write failed.
 */
#include <stdio.h>
#include <string.h>

#include "bundle.h"
#include "cmds.h"

static void keygen_usage(FILE *f)
{
	fprintf(f, "usage: pmip4ct keygen PREFIX\n");
}

int cmd_keygen(int argc, char **argv)
{
	char err[512];

	if (argc == 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		keygen_usage(stdout);
		return 0;
	}
	if (argc != 2 || argv[1][0] == '-' || !argv[1][0]) {
		if (argc == 2 && argv[1][0] == '-')
			fprintf(stderr, "pmip4ct keygen: unknown option '%s'\n", argv[1]);
		else
			fprintf(stderr, "pmip4ct keygen: %s\n",
				argc > 2 ? "one PREFIX only" : "no PREFIX");
		keygen_usage(stderr);
		return 2;
	}
	if (bundle_keygen(argv[1], err, sizeof err) < 0) {
		fprintf(stderr, "pmip4ct keygen: %s\n", err);
		return 2;
	}
	printf("wrote %s.key (private: keep it) and %s.pub\n", argv[1], argv[1]);
	return 0;
}
