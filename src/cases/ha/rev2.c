/* cases_ha_rev2.c — HA cases: Registration Revocation field rules (RFC 3543 §3.2-§3.5):
 * Reserved and I bits of 137, Revocation and Acknowledgment as the HA sends them and as
 * it must take them, and the HA's Revocation Identifier clock. */
#include "cases_ha_lib.h"

#define REV "pmip ha.revocation"

/* PMA1 registers nai with 137 (flags as given); the reply, or NULL. */
static const struct tc_rx *reg137(struct tc *t, const char *nai, uint16_t flags)
{
	struct mip_msg m;
	struct mip_ext *x;

	tc_prrq(t, &m, TC_PMA1, nai);
	if ((x = tc_ext_get(&m, MIP_EXT_REVSUP, -1)))
		x->v.rev.flags = flags;
	return hc_register_msg(t, TC_PMA1, &m, "registration via PMA1");
}

/* After reg137, PMA2 takes nai over: PMA1's first Revocation, or NULL (fail). */
static const struct tc_rx *take_over(struct tc *t, const char *nai)
{
	struct mip_msg m;

	tc_prrq(t, &m, TC_PMA2, nai);
	if (!hc_register_msg(t, TC_PMA2, &m, "handover to PMA2"))
		return NULL;
	return tc_expect(t, TC_SIG(MIP_REV, TC_PMA1), hc_reply_ms(t), "Revocation to PMA1");
}

/* RFC 3543 §3.2: the HA's 137 has its Reserved bits 0, and I = 0 when the request's
 * 137 had I = 0 (I support not negotiated). */
static void rev_137_fields(struct tc *t)
{
	struct mip_msg m;
	const struct tc_rx *r;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	r = tc_request(t, TC_PMA1, &m);
	if (r && tc_check_u(t, "RRP.Code", 0, r->m.code) &&
	    hc_check_present(t, "RRP Revocation Support (137)", r, MIP_EXT_REVSUP, -1))
		tc_check_x(t, "RRP 137 I and Reserved bits", 0,
			   hc_ext(r, MIP_EXT_REVSUP, -1)->v.rev.flags);
}

/* RFC 3543 §3.2: Reserved bits of 137 are ignored on receipt. */
static void rev_137_reserved_in(struct tc *t)
{
	struct mip_msg m;
	const struct tc_rx *r;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	tc_ext_get(&m, MIP_EXT_REVSUP, -1)->v.rev.flags = 0x1234;
	r = tc_request(t, TC_PMA1, &m);
	if (r && tc_check_u(t, "RRP.Code", 0, r->m.code))
		hc_check_present(t, "RRP Revocation Support (137)", r, MIP_EXT_REVSUP, -1);
}

/* RFC 3543 §3.3: the HA's Revocation has octet 1 and the 14 bits after A and I zero,
 * and I = 0 when I support was not negotiated. */
static void rev_fields(struct tc *t)
{
	const char *nai = tc_nai(t, 1);
	const struct tc_rx *v;

	if (!reg137(t, nai, 0) || !(v = take_over(t, nai)))
		return;
	tc_check_u(t, "Revocation octet 1 (Reserved)", 0, v->m.reserved8);
	tc_check_x(t, "Revocation I and Reserved bits", 0, v->m.rflags & ~MIP_REV_A);
}

/* Send a valid PMA revocation of hoa from PMA1 with reserved fields as given; the Ack
 * or NULL. */
static const struct tc_rx *pma_revoke(struct tc *t, uint32_t hoa, uint8_t res8, uint16_t rf)
{
	struct mip_msg v;

	hc_rev(t, &v, TC_PMA1, hoa, hc_ts(t) + 1);
	v.reserved8 = res8;
	v.rflags = rf;
	if (!tc_send(t, TC_PMA1, &v))
		return NULL;
	return tc_recv(t, TC_SIG(MIP_REVACK, TC_PMA1), hc_reply_ms(t));
}

/* RFC 3543 §3.4: the HA's Ack goes from port 434 back to the Revocation's source, with
 * octet 1 zero, I = 0 (the Revocation had I = 0) and the Reserved bits zero. */
static void rev_ack_fields(struct tc *t)
{
	const struct tc_rx *r = reg137(t, tc_nai(t, 1), 0), *a;

	if (!r)
		return;
	a = pma_revoke(t, r->m.hoa, 0, 0);
	if (!tc_check_true(t, "Revocation Ack", "one", a, "none"))
		return;
	tc_check_addr(t, "Ack IPv4 Source", hc_ha_addr(t), a->pkt.ends.src);
	tc_check_u(t, "Ack UDP source port", tc_node_port(t, TC_HA), a->pkt.ends.sport);
	tc_check_u(t, "Ack UDP destination port", tc_node_port(t, TC_PMA1), a->pkt.ends.dport);
	tc_check_u(t, "Ack octet 1 (Reserved)", 0, a->m.reserved8);
	tc_check_x(t, "Ack I and Reserved bits", 0, a->m.rflags);
}

