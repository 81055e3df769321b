/* bench_echo.c — the floor `bench ha` divides by: a minimal UDP echo driven by a minimal
 * client, both on plain sockets with no event loop, no decoding and no checks.
 *
 * The echo thread (127.0.0.1) waits in recvmmsg for up to a batch of datagrams and sends
 * each back to its source with one sendmmsg.  The client (127.0.0.2) keeps the same
 * window of datagrams outstanding as the HA's generator, each the size of a real request
 * (the bytes of one, sent as they are): for every datagram that comes back it sends one
 * more, in batches, and only counts.  What the HA does beyond this pair (decoding,
 * authenticating, the binding list, its event loop, and the generator's building and
 * checking) is what the ratio measures.  Both sockets get the HA's receive buffer
 * (1 MiB), so neither side drops what the other would have kept.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "bench.h"

#define ECHO_BATCH     64
#define ECHO_RCVBUF    (1 << 20)
#define ECHO_WAIT_MS   20                  /* a blocked receive wakes this often */
#define ECHO_STALL_NS  (200 * 1000000ull)  /* no reply this long: the window was lost */
#define ECHO_WARMUP_NS (300 * 1000000ull)
#define ECHO_MAX_LEN   256

struct becho {
	int fd;                /* the echo's socket */
	pthread_t th;
	bool running;
	atomic_bool stop;
	int cfd;               /* the client's socket */
	struct sockaddr_in to; /* the echo's address */
	uint8_t req[ECHO_MAX_LEN];
	size_t len;
	unsigned window, inflight;
	struct bgen_result r;  /* replies, seconds and lost only */
};

