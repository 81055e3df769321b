/* run_progress.c — the live line of `pmip4ct run` on a terminal (run_progress.h):
 * "[12/188] 0:03 elapsed, about 0:15 left  HA-REG-03 a valid ...", cut to the terminal.
 */
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "case.h"
#include "cols.h"
#include "run_progress.h"

#define RUN_PROGRESS_EVERY_NS 500000000u

void run_progress_hms(char *buf, size_t len, uint64_t s)
{
	if (s >= 3600)
		snprintf(buf, len, "%u:%02u:%02u", (unsigned)(s / 3600), (unsigned)(s / 60 % 60),
			 (unsigned)(s % 60));
	else
		snprintf(buf, len, "%u:%02u", (unsigned)(s / 60), (unsigned)(s % 60));
}

void run_progress_init(struct run_progress *p, FILE *f, size_t total, uint64_t now_ns)
{
	struct winsize ws;

	memset(p, 0, sizeof *p);
	p->total = total;
	p->t0 = now_ns;
	if (!f || fileno(f) < 0 || !isatty(fileno(f)))
		return;
	p->f = f;
	p->width = CONSOLE_COLS;
	if (ioctl(fileno(f), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 && ws.ws_col <= CONSOLE_COLS)
		p->width = ws.ws_col;
}

void run_progress_draw(struct run_progress *p, uint64_t now_ns)
{
	char head[96], el[24], left[24];
	uint64_t s = (now_ns - p->t0) / 1000000000u;
	int used;

	if (!p->f)
		return;
	run_progress_hms(el, sizeof el, s);
	if (p->done && p->done < p->total) {
		/* the mean time of a finished case, for each case left */
		run_progress_hms(left, sizeof left,
				 (now_ns - p->t0) / p->done * (p->total - p->done) / 1000000000u);
		snprintf(head, sizeof head, "[%zu/%zu] %s elapsed, about %s left", p->done,
			 p->total, el, left);
	} else {
		snprintf(head, sizeof head, "[%zu/%zu] %s elapsed", p->done, p->total, el);
	}
	/* the last column stays empty: a full line would wrap on some terminals */
	fputs("\r\033[K", p->f);
	used = cols_cell(p->f, head, p->width - 1, 0);
	if (p->cur && used + 3 < p->width - 1) {
		fputs("  ", p->f);
		used += 2 + cols_cell(p->f, p->cur->id, p->width - 1 - used - 2, 0);
		if (used + 2 < p->width - 1) {
			fputc(' ', p->f);
			cols_cell(p->f, p->cur->title, p->width - 1 - used - 1, 0);
		}
	}
	fflush(p->f);
	p->shown = true;
	p->drawn = now_ns;
}

void run_progress_case(struct run_progress *p, const struct case_def *c, size_t done,
		       uint64_t now_ns)
{
	p->cur = c;
	p->done = done;
	run_progress_draw(p, now_ns);
}

void run_progress_tick(struct run_progress *p, uint64_t now_ns)
{
	if (p->f && now_ns - p->drawn >= RUN_PROGRESS_EVERY_NS)
		run_progress_draw(p, now_ns);
}

void run_progress_clear(struct run_progress *p)
{
	if (!p->shown)
		return;
	fputs("\r\033[K", p->f);
	fflush(p->f);
	p->shown = false;
}
