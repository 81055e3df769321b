/* pma_fault.c — the names of the PMA's deliberate faults (DESIGN.md §4): each breaks one
 * behaviour of RFC 5563 §4, §7, §8.1, RFC 3543 §3.4 or RFC 5944 §5.7 so that every
 * conformance case aimed at an HA's peer can be shown to matter. */
#include <string.h>

#include "pma.h"

static const struct {
	const char *name;
	const char *help;
} faults[PMA_FAULT_COUNT] = {
	[PMA_FAULT_D_BIT_SET] = { "d-bit-set", "requests carry D = 1 (RFC 5563 §7 says 0)" },
	[PMA_FAULT_NO_REREGISTRATION] = { "no-reregistration",
					  "never renew before the lifetime ends (RFC 5563 §4.4)" },
	[PMA_FAULT_RETRY_AFTER_149] = { "retry-after-149",
					"keep retrying an HA that said 149 or 150 (§8.1)" },
	[PMA_FAULT_NO_REVOCATION_ACK] = { "no-revocation-ack",
					  "on a revocation send no ack (RFC 3543 §3.4)" },
	[PMA_FAULT_NO_DEREG_ON_DETACH] = { "no-dereg-on-detach",
					   "detach without a deregistration (RFC 5563 §4.1.4)" },
	[PMA_FAULT_WRONG_DEVICE_ID] = { "wrong-device-id",
					"147/2 carries another device's MAC (RFC 5563 §5.3)" },
	[PMA_FAULT_NO_NAI] = { "no-nai", "requests without the NAI extension (RFC 5563 §7)" },
	[PMA_FAULT_STALE_IDENT] = { "stale-ident",
				    "reuse the previous Identification (RFC 5944 §5.7)" },
};

const char *pma_fault_name(enum pma_fault f)
{
	return f < PMA_FAULT_COUNT ? faults[f].name : NULL;
}

const char *pma_fault_help(enum pma_fault f)
{
	return f < PMA_FAULT_COUNT ? faults[f].help : NULL;
}

int pma_fault_parse(const char *name)
{
	for (int i = 0; i < PMA_FAULT_COUNT; i++)
		if (!strcmp(faults[i].name, name))
			return i;
	return -1;
}
