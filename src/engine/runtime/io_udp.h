/* io_udp.h — the live UDP backend of io.h: one socket per listen address, received in
 * batches with recvmmsg and sent in batches with sendmmsg (flushed from the loop's idle
 * hook), with IP_PKTINFO on a socket bound to any so the receiver learns the
 * destination address of each datagram (bound to an address, it is that address).
 */
#ifndef PMIP4CT_IO_UDP_H
#define PMIP4CT_IO_UDP_H

#include <stdint.h>

#include "io.h"
#include "loop.h"

struct udp_sock;

/* Bind addr:port (host order; addr 0 = any), register with the loop, and call rx for
 * every datagram.  NULL with a reason in err ("192.0.2.1:434: Address already in use"). */
struct udp_sock *udp_sock_open(struct loop *l, uint32_t addr, uint16_t port, io_rx_fn rx,
			       void *arg, char *err, size_t errlen);
void udp_sock_close(struct udp_sock *s); /* NULL is a no-op */

/* The io to send through this socket (src in ends is ignored: the socket's own address
 * is used unless it is bound to any, then IP_PKTINFO sets it). */
struct io udp_sock_io(struct udp_sock *s);
uint16_t udp_sock_port(const struct udp_sock *s); /* the bound port (for port 0) */

/* Counters of the socket.  rx_truncated: datagrams dropped for being larger than a
 * receive slot (64 KiB: more than any UDP payload over IPv4, so none should be). */
struct udp_stats {
	uint64_t rx, tx, rx_batches, tx_batches, tx_errors, rx_truncated;
};
struct udp_stats udp_sock_stats(const struct udp_sock *s);

#endif
