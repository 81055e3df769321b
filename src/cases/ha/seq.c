/* ha/seq.c — HA-SEQ, Identification and replays across PMAs: RFC 5944 §5.7.1; RFC 5563 §8.1. */
#include "peer.h"

#define NTP_S (1ull << 32) /* one second of an NTP timestamp */

#define MARGIN_MS 23000 /* beyond the window: 30 s for the default 7 s */

/* The DUT's Identification window (PIXIT ha.ident-window-ms; RFC 5944 §5.7.1: 7 s is a
 * MAY default, and the window is per security association). */
static uint64_t window_ms(struct tc *t)
{
	return params_ms(tc_params(t), "ha.ident-window-ms");
}

static uint64_t ms_ntp(uint64_t ms)
{
	return (ms / 1000) * NTP_S + (ms % 1000) * NTP_S / 1000;
}

/* RFC 5944 §5.7.1, §3.8.2.1 b: a request whose Identification is not newer than the
 * last accepted one (a replay) gets 133. */
static void seq_replay(struct tc *t)
{
	struct mip_msg m;
	const struct tc_rx *r;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	if (!hc_register_msg(t, TC_PMA1, &m, "the first request"))
		return;
	tc_wait(t, tc_ms(t, 1000));
	r = tc_request(t, TC_PMA1, &m); /* the same request again */
	if (r)
		tc_check_u(t, "RRP.Code", 133, r->m.code);
}

/* RFC 5563 §8.1, DESIGN.md §6.2: sequencing is per NAI across PMAs; a request from PMA2
 * older than the one accepted from PMA1 gets 133. */
static void seq_across_pmas(struct tc *t)
{
	const char *nai = tc_nai(t, 1);
	struct mip_msg m, m2;

	tc_prrq(t, &m, TC_PMA1, nai);
	if (!hc_register_msg(t, TC_PMA1, &m, "registration via PMA1"))
		return;
	tc_prrq(t, &m2, TC_PMA2, nai);
	m2.ident = m.ident - NTP_S; /* 1 s older than PMA1's, well inside the window */
	tc_request_code(t, TC_PMA2, &m2, 133);
}

/* RFC 5944 §5.7.1: a 133 reply carries the HA's time of day in the high 32 bits.  The
 * tester's idea of that time (its clock, and what a 133 before taught it) agrees within
 * 7 s; or, when the clocks disagree (no synchronisation is required), the reply's time is
 * the HA's if a request stamped with it is accepted (§3.6.2.3: the requester adopts it). */
static void seq_133_ha_time(struct tc *t)
{
	struct mip_msg m;
	const struct tc_rx *r;
	uint64_t now;
	uint32_t hi, want;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	m.ident -= 3600 * NTP_S; /* an hour behind */
	if (!(r = hc_replied(t, TC_PMA1, &m, 133)))
		return;
	now = tc_dut_ntp(t);
	hi = (uint32_t)(r->m.ident >> 32);
	want = (uint32_t)(now >> 32);
	if (hi + 7 >= want && hi <= want + 7) {
		tc_check_true(t, "RRP.Identification high 32 bits",
			      tc_printf(t, "the HA's time, %u ±7 s", want), true, "%u (%+lld s)",
			      hi, (long long)hi - (long long)want);
		return;
	}
	tc_note(t, "the reply's time is %+lld s from the tester's: is it the HA's? a request "
		"stamped with it must be accepted", (long long)hi - (long long)want);
	tc_resync_from(t, r);
	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 2));
	m.ident = tc_dut_ntp(t) | 1; /* not tc_ident's: no resend after a 133 */
	if ((r = tc_request(t, TC_PMA1, &m)))
		tc_check_u(t, "RRP.Code (a request on the clock of the 133's high 32 bits)", 0,
			   r->m.code);
}

/* RFC 5944 §5.7.1: a 133 reply copies the low 32 bits of the request's Identification. */
static void seq_133_low_copied(struct tc *t)
{
	struct mip_msg m;
	const struct tc_rx *r;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	m.ident -= 3600 * NTP_S;
	if ((r = hc_replied(t, TC_PMA1, &m, 133)))
		tc_check_x(t, "RRP.Identification low 32 bits", (uint32_t)m.ident,
			   (uint32_t)r->m.ident);
}

/* RFC 5944 §5.7.1: a timestamp beyond the window (PIXIT ha.ident-window-ms, 23 s more)
 * behind (dir < 0) or ahead of (dir > 0) the HA's clock gets 133, even for an NAI with no
 * binding.  The HA's clock is the tester's idea of it; if the 133's high 32 bits show the
 * request was not beyond the window that way on the HA's clock, the tester adopts that
 * clock and sends the request again, once. */
