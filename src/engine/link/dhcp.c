/* dhcp.c — DHCP client messages in, server replies out (RFC 2131 §2-§4, RFC 2132), in
 * UDP, IPv4 and Ethernet (RFC 768, RFC 2131 §4.1), for RFC 5563 §6.3.  See dhcp.h.
 */
#include <stdio.h>
#include <string.h>

#include "dhcp.h"

#define DHCP_TTL 64
#define UDP_PROTO 17
#define FRAME_HDRS DHCP_FRAME_HDRS

/*
 * RFC 2131 §2, Figure 1:
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------+---------------+---------------+---------------+
 * |     op (1)    |   htype (1)   |   hlen (1)    |   hops (1)    |
 * +---------------+---------------+---------------+---------------+
 * |                            xid (4)                            |
 * +-------------------------------+-------------------------------+
 * |           secs (2)            |           flags (2)           |
 * +-------------------------------+-------------------------------+
 * |                          ciaddr  (4)                          |
 * |                          yiaddr  (4)                          |
 * |                          siaddr  (4)                          |
 * |                          giaddr  (4)                          |
 * +---------------------------------------------------------------+
 * |                          chaddr  (16)                         |
 * |                          sname   (64)                         |
 * |                          file    (128)                        |
 * +---------------------------------------------------------------+
 * |                 magic cookie 99.130.83.99 (4)                 |
 * |                          options (variable)                   |
 * +---------------------------------------------------------------+
 * Options (RFC 2132 §2): Pad (0) and End (255) are one byte; the others are Code,
 * Length, then Length bytes of data.
 */
enum dhcp_field {
	D_OP, D_HTYPE, D_HLEN, D_HOPS, D_XID, D_SECS, D_FLAGS, D_CIADDR, D_YIADDR, D_SIADDR,
	D_GIADDR, D_CHADDR, D_SNAME, D_FILE, D_MAGIC, D_COUNT
};

static const char *const dhcp_names[D_COUNT] = {
	"DHCP op", "DHCP htype", "DHCP hlen", "DHCP hops", "DHCP xid", "DHCP secs",
	"DHCP flags", "DHCP ciaddr", "DHCP yiaddr", "DHCP siaddr", "DHCP giaddr",
	"DHCP chaddr", "DHCP sname", "DHCP file", "DHCP magic cookie",
};

static const uint8_t dhcp_at[D_COUNT] = { 0, 1, 2, 3, 4, 8, 10, 12, 16, 20, 24, 28, 44, 108,
					  236 };

/* The options a client message is read for: their names and allowed lengths
 * (RFC 2132 §3.14, §9.1-§9.4, §9.6-§9.8, §9.14).  Others are skipped. */
struct opt_policy {
	uint8_t code;
	uint8_t min, max;
	const char *name;
};

static const struct opt_policy opt_tbl[] = {
	{ DHCP_OPT_HOSTNAME, 1, 255, "Host Name" },
	{ DHCP_OPT_REQUESTED_IP, 4, 4, "Requested IP Address" },
	{ DHCP_OPT_LEASE, 4, 4, "IP Address Lease Time" },
	{ DHCP_OPT_OVERLOAD, 1, 1, "Option Overload" },
	{ DHCP_OPT_MSG_TYPE, 1, 1, "DHCP Message Type" },
	{ DHCP_OPT_SERVER_ID, 4, 4, "Server Identifier" },
	{ DHCP_OPT_PARAMS, 1, 255, "Parameter Request List" },
	{ DHCP_OPT_CLIENT_ID, 2, 255, "Client-identifier" },
};

static const struct opt_policy *opt_find(uint8_t code)
{
	for (size_t i = 0; i < sizeof opt_tbl / sizeof opt_tbl[0]; i++)
		if (opt_tbl[i].code == code)
			return &opt_tbl[i];
	return NULL;
}

static const char *opt_field(struct mip_err *e, uint8_t code, const char *what)
{
	const struct opt_policy *pol = opt_find(code);

	if (!e)
		return what;
	if (pol)
		snprintf(e->fieldbuf, sizeof e->fieldbuf, "DHCP option %u (%s) %s", code,
			 pol->name, what);
	else
		snprintf(e->fieldbuf, sizeof e->fieldbuf, "DHCP option %u %s", code, what);
	return e->fieldbuf;
}

