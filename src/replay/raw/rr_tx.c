/* rr_tx.c — raw replay's send path (rr_tx.h), two backends behind one ops table:
 *
 * tx-ring   PACKET_MMAP (Linux Documentation/networking/packet_mmap.rst): TPACKET_V2
 *           TX ring shared with the kernel, frames copied into its slots and flagged
 *           TP_STATUS_SEND_REQUEST, one send() kicking a whole batch; with
 *           PACKET_QDISC_BYPASS the frames skip the qdisc layer, as a replay wants them
 *           on the wire as they come.  PACKET_LOSS: a frame the driver refuses is dropped
 *           and the ring goes on (counted by the interface, not here).
 * sendmmsg  when the ring cannot be set up (or --sendmmsg): batches of RR_MMSG_BATCH.
 *
 *           Each slot starts with a virtio_net_hdr (PACKET_VNET_HDR) whose hdr_len is the
 *           whole frame: the kernel then copies the frame into the socket buffer instead
 *           of lending it the ring's pages, which a veth peer (skb_orphan_frags_rx)
 *           would have to copy again into pages of its own, a page allocation a frame.
 *
 * The socket is opened with protocol 0 and bound to the interface with protocol 0: no
 * receive hook, so nothing is queued to it however much the link carries.
 */
#include <errno.h>
#include <linux/if_packet.h>
#include <linux/virtio_net.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "rr_tx.h"

#define RR_RING_BYTES (8u << 20)
#define RR_RING_BATCH 64   /* frames per kick at top speed */
#define RR_MMSG_BATCH 64
#define RR_STUCK_MS 2000
#define RR_TP_DATA TPACKET_ALIGN(sizeof(struct tpacket2_hdr))

struct rr_tx_ops {
	const char *kind;
	int (*put)(struct rr_tx *tx, const uint8_t *p, size_t len);
	int (*kick)(struct rr_tx *tx);
	void (*close)(struct rr_tx *tx);
};

struct rr_tx {
	const struct rr_tx_ops *ops;
	int fd;
	unsigned pending;
	uint64_t refused;
	/* tx-ring */
	uint8_t *ring;
	size_t ring_len;
	unsigned frame_size, frame_nr, head;
	size_t vnet;       /* bytes of virtio_net_hdr before each frame, or 0 */
	/* sendmmsg */
	struct sockaddr_ll to;
	size_t slot_len;
	uint8_t *bufs;
	struct iovec iov[RR_MMSG_BATCH];
	struct mmsghdr msgs[RR_MMSG_BATCH];
};

/* ---- tx-ring ---- */

static int ring_kick(struct rr_tx *tx)
{
	if (!tx->pending)
		return 0;
	tx->pending = 0;
	if (send(tx->fd, NULL, 0, MSG_DONTWAIT) < 0 && errno != EAGAIN && errno != ENOBUFS &&
	    errno != EINTR)
		return -1;
	return 0;
}

/* The slot at head, once the kernel has given it back; NULL with errno after
 * RR_STUCK_MS without (a link whose peer is down keeps frames). */
static struct tpacket2_hdr *ring_slot(struct rr_tx *tx)
{
	struct tpacket2_hdr *h = (void *)(tx->ring + (size_t)tx->head * tx->frame_size);
	struct pollfd pfd = { .fd = tx->fd, .events = POLLOUT };
	unsigned waited = 0;

	for (;;) {
		uint32_t st = __atomic_load_n(&h->tp_status, __ATOMIC_ACQUIRE);

		if (st == TP_STATUS_AVAILABLE)
			return h;
		if (st == TP_STATUS_WRONG_FORMAT) {
			tx->refused++;
			return h;
		}
		tx->pending = 1; /* kick even when the last kick left frames behind */
		if (ring_kick(tx) < 0)
			return NULL;
		if (poll(&pfd, 1, 1) < 0 && errno != EINTR)
			return NULL;
		if (++waited > RR_STUCK_MS * 4) { /* poll returns at once when POLLOUT holds */
			errno = ETIMEDOUT;
			return NULL;
		}
		if (waited > 64)
			usleep(250);
	}
}

