/* tc_dp.c — what a case measures on the data links (dp_stats, net.h; issue #13
 * "Performance"): loss and one-way latency of the probes whose delivery it expects, and
 * the latency of the first probe delivered after a registration, handover or
 * revocation, from that event (when the case sent it at once, within reply-ms).  The runner copies the figures into the case's result;
 * the JSON report prints them. */
#include "tc_priv.h"

uint64_t tc_now_ns(const struct tc *t)
{
	return t->net->ops->now_ns(t->net->ctx);
}

void tc_dp_event(struct tc *t, const char *event)
{
	t->dp_event = event;
	t->dp_event_ns = tc_now_ns(t);
}

void tc_dp_probe(struct tc *t, uint64_t sent_ns, const struct tc_rx *got)
{
	struct dp_stats *d = &t->dp;
	uint64_t us;

	d->probes++;
	if (!got) {
		d->lost++;
		return;
	}
	us = got->pkt.at_ns > sent_ns ? (got->pkt.at_ns - sent_ns) / 1000 : 0;
	d->sum_us += us;
	if (us > d->max_us)
		d->max_us = us;
	/* a probe the case sent at once after the event, not after a wait of its own */
	if (t->dp_event && d->n_first < DP_EVENTS_MAX &&
	    sent_ns - t->dp_event_ns <= params_ms(t->p, "reply-ms") * 1000000) {
		d->first[d->n_first].event = t->dp_event;
		d->first[d->n_first].us = got->pkt.at_ns > t->dp_event_ns ?
					  (got->pkt.at_ns - t->dp_event_ns) / 1000 : 0;
		d->n_first++;
	}
	t->dp_event = NULL;
}

const struct dp_stats *tc_dp(const struct tc *t)
{
	return &t->dp;
}
