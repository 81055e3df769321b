/* loglimit.h — a rate limit for log lines that traffic from the network can cause: a
 * datagram an agent discards or refuses must not cost a log line each, or one sender
 * floods the log (issue #14: 8 MB/s).  Lines are counted per reason (any key that names
 * the kind of line, e.g. its static text) and per (reason, peer), in windows of the
 * owner's injected clock; a line over either budget is suppressed and counted, and the
 * next line of that reason that passes reports how many of its kind were suppressed.
 *
 * Small fixed tables, no allocation: a new (reason, peer) takes over the slot least
 * recently used (spoofed sources only evict each other; the per-reason budget still
 * holds them), a new reason likewise.
 */
#ifndef PMIP4CT_LOGLIMIT_H
#define PMIP4CT_LOGLIMIT_H

#include <stdbool.h>
#include <stdint.h>

#define LOGLIMIT_WINDOW_NS 1000000000ull /* 1 s */
#define LOGLIMIT_PER_PEER  5             /* lines a window for one reason and one peer */
#define LOGLIMIT_PER_REASON 20           /* lines a window for one reason, all peers */
#define LOGLIMIT_PEERS     64
#define LOGLIMIT_REASONS   32

struct loglimit_slot {
	uintptr_t reason;
	uint32_t peer;
	bool used;
	uint64_t last;       /* loglimit.uses at the last look-up: least recent goes first */
	uint32_t lines;      /* written in the window */
	uint64_t start;      /* the window's start, ns */
	uint64_t suppressed; /* per reason: since its last line written */
};

struct loglimit {
	struct loglimit_slot peers[LOGLIMIT_PEERS];
	struct loglimit_slot reasons[LOGLIMIT_REASONS];
	uint64_t suppressed; /* all lines ever suppressed */
	uint64_t uses;       /* look-ups so far */
};

void loglimit_init(struct loglimit *l);

/* Whether a line of reason from peer may be written at now (ns).  When it may,
 * *suppressed is the number of lines of that reason suppressed since its last line
 * (then reset), for the caller to append "(N similar lines suppressed)"; otherwise the
 * line is counted as suppressed. */
bool loglimit_pass(struct loglimit *l, uintptr_t reason, uint32_t peer, uint64_t now,
		   uint64_t *suppressed);

#endif
