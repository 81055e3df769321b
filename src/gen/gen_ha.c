/* gen_ha.c — one worker of the run against a Home Agent (gen_ha.h): its devices, its
 * sockets, the schedules, and the phases of the run:
 *
 *   RUN     registrations at the profile's rate (a linear ramp first), renewals, the
 *           handovers and revocations that fall on its devices, data
 *   DRAIN   data stopped at the end of `duration`; GEN_DRAIN_MS for what is in flight,
 *           then loss is final
 *   DEREG   every registered device deregistered (lifetime 0, RFC 5944 §3.6.1.2);
 *           done when all are answered or given up
 *
 * Handovers and revocations are one global list of events each (event j at start +
 * j / rate, on device (j x P + offset) mod devices with P prime to the device count):
 * every worker of every shard walks the same list and acts on the events of its own
 * devices, so the campaign's events do not depend on how it is split.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gen_ha.h"

#define NS           1000000000.0
#define REG_BATCH    256
#define EVENT_BATCH  256
#define LOOP_MAX_MS  20
#define DEREG_WAIT_S 10.0 /* the deregistrations' answers, at most */
#define STOP_WAIT_S  1.0  /* ... when interrupted */

enum { PH_RUN, PH_DRAIN, PH_DEREG, PH_DONE };

/* The budget is 256 bytes of generator state per device at 100,000. */
_Static_assert(sizeof(struct gen_dev) <= 144, "a device's state grew past 144 bytes");

uint64_t gw_mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void gw_reg_done(struct gw *g)
{
	if (g->reg_out)
		g->reg_out--;
	if (g->reg_out == GEN_REG_WINDOW - 1 && g->reg_k < g->n_dev && g->phase == PH_RUN)
		timers_arm(&g->tm, &g->t_reg, gw_mono_ns()); /* the window reopens */
}

void gw_dereg_done(struct gw *g)
{
	if (g->pending)
		g->pending--;
	if (g->pending == GEN_REG_WINDOW - 1 && g->phase == PH_DEREG && g->dereg_k < g->n_dev)
		timers_arm(&g->tm, &g->t_reg, gw_mono_ns());
}

bool gw_running(const struct gw *g)
{
	return g->phase == PH_RUN || g->phase == PH_DRAIN;
}

uint32_t gw_local(const struct gw *g, uint32_t number)
{
	uint32_t i, r;

	if (number < g->p->first)
		return UINT32_MAX;
	i = number - g->p->first;
	if (i < g->ctx->dev_lo || i >= g->ctx->dev_hi)
		return UINT32_MAX;
	r = i - g->ctx->dev_lo;
	if (r % g->w->n != g->w->id)
		return UINT32_MAX;
	return r / g->w->n;
}

/* ---- registrations: k-th at t(k) of a rate ramped linearly over T seconds ---- */

static double reg_time(const struct gw *g, uint32_t k)
{
	double share = (double)g->n_dev / (double)g->p->devices;
	double r = g->p->reg_rate * share, T = g->p->reg_ramp_s;

	if (r <= 0)
		return 0;
	if (T > 0 && k < r * T / 2)
		return sqrt(2.0 * T * k / r);
	return (T > 0 ? T / 2 : 0) + k / r;
}

static void reg_fire(struct timer *t, void *arg)
{
	struct gw *g = arg;
	uint64_t now = gw_mono_ns();
	unsigned batch = 0;

	(void)t;
	while (g->reg_k < g->n_dev && batch < REG_BATCH && g->reg_out < GEN_REG_WINDOW &&
	       g->ctx->start_ns + (uint64_t)(reg_time(g, g->reg_k) * NS) <= now) {
		gen_sig_register(g, &g->dev[g->reg_k++], true);
		batch++;
	}
	/* a full window waits for gw_reg_done */
	if (g->reg_k < g->n_dev && g->phase == PH_RUN && g->reg_out < GEN_REG_WINDOW)
		timers_arm(&g->tm, &g->t_reg,
			   batch == REG_BATCH ? now
					      : g->ctx->start_ns +
							(uint64_t)(reg_time(g, g->reg_k) * NS));
}

/* ---- handovers and revocations ---- */

static uint32_t gcd32(uint32_t a, uint32_t b)
{
	while (b) {
		uint32_t t = a % b;

		a = b;
		b = t;
	}
	return a;
}

/* The stride of the event lists: about 0.618 of the devices, prime to their count. */
static uint32_t stride(uint32_t n)
{
	uint32_t p = (uint32_t)((double)n * 0.6180339887) | 1u;

	while (n > 1 && gcd32(p, n) != 1)
		p += 2;
	return n > 1 ? p % n : 0;
}

