/* params_pma.c — PICS and PIXIT items of the PMA cases (DESIGN.md §4).  PICS defaults are
 * what the built-in reference PMA supports. */
#include "params.h"

static const struct param_def pics_defs[] = {
	{ "pma.revocation", PARAM_BOOL, "yes", "registration revocation (RFC 3543)" },
};

static const struct param_def pixit_defs[] = {
	{ "pma.attach-cmd", PARAM_STR, NULL,
	  "shell command that makes the DUT see a device attach (%m = its MAC)" },
	{ "pma.detach-cmd", PARAM_STR, NULL,
	  "shell command that makes the DUT see a device detach (%m = its MAC)" },
};

PARAM_TABLE(pics_pma, PARAM_PICS, pics_defs);
PARAM_TABLE(pixit_pma, PARAM_PIXIT, pixit_defs);
