/* timer.c — a binary min-heap of timer pointers ordered by (at, seq) (STYLE.md habit 6).
 * Each timer keeps its heap index + 1 in `slot`, so cancel and re-arm are O(log n).
 */
#include "timer.h"

#include <stdlib.h>

#include "txt.h"

#define TIMERS_CAP_MIN 64u

static bool timer_before(const struct timer *a, const struct timer *b)
{
	return a->at < b->at || (a->at == b->at && a->seq < b->seq);
}

static void heap_put(struct timers *ts, uint32_t i, struct timer *t)
{
	ts->heap[i] = t;
	t->slot = i + 1;
}

static void sift_up(struct timers *ts, uint32_t i)
{
	struct timer *t = ts->heap[i];

	while (i > 0) {
		uint32_t parent = (i - 1) / 2;

		if (!timer_before(t, ts->heap[parent]))
			break;
		heap_put(ts, i, ts->heap[parent]);
		i = parent;
	}
	heap_put(ts, i, t);
}

static void sift_down(struct timers *ts, uint32_t i)
{
	struct timer *t = ts->heap[i];

	for (;;) {
		uint64_t l = 2 * (uint64_t)i + 1, c = l;

		if (l >= ts->n)
			break;
		if (l + 1 < ts->n && timer_before(ts->heap[l + 1], ts->heap[l]))
			c = l + 1;
		if (!timer_before(ts->heap[c], t))
			break;
		heap_put(ts, i, ts->heap[c]);
		i = (uint32_t)c;
	}
	heap_put(ts, i, t);
}

/* Restore the heap around slot i after its timer changed or was replaced. */
static void heap_fix(struct timers *ts, uint32_t i)
{
	if (i > 0 && timer_before(ts->heap[i], ts->heap[(i - 1) / 2]))
		sift_up(ts, i);
	else
		sift_down(ts, i);
}

/* Room for one more timer; on failure the heap is left as it was. */
static int heap_grow(struct timers *ts)
{
	struct timer **heap;

	if (ts->cap > UINT32_MAX / 2) /* slots are 32-bit */
		return -1;
	heap = txt_grow(ts->heap, &ts->cap, (size_t)ts->n + 1, sizeof *heap, TIMERS_CAP_MIN);
	if (!heap)
		return -1;
	ts->heap = heap;
	return 0;
}

void timers_init(struct timers *ts)
{
	ts->heap = NULL;
	ts->n = 0;
	ts->cap = 0;
	ts->seq = 0;
}

void timers_finish(struct timers *ts)
{
	for (uint32_t i = 0; i < ts->n; i++)
		ts->heap[i]->slot = 0;
	free(ts->heap);
	timers_init(ts);
}

int timers_arm(struct timers *ts, struct timer *t, uint64_t at)
{
	if (timer_armed(t)) {
		t->at = at;
		t->seq = ++ts->seq;
		heap_fix(ts, t->slot - 1);
		return 0;
	}
	if (ts->n == ts->cap && heap_grow(ts) < 0)
		return -1;
	t->at = at;
	t->seq = ++ts->seq;
	heap_put(ts, ts->n++, t);
	sift_up(ts, ts->n - 1);
	return 0;
}

void timers_cancel(struct timers *ts, struct timer *t)
{
	uint32_t i;

	if (!timer_armed(t))
		return;
	i = t->slot - 1;
	t->slot = 0;
	if (i == --ts->n)
		return;
	heap_put(ts, i, ts->heap[ts->n]);
	heap_fix(ts, i);
}

uint64_t timers_next(const struct timers *ts)
{
	return ts->n ? ts->heap[0]->at : UINT64_MAX;
}

/* The heap is re-read after every callback, which may have armed, moved or cancelled
 * any timer (itself included).  A callback that keeps re-arming at or before `now`
 * keeps this call going: re-arm in the future. */
unsigned timers_run(struct timers *ts, uint64_t now, void *arg)
{
	unsigned fired = 0;

	while (ts->n && ts->heap[0]->at <= now) {
		struct timer *t = ts->heap[0];

		timers_cancel(ts, t);
		fired++;
		if (t->fire)
			t->fire(t, arg);
	}
	return fired;
}
