/* pma/tun.c — PMA-TUN, the PMA-HA tunnel: RFC 5563 §4.2.1, §4.2.3; RFC 6245 §5; RFC 2003. */
/* The tester is the mobile device on the access link and the HA at the core end of the
 * tunnel. */
#include "tc_mn.h"

static uint32_t pma_addr(const struct tc *t)
{
	uint32_t a;
	uint16_t port;

	params_endpoint(tc_params(t), "pma", &a, &port);
	return a;
}

/* The device sends one UDP packet to `dst`; the tunnel packet that leaves, or NULL. */
static const struct tc_rx *uplink(struct tc *t, struct tc_mn *mn, uint32_t dst,
				  struct tun_pkt *tp)
{
	uint8_t ip[128];
	size_t n = tc_mn_udp_pkt(ip, sizeof ip, mn->hoa, dst, 0x1234, "pmip4ct uplink");

	if (!tc_mn_ip_send(t, mn, ip, n))
		return NULL;
	return tc_mn_core(t, params_ms(tc_params(t), "reply-ms"), "tunnel packet to the HA", tp);
}

/* RFC 5563 §4.2.1, §7: the device's packets go through the tunnel whose ends are the PMA
 * (the care-of address) and the HA. */
static void tun_uplink_ends(struct tc *t)
{
	struct tc_mn mn;
	struct tun_pkt tp;

	if (!tc_need(t, TC_CAP(TC_LINK_ACCESS) | TC_CAP(TC_LINK_CORE)) ||
	    !tc_mn_up(t, &mn, 1, 0) || !uplink(t, &mn, params_addr(tc_params(t), "pma.cn"), &tp))
		return;
	if (tc_check_addr(t, "tunnel outer source", pma_addr(t), tp.outer.src))
		tc_check_addr(t, "tunnel outer destination", tc_node_addr(t, TC_HA),
			      tp.outer.dst);
}

/* RFC 6245 §5: the PMA sends with the key the HA assigned. */
static void tun_uplink_key(struct tc *t)
{
	struct tc_mn mn;
	struct tun_pkt tp;

	if (!tc_need(t, TC_CAP(TC_LINK_ACCESS) | TC_CAP(TC_LINK_CORE)) ||
	    !tc_mn_up(t, &mn, 1, 0) || !uplink(t, &mn, params_addr(tc_params(t), "pma.cn"), &tp))
		return;
	if (tc_check_u(t, "tunnel encapsulation (outer Protocol)", TUN_GRE, tp.kind) &&
	    tc_check_true(t, "GRE Key Present", "1", tp.gre.has_key, "0"))
		tc_check_x(t, "GRE Key", mn.gre_ha, tp.gre.key);
}

/* RFC 6245 §4.1, RFC 5563 §4.2: no GRE key from the HA, no GRE: IP-in-IP (RFC 2003). */
static void tun_uplink_ipip(struct tc *t)
{
	struct tc_mn mn;
	struct tun_pkt tp;

	if (!tc_need(t, TC_CAP(TC_LINK_ACCESS) | TC_CAP(TC_LINK_CORE)) ||
	    !tc_mn_up_with(t, &mn, 1, 0, TC_MN_NO_GRE) ||
	    !uplink(t, &mn, params_addr(tc_params(t), "pma.cn"), &tp))
		return;
	tc_check_u(t, "tunnel encapsulation (outer Protocol)", TUN_IPIP, tp.kind);
}

/* RFC 5563 §4.2.3: traffic between two devices of one PMA also goes through the HA. */
static void tun_dev_to_dev(struct tc *t)
{
	struct tc_mn a, b;
	struct tun_pkt tp;

	if (!tc_need(t, TC_CAP(TC_LINK_ACCESS) | TC_CAP(TC_LINK_CORE)) ||
	    !tc_mn_up(t, &a, 1, 0) || !tc_mn_up(t, &b, 2, 0) || !uplink(t, &a, b.hoa, &tp))
		return;
	tc_check_addr(t, "tunnelled inner destination", b.hoa, tp.inner.dst);
}

/* A packet from the CN to the device, down the tunnel from the HA with `key`. */
static bool downlink(struct tc *t, const struct tc_mn *mn, uint32_t key, uint8_t *ip,
		     size_t *n)
{
	uint8_t out[256];
	struct tun_params tp = {
		.kind = mn->gre_ha ? TUN_GRE : TUN_IPIP, .src = tc_node_addr(t, TC_HA),
		.dst = pma_addr(t), .id = 7, .has_key = mn->gre_ha != 0, .key = key,
	};
	struct mip_err e;
	size_t len;

	*n = tc_mn_udp_pkt(ip, 128, params_addr(tc_params(t), "pma.cn"), mn->hoa, 0x4321,
			   "pmip4ct downlink");
	if (tun_encap(&tp, ip, *n, out, sizeof out, &len, &e) < 0) {
		tc_error(t, "cannot encapsulate the downlink packet");
		return false;
	}
	return tc_send_pkt(t, TC_LINK_CORE, out, len);
}

