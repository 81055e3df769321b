/* cases_ha_rob2.c — HA robustness, part 2: oversize requests, garbage, message types an
 * HA does not take (unknown types, a Registration Reply), floods, and revocation messages
 * it must not act on (RFC 5944 §1.8, §3.8; RFC 3543 §3.3-§3.5).  Part 1 is
 * cases_ha_rob.c. */
#include <string.h>

#include "cases_ha_lib.h"

/* ---- helpers ---- */

static bool send_bytes(struct tc *t, enum tc_node from, const uint8_t *buf, size_t len)
{
	return tc_send_raw(t, from, tc_node_addr(t, TC_HA), tc_node_port(t, TC_HA), buf, len);
}

static bool expect_silence(struct tc *t, const char *what)
{
	return tc_expect_none(t, TC_SIG(-1, TC_NODE_COUNT), hc_silence(t), what);
}

/* A valid PRRQ, encoded. */
static size_t prrq_bytes(struct tc *t, uint8_t *buf, unsigned k)
{
	struct mip_msg m;
	struct mip_err err;
	char why[200];
	size_t len;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, k));
	if (mip_encode(&m, buf, TC_PKT_MAX, &len, &err)) {
		tc_error(t, "encode: %s", mip_err_str(&err, why, sizeof why));
		return 0;
	}
	return len;
}

/* ---- cases ---- */

/* RFC 5944 §1.8: skippable extensions (128-255) are skipped however many there are; a
 * request near the tester's largest datagram is processed as any other. */
static void rob_oversize(struct tc *t)
{
	static uint8_t fill[255];
	struct mip_msg m;
	struct mip_ext *x;
	const struct tc_rx *r;

	memset(fill, 0xa5, sizeof fill);
	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	for (int i = 0; i < 7; i++) {
		x = tc_ext_insert(&m, (uint8_t)(200 + i), 0);
		x->v.bytes.p = fill;
		x->v.bytes.len = sizeof fill;
	}
	r = tc_request(t, TC_PMA1, &m);
	if (r && tc_check_u(t, "RRP.Code (a 1.9 KB PRRQ with 7 skippable extensions)", 0,
			    r->m.code))
		hc_alive(t);
}

/* RFC 5944 §1.8, §3.8: bytes that are no Mobile IP message at all are dropped without a
 * word. */
static void rob_garbage(struct tc *t)
{
	uint8_t buf[1400];
	uint32_t s = 0x2545f491u;

	for (size_t i = 0; i < sizeof buf; i++) {
		s = s * 1103515245u + 12345u;
		buf[i] = (uint8_t)(s >> 16);
	}
	buf[0] = 0xc3; /* no message type */
	if (!send_bytes(t, TC_PMA1, buf, 300) ||
	    !expect_silence(t, "reply to 300 bytes of garbage"))
		return;
	memset(buf, 0xff, sizeof buf);
	if (send_bytes(t, TC_PMA1, buf, sizeof buf) &&
	    expect_silence(t, "reply to 1400 bytes of 0xff"))
		hc_alive(t);
}

/* RFC 5944 §1.8, §3.8: a message type the HA does not take (not 1, 7 or 15) is
 * discarded; here the body is a valid PRRQ's. */
static void rob_unknown_type(struct tc *t)
{
	static const uint8_t types[] = { 0, 2, 5, 6, 8, 16, 20, 100, 254, 255 };
	uint8_t buf[TC_PKT_MAX];
	size_t len;

	if (!(len = prrq_bytes(t, buf, 1)))
		return;
	for (size_t i = 0; i < sizeof types; i++) {
		buf[0] = types[i];
		if (!send_bytes(t, TC_PMA1, buf, len) ||
		    !expect_silence(t, tc_printf(t, "reply to message type %u", types[i])))
			return;
	}
	hc_alive(t);
}

/* RFC 5944 §3.4, §3.8: a Registration Reply is for the mobile node or its agent; an HA
 * that receives one discards it. */
static void rob_rrp_to_ha(struct tc *t)
{
	struct mip_msg m, rrp;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	tc_rrp_for(t, &rrp, &m, 0, 300, 0x0a0a0005u);
	if (tc_send(t, TC_PMA1, &rrp) && expect_silence(t, "reply to a Registration Reply"))
		hc_alive(t);
}

