/* daemon.c — the runtime the daemons share: signal flags, the tick timer, logging. */
#include "daemon.h"

#include <errno.h>
#include <signal.h>
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

static int daemon_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_stop;
	if (sigaction(SIGTERM, &sa, NULL) < 0 || sigaction(SIGINT, &sa, NULL) < 0)
		return -1;
	sa.sa_handler = on_dump;
	return sigaction(SIGUSR1, &sa, NULL);
}

void daemon_log(const char *prefix, int level, const char *msg)
{
	static const char *const names[] = { "debug", "info", "warn" };

	fprintf(stderr, "%s%s: %s\n", prefix, names[level < 0 ? 0 : level > 2 ? 2 : level],
		msg);
}

void daemon_rearm(struct daemon *dm)
{
	struct timers *ts = loop_timers(dm->loop);
	uint64_t due = dm->next_due(dm->arg);

	if (due == UINT64_MAX)
		timers_cancel(ts, &dm->tick);
	else if (!timer_armed(&dm->tick) || dm->tick.at != due)
		if (timers_arm(ts, &dm->tick, due) < 0)
			daemon_log(dm->prefix, 2, "timer heap full");
}

static void daemon_tick(struct timer *t, void *arg)
{
	struct daemon *dm = (struct daemon *)((char *)t - offsetof(struct daemon, tick));

	(void)arg;
	dm->fire(dm->arg);
	daemon_rearm(dm);
}

static void daemon_idle(void *arg)
{
	struct daemon *dm = arg;

	if (daemon_dump) {
		daemon_dump = 0;
		dm->dump(dm->arg);
	}
	daemon_rearm(dm);
}

int daemon_start(struct daemon *dm, struct loop *loop)
{
	daemon_stop = daemon_dump = 0;
	dm->loop = loop;
	timer_init(&dm->tick, daemon_tick);
	if (loop_add_idle(loop, daemon_idle, dm) < 0) {
		fprintf(stderr, "%s%s\n", dm->prefix, strerror(ENOMEM));
		return -1;
	}
	if (daemon_signals() < 0) {
		fprintf(stderr, "%ssigaction: %s\n", dm->prefix, strerror(errno));
		return -1;
	}
	return 0;
}

int daemon_run(struct daemon *dm)
{
	if (loop_run(dm->loop, &daemon_stop) < 0) {
		fprintf(stderr, "%sevent loop: %s\n", dm->prefix, strerror(errno));
		return 1;
	}
	return 0;
}
