/* cases_pma_rev2.c — PMA cases: Revocations the PMA receives from its HA (RFC 3543
 * §4.2.2.2): the A bit and the Identifier against reflection and replay (§3.5), the
 * binding named by all its addresses and registered before the Revocation, and the Ack
 * addressed back with I = 0.  The tester is the device's HA. */
#include "tc_mn.h"

#define S_MS 1000ull
#define REV_PICS "pmip pma.revocation"

/* Send rev from `from`; its Ack there within reply-ms, or NULL. */
static const struct tc_rx *send_rev(struct tc *t, enum tc_node from, const struct mip_msg *rev)
{
	if (!tc_send(t, from, rev))
		return NULL;
	return tc_recv(t, TC_SIG(MIP_REVACK, from), params_ms(tc_params(t), "reply-ms"));
}

/* The binding is still in place: no Ack to what was sent, and the PMA renews it
 * (RFC 5563 §4.4) before its lifetime ends. */
static void binding_kept(struct tc *t, const struct tc_mn *mn, const char *what)
{
	if (tc_expect_none(t, TC_SIG(MIP_REVACK, TC_NODE_COUNT),
			   params_ms(tc_params(t), "silence-ms"), what))
		tc_mn_rrq(t, mn->lifetime * S_MS, "PRRQ renewal of the binding kept");
}

/* RFC 3543 §3.5, §4.2.2.2: a Revocation with A = 0 (what the PMA itself would send) is
 * a reflection: not acted on. */
static void rev_in_reflection(struct tc *t)
{
	struct tc_mn mn;
	struct mip_msg rev;

	if (!tc_mn_up_rev(t, &mn, 0, &rev))
		return;
	rev.rflags = 0;
	if (tc_send(t, TC_HA, &rev))
		binding_kept(t, &mn, "Revocation Ack to a Revocation with A = 0");
}

/* RFC 3543 §3.5, §4.2.2.2: a Revocation acknowledged before, replayed after the device
 * registered again, is not acted on. */
static void rev_in_replay(struct tc *t)
{
	struct tc_mn mn;
	struct mip_msg rev;

	if (!tc_mn_up_rev(t, &mn, 0, &rev))
		return;
	if (!tc_check_true(t, "Revocation Ack to the first Revocation", "one",
			   send_rev(t, TC_HA, &rev), "none") ||
	    !tc_mn_up(t, &mn, 1, 0))
		return;
	if (tc_send(t, TC_HA, &rev))
		binding_kept(t, &mn, "Revocation Ack to the replayed Revocation");
}

/* RFC 3543 §4.2.2.2: the binding is identified by home address, foreign domain address
 * and home domain address: a Revocation naming another of any leaves it in place. */
static void rev_in_other_binding(struct tc *t)
{
	struct tc_mn mn;
	struct mip_msg rev[3];
	const struct tc_rx *r;

	if (!tc_mn_up(t, &mn, 1, 0))
		return;
	for (int i = 0; i < 3; i++)
		tc_mn_revocation(t, &rev[i], mn.hoa, tc_mn_revid(t));
	rev[0].hoa = mn.hoa + 100;  /* another home address */
	rev[1].coa ^= 0x00000100u;  /* another foreign domain address (care-of address) */
	rev[2].ha ^= 0x00000100u;   /* another home domain address (HA) */
	for (int i = 0; i < 3; i++)
		send_rev(t, TC_HA, &rev[i]); /* acknowledged or not: both are right */
	r = tc_mn_rrq(t, mn.lifetime * S_MS, "PRRQ renewal of the binding no Revocation named");
	if (r)
		tc_check_addr(t, "PRRQ renewal Home Address", mn.hoa, r->m.hoa);
}

/* RFC 3543 §4.2.2.2: "the timestamp of a registration MUST precede the revocation
 * message": an Identifier older than the Timestamp of the HA's 137 in the last reply is
 * not acted on. */
static void rev_in_before_reg(struct tc *t)
{
	struct tc_mn mn;
	struct mip_msg rev;

	if (!tc_mn_up_rev(t, &mn, 0, &rev))
		return;
	if (!mn.rev_ts) {
		tc_inconc(t, "preamble: the tester's reply carried no 137");
		return;
	}
	rev.revid = mn.rev_ts - 60;
	if (tc_send(t, TC_HA, &rev))
		binding_kept(t, &mn, "Revocation Ack to a Revocation older than the registration");
}

