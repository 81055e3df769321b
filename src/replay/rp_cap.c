/* rp_cap.c — a capture as replay sees it: its Mobile IP messages (pcap and pcapng, ns
 * timestamps, VLAN tags and the other link types of frame.c through pcap_in.h), each on
 * the tester's side or the DUT's, grouped into exchanges.
 *
 * The recorded HA is the destination of the first Registration Request (or the source
 * of the first Reply or Revocation with A = 1, when the requests are missing), the
 * recorded PMA its source; what the recorded DUT (the HA for --dut-ha, the PMA for
 * --dut-pma) sent is the DUT's side, everything else the tester's.  Exchanges, in
 * capture order:
 * - a Request or Revocation of the tester's with the DUT's answer: the first later
 *   Reply to its source with the same Identification low 32 bits (RFC 5944 §3.6.2.1),
 *   or Acknowledgment with the same Home Address and Revocation Identifier (RFC 3543
 *   §3.4); none when the capture holds only requests;
 * - a message the DUT sent on its own (the HA's Revocation; the PMA's Request or
 *   Revocation) with the tester's answer: the Reply to it, or the Acknowledgment the
 *   revoked node sent next;
 * - anything else of the tester's (a robustness case's message of any type), alone.
 * A DUT message that answers nothing of the tester's is an exchange of its own too (an
 * HA's retransmitted Revocation), so that its absence in the replay is reported.
 * A capture that holds none of the DUT's messages (only the tester's side was
 * captured): each request is an exchange without an answer, and an Acknowledgment of
 * the tester's stands for the DUT's Revocation it answered (RP_DUT, no rx): it is sent
 * when a Revocation comes to its sender, echoing it.
 * A message that does not decode (a robustness case's) is kept with what of it decoded
 * and why the rest did not: the tester sends it as recorded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ident.h"
#include "pcap_in.h"
#include "rp_priv.h"
#include "txt.h"

const char *rp_type_name(uint8_t type)
{
	switch (type) {
	case MIP_RRQ: return "RRQ";
	case MIP_RRP: return "RRP";
	case MIP_REV: return "REV";
	case MIP_REVACK: return "REVACK";
	case MIP_TUNDATA: return "TUNDATA";
	default: return "MIP";
	}
}

static bool is_sig_port(const struct udp_ends *e)
{
	return e->sport == MIP_PORT || e->dport == MIP_PORT;
}

static int cap_add(struct rp_cap *c, const struct pcap_pkt *pk, char *err, size_t errlen)
{
	struct rp_msg *m;
	struct mip_err me;
	void *np;

	np = txt_grow(c->msg, &c->cap, c->n + 1, sizeof *c->msg, 16);
	if (!np) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	c->msg = np;
	m = &c->msg[c->n];
	memset(m, 0, sizeof *m);
	m->buf = malloc(pk->fi.payload_len ? pk->fi.payload_len : 1);
	if (!m->buf) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	memcpy(m->buf, pk->fi.payload, pk->fi.payload_len);
	m->len = pk->fi.payload_len;
	m->frame = pk->frame;
	m->ts_ns = pk->ts_ns;
	m->ends = pk->fi.ends;
	m->xchg = -1;
	c->n++;
	if (pk->fi.truncated) {
		snprintf(err, errlen, "frame %llu: the capture holds %zu of the datagram's %zu "
			 "bytes (snap length): it cannot be replayed", (unsigned long long)pk->frame,
			 pk->fi.payload_len, pk->fi.payload_wire_len);
		return -1;
	}
	if (mip_decode(m->buf, m->len, &m->m, &me) < 0) {
		m->raw = true;
		mip_err_str(&me, m->why, sizeof m->why);
	}
	return 0;
}

/* The recorded HA (the header comment), or the recorded PMA: the two ends of the first
 * Request, else of the first Reply or Revocation with A = 1. */
static uint32_t cap_find(const struct rp_cap *c, bool pma)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->msg[i].m.type == MIP_RRQ)
			return pma ? c->msg[i].ends.src : c->msg[i].ends.dst;
	for (size_t i = 0; i < c->n; i++)
		if (c->msg[i].m.type == MIP_RRP ||
		    (c->msg[i].m.type == MIP_REV && (c->msg[i].m.rflags & MIP_REV_A)))
			return pma ? c->msg[i].ends.dst : c->msg[i].ends.src;
	return 0;
}

static int x_add(struct rp_cap *c, enum rp_kind k, int tx, int rx)
{
	struct rp_xchg *x;

	void *np = txt_grow(c->x, &c->cap_x, c->n_x + 1, sizeof *c->x, 8);

	if (!np)
		return -1;
	c->x = np;
	x = &c->x[c->n_x];
	memset(x, 0, sizeof *x);
	x->kind = k;
	x->tx = tx;
	x->rx = rx;
	if (tx >= 0)
		c->msg[tx].xchg = (int)c->n_x;
	if (rx >= 0)
		c->msg[rx].xchg = (int)c->n_x;
	return (int)c->n_x++;
}

/* Whether DUT message a answers tester message q. */
static bool answers(const struct rp_msg *q, const struct rp_msg *a)
{
	if (a->ends.dst != q->ends.src || (q->raw && !q->m.fixed_ok))
		return false; /* a request cut inside its fixed part has no Identification */
	if (q->m.type == MIP_RRQ)
		return a->m.type == MIP_RRP && ident_reply_matches(q->m.ident, a->m.ident);
	return q->m.type == MIP_REV && a->m.type == MIP_REVACK && a->m.hoa == q->m.hoa &&
	       a->m.revid == q->m.revid;
}