static void fixed_read(struct rd *c, struct dhcp_msg *m)
{
	const uint8_t *ch = NULL;

	rd_u8(c, &m->op);
	rd_u8(c, &m->htype);
	rd_u8(c, &m->hlen);
	rd_u8(c, &m->hops);
	rd_u32(c, &m->xid);
	rd_u16(c, &m->secs);
	rd_u16(c, &m->flags);
	rd_u32(c, &m->ciaddr);
	rd_u32(c, &m->yiaddr);
	rd_u32(c, &m->siaddr);
	rd_u32(c, &m->giaddr);
	rd_bytes(c, DHCP_CHADDR_LEN, &ch);
	memcpy(m->chaddr, ch, DHCP_CHADDR_LEN);
	rd_bytes(c, 64 + 128, &ch); /* sname, file: unused without overload */
}

static int fixed_take(struct rd *c, struct dhcp_msg *m, struct mip_err *e)
{
	uint32_t magic = 0;
	int f = D_COUNT - 1;

	if (rd_left(c) < DHCP_OPT_OFF) {
		while (f > 0 && dhcp_at[f] > c->end)
			f--;
		return mip_fail(e, MIP_ETRUNC, c->end, dhcp_names[f],
				"needs %d bytes before the options, %zu present", DHCP_OPT_OFF,
				c->end);
	}
	fixed_read(c, m);
	rd_u32(c, &magic);
	if (m->op != DHCP_BOOTREQUEST)
		return mip_fail(e, MIP_EINVAL, 0, dhcp_names[D_OP], "%u: not BOOTREQUEST", m->op);
	if (m->htype != DHCP_HTYPE_ETHER)
		return mip_fail(e, MIP_EINVAL, 1, dhcp_names[D_HTYPE], "%u: not Ethernet (1)",
				m->htype);
	if (m->hlen != ETH_ALEN)
		return mip_fail(e, MIP_EINVAL, 2, dhcp_names[D_HLEN], "%u: not 6", m->hlen);
	if (magic != DHCP_MAGIC)
		return mip_fail(e, MIP_EINVAL, DHCP_FIXED_LEN, dhcp_names[D_MAGIC],
				"0x%08x: not 99.130.83.99", magic);
	return 0;
}

static bool type_is_client(uint8_t t)
{
	return t == DHCP_DISCOVER || t == DHCP_REQUEST || t == DHCP_DECLINE ||
	       t == DHCP_RELEASE || t == DHCP_INFORM;
}

/* One option's value, read from its own sub-cursor; its length is already checked. */
static int opt_value(struct rd *v, uint8_t code, size_t at, struct dhcp_msg *m,
		     struct mip_err *e)
{
	uint8_t n = (uint8_t)rd_left(v);

	switch (code) {
	case DHCP_OPT_MSG_TYPE:
		rd_u8(v, &m->type);
		if (!type_is_client(m->type))
			return mip_fail(e, MIP_EINVAL, at + 2, opt_field(e, code, "value"),
					"%u: not a client's message type", m->type);
		break;
	case DHCP_OPT_REQUESTED_IP:
		m->has_requested_ip = rd_u32(v, &m->requested_ip);
		break;
	case DHCP_OPT_SERVER_ID:
		m->has_server_id = rd_u32(v, &m->server_id);
		break;
	case DHCP_OPT_LEASE:
		m->has_lease = rd_u32(v, &m->lease);
		break;
	case DHCP_OPT_PARAMS:
		m->params_len = n;
		rd_bytes(v, n, &m->params);
		break;
	case DHCP_OPT_CLIENT_ID:
		m->client_id_len = n;
		rd_bytes(v, n, &m->client_id);
		break;
	case DHCP_OPT_HOSTNAME:
		m->hostname_len = n;
		rd_bytes(v, n, &m->hostname);
		break;
	case DHCP_OPT_OVERLOAD:
		return mip_fail(e, MIP_EINVAL, at, opt_field(e, code, "Code"),
				"sname/file overload: not supported");
	}
	return 0;
}

/* The option whose Code (already read) is at `at`: Length, then the value. */
static int opt_take(struct rd *c, uint8_t code, size_t at, uint8_t seen[32], struct dhcp_msg *m,
		    struct mip_err *e)
{
	const struct opt_policy *pol = opt_find(code);
	uint8_t len = 0;
	struct rd v;

