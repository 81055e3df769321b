/* ha/rob.c — HA-ROB, bad and stray messages: RFC 5944 §1.8-§1.11, §3.8; RFC 3543 §3.5. */
/* Truncated requests, lying lengths, broken or misplaced authenticators, oversize requests,
 * garbage, message types an HA does not take, floods, and revocation messages it must not act
 * on: the HA discards them silently or denies them with 134 (RFC 5944 §3.8.2.1, §3.8.2.3;
 * RFC 3543 §3.3-§3.5), and still serves a valid request afterwards. */
#include <string.h>

#include "peer.h"

/* ---- helpers ---- */

/* PMA1's standard PRRQ for NAI k, encoded into buf (TC_PKT_MAX): its length, or 0 (and
 * error) when it cannot be. */
static size_t prrq_bytes(struct tc *t, uint8_t *buf, unsigned k)
{
	struct mip_msg m;
	struct mip_err err;
	char why[200];
	size_t len;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, k));
	tc_prrq_nai(&m, tc_nai(t, k)); /* the cuts need it, whatever PIXIT nai says */
	if (mip_encode(&m, buf, TC_PKT_MAX, &len, &err)) {
		tc_error(t, "encode: %s", mip_err_str(&err, why, sizeof why));
		return 0;
	}
	return len;
}

static bool send_bytes(struct tc *t, enum tc_node from, const uint8_t *buf, size_t len)
{
	return tc_send_raw(t, from, tc_node_addr(t, TC_HA), tc_node_port(t, TC_HA), buf, len);
}

/* Offset of the first extension of a type in the encoded m, or -1. */
static int ext_off(const uint8_t *buf, size_t len, uint8_t type)
{
	struct mip_msg d;
	struct mip_err err;

	if (mip_decode(buf, len, &d, &err))
		return -1;
	for (unsigned i = 0; i < d.n_ext; i++)
		if (d.ext[i].type == type)
			return d.ext[i].off;
	return -1;
}

static bool expect_silence(struct tc *t, const char *what)
{
	return tc_expect_none(t, TC_SIG(-1, TC_NODE_COUNT), hc_silence(t), what);
}

/* What a request whose extensions do not parse may get (RFC 5944 §3.8.2.3: SHOULD 134,
 * poorly formed; its authenticator cannot be checked, so §3.8.2.1 a, c allow silence or
 * the authentication failure, 132 per node, 131 per MN): hc_refused with those codes. */
static bool refused_malformed(struct tc *t, const char *what)
{
	const uint8_t codes[] = { 134, tc_pics(t, "ha.per-node-auth") ? 132 : 131 };

	return hc_refused(t, TC_PMA1, what, codes, 2);
}

/* Send the first `cut` bytes of a valid PRRQ: silence (code < 0), or refused_malformed. */
static bool cut_and_expect(struct tc *t, const uint8_t *buf, size_t cut, int code,
			   const char *where)
{
	const char *what = tc_printf(t, "reply to the PRRQ cut at byte %zu (%s)", cut, where);

	if (!send_bytes(t, TC_PMA1, buf, cut))
		return false;
	if (code < 0)
		return expect_silence(t, what);
	return refused_malformed(t, what);
}

/* The authorization-enabling extension of the standard PRRQ: FA-HA per node, else MN-HA. */
static struct mip_ext *auth_ext(struct tc *t, struct mip_msg *m)
{
	return mip_ext_get(m, tc_pics(t, "ha.per-node-auth") ? MIP_EXT_FAHA : MIP_EXT_MNHA, -1);
}

/* ---- cases ---- */

/* RFC 5944 §3.3, §3.8.2.1: a request shorter than its 24-byte fixed part has no
 * Identification to copy into a reply; it is discarded, never answered. */
static void rob_runt(struct tc *t)
{
	static const size_t cuts[] = { 1, 2, 4, 8, 12, 16, 20, 23 };
	uint8_t buf[TC_PKT_MAX];
	size_t len;

	if (!(len = prrq_bytes(t, buf, 1)))
		return;
	for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++)
		if (!cut_and_expect(t, buf, cuts[i], -1, "inside the fixed part"))
			return;
	hc_alive(t);
}

/* RFC 5944 §1.9-§1.11, §3.8.2.3: the datagram ends inside an extension header (the NAI's
 * Type, the 47/1 long header without its 16-bit Length, the 147/4 short header without
 * its Sub-Type): poorly formed; not accepted, 134 or silence (refused_malformed). */
