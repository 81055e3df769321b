/* ha/pmip.c — HA-PMIP, the PMIPv4 codes 149, 150 and 129: RFC 5563 §8.1 (DESIGN.md §6.1). */
#include "peer.h"

/* RFC 5563 §8.1: an HA with Proxy Mobile IPv4 disabled answers 149. */
static void pmip_149(struct tc *t)
{
	const struct params *p = tc_params(t);
	uint32_t addr;
	uint16_t port;
	struct mip_msg m;
	const struct tc_rx *r;

	if (!tc_pixit_given(t, "ha.pmip-off"))
		return;
	params_endpoint(p, "ha.pmip-off", &addr, &port);
	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	m.ha = addr;
	if (!tc_send_to(t, TC_PMA1, addr, port, &m))
		return;
	r = tc_expect(t, TC_SIG(MIP_RRP, TC_PMA1), hc_reply_ms(t), "RRP");
	if (r)
		tc_check_u(t, "RRP.Code", 149, r->m.code);
}

/* RFC 5563 §8.1: a PMA the HA does not allow gets 150. */
static void pmip_150(struct tc *t)
{
	struct mip_msg m;

	if (!tc_pixit_given(t, "ha.pma-denied"))
		return;
	tc_prrq(t, &m, TC_PMA_DENIED, tc_nai(t, 1));
	tc_request_code(t, TC_PMA_DENIED, &m, 150);
}

/* RFC 5563 §8.1 with DESIGN.md §6.1: a denied registration gets 129 (administratively
 * prohibited, the HA's code), not the FA's 65 (hc_request_129: 65 is warn, or pass
 * with PIXIT accept-65).  Denied here: the requested home address is bound to another
 * NAI. */
static void pmip_129(struct tc *t)
{
	const struct tc_rx *r = tc_register(t, TC_PMA1, tc_nai(t, 1));
	struct mip_msg m;

	if (!r)
		return;
	tc_prrq(t, &m, TC_PMA2, tc_nai(t, 2));
	m.hoa = r->m.hoa;
	hc_request_129(t, TC_PMA2, &m);
}

static const struct case_def defs[] = {
	{ "HA-PMIP-01", "ha-core", CASE_ROLE_HA, "an HA with PMIPv4 disabled answers 149",
	  "RFC 5563 §8.1", CASE_MUST, "pmip",
	  "PMA1 sends a PRRQ (47/1) to PIXIT ha.pmip-off, an HA with Proxy Mobile IPv4 off.",
	  "Code 149.", "pmip", "R5563-8.1-03", pmip_149 },
	{ "HA-PMIP-02", "ha-core", CASE_ROLE_HA, "a PMA that is not allowed gets 150",
	  "RFC 5563 §8.1", CASE_MUST, "pmip",
	  "The PMA at PIXIT ha.pma-denied sends a valid PRRQ.",
	  "Code 150.", "pmip", "R5563-8.1-04", pmip_150 },
	{ "HA-PMIP-03", "ha-core", CASE_ROLE_HA, "a denied registration gets 129, not 65",
	  "RFC 5563 §8.1, §4.1.1; RFC 5944 §3.4", CASE_MUST, "pmip ha.nai",
	  "PMA1 registers NAI 1; PMA2 asks for NAI 1's home address for NAI 2.",
	  "Code 129 (the HA's administratively prohibited; 65 is the FA's code).  65, as RFC "
	  "5563 §8.1 misprints it, passes with PIXIT accept-65 (note '65 accepted by "
	  "leniency') and is warn without it, never fail.", "pmip hoa",
	  "R5563-8.1-02", pmip_129 },
};

CASE_TABLE(cases_ha_pmip, defs);
