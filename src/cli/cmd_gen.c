/* cmd_gen.c — `pmip4ct gen PROFILE [--dut-ha|--dut-pma ADDR[:PORT]] [--pixit F] [--json F]
 * [--series F] [--html F] [--shard i/N] [--threads N] [--every S]`: the traffic generator
 * (issue #16, src/gen/gen.h).  Exit status as gen_run's: 0 completed, 1 a device never
 * registered or data lost outside handovers, 2 usage or input, 3 the DUT answered
 * nothing, 130 interrupted (the figures so far written).
 */
#include <arpa/inet.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmds.h"
#include "gen.h"

static volatile sig_atomic_t gen_stop;

static void gen_on_signal(int sig)
{
	(void)sig;
	gen_stop = 1;
}

static void gen_usage(FILE *f)
{
	fprintf(f,
		"usage: pmip4ct gen PROFILE [--dut-ha ADDR[:PORT] | --dut-pma ADDR[:PORT]] [OPTION]...\n"
		"  traffic for many mobile devices (pmip4ct-gen(5) describes PROFILE); with no\n"
		"  DUT, against the reference HA started on 127.0.0.1 (signalling only)\n"
		"\n"
		"  --dut-ha ADDR[:PORT]   the HA under test (port 434)\n"
		"  --dut-pma ADDR[:PORT]  the PMA under test: the generator plays the HA\n"
		"  --pixit FILE           SA, home.if, home.gw, ha.cn, access.if, ha\n"
		"  --json FILE            the JSON summary\n"
		"  --series FILE          the time series: CSV, or JSON lines for *.jsonl\n"
		"  --html FILE            a page with the plots (inline SVG)\n"
		"  --devices-csv FILE     one row per device at the end (against an HA)\n"
		"  --pma ADDR             play the profile's next PMA at ADDR instead (repeat once\n"
		"                         per PMA): shards on other machines, one profile\n"
		"  --shard I/N            run slice I of N of the devices (also auto/N:\n"
		"                         JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID)\n"
		"  --threads N            workers (default: one per core)\n"
		"  --every S              off a terminal, a status line every S seconds (10)\n"
		"  -h, --help             this help\n");
}

enum { O_DUT_HA = 256, O_DUT_PMA, O_PIXIT, O_JSON, O_SERIES, O_HTML, O_SHARD, O_THREADS,
       O_EVERY, O_DEVICES, O_PMA };

static const struct option gen_longopts[] = {
	{ "dut-ha", required_argument, NULL, O_DUT_HA },
	{ "dut-pma", required_argument, NULL, O_DUT_PMA },
	{ "pixit", required_argument, NULL, O_PIXIT },
	{ "json", required_argument, NULL, O_JSON },
	{ "series", required_argument, NULL, O_SERIES },
	{ "html", required_argument, NULL, O_HTML },
	{ "shard", required_argument, NULL, O_SHARD },
	{ "threads", required_argument, NULL, O_THREADS },
	{ "every", required_argument, NULL, O_EVERY },
	{ "devices-csv", required_argument, NULL, O_DEVICES },
	{ "pma", required_argument, NULL, O_PMA },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int bad(const char *opt, const char *val, const char *why)
{
	fprintf(stderr, "pmip4ct gen: %s '%s': %s\n", opt, val, why);
	return -1;
}

static int gen_opt(struct gen_opts *o, int c, const char *arg, bool *help)
{
	char err[256], *end;
	struct in_addr a;
	unsigned long v;
	double d;

	switch (c) {
	case O_DUT_HA: o->dut_ha = true; o->dut = arg; return 0;
	case O_DUT_PMA: o->dut_pma = true; o->dut = arg; return 0;
	case O_PIXIT: o->pixit = arg; return 0;
	case O_JSON: o->json = arg; return 0;
	case O_SERIES:
		o->series = arg;
		o->series_fmt = strlen(arg) > 6 && !strcmp(arg + strlen(arg) - 6, ".jsonl")
					? GEN_SERIES_JSONL : GEN_SERIES_CSV;
		return 0;
	case O_HTML: o->html = arg; return 0;
	case O_DEVICES: o->devices_csv = arg; return 0;
	case O_PMA:
		if (o->n_pma == GEN_PMA_MAX || inet_pton(AF_INET, arg, &a) != 1)
			return bad("--pma", arg, o->n_pma == GEN_PMA_MAX ? "too many" :
						 "expected an IPv4 address");
		o->pma[o->n_pma++] = ntohl(a.s_addr);
		return 0;
	case O_SHARD:
		if (gen_shard_parse(&o->shard, arg, err, sizeof err) < 0)
			return bad("--shard", arg, err);
		return 0;
	case O_THREADS:
		v = strtoul(arg, &end, 10);
		if (!*arg || *end || v < 1 || v > 64)
			return bad("--threads", arg, "1-64");
		o->threads = (unsigned)v;
		return 0;
	case O_EVERY:
		d = strtod(arg, &end);
		if (!*arg || *end || !(d >= 0.1 && d <= 3600))
			return bad("--every", arg, "seconds, 0.1-3600");
		o->periodic_s = d;
		return 0;
	case 'h': *help = true; return 0;
	default: return -1;
	}
}

int cmd_gen(int argc, char **argv)
{
	struct gen_opts o = { .shard = { 1, 1 }, .out = stdout, .interrupted = &gen_stop };
	struct sigaction sa, old_int, old_term;
	struct gen_prof *p;
	char err[512];
	bool help = false;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", gen_longopts, NULL)) != -1)
		if (gen_opt(&o, c, optarg, &help) < 0) {
			gen_usage(stderr);
			return 2;
		}
	if (help) {
		gen_usage(stdout);
		return 0;
	}
	if (optind != argc - 1) {
		fprintf(stderr, "pmip4ct gen: %s\n",
			optind == argc ? "which profile? give PROFILE" : "one profile at a time");
		gen_usage(stderr);
		return 2;
	}
	if (o.dut_ha && o.dut_pma) {
		fprintf(stderr, "pmip4ct gen: --dut-ha and --dut-pma: one DUT at a time\n");
		return 2;
	}
	p = calloc(1, sizeof *p);
	if (!p || gen_prof_load(p, argv[optind], err, sizeof err) < 0) {
		fprintf(stderr, "pmip4ct gen: %s\n", p ? err : "out of memory");
		free(p);
		return 2;
	}
	o.tty = isatty(STDERR_FILENO);
	gen_stop = 0;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = gen_on_signal;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	rc = gen_run(p, &o);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	free(p);
	return rc;
}
