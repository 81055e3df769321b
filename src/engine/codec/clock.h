/* clock.h — injected time and randomness (STYLE.md habit 6).  The daemons use the
 * real clock; unit tests and replay use a virtual one they advance by hand.
 */
#ifndef PMIP4CT_CLOCK_H
#define PMIP4CT_CLOCK_H

#include <stdint.h>

struct clk {
	/* wall-clock time, nanoseconds since 1970-01-01 UTC */
	uint64_t (*now_ns)(void *ctx);
	/* 32 random bits (nonces, the unknown low bits of timestamps) */
	uint32_t (*rand32)(void *ctx);
	void *ctx;
};

/* The real clock: CLOCK_REALTIME and OpenSSL's RAND_bytes. */
extern const struct clk clk_real;

/* A virtual clock: time moves only when told; randomness is a fixed xorshift stream. */
struct clk_virtual {
	uint64_t now_ns;
	uint32_t seed;
};
struct clk clk_virtual(struct clk_virtual *v);

static inline uint64_t clk_now_ns(const struct clk *c)
{
	return c->now_ns(c->ctx);
}

#endif
