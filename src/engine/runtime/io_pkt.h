/* io_pkt.h — a live packet port on one Ethernet interface (the PMA's access link): an
 * AF_PACKET raw socket bound to the interface for every EtherType, received in batches
 * with recvmmsg; frames this host sends itself are not handed back.
 */
#ifndef PMIP4CT_IO_PKT_H
#define PMIP4CT_IO_PKT_H

#include <stdint.h>

#include "loop.h"
#include "port.h"

#define PKT_MAC_LEN 6

struct pkt_sock;

/* Open ifname, register with the loop, and call rx for every frame received (whole,
 * from the destination MAC on, without the FCS).  NULL with a reason in err
 * ("acc: No such device").  Needs CAP_NET_RAW. */
struct pkt_sock *pkt_sock_open(struct loop *l, const char *ifname, pkt_rx_fn rx, void *arg,
			       char *err, size_t errlen);
void pkt_sock_close(struct pkt_sock *s); /* NULL is a no-op; may be called from rx */

/* The port to send whole frames (from the destination MAC on) out of the interface.
 * Sends are queued and flushed with sendmmsg when the queue is full, from the loop's idle
 * hook and before close; a frame the kernel refuses then is counted in tx_errors. */
struct pkt_port pkt_sock_port(struct pkt_sock *s);

int pkt_sock_ifindex(const struct pkt_sock *s);
const uint8_t *pkt_sock_mac(const struct pkt_sock *s); /* PKT_MAC_LEN bytes */
struct port_stats pkt_sock_stats(const struct pkt_sock *s);

#endif
