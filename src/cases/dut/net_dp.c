/* net_dp.c — the data plane of a remote HA (net_dp.h): the home link (net_home.c) and the
 * PMAs' tunnel ends, one raw IPv4 socket (io_rawip.c) per protocol (4 IP-in-IP, RFC 2003;
 * 47 GRE, RFC 2784) and per PMA address (pma1, pma2), bound to it, so that only what the
 * HA tunnels to the tester's PMAs comes in.  The tester's outer packets leave whole, with
 * the outer source the case wrote (a wrong one too: the HA-TUN outer-source checks, RFC
 * 3024 §4.3.2).  One event loop on the real clock holds every socket; the caller polls
 * its descriptor beside its own (net_udp.c).  No socket here shares an address: raw
 * sockets take no SO_REUSEADDR.
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

#define DP_PMAS 2
#define DP_PROTOS 2

static const uint8_t dp_protos[DP_PROTOS] = { TUN_IPIP, TUN_GRE };

struct net_dp {
	struct loop *l;
	struct refq q;
	struct dp_home *home;
	struct rawip_sock *core[DP_PMAS][DP_PROTOS];
};

static void core_rx(void *arg, const uint8_t *buf, size_t len)
{
	struct net_dp *d = arg;

	refq_push(&d->q, TC_LINK_CORE, NULL, clk_now_ns(&clk_real), buf, len);
}

unsigned net_dp_caps(void)
{
	return TC_CAP(TC_LINK_CORE) | TC_CAP(TC_LINK_HOME);
}

/* The socket for an outer packet: the first of its protocol.  With IP_HDRINCL the
 * header's own source leaves as written and the kernel routes by its destination. */
static struct rawip_sock *core_sock(struct net_dp *d, const uint8_t *buf, size_t len)
{
	for (int k = 0; len >= TUN_IP4_LEN && k < DP_PROTOS; k++)
		for (int i = 0; i < DP_PMAS; i++)
			if (buf[9] == dp_protos[k] && d->core[i][k])
				return d->core[i][k];
	return NULL;
}

int net_dp_send(struct net_dp *d, const struct tc_pkt *p, char *err, size_t errlen)
{
	struct rawip_sock *s;
	struct pkt_port port;

	switch (p->link) {
	case TC_LINK_HOME:
		return dp_home_send(d->home, p->buf, p->len, err, errlen);
	case TC_LINK_CORE:
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
	default:
		snprintf(err, errlen, "a remote HA has no access link");
		return -1;
	}
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
	for (int i = 0; i < DP_PMAS; i++)
		for (int k = 0; k < DP_PROTOS; k++)
			rawip_sock_close(d->core[i][k]);
	dp_home_close(d->home);
	loop_destroy(d->l);
	refq_free(&d->q);
	free(d);
}

int net_dp_create(struct net_dp **out, const struct params *p, tc_log_fn log, void *log_arg,
		  char *err, size_t errlen)
{
	const char *ifname = params_str(p, "home.if");
	const char *pmas[DP_PMAS] = { "pma1", "pma2" };
	struct net_dp *d;
	char why[160];

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
	d->home = dp_home_open(d->l, ifname, params_addr(p, "ha.cn"), params_addr(p, "home.gw"),
			       params_ms(p, "reply-ms") * 1000000ull, &d->q, log, log_arg, err,
			       errlen);
	if (!d->home)
		goto fail;
	for (int i = 0; i < DP_PMAS; i++) {
		uint32_t a = params_addr(p, pmas[i]);

		for (int k = 0; a && k < DP_PROTOS; k++) {
			d->core[i][k] = rawip_sock_open(d->l, dp_protos[k], a, core_rx, d, why,
							sizeof why);
			if (!d->core[i][k]) {
				snprintf(err, errlen, "the tunnel end at PIXIT %s: %s (needs root)",
					 pmas[i], why);
				goto fail;
			}
		}
	}
	*out = d;
	return 0;
fail:
	net_dp_destroy(d);
	return -1;
}
