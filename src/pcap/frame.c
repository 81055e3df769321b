/* frame.c — IPv4/UDP framing (RFC 791 §3.1, RFC 768) of Mobile IP messages, and finding
 * the IPv4 UDP datagram inside a captured frame of each supported link type, directly
 * or inside one IP-in-IP (RFC 2003 §3.1) or GRE (RFC 2784 §2, RFC 2890 §2) layer.
 *
 * Building goes through libnet's build-only mode (LIBNET_NONE): libnet lays out the
 * headers and computes the IPv4 header checksum and the UDP checksum.  libnet 1.1.6's
 * libnet_adv_cull_packet() refuses every mode but LIBNET_LINK_ADV (which opens a device
 * and needs root), so when it refuses we assemble with libnet_pblock_coalesce(), the
 * routine cull wraps: it is exported and declared in <libnet/libnet-functions.h>.
 *
 * Parsing reads every byte through the engine's cursor (wire.h).  A header that lies
 * about a length is FRAME_BAD with the field and its offset in the frame; a capture cut
 * short by the snapshot length is only flagged as truncated.  The tunnel layer is opened
 * by the tunnel codec (tun_decap), which checks the outer, GRE and inner headers; what it
 * refuses is not a datagram we look into.
 */
#include <libnet.h>
#include <pcap/pcap.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "wire.h"

#define IP4_HDR_MIN 20
#define UDP_HDR_LEN 8
#define IP4_MAX_LEN 65535
#define ETHERTYPE_IP4 0x0800
#define ETHERTYPE_VLAN 0x8100 /* IEEE 802.1Q */
#define ETHERTYPE_QINQ 0x88a8 /* IEEE 802.1ad */
#define ETHERTYPE_QINQ_OLD 0x9100
#define LINKTYPE_RAW 101      /* the value in files; libpcap maps it to DLT_RAW */
#define LINKTYPE_LOOP 108     /* likewise mapped to DLT_LOOP (12 on OpenBSD) */
#define AF_INET_ANY 2         /* AF_INET is 2 on every system that writes NULL/LOOP */

/* ---- building ---- */

/* One build-only libnet context for the process, cleared between packets. */
static libnet_t *frame_lnet;

static void frame_lnet_release(void)
{
	if (frame_lnet)
		libnet_destroy(frame_lnet);
	frame_lnet = NULL;
}

static libnet_t *frame_lnet_get(char *err, size_t errlen)
{
	char ebuf[LIBNET_ERRBUF_SIZE];

	if (frame_lnet) {
		libnet_clear_packet(frame_lnet);
		return frame_lnet;
	}
	ebuf[0] = '\0';
	frame_lnet = libnet_init(LIBNET_NONE, NULL, ebuf);
	if (!frame_lnet) {
		snprintf(err, errlen, "libnet_init: %s", ebuf);
		return NULL;
	}
	atexit(frame_lnet_release);
	return frame_lnet;
}

/* Assemble the packet with its checksums; see the note at the top of the file. */
static int frame_lnet_assemble(libnet_t *l, uint8_t **pkt, uint32_t *len)
{
	if (libnet_adv_cull_packet(l, pkt, len) == 0)
		return 0;
	return libnet_pblock_coalesce(l, pkt, len);
}

/* Copy the assembled packet out.  RFC 768: a computed UDP checksum of zero is sent as
 * all ones, since zero means "no checksum"; libnet 1.1.6 leaves it zero. */
static int frame_copy_out(const uint8_t *pkt, uint32_t plen, uint8_t *out, size_t cap,
			  char *err, size_t errlen)
{
	if (plen > cap) {
		snprintf(err, errlen, "frame of %u bytes does not fit in %zu", plen, cap);
		return -1;
	}
	memcpy(out, pkt, plen);
	if (plen >= IP4_HDR_MIN + UDP_HDR_LEN && out[26] == 0 && out[27] == 0)
		out[26] = out[27] = 0xff;
	return (int)plen;
}

int frame_build_ipv4_udp(const struct udp_ends *ends, uint16_t ip_id, const uint8_t *payload,
			 size_t len, uint8_t *out, size_t cap, char *err, size_t errlen)
{
	libnet_t *l;
	uint8_t *pkt = NULL;
	uint32_t plen = 0;
	int ret;

	if (len > IP4_MAX_LEN - IP4_HDR_MIN - UDP_HDR_LEN) {
		snprintf(err, errlen, "UDP payload of %zu bytes exceeds the IPv4 maximum of %d",
			 len, IP4_MAX_LEN - IP4_HDR_MIN - UDP_HDR_LEN);
		return -1;
	}
	l = frame_lnet_get(err, errlen);
	if (!l)
		return -1;
	if (libnet_build_udp(ends->sport, ends->dport, (uint16_t)(UDP_HDR_LEN + len), 0,
			     len ? payload : NULL, (uint32_t)len, l, 0) == -1 ||
	    libnet_build_ipv4((uint16_t)(IP4_HDR_MIN + UDP_HDR_LEN + len), 0, ip_id, 0, 64,
			      IPPROTO_UDP, 0, htonl(ends->src), htonl(ends->dst), NULL, 0, l,
			      0) == -1 ||
	    frame_lnet_assemble(l, &pkt, &plen) == -1) {
		snprintf(err, errlen, "libnet: %s", libnet_geterror(l));
		libnet_clear_packet(l);
		return -1;
	}
	ret = frame_copy_out(pkt, plen, out, cap, err, errlen);
	libnet_adv_free_packet(l, pkt);
	libnet_clear_packet(l);
	return ret;
}

