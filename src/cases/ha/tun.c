/* ha/tun.c — HA-TUN, the IP-in-IP tunnel: RFC 5563 §4.2; RFC 3024 §4.3.2; RFC 2003 §3.1. */
/* Forward (RFC 5944 §4.2.3) and reverse (RFC 3024) tunnelling.  The tester plays the PMA
 * end of the tunnel on the core link and the correspondent node on the home link. */
#include "peer.h"
#include "tun.h"

#define DATA_IPIP "pmip ha.data-plane ha.reverse-tunnel"

/* An IP-in-IP binding via PMA1 (flags as given): the reply, or NULL. */
static const struct tc_rx *ipip_bind(struct tc *t, uint8_t clear_flags)
{
	struct mip_msg m;

	hc_prrq_ipip(t, &m, TC_PMA1, tc_nai(t, 1));
	m.flags &= (uint8_t)~clear_flags;
	return hc_register_msg(t, TC_PMA1, &m, "IP-in-IP registration");
}

/* The packet on the home link is the probe from hoa to the correspondent. */
static void check_inner(struct tc *t, const struct tc_rx *r, uint32_t hoa)
{
	if (tc_check_true(t, "decapsulated packet on the home link", "one", r, "none") &&
	    tc_check_addr(t, "inner IPv4 Source", hoa, hc_ip_src(r)))
		tc_check_addr(t, "inner IPv4 Destination", hc_cn(t), hc_ip_dst(r));
}

/* RFC 5563 §4.2, RFC 3024 §4.3.2: a packet reverse-tunnelled (IP-in-IP) from the care-of
 * address is decapsulated and sent on to the home network. */
static void tun_reverse(struct tc *t)
{
	const struct tc_rx *r;
	uint32_t hoa;

	if (!hc_need_data(t) || !(r = ipip_bind(t, 0)))
		return;
	hoa = r->m.hoa;
	r = hc_core_from(t, TUN_IPIP, tc_node_addr(t, TC_PMA1), false, 0, hoa, HC_DELIVER);
	check_inner(t, r, hoa);
}

/* RFC 5563 §4.2, RFC 5944 §4.2.3, RFC 2003 §3.1: a home-link packet for the home address
 * is tunnelled IP-in-IP (protocol 4, GRE not negotiated) from the HA to the care-of
 * address. */
static void tun_forward(struct tc *t)
{
	const struct tc_rx *r;

	if (!hc_need_data(t) || !(r = ipip_bind(t, 0)))
		return;
	r = hc_home_to(t, r->m.hoa, HC_DELIVER);
	if (!tc_check_true(t, "tunnelled packet", "one to PMA1", r, "none"))
		return;
	if (tc_check_u(t, "outer IPv4 Protocol", TUN_IPIP, hc_ip_proto(r)) &&
	    tc_check_addr(t, "outer IPv4 Source", hc_ha_addr(t), hc_ip_src(r)))
		tc_check_addr(t, "outer IPv4 Destination", tc_node_addr(t, TC_PMA1), hc_ip_dst(r));
}

/* RFC 3024 §4.3.2: a tunnelled packet whose outer source is not the care-of address is
 * discarded. */
static void tun_wrong_src(struct tc *t)
{
	const struct tc_rx *r;

	if (!hc_need_data(t) || !(r = ipip_bind(t, 0)))
		return;
	r = hc_core_from(t, TUN_IPIP, tc_node_addr(t, TC_PMA2), false, 0, r->m.hoa, HC_DROP);
	tc_check_true(t, "decapsulated packet on the home link", "none", !r, "%s",
		      r ? tc_summary(t, r) : "");
}

/* RFC 5563 §4.2: the PMIPv4 tunnel is bidirectional; reverse tunnelling does not need
 * the T bit of a proxy registration. */
static void tun_reverse_no_t(struct tc *t)
{
	const struct tc_rx *r;
	uint32_t hoa;

	if (!hc_need_data(t) || !(r = ipip_bind(t, MIP_F_T)))
		return;
	hoa = r->m.hoa;
	r = hc_core_from(t, TUN_IPIP, tc_node_addr(t, TC_PMA1), false, 0, hoa, HC_DELIVER);
	check_inner(t, r, hoa);
}

/* RFC 5563 §4.2.3 (forwarded as in §4.2.1), RFC 5944 §4.2.3: a packet one device of PMA1
 * sends to another device of PMA1 goes through the HA, which tunnels it, as any packet
 * for a registered home address, back to that device's care-of address. */
