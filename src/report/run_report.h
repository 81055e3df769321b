/* run_report.h — what `pmip4ct run` writes (DESIGN.md §4, §8): the console table, the
 * JSON and JUnit reports and one pcap per case, or all of them as an evidence bundle
 * (run_report.c), fed by the runner's sink as cases end, so an interrupted run keeps
 * every finished case; and the two other
 * outputs of `run`: the kill matrix (run_kill.c) and pmip4ct-cases(7) (run_man.c).
 */
#ifndef PMIP4CT_RUN_REPORT_H
#define PMIP4CT_RUN_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "select.h"
#include "runner.h"

struct run_meta;

enum run_verbosity {
	RUN_SILENT, /* nothing on the console, no live line */
	RUN_QUIET,  /* cases that are not pass or none, and the summary */
	RUN_NORMAL, /* every case as it ends, the summary */
};

struct run_report_opts {
	const struct run_sel *sel; /* the cases of the run, in order, with their suites */
	const char *json;          /* --json FILE, or NULL */
	const char *junit;         /* --junit FILE, or NULL */
	const char *pcap_dir;      /* --pcap-dir DIR (made if missing), or NULL */
	enum run_verbosity verbosity;
	FILE *out;                 /* the console; NULL for stdout */
	/* The live line (run_progress.h: cases done, elapsed, time left), drawn when this is
	 * a terminal and the run is not silent; NULL for stderr. */
	FILE *progress;
	/* Console times on the DUT's clock (virtual for the references, so the same run
	 * prints the same bytes: the shell's run case / run suite), not the wall clock. */
	bool dut_time;
	bool strict; /* --strict: a warn is a failure in JUnit (and the exit status) */
	/* The run's own description (run_meta.h), in the JSON report and JUnit's
	 * properties; NULL: none (the shell's runs). */
	const struct run_meta *meta;
	/* --report DIR: an evidence bundle (pmip4ct-bundle(5)) instead of json, junit and
	 * pcap_dir: DIR/report.json, junit.xml and pcaps/ as cases end; report.html and
	 * MANIFEST.sha256 (MANIFEST.sig with sign_key) when the run ends.  DIR must not
	 * exist or be empty. */
	const char *bundle;
	const char *sign_key; /* an Ed25519 private key (PEM), or NULL */
};

struct run_report;

/* NULL with the reason in err (the pcap directory cannot be made, out of memory). */
struct run_report *run_report_create(const struct run_report_opts *o, char *err,
				     size_t errlen);
void run_report_destroy(struct run_report *r); /* NULL is a no-op */

/* The sink to give the runner; every callback writes through r. */
struct run_sink run_report_sink(struct run_report *r);

/* Print the summary (counts per verdict, wall time; "interrupted" when stopped) and
 * write the files a last time; a bundle then gets its report.html and is sealed.  0, or
 * -1 when a file could not be written (said on stderr). */
int run_report_finish(struct run_report *r, bool interrupted);

/* Write one packet between tester and DUT to a pcap: signalling framed as IPv4/UDP,
 * access-link frames as they are, the other links' IPv4 packets framed in Ethernet.
 * 0, or -1 with err. */
struct pcap_out;
int run_pcap_packet(struct pcap_out *o, const struct tc_pkt *p, char *err, size_t errlen);

/* --kill-matrix (DESIGN.md §4): run the plan's cases against the references with no
 * fault, then under each fault and each variant of each role that has cases; print the
 * kill matrix and the variant matrix to out.  Returns the exit status: 0, 1 (a case no
 * fault kills, a fault no case catches, a clean run that is not pass/none, or a fail,
 * inconc or error under a variant), 130 when stopped. */
int run_kill_matrix(const struct run_plan *plan, FILE *out);

/* --man: pmip4ct-cases(7) as roff. */
void run_man(FILE *f);

#endif
