/* refq.h — what the reference backends (net_ref_*.c) share: the FIFO of packets the DUT
 * sent to the tester, and the base of each backend (virtual clock, FIFO, log). */
#ifndef PMIP4CT_REFQ_H
#define PMIP4CT_REFQ_H

#include <stdbool.h>

#include "clock.h"
#include "io.h"
#include "net.h"

struct refq {
	struct tc_pkt *pkts;
	size_t head, n, cap;
};

/* Queue a copy (ends may be NULL off the signalling link).  0, or -1 when out of memory
 * or over TC_PKT_MAX bytes (the packet is dropped, as a full link would). */
int refq_push(struct refq *q, enum tc_link link, const struct udp_ends *ends, uint64_t at_ns,
	      const uint8_t *buf, size_t len);
/* The oldest packet into *p: true, or false when empty. */
bool refq_pop(struct refq *q, struct tc_pkt *p);
void refq_free(struct refq *q);

/* The first member of every reference backend, so that its ctx is also a ref_base: the
 * virtual clock from TC_EPOCH_NS, the FIFO, the log, and the DUT's timers (the earliest
 * deadline of its agents, and a tick that runs what is due). */
struct ref_base {
	struct clk_virtual vclk;
	struct clk clk;
	struct refq q;
	tc_log_fn log;
	void *log_arg;
	uint64_t (*next_due)(const struct ref_base *b);
	void (*tick)(struct ref_base *b);
};

void ref_base_init(struct ref_base *b, tc_log_fn log, void *log_arg,
		   uint64_t (*next_due)(const struct ref_base *b), void (*tick)(struct ref_base *b));
void ref_base_finish(struct ref_base *b);

/* Queue what the DUT sent on a link (ends only on the signalling link), at the virtual
 * now; a line of the DUT's log. */
int ref_base_push(struct ref_base *b, enum tc_link link, const struct udp_ends *ends,
		  const uint8_t *buf, size_t len);
void ref_base_log(struct ref_base *b, const char *line);

/* The agents' signalling socket: an io ops table (io.h) whose ctx is the ref_base. */
extern const struct io_ops ref_base_sig_ops;

/* The backend's recv() and now_ns() (net.h): the oldest queued packet; when there is
 * none, the DUT's timers run in virtual time (the clock jumps to next_due, tick runs)
 * until a packet is queued or the deadline comes, where the clock stops.  1 or 0. */
int ref_base_recv(void *ctx, uint64_t deadline, struct tc_pkt *p, char *err, size_t errlen);
uint64_t ref_base_now(void *ctx);

#endif
