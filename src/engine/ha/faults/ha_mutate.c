/* ha_mutate.c — the HA's faults that only garble what it sends (DESIGN.md §4).  The
 * protocol files build every reply, revocation and acknowledgment right (RFC 5944
 * §3.8.3, RFC 3543 §3.3, §3.4); ha_send() hands each message here just before encoding
 * it, and every row whose fault is on and whose message type matches (0: any) changes
 * it.  Rows apply in table order.  The authenticators are computed by the encoder, after
 * the change, over what is really sent.
 */
#include "ha_rrq.h"

/* stale-133-echo: a 133 copies the request's Identification instead of the HA's time
 * (RFC 5944 §5.7.1: only the timestamp mode answers with its clock). */
static void stale_133(struct ha *ha, struct mip_msg *m, const struct rrq *r)
{
	if (m->code == 133 && r && ha->cfg.ident_mode == HA_IDENT_TIMESTAMP)
		m->ident = r->m->ident;
}

/* wrong-ident-copy: the low 32 bits no longer match the request's (§5.7). */
static void wrong_ident(struct ha *ha, struct mip_msg *m, const struct rrq *r)
{
	m->ident ^= 1;
}

/* wrong-ident-high: an accepted reply no longer copies the whole Identification
 * (RFC 5944 §5.7.1: "copies the entire Identification field"). */
static void wrong_ident_high(struct ha *ha, struct mip_msg *m, const struct rrq *r)
{
	if (m->code <= 1)
		m->ident ^= (uint64_t)1 << 32;
}

/* no-nai-echo (RFC 2794 §3). */
static void no_nai(struct ha *ha, struct mip_msg *m, const struct rrq *r)
{
	mip_ext_drop(m, MIP_EXT_NAI, -1);
}

/* no-pernode-echo (RFC 5563 §5.1). */
static void no_pernode(struct ha *ha, struct mip_msg *m, const struct rrq *r)
{
	mip_ext_drop(m, MIP_EXT_PMIP_NS, MIP_PMIP_PERNODE);
}

/* echo-pmip-skippable: the request's authenticated 147s copied into the reply, after the
 * NAI, 139 and 47 (RFC 5563 §5.5 says they are not echoed). */
static void echo_147(struct ha *ha, struct mip_msg *m, const struct rrq *r)
{
	uint8_t at = 0;
	struct mip_ext *x;

	if (!r)
		return;
	while (at < m->n_ext && (m->ext[at].type == MIP_EXT_NAI ||
				 m->ext[at].type == MIP_EXT_DYNHA ||
				 m->ext[at].type == MIP_EXT_PMIP_NS))
		at++;
	for (int i = 0; i < r->covered; i++)
		if (r->m->ext[i].type == MIP_EXT_PMIP_SK && (x = mip_ext_insert(m, at)) != NULL) {
			*x = r->m->ext[i];
			at++;
		}
}

/* reply-bad-ext: a damaged extension after the authenticator, as a field HA that
 * miscounts a 47's Length sends (RFC 5944 §1.9: Length counts the bytes that follow).
 * A tolerant reader still sees the code and every extension before it. */
static void bad_ext(struct ha *ha, struct mip_msg *m, const struct rrq *r)
{
	static const uint8_t ext47[] = { MIP_EXT_PMIP_NS, 10, MIP_PMIP_PERNODE };

	m->trailer = ext47;
	m->trailer_len = sizeof ext47;
}

/* no-revsup-echo (RFC 3543 §3.2). */
static void no_137(struct ha *ha, struct mip_msg *m, const struct rrq *r)
{
	mip_ext_drop(m, MIP_EXT_REVSUP, -1);
}

/* sloppy-rev-fields, in a reply: 137 with I and a reserved bit set (RFC 3543 §3.2). */
static void sloppy_137(struct ha *ha, struct mip_msg *m, const struct rrq *r)
{
	struct mip_ext *x = mip_ext_get(m, MIP_EXT_REVSUP, -1);
	if (x)
		x->v.rev.flags = MIP_REVSUP_I | 0x0001;
}

/* no-gre-key (RFC 6245 §4.1). */
static void no_48(struct ha *ha, struct mip_msg *m, const struct rrq *r)
{
	mip_ext_drop(m, MIP_EXT_GREKEY, -1);
}

