/* ha_fwd.c — the HA end of the PMA-HA tunnel: RFC 5944 §4.2.3 (forward tunnel),
 * RFC 3024 §4.3.2 (reverse tunnel checks), RFC 5563 §4.2 (bidirectional PMIPv4 tunnel,
 * §4.2.3 device to device through the HA), RFC 6245 §5 (asymmetric GRE keys).
 * See ha_fwd.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "binding.h"
#include "ha_fwd.h"
#include "txt.h"

static const char *const result_names[FWD_COUNT] = {
	[FWD_OK] = "ok",
	[FWD_NOT_OURS] = "not-ours",
	[FWD_MALFORMED] = "malformed",
	[FWD_BAD_OUTER_SRC] = "bad-outer-src",
	[FWD_BAD_OUTER_DST] = "bad-outer-dst",
	[FWD_NO_REVERSE] = "no-reverse-tunnel",
	[FWD_BAD_ENCAP] = "bad-encap",
	[FWD_BAD_KEY] = "bad-gre-key",
	[FWD_TTL_EXPIRED] = "ttl-expired",
	[FWD_TOO_BIG] = "too-big",
	[FWD_NO_ROOM] = "no-room",
	[FWD_FAULT_DROP] = "fwd-drop",
};

const char *ha_fwd_result_name(enum ha_fwd_result r)
{
	return (unsigned)r < FWD_COUNT ? result_names[r] : "?";
}

void ha_fwd_init(struct ha_fwd *fw, const struct ha *ha)
{
	memset(fw, 0, sizeof *fw);
	fw->ha = ha;
}

/* Say why in err (as an invalid field) and return r. */
static enum ha_fwd_result refuse(enum ha_fwd_result r, struct mip_err *err, size_t off,
				 const char *field, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static enum ha_fwd_result refuse(enum ha_fwd_result r, struct mip_err *err, size_t off,
				 const char *field, const char *fmt, ...)
{
	char detail[sizeof err->detail];
	va_list ap;

	if (!err)
		return r; /* the caller wants no reason: format nothing */
	va_start(ap, fmt);
	vsnprintf(detail, sizeof detail, fmt, ap);
	va_end(ap);
	mip_fail(err, MIP_EINVAL, off, field, "%s", detail);
	return r;
}

static const struct bnd *binding_of(const struct ha_fwd *fw, uint32_t hoa)
{
	return hoa ? bnd_by_hoa(ha_bindings(fw->ha), hoa) : NULL;
}

static uint32_t coa_at(const struct bnd *b, unsigned k)
{
	return k == 0 ? b->coa : b->extra[k - 1].coa;
}

/* RFC 5944 §4.2.3: from the registered HA address; RFC 6245 §5: the FA-assigned key. */
static void tunnel_to(const struct ha_fwd *fw, const struct bnd *b, unsigned k, uint16_t id,
		      struct tun_params *tp)
{
	bool gre = b->flags & BND_GRE;

	*tp = (struct tun_params){
		.kind = gre ? TUN_GRE : TUN_IPIP, .src = b->ha, .dst = coa_at(b, k), .id = id,
		.forwarding = true, .has_key = gre && b->gre_fa, .key = b->gre_fa,
	};
	ha_fwd_fault_tunnel(fw, b, tp);
}

/* Encapsulate ip toward care-of address k of the binding of its destination. */
static enum ha_fwd_result encap_to(struct ha_fwd *fw, const uint8_t *ip, size_t len, unsigned k,
				   struct ha_fwd_out *out, struct mip_err *err)
{
	struct mip_err scratch; /* when the caller wants no reason (err NULL) */
	struct tun_params tp;
	struct tun_ip4 h;
	const struct bnd *b;

	out->len = 0;
	out->next_hop = 0;
	out->copies = 0;
	if (tun_ip4_parse(ip, len, &h, err) < 0)
		return FWD_MALFORMED;
	b = binding_of(fw, h.dst);
	if (!b && !err)
		return FWD_NOT_OURS; /* most packets the relay sees: format nothing */
	if (!b)
		return refuse(FWD_NOT_OURS, err, 16, "IPv4 Destination Address",
			      "%s has no binding", txt_ip4(h.dst).s);
	out->copies = 1u + b->n_extra;
	if (k >= out->copies)
		return refuse(FWD_NOT_OURS, err, 16, "IPv4 Destination Address",
			      "no care-of address %u: %s has %u", k, txt_ip4(h.dst).s,
			      out->copies);
	if (h.ttl <= 1)
		return refuse(FWD_TTL_EXPIRED, err, 8, "IPv4 TTL", "%u: would reach 0", h.ttl);
	tunnel_to(fw, b, k, fw->ip_id, &tp);
	if (tun_encap(&tp, ip, len, out->buf, out->cap, &out->len, err ? err : &scratch) < 0) {
		if ((err ? err : &scratch)->kind == MIP_EFULL)
			return FWD_NO_ROOM;
		return h.tot_len + tun_overhead(&tp) > TUN_IP4_MAX ? FWD_TOO_BIG : FWD_MALFORMED;
	}
	fw->ip_id++;
	out->next_hop = tp.dst;
	return FWD_OK;
}

/* fwd-drop takes packet r (FWD_OK) going dir: FWD_FAULT_DROP, else r. */
static enum ha_fwd_result fault_drop(struct ha_fwd *fw, enum ha_fwd_dir dir,
				     enum ha_fwd_result r, struct mip_err *err)
{
	if (r != FWD_OK || !ha_fwd_fault_drop(fw, dir))
		return r;
	return refuse(FWD_FAULT_DROP, err, 0, "fault", "fwd-drop: the first of every %u %s",
		      HA_FWD_DROP_EVERY, dir == FWD_UP ? "from the devices" : "to them");
}

enum ha_fwd_result ha_fwd_to_mn(struct ha_fwd *fw, const uint8_t *ip, size_t len, unsigned k,
				struct ha_fwd_out *out, struct mip_err *err)
{
	enum ha_fwd_result r = encap_to(fw, ip, len, k, out, err);

	if (k == 0) /* one home-link packet, however many copies */
		r = fault_drop(fw, FWD_DOWN, r, err);

	fw->st.to_mn[r]++;
	return r;
}

enum ha_fwd_result ha_fwd_relay(struct ha_fwd *fw, const struct tun_pkt *t, unsigned k,
				struct ha_fwd_out *out, struct mip_err *err)
{
	enum ha_fwd_result r = ha_has_fault(fw->ha, HA_FAULT_NO_RELAY)
				       ? FWD_NOT_OURS
				       : encap_to(fw, t->inner_pkt, t->inner_len, k, out, err);

	fw->st.relay[r]++;
	return r;
}

static bool is_coa(const struct bnd *b, uint32_t a)
{
	for (unsigned k = 0; k <= b->n_extra; k++)
		if (coa_at(b, k) == a)
			return true;
	return false;
}

/* RFC 6245 §5: the PMA reverse-tunnels with the HA-assigned key (none if 0). */
static enum ha_fwd_result check_key(const struct ha_fwd *fw, const struct bnd *b,
				    const struct tun_gre *g, struct mip_err *err)
{
	size_t key_off = g->off + 4 + (g->has_csum ? 4u : 0);
	uint32_t want = ha_has_fault(fw->ha, HA_FAULT_GRE_KEY_SWAP) ? b->gre_fa : b->gre_ha;

	if (ha_has_fault(fw->ha, HA_FAULT_GRE_IGNORE_KEY))
		return FWD_OK;
	if (!want && g->has_key)
		return refuse(FWD_BAD_KEY, err, key_off, "GRE Key",
			      "0x%08x where the binding has no key", g->key);
	if (want && !g->has_key)
		return refuse(FWD_BAD_KEY, err, g->off, "GRE Key Present",
			      "no key, the HA assigned 0x%08x", want);
	if (g->has_key && g->key != want)
		return refuse(FWD_BAD_KEY, err, key_off, "GRE Key",
			      "0x%08x, the HA assigned 0x%08x", g->key, want);
	return FWD_OK;
}

/* RFC 3024 §4.3.2, RFC 5563 §4.2, RFC 2003 §3.1 (no TTL 0 after decapsulation). */
static enum ha_fwd_result check_reverse(const struct ha_fwd *fw, const struct tun_pkt *t,
					struct mip_err *err)
{
	const struct bnd *b = binding_of(fw, t->inner.src);
	bool gre = b && (b->flags & BND_GRE);

	if (!b)
		return refuse(FWD_NOT_OURS, err, t->inner.off + 12, "inner IPv4 Source Address",
			      "%s has no binding", txt_ip4(t->inner.src).s);
	if (!is_coa(b, t->outer.src) && !ha_has_fault(fw->ha, HA_FAULT_NO_OUTER_SRC_CHECK))
		return refuse(FWD_BAD_OUTER_SRC, err, t->outer.off + 12,
			      "outer IPv4 Source Address", "%s is not a care-of address of %s",
			      txt_ip4(t->outer.src).s, txt_ip4(b->hoa).s);
	if (t->outer.dst != b->ha)
		return refuse(FWD_BAD_OUTER_DST, err, t->outer.off + 16,
			      "outer IPv4 Destination Address", "%s, the binding's HA is %s",
			      txt_ip4(t->outer.dst).s, txt_ip4(b->ha).s);
	if (!(b->flags & (BND_T | BND_PMIP)) || ha_has_fault(fw->ha, HA_FAULT_NO_REVERSE_TUNNEL) ||
	    (!(b->flags & BND_T) && ha_has_fault(fw->ha, HA_FAULT_REVERSE_NEEDS_T)))
		return refuse(FWD_NO_REVERSE, err, t->outer.off, "reverse tunnel",
			      "%s registered without T", txt_ip4(b->hoa).s);
	if ((t->kind == TUN_GRE) != gre)
		return refuse(FWD_BAD_ENCAP, err, t->outer.off + 9, "outer IPv4 Protocol",
			      "%u, the binding negotiated %s", t->outer.proto,
			      gre ? "GRE (47)" : "IP-in-IP (4)");
	if (gre && check_key(fw, b, &t->gre, err) != FWD_OK)
		return FWD_BAD_KEY;
	if (t->inner.ttl == 0)
		return refuse(FWD_TTL_EXPIRED, err, t->inner.off + 8, "inner IPv4 TTL",
			      "0 after decapsulation");
	return FWD_OK;
}

enum ha_fwd_result ha_fwd_from_mn(struct ha_fwd *fw, const uint8_t *outer, size_t len,
				  struct tun_pkt *t, struct mip_err *err)
{
	struct mip_err local;
	enum ha_fwd_result r;

	if (!err)
		err = &local;
	r = tun_decap(outer, len, t, err) < 0 ? FWD_MALFORMED : check_reverse(fw, t, err);
	r = fault_drop(fw, FWD_UP, r, err);
	fw->st.from_mn[r]++;
	return r;
}
