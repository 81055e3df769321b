/* cmd_certify.c — `pmip4ct certify (--dut-ha ADDR[:PORT] | --dut-pma ADDR[:PORT])...
 * --pics FILE --pixit FILE --out DIR [--sign KEYFILE] [--note TEXT]... [--shard I/N]
 * [--strict] [-q]` (issue #17): every suite that applies to the roles given, run against
 * the DUT into one evidence bundle (pmip4ct-bundle(5)).  It is `pmip4ct run SUITES...
 * --report DIR` with the suites chosen by role, and the certify command line recorded as
 * the run's command.
 *
 * Exit status: as `pmip4ct run` (cmds.h): 0, 1 a case failed (or warned, --strict), 3
 * inconc or error only, 2 bad usage or a file that cannot be read or written, 130
 * stopped (the bundle is sealed and says it is incomplete).  A certification in which
 * no case could be judged (every verdict none: no access link, a PICS that excludes
 * everything) certifies nothing: 3, said, not 0.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cmds.h"
#include "settings.h"

/* The suites of each role (testsuites/NAME.suite), in run order. */
static const struct {
	const char *opt;
	const char *suites[2];
} certify_roles[] = {
	{ "--dut-ha", { "ha-core", "ha-robustness" } },
	{ "--dut-pma", { "pma-core", "pma-robustness" } },
};

#define CERTIFY_ROLES (sizeof certify_roles / sizeof certify_roles[0])

static void certify_usage(FILE *f)
{
	fprintf(f, "usage: pmip4ct certify (--dut-ha ADDR[:PORT] | --dut-pma ADDR[:PORT])...\n"
		"                       --pics FILE --pixit FILE --out DIR [--sign KEYFILE]\n"
		"                       [--note TEXT]... [--shard I/N|auto/N] [--strict] [-q]\n"
		"Runs every suite of the roles given into the evidence bundle DIR.  See pmip4ct(1)\n"
		"and pmip4ct-bundle(5).\n");
}

struct certify_args {
	const char **run; /* the run's argv, built as options are read */
	int n;
	const char *dut[CERTIFY_ROLES];
	bool pics, pixit;
	const char *out;
};

static void certify_push(struct certify_args *a, const char *opt, const char *arg)
{
	a->run[a->n++] = opt;
	if (arg)
		a->run[a->n++] = arg;
}

/* 0, 1 (help printed) or -1 (usage error, said). */
static int certify_opts(struct certify_args *a, int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "dut-ha", required_argument, NULL, 'H' },
		{ "dut-pma", required_argument, NULL, 'P' },
		{ "pics", required_argument, NULL, 'c' },
		{ "pixit", required_argument, NULL, 'x' },
		{ "out", required_argument, NULL, 'o' },
		{ "sign", required_argument, NULL, 's' },
		{ "note", required_argument, NULL, 'n' },
		{ "shard", required_argument, NULL, 'S' },
		{ "strict", no_argument, NULL, 't' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char err[160];
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":qh", lopts, NULL)) != -1) {
		switch (c) {
		case 'H': a->dut[0] = optarg; break;
		case 'P': a->dut[1] = optarg; break;
		case 'c': a->pics = true; certify_push(a, "--pics", optarg); break;
		case 'x': a->pixit = true; certify_push(a, "--pixit", optarg); break;
		case 'o': a->out = optarg; certify_push(a, "--report", optarg); break;
		case 's': certify_push(a, "--sign", optarg); break;
		case 'n': certify_push(a, "--note", optarg); break;
		case 'S': certify_push(a, "--shard", optarg); break;
		case 't': certify_push(a, "--strict", NULL); break;
		case 'q': certify_push(a, "-q", NULL); break;
		case 'h': certify_usage(stdout); return 1;
		default:
			settings_bad_option(NULL, c, argc, argv, err, sizeof err);
			fprintf(stderr, "pmip4ct certify: %s\n", err);
			return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "pmip4ct certify: '%s': the suites follow from the roles; give "
			"no SUITE\n", argv[optind]);
		return -1;
	}
	if (!a->dut[0] && !a->dut[1]) {
		fprintf(stderr, "pmip4ct certify: no DUT: give --dut-ha or --dut-pma (or both)\n");
		return -1;
	}
	if (!a->pics || !a->pixit || !a->out) {
		fprintf(stderr, "pmip4ct certify: a certification needs %s\n",
			!a->pics ? "--pics FILE: the PICS the vendor declares" :
			!a->pixit ? "--pixit FILE: the DUT's identification and addresses" :
			"--out DIR: where the evidence bundle goes");
		return -1;
	}
	return 0;
}

