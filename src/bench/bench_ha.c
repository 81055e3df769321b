/* bench_ha.c — what the bench measures against: the reference HA (ha.h) or a trivial
 * UDP echo, each in its own thread with the epoll loop and a batched UDP socket on
 * 127.0.0.1; and the resident memory of the HA's binding list (DESIGN.md §7), read from
 * /proc/self/statm around a million registrations fed straight to ha_input.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"
#include "binding.h"
#include "io_udp.h"
#include "loop.h"
#include "mip.h"
#include "pool.h"

#define SRV_POLL_MS    20
#define MEM_PORT       43434
#define MEM_FULL_EVERY 4096

struct bsrv {
	pthread_t th;
	struct loop *l;
	struct udp_sock *s;
	struct io io;
	struct ha *ha; /* NULL: echo */
	atomic_bool stop;
	atomic_bool failed;
};

struct ha *bench_ha_create(const struct clk *clk, uint32_t max_bindings, struct io io,
			   uint16_t port)
{
	struct ha_listener l = { BENCH_HA_ADDR, port, io };
	struct ha_config c;
	char cidr[32], err[128];
	unsigned prefix = 30;
	struct ha *ha;

	while (prefix > 8 && (1ull << (32 - prefix)) - 2 < max_bindings)
		prefix--;
	snprintf(cidr, sizeof cidr, "10.0.0.0/%u", prefix);
	ha_config_defaults(&c);
	c.addrs[c.n_addrs++] = BENCH_HA_ADDR;
	bench_sa(&c.sa[c.n_sa++]);
	c.pool = pool_create(cidr, err, sizeof err);
	if (!c.pool)
		return NULL;
	ha = ha_create(&c, clk);
	if (!ha) {
		pool_destroy(c.pool);
		return NULL;
	}
	if (ha_add_listener(ha, &l) < 0) {
		ha_destroy(ha);
		return NULL;
	}
	return ha;
}

/* ---- server threads ---- */

static void srv_rx_ha(void *arg, const struct udp_ends *e, const uint8_t *buf, size_t len)
{
	struct bsrv *s = arg;

	ha_input(s->ha, 0, e, buf, len);
}

static void srv_rx_echo(void *arg, const struct udp_ends *e, const uint8_t *buf, size_t len)
{
	struct bsrv *s = arg;
	struct udp_ends back = { e->dst, e->src, e->dport, e->sport };

	io_send(&s->io, &back, buf, len);
}

static void *srv_main(void *arg)
{
	struct bsrv *s = arg;

	while (!atomic_load_explicit(&s->stop, memory_order_acquire)) {
		if (loop_once(s->l, SRV_POLL_MS) < 0) {
			atomic_store(&s->failed, true);
			break;
		}
		if (s->ha && ha_next_due(s->ha) <= clk_now_ns(&clk_real))
			ha_tick(s->ha);
	}
	return NULL;
}

static void srv_free(struct bsrv *s)
{
	udp_sock_close(s->s);
	ha_destroy(s->ha);
	loop_destroy(s->l);
	free(s);
}

struct bsrv *bsrv_start(bool ha, char *err, size_t errlen)
{
	struct bsrv *s = calloc(1, sizeof *s);

	if (!s) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	atomic_init(&s->stop, false);
	atomic_init(&s->failed, false);
	s->l = loop_create(&clk_real, err, errlen);
	if (s->l)
		s->s = udp_sock_open(s->l, BENCH_HA_ADDR, 0, ha ? srv_rx_ha : srv_rx_echo, s, err,
				     errlen);
	if (!s->s)
		goto fail;
	s->io = udp_sock_io(s->s);
	if (ha) {
		s->ha = bench_ha_create(&clk_real, BENCH_RATE_NAIS, s->io, udp_sock_port(s->s));
		if (!s->ha) {
			snprintf(err, errlen, "cannot create the HA");
			goto fail;
		}
	}
	if (pthread_create(&s->th, NULL, srv_main, s) != 0) {
		snprintf(err, errlen, "cannot start the server thread");
		goto fail;
	}
	pthread_setname_np(s->th, ha ? "bench-ha" : "bench-echo"); /* for perf and top */
	return s;
fail:
	srv_free(s);
	return NULL;
}

uint16_t bsrv_port(const struct bsrv *s)
{
	return udp_sock_port(s->s);
}

/* Every request the HA took must have been accepted: a rejected or discarded one means
 * the generator or the HA is broken, and a broken HA must not look fast. */
