/* rr_run.c — the timed loop of raw replay (rr.h).
 *
 * Every frame has a due time on CLOCK_MONOTONIC computed from the start, never from
 * the previous send, so errors do not add up (no drift):
 *   as recorded   start + pass offset + (ts - ts0) / multiplier
 *   --pps N       start + k / N            (k counts packets over all passes)
 *   --mbps N      start + bits before k / (N * 10^6)
 *   --topspeed    none: frames go as fast as the ring takes them.
 * A frame not yet due is waited for with clock_nanosleep(TIMER_ABSTIME) until
 * a learnt margin before it, then by spinning on the clock; frames already due go together
 * in one kick.  The error of each frame is the time its kick returned minus its due
 * time, kept in a histogram of microseconds.  A timed run asks for SCHED_FIFO (priority
 * 1, when the process may: root or CAP_SYS_NICE) so that a busy machine does not keep it
 * from the CPU when a frame is due; it sleeps between frames, holding the CPU only for
 * that margin before each.  Only when frames are RR_RT_GAP_NS apart or more on average:
 * spinning nearly all the time under SCHED_FIFO, the kernel's RT throttling would stop
 * the process for 50 ms each second.
 */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <time.h>

#include "rr.h"
#include "rr_sign.h"
#include "rr_tx.h"

#define NS 1000000000ull
#define RR_SPIN_MIN_NS 20000ull  /* sleep until at least this close, then spin */
#define RR_SPIN_MAX_NS 60000ull   /* under SCHED_FIFO, spinning all the time would be throttled */
#define RR_LEAD_NS 2000000ull    /* the first frame is due this long after the start */
#define RR_TICK_NS NS
#define RR_RT_GAP_NS 90000.0    /* SCHED_FIFO only when spinning takes under 2/3 of the time */
#define RR_BATCH_MAX 64

uint64_t rr_mono_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * NS + (uint64_t)t.tv_nsec;
}

static uint64_t rr_wall_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_REALTIME, &t);
	return (uint64_t)t.tv_sec * NS + (uint64_t)t.tv_nsec;
}

/* Sleep until shortly before due, then spin.  How long before is learnt: the window
 * grows to one and a half times the latest oversleep seen (plus RR_SPIN_MIN_NS) and
 * shrinks slowly back, within RR_SPIN_MIN_NS..RR_SPIN_MAX_NS. */
static void rr_wait_until(uint64_t due, uint64_t *spin)
{
	uint64_t now = rr_mono_ns();

	if (due > now + *spin) {
		uint64_t at = due - *spin, late;
		struct timespec t = { (time_t)(at / NS), (long)(at % NS) };

		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL) == EINTR)
			;
		now = rr_mono_ns();
		late = now > at ? now - at : 0;
		*spin -= *spin / 256;
		if (late + late / 2 + RR_SPIN_MIN_NS > *spin)
			*spin = late + late / 2 + RR_SPIN_MIN_NS;
		if (*spin < RR_SPIN_MIN_NS)
			*spin = RR_SPIN_MIN_NS;
		if (*spin > RR_SPIN_MAX_NS)
			*spin = RR_SPIN_MAX_NS;
	}
	while (rr_mono_ns() < due)
		;
}

struct run {
	const struct rr_cap *cap;
	const struct rr_opts *o;
	struct rr_tx *tx;
	struct rr_stats *st;
	uint64_t start;        /* monotonic ns of pass 0's ts0 */
	uint64_t wall_off;     /* wall - monotonic */
	double pass_ns;        /* as recorded: the length of one pass, scaled */
	double bits;           /* --mbps: bits sent before this frame */
	uint64_t k;            /* frames scheduled so far, all passes */
	uint64_t due[RR_BATCH_MAX]; /* of the frames in the pending kick */
	unsigned n_due;
	uint64_t next_tick;
	uint64_t spin;         /* rr_wait_until's margin */
	rr_tick_fn tick;
	void *arg;
};