static int ring_put(struct rr_tx *tx, const uint8_t *p, size_t len)
{
	struct tpacket2_hdr *h = ring_slot(tx);
	uint8_t *d;

	if (!h)
		return -1;
	d = (uint8_t *)h + RR_TP_DATA;
	if (tx->vnet) {
		struct virtio_net_hdr v = { .hdr_len = (uint16_t)len }; /* little endian */

		memcpy(d, &v, sizeof v);
	}
	memcpy(d + tx->vnet, p, len);
	h->tp_len = (uint32_t)(tx->vnet + len);
	__atomic_store_n(&h->tp_status, TP_STATUS_SEND_REQUEST, __ATOMIC_RELEASE);
	tx->head = tx->head + 1 == tx->frame_nr ? 0 : tx->head + 1;
	if (++tx->pending >= RR_RING_BATCH)
		return ring_kick(tx);
	return 0;
}

static void ring_close(struct rr_tx *tx)
{
	struct tpacket2_hdr *h;

	ring_kick(tx);
	/* let the kernel finish what it was given before the ring goes */
	for (unsigned i = 0, spins = 0; i < tx->frame_nr && spins < 1000; i++) {
		h = (void *)(tx->ring + (size_t)i * tx->frame_size);
		while ((__atomic_load_n(&h->tp_status, __ATOMIC_ACQUIRE) &
			(TP_STATUS_SEND_REQUEST | TP_STATUS_SENDING)) && spins++ < 1000) {
			send(tx->fd, NULL, 0, MSG_DONTWAIT);
			usleep(100);
		}
	}
	munmap(tx->ring, tx->ring_len);
}

static const struct rr_tx_ops ring_ops = { "tx-ring", ring_put, ring_kick, ring_close };

static unsigned pow2_at_least(size_t n)
{
	unsigned v = 2048;

	while (v < n)
		v <<= 1;
	return v;
}

static int ring_setup(struct rr_tx *tx, size_t max_len)
{
	int v = TPACKET_V2, one = 1;
	struct tpacket_req req;
	unsigned block;

	if (setsockopt(tx->fd, SOL_PACKET, PACKET_VNET_HDR, &one, sizeof one) == 0)
		tx->vnet = sizeof(struct virtio_net_hdr);
	tx->frame_size = pow2_at_least(RR_TP_DATA + tx->vnet + max_len);
	block = tx->frame_size > 65536 ? tx->frame_size : 65536;
	req.tp_block_size = block;
	req.tp_block_nr = RR_RING_BYTES / block ? RR_RING_BYTES / block : 1;
	req.tp_frame_size = tx->frame_size;
	req.tp_frame_nr = req.tp_block_nr * (block / tx->frame_size);
	if (setsockopt(tx->fd, SOL_PACKET, PACKET_VERSION, &v, sizeof v) < 0 ||
	    setsockopt(tx->fd, SOL_PACKET, PACKET_LOSS, &one, sizeof one) < 0 ||
	    setsockopt(tx->fd, SOL_PACKET, PACKET_TX_RING, &req, sizeof req) < 0)
		return -1;
	(void)setsockopt(tx->fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof one);
	tx->frame_nr = req.tp_frame_nr;
	tx->ring_len = (size_t)req.tp_block_size * req.tp_block_nr;
	tx->ring = mmap(NULL, tx->ring_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
			tx->fd, 0);
	if (tx->ring == MAP_FAILED) {
		tx->ring = NULL;
		return -1;
	}
	tx->ops = &ring_ops;
	return 0;
}

/* ---- sendmmsg ---- */

static int mmsg_kick(struct rr_tx *tx)
{
	unsigned done = 0;

	while (done < tx->pending) {
		int n = sendmmsg(tx->fd, tx->msgs + done, tx->pending - done, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == ENOBUFS || errno == EAGAIN)) {
			poll(NULL, 0, 1);
			continue;
		}
		if (n < 0 && (errno == EMSGSIZE || errno == EINVAL)) {
			tx->refused++; /* this one frame: skip it */
			done++;
			continue;
		}
		if (n < 0)
			return -1;
		done += (unsigned)n;
	}
	tx->pending = 0;
	return 0;
}

