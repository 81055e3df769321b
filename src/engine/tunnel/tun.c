/* tun.c — the tunnel codec: IPv4 headers (RFC 791 §3.1), IP-in-IP (RFC 2003 §3.1), GRE
 * (RFC 2784 §2) with Key and Sequence Number (RFC 2890 §2).  See tun.h.
 */
#include <string.h>

#include "tun.h"

/* Where a header sits; its fields are named after it in errors. */
enum layer { L_BARE, L_OUTER, L_INNER, L_COUNT };

enum ip4_field {
	F_VER, F_IHL, F_TOS, F_LEN, F_ID, F_FRAG, F_TTL, F_PROTO, F_CSUM, F_SRC, F_DST, F_OPT,
	F_COUNT
};

#define IP4_NAMES(pfx)                                                                      \
	{ pfx "IPv4 Version", pfx "IPv4 IHL", pfx "IPv4 TOS", pfx "IPv4 Total Length",       \
	  pfx "IPv4 Identification", pfx "IPv4 Flags/Fragment Offset", pfx "IPv4 TTL",       \
	  pfx "IPv4 Protocol", pfx "IPv4 Header Checksum", pfx "IPv4 Source Address",        \
	  pfx "IPv4 Destination Address", pfx "IPv4 Options" }

static const char *const ip4_names[L_COUNT][F_COUNT] = {
	IP4_NAMES(""), IP4_NAMES("outer "), IP4_NAMES("inner "),
};

/* The field starting at byte `rel` of the fixed header (where a short read stopped). */
static enum ip4_field ip4_field_at(size_t rel)
{
	static const uint8_t at[F_COUNT] = { 0, 0, 1, 2, 4, 6, 8, 9, 10, 12, 16, 20 };

	for (int f = F_OPT; f > F_VER; f--)
		if (rel >= at[f])
			return (enum ip4_field)f;
	return F_VER;
}

