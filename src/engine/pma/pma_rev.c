/* pma_rev.c — Registration Revocation at the PMA (RFC 3543), both ways:
 *
 * - from the HA (§4.2.2.2): the FA-HA authenticator (§6.2), A = 1 against reflection and
 *   an Identifier newer than the last one from that sender against replay (§3.5); the
 *   binding is the one named by home address, foreign domain address (ours) and home
 *   domain address (its HA), and only if the Identifier is not older than the HA's 137
 *   Timestamp in the last accepted reply; every valid revocation is acknowledged (§3.4)
 *   to its source, with I = 0: a PMIPv4 device cannot be told by the agent
 *   advertisements of §4.1 (RFC 5563 §7).
 * - our own, when a device leaves and revocation was negotiated (§4.2.3.1): from the
 *   care-of address to the HA at port 434 (§3.3), A = 0, I only if both 137s had I, the
 *   Identifier a timestamp of the clock of our 137s, FA-HA; retransmitted with a fresh
 *   Identifier and exponential backoff until an Ack matching Home Address and
 *   Identifier arrives from the HA (§3.5), never beyond the binding's lifetime: the
 *   actions of the REVOKING state of pma_fsm.c's table.
 *
 *   REV:    | 7 | Reserved | A I Reserved (14) | HoA | HDA | FDA | Revocation Id | FA-HA
 *   REVACK: | 15 | Reserved | I Reserved (15) | HoA | Revocation Id | FA-HA
 */
#include "auth.h"
#include "ident.h"
#include "pma_priv.h"

#define MS 1000000ull

/* The message in p->in carries an FA-HA valid with our per-node SA (§6.2). */
static bool faha_valid(const struct pma *p, const uint8_t *buf, size_t len, bool lenient)
{
	const struct mip_ext *x = mip_ext_find(&p->in, MIP_EXT_FAHA, -1);

	if (p->cfg.sa.kind != AUTH_KIND_FAHA || !x)
		return false;
	return lenient || auth_verify(buf, len, x, &p->cfg.sa) == AUTH_VALID;
}

/* §3.5: the Identifier must be newer than the last one accepted from that sender. */
static struct pma_rev_peer *rev_peer(struct pma *p, uint32_t src)
{
	return &p->revpeer[src % PMA_REV_PEERS];
}

static bool rev_replayed(struct pma *p, uint32_t src, uint32_t revid)
{
	const struct pma_rev_peer *r = rev_peer(p, src);

	return r->src == src && r->last && revid <= r->last &&
	       !pma_fault(p, PMA_FAULT_ACCEPT_REPLAYED_REV);
}

/* §4.2.2.2: the binding by home address, foreign domain address and home domain
 * address; NULL when none of ours is named. */
static struct pma_sess *rev_binding(struct pma *p)
{
	struct pma_sess *s = pma_sess_by_hoa(p, p->in.hoa);

	if (!s || pma_fault(p, PMA_FAULT_REV_MATCH_HOA_ONLY))
		return s;
	return p->in.coa == p->cfg.addr && p->in.ha == s->ha_field ? s : NULL;
}

/* §3.4: from port 434 back to the revocation's source, HoA and Identifier copied, I = 0
 * (we do not inform the device, §4.2.2.2), FA-HA protected (§6.2). */
static void send_ack(struct pma *p, const struct udp_ends *rev)
{
	struct udp_ends e = { p->cfg.addr, rev->src, MIP_PORT, rev->sport };
	uint32_t hoa = p->in.hoa, revid = p->in.revid;
	struct mip_msg *m = &p->out;

	mip_msg_init(m, MIP_REVACK);
	m->hoa = hoa;
	m->revid = revid;
	mip_ext_add_auth(m, MIP_EXT_FAHA, &p->cfg.sa);
	pma_send(p, &e);
}

void pma_rev_input(struct pma *p, const struct udp_ends *e, const uint8_t *buf, size_t len)
{
	uint32_t revid = p->in.revid;
	struct pma_sess *s;

	if (!faha_valid(p, buf, len, pma_fault(p, PMA_FAULT_ACCEPT_BAD_AUTH_REV))) {
		pma_discard(p, "revocation without a valid FA-HA (RFC 3543 §6.2)");
		return;
	}
	if (!(p->in.rflags & MIP_REV_A) && !pma_fault(p, PMA_FAULT_ACCEPT_REV_REFLECTION)) {
		pma_discard(p, "revocation with A = 0: not from the HA (RFC 3543 §3.5)");
		return;
	}
	if (rev_replayed(p, e->src, revid)) {
		pma_discard(p, "replayed Revocation Identifier (RFC 3543 §3.5)");
		return;
	}
	s = rev_binding(p);
	if (s && revid < s->rev_ts && !pma_fault(p, PMA_FAULT_ACCEPT_REV_BEFORE_REG)) {
		pma_discard(p, "Revocation Identifier older than the registration's 137 "
			    "(RFC 3543 §4.2.2.2)");
		return;
	}
	*rev_peer(p, e->src) = (struct pma_rev_peer){ e->src, revid };
	if (s)
		pma_fsm(p, s, PMA_E_REVOKED);
	else
		pma_logf(p, "revocation names no binding of ours (RFC 3543 §4.2.2.2)");
	if (!pma_fault(p, PMA_FAULT_NO_REVOCATION_ACK))
		send_ack(p, e); /* every valid revocation (§3.4) */
}

/* Our own revocations */

bool pma_rev_wanted(const struct pma *p, const struct pma_sess *s)
{
	bool negotiated = s->rev || (p->cfg.revocation && pma_fault(p, PMA_FAULT_REV_WITHOUT_137));

	/* §4.2.1: without the HA's 137 the HA takes no part: deregister instead */
	return p->cfg.revoke_on_detach && !p->cfg.per_mn && p->cfg.sa.kind == AUTH_KIND_FAHA &&
	       s->hoa && negotiated;
}

