/* msg.c — Mobile IP messages: the fixed parts of RRQ (RFC 5944 §3.3), RRP (§3.4),
 * Tunnel Data (RFC 3519 §3.3), Registration Revocation (RFC 3543 §3.3) and Revocation
 * Acknowledgment (§3.4), followed by the extension list, which runs to the end of the
 * datagram (RFC 5944 §1.8).
 *
 *   RRQ:    | 1 | S B D M G r T x | Lifetime | HoA | HA | CoA | Identification (8) |
 *   RRP:    | 3 | Code | Lifetime | HoA | HA | Identification (8) |
 *   TUNDATA:| 4 | Next Header | Reserved (2) | tunnelled packet ...
 *   REV:    | 7 | Reserved | A I Reserved (14) | HoA | HDA | FDA | Revocation Id |
 *   REVACK: | 15 | Reserved | I Reserved (15) | HoA | Revocation Id |
 */
#include <stddef.h>
#include <string.h>

#include "ext.h"
#include "auth.h"
#include "mip.h"

size_t mip_fixed_len(uint8_t type)
{
	switch (type) {
	case MIP_RRQ:
		return MIP_RRQ_LEN;
	case MIP_RRP:
		return MIP_RRP_LEN;
	case MIP_TUNDATA:
		return MIP_TUNDATA_LEN;
	case MIP_REV:
		return MIP_REV_LEN;
	case MIP_REVACK:
		return MIP_REVACK_LEN;
	default:
		return 0;
	}
}

void mip_msg_init(struct mip_msg *m, uint8_t type)
{
	/* everything but ext[], whose entries mip_ext_add clears as it hands them out */
	memset(m, 0, offsetof(struct mip_msg, ext));
	memset(&m->n_ext, 0, sizeof *m - offsetof(struct mip_msg, n_ext));
	m->type = type;
	m->known = mip_fixed_len(type) != 0;
	m->nonskip_unknown = -1;
}

struct mip_ext *mip_ext_add(struct mip_msg *m, uint8_t type, uint8_t subtype)
{
	const struct mip_ext_policy *pol = ext_policy(type);
	struct mip_ext *e;

	if (m->n_ext >= MIP_EXT_MAX)
		return NULL;
	e = &m->ext[m->n_ext++];
	memset(e, 0, sizeof *e);
	e->type = type;
	e->subtype = subtype;
	e->known = pol != NULL;
	e->fmt = pol ? pol->fmt : MIP_FMT_TLV;
	return e;
}

struct mip_ext *mip_ext_add_auth(struct mip_msg *m, uint8_t type, const struct mip_sa *sa)
{
	struct mip_ext *x = mip_ext_add(m, type, type == MIP_EXT_GENAUTH ? MIP_GENAUTH_MNAAA : 0);

	if (!x)
		return NULL;
	x->v.auth.spi = sa->spi;
	x->auth_mode = MIP_AUTH_COMPUTE;
	x->sa = sa;
	return x;
}

int mip_ext_index(const struct mip_msg *m, uint8_t type, int subtype)
{
	for (unsigned i = 0; i < m->n_ext; i++)
		if (m->ext[i].type == type && (subtype < 0 || m->ext[i].subtype == subtype))
			return (int)i;
	return -1;
}

const struct mip_ext *mip_ext_find(const struct mip_msg *m, uint8_t type, int subtype)
{
	int i = mip_ext_index(m, type, subtype);

	return i < 0 ? NULL : &m->ext[i];
}

struct mip_ext *mip_ext_get(struct mip_msg *m, uint8_t type, int subtype)
{
	int i = mip_ext_index(m, type, subtype);

	return i < 0 ? NULL : &m->ext[i];
}

void mip_ext_drop(struct mip_msg *m, uint8_t type, int subtype)
{
	unsigned n = 0;

	for (unsigned i = 0; i < m->n_ext; i++)
		if (m->ext[i].type != type || (subtype >= 0 && m->ext[i].subtype != subtype))
			m->ext[n++] = m->ext[i];
	m->n_ext = (uint8_t)n;
}