uint16_t tun_csum(const uint8_t *p, size_t n)
{
	uint64_t sum = 0;
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (n & 1)
		sum += (uint32_t)p[n - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

uint16_t tun_l4_csum(uint32_t src, uint32_t dst, uint8_t proto, const uint8_t *p, size_t n)
{
	uint8_t ph[12];
	struct wr w = wr_init(ph, sizeof ph);
	uint32_t s;

	wr_u32(&w, src);
	wr_u32(&w, dst);
	wr_u8(&w, 0);
	wr_u8(&w, proto);
	wr_u16(&w, (uint16_t)n);
	s = (uint16_t)~tun_csum(ph, sizeof ph) + (uint32_t)(uint16_t)~tun_csum(p, n);
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

/*
 * RFC 791 §3.1:
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |Type of Service|          Total Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Identification        |Flags|      Fragment Offset    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Source Address                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Destination Address                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options                    |    Padding    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
static int ip4_fixed(struct rd *c, struct tun_ip4 *h, const char *const *nm, struct mip_err *e)
{
	size_t at = c->pos;
	uint8_t vi = 0;

	h->off = at;
	if (!rd_u8(c, &vi))
		return mip_fail(e, MIP_ETRUNC, at, nm[F_VER], "needs 20 bytes, 0 left");
	if (vi >> 4 != 4)
		return mip_fail(e, MIP_EINVAL, at, nm[F_VER], "%u, not 4", vi >> 4);
	h->hlen = (uint8_t)((vi & 0xf) * 4);
	if (h->hlen < TUN_IP4_LEN)
		return mip_fail(e, MIP_EINVAL, at, nm[F_IHL], "%u words, under 5", vi & 0xf);
	if (!rd_u8(c, &h->tos) || !rd_u16(c, &h->tot_len) || !rd_u16(c, &h->id) ||
	    !rd_u16(c, &h->frag) || !rd_u8(c, &h->ttl) || !rd_u8(c, &h->proto) ||
	    !rd_u16(c, &h->csum) || !rd_u32(c, &h->src) || !rd_u32(c, &h->dst))
		return mip_fail(e, MIP_ETRUNC, c->pos, nm[ip4_field_at(c->pos - at)],
				"needs 20 bytes, %zu left", c->end - at);
	if (h->tot_len < h->hlen)
		return mip_fail(e, MIP_EINVAL, at + 2, nm[F_LEN], "%u, under the header's %u",
				h->tot_len, h->hlen);
	return 0;
}

/* The checksum a header should carry: the sum over it with the checksum field zeroed. */
static uint16_t ip4_expected_csum(const uint8_t *hp, size_t hlen)
{
	uint8_t copy[60];

	memcpy(copy, hp, hlen);
	copy[10] = copy[11] = 0;
	return tun_csum(copy, hlen);
}

/* Decode the header at c, options and checksum included, and check that Total Length
 * fits what is left.  On success c is at the payload and ends with Total Length. */
static int ip4_take(struct rd *c, struct tun_ip4 *h, enum layer l, struct mip_err *e)
{
	const char *const *nm = ip4_names[l];
	struct rd whole = *c;
	const uint8_t *hp = NULL, *opt;

	if (ip4_fixed(c, h, nm, e) < 0)
		return -1;
	if (!rd_bytes(c, h->hlen - TUN_IP4_LEN, &opt))
		return mip_fail(e, MIP_ETRUNC, c->pos, nm[F_OPT], "IHL says %u bytes, %zu left",
				h->hlen - TUN_IP4_LEN, rd_left(c));
	rd_bytes(&whole, h->hlen, &hp); /* read above: cannot fail */
	if (tun_csum(hp, h->hlen) != 0)
		return mip_fail(e, MIP_EINVAL, h->off + 10, nm[F_CSUM], "0x%04x, computed 0x%04x",
				h->csum, ip4_expected_csum(hp, h->hlen));
	if (h->tot_len > c->end - h->off)
		return mip_fail(e, MIP_ETRUNC, h->off + 2, nm[F_LEN],
				"%u bytes declared, %zu present", h->tot_len, c->end - h->off);
	c->end = h->off + h->tot_len;
	return 0;
}

int tun_ip4_parse(const uint8_t *p, size_t len, struct tun_ip4 *h, struct mip_err *e)
{
	struct rd c = rd_init(p, len);

	memset(h, 0, sizeof *h);
	return ip4_take(&c, h, L_BARE, e);
}

void tun_ip4_write(struct wr *w, const struct tun_ip4 *h)
{
	size_t at = w->pos;

	wr_u8(w, 0x45);
	wr_u8(w, h->tos);
	wr_u16(w, h->tot_len);
	wr_u16(w, h->id);
	wr_u16(w, h->frag);
	wr_u8(w, h->ttl);
	wr_u8(w, h->proto);
	wr_u16(w, 0);
	wr_u32(w, h->src);
	wr_u32(w, h->dst);
	if (!w->overflow)
		wr_patch_u16(w, at + 10, tun_csum(w->base + at, TUN_IP4_LEN));
}

size_t tun_overhead(const struct tun_params *tp)
{
	if (tp->kind != TUN_GRE)
		return TUN_IP4_LEN;
	return TUN_IP4_LEN + 4 + (tp->csum ? 4u : 0) + (tp->has_key ? 4u : 0) +
	       (tp->has_seq ? 4u : 0);
}

/*
 * RFC 2784 §2.1 with RFC 2890 §2:
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |C| |K|S| Reserved0       | Ver |         Protocol Type         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      Checksum (optional)      |       Reserved1 (Optional)    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Key (optional)                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Sequence Number (Optional)                    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
static void gre_write(struct wr *w, const struct tun_params *tp)
{
	wr_u16(w, (uint16_t)((tp->csum ? TUN_GRE_C : 0) | (tp->has_key ? TUN_GRE_K : 0) |
			     (tp->has_seq ? TUN_GRE_S : 0)));
	wr_u16(w, TUN_GRE_PROTO_IP4);
	if (tp->csum)
		wr_u32(w, 0); /* Checksum, filled in last, and Reserved1 */
	if (tp->has_key)
		wr_u32(w, tp->key);
	if (tp->has_seq)
		wr_u32(w, tp->seq);
}

/* The first word and Protocol Type: RFC 2784 §2.3, §2.3.1, §2.4. */
static int gre_fixed(struct rd *c, struct tun_gre *g, struct mip_err *e)
{
	g->off = c->pos;
	if (!rd_u16(c, &g->flags))
		return mip_fail(e, MIP_ETRUNC, c->pos, "GRE Flags/Version",
				"needs 2 bytes, %zu left", rd_left(c));
	if (g->flags & TUN_GRE_VER)
		return mip_fail(e, MIP_EINVAL, g->off + 1, "GRE Version", "%u, not 0",
				g->flags & TUN_GRE_VER);
	if (g->flags & TUN_GRE_R)
		return mip_fail(e, MIP_EINVAL, g->off, "GRE Routing Present",
				"set: RFC 1701 routing is refused (RFC 2784 §2.3)");
	if (g->flags & TUN_GRE_RSV_1_5)
		return mip_fail(e, MIP_EINVAL, g->off, "GRE Reserved0",
				"bits 4-5 set (0x%04x): must be discarded", g->flags);
	if (!rd_u16(c, &g->proto))
		return mip_fail(e, MIP_ETRUNC, c->pos, "GRE Protocol Type",
				"needs 2 bytes, %zu left", rd_left(c));
	if (g->proto != TUN_GRE_PROTO_IP4)
		return mip_fail(e, MIP_EINVAL, g->off + 2, "GRE Protocol Type",
				"0x%04x, not IPv4 (0x0800)", g->proto);
	return 0;
}

/* The optional words, then the checksum over the GRE header and payload (§2.5). */
static int gre_take(struct rd *c, struct tun_gre *g, struct mip_err *e)
{
	struct rd all = *c; /* the GRE header and payload, for the checksum */
	size_t n = rd_left(c);
	const uint8_t *p = NULL;

	if (gre_fixed(c, g, e) < 0)
		return -1;
	g->has_csum = g->flags & TUN_GRE_C;
	g->has_key = g->flags & TUN_GRE_K;
	g->has_seq = g->flags & TUN_GRE_S;
	if (g->has_csum && (!rd_u16(c, &g->csum) || !rd_u16(c, &g->reserved1)))
		return mip_fail(e, MIP_ETRUNC, c->pos,
				c->pos == g->off + 4 ? "GRE Checksum" : "GRE Reserved1",
				"needs 2 bytes, %zu left", rd_left(c));
	if (g->has_key && !rd_u32(c, &g->key))
		return mip_fail(e, MIP_ETRUNC, c->pos, "GRE Key", "needs 4 bytes, %zu left",
				rd_left(c));
	if (g->has_seq && !rd_u32(c, &g->seq))
		return mip_fail(e, MIP_ETRUNC, c->pos, "GRE Sequence Number",
				"needs 4 bytes, %zu left", rd_left(c));
	rd_bytes(&all, n, &p);
	if (g->has_csum && tun_csum(p, n) != 0)
		return mip_fail(e, MIP_EINVAL, g->off + 4, "GRE Checksum", "0x%04x is wrong",
				g->csum);
	return 0;
}

/* RFC 2003 §3.1: a datagram is never encapsulated with its TTL at 0 after forwarding;
 * RFC 1624 eqn 3 updates the checksum for the TTL/Protocol word. */
static void inner_ttl_dec(struct wr *w, size_t at, const struct tun_ip4 *in)
{
	uint16_t m = (uint16_t)(in->ttl << 8 | in->proto);
	uint16_t m1 = (uint16_t)(m - 0x100);
	uint32_t sum = (uint16_t)~in->csum + (uint16_t)~m + (uint32_t)m1;

	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	wr_patch_u8(w, at + 8, (uint8_t)(in->ttl - 1));
	wr_patch_u16(w, at + 10, (uint16_t)~sum);
}

static int encap_check(const struct tun_params *tp, const struct tun_ip4 *in, size_t cap,
		       struct mip_err *e)
{
	const char *const *nm = ip4_names[L_INNER];
	size_t total = tun_overhead(tp) + in->tot_len;

	if (tp->kind != TUN_IPIP && tp->kind != TUN_GRE)
		return mip_fail(e, MIP_EINVAL, 0, "tunnel kind", "%d: not IP-in-IP or GRE",
				(int)tp->kind);
	if (tp->forwarding && in->ttl <= 1)
		return mip_fail(e, MIP_EINVAL, 8, nm[F_TTL], "%u: would reach 0", in->ttl);
	if (total > TUN_IP4_MAX)
		return mip_fail(e, MIP_EINVAL, 2, nm[F_LEN], "%u: %zu bytes once encapsulated",
				in->tot_len, total);
	if (total > cap)
		return mip_fail(e, MIP_EFULL, 0, "tunnel packet", "needs %zu bytes, room for %zu",
				total, cap);
	return 0;
}

int tun_encap(const struct tun_params *tp, const uint8_t *inner, size_t len, uint8_t *out,
	      size_t cap, size_t *out_len, struct mip_err *e)
{
	struct rd c = rd_init(inner, len);
	struct wr w = wr_init(out, cap);
	struct tun_ip4 in = { 0 }, o = { 0 };
	size_t gre_at, in_at;

	if (ip4_take(&c, &in, L_INNER, e) < 0 || encap_check(tp, &in, cap, e) < 0)
		return -1;
	o.tos = in.tos; /* RFC 2003 §3.1 */
	o.tot_len = (uint16_t)(tun_overhead(tp) + in.tot_len);
	o.id = tp->id;
	o.frag = in.frag & TUN_IP4_DF;
	o.ttl = tp->ttl ? tp->ttl : TUN_TTL_DEFAULT;
	o.proto = (uint8_t)tp->kind;
	o.src = tp->src;
	o.dst = tp->dst;
	tun_ip4_write(&w, &o);
	gre_at = w.pos;
	if (tp->kind == TUN_GRE)
		gre_write(&w, tp);
	in_at = w.pos;
	wr_bytes(&w, inner, in.tot_len);
	if (tp->forwarding)
		inner_ttl_dec(&w, in_at, &in);
	if (tp->kind == TUN_GRE && tp->csum)
		wr_patch_u16(&w, gre_at + 4, tun_csum(out + gre_at, w.pos - gre_at));
	*out_len = w.pos;
	return 0;
}

/* RFC 2003 §3.1, RFC 2784 §3: what this decapsulator takes. */
static int outer_check(const struct tun_ip4 *h, struct mip_err *e)
{
	const char *const *nm = ip4_names[L_OUTER];

	if (h->frag & (TUN_IP4_MF | TUN_IP4_OFFMASK))
		return mip_fail(e, MIP_EINVAL, h->off + 6, nm[F_FRAG],
				"a fragment (MF %u, offset %u): not reassembled",
				(h->frag & TUN_IP4_MF) != 0, h->frag & TUN_IP4_OFFMASK);
	if (h->proto != TUN_IPIP && h->proto != TUN_GRE)
		return mip_fail(e, MIP_EINVAL, h->off + 9, nm[F_PROTO],
				"%u: not IP-in-IP (4) or GRE (47)", h->proto);
	return 0;
}

/* The inner packet fills the tunnel payload exactly. */
static int inner_take(struct rd *c, struct tun_pkt *t, struct mip_err *e)
{
	struct rd whole = *c;
	size_t end = c->end;

	if (ip4_take(c, &t->inner, L_INNER, e) < 0)
		return -1;
	if (c->end != end)
		return mip_fail(e, MIP_EINVAL, t->inner.off + 2, ip4_names[L_INNER][F_LEN],
				"%u bytes, the tunnel carries %zu", t->inner.tot_len,
				end - t->inner.off);
	t->inner_len = t->inner.tot_len;
	rd_bytes(&whole, t->inner_len, &t->inner_pkt); /* read above: cannot fail */
	return 0;
}

int tun_decap(const uint8_t *p, size_t len, struct tun_pkt *t, struct mip_err *e)
{
	struct rd c = rd_init(p, len);

	memset(t, 0, sizeof *t);
	if (ip4_take(&c, &t->outer, L_OUTER, e) < 0 || outer_check(&t->outer, e) < 0)
		return -1;
	t->kind = (enum tun_kind)t->outer.proto;
	if (t->kind == TUN_GRE && gre_take(&c, &t->gre, e) < 0)
		return -1;
	return inner_take(&c, t, e);
}
