/* ident.c — the Identification field: NTP timestamps and nonces (RFC 5944 §5.7, §3.6.1.2,
 * §3.6.2.1, §3.8.2.1(b)), and the sequencing RFC 5563 §4.4 builds on it.
 *
 * NTP seconds wrap in 2036 (era 1).  Conversions to Unix time read a seconds value below
 * NTP_UNIX_OFFSET as era 1 (RFC 4330 §3); comparisons are plain unsigned ones, so that a
 * zero or garbage Identification reads as old rather than wrapping into the future.
 */
#include "ident.h"

#define NS_PER_S 1000000000ull
#define NTP_ERA_S (1ull << 32)

uint64_t ident_ntp_from_ns(uint64_t unix_ns)
{
	uint64_t sec = unix_ns / NS_PER_S + NTP_UNIX_OFFSET;
	uint64_t ns = unix_ns % NS_PER_S;

	/* ns < 2^30, so ns << 32 fits in 64 bits. */
	return (sec << 32) | ((ns << 32) / NS_PER_S);
}

uint64_t ident_ns_from_ntp(uint64_t ntp)
{
	uint64_t sec = ntp >> 32;
	uint64_t frac = ntp & 0xffffffffu;

	if (sec < NTP_UNIX_OFFSET)
		sec += NTP_ERA_S;
	/* Round to nearest, so that ns -> NTP -> ns gives the same ns back. */
	return (sec - NTP_UNIX_OFFSET) * NS_PER_S + ((frac * NS_PER_S + (1ull << 31)) >> 32);
}

/*
 * One nanosecond is 4.29 units of 2^-32 s, so the 2 low bits of the fraction are finer
 * than a nanosecond clock; §5.7.1 asks for them to be random.
 */
uint64_t ident_timestamp(const struct clk *c, uint64_t prev)
{
	uint64_t ts = ident_ntp_from_ns(clk_now_ns(c));

	ts = (ts & ~(uint64_t)3) | (c->rand32(c->ctx) & 3);
	if (prev && ts <= prev)
		ts = prev + 1;
	return ts;
}

uint64_t ident_nonce_request(const struct clk *c, uint64_t last_reply)
{
	return (last_reply & 0xffffffff00000000ull) | c->rand32(c->ctx);
}

/* window_ms in units of 2^-32 s, split to avoid overflowing window_ms << 32. */
static uint64_t ident_window_ntp(uint32_t window_ms)
{
	uint64_t s = window_ms / 1000, ms = window_ms % 1000;

	return (s << 32) + (ms << 32) / 1000;
}

enum ident_verdict ident_ts_check(uint64_t req, uint64_t now_ntp, uint64_t last_accepted,
				  uint32_t window_ms)
{
	uint64_t w = ident_window_ntp(window_ms);

	if (last_accepted != 0 && req <= last_accepted)
		return IDENT_NOT_NEWER;
	if (now_ntp >= w && req < now_ntp - w)
		return IDENT_TOO_OLD;
	if (now_ntp <= UINT64_MAX - w && req > now_ntp + w)
		return IDENT_TOO_NEW;
	return IDENT_OK;
}

const char *ident_verdict_str(enum ident_verdict v)
{
	switch (v) {
	case IDENT_OK:
		return "ok";
	case IDENT_NOT_NEWER:
		return "not newer than the last accepted Identification";
	case IDENT_TOO_OLD:
		return "timestamp too old";
	case IDENT_TOO_NEW:
		return "timestamp too far in the future";
	}
	return "?";
}

uint64_t ident_reply_ok(uint64_t req)
{
	return req;
}

uint64_t ident_reply_133(uint64_t req, uint64_t now_ntp)
{
	return (now_ntp & 0xffffffff00000000ull) | (uint32_t)req;
}

int64_t ident_resync_offset_ns(const struct clk *c, uint64_t reply)
{
	uint64_t peer_ns = ident_ns_from_ntp(reply & 0xffffffff00000000ull);

	return (int64_t)(peer_ns - clk_now_ns(c));
}
