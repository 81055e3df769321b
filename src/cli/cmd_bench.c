/* cmd_bench.c — `pmip4ct bench ha [--json] [--seconds S] [--bindings N]`: the reference
 * HA's performance as ratios against a baseline measured in the same run (DESIGN.md §7):
 * authenticated proxy registrations per second over loopback UDP against a minimal UDP
 * echo driven by a minimal client with the same window and datagram size (and, for
 * comparison, against a UDP echo driven by the HA's own generator), and resident bytes
 * per binding at N bindings.
 *
 * Exit status (cmds.h): 0 when the figures were measured, whether or not they meet their
 * targets; 1 when a run failed (sockets, a reply that failed verification, a request
 * the HA did not accept); 2 = bad usage.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "bench_tunnel.h"
#include "cmds.h"
#include "mip.h"
#include "settings.h"

#define BENCH_SECONDS     3.0
#define BENCH_SECONDS_MAX 3600.0
#define BENCH_BINDINGS    1000000u
#define BENCH_RATIO_MIN   0.85
#define BENCH_BYTES_MAX   200
#define BENCH_ROUNDS      10 /* turns of each rate phase: a shared machine's load shifts */
#define BENCH_PHASES      3 /* the baseline, the HA, the echo the generator drives */

struct bench_opts {
	bool json;
	double seconds;   /* per rate phase */
	uint32_t bindings;
};

struct bench_figs {
	struct bgen_result ha, echo, base;
	double reg_s, base_s, echo_s, new_s, renew_s, ratio, ratio_echo, bytes;
};

static void bench_usage(FILE *f)
{
	fprintf(f, "usage: pmip4ct bench ha [--json] [--seconds S] [--bindings N]\n"
		   "  --seconds S   length of each rate phase (default 3)\n"
		   "  --bindings N  bindings for the memory figure (default 1000000)\n");
}

static int bench_bad(const char *opt, const char *val)
{
	fprintf(stderr, "pmip4ct bench: %s '%s': out of range or not a number\n", opt, val);
	return -1;
}

static int bench_seconds(struct bench_opts *o, const char *val)
{
	char *end;

	o->seconds = strtod(val, &end);
	if (*end || end == val || !(o->seconds >= 0.1 && o->seconds <= BENCH_SECONDS_MAX))
		return bench_bad("--seconds", val);
	return 0;
}

static int bench_bindings(struct bench_opts *o, const char *val)
{
	unsigned long n;
	char *end;

	n = strtoul(val, &end, 10);
	if (*end || end == val || *val == '-' || n < 1 || n > BENCH_NAI_MAX)
		return bench_bad("--bindings", val);
	o->bindings = (uint32_t)n;
	return 0;
}

enum { BENCH_OPT_SECONDS = 256, BENCH_OPT_BINDINGS, BENCH_OPT_JSON };

