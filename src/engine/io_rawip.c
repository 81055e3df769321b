/* io_rawip.c — the raw IPv4 backend of port.h for tunnel protocols (RFC 2003 IP-in-IP,
 * RFC 2784 GRE): one SOCK_RAW socket per protocol with IP_HDRINCL, received with
 * recvmmsg in batches of 16 slots of 64 KiB (raw sockets see reassembled packets), sent
 * with sendmmsg in batches of 64, each to the header's own Destination Address: sends
 * are queued and flushed when the queue is full and from the loop's idle hook.
 */
#include "io_rawip.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#define RAWIP_BATCH     16
#define RAWIP_RX_SLOT   65536 /* any IPv4 packet: Total Length is 16 bits */
#define RAWIP_RX_ROUNDS 16    /* batches per wakeup; epoll is level-triggered */
#define RAWIP_RCVBUF    (1 << 20)
#define RAWIP_HDR_MIN   20    /* an IPv4 header without options */
#define RAWIP_DST_OFF   16    /* Destination Address in the IPv4 header (RFC 791 §3.1) */
#define RAWIP_TX_BATCH  64
#define RAWIP_TX_MAX    65535 /* Total Length is 16 bits */
#define RAWIP_TX_ARENA  (RAWIP_TX_BATCH * 2048)

_Static_assert(RAWIP_TX_ARENA >= RAWIP_TX_MAX, "the tx arena holds any packet");

struct rawip_sock {
	struct loop *l;
	int fd;
	pkt_rx_fn rx_fn;
	void *arg;
	struct port_stats st;
	unsigned busy; /* inside rx callbacks: close defers the free */
	bool dead;

	struct mmsghdr rmsg[RAWIP_BATCH];
	struct iovec riov[RAWIP_BATCH];
	uint8_t *rbuf; /* RAWIP_BATCH slots of RAWIP_RX_SLOT bytes */

	struct mmsghdr tmsg[RAWIP_TX_BATCH];
	struct iovec tiov[RAWIP_TX_BATCH];
	struct sockaddr_in tto[RAWIP_TX_BATCH];
	unsigned ntx;
	uint8_t *arena; /* RAWIP_TX_ARENA bytes */
	size_t used;
};

static void rawip_err(char *err, size_t errlen, uint8_t proto, uint32_t addr, int errnum)
{
	snprintf(err, errlen, "proto %u on %u.%u.%u.%u: %s", proto, addr >> 24,
		 (addr >> 16) & 0xff, (addr >> 8) & 0xff, addr & 0xff, strerror(errnum));
}