static void rob_cut_exthdr(struct tc *t)
{
	uint8_t buf[TC_PKT_MAX];
	size_t len;
	int nai, pn, sk;

	if (!(len = prrq_bytes(t, buf, 1)))
		return;
	nai = ext_off(buf, len, MIP_EXT_NAI);
	pn = ext_off(buf, len, MIP_EXT_PMIP_NS);
	sk = ext_off(buf, len, MIP_EXT_PMIP_SK);
	if (nai < 0 || sk < 0) {
		tc_error(t, "the standard PRRQ has no NAI or 147");
		return;
	}
	if (!cut_and_expect(t, buf, (size_t)nai + 1, 134, "NAI header"))
		return;
	if (!cut_and_expect(t, buf, (size_t)sk + 2, 134, "147 header"))
		return;
	if (pn >= 0 && !cut_and_expect(t, buf, (size_t)pn + 3, 134, "47 long header"))
		return;
	hc_alive(t);
}

/* RFC 5944 §3.5.1, §3.8.2.1, §3.8.2.3: the datagram ends inside the authentication
 * extension (in its SPI, in its authenticator, one byte short): its Length points past
 * the end; not accepted, 134, the authentication failure or silence. */
static void rob_cut_auth(struct tc *t)
{
	uint8_t buf[TC_PKT_MAX];
	size_t len, cuts[4];
	int at;
	uint8_t type = tc_pics(t, "ha.per-node-auth") ? MIP_EXT_FAHA : MIP_EXT_MNHA;

	if (!(len = prrq_bytes(t, buf, 1)))
		return;
	if ((at = ext_off(buf, len, type)) < 0) {
		tc_error(t, "the standard PRRQ has no authentication extension %u", type);
		return;
	}
	cuts[0] = (size_t)at + 4;  /* inside the SPI */
	cuts[1] = (size_t)at + 6;  /* SPI, no authenticator */
	cuts[2] = (size_t)at + 14; /* half the authenticator */
	cuts[3] = (size_t)at + 21; /* one byte short */
	for (size_t i = 0; i < 4; i++)
		if (!cut_and_expect(t, buf, cuts[i], 134, "inside the authentication extension"))
			return;
	hc_alive(t);
}

/* Send m, expect it refused (refused_malformed), then liveness. */
static void send_expect_134(struct tc *t, const struct mip_msg *m, const char *what)
{
	if (tc_send(t, TC_PMA1, m) && refused_malformed(t, what))
		hc_alive(t);
}

/* RFC 5944 §1.9, §3.8.2.3: an NAI Length of 255 points past the end of the datagram. */
static void rob_nai_len(struct tc *t)
{
	struct mip_msg m;
	struct mip_ext *x;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	tc_prrq_nai(&m, tc_nai(t, 1)); /* whatever PIXIT nai says */
	x = mip_ext_get(&m, MIP_EXT_NAI, -1);
	x->length_set = true;
	x->length = 255;
	send_expect_134(t, &m, "reply to NAI Length 255 past the end");
}

/* RFC 5563 §5.1, RFC 5944 §1.10, §3.8.2.3: 47/1's 16-bit Length says 1024. */
static void rob_47_len(struct tc *t)
{
	struct mip_msg m;
	struct mip_ext *x;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	if (!(x = mip_ext_get(&m, MIP_EXT_PMIP_NS, MIP_PMIP_PERNODE))) {
		tc_none(t, "the standard PRRQ has no 47/1 (PICS ha.per-node-auth = no)");
		return;
	}
	x->length_set = true;
	x->length = 1024;
	send_expect_134(t, &m, "reply to 47/1 Length 1024");
}

/* RFC 5563 §5.5, RFC 5944 §1.11, §3.8.2.3: a short-format 147/4 with Length 0 has no
 * room for the Sub-Type that Length must count. */
static void rob_147_len0(struct tc *t)
{
	struct mip_msg m;
	struct mip_ext *x;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	x = mip_ext_get(&m, MIP_EXT_PMIP_SK, MIP_PMIP_ACCTECH);
	x->length_set = true;
	x->length = 0;
	send_expect_134(t, &m, "reply to 147/4 Length 0");
}

/* RFC 5944 §3.5.1, §3.8.2.3: an authentication extension whose Length (2) cannot even
 * hold its SPI. */
static void rob_auth_len2(struct tc *t)
{
	struct mip_msg m;
	struct mip_ext *x;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	x = auth_ext(t, &m);
	x->length_set = true;
	x->length = 2;
	send_expect_134(t, &m, "reply to an authentication extension of Length 2");
}