struct mip_ext *mip_ext_insert(struct mip_msg *m, unsigned at)
{
	if (m->n_ext >= MIP_EXT_MAX || at > m->n_ext)
		return NULL;
	for (unsigned i = m->n_ext; i > at; i--)
		m->ext[i] = m->ext[i - 1];
	m->n_ext++;
	return &m->ext[at];
}

int mip_ext_count(const struct mip_msg *m, uint8_t type, int subtype)
{
	int n = 0;

	for (unsigned i = 0; i < m->n_ext; i++)
		if (m->ext[i].type == type && (subtype < 0 || m->ext[i].subtype == subtype))
			n++;
	return n;
}

/* A fixed-part field: read it or fail as truncated, naming it. */
#define FIELD(read, c, dst, err, name)                                                     \
	do {                                                                               \
		if (!read((c), (dst)))                                                     \
			return mip_fail((err), MIP_ETRUNC, (c)->pos, (name),               \
					"needs %zu bytes, %zu left", sizeof *(dst), rd_left(c)); \
	} while (0)

static int dec_rrq(struct rd *c, struct mip_msg *m, struct mip_err *err)
{
	FIELD(rd_u8, c, &m->flags, err, "RRQ.Flags");
	FIELD(rd_u16, c, &m->lifetime, err, "RRQ.Lifetime");
	FIELD(rd_u32, c, &m->hoa, err, "RRQ.Home Address");
	FIELD(rd_u32, c, &m->ha, err, "RRQ.Home Agent");
	FIELD(rd_u32, c, &m->coa, err, "RRQ.Care-of Address");
	FIELD(rd_u64, c, &m->ident, err, "RRQ.Identification");
	return 0;
}

static int dec_rrp(struct rd *c, struct mip_msg *m, struct mip_err *err)
{
	FIELD(rd_u8, c, &m->code, err, "RRP.Code");
	FIELD(rd_u16, c, &m->lifetime, err, "RRP.Lifetime");
	FIELD(rd_u32, c, &m->hoa, err, "RRP.Home Address");
	FIELD(rd_u32, c, &m->ha, err, "RRP.Home Agent");
	FIELD(rd_u64, c, &m->ident, err, "RRP.Identification");
	return 0;
}

static int dec_rev(struct rd *c, struct mip_msg *m, struct mip_err *err)
{
	FIELD(rd_u8, c, &m->reserved8, err, "REV.Reserved");
	FIELD(rd_u16, c, &m->rflags, err, "REV.Flags");
	FIELD(rd_u32, c, &m->hoa, err, "REV.Home Address");
	FIELD(rd_u32, c, &m->ha, err, "REV.Home Domain Address");
	FIELD(rd_u32, c, &m->coa, err, "REV.Foreign Domain Address");
	FIELD(rd_u32, c, &m->revid, err, "REV.Revocation Identifier");
	return 0;
}

static int dec_revack(struct rd *c, struct mip_msg *m, struct mip_err *err)
{
	FIELD(rd_u8, c, &m->reserved8, err, "REVACK.Reserved");
	FIELD(rd_u16, c, &m->rflags, err, "REVACK.Flags");
	FIELD(rd_u32, c, &m->hoa, err, "REVACK.Home Address");
	FIELD(rd_u32, c, &m->revid, err, "REVACK.Revocation Identifier");
	return 0;
}

/* Tunnel Data and unknown types carry a body, not extensions. */
static int dec_body(struct rd *c, struct mip_msg *m, struct mip_err *err)
{
	if (m->type == MIP_TUNDATA) {
		FIELD(rd_u8, c, &m->nexthdr, err, "TUNDATA.Next Header");
		FIELD(rd_u16, c, &m->treserved, err, "TUNDATA.Reserved");
	}
	m->payload_len = (uint16_t)rd_left(c);
	rd_bytes(c, m->payload_len, &m->payload);
	return 0;
}

