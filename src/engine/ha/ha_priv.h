/* ha_priv.h — the HA's internals, shared by ha.c (lifecycle, dispatch, timers),
 * ha_rrq.c (registration requests), ha_reply.c (replies) and ha_rev.c (revocation). */
#ifndef PMIP4CT_HA_PRIV_H
#define PMIP4CT_HA_PRIV_H

#include <stddef.h>

#include "ha.h"
#include "loglimit.h"
#include "mip.h"
#include "timer.h"


/* A revocation the HA sent and awaits an acknowledgment for (RFC 3543 §4.2.2.1). */
struct ha_rev {
	struct timer t;       /* retransmission */
	struct ha_rev *next;
	uint64_t deadline;    /* give up: the revoked binding's lifetime would have ended */
	uint32_t hoa, pma, coa, ha_addr;
	uint32_t revid;       /* the identifier of the latest transmission */
	uint32_t interval_ms; /* next retransmission timeout, doubled (tripled) each time */
	uint32_t spi;         /* FA-HA SA with the revoked PMA */
	uint8_t listener;
	uint8_t tries;
	bool inform;          /* I bit (negotiated and configured) */
};

struct ha {
	struct ha_config cfg;
	bool wedged;            /* HA_FAULT_WEDGE_ON_MALFORMED struck: deaf from now on */
	const struct clk *clk;
	struct timers timers;
	struct ha_listener lis[HA_LISTEN_MAX];
	unsigned n_lis;
	struct bnd_table *bnd;
	struct ha_counters ctr;
	ha_log_fn log;
	void *log_arg;
	enum ha_log_level log_min;
	struct loglimit loglim; /* lines that traffic causes (ha_logf_peer) */
	struct ha_rev *revs;
	unsigned n_revs;
	uint32_t last_revid;   /* revocation identifiers increase strictly (§3.5) */
	uint32_t any_pma_revid; /* fault rev-id-global: the last one from any PMA */
	uint32_t gre_next;     /* next HA-assigned GRE key */
	uint8_t nonce_key[16]; /* stateless nonces (RFC 5944 §5.7.2) */
	struct mip_msg in;     /* the message being processed */
	struct mip_msg out;    /* the message being built */
	uint8_t buf[2048];
};

static inline bool ha_fault(const struct ha *ha, enum ha_fault f)
{
	return bitset_has(&ha->cfg.faults, f);
}

static inline bool ha_variant(const struct ha *ha, enum ha_variant v)
{
	return bitset_has(&ha->cfg.variants, v);
}

static inline uint64_t ha_now(const struct ha *ha)
{
	return clk_now_ns(ha->clk);
}

/* Whether a line at lvl would be written: format nothing otherwise. */
static inline bool ha_log_on(const struct ha *ha, enum ha_log_level lvl)
{
	return ha->log && lvl >= ha->log_min;
}

void ha_logf(struct ha *ha, enum ha_log_level lvl, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A line that traffic from peer causes (a discard, a refusal, a security exception):
 * at most so many per reason (a static key, e.g. the format) and peer a second
 * (loglimit.h); the next line of a reason written says how many were suppressed.
 * Peer-supplied text goes through txt_esc. */
void ha_logf_peer(struct ha *ha, enum ha_log_level lvl, const void *reason, uint32_t peer,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void ha_drop(struct ha *ha, enum ha_drop why, const struct udp_ends *e, const char *detail);

/* SA look-up: kind and SPI, then the SA's match rule against nai (MN-HA, MN-AAA: by NAI;
 * MN-HA AUTH_MATCH_PEER: by home address) or peer (FA-HA: the sender's address). */
const struct mip_sa *ha_sa_find(const struct ha *ha, enum auth_kind kind, uint32_t spi,
				const uint8_t *nai, size_t nai_len, uint32_t hoa, uint32_t peer);
/* Whether the HA has any FA-HA SA with this peer (RFC 5944 §3.8.2.1 c, d). */
const struct mip_sa *ha_fa_sa(const struct ha *ha, uint32_t peer);

bool ha_is_own_addr(const struct ha *ha, uint32_t a);

struct rrq;
/* Encode m and send it from listener li to dst:dport; r is the request m answers (a
 * reply), else NULL.  The faults that garble what the HA sends change m first. */
void ha_send(struct ha *ha, unsigned li, uint32_t dst, uint16_t dport, struct mip_msg *m,
	     const struct rrq *r);
/* faults/ha_mutate.c: those faults, one row each. */
void ha_mutate(struct ha *ha, struct mip_msg *m, const struct rrq *r);

/* Bindings */
void ha_binding_arm(struct ha *ha, struct bnd *b);
void ha_binding_delete(struct ha *ha, struct bnd *b);

/* ha_rrq.c */
void ha_rrq(struct ha *ha, unsigned li, const struct udp_ends *e, const uint8_t *buf,
	    size_t len, int decoded);

/* ha_rev.c */
struct ha_revoke_req { /* what the HA revokes: the binding as the old PMA knew it */
	bool due;
	uint32_t hoa, pma, coa, ha_addr;
	uint16_t left_s;  /* its lifetime left: retransmissions stop then */
	uint8_t listener;
	bool inform;      /* I negotiated with the old PMA */
};
void ha_revoke(struct ha *ha, const struct ha_revoke_req *q);
void ha_rev_input(struct ha *ha, unsigned li, const struct udp_ends *e, const uint8_t *buf,
		  size_t len);
void ha_rev_ack_input(struct ha *ha, unsigned li, const struct udp_ends *e,
		      const uint8_t *buf, size_t len);
void ha_rev_destroy_all(struct ha *ha);
/* faults/ha_rev_fault.c: why a fault refuses the authentic revocation or ack in ha->in,
 * or NULL. */
const char *ha_rev_fault_refuses(const struct ha *ha);
uint32_t ha_next_revid(struct ha *ha);

#endif
