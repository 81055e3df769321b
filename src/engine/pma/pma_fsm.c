/* pma_fsm.c — THE state machine of a PMA session (RFC 5563 §4.1, §4.4, §4.6, §7, §8.1;
 * RFC 5944 §3.6 for the requester: §3.6.3 retransmission with backoff, §3.6.2.1 reply
 * matching; RFC 4433 §5.3 redirection; RFC 3543 §4.2.2.2 revocation by the HA, §4.2.3.1
 * our own revocation when a device leaves).
 *
 * One table, state × event → (next state, action).  Every entry is filled: either a named
 * action, which may pick another next state than the table's (retransmission gives up,
 * a renewal becomes a deregistration), or an explicit UNEXPECTED, which is logged and
 * counted and changes nothing.  Every transition is logged by name:
 * "mn1@example.net: REGISTERED --RENEW--> RENEWING".
 */
#include "ident.h"
#include "pma_priv.h"

#define NS 1000000000ull
#define MS 1000000ull

static const char *const state_names[PMA_S_COUNT] = {
	[PMA_S_IDLE] = "IDLE",
	[PMA_S_REGISTERING] = "REGISTERING",
	[PMA_S_REGISTERED] = "REGISTERED",
	[PMA_S_RENEWING] = "RENEWING",
	[PMA_S_DEREGISTERING] = "DEREGISTERING",
	[PMA_S_REFUSED] = "REFUSED",
	[PMA_S_REVOKING] = "REVOKING",
};

static const char *const event_names[PMA_E_COUNT] = {
	[PMA_E_ATTACH] = "ATTACH",     [PMA_E_ACCEPTED] = "ACCEPTED", [PMA_E_IDENT] = "IDENT",
	[PMA_E_REDIRECT] = "REDIRECT", [PMA_E_DENIED] = "DENIED",     [PMA_E_REFUSED] = "REFUSED",
	[PMA_E_TIMEOUT] = "TIMEOUT",   [PMA_E_RENEW] = "RENEW",       [PMA_E_EXPIRED] = "EXPIRED",
	[PMA_E_DETACH] = "DETACH",     [PMA_E_REVOKED] = "REVOKED",   [PMA_E_REV_ACKED] = "REVACK",
};

const char *pma_state_name(enum pma_state s)
{
	return s < PMA_S_COUNT ? state_names[s] : "?";
}

const char *pma_event_name(enum pma_event e)
{
	return e < PMA_E_COUNT ? event_names[e] : "?";
}

/* Helpers */

static void lost(struct pma *p, struct pma_sess *s, enum pma_event why)
{
	if (p->hooks.lost)
		p->hooks.lost(p->hooks.arg, s->dev.mac, why);
}

/* Back to no registration: timers off, the next attach starts from the configured HA
 * with HoA 0.0.0.0 (RFC 5563 §4.1.1). */
static void lose(struct pma *p, struct pma_sess *s, enum pma_event why)
{
	pma_cancel_all(p, s);
	s->pending = false;
	s->hoa = 0;
	pma_sess_home(p, s);
	lost(p, s, why);
}

/* A new transmission sequence: first timeout retrans_ms (>= 1 s, RFC 5944 §3.6.3).
 * Variant no-retransmit sends once and waits for the reply as long as the doubling
 * schedule of max_tries transmissions would have taken. */
static void transmit_first(struct pma *p, struct pma_sess *s, bool dereg)
{
	unsigned n = p->cfg.max_tries < 16 ? p->cfg.max_tries : 16;
	uint64_t wait;

	s->tries = 0;
	s->interval_ms = pma_fault(p, PMA_FAULT_FAST_RETRANSMIT) ? 250 : p->cfg.retrans_ms;
	if (pma_variant(p, PMA_VAR_NO_RETRANSMIT) && n > 1) {
		wait = (uint64_t)s->interval_ms * ((1u << n) - 1);
		s->interval_ms = wait > UINT32_MAX ? UINT32_MAX : (uint32_t)wait;
	}
	pma_send_rrq(p, s, dereg);
	pma_arm(p, &s->t_retx, pma_now(p) + s->interval_ms * MS);
}

/* A new request cycle: registration, renewal or deregistration. */
static void start_cycle(struct pma *p, struct pma_sess *s, bool dereg)
{
	s->resyncs = 0;
	s->redirects = 0;
	transmit_first(p, s, dereg);
}

/* Actions */

