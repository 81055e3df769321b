/* tc_mn_rev.c — the tester as the PMA's HA, for revocation (RFC 3543): its clock for
 * 137 Timestamps and Revocation Identifiers (§3.5), the Revocation it sends the PMA
 * (§3.3, §4.2.2.1); its Acks to the PMA's own Revocations are tc_revack_reply's. */
#include "ident.h"
#include "tc_mn.h"
#include "tc_priv.h"

uint32_t tc_mn_ts(const struct tc *t)
{
	return (uint32_t)(ident_ntp_from_ns(tc_now_ms(t) * 1000000) >> 32);
}

void tc_mn_revocation(struct tc *t, struct mip_msg *m, uint32_t hoa, uint32_t revid)
{
	mip_msg_init(m, MIP_REV);
	m->rflags = MIP_REV_A;
	m->hoa = hoa;
	m->ha = t->node_addr[TC_HA];
	m->coa = t->dut_addr;
	m->revid = revid;
	mip_ext_add_auth(m, MIP_EXT_FAHA, &t->sa);
}

uint32_t tc_mn_revid(struct tc *t)
{
	uint32_t id = tc_mn_ts(t);

	t->last_revid = id > t->last_revid ? id : t->last_revid + 1;
	return t->last_revid;
}

bool tc_mn_up_rev(struct tc *t, struct tc_mn *mn, unsigned flags, struct mip_msg *rev)
{
	if (!tc_mn_up_with(t, mn, 1, 0, flags))
		return false;
	tc_mn_revocation(t, rev, mn->hoa, tc_mn_revid(t));
	return true;
}
