/* gen_run.c — one run of `pmip4ct gen` (gen.h): the context resolved from the profile,
 * the options and the PIXIT; the reference HA started in a child process when no DUT is
 * given; the workers (one thread each, gen_priv.h); once per series interval the
 * workers' published figures gathered into a point of the time series and the live
 * line; at the end the figures merged and written.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "clock.h"
#include "digest.h"
#include "gen_priv.h"
#include "params.h"
#include "run_files.h"
#include "txt.h"

#define NS            1000000000.0
#define START_DELAY_S 0.2  /* workers open their sockets before the first request */
#define CHILD_WAIT_S  5.0
#define TICK_MS       50   /* the main thread's tick; half the series interval if less */

void gen_worker_publish(struct gen_worker *w)
{
	pthread_mutex_lock(&w->mu);
	w->pub.c = w->st.c;
	w->pub.devices_up = w->devices_up;
	for (int d = 0; d < GEN_NDIR; d++) {
		hist_merge(&w->pub.ival[d], &w->ival[d]);
		hist_reset(&w->ival[d]);
	}
	pthread_mutex_unlock(&w->mu);
}

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* ---- the reference HA in a child process ---- */

struct child {
	pid_t pid;
	char log[64];
};

static void sa_spec(const struct mip_sa *sa, char *out, size_t n)
{
	size_t off = (size_t)snprintf(out, n, "spi=%u,alg=%s,kind=fa-ha,key=hex:", sa->spi,
				      sa->alg == AUTH_KEYED_MD5 ? "keyed-md5" : "hmac-md5");

	for (size_t i = 0; i < sa->key_len && off + 3 < n; i++, off += 2)
		snprintf(out + off, 3, "%02x", sa->key[i]);
}

/* `pmip4ct ha` on 127.0.0.1, a port of its choosing, a pool for every device; its
 * stderr to a file whose "listening on" line gives the port. */
static int child_start(struct child *ch, struct gen_ctx *ctx, char *err, size_t errlen)
{
	char sa[AUTH_KEY_MAX * 2 + 64], pool[32], life[16], self[4096], line[512];
	unsigned bits = 8;
	uint64_t until;
	int fd;
	ssize_t n;

	while (bits < 24 && (1ull << bits) < 2ull * ctx->p->devices + 8)
		bits++;
	snprintf(pool, sizeof pool, "10.%u.0.0/%u", 64u, 32 - bits);
	snprintf(life, sizeof life, "%u", ctx->p->lifetime);
	sa_spec(&ctx->sa, sa, sizeof sa);
	n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n <= 0) {
		snprintf(err, errlen, "cannot find this binary to start the reference HA");
		return -1;
	}
	self[n] = 0;
	snprintf(ch->log, sizeof ch->log, "/tmp/pmip4ct-gen-ha.XXXXXX");
	fd = mkstemp(ch->log);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", ch->log, strerror(errno));
		return -1;
	}
	ch->pid = fork();
	if (ch->pid < 0) {
		close(fd);
		snprintf(err, errlen, "fork: %s", strerror(errno));
		return -1;
	}
	if (ch->pid == 0) {
		sigset_t none;

		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		dup2(fd, 2);
		execl(self, self, "ha", "--listen", "127.0.0.1:0", "--sa", sa, "--pool", pool,
		      "--max-lifetime", life, "--log", "warn", (char *)NULL);
		_exit(127);
	}
	close(fd);
	until = mono_ns() + (uint64_t)(CHILD_WAIT_S * NS);
	while (mono_ns() < until) {
		FILE *f = fopen(ch->log, "r");
		unsigned a, b, c, d, port;

		while (f && fgets(line, sizeof line, f))
			if (sscanf(line, "pmip4ct ha: listening on %u.%u.%u.%u:%u", &a, &b, &c, &d,
				   &port) == 5) {
				fclose(f);
				ctx->ha = a << 24 | b << 16 | c << 8 | d;
				ctx->ha_port = (uint16_t)port;
				return 0;
			}
		if (f)
			fclose(f);
		if (waitpid(ch->pid, NULL, WNOHANG) == ch->pid) {
			ch->pid = 0;
			break;
		}
		usleep(20000);
	}
	{ /* its last words, before child_stop removes the file */
		FILE *f = fopen(ch->log, "r");
		char last[sizeof line] = "";

		while (f && fgets(line, sizeof line, f))
			memcpy(last, line, sizeof last);
		if (f)
			fclose(f);
		last[strcspn(last, "\n")] = 0;
		snprintf(err, errlen, "the reference HA did not start%s%s", last[0] ? ": " : "",
			 last);
	}
	return -1;
}

