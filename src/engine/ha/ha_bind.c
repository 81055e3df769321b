/* ha_bind.c — the HA's changes to its mobility binding list (RFC 5944 §3.8.1-§3.8.2.2):
 * creating and renewing bindings with their granted lifetime, simultaneous care-of
 * addresses (S bit), deregistration, expiry (deleted, never answered: §3.8), GRE keys
 * (RFC 6245 §4; DESIGN.md §6.5), revocation support (RFC 3543 §3.2), the RFC 5563 §5
 * identifiers kept for `show bindings`, and revoking the old PMA on handover
 * (RFC 5563 §4.1.4).
 */
#include <stdlib.h>
#include <string.h>

#include "ha_rrq.h"
#include "pool.h"
#include "txt.h"

#define NS 1000000000ull

static uint64_t earliest(const struct bnd *b)
{
	uint64_t at = b->expires;

	for (unsigned i = 0; i < b->n_extra; i++)
		if (b->extra[i].expires < at)
			at = b->extra[i].expires;
	return at;
}

/* A renewal pushes the end of a binding later: the timer already armed for the old end
 * stays where it is in the heap (moving it costs a sift through the heap, a cache miss a
 * level with a million bindings), fires then, finds nothing expired and is armed again
 * for the new end (binding_expired).  Only an earlier end moves it. */
void ha_binding_arm(struct ha *ha, struct bnd *b)
{
	bool forever = b->lifetime == MIP_LIFETIME_INFINITE && !b->n_extra;
	uint64_t at;

	if (forever || ha_fault(ha, HA_FAULT_NO_EXPIRY)) {
		timers_cancel(&ha->timers, &b->expiry);
		return;
	}
	at = earliest(b);
	if (timer_armed(&b->expiry) && b->expiry.at <= at)
		return;
	if (timers_arm(&ha->timers, &b->expiry, at) < 0)
		ha_logf(ha, HA_LOG_WARN, "timer heap full: a binding will not expire");
}

void ha_binding_delete(struct ha *ha, struct bnd *b)
{
	timers_cancel(&ha->timers, &b->expiry);
	if (b->flags & BND_POOL && ha->cfg.pool)
		pool_free(ha->cfg.pool, b->hoa);
	bnd_del(ha->bnd, b);
}

static void drop_extra(struct bnd *b, unsigned i)
{
	b->extra[i] = b->extra[--b->n_extra];
}

/* The primary care-of address is gone: the newest other one takes its place. */
static bool promote(struct bnd *b)
{
	struct bnd_coa *x;

	if (!b->n_extra)
		return false;
	x = &b->extra[b->n_extra - 1];
	b->coa = x->coa;
	b->pma = x->pma;
	b->pma_port = x->pma_port;
	b->lifetime = x->lifetime;
	b->expires = x->expires;
	b->n_extra--;
	return true;
}

static void binding_expired(struct timer *t, void *arg)
{
	struct bnd *b = container_of(t, struct bnd, expiry);
	struct ha *ha = arg;
	uint64_t now = ha_now(ha);

	for (unsigned i = b->n_extra; i-- > 0;)
		if (b->extra[i].expires <= now)
			drop_extra(b, i);
	if (b->lifetime != MIP_LIFETIME_INFINITE && b->expires <= now && !promote(b)) {
		ha->ctr.expired++;
		ha_logf(ha, HA_LOG_INFO, "binding %s hoa %s expired",
			txt_esc(bnd_nai(b), b->nai_len).s, txt_ip4(b->hoa).s);
		ha_binding_delete(ha, b);
		return;
	}
	ha_binding_arm(ha, b);
}

void ha_bind_deregister(struct ha *ha, struct bnd *b, uint32_t coa)
{
	if (coa == b->hoa || (coa == b->coa && !b->n_extra) ||
	    ha_fault(ha, HA_FAULT_DEREG_ANY_COA)) {
		ha_binding_delete(ha, b); /* CoA = HoA: every binding goes */
		return;
	}
	if (coa == b->coa)
		promote(b);
	for (unsigned i = 0; i < b->n_extra; i++)
		if (b->extra[i].coa == coa)
			drop_extra(b, i--);
	ha_binding_arm(ha, b);
}

