/* ha_reply.c — the HA's Registration Reply (RFC 5944 §3.8.3): sent to the source of the
 * request, Identification per §5.7, extensions in the order of §3.8.3.3 (those for the
 * mobile node, MN-HA, those for the FA, FA-HA): the NAI (RFC 2794 §3), the Redirected HA
 * (RFC 4433 §3.4), 47/1 in per-node mode (RFC 5563 §5.1), Revocation Support (RFC 3543
 * §3.2), then MN-HA, the GRE key (RFC 6245 §4.1: after MN-HA, before FA-HA), FA-HA.
 */
#include <arpa/inet.h>

#include "ha_rrq.h"

static void add_front(struct ha *ha, const struct rrq *r, struct mip_msg *o, bool ok)
{
	struct mip_ext *x;

	if (r->nai && !ha_fault(ha, HA_FAULT_NO_NAI_ECHO) && (x = mip_ext_add(o, MIP_EXT_NAI, 0))) {
		x->v.bytes.p = r->nai;
		x->v.bytes.len = (uint16_t)r->nai_len;
	}
	if (r->code == 143 && (x = mip_ext_add(o, MIP_EXT_DYNHA, MIP_DYNHA_REDIRECTED)))
		x->v.dynha.ha = r->redirect; /* mandatory with 143 (RFC 4433 §3.4) */
	if (r->pernode && !ha_fault(ha, HA_FAULT_NO_PERNODE_ECHO) &&
	    (x = mip_ext_add(o, MIP_EXT_PMIP_NS, MIP_PMIP_PERNODE)))
		x->v.pernode.method = MIP_PERNODE_FAHA;
	for (int i = 0; ha_fault(ha, HA_FAULT_ECHO_PMIP_SKIPPABLE) && i < r->covered; i++)
		if (r->m->ext[i].type == MIP_EXT_PMIP_SK && (x = mip_ext_add(o, MIP_EXT_PMIP_SK, 0)))
			*x = r->m->ext[i];
	if (ok && r->rev && !ha_fault(ha, HA_FAULT_NO_REVSUP_ECHO) &&
	    (x = mip_ext_add(o, MIP_EXT_REVSUP, 0))) {
		x->v.rev.flags = r->rev_i ? MIP_REVSUP_I : 0;
		if (ha_fault(ha, HA_FAULT_SLOPPY_REV_FIELDS))
			x->v.rev.flags = MIP_REVSUP_I | 0x0001;
		x->v.rev.ts = ha_next_revid(ha);
	}
}

void ha_reply(struct ha *ha, const struct rrq *r)
{
	struct mip_msg *o = &ha->out;
	bool ok = r->code <= 1;
	enum ha_log_level lvl = ok ? HA_LOG_DEBUG : HA_LOG_INFO;
	struct mip_ext *x;

	mip_msg_init(o, MIP_RRP);
	o->code = r->code;
	o->lifetime = ok ? r->lifetime : 0;
	o->hoa = r->hoa;
	o->ha = r->ha_addr;
	o->ident = r->ident;
	if (ha_fault(ha, HA_FAULT_WRONG_IDENT_COPY))
		o->ident ^= 1;
	add_front(ha, r, o, ok);
	if (r->mn_sa && /* RFC 4721 §6: answered with MN-HA, never MN-AAA */
	    (x = mip_ext_add_auth(o, MIP_EXT_MNHA, r->mn_sa)) && ha_fault(ha, HA_FAULT_BAD_SENT_AUTH))
		x->auth_mode = MIP_AUTH_CORRUPT;
	if (ok && r->gre && !ha_fault(ha, HA_FAULT_NO_GRE_KEY) &&
	    (x = mip_ext_add(o, MIP_EXT_GREKEY, 0)))
		x->v.gre.key = r->gre_key;
	if (r->fa_sa && (x = mip_ext_add_auth(o, MIP_EXT_FAHA, r->fa_sa)) &&
	    ha_fault(ha, HA_FAULT_BAD_SENT_AUTH))
		x->auth_mode = MIP_AUTH_CORRUPT;
	ha_send(ha, r->li, r->e->src, r->e->sport, o);
	ha->ctr.code[r->code]++;
	if (ha_log_on(ha, lvl)) {
		char src[INET_ADDRSTRLEN];
		struct in_addr a = { htonl(r->e->src) };

		inet_ntop(AF_INET, &a, src, sizeof src);
		ha_logf(ha, lvl, "RRQ from %s nai %.*s: code %u", src, (int)r->nai_len,
			r->nai ? (const char *)r->nai : "-", r->code);
	}
}
