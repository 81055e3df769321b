/* ha/haf.c — HA-HAF, the Home Agent field: RFC 5944 §3.8.3.2; RFC 4433 §5.3; RFC 5563 §4.6. */
#include "peer.h"

#define OTHER_HA 0xc0000263u /* 192.0.2.99: not an address of the DUT */

/* RFC 5944 §3.8.3.2: a Home Agent field that is not the HA's address: the HA "MUST reject
 * the registration with a suitable code (e.g., Code 136)": any denial (the reply's Home
 * Agent field is HA-HAF-02's). */
static void haf_wrong(struct tc *t)
{
	const struct tc_rx *r;
	struct mip_msg m;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	m.ha = OTHER_HA;
	r = tc_request(t, TC_PMA1, &m);
	if (r)
		tc_check_true(t, "RRP.Code", ">= 64", r->m.code >= 64, "%u", r->m.code);
}

/* A PRRQ with Home Agent `field` gets `code`, and the reply names the HA's unicast
 * address. */
static void haf_reply(struct tc *t, uint32_t field, uint8_t code)
{
	struct mip_msg m;
	const struct tc_rx *r;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	m.ha = field;
	if ((r = hc_replied(t, TC_PMA1, &m, code)))
		tc_check_addr(t, "RRP.Home Agent", hc_ha_addr(t), r->m.ha);
}

/* RFC 5944 §3.8.3.2: the 136 reply carries the HA's own unicast address. */
static void haf_136_addr(struct tc *t)
{
	haf_reply(t, OTHER_HA, 136);
}

/* RFC 4433 §5.3, RFC 5563 §4.6: a Home Agent field of ALL-ZERO-ONE-ADDR sent to the HA's
 * unicast address is not 136: accepted with the HA's address in the reply. */
static void haf_zero(struct tc *t)
{
	haf_reply(t, 0, 0);
}

static void haf_ones(struct tc *t)
{
	haf_reply(t, 0xffffffffu, 0);
}

static const struct case_def defs[] = {
	{ "HA-HAF-01", "ha-core", CASE_ROLE_HA,
	  "a wrong Home Agent field is rejected with a suitable code (e.g. 136)",
	  "RFC 5944 §3.8.3.2", CASE_MUST, "pmip",
	  "PMA1 sends a PRRQ to the HA with Home Agent 192.0.2.99.",
	  "A reply with a denial code (64 or more; RFC 5944 §3.8.3.2 names 136 as an example).",
	  "home-agent", NULL, haf_wrong },
	{ "HA-HAF-02", "ha-core", CASE_ROLE_HA, "the 136 reply names the HA's own address",
	  "RFC 5944 §3.8.3.2", CASE_MUST, "pmip",
	  "PMA1 sends a PRRQ to the HA with Home Agent 192.0.2.99.",
	  "Code 136 with the HA's unicast address (PIXIT ha) in the Home Agent field.",
	  "home-agent", NULL, haf_136_addr },
	{ "HA-HAF-03", "ha-core", CASE_ROLE_HA, "Home Agent 0.0.0.0 is a dynamic HA request",
	  "RFC 4433 §5.3; RFC 5563 §4.6", CASE_MUST, "pmip ha.dynamic-ha",
	  "PMA1 sends a PRRQ to the HA's unicast address with Home Agent 0.0.0.0.",
	  "Code 0 with the HA's address in the Home Agent field.", "home-agent dynamic-ha",
	  NULL, haf_zero },
	{ "HA-HAF-04", "ha-core", CASE_ROLE_HA,
	  "Home Agent 255.255.255.255 is a dynamic HA request",
	  "RFC 4433 §5.3; RFC 5563 §4.6", CASE_MUST, "pmip ha.dynamic-ha",
	  "PMA1 sends a PRRQ to the HA's unicast address with Home Agent 255.255.255.255.",
	  "Code 0 with the HA's address in the Home Agent field.", "home-agent dynamic-ha",
	  "R5563-4.6-01", haf_ones },
};

CASE_TABLE(cases_ha_haf, defs);
