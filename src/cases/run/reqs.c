/* reqs.c — the requirements registry: RFC 5563 §4–§8 and RFC 3543 §3–§4, and the RFC 4433
 * §5.3 rules of RFC 5563 §4.6's dynamic HA, one row per requirement (see reqs.h).
 *
 * Rows are sorted by ID in strcmp order, so that req_find can search by halves.  A row's
 * text quotes or tightly paraphrases the RFC; "(no keyword)" marks a statement the RFC
 * makes without a BCP 14 keyword that a PMIPv4 tester still has to hold the DUT to.
 */
#include <string.h>

#include "reqs.h"

/* Observable on the wire: the test purpose of a case that checks it. */
#define WIRE(purpose) true, NULL, (purpose)
/* Not observable by a tester playing the DUT's peers: why not. */
#define LOCAL(why) false, (why), NULL

#define WHY_NO_ADV "agent advertisements: PMIPv4 has no agent discovery (RFC 5563 §7)"
#define WHY_NO_MN "addressed to a Mobile IP mobile node; a PMIPv4 device runs none (RFC 5563 §9)"
#define WHY_NO_DIRECT "addressed to a 'direct' co-located mobile node, which PMIPv4 does not have"
#define WHY_NO_NOTIFY "informing the device is local: PMIPv4 has no message for it"
#define WHY_POLICY "local policy: whether the agent wants the device informed"