/* Whether tester message a answers DUT message d: a Reply to its Request, or the
 * revoked node's next Acknowledgment (RFC 3543 §3.4; its identifier may be wrong on
 * purpose). */
static bool answered_by(const struct rp_msg *d, const struct rp_msg *a)
{
	if (d->m.type == MIP_RRQ)
		return answers(d, a);
	return d->m.type == MIP_REV && a->m.type == MIP_REVACK && a->ends.src == d->ends.dst;
}

static int cap_pair(struct rp_cap *c)
{
	/* the tester's requests with the DUT's answers */
	for (size_t i = 0; i < c->n; i++) {
		struct rp_msg *q = &c->msg[i];
		int rx = -1;

		if (!q->tester || (q->m.type != MIP_RRQ && q->m.type != MIP_REV))
			continue;
		for (size_t j = i + 1; j < c->n && rx < 0; j++)
			if (!c->msg[j].tester && c->msg[j].xchg < 0 && answers(q, &c->msg[j]))
				rx = (int)j;
		if (x_add(c, RP_REQ, (int)i, rx) < 0)
			return -1;
	}
	/* the DUT's own messages with the tester's answers */
	for (size_t j = 0; j < c->n; j++) {
		int k;

		if (c->msg[j].tester || c->msg[j].xchg >= 0)
			continue;
		k = x_add(c, RP_DUT, -1, (int)j);
		if (k < 0)
			return -1;
		for (size_t i = j + 1; i < c->n; i++) {
			struct rp_msg *a = &c->msg[i];

			if (a->tester && a->xchg < 0 && answered_by(&c->msg[j], a)) {
				a->xchg = k;
				c->x[k].tx = (int)i;
				break;
			}
		}
	}
	/* what else the tester sent (a robustness case's any type) goes as it is; an
	 * Acknowledgment of nothing in the capture is left out, unless the DUT's side is
	 * missing: then it answers the Revocation the DUT will send */
	for (size_t i = 0; i < c->n; i++) {
		struct rp_msg *m = &c->msg[i];

		if (!m->tester || m->xchg >= 0)
			continue;
		if (m->m.type != MIP_REVACK) {
			if (x_add(c, RP_REQ, (int)i, -1) < 0)
				return -1;
		} else if (c->dut_missing && x_add(c, RP_DUT, (int)i, -1) < 0) {
			return -1;
		}
	}
	return 0;
}

/* Exchanges in the order of their first recorded message. */
static uint64_t x_first(const struct rp_xchg *x)
{
	uint64_t a = x->tx >= 0 ? (uint64_t)x->tx : UINT64_MAX;
	uint64_t b = x->rx >= 0 ? (uint64_t)x->rx : UINT64_MAX;

	return a < b ? a : b;
}

static int x_cmp(const void *a, const void *b)
{
	uint64_t fa = x_first(a), fb = x_first(b);

	return fa < fb ? -1 : fa > fb;
}

int rp_cap_load(struct rp_cap *c, const char *path, bool dut_pma, char *err,
		size_t errlen)
{
	struct pcap_in *in;
	struct pcap_pkt pk;
	int r;

	memset(c, 0, sizeof *c);
	in = pcap_in_open(path, err, errlen);
	if (!in)
		return -1;
	while ((r = pcap_in_next(in, &pk, err, errlen)) == 1) {
		if (pk.fi.fragment || !is_sig_port(&pk.fi.ends))
			continue;
		if (cap_add(c, &pk, err, errlen) < 0) {
			r = -1;
			break;
		}
	}
	c->frames = pcap_in_frames(in);
	pcap_in_destroy(in);
	if (r < 0) {
		char e2[400];

		snprintf(e2, sizeof e2, "%s: %s", path, err);
		snprintf(err, errlen, "%s", e2);
		return -1;
	}
	if (!c->n) {
		snprintf(err, errlen, "%s: no Mobile IP message (UDP port 434) in %llu frames",
			 path, (unsigned long long)c->frames);
		return -1;
	}
	c->ha = cap_find(c, false);
	c->dut_rec = dut_pma ? cap_find(c, true) : c->ha;
	c->dut_missing = true;
	for (size_t i = 0; i < c->n; i++) {
		c->msg[i].tester = c->msg[i].ends.src != c->dut_rec;
		c->dut_missing &= c->msg[i].tester;
	}
	if (cap_pair(c) < 0) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	qsort(c->x, c->n_x, sizeof *c->x, x_cmp);
	for (size_t k = 0; k < c->n_x; k++) {
		if (c->x[k].tx >= 0)
			c->msg[c->x[k].tx].xchg = (int)k;
		if (c->x[k].rx >= 0)
			c->msg[c->x[k].rx].xchg = (int)k;
	}
	return 0;
}

int rp_prepare(const struct rp_opts *o, struct rp_cap *c, struct rp_map *mp,
	       struct rp_stamp *st)
{
	char err[400];

	if (rp_cap_load(c, o->file, o->dut_pma, err, sizeof err) < 0 ||
	    rp_map_init(mp, c, o, err, sizeof err) < 0 ||
	    rp_stamp_init(st, c, o->pixit, err, sizeof err) < 0) {
		fprintf(stderr, "pmip4ct replay: %s\n", err);
		rp_cap_free(c);
		return -1;
	}
	return 0;
}

void rp_cap_free(struct rp_cap *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->msg[i].buf);
	free(c->msg);
	free(c->x);
	memset(c, 0, sizeof *c);
}