static void child_stop(struct child *ch)
{
	if (ch->pid > 0) {
		kill(ch->pid, SIGTERM);
		waitpid(ch->pid, NULL, 0);
	}
	if (ch->log[0])
		unlink(ch->log);
}

/* ---- the context ---- */

static int ctx_resolve(struct gen_ctx *ctx, struct gen_prof *p, const struct gen_opts *o,
		       struct params *px, char *err, size_t errlen)
{
	const char *s;

	const char *item = o->dut_pma ? "pma" : "ha";
	char why[256];

	ctx->p = p;
	ctx->o = o;
	if (o->n_pma && o->n_pma != p->n_pma) {
		snprintf(err, errlen, "--pma given %u times; the profile %s has %u PMAs: one "
			 "address for each", o->n_pma, p->file, p->n_pma);
		return -1;
	}
	for (unsigned i = 0; i < o->n_pma; i++)
		p->pma[i] = o->pma[i];
	if (o->pixit && run_file_read(o->pixit, NULL, px, err, errlen) < 0)
		return -1;
	if (o->dut && params_set(px, PARAM_PIXIT, item, o->dut, why, sizeof why)) {
		snprintf(err, errlen, "--dut-%s '%s': %s", item, o->dut, why);
		return -1;
	}
	if (p->sa_set)
		ctx->sa = p->sa;
	else if (!params_sa(px, "sa", &ctx->sa)) {
		snprintf(err, errlen, "no SA: give `sa SPEC` in the profile or PIXIT sa");
		return -1;
	}
	ctx->cn = p->cn ? p->cn : params_addr(px, "ha.cn");
	s = p->home_if[0] ? p->home_if : params_str(px, "home.if");
	snprintf(ctx->home_if, sizeof ctx->home_if, "%s", s ? s : "");
	if (params_isset(px, PARAM_PIXIT, "home.gw"))
		ctx->home_gw = params_addr(px, "home.gw");
	s = p->access_if[0] ? p->access_if : params_str(px, "access.if");
	snprintf(ctx->access_if, sizeof ctx->access_if, "%s", s ? s : "");
	if (o->dut_pma) { /* the HA the generator plays: the profile's, else PIXIT ha */
		params_endpoint(px, "pma", &ctx->dut_pma, &ctx->dut_pma_port);
		if (p->ha) {
			ctx->ha = p->ha;
			ctx->ha_port = p->ha_port ? p->ha_port : 434;
		} else if (params_isset(px, PARAM_PIXIT, "ha")) {
			params_endpoint(px, "ha", &ctx->ha, &ctx->ha_port);
		} else {
			snprintf(err, errlen, "which HA does the generator play on the PMA's "
				 "network link? give `ha` in the profile or PIXIT ha");
			return -1;
		}
	} else if (o->dut_ha) {
		params_endpoint(px, "ha", &ctx->ha, &ctx->ha_port);
	} else if (p->ha) {
		ctx->ha = p->ha;
		ctx->ha_port = p->ha_port ? p->ha_port : 434;
	}
	if (o->dut_pma && !ctx->access_if[0]) {
		snprintf(err, errlen, "the devices' link to the PMA: give `access-if` in the "
			 "profile or PIXIT access.if");
		return -1;
	}
	if (o->dut_pma && p->handover.rate > 0) {
		snprintf(err, errlen, "%s: `handover` needs two PMAs the generator plays: it is "
			 "for a run against an HA, not --dut-pma", p->file);
		return -1;
	}
	if (ctx->home_if[0] && p->n_flow && !ctx->home_gw && !o->dut_pma) {
		snprintf(err, errlen, "data down the tunnels needs the HA's address on the home "
			 "link: PIXIT home.gw");
		return -1;
	}
	gen_shard_slice(&o->shard, p->devices, &ctx->dev_lo, &ctx->dev_hi);
	return 0;
}

