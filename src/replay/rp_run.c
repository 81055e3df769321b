/* rp_run.c — the replay against a DUT (issue #15 §1): the capture's messages walked in
 * order on the real clock, through the tester's UDP backend of remote runs (net_udp.c:
 * one socket per address the tester plays, never SO_REUSEADDR, only the DUT's
 * datagrams count).
 *
 * - A tester request is sent at its recorded time from the first packet (absolute
 *   deadlines: lateness never accumulates), the intervals divided by --multiplier, or
 *   at once with --as-fast-as-answered; never before the DUT messages recorded before
 *   it have come or timed out (causality: a request after a reply may use the home
 *   address it gave).
 * - A DUT message recorded is waited for until reply-ms after its request (or its
 *   recorded time); what comes is matched to the exchange it answers (Identification
 *   low 32 bits, RFC 5944 §3.6.2.1; Revocation Identifier and Home Address, RFC 3543
 *   §3.4), compared at once (so a home address it gives is mapped for the next
 *   message), and a DUT Revocation is acknowledged at once with the recorded answer.
 * - A 133 the recording did not have resynchronises the Identification on the DUT's
 *   clock and the request is sent once more (RFC 5944 §3.6.2.3).
 * - What comes and answers nothing is an extra exchange (a mismatch).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "ident.h"
#include "net.h"
#include "params.h"
#include "pcap_out.h"
#include "rp_priv.h"
#include "txt.h"

#define RP_EXTRA_MAX 32

struct rp_run {
	const struct rp_opts *o;
	struct rp_cap c;
	struct rp_map map;
	struct rp_stamp st;
	struct tc_net net;
	struct pcap_out *pcap;
	uint64_t rec0, start_ns, reply_ns, step_ns;
	unsigned dut_msgs;
	bool failed;           /* a socket or pcap error: the run is inconclusive */
	char err[300];
};

static uint64_t now(struct rp_run *r)
{
	return r->net.ops->now_ns(r->net.ctx);
}

static void record(struct rp_run *r, const struct tc_pkt *p)
{
	char e[200];

	if (r->pcap && pcap_out_udp(r->pcap, p->at_ns, &p->ends, p->buf, p->len, e, sizeof e)) {
		fprintf(stderr, "pmip4ct replay: %s: %s\n", r->o->pcap, e);
		pcap_out_destroy(r->pcap);
		r->pcap = NULL;
		r->failed = true;
	}
}

static int send_pkt(struct rp_run *r, struct tc_pkt *p)
{
	p->link = TC_LINK_SIG;
	p->at_ns = now(r);
	if (r->net.ops->send(r->net.ctx, p, r->err, sizeof r->err) < 0) {
		fprintf(stderr, "pmip4ct replay: send %s:%u -> %s:%u: %s\n", txt_ip4(p->ends.src).s,
			p->ends.sport, txt_ip4(p->ends.dst).s, p->ends.dport, r->err);
		r->failed = true;
		return -1;
	}
	record(r, p);
	return 0;
}

