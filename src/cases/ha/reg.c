/* ha/reg.c — HA-REG, registration and reply: RFC 5563 §4.1.1, §4.3, §8; RFC 5944 §3.8. */
/* A valid proxy registration, its home address, Identification, lifetime, NAI (RFC 2794
 * §3), 147 identifiers (RFC 5563 §5) and FA-HA in the reply. */
#include <string.h>

#include "peer.h"

/* RFC 5563 §4.1.1 step 4, §8: a valid PRRQ is accepted. */
static void reg_accept(struct tc *t)
{
	struct mip_msg m;
	const struct tc_rx *r;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	r = tc_request_code(t, TC_PMA1, &m, 0);
	if (r) /* RFC 5944 §1.9: the reply's extensions are well-formed TLVs; every other
		* case judges its own field of a reply damaged after it */
		tc_check_layout(t, "RRP", r);
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
		tc_check_x(t, "RRP.Identification low 32 bits",
			   tc_sent_ident(t, m.ident) & 0xffffffffu, r->m.ident & 0xffffffffu);
}

/* RFC 5944 §5.7.1: "If the timestamp is valid, the home agent copies the entire
 * Identification field into the Registration Reply": an accepted reply to the tester's
 * timestamp (tc_ident) carries all 64 bits of it. */
static void reg_ident_whole(struct tc *t)
{
	struct mip_msg m;
	const struct tc_rx *r;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	if ((r = hc_replied(t, TC_PMA1, &m, 0)))
		tc_check_x(t, "RRP.Identification", tc_sent_ident(t, m.ident), r->m.ident);
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
	if ((r = hc_replied(t, TC_PMA1, &m, 0)))
		tc_check_true(t, "RRP.Lifetime", tc_printf(t, "<= %u", cap),
			      r->m.lifetime <= cap && r->m.lifetime > 0, "%u", r->m.lifetime);
}

/* RFC 2794 §3: the HA's reply to a request with an NAI carries the NAI. */
static void reg_nai_echo(struct tc *t)
{
	struct mip_msg m;
	const struct tc_rx *r;
	const struct mip_ext *x;
	const char *nai = tc_nai(t, 1);

	tc_prrq(t, &m, TC_PMA1, nai);
	tc_prrq_nai(&m, nai); /* whatever PIXIT nai says */
	r = hc_replied(t, TC_PMA1, &m, 0); /* RFC 5563 §8.1: bindings go by the NAI */
	if (!r || !hc_check_present(t, "RRP NAI (131)", r, MIP_EXT_NAI, -1))
		return;
	x = hc_ext(r, MIP_EXT_NAI, -1);
	tc_check_true(t, "RRP NAI", nai,
		      x->v.bytes.len == strlen(nai) && !memcmp(x->v.bytes.p, nai, strlen(nai)),
		      "%.*s", (int)x->v.bytes.len, (const char *)x->v.bytes.p);
}

/* RFC 5563 §5.2-§5.5, §8: the identifiers of 147 are accepted (code 0).  Only §5.5 says
 * anything of the reply, for 147/4 and with no keyword ("The HA does not include the
 * extension in the associated Registration Reply"): an echoed 147/4 is warn; 147/1-3 in
 * the reply are allowed. */
static void reg_147_not_echoed(struct tc *t)
{
	static const uint8_t ifid[] = "eth0.42", mac[] = { 2, 0, 0, 0x4c, 0, 7 };
	static const uint8_t imsi[] = "001010123456789";
	struct mip_msg m;
	const struct tc_rx *r;
	struct mip_ext *x;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	x = tc_ext_insert(&m, MIP_EXT_PMIP_SK, MIP_PMIP_IFID);
	x->v.bytes.p = ifid;
	x->v.bytes.len = sizeof ifid - 1;
	x = tc_ext_insert(&m, MIP_EXT_PMIP_SK, MIP_PMIP_DEVID);
	x->v.pmid.idtype = 1; /* Ethernet MAC address */
	x->v.pmid.id = mac;
	x->v.pmid.id_len = sizeof mac;
	x = tc_ext_insert(&m, MIP_EXT_PMIP_SK, MIP_PMIP_SUBID);
	x->v.pmid.idtype = 1; /* IMSI */
	x->v.pmid.id = imsi;
	x->v.pmid.id_len = sizeof imsi - 1;
	if ((r = hc_replied(t, TC_PMA1, &m, 0)) &&
	    hc_ext(r, MIP_EXT_PMIP_SK, MIP_PMIP_ACCTECH))
		tc_warn(t, "RRP 147/4 Access Technology Type: expected absent (RFC 5563 §5.5, "
			"no keyword), got present");
}

