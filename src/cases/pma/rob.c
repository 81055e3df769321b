/* pma/rob.c — PMA-ROB, bad and forged messages: RFC 5944 §1.8, §3.6.2.1; RFC 3543 §3.5. */
/* Malformed, forged and unexpected messages from the tester's HA (also RFC 2794 §3;
 * RFC 3543 §6.2).  After each, the PMA must not have acted on it, and must still work: it
 * still takes a valid reply (and then offers the device its address), or still
 * acknowledges a valid revocation. */
#include <string.h>

#include "dhcp.h"
#include "tc_mn.h"
#include "txt.h"

static uint64_t reply_ms(const struct tc *t)
{
	return params_ms(tc_params(t), "reply-ms");
}

/* The PMA, whose request r is pending, still takes a valid reply: to its retransmission
 * (that it retransmits shows it did not take the bad message), or, from a PMA that does
 * not retransmit (RFC 5944 §3.6.3: MAY, PICS pma.retransmit not claimed), to r itself,
 * which it still awaits; with DHCP the device gets its offer after the valid reply and
 * not before. */
static void still_registers(struct tc *t, const struct tc_mn *mn, const struct tc_rx *r)
{
	static const char what[] = "PRRQ retransmission (the bad message must not count as "
				   "a reply)";
	uint64_t retx = params_ms(tc_params(t), "pma.retrans-ms");
	uint64_t wait = 2 * retx + reply_ms(t);
	const struct tc_rx *r2 = tc_recv(t, TC_SIG(MIP_RRQ, TC_HA), wait);
	struct tc_dhcp d;

	if (!r2 && tc_mn_claims(t, "pma.retransmit")) {
		tc_fail(t, what, tc_printf(t, "within %llu ms (PICS pma.retransmit)",
					   (unsigned long long)wait), "nothing");
		return;
	}
	if (!r2) {
		tc_note(t, "no retransmission (PICS pma.retransmit not claimed): the valid "
			"reply answers the first request");
		if (tc_mn_has_access(t) && tc_mn_dhcp_recv(t, mn->mac, DHCP_OFFER, 1, &d)) {
			tc_fail(t, "DHCPOFFER before a valid reply", "none", "one offering %s",
				txt_ip4(d.yiaddr).s);
			return;
		}
		r2 = r;
	} else if (!tc_check_true(t, what, "a valid message", r2->decoded, "%s",
				  "not decodable")) {
		return;
	}
	if (!tc_mn_reply(t, r2, 0, r2->m.lifetime, mn->hoa))
		return;
	if (tc_mn_has_access(t))
		tc_check_true(t, "DHCPOFFER after a valid reply", "one within reply-ms",
			      tc_mn_dhcp_recv(t, mn->mac, DHCP_OFFER, reply_ms(t), &d), "none");
	else
		tc_expect_none(t, TC_SIG(MIP_RRQ, TC_HA), 2 * retx + reply_ms(t),
			       "PRRQ retransmission after a valid reply");
}

/* Attach, answer the PRRQ with a reply `spoil` breaks, then still_registers(). */
static void bad_reply(struct tc *t, void (*spoil)(struct tc *t, struct mip_msg *m))
{
	struct tc_mn mn;
	const struct tc_rx *r = tc_mn_attach(t, &mn, 1);
	struct mip_msg rrp;

	if (!r)
		return;
	tc_rrp_for(t, &rrp, &r->m, 0, r->m.lifetime, mn.hoa);
	spoil(t, &rrp);
	if (tc_mn_send_reply(t, r, &rrp))
		still_registers(t, &mn, r);
}

static void cut(struct tc *t, struct mip_msg *m)
{
	(void)t;
	m->truncate_set = true;
	m->truncate = 17; /* inside the Identification */
}

/* RFC 5944 §3.6.2.1: a reply that does not decode is discarded; the PMA goes on. */
static void rob_truncated(struct tc *t)
{
	bad_reply(t, cut);
}

static void corrupt_auth(struct tc *t, struct mip_msg *m)
{
	struct mip_ext *x = mip_ext_get(m, MIP_EXT_FAHA, -1);

	(void)t;
	if (x)
		x->auth_mode = MIP_AUTH_CORRUPT;
}

/* RFC 5944 §3.6.2.1, RFC 5563 §4.3: a reply with a wrong authenticator is discarded. */
static void rob_bad_auth(struct tc *t)
{
	bad_reply(t, corrupt_auth);
}

static void wrong_ident(struct tc *t, struct mip_msg *m)
{
	(void)t;
	m->ident ^= 0x5a5a5a5au;
}

/* RFC 5944 §3.6.2.1: a reply whose Identification matches no request is discarded. */
static void rob_wrong_ident(struct tc *t)
{
	bad_reply(t, wrong_ident);
}

