/* main.c — subcommand dispatch only (DESIGN.md §2, §8). */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmds.h"
#include "sh_main.h"
#include "txt.h"

struct subcmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
};

static const struct subcmd subcmds[] = {
	{ "decode", cmd_decode, "decode Mobile IP messages in a pcap/pcapng file" },
	{ "craft", cmd_craft, "write crafted messages to a pcap file" },
	{ "bench", cmd_bench, "measure the reference HA against a baseline (bench ha)" },
	{ "ha", cmd_ha, "run the reference Home Agent in the foreground" },
	{ "pma", cmd_pma, "run the reference Proxy Mobility Agent in the foreground" },
	{ "run", cmd_run, "run conformance suites against a DUT or the built-in references" },
	{ "replay", cmd_replay, "replay a capture's signalling against a DUT, compare its answers" },
	{ "gen", cmd_gen, "traffic for many mobile devices against an HA or a PMA" },
	{ "report", cmd_report, "merge shards: gen summaries or evidence bundles (report merge)" },
	{ "certify", cmd_certify, "run every suite of a DUT's roles into a signed evidence bundle" },
	{ "keygen", cmd_keygen, "make an Ed25519 key pair to sign evidence bundles" },
	{ "verify", cmd_verify, "check an evidence bundle's hashes and signature" },
	{ "shell", cmd_shell, "the interactive shell of the command language" },
};

static void usage(FILE *f)
{
	fprintf(f, "usage: pmip4ct COMMAND [ARGS]\n"
		   "       pmip4ct -c 'COMMANDS' [ARG...]\n"
		   "       pmip4ct FILE.pct [ARG...]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof subcmds / sizeof subcmds[0]; i++)
		fprintf(f, "  %-8s %s\n", subcmds[i].name, subcmds[i].help);
	fprintf(f, "\nSee pmip4ct(1).\n");
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);

	return n > k && !strcmp(s + n - k, tail);
}

/* A capture is no script: it is read with decode (issue #14). */
static bool is_capture(const char *arg)
{
	return ends_with(arg, ".pcap") || ends_with(arg, ".pcapng") || ends_with(arg, ".cap");
}

static int is_script(const char *arg)
{
	return ends_with(arg, ".pct") || (arg[0] != '-' && !is_capture(arg) && !access(arg, R_OK));
}

/* The subcommand closest to a misspelt one, at most 2 edits away, or NULL. */
static const char *near_subcmd(const char *w)
{
	const char *best = NULL;
	unsigned d = 3;

	for (size_t i = 0; i < sizeof subcmds / sizeof subcmds[0]; i++) {
		unsigned k = txt_edit_distance(w, subcmds[i].name);

		if (k < d && 2 * k <= strlen(w)) {
			d = k;
			best = subcmds[i].name;
		}
	}
	return best;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("pmip4ct %s\n", PMIP4CT_VERSION);
		return 0;
	}
	for (size_t i = 0; i < sizeof subcmds / sizeof subcmds[0]; i++)
		if (!strcmp(argv[1], subcmds[i].name))
			return subcmds[i].fn(argc - 1, argv + 1);
	/* the command language: -c 'COMMANDS', or a script (*.pct, or any readable file) */
	if (!strcmp(argv[1], "-c") || is_script(argv[1]))
		return cmd_script(argc - 1, argv + 1);
	if (is_capture(argv[1])) {
		fprintf(stderr, "pmip4ct: '%s' is a capture: use pmip4ct decode %s\n", argv[1],
			argv[1]);
		return 2;
	}
	if (near_subcmd(argv[1])) {
		fprintf(stderr, "pmip4ct: unknown command '%s' (did you mean '%s'?)\n", argv[1],
			near_subcmd(argv[1]));
		return 2;
	}
	fprintf(stderr, "pmip4ct: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