/* RFC 5944 §3.8.2.1, §1.8: a burst of runts and unknown types leaves the HA serving. */
static void rob_flood(struct tc *t)
{
	enum { N = 200 };
	uint8_t buf[TC_PKT_MAX];
	size_t len;

	if (!(len = prrq_bytes(t, buf, 1)))
		return;
	for (unsigned i = 0; i < N; i++) {
		bool runt = i % 2 == 0;

		buf[0] = runt ? MIP_RRQ : (uint8_t)(2 + i % 3);
		if (!send_bytes(t, i % 4 < 2 ? TC_PMA1 : TC_PMA2, buf,
				runt ? 1 + i % (MIP_RRQ_LEN - 1) : len))
			return;
	}
	if (expect_silence(t, tc_printf(t, "reply to %u runts and unknown types", N)))
		hc_alive(t);
}

/* RFC 3543 §3.3, §3.5, §6.2; RFC 5563 §4.3: a Revocation from a PMA whose FA-HA does not
 * verify (a PMA the HA has no valid SA with) MUST be ignored and silently discarded: no
 * Acknowledgment. */
static void rob_rev_unknown(struct tc *t)
{
	struct mip_sa *stranger = tc_alloc(t, sizeof *stranger);
	const struct tc_rx *r = tc_register(t, TC_PMA1, tc_nai(t, 1));
	struct mip_msg m;

	if (!r)
		return;
	*stranger = *tc_sa(t);
	for (size_t i = 0; i < stranger->key_len; i++)
		stranger->key[i] ^= 0x5c;
	mip_msg_init(&m, MIP_REV);
	m.rflags = 0; /* A = 0: from the foreign domain */
	m.hoa = r->m.hoa;
	m.ha = tc_node_addr(t, TC_HA);
	m.coa = tc_node_addr(t, TC_PMA2);
	m.revid = (uint32_t)(tc_ident(t) >> 32);
	mip_ext_add_auth(&m, MIP_EXT_FAHA, stranger);
	if (tc_send(t, TC_PMA2, &m) &&
	    expect_silence(t, "answer to a Revocation from a PMA without a valid SA"))
		hc_alive(t);
}

/* RFC 3543 §3.5: "A Revocation Ack that does not match a Revocation sent MUST be silently
 * discarded"; here none is outstanding at all. */
static void rob_stray_ack(struct tc *t)
{
	struct mip_msg a;

	mip_msg_init(&a, MIP_REVACK);
	a.hoa = 0x0a0a00feu;
	a.revid = (uint32_t)(tc_ident(t) >> 32);
	mip_ext_add_auth(&a, MIP_EXT_FAHA, tc_sa(t));
	if (tc_send(t, TC_PMA1, &a) &&
	    expect_silence(t, "answer to a Revocation Ack with no Revocation outstanding"))
		hc_alive(t);
}

/* RFC 3543 §3.5, §4.2.2.1: with a Revocation outstanding, an Ack whose Identifier
 * matches no Revocation is discarded: the HA keeps retransmitting. */
static void rob_ack_mismatch(struct tc *t)
{
	const char *nai = tc_nai(t, 1);
	const struct tc_rx *rev, *rev2;
	struct mip_msg a;

	if (!tc_register(t, TC_PMA1, nai) || !tc_register(t, TC_PMA2, nai))
		return;
	rev = tc_expect(t, TC_SIG(MIP_REV, TC_PMA1), hc_reply_ms(t),
			"Revocation to PMA1 after the handover to PMA2");
	if (!rev)
		return;
	tc_revack(t, &a, &rev->m);
	a.revid = rev->m.revid ^ 0x00a5a5a5u;
	if (!tc_send(t, TC_PMA1, &a))
		return;
	rev2 = tc_expect(t, TC_SIG(MIP_REV, TC_PMA1), tc_ms(t, 10000),
			 "Revocation retransmitted after an Ack matching none");
	if (!rev2)
		return;
	tc_revack(t, &a, &rev2->m);
	if (tc_send(t, TC_PMA1, &a))
		hc_alive(t);
}