/* ---- parsing ---- */

static enum frame_result frame_bad(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum frame_result frame_bad(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return FRAME_BAD;
}

/* Move the cursor to an absolute offset; false when it is past the captured bytes. */
static bool rd_seek(struct rd *c, size_t off)
{
	if (off > c->end)
		return false;
	c->pos = off;
	return true;
}

/* Ethernet II, then any number of 802.1Q / 802.1ad tags.  An 802.3 length field
 * (< 0x0600) means LLC, which carries no IPv4 we decode. */
static bool link_ether(struct rd *c, uint16_t *etype)
{
	if (!rd_seek(c, 12) || !rd_u16(c, etype))
		return false;
	while (*etype == ETHERTYPE_VLAN || *etype == ETHERTYPE_QINQ ||
	       *etype == ETHERTYPE_QINQ_OLD) {
		uint16_t tci;

		if (!rd_u16(c, &tci) || !rd_u16(c, etype))
			return false;
	}
	return true;
}

/* BSD loopback: a 4-byte address family, in the writer's byte order for NULL and in
 * network order for LOOP.  Files travel between machines, so accept either order. */
static bool link_null(struct rd *c, uint16_t *etype)
{
	uint32_t af;

	if (!rd_u32(c, &af))
		return false;
	*etype = (af == AF_INET_ANY || af == (uint32_t)AF_INET_ANY << 24) ? ETHERTYPE_IP4 : 0;
	return true;
}

/* Raw IP: the version nibble says which. */
static bool link_raw(struct rd *c, uint16_t *etype)
{
	uint8_t vihl;
	size_t at = c->pos;

	if (!rd_u8(c, &vihl))
		return false;
	c->pos = at;
	*etype = (vihl >> 4) == 4 ? ETHERTYPE_IP4 : 0;
	return true;
}

enum link_res { LINK_OK, LINK_SHORT, LINK_UNSUPPORTED };

/* DLT_LOOP and DLT_RAW differ between platforms (12 is LOOP on OpenBSD, RAW elsewhere);
 * libpcap maps the file's LINKTYPE_ values to this platform's DLT_ values, but a caller
 * may hand us the file value, so both are accepted.  Ifs, not a switch: on Linux
 * DLT_LOOP == LINKTYPE_LOOP would make duplicate case labels. */
static bool dlt_is_loop(int dlt)
{
	return dlt == DLT_NULL || dlt == DLT_LOOP || dlt == LINKTYPE_LOOP;
}

static bool dlt_is_raw(int dlt)
{
	return dlt == DLT_RAW || dlt == LINKTYPE_RAW || dlt == DLT_IPV4;
}

/* Leave the cursor at the network header and say what it is (an EtherType). */
static enum link_res frame_link(int dlt, struct rd *c, uint16_t *etype)
{
	bool ok;

	if (dlt == DLT_EN10MB)
		ok = link_ether(c, etype);
	else if (dlt == DLT_LINUX_SLL) /* 16 bytes; protocol at 14 */
		ok = rd_seek(c, 14) && rd_u16(c, etype);
	else if (dlt == DLT_LINUX_SLL2) /* 20 bytes; protocol at 0 */
		ok = rd_u16(c, etype) && rd_seek(c, 20);
	else if (dlt_is_loop(dlt))
		ok = link_null(c, etype);
	else if (dlt_is_raw(dlt))
		ok = link_raw(c, etype);
	else
		return LINK_UNSUPPORTED;
	return ok ? LINK_OK : LINK_SHORT;
}

int frame_net(int dlt, const uint8_t *frame, size_t caplen, size_t *net_off, uint16_t *etype)
{
	struct rd c = rd_init(frame, frame ? caplen : 0);

	*etype = 0;
	switch (frame_link(dlt, &c, etype)) {
	case LINK_UNSUPPORTED:
		return -2;
	case LINK_SHORT:
		return -1;
	case LINK_OK:
		break;
	}
	*net_off = c.pos;
	return 0;
}

struct ip4 {
	size_t off;      /* of the header, in the frame */
	unsigned hlen;   /* IHL * 4 */
	uint16_t tlen;   /* Total Length */
	uint16_t frag;   /* flags + fragment offset */
	uint8_t proto;
	uint32_t src, dst;
};

/* Read the fixed IPv4 header; false when there is none (too short, not version 4). */
static bool ip4_read(struct rd *c, struct ip4 *ip)
{
	uint8_t vihl, tos, ttl;
	uint16_t id, sum;
	struct rd h;

	ip->off = c->pos;
	if (!rd_sub(c, IP4_HDR_MIN, &h) || !rd_u8(&h, &vihl) || !rd_u8(&h, &tos) ||
	    !rd_u16(&h, &ip->tlen) || !rd_u16(&h, &id) || !rd_u16(&h, &ip->frag) ||
	    !rd_u8(&h, &ttl) || !rd_u8(&h, &ip->proto) || !rd_u16(&h, &sum) ||
	    !rd_u32(&h, &ip->src) || !rd_u32(&h, &ip->dst))
		return false;
	ip->hlen = (vihl & 0x0f) * 4u;
	return (vihl >> 4) == 4;
}

/* One IP-in-IP or GRE layer around the datagram: opened by the tunnel codec, which
 * checks every header of it.  On success the cursor holds the inner packet alone (the
 * bytes after it, link padding, are left out), ip is its header and fi->tun says which
 * tunnel it was; false for a packet of another protocol or one the codec refuses. */
static bool ip4_tunnel(struct rd *c, struct ip4 *ip, struct frame_info *fi)
{
	struct tun_pkt t;
	struct mip_err e;
	size_t in_off;

	if ((ip->proto != TUN_IPIP && ip->proto != TUN_GRE) ||
	    tun_decap(c->base + ip->off, c->end - ip->off, &t, &e) < 0)
		return false;
	in_off = (size_t)(t.inner_pkt - c->base);
	fi->tun.kind = (uint8_t)t.kind;
	fi->tun.off = ip->off;
	fi->tun.src = t.outer.src;
	fi->tun.dst = t.outer.dst;
	fi->tun.has_key = t.kind == TUN_GRE && t.gre.has_key;
	fi->tun.key = fi->tun.has_key ? t.gre.key : 0;
	c->end = in_off + t.inner_len;
	c->pos = in_off;
	return ip4_read(c, ip);
}

/* RFC 791 §3.1: the lengths must hold together and fit what was on the wire. */
static enum frame_result ip4_check(const struct ip4 *ip, size_t wire, char *err,
				   size_t errlen)
{
	size_t on_wire = wire > ip->off ? wire - ip->off : 0;

	if (ip->hlen < IP4_HDR_MIN)
		return frame_bad(err, errlen, "IPv4 IHL %u is below 5 (offset %zu)",
				 ip->hlen / 4, ip->off);
	if (ip->tlen < ip->hlen)
		return frame_bad(err, errlen,
				 "IPv4 Total Length %u is shorter than its %u-byte header "
				 "(offset %zu)", ip->tlen, ip->hlen, ip->off + 2);
	if (ip->tlen > on_wire)
		return frame_bad(err, errlen,
				 "IPv4 Total Length %u exceeds the %zu bytes on the wire "
				 "(offset %zu)", ip->tlen, on_wire, ip->off + 2);
	return FRAME_UDP4;
}

/* RFC 768 checksum over the pseudo-header and the whole datagram; true when it sums
 * to all ones (the sender's checksum is included). */
static bool udp4_sum_ok(uint32_t src, uint32_t dst, const uint8_t *dgram, size_t len)
{
	uint32_t sum = (src >> 16) + (src & 0xffff) + (dst >> 16) + (dst & 0xffff) +
		       IPPROTO_UDP + (uint32_t)len;

	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)dgram[i] << 8 | dgram[i + 1];
	if (len & 1)
		sum += (uint32_t)dgram[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum == 0xffff;
}

/* The UDP header of a fragment: only the first fragment has one, and its Length
 * speaks for the reassembled datagram, so nothing here can be checked or decoded. */
static enum frame_result udp4_fragment(struct rd *c, const struct ip4 *ip,
				       struct frame_info *fi)
{
	uint16_t ulen, sum;

	fi->fragment = true;
	if ((ip->frag & 0x1fff) != 0 || ip->tlen < ip->hlen + UDP_HDR_LEN ||
	    !rd_u16(c, &fi->ends.sport) || !rd_u16(c, &fi->ends.dport) || !rd_u16(c, &ulen) ||
	    !rd_u16(c, &sum))
		return FRAME_UDP4;
	fi->udp_checksum = sum;
	fi->payload_wire_len = ulen >= UDP_HDR_LEN ? ulen - UDP_HDR_LEN : 0;
	fi->payload_len = rd_left(c) < ip->tlen - ip->hlen - UDP_HDR_LEN ?
			  rd_left(c) : ip->tlen - ip->hlen - UDP_HDR_LEN;
	rd_bytes(c, fi->payload_len, &fi->payload);
	return FRAME_UDP4;
}

/* RFC 768: Length counts the 8-byte header and must fit in the IPv4 payload. */
static enum frame_result udp4_check(const struct ip4 *ip, uint16_t ulen, char *err,
				    size_t errlen)
{
	size_t at = ip->off + ip->hlen + 4;
	unsigned room = ip->tlen - ip->hlen;

	if (ulen < UDP_HDR_LEN)
		return frame_bad(err, errlen, "UDP Length %u is below 8 (offset %zu)", ulen, at);
	if (ulen > room)
		return frame_bad(err, errlen,
				 "UDP Length %u exceeds the %u bytes of IPv4 payload (offset %zu)",
				 ulen, room, at);
	return FRAME_UDP4;
}

static enum frame_result udp4_read(struct rd *c, const struct ip4 *ip, struct frame_info *fi,
				   char *err, size_t errlen)
{
	size_t udp_off = ip->off + ip->hlen;
	uint16_t ulen;
	struct rd dg;
	const uint8_t *all;

	if (ip->tlen < ip->hlen + UDP_HDR_LEN)
		return frame_bad(err, errlen,
				 "IPv4 Total Length %u leaves %u bytes for the 8-byte UDP header "
				 "(offset %zu)", ip->tlen, ip->tlen - ip->hlen, ip->off + 2);
	if (!rd_seek(c, udp_off) || rd_left(c) < UDP_HDR_LEN || !rd_u16(c, &fi->ends.sport) ||
	    !rd_u16(c, &fi->ends.dport) || !rd_u16(c, &ulen) || !rd_u16(c, &fi->udp_checksum)) {
		fi->ends.sport = fi->ends.dport = 0;
		fi->truncated = true; /* the snapshot length cut the headers */
		return FRAME_UDP4;
	}
	if (udp4_check(ip, ulen, err, errlen) == FRAME_BAD)
		return FRAME_BAD;
	fi->payload_wire_len = ulen - UDP_HDR_LEN;
	fi->payload_len = rd_left(c) < fi->payload_wire_len ? rd_left(c) : fi->payload_wire_len;
	rd_bytes(c, fi->payload_len, &fi->payload);
	fi->truncated = fi->payload_len < fi->payload_wire_len;
	if (fi->truncated)
		return FRAME_UDP4;
	fi->udp_checksum_ok = true;
	dg = *c;
	if (fi->udp_checksum && rd_seek(&dg, udp_off) && rd_bytes(&dg, ulen, &all))
		fi->udp_checksum_ok = udp4_sum_ok(ip->src, ip->dst, all, ulen);
	return FRAME_UDP4;
}

/* A zero-length frame probes whether a link type is supported: FRAME_OTHER if it is,
 * FRAME_BAD ("link type N is not supported") if not. */
enum frame_result frame_parse(int dlt, const uint8_t *frame, size_t caplen, size_t wirelen,
			      struct frame_info *fi, char *err, size_t errlen)
{
	struct rd c = rd_init(frame, frame ? caplen : 0);
	uint16_t etype = 0;
	struct ip4 ip;
	enum frame_result r;

	memset(fi, 0, sizeof *fi);
	switch (frame_link(dlt, &c, &etype)) {
	case LINK_UNSUPPORTED:
		return frame_bad(err, errlen, "link type %d is not supported", dlt);
	case LINK_SHORT:
		return FRAME_OTHER;
	case LINK_OK:
		break;
	}
	if (etype != ETHERTYPE_IP4 || !ip4_read(&c, &ip))
		return FRAME_OTHER;
	if (ip.proto != IPPROTO_UDP && !(ip4_tunnel(&c, &ip, fi) && ip.proto == IPPROTO_UDP)) {
		memset(&fi->tun, 0, sizeof fi->tun);
		return FRAME_OTHER;
	}
	fi->ip_off = ip.off;
	fi->ends.src = ip.src;
	fi->ends.dst = ip.dst;
	/* inside a tunnel the codec has checked the inner lengths against the outer's */
	r = ip4_check(&ip, fi->tun.kind ? c.end : (wirelen > caplen ? wirelen : caplen), err,
		      errlen);
	if (r != FRAME_UDP4)
		return r;
	if (!rd_seek(&c, ip.off + ip.hlen)) {
		fi->truncated = true; /* options cut by the snapshot length */
		return FRAME_UDP4;
	}
	if (ip.frag & 0x3fff)
		return udp4_fragment(&c, &ip, fi);
	return udp4_read(&c, &ip, fi, err, errlen);
}
