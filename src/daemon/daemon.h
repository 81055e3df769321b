/* daemon.h — the one skeleton of `pmip4ct ha` and `pmip4ct pma`: settings (conf.h), the
 * event loop on the real clock, signals, the one tick timer kept at the agent's earliest
 * deadline, dumps, logging to stderr under a prefix, and shutdown.  cmd_ha.c and
 * cmd_pma.c fill a daemon_ops table and call daemon_main.
 *
 * Signal handlers, installed (and their signals unblocked) first thing, before any
 * setting is read, only set flags: SIGTERM and SIGINT stop the loop, SIGUSR1 asks for a
 * dump, done from the loop's idle hook (loop.c delivers signals inside the wait, which
 * then returns and runs the hooks); the idle hook then re-arms the timer, since input may
 * have moved the deadline.  Once the agent's start has opened its sockets the privileges
 * go (priv.h: --user, and every capability).
 */
#ifndef PMIP4CT_DAEMON_H
#define PMIP4CT_DAEMON_H

#include <stdbool.h>
#include <stdint.h>

#include "clock.h"
#include "conf.h"
#include "loop.h"

/* An agent, as the skeleton sees it; every hook gets daemon.arg. */
struct daemon_ops {
	const char *prefix; /* "pmip4ct ha: " */
	bool resolve_first; /* conf_resolve before -h and --fault list (the HA's order) */
	/* Once the loop and the signals are up: create the agent, open its sockets, print
	 * its notes and, last, the line tests wait for.  0, or -1 with the reason printed.
	 * What it sends (the PMA's --attach requests) leaves before the loop first waits. */
	int (*start)(void *arg);
	uint64_t (*next_due)(void *arg); /* the earliest deadline; UINT64_MAX = none */
	void (*fire)(void *arg);         /* that deadline came */
	void (*dump)(void *arg);         /* SIGUSR1 */
	void (*stopped)(void *arg);      /* the loop ended (SIGTERM, SIGINT): last words */
	void (*stop)(void *arg);         /* close what start opened, however far it came */
};

/* A running daemon, in the agent's state; daemon_main fills it. */
struct daemon {
	const struct daemon_ops *ops;
	void *arg;              /* the agent's state */
	struct conf *conf;      /* the agent's settings */
	const struct clk *clk;  /* the real clock */
	struct loop *loop;
	struct timer tick;      /* at ops->next_due() */
};

/* The subcommand (argv[0] "ha" or "pma") of the agent ops with its state arg and its
 * settings conf (conf_init'ed): settings, then start, the loop until SIGTERM or SIGINT,
 * stopped, stop; the exit status: 0, 1 (could not start, or the loop failed), 2 (a bad
 * setting).  -h and --fault list print to stdout and return 0. */
int daemon_main(struct daemon *dm, const struct daemon_ops *ops, void *arg, struct conf *conf,
		int argc, char **argv);

/* "PREFIX" and the message on stderr, whatever the log level. */
void daemon_say(const struct daemon *dm, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* "PREFIXLEVEL: msg" on stderr when level (enum conf_log) is at least --log. */
void daemon_log(const struct daemon *dm, int level, const char *msg);
void daemon_logf(const struct daemon *dm, int level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* "PREFIXwarn: fault NAME: help" for every --fault. */
void daemon_fault_notes(const struct daemon *dm);

#endif
