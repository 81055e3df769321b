/* ha_dataplane.h — the live data plane of `pmip4ct ha --tun NAME`: the home network as a
 * TUN device, the PMA-HA tunnels as raw IPv4 sockets (protocols 4 and 47), and the HA's
 * forwarding decisions (ha_fwd.h) between them.
 *
 * RFC 5944 §4.2.3 (home-network packets tunnelled to each care-of address), RFC 2003
 * (IP-in-IP), RFC 2784 / RFC 2890 (GRE, keys), RFC 6245 §5 (asymmetric GRE keys),
 * RFC 3024 §4.3.2 (reverse-tunnelled packets decapsulated and routed on), RFC 5563
 * §4.2 (the bidirectional PMIPv4 tunnel; §4.2.3 traffic between two bound home
 * addresses is relayed through the HA).
 *
 * The operator routes the home prefix into the device ("ip link set NAME up; ip route
 * add 10.10.0.0/24 dev NAME" in the HA's namespace) and lets the host forward
 * (net.ipv4.ip_forward=1): packets the host routes into NAME are tunnelled to the
 * PMAs; decapsulated packets go to the host to route on, the plain ones (unicast, no
 * options, TTL over 1) on a raw socket with their TTL less one, batched, the others
 * written into NAME.  While NAME's forwarding switch (/proc/sys/net/ipv4/conf/NAME/
 * forwarding) is off, all of them go into NAME, and the kernel drops them as before.
 */
#ifndef PMIP4CT_HA_DATAPLANE_H
#define PMIP4CT_HA_DATAPLANE_H

#include <stddef.h>

#include "ha.h"
#include "ha_fwd.h"
#include "loop.h"

struct ha_dp;

/* Open the TUN device tun, the raw sockets for protocols 4 and 47 (bound to any) and a
 * send-only one for the host (IPPROTO_RAW), on the loop, forwarding for ha.  Refusals
 * are counted and logged through log at HA_LOG_DEBUG when min allows it.  NULL with the reason in err ("pcttun0: Operation
 * not permitted").  Needs CAP_NET_ADMIN and CAP_NET_RAW. */
struct ha_dp *ha_dp_open(struct loop *l, const struct ha *ha, const char *tun, ha_log_fn log,
			 void *log_arg, enum ha_log_level min, char *err, size_t errlen);
void ha_dp_close(struct ha_dp *dp); /* NULL is a no-op */

/* The forwarding counters (one per result and direction), and packets that were to be
 * sent but the port refused (tx_errors: EMSGSIZE, a device that is down). */
const struct ha_fwd_stats *ha_dp_stats(const struct ha_dp *dp);
unsigned long long ha_dp_tx_errors(const struct ha_dp *dp);

/* Decapsulated packets handed to the host: straight out on the raw socket (direct), or
 * written into the TUN for the kernel to forward (tun). */
void ha_dp_host_counts(const struct ha_dp *dp, unsigned long long *direct,
		       unsigned long long *tun);
const char *ha_dp_tun_name(const struct ha_dp *dp);

#endif
