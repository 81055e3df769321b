/* cmd_replay.c — `pmip4ct replay FILE --dut-ha|--dut-pma ADDR[:PORT] [--pixit F]...
 * [--map OLD=NEW]...
 * [--multiplier X | --as-fast-as-answered] [--json F] [--junit F] [--pcap F]
 * [--to-script F.pct]` (issue #15 §1, DESIGN.md §8): the capture's signalling replayed
 * against a DUT, re-stamped and re-signed, its answers compared (src/replay/).
 * `--raw` hands the arguments to cmd_replay_raw (§2).
 *
 * Exit status: 0 every exchange matches; 1 one differs (a field, a reply that did not
 * come, an unexpected message); 2 bad usage or input (the capture, the PIXIT, an SPI
 * without SA); 3 inconclusive (the DUT answered nothing at all, or a socket failed),
 * as `pmip4ct run` (DESIGN.md §8).
 */
#include <arpa/inet.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmds.h"
#include "params.h"
#include "replay.h"
#include "run_files.h"

static void rp_usage(FILE *f)
{
	fprintf(f, "usage: pmip4ct replay FILE --dut-ha|--dut-pma ADDR[:PORT] [--pixit FILE]... "
		   "[--map OLD=NEW]...\n"
		   "                     [--multiplier X | --as-fast-as-answered] [--json FILE]\n"
		   "                     [--junit FILE] [--pcap FILE]\n"
		   "       pmip4ct replay FILE --to-script FILE.pct "
		   "[--dut-ha|--dut-pma ADDR[:PORT]] [--pixit FILE]...\n"
		   "       pmip4ct replay --raw FILE --if NAME ...\n"
		   "Exit: 0 every exchange matches, 1 one differs, 2 usage or input, 3 the DUT "
		   "answered nothing.\n");
}

static int addr4(const char *s, size_t n, uint32_t *out)
{
	char b[INET_ADDRSTRLEN];
	struct in_addr a;

	if (n >= sizeof b)
		return -1;
	memcpy(b, s, n);
	b[n] = 0;
	if (inet_pton(AF_INET, b, &a) != 1)
		return -1;
	*out = ntohl(a.s_addr);
	return 0;
}

static int opt_map(struct rp_opts *o, const char *arg)
{
	const char *eq = strchr(arg, '=');

	if (o->n_map == RP_MAP_MAX) {
		fprintf(stderr, "pmip4ct replay: --map: at most %d\n", RP_MAP_MAX);
		return -1;
	}
	if (!eq || addr4(arg, (size_t)(eq - arg), &o->map[o->n_map].old) ||
	    addr4(eq + 1, strlen(eq + 1), &o->map[o->n_map].new_)) {
		fprintf(stderr, "pmip4ct replay: --map '%s': expected OLD=NEW, two IPv4 "
			"addresses\n", arg);
		return -1;
	}
	o->n_map++;
	return 0;
}

static int opt_mult(struct rp_opts *o, const char *arg)
{
	char *end;
	double v = strtod(arg, &end);

	if (!*arg || *end || !(v > 0) || v > 1e6) {
		fprintf(stderr, "pmip4ct replay: --multiplier '%s': expected a number > 0\n", arg);
		return -1;
	}
	o->multiplier = v;
	return 0;
}

enum { O_DUT_HA = 256, O_DUT_PMA, O_PIXIT, O_MAP, O_MULT, O_FAST, O_JSON, O_JUNIT, O_PCAP,
       O_SCRIPT };

