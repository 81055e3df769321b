/* gen_pma_dev.c — the generator's mobile devices on a PMA's access link (issue #16):
 * each a DHCP client (RFC 2131 §4.4, Figure 5) with its own MAC (the profile's mac +
 * its index), run by one state machine (gp_dev_fsm), answering ARP for its home address
 * (RFC 826; RFC 5563 §6.1 lets the PMA resolve it), started by the registration ramp and
 * released at the end (RFC 2131 §4.4.6; RFC 5563 §6.3: the PMA then deregisters).
 *
 * Decisions: a request unanswered for reply-ms is retransmitted with the interval
 * doubled (RFC 2131 §4.1 leaves the values open), GP_TRIES times, then the device starts
 * over from DHCPDISCOVER (counted reg_timeout); a lease is renewed at T1 (option 58, else
 * half the lease, §4.4.5) by unicast to the server; a NAK or a failed renewal starts over;
 * a revoked device starts over at once once the PMA acknowledged (the device cannot tell,
 * RFC 5563 §7: as though its link had bounced).  Registration latency (GEN_H_REG) is what
 * the device sees: its first DHCPDISCOVER of an attempt -> the DHCPACK.
 */
#include <stdlib.h>
#include <string.h>

#include "arp.h"
#include "dhcp_client.h"
#include "gen_pma.h"

#define NS 1000000000ull
#define MS 1000000ull

/* ---- devices, MACs, home addresses ---- */

static void dev_timer(struct timer *t, void *arg)
{
	gp_dev_fsm(arg, container_of(t, struct gp_dev, t), GP_E_TIMER, NULL);
}

int gp_devs_init(struct gp_run *r)
{
	r->n_dev = r->ctx->dev_hi - r->ctx->dev_lo;
	r->dev = calloc(r->n_dev ? r->n_dev : 1, sizeof *r->dev);
	if (!r->dev)
		return -1;
	for (uint32_t k = 0; k < r->n_dev; k++) {
		timer_init(&r->dev[k].t, dev_timer);
		r->dev[k].xid = (r->ctx->dev_lo + k) * 0x9e3779b1u;
		for (int dir = 0; dir < GEN_NDIR; dir++)
			r->dev[k].rx[dir].transit = INT64_MIN;
	}
	return 0;
}

void gp_devs_free(struct gp_run *r)
{
	free(r->dev);
	free(r->hoa_map);
	r->dev = NULL;
	r->hoa_map = NULL;
}

static uint64_t mac_u48(const uint8_t m[6])
{
	uint64_t v = 0;

	for (int i = 0; i < 6; i++)
		v = v << 8 | m[i];
	return v;
}

void gp_dev_mac(const struct gp_run *r, const struct gp_dev *d, uint8_t mac[6])
{
	uint64_t v = mac_u48(r->p->mac_base) + r->ctx->dev_lo + (uint64_t)(d - r->dev);

	for (int i = 5; i >= 0; i--, v >>= 8)
		mac[i] = (uint8_t)v;
}

static struct gp_dev *dev_by_mac(const struct gp_run *r, const uint8_t mac[6])
{
	uint64_t v = mac_u48(mac), base = mac_u48(r->p->mac_base) + r->ctx->dev_lo;

	return v >= base && v - base < r->n_dev ? &r->dev[v - base] : NULL;
}

uint32_t gp_dev_number(const struct gp_run *r, const struct gp_dev *d)
{
	return r->p->first + r->ctx->dev_lo + (uint32_t)(d - r->dev);
}

bool gp_dev_has_lease(const struct gp_dev *d)
{
	return d->st == GP_S_BOUND || d->st == GP_S_RENEWING;
}

/* The map holds the pool's addresses only: the HA hands out no others. */
static uint32_t *map_slot(const struct gp_run *r, uint32_t hoa)
{
	if (!r->hoa_map || hoa < GP_POOL_BASE || hoa - GP_POOL_BASE >= r->pool_size)
		return NULL;
	return &r->hoa_map[hoa - GP_POOL_BASE];
}

struct gp_dev *gp_dev_by_hoa(const struct gp_run *r, uint32_t hoa)
{
	uint32_t *s = map_slot(r, hoa);

	return s && *s ? &r->dev[*s - 1] : NULL;
}

