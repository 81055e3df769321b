/* gen_data.c — the generator's data (gen_ha.h): per-device flows through the tunnels,
 * both ways, and the accounting of what arrives.
 *
 *   up    the device's packet (HoA -> CN, UDP) wrapped by its PMA in IP-in-IP (RFC 2003)
 *         or GRE with the key the HA assigned (RFC 6245 §5) to the HA, which delivers it
 *         to the home link, where the generator plays the correspondent node (an
 *         AF_PACKET socket: ARP answered for the CN, RFC 826);
 *   down  the CN's packet (CN -> HoA) in an Ethernet frame to the HA's home address
 *         (PIXIT home.gw), which tunnels it to the device's PMA with the PMA's key.
 *
 * Every packet carries gen_payload.h's header.  A flow's packets over the worker's
 * devices form one schedule (a pacer): constant (evenly spaced), poisson (exponential
 * gaps) or bursts, the devices taken in turn, so that each device sends exactly
 * round(pps x active time) packets per flow and direction whatever the sharding.
 *
 * Exact accounting, per direction: a packet sent while its device is between two PMAs
 * (a handover not yet answered) or has no binding (revoked) is tagged in-handover; one
 * that reaches a PMA the device has left is dropped there, as the old PMA would.  At the
 * end, with `sent` and `received` counted exactly:
 *   lost_in_handover = sent tagged - received tagged + untagged dropped at an old PMA
 *   lost             = sent untagged - received untagged - untagged dropped at an old PMA
 * A packet not sent because its device had no binding is counted as held.
 */
#include <math.h>
#include <string.h>

#include "arp.h"
#include "eth.h"
#include "gen_ha.h"
#include "gen_payload.h"
#include "tun.h"

#define NS          1000000000.0
#define PACER_BATCH 512  /* events per pacer firing at most, so sockets are served */
#define UDP_HLEN    8

/* ---- receiving ---- */

static bool dev_attached(const struct gen_dev *d)
{
	return d->state == GD_UP || d->state == GD_RENEW || d->state == GD_MOVING ||
	       d->state == GD_DEREG;
}

static bool dev_in_gap(const struct gen_dev *d)
{
	return d->move_ns || d->state == GD_MOVING || d->state == GD_REVOKING ||
	       d->state == GD_DOWN;
}

/* Sequence window: order, duplicates, and the running estimate of loss for the series. */
static bool rx_seq(struct gw *g, struct gen_rx *rx, enum gen_dir dir, uint32_t seq)
{
	struct gen_counters *c = &g->w->st.c;
	uint32_t back;

	if (seq >= rx->next) {
		uint32_t shift = seq - rx->next + 1;

		g->lost_est[dir] += shift - 1;
		rx->win = shift >= 32 ? 1u : rx->win << shift | 1u;
		rx->next = seq + 1;
		return true;
	}
	back = rx->next - 1 - seq;
	if (back < 32 && rx->win & (1u << back)) {
		c->duplicated[dir]++;
		return false;
	}
	if (back < 32)
		rx->win |= 1u << back;
	c->reordered[dir]++;
	if (g->lost_est[dir])
		g->lost_est[dir]--;
	return true;
}

static void gap_end(struct gw *g, struct gen_dev *d, uint64_t now)
{
	hist_add(&g->w->st.h[GEN_H_HO_GAP], now - d->move_ns);
	g->w->st.c.handovers_done++;
	d->move_ns = 0;
}

/* A packet of ours for device k, direction dir, arrived; `stale`: at a PMA it left. */
static void arrive(struct gw *g, uint32_t k, enum gen_dir dir, const struct gen_payload *pl,
		   bool stale)
{
	struct gen_dev *d = &g->dev[k];
	struct gen_rx *rx = &d->rx[dir];
	struct gen_acct *a = &g->acct[dir];
	bool ho = pl->flags & GEN_PL_HANDOVER;
	uint64_t now = gw_mono_ns();
	int64_t transit;

	if (stale) {
		if (ho)
			a->stale_ho++;
		else
			a->stale_plain++;
		return;
	}
	if (!rx_seq(g, rx, dir, (uint32_t)pl->seq))
		return;
	g->w->st.c.received[dir]++;
	d->recv[dir]++;
	if (ho)
		a->recv_ho++;
	else
		a->recv_plain++;
	transit = (int64_t)(now - pl->ts_ns);
	if (transit >= 0) {
		hist_add(&g->w->st.h[dir == GEN_UP ? GEN_H_LAT_UP : GEN_H_LAT_DOWN],
			 (uint64_t)transit);
		hist_add(&g->w->ival[dir], (uint64_t)transit);
	}
	if (rx->transit != INT64_MIN) { /* RFC 3550 §6.4.1: D(i-1, i) */
		int64_t dd = transit - rx->transit;

		hist_add(&g->w->st.h[dir == GEN_UP ? GEN_H_JIT_UP : GEN_H_JIT_DOWN],
			 (uint64_t)(dd < 0 ? -dd : dd));
	}
	rx->transit = transit;
	/* the first packet on the new path after a handover closes its gap */
	if (d->move_ns && pl->ts_ns > d->move_ns)
		gap_end(g, d, now);
}

