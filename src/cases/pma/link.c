/* pma/link.c — PMA-LINK, the device's access link: RFC 5563 §4.1.1, §4.4, §6.1-§6.3, §7. */
/* The device's "appearance of being at home": DHCP, ARP and ICMP from the PMA, no agent
 * discovery.  The tester is the mobile device on the access link and its HA. */
#include "dhcp.h"
#include "eth.h"
#include "icmp.h"
#include "tc_mn.h"
#include "txt.h"

/* RFC 5563 §4.1.1 step 5: the DHCP server answers only once PMIPv4 signalling completed. */
static void link_offer_after(struct tc *t)
{
	struct tc_mn mn;
	const struct tc_rx *r;
	struct tc_dhcp d;
	uint64_t quiet = params_ms(tc_params(t), "silence-ms");
	const struct tc_rx *again;

	if (!tc_need(t, TC_CAP(TC_LINK_ACCESS)) || !(r = tc_mn_attach(t, &mn, 1)))
		return;
	if (tc_mn_dhcp_recv(t, mn.mac, DHCP_OFFER, quiet, &d)) {
		tc_fail(t, "DHCPOFFER before the PRRP", "none", "one offering %s",
			txt_ip4(d.yiaddr).s);
		return;
	}
	/* on the real clock the PMA may have retransmitted while the tester kept quiet: the
	 * reply answers the request still pending (RFC 5944 §3.6.2.1, §3.6.3) */
	while (tc_remote(t) && (again = tc_recv(t, TC_SIG(MIP_RRQ, TC_HA), 0)) &&
	       again->decoded)
		r = again;
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

/* RFC 5563 §6.3 ("DHCP Server in the AR"): when "the DHCP release message is received on
 * the current AR, the AR sends PMIPv4 de-registration to the HA" -- one of the methods
 * it describes, "though others may be used as well", with no keyword: a MAY, held to by
 * PICS pma.dereg-on-detach (a PMA may let the binding lapse, RFC 5944 §3.6.1.2). */
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
	LINK("PMA-LINK-03", "a DHCPRELEASE deregisters", "RFC 5563 §6.3; RFC 5944 §3.6.1.2",
	     CASE_MAY, "pmip pma.dhcp pma.dereg-on-detach", UP "The device sends DHCPRELEASE.",
	     "A PRRQ with Lifetime 0 comes within reply-ms (none when it does not and PICS "
	     "pma.dereg-on-detach does not claim it).", "dhcp deregistration", "R5563-6.3-01",
	     link_release),
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
};

CASE_TABLE(cases_pma_link, defs);
