/* run_kill.c — `pmip4ct run --kill-matrix` (DESIGN.md §4 "Fault injection", "Variants"):
 * the selected cases against the references with no fault, where each must pass (or be
 * not applicable), then once per fault of each role that has cases, then once per
 * variant.  The kill matrix shows which fault each case catches: a case no fault makes
 * fail cannot be shown to fail, and a fault no case catches is a behaviour the suite does
 * not check.  The variant matrix beside it shows that no case blames a behaviour the RFC
 * allows: under every variant each case is pass, warn or none, never fail, inconc or
 * error.
 */
#include <stdlib.h>
#include <string.h>

#include "cols.h"
#include "ha.h"
#include "pma.h"
#include "run_report.h"
#include "variant_params.h"

struct km_fault {
	enum case_role role;
	int f;
	const char *name;
	bool variant; /* a variant column (enum ha_variant / pma_variant), not a fault */
};

struct km {
	const struct run_plan *plan;
	size_t n;                  /* cases */
	enum case_verdict *clean;  /* [n] */
	struct km_fault *faults;   /* the columns: faults, then variants */
	size_t nf, nfaults;        /* columns; of them faults */
	enum case_verdict *v;      /* [nf][n]; CASE_VERDICT_COUNT = not run (other role) */
	char (*why)[RUN_REASON_MAX]; /* [nf][n]: the reason of each verdict */
	struct params **enable;    /* [n]: the PICS a case runs on when the plan's rules it
				    * out (km_enable), or NULL */
	unsigned *killed;          /* [n] */
	unsigned *caught;          /* [nf] */
};

/* The verdicts (and reasons) of one run, by the index of the case in the plan. */
struct km_rec {
	const struct run_plan *plan;
	enum case_verdict *out;
	char (*why)[RUN_REASON_MAX];
};

static void km_end(void *arg, const struct run_result *r, size_t i, size_t n)
{
	struct km_rec *rec = arg;

	for (size_t k = 0; k < rec->plan->n; k++)
		if (rec->plan->cases[k] == r->c) {
			rec->out[k] = r->verdict;
			if (rec->why)
				snprintf(rec->why[k], sizeof rec->why[k], "%s", r->reason);
		}
}

/* One run of cases[0..n) on the base PICS/PIXIT with column col's fault or variant
 * (none when col is NULL; a variant's statements go on top of base). */
static void km_group(struct km *k, const struct km_fault *col, const struct params *base,
		     const struct case_def *const *cases, size_t n, struct km_rec *rec)
{
	struct run_plan p = *k->plan;
	struct run_sink s = { .case_end = km_end, .arg = rec };
	size_t counts[CASE_VERDICT_COUNT];
	struct params *vp = NULL;

	if (!n)
		return;
	p.cases = cases;
	p.n = n;
	p.params = base;
	memset(p.faults, 0, sizeof p.faults);
	memset(p.variants, 0, sizeof p.variants);
	if (col)
		(col->variant ? p.variants : p.faults)[col->role] = bitset_of((unsigned)col->f);
	if (col && col->variant) { /* as a lab would declare such a device */
		char err[256];

		vp = params_clone(base);
		if (!vp || variant_params(vp, col->role, (unsigned)col->f, err, sizeof err)) {
			fprintf(stderr, "pmip4ct run: %s\n", vp ? err : "out of memory");
			params_destroy(vp);
			return;
		}
		p.params = vp;
	}
	run_plan_exec(&p, &s, counts);
	params_destroy(vp);
}

/* Run the cases of col's role (every case when col is NULL) with its fault or variant;
 * verdicts into out, reasons into why.  A case the plan's PICS rules out runs alone on
 * the PICS that enables it (k->enable). */
