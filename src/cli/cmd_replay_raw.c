/* cmd_replay_raw.c — `pmip4ct replay --raw FILE --if NAME [speed] [--loop N] [rewriting]
 * [--json F]`: replay a capture's frames onto an interface, as tcpreplay does (issue #15
 * §2, DESIGN.md §8).  The engine is src/replay/raw (rr.h); this file reads the options,
 * shows the statistics live (stderr: a line rewritten once a second on a terminal, a
 * line every --stats seconds elsewhere) and at the end (stdout: a summary, then one
 * JSON object on the last line; --json F writes the same object to F).
 *
 * Exit status (cmds.h): 0 = replayed; 1 = the send path failed part-way; 2 = bad usage,
 * or a capture that cannot be replayed (not pcap/pcapng, cut short, a link type or a
 * frame it cannot handle: the message names the frame); 130 = stopped by a signal.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmds.h"
#include "render.h"
#include "rr.h"
#include "rr_sign.h"
#include "rr_tx.h"
#include "settings.h"
#include "txt.h"

struct rpr {
	const char *file, *ifname, *json_path;
	struct rr_opts o;
	struct rr_rw rw;
	bool mmsg;
	bool speed_set;      /* a speed option was given */
	double stats_s;      /* seconds between progress lines; 0 = none */
	bool tty;
	uint64_t last_line;  /* monotonic ns of the last progress line */
	uint64_t last_pkts;
	struct rr_cap cap;
	struct rr_sign_set sign;
	struct rr_stats st;
	const char *kind;
};

static volatile int rpr_stop;

static void rpr_on_signal(int sig)
{
	(void)sig;
	rpr_stop = 1;
}

static void rpr_usage(FILE *f)
{
	fprintf(f,
		"usage: pmip4ct replay --raw FILE --if NAME [--multiplier X | --pps N | --mbps N |\n"
		"                      --topspeed] [--loop N] [--mac OLD=NEW]... [--ip OLD=NEW]...\n"
		"                      [--port OLD=NEW]... [--tunnel OP]... [--sa SPEC]...\n"
		"                      [--json FILE] [--stats S] [--sendmmsg] [--no-realtime]\n"
		"OP: strip | add:ipip:SRC,DST | add:gre:SRC,DST[,key=K][,csum] | gre-key:[OLD=]NEW\n"
		"See pmip4ct(1).\n");
}

/* ---- options ---- */

static int rpr_bad(const char *opt, const char *arg, const char *what)
{
	fprintf(stderr, "pmip4ct replay: %s '%s': %s\n", opt, arg, what);
	return -1;
}

static int rpr_num(const char *opt, const char *arg, double min, double max, double *v)
{
	char *end;

	*v = strtod(arg, &end);
	if (!*arg || *end || !(*v >= min && *v <= max))
		return rpr_bad(opt, arg, "out of range or not a number");
	return 0;
}

static int rpr_speed(struct rpr *r, enum rr_speed s, const char *opt, const char *arg)
{
	static const char *const names[] = { "--multiplier", "--pps", "--mbps", "--topspeed" };

	if (r->speed_set) {
		fprintf(stderr, "pmip4ct replay: %s: one of --multiplier, --pps, --mbps, "
			"--topspeed only\n", names[s]);
		return -1;
	}
	r->o.speed = s;
	r->speed_set = true;
	switch (s) {
	case RR_RECORDED:
		return rpr_num(opt, arg, 1e-6, 1e6, &r->o.multiplier);
	case RR_PPS:
		return rpr_num(opt, arg, 1e-3, 1e9, &r->o.rate);
	case RR_MBPS:
		return rpr_num(opt, arg, 1e-3, 1e6, &r->o.rate);
	case RR_TOPSPEED:
		break;
	}
	return 0;
}

static int rpr_rw(struct rpr *r, enum rr_rw_opt which, const char *opt, const char *arg)
{
	char err[200];

	if (rr_rw_parse(&r->rw, which, arg, err, sizeof err) < 0) {
		fprintf(stderr, "pmip4ct replay: %s %s\n", opt, err);
		return -1;
	}
	return 0;
}