/* Without a DUT the reference HA runs on loopback: the PMAs become 127.0.1.x there,
 * and there is no home link, so no data. */
static void ctx_loopback(struct gen_ctx *ctx, struct gen_prof *p, FILE *out)
{
	for (unsigned i = 0; i < p->n_pma; i++)
		p->pma[i] = 0x7f000101u + i;
	if (p->n_flow || ctx->home_if[0])
		fprintf(out, "pmip4ct gen: no DUT: the reference HA runs on 127.0.0.1 with no "
			     "home link, so the profile's flows are not sent (signalling only)\n");
	ctx->home_if[0] = 0;
}

/* ---- workers ---- */

static void *worker_main(void *arg)
{
	struct gen_worker *w = arg;
	sigset_t all;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL); /* signals are the main thread's */
	w->rc = w->ctx->o->dut_pma ? gen_pma_worker(w) : gen_ha_worker(w);
	atomic_store(&w->done, true);
	return NULL;
}

static unsigned n_threads(const struct gen_ctx *ctx, const struct gen_opts *o)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned n = o->threads ? o->threads : (unsigned)(cores > 0 ? cores : 1);
	uint32_t devs = ctx->dev_hi - ctx->dev_lo;

	if (o->dut_pma) /* one access link, one HA socket: one worker (gen_pma.c) */
		return 1;
	if (n > 64)
		n = 64;
	if (n > devs)
		n = devs ? devs : 1;
	return n;
}

/* ---- one point of the series from the workers' published figures ---- */

struct gather {
	struct gen_counters now, prev, live_prev;
	struct hist ival[GEN_NDIR], live[GEN_NDIR]; /* since the last point, the last live line */
	uint64_t devices_up;
};

static void gather(struct gather *ga, struct gen_worker *w, unsigned n)
{
	memset(&ga->now, 0, sizeof ga->now);
	ga->devices_up = 0;
	for (unsigned i = 0; i < n; i++) {
		uint64_t *x = (uint64_t *)(void *)&ga->now;
		const uint64_t *y = (const uint64_t *)(const void *)&w[i].pub.c;

		pthread_mutex_lock(&w[i].mu);
		for (size_t j = 0; j < sizeof ga->now / sizeof *x; j++)
			x[j] += y[j];
		ga->devices_up += w[i].pub.devices_up;
		for (int d = 0; d < GEN_NDIR; d++) {
			hist_merge(&ga->ival[d], &w[i].pub.ival[d]);
			hist_merge(&ga->live[d], &w[i].pub.ival[d]);
			hist_reset(&w[i].pub.ival[d]);
		}
		pthread_mutex_unlock(&w[i].mu);
	}
}

/* The point of (b, a] ending at t, its counts divided by `per` (1: counts; the interval's
 * length: rates), its p99 from h (emptied). */
static void point_diff(const struct gen_counters *a, const struct gen_counters *b,
		       struct hist h[GEN_NDIR], uint64_t up, double t, double per,
		       struct gen_point *pt)
{
	memset(pt, 0, sizeof *pt);
	pt->t_s = t;
	pt->devices_up = up;
	pt->regs = (uint64_t)llround((double)(a->registered + a->renewed - b->registered -
					      b->renewed) / per);
	pt->handovers = (uint64_t)llround((double)(a->handovers - b->handovers) / per);
	for (int d = 0; d < GEN_NDIR; d++) {
		pt->sent[d] = (uint64_t)llround((double)(a->sent[d] - b->sent[d]) / per);
		pt->received[d] = (uint64_t)llround((double)(a->received[d] - b->received[d]) / per);
		pt->lost[d] = a->lost[d] >= b->lost[d] ? a->lost[d] - b->lost[d] : 0;
		pt->p99_us[d] = h[d].n ? (double)hist_quantile(&h[d], 0.99) / 1e3 : -1;
		hist_reset(&h[d]);
	}
}

