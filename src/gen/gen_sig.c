/* gen_sig.c — the generator's signalling as M PMAs (gen_ha.h): Proxy Registration
 * Requests and their replies, renewals, handovers, deregistration, the 133
 * resynchronisation, and Revocations both ways.
 *
 *   RRQ (RFC 5563 §7, §4.1): D = 0, CoA = the PMA, HoA 0.0.0.0 (a new PMA does not know
 *   the device's address: the HA finds the binding by NAI, §4.1.3), Identification a
 *   timestamp strictly greater than any before (RFC 5944 §5.7), extensions NAI (RFC 2794),
 *   147/2 Device ID = the device's MAC (§5.3), 147/4 Access Technology (§5.5), 47/1
 *   per-node FA-HA (§5.1), 137 Revocation Support (RFC 3543 §3.2), 48 GRE key (RFC 6245
 *   §3.1: in every request), FA-HA (RFC 5944 §3.5.4).
 *   Retransmissions after reply-ms, doubling, each with a fresh Identification (RFC 5944
 *   §3.6.3).  A 133 teaches the HA's clock (§5.7.1, RFC 5563 §4.4) and is retried at once.
 *   Renewal at `renew` of the granted lifetime, counted from the request (§3.6).
 *   Revocation (RFC 3543 §4.2.3.1): from the PMA's address to the HA, A = 0, I = 0, an
 *   Identifier on the clock of our 137s, newer than any before, FA-HA; the Ack must match
 *   the Home Address and the Identifier and be authentic (§3.4).
 *   The HA's Revocations (after a handover, §4.2.2) arrive at port 434 of the old PMA and
 *   are acknowledged with I = 0 (§3.4) when authentic; worker 0 alone listens there.
 */
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "gen_ha.h"
#include "ident.h"

#define NS            1000000000ull
#define GEN_ACCTECH   3        /* 147/4: 802.16e, any value the HA accepts */
#define GEN_REV_SPACE 16       /* PMA-initiated revocations outstanding per worker */

static uint64_t wall_now(void *ctx)
{
	const struct gw *g = ctx;

	return (uint64_t)((int64_t)clk_now_ns(&clk_real) + g->wall_off_ns);
}

static uint32_t wall_rand(void *ctx)
{
	(void)ctx;
	return clk_real.rand32(clk_real.ctx);
}

/* ---- the home-address index (open addressing, linear probing, backward-shift delete) */

static uint32_t hoa_slot(const struct gw *g, uint32_t hoa)
{
	return (hoa * 2654435761u) & (g->hoa_cap - 1);
}

void gen_hoa_put(struct gw *g, uint32_t hoa, uint32_t k)
{
	uint32_t i = hoa_slot(g, hoa);

	while (g->hoa_idx[i] && g->dev[g->hoa_idx[i] - 1].hoa != hoa)
		i = (i + 1) & (g->hoa_cap - 1);
	g->hoa_idx[i] = k + 1;
}

static uint32_t hoa_find(const struct gw *g, uint32_t hoa)
{
	uint32_t i = hoa_slot(g, hoa), v;

	while ((v = g->hoa_idx[i])) {
		if (g->dev[v - 1].hoa == hoa)
			return v - 1;
		i = (i + 1) & (g->hoa_cap - 1);
	}
	return UINT32_MAX;
}

void gen_hoa_del(struct gw *g, uint32_t hoa)
{
	uint32_t mask = g->hoa_cap - 1, i = hoa_slot(g, hoa), j, h;

	while (g->hoa_idx[i] && g->dev[g->hoa_idx[i] - 1].hoa != hoa)
		i = (i + 1) & mask;
	if (!g->hoa_idx[i])
		return;
	g->hoa_idx[i] = 0;
	for (j = (i + 1) & mask; g->hoa_idx[j]; j = (j + 1) & mask) {
		h = hoa_slot(g, g->dev[g->hoa_idx[j] - 1].hoa);
		/* move j back to i when its home slot h is not in (i, j] (cyclically) */
		if ((j > i && (h <= i || h > j)) || (j < i && h <= i && h > j)) {
			g->hoa_idx[i] = g->hoa_idx[j];
			g->hoa_idx[j] = 0;
			i = j;
		}
	}
}

/* ---- the NAI: the profile's format, one %u (gen_prof.c checks it) ---- */

static size_t nai_make(const struct gw *g, uint32_t number, char *out, size_t cap)
{
	const char *f = g->p->nai_fmt, *u = strstr(f, "%u");
	int n = snprintf(out, cap, "%.*s%u%s", (int)(u - f), f, number, u + 2);

	return n > 0 && (size_t)n < cap ? (size_t)n : 0;
}

