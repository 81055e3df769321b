/* io_rawip.c — the raw IPv4 backend of port.h for tunnel protocols (RFC 2003 IP-in-IP,
 * RFC 2784 GRE): one SOCK_RAW socket per protocol with IP_HDRINCL, received with
 * recvmmsg in batches of 16 slots of 64 KiB (raw sockets see reassembled packets), sent
 * one packet at a time to the header's own Destination Address.
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
	free(s->rbuf);
	free(s);
}

static void rawip_readable(void *arg);

struct rawip_sock *rawip_sock_open(struct loop *l, uint8_t proto, uint32_t addr,
				   pkt_rx_fn rx, void *arg, char *err, size_t errlen)
{
	struct rawip_sock *s = calloc(1, sizeof(*s));

	if (!s) {
		rawip_err(err, errlen, proto, addr, ENOMEM);
		return NULL;
	}
	s->l = l;
	s->rx_fn = rx;
	s->arg = arg;
	s->fd = -1;
	s->rbuf = malloc((size_t)RAWIP_BATCH * RAWIP_RX_SLOT);
	if (!s->rbuf) {
		errno = ENOMEM;
		goto fail;
	}
	s->fd = socket(AF_INET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, proto);
	if (s->fd < 0 || rawip_bind(s, addr) < 0)
		goto fail;
	if (loop_add_fd(l, s->fd, rawip_readable, s) < 0)
		goto fail;
	return s;
fail:
	rawip_err(err, errlen, proto, addr, errno);
	if (s->fd >= 0)
		close(s->fd);
	rawip_free(s);
	return NULL;
}

void rawip_sock_close(struct rawip_sock *s)
{
	if (!s || s->dead)
		return;
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

static int rawip_send(void *ctx, const uint8_t *buf, size_t len)
{
	struct rawip_sock *s = ctx;
	struct sockaddr_in to;
	ssize_t n;

	if (len < RAWIP_HDR_MIN || (buf[0] >> 4) != 4) {
		errno = EINVAL;
		s->st.tx_errors++;
		return -1;
	}
	memset(&to, 0, sizeof(to));
	to.sin_family = AF_INET;
	memcpy(&to.sin_addr.s_addr, buf + RAWIP_DST_OFF, 4); /* already network order */
	do
		n = sendto(s->fd, buf, len, MSG_DONTWAIT, (const struct sockaddr *)&to,
			   sizeof(to));
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		s->st.tx_errors++;
		return -1;
	}
	s->st.tx++;
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
