/* daemon.c — the one skeleton of the daemons: settings, loop, signals, tick, logs, exit. */
#include "daemon.h"
#include "priv.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

static volatile sig_atomic_t daemon_stop, daemon_dump;

static void on_stop(int sig)
{
	(void)sig;
	daemon_stop = 1;
}

static void on_dump(int sig)
{
	(void)sig;
	daemon_dump = 1;
}

/* The handlers, then the three signals unblocked: one a launcher blocked and sent before
 * we were ready is taken now, by the handler. */
static int daemon_signals(void)
{
	struct sigaction sa;
	sigset_t ours;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_stop;
	if (sigaction(SIGTERM, &sa, NULL) < 0 || sigaction(SIGINT, &sa, NULL) < 0)
		return -1;
	sa.sa_handler = on_dump;
	if (sigaction(SIGUSR1, &sa, NULL) < 0)
		return -1;
	sigemptyset(&ours);
	sigaddset(&ours, SIGTERM);
	sigaddset(&ours, SIGINT);
	sigaddset(&ours, SIGUSR1);
	return sigprocmask(SIG_UNBLOCK, &ours, NULL);
}

/* ---- logs ---- */

void daemon_say(const struct daemon *dm, const char *fmt, ...)
{
	va_list ap;

	fputs(dm->ops->prefix, stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void daemon_log(const struct daemon *dm, int level, const char *msg)
{
	static const char *const names[] = { "debug", "info", "warn" };

	if (level < (int)dm->conf->log)
		return;
	daemon_say(dm, "%s: %s", names[level < 0 ? 0 : level > 2 ? 2 : level], msg);
}

void daemon_logf(const struct daemon *dm, int level, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	daemon_log(dm, level, msg);
}

static void daemon_member_notes(const struct daemon *dm, const char *what,
				const struct bitset_names *k, const struct bitset *set)
{
	for (unsigned i = 0; i < k->n; i++)
		if (bitset_has(set, i) && bitset_name(k, i))
			daemon_logf(dm, CONF_LOG_WARN, "%s %s: %s", what, bitset_name(k, i),
				    bitset_help(k, i));
}

void daemon_fault_notes(const struct daemon *dm)
{
	daemon_member_notes(dm, "fault", dm->conf->agent->faults.names,
			    conf_faults_of(dm->conf));
	daemon_member_notes(dm, "variant", dm->conf->agent->variants.names,
			    conf_variants_of(dm->conf));
}

/* ---- the tick ---- */

/* Keep the timer at next_due(); the hooks do so after every event. */
static void daemon_rearm(struct daemon *dm)
{
	struct timers *ts = loop_timers(dm->loop);
	uint64_t due = dm->ops->next_due(dm->arg);

	if (due == UINT64_MAX)
		timers_cancel(ts, &dm->tick);
	else if (!timer_armed(&dm->tick) || dm->tick.at != due)
		if (timers_arm(ts, &dm->tick, due) < 0)
			daemon_log(dm, CONF_LOG_WARN, "timer heap full");
}

static void daemon_tick(struct timer *t, void *arg)
{
	struct daemon *dm = (struct daemon *)((char *)t - offsetof(struct daemon, tick));

	(void)arg;
	dm->ops->fire(dm->arg);
	daemon_rearm(dm);
}

static void daemon_idle(void *arg)
{
	struct daemon *dm = arg;

	if (daemon_dump) {
		daemon_dump = 0;
		dm->ops->dump(dm->arg);
	}
	daemon_rearm(dm);
}

/* ---- life cycle ---- */

/* 0 = run, 1 = done (help, fault list), 2 = a bad setting (reported). */
static int daemon_settings(struct daemon *dm, int argc, char **argv)
{
	struct conf *c = dm->conf;
	bool first = dm->ops->resolve_first;
	char err[CONF_ERR];

	if (conf_args(c, argc, argv, err, sizeof err) < 0 ||
	    (first && conf_resolve(c, err, sizeof err) < 0))
		goto bad;
	if (c->help) {
		conf_usage(c, stdout);
		return 1;
	}
	if (c->fault_list) {
		conf_fault_list(c, stdout);
		return 1;
	}
	if (c->variant_list) {
		conf_variant_list(c, stdout);
		return 1;
	}
	if (!first && conf_resolve(c, err, sizeof err) < 0)
		goto bad;
	return 0;
bad:
	daemon_say(dm, "%s", err);
	return 2;
}

/* The loop, the tick and the idle hook, then the agent; then, its sockets open, the
 * privileges go (priv.h). */
static int daemon_start(struct daemon *dm)
{
	char err[256];

	dm->clk = &clk_real;
	dm->loop = loop_create(dm->clk, err, sizeof err);
	if (!dm->loop) {
		daemon_say(dm, "%s", err);
		return -1;
	}
	timer_init(&dm->tick, daemon_tick);
	if (loop_add_idle(dm->loop, daemon_idle, dm) < 0) {
		daemon_say(dm, "%s", strerror(ENOMEM));
		return -1;
	}
	if (dm->ops->start(dm->arg) < 0)
		return -1;
	if (priv_drop(&dm->conf->user, err, sizeof err) < 0) {
		daemon_say(dm, "%s", err);
		return -1;
	}
	if (dm->conf->user.set)
		daemon_logf(dm, CONF_LOG_INFO, "running as user %s (uid %u, gid %u)",
			    dm->conf->user.name, (unsigned)dm->conf->user.uid,
			    (unsigned)dm->conf->user.gid);
	return 0;
}

/* Until SIGTERM or SIGINT: 0, or 1 with the reason printed. */
static int daemon_run(struct daemon *dm)
{
	int rc = 0;

	/* loop_run runs the idle hooks before its first wait: ours (a dump asked for before
	 * the loop ran, the first deadline) and the sockets' (what start queued leaves now,
	 * not at the first timer). */
	if (loop_run(dm->loop, &daemon_stop) < 0) {
		daemon_say(dm, "event loop: %s", strerror(errno));
		rc = 1;
	}
	dm->ops->stopped(dm->arg);
	return rc;
}

int daemon_main(struct daemon *dm, const struct daemon_ops *ops, void *arg, struct conf *conf,
		int argc, char **argv)
{
	int rc;

	*dm = (struct daemon){ .ops = ops, .arg = arg, .conf = conf };
	/* First thing: a SIGUSR1 (README: kill -USR1) or SIGTERM that comes while the
	 * settings are read is a flag, never the default action that ends us (issue #14). */
	daemon_stop = daemon_dump = 0;
	if (daemon_signals() < 0) {
		daemon_say(dm, "signals: %s", strerror(errno));
		conf_finish(dm->conf);
		return 1;
	}
	rc = daemon_settings(dm, argc, argv);
	if (rc != 0) {
		conf_finish(dm->conf);
		return rc == 1 ? 0 : 2;
	}
	rc = daemon_start(dm) < 0 ? 1 : daemon_run(dm);
	dm->ops->stop(dm->arg);
	loop_destroy(dm->loop);
	conf_finish(dm->conf);
	return rc;
}
