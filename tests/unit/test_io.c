/* test_io.c — io_mem.h (FIFO round trip) and, on 127.0.0.0/8 only, io_udp.h and loop.h:
 * batched send and receive, IP_PKTINFO both ways, oversize datagrams, bind errors,
 * closing from inside a callback, timers and idle hooks in the loop, a send queued outside
 * the loop leaving before its wait, and loop_run's stop.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <errno.h>
#include <signal.h>

#include "io_mem.h"
#include "io_udp.h"
#include "loop.h"

#define LO1 0x7f000001u /* 127.0.0.1 */
#define LO2 0x7f000002u
#define LO3 0x7f000003u

static void test_mem_roundtrip(void **state)
{
	struct io_mem *m = io_mem_create();
	struct io io = io_mem_io(m);
	struct udp_ends e = { .src = 1, .dst = 2, .sport = 3, .dport = 4 };
	struct io_mem_pkt p;
	uint8_t b[4];

	(void)state;
	assert_non_null(m);
	assert_int_equal(io_mem_count(m), 0);
	assert_int_equal(io_mem_pop(m, &p), -1);
	/* Enough to grow the ring while it wraps: push 100, take 60, push 100. */
	for (unsigned i = 0; i < 200; i++) {
		if (i == 100)
			for (unsigned j = 0; j < 60; j++) {
				assert_int_equal(io_mem_pop(m, &p), 0);
				assert_int_equal(p.len, j % 5);
				assert_int_equal(p.ends.src, j);
				free(p.buf);
			}
		e.src = i;
		memset(b, (int)i, sizeof(b));
		assert_int_equal(io_send(&io, &e, b, i % 5), 0);
	}
	assert_int_equal(io_flush(&io), 0);
	assert_int_equal(io_mem_count(m), 140);
	for (unsigned i = 60; i < 200; i++) {
		assert_int_equal(io_mem_pop(m, &p), 0);
		assert_int_equal(p.ends.src, i);
		assert_int_equal(p.ends.dst, 2);
		assert_int_equal(p.ends.sport, 3);
		assert_int_equal(p.ends.dport, 4);
		assert_int_equal(p.len, i % 5);
		for (size_t k = 0; k < p.len; k++)
			assert_int_equal(p.buf[k], i & 0xff);
		free(p.buf);
	}
	assert_int_equal(io_mem_pop(m, &p), -1);
	assert_int_equal(io_send(&io, &e, b, 4), 0);
	assert_int_equal(io_send(&io, &e, b, 4), 0);
	io_mem_clear(m);
	assert_int_equal(io_mem_count(m), 0);
	assert_int_equal(io_send(&io, &e, b, 4), 0);
	io_mem_destroy(m); /* frees what is still queued */
	io_mem_destroy(NULL);
}

#define NDGRAM 500
#define ROUND  100

struct sink {
	unsigned n, bad;
	unsigned char seen[NDGRAM];
	struct udp_ends last;
	size_t longest;
	struct udp_sock *close_me; /* closed from inside its own rx callback */
	volatile sig_atomic_t *stop; /* set by the first datagram; NULL = none */
};

/* Payload: "dgram <index>" padded with the index's low byte to a length of its own. */
static size_t payload(unsigned i, uint8_t *buf)
{
	int n = snprintf((char *)buf, 32, "dgram %u", i);
	size_t len = (size_t)n + 1 + i % 300;

	memset(buf + n + 1, (int)(i & 0xff), len - (size_t)n - 1);
	return len;
}

static void sink_rx(void *arg, const struct udp_ends *ends, const uint8_t *buf, size_t len)
{
	struct sink *k = arg;
	uint8_t want[512];
	unsigned i;

	k->n++;
	k->last = *ends;
	if (k->stop)
		*k->stop = 1;
	if (len > k->longest)
		k->longest = len;
	if (k->close_me) {
		udp_sock_close(k->close_me);
		k->close_me = NULL;
		return;
	}
	if (len < 7 || sscanf((const char *)buf, "dgram %u", &i) != 1 || i >= NDGRAM ||
	    k->seen[i] || len != payload(i, want) || memcmp(buf, want, len) != 0) {
		k->bad++;
		return;
	}
	k->seen[i] = 1;
}

/* Run the loop until *count reaches want (each wait at most 20 ms). */
static void pump(struct loop *l, const unsigned *count, unsigned want)
{
	for (int i = 0; i < 200 && *count < want; i++)
		assert_int_equal(loop_once(l, 20), 0);
	assert_int_equal(*count, want);
}