static void map_set(struct gp_run *r, struct gp_dev *d, bool on)
{
	uint32_t *s;

	if (!r->hoa_map && on && r->pool_size)
		r->hoa_map = calloc(r->pool_size, sizeof *r->hoa_map);
	s = map_slot(r, d->hoa);
	if (s && (on || *s == (uint32_t)(d - r->dev) + 1))
		*s = on ? (uint32_t)(d - r->dev) + 1 : 0;
}

/* ---- DHCP messages ---- */

static void send_dhcp(struct gp_run *r, struct gp_dev *d, uint8_t type)
{
	struct dhcp_client_req q = { .type = type, .xid = d->xid };
	size_t n;

	gp_dev_mac(r, d, q.mac);
	if (type == DHCP_REQUEST && d->st == GP_S_SELECTING) { /* §4.3.2 SELECTING */
		q.requested = d->hoa;
		q.server_id = r->server_id;
	} else if (type != DHCP_DISCOVER) { /* RENEWING (§4.4.5), RELEASE (§4.4.6) */
		q.ciaddr = d->hoa;
		q.ip_dst = r->server_id;
		q.dst_mac = r->gw_mac;
		q.server_id = type == DHCP_RELEASE ? r->server_id : 0;
	}
	if (dhcp_client_frame_build(&q, r->frame, sizeof r->frame, &n, NULL) == 0)
		pkt_port_send(&r->acc_port, r->frame, n);
}

static void arm(struct gp_run *r, struct gp_dev *d, uint64_t at)
{
	timers_arm(&r->timers, &d->t, at);
}

static uint64_t rto(const struct gp_run *r, const struct gp_dev *d)
{
	uint64_t ms = r->p->reply_ms ? r->p->reply_ms : 1000;

	return ms * MS << (d->tries > 4 ? 3 : d->tries - 1);
}

static void lease_gone(struct gp_run *r, struct gp_dev *d)
{
	if (d->up) {
		d->up = false;
		r->w->devices_up--;
	}
	map_set(r, d, false);
}

/* §4.4.1: a new DISCOVER; `fresh` starts an attempt (and its latency). */
static void discover(struct gp_run *r, struct gp_dev *d, uint64_t now, bool fresh)
{
	lease_gone(r, d);
	d->xid++;
	d->tries = 1;
	if (fresh) {
		d->t_disc = now;
		r->st->c.reg_sent++;
	} else {
		r->st->c.reg_retx++;
	}
	d->st = GP_S_SELECTING;
	send_dhcp(r, d, DHCP_DISCOVER);
	arm(r, d, now + rto(r, d));
}

static void retransmit(struct gp_run *r, struct gp_dev *d, uint64_t now, uint8_t type)
{
	if (d->tries >= GP_TRIES) {
		r->st->c.reg_timeout++;
		discover(r, d, now, d->st == GP_S_RENEWING);
		return;
	}
	d->tries++;
	r->st->c.reg_retx++;
	send_dhcp(r, d, type);
	arm(r, d, now + rto(r, d));
}

/* The DHCPACK: a lease, flows on, the renewal at T1 (§4.4.5). */
static void bound(struct gp_run *r, struct gp_dev *d, const struct dhcp_server_msg *m,
		  uint64_t now)
{
	uint32_t t1 = m->t1 ? m->t1 : m->lease / 2;

	if (d->st == GP_S_REQUESTING) {
		hist_add(&r->st->h[GEN_H_REG], now - d->t_disc);
		if (!d->ever)
			r->st->c.registered++;
		d->ever = true;
	} else {
		r->st->c.renewed++;
	}
	d->hoa = m->yiaddr;
	map_set(r, d, true);
	if (!d->up) {
		d->up = true;
		r->w->devices_up++;
	}
	d->st = GP_S_BOUND;
	if (m->lease != DHCP_LEASE_INFINITE && t1)
		arm(r, d, now + (uint64_t)t1 * NS);
	else
		timers_cancel(&r->timers, &d->t);
}

/* RFC 2131 §4.4.6; released or not, the device is done. */
static void dev_end(struct gp_run *r, struct gp_dev *d)
{
	timers_cancel(&r->timers, &d->t);
	if (gp_dev_has_lease(d) || d->st == GP_S_DRAIN) {
		send_dhcp(r, d, DHCP_RELEASE);
		r->st->c.dereg_sent++;
		d->rel = true;
	}
	if (d->st != GP_S_REVOKED) /* its ack may still come */
		lease_gone(r, d);
	d->st = GP_S_RELEASED;
}

