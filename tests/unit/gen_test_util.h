/* gen_test_util.h — generator figures for tests (issue #16): statistics filled from a
 * seed, as a run of one shard would leave them, and the meta of a shard.
 */
#ifndef PMIP4CT_GEN_TEST_UTIL_H
#define PMIP4CT_GEN_TEST_UTIL_H

#include <stdint.h>

#include "gen.h"

/* A pseudo-random number (xorshift64*), state never 0. */
uint64_t gen_test_rand(uint64_t *state);
/* A value spread evenly over the decades from 1 ns to about 1 s (and, one time in
 * 1000, up to 2^44 ns, past the histograms' last bucket). */
uint64_t gen_test_value(uint64_t *state);
/* Counters and histograms (n values in each) from seed, as a shard's run gives them,
 * added to s: filling one s with several seeds gives the figures of those shards as one
 * run, without gen_stats_add or hist_merge (the oracle of the merge tests). */
void gen_test_fill(struct gen_stats *s, uint64_t seed, unsigned n);
/* The meta of shard index/total (devices 1000 per shard). */
void gen_test_meta(struct gen_meta *m, unsigned index, unsigned total);

#endif
