/* dhcp.h — DHCP for the access link: client messages in, server replies out; no I/O.
 *
 * RFC 2131 §2 (message format), §3 (protocol), §4.1 (where a server sends its reply),
 * §4.3 (server behaviour), §4.4.5 (T1 and T2 defaults), Table 3 (fields and options of
 * a reply); RFC 2132 §3-§9 (the options used here); RFC 768 (UDP and its checksum).
 * RFC 5563 §6.3: the PMA is the DHCP server (or relay) the mobile device sees on its
 * home link.  Addresses are IPv4 in host byte order.  Relays (giaddr), option overload
 * and long options split over several instances (RFC 3396) are not supported.
 */
#ifndef PMIP4CT_DHCP_H
#define PMIP4CT_DHCP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eth.h"
#include "mip.h"
#include "tun.h"

#define DHCP_SERVER_PORT 67
#define DHCP_CLIENT_PORT 68
#define DHCP_FIXED_LEN 236     /* op .. file */
#define DHCP_OPT_OFF 240       /* after the magic cookie */
#define DHCP_MIN_LEN 300       /* the BOOTP minimum a reply is padded to */
#define DHCP_MAGIC 0x63825363u /* 99.130.83.99 */
#define DHCP_FLAG_BROADCAST 0x8000
#define DHCP_CHADDR_LEN 16
#define DHCP_DNS_MAX 63        /* 4-byte addresses in a 255-byte option */
#define DHCP_LEASE_INFINITE 0xffffffffu
#define DHCP_UDP_LEN 8
#define DHCP_HTYPE_ETHER 1

enum dhcp_op { DHCP_BOOTREQUEST = 1, DHCP_BOOTREPLY = 2 };

/* Option 53 (RFC 2132 §9.6). */
enum dhcp_type {
	DHCP_DISCOVER = 1,
	DHCP_OFFER = 2,
	DHCP_REQUEST = 3,
	DHCP_DECLINE = 4,
	DHCP_ACK = 5,
	DHCP_NAK = 6,
	DHCP_RELEASE = 7,
	DHCP_INFORM = 8,
};

enum dhcp_opt {
	DHCP_OPT_PAD = 0,
	DHCP_OPT_SUBNET_MASK = 1,
	DHCP_OPT_ROUTER = 3,
	DHCP_OPT_DNS = 6,
	DHCP_OPT_HOSTNAME = 12,
	DHCP_OPT_REQUESTED_IP = 50,
	DHCP_OPT_LEASE = 51,
	DHCP_OPT_OVERLOAD = 52,
	DHCP_OPT_MSG_TYPE = 53,
	DHCP_OPT_SERVER_ID = 54,
	DHCP_OPT_PARAMS = 55,
	DHCP_OPT_T1 = 58,
	DHCP_OPT_T2 = 59,
	DHCP_OPT_CLIENT_ID = 61,
	DHCP_OPT_END = 255,
};

/* A parsed client message; byte strings point into the caller's buffer. */
struct dhcp_msg {
	uint8_t op, htype, hlen, hops;
	uint32_t xid;
	uint16_t secs, flags;
	uint32_t ciaddr, yiaddr, siaddr, giaddr;
	uint8_t chaddr[DHCP_CHADDR_LEN];
	uint8_t type;              /* option 53: enum dhcp_type */
	bool has_requested_ip, has_server_id, has_lease;
	uint32_t requested_ip;     /* 50 */
	uint32_t server_id;        /* 54 */
	uint32_t lease;            /* 51 */
	const uint8_t *params;     /* 55 */
	const uint8_t *client_id;  /* 61 */
	const uint8_t *hostname;   /* 12, not NUL-terminated */
	uint8_t params_len, client_id_len, hostname_len;
};

