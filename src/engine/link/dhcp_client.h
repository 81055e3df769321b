/* dhcp_client.h — DHCP from the client's side, for emulated mobile devices on a PMA's
 * access link (the traffic generator against a PMA, issue #16): client messages out,
 * server messages in; no I/O.
 *
 * RFC 2131 §4.4.1 (DISCOVER), §4.3.2 and §4.4.1 (REQUEST in SELECTING: options 50 and 54,
 * ciaddr 0), §4.4.5 (REQUEST in RENEWING: ciaddr, unicast to the server, no 50 or 54;
 * T1 and T2), §4.4.6 (RELEASE: ciaddr, option 54), Table 5 (fields and options of client
 * messages); RFC 2132 §9.6 (message types); RFC 768 (UDP and its checksum).  The server
 * side (client messages in, replies out) is dhcp.h, whose constants these share.
 * Addresses are IPv4 in host byte order.
 */
#ifndef PMIP4CT_DHCP_CLIENT_H
#define PMIP4CT_DHCP_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "dhcp.h"

/* A client message to send. */
struct dhcp_client_req {
	uint8_t type;             /* DHCP_DISCOVER, DHCP_REQUEST or DHCP_RELEASE */
	uint32_t xid;
	uint8_t mac[ETH_ALEN];    /* chaddr, and the frame's source */
	uint32_t ciaddr;          /* RENEWING, REBINDING, RELEASE: the leased address (also the
				   * IPv4 source); 0 otherwise */
	uint32_t requested;       /* option 50 (SELECTING, INIT-REBOOT); 0 = none */
	uint32_t server_id;       /* option 54 (SELECTING, RELEASE); 0 = none */
	uint32_t ip_dst;          /* 0 = 255.255.255.255 */
	const uint8_t *dst_mac;   /* NULL = ff:ff:ff:ff:ff:ff */
};

/* The frame: Ethernet, IPv4 (TTL 64), UDP 68 -> 67 with its checksum, the BOOTREQUEST
 * padded to DHCP_MIN_LEN with options 53, 50, 54 and, but in a RELEASE, 55 (mask, router,
 * DNS, lease).  MIP_EINVAL for another type, MIP_EFULL when cap is short. */
int dhcp_client_frame_build(const struct dhcp_client_req *q, uint8_t *out, size_t cap,
			    size_t *out_len, struct mip_err *e);

/* A server message, as a client reads it. */
struct dhcp_server_msg {
	uint8_t src_mac[ETH_ALEN], dst_mac[ETH_ALEN];
	uint32_t ip_src, ip_dst;
	uint8_t type;             /* DHCP_OFFER, DHCP_ACK or DHCP_NAK */
	uint32_t xid;
	uint32_t yiaddr;
	uint8_t chaddr[ETH_ALEN];
	uint32_t server_id;       /* 54; 0 = absent */
	uint32_t lease, t1, t2;   /* 51, 58, 59; 0 = absent */
	uint32_t mask, router;    /* 1, 3 (the first router); 0 = absent */
};

/* Read a frame as a server message: 1 when it is one (IPv4, not a fragment, UDP 67 -> 68
 * with a right checksum or none, BOOTREPLY for Ethernet, the magic cookie, option 53
 * OFFER, ACK or NAK); 0 when the frame is other traffic (not IPv4 UDP 67 -> 68); -1 when
 * it claims to be one and is truncated or invalid (e names the field and offset). */
int dhcp_server_frame_parse(const uint8_t *p, size_t len, struct dhcp_server_msg *m,
			    struct mip_err *e);

#endif