/* ---- the run ---- */

struct run {
	struct gen_prof prof;
	struct gen_ctx ctx;
	struct gen_meta meta;
	struct gen_worker *w;
	unsigned n;
	struct gather ga;
	struct gen_point *pts;
	size_t n_pts, cap_pts;
	FILE *series;
	struct child child;
	pthread_mutex_t devices_mu;
};

static int pts_add(struct run *r, const struct gen_point *pt)
{
	if (r->n_pts == r->cap_pts) {
		size_t cap = r->cap_pts ? 2 * r->cap_pts : 64;
		struct gen_point *np = realloc(r->pts, cap * sizeof *np);

		if (!np)
			return -1;
		r->pts = np;
		r->cap_pts = cap;
	}
	r->pts[r->n_pts++] = *pt;
	return 0;
}

static bool all_done(const struct run *r)
{
	for (unsigned i = 0; i < r->n; i++)
		if (!atomic_load(&r->w[i].done))
			return false;
	return true;
}

static void stop_all(struct run *r)
{
	for (unsigned i = 0; i < r->n; i++)
		atomic_store(&r->w[i].stop, true);
}

/* The main thread: a point every series interval, the live line every second (a tty)
 * or every periodic_s. */
static bool watch(struct run *r, const struct gen_opts *o)
{
	const struct gen_prof *p = &r->prof;
	uint64_t t0 = r->ctx.start_ns, next_pt = t0 + (uint64_t)(p->series_s * NS);
	double live_every = o->tty ? 1.0 : (o->periodic_s > 0 ? o->periodic_s : 10.0);
	uint64_t next_live = t0 + (uint64_t)(live_every * NS);
	uint64_t devs = r->ctx.dev_hi - r->ctx.dev_lo;
	struct gather *ga = &r->ga;
	double tick_ms = p->series_s * 1e3 / 2 < TICK_MS ? p->series_s * 1e3 / 2 : TICK_MS;
	bool interrupted = false;
	struct gen_point pt;

	while (!all_done(r)) {
		uint64_t now = mono_ns();
		double t = (double)((int64_t)now - (int64_t)t0) / NS;

		if (!interrupted && o->interrupted && *o->interrupted) {
			interrupted = true;
			stop_all(r);
		}
		if (now >= next_pt || now >= next_live)
			gather(ga, r->w, r->n);
		if (now >= next_pt) {
			point_diff(&ga->now, &ga->prev, ga->ival, ga->devices_up, t, 1, &pt);
			ga->prev = ga->now;
			pts_add(r, &pt);
			if (r->series)
				gen_out_series_point(r->series, o->series_fmt, &pt);
			next_pt += (uint64_t)(p->series_s * NS);
		}
		if (now >= next_live) { /* rates over the line's interval */
			point_diff(&ga->now, &ga->live_prev, ga->live, ga->devices_up, t,
				   live_every, &pt);
			ga->live_prev = ga->now;
			gen_out_live(stderr, o->tty, &pt, &ga->now, devs);
			next_live += (uint64_t)(live_every * NS);
		}
		usleep((useconds_t)(tick_ms >= 1 ? tick_ms * 1000 : 1000));
	}
	gen_out_live_clear(stderr, o->tty);
	return interrupted;
}

