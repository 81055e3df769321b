/* frame.h — IPv4/UDP framing of Mobile IP messages, and the reverse: finding the IPv4
 * UDP datagram inside a captured frame of any supported link type, also inside one
 * IP-in-IP or GRE tunnel.
 *
 * Building uses libnet in its build-only mode (LIBNET_NONE), which computes the IPv4
 * header checksum and the UDP checksum (RFC 768) for us.  Parsing uses the engine's
 * bounds-checked cursor (wire.h).
 */
#ifndef PMIP4CT_FRAME_H
#define PMIP4CT_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "io.h"  /* struct udp_ends */
#include "tun.h" /* enum tun_kind */

/* Build an IPv4 header + UDP header + payload into out (cap bytes).  ttl 64, DF unset,
 * IP id from `ip_id`.  Returns the frame length, or -1 with a message in err. */
int frame_build_ipv4_udp(const struct udp_ends *ends, uint16_t ip_id, const uint8_t *payload,
			 size_t len, uint8_t *out, size_t cap, char *err, size_t errlen);

/* What frame_parse found. */
struct frame_info {
	struct udp_ends ends;
	const uint8_t *payload;  /* the UDP payload (may be cut short by the capture) */
	size_t payload_len;      /* bytes of payload present in the capture */
	size_t payload_wire_len; /* bytes the UDP Length field promises */
	bool truncated;          /* the capture holds less than the datagram */
	bool fragment;           /* an IPv4 fragment (MF set or offset != 0): not decoded */
	uint16_t udp_checksum;   /* as read; 0 = none */
	bool udp_checksum_ok;    /* computed over what was captured (false if truncated) */
	size_t ip_off;           /* offset of the datagram's IPv4 header inside the frame */
	struct frame_tun {       /* the tunnel the datagram came out of, if any */
		uint8_t kind;    /* 0 = none, else TUN_IPIP or TUN_GRE */
		size_t off;      /* offset of the outer IPv4 header */
		uint32_t src, dst; /* the outer header's addresses */
		bool has_key;    /* GRE Key present (RFC 2890 §2.1) */
		uint32_t key;
	} tun;
};

enum frame_result { FRAME_UDP4 = 0, FRAME_OTHER = 1, FRAME_BAD = -1 };

/* Parse a captured frame of DLT/LINKTYPE `dlt`: EN10MB (with 802.1Q tags), LINUX_SLL,
 * LINUX_SLL2, RAW / IPV4, NULL and LOOP.  An IPv4 packet of one IP-in-IP (RFC 2003) or
 * GRE (RFC 2784, RFC 2890) layer that the tunnel codec opens (tun_decap) is looked
 * through: the datagram is the inner one, fi->tun says which tunnel; a tunnel packet it
 * cannot open (cut by the capture, an outer fragment, a bad GRE header) is FRAME_OTHER.
 * FRAME_OTHER = not IPv4 UDP (skip it); FRAME_BAD = an IPv4 UDP frame whose headers lie
 * (err says which field, which offset). */
enum frame_result frame_parse(int dlt, const uint8_t *frame, size_t caplen, size_t wirelen,
			      struct frame_info *fi, char *err, size_t errlen);

/* The network header of a captured frame of DLT `dlt` (the link types frame_parse
 * takes): 0 with *net_off its offset and *etype its EtherType (0 when a loopback or raw
 * frame holds neither IPv4 nor a known family), -1 when the frame is too short for its
 * link header, -2 for a link type not supported.  Ethernet 802.1Q / 802.1ad tags are
 * stepped over. */
int frame_net(int dlt, const uint8_t *frame, size_t caplen, size_t *net_off,
	      uint16_t *etype);

#endif
