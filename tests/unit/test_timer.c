/* test_timer.c — timer.h: firing order and ties, cancel and re-arm, callbacks that arm,
 * re-arm and cancel during timers_run, a million random timers, and the heap invariants
 * after random operations.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "timer.h"

/* A timer embedded in its owner, as bindings do. */
struct owner {
	struct timer t;
	int id;
	int fired;
	uint64_t period;      /* re-arm at at + period while limit is not reached */
	int limit;
	struct owner *arm;    /* arm this one at arm_at when fired */
	uint64_t arm_at;
	struct owner *cancel; /* cancel this one when fired */
};

#define LOG_MAX 64

struct run {
	struct timers *ts;
	int log[LOG_MAX];
	int n;
};

static struct owner *owner_of(struct timer *t)
{
	return (struct owner *)((char *)t - offsetof(struct owner, t));
}

static void on_fire(struct timer *t, void *arg)
{
	struct owner *o = owner_of(t);
	struct run *r = arg;

	assert_false(timer_armed(t)); /* disarmed before the callback */
	o->fired++;
	if (r->n < LOG_MAX)
		r->log[r->n++] = o->id;
	if (o->period && o->fired < o->limit)
		assert_int_equal(timers_arm(r->ts, t, t->at + o->period), 0);
	if (o->arm)
		assert_int_equal(timers_arm(r->ts, &o->arm->t, o->arm_at), 0);
	if (o->cancel)
		timers_cancel(r->ts, &o->cancel->t);
}

static void owners_init(struct owner *o, int n)
{
	memset(o, 0, (size_t)n * sizeof(*o));
	for (int i = 0; i < n; i++) {
		timer_init(&o[i].t, on_fire);
		o[i].id = i;
	}
}

/* Every slot points back at its index and no child is before its parent. */
static void check_heap(const struct timers *ts)
{
	assert_true(ts->n <= ts->cap);
	for (uint32_t i = 0; i < ts->n; i++) {
		const struct timer *t = ts->heap[i], *p;

		assert_int_equal(t->slot, i + 1);
		if (i == 0)
			continue;
		p = ts->heap[(i - 1) / 2];
		assert_true(p->at < t->at || (p->at == t->at && p->seq < t->seq));
	}
}

static void assert_log(const struct run *r, const int *want, int n)
{
	assert_int_equal(r->n, n);
	for (int i = 0; i < n; i++)
		assert_int_equal(r->log[i], want[i]);
}

static void test_order(void **state)
{
	static const uint64_t at[] = { 500, 100, 400, 200, 300, 50 };
	static const int want[] = { 5, 1, 3, 4, 2, 0 };
	struct owner o[6];
	struct timers ts;
	struct run r = { .ts = &ts };

	(void)state;
	timers_init(&ts);
	owners_init(o, 6);
	assert_int_equal(timers_next(&ts), UINT64_MAX);
	for (int i = 0; i < 6; i++)
		assert_int_equal(timers_arm(&ts, &o[i].t, at[i]), 0);
	assert_int_equal(timers_count(&ts), 6);
	assert_int_equal(timers_next(&ts), 50);
	check_heap(&ts);
	assert_int_equal(timers_run(&ts, 49, &r), 0);
	assert_int_equal(timers_run(&ts, 200, &r), 3); /* due at 200 fires at 200 */
	assert_int_equal(timers_next(&ts), 300);
	assert_int_equal(timers_run(&ts, 1000, &r), 3);
	assert_log(&r, want, 6);
	assert_int_equal(timers_count(&ts), 0);
	assert_int_equal(timers_next(&ts), UINT64_MAX);
	timers_finish(&ts);
}

static void test_ties(void **state)
{
	static const int want[] = { 0, 1, 3, 4, 5, 6, 7, 2 };
	struct owner o[8];
	struct timers ts;
	struct run r = { .ts = &ts };

	(void)state;
	timers_init(&ts);
	owners_init(o, 8);
	for (int i = 0; i < 8; i++)
		assert_int_equal(timers_arm(&ts, &o[i].t, 1000), 0);
	/* Re-arming, even at the same time, is a new arming: 2 goes last. */
	assert_int_equal(timers_arm(&ts, &o[2].t, 1000), 0);
	check_heap(&ts);
	assert_int_equal(timers_run(&ts, 1000, &r), 8);
	assert_log(&r, want, 8);
	timers_finish(&ts);
}