static const struct case_def defs[] = {
	{ "HA-ROB-12", "ha-robustness", CASE_ROLE_HA,
	  "a 1.9 KB request full of skippable extensions is accepted",
	  "RFC 5944 §1.8", CASE_MUST, "pmip",
	  "PMA1 sends a valid PRRQ with seven unknown skippable extensions (types 200-206) of "
	  "255 bytes each before the authenticator; then a fresh valid PRRQ.",
	  "Code 0 to both.", "robustness oversize unknown", "R5563-8-02", rob_oversize },
	{ "HA-ROB-13", "ha-robustness", CASE_ROLE_HA, "garbage datagrams are discarded",
	  "RFC 5944 §1.8, §3.8", CASE_SHOULD, "pmip",
	  "PMA1 sends 300 pseudo-random bytes (first byte 0xc3), then 1400 bytes of 0xff; then "
	  "a fresh valid PRRQ.",
	  "No answer to either (silence-ms each); the fresh PRRQ gets code 0.",
	  "robustness garbage", NULL, rob_garbage },
	{ "HA-ROB-14", "ha-robustness", CASE_ROLE_HA, "unknown message types are discarded",
	  "RFC 5944 §1.8, §3.8", CASE_SHOULD, "pmip",
	  "PMA1 sends a valid PRRQ's bytes with message type 0, 2, 5, 6, 8, 16, 20, 100, 254 "
	  "and 255; then a fresh valid PRRQ.",
	  "No answer to any (silence-ms each); the fresh PRRQ gets code 0.",
	  "robustness unknown", NULL, rob_unknown_type },
	{ "HA-ROB-15", "ha-robustness", CASE_ROLE_HA,
	  "a Registration Reply sent to the HA is discarded",
	  "RFC 5944 §3.4, §3.8", CASE_SHOULD, "pmip",
	  "PMA1 sends a Registration Reply (code 0, FA-HA) to the HA; then a fresh valid PRRQ.",
	  "No answer within silence-ms; the fresh PRRQ gets code 0.",
	  "robustness unexpected", NULL, rob_rrp_to_ha },
	{ "HA-ROB-16", "ha-robustness", CASE_ROLE_HA,
	  "a flood of bad datagrams is followed by a good registration",
	  "RFC 5944 §1.8, §3.8.2.1", CASE_SHOULD, "pmip",
	  "PMA1 and PMA2 send 200 datagrams: runt requests (1-23 bytes) alternating with valid "
	  "PRRQ bytes of message types 2-4; then a fresh valid PRRQ.",
	  "No answer to the flood within silence-ms; the fresh PRRQ gets code 0.",
	  "robustness flood", NULL, rob_flood },
	{ "HA-ROB-17", "ha-robustness", CASE_ROLE_HA,
	  "a Revocation from a PMA without a valid SA is discarded",
	  "RFC 3543 §3.3, §3.5, §6.2; RFC 5563 §4.3", CASE_MUST,
	  "pmip ha.revocation ha.per-node-auth",
	  "PMA1 registers; PMA2 sends a Revocation (A = 0) for that home address with an FA-HA "
	  "computed with a key the HA does not share; then a fresh valid PRRQ.",
	  "No Revocation Acknowledgment or other answer within silence-ms; the fresh PRRQ gets "
	  "code 0.", "robustness revocation auth", "R3543-3.3-12 R5563-4.3-01", rob_rev_unknown },
	{ "HA-ROB-18", "ha-robustness", CASE_ROLE_HA,
	  "a Revocation Ack with no Revocation outstanding is discarded",
	  "RFC 3543 §3.5", CASE_MUST, "pmip ha.revocation ha.per-node-auth",
	  "PMA1 sends a Revocation Acknowledgment (valid FA-HA) while the HA has no "
	  "Revocation outstanding; then a fresh valid PRRQ.",
	  "No answer within silence-ms; the fresh PRRQ gets code 0.",
	  "robustness revocation", "R3543-3.5-06", rob_stray_ack },
	{ "HA-ROB-19", "ha-robustness", CASE_ROLE_HA,
	  "an Ack matching no Revocation does not stop retransmission",
	  "RFC 3543 §3.5, §4.2.2.1", CASE_MUST, "pmip ha.revocation ha.per-node-auth",
	  "NAI k registers at PMA1, then at PMA2; the HA revokes PMA1; PMA1 acknowledges with a "
	  "wrong Revocation Identifier; then it acknowledges the next Revocation properly and "
	  "a fresh valid PRRQ is sent.",
	  "The HA sends the Revocation again after the wrong Ack; the fresh PRRQ gets code 0.",
	  "robustness revocation", "R3543-3.5-05 R3543-3.5-06", rob_ack_mismatch },
};

CASE_TABLE(cases_ha_rob2, defs);
