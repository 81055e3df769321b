/* runner.c — one case at a time: PICS first (none when the DUT does not claim what the
 * case needs), then a backend for the case's role, the body, the postamble on a remote
 * DUT, and the verdict rules of DESIGN.md §4 (a case that sets nothing is an error). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "baseline.h"
#include "tc_mn.h"
#include "tc_priv.h"
#include "txt.h"

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

struct dut_log_ctx {
	const struct run_sink *s;
	const struct case_def *c;
	struct tc *t;
};

static void dut_log(void *arg, const char *line)
{
	struct dut_log_ctx *d = arg;

	tc_logf(d->t, "dut: %s", line);
	if (d->s && d->s->dut_log)
		d->s->dut_log(d->s->arg, d->c, line);
}

/* The log of the backends run_plan_hold opens: pointed at the case in progress. */
static struct dut_log_ctx held_log;

int run_net_open(const struct run_plan *p, enum case_role role, struct tc_net *net,
		 tc_log_fn log, void *log_arg, char *err, size_t errlen)
{
	if (p->remote[role])
		return net_udp_create(net, role, p->params, log, log_arg, err, errlen);
	if (role == CASE_ROLE_HA)
		return net_ref_ha_create(net, p->params, p->faults[role], p->variants[role],
					 log, log_arg, err, errlen);
	return net_ref_pma_create(net, p->params, p->faults[role], p->variants[role], log,
				  log_arg, err, errlen);
}

int run_plan_hold(struct run_plan *p, struct tc_net nets[CASE_ROLE_COUNT], char *err,
		  size_t errlen)
{
	for (int role = 0; role < CASE_ROLE_COUNT; role++) {
		bool used = false;

		for (size_t i = 0; i < p->n && !used; i++)
			used = (int)p->cases[i]->role == role;
		memset(&nets[role], 0, sizeof nets[role]);
		if (!used || !p->remote[role] || p->held[role])
			continue;
		if (run_net_open(p, (enum case_role)role, &nets[role], dut_log, &held_log, err,
				 errlen)) {
			run_plan_release(p, nets);
			return -1;
		}
		p->held[role] = &nets[role];
	}
	return 0;
}

void run_plan_release(struct run_plan *p, struct tc_net nets[CASE_ROLE_COUNT])
{
	for (int role = 0; role < CASE_ROLE_COUNT; role++)
		if (p->held[role] == &nets[role]) {
			tc_net_destroy(&nets[role]);
			p->held[role] = NULL;
		}
}

/* Drop what a held backend kept from before the case (late replies, retransmissions):
 * a fresh backend would not have it either. */
static void run_drain(struct tc *t, struct tc_net *net)
{
	static struct tc_pkt pkt;
	char err[128];

	while (net->ops->recv(net->ctx, 0, &pkt, err, sizeof err) == 1)
		tc_logf(t, "tester: dropped %zu bytes from %s:%u, left from before the case",
			pkt.len, txt_ip4(pkt.ends.src).s, pkt.ends.sport);
}

/* A fail judged at the case's level (DESIGN.md §4): the criterion is the sentence the
 * case cites, at that sentence's level.  A SHOULD not met is warn.  A MAY not met is fail
 * only when the PICS claims the behaviour; otherwise none, with the observation (a DUT
 * need not do what it may do). */
static void run_level(struct tc *t, const struct run_plan *p, const struct case_def *c)
{
	char why[RUN_REASON_MAX + 128];
	size_t n;

	if (t->v != CASE_FAIL)
		return;
	if (c->level == CASE_SHOULD) {
		snprintf(why, sizeof why, "SHOULD not met: %s", t->reason);
		t->v = CASE_WARN;
	} else if (c->level == CASE_MAY &&
		   !params_pics_claimed(p->params, c->pics, !p->remote[c->role])) {
		snprintf(why, sizeof why, "MAY, not claimed by the PICS (%s); observed: %s",
			 c->pics && *c->pics ? c->pics : "no item", t->reason);
		t->v = CASE_NONE;
	} else {
		return;
	}
	n = strnlen(why, sizeof t->reason - 1); /* the reason's start says the most */
	memcpy(t->reason, why, n);
	t->reason[n] = '\0';
	tc_logf(t, "%s: %s", case_verdict_name(t->v), t->reason);
}

/* Liveness (DESIGN.md §4): against a remote HA or PMA, silence is judged only after a
 * positive control (tc_control; for a PMA tc_mn_control, when a device can be made to
 * attach).  After a case that saw silence, or that failed or was inconc (a DUT that died
 * fails "got nothing"), a valid request must be answered; if it is not, the case is
 * inconc and so is every later case of that DUT, which is not run. */
struct run_live {
	char dead_at[32]; /* the case after which the remote HA stopped answering, or "" */
	char why[RUN_REASON_MAX]; /* why the later cases are not run */
	int64_t offset_ns; /* the remote HA's clock, from the baseline (RFC 5944 §5.7.1) */
	enum case_role dead_role; /* whose DUT stopped answering */
};

static bool run_control_due(const struct run_plan *p, const struct case_def *c,
			    const struct tc *t)
{
	return p->remote[c->role] && (c->role == CASE_ROLE_HA || tc_mn_can_attach(t)) &&
	       (t->empty_waits || t->v == CASE_FAIL || t->v == CASE_INCONC) &&
	       t->v != CASE_ERROR && t->v != CASE_NONE;
}