static int run_start(struct run *r, const struct gen_opts *o, char *err, size_t errlen)
{
	r->n = n_threads(&r->ctx, o);
	r->w = calloc(r->n, sizeof *r->w);
	if (!r->w) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	r->ctx.start_ns = mono_ns() + (uint64_t)(START_DELAY_S * NS);
	r->ctx.end_ns = r->ctx.start_ns + (uint64_t)(r->prof.duration_s * NS);
	for (unsigned i = 0; i < r->n; i++) {
		struct gen_worker *w = &r->w[i];

		w->id = i;
		w->n = r->n;
		w->ctx = &r->ctx;
		pthread_mutex_init(&w->mu, NULL);
		if (gen_stats_init(&w->st) < 0 || hist_init(&w->ival[0]) < 0 ||
		    hist_init(&w->ival[1]) < 0 || hist_init(&w->pub.ival[0]) < 0 ||
		    hist_init(&w->pub.ival[1]) < 0) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		w->st.c.devices = 0;
	}
	for (unsigned i = 0; i < r->n; i++)
		if (pthread_create(&r->w[i].th, NULL, worker_main, &r->w[i])) {
			snprintf(err, errlen, "cannot start worker %u", i);
			r->n = i;
			stop_all(r);
			return -1;
		}
	return 0;
}

static void run_free(struct run *r)
{
	for (unsigned i = 0; r->w && i < r->n; i++) {
		gen_stats_free(&r->w[i].st);
		for (int d = 0; d < GEN_NDIR; d++) {
			hist_free(&r->w[i].ival[d]);
			hist_free(&r->w[i].pub.ival[d]);
		}
		pthread_mutex_destroy(&r->w[i].mu);
	}
	free(r->w);
	for (int d = 0; d < GEN_NDIR; d++) {
		hist_free(&r->ga.ival[d]);
		hist_free(&r->ga.live[d]);
	}
	free(r->pts);
	if (r->series)
		fclose(r->series);
}

static int write_outputs(struct run *r, const struct gen_opts *o, const struct gen_stats *st)
{
	int rc = 0;
	FILE *f;

	if (o->json) {
		f = fopen(o->json, "w");
		if (!f || gen_out_json(f, &r->meta, st) < 0 || fclose(f)) {
			fprintf(stderr, "pmip4ct gen: %s: %s\n", o->json, strerror(errno));
			rc = -1;
		}
	}
	if (o->html) {
		f = fopen(o->html, "w");
		if (!f || gen_html_write(f, &r->meta, st, r->pts, r->n_pts) < 0 || fclose(f)) {
			fprintf(stderr, "pmip4ct gen: %s: %s\n", o->html, strerror(errno));
			rc = -1;
		}
	}
	return rc;
}

static void meta_fill(struct run *r, const struct gen_prof *prof, const struct gen_opts *o,
		      uint64_t wall0)
{
	struct gen_meta *m = &r->meta;

	snprintf(m->tool, sizeof m->tool, "pmip4ct %s", PMIP4CT_VERSION);
	digest_build_id(m->build, sizeof m->build);
	snprintf(m->profile, sizeof m->profile, "%s", r->prof.file);
	gen_prof_hash(prof, m->profile_hash); /* as written: shards on other PMAs merge */
	snprintf(m->dut, sizeof m->dut, "%s%s %s:%u", o->dut_ha || o->dut_pma ? "" : "reference ",
		 o->dut_pma ? "pma" : "ha",
		 txt_ip4(o->dut_pma ? r->ctx.dut_pma : r->ctx.ha).s,
		 o->dut_pma ? r->ctx.dut_pma_port : r->ctx.ha_port);
	m->shard = o->shard;
	m->dev_lo = r->ctx.dev_lo;
	m->dev_hi = r->ctx.dev_hi;
	snprintf(m->start_utc, sizeof m->start_utc, "%s", txt_utc(wall0, 3).s);
}