static void unknown_ext(struct tc *t, struct mip_msg *m)
{
	static const uint8_t data[4] = { 1, 2, 3, 4 };
	struct mip_ext *x = tc_ext_insert(m, 100, 0);

	(void)t;
	if (x) {
		x->fmt = MIP_FMT_TLV;
		x->raw = true;
		x->data = data;
		x->data_len = sizeof data;
	}
}

/* RFC 5944 §1.8: an unknown extension 0-127 makes the whole message be discarded. */
static void rob_unknown_ext(struct tc *t)
{
	bad_reply(t, unknown_ext);
}

static void other_nai(struct tc *t, struct mip_msg *m)
{
	struct mip_ext *x = mip_ext_get(m, MIP_EXT_NAI, -1);
	const char *nai = tc_nai(t, 99);

	if (x) {
		x->v.bytes.p = (const uint8_t *)nai;
		x->v.bytes.len = (uint16_t)strlen(nai);
	}
}

/* RFC 2794 §3: pending requests are kept by NAI and Identification; a reply for a NAI
 * the PMA did not ask for is not the answer. */
static void rob_other_nai(struct tc *t)
{
	bad_reply(t, other_nai);
}

/* Attach, send `n` datagrams of garbage (and, with wrong_id, replies to nothing) to the
 * PMA while its request waits, then still_registers(). */
static void flood(struct tc *t, unsigned n, bool replies)
{
	struct tc_mn mn;
	const struct tc_rx *r = tc_mn_attach(t, &mn, 1);
	uint8_t junk[64];
	uint32_t x = 0x2545f491u;

	if (!r)
		return;
	for (unsigned i = 0; i < n; i++) {
		struct mip_msg m;

		if (replies && i % 2) {
			tc_rrp_for(t, &m, &r->m, 0, r->m.lifetime, mn.hoa);
			/* the low 32 bits tell replies apart (RFC 5944 §5.7): answers nothing */
			m.ident = r->m.ident ^ (uint32_t)(0x9e3779b9u * (i + 1));
			if (!tc_mn_send_reply(t, r, &m))
				return;
			continue;
		}
		for (size_t k = 0; k < sizeof junk; k++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			junk[k] = (uint8_t)x;
		}
		junk[0] = i % 3 ? MIP_RRP : (uint8_t)x;
		if (!tc_send_raw(t, TC_HA, r->pkt.ends.src, r->pkt.ends.sport, junk,
				 8 + (i * 7) % (sizeof junk - 8)))
			return;
	}
	still_registers(t, &mn, r);
}

/* RFC 5944 §3.6.2.1: garbage is discarded; the PMA goes on. */
static void rob_garbage(struct tc *t)
{
	flood(t, 1, false);
}

/* The same at volume: 200 datagrams of garbage and stray replies. */
static void rob_flood(struct tc *t)
{
	flood(t, 200, true);
}

/* RFC 5944 §3.6.2.1 (a PMA takes replies and revocations only): a request sent to the
 * PMA is discarded; the PMA goes on. */
static void rob_wrong_type(struct tc *t)
{
	struct tc_mn mn;
	const struct tc_rx *r = tc_mn_attach(t, &mn, 1);
	struct mip_msg m;

	if (!r)
		return;
	m = r->m; /* its own request, back at it */
	m.n_ext = 0;
	mip_ext_add_auth(&m, MIP_EXT_FAHA, tc_sa(t));
	if (tc_mn_send_reply(t, r, &m))
		still_registers(t, &mn, r);
}

/* A registered device; a revocation for it, spoilt by `spoil`, is sent: true when no ack
 * came within silence-ms (pass), false (fail) otherwise. */
static bool rev_ignored(struct tc *t, struct tc_mn *mn, void (*spoil)(struct mip_msg *m),
			const char *what)
{
	struct mip_msg rev;

	if (!tc_mn_up_rev(t, mn, 0, &rev))
		return false;
	spoil(&rev);
	if (!tc_send(t, TC_HA, &rev))
		return false;
	return tc_expect_none(t, TC_SIG(MIP_REVACK, TC_HA),
			      params_ms(tc_params(t), "silence-ms"), what);
}

static void rev_corrupt(struct mip_msg *m)
{
	m->ext[m->n_ext - 1].auth_mode = MIP_AUTH_CORRUPT;
}

/* RFC 3543 §6.2, §4.2.3: a revocation without a valid FA-HA is ignored; the binding
 * stays (the PMA still renews it). */
static void rob_rev_bad_auth(struct tc *t)
{
	struct tc_mn mn;

	if (rev_ignored(t, &mn, rev_corrupt, "Revocation Ack to a forged revocation"))
		tc_mn_rrq(t, mn.lifetime * 1000ull, "PRRQ renewal of the binding kept");
}

/* RFC 3543 §3.5: a revocation whose identifier is not newer than the last is a replay:
 * no ack. */