/* Send recorded tester message i (dut: the DUT message it answers, with its ends). */
static int send_msg(struct rp_run *r, size_t i, const struct mip_msg *dut,
		    const struct udp_ends *dut_ends)
{
	struct rp_msg *rm = &r->c.msg[i];
	struct rp_xchg *x = &r->c.x[rm->xchg];
	static struct mip_msg m; /* as sent; one at a time */
	struct tc_pkt p;

	/* the DUT message as recorded; when its side is not in the capture, the tester's
	 * recorded answer is taken to have echoed it exactly */
	const struct mip_msg *dut_rec = !dut ? NULL : x->rx >= 0 ? &r->c.msg[x->rx].m : &rm->m;

	if (rm->raw && rm->len <= sizeof p.buf) { /* no fresh stamp for what does not decode */
		m = rm->m;
		memcpy(p.buf, rm->buf, rm->len);
		p.len = rm->len;
		snprintf(x->note, sizeof x->note, "sent as recorded (it does not decode)");
	} else if (rm->raw ||
		   rp_stamp_msg(&r->st, &r->map, rm, &m, dut, dut_rec, now(r), p.buf,
				sizeof p.buf, &p.len, r->err, sizeof r->err) < 0) {
		if (rm->raw)
			snprintf(r->err, sizeof r->err, "%zu bytes: too long to send", rm->len);
		fprintf(stderr, "pmip4ct replay: frame %llu: %s\n", (unsigned long long)rm->frame,
			r->err);
		r->failed = true;
		return -1;
	}
	if (dut_ends)
		p.ends = (struct udp_ends){ dut_ends->dst, dut_ends->src, dut_ends->dport,
					    dut_ends->sport };
	else
		p.ends = (struct udp_ends){ rp_map_addr(&r->map, rm->ends.src), r->o->dut,
					    rm->ends.sport, r->o->dut_port };
	if (send_pkt(r, &p) < 0)
		return -1;
	if (x->kind == RP_REQ) {
		x->sent = true;
		x->sent_ns = p.at_ns;
		x->deadline = p.at_ns + r->reply_ns;
		x->ident = m.ident;
		x->revid = m.revid;
		x->hoa = m.hoa;
		x->from = p.ends;
	}
	return 0;
}

/* Whether DUT packet (decoded g) answers exchange x. */
static bool x_matches(struct rp_run *r, const struct rp_xchg *x, const struct mip_msg *g,
		      const struct udp_ends *e)
{
	if (x->got)
		return false;
	if (x->kind == RP_REQ) {
		const struct mip_msg *q = &r->c.msg[x->tx].m;

		if (!x->sent || e->dst != x->from.src)
			return false;
		if (q->type == MIP_RRQ)
			return g->type == MIP_RRP && ident_reply_matches(x->ident, g->ident);
		return g->type == MIP_REVACK && g->revid == x->revid && g->hoa == x->hoa;
	}
	if (x->rx < 0) /* the DUT's side missing: the Revocation a recorded Ack answers */
		return x->tx >= 0 && g->type == MIP_REV &&
		       e->dst == rp_map_addr(&r->map, r->c.msg[x->tx].ends.src);
	return g->type == r->c.msg[x->rx].m.type &&
	       e->dst == rp_map_addr(&r->map, r->c.msg[x->rx].ends.dst);
}

static void judge(struct rp_run *r, struct rp_xchg *x, const struct mip_msg *g,
		  const char *bad)
{
	if (x->rx < 0) {
		x->v = RP_V_SENT;
		if (g->type == MIP_RRP)
			snprintf(x->reason, sizeof x->reason, "got RRP code %u (none recorded)",
				 g->code);
		else
			snprintf(x->reason, sizeof x->reason, "got %s (none recorded)",
				 rp_type_name(g->type));
		return;
	}
	x->reason[0] = 0;
	x->v = rp_cmp(&r->map, &r->st, &r->c.msg[x->rx].m, g, x->got_buf, x->got_len, x->reason,
		      sizeof x->reason) ? RP_V_DIFF : RP_V_MATCH;
	if (x->tx >= 0 && g->type == MIP_RRP && r->c.msg[x->tx].m.type == MIP_RRQ &&
	    rp_cmp_ident(r->c.msg[x->tx].m.ident, r->c.msg[x->rx].m.ident, x->ident, g,
			 x->reason, sizeof x->reason))
		x->v = RP_V_DIFF;
	if (bad && !r->c.msg[x->rx].raw) {
		size_t n = strlen(x->reason);

		snprintf(x->reason + n, sizeof x->reason - n, "%s%s: does not decode: %s",
			 n ? "; " : "", rp_type_name(g->type), bad);
		x->v = RP_V_DIFF;
	}
}