/* The payload header of a UDP packet inside an IPv4 packet; false if not ours. */
static bool payload_of(const uint8_t *ip, size_t len, struct gen_payload *pl, uint32_t *src,
		       uint32_t *dst)
{
	struct tun_ip4 h;
	struct mip_err e;

	if (tun_ip4_parse(ip, len, &h, &e) < 0 || h.proto != 17 ||
	    h.tot_len < h.hlen + UDP_HLEN + GEN_PL_LEN)
		return false;
	*src = h.src;
	*dst = h.dst;
	return gen_payload_decode(ip + h.hlen + UDP_HLEN, h.tot_len - h.hlen - UDP_HLEN, pl) ==
	       0;
}

void gen_data_tun_rx(struct gw *g, unsigned pma, const uint8_t *buf, size_t len)
{
	struct gen_payload pl;
	struct tun_pkt t;
	struct mip_err e;
	uint32_t src, dst, k;
	struct gen_dev *d;

	if (tun_decap(buf, len, &t, &e) < 0 || t.outer.src != g->ctx->ha ||
	    !payload_of(t.inner_pkt, t.inner_len, &pl, &src, &dst)) {
		g->w->st.c.bad++;
		return;
	}
	k = gw_local(g, pl.device);
	if (k == UINT32_MAX)
		return; /* another worker's device (every worker's socket sees every packet) */
	d = &g->dev[k];
	if (!(pl.flags & GEN_PL_DOWN) || src != g->ctx->cn ||
	    (t.kind == TUN_GRE && (!t.gre.has_key || t.gre.key != pl.device)) ||
	    (g->p->encap == GEN_ENCAP_GRE) != (t.kind == TUN_GRE)) {
		g->w->st.c.bad++;
		return;
	}
	if (pma != d->pma || !d->hoa || dst != d->hoa) {
		arrive(g, k, GEN_DOWN, &pl, true); /* the device is not there (any more) */
		return;
	}
	arrive(g, k, GEN_DOWN, &pl, false);
}

static void tun_rx(void *arg, const uint8_t *buf, size_t len)
{
	struct gen_pma_end *pe = arg;

	gen_data_tun_rx(pe->g, pe->idx, buf, len);
}

/* ---- the home link ---- */

static void ask_arp(struct gw *g, uint32_t ip)
{
	uint8_t out[ETH_ZLEN];
	struct mip_err e;
	size_t n;

	if (arp_request(g->home_mac, g->ctx->cn, ip, out, sizeof out, &n, &e) == 0)
		(void)pkt_port_send(&g->home_tx, out, n);
}

static void home_arp(struct gw *g, const struct eth_frame *f)
{
	struct arp_pkt a;
	struct mip_err e;
	uint8_t out[ETH_ZLEN];
	size_t n;

	if (arp_parse(f->payload, f->payload_len, &a, &e) < 0)
		return;
	if (a.spa == g->gw_ip) {
		memcpy(g->gw_mac, a.sha, ETH_ALEN);
		g->gw_known = true;
	}
	/* worker 0 answers for the CN (RFC 826 "Packet Reception") */
	if (g->w->id == 0 && a.op == ARP_REQUEST && a.tpa == g->ctx->cn &&
	    arp_reply(&a, g->home_mac, out, sizeof out, &n, &e) == 0)
		(void)pkt_port_send(&g->home_tx, out, n);
}

static void home_rx(void *arg, const uint8_t *buf, size_t len)
{
	struct gw *g = arg;
	struct gen_payload pl;
	struct eth_frame f;
	struct mip_err e;
	uint32_t src, dst, k;

	if (eth_parse(buf, len, &f, &e) < 0)
		return;
	if (f.type == ETH_P_ARP) {
		home_arp(g, &f);
		return;
	}
	if (f.type != ETH_P_IP || memcmp(f.dst, g->home_mac, ETH_ALEN) ||
	    !payload_of(f.payload, f.payload_len, &pl, &src, &dst) || dst != g->ctx->cn)
		return;
	k = gw_local(g, pl.device);
	if (k == UINT32_MAX)
		return;
	if ((pl.flags & GEN_PL_DOWN) || src != g->dev[k].hoa) {
		g->w->st.c.bad++;
		return;
	}
	arrive(g, k, GEN_UP, &pl, false);
}

/* ---- sending ---- */

