/* runner.h — running cases against DUTs: picks each case's backend (the built-in
 * reference of its role, or the remote DUT given for that role), applies the PICS, runs
 * the body, and reports every packet and every result to a sink as it happens, so an
 * interrupted run keeps what finished (the shell writes console, JSON, JUnit and pcaps
 * from the sink).
 */
#ifndef PMIP4CT_RUNNER_H
#define PMIP4CT_RUNNER_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "case.h"
#include "net.h"
#include "params.h"

#define RUN_REASON_MAX 512

struct run_result {
	const struct case_def *c;
	enum case_verdict verdict;
	char reason[RUN_REASON_MAX]; /* the first reason of the final verdict; "" for pass */
	const char *log;             /* every note and check, one per line; valid in case_end */
	uint64_t wall_ns;            /* real time the case took */
	uint64_t dut_ms;             /* time on the backend's clock (virtual for references) */
	bool dut_virtual;            /* that clock is virtual: the DUT is a built-in reference */
	unsigned packets;            /* packets between tester and DUT */
	struct dp_stats dp;          /* what the case measured on the data links */
	char dut[80];                /* the backend's name */
	char dut_stopped_at[32];     /* a remote DUT stopped answering at this case (or
				      * "baseline": refused before the first case), or "" */
	char dut_stopped_why[RUN_REASON_MAX]; /* why the cases after it are not run */
};

struct run_sink {
	void (*case_begin)(void *arg, const struct case_def *c, size_t i, size_t n);
	/* A packet between tester and DUT (to_dut: sent by the tester). */
	void (*packet)(void *arg, const struct case_def *c, const struct tc_pkt *p, bool to_dut);
	/* A line of the reference DUT's own log. */
	void (*dut_log)(void *arg, const struct case_def *c, const char *line);
	void (*case_end)(void *arg, const struct run_result *r, size_t i, size_t n);
	void *arg;
};

struct run_plan {
	const struct case_def *const *cases;
	size_t n;
	const struct params *params;       /* PICS and PIXIT */
	bool remote[CASE_ROLE_COUNT];      /* the DUT of this role is remote (net_udp) */
	struct bitset faults[CASE_ROLE_COUNT]; /* reference faults: enum ha_fault, pma_fault */
	struct bitset variants[CASE_ROLE_COUNT]; /* and variants: ha_variant, pma_variant */
	volatile sig_atomic_t *stop;       /* non-zero: stop after the current case */
	uint32_t run_id;                   /* in NAIs for remote DUTs (0 for references) */
	/* A remote role's backend held open for the whole run (run_plan_hold, or the
	 * shell's session's): the tester's addresses stay taken from the first case to the
	 * last, what is left in it is dropped before each case, and the runner never
	 * closes it.  NULL: each case opens a backend of its own. */
	struct tc_net *held[CASE_ROLE_COUNT];
};

/* The backend of `role` for plan p: the remote DUT when p->remote[role], else a fresh
 * built-in reference with p->faults[role] and p->variants[role], its log lines to log.  0, or -1 with err. */
int run_net_open(const struct run_plan *p, enum case_role role, struct tc_net *net,
		 tc_log_fn log, void *log_arg, char *err, size_t errlen);

/* Open the backend of every remote role that some case of p has into nets[] and hold it
 * in p->held, before the first case: a second run on the tester's addresses fails here,
 * at once, with the address and the PIXIT item that moves it.  0, or -1 with err. */
int run_plan_hold(struct run_plan *p, struct tc_net nets[CASE_ROLE_COUNT], char *err,
		  size_t errlen);
/* Close what run_plan_hold opened. */
void run_plan_release(struct run_plan *p, struct tc_net nets[CASE_ROLE_COUNT]);

/* Run one case (the i-th of n, for the sink).  r->log stays valid until the next call. */
void run_case(const struct run_plan *p, const struct case_def *c, const struct run_sink *s,
	      size_t i, size_t n, struct run_result *r);

/* Run the plan in order; counts[v] gets the number of each verdict.  Returns the number
 * of cases run (fewer than p->n when stopped). */
size_t run_plan_exec(const struct run_plan *p, const struct run_sink *s,
		     size_t counts[CASE_VERDICT_COUNT]);

#endif
