/* io.h — I/O behind an ops table (STYLE.md habit 7).  The agents send through a struct io
 * and receive through a callback; the backends are live UDP sockets (io_udp.c, batched
 * with recvmmsg/sendmmsg), in-memory queues for unit tests (io_mem.c), and later pcap
 * replay.  Nothing above this layer knows which one it talks to.
 */
#ifndef PMIP4CT_IO_H
#define PMIP4CT_IO_H

#include <stddef.h>
#include <stdint.h>

/* Endpoints of a UDP datagram; addresses in host byte order. */
struct udp_ends {
	uint32_t src, dst;
	uint16_t sport, dport;
};

/* A received datagram.  `ends.dst` is the address it was sent to (IP_PKTINFO), which
 * the HA needs to tell unicast from broadcast (RFC 5944 §3.8.2.1). */
typedef void (*io_rx_fn)(void *arg, const struct udp_ends *ends, const uint8_t *buf,
			 size_t len);

struct io_ops {
	/* Queue or send one datagram from ends->src:sport to ends->dst:dport.  0 or -1. */
	int (*send)(void *ctx, const struct udp_ends *ends, const uint8_t *buf, size_t len);
	/* Push out anything queued (backends that batch).  0 or -1. */
	int (*flush)(void *ctx);
};

struct io {
	const struct io_ops *ops;
	void *ctx;
};

static inline int io_send(const struct io *io, const struct udp_ends *e, const uint8_t *b,
			  size_t n)
{
	return io->ops->send(io->ctx, e, b, n);
}

static inline int io_flush(const struct io *io)
{
	return io->ops->flush ? io->ops->flush(io->ctx) : 0;
}

#endif
