/* loop.c — the daemons' event loop: epoll for file descriptors, a timer heap on the
 * injected clock, and idle hooks (where batched sends flush) run before every wait and
 * after every iteration.
 */
#include "loop.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "txt.h"

#define LOOP_EVENTS 64

struct loop_fd {
	void (*ready)(void *arg); /* NULL = slot unused */
	void *arg;
};

struct loop_idle {
	void (*idle)(void *arg); /* NULL = slot unused */
	void *arg;
};

struct loop {
	const struct clk *clk;
	int epfd;
	struct timers timers;
	struct loop_fd *fds; /* indexed by fd, so a handler removed mid-batch is skipped */
	size_t nfds;
	struct loop_idle *idles;
	size_t nidles;
};

struct loop *loop_create(const struct clk *clk, char *err, size_t errlen)
{
	struct loop *l = calloc(1, sizeof(*l));

	if (!l) {
		snprintf(err, errlen, "loop: %s", strerror(ENOMEM));
		return NULL;
	}
	l->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (l->epfd < 0) {
		snprintf(err, errlen, "epoll_create1: %s", strerror(errno));
		free(l);
		return NULL;
	}
	l->clk = clk;
	timers_init(&l->timers);
	return l;
}

void loop_destroy(struct loop *l)
{
	if (!l)
		return;
	close(l->epfd);
	timers_finish(&l->timers);
	free(l->fds);
	free(l->idles);
	free(l);
}

static int fds_reserve(struct loop *l, int fd)
{
	size_t old = l->nfds;
	struct loop_fd *fds = txt_grow(l->fds, &l->nfds, (size_t)fd + 1, sizeof(*fds), 16);

	if (!fds)
		return -1;
	memset(fds + old, 0, (l->nfds - old) * sizeof(*fds));
	l->fds = fds;
	return 0;
}

int loop_add_fd(struct loop *l, int fd, void (*ready)(void *arg), void *arg)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = fd };

	if (fd < 0 || !ready) {
		errno = EINVAL;
		return -1;
	}
	if (fds_reserve(l, fd) < 0)
		return -1;
	if (epoll_ctl(l->epfd, EPOLL_CTL_ADD, fd, &ev) < 0)
		return -1;
	l->fds[fd].ready = ready;
	l->fds[fd].arg = arg;
	return 0;
}

void loop_del_fd(struct loop *l, int fd)
{
	if (fd < 0 || (size_t)fd >= l->nfds || !l->fds[fd].ready)
		return;
	epoll_ctl(l->epfd, EPOLL_CTL_DEL, fd, NULL);
	l->fds[fd].ready = NULL;
	l->fds[fd].arg = NULL;
}

int loop_add_idle(struct loop *l, void (*idle)(void *arg), void *arg)
{
	struct loop_idle *idles;
	size_t i;

	for (i = 0; i < l->nidles; i++)
		if (!l->idles[i].idle)
			break;
	if (i == l->nidles) {
		idles = realloc(l->idles, (l->nidles + 1) * sizeof(*idles));
		if (!idles)
			return -1;
		l->idles = idles;
		l->nidles++;
	}
	l->idles[i].idle = idle;
	l->idles[i].arg = arg;
	return 0;
}

void loop_del_idle(struct loop *l, void (*idle)(void *arg), void *arg)
{
	for (size_t i = 0; i < l->nidles; i++) {
		if (l->idles[i].idle == idle && l->idles[i].arg == arg) {
			l->idles[i].idle = NULL;
			l->idles[i].arg = NULL;
			return;
		}
	}
}

struct timers *loop_timers(struct loop *l)
{
	return &l->timers;
}

int loop_fd(const struct loop *l)
{
	return l->epfd;
}

const struct clk *loop_clock(const struct loop *l)
{
	return l->clk;
}

/* How long epoll may block: never past the next timer (rounded up, so a wakeup does
 * not come just before it is due and spin); timeout_ms < 0 is "no limit of its own". */
static int loop_timeout(const struct loop *l, int timeout_ms)
{
	uint64_t next = timers_next(&l->timers), now, ms;

	if (next == UINT64_MAX)
		return timeout_ms;
	now = clk_now_ns(l->clk);
	ms = next <= now ? 0 : (next - now + 999999) / 1000000;
	if (ms > INT_MAX)
		ms = INT_MAX;
	if (timeout_ms >= 0 && (uint64_t)timeout_ms < ms)
		return timeout_ms;
	return (int)ms;
}

static void loop_dispatch(struct loop *l, const struct epoll_event *ev, int n)
{
	for (int i = 0; i < n; i++) {
		int fd = ev[i].data.fd;

		if ((size_t)fd < l->nfds && l->fds[fd].ready)
			l->fds[fd].ready(l->fds[fd].arg);
	}
}

static void loop_run_idle(struct loop *l)
{
	/* Re-read nidles: a hook may add or remove hooks. */
	for (size_t i = 0; i < l->nidles; i++)
		if (l->idles[i].idle)
			l->idles[i].idle(l->idles[i].arg);
}

/* One iteration: wait, dispatch, timers, idle hooks; mask as for epoll_pwait (NULL =
 * leave the signal mask alone).  The caller runs the idle hooks before the first wait:
 * what was queued outside the loop's callbacks (an agent's first request, sent while
 * the daemon starts) must not sleep in a send queue until something else wakes us. */
static int loop_iter(struct loop *l, int timeout_ms, const sigset_t *mask)
{
	struct epoll_event ev[LOOP_EVENTS];
	int n;

	n = epoll_pwait(l->epfd, ev, LOOP_EVENTS, loop_timeout(l, timeout_ms), mask);
	if (n < 0) {
		if (errno != EINTR)
			return -1;
		n = 0;
	}
	loop_dispatch(l, ev, n);
	timers_run(&l->timers, clk_now_ns(l->clk), l);
	loop_run_idle(l);
	return 0;
}

int loop_once(struct loop *l, int timeout_ms)
{
	loop_run_idle(l);
	return loop_iter(l, timeout_ms, NULL);
}

/* Asynchronous signals are blocked except inside epoll_pwait, so one that arrives
 * between the test of *stop and the wait is delivered by the wait itself (EINTR) and
 * cannot leave the loop asleep.  Synchronous ones (faults, abort) stay unblocked: a
 * blocked fault kills the process without its handler. */
int loop_run(struct loop *l, volatile sig_atomic_t *stop)
{
	static const int sync_sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGABRT,
					 SIGSYS };
	sigset_t block, old;
	int rc = 0;

	sigfillset(&block);
	for (size_t i = 0; i < sizeof(sync_sigs) / sizeof(sync_sigs[0]); i++)
		sigdelset(&block, sync_sigs[i]);
	if (sigprocmask(SIG_BLOCK, &block, &old) < 0)
		return -1;
	loop_run_idle(l); /* then each iteration ends with them: every wait follows them */
	while (!*stop) {
		rc = loop_iter(l, -1, &old);
		if (rc < 0)
			break;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return rc;
}
