/* ha/rev.c — HA-REV, Registration Revocation: RFC 3543 §3-§4; RFC 5563 §4.1.4, §4.3. */
/* Negotiation with 137; the HA revoking the old PMA after a handover (A bit, FA-HA,
 * retransmission with backoff and fresh identifiers, stopping on the Ack or at the end of the
 * lifetime); revocations sent by a PMA (Ack, replay and reflection protection); the
 * Reserved and I bits of 137, Revocation and Ack as the HA sends and takes them; the HA's
 * Revocation Identifier clock (DESIGN.md §6.10). */
#include "peer.h"

#define REV "pmip ha.revocation"
/* The cases that need a revocation on handover: RFC 5563 §4.1.4 says the HA "may". */
#define REVHO REV " ha.revoke-on-handover"

/* PMA1 registers nai with 137 (tc_prrq includes it with PICS ha.revocation; I = 0), m
 * keeping the request (its 137 Timestamp): the reply, or NULL (inconc). */
static const struct tc_rx *reg_keep(struct tc *t, struct mip_msg *m, const char *nai)
{
	tc_prrq(t, m, TC_PMA1, nai);
	return hc_register_msg(t, TC_PMA1, m, "registration via PMA1");
}

/* reg_keep, when the request is not needed. */
static const struct tc_rx *reg137(struct tc *t, const char *nai)
{
	struct mip_msg m;

	return reg_keep(t, &m, nai);
}

/* After nai's registration via PMA1, PMA2 takes it over: PMA1's first Revocation, or
 * NULL.  RFC 5563 §4.1.4 lets the HA revoke ("may"): when it does not, the case has nothing
 * to judge (none); HA-REV-03 judges the revocation itself. */
static const struct tc_rx *take_over(struct tc *t, const char *nai)
{
	const struct tc_rx *v;

	if (!hc_handover(t, nai))
		return NULL;
	v = tc_recv(t, TC_SIG(MIP_REV, TC_PMA1), hc_reply_ms(t));
	if (!v)
		tc_none(t, "the HA did not revoke on handover (RFC 5563 §4.1.4: may); nothing to "
			"judge");
	else
		tc_dp_event(t, "revocation");
	return v;
}

/* Register nai via PMA1 (tc_register: the binding is in the postamble), then take_over.
 * *hoa gets the address. */
static const struct tc_rx *handover(struct tc *t, const char *nai, uint32_t *hoa)
{
	const struct tc_rx *r = tc_register(t, TC_PMA1, nai);

	if (!r)
		return NULL;
	*hoa = r->m.hoa;
	return take_over(t, nai);
}

/* After a handover of NAI 1, PMA1's Ack (tc_revack) to the first Revocation into ack:
 * false (fail) when no Revocation came. */
static bool handover_ack(struct tc *t, struct mip_msg *ack)
{
	uint32_t hoa;
	const struct tc_rx *v = handover(t, tc_nai(t, 1), &hoa);

	if (!v)
		return false;
	tc_revack(t, ack, &v->m);
	return true;
}

/* PMA1 sends ack: no further Revocation may come within 8 s. */
static void ack_stops(struct tc *t, const struct mip_msg *ack)
{
	if (tc_send(t, TC_PMA1, ack))
		tc_expect_none(t, TC_SIG(MIP_REV, TC_PMA1), 8000, "Revocation after the Ack");
}

/* The next Revocation to PMA1 within ms, or NULL. */
static const struct tc_rx *next_rev(struct tc *t, uint64_t ms)
{
	return tc_recv(t, TC_SIG(MIP_REV, TC_PMA1), ms);
}

/* RFC 3543 §3.5, §4.2.3: a Revocation the HA must not act on gets no Ack. */
static void not_acked(struct tc *t, const struct mip_msg *v)
{
	if (tc_send(t, TC_PMA1, v))
		tc_expect_none(t, TC_SIG(MIP_REVACK, TC_PMA1), hc_silence(t), "Revocation Ack");
}

/* PMA1 registers NAI 1, and v is a valid Revocation of that binding from PMA1: the
 * registration's reply, or NULL (inconc). */