/* The device number of an NAI made by nai_make; false when it is not one of ours. */
static bool nai_number(const struct gw *g, const uint8_t *s, size_t n, uint32_t *number)
{
	const char *f = g->p->nai_fmt, *u = strstr(f, "%u");
	size_t pre = (size_t)(u - f), post = strlen(u + 2), i;
	uint64_t v = 0;

	if (n <= pre + post || memcmp(s, f, pre) || memcmp(s + n - post, u + 2, post))
		return false;
	for (i = pre; i < n - post; i++) {
		if (s[i] < '0' || s[i] > '9' || (i > pre && s[pre] == '0'))
			return false;
		v = v * 10 + (uint64_t)(s[i] - '0');
		if (v > UINT32_MAX)
			return false;
	}
	*number = (uint32_t)v;
	return true;
}

/* ---- requests ---- */

static void dev_mac(const struct gw *g, uint32_t number, uint8_t mac[6])
{
	uint64_t v = 0;

	for (int i = 0; i < 6; i++)
		v = v << 8 | g->p->mac_base[i];
	v += number;
	for (int i = 5; i >= 0; i--, v >>= 8)
		mac[i] = (uint8_t)v;
}

void gen_sig_arm(struct gw *g, struct gen_dev *d, uint64_t at)
{
	d->t.fire = gen_sig_timer;
	timers_arm(&g->tm, &d->t, at);
}

static uint64_t reply_ns(const struct gw *g, unsigned tries)
{
	uint64_t ms = (uint64_t)g->p->reply_ms;

	for (unsigned i = 1; i < tries && ms < 60000; i++)
		ms *= 2; /* RFC 5944 §3.6.3: doubling */
	return ms * 1000000ull;
}

static uint32_t number_of(const struct gw *g, const struct gen_dev *d)
{
	return g->p->first + gw_global(g, (uint32_t)(d - g->dev));
}

/* Build and send the request of d through PMA d->pma with the given lifetime. */
static void send_rrq(struct gw *g, struct gen_dev *d, uint16_t lifetime)
{
	const struct gen_prof *p = g->p;
	struct gen_pma_end *pe = &g->pma[d->pma];
	struct udp_ends to = { pe->addr, g->ctx->ha, 0, g->ctx->ha_port };
	struct mip_msg *m = &g->m;
	uint32_t number = number_of(g, d);
	char nai[GEN_NAI_FMT_MAX + 16];
	uint8_t mac[6];
	struct mip_ext *x;
	struct mip_err err;
	size_t n, nl = nai_make(g, number, nai, sizeof nai);

	dev_mac(g, number, mac);
	mip_msg_init(m, MIP_RRQ);
	m->lifetime = lifetime;
	m->hoa = 0;
	m->ha = g->ctx->ha;
	m->coa = pe->addr;
	g->last_ident = ident_timestamp(&g->wall, g->last_ident);
	m->ident = d->ident = g->last_ident;
	if ((x = mip_ext_add(m, MIP_EXT_NAI, 0))) {
		x->v.bytes.p = (const uint8_t *)nai;
		x->v.bytes.len = (uint16_t)nl;
	}
	if ((x = mip_ext_add(m, MIP_EXT_PMIP_SK, MIP_PMIP_DEVID))) {
		x->v.pmid.idtype = 1; /* Ethernet MAC (RFC 5563 §5.3) */
		x->v.pmid.id = mac;
		x->v.pmid.id_len = 6;
	}
	if ((x = mip_ext_add(m, MIP_EXT_PMIP_SK, MIP_PMIP_ACCTECH)))
		x->v.acctech.tech = GEN_ACCTECH;
	if ((x = mip_ext_add(m, MIP_EXT_PMIP_NS, MIP_PMIP_PERNODE)))
		x->v.pernode.method = MIP_PERNODE_FAHA;
	if (p->revocation && (x = mip_ext_add(m, MIP_EXT_REVSUP, 0))) {
		x->v.rev.flags = 0;
		x->v.rev.ts = (uint32_t)(ident_ntp_from_ns(clk_now_ns(&g->wall)) >> 32);
	}
	if (p->encap == GEN_ENCAP_GRE && (x = mip_ext_add(m, MIP_EXT_GREKEY, 0)))
		x->v.gre.key = number; /* our key: the HA tunnels to us with it (RFC 6245 §3.1) */
	mip_ext_add_auth(m, MIP_EXT_FAHA, &g->ctx->sa);
	if (mip_encode(m, g->buf, sizeof g->buf, &n, &err) < 0)
		return;
	g->w->st.c.reg_sent++;
	if (d->tries++)
		g->w->st.c.reg_retx++;
	io_send(&pe->sig_io, &to, g->buf, n);
	gen_sig_arm(g, d, gw_mono_ns() + reply_ns(g, d->tries));
}

