/* cmd_report.c — `pmip4ct report merge`, two merges by what the paths are:
 *
 *   report merge FILE|DIR... [--json OUT] [--html OUT]
 *     the JSON summaries of the shards of one `pmip4ct gen` run combined (gen_merge,
 *     gen.h).  The merged summary goes to OUT, or to stdout; the files are replaced whole
 *     (report_file.h), and only when the merge succeeds.
 *   report merge BUNDLE... --out DIR [--sign KEYFILE] [--pubkey FILE]
 *     when every path is a directory holding a report.json: the evidence bundles of the
 *     shards of one `pmip4ct run --report DIR --shard I/N` campaign combined into the new
 *     bundle DIR, signed with KEYFILE, each shard's signature checked with --pubkey
 *     (bundle_merge, bundle_merge.h; issue #17).  Bundles and other paths do not mix.
 *
 * Exit status (cmds.h): 0 merged; 1 refused (a shard missing or given twice, shards of
 * different runs, builds, PICS or DUTs, a summary that does not add up, a shard bundle
 * or pcap that does not verify); 2 bad usage or unreadable input.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "bundle_merge.h"
#include "cmds.h"
#include "gen.h"
#include "report_file.h"
#include "settings.h"

static void report_usage(FILE *f)
{
	fprintf(f, "usage: pmip4ct report merge FILE|DIR... [--json OUT] [--html OUT]\n"
		   "       pmip4ct report merge BUNDLE... --out DIR [--sign KEYFILE] "
		   "[--pubkey FILE]\n");
}

struct report_args {
	const char *json, *html;
	const char *out, *sign, *pubkey; /* bundles */
	const char *const *paths;
	size_t n;
};

/* 0 = merge, 1 = help was printed, -1 = usage error (already reported). */
static int report_opts(struct report_args *a, int argc, char **argv)
{
	/* the value options: val is 1 + their index in dest */
	static const struct option lopts[] = {
		{ "json", required_argument, NULL, 1 },
		{ "html", required_argument, NULL, 2 },
		{ "out", required_argument, NULL, 3 },
		{ "sign", required_argument, NULL, 4 },
		{ "pubkey", required_argument, NULL, 5 },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char **dest[] = { &a->json, &a->html, &a->out, &a->sign, &a->pubkey };
	char err[160];
	int c;

	optind = 1; /* argv is `merge ...`: getopt starts afresh after "merge" */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", lopts, NULL)) != -1) {
		switch (c) {
		case 1:
		case 2:
		case 3:
		case 4:
		case 5:
			*dest[c - 1] = optarg;
			break;
		case 'h':
			report_usage(stdout);
			return 1;
		default:
			settings_bad_option(NULL, c, argc, argv, err, sizeof err);
			fprintf(stderr, "pmip4ct report merge: %s\n", err);
			return -1;
		}
	}
	if (optind == argc) {
		fprintf(stderr, "pmip4ct report merge: no FILE or DIR\n");
		return -1;
	}
	a->paths = (const char *const *)(argv + optind);
	a->n = (size_t)(argc - optind);
	return 0;
}

/* The merge into the reports under way; committed together when it succeeds. */
static int report_merge_files(const struct report_args *a)
{
	struct report_file w[2];
	FILE *out = stdout, *html = NULL;
	char err[256];
	size_t n = 0;
	int rc = 2;

	if (a->json && report_file_init(&w[n++], a->json) < 0)
		goto done;
	if (a->html && report_file_init(&w[n++], a->html) < 0)
		goto done;
	for (size_t i = 0; i < n; i++) {
		FILE *f = report_file_begin(&w[i], err, sizeof err);

		if (!f) {
			fprintf(stderr, "pmip4ct report merge: %s\n", err);
			goto done;
		}
		if (a->json && i == 0)
			out = f;
		else
			html = f;
	}
	rc = gen_merge(a->paths, a->n, out, html, stderr);
	if (rc == 0 && n && report_files_commit(w, n, err, sizeof err) < 0) {
		fprintf(stderr, "pmip4ct report merge: %s\n", err);
		rc = 2;
	}
done:
	for (size_t i = 0; i < n; i++)
		report_file_finish(&w[i]);
	return rc;
}

/* Every path a bundle: a bundle merge (1); none: a gen merge (0); a mix or options of the
 * other merge: a usage error (-1, reported). */
static int report_kind(const struct report_args *a)
{
	size_t bundles = 0;

	for (size_t i = 0; i < a->n; i++)
		bundles += bundle_merge_is_bundle(a->paths[i]);
	if (bundles && bundles < a->n) {
		fprintf(stderr, "pmip4ct report merge: %zu of %zu paths are bundles (a directory "
			"with report.json): give only bundles or only gen summaries\n",
			bundles, a->n);
		return -1;
	}
	if (bundles && (a->json || a->html || !a->out)) {
		fprintf(stderr, "pmip4ct report merge: %s\n",
			a->out ? "bundles merge into --out DIR, not --json or --html"
			       : "bundles: no --out DIR");
		return -1;
	}
	if (!bundles && (a->out || a->sign || a->pubkey)) {
		fprintf(stderr, "pmip4ct report merge: --out, --sign and --pubkey are for "
			"bundles (directories with report.json)\n");
		return -1;
	}
	return bundles ? 1 : 0;
}

int cmd_report(int argc, char **argv)
{
	struct report_args a = { 0 };
	int r;

	if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		report_usage(stdout);
		return 0;
	}
	if (argc < 2 || strcmp(argv[1], "merge")) {
		fprintf(stderr, "pmip4ct report: %s\n",
			argc < 2 ? "no action (merge)" : "unknown action: expected merge");
		report_usage(stderr);
		return 2;
	}
	r = report_opts(&a, argc - 1, argv + 1);
	if (r)
		return r > 0 ? 0 : 2;
	r = report_kind(&a);
	if (r < 0) {
		report_usage(stderr);
		return 2;
	}
	if (r > 0) {
		struct bundle_merge_opts o = { .dirs = a.paths, .n = a.n, .out = a.out,
					       .sign = a.sign, .pubkey = a.pubkey };

		char err[1024];

		r = bundle_merge(&o, stdout, err, sizeof err);
		fflush(stdout);
		if (r)
			fprintf(stderr, "pmip4ct report merge: %s\n", err);
		return r;
	}
	return report_merge_files(&a);
}
