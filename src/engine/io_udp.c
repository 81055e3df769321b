/* io_udp.c — the live UDP backend of io.h: recvmmsg/sendmmsg in batches of 64, with
 * IP_PKTINFO for the destination of each received datagram (RFC 5944 §3.8.2.1 needs it
 * to tell unicast from broadcast) and for the source of sends from a socket bound to any.
 */
#include "io_udp.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#define UDP_BATCH       64
#define UDP_RX_SLOT     4096    /* larger datagrams are dropped as rx_truncated */
#define UDP_RX_ROUNDS   16      /* batches per wakeup; epoll is level-triggered */
#define UDP_TX_ARENA    (UDP_BATCH * 2048)
#define UDP_MAX_PAYLOAD 65507   /* 65535 - 20 (IPv4) - 8 (UDP) */
#define UDP_RCVBUF      (1 << 20)

_Static_assert(UDP_TX_ARENA >= UDP_MAX_PAYLOAD, "the tx arena holds any datagram");

struct udp_ctl {
	_Alignas(struct cmsghdr) char buf[CMSG_SPACE(sizeof(struct in_pktinfo))];
};

struct udp_txq {
	uint32_t src, dst;
	uint16_t dport;
	size_t off, len; /* in the arena */
};

struct udp_sock {
	struct loop *l;
	int fd;
	uint32_t addr;
	uint16_t port;
	io_rx_fn rx_fn;
	void *arg;
	struct udp_stats st;
	unsigned busy; /* inside rx callbacks: close defers the free */
	bool dead;

	struct mmsghdr rmsg[UDP_BATCH];
	struct iovec riov[UDP_BATCH];
	struct sockaddr_in rfrom[UDP_BATCH];
	struct udp_ctl rctl[UDP_BATCH];
	uint8_t rbuf[UDP_BATCH][UDP_RX_SLOT];

	struct mmsghdr tmsg[UDP_BATCH];
	struct iovec tiov[UDP_BATCH];
	struct sockaddr_in tto[UDP_BATCH];
	struct udp_ctl tctl[UDP_BATCH];
	struct udp_txq txq[UDP_BATCH];
	unsigned ntx;
	uint8_t *arena; /* UDP_TX_ARENA bytes */
	size_t used;
};

static void udp_err(char *err, size_t errlen, uint32_t addr, uint16_t port, int errnum)
{
	snprintf(err, errlen, "%u.%u.%u.%u:%u: %s", addr >> 24, (addr >> 16) & 0xff,
		 (addr >> 8) & 0xff, addr & 0xff, port, strerror(errnum));
}

static struct sockaddr_in udp_sin(uint32_t addr, uint16_t port)
{
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(addr);
	sin.sin_port = htons(port);
	return sin;
}

/* Socket options, bind, and the port actually bound.  -1 with errno. */
static int udp_bind(struct udp_sock *s)
{
	struct sockaddr_in sin = udp_sin(s->addr, s->port);
	socklen_t sl = sizeof(sin);
	int on = 1, rcvbuf = UDP_RCVBUF;

	/* No SO_REUSEADDR: for UDP it would let a second daemon share the port silently;
	 * a clash must be an error at start-up. */
	if (setsockopt(s->fd, IPPROTO_IP, IP_PKTINFO, &on, sizeof(on)) < 0)
		return -1;
	/* Best effort (capped by net.core.rmem_max): room for bursts between wakeups. */
	(void)setsockopt(s->fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	if (bind(s->fd, (const struct sockaddr *)&sin, sizeof(sin)) < 0)
		return -1;
	if (getsockname(s->fd, (struct sockaddr *)&sin, &sl) < 0)
		return -1;
	s->port = ntohs(sin.sin_port);
	return 0;
}

static void udp_readable(void *arg);
static void udp_idle(void *arg);

struct udp_sock *udp_sock_open(struct loop *l, uint32_t addr, uint16_t port, io_rx_fn rx,
			       void *arg, char *err, size_t errlen)
{
	struct udp_sock *s = calloc(1, sizeof(*s));
	int e;

	if (!s) {
		udp_err(err, errlen, addr, port, ENOMEM);
		return NULL;
	}
	s->l = l;
	s->addr = addr;
	s->port = port;
	s->rx_fn = rx;
	s->arg = arg;
	s->fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s->fd < 0 || udp_bind(s) < 0)
		goto fail;
	s->arena = malloc(UDP_TX_ARENA);
	if (!s->arena) {
		errno = ENOMEM;
		goto fail;
	}
	if (loop_add_fd(l, s->fd, udp_readable, s) < 0)
		goto fail;
	if (loop_add_idle(l, udp_idle, s) < 0) {
		e = errno;
		loop_del_fd(l, s->fd);
		errno = e;
		goto fail;
	}
	return s;
fail:
	udp_err(err, errlen, addr, port, errno);
	if (s->fd >= 0)
		close(s->fd);
	free(s->arena);
	free(s);
	return NULL;
}

static int udp_flush(void *ctx);

void udp_sock_close(struct udp_sock *s)
{
	if (!s || s->dead)
		return;
	udp_flush(s);
	loop_del_idle(s->l, udp_idle, s);
	loop_del_fd(s->l, s->fd);
	close(s->fd);
	s->dead = true;
	if (s->busy)
		return; /* udp_readable frees it on the way out */
	free(s->arena);
	free(s);
}

static void rx_prepare(struct udp_sock *s)
{
	for (unsigned i = 0; i < UDP_BATCH; i++) {
		struct msghdr *h = &s->rmsg[i].msg_hdr;

		s->riov[i] = (struct iovec){ .iov_base = s->rbuf[i], .iov_len = UDP_RX_SLOT };
		*h = (struct msghdr){
			.msg_name = &s->rfrom[i],
			.msg_namelen = sizeof(s->rfrom[i]),
			.msg_iov = &s->riov[i],
			.msg_iovlen = 1,
			.msg_control = s->rctl[i].buf,
			.msg_controllen = sizeof(s->rctl[i].buf),
		};
	}
}

