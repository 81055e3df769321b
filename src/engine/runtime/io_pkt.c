/* io_pkt.c — the AF_PACKET backend of port.h: one SOCK_RAW socket bound to one interface
 * for ETH_P_ALL, received with recvmmsg in batches of 32, sent with sendmmsg in batches of
 * 64: sends are queued and flushed when the queue is full and from the loop's idle hook.  Our
 * own frames are left out by PACKET_IGNORE_OUTGOING (Linux 4.20) and, where that option
 * is missing, by their PACKET_OUTGOING packet type.
 *
 * A frame a local sender handed over with checksum offload (a veth peer: a DHCPRELEASE
 * or a TCP segment from the host's own stack) arrives with its UDP or TCP checksum not
 * yet computed (PACKET_AUXDATA: TP_STATUS_CSUMNOTREADY); it is computed here, so that
 * parsers may check it and tunnelled packets leave correct.
 */
#include "io_pkt.h"

#include <errno.h>
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

#include "sockq.h"
#include "tun.h"

#define PKT_BATCH     32
#define PKT_RX_SLOT   16384 /* jumbo frames fit; larger are dropped as rx_truncated */
#define PKT_RX_ROUNDS 16    /* batches per wakeup; epoll is level-triggered */
#define PKT_RCVBUF    (1 << 20)
#define PKT_TX_BATCH  64
#define PKT_TX_MAX    65535 /* larger than any MTU: refused with EMSGSIZE */
#define PKT_TX_ARENA  (PKT_TX_BATCH * 2048)
#define PKT_CTL       CMSG_SPACE(sizeof(struct tpacket_auxdata))

_Static_assert(PKT_TX_ARENA >= PKT_TX_MAX, "the tx arena holds any frame");

struct pkt_sock {
	struct sockq *q;
	int ifindex;
	uint8_t mac[PKT_MAC_LEN];
	pkt_rx_fn rx_fn;
	void *arg;
	struct port_stats st; /* rx, rx_truncated, rx_ignored: sockq keeps the rest */
};

/* The interface's index and MAC address, through the socket.  -1 with errno. */
static int pkt_ifinfo(struct pkt_sock *s, int fd, const char *ifname)
{
	struct ifreq ifr;

	if (strlen(ifname) >= sizeof(ifr.ifr_name) || !*ifname) {
		errno = ENODEV;
		return -1;
	}
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, ifname, strlen(ifname));
	if (ioctl(fd, SIOCGIFINDEX, &ifr) < 0)
		return -1;
	s->ifindex = ifr.ifr_ifindex;
	if (ioctl(fd, SIOCGIFHWADDR, &ifr) < 0)
		return -1;
	memcpy(s->mac, ifr.ifr_hwaddr.sa_data, PKT_MAC_LEN);
	return 0;
}

/* Options and bind.  The socket was made with protocol 0, so it queues nothing until
 * bind names both the protocol and the interface.  -1 with errno. */
static int pkt_bind(const struct pkt_sock *s, int fd)
{
	struct sockaddr_ll sll;
	int rcvbuf = PKT_RCVBUF, aux = 1;

#ifdef PACKET_IGNORE_OUTGOING
	int on = 1;

	/* Best effort: older kernels lack it, and rx filters PACKET_OUTGOING anyway. */
	(void)setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &on, sizeof(on));
#endif
	sockq_rcvbuf(fd, rcvbuf);
	(void)setsockopt(fd, SOL_PACKET, PACKET_AUXDATA, &aux, sizeof(aux));
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_ALL);
	sll.sll_ifindex = s->ifindex;
	return bind(fd, (const struct sockaddr *)&sll, sizeof(sll));
}

static void pkt_rx(void *owner, struct msghdr *h, uint8_t *buf, size_t len);

static const struct sockq_cfg pkt_cfg = {
	.rx_batch = PKT_BATCH,
	.rx_rounds = PKT_RX_ROUNDS,
	.rx_slot = PKT_RX_SLOT,
	.rx_namelen = sizeof(struct sockaddr_ll),
	.rx_ctllen = PKT_CTL,
	.tx_batch = PKT_TX_BATCH,
	.tx_max = PKT_TX_MAX,
	.tx_arena = PKT_TX_ARENA,
	.rx = pkt_rx,
};