static void test_cancel(void **state)
{
	static const int want[] = { 1, 3, 5 };
	struct owner o[6];
	struct timers ts;
	struct run r = { .ts = &ts };

	(void)state;
	timers_init(&ts);
	owners_init(o, 6);
	timers_cancel(&ts, &o[0].t); /* not armed: no-op */
	for (int i = 0; i < 6; i++)
		assert_int_equal(timers_arm(&ts, &o[i].t, 10 * (uint64_t)i), 0);
	timers_cancel(&ts, &o[0].t); /* the root */
	timers_cancel(&ts, &o[4].t); /* in the middle */
	timers_cancel(&ts, &o[2].t);
	timers_cancel(&ts, &o[2].t); /* twice */
	assert_false(timer_armed(&o[0].t));
	assert_false(timer_armed(&o[2].t));
	assert_true(timer_armed(&o[5].t));
	assert_int_equal(timers_count(&ts), 3);
	check_heap(&ts);
	assert_int_equal(timers_next(&ts), 10);
	assert_int_equal(timers_run(&ts, UINT64_MAX - 1, &r), 3);
	assert_log(&r, want, 3);
	assert_int_equal(o[0].fired + o[2].fired + o[4].fired, 0);
	/* The last slot. */
	assert_int_equal(timers_arm(&ts, &o[0].t, 1), 0);
	assert_int_equal(timers_arm(&ts, &o[1].t, 2), 0);
	timers_cancel(&ts, &o[1].t);
	check_heap(&ts);
	assert_int_equal(timers_count(&ts), 1);
	timers_finish(&ts);
	assert_false(timer_armed(&o[0].t)); /* finish drops armed timers */
}

static void test_rearm(void **state)
{
	struct owner o[3];
	struct timers ts;
	struct run r = { .ts = &ts };

	(void)state;
	timers_init(&ts);
	owners_init(o, 3);
	assert_int_equal(timers_arm(&ts, &o[0].t, 100), 0);
	assert_int_equal(timers_arm(&ts, &o[1].t, 200), 0);
	assert_int_equal(timers_arm(&ts, &o[2].t, 300), 0);
	assert_int_equal(timers_arm(&ts, &o[0].t, 400), 0); /* later */
	check_heap(&ts);
	assert_int_equal(timers_count(&ts), 3);
	assert_int_equal(timers_next(&ts), 200);
	assert_int_equal(timers_arm(&ts, &o[2].t, 50), 0); /* earlier */
	check_heap(&ts);
	assert_int_equal(timers_next(&ts), 50);
	assert_int_equal(timers_run(&ts, 250, &r), 2);
	assert_log(&r, (const int[]){ 2, 1 }, 2);
	assert_int_equal(timers_next(&ts), 400);
	timers_finish(&ts);
}

static void test_callbacks(void **state)
{
	struct owner o[5];
	struct timers ts;
	struct run r = { .ts = &ts };

	(void)state;
	timers_init(&ts);
	owners_init(o, 5);
	/* 0 is periodic (60, 70, ... while due); 1 arms 3 (due now) and cancels 2 (due);
	 * 3 re-arms 4, moving it from the future into this run. */
	o[0].period = 10;
	o[0].limit = 100;
	o[1].arm = &o[3];
	o[1].arm_at = 75;
	o[1].cancel = &o[2];
	o[3].arm = &o[4];
	o[3].arm_at = 90;
	assert_int_equal(timers_arm(&ts, &o[0].t, 60), 0);
	assert_int_equal(timers_arm(&ts, &o[1].t, 65), 0);
	assert_int_equal(timers_arm(&ts, &o[2].t, 80), 0);
	assert_int_equal(timers_arm(&ts, &o[4].t, 5000), 0);
	/* 60:0 65:1 70:0 75:3 80:0 90:4 90:0 100:0 — at 90, 4 was armed (at 75) before 0
	 * re-armed itself (at 80). */
	assert_int_equal(timers_run(&ts, 100, &r), 8);
	assert_log(&r, (const int[]){ 0, 1, 0, 3, 0, 4, 0, 0 }, 8);
	assert_int_equal(o[0].fired, 5);
	assert_int_equal(o[2].fired, 0);
	assert_int_equal(timers_next(&ts), 110);
	assert_int_equal(timers_count(&ts), 1);
	check_heap(&ts);
	timers_finish(&ts);
}

/* A callback that cancels itself (already disarmed), re-arms, cancels, re-arms. */
static void fire_fiddle(struct timer *t, void *arg)
{
	struct run *r = arg;

	timers_cancel(r->ts, t);
	assert_int_equal(timers_arm(r->ts, t, 1), 0);
	timers_cancel(r->ts, t);
	assert_int_equal(timers_arm(r->ts, t, 1u << 20), 0);
	r->n++;
}

static void test_self_fiddle(void **state)
{
	struct timer t;
	struct timers ts;
	struct run r = { .ts = &ts };

	(void)state;
	timers_init(&ts);
	timer_init(&t, fire_fiddle);
	assert_int_equal(timers_arm(&ts, &t, 5), 0);
	assert_int_equal(timers_run(&ts, 10, &r), 1);
	assert_int_equal(r.n, 1);
	assert_true(timer_armed(&t));
	assert_int_equal(timers_next(&ts), 1u << 20);
	timers_finish(&ts);
}

