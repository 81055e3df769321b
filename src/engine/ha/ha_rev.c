/* ha_rev.c — Registration Revocation at the HA (RFC 3543; RFC 5563 §4.1.4, §4.3):
 *
 * - HA-initiated (§4.2.2.1): to the old PMA after a handover, A = 1, protected by the
 *   per-node FA-HA SA (§6.2), retransmitted with exponential backoff and a fresh
 *   Revocation Identifier (and so a fresh authenticator) each time, until a matching
 *   Acknowledgment arrives or the revoked binding's lifetime would have ended.
 * - Acknowledgments (§3.4): must carry a valid FA-HA and copy the Home Address and
 *   Revocation Identifier of one of our revocations; others are silently discarded.
 * - PMA-initiated (§4.2.3.2): validated (FA-HA, A = 0 against reflection, identifier
 *   newer than the last one from that PMA against replay), the binding deleted, and an
 *   Acknowledgment sent for every valid revocation (§3.4).  The HA acts only on a binding
 *   for which revocation support was negotiated with that PMA (§4.2.1: "negotiated for a
 *   binding when both sides have included a revocation support extension"; §4.2.3 is
 *   the responsibilities "depending on the functionality negotiated"): only then has it
 *   the PMA's 137 Timestamp that "the timestamp of a registration MUST precede the
 *   revocation message" (§4.2.3.2) is checked against, from the clock the PMA's
 *   Revocation Identifiers come from (§3.5).  A revocation recorded and replayed after a
 *   later registration without 137 would otherwise pass any floor (issue #14).
 *
 *   REV:    | 7 | Reserved | A I Reserved (14) | HoA | HDA | FDA | Revocation Id |
 *   REVACK: | 15 | Reserved | I Reserved (15) | HoA | Revocation Id |
 */
#include <stdlib.h>

#include "ha_priv.h"
#include "ident.h"
#include "txt.h"

#define NS 1000000000ull

uint32_t ha_next_revid(struct ha *ha)
{
	uint32_t v = (uint32_t)(ha_now_ntp(ha) >> 32); /* NTP seconds: a timestamp (§3.5) */

	if (v <= ha->last_revid)
		v = ha->last_revid + 1;
	ha->last_revid = v;
	return v;
}

static void send_rev(struct ha *ha, struct ha_rev *rv, const struct mip_sa *sa)
{
	struct mip_msg *m = &ha->out;

	mip_msg_init(m, MIP_REV);
	m->rflags = MIP_REV_A | (rv->inform ? MIP_REV_I : 0);
	m->hoa = rv->hoa;
	m->ha = rv->ha_addr; /* Home Domain Address */
	m->coa = rv->coa;    /* Foreign Domain Address: the PMA's care-of address */
	if (!rv->revid || !ha_fault(ha, HA_FAULT_REV_SAME_ID))
		rv->revid = ha_next_revid(ha);
	if (ha_fault(ha, HA_FAULT_REV_ID_COUNTER))
		rv->revid = rv->tries + 1u;
	m->revid = rv->revid;
	mip_ext_add_auth(m, MIP_EXT_FAHA, sa);
	ha_send(ha, rv->listener, rv->pma, MIP_PORT, m, NULL);
}

static void unlink_rev(struct ha *ha, struct ha_rev *rv)
{
	for (struct ha_rev **p = &ha->revs; *p; p = &(*p)->next)
		if (*p == rv) {
			*p = rv->next;
			break;
		}
	timers_cancel(&ha->timers, &rv->t);
	ha->n_revs--;
	free(rv);
}

