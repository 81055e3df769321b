/* pma.h — the reference Proxy Mobility Agent's signalling (RFC 5563 §4.1, §4.4, §4.6,
 * §7; RFC 5944 §3.6 for the requester side; RFC 3543 for revocation; RFC 6245 for GRE
 * keys): one session per mobile device, keyed by MAC and NAI, driven by one state
 * machine table.
 *
 * Like the HA it is an engine object: no socket, no clock of its own.  It sends through
 * an io.h ops table, is fed datagrams with pma_input(), and its timers (retransmission,
 * renewal, lifetime) run from pma_tick() at pma_next_due().  The access link (DHCP,
 * ARP, ICMP) and the tunnels are separate modules that call pma_attach()/pma_detach()
 * and learn results through the callbacks.
 */
#ifndef PMIP4CT_PMA_H
#define PMIP4CT_PMA_H

#include <stdbool.h>
#include <stdint.h>

#include "auth.h"
#include "bitset.h"
#include "clock.h"
#include "io.h"

/* Faults: each breaks one behaviour on purpose (DESIGN.md §4). */
enum pma_fault {
	PMA_FAULT_D_BIT_SET,          /* requests carry D = 1 (RFC 5563 §7 says 0) */
	PMA_FAULT_NO_REREGISTRATION,  /* never renew before the lifetime ends */
	PMA_FAULT_RETRY_AFTER_149,    /* keep retrying an HA that said 149 or 150 */
	PMA_FAULT_NO_REVOCATION_ACK,  /* drop the state on a revocation, send no ack */
	PMA_FAULT_WRONG_DEVICE_ID,    /* 147/2 carries another device's MAC */
	PMA_FAULT_NO_NAI,             /* requests without the NAI extension */
	PMA_FAULT_STALE_IDENT,        /* reuse the previous Identification */
	PMA_FAULT_NO_PERNODE_EXT,     /* per-node requests without 47/1 */
	PMA_FAULT_BAD_REQUEST_AUTH,   /* the FA-HA authenticator of requests is wrong */
	PMA_FAULT_AUTH_NOT_LAST,      /* an extension follows the FA-HA authenticator */
	PMA_FAULT_WRONG_COA,          /* Care-of Address 0.0.0.0 instead of the PMA's */
	PMA_FAULT_FIRST_HOA_NOT_ZERO, /* the initial request asks for the PMA's own address */
	PMA_FAULT_HA_FIELD_ZERO,      /* Home Agent field 0.0.0.0 though the HA is known */
	PMA_FAULT_INFINITE_LIFETIME,  /* requests ask for an infinite lifetime */
	PMA_FAULT_NO_T_BIT,           /* T = 0 although the tunnel is bidirectional */
	PMA_FAULT_NO_REVOCATION_EXT,  /* no 137 although revocation is on */
	PMA_FAULT_NO_GRE_KEY,         /* no 48 although GRE is on */
	PMA_FAULT_EXT_ORDER,          /* 47/1 before the NAI and the 147s */
	PMA_FAULT_NO_INTERFACE_ID,    /* no 147/1 although configured */
	PMA_FAULT_NO_ACCESS_TECH,     /* no 147/4 although configured */
	PMA_FAULT_RENEW_REQUESTED_LIFE, /* renewal timed on the requested lifetime */
	PMA_FAULT_FORGET_HOA,         /* renewals and deregistrations carry HoA 0.0.0.0 */
	PMA_FAULT_NO_BACKOFF,         /* retransmit at a constant interval */
	PMA_FAULT_FAST_RETRANSMIT,    /* first retransmission after 250 ms */
	PMA_FAULT_IGNORE_133_TIME,    /* after a 133 retry on the own clock */
	PMA_FAULT_DEAF_AFTER_MALFORMED, /* after one bad datagram, ignore all input */
	PMA_FAULT_ACCEPT_BAD_AUTH_REPLY, /* accept replies whose authenticator is wrong */
	PMA_FAULT_ACCEPT_WRONG_IDENT, /* a reply matching no request answers any pending one */
	PMA_FAULT_ACCEPT_UNKNOWN_EXT, /* skip unknown non-skippable extensions */
	PMA_FAULT_IGNORE_REPLY_NAI,   /* accept a reply whose NAI is another device's */
	PMA_FAULT_ACCEPT_BAD_AUTH_REV, /* accept revocations without a valid FA-HA */
	PMA_FAULT_ACCEPT_REPLAYED_REV, /* accept a Revocation Identifier seen before */
	PMA_FAULT_REVACK_WRONG_ID,    /* the ack carries another Revocation Identifier */
	PMA_FAULT_REVACK_WRONG_HOA,   /* the ack carries HoA 0.0.0.0 */
	PMA_FAULT_REVACK_NO_AUTH,     /* the ack has no FA-HA authenticator */
	PMA_FAULT_KEEP_STATE_AFTER_REV, /* ack a revocation but keep the binding */
	PMA_FAULT_OFFER_BEFORE_REG,   /* DHCPOFFER from a local pool before the reply */
	PMA_FAULT_OFFER_WRONG_ADDR,   /* yiaddr in the wrong byte order */
	PMA_FAULT_NO_ARP_REPLY,       /* ARP for the gateway unanswered */
	PMA_FAULT_ARP_ANSWER_OWN,     /* answer ARP probes for the device's own address */
	PMA_FAULT_NO_ECHO_REPLY,      /* echo requests to the gateway unanswered */
	PMA_FAULT_TUNNEL_WRONG_SOURCE, /* outer source = the device's HoA */
	PMA_FAULT_GRE_OWN_KEY,        /* uplink GRE with the PMA's key, not the HA's */
	PMA_FAULT_GRE_WITHOUT_KEY,    /* GRE without a key when the HA sent no 48 */
	PMA_FAULT_DROP_DOWNLINK,      /* downlink accepted only with the HA's key */
	PMA_FAULT_IGNORE_GRE_KEY,     /* downlink accepted with any GRE key */
	PMA_FAULT_LOCAL_SWITCH,       /* device-to-device packets switched locally */
	/* the PMA's own revocations (RFC 3543 §4.2.3.1) */
	PMA_FAULT_REV_WITHOUT_137,    /* revoke though the HA's reply had no 137 */
	PMA_FAULT_REV_WRONG_DST,      /* the Revocation goes to the home address, not the HA */
	PMA_FAULT_REV_A_BIT_SET,      /* the Revocation has A = 1 */
	PMA_FAULT_REV_I_BIT_WRONG,    /* its I bit is the opposite of what was negotiated */
	PMA_FAULT_REV_STALE_IDENT,    /* its Identifier is a counter from 1, not a timestamp */
	PMA_FAULT_REV_BAD_AUTH,       /* its FA-HA authenticator is wrong */
	PMA_FAULT_REV_NO_RETRANSMIT,  /* an unacknowledged Revocation is sent once only */
	PMA_FAULT_REV_SAME_IDENT,     /* retransmissions reuse the Identifier */
	PMA_FAULT_REV_FIXED_TIMER,    /* retransmit every 250 ms, no backoff */
	PMA_FAULT_REV_BEYOND_LIFETIME, /* retransmit after the binding's lifetime ended */
	/* revocations from the HA (RFC 3543 §4.2.2.2) */
	PMA_FAULT_ACCEPT_REV_REFLECTION, /* act on a revocation with A = 0 */
	PMA_FAULT_ACCEPT_REV_BEFORE_REG, /* act on an Identifier older than the HA's 137 */
	PMA_FAULT_REV_MATCH_HOA_ONLY, /* ignore the revocation's CoA and HA addresses */
	PMA_FAULT_REVACK_COPY_I,      /* the ack copies the revocation's I bit */
	/* the device (RFC 5563 §4.4, §7) */
	PMA_FAULT_NO_ATTACH_CHECK,    /* detaches ignored; renew without checking the device */
	PMA_FAULT_AGENT_ADVERTISE,    /* an Agent Advertisement on the access link */
	PMA_FAULT_COUNT
};

