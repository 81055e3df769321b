/* run_kill.c — `pmip4ct run --kill-matrix` (DESIGN.md §4 "Fault injection"): the
 * selected cases against the references with no fault, where each must pass (or be not
 * applicable), then once per fault of each role that has cases.  The matrix shows which
 * fault each case catches: a case no fault makes fail cannot be shown to fail, and a
 * fault no case catches is a behaviour the suite does not check.
 */
#include <stdlib.h>
#include <string.h>

#include "ha.h"
#include "pma.h"
#include "run_report.h"

struct km_fault {
	enum case_role role;
	int f;
	const char *name;
};

struct km {
	const struct run_plan *plan;
	size_t n;                  /* cases */
	enum case_verdict *clean;  /* [n] */
	struct km_fault *faults;
	size_t nf;
	enum case_verdict *v;      /* [nf][n]; CASE_VERDICT_COUNT = not run (other role) */
	unsigned *killed;          /* [n] */
	unsigned *caught;          /* [nf] */
};

/* The verdicts of one run, by the index of the case in the plan. */
struct km_rec {
	const struct run_plan *plan;
	enum case_verdict *out;
};

static void km_end(void *arg, const struct run_result *r, size_t i, size_t n)
{
	struct km_rec *rec = arg;

	for (size_t k = 0; k < rec->plan->n; k++)
		if (rec->plan->cases[k] == r->c)
			rec->out[k] = r->verdict;
}

/* Run the cases of `role` (every case when role < 0) with faults; verdicts into out. */
static void km_run(struct km *k, int role, struct bitset faults, enum case_verdict *out)
{
	struct run_plan p = *k->plan;
	const struct case_def **sub = calloc(k->n ? k->n : 1, sizeof *sub);
	struct km_rec rec = { k->plan, out };
	struct run_sink s = { .case_end = km_end, .arg = &rec };
	size_t counts[CASE_VERDICT_COUNT];

	for (size_t i = 0; i < k->n; i++)
		out[i] = CASE_VERDICT_COUNT;
	if (!sub)
		return;
	p.n = 0;
	for (size_t i = 0; i < k->n; i++)
		if (role < 0 || (int)k->plan->cases[i]->role == role)
			sub[p.n++] = k->plan->cases[i];
	p.cases = sub;
	memset(p.faults, 0, sizeof p.faults);
	if (role >= 0)
		p.faults[role] = faults;
	run_plan_exec(&p, &s, counts);
	free(sub);
}

static void km_add(struct km *k, enum case_role role, int f, const char *name)
{
	if (name) /* a gap in the fault table is no fault */
		k->faults[k->nf++] = (struct km_fault){ role, f, name };
}

static int km_alloc(struct km *k)
{
	bool has[CASE_ROLE_COUNT] = { false };

	for (size_t i = 0; i < k->n; i++)
		has[k->plan->cases[i]->role] = true;
	k->faults = calloc(HA_FAULT_COUNT + PMA_FAULT_COUNT, sizeof *k->faults);
	if (!k->faults)
		return -1;
	for (int f = 0; has[CASE_ROLE_HA] && f < HA_FAULT_COUNT; f++)
		km_add(k, CASE_ROLE_HA, f, ha_fault_name((enum ha_fault)f));
	for (int f = 0; has[CASE_ROLE_PMA] && f < PMA_FAULT_COUNT; f++)
		km_add(k, CASE_ROLE_PMA, f, pma_fault_name((enum pma_fault)f));
	k->clean = calloc(k->n, sizeof *k->clean);
	k->v = calloc(k->n * (k->nf ? k->nf : 1), sizeof *k->v);
	k->killed = calloc(k->n, sizeof *k->killed);
	k->caught = calloc(k->nf ? k->nf : 1, sizeof *k->caught);
	return k->clean && k->v && k->killed && k->caught ? 0 : -1;
}

static void km_free(struct km *k)
{
	free(k->faults);
	free(k->clean);
	free(k->v);
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

static void km_print(const struct km *k, FILE *out)
{
	int w = 10;

	for (size_t i = 0; i < k->n; i++)
		if ((int)strlen(k->plan->cases[i]->id) > w)
			w = (int)strlen(k->plan->cases[i]->id);
	fprintf(out, "faults:\n");
	for (size_t f = 0; f < k->nf; f++)
		fprintf(out, "  %3zu  %-3s %s\n", f + 1, case_role_name(k->faults[f].role),
			k->faults[f].name);
	fprintf(out, "\n%-*s", w, "case");
	for (size_t f = 0; f < k->nf; f++)
		fprintf(out, "%3zu", f + 1);
	fprintf(out, "  killed by\n");
	for (size_t i = 0; i < k->n; i++) {
		fprintf(out, "%-*s", w, k->plan->cases[i]->id);
		for (size_t f = 0; f < k->nf; f++)
			fprintf(out, "  %c", km_mark(k->v[f * k->n + i]));
		fprintf(out, "  %u\n", k->killed[i]);
	}
	fprintf(out, "%-*s", w, "caught by");
	for (size_t f = 0; f < k->nf; f++)
		fprintf(out, "%3u", k->caught[f]);
	fprintf(out, "\n(X fail, W warn, . pass, n none, ? inconc, E error)\n\n");
}

/* The exit status's reasons, each said on out; returns how many. */
static unsigned km_judge(const struct km *k, FILE *out)
{
	unsigned bad = 0;

	for (size_t i = 0; i < k->n; i++) {
		enum case_verdict v = k->clean[i];

		if (v != CASE_PASS && v != CASE_NONE) {
			fprintf(out, "%s: %s with no fault (expected pass or none)\n",
				k->plan->cases[i]->id, case_verdict_name(v));
			bad++;
		} else if (v == CASE_PASS && !k->killed[i]) {
			fprintf(out, "%s: no fault makes it fail\n",
				k->plan->cases[i]->id);
			bad++;
		}
	}
	for (size_t f = 0; f < k->nf; f++)
		if (!k->caught[f]) {
			fprintf(out, "fault %s %s: caught by no case\n",
				case_role_name(k->faults[f].role), k->faults[f].name);
			bad++;
		}
	return bad;
}

static int km_exec(struct km *k, FILE *out)
{
	unsigned bad;

	km_run(k, -1, (struct bitset){ { 0 } }, k->clean);
	for (size_t f = 0; f < k->nf; f++) {
		enum case_verdict *col = &k->v[f * k->n];

		if (k->plan->stop && *k->plan->stop)
			break;
		km_run(k, (int)k->faults[f].role, bitset_of((unsigned)k->faults[f].f), col);
		for (size_t i = 0; i < k->n; i++)
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
	fprintf(out, "kill matrix: every case fails under some fault, every fault is caught\n");
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
	fprintf(out, "kill matrix: %zu case%s x %zu fault%s\n", k.n, k.n == 1 ? "" : "s", k.nf,
		k.nf == 1 ? "" : "s");
	rc = km_exec(&k, out);
	km_free(&k);
	return rc;
}
