/* ha/life.c — HA-LIFE, lifetime and expiry: RFC 5944 §3.8, §3.8.2.2; RFC 3543 §3.3. */
#include "peer.h"

/* RFC 5944 §3.8.2.2, §3.8.3.2: the HA MUST NOT grant more than was asked for. */
static void life_not_raised(struct tc *t)
{
	struct mip_msg m;
	const struct tc_rx *r;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	m.lifetime = 60;
	if ((r = hc_replied(t, TC_PMA1, &m, 0)))
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
	m.lifetime = hc_life(t, 5, 1); /* 2 s past it: the DUT's own timer, not scaled */
	if (!hc_register_msg(t, TC_PMA1, &m, tc_printf(t, "registration via PMA1 (%u s)",
							m.lifetime)))
		return;
	tc_wait(t, m.lifetime * 1000u + 2000);
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

	if (!hc_need_data(t))
		return;
	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	m.lifetime = hc_life(t, 5, 1);
	if (!(r = hc_register_msg(t, TC_PMA1, &m, tc_printf(t, "registration (%u s)",
							     m.lifetime))))
		return;
	hoa = r->m.hoa;
	if (!hc_home_tunnelled(t, hoa))
		return;
	tc_wait(t, m.lifetime * 1000u + 2000);
	hc_home_dropped(t, hoa, 0x4c03, "tunnelled packet after expiry");
}

/* RFC 5944 §3.8.2.2: the binding lasts the granted lifetime: three quarters into it (15 s
 * into 20 s, scaled by time-scale, at least 4 s) the HA still tunnels to the care-of
 * address. */
static void life_not_early(struct tc *t)
{
	struct mip_msg m;
	const struct tc_rx *r;

	if (!hc_need_data(t))
		return;
	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	m.lifetime = hc_life(t, 20, 4);
	if (!(r = hc_register_msg(t, TC_PMA1, &m, tc_printf(t, "registration (%u s)",
							     m.lifetime))))
		return;
	if (!tc_check_u(t, "RRP.Lifetime", m.lifetime, r->m.lifetime))
		return;
	tc_wait(t, m.lifetime * 750u);
	r = hc_home_to(t, r->m.hoa, HC_DELIVER);
	tc_check_true(t, tc_printf(t, "tunnelled packet %u ms into a %u s lifetime",
				   m.lifetime * 750u, m.lifetime), "one to PMA1", r != NULL,
		      "none");
}

#define DATA "pmip ha.data-plane"

static const struct case_def defs[] = {
	{ "HA-LIFE-01", "ha-core", CASE_ROLE_HA, "the granted lifetime is not above the request",
	  "RFC 5944 §3.8.2.2, §3.8.3.2", CASE_MUST, "pmip",
	  "PMA1 asks for a lifetime of 60 s.",
	  "Code 0 with a Lifetime between 1 and 60.", "lifetime", NULL, life_not_raised },
	{ "HA-LIFE-02", "ha-core", CASE_ROLE_HA,
	  "an expired binding is not revoked on a later handover",
	  "RFC 3543 §3.3; RFC 5944 §3.8", CASE_MUST, "pmip ha.revocation",
	  "PMA1 registers an NAI for 5 s (times PIXIT time-scale) with 137; 2 s after it "
	  "ends PMA2 registers the same NAI.",
	  "PMA1 receives no Revocation.", "lifetime expiry revocation", "R3543-3.3-13",
	  life_expiry_no_rev },
	{ "HA-LIFE-03", "ha-core", CASE_ROLE_HA, "an expired binding no longer forwards",
	  "RFC 5944 §3.8, §4.2.3", CASE_MUST, DATA,
	  "PMA1 registers for 5 s (times time-scale); a home-link packet to the HoA is "
	  "tunnelled; 2 s after the lifetime another is sent.",
	  "The second packet is not tunnelled.", "lifetime expiry data", NULL, life_expiry_data },
	{ "HA-LIFE-04", "ha-core", CASE_ROLE_HA, "a binding lasts its granted lifetime",
	  "RFC 5944 §3.8.2.2", CASE_MUST, DATA,
	  "PMA1 registers for 20 s (times time-scale, at least 4 s); three quarters into it "
	  "a home-link packet is sent to the HoA.",
	  "The lifetime asked is granted, and the packet is tunnelled.", "lifetime data", NULL,
	  life_not_early },
};

CASE_TABLE(cases_ha_life, defs);
