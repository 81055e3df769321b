/* bench_gen.c — the bench's load generator: a PMA-like sender of proxy registrations
 * (RFC 5563 §4.1) on 127.0.0.2 that keeps a window of requests outstanding, sending
 * with sendmmsg and receiving with recvmmsg through the engine's batched UDP socket.
 *
 * One request in GEN_NEW_EVERY registers a new node; the others renew a node whose last
 * request was answered, oldest first, so no node ever has two requests in flight.
 * Every reply is checked (type, code 0, NAI, Identification); one in GEN_FULL_EVERY is
 * decoded whole and its FA-HA authenticator verified.  The echo baseline runs the same
 * code: the echoed request passes the same checks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "ident.h"
#include "io_udp.h"
#include "loop.h"
#include "mip.h"

#define GEN_NEW_EVERY  4
#define GEN_FULL_EVERY 16
#define GEN_POLL_MS    10
#define GEN_STALL_NS   (200 * 1000000ull) /* no reply this long: the window was lost */
#define GEN_WARMUP_MAX (500 * 1000000ull)

struct bgen {
	struct loop *l;
	struct udp_sock *s;
	struct io io;
	struct udp_ends to;
	struct breq *q;
	uint32_t seed;
	struct clk clk;
	uint8_t reply_type;
	unsigned window, inflight;
	bool sending, counting;
	uint32_t *idle;     /* ring of answered nodes with nothing outstanding */
	uint32_t idle_head, n_idle;
	uint32_t *ident_lo; /* low 32 bits of each node's latest Identification */
	uint8_t *known;     /* a node's first registration was answered */
	uint32_t next_new;
	uint64_t seq, seen;
	struct bgen_result r;
	char why[200];
};

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void idle_push(struct bgen *g, uint32_t mn)
{
	g->idle[(g->idle_head + g->n_idle) % BENCH_RATE_NAIS] = mn;
	g->n_idle++;
}

static uint32_t idle_pop(struct bgen *g)
{
	uint32_t mn = g->idle[g->idle_head];

	g->idle_head = (g->idle_head + 1) % BENCH_RATE_NAIS;
	g->n_idle--;
	return mn;
}

/* One request: a new node or the renewal of an idle one.  False when there is none. */
static bool gen_send(struct bgen *g)
{
	bool fresh = g->n_idle == 0 || g->seq % GEN_NEW_EVERY == 0;
	const uint8_t *p;
	uint64_t ident;
	uint32_t mn;
	size_t len;

	if (fresh && g->next_new < BENCH_RATE_NAIS)
		mn = g->next_new++;
	else if (g->n_idle)
		mn = idle_pop(g);
	else
		return false;
	g->seq++;
	p = breq_build(g->q, mn, &ident, &len);
	g->ident_lo[mn] = (uint32_t)ident;
	if (io_send(&g->io, &g->to, p, len) == 0)
		g->inflight++;
	return true;
}

static void gen_fill(struct bgen *g)
{
	while (g->inflight < g->window && gen_send(g))
		;
	io_flush(&g->io);
}

static void gen_fail(struct bgen *g, const char *why)
{
	if (g->r.failed++ == 0)
		snprintf(g->why, sizeof g->why, "%s", why);
}

/* A good reply: count it, and the node may be renewed again. */
static void gen_accept(struct bgen *g, uint32_t mn, bool full)
{
	bool fresh = !g->known[mn];

	idle_push(g, mn);
	g->known[mn] = 1;
	g->r.verified += full;
	if (!g->counting)
		return;
	g->r.replies++;
	if (fresh)
		g->r.news++;
	else
		g->r.renews++;
}

static void gen_rx(void *arg, const struct udp_ends *e, const uint8_t *buf, size_t len)
{
	struct bgen *g = arg;
	bool full = ++g->seen % GEN_FULL_EVERY == 0;
	uint64_t ident;
	uint32_t mn;

	if (g->inflight)
		g->inflight--;
	if (e->src != g->to.dst || e->sport != g->to.dport)
		gen_fail(g, "reply from an unexpected address or port");
	else if (breq_check(g->q, buf, len, g->reply_type, full, &mn, &ident) < 0)
		gen_fail(g, breq_why(g->q));
	else if (mn >= g->next_new || !ident_reply_matches(ident, g->ident_lo[mn]))
		gen_fail(g, "reply Identification does not match the request (RFC 5944 §3.6.2.1)");
	else
		gen_accept(g, mn, full);
	if (g->sending)
		gen_send(g);
}