/* no-gre-key-dereg: only in replies to deregistrations (RFC 6245 §4.2). */
static void no_48_dereg(struct ha *ha, struct mip_msg *m, const struct rrq *r)
{
	if (r && r->m->lifetime == 0)
		no_48(ha, m, r);
}

/* rev-a-clear (RFC 3543 §3.3: the HA's revocations have A = 1). */
static void rev_a_clear(struct ha *ha, struct mip_msg *m, const struct rrq *r)
{
	m->rflags &= (uint16_t)~MIP_REV_A;
}

/* sloppy-rev-fields, in a revocation or an ack: the reserved byte, a reserved bit and
 * I set (RFC 3543 §3.3, §3.4). */
static void sloppy_rev(struct ha *ha, struct mip_msg *m, const struct rrq *r)
{
	m->reserved8 = 0xff;
	m->rflags |= (m->type == MIP_REV ? MIP_REV_I : MIP_REVACK_I) | 0x0001;
}

/* rev-ack-wrong-id (RFC 3543 §3.4: the ack copies the Revocation Identifier). */
static void ack_wrong_id(struct ha *ha, struct mip_msg *m, const struct rrq *r)
{
	m->revid ^= 1;
}

/* bad-sent-auth: every MN-HA and FA-HA authenticator the HA sends is wrong. */
static void bad_auth(struct ha *ha, struct mip_msg *m, const struct rrq *r)
{
	for (uint8_t i = 0; i < m->n_ext; i++)
		if (m->ext[i].type == MIP_EXT_MNHA || m->ext[i].type == MIP_EXT_FAHA)
			m->ext[i].auth_mode = MIP_AUTH_CORRUPT;
}

/* A row's change: m is the message about to be encoded, r the request it answers (a
 * reply) or NULL (a revocation or an acknowledgment). */
typedef void (*ha_mutate_fn)(struct ha *ha, struct mip_msg *m, const struct rrq *r);

static const struct {
	enum ha_fault f;
	uint8_t type; /* 0: any message */
	ha_mutate_fn fn;
} mutators[] = {
	{ HA_FAULT_STALE_133_ECHO, MIP_RRP, stale_133 },
	{ HA_FAULT_WRONG_IDENT_COPY, MIP_RRP, wrong_ident },
	{ HA_FAULT_WRONG_IDENT_HIGH, MIP_RRP, wrong_ident_high },
	{ HA_FAULT_NO_NAI_ECHO, MIP_RRP, no_nai },
	{ HA_FAULT_NO_PERNODE_ECHO, MIP_RRP, no_pernode },
	{ HA_FAULT_ECHO_PMIP_SKIPPABLE, MIP_RRP, echo_147 },
	{ HA_FAULT_NO_REVSUP_ECHO, MIP_RRP, no_137 },
	{ HA_FAULT_SLOPPY_REV_FIELDS, MIP_RRP, sloppy_137 },
	{ HA_FAULT_NO_GRE_KEY, MIP_RRP, no_48 },
	{ HA_FAULT_NO_GRE_KEY_DEREG, MIP_RRP, no_48_dereg },
	{ HA_FAULT_REV_A_CLEAR, MIP_REV, rev_a_clear },
	{ HA_FAULT_SLOPPY_REV_FIELDS, MIP_REV, sloppy_rev },
	{ HA_FAULT_REV_ACK_WRONG_ID, MIP_REVACK, ack_wrong_id },
	{ HA_FAULT_SLOPPY_REV_FIELDS, MIP_REVACK, sloppy_rev },
	{ HA_FAULT_BAD_SENT_AUTH, 0, bad_auth },
	{ HA_FAULT_REPLY_BAD_EXT, MIP_RRP, bad_ext },
};

void ha_mutate(struct ha *ha, struct mip_msg *m, const struct rrq *r)
{
	for (size_t i = 0; i < sizeof mutators / sizeof mutators[0]; i++)
		if ((!mutators[i].type || mutators[i].type == m->type) &&
		    ha_fault(ha, mutators[i].f))
			mutators[i].fn(ha, m, r);
}