void gen_sig_register(struct gw *g, struct gen_dev *d, bool first)
{
	if (first)
		g->reg_out++;
	d->tries = 0;
	d->sent_ns = gw_mono_ns();
	d->state = first ? GD_REG : GD_RENEW;
	send_rrq(g, d, g->p->lifetime);
}

/* The device leaves its PMA for the next one: from now on its uplink is held and what
 * the CN sends it is tagged in-handover.  The request through the new PMA leaves after
 * the quiet period (gw_quiet_ns), so that the packets sent before the move have passed
 * the HA by then and none of them meets the moved binding: a loss among them would be
 * the DUT's, not the handover's.  The gap is timed from that request. */
void gen_sig_move(struct gw *g, struct gen_dev *d)
{
	d->pma_old = d->pma;
	d->pma = (uint8_t)((d->pma + 1) % g->p->n_pma);
	d->move_ns = 0;
	d->tries = 0;
	d->state = GD_MOVING;
	d->moves++;
	g->w->st.c.handovers++;
	gen_sig_arm(g, d, gw_mono_ns() + g->quiet_ns);
}

void gen_sig_dereg(struct gw *g, struct gen_dev *d)
{
	d->tries = 0;
	d->sent_ns = gw_mono_ns();
	d->state = GD_DEREG;
	g->w->st.c.dereg_sent++;
	g->pending++;
	send_rrq(g, d, 0);
}

/* §3.5: a timestamp on the clock of our 137s (NTP seconds), strictly increasing. */
static uint32_t next_revid(struct gw *g)
{
	uint32_t v = (uint32_t)(ident_ntp_from_ns(clk_now_ns(&g->wall)) >> 32);

	if (v <= g->last_revid)
		v = g->last_revid + 1;
	return g->last_revid = v;
}

static void send_rev(struct gw *g, struct gen_dev *d)
{
	struct gen_pma_end *pe = &g->pma[d->pma];
	struct udp_ends to = { pe->addr, g->ctx->ha, 0, g->ctx->ha_port }; /* 434 (§3.3) */
	struct mip_msg *m = &g->m;
	struct mip_err err;
	size_t n;

	mip_msg_init(m, MIP_REV);
	m->rflags = 0; /* A = 0: from the PMA; I = 0 */
	m->hoa = d->hoa;
	m->ha = g->ctx->ha;   /* Home Domain Address */
	m->coa = pe->addr;    /* Foreign Domain Address */
	m->revid = d->revid = next_revid(g);
	mip_ext_add_auth(m, MIP_EXT_FAHA, &g->ctx->sa);
	if (mip_encode(m, g->buf, sizeof g->buf, &n, &err) < 0)
		return;
	if (d->tries++ == 0)
		g->w->st.c.revokes_sent++;
	io_send(&pe->sig_io, &to, g->buf, n);
	gen_sig_arm(g, d, gw_mono_ns() + reply_ns(g, d->tries));
}

/* Likewise, the Revocation leaves after the quiet period. */
void gen_sig_revoke(struct gw *g, struct gen_dev *d)
{
	d->tries = 0;
	d->state = GD_REVOKING;
	gen_sig_arm(g, d, gw_mono_ns() + g->quiet_ns);
}

/* No answer after GEN_TRIES_MAX transmissions, or a refusal: the device is out. */
static void give_up(struct gw *g, struct gen_dev *d)
{
	struct gen_counters *c = &g->w->st.c;
	bool up = d->state == GD_RENEW || d->state == GD_MOVING || d->state == GD_REVOKING ||
		  d->state == GD_DEREG;

	c->reg_timeout++;
	if (d->state == GD_DEREG)
		gw_dereg_done(g);
	if (d->state == GD_REG)
		gw_reg_done(g);
	if (d->hoa)
		gen_hoa_del(g, d->hoa);
	d->hoa = 0;
	d->move_ns = 0;
	d->state = GD_GONE;
	if (up && g->w->devices_up)
		g->w->devices_up--;
}