/* RFC 3543 §3.3: Reserved fields of a Revocation are ignored on receipt: it is
 * processed and acknowledged. */
static void rev_reserved_in(struct tc *t)
{
	const struct tc_rx *r = reg137(t, tc_nai(t, 1), 0);

	if (r)
		tc_check_true(t, "Revocation Ack", "one (Reserved fields ignored)",
			      pma_revoke(t, r->m.hoa, 0x5a, 0x1234), "none");
}

/* Handover, then PMA1 acks with the given fields: no further Revocation may come. */
static void ack_stops(struct tc *t, uint8_t res8, uint16_t rf)
{
	const char *nai = tc_nai(t, 1);
	const struct tc_rx *v;
	struct mip_msg ack;

	if (!reg137(t, nai, 0) || !(v = take_over(t, nai)))
		return;
	tc_revack(t, &ack, &v->m);
	ack.reserved8 = res8;
	ack.rflags = rf;
	if (tc_send(t, TC_PMA1, &ack))
		tc_expect_none(t, TC_SIG(MIP_REV, TC_PMA1), 8000, "Revocation after the Ack");
}

/* RFC 3543 §3.4: Reserved fields of an Ack are ignored: it still stops retransmission. */
static void rev_ack_reserved_in(struct tc *t)
{
	ack_stops(t, 0x5a, 0x1234);
}

/* RFC 3543 §3.4: an Ack with I = 1 to a Revocation with I = 0 is still an Ack. */
static void rev_ack_i_in(struct tc *t)
{
	ack_stops(t, 0, MIP_REVACK_I);
}

/* RFC 3543 §3.3, §3.5: the Revocation Identifier is a timestamp of the clock of the
 * HA's 137, not older than the 137 Timestamp it sent for the binding. */
static void rev_id_clock(struct tc *t)
{
	const char *nai = tc_nai(t, 1);
	const struct tc_rx *r = reg137(t, nai, 0), *v;
	uint32_t ts;

	if (!r)
		return;
	if (!hc_ext(r, MIP_EXT_REVSUP, -1)) {
		tc_inconc(t, "preamble: the reply has no 137");
		return;
	}
	ts = hc_ext(r, MIP_EXT_REVSUP, -1)->v.rev.ts;
	if ((v = take_over(t, nai)))
		tc_check_true(t, "Revocation Identifier", tc_printf(t, ">= %u (the HA's 137)", ts),
			      v->m.revid >= ts, "%u", v->m.revid);
}

/* RFC 3543 §3.2: an HA that does not support revocation accepts a request with 137 and
 * answers without 137. */
static void rev_unsupported(struct tc *t)
{
	struct mip_msg m;
	const struct tc_rx *r;
	struct mip_ext *x;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	if (!tc_ext_get(&m, MIP_EXT_REVSUP, -1)) {
		x = tc_ext_insert(&m, MIP_EXT_REVSUP, 0);
		x->v.rev.ts = hc_ts(t);
	}
	r = tc_request(t, TC_PMA1, &m);
	if (r && tc_check_u(t, "RRP.Code", 0, r->m.code))
		hc_check_absent(t, "RRP Revocation Support (137)", r, MIP_EXT_REVSUP, -1);
}

/* RFC 3543 §3.5: Identifiers of different agents "happen to match ... This MUST NOT
 * result in any of these revocation messages being ignored": PMA1 and PMA2 revoke their
 * bindings with the same Revocation Identifier, and both are acknowledged. */
static void rev_same_id_two_pmas(struct tc *t)
{
	static const enum tc_node pma[2] = { TC_PMA1, TC_PMA2 };
	const struct tc_rx *r[2], *a;
	struct mip_msg m;
	uint32_t id;

	for (int i = 0; i < 2; i++) {
		const char *nai = tc_nai(t, (unsigned)i + 1);

		tc_prrq(t, &m, pma[i], nai);
		if (!(r[i] = hc_register_msg(t, pma[i], &m, nai)))
			return;
	}
	id = hc_ts(t) + 1;
	for (int i = 0; i < 2; i++) {
		hc_rev(t, &m, pma[i], r[i]->m.hoa, id);
		if (!tc_send(t, pma[i], &m))
			return;
		a = tc_expect(t, TC_SIG(MIP_REVACK, pma[i]), hc_reply_ms(t),
			      tc_printf(t, "Revocation Ack to PMA%d", i + 1));
		if (!a || !tc_check_u(t, tc_printf(t, "PMA%d's Ack Revocation Identifier", i + 1),
				      id, a->m.revid))
			return;
	}
}