static const struct tc_rx *registered_rev(struct tc *t, struct mip_msg *v)
{
	const struct tc_rx *r = reg137(t, tc_nai(t, 1));

	if (r)
		hc_rev(t, v, TC_PMA1, r->m.hoa, hc_ts(t) + 1);
	return r;
}

/* PMA1 sends its Revocation v: the HA's Ack, or NULL (fail). */
static const struct tc_rx *rev_acked(struct tc *t, const struct mip_msg *v)
{
	if (!tc_send(t, TC_PMA1, v))
		return NULL;
	return tc_expect(t, TC_SIG(MIP_REVACK, TC_PMA1), hc_reply_ms(t), "Revocation Ack");
}

/* RFC 3543 §3.2, §4.2.1: the HA that wants to revoke answers 137 with 137. */
static void rev_137_echo(struct tc *t)
{
	const struct mip_ext *x = hc_accepted_ext(t, "RRP Revocation Support (137)",
						  MIP_EXT_REVSUP, -1);

	if (x)
		tc_check_u(t, "RRP 137 Length", 6, x->length);
}

/* RFC 3543 §3.2: without 137 in the request the reply SHOULD NOT carry 137. */
static void rev_no_137(struct tc *t)
{
	struct mip_msg m;
	const struct tc_rx *r;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	tc_ext_del(&m, MIP_EXT_REVSUP, -1);
	if ((r = hc_replied(t, TC_PMA1, &m, 0)))
		hc_check_absent(t, "RRP Revocation Support (137)", r, MIP_EXT_REVSUP, -1);
}

/* RFC 5563 §4.1.4, RFC 3543 §4.2.2.1: after a handover to PMA2 the HA "may" revoke
 * PMA1's binding: a Revocation for the home address to PMA1, UDP port 434.  A MAY case
 * (case.h): no Revocation fails only when the PICS claims ha.revoke-on-handover. */
static void rev_on_handover(struct tc *t)
{
	const char *nai = tc_nai(t, 1);
	const struct tc_rx *r = tc_register(t, TC_PMA1, nai), *v;
	uint32_t hoa;

	if (!r)
		return;
	hoa = r->m.hoa;
	if (!hc_handover(t, nai))
		return;
	v = tc_expect(t, TC_SIG(MIP_REV, TC_PMA1), hc_reply_ms(t), "Revocation to PMA1");
	if (!v)
		return;
	tc_check_addr(t, "Revocation.Home Address", hoa, v->m.hoa);
	tc_check_u(t, "Revocation UDP destination port", MIP_PORT, v->pkt.ends.dport);
}

/* RFC 3543 §3.3, §4.2.2.1: the HA's Revocation has A = 1. */
static void rev_a_bit(struct tc *t)
{
	uint32_t hoa;
	const struct tc_rx *v = handover(t, tc_nai(t, 1), &hoa);

	if (v)
		tc_check_x(t, "Revocation A bit", MIP_REV_A, v->m.rflags & MIP_REV_A);
}

/* RFC 3543 §3.3, §6.2; RFC 5563 §4.3: the Revocation carries a valid FA-HA. */
static void rev_auth(struct tc *t)
{
	uint32_t hoa;
	const struct tc_rx *v = handover(t, tc_nai(t, 1), &hoa);

	if (v)
		tc_check_auth(t, "Revocation FA-HA authenticator (34)", v, MIP_EXT_FAHA, tc_sa(t));
}

/* RFC 3543 §4.2.2.1: an unacknowledged Revocation is retransmitted. */
static void rev_retransmit(struct tc *t)
{
	uint32_t hoa;
	const struct tc_rx *v = handover(t, tc_nai(t, 1), &hoa);

	if (v)
		tc_check_true(t, "Revocation retransmission", "one within 5 s", next_rev(t, 5000),
			      "none");
}

/* RFC 3543 §4.2.2.1, §3.5: each retransmission has a newer Revocation Identifier. */
static void rev_fresh_id(struct tc *t)
{
	uint32_t hoa;
	const struct tc_rx *v = handover(t, tc_nai(t, 1), &hoa), *w;

	if (!v)
		return;
	if (!(w = next_rev(t, 5000))) {
		tc_inconc(t, "no retransmission to compare with");
		return;
	}
	tc_check_true(t, "retransmitted Revocation Identifier", tc_printf(t, "> %u", v->m.revid),
		      w->m.revid > v->m.revid, "%u", w->m.revid);
}