int gen_run(const struct gen_prof *prof, const struct gen_opts *o)
{
	struct run *r = calloc(1, sizeof *r);
	struct params *px = params_create();
	struct gen_stats st = { 0 };
	uint64_t wall0 = clk_now_ns(&clk_real), m0;
	char err[512];
	bool interrupted = false;
	int rc = 2;

	if (!r || !px || gen_stats_init(&st) < 0 || hist_init(&r->ga.ival[0]) < 0 ||
	    hist_init(&r->ga.ival[1]) < 0 || hist_init(&r->ga.live[0]) < 0 ||
	    hist_init(&r->ga.live[1]) < 0) {
		fprintf(stderr, "pmip4ct gen: out of memory\n");
		goto out;
	}
	r->prof = *prof;
	pthread_mutex_init(&r->devices_mu, NULL);
	r->ctx.devices_mu = &r->devices_mu;
	if (ctx_resolve(&r->ctx, &r->prof, o, px, err, sizeof err) < 0) {
		fprintf(stderr, "pmip4ct gen: %s\n", err);
		goto out;
	}
	if (!o->dut_ha && !o->dut_pma && !r->prof.ha) {
		ctx_loopback(&r->ctx, &r->prof, o->out);
		if (child_start(&r->child, &r->ctx, err, sizeof err) < 0) {
			fprintf(stderr, "pmip4ct gen: %s\n", err);
			goto out;
		}
	}
	if (!r->ctx.ha && !o->dut_pma) {
		fprintf(stderr, "pmip4ct gen: which HA? give --dut-ha ADDR[:PORT] or `ha` in the "
				"profile\n");
		goto out;
	}
	if (o->devices_csv) {
		r->ctx.devices_csv = fopen(o->devices_csv, "w");
		if (!r->ctx.devices_csv) {
			fprintf(stderr, "pmip4ct gen: %s: %s\n", o->devices_csv, strerror(errno));
			goto out;
		}
		fputs("device,pma,state,reg_us,handovers,last_code,sent_up,received_up,"
		      "missing_up,sent_down,received_down,missing_down\n", r->ctx.devices_csv);
	}
	if (o->series) {
		r->series = fopen(o->series, "w");
		if (!r->series) {
			fprintf(stderr, "pmip4ct gen: %s: %s\n", o->series, strerror(errno));
			goto out;
		}
		gen_out_series_head(r->series, o->series_fmt);
	}
	meta_fill(r, prof, o, wall0);
	m0 = mono_ns();
	if (run_start(r, o, err, sizeof err) < 0) {
		fprintf(stderr, "pmip4ct gen: %s\n", err);
		rc = 2;
		for (unsigned i = 0; i < r->n; i++)
			pthread_join(r->w[i].th, NULL);
		goto out;
	}
	interrupted = watch(r, o);
	rc = 0;
	for (unsigned i = 0; i < r->n; i++) {
		pthread_join(r->w[i].th, NULL);
		if (r->w[i].rc < 0) {
			fprintf(stderr, "pmip4ct gen: worker %u: %s\n", i, r->w[i].err);
			rc = 2;
		}
		gen_stats_add(&st, &r->w[i].st);
	}
	st.c.devices = r->ctx.dev_hi - r->ctx.dev_lo;
	r->meta.seconds = (double)(mono_ns() - m0) / NS;
	snprintf(r->meta.end_utc, sizeof r->meta.end_utc, "%s",
		 txt_utc(clk_now_ns(&clk_real), 3).s);
	r->meta.finished = !interrupted && rc == 0;
	if (write_outputs(r, o, &st) < 0 && rc == 0)
		rc = 2;
	gen_out_summary(o->out, &r->meta, &st);
	if (rc == 0) {
		uint64_t lost = st.c.lost[GEN_UP] + st.c.lost[GEN_DOWN];

		if (interrupted)
			rc = 130;
		else if (!st.c.registered && !st.c.codes[0])
			rc = 3; /* nothing answered: inconclusive */
		else if (st.c.registered < st.c.devices || lost)
			rc = 1;
	}
out:
	if (r) {
		child_stop(&r->child);
		if (r->ctx.devices_csv && fclose(r->ctx.devices_csv) && rc == 0)
			rc = 2;
		run_free(r);
	}
	free(r);
	gen_stats_free(&st);
	params_destroy(px);
	return rc;
}
