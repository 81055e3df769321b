/* cases_pma_link.c — PMA cases: the device's "appearance of being at home" on the access
 * link (RFC 5563 §4.1.1 step 5, §6.1 ARP, §6.2 ICMP, §6.3 DHCP) and the PMA-HA tunnel
 * (RFC 5563 §4.2.1, §4.2.3; RFC 2003; RFC 6245 §5).  The tester is the mobile device on
 * the access link and the HA at the core end of the tunnel. */
#include <string.h>

#include "dhcp.h"
#include "eth.h"
#include "icmp.h"
#include "tc_mn.h"

static uint32_t pma_addr(const struct tc *t)
{
	uint32_t a;
	uint16_t port;

	params_endpoint(tc_params(t), "pma", &a, &port);
	return a;
}

/* RFC 5563 §4.1.1 step 5: the DHCP server answers only once PMIPv4 signalling completed. */
static void link_offer_after(struct tc *t)
{
	struct tc_mn mn;
	const struct tc_rx *r;
	struct tc_dhcp d;
	uint64_t quiet = params_ms(tc_params(t), "silence-ms");

	if (!tc_need(t, TC_CAP(TC_LINK_ACCESS)) || !(r = tc_mn_attach(t, &mn, 1)))
		return;
	if (tc_mn_dhcp_recv(t, mn.mac, DHCP_OFFER, quiet, &d)) {
		tc_fail(t, "DHCPOFFER before the PRRP", "none", "one offering %u.%u.%u.%u",
			d.yiaddr >> 24, d.yiaddr >> 16 & 255, d.yiaddr >> 8 & 255, d.yiaddr & 255);
		return;
	}
	if (tc_mn_reply(t, r, 0, r->m.lifetime, mn.hoa) &&
	    tc_mn_dhcp_expect(t, mn.mac, DHCP_OFFER, params_ms(tc_params(t), "reply-ms"),
			      "DHCPOFFER after the PRRP", &d))
		tc_pass(t);
}

/* RFC 5563 §4.1.1 step 5, §6.3: the device is offered the home address the HA assigned. */
static void link_offer_hoa(struct tc *t)
{
	struct tc_mn mn;
	const struct tc_rx *r;
	struct tc_dhcp d;

	if (!tc_need(t, TC_CAP(TC_LINK_ACCESS)) || !(r = tc_mn_attach(t, &mn, 1)))
		return;
	if (tc_mn_reply(t, r, 0, r->m.lifetime, mn.hoa) &&
	    tc_mn_dhcp_expect(t, mn.mac, DHCP_OFFER, params_ms(tc_params(t), "reply-ms"),
			      "DHCPOFFER", &d))
		tc_check_addr(t, "DHCPOFFER yiaddr", mn.hoa, d.yiaddr);
}

/* RFC 5563 §6.3: a DHCPRELEASE ends the binding: the PMA deregisters. */
static void link_release(struct tc *t)
{
	struct tc_mn mn;
	const struct tc_rx *r;

	if (!tc_need(t, TC_CAP(TC_LINK_ACCESS)) || !tc_mn_up_for_detach(t, &mn, 1) ||
	    !tc_mn_release(t, mn.mac, mn.hoa))
		return;
	r = tc_mn_rrq(t, params_ms(tc_params(t), "reply-ms"), "PRRQ after the DHCPRELEASE");
	if (r)
		tc_check_u(t, "PRRQ after the DHCPRELEASE Lifetime", 0, r->m.lifetime);
}

/* RFC 5563 §6.1: the device resolves its default gateway; the PMA answers. */
static void link_arp_gateway(struct tc *t)
{
	struct tc_mn mn;
	uint8_t sha[6];

	if (!tc_need(t, TC_CAP(TC_LINK_ACCESS)) || !tc_mn_up(t, &mn, 1, 0) ||
	    !tc_mn_arp_send(t, mn.mac, mn.hoa, mn.gateway))
		return;
	tc_check_true(t, "ARP reply for the gateway", "one within reply-ms",
		      tc_mn_arp_recv(t, mn.mac, mn.gateway, params_ms(tc_params(t), "reply-ms"),
				     sha), "none");
}

/* RFC 5563 §6.1 with RFC 5227 §2.1.1: a probe for the device's own address must stay
 * unanswered, or the device sees a conflict with itself. */
static void link_arp_own(struct tc *t)
{
	struct tc_mn mn;

	if (!tc_need(t, TC_CAP(TC_LINK_ACCESS)) || !tc_mn_up(t, &mn, 1, 0) ||
	    !tc_mn_arp_send(t, mn.mac, 0, mn.hoa))
		return;
	if (tc_mn_arp_recv(t, mn.mac, mn.hoa, params_ms(tc_params(t), "silence-ms"), NULL))
		tc_fail(t, "ARP reply to a probe for the device's own address", "none",
			"one claiming it");
	else
		tc_pass(t);
}