/* RFC 3543 §4.2.2.1 (SHOULD): the retransmission interval grows exponentially. */
static void rev_backoff(struct tc *t)
{
	uint32_t hoa;
	const struct tc_rx *v = handover(t, tc_nai(t, 1), &hoa), *w, *x;

	if (!v)
		return;
	if (!(w = next_rev(t, 5000)) || !(x = next_rev(t, 10000))) {
		tc_inconc(t, "fewer than two retransmissions to time");
		return;
	}
	tc_check_at_least(t, "second retransmission interval", 2 * (w->at_ms - v->at_ms),
			  x->at_ms - w->at_ms);
}

/* RFC 3543 §3.3: at most one revocation message per second for a binding. */
static void rev_rate(struct tc *t)
{
	uint32_t hoa;
	const struct tc_rx *v = handover(t, tc_nai(t, 1), &hoa), *w;
	uint64_t last;

	if (!v)
		return;
	last = v->at_ms;
	for (int i = 0; i < 3 && (w = next_rev(t, 5000)); i++) {
		if (!tc_check_true(t, "interval between Revocations", ">= 1000 ms",
				   w->at_ms - last >= 1000, "%llu ms",
				   (unsigned long long)(w->at_ms - last)))
			return;
		last = w->at_ms;
	}
}

/* RFC 3543 §3.4, §4.2.2.1: an Acknowledgment stops the retransmissions. */
static void rev_ack_stops(struct tc *t)
{
	struct mip_msg ack;

	if (handover_ack(t, &ack))
		ack_stops(t, &ack);
}

/* RFC 3543 §3.5: an Ack whose identifier matches no Revocation does not stop them. */
static void rev_ack_wrong_id(struct tc *t)
{
	struct mip_msg ack;

	if (!handover_ack(t, &ack))
		return;
	ack.revid ^= 0x5a5a;
	if (tc_send(t, TC_PMA1, &ack))
		tc_check_true(t, "Revocation after a non-matching Ack", "a retransmission",
			      next_rev(t, 5000), "none");
}

/* RFC 3543 §3.5, §4.2.3.2: a PMA's Revocation whose identifier is older than its last
 * 137 timestamp is a replay: not acknowledged. */
static void rev_replay(struct tc *t)
{
	struct mip_msg m, v;
	const struct tc_rx *r = reg_keep(t, &m, tc_nai(t, 1));
	const struct mip_ext *x = mip_ext_get(&m, MIP_EXT_REVSUP, -1);

	if (!r || !x)
		return;
	tc_wait(t, tc_ms(t, 2000));
	hc_rev(t, &v, TC_PMA1, r->m.hoa, x->v.rev.ts - 10);
	not_acked(t, &v);
}

/* RFC 3543 §3.5: a Revocation with A = 1 sent to the HA (a reflection) is not acted on. */
static void rev_reflection(struct tc *t)
{
	struct mip_msg v;

	if (!registered_rev(t, &v))
		return;
	v.rflags = MIP_REV_A;
	not_acked(t, &v);
}

/* RFC 3543 §3.4, §4.2.3.2: a valid Revocation from the PMA is acknowledged, the Ack
 * copying Home Address and Revocation Identifier. */
static void rev_pma_ack(struct tc *t)
{
	struct mip_msg v;
	const struct tc_rx *r;

	if (registered_rev(t, &v) && (r = rev_acked(t, &v)) &&
	    tc_check_addr(t, "Ack.Home Address", v.hoa, r->m.hoa))
		tc_check_u(t, "Ack.Revocation Identifier", v.revid, r->m.revid);
}

/* RFC 3543 §3.4, §6.2: the HA's Ack carries a valid FA-HA. */
static void rev_ack_auth(struct tc *t)
{
	struct mip_msg v;
	const struct tc_rx *r;

	if (registered_rev(t, &v) && (r = rev_acked(t, &v)))
		tc_check_auth(t, "Ack FA-HA authenticator (34)", r, MIP_EXT_FAHA, tc_sa(t));
}