static const struct option rp_longopts[] = {
	{ "dut-ha", required_argument, NULL, O_DUT_HA },
	{ "dut-pma", required_argument, NULL, O_DUT_PMA },
	{ "pixit", required_argument, NULL, O_PIXIT },
	{ "map", required_argument, NULL, O_MAP },
	{ "multiplier", required_argument, NULL, O_MULT },
	{ "as-fast-as-answered", no_argument, NULL, O_FAST },
	{ "json", required_argument, NULL, O_JSON },
	{ "junit", required_argument, NULL, O_JUNIT },
	{ "pcap", required_argument, NULL, O_PCAP },
	{ "to-script", required_argument, NULL, O_SCRIPT },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

struct rp_cli {
	struct rp_opts o;
	const char *dut_ha, *dut_pma, *script;
	struct params *p;
	bool help, mult_given;
};

static int rp_opt(struct rp_cli *r, int c, const char *arg)
{
	char err[512];

	switch (c) {
	case O_DUT_HA: r->dut_ha = arg; return 0;
	case O_DUT_PMA: r->dut_pma = arg; return 0;
	case O_PIXIT:
		if (run_file_read(arg, NULL, r->p, err, sizeof err) < 0) {
			fprintf(stderr, "pmip4ct replay: %s\n", err);
			return -1;
		}
		return 0;
	case O_MAP: return opt_map(&r->o, arg);
	case O_MULT: r->mult_given = true; return opt_mult(&r->o, arg);
	case O_FAST: r->o.fast = true; return 0;
	case O_JSON: r->o.json = arg; return 0;
	case O_JUNIT: r->o.junit = arg; return 0;
	case O_PCAP: r->o.pcap = arg; return 0;
	case O_SCRIPT: r->script = arg; return 0;
	case 'h': r->help = true; return 0;
	default: return -1;
	}
}

/* The DUT: --dut-ha or --dut-pma as the PIXIT's ha or pma item (ADDR or ADDR:PORT,
 * port 434). */
static int rp_dut(struct rp_cli *r)
{
	const char *arg = r->dut_pma ? r->dut_pma : r->dut_ha, *item = r->dut_pma ? "pma" : "ha";
	char err[256];

	if (r->dut_ha && r->dut_pma) {
		fprintf(stderr, "pmip4ct replay: --dut-ha and --dut-pma: one DUT at a time\n");
		return -1;
	}
	if (arg && params_set(r->p, PARAM_PIXIT, item, arg, err, sizeof err)) {
		fprintf(stderr, "pmip4ct replay: --dut-%s '%s': %s\n", item, arg, err);
		return -1;
	}
	if (!arg && !r->script) {
		fprintf(stderr, "pmip4ct replay: which DUT? give --dut-ha or --dut-pma "
			"ADDR[:PORT]\n");
		return -1;
	}
	r->o.dut_pma = r->dut_pma != NULL;
	params_endpoint(r->p, item, &r->o.dut, &r->o.dut_port);
	return 0;
}

static int rp_parse(struct rp_cli *r, int argc, char **argv)
{
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", rp_longopts, NULL)) != -1)
		if (rp_opt(r, c, optarg) < 0)
			return -1;
	if (r->help)
		return 0;
	if (optind != argc - 1) {
		fprintf(stderr, "pmip4ct replay: %s\n", optind == argc ? "which capture? give FILE" :
			"one capture at a time");
		return -1;
	}
	if (r->o.fast && r->mult_given) {
		fprintf(stderr, "pmip4ct replay: --multiplier and --as-fast-as-answered: one "
			"pacing at a time\n");
		return -1;
	}
	r->o.file = argv[optind];
	return rp_dut(r);
}

int cmd_replay(int argc, char **argv)
{
	struct rp_cli r = { .o = { .multiplier = 1, .out = stdout } };
	int rc;

	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--raw"))
			return cmd_replay_raw(argc, argv);
	r.p = params_create();
	if (!r.p) {
		fprintf(stderr, "pmip4ct replay: out of memory\n");
		return 2;
	}
	if (rp_parse(&r, argc, argv) < 0) {
		rp_usage(stderr);
		params_destroy(r.p);
		return 2;
	}
	if (r.help) {
		rp_usage(stdout);
		params_destroy(r.p);
		return 0;
	}
	r.o.pixit = r.p;
	rc = r.script ? replay_to_script(&r.o, r.script) : replay_run(&r.o);
	params_destroy(r.p);
	return rc;
}
