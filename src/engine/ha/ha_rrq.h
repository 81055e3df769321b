/* ha_rrq.h — the state of one Registration Request as the HA's pipeline works on it
 * (ha_rrq.c, ha_rrq_policy.c) and answers it (ha_reply.c). */
#ifndef PMIP4CT_HA_RRQ_H
#define PMIP4CT_HA_RRQ_H

#include "ha_priv.h"

struct rrq {
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

/* What a step decided: go on, answer with r->code, or discard silently. */
enum step { STEP_OK, STEP_REPLY, STEP_DROP };

static inline enum step reply(struct rrq *r, uint8_t code)
{
	r->code = code;
	return STEP_REPLY;
}

/* The first extension of a type (and sub-type, or -1) among ext[0..limit). */
int rrq_ext_index(const struct mip_msg *m, uint8_t type, int subtype, int limit);

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

#endif