/* pma_config.faults is a struct bitset of them. */
_Static_assert(PMA_FAULT_COUNT <= BITSET_MAX, "raise BITSET_MAX (bitset.h)");

/* Their names and help lines, in enum order (faults/pma_fault.c). */
extern const struct bitset_names pma_fault_names;
const char *pma_fault_name(enum pma_fault f);
const char *pma_fault_help(enum pma_fault f);
int pma_fault_parse(const char *name); /* enum value, or -1 */

/* Variants: behaviours the RFCs allow besides the reference's default (DESIGN.md §4);
 * each row of variants/pma_variant.c cites the sentence that allows it. */
enum pma_variant {
	PMA_VAR_BACKOFF_3,        /* retransmission interval tripled, not doubled */
	PMA_VAR_NO_RETRANSMIT,    /* a request unanswered is not retransmitted */
	PMA_VAR_LAPSE_ON_DETACH,  /* no deregistration on detach: the binding lapses */
	PMA_VAR_IMSI_TBCD,        /* 147/3 carries the IMSI in TBCD, not ASCII digits */
	PMA_VAR_EXT_ORDER,        /* another legal extension order in requests */
	PMA_VAR_COUNT
};

_Static_assert(PMA_VAR_COUNT <= BITSET_MAX, "raise BITSET_MAX (bitset.h)");

