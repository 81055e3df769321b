/* refq.c — see refq.h. */
#include <stdlib.h>
#include <string.h>

#include "refq.h"
#include "txt.h"

int refq_push(struct refq *q, enum tc_link link, const struct udp_ends *ends, uint64_t at_ns,
	      const uint8_t *buf, size_t len)
{
	struct tc_pkt *p;

	if (len > TC_PKT_MAX)
		return -1;
	if (q->head + q->n == q->cap) {
		if (q->head) {
			memmove(q->pkts, q->pkts + q->head, q->n * sizeof *q->pkts);
			q->head = 0;
		} else {
			struct tc_pkt *np = txt_grow(q->pkts, &q->cap, q->n + 1, sizeof *np, 8);

			if (!np)
				return -1;
			q->pkts = np;
		}
	}
	p = &q->pkts[q->head + q->n++];
	p->link = link;
	p->ends = ends ? *ends : (struct udp_ends){ 0 };
	p->at_ns = at_ns;
	p->len = len;
	memcpy(p->buf, buf, len);
	return 0;
}

bool refq_pop(struct refq *q, struct tc_pkt *p)
{
	if (!q->n)
		return false;
	*p = q->pkts[q->head];
	/* copy only what is used: tc_pkt is mostly buffer */
	q->head++;
	if (!--q->n)
		q->head = 0;
	return true;
}

int refq_recv(struct refq *q, struct clk_virtual *vclk, uint64_t deadline, struct tc_pkt *p,
	      uint64_t (*next_due)(const void *dut), void (*tick)(void *dut), void *dut)
{
	for (;;) {
		uint64_t due;

		if (refq_pop(q, p))
			return 1;
		due = next_due(dut);
		if (due > deadline) {
			if (deadline > vclk->now_ns)
				vclk->now_ns = deadline;
			return 0;
		}
		if (due > vclk->now_ns)
			vclk->now_ns = due;
		tick(dut);
	}
}

void refq_free(struct refq *q)
{
	free(q->pkts);
	*q = (struct refq){ 0 };
}