/* RFC 3543 §4.2.3.2: the PMA's valid Revocation releases the binding: no more tunnelling
 * to it. */
static void rev_pma_releases(struct tc *t)
{
	struct mip_msg v;
	const struct tc_rx *r;
	uint32_t hoa;

	if (!hc_need_data(t) || !(r = reg137(t, tc_nai(t, 1))))
		return;
	hoa = r->m.hoa;
	if (!hc_home_tunnelled(t, hoa))
		return;
	hc_rev(t, &v, TC_PMA1, hoa, hc_ts(t) + 1);
	if (!rev_acked(t, &v))
		return;
	tc_check_true(t, "tunnelled packet after the revocation", "none", !hc_home_to(t, hoa, HC_DROP),
		      "one");
}

/* RFC 3543 §3.3, §6.2: a Revocation with an invalid FA-HA is silently discarded. */
static void rev_bad_auth(struct tc *t)
{
	struct mip_msg v;

	if (!registered_rev(t, &v))
		return;
	v.ext[v.n_ext - 1].auth_mode = MIP_AUTH_CORRUPT;
	not_acked(t, &v);
}

/* RFC 3543 §3.2, §4.2.1: revocation is negotiated only with 137; a PMA that did not
 * offer it is not revoked on handover. */
static void rev_unnegotiated(struct tc *t)
{
	const char *nai = tc_nai(t, 1);
	struct mip_msg m;

	tc_prrq(t, &m, TC_PMA1, nai);
	tc_ext_del(&m, MIP_EXT_REVSUP, -1);
	if (!hc_register_msg(t, TC_PMA1, &m, "registration via PMA1 without 137"))
		return;
	if (hc_handover(t, nai))
		tc_expect_none(t, TC_SIG(MIP_REV, TC_PMA1), hc_silence(t) + 1000,
			       "Revocation to PMA1");
}

/* RFC 3543 §4.2.2.1: retransmissions never go beyond the revoked binding's lifetime. */
static void rev_until_lifetime(struct tc *t)
{
	const char *nai = tc_nai(t, 1);
	struct mip_msg m;
	const struct tc_rx *r, *v;
	uint64_t end;

	tc_prrq(t, &m, TC_PMA1, nai);
	m.lifetime = hc_life(t, 6, 2);
	if (!(r = hc_register_msg(t, TC_PMA1, &m, tc_printf(t, "registration via PMA1 (%u s)",
							     m.lifetime))))
		return;
	end = r->at_ms + m.lifetime * 1000u;
	/* the first Revocation, then every retransmission until 20 s of silence (the HA's
	 * own backoff, not scaled) */
	for (v = take_over(t, nai); v; v = next_rev(t, 20000))
		if (!tc_check_true(t, "Revocation time", tc_printf(t, "<= %llu ms (lifetime end)",
								    (unsigned long long)end),
				   v->at_ms <= end, "%llu ms", (unsigned long long)v->at_ms))
			return;
}

/* RFC 3543 §4.2.3.2: a Revocation from PMA1 after the binding moved to PMA2 does not
 * remove PMA2's binding. */
static void rev_stale_pma(struct tc *t)
{
	uint32_t hoa;
	const struct tc_rx *v;
	struct mip_msg ack, w;

	if (!hc_need_data(t) || !(v = handover(t, tc_nai(t, 1), &hoa)))
		return;
	tc_revack(t, &ack, &v->m);
	tc_send(t, TC_PMA1, &ack);
	hc_rev(t, &w, TC_PMA1, hoa, hc_ts(t) + 1);
	if (!tc_send(t, TC_PMA1, &w))
		return;
	tc_recv(t, TC_SIG(MIP_REVACK, TC_PMA1), hc_reply_ms(t));
	hc_check_moved(t, hoa, "tunnelled packet after PMA1's revocation");
}

/* ---- the fields of 137, Revocation and Ack (RFC 3543 §3.2-§3.5) ---- */

/* RFC 3543 §3.2: the HA's 137 has its Reserved bits 0, and I = 0 when the request's
 * 137 had I = 0 (I support not negotiated). */
