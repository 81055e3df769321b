/* ha_rrq_policy.c — steps 4-10 of the HA's request pipeline (ha_rrq.c): Identification
 * (RFC 5944 §5.7, §3.8.2.1 b; DESIGN.md §6.2), poorly formed requests (§3.8.2.3, 134),
 * PMIPv4 admission (RFC 5563 §8.1: 149, 150), the Home Agent field (RFC 5944 §3.8.3.2,
 * RFC 4433 §5.3: 136, 143), encapsulation (RFC 3024 §4.3.1, RFC 6245 §4: 137-139),
 * simultaneous bindings (135) and the home address (RFC 2794 §2, RFC 5563 §4.1.1: 129,
 * 130).
 */
#include <string.h>

#include "ha_rrq.h"
#include "ident.h"
#include "pool.h"

#define NONCE_EPOCH_S 60

/* Stateless nonces (RFC 5944 §5.7.2): the first 32 bits of HMAC(key, NAI | epoch).  The
 * HA accepts its nonce of this epoch or the last one; the request must also differ from
 * the last accepted one, so a replay within an epoch still fails. */
static uint32_t nonce_for(const struct ha *ha, const struct rrq *r, uint64_t epoch)
{
	uint8_t data[300], mac[AUTH_MAC_LEN];
	size_t n = r->nai_len < 255 ? r->nai_len : 255;

	memcpy(data, r->nai ? r->nai : (const uint8_t *)"", n);
	for (int i = 0; i < 8; i++)
		data[n + (size_t)i] = (uint8_t)(epoch >> (56 - 8 * i));
	auth_compute(AUTH_HMAC_MD5, ha->nonce_key, sizeof ha->nonce_key, data, n + 8, mac);
	return (uint32_t)mac[0] << 24 | (uint32_t)mac[1] << 16 | (uint32_t)mac[2] << 8 | mac[3];
}

static enum step ident_nonce(struct ha *ha, struct rrq *r, uint64_t now_ntp)
{
	uint64_t epoch = (now_ntp >> 32) / NONCE_EPOCH_S;
	uint32_t hi = (uint32_t)(r->m->ident >> 32);
	uint32_t fresh = nonce_for(ha, r, epoch);
	bool known = hi == fresh || hi == nonce_for(ha, r, epoch - 1);

	r->ident = (uint64_t)fresh << 32 | (uint32_t)r->m->ident;
	if (!known || (r->b && r->b->ident == r->m->ident && !ha_fault(ha, HA_FAULT_ACCEPT_REPLAY)))
		return reply(r, 133);
	return STEP_OK;
}

/* draft-leung-mip4-proxy-mode §8.1 read literally (the seq-ext profile): zero or not
 * older is accepted, and the reply carries one more than the larger value. */
static enum step ident_seqext(struct ha *ha, struct rrq *r)
{
	uint64_t last = r->b ? r->b->ident : 0, req = r->m->ident;

	r->ident = (req > last ? req : last) + 1;
	if (req != 0 && req < last && !ha_fault(ha, HA_FAULT_ACCEPT_REPLAY))
		return reply(r, 133);
	return STEP_OK;
}

#define CLOCK_OFFSET_NTP (300ull << 32) /* variant clock-offset: 5 minutes ahead */
#define WINDOW_60_MS 60000

/* The HA's clock for Identifications and 133 replies (RFC 5944 §5.7.1).  Variant
 * clock-offset: 5 minutes ahead of the tester's (§5.7.1 asks for no synchronisation:
 * the 133 reply resynchronises the requester). */
static uint64_t ident_now(const struct ha *ha)
{
	return ha_now_ntp(ha) + (ha_variant(ha, HA_VAR_CLOCK_OFFSET) ? CLOCK_OFFSET_NTP : 0);
}

/* RFC 5944 §5.7.1: 7 s "MAY be used"; the window is per security association.  Variant
 * window-60: 60 s. */
static uint32_t ident_window(const struct ha *ha)
{
	return ha_variant(ha, HA_VAR_WINDOW_60) ? WINDOW_60_MS : ha->cfg.ident_window_ms;
}