static void run_control(struct tc *t, const struct case_def *c, struct run_live *live)
{
	if (c->role == CASE_ROLE_PMA ? tc_mn_control(t) : tc_control(t) != NULL)
		return;
	t->v = CASE_INCONC;
	if (t->control_blind) { /* not proof of a dead DUT: the later cases still run */
		snprintf(t->reason, sizeof t->reason, "the positive control after the case got "
			 "no answer, which %s: a live DUT cannot be told from a dead one here",
			 t->control_blind);
		tc_logf(t, "inconc: %s", t->reason);
		return;
	}
	snprintf(t->reason, sizeof t->reason, "the DUT answered no valid request after the "
		 "case (positive control): it stopped answering, so what the case saw cannot "
		 "be judged");
	tc_logf(t, "inconc: %s", t->reason);
	snprintf(live->dead_at, sizeof live->dead_at, "%s", c->id);
	live->dead_role = c->role;
	snprintf(live->why, sizeof live->why, "the DUT stopped answering at case %s", c->id);
}

static void run_case_live(const struct run_plan *p, const struct case_def *c,
			  const struct run_sink *s, size_t i, size_t n, struct run_result *r,
			  struct run_live *live)
{
	static struct tc t; /* large (the backlog); one case at a time */
	struct tc_net own = { 0 }, *net = p->held[c->role] ? p->held[c->role] : &own;
	struct dut_log_ctx lc = { s, c, &t };
	char why[256];
	uint64_t t0 = mono_ns(), d0;

	memset(r, 0, sizeof *r);
	r->c = c;
	r->dut_virtual = !p->remote[c->role];
	if (s && s->case_begin)
		s->case_begin(s->arg, c, i, n);
	tc_finish(&t);
	tc_init(&t, p, c, s, net);
	held_log = lc;
	if (live && live->dead_at[0] && p->remote[c->role] && c->role == live->dead_role) {
		tc_inconc(&t, "not run: %s", live->why);
		goto out;
	}
	if (live && p->remote[c->role] && c->role == CASE_ROLE_HA)
		t.ident_offset_ns = live->offset_ns;
	if (!params_pics_all(p->params, c->pics, why, sizeof why)) {
		tc_none(&t, "not applicable: %s", why);
		goto out;
	}
	if (net == &own && run_net_open(p, c->role, &own, dut_log, &lc, why, sizeof why)) {
		tc_error(&t, "cannot reach the DUT: %s", why);
		goto out;
	}
	if (net != &own)
		run_drain(&t, net);
	d0 = net->ops->now_ns(net->ctx);
	c->run(&t);
	if (p->remote[c->role]) {
		/* the postamble cleans up; it never changes the verdict */
		enum case_verdict v = t.v;
		char reason[RUN_REASON_MAX];

		memcpy(reason, t.reason, sizeof reason);
		tc_postamble(&t);
		t.v = v;
		memcpy(t.reason, reason, sizeof reason);
		if (live && run_control_due(p, c, &t))
			run_control(&t, c, live);
	}
	r->dut_ms = (net->ops->now_ns(net->ctx) - d0) / 1000000;
	snprintf(r->dut, sizeof r->dut, "%s", net->name);
	if (t.v == CASE_NONE && !t.reason[0])
		tc_error(&t, "the case made no check");
	run_level(&t, p, c);
	tc_net_destroy(&own);
out:
	if (!r->dut[0] && net->name) /* a held DUT's name, though the case did not run */
		snprintf(r->dut, sizeof r->dut, "%s", net->name);
	r->verdict = t.v;
	snprintf(r->reason, sizeof r->reason, "%s", t.reason);
	r->log = t.log ? t.log : "";
	r->packets = t.packets;
	r->dp = *tc_dp(&t);
	r->wall_ns = mono_ns() - t0;
	if (live) {
		snprintf(r->dut_stopped_at, sizeof r->dut_stopped_at, "%s", live->dead_at);
		snprintf(r->dut_stopped_why, sizeof r->dut_stopped_why, "%s", live->why);
	}
	if (s && s->case_end)
		s->case_end(s->arg, r, i, n);
}

void run_case(const struct run_plan *p, const struct case_def *c, const struct run_sink *s,
	      size_t i, size_t n, struct run_result *r)
{
	run_case_live(p, c, s, i, n, r, NULL);
}

/* Before the first case of a remote HA: the baseline (baseline.c).  Refused or silent:
 * every HA case is inconc with the reason, as after a DUT that stopped answering. */
static void run_baseline_due(const struct run_plan *p, struct run_live *live)
{
	struct tc_net own = { 0 }, *net = p->held[CASE_ROLE_HA] ? p->held[CASE_ROLE_HA] : &own;
	char err[256];
	bool used = false;

	for (size_t i = 0; i < p->n && !used; i++)
		used = p->cases[i]->role == CASE_ROLE_HA &&
		       params_pics_all(p->params, p->cases[i]->pics, NULL, 0);
	if (!used || !p->remote[CASE_ROLE_HA])
		return;
	if (net == &own && run_net_open(p, CASE_ROLE_HA, &own, NULL, NULL, err, sizeof err))
		return; /* each case says it cannot reach the DUT */
	if (!run_baseline(p, net, &live->offset_ns, live->why, sizeof live->why))
		snprintf(live->dead_at, sizeof live->dead_at, "baseline");
	tc_net_destroy(&own);
}

size_t run_plan_exec(const struct run_plan *p, const struct run_sink *s,
		     size_t counts[CASE_VERDICT_COUNT])
{
	struct run_result r;
	struct run_live live = { "", "", 0, CASE_ROLE_HA };
	size_t i;

	memset(counts, 0, CASE_VERDICT_COUNT * sizeof counts[0]);
	run_baseline_due(p, &live);
	for (i = 0; i < p->n; i++) {
		/* interrupted: stop, but after the baseline let the first case say its end */
		if (p->stop && *p->stop && !(i == 0 && live.dead_at[0]))
			break;
		run_case_live(p, p->cases[i], s, i, p->n, &r, &live);
		counts[r.verdict]++;
	}
	return i;
}
