/* sockq.c — batched recvmmsg/sendmmsg for the live backends, with the loop registration,
 * the idle-hook flush and the deferred free for a close from inside an rx callback.
 */
#include "sockq.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct sockq {
	struct sockq_cfg cfg;
	void *owner;
	struct loop *l;
	int fd;
	struct sockq_stats st;
	unsigned busy; /* inside rx callbacks: close defers the free */
	bool dead;

	struct mmsghdr *rmsg;
	struct iovec *riov;
	uint8_t *rname, *rctl, *rbuf;

	struct mmsghdr *tmsg;
	struct iovec *tiov;
	uint8_t *tname, *tctl, *arena;
	unsigned ntx;
	size_t used;
};

static void sockq_destroy(struct sockq *q)
{
	if (!q)
		return;
	free(q->rmsg);
	free(q->riov);
	free(q->rname);
	free(q->rctl);
	free(q->rbuf);
	free(q->tmsg);
	free(q->tiov);
	free(q->tname);
	free(q->tctl);
	free(q->arena);
	free(q);
}

void sockq_abandon(struct sockq *q, void *owner, int fd)
{
	int e = errno;

	if (fd >= 0)
		close(fd);
	sockq_destroy(q);
	free(owner);
	errno = e;
}

/* n blocks of size bytes (none for size 0: NULL is then fine). */
static void *sockq_alloc(unsigned n, size_t size, bool *ok)
{
	void *p;

	if (size == 0)
		return NULL;
	p = calloc(n, size);
	if (!p)
		*ok = false;
	return p;
}

struct sockq *sockq_create(const struct sockq_cfg *cfg, void *owner)
{
	struct sockq *q = calloc(1, sizeof(*q));
	bool ok = true;

	if (!q)
		return NULL;
	q->cfg = *cfg;
	q->owner = owner;
	q->fd = -1;
	q->rmsg = sockq_alloc(cfg->rx_batch, sizeof(*q->rmsg), &ok);
	q->riov = sockq_alloc(cfg->rx_batch, sizeof(*q->riov), &ok);
	q->rname = sockq_alloc(cfg->rx_batch, cfg->rx_namelen, &ok);
	q->rctl = sockq_alloc(cfg->rx_batch, cfg->rx_ctllen, &ok);
	q->rbuf = sockq_alloc(cfg->rx_batch, cfg->rx_slot, &ok);
	q->tmsg = sockq_alloc(cfg->tx_batch, sizeof(*q->tmsg), &ok);
	q->tiov = sockq_alloc(cfg->tx_batch, sizeof(*q->tiov), &ok);
	q->tname = sockq_alloc(cfg->tx_batch, cfg->tx_namelen, &ok);
	q->tctl = sockq_alloc(cfg->tx_batch, cfg->tx_ctllen, &ok);
	q->arena = sockq_alloc(1, cfg->tx_arena, &ok);
	if (!ok) {
		sockq_destroy(q);
		errno = ENOMEM;
		return NULL;
	}
	return q;
}

static void sockq_readable(void *arg);
static void sockq_idle(void *arg);

int sockq_start(struct sockq *q, struct loop *l, int fd)
{
	int e;

	q->l = l;
	if (loop_add_fd(l, fd, sockq_readable, q) < 0)
		return -1;
	if (loop_add_idle(l, sockq_idle, q) < 0) {
		e = errno;
		loop_del_fd(l, fd);
		errno = e;
		return -1;
	}
	q->fd = fd;
	return 0;
}

static void sockq_release(struct sockq *q)
{
	free(q->owner);
	sockq_destroy(q);
}

void sockq_close(struct sockq *q)
{
	if (q->dead)
		return;
	sockq_flush(q);
	loop_del_idle(q->l, sockq_idle, q);
	loop_del_fd(q->l, q->fd);
	close(q->fd);
	q->dead = true;
	if (!q->busy)
		sockq_release(q); /* else sockq_readable does it on the way out */
}

static void rx_prepare(struct sockq *q)
{
	const struct sockq_cfg *c = &q->cfg;

	for (unsigned i = 0; i < c->rx_batch; i++) {
		q->riov[i] = (struct iovec){ .iov_base = q->rbuf + i * c->rx_slot,
					     .iov_len = c->rx_slot };
		q->rmsg[i].msg_hdr = (struct msghdr){
			.msg_name = c->rx_namelen ? q->rname + i * (size_t)c->rx_namelen : NULL,
			.msg_namelen = c->rx_namelen,
			.msg_iov = &q->riov[i],
			.msg_iovlen = 1,
			.msg_control = c->rx_ctllen ? q->rctl + i * c->rx_ctllen : NULL,
			.msg_controllen = c->rx_ctllen,
		};
	}
}