static void test_past(void **state)
{
	struct owner o[3];
	struct timers ts;
	struct run r = { .ts = &ts };

	(void)state;
	timers_init(&ts);
	owners_init(o, 3);
	assert_int_equal(timers_arm(&ts, &o[0].t, 999), 0);
	assert_int_equal(timers_arm(&ts, &o[1].t, 0), 0);
	assert_int_equal(timers_arm(&ts, &o[2].t, 1000), 0);
	assert_int_equal(timers_run(&ts, 1000, &r), 3);
	assert_log(&r, (const int[]){ 1, 0, 2 }, 3);
	timers_finish(&ts);
}

static uint64_t xorshift64(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*s = x;
	return x;
}

struct sorted {
	uint64_t at, seq;
	unsigned n;
};

static void fire_sorted(struct timer *t, void *arg)
{
	struct sorted *s = arg;

	/* A plain check: cmocka asserts are slow a million times over. */
	if (s->n && (t->at < s->at || (t->at == s->at && t->seq <= s->seq)))
		fail_msg("timer %u out of order: %llu/%llu after %llu/%llu", s->n,
			 (unsigned long long)t->at, (unsigned long long)t->seq,
			 (unsigned long long)s->at, (unsigned long long)s->seq);
	s->at = t->at;
	s->seq = t->seq;
	s->n++;
}

#define MILLION 1000000u

static void test_million(void **state)
{
	struct timer *t = calloc(MILLION, sizeof(*t));
	struct sorted s = { 0 };
	struct timers ts;
	uint64_t rng = 0x2545f4914f6cdd1dull;
	unsigned first;

	(void)state;
	assert_non_null(t);
	timers_init(&ts);
	/* ~10 timers per distinct instant, so ties are exercised too. */
	for (unsigned i = 0; i < MILLION; i++) {
		timer_init(&t[i], fire_sorted);
		assert_int_equal(timers_arm(&ts, &t[i], xorshift64(&rng) % (MILLION / 10)), 0);
	}
	assert_int_equal(timers_count(&ts), MILLION);
	check_heap(&ts);
	first = timers_run(&ts, MILLION / 20, &s); /* about half */
	assert_int_equal(first, s.n);
	assert_true(first > MILLION / 3 && first < MILLION * 2 / 3);
	check_heap(&ts);
	assert_int_equal(timers_run(&ts, UINT64_MAX - 1, &s), MILLION - first);
	assert_int_equal(s.n, MILLION);
	assert_int_equal(timers_count(&ts), 0);
	timers_finish(&ts);
	free(t);
}

static void fire_count(struct timer *t, void *arg)
{
	(void)t;
	(*(unsigned *)arg)++;
}

#define RANDOM_TIMERS 2000
#define RANDOM_OPS    200000

static void test_random_ops(void **state)
{
	struct timer *t = calloc(RANDOM_TIMERS, sizeof(*t));
	struct timers ts;
	uint64_t rng = 42, now = 0;
	unsigned fired = 0, ran = 0, armed = 0;

	(void)state;
	assert_non_null(t);
	timers_init(&ts);
	for (unsigned i = 0; i < RANDOM_TIMERS; i++)
		timer_init(&t[i], fire_count);
	for (unsigned op = 0; op < RANDOM_OPS; op++) {
		uint64_t x = xorshift64(&rng);
		struct timer *p = &t[(x >> 8) % RANDOM_TIMERS];

		switch (x % 8) {
		case 0:
			timers_cancel(&ts, p);
			break;
		case 1:
			now += (x >> 32) % 64;
			ran += timers_run(&ts, now, &fired);
			assert_int_equal(ran, fired);
			assert_true(timers_next(&ts) > now);
			break;
		default:
			assert_int_equal(timers_arm(&ts, p, now + (x >> 40) % 1024), 0);
			break;
		}
		if (op % 997 == 0)
			check_heap(&ts);
	}
	check_heap(&ts);
	for (unsigned i = 0; i < RANDOM_TIMERS; i++)
		armed += timer_armed(&t[i]);
	assert_int_equal(timers_count(&ts), armed);
	assert_true(fired > 0);
	timers_finish(&ts);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order),      cmocka_unit_test(test_ties),
		cmocka_unit_test(test_cancel),     cmocka_unit_test(test_rearm),
		cmocka_unit_test(test_callbacks),  cmocka_unit_test(test_self_fiddle),
		cmocka_unit_test(test_past),       cmocka_unit_test(test_million),
		cmocka_unit_test(test_random_ops),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