static void seq_outside(struct tc *t, int dir)
{
	uint64_t beyond = ms_ntp(window_ms(t) + MARGIN_MS);
	struct mip_msg m;
	const struct tc_rx *r;
	int64_t ahead_s;

	for (unsigned k = 1; k <= 2; k++) {
		tc_prrq(t, &m, TC_PMA1, tc_nai(t, k));
		m.ident = dir > 0 ? m.ident + beyond : m.ident - beyond;
		if (!(r = tc_request(t, TC_PMA1, &m)))
			return;
		ahead_s = (int64_t)(int32_t)((uint32_t)(m.ident >> 32) - (uint32_t)(r->m.ident >> 32));
		if (r->m.code != 133 || k == 2 || (dir > 0 ? ahead_s : -ahead_s) * 1000 >
							 (int64_t)window_ms(t)) {
			tc_check_u(t, "RRP.Code", 133, r->m.code);
			return;
		}
		tc_note(t, "the 133 shows the HA's clock %+lld s from the request: not %s its "
			"window there; again on its clock", (long long)-ahead_s,
			dir > 0 ? "ahead of" : "behind");
		tc_resync_from(t, r);
	}
}

static void seq_too_old(struct tc *t)
{
	seq_outside(t, -1);
}

static void seq_too_new(struct tc *t)
{
	seq_outside(t, 1);
}

static const struct case_def defs[] = {
	{ "HA-SEQ-01", "ha-core", CASE_ROLE_HA, "a replayed Identification gets 133",
	  "RFC 5944 §5.7.1, §3.8.2.1; RFC 5563 §8.1", CASE_MUST, "pmip",
	  "PMA1 registers, then sends the very same request again 1 s later.",
	  "The second request gets code 133.", "ident replay", "R5563-8.1-01", seq_replay },
	{ "HA-SEQ-02", "ha-core", CASE_ROLE_HA,
	  "sequencing is per NAI across PMAs: an older request from PMA2 gets 133",
	  "RFC 5563 §8.1, §4.4; RFC 5944 §5.7.1", CASE_MUST, "pmip",
	  "PMA1 registers an NAI; PMA2 sends a request for the same NAI whose Identification is "
	  "1 s older than PMA1's.",
	  "PMA2's request gets code 133.", "ident sequencing handover", "R5563-8.1-01",
	  seq_across_pmas },
	{ "HA-SEQ-03", "ha-core", CASE_ROLE_HA, "a 133 reply carries the HA's time",
	  "RFC 5944 §5.7.1, §3.8.2.1; RFC 5563 §4.4", CASE_MUST, "pmip",
	  "PMA1 sends a request whose Identification is an hour old.",
	  "Code 133, and the reply's high 32 bits are the HA's time: the tester's idea of it "
	  "±7 s, or else a request stamped with that time is accepted (RFC 5944 §3.6.2.3).",
	  "ident", NULL, seq_133_ha_time },
	{ "HA-SEQ-04", "ha-core", CASE_ROLE_HA, "a 133 reply copies the low 32 bits",
	  "RFC 5944 §5.7.1, §3.8.3.1", CASE_MUST, "pmip",
	  "PMA1 sends a request whose Identification is an hour old.",
	  "Code 133, and the reply's low 32 bits are the request's.", "ident", NULL,
	  seq_133_low_copied },
	{ "HA-SEQ-05", "ha-core", CASE_ROLE_HA, "a timestamp beyond the window behind gets 133",
	  "RFC 5944 §5.7.1", CASE_MUST, "pmip",
	  "PMA1 sends a request for a new NAI whose Identification is PIXIT ha.ident-window-ms "
	  "+ 23 s (30 s) behind the HA's clock (as a 133 taught the tester, else its own).",
	  "Code 133.", "ident", NULL, seq_too_old },
	{ "HA-SEQ-06", "ha-core", CASE_ROLE_HA, "a timestamp beyond the window ahead gets 133",
	  "RFC 5944 §5.7.1", CASE_MUST, "pmip",
	  "PMA1 sends a request for a new NAI whose Identification is PIXIT ha.ident-window-ms "
	  "+ 23 s (30 s) ahead of the HA's clock (as a 133 taught the tester, else its own).",
	  "Code 133.", "ident", NULL, seq_too_new },
};

CASE_TABLE(cases_ha_seq, defs);