/* RFC 5563 §4.3, RFC 5944 §3.8.3.3: with a per-node SA the reply is protected by a valid
 * FA-HA authentication extension. */
static void reg_reply_faha(struct tc *t)
{
	struct mip_msg m;
	const struct tc_rx *r;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	if ((r = hc_replied(t, TC_PMA1, &m, 0)))
		tc_check_auth(t, "RRP FA-HA authenticator (34)", r, MIP_EXT_FAHA, tc_sa(t));
}

static const struct case_def defs[] = {
	{ "HA-REG-01", "ha-core", CASE_ROLE_HA, "a valid proxy registration is accepted",
	  "RFC 5563 §4.1.1, §8", CASE_MUST, "pmip",
	  "PMA1 sends a PRRQ (NAI, 147/4, 47/1, FA-HA, HoA 0.0.0.0).",
	  "The HA replies with code 0.", "registration auth", "R5563-8-01", reg_accept },
	{ "HA-REG-02", "ha-core", CASE_ROLE_HA, "a home address is assigned for 0.0.0.0",
	  "RFC 5944 §3.8.3.1; RFC 2794 §3", CASE_MUST, "pmip ha.dynamic-hoa",
	  "PMA1 registers with HoA 0.0.0.0.",
	  "The reply's Home Address is not 0.0.0.0.", "registration hoa", "R5563-4.1-03",
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
	{ "HA-REG-05", "ha-core", CASE_ROLE_HA, "the reply carries the request's NAI",
	  "RFC 2794 §3; RFC 5563 §8.1", CASE_MUST, "pmip ha.nai",
	  "PMA1 sends a PRRQ with an NAI extension.",
	  "Code 0, and the reply carries an NAI extension (131) with the same NAI.",
	  "registration nai",
	  NULL, reg_nai_echo },
	{ "HA-REG-06", "ha-core", CASE_ROLE_HA,
	  "147 identifiers are accepted; 147/4 is not echoed in the reply",
	  "RFC 5563 §5.2-§5.5, §8", CASE_MUST, "pmip",
	  "PMA1 sends a PRRQ with 147/1 Interface ID, 147/2 Device ID (MAC), 147/3 Subscriber "
	  "ID (IMSI) and 147/4 Access Technology Type.",
	  "Code 0 (MUST); a 147/4 in the reply is warn (RFC 5563 §5.5 says the HA does not "
	  "include it, with no keyword); 147/1-3 in the reply are allowed.",
	  "registration extensions",
	  "R5563-5.5-02 R5563-8-02", reg_147_not_echoed },
	{ "HA-REG-07", "ha-core", CASE_ROLE_HA, "the reply carries a valid FA-HA authenticator",
	  "RFC 5563 §4.3; RFC 5944 §3.8.3.3", CASE_MUST, "pmip ha.per-node-auth",
	  "PMA1 sends a per-node PRRQ (47/1, FA-HA).",
	  "Code 0, and the reply's FA-HA extension verifies with PIXIT sa.", "registration auth",
	  "R5563-4.3-01 R3543-4.2-07", reg_reply_faha },
	{ "HA-REG-08", "ha-core", CASE_ROLE_HA,
	  "an accepted reply copies the whole 64-bit Identification",
	  "RFC 5944 §5.7.1", CASE_MUST, "pmip",
	  "PMA1 sends a PRRQ whose Identification is a fresh NTP timestamp.",
	  "Code 0, and the reply's Identification equals the request's in all 64 bits.",
	  "registration ident", NULL, reg_ident_whole },
};

CASE_TABLE(cases_ha_reg, defs);
