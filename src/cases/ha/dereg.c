/* ha/dereg.c — HA-DEREG, deregistration: RFC 5944 §3.8.2.2, §3.8.3.1; RFC 5563 §4.1. */
#include "peer.h"

static bool need_data(struct tc *t)
{
	return tc_need(t, TC_CAP(TC_LINK_CORE) | TC_CAP(TC_LINK_HOME));
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

CASE_TABLE(cases_ha_dereg, defs);
