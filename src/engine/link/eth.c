/* eth.c — Ethernet II frames with an optional 802.1Q tag (IEEE 802.3, RFC 894).  See eth.h.
 */
#include <string.h>

#include "eth.h"

const uint8_t eth_bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

/*
 * Ethernet II, with an optional IEEE 802.1Q tag:
 * +--------+--------+------------------+-----------+---------
 * | dst(6) | src(6) | [0x8100 | TCI]   | EtherType | payload
 * +--------+--------+------------------+-----------+---------
 */
static int eth_type(struct rd *c, struct eth_frame *f, struct mip_err *e)
{
	size_t at = c->pos;

	if (!rd_u16(c, &f->type))
		return mip_fail(e, MIP_ETRUNC, at, "Ethernet EtherType", "needs 2 bytes, %zu left",
				rd_left(c));
	if (f->type < ETH_TYPE_MIN)
		return mip_fail(e, MIP_EINVAL, at, "Ethernet EtherType",
				"0x%04x: an IEEE 802.3 Length, not Ethernet II", f->type);
	return 0;
}

int eth_parse(const uint8_t *p, size_t len, struct eth_frame *f, struct mip_err *e)
{
	struct rd c = rd_init(p, len);
	const uint8_t *a = NULL;

	memset(f, 0, sizeof *f);
	if (!rd_bytes(&c, ETH_ALEN, &a))
		return mip_fail(e, MIP_ETRUNC, 0, "Ethernet Destination", "needs 6 bytes, %zu left",
				len);
	memcpy(f->dst, a, ETH_ALEN);
	if (!rd_bytes(&c, ETH_ALEN, &a))
		return mip_fail(e, MIP_ETRUNC, 6, "Ethernet Source", "needs 6 bytes, %zu left",
				rd_left(&c));
	memcpy(f->src, a, ETH_ALEN);
	if (eth_type(&c, f, e) < 0)
		return -1;
	if (f->type == ETH_P_8021Q) {
		f->tagged = true;
		if (!rd_u16(&c, &f->tci))
			return mip_fail(e, MIP_ETRUNC, c.pos, "802.1Q TCI",
					"needs 2 bytes, %zu left", rd_left(&c));
		if (eth_type(&c, f, e) < 0)
			return -1;
		if (f->type == ETH_P_8021Q)
			return mip_fail(e, MIP_EINVAL, c.pos - 2, "Ethernet EtherType",
					"a second 802.1Q tag: not supported");
	}
	f->payload_off = c.pos;
	f->payload_len = rd_left(&c);
	rd_bytes(&c, f->payload_len, &f->payload);
	return 0;
}

void eth_write_hdr(struct wr *w, const uint8_t dst[ETH_ALEN], const uint8_t src[ETH_ALEN],
		   uint16_t type)
{
	wr_bytes(w, dst, ETH_ALEN);
	wr_bytes(w, src, ETH_ALEN);
	wr_u16(w, type);
}

void eth_pad(struct wr *w, size_t frame_start)
{
	while (!w->overflow && w->pos - frame_start < ETH_ZLEN)
		wr_u8(w, 0);
}

int eth_build(const uint8_t dst[ETH_ALEN], const uint8_t src[ETH_ALEN], uint16_t type,
	      const uint8_t *payload, size_t n, uint8_t *out, size_t cap, size_t *out_len,
	      struct mip_err *e)
{
	struct wr w = wr_init(out, cap);

	eth_write_hdr(&w, dst, src, type);
	wr_bytes(&w, payload, n);
	eth_pad(&w, 0);
	if (w.overflow)
		return mip_fail(e, MIP_EFULL, 0, "Ethernet frame", "needs %zu bytes, room for %zu",
				ETH_HLEN + n < ETH_ZLEN ? (size_t)ETH_ZLEN : ETH_HLEN + n, cap);
	*out_len = w.pos;
	return 0;
}
