/* ha/ext.c — HA-EXT, a request's extensions: RFC 5944 §1.8, §3.5.2, §3.8.2.3; RFC 5563 §5;
 * RFC 2794 §3; RFC 3543 §3.2. */
#include <string.h>

#include "peer.h"

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

/* RFC 3543 §3.2: "If the extension ... is NOT protected, the appropriate action as
 * described by [1] (Sections 3.8.2.1 ...) MUST be taken"; RFC 5944 §3.5.2: the
 * authenticator marks the end of the data it protects.  The HA may deny the request (any
 * code), discard it, or accept it without acting on the 137; what it must not do is
 * negotiate revocation on it: 137 in an accepting reply. */
static void ext_137_uncovered(struct tc *t)
{
	struct mip_msg m;
	const struct tc_rx *r;
	struct mip_ext *x;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	tc_ext_del(&m, MIP_EXT_REVSUP, -1);
	x = mip_ext_add(&m, MIP_EXT_REVSUP, 0); /* after FA-HA */
	x->v.rev.ts = hc_ts(t);
	if (!tc_send(t, TC_PMA1, &m))
		return;
	r = hc_reply_or_silence(t, TC_PMA1, "RRP");
	if (r && r->m.code >= 64) {
		tc_note(t, "RRP.Code %u: denied", r->m.code);
		tc_pass(t);
	} else if (r) {
		hc_check_absent(t, "RRP Revocation Support (137)", r, MIP_EXT_REVSUP, -1);
	}
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

/* Two NAI extensions with the same NAI.  No RFC says what an HA does with them: it may
 * find the request poorly formed (RFC 5944 §3.8.2.3, 134) or deny it otherwise, discard
 * it, or accept it for that one NAI.  What RFC 2794 §3 does say holds for any reply: "If
 * the mobile node includes the Mobile Node NAI extension in its Registration Request,
 * then the Registration Reply from the home agent MUST include the Mobile Node NAI
 * extension", here the NAI sent. */
static void ext_dup_nai(struct tc *t)
{
	const char *nai = tc_nai(t, 1);
	struct mip_msg m;
	struct mip_ext *x;
	const struct tc_rx *r;
	const struct mip_ext *got;

	tc_prrq(t, &m, TC_PMA1, nai);
	x = tc_ext_insert(&m, MIP_EXT_NAI, 0);
	x->v.bytes.p = (const uint8_t *)nai;
	x->v.bytes.len = (uint16_t)strlen(nai);
	if (!tc_send(t, TC_PMA1, &m))
		return;
	r = hc_reply_or_silence(t, TC_PMA1, "RRP");
	if (!r || !hc_check_present(t, "RRP NAI (131)", r, MIP_EXT_NAI, -1))
		return;
	got = hc_ext(r, MIP_EXT_NAI, -1);
	tc_check_true(t, "RRP NAI", nai,
		      got->v.bytes.len == strlen(nai) && !memcmp(got->v.bytes.p, nai, strlen(nai)),
		      "%.*s", (int)got->v.bytes.len, (const char *)got->v.bytes.p);
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
	  "RFC 3543 §3.2; RFC 5944 §3.5.2, §3.8.2.1", CASE_MUST, "pmip ha.revocation",
	  "PMA1 sends a PRRQ whose Revocation Support extension follows FA-HA.",
	  "No 137 in an accepting reply: code 0 without 137, a denial (any code >= 64) or "
	  "silence pass.", "extensions revocation",
	  "R3543-3.2-10 R3543-3.2-09", ext_137_uncovered },
	{ "HA-EXT-04", "ha-core", CASE_ROLE_HA, "47/1 after the authenticator authorizes nothing",
	  "RFC 5563 §5, §4.3; RFC 5944 §3.5.2, §3.8.2.1", CASE_MUST, "pmip ha.per-node-auth",
	  "PMA1 sends a PRRQ whose 47/1 follows FA-HA (no MN-HA).",
	  "No reply within PIXIT silence-ms.", "extensions auth discard", "R5563-5-01",
	  ext_47_uncovered },
	{ "HA-EXT-05", "ha-core", CASE_ROLE_HA,
	  "the reply to a request with a duplicated NAI carries that NAI",
	  "RFC 2794 §3; RFC 5944 §3.8.2.3", CASE_MUST, "pmip ha.nai",
	  "PMA1 sends a PRRQ with two NAI extensions (the same NAI).",
	  "Any code (134 poorly formed, another denial, or 0) or silence; a reply carries the "
	  "NAI extension with the NAI sent.", "extensions nai", NULL, ext_dup_nai },
};

CASE_TABLE(cases_ha_ext, defs);
