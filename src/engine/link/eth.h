/* eth.h — Ethernet II frames for the access link: parse and build, no I/O.
 *
 * IEEE 802.3 Ethernet II framing (RFC 894 for IPv4, RFC 826 for ARP); one IEEE 802.1Q
 * tag is tolerated on receipt and reported.  RFC 5563 §6: the PMA's access link.
 * Pure in the codec's sense: bytes in, struct out; errors say truncated or invalid,
 * the byte offset and the field.  Frames carry no FCS.
 */
#ifndef PMIP4CT_ETH_H
#define PMIP4CT_ETH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mip.h"
#include "wire.h"

#define ETH_ALEN 6
#define ETH_HLEN 14       /* dst, src, EtherType */
#define ETH_ZLEN 60       /* shortest frame without FCS: eth_build pads to it */
#define ETH_TYPE_MIN 0x0600 /* below: an IEEE 802.3 Length, not an EtherType */
#define ETH_P_IP 0x0800
#define ETH_P_ARP 0x0806
#define ETH_P_8021Q 0x8100

extern const uint8_t eth_bcast[ETH_ALEN]; /* ff:ff:ff:ff:ff:ff */

/* A parsed frame; payload points into the caller's buffer and runs to its end
 * (link-layer padding included: the payload's own length field trims it). */
struct eth_frame {
	uint8_t dst[ETH_ALEN];
	uint8_t src[ETH_ALEN];
	bool tagged;          /* an 802.1Q tag was present */
	uint16_t tci;         /* its PCP, DEI and VLAN ID */
	uint16_t type;        /* the EtherType after any tag */
	const uint8_t *payload;
	size_t payload_off;   /* offset of the payload in the frame */
	size_t payload_len;
};

/* Parse an Ethernet II frame, with at most one 802.1Q tag.  An IEEE 802.3 Length in
 * place of the EtherType, or a second tag, is invalid. */
int eth_parse(const uint8_t *p, size_t len, struct eth_frame *f, struct mip_err *e);

/* Write the 14-byte header (no tag). */
void eth_write_hdr(struct wr *w, const uint8_t dst[ETH_ALEN], const uint8_t src[ETH_ALEN],
		   uint16_t type);

/* Build a frame around n payload bytes, zero-padded to ETH_ZLEN.  MIP_EFULL when cap is
 * short. */
int eth_build(const uint8_t dst[ETH_ALEN], const uint8_t src[ETH_ALEN], uint16_t type,
	      const uint8_t *payload, size_t n, uint8_t *out, size_t cap, size_t *out_len,
	      struct mip_err *e);

/* Pad a frame being written to ETH_ZLEN with zeros. */
void eth_pad(struct wr *w, size_t frame_start);

#endif
