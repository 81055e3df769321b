/* arp.h — ARP for IPv4 over Ethernet: parse, answer, announce; no I/O.
 *
 * RFC 826 (packet format, reply generation), RFC 5227 §2.3 (ARP Announcement: the
 * gratuitous ARP), RFC 5563 §6.1 (the PMA answers for the default gateway and the other
 * addresses the mobile device resolves with its own MAC: which targets is the caller's
 * decision, not this codec's).  Addresses are IPv4 in host byte order.
 */
#ifndef PMIP4CT_ARP_H
#define PMIP4CT_ARP_H

#include <stddef.h>
#include <stdint.h>

#include "eth.h"
#include "mip.h"

#define ARP_LEN 28           /* the packet for IPv4 over Ethernet */
#define ARP_HRD_ETHER 1      /* ar$hrd */
#define ARP_PRO_IP 0x0800    /* ar$pro */

enum arp_op {
	ARP_REQUEST = 1,
	ARP_REPLY = 2,
};

struct arp_pkt {
	uint16_t hrd, pro;   /* 1, 0x0800 */
	uint8_t hln, pln;    /* 6, 4 */
	uint16_t op;         /* enum arp_op */
	uint8_t sha[ETH_ALEN];
	uint32_t spa;
	uint8_t tha[ETH_ALEN];
	uint32_t tpa;
};

/* Parse an ARP packet (an Ethernet payload: bytes past the 28 are padding).  Hardware
 * type, protocol type, lengths other than Ethernet/IPv4, or an opcode other than request
 * or reply, are invalid, naming the field. */
int arp_parse(const uint8_t *p, size_t len, struct arp_pkt *a, struct mip_err *e);

/* Write the 28-byte packet. */
void arp_write(struct wr *w, const struct arp_pkt *a);

/* Answer "who-has T tell S" with the frame "T is-at mac" sent to S (RFC 826, "Packet
 * Reception").  A request is required: anything else is invalid.  The frame is padded
 * to ETH_ZLEN; MIP_EFULL when cap is short. */
int arp_reply(const struct arp_pkt *req, const uint8_t mac[ETH_ALEN], uint8_t *out,
	      size_t cap, size_t *out_len, struct mip_err *e);

/* Who has tpa? asked by spa at mac: a broadcast request (RFC 826), padded to ETH_ZLEN. */
int arp_request(const uint8_t mac[ETH_ALEN], uint32_t spa, uint32_t tpa, uint8_t *out,
		size_t cap, size_t *out_len, struct mip_err *e);

/* A gratuitous ARP for ip at mac: a broadcast request with sender and target protocol
 * address both ip and a zero target hardware address (RFC 5227 §2.3). */
int arp_gratuitous(const uint8_t mac[ETH_ALEN], uint32_t ip, uint8_t *out, size_t cap,
		   size_t *out_len, struct mip_err *e);

#endif
