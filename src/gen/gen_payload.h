/* gen_payload.h — the generator's payload header (issue #16): what every data packet of
 * `pmip4ct gen` carries first in its UDP payload, in both directions and both runs
 * (against an HA and against a PMA), so the receiver counts loss (sequence gaps),
 * reordering, duplicates, one-way latency and jitter (RFC 3550 §6.4.1) from the packet
 * alone.  Network byte order, 28 bytes; the rest of the payload is zeros up to the flow's
 * size.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                    magic 'P' 'G' '1' '6'                      |
 *  +---------------------------------------------------------------+
 *  |                 device number (first + index)                 |
 *  +---------------+-----------------------------------------------+
 *  |     flags     |                 reserved (0)                  |
 *  +---------------+-----------------------------------------------+
 *  |                     sequence (64 bits) ...                    |
 *  +---------------------------------------------------------------+
 *  |        send time, ns of the sender's CLOCK_MONOTONIC (64) ... |
 *  +---------------------------------------------------------------+
 *
 * flags: bit 0 (0x01) direction down (CN -> device), bit 1 (0x02) sent in a handover
 * window.  The sequence counts per device and direction from 0, over all of the device's
 * flows in that direction.  One-way latency is only meaningful with both ends on one
 * host's CLOCK_MONOTONIC (the generator plays both).
 */
#ifndef PMIP4CT_GEN_PAYLOAD_H
#define PMIP4CT_GEN_PAYLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wire.h"

#define GEN_PL_MAGIC 0x50473136u /* "PG16" */
#define GEN_PL_LEN 28
#define GEN_PL_DOWN 0x01u
#define GEN_PL_HANDOVER 0x02u

struct gen_payload {
	uint32_t device;
	uint8_t flags; /* GEN_PL_DOWN | GEN_PL_HANDOVER */
	uint64_t seq;
	uint64_t ts_ns;
};

_Static_assert(GEN_PL_LEN == 28, "the payload header is 28 bytes (gen.h GEN_PAYLOAD_MIN)");

/* Write the 28 bytes at out (cap >= GEN_PL_LEN).  0, or -1 when cap is short. */
static inline int gen_payload_encode(const struct gen_payload *pl, uint8_t *out, size_t cap)
{
	struct wr w = wr_init(out, cap);

	wr_u32(&w, GEN_PL_MAGIC);
	wr_u32(&w, pl->device);
	wr_u8(&w, pl->flags);
	wr_u8(&w, 0);
	wr_u16(&w, 0);
	wr_u64(&w, pl->seq);
	wr_u64(&w, pl->ts_ns);
	return w.overflow ? -1 : 0;
}

/* Read the header from a UDP payload.  0, or -1 when it is short or the magic is not
 * ours (someone else's packet: counted as bad by the caller). */
static inline int gen_payload_decode(const uint8_t *p, size_t len, struct gen_payload *pl)
{
	struct rd c = rd_init(p, len);
	uint32_t magic = 0;
	uint8_t rsv8 = 0;
	uint16_t rsv16 = 0;

	if (len < GEN_PL_LEN || !rd_u32(&c, &magic) || magic != GEN_PL_MAGIC)
		return -1;
	rd_u32(&c, &pl->device);
	rd_u8(&c, &pl->flags);
	rd_u8(&c, &rsv8);
	rd_u16(&c, &rsv16);
	rd_u64(&c, &pl->seq);
	rd_u64(&c, &pl->ts_ns);
	return 0;
}

#endif
