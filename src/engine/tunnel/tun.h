/* tun.h — the tunnel codec: IPv4 headers, IP-in-IP and GRE encapsulation, no I/O.
 *
 * RFC 791 §3.1 (IPv4 header, checksum), RFC 1071 (the Internet checksum), RFC 1624
 * (incremental update), RFC 2003 §3.1 (IP-in-IP), RFC 2784 §2 (GRE), RFC 2890 §2 (GRE Key
 * and Sequence Number).  RFC 3519 UDP tunnelling and minimal encapsulation (RFC 2004)
 * are not handled here.
 *
 * Pure in the codec's sense: bytes in, struct out, or struct in, bytes out; errors say
 * truncated or invalid, the byte offset (from the start of the buffer given) and the
 * field.  Addresses are IPv4 in host byte order.
 */
#ifndef PMIP4CT_TUN_H
#define PMIP4CT_TUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mip.h"
#include "wire.h"

/* Encapsulations, by their outer IPv4 Protocol number. */
enum tun_kind {
	TUN_IPIP = 4, /* RFC 2003 */
	TUN_GRE = 47, /* RFC 2784, RFC 2890 */
};

#define TUN_IP4_LEN 20        /* an IPv4 header without options */
#define TUN_IP4_MAX 65535     /* largest Total Length */
#define TUN_TTL_DEFAULT 64    /* outer TTL when none is given */
#define TUN_GRE_PROTO_IP4 0x0800

/* IPv4 Flags and Fragment Offset, as one 16-bit word (RFC 791 §3.1). */
#define TUN_IP4_RF 0x8000      /* reserved, must be zero */
#define TUN_IP4_DF 0x4000
#define TUN_IP4_MF 0x2000
#define TUN_IP4_OFFMASK 0x1fff

/* The first 16-bit word of a GRE header (RFC 2784 §2.1, RFC 2890 §2). */
#define TUN_GRE_C 0x8000      /* Checksum Present */
#define TUN_GRE_R 0x4000      /* RFC 1701 Routing Present: bit 1 of Reserved0 */
#define TUN_GRE_K 0x2000      /* Key Present (RFC 2890) */
#define TUN_GRE_S 0x1000      /* Sequence Number Present (RFC 2890) */
#define TUN_GRE_RSV_1_5 0x0c00 /* the rest of Reserved0 bits 1-5 (RFC 1701 s, Recur) */
#define TUN_GRE_RSV_6_12 0x03f8 /* sent as zero, ignored on receipt (RFC 2784 §2.3) */
#define TUN_GRE_VER 0x0007

/* A decoded IPv4 header; also the input of tun_ip4_write. */
struct tun_ip4 {
	size_t off;        /* decode: where the header starts in the buffer */
	uint8_t hlen;      /* header length in bytes (IHL x 4); written headers have 20 */
	uint8_t tos;
	uint16_t tot_len;
	uint16_t id;
	uint16_t frag;     /* TUN_IP4_RF | DF | MF and the fragment offset */
	uint8_t ttl;
	uint8_t proto;
	uint16_t csum;     /* decode: as read; write: computed */
	uint32_t src, dst;
};

/* A decoded GRE header. */
struct tun_gre {
	size_t off;        /* where the GRE header starts */
	uint16_t flags;    /* the first word whole: C, R, K, S, Reserved0, Ver */
	uint16_t proto;
	bool has_csum, has_key, has_seq;
	uint16_t csum, reserved1;
	uint32_t key, seq;
};

/* What to wrap a packet in. */
struct tun_params {
	enum tun_kind kind;
	uint32_t src, dst;   /* tunnel entry and exit points */
	uint8_t ttl;         /* outer TTL; 0 = TUN_TTL_DEFAULT */
	uint16_t id;         /* outer Identification */
	bool forwarding;     /* the encapsulation is part of forwarding: inner TTL - 1 */
	/* GRE only: */
	bool has_key;        /* RFC 2890 §2.1 */
	uint32_t key;
	bool has_seq;        /* RFC 2890 §2.2 */
	uint32_t seq;
	bool csum;           /* RFC 2784 §2.5 */
};

/* A decapsulated packet: both headers, and the inner packet in the caller's buffer. */
struct tun_pkt {
	enum tun_kind kind;
	struct tun_ip4 outer;
	struct tun_gre gre;  /* kind == TUN_GRE */
	struct tun_ip4 inner;
	const uint8_t *inner_pkt; /* the inner packet, inner.tot_len bytes */
	size_t inner_len;
};

/* The Internet checksum of n bytes (RFC 1071): the value to store in a zeroed checksum
 * field; over bytes that include a correct checksum it gives 0. */
uint16_t tun_csum(const uint8_t *p, size_t n);
/* The same over the IPv4 pseudo-header (RFC 768, RFC 793 §3.1) and n bytes of a UDP or
 * TCP segment: the value for its zeroed checksum field; 0 over a correct segment. */
uint16_t tun_l4_csum(uint32_t src, uint32_t dst, uint8_t proto, const uint8_t *p, size_t n);

/* Decode the IPv4 header of a bare packet (RFC 791 §3.1): version 4, IHL >= 5, options
 * present, header checksum right, Total Length within the bytes given.  Bytes past Total
 * Length (link-layer padding) are allowed; fragments are too. */
int tun_ip4_parse(const uint8_t *p, size_t len, struct tun_ip4 *h, struct mip_err *e);

/* Write a 20-byte IPv4 header from h (hlen and csum ignored), checksum computed. */
void tun_ip4_write(struct wr *w, const struct tun_ip4 *h);

/* Bytes an encapsulation with these parameters adds in front of the inner packet. */
size_t tun_overhead(const struct tun_params *tp);

/* Wrap the IPv4 packet inner (its first Total Length bytes: padding after it is dropped)
 * into out.  The outer header: TOS copied, DF copied (RFC 2003 §3.1), TTL tp->ttl, no
 * options.  GRE: Protocol Type 0x0800, Key / Sequence Number / Checksum when asked.
 * With tp->forwarding the inner TTL is decremented and its checksum updated; a TTL
 * that would reach 0 is refused (RFC 2003 §3.1: MUST NOT encapsulate TTL = 0).
 * -1 with MIP_ETRUNC / MIP_EINVAL for a bad inner packet (offsets into inner), MIP_EINVAL
 * when the result would exceed 65535 bytes, MIP_EFULL when cap is short. */
int tun_encap(const struct tun_params *tp, const uint8_t *inner, size_t len, uint8_t *out,
	      size_t cap, size_t *out_len, struct mip_err *e);

/* Unwrap an IP-in-IP or GRE packet.  Refused: a bad outer header, an outer fragment (we
 * do not reassemble), another outer protocol; GRE with Version != 0, Routing or any of
 * Reserved0 bits 1-5, Protocol Type other than IPv4, a wrong checksum; an inner packet
 * that is not IPv4 or does not fill the tunnel payload exactly.  Sequence numbers are
 * decoded, not checked.  Bytes past the outer Total Length are ignored. */
int tun_decap(const uint8_t *p, size_t len, struct tun_pkt *t, struct mip_err *e);

#endif