/* RFC 5944 §3.5.1, §3.8.2.1 a, c; RFC 5563 §4.3, §8: an authenticator of 8 bytes where
 * the SA's algorithm (HMAC-MD5) gives 16 is invalid: the registration MUST be rejected
 * (132 per node, 131 per MN). */
static void rob_short_mac(struct tc *t)
{
	struct mip_msg m;
	struct mip_ext *x;
	const uint8_t code[] = { tc_pics(t, "ha.per-node-auth") ? 132 : 131 };

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	x = auth_ext(t, &m);
	x->auth_len_set = true;
	x->auth_len = 8;
	if (tc_send(t, TC_PMA1, &m) &&
	    hc_refused(t, TC_PMA1, "reply to an 8-byte authenticator", code, 1))
		hc_alive(t);
}

/* RFC 5944 §3.8.2.1 c: "if more than one Foreign-Home Authentication Extension is found,
 * or if the Authenticator is invalid, the home agent MUST reject the mobile node's
 * registration and SHOULD send ... 132".  Here the first FA-HA is valid and a second,
 * invalid one follows it (HA-AUTH-10 has two valid ones): an HA that checks the first
 * only accepts it. */
static void rob_dup_auth(struct tc *t)
{
	struct mip_msg m;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	mip_ext_add_auth(&m, MIP_EXT_FAHA, tc_sa(t));
	m.ext[m.n_ext - 1].auth_mode = MIP_AUTH_CORRUPT;
	tc_request_reject(t, TC_PMA1, &m, 132);
	if (tc_verdict(t) == CASE_PASS || tc_verdict(t) == CASE_WARN)
		hc_alive(t);
}

/* RFC 5944 §3.5.2, §3.6.1.3, §3.8.2.1; RFC 2794 §2: an authentication extension marks the
 * end of what it protects.  An NAI after the last authenticator is not protected: the HA
 * must not register it (RFC 5563 §8.1 needs the NAI). */
static void rob_nai_after_auth(struct tc *t)
{
	struct mip_msg m;
	struct mip_ext *x;
	const struct tc_rx *r;
	const char *nai = tc_nai(t, 1);

	tc_prrq(t, &m, TC_PMA1, nai);
	tc_ext_del(&m, MIP_EXT_NAI, -1);
	x = mip_ext_add(&m, MIP_EXT_NAI, 0);
	x->v.bytes.p = (const uint8_t *)nai;
	x->v.bytes.len = (uint16_t)strlen(nai);
	if (!tc_send(t, TC_PMA1, &m))
		return;
	r = tc_recv(t, TC_SIG(MIP_RRP, TC_PMA1), hc_reply_ms(t));
	if (r && !tc_check_true(t, "reply to a PRRQ whose NAI follows the authenticator",
				"no acceptance (code != 0, or no reply)",
				!r->decoded || r->m.code != 0, "%s", tc_summary(t, r)))
		return;
	if (!r)
		tc_note(t, "no reply: discarded");
	tc_pass(t);
	hc_alive(t);
}

/* RFC 5944 §1.8: an unrecognised extension of type 0-127 anywhere in the message, even
 * after the authenticator, means the whole message MUST be silently discarded. */
static void rob_unknown_after_auth(struct tc *t)
{
	static const uint8_t data[] = { 0xde, 0xad, 0xbe, 0xef };
	struct mip_msg m;
	struct mip_ext *x;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	x = mip_ext_add(&m, 100, 0);
	x->v.bytes.p = data;
	x->v.bytes.len = sizeof data;
	if (tc_send(t, TC_PMA1, &m) &&
	    expect_silence(t, "reply to a PRRQ with extension 100 after the authenticator"))
		hc_alive(t);
}

/* RFC 5944 §1.8: skippable extensions (128-255) are skipped however many there are.  The
 * request stays within one 1500-byte Ethernet frame (at most 1472 bytes of UDP payload), so
 * that no IP fragment is needed to carry it. */