/* The header destination address from IP_PKTINFO, or the bound one without it. */
static uint32_t rx_dst(const struct udp_sock *s, struct msghdr *h)
{
	for (struct cmsghdr *c = CMSG_FIRSTHDR(h); c; c = CMSG_NXTHDR(h, c)) {
		struct in_pktinfo pi;

		if (c->cmsg_level != IPPROTO_IP || c->cmsg_type != IP_PKTINFO)
			continue;
		memcpy(&pi, CMSG_DATA(c), sizeof(pi));
		return ntohl(pi.ipi_addr.s_addr);
	}
	return s->addr;
}

static void rx_deliver(struct udp_sock *s, unsigned i)
{
	struct mmsghdr *m = &s->rmsg[i];
	struct udp_ends ends;

	if (m->msg_hdr.msg_flags & MSG_TRUNC) {
		s->st.rx_truncated++;
		return;
	}
	ends.src = ntohl(s->rfrom[i].sin_addr.s_addr);
	ends.sport = ntohs(s->rfrom[i].sin_port);
	ends.dst = rx_dst(s, &m->msg_hdr);
	ends.dport = s->port;
	s->st.rx++;
	s->rx_fn(s->arg, &ends, s->rbuf[i], m->msg_len);
}

static void udp_readable(void *arg)
{
	struct udp_sock *s = arg;

	s->busy++;
	for (unsigned round = 0; round < UDP_RX_ROUNDS && !s->dead; round++) {
		int n;

		rx_prepare(s);
		n = recvmmsg(s->fd, s->rmsg, UDP_BATCH, MSG_DONTWAIT, NULL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break; /* EAGAIN: drained */
		s->st.rx_batches++;
		for (int i = 0; i < n && !s->dead; i++)
			rx_deliver(s, (unsigned)i);
		if (n < UDP_BATCH)
			break;
	}
	if (--s->busy == 0 && s->dead) {
		free(s->arena);
		free(s);
	}
}

static void tx_prepare(struct udp_sock *s, unsigned i)
{
	const struct udp_txq *q = &s->txq[i];
	struct msghdr *h = &s->tmsg[i].msg_hdr;

	s->tiov[i] = (struct iovec){ .iov_base = s->arena + q->off, .iov_len = q->len };
	s->tto[i] = udp_sin(q->dst, q->dport);
	*h = (struct msghdr){
		.msg_name = &s->tto[i],
		.msg_namelen = sizeof(s->tto[i]),
		.msg_iov = &s->tiov[i],
		.msg_iovlen = 1,
	};
	if (s->addr == 0 && q->src != 0) {
		struct in_pktinfo pi = { .ipi_spec_dst.s_addr = htonl(q->src) };
		struct cmsghdr *c;

		h->msg_control = s->tctl[i].buf;
		h->msg_controllen = sizeof(s->tctl[i].buf);
		c = CMSG_FIRSTHDR(h);
		c->cmsg_level = IPPROTO_IP;
		c->cmsg_type = IP_PKTINFO;
		c->cmsg_len = CMSG_LEN(sizeof(pi));
		memcpy(CMSG_DATA(c), &pi, sizeof(pi));
	}
}

/* Send the queue.  A datagram the kernel refuses (or has no room for: UDP may drop) is
 * counted in tx_errors and skipped; the rest are retried after a partial send. */
static int udp_flush(void *ctx)
{
	struct udp_sock *s = ctx;
	unsigned off = 0;
	int rc = 0;

	for (unsigned i = 0; i < s->ntx; i++)
		tx_prepare(s, i);
	while (off < s->ntx) {
		int n = sendmmsg(s->fd, s->tmsg + off, s->ntx - off, MSG_DONTWAIT);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			s->st.tx_errors++;
			off++;
			rc = -1;
			continue;
		}
		s->st.tx_batches++;
		s->st.tx += (uint64_t)n;
		off += (unsigned)n;
	}
	s->ntx = 0;
	s->used = 0;
	return rc;
}

static void udp_idle(void *arg)
{
	struct udp_sock *s = arg;

	if (s->ntx)
		udp_flush(s);
}

/* Room for len more bytes in the arena (which holds the largest datagram), flushing
 * when the queue or the arena is full. */
static void tx_room(struct udp_sock *s, size_t len)
{
	if (s->ntx == UDP_BATCH || UDP_TX_ARENA - s->used < len)
		udp_flush(s);
}

static int udp_send(void *ctx, const struct udp_ends *ends, const uint8_t *buf, size_t len)
{
	struct udp_sock *s = ctx;
	struct udp_txq *q;

	if (len > UDP_MAX_PAYLOAD) {
		errno = EMSGSIZE;
		s->st.tx_errors++;
		return -1;
	}
	tx_room(s, len);
	q = &s->txq[s->ntx++];
	*q = (struct udp_txq){ .src = ends->src, .dst = ends->dst, .dport = ends->dport,
			       .off = s->used, .len = len };
	if (len)
		memcpy(s->arena + s->used, buf, len);
	s->used += len;
	return 0;
}

static const struct io_ops udp_ops = {
	.send = udp_send,
	.flush = udp_flush,
};

struct io udp_sock_io(struct udp_sock *s)
{
	return (struct io){ .ops = &udp_ops, .ctx = s };
}

uint16_t udp_sock_port(const struct udp_sock *s)
{
	return s->port;
}

struct udp_stats udp_sock_stats(const struct udp_sock *s)
{
	return s->st;
}
