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

#define RETX_MAX 16 /* requests a case looks at, whatever PIXIT pma.max-tries says */

/* How long the tester waits for the next request: RFC 5944 §3.6.3, "The maximum time
 * until a new Registration Request is sent SHOULD be no greater than the requested
 * Lifetime" (PIXIT pma.lifetime), and reply-ms more. */
static uint64_t next_rrq_ms(const struct tc *t)
{
	const struct params *p = tc_params(t);

	return params_u32(p, "pma.lifetime") * S_MS + params_ms(p, "reply-ms");
}

/* The transmissions of one request the tester leaves unanswered, `need` at least, up to
 * PIXIT pma.max-tries (at most RETX_MAX): how many came into rx, or 0 with the verdict
 * set.  RFC 5944 §3.6.3: "another Registration Request MAY be transmitted", so a PMA that
 * sends one only gets none unless PICS pma.retransmit claims retransmission; one that
 * stops before PIXIT pma.max-tries fails (it does not do what its PIXIT says). */
static unsigned unanswered(struct tc *t, const struct tc_rx **rx, unsigned need)
{
	unsigned max = params_u32(tc_params(t), "pma.max-tries"), n, k;
	struct tc_mn mn;

	n = max < RETX_MAX ? max : RETX_MAX;
	if (n < need) {
		tc_none(t, "PIXIT pma.max-tries %u: fewer than the %u requests the case compares",
			max, need);
		return 0;
	}
	rx[0] = tc_mn_attach(t, &mn, 1);
	if (!rx[0])
		return 0;
	for (k = 1; k < n; k++) {
		rx[k] = tc_recv(t, TC_SIG(MIP_RRQ, TC_HA), next_rrq_ms(t));
		if (!rx[k] || !rx[k]->decoded)
			break;
	}
	if (k == 1 && !tc_mn_claims(t, "pma.retransmit")) {
		tc_none(t, "retransmission is a MAY (RFC 5944 §3.6.3) not claimed by PICS "
			"pma.retransmit; observed: no retransmission within %llu ms",
			(unsigned long long)next_rrq_ms(t));
		return 0;
	}
	if (k < n) {
		tc_fail(t, "PRRQ transmissions of an unanswered request",
			tc_printf(t, "%u (PIXIT pma.max-tries)", n), "%u", k);
		return 0;
	}
	return k;
}

/* RFC 5944 §3.6.3: each retransmission timeout at least twice the previous. */
static void fsm_backoff(struct tc *t)
{
	const struct tc_rx *rx[RETX_MAX];
	unsigned n = unanswered(t, rx, 4);

	for (unsigned i = 2; i < n; i++)
		if (!tc_check_at_least(t, tc_printf(t, "PRRQ retransmission %u interval", i),
				       2 * (rx[i - 1]->at_ms - rx[i - 2]->at_ms),
				       rx[i]->at_ms - rx[i - 1]->at_ms))
			return;
}

/* RFC 5944 §3.6.3: "The minimum time between Registration Requests MUST NOT be less than
 * 1 second." */
static void fsm_retx_min(struct tc *t)
{
	const struct tc_rx *rx[RETX_MAX];
	unsigned n = unanswered(t, rx, 2);

	for (unsigned i = 1; i < n; i++)
		if (!tc_check_true(t, tc_printf(t, "PRRQ retransmission %u interval", i),
				   ">= 1000 ms", rx[i]->at_ms - rx[i - 1]->at_ms >= 1000, "%llu ms",
				   (unsigned long long)(rx[i]->at_ms - rx[i - 1]->at_ms)))
			return;
}

