/* ha_rrq.c — the HA's handling of a Registration Request, as a pipeline of steps in the
 * order of RFC 5944 §3.8.2.1 (validity), §3.8.2.3 (denials) and §3.8.2.2 (acceptance),
 * with RFC 5563 §8 (proxy registrations), RFC 3024 §4.3 (reverse tunnel), RFC 6245 §4
 * (GRE keys), RFC 3543 §3.2 (revocation support) and RFC 4433 §5.3 (dynamic HA):
 *
 *   0 what does not decode                   → discard; 134 (§3.8.2.3)
 *   1 unknown non-skippable extension       → discard (RFC 5944 §1.8)
 *   2 authorization-enabling extension      → discard if none or no SA; 131 / 132
 *     (MN-HA, MN-AAA, or FA-HA with 47/1 per-node: RFC 5563 §4.3, §8 item 2)
 *   3 FA-HA when the HA shares an SA with the sender (§3.8.2.1 c, d) → 132 / discard
 *   4 Identification (§3.8.2.1 b, §5.7)      → 133
 *   5 poorly formed extensions               → 134
 *   6 PMIPv4 enabled, PMA allowed            → 149, 150 (RFC 5563 §8.1)
 *   7 Home Agent field and destination       → 136, 143 (RFC 4433 §5.3)
 *   8 encapsulation, reverse tunnel          → 139, 137, 138
 *   9 simultaneous bindings                  → 135 (code 1 when unsupported)
 *  10 home address                           → 129, 130
 *  11 apply: register, renew, deregister, revoke the old PMA on handover
 *
 * Only extensions covered by a verified authenticator are acted on: an authentication
 * extension marks the end of the data it protects (RFC 5944 §3.5.2).  A fault that adds
 * a step of its own runs it before one of these (faults/ha_rrq_fault.c).
 */
#include <stdio.h>
#include <string.h>

#include "ext.h"
#include "ha_priv.h"
#include "ha_rrq.h"
#include "ident.h"
#include "pool.h"

int rrq_ext_index(const struct mip_msg *m, uint8_t type, int subtype, int limit)
{
	for (int i = 0; i < limit && i < m->n_ext; i++)
		if (m->ext[i].type == type && (subtype < 0 || m->ext[i].subtype == subtype))
			return i;
	return -1;
}

static bool verify(struct ha *ha, const struct rrq *r, int i, const struct mip_sa *sa)
{
	struct mip_sa any;

	if (ha_fault(ha, HA_FAULT_ACCEPT_BAD_AUTH))
		return true;
	if (ha_fault(ha, HA_FAULT_ANY_SPI)) { /* the SPI is not checked against the SA's */
		any = *sa;
		any.spi = r->m->ext[i].v.auth.spi;
		sa = &any;
	}
	return auth_verify(r->buf, r->len, &r->m->ext[i], sa) == AUTH_VALID;
}

/* RFC 5944 §3.8.2.1 a, c and §3.8.2.3 make these replies a SHOULD (131 without a valid
 * FA-HA, a MAY): the variant silent-discard sends none.  131 with a valid FA-HA, 133
 * (§3.8.2.1 b is its own variant's business) and 134 for reserved bits (a MUST) are
 * not sent through here. */
enum step rrq_deny(struct ha *ha, struct rrq *r, uint8_t code)
{
	char why[32];

	if (!ha_variant(ha, HA_VAR_SILENT_DISCARD))
		return reply(r, code);
	snprintf(why, sizeof why, "code %u not sent", code);
	ha_drop(ha, HA_DROP_DENIED, r->e, why);
	return STEP_DROP;
}

/* What did not decode: not even the fixed part → discard; the extensions → 134, poorly
 * formed (§3.8.2.3: SHOULD), with the NAI echoed if it decoded (RFC 2794 §3).  The
 * variant drop-poorly-formed discards it: nothing in it can be authenticated (§3.8.2.1 a). */
