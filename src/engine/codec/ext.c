/* ext.c — extension headers: the generic walk over the three layouts of RFC 5944
 * §1.9-§1.11 and one-byte padding (§1.8), the skippable rule, and the policy table.
 * Per-type values are in ext_values.c.
 *
 *   TLV   (§1.9):  | Type | Length | Data ...                 Length = |Data|
 *   Short (§1.11): | Type | Length | Sub-Type | Data ...      Length = 1 + |Data|
 *   Long  (§1.10): | Type | Sub-Type | Length (16) | Data ... Length = |Data|
 */
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "ext.h"
#include "ext_values.h"

/* The policy table, sorted by type.  min/max bound the value bytes after the header
 * (after the Sub-Type for the short layout); sub-types refine them in their decoder. */
static const struct mip_ext_policy policy[] = {
	{ MIP_EXT_PAD, MIP_FMT_PAD, 0, 0, "pad", "One-byte Padding", "RFC 5944 §1.8",
	  NULL, NULL, NULL },
	{ MIP_EXT_MNHA, MIP_FMT_TLV, 4, 255, "mn-ha", "Mobile-Home Authentication",
	  "RFC 5944 §3.5.2", extv_auth_dec, NULL, extv_auth_show },
	{ MIP_EXT_MNFA, MIP_FMT_TLV, 4, 255, "mn-fa", "Mobile-Foreign Authentication",
	  "RFC 5944 §3.5.3", extv_auth_dec, NULL, extv_auth_show },
	{ MIP_EXT_FAHA, MIP_FMT_TLV, 4, 255, "fa-ha", "Foreign-Home Authentication",
	  "RFC 5944 §3.5.4", extv_auth_dec, NULL, extv_auth_show },
	{ MIP_EXT_GENAUTH, MIP_FMT_LONG, 4, 65535, "gen-auth", "Generalized Authentication",
	  "RFC 4721 §5", extv_auth_dec, NULL, extv_auth_show },
	{ MIP_EXT_CVSE, MIP_FMT_LONG, 6, 65535, "cvse",
	  "Critical Vendor/Organization Specific", "RFC 3115 §2.1", extv_cvse_dec,
	  extv_cvse_enc, extv_vse_show },
	{ MIP_EXT_UDPTUN_REP, MIP_FMT_SHORT, 5, 5, "udp-tun-rep", "UDP Tunnel Reply",
	  "RFC 3519 §3.2", extv_utrp_dec, extv_utrp_enc, extv_utrp_show },
	{ MIP_EXT_PMIP_NS, MIP_FMT_LONG, 0, 65535, "pmip", "PMIPv4 Non-Skippable",
	  "RFC 5563 §5.1", extv_pmip_ns_dec, extv_pmip_ns_enc, extv_pmip_ns_show },
	{ MIP_EXT_GREKEY, MIP_FMT_LONG, 4, 4, "gre-key", "GRE Key", "RFC 6245 §5",
	  extv_gre_dec, extv_gre_enc, extv_gre_show },
	{ MIP_EXT_EDS, MIP_FMT_TLV, 0, 0, "eds", "Encapsulating Delivery Style",
	  "RFC 3024 §3.3", NULL, NULL, NULL },
	{ MIP_EXT_NAI, MIP_FMT_TLV, 0, 255, "nai", "Mobile Node NAI", "RFC 2794 §2",
	  extv_bytes_dec, extv_bytes_enc, extv_nai_show },
	{ MIP_EXT_CHALLENGE, MIP_FMT_TLV, 0, 255, "challenge", "MN-FA Challenge",
	  "RFC 4721 §4", extv_bytes_dec, extv_bytes_enc, extv_challenge_show },
	{ MIP_EXT_NVSE, MIP_FMT_TLV, 8, 255, "nvse", "Normal Vendor/Organization Specific",
	  "RFC 3115 §2.2", extv_nvse_dec, extv_nvse_enc, extv_vse_show },
	{ MIP_EXT_REVSUP, MIP_FMT_TLV, 6, 6, "rev-support", "Revocation Support",
	  "RFC 3543 §3.2", extv_revsup_dec, extv_revsup_enc, extv_revsup_show },
	{ MIP_EXT_DYNHA, MIP_FMT_SHORT, 4, 4, "dyn-ha", "Dynamic HA", "RFC 4433 §3.4",
	  extv_dynha_dec, extv_dynha_enc, extv_dynha_show },
	{ MIP_EXT_UDPTUN_REQ, MIP_FMT_SHORT, 5, 5, "udp-tun-req", "UDP Tunnel Request",
	  "RFC 3519 §3.1", extv_utrq_dec, extv_utrq_enc, extv_utrq_show },
	{ MIP_EXT_MSGSTR, MIP_FMT_SHORT, 0, 254, "msg-string", "Message String",
	  "RFC 4917 §3", extv_bytes_dec, extv_bytes_enc, extv_msgstr_show },
	{ MIP_EXT_PMIP_SK, MIP_FMT_SHORT, 0, 254, "pmip-skip", "PMIPv4 Skippable",
	  "RFC 5563 §5.2-§5.5", extv_pmip_sk_dec, extv_pmip_sk_enc, extv_pmip_sk_show },
};

