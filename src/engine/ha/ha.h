/* ha.h — the reference Home Agent: registration processing of RFC 5944 §3.8 with the
 * Proxy Mobile IPv4 rules of RFC 5563 §4 and §8, Registration Revocation (RFC 3543),
 * GRE keys (RFC 6245), reverse tunnelling (RFC 3024) and dynamic HA assignment
 * (RFC 4433).  The decisions on ambiguous points are DESIGN.md §6; docs/ARCHITECTURE.md
 * lists the order of the checks.
 *
 * The HA is an engine object: it owns no socket and reads no clock of its own.  It is
 * given listeners (each an io.h ops table) and an injected clock, it is fed datagrams
 * with ha_input(), and its timers (binding expiry, revocation retransmission) run when
 * ha_tick() is called at or after ha_next_due().  The daemon (pmip4ct ha), the tester
 * and the unit tests differ only in what they plug in.
 */
#ifndef PMIP4CT_HA_H
#define PMIP4CT_HA_H

#include <stdbool.h>
#include <stdint.h>

#include "auth.h"
#include "binding.h"
#include "bitset.h"
#include "clock.h"
#include "io.h"

/* Faults: each breaks one behaviour on purpose so that conformance cases can be shown
 * to fail (DESIGN.md §4).  `pmip4ct ha --fault list` prints ha_fault_name/help. */
