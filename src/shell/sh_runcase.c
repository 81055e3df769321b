/* sh_runcase.c — `run case ID|GLOB... [--fault NAME]...` and `run suite FILE|NAME
 * [--case GLOB]... [--fault NAME]...` (pmip4ct-shell(7)): catalogue cases run as
 * `pmip4ct run` runs them (runner.h, the selection of run_files.h, the console of
 * run_report.h), with the session's PICS, PIXIT and DUTs, printing to the session.
 *
 * A role whose DUT was named with `dut` is tested remotely; for the other roles each case
 * gets a fresh built-in reference with the faults of --fault (the reference `start`
 * started is not used).  Times on the console are on the DUT's clock, so a run against
 * the references prints the same bytes every time.  Every packet also goes to the
 * session's capture and `debug io`, the references' logs to `debug ha|pma`.
 *
 * Outcome: the session verdict is not touched (each case has its own); the command fails
 * when a case is fail or error, so a script stops there with exit status 1, as `pmip4ct
 * run` exits 1, and when Ctrl-C stopped it after the current case (a script: 130).
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ha.h"
#include "pma.h"
#include "run_files.h"
#include "run_report.h"
#include "sh_net.h"
#include "sh_priv.h"

static const char *const role_upper[CASE_ROLE_COUNT] = { "HA", "PMA" };

struct rc_args {
	bool suite;
	const struct lex_tok *suite_tok;   /* run suite: its FILE|NAME */
	struct run_globs only;             /* run case: the IDs; run suite: --case */
	struct bitset faults[CASE_ROLE_COUNT];
	const struct lex_tok *fault_tok[CASE_ROLE_COUNT];
};

/* ---- arguments ---- */

static const char *fault_name(int r, int f)
{
	return r == CASE_ROLE_HA ? ha_fault_name((enum ha_fault)f)
				 : pma_fault_name((enum pma_fault)f);
}

static int fault_count(int r)
{
	return r == CASE_ROLE_HA ? HA_FAULT_COUNT : PMA_FAULT_COUNT;
}

static void fault_names(sh_add_fn add, void *arg)
{
	for (int r = 0; r < CASE_ROLE_COUNT; r++)
		for (int f = 0; f < fault_count(r); f++)
			if (fault_name(r, f))
				add(arg, fault_name(r, f));
}

/* --fault [ha:|pma:]NAME, as pmip4ct run: a bare name both references have breaks both. */
static int arg_fault(struct sh *sh, const struct lex_cmd *cmd, size_t i, struct rc_args *a)
{
	const char *v = cmd->tok[i].text;
	int only = -1, found = 0;
	struct sh_suggest s;

	if (!strncmp(v, "ha:", 3))
		only = CASE_ROLE_HA, v += 3;
	else if (!strncmp(v, "pma:", 4))
		only = CASE_ROLE_PMA, v += 4;
	for (int r = 0; r < CASE_ROLE_COUNT; r++) {
		int f = only < 0 || only == r ? sh_net_fault((enum case_role)r, v) : -1;

		if (f >= 0) {
			bitset_add(&a->faults[r], (unsigned)f);
			a->fault_tok[r] = &cmd->tok[i];
			found++;
		}
	}
	if (found)
		return 0;
	sh_suggest_init(&s, v);
	fault_names(sh_suggest_add, &s);
	if (s.best)
		return sh_err_at(sh, cmd, &cmd->tok[i], "unknown fault '%s' (did you mean '%s'?)",
				 v, s.best);
	return sh_err_at(sh, cmd, &cmd->tok[i], "unknown fault '%s' (pmip4ct run --fault list)",
			 v);
}

/* A case ID or glob that selects nothing is a typo: say so. */
static int arg_glob(struct sh *sh, const struct lex_cmd *cmd, size_t i, struct rc_args *a)
{
	struct run_globs one = { 0 };
	struct sh_suggest s;
	size_t n;
	const struct case_def *const *all = case_all(&n);
	bool hit = false;

	if (run_globs_add(&one, cmd->tok[i].text) < 0 ||
	    run_globs_add(&a->only, cmd->tok[i].text) < 0) {
		run_globs_finish(&one);
		return sh_err_at(sh, cmd, &cmd->tok[i], "out of memory");
	}
	for (size_t k = 0; k < n && !hit; k++)
		hit = run_globs_any(&one, all[k]);
	run_globs_finish(&one);
	if (hit)
		return 0;
	sh_suggest_init(&s, cmd->tok[i].text);
	sh_complete_case_ids(sh_suggest_add, &s);
	return sh_err_at(sh, cmd, &cmd->tok[i], "no case matches '%s'%s", cmd->tok[i].text,
			 sh_suggest_str(&s));
}

