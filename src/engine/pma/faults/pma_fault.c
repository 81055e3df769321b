/* pma_fault.c — the names of the PMA's deliberate faults (DESIGN.md §4): each breaks one
 * behaviour of RFC 5563 §4, §7, §8.1, RFC 3543 §3-§4.2 or RFC 5944 §5.7 so that every
 * conformance case aimed at a PMA can be shown to matter.  One row per enum pma_fault, in
 * the table shape both agents share (bitset.h); `--fault list` and the kill matrix print
 * them in this order.  What each fault does is in the other files here. */
#include "pma_priv.h"

static const struct bitset_name faults[PMA_FAULT_COUNT] = {
	[PMA_FAULT_D_BIT_SET] = { "d-bit-set", "requests carry D = 1 (RFC 5563 §7 says 0)" },
	[PMA_FAULT_NO_REREGISTRATION] = { "no-reregistration",
					  "never renew before the lifetime ends (RFC 5563 §4.4)" },
	[PMA_FAULT_RETRY_AFTER_149] = { "retry-after-149",
					"keep retrying an HA that said 149 or 150 (§8.1)" },
	[PMA_FAULT_NO_REVOCATION_ACK] = { "no-revocation-ack",
					  "on a revocation send no ack (RFC 3543 §3.4)" },
	[PMA_FAULT_WRONG_DEVICE_ID] = { "wrong-device-id",
			"147/2 and 147/3 name another device (RFC 5563 §5.3, §5.4)" },
	[PMA_FAULT_NO_NAI] = { "no-nai", "requests without the NAI extension (RFC 5563 §7)" },
	[PMA_FAULT_STALE_IDENT] = { "stale-ident",
				    "reuse the previous Identification (RFC 5944 §5.7)" },
	[PMA_FAULT_NO_PERNODE_EXT] = { "no-pernode-ext",
			"per-node requests without 47/1 (RFC 5563 §5.1)" },
	[PMA_FAULT_BAD_REQUEST_AUTH] = { "bad-request-auth",
			"the FA-HA authenticator of requests is wrong (RFC 5563 §4.3)" },
	[PMA_FAULT_AUTH_NOT_LAST] = { "auth-not-last",
			"an extension follows the FA-HA (RFC 5944 §3.6.1.3)" },
	[PMA_FAULT_WRONG_COA] = { "wrong-coa",
			"Care-of Address 0.0.0.0, not the PMA's (RFC 5563 §7)" },
	[PMA_FAULT_FIRST_HOA_NOT_ZERO] = { "first-hoa-not-zero",
			"the initial request asks for the PMA's address (§4.1.1)" },
	[PMA_FAULT_HA_FIELD_ZERO] = { "ha-field-zero",
			"Home Agent field 0.0.0.0 though the HA is known (§4.1.1)" },
	[PMA_FAULT_INFINITE_LIFETIME] = { "infinite-lifetime",
			"requests ask for an infinite lifetime (RFC 5944 §3.6.1.1)" },
	[PMA_FAULT_NO_T_BIT] = { "no-t-bit",
			"T = 0 although the tunnel is bidirectional (RFC 5563 §4.2)" },
	[PMA_FAULT_NO_REVOCATION_EXT] = { "no-revocation-ext",
			"no 137 although revocation is on (RFC 3543 §3.2)" },
	[PMA_FAULT_NO_GRE_KEY] = { "no-gre-key",
			"no 48 although GRE is on (RFC 6245 §3.1)" },
	[PMA_FAULT_EXT_ORDER] = { "ext-order",
			"the GRE Key (48) after FA-HA (RFC 6245 §3.1)" },
	[PMA_FAULT_NO_INTERFACE_ID] = { "no-interface-id",
			"no 147/1 although configured (RFC 5563 §5.2)" },
	[PMA_FAULT_NO_ACCESS_TECH] = { "no-access-tech",
			"no 147/4 although configured (RFC 5563 §5.5)" },
	[PMA_FAULT_RENEW_REQUESTED_LIFE] = { "renew-on-requested-lifetime",
			"renewal timed on the requested lifetime, not the granted one (§4.4)" },
	[PMA_FAULT_FORGET_HOA] = { "forget-hoa",
			"renewals and deregistrations carry HoA 0.0.0.0 (§4.1.2, §4.1.4)" },
	[PMA_FAULT_NO_BACKOFF] = { "no-backoff",
			"retransmissions at a constant interval (RFC 5944 §3.6.3)" },
	[PMA_FAULT_FAST_RETRANSMIT] = { "fast-retransmit",
			"first retransmission after 250 ms (RFC 5944 §3.6.3)" },
	[PMA_FAULT_IGNORE_133_TIME] = { "ignore-133-time",
			"after a 133 retry on the own clock (RFC 5563 §4.4)" },
	[PMA_FAULT_DEAF_AFTER_MALFORMED] = { "deaf-after-malformed",
			"after one bad datagram ignore all input" },
	[PMA_FAULT_ACCEPT_BAD_AUTH_REPLY] = { "accept-bad-auth-reply",
			"accept replies with a wrong authenticator (RFC 5944 §3.6.2.1)" },
	[PMA_FAULT_ACCEPT_WRONG_IDENT] = { "accept-wrong-ident",
			"a reply matching no request answers a pending one (§3.6.2.1)" },
	[PMA_FAULT_ACCEPT_UNKNOWN_EXT] = { "accept-unknown-ext",
			"skip unknown extensions 0-127 (RFC 5944 §1.8)" },
	[PMA_FAULT_IGNORE_REPLY_NAI] = { "ignore-reply-nai",
			"accept a reply naming another device's NAI (RFC 2794 §2)" },
	[PMA_FAULT_ACCEPT_BAD_AUTH_REV] = { "accept-bad-auth-revocation",
			"accept revocations without a valid FA-HA (RFC 3543 §6.2)" },
	[PMA_FAULT_ACCEPT_REPLAYED_REV] = { "accept-replayed-revid",
			"accept a Revocation Identifier seen before (RFC 3543 §3.5)" },
	[PMA_FAULT_REVACK_WRONG_ID] = { "revack-wrong-id",
			"the ack carries another Revocation Identifier (RFC 3543 §3.4)" },
	[PMA_FAULT_REVACK_WRONG_HOA] = { "revack-wrong-hoa",
			"the ack carries HoA 0.0.0.0 (RFC 3543 §3.4)" },
	[PMA_FAULT_REVACK_NO_AUTH] = { "revack-no-auth",
			"the ack has no FA-HA (RFC 3543 §3.4, §6.2)" },
	[PMA_FAULT_KEEP_STATE_AFTER_REV] = { "keep-state-after-revocation",
			"ack a revocation but keep the binding (RFC 3543 §4.2.3)" },
	[PMA_FAULT_OFFER_BEFORE_REG] = { "offer-before-registration",
			"DHCPOFFER from a local pool before the reply (RFC 5563 §4.1.1)" },
	[PMA_FAULT_OFFER_WRONG_ADDR] = { "offer-wrong-address",
			"DHCPOFFER yiaddr in the wrong byte order (§4.1.1 step 5)" },
	[PMA_FAULT_NO_ARP_REPLY] = { "no-arp-reply",
			"ARP for the gateway unanswered (RFC 5563 §6.1)" },
	[PMA_FAULT_ARP_ANSWER_OWN] = { "arp-answer-own",
			"answer ARP probes for the device's own address (§6.1)" },
	[PMA_FAULT_NO_ECHO_REPLY] = { "no-echo-reply",
			"echo requests to the gateway unanswered (RFC 5563 §6.2)" },
	[PMA_FAULT_TUNNEL_WRONG_SOURCE] = { "tunnel-wrong-source",
			"outer source is the device's HoA (RFC 5563 §4.2.1)" },
	[PMA_FAULT_GRE_OWN_KEY] = { "gre-own-key",
			"uplink GRE with the PMA's key, not the HA's (RFC 6245 §5)" },
	[PMA_FAULT_GRE_WITHOUT_KEY] = { "gre-without-key",
			"GRE without a key when the HA sent no 48 (RFC 6245 §4.1)" },
	[PMA_FAULT_DROP_DOWNLINK] = { "drop-downlink",
			"downlink accepted only with the HA's key (RFC 6245 §5)" },
	[PMA_FAULT_IGNORE_GRE_KEY] = { "ignore-gre-key",
			"downlink accepted with any GRE key (RFC 6245 §5)" },
	[PMA_FAULT_LOCAL_SWITCH] = { "local-switch",
			"device-to-device packets switched locally (RFC 5563 §4.2.3)" },
	[PMA_FAULT_REV_WITHOUT_137] = { "rev-without-137",
			"revoke on detach though the reply had no 137 (RFC 3543 §4.2.1)" },
	[PMA_FAULT_REV_WRONG_DST] = { "rev-wrong-dst",
			"the Revocation goes to the home address, not the HA (RFC 3543 §3.3)" },
	[PMA_FAULT_REV_A_BIT_SET] = { "rev-a-bit-set",
			"the PMA's Revocation has A = 1 (RFC 3543 §4.2.3.1)" },
	[PMA_FAULT_REV_I_BIT_WRONG] = { "rev-i-bit-wrong",
			"the Revocation's I bit is not the negotiated one (RFC 3543 §4.2.3.1)" },
	[PMA_FAULT_REV_STALE_IDENT] = { "rev-stale-ident",
			"Revocation Identifiers count from 1, older than the 137 (RFC 3543 §3.5)" },
	[PMA_FAULT_REV_BAD_AUTH] = { "rev-bad-auth",
			"the Revocation's FA-HA authenticator is wrong (RFC 3543 §3.3)" },
	[PMA_FAULT_REV_NO_RETRANSMIT] = { "rev-no-retransmit",
			"an unacknowledged Revocation is sent once only (RFC 3543 §4.2.3.1)" },
	[PMA_FAULT_REV_SAME_IDENT] = { "rev-same-ident-retransmit",
			"Revocation retransmissions reuse the Identifier (RFC 3543 §4.2.3.1)" },
	[PMA_FAULT_REV_FIXED_TIMER] = { "rev-fixed-timer",
			"Revocations every 250 ms, no backoff (RFC 3543 §4.2.3.1)" },
	[PMA_FAULT_REV_BEYOND_LIFETIME] = { "rev-beyond-lifetime",
			"Revocations go on after the binding's lifetime (RFC 3543 §4.2.3.1)" },
	[PMA_FAULT_ACCEPT_REV_REFLECTION] = { "accept-rev-reflection",
			"act on a revocation with A = 0 (RFC 3543 §3.5, §4.2.2.2)" },
	[PMA_FAULT_ACCEPT_REV_BEFORE_REG] = { "accept-rev-before-registration",
			"act on a Revocation older than the HA's 137 (RFC 3543 §4.2.2.2)" },
	[PMA_FAULT_REV_MATCH_HOA_ONLY] = { "rev-match-hoa-only",
			"a revocation naming another CoA or HA revokes (RFC 3543 §4.2.2.2)" },
	[PMA_FAULT_REVACK_COPY_I] = { "revack-copy-i",
			"the ack copies the revocation's I bit (RFC 3543 §4.2.2.2)" },
	[PMA_FAULT_NO_ATTACH_CHECK] = { "no-attach-check",
			"detaches ignored, renewals without checking the device (RFC 5563 §4.4)" },
	[PMA_FAULT_AGENT_ADVERTISE] = { "agent-advertise",
			"an Agent Advertisement on the access link (RFC 5563 §7)" },
};

const struct bitset_names pma_fault_names = { faults, PMA_FAULT_COUNT };

bool pma_has_fault(const struct pma *p, enum pma_fault f)
{
	return pma_fault(p, f);
}

const char *pma_fault_name(enum pma_fault f)
{
	return bitset_name(&pma_fault_names, f);
}

const char *pma_fault_help(enum pma_fault f)
{
	return bitset_help(&pma_fault_names, f);
}

int pma_fault_parse(const char *name)
{
	return bitset_lookup(&pma_fault_names, name);
}
