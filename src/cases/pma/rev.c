/* pma/rev.c — PMA-REV, revocation at the PMA: RFC 3543 §3.2-§3.5, §4.2.2.2, §4.2.3. */
/* The tester is the device's HA.  Revocations the PMA receives from it (§4.2.2.2): the Ack,
 * its Identifier, Home Address and FA-HA, the binding gone; the A bit and the Identifier
 * against reflection and replay (§3.5), the binding named by all its addresses and
 * registered before the Revocation, the Ack addressed back with I = 0.  The PMA's own
 * Revocation when a device detaches (§4.2.3.1; §3.3 addressing and authenticator, §3.5
 * Identifier, §3.2 and §4.2.1 negotiation): the tester grants the registration, makes the
 * device detach, and receives the Revocation at PIXIT ha. */
#include "tc_mn.h"

#define S_MS 1000ull
#define REV_WAIT_MS 70000ull /* longer than any retransmission timeout of the cases */
#define REV_PICS "pmip pma.revocation"
#define REVOKE_PICS REV_PICS " pma.revoke"

/* ---- Revocations from the HA ---- */

/* Register device 1, revoke it: the acknowledgment, or NULL (fail). */
static const struct tc_rx *revoke(struct tc *t, struct tc_mn *mn, uint32_t *revid)
{
	struct mip_msg rev;

	if (!tc_mn_up_rev(t, mn, 0, &rev))
		return NULL;
	*revid = rev.revid;
	if (!tc_send(t, TC_HA, &rev))
		return NULL;
	return tc_expect(t, TC_SIG(MIP_REVACK, TC_HA), params_ms(tc_params(t), "reply-ms"),
			 "Revocation Ack");
}

/* RFC 3543 §3.4: the ack copies the Revocation Identifier. */
static void rev_ack_id(struct tc *t)
{
	struct tc_mn mn;
	uint32_t id;
	const struct tc_rx *r = revoke(t, &mn, &id);

	if (r)
		tc_check_u(t, "Revocation Ack Revocation Identifier", id, r->m.revid);
}

/* RFC 3543 §3.4: the ack copies the home address. */
static void rev_ack_hoa(struct tc *t)
{
	struct tc_mn mn;
	uint32_t id;
	const struct tc_rx *r = revoke(t, &mn, &id);

	if (r)
		tc_check_addr(t, "Revocation Ack Home Address", mn.hoa, r->m.hoa);
}

/* RFC 3543 §3.4, §6.2: the ack is FA-HA protected. */
static void rev_ack_auth(struct tc *t)
{
	struct tc_mn mn;
	uint32_t id;
	const struct tc_rx *r = revoke(t, &mn, &id);

	if (r)
		tc_check_auth(t, "Revocation Ack FA-HA authenticator (34)", r, MIP_EXT_FAHA,
			      tc_sa(t));
}

/* RFC 3543 §4.2.3: a revoked binding is gone: the PMA does not renew it. */
static void rev_state_removed(struct tc *t)
{
	struct tc_mn mn;
	uint32_t id;

	if (revoke(t, &mn, &id))
		tc_expect_none(t, TC_SIG(MIP_RRQ, TC_HA), mn.lifetime * S_MS,
			       "PRRQ for the revoked binding");
}

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

/* ---- the PMA's own Revocations ---- */

/* Device 1 registers (granted `grant` s, 0: what it asked; the reply as `flags` say) and
 * detaches: the PMA's first Revocation, or NULL (fail). */
static const struct tc_rx *revoked(struct tc *t, struct tc_mn *mn, uint16_t grant,
				   unsigned flags)
{
	if (!tc_mn_up_with(t, mn, 1, grant, flags) || !tc_detach(t, mn->mac))
		return NULL;
	return tc_expect(t, TC_SIG(MIP_REV, TC_NODE_COUNT), params_ms(tc_params(t), "reply-ms"),
			 "Revocation after the detach");
}

/* The next Revocation (a retransmission) within ms, or NULL. */
static const struct tc_rx *next_rev(struct tc *t, uint64_t ms)
{
	return tc_recv(t, TC_SIG(MIP_REV, TC_NODE_COUNT), ms);
}