/* RFC 5944 §3.6.3: with timestamps every retransmission has a new Identification. */
static void fsm_retx_ident(struct tc *t)
{
	const struct tc_rx *rx[RETX_MAX];
	unsigned n = unanswered(t, rx, 2);

	for (unsigned i = 1; i < n; i++)
		if (!tc_check_true(t, tc_printf(t, "PRRQ retransmission %u Identification", i),
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
	/* RFC 5944 §3.6.2.3: the mobile node "MUST adjust the parameters it uses to compute
	 * the Identification field ... before issuing any future Registration Requests"; it
	 * "may be able to repair the error", when it likes: the next request is judged,
	 * whenever it comes within the RFC 5944 §3.6.3 bound (next_rrq_ms). */
	r2 = tc_recv(t, TC_SIG(MIP_RRQ, TC_HA), next_rrq_ms(t));
	if (!r2) {
		tc_none(t, "no PRRQ within %llu ms of the 133 (RFC 5944 §3.6.2.3: a retry is "
			"not required): nothing to judge", (unsigned long long)next_rrq_ms(t));
		return;
	}
	if (!tc_check_true(t, "PRRQ after the 133", "a valid message", r2->decoded, "%s",
			   "not decodable"))
		return;
	got = (r2->m.ident >> 32) + (tc_now_ms(t) - r->at_ms) / 1000;
	tc_check_true(t, "PRRQ Identification seconds after the 133",
		      tc_printf(t, "%llu ±7 (the HA's time)", (unsigned long long)ha_sec),
		      got + 7 >= ha_sec && got <= ha_sec + 7 + (tc_now_ms(t) - r->at_ms) / 1000,
		      "%llu", (unsigned long long)(r2->m.ident >> 32));
}

/* RFC 5563 §8.1: a PMA receiving 149 or 150 SHOULD NOT retry that HA.  The RFC names no
 * time: the 60 s watched are the tester's own, scaled by PIXIT time-scale (tc_ms). */
static void refused(struct tc *t, uint8_t code)
{
	struct tc_mn mn;
	const struct tc_rx *r = tc_mn_attach(t, &mn, 1);

	if (r && tc_mn_reply(t, r, code, 0, 0)) {
		/* the SHOULD NOT is per HA: a PMA may send this HA nothing more, for any device */
		tc_control_blind(t, "RFC 5563 §8.1 allows after 149/150 (no more messages to "
				 "that HA)");
		tc_expect_none(t, TC_SIG(MIP_RRQ, TC_HA), tc_ms(t, 60 * S_MS),
			       tc_printf(t, "PRRQ after %u", code));
	}
}

static void fsm_no_retry_149(struct tc *t)
{
	refused(t, 149);
}

static void fsm_no_retry_150(struct tc *t)
{
	refused(t, 150);
}

/* A registered device detaches: the deregistration, or NULL with the verdict set.  No
 * RFC requires one (RFC 5944 §3.6.1.2: the mobile node "MAY ask a home agent to delete a
 * particular mobility binding"; RFC 5563 §4.1.4 is the HA's revocation of an old PMA):
 * a PMA that lets the binding lapse gets none, unless PICS pma.dereg-on-detach claims
 * deregistration. */
static const struct tc_rx *dereg(struct tc *t, struct tc_mn *mn)
{
	uint64_t wait = params_ms(tc_params(t), "reply-ms");
	const struct tc_rx *r;

	if (!tc_mn_up_for_detach(t, mn, 1) || !tc_detach(t, mn->mac))
		return NULL;
	r = tc_recv(t, TC_SIG(MIP_RRQ, TC_HA), wait);
	if (!r && !tc_mn_claims(t, "pma.dereg-on-detach")) {
		tc_none(t, "deregistration on detach is a MAY (RFC 5944 §3.6.1.2) not claimed by "
			"PICS pma.dereg-on-detach; observed: no PRRQ within %llu ms, the binding "
			"lapses", (unsigned long long)wait);
		return NULL;
	}
	if (!r) {
		tc_fail(t, "PRRQ after the detach", "Lifetime 0 (PICS pma.dereg-on-detach)",
			"nothing within %llu ms", (unsigned long long)wait);
		return NULL;
	}
	if (!tc_check_true(t, "PRRQ after the detach", "a valid message", r->decoded, "%s",
			   "not decodable") ||
	    !tc_check_u(t, "PRRQ after the detach Lifetime", 0, r->m.lifetime))
		return NULL;
	return r;
}

/* PICS pma.dereg-on-detach: a detached device's binding is removed with lifetime 0. */
static void fsm_dereg(struct tc *t)
{
	struct tc_mn mn;

	dereg(t, &mn);
}

/* RFC 5563 §4.1.2, RFC 5944 §3.6.1.2: the deregistration names the assigned home address
 * (the Home Address field "MUST be set to the mobile node's home address, if this
 * information is known"). */
static void fsm_dereg_hoa(struct tc *t)
{
	struct tc_mn mn;
	const struct tc_rx *r = dereg(t, &mn);

	if (r)
		tc_check_addr(t, "deregistration Home Address", mn.hoa, r->m.hoa);
}

/* RFC 5563 §4.3 (DESIGN.md §6.6): the deregistration is FA-HA protected too. */
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
#define UNANSWERED "A device attaches; the tester's HA answers nothing and takes the " \
	"requests up to PIXIT pma.max-tries, each within PIXIT pma.lifetime (RFC 5944 " \
	"§3.6.3) plus reply-ms."
#define RETX_NONE "  A PMA that does not retransmit (RFC 5944 §3.6.3: MAY) gets none unless " \
	"PICS pma.retransmit claims it; one that stops before PIXIT pma.max-tries fails."
#define DEREG_NONE "  No deregistration (RFC 5944 §3.6.1.2: MAY, the binding may lapse) is " \
	"none unless PICS pma.dereg-on-detach claims it."
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
	    CASE_SHOULD, "pmip pma.retransmit", UNANSWERED,
	    "Each interval between them is at least twice the previous one (± PIXIT "
	    "tolerance)." RETX_NONE, "retransmission timing", NULL, fsm_backoff),
	FSM("PMA-FSM-06", "retransmissions are at least 1 s apart", "RFC 5944 §3.6.3",
	    CASE_MUST, "pmip pma.retransmit", UNANSWERED,
	    "Every interval between them is 1000 ms or more." RETX_NONE,
	    "retransmission timing", "R3543-3.3-15", fsm_retx_min),
	FSM("PMA-FSM-07", "every retransmission has a fresh Identification",
	    "RFC 5944 §3.6.3, §5.7", CASE_MUST, "pmip pma.retransmit", UNANSWERED,
	    "Their Identifications strictly increase." RETX_NONE,
	    "retransmission ident", NULL, fsm_retx_ident),
	FSM("PMA-FSM-08", "after 133 the PMA takes the HA's time", "RFC 5563 §4.4; "
	    "RFC 5944 §5.7.1", CASE_MUST, "pmip",
	    "A device attaches; the HA answers 133 with its time 1000 s ahead in the high 32 "
	    "bits of the Identification, and waits for the next PRRQ up to PIXIT pma.lifetime "
	    "(RFC 5944 §3.6.3) plus reply-ms.",
	    "The next PRRQ's Identification seconds are the HA's time (± 7 s); none when no "
	    "PRRQ comes (a retry is not required, RFC 5944 §3.6.2.3).",
	    "ident resync", NULL, fsm_resync),
	FSM("PMA-FSM-09", "no retry after 149", "RFC 5563 §8.1", CASE_SHOULD, "pmip",
	    "A device attaches; the HA answers 149 (PMIPv4 not supported).",
	    "No PRRQ comes to that HA within 60 s (times PIXIT time-scale).", "refusal",
	    "R5563-8.1-05", fsm_no_retry_149),
	FSM("PMA-FSM-10", "no retry after 150", "RFC 5563 §8.1", CASE_SHOULD, "pmip",
	    "A device attaches; the HA answers 150 (PMA not allowed).",
	    "No PRRQ comes to that HA within 60 s (times PIXIT time-scale).", "refusal",
	    "R5563-8.1-06", fsm_no_retry_150),
	FSM("PMA-FSM-11", "a detach deregisters with lifetime 0", "RFC 5944 §3.6.1.2",
	    CASE_MAY, "pmip pma.dereg-on-detach",
	    UP "The device detaches (DHCPRELEASE, or PIXIT pma.detach-cmd).",
	    "A PRRQ with Lifetime 0 comes within reply-ms." DEREG_NONE, "deregistration",
	    NULL, fsm_dereg),
	FSM("PMA-FSM-12", "the deregistration names the home address",
	    "RFC 5944 §3.6.1.2; RFC 5563 §4.1.2", CASE_MUST, "pmip pma.dereg-on-detach",
	    UP "The device detaches.",
	    "The deregistration's Home Address is the assigned one." DEREG_NONE,
	    "deregistration hoa", NULL, fsm_dereg_hoa),
	FSM("PMA-FSM-13", "the deregistration is FA-HA protected",
	    "RFC 5563 §4.3; RFC 5944 §3.6.1.2", CASE_MUST,
	    "pmip pma.per-node-auth pma.dereg-on-detach", UP "The device detaches.",
	    "The deregistration carries an FA-HA valid with PIXIT sa." DEREG_NONE,
	    "deregistration auth", "R5563-4.3-01", fsm_dereg_auth),
	FSM("PMA-FSM-14", "a renewal carries Revocation Support (137)", "RFC 3543 §4.2.1",
	    CASE_MUST, "pmip pma.revocation", UP "The tester waits for the renewal.",
	    "The renewal has extension 137.", "renewal revocation", "R3543-4.2-03",
	    fsm_renew_revsup),
};

CASE_TABLE(cases_pma_fsm, defs);
