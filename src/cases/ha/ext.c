/* cases_ha_ext.c — HA cases: extension handling (RFC 5944 §1.8, §3.5.2, §3.8.2.3), the
 * Home Agent field and dynamic HA (RFC 5944 §3.8.3.2; RFC 4433 §5.3; RFC 5563 §4.6), home
 * address assignment and authorization (RFC 5563 §4.1; RFC 2794 §2) and the PMIPv4 codes
 * 149, 150 and 129 (RFC 5563 §8.1; DESIGN.md §6.1). */
#include <stdio.h>
#include <string.h>

#include "cases_ha_lib.h"

static const uint8_t blob[] = { 0xde, 0xad, 0xbe, 0xef };

/* An unknown extension of `type` (TLV, 4 bytes) before the authenticator. */
static void add_unknown(struct mip_msg *m, uint8_t type)
{
	struct mip_ext *x = tc_ext_insert(m, type, 0);

	x->fmt = MIP_FMT_TLV;
	x->raw = true;
	x->data = blob;
	x->data_len = sizeof blob;
}

/* RFC 5944 §1.8: an unknown extension 128-255 is skipped, the rest processed. */
static void ext_skippable(struct tc *t)
{
	struct mip_msg m;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	add_unknown(&m, 200);
	tc_request_code(t, TC_PMA1, &m, 0);
}

/* RFC 5944 §1.8: an unknown extension 0-127 → the whole message is silently discarded. */
static void ext_nonskippable(struct tc *t)
{
	struct mip_msg m;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	add_unknown(&m, 100);
	if (tc_send(t, TC_PMA1, &m))
		tc_expect_none(t, TC_SIG(MIP_RRP, TC_PMA1), hc_silence(t), "RRP");
}

/* RFC 3543 §3.2, RFC 5944 §3.5.2: 137 after the authenticator is not protected, so the
 * HA does not act on it: no 137 in the reply. */
static void ext_137_uncovered(struct tc *t)
{
	struct mip_msg m;
	const struct tc_rx *r;
	struct mip_ext *x;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	tc_ext_del(&m, MIP_EXT_REVSUP, -1);
	x = mip_ext_add(&m, MIP_EXT_REVSUP, 0); /* after FA-HA */
	x->v.rev.ts = hc_ts(t);
	r = tc_request(t, TC_PMA1, &m);
	if (r && tc_check_u(t, "RRP.Code", 0, r->m.code))
		hc_check_absent(t, "RRP Revocation Support (137)", r, MIP_EXT_REVSUP, -1);
}

/* RFC 5563 §5: PMIPv4 extensions precede the authenticator; a 47/1 after FA-HA is not
 * protected and authorizes nothing: silent discard (RFC 5944 §3.8.2.1 a). */
static void ext_47_uncovered(struct tc *t)
{
	struct mip_msg m;
	struct mip_ext *x;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	tc_ext_del(&m, MIP_EXT_PMIP_NS, -1);
	x = mip_ext_add(&m, MIP_EXT_PMIP_NS, MIP_PMIP_PERNODE);
	x->v.pernode.method = MIP_PERNODE_FAHA;
	if (tc_send(t, TC_PMA1, &m))
		tc_expect_none(t, TC_SIG(MIP_RRP, TC_PMA1), hc_silence(t), "RRP");
}

/* RFC 5944 §3.8.2.3 (poorly formed), RFC 2794 §2: two NAI extensions get 134. */
static void ext_dup_nai(struct tc *t)
{
	const char *nai = tc_nai(t, 1);
	struct mip_msg m;
	struct mip_ext *x;

	tc_prrq(t, &m, TC_PMA1, nai);
	x = tc_ext_insert(&m, MIP_EXT_NAI, 0);
	x->v.bytes.p = (const uint8_t *)nai;
	x->v.bytes.len = (uint16_t)strlen(nai);
	tc_request_code(t, TC_PMA1, &m, 134);
}

#define OTHER_HA 0xc0000263u /* 192.0.2.99: not an address of the DUT */