void bgen_destroy(struct bgen *g)
{
	if (!g)
		return;
	udp_sock_close(g->s);
	loop_destroy(g->l);
	breq_destroy(g->q);
	free(g->idle);
	free(g->ident_lo);
	free(g->known);
	free(g);
}

struct bgen *bgen_create(uint16_t port, uint8_t reply_type, unsigned window, char *err,
			 size_t errlen)
{
	struct bgen *g = calloc(1, sizeof *g);

	if (!g) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	g->seed = (uint32_t)mono_ns() | 1;
	g->clk = bench_clk_fast(&g->seed);
	g->reply_type = reply_type;
	g->window = window;
	g->to = (struct udp_ends){ BENCH_PMA_ADDR, BENCH_HA_ADDR, 0, port };
	/* Pages are touched only for the nodes a run reaches. */
	g->idle = calloc(BENCH_RATE_NAIS, sizeof *g->idle);
	g->ident_lo = calloc(BENCH_RATE_NAIS, sizeof *g->ident_lo);
	g->known = calloc(BENCH_RATE_NAIS, 1);
	if (!g->idle || !g->ident_lo || !g->known) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	g->q = breq_create(&g->clk, err, errlen);
	if (!g->q)
		goto fail;
	g->l = loop_create(&clk_real, err, errlen);
	if (!g->l)
		goto fail;
	g->s = udp_sock_open(g->l, BENCH_PMA_ADDR, 0, gen_rx, g, err, errlen);
	if (!g->s)
		goto fail;
	g->io = udp_sock_io(g->s);
	return g;
fail:
	bgen_destroy(g);
	return NULL;
}

/* Run the loop for ns.  When nothing comes back for GEN_STALL_NS (datagrams dropped),
 * the outstanding requests are written off and the window refilled. */
static int gen_phase(struct bgen *g, uint64_t ns)
{
	uint64_t now = mono_ns(), end = now + ns, last = now, seen = g->seen;

	while (now < end && (g->sending || g->inflight)) {
		if (loop_once(g->l, GEN_POLL_MS) < 0)
			return -1;
		now = mono_ns();
		if (g->seen != seen) {
			seen = g->seen;
			last = now;
		} else if (now - last > GEN_STALL_NS) {
			g->r.lost += g->inflight;
			g->inflight = 0;
			if (!g->sending)
				break;
			gen_fill(g);
			last = now;
		}
	}
	return 0;
}

static int gen_measure(struct bgen *g, uint64_t ns)
{
	uint64_t t0;

	g->sending = true;
	gen_fill(g);
	if (gen_phase(g, ns / 10 < GEN_WARMUP_MAX ? ns / 10 : GEN_WARMUP_MAX) < 0)
		return -1;
	g->counting = true;
	t0 = mono_ns();
	if (gen_phase(g, ns) < 0)
		return -1;
	g->r.seconds += (double)(mono_ns() - t0) / 1e9;
	g->counting = false;
	g->sending = false;
	return gen_phase(g, 2 * GEN_STALL_NS); /* drain what is still outstanding */
}

int bgen_round(struct bgen *g, double seconds, char *err, size_t errlen)
{
	uint64_t before = g->r.replies;

	if (gen_measure(g, (uint64_t)(seconds * 1e9)) < 0) {
		snprintf(err, errlen, "event loop failed");
		return -1;
	}
	if (g->r.failed) {
		snprintf(err, errlen, "%llu replies failed verification, the first: %s",
			 (unsigned long long)g->r.failed, g->why);
		return -1;
	}
	if (g->r.replies == before) {
		snprintf(err, errlen, "no replies");
		return -1;
	}
	return 0;
}

const struct bgen_result *bgen_result(const struct bgen *g)
{
	return &g->r;
}
