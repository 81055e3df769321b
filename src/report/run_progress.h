/* run_progress.h — the live line of `pmip4ct run` on a terminal (issue #14): cases done
 * of the total, the time elapsed, an estimate of the time left from the mean time of the
 * cases done, and the case under way, on one line of stderr that is redrawn in place
 * (at each case, and at most twice a second while packets flow) and erased before any
 * other line is printed.  Off a terminal there is no live line: the console's one line
 * per finished case is the log.
 */
#ifndef PMIP4CT_RUN_PROGRESS_H
#define PMIP4CT_RUN_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct case_def;

struct run_progress {
	FILE *f;                   /* the terminal, or NULL: no live line */
	int width;                 /* its columns (at most CONSOLE_COLS) */
	uint64_t t0, drawn;        /* the run's start, the last draw (monotonic ns) */
	size_t done, total;
	const struct case_def *cur; /* the case under way, or NULL */
	bool shown;                /* a live line is on the screen */
};

/* A live line on f when f is a terminal, for a run of `total` cases. */
void run_progress_init(struct run_progress *p, FILE *f, size_t total, uint64_t now_ns);
/* Case c begins after `done` cases. */
void run_progress_case(struct run_progress *p, const struct case_def *c, size_t done,
		       uint64_t now_ns);
/* Time passes in a case: redraw when the last draw is half a second old. */
void run_progress_tick(struct run_progress *p, uint64_t now_ns);
/* Erase the live line (before another line, or at the end); the next draw restores it. */
void run_progress_clear(struct run_progress *p);
/* Draw the live line again. */
void run_progress_draw(struct run_progress *p, uint64_t now_ns);

/* "1:05", "1:02:03": seconds as [h:]mm:ss. */
void run_progress_hms(char *buf, size_t len, uint64_t s);

#endif