/* RFC 5563 §4.2.1: a packet the HA tunnels to the PMA reaches the device. */
static void tun_downlink(struct tc *t)
{
	struct tc_mn mn;
	uint8_t ip[128];
	size_t n;

	if (!tc_need(t, TC_CAP(TC_LINK_ACCESS) | TC_CAP(TC_LINK_CORE)) ||
	    !tc_mn_up(t, &mn, 1, 0) || !downlink(t, &mn, mn.gre_pma, ip, &n))
		return;
	tc_check_true(t, "downlink packet on the access link", "delivered to the device",
		      tc_mn_ip_recv(t, mn.mac, ip, n, params_ms(tc_params(t), "reply-ms")),
		      "nothing");
}

/* RFC 6245 §5, RFC 2890 §2.1: the PMA accepts its own key only. */
static void tun_downlink_bad_key(struct tc *t)
{
	struct tc_mn mn;
	uint8_t ip[128];
	size_t n;

	if (!tc_need(t, TC_CAP(TC_LINK_ACCESS) | TC_CAP(TC_LINK_CORE)) ||
	    !tc_mn_up(t, &mn, 1, 0))
		return;
	if (!mn.gre_ha) {
		tc_none(t, "the registration did not set up GRE");
		return;
	}
	if (!downlink(t, &mn, mn.gre_pma ^ 0x00ff0000u, ip, &n))
		return;
	if (tc_mn_ip_recv(t, mn.mac, ip, n, params_ms(tc_params(t), "silence-ms")))
		tc_fail(t, "downlink packet with another GRE key", "dropped",
			"delivered to the device");
	else
		tc_pass(t);
}

#define TUN(id, title, ref, lvl, pics, proc, pass, tags, reqs, fn) \
	{ id, "pma-core", CASE_ROLE_PMA, title, ref, lvl, pics, proc, pass, tags, reqs, fn }
#define UP "A device attaches with DHCP; the tester's HA accepts (HoA PIXIT pma.hoa). "

static const struct case_def defs[] = {
	TUN("PMA-TUN-01", "the device's packets are tunnelled from the PMA to the HA",
	    "RFC 5563 §4.2.1, §7", CASE_MUST, "pmip",
	    UP "The device sends a UDP packet to PIXIT pma.cn.",
	    "A tunnel packet with outer source the PMA and outer destination the HA comes.",
	    "tunnel", "R5563-4.2-01", tun_uplink_ends),
	TUN("PMA-TUN-02", "the PMA sends GRE with the HA's key", "RFC 6245 §5", CASE_MUST,
	    "pmip pma.gre-key", UP "The HA's reply carries its key (48); the device sends a "
	    "packet.", "The tunnel packet is GRE with the key of the PRRP's 48.", "tunnel gre",
	    "R5563-4.2-03", tun_uplink_key),
	TUN("PMA-TUN-03", "without a key from the HA the tunnel is IP-in-IP",
	    "RFC 6245 §4.1; RFC 2003 §3", CASE_MUST, "pmip",
	    "A device attaches; the HA accepts without extension 48; the device sends a "
	    "packet.", "The tunnel packet is IP-in-IP (outer Protocol 4).", "tunnel gre",
	    "R5563-4.2-03", tun_uplink_ipip),
	TUN("PMA-TUN-04", "device-to-device traffic goes through the HA", "RFC 5563 §4.2.3",
	    CASE_MUST, "pmip", "Two devices attach and register; device 1 sends to device 2.",
	    "The packet leaves through the tunnel to the HA.", "tunnel",
	    "R5563-4.2-04", tun_dev_to_dev),
	TUN("PMA-TUN-05", "a packet down the tunnel reaches the device", "RFC 5563 §4.2.1",
	    CASE_MUST, "pmip", UP "The HA tunnels a packet from PIXIT pma.cn to the HoA "
	    "(GRE with the PMA's key when the PRRQ had 48).",
	    "The device receives the inner packet unchanged.", "tunnel",
	    "R5563-4.2-02", tun_downlink),
	TUN("PMA-TUN-06", "a downlink packet with a wrong GRE key is dropped",
	    "RFC 6245 §5; RFC 2890 §2.1", CASE_MUST, "pmip pma.gre-key",
	    UP "The HA tunnels a packet with a key that is not the PMA's.",
	    "The device receives nothing within PIXIT silence-ms.", "tunnel gre",
	    NULL, tun_downlink_bad_key),
};

CASE_TABLE(cases_pma_tun, defs);
