/* registry.c — every case, from every case file's table, sorted by ID (case.h). */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "case.h"

/* One table per case file: ha/<area>.c exports cases_ha_<area>, pma/<area>.c cases_pma_<area>
 * (the cases HA-<AREA>-NN and PMA-<AREA>-NN).  The order here does not matter: case_all()
 * sorts by ID. */
extern const struct case_table cases_ha_auth, cases_ha_dereg, cases_ha_ext, cases_ha_gre,
	cases_ha_haf, cases_ha_hoa, cases_ha_life, cases_ha_pmip, cases_ha_reg, cases_ha_rev,
	cases_ha_rob, cases_ha_seq, cases_ha_tun;
extern const struct case_table cases_pma_fsm, cases_pma_link, cases_pma_req, cases_pma_rev,
	cases_pma_rob, cases_pma_tun;

static const struct case_table *const tables[] = {
	&cases_ha_auth, &cases_ha_dereg, &cases_ha_ext,  &cases_ha_gre, &cases_ha_haf,
	&cases_ha_hoa,  &cases_ha_life,  &cases_ha_pmip, &cases_ha_reg, &cases_ha_rev,
	&cases_ha_rob,  &cases_ha_seq,   &cases_ha_tun,
	&cases_pma_fsm, &cases_pma_link, &cases_pma_req, &cases_pma_rev, &cases_pma_rob,
	&cases_pma_tun,
};

#define CASES_MAX 512

static const struct case_def *sorted[CASES_MAX];
static size_t n_sorted;

static int by_id(const void *a, const void *b)
{
	const struct case_def *const *x = a, *const *y = b;

	return strcmp((*x)->id, (*y)->id);
}

const struct case_def *const *case_all(size_t *n)
{
	if (!n_sorted) {
		for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
			for (size_t i = 0; i < tables[t]->n && n_sorted < CASES_MAX; i++)
				sorted[n_sorted++] = &tables[t]->defs[i];
		qsort(sorted, n_sorted, sizeof sorted[0], by_id);
	}
	*n = n_sorted;
	return sorted;
}

const struct case_def *case_find(const char *id)
{
	size_t n;
	const struct case_def *const *all = case_all(&n);

	for (size_t i = 0; i < n; i++)
		if (!strcmp(all[i]->id, id))
			return all[i];
	return NULL;
}

bool case_match(const struct case_def *c, const char *glob)
{
	return fnmatch(glob, c->id, 0) == 0;
}

const char *case_role_name(enum case_role r)
{
	return r == CASE_ROLE_HA ? "ha" : r == CASE_ROLE_PMA ? "pma" : "?";
}

const char *case_level_name(enum case_level l)
{
	return l == CASE_MUST ? "MUST" : l == CASE_SHOULD ? "SHOULD" : "MAY";
}

const char *case_verdict_name(enum case_verdict v)
{
	static const char *const names[CASE_VERDICT_COUNT] = {
		"none", "pass", "warn", "inconc", "fail", "error",
	};

	return (unsigned)v < CASE_VERDICT_COUNT ? names[v] : "?";
}