static void km_run(struct km *k, const struct km_fault *col, enum case_verdict *out,
		   char (*why)[RUN_REASON_MAX])
{
	const struct case_def **sub = calloc(k->n ? k->n : 1, sizeof *sub);
	struct km_rec rec = { k->plan, out, why };
	size_t n = 0;

	for (size_t i = 0; i < k->n; i++)
		out[i] = CASE_VERDICT_COUNT;
	if (!sub)
		return;
	for (size_t i = 0; i < k->n; i++)
		if ((!col || k->plan->cases[i]->role == col->role) && !k->enable[i])
			sub[n++] = k->plan->cases[i];
	km_group(k, col, k->plan->params, sub, n, &rec);
	for (size_t i = 0; i < k->n; i++)
		if ((!col || k->plan->cases[i]->role == col->role) && k->enable[i])
			km_group(k, col, k->enable[i], &k->plan->cases[i], 1, &rec);
	free(sub);
}

/* The PICS that enables case c when the plan's rules it out: each item it needs set to
 * yes, each it excludes ("!item") to no.  NULL when the plan's already applies, or when
 * no PICS can (the items contradict). */
static struct params *km_enable(const struct params *base, const struct case_def *c)
{
	struct params *p;
	char item[64], err[128];
	const char *s = c->pics;

	if (!s || params_pics_all(base, s, NULL, 0) || !(p = params_clone(base)))
		return NULL;
	while (*s) {
		size_t len = strcspn(s, " ");
		bool neg = *s == '!';

		if (len && len - neg < sizeof item) {
			memcpy(item, s + neg, len - neg);
			item[len - neg] = '\0';
			params_set(p, PARAM_PICS, item, neg ? "no" : "yes", err, sizeof err);
		}
		s += len;
		s += strspn(s, " ");
	}
	if (params_pics_all(p, c->pics, NULL, 0))
		return p;
	params_destroy(p);
	return NULL;
}

/* The columns of one table (faults or variants) of one role; a gap in it is none. */
static void km_add(struct km *k, enum case_role role, const struct bitset_names *t,
		   bool variant)
{
	for (unsigned f = 0; f < t->n; f++)
		if (bitset_name(t, f))
			k->faults[k->nf++] =
				(struct km_fault){ role, (int)f, bitset_name(t, f), variant };
}

static int km_alloc(struct km *k)
{
	bool has[CASE_ROLE_COUNT] = { false };

	for (size_t i = 0; i < k->n; i++)
		has[k->plan->cases[i]->role] = true;
	k->faults = calloc(HA_FAULT_COUNT + PMA_FAULT_COUNT + HA_VAR_COUNT + PMA_VAR_COUNT,
			   sizeof *k->faults);
	if (!k->faults)
		return -1;
	if (has[CASE_ROLE_HA])
		km_add(k, CASE_ROLE_HA, &ha_fault_names, false);
	if (has[CASE_ROLE_PMA])
		km_add(k, CASE_ROLE_PMA, &pma_fault_names, false);
	k->nfaults = k->nf;
	if (has[CASE_ROLE_HA])
		km_add(k, CASE_ROLE_HA, &ha_variant_names, true);
	if (has[CASE_ROLE_PMA])
		km_add(k, CASE_ROLE_PMA, &pma_variant_names, true);
	k->clean = calloc(k->n, sizeof *k->clean);
	k->v = calloc(k->n * (k->nf ? k->nf : 1), sizeof *k->v);
	k->why = calloc(k->n * (k->nf ? k->nf : 1), sizeof *k->why);
	k->enable = calloc(k->n ? k->n : 1, sizeof *k->enable);
	for (size_t i = 0; k->enable && i < k->n; i++)
		k->enable[i] = km_enable(k->plan->params, k->plan->cases[i]);
	k->killed = calloc(k->n, sizeof *k->killed);
	k->caught = calloc(k->nf ? k->nf : 1, sizeof *k->caught);
	return k->clean && k->v && k->why && k->enable && k->killed && k->caught ? 0 : -1;
}

