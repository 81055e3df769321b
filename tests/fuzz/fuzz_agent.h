/* fuzz_agent.h — what fuzz_ha and fuzz_pma share: the record loop of fuzz_records.h over
 * an agent on a virtual clock, and the fixes both make to a message from a peer.
 */
#ifndef PMIP4CT_FUZZ_AGENT_H
#define PMIP4CT_FUZZ_AGENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth.h"
#include "clock.h"
#include "fuzz_util.h"
#include "mip.h"

struct io_mem;

/* An agent under test, as the loop drives it (one static instance per target). */
struct fz_agent {
	struct clk_virtual *vc;
	void (*setup)(const uint8_t *hdr); /* a fresh agent, shaped by the HDR_LEN bytes */
	/* One record that is not a clock step: its OP and bytes. */
	void (*record)(uint8_t op, const uint8_t *b, size_t n);
	uint64_t (*next_due)(void); /* the earliest timer, UINT64_MAX for none */
	void (*tick)(void);         /* run what is due, take what the agent sent */
	/* A datagram the agent sent, decoded: learn from it; false when an authenticator in
	 * it does not verify with the SA it was made with. */
	bool (*sent)(const uint8_t *buf, size_t len, const struct mip_msg *m);
	void (*report)(void);       /* its counters, to stderr (FUZZ_VERBOSE) */
	void (*teardown)(void);
};

/* The whole of one input: setup with its header, its records in order, teardown.  The
 * body of LLVMFuzzerTestOneInput. */
int fz_agent_input(const struct fz_agent *a, const uint8_t *data, size_t size);

/* Take every datagram the agent sent into mem and give it to a->sent.  With strict (no
 * fault on), one that does not decode or whose authenticator does not verify aborts:
 * the reference sends neither. */
void fz_agent_take(const struct fz_agent *a, struct io_mem *mem, bool strict);

/* OP_FRESH and OP_LINK on a Revocation or an Ack b[0..len) from a peer: a Revocation
 * gets home address hoa (OP_LINK) and a revocation identifier newer than *last_revid
 * (OP_FRESH; RFC 3543 §3.3: the sender's time in seconds), kept there; an Ack gets the
 * Home Address and Revocation Identifier of the agent's own Revocation rev (its fixed
 * part; NULL when it sent none) (OP_LINK; §3.4).  Other messages are left alone. */
void fz_fix_rev(uint8_t op, uint8_t *b, size_t len, uint32_t hoa, uint64_t now_ns,
		uint32_t *last_revid, const uint8_t *rev);

/* OP_SIGN_* on buf[0..*len): MN-HA with mn, then FA-HA with fa (fz_sign). */
void fz_sign_op(uint8_t op, uint8_t *buf, size_t *len, size_t cap, const struct mip_sa *mn,
		const struct mip_sa *fa);

/* Whether the authenticator of type in m (buf[0..len), sent by the agent) verifies with
 * sa; true when m carries none, or one with another SPI. */
bool fz_sent_auth_ok(const uint8_t *buf, size_t len, const struct mip_msg *m, uint8_t type,
		     const struct mip_sa *sa);

#endif
