/* net_dp.h — the data plane of a remote HA as the tester reaches it (issue 13): with
 * PIXIT home.if, the tester plays the correspondent node ha.cn on that interface
 * (net_home.c: AF_PACKET, answering ARP for ha.cn) and the PMAs' ends of the PMA-HA
 * tunnel at pma1 and pma2 (net_dp.c: raw IPv4 sockets for IP-in-IP, protocol 4, RFC 2003,
 * and GRE, protocol 47, RFC 2784).  net_udp.c composes it with its signalling sockets:
 * what arrives is queued as struct tc_pkt on TC_LINK_HOME and TC_LINK_CORE, on the real
 * clock.  Needs CAP_NET_RAW.
 */
#ifndef PMIP4CT_NET_DP_H
#define PMIP4CT_NET_DP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net.h"

struct params;
struct net_dp;

/* *out = the data plane of the PIXIT, or NULL (and 0) when home.if is unset.  -1 with the
 * reason in err (no such interface, no root, an address not on this host). */
int net_dp_create(struct net_dp **out, const struct params *p, tc_log_fn log, void *log_arg,
		  char *err, size_t errlen);
void net_dp_destroy(struct net_dp *d); /* NULL is a no-op */

/* The links it reaches: TC_CAP(TC_LINK_CORE) | TC_CAP(TC_LINK_HOME). */
unsigned net_dp_caps(void);

/* Send p on its link (core: a whole outer IPv4 packet; home: an IPv4 packet to the home
 * network).  0, or -1 with the reason in err. */
int net_dp_send(struct net_dp *d, const struct tc_pkt *p, char *err, size_t errlen);
/* Take in what the sockets hold, then the oldest packet received into *p: true, or false
 * when none is queued. */
bool net_dp_take(struct net_dp *d, struct tc_pkt *p);
/* A descriptor to poll(2) for readability beside the caller's own sockets. */
int net_dp_fd(const struct net_dp *d);

/* ---- the home link (net_home.c), for net_dp.c ---- */

struct loop;
struct refq;
struct dp_home;

/* Open ifname and play cn there; received IPv4 packets for us are pushed on q as
 * TC_LINK_HOME.  gw: the next hop towards the home addresses (0: the destination
 * itself); arp_wait_ns: how long a send waits for an ARP reply. */
struct dp_home *dp_home_open(struct loop *l, const char *ifname, uint32_t cn, uint32_t gw,
			     uint64_t arp_wait_ns, struct refq *q, tc_log_fn log, void *log_arg,
			     char *err, size_t errlen);
int dp_home_send(struct dp_home *h, const uint8_t *ip, size_t len, char *err, size_t errlen);
void dp_home_close(struct dp_home *h); /* NULL is a no-op */

#endif