struct events {
	const struct gen_rate *r;
	uint64_t *j;
	struct timer *t;
	uint32_t offset;
	void (*act)(struct gw *g, struct gen_dev *d);
};

static uint64_t events_total(const struct gw *g, const struct gen_rate *r)
{
	double stop = r->stop_s > 0 && r->stop_s < g->p->duration_s ? r->stop_s
								      : g->p->duration_s;

	return r->rate > 0 && stop > r->start_s ? (uint64_t)floor(r->rate * (stop - r->start_s))
						: 0;
}

static uint64_t event_at(const struct gw *g, const struct gen_rate *r, uint64_t j)
{
	return g->ctx->start_ns + (uint64_t)((r->start_s + (double)j / r->rate) * NS);
}

static void events_fire(struct gw *g, const struct events *ev)
{
	uint64_t total = events_total(g, ev->r), now = gw_mono_ns();
	uint32_t n = g->p->devices, p = stride(n);
	unsigned batch = 0;

	while (*ev->j < total && batch < EVENT_BATCH && event_at(g, ev->r, *ev->j) <= now) {
		uint32_t i = (uint32_t)((*ev->j * p + ev->offset) % n);
		uint32_t k = gw_local(g, g->p->first + i);

		(*ev->j)++;
		batch++;
		if (k != UINT32_MAX && g->dev[k].state == GD_UP && g->phase == PH_RUN)
			ev->act(g, &g->dev[k]);
	}
	if (*ev->j < total && g->phase == PH_RUN)
		timers_arm(&g->tm, ev->t,
			   batch == EVENT_BATCH ? now : event_at(g, ev->r, *ev->j));
}

static void move_act(struct gw *g, struct gen_dev *d)
{
	if (g->p->n_pma > 1)
		gen_sig_move(g, d);
}

static void ho_fire(struct timer *t, void *arg)
{
	struct gw *g = arg;
	struct events ev = { &g->p->handover, &g->ho_j, t, 0, move_act };

	events_fire(g, &ev);
}

static void rv_fire(struct timer *t, void *arg)
{
	struct gw *g = arg;
	struct events ev = { &g->p->revoke, &g->rv_j, t, g->p->devices / 2, gen_sig_revoke };

	events_fire(g, &ev);
}

/* ---- publishing, phases ---- */

/* Twice the one-way latency p99 of the interval now ending, within bounds. */
static void quiet_update(struct gw *g)
{
	uint64_t p99 = 0, q;

	for (int d = 0; d < GEN_NDIR; d++) {
		uint64_t v = hist_quantile(&g->w->ival[d], 0.99);

		if (v > p99)
			p99 = v;
	}
	q = 2 * p99;
	g->quiet_ns = q < GEN_QUIET_MIN_NS ? GEN_QUIET_MIN_NS
					   : q > GEN_QUIET_MAX_NS ? GEN_QUIET_MAX_NS : q;
}

static void pub_fire(struct timer *t, void *arg)
{
	struct gw *g = arg;

	quiet_update(g);

	if (g->phase == PH_RUN)
		for (int d = 0; d < GEN_NDIR; d++)
			g->w->st.c.lost[d] = g->lost_est[d]; /* exact at the end */
	gen_worker_publish(g->w);
	timers_arm(&g->tm, t, gw_mono_ns() + (uint64_t)(g->p->series_s * NS));
}

/* The end: deregistrations at the registration rate (no ramp), so the end is not a
 * burst the tester made; renewals stop at once. */
static void dereg_one(struct gw *g, struct gen_dev *d)
{
	switch (d->state) {
	case GD_UP:
	case GD_RENEW:
	case GD_MOVING:
		timers_cancel(&g->tm, &d->t);
		gen_sig_dereg(g, d);
		break;
	case GD_REVOKING:
		timers_cancel(&g->tm, &d->t);
		if (d->hoa)
			gen_sig_dereg(g, d);
		else
			d->state = GD_GONE;
		break;
	case GD_REG:
		gw_reg_done(g);
		/* fall through */
	case GD_DOWN:
		timers_cancel(&g->tm, &d->t);
		d->state = GD_GONE;
		break;
	default:
		break;
	}
}