static void tun_relay(struct tc *t)
{
	const struct tc_rx *r;
	uint8_t ip[256], out[512];
	uint32_t hoa1, hoa2;
	struct mip_msg m;
	size_t n, len;

	if (!hc_need_data(t) || !(r = ipip_bind(t, 0)))
		return;
	hoa1 = r->m.hoa;
	hc_prrq_ipip(t, &m, TC_PMA1, tc_nai(t, 2));
	if (!(r = hc_register_msg(t, TC_PMA1, &m, "second device's registration")))
		return;
	hoa2 = r->m.hoa;
	n = hc_ip_udp(ip, sizeof ip, hoa1, hoa2, 0x4c03);
	len = hc_tunnel(out, sizeof out, TUN_IPIP, tc_node_addr(t, TC_PMA1), hc_ha_addr(t),
			false, 0, ip, n);
	if (!len || !tc_send_pkt(t, TC_LINK_CORE, out, len))
		return;
	r = tc_recv(t, TC_ON(TC_LINK_CORE), hc_reply_ms(t));
	if (!tc_check_true(t, "relayed packet", "one to PMA1", r, "none"))
		return;
	if (tc_check_u(t, "outer IPv4 Protocol", TUN_IPIP, hc_ip_proto(r)) &&
	    tc_check_addr(t, "outer IPv4 Destination", tc_node_addr(t, TC_PMA1), hc_ip_dst(r)) &&
	    tc_check_true(t, "inner packet", "one", r->pkt.len >= 2 * TUN_IP4_LEN, "truncated"))
		tc_check_addr(t, "inner IPv4 Destination", hoa2,
			      (uint32_t)r->pkt.buf[36] << 24 | (uint32_t)r->pkt.buf[37] << 16 |
				      (uint32_t)r->pkt.buf[38] << 8 | r->pkt.buf[39]);
}

#define C(id, title, ref, lvl, pics, proc, pass, tags, reqs, fn) \
	{ id, "ha-core", CASE_ROLE_HA, title, ref, lvl, pics, proc, pass, tags, reqs, fn }

static const struct case_def defs[] = {
	C("HA-TUN-01", "a reverse-tunnelled packet reaches the home network",
	  "RFC 5563 §4.2; RFC 3024 §4.3.2", CASE_MUST, DATA_IPIP,
	  "PMA1 registers without GRE; it tunnels (IP-in-IP) a packet from the HoA.",
	  "The inner packet, HoA to the correspondent, appears on the home link.", "data",
	  NULL, tun_reverse),
	C("HA-TUN-02", "a home-link packet is tunnelled IP-in-IP to the care-of address",
	  "RFC 5563 §4.2; RFC 5944 §4.2.3; RFC 2003 §3.1", CASE_MUST, "pmip ha.data-plane",
	  "PMA1 registers without GRE; a home-link packet is sent to the HoA.",
	  "It comes out on the core link as protocol 4 from the HA to PMA1.", "data",
	  "R5563-4.2-03", tun_forward),
	C("HA-TUN-03", "a tunnelled packet from a wrong outer source is refused",
	  "RFC 3024 §4.3.2", CASE_MUST, DATA_IPIP,
	  "PMA1 registers without GRE; the tester tunnels a packet from the HoA with PMA2's "
	  "address as outer source.", "Nothing appears on the home link.", "data", NULL,
	  tun_wrong_src),
	C("HA-TUN-04", "a proxy binding without T is still reverse-tunnelled", "RFC 5563 §4.2",
	  CASE_MUST, "pmip ha.data-plane",
	  "PMA1 registers without GRE and without T; it tunnels a packet from the HoA.",
	  "The inner packet appears on the home link.", "data reverse-tunnel", NULL,
	  tun_reverse_no_t),
	C("HA-TUN-05", "a packet between two devices of one PMA is tunnelled back to it",
	  "RFC 5563 §4.2.3; RFC 5944 §4.2.3", CASE_MUST, DATA_IPIP,
	  "PMA1 registers two devices without GRE; it tunnels a packet from the first HoA to "
	  "the second.",
	  "It comes back on the core link as protocol 4 to PMA1, inner destination the second "
	  "HoA.", "data", NULL, tun_relay),
};

CASE_TABLE(cases_ha_tun, defs);
