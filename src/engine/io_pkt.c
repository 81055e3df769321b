/* io_pkt.c — the AF_PACKET backend of port.h: one SOCK_RAW socket bound to one interface
 * for ETH_P_ALL, received with recvmmsg in batches of 32, sent with sendmmsg in batches of
 * 64: sends are queued and flushed when the queue is full and from the loop's idle hook.  Our
 * own frames are left out by PACKET_IGNORE_OUTGOING (Linux 4.20) and, where that option
 * is missing, by their PACKET_OUTGOING packet type.
 */
#include "io_pkt.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#define PKT_BATCH     32
#define PKT_RX_SLOT   16384 /* jumbo frames fit; larger are dropped as rx_truncated */
#define PKT_RX_ROUNDS 16    /* batches per wakeup; epoll is level-triggered */
#define PKT_RCVBUF    (1 << 20)
#define PKT_TX_BATCH  64
#define PKT_TX_MAX    65535 /* larger than any MTU: refused with EMSGSIZE */
#define PKT_TX_ARENA  (PKT_TX_BATCH * 2048)

_Static_assert(PKT_TX_ARENA >= PKT_TX_MAX, "the tx arena holds any frame");

struct pkt_sock {
	struct loop *l;
	int fd;
	int ifindex;
	uint8_t mac[PKT_MAC_LEN];
	pkt_rx_fn rx_fn;
	void *arg;
	struct port_stats st;
	unsigned busy; /* inside rx callbacks: close defers the free */
	bool dead;

	struct mmsghdr rmsg[PKT_BATCH];
	struct iovec riov[PKT_BATCH];
	struct sockaddr_ll rfrom[PKT_BATCH];
	uint8_t rbuf[PKT_BATCH][PKT_RX_SLOT];

	struct mmsghdr tmsg[PKT_TX_BATCH];
	struct iovec tiov[PKT_TX_BATCH];
	unsigned ntx;
	uint8_t *arena; /* PKT_TX_ARENA bytes */
	size_t used;
};

/* The interface's index and MAC address, through the socket.  -1 with errno. */
static int pkt_ifinfo(struct pkt_sock *s, const char *ifname)
{
	struct ifreq ifr;

	if (strlen(ifname) >= sizeof(ifr.ifr_name) || !*ifname) {
		errno = ENODEV;
		return -1;
	}
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, ifname, strlen(ifname));
	if (ioctl(s->fd, SIOCGIFINDEX, &ifr) < 0)
		return -1;
	s->ifindex = ifr.ifr_ifindex;
	if (ioctl(s->fd, SIOCGIFHWADDR, &ifr) < 0)
		return -1;
	memcpy(s->mac, ifr.ifr_hwaddr.sa_data, PKT_MAC_LEN);
	return 0;
}

/* Options and bind.  The socket was made with protocol 0, so it queues nothing until
 * bind names both the protocol and the interface.  -1 with errno. */
static int pkt_bind(struct pkt_sock *s)
{
	struct sockaddr_ll sll;
	int rcvbuf = PKT_RCVBUF;

#ifdef PACKET_IGNORE_OUTGOING
	int on = 1;

	/* Best effort: older kernels lack it, and rx filters PACKET_OUTGOING anyway. */
	(void)setsockopt(s->fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &on, sizeof(on));
#endif
	(void)setsockopt(s->fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_ALL);
	sll.sll_ifindex = s->ifindex;
	return bind(s->fd, (const struct sockaddr *)&sll, sizeof(sll));
}

static void pkt_free(struct pkt_sock *s)
{
	free(s->arena);
	free(s);
}

static void pkt_readable(void *arg);
static void pkt_idle(void *arg);

struct pkt_sock *pkt_sock_open(struct loop *l, const char *ifname, pkt_rx_fn rx, void *arg,
			       char *err, size_t errlen)
{
	struct pkt_sock *s = calloc(1, sizeof(*s));
	int e;

	if (!s) {
		snprintf(err, errlen, "%s: %s", ifname, strerror(ENOMEM));
		return NULL;
	}
	s->l = l;
	s->rx_fn = rx;
	s->arg = arg;
	s->arena = malloc(PKT_TX_ARENA);
	if (!s->arena) {
		snprintf(err, errlen, "%s: %s", ifname, strerror(ENOMEM));
		free(s);
		return NULL;
	}
	s->fd = socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s->fd < 0 || pkt_ifinfo(s, ifname) < 0 || pkt_bind(s) < 0)
		goto fail;
	if (loop_add_fd(l, s->fd, pkt_readable, s) < 0)
		goto fail;
	if (loop_add_idle(l, pkt_idle, s) < 0) {
		e = errno;
		loop_del_fd(l, s->fd);
		errno = e;
		goto fail;
	}
	return s;