static struct udp_sock *open_ok(struct loop *l, uint32_t addr, struct sink *k)
{
	char err[128];
	struct udp_sock *s = udp_sock_open(l, addr, 0, sink_rx, k, err, sizeof(err));

	if (!s)
		fail_msg("udp_sock_open: %s", err);
	assert_int_not_equal(udp_sock_port(s), 0);
	return s;
}

static struct loop *loop_ok(void)
{
	char err[128];
	struct loop *l = loop_create(&clk_real, err, sizeof(err));

	if (!l)
		fail_msg("loop_create: %s", err);
	return l;
}

static void test_udp_batch(void **state)
{
	struct loop *l = loop_ok();
	struct sink ka = { 0 }, kb = { 0 };
	struct udp_sock *a = open_ok(l, LO1, &ka), *b = open_ok(l, LO1, &kb);
	struct io io = udp_sock_io(a);
	struct udp_ends e = { .src = LO3, .dst = LO1, .sport = 1, .dport = udp_sock_port(b) };
	struct udp_stats sa, sb;
	uint8_t buf[512];

	(void)state;
	for (unsigned i = 0; i < NDGRAM; i++) {
		assert_int_equal(io_send(&io, &e, buf, payload(i, buf)), 0);
		if ((i + 1) % ROUND == 0) {
			assert_int_equal(io_flush(&io), 0);
			pump(l, &kb.n, i + 1);
		}
	}
	assert_int_equal(kb.bad, 0);
	for (unsigned i = 0; i < NDGRAM; i++)
		assert_int_equal(kb.seen[i], 1);
	/* Bound to 127.0.0.1: ends.src and ends.sport of a send are ignored. */
	assert_int_equal(kb.last.src, LO1);
	assert_int_equal(kb.last.sport, udp_sock_port(a));
	assert_int_equal(kb.last.dst, LO1);
	assert_int_equal(kb.last.dport, udp_sock_port(b));
	sa = udp_sock_stats(a);
	sb = udp_sock_stats(b);
	assert_int_equal(sa.tx, NDGRAM);
	assert_int_equal(sa.tx_errors, 0);
	assert_true(sa.tx_batches < sa.tx);
	assert_int_equal(sb.rx, NDGRAM);
	assert_true(sb.rx_batches < sb.rx);
	assert_int_equal(sb.rx_truncated, 0);
	assert_int_equal(ka.n, 0);
	udp_sock_close(a);
	udp_sock_close(b);
	udp_sock_close(NULL);
	loop_destroy(l);
}

/* A socket bound to any: the destination of what it receives comes from IP_PKTINFO, and
 * what it sends leaves from ends.src. */
static void test_udp_pktinfo(void **state)
{
	struct loop *l = loop_ok();
	struct sink ka = { 0 }, kb = { 0 };
	struct udp_sock *a = open_ok(l, 0, &ka), *b = open_ok(l, 0, &kb);
	struct io io = udp_sock_io(a);
	struct udp_ends e = { .src = LO3, .dst = LO2, .dport = udp_sock_port(b) };
	uint8_t buf[512];

	(void)state;
	assert_int_equal(io_send(&io, &e, buf, payload(7, buf)), 0);
	pump(l, &kb.n, 1); /* flushed by the idle hook, not by us */
	assert_int_equal(kb.bad, 0);
	assert_int_equal(kb.last.src, LO3);
	assert_int_equal(kb.last.sport, udp_sock_port(a));
	assert_int_equal(kb.last.dst, LO2);
	/* No source given: the kernel picks one. */
	e.src = 0;
	e.dst = LO1;
	assert_int_equal(io_send(&io, &e, buf, payload(8, buf)), 0);
	pump(l, &kb.n, 2);
	assert_int_equal(kb.last.src, LO1);
	assert_int_equal(kb.last.dst, LO1);
	assert_int_equal(udp_sock_stats(a).tx, 2);
	udp_sock_close(a);
	udp_sock_close(b);
	loop_destroy(l);
}

