/* variant_params.c — the PICS and PIXIT statements of a DUT that implements a variant,
 * one row each (variant_params.h). */
#include "variant_params.h"

#include <stdio.h>

#include "ha.h"
#include "pma.h"

struct vp_row {
	enum case_role role;
	unsigned variant;      /* enum ha_variant / pma_variant */
	enum param_kind kind;
	const char *name, *value;
};

/* Rows for one variant stay together; a variant with no row declares nothing. */
static const struct vp_row rows[] = {
	/* RFC 5563 §4.1.4: revoking on handover is a MAY such an HA does not claim */
	{ CASE_ROLE_HA, HA_VAR_NO_REVOCATION, PARAM_PICS, "ha.revoke-on-handover", "no" },
	/* RFC 5944 §5.7.1: the window is the DUT's (per SA), declared in the PIXIT */
	{ CASE_ROLE_HA, HA_VAR_WINDOW_60, PARAM_PIXIT, "ha.ident-window-ms", "60000" },
	/* RFC 5944 §3.6.3: retransmission is a MAY; such a PMA does not claim it. */
	{ CASE_ROLE_PMA, PMA_VAR_NO_RETRANSMIT, PARAM_PICS, "pma.retransmit", "no" },
	/* RFC 5944 §3.6.1.2: deregistration is a MAY; such a PMA lets bindings lapse. */
	{ CASE_ROLE_PMA, PMA_VAR_LAPSE_ON_DETACH, PARAM_PICS, "pma.dereg-on-detach", "no" },
};

int variant_params(struct params *p, enum case_role role, unsigned v, char *err,
		   size_t errlen)
{
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const struct vp_row *r = &rows[i];
		char why[128];

		if (r->role != role || r->variant != v || !r->name)
			continue;
		if (params_set(p, r->kind, r->name, r->value, why, sizeof why)) {
			snprintf(err, errlen, "variant params: %s %s: %s",
				 r->kind == PARAM_PICS ? "PICS" : "PIXIT", r->name, why);
			return -1;
		}
	}
	return 0;
}

const char *variant_params_text(enum case_role role, unsigned v, char *buf, size_t cap)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const struct vp_row *r = &rows[i];
		int k;

		if (r->role != role || r->variant != v || !r->name)
			continue;
		k = snprintf(buf + len, cap - len, "%s%s %s %s", len ? "; " : "",
			     r->kind == PARAM_PICS ? "PICS" : "PIXIT", r->name, r->value);
		if (k < 0 || (size_t)k >= cap - len)
			break;
		len += (size_t)k;
	}
	return buf;
}