static void rob_oversize(struct tc *t)
{
	enum { N_FILL = 5, MAX_UDP = 1500 - 20 - 8 };
	static uint8_t fill[255];
	uint8_t buf[TC_PKT_MAX];
	struct mip_msg m;
	struct mip_err err;
	struct mip_ext *x;
	const struct tc_rx *r;
	size_t len;

	memset(fill, 0xa5, sizeof fill);
	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	for (int i = 0; i < N_FILL; i++) {
		x = tc_ext_insert(&m, (uint8_t)(200 + i), 0);
		x->v.bytes.p = fill;
		x->v.bytes.len = sizeof fill;
	}
	if (mip_encode(&m, buf, sizeof buf, &len, &err) || len > MAX_UDP) {
		tc_error(t, "the PRRQ with %d skippable extensions does not fit %d bytes", N_FILL,
			 MAX_UDP);
		return;
	}
	r = tc_request(t, TC_PMA1, &m);
	if (r && tc_check_u(t, tc_printf(t, "RRP.Code (a %zu-byte PRRQ with %d skippable "
					 "extensions)", len, N_FILL), 0, r->m.code))
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
	rev = tc_recv(t, TC_SIG(MIP_REV, TC_PMA1), hc_reply_ms(t));
	if (!rev) { /* RFC 5563 §4.1.4: the HA "may" revoke (HA-REV-03 judges that) */
		tc_none(t, "the HA did not revoke on handover; nothing to judge");
		return;
	}
	tc_revack(t, &a, &rev->m);
	a.revid = rev->m.revid ^ 0x00a5a5a5u;
	if (!tc_send(t, TC_PMA1, &a))
		return;
	/* the HA's own timer, not scaled: the bound of HA-REV-11 */
	rev2 = tc_expect(t, TC_SIG(MIP_REV, TC_PMA1), 5000,
			 "Revocation retransmitted after an Ack matching none");
	if (!rev2)
		return;
	tc_revack(t, &a, &rev2->m);
	if (tc_send(t, TC_PMA1, &a))
		hc_alive(t);
}

/* The expected result of HA-ROB-02..07. */
#define MALFORMED_EXPECTED                                                                   \
	"Not accepted (MUST): silence, code 134 (§3.8.2.3 SHOULD) or the authentication "    \
	"failure (132 per node, 131 per MN) pass; another denial is warn; the fresh PRRQ "   \
	"gets code 0."

