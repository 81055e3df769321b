/* ext_values.c — the value part of each known extension: decode from its own cursor,
 * encode from struct mip_ext.v, and describe field by field.  Layouts are drawn above
 * each group, bytes after the extension header (PROTOCOL.md §2).
 */
#include "ext_values.h"
#include "txt.h"
#include "names.h"

static int rest_bytes(struct rd *c, const uint8_t **p, uint16_t *n)
{
	*n = (uint16_t)rd_left(c);
	return rd_bytes(c, *n, p) ? 0 : -1;
}

static int need(struct rd *c, size_t n, struct mip_err *err, const char *field)
{
	if (rd_left(c) == n)
		return 0;
	return mip_fail(err, MIP_EINVAL, c->pos, field, "needs exactly %zu bytes, has %zu", n,
			rd_left(c));
}

/* 32, 33, 34 (RFC 5944 §3.5.2-4), 36 (RFC 4721 §5): | SPI (4) | Authenticator ... | */
int extv_auth_dec(struct mip_ext *e, struct rd *c, struct mip_err *err)
{
	rd_u32(c, &e->v.auth.spi); /* min_len 4 guarantees it */
	return rest_bytes(c, &e->v.auth.auth, &e->v.auth.auth_len);
}

void extv_auth_show(const struct mip_ext *e, const struct show *s)
{
	if (e->type == MIP_EXT_GENAUTH)
		s->ops->named(s->sink, "subtype", e->subtype, name_of(&names_genauth, e->subtype));
	s->ops->u(s->sink, "spi", e->v.auth.spi);
	s->ops->hex(s->sink, "authenticator", e->v.auth.auth, e->v.auth.auth_len);
}

/* 38 CVSE (RFC 3115 §2.1), Reserved in the Sub-Type position:
 *   | Vendor/Org-ID (4) | Vendor-CVSE-Type (2) | Value ... |
 * 134 NVSE (RFC 3115 §2.2):
 *   | Reserved (2) | Vendor/Org-ID (4) | Vendor-NVSE-Type (2) | Value ... | */
int extv_cvse_dec(struct mip_ext *e, struct rd *c, struct mip_err *err)
{
	rd_u32(c, &e->v.vse.vendor);
	rd_u16(c, &e->v.vse.vtype);
	return rest_bytes(c, &e->v.vse.value, &e->v.vse.value_len);
}

void extv_cvse_enc(const struct mip_ext *e, struct wr *w)
{
	wr_u32(w, e->v.vse.vendor);
	wr_u16(w, e->v.vse.vtype);
	wr_bytes(w, e->v.vse.value, e->v.vse.value_len);
}

int extv_nvse_dec(struct mip_ext *e, struct rd *c, struct mip_err *err)
{
	rd_u16(c, &e->v.vse.reserved);
	return extv_cvse_dec(e, c, err);
}

void extv_nvse_enc(const struct mip_ext *e, struct wr *w)
{
	wr_u16(w, e->v.vse.reserved);
	extv_cvse_enc(e, w);
}

void extv_vse_show(const struct mip_ext *e, const struct show *s)
{
	s->ops->u(s->sink, "reserved", e->type == MIP_EXT_CVSE ? e->subtype : e->v.vse.reserved);
	s->ops->u(s->sink, "vendor", e->v.vse.vendor);
	s->ops->u(s->sink, "vendor_type", e->v.vse.vtype);
	s->ops->hex(s->sink, "value", e->v.vse.value, e->v.vse.value_len);
}

/* 44 UDP Tunnel Reply (RFC 3519 §3.2), Sub-Type 0:
 *   | Reply Code (1) | F | Reserved (15) | Keepalive Interval (2) | */
int extv_utrp_dec(struct mip_ext *e, struct rd *c, struct mip_err *err)
{
	rd_u8(c, &e->v.utrp.code);
	rd_u16(c, &e->v.utrp.flags);
	rd_u16(c, &e->v.utrp.keepalive);
	return 0;
}

void extv_utrp_enc(const struct mip_ext *e, struct wr *w)
{
	wr_u8(w, e->v.utrp.code);
	wr_u16(w, e->v.utrp.flags);
	wr_u16(w, e->v.utrp.keepalive);
}

void extv_utrp_show(const struct mip_ext *e, const struct show *s)
{
	s->ops->u(s->sink, "subtype", e->subtype);
	s->ops->u(s->sink, "code", e->v.utrp.code);
	s->ops->flag(s->sink, "F", !!(e->v.utrp.flags & MIP_UTRP_F));
	s->ops->x(s->sink, "reserved", e->v.utrp.flags & 0x7fff, 4);
	s->ops->u(s->sink, "keepalive", e->v.utrp.keepalive);
}

/* 144 UDP Tunnel Request (RFC 3519 §3.1), Sub-Type 0:
 *   | Reserved 1 (1) | F R Reserved 2 (6 bits) | Encapsulation (1) | Reserved 3 (2) | */
