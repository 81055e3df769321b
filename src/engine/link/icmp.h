/* icmp.h — ICMP echo for the access link: parse a request, build the reply; no I/O.
 *
 * RFC 792 (Echo or Echo Reply Message), RFC 791 §3.1 (the IPv4 header, via tun.h),
 * RFC 1122 §3.2.2.6 (the reply carries the request's identifier, sequence number and
 * data).  RFC 5563 §6.2: the PMA MAY answer the mobile device's TTL=1 echo requests to
 * its default gateway; whether to answer is the caller's decision.
 */
#ifndef PMIP4CT_ICMP_H
#define PMIP4CT_ICMP_H

#include <stddef.h>
#include <stdint.h>

#include "mip.h"
#include "tun.h"

#define ICMP_PROTO 1
#define ICMP_ECHO_HLEN 8
#define ICMP_ECHOREPLY 0
#define ICMP_ECHO 8

/* A parsed echo request; data points into the caller's buffer. */
struct icmp_echo {
	struct tun_ip4 ip;
	uint8_t type, code;
	uint16_t csum;
	uint16_t id, seq;
	const uint8_t *data;
	size_t data_len;
};

/* Parse an IPv4 packet carrying an ICMP echo request.  Refused as invalid: another
 * protocol, a fragment, another ICMP type, code != 0, a wrong ICMP checksum; IPv4
 * errors are tun_ip4_parse's.  Offsets are from the start of the packet. */
int icmp_echo_parse(const uint8_t *p, size_t len, struct icmp_echo *m, struct mip_err *e);

/* Build the IPv4 echo reply to req: source the address that was pinged, destination
 * the requester, TTL 64, TOS and Identification copied, no options; same identifier,
 * sequence number and data; both checksums computed.  MIP_EFULL when cap is short. */
int icmp_echo_reply(const struct icmp_echo *req, uint8_t *out, size_t cap, size_t *out_len,
		    struct mip_err *e);

#endif
