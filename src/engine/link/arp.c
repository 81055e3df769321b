/* arp.c — ARP for IPv4 over Ethernet (RFC 826), gratuitous ARP (RFC 5227 §2.3), for the
 * PMA's appearance of the home link (RFC 5563 §6.1).  See arp.h.
 */
#include <string.h>

#include "arp.h"

/*
 * RFC 826, for hardware Ethernet and protocol IPv4:
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      Hardware Type (1)        |     Protocol Type (0x0800)    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  HLEN (6)     |   PLEN (4)    |     Opcode (1 req, 2 reply)   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |              Sender Hardware Address (6 bytes) ...            |
 * |               ...             |   Sender Protocol Address     |
 * |     ...(4 bytes)              | Target Hardware Address ...   |
 * |              ...   (6 bytes)                                  |
 * |                   Target Protocol Address                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
enum arp_field { A_HRD, A_PRO, A_HLN, A_PLN, A_OP, A_SHA, A_SPA, A_THA, A_TPA, A_COUNT };

static const char *const arp_names[A_COUNT] = {
	"ARP Hardware Type", "ARP Protocol Type", "ARP Hardware Length",
	"ARP Protocol Length", "ARP Opcode", "ARP Sender Hardware Address",
	"ARP Sender Protocol Address", "ARP Target Hardware Address",
	"ARP Target Protocol Address",
};

static const uint8_t arp_at[A_COUNT] = { 0, 2, 4, 5, 6, 8, 14, 18, 24 };

static enum arp_field arp_field_at(size_t off)
{
	int f = A_COUNT - 1;

	while (f > 0 && arp_at[f] > off)
		f--;
	return (enum arp_field)f;
}

static int arp_short(size_t len, struct mip_err *e)
{
	return mip_fail(e, MIP_ETRUNC, len, arp_names[arp_field_at(len)],
			"needs %d bytes, %zu present", ARP_LEN, len);
}

static int arp_check(const struct arp_pkt *a, struct mip_err *e)
{
	if (a->hrd != ARP_HRD_ETHER)
		return mip_fail(e, MIP_EINVAL, 0, arp_names[A_HRD], "%u: not Ethernet (1)", a->hrd);
	if (a->pro != ARP_PRO_IP)
		return mip_fail(e, MIP_EINVAL, 2, arp_names[A_PRO], "0x%04x: not IPv4", a->pro);
	if (a->hln != ETH_ALEN)
		return mip_fail(e, MIP_EINVAL, 4, arp_names[A_HLN], "%u: not 6", a->hln);
	if (a->pln != 4)
		return mip_fail(e, MIP_EINVAL, 5, arp_names[A_PLN], "%u: not 4", a->pln);
	if (a->op != ARP_REQUEST && a->op != ARP_REPLY)
		return mip_fail(e, MIP_EINVAL, 6, arp_names[A_OP], "%u: not request or reply",
				a->op);
	return 0;
}

/* The fixed part is checked before the addresses are needed, so that a short packet of
 * the wrong kind is reported as invalid rather than truncated. */
int arp_parse(const uint8_t *p, size_t len, struct arp_pkt *a, struct mip_err *e)
{
	struct rd c = rd_init(p, len);
	const uint8_t *m = NULL;

	memset(a, 0, sizeof *a);
	if (len < 8)
		return arp_short(len, e);
	rd_u16(&c, &a->hrd);
	rd_u16(&c, &a->pro);
	rd_u8(&c, &a->hln);
	rd_u8(&c, &a->pln);
	rd_u16(&c, &a->op);
	if (arp_check(a, e) < 0)
		return -1;
	if (len < ARP_LEN)
		return arp_short(len, e);
	rd_bytes(&c, ETH_ALEN, &m);
	memcpy(a->sha, m, ETH_ALEN);
	rd_u32(&c, &a->spa);
	rd_bytes(&c, ETH_ALEN, &m);
	memcpy(a->tha, m, ETH_ALEN);
	rd_u32(&c, &a->tpa);
	return 0;
}

void arp_write(struct wr *w, const struct arp_pkt *a)
{
	wr_u16(w, a->hrd);
	wr_u16(w, a->pro);
	wr_u8(w, a->hln);
	wr_u8(w, a->pln);
	wr_u16(w, a->op);
	wr_bytes(w, a->sha, ETH_ALEN);
	wr_u32(w, a->spa);
	wr_bytes(w, a->tha, ETH_ALEN);
	wr_u32(w, a->tpa);
}

static int arp_frame(const uint8_t dst[ETH_ALEN], const struct arp_pkt *a, uint8_t *out,
		     size_t cap, size_t *out_len, struct mip_err *e)
{
	struct wr w = wr_init(out, cap);

	eth_write_hdr(&w, dst, a->sha, ETH_P_ARP);
	arp_write(&w, a);
	eth_pad(&w, 0);
	if (w.overflow)
		return mip_fail(e, MIP_EFULL, 0, "ARP frame", "needs %d bytes, room for %zu",
				ETH_ZLEN, cap);
	*out_len = w.pos;
	return 0;
}

/* RFC 826, "Packet Reception": swap sender and target, put in our hardware address,
 * set the opcode to reply, send to the old sender. */
int arp_reply(const struct arp_pkt *req, const uint8_t mac[ETH_ALEN], uint8_t *out,
	      size_t cap, size_t *out_len, struct mip_err *e)
{
	struct arp_pkt r = *req;

	if (arp_check(req, e) < 0)
		return -1;
	if (req->op != ARP_REQUEST)
		return mip_fail(e, MIP_EINVAL, 6, arp_names[A_OP], "%u: only a request is answered",
				req->op);
	r.op = ARP_REPLY;
	memcpy(r.sha, mac, ETH_ALEN);
	r.spa = req->tpa;
	memcpy(r.tha, req->sha, ETH_ALEN);
	r.tpa = req->spa;
	return arp_frame(req->sha, &r, out, cap, out_len, e);
}

int arp_request(const uint8_t mac[ETH_ALEN], uint32_t spa, uint32_t tpa, uint8_t *out,
		size_t cap, size_t *out_len, struct mip_err *e)
{
	struct arp_pkt a = {
		.hrd = ARP_HRD_ETHER, .pro = ARP_PRO_IP, .hln = ETH_ALEN, .pln = 4,
		.op = ARP_REQUEST, .spa = spa, .tpa = tpa,
	};

	memcpy(a.sha, mac, ETH_ALEN);
	return arp_frame(eth_bcast, &a, out, cap, out_len, e);
}

int arp_gratuitous(const uint8_t mac[ETH_ALEN], uint32_t ip, uint8_t *out, size_t cap,
		   size_t *out_len, struct mip_err *e)
{
	return arp_request(mac, ip, ip, out, cap, out_len, e);
}