static enum step step_decoded(struct ha *ha, struct rrq *r)
{
	if (r->decoded == 2) {
		ha_drop(ha, HA_DROP_MALFORMED, r->e, "shorter than a Registration Request");
		return STEP_DROP;
	}
	if (r->decoded == 1 && ha_variant(ha, HA_VAR_DROP_POORLY_FORMED)) {
		ha_drop(ha, HA_DROP_DENIED, r->e, "extensions do not parse");
		return STEP_DROP;
	}
	if (r->decoded == 1) {
		rrq_find_nai(r, r->m->n_ext);
		return rrq_deny(ha, r, 134);
	}
	return STEP_OK;
}

/* RFC 5944 §1.8: an unrecognised extension 0-127 → the whole message is discarded. */
static enum step step_unknown(struct ha *ha, struct rrq *r)
{
	if (r->m->nonskip_unknown < 0)
		return STEP_OK;
	ha_drop(ha, HA_DROP_UNKNOWN_NONSKIP, r->e, NULL);
	return STEP_DROP;
}

/* Where the verified authenticator's protection ends: at index i (RFC 5944 §3.5.2). */
static int cover(const struct ha *ha, const struct rrq *r, int i)
{
	return ha_fault(ha, HA_FAULT_ACT_ON_UNCOVERED) ? r->m->n_ext : i;
}

void rrq_find_nai(struct rrq *r, int limit)
{
	int i = rrq_ext_index(r->m, MIP_EXT_NAI, -1, limit);

	if (i >= 0) {
		r->nai = r->m->ext[i].v.bytes.p;
		r->nai_len = r->m->ext[i].v.bytes.len;
	}
}

/* RFC 5944 §3.8.2.1 c: exactly one FA-HA, of an SA with the sender, that verifies. */
static bool faha_valid(struct ha *ha, const struct rrq *r)
{
	int i = rrq_ext_index(r->m, MIP_EXT_FAHA, -1, r->m->n_ext);
	const struct mip_sa *sa;

	if (i < 0 || mip_ext_count(r->m, MIP_EXT_FAHA, -1) != 1)
		return false;
	sa = ha_sa_find(ha, AUTH_KIND_FAHA, r->m->ext[i].v.auth.spi, NULL, 0, 0, r->e->src);
	return sa && verify(ha, r, i, sa);
}

/* Per-MN authorization: MN-HA (RFC 5944 §3.5.2) or MN-AAA (RFC 4721 §6).  An invalid
 * authenticator: §3.8.2.1 a, "If there is a valid Foreign-Home authentication extension,
 * the home agent MUST send a Registration Reply with Code 131"; otherwise MAY. */
static enum step auth_mn(struct ha *ha, struct rrq *r, int i, enum auth_kind kind)
{
	const struct mip_ext *x = &r->m->ext[i];

	rrq_find_nai(r, cover(ha, r, i)); /* the NAI MUST precede MN-HA and MN-AAA (RFC 2794 §2) */
	r->mn_sa = ha_sa_find(ha, kind, x->v.auth.spi, r->nai, r->nai_len, r->m->hoa, r->e->src);
	if (!r->mn_sa) {
		ha_drop(ha, HA_DROP_NO_SA, r->e, "no MN-HA/MN-AAA SA for this SPI and node");
		return STEP_DROP;
	}
	r->covered = cover(ha, r, i);
	if (!verify(ha, r, i, r->mn_sa)) {
		ha->ctr.auth_fail++;
		ha_logf_peer(ha, HA_LOG_WARN, "mn-auth", r->e->src,
			     "security exception: MN authenticator invalid (spi %u)", x->v.auth.spi);
		return faha_valid(ha, r) ? reply(r, 131) : rrq_deny(ha, r, 131);
	}
	return STEP_OK;
}

/* Per-node authorization: FA-HA with 47/1 method FA-HA (RFC 5563 §4.3, §5.1, §8). */
static enum step auth_pernode(struct ha *ha, struct rrq *r, int i)
{
	const struct mip_ext *x = &r->m->ext[i];