/* The inner packet of device d in direction dir: IPv4 + UDP + payload, `size` bytes. */
static size_t inner_build(struct gw *g, struct gen_dev *d, uint32_t number, enum gen_dir dir,
			  const struct gen_flow *fl, uint8_t *out, size_t cap)
{
	struct tun_ip4 h = { .tos = 0, .tot_len = fl->size, .frag = TUN_IP4_DF, .ttl = 64,
			     .proto = 17 };
	struct gen_payload pl = { .device = number, .seq = d->tx_seq[dir]++ };
	struct wr w = wr_init(out, cap);
	size_t udp_len = fl->size - TUN_IP4_LEN;

	h.src = dir == GEN_UP ? d->hoa : g->ctx->cn;
	h.dst = dir == GEN_UP ? g->ctx->cn : d->hoa;
	h.id = (uint16_t)pl.seq;
	tun_ip4_write(&w, &h);
	wr_u16(&w, fl->port);
	wr_u16(&w, fl->port);
	wr_u16(&w, (uint16_t)udp_len);
	wr_u16(&w, 0); /* no UDP checksum (RFC 768: allowed over IPv4) */
	pl.flags = (uint8_t)((dir == GEN_DOWN ? GEN_PL_DOWN : 0) |
			     (dev_in_gap(d) ? GEN_PL_HANDOVER : 0));
	pl.ts_ns = gw_mono_ns();
	if (w.overflow || w.pos + GEN_PL_LEN > cap)
		return 0;
	gen_payload_encode(&pl, out + w.pos, cap - w.pos);
	memset(out + w.pos + GEN_PL_LEN, 0, fl->size - w.pos - GEN_PL_LEN);
	if (pl.flags & GEN_PL_HANDOVER)
		g->acct[dir].sent_ho++;
	return fl->size;
}

static void send_up(struct gw *g, uint32_t k, const struct gen_flow *fl)
{
	struct gen_dev *d = &g->dev[k];
	struct gen_pma_end *pe = &g->pma[d->pma];
	struct tun_params tp = { .kind = g->p->encap == GEN_ENCAP_GRE ? TUN_GRE : TUN_IPIP,
				 .src = pe->addr, .dst = g->ctx->ha };
	uint8_t inner[1500], out[1600];
	struct mip_err e;
	size_t n, len;

	if (!dev_attached(d) || d->state == GD_MOVING || !d->hoa) {
		g->w->st.c.held[GEN_UP]++;
		return;
	}
	if (tp.kind == TUN_GRE) {
		tp.has_key = true;
		tp.key = d->gre_ha;
	}
	n = inner_build(g, d, g->p->first + gw_global(g, k), GEN_UP, fl, inner, sizeof inner);
	if (!n || tun_encap(&tp, inner, n, out, sizeof out, &len, &e) < 0 ||
	    pkt_port_send(&pe->tun, out, len) < 0) {
		g->w->st.c.held[GEN_UP]++;
		return;
	}
	g->w->st.c.sent[GEN_UP]++;
}

static void send_down(struct gw *g, uint32_t k, const struct gen_flow *fl)
{
	struct gen_dev *d = &g->dev[k];
	uint8_t frame[1600];
	size_t n;

	if (!d->hoa || !g->gw_known) {
		g->w->st.c.held[GEN_DOWN]++;
		return;
	}
	memcpy(frame, g->gw_mac, ETH_ALEN);
	memcpy(frame + ETH_ALEN, g->home_mac, ETH_ALEN);
	frame[12] = ETH_P_IP >> 8;
	frame[13] = ETH_P_IP & 0xff;
	n = inner_build(g, d, g->p->first + gw_global(g, k), GEN_DOWN, fl, frame + ETH_HLEN,
			sizeof frame - ETH_HLEN);
	if (!n || pkt_port_send(&g->home_tx, frame, ETH_HLEN + n) < 0) {
		g->w->st.c.held[GEN_DOWN]++;
		return;
	}
	g->w->st.c.sent[GEN_DOWN]++;
}

/* xorshift32 in (0, 1] for the exponential gaps */
static double unit_rand(uint32_t *s)
{
	uint32_t x = *s;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*s = x;
	return ((double)x + 1.0) / 4294967296.0;
}

static void pacer_fire(struct timer *t, void *arg)
{
	struct gen_pacer *pc = container_of(t, struct gen_pacer, t);
	struct gw *g = arg;
	const struct gen_flow *fl = &g->p->flow[pc->flow];
	uint64_t now = gw_mono_ns();
	unsigned batch = 0;

	while (pc->k < pc->total && pc->start_ns + (uint64_t)pc->at_ns <= now &&
	       batch < PACER_BATCH) {
		uint32_t k = (uint32_t)(pc->k % g->n_dev);
		unsigned burst = fl->pattern == GEN_PAT_BURST ? fl->burst : 1;

		for (unsigned b = 0; b < burst; b++, batch++) {
			if (pc->dir == GEN_UP)
				send_up(g, k, fl);
			else
				send_down(g, k, fl);
		}
		pc->k++;
		pc->at_ns += fl->pattern == GEN_PAT_POISSON ? -log(unit_rand(&pc->rng)) * pc->gap_ns
							    : pc->gap_ns;
	}
	if (pc->k < pc->total)
		timers_arm(&g->tm, &pc->t,
			   batch >= PACER_BATCH ? now : pc->start_ns + (uint64_t)pc->at_ns);
}