static void rob_rev_replay(struct tc *t)
{
	struct tc_mn mn;
	struct mip_msg rev;

	if (!tc_mn_up_rev(t, &mn, 0, &rev))
		return;
	if (!tc_send(t, TC_HA, &rev) ||
	    !tc_expect(t, TC_SIG(MIP_REVACK, TC_HA), reply_ms(t), "Revocation Ack") ||
	    !tc_send(t, TC_HA, &rev))
		return;
	tc_expect_none(t, TC_SIG(MIP_REVACK, TC_HA), params_ms(tc_params(t), "silence-ms"),
		       "Revocation Ack to the replayed revocation");
}

/* RFC 3543 §3.5, RFC 5944 §1.8: a truncated revocation is discarded; a valid one after
 * it is still acknowledged. */
static void rob_rev_truncated(struct tc *t)
{
	struct tc_mn mn;
	struct mip_msg rev;

	if (!tc_mn_up_rev(t, &mn, 0, &rev))
		return;
	rev.truncate_set = true;
	rev.truncate = 10;
	if (!tc_send(t, TC_HA, &rev))
		return;
	tc_mn_revocation(t, &rev, mn.hoa, tc_mn_revid(t));
	if (tc_send(t, TC_HA, &rev) &&
	    tc_expect(t, TC_SIG(MIP_REVACK, TC_HA), reply_ms(t),
		      "Revocation Ack to a valid revocation after a truncated one"))
		tc_pass(t);
}

#define ROB(n, title, ref, pics, proc, pass, reqs, fn) \
	{ "PMA-ROB-" n, "pma-robustness", CASE_ROLE_PMA, title, ref, CASE_MUST, pics, proc, \
	  pass, "robustness", reqs, fn }
#define STILL "The PMA retransmits its request, and a valid reply to that completes the " \
	      "registration (with an access link: a DHCPOFFER comes)."

static const struct case_def defs[] = {
	ROB("01", "a truncated reply is discarded", "RFC 5944 §3.6.2.1", "pmip",
	    "A device attaches; the HA answers with a reply cut inside the Identification.",
	    STILL, NULL, rob_truncated),
	ROB("02", "a reply with a wrong authenticator is discarded",
	    "RFC 5944 §3.6.2.1; RFC 5563 §4.3", "pmip pma.per-node-auth",
	    "A device attaches; the HA answers code 0 with a corrupted FA-HA.", STILL,
	    NULL, rob_bad_auth),
	ROB("03", "a reply with a wrong Identification is discarded", "RFC 5944 §3.6.2.1",
	    "pmip", "A device attaches; the HA answers code 0 with the Identification changed.",
	    STILL, NULL, rob_wrong_ident),
	ROB("04", "a reply with an unknown non-skippable extension is discarded",
	    "RFC 5944 §1.8", "pmip",
	    "A device attaches; the HA answers code 0 with extension 100 before FA-HA.", STILL,
	    NULL, rob_unknown_ext),
	ROB("05", "a reply for another NAI is discarded", "RFC 2794 §3", "pmip",
	    "A device attaches; the HA answers code 0, right Identification, another NAI.",
	    STILL, NULL, rob_other_nai),
	ROB("06", "a garbage datagram is discarded", "RFC 5944 §3.6.2.1", "pmip",
	    "A device attaches; the HA sends a datagram of random bytes.", STILL,
	    NULL, rob_garbage),
	ROB("07", "a flood of garbage and stray replies is survived", "RFC 5944 §3.6.2.1",
	    "pmip", "A device attaches; the HA sends 200 datagrams: random bytes and replies "
	    "to no request.", STILL, NULL, rob_flood),
	ROB("08", "a message not for a PMA is discarded", "RFC 5944 §3.6.2.1", "pmip",
	    "A device attaches; the HA sends the PMA a registration request.", STILL,
	    NULL, rob_wrong_type),
	ROB("09", "a revocation with a wrong FA-HA is ignored", "RFC 3543 §6.2, §4.2.3",
	    "pmip pma.revocation",
	    "A device registers; the HA sends a revocation with a corrupted FA-HA.",
	    "No Revocation Ack comes, and the PMA later renews the binding.",
	    "R3543-4.2-31 R3543-3.3-12", rob_rev_bad_auth),
	ROB("10", "a replayed revocation is not acknowledged", "RFC 3543 §3.5",
	    "pmip pma.revocation",
	    "A device registers; the HA revokes it, then sends the same revocation again.",
	    "The first is acknowledged; the replay gets no ack within PIXIT silence-ms.",
	    "R3543-3.5-02 R3543-3.5-04", rob_rev_replay),
	ROB("11", "a truncated revocation is discarded", "RFC 3543 §3.5; RFC 5944 §1.8",
	    "pmip pma.revocation",
	    "A device registers; the HA sends a truncated revocation, then a valid one.",
	    "The valid revocation is acknowledged.", NULL, rob_rev_truncated),
};

CASE_TABLE(cases_pma_rob, defs);