static enum pma_state act_none(struct pma *p, struct pma_sess *s, enum pma_state next)
{
	(void)p;
	(void)s;
	return next;
}

static enum pma_state act_register(struct pma *p, struct pma_sess *s, enum pma_state next)
{
	pma_cancel_all(p, s);
	start_cycle(p, s, false);
	return next;
}

/* RFC 3543 §3.2, RFC 5944 §3.7.3.1: a 137 counts only when the reply's authenticator
 * covers it, that is when it comes before it. */
static const struct mip_ext *covered_revsup(const struct pma *p)
{
	const struct mip_ext *rev = mip_ext_find(&p->in, MIP_EXT_REVSUP, -1);
	const struct mip_ext *auth =
		mip_ext_find(&p->in, p->cfg.per_mn ? MIP_EXT_MNHA : MIP_EXT_FAHA, -1);

	return rev && auth && rev < auth ? rev : NULL;
}

static void store_reply(struct pma *p, struct pma_sess *s)
{
	const struct mip_msg *in = &p->in;
	const struct mip_ext *gre = mip_ext_find(in, MIP_EXT_GREKEY, -1);
	const struct mip_ext *rev = covered_revsup(p);

	s->hoa = in->hoa;
	if (in->ha && in->ha != 0xffffffffu)
		s->ha_field = s->ha_dst = in->ha; /* the HA's own address (RFC 4433 §5.3) */
	s->lifetime = in->lifetime;
	s->gre_ha = gre ? gre->v.gre.key : 0;
	s->rev = p->cfg.revocation && rev; /* both sides sent 137 (RFC 3543 §3.2) */
	s->rev_i = s->rev && p->cfg.revocation_i && (rev->v.rev.flags & MIP_REVSUP_I);
	s->rev_ts = s->rev ? rev->v.rev.ts : 0;
}

/* RFC 5944 §3.6: the granted lifetime runs from when the request was sent. */
static enum pma_state act_accepted(struct pma *p, struct pma_sess *s, enum pma_state next)
{
	struct pma_session_info info;
	uint64_t life;

	timers_cancel(&p->timers, &s->t_retx);
	s->pending = false;
	store_reply(p, s);
	timers_cancel(&p->timers, &s->t_renew);
	timers_cancel(&p->timers, &s->t_expire);
	s->expires = UINT64_MAX;
	if (s->lifetime != MIP_LIFETIME_INFINITE) {
		life = (uint64_t)s->lifetime * NS;
		s->expires = s->sent_at + life;
		pma_arm(p, &s->t_expire, s->expires);
		if (pma_fault(p, PMA_FAULT_RENEW_REQUESTED_LIFE))
			life = (uint64_t)p->cfg.lifetime * NS;
		if (!pma_fault(p, PMA_FAULT_NO_REREGISTRATION))
			pma_arm(p, &s->t_renew, s->sent_at + life / 100 * p->cfg.renew_pct);
	}
	s->st = next;
	if (p->hooks.registered) {
		pma_session(p, s->dev.mac, &info);
		p->hooks.registered(p->hooks.arg, s->dev.mac, &info);
	}
	return next;
}

static enum pma_state act_denied(struct pma *p, struct pma_sess *s, enum pma_state next)
{
	lose(p, s, PMA_E_DENIED);
	return next;
}

/* RFC 5563 §4.4, RFC 5944 §5.7.1: take the HA's time from the high 32 bits and retry at
 * once with a new Identification; a few times only, so two clocks cannot loop us. */
static enum pma_state act_resync(struct pma *p, struct pma_sess *s, enum pma_state next)
{
	p->ctr.resyncs++;
	if (++s->resyncs > PMA_MAX_RESYNCS) {
		pma_logf(p, "%s: %u resyncs, giving up", pma_sess_name(s), PMA_MAX_RESYNCS);
		return s->dereg ? pma_removed(s) : act_denied(p, s, PMA_S_IDLE);
	}
	if (!pma_fault(p, PMA_FAULT_IGNORE_133_TIME))
		p->offset_ns = ident_resync_offset_ns(p->clk, p->in.ident);
	p->last_ident = 0; /* the HA's clock may be behind ours: start over from it */
	transmit_first(p, s, s->dereg);
	return next;
}

/* RFC 4433 §5.3, RFC 5563 §4.6: register with the HA the 143 names in 139/2. */
static enum pma_state act_redirect(struct pma *p, struct pma_sess *s, enum pma_state next)
{
	const struct mip_ext *x = mip_ext_find(&p->in, MIP_EXT_DYNHA, MIP_DYNHA_REDIRECTED);

