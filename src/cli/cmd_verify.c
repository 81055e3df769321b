/* cmd_verify.c — `pmip4ct verify DIR [--pubkey FILE]`: check an evidence bundle, its
 * files against MANIFEST.sha256 and, with --pubkey, MANIFEST.sig (bundle_verify,
 * bundle.h).  The report goes to stdout, its last line the verdict.
 *
 * Exit status (cmds.h): 0 every hash matches and, with --pubkey, the signature is good;
 * 1 a file changed, removed or added, or the signature is missing or bad; 2 bad usage,
 * no readable or a malformed manifest, an unreadable or non-Ed25519 public key.
 */
#include <getopt.h>
#include <stdio.h>

#include "bundle.h"
#include "cmds.h"
#include "settings.h"

static void verify_usage(FILE *f)
{
	fprintf(f, "usage: pmip4ct verify DIR [--pubkey FILE]\n");
}

/* DIR and the key file into *dir, *pubkey: 0, 1 (help printed) or -1 (usage error). */
static int verify_opts(int argc, char **argv, const char **dir, const char **pubkey)
{
	static const struct option lopts[] = {
		{ "pubkey", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char err[160];
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", lopts, NULL)) != -1) {
		if (c == 'p') {
			*pubkey = optarg;
		} else if (c == 'h') {
			verify_usage(stdout);
			return 1;
		} else {
			settings_bad_option(NULL, c, argc, argv, err, sizeof err);
			fprintf(stderr, "pmip4ct verify: %s\n", err);
			return -1;
		}
	}
	if (argc - optind != 1) {
		fprintf(stderr, "pmip4ct verify: %s\n", optind == argc ? "no DIR" : "one DIR only");
		return -1;
	}
	*dir = argv[optind];
	return 0;
}

int cmd_verify(int argc, char **argv)
{
	const char *dir = NULL, *pubkey = NULL;
	int r = verify_opts(argc, argv, &dir, &pubkey);

	if (r < 0)
		verify_usage(stderr);
	if (r)
		return r > 0 ? 0 : 2;
	r = bundle_verify(dir, pubkey, stdout);
	fflush(stdout);
	return r;
}