/* RFC 5563 §6.2: the PMA MAY answer a TTL 1 echo request to the default gateway. */
static void link_ping_gateway(struct tc *t)
{
	struct tc_mn mn;

	if (!tc_need(t, TC_CAP(TC_LINK_ACCESS)) || !tc_mn_up(t, &mn, 1, 0) ||
	    !tc_mn_ping_send(t, &mn, mn.gateway, 1, 1))
		return;
	tc_check_true(t, "echo reply from the gateway", "one within reply-ms",
		      tc_mn_ping_recv(t, &mn, mn.gateway, 1, params_ms(tc_params(t), "reply-ms")),
		      "none");
}

/* RFC 5563 §4.4: an integrated PMA confirms the device is attached before it sends a
 * PRRQ: after a detach no renewal comes for it (deregistrations are answered). */
static void link_detached_not_renewed(struct tc *t)
{
	struct tc_mn mn;
	const struct tc_rx *r;
	uint64_t end;

	if (!tc_mn_up(t, &mn, 1, 0) || !tc_detach(t, mn.mac))
		return;
	end = mn.sent_ms + mn.lifetime * 1000ull;
	while (tc_now_ms(t) < end &&
	       (r = tc_recv(t, TC_SIG(MIP_RRQ, TC_HA), end - tc_now_ms(t)))) {
		if (!tc_check_true(t, "PRRQ after the detach", "Lifetime 0 (no renewal)",
				   r->decoded && r->m.lifetime == 0, "%s", tc_summary(t, r)))
			return;
		tc_mn_reply(t, r, 0, 0, mn.hoa);
	}
	tc_check_true(t, "renewal of the detached device's binding",
		      "none before its lifetime ends", true, "none");
}

/* The ICMP type of an IPv4 frame, or -1. */
static int icmp_type(const struct tc_rx *rx)
{
	struct eth_frame f;
	struct tun_ip4 h;
	struct mip_err e;

	if (eth_parse(rx->pkt.buf, rx->pkt.len, &f, &e) < 0 || f.type != ETH_P_IP ||
	    tun_ip4_parse(f.payload, f.payload_len, &h, &e) < 0 || h.proto != ICMP_PROTO ||
	    h.tot_len <= h.hlen)
		return -1;
	return f.payload[h.hlen];
}

/* RFC 5563 §7: "No agent discovery (i.e., agent solicitation and advertisement) is
 * supported": no ICMP 9 or 10 on the access link through a registration and its
 * renewal. */