	if (!x || !x->v.dynha.ha || ++s->redirects > PMA_MAX_REDIRECTS)
		return act_denied(p, s, PMA_S_IDLE);
	s->ha_field = s->ha_dst = x->v.dynha.ha;
	transmit_first(p, s, s->dereg);
	return next;
}

/* RFC 5563 §8.1: a PMA receiving 149 or 150 SHOULD NOT retry to that HA. */
static enum pma_state act_refused(struct pma *p, struct pma_sess *s, enum pma_state next)
{
	pma_cancel_all(p, s);
	s->pending = false;
	p->ctr.refused++;
	lost(p, s, PMA_E_REFUSED);
	return next;
}

/* RFC 5944 §3.6.3: "another Registration Request MAY be transmitted" (variant
 * no-retransmit: it is not, the request gives up at its first timeout); each timeout
 * "SHOULD be at least twice the previous period" (doubled, saturating; variant
 * backoff-3: tripled);
 * with timestamps a fresh Identification each time. */
static enum pma_state act_retransmit(struct pma *p, struct pma_sess *s, enum pma_state next)
{
	unsigned max = pma_variant(p, PMA_VAR_NO_RETRANSMIT) ? 1 : p->cfg.max_tries;

	if (s->tries >= max) {
		pma_logf(p, "%s: no reply after %u tries", pma_sess_name(s), s->tries);
		if (s->dereg)
			return pma_removed(s);
		lose(p, s, PMA_E_TIMEOUT);
		return PMA_S_IDLE;
	}
	p->ctr.retransmits++;
	if (!pma_fault(p, PMA_FAULT_NO_BACKOFF))
		s->interval_ms = timer_backoff(s->interval_ms,
					       pma_variant(p, PMA_VAR_BACKOFF_3) ? 3 : 2);
	pma_send_rrq(p, s, s->dereg);
	pma_arm(p, &s->t_retx, pma_now(p) + s->interval_ms * MS);
	return next;
}

/* The device left (RFC 5563 §4.1.4, §4.4): revoke the binding when that was negotiated
 * and configured (RFC 3543 §4.2.3.1), else deregister with lifetime 0 and the assigned
 * HoA.  No RFC requires either (RFC 5944 §3.6.1.2: the mobile node "MAY ask a home
 * agent to delete a particular mobility binding"): with variant lapse-on-detach the PMA
 * only forgets the session and the binding lapses at the HA when its lifetime ends. */
static enum pma_state leave(struct pma *p, struct pma_sess *s)
{
	pma_cancel_all(p, s);
	if (pma_rev_wanted(p, s))
		return pma_rev_start(p, s);
	if (pma_variant(p, PMA_VAR_LAPSE_ON_DETACH)) {
		pma_logf(p, "%s: left, the binding lapses", pma_sess_name(s));
		return pma_removed(s);
	}
	start_cycle(p, s, true);
	return PMA_S_DEREGISTERING;
}

/* RFC 5563 §4.4: an integrated PMA confirms the device is still there before renewing. */
static enum pma_state act_renew(struct pma *p, struct pma_sess *s, enum pma_state next)
{
	if (p->hooks.still_attached && !pma_fault(p, PMA_FAULT_NO_ATTACH_CHECK) &&
	    !p->hooks.still_attached(p->hooks.arg, s->dev.mac)) {
		pma_logf(p, "%s: device gone at renewal", pma_sess_name(s));
		return leave(p, s);
	}
	start_cycle(p, s, false);
	return next;
}

static enum pma_state act_expired(struct pma *p, struct pma_sess *s, enum pma_state next)
{
	p->ctr.expired++;
	lose(p, s, PMA_E_EXPIRED);
	return next;
}

/* RFC 5563 §4.1.4: resource cleanup, by deregistration or (RFC 3543 §4.2.3.1)
 * revocation. */
static enum pma_state act_detach(struct pma *p, struct pma_sess *s, enum pma_state next)
{
	(void)next;
	return leave(p, s);
}

static enum pma_state act_remove(struct pma *p, struct pma_sess *s, enum pma_state next)
{
	(void)next;
	pma_cancel_all(p, s);
	return pma_removed(s);
}

