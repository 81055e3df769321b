/* refq.c — the reference backends' FIFO and base (refq.h). */
#include <stdlib.h>
#include <string.h>

#include "refq.h"
#include "tc_priv.h"
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

void refq_free(struct refq *q)
{
	free(q->pkts);
	*q = (struct refq){ 0 };
}

void ref_base_init(struct ref_base *b, tc_log_fn log, void *log_arg,
		   uint64_t (*next_due)(const struct ref_base *b), void (*tick)(struct ref_base *b))
{
	b->vclk = (struct clk_virtual){ TC_EPOCH_NS, 0x9e3779b9u };
	b->clk = clk_virtual(&b->vclk);
	b->q = (struct refq){ 0 };
	b->log = log;
	b->log_arg = log_arg;
	b->next_due = next_due;
	b->tick = tick;
}

void ref_base_finish(struct ref_base *b)
{
	refq_free(&b->q);
}

int ref_base_push(struct ref_base *b, enum tc_link link, const struct udp_ends *ends,
		  const uint8_t *buf, size_t len)
{
	return refq_push(&b->q, link, ends, b->vclk.now_ns, buf, len);
}

void ref_base_log(struct ref_base *b, const char *line)
{
	if (b->log)
		b->log(b->log_arg, line);
}

static int ref_base_sig_send(void *ctx, const struct udp_ends *e, const uint8_t *buf,
			     size_t len)
{
	return ref_base_push(ctx, TC_LINK_SIG, e, buf, len);
}

const struct io_ops ref_base_sig_ops = { ref_base_sig_send, NULL };

int ref_base_recv(void *ctx, uint64_t deadline, struct tc_pkt *p, char *err, size_t errlen)
{
	struct ref_base *b = ctx;

	(void)err;
	(void)errlen;
	for (;;) {
		uint64_t due;

		if (refq_pop(&b->q, p))
			return 1;
		due = b->next_due(b);
		if (due > deadline) {
			if (deadline > b->vclk.now_ns)
				b->vclk.now_ns = deadline;
			return 0;
		}
		if (due > b->vclk.now_ns)
			b->vclk.now_ns = due;
		b->tick(b);
	}
}

uint64_t ref_base_now(void *ctx)
{
	return ((struct ref_base *)ctx)->vclk.now_ns;
}
