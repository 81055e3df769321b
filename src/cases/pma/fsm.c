/* pma/fsm.c — PMA-FSM, the registration's life: RFC 5563 §4.1, §4.4, §8.1; RFC 5944 §3.6. */
/* Renewal, retransmission (RFC 5944 §3.6.3), Identification (§5.7), refusal and
 * deregistration.  The tester is the device's HA. */
#include "ident.h"
#include "tc_mn.h"

#define S_MS 1000ull

/* The first renewal of a device registered for `grant` s (0: what it asked), or NULL
 * (fail: none before the grant ran out). */
static const struct tc_rx *renewal(struct tc *t, struct tc_mn *mn, uint16_t grant)
{
	const struct tc_rx *r;

	if (!tc_mn_up(t, mn, 1, grant))
		return NULL;
	r = tc_mn_rrq(t, mn->lifetime * S_MS, "PRRQ renewal before the granted lifetime ends");
	if (r && !tc_check_true(t, "PRRQ renewal Lifetime", "not 0", r->m.lifetime != 0, "0"))
		return NULL;
	return r;
}

/* RFC 5563 §4.4; RFC 5944 §3.6.1.1: renew before the lifetime runs out, at PIXIT
 * pma.renew-pct of it. */
static void fsm_renew_time(struct tc *t)
{
	struct tc_mn mn;
	const struct tc_rx *r = renewal(t, &mn, 0);
	uint64_t pct = params_u32(tc_params(t), "pma.renew-pct");

	if (r)
		tc_check_time(t, "PRRQ renewal time after the request",
			      mn.lifetime * S_MS * pct / 100, r->at_ms - mn.sent_ms);
}

/* RFC 5944 §3.6.2.2, §3.8.2.2: the HA may grant less than asked; the PMA renews within
 * what it was granted. */
static void fsm_renew_granted(struct tc *t)
{
	struct tc_mn mn;
	const struct tc_rx *r;
	uint32_t asked = params_u32(tc_params(t), "pma.lifetime");
	uint16_t grant = (uint16_t)(asked / 4);

	if (grant < 4) {
		tc_none(t, "PIXIT pma.lifetime %u s leaves no shorter lifetime to grant", asked);
		return;
	}
	r = renewal(t, &mn, grant);
	if (r)
		tc_check_true(t, "PRRQ renewal time after the request",
			      tc_printf(t, "< %u ms (the granted lifetime)", grant * 1000u),
			      r->at_ms - mn.sent_ms < grant * S_MS, "%llu ms",
			      (unsigned long long)(r->at_ms - mn.sent_ms));
}

/* RFC 5563 §4.1.2: later requests carry the assigned home address. */
static void fsm_renew_hoa(struct tc *t)
{
	struct tc_mn mn;
	const struct tc_rx *r = renewal(t, &mn, 0);

	if (r)
		tc_check_addr(t, "PRRQ renewal Home Address", mn.hoa, r->m.hoa);
}

/* RFC 5944 §5.7, RFC 5563 §4.4: each request's Identification is newer than the last. */
static void fsm_renew_ident(struct tc *t)
{
	struct tc_mn mn;
	const struct tc_rx *r = renewal(t, &mn, 0);

	if (r)
		tc_check_true(t, "PRRQ renewal Identification",
			      tc_printf(t, "> 0x%016llx", (unsigned long long)mn.rrq->m.ident),
			      r->m.ident > mn.rrq->m.ident, "0x%016llx",
			      (unsigned long long)r->m.ident);
}

/* RFC 3543 §4.2.1: every request of a binding that wants revocations carries 137,
 * renewals included. */
static void fsm_renew_revsup(struct tc *t)
{
	struct tc_mn mn;
	const struct tc_rx *r = renewal(t, &mn, 0);

	if (r)
		tc_check_true(t, "PRRQ renewal Revocation Support (137)", "present",
			      mip_ext_find(&r->m, MIP_EXT_REVSUP, -1) != NULL, "%s",
			      tc_mn_exts(t, &r->m));
}