static void rev_137_fields(struct tc *t)
{
	const struct mip_ext *x = hc_accepted_ext(t, "RRP Revocation Support (137)",
						  MIP_EXT_REVSUP, -1);

	if (x)
		tc_check_x(t, "RRP 137 I and Reserved bits", 0, x->v.rev.flags);
}

/* RFC 3543 §3.2: Reserved bits of 137 are ignored on receipt. */
static void rev_137_reserved_in(struct tc *t)
{
	struct mip_msg m;
	const struct tc_rx *r;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	mip_ext_get(&m, MIP_EXT_REVSUP, -1)->v.rev.flags = 0x1234;
	if ((r = hc_replied(t, TC_PMA1, &m, 0)))
		hc_check_present(t, "RRP Revocation Support (137)", r, MIP_EXT_REVSUP, -1);
}

/* RFC 3543 §3.3: the HA's Revocation has octet 1 and the 14 bits after A and I zero,
 * and I = 0 when I support was not negotiated. */
static void rev_fields(struct tc *t)
{
	const char *nai = tc_nai(t, 1);
	const struct tc_rx *v;

	if (!reg137(t, nai) || !(v = take_over(t, nai)))
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
	const struct tc_rx *r = reg137(t, tc_nai(t, 1)), *a;

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
	const struct tc_rx *r = reg137(t, tc_nai(t, 1));

	if (r)
		tc_check_true(t, "Revocation Ack", "one (Reserved fields ignored)",
			      pma_revoke(t, r->m.hoa, 0x5a, 0x1234), "none");
}

/* Handover, then PMA1 acks with the given fields: no further Revocation may come. */
static void ack_fields_stop(struct tc *t, uint8_t res8, uint16_t rf)
{
	const char *nai = tc_nai(t, 1);
	const struct tc_rx *v;
	struct mip_msg ack;

	if (!reg137(t, nai) || !(v = take_over(t, nai)))
		return;
	tc_revack(t, &ack, &v->m);
	ack.reserved8 = res8;
	ack.rflags = rf;
	ack_stops(t, &ack);
}

/* RFC 3543 §3.4: Reserved fields of an Ack are ignored: it still stops retransmission. */
static void rev_ack_reserved_in(struct tc *t)
{
	ack_fields_stop(t, 0x5a, 0x1234);
}

/* RFC 3543 §3.4: an Ack with I = 1 to a Revocation with I = 0 is still an Ack. */
static void rev_ack_i_in(struct tc *t)
{
	ack_fields_stop(t, 0, MIP_REVACK_I);
}

/* RFC 3543 §3.3, §3.5: the Revocation Identifier is a timestamp of the clock of the
 * HA's 137, not older than the 137 Timestamp it sent for the binding. */
