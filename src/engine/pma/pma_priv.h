/* pma_priv.h — the PMA's internals, shared by pma.c (lifecycle, sessions, input, timers),
 * pma_fsm.c (the state machine), pma_req.c (the requests it sends), pma_rev.c
 * (revocation both ways) and the white-box unit test.  RFC 5563 §4, §7; RFC 5944 §3.6;
 * RFC 3543 §3.4, §3.5, §4.2.2.2, §4.2.3.1.
 */
#ifndef PMIP4CT_PMA_PRIV_H
#define PMIP4CT_PMA_PRIV_H

#include <stddef.h>

#include "loglimit.h"
#include "mip.h"
#include "pma.h"
#include "timer.h"

#ifndef container_of
#endif

#define PMA_BUCKETS 256
#define PMA_MAX_RESYNCS 3   /* 133s answered per request cycle before giving up */
#define PMA_MAX_REDIRECTS 3 /* 143s followed per request cycle */
#define PMA_REV_PEERS 8     /* senders whose last Revocation Identifier is kept */
#define PMA_REV_MAX_TRIES 16 /* our Revocations per binding, whatever its lifetime */

/* One mobile device (RFC 5563 §4.1): keyed by MAC, one registration at a time. */
struct pma_sess {
	struct pma_sess *next;     /* hash chain */
	struct pma_device dev;
	struct mip_sa mn_sa;       /* per_mn: the config's template with the device's key */
	enum pma_state st;
	struct timer t_retx;       /* retransmission (RFC 5944 §3.6.3) */
	struct timer t_renew;      /* renewal point of the granted lifetime */
	struct timer t_expire;     /* the granted lifetime ends */
	uint64_t ident;            /* Identification of the latest request */
	uint64_t sent_at;          /* when the pending request cycle's last one went out */
	uint32_t hoa;              /* 0 until accepted (RFC 5563 §4.1.2) */
	uint32_t ha_field;         /* Home Agent field of requests */
	uint32_t ha_dst;           /* where requests go */
	uint32_t interval_ms;      /* next retransmission timeout */
	uint32_t gre_pma, gre_ha;
	uint16_t lifetime;         /* granted */
	uint64_t expires;
	unsigned tries, resyncs, redirects;
	uint8_t last_code;
	bool pending;              /* a request awaits its reply */
	bool dereg;                /* ... and it is a deregistration */
	bool rev, rev_i;           /* revocation (and I) negotiated, by covered 137s */
	uint32_t rev_ts;           /* the HA's 137 Timestamp in the last accepted reply */
	uint32_t revid;            /* Identifier of our latest Revocation (REVOKING) */
	uint8_t imsi_tbcd[8];      /* dev.imsi in TBCD (variant imsi-tbcd), for 147/3 */
	bool remove;               /* set by an action: free after the transition */
};

struct pma_rev_peer {
	uint32_t src;
	uint32_t last;             /* latest Revocation Identifier accepted (RFC 3543 §3.5) */
};

struct pma {
	struct pma_config cfg;
	const struct clk *clk;
	struct clk adj;            /* clk plus the offset learnt from a 133 (RFC 5563 §4.4) */
	int64_t offset_ns;
	struct io io;
	struct timers timers;
	struct pma_hooks hooks;
	pma_log_fn log;
	void *log_arg;
	struct pma_sess *bucket[PMA_BUCKETS];
	unsigned n_sess;
	uint64_t last_ident;       /* Identifications only grow (RFC 5944 §5.7) */
	uint32_t gre_next;         /* next PMA-assigned GRE key (RFC 6245 §3.1) */
	uint32_t last_revid;       /* our Revocation Identifiers only grow (RFC 3543 §3.5) */
	struct pma_rev_peer revpeer[PMA_REV_PEERS];
	struct pma_counters ctr;
	bool deaf;                 /* fault deaf-after-malformed has struck */
	uint32_t in_src;           /* the sender of p->in */
	struct loglimit loglim;    /* discard lines, per reason and sender */
	struct mip_msg in;         /* the message being processed */
	struct mip_msg out;        /* the message being built */
	uint8_t mut[24];           /* faults/pma_mutate.c: bytes of a changed extension */
	uint8_t buf[2048];
};

