/* bundle_seal.c — bundle_verify.sh's sealer: `bundle_seal DIR [KEYFILE]` writes
 * DIR/MANIFEST.sha256 and, with KEYFILE, DIR/MANIFEST.sig (bundle_seal, bundle.h);
 * pmip4ct has no command that seals a directory of its own choosing.  Exit 0, 1 with
 * the reason, 2 for bad usage.
 */
#include <stdio.h>

#include "bundle.h"

int main(int argc, char **argv)
{
	char err[512];

	if (argc != 2 && argc != 3) {
		fprintf(stderr, "usage: bundle_seal DIR [KEYFILE]\n");
		return 2;
	}
	if (bundle_seal(argv[1], argc == 3 ? argv[2] : NULL, err, sizeof err) < 0) {
		fprintf(stderr, "bundle_seal: %s\n", err);
		return 1;
	}
	return 0;
}
