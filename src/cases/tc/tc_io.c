/* tc_io.c — the test context's packets: send through the backend, receive with a match,
 * keep what does not match for later, and tell the sink about every packet (evidence,
 * DESIGN.md §4). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "names.h"
#include "tc_priv.h"

static bool send_pkt(struct tc *t, struct tc_pkt *pk)
{
	char err[256];

	pk->at_ns = t->net->ops->now_ns(t->net->ctx);
	if (t->net->ops->send(t->net->ctx, pk, err, sizeof err)) {
		tc_error(t, "send: %s", err);
		return false;
	}
	t->packets++;
	if (t->sink && t->sink->packet)
		t->sink->packet(t->sink->arg, t->c, pk, true);
	return true;
}

bool tc_send_raw(struct tc *t, enum tc_node from, uint32_t dst, uint16_t dport,
		 const uint8_t *buf, size_t len)
{
	struct udp_ends e = { t->node_addr[from], dst, t->node_port[from], dport };

	return tc_send_ends(t, &e, buf, len);
}

bool tc_send_ends(struct tc *t, const struct udp_ends *e, const uint8_t *buf, size_t len)
{
	struct tc_pkt pk;

	if (len > sizeof pk.buf) {
		tc_error(t, "send: %zu bytes is more than the tester's %d", len, TC_PKT_MAX);
		return false;
	}
	pk.link = TC_LINK_SIG;
	pk.ends = *e;
	pk.len = len;
	memcpy(pk.buf, buf, len);
	return send_pkt(t, &pk);
}

bool tc_send_to(struct tc *t, enum tc_node from, uint32_t dst, uint16_t dport,
		const struct mip_msg *m)
{
	uint8_t buf[TC_PKT_MAX];
	size_t len;
	struct mip_err err;
	char why[200];

	if (mip_encode(m, buf, sizeof buf, &len, &err)) {
		tc_error(t, "encode: %s", mip_err_str(&err, why, sizeof why));
		return false;
	}
	if (t->c->role == CASE_ROLE_HA && m->type == MIP_RRQ) {
		/* only a request with a fresh Identification, sent once, is resent after a
		 * 133 (a replay the case sends on purpose is not) */
		t->pend.valid = m->ident == t->last_ident && !t->last_ident_sent;
		if (t->pend.valid) {
			t->pend.from = from;
			t->pend.dst = dst;
			t->pend.dport = dport;
			t->pend.m = *m;
		}
		if (m->ident == t->last_ident)
			t->last_ident_sent = true;
	}
	return tc_send_raw(t, from, dst, dport, buf, len);
}

#define TC_RESYNC_MAX 3 /* resends after a 133 per case */

/* RFC 5944 §3.6.2.3, §5.7.1: a 133 to a request with a fresh timestamp means the clocks
 * disagree; the reply's high 32 bits are the DUT's time.  The tester adopts it for every
 * later Identification and resends the request once, as a mobility agent does. */
bool tc_resync(struct tc *t, const struct tc_rx *rx)
{
	struct tc_pending *p = &t->pend;
	int32_t ds;

	if (!p->valid || !rx->decoded || rx->m.type != MIP_RRP ||
	    (uint32_t)rx->m.ident != (uint32_t)p->m.ident)
		return false;
	p->valid = false;
	if (rx->m.code != 133 || t->n_resync >= TC_RESYNC_MAX)
		return false;
	t->n_resync++;
	ds = (int32_t)((uint32_t)(rx->m.ident >> 32) - (uint32_t)(p->m.ident >> 32));
	t->ident_offset_ns += (int64_t)ds * 1000000000;
	t->restamped_from = p->m.ident;
	/* the DUT's clock may be behind ours (or this is another DUT of the case, as
	 * ha.pmip-off, on a clock of its own): the next stamp follows its clock, not the
	 * case's floor of strictly increasing ones */
	t->last_ident = 0;
	p->m.ident = tc_ident(t);
	t->restamped_to = p->m.ident;
	tc_logf(t, "tester: 133: the DUT's clock is %+lld s from the tester's (offset now %+lld "
		"ms); Identification resynchronised (RFC 5944 §5.7.1), request resent",
		(long long)ds, (long long)(t->ident_offset_ns / 1000000));
	tc_send_to(t, p->from, p->dst, p->dport, &p->m);
	return true;
}