enum ha_fault {
	HA_FAULT_ACCEPT_BAD_AUTH,       /* invalid authenticators pass */
	HA_FAULT_ACCEPT_REPLAY,         /* Identification not checked against the last one */
	HA_FAULT_IGNORE_UNKNOWN_NONSKIP, /* process messages with unknown types 0-127 */
	HA_FAULT_REJECT_UNKNOWN_SKIP,   /* reject (134) unknown types 128-255 */
	HA_FAULT_NO_LIFETIME_CAP,       /* grant the requested lifetime whatever it is */
	HA_FAULT_NO_NAI_ECHO,           /* leave the NAI out of replies */
	HA_FAULT_WRONG_IDENT_COPY,      /* change the low 32 bits of the Identification */
	HA_FAULT_NO_REVOCATION_RETRANSMIT, /* send a revocation once only */
	HA_FAULT_NO_PERNODE_ECHO,       /* leave 47/1 out of replies */
	HA_FAULT_STALE_133_ECHO,        /* 133 copies the request's Identification whole */
	HA_FAULT_ACCEPT_WRONG_HA,       /* accept any Home Agent field */
	HA_FAULT_NO_GRE_KEY,            /* leave extension 48 out of replies */
	HA_FAULT_NO_DEREG,              /* acknowledge deregistration, keep the binding */
	/* robustness (HA-ROB cases) */
	HA_FAULT_WEDGE_ON_MALFORMED,    /* after malformed input, answer nothing more */
	HA_FAULT_REPLY_TO_RUNT,         /* answer 134 to a request shorter than its fixed part */
	HA_FAULT_REQUIRE_MN_HA,         /* require-mn-ha */
	HA_FAULT_NO_HOA_ASSIGN,         /* no-hoa-assign */
	HA_FAULT_ECHO_PMIP_SKIPPABLE,   /* echo-pmip-skippable */
	HA_FAULT_BAD_SENT_AUTH,         /* bad-sent-auth */
	HA_FAULT_PERNODE_ONLY,          /* pernode-only */
	HA_FAULT_ANY_SPI,               /* any-spi */
	HA_FAULT_ACCEPT_UNAUTHENTICATED, /* accept-unauthenticated */
	HA_FAULT_DEREG_UNAUTHENTICATED, /* dereg-unauthenticated */
	HA_FAULT_IDENT_PER_PMA,         /* ident-per-pma */
	HA_FAULT_NO_IDENT_WINDOW,       /* no-ident-window */
	HA_FAULT_RAISE_LIFETIME,        /* raise-lifetime */
	HA_FAULT_NO_EXPIRY,             /* no-expiry */
	HA_FAULT_EARLY_EXPIRY,          /* early-expiry */
	HA_FAULT_DEREG_KEEP_LIFETIME,   /* dereg-keep-lifetime */
	HA_FAULT_DEREG_ANY_COA,         /* dereg-any-coa */
	HA_FAULT_NEW_HOA_ON_HANDOVER,   /* new-hoa-on-handover */
	HA_FAULT_WRONG_HA_ECHO,         /* wrong-ha-echo */
	HA_FAULT_NO_DYNAMIC_HA,         /* no-dynamic-ha */
	HA_FAULT_ACT_ON_UNCOVERED,      /* act-on-uncovered */
	HA_FAULT_ACCEPT_DUPLICATES,     /* accept-duplicates */
	HA_FAULT_NO_149,                /* no-149 */
	HA_FAULT_NO_150,                /* no-150 */
	HA_FAULT_NO_REVSUP_ECHO,        /* no-revsup-echo */
	HA_FAULT_REVOCATION_ALWAYS,     /* revocation-always */
	HA_FAULT_REV_A_CLEAR,           /* rev-a-clear */
	HA_FAULT_REV_SAME_ID,           /* rev-same-id */
	HA_FAULT_REV_FIXED_TIMER,       /* rev-fixed-timer */
	HA_FAULT_IGNORE_REV_ACK,        /* ignore-rev-ack */
	HA_FAULT_ACK_ANY_ID,            /* ack-any-id */
	HA_FAULT_ACCEPT_REV_REPLAY,     /* accept-rev-replay */
	HA_FAULT_ACCEPT_REV_REFLECTION, /* accept-rev-reflection */
	HA_FAULT_REV_ACK_WRONG_ID,      /* rev-ack-wrong-id */
	HA_FAULT_REV_FOREVER,           /* rev-forever */
	HA_FAULT_REV_ANY_PMA,           /* rev-any-pma */
	HA_FAULT_NO_GRE_KEY_DEREG,      /* no-gre-key-dereg */
	HA_FAULT_GRE_KEY_SWAP,          /* gre-key-swap */
	HA_FAULT_GRE_IGNORE_KEY,        /* gre-ignore-key */
	HA_FAULT_NO_REVERSE_TUNNEL,     /* no-reverse-tunnel */
	HA_FAULT_ALWAYS_GRE,            /* always-gre */
	HA_FAULT_NO_OUTER_SRC_CHECK,    /* no-outer-src-check */
	HA_FAULT_REVERSE_NEEDS_T,       /* reverse-needs-t */
	HA_FAULT_SLOPPY_REV_FIELDS,     /* sloppy-rev-fields */
	HA_FAULT_STRICT_RESERVED,       /* strict-reserved */
	HA_FAULT_REV_ID_COUNTER,        /* rev-id-counter */
	HA_FAULT_REV_ID_GLOBAL,         /* rev-id-global */
	HA_FAULT_REPLY_BAD_EXT,         /* reply-bad-ext */
	HA_FAULT_REV_NEW_PMA,           /* rev-new-pma */
	HA_FAULT_IGNORE_REQUESTED_HA,   /* ignore-requested-ha */
	HA_FAULT_ACCEPT_ANY_HOA,        /* accept-any-hoa */
	HA_FAULT_WRONG_IDENT_HIGH,      /* wrong-ident-high */
	HA_FAULT_REJECT_NAI,            /* reject-nai */
	HA_FAULT_GRE_UNCHECKED,         /* gre-unchecked */
	HA_FAULT_REVSUP_WHEN_OFF,       /* revsup-when-off */
	HA_FAULT_NO_RELAY,              /* no-relay */
	HA_FAULT_FWD_DROP,              /* fwd-drop */
	HA_FAULT_COUNT
};

/* ha_config.faults is a struct bitset of them. */
_Static_assert(HA_FAULT_COUNT <= BITSET_MAX, "raise BITSET_MAX (bitset.h)");

/* Their names and help lines, in enum order (faults/ha_fault.c). */
extern const struct bitset_names ha_fault_names;
const char *ha_fault_name(enum ha_fault f);
const char *ha_fault_help(enum ha_fault f);
int ha_fault_parse(const char *name); /* enum value, or -1 */

