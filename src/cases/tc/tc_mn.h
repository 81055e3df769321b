/* tc_mn.h — PMA cases: the tester as the mobile device on the PMA's access link (DHCP
 * client, ARP, ping, data packets) and as the PMA's HA (replies, tunnel packets).
 *
 * The device side builds its frames over the engine's codecs (eth.h, dhcp.h, arp.h,
 * tun.h): a DHCP client of RFC 2131 §4.4.1, ARP requests of RFC 826, echo requests of RFC
 * 792.  Frames from the PMA on TC_LINK_ACCESS that a helper is not waiting for are logged
 * and dropped.  Addresses are IPv4 in host byte order.
 */
#ifndef PMIP4CT_TC_MN_H
#define PMIP4CT_TC_MN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tc.h"
#include "tun.h"

/* The k-th device's MAC (k >= 1): 02:00:00:00:01:kk. */
void tc_mn_mac(unsigned k, uint8_t mac[6]);
/* The home address the tester's HA assigns to the k-th device: PIXIT pma.hoa + k - 1. */
uint32_t tc_mn_hoa(const struct tc *t, unsigned k);
/* The NAI the DUT is expected to use for mac (PIXIT pma.nai-pattern). */
const char *tc_mn_nai(struct tc *t, const uint8_t mac[6]);
/* A message's extensions as "131 147/2 47/1 137 34" (reasons and notes). */
const char *tc_mn_exts(struct tc *t, const struct mip_msg *m);
/* "02:00:00:00:01:01" */
const char *tc_mn_macstr(struct tc *t, const uint8_t mac[6]);

/* The PICS claims item, a MAY behaviour the case then holds the PMA to: for the
 * built-in reference a default of yes counts, for a remote DUT only an explicit yes (as
 * the runner judges a CASE_MAY case).  When not claimed and the PMA does not do it, a
 * case sets none with what it observed. */
bool tc_mn_claims(const struct tc *t, const char *item);

/* The backend reaches the PMA's access link (no verdict either way). */
bool tc_mn_has_access(const struct tc *t);

/* ---- the tester as the PMA's HA ---- */

/* Wait for a registration request from the PMA at the tester's HA: NULL (fail, with
 * `what` as the field) when none or undecodable. */
const struct tc_rx *tc_mn_rrq(struct tc *t, uint64_t within_ms, const char *what);
/* Send rrp back to where rrq came from (the PMA's address and port). */
bool tc_mn_send_reply(struct tc *t, const struct tc_rx *rrq, const struct mip_msg *rrp);
/* tc_rrp_for(code, lifetime, hoa) and send it back. */
bool tc_mn_reply(struct tc *t, const struct tc_rx *rrq, uint8_t code, uint16_t lifetime,
		 uint32_t hoa);

/* ---- the tester's HA and revocation (tc_mn_rev.c) ---- */

/* The tester's HA clock for the Timestamp of its 137 and its Revocation Identifiers (RFC
 * 3543 §3.5: one clock for both): NTP seconds of the backend's clock. */
uint32_t tc_mn_ts(const struct tc *t);
/* A registration revocation from the tester's HA (RFC 3543 §3.3): A = 1, HoA, Home
 * Domain Address = the tester's HA, Foreign Domain Address = the PMA, FA-HA last. */
void tc_mn_revocation(struct tc *t, struct mip_msg *m, uint32_t hoa, uint32_t revid);
/* A Revocation Identifier (RFC 3543 §3.3: the revoker's 4-byte timestamp), strictly
 * greater than any before in the case. */
uint32_t tc_mn_revid(struct tc *t);

/* ---- a device on the access link ---- */

struct tc_mn {
	unsigned k;
	uint8_t mac[6];
	uint8_t pma_mac[6];       /* the PMA's MAC, from its DHCP answer (else broadcast) */
	uint32_t hoa;             /* the address the tester's HA assigned */
	uint32_t gateway;         /* PIXIT pma.gateway, or the router the DHCP answer named */
	const struct tc_rx *rrq;  /* the PMA's initial request */
	uint64_t sent_ms;         /* when that request arrived */
	uint16_t lifetime;        /* what the tester's HA granted */
	uint32_t gre_pma, gre_ha; /* GRE keys of the PRRQ's and the PRRP's 48 (0: none) */
	uint32_t rev_ts;          /* the Timestamp of the PRRP's 137 (0: none) */
	bool dhcp;                /* the device got its address by DHCP */
};

/* Preamble: attach device k (tc_attach), expect the PMA's request, accept it with code 0,
 * `lifetime` (0 = what the PMA asked) and tc_mn_hoa(k), and with an access link finish
 * the DHCP exchange (OFFER, REQUEST, ACK).  Anything going wrong is inconc. */
bool tc_mn_up(struct tc *t, struct tc_mn *mn, unsigned k, uint16_t lifetime);
/* The same, with the reply changed as the TC_MN_* flags say. */
#define TC_MN_NO_GRE 1u        /* no GRE key (48), even if asked for one */
#define TC_MN_NO_137 2u        /* no 137: revocation not negotiated (RFC 3543 §4.2.1) */
#define TC_MN_137_UNCOVERED 4u /* 137 after the authenticator, unprotected (§3.2) */
#define TC_MN_137_I 8u         /* 137 with I = 1: the I bit negotiated if the PMA's had it */
bool tc_mn_up_with(struct tc *t, struct tc_mn *mn, unsigned k, uint16_t lifetime,
		   unsigned flags);
