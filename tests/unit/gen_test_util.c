/* gen_test_util.c — generator figures for tests (gen_test_util.h). */
#include <stdio.h>
#include <string.h>

#include "gen_test_util.h"

uint64_t gen_test_rand(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545f4914f6cdd1dull;
}

uint64_t gen_test_value(uint64_t *state)
{
	uint64_t r = gen_test_rand(state);
	unsigned bits = (unsigned)(r % 30) + 1;

	if (r % 1000 == 7)
		bits = 44;
	return gen_test_rand(state) & ((1ull << bits) - 1);
}

void gen_test_fill(struct gen_stats *s, uint64_t seed, unsigned n)
{
	uint64_t st = seed * 0x9e3779b97f4a7c15ull + 1, reg = 990 + seed % 10;
	struct gen_counters *c = &s->c;

	c->devices += 1000;
	c->registered += reg;
	c->reg_sent += 1000 + seed;
	c->reg_retx += seed;
	c->reg_timeout += seed % 3;
	c->renewed += 500 + seed;
	c->dereg_sent += reg;
	c->deregistered += reg - seed % 2;
	c->handovers += 40 + seed;
	c->handovers_done += 40;
	c->revokes_sent += 5;
	c->revokes_acked += 4 + seed % 2;
	c->ha_revocations += seed % 4;
	c->codes[0] += reg + 500 + seed;
	c->codes[133] += seed;
	c->codes[129 + seed % 3] += 1;
	for (int d = 0; d < GEN_NDIR; d++) {
		uint64_t sent = 100000 + 1000 * seed + (uint64_t)d;

		c->sent[d] += sent;
		c->lost[d] += seed + (uint64_t)d;
		c->lost_ho[d] += 10 * seed;
		c->received[d] += sent - (seed + (uint64_t)d) - 10 * seed;
		c->reordered[d] += seed % 5;
		c->duplicated[d] += seed % 7;
		c->held[d] += 3 * seed;
	}
	c->bad += seed % 2;
	for (int h = 0; h < GEN_NHIST; h++)
		for (unsigned i = 0; i < n; i++)
			hist_add(&s->h[h], gen_test_value(&st));
}

void gen_test_meta(struct gen_meta *m, unsigned index, unsigned total)
{
	memset(m, 0, sizeof *m);
	snprintf(m->tool, sizeof m->tool, "pmip4ct 0.1.0");
	snprintf(m->build, sizeof m->build, "test-build");
	snprintf(m->profile, sizeof m->profile, "ha-10k.gen");
	snprintf(m->profile_hash, sizeof m->profile_hash, "%064x", 0xabcu);
	snprintf(m->dut, sizeof m->dut, "ha 10.251.1.2:434");
	m->shard.index = index;
	m->shard.total = total;
	m->dev_lo = (index ? index - 1 : 0) * 1000;
	m->dev_hi = m->dev_lo + 1000;
	snprintf(m->start_utc, sizeof m->start_utc, "2026-12-03T20:%02u:00.000Z", index);
	snprintf(m->end_utc, sizeof m->end_utc, "2026-12-03T21:%02u:00.000Z", index);
	m->seconds = 3600 + index;
	m->finished = true;
}
