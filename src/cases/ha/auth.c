/* ha/auth.c — HA-AUTH, authentication: RFC 5563 §4.3, §5.1, §8; RFC 5944 §3.8.2.1 a, c, d. */
/* Proxy registrations authenticated per node (FA-HA with 47/1) and per MN (MN-HA). */
#include <string.h>

#include "peer.h"

static void corrupt(struct mip_msg *m, uint8_t type)
{
	struct mip_ext *x = mip_ext_get(m, type, -1);

	if (x)
		x->auth_mode = MIP_AUTH_CORRUPT;
}

/* RFC 5563 §4.3, §8 item 2: a proxy registration authenticated per MN (MN-HA) is
 * accepted. */
static void auth_per_mn(struct tc *t)
{
	struct mip_msg m;

	hc_prrq_mn(t, &m, TC_PMA1, tc_nai(t, 1));
	tc_request_code(t, TC_PMA1, &m, 0);
}

/* RFC 5944 §3.8.3.3: a reply to a request authorized by MN-HA carries a valid MN-HA. */
static void auth_per_mn_reply(struct tc *t)
{
	struct mip_msg m;
	const struct tc_rx *r;

	hc_prrq_mn(t, &m, TC_PMA1, tc_nai(t, 1));
	if ((r = hc_replied(t, TC_PMA1, &m, 0)))
		tc_check_auth(t, "RRP MN-HA authenticator (32)", r, MIP_EXT_MNHA, tc_mn_sa(t));
}

/* RFC 5944 §3.8.2.1 a: an invalid MN-HA authenticator: "the home agent MUST reject the
 * mobile node's registration"; with a valid FA-HA it "MUST send a Registration Reply with
 * Code 131", with no FA-HA SA it "MAY send" one. */
static void auth_bad_mnha(struct tc *t)
{
	static const uint8_t c131[] = { 131 };
	struct mip_msg m;

	hc_prrq_mn(t, &m, TC_PMA1, tc_nai(t, 1));
	corrupt(&m, MIP_EXT_MNHA);
	if (hc_fa_sa(t))
		tc_request_code(t, TC_PMA1, &m, 131);
	else if (tc_send(t, TC_PMA1, &m))
		hc_refused(t, TC_PMA1, "RRP", c131, 1);
}

/* RFC 5563 §4.3, RFC 5944 §3.8.2.1 c: an invalid per-node FA-HA authenticator: the HA MUST
 * reject the registration and SHOULD send 132 (FA failed authentication). */
static void auth_bad_faha(struct tc *t)
{
	struct mip_msg m;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	corrupt(&m, MIP_EXT_FAHA);
	tc_request_reject(t, TC_PMA1, &m, 132);
}

/* RFC 5944 §3.8.2.1: an FA-HA whose SPI names no SA.  Read by a, "does not have any
 * security association ... MUST silently discard"; read by c (the HA shares an SA with the
 * PMA, and this authenticator is not valid), "MUST reject ... SHOULD send ... 132".
 * Either passes; what both forbid is accepting it. */
static void auth_unknown_spi(struct tc *t)
{
	static const uint8_t c132[] = { 132 };
	struct mip_sa *sa = tc_alloc(t, sizeof *sa);
	struct mip_msg m;

	*sa = *tc_sa(t);
	sa->spi = 0x7a11ce5u; /* not a SPI of the PIXIT */
	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	tc_ext_del(&m, MIP_EXT_FAHA, -1);
	mip_ext_add_auth(&m, MIP_EXT_FAHA, sa);
	if (tc_send(t, TC_PMA1, &m))
		hc_refused(t, TC_PMA1, "RRP", c132, 1);
}

/* RFC 5944 §3.8.2.1 a: "without any authorization-enabling extension, the home agent MUST
 * silently discard".  When the HA shares an SA with the PMA, c also applies ("If no
 * Foreign-Home Authentication Extension is found ... MUST reject ... SHOULD send ...
 * 132"): then 132 passes too. */