extern const struct bitset_names pma_variant_names; /* variants/pma_variant.c */

struct pma;
/* Whether p runs with fault f (for the access link and data plane). */
bool pma_has_fault(const struct pma *p, enum pma_fault f);
bool pma_has_variant(const struct pma *p, enum pma_variant v);

/* Session states (the rows of the FSM table in pma_fsm.c). */
enum pma_state {
	PMA_S_IDLE,          /* no registration */
	PMA_S_REGISTERING,   /* initial request sent, waiting for the reply */
	PMA_S_REGISTERED,    /* accepted; renewal timer armed */
	PMA_S_RENEWING,      /* renewal sent, waiting; the binding still holds */
	PMA_S_DEREGISTERING, /* lifetime 0 sent, waiting */
	PMA_S_REFUSED,       /* 149/150 from this HA: no retry (RFC 5563 §8.1) */
	PMA_S_REVOKING,      /* the device left: our Revocation sent, waiting for the Ack
			      * (RFC 3543 §4.2.3.1) */
	PMA_S_COUNT
};

/* Events (the columns). */
enum pma_event {
	PMA_E_ATTACH,      /* device attached (DHCPDISCOVER or an explicit attach) */
	PMA_E_ACCEPTED,    /* reply code 0 or 1 */
	PMA_E_IDENT,       /* reply 133: resynchronise the clock and retry (RFC 5563 §4.4) */
	PMA_E_REDIRECT,    /* reply 143 with 139/2: retry at the named HA (RFC 4433) */
	PMA_E_DENIED,      /* any other denial */
	PMA_E_REFUSED,     /* 149 or 150 */
	PMA_E_TIMEOUT,     /* no reply in time: retransmit with backoff (RFC 5944 §3.6.3) */
	PMA_E_RENEW,       /* the renewal point of the granted lifetime */
	PMA_E_EXPIRED,     /* the granted lifetime ended */
	PMA_E_DETACH,      /* device gone: DHCP release, lease expiry, link down, detach */
	PMA_E_REVOKED,     /* a valid revocation from the HA (RFC 3543 §4.2.3) */
	PMA_E_REV_ACKED,   /* a valid Ack to our own Revocation (RFC 3543 §3.4, §3.5) */
	PMA_E_COUNT
};

const char *pma_state_name(enum pma_state s);
const char *pma_event_name(enum pma_event e);