static int rc_parse(struct sh *sh, const struct lex_cmd *cmd, size_t first, struct rc_args *a)
{
	const char *usage = a->suite ? "run suite FILE|NAME [--case GLOB]... [--fault NAME]..."
				     : "run case ID|GLOB... [--fault NAME]...";
	struct sh_net *n = sh->net;

	for (size_t i = first + 1; i < cmd->n; i++) {
		const struct lex_tok *t = &cmd->tok[i];
		bool fault = lex_is_word(t, "--fault"), glob = lex_is_word(t, "--case");

		if ((fault || (glob && a->suite)) && i + 1 == cmd->n)
			return sh_err_at(sh, cmd, NULL, "%s needs a value; usage: %s", t->text,
					 usage);
		if (fault && arg_fault(sh, cmd, ++i, a) < 0)
			return -1;
		if (glob && a->suite && arg_glob(sh, cmd, ++i, a) < 0)
			return -1;
		if (fault || (glob && a->suite))
			continue;
		if (t->kind == LEX_WORD && t->text[0] == '-' && t->text[1] == '-')
			return sh_err_at(sh, cmd, t, "unknown option '%s'; usage: %s", t->text,
					 usage);
		if (a->suite && a->suite_tok)
			return sh_err_at(sh, cmd, t, "too many arguments; usage: %s", usage);
		if (a->suite)
			a->suite_tok = t;
		else if (arg_glob(sh, cmd, i, a) < 0)
			return -1;
	}
	if (a->suite ? !a->suite_tok : !a->only.n)
		return sh_err_at(sh, cmd, NULL, "too few arguments; usage: %s", usage);
	for (int r = 0; r < CASE_ROLE_COUNT; r++)
		if (!bitset_empty(&a->faults[r]) && n->sess[r] && n->remote[r])
			return sh_err_at(sh, cmd, a->fault_tok[r], "--fault breaks the built-in "
					 "reference %s, but the %s is a DUT named with dut",
					 role_upper[r], role_upper[r]);
	return 0;
}

/* ---- PICS and PIXIT ---- */

/* The suite's PICS and PIXIT over a copy of the session's, then the items the session set
 * over those: the precedence of pmip4ct run, where --pics/--pixit beat the suite. */
static struct params *rc_params(struct sh *sh, const struct lex_cmd *cmd,
				const struct rc_args *a, struct run_suite *s)
{
	const struct params *mine = sh->net->params;
	struct params *p = params_clone(mine);
	const struct param_table *const *tabs;
	char err[512];
	size_t nt;

	if (!p) {
		sh_err_at(sh, cmd, NULL, "out of memory");
		return NULL;
	}
	if (!a->suite)
		return p;
	if (run_suite_load(a->suite_tok->text, s, p, err, sizeof err) < 0) {
		sh_err_at(sh, cmd, a->suite_tok, "%s", err);
		params_destroy(p);
		return NULL;
	}
	tabs = param_tables(&nt);
	for (size_t t = 0; t < nt; t++)
		for (size_t d = 0; d < tabs[t]->n; d++) {
			const char *name = tabs[t]->defs[d].name;
			enum param_kind k = tabs[t]->kind;

			if (params_isset(mine, k, name))
				params_set(p, k, name, params_text(mine, k, name), err, sizeof err);
		}
	return p;
}

/* ---- running ---- */

/* The console's sink, and the session's for packets (capture, debug io) and the
 * references' logs (debug ha|pma). */
struct rc_sink {
	struct run_sink report;
	const struct run_sink *sess;
};

static void rc_begin(void *arg, const struct case_def *c, size_t i, size_t n)
{
	struct rc_sink *s = arg;

	s->report.case_begin(s->report.arg, c, i, n);
}

static void rc_packet(void *arg, const struct case_def *c, const struct tc_pkt *p,
		      bool to_dut)
{
	struct rc_sink *s = arg;

	s->report.packet(s->report.arg, c, p, to_dut);
	s->sess->packet(s->sess->arg, c, p, to_dut);
}

static void rc_dut_log(void *arg, const struct case_def *c, const char *line)
{
	struct rc_sink *s = arg;

	s->sess->dut_log(s->sess->arg, c, line);
}

static void rc_end(void *arg, const struct run_result *r, size_t i, size_t n)
{
	struct rc_sink *s = arg;

	s->report.case_end(s->report.arg, r, i, n);
}

static int rc_exec(struct sh *sh, const struct lex_cmd *cmd, const struct rc_args *a,
		   const struct run_sel *sel, const struct params *p)
{
	static uint32_t runs; /* NAIs of successive runs against a remote DUT differ */
	struct run_report_opts ro = { .sel = sel, .verbosity = RUN_NORMAL, .out = sh->out,
				      .dut_time = true };
	struct run_plan plan = { .cases = sel->cases, .n = sel->n, .params = p,
				 .stop = &sh->interrupted };
	size_t counts[CASE_VERDICT_COUNT], done, bad;
	struct rc_sink rs = { .sess = &sh->net->sink };
	struct run_sink sink = { rc_begin, rc_packet, rc_dut_log, rc_end, &rs };
	struct run_report *r;
	char err[512];

	for (int k = 0; k < CASE_ROLE_COUNT; k++) {
		plan.remote[k] = sh->net->sess[k] && sh->net->remote[k];
		plan.faults[k] = a->faults[k];
		if (plan.remote[k]) /* the session's sockets: the tester's addresses are taken */
			plan.held[k] = sess_backend(sh->net->sess[k]);
		if (plan.remote[k])
			plan.run_id = (uint32_t)((unsigned long)time(NULL) + runs++) % 1000000u + 1;
	}
	r = run_report_create(&ro, err, sizeof err);
	if (!r)
		return sh_err_at(sh, cmd, NULL, "%s", err);
	rs.report = run_report_sink(r);
	if (!sel->n)
		fprintf(sh->out, "no cases selected\n");
	done = run_plan_exec(&plan, &sink, counts);
	run_report_finish(r, done < sel->n);
	run_report_destroy(r);
	if (done < sel->n)
		return sh_err_at(sh, cmd, &cmd->tok[0], "interrupted after %zu of %zu cases", done,
				 sel->n);
	bad = counts[CASE_FAIL] + counts[CASE_ERROR];
	if (bad)
		return sh_err_at(sh, cmd, &cmd->tok[0], "%zu of %zu case%s ended fail or error",
				 bad, done, done == 1 ? "" : "s");
	return 0;
}

