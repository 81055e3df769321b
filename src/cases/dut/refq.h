/* refq.h — the FIFO of packets a reference DUT sent to the tester (net_ref_*.c). */
#ifndef PMIP4CT_REFQ_H
#define PMIP4CT_REFQ_H

#include <stdbool.h>

#include "clock.h"
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

/* A reference backend's recv() (net.h): the oldest queued packet; when there is none, the
 * DUT's timers run in virtual time (the clock jumps to next_due(dut), tick(dut) runs) until
 * a packet is queued or the deadline comes, where the clock stops.  1 or 0. */
int refq_recv(struct refq *q, struct clk_virtual *vclk, uint64_t deadline, struct tc_pkt *p,
	      uint64_t (*next_due)(const void *dut), void (*tick)(void *dut), void *dut);

#endif