bool tc_send(struct tc *t, enum tc_node from, const struct mip_msg *m)
{
	return tc_send_to(t, from, t->dut_addr, t->dut_port, m);
}

bool tc_send_pkt(struct tc *t, enum tc_link link, const uint8_t *buf, size_t len)
{
	struct tc_pkt pk;

	if (!tc_need(t, TC_CAP(link)))
		return false;
	if (len > sizeof pk.buf) {
		tc_error(t, "send: %zu bytes is more than the tester's %d", len, TC_PKT_MAX);
		return false;
	}
	pk.link = link;
	pk.len = len;
	pk.ends = (struct udp_ends){ 0 };
	memcpy(pk.buf, buf, len);
	return send_pkt(t, &pk);
}

/* The node a datagram arrived at, or TC_NODE_COUNT. */
static enum tc_node node_of(const struct tc *t, const struct tc_pkt *pk)
{
	for (int n = 0; n < TC_NODE_COUNT; n++)
		if (t->node_addr[n] == pk->ends.dst && t->node_addr[n])
			return (enum tc_node)n;
	return TC_NODE_COUNT;
}

static bool matches(const struct tc *t, const struct tc_rx *rx, struct tc_match m)
{
	if (rx->pkt.link != m.link)
		return false;
	if (m.link != TC_LINK_SIG)
		return true;
	if (m.at != TC_NODE_COUNT && node_of(t, &rx->pkt) != m.at)
		return false;
	if (m.type < 0)
		return true;
	/* an undecodable datagram still has a type byte */
	return rx->pkt.len > 0 && rx->pkt.buf[0] == m.type;
}

/* Receive one packet into a fresh tc_rx: 1, 0 at the deadline, -1 (error set). */
static int pull(struct tc *t, uint64_t deadline_ns, struct tc_rx **out)
{
	struct tc_rx *rx = tc_alloc(t, sizeof *rx);
	char err[256];
	int r = t->net->ops->recv(t->net->ctx, deadline_ns, &rx->pkt, err, sizeof err);

	if (r < 0) {
		tc_error(t, "receive: %s", err);
		return -1;
	}
	if (r == 0)
		return 0;
	t->packets++;
	rx->at_ms = rx->pkt.at_ns / 1000000;
	if (rx->pkt.link == TC_LINK_SIG) { /* tolerant reading: the fixed part is enough */
		bool whole = !mip_decode(rx->pkt.buf, rx->pkt.len, &rx->m, &rx->err);

		rx->decoded = whole || rx->m.fixed_ok;
		rx->damaged = !whole && rx->m.fixed_ok;
	}
	if (t->sink && t->sink->packet)
		t->sink->packet(t->sink->arg, t->c, &rx->pkt, false);
	tc_logf(t, "rx %" PRIu64 " ms: %s", rx->at_ms, tc_summary(t, rx));
	if (tc_resync(t, rx) || tc_track(t, rx))
		return pull(t, deadline_ns, out);
	*out = rx;
	return 1;
}

static void keep(struct tc *t, struct tc_rx *rx)
{
	if (t->n_backlog == TC_BACKLOG_MAX) {
		memmove(t->backlog, t->backlog + 1, (TC_BACKLOG_MAX - 1) * sizeof t->backlog[0]);
		t->n_backlog--;
	}
	t->backlog[t->n_backlog++] = rx;
}

struct match_arg {
	const struct tc *t;
	struct tc_match m;
};

static bool match_pred(void *arg, const struct tc_rx *rx)
{
	const struct match_arg *a = arg;

	return matches(a->t, rx, a->m);
}

