/* baseline.c — before the first case against a remote HA: one plain registration with the
 * run's request profile (tc_prrq), and its deregistration.  A 133 teaches the tester the
 * HA's clock (RFC 5944 §5.7.1), kept for every case.  A refusal stops the run with the
 * code and what to change in the PIXIT or PICS; silence stops it as "answers nothing". */
#include <stdio.h>
#include <string.h>

#include "baseline.h"
#include "names.h"
#include "tc_priv.h"

static void baseline_body(struct tc *t)
{
	(void)t;
}

static const struct case_def baseline_def = {
	"BASELINE", "", CASE_ROLE_HA, "a plain registration with the request profile",
	"RFC 5944 §3.8; RFC 5563 §8.1", CASE_MUST, "", "", "", "", NULL, baseline_body,
};

/* What to try for each refusal (RFC 5944 §3.4, RFC 5563 §8.1 codes). */
static const struct {
	uint8_t code;
	const char *hint;
} hints[] = {
	{ 128, "see the DUT's log; try `pixit pmip-ext none` or `pixit flags T`" },
	{ 129, "the DUT refuses this PMA, NAI or home address: check its configuration for "
	       "PIXIT pma1, nai-realm and hoa-base" },
	{ 130, "the DUT has no home address to give: try `pixit hoa-base ADDR`" },
	{ 131, "check PIXIT mn-sa, and PICS ha.per-node-auth / ha.per-mn-auth" },
	{ 132, "check PIXIT sa (the FA-HA SA), and PICS ha.per-node-auth" },
	{ 133, "the DUT refuses the Identification even on its own clock: try `pixit "
	       "ident-zero-bits 11` (or 32)" },
	{ 134, "try `pixit nai off`, then `pixit pmip-ext none`" },
	{ 136, "check PIXIT ha (the address the requests name as Home Agent)" },
	/* RFC 3024 §3.1 (137, 138), RFC 5944 §3.4 (139: requested encapsulation) */
	{ 137, "the DUT has no reverse tunnel: try `pixit flags G` (no T), or `pixit flags "
	       "none`" },
	{ 138, "the DUT wants reverse tunnelling: keep T in `pixit flags`" },
	{ 139, "the DUT lacks the encapsulation asked for: try PICS ha.gre-key no (no G, "
	       "no 48)" },
	{ 149, "the DUT has Proxy Mobile IPv4 off: enable it, or check PIXIT ha" },
	{ 150, "the DUT refuses proxy registrations from PIXIT pma1: allow it there" },
	{ 65, "the DUT refuses this PMA or NAI: check its configuration for PIXIT pma1 and "
	      "nai-realm" },
};

static const char *hint_for(uint8_t code)
{
	for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++)
		if (hints[i].code == code)
			return hints[i].hint;
	return "check the PICS and PIXIT against the DUT's configuration";
}

bool run_baseline(const struct run_plan *p, struct tc_net *net, int64_t *offset_ns,
		  char *why, size_t n)
{
	static struct tc t; /* large (the backlog) */
	uint64_t wait = params_ms(p->params, "reply-ms");
	const struct tc_rx *r;
	struct mip_msg m;
	const char *nai, *name;
	bool ok = false;

	tc_finish(&t);
	tc_init(&t, p, &baseline_def, NULL, net);
	nai = tc_nai(&t, 1);
	tc_prrq(&t, &m, TC_PMA1, nai);
	if (t.v == CASE_ERROR) { /* a bad PIXIT value of the profile */
		snprintf(why, n, "baseline registration not sent: %s", t.reason);
	} else if (!tc_send(&t, TC_PMA1, &m) || !(r = tc_recv(&t, TC_SIG(MIP_RRP, TC_PMA1), wait))) {
		snprintf(why, n, "the DUT answers nothing: no reply to a plain registration within "
			 "%llu ms (baseline; check PIXIT ha, pma1 and the DUT's address)",
			 (unsigned long long)wait);
	} else if (!r->decoded) {
		snprintf(why, n, "baseline registration: the reply does not decode (%s)",
			 tc_summary(&t, r));
	} else if (r->m.code > 1) {
		name = name_of(&names_code, r->m.code);
		snprintf(why, n, "baseline registration refused with %u (%s): %s", r->m.code,
			 name ? name : "?", hint_for(r->m.code));
	} else {
		ok = true;
		tc_dereg(&t, &m, TC_PMA1, nai, r->m.hoa); /* leave the DUT as it was */
		if (tc_send(&t, TC_PMA1, &m))
			tc_recv(&t, TC_SIG(MIP_RRP, TC_PMA1), wait);
	}
	*offset_ns = t.ident_offset_ns;
	return ok;
}