static void rev_timeout(struct timer *t, void *arg)
{
	struct ha_rev *rv = container_of(t, struct ha_rev, t);
	struct ha *ha = arg;
	uint64_t now = ha_now(ha);
	const struct mip_sa *sa = ha_sa_find(ha, AUTH_KIND_FAHA, rv->spi, NULL, 0, 0, rv->pma);

	if (!sa || (now >= rv->deadline && !ha_fault(ha, HA_FAULT_REV_FOREVER)) ||
	    ha_fault(ha, HA_FAULT_NO_REVOCATION_RETRANSMIT)) {
		ha->ctr.rev_abandoned++;
		ha_logf(ha, HA_LOG_INFO, "revocation of hoa %s abandoned after %u tries",
			txt_ip4(rv->hoa).s, rv->tries);
		unlink_rev(ha, rv);
		return;
	}
	rv->tries++;
	/* exponential backoff (§4.2.2.1 SHOULD, as RFC 5944 §3.6.3); backoff-3 triples;
	 * saturating (timer_backoff) */
	rv->interval_ms = timer_backoff(rv->interval_ms, ha_variant(ha, HA_VAR_BACKOFF_3) ? 3 : 2);
	if (ha_fault(ha, HA_FAULT_REV_FIXED_TIMER))
		rv->interval_ms = 250;
	ha->ctr.rev_retransmits++;
	send_rev(ha, rv, sa);
	timers_arm(&ha->timers, &rv->t, now + (uint64_t)rv->interval_ms * 1000000u);
}

void ha_revoke(struct ha *ha, const struct ha_revoke_req *q)
{
	const struct mip_sa *sa = ha_fa_sa(ha, q->pma);
	uint64_t now = ha_now(ha);
	struct ha_rev *rv;

	if (!sa || !(rv = calloc(1, sizeof *rv))) {
		ha_logf(ha, HA_LOG_WARN, "cannot revoke the old PMA: %s",
			sa ? "no memory" : "no FA-HA SA with it (RFC 3543 §6.2)");
		return;
	}
	timer_init(&rv->t, rev_timeout);
	rv->hoa = q->hoa;
	rv->pma = q->pma;
	rv->coa = q->coa;
	rv->ha_addr = q->ha_addr;
	rv->listener = q->listener;
	rv->spi = sa->spi;
	rv->inform = ha->cfg.revocation_inform && q->inform;
	rv->interval_ms = ha->cfg.rev_initial_ms ? ha->cfg.rev_initial_ms : 1000;
	if (ha_fault(ha, HA_FAULT_REV_FIXED_TIMER))
		rv->interval_ms = 250;
	rv->deadline = now + (uint64_t)q->left_s * NS;
	rv->next = ha->revs;
	ha->revs = rv;
	ha->n_revs++;
	ha->ctr.revocations++;
	send_rev(ha, rv, sa);
	timers_arm(&ha->timers, &rv->t, now + (uint64_t)rv->interval_ms * 1000000u);
}

int ha_revoke_binding(struct ha *ha, uint32_t hoa)
{
	struct bnd *b = bnd_by_hoa(ha->bnd, hoa);
	uint64_t now = ha_now(ha), left;
	struct ha_revoke_req q;

	if (!b || !(b->flags & BND_REV) || !ha->cfg.revocation)
		return -1;
	left = b->expires > now ? (b->expires - now) / NS : 0;
	q = (struct ha_revoke_req){
		.due = true, .hoa = b->hoa, .pma = b->pma, .coa = b->coa, .ha_addr = b->ha,
		.left_s = (uint16_t)(left > 0xffff ? 0xffff : left), .listener = b->listener,
		.inform = (b->flags & BND_REV_I) != 0,
	};
	ha_binding_delete(ha, b);
	ha_revoke(ha, &q);
	return 0;
}

/* Decode a revocation message and check its FA-HA against the sender's SA. */
static const struct mip_sa *rev_auth(struct ha *ha, const struct udp_ends *e,
				     const uint8_t *buf, size_t len, const char **why)
{
	const struct mip_ext *x;
	const struct mip_sa *sa;
	struct mip_err err;

	if (mip_decode(buf, len, &ha->in, &err) < 0) {
		*why = "malformed";
		return NULL;
	}
	x = mip_ext_find(&ha->in, MIP_EXT_FAHA, -1);
	if (!x) {
		*why = "unprotected";
		return NULL;
	}
	sa = ha_sa_find(ha, AUTH_KIND_FAHA, x->v.auth.spi, NULL, 0, 0, e->src);
	if (!sa || (auth_verify(buf, len, x, sa) != AUTH_VALID &&
		    !ha_fault(ha, HA_FAULT_ACCEPT_BAD_AUTH))) {
		*why = sa ? "invalid FA-HA authenticator" : "no FA-HA SA with the sender";
		return NULL;
	}
	return sa;
}