const struct tc_rx *tc_recv(struct tc *t, struct tc_match m, uint64_t within_ms)
{
	struct match_arg a = { t, m };

	return tc_recv_if(t, match_pred, &a, within_ms);
}

const struct tc_rx *tc_recv_if(struct tc *t, tc_pred_fn pred, void *arg, uint64_t within_ms)
{
	uint64_t deadline = t->net->ops->now_ns(t->net->ctx) + within_ms * 1000000;
	struct tc_rx *rx;

	for (size_t i = 0; i < t->n_backlog; i++) {
		if (pred(arg, t->backlog[i])) {
			rx = t->backlog[i];
			memmove(t->backlog + i, t->backlog + i + 1,
				(t->n_backlog - i - 1) * sizeof t->backlog[0]);
			t->n_backlog--;
			return rx;
		}
	}
	while (pull(t, deadline, &rx) > 0) {
		if (pred(arg, rx))
			return rx;
		keep(t, rx);
	}
	if (within_ms)
		t->empty_waits++;
	return NULL;
}

static const char *match_name(const struct tc *t, struct tc_match m, char *buf, size_t n)
{
	static const char *const links[TC_LINK_COUNT] = { "sig", "core", "home", "access" };
	const char *ty = m.type >= 0 ? name_of(&names_msg_type, (unsigned)m.type) : NULL;

	if (m.link != TC_LINK_SIG)
		snprintf(buf, n, "a packet on the %s link", links[m.link]);
	else if (ty)
		snprintf(buf, n, "%s", ty);
	else
		snprintf(buf, n, "a message");
	(void)t;
	return buf;
}

const struct tc_rx *tc_expect(struct tc *t, struct tc_match m, uint64_t within_ms,
			      const char *what)
{
	const struct tc_rx *rx = tc_recv(t, m, within_ms);
	char name[64], exp[96];

	if (!what)
		what = match_name(t, m, name, sizeof name);
	if (!rx) {
		snprintf(exp, sizeof exp, "within %" PRIu64 " ms", within_ms);
		tc_fail(t, what, exp, "nothing");
		return NULL;
	}
	if (rx->pkt.link == TC_LINK_SIG && !rx->decoded) {
		char why[200];

		tc_fail(t, what, "a valid message", "%s", mip_err_str(&rx->err, why, sizeof why));
		return NULL;
	}
	if (rx->damaged) {
		char why[200];

		tc_note(t, "%s: extensions damaged (%s); judging the fixed part and the %u "
			"extension%s before the damage", what,
			mip_err_str(&rx->err, why, sizeof why), rx->m.n_ext,
			rx->m.n_ext == 1 ? "" : "s");
	}
	return rx;
}

void tc_control_blind(struct tc *t, const char *why)
{
	t->control_blind = why;
}

bool tc_check_layout(struct tc *t, const char *what, const struct tc_rx *rx)
{
	char why[200];

	return tc_check_true(t, tc_printf(t, "%s: layout", what), "every extension decodes",
			     !rx->damaged, "%s", rx->damaged ?
			     mip_err_str(&rx->err, why, sizeof why) : "");
}

bool tc_expect_none(struct tc *t, struct tc_match m, uint64_t for_ms, const char *what)
{
	const struct tc_rx *rx = tc_recv(t, m, for_ms);
	char name[64], exp[96];

	if (!what)
		what = match_name(t, m, name, sizeof name);
	snprintf(exp, sizeof exp, "none within %" PRIu64 " ms", for_ms);
	if (rx) {
		tc_fail(t, what, exp, "%s", tc_summary(t, rx));
		return false;
	}
	tc_logf(t, "ok: %s: none within %" PRIu64 " ms", what, for_ms);
	tc_pass(t);
	return true;
}

void tc_wait(struct tc *t, uint64_t ms)
{
	uint64_t deadline = t->net->ops->now_ns(t->net->ctx) + ms * 1000000;
	struct tc_rx *rx;

	while (pull(t, deadline, &rx) > 0)
		keep(t, rx);
}

void tc_drain(struct tc *t)
{
	t->n_backlog = 0;
}
