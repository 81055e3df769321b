/* ha/hoa.c — HA-HOA, the home address: RFC 5563 §4.1; RFC 5944 §3.8.3.2; RFC 2794 §2. */
#include <stdio.h>

#include "peer.h"
#include "txt.h"

/* RFC 5563 §4.1.1 step 4: a requested home address the HA may not give → 129 (65, the
 * misprint of §8.1, by hc_request_129's leniency). */
static void hoa_unauthorized(struct tc *t)
{
	struct mip_msg m;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	m.hoa = 0xc0000242u; /* 192.0.2.66: a documentation address, in no home network */
	hc_request_129(t, TC_PMA1, &m);
}

/* RFC 5563 §4.1 (handover): PMA2 registering the same NAI gets the home address the
 * binding via PMA1 has. */
static void hoa_handover(struct tc *t)
{
	const char *nai = tc_nai(t, 1);
	const struct tc_rx *r = tc_register(t, TC_PMA1, nai);
	struct mip_msg m;
	uint32_t hoa;

	if (!r)
		return;
	hoa = r->m.hoa;
	tc_prrq(t, &m, TC_PMA2, nai);
	if ((r = hc_replied(t, TC_PMA2, &m, 0)))
		tc_check_addr(t, "RRP.Home Address", hoa, r->m.hoa);
}

/* RFC 2794 §2, RFC 5563 §4.1.1: the assigned address is one of the home network's
 * (PIXIT ha.pool). */
static void hoa_in_pool(struct tc *t)
{
	const char *pool = params_str(tc_params(t), "ha.pool");
	unsigned a, b, c, d, len;
	uint32_t net, mask;
	const struct tc_rx *r;

	if (!pool || sscanf(pool, "%u.%u.%u.%u/%u", &a, &b, &c, &d, &len) != 5 || len > 32) {
		tc_none(t, "PIXIT ha.pool is not a prefix");
		return;
	}
	mask = len ? 0xffffffffu << (32 - len) : 0;
	net = (a << 24 | b << 16 | c << 8 | d) & mask;
	if (!(r = tc_register(t, TC_PMA1, tc_nai(t, 1))))
		return;
	tc_check_true(t, "RRP.Home Address", tc_printf(t, "an address of %s", pool),
		      r->m.hoa && (r->m.hoa & mask) == net, "%s", txt_ip4(r->m.hoa).s);
}

static const struct case_def defs[] = {
	{ "HA-HOA-01", "ha-core", CASE_ROLE_HA, "an unauthorized home address gets 129",
	  "RFC 5563 §4.1.1; RFC 5944 §3.8.3.2", CASE_MUST, "pmip",
	  "PMA1 sends a PRRQ asking for home address 192.0.2.66 (in no home network).",
	  "Code 129; 65 (RFC 5563 §8.1's misprint of 129) passes with PIXIT accept-65 "
	  "and is warn without it.", "hoa", "R5563-4.1-02", hoa_unauthorized },
	{ "HA-HOA-02", "ha-core", CASE_ROLE_HA, "a handover keeps the home address",
	  "RFC 5563 §4.1", CASE_MUST, "pmip",
	  "PMA1 registers an NAI (HoA 0.0.0.0); PMA2 registers the same NAI (HoA 0.0.0.0).",
	  "PMA2 gets code 0 and the home address PMA1 got.", "hoa handover", "R5563-4.1-06",
	  hoa_handover },
	{ "HA-HOA-03", "ha-core", CASE_ROLE_HA, "the assigned home address is in the home network",
	  "RFC 2794 §2; RFC 5563 §4.1.1", CASE_MUST, "pmip ha.dynamic-hoa",
	  "PMA1 registers with HoA 0.0.0.0.",
	  "The reply's Home Address is in PIXIT ha.pool.", "hoa", "R5563-4.1-03", hoa_in_pool },
};

CASE_TABLE(cases_ha_hoa, defs);