/* The first Revocation and n - 1 retransmissions into v[]: false (fail) when fewer. */
static bool revocations(struct tc *t, const struct tc_rx **v, unsigned n)
{
	struct tc_mn mn;
	unsigned k;

	if (!(v[0] = revoked(t, &mn, 0, 0)))
		return false;
	for (k = 1; k < n && (v[k] = next_rev(t, REV_WAIT_MS)); k++)
		;
	return tc_check_true(t, "unacknowledged Revocation retransmissions",
			     tc_printf(t, "at least %u", n - 1), k == n, "%u", k - 1);
}

/* RFC 3543 §3.3: the FA's Revocation goes from its care-of address to the HA address
 * of the binding, UDP port 434, and names the binding. */
static void rev_addressing(struct tc *t)
{
	struct tc_mn mn;
	const struct tc_rx *v = revoked(t, &mn, 0, 0);
	uint32_t coa, ha = tc_node_addr(t, TC_HA);

	if (!v)
		return;
	coa = mn.rrq->m.coa;
	tc_check_addr(t, "Revocation IPv4 Source (the care-of address)", coa, v->pkt.ends.src);
	tc_check_addr(t, "Revocation IPv4 Destination (the HA)", ha, v->pkt.ends.dst);
	tc_check_u(t, "Revocation UDP destination port", MIP_PORT, v->pkt.ends.dport);
	tc_check_addr(t, "Revocation Home Address", mn.hoa, v->m.hoa);
	tc_check_addr(t, "Revocation Home Domain Address", ha, v->m.ha);
	tc_check_addr(t, "Revocation Foreign Domain Address", coa, v->m.coa);
}

/* RFC 3543 §4.2.3.1: "the 'A' bit MUST be set to '0'"; §3.3: Reserved fields 0. */
static void rev_a_bit(struct tc *t)
{
	struct tc_mn mn;
	const struct tc_rx *v = revoked(t, &mn, 0, 0);

	if (!v)
		return;
	tc_check_x(t, "Revocation A bit", 0, v->m.rflags & MIP_REV_A);
	tc_check_u(t, "Revocation octet 1 (Reserved)", 0, v->m.reserved8);
	tc_check_x(t, "Revocation Reserved bits after A and I", 0,
		   v->m.rflags & ~(MIP_REV_A | MIP_REV_I));
}

/* RFC 3543 §4.2.3.1, §3.3: I = 0 unless both 137s had I = 1 (the tester's has I = 0). */
static void rev_i_unnegotiated(struct tc *t)
{
	struct tc_mn mn;
	const struct tc_rx *v = revoked(t, &mn, 0, 0);

	if (v)
		tc_check_x(t, "Revocation I bit (not negotiated)", 0, v->m.rflags & MIP_REV_I);
}

/* RFC 3543 §4.2.3.1: with the I bit negotiated the FA "MUST set the 'I' bit to '1' in the
 * revocation message", asking the HA to decide in its Ack. */
static void rev_i_negotiated(struct tc *t)
{
	struct tc_mn mn;
	const struct tc_rx *v = revoked(t, &mn, 0, TC_MN_137_I);
	const struct mip_ext *x;

	if (!v)
		return;
	x = mip_ext_find(&mn.rrq->m, MIP_EXT_REVSUP, -1);
	if (!x || !(x->v.rev.flags & MIP_REVSUP_I)) {
		tc_inconc(t, "preamble: the PMA's 137 has no I bit (PICS pma.revocation-i)");
		return;
	}
	tc_check_x(t, "Revocation I bit (negotiated)", MIP_REV_I, v->m.rflags & MIP_REV_I);
}

/* RFC 3543 §3.5, §4.2.3.1: the Identifier is a timestamp of the clock of the PMA's 137s,
 * so not older than the 137 of its last request for the binding. */
static void rev_id_clock(struct tc *t)
{
	struct tc_mn mn;
	const struct tc_rx *v = revoked(t, &mn, 0, 0);
	const struct mip_ext *x;

	if (!v)
		return;
	if (!(x = mip_ext_find(&mn.rrq->m, MIP_EXT_REVSUP, -1))) {
		tc_inconc(t, "preamble: the PMA's request has no 137");
		return;
	}
	tc_check_true(t, "Revocation Identifier",
		      tc_printf(t, ">= %u (the PMA's 137 Timestamp)", x->v.rev.ts),
		      v->m.revid >= x->v.rev.ts, "%u", v->m.revid);
}

