/* ha_reply.c — the HA's Registration Reply (RFC 5944 §3.8.3): sent to the source of the
 * request, Identification per §5.7, extensions in the order of §3.8.3.3 (those for the
 * mobile node, MN-HA, those for the FA, FA-HA): the NAI (RFC 2794 §3), the Redirected HA
 * (RFC 4433 §3.4), 47/1 in per-node mode (RFC 5563 §5.1), Revocation Support (RFC 3543
 * §3.2), then MN-HA, the GRE key (RFC 6245 §4.1: after MN-HA, before FA-HA), FA-HA.
 *
 * Variants (DESIGN.md §4): ext-order puts the extensions before MN-HA in the reverse
 * order (137, 47/1, 139, NAI): no RFC orders them among themselves, and every one is
 * still covered by MN-HA and FA-HA (RFC 5944 §3.5.2), the NAI before MN-HA (RFC 2794 §2),
 * 48 after MN-HA and before FA-HA (RFC 6245 §3.1).  echo-147 copies the request's
 * authenticated 147/1-3 after them (RFC 5563 §5.5 speaks of 147/4 only).  reply-65 sends
 * 65 where 129 is due, as RFC 5563 §8.1 literally prints it (DESIGN.md §6.1).
 */
#include "ha_rrq.h"
#include "txt.h"

/* The rate-limit reasons of the reply lines (ha_logf_peer): one per code. */
static const char reply_reason[256];

/* Move the extensions ext[from..n_ext) into the reverse order. */
static void reverse_from(struct mip_msg *o, uint8_t from)
{
	if (o->n_ext < from + 2)
		return;
	for (unsigned i = from, j = o->n_ext - 1u; i < j; i++, j--) {
		struct mip_ext x = o->ext[i];

		o->ext[i] = o->ext[j];
		o->ext[j] = x;
	}
}

/* echo-147: the request's authenticated 147/1-3, in their order. */
static void echo_147(struct mip_msg *o, const struct rrq *r)
{
	struct mip_ext *x;

	for (int i = 0; i < r->covered; i++) {
		const struct mip_ext *in = &r->m->ext[i];

		if (in->type == MIP_EXT_PMIP_SK && in->subtype >= MIP_PMIP_IFID &&
		    in->subtype <= MIP_PMIP_SUBID && (x = mip_ext_add(o, MIP_EXT_PMIP_SK, 0)))
			*x = *in;
	}
}

static void add_front(struct ha *ha, const struct rrq *r, struct mip_msg *o, bool ok)
{
	uint8_t first = o->n_ext;
	struct mip_ext *x;

	if (r->nai && (x = mip_ext_add(o, MIP_EXT_NAI, 0))) {
		x->v.bytes.p = r->nai;
		x->v.bytes.len = (uint16_t)r->nai_len;
	}
	if (r->code == 143 && (x = mip_ext_add(o, MIP_EXT_DYNHA, MIP_DYNHA_REDIRECTED)))
		x->v.dynha.ha = r->redirect; /* mandatory with 143 (RFC 4433 §3.4) */
	if (r->pernode && (x = mip_ext_add(o, MIP_EXT_PMIP_NS, MIP_PMIP_PERNODE)))
		x->v.pernode.method = MIP_PERNODE_FAHA;
	if (ok && r->rev && (x = mip_ext_add(o, MIP_EXT_REVSUP, 0))) {
		x->v.rev.flags = r->rev_i ? MIP_REVSUP_I : 0;
		x->v.rev.ts = ha_next_revid(ha);
	}
	if (ha_variant(ha, HA_VAR_EXT_ORDER))
		reverse_from(o, first);
	if (ha_variant(ha, HA_VAR_ECHO_147))
		echo_147(o, r);
}

void ha_reply(struct ha *ha, const struct rrq *r)
{
	struct mip_msg *o = &ha->out;
	bool ok = r->code <= 1;
	enum ha_log_level lvl = ok ? HA_LOG_DEBUG : HA_LOG_INFO;
	struct mip_ext *x;

	mip_msg_init(o, MIP_RRP);
	o->code = r->code;
	if (o->code == 129 && ha_variant(ha, HA_VAR_REPLY_65))
		o->code = 65; /* RFC 5563 §8.1 as printed */
	o->lifetime = ok ? r->lifetime : 0;
	o->hoa = r->hoa;
	o->ha = r->ha_addr;
	o->ident = r->ident;
	add_front(ha, r, o, ok);
	if (r->mn_sa) /* RFC 4721 §6: answered with MN-HA, never MN-AAA */
		mip_ext_add_auth(o, MIP_EXT_MNHA, r->mn_sa);
	if (ok && r->gre && (x = mip_ext_add(o, MIP_EXT_GREKEY, 0)))
		x->v.gre.key = r->gre_key;
	if (r->fa_sa)
		mip_ext_add_auth(o, MIP_EXT_FAHA, r->fa_sa);
	ha_send(ha, r->li, r->e->src, r->e->sport, o, r);
	ha->ctr.code[o->code]++; /* as sent */
	if (!ha_log_on(ha, lvl))
		return;
	/* The NAI as the peer sent it, escaped; a refusal may answer anyone: rate-limited. */
	if (ok)
		ha_logf(ha, lvl, "RRQ from %s nai %s: code %u", txt_ip4(r->e->src).s,
			r->nai ? txt_esc(r->nai, r->nai_len).s : "-", o->code);
	else
		ha_logf_peer(ha, lvl, &reply_reason[o->code], r->e->src,
			     "RRQ from %s nai %s: code %u", txt_ip4(r->e->src).s,
			     r->nai ? txt_esc(r->nai, r->nai_len).s : "-", o->code);
}