static enum pma_state act_dereg_done(struct pma *p, struct pma_sess *s, enum pma_state next)
{
	(void)next;
	pma_cancel_all(p, s);
	return pma_removed(s);
}

/* RFC 3543 §4.2.3: the HA revoked the binding: drop the state (the ack is pma.c's). */
static enum pma_state act_revoked(struct pma *p, struct pma_sess *s, enum pma_state next)
{
	(void)next;
	p->ctr.revoked++;
	pma_cancel_all(p, s);
	lost(p, s, PMA_E_REVOKED);
	return pma_removed(s);
}

/* The device is back while its binding is being revoked: stop revoking and register
 * anew from HoA 0.0.0.0 (RFC 5563 §4.1.1). */
static enum pma_state act_reattach(struct pma *p, struct pma_sess *s, enum pma_state next)
{
	s->hoa = 0;
	s->revid = 0;
	pma_sess_home(p, s);
	return act_register(p, s, next);
}

/* The table */

#define UNEXPECTED { PMA_S_COUNT, NULL }
#define GO(state, fn) { PMA_S_##state, fn }

static const struct {
	enum pma_state next;
	pma_action fn;
} fsm[PMA_S_COUNT][PMA_E_COUNT] = {
	[PMA_S_IDLE] = {
		[PMA_E_ATTACH] = GO(REGISTERING, act_register),
		[PMA_E_ACCEPTED] = UNEXPECTED, [PMA_E_IDENT] = UNEXPECTED,
		[PMA_E_REDIRECT] = UNEXPECTED, [PMA_E_DENIED] = UNEXPECTED,
		[PMA_E_REFUSED] = UNEXPECTED,  [PMA_E_TIMEOUT] = UNEXPECTED,
		[PMA_E_RENEW] = UNEXPECTED,    [PMA_E_EXPIRED] = UNEXPECTED,
		[PMA_E_DETACH] = GO(IDLE, act_remove),
		[PMA_E_REVOKED] = UNEXPECTED,  [PMA_E_REV_ACKED] = UNEXPECTED,
	},
	[PMA_S_REGISTERING] = {
		[PMA_E_ATTACH] = GO(REGISTERING, act_none),
		[PMA_E_ACCEPTED] = GO(REGISTERED, act_accepted),
		[PMA_E_IDENT] = GO(REGISTERING, act_resync),
		[PMA_E_REDIRECT] = GO(REGISTERING, act_redirect),
		[PMA_E_DENIED] = GO(IDLE, act_denied),
		[PMA_E_REFUSED] = GO(REFUSED, act_refused),
		[PMA_E_TIMEOUT] = GO(REGISTERING, act_retransmit),
		[PMA_E_RENEW] = UNEXPECTED,    [PMA_E_EXPIRED] = UNEXPECTED,
		[PMA_E_DETACH] = GO(IDLE, act_remove),
		[PMA_E_REVOKED] = UNEXPECTED,  [PMA_E_REV_ACKED] = UNEXPECTED,
	},
	[PMA_S_REGISTERED] = {
		[PMA_E_ATTACH] = GO(REGISTERED, act_none),
		[PMA_E_ACCEPTED] = UNEXPECTED, [PMA_E_IDENT] = UNEXPECTED,
		[PMA_E_REDIRECT] = UNEXPECTED, [PMA_E_DENIED] = UNEXPECTED,
		[PMA_E_REFUSED] = UNEXPECTED,  [PMA_E_TIMEOUT] = UNEXPECTED,
		[PMA_E_RENEW] = GO(RENEWING, act_renew),
		[PMA_E_EXPIRED] = GO(IDLE, act_expired),
		[PMA_E_DETACH] = GO(DEREGISTERING, act_detach),
		[PMA_E_REVOKED] = GO(IDLE, act_revoked),
		[PMA_E_REV_ACKED] = UNEXPECTED,
	},
	[PMA_S_RENEWING] = {
		[PMA_E_ATTACH] = GO(RENEWING, act_none),
		[PMA_E_ACCEPTED] = GO(REGISTERED, act_accepted),
		[PMA_E_IDENT] = GO(RENEWING, act_resync),
		[PMA_E_REDIRECT] = GO(RENEWING, act_redirect),
		[PMA_E_DENIED] = GO(IDLE, act_denied),
		[PMA_E_REFUSED] = GO(REFUSED, act_refused),
		[PMA_E_TIMEOUT] = GO(RENEWING, act_retransmit),
		[PMA_E_RENEW] = UNEXPECTED,
		[PMA_E_EXPIRED] = GO(IDLE, act_expired),
		[PMA_E_DETACH] = GO(DEREGISTERING, act_detach),
		[PMA_E_REVOKED] = GO(IDLE, act_revoked),
		[PMA_E_REV_ACKED] = UNEXPECTED,
	},
	[PMA_S_DEREGISTERING] = {
		[PMA_E_ATTACH] = GO(REGISTERING, act_register),
		[PMA_E_ACCEPTED] = GO(IDLE, act_dereg_done),
		[PMA_E_IDENT] = GO(DEREGISTERING, act_resync),
		[PMA_E_REDIRECT] = UNEXPECTED,
		[PMA_E_DENIED] = GO(IDLE, act_dereg_done),
		[PMA_E_REFUSED] = GO(IDLE, act_dereg_done),
		[PMA_E_TIMEOUT] = GO(DEREGISTERING, act_retransmit),
		[PMA_E_RENEW] = UNEXPECTED,    [PMA_E_EXPIRED] = UNEXPECTED,
		[PMA_E_DETACH] = GO(DEREGISTERING, act_none),
		[PMA_E_REVOKED] = GO(IDLE, act_revoked),
		[PMA_E_REV_ACKED] = UNEXPECTED,
	},
	[PMA_S_REFUSED] = {
		[PMA_E_ATTACH] = GO(REFUSED, act_none), /* §8.1: not to that HA again */
		[PMA_E_ACCEPTED] = UNEXPECTED, [PMA_E_IDENT] = UNEXPECTED,
		[PMA_E_REDIRECT] = UNEXPECTED, [PMA_E_DENIED] = UNEXPECTED,
		[PMA_E_REFUSED] = UNEXPECTED,
		[PMA_E_TIMEOUT] = GO(REGISTERING, act_register), /* retry-after-149 only */
		[PMA_E_RENEW] = UNEXPECTED,    [PMA_E_EXPIRED] = UNEXPECTED,
		[PMA_E_DETACH] = GO(IDLE, act_remove),
		[PMA_E_REVOKED] = UNEXPECTED,  [PMA_E_REV_ACKED] = UNEXPECTED,
	},
	[PMA_S_REVOKING] = {
		[PMA_E_ATTACH] = GO(REGISTERING, act_reattach),
		[PMA_E_ACCEPTED] = UNEXPECTED, [PMA_E_IDENT] = UNEXPECTED,
		[PMA_E_REDIRECT] = UNEXPECTED, [PMA_E_DENIED] = UNEXPECTED,
		[PMA_E_REFUSED] = UNEXPECTED,
		[PMA_E_TIMEOUT] = GO(REVOKING, pma_rev_retransmit),
		[PMA_E_RENEW] = UNEXPECTED,
		[PMA_E_EXPIRED] = GO(IDLE, pma_rev_expired),
		[PMA_E_DETACH] = GO(REVOKING, act_none),
		[PMA_E_REVOKED] = GO(IDLE, act_revoked),
		[PMA_E_REV_ACKED] = GO(IDLE, pma_rev_acked),
	},
};

bool pma_fsm_accepts(enum pma_state s, enum pma_event e)
{
	return s < PMA_S_COUNT && e < PMA_E_COUNT && fsm[s][e].fn != NULL;
}

unsigned pma_fsm_missing(void)
{
	unsigned n = 0;

	for (int s = 0; s < PMA_S_COUNT; s++)
		for (int e = 0; e < PMA_E_COUNT; e++)
			n += !fsm[s][e].fn && fsm[s][e].next != PMA_S_COUNT;
	return n;
}

void pma_fsm(struct pma *p, struct pma_sess *s, enum pma_event e)
{
	enum pma_state from = s->st;

	if (!pma_fsm_accepts(from, e)) {
		p->ctr.unexpected++;
		pma_logf(p, "%s: %s --%s--> unexpected, ignored", pma_sess_name(s),
			 pma_state_name(from), pma_event_name(e));
		return;
	}
	s->st = pma_fsm_fault(p, s, e, fsm[from][e].fn, fsm[from][e].next);
	pma_logf(p, "%s: %s --%s--> %s%s", pma_sess_name(s), pma_state_name(from),
		 pma_event_name(e), pma_state_name(s->st), s->remove ? " (session removed)" : "");
	if (s->remove)
		pma_sess_free(p, s);
}