/* RFC 3543 §4.2.2.2, §3.4: the Ack goes to the source address of the Revocation (here a
 * second address of the HA, PIXIT pma.ha-alt), from port 434 to its source port. */
static void rev_in_ack_source(struct tc *t)
{
	struct tc_mn mn;
	struct mip_msg rev;
	const struct tc_rx *a;

	if ((tc_remote(t) && !tc_pixit_given(t, "pma.ha-alt")) ||
	    !tc_mn_up_rev(t, &mn, 0, &rev) || !tc_send(t, TC_HA_ALT, &rev))
		return;
	a = tc_expect(t, TC_SIG(MIP_REVACK, TC_NODE_COUNT), params_ms(tc_params(t), "reply-ms"),
		      "Revocation Ack");
	if (!a)
		return;
	tc_check_addr(t, "Ack IPv4 Destination (the Revocation's source)",
		      tc_node_addr(t, TC_HA_ALT), a->pkt.ends.dst);
	tc_check_u(t, "Ack UDP destination port", tc_node_port(t, TC_HA_ALT), a->pkt.ends.dport);
	tc_check_u(t, "Ack UDP source port", MIP_PORT, a->pkt.ends.sport);
}

/* RFC 3543 §4.2.2.2: a PMA does not inform the device (no agent advertisements, RFC 5563
 * §7), so its Ack has I = 0 even when the Revocation, with I negotiated, had I = 1. */
static void rev_in_ack_i(struct tc *t)
{
	struct tc_mn mn;
	struct mip_msg rev;
	const struct tc_rx *a;

	if (!tc_mn_up_rev(t, &mn, TC_MN_137_I, &rev))
		return;
	rev.rflags |= MIP_REV_I;
	if (!tc_send(t, TC_HA, &rev))
		return;
	a = tc_expect(t, TC_SIG(MIP_REVACK, TC_HA), params_ms(tc_params(t), "reply-ms"),
		      "Revocation Ack");
	if (a)
		tc_check_x(t, "Ack I bit", 0, a->m.rflags & MIP_REVACK_I);
}

#define REV(n, title, lvl, pics, proc, pass, reqs, fn) \
	{ "PMA-REV-" n, "pma-core", CASE_ROLE_PMA, title, "RFC 3543 §4.2.2.2, §3.5", lvl, \
	  pics, proc, pass, "revocation", reqs, fn }
#define UP "A device attaches; the tester's HA accepts with 137 and the device completes " \
	   "DHCP. "
#define KEPT "No Revocation Ack within PIXIT silence-ms, and the PMA renews the binding."

static const struct case_def defs[] = {
	REV("19", "a Revocation with A = 0 is not acted on", CASE_MUST, REV_PICS,
	    UP "The HA sends a valid Revocation with A = 0.", KEPT,
	    "R3543-4.2-32 R3543-3.5-03", rev_in_reflection),
	REV("20", "a Revocation replayed after re-registration is not acted on", CASE_MUST,
	    REV_PICS, UP "The HA revokes the binding (acknowledged); the device registers "
	    "again and the HA sends the same Revocation again.", KEPT,
	    "R3543-4.2-33 R3543-3.5-04", rev_in_replay),
	REV("21", "a Revocation naming another binding leaves the binding", CASE_MUST,
	    REV_PICS, UP "The HA sends three valid Revocations: for another home address, "
	    "another foreign domain address, another home domain address.",
	    "The PMA renews the binding before its lifetime ends.", "R3543-4.2-34",
	    rev_in_other_binding),
	REV("22", "a Revocation older than the registration is not acted on", CASE_MUST,
	    REV_PICS, UP "The HA sends a valid Revocation whose Identifier is 60 s older than "
	    "the Timestamp of its reply's 137.", KEPT, "R3543-4.2-35", rev_in_before_reg),
	REV("23", "the Ack goes to the Revocation's source", CASE_MUST, REV_PICS,
	    UP "The HA sends a valid Revocation from a second address, PIXIT pma.ha-alt.",
	    "The Ack comes from UDP port 434 to that address and port.",
	    "R3543-4.2-37 R3543-3.4-01", rev_in_ack_source),
	REV("24", "the PMA's Ack has I = 0", CASE_MUST, REV_PICS " pma.revocation-i",
	    "A device attaches; the PMA's 137 has I = 1 and the HA's reply 137 has I = 1; the "
	    "device completes DHCP.  The HA sends a valid Revocation with I = 1.",
	    "The Ack has I = 0.", "R3543-4.2-40", rev_in_ack_i),
};

CASE_TABLE(cases_pma_rev2, defs);