void ha_rev_ack_input(struct ha *ha, unsigned li, const struct udp_ends *e, const uint8_t *buf,
		      size_t len)
{
	const char *why = NULL;

	if (!rev_auth(ha, e, buf, len, &why) || (why = ha_rev_fault_refuses(ha))) {
		ha_drop(ha, HA_DROP_BAD_REVOCATION, e, why);
		return;
	}
	for (struct ha_rev *rv = ha->revs; rv; rv = rv->next)
		if (rv->pma == e->src && rv->hoa == ha->in.hoa &&
		    (rv->revid == ha->in.revid || ha_fault(ha, HA_FAULT_ACK_ANY_ID))) {
			ha->ctr.rev_acked++;
			if ((ha->in.rflags & MIP_REVACK_I) && !rv->inform)
				ha_logf(ha, HA_LOG_WARN, "ack sets I though the revocation did not");
			unlink_rev(ha, rv);
			return;
		}
	ha_drop(ha, HA_DROP_BAD_REVOCATION, e, "acknowledges no pending revocation");
}

static void send_ack(struct ha *ha, unsigned li, const struct udp_ends *e,
		     const struct mip_sa *sa, uint32_t hoa, uint32_t revid)
{
	struct mip_msg *m = &ha->out;

	mip_msg_init(m, MIP_REVACK);
	m->hoa = hoa;
	m->revid = revid;
	mip_ext_add_auth(m, MIP_EXT_FAHA, sa);
	ha_send(ha, li, e->src, e->sport, m, NULL); /* back to the revocation's source port */
}

void ha_rev_input(struct ha *ha, unsigned li, const struct udp_ends *e, const uint8_t *buf,
		  size_t len)
{
	const char *why = NULL;
	const struct mip_sa *sa = rev_auth(ha, e, buf, len, &why);
	struct bnd *b;

	if (!sa || ((ha->in.rflags & MIP_REV_A) && /* A = 1 claims to be us: reflection */
		    !ha_fault(ha, HA_FAULT_ACCEPT_REV_REFLECTION))) {
		ha_drop(ha, HA_DROP_BAD_REVOCATION, e, sa ? "A bit set (reflection)" : why);
		return;
	}
	if ((why = ha_rev_fault_refuses(ha))) {
		ha_drop(ha, HA_DROP_BAD_REVOCATION, e, why);
		return;
	}
	b = bnd_by_hoa(ha->bnd, ha->in.hoa);
	if (b && (b->pma == e->src || ha_fault(ha, HA_FAULT_REV_ANY_PMA))) {
		if (!(b->flags & BND_REV)) { /* §4.2.1, §4.2.3.2: no 137 to check against */
			ha_drop(ha, HA_DROP_BAD_REVOCATION, e,
				"revocation support not negotiated for the binding "
				"(RFC 3543 §4.2.1, §4.2.3.2)");
			return;
		}
		if (ha->in.revid <= b->rev_ts && !ha_fault(ha, HA_FAULT_ACCEPT_REV_REPLAY)) {
			ha_drop(ha, HA_DROP_BAD_REVOCATION, e, "replayed Revocation Identifier");
			return;
		}
		b->rev_ts = ha->in.revid;
		if (ha->in.revid > ha->any_pma_revid)
			ha->any_pma_revid = ha->in.revid;
		if (!ha_fault(ha, HA_FAULT_NO_DEREG))
			ha_binding_delete(ha, b);
	}
	send_ack(ha, li, e, sa, ha->in.hoa, ha->in.revid);
}

void ha_rev_destroy_all(struct ha *ha)
{
	while (ha->revs)
		unlink_rev(ha, ha->revs);
}
