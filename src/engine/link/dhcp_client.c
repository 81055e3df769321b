/* dhcp_client.c — DHCP client messages out and server messages in, for emulated devices
 * (RFC 2131 §4.4, Table 5; RFC 2132; RFC 768).  See dhcp_client.h.
 */
#include <string.h>

#include "dhcp_client.h"

#define CLIENT_TTL 64
#define UDP_PROTO 17
#define HDRS DHCP_FRAME_HDRS

/* RFC 2132 §9.8: what a client asks for in option 55. */
static const uint8_t params[] = { DHCP_OPT_SUBNET_MASK, DHCP_OPT_ROUTER, DHCP_OPT_DNS,
				  DHCP_OPT_LEASE };

static void put_opt32(struct wr *w, uint8_t code, uint32_t v)
{
	wr_u8(w, code);
	wr_u8(w, 4);
	wr_u32(w, v);
}

/* RFC 2131 Table 5: op 1, Ethernet, xid, ciaddr, chaddr; sname and file zero. */
static void bootrequest(struct wr *w, const struct dhcp_client_req *q)
{
	static const uint8_t zero[DHCP_CHADDR_LEN - ETH_ALEN + 64 + 128];
	size_t start = w->pos;

	wr_u8(w, DHCP_BOOTREQUEST);
	wr_u8(w, DHCP_HTYPE_ETHER);
	wr_u8(w, ETH_ALEN);
	wr_u8(w, 0);            /* hops */
	wr_u32(w, q->xid);
	wr_u32(w, 0);           /* secs, flags */
	wr_u32(w, q->ciaddr);
	wr_u32(w, 0);           /* yiaddr */
	wr_u32(w, 0);           /* siaddr */
	wr_u32(w, 0);           /* giaddr */
	wr_bytes(w, q->mac, ETH_ALEN);
	wr_bytes(w, zero, sizeof zero);
	wr_u32(w, DHCP_MAGIC);
	wr_u8(w, DHCP_OPT_MSG_TYPE);
	wr_u8(w, 1);
	wr_u8(w, q->type);
	if (q->requested)
		put_opt32(w, DHCP_OPT_REQUESTED_IP, q->requested);
	if (q->server_id)
		put_opt32(w, DHCP_OPT_SERVER_ID, q->server_id);
	if (q->type != DHCP_RELEASE) {
		wr_u8(w, DHCP_OPT_PARAMS);
		wr_u8(w, sizeof params);
		wr_bytes(w, params, sizeof params);
	}
	wr_u8(w, DHCP_OPT_END);
	while (!w->overflow && w->pos - start < DHCP_MIN_LEN)
		wr_u8(w, DHCP_OPT_PAD);
}

int dhcp_client_frame_build(const struct dhcp_client_req *q, uint8_t *out, size_t cap,
			    size_t *out_len, struct mip_err *e)
{
	struct wr w = wr_init(out, cap);
	struct tun_ip4 ip = { .ttl = CLIENT_TTL, .src = q->ciaddr,
			      .dst = q->ip_dst ? q->ip_dst : 0xffffffffu, .id = (uint16_t)q->xid };

	if (q->type != DHCP_DISCOVER && q->type != DHCP_REQUEST && q->type != DHCP_RELEASE)
		return mip_fail(e, MIP_EINVAL, 0, "DHCP client message type",
				"%u: not DISCOVER, REQUEST or RELEASE", q->type);
	if (cap < HDRS)
		return mip_fail(e, MIP_EFULL, 0, "DHCP client frame", "room for %zu bytes only",
				cap);
	w.pos = HDRS;
	bootrequest(&w, q);
	if (w.overflow)
		return mip_fail(e, MIP_EFULL, 0, "DHCP client frame", "room for %zu bytes only",
				cap);
	dhcp_frame_hdrs(out, q->dst_mac ? q->dst_mac : eth_bcast, q->mac, &ip, DHCP_CLIENT_PORT,
			DHCP_SERVER_PORT, w.pos - HDRS);
	*out_len = w.pos;
	return 0;
}

/* RFC 2132 §2: the options of a server message, from the cookie to End; the ones a
 * client acts on are kept, the others skipped.  at: the offset of the options in the
 * frame, for errors. */
static int server_opts(struct rd *c, struct dhcp_server_msg *m, size_t at, struct mip_err *e)
{
	for (;;) {
		uint8_t code = 0, len = 0;
		uint32_t v = 0;
		size_t here = at + c->pos;
		struct rd val;

		if (!rd_u8(c, &code))
			return mip_fail(e, MIP_ETRUNC, here, "DHCP options", "no End option");
		if (code == DHCP_OPT_END)
			return 0;
		if (code == DHCP_OPT_PAD)
			continue;
		if (!rd_u8(c, &len) || !rd_sub(c, len, &val))
			return mip_fail(e, MIP_ETRUNC, here, "DHCP option Length",
					"option %u runs past the message", code);
		if (code == DHCP_OPT_MSG_TYPE && len == 1)
			rd_u8(&val, &m->type);
		else if (len >= 4 && rd_u32(&val, &v))
			switch (code) {
			case DHCP_OPT_SERVER_ID: m->server_id = v; break;
			case DHCP_OPT_LEASE: m->lease = v; break;
			case DHCP_OPT_T1: m->t1 = v; break;
			case DHCP_OPT_T2: m->t2 = v; break;
			case DHCP_OPT_SUBNET_MASK: m->mask = v; break;
			case DHCP_OPT_ROUTER: m->router = v; break;
			default: break;
			}
	}
}

