/* port.h — packet ports: the data plane's send side behind a one-function ops table
 * (STYLE.md habit 7).  A port carries whole frames or packets, not UDP datagrams: an
 * Ethernet frame on the access link (io_pkt.c), an outer IPv4 packet of a tunnel
 * (io_rawip.c), an inner IPv4 packet into a TUN device (io_tun.c), or, for unit tests,
 * an in-memory FIFO (port_mem.c, declared below).  Receiving is a callback per packet.
 */
#ifndef PMIP4CT_PORT_H
#define PMIP4CT_PORT_H

#include <stddef.h>
#include <stdint.h>

/* A received frame or packet; buf is valid only during the call. */
typedef void (*pkt_rx_fn)(void *arg, const uint8_t *buf, size_t len);

struct pkt_port {
	/* Send one frame or packet.  0, or -1 with errno. */
	int (*send)(void *ctx, const uint8_t *buf, size_t len);
	void *ctx;
};

static inline int pkt_port_send(const struct pkt_port *p, const uint8_t *buf, size_t len)
{
	return p->send(p->ctx, buf, len);
}

/* Counters shared by the live backends.  rx_truncated: packets dropped for being larger
 * than a receive slot; rx_ignored: frames the backend filtered out (our own, outgoing);
 * rx_errors: receive errors reported by the socket (ENETDOWN while the link is down). */
struct port_stats {
	uint64_t rx, tx, rx_batches, rx_truncated, rx_ignored, rx_errors, tx_errors;
};

/* The in-memory port: every packet sent is copied and kept, in order, until taken. */
struct port_mem_pkt {
	uint8_t *buf;
	size_t len;
};

struct port_mem;

struct port_mem *port_mem_create(void);
void port_mem_destroy(struct port_mem *m); /* NULL is a no-op */
struct pkt_port port_mem_port(struct port_mem *m);

size_t port_mem_count(const struct port_mem *m);
/* Take the oldest packet (the caller frees pkt->buf); 0, or -1 when empty. */
int port_mem_pop(struct port_mem *m, struct port_mem_pkt *pkt);
void port_mem_clear(struct port_mem *m);

#endif
