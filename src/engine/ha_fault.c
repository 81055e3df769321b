/* ha_fault.c — the names of the HA's deliberate faults (DESIGN.md §4): each breaks one
 * behaviour so that every conformance case can be shown to fail. */
#include <string.h>

#include "ha.h"

static const struct {
	const char *name;
	const char *help;
} faults[HA_FAULT_COUNT] = {
	[HA_FAULT_ACCEPT_BAD_AUTH] = { "accept-bad-auth",
				       "accept invalid authenticators (RFC 5944 §3.8.2.1 a, c)" },
	[HA_FAULT_ACCEPT_REPLAY] = { "accept-replay",
				     "accept an Identification not newer than the last (§5.7)" },
	[HA_FAULT_REPLY_65] = { "reply-65", "send 65 where 129 is due (RFC 5563 §8.1 misprint)" },
	[HA_FAULT_IGNORE_UNKNOWN_NONSKIP] = { "ignore-unknown-nonskippable",
					      "process requests with unknown types 0-127 (§1.8)" },
	[HA_FAULT_REJECT_UNKNOWN_SKIP] = { "reject-unknown-skippable",
					   "reject unknown types 128-255 with 134 (§1.8)" },
	[HA_FAULT_NO_LIFETIME_CAP] = { "no-lifetime-cap",
				       "grant any requested lifetime (§3.8.2.2)" },
	[HA_FAULT_NO_NAI_ECHO] = { "no-nai-echo", "leave the NAI out of replies (RFC 2794 §3)" },
	[HA_FAULT_WRONG_IDENT_COPY] = { "wrong-ident-copy",
					"change the low 32 bits of the reply's Identification" },
	[HA_FAULT_NO_REVOCATION] = { "no-revocation",
				     "never revoke the old PMA (RFC 5563 §4.1.4)" },
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
	[HA_FAULT_DROP_POORLY_FORMED] = { "drop-poorly-formed",
					  "discard, not 134, a request whose extensions lie "
					  "(§3.8.2.3)" },
};

const char *ha_fault_name(enum ha_fault f)
{
	return f < HA_FAULT_COUNT ? faults[f].name : NULL;
}

const char *ha_fault_help(enum ha_fault f)
{
	return f < HA_FAULT_COUNT ? faults[f].help : NULL;
}

int ha_fault_parse(const char *name)
{
	for (int i = 0; i < HA_FAULT_COUNT; i++)
		if (!strcmp(faults[i].name, name))
			return i;
	return -1;
}
