/* sess.c — a test session outside any case (sess.h): a test context and a backend that
 * stay open between the shell's commands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sess.h"
#include "tc_priv.h"

struct sess {
	struct case_def c; /* the pseudo-case the sink sees */
	struct run_plan plan;
	struct tc_net net;
	struct tc t;
	const struct run_sink *sink;
	uint64_t start_ns;
	unsigned serial;
};

static const struct case_def sess_case[CASE_ROLE_COUNT] = {
	[CASE_ROLE_HA] = { .id = "SHELL-HA", .suite = "shell", .role = CASE_ROLE_HA,
			   .title = "commands typed in the shell (the DUT is an HA)" },
	[CASE_ROLE_PMA] = { .id = "SHELL-PMA", .suite = "shell", .role = CASE_ROLE_PMA,
			    .title = "commands typed in the shell (the DUT is a PMA)" },
};

static void sess_log(void *arg, const char *line)
{
	struct sess *s = arg;

	tc_logf(&s->t, "dut: %s", line);
	if (s->sink && s->sink->dut_log)
		s->sink->dut_log(s->sink->arg, &s->c, line);
}

static unsigned serials; /* sessions opened so far */

struct sess *sess_open(enum case_role role, const struct params *p, bool remote,
		       struct bitset faults, const struct run_sink *sink, char *err, size_t errlen)
{
	struct sess *s = calloc(1, sizeof *s);

	if (!s) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	s->c = sess_case[role];
	s->sink = sink;
	s->plan.params = p;
	s->plan.remote[role] = remote;
	if (!remote)
		s->plan.faults[role] = faults;
	if (run_net_open(&s->plan, role, &s->net, sess_log, s, err, errlen)) {
		free(s);
		return NULL;
	}
	tc_init(&s->t, &s->plan, &s->c, sink, &s->net);
	s->start_ns = s->net.ops->now_ns(s->net.ctx);
	s->serial = ++serials;
	return s;
}

void sess_close(struct sess *s)
{
	if (!s)
		return;
	if (s->plan.remote[s->c.role])
		tc_postamble(&s->t);
	tc_net_destroy(&s->net);
	tc_finish(&s->t);
	free(s);
}

struct tc *sess_tc(struct sess *s)
{
	return &s->t;
}

enum case_role sess_role(const struct sess *s)
{
	return s->c.role;
}

const struct tc_net *sess_net(const struct sess *s)
{
	return &s->net;
}

struct tc_net *sess_backend(struct sess *s)
{
	return &s->net;
}

uint64_t sess_start_ns(const struct sess *s)
{
	return s->start_ns;
}

unsigned sess_serial(const struct sess *s)
{
	return s->serial;
}

void sess_reset(struct sess *s)
{
	struct tc *t = &s->t;

	t->v = CASE_NONE;
	t->reason[0] = '\0';
	t->log_len = 0;
	if (t->log)
		t->log[0] = '\0';
	t->n_backlog = 0;
}
