/* ha/dereg.c — HA-DEREG, deregistration: RFC 5944 §3.8.2.2, §3.8.3.1; RFC 5563 §4.1. */
#include "peer.h"

/* With the data plane in reach, PMA1 registers nai: false when not (none, inconc). */
static bool data_registered(struct tc *t, const char *nai, uint32_t *hoa)
{
	const struct tc_rx *r;

	if (!hc_need_data(t) || !(r = tc_register(t, TC_PMA1, nai)))
		return false;
	*hoa = r->m.hoa;
	return true;
}

/* RFC 5944 §3.8.2.2, §3.8.3.1: a deregistration is answered with code 0 and
 * Lifetime 0. */
static void dereg_reply(struct tc *t)
{
	const struct tc_rx *r = hc_dereg_accepted(t);

	if (r)
		tc_check_u(t, "RRP.Lifetime", 0, r->m.lifetime);
}

/* RFC 5944 §3.8.2.2: after a deregistration the binding is gone: home-link packets are
 * no longer tunnelled. */
static void dereg_removes(struct tc *t)
{
	const char *nai = tc_nai(t, 1);
	struct mip_msg m;
	uint32_t hoa;

	if (!data_registered(t, nai, &hoa) || !hc_home_tunnelled(t, hoa))
		return;
	tc_dereg(t, &m, TC_PMA1, nai, hoa);
	if (hc_accept(t, TC_PMA1, &m, "deregistration"))
		hc_home_dropped(t, hoa, 0x4c04, "tunnelled packet after deregistration");
}

/* RFC 5944 §3.8.2.2 (Lifetime 0 for one care-of address removes only that one): after a
 * handover to PMA2, a deregistration of PMA1's care-of address leaves PMA2's binding. */
static void dereg_other_coa(struct tc *t)
{
	const char *nai = tc_nai(t, 1);
	struct mip_msg m;
	uint32_t hoa;

	if (!data_registered(t, nai, &hoa) || !hc_handover(t, nai))
		return;
	tc_dereg(t, &m, TC_PMA1, nai, hoa);
	if (!tc_send(t, TC_PMA1, &m))
		return;
	tc_recv(t, TC_SIG(MIP_RRP, TC_PMA1), hc_reply_ms(t));
	hc_check_moved(t, hoa, "tunnelled packet after PMA1's deregistration");
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
