/* gen_pma_data.c — the flows of the run against a PMA (issue #16), and what the
 * receivers count.
 *
 * Up: a device's frame on the access link (UDP to the correspondent node ctx->cn); the
 * PMA reverse-tunnels it to us (RFC 5563 §4.2.1) and the HA's forwarding checks it
 * against the binding (ha_fwd_from_mn: outer source, encapsulation, GRE key, RFC 6245
 * §5).  Down: the correspondent node's packet to the home address, encapsulated as the
 * HA forwards it (ha_fwd_to_mn: the binding's care-of address and FA-assigned key,
 * RFC 5944 §4.2.3) and sent on a raw socket; the PMA delivers it to the device's MAC.
 * Every packet carries the payload header (gen_payload.h).
 *
 * Schedules are per flow and direction over all the devices, not per device (no
 * per-device timers): constant and burst events are evenly spaced at pps x devices
 * (/ burst) and go to the devices in turn, so each device sends at pps evenly spaced;
 * poisson events have exponential gaps at pps x devices and go to a device drawn at
 * random, which splits one Poisson process into one per device at pps.  A device
 * without a lease at its turn does not send (counted held).
 *
 * Receivers (RFC 3550 §6.4.1 for jitter): a sequence above the next expected counts the
 * gap as lost; one below fills a gap (reordered, and one lost less) or is a repeat
 * (duplicated) when the 64-packet window saw it; older than the window it counts as
 * reordered.  At the end what a device sent after its last packet received is lost too,
 * so lost = sent - received exactly.  One-way latency: arrival - send time, both on
 * CLOCK_MONOTONIC; jitter |D| = |transit - previous transit| of the device's direction.
 */
#include <string.h>

#include "eth.h"
#include "gen_payload.h"
#include "gen_pma.h"
#include "io_rawip.h"

#define IP_UDP 17
#define UDP_HLEN 8
#define HDRS (TUN_IP4_LEN + UDP_HLEN)
#define TUN_ROOM 32 /* the largest tunnel header ha_fwd adds: IPv4 + GRE with key */

static bool active(const struct gp_run *r, unsigned f, int dir)
{
	const struct gen_flow *fl = &r->p->flow[f];
	uint64_t stop = fl->stop_s > 0 ? gp_rel(r, fl->stop_s) : r->ctx->end_ns;

	return fl->dir[dir] && fl->pps > 0 && r->n_dev &&
	       r->sched[f][dir].next_ns < (stop < r->ctx->end_ns ? stop : r->ctx->end_ns);
}

/* -ln(u) for u in (0, 1], without libm: u = m 2^-e with m in [1/2, 1), and
 * ln m = 2 atanh((m - 1) / (m + 1)), whose series converges fast for |z| <= 1/3. */
static double neg_ln(double u)
{
	double z, z2, term, sum = 0;
	int e = 0;

	while (u < 0.5) {
		u *= 2;
		e++;
	}
	z = (u - 1) / (u + 1);
	z2 = z * z;
	term = z;
	for (int k = 1; k < 40; k += 2) {
		sum += term / k;
		term *= z2;
	}
	return e * 0.69314718055994530942 - 2 * sum;
}

/* An exponential draw of mean 1 (xorshift64 for the uniform). */
static double draw_exp(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return neg_ln(((*s >> 11) + 1) * (1.0 / 9007199254740992.0)); /* (0, 1] */
}

void gp_flows_init(struct gp_run *r)
{
	for (unsigned f = 0; f < r->p->n_flow; f++)
		for (int dir = 0; dir < GEN_NDIR; dir++) {
			const struct gen_flow *fl = &r->p->flow[f];
			struct gp_sched *s = &r->sched[f][dir];
			double total = fl->pps * r->n_dev;
			double per = fl->pattern == GEN_PAT_BURST && fl->burst ? fl->burst : 1;

			s->gap_ns = total > 0 ? (uint64_t)(1e9 * per / total) : UINT64_MAX;
			s->next_ns = gp_rel(r, fl->start_s);
			s->rng = ((uint64_t)r->ctx->dev_lo + 1) * 0x9e3779b97f4a7c15ull ^
				 (2u * f + (unsigned)dir + 1);
		}
}

uint64_t gp_flows_due(const struct gp_run *r)
{
	uint64_t due = UINT64_MAX;

	for (unsigned f = 0; f < r->p->n_flow; f++)
		for (int dir = 0; dir < GEN_NDIR; dir++)
			if (active(r, f, dir) && r->sched[f][dir].next_ns < due)
				due = r->sched[f][dir].next_ns;
	return due;
}