enum { O_RAW = 256, O_IF, O_MULT, O_PPS, O_MBPS, O_TOP, O_LOOP, O_MAC, O_IP, O_PORT,
       O_TUNNEL, O_SA, O_JSON, O_STATS, O_MMSG, O_NORT };

/* One option: 0 = go on, 1 = help was printed, -1 = usage error (already reported). */
static int rpr_opt(struct rpr *r, int c, int argc, char **argv)
{
	char err[160];
	double v;

	switch (c) {
	case O_RAW: r->file = optarg; return 0;
	case O_IF: r->ifname = optarg; return 0;
	case O_MULT: return rpr_speed(r, RR_RECORDED, "--multiplier", optarg);
	case O_PPS: return rpr_speed(r, RR_PPS, "--pps", optarg);
	case O_MBPS: return rpr_speed(r, RR_MBPS, "--mbps", optarg);
	case O_TOP: return rpr_speed(r, RR_TOPSPEED, "--topspeed", NULL);
	case O_LOOP:
		if (rpr_num("--loop", optarg, 1, 1e12, &v) < 0)
			return -1;
		if (v != (double)(uint64_t)v)
			return rpr_bad("--loop", optarg, "not a whole number");
		r->o.loops = (uint64_t)v;
		return 0;
	case O_MAC: return rpr_rw(r, RR_OPT_MAC, "--mac", optarg);
	case O_IP: return rpr_rw(r, RR_OPT_IP, "--ip", optarg);
	case O_PORT: return rpr_rw(r, RR_OPT_PORT, "--port", optarg);
	case O_TUNNEL: return rpr_rw(r, RR_OPT_TUNNEL, "--tunnel", optarg);
	case O_SA: return rpr_rw(r, RR_OPT_SA, "--sa", optarg);
	case O_JSON: r->json_path = optarg; return 0;
	case O_STATS: return rpr_num("--stats", optarg, 0, 86400, &r->stats_s);
	case O_MMSG: r->mmsg = true; return 0;
	case O_NORT: r->o.realtime = false; return 0;
	case 'h': rpr_usage(stdout); return 1;
	default:
		settings_bad_option(NULL, c, argc, argv, err, sizeof err);
		fprintf(stderr, "pmip4ct replay: %s\n", err);
		return -1;
	}
}

static int rpr_opts(struct rpr *r, int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "raw", required_argument, NULL, O_RAW },
		{ "if", required_argument, NULL, O_IF },
		{ "multiplier", required_argument, NULL, O_MULT },
		{ "pps", required_argument, NULL, O_PPS },
		{ "mbps", required_argument, NULL, O_MBPS },
		{ "topspeed", no_argument, NULL, O_TOP },
		{ "loop", required_argument, NULL, O_LOOP },
		{ "mac", required_argument, NULL, O_MAC },
		{ "ip", required_argument, NULL, O_IP },
		{ "port", required_argument, NULL, O_PORT },
		{ "tunnel", required_argument, NULL, O_TUNNEL },
		{ "sa", required_argument, NULL, O_SA },
		{ "json", required_argument, NULL, O_JSON },
		{ "stats", required_argument, NULL, O_STATS },
		{ "sendmmsg", no_argument, NULL, O_MMSG },
		{ "no-realtime", no_argument, NULL, O_NORT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", lopts, NULL)) != -1)
		if ((rc = rpr_opt(r, c, argc, argv)) != 0)
			return rc;
	if (optind < argc) {
		fprintf(stderr, "pmip4ct replay: '%s': unexpected argument (the capture is "
			"--raw FILE)\n", argv[optind]);
		return -1;
	}
	if (!r->file || !r->ifname) {
		fprintf(stderr, "pmip4ct replay: %s is missing\n", !r->file ? "--raw FILE" : "--if NAME");
		rpr_usage(stderr);
		return -1;
	}
	return 0;
}