	if (!rd_u8(c, &len))
		return mip_fail(e, MIP_ETRUNC, c->pos, opt_field(e, code, "Length"),
				"missing: the options end after the Code");
	if (!rd_sub(c, len, &v))
		return mip_fail(e, MIP_ETRUNC, at + 1, opt_field(e, code, "Length"),
				"%u, %zu bytes left", len, rd_left(c));
	if (!pol)
		return 0;
	if (len < pol->min || len > pol->max)
		return mip_fail(e, MIP_EINVAL, at + 1, opt_field(e, code, "Length"),
				"%u: allowed %u..%u", len, pol->min, pol->max);
	if (seen[code / 8] & 1u << code % 8)
		return mip_fail(e, MIP_EINVAL, at, opt_field(e, code, "Code"),
				"repeated: RFC 3396 concatenation not supported");
	seen[code / 8] |= (uint8_t)(1u << code % 8);
	return opt_value(&v, code, at, m, e);
}

/* RFC 2132 §2-§3.2: options run from the cookie to End; Pad may appear anywhere; bytes
 * after End are padding. */
static int opts_take(struct rd *c, struct dhcp_msg *m, struct mip_err *e)
{
	uint8_t seen[32] = { 0 };
	uint8_t code = 0;
	size_t at;

	for (;;) {
		at = c->pos;
		if (!rd_u8(c, &code))
			return mip_fail(e, MIP_ETRUNC, at, "DHCP options", "no End option");
		if (code == DHCP_OPT_END)
			return 0;
		if (code != DHCP_OPT_PAD && opt_take(c, code, at, seen, m, e) < 0)
			return -1;
	}
}

int dhcp_parse(const uint8_t *p, size_t len, struct dhcp_msg *m, struct mip_err *e)
{
	struct rd c = rd_init(p, len);

	memset(m, 0, sizeof *m);
	if (fixed_take(&c, m, e) < 0 || opts_take(&c, m, e) < 0)
		return -1;
	if (m->type == 0)
		return mip_fail(e, MIP_EINVAL, DHCP_OPT_OFF, opt_field(e, DHCP_OPT_MSG_TYPE, "Code"),
				"absent: a BOOTP message, not DHCP");
	return 0;
}

static int reply_check(const struct dhcp_reply *r, struct mip_err *e)
{
	if (r->type != DHCP_OFFER && r->type != DHCP_ACK && r->type != DHCP_NAK)
		return mip_fail(e, MIP_EINVAL, 0, "DHCP reply type", "%u: not OFFER, ACK or NAK",
				r->type);
	if (r->n_dns > DHCP_DNS_MAX)
		return mip_fail(e, MIP_EINVAL, 0, "DHCP reply DNS servers", "%zu: at most %d",
				r->n_dns, DHCP_DNS_MAX);
	return 0;
}

static void opt_u32(struct wr *w, uint8_t code, uint32_t v)
{
	wr_u8(w, code);
	wr_u8(w, 4);
	wr_u32(w, v);
}

/* RFC 2131 Table 3: a NAK carries no configuration, an ACK to INFORM no lease. */
static void reply_opts(struct wr *w, const struct dhcp_msg *req, const struct dhcp_reply *r)
{
	bool config = r->type != DHCP_NAK;
	bool lease = config && req->type != DHCP_INFORM;
	uint32_t t1 = r->t1 ? r->t1 : r->lease / 2;
	uint32_t t2 = r->t2 ? r->t2 : (uint32_t)((uint64_t)r->lease * 7 / 8);

	wr_u8(w, DHCP_OPT_MSG_TYPE);
	wr_u8(w, 1);
	wr_u8(w, r->type);
	opt_u32(w, DHCP_OPT_SERVER_ID, r->server_id);
	if (lease) {
		opt_u32(w, DHCP_OPT_LEASE, r->lease);
		if (r->lease != DHCP_LEASE_INFINITE) {
			opt_u32(w, DHCP_OPT_T1, t1);
			opt_u32(w, DHCP_OPT_T2, t2);
		}
	}
	if (config && r->mask)
		opt_u32(w, DHCP_OPT_SUBNET_MASK, r->mask);
	if (config && r->router)
		opt_u32(w, DHCP_OPT_ROUTER, r->router);
	if (config && r->n_dns) {
		wr_u8(w, DHCP_OPT_DNS);
		wr_u8(w, (uint8_t)(4 * r->n_dns));
		for (size_t i = 0; i < r->n_dns; i++)
			wr_u32(w, r->dns[i]);
	}
	wr_u8(w, DHCP_OPT_END);
}

