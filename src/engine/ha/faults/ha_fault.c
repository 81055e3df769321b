/* ha_fault.c — the names of the HA's deliberate faults (DESIGN.md §4): each breaks one
 * behaviour so that every conformance case can be shown to fail.  One row per enum
 * ha_fault, in the table shape both agents share (bitset.h); `--fault list` and the kill
 * matrix print them in this order.  What each fault does is in the other files here. */
#include "ha_priv.h"

static const struct bitset_name faults[HA_FAULT_COUNT] = {
	[HA_FAULT_ACCEPT_BAD_AUTH] = { "accept-bad-auth",
				       "accept invalid authenticators (RFC 5944 §3.8.2.1 a, c)" },
	[HA_FAULT_ACCEPT_REPLAY] = { "accept-replay",
				     "accept an Identification not newer than the last (§5.7)" },
	[HA_FAULT_IGNORE_UNKNOWN_NONSKIP] = { "ignore-unknown-nonskippable",
					      "process requests with unknown types 0-127 (§1.8)" },
	[HA_FAULT_REJECT_UNKNOWN_SKIP] = { "reject-unknown-skippable",
					   "reject unknown types 128-255 with 134 (§1.8)" },
	[HA_FAULT_NO_LIFETIME_CAP] = { "no-lifetime-cap",
				       "grant any requested lifetime (§3.8.2.2)" },
	[HA_FAULT_NO_NAI_ECHO] = { "no-nai-echo", "leave the NAI out of replies (RFC 2794 §3)" },
	[HA_FAULT_WRONG_IDENT_COPY] = { "wrong-ident-copy",
					"change the low 32 bits of the reply's Identification" },
	[HA_FAULT_NO_REVOCATION_RETRANSMIT] = { "no-revocation-retransmit",
						"send each revocation once (RFC 3543 §4.2.2.1)" },
	[HA_FAULT_NO_PERNODE_ECHO] = { "no-pernode-echo",
				       "leave 47/1 out of replies (RFC 5563 §5.1)" },
	[HA_FAULT_STALE_133_ECHO] = { "stale-133-echo",
				      "133 copies the request's Identification (§5.7.1)" },
	[HA_FAULT_ACCEPT_WRONG_HA] = { "accept-wrong-ha",
				       "accept a Home Agent field not ours (§3.8.3.2)" },
	[HA_FAULT_NO_GRE_KEY] = { "no-gre-key", "leave extension 48 out of replies (RFC 6245)" },
	[HA_FAULT_NO_DEREG] = { "no-dereg", "acknowledge deregistrations, keep the binding" },
	[HA_FAULT_WEDGE_ON_MALFORMED] = { "wedge-on-malformed",
					  "after a malformed datagram, answer nothing more" },
	[HA_FAULT_REPLY_TO_RUNT] = { "reply-to-runt",
				     "answer 134 to a request shorter than 24 bytes (§3.8.2.1)" },
	[HA_FAULT_REQUIRE_MN_HA] = { "require-mn-ha",
		"reject per-node-only requests with 131 (RFC 5563 §8 item 2)" },
	[HA_FAULT_NO_HOA_ASSIGN] = { "no-hoa-assign",
		"accept 0.0.0.0 and reply HoA 0.0.0.0 (RFC 2794 §3)" },
	[HA_FAULT_ECHO_PMIP_SKIPPABLE] = { "echo-pmip-skippable",
		"echo the 147 extensions in replies (RFC 5563 §5.5)" },
	[HA_FAULT_BAD_SENT_AUTH] = { "bad-sent-auth",
		"send replies, revocations and acks with wrong authenticators" },
	[HA_FAULT_PERNODE_ONLY] = { "pernode-only",
		"discard MN-HA-authorized proxy requests (RFC 5563 §4.3)" },
	[HA_FAULT_ANY_SPI] = { "any-spi",
		"verify an FA-HA with the sender's SA whatever its SPI (§3.8.2.1 a: no SA for "
		"the SPI, discard)" },
	[HA_FAULT_ACCEPT_UNAUTHENTICATED] = { "accept-unauthenticated",
		"process requests with no authorization-enabling extension" },
	[HA_FAULT_DEREG_UNAUTHENTICATED] = { "dereg-unauthenticated",
		"skip per-node FA-HA checks on deregistration (DESIGN.md §6.6)" },
	[HA_FAULT_IDENT_PER_PMA] = { "ident-per-pma",
		"keep the last Identification per PMA, not per NAI (RFC 5563 §8.1)" },
	[HA_FAULT_NO_IDENT_WINDOW] = { "no-ident-window",
		"do not check timestamps against the HA's clock (§5.7.1)" },
	[HA_FAULT_RAISE_LIFETIME] = { "raise-lifetime",
		"grant the maximum lifetime whatever was asked (§3.8.2.2)" },
	[HA_FAULT_NO_EXPIRY] = { "no-expiry",
		"bindings never expire (RFC 5944 §3.8)" },
	[HA_FAULT_EARLY_EXPIRY] = { "early-expiry",
		"bindings expire at half their granted lifetime" },
	[HA_FAULT_DEREG_KEEP_LIFETIME] = { "dereg-keep-lifetime",
		"deregistration replies carry the old lifetime" },
	[HA_FAULT_DEREG_ANY_COA] = { "dereg-any-coa",
		"a deregistration from any care-of address removes the binding" },
	[HA_FAULT_NEW_HOA_ON_HANDOVER] = { "new-hoa-on-handover",
		"assign a new home address on a handover (RFC 5563 §4.1)" },
	[HA_FAULT_WRONG_HA_ECHO] = { "wrong-ha-echo",
		"136 replies copy the request's Home Agent field (§3.8.3.2)" },
	[HA_FAULT_NO_DYNAMIC_HA] = { "no-dynamic-ha",
		"answer HA 0.0.0.0 / 255.255.255.255 with 136 (RFC 4433 §5.3)" },
	[HA_FAULT_ACT_ON_UNCOVERED] = { "act-on-uncovered",
		"act on extensions after the authenticator (§3.5.2)" },
	[HA_FAULT_ACCEPT_DUPLICATES] = { "accept-duplicates",
		"accept duplicated NAI, 47 and FA-HA extensions" },
	[HA_FAULT_NO_149] = { "no-149",
		"an HA with PMIPv4 off answers 129, not 149 (RFC 5563 §8.1)" },
	[HA_FAULT_NO_150] = { "no-150",
		"accept proxy registrations from disallowed PMAs (RFC 5563 §8.1)" },
	[HA_FAULT_NO_REVSUP_ECHO] = { "no-revsup-echo",
		"leave 137 out of replies (RFC 3543 §3.2)" },
	[HA_FAULT_REVOCATION_ALWAYS] = { "revocation-always",
		"treat revocation as negotiated without 137 (RFC 3543 §3.2)" },
	[HA_FAULT_REV_A_CLEAR] = { "rev-a-clear",
		"send revocations with A = 0 (RFC 3543 §3.3)" },
	[HA_FAULT_REV_SAME_ID] = { "rev-same-id",
		"retransmit revocations with the same identifier (§4.2.2.1)" },
	[HA_FAULT_REV_FIXED_TIMER] = { "rev-fixed-timer",
		"retransmit revocations every 250 ms, no backoff (§3.3)" },
	[HA_FAULT_IGNORE_REV_ACK] = { "ignore-rev-ack",
		"ignore revocation acknowledgments (RFC 3543 §3.4)" },
	[HA_FAULT_ACK_ANY_ID] = { "ack-any-id",
		"match acknowledgments on the home address only (§3.5)" },
	[HA_FAULT_ACCEPT_REV_REPLAY] = { "accept-rev-replay",
		"accept replayed PMA revocations (RFC 3543 §3.5)" },
	[HA_FAULT_ACCEPT_REV_REFLECTION] = { "accept-rev-reflection",
		"accept revocations with A = 1 (RFC 3543 §3.5)" },
	[HA_FAULT_REV_ACK_WRONG_ID] = { "rev-ack-wrong-id",
		"acknowledgments carry a wrong identifier (§3.4)" },
	[HA_FAULT_REV_FOREVER] = { "rev-forever",
		"retransmit revocations past the binding's lifetime (§4.2.2.1)" },
	[HA_FAULT_REV_ANY_PMA] = { "rev-any-pma",
		"a revocation from any PMA removes the binding (§4.2.3.2)" },
	[HA_FAULT_NO_GRE_KEY_DEREG] = { "no-gre-key-dereg",
		"leave 48 out of deregistration replies (RFC 6245 §4.2)" },
	[HA_FAULT_GRE_KEY_SWAP] = { "gre-key-swap",
		"use the HA-assigned key forward, expect the PMA's back" },
	[HA_FAULT_GRE_IGNORE_KEY] = { "gre-ignore-key",
		"accept reverse GRE packets whatever their key (RFC 6245 §5)" },
	[HA_FAULT_NO_REVERSE_TUNNEL] = { "no-reverse-tunnel",
		"drop reverse-tunnelled packets (RFC 5563 §4.2)" },
	[HA_FAULT_ALWAYS_GRE] = { "always-gre",
		"tunnel with GRE even when IP-in-IP was negotiated" },
	[HA_FAULT_NO_OUTER_SRC_CHECK] = { "no-outer-src-check",
		"decapsulate whatever the outer source (RFC 3024 §4.3.2)" },
	[HA_FAULT_REVERSE_NEEDS_T] = { "reverse-needs-t",
		"refuse reverse tunnelling for proxy bindings without T" },
	[HA_FAULT_SLOPPY_REV_FIELDS] = { "sloppy-rev-fields",
		"137, revocations and acks sent with I and reserved bits set" },
	[HA_FAULT_STRICT_RESERVED] = { "strict-reserved",
		"refuse 137, revocations and acks with reserved or I bits set" },
	[HA_FAULT_REV_ID_COUNTER] = { "rev-id-counter",
		"revocation identifiers from a counter, not the 137 clock (§3.5)" },
	[HA_FAULT_REV_ID_GLOBAL] = { "rev-id-global",
		"one last Revocation Identifier for all PMAs: an equal one from another "
		"PMA is taken for a replay (§3.5)" },
	[HA_FAULT_REPLY_BAD_EXT] = { "reply-bad-ext",
		"every reply ends with a 47 whose Length runs past the end (§1.9)" },
	[HA_FAULT_REV_NEW_PMA] = { "rev-new-pma",
		"on handover, send the revocation to the new PMA, not the old one (RFC 5563 "
		"§4.1.4, RFC 3543 §4.2.2.1)" },
	[HA_FAULT_IGNORE_REQUESTED_HA] = { "ignore-requested-ha",
		"accept a Requested HA (139/1) that is not the request's destination (RFC 4433 "
		"§5.3)" },
	[HA_FAULT_ACCEPT_ANY_HOA] = { "accept-any-hoa",
		"grant any requested home address, even another NAI's (RFC 5563 §4.1.1, §8.1)" },
	[HA_FAULT_WRONG_IDENT_HIGH] = { "wrong-ident-high",
		"change the high 32 bits of an accepted reply's Identification (§5.7.1)" },
	[HA_FAULT_REJECT_NAI] = { "reject-nai",
		"answer 134 to any request with an NAI extension (RFC 2794 §2, RFC 5563 §8.1: "
		"the HA looks bindings up by it)" },
	[HA_FAULT_GRE_UNCHECKED] = { "gre-unchecked",
		"an HA with GRE off accepts the G bit and 48 (RFC 3024 §4.3.1: 139)" },
	[HA_FAULT_REVSUP_WHEN_OFF] = { "revsup-when-off",
		"an HA with revocation off still answers 137 with 137 (RFC 3543 §3.2)" },
	[HA_FAULT_NO_RELAY] = { "no-relay",
		"a reverse-tunnelled packet for another bound home address goes to the home "
		"network, not down its tunnel (RFC 5563 §4.2.3, RFC 5944 §4.2.3)" },
	[HA_FAULT_FWD_DROP] = { "fwd-drop",
		"drop the first of every 50 tunnelled data packets each way, counted (RFC 5944 "
		"§4.2.3, RFC 3024 §4.3.2)" },
};

const struct bitset_names ha_fault_names = { faults, HA_FAULT_COUNT };

bool ha_has_fault(const struct ha *ha, enum ha_fault f)
{
	return ha_fault(ha, f);
}

const char *ha_fault_name(enum ha_fault f)
{
	return bitset_name(&ha_fault_names, f);
}

const char *ha_fault_help(enum ha_fault f)
{
	return bitset_help(&ha_fault_names, f);
}

int ha_fault_parse(const char *name)
{
	return bitset_lookup(&ha_fault_names, name);
}
