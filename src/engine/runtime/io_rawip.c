/* io_rawip.c — the raw IPv4 backend of port.h for tunnel protocols (RFC 2003 IP-in-IP,
 * RFC 2784 GRE): one SOCK_RAW socket per protocol with IP_HDRINCL, received with
 * recvmmsg in batches of 16 slots of 64 KiB (raw sockets see reassembled packets) from an
 * 8 MiB receive buffer, sent with sendmmsg in batches of 64, each to the header's own
 * Destination Address: sends are queued and flushed when the queue is full and from the
 * loop's idle hook; what the kernel refuses then goes to the fallback port, if any.
 */
#include "io_rawip.h"

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

#define RAWIP_BATCH     16
#define RAWIP_RX_SLOT   65536 /* any IPv4 packet: Total Length is 16 bits */
#define RAWIP_RX_ROUNDS 16    /* batches per wakeup; epoll is level-triggered */
/* Receive buffer: room for bursts while the process is scheduled out.  Since Linux 6.9 a
 * packet a full raw socket cannot take counts as an unknown protocol, and the kernel
 * tries (rate-limited, but with a route lookup each time) to answer ICMP Protocol
 * Unreachable.  Past net.core.rmem_max with CAP_NET_ADMIN (SO_RCVBUFFORCE). */
#define RAWIP_RCVBUF    (8 << 20)
#define RAWIP_HDR_MIN   20    /* an IPv4 header without options */
#define RAWIP_DST_OFF   16    /* Destination Address in the IPv4 header (RFC 791 §3.1) */
#define RAWIP_TX_BATCH  64
#define RAWIP_TX_MAX    65535 /* Total Length is 16 bits */
#define RAWIP_TX_ARENA  (RAWIP_TX_BATCH * 2048)

_Static_assert(RAWIP_TX_ARENA >= RAWIP_TX_MAX, "the tx arena holds any packet");

struct rawip_sock {
	struct sockq *q;
	pkt_rx_fn rx_fn;
	void *arg;
	struct pkt_port fallback; /* send NULL: none */
	uint64_t fell_back;
	struct port_stats st; /* rx, rx_truncated, malformed sends in tx_errors */
};

static void rawip_err(char *err, size_t errlen, uint8_t proto, uint32_t addr, int errnum)
{
	snprintf(err, errlen, "proto %u on %s: %s", proto, txt_ip4(addr).s, strerror(errnum));
}

/* IP_HDRINCL, buffer, bind.  -1 with errno. */
static int rawip_bind(int fd, uint32_t addr)
{
	struct sockaddr_in sin;
	int on = 1, rcvbuf = RAWIP_RCVBUF;

	if (setsockopt(fd, IPPROTO_IP, IP_HDRINCL, &on, sizeof(on)) < 0)
		return -1;
	sockq_rcvbuf(fd, rcvbuf);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(addr);
	return bind(fd, (const struct sockaddr *)&sin, sizeof(sin));
}

static void rawip_rx(void *owner, struct msghdr *h, uint8_t *buf, size_t len);
static int rawip_refused(void *owner, const uint8_t *buf, size_t len, int e);

static const struct sockq_cfg rawip_cfg = {
	.rx_batch = RAWIP_BATCH,
	.rx_rounds = RAWIP_RX_ROUNDS,
	.rx_slot = RAWIP_RX_SLOT,
	.tx_batch = RAWIP_TX_BATCH,
	.tx_max = RAWIP_TX_MAX,
	.tx_arena = RAWIP_TX_ARENA,
	.tx_namelen = sizeof(struct sockaddr_in),
	.rx = rawip_rx,
	.refused = rawip_refused,
};

struct rawip_sock *rawip_sock_open(struct loop *l, uint8_t proto, uint32_t addr,
				   pkt_rx_fn rx, void *arg, char *err, size_t errlen)
{
	struct rawip_sock *s = calloc(1, sizeof(*s));
	int fd = -1;

	if (!s) {
		rawip_err(err, errlen, proto, addr, ENOMEM);
		return NULL;
	}
	s->rx_fn = rx;
	s->arg = arg;
	s->q = sockq_create(&rawip_cfg, s);
	if (!s->q)
		goto fail;
	fd = socket(AF_INET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, proto);
	if (fd < 0 || rawip_bind(fd, addr) < 0 || sockq_start(s->q, l, fd) < 0)
		goto fail;
	return s;
fail:
	rawip_err(err, errlen, proto, addr, errno);
	sockq_abandon(s->q, s, fd);
	return NULL;
}

void rawip_sock_close(struct rawip_sock *s)
{
	if (s)
		sockq_close(s->q); /* frees s now, or on the way out of rawip_rx */
}

static void rawip_rx(void *owner, struct msghdr *h, uint8_t *buf, size_t len)
{
	struct rawip_sock *s = owner;

	if (h->msg_flags & MSG_TRUNC) {
		s->st.rx_truncated++;
		return;
	}
	s->st.rx++;
	s->rx_fn(s->arg, buf, len);
}

/* A packet the kernel refused goes to the fallback port, if any. */
static int rawip_refused(void *owner, const uint8_t *buf, size_t len, int e)
{
	struct rawip_sock *s = owner;

	(void)e;
	if (!s->fallback.send || pkt_port_send(&s->fallback, buf, len) < 0)
		return -1;
	s->fell_back++;
	return 0;
}

void rawip_sock_set_fallback(struct rawip_sock *s, struct pkt_port fb)
{
	s->fallback = fb;
}

uint64_t rawip_sock_fell_back(const struct rawip_sock *s)
{
	return s->fell_back;
}

/* Queue one packet (checked here, so a malformed one fails at once) to the header's own
 * Destination Address; the idle hook or a full queue sends it. */
static int rawip_send(void *ctx, const uint8_t *buf, size_t len)
{
	struct rawip_sock *s = ctx;
	struct sockaddr_in to = { .sin_family = AF_INET };

	if (len < RAWIP_HDR_MIN || (buf[0] >> 4) != 4) {
		errno = EINVAL;
		s->st.tx_errors++;
		return -1;
	}
	memcpy(&to.sin_addr.s_addr, buf + RAWIP_DST_OFF, 4); /* network order */
	return sockq_push(s->q, buf, len, &to, sizeof(to), NULL, 0);
}

struct pkt_port rawip_sock_port(struct rawip_sock *s)
{
	return (struct pkt_port){ .send = rawip_send, .ctx = s };
}

struct port_stats rawip_sock_stats(const struct rawip_sock *s)
{
	return sockq_port_stats(s->q, s->st);
}
