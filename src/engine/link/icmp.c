/* icmp.c — ICMP echo request in, echo reply out (RFC 792; RFC 5563 §6.2).  See icmp.h.
 */
#include <string.h>

#include "icmp.h"

#define ICMP_REPLY_TTL 64

/*
 * RFC 792, Echo or Echo Reply Message:
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |     Code      |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Identifier          |        Sequence Number        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Data ...
 * +-+-+-+-+-
 */
static int ip_check(const struct tun_ip4 *h, struct mip_err *e)
{
	if (h->proto != ICMP_PROTO)
		return mip_fail(e, MIP_EINVAL, 9, "IPv4 Protocol", "%u: not ICMP", h->proto);
	if (h->frag & (TUN_IP4_MF | TUN_IP4_OFFMASK))
		return mip_fail(e, MIP_EINVAL, 6, "IPv4 Flags/Fragment Offset",
				"a fragment: not reassembled");
	return 0;
}

static int echo_check(const struct icmp_echo *m, const uint8_t *icmp, size_t n,
		      struct mip_err *e)
{
	size_t at = m->ip.hlen;

	if (m->type != ICMP_ECHO)
		return mip_fail(e, MIP_EINVAL, at, "ICMP Type", "%u: not Echo (8)", m->type);
	if (m->code != 0)
		return mip_fail(e, MIP_EINVAL, at + 1, "ICMP Code", "%u: not 0", m->code);
	if (tun_csum(icmp, n) != 0)
		return mip_fail(e, MIP_EINVAL, at + 2, "ICMP Checksum", "0x%04x is wrong",
				m->csum);
	return 0;
}

int icmp_echo_parse(const uint8_t *p, size_t len, struct icmp_echo *m, struct mip_err *e)
{
	struct rd c;
	const uint8_t *icmp = NULL;
	size_t n;

	memset(m, 0, sizeof *m);
	if (tun_ip4_parse(p, len, &m->ip, e) < 0 || ip_check(&m->ip, e) < 0)
		return -1;
	c = rd_init(p, m->ip.tot_len);
	c.pos = m->ip.hlen;
	n = rd_left(&c);
	if (n < ICMP_ECHO_HLEN)
		return mip_fail(e, MIP_ETRUNC, c.pos + n, n < 2 ? "ICMP Type" : "ICMP Checksum",
				"needs %d bytes, %zu in the datagram", ICMP_ECHO_HLEN, n);
	rd_bytes(&c, 0, &icmp);
	rd_u8(&c, &m->type);
	rd_u8(&c, &m->code);
	rd_u16(&c, &m->csum);
	rd_u16(&c, &m->id);
	rd_u16(&c, &m->seq);
	m->data_len = rd_left(&c);
	rd_bytes(&c, m->data_len, &m->data);
	return echo_check(m, icmp, n, e);
}

int icmp_echo_reply(const struct icmp_echo *req, uint8_t *out, size_t cap, size_t *out_len,
		    struct mip_err *e)
{
	struct wr w = wr_init(out, cap);
	size_t n = ICMP_ECHO_HLEN + req->data_len;
	struct tun_ip4 h = {
		.tos = req->ip.tos, .tot_len = (uint16_t)(TUN_IP4_LEN + n), .id = req->ip.id,
		.ttl = ICMP_REPLY_TTL, .proto = ICMP_PROTO, .src = req->ip.dst, .dst = req->ip.src,
	};

	if (TUN_IP4_LEN + n > TUN_IP4_MAX)
		return mip_fail(e, MIP_EINVAL, 0, "ICMP Data", "%zu bytes: too long", req->data_len);
	tun_ip4_write(&w, &h);
	wr_u8(&w, ICMP_ECHOREPLY);
	wr_u8(&w, 0);
	wr_u16(&w, 0);
	wr_u16(&w, req->id);
	wr_u16(&w, req->seq);
	wr_bytes(&w, req->data, req->data_len);
	if (w.overflow)
		return mip_fail(e, MIP_EFULL, 0, "ICMP Echo Reply", "needs %zu bytes, room for %zu",
				TUN_IP4_LEN + n, cap);
	wr_patch_u16(&w, TUN_IP4_LEN + 2, tun_csum(out + TUN_IP4_LEN, n));
	*out_len = w.pos;
	return 0;
}
