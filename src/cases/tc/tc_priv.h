/* tc_priv.h — the test context's insides, shared by tc*.c and runner.c only. */
#ifndef PMIP4CT_TC_PRIV_H
#define PMIP4CT_TC_PRIV_H

#include "runner.h"
#include "tc.h"

#define TC_BACKLOG_MAX 256
#define TC_POSTAMBLE_MAX 16

struct tc_mem {
	struct tc_mem *next;
	max_align_t data[];
};

struct tc_reg {
	enum tc_node pma;
	const char *nai;
	uint32_t hoa;
};

struct tc {
	const struct case_def *c;
	const struct run_plan *plan;
	const struct params *p;
	const struct run_sink *sink;
	struct tc_net *net;

	enum case_verdict v;
	char reason[RUN_REASON_MAX];
	char *log;
	size_t log_len, log_cap;
	unsigned packets;
	unsigned empty_waits; /* waits that ended with nothing: silence the case saw */

	struct tc_mem *mem;
	struct tc_rx *backlog[TC_BACKLOG_MAX]; /* kept packets, oldest first */
	size_t n_backlog;

	uint32_t node_addr[TC_NODE_COUNT];
	uint16_t node_port[TC_NODE_COUNT];
	uint32_t dut_addr;  /* the DUT's signalling endpoint */
	uint16_t dut_port;
	struct mip_sa sa, mn_sa;
	uint64_t last_ident;
	uint32_t last_revid; /* the tester's HA: its Revocation Identifiers (tc_mn_rev.c) */
	double scale;

	struct tc_reg regs[TC_POSTAMBLE_MAX]; /* bindings to remove after the case */
	size_t n_regs;
	/* A remote DUT outlives the case: home addresses a remote HA granted in this case,
	 * and the latest Revocation for each home address (from a remote HA or PMA), which
	 * the postamble acknowledges so that no retransmission reaches a later case (RFC
	 * 3543 §4.2.2.1, §4.2.3.1). */
	uint32_t hoas[TC_POSTAMBLE_MAX];
	size_t n_hoas;
	const struct tc_rx *revs[TC_POSTAMBLE_MAX];
	size_t n_revs;
};

/* Set up and tear down (runner.c). */
void tc_init(struct tc *t, const struct run_plan *plan, const struct case_def *c,
	     const struct run_sink *sink, struct tc_net *net);
void tc_finish(struct tc *t);
/* Undo what the case left on a remote DUT (deregistrations); never changes the verdict. */
void tc_postamble(struct tc *t);
/* Track a received message for the postamble; true when it is a stray Revocation from an
 * earlier case (acknowledged here, not delivered to the case). */
bool tc_track(struct tc *t, const struct tc_rx *rx);
/* Raise the verdict to v with a reason (the first reason of the worst verdict wins). */
void tc_set(struct tc *t, enum case_verdict v, const char *reason);
void tc_logf(struct tc *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