/* S set and supported: the old primary care-of address stays as an extra one. */
static int keep_old_coa(struct bnd *b, uint32_t coa)
{
	struct bnd_coa *x;

	for (unsigned i = 0; i < b->n_extra; i++)
		if (b->extra[i].coa == coa)
			drop_extra(b, i--); /* it becomes the primary again */
	if (b->coa == coa || !b->coa)
		return 0;
	x = realloc(b->extra, (b->n_extra + 1u) * sizeof *x);
	if (!x)
		return -1;
	b->extra = x;
	x[b->n_extra++] = (struct bnd_coa){ b->coa, b->pma, b->pma_port, b->lifetime, b->expires };
	return 0;
}

static uint16_t granted(const struct ha *ha, uint16_t want)
{
	if (ha_fault(ha, HA_FAULT_NO_LIFETIME_CAP))
		return want;
	if (ha_fault(ha, HA_FAULT_RAISE_LIFETIME))
		return ha->cfg.max_lifetime;
	return want < ha->cfg.max_lifetime ? want : ha->cfg.max_lifetime;
}

static struct bnd *find_or_add(struct ha *ha, struct rrq *r)
{
	uint8_t key[5] = { 0 }; /* no NAI: keyed by "\0" + home address (no NAI has a NUL) */

	if (r->b) {
		if (r->b->hoa != r->hoa && bnd_set_hoa(ha->bnd, r->b, r->hoa) < 0)
			return NULL;
		return r->b;
	}
	memcpy(key + 1, &r->hoa, 4);
	r->b = r->nai ? bnd_add(ha->bnd, r->nai, r->nai_len, r->hoa) : bnd_add(ha->bnd, key, 5, r->hoa);
	if (r->b) {
		timer_init(&r->b->expiry, binding_expired);
		r->b->registered = ha_now(ha);
	}
	return r->b;
}

static bool same(const uint8_t *have, size_t have_len, const uint8_t *p, size_t len)
{
	return have_len == len && (!len || !memcmp(have, p, len));
}

/* The RFC 5563 §5.2-§5.5 identifiers of the request, kept for `show bindings`. */
static void store_ids(struct ha *ha, struct rrq *r, struct bnd *b)
{
	const struct mip_ext *dev = rrq_covered(r, MIP_EXT_PMIP_SK, MIP_PMIP_DEVID);
	const struct mip_ext *ifid = rrq_covered(r, MIP_EXT_PMIP_SK, MIP_PMIP_IFID);
	const struct mip_ext *sub = rrq_covered(r, MIP_EXT_PMIP_SK, MIP_PMIP_SUBID);
	const struct mip_ext *tech = rrq_covered(r, MIP_EXT_PMIP_SK, MIP_PMIP_ACCTECH);
	const uint8_t *d = dev ? dev->v.pmid.id : NULL, *i = ifid ? ifid->v.bytes.p : NULL;
	const uint8_t *u = sub ? sub->v.pmid.id : NULL;
	size_t dn = dev ? dev->v.pmid.id_len : 0, in = ifid ? ifid->v.bytes.len : 0;
	size_t un = sub ? sub->v.pmid.id_len : 0;

	b->acctech = tech ? tech->v.acctech.tech : 0;
	b->devid_type = dev ? dev->v.pmid.idtype : 0;
	b->subid_type = sub ? sub->v.pmid.idtype : 0;
	if (same(bnd_devid(b), b->devid_len, d, dn) && same(bnd_ifid(b), b->ifid_len, i, in) &&
	    same(bnd_subid(b), b->subid_len, u, un))
		return; /* a renewal with the same identifiers: nothing to store */
	if (bnd_set_ids(ha->bnd, b, d, dn, i, in, u, un) < 0)
		ha_logf(ha, HA_LOG_WARN, "RFC 5563 identifiers not stored (no memory)");
}

/* RFC 6245 §4: the HA assigns a key and answers with it; key 0 from the PMA asks for
 * keys in both directions, carried as one symmetric key (DESIGN.md §6.5). */
static void assign_gre(struct ha *ha, struct rrq *r, struct bnd *b)
{
	const struct mip_ext *k = rrq_covered(r, MIP_EXT_GREKEY, -1);

	if (!k)
		return;
	if (!b->gre_ha) {
		b->gre_ha = ha->gre_next++;
		if (!ha->gre_next)
			ha->gre_next = 1;
	}
	b->gre_fa = k->v.gre.key ? k->v.gre.key : b->gre_ha;
	r->gre_key = b->gre_ha;
}

/* RFC 3543 §3.2, §4.2.1: negotiated when both sides include 137 in a successful
 * exchange and an FA-HA SA protects the revocations. */