static void rev_id_clock(struct tc *t)
{
	const char *nai = tc_nai(t, 1);
	const struct tc_rx *r = reg137(t, nai), *v;
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
	if (!mip_ext_get(&m, MIP_EXT_REVSUP, -1)) {
		x = tc_ext_insert(&m, MIP_EXT_REVSUP, 0);
		x->v.rev.ts = hc_ts(t);
	}
	if ((r = hc_replied(t, TC_PMA1, &m, 0)))
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
#define HO "PMA1 registers an NAI with 137; PMA2 registers the same NAI."
#define HO_I0 "PMA1 registers an NAI with 137 (I = 0); PMA2 registers the same NAI."

static const struct case_def defs[] = {
	C("HA-REV-01", "a request with 137 gets 137 in the reply", "RFC 3543 §3.2, §4.2.1",
	  CASE_MUST, REV, "PMA1 sends a PRRQ with Revocation Support (137).",
	  "Code 0, and the reply carries 137 with Length 6.",
	  "R3543-3.2-02 R3543-4.2-09 R3543-4.2-08", rev_137_echo),
	C("HA-REV-02", "a request without 137 gets no 137", "RFC 3543 §3.2", CASE_SHOULD, REV,
	  "PMA1 sends a PRRQ without 137.", "Code 0, and the reply carries no 137.",
	  "R3543-3.2-06", rev_no_137),
	C("HA-REV-03", "a handover makes the HA revoke the old PMA",
	  "RFC 5563 §4.1.4; RFC 3543 §4.2.2.1", CASE_MAY, REVHO, HO,
	  "PMA1 receives a Revocation (type 7) for the home address at UDP port 434 (RFC 5563 "
	  "§4.1.4 'may': none unless PICS ha.revoke-on-handover claims it).",
	  "R3543-4.2-20 R5563-4.1-07 R3543-3.3-01", rev_on_handover),
	C("HA-REV-04", "the HA's Revocation has A = 1", "RFC 3543 §3.3, §4.2.2.1", CASE_MUST,
	  REVHO, HO, "The Revocation to PMA1 has the A bit set.", "R3543-4.2-21", rev_a_bit),
	C("HA-REV-05", "the HA's Revocation carries a valid FA-HA", "RFC 3543 §3.3, §6.2; "
	  "RFC 5563 §4.3", CASE_MUST, REVHO, HO,
	  "The Revocation's FA-HA extension verifies with PIXIT sa.",
	  "R3543-4.2-25 R3543-3.3-11 R5563-4.3-01", rev_auth),
	C("HA-REV-06", "an unacknowledged Revocation is retransmitted", "RFC 3543 §4.2.2.1",
	  CASE_MUST, REVHO, HO " PMA1 does not acknowledge.",
	  "A second Revocation comes within 5 s.", "R3543-4.2-26", rev_retransmit),
	C("HA-REV-07", "each retransmission has a newer identifier", "RFC 3543 §4.2.2.1, §3.5",
	  CASE_MUST, REVHO, HO " PMA1 does not acknowledge.",
	  "The retransmission's Revocation Identifier is greater than the first one's.",
	  "R3543-4.2-27 R3543-3.5-01", rev_fresh_id),
	C("HA-REV-08", "retransmissions back off exponentially", "RFC 3543 §4.2.2.1",
	  CASE_SHOULD, REVHO, HO " PMA1 does not acknowledge; the tester times three Revocations.",
	  "The second interval is at least twice the first (less PIXIT tolerance): RFC "
	  "3543 §4.2.2.1 asks for exponential backoff as RFC 5944 §3.6.3 does.", "R3543-4.2-29",
	  rev_backoff),
	C("HA-REV-09", "Revocations for a binding are at least 1 s apart", "RFC 3543 §3.3",
	  CASE_MUST, REVHO, HO " PMA1 does not acknowledge; the tester times four Revocations.",
	  "Every interval is at least 1000 ms.", "R3543-4.2-28 R3543-3.3-14", rev_rate),
	C("HA-REV-10", "an Acknowledgment stops the retransmissions", "RFC 3543 §3.4, §4.2.2.1",
	  CASE_MUST, REVHO, HO " PMA1 acknowledges the first Revocation.",
	  "No further Revocation within 8 s.", "R3543-4.2-26", rev_ack_stops),
	C("HA-REV-11", "a non-matching Ack does not stop the retransmissions", "RFC 3543 §3.5",
	  CASE_MUST, REVHO, HO " PMA1 answers with an Ack whose identifier is wrong.",
	  "The Revocation is retransmitted within 5 s.", "R3543-3.5-05 R3543-3.5-06",
	  rev_ack_wrong_id),
	C("HA-REV-12", "a replayed PMA Revocation is not acknowledged",
	  "RFC 3543 §3.5, §4.2.3.2", CASE_MUST, REV,
	  "PMA1 registers with 137 (timestamp T), then sends a Revocation with identifier "
	  "T - 10.", "No Ack within PIXIT silence-ms.",
	  "R3543-4.2-60 R3543-4.2-63 R3543-3.5-02 R3543-3.5-04", rev_replay),
	C("HA-REV-13", "a reflected Revocation (A = 1) is not acknowledged", "RFC 3543 §3.5",
	  CASE_MUST, REV, "PMA1 registers, then sends the HA a Revocation with A = 1.",
	  "No Ack within PIXIT silence-ms.", "R3543-4.2-59 R3543-3.5-03 R3543-3.5-04",
	  rev_reflection),
	C("HA-REV-14", "a PMA's valid Revocation is acknowledged", "RFC 3543 §3.4, §4.2.3.2",
	  CASE_MUST, REV, "PMA1 registers, then sends a valid Revocation (A = 0, FA-HA).",
	  "An Ack to PMA1 with the Home Address and Revocation Identifier copied.",
	  "R3543-4.2-64 R3543-4.2-67 R3543-3.4-08", rev_pma_ack),
	C("HA-REV-15", "the HA's Ack carries a valid FA-HA", "RFC 3543 §3.4, §6.2", CASE_MUST,
	  REV, "PMA1 registers, then sends a valid Revocation.",
	  "The Ack's FA-HA extension verifies with PIXIT sa.", "R3543-4.2-68 R3543-3.4-09",
	  rev_ack_auth),
	C("HA-REV-16", "a PMA's Revocation releases the binding", "RFC 3543 §4.2.3.2",
	  CASE_MUST, REV " ha.data-plane",
	  "PMA1 registers; a home-link packet is tunnelled; PMA1 revokes the binding.",
	  "Acked, and a second home-link packet is not tunnelled.", NULL, rev_pma_releases),
	C("HA-REV-17", "a Revocation with a bad FA-HA is discarded", "RFC 3543 §3.3, §6.2",
	  CASE_MUST, REV, "PMA1 registers, then sends a Revocation with a wrong FA-HA.",
	  "No Ack within PIXIT silence-ms.", "R3543-4.2-61 R3543-3.3-12", rev_bad_auth),
	C("HA-REV-18", "no Revocation to a PMA that did not offer 137", "RFC 3543 §3.2, §4.2.1",
	  CASE_SHOULD, REV, "PMA1 registers without 137; PMA2 registers the same NAI.",
	  "PMA1 receives no Revocation.", "R3543-4.2-10", rev_unnegotiated),
	C("HA-REV-19", "no Revocation after the binding's lifetime", "RFC 3543 §4.2.2.1, §3.3",
	  CASE_MUST, REVHO, "PMA1 registers for 6 s (times time-scale, at least 2 s) with 137; PMA2 takes "
	  "over; no Ack is sent.",
	  "Every Revocation to PMA1 comes before PMA1's lifetime ends.",
	  "R3543-4.2-30 R3543-3.3-13", rev_until_lifetime),
	C("HA-REV-20", "a stale PMA's Revocation leaves the new binding",
	  "RFC 3543 §4.2.3.2; RFC 5563 §4.1", CASE_MUST, REVHO " ha.data-plane",
	  HO " PMA1 acks, then sends a Revocation of its own.",
	  "A home-link packet is still tunnelled, to PMA2.", "R3543-4.2-62", rev_stale_pma),
	C("HA-REV-21", "the HA's 137 has I and Reserved zero", "RFC 3543 §3.2", CASE_MUST, REV,
	  "PMA1 sends a PRRQ with 137, I = 0.",
	  "Code 0; the reply's 137 has I = 0 and its 15 Reserved bits 0.",
	  "R3543-3.2-07 R3543-3.2-13 R3543-3.2-14", rev_137_fields),
	C("HA-REV-22", "Reserved bits of a received 137 are ignored", "RFC 3543 §3.2", CASE_MUST,
	  REV, "PMA1 sends a PRRQ with 137 whose Reserved bits are 0x1234.",
	  "Code 0, and the reply carries 137.", "R3543-3.2-08", rev_137_reserved_in),
	C("HA-REV-23", "the HA's Revocation has its reserved fields zero", "RFC 3543 §3.3",
	  CASE_MUST, REVHO, HO_I0,
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
	  CASE_MUST, REVHO, HO_I0 " PMA1 acks with octet 1 = 0x5a and Reserved bits set.",
	  "No further Revocation within 8 s.", "R3543-3.4-03 R3543-3.4-07",
	  rev_ack_reserved_in),
	C("HA-REV-27", "an Ack with I = 1 to a Revocation with I = 0 is accepted",
	  "RFC 3543 §3.4", CASE_MUST, REVHO, HO_I0 " PMA1 acks with I = 1.",
	  "No further Revocation within 8 s.", "R3543-3.4-05", rev_ack_i_in),
	C("HA-REV-28", "the HA's Revocation Identifier is on the clock of its 137",
	  "RFC 3543 §3.3, §3.5", CASE_MUST, REVHO, HO_I0,
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

CASE_TABLE(cases_ha_rev, defs);