static void add_extra(struct rp_run *r, const struct tc_pkt *p, const struct mip_msg *g)
{
	struct rp_xchg *x;

	void *np = txt_grow(r->c.x, &r->c.cap_x, r->c.n_x + 1, sizeof *r->c.x, 8);

	if (!np)
		return;
	r->c.x = np;
	x = &r->c.x[r->c.n_x++];
	memset(x, 0, sizeof *x);
	x->kind = RP_DUT;
	x->tx = x->rx = -1;
	x->got = true;
	x->got_ns = p->at_ns;
	x->got_ends = p->ends;
	x->v = RP_V_EXTRA;
	snprintf(x->reason, sizeof x->reason, "unexpected %s from the DUT to %s",
		 g ? rp_type_name(g->type) : "datagram", txt_ip4(p->ends.dst).s);
}

static bool same_nai(const struct mip_msg *a, const struct mip_msg *b)
{
	const struct mip_ext *x = mip_ext_find(a, MIP_EXT_NAI, -1);
	const struct mip_ext *y = mip_ext_find(b, MIP_EXT_NAI, -1);

	return x && y && x->data_len == y->data_len && !memcmp(x->data, y->data, x->data_len);
}

/* A Request the DUT sends again (its retransmission, RFC 5944 §3.6.3, with a fresh
 * Identification) for one the tester answered: answered again as the first was. */
static bool answer_again(struct rp_run *r, const struct tc_pkt *p, const struct mip_msg *g)
{
	if (g->type != MIP_RRQ)
		return false;
	for (size_t k = 0; k < r->c.n_x; k++) {
		struct rp_xchg *x = &r->c.x[k];

		if (x->kind != RP_DUT || !x->got || x->rx < 0 || x->tx < 0 ||
		    r->c.msg[x->rx].m.type != MIP_RRQ || !same_nai(g, &r->c.msg[x->rx].m))
			continue;
		snprintf(x->note, sizeof x->note, "the DUT sent it again: answered again");
		send_msg(r, (size_t)x->tx, g, &p->ends);
		return true;
	}
	return false;
}

static void dispatch(struct rp_run *r, const struct tc_pkt *p)
{
	static struct mip_msg g; /* one at a time */
	struct mip_err me;
	char why[160];
	const char *bad = NULL;

	record(r, p);
	r->dut_msgs++;
	if (mip_decode(p->buf, p->len, &g, &me) < 0) {
		if (!g.fixed_ok) {
			add_extra(r, p, NULL);
			return;
		}
		bad = mip_err_str(&me, why, sizeof why);
	}
	for (size_t k = 0; k < r->c.n_x; k++) {
		struct rp_xchg *x = &r->c.x[k];

		if (!x_matches(r, x, &g, &p->ends))
			continue;
		x->got = true;
		x->got_ns = p->at_ns;
		x->got_ends = p->ends;
		x->got_len = p->len < sizeof x->got_buf ? p->len : sizeof x->got_buf;
		memcpy(x->got_buf, p->buf, x->got_len);
		if (x->kind == RP_REQ && g.type == MIP_RRP && g.code == 133 && !x->resent &&
		    (x->rx < 0 || r->c.msg[x->rx].m.code != 133)) {
			/* RFC 5944 §3.6.2.3: adopt the DUT's time, send once more */
			rp_stamp_resync(&r->st, g.ident, r->c.msg[x->tx].m.ident, now(r));
			x->resent = true;
			x->got = false;
			snprintf(x->note, sizeof x->note, "resent once after 133");
			send_msg(r, (size_t)x->tx, NULL, NULL);
			return;
		}
		judge(r, x, &g, bad);
		if (x->kind == RP_DUT && x->tx >= 0)
			send_msg(r, (size_t)x->tx, &g, &p->ends);
		return;
	}
	if (!answer_again(r, p, &g))
		add_extra(r, p, &g);
}