/* ---- statistics ---- */

static double rpr_pps(const struct rr_stats *st)
{
	double s = rr_stats_seconds(st);

	return s > 0 ? (double)st->packets / s : 0;
}

static double rpr_mbps(const struct rr_stats *st)
{
	double s = rr_stats_seconds(st);

	return s > 0 ? (double)st->bytes * 8 / s / 1e6 : 0;
}

/* The live line: on a terminal rewritten in place, elsewhere one line each time. */
static void rpr_tick(const struct rr_stats *st, uint64_t now, void *arg)
{
	struct rpr *r = arg;
	double dt = (double)(now - r->last_line) / 1e9;

	if (!r->stats_s || dt < r->stats_s)
		return;
	fprintf(stderr, "%s%" PRIu64 " packets, %.0f pps, %.1f Mbps now", r->tty ? "\r\033[K" : "",
		st->packets, (double)(st->packets - r->last_pkts) / dt,
		rr_stats_seconds(st) > 0 ? rpr_mbps(st) : 0.0);
	if (st->scheduled)
		fprintf(stderr, ", schedule error p99 %" PRIu64 " us", rr_stats_pct_us(st, 99));
	fputs(r->tty ? "" : "\n", stderr);
	fflush(stderr);
	r->last_line = now;
	r->last_pkts = st->packets;
}

static void rpr_json(const struct rpr *r, FILE *f)
{
	const struct rr_stats *st = &r->st;
	struct json j;

	json_init(&j, f);
	j.pretty = 0;
	json_obj_begin(&j, NULL);
	json_str(&j, "file", r->file);
	json_str(&j, "if", r->ifname);
	json_str(&j, "send_path", r->kind);
	json_u64(&j, "packets", st->packets);
	json_u64(&j, "bytes", st->bytes);
	json_u64(&j, "loops", st->loops_done);
	json_u64(&j, "skipped", r->cap.skipped);
	json_u64(&j, "refused", st->failed);
	json_u64(&j, "resigned", r->sign.signed_msgs);
	json_fixed(&j, "seconds", (uint64_t)(rr_stats_seconds(st) * 1e6), 6);
	json_u64(&j, "pps", (uint64_t)(rpr_pps(st) + 0.5));
	json_fixed(&j, "mbps", (uint64_t)(rpr_mbps(st) * 1e3 + 0.5), 3);
	json_str(&j, "first_utc", txt_utc(st->first_wall_ns, 6).s);
	json_str(&j, "last_utc", txt_utc(st->last_wall_ns, 6).s);
	json_bool(&j, "stopped", st->stopped);
	json_bool(&j, "realtime", st->realtime);
	if (st->scheduled) {
		json_obj_begin(&j, "schedule_error_us");
		json_u64(&j, "p50", rr_stats_pct_us(st, 50));
		json_u64(&j, "p99", rr_stats_pct_us(st, 99));
		json_u64(&j, "max", st->err_max_ns / 1000);
		json_u64(&j, "drift", st->drift_ns > 0 ? (uint64_t)st->drift_ns / 1000 : 0);
		json_obj_end(&j);
	}
	json_obj_end(&j);
	json_finish(&j);
}