/* IP_HDRINCL, buffer, bind.  -1 with errno. */
static int rawip_bind(struct rawip_sock *s, uint32_t addr)
{
	struct sockaddr_in sin;
	int on = 1, rcvbuf = RAWIP_RCVBUF;

	if (setsockopt(s->fd, IPPROTO_IP, IP_HDRINCL, &on, sizeof(on)) < 0)
		return -1;
	(void)setsockopt(s->fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(addr);
	return bind(s->fd, (const struct sockaddr *)&sin, sizeof(sin));
}

static void rawip_free(struct rawip_sock *s)
{
	free(s->arena);
	free(s->rbuf);
	free(s);
}

static void rawip_readable(void *arg);
static void rawip_idle(void *arg);

struct rawip_sock *rawip_sock_open(struct loop *l, uint8_t proto, uint32_t addr,
				   pkt_rx_fn rx, void *arg, char *err, size_t errlen)
{
	struct rawip_sock *s = calloc(1, sizeof(*s));
	int e;

	if (!s) {
		rawip_err(err, errlen, proto, addr, ENOMEM);
		return NULL;
	}
	s->l = l;
	s->rx_fn = rx;
	s->arg = arg;
	s->fd = -1;
	s->rbuf = malloc((size_t)RAWIP_BATCH * RAWIP_RX_SLOT);
	s->arena = malloc(RAWIP_TX_ARENA);
	if (!s->rbuf || !s->arena) {
		errno = ENOMEM;
		goto fail;
	}
	s->fd = socket(AF_INET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, proto);
	if (s->fd < 0 || rawip_bind(s, addr) < 0)
		goto fail;
	if (loop_add_fd(l, s->fd, rawip_readable, s) < 0)
		goto fail;
	if (loop_add_idle(l, rawip_idle, s) < 0) {
		e = errno;
		loop_del_fd(l, s->fd);
		errno = e;
		goto fail;
	}
	return s;
fail:
	rawip_err(err, errlen, proto, addr, errno);
	if (s->fd >= 0)
		close(s->fd);
	rawip_free(s);
	return NULL;
}

static void rawip_flush(struct rawip_sock *s);

void rawip_sock_close(struct rawip_sock *s)
{
	if (!s || s->dead)
		return;
	rawip_flush(s);
	loop_del_idle(s->l, rawip_idle, s);
	loop_del_fd(s->l, s->fd);
	close(s->fd);
	s->dead = true;
	if (!s->busy)
		rawip_free(s); /* else rawip_readable frees it on the way out */
}

static void rx_prepare(struct rawip_sock *s)
{
	for (unsigned i = 0; i < RAWIP_BATCH; i++) {
		s->riov[i] = (struct iovec){ .iov_base = s->rbuf + (size_t)i * RAWIP_RX_SLOT,
					     .iov_len = RAWIP_RX_SLOT };
		s->rmsg[i].msg_hdr = (struct msghdr){ .msg_iov = &s->riov[i], .msg_iovlen = 1 };
	}
}

static void rx_deliver(struct rawip_sock *s, unsigned i)
{
	const struct mmsghdr *m = &s->rmsg[i];

	if (m->msg_hdr.msg_flags & MSG_TRUNC) {
		s->st.rx_truncated++;
		return;
	}
	s->st.rx++;
	s->rx_fn(s->arg, s->riov[i].iov_base, m->msg_len);
}

static void rawip_readable(void *arg)
{
	struct rawip_sock *s = arg;

	s->busy++;
	for (unsigned round = 0; round < RAWIP_RX_ROUNDS && !s->dead; round++) {
		int n;

		rx_prepare(s);
		n = recvmmsg(s->fd, s->rmsg, RAWIP_BATCH, MSG_DONTWAIT, NULL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
			s->st.rx_errors++;
		if (n <= 0)
			break;
		s->st.rx_batches++;
		for (int i = 0; i < n && !s->dead; i++)
			rx_deliver(s, (unsigned)i);
		if (n < RAWIP_BATCH)
			break;
	}
	if (--s->busy == 0 && s->dead)
		rawip_free(s);
}

static void tx_prepare(struct rawip_sock *s)
{
	size_t off = 0;

	for (unsigned i = 0; i < s->ntx; i++) {
		uint8_t *pkt = s->arena + off;

		s->tto[i] = (struct sockaddr_in){ .sin_family = AF_INET };
		memcpy(&s->tto[i].sin_addr.s_addr, pkt + RAWIP_DST_OFF, 4); /* network order */
		s->tiov[i].iov_base = pkt;
		s->tmsg[i].msg_hdr = (struct msghdr){
			.msg_name = &s->tto[i],
			.msg_namelen = sizeof(s->tto[i]),
			.msg_iov = &s->tiov[i],
			.msg_iovlen = 1,
		};
		off += s->tiov[i].iov_len;
	}
}

/* Send the queue.  A packet the kernel refuses (EMSGSIZE, no route, no buffer room) is
 * counted in tx_errors and skipped; the rest are retried after a partial send. */
static void rawip_flush(struct rawip_sock *s)
{
	unsigned off = 0;

	tx_prepare(s);
	while (off < s->ntx) {
		int n = sendmmsg(s->fd, s->tmsg + off, s->ntx - off, MSG_DONTWAIT);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			s->st.tx_errors++;
			off++;
			continue;
		}
		s->st.tx += (uint64_t)n;
		off += (unsigned)n;
	}
	s->ntx = 0;
	s->used = 0;
}

static void rawip_idle(void *arg)
{
	struct rawip_sock *s = arg;

	if (s->ntx)
		rawip_flush(s);
}

/* Queue one packet (checked here, so a malformed one fails at once); the idle hook or a
 * full queue sends it. */
static int rawip_send(void *ctx, const uint8_t *buf, size_t len)
{
	struct rawip_sock *s = ctx;

	if (len < RAWIP_HDR_MIN || (buf[0] >> 4) != 4) {
		errno = EINVAL;
		s->st.tx_errors++;
		return -1;
	}
	if (len > RAWIP_TX_MAX) {
		errno = EMSGSIZE;
		s->st.tx_errors++;
		return -1;
	}
	if (s->ntx == RAWIP_TX_BATCH || RAWIP_TX_ARENA - s->used < len)
		rawip_flush(s);
	memcpy(s->arena + s->used, buf, len);
	s->tiov[s->ntx++].iov_len = len;
	s->used += len;
	return 0;
}

struct pkt_port rawip_sock_port(struct rawip_sock *s)
{
	return (struct pkt_port){ .send = rawip_send, .ctx = s };
}

struct port_stats rawip_sock_stats(const struct rawip_sock *s)
{
	return s->st;
}
