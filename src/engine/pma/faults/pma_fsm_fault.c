/* pma_fsm_fault.c — the PMA's faults that change a transition of the state machine
 * (pma_fsm.c, DESIGN.md §4): a row names the event and the table's next state it applies
 * to (PMA_S_COUNT: any) and an action that runs instead of the table's, which it may call.
 * The first row whose fault is on decides.
 */
#include "pma_priv.h"

#define MS 1000000ull

/* retry-after-149: retry the HA that said 149 or 150 (RFC 5563 §8.1: SHOULD NOT): the
 * REFUSED state's TIMEOUT registers again. */
static enum pma_state retry_refused(struct pma *p, struct pma_sess *s, enum pma_state next,
				    pma_action table)
{
	next = table(p, s, next);
	pma_arm(p, &s->t_retx, pma_now(p) + p->cfg.retrans_ms * MS);
	return next;
}

/* keep-state-after-revocation: the revocation counted (and acknowledged by pma_rev.c),
 * the binding kept (RFC 3543 §4.2.3: dropped). */
static enum pma_state keep_state(struct pma *p, struct pma_sess *s, enum pma_state next,
				 pma_action table)
{
	p->ctr.revoked++;
	return s->st;
}

static const struct {
	enum pma_fault f;
	enum pma_event e;
	enum pma_state next; /* the table's; PMA_S_COUNT: any */
	enum pma_state (*fn)(struct pma *p, struct pma_sess *s, enum pma_state next,
			     pma_action table);
} fsm_faults[] = {
	{ PMA_FAULT_RETRY_AFTER_149, PMA_E_REFUSED, PMA_S_REFUSED, retry_refused },
	{ PMA_FAULT_KEEP_STATE_AFTER_REV, PMA_E_REVOKED, PMA_S_COUNT, keep_state },
};

enum pma_state pma_fsm_fault(struct pma *p, struct pma_sess *s, enum pma_event e,
			     pma_action fn, enum pma_state next)
{
	for (size_t i = 0; i < sizeof fsm_faults / sizeof fsm_faults[0]; i++)
		if (fsm_faults[i].e == e &&
		    (fsm_faults[i].next == PMA_S_COUNT || fsm_faults[i].next == next) &&
		    pma_fault(p, fsm_faults[i].f))
			return fsm_faults[i].fn(p, s, next, fn);
	return fn(p, s, next);
}
