/* cases_ha_seq.c — HA cases: Identification and sequencing across PMAs (RFC 5944 §5.7,
 * §3.8.2.1 b; RFC 5563 §4.4, §8.1; DESIGN.md §6.2), lifetime and expiry (RFC 5944 §3.8,
 * §3.8.2.2) and deregistration (RFC 5944 §3.8.2.2; RFC 5563 §4.1). */
#include "cases_ha_lib.h"

#define NTP_S (1ull << 32) /* one second of an NTP timestamp */

/* The tester's clock as an NTP timestamp, without consuming an Identification. */
static uint64_t ntp_now(const struct tc *t)
{
	uint64_t ms = tc_now_ms(t);

	return (ms / 1000 + 2208988800ull) << 32 | (uint64_t)(ms % 1000) * NTP_S / 1000;
}

static bool need_data(struct tc *t)
{
	return tc_need(t, TC_CAP(TC_LINK_CORE) | TC_CAP(TC_LINK_HOME));
}

/* RFC 5944 §5.7.1, §3.8.2.1 b: a request whose Identification is not newer than the
 * last accepted one (a replay) gets 133. */
static void seq_replay(struct tc *t)
{
	struct mip_msg m;
	const struct tc_rx *r;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	if (!hc_register_msg(t, TC_PMA1, &m, "the first request"))
		return;
	tc_wait(t, 1000);
	r = tc_request(t, TC_PMA1, &m); /* the same request again */
	if (r)
		tc_check_u(t, "RRP.Code", 133, r->m.code);
}

/* RFC 5563 §8.1, DESIGN.md §6.2: sequencing is per NAI across PMAs; a request from PMA2
 * older than the one accepted from PMA1 gets 133. */
static void seq_across_pmas(struct tc *t)
{
	const char *nai = tc_nai(t, 1);
	struct mip_msg m, m2;

	tc_prrq(t, &m, TC_PMA1, nai);
	if (!hc_register_msg(t, TC_PMA1, &m, "registration via PMA1"))
		return;
	tc_prrq(t, &m2, TC_PMA2, nai);
	m2.ident = m.ident - NTP_S; /* 1 s older than PMA1's, well inside the window */
	tc_request_code(t, TC_PMA2, &m2, 133);
}

/* RFC 5944 §5.7.1: a 133 reply carries the HA's time of day in the high 32 bits. */
static void seq_133_ha_time(struct tc *t)
{
	struct mip_msg m;
	const struct tc_rx *r;
	uint64_t now;
	uint32_t hi, want;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	m.ident -= 3600 * NTP_S; /* an hour behind */
	r = tc_request(t, TC_PMA1, &m);
	if (!r || !tc_check_u(t, "RRP.Code", 133, r->m.code))
		return;
	now = ntp_now(t);
	hi = (uint32_t)(r->m.ident >> 32);
	want = (uint32_t)(now >> 32);
	tc_check_true(t, "RRP.Identification high 32 bits",
		      tc_printf(t, "the HA's time, %u ±7 s", want),
		      hi + 7 >= want && hi <= want + 7, "%u (%+lld s)", hi,
		      (long long)hi - (long long)want);
}

/* RFC 5944 §5.7.1: a 133 reply copies the low 32 bits of the request's Identification. */
static void seq_133_low_copied(struct tc *t)
{
	struct mip_msg m;
	const struct tc_rx *r;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	m.ident -= 3600 * NTP_S;
	r = tc_request(t, TC_PMA1, &m);
	if (r && tc_check_u(t, "RRP.Code", 133, r->m.code))
		tc_check_x(t, "RRP.Identification low 32 bits", (uint32_t)m.ident,
			   (uint32_t)r->m.ident);
}

/* RFC 5944 §5.7.1 (7 s default window): a timestamp 30 s behind the HA's clock gets 133,
 * even for an NAI with no binding. */
static void seq_too_old(struct tc *t)
{
	struct mip_msg m;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	m.ident -= 30 * NTP_S;
	tc_request_code(t, TC_PMA1, &m, 133);
}

