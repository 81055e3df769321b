/* variant_params.h — what a DUT that implements a variant declares (DESIGN.md §4
 * "Variants").  A variant is one behaviour the RFCs allow; a device built that way says so
 * in its PICS (a MAY it does not claim) or its PIXIT (a window, a timer).  The variant
 * matrix runs each variant of the references with these statements on top of the run's
 * PICS and PIXIT, as a lab would for such a device.
 */
#ifndef PMIP4CT_VARIANT_PARAMS_H
#define PMIP4CT_VARIANT_PARAMS_H

#include <stddef.h>

#include "case.h"
#include "params.h"

/* Apply the statements of variant v (enum ha_variant / pma_variant) of role's reference
 * to p.  0, or -1 with err (a row of the table that names no item: a bug). */
int variant_params(struct params *p, enum case_role role, unsigned v, char *err,
		   size_t errlen);

/* The statements as text, "PICS ha.revoke-on-handover no; ...", or "" (for the matrix). */
const char *variant_params_text(enum case_role role, unsigned v, char *buf, size_t cap);

#endif