fail:
	snprintf(err, errlen, "%s: %s", ifname, strerror(errno));
	if (s->fd >= 0)
		close(s->fd);
	pkt_free(s);
	return NULL;
}

static void pkt_flush(struct pkt_sock *s);

void pkt_sock_close(struct pkt_sock *s)
{
	if (!s || s->dead)
		return;
	pkt_flush(s);
	loop_del_idle(s->l, pkt_idle, s);
	loop_del_fd(s->l, s->fd);
	close(s->fd);
	s->dead = true;
	if (!s->busy)
		pkt_free(s); /* else pkt_readable frees it on the way out */
}

static void rx_prepare(struct pkt_sock *s)
{
	for (unsigned i = 0; i < PKT_BATCH; i++) {
		s->riov[i] = (struct iovec){ .iov_base = s->rbuf[i], .iov_len = PKT_RX_SLOT };
		s->rmsg[i].msg_hdr = (struct msghdr){
			.msg_name = &s->rfrom[i],
			.msg_namelen = sizeof(s->rfrom[i]),
			.msg_iov = &s->riov[i],
			.msg_iovlen = 1,
		};
	}
}

static void rx_deliver(struct pkt_sock *s, unsigned i)
{
	const struct mmsghdr *m = &s->rmsg[i];

	if (s->rfrom[i].sll_pkttype == PACKET_OUTGOING) {
		s->st.rx_ignored++;
		return;
	}
	if (m->msg_hdr.msg_flags & MSG_TRUNC) {
		s->st.rx_truncated++;
		return;
	}
	s->st.rx++;
	s->rx_fn(s->arg, s->rbuf[i], m->msg_len);
}

static void pkt_readable(void *arg)
{
	struct pkt_sock *s = arg;

	s->busy++;
	for (unsigned round = 0; round < PKT_RX_ROUNDS && !s->dead; round++) {
		int n;

		rx_prepare(s);
		n = recvmmsg(s->fd, s->rmsg, PKT_BATCH, MSG_DONTWAIT, NULL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
			s->st.rx_errors++; /* a pending socket error, cleared by reading it */
		if (n <= 0)
			break;
		s->st.rx_batches++;
		for (int i = 0; i < n && !s->dead; i++)
			rx_deliver(s, (unsigned)i);
		if (n < PKT_BATCH)
			break;
	}
	if (--s->busy == 0 && s->dead)
		pkt_free(s);
}

static void tx_prepare(struct pkt_sock *s)
{
	size_t off = 0;

	for (unsigned i = 0; i < s->ntx; i++) {
		s->tiov[i].iov_base = s->arena + off;
		s->tmsg[i].msg_hdr = (struct msghdr){ .msg_iov = &s->tiov[i], .msg_iovlen = 1 };
		off += s->tiov[i].iov_len;
	}
}

/* Send the queue.  A frame the kernel refuses (too long, link down, no buffer room) is
 * counted in tx_errors and skipped; the rest are retried after a partial send. */
static void pkt_flush(struct pkt_sock *s)
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

static void pkt_idle(void *arg)
{
	struct pkt_sock *s = arg;

	if (s->ntx)
		pkt_flush(s);
}

/* Queue one frame; the idle hook or a full queue sends it. */
static int pkt_send(void *ctx, const uint8_t *buf, size_t len)
{
	struct pkt_sock *s = ctx;

	if (len > PKT_TX_MAX) {
		errno = EMSGSIZE;
		s->st.tx_errors++;
		return -1;
	}
	if (s->ntx == PKT_TX_BATCH || PKT_TX_ARENA - s->used < len)
		pkt_flush(s);
	if (len)
		memcpy(s->arena + s->used, buf, len);
	s->tiov[s->ntx++].iov_len = len;
	s->used += len;
	return 0;
}

struct pkt_port pkt_sock_port(struct pkt_sock *s)
{
	return (struct pkt_port){ .send = pkt_send, .ctx = s };
}

int pkt_sock_ifindex(const struct pkt_sock *s)
{
	return s->ifindex;
}

const uint8_t *pkt_sock_mac(const struct pkt_sock *s)
{
	return s->mac;
}

struct port_stats pkt_sock_stats(const struct pkt_sock *s)
{
	return s->st;
}