static inline bool pma_fault(const struct pma *p, enum pma_fault f)
{
	return bitset_has(&p->cfg.faults, f);
}

static inline bool pma_variant(const struct pma *p, enum pma_variant v)
{
	return bitset_has(&p->cfg.variants, v);
}

static inline uint64_t pma_now(const struct pma *p)
{
	return clk_now_ns(p->clk);
}

/* An action's ending: the session is freed after the transition. */
static inline enum pma_state pma_removed(struct pma_sess *s)
{
	s->remove = true;
	return PMA_S_IDLE;
}

void pma_logf(struct pma *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *pma_sess_name(const struct pma_sess *s);

/* pma.c */
struct pma_sess *pma_sess_find(const struct pma *p, const uint8_t mac[6]);
struct pma_sess *pma_sess_by_hoa(const struct pma *p, uint32_t hoa);
void pma_discard(struct pma *p, const char *why);
void pma_sess_free(struct pma *p, struct pma_sess *s);
void pma_arm(struct pma *p, struct timer *t, uint64_t at);
void pma_cancel_all(struct pma *p, struct pma_sess *s);
/* The configured HA: the HA field, and where requests go (RFC 4433 §5.3). */
void pma_sess_home(const struct pma *p, struct pma_sess *s);

/* pma_fsm.c: feed one event to a session's machine; the session may be gone after. */
void pma_fsm(struct pma *p, struct pma_sess *s, enum pma_event e);
/* An entry's action: does the transition's work, returns the state it leads to (the
 * table's next, or another). */
typedef enum pma_state (*pma_action)(struct pma *p, struct pma_sess *s, enum pma_state next);
/* faults/pma_fsm_fault.c: run the table's action fn for event e (next: the table's next
 * state), or, when a fault that changes this transition is on, the fault's action
 * around or instead of it. */
enum pma_state pma_fsm_fault(struct pma *p, struct pma_sess *s, enum pma_event e,
			     pma_action fn, enum pma_state next);
/* The acceptance table as a pure filter: whether (state, event) has an action. */
bool pma_fsm_accepts(enum pma_state s, enum pma_event e);
/* Table entries neither an action nor an explicit "unexpected" (0 when complete). */
unsigned pma_fsm_missing(void);

/* pma_req.c */
/* Encode p->out and send it to e; the faults that garble what the PMA sends change the
 * message (and where it goes) first. */
int pma_send(struct pma *p, const struct udp_ends *e);
int pma_send_rrq(struct pma *p, struct pma_sess *s, bool dereg);

/* pma_rev.c */
/* A revocation from the HA (RFC 3543 §4.2.2.2), decoded in p->in. */
void pma_rev_input(struct pma *p, const struct udp_ends *e, const uint8_t *buf, size_t len);
/* An Ack to one of our Revocations (RFC 3543 §3.4, §3.5), decoded in p->in. */
void pma_revack_input(struct pma *p, const struct udp_ends *e, const uint8_t *buf,
		      size_t len);
/* Whether the device's leaving revokes the binding rather than deregistering it. */
bool pma_rev_wanted(const struct pma *p, const struct pma_sess *s);
/* Revoke s's binding (§4.2.3.1): the first Revocation; returns PMA_S_REVOKING. */
enum pma_state pma_rev_start(struct pma *p, struct pma_sess *s);
/* The REVOKING row of the table: TIMEOUT, REV_ACKED, EXPIRED. */
enum pma_state pma_rev_retransmit(struct pma *p, struct pma_sess *s, enum pma_state next);
enum pma_state pma_rev_acked(struct pma *p, struct pma_sess *s, enum pma_state next);
enum pma_state pma_rev_expired(struct pma *p, struct pma_sess *s, enum pma_state next);

/* faults/pma_mutate.c: those faults, one row each. */
void pma_mutate(struct pma *p, struct mip_msg *m, struct udp_ends *e);

#endif