static uint64_t run_due(struct run *r, uint64_t pass, const struct rr_frame *f)
{
	const struct rr_cap *c = r->cap;
	double off;

	switch (r->o->speed) {
	case RR_RECORDED:
		off = f->ts_ns >= c->f[0].ts_ns ? (double)(f->ts_ns - c->f[0].ts_ns) : 0;
		return r->start + (uint64_t)((double)pass * r->pass_ns + off / r->o->multiplier);
	case RR_PPS:
		return r->start + (uint64_t)((double)r->k * 1e9 / r->o->rate);
	case RR_MBPS:
		return r->start + (uint64_t)(r->bits * 1e3 / r->o->rate);
	case RR_TOPSPEED:
		break;
	}
	return 0;
}

static void run_record(struct rr_stats *st, uint64_t due, uint64_t sent)
{
	uint64_t e = sent > due ? sent - due : 0, us = e / 1000;

	st->sched_n++;
	if (us < RR_HIST_US)
		st->hist[us]++;
	else
		st->over++;
	if (e > st->err_max_ns)
		st->err_max_ns = e;
	st->drift_ns = (int64_t)sent - (int64_t)due;
}

/* Hand the pending frames to the kernel, noting when they went: the moment of the
 * kick (the receiving end's processing, which veth does inside it, is not ours). */
static int run_kick(struct run *r)
{
	uint64_t t = rr_mono_ns();

	if (rr_tx_kick(r->tx) < 0)
		return -1;
	if (!r->n_due)
		return 0;
	for (unsigned i = 0; i < r->n_due; i++)
		run_record(r->st, r->due[i], t);
	r->st->last_wall_ns = t + r->wall_off;
	r->n_due = 0;
	return 0;
}

static void run_tick(struct run *r, uint64_t now)
{
	if (now < r->next_tick)
		return;
	r->next_tick = now + RR_TICK_NS;
	if (r->tick)
		r->tick(r->st, now, r->arg);
}

/* One frame: wait for it, re-sign it, queue it, kick when nothing else is due. */
static int run_frame(struct run *r, uint64_t pass, size_t i)
{
	const struct rr_frame *f = &r->cap->f[i];
	uint8_t *p = rr_frame_bytes(r->cap, f);
	bool timed = r->o->speed != RR_TOPSPEED;
	uint64_t due = timed ? run_due(r, pass, f) : 0, now = 0;

	if (timed) {
		now = rr_mono_ns();
		if (due > now) {
			if (run_kick(r) < 0)
				return -1;
			rr_wait_until(due, &r->spin);
		}
	}
	if (f->sign >= 0)
		rr_sign_apply(r->cap->sign, f->sign, p);
	if (rr_tx_put(r->tx, p, f->len) < 0)
		return -1;
	if (!r->st->packets)
		r->st->first_wall_ns = rr_mono_ns() + r->wall_off;
	r->st->packets++;
	r->st->bytes += f->len;
	r->bits += 8.0 * f->len;
	r->k++;
	if (timed) {
		r->due[r->n_due++] = due;
		if (r->n_due == RR_BATCH_MAX || i + 1 == r->cap->n ||
		    run_due(r, pass, &r->cap->f[i + 1]) > rr_mono_ns())
			if (run_kick(r) < 0)
				return -1;
		run_tick(r, rr_mono_ns());
	} else if ((r->k & 1023) == 0) {
		r->st->last_wall_ns = rr_mono_ns() + r->wall_off;
		run_tick(r, rr_mono_ns());
	}
	return 0;
}

/* The mean time between frames of the schedule. */
static double run_gap_ns(const struct run *r, const struct rr_cap *cap, const struct rr_opts *o)
{
	switch (o->speed) {
	case RR_RECORDED:
		return r->pass_ns / (double)cap->n;
	case RR_PPS:
		return 1e9 / o->rate;
	case RR_MBPS:
		return (double)cap->bytes * 8 / (double)cap->n * 1e3 / o->rate;
	case RR_TOPSPEED:
		break;
	}
	return 0;
}