/* Preamble of a case that watches the PMA deregister a device that leaves: tc_mn_up, but
 * with PICS pma.revoke the reply carries no 137, so the PMA deregisters rather than
 * revoking (RFC 3543 §4.2.1). */
bool tc_mn_up_for_detach(struct tc *t, struct tc_mn *mn, unsigned k);
/* Preamble (tc_mn_rev.c): device 1 up (tc_mn_up_with, flags) and a valid Revocation of its binding in
 * rev (tc_mn_revocation with a fresh Identifier), not yet sent. */
bool tc_mn_up_rev(struct tc *t, struct tc_mn *mn, unsigned flags, struct mip_msg *rev);
/* A positive control against a remote PMA (DESIGN.md §4 "Liveness"): device
 * TC_MN_CONTROL_K attaches (tc_attach: the access link or the PIXIT hook), the PMA's
 * request must come within PIXIT reply-ms; the tester's HA accepts it, the device detaches
 * and what the PMA then sends (deregistration, revocation) is answered.  It judges nothing
 * and leaves the case's verdict as it was: true when the request came. */
#define TC_MN_CONTROL_K 15
/* The postamble against a remote PMA (from tc_postamble): every device the case attached
 * detaches (tc_detach), and the PMA's deregistrations and revocations are answered, so
 * that the next case finds the PMA with no binding. */
void tc_mn_postamble(struct tc *t);
bool tc_mn_control(struct tc *t);
/* Whether the tester can make a device attach to the PMA (access link or hook). */
bool tc_mn_can_attach(const struct tc *t);
/* Attach device k and expect the PMA's initial request (none is a fail): mn is filled
 * as far as it goes (no reply is sent). */
const struct tc_rx *tc_mn_attach(struct tc *t, struct tc_mn *mn, unsigned k);

/* A parsed DHCP server message. */
struct tc_dhcp {
	uint8_t type;              /* option 53 */
	uint32_t xid, yiaddr, server_id, router, mask, lease;
	uint8_t src[6], dst[6];    /* Ethernet */
	uint32_t ip_src, ip_dst;
};

/* Send a client message (RFC 2131 §4.4.1 table 5): options 53, 50 (requested, when not
 * 0), 54 (server, when not 0), 55, End; from ciaddr (0 = 0.0.0.0) to the server when
 * ciaddr is set, else broadcast. */
bool tc_mn_dhcp_send(struct tc *t, const uint8_t mac[6], uint8_t type, uint32_t xid,
		     uint32_t ciaddr, uint32_t requested, uint32_t server);
/* Parse a server message in a frame: false when it is not one. */
bool tc_mn_dhcp_parse(const uint8_t *frame, size_t len, struct tc_dhcp *d);
/* Wait for a server message of `type` (-1 any) for mac: true with *d filled, or false
 * (none, no verdict).  Every server message seen is remembered as mac's lease. */
bool tc_mn_dhcp_recv(struct tc *t, const uint8_t mac[6], int type, uint64_t within_ms,
		     struct tc_dhcp *d);
/* The same, and none in time is a fail "<what>: expected within N ms, got nothing". */
bool tc_mn_dhcp_expect(struct tc *t, const uint8_t mac[6], int type, uint64_t within_ms,
		       const char *what, struct tc_dhcp *d);
/* Release mac's address (DHCPRELEASE, RFC 2131 §4.4.6) with ciaddr addr. */
bool tc_mn_release(struct tc *t, const uint8_t mac[6], uint32_t addr);

/* ARP "who-has tpa tell spa" from mac (RFC 826); wait for "tpa is-at X" to mac: true
 * with X in sha (may be NULL), false when none came. */
bool tc_mn_arp_send(struct tc *t, const uint8_t mac[6], uint32_t spa, uint32_t tpa);
bool tc_mn_arp_recv(struct tc *t, const uint8_t mac[6], uint32_t tpa, uint64_t within_ms,
		    uint8_t sha[6]);

/* An echo request (RFC 792) from the device to dst with this TTL; the reply from dst
 * with the same identifier and sequence: true when it came. */
bool tc_mn_ping_send(struct tc *t, const struct tc_mn *mn, uint32_t dst, uint8_t ttl,
		     uint16_t seq);
bool tc_mn_ping_recv(struct tc *t, const struct tc_mn *mn, uint32_t from, uint16_t seq,
		     uint64_t within_ms);

/* An IPv4/UDP packet src -> dst (port 9, payload tag) into out: its length, 0 when cap
 * is short. */
size_t tc_mn_udp_pkt(uint8_t *out, size_t cap, uint32_t src, uint32_t dst, uint16_t ip_id,
		     const char *tag);
/* Send an IPv4 packet from the device in a frame to the PMA. */
bool tc_mn_ip_send(struct tc *t, const struct tc_mn *mn, const uint8_t *ip, size_t len);
/* A packet of the tunnel from the PMA (TC_LINK_CORE), or NULL (fail: none, or not a
 * tunnel packet) with *tp decapsulated. */
const struct tc_rx *tc_mn_core(struct tc *t, uint64_t within_ms, const char *what,
			       struct tun_pkt *tp);
/* Wait for a frame to mac carrying an IPv4 packet whose bytes equal ip[0..len): true. */
bool tc_mn_ip_recv(struct tc *t, const uint8_t mac[6], const uint8_t *ip, size_t len,
		   uint64_t within_ms);

#endif
