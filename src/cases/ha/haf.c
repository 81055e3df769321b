/* ha/haf.c — HA-HAF, the Home Agent field: RFC 5944 §3.8.3.2; RFC 4433 §5.3; RFC 5563 §4.6. */
#include "peer.h"
#include "txt.h"

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

/* A unicast address: not 0.0.0.0, not a limited broadcast, not class D or E. */
static bool unicast(uint32_t a)
{
	return a != 0 && a < 0xe0000000u;
}

/* RFC 4433 §5.3, Table 1; RFC 5563 §4.6: a Home Agent field of ALL-ZERO-ONE-ADDR sent to
 * the HA's unicast address is not 136.  Table 1 allows two answers: accept (code 0), or,
 * authentication being successful, reject with 143 REDIRECT-HA-REQ and the Redirected HA
 * extension (139/2, mandatory with 143: §3.4.2) naming a unicast HA.  Either way the reply's
 * Home Agent field is the HA's own address.  With `requested`, the request also carries a
 * Requested HA extension (139/1) naming the HA, the destination (§3.4.1, §4.1 step 1). */
static void haf_dynamic(struct tc *t, uint32_t field, bool requested)
{
	struct mip_msg m;
	const struct tc_rx *r;
	const struct mip_ext *x;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	m.ha = field;
	if (requested)
		tc_ext_insert(&m, MIP_EXT_DYNHA, MIP_DYNHA_REQUESTED)->v.dynha.ha = hc_ha_addr(t);
	if (!(r = tc_request(t, TC_PMA1, &m)) ||
	    !tc_check_true(t, "RRP.Code", "0, or 143 with a Redirected HA (RFC 4433 Table 1)",
			   r->m.code == 0 || r->m.code == 143, "%u", r->m.code) ||
	    !tc_check_addr(t, "RRP.Home Agent", hc_ha_addr(t), r->m.ha) || r->m.code != 143 ||
	    !hc_check_present(t, "RRP Redirected HA (139/2)", r, MIP_EXT_DYNHA,
			      MIP_DYNHA_REDIRECTED))
		return;
	x = hc_ext(r, MIP_EXT_DYNHA, MIP_DYNHA_REDIRECTED);
	tc_check_true(t, "RRP Redirected HA address", "a unicast address",
		      unicast(x->v.dynha.ha), "%s", txt_ip4(x->v.dynha.ha).s);
}

static void haf_zero(struct tc *t)
{
	haf_dynamic(t, 0, false);
}

static void haf_ones(struct tc *t)
{
	haf_dynamic(t, 0xffffffffu, false);
}

static void haf_requested(struct tc *t)
{
	haf_dynamic(t, 0, true);
}

/* RFC 4433 §5.3: "If the Registration Request contains the Requested HA Extension, the HA
 * address in that extension must match the destination IP of the Request.  If it does not
 * match, the Requested HA MUST reject the Registration Request with error code 136." */
static void haf_requested_other(struct tc *t)
{
	struct mip_msg m;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	m.ha = 0;
	tc_ext_insert(&m, MIP_EXT_DYNHA, MIP_DYNHA_REQUESTED)->v.dynha.ha = OTHER_HA;
	tc_request_code(t, TC_PMA1, &m, 136);
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
	  "The HA's address in the Home Agent field, with code 0, or with 143 and a Redirected "
	  "HA extension (139/2) naming a unicast address (RFC 4433 §5.3 Table 1 allows both).",
	  "home-agent dynamic-ha", NULL, haf_zero },
	{ "HA-HAF-04", "ha-core", CASE_ROLE_HA,
	  "Home Agent 255.255.255.255 is a dynamic HA request",
	  "RFC 4433 §5.3; RFC 5563 §4.6", CASE_MUST, "pmip ha.dynamic-ha",
	  "PMA1 sends a PRRQ to the HA's unicast address with Home Agent 255.255.255.255.",
	  "The HA's address in the Home Agent field, with code 0, or with 143 and a Redirected "
	  "HA extension (139/2) naming a unicast address (RFC 4433 §5.3 Table 1 allows both).",
	  "home-agent dynamic-ha", "R5563-4.6-01", haf_ones },
	{ "HA-HAF-05", "ha-core", CASE_ROLE_HA,
	  "Home Agent 0.0.0.0 with a Requested HA naming the HA is a dynamic HA request",
	  "RFC 4433 §3.4.1, §4.1, §5.3; RFC 5563 §4.6", CASE_MUST, "pmip ha.dynamic-ha",
	  "PMA1 sends a PRRQ to the HA's unicast address with Home Agent 0.0.0.0 and a "
	  "Requested HA extension (139/1) naming that address.",
	  "The HA's address in the Home Agent field, with code 0, or with 143 and a Redirected "
	  "HA extension (139/2) naming a unicast address.", "home-agent dynamic-ha",
	  "R5563-4.6-01 R4433-5.3-01", haf_requested },
	{ "HA-HAF-06", "ha-core", CASE_ROLE_HA,
	  "a Requested HA that is not the destination is rejected with 136",
	  "RFC 4433 §5.3", CASE_MUST, "pmip ha.dynamic-ha",
	  "PMA1 sends a PRRQ to the HA's unicast address with Home Agent 0.0.0.0 and a "
	  "Requested HA extension (139/1) naming 192.0.2.99.",
	  "Code 136.", "home-agent dynamic-ha", "R4433-5.3-02", haf_requested_other },
};

CASE_TABLE(cases_ha_haf, defs);
