/* io_tun.h — a live packet port on a TUN device (/dev/net/tun, IFF_TUN | IFF_NO_PI): the
 * host's IP stack on one side, bare IPv4 packets on ours.  The device lives as long as
 * it is open.  Bringing it up, its addresses and routes are the caller's business
 * ("ip link set NAME up", "ip route add ... dev NAME"); a device that is down refuses
 * writes (EIO).  Prefix tundev_: tun_ is the tunnel codec's (tun.h).
 */
#ifndef PMIP4CT_IO_TUN_H
#define PMIP4CT_IO_TUN_H

#include <stdint.h>

#include "loop.h"
#include "port.h"

struct tundev;

/* Create the TUN device name (NULL or "" lets the kernel choose "tunN"; a "%d" in name
 * is replaced by the kernel), register with the loop, and call rx with every packet
 * the host routes into it.  NULL with a reason in err ("pma0: Operation not
 * permitted").  Needs CAP_NET_ADMIN. */
struct tundev *tundev_open(struct loop *l, const char *name, pkt_rx_fn rx, void *arg,
			   char *err, size_t errlen);
void tundev_close(struct tundev *t); /* NULL is a no-op; may be called from rx */

/* The device's actual name. */
const char *tundev_name(const struct tundev *t);

/* The port to hand whole IPv4 packets to the host's IP stack, as if received on the
 * device. */
struct pkt_port tundev_port(struct tundev *t);

struct port_stats tundev_stats(const struct tundev *t);

#endif