static void dereg_fire(struct timer *t, void *arg)
{
	struct gw *g = arg;
	uint64_t now = gw_mono_ns();
	double share = (double)g->n_dev / (double)g->p->devices;
	double r = g->p->reg_rate * share;
	unsigned batch = 0;

	while (g->dereg_k < g->n_dev && batch < REG_BATCH && g->pending < GEN_REG_WINDOW &&
	       (r <= 0 || g->dereg_t0 + (uint64_t)(g->dereg_k / r * NS) <= now)) {
		dereg_one(g, &g->dev[g->dereg_k++]);
		batch++;
	}
	if (g->dereg_k < g->n_dev && g->pending < GEN_REG_WINDOW) /* else gw_dereg_done */
		timers_arm(&g->tm, t,
			   batch == REG_BATCH ? now : g->dereg_t0 + (uint64_t)(g->dereg_k / r * NS));
}

static double dereg_span_s(const struct gw *g)
{
	return g->p->reg_rate > 0 ? (double)g->p->devices / g->p->reg_rate : 0;
}

static void dereg_start(struct gw *g, uint64_t now)
{
	for (uint32_t k = 0; k < g->n_dev; k++)
		if (g->dev[k].state == GD_UP)
			timers_cancel(&g->tm, &g->dev[k].t); /* no more renewals */
	g->phase = PH_DEREG;
	g->dereg_t0 = now;
	g->dereg_k = 0;
	timer_init(&g->t_reg, dereg_fire);
	timers_arm(&g->tm, &g->t_reg, now);
}

static void phase_fire(struct timer *t, void *arg)
{
	struct gw *g = arg;
	uint64_t now = gw_mono_ns();

	switch (g->phase) {
	case PH_RUN: /* the end of `duration` */
		gen_data_stop(g);
		timers_cancel(&g->tm, &g->t_reg);
		timers_cancel(&g->tm, &g->t_ho);
		timers_cancel(&g->tm, &g->t_rv);
		g->phase = PH_DRAIN;
		timers_arm(&g->tm, t, now + GEN_DRAIN_MS * 1000000ull);
		break;
	case PH_DRAIN:
		gen_data_finish(g);
		dereg_start(g, now);
		/* every worker spreads its share over devices / rate seconds */
		timers_arm(&g->tm, t, now + (uint64_t)((DEREG_WAIT_S + dereg_span_s(g)) * NS));
		break;
	default:
		g->phase = PH_DONE; /* the deregistrations' time is up */
		break;
	}
}

/* Interrupted: finish at once, deregistering what we can in STOP_WAIT_S. */
static void stop_now(struct gw *g)
{
	uint64_t now = gw_mono_ns();

	gen_data_stop(g);
	timers_cancel(&g->tm, &g->t_reg);
	timers_cancel(&g->tm, &g->t_ho);
	timers_cancel(&g->tm, &g->t_rv);
	gen_data_finish(g);
	dereg_start(g, now);
	g->dereg_t0 = 0; /* interrupted: all at once */
	timers_arm(&g->tm, &g->t_phase, now + (uint64_t)(STOP_WAIT_S * NS));
}

/* ---- per-device figures (--devices-csv) ---- */

static const char *const state_names[] = {
	[GD_IDLE] = "idle", [GD_REG] = "registering", [GD_UP] = "registered",
	[GD_RENEW] = "renewing", [GD_MOVING] = "moving", [GD_REVOKING] = "revoking",
	[GD_DOWN] = "revoked", [GD_DEREG] = "deregistering", [GD_GONE] = "gone",
};

/* The worker's rows, at the end (not on the packet path): the header is gen_run's. */
static void devices_csv(struct gw *g)
{
	FILE *f = g->ctx->devices_csv;

	if (!f)
		return;
	pthread_mutex_lock(g->ctx->devices_mu);
	for (uint32_t k = 0; k < g->n_dev; k++) {
		const struct gen_dev *d = &g->dev[k];

		fprintf(f, "%u,%u,%s,%u,%u,%u,%u,%u,%u,%u,%u,%u\n", g->p->first + gw_global(g, k),
			d->pma + 1, state_names[d->state], d->reg_us, d->moves, d->last_code,
			d->tx_seq[GEN_UP], d->recv[GEN_UP],
			d->tx_seq[GEN_UP] > d->recv[GEN_UP] ? d->tx_seq[GEN_UP] - d->recv[GEN_UP] : 0,
			d->tx_seq[GEN_DOWN], d->recv[GEN_DOWN],
			d->tx_seq[GEN_DOWN] > d->recv[GEN_DOWN] ? d->tx_seq[GEN_DOWN] - d->recv[GEN_DOWN]
								: 0);
	}
	pthread_mutex_unlock(g->ctx->devices_mu);
}