static void km_free(struct km *k)
{
	free(k->faults);
	free(k->clean);
	free(k->v);
	free(k->why);
	for (size_t i = 0; k->enable && i < k->n; i++)
		params_destroy(k->enable[i]);
	free(k->enable);
	free(k->killed);
	free(k->caught);
}

static char km_mark(enum case_verdict v)
{
	switch (v) {
	case CASE_PASS: return '.';
	case CASE_FAIL: return 'X';
	case CASE_WARN: return 'W';
	case CASE_NONE: return 'n';
	case CASE_INCONC: return '?';
	case CASE_ERROR: return 'E';
	default: return ' ';
	}
}

/* The rows of columns [b, e) of the matrix [from, to): a header of column numbers, a
 * row per case, the per-column counts when given; the last block adds the per-case
 * column `count` (per_case, or the fail/inconc/error marks across [from, to)). */
static void km_block(const struct km *k, FILE *out, int w, size_t from, size_t to,
		     size_t b, size_t e, const char *count, const unsigned *per_case,
		     const unsigned *per_col)
{
	bool last = e == to;

	fprintf(out, "\n%-*s", w, "case");
	for (size_t f = b; f < e; f++)
		fprintf(out, "%3zu", f - from + 1);
	fprintf(out, "%s%s\n", last ? "  " : "", last ? count : "");
	for (size_t i = 0; i < k->n; i++) {
		unsigned bad = 0;

		fprintf(out, "%-*s", w, k->plan->cases[i]->id);
		for (size_t f = b; f < e; f++)
			fprintf(out, "  %c", km_mark(k->v[f * k->n + i]));
		for (size_t f = from; f < to; f++) {
			enum case_verdict v = k->v[f * k->n + i];

			bad += v == CASE_FAIL || v == CASE_INCONC || v == CASE_ERROR;
		}
		if (last)
			fprintf(out, "  %u", per_case ? per_case[i] : bad);
		fputc('\n', out);
	}
	if (per_col) {
		fprintf(out, "%-*s", w, "caught by");
		for (size_t f = b; f < e; f++)
			fprintf(out, "%3u", per_col[f]);
		fputc('\n', out);
	}
}

/* One matrix: the columns [from, to) of k, headed `title` and a numbered list of what
 * each column runs, with a last column of `count` (per case) and a last row of
 * per-column counts when per_col is given.  Within CONSOLE_COLS: the columns come in
 * blocks, each with its header. */
static void km_print_cols(const struct km *k, FILE *out, size_t from, size_t to,
			  const char *title, const char *what, const char *count,
			  const unsigned *per_case, const unsigned *per_col)
{
	int w = 10;
	size_t per;

	if (from == to)
		return;
	for (size_t i = 0; i < k->n; i++)
		if ((int)strlen(k->plan->cases[i]->id) > w)
			w = (int)strlen(k->plan->cases[i]->id);
	fprintf(out, "%s:\n  col  role %s\n", title, what);
	for (size_t f = from; f < to; f++) {
		char pics[256] = "";

		if (k->faults[f].variant)
			variant_params_text(k->faults[f].role, (unsigned)k->faults[f].f, pics,
					    sizeof pics);
		cols_say(out, CONSOLE_COLS, 15, "  %3zu  %-4s %s%s%s%s", f - from + 1,
			 case_role_name(k->faults[f].role), k->faults[f].name,
			 *pics ? " (with " : "", pics, *pics ? ")" : "");
	}
	per = (size_t)(CONSOLE_COLS - w - 2 - (int)strlen(count)) / 3;
	for (size_t b = from; b < to; b += per)
		km_block(k, out, w, from, to, b, b + per < to ? b + per : to, count, per_case,
			 per_col);
	fprintf(out, "(X fail, W warn, . pass, n none, ? inconc, E error)\n\n");
}

