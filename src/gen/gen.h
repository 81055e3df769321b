/* gen.h — `pmip4ct gen` (issue #16, DESIGN.md §8): a traffic generator that plays M PMAs
 * and N mobile devices against a Home Agent (or N devices against a PMA): registration
 * storms, renewals, handovers, revocations and data through the tunnels, with loss,
 * latency and handover figures.
 *
 * The parts, one job per file:
 *   gen_prof.c   the profile (pmip4ct-gen(5)), in the command language (lex.h)
 *   hist.c       log-linear latency histograms that merge exactly (hist.h)
 *   gen_shard.c  the shard of a run: --shard i/N, JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID
 *   gen_run.c    the run against an HA: workers, schedule, devices (gen_dev.h)
 *   gen_pma.c    the run against a PMA: devices on the access link doing DHCP
 *   gen_out.c    the live line, periodic lines, the JSON summary, the time series, the
 *                end summary, per-device CSV
 *   gen_html.c   the HTML page with inline SVG plots (report/svg.h)
 *   gen_merge.c  `pmip4ct report merge`: shard outputs combined (jansson)
 */
#ifndef PMIP4CT_GEN_H
#define PMIP4CT_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>

#include "auth.h"
#include "hist.h"

#define GEN_PMA_MAX     64
#define GEN_FLOW_MAX    8
#define GEN_DEVICES_MAX 1000000u
#define GEN_NAI_FMT_MAX 64
#define GEN_IFNAME_MAX  16
#define GEN_PAYLOAD_MIN 28 /* bytes of the generator's payload header (gen_dev.h) */
#define GEN_JSON_FORMAT 1  /* "format" of the JSON summary */

enum gen_dir {
	GEN_UP = 0,   /* device -> correspondent node: PMA -> HA tunnel -> home link */
	GEN_DOWN = 1, /* correspondent node -> device: home link -> HA -> PMA tunnel */
	GEN_NDIR = 2,
};

enum gen_pattern {
	GEN_PAT_CONSTANT, /* evenly spaced */
	GEN_PAT_POISSON,  /* exponential gaps, seeded by the device number */
	GEN_PAT_BURST,    /* `burst` packets back to back, bursts evenly spaced */
};

enum gen_encap {
	GEN_ENCAP_IPIP, /* RFC 2003 */
	GEN_ENCAP_GRE,  /* RFC 2784, keys RFC 2890 and RFC 6245 */
};

/* Where a profile value came from, for error messages and the summary. */
struct gen_where {
	const char *file; /* the profile's name as given */
	unsigned line, col;
};

/* One flow per device: `flow NAME up|down|both rate PPS size BYTES [pattern P]
 * [start S] [stop S] [port N]`. */
struct gen_flow {
	char name[32];
	bool dir[GEN_NDIR];   /* which directions */
	double pps;           /* per device and direction */
	uint16_t size;        /* inner IPv4 packet, bytes (>= 20 + 8 + GEN_PAYLOAD_MIN) */
	enum gen_pattern pattern;
	uint16_t burst;       /* GEN_PAT_BURST: packets per burst */
	double start_s, stop_s; /* from the start of the run; stop 0 = until the end */
	uint16_t port;        /* the correspondent node's UDP port */
};

/* A rate of events over a window: `handover rate R [start S] [stop S]`. */
struct gen_rate {
	double rate;            /* events per second over all devices; 0 = none */
	double start_s, stop_s; /* stop 0 = until the end */
};

struct gen_prof {
	char file[256];
	/* devices N [nai FORMAT] [first K] [mac 02:..] */
	uint32_t devices;
	char nai_fmt[GEN_NAI_FMT_MAX]; /* one %u: the device number (first + index) */
	uint32_t first;
	uint8_t mac_base[6];           /* against a PMA: device i has mac_base + i */
	/* pma ADDR (repeatable) */
	uint32_t pma[GEN_PMA_MAX];     /* host order */
	unsigned n_pma;
	/* ha ADDR[:PORT]: overridden by --dut-ha */
	uint32_t ha;
	uint16_t ha_port;
	/* sa SPEC: the per-node FA-HA SA (RFC 5563 §4.3); default the PIXIT's */
	struct mip_sa sa;
	bool sa_set;
	/* encap ipip|gre */
	enum gen_encap encap;
	/* lifetime S; renew F (share of the granted lifetime, 0 < F < 1) */
	uint16_t lifetime;
	double renew;
	/* register rate R [ramp S]: R per second, reached linearly over S */
	double reg_rate, reg_ramp_s;
	/* revocation on|off: negotiate RFC 3543 (137) in every request */
	bool revocation;
	struct gen_flow flow[GEN_FLOW_MAX];
	unsigned n_flow;
	struct gen_rate handover; /* a device moves to the next PMA */
	struct gen_rate revoke;   /* a PMA revokes a device's binding (RFC 3543 §4.2.3.1) */
	double duration_s;        /* from the first request to the deregistrations */
	/* cn ADDR, home-if NAME: the correspondent node the generator plays on the HA's home
	 * link (default: PIXIT ha.cn, home.if); access-if NAME: a PMA's access link */
	uint32_t cn;
	char home_if[GEN_IFNAME_MAX];
	char access_if[GEN_IFNAME_MAX];
	/* series S: the time series interval (default 1) */
	double series_s;
	/* reply-ms MS: a request unanswered this long is retransmitted (default 1000) */
	unsigned reply_ms;
};