/* RFC 5944 §5.7.1: a timestamp 30 s ahead of the HA's clock gets 133. */
static void seq_too_new(struct tc *t)
{
	struct mip_msg m;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	m.ident += 30 * NTP_S;
	tc_request_code(t, TC_PMA1, &m, 133);
}

/* RFC 5944 §3.8.2.2, §3.8.3.2: the HA MUST NOT grant more than was asked for. */
static void life_not_raised(struct tc *t)
{
	struct mip_msg m;
	const struct tc_rx *r;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	m.lifetime = 60;
	r = tc_request(t, TC_PMA1, &m);
	if (r && tc_check_u(t, "RRP.Code", 0, r->m.code))
		tc_check_true(t, "RRP.Lifetime", "1..60", r->m.lifetime >= 1 && r->m.lifetime <= 60,
			      "%u", r->m.lifetime);
}

/* RFC 3543 §3.3, RFC 5944 §3.8: after its lifetime the binding is gone, so a later
 * registration of the NAI from PMA2 revokes nothing at PMA1. */
static void life_expiry_no_rev(struct tc *t)
{
	const char *nai = tc_nai(t, 1);
	struct mip_msg m;

	tc_prrq(t, &m, TC_PMA1, nai);
	m.lifetime = 5;
	if (!hc_register_msg(t, TC_PMA1, &m, "registration via PMA1 (5 s)"))
		return;
	tc_wait(t, 7000);
	tc_prrq(t, &m, TC_PMA2, nai);
	if (hc_register_msg(t, TC_PMA2, &m, "registration via PMA2 after expiry"))
		tc_expect_none(t, TC_SIG(MIP_REV, TC_PMA1), hc_silence(t) + hc_reply_ms(t),
			       "Revocation to PMA1");
}

/* RFC 5944 §3.8: after its lifetime the binding is deleted: the HA no longer tunnels
 * home-link packets to the care-of address. */
static void life_expiry_data(struct tc *t)
{
	struct mip_msg m;
	const struct tc_rx *r;
	uint32_t hoa;

	if (!need_data(t))
		return;
	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	m.lifetime = 5;
	if (!(r = hc_register_msg(t, TC_PMA1, &m, "registration (5 s)")))
		return;
	hoa = r->m.hoa;
	if (!hc_home_to(t, hoa)) {
		tc_inconc(t, "preamble: a packet for the home address is not tunnelled");
		return;
	}
	tc_wait(t, 7000);
	{
		uint8_t ip[256];
		size_t n = hc_ip_udp(ip, sizeof ip, HC_CN, hoa, 0x4c03);

		if (tc_send_pkt(t, TC_LINK_HOME, ip, n))
			tc_expect_none(t, TC_ON(TC_LINK_CORE), hc_silence(t),
				       "tunnelled packet after expiry");
	}
}

/* RFC 5944 §3.8.2.2: the binding lasts the granted lifetime: 15 s into a 20 s lifetime
 * the HA still tunnels to the care-of address. */
static void life_not_early(struct tc *t)
{
	struct mip_msg m;
	const struct tc_rx *r;

	if (!need_data(t))
		return;
	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	m.lifetime = 20;
	if (!(r = hc_register_msg(t, TC_PMA1, &m, "registration (20 s)")))
		return;
	if (!tc_check_u(t, "RRP.Lifetime", 20, r->m.lifetime))
		return;
	tc_wait(t, 15000);
	r = hc_home_to(t, r->m.hoa);
	tc_check_true(t, "tunnelled packet 15 s into a 20 s lifetime", "one to PMA1", r != NULL,
		      "none");
}

/* RFC 5944 §3.8.2.2, §3.8.3.1: a deregistration is answered with code 0 and
 * Lifetime 0. */
static void dereg_reply(struct tc *t)
{
	const char *nai = tc_nai(t, 1);
	const struct tc_rx *r = tc_register(t, TC_PMA1, nai);
	struct mip_msg m;

	if (!r)
		return;
	tc_dereg(t, &m, TC_PMA1, nai, r->m.hoa);
	r = tc_request(t, TC_PMA1, &m);
	if (r && tc_check_u(t, "RRP.Code", 0, r->m.code))
		tc_check_u(t, "RRP.Lifetime", 0, r->m.lifetime);
}