/* RFC 5944 §3.8.3.2: a Home Agent field that is not the HA's address → 136. */
static void haf_wrong(struct tc *t)
{
	struct mip_msg m;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	m.ha = OTHER_HA;
	tc_request_code(t, TC_PMA1, &m, 136);
}

/* RFC 5944 §3.8.3.2: the 136 reply carries the HA's own unicast address. */
static void haf_136_addr(struct tc *t)
{
	struct mip_msg m;
	const struct tc_rx *r;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	m.ha = OTHER_HA;
	r = tc_request(t, TC_PMA1, &m);
	if (r && tc_check_u(t, "RRP.Code", 136, r->m.code))
		tc_check_addr(t, "RRP.Home Agent", hc_ha_addr(t), r->m.ha);
}

/* RFC 4433 §5.3, RFC 5563 §4.6: a Home Agent field of ALL-ZERO-ONE-ADDR sent to the HA's
 * unicast address is not 136: accepted with the HA's address in the reply. */
static void haf_dynamic(struct tc *t, uint32_t field)
{
	struct mip_msg m;
	const struct tc_rx *r;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	m.ha = field;
	r = tc_request(t, TC_PMA1, &m);
	if (r && tc_check_u(t, "RRP.Code", 0, r->m.code))
		tc_check_addr(t, "RRP.Home Agent", hc_ha_addr(t), r->m.ha);
}

static void haf_zero(struct tc *t)
{
	haf_dynamic(t, 0);
}

static void haf_ones(struct tc *t)
{
	haf_dynamic(t, 0xffffffffu);
}

/* RFC 5563 §4.1.1 step 4: a requested home address the HA may not give → 129. */
static void hoa_unauthorized(struct tc *t)
{
	struct mip_msg m;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	m.hoa = 0xc0000242u; /* 192.0.2.66: a documentation address, in no home network */
	tc_request_code(t, TC_PMA1, &m, 129);
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
	r = tc_request(t, TC_PMA2, &m);
	if (r && tc_check_u(t, "RRP.Code", 0, r->m.code))
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
		      r->m.hoa && (r->m.hoa & mask) == net, "%u.%u.%u.%u", r->m.hoa >> 24,
		      r->m.hoa >> 16 & 255, r->m.hoa >> 8 & 255, r->m.hoa & 255);
}

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
 * prohibited, the HA's code), not the FA's 65.  Denied here: the requested home address
 * is bound to another NAI. */
static void pmip_129(struct tc *t)
{
	const struct tc_rx *r = tc_register(t, TC_PMA1, tc_nai(t, 1));
	struct mip_msg m;

	if (!r)
		return;
	tc_prrq(t, &m, TC_PMA2, tc_nai(t, 2));
	m.hoa = r->m.hoa;
	tc_request_code(t, TC_PMA2, &m, 129);
}