struct pkt_sock *pkt_sock_open(struct loop *l, const char *ifname, pkt_rx_fn rx, void *arg,
			       char *err, size_t errlen)
{
	struct pkt_sock *s = calloc(1, sizeof(*s));
	int fd = -1;

	if (!s) {
		snprintf(err, errlen, "%s: %s", ifname, strerror(ENOMEM));
		return NULL;
	}
	s->rx_fn = rx;
	s->arg = arg;
	s->q = sockq_create(&pkt_cfg, s);
	if (!s->q)
		goto fail;
	fd = socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0 || pkt_ifinfo(s, fd, ifname) < 0 || pkt_bind(s, fd) < 0)
		goto fail;
	if (sockq_start(s->q, l, fd) < 0)
		goto fail;
	return s;
fail:
	snprintf(err, errlen, "%s: %s", ifname, strerror(errno));
	sockq_abandon(s->q, s, fd);
	return NULL;
}

void pkt_sock_close(struct pkt_sock *s)
{
	if (s)
		sockq_close(s->q); /* frees s now, or on the way out of pkt_rx */
}

/* The kernel left the frame's L4 checksum to the (virtual) device. */
static bool csum_not_ready(struct msghdr *h)
{
	for (struct cmsghdr *c = CMSG_FIRSTHDR(h); c; c = CMSG_NXTHDR(h, c)) {
		struct tpacket_auxdata aux;

		if (c->cmsg_level != SOL_PACKET || c->cmsg_type != PACKET_AUXDATA ||
		    c->cmsg_len < CMSG_LEN(sizeof(aux)))
			continue;
		memcpy(&aux, CMSG_DATA(c), sizeof(aux));
		return aux.tp_status & TP_STATUS_CSUMNOTREADY;
	}
	return false;
}

/* Compute the UDP or TCP checksum of an untagged IPv4 frame, unfragmented. */
static void csum_complete(uint8_t *buf, size_t len)
{
	struct tun_ip4 h;
	struct mip_err e;
	uint8_t *l4 = buf + ETH_HLEN;
	size_t off, n;
	uint16_t c;

	if (len < ETH_HLEN || (buf[12] << 8 | buf[13]) != ETHERTYPE_IP ||
	    tun_ip4_parse(l4, len - ETH_HLEN, &h, &e) < 0 || (h.frag & 0x3fff))
		return;
	off = h.proto == 17 ? 6 : h.proto == 6 ? 16 : 0;
	n = h.tot_len - h.hlen;
	l4 += h.hlen;
	if (!off || n < off + 2)
		return;
	l4[off] = l4[off + 1] = 0;
	c = tun_l4_csum(h.src, h.dst, h.proto, l4, n);
	if (!c && h.proto == 17)
		c = 0xffff; /* RFC 768: a computed 0 is sent as all ones */
	l4[off] = (uint8_t)(c >> 8);
	l4[off + 1] = (uint8_t)c;
}

static void pkt_rx(void *owner, struct msghdr *h, uint8_t *buf, size_t len)
{
	struct pkt_sock *s = owner;
	struct sockaddr_ll from;

	memcpy(&from, h->msg_name, sizeof(from));
	if (from.sll_pkttype == PACKET_OUTGOING) {
		s->st.rx_ignored++;
		return;
	}
	if (h->msg_flags & MSG_TRUNC) {
		s->st.rx_truncated++;
		return;
	}
	s->st.rx++;
	if (csum_not_ready(h))
		csum_complete(buf, len);
	s->rx_fn(s->arg, buf, len);
}

/* Queue one frame; the idle hook or a full queue sends it. */
static int pkt_send(void *ctx, const uint8_t *buf, size_t len)
{
	struct pkt_sock *s = ctx;

	return sockq_push(s->q, buf, len, NULL, 0, NULL, 0);
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
	return sockq_port_stats(s->q, s->st);
}
