/* io_udp.c — the live UDP backend of io.h: recvmmsg/sendmmsg in batches of 64, with
 * IP_PKTINFO, on a socket bound to any, for the destination of each received datagram
 * (RFC 5944 §3.8.2.1 needs it to tell unicast from broadcast) and for the source of its
 * sends.
 */
#include "io_udp.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "sockq.h"
#include "txt.h"

#define UDP_BATCH       64
/* Any UDP payload IPv4 can carry: a longer one cannot come, so none is cut (issue #14: a
 * valid RRQ over 4096 bytes went unanswered, unlogged, uncounted).  Slots are memory
 * the kernel fills on demand: 64 of them reserve 4 MiB of address space a socket. */
#define UDP_RX_SLOT     65536   /* > UDP_MAX_PAYLOAD; rx_truncated stays for the kernel */
#define UDP_RX_ROUNDS   16      /* batches per wakeup; epoll is level-triggered */
#define UDP_TX_ARENA    (UDP_BATCH * 2048)
#define UDP_MAX_PAYLOAD 65507   /* 65535 - 20 (IPv4) - 8 (UDP) */
#define UDP_RCVBUF      (1 << 20)

_Static_assert(UDP_TX_ARENA >= UDP_MAX_PAYLOAD, "the tx arena holds any datagram");

struct udp_ctl {
	_Alignas(struct cmsghdr) char buf[CMSG_SPACE(sizeof(struct in_pktinfo))];
};

struct udp_sock {
	struct sockq *q;
	uint32_t addr;
	uint16_t port;
	io_rx_fn rx_fn;
	void *arg;
	struct udp_stats st; /* rx and rx_truncated: sockq keeps the rest */
};

static void udp_err(char *err, size_t errlen, uint32_t addr, uint16_t port, int errnum)
{
	snprintf(err, errlen, "%s:%u: %s", txt_ip4(addr).s, port, strerror(errnum));
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
static int udp_bind(struct udp_sock *s, int fd)
{
	struct sockaddr_in sin = udp_sin(s->addr, s->port);
	socklen_t sl = sizeof(sin);
	int on = 1, rcvbuf = UDP_RCVBUF;

	/* No SO_REUSEADDR: for UDP it would let a second daemon share the port silently;
	 * a clash must be an error at start-up.  IP_PKTINFO only on a socket bound to any:
	 * one bound to an address receives nothing sent to another (not even a broadcast),
	 * so its datagrams' destination is that address, and the kernel's per-datagram
	 * look-up for the option would be wasted. */
	if (s->addr == 0 && setsockopt(fd, IPPROTO_IP, IP_PKTINFO, &on, sizeof(on)) < 0)
		return -1;
	/* Best effort: room for bursts between wakeups (sockq_rcvbuf). */
	sockq_rcvbuf(fd, rcvbuf);
	if (bind(fd, (const struct sockaddr *)&sin, sizeof(sin)) < 0)
		return -1;
	if (getsockname(fd, (struct sockaddr *)&sin, &sl) < 0)
		return -1;
	s->port = ntohs(sin.sin_port);
	return 0;
}

static void udp_rx(void *owner, struct msghdr *h, uint8_t *buf, size_t len);

static const struct sockq_cfg udp_cfg = {
	.rx_batch = UDP_BATCH,
	.rx_rounds = UDP_RX_ROUNDS,
	.rx_slot = UDP_RX_SLOT,
	.rx_namelen = sizeof(struct sockaddr_in),
	.rx_ctllen = sizeof(struct udp_ctl),
	.tx_batch = UDP_BATCH,
	.tx_max = UDP_MAX_PAYLOAD,
	.tx_arena = UDP_TX_ARENA,
	.tx_namelen = sizeof(struct sockaddr_in),
	.tx_ctllen = sizeof(struct udp_ctl),
	.rx = udp_rx,
};

struct udp_sock *udp_sock_open(struct loop *l, uint32_t addr, uint16_t port, io_rx_fn rx,
			       void *arg, char *err, size_t errlen)
{
	struct udp_sock *s = calloc(1, sizeof(*s));
	int fd;

	if (!s) {
		udp_err(err, errlen, addr, port, ENOMEM);
		return NULL;
	}
	s->addr = addr;
	s->port = port;
	s->rx_fn = rx;
	s->arg = arg;
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0 || udp_bind(s, fd) < 0)
		goto fail;
	s->q = sockq_create(&udp_cfg, s);
	if (!s->q || sockq_start(s->q, l, fd) < 0)
		goto fail;
	return s;
fail:
	udp_err(err, errlen, addr, port, errno);
	sockq_abandon(s->q, s, fd);
	return NULL;
}

void udp_sock_close(struct udp_sock *s)
{
	if (s)
		sockq_close(s->q); /* frees s now, or on the way out of udp_rx */
}

/* The header destination address from IP_PKTINFO (a socket bound to any), or the bound
 * one. */
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

static void udp_rx(void *owner, struct msghdr *h, uint8_t *buf, size_t len)
{
	struct udp_sock *s = owner;
	struct sockaddr_in from;
	struct udp_ends ends;

	if (h->msg_flags & MSG_TRUNC) {
		s->st.rx_truncated++;
		return;
	}
	memcpy(&from, h->msg_name, sizeof(from));
	ends.src = ntohl(from.sin_addr.s_addr);
	ends.sport = ntohs(from.sin_port);
	ends.dst = rx_dst(s, h);
	ends.dport = s->port;
	s->st.rx++;
	s->rx_fn(s->arg, &ends, buf, len);
}

static int udp_flush(void *ctx)
{
	struct udp_sock *s = ctx;

	return sockq_flush(s->q);
}

/* Queue one datagram, with IP_PKTINFO for its source from a socket bound to any. */
static int udp_send(void *ctx, const struct udp_ends *ends, const uint8_t *buf, size_t len)
{
	struct udp_sock *s = ctx;
	struct sockaddr_in to = udp_sin(ends->dst, ends->dport);
	struct udp_ctl ctl;
	struct msghdr h = { .msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf) };
	struct in_pktinfo pi = { .ipi_spec_dst.s_addr = htonl(ends->src) };
	struct cmsghdr *c;

	if (s->addr != 0 || ends->src == 0)
		return sockq_push(s->q, buf, len, &to, sizeof(to), NULL, 0);
	memset(&ctl, 0, sizeof(ctl));
	c = CMSG_FIRSTHDR(&h);
	c->cmsg_level = IPPROTO_IP;
	c->cmsg_type = IP_PKTINFO;
	c->cmsg_len = CMSG_LEN(sizeof(pi));
	memcpy(CMSG_DATA(c), &pi, sizeof(pi));
	return sockq_push(s->q, buf, len, &to, sizeof(to), ctl.buf, sizeof(ctl.buf));
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
	struct sockq_stats q = sockq_stats(s->q);
	struct udp_stats st = s->st;

	st.tx = q.tx;
	st.rx_batches = q.rx_batches;
	st.tx_batches = q.tx_batches;
	st.tx_errors = q.tx_errors;
	return st;
}
