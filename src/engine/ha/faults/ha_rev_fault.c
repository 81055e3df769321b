/* ha_rev_fault.c — the HA's faults that refuse a revocation or an acknowledgment RFC 3543
 * has it act on (DESIGN.md §4): ha_rev.c asks here once the message is authentic, and
 * discards it with the reason given. */
#include "ha_priv.h"

const char *ha_rev_fault_refuses(const struct ha *ha)
{
	const struct mip_msg *m = &ha->in;
	uint16_t flags = m->type == MIP_REV ? MIP_REV_A | MIP_REV_I : 0;

	if (m->type == MIP_REVACK && ha_fault(ha, HA_FAULT_IGNORE_REV_ACK))
		return "ignored";
	/* strict-reserved: §3.3, §3.4 say the receiver ignores the reserved fields */
	if (ha_fault(ha, HA_FAULT_STRICT_RESERVED) && (m->reserved8 || (m->rflags & ~flags)))
		return m->type == MIP_REV ? "reserved bits set" : "ignored";
	/* rev-id-global: §3.5 compares Identifiers per binding, so per PMA; the fault takes
	 * an equal one from another PMA for a replay */
	if (m->type == MIP_REV && ha_fault(ha, HA_FAULT_REV_ID_GLOBAL) &&
	    m->revid <= ha->any_pma_revid)
		return "replayed Revocation Identifier";
	return NULL;
}
