/* cases_ha_reg.c — HA cases: proxy registration, home address assignment, lifetime and
 * deregistration (RFC 5563 §4.1, §4.3, §8; RFC 5944 §3.8; RFC 2794 §3). */
#include "tc.h"

/* RFC 5563 §4.1.1 step 4, §8: a valid PRRQ is accepted. */
static void reg_accept(struct tc *t)
{
	struct mip_msg m;
	const struct tc_rx *r;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	r = tc_request(t, TC_PMA1, &m);
	if (r)
		tc_check_u(t, "RRP.Code", 0, r->m.code);
}

/* RFC 5944 §3.8.3.1, RFC 2794 §3: a request for 0.0.0.0 gets an address of the home
 * network. */
static void reg_hoa_assigned(struct tc *t)
{
	const struct tc_rx *r = tc_register(t, TC_PMA1, tc_nai(t, 1));

	if (r)
		tc_check_true(t, "RRP.Home Address", "an assigned address, not 0.0.0.0",
			      r->m.hoa != 0, "0.0.0.0");
}

/* RFC 5944 §3.4, §5.7.1: the reply's Identification low 32 bits are the request's. */
static void reg_ident_copied(struct tc *t)
{
	struct mip_msg m;
	const struct tc_rx *r;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	r = tc_request(t, TC_PMA1, &m);
	if (r)
		tc_check_x(t, "RRP.Identification low 32 bits", m.ident & 0xffffffffu,
			   r->m.ident & 0xffffffffu);
}

/* RFC 5944 §3.8.2.2: the HA may shorten, never lengthen, the lifetime; it caps it at its
 * maximum. */
static void reg_lifetime_cap(struct tc *t)
{
	struct mip_msg m;
	const struct tc_rx *r;
	uint32_t cap = params_u32(tc_params(t), "ha.max-lifetime");

	if (cap >= 0xfffe) {
		tc_none(t, "PIXIT ha.max-lifetime leaves nothing to cap");
		return;
	}
	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	m.lifetime = 0xfffe;
	r = tc_request(t, TC_PMA1, &m);
	if (r && tc_check_u(t, "RRP.Code", 0, r->m.code))
		tc_check_true(t, "RRP.Lifetime", tc_printf(t, "<= %u", cap),
			      r->m.lifetime <= cap && r->m.lifetime > 0, "%u", r->m.lifetime);
}

static const struct case_def defs[] = {
	{ "HA-REG-01", "ha-core", CASE_ROLE_HA, "a valid proxy registration is accepted",
	  "RFC 5563 §4.1.1, §8", CASE_MUST, "pmip",
	  "PMA1 sends a PRRQ (NAI, 147/4, 47/1, FA-HA, HoA 0.0.0.0).",
	  "The HA replies with code 0.", "registration", NULL, reg_accept },
	{ "HA-REG-02", "ha-core", CASE_ROLE_HA, "a home address is assigned for 0.0.0.0",
	  "RFC 5944 §3.8.3.1; RFC 2794 §3", CASE_MUST, "pmip ha.dynamic-hoa",
	  "PMA1 registers with HoA 0.0.0.0.",
	  "The reply's Home Address is not 0.0.0.0.", "registration hoa", NULL,
	  reg_hoa_assigned },
	{ "HA-REG-03", "ha-core", CASE_ROLE_HA,
	  "the reply copies the low 32 bits of the Identification",
	  "RFC 5944 §3.4, §5.7.1", CASE_MUST, "pmip",
	  "PMA1 sends a PRRQ.",
	  "The reply's Identification has the request's low 32 bits.", "registration ident",
	  NULL, reg_ident_copied },
	{ "HA-REG-04", "ha-core", CASE_ROLE_HA, "a lifetime above the maximum is cut",
	  "RFC 5944 §3.8.2.2", CASE_MUST, "pmip",
	  "PMA1 asks for lifetime 65534 s.",
	  "Code 0 with a lifetime of at most PIXIT ha.max-lifetime.", "registration lifetime",
	  NULL, reg_lifetime_cap },
};

CASE_TABLE(cases_ha_reg, defs);
