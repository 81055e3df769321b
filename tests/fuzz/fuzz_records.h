/* fuzz_records.h — the input format of the fuzz_ha and fuzz_pma targets, shared with
 * write_corpus.c, which writes their seeds.
 *
 * An input is a header, then records until it ends:
 *
 *   header   HDR_LEN bytes that shape the agent (which fault, which variant, options;
 *            each target's file says which byte does what)
 *   record   OP, then for a datagram or frame a big-endian 16-bit length and the bytes
 *
 * OP & OP_CLOCK: no bytes follow; the virtual clock moves by clock_step_ms[OP & 7] times
 * (1 + (OP >> 3 & 15)), and every timer due on the way runs at its own time, as the
 * daemon's loop would run it.
 *
 * Otherwise OP & OP_KIND picks what the bytes are and OP's other bits how the harness
 * fixes them before delivering them, so that a mutated message still passes the checks a
 * fuzzer cannot (an HMAC, a fresh Identification, a revocation identifier the agent
 * just sent):
 *   OP_SIGN_*   append the authenticator(s) a peer with the key would (RFC 5944 §3.5.1)
 *   OP_FRESH    a fresh Identification (RRQ, RRP: the one of the agent's last request)
 *               or revocation identifier (Revocation)
 *   OP_LINK     copy what the agent said last: the home address, and for an Ack or a
 *               Revocation the identifier of the agent's own Revocation
 *   OP_FROM_*   which peer it comes from (the target's own table)
 */
#ifndef PMIP4CT_FUZZ_RECORDS_H
#define PMIP4CT_FUZZ_RECORDS_H

#include <stdint.h>

#define HDR_LEN 4

#define OP_CLOCK 0x80
#define OP_SIGN_MASK 0x03
#define OP_SIGN_NONE 0x00
#define OP_SIGN_FAHA 0x01   /* FA-HA (per-node, RFC 5563 §5.1) */
#define OP_SIGN_MNHA 0x02   /* MN-HA only */
#define OP_SIGN_BOTH 0x03   /* MN-HA, then FA-HA */
#define OP_FRESH 0x04
#define OP_FROM_SHIFT 3     /* two bits */
#define OP_FROM_MASK 0x18
#define OP_ALT 0x20         /* the target's own meaning (HA: broadcast destination;
			     * PMA: the input is a frame, not a datagram) */
#define OP_LINK 0x40

/* The clock steps, ms. */
static const uint32_t clock_step_ms[8] = { 1, 100, 1000, 3000, 7000, 60000, 300000, 3600000 };

#endif