/* The inner IPv4/UDP packet of flow f toward dir, sequence seq: its length. */
static size_t inner_build(struct gp_run *r, unsigned f, int dir, const struct gp_dev *d,
			  uint64_t now, uint8_t *out, size_t cap)
{
	const struct gen_flow *fl = &r->p->flow[f];
	size_t size = fl->size < HDRS + GEN_PL_LEN ? HDRS + GEN_PL_LEN : fl->size;
	bool up = dir == GEN_UP;
	struct gen_payload pl = { gp_dev_number(r, d), up ? 0 : GEN_PL_DOWN, d->tx[dir], now };
	struct tun_ip4 ip = { .tot_len = 0, .id = (uint16_t)d->tx[dir], .ttl = 64,
			      .proto = IP_UDP, .src = up ? d->hoa : r->ctx->cn,
			      .dst = up ? r->ctx->cn : d->hoa };
	uint16_t dev_port = (uint16_t)(GP_DEV_PORT + f), cs;
	struct wr w;

	if (size > cap)
		size = cap;
	ip.tot_len = (uint16_t)size;
	memset(out + HDRS, 0, size - HDRS);
	w = wr_init(out, size);
	tun_ip4_write(&w, &ip);
	wr_u16(&w, up ? dev_port : fl->port);
	wr_u16(&w, up ? fl->port : dev_port);
	wr_u16(&w, (uint16_t)(size - TUN_IP4_LEN));
	wr_u16(&w, 0);
	gen_payload_encode(&pl, out + HDRS, size - HDRS);
	cs = tun_l4_csum(ip.src, ip.dst, IP_UDP, out + TUN_IP4_LEN, size - TUN_IP4_LEN);
	wr_patch_u16(&w, TUN_IP4_LEN + 6, cs ? cs : 0xffff);
	return size;
}

static void send_up(struct gp_run *r, unsigned f, const struct gp_dev *d, uint64_t now)
{
	uint8_t mac[6];
	struct wr w = wr_init(r->frame, ETH_HLEN);
	size_t n = inner_build(r, f, GEN_UP, d, now, r->frame + ETH_HLEN,
			       sizeof r->frame - ETH_HLEN);

	gp_dev_mac(r, d, mac);
	eth_write_hdr(&w, r->gw_mac, mac, ETH_P_IP);
	pkt_port_send(&r->acc_port, r->frame, ETH_HLEN + n);
}

static void send_down(struct gp_run *r, unsigned f, const struct gp_dev *d, uint64_t now)
{
	uint8_t inner[GP_FRAME_MAX - TUN_ROOM];
	size_t n = inner_build(r, f, GEN_DOWN, d, now, inner, sizeof inner);
	struct ha_fwd_out o = { r->frame, sizeof r->frame, 0, 0, 0 };
	struct pkt_port port;

	if (ha_fwd_to_mn(&r->fw, inner, n, 0, &o, NULL) != FWD_OK)
		return; /* no binding: the packet is lost, and counted so at the end */
	port = rawip_sock_port(r->raw[r->frame[9] == TUN_GRE]);
	pkt_port_send(&port, r->frame, o.len);
}

static void send_one(struct gp_run *r, unsigned f, int dir, struct gp_dev *d, uint64_t now)
{
	if (!gp_dev_has_lease(d)) {
		r->st->c.held[dir]++;
		return;
	}
	if (dir == GEN_UP)
		send_up(r, f, d, now);
	else
		send_down(r, f, d, now);
	d->tx[dir]++;
	r->st->c.sent[dir]++;
}

/* At most so many events per flow and call: the loop receives in between. */
#define BUDGET 512

void gp_flows_run(struct gp_run *r, uint64_t now)
{
	for (unsigned f = 0; f < r->p->n_flow; f++)
		for (int dir = 0; dir < GEN_NDIR; dir++) {
			const struct gen_flow *fl = &r->p->flow[f];
			struct gp_sched *s = &r->sched[f][dir];
			bool poisson = fl->pattern == GEN_PAT_POISSON;
			unsigned per = fl->pattern == GEN_PAT_BURST && fl->burst ? fl->burst : 1;

			for (int n = 0; n < BUDGET && active(r, f, dir) && s->next_ns <= now; n++) {
				uint32_t k = poisson ? (uint32_t)(s->rng % r->n_dev)
						     : s->cursor++ % r->n_dev;

				for (unsigned b = 0; b < per; b++)
					send_one(r, f, dir, &r->dev[k], now);
				s->next_ns += poisson ? (uint64_t)(draw_exp(&s->rng) * s->gap_ns)
						      : s->gap_ns;
			}
		}
}