static int dec_exts(struct rd *c, struct mip_msg *m, struct mip_err *err)
{
	while (rd_left(c)) {
		struct mip_ext *e;

		if (m->n_ext >= MIP_EXT_MAX)
			return mip_fail(err, MIP_EINVAL, c->pos, "extensions",
					"more than %d extensions", MIP_EXT_MAX);
		e = &m->ext[m->n_ext];
		if (ext_decode_one(c, e, err, m->n_ext) < 0)
			return -1;
		if (!e->known && !ext_skippable(e->type) && m->nonskip_unknown < 0)
			m->nonskip_unknown = (int16_t)m->n_ext;
		m->n_ext++;
	}
	return 0;
}

int mip_decode(const uint8_t *buf, size_t len, struct mip_msg *m, struct mip_err *err)
{
	struct rd c = rd_init(buf, len);
	int rc;

	m->n_ext = 0;
	m->nonskip_unknown = -1;
	m->payload = NULL;
	m->payload_len = 0;
	m->trailer = NULL;
	m->trailer_len = 0;
	m->truncate_set = false;
	m->fixed_ok = false;
	if (len > MIP_MSG_MAX)
		return mip_fail(err, MIP_EINVAL, MIP_MSG_MAX, "message",
				"%zu bytes is larger than any UDP payload", len);
	m->len = (uint16_t)len;
	FIELD(rd_u8, &c, &m->type, err, "Type");
	m->known = mip_fixed_len(m->type) != 0;
	switch (m->type) {
	case MIP_RRQ:
		rc = dec_rrq(&c, m, err);
		break;
	case MIP_RRP:
		rc = dec_rrp(&c, m, err);
		break;
	case MIP_REV:
		rc = dec_rev(&c, m, err);
		break;
	case MIP_REVACK:
		rc = dec_revack(&c, m, err);
		break;
	default:
		rc = dec_body(&c, m, err);
		m->fixed_ok = rc == 0;
		return rc;
	}
	if (rc < 0)
		return rc;
	m->fixed_ok = true;
	return dec_exts(&c, m, err);
}

static void enc_fixed(const struct mip_msg *m, struct wr *w)
{
	wr_u8(w, m->type);
	switch (m->type) {
	case MIP_RRQ:
		wr_u8(w, m->flags);
		wr_u16(w, m->lifetime);
		wr_u32(w, m->hoa);
		wr_u32(w, m->ha);
		wr_u32(w, m->coa);
		wr_u64(w, m->ident);
		break;
	case MIP_RRP:
		wr_u8(w, m->code);
		wr_u16(w, m->lifetime);
		wr_u32(w, m->hoa);
		wr_u32(w, m->ha);
		wr_u64(w, m->ident);
		break;
	case MIP_REV:
	case MIP_REVACK:
		wr_u8(w, m->reserved8);
		wr_u16(w, m->rflags);
		wr_u32(w, m->hoa);
		if (m->type == MIP_REV) {
			wr_u32(w, m->ha);
			wr_u32(w, m->coa);
		}
		wr_u32(w, m->revid);
		break;
	case MIP_TUNDATA:
		wr_u8(w, m->nexthdr);
		wr_u16(w, m->treserved);
		break;
	default:
		break;
	}
	wr_bytes(w, m->payload, m->payload_len);
}

int mip_encode(const struct mip_msg *m, uint8_t *buf, size_t cap, size_t *out_len,
	       struct mip_err *err)
{
	struct wr w = wr_init(buf, cap);

	*out_len = 0;
	enc_fixed(m, &w);
	for (unsigned i = 0; i < m->n_ext && !w.overflow; i++)
		if (ext_encode_one(&m->ext[i], &w, 0, err) < 0)
			return -1;
	wr_bytes(&w, m->trailer, m->trailer_len);
	if (w.overflow)
		return mip_fail(err, MIP_EFULL, w.pos, "message",
				"does not fit in %zu bytes", cap);
	*out_len = w.pos;
	if (m->truncate_set && m->truncate < w.pos)
		*out_len = m->truncate;
	return 0;
}
