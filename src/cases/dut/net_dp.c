/* net_dp.c — the data plane of a remote DUT (net_dp.h): one packet link (the home link of
 * net_home.c for an HA, the access link of net_acc_link.c for a PMA) and the tester's
 * tunnel ends, one raw IPv4 socket (io_rawip.c) per protocol (4 IP-in-IP, RFC 2003;
 * 47 GRE, RFC 2784) and per address of the role's table (pma1 and pma2 for an HA, ha for
 * a PMA), bound to it, so that only what the DUT tunnels to the tester comes in.  The
 * tester's outer packets leave whole, with the outer source the case wrote (a wrong one
 * too: the HA-TUN outer-source checks, RFC 3024 §4.3.2).  One event loop on the real
 * clock holds every socket; the caller polls its descriptor beside its own (net_udp.c).
 * No socket here shares an address: raw sockets take no SO_REUSEADDR.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "io_rawip.h"
#include "loop.h"
#include "net_dp.h"
#include "refq.h"
#include "tc_priv.h"
#include "tun.h"
#include "txt.h"

#define DP_ENDS 2
#define DP_PROTOS 2

static const uint8_t dp_protos[DP_PROTOS] = { TUN_IPIP, TUN_GRE };

/* What the tester is on a remote DUT's network, by the DUT's role. */
struct dp_role {
	const char *if_item;              /* PIXIT item of the packet link's interface */
	enum tc_link link;                /* the packet link */
	const struct dp_link_ops *ops;
	const char *label;                /* added to the backend's name, with the interface */
	const char *ends[DP_ENDS];        /* PIXIT items of the tester's tunnel ends */
	const char *other;                /* why a packet on the other link is refused */
};

static const struct dp_role dp_roles[CASE_ROLE_COUNT] = {
	[CASE_ROLE_HA] = { "home.if", TC_LINK_HOME, &dp_home_ops, NULL, { "pma1", "pma2" },
			   "a remote HA has no access link" },
	[CASE_ROLE_PMA] = { "access.if", TC_LINK_ACCESS, &dp_acc_ops, "access link",
			    { "ha", NULL },
			    "the tester has no home link on a PMA's network" },
};

struct net_dp {
	const struct dp_role *r;
	struct loop *l;
	struct refq q;
	void *link;
	struct rawip_sock *core[DP_ENDS][DP_PROTOS];
	char label[64];
};

static void core_rx(void *arg, const uint8_t *buf, size_t len)
{
	struct net_dp *d = arg;

	refq_push(&d->q, TC_LINK_CORE, NULL, clk_now_ns(&clk_real), buf, len);
}

unsigned net_dp_caps(const struct net_dp *d)
{
	return TC_CAP(TC_LINK_CORE) | TC_CAP(d->r->link);
}

const char *net_dp_label(const struct net_dp *d)
{
	return d->label;
}

/* The socket for an outer packet: the first of its protocol.  With IP_HDRINCL the
 * header's own source leaves as written and the kernel routes by its destination. */
static struct rawip_sock *core_sock(struct net_dp *d, const uint8_t *buf, size_t len)
{
	for (int k = 0; len >= TUN_IP4_LEN && k < DP_PROTOS; k++)
		for (int i = 0; i < DP_ENDS; i++)
			if (buf[9] == dp_protos[k] && d->core[i][k])
				return d->core[i][k];
	return NULL;
}

int net_dp_send(struct net_dp *d, const struct tc_pkt *p, char *err, size_t errlen)
{
	struct rawip_sock *s;
	struct pkt_port port;

	if (p->link == d->r->link)
		return d->r->ops->send(d->link, p->buf, p->len, err, errlen);
	if (p->link != TC_LINK_CORE) {
		snprintf(err, errlen, "%s", d->r->other);
		return -1;
	}
	s = core_sock(d, p->buf, p->len);
	if (!s) {
		snprintf(err, errlen, "the tester sends tunnel protocols 4 and 47 only");
		return -1;
	}
	port = rawip_sock_port(s);
	if (pkt_port_send(&port, p->buf, p->len) < 0) {
		snprintf(err, errlen, "cannot send the outer packet");
		return -1;
	}
	loop_once(d->l, 0); /* the idle hook flushes the send */
	return 0;
}

bool net_dp_take(struct net_dp *d, struct tc_pkt *p)
{
	if (!d->q.n)
		loop_once(d->l, 0);
	return refq_pop(&d->q, p);
}

int net_dp_fd(const struct net_dp *d)
{
	return loop_fd(d->l);
}

void net_dp_destroy(struct net_dp *d)
{
	if (!d)
		return;
	for (int i = 0; i < DP_ENDS; i++)
		for (int k = 0; k < DP_PROTOS; k++)
			rawip_sock_close(d->core[i][k]);
	if (d->link)
		d->r->ops->close(d->link);
	loop_destroy(d->l);
	refq_free(&d->q);
	free(d);
}

/* The tester's tunnel ends of the role: both protocols at each address set. */
static int open_ends(struct net_dp *d, const struct params *p, char *err, size_t errlen)
{
	char why[160];

	for (int i = 0; i < DP_ENDS && d->r->ends[i]; i++) {
		uint32_t a;
		uint16_t port;

		params_endpoint(p, d->r->ends[i], &a, &port);
		for (int k = 0; a && k < DP_PROTOS; k++) {
			d->core[i][k] = rawip_sock_open(d->l, dp_protos[k], a, core_rx, d, why,
							sizeof why);
			if (!d->core[i][k]) {
				snprintf(err, errlen, "the tunnel end at PIXIT %s: %s (needs root)",
					 d->r->ends[i], why);
				return -1;
			}
		}
	}
	return 0;
}

int net_dp_create(struct net_dp **out, int role, const struct params *p, tc_log_fn log,
		  void *log_arg, char *err, size_t errlen)
{
	const struct dp_role *r = &dp_roles[role == CASE_ROLE_PMA ? CASE_ROLE_PMA : CASE_ROLE_HA];
	const char *ifname = params_str(p, r->if_item);
	struct net_dp *d;

	*out = NULL;
	if (!ifname || !*ifname)
		return 0;
	d = calloc(1, sizeof *d);
	if (!d || !(d->l = loop_create(&clk_real, err, errlen))) {
		if (!err[0])
			snprintf(err, errlen, "out of memory");
		free(d);
		return -1;
	}
	d->r = r;
	if (r->label)
		snprintf(d->label, sizeof d->label, ", %s %s", r->label, ifname);
	d->link = r->ops->open(d->l, ifname, p, &d->q, log, log_arg, err, errlen);
	if (!d->link || open_ends(d, p, err, errlen)) {
		net_dp_destroy(d);
		return -1;
	}
	*out = d;
	return 0;
}