static void test_udp_oversize(void **state)
{
	struct loop *l = loop_ok();
	struct sink ka = { 0 }, kb = { 0 };
	struct udp_sock *a = open_ok(l, LO1, &ka), *b = open_ok(l, LO1, &kb);
	struct io io = udp_sock_io(a);
	struct udp_ends e = { .dst = LO1, .dport = udp_sock_port(b) };
	uint8_t *big = calloc(1, 65508), small[512];

	(void)state;
	assert_non_null(big);
	assert_int_equal(io_send(&io, &e, big, 65508), -1); /* no UDP over IPv4 can hold it */
	assert_int_equal(udp_sock_stats(a).tx_errors, 1);
	/* Any size arrives whole (issue #14: over 4096 bytes were dropped); the third does
	 * not fit in the tx arena beside the first two, so they are sent first. */
	assert_int_equal(io_send(&io, &e, big, 5000), 0);
	assert_int_equal(io_send(&io, &e, big, 65507), 0);
	assert_int_equal(udp_sock_stats(a).tx, 0);
	assert_int_equal(io_send(&io, &e, big, 65507), 0);
	assert_int_equal(udp_sock_stats(a).tx, 2);
	assert_int_equal(io_send(&io, &e, small, payload(1, small)), 0);
	assert_int_equal(io_flush(&io), 0);
	assert_int_equal(udp_sock_stats(a).tx, 4);
	pump(l, &kb.n, 4);
	assert_int_equal(kb.bad, 3); /* the big ones are no "dgram N" */
	assert_int_equal(kb.longest, 65507);
	assert_int_equal(kb.seen[1], 1);
	assert_int_equal(udp_sock_stats(b).rx_truncated, 0);
	assert_int_equal(udp_sock_stats(b).rx, 4);
	free(big);
	udp_sock_close(a);
	udp_sock_close(b);
	loop_destroy(l);
}

/* 192.0.2.1 (TEST-NET-1) is not on this host: bind fails locally, nothing is sent. */
static void test_udp_bind_error(void **state)
{
	struct loop *l = loop_ok();
	struct sink k = { 0 };
	char err[128], want[128];

	(void)state;
	assert_null(udp_sock_open(l, 0xc0000201u, 434, sink_rx, &k, err, sizeof(err)));
	snprintf(want, sizeof(want), "192.0.2.1:434: %s", strerror(EADDRNOTAVAIL));
	assert_string_equal(err, want);
	loop_destroy(l);
}

static void test_udp_close_in_rx(void **state)
{
	struct loop *l = loop_ok();
	struct sink ka = { 0 }, kb = { 0 };
	struct udp_sock *a = open_ok(l, LO1, &ka), *b = open_ok(l, LO1, &kb);
	struct io io = udp_sock_io(a);
	struct udp_ends e = { .dst = LO1, .dport = udp_sock_port(b) };
	uint8_t buf[512];

	(void)state;
	kb.close_me = b;
	for (unsigned i = 0; i < 10; i++)
		assert_int_equal(io_send(&io, &e, buf, payload(i, buf)), 0);
	pump(l, &kb.n, 1);
	/* The other nine are never delivered: b is gone (the sanitizers check how). */
	for (int i = 0; i < 3; i++)
		assert_int_equal(loop_once(l, 0), 0);
	assert_int_equal(kb.n, 1);
	udp_sock_close(a);
	loop_destroy(l);
}

struct tick {
	struct timer t;
	struct loop *l;
	unsigned fired, idles;
	volatile sig_atomic_t *stop;
	int raise_sig;
	int held; /* the raised signal had not run its handler when raise returned */
};

static void tick_fire(struct timer *t, void *arg)
{
	struct tick *k = (struct tick *)((char *)t - offsetof(struct tick, t));

	assert_ptr_equal(arg, k->l);
	k->fired++;
	if (k->raise_sig) {
		raise(k->raise_sig);
		k->held = !*k->stop;
	} else if (k->stop)
		*k->stop = 1;
}

static void tick_idle(void *arg)
{
	((struct tick *)arg)->idles++;
}

static void test_loop_timer(void **state)
{
	struct loop *l = loop_ok();
	struct tick k = { .l = l };
	uint64_t t0 = clk_now_ns(&clk_real), dt;

	(void)state;
	assert_ptr_equal(loop_clock(l), &clk_real);
	assert_int_equal(loop_add_idle(l, tick_idle, &k), 0);
	timer_init(&k.t, tick_fire);
	/* A timer 5 ms away ends an unbounded wait. */
	assert_int_equal(timers_arm(loop_timers(l), &k.t, t0 + 5000000), 0);
	assert_int_equal(loop_once(l, -1), 0);
	dt = clk_now_ns(&clk_real) - t0;
	assert_int_equal(k.fired, 1);
	assert_int_equal(k.idles, 2); /* before the wait and after the iteration */
	assert_true(dt >= 5000000 && dt < 1000000000);
	/* One far away does not hold a bounded wait past its timeout. */
	t0 = clk_now_ns(&clk_real);
	assert_int_equal(timers_arm(loop_timers(l), &k.t, t0 + 3600000000000ull), 0);
	assert_int_equal(loop_once(l, 10), 0);
	assert_int_equal(k.fired, 1);
	assert_int_equal(k.idles, 4);
	assert_true(clk_now_ns(&clk_real) - t0 < 1000000000);
	loop_del_idle(l, tick_idle, &k);
	assert_int_equal(loop_once(l, 0), 0);
	assert_int_equal(k.idles, 4);
	loop_destroy(l); /* drops the armed timer */
	assert_false(timer_armed(&k.t));
}