/* Variants: each is one behaviour the RFCs allow besides the one the reference chose by
 * default (DESIGN.md §4 "Variants").  Every case must pass, or warn / none as its level
 * says, under every variant; each row of variants/ha_variant.c cites the sentence that
 * allows it.  `pmip4ct ha --variant list` prints them. */
enum ha_variant {
	HA_VAR_SILENT_DISCARD,     /* discard where 131/132/134 SHOULD be sent */
	HA_VAR_REJECT_UNKNOWN_SPI, /* 132 for an SPI with no security association */
	HA_VAR_DROP_POORLY_FORMED, /* discard a request whose extensions lie (no 134) */
	HA_VAR_NO_REVOCATION,      /* never revoke the previous PMA on handover */
	HA_VAR_BACKOFF_3,          /* revocation retransmission interval tripled */
	HA_VAR_WINDOW_60,          /* a 60 s Identification window */
	HA_VAR_CLOCK_OFFSET,       /* the HA's clock 5 minutes ahead of the tester's */
	HA_VAR_REDIRECT_143,       /* HA 0.0.0.0 / 255.255.255.255 answered with 143 */
	HA_VAR_EXT_ORDER,          /* another legal extension order in replies */
	HA_VAR_ECHO_147,           /* 147/1-3 echoed in replies */
	HA_VAR_REPLY_65,           /* RFC 5563 §8.1's literal 65 where 129 is meant */
	HA_VAR_COUNT
};

_Static_assert(HA_VAR_COUNT <= BITSET_MAX, "raise BITSET_MAX (bitset.h)");

extern const struct bitset_names ha_variant_names; /* variants/ha_variant.c */

/* Identification policy (DESIGN.md §6.2). */
enum ha_ident_mode {
	HA_IDENT_TIMESTAMP, /* RFC 5944 §5.7.1: strictly newer, within the window */
	HA_IDENT_NONCE,     /* RFC 5944 §5.7.2: the HA's nonce in the high 32 bits */
	HA_IDENT_SEQEXT,    /* draft-leung §8.1 literal: zero or >= accepted, reply max+1 */
};

#define HA_LISTEN_MAX 16
#define HA_SA_MAX 256
#define HA_DISALLOW_MAX 64
#define HA_ADDR_MAX 16

struct pool;

struct ha_config {
	uint32_t addrs[HA_ADDR_MAX];   /* the HA's unicast addresses (RFC 5944 §3.8.3.2) */
	unsigned n_addrs;
	uint32_t home_bcast;           /* subnet-directed broadcast of the home network, 0 = none */
	struct mip_sa sa[HA_SA_MAX];   /* MN-HA (by NAI/any), FA-HA (by peer/any), MN-AAA */
	unsigned n_sa;
	struct pool *pool;             /* home addresses for requests of 0.0.0.0; may be NULL */
	uint16_t max_lifetime;         /* s; requests above are cut to it (§3.8.2.2) */
	bool pmip;                     /* RFC 5563 on; off → 149 */
	uint32_t disallow[HA_DISALLOW_MAX]; /* PMAs refused with 150 */
	unsigned n_disallow;
	bool revocation;               /* RFC 3543 */
	bool revocation_inform;        /* I bit asked for in the HA's revocations */
	uint32_t rev_initial_ms;       /* first retransmission timeout (RFC 3543 §4.2.2.1) */
	bool gre;                      /* GRE and RFC 6245 keys; off → 139 */
	bool reverse_tunnel;           /* RFC 3024 T bit; off → 137 */
	bool require_t;                /* reverse tunnel mandatory → 138 without T */
	bool simultaneous;             /* S bit honoured; off → code 1 */
	unsigned max_simultaneous;     /* care-of addresses per MN, → 135 past it */
	uint32_t redirect_to;          /* RFC 4433: answer 0.0.0.0/255.255.255.255 with 143 */
	bool no_nai;                   /* no RFC 2794: proxy bindings by home address */
	enum ha_ident_mode ident_mode;
	uint32_t ident_window_ms;      /* RFC 5944 §5.7: 7000 by default */
	struct bitset faults;          /* members: enum ha_fault */
	struct bitset variants;        /* members: enum ha_variant */
};

