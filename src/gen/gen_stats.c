/* gen_stats.c — the generator's figures (gen.h): counters and histograms, added
 * exactly, so per-worker figures sum to the run's and shard outputs to the campaign's.
 */
#include <string.h>

#include "gen.h"

/* gen_counters is uint64_t fields only: added as an array. */
_Static_assert(sizeof(struct gen_counters) % sizeof(uint64_t) == 0,
	       "gen_counters holds uint64_t only");

int gen_stats_init(struct gen_stats *s)
{
	memset(s, 0, sizeof *s);
	for (int i = 0; i < GEN_NHIST; i++)
		if (hist_init(&s->h[i]) < 0) {
			gen_stats_free(s);
			return -1;
		}
	return 0;
}

void gen_stats_free(struct gen_stats *s)
{
	for (int i = 0; i < GEN_NHIST; i++)
		hist_free(&s->h[i]);
}

void gen_stats_add(struct gen_stats *a, const struct gen_stats *b)
{
	uint64_t *x = (uint64_t *)(void *)&a->c;
	const uint64_t *y = (const uint64_t *)(const void *)&b->c;

	for (size_t i = 0; i < sizeof a->c / sizeof *x; i++)
		x[i] += y[i];
	for (int i = 0; i < GEN_NHIST; i++)
		hist_merge(&a->h[i], &b->h[i]);
}