/* 3 when the bundle in dir judged no case of the ones it ran (every verdict none), else
 * rc.  (An empty shard ran none: that is not a failure to judge.) */
static int certify_judged(const char *dir, int rc)
{
	static const char *const judged[] = { "pass", "fail", "warn", "inconc", "error" };
	char *path = NULL;
	json_t *r = NULL, *sum;
	json_int_t n = 0;

	if (asprintf(&path, "%s/report.json", dir) < 0)
		return rc;
	r = json_load_file(path, 0, NULL);
	sum = json_object_get(r, "summary");
	for (size_t i = 0; i < sizeof judged / sizeof *judged; i++)
		n += json_integer_value(json_object_get(sum, judged[i]));
	if (sum && !n && json_integer_value(json_object_get(sum, "total"))) {
		fprintf(stderr, "pmip4ct certify: no case could be judged (every verdict is none; "
			"the reasons are in %s): this bundle certifies nothing\n", path);
		rc = 3;
	}
	json_decref(r);
	free(path);
	return rc;
}

/* The run's argv: "run", the suites of the roles given, the DUTs, then the options as
 * read; copies, since getopt permutes them.  NULL when out of memory. */
static char **certify_argv(const struct certify_args *a, int *n)
{
	char **run = calloc((size_t)a->n + 4 * CERTIFY_ROLES + 1, sizeof *run);

	if (!run)
		return NULL;
	*n = 0;
	run[(*n)++] = strdup("run");
	for (size_t k = 0; k < CERTIFY_ROLES; k++)
		for (size_t s = 0; a->dut[k] && s < 2; s++)
			run[(*n)++] = strdup(certify_roles[k].suites[s]);
	for (size_t k = 0; k < CERTIFY_ROLES; k++)
		if (a->dut[k]) {
			run[(*n)++] = strdup(certify_roles[k].opt);
			run[(*n)++] = strdup(a->dut[k]);
		}
	for (int i = 0; i < a->n; i++)
		run[(*n)++] = strdup(a->run[i]);
	for (int i = 0; i < *n; i++)
		if (!run[i]) {
			for (int k = 0; k < *n; k++)
				free(run[k]);
			free(run);
			return NULL;
		}
	return run;
}

int cmd_certify(int argc, char **argv)
{
	/* at most 2 run words per argv word */
	struct certify_args a = { .run = calloc(2 * (size_t)argc + 1, sizeof *a.run) };
	const char **shown = calloc((size_t)argc + 1, sizeof *shown);
	char **run = NULL;
	int r, n = 0, rc = 2;

	if (!a.run || !shown)
		goto nomem;
	r = certify_opts(&a, argc, argv);
	if (r) {
		if (r < 0)
			certify_usage(stderr);
		rc = r > 0 ? 0 : 2;
		goto out;
	}
	run = certify_argv(&a, &n);
	if (!run)
		goto nomem;
	shown[0] = "pmip4ct"; /* argv[0] is "certify" */
	memcpy(shown + 1, argv, (size_t)argc * sizeof *shown);
	rc = cmd_run_as(n, run, argc + 1, shown);
	if (rc == 0)
		rc = certify_judged(a.out, rc);
	goto out;
nomem:
	fprintf(stderr, "pmip4ct certify: out of memory\n");
out:
	for (int i = 0; run && i < n; i++)
		free(run[i]);
	free(run);
	free(a.run);
	free(shown);
	return rc;
}