/* RFC 3543 §3.3, §4.2.3.1, §6.2: the Revocation carries a valid FA-HA. */
static void rev_auth(struct tc *t)
{
	struct tc_mn mn;
	const struct tc_rx *v = revoked(t, &mn, 0, 0);

	if (v)
		tc_check_auth(t, "Revocation FA-HA authenticator (34)", v, MIP_EXT_FAHA, tc_sa(t));
}

/* RFC 3543 §4.2.3.1: without an Ack the FA MUST retransmit the Revocation. */
static void rev_retransmit(struct tc *t)
{
	const struct tc_rx *v[2];

	revocations(t, v, 2);
}

/* RFC 3543 §4.2.3.1: each retransmission has a newer Identifier, and so a new, valid
 * authenticator. */
static void rev_fresh_id(struct tc *t)
{
	const struct tc_rx *v[3];

	if (!revocations(t, v, 3))
		return;
	for (int i = 1; i < 3; i++)
		if (!tc_check_true(t, tc_printf(t, "retransmission %d Revocation Identifier", i),
				   tc_printf(t, "> %u", v[i - 1]->m.revid),
				   v[i]->m.revid > v[i - 1]->m.revid, "%u", v[i]->m.revid) ||
		    !tc_check_auth(t, tc_printf(t, "retransmission %d FA-HA authenticator", i),
				   v[i], MIP_EXT_FAHA, tc_sa(t)))
			return;
}

/* The interval before the i-th of the Revocations v[] (counting from 0). */
static uint64_t gap(const struct tc_rx *const *v, int i)
{
	return v[i]->at_ms - v[i - 1]->at_ms;
}

/* RFC 3543 §4.2.3.1, §3.3: no more than one Revocation per second for a binding; (SHOULD)
 * the retransmissions back off exponentially, as registrations do (RFC 5944 §3.6.3):
 * each interval at least twice the one before (more is exponential too). */
static void rev_timing(struct tc *t, bool backoff)
{
	const struct tc_rx *v[4];

	if (!revocations(t, v, 4))
		return;
	for (int i = 1 + backoff; i < 4; i++) {
		const char *what = tc_printf(t, "interval before Revocation %d", i + 1);

		if (backoff ? !tc_check_at_least(t, what, 2 * gap(v, i - 1), gap(v, i))
			    : !tc_check_true(t, what, ">= 1000 ms", gap(v, i) >= 1000, "%llu ms",
					     (unsigned long long)gap(v, i)))
			return;
	}
}

static void rev_rate(struct tc *t)
{
	rev_timing(t, false);
}

static void rev_backoff(struct tc *t)
{
	rev_timing(t, true);
}

/* RFC 3543 §4.2.3.1, §3.3: no Revocation beyond the binding's lifetime (10 s here).  How
 * long the tester watches after the last one is its own timer (scaled, tc_ms). */
static void rev_lifetime(struct tc *t)
{
	struct tc_mn mn;
	const struct tc_rx *v = revoked(t, &mn, 10, 0);
	uint64_t end = mn.sent_ms + 10 * S_MS;

	for (; v; v = next_rev(t, tc_ms(t, REV_WAIT_MS)))
		if (!tc_check_true(t, "Revocation time",
				   tc_printf(t, "< %llu ms (the lifetime's end)",
					     (unsigned long long)end),
				   v->at_ms < end, "%llu ms", (unsigned long long)v->at_ms))
			return;
}

/* RFC 3543 §3.5: an Ack naming another Identifier is silently discarded, the Revocation
 * retransmitted; §3.4: one that matches stops it, its I = 1 notwithstanding. */
static void rev_ack_match(struct tc *t)
{
	struct tc_mn mn;
	const struct tc_rx *v[2];
	struct mip_msg ack;
	uint64_t gap;

	if (!(v[0] = revoked(t, &mn, 0, 0)))
		return;
	tc_revack(t, &ack, &v[0]->m);
	ack.revid ^= 0x5a5a;
	if (!tc_send(t, TC_HA, &ack))
		return;
	v[1] = next_rev(t, REV_WAIT_MS);
	if (!tc_check_true(t, "Revocation after an Ack with another Identifier",
			   "a retransmission", v[1], "none"))
		return;
	gap = v[1]->at_ms - v[0]->at_ms;
	if (tc_revack_reply(t, v[1], MIP_REVACK_I))
		tc_expect_none(t, TC_SIG(MIP_REV, TC_NODE_COUNT), 4 * gap + S_MS,
			       "Revocation after the matching Ack");
}