/* The BOOTREPLY in a UDP payload at frame offset at. */
static int bootreply(struct rd *c, struct dhcp_server_msg *m, size_t at, struct mip_err *e)
{
	uint8_t op = 0, htype = 0, hlen = 0, hops = 0;
	uint32_t magic = 0, skip32 = 0;
	const uint8_t *ch = NULL, *rest = NULL;

	if (rd_left(c) < DHCP_OPT_OFF)
		return mip_fail(e, MIP_ETRUNC, at + rd_left(c), "DHCP message",
				"needs %d bytes before the options, %zu present", DHCP_OPT_OFF,
				rd_left(c));
	rd_u8(c, &op);
	rd_u8(c, &htype);
	rd_u8(c, &hlen);
	rd_u8(c, &hops);
	rd_u32(c, &m->xid);
	rd_u32(c, &skip32);     /* secs, flags */
	rd_u32(c, &skip32);     /* ciaddr */
	rd_u32(c, &m->yiaddr);
	rd_u32(c, &skip32);     /* siaddr */
	rd_u32(c, &skip32);     /* giaddr */
	rd_bytes(c, DHCP_CHADDR_LEN, &ch);
	memcpy(m->chaddr, ch, ETH_ALEN);
	rd_bytes(c, 64 + 128, &rest);
	rd_u32(c, &magic);
	if (op != DHCP_BOOTREPLY || htype != DHCP_HTYPE_ETHER || hlen != ETH_ALEN)
		return mip_fail(e, MIP_EINVAL, at, "DHCP op/htype/hlen",
				"%u/%u/%u: not a BOOTREPLY for Ethernet", op, htype, hlen);
	if (magic != DHCP_MAGIC)
		return mip_fail(e, MIP_EINVAL, at + DHCP_FIXED_LEN, "DHCP magic cookie",
				"0x%08x: not 99.130.83.99", magic);
	if (server_opts(c, m, at, e) < 0)
		return -1;
	if (m->type != DHCP_OFFER && m->type != DHCP_ACK && m->type != DHCP_NAK)
		return mip_fail(e, MIP_EINVAL, at + DHCP_OPT_OFF, "DHCP option 53",
				"%u: not OFFER, ACK or NAK", m->type);
	return 0;
}

int dhcp_server_frame_parse(const uint8_t *p, size_t len, struct dhcp_server_msg *m,
			    struct mip_err *e)
{
	struct eth_frame f;
	struct tun_ip4 ip;
	uint16_t sport = 0, dport = 0, ulen = 0, csum = 0;
	size_t off;
	struct rd c, u;

	memset(m, 0, sizeof *m);
	if (eth_parse(p, len, &f, NULL) < 0 || f.type != ETH_P_IP ||
	    tun_ip4_parse(f.payload, f.payload_len, &ip, NULL) < 0 || ip.proto != UDP_PROTO ||
	    (ip.frag & (TUN_IP4_MF | TUN_IP4_OFFMASK)))
		return 0;
	off = f.payload_off + ip.hlen;
	c = rd_init(p + off, ip.tot_len - ip.hlen);
	if (!rd_u16(&c, &sport) || !rd_u16(&c, &dport) || sport != DHCP_SERVER_PORT ||
	    dport != DHCP_CLIENT_PORT)
		return 0;
	if (!rd_u16(&c, &ulen) || !rd_u16(&c, &csum) || ulen < DHCP_UDP_LEN || ulen > c.end)
		return mip_fail(e, MIP_ETRUNC, off + 4, "UDP Length", "%u, %zu in the packet",
				ulen, c.end);
	if (csum && dhcp_udp_csum(ip.src, ip.dst, p + off, ulen) != 0)
		return mip_fail(e, MIP_EINVAL, off + 6, "UDP Checksum", "0x%04x is wrong", csum);
	u = rd_init(p + off + DHCP_UDP_LEN, ulen - DHCP_UDP_LEN);
	if (bootreply(&u, m, off + DHCP_UDP_LEN, e) < 0)
		return -1;
	memcpy(m->src_mac, f.src, ETH_ALEN);
	memcpy(m->dst_mac, f.dst, ETH_ALEN);
	m->ip_src = ip.src;
	m->ip_dst = ip.dst;
	return 1;
}