/* One pacer per flow and direction: each device sends round(pps x active) packets. */
void gen_data_start(struct gw *g, uint64_t t0_ns)
{
	const struct gen_prof *p = g->p;

	g->n_pacer = 0;
	if (!g->home || !g->n_dev)
		return;
	for (unsigned f = 0; f < p->n_flow; f++) {
		const struct gen_flow *fl = &p->flow[f];
		double stop = fl->stop_s > 0 && fl->stop_s < p->duration_s ? fl->stop_s
									  : p->duration_s;
		double active = stop - fl->start_s;
		unsigned burst = fl->pattern == GEN_PAT_BURST && fl->burst ? fl->burst : 1;
		uint64_t per_dev = active > 0 ? (uint64_t)llround(fl->pps * active) : 0;

		per_dev = per_dev / burst; /* events per device */
		for (int dir = 0; dir < GEN_NDIR; dir++) {
			struct gen_pacer *pc;

			if (!fl->dir[dir] || !per_dev)
				continue;
			pc = &g->pacer[g->n_pacer++];
			memset(pc, 0, sizeof *pc);
			timer_init(&pc->t, pacer_fire);
			pc->flow = f;
			pc->dir = (enum gen_dir)dir;
			pc->total = per_dev * g->n_dev;
			pc->start_ns = t0_ns + (uint64_t)(fl->start_s * NS);
			pc->gap_ns = active * NS / (double)pc->total;
			pc->at_ns = pc->gap_ns * (dir ? 0.5 : 0.25); /* the two ways interleaved */
			pc->rng = 0x9e3779b9u ^ (g->w->id * 7919u + f * 131u + (unsigned)dir);
			timers_arm(&g->tm, &pc->t, pc->start_ns + (uint64_t)pc->at_ns);
		}
	}
}

void gen_data_stop(struct gw *g)
{
	for (unsigned i = 0; i < g->n_pacer; i++)
		timers_cancel(&g->tm, &g->pacer[i].t);
}

void gen_data_finish(struct gw *g)
{
	struct gen_counters *c = &g->w->st.c;

	for (int dir = 0; dir < GEN_NDIR; dir++) {
		const struct gen_acct *a = &g->acct[dir];
		uint64_t plain = c->sent[dir] - a->sent_ho;
		uint64_t ho_lost = a->sent_ho - a->recv_ho + a->stale_plain;
		uint64_t gone = a->recv_plain + a->stale_plain;

		c->lost_ho[dir] = a->sent_ho >= a->recv_ho ? ho_lost : a->stale_plain;
		c->lost[dir] = plain >= gone ? plain - gone : 0;
	}
}

int gen_data_open(struct gw *g)
{
	uint8_t proto = g->p->encap == GEN_ENCAP_GRE ? TUN_GRE : TUN_IPIP;
	char err[200];

	if (!g->ctx->home_if[0] || !g->p->n_flow)
		return 0;
	for (unsigned i = 0; i < g->p->n_pma; i++) {
		struct gen_pma_end *pe = &g->pma[i];

		pe->raw = rawip_sock_open(g->l, proto, pe->addr, tun_rx, pe, err, sizeof err);
		if (!pe->raw) {
			snprintf(g->w->err, sizeof g->w->err, "the tunnel end at PMA %s", err);
			return -1;
		}
		pe->tun = rawip_sock_port(pe->raw);
	}
	g->home = pkt_sock_open(g->l, g->ctx->home_if, home_rx, g, err, sizeof err);
	if (!g->home) {
		snprintf(g->w->err, sizeof g->w->err, "home-if %s", err);
		return -1;
	}
	g->home_tx = pkt_sock_port(g->home);
	memcpy(g->home_mac, pkt_sock_mac(g->home), ETH_ALEN);
	g->gw_ip = g->ctx->home_gw;
	if (g->gw_ip)
		ask_arp(g, g->gw_ip);
	return 0;
}

/* Ask for the home gateway's MAC again until it answers (every 200 ms). */
void gen_data_arp_tick(struct gw *g)
{
	uint64_t now = gw_mono_ns();

	if (g->home && !g->gw_known && g->gw_ip && now >= g->arp_at) {
		ask_arp(g, g->gw_ip);
		g->arp_at = now + 200000000ull;
	}
}