#define C(id, title, ref, lvl, pics, proc, pass, reqs, fn) \
	{ id, "ha-core", CASE_ROLE_HA, title, ref, lvl, pics, proc, pass, "revocation", reqs, fn }
#define HO "PMA1 registers an NAI with 137 (I = 0); PMA2 registers the same NAI."

static const struct case_def defs[] = {
	C("HA-REV-21", "the HA's 137 has I and Reserved zero", "RFC 3543 §3.2", CASE_MUST, REV,
	  "PMA1 sends a PRRQ with 137, I = 0.",
	  "Code 0; the reply's 137 has I = 0 and its 15 Reserved bits 0.",
	  "R3543-3.2-07 R3543-3.2-13 R3543-3.2-14", rev_137_fields),
	C("HA-REV-22", "Reserved bits of a received 137 are ignored", "RFC 3543 §3.2", CASE_MUST,
	  REV, "PMA1 sends a PRRQ with 137 whose Reserved bits are 0x1234.",
	  "Code 0, and the reply carries 137.", "R3543-3.2-08", rev_137_reserved_in),
	C("HA-REV-23", "the HA's Revocation has its reserved fields zero", "RFC 3543 §3.3",
	  CASE_MUST, REV, HO,
	  "PMA1's Revocation has octet 1 = 0, I = 0 and the 14 bits after A and I zero.",
	  "R3543-3.3-03 R3543-3.3-05 R3543-3.3-08", rev_fields),
	C("HA-REV-24", "the HA's Ack is addressed back and has reserved fields zero",
	  "RFC 3543 §3.4", CASE_MUST, REV,
	  "PMA1 registers, then sends a valid Revocation with I = 0.",
	  "The Ack comes from the HA's address and port to PMA1's port, with octet 1 = 0, "
	  "I = 0 and the Reserved bits 0.", "R3543-3.4-01 R3543-3.4-02 R3543-3.4-04 "
	  "R3543-3.4-06", rev_ack_fields),
	C("HA-REV-25", "reserved fields of a received Revocation are ignored", "RFC 3543 §3.3",
	  CASE_MUST, REV,
	  "PMA1 registers, then sends a valid Revocation with octet 1 = 0x5a and Reserved "
	  "bits set.", "The HA acknowledges it.", "R3543-3.3-04 R3543-3.3-09", rev_reserved_in),
	C("HA-REV-26", "reserved fields of a received Ack are ignored", "RFC 3543 §3.4",
	  CASE_MUST, REV, HO " PMA1 acks with octet 1 = 0x5a and Reserved bits set.",
	  "No further Revocation within 8 s.", "R3543-3.4-03 R3543-3.4-07",
	  rev_ack_reserved_in),
	C("HA-REV-27", "an Ack with I = 1 to a Revocation with I = 0 is accepted",
	  "RFC 3543 §3.4", CASE_MUST, REV, HO " PMA1 acks with I = 1.",
	  "No further Revocation within 8 s.", "R3543-3.4-05", rev_ack_i_in),
	C("HA-REV-28", "the HA's Revocation Identifier is on the clock of its 137",
	  "RFC 3543 §3.3, §3.5", CASE_MUST, REV, HO,
	  "The Revocation Identifier is not less than the Timestamp of the HA's 137 to PMA1.",
	  "R3543-3.3-10 R3543-4.2-24", rev_id_clock),
	C("HA-REV-29", "an HA without revocation ignores 137", "RFC 3543 §3.2", CASE_MUST,
	  "pmip !ha.revocation", "PMA1 sends a PRRQ with 137.",
	  "Code 0, and the reply carries no 137.", "R3543-3.2-15", rev_unsupported),
	C("HA-REV-30", "equal Revocation Identifiers from two PMAs are both acted on",
	  "RFC 3543 §3.5", CASE_MUST, REV,
	  "PMA1 and PMA2 each register an NAI with 137, then each revoke their binding with "
	  "the same Revocation Identifier.",
	  "Both Revocations are acknowledged, each Ack with that Identifier.", "R3543-3.5-07",
	  rev_same_id_two_pmas),
};

CASE_TABLE(cases_ha_rev2, defs);