static void reply_write(struct wr *w, const struct dhcp_msg *req, const struct dhcp_reply *r)
{
	static const uint8_t zero[64 + 128];
	bool noaddr = r->type == DHCP_NAK || req->type == DHCP_INFORM;
	size_t start = w->pos;

	wr_u8(w, DHCP_BOOTREPLY);
	wr_u8(w, DHCP_HTYPE_ETHER);
	wr_u8(w, ETH_ALEN);
	wr_u8(w, 0);
	wr_u32(w, req->xid);
	wr_u16(w, 0);
	wr_u16(w, req->flags);
	wr_u32(w, r->type == DHCP_ACK ? req->ciaddr : 0);
	wr_u32(w, noaddr ? 0 : r->yiaddr);
	wr_u32(w, 0);
	wr_u32(w, req->giaddr);
	wr_bytes(w, req->chaddr, DHCP_CHADDR_LEN);
	wr_bytes(w, zero, sizeof zero);
	wr_u32(w, DHCP_MAGIC);
	reply_opts(w, req, r);
	while (!w->overflow && w->pos - start < DHCP_MIN_LEN)
		wr_u8(w, DHCP_OPT_PAD);
}

int dhcp_reply_build(const struct dhcp_msg *req, const struct dhcp_reply *r, uint8_t *out,
		     size_t cap, size_t *out_len, struct mip_err *e)
{
	struct wr w = wr_init(out, cap);

	if (reply_check(r, e) < 0)
		return -1;
	reply_write(&w, req, r);
	if (w.overflow)
		return mip_fail(e, MIP_EFULL, 0, "DHCP reply", "room for %zu bytes only", cap);
	*out_len = w.pos;
	return 0;
}

void dhcp_reply_dest(const struct dhcp_msg *req, const struct dhcp_reply *r, uint32_t *ip,
		     uint8_t mac[ETH_ALEN])
{
	if (r->type != DHCP_NAK && req->ciaddr) {
		*ip = req->ciaddr;
		memcpy(mac, req->chaddr, ETH_ALEN);
	} else if (r->type == DHCP_NAK || req->flags & DHCP_FLAG_BROADCAST) {
		*ip = 0xffffffffu;
		memcpy(mac, eth_bcast, ETH_ALEN);
	} else {
		*ip = r->yiaddr;
		memcpy(mac, req->chaddr, ETH_ALEN);
	}
}

uint16_t dhcp_udp_csum(uint32_t src, uint32_t dst, const uint8_t *udp, size_t n)
{
	return tun_l4_csum(src, dst, UDP_PROTO, udp, n);
}

void dhcp_frame_hdrs(uint8_t *out, const uint8_t dst[ETH_ALEN], const uint8_t src[ETH_ALEN],
		     struct tun_ip4 *ip, uint16_t sport, uint16_t dport, size_t n)
{
	struct wr h = wr_init(out, FRAME_HDRS);
	uint16_t cs;

	ip->tot_len = (uint16_t)(TUN_IP4_LEN + DHCP_UDP_LEN + n);
	ip->proto = UDP_PROTO;
	eth_write_hdr(&h, dst, src, ETH_P_IP);
	tun_ip4_write(&h, ip);
	wr_u16(&h, sport);
	wr_u16(&h, dport);
	wr_u16(&h, (uint16_t)(DHCP_UDP_LEN + n));
	wr_u16(&h, 0);
	cs = dhcp_udp_csum(ip->src, ip->dst, out + ETH_HLEN + TUN_IP4_LEN, DHCP_UDP_LEN + n);
	wr_patch_u16(&h, FRAME_HDRS - 2, cs ? cs : 0xffff);
}

/* Eth | IPv4 | UDP headers, written once the DHCP message behind them is known. */
static void frame_hdrs(uint8_t *out, const struct dhcp_msg *req, const struct dhcp_reply *r,
		       const uint8_t mac[ETH_ALEN], size_t n)
{
	uint8_t dmac[ETH_ALEN];
	struct tun_ip4 ip = { .ttl = DHCP_TTL, .src = r->server_id };

	dhcp_reply_dest(req, r, &ip.dst, dmac);
	dhcp_frame_hdrs(out, dmac, mac, &ip, DHCP_SERVER_PORT, DHCP_CLIENT_PORT, n);
}