void gen_sig_timer(struct timer *t, void *arg)
{
	struct gw *g = arg;
	struct gen_dev *d = container_of(t, struct gen_dev, t);

	switch (d->state) {
	case GD_MOVING:
		if (!d->tries)
			d->move_ns = d->sent_ns = gw_mono_ns();
		/* fall through */
	case GD_REG:
	case GD_RENEW:
	case GD_DEREG:
		if (d->tries >= GEN_TRIES_MAX) {
			give_up(g, d);
			return;
		}
		send_rrq(g, d, d->state == GD_DEREG ? 0 : g->p->lifetime);
		return;
	case GD_REVOKING:
		if (!d->tries)
			d->sent_ns = gw_mono_ns();
		if (d->tries >= GEN_TRIES_MAX) {
			give_up(g, d);
			return;
		}
		send_rev(g, d);
		return;
	case GD_UP:
		gen_sig_register(g, d, false); /* renewal */
		return;
	case GD_DOWN:
		gen_sig_register(g, d, true);
		return;
	default:
		return;
	}
}

/* ---- replies ---- */

/* The device of a reply: its NAI is ours and names a device of this worker. */
static struct gen_dev *dev_of_nai(struct gw *g, const struct mip_msg *m)
{
	const struct mip_ext *x = mip_ext_find(m, MIP_EXT_NAI, -1);
	uint32_t number, k;

	if (!x || !nai_number(g, x->v.bytes.p, x->v.bytes.len, &number))
		return NULL;
	k = gw_local(g, number);
	return k == UINT32_MAX ? NULL : &g->dev[k];
}

static bool authentic(const struct gw *g, const uint8_t *buf, size_t len,
		      const struct mip_msg *m)
{
	const struct mip_ext *a = mip_ext_find(m, MIP_EXT_FAHA, -1);

	return a && auth_verify(buf, len, a, &g->ctx->sa) == AUTH_VALID;
}

static void accepted(struct gw *g, struct gen_dev *d, const struct mip_msg *m)
{
	struct gen_counters *c = &g->w->st.c;
	const struct mip_ext *gre = mip_ext_find(m, MIP_EXT_GREKEY, -1);
	const struct mip_ext *rev = mip_ext_find(m, MIP_EXT_REVSUP, -1);
	uint64_t now = gw_mono_ns(), life;
	uint32_t k = (uint32_t)(d - g->dev);
	uint8_t was = d->state;

	timers_cancel(&g->tm, &d->t);
	if (was == GD_DEREG) {
		c->deregistered++;
		gw_dereg_done(g);
		if (d->hoa)
			gen_hoa_del(g, d->hoa);
		d->hoa = 0;
		d->state = GD_GONE;
		if (g->w->devices_up)
			g->w->devices_up--;
		return;
	}
	if (was == GD_REG)
		gw_reg_done(g);
	if (was == GD_REG && !(d->flags & GDF_EVER)) {
		d->flags |= GDF_EVER;
		c->registered++;
		hist_add(&g->w->st.h[GEN_H_REG], now - d->sent_ns);
		d->reg_us = (uint32_t)((now - d->sent_ns) / 1000u);
	} else if (was == GD_RENEW) {
		c->renewed++;
	}
	if (was == GD_REG)
		g->w->devices_up++;
	if (d->hoa != m->hoa) {
		if (d->hoa)
			gen_hoa_del(g, d->hoa);
		d->hoa = m->hoa;
		gen_hoa_put(g, d->hoa, k);
	}
	d->gre_ha = gre ? gre->v.gre.key : 0;
	d->flags = (uint8_t)((d->flags & ~GDF_REV) | (g->p->revocation && rev ? GDF_REV : 0));
	d->rev_ts = rev ? rev->v.rev.ts : 0;
	d->lifetime = m->lifetime;
	d->state = GD_UP;
	/* renew at `renew` of the granted lifetime, counted from the request (RFC 5944 §3.6) */
	life = (uint64_t)((double)m->lifetime * g->p->renew * (double)NS);
	if (m->lifetime && m->lifetime != 0xffff && gw_running(g))
		gen_sig_arm(g, d, d->sent_ns + life);
}

static void rrp_input(struct gw *g, const uint8_t *buf, size_t len, const struct mip_msg *m)
{
	struct gen_counters *c = &g->w->st.c;
	struct gen_dev *d = dev_of_nai(g, m);

	if (!d || !ident_reply_matches(d->ident, m->ident) || !authentic(g, buf, len, m)) {
		c->bad++;
		return;
	}
	if (d->state != GD_REG && d->state != GD_RENEW && d->state != GD_MOVING &&
	    d->state != GD_DEREG)
		return; /* a late duplicate */
	c->codes[m->code]++;
	d->last_code = m->code;
	if (m->code <= 1) {
		accepted(g, d, m);
		return;
	}
	if (m->code == 133) { /* RFC 5944 §5.7.1: the HA's time, then at once again */
		g->wall_off_ns += ident_resync_offset_ns(&g->wall, m->ident);
		g->last_ident = 0;
		send_rrq(g, d, d->state == GD_DEREG ? 0 : g->p->lifetime);
		return;
	}
	give_up(g, d); /* denied: counted by code */
}