/* §3.5: a timestamp of the clock of our 137s (NTP seconds), strictly increasing. */
static uint32_t next_revid(struct pma *p)
{
	uint32_t v = (uint32_t)(ident_ntp_from_ns(clk_now_ns(&p->adj)) >> 32);

	if (v <= p->last_revid || pma_fault(p, PMA_FAULT_REV_STALE_IDENT))
		v = p->last_revid + 1;
	p->last_revid = v;
	return v;
}

/* Our Revocation of s's binding, with a fresh Identifier (§4.2.3.1, §3.5). */
static void send_rev(struct pma *p, struct pma_sess *s)
{
	struct udp_ends e = { p->cfg.addr, s->ha_dst, p->cfg.port, MIP_PORT }; /* §3.3 */
	struct mip_msg *m = &p->out;

	mip_msg_init(m, MIP_REV);
	m->rflags = s->rev_i ? MIP_REV_I : 0; /* A = 0; I as negotiated (§4.2.3.1) */
	m->hoa = s->hoa;
	m->ha = s->ha_field;  /* Home Domain Address */
	m->coa = p->cfg.addr; /* Foreign Domain Address: our care-of address */
	if (!s->revid || !pma_fault(p, PMA_FAULT_REV_SAME_IDENT))
		s->revid = next_revid(p); /* a fresh one each time (§4.2.3.1) */
	m->revid = s->revid;
	mip_ext_add_auth(m, MIP_EXT_FAHA, &p->cfg.sa);
	s->sent_at = pma_now(p);
	s->tries++;
	pma_send(p, &e);
}

/* The REVOKING state's actions (the table is pma_fsm.c's) */

/* The next retransmission: the timeout doubles (§4.2.3.1 SHOULD, as for registrations),
 * is never under a second (retrans_ms), and never goes past the binding's lifetime: then
 * the EXPIRED event ends the revocation. */
static void rev_arm(struct pma *p, struct pma_sess *s)
{
	uint64_t at = pma_now(p) + (uint64_t)s->interval_ms * MS;

	if (pma_fault(p, PMA_FAULT_REV_NO_RETRANSMIT) ||
	    (at >= s->expires && !pma_fault(p, PMA_FAULT_REV_BEYOND_LIFETIME)))
		return;
	pma_arm(p, &s->t_retx, at);
}

/* The lifetime timer stays, to bound the retransmissions. */
enum pma_state pma_rev_start(struct pma *p, struct pma_sess *s)
{
	bool fixed = pma_fault(p, PMA_FAULT_REV_FIXED_TIMER);

	s->tries = 0;
	s->revid = 0;
	s->pending = false;
	s->interval_ms = fixed ? 250 : p->cfg.retrans_ms;
	if (s->expires != UINT64_MAX && !pma_fault(p, PMA_FAULT_REV_BEYOND_LIFETIME))
		pma_arm(p, &s->t_expire, s->expires);
	send_rev(p, s);
	rev_arm(p, s);
	return PMA_S_REVOKING;
}

/* No Ack yet: again, with a fresh Identifier (send_rev). */
enum pma_state pma_rev_retransmit(struct pma *p, struct pma_sess *s, enum pma_state next)
{
	if (s->tries >= PMA_REV_MAX_TRIES) {
		pma_logf(p, "%s: revocation unacknowledged after %u tries", pma_sess_name(s),
			 s->tries);
		p->ctr.rev_abandoned++;
		return pma_removed(s);
	}
	p->ctr.rev_retransmits++;
	if (!pma_fault(p, PMA_FAULT_REV_FIXED_TIMER))
		s->interval_ms = timer_backoff(s->interval_ms, 2);
	send_rev(p, s);
	rev_arm(p, s);
	return next;
}

/* §3.5: the HA acknowledged our Revocation: the binding is gone. */
enum pma_state pma_rev_acked(struct pma *p, struct pma_sess *s, enum pma_state next)
{
	(void)next;
	p->ctr.rev_acked++;
	pma_cancel_all(p, s);
	return pma_removed(s);
}

/* §4.2.3.1: no retransmission beyond the life of the binding. */
enum pma_state pma_rev_expired(struct pma *p, struct pma_sess *s, enum pma_state next)
{
	(void)next;
	pma_logf(p, "%s: revocation unacknowledged at the end of the lifetime",
		 pma_sess_name(s));
	p->ctr.rev_abandoned++;
	pma_cancel_all(p, s);
	return pma_removed(s);
}

/* §3.5: an Ack counts when it is authentic, comes from the HA we revoked at and names
 * the Home Address and Identifier of our latest Revocation there. */
static struct pma_sess *revoking(const struct pma *p, const struct udp_ends *e)
{
	struct pma_sess *s = pma_sess_by_hoa(p, p->in.hoa);

	if (!s || s->st != PMA_S_REVOKING || s->revid != p->in.revid || s->ha_dst != e->src)
		return NULL;
	return s;
}

void pma_revack_input(struct pma *p, const struct udp_ends *e, const uint8_t *buf,
		      size_t len)
{
	struct pma_sess *s;

	if (!faha_valid(p, buf, len, false)) {
		pma_discard(p, "revocation ack without a valid FA-HA (RFC 3543 §3.4)");
		return;
	}
	if (!(s = revoking(p, e))) {
		pma_discard(p, "revocation ack matching none of our revocations (RFC 3543 §3.5)");
		return;
	}
	/* an I = 1 asks us to inform the device: PMIPv4 has no way to (RFC 5563 §7) */
	pma_fsm(p, s, PMA_E_REV_ACKED);
}