/* Parse a profile from buf (NUL not needed).  0, or -1 with "file:line:col: message" in
 * err.  Every item has a default (pmip4ct-gen(5)); `devices` and one `pma` are required. */
int gen_prof_parse(struct gen_prof *p, const char *file, const char *buf, size_t len,
		   char *err, size_t errlen);
/* The same, reading the file (a bare name is looked up as suites are: datadir.h). */
int gen_prof_load(struct gen_prof *p, const char *path, char *err, size_t errlen);
/* A stable hash of everything that shapes the run (the profile as parsed, the DUT), in
 * hex, for the shard check of `report merge`. */
void gen_prof_hash(const struct gen_prof *p, char out[65]);

/* ---- shards (gen_shard.c) ---- */

struct gen_shard {
	unsigned index; /* 1-based */
	unsigned total; /* 1 = no sharding */
};

/* Parse "i/N" (1 <= i <= N <= 4096), or "auto/N" ("env/N"): the index from
 * JOB_COMPLETION_INDEX (a Kubernetes Indexed Job, 0-based) or SLURM_ARRAY_TASK_ID (minus
 * SLURM_ARRAY_TASK_MIN when set).  0, or -1 with a reason in err. */
int gen_shard_parse(struct gen_shard *s, const char *text, char *err, size_t errlen);
/* The devices of a shard: [*lo, *hi) of 0..devices. */
void gen_shard_slice(const struct gen_shard *s, uint32_t devices, uint32_t *lo, uint32_t *hi);

/* ---- figures ---- */

enum gen_hist_id {
	GEN_H_REG,     /* registration latency: request sent -> accepting reply */
	GEN_H_LAT_UP,  /* one-way latency, device -> CN */
	GEN_H_LAT_DOWN,
	GEN_H_JIT_UP,  /* |transit difference| of consecutive packets (RFC 3550 §6.4.1 D) */
	GEN_H_JIT_DOWN,
	GEN_H_HO_GAP,  /* handover interruption: move -> first packet on the new path */
	GEN_H_REV_ACK, /* revocation sent -> authenticated Ack */
	GEN_NHIST,
};

struct gen_counters {
	uint64_t devices;      /* in this run (this shard) */
	uint64_t registered;   /* devices whose first registration was accepted */
	uint64_t reg_sent, reg_retx, reg_timeout;
	uint64_t renewed, dereg_sent, deregistered;
	uint64_t handovers, handovers_done;
	uint64_t revokes_sent, revokes_acked;    /* PMA-initiated (the generator's) */
	uint64_t ha_revocations;                 /* HA-initiated, received and acknowledged */
	uint64_t codes[256];                     /* reply codes received */
	uint64_t sent[GEN_NDIR], received[GEN_NDIR];
	uint64_t lost[GEN_NDIR];      /* never arrived, outside handovers */
	uint64_t lost_ho[GEN_NDIR];   /* never arrived, sent within a handover window */
	uint64_t reordered[GEN_NDIR]; /* arrived after a later one */
	uint64_t duplicated[GEN_NDIR];
	uint64_t held[GEN_NDIR];      /* not sent: the device had no binding at the time */
	uint64_t bad;                 /* received but not ours / malformed / wrong key */
};

struct gen_stats {
	struct gen_counters c;
	struct hist h[GEN_NHIST];
};

/* 0, or -1 when out of memory. */
int gen_stats_init(struct gen_stats *s);
void gen_stats_free(struct gen_stats *s);
/* a += b: counters added, histograms merged exactly. */
void gen_stats_add(struct gen_stats *a, const struct gen_stats *b);

/* One point of the time series: the interval (t - series_s, t]. */
struct gen_point {
	double t_s;              /* seconds since the start */
	uint64_t devices_up;     /* devices with a binding at t */
	uint64_t regs;           /* accepted registrations in the interval (new + renew) */
	uint64_t sent[GEN_NDIR], received[GEN_NDIR], lost[GEN_NDIR];
	uint64_t handovers;
	double p99_us[GEN_NDIR]; /* one-way latency p99 in the interval; -1 = no packet */
};

/* ---- a run ---- */