	rrq_find_nai(r, cover(ha, r, i));
	r->pernode = true;
	r->fa_sa = ha_sa_find(ha, AUTH_KIND_FAHA, x->v.auth.spi, NULL, 0, 0, r->e->src);
	if (!r->fa_sa && ha_fault(ha, HA_FAULT_ANY_SPI))
		r->fa_sa = ha_fa_sa(ha, r->e->src);
	/* No SA for this SPI: §3.8.2.1 a, "does not have any security association ... MUST
	 * silently discard".  The variant reject-unknown-spi reads c instead: the HA shares
	 * an SA with the sender, so an FA-HA it cannot verify is invalid (MUST reject,
	 * SHOULD send 132). */
	if (!r->fa_sa && ha_variant(ha, HA_VAR_REJECT_UNKNOWN_SPI) &&
	    (r->fa_sa = ha_fa_sa(ha, r->e->src))) {
		ha->ctr.auth_fail++;
		return rrq_deny(ha, r, 132);
	}
	if (!r->fa_sa) {
		ha_drop(ha, HA_DROP_NO_SA, r->e, "no FA-HA SA with this PMA and SPI");
		return STEP_DROP;
	}
	r->covered = cover(ha, r, i);
	if (r->m->lifetime == 0 && ha_fault(ha, HA_FAULT_DEREG_UNAUTHENTICATED))
		return STEP_OK;
	if ((mip_ext_count(r->m, MIP_EXT_FAHA, -1) != 1 &&
	     !ha_fault(ha, HA_FAULT_ACCEPT_DUPLICATES)) || !verify(ha, r, i, r->fa_sa)) {
		ha->ctr.auth_fail++;
		ha_logf_peer(ha, HA_LOG_WARN, "fa-auth", r->e->src,
			     "security exception: per-node FA-HA invalid (spi %u)", x->v.auth.spi);
		return rrq_deny(ha, r, 132); /* §3.8.2.1 c: MUST reject, SHOULD send 132 */
	}
	return STEP_OK;
}

enum rrq_authz rrq_authorizer(const struct ha *ha, const struct rrq *r, int *at)
{
	const struct mip_msg *m = r->m;
	int faha = rrq_ext_index(m, MIP_EXT_FAHA, -1, m->n_ext);
	int pn = faha < 0 ? -1 : rrq_ext_index(m, MIP_EXT_PMIP_NS, MIP_PMIP_PERNODE,
					       cover(ha, r, faha));

	if ((*at = rrq_ext_index(m, MIP_EXT_MNHA, -1, m->n_ext)) >= 0)
		return RRQ_BY_MNHA;
	if ((*at = rrq_ext_index(m, MIP_EXT_GENAUTH, MIP_GENAUTH_MNAAA, m->n_ext)) >= 0)
		return RRQ_BY_MNAAA;
	*at = faha;
	if (pn >= 0 && m->ext[pn].v.pernode.method == MIP_PERNODE_FAHA)
		return RRQ_BY_PERNODE;
	return RRQ_BY_NONE;
}

static enum step step_auth(struct ha *ha, struct rrq *r)
{
	int i;

	switch (rrq_authorizer(ha, r, &i)) {
	case RRQ_BY_MNHA:
		return auth_mn(ha, r, i, AUTH_KIND_MNHA);
	case RRQ_BY_MNAAA:
		return auth_mn(ha, r, i, AUTH_KIND_MNAAA);
	case RRQ_BY_PERNODE:
		return auth_pernode(ha, r, i);
	case RRQ_BY_NONE:
		break;
	}
	ha_drop(ha, HA_DROP_NO_AUTH, r->e, NULL);
	return STEP_DROP;
}

/* RFC 5944 §3.8.2.1 c, d, for per-MN authorization.  A deregistration may skip the
 * FA-HA check (§3.8.1); the per-node case already made FA-HA mandatory (DESIGN.md §6.6). */
static enum step step_faha(struct ha *ha, struct rrq *r)
{
	int faha = rrq_ext_index(r->m, MIP_EXT_FAHA, -1, r->m->n_ext);
	const struct mip_sa *any = ha_fa_sa(ha, r->e->src);