#define N_POLICY (sizeof policy / sizeof policy[0])

const struct mip_ext_policy *ext_policy(uint8_t type)
{
	for (unsigned i = 0; i < N_POLICY; i++)
		if (policy[i].type == type)
			return &policy[i];
	return NULL;
}

unsigned ext_policy_count(void)
{
	return N_POLICY;
}

const struct mip_ext_policy *ext_policy_at(unsigned i)
{
	return i < N_POLICY ? &policy[i] : NULL;
}

unsigned ext_hdr_len(uint8_t fmt)
{
	switch (fmt) {
	case MIP_FMT_PAD:
		return 1;
	case MIP_FMT_TLV:
		return 2;
	case MIP_FMT_SHORT:
		return 3;
	default:
		return 4;
	}
}

uint16_t ext_len_field(uint8_t fmt, uint16_t data_len)
{
	return fmt == MIP_FMT_SHORT ? (uint16_t)(data_len + 1) : data_len;
}

/* Name a field of extension `index` in the error: "ext[2] 147/4 Length". */
static const char *efield(struct mip_err *err, const struct mip_ext *e, int index,
			  const char *what)
{
	if (!err)
		return what;
	if (e->fmt == MIP_FMT_SHORT || e->fmt == MIP_FMT_LONG)
		snprintf(err->fieldbuf, sizeof err->fieldbuf, "ext[%d] %u/%u %s", index, e->type,
			 e->subtype, what);
	else
		snprintf(err->fieldbuf, sizeof err->fieldbuf, "ext[%d] %u %s", index, e->type,
			 what);
	return err->fieldbuf;
}

/* RFC 4433 draws 139 in the long layout, deployed decoders read it short (PROTOCOL.md
 * §2.5).  Accept both: short has Length = 5 at byte 1; long has the Sub-Type (1 or 2)
 * there and Length16 = 4 after it.  The two never collide. */
static uint8_t dynha_fmt(const struct rd *c)
{
	const uint8_t *p = c->base + c->pos;
	size_t left = rd_left(c);

	if (left >= 3 && p[0] != 5 && (p[0] == 1 || p[0] == 2) && p[1] == 0 && p[2] == 4)
		return MIP_FMT_LONG;
	return MIP_FMT_SHORT;
}

/* A 47 sent in the short layout (a known interop bug, DESIGN.md §6.3) reads as a long
 * header with a nonsense length.  Say so when that explains a failure. */
static const char *pmip_short_hint(const struct rd *c, size_t type_off)
{
	const uint8_t *p = c->base + type_off;
	size_t left = c->end - type_off;

	if (left >= 3 && p[1] >= 1 && (size_t)p[1] + 2 <= left && p[2] == MIP_PMIP_PERNODE)
		return " (the bytes fit the short layout; RFC 5563 §5.1 requires the long one)";
	return "";
}