struct pma_config {
	uint32_t addr;            /* the PMA: source and Care-of Address (RFC 5563 §7) */
	uint16_t port;            /* source port of requests (434 by default) */
	uint32_t ha;              /* the HA; 0.0.0.0 or 255.255.255.255 = discovery (§4.6) */
	uint16_t ha_port;         /* 434 */
	uint32_t ha_dst;          /* where requests go while ha is 0.0.0.0/255.255.255.255:
				   * a unicast HA (RFC 4433 §5.3); 0 = 255.255.255.255 */
	struct mip_sa sa;         /* per-node FA-HA (kind fa-ha), or the MN-HA template */
	bool per_mn;              /* MN-HA per device (the device's key from pma_device) */
	uint16_t lifetime;        /* requested, s (default 1800) */
	unsigned renew_pct;       /* renew at this percentage of the granted lifetime (75) */
	uint32_t retrans_ms;      /* first retransmission timeout, >= 1000 (RFC 5944 §3.6.3) */
	unsigned max_tries;       /* transmissions before giving up (6) */
	bool reverse_tunnel;      /* T bit */
	bool gre;                 /* send 48 with the PMA-assigned key (RFC 6245 §3.1) */
	bool revocation;          /* send 137 (RFC 3543 §3.2) */
	bool revocation_i;        /* ... with I = 1 */
	bool revoke_on_detach;    /* a detach revokes the binding (RFC 3543 §4.2.3.1) when
				   * revocation was negotiated, instead of deregistering */
	uint8_t acctech;          /* 147/4 Tech-Type, 0 = none */
	bool send_devid, send_ifid, send_subid; /* 147/2 (MAC), 147/1, 147/3 (IMSI) */
	struct bitset faults;     /* members: enum pma_fault */
	struct bitset variants;   /* members: enum pma_variant */
};

void pma_config_defaults(struct pma_config *c);

/* A mobile device as the access link knows it. */
struct pma_device {
	uint8_t mac[6];
	char nai[128];
	char ifid[32];            /* access interface name, for 147/1 */
	char imsi[16];            /* digits, for 147/3 */
	uint8_t mn_key[AUTH_KEY_MAX]; /* per-MN SA key (per_mn), SPI from the config's sa */
	size_t mn_key_len;
	uint32_t ha;              /* its own HA (no discovery); 0 = the config's ha */
};

/* What a session looks like from outside. */
struct pma_session_info {
	enum pma_state state;
	uint32_t hoa;             /* assigned home address (0 until accepted) */
	uint32_t ha;              /* the HA it is registered with (after discovery) */
	uint16_t lifetime;        /* granted */
	uint64_t expires;         /* ns on the PMA's clock */
	uint32_t gre_pma, gre_ha; /* keys: the PMA's (sent) and the HA's (received) */
	bool rev;                 /* revocation negotiated */
	unsigned tries;           /* transmissions of the pending request */
	uint8_t last_code;        /* code of the last reply */
};

/* Callbacks to the access link and the data plane; any may be NULL. */
struct pma_hooks {
	void (*registered)(void *arg, const uint8_t mac[6], const struct pma_session_info *s);
	void (*lost)(void *arg, const uint8_t mac[6], enum pma_event why);
	/* RFC 5563 §4.4: an integrated PMA MUST confirm the device is still attached before
	 * renewing.  false → the session is deregistered instead of renewed. */
	bool (*still_attached)(void *arg, const uint8_t mac[6]);
	void *arg;
};

struct pma_counters {
	uint64_t tx[256], rx[256];  /* by message type */
	uint64_t code[256];         /* replies received, by code */
	uint64_t retransmits, resyncs, refused, revoked, expired, dropped;
	uint64_t rev_retransmits, rev_acked, rev_abandoned; /* our own Revocations */
	uint64_t unexpected;        /* events no state accepts (logged, never fatal) */
	uint64_t log_suppressed;    /* discard lines over the rate limit (loglimit.h) */
};

typedef void (*pma_log_fn)(void *arg, const char *msg);

struct pma;

struct pma *pma_create(const struct pma_config *cfg, const struct clk *clk, struct io io);
void pma_destroy(struct pma *p); /* NULL is a no-op */
void pma_set_hooks(struct pma *p, const struct pma_hooks *h);
void pma_set_log(struct pma *p, pma_log_fn fn, void *arg); /* every FSM transition, by name */

int pma_attach(struct pma *p, const struct pma_device *dev); /* -1 when out of memory */
void pma_detach(struct pma *p, const uint8_t mac[6]);

/* A datagram for the PMA (replies, revocations) from ends->src. */
void pma_input(struct pma *p, const struct udp_ends *ends, const uint8_t *buf, size_t len);

uint64_t pma_next_due(const struct pma *p);
void pma_tick(struct pma *p);

/* The session of a device: 0, or -1 when the PMA has none. */
int pma_session(const struct pma *p, const uint8_t mac[6], struct pma_session_info *out);
unsigned pma_session_count(const struct pma *p);
const struct pma_counters *pma_counters(const struct pma *p);

#endif