int extv_utrq_dec(struct mip_ext *e, struct rd *c, struct mip_err *err)
{
	rd_u8(c, &e->v.utrq.reserved1);
	rd_u8(c, &e->v.utrq.flags);
	rd_u8(c, &e->v.utrq.encap);
	rd_u16(c, &e->v.utrq.reserved3);
	return 0;
}

void extv_utrq_enc(const struct mip_ext *e, struct wr *w)
{
	wr_u8(w, e->v.utrq.reserved1);
	wr_u8(w, e->v.utrq.flags);
	wr_u8(w, e->v.utrq.encap);
	wr_u16(w, e->v.utrq.reserved3);
}

void extv_utrq_show(const struct mip_ext *e, const struct show *s)
{
	s->ops->u(s->sink, "subtype", e->subtype);
	s->ops->u(s->sink, "reserved1", e->v.utrq.reserved1);
	s->ops->flag(s->sink, "F", !!(e->v.utrq.flags & MIP_UTRQ_F));
	s->ops->flag(s->sink, "R", !!(e->v.utrq.flags & MIP_UTRQ_R));
	s->ops->x(s->sink, "reserved2", e->v.utrq.flags & 0x3f, 2);
	s->ops->named(s->sink, "encapsulation", e->v.utrq.encap,
		      name_of(&names_nexthdr, e->v.utrq.encap));
	s->ops->u(s->sink, "reserved3", e->v.utrq.reserved3);
}

/* 47 PMIPv4 Non-Skippable (RFC 5563 §5.1), long layout, Sub-Type 1 Per-Node
 * Authentication Method: | Method (1) |, Length = 1.  Other sub-types: raw bytes. */
int extv_pmip_ns_dec(struct mip_ext *e, struct rd *c, struct mip_err *err)
{
	if (e->subtype != MIP_PMIP_PERNODE)
		return rest_bytes(c, &e->v.bytes.p, &e->v.bytes.len);
	if (need(c, 1, err, "value Method (RFC 5563 §5.1: Length = 1)") < 0)
		return -1;
	rd_u8(c, &e->v.pernode.method);
	return 0;
}

void extv_pmip_ns_enc(const struct mip_ext *e, struct wr *w)
{
	if (e->subtype == MIP_PMIP_PERNODE)
		wr_u8(w, e->v.pernode.method);
	else
		wr_bytes(w, e->v.bytes.p, e->v.bytes.len);
}

void extv_pmip_ns_show(const struct mip_ext *e, const struct show *s)
{
	s->ops->named(s->sink, "subtype", e->subtype, name_of(&names_pmip_ns, e->subtype));
	if (e->subtype == MIP_PMIP_PERNODE)
		s->ops->named(s->sink, "method", e->v.pernode.method,
			      name_of(&names_pernode, e->v.pernode.method));
	else
		s->ops->hex(s->sink, "data", e->v.bytes.p, e->v.bytes.len);
}

/* 147 PMIPv4 Skippable (RFC 5563 §5.2-§5.5), short layout:
 *   1 Interface ID:   | Identifier ... |
 *   2 Device ID:      | ID-Type (1) | Identifier ... |
 *   3 Subscriber ID:  | ID-Type (1) | Identifier ... |
 *   4 Access Tech:    | Tech-Type (1) |                  (Length = 2) */
int extv_pmip_sk_dec(struct mip_ext *e, struct rd *c, struct mip_err *err)
{
	switch (e->subtype) {
	case MIP_PMIP_DEVID:
	case MIP_PMIP_SUBID:
		if (!rd_u8(c, &e->v.pmid.idtype))
			return mip_fail(err, MIP_EINVAL, c->pos, "value ID-Type",
					"Length leaves no room for the ID-Type (RFC 5563 §5.3-§5.4)");
		return rest_bytes(c, &e->v.pmid.id, &e->v.pmid.id_len);
	case MIP_PMIP_ACCTECH:
		if (need(c, 1, err, "value Tech-Type (RFC 5563 §5.5: Length = 2)") < 0)
			return -1;
		rd_u8(c, &e->v.acctech.tech);
		return 0;
	default: /* 1 Interface ID, and unknown sub-types */
		return rest_bytes(c, &e->v.bytes.p, &e->v.bytes.len);
	}
}

void extv_pmip_sk_enc(const struct mip_ext *e, struct wr *w)
{
	switch (e->subtype) {
	case MIP_PMIP_DEVID:
	case MIP_PMIP_SUBID:
		wr_u8(w, e->v.pmid.idtype);
		wr_bytes(w, e->v.pmid.id, e->v.pmid.id_len);
		break;
	case MIP_PMIP_ACCTECH:
		wr_u8(w, e->v.acctech.tech);
		break;
	default:
		wr_bytes(w, e->v.bytes.p, e->v.bytes.len);
	}
}

/* §5.4 ID-Type 1: the IMSI as its digits too, ASCII or TBCD (txt_imsi). */
static void extv_imsi_show(const struct mip_ext *e, const struct show *s)
{
	char imsi[24];
	size_t n;

	if (e->subtype == MIP_PMIP_SUBID && e->v.pmid.idtype == 1 &&
	    (n = txt_imsi(e->v.pmid.id, e->v.pmid.id_len, imsi, sizeof imsi)))
		s->ops->str(s->sink, "imsi", (const uint8_t *)imsi, n);
}