static const struct case_def defs[] = {
	{ "HA-ROB-01", "ha-robustness", CASE_ROLE_HA,
	  "a request cut inside its fixed part is discarded",
	  "RFC 5944 §3.3, §3.8.2.1", CASE_SHOULD, "pmip",
	  "PMA1 sends the first 1, 2, 4, 8, 12, 16, 20 and 23 bytes of a valid PRRQ; then a "
	  "fresh valid PRRQ.",
	  "No answer to any of the cut requests (silence-ms each); the fresh PRRQ gets code 0.",
	  "robustness truncated", NULL, rob_runt },
	{ "HA-ROB-02", "ha-robustness", CASE_ROLE_HA,
	  "a request cut inside an extension header is not accepted",
	  "RFC 5944 §1.9-§1.11, §3.8.2.1, §3.8.2.3", CASE_MUST, "pmip",
	  "PMA1 sends a valid PRRQ cut after the NAI's Type, after the 147/4 Type and Length, "
	  "and inside the 47/1 long header; then a fresh valid PRRQ.",
	  MALFORMED_EXPECTED,
	  "robustness truncated", NULL, rob_cut_exthdr },
	{ "HA-ROB-03", "ha-robustness", CASE_ROLE_HA,
	  "a request cut inside its authentication extension is not accepted",
	  "RFC 5944 §3.5.1, §3.8.2.1, §3.8.2.3", CASE_MUST, "pmip",
	  "PMA1 sends a valid PRRQ cut inside the SPI, right after the SPI, in the middle of "
	  "the authenticator and one byte short; then a fresh valid PRRQ.",
	  MALFORMED_EXPECTED,
	  "robustness truncated auth", NULL, rob_cut_auth },
	{ "HA-ROB-04", "ha-robustness", CASE_ROLE_HA,
	  "an extension Length past the end of the datagram is not accepted",
	  "RFC 5944 §1.9, §3.8.2.1, §3.8.2.3", CASE_MUST, "pmip",
	  "PMA1 sends a PRRQ whose NAI extension says Length 255; then a fresh valid PRRQ.",
	  MALFORMED_EXPECTED, "robustness length", NULL, rob_nai_len },
	{ "HA-ROB-05", "ha-robustness", CASE_ROLE_HA,
	  "a 47/1 long-format Length lie is not accepted",
	  "RFC 5563 §5.1; RFC 5944 §1.10, §3.8.2.1, §3.8.2.3", CASE_MUST, "pmip ha.per-node-auth",
	  "PMA1 sends a PRRQ whose 47/1 has a 16-bit Length of 1024; then a fresh valid PRRQ.",
	  MALFORMED_EXPECTED, "robustness length pmip",
	  "R5563-5.1-03", rob_47_len },
	{ "HA-ROB-06", "ha-robustness", CASE_ROLE_HA,
	  "a 147 short-format Length of 0 is not accepted",
	  "RFC 5563 §5.5; RFC 5944 §1.11, §3.8.2.1, §3.8.2.3", CASE_MUST, "pmip",
	  "PMA1 sends a PRRQ whose 147/4 says Length 0 (no room for its Sub-Type); then a "
	  "fresh valid PRRQ.",
	  MALFORMED_EXPECTED, "robustness length pmip", NULL,
	  rob_147_len0 },
	{ "HA-ROB-07", "ha-robustness", CASE_ROLE_HA,
	  "an authentication extension too short for its SPI is not accepted",
	  "RFC 5944 §3.5.1, §3.8.2.1, §3.8.2.3", CASE_MUST, "pmip",
	  "PMA1 sends a PRRQ whose authentication extension says Length 2; then a fresh valid "
	  "PRRQ.",
	  MALFORMED_EXPECTED, "robustness length auth", NULL,
	  rob_auth_len2 },
	{ "HA-ROB-08", "ha-robustness", CASE_ROLE_HA,
	  "an authenticator of the wrong length is rejected",
	  "RFC 5944 §3.5.1, §3.8.2.1; RFC 5563 §8", CASE_MUST, "pmip",
	  "PMA1 sends a PRRQ whose authenticator is the first 8 bytes of the HMAC-MD5 "
	  "(Length 12); then a fresh valid PRRQ.",
	  "Not accepted (MUST): silence, or code 132 (per node; 131 per MN), pass; another "
	  "denial is warn; the fresh PRRQ gets code 0.", "robustness auth", "R5563-8-01",
	  rob_short_mac },
	{ "HA-ROB-09", "ha-robustness", CASE_ROLE_HA,
	  "a valid FA-HA followed by an invalid one is rejected (SHOULD with 132)",
	  "RFC 5944 §3.8.2.1 c", CASE_MUST, "pmip ha.per-node-auth",
	  "PMA1 sends a valid PRRQ followed by a second FA-HA extension whose authenticator is "
	  "wrong; then a fresh valid PRRQ.",
	  "MUST: no accepting reply (a denial, or silence); SHOULD: a reply with code 132 "
	  "(warn otherwise); the fresh PRRQ gets code 0.",
	  "robustness auth", "R5563-4.3-01", rob_dup_auth },
	{ "HA-ROB-10", "ha-robustness", CASE_ROLE_HA,
	  "an NAI after the authenticator is not acted on",
	  "RFC 5944 §3.5.2, §3.6.1.3, §3.8.2.1; RFC 2794 §2", CASE_MUST, "pmip ha.nai",
	  "PMA1 sends a PRRQ whose only NAI extension comes after the authentication "
	  "extension; then a fresh valid PRRQ.",
	  "Not accepted: no reply, or a code other than 0; the fresh PRRQ gets code 0.",
	  "robustness auth order", "R5563-5-01", rob_nai_after_auth },
	{ "HA-ROB-11", "ha-robustness", CASE_ROLE_HA,
	  "an unknown non-skippable extension after the authenticator discards the request",
	  "RFC 5944 §1.8", CASE_MUST, "pmip",
	  "PMA1 sends a valid PRRQ followed by extension 100 (unknown, non-skippable); then a "
	  "fresh valid PRRQ.",
	  "No answer within silence-ms; the fresh PRRQ gets code 0.",
	  "robustness unknown order", NULL, rob_unknown_after_auth },
	{ "HA-ROB-12", "ha-robustness", CASE_ROLE_HA,
	  "a 1.4 KB request full of skippable extensions is accepted",
	  "RFC 5944 §1.8", CASE_MUST, "pmip",
	  "PMA1 sends a valid PRRQ with five unknown skippable extensions (types 200-204) of "
	  "255 bytes each before the authenticator, at most 1472 bytes of UDP payload (one "
	  "1500-byte frame, no IP fragments); then a fresh valid PRRQ.",
	  "Code 0 to both.", "robustness oversize unknown", NULL, rob_oversize },
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
	  "RFC 3543 §3.5, §4.2.2.1", CASE_MUST,
	  "pmip ha.revocation ha.revoke-on-handover ha.per-node-auth",
	  "NAI k registers at PMA1, then at PMA2; the HA revokes PMA1; PMA1 acknowledges with a "
	  "wrong Revocation Identifier; then it acknowledges the next Revocation properly and "
	  "a fresh valid PRRQ is sent.",
	  "The HA sends the Revocation again after the wrong Ack; the fresh PRRQ gets code 0.",
	  "robustness revocation", "R3543-3.5-05 R3543-3.5-06", rob_ack_mismatch },
};

CASE_TABLE(cases_ha_rob, defs);