/* After a reply as `flags` say, a detach must not revoke: the next message is a PRRQ
 * with lifetime 0, or none at all from a PMA that lets the binding lapse (RFC 5944
 * §3.6.1.2: deregistration is a MAY; PICS pma.dereg-on-detach not claimed). */
static void detach_deregisters(struct tc *t, unsigned flags, const char *why)
{
	struct tc_mn mn;
	const struct tc_rx *r;

	if (!tc_mn_up_with(t, &mn, 1, 0, flags) || !tc_detach(t, mn.mac))
		return;
	r = tc_recv(t, TC_SIG(-1, TC_NODE_COUNT), params_ms(tc_params(t), "reply-ms"));
	if (!r && !tc_mn_claims(t, "pma.dereg-on-detach")) {
		tc_note(t, "no message after the detach: no Revocation, and the binding lapses "
			"(PICS pma.dereg-on-detach not claimed)");
		tc_pass(t);
		return;
	}
	if (tc_check_true(t, tc_printf(t, "message after the detach (%s)", why),
			  "a PRRQ with lifetime 0", r && r->decoded && r->m.type == MIP_RRQ,
			  "%s", r ? tc_summary(t, r) : "nothing"))
		tc_check_u(t, "PRRQ after the detach Lifetime", 0, r->m.lifetime);
}

/* RFC 3543 §4.2.1: a reply without 137: the HA takes no part in revocation, the PMA
 * sends it none for that binding. */
static void rev_no_137(struct tc *t)
{
	detach_deregisters(t, TC_MN_NO_137, "the reply had no 137");
}

/* RFC 3543 §3.2 (RFC 5944 §3.7.3.1): a 137 the reply's authenticator does not cover is
 * not acted on: revocation is not negotiated. */
static void rev_uncovered_137(struct tc *t)
{
	detach_deregisters(t, TC_MN_137_UNCOVERED, "the reply's 137 followed its FA-HA");
}

#define REV_TAGS(n, title, ref, lvl, pics, proc, pass, tags, reqs, fn) \
	{ "PMA-REV-" n, "pma-core", CASE_ROLE_PMA, title, ref, lvl, pics, proc, pass, tags, \
	  reqs, fn }
#define REV(n, title, ref, lvl, pics, proc, pass, reqs, fn) \
	REV_TAGS(n, title, ref, lvl, pics, proc, pass, "revocation", reqs, fn)
#define REV_IN(n, title, lvl, pics, proc, pass, reqs, fn) \
	REV(n, title, "RFC 3543 §4.2.2.2, §3.5", lvl, pics, proc, pass, reqs, fn)
#define UP "A device attaches; the tester's HA accepts the PRRQ (code 0, HoA PIXIT pma.hoa)" \
	   " and the device completes DHCP. "
#define UP137 "A device attaches; the tester's HA accepts with 137 and the device completes " \
	      "DHCP. "
#define KEPT "No Revocation Ack within PIXIT silence-ms, and the PMA renews the binding."
#define DET "A device attaches; the tester's HA accepts with 137 (I = 0); the device " \
	    "completes DHCP and detaches (DHCPRELEASE, or PIXIT pma.detach-cmd). "
#define NO_REV_LAPSE " (no message at all passes when PICS pma.dereg-on-detach does not " \
	"claim deregistration: the binding lapses, RFC 5944 §3.6.1.2)."
#define UNACKED DET "The HA acknowledges nothing."

