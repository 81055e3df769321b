/* ha_rrq_fault.c — the HA's faults that add a step of their own to the request pipeline
 * of ha_rrq.c (DESIGN.md §4): each row runs, when its fault is on, just before the RFC
 * step it names, and either lets that step run (STEP_OK), does its work instead
 * (STEP_SKIP), or ends the pipeline with a reply or a silent discard.  Rows apply in
 * table order; the first that does not say STEP_OK decides.
 */
#include "ext.h"
#include "ha_rrq.h"
#include "pool.h"

/* reply-to-runt: 134 to what is not even a request (RFC 5944 §3.8.2.1: discarded). */
static enum step reply_to_runt(struct ha *ha, struct rrq *r)
{
	if (r->decoded != 2)
		return STEP_OK;
	mip_msg_init(&ha->in, MIP_RRQ);
	return reply(r, 134);
}

/* ignore-unknown-nonskippable: act on a request §1.8 discards. */
static enum step ignore_nonskip(struct ha *ha, struct rrq *r)
{
	return STEP_SKIP;
}

/* pernode-only: discard the MN-HA-authorized proxy registrations RFC 5563 §4.3 allows. */
static enum step pernode_only(struct ha *ha, struct rrq *r)
{
	bool proxy = mip_ext_find(r->m, MIP_EXT_PMIP_NS, -1) ||
		     mip_ext_find(r->m, MIP_EXT_PMIP_SK, -1);
	int i;

	if (rrq_authorizer(ha, r, &i) != RRQ_BY_MNHA || !proxy)
		return STEP_OK;
	ha_drop(ha, HA_DROP_NO_SA, r->e, "per-MN proxy registration");
	return STEP_DROP;
}

/* require-mn-ha: a per-node request (RFC 5563 §8 item 2) answered 131. */
static enum step require_mn_ha(struct ha *ha, struct rrq *r)
{
	int i;

	if (rrq_authorizer(ha, r, &i) != RRQ_BY_PERNODE)
		return STEP_OK;
	rrq_find_nai(r, i);
	return reply(r, 131);
}

/* reject-nai: an HA that does not understand the NAI extension (RFC 2794 §2) answers
 * 134 to every request that carries one; without one it goes by home address. */
static enum step reject_nai(struct ha *ha, struct rrq *r)
{
	return r->nai ? reply(r, 134) : STEP_OK;
}

/* accept-unauthenticated: no authorization-enabling extension, all of it acted on
 * (§3.8.2.1 a says discard), and no FA-HA asked for either (c): it runs before both
 * steps. */
static enum step accept_unauthenticated(struct ha *ha, struct rrq *r)
{
	int i;

	if (rrq_authorizer(ha, r, &i) != RRQ_BY_NONE)
		return STEP_OK;
	rrq_find_nai(r, r->m->n_ext);
	r->covered = r->m->n_ext;
	return STEP_SKIP;
}

/* strict-reserved: a 137 with a reserved bit set is poorly formed (RFC 3543 §3.2 says
 * ignore them). */
static enum step strict_137(struct ha *ha, struct rrq *r)
{
	const struct mip_ext *rs = rrq_covered(r, MIP_EXT_REVSUP, -1);

	if (rs && (rs->v.rev.flags & (uint16_t)~MIP_REVSUP_I))
		return reply(r, 134);
	return STEP_OK;
}

/* reject-unknown-skippable: 134 for an unknown extension 128-255 (§1.8: skipped). */
static enum step reject_unknown_skip(struct ha *ha, struct rrq *r)
{
	for (int i = 0; i < r->covered; i++)
		if (!r->m->ext[i].known && ext_skippable(r->m->ext[i].type))
			return reply(r, 134);
	return STEP_OK;
}

/* no-hoa-assign: a registration for 0.0.0.0 accepted with home address 0.0.0.0
 * (RFC 2794 §3). */
static enum step no_hoa_assign(struct ha *ha, struct rrq *r)
{
	if (r->m->lifetime == 0 || r->m->hoa)
		return STEP_OK;
	r->hoa = 0;
	return STEP_SKIP;
}

/* new-hoa-on-handover: a new PMA gets a new home address for the same NAI
 * (RFC 5563 §4.1: the binding keeps it). */
static enum step new_hoa_on_handover(struct ha *ha, struct rrq *r)
{
	struct pool *pool = ha->cfg.pool;

	if (r->m->lifetime == 0 || r->m->hoa || !r->b || !r->b->hoa || r->b->pma == r->e->src ||
	    !pool)
		return STEP_OK;
	r->hoa = pool_alloc(pool);
	r->hoa_from_pool = r->hoa != 0;
	return r->hoa ? STEP_SKIP : reply(r, 130);
}

/* The timestamp Identification's verdict (RFC 5944 §5.7.1) as the faults see it:
 * ident-per-pma compares a request from another PMA with nothing (RFC 5563 §8.1 keeps the
 * last one per NAI), accept-replay takes a not newer one, no-ident-window one off the
 * HA's clock. */
enum ident_verdict ha_rrq_fault_ident(const struct ha *ha, const struct rrq *r, uint64_t now_ntp,
				      enum ident_verdict v)
{
	if (ha_fault(ha, HA_FAULT_IDENT_PER_PMA) && r->b && r->b->pma != r->e->src)
		v = ident_ts_check(r->m->ident, now_ntp, 0, ha->cfg.ident_window_ms);
	if (ha_fault(ha, HA_FAULT_ACCEPT_REPLAY) && v == IDENT_NOT_NEWER)
		v = IDENT_OK;
	if (ha_fault(ha, HA_FAULT_NO_IDENT_WINDOW) && (v == IDENT_TOO_OLD || v == IDENT_TOO_NEW))
		v = IDENT_OK;
	return v;
}

static const struct {
	enum ha_fault f;
	enum rrq_step_id before;
	enum step (*fn)(struct ha *ha, struct rrq *r);
} fault_steps[] = {
	{ HA_FAULT_REPLY_TO_RUNT, RRQ_DECODED, reply_to_runt },
	{ HA_FAULT_IGNORE_UNKNOWN_NONSKIP, RRQ_UNKNOWN, ignore_nonskip },
	{ HA_FAULT_PERNODE_ONLY, RRQ_AUTH, pernode_only },
	{ HA_FAULT_REQUIRE_MN_HA, RRQ_AUTH, require_mn_ha },
	{ HA_FAULT_ACCEPT_UNAUTHENTICATED, RRQ_AUTH, accept_unauthenticated },
	{ HA_FAULT_ACCEPT_UNAUTHENTICATED, RRQ_FAHA, accept_unauthenticated },
	{ HA_FAULT_STRICT_RESERVED, RRQ_FORM, strict_137 },
	{ HA_FAULT_REJECT_UNKNOWN_SKIP, RRQ_FORM, reject_unknown_skip },
	{ HA_FAULT_REJECT_NAI, RRQ_FORM, reject_nai },
	{ HA_FAULT_NO_HOA_ASSIGN, RRQ_HOA, no_hoa_assign },
	{ HA_FAULT_NEW_HOA_ON_HANDOVER, RRQ_HOA, new_hoa_on_handover },
};

enum step ha_rrq_fault(struct ha *ha, struct rrq *r, enum rrq_step_id next)
{
	for (size_t i = 0; i < sizeof fault_steps / sizeof fault_steps[0]; i++) {
		enum step s;

		if (fault_steps[i].before != next || !ha_fault(ha, fault_steps[i].f))
			continue;
		s = fault_steps[i].fn(ha, r);
		if (s != STEP_OK)
			return s;
	}
	return STEP_OK;
}
