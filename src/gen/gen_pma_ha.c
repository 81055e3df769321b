/* gen_pma_ha.c — the Home Agent side of the run against a PMA (issue #16): the engine's
 * reference HA (ha.h) on a UDP socket at ctx->ha:434, with the profile's FA-HA SA
 * (RFC 5563 §4.3), a home-address pool twice the devices (RFC 5944 §3.8.1: freed
 * addresses are not reused at once), GRE keys when the profile's encap is gre (RFC 6245)
 * and revocation support when its `revocation` is on (RFC 3543 §3.2); its tunnel end on
 * raw IPv4 sockets (gen_pma_data.c).  It grants at most the profile's `lifetime`.
 *
 * Revocations (RFC 3543 §4.2.2.1) at the profile's `revoke` rate: the device next in turn
 * that holds a lease stops its flows (GP_DRAIN_NS), then the HA deletes its binding and
 * sends the PMA a Revocation; "revocation sent -> authenticated ack" is timed when the
 * HA accepts the PMA's Acknowledgment (its rev_acked counter moves: FA-HA valid, Home
 * Address and Identifier those of a pending revocation, RFC 3543 §3.4, §3.5).
 */
#include <stdio.h>
#include <string.h>

#include "gen_pma.h"
#include "io_rawip.h"
#include "io_udp.h"
#include "pool.h"
#include "txt.h"

#define NS 1000000000ull

/* The smallest prefix whose pool holds twice the devices (at least a /24). */
static unsigned pool_prefix(uint32_t n_dev)
{
	unsigned prefix = 24;

	while (prefix > 9 && (1ull << (32 - prefix)) - 2 < 2ull * n_dev + 16)
		prefix--;
	return prefix;
}

static int ha_configure(struct gp_run *r, struct ha_config *c)
{
	const struct gen_ctx *x = r->ctx;
	unsigned prefix = pool_prefix(r->n_dev);
	char cidr[32], why[160];

	ha_config_defaults(c);
	c->addrs[0] = x->ha;
	c->n_addrs = 1;
	c->sa[0] = x->sa;
	c->sa[0].kind = AUTH_KIND_FAHA;
	c->sa[0].kind_given = true;
	c->n_sa = 1;
	c->gre = r->p->encap == GEN_ENCAP_GRE;
	c->revocation = r->p->revocation;
	c->rev_initial_ms = r->p->reply_ms ? r->p->reply_ms : 1000;
	if (r->p->lifetime)
		c->max_lifetime = r->p->lifetime;
	snprintf(cidr, sizeof cidr, "%s/%u", txt_ip4(GP_POOL_BASE).s, prefix);
	c->pool = pool_create(cidr, why, sizeof why);
	if (!c->pool) {
		snprintf(r->err, r->errlen, "home-address pool %s: %s", cidr, why);
		return -1;
	}
	pool_reserve(c->pool, x->ha);
	pool_reserve(c->pool, x->cn);
	r->pool_size = 1u << (32 - prefix);
	return 0;
}

/* A datagram for the HA.  An Acknowledgment the HA accepts ends a revocation. */
static void ha_rx(void *arg, const struct udp_ends *e, const uint8_t *buf, size_t len)
{
	struct gp_run *r = arg;
	uint64_t acked = ha_counters(r->ha)->rev_acked;
	struct rd c = rd_init(buf, len);
	uint8_t type = 0, rsv = 0;
	uint16_t flags = 0;
	uint32_t hoa = 0;
	struct gp_dev *d;

	ha_input(r->ha, 0, e, buf, len);
	/* REVACK (§3.4): Type, Reserved, I + Reserved, Home Address, Revocation Identifier */
	if (ha_counters(r->ha)->rev_acked == acked || !rd_u8(&c, &type) || type != MIP_REVACK ||
	    !rd_u8(&c, &rsv) || !rd_u16(&c, &flags) || !rd_u32(&c, &hoa))
		return;
	d = gp_dev_by_hoa(r, hoa);
	if (d)
		gp_dev_fsm(r, d, GP_E_REVACK, NULL);
}