/* Up to n requests from one attach that the tester leaves unanswered. */
static unsigned unanswered(struct tc *t, const struct tc_rx **rx, unsigned n)
{
	struct tc_mn mn;
	unsigned k = 0;

	rx[k] = tc_mn_attach(t, &mn, 1);
	if (!rx[k])
		return 0;
	for (k = 1; k < n; k++) {
		rx[k] = tc_recv(t, TC_SIG(MIP_RRQ, TC_HA), 64 * S_MS);
		if (!rx[k] || !rx[k]->decoded)
			break;
	}
	if (k < n)
		tc_fail(t, "PRRQ retransmission", tc_printf(t, "%u requests", n), "%u", k);
	return k;
}

/* RFC 5944 §3.6.3: each retransmission timeout at least twice the previous. */
static void fsm_backoff(struct tc *t)
{
	const struct tc_rx *rx[4];
	uint64_t gap[3];

	if (unanswered(t, rx, 4) < 4)
		return;
	for (int i = 0; i < 3; i++)
		gap[i] = rx[i + 1]->at_ms - rx[i]->at_ms;
	for (int i = 1; i < 3; i++)
		if (!tc_check_at_least(t, tc_printf(t, "PRRQ retransmission %d interval", i + 1),
				       2 * gap[i - 1], gap[i]))
			return;
}

/* RFC 5944 §3.6.3: "The minimum time between Registration Requests MUST NOT be less than
 * 1 second." */
static void fsm_retx_min(struct tc *t)
{
	const struct tc_rx *rx[2];

	if (unanswered(t, rx, 2) == 2)
		tc_check_true(t, "PRRQ first retransmission interval", ">= 1000 ms",
			      rx[1]->at_ms - rx[0]->at_ms >= 1000, "%llu ms",
			      (unsigned long long)(rx[1]->at_ms - rx[0]->at_ms));
}

/* RFC 5944 §3.6.3: with timestamps every retransmission has a new Identification. */
static void fsm_retx_ident(struct tc *t)
{
	const struct tc_rx *rx[3];

	if (unanswered(t, rx, 3) < 3)
		return;
	for (int i = 1; i < 3; i++)
		if (!tc_check_true(t, tc_printf(t, "PRRQ retransmission %d Identification", i),
				   tc_printf(t, "> 0x%016llx",
					     (unsigned long long)rx[i - 1]->m.ident),
				   rx[i]->m.ident > rx[i - 1]->m.ident, "0x%016llx",
				   (unsigned long long)rx[i]->m.ident))
			return;
}

/* RFC 5563 §4.4, RFC 5944 §5.7.1: after a 133 the next request's Identification uses the
 * time the HA put in the reply's high 32 bits. */
static void fsm_resync(struct tc *t)
{
	struct tc_mn mn;
	const struct tc_rx *r = tc_mn_attach(t, &mn, 1), *r2;
	uint64_t ha_sec = (ident_ntp_from_ns(tc_now_ms(t) * 1000000) >> 32) + 1000;
	uint64_t got;
	struct mip_msg rrp;

	if (!r)
		return;
	tc_rrp_for(t, &rrp, &r->m, 133, 0, 0);
	rrp.ident = ha_sec << 32 | (r->m.ident & 0xffffffffu); /* the HA is 1000 s ahead */
	if (!tc_mn_send_reply(t, r, &rrp))
		return;
	r2 = tc_mn_rrq(t, params_ms(tc_params(t), "reply-ms"), "PRRQ after the 133");
	if (!r2)
		return;
	got = (r2->m.ident >> 32) + (tc_now_ms(t) - r->at_ms) / 1000;
	tc_check_true(t, "PRRQ Identification seconds after the 133",
		      tc_printf(t, "%llu ±7 (the HA's time)", (unsigned long long)ha_sec),
		      got + 7 >= ha_sec && got <= ha_sec + 7 + (tc_now_ms(t) - r->at_ms) / 1000,
		      "%llu", (unsigned long long)(r2->m.ident >> 32));
}