static void auth_missing(struct tc *t)
{
	static const uint8_t c132[] = { 132 };
	struct mip_msg m;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	tc_ext_del(&m, MIP_EXT_FAHA, -1);
	tc_ext_del(&m, MIP_EXT_MNHA, -1);
	if (!tc_send(t, TC_PMA1, &m))
		return;
	if (hc_fa_sa(t))
		hc_refused(t, TC_PMA1, "RRP", c132, 1);
	else
		tc_expect_none(t, TC_SIG(MIP_RRP, TC_PMA1), hc_silence(t), "RRP");
}

/* RFC 5563 §5.1, §4.3: FA-HA authorizes a proxy registration only with 47/1 saying the
 * per-node method; without 47/1 and MN-HA nothing authorizes it (RFC 5944 §3.8.2.1 a). */
static void auth_faha_no_pernode(struct tc *t)
{
	struct mip_msg m;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	tc_ext_del(&m, MIP_EXT_PMIP_NS, -1);
	if (tc_send(t, TC_PMA1, &m))
		tc_expect_none(t, TC_SIG(MIP_RRP, TC_PMA1), hc_silence(t), "RRP");
}

/* RFC 5563 §5.1: with a per-node SA, the reply carries 47/1 (5 bytes, method FA-HA). */
static void auth_pernode_echo(struct tc *t)
{
	const struct mip_ext *x = hc_accepted_ext(t, "RRP Per-Node Authentication Method (47/1)",
						  MIP_EXT_PMIP_NS, MIP_PMIP_PERNODE);

	if (!x)
		return;
	tc_check_u(t, "RRP 47/1 Length", 1, x->length);
	tc_check_u(t, "RRP 47/1 Method", MIP_PERNODE_FAHA, x->v.pernode.method);
}

/* DESIGN.md §6.6 (RFC 5563 §4.3 over RFC 5944 §3.5.4): the per-node FA-HA authenticates
 * deregistrations too; an invalid one gets 132. */
static void auth_dereg_bad_faha(struct tc *t)
{
	struct mip_msg m;

	if (!hc_reg_dereg(t, &m))
		return;
	corrupt(&m, MIP_EXT_FAHA);
	tc_request_reject(t, TC_PMA1, &m, 132);
}

/* RFC 5944 §3.8.2.1 c: a duplicated FA-HA extension: MUST reject, SHOULD send 132. */
static void auth_dup_faha(struct tc *t)
{
	struct mip_msg m;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	mip_ext_add_auth(&m, MIP_EXT_FAHA, tc_sa(t));
	tc_request_reject(t, TC_PMA1, &m, 132);
}

