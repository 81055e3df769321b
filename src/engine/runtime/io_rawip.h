/* io_rawip.h — a live packet port for one tunnel protocol: a raw IPv4 socket for IP-in-IP
 * (4, RFC 2003) or GRE (47, RFC 2784), sending whole outer packets with IP_HDRINCL and
 * receiving whole packets (the kernel hands raw sockets the IPv4 header too).  With no
 * ipip or gre module loaded the kernel delivers these protocols to raw sockets only,
 * and sends no ICMP Protocol Unreachable while a raw socket takes them.
 */
#ifndef PMIP4CT_IO_RAWIP_H
#define PMIP4CT_IO_RAWIP_H

#include <stdint.h>

#include "loop.h"
#include "port.h"

struct rawip_sock;

/* Open a raw socket for proto bound to addr (host order; 0 = any: every packet of proto
 * for this host), register with the loop, and call rx with every packet received, from
 * its IPv4 header on (reassembled if it came in fragments).  NULL with a reason in err
 * ("proto 47 on 192.0.2.1: Cannot assign requested address").  Needs CAP_NET_RAW. */
struct rawip_sock *rawip_sock_open(struct loop *l, uint8_t proto, uint32_t addr,
				   pkt_rx_fn rx, void *arg, char *err, size_t errlen);
void rawip_sock_close(struct rawip_sock *s); /* NULL is a no-op; may be called from rx */

/* The port to send whole IPv4 packets, header included: the Destination Address of the
 * header says where to.  The kernel fills in a zero Identification and a zero Source
 * Address, and always sets Total Length and the header checksum.  A packet longer than
 * the route's MTU is refused with EMSGSIZE: the kernel does not fragment it.  Sends are
 * queued (a malformed packet still fails at once with EINVAL) and flushed with sendmmsg
 * when the queue is full, from the loop's idle hook and before close; a packet the kernel
 * refuses then is counted in tx_errors. */
struct pkt_port rawip_sock_port(struct rawip_sock *s);

struct port_stats rawip_sock_stats(const struct rawip_sock *s);

/* Where a packet goes that the kernel refuses at flush time (longer than the route's MTU,
 * no route, a broadcast without SO_BROADCAST, a full send buffer): sent on fb instead,
 * and counted in tx_errors only when fb refuses it too.  Packets fb took are counted by
 * rawip_sock_fell_back.  fb.send NULL: none (the default). */
void rawip_sock_set_fallback(struct rawip_sock *s, struct pkt_port fb);
uint64_t rawip_sock_fell_back(const struct rawip_sock *s);

#endif