static int read_header(struct rd *c, struct mip_ext *e, struct mip_err *err, int index)
{
	uint8_t len8;

	switch (e->fmt) {
	case MIP_FMT_TLV:
		if (!rd_u8(c, &len8))
			return mip_fail(err, MIP_ETRUNC, c->pos, efield(err, e, index, "Length"),
					"no Length byte");
		e->length = len8;
		e->data_len = len8;
		return 0;
	case MIP_FMT_SHORT:
		if (!rd_u8(c, &len8))
			return mip_fail(err, MIP_ETRUNC, c->pos, efield(err, e, index, "Length"),
					"no Length byte");
		e->length = len8;
		if (len8 < 1)
			return mip_fail(err, MIP_EINVAL, c->pos - 1,
					efield(err, e, index, "Length"),
					"Length 0 leaves no room for the Sub-Type (RFC 5944 §1.11)");
		if (!rd_u8(c, &e->subtype))
			return mip_fail(err, MIP_ETRUNC, c->pos, efield(err, e, index, "Sub-Type"),
					"no Sub-Type byte");
		e->data_len = (uint16_t)(len8 - 1);
		return 0;
	default: /* MIP_FMT_LONG */
		if (!rd_u8(c, &e->subtype))
			return mip_fail(err, MIP_ETRUNC, c->pos, efield(err, e, index, "Sub-Type"),
					"no Sub-Type byte");
		if (!rd_u16(c, &e->length))
			return mip_fail(err, MIP_ETRUNC, c->pos, efield(err, e, index, "Length"),
					"needs 2 bytes, %zu left%s", rd_left(c),
					e->type == MIP_EXT_PMIP_NS ? pmip_short_hint(c, e->off) : "");
		e->data_len = e->length;
		return 0;
	}
}

static int decode_value(struct rd *c, struct mip_ext *e, const struct mip_ext_policy *pol,
			struct mip_err *err, int index)
{
	struct rd sub;
	size_t at = c->pos;

	if (!rd_sub(c, e->data_len, &sub))
		return mip_fail(err, MIP_ETRUNC, at, efield(err, e, index, "Length"),
				"Length %u promises %u value bytes, %zu left%s", e->length,
				e->data_len, rd_left(c),
				e->type == MIP_EXT_PMIP_NS ? pmip_short_hint(c, e->off) : "");
	e->data = sub.base + sub.pos;
	if (!pol) {
		e->v.bytes.p = e->data;
		e->v.bytes.len = e->data_len;
		return 0;
	}
	if (e->data_len < pol->min_len || e->data_len > pol->max_len)
		return mip_fail(err, MIP_EINVAL, e->off, efield(err, e, index, "Length"),
				"Length %u: %s needs %u..%u value bytes (%s)", e->length,
				pol->title, pol->min_len, pol->max_len, pol->ref);
	if (pol->dec && pol->dec(e, &sub, err) < 0) {
		if (err && err->field && !strncmp(err->field, "value", 5))
			err->field = efield(err, e, index, err->field);
		return -1;
	}
	return 0;
}

int ext_decode_one(struct rd *c, struct mip_ext *e, struct mip_err *err, int index)
{
	const struct mip_ext_policy *pol;

	memset(e, 0, sizeof *e);
	e->off = (uint16_t)c->pos;
	if (!rd_u8(c, &e->type))
		return mip_fail(err, MIP_ETRUNC, c->pos, "ext Type", "no bytes left");
	pol = ext_policy(e->type);
	e->known = pol != NULL;
	e->fmt = pol ? pol->fmt : MIP_FMT_TLV; /* unknown types: walk as TLV (§1.9) */
	if (e->type == MIP_EXT_DYNHA)
		e->fmt = dynha_fmt(c);
	if (e->fmt == MIP_FMT_PAD) {
		uint8_t b;

		/* one entry per run of padding bytes, so floods fit in ext[] */
		e->v.pad.count = 1;
		while (rd_left(c) && c->base[c->pos] == MIP_EXT_PAD && e->v.pad.count < 0xffff) {
			rd_u8(c, &b);
			e->v.pad.count++;
		}
		return 0;
	}
	if (read_header(c, e, err, index) < 0)
		return -1;
	return decode_value(c, e, pol, err, index);
}

/* Authentication extensions: SPI, then an authenticator computed over everything
 * written so far, this header and the SPI included (RFC 5944 §3.5.1, RFC 4721 §6). */
static int encode_auth(const struct mip_ext *e, struct wr *w, size_t msg_start,
		       struct mip_err *err)
{
	uint8_t mac[AUTH_MAC_LEN];
	size_t n = e->auth_len_set ? e->auth_len : AUTH_MAC_LEN;

