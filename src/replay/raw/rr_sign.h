/* rr_sign.h — re-signing the Mobile IP messages of a raw replay (issue #15 §2, as §1).
 *
 * A message that its authenticators protect cannot be replayed as recorded: its
 * Identification is checked against a window (RFC 5944 §5.7), a Revocation's Identifier
 * and a 137 Timestamp must be newer than the last (RFC 3543 §3.2, §3.5).  So, for each
 * message on UDP port 434 at the outer layer or inside one IP-in-IP or GRE tunnel:
 *   - at load (rr_sign_plan): its addresses (Home Address, Home Agent, Care-of Address;
 *     a Revocation's domain addresses) go through the --ip map, and where the
 *     Identification, Revocation Identifier, 137 Timestamps and each authenticator sit
 *     is noted, with the SA (--sa) of each authenticator: one without an SA is an error;
 *   - at each pass (rr_sign_epoch): the time from the capture to this pass is taken,
 *     never less than the last pass's plus the capture's length (so every value keeps
 *     growing across --loop passes);
 *   - before each send (rr_sign_apply): the Identification, when it is an NTP
 *     timestamp, moves by that time (order and intervals kept: a reply keeps matching
 *     its request), the Revocation Identifiers and 137 Timestamps by as many seconds,
 *     then each authenticator is computed in order (RFC 5944 §3.5.1) and the UDP and
 *     GRE checksums after it.
 * Nonce Identifications (§5.7.2) are left alone: they are not times.
 */
#ifndef PMIP4CT_RR_SIGN_H
#define PMIP4CT_RR_SIGN_H

#include <stddef.h>
#include <stdint.h>

#include "rr_rw.h"

#define RR_SIGN_AUTH_MAX 4
#define RR_SIGN_TS_MAX 2

struct rr_sign {
	uint32_t mip_off, mip_len;  /* the message, in the frame */
	uint32_t udp_off, udp_len;  /* its UDP header and datagram */
	uint32_t src, dst;          /* the UDP pseudo-header's addresses */
	uint32_t gre_off, gre_len;  /* a GRE header with a checksum around it; 0 = none */
	uint8_t udp_csum;           /* the datagram has a checksum */
	int8_t ident_at;            /* offset in the message, -1 = none */
	int8_t revid_at;
	uint8_t n_ts, n_auth;
	uint64_t ident;             /* as recorded */
	uint32_t revid;
	uint16_t ts_at[RR_SIGN_TS_MAX];
	uint32_t ts[RR_SIGN_TS_MAX];
	struct { uint16_t at, covered, sa; } auth[RR_SIGN_AUTH_MAX];
};

struct rr_sign_set {
	const struct rr_rw *rw;     /* its SAs */
	struct rr_sign *v;
	size_t n, cap;
	uint64_t ts0, span_ns;      /* the capture's first time and length */
	int64_t delta_ns;           /* this pass: replay time - capture time */
	uint64_t ntp_delta;         /* the same in NTP units (2^-32 s) */
	uint32_t sec_delta;         /* in whole seconds */
	int passes;
	uint64_t signed_msgs;       /* messages re-signed (each pass counts) */
};

/* Plan the re-signing of the frame's Mobile IP message, if it has one: *idx = its plan,
 * or -1.  -1 with err ("RRQ MN-HA (SPI 256): no --sa for it") when it cannot be done. */
int rr_sign_plan(struct rr_sign_set *s, uint8_t *frame, size_t len, uint64_t ts_ns,
		 int32_t *idx, char *err, size_t errlen);
void rr_sign_epoch(struct rr_sign_set *s, uint64_t wall_ns);
void rr_sign_apply(struct rr_sign_set *s, int32_t idx, uint8_t *frame);
void rr_sign_finish(struct rr_sign_set *s);

#endif
