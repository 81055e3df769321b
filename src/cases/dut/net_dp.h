/* net_dp.h — the data plane of a remote DUT as the tester reaches it (issue 13), for
 * either role; net_udp.c composes it with its signalling sockets:
 *
 *   remote HA   PIXIT home.if: the tester plays the correspondent node ha.cn on that
 *               interface (net_home.c: AF_PACKET, answering ARP for ha.cn), TC_LINK_HOME;
 *               and the PMAs' ends of the PMA-HA tunnel at pma1 and pma2;
 *   remote PMA  PIXIT access.if: the tester's mobile devices on the PMA's access link
 *               (net_acc_link.c: AF_PACKET, promiscuous), TC_LINK_ACCESS; and the HA's
 *               end of the tunnel at ha.
 *
 * The tunnel ends (net_dp.c) are raw IPv4 sockets for IP-in-IP, protocol 4, RFC 2003, and
 * GRE, protocol 47, RFC 2784, bound to those addresses: TC_LINK_CORE.  What arrives is
 * queued as struct tc_pkt, on the real clock.  Needs CAP_NET_RAW.
 */
#ifndef PMIP4CT_NET_DP_H
#define PMIP4CT_NET_DP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net.h"

struct params;
struct net_dp;

/* *out = the data plane of the PIXIT for a remote DUT of `role` (enum case_role), or NULL
 * (and 0) when that role's interface item (home.if, access.if) is unset.  -1 with the
 * reason in err (no such interface, no root, an address not on this host). */
int net_dp_create(struct net_dp **out, int role, const struct params *p, tc_log_fn log,
		  void *log_arg, char *err, size_t errlen);
void net_dp_destroy(struct net_dp *d); /* NULL is a no-op */

/* The links it reaches: TC_CAP(TC_LINK_CORE) and the packet link's. */
unsigned net_dp_caps(const struct net_dp *d);
/* What the backend's name adds for it ("" for the home link, ", access link eth1"). */
const char *net_dp_label(const struct net_dp *d);

/* Send p on its link (core: a whole outer IPv4 packet; home: an IPv4 packet to the home
 * network; access: a whole Ethernet frame).  0, or -1 with the reason in err. */
int net_dp_send(struct net_dp *d, const struct tc_pkt *p, char *err, size_t errlen);
/* Take in what the sockets hold, then the oldest packet received into *p: true, or false
 * when none is queued. */
bool net_dp_take(struct net_dp *d, struct tc_pkt *p);
/* A descriptor to poll(2) for readability beside the caller's own sockets. */
int net_dp_fd(const struct net_dp *d);

/* ---- the packet links (net_home.c, net_acc_link.c), for net_dp.c ---- */

struct loop;
struct refq;

struct dp_link_ops {
	/* Open the interface ifname on l; what it receives for the tester is pushed on q.
	 * The link's context, or NULL with the reason in err. */
	void *(*open)(struct loop *l, const char *ifname, const struct params *p,
		      struct refq *q, tc_log_fn log, void *log_arg, char *err, size_t errlen);
	/* Send a packet of the link.  0, or -1 with the reason in err. */
	int (*send)(void *ctx, const uint8_t *buf, size_t len, char *err, size_t errlen);
	void (*close)(void *ctx); /* NULL is a no-op */
};

/* The home link: the correspondent node ha.cn, next hop home.gw, ARP waits reply-ms. */
extern const struct dp_link_ops dp_home_ops;
/* The access link: whole Ethernet frames, the interface promiscuous while open. */
extern const struct dp_link_ops dp_acc_ops;

#endif
