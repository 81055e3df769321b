/* timer.h — timers as events (STYLE.md habit 6): a binary min-heap ordered by due time
 * on the owner's injected clock.  A struct timer is embedded in whatever owns it (a
 * binding, a revocation), so arming allocates nothing per timer; the heap holds
 * pointers and each timer remembers its slot, so cancel and re-arm are O(log n).
 * Timers due at the same instant fire in the order they were armed.
 */
#ifndef PMIP4CT_TIMER_H
#define PMIP4CT_TIMER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The owner of an embedded timer (or of any embedded member). */
#define container_of(p, type, member) ((type *)(void *)((char *)(p) - offsetof(type, member)))

struct timer;
typedef void (*timer_fn)(struct timer *t, void *arg);

struct timer {
	uint64_t at;    /* due time, ns on the owner's clock */
	uint64_t seq;   /* arming order, ties broken by it */
	uint32_t slot;  /* heap index + 1; 0 = not armed */
	timer_fn fire;
};

struct timers {
	struct timer **heap;
	uint32_t n;
	size_t cap;
	uint64_t seq;
};

void timers_init(struct timers *ts);
void timers_finish(struct timers *ts); /* frees the heap; armed timers are dropped */

static inline void timer_init(struct timer *t, timer_fn fire)
{
	t->at = 0;
	t->seq = 0;
	t->slot = 0;
	t->fire = fire;
}

static inline bool timer_armed(const struct timer *t)
{
	return t->slot != 0;
}

/* The next timeout of an exponential backoff (RFC 5944 §3.6.3, RFC 3543 §4.2.2.1):
 * ms times factor, saturating at UINT32_MAX ms (~49.7 days): a wrapped interval (0 ms at
 * worst) would make a retransmission timer due at once, over and over. */
static inline uint32_t timer_backoff(uint32_t ms, uint32_t factor)
{
	return factor && ms > UINT32_MAX / factor ? UINT32_MAX : ms * factor;
}

/* Arm (or move) t to fire at `at`.  -1 only when the heap cannot grow. */
int timers_arm(struct timers *ts, struct timer *t, uint64_t at);
void timers_cancel(struct timers *ts, struct timer *t); /* no-op if not armed */

/* Due time of the earliest timer, or UINT64_MAX when none is armed. */
uint64_t timers_next(const struct timers *ts);

/* Fire, in order, every timer due at or before `now` (disarming each before its
 * callback, which may re-arm it or arm others; those due by `now` fire in this call
 * too).  Returns how many fired. */
unsigned timers_run(struct timers *ts, uint64_t now, void *arg);

static inline uint32_t timers_count(const struct timers *ts)
{
	return ts->n;
}

#endif