/* Take what the DUT sends until deadline, or until *done turns true. */
static void pump(struct rp_run *r, uint64_t deadline, const bool *done)
{
	struct tc_pkt p;

	while (!r->failed && !(done && *done)) {
		int k = r->net.ops->recv(r->net.ctx, deadline, &p, r->err, sizeof r->err);

		if (k < 0) {
			fprintf(stderr, "pmip4ct replay: receive: %s\n", r->err);
			r->failed = true;
		}
		if (k <= 0)
			return;
		dispatch(r, &p);
	}
}

static uint64_t sched(struct rp_run *r, const struct rp_msg *m)
{
	uint64_t d = m->ts_ns > r->rec0 ? m->ts_ns - r->rec0 : 0;

	if (!r->start_ns)
		r->start_ns = now(r);
	return r->start_ns + (uint64_t)((double)d / r->o->multiplier);
}

static void walk(struct rp_run *r)
{
	r->rec0 = r->c.msg[0].ts_ns;
	for (size_t i = 0; i < r->c.n && !r->failed; i++) {
		struct rp_msg *m = &r->c.msg[i];
		struct rp_xchg *x;
		uint64_t t;

		if (m->xchg < 0)
			continue; /* an answer to a DUT message that is not in the capture */
		x = &r->c.x[m->xchg];
		if (m->tester && x->kind == RP_REQ) {
			t = r->o->fast ? now(r) : sched(r, m);
			pump(r, t, NULL);
			if (send_msg(r, i, NULL, NULL) < 0)
				return;
			/* no answer recorded: where the capture holds the DUT's side it was silent,
			 * so go on; where it holds none, wait for the answer (its home address) */
			if (r->o->fast && x->rx < 0 && r->c.dut_missing)
				pump(r, x->deadline, &x->got);
		} else if (!m->tester) {
			t = x->kind == RP_REQ ? x->deadline : 0;
			if (x->kind == RP_DUT) {
				uint64_t s = r->o->fast ? 0 : sched(r, m);

				t = (s > r->step_ns ? s : r->step_ns) + r->reply_ns;
			}
			while (!x->got && !r->failed && now(r) < (x->kind == RP_REQ ? x->deadline : t))
				pump(r, x->kind == RP_REQ ? x->deadline : t, &x->got);
		}
		r->step_ns = now(r);
	}
	/* what the DUT still sends (a retransmission) is an extra */
	pump(r, now(r) + params_ms(r->o->pixit, "silence-ms") * 1000000u, NULL);
}

static void final_verdicts(struct rp_run *r)
{
	for (size_t k = 0; k < r->c.n_x; k++) {
		struct rp_xchg *x = &r->c.x[k];
		const struct rp_msg *rec = x->rx >= 0 ? &r->c.msg[x->rx] : NULL;

		if (x->v != RP_V_NONE)
			continue;
		if (x->kind == RP_REQ && !x->sent) {
			x->v = RP_V_NOREPLY;
			snprintf(x->reason, sizeof x->reason, "not sent");
		} else if (!rec) {
			x->v = RP_V_SENT;
			snprintf(x->reason, sizeof x->reason, "no reply (none recorded)");
		} else if (rec->m.type == MIP_RRP) {
			x->v = RP_V_NOREPLY;
			snprintf(x->reason, sizeof x->reason, "no reply (recorded RRP code %u)",
				 rec->m.code);
		} else {
			x->v = RP_V_NOREPLY;
			snprintf(x->reason, sizeof x->reason, "no %s from the DUT (recorded frame "
				 "%llu)%s", rp_type_name(rec->m.type), (unsigned long long)rec->frame,
				 x->tx >= 0 ? ": its answer not sent" : "");
		}
	}
}