static int mmsg_put(struct rr_tx *tx, const uint8_t *p, size_t len)
{
	unsigned i = tx->pending;

	memcpy(tx->bufs + i * tx->slot_len, p, len);
	tx->iov[i].iov_base = tx->bufs + i * tx->slot_len;
	tx->iov[i].iov_len = len;
	memset(&tx->msgs[i], 0, sizeof tx->msgs[i]);
	tx->msgs[i].msg_hdr.msg_name = &tx->to;
	tx->msgs[i].msg_hdr.msg_namelen = sizeof tx->to;
	tx->msgs[i].msg_hdr.msg_iov = &tx->iov[i];
	tx->msgs[i].msg_hdr.msg_iovlen = 1;
	if (++tx->pending == RR_MMSG_BATCH)
		return mmsg_kick(tx);
	return 0;
}

static void mmsg_close(struct rr_tx *tx)
{
	mmsg_kick(tx);
	free(tx->bufs);
}

static const struct rr_tx_ops mmsg_ops = { "sendmmsg", mmsg_put, mmsg_kick, mmsg_close };

static int mmsg_setup(struct rr_tx *tx, size_t max_len)
{
	tx->slot_len = max_len ? max_len : 1;
	tx->bufs = malloc(tx->slot_len * RR_MMSG_BATCH);
	if (!tx->bufs)
		return -1;
	tx->ops = &mmsg_ops;
	return 0;
}

/* ---- opening ---- */

static int tx_link(int fd, const char *ifname, struct sockaddr_ll *sll, struct rr_link *link)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof ifr);
	if (strlen(ifname) >= sizeof ifr.ifr_name) {
		errno = ENODEV;
		return -1;
	}
	strcpy(ifr.ifr_name, ifname);
	if (ioctl(fd, SIOCGIFINDEX, &ifr) < 0)
		return -1;
	memset(sll, 0, sizeof *sll);
	sll->sll_family = AF_PACKET;
	sll->sll_ifindex = ifr.ifr_ifindex;
	if (ioctl(fd, SIOCGIFHWADDR, &ifr) < 0)
		return -1;
	memcpy(link->mac, ifr.ifr_hwaddr.sa_data, RR_MAC_LEN);
	if (ioctl(fd, SIOCGIFMTU, &ifr) < 0)
		return -1;
	link->max_frame = (size_t)ifr.ifr_mtu + ETHER_HDR_LEN + 4; /* one 802.1Q tag */
	return 0;
}

struct rr_tx *rr_tx_open(const char *ifname, size_t max_len, bool want_mmsg,
			 struct rr_link *link, char *err, size_t errlen)
{
	struct rr_tx *tx = calloc(1, sizeof *tx);

	if (!tx) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	tx->fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (tx->fd < 0) {
		snprintf(err, errlen, "AF_PACKET socket: %s", strerror(errno));
		free(tx);
		return NULL;
	}
	if (tx_link(tx->fd, ifname, &tx->to, link) < 0 ||
	    bind(tx->fd, (struct sockaddr *)&tx->to, sizeof tx->to) < 0) {
		snprintf(err, errlen, "%s: %s", ifname, strerror(errno));
		goto fail;
	}
	if (!max_len || max_len > link->max_frame)
		max_len = link->max_frame;
	if ((want_mmsg || ring_setup(tx, max_len) < 0) && mmsg_setup(tx, max_len) < 0) {
		snprintf(err, errlen, "%s: %s", ifname, strerror(errno));
		goto fail;
	}
	return tx;
fail:
	close(tx->fd);
	free(tx);
	return NULL;
}

void rr_tx_close(struct rr_tx *tx)
{
	if (!tx)
		return;
	if (tx->ops)
		tx->ops->close(tx);
	close(tx->fd);
	free(tx);
}

const char *rr_tx_kind(const struct rr_tx *tx)
{
	return tx->ops->kind;
}

int rr_tx_put(struct rr_tx *tx, const uint8_t *p, size_t len)
{
	return tx->ops->put(tx, p, len);
}

int rr_tx_kick(struct rr_tx *tx)
{
	return tx->ops->kick(tx);
}

unsigned rr_tx_pending(const struct rr_tx *tx)
{
	return tx->pending;
}

uint64_t rr_tx_refused(const struct rr_tx *tx)
{
	return tx->refused;
}