static const struct case_def defs[] = {
	REV("01", "a revocation is acknowledged with its identifier", "RFC 3543 §3.4, §4.2.3",
	    CASE_MUST, REV_PICS,
	    UP "The HA sends a valid revocation for the home address (A = 1, FA-HA).",
	    "A Revocation Ack comes with the same Revocation Identifier.",
	    "R3543-3.4-08 R5563-4.1-08", rev_ack_id),
	REV("02", "the acknowledgment names the revoked home address", "RFC 3543 §3.4",
	    CASE_MUST, REV_PICS, UP "The HA sends a valid revocation.",
	    "The Revocation Ack's Home Address is the revoked one.", "R3543-4.2-41", rev_ack_hoa),
	REV_TAGS("03", "the acknowledgment is FA-HA protected", "RFC 3543 §3.4, §6.2",
		 CASE_MUST, REV_PICS, UP "The HA sends a valid revocation.",
		 "The Revocation Ack carries an FA-HA valid with PIXIT sa.", "revocation auth",
		 "R3543-3.4-09 R3543-4.2-42 R3543-3.5-01", rev_ack_auth),
	REV("04", "a revoked binding is not renewed", "RFC 3543 §4.2.3", CASE_MUST, REV_PICS,
	    UP "The HA revokes the binding; the tester waits the granted lifetime.",
	    "No PRRQ for the binding comes.", "R3543-4.2-36 R5563-4.1-08", rev_state_removed),
	REV("05", "a detach revokes: from the care-of address to the HA, port 434",
	    "RFC 3543 §3.3, §4.2.3.1", CASE_MUST, REVOKE_PICS, DET,
	    "A Revocation comes from the PRRQ's care-of address to PIXIT ha at UDP port 434, "
	    "naming the home address, the HA (Home Domain Address) and the care-of address "
	    "(Foreign Domain Address).", "R3543-3.3-02", rev_addressing),
	REV("06", "the PMA's Revocation has A = 0", "RFC 3543 §4.2.3.1, §3.3", CASE_MUST,
	    REVOKE_PICS, DET, "A = 0; octet 1 and the 14 bits after A and I are 0.",
	    "R3543-4.2-51 R3543-3.3-03 R3543-3.3-08", rev_a_bit),
	REV("07", "without the I bit negotiated the Revocation has I = 0",
	    "RFC 3543 §4.2.3.1, §3.3", CASE_MUST, REVOKE_PICS, DET, "The Revocation has I = 0.",
	    "R3543-4.2-50 R3543-3.3-05", rev_i_unnegotiated),
	REV("08", "with the I bit negotiated the Revocation has I = 1", "RFC 3543 §4.2.3.1",
	    CASE_MUST, REVOKE_PICS " pma.revocation-i",
	    "A device attaches; the PMA's 137 has I = 1 and the HA's reply 137 has I = 1; the "
	    "device completes DHCP and detaches.", "The Revocation has I = 1.",
	    "R3543-4.2-49", rev_i_negotiated),
	REV("09", "the Revocation Identifier is a timestamp of the 137 clock",
	    "RFC 3543 §3.5, §4.2.3.1", CASE_MUST, REVOKE_PICS, DET,
	    "The Revocation Identifier is not less than the Timestamp of the PMA's 137.",
	    "R3543-4.2-52 R3543-3.3-10", rev_id_clock),
	REV("10", "the PMA's Revocation carries a valid FA-HA", "RFC 3543 §3.3, §4.2.3.1, §6.2",
	    CASE_MUST, REVOKE_PICS, DET, "The Revocation's FA-HA verifies with PIXIT sa.",
	    "R3543-4.2-53 R3543-3.3-11 R3543-3.5-01", rev_auth),
	REV("11", "an unacknowledged Revocation is retransmitted", "RFC 3543 §4.2.3.1",
	    CASE_MUST, REVOKE_PICS, UNACKED, "A second Revocation comes.", "R3543-4.2-54",
	    rev_retransmit),
	REV("12", "each retransmission has a newer Identifier and a valid authenticator",
	    "RFC 3543 §4.2.3.1, §3.5", CASE_MUST, REVOKE_PICS, UNACKED,
	    "The Identifiers of the first three Revocations strictly increase; each "
	    "retransmission's FA-HA verifies.", "R3543-4.2-55 R3543-3.5-01", rev_fresh_id),
	REV("13", "Revocations for a binding are at least 1 s apart", "RFC 3543 §4.2.3.1, §3.3",
	    CASE_MUST, REVOKE_PICS, UNACKED,
	    "Among the first four Revocations every interval is 1000 ms or more.",
	    "R3543-4.2-56 R3543-3.3-14", rev_rate),
	REV("14", "Revocation retransmissions back off exponentially", "RFC 3543 §4.2.3.1",
	    CASE_SHOULD, REVOKE_PICS, UNACKED,
	    "Among the first four Revocations each interval is at least twice the one "
	    "before (less PIXIT tolerance).", "R3543-4.2-57", rev_backoff),
	REV("15", "no Revocation after the binding's lifetime", "RFC 3543 §4.2.3.1, §3.3",
	    CASE_MUST, REVOKE_PICS,
	    "A device attaches; the tester's HA grants 10 s with 137; the device completes "
	    "DHCP and detaches; the HA acknowledges nothing.",
	    "No Revocation comes 10 s or more after the request.", "R3543-4.2-58 R3543-3.3-13",
	    rev_lifetime),
	REV("16", "only a matching Ack stops the retransmissions", "RFC 3543 §3.4, §3.5",
	    CASE_MUST, REVOKE_PICS,
	    DET "The HA acknowledges with another Identifier, then acknowledges the "
	    "retransmission correctly, with I = 1.",
	    "The wrong Ack is followed by a retransmission; after the right one no Revocation "
	    "comes within four times the last interval.",
	    "R3543-3.5-05 R3543-3.5-06 R3543-3.4-05", rev_ack_match),
	REV("17", "no Revocation when the reply had no 137", "RFC 3543 §4.2.1", CASE_SHOULD,
	    REVOKE_PICS,
	    "A device attaches; the tester's HA accepts without 137; the device completes "
	    "DHCP and detaches.", "The next message is a PRRQ with lifetime 0, not a "
	    "Revocation" NO_REV_LAPSE, "R3543-4.2-04", rev_no_137),
	REV("18", "a 137 after the reply's authenticator negotiates nothing", "RFC 3543 §3.2",
	    CASE_MUST, REVOKE_PICS,
	    "A device attaches; the tester's HA accepts with its 137 after the FA-HA "
	    "extension; the device completes DHCP and detaches.",
	    "The next message is a PRRQ with lifetime 0, not a Revocation" NO_REV_LAPSE,
	    "R3543-3.2-11",
	    rev_uncovered_137),
	REV_IN("19", "a Revocation with A = 0 is not acted on", CASE_MUST, REV_PICS,
	    UP137 "The HA sends a valid Revocation with A = 0.", KEPT,
	    "R3543-4.2-32 R3543-3.5-03", rev_in_reflection),
	REV_IN("20", "a Revocation replayed after re-registration is not acted on", CASE_MUST,
	    REV_PICS, UP137 "The HA revokes the binding (acknowledged); the device registers "
	    "again and the HA sends the same Revocation again.", KEPT,
	    "R3543-4.2-33 R3543-3.5-04", rev_in_replay),
	REV_IN("21", "a Revocation naming another binding leaves the binding", CASE_MUST,
	    REV_PICS, UP137 "The HA sends three valid Revocations: for another home address, "
	    "another foreign domain address, another home domain address.",
	    "The PMA renews the binding before its lifetime ends.", "R3543-4.2-34",
	    rev_in_other_binding),
	REV_IN("22", "a Revocation older than the registration is not acted on", CASE_MUST,
	    REV_PICS, UP137 "The HA sends a valid Revocation whose Identifier is 60 s older than "
	    "the Timestamp of its reply's 137.", KEPT, "R3543-4.2-35", rev_in_before_reg),
	REV_IN("23", "the Ack goes to the Revocation's source", CASE_MUST, REV_PICS,
	    UP137 "The HA sends a valid Revocation from a second address, PIXIT pma.ha-alt.",
	    "The Ack comes from UDP port 434 to that address and port.",
	    "R3543-4.2-37 R3543-3.4-01", rev_in_ack_source),
	REV_IN("24", "the PMA's Ack has I = 0", CASE_MUST, REV_PICS " pma.revocation-i",
	    "A device attaches; the PMA's 137 has I = 1 and the HA's reply 137 has I = 1; the "
	    "device completes DHCP.  The HA sends a valid Revocation with I = 1.",
	    "The Ack has I = 0.", "R3543-4.2-40", rev_in_ack_i),
};

CASE_TABLE(cases_pma_rev, defs);