/* RFC 5563 §8.1: a PMA receiving 149 or 150 SHOULD NOT retry that HA. */
static void refused(struct tc *t, uint8_t code)
{
	struct tc_mn mn;
	const struct tc_rx *r = tc_mn_attach(t, &mn, 1);

	if (r && tc_mn_reply(t, r, code, 0, 0))
		tc_expect_none(t, TC_SIG(MIP_RRQ, TC_HA), 60 * S_MS,
			       tc_printf(t, "PRRQ after %u", code));
}

static void fsm_no_retry_149(struct tc *t)
{
	refused(t, 149);
}

static void fsm_no_retry_150(struct tc *t)
{
	refused(t, 150);
}

/* A registered device detaches: the deregistration, or NULL (fail). */
static const struct tc_rx *dereg(struct tc *t, struct tc_mn *mn)
{
	const struct tc_rx *r;

	if (!tc_mn_up_for_detach(t, mn, 1) || !tc_detach(t, mn->mac))
		return NULL;
	r = tc_mn_rrq(t, params_ms(tc_params(t), "reply-ms"), "PRRQ after the detach");
	if (r && !tc_check_u(t, "PRRQ after the detach Lifetime", 0, r->m.lifetime))
		return NULL;
	return r;
}

/* RFC 5563 §4.1.4: a detached device's binding is removed with lifetime 0. */
static void fsm_dereg(struct tc *t)
{
	struct tc_mn mn;

	dereg(t, &mn);
}

/* RFC 5563 §4.1.4: the deregistration names the assigned home address. */
static void fsm_dereg_hoa(struct tc *t)
{
	struct tc_mn mn;
	const struct tc_rx *r = dereg(t, &mn);

	if (r)
		tc_check_addr(t, "deregistration Home Address", mn.hoa, r->m.hoa);
}

/* RFC 5563 §4.3, §4.1.4 (DESIGN.md §6.6): the deregistration is FA-HA protected too. */
static void fsm_dereg_auth(struct tc *t)
{
	struct tc_mn mn;
	const struct tc_rx *r = dereg(t, &mn);

	if (r)
		tc_check_auth(t, "deregistration FA-HA authenticator (34)", r, MIP_EXT_FAHA,
			      tc_sa(t));
}

#define FSM(id, title, ref, lvl, pics, proc, pass, tags, reqs, fn) \
	{ id, "pma-core", CASE_ROLE_PMA, title, ref, lvl, pics, proc, pass, tags, reqs, fn }
#define UP "A device attaches; the tester's HA accepts the PRRQ (code 0, HoA PIXIT pma.hoa)" \
	   " and the device completes DHCP. "