	wr_u32(w, e->v.auth.spi);
	if (w->overflow)
		return 0;
	if (!e->sa)
		return mip_fail(err, MIP_EINVAL, w->pos, "authenticator",
				"extension %u: no security association to compute with", e->type);
	if (auth_compute(e->sa->alg, e->sa->key, e->sa->key_len, w->base + msg_start,
			 w->pos - msg_start, mac) < 0)
		return mip_fail(err, MIP_EINVAL, w->pos, "authenticator", "MAC computation failed");
	if (e->auth_mode == MIP_AUTH_CORRUPT)
		mac[AUTH_MAC_LEN - 1] ^= 0x01;
	for (size_t i = 0; i < n; i++) /* authlen > 16 pads with zeros: a lying length */
		wr_u8(w, i < AUTH_MAC_LEN ? mac[i] : 0);
	return 0;
}

static uint16_t auth_data_len(const struct mip_ext *e)
{
	if (e->auth_mode == MIP_AUTH_GIVEN)
		return (uint16_t)(4 + e->v.auth.auth_len);
	return (uint16_t)(4 + (e->auth_len_set ? e->auth_len : AUTH_MAC_LEN));
}

static void encode_value(const struct mip_ext *e, struct wr *w)
{
	const struct mip_ext_policy *pol = ext_policy(e->type);

	if (e->raw)
		wr_bytes(w, e->data, e->data_len);
	else if (ext_is_auth(e->type)) {
		wr_u32(w, e->v.auth.spi);
		wr_bytes(w, e->v.auth.auth, e->v.auth.auth_len);
	} else if (pol && pol->enc)
		pol->enc(e, w);
	else if (!pol)
		wr_bytes(w, e->v.bytes.p, e->v.bytes.len);
}

static int write_header(const struct mip_ext *e, struct wr *w, size_t *len_at)
{
	wr_u8(w, e->type);
	if (e->fmt == MIP_FMT_LONG) {
		wr_u8(w, e->subtype);
		*len_at = w->pos;
		wr_u16(w, 0);
	} else {
		*len_at = w->pos;
		wr_u8(w, 0);
		if (e->fmt == MIP_FMT_SHORT)
			wr_u8(w, e->subtype);
	}
	return 0;
}

static int patch_length(const struct mip_ext *e, struct wr *w, size_t len_at, size_t data_len,
			struct mip_err *err)
{
	size_t len = e->length_set ? e->length : ext_len_field(e->fmt, (uint16_t)data_len);

	if (e->fmt == MIP_FMT_LONG) {
		if (len > 0xffff)
			return mip_fail(err, MIP_EINVAL, len_at, "ext Length",
					"value of %zu bytes does not fit a 16-bit Length", data_len);
		wr_patch_u16(w, len_at, (uint16_t)len);
	} else {
		if (len > 0xff)
			return mip_fail(err, MIP_EINVAL, len_at, "ext Length",
					"extension %u: value of %zu bytes does not fit an 8-bit "
					"Length (use the long layout)", e->type, data_len);
		wr_patch_u8(w, len_at, (uint8_t)len);
	}
	return 0;
}

int ext_encode_one(const struct mip_ext *e, struct wr *w, size_t msg_start, struct mip_err *err)
{
	size_t len_at, value_at;
	bool computed = ext_is_auth(e->type) && !e->raw && e->auth_mode != MIP_AUTH_GIVEN;

	if (e->fmt == MIP_FMT_PAD) {
		/* one byte per count; a type other than 0 here is a deliberate misuse */
		for (unsigned i = 0; i < (e->v.pad.count ? e->v.pad.count : 1u); i++)
			wr_u8(w, e->type);
		return 0;
	}
	write_header(e, w, &len_at);
	value_at = w->pos;
	if (computed) {
		/* the Length is covered by the authenticator: write it first */
		if (patch_length(e, w, len_at, auth_data_len(e), err) < 0)
			return -1;
		return encode_auth(e, w, msg_start, err);
	}
	encode_value(e, w);
	if (w->overflow)
		return 0;
	return patch_length(e, w, len_at, w->pos - value_at, err);
}