/* RFC 5944 §3.8.2.2: after a deregistration the binding is gone: home-link packets are
 * no longer tunnelled. */
static void dereg_removes(struct tc *t)
{
	const char *nai = tc_nai(t, 1);
	const struct tc_rx *r;
	struct mip_msg m;
	uint32_t hoa;

	if (!need_data(t) || !(r = tc_register(t, TC_PMA1, nai)))
		return;
	hoa = r->m.hoa;
	if (!hc_home_to(t, hoa)) {
		tc_inconc(t, "preamble: a packet for the home address is not tunnelled");
		return;
	}
	tc_dereg(t, &m, TC_PMA1, nai, hoa);
	if (!hc_accept(t, TC_PMA1, &m, "deregistration"))
		return;
	{
		uint8_t ip[256];
		size_t n = hc_ip_udp(ip, sizeof ip, HC_CN, hoa, 0x4c04);

		if (tc_send_pkt(t, TC_LINK_HOME, ip, n))
			tc_expect_none(t, TC_ON(TC_LINK_CORE), hc_silence(t),
				       "tunnelled packet after deregistration");
	}
}

/* RFC 5944 §3.8.2.2 (Lifetime 0 for one care-of address removes only that one): after a
 * handover to PMA2, a deregistration of PMA1's care-of address leaves PMA2's binding. */
static void dereg_other_coa(struct tc *t)
{
	const char *nai = tc_nai(t, 1);
	const struct tc_rx *r;
	struct mip_msg m;
	uint32_t hoa;

	if (!need_data(t) || !(r = tc_register(t, TC_PMA1, nai)))
		return;
	hoa = r->m.hoa;
	tc_prrq(t, &m, TC_PMA2, nai);
	if (!hc_register_msg(t, TC_PMA2, &m, "handover to PMA2"))
		return;
	tc_dereg(t, &m, TC_PMA1, nai, hoa);
	if (!tc_send(t, TC_PMA1, &m))
		return;
	tc_recv(t, TC_SIG(MIP_RRP, TC_PMA1), hc_reply_ms(t));
	r = hc_home_to(t, hoa);
	if (tc_check_true(t, "tunnelled packet after PMA1's deregistration", "one to PMA2",
			  r != NULL, "none"))
		tc_check_addr(t, "outer IPv4 Destination", tc_node_addr(t, TC_PMA2),
			      hc_ip_dst(r));
}

#define DATA "pmip ha.data-plane"