static const struct case_def defs[] = {
	{ "HA-AUTH-01", "ha-core", CASE_ROLE_HA, "a per-MN (MN-HA) proxy registration is accepted",
	  "RFC 5563 §4.3, §8; RFC 5944 §3.8.2.1 c, d", CASE_MUST, "pmip ha.per-mn-auth",
	  "PMA1 sends a PRRQ without 47/1, authorized by MN-HA (PIXIT mn-sa); FA-HA last only "
	  "when the HA shares an SA with the PMA (PICS ha.per-node-auth).",
	  "The HA replies with code 0.", "auth registration", NULL, auth_per_mn },
	{ "HA-AUTH-02", "ha-core", CASE_ROLE_HA, "a per-MN reply carries a valid MN-HA",
	  "RFC 5944 §3.8.3.3; RFC 5563 §4.3", CASE_MUST, "pmip ha.per-mn-auth",
	  "PMA1 sends a per-MN PRRQ (MN-HA; FA-HA as in HA-AUTH-01).",
	  "Code 0, and the reply's MN-HA extension verifies with PIXIT mn-sa.", "auth", NULL,
	  auth_per_mn_reply },
	{ "HA-AUTH-03", "ha-core", CASE_ROLE_HA, "an invalid MN-HA authenticator is rejected",
	  "RFC 5944 §3.8.2.1 a; RFC 5563 §4.3", CASE_MUST, "pmip ha.per-mn-auth",
	  "PMA1 sends a per-MN PRRQ whose MN-HA authenticator is wrong (FA-HA as in "
	  "HA-AUTH-01, valid).",
	  "With a valid FA-HA (PICS ha.per-node-auth): a reply with code 131 (MUST).  Without "
	  "an FA-HA SA: no accepting reply; silence or 131 (MAY) pass, another denial is warn.",
	  "auth", NULL, auth_bad_mnha },
	{ "HA-AUTH-04", "ha-core", CASE_ROLE_HA,
	  "an invalid per-node FA-HA authenticator is rejected (SHOULD with 132)",
	  "RFC 5563 §4.3; RFC 5944 §3.8.2.1", CASE_MUST, "pmip ha.per-node-auth",
	  "PMA1 sends a per-node PRRQ (47/1) whose FA-HA authenticator is wrong.",
	  "MUST: no accepting reply (a denial, or silence); SHOULD: a reply with code 132 "
	  "(warn otherwise).", "auth", "R5563-4.3-01", auth_bad_faha },
	{ "HA-AUTH-05", "ha-core", CASE_ROLE_HA, "an FA-HA with an unknown SPI is not accepted",
	  "RFC 5944 §3.8.2.1 a, c; RFC 5563 §4.3", CASE_MUST, "pmip ha.per-node-auth",
	  "PMA1 sends a per-node PRRQ whose FA-HA has an SPI the HA has no SA for (the key of "
	  "PIXIT sa).",
	  "No accepting reply: silence (§3.8.2.1 a) or code 132 (c) pass; another denial is "
	  "warn.", "auth discard", NULL, auth_unknown_spi },
	{ "HA-AUTH-06", "ha-core", CASE_ROLE_HA,
	  "a request without authentication is not accepted",
	  "RFC 5944 §3.8.2.1 a, c; RFC 5563 §8", CASE_MUST, "pmip",
	  "PMA1 sends a PRRQ (47/1 with PICS ha.per-node-auth) with neither FA-HA nor MN-HA.",
	  "No accepting reply: silence (§3.8.2.1 a); when the HA shares an SA with the PMA "
	  "(PICS ha.per-node-auth), code 132 (c) passes too and another denial is warn.",
	  "auth discard", NULL, auth_missing },
	{ "HA-AUTH-07", "ha-core", CASE_ROLE_HA,
	  "FA-HA without 47/1 does not authorize a proxy registration",
	  "RFC 5563 §5.1, §4.3; RFC 5944 §3.8.2.1", CASE_MUST, "pmip ha.per-node-auth",
	  "PMA1 sends a PRRQ with FA-HA but no 47/1 and no MN-HA.",
	  "No reply within PIXIT silence-ms.", "auth discard", NULL, auth_faha_no_pernode },
	{ "HA-AUTH-08", "ha-core", CASE_ROLE_HA, "the reply carries 47/1 with method FA-HA",
	  "RFC 5563 §5.1", CASE_MUST, "pmip ha.per-node-auth",
	  "PMA1 sends a per-node PRRQ (47/1 method 1, FA-HA).",
	  "Code 0, and the reply carries 47/1 with Length 1 and Method 1.", "auth extensions",
	  "R5563-5.1-02 R5563-5.1-03", auth_pernode_echo },
	{ "HA-AUTH-09", "ha-core", CASE_ROLE_HA,
	  "a deregistration with an invalid per-node FA-HA is rejected (SHOULD with 132)",
	  "RFC 5563 §4.3; RFC 5944 §3.8.2.1", CASE_MUST, "pmip ha.per-node-auth",
	  "PMA1 registers, then deregisters (lifetime 0) with a wrong FA-HA authenticator.",
	  "MUST: no accepting reply to the deregistration (a denial, or silence); SHOULD: "
	  "code 132 (warn otherwise).", "auth deregistration",
	  "R5563-4.3-01", auth_dereg_bad_faha },
	{ "HA-AUTH-10", "ha-core", CASE_ROLE_HA,
	  "a duplicated FA-HA extension is rejected (SHOULD with 132)",
	  "RFC 5944 §3.8.2.1", CASE_MUST, "pmip ha.per-node-auth",
	  "PMA1 sends a per-node PRRQ with two FA-HA extensions (both valid).",
	  "MUST: no accepting reply (a denial, or silence); SHOULD: a reply with code 132 "
	  "(warn otherwise).", "auth extensions", NULL, auth_dup_faha },
};

CASE_TABLE(cases_ha_auth, defs);