static void run_init(struct run *r, const struct rr_cap *cap, const struct rr_opts *o)
{
	const struct rr_frame *a = &cap->f[0], *z = &cap->f[cap->n - 1];
	double span = z->ts_ns > a->ts_ns ? (double)(z->ts_ns - a->ts_ns) : 0;

	/* one pass lasts the capture plus one mean gap, so passes follow on evenly */
	r->pass_ns = cap->n > 1 ? (span + span / (double)(cap->n - 1)) / o->multiplier : 0;
	r->wall_off = rr_wall_ns() - rr_mono_ns();
	prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL); /* wake on time, not up to 50 us late */
	if (o->speed != RR_TOPSPEED && o->realtime && run_gap_ns(r, cap, o) >= RR_RT_GAP_NS) {
		struct sched_param sp = { .sched_priority = 1 };

		r->st->realtime = sched_setscheduler(0, SCHED_FIFO, &sp) == 0;
		if (r->st->realtime)
			mlockall(MCL_CURRENT); /* no page fault while a frame is due */
	}
	r->start = rr_mono_ns() + RR_LEAD_NS;
	r->next_tick = r->start + RR_TICK_NS;
	r->spin = 4 * RR_SPIN_MIN_NS;
}

int rr_run(const struct rr_cap *cap, const struct rr_opts *o, struct rr_tx *tx,
	   struct rr_stats *st, rr_tick_fn tick, void *arg, char *err, size_t errlen)
{
	struct run r = { .cap = cap, .o = o, .tx = tx, .st = st, .tick = tick, .arg = arg };
	int rc = 0;

	memset(st, 0, sizeof *st);
	st->scheduled = o->speed != RR_TOPSPEED;
	run_init(&r, cap, o);
	st->start_mono_ns = r.start;
	for (uint64_t pass = 0; pass < o->loops && rc == 0; pass++) {
		if (cap->sign)
			rr_sign_epoch(cap->sign, o->speed == RR_RECORDED && o->multiplier == 1.0 ?
				      (uint64_t)((double)r.start + (double)pass * r.pass_ns) +
				      r.wall_off : rr_wall_ns());
		for (size_t i = 0; i < cap->n && rc == 0; i++) {
			if (o->stop && *o->stop) {
				st->stopped = true;
				break;
			}
			rc = run_frame(&r, pass, i);
		}
		if (st->stopped)
			break;
		st->loops_done = pass + 1;
	}
	if (rc == 0)
		rc = run_kick(&r);
	if (rc < 0)
		snprintf(err, errlen, "send: %s", errno == ETIMEDOUT ?
			 "the link took no frame for 2 s (is it, or its peer, down?)" :
			 strerror(errno));
	st->end_mono_ns = rr_mono_ns();
	if (!st->scheduled)
		st->last_wall_ns = st->end_mono_ns + r.wall_off;
	st->failed = rr_tx_refused(tx);
	if (st->realtime) {
		struct sched_param sp = { .sched_priority = 0 };

		sched_setscheduler(0, SCHED_OTHER, &sp);
		munlockall();
	}
	return rc;
}

double rr_stats_seconds(const struct rr_stats *st)
{
	uint64_t first = st->first_wall_ns, last = st->last_wall_ns;

	return last > first ? (double)(last - first) / 1e9 : 0;
}

uint64_t rr_stats_pct_us(const struct rr_stats *st, double pct)
{
	uint64_t want = (uint64_t)((double)st->sched_n * pct / 100.0 + 0.999999), seen = 0;

	if (!st->sched_n)
		return 0;
	if (want == 0)
		want = 1;
	for (uint64_t us = 0; us < RR_HIST_US; us++) {
		seen += st->hist[us];
		if (seen >= want)
			return us;
	}
	return st->err_max_ns / 1000;
}