/* run case ID|GLOB... [--fault NAME]... | run suite FILE|NAME [--case GLOB]... [--fault..] */
static int c_run(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	struct rc_args a = { 0 };
	struct run_suite suite = { 0 };
	struct params *p = NULL;
	struct run_sel sel;
	int rc = -1;

	if (!sh_net_get(sh, cmd))
		return -1;
	if (first == cmd->n || (!lex_is_word(&cmd->tok[first], "case") &&
				!lex_is_word(&cmd->tok[first], "suite")))
		return sh_err_at(sh, cmd, first < cmd->n ? &cmd->tok[first] : NULL,
				 "expected case or suite; usage: run case ID|GLOB... | run suite "
				 "FILE|NAME");
	a.suite = lex_is_word(&cmd->tok[first], "suite");
	if (rc_parse(sh, cmd, first, &a) < 0 || !(p = rc_params(sh, cmd, &a, &suite)))
		goto out;
	if (run_sel_make(&sel, a.suite ? &suite : NULL, a.suite, &a.only) < 0) {
		sh_err_at(sh, cmd, NULL, "out of memory");
		goto out;
	}
	rc = rc_exec(sh, cmd, &a, &sel, p);
	run_sel_finish(&sel);
out:
	params_destroy(p);
	run_suite_finish(&suite);
	run_globs_finish(&a.only);
	return rc;
}

/* ---- completion ---- */

static int by_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* NAME for each testsuites/NAME.suite under the current directory, sorted. */
static void suite_names(sh_add_fn add, void *arg)
{
	DIR *d = opendir("testsuites");
	char *names[64];
	size_t n = 0;
	struct dirent *e;

	while (d && n < sizeof names / sizeof names[0] && (e = readdir(d))) {
		size_t len = strlen(e->d_name);

		if (len > 6 && !strcmp(e->d_name + len - 6, ".suite") &&
		    (names[n] = strndup(e->d_name, len - 6)))
			n++;
	}
	if (d)
		closedir(d);
	qsort(names, n, sizeof names[0], by_str);
	for (size_t k = 0; k < n; k++) {
		add(arg, names[k]);
		free(names[k]);
	}
}

static unsigned k_run(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
		      void *arg)
{
	bool suite = n >= 2 && !strcmp(toks[1].text, "suite");
	const char *last = toks[n - 1].text;

	(void)sh;
	if (n == 1) {
		add(arg, "case");
		add(arg, "suite");
	} else if (!strcmp(last, "--fault")) {
		fault_names(add, arg);
	} else if (suite && n == 2) {
		suite_names(add, arg);
		return SH_COMPLETE_FILES;
	} else if (!suite || !strcmp(last, "--case")) {
		if (!suite || n == 2)
			add(arg, "--fault");
		sh_complete_case_ids(add, arg);
	} else {
		add(arg, "--case");
		add(arg, "--fault");
	}
	return 0;
}

static const struct sh_command runcase_rows[] = {
	{ "run", "run case ID|GLOB... [--fault NAME]... | run suite FILE|NAME [--case GLOB]... "
		 "[--fault NAME]...",
	  "  Run catalogue cases as pmip4ct run does, with the session's PICS and PIXIT.\n"
	  "  run case takes case IDs or globs (HA-REG-0*); run suite a suite file, or NAME\n"
	  "  for testsuites/NAME.suite, whose pics and pixit apply under the session's own\n"
	  "  (the session's win), and --case keeps only the cases that match.\n"
	  "  A role whose DUT was named with dut is tested there; otherwise each case gets a\n"
	  "  fresh built-in reference (not the one start started), broken by each --fault\n"
	  "  [ha:|pma:]NAME (a bare NAME breaks every reference that has it).\n"
	  "  Each case prints its verdict, its time on the DUT's clock and its reason, then\n"
	  "  the summary; packets also go to the capture and debug io.  Ctrl-C stops after\n"
	  "  the current case.  The session verdict is not changed; the command fails when\n"
	  "  a case is fail or error, so a script stops there with exit status 1.\n",
	  c_run, k_run, SH_CMD_SUBWORD },
};

SH_TABLE(sh_runcase_table, runcase_rows);