/* ---- receivers ---- */

void gp_rx_seq(struct gen_counters *c, struct gp_rx *rx, int dir, uint32_t s)
{
	if (s >= rx->next) {
		uint32_t shift = s - rx->next + 1;

		c->lost[dir] += s - rx->next;
		rx->win = shift >= 64 ? 1 : rx->win << shift | 1;
		rx->next = s + 1;
	} else {
		uint32_t age = rx->next - 1 - s;

		if (age < 64 && rx->win & 1ull << age) {
			c->duplicated[dir]++;
			return;
		}
		if (age < 64)
			rx->win |= 1ull << age;
		c->reordered[dir]++;
		if (c->lost[dir])
			c->lost[dir]--;
	}
	rx->got++;
	c->received[dir]++;
}

static void count(struct gp_run *r, struct gp_dev *d, int dir, const struct gen_payload *pl,
		  uint64_t now)
{
	struct gp_rx *rx = &d->rx[dir];
	uint64_t lat = now > pl->ts_ns ? now - pl->ts_ns : 0;
	int64_t transit = (int64_t)lat;

	gp_rx_seq(&r->st->c, rx, dir, (uint32_t)pl->seq);
	hist_add(&r->st->h[GEN_H_LAT_UP + dir], lat);
	hist_add(&r->w->ival[dir], lat);
	if (rx->transit != INT64_MIN)
		hist_add(&r->st->h[GEN_H_JIT_UP + dir],
			 (uint64_t)(transit > rx->transit ? transit - rx->transit
							  : rx->transit - transit));
	rx->transit = transit;
}

/* An inner IPv4 packet that arrived toward dir: ours, for a device of the slice, with
 * the addresses of that device's flow.  false when not. */
static bool account(struct gp_run *r, const uint8_t *ip, size_t len, int dir)
{
	struct gen_payload pl;
	struct tun_ip4 h;
	struct gp_dev *d;
	uint32_t idx;

	if (tun_ip4_parse(ip, len, &h, NULL) < 0 || h.proto != IP_UDP ||
	    h.tot_len < h.hlen + UDP_HLEN ||
	    gen_payload_decode(ip + h.hlen + UDP_HLEN, h.tot_len - h.hlen - UDP_HLEN, &pl) < 0 ||
	    (pl.flags & GEN_PL_DOWN) != (dir == GEN_DOWN ? GEN_PL_DOWN : 0))
		return false;
	idx = pl.device - r->p->first;
	if (pl.device < r->p->first || idx < r->ctx->dev_lo || idx >= r->ctx->dev_hi)
		return false;
	d = &r->dev[idx - r->ctx->dev_lo];
	if (dir == GEN_UP ? h.src != d->hoa || h.dst != r->ctx->cn : h.dst != d->hoa)
		return false;
	count(r, d, dir, &pl, gp_now());
	return true;
}

void gp_rx_up(void *arg, const uint8_t *buf, size_t len)
{
	struct gp_run *r = arg;
	struct tun_pkt t;

	if (ha_fwd_from_mn(&r->fw, buf, len, &t, NULL) != FWD_OK ||
	    !account(r, t.inner_pkt, t.inner_len, GEN_UP))
		r->st->c.bad++;
}

bool gp_rx_down(struct gp_run *r, const uint8_t *frame, size_t len)
{
	struct eth_frame f;

	return eth_parse(frame, len, &f, NULL) == 0 && f.type == ETH_P_IP &&
	       account(r, f.payload, f.payload_len, GEN_DOWN);
}

void gp_rx_tail_one(struct gen_counters *c, const struct gp_rx *rx, int dir, uint32_t sent)
{
	if (sent > rx->next)
		c->lost[dir] += sent - rx->next;
}

void gp_rx_tail(struct gp_run *r)
{
	for (uint32_t k = 0; r->dev && k < r->n_dev; k++)
		for (int dir = 0; dir < GEN_NDIR; dir++)
			gp_rx_tail_one(&r->st->c, &r->dev[k].rx[dir], dir, r->dev[k].tx[dir]);
}
