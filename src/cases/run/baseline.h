/* baseline.h — the run's baseline against a remote HA (baseline.c). */
#ifndef PMIP4CT_BASELINE_H
#define PMIP4CT_BASELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runner.h"

/* One registration with the request profile from PMA1, deregistered when accepted: true
 * when accepted; else false with why ("baseline registration refused with 134 (poorly
 * formed): try `pixit nai off`..." or "the DUT answers nothing ...").  *offset_ns: the HA's
 * clock as a 133 taught it (0 when none came). */
bool run_baseline(const struct run_plan *p, struct tc_net *net, int64_t *offset_ns,
		  char *why, size_t n);

#endif
