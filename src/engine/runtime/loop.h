/* loop.h — the event loop of the daemons: file descriptors (epoll) and timers on the
 * injected clock.  Unit tests do not use it: they drive the agents and the timers
 * directly with a virtual clock.
 */
#ifndef PMIP4CT_LOOP_H
#define PMIP4CT_LOOP_H

#include <signal.h>
#include <stdint.h>

#include "clock.h"
#include "timer.h"

struct loop;

struct loop *loop_create(const struct clk *clk, char *err, size_t errlen);
void loop_destroy(struct loop *l); /* NULL is a no-op */

/* Watch fd for readability; ready(arg) is called each time it is readable. */
int loop_add_fd(struct loop *l, int fd, void (*ready)(void *arg), void *arg);
void loop_del_fd(struct loop *l, int fd);

/* Called before the loop waits and after every iteration (after fds and timers): where
 * batching backends flush their queued sends, so a send queued outside the loop's
 * callbacks (before loop_run, between loop_once calls) leaves before the wait, not
 * after the next wakeup. */
int loop_add_idle(struct loop *l, void (*idle)(void *arg), void *arg);
void loop_del_idle(struct loop *l, void (*idle)(void *arg), void *arg); /* no-op if absent */

/* The epoll descriptor: readable when an fd of the loop is, so that a caller with sockets
 * of its own can poll(2) it beside them and then run loop_once(l, 0). */
int loop_fd(const struct loop *l);

struct timers *loop_timers(struct loop *l);
const struct clk *loop_clock(const struct loop *l);

/* Run until *stop becomes non-zero (set from a signal handler).  0, or -1 on an epoll
 * failure other than EINTR.  Asynchronous signals are held while callbacks run and
 * delivered in the wait, so a stop request is never missed. */
int loop_run(struct loop *l, volatile sig_atomic_t *stop);

/* One iteration: the idle hooks, a wait of at most timeout_ms (or until the next timer),
 * dispatch, the idle hooks again. */
int loop_once(struct loop *l, int timeout_ms);

#endif
