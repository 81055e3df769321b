/* clock.c — the real clock (CLOCK_REALTIME, OpenSSL RAND_bytes) and a virtual clock for
 * unit tests and replay (STYLE.md habit 6).  Timestamps feed RFC 5944 §5.7.
 */
#include "clock.h"

#include <time.h>

#include <openssl/rand.h>

static uint64_t clk_real_now(void *ctx)
{
	struct timespec ts;

	(void)ctx;
	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return 0;
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static uint32_t xorshift32(uint32_t *s)
{
	uint32_t x = *s;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*s = x;
	return x;
}

/* Never zero: xorshift stays at 0 forever. */
#define CLK_SEED_DEFAULT 0x9e3779b9u

static uint32_t clk_real_rand(void *ctx)
{
	static _Thread_local uint32_t fallback;
	unsigned char b[4];

	(void)ctx;
	if (RAND_bytes(b, sizeof(b)) == 1)
		return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
	/* The DRBG failed: not secret, but still varying (nonces, sub-ns timestamp bits). */
	if (fallback == 0)
		fallback = (uint32_t)clk_real_now(NULL) | 1;
	return xorshift32(&fallback);
}

const struct clk clk_real = {
	.now_ns = clk_real_now,
	.rand32 = clk_real_rand,
	.ctx = NULL,
};

static uint64_t clk_virtual_now(void *ctx)
{
	const struct clk_virtual *v = ctx;

	return v->now_ns;
}

static uint32_t clk_virtual_rand(void *ctx)
{
	struct clk_virtual *v = ctx;

	if (v->seed == 0)
		v->seed = CLK_SEED_DEFAULT;
	return xorshift32(&v->seed);
}

struct clk clk_virtual(struct clk_virtual *v)
{
	return (struct clk){ .now_ns = clk_virtual_now, .rand32 = clk_virtual_rand, .ctx = v };
}