void extv_pmip_sk_show(const struct mip_ext *e, const struct show *s)
{
	const struct name_table *ids = e->subtype == MIP_PMIP_DEVID ? &names_devid_type
								     : &names_subid_type;

	s->ops->named(s->sink, "subtype", e->subtype, name_of(&names_pmip_sk, e->subtype));
	switch (e->subtype) {
	case MIP_PMIP_DEVID:
	case MIP_PMIP_SUBID:
		s->ops->named(s->sink, "id_type", e->v.pmid.idtype, name_of(ids, e->v.pmid.idtype));
		s->ops->hex(s->sink, "id", e->v.pmid.id, e->v.pmid.id_len);
		extv_imsi_show(e, s);
		break;
	case MIP_PMIP_ACCTECH:
		s->ops->named(s->sink, "tech", e->v.acctech.tech,
			      name_of(&names_tech, e->v.acctech.tech));
		break;
	case MIP_PMIP_IFID:
		s->ops->str(s->sink, "interface_id", e->v.bytes.p, e->v.bytes.len);
		break;
	default:
		s->ops->hex(s->sink, "data", e->v.bytes.p, e->v.bytes.len);
	}
}

/* 48 GRE Key (RFC 6245 §5), long layout, Sub-Type 0: | Key Identifier (4) | */
int extv_gre_dec(struct mip_ext *e, struct rd *c, struct mip_err *err)
{
	rd_u32(c, &e->v.gre.key);
	return 0;
}

void extv_gre_enc(const struct mip_ext *e, struct wr *w)
{
	wr_u32(w, e->v.gre.key);
}

void extv_gre_show(const struct mip_ext *e, const struct show *s)
{
	s->ops->u(s->sink, "subtype", e->subtype);
	s->ops->u(s->sink, "key", e->v.gre.key);
}

/* 131 NAI (RFC 2794 §2), 132 Challenge (RFC 4721 §4), 145 Message String (RFC 4917 §3):
 * the value is the bytes themselves. */
int extv_bytes_dec(struct mip_ext *e, struct rd *c, struct mip_err *err)
{
	return rest_bytes(c, &e->v.bytes.p, &e->v.bytes.len);
}

void extv_bytes_enc(const struct mip_ext *e, struct wr *w)
{
	wr_bytes(w, e->v.bytes.p, e->v.bytes.len);
}

void extv_nai_show(const struct mip_ext *e, const struct show *s)
{
	s->ops->str(s->sink, "nai", e->v.bytes.p, e->v.bytes.len);
}

void extv_challenge_show(const struct mip_ext *e, const struct show *s)
{
	s->ops->hex(s->sink, "challenge", e->v.bytes.p, e->v.bytes.len);
}

void extv_msgstr_show(const struct mip_ext *e, const struct show *s)
{
	s->ops->named(s->sink, "subtype", e->subtype, name_of(&names_msgstr, e->subtype));
	s->ops->str(s->sink, "text", e->v.bytes.p, e->v.bytes.len);
}

/* 137 Revocation Support (RFC 3543 §3.2): | I | Reserved (15) | Timestamp (4) | */
int extv_revsup_dec(struct mip_ext *e, struct rd *c, struct mip_err *err)
{
	rd_u16(c, &e->v.rev.flags);
	rd_u32(c, &e->v.rev.ts);
	return 0;
}

void extv_revsup_enc(const struct mip_ext *e, struct wr *w)
{
	wr_u16(w, e->v.rev.flags);
	wr_u32(w, e->v.rev.ts);
}

void extv_revsup_show(const struct mip_ext *e, const struct show *s)
{
	s->ops->flag(s->sink, "I", !!(e->v.rev.flags & MIP_REVSUP_I));
	s->ops->x(s->sink, "reserved", e->v.rev.flags & 0x7fff, 4);
	s->ops->u(s->sink, "timestamp", e->v.rev.ts);
}

/* 139 Dynamic HA (RFC 4433 §3.4): | Home Agent Address (4) |, short or long layout
 * (PROTOCOL.md §2.5; DESIGN.md §6.4). */
int extv_dynha_dec(struct mip_ext *e, struct rd *c, struct mip_err *err)
{
	rd_u32(c, &e->v.dynha.ha);
	return 0;
}

void extv_dynha_enc(const struct mip_ext *e, struct wr *w)
{
	wr_u32(w, e->v.dynha.ha);
}

void extv_dynha_show(const struct mip_ext *e, const struct show *s)
{
	s->ops->named(s->sink, "subtype", e->subtype, name_of(&names_dynha, e->subtype));
	s->ops->named(s->sink, "layout", e->fmt, e->fmt == MIP_FMT_LONG ? "long" : "short");
	s->ops->ip(s->sink, "ha", e->v.dynha.ha);
}
