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
	struct dp_stats dp;           /* tc_dp_event, tc_dp_probe */
	const char *dp_event;         /* the last signalling event, not yet followed by a
				       * delivered probe, or NULL */
	uint64_t dp_event_ns;
	unsigned empty_waits; /* waits that ended with nothing: silence the case saw */
	const char *control_blind; /* why the positive control may rightly go unanswered
				    * after this case (tc_control_blind), or NULL */

	struct tc_mem *mem;
	struct tc_rx *backlog[TC_BACKLOG_MAX]; /* kept packets, oldest first */
	size_t n_backlog;

	uint32_t node_addr[TC_NODE_COUNT];
	uint16_t node_port[TC_NODE_COUNT];
	uint32_t dut_addr;  /* the DUT's signalling endpoint */
	uint16_t dut_port;
	struct mip_sa sa, mn_sa;
	uint64_t last_ident;
	/* The DUT's clock as the tester knows it (RFC 5944 §5.7.1, §3.6.2.3): added to the
	 * tester's clock for every Identification; learnt from a 133 (tc_io.c), and for a
	 * remote HA carried from the run's baseline to every case. */
	int64_t ident_offset_ns;
	/* The last request sent with a fresh Identification, for one resend after a 133
	 * (tc_io.c); restamped_from/to: the Identification it had and the one resent. */
	struct tc_pending {
		bool valid;
		enum tc_node from;
		uint32_t dst;
		uint16_t dport;
		struct mip_msg m;
	} pend;
	bool last_ident_sent;
	unsigned n_resync;
	uint64_t restamped_from, restamped_to;
	struct tc_dev { const char *nai; unsigned k; } nais[32]; /* tc_nai's devices */
	size_t n_nais;
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
/* The request profile (tc_profile.c; PIXIT nai, hoa-base, flags, pmip-ext,
 * ident-zero-bits).  The flags and 147 sub-types set error on a bad PIXIT value and
 * return false. */
bool tc_profile_flags(struct tc *t, uint8_t *flags);
bool tc_profile_nai(const struct tc *t);
uint32_t tc_profile_hoa(const struct tc *t, const char *nai);
bool tc_profile_147(struct tc *t, struct mip_msg *m);
/* ntp with its low bits cleared; *step: the smallest increment that keeps them clear. */
uint64_t tc_profile_ident(const struct tc *t, uint64_t ntp, uint64_t *step);
/* A 133 to the request in t->pend: adopt the DUT's clock from the reply and resend the
 * request once with a fresh Identification (tc_io.c).  true when rx was consumed. */
bool tc_resync(struct tc *t, const struct tc_rx *rx);

#endif