static const struct case_def defs[] = {
	{ "HA-EXT-01", "ha-core", CASE_ROLE_HA, "an unknown skippable extension is ignored",
	  "RFC 5944 §1.8", CASE_MUST, "pmip",
	  "PMA1 sends a PRRQ with an extension of type 200 (4 bytes) before the authenticator.",
	  "Code 0.", "extensions", NULL, ext_skippable },
	{ "HA-EXT-02", "ha-core", CASE_ROLE_HA,
	  "an unknown non-skippable extension makes the request discarded",
	  "RFC 5944 §1.8", CASE_MUST, "pmip",
	  "PMA1 sends a PRRQ with an extension of type 100 (4 bytes) before the authenticator.",
	  "No reply within PIXIT silence-ms.", "extensions discard", NULL, ext_nonskippable },
	{ "HA-EXT-03", "ha-core", CASE_ROLE_HA, "137 after the authenticator is not acted on",
	  "RFC 3543 §3.2; RFC 5944 §3.5.2", CASE_MUST, "pmip ha.revocation",
	  "PMA1 sends a PRRQ whose Revocation Support extension follows FA-HA.",
	  "Code 0, and the reply carries no 137.", "extensions revocation",
	  "R3543-3.2-10 R3543-3.2-09", ext_137_uncovered },
	{ "HA-EXT-04", "ha-core", CASE_ROLE_HA, "47/1 after the authenticator authorizes nothing",
	  "RFC 5563 §5, §4.3; RFC 5944 §3.5.2, §3.8.2.1", CASE_MUST, "pmip ha.per-node-auth",
	  "PMA1 sends a PRRQ whose 47/1 follows FA-HA (no MN-HA).",
	  "No reply within PIXIT silence-ms.", "extensions auth discard", "R5563-5-01",
	  ext_47_uncovered },
	{ "HA-EXT-05", "ha-core", CASE_ROLE_HA, "a duplicated NAI extension gets 134",
	  "RFC 5944 §3.8.2.3; RFC 2794 §2", CASE_MUST, "pmip ha.nai",
	  "PMA1 sends a PRRQ with two NAI extensions (the same NAI).",
	  "Code 134.", "extensions nai", NULL, ext_dup_nai },
	{ "HA-HAF-01", "ha-core", CASE_ROLE_HA, "a wrong Home Agent field gets 136",
	  "RFC 5944 §3.8.3.2", CASE_MUST, "pmip",
	  "PMA1 sends a PRRQ to the HA with Home Agent 192.0.2.99.",
	  "Code 136.", "home-agent", NULL, haf_wrong },
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
	{ "HA-HOA-01", "ha-core", CASE_ROLE_HA, "an unauthorized home address gets 129",
	  "RFC 5563 §4.1.1; RFC 5944 §3.8.3.2", CASE_MUST, "pmip",
	  "PMA1 sends a PRRQ asking for home address 192.0.2.66 (in no home network).",
	  "Code 129.", "hoa", "R5563-4.1-02", hoa_unauthorized },
	{ "HA-HOA-02", "ha-core", CASE_ROLE_HA, "a handover keeps the home address",
	  "RFC 5563 §4.1", CASE_MUST, "pmip",
	  "PMA1 registers an NAI (HoA 0.0.0.0); PMA2 registers the same NAI (HoA 0.0.0.0).",
	  "PMA2 gets code 0 and the home address PMA1 got.", "hoa handover", "R5563-4.1-06",
	  hoa_handover },
	{ "HA-HOA-03", "ha-core", CASE_ROLE_HA, "the assigned home address is in the home network",
	  "RFC 2794 §2; RFC 5563 §4.1.1", CASE_MUST, "pmip ha.dynamic-hoa",
	  "PMA1 registers with HoA 0.0.0.0.",
	  "The reply's Home Address is in PIXIT ha.pool.", "hoa", "R5563-4.1-03", hoa_in_pool },
	{ "HA-PMIP-01", "ha-core", CASE_ROLE_HA, "an HA with PMIPv4 disabled answers 149",
	  "RFC 5563 §8.1", CASE_MUST, "pmip",
	  "PMA1 sends a PRRQ (47/1) to PIXIT ha.pmip-off, an HA with Proxy Mobile IPv4 off.",
	  "Code 149.", "pmip", "R5563-8.1-03", pmip_149 },
	{ "HA-PMIP-02", "ha-core", CASE_ROLE_HA, "a PMA that is not allowed gets 150",
	  "RFC 5563 §8.1", CASE_MUST, "pmip",
	  "The PMA at PIXIT ha.pma-denied sends a valid PRRQ.",
	  "Code 150.", "pmip", "R5563-8.1-04", pmip_150 },
	{ "HA-PMIP-03", "ha-core", CASE_ROLE_HA, "a denied registration gets 129, not 65",
	  "RFC 5563 §8.1, §4.1.1; RFC 5944 §3.4", CASE_MUST, "pmip",
	  "PMA1 registers NAI 1; PMA2 asks for NAI 1's home address for NAI 2.",
	  "Code 129 (the HA's administratively prohibited; 65 is the FA's code).", "pmip hoa",
	  "R5563-8.1-02", pmip_129 },
};

CASE_TABLE(cases_ha_ext, defs);