static const struct option bench_lopts[] = {
	{ "json", no_argument, NULL, BENCH_OPT_JSON },
	{ "seconds", required_argument, NULL, BENCH_OPT_SECONDS },
	{ "bindings", required_argument, NULL, BENCH_OPT_BINDINGS },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* The options of `bench ha` (argv[0] is "ha"): 0 = run, 1 = help was printed, -1 =
 * usage error (already reported). */
static int bench_options(struct bench_opts *o, int argc, char **argv)
{
	char err[160];
	int opt, rc = 0;

	optind = 0;
	opterr = 0;
	while (rc == 0 && (opt = getopt_long(argc, argv, ":h", bench_lopts, NULL)) != -1) {
		switch (opt) {
		case BENCH_OPT_JSON:
			o->json = true;
			break;
		case BENCH_OPT_SECONDS:
			rc = bench_seconds(o, optarg);
			break;
		case BENCH_OPT_BINDINGS:
			rc = bench_bindings(o, optarg);
			break;
		case 'h':
			bench_usage(stdout);
			return 1;
		default:
			settings_bad_option(NULL, opt, argc, argv, err, sizeof err);
			fprintf(stderr, "pmip4ct bench: %s\n", err);
			return -1;
		}
	}
	if (rc == 0 && optind < argc) {
		fprintf(stderr, "pmip4ct bench: unexpected argument '%s'\n", argv[optind]);
		return -1;
	}
	return rc;
}

/* A server thread (the HA or the echo) and the generator that drives it. */
struct bench_side {
	const char *name;
	bool ha;
	struct bsrv *srv;
	struct bgen *gen;
};

static int side_start(struct bench_side *d)
{
	char err[256];

	d->srv = bsrv_start(d->ha, err, sizeof err);
	if (d->srv)
		d->gen = bgen_create(bsrv_port(d->srv), d->ha ? MIP_RRP : MIP_RRQ, BENCH_WINDOW,
				     err, sizeof err);
	if (d->gen)
		return 0;
	fprintf(stderr, "pmip4ct bench: %s: %s\n", d->name, err);
	return -1;
}

static int side_stop(struct bench_side *d)
{
	char err[256];
	int rc = 0;

	bgen_destroy(d->gen);
	if (d->srv && bsrv_stop(d->srv, err, sizeof err) < 0) {
		fprintf(stderr, "pmip4ct bench: %s: %s\n", d->name, err);
		rc = -1;
	}
	return rc;
}

/* The baseline: the minimal echo and client, fed the bytes of a real request. */
static struct becho *baseline_start(void)
{
	uint32_t seed = 1;
	struct clk clk = bench_clk_fast(&seed);
	struct becho *b = NULL;
	char err[256];
	struct breq *q = breq_create(&clk, err, sizeof err);
	const uint8_t *req;
	uint64_t ident;
	size_t len;

	if (q) {
		req = breq_build(q, 0, &ident, &len);
		b = becho_create(req, len, BENCH_WINDOW, err, sizeof err);
	}
	breq_destroy(q);
	if (!b)
		fprintf(stderr, "pmip4ct bench: baseline: %s\n", err);
	return b;
}

/* One round of phase k of the cycle baseline, HA, same-client echo. */
static int bench_round(struct becho *base, struct bench_side *side, int k, double seconds)
{
	static const char *const names[BENCH_PHASES] = { "baseline", "HA", "echo" };
	char err[256];
	int rc = k == 0 ? becho_round(base, seconds, err, sizeof err)
			: bgen_round(side[k == 1].gen, seconds, err, sizeof err);

	if (rc < 0)
		fprintf(stderr, "pmip4ct bench: %s: %s\n", names[k], err);
	return rc;
}

/* The baseline, the HA and the echo take turns, BENCH_ROUNDS times each, so a change
 * in the machine's load during the run weighs on every figure alike. */
static int bench_rates(double seconds, struct bench_figs *f)
{
	struct bench_side side[2] = { { .name = "echo" }, { .name = "HA", .ha = true } };
	struct becho *base = baseline_start();
	int rc = base ? 0 : -1;

	for (int i = 0; i < 2 && rc == 0; i++)
		rc = side_start(&side[i]);
	for (int k = 0; k < BENCH_ROUNDS * BENCH_PHASES && rc == 0; k++)
		rc = bench_round(base, side, k % BENCH_PHASES, seconds / BENCH_ROUNDS);
	if (rc == 0) {
		f->base = *becho_result(base);
		f->echo = *bgen_result(side[0].gen);
		f->ha = *bgen_result(side[1].gen);
	}
	becho_destroy(base);
	for (int i = 0; i < 2; i++)
		if (side_stop(&side[i]) < 0)
			rc = -1;
	if (rc == 0 && (f->base.lost || f->echo.lost || f->ha.lost))
		fprintf(stderr, "pmip4ct bench: requests lost (no reply in 200 ms): baseline "
			"%llu, echo %llu, HA %llu\n", (unsigned long long)f->base.lost,
			(unsigned long long)f->echo.lost, (unsigned long long)f->ha.lost);
	return rc;
}

static double per_s(uint64_t n, double seconds)
{
	return seconds > 0 ? (double)n / seconds : 0;
}

static void bench_print(const struct bench_opts *o, const struct bench_figs *f)
{
	if (o->json) {
		printf("{\"registrations_per_s\":%.0f,\"baseline_per_s\":%.0f,\"ratio\":%.3f,"
		       "\"bytes_per_binding\":%.1f,\"new_per_s\":%.0f,\"renew_per_s\":%.0f,"
		       "\"bindings\":%u,\"seconds\":%g,\"same_client_per_s\":%.0f,"
		       "\"ratio_same_client\":%.3f}\n",
		       f->reg_s, f->base_s, f->ratio, f->bytes, f->new_s, f->renew_s, o->bindings,
		       o->seconds, f->echo_s, f->ratio_echo);
		return;
	}
	printf("registrations/s   %-8.0f (new %.0f, renew %.0f)\n", f->reg_s, f->new_s,
	       f->renew_s);
	printf("baseline/s        %-8.0f (minimal UDP echo and client, same window)\n",
	       f->base_s);
	printf("ratio             %-8.2f (target >= %.2f)\n", f->ratio, BENCH_RATIO_MIN);
	printf("same-client/s     %-8.0f (UDP echo driven by the HA's generator: ratio %.2f)\n",
	       f->echo_s, f->ratio_echo);
	printf("bytes/binding     %-8.0f at %u bindings (target <= %u)\n", f->bytes, o->bindings,
	       BENCH_BYTES_MAX);
}

static int bench_ha(const struct bench_opts *o)
{
	struct bench_figs f;
	char err[256];

	memset(&f, 0, sizeof f);
	/* Memory first, while the process holds nothing a later phase freed. */
	if (bench_memory(o->bindings, &f.bytes, err, sizeof err) < 0) {
		fprintf(stderr, "pmip4ct bench: memory: %s\n", err);
		return 1;
	}
	if (bench_rates(o->seconds, &f) < 0)
		return 1;
	f.reg_s = per_s(f.ha.replies, f.ha.seconds);
	f.new_s = per_s(f.ha.news, f.ha.seconds);
	f.renew_s = per_s(f.ha.renews, f.ha.seconds);
	f.base_s = per_s(f.base.replies, f.base.seconds);
	f.echo_s = per_s(f.echo.replies, f.echo.seconds);
	f.ratio = f.base_s > 0 ? f.reg_s / f.base_s : 0;
	f.ratio_echo = f.echo_s > 0 ? f.reg_s / f.echo_s : 0;
	bench_print(o, &f);
	return 0;
}

int cmd_bench(int argc, char **argv)
{
	struct bench_opts o = { .seconds = BENCH_SECONDS, .bindings = BENCH_BINDINGS };
	int opts;

	if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		bench_usage(stdout);
		return 0;
	}
	/* The halves of tools/bench/tunnel, run in the testbed's namespaces. */
	if (argc >= 2 && !strcmp(argv[1], "tunnel-send"))
		return bench_tunnel_send(argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "tunnel-recv"))
		return bench_tunnel_recv(argc, argv);
	if (argc < 2 || strcmp(argv[1], "ha")) {
		bench_usage(stderr);
		return 2;
	}
	opts = bench_options(&o, argc - 1, argv + 1);
	if (opts < 0)
		bench_usage(stderr);
	return opts < 0 ? 2 : opts > 0 ? 0 : bench_ha(&o);
}