int gp_ha_open(struct gp_run *r)
{
	static const uint8_t protos[2] = { 4, 47 }; /* RFC 2003, RFC 2784 */
	const struct gen_ctx *x = r->ctx;
	uint16_t port = x->ha_port ? x->ha_port : MIP_PORT;
	struct ha_config c;
	struct ha_listener l = { x->ha, port, { NULL, NULL } };
	char why[200];

	if (ha_configure(r, &c) < 0)
		return -1;
	r->ha = ha_create(&c, &clk_real);
	if (!r->ha) {
		pool_destroy(c.pool);
		snprintf(r->err, r->errlen, "the HA: out of memory");
		return -1;
	}
	ha_fwd_init(&r->fw, r->ha);
	r->udp = udp_sock_open(r->loop, x->ha, port, ha_rx, r, why, sizeof why);
	if (!r->udp) {
		snprintf(r->err, r->errlen, "the HA's socket: %s", why);
		return -1;
	}
	l.io = udp_sock_io(r->udp);
	ha_add_listener(r->ha, &l);
	for (int i = 0; i < 2; i++) {
		r->raw[i] = rawip_sock_open(r->loop, protos[i], x->ha, gp_rx_up, r, why, sizeof why);
		if (!r->raw[i]) {
			snprintf(r->err, r->errlen, "the HA's tunnel end: %s (needs CAP_NET_RAW)", why);
			return -1;
		}
	}
	return 0;
}

void gp_ha_close(struct gp_run *r)
{
	for (int i = 0; i < 2; i++)
		rawip_sock_close(r->raw[i]);
	udp_sock_close(r->udp);
	ha_destroy(r->ha);
}

/* The HA's timers run on the wall clock (its NTP timestamps); the loop on the monotonic. */
uint64_t gp_ha_due(const struct gp_run *r)
{
	uint64_t due = ha_next_due(r->ha), wall = clk_now_ns(&clk_real), now = gp_now();

	if (due == UINT64_MAX)
		return UINT64_MAX;
	return due <= wall ? now : now + (due - wall);
}

void gp_ha_tick(struct gp_run *r)
{
	if (ha_next_due(r->ha) <= clk_now_ns(&clk_real))
		ha_tick(r->ha);
}

void gp_ha_codes(struct gp_run *r)
{
	if (r->ha)
		memcpy(r->st->c.codes, ha_counters(r->ha)->code, sizeof r->st->c.codes);
}

int gp_ha_revoke(struct gp_run *r, struct gp_dev *d)
{
	if (ha_revoke_binding(r->ha, d->hoa) < 0)
		return -1;
	r->st->c.revokes_sent++;
	return 0;
}

/* The profile's `revoke rate R [start S] [stop S]`: every 1/R s the next device with a
 * lease, in turn, is picked. */
uint64_t gp_revokes_due(const struct gp_run *r)
{
	const struct gen_rate *rv = &r->p->revoke;

	if (rv->rate <= 0 || !r->n_dev)
		return UINT64_MAX;
	return r->rev_next_ns;
}

void gp_revokes_run(struct gp_run *r, uint64_t now)
{
	const struct gen_rate *rv = &r->p->revoke;
	uint64_t gap;

	if (rv->rate <= 0 || !r->n_dev)
		return;
	gap = (uint64_t)(1e9 / rv->rate);
	if (!r->rev_next_ns)
		r->rev_next_ns = gp_rel(r, rv->start_s) + gap;
	while (r->rev_next_ns <= now) {
		r->rev_next_ns += gap;
		if (rv->stop_s > 0 && now >= gp_rel(r, rv->stop_s))
			continue;
		for (uint32_t k = 0; k < r->n_dev; k++) {
			struct gp_dev *d = &r->dev[r->rev_cursor++ % r->n_dev];

			if (d->st == GP_S_BOUND) {
				gp_dev_fsm(r, d, GP_E_REVOKE, NULL);
				break;
			}
		}
	}
}