static volatile sig_atomic_t sig_stop;

/* A send queued outside the loop's callbacks (as a daemon's agent queues its first request
 * while it starts) leaves before the loop waits: the idle hooks run first, so it does not
 * wait in the queue for the wait to end (a timer 2 s away, the timeout) and go out then,
 * with whatever else that wakeup sends. */
static void test_loop_send_before_wait(void **state)
{
	struct loop *l = loop_ok();
	struct sink ka = { 0 }, kb = { .stop = &sig_stop };
	struct udp_sock *a = open_ok(l, LO1, &ka), *b = open_ok(l, LO1, &kb);
	struct io io = udp_sock_io(a);
	struct udp_ends e = { .dst = LO1, .dport = udp_sock_port(b) };
	struct tick k = { .l = l, .stop = &sig_stop };
	uint8_t buf[512];
	uint64_t t0;

	(void)state;
	/* loop_once: the datagram arrives during the wait it would have slept through. */
	assert_int_equal(io_send(&io, &e, buf, payload(1, buf)), 0);
	t0 = clk_now_ns(&clk_real);
	assert_int_equal(loop_once(l, 2000), 0);
	assert_int_equal(kb.n, 1);
	assert_true(clk_now_ns(&clk_real) - t0 < 1000000000);
	/* loop_run: the first datagram stops it, long before the timer 2 s away. */
	sig_stop = 0;
	timer_init(&k.t, tick_fire);
	t0 = clk_now_ns(&clk_real);
	assert_int_equal(timers_arm(loop_timers(l), &k.t, t0 + 2000000000ull), 0);
	assert_int_equal(io_send(&io, &e, buf, payload(2, buf)), 0);
	assert_int_equal(loop_run(l, &sig_stop), 0);
	assert_int_equal(kb.n, 2);
	assert_int_equal(k.fired, 0);
	assert_true(clk_now_ns(&clk_real) - t0 < 1000000000);
	assert_int_equal(kb.bad, 0);
	assert_int_equal(udp_sock_stats(a).tx, 2);
	udp_sock_close(a);
	udp_sock_close(b);
	loop_destroy(l); /* drops the armed timer */
}

static void on_usr1(int sig)
{
	(void)sig;
	sig_stop = 1;
}

static void test_loop_run_stop(void **state)
{
	struct loop *l = loop_ok();
	struct tick k = { .l = l, .stop = &sig_stop };
	struct sigaction sa = { .sa_handler = on_usr1 }, old;

	(void)state;
	timer_init(&k.t, tick_fire);
	/* Set by a callback. */
	sig_stop = 0;
	assert_int_equal(timers_arm(loop_timers(l), &k.t, clk_now_ns(&clk_real) + 2000000), 0);
	assert_int_equal(loop_run(l, &sig_stop), 0);
	assert_int_equal(k.fired, 1);
	/* Set by a signal handler: the signal raised in a callback is held until the wait,
	 * which it interrupts, and the loop stops though nothing else will ever wake it. */
	sigemptyset(&sa.sa_mask);
	assert_int_equal(sigaction(SIGUSR1, &sa, &old), 0);
	sig_stop = 0;
	k.raise_sig = SIGUSR1;
	assert_int_equal(timers_arm(loop_timers(l), &k.t, clk_now_ns(&clk_real) + 2000000), 0);
	assert_int_equal(loop_run(l, &sig_stop), 0);
	assert_int_equal(k.fired, 2);
	assert_int_equal(sig_stop, 1);
	assert_int_equal(k.held, 1);
	assert_int_equal(sigaction(SIGUSR1, &old, NULL), 0);
	loop_destroy(l);
	loop_destroy(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mem_roundtrip),   cmocka_unit_test(test_udp_batch),
		cmocka_unit_test(test_udp_pktinfo),     cmocka_unit_test(test_udp_oversize),
		cmocka_unit_test(test_udp_bind_error),  cmocka_unit_test(test_udp_close_in_rx),
		cmocka_unit_test(test_loop_timer),      cmocka_unit_test(test_loop_run_stop),
		cmocka_unit_test(test_loop_send_before_wait),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