static void rpr_summary(const struct rpr *r)
{
	const struct rr_stats *st = &r->st;
	char a[48], b[48];

	if (r->tty && r->stats_s)
		fputs("\r\033[K", stderr);
	snprintf(a, sizeof a, "%s", txt_utc(st->first_wall_ns, 6).s);
	snprintf(b, sizeof b, "%s", txt_utc(st->last_wall_ns, 6).s);
	printf("replayed %s on %s (%s)%s\n", r->file, r->ifname, r->kind,
	       st->stopped ? ", stopped early" : "");
	printf("  packets   %" PRIu64 " in %" PRIu64 " pass%s (%" PRIu64 " frames skipped, %"
	       PRIu64 " refused)\n", st->packets, st->loops_done, st->loops_done == 1 ? "" : "es",
	       r->cap.skipped, st->failed);
	printf("  bytes     %" PRIu64 "\n", st->bytes);
	printf("  rate      %.0f pps, %.3f Mbps over %.6f s\n", rpr_pps(st), rpr_mbps(st),
	       rr_stats_seconds(st));
	printf("  first     %s\n  last      %s\n", a, b);
	if (st->scheduled)
		printf("  schedule  error p50 %" PRIu64 " us, p99 %" PRIu64 " us, max %" PRIu64
		       " us; the last packet %" PRId64 " us after its due time\n",
		       rr_stats_pct_us(st, 50), rr_stats_pct_us(st, 99), st->err_max_ns / 1000,
		       st->drift_ns / 1000);
	if (r->cap.sign)
		printf("  re-signed %" PRIu64 " Mobile IP messages\n", r->sign.signed_msgs);
	if (r->cap.skipped)
		fprintf(stderr, "pmip4ct replay: %s: %" PRIu64 " frames skipped, the first "
			"(frame %" PRIu64 ") %s\n", r->file, r->cap.skipped, r->cap.skipped_first,
			r->cap.skip_why);
	rpr_json(r, stdout);
}

static int rpr_write_json(const struct rpr *r)
{
	FILE *f;

	if (!r->json_path)
		return 0;
	f = fopen(r->json_path, "w");
	if (!f) {
		fprintf(stderr, "pmip4ct replay: %s: cannot write: %s\n", r->json_path,
			strerror(errno));
		return -1;
	}
	rpr_json(r, f);
	return fclose(f) == 0 ? 0 : -1;
}

/* ---- the command ---- */

static int rpr_run(struct rpr *r)
{
	struct rr_link link;
	struct rr_tx *tx;
	char err[400];
	int rc;

	tx = rr_tx_open(r->ifname, 0, r->mmsg, &link, err, sizeof err);
	if (!tx) {
		fprintf(stderr, "pmip4ct replay: %s\n", err);
		return 2;
	}
	r->kind = rr_tx_kind(tx);
	if (r->rw.n_sa) {
		r->sign.rw = &r->rw;
		r->cap.sign = &r->sign;
	}
	if (rr_cap_load(&r->cap, r->file, &r->rw, &link, err, sizeof err) < 0) {
		fprintf(stderr, "pmip4ct replay: %s\n", err);
		rr_tx_close(tx);
		return 2;
	}
	r->tty = isatty(STDERR_FILENO);
	if (r->stats_s < 0)
		r->stats_s = r->tty ? 1 : 10;
	r->o.stop = &rpr_stop;
	r->last_line = rr_mono_ns();
	rc = rr_run(&r->cap, &r->o, tx, &r->st, rpr_tick, r, err, sizeof err);
	rr_tx_close(tx);
	rpr_summary(r);
	if (rpr_write_json(r) < 0)
		return 2;
	if (rc < 0) {
		fprintf(stderr, "pmip4ct replay: %s: %s\n", r->ifname, err);
		return 1;
	}
	return r->st.stopped ? 130 : 0;
}

int cmd_replay_raw(int argc, char **argv)
{
	struct rpr *r = calloc(1, sizeof *r);
	struct sigaction sa;
	int rc;

	if (!r) {
		fprintf(stderr, "pmip4ct replay: out of memory\n");
		return 2;
	}
	r->o.speed = RR_RECORDED;
	r->o.multiplier = 1.0;
	r->o.loops = 1;
	r->o.realtime = true;
	r->stats_s = -1;
	rc = rpr_opts(r, argc, argv);
	if (rc == 0) {
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = rpr_on_signal;
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		rc = rpr_run(r);
	} else {
		rc = rc > 0 ? 0 : 2;
	}
	rr_cap_finish(&r->cap);
	rr_sign_finish(&r->sign);
	free(r);
	return rc;
}