static const struct case_def defs[] = {
	{ "HA-SEQ-01", "ha-core", CASE_ROLE_HA, "a replayed Identification gets 133",
	  "RFC 5944 §5.7.1, §3.8.2.1; RFC 5563 §8.1", CASE_MUST, "pmip",
	  "PMA1 registers, then sends the very same request again 1 s later.",
	  "The second request gets code 133.", "ident replay", "R5563-8.1-01", seq_replay },
	{ "HA-SEQ-02", "ha-core", CASE_ROLE_HA,
	  "sequencing is per NAI across PMAs: an older request from PMA2 gets 133",
	  "RFC 5563 §8.1, §4.4; RFC 5944 §5.7.1", CASE_MUST, "pmip",
	  "PMA1 registers an NAI; PMA2 sends a request for the same NAI whose Identification is "
	  "1 s older than PMA1's.",
	  "PMA2's request gets code 133.", "ident sequencing handover", "R5563-8.1-01",
	  seq_across_pmas },
	{ "HA-SEQ-03", "ha-core", CASE_ROLE_HA, "a 133 reply carries the HA's time",
	  "RFC 5944 §5.7.1, §3.8.2.1; RFC 5563 §4.4", CASE_MUST, "pmip",
	  "PMA1 sends a request whose Identification is an hour old.",
	  "Code 133, and the reply's high 32 bits are the HA's time (the tester's clock ±7 s).",
	  "ident", NULL, seq_133_ha_time },
	{ "HA-SEQ-04", "ha-core", CASE_ROLE_HA, "a 133 reply copies the low 32 bits",
	  "RFC 5944 §5.7.1, §3.8.3.1", CASE_MUST, "pmip",
	  "PMA1 sends a request whose Identification is an hour old.",
	  "Code 133, and the reply's low 32 bits are the request's.", "ident", NULL,
	  seq_133_low_copied },
	{ "HA-SEQ-05", "ha-core", CASE_ROLE_HA, "a timestamp 30 s old gets 133",
	  "RFC 5944 §5.7.1", CASE_MUST, "pmip",
	  "PMA1 sends a request for a new NAI whose Identification is 30 s behind the clock.",
	  "Code 133 (the 7 s window).", "ident", NULL, seq_too_old },
	{ "HA-SEQ-06", "ha-core", CASE_ROLE_HA, "a timestamp 30 s ahead gets 133",
	  "RFC 5944 §5.7.1", CASE_MUST, "pmip",
	  "PMA1 sends a request for a new NAI whose Identification is 30 s ahead of the clock.",
	  "Code 133 (the 7 s window).", "ident", NULL, seq_too_new },
	{ "HA-LIFE-01", "ha-core", CASE_ROLE_HA, "the granted lifetime is not above the request",
	  "RFC 5944 §3.8.2.2, §3.8.3.2", CASE_MUST, "pmip",
	  "PMA1 asks for a lifetime of 60 s.",
	  "Code 0 with a Lifetime between 1 and 60.", "lifetime", NULL, life_not_raised },
	{ "HA-LIFE-02", "ha-core", CASE_ROLE_HA,
	  "an expired binding is not revoked on a later handover",
	  "RFC 3543 §3.3; RFC 5944 §3.8", CASE_MUST, "pmip ha.revocation",
	  "PMA1 registers an NAI for 5 s with 137; 7 s later PMA2 registers the same NAI.",
	  "PMA1 receives no Revocation.", "lifetime expiry revocation", "R3543-3.3-13",
	  life_expiry_no_rev },
	{ "HA-LIFE-03", "ha-core", CASE_ROLE_HA, "an expired binding no longer forwards",
	  "RFC 5944 §3.8, §4.2.3", CASE_MUST, DATA,
	  "PMA1 registers for 5 s; a home-link packet to the HoA is tunnelled; 7 s later "
	  "another is sent.",
	  "The second packet is not tunnelled.", "lifetime expiry data", NULL, life_expiry_data },
	{ "HA-LIFE-04", "ha-core", CASE_ROLE_HA, "a binding lasts its granted lifetime",
	  "RFC 5944 §3.8.2.2", CASE_MUST, DATA,
	  "PMA1 registers for 20 s; 15 s later a home-link packet is sent to the HoA.",
	  "Lifetime 20 granted, and the packet is tunnelled.", "lifetime data", NULL,
	  life_not_early },
	{ "HA-DEREG-01", "ha-core", CASE_ROLE_HA, "a deregistration gets code 0 and lifetime 0",
	  "RFC 5944 §3.8.2.2, §3.8.3.1", CASE_MUST, "pmip",
	  "PMA1 registers, then deregisters (lifetime 0, HoA as assigned).",
	  "Code 0 with Lifetime 0.", "deregistration", NULL, dereg_reply },
	{ "HA-DEREG-02", "ha-core", CASE_ROLE_HA, "a deregistration removes the binding",
	  "RFC 5944 §3.8.2.2", CASE_MUST, DATA,
	  "PMA1 registers; a home-link packet is tunnelled; PMA1 deregisters; another is sent.",
	  "The second packet is not tunnelled.", "deregistration data", NULL, dereg_removes },
	{ "HA-DEREG-03", "ha-core", CASE_ROLE_HA,
	  "deregistering the old care-of address keeps the new one",
	  "RFC 5944 §3.8.2.2; RFC 5563 §4.1", CASE_MUST, DATA,
	  "PMA1 registers, PMA2 takes over, then PMA1 deregisters its care-of address.",
	  "A home-link packet is still tunnelled, to PMA2.", "deregistration handover data",
	  NULL, dereg_other_coa },
};

CASE_TABLE(cases_ha_seq, defs);
