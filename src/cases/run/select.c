/* select.c — the cases a run takes: glob lists, suites, and the selection (select.h). */
#include <stdlib.h>
#include <string.h>

#include "select.h"
#include "txt.h"

/* ---- glob lists ---- */

int run_globs_add(struct run_globs *g, const char *s)
{
	char **nv = txt_grow(g->v, &g->cap, g->n + 1, sizeof *nv, 8);
	char *copy;

	if (!nv)
		return -1;
	g->v = nv;
	copy = strdup(s);
	if (!copy)
		return -1;
	g->v[g->n++] = copy;
	return 0;
}

bool run_globs_any(const struct run_globs *g, const struct case_def *c)
{
	for (size_t i = 0; i < g->n; i++)
		if (case_match(c, g->v[i]))
			return true;
	return false;
}

void run_globs_finish(struct run_globs *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->v[i]);
	free(g->v);
	memset(g, 0, sizeof *g);
}

/* ---- suites ---- */

void run_suite_finish(struct run_suite *s)
{
	free(s->path);
	free(s->name);
	free(s->title);
	run_globs_finish(&s->cases);
	run_globs_finish(&s->excludes);
	memset(s, 0, sizeof *s);
}

bool run_suite_selects(const struct run_suite *s, const struct case_def *c)
{
	if (s->catalogue && (!c->suite || strcmp(c->suite, s->name)))
		return false;
	return run_globs_any(&s->cases, c) && !run_globs_any(&s->excludes, c);
}

/* ---- the selection ---- */

static void sel_add(struct run_sel *sel, const struct case_def *c, unsigned suite)
{
	for (size_t i = 0; i < sel->n; i++)
		if (sel->cases[i] == c)
			return;
	sel->cases[sel->n] = c;
	sel->suite_of[sel->n++] = suite;
}

int run_sel_make(struct run_sel *sel, const struct run_suite *suites, size_t n_suites,
		 const struct run_globs *only)
{
	size_t n;
	const struct case_def *const *all = case_all(&n);

	memset(sel, 0, sizeof *sel);
	sel->cases = calloc(n ? n : 1, sizeof *sel->cases);
	sel->suite_of = calloc(n ? n : 1, sizeof *sel->suite_of);
	sel->suite_names = calloc(n_suites ? n_suites : 1, sizeof *sel->suite_names);
	if (!sel->cases || !sel->suite_of || !sel->suite_names) {
		run_sel_finish(sel);
		return -1;
	}
	sel->n_suites = n_suites ? n_suites : 1;
	sel->suite_names[0] = "all";
	for (size_t k = 0; k < n_suites; k++)
		sel->suite_names[k] = suites[k].name;
	for (size_t k = 0; k < sel->n_suites; k++)
		for (size_t i = 0; i < n; i++) {
			if (n_suites && !run_suite_selects(&suites[k], all[i]))
				continue;
			if (only->n && !run_globs_any(only, all[i]))
				continue;
			sel_add(sel, all[i], (unsigned)k);
		}
	return 0;
}

int run_sel_shard(struct run_sel *dst, const struct run_sel *src, unsigned index,
		  unsigned total)
{
	memset(dst, 0, sizeof *dst);
	dst->cases = calloc(src->n ? src->n : 1, sizeof *dst->cases);
	dst->suite_of = calloc(src->n ? src->n : 1, sizeof *dst->suite_of);
	dst->suite_names = calloc(src->n_suites ? src->n_suites : 1, sizeof *dst->suite_names);
	if (!dst->cases || !dst->suite_of || !dst->suite_names) {
		run_sel_finish(dst);
		return -1;
	}
	for (size_t i = index - 1; i < src->n; i += total)
		sel_add(dst, src->cases[i], src->suite_of[i]);
	dst->n_suites = src->n_suites;
	memcpy(dst->suite_names, src->suite_names, src->n_suites * sizeof *dst->suite_names);
	return 0;
}

void run_sel_finish(struct run_sel *sel)
{
	free(sel->cases);
	free(sel->suite_of);
	free(sel->suite_names);
	memset(sel, 0, sizeof *sel);
}