/* Defaults: 7 s window, 1800 s max lifetime, PMIPv4 on, GRE on, revocation on,
 * reverse tunnel on, no simultaneous bindings, 1 s first revocation retransmission. */
void ha_config_defaults(struct ha_config *c);

/* A socket the HA listens and answers on. */
struct ha_listener {
	uint32_t addr; /* its address (0 = any) */
	uint16_t port;
	struct io io;
};

/* Why a request got no reply (counted, and logged). */
enum ha_drop {
	HA_DROP_MALFORMED,      /* not even the fixed part decodes */
	HA_DROP_UNKNOWN_NONSKIP, /* unknown extension 0-127 (RFC 5944 §1.8) */
	HA_DROP_NO_AUTH,        /* no authorization-enabling extension (§3.8.2.1 a) */
	HA_DROP_NO_SA,          /* no security association for it (§3.8.2.1 a, d) */
	HA_DROP_BAD_REVOCATION, /* revocation or ack not valid, unprotected, replayed */
	HA_DROP_NOT_FOR_HA,     /* a message type the HA does not take */
	HA_DROP_DENIED,         /* a denial not answered (variant silent-discard, drop-poorly-formed) */
	HA_DROP_COUNT
};

struct ha_counters {
	uint64_t rx[256];          /* by message type */
	uint64_t tx[256];
	uint64_t code[256];        /* replies sent, by code */
	uint64_t drop[HA_DROP_COUNT];
	uint64_t auth_fail;        /* 131 and 132 */
	uint64_t revocations, rev_retransmits, rev_acked, rev_abandoned;
	uint64_t expired;
	uint64_t unexpected;       /* events no state accepts */
	uint64_t log_suppressed;   /* log lines over the rate limit (loglimit.h) */
};

enum ha_log_level { HA_LOG_DEBUG, HA_LOG_INFO, HA_LOG_WARN };
typedef void (*ha_log_fn)(void *arg, enum ha_log_level level, const char *msg);

struct ha;

/* Create an HA: it takes the pool in cfg over (destroyed with the HA).  NULL on
 * allocation failure. */
struct ha *ha_create(const struct ha_config *cfg, const struct clk *clk);
void ha_destroy(struct ha *ha); /* NULL is a no-op */

/* Sockets, in the order of their index; up to HA_LISTEN_MAX.  -1 when full. */
int ha_add_listener(struct ha *ha, const struct ha_listener *l);
void ha_set_log(struct ha *ha, ha_log_fn fn, void *arg, enum ha_log_level min);

/* One datagram received on listener `li`. */
void ha_input(struct ha *ha, unsigned li, const struct udp_ends *ends, const uint8_t *buf,
	      size_t len);

/* Timers: the earliest deadline (ns on the HA's clock, UINT64_MAX for none), and run
 * everything due by now. */
uint64_t ha_next_due(const struct ha *ha);
void ha_tick(struct ha *ha);

/* RFC 3543 §4.2.2.1: the HA's own decision to end the binding of home address hoa (an
 * operator's, a load generator's): the binding is deleted and a Revocation (A = 1, FA-HA)
 * sent to its PMA, retransmitted until an authenticated Acknowledgment arrives
 * (counters rev_acked) or the binding's lifetime would have ended.  0, or -1 when no
 * binding holds hoa, revocation support was not negotiated for it (§4.2.1) or the HA has
 * revocation off. */
int ha_revoke_binding(struct ha *ha, uint32_t hoa);

const struct ha_counters *ha_counters(const struct ha *ha);
const struct ha_config *ha_config(const struct ha *ha);
bool ha_has_fault(const struct ha *ha, enum ha_fault f); /* for ha_fwd.c and tests */
bool ha_has_variant(const struct ha *ha, enum ha_variant v);
const struct bnd_table *ha_bindings(const struct ha *ha);
unsigned ha_pending_revocations(const struct ha *ha);

/* The HA's view of its clock as an NTP timestamp (for tests and show commands). */
uint64_t ha_now_ntp(const struct ha *ha);

#endif