static const struct req_def reqs[] = {
	{ "R3543-3.1-01", "RFC 3543 §3.1", "MUST", "pma",
	  "A foreign agent that sets the 'X' bit in an agent advertisement MUST support "
	  "revocation on that link: extension 137, Revocation and Revocation Ack.",
	  LOCAL(WHY_NO_ADV) },
	{ "R3543-3.2-01", "RFC 3543 §3.2", "MUST", "pma",
	  "An entity that wants to receive revocation messages MUST attach a Revocation Support "
	  "extension (137) to its registration request.",
	  WIRE("With PICS pma.revocation, the PMA's PRRQ carries 137 with Length 6") },
	{ "R3543-3.2-02", "RFC 3543 §3.2", "MUST", "ha",
	  "An entity that wants to receive revocation messages MUST attach a Revocation Support "
	  "extension (137) to its registration reply.",
	  WIRE("With PICS ha.revocation, the PRRP to a PRRQ with 137 carries 137 with Length 6") },
	{ "R3543-3.2-03", "RFC 3543 §3.2", "MAY", "both",
	  "A 'direct' co-located mobile node MAY include a Revocation Support extension in its "
	  "registration request.",
	  LOCAL(WHY_NO_DIRECT) },
	{ "R3543-3.2-04", "RFC 3543 §3.2", "MUST NOT", "both",
	  "A mobile node which is not co-located MUST NOT include a Revocation Support extension "
	  "in its registration.",
	  LOCAL(WHY_NO_MN) },
	{ "R3543-3.2-05", "RFC 3543 §3.2", "MUST", "pma",
	  "An FA advertising the 'X' bit on the link of the request, with a security relationship "
	  "with its HA, MUST attach 137 to the forwarded request.",
	  LOCAL("conditioned on the 'X' bit of agent advertisements, absent from PMIPv4 "
	        "(RFC 5563 §7); see R3543-3.2-01") },
	{ "R3543-3.2-06", "RFC 3543 §3.2", "SHOULD NOT", "ha",
	  "A home agent receiving a registration request without a revocation extension "
	  "SHOULD NOT include 137 in the associated registration reply.",
	  WIRE("PRRQ without 137: the PRRP carries no 137") },
	{ "R3543-3.2-07", "RFC 3543 §3.2", "MUST", "both",
	  "The Reserved bits of extension 137 MUST be set to 0 on sending.",
	  WIRE("137 sent by the DUT has its 15 Reserved bits 0") },
	{ "R3543-3.2-08", "RFC 3543 §3.2", "MUST", "both",
	  "The Reserved bits of extension 137 MUST be ignored on receiving.",
	  WIRE("137 with non-zero Reserved bits from the tester is processed as if they were 0") },
	{ "R3543-3.2-09", "RFC 3543 §3.2", "MUST", "both",
	  "In a registration request or reply, 137 MUST be protected by an FA-HA or MN-HA "
	  "authentication extension or an equivalent (AAA, IPsec).",
	  WIRE("137 in the DUT's PRRQ or PRRP precedes, so is covered by, the authentication "
	       "extension") },
	{ "R3543-3.2-10", "RFC 3543 §3.2", "MUST", "ha",
	  "If 137 in a registration request is not protected, the action of RFC 3344 §3.8.2.1 "
	  "MUST be taken.",
	  WIRE("PRRQ with 137 after the authenticator is denied, discarded, or accepted "
	       "without 137 in the PRRP") },
	{ "R3543-3.2-11", "RFC 3543 §3.2", "MUST", "pma",
	  "If 137 in a registration reply is not protected, the action of RFC 3344 §3.7.3.1 MUST "
	  "be taken.",
	  WIRE("PRRP with 137 after the authenticator: the PMA never treats revocation as "
	       "negotiated") },
	{ "R3543-3.2-12", "RFC 3543 §3.2", "MAY", "both",
	  "Support of the 'I' bit is OPTIONAL.",
	  LOCAL("a capability the PICS declares; R3543-3.2-13 checks the default") },
	{ "R3543-3.2-13", "RFC 3543 §3.2", "MUST", "both",
	  "A mobility agent that does not support the 'I' bit functionality MUST set the 'I' bit "
	  "to zero.",
	  WIRE("Without I-bit support, 137 sent by the DUT has I = 0") },
	{ "R3543-3.2-14", "RFC 3543 §3.2", "SHOULD NOT", "ha",
	  "The home agent SHOULD NOT set 'I' = 1 in its 137 in response to an FA's 137 with 'I' = "
	  "0 (undefined).",
	  WIRE("PRRQ whose 137 has I = 0: the PRRP's 137 has I = 0") },
	{ "R3543-3.2-15", "RFC 3543 §3.2", "MUST", "ha",
	  "A receiving mobility agent that does not understand 137 MUST skip it and continue "
	  "processing the rest of the registration request.",
	  WIRE("With PICS !ha.revocation, a PRRQ with 137 is accepted and the PRRP has no 137") },
	{ "R3543-3.3-01", "RFC 3543 §3.3", "MUST", "ha",
	  "(no keyword) An HA's Revocation goes from the binding's home agent address to the "
	  "source of the last approved request for it, UDP port 434.",
	  WIRE("HA's Revocation: IP src = the binding's HA address, dst = pma1, UDP dst port "
	       "434") },
	{ "R3543-3.3-02", "RFC 3543 §3.3", "MUST", "pma",
	  "(no keyword) An FA's Revocation goes from the registered care-of address to the "
	  "registered home agent address, UDP destination port 434.",
	  WIRE("PMA's Revocation: IP src = its care-of address, dst = the HA address, UDP dst "
	       "port 434") },
	{ "R3543-3.3-03", "RFC 3543 §3.3", "MUST", "both",
	  "The first Reserved field (octet 1) of a Revocation MUST be sent as 0.",
	  WIRE("Revocation from the DUT has octet 1 = 0") },
	{ "R3543-3.3-04", "RFC 3543 §3.3", "MUST", "both",
	  "The first Reserved field (octet 1) of a Revocation MUST be ignored when received.",
	  WIRE("Revocation with a non-zero octet 1 is processed and acknowledged") },
	{ "R3543-3.3-05", "RFC 3543 §3.3", "MUST NOT", "both",
	  "The 'I' bit of a Revocation MUST NOT be set to 1 unless 'I' bit support was negotiated "
	  "in the revocation extensions of the registration.",
	  WIRE("Revocation from the DUT has I = 0 unless both 137s of the binding had I = 1") },
	{ "R3543-3.3-06", "RFC 3543 §3.3", "SHOULD NOT", "pma",
	  "A Revocation from the HA with 'I' = 0 requests that the mobile node SHOULD NOT be "
	  "informed of the revocation.",
	  LOCAL(WHY_NO_NOTIFY) },
	{ "R3543-3.3-07", "RFC 3543 §3.3", "SHOULD", "ha",
	  "In a Revocation to a 'direct' co-located mobile node the 'I' bit SHOULD be set to 1.",
	  LOCAL(WHY_NO_DIRECT) },
	{ "R3543-3.3-08", "RFC 3543 §3.3", "MUST", "both",
	  "The second Reserved field (after A and I) of a Revocation MUST be sent as 0.",
	  WIRE("Revocation from the DUT has the 14 bits after A and I all 0") },
	{ "R3543-3.3-09", "RFC 3543 §3.3", "MUST", "both",
	  "The second Reserved field (after A and I) of a Revocation MUST be ignored when "
	  "received.",
	  WIRE("Revocation with non-zero bits after A and I is processed and acknowledged") },
	{ "R3543-3.3-10", "RFC 3543 §3.3", "MUST", "both",
	  "The revoking agent MUST put its current 4-byte timestamp in the Revocation Identifier, "
	  "from the clock of its 137 Timestamps.",
	  WIRE("Revocation Identifier is not older than the DUT's 137 Timestamp for the binding") },
	{ "R3543-3.3-11", "RFC 3543 §3.3", "MUST", "both",
	  "A Revocation MUST be protected by a valid FA-HA authenticator between agents (MN-HA to "
	  "a direct MN) or an equally secure agreed mechanism.",
	  WIRE("Revocation from the DUT carries a valid FA-HA authentication extension (PIXIT "
	       "sa)") },
	{ "R3543-3.3-12", "RFC 3543 §3.3", "MUST", "both",
	  "A Revocation without a valid authenticator, and not otherwise adequately protected, "
	  "MUST be ignored and silently discarded.",
	  WIRE("Revocation with a missing or wrong FA-HA authenticator: no Ack, binding kept") },
	{ "R3543-3.3-13", "RFC 3543 §3.3", "MUST NOT", "both",
	  "A revocation message MUST NOT be sent for any registration that has expired; it MAY "
	  "only be sent before the registration expires.",
	  WIRE("No Revocation for a binding once its granted lifetime has run out") },
	{ "R3543-3.3-14", "RFC 3543 §3.3", "MUST NOT", "both",
	  "An agent MUST NOT send more than one revocation message or registration message per "
	  "second for the same binding.",
	  WIRE("Revocation and registration messages of the DUT for one binding are >= 1 s "
	       "apart") },
	{ "R3543-3.3-15", "RFC 3543 §3.3", "MUST NOT", "pma",
	  "An agent MUST NOT send more than one registration message per second for the same "
	  "binding (the RFC 3344 limit, restated).",
	  WIRE("PRRQs for one binding, retransmissions included, are >= 1 s apart") },
	{ "R3543-3.4-01", "RFC 3543 §3.4", "MUST", "both",
	  "(no keyword) An Ack's IP addresses are the Revocation's swapped; its UDP source port "
	  "is 434, its destination port the Revocation's source port.",
	  WIRE("Ack from the DUT: addresses of the Revocation swapped, UDP 434 -> its source "
	       "port") },
	{ "R3543-3.4-02", "RFC 3543 §3.4", "MUST", "both",
	  "The first Reserved field (octet 1) of a Revocation Ack MUST be sent as 0.",
	  WIRE("Ack from the DUT has octet 1 = 0") },
	{ "R3543-3.4-03", "RFC 3543 §3.4", "MUST", "both",
	  "The first Reserved field (octet 1) of a Revocation Ack MUST be ignored when received.",
	  WIRE("Ack with a non-zero octet 1 stops the DUT's Revocation retransmissions") },
	{ "R3543-3.4-04", "RFC 3543 §3.4", "MUST NOT", "both",
	  "The 'I' bit MUST NOT be set to 1 in a Revocation Ack unless it was set to 1 in the "
	  "Revocation.",
	  WIRE("Ack from the DUT to a Revocation with I = 0 has I = 0") },
	{ "R3543-3.4-05", "RFC 3543 §3.4", "MUST", "both",
	  "An agent receiving an Ack with 'I' = 1 for a Revocation that had 'I' = 0 MUST ignore "
	  "the 'I' bit of the Ack.",
	  WIRE("Ack with I = 1 to a Revocation with I = 0 is still accepted: no retransmission") },
	{ "R3543-3.4-06", "RFC 3543 §3.4", "MUST", "both",
	  "The second Reserved field (after I) of a Revocation Ack MUST be sent as 0.",
	  WIRE("Ack from the DUT has the 15 bits after I all 0") },
	{ "R3543-3.4-07", "RFC 3543 §3.4", "MUST", "both",
	  "The second Reserved field (after I) of a Revocation Ack MUST be ignored when received.",
	  WIRE("Ack with non-zero bits after I stops the DUT's Revocation retransmissions") },
	{ "R3543-3.4-08", "RFC 3543 §3.4", "MUST", "both",
	  "A Revocation Ack MUST be sent in response to a valid and authenticated Revocation.",
	  WIRE("Valid authenticated Revocation from the tester gets an Ack") },
	{ "R3543-3.4-09", "RFC 3543 §3.4", "MUST", "both",
	  "A Revocation Ack MUST be protected by a valid FA-HA authenticator between agents "
	  "(MN-HA to a direct MN) or an equally secure agreed mechanism.",
	  WIRE("Ack from the DUT carries a valid FA-HA authentication extension") },
	{ "R3543-3.5-01", "RFC 3543 §3.5", "MUST", "both",
	  "All Revocation and Revocation Ack messages MUST be authenticated and replay-protected.",
	  WIRE("DUT's Revocations and Acks are authenticated; each Revocation has a new "
	       "Identifier") },
	{ "R3543-3.5-02", "RFC 3543 §3.5", "MUST", "both",
	  "On an authenticated Revocation the receiver MUST check the 'A' bit and Revocation "
	  "Identifier against replay of an old one from the same agent.",
	  WIRE("Replay of an old Revocation (stale Identifier) is not acted on") },
	{ "R3543-3.5-03", "RFC 3543 §3.5", "MUST", "both",
	  "The receiver MUST also check that the Revocation is not a reflection of one it sent "
	  "for the identified binding.",
	  WIRE("Revocation with the DUT's own 'A' value (HA: 1, PMA: 0) is not acted on") },
	{ "R3543-3.5-04", "RFC 3543 §3.5", "MUST", "both",
	  "If the 'A' bit and Identifier show a replay, the Revocation MUST be silently discarded.",
	  WIRE("Replayed or reflected Revocation: no Ack, no other answer, binding kept") },
	{ "R3543-3.5-05", "RFC 3543 §3.5", "MUST", "both",
	  "On a valid Ack the revoking agent MUST check that its Home Address and Identifier "
	  "match a Revocation it sent to the acknowledging agent.",
	  WIRE("Ack with a wrong Identifier or Home Address does not stop Revocation "
	       "retransmissions") },
	{ "R3543-3.5-06", "RFC 3543 §3.5", "MUST", "both",
	  "A Revocation Ack that does not match a Revocation sent MUST be silently discarded.",
	  WIRE("Non-matching Ack gets no answer, and the Revocation is retransmitted") },
	{ "R3543-3.5-07", "RFC 3543 §3.5", "MUST NOT", "both",
	  "Revocation Identifiers that happen to be equal across different agents MUST NOT cause "
	  "any of those Revocations to be ignored.",
	  WIRE("pma1 and pma2 revoke at the HA with the same Identifier: both are acknowledged") },
	{ "R3543-4-01", "RFC 3543 §4", "MAY", "both",
	  "A 'direct' co-located mobile node MAY implement revocation extensions and Acks to "
	  "receive and answer Revocations from its home agent.",
	  LOCAL(WHY_NO_DIRECT) },
	{ "R3543-4-02", "RFC 3543 §4", "MUST NOT", "both",
	  "A 'direct' co-located mobile node MUST NOT send a revocation message (deregistration "
	  "suffices).",
	  LOCAL(WHY_NO_DIRECT) },
	{ "R3543-4.1-01", "RFC 3543 §4.1", "SHOULD", "both",
	  "A mobile node that sees its FA advertise with sequence number 0 SHOULD re-register.",
	  LOCAL(WHY_NO_MN) },
	{ "R3543-4.1-02", "RFC 3543 §4.1", "MAY", "pma",
	  "To show a revoked binding, the FA MAY also set the 'B' bit in the agent advertisements "
	  "it unicasts with sequence number 0.",
	  LOCAL(WHY_NO_ADV) },
	{ "R3543-4.1-03", "RFC 3543 §4.1", "MAY", "both",
	  "Mobile nodes seeing the 'B' bit MAY re-register at once with another agent of their "
	  "cache, or MAY solicit for more agents.",
	  LOCAL(WHY_NO_MN) },
	{ "R3543-4.1-04", "RFC 3543 §4.1", "MUST", "pma",
	  "Agent Advertisements unicast to a mobile node MUST be sent as in RFC 3344, plus any "
	  "link methods that make them secure against DoS.",
	  LOCAL(WHY_NO_ADV) },
	{ "R3543-4.2-01", "RFC 3543 §4.2", "MUST", "pma",
	  "A foreign agent supporting registration revocation on a link MUST set the 'X' bit in "
	  "its Agent Advertisement extensions on that link.",
	  LOCAL(WHY_NO_ADV) },
	{ "R3543-4.2-02", "RFC 3543 §4.2.1", "MUST", "pma",
	  "An FA that wishes to take part in revocation MUST have a security association with the "
	  "home agent named in the registration request.",
	  WIRE("A PRRQ with 137 is protected by the PMA-HA SA: a valid FA-HA authenticator") },
	{ "R3543-4.2-03", "RFC 3543 §4.2.1", "MUST", "pma",
	  "An FA that wishes to take part in revocation MUST append a Revocation Support "
	  "extension to the registration request.",
	  WIRE("With PICS pma.revocation, every PRRQ, renewals included, carries 137") },
	{ "R3543-4.2-04", "RFC 3543 §4.2.1", "SHOULD", "pma",
	  "If the HA's reply has no 137, the FA SHOULD assume the HA does not understand "
	  "revocation or is unwilling to take part.",
	  WIRE("PRRP without 137: the PMA never sends a Revocation for that binding") },
	{ "R3543-4.2-05", "RFC 3543 §4.2.1", "MAY", "pma",
	  "If that is unacceptable, the FA MAY deny the registration, e.g. 'Administratively "
	  "Prohibited'.",
	  LOCAL("the denial goes to a Mobile IP mobile node; a PMIPv4 device gets no "
	        "registration reply") },
	{ "R3543-4.2-06", "RFC 3543 §4.2.1", "MUST", "pma",
	  "Where an FA-HA security association exists, the registration request MUST still "
	  "contain a home-foreign authenticator.",
	  WIRE("PRRQ with 137 carries a valid FA-HA authentication extension") },
	{ "R3543-4.2-07", "RFC 3543 §4.2.1", "MUST", "ha",
	  "Where an FA-HA security association exists, the registration reply MUST still contain "
	  "a home-foreign authenticator.",
	  WIRE("PRRP to a PRRQ with 137 and FA-HA auth carries a valid FA-HA authentication "
	       "extension") },
	{ "R3543-4.2-08", "RFC 3543 §4.2.1", "MUST", "ha",
	  "An HA that wishes to exchange revocation messages MUST have a security association "
	  "with the FA that relayed the registration request.",
	  WIRE("HA puts 137 in a PRRP only to a PMA it shares an FA-HA SA with") },
	{ "R3543-4.2-09", "RFC 3543 §4.2.1", "MUST", "ha",
	  "An HA that wishes to exchange revocation messages MUST append a Revocation Support "
	  "extension to the registration reply.",
	  WIRE("With PICS ha.revocation, a PRRQ with 137 gets a PRRP with 137") },
	{ "R3543-4.2-10", "RFC 3543 §4.2.1", "SHOULD", "ha",
	  "If the FA's request had no 137, the HA SHOULD assume the FA does not understand or "
	  "will not take part in revocation for this binding.",
	  WIRE("PRRQ without 137: a later handover makes the HA send no Revocation to that PMA") },
	{ "R3543-4.2-11", "RFC 3543 §4.2.1", "MAY", "ha",
	  "If that is unacceptable, the HA MAY deny the registration, e.g. 'Administratively "
	  "Prohibited'.",
	  WIRE("If the HA requires revocation: PRRQ without 137 gets code 129") },
	{ "R3543-4.2-12", "RFC 3543 §4.2.1", "MAY", "ha",
	  "The home agent MAY include a revocation support extension in the registration reply.",
	  LOCAL("a permission with no observable obligation (§3.2 says SHOULD NOT without 137)") },
	{ "R3543-4.2-13", "RFC 3543 §4.2.1", "MUST", "both",
	  "A 'direct' co-located MN that wishes to be told of a released binding MUST insert 137 "
	  "into its registration request.",
	  LOCAL(WHY_NO_DIRECT) },
	{ "R3543-4.2-14", "RFC 3543 §4.2.1", "MUST", "ha",
	  "If that is acceptable to the HA, it MUST include 137 in its registration reply to the "
	  "'direct' co-located mobile node.",
	  LOCAL(WHY_NO_DIRECT) },
	{ "R3543-4.2-15", "RFC 3543 §4.2.1", "MAY", "ha",
	  "If it is not acceptable, the HA MAY deny the registration, or MAY simply leave 137 out "
	  "of its registration reply.",
	  LOCAL(WHY_NO_DIRECT) },
	{ "R3543-4.2-16", "RFC 3543 §4.2.1", "MAY", "ha",
	  "An HA receiving a request without 137 from a 'direct' co-located MN MAY deny it and "
	  "MAY or MAY NOT include 137 in the reply.",
	  LOCAL(WHY_NO_DIRECT) },
	{ "R3543-4.2-17", "RFC 3543 §4.2.1", "MUST NOT", "both",
	  "A non-co-located mobile node MUST NOT insert a revocation support extension into its "
	  "registration request.",
	  LOCAL(WHY_NO_MN) },
	{ "R3543-4.2-18", "RFC 3543 §4.2.1", "MUST", "pma",
	  "An FA receiving such a request (137 from a non-co-located mobile node) MUST silently "
	  "discard it.",
	  LOCAL("PMIPv4 devices send no registration requests: the PMA originates the PRRQ") },
	{ "R3543-4.2-19", "RFC 3543 §4.2.1", "MAY", "pma",
	  "The FA MAY log such a request as a protocol error.",
	  LOCAL("local logging") },
	{ "R3543-4.2-20", "RFC 3543 §4.2.2.1", "MUST", "ha",
	  "When the HA revokes a binding with revocation negotiated, it MUST notify the foreign "
	  "domain address by sending a Revocation.",
	  WIRE("Handover to pma2 (or release at the HA) makes the HA send pma1 a Revocation") },
	{ "R3543-4.2-21", "RFC 3543 §4.2.2.1", "MUST", "ha",
	  "As home agent, it MUST set the 'A' bit to 1 in its Revocation.",
	  WIRE("Revocation from the HA has A = 1") },
	{ "R3543-4.2-22", "RFC 3543 §4.2.2.1", "MUST", "ha",
	  "With 'I' negotiated, the HA MUST set 'I' = 1 in the Revocation if it would like the FA "
	  "to inform the mobile node.",
	  LOCAL(WHY_POLICY) },
	{ "R3543-4.2-23", "RFC 3543 §4.2.2.1", "MUST", "ha",
	  "With 'I' negotiated, if the HA does not want the mobile node notified it MUST set 'I' "
	  "= 0 in the Revocation.",
	  LOCAL(WHY_POLICY) },
	{ "R3543-4.2-24", "RFC 3543 §4.2.2.1", "MUST", "ha",
	  "The home agent MUST set the Revocation Identifier as defined in §3.5.",
	  WIRE("HA's Revocation Identifier is a timestamp not older than its 137 Timestamp") },
	{ "R3543-4.2-25", "RFC 3543 §4.2.2.1", "MUST", "ha",
	  "The home agent MUST include a valid authenticator (§3.3) in its Revocation.",
	  WIRE("HA's Revocation carries a valid FA-HA authentication extension") },
	{ "R3543-4.2-26", "RFC 3543 §4.2.2.1", "MUST", "ha",
	  "Without a Revocation Ack within a reasonable time, the home agent MUST retransmit the "
	  "Revocation.",
	  WIRE("Unacknowledged Revocation from the HA is retransmitted") },
	{ "R3543-4.2-27", "RFC 3543 §4.2.2.1", "MUST", "ha",
	  "Before each retransmission the HA MUST update the Revocation Identifier timestamp (and "
	  "so any authenticator derived from it).",
	  WIRE("Each retransmitted HA Revocation has a newer Identifier and a valid new "
	       "authenticator") },
	{ "R3543-4.2-28", "RFC 3543 §4.2.2.1", "MUST NOT", "ha",
	  "The home agent MUST NOT send more than one revocation per second for a particular "
	  "binding.",
	  WIRE("HA's Revocations for one binding are >= 1 s apart") },
	{ "R3543-4.2-29", "RFC 3543 §4.2.2.1", "SHOULD", "ha",
	  "The time between the HA's Revocation retransmissions SHOULD back off exponentially, as "
	  "for registrations.",
	  WIRE("Intervals between the HA's Revocation retransmissions grow, about doubling") },
	{ "R3543-4.2-30", "RFC 3543 §4.2.2.1", "MUST NOT", "ha",
	  "The home agent MUST NOT retransmit Revocations beyond the normal life of the binding.",
	  WIRE("No HA Revocation for the binding after its granted lifetime ends") },
	{ "R3543-4.2-31", "RFC 3543 §4.2.2.2", "MUST", "pma",
	  "On a Revocation the FA MUST check the validity of the authenticator.",
	  WIRE("Revocation with a bad FA-HA authenticator: no Ack, the PMA keeps the binding") },
	{ "R3543-4.2-32", "RFC 3543 §4.2.2.2", "MUST", "pma",
	  "On a Revocation the FA MUST check the 'A' bit against replay (§3.5).",
	  WIRE("Revocation with A = 0 sent to the PMA is not acted on") },
	{ "R3543-4.2-33", "RFC 3543 §4.2.2.2", "MUST", "pma",
	  "On a Revocation the FA MUST check the Identifier field against replay (§3.5).",
	  WIRE("Replay of an acknowledged Revocation after re-registration is not acted on") },
	{ "R3543-4.2-34", "RFC 3543 §4.2.2.2", "MUST", "pma",
	  "The FA MUST identify the released binding by home address, foreign and home domain "
	  "addresses, and the timestamps.",
	  WIRE("Revocation naming another Home Address, CoA or HA address leaves the binding "
	       "in place") },
	{ "R3543-4.2-35", "RFC 3543 §4.2.2.2", "MUST", "pma",
	  "Revocations are valid only for existing registrations: the registration's timestamp "
	  "(HA's 137) MUST precede the Revocation.",
	  WIRE("Revocation with an Identifier older than the last PRRP's 137 Timestamp is not "
	       "acted on") },
	{ "R3543-4.2-36", "RFC 3543 §4.2.2.2", "MUST", "pma",
	  "Upon locating the binding, the foreign agent MUST revoke it.",
	  WIRE("After a valid Revocation the PMA stops renewing and tunnelling for that Home "
	       "Address") },
	{ "R3543-4.2-37", "RFC 3543 §4.2.2.2", "MUST", "pma",
	  "The FA MUST respond with a Revocation Ack sent to the source address of the Revocation.",
	  WIRE("Valid Revocation gets an Ack addressed to the Revocation's IP source") },
	{ "R3543-4.2-38", "RFC 3543 §4.2.2.2", "MUST", "pma",
	  "If the 'I' bit was negotiated, the FA MUST check the 'I' bit of the Revocation and act "
	  "accordingly.",
	  LOCAL(WHY_NO_NOTIFY) },
	{ "R3543-4.2-39", "RFC 3543 §4.2.2.2", "MUST", "pma",
	  "If notifying the mobile node by the methods of §4.1, the FA MUST set 'I' = 1 in the "
	  "Revocation Ack.",
	  LOCAL("§4.1 notification is by agent advertisement, absent from PMIPv4 (RFC 5563 §7)") },
	{ "R3543-4.2-40", "RFC 3543 §4.2.2.2", "MUST", "pma",
	  "If not notifying the mobile node, the FA MUST set 'I' = 0 in the Revocation Ack.",
	  WIRE("PMA's Ack has I = 0 (PMIPv4 cannot notify by agent advertisement)") },
	{ "R3543-4.2-41", "RFC 3543 §4.2.2.2", "MUST", "pma",
	  "The FA MUST then generate a Revocation Ack with Home Address and Identifier set as in "
	  "§3.5 (copied from the Revocation).",
	  WIRE("PMA's Ack copies Home Address and Revocation Identifier from the Revocation") },
	{ "R3543-4.2-42", "RFC 3543 §4.2.2.2", "MUST", "pma",
	  "The FA MUST protect the Revocation Ack with a valid authenticator (§3.3).",
	  WIRE("PMA's Ack carries a valid FA-HA authentication extension") },
	{ "R3543-4.2-43", "RFC 3543 §4.2.2.3", "MUST", "both",
	  "A 'direct' co-located mobile node MUST validate the authenticator of a Revocation.",
	  LOCAL(WHY_NO_DIRECT) },
	{ "R3543-4.2-44", "RFC 3543 §4.2.2.3", "MUST", "both",
	  "A 'direct' co-located mobile node MUST check the Revocation's home address and "
	  "identifier for replay.",
	  LOCAL(WHY_NO_DIRECT) },
	{ "R3543-4.2-45", "RFC 3543 §4.2.2.3", "MUST", "both",
	  "For a new authenticated Revocation, the MN MUST verify it names its current HA, this "
	  "MN, and the foreign domain address it uses.",
	  LOCAL(WHY_NO_DIRECT) },
	{ "R3543-4.2-46", "RFC 3543 §4.2.2.3", "SHOULD", "both",
	  "Having identified the binding, the 'direct' co-located MN SHOULD first generate a "
	  "Revocation Ack.",
	  LOCAL(WHY_NO_DIRECT) },
	{ "R3543-4.2-47", "RFC 3543 §4.2.2.3", "MUST", "both",
	  "That Revocation Ack MUST be sent to the IP source address of the Revocation.",
	  LOCAL(WHY_NO_DIRECT) },
	{ "R3543-4.2-48", "RFC 3543 §4.2.3.1", "MUST NOT", "pma",
	  "With 'I' negotiated and foreign policy unchanged, the FA MUST NOT inform any mobile "
	  "node of its revocation at this time.",
	  LOCAL(WHY_NO_NOTIFY) },
	{ "R3543-4.2-49", "RFC 3543 §4.2.3.1", "MUST", "pma",
	  "Instead, the FA MUST set 'I' = 1 in the Revocation, asking the HA to decide in its Ack.",
	  WIRE("With I negotiated (both 137s I = 1), the PMA's Revocation has I = 1") },
	{ "R3543-4.2-50", "RFC 3543 §4.2.3.1", "MUST", "pma",
	  "If policy is not to notify, or changed so 'I' cannot be used, the FA MUST set 'I' = 0 "
	  "and follow foreign domain policy.",
	  WIRE("Without I negotiated, the PMA's Revocation has I = 0") },
	{ "R3543-4.2-51", "RFC 3543 §4.2.3.1", "MUST", "pma",
	  "The 'A' bit MUST be set to 0 in a Revocation from the foreign agent servicing the "
	  "binding.",
	  WIRE("Revocation from the PMA has A = 0") },
	{ "R3543-4.2-52", "RFC 3543 §4.2.3.1", "MUST", "pma",
	  "Before transmitting a Revocation, the FA MUST set the Revocation Identifier as in §3.5.",
	  WIRE("PMA's Revocation Identifier is a timestamp not older than its 137 Timestamp") },
	{ "R3543-4.2-53", "RFC 3543 §4.2.3.1", "MUST", "pma",
	  "Before transmitting a Revocation, the FA MUST include an authenticator as in §3.3.",
	  WIRE("PMA's Revocation carries a valid FA-HA authentication extension") },
	{ "R3543-4.2-54", "RFC 3543 §4.2.3.1", "MUST", "pma",
	  "Without a Revocation Ack within a reasonable time, the foreign agent MUST retransmit "
	  "the Revocation.",
	  WIRE("Unacknowledged Revocation from the PMA is retransmitted") },
	{ "R3543-4.2-55", "RFC 3543 §4.2.3.1", "MUST", "pma",
	  "Before each retransmission the FA MUST update the Revocation Identifier timestamp (and "
	  "so any authenticator derived from it).",
	  WIRE("Each retransmitted PMA Revocation has a newer Identifier and a valid new "
	       "authenticator") },
	{ "R3543-4.2-56", "RFC 3543 §4.2.3.1", "MUST NOT", "pma",
	  "The foreign agent MUST NOT send more than one revocation per second for a particular "
	  "binding.",
	  WIRE("PMA's Revocations for one binding are >= 1 s apart") },
	{ "R3543-4.2-57", "RFC 3543 §4.2.3.1", "SHOULD", "pma",
	  "The FA SHOULD make its Revocation retransmissions back off exponentially, as for "
	  "registrations.",
	  WIRE("Intervals between the PMA's Revocation retransmissions grow, about doubling") },
	{ "R3543-4.2-58", "RFC 3543 §4.2.3.1", "MUST NOT", "pma",
	  "The foreign agent MUST NOT retransmit Revocations beyond the normal life of the "
	  "binding.",
	  WIRE("No PMA Revocation for the binding after its granted lifetime ends") },
	{ "R3543-4.2-59", "RFC 3543 §4.2.3.2", "MUST", "ha",
	  "On a Revocation the home agent MUST check the 'A' bit.",
	  WIRE("Revocation with A = 1 sent to the HA is not acted on: no Ack, binding kept") },
	{ "R3543-4.2-60", "RFC 3543 §4.2.3.2", "MUST", "ha",
	  "On a Revocation the home agent MUST check the Identifier field.",
	  WIRE("Replay of a PMA's old Revocation (stale Identifier) is not acted on") },
	{ "R3543-4.2-61", "RFC 3543 §4.2.3.2", "MUST", "ha",
	  "On a Revocation the home agent MUST check the authenticator.",
	  WIRE("Revocation with a bad FA-HA authenticator: no Ack, the HA keeps the binding") },
	{ "R3543-4.2-62", "RFC 3543 §4.2.3.2", "MUST", "ha",
	  "If acceptable, the HA MUST locate the released binding by the home address, foreign "
	  "domain address and home domain address fields.",
	  WIRE("Revocation from pma1 after handover to pma2 leaves the binding via pma2 in "
	       "place") },
	{ "R3543-4.2-63", "RFC 3543 §4.2.3.2", "MUST", "ha",
	  "Revocations are valid only for existing registrations: the registration's timestamp "
	  "(FA's 137) MUST precede the Revocation.",
	  WIRE("Revocation with an Identifier older than the last PRRQ's 137 Timestamp is not "
	       "acted on") },
	{ "R3543-4.2-64", "RFC 3543 §4.2.3.2", "MUST", "ha",
	  "On a valid Revocation the home agent MUST send a Revocation Ack to the IP source "
	  "address of the Revocation.",
	  WIRE("Valid Revocation from a PMA gets an Ack addressed to the Revocation's IP source") },
	{ "R3543-4.2-65", "RFC 3543 §4.2.3.2", "MUST", "ha",
	  "With 'I' negotiated and 'I' = 1 in the Revocation, the HA MUST set 'I' = 1 in the Ack "
	  "if it wants the mobile node informed.",
	  LOCAL(WHY_POLICY) },
	{ "R3543-4.2-66", "RFC 3543 §4.2.3.2", "MUST", "ha",
	  "With 'I' negotiated and 'I' = 1 in the Revocation, the HA MUST set 'I' = 0 in the Ack "
	  "if it does not want the mobile node informed.",
	  LOCAL(WHY_POLICY) },
	{ "R3543-4.2-67", "RFC 3543 §4.2.3.2", "MUST", "ha",
	  "The HA MUST set the Ack's Home Address and Revocation Identifier as in §3.5 (copied "
	  "from the Revocation).",
	  WIRE("HA's Ack copies Home Address and Revocation Identifier from the Revocation") },
	{ "R3543-4.2-68", "RFC 3543 §4.2.3.2", "MUST", "ha",
	  "The HA MUST protect the Revocation Ack with a valid authenticator (§3.3).",
	  WIRE("HA's Ack carries a valid FA-HA authentication extension") },
	{ "R3543-4.2-69", "RFC 3543 §4.2.4", "MUST NOT", "both",
	  "A mobile node terminating its own binding MUST NOT send a revocation message.",
	  LOCAL(WHY_NO_MN) },
	{ "R3543-4.2-70", "RFC 3543 §4.2.4", "SHOULD", "both",
	  "A mobile node terminating its own binding SHOULD simply deregister the care-of address "
	  "with its home agent (RFC 3344).",
	  LOCAL(WHY_NO_MN) },
	{ "R3543-4.3-01", "RFC 3543 §4.3.1", "MUST", "pma",
	  "A foreign agent that wishes to be able to revoke registrations MUST set the 'R' bit in "
	  "its agent advertisements.",
	  LOCAL(WHY_NO_ADV) },
	{ "R3543-4.3-02", "RFC 3543 §4.3.1", "SHOULD", "pma",
	  "Advertising 'R', the FA SHOULD deny a request from a mobile node registering "
	  "co-located, as 'Administratively Prohibited'.",
	  LOCAL("no co-located registrations in PMIPv4: the device runs no Mobile IP") },
	{ "R4433-5.3-01", "RFC 4433 §5.3", "MUST", "ha",
	  "(no keyword) A request with Home Agent ALL-ZERO-ONE-ADDR sent to the HA's unicast "
	  "address is accepted with the HA's address in the reply, or rejected with "
	  "REDIRECT-HA-REQ (143) and a Redirected HA extension (Table 1; §3.4.2: MUST with 143).",
	  WIRE("PRRQ with Home Agent 0.0.0.0 and 139/1 naming the HA gets code 0, or 143 with "
	       "139/2, and the HA's address in the Home Agent field") },
	{ "R4433-5.3-02", "RFC 4433 §5.3", "MUST", "ha",
	  "If the Requested HA extension does not match the destination IP of the request, the "
	  "Requested HA MUST reject the request with error code 136.",
	  WIRE("PRRQ with 139/1 naming another address gets code 136") },
	{ "R5563-4.1-01", "RFC 5563 §4.1.1", "MUST", "pma",
	  "The PRRQ MUST be protected by the methods of the Security Considerations (MN-HA, or "
	  "FA-HA with 47/1, or IPsec; §13, §4.3).",
	  WIRE("Every PRRQ from the PMA carries a valid MN-HA or FA-HA authenticator for its SA") },
	{ "R5563-4.1-02", "RFC 5563 §4.1.1", "MUST", "ha",
	  "(no keyword) If the requested Home Address is not authorized, the HA denies the "
	  "registration with code 129 (administratively prohibited).",
	  WIRE("PRRQ asking for a Home Address the HA may not give gets a PRRP with code 129") },
	{ "R5563-4.1-03", "RFC 5563 §4.1.1", "MUST", "ha",
	  "(no keyword) The HA assigns or authorizes the Home Address and returns it, and the GRE "
	  "key if GRE is used, in the PRRP.",
	  WIRE("PRRQ with Home Address 0.0.0.0 gets an accepting PRRP with a non-zero Home "
	       "Address") },
	{ "R5563-4.1-04", "RFC 5563 §4.1.2", "MUST", "pma",
	  "(no keyword) Before the registration lifetime expires, while the device stays "
	  "attached, the PMA sends a PRRQ to extend the binding.",
	  WIRE("PMA sends a renewal PRRQ before the granted lifetime runs out") },
	{ "R5563-4.1-05", "RFC 5563 §4.1.2", "MUST", "pma",
	  "(no keyword) A renewal PRRQ is like the initial one (HA = assigned HA, CoA = the PMA) "
	  "but always carries the assigned Home Address.",
	  WIRE("Renewal PRRQ: Home Address = assigned, Home Agent = assigned HA, CoA = the "
	       "PMA's") },
	{ "R5563-4.1-06", "RFC 5563 §4.1.3", "MUST", "ha",
	  "(no keyword) On a PRRQ from a new PMA the HA updates the existing binding (indexed by "
	  "NAI, §8.1) and returns its Home Address to the new PMA.",
	  WIRE("Handover: PRRQ for the same NAI from pma2 gets the Home Address bound via pma1") },
	{ "R5563-4.1-07", "RFC 5563 §4.1.4", "MAY", "ha",
	  "On the binding update of a device that moved to a new AR, the HA MAY send a "
	  "Registration Revocation (RFC 3543) to the old PMA.",
	  WIRE("With revocation negotiated, a handover to pma2 makes the HA revoke pma1") },
	{ "R5563-4.1-08", "RFC 5563 §4.1.4", "MUST", "pma",
	  "(no keyword) On a revocation the old PMA removes the PMIPv4 state for the device and "
	  "sends a revocation acknowledgement to the HA.",
	  WIRE("Revocation from the HA: the PMA acknowledges it and stops renewing the binding") },
	{ "R5563-4.2-01", "RFC 5563 §4.2.1", "MUST", "pma",
	  "While serving a mobile device, the PMA MUST be able to intercept all packets sent from "
	  "the device and forward them out the device's tunnel.",
	  WIRE("Packet from the device on the access link reaches the HA in the device's tunnel") },
	{ "R5563-4.2-02", "RFC 5563 §4.2.1", "MUST", "pma",
	  "(no keyword) The PMA de-encapsulates packets received on the tunnel from the HA before "
	  "forwarding them to the device on its link.",
	  WIRE("Packet the HA tunnels to the Home Address reaches the device's link "
	       "de-encapsulated") },
	{ "R5563-4.2-03", "RFC 5563 §4.2.1", "MUST", "both",
	  "(no keyword) The tunnel works as between FA and HA in RFC 3344 (TTL, fragmentation); "
	  "it is IP-in-IP by default, GRE as an option.",
	  WIRE("Data tunnel is IP-in-IP (protocol 4) unless GRE was negotiated (then protocol "
	       "47)") },
	{ "R5563-4.2-04", "RFC 5563 §4.2.3", "SHOULD", "pma",
	  "(lowercase 'should') Traffic between two devices on the same PMA should be routed via "
	  "the HA, without a local shortcut on the PMA.",
	  WIRE("Packet between two devices on one PMA leaves in the sender's tunnel to the HA") },
	{ "R5563-4.3-01", "RFC 5563 §4.3", "MUST", "both",
	  "(no keyword) With a per-node SA, the FA-HA Authentication extension or IPsec "
	  "authenticates the PMA-HA signalling, Registration Revocation included.",
	  WIRE("With a per-node SA, PRRQ, PRRP, Revocation and Ack all carry a valid FA-HA "
	       "authenticator") },
	{ "R5563-4.3-02", "RFC 5563 §4.3", "SHOULD", "both",
	  "(lowercase 'should') With IPsec, ESP in transport mode with mandatory integrity "
	  "protection should be used, between the PMA and HA addresses.",
	  WIRE("If IPsec is claimed: signalling is in ESP transport mode with integrity, PMA "
	       "<-> HA.  Not covered: pmip4ct has no IPsec (no ESP, no IKE), so neither its "
	       "tester nor its references can send, receive or check ESP; test it with an "
	       "IPsec tool") },
	{ "R5563-4.4-01", "RFC 5563 §4.4", "MUST", "pma",
	  "An integrated PMA MUST confirm that the mobile device is still attached before sending "
	  "a Proxy Registration Request.",
	  WIRE("After the device detaches (DHCPRELEASE, or PIXIT pma.detach-cmd), the PMA "
	       "sends no renewal PRRQ for it") },
	{ "R5563-4.5-01", "RFC 5563 §4.5", "MAY", "pma",
	  "When the HA is not on the Home Address's subnet, the PMA MAY use vendor-specific "
	  "extensions or other methods to obtain the default gateway.",
	  LOCAL("optional and vendor-specific: no verdict possible") },
	{ "R5563-4.6-01", "RFC 5563 §4.6", "MUST", "ha",
	  "(no keyword) For a registration with Home Agent 0.0.0.0 or 255.255.255.255, the HA "
	  "answers with its own address in the Home Agent field (RFC 4433).",
	  WIRE("If dynamic HA is claimed: PRRQ to HA 255.255.255.255 gets a PRRP naming the "
	       "HA's address") },
	{ "R5563-5-01", "RFC 5563 §5", "MUST", "both",
	  "(no keyword) PMIPv4 extensions are included before the authentication extension (MN-HA "
	  "or FA-HA) in the registration message.",
	  WIRE("In the DUT's PRRQ or PRRP every 47 and 147 extension precedes the authenticator") },
	{ "R5563-5.1-01", "RFC 5563 §5.1", "MUST", "pma",
	  "The Per-Node Authentication Method extension (47/1) MUST be included in the "
	  "Registration Request when the PMA-HA SA is per node.",
	  WIRE("With a per-node SA, the PMA's PRRQ carries 47/1 (Method 1 with an FA-HA "
	       "authenticator)") },
	{ "R5563-5.1-02", "RFC 5563 §5.1", "MUST", "ha",
	  "The Per-Node Authentication Method extension (47/1) MUST be included in the "
	  "Registration Reply when the PMA-HA SA is per node.",
	  WIRE("PRRQ with 47/1 and an FA-HA authenticator: the PRRP carries 47/1") },
	{ "R5563-5.1-03", "RFC 5563 §5.1", "MUST", "both",
	  "(no keyword) 47/1 has the long format: Type 47, Sub-Type 1, 16-bit Length 1, Method (1 "
	  "FA-HA, 2 IPsec).",
	  WIRE("47/1 sent by the DUT is 5 bytes: 47, 1, Length 0x0001, Method 1 or 2") },
	{ "R5563-5.2-01", "RFC 5563 §5.2", "MAY", "pma",
	  "The Interface ID extension (147/1) MAY be included in the Registration Request when "
	  "the PMA is aware of it.",
	  WIRE("If present, 147/1 in the PRRQ is well formed: Length = 1 + identifier length") },
	{ "R5563-5.3-01", "RFC 5563 §5.3", "MAY", "pma",
	  "The Device ID extension (147/2) MAY be included in the Registration Request when the "
	  "PMA is aware of it.",
	  WIRE("If present, 147/2 in the PRRQ is well formed: Length = 2 + identifier, ID-Type "
	       "1-4") },
	{ "R5563-5.4-01", "RFC 5563 §5.4", "MAY", "pma",
	  "The Subscriber ID extension (147/3) MAY be included in the Registration Request when "
	  "the PMA is aware of it.",
	  WIRE("If present, 147/3 in the PRRQ is well formed: Length = 2 + identifier, ID-Type "
	       "1, Identifier the IMSI in ASCII digits or TBCD (the encoding is left open)") },
	{ "R5563-5.5-01", "RFC 5563 §5.5", "MAY", "pma",
	  "The Access Technology Type extension (147/4) MAY be included in the Registration "
	  "Request when the PMA is aware of the information.",
	  WIRE("If present, 147/4 in the PRRQ has Length 2 and Tech-Type 1-8") },
	{ "R5563-5.5-02", "RFC 5563 §5.5", "MUST NOT", "ha",
	  "(no keyword) The HA does not include the Access Technology Type extension in the "
	  "associated Registration Reply.",
	  WIRE("PRRQ with 147/4: the PRRP has no 147/4") },
	{ "R5563-6.2-01", "RFC 5563 §6.2", "MAY", "pma",
	  "The PMA MAY send an ICMP reply to the device's ICMP request (TTL 1) to its default "
	  "gateway while serving the device.",
	  WIRE("If claimed: the device's ICMP echo with TTL 1 to its gateway gets a reply from "
	       "the PMA") },
	{ "R5563-6.3-01", "RFC 5563 §6.3", "MAY", "pma",
	  "(no keyword) With the DHCP server in the AR, when the lease expires or a DHCP release "
	  "is received, the AR sends a PMIPv4 de-registration to the HA: one of the methods "
	  "described, \"though others may be used as well\".",
	  WIRE("If claimed (PICS pma.dereg-on-detach): a DHCPRELEASE from the device makes the "
	       "PMA send a PRRQ with Lifetime 0") },
	{ "R5563-7-01", "RFC 5563 §7", "MUST NOT", "pma",
	  "(no keyword) The PMA performs the mobile node functions of RFC 3344 except that no "
	  "agent discovery (solicitation or advertisement) is supported.",
	  WIRE("PMA sends no Agent Solicitation and no Agent Advertisement (ICMP 10, 9 + ext "
	       "16)") },
	{ "R5563-7-02", "RFC 5563 §7", "MUST", "pma",
	  "(no keyword) The D bit (decapsulation by MN) in the Registration Request is always set "
	  "to zero.",
	  WIRE("PRRQ from the PMA has D = 0") },
	{ "R5563-8-01", "RFC 5563 §8", "MUST", "ha",
	  "(no keyword) The HA authenticates PRRQs by a per-node SA (FA-HA AE or IPsec); an MN-HA "
	  "or MN-AAA AE is then not needed in the PRRQ.",
	  WIRE("PRRQ with 47/1 and a valid FA-HA authenticator but no MN-HA is accepted") },
	{ "R5563-8-02", "RFC 5563 §8", "MUST", "ha",
	  "(no keyword) The HA has the ability to process the PMIPv4 extensions of RFC 5563 §5.",
	  WIRE("PRRQ carrying 147/1-4 besides 47/1 is accepted") },
	{ "R5563-8.1-01", "RFC 5563 §8.1", "MUST", "ha",
	  "(no keyword) The HA orders PRRQs for one NAI, from any PMA, by sequence; read here "
	  "as by the Identification timestamp, 133 when not newer.",
	  WIRE("PRRQ for the NAI with an Identification older than the accepted one gets code "
	       "133") },
	{ "R5563-8.1-02", "RFC 5563 §8.1", "MUST", "ha",
	  "(no keyword) A denied registration gets 'Administratively prohibited'; the RFC prints "
	  "65, an editorial error for 129.",
	  WIRE("Denied PRRQ gets code 129; 65 passes with PIXIT accept-65 (the leniency "
	       "switch), else is warn") },
	{ "R5563-8.1-03", "RFC 5563 §8.1", "MUST", "ha",
	  "(no keyword) An HA not enabled for PMIPv4, or unable to process its extensions, "
	  "replies with PMIP_UNSUPPORTED (149).",
	  WIRE("With PMIPv4 disabled on the HA, a PRRQ with 47/1 gets code 149") },
	{ "R5563-8.1-04", "RFC 5563 §8.1", "MUST", "ha",
	  "(no keyword) When the PMA is not allowed to send Proxy Registration Requests to the "
	  "HA, the HA replies with PMIP_DISALLOWED (150).",
	  WIRE("PRRQ from the PIXIT ha.pma-denied address gets code 150") },
	{ "R5563-8.1-05", "RFC 5563 §8.1", "SHOULD NOT", "pma",
	  "A PMA receiving PMIP_UNSUPPORTED (149) SHOULD NOT retry sending PMIPv4 messages to the "
	  "HA that sent it.",
	  WIRE("After a PRRP with 149, the PMA sends that HA no further PRRQ") },
	{ "R5563-8.1-06", "RFC 5563 §8.1", "SHOULD NOT", "pma",
	  "A PMA receiving PMIP_DISALLOWED (150) SHOULD NOT retry sending PMIPv4 messages to the "
	  "HA that sent it.",
	  WIRE("After a PRRP with 150, the PMA sends that HA no further PRRQ") },
};

#define N_REQS (sizeof reqs / sizeof reqs[0])

const struct req_def *req_all(size_t *n)
{
	*n = N_REQS;
	return reqs;
}

const struct req_def *req_find(const char *id)
{
	size_t lo = 0, hi = N_REQS;

	if (!id)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(id, reqs[mid].id);

		if (c == 0)
			return &reqs[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}
