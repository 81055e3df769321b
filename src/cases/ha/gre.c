/* ha/gre.c — HA-GRE, GRE keys and tunnels: RFC 6245 §4-§5; RFC 3024 §4.3.1; RFC 5563 §4.2. */
#include "peer.h"
#include "tun.h"

#define GRE "pmip ha.gre-key"

/* RFC 6245 §4: a request with 48 gets 48 (the HA-assigned key) in the reply. */
static void gre_key_reply(struct tc *t)
{
	const struct mip_ext *x = hc_accepted_ext(t, "RRP GRE Key (48)", MIP_EXT_GREKEY, -1);

	if (x)
		tc_check_u(t, "RRP 48 Length", 4, x->length);
}

/* RFC 6245 §4.2: the reply to a deregistration that carries 48 carries 48 too. */
static void gre_key_dereg(struct tc *t)
{
	const struct tc_rx *r = hc_dereg_accepted(t);

	if (r)
		hc_check_present(t, "deregistration RRP GRE Key (48)", r, MIP_EXT_GREKEY, -1);
}

/* RFC 3024 §4.3.1, RFC 6245 §4: an HA without GRE answers G with 139. */
static void gre_unsupported(struct tc *t)
{
	struct mip_msg m;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	m.flags |= MIP_F_G;
	tc_request_code(t, TC_PMA1, &m, 139);
}

/* A GRE binding: the PMA-assigned key (in the request) and the HA's (in the reply). */
static const struct tc_rx *gre_bind(struct tc *t, uint32_t *pma_key, uint32_t *ha_key)
{
	struct mip_msg m;
	const struct tc_rx *r;
	const struct mip_ext *x;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	x = mip_ext_get(&m, MIP_EXT_GREKEY, -1);
	if (!x) {
		tc_error(t, "the standard request has no GRE key");
		return NULL;
	}
	*pma_key = x->v.gre.key;
	if (!(r = hc_register_msg(t, TC_PMA1, &m, "GRE registration")))
		return NULL;
	if (!(x = hc_ext(r, MIP_EXT_GREKEY, -1))) {
		tc_inconc(t, "preamble: the reply has no GRE key");
		return NULL;
	}
	*ha_key = x->v.gre.key;
	return r;
}

/* RFC 6245 §5: the HA tunnels to the PMA with GRE and the PMA-assigned key. */
static void gre_forward_key(struct tc *t)
{
	uint32_t pk, hk;
	const struct tc_rx *r;
	struct tun_pkt tp;
	struct mip_err e;

	if (!hc_need_data(t) || !(r = gre_bind(t, &pk, &hk)))
		return;
	r = hc_home_to(t, r->m.hoa, HC_DELIVER);
	if (!tc_check_true(t, "tunnelled packet", "one to PMA1", r, "none"))
		return;
	if (tun_decap(r->pkt.buf, r->pkt.len, &tp, &e) < 0) {
		tc_fail(t, "tunnelled packet", "a valid GRE packet", "%s", e.detail);
		return;
	}
	if (tc_check_u(t, "outer IPv4 Protocol", TUN_GRE, tp.outer.proto) &&
	    tc_check_true(t, "GRE Key Present", "1", tp.gre.has_key, "0"))
		tc_check_x(t, "GRE Key", pk, tp.gre.key);
}

/* RFC 6245 §5: the HA accepts reverse GRE packets with the HA-assigned key. */
static void gre_reverse_key(struct tc *t)
{
	uint32_t pk, hk;
	const struct tc_rx *r;

	if (!hc_need_data(t) || !(r = gre_bind(t, &pk, &hk)))
		return;
	r = hc_core_from(t, TUN_GRE, tc_node_addr(t, TC_PMA1), true, hk, r->m.hoa, HC_DELIVER);
	tc_check_true(t, "decapsulated packet on the home link", "one", r, "none");
}

/* RFC 6245 §5, RFC 2890 §2.1: a reverse GRE packet with another key is not accepted. */
static void gre_wrong_key(struct tc *t)
{
	uint32_t pk, hk;
	const struct tc_rx *r;

	if (!hc_need_data(t) || !(r = gre_bind(t, &pk, &hk)))
		return;
	r = hc_core_from(t, TUN_GRE, tc_node_addr(t, TC_PMA1), true, hk ^ 0x00ff00ffu, r->m.hoa,
			 HC_DROP);
	tc_check_true(t, "decapsulated packet on the home link", "none", !r, "%s",
		      r ? tc_summary(t, r) : "");
}

#define C(id, title, ref, lvl, pics, proc, pass, tags, reqs, fn) \
	{ id, "ha-core", CASE_ROLE_HA, title, ref, lvl, pics, proc, pass, tags, reqs, fn }

static const struct case_def defs[] = {
	C("HA-GRE-01", "a request with 48 gets 48 in the reply", "RFC 6245 §4", CASE_MUST, GRE,
	  "PMA1 sends a PRRQ with G and a GRE Key extension (48).",
	  "Code 0, and the reply carries 48 with Length 4.", "gre", NULL, gre_key_reply),
	C("HA-GRE-02", "a deregistration reply carries 48", "RFC 6245 §4.2", CASE_MUST, GRE,
	  "PMA1 registers with 48, then deregisters with 48.",
	  "The deregistration reply has code 0 and carries 48.", "gre deregistration", NULL,
	  gre_key_dereg),
	C("HA-GRE-03", "G without GRE support gets 139", "RFC 3024 §4.3.1; RFC 6245 §4",
	  CASE_MUST, "pmip !ha.gre-key", "PMA1 sends a PRRQ with the G bit set.",
	  "Code 139.", "gre", NULL, gre_unsupported),
	C("HA-GRE-04", "the HA tunnels with the PMA-assigned GRE key", "RFC 6245 §5; "
	  "RFC 5563 §4.2", CASE_MUST, GRE " ha.data-plane",
	  "PMA1 registers with key K; a home-link packet is sent to the home address.",
	  "It comes out on the core link as GRE (47) with Key K.", "gre data", "R5563-4.2-03",
	  gre_forward_key),
	C("HA-GRE-05", "reverse GRE with the HA-assigned key is accepted", "RFC 6245 §5; "
	  "RFC 5563 §4.2", CASE_MUST, GRE " ha.data-plane",
	  "PMA1 registers; it tunnels a packet from the HoA in GRE with the key of the reply.",
	  "The inner packet appears on the home link.", "gre data", NULL, gre_reverse_key),
	C("HA-GRE-06", "reverse GRE with a wrong key is refused", "RFC 6245 §5; RFC 2890 §2.1",
	  CASE_MUST, GRE " ha.data-plane",
	  "PMA1 registers; it tunnels a packet in GRE with a key the HA did not assign.",
	  "Nothing appears on the home link.", "gre data", NULL, gre_wrong_key),
};

CASE_TABLE(cases_ha_gre, defs);