/* One batch: the number of messages, 0 when drained, -1 to retry (EINTR). */
static int rx_batch(struct sockq *q)
{
	int n;

	rx_prepare(q);
	n = recvmmsg(q->fd, q->rmsg, q->cfg.rx_batch, MSG_DONTWAIT, NULL);
	if (n < 0 && errno == EINTR)
		return -1;
	if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
		q->st.rx_errors++; /* a pending socket error, cleared by reading it */
	if (n <= 0)
		return 0;
	q->st.rx_batches++;
	for (int i = 0; i < n && !q->dead; i++)
		q->cfg.rx(q->owner, &q->rmsg[i].msg_hdr, q->riov[i].iov_base,
			  q->rmsg[i].msg_len);
	return n;
}

static void sockq_readable(void *arg)
{
	struct sockq *q = arg;

	q->busy++;
	for (unsigned round = 0; round < q->cfg.rx_rounds && !q->dead; round++) {
		int n = rx_batch(q);

		if (n < 0)
			continue;
		if ((unsigned)n < q->cfg.rx_batch)
			break;
	}
	if (--q->busy == 0 && q->dead)
		sockq_release(q);
}

/* Message i of the queue was refused with errno e: the owner's, or a tx error. */
static int sockq_refused(struct sockq *q, unsigned i, int e)
{
	const struct iovec *v = &q->tiov[i];

	if (q->cfg.refused && q->cfg.refused(q->owner, v->iov_base, v->iov_len, e) == 0)
		return 0;
	q->st.tx_errors++;
	return -1;
}

int sockq_flush(struct sockq *q)
{
	unsigned off = 0;
	int rc = 0;

	while (off < q->ntx) {
		int n = sendmmsg(q->fd, q->tmsg + off, q->ntx - off, MSG_DONTWAIT);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (sockq_refused(q, off, n < 0 ? errno : EIO) < 0)
				rc = -1;
			off++;
			continue;
		}
		q->st.tx_batches++;
		q->st.tx += (uint64_t)n;
		off += (unsigned)n;
	}
	q->ntx = 0;
	q->used = 0;
	return rc;
}

static void sockq_idle(void *arg)
{
	struct sockq *q = arg;

	if (q->ntx)
		sockq_flush(q);
}

int sockq_push(struct sockq *q, const uint8_t *buf, size_t len, const void *to,
	       socklen_t tolen, const void *ctl, size_t ctllen)
{
	const struct sockq_cfg *c = &q->cfg;
	struct msghdr *h;
	unsigned i;

	if (len > c->tx_max) {
		errno = EMSGSIZE;
		q->st.tx_errors++;
		return -1;
	}
	if (q->ntx == c->tx_batch || c->tx_arena - q->used < len)
		sockq_flush(q);
	i = q->ntx++;
	if (len)
		memcpy(q->arena + q->used, buf, len);
	q->tiov[i] = (struct iovec){ .iov_base = q->arena + q->used, .iov_len = len };
	q->used += len;
	h = &q->tmsg[i].msg_hdr;
	*h = (struct msghdr){ .msg_iov = &q->tiov[i], .msg_iovlen = 1 };
	if (to && tolen <= c->tx_namelen) {
		h->msg_name = q->tname + i * (size_t)c->tx_namelen;
		h->msg_namelen = tolen;
		memcpy(h->msg_name, to, tolen);
	}
	if (ctl && ctllen <= c->tx_ctllen) {
		h->msg_control = q->tctl + i * c->tx_ctllen;
		h->msg_controllen = ctllen;
		memcpy(h->msg_control, ctl, ctllen);
	}
	return 0;
}

struct sockq_stats sockq_stats(const struct sockq *q)
{
	return q->st;
}

struct port_stats sockq_port_stats(const struct sockq *q, struct port_stats own)
{
	own.tx = q->st.tx;
	own.rx_batches = q->st.rx_batches;
	own.rx_errors = q->st.rx_errors;
	own.tx_errors += q->st.tx_errors;
	return own;
}

void sockq_rcvbuf(int fd, int bytes)
{
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &bytes, sizeof bytes) < 0)
		(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof bytes);
}