static void rev_acked(struct gp_run *r, struct gp_dev *d, uint64_t now)
{
	if (!d->t_rev)
		return;
	r->st->c.revokes_acked++;
	hist_add(&r->st->h[GEN_H_REV_ACK], now - d->t_rev);
	d->t_rev = 0;
	map_set(r, d, false);
}

/* A revocation: the binding goes now, the lease with it (the PMA drops its session). */
static void dev_revoke(struct gp_run *r, struct gp_dev *d, uint64_t now)
{
	if (gp_ha_revoke(r, d) < 0) { /* no binding, or revocation not negotiated */
		d->st = GP_S_RENEWING; /* renew now: the drain took the T1 timer */
		d->tries = 1;
		send_dhcp(r, d, DHCP_REQUEST);
		arm(r, d, now + rto(r, d));
		return;
	}
	if (d->up) {
		d->up = false;
		r->w->devices_up--;
	}
	d->t_rev = now;
	d->st = GP_S_REVOKED;
	arm(r, d, now + GP_REV_WAIT_NS);
}

static void on_reply(struct gp_run *r, struct gp_dev *d, enum gp_event ev,
		     const struct dhcp_server_msg *m, uint64_t now)
{
	if (ev == GP_E_OFFER && d->st == GP_S_SELECTING) {
		d->hoa = m->yiaddr;
		r->server_id = m->server_id ? m->server_id : m->ip_src;
		memcpy(r->gw_mac, m->src_mac, 6);
		send_dhcp(r, d, DHCP_REQUEST);
		d->st = GP_S_REQUESTING;
		d->tries = 1;
		arm(r, d, now + rto(r, d));
	} else if (ev == GP_E_ACK && (d->st == GP_S_REQUESTING || d->st == GP_S_RENEWING)) {
		memcpy(r->gw_mac, m->src_mac, 6);
		bound(r, d, m, now);
	} else if (ev == GP_E_NAK && (d->st == GP_S_REQUESTING || d->st == GP_S_RENEWING)) {
		discover(r, d, now, true);
	}
}

/* The timer, by state: retransmit, renew at T1, revoke after the drain, give up on an
 * ack. */
static void on_timer(struct gp_run *r, struct gp_dev *d, uint64_t now)
{
	switch (d->st) {
	case GP_S_SELECTING:
		retransmit(r, d, now, DHCP_DISCOVER);
		break;
	case GP_S_REQUESTING:
	case GP_S_RENEWING:
		retransmit(r, d, now, DHCP_REQUEST);
		break;
	case GP_S_BOUND:
		d->st = GP_S_RENEWING;
		d->tries = 1;
		send_dhcp(r, d, DHCP_REQUEST);
		arm(r, d, now + rto(r, d));
		break;
	case GP_S_DRAIN:
		dev_revoke(r, d, now);
		break;
	case GP_S_REVOKED:
		d->t_rev = 0; /* never acknowledged */
		discover(r, d, now, true);
		break;
	default:
		break;
	}
}

void gp_dev_fsm(struct gp_run *r, struct gp_dev *d, enum gp_event ev, const void *arg)
{
	uint64_t now = gp_now();

	if (d->st == GP_S_RELEASED) {
		if (ev == GP_E_REVACK)
			rev_acked(r, d, now);
		return;
	}
	switch (ev) {
	case GP_E_START:
		if (d->st == GP_S_IDLE)
			discover(r, d, now, true);
		break;
	case GP_E_OFFER:
	case GP_E_ACK:
	case GP_E_NAK:
		on_reply(r, d, ev, arg, now);
		break;
	case GP_E_TIMER:
		on_timer(r, d, now);
		break;
	case GP_E_REVOKE:
		if (d->st == GP_S_BOUND) {
			d->st = GP_S_DRAIN;
			arm(r, d, now + GP_DRAIN_NS);
		}
		break;
	case GP_E_REVACK:
		if (d->st == GP_S_REVOKED) {
			rev_acked(r, d, now);
			discover(r, d, now, true);
		}
		break;
	case GP_E_END:
		dev_end(r, d);
		break;
	case GP_E_COUNT:
		break;
	}
}

/* ---- the ramp and the end ---- */

/* The ramp: the rate climbs linearly to reg_rate over reg_ramp_s, so by t the devices
 * started are R t^2 / 2A during the ramp and R (t - A/2) after it; no rate: all at once. */
