/* run_report_priv.h — the state behind run_report.h, shared by its files: run_report.c
 * (the sink, the console, pcaps, the bundle's last steps), run_json.c (the JSON report)
 * and run_timeline.c (each case's packet timeline).
 */
#ifndef PMIP4CT_RUN_REPORT_PRIV_H
#define PMIP4CT_RUN_REPORT_PRIV_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "digest.h"
#include "net.h"
#include "report_file.h"
#include "run_progress.h"
#include "run_report.h"

/* The packets of a case the report lists, first ones first; the rest are counted. */
#define RR_TIMELINE_MAX 64

struct rr_pkt {
	uint64_t at_ns; /* on the backend's clock */
	bool to_dut;
	enum tc_link link;
	size_t len;
	char *summary;
};

struct rr_timeline {
	struct rr_pkt v[RR_TIMELINE_MAX];
	unsigned n;
	uint64_t dropped; /* packets past RR_TIMELINE_MAX */
};

struct rr_case {
	const struct case_def *c;
	unsigned suite;
	enum case_verdict v;
	char *reason;
	char *log;
	char *dut;
	char *pcap; /* path, or NULL */
	char pcap_sha256[DIGEST_HEX]; /* "" when not known */
	uint64_t wall_ns, dut_ms;
	uint64_t start_wall_ns; /* when it began, on the wall clock */
	bool dut_virtual; /* dut_ms is on a reference's virtual clock */
	struct dp_stats dp;
	struct rr_timeline tl;
};

enum { RR_JSON, RR_JUNIT, RR_FILES };

struct run_report {
	struct run_report_opts o;
	struct report_file file[RR_FILES]; /* path NULL: not asked for */
	char *paths[RR_FILES];  /* the bundle's report.json and junit.xml */
	char *pcap_dir;         /* o.pcap_dir, or the bundle's pcaps/ */
	bool finished;        /* run_report_finish is writing: the run ended */
	uint64_t end_wall_ns, end_mono_ns; /* when it did */
	struct rr_case *done; /* sel->n, filled as cases end */
	size_t n_done;
	size_t counts[CASE_VERDICT_COUNT];
	size_t by_level[3][CASE_VERDICT_COUNT]; /* [enum case_level][verdict] */
	char stopped_at[32]; /* the case at which a remote DUT stopped answering, or "" */
	char stopped_why[RUN_REASON_MAX]; /* and why (the baseline's refusal, ...) */
	int id_width;
	struct run_progress prog; /* the live line on a terminal */
	int cols;             /* wrap console lines here: CONSOLE_COLS on a terminal, else 0 */
	uint64_t t0;
	uint64_t case_wall_ns; /* when the current case began, on the wall clock */
	struct rr_timeline tl; /* the current case's */
	struct mip_msg *msg;   /* scratch for the timeline's summaries */
	struct pcap_out *pcap; /* the current case's capture */
	char *pcap_path;
	bool write_failed;     /* a report file could not be written (said once) */
};

uint64_t run_report_mono_ns(void);

/* The JSON report (docs/report-schema.json).  0, or -1 when out of memory. */
int rr_json(FILE *f, const struct run_report *r, bool interrupted);

/* Add p to t (summarised with m as scratch), or count it past the limit. */
void rr_timeline_add(struct rr_timeline *t, const struct tc_pkt *p, bool to_dut,
		     struct mip_msg *m);
void rr_timeline_clear(struct rr_timeline *t);
/* The link's name in report.json: "sig", "core", "home", "access". */
const char *rr_link_name(enum tc_link l);

#endif
