/* ha_rrq.h — the state of one Registration Request as the HA's pipeline works on it
 * (ha_rrq.c, ha_rrq_policy.c) and answers it (ha_reply.c). */
#ifndef PMIP4CT_HA_RRQ_H
#define PMIP4CT_HA_RRQ_H

#include "ha_priv.h"
#include "ident.h"

struct rrq {
	int decoded;                /* 0 whole; 1 the fixed part only; 2 not even that */
	unsigned li;
	const struct udp_ends *e;
	const uint8_t *buf;
	size_t len;
	const struct mip_msg *m;
	int covered;                /* ext[0..covered) are protected by a verified authenticator */
	const uint8_t *nai;
	size_t nai_len;
	const struct mip_sa *mn_sa; /* MN-HA or MN-AAA SA that (tried to) authorize it */
	const struct mip_sa *fa_sa; /* FA-HA SA with the sender */
	bool pernode;               /* authorized by FA-HA + 47/1 (RFC 5563 §4.3) */
	bool pmip;                  /* a proxy registration: carries 47 or 147 */
	struct bnd *b;              /* the MN's binding, if any */
	/* the reply */
	uint8_t code;
	uint16_t lifetime;
	uint32_t hoa;
	uint32_t ha_addr;
	uint64_t ident;
	uint32_t redirect;          /* 143: the Redirected HA (139/2) */
	bool rev, rev_i;            /* revocation support negotiated, and its I bit */
	bool gre;                   /* the request carried 48: answer with the HA's key */
	uint32_t gre_key;
	bool hoa_from_pool;
	struct ha_revoke_req revoke; /* sent after the reply (RFC 5563 §4.1.4) */
};

/* What a step decided: go on, answer with r->code, or discard silently; STEP_SKIP is a
 * fault's own step's: it did the work of the step it runs before (faults/ha_rrq_fault.c). */
enum step { STEP_OK, STEP_REPLY, STEP_DROP, STEP_SKIP };

/* The pipeline of ha_rrq.c, in order. */
enum rrq_step_id {
	RRQ_DECODED, RRQ_UNKNOWN, RRQ_AUTH, RRQ_FAHA, RRQ_LOOKUP, RRQ_IDENT, RRQ_FORM,
	RRQ_POLICY, RRQ_HOA, RRQ_APPLY, RRQ_STEPS
};

static inline enum step reply(struct rrq *r, uint8_t code)
{
	r->code = code;
	return STEP_REPLY;
}

/* A denial the HA SHOULD (or MAY) answer with code (RFC 5944 §3.8.2.1 a: 131 without a
 * valid FA-HA, c: 132; §3.8.2.3: 134): the reply, or a silent discard under the variant
 * silent-discard (ha_rrq.c). */
enum step rrq_deny(struct ha *ha, struct rrq *r, uint8_t code);

/* The first extension of a type (and sub-type, or -1) among ext[0..limit). */
int rrq_ext_index(const struct mip_msg *m, uint8_t type, int subtype, int limit);

/* The NAI among ext[0..limit), into r->nai. */
void rrq_find_nai(struct rrq *r, int limit);

/* What authorizes the request (RFC 5944 §3.8.2.1 a; RFC 4721 §6; RFC 5563 §4.3, §8 item
 * 2): the first of MN-HA, MN-AAA, or FA-HA with 47/1 method FA-HA before it; *at is the
 * authenticator's index. */
enum rrq_authz { RRQ_BY_MNHA, RRQ_BY_MNAAA, RRQ_BY_PERNODE, RRQ_BY_NONE };
enum rrq_authz rrq_authorizer(const struct ha *ha, const struct rrq *r, int *at);

/* The extension of a type among those covered by the verified authenticator. */
static inline const struct mip_ext *rrq_covered(const struct rrq *r, uint8_t type, int subtype)
{
	int i = rrq_ext_index(r->m, type, subtype, r->covered);

	return i < 0 ? NULL : &r->m->ext[i];
}

/* Steps 4-10 of ha_rrq.c (in ha_rrq_policy.c). */
enum step ha_rrq_ident(struct ha *ha, struct rrq *r);
enum step ha_rrq_form(struct ha *ha, struct rrq *r);
enum step ha_rrq_policy(struct ha *ha, struct rrq *r);
enum step ha_rrq_hoa(struct ha *ha, struct rrq *r);

/* ha_bind.c: accept a registration (STEP_REPLY with code 0 or 1, or 130 when memory
 * runs out), and remove a care-of address or the whole binding (§3.8.2.2). */
enum step ha_bind_register(struct ha *ha, struct rrq *r);
void ha_bind_deregister(struct ha *ha, struct bnd *b, uint32_t coa);

/* ha_reply.c: build and send the Registration Reply for r. */
void ha_reply(struct ha *ha, const struct rrq *r);

/* faults/ha_rrq_fault.c: the steps of the faults that are on, run before step `next`:
 * STEP_OK to go on with it, STEP_SKIP to go on past it, or the pipeline's end. */
enum step ha_rrq_fault(struct ha *ha, struct rrq *r, enum rrq_step_id next);
/* ... and the verdict v on a timestamp Identification at now_ntp (RFC 5944 §5.7.1) once
 * the faults that misjudge one are on. */
enum ident_verdict ha_rrq_fault_ident(const struct ha *ha, const struct rrq *r, uint64_t now_ntp,
				      enum ident_verdict v);

#endif