	if (r->pernode)
		return STEP_OK;
	if (!any) {
		if (faha < 0)
			return STEP_OK;
		ha_drop(ha, HA_DROP_NO_SA, r->e, "FA-HA present, no SA with the sender");
		return STEP_DROP;
	}
	if (r->m->lifetime == 0)
		return STEP_OK;
	if (faha >= 0)
		r->fa_sa = ha_sa_find(ha, AUTH_KIND_FAHA, r->m->ext[faha].v.auth.spi, NULL, 0, 0,
				      r->e->src);
	if (faha < 0 || mip_ext_count(r->m, MIP_EXT_FAHA, -1) != 1 || !r->fa_sa ||
	    !verify(ha, r, faha, r->fa_sa)) {
		ha->ctr.auth_fail++;
		r->fa_sa = any;
		return rrq_deny(ha, r, 132); /* §3.8.2.1 c: MUST reject, SHOULD send 132 */
	}
	r->covered = cover(ha, r, faha);
	return STEP_OK;
}

/* RFC 5563 §8.1: the binding is looked up by NAI; plain MIPv4 without one, by address. */
static enum step step_lookup(struct ha *ha, struct rrq *r)
{
	if (r->nai)
		r->b = bnd_by_nai(ha->bnd, r->nai, r->nai_len);
	else if (r->m->hoa)
		r->b = bnd_by_hoa(ha->bnd, r->m->hoa);
	return STEP_OK;
}

static enum step step_apply(struct ha *ha, struct rrq *r)
{
	if (r->m->lifetime == 0) {
		r->lifetime = r->b && ha_fault(ha, HA_FAULT_DEREG_KEEP_LIFETIME) ? r->b->lifetime : 0;
		/* RFC 6245 §4.2: 48 in every reply while a key is available */
		r->gre_key = r->b ? r->b->gre_ha : 0;
		r->gre = r->gre && r->gre_key;
		if (r->b && !ha_fault(ha, HA_FAULT_NO_DEREG))
			ha_bind_deregister(ha, r->b, r->m->coa);
		return reply(r, 0);
	}
	return ha_bind_register(ha, r);
}

typedef enum step (*rrq_step)(struct ha *ha, struct rrq *r);

static const rrq_step steps[RRQ_STEPS] = {
	[RRQ_DECODED] = step_decoded, [RRQ_UNKNOWN] = step_unknown, [RRQ_AUTH] = step_auth,
	[RRQ_FAHA] = step_faha,       [RRQ_LOOKUP] = step_lookup,   [RRQ_IDENT] = ha_rrq_ident,
	[RRQ_FORM] = ha_rrq_form,     [RRQ_POLICY] = ha_rrq_policy, [RRQ_HOA] = ha_rrq_hoa,
	[RRQ_APPLY] = step_apply,
};

/* decoded: 0 = the whole request decoded; 1 = the fixed part only (extensions
 * malformed: 134); 2 = not even the fixed part (discard). */
void ha_rrq(struct ha *ha, unsigned li, const struct udp_ends *e, const uint8_t *buf,
	    size_t len, int decoded)
{
	bool faulty = !bitset_empty(&ha->cfg.faults); /* the fault rows: none to look at */
	struct rrq r;

	memset(&r, 0, sizeof r);
	r.decoded = decoded;
	r.li = li;
	r.e = e;
	r.buf = buf;
	r.len = len;
	r.m = &ha->in;
	r.hoa = ha->in.hoa;
	r.ident = ha->in.ident;
	r.ha_addr = ha_is_own_addr(ha, e->dst) ? e->dst : ha->in.ha;
	r.fa_sa = ha_fa_sa(ha, e->src); /* §3.8.1: every reply to an FA with an SA has FA-HA */
	for (int i = 0; i < RRQ_STEPS; i++) {
		enum step s = faulty ? ha_rrq_fault(ha, &r, (enum rrq_step_id)i) : STEP_OK;

		if (s == STEP_OK)
			s = steps[i](ha, &r);
		if (s == STEP_DROP)
			return;
		if (s == STEP_REPLY)
			break;
	}
	ha_reply(ha, &r);
	if (r.revoke.due)
		ha_revoke(ha, &r.revoke);
}