/* ---- the worker ---- */

static int gw_setup(struct gw *g)
{
	char err[200];

	timers_init(&g->tm);
	g->l = loop_create(&clk_real, err, sizeof err);
	if (!g->l) {
		snprintf(g->w->err, sizeof g->w->err, "%s", err);
		return -1;
	}
	g->n_dev = 0;
	for (uint32_t i = g->ctx->dev_lo + g->w->id; i < g->ctx->dev_hi; i += g->w->n)
		g->n_dev++;
	for (g->hoa_cap = 16; g->hoa_cap < 2 * g->n_dev; g->hoa_cap *= 2)
		;
	g->dev = calloc(g->n_dev ? g->n_dev : 1, sizeof *g->dev);
	g->hoa_idx = calloc(g->hoa_cap, sizeof *g->hoa_idx);
	if (!g->dev || !g->hoa_idx) {
		snprintf(g->w->err, sizeof g->w->err, "out of memory for %u devices", g->n_dev);
		return -1;
	}
	for (uint32_t k = 0; k < g->n_dev; k++) {
		struct gen_dev *d = &g->dev[k];

		timer_init(&d->t, gen_sig_timer);
		d->pma = (uint8_t)(gw_global(g, k) % g->p->n_pma);
		for (int dir = 0; dir < GEN_NDIR; dir++)
			d->rx[dir].transit = INT64_MIN;
	}
	return gen_sig_open(g) < 0 || gen_data_open(g) < 0 ? -1 : 0;
}

static void gw_teardown(struct gw *g)
{
	for (unsigned i = 0; i < g->p->n_pma; i++) {
		udp_sock_close(g->pma[i].sig);
		udp_sock_close(g->pma[i].rev);
		rawip_sock_close(g->pma[i].raw);
	}
	pkt_sock_close(g->home);
	loop_destroy(g->l);
	timers_finish(&g->tm);
	free(g->dev);
	free(g->hoa_idx);
}

int gen_ha_worker(struct gen_worker *w)
{
	struct gw *g = calloc(1, sizeof *g);
	const struct gen_ctx *ctx = w->ctx;
	bool stopped = false;
	int rc = -1;

	if (!g) {
		snprintf(w->err, sizeof w->err, "out of memory");
		return -1;
	}
	g->w = w;
	g->ctx = ctx;
	g->p = ctx->p;
	g->quiet_ns = GEN_QUIET_MIN_NS;
	if (gw_setup(g) < 0)
		goto out;
	timer_init(&g->t_reg, reg_fire);
	timer_init(&g->t_ho, ho_fire);
	timer_init(&g->t_rv, rv_fire);
	timer_init(&g->t_pub, pub_fire);
	timer_init(&g->t_phase, phase_fire);
	timers_arm(&g->tm, &g->t_reg, ctx->start_ns);
	if (events_total(g, &g->p->handover))
		timers_arm(&g->tm, &g->t_ho, event_at(g, &g->p->handover, 0));
	if (events_total(g, &g->p->revoke))
		timers_arm(&g->tm, &g->t_rv, event_at(g, &g->p->revoke, 0));
	timers_arm(&g->tm, &g->t_pub, ctx->start_ns + (uint64_t)(g->p->series_s * NS));
	timers_arm(&g->tm, &g->t_phase, ctx->end_ns);
	gen_data_start(g, ctx->start_ns);
	while (g->phase != PH_DONE) {
		uint64_t now = gw_mono_ns(), next = timers_next(&g->tm);
		int ms = next <= now ? 0 : (int)((next - now) / 1000000u) + 1;

		if (!stopped && atomic_load_explicit(&w->stop, memory_order_relaxed)) {
			stopped = true;
			if (g->phase != PH_DEREG)
				stop_now(g);
		}
		if (loop_once(g->l, ms > LOOP_MAX_MS ? LOOP_MAX_MS : ms) < 0) {
			snprintf(w->err, sizeof w->err, "the event loop failed");
			goto out;
		}
		timers_run(&g->tm, gw_mono_ns(), g);
		gen_data_arp_tick(g);
		if (g->phase == PH_DEREG && !g->pending && g->dereg_k == g->n_dev)
			g->phase = PH_DONE;
	}
	loop_once(g->l, 0); /* the last sends out */
	gen_worker_publish(w);
	devices_csv(g);
	rc = 0;
out:
	gw_teardown(g);
	free(g);
	return rc;
}