static uint64_t ramp_count(const struct gp_run *r, uint64_t now)
{
	double rate = r->p->reg_rate, a = r->p->reg_ramp_s, t, k;

	if (now < r->ctx->start_ns)
		return 0;
	t = (double)(now - r->ctx->start_ns) / 1e9;
	if (rate <= 0)
		return r->n_dev;
	k = a > 0 && t < a ? rate * t * t / (2 * a) : rate * (t - (a > 0 ? a / 2 : 0));
	return k >= r->n_dev ? r->n_dev : (uint64_t)k + 1; /* device 0 at t = 0 */
}

/* Within the ramp the next start is polled each millisecond; after it, exact. */
uint64_t gp_ramp_due(const struct gp_run *r)
{
	double rate = r->p->reg_rate, a = r->p->reg_ramp_s;
	uint64_t now = gp_now();

	if (r->started >= r->n_dev)
		return UINT64_MAX;
	if (ramp_count(r, now) > r->started)
		return now;
	if (rate > 0 && now >= gp_rel(r, a > 0 ? a : 0))
		return gp_rel(r, r->started / rate + (a > 0 ? a / 2 : 0));
	return now + MS;
}

void gp_ramp_run(struct gp_run *r, uint64_t now)
{
	uint64_t due = ramp_count(r, now);

	for (int n = 0; n < 256 && r->started < due; n++)
		gp_dev_fsm(r, &r->dev[r->started++], GP_E_START, NULL);
}

/* Releases at the registration rate, after the flows drained. */
uint64_t gp_release_due(const struct gp_run *r)
{
	double rate = r->p->reg_rate;
	uint64_t gap = rate > 0 ? (uint64_t)(1e9 / rate) : 0;

	if (r->released >= r->n_dev)
		return UINT64_MAX;
	if (atomic_load(&r->w->stop))
		gap = 0; /* finish quickly: all at once after the drain */
	return r->phase_ns + GP_DRAIN_NS + gap * r->released;
}

void gp_release_run(struct gp_run *r, uint64_t now)
{
	for (int n = 0; n < 256 && r->released < r->n_dev && gp_release_due(r) <= now; n++)
		gp_dev_fsm(r, &r->dev[r->released++], GP_E_END, NULL);
}

void gp_devs_finish(struct gp_run *r)
{
	for (uint32_t k = 0; k < r->n_dev && r->ha; k++)
		if (r->dev[k].rel && !bnd_by_hoa(ha_bindings(r->ha), r->dev[k].hoa))
			r->st->c.deregistered++;
}

/* ---- the access link ---- */

static void arp_in(struct gp_run *r, const struct eth_frame *f)
{
	struct arp_pkt a;
	struct gp_dev *d;
	uint8_t mac[6];
	size_t n;

	if (arp_parse(f->payload, f->payload_len, &a, NULL) < 0 || a.op != ARP_REQUEST)
		return;
	d = gp_dev_by_hoa(r, a.tpa);
	if (!d || !gp_dev_has_lease(d) || d->hoa != a.tpa)
		return;
	gp_dev_mac(r, d, mac);
	if (arp_reply(&a, mac, r->frame, sizeof r->frame, &n, NULL) == 0)
		pkt_port_send(&r->acc_port, r->frame, n);
}

static void dhcp_in(struct gp_run *r, const struct dhcp_server_msg *m)
{
	static const enum gp_event ev[] = { [DHCP_OFFER] = GP_E_OFFER, [DHCP_ACK] = GP_E_ACK,
					    [DHCP_NAK] = GP_E_NAK };
	struct gp_dev *d = dev_by_mac(r, m->chaddr);

	if (d && m->xid == d->xid)
		gp_dev_fsm(r, d, ev[m->type], m);
}

void gp_acc_frame(void *arg, const uint8_t *buf, size_t len)
{
	struct gp_run *r = arg;
	struct dhcp_server_msg m;
	struct eth_frame f;
	int rc;

	if (eth_parse(buf, len, &f, NULL) < 0)
		return;
	if (f.type == ETH_P_ARP) {
		arp_in(r, &f);
		return;
	}
	if (f.type != ETH_P_IP || (!dev_by_mac(r, f.dst) && memcmp(f.dst, eth_bcast, 6)))
		return; /* not for our devices */
	rc = dhcp_server_frame_parse(buf, len, &m, NULL);
	if (rc == 1)
		dhcp_in(r, &m);
	else if (rc < 0 || !gp_rx_down(r, buf, len))
		r->st->c.bad++;
}