static void km_print(const struct km *k, FILE *out)
{
	for (size_t i = 0; i < k->n; i++)
		if (k->enable[i])
			cols_say(out, CONSOLE_COLS, 2, "%s: ruled out by this PICS; run with its "
				 "items (%s) claimed", k->plan->cases[i]->id,
				 k->plan->cases[i]->pics);
	km_print_cols(k, out, 0, k->nfaults, "faults", "fault", "killed by", k->killed,
		      k->caught);
	km_print_cols(k, out, k->nfaults, k->nf, "variants (RFC-allowed: no X, ? or E)",
		      "variant", "blamed", NULL, NULL);
}

/* The exit status's reasons, each said on out; returns how many. */
static unsigned km_judge(const struct km *k, FILE *out)
{
	unsigned bad = 0;

	for (size_t i = 0; i < k->n; i++) {
		enum case_verdict v = k->clean[i];

		if (v != CASE_PASS && v != CASE_NONE) {
			cols_say(out, CONSOLE_COLS, 2, "%s: %s with no fault (expected pass or none)",
				 k->plan->cases[i]->id, case_verdict_name(v));
			bad++;
		} else if (v == CASE_PASS && !k->killed[i]) {
			fprintf(out, "%s: no fault makes it fail\n",
				k->plan->cases[i]->id);
			bad++;
		}
	}
	for (size_t f = k->nfaults; f < k->nf; f++)
		for (size_t i = 0; i < k->n; i++) {
			enum case_verdict v = k->v[f * k->n + i];

			if (v == CASE_FAIL || v == CASE_INCONC || v == CASE_ERROR) {
				cols_say(out, CONSOLE_COLS, 2, "%s: %s under variant %s %s (an "
					 "RFC-allowed behaviour): %s", k->plan->cases[i]->id,
					 case_verdict_name(v), case_role_name(k->faults[f].role),
					 k->faults[f].name, k->why[f * k->n + i]);
				bad++;
			}
		}
	for (size_t f = 0; f < k->nfaults; f++)
		if (!k->caught[f]) {
			cols_say(out, CONSOLE_COLS, 2, "fault %s %s: caught by no case",
				 case_role_name(k->faults[f].role), k->faults[f].name);
			bad++;
		}
	return bad;
}

static int km_exec(struct km *k, FILE *out)
{
	unsigned bad;

	km_run(k, NULL, k->clean, NULL);
	for (size_t f = 0; f < k->nf; f++) {
		enum case_verdict *col = &k->v[f * k->n];

		if (k->plan->stop && *k->plan->stop)
			break;
		km_run(k, &k->faults[f], col, &k->why[f * k->n]);
		for (size_t i = 0; f < k->nfaults && i < k->n; i++)
			if (col[i] == CASE_FAIL || col[i] == CASE_WARN) { /* caught, at its level */
				k->killed[i]++;
				k->caught[f]++;
			}
	}
	if (k->plan->stop && *k->plan->stop) {
		fprintf(out, "kill matrix: interrupted\n");
		return 130;
	}
	km_print(k, out);
	bad = km_judge(k, out);
	if (bad) {
		fprintf(out, "kill matrix: %u problem%s\n", bad, bad == 1 ? "" : "s");
		return 1;
	}
	fprintf(out, "kill matrix: every case fails under some fault, every fault is caught, "
		"no variant is blamed\n");
	return 0;
}

int run_kill_matrix(const struct run_plan *plan, FILE *out)
{
	struct km k = { .plan = plan, .n = plan->n };
	int rc;

	if (!plan->n) {
		fprintf(out, "kill matrix: no cases selected, nothing to check\n");
		return 0;
	}
	if (km_alloc(&k) < 0) {
		fprintf(stderr, "pmip4ct run: out of memory\n");
		km_free(&k);
		return 2;
	}
	fprintf(out, "kill matrix: %zu case%s x %zu fault%s, %zu variant%s\n", k.n,
		k.n == 1 ? "" : "s", k.nfaults, k.nfaults == 1 ? "" : "s", k.nf - k.nfaults,
		k.nf - k.nfaults == 1 ? "" : "s");
	rc = km_exec(&k, out);
	km_free(&k);
	return rc;
}