static const struct case_def defs[] = {
	FSM("PMA-FSM-01", "the PMA renews at its share of the granted lifetime",
	    "RFC 5563 §4.4; RFC 5944 §3.6.1.1", CASE_MUST, "pmip",
	    UP "The tester waits for the renewal.",
	    "A PRRQ with a non-zero lifetime comes at PIXIT pma.renew-pct of the granted lifetime "
	    "(± PIXIT tolerance), before it ends.", "lifetime renewal timing",
	    "R5563-4.1-04", fsm_renew_time),
	FSM("PMA-FSM-02", "the PMA renews within a shorter granted lifetime",
	    "RFC 5944 §3.6.2.2; RFC 5563 §4.4", CASE_MUST, "pmip",
	    UP "The HA grants a quarter of the requested lifetime.",
	    "The renewal comes before the granted lifetime ends.", "lifetime renewal",
	    "R5563-4.1-04", fsm_renew_granted),
	FSM("PMA-FSM-03", "a renewal carries the assigned home address", "RFC 5563 §4.1.2",
	    CASE_MUST, "pmip", UP "The tester waits for the renewal.",
	    "The renewal's Home Address is the one assigned.", "renewal hoa",
	    "R5563-4.1-05", fsm_renew_hoa),
	FSM("PMA-FSM-04", "a renewal has a newer Identification",
	    "RFC 5944 §5.7; RFC 5563 §4.4", CASE_MUST, "pmip", UP "The tester waits for the "
	    "renewal.", "The renewal's Identification is greater than the first request's.",
	    "renewal ident", NULL, fsm_renew_ident),
	FSM("PMA-FSM-05", "retransmission timeouts at least double", "RFC 5944 §3.6.3",
	    CASE_SHOULD, "pmip", "A device attaches; the tester's HA answers nothing.",
	    "Among the first four requests each interval is at least twice the previous one.",
	    "retransmission timing", NULL, fsm_backoff),
	FSM("PMA-FSM-06", "retransmissions are at least 1 s apart", "RFC 5944 §3.6.3",
	    CASE_MUST, "pmip", "A device attaches; the tester's HA answers nothing.",
	    "The first retransmission comes 1000 ms or more after the request.",
	    "retransmission timing", "R3543-3.3-15", fsm_retx_min),
	FSM("PMA-FSM-07", "every retransmission has a fresh Identification",
	    "RFC 5944 §3.6.3, §5.7", CASE_MUST, "pmip",
	    "A device attaches; the tester's HA answers nothing.",
	    "The Identifications of the first three requests strictly increase.",
	    "retransmission ident", NULL, fsm_retx_ident),
	FSM("PMA-FSM-08", "after 133 the PMA takes the HA's time", "RFC 5563 §4.4; "
	    "RFC 5944 §5.7.1", CASE_MUST, "pmip",
	    "A device attaches; the HA answers 133 with its time 1000 s ahead in the high 32 "
	    "bits of the Identification.",
	    "The next PRRQ's Identification seconds are the HA's time (± 7 s).",
	    "ident resync", NULL, fsm_resync),
	FSM("PMA-FSM-09", "no retry after 149", "RFC 5563 §8.1", CASE_SHOULD, "pmip",
	    "A device attaches; the HA answers 149 (PMIPv4 not supported).",
	    "No PRRQ comes to that HA within 60 s.", "refusal", "R5563-8.1-05", fsm_no_retry_149),
	FSM("PMA-FSM-10", "no retry after 150", "RFC 5563 §8.1", CASE_SHOULD, "pmip",
	    "A device attaches; the HA answers 150 (PMA not allowed).",
	    "No PRRQ comes to that HA within 60 s.", "refusal", "R5563-8.1-06", fsm_no_retry_150),
	FSM("PMA-FSM-11", "a detach deregisters with lifetime 0", "RFC 5563 §4.1.4", CASE_MUST,
	    "pmip", UP "The device detaches (DHCPRELEASE, or PIXIT pma.detach-cmd).",
	    "A PRRQ with Lifetime 0 comes.", "deregistration", NULL, fsm_dereg),
	FSM("PMA-FSM-12", "the deregistration names the home address", "RFC 5563 §4.1.4",
	    CASE_MUST, "pmip", UP "The device detaches.",
	    "The deregistration's Home Address is the assigned one.", "deregistration hoa",
	    NULL, fsm_dereg_hoa),
	FSM("PMA-FSM-13", "the deregistration is FA-HA protected", "RFC 5563 §4.3, §4.1.4",
	    CASE_MUST, "pmip pma.per-node-auth", UP "The device detaches.",
	    "The deregistration carries an FA-HA valid with PIXIT sa.", "deregistration auth",
	    "R5563-4.3-01", fsm_dereg_auth),
	FSM("PMA-FSM-14", "a renewal carries Revocation Support (137)", "RFC 3543 §4.2.1",
	    CASE_MUST, "pmip pma.revocation", UP "The tester waits for the renewal.",
	    "The renewal has extension 137.", "renewal revocation", "R3543-4.2-03",
	    fsm_renew_revsup),
};

CASE_TABLE(cases_pma_fsm, defs);