static void ack_input(struct gw *g, const uint8_t *buf, size_t len, const struct mip_msg *m)
{
	struct gen_counters *c = &g->w->st.c;
	uint32_t k = hoa_find(g, m->hoa);
	struct gen_dev *d = k == UINT32_MAX ? NULL : &g->dev[k];

	if (!d || d->state != GD_REVOKING || d->revid != m->revid || !authentic(g, buf, len, m)) {
		c->bad++;
		return;
	}
	timers_cancel(&g->tm, &d->t);
	c->revokes_acked++;
	hist_add(&g->w->st.h[GEN_H_REV_ACK], gw_mono_ns() - d->sent_ns);
	gen_hoa_del(g, d->hoa);
	d->hoa = 0;
	d->state = GD_DOWN;
	if (g->w->devices_up)
		g->w->devices_up--;
	if (gw_running(g))
		gen_sig_arm(g, d, gw_mono_ns() + GEN_REREG_MS * 1000000ull);
}

static void sig_rx(void *arg, const struct udp_ends *e, const uint8_t *buf, size_t len)
{
	struct gen_pma_end *pe = arg;
	struct gw *g = pe->g;
	struct mip_err err;

	if (e->src != g->ctx->ha || mip_decode(buf, len, &g->m, &err) < 0) {
		g->w->st.c.bad++;
		return;
	}
	if (g->m.type == MIP_RRP)
		rrp_input(g, buf, len, &g->m);
	else if (g->m.type == MIP_REVACK)
		ack_input(g, buf, len, &g->m);
	else
		g->w->st.c.bad++;
}

/* The HA's Revocation of a binding at this PMA (after a handover): acknowledged when
 * authentic (RFC 3543 §3.4, I = 0: a proxy cannot tell the device). */
static void rev_rx(void *arg, const struct udp_ends *e, const uint8_t *buf, size_t len)
{
	struct gen_pma_end *pe = arg;
	struct gw *g = pe->g;
	struct mip_msg *m = &g->m;
	struct udp_ends to = { pe->addr, e->src, MIP_PORT, e->sport };
	uint32_t hoa, revid;
	struct mip_err err;
	size_t n;

	if (mip_decode(buf, len, m, &err) < 0 || m->type != MIP_REV ||
	    !(m->rflags & MIP_REV_A) || !authentic(g, buf, len, m)) {
		g->w->st.c.bad++;
		return;
	}
	hoa = m->hoa;
	revid = m->revid;
	g->w->st.c.ha_revocations++;
	mip_msg_init(m, MIP_REVACK);
	m->hoa = hoa;
	m->revid = revid;
	mip_ext_add_auth(m, MIP_EXT_FAHA, &g->ctx->sa);
	if (mip_encode(m, g->buf, sizeof g->buf, &n, &err) == 0)
		io_send(&pe->rev_io, &to, g->buf, n);
}

int gen_sig_open(struct gw *g)
{
	char err[200];

	g->wall = (struct clk){ .now_ns = wall_now, .rand32 = wall_rand, .ctx = g };
	for (unsigned i = 0; i < g->p->n_pma; i++) {
		struct gen_pma_end *pe = &g->pma[i];

		pe->g = g;
		pe->idx = i;
		pe->addr = g->p->pma[i];
		pe->sig = udp_sock_open(g->l, pe->addr, 0, sig_rx, pe, err, sizeof err);
		if (!pe->sig) {
			snprintf(g->w->err, sizeof g->w->err, "PMA %s", err);
			return -1;
		}
		pe->sig_io = udp_sock_io(pe->sig);
		if (g->w->id == 0) {
			pe->rev = udp_sock_open(g->l, pe->addr, MIP_PORT, rev_rx, pe, err,
						sizeof err);
			if (!pe->rev) {
				snprintf(g->w->err, sizeof g->w->err,
					 "PMA %s (the HA's Revocations, RFC 3543 §3.3)", err);
				return -1;
			}
			pe->rev_io = udp_sock_io(pe->rev);
		}
	}
	return 0;
}