static uint64_t echo_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* A UDP socket bound to addr (host order), port 0, blocking with a receive timeout. */
static int echo_socket(uint32_t addr, char *err, size_t errlen)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(addr) };
	struct timeval tv = { 0, ECHO_WAIT_MS * 1000 };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), rcvbuf = ECHO_RCVBUF;

	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) < 0 ||
	    bind(fd, (const struct sockaddr *)&sin, sizeof sin) < 0) {
		snprintf(err, errlen, "echo socket: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
	return fd;
}

static void *echo_main(void *arg)
{
	struct becho *b = arg;
	static _Thread_local uint8_t buf[ECHO_BATCH][ECHO_MAX_LEN];
	struct sockaddr_in from[ECHO_BATCH];
	struct mmsghdr m[ECHO_BATCH];
	struct iovec iov[ECHO_BATCH];

	while (!atomic_load_explicit(&b->stop, memory_order_relaxed)) {
		int n;

		for (int i = 0; i < ECHO_BATCH; i++) {
			iov[i] = (struct iovec){ buf[i], ECHO_MAX_LEN };
			m[i].msg_hdr = (struct msghdr){ .msg_name = &from[i],
							.msg_namelen = sizeof from[i],
							.msg_iov = &iov[i], .msg_iovlen = 1 };
		}
		n = recvmmsg(b->fd, m, ECHO_BATCH, MSG_WAITFORONE, NULL);
		if (n <= 0)
			continue; /* the timeout: look at stop */
		for (int i = 0; i < n; i++)
			iov[i].iov_len = m[i].msg_len;
		for (int off = 0; off < n;) {
			int k = sendmmsg(b->fd, m + off, (unsigned)(n - off), 0);

			if (k <= 0)
				break; /* the client counts what does not come back */
			off += k;
		}
	}
	return NULL;
}

void becho_destroy(struct becho *b)
{
	if (!b)
		return;
	if (b->running) {
		atomic_store_explicit(&b->stop, true, memory_order_relaxed);
		pthread_join(b->th, NULL);
	}
	if (b->fd >= 0)
		close(b->fd);
	if (b->cfd >= 0)
		close(b->cfd);
	free(b);
}

struct becho *becho_create(const uint8_t *req, size_t len, unsigned window, char *err,
			   size_t errlen)
{
	struct becho *b = calloc(1, sizeof *b);
	socklen_t sl = sizeof b->to;

	if (!b || len > ECHO_MAX_LEN) {
		snprintf(err, errlen, b ? "request of %zu bytes" : "out of memory", len);
		free(b);
		return NULL;
	}
	b->cfd = -1;
	memcpy(b->req, req, len);
	b->len = len;
	b->window = window;
	atomic_init(&b->stop, false);
	b->fd = echo_socket(BENCH_HA_ADDR, err, errlen);
	if (b->fd < 0 || (b->cfd = echo_socket(BENCH_PMA_ADDR, err, errlen)) < 0 ||
	    getsockname(b->fd, (struct sockaddr *)&b->to, &sl) < 0)
		goto fail;
	if (pthread_create(&b->th, NULL, echo_main, b) != 0) {
		snprintf(err, errlen, "cannot start the echo thread");
		goto fail;
	}
	b->running = true;
	pthread_setname_np(b->th, "bench-min-echo");
	return b;
fail:
	becho_destroy(b);
	return NULL;
}

/* Send n copies of the request; how many the kernel took. */
static unsigned client_send(struct becho *b, unsigned n)
{
	struct mmsghdr m[ECHO_BATCH];
	struct iovec iov = { b->req, b->len };
	unsigned sent = 0;

	while (sent < n) {
		unsigned k = n - sent < ECHO_BATCH ? n - sent : ECHO_BATCH;
		int got;

		for (unsigned i = 0; i < k; i++)
			m[i].msg_hdr = (struct msghdr){ .msg_name = &b->to,
							.msg_namelen = sizeof b->to,
							.msg_iov = &iov, .msg_iovlen = 1 };
		got = sendmmsg(b->cfd, m, k, 0);
		if (got <= 0)
			break;
		sent += (unsigned)got;
	}
	return sent;
}

/* Receive what has come back (waiting for at most ECHO_WAIT_MS for the first); the
 * count, 0 on the timeout. */
static unsigned client_recv(struct becho *b)
{
	static _Thread_local uint8_t buf[ECHO_BATCH][ECHO_MAX_LEN];
	struct mmsghdr m[ECHO_BATCH];
	struct iovec iov[ECHO_BATCH];
	int n;

	for (int i = 0; i < ECHO_BATCH; i++) {
		iov[i] = (struct iovec){ buf[i], ECHO_MAX_LEN };
		m[i].msg_hdr = (struct msghdr){ .msg_iov = &iov[i], .msg_iovlen = 1 };
	}
	n = recvmmsg(b->cfd, m, ECHO_BATCH, MSG_WAITFORONE, NULL);
	return n > 0 ? (unsigned)n : 0;
}

/* Run for ns with the window full; the replies, and the lost ones written off. */
static uint64_t client_phase(struct becho *b, uint64_t ns, bool sending)
{
	uint64_t now = echo_now(), end = now + ns, last = now, replies = 0;

	while (now < end && (sending || b->inflight)) {
		unsigned n = client_recv(b);

		now = echo_now();
		if (n) {
			replies += n;
			b->inflight -= n < b->inflight ? n : b->inflight;
			last = now;
		} else if (now - last > ECHO_STALL_NS) {
			b->r.lost += b->inflight;
			b->inflight = 0;
			last = now;
			if (!sending)
				break;
		}
		if (sending && b->inflight < b->window)
			b->inflight += client_send(b, b->window - b->inflight);
	}
	return replies;
}

int becho_round(struct becho *b, double seconds, char *err, size_t errlen)
{
	uint64_t ns = (uint64_t)(seconds * 1e9), t0, replies;

	b->inflight += client_send(b, b->window - b->inflight);
	client_phase(b, ns / 10 < ECHO_WARMUP_NS ? ns / 10 : ECHO_WARMUP_NS, true);
	t0 = echo_now();
	replies = client_phase(b, ns, true);
	b->r.seconds += (double)(echo_now() - t0) / 1e9;
	b->r.replies += replies;
	client_phase(b, 2 * ECHO_STALL_NS, false); /* drain */
	if (!replies) {
		snprintf(err, errlen, "no replies");
		return -1;
	}
	return 0;
}

const struct bgen_result *becho_result(const struct becho *b)
{
	return &b->r;
}