static int net_open(struct rp_run *r, char *err, size_t errlen)
{
	struct params *p = params_clone(r->o->pixit);
	char v[64];
	uint32_t t[2] = { 0, 0 };
	unsigned n = 0;
	uint16_t port = MIP_PORT;
	int rc = -1;

	if (!p) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < r->c.n && n < 2; i++) {
		const struct rp_msg *m = &r->c.msg[i];
		uint32_t a = rp_map_addr(&r->map, m->tester ? m->ends.src : m->ends.dst);

		if (!n)
			port = m->tester ? m->ends.sport : m->ends.dport;
		if (!n || a != t[0])
			t[n++] = a;
	}
	snprintf(v, sizeof v, "%s:%u", txt_ip4(r->o->dut).s, r->o->dut_port);
	if (r->o->dut_pma) { /* the tester is the PMA's HA (net_udp.c binds PIXIT ha) */
		char ha[64];

		snprintf(ha, sizeof ha, "%s:%u", txt_ip4(t[0]).s, port);
		if (!params_set(p, PARAM_PIXIT, "pma", v, err, errlen) &&
		    !params_set(p, PARAM_PIXIT, "ha", ha, err, errlen) &&
		    !params_set(p, PARAM_PIXIT, "pma.ha-alt", "0.0.0.0", err, errlen))
			rc = net_udp_create(&r->net, CASE_ROLE_PMA, p, NULL, NULL, err, errlen);
	} else if (!params_set(p, PARAM_PIXIT, "ha", v, err, errlen) &&
		   !params_set(p, PARAM_PIXIT, "pma1", txt_ip4(t[0]).s, err, errlen) &&
		   !params_set(p, PARAM_PIXIT, "pma2", txt_ip4(t[1]).s, err, errlen) &&
		   !params_set(p, PARAM_PIXIT, "ha.pma-denied", "0.0.0.0", err, errlen)) {
		snprintf(v, sizeof v, "%u", port);
		if (!params_set(p, PARAM_PIXIT, "pma-port", v, err, errlen))
			rc = net_udp_create(&r->net, CASE_ROLE_HA, p, NULL, NULL, err, errlen);
	}
	params_destroy(p);
	return rc;
}

int replay_run(const struct rp_opts *o)
{
	static struct rp_run r; /* one run at a time; large */
	struct rp_run_info ri = { .o = o };
	char err[400];
	int rc = 0;

	memset(&r, 0, sizeof r);
	r.o = o;
	r.reply_ns = params_ms(o->pixit, "reply-ms") * 1000000u;
	if (rp_prepare(o, &r.c, &r.map, &r.st) < 0)
		return 2;
	if (o->pcap && !(r.pcap = pcap_out_create(o->pcap, err, sizeof err))) {
		fprintf(stderr, "pmip4ct replay: %s\n", err);
		rp_cap_free(&r.c);
		return 2;
	}
	if (net_open(&r, err, sizeof err) < 0) {
		fprintf(stderr, "pmip4ct replay: %s\n", err);
		pcap_out_destroy(r.pcap);
		rp_cap_free(&r.c);
		return 3;
	}
	ri.start_ns = now(&r);
	walk(&r);
	ri.end_ns = now(&r);
	final_verdicts(&r);
	ri.c = &r.c;
	ri.dut_name = r.net.name;
	ri.silent = !r.dut_msgs;
	for (size_t k = 0; k < r.c.n_x; k++) {
		if (r.c.x[k].rx >= 0 && ri.silent)
			rc = 3;
		if (o->out)
			rp_report_line(o->out, &r.c, &r.c.x[k]);
		if (rc != 3 && (r.c.x[k].v == RP_V_DIFF || r.c.x[k].v == RP_V_NOREPLY ||
				r.c.x[k].v == RP_V_EXTRA))
			rc = 1;
	}
	if (r.failed)
		rc = 3;
	if (o->out)
		rp_report_summary(o->out, &ri);
	if (rp_report_files(&ri, err, sizeof err) < 0) {
		fprintf(stderr, "pmip4ct replay: %s\n", err);
		rc = rc ? rc : 2;
	}
	tc_net_destroy(&r.net);
	pcap_out_destroy(r.pcap);
	rp_cap_free(&r.c);
	return rc;
}