enum gen_series_fmt { GEN_SERIES_CSV, GEN_SERIES_JSONL };

struct gen_opts {
	bool dut_ha, dut_pma;     /* a DUT given; neither: the reference HA in a child */
	const char *dut;          /* its ADDR[:PORT] as given (port 434 by default) */
	const char *pixit;        /* PIXIT file or NULL */
	const char *json;         /* JSON summary or NULL */
	const char *series;       /* time series or NULL */
	enum gen_series_fmt series_fmt;
	const char *html;         /* HTML page with plots or NULL */
	const char *devices_csv;  /* one row per device at the end, or NULL (against an HA) */
	struct gen_shard shard;
	uint32_t pma[GEN_PMA_MAX];  /* --pma: this machine's PMA addresses in place of the */
	unsigned n_pma;             /* profile's, one for one (not in the profile hash) */
	unsigned threads;         /* 0 = one per core */
	bool tty;                 /* a live line on stderr (else a line every `periodic_s`) */
	double periodic_s;
	volatile sig_atomic_t *interrupted; /* set by the caller's SIGINT/SIGTERM handler */
	FILE *out;                /* the end summary */
};

/* Exit status (cmds.h): 0 the run completed, 1 a device never registered or data was
 * lost outside handovers, 2 usage or input, 3 the DUT answered nothing (inconclusive),
 * 130 interrupted (the figures so far are written). */
int gen_run(const struct gen_prof *p, const struct gen_opts *o);

/* ---- output (gen_out.c) ---- */

struct gen_meta {
	char tool[64];         /* "pmip4ct 0.x.y" */
	char build[64];        /* build id */
	char profile[256];     /* the profile's name as given */
	char profile_hash[65];
	char dut[64];          /* "ha 10.251.1.2:434", "reference ha 127.0.0.1:NNNN" */
	struct gen_shard shard;
	uint32_t dev_lo, dev_hi;
	char start_utc[40], end_utc[40];
	double seconds;
	bool finished;         /* false: interrupted */
};

/* The JSON summary (format documented in pmip4ct-gen(5), "OUTPUT"):
 *   {"format":1,"tool":..,"build":..,"profile":..,"profile_hash":..,"dut":..,
 *    "shard":{"index":i,"total":N,"devices":[lo,hi]},"start":..,"end":..,"seconds":..,
 *    "finished":true,
 *    "devices":N,"registered":N,"packets_sent":N,"packets_received":N,"lost":N,
 *    "lost_in_handover":N,
 *    "latency_us":{"p50":..,"p99":..,"max":..},
 *    "handover_gap_ms":{"p50":..,"p99":..,"max":..},
 *    "counters":{...every gen_counters field, per direction "up"/"down"...},
 *    "codes":{"0":N,"133":N,...},
 *    "histograms":{"reg":HIST,"lat_up":HIST,...}}      HIST as hist_json()
 * 0, or -1 with errno. */
int gen_out_json(FILE *f, const struct gen_meta *m, const struct gen_stats *s);

/* The time series: a header (CSV only), then one line per point. */
void gen_out_series_head(FILE *f, enum gen_series_fmt fmt);
void gen_out_series_point(FILE *f, enum gen_series_fmt fmt, const struct gen_point *pt);
/* The status of the run so far, once a second: on a tty one line rewritten in place
 * (devices up, registrations/s, pps up and down, loss, p99 latency), else a plain line
 * per call.  pt is the last second (its counts are the rates shown); `total` holds the
 * counters so far. */
void gen_out_live(FILE *f, bool tty, const struct gen_point *pt,
		  const struct gen_counters *total, uint64_t devices);
/* On a tty, clear the live line (before other output or at the end). */
void gen_out_live_clear(FILE *f, bool tty);
/* The end summary, human-readable, within 100 columns. */
void gen_out_summary(FILE *f, const struct gen_meta *m, const struct gen_stats *s);

/* ---- the HTML page (gen_html.c) ---- */

/* One self-contained page (no scripts, no fetches) with inline SVG plots: the one-way
 * latency distribution, registrations, rates and loss over time, handover gaps. */
int gen_html_write(FILE *f, const struct gen_meta *m, const struct gen_stats *s,
		   const struct gen_point *pts, size_t n_pts);

/* ---- `pmip4ct report merge` (gen_merge.c) ---- */

/* Combine the JSON summaries of the shards of one run (files, or directories: each
 * *.json in them with "format" and "shard", a merge's own output skipped) into out: counters added, histograms merged exactly, quantiles recomputed.
 * Refuses a missing or duplicated shard index, different totals, tool builds or profile
 * hashes, naming the files.  0, 1 refused (the reason on stderr), 2 unreadable input. */
int gen_merge(const char *const *paths, size_t n, FILE *out, FILE *html, FILE *err);

#endif