enum step ha_rrq_ident(struct ha *ha, struct rrq *r)
{
	uint64_t now = ident_now(ha), last;
	enum ident_verdict v;

	r->ident = ident_reply_ok(r->m->ident);
	if (ha->cfg.ident_mode == HA_IDENT_NONCE)
		return ident_nonce(ha, r, now);
	if (ha->cfg.ident_mode == HA_IDENT_SEQEXT)
		return ident_seqext(ha, r);
	last = r->b ? r->b->ident : 0;
	v = ident_ts_check(r->m->ident, now, last, ident_window(ha));
	v = ha_rrq_fault_ident(ha, r, now, v);
	if (v == IDENT_OK)
		return STEP_OK;
	ha_logf_peer(ha, HA_LOG_WARN, "ident", r->e->src,
		     "security exception: Identification %016llx: %s",
		     (unsigned long long)r->m->ident, ident_verdict_str(v));
	r->ident = ident_reply_133(r->m->ident, now);
	return reply(r, 133);
}

/* 134: what the HA cannot make sense of among the extensions it acts on (§3.8.2.3: the
 * reply is a SHOULD, rrq_deny). */
enum step ha_rrq_form(struct ha *ha, struct rrq *r)
{
	const struct mip_msg *m = r->m;
	const struct mip_ext *pn = rrq_covered(r, MIP_EXT_PMIP_NS, -1);

	r->pmip = pn || rrq_covered(r, MIP_EXT_PMIP_SK, -1);
	if (pn && (pn->subtype != MIP_PMIP_PERNODE || pn->v.pernode.method == 0 ||
		   pn->v.pernode.method > MIP_PERNODE_IPSEC))
		return rrq_deny(ha, r, 134); /* RFC 5563 §5.1: only sub-type 1, methods 1 and 2 */
	if ((mip_ext_count(m, MIP_EXT_PMIP_NS, -1) > 1 || mip_ext_count(m, MIP_EXT_NAI, -1) > 1) &&
	    !ha_fault(ha, HA_FAULT_ACCEPT_DUPLICATES))
		return rrq_deny(ha, r, 134);
	/* bindings are looked up by NAI (RFC 5563 §8.1); an HA without RFC 2794 (config
	 * no_nai, PICS ha.nai no; and fault reject-nai) goes by home address */
	if (r->pmip && !r->nai && !ha->cfg.no_nai && !ha_fault(ha, HA_FAULT_REJECT_NAI))
		return rrq_deny(ha, r, 134);
	return STEP_OK;
}

static bool disallowed(const struct ha *ha, uint32_t pma)
{
	for (unsigned i = 0; i < ha->cfg.n_disallow; i++)
		if (ha->cfg.disallow[i] == pma)
			return true;
	return false;
}

/* The HA's own address for the reply: the one the request was sent to, if it is ours. */
static uint32_t own_addr(const struct ha *ha, const struct rrq *r)
{
	if (ha_is_own_addr(ha, r->e->dst))
		return r->e->dst;
	return ha->cfg.n_addrs ? ha->cfg.addrs[0] : r->e->dst;
}

/* RFC 5944 §3.8.2.1 (broadcast), §3.8.3.2; RFC 4433 §3.4, §5.3. */
static enum step check_ha_field(struct ha *ha, struct rrq *r)
{
	const struct mip_ext *req = rrq_covered(r, MIP_EXT_DYNHA, MIP_DYNHA_REQUESTED);
	uint32_t hf = r->m->ha, dst = r->e->dst;
	bool bcast = dst == 0xffffffffu || (ha->cfg.home_bcast && dst == ha->cfg.home_bcast);

