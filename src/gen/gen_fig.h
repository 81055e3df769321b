/* gen_fig.h — the names of the generator's figures, shared by its writers (gen_out.c,
 * gen_html.c) and its reader (gen_merge.c), so that what is written is what is read:
 * one table of the counters, the histograms' names, the summary as rows, durations
 * and counts as text.
 */
#ifndef PMIP4CT_GEN_FIG_H
#define PMIP4CT_GEN_FIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "gen.h"

/* One counter of struct gen_counters: a single uint64_t, or (per_dir) one per
 * direction, written as {"up":..,"down":..}.  `codes` is not in the table: it is the
 * summary's "codes" object. */
struct gen_field {
	const char *name;
	size_t off;
	bool per_dir;
};

extern const struct gen_field gen_fields[];
extern const size_t gen_n_fields;

/* The counter of field f (direction d when per_dir). */
uint64_t *gen_field_at(struct gen_counters *c, const struct gen_field *f, enum gen_dir d);
uint64_t gen_field_get(const struct gen_counters *c, const struct gen_field *f,
		       enum gen_dir d);

/* The JSON names of the histograms, by enum gen_hist_id: "reg", "lat_up", ... */
extern const char *const gen_hist_names[GEN_NHIST];

/* A duration in ns as text with 3 significant digits: "812 ns", "12.3 µs", "1.50 ms",
 * "2.00 s".  A count as text: exact below 100000, else "1.23M". */
void gen_fmt_dur(char *buf, size_t len, uint64_t ns);
void gen_fmt_count(char *buf, size_t len, uint64_t v);
/* Flush f: 0, or -1 with errno (EIO when stdio set none) when writing failed. */
int gen_flush(FILE *f);

/* The end summary as rows, for the console (gen_out_summary) and the HTML page alike:
 * a label, then either one value (down NULL) or the up and down values; a row with a
 * label alone (value NULL) starts a group. */
struct gen_rows {
	void (*row)(void *ctx, const char *label, const char *up, const char *down);
	void *ctx;
};

void gen_summary_rows(const struct gen_meta *m, const struct gen_stats *s,
		      const struct gen_rows *out);

#endif
