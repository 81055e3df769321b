#include "cases_ha_lib.h"

static void none_(struct tc *t)
{
	tc_none(t, "stub");
}

static const struct case_def defs[] = {
	{ "HA-ZZREV-01", "ha-core", CASE_ROLE_HA, "stub", "RFC 5563", CASE_MUST, "pmip", "-", "-", "", NULL, none_ },
};

CASE_TABLE(cases_ha_rev, defs);