	r->ha_addr = own_addr(ha, r);
	if (bcast)
		return reply(r, 136);
	if (req && req->v.dynha.ha != dst && !ha_fault(ha, HA_FAULT_IGNORE_REQUESTED_HA))
		return reply(r, 136); /* RFC 4433 §5.3: MUST */
	if (ha_is_own_addr(ha, hf)) {
		r->ha_addr = hf;
		return STEP_OK;
	}
	if ((hf == 0 || hf == 0xffffffffu) && !ha_fault(ha, HA_FAULT_NO_DYNAMIC_HA)) {
		/* ALL-ZERO-ONE-ADDR: dynamic assignment, or (Table 1's other row, and the
		 * variant redirect-143) 143 with a Redirected HA, here our own address */
		if (!ha->cfg.redirect_to && !ha_variant(ha, HA_VAR_REDIRECT_143))
			return STEP_OK;
		r->redirect = ha->cfg.redirect_to ? ha->cfg.redirect_to : r->ha_addr;
		return reply(r, 143);
	}
	if (ha_fault(ha, HA_FAULT_ACCEPT_WRONG_HA)) {
		r->ha_addr = hf;
		return STEP_OK;
	}
	if (ha_fault(ha, HA_FAULT_WRONG_HA_ECHO))
		r->ha_addr = hf;
	return reply(r, 136);
}

enum step ha_rrq_policy(struct ha *ha, struct rrq *r)
{
	uint8_t f = r->m->flags;
	enum step s;

	if (r->pmip && !ha->cfg.pmip)
		return reply(r, ha_fault(ha, HA_FAULT_NO_149) ? 129 : 149);
	if (r->pmip && disallowed(ha, r->e->src) && !ha_fault(ha, HA_FAULT_NO_150))
		return reply(r, 150);
	s = check_ha_field(ha, r);
	if (s != STEP_OK)
		return s;
	r->gre = rrq_covered(r, MIP_EXT_GREKEY, -1) != NULL;
	if (((f & MIP_F_G) || r->gre) && !ha->cfg.gre && !ha_fault(ha, HA_FAULT_GRE_UNCHECKED))
		return reply(r, 139);
	if (f & MIP_F_M)
		return reply(r, 139); /* the HA offers IP-in-IP and GRE only (RFC 3024 §4.3.1) */
	if ((f & MIP_F_T) && !ha->cfg.reverse_tunnel)
		return reply(r, 137);
	if (!(f & MIP_F_T) && ha->cfg.require_t && r->m->lifetime)
		return reply(r, 138);
	if ((f & MIP_F_S) && ha->cfg.simultaneous && r->b && r->b->coa != r->m->coa &&
	    r->b->n_extra + 1u >= ha->cfg.max_simultaneous)
		return reply(r, 135);
	return STEP_OK;
}

/* RFC 5944 §3.8.3.2 and RFC 5563 §4.1.1: a requested address must be authorised (the
 * MN's own, or free in the pool); 0.0.0.0 gets the MN's address or a new one. */
enum step ha_rrq_hoa(struct ha *ha, struct rrq *r)
{
	uint32_t want = r->m->hoa;
	struct pool *pool = ha->cfg.pool;
	struct bnd *other;

	if (r->m->lifetime == 0) {
		r->hoa = r->b ? r->b->hoa : want;
		return STEP_OK;
	}
	if (want == 0) {
		r->hoa = r->b && r->b->hoa ? r->b->hoa : (pool ? pool_alloc(pool) : 0);
		r->hoa_from_pool = !(r->b && r->b->hoa) && r->hoa;
		if (r->hoa)
			return STEP_OK;
		return reply(r, pool ? 130 : 129);
	}
	r->hoa = want;
	if (r->b && r->b->hoa == want)
		return STEP_OK;
	other = bnd_by_hoa(ha->bnd, want);
	if (ha_fault(ha, HA_FAULT_ACCEPT_ANY_HOA) && !(r->b && r->b->hoa)) {
		/* accept-any-hoa: another NAI's address taken over, any address granted */
		if (other)
			ha_binding_delete(ha, other);
		r->hoa_from_pool = pool && pool_take(pool, want) == 0;
		return STEP_OK;
	}
	if (other || (r->b && r->b->hoa) || !pool || pool_take(pool, want) < 0)
		return reply(r, 129);
	r->hoa_from_pool = true;
	return STEP_OK;
}