static int srv_check_ha(const struct ha *ha, char *err, size_t errlen)
{
	const struct ha_counters *c = ha_counters(ha);
	uint64_t drops = 0;

	for (unsigned i = 0; i < HA_DROP_COUNT; i++)
		drops += c->drop[i];
	if (c->rx[MIP_RRQ] == c->code[0] && !drops)
		return 0;
	snprintf(err, errlen, "the HA accepted %llu of %llu requests (%llu discarded, %llu "
		 "authentication failures)", (unsigned long long)c->code[0],
		 (unsigned long long)c->rx[MIP_RRQ], (unsigned long long)drops,
		 (unsigned long long)c->auth_fail);
	return -1;
}

int bsrv_stop(struct bsrv *s, char *err, size_t errlen)
{
	int rc = 0;

	atomic_store_explicit(&s->stop, true, memory_order_release);
	pthread_join(s->th, NULL);
	if (atomic_load(&s->failed)) {
		snprintf(err, errlen, "the server's event loop failed");
		rc = -1;
	} else if (s->ha) {
		rc = srv_check_ha(s->ha, err, errlen);
	}
	srv_free(s);
	return rc;
}

/* ---- memory per binding ---- */

/* The HA's replies: checked (one in MEM_FULL_EVERY decoded whole) and discarded. */
struct mem_sink {
	struct breq *q;
	uint32_t want_mn;
	uint64_t want_ident;
	uint64_t replies, failed;
	char why[200];
};

static int sink_send(void *ctx, const struct udp_ends *e, const uint8_t *buf, size_t len)
{
	struct mem_sink *k = ctx;
	bool full = ++k->replies % MEM_FULL_EVERY == 0;
	const char *why = NULL;
	uint64_t ident;
	uint32_t mn;

	if (breq_check(k->q, buf, len, MIP_RRP, full, &mn, &ident) < 0)
		why = breq_why(k->q);
	else if (mn != k->want_mn || e->dst != BENCH_PMA_ADDR)
		why = "reply to another node or address";
	else if (ident != k->want_ident)
		why = "reply Identification is not the request's (RFC 5944 §5.7)";
	if (why && k->failed++ == 0)
		snprintf(k->why, sizeof k->why, "%s", why);
	return 0;
}

static const struct io_ops sink_ops = { .send = sink_send };

/* Resident bytes: statm's second field is in pages. */
static long long rss_bytes(void)
{
	unsigned long long size, res;
	FILE *f = fopen("/proc/self/statm", "r");
	int n;

	if (!f)
		return -1;
	n = fscanf(f, "%llu %llu", &size, &res);
	fclose(f);
	return n == 2 ? (long long)(res * (unsigned long long)sysconf(_SC_PAGESIZE)) : -1;
}

/* Feed n new registrations; the RSS difference over them, or -1. */
static long long mem_feed(struct ha *ha, struct mem_sink *k, uint32_t n)
{
	struct udp_ends e = { BENCH_PMA_ADDR, BENCH_HA_ADDR, MEM_PORT, MEM_PORT };
	long long before = rss_bytes(), after;
	size_t len;

	for (uint32_t mn = 0; mn < n && !k->failed; mn++) {
		const uint8_t *p = breq_build(k->q, mn, &k->want_ident, &len);

		k->want_mn = mn;
		ha_input(ha, 0, &e, p, len);
	}
	after = rss_bytes();
	if (before < 0 || after < 0)
		return -1;
	return after > before ? after - before : 0;
}

int bench_memory(uint32_t n, double *bytes_per_binding, char *err, size_t errlen)
{
	struct clk_virtual vc = { .now_ns = clk_now_ns(&clk_real), .seed = 1 };
	struct clk clk = clk_virtual(&vc);
	struct mem_sink k = { 0 };
	struct ha *ha = NULL;
	long long grown;
	uint32_t count;
	int rc = -1;

	k.q = breq_create(&clk, err, errlen);
	if (!k.q)
		return -1;
	ha = bench_ha_create(&clk, n, (struct io){ &sink_ops, &k }, MEM_PORT);
	if (!ha) {
		snprintf(err, errlen, "cannot create the HA");
		goto out;
	}
	grown = mem_feed(ha, &k, n);
	count = bnd_count(ha_bindings(ha));
	if (grown < 0) {
		snprintf(err, errlen, "cannot read /proc/self/statm");
	} else if (k.failed) {
		snprintf(err, errlen, "%llu replies failed verification, the first: %s",
			 (unsigned long long)k.failed, k.why);
	} else if (count != n || k.replies != n) {
		snprintf(err, errlen, "%u bindings and %llu replies after %u registrations", count,
			 (unsigned long long)k.replies, n);
	} else {
		*bytes_per_binding = (double)grown / n;
		rc = 0;
	}
out:
	ha_destroy(ha);
	breq_destroy(k.q);
	return rc;
}