int dhcp_frame_build(const struct dhcp_msg *req, const struct dhcp_reply *r,
		     const uint8_t mac[ETH_ALEN], uint8_t *out, size_t cap, size_t *out_len,
		     struct mip_err *e)
{
	struct wr w = wr_init(out, cap);

	if (reply_check(r, e) < 0)
		return -1;
	if (cap < FRAME_HDRS)
		return mip_fail(e, MIP_EFULL, 0, "DHCP frame", "room for %zu bytes only", cap);
	w.pos = FRAME_HDRS;
	reply_write(&w, req, r);
	if (w.overflow)
		return mip_fail(e, MIP_EFULL, 0, "DHCP frame", "room for %zu bytes only", cap);
	frame_hdrs(out, req, r, mac, w.pos - FRAME_HDRS);
	*out_len = w.pos;
	return 0;
}

static int shifted(struct mip_err *e, size_t by)
{
	if (e)
		e->off += by;
	return -1;
}

/*
 * RFC 768:
 * +--------+--------+--------+--------+
 * |  Source Port    |  Dest. Port     |
 * +--------+--------+--------+--------+
 * |  Length         |  Checksum       |
 * +--------+--------+--------+--------+
 */
static int udp_take(struct rd *c, struct dhcp_frame *f, struct mip_err *e)
{
	size_t at = c->pos;
	struct rd seg = *c;
	const uint8_t *u = NULL, *payload = NULL;

	if (rd_left(c) < DHCP_UDP_LEN)
		return mip_fail(e, MIP_ETRUNC, c->end, "UDP header", "needs 8 bytes, %zu left",
				rd_left(c));
	rd_u16(c, &f->sport);
	rd_u16(c, &f->dport);
	rd_u16(c, &f->ulen);
	rd_u16(c, &f->ucsum);
	if (f->ulen < DHCP_UDP_LEN)
		return mip_fail(e, MIP_EINVAL, at + 4, "UDP Length", "%u: less than 8", f->ulen);
	if (!rd_bytes(&seg, f->ulen, &u))
		return mip_fail(e, MIP_ETRUNC, at + 4, "UDP Length", "%u, %zu in the datagram",
				f->ulen, rd_left(&seg));
	if (f->sport != DHCP_CLIENT_PORT || f->dport != DHCP_SERVER_PORT)
		return mip_fail(e, MIP_EINVAL, at, "UDP ports", "%u -> %u: not 68 -> 67",
				f->sport, f->dport);
	if (f->ucsum && dhcp_udp_csum(f->ip.src, f->ip.dst, u, f->ulen) != 0)
		return mip_fail(e, MIP_EINVAL, at + 6, "UDP Checksum", "0x%04x is wrong", f->ucsum);
	rd_bytes(c, f->ulen - DHCP_UDP_LEN, &payload);
	if (dhcp_parse(payload, f->ulen - DHCP_UDP_LEN, &f->msg, e) < 0)
		return shifted(e, at + DHCP_UDP_LEN);
	return 0;
}

int dhcp_frame_parse(const uint8_t *p, size_t len, struct dhcp_frame *f, struct mip_err *e)
{
	size_t off;
	struct rd c;

	memset(f, 0, sizeof *f);
	if (eth_parse(p, len, &f->eth, e) < 0)
		return -1;
	off = f->eth.payload_off;
	if (f->eth.type != ETH_P_IP)
		return mip_fail(e, MIP_EINVAL, off - 2, "Ethernet EtherType", "0x%04x: not IPv4",
				f->eth.type);
	if (tun_ip4_parse(f->eth.payload, f->eth.payload_len, &f->ip, e) < 0)
		return shifted(e, off);
	if (f->ip.proto != UDP_PROTO)
		return mip_fail(e, MIP_EINVAL, off + 9, "IPv4 Protocol", "%u: not UDP", f->ip.proto);
	if (f->ip.frag & (TUN_IP4_MF | TUN_IP4_OFFMASK))
		return mip_fail(e, MIP_EINVAL, off + 6, "IPv4 Flags/Fragment Offset",
				"a fragment: not reassembled");
	c = rd_init(p, off + f->ip.tot_len);
	c.pos = off + f->ip.hlen;
	return udp_take(&c, f, e);
}