static void negotiate_revocation(struct ha *ha, struct rrq *r, struct bnd *b)
{
	const struct mip_ext *x = rrq_covered(r, MIP_EXT_REVSUP, -1);

	r->rev = (x || ha_fault(ha, HA_FAULT_REVOCATION_ALWAYS)) &&
		 (ha->cfg.revocation || ha_fault(ha, HA_FAULT_REVSUP_WHEN_OFF)) && r->fa_sa;
	r->rev_i = r->rev && x && (x->v.rev.flags & MIP_REVSUP_I);
	b->flags &= (uint16_t)~(BND_REV | BND_REV_I);
	/* §3.5: a PMA's revocation older than its 137 timestamp is a replay */
	if (x && x->v.rev.ts && x->v.rev.ts - 1 > b->rev_ts)
		b->rev_ts = x->v.rev.ts - 1;
	if (r->rev)
		b->flags |= BND_REV | (r->rev_i ? BND_REV_I : 0);
}

static void set_flags(struct rrq *r, struct bnd *b)
{
	uint8_t f = r->m->flags;

	b->flags &= BND_POOL | BND_REV | BND_REV_I;
	if (r->hoa_from_pool)
		b->flags |= BND_POOL;
	b->flags |= (f & MIP_F_S ? BND_S : 0) | (f & MIP_F_T ? BND_T : 0) |
		    (f & MIP_F_G || r->gre ? BND_GRE : 0) | (r->pernode ? BND_PERNODE : 0) |
		    (r->pmip ? BND_PMIP : 0);
}

/* RFC 5563 §4.1.4: a new PMA took the binding over; the old one is revoked (after the
 * reply goes out) if revocation was negotiated with it.  The RFC says the HA "may": the
 * variant no-revocation never does. */
static void maybe_revoke(struct ha *ha, struct rrq *r, const struct bnd *b, uint64_t now)
{
	uint64_t left;

	if (!(b->flags & BND_REV) || b->pma == r->e->src || !ha->cfg.revocation ||
	    ha_variant(ha, HA_VAR_NO_REVOCATION))
		return;
	left = b->expires > now ? (b->expires - now) / NS : 0;
	r->revoke = (struct ha_revoke_req){
		.due = true, .hoa = b->hoa,
		/* rev-new-pma: the request's source taken for the PMA to revoke */
		.pma = ha_fault(ha, HA_FAULT_REV_NEW_PMA) ? r->e->src : b->pma,
		.coa = b->coa, .ha_addr = b->ha,
		.left_s = (uint16_t)(left > 0xffff ? 0xffff : left), .listener = b->listener,
		.inform = (b->flags & BND_REV_I) != 0,
	};
}

enum step ha_bind_register(struct ha *ha, struct rrq *r)
{
	uint64_t now = ha_now(ha);
	bool simul = (r->m->flags & MIP_F_S) && ha->cfg.simultaneous;
	struct bnd *b;

	if (r->b)
		maybe_revoke(ha, r, r->b, now);
	b = find_or_add(ha, r);
	if (!b || (simul ? keep_old_coa(b, r->m->coa) : 0) < 0) {
		if (r->hoa_from_pool && !r->b)
			pool_free(ha->cfg.pool, r->hoa);
		return reply(r, 130);
	}
	if (!simul) {
		free(b->extra); /* §3.8.2.2: without S every previous binding goes */
		b->extra = NULL;
		b->n_extra = 0;
	}
	r->lifetime = granted(ha, r->m->lifetime);
	b->coa = r->m->coa;
	b->pma = r->e->src;
	b->pma_port = r->e->sport;
	b->ha = r->ha_addr;
	b->listener = (uint8_t)r->li;
	b->ident = ha->cfg.ident_mode == HA_IDENT_SEQEXT ? r->ident : r->m->ident;
	b->lifetime = r->lifetime;
	b->expires = now + (uint64_t)r->lifetime * NS /
			   (ha_fault(ha, HA_FAULT_EARLY_EXPIRY) ? 2 : 1);
	b->spi = r->mn_sa ? r->mn_sa->spi : r->fa_sa ? r->fa_sa->spi : 0;
	set_flags(r, b);
	assign_gre(ha, r, b);
	negotiate_revocation(ha, r, b);
	store_ids(ha, r, b);
	ha_binding_arm(ha, b);
	return reply(r, (r->m->flags & MIP_F_S) && !ha->cfg.simultaneous ? 1 : 0);
}