static void link_no_agent_discovery(struct tc *t)
{
	struct tc_mn mn;
	const struct tc_rx *r;
	unsigned n = 0;
	int ty;

	if (!tc_need(t, TC_CAP(TC_LINK_ACCESS)) || !tc_mn_up(t, &mn, 1, 0))
		return;
	r = tc_mn_rrq(t, mn.lifetime * 1000ull, "PRRQ renewal");
	if (!r || !tc_mn_reply(t, r, 0, r->m.lifetime, mn.hoa))
		return;
	tc_wait(t, params_ms(tc_params(t), "reply-ms"));
	while ((r = tc_recv(t, TC_ON(TC_LINK_ACCESS), 0))) {
		ty = icmp_type(r);
		if (ty == 9 || ty == 10)
			tc_note(t, "ICMP %d on the access link: %s", ty, tc_summary(t, r));
		n += ty == 9 || ty == 10;
	}
	tc_check_u(t, "Agent Advertisements and Solicitations (ICMP 9, 10) on the access link",
		   0, n);
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

#define LINK(id, title, ref, lvl, pics, proc, pass, tags, reqs, fn) \
	{ id, "pma-core", CASE_ROLE_PMA, title, ref, lvl, pics, proc, pass, tags, reqs, fn }
#define UP "A device attaches with DHCP; the tester's HA accepts (HoA PIXIT pma.hoa). "

static const struct case_def defs[] = {
	LINK("PMA-LINK-01", "no DHCPOFFER before the registration completes",
	     "RFC 5563 §4.1.1", CASE_MUST, "pmip pma.dhcp",
	     "A device sends DHCPDISCOVER; the tester's HA holds its reply for PIXIT "
	     "silence-ms, then accepts.", "No DHCPOFFER before the PRRP; one after it.",
	     "dhcp registration", NULL, link_offer_after),
	LINK("PMA-LINK-02", "the DHCPOFFER carries the assigned home address",
	     "RFC 5563 §4.1.1, §6.3", CASE_MUST, "pmip pma.dhcp",
	     "A device sends DHCPDISCOVER; the tester's HA accepts with HoA PIXIT pma.hoa.",
	     "DHCPOFFER yiaddr = the HoA of the PRRP.", "dhcp hoa", NULL, link_offer_hoa),
	LINK("PMA-LINK-03", "a DHCPRELEASE deregisters", "RFC 5563 §6.3", CASE_MUST,
	     "pmip pma.dhcp", UP "The device sends DHCPRELEASE.",
	     "A PRRQ with Lifetime 0 comes.", "dhcp deregistration", NULL, link_release),
	LINK("PMA-LINK-04", "the gateway answers ARP", "RFC 5563 §6.1, §4.5", CASE_MUST,
	     "pmip pma.arp", UP "The device asks ARP for its default gateway.",
	     "An ARP reply for the gateway comes to the device.", "arp", NULL, link_arp_gateway),
	LINK("PMA-LINK-05", "a probe for the device's own address is not answered",
	     "RFC 5563 §6.1; RFC 5227 §2.1.1", CASE_SHOULD, "pmip pma.arp",
	     UP "The device sends an ARP probe for its own address (sender 0.0.0.0).",
	     "No ARP reply within PIXIT silence-ms.", "arp", NULL, link_arp_own),
	LINK("PMA-LINK-06", "the gateway answers a TTL 1 ping", "RFC 5563 §6.2", CASE_MAY,
	     "pmip pma.icmp", UP "The device sends an echo request with TTL 1 to the gateway.",
	     "An echo reply from the gateway with the same identifier and sequence comes.",
	     "icmp", "R5563-6.2-01", link_ping_gateway),
	LINK("PMA-LINK-07", "no renewal for a device that detached", "RFC 5563 §4.4",
	     CASE_MUST, "pmip",
	     "A device attaches; the tester's HA accepts and the device completes DHCP, then "
	     "detaches (DHCPRELEASE, or PIXIT pma.detach-cmd); deregistrations are accepted.",
	     "Until the granted lifetime ends, no PRRQ with a lifetime other than 0 comes.",
	     "renewal detach", "R5563-4.4-01", link_detached_not_renewed),
	LINK("PMA-LINK-08", "no agent discovery on the access link", "RFC 5563 §7", CASE_MUST,
	     "pmip", UP "The tester waits for the renewal and accepts it, then PIXIT reply-ms.",
	     "No frame on the access link from the renewal on is an ICMP Agent Advertisement "
	     "(type 9) or Solicitation (type 10).", "icmp", "R5563-7-01",
	     link_no_agent_discovery),
	LINK("PMA-TUN-01", "the device's packets are tunnelled from the PMA to the HA",
	     "RFC 5563 §4.2.1, §7", CASE_MUST, "pmip",
	     UP "The device sends a UDP packet to PIXIT pma.cn.",
	     "A tunnel packet with outer source the PMA and outer destination the HA comes.",
	     "tunnel", "R5563-4.2-01", tun_uplink_ends),
	LINK("PMA-TUN-02", "the PMA sends GRE with the HA's key", "RFC 6245 §5", CASE_MUST,
	     "pmip pma.gre-key", UP "The HA's reply carries its key (48); the device sends a "
	     "packet.", "The tunnel packet is GRE with the key of the PRRP's 48.", "tunnel gre",
	     "R5563-4.2-03", tun_uplink_key),
	LINK("PMA-TUN-03", "without a key from the HA the tunnel is IP-in-IP",
	     "RFC 6245 §4.1; RFC 2003 §3", CASE_MUST, "pmip",
	     "A device attaches; the HA accepts without extension 48; the device sends a "
	     "packet.", "The tunnel packet is IP-in-IP (outer Protocol 4).", "tunnel gre",
	     "R5563-4.2-03", tun_uplink_ipip),
	LINK("PMA-TUN-04", "device-to-device traffic goes through the HA", "RFC 5563 §4.2.3",
	     CASE_MUST, "pmip", "Two devices attach and register; device 1 sends to device 2.",
	     "The packet leaves through the tunnel to the HA.", "tunnel",
	     "R5563-4.2-04", tun_dev_to_dev),
	LINK("PMA-TUN-05", "a packet down the tunnel reaches the device", "RFC 5563 §4.2.1",
	     CASE_MUST, "pmip", UP "The HA tunnels a packet from PIXIT pma.cn to the HoA "
	     "(GRE with the PMA's key when the PRRQ had 48).",
	     "The device receives the inner packet unchanged.", "tunnel",
	     "R5563-4.2-02", tun_downlink),
	LINK("PMA-TUN-06", "a downlink packet with a wrong GRE key is dropped",
	     "RFC 6245 §5; RFC 2890 §2.1", CASE_MUST, "pmip pma.gre-key",
	     UP "The HA tunnels a packet with a key that is not the PMA's.",
	     "The device receives nothing within PIXIT silence-ms.", "tunnel gre",
	     NULL, tun_downlink_bad_key),
};

CASE_TABLE(cases_pma_link, defs);
