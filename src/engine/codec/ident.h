/* ident.h — the Identification field: RFC 5944 §5.7 (timestamps and nonces), §3.6.1.2,
 * §3.8.2.1(b); RFC 5563 §4.4 (sequencing rides on it) and §8.1 (see DESIGN.md §6.2).
 *
 * An Identification is 64 bits.  Timestamp mode: an NTP timestamp, high 32 bits =
 * seconds since 1900-01-01, low 32 bits = fraction.  Nonce mode: high 32 bits = the
 * HA's nonce, low 32 bits = the MN's.
 */
#ifndef PMIP4CT_IDENT_H
#define PMIP4CT_IDENT_H

#include <stdbool.h>
#include <stdint.h>

#include "clock.h"

#define NTP_UNIX_OFFSET 2208988800u /* seconds from 1900-01-01 to 1970-01-01 */

/* Unix nanoseconds <-> NTP 64-bit timestamp.  ident_ns_from_ntp rounds to the nearest
 * nanosecond and reads NTP seconds below the 1970 offset as era 1 (after 2036). */
uint64_t ident_ntp_from_ns(uint64_t unix_ns);
uint64_t ident_ns_from_ntp(uint64_t ntp);

/* A fresh timestamp Identification from the clock.  The bits finer than the clock's
 * resolution are random (§5.7: "SHOULD be random").  It is made strictly greater than
 * `prev` (0 = none), so two requests in the same tick still differ (§5.7, §3.6.3). */
uint64_t ident_timestamp(const struct clk *c, uint64_t prev);

/* Nonce mode, requester side: the HA's last nonce (high 32 bits of its last reply)
 * with fresh low bits (§5.7.2). */
uint64_t ident_nonce_request(const struct clk *c, uint64_t last_reply);

/* Timestamp check at the receiver (§5.7.1, §3.8.2.1 b).  Plain unsigned comparisons:
 * an Identification of 0 is too old, it never wraps into the future. */
enum ident_verdict {
	IDENT_OK,
	IDENT_NOT_NEWER, /* not greater than the last accepted one (replay) */
	IDENT_TOO_OLD,   /* more than `window_ms` behind the receiver's clock */
	IDENT_TOO_NEW,   /* more than `window_ms` ahead of it */
};

enum ident_verdict ident_ts_check(uint64_t req, uint64_t now_ntp, uint64_t last_accepted,
				  uint32_t window_ms);
const char *ident_verdict_str(enum ident_verdict v);

/* The Identification of a reply.  Accepted: the whole request value (§5.7).  Rejected
 * with 133: the low 32 bits copied, the high 32 bits the receiver's own time (§5.7.1). */
uint64_t ident_reply_ok(uint64_t req);
uint64_t ident_reply_133(uint64_t req, uint64_t now_ntp);

/* Whether a reply matches the latest request: the low 32 bits (§3.6.2.1). */
static inline bool ident_reply_matches(uint64_t req, uint64_t reply)
{
	return (uint32_t)req == (uint32_t)reply;
}

/* After a 133, the requester's clock offset from the reply's high 32 bits, in
 * nanoseconds (signed), so its next timestamp lands inside the window. */
int64_t ident_resync_offset_ns(const struct clk *c, uint64_t reply);

#endif