/* What the server answers. */
struct dhcp_reply {
	uint8_t type;          /* DHCP_OFFER, DHCP_ACK or DHCP_NAK */
	uint32_t yiaddr;       /* the assigned home address */
	uint32_t server_id;    /* 54: the gateway address the PMA presents; also the source */
	uint32_t lease;        /* 51, seconds */
	uint32_t t1, t2;       /* 58, 59; 0 = lease x 0.5 and x 0.875 (RFC 2131 §4.4.5) */
	uint32_t mask;         /* 1, when not 0 */
	uint32_t router;       /* 3, when not 0 */
	const uint32_t *dns;   /* 6, when n_dns > 0 */
	size_t n_dns;
};

/* A client message found in an Ethernet frame. */
struct dhcp_frame {
	struct eth_frame eth;
	struct tun_ip4 ip;
	uint16_t sport, dport, ulen, ucsum;
	struct dhcp_msg msg;
};

/* Parse a client message (a UDP payload): op 1, htype 1, hlen 6, the magic cookie,
 * options up to End, option 53 with a client's type.  A Length running past the end is
 * truncated, a Length the option does not allow is invalid, both naming the option and
 * its offset; option 52 (overload) and a repeated option are refused as invalid. */
int dhcp_parse(const uint8_t *p, size_t len, struct dhcp_msg *m, struct mip_err *e);

/* Build the reply r to req (RFC 2131 Table 3): op 2, xid, flags, giaddr and chaddr
 * copied; yiaddr r->yiaddr (0 for NAK and for an ACK to INFORM); options 53, 54, and for
 * OFFER/ACK 51, 58, 59 (not to INFORM), 1, 3, 6; End; padded to DHCP_MIN_LEN. */
int dhcp_reply_build(const struct dhcp_msg *req, const struct dhcp_reply *r, uint8_t *out,
		     size_t cap, size_t *out_len, struct mip_err *e);

/* Where the reply goes (RFC 2131 §4.1, giaddr 0): NAK to broadcast; ciaddr set: unicast
 * to ciaddr; broadcast bit: to 255.255.255.255 and ff:ff:ff:ff:ff:ff; else unicast to
 * yiaddr at chaddr. */
void dhcp_reply_dest(const struct dhcp_msg *req, const struct dhcp_reply *r, uint32_t *ip,
		     uint8_t mac[ETH_ALEN]);

/* The reply in UDP 67 -> 68, IPv4 (source r->server_id, TTL 64) and Ethernet (source
 * mac), addressed by dhcp_reply_dest, UDP checksum computed. */
int dhcp_frame_build(const struct dhcp_msg *req, const struct dhcp_reply *r,
		     const uint8_t mac[ETH_ALEN], uint8_t *out, size_t cap, size_t *out_len,
		     struct mip_err *e);

/* The Ethernet, IPv4 and UDP headers (DHCP_FRAME_HDRS bytes) in front of the n-byte DHCP
 * message already at out + DHCP_FRAME_HDRS, for either side: ip gives the addresses, TTL
 * and Identification (Total Length and Protocol are set here), the UDP checksum is
 * computed. */
#define DHCP_FRAME_HDRS (ETH_HLEN + TUN_IP4_LEN + DHCP_UDP_LEN)
void dhcp_frame_hdrs(uint8_t *out, const uint8_t dst[ETH_ALEN], const uint8_t src[ETH_ALEN],
		     struct tun_ip4 *ip, uint16_t sport, uint16_t dport, size_t n);

/* Find a client message in an Ethernet frame: IPv4, not a fragment, UDP 68 -> 67 with
 * a right checksum (or none).  Offsets are from the start of the frame. */
int dhcp_frame_parse(const uint8_t *p, size_t len, struct dhcp_frame *f, struct mip_err *e);

/* The Internet checksum of n bytes of UDP header and data with their IPv4 pseudo-header
 * (RFC 768): the value to store in a zeroed field (a sender writes 0 as 0xffff); 0 over
 * a segment whose checksum is right. */
uint16_t dhcp_udp_csum(uint32_t src, uint32_t dst, const uint8_t *udp, size_t n);

#endif
