/* daemon.h — the runtime `pmip4ct ha` and `pmip4ct pma` share: signal flags, the one tick
 * timer kept at the daemon's earliest deadline, and logging to stderr under a prefix.
 *
 * Signal handlers only set flags: SIGTERM and SIGINT stop the loop (daemon_run returns),
 * SIGUSR1 asks for a dump, done from the loop's idle hook (loop.c delivers signals inside
 * the wait, which then returns and runs the hooks); the idle hook then re-arms the timer,
 * since input may have moved the deadline.
 */
#ifndef PMIP4CT_DAEMON_H
#define PMIP4CT_DAEMON_H

#include <stdint.h>

#include "loop.h"

struct daemon {
	const char *prefix;              /* "pmip4ct ha: " */
	struct loop *loop;
	struct timer tick;               /* at next_due() */
	uint64_t (*next_due)(void *arg); /* the earliest deadline; UINT64_MAX = none */
	void (*fire)(void *arg);         /* that deadline came */
	void (*dump)(void *arg);         /* SIGUSR1 */
	void *arg;
};

/* On loop: the timer, the idle hook and the signal handlers, with the flags cleared.
 * 0, or -1 with the reason printed under the prefix. */
int daemon_start(struct daemon *dm, struct loop *loop);

/* Keep the timer at next_due(); daemon_start's hooks do so after every event. */
void daemon_rearm(struct daemon *dm);

/* Run the loop until SIGTERM or SIGINT: 0, or 1 with the reason printed. */
int daemon_run(struct daemon *dm);

/* "PREFIXLEVEL: msg" on stderr; level 0, 1, 2 = debug, info, warn. */
void daemon_log(const char *prefix, int level, const char *msg);

#endif
