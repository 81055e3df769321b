/* net_ref_pma.c — the built-in reference PMA as a DUT (net.h).  Being written. */
#include <stdio.h>

#include "tc_priv.h"

int net_ref_pma_create(struct tc_net *n, const struct params *p, uint64_t faults,
		       tc_log_fn log, void *log_arg, char *err, size_t errlen)
{
	(void)n;
	(void)p;
	(void)faults;
	(void)log;
	(void)log_arg;
	snprintf(err, errlen, "the reference PMA backend is not built yet");
	return -1;
}
