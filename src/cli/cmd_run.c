/* cmd_run.c — `pmip4ct run SUITE... [options]` (DESIGN.md §8): run conformance cases
 * against the built-in references or DUTs, with PICS and PIXIT from files (§4), and
 * report to the console, JSON, JUnit and per-case pcaps (run_report.c).
 *
 * Precedence of PICS/PIXIT values: defaults < suite files < --pics/--pixit files <
 * what a --variant declares (variant_params.h) < the command line (--dut-ha, --dut-pma).
 *
 * Exit status (cmds.h): 0 = no case is fail or error; 1 = some case is; 2 = bad usage,
 * a file that cannot be read or written; 130 = stopped by SIGINT/SIGTERM (the current
 * case finishes and the reports hold every finished case).
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmds.h"
#include "cols.h"
#include "gen.h"
#include "ha.h"
#include "pma.h"
#include "run_files.h"
#include "run_meta.h"
#include "run_report.h"
#include "txt.h"
#include "variant_params.h"

struct run_opts {
	const char *const *shown; /* the command line the reports record */
	int n_shown;
	const char *dut[CASE_ROLE_COUNT];
	const char **pics, **pixit; /* files, in argv order */
	size_t n_pics, n_pixit;
	struct run_globs only;      /* --case */
	const char *junit, *json, *pcap_dir;
	const char *report, *sign;  /* --report DIR, --sign KEYFILE */
	char **notes;               /* --note, in argv order */
	size_t n_notes;
	struct gen_shard shard;     /* --shard (1/1: none) */
	bool list, kill, man, help, strict;
	bool list_kind[2];                     /* --fault list, --variant list */
	struct bitset faults[CASE_ROLE_COUNT];
	struct bitset variants[CASE_ROLE_COUNT];
	enum run_verbosity verbosity;
	char **suites;
	size_t n_suites;
};

static volatile sig_atomic_t run_stop;

static void run_on_signal(int sig)
{
	(void)sig;
	run_stop = 1;
}

static void run_usage(FILE *f)
{
	fprintf(f,
		"usage: pmip4ct run [SUITE...] [--dut-ha ADDR[:PORT]] [--dut-pma ADDR[:PORT]]\n"
		"                   [--pics FILE] [--pixit FILE] [--case GLOB]... [--fault NAME]...\n"
		"                   [--variant NAME]...\n"
		"                   [--json FILE] [--junit FILE] [--pcap-dir DIR] [--strict] [-q]\n"
		"                   [--report DIR [--sign KEYFILE]] [--note TEXT]... [--shard I/N]\n"
		"       pmip4ct run [SUITE...] [--case GLOB]... --list\n"
		"       pmip4ct run [SUITE...] [--case GLOB]... --kill-matrix\n"
		"       pmip4ct run --man | --fault list | --variant list\n"
		"SUITE is a suite file, or NAME for testsuites/NAME.suite.  See pmip4ct(1).\n");
}

/* ---- options ---- */

/* What --fault and --variant name: the members of each role's reference tables. */
enum run_kind { RUN_FAULT, RUN_VARIANT, RUN_KIND_COUNT };

static const char *const run_kind_word[RUN_KIND_COUNT] = { "fault", "variant" };

static const struct bitset_names *run_names(enum run_kind k, int r)
{
	static const struct bitset_names *const t[RUN_KIND_COUNT][CASE_ROLE_COUNT] = {
		[RUN_FAULT] = { &ha_fault_names, &pma_fault_names },
		[RUN_VARIANT] = { &ha_variant_names, &pma_variant_names },
	};

	return t[k][r];
}

static struct bitset *run_set(struct run_opts *o, enum run_kind k, int r)
{
	return k == RUN_FAULT ? &o->faults[r] : &o->variants[r];
}

static bool run_set_empty(const struct run_opts *o, enum run_kind k, int r)
{
	return bitset_empty(k == RUN_FAULT ? &o->faults[r] : &o->variants[r]);
}

/* The closest name of kind k, at most 2 edits away, or NULL. */
static const char *run_member_near(enum run_kind k, const char *v)
{
	const char *near = NULL;
	unsigned best = 3;

	for (int r = 0; r < CASE_ROLE_COUNT; r++)
		for (unsigned f = 0; f < run_names(k, r)->n; f++) {
			const char *n = bitset_name(run_names(k, r), f);
			unsigned d = n ? txt_edit_distance(v, n) : UINT32_MAX;

			if (d < best) {
				best = d;
				near = n;
			}
		}
	return near;
}

/* --fault / --variant [ha:|pma:]NAME: a fault or variant of the reference HA or PMA; a
 * bare name that both have applies to both. */
static int run_opt_member(struct run_opts *o, enum run_kind k, const char *v)
{
	const char *what = run_kind_word[k], *near;
	int only = -1, found = 0;

	if (!strcmp(v, "list")) {
		o->list_kind[k] = true;
		return 0;
	}
	if (!strncmp(v, "ha:", 3))
		only = CASE_ROLE_HA, v += 3;
	else if (!strncmp(v, "pma:", 4))
		only = CASE_ROLE_PMA, v += 4;
	for (int r = 0; r < CASE_ROLE_COUNT; r++) {
		int f = bitset_lookup(run_names(k, r), v);

		if ((only < 0 || only == r) && f >= 0) {
			bitset_add(run_set(o, k, r), (unsigned)f);
			found++;
		}
	}
	if (found)
		return 0;
	near = run_member_near(k, v);
	if (near)
		fprintf(stderr, "pmip4ct run: --%s '%s': unknown %s (did you mean '%s'?)\n",
			what, v, what, near);
	else
		fprintf(stderr, "pmip4ct run: --%s '%s': unknown %s ('--%s list' shows them)\n",
			what, v, what, what);
	return -1;
}

enum { OPT_DUT_HA = 256, OPT_DUT_PMA, OPT_PIXIT, OPT_PICS, OPT_CASE, OPT_JUNIT, OPT_JSON,
       OPT_PCAP_DIR, OPT_LIST, OPT_FAULT, OPT_VARIANT, OPT_KILL, OPT_MAN, OPT_STRICT,
       OPT_REPORT, OPT_SIGN, OPT_NOTE, OPT_SHARD };

static const struct option run_longopts[] = {
	{ "dut-ha", required_argument, NULL, OPT_DUT_HA },
	{ "dut-pma", required_argument, NULL, OPT_DUT_PMA },
	{ "pixit", required_argument, NULL, OPT_PIXIT },
	{ "pics", required_argument, NULL, OPT_PICS },
	{ "case", required_argument, NULL, OPT_CASE },
	{ "junit", required_argument, NULL, OPT_JUNIT },
	{ "json", required_argument, NULL, OPT_JSON },
	{ "pcap-dir", required_argument, NULL, OPT_PCAP_DIR },
	{ "list", no_argument, NULL, OPT_LIST },
	{ "fault", required_argument, NULL, OPT_FAULT },
	{ "variant", required_argument, NULL, OPT_VARIANT },
	{ "kill-matrix", no_argument, NULL, OPT_KILL },
	{ "man", no_argument, NULL, OPT_MAN },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "report", required_argument, NULL, OPT_REPORT },
	{ "sign", required_argument, NULL, OPT_SIGN },
	{ "note", required_argument, NULL, OPT_NOTE },
	{ "shard", required_argument, NULL, OPT_SHARD },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int run_opt_shard(struct run_opts *o, const char *arg)
{
	char err[160];

	if (gen_shard_parse(&o->shard, arg, err, sizeof err) == 0)
		return 0;
	fprintf(stderr, "pmip4ct run: --shard: %s\n", err);
	return -1;
}

static int run_opt(struct run_opts *o, int c, char *arg)
{
	switch (c) {
	case OPT_DUT_HA: o->dut[CASE_ROLE_HA] = arg; return 0;
	case OPT_DUT_PMA: o->dut[CASE_ROLE_PMA] = arg; return 0;
	case OPT_PIXIT: o->pixit[o->n_pixit++] = arg; return 0;
	case OPT_PICS: o->pics[o->n_pics++] = arg; return 0;
	case OPT_CASE: return run_globs_add(&o->only, arg);
	case OPT_JUNIT: o->junit = arg; return 0;
	case OPT_JSON: o->json = arg; return 0;
	case OPT_PCAP_DIR: o->pcap_dir = arg; return 0;
	case OPT_LIST: o->list = true; return 0;
	case OPT_FAULT: return run_opt_member(o, RUN_FAULT, arg);
	case OPT_VARIANT: return run_opt_member(o, RUN_VARIANT, arg);
	case OPT_KILL: o->kill = true; return 0;
	case OPT_MAN: o->man = true; return 0;
	case OPT_STRICT: o->strict = true; return 0;
	case OPT_REPORT: o->report = arg; return 0;
	case OPT_SIGN: o->sign = arg; return 0;
	case OPT_NOTE: o->notes[o->n_notes++] = arg; return 0;
	case OPT_SHARD: return run_opt_shard(o, arg);
	case 'q': o->verbosity = RUN_QUIET; return 0;
	case 'h': o->help = true; return 0;
	default: return -1;
	}
}

static int run_parse(struct run_opts *o, int argc, char **argv)
{
	int c;

	o->verbosity = RUN_NORMAL;
	o->pics = calloc((size_t)argc, sizeof *o->pics);
	o->pixit = calloc((size_t)argc, sizeof *o->pixit);
	o->notes = calloc((size_t)argc, sizeof *o->notes);
	o->shard = (struct gen_shard){ 1, 1 };
	if (!o->pics || !o->pixit || !o->notes)
		return -1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "qh", run_longopts, NULL)) != -1)
		if (run_opt(o, c, optarg) < 0)
			return -1;
	o->suites = argv + optind;
	o->n_suites = (size_t)(argc - optind);
	return 0;
}

/* ---- PICS and PIXIT, in order of precedence ---- */

static int run_params(struct run_opts *o, struct run_suite *suites, struct params *p)
{
	static const char *const key[CASE_ROLE_COUNT] = { "ha", "pma" };
	static const char *const opt[CASE_ROLE_COUNT] = { "--dut-ha", "--dut-pma" };
	char err[512];

	for (size_t i = 0; i < o->n_suites; i++)
		if (run_suite_load(o->suites[i], &suites[i], p, err, sizeof err) < 0)
			goto fail;
	for (size_t i = 0; i < o->n_pics; i++)
		if (run_file_read(o->pics[i], NULL, p, err, sizeof err) < 0)
			goto fail;
	for (size_t i = 0; i < o->n_pixit; i++)
		if (run_file_read(o->pixit[i], NULL, p, err, sizeof err) < 0)
			goto fail;
	/* a reference built as a variant declares what such a device would (DESIGN.md §4) */
	for (int r = 0; r < CASE_ROLE_COUNT; r++)
		for (unsigned v = 0; v < BITSET_MAX; v++)
			if (bitset_has(&o->variants[r], v) &&
			    variant_params(p, (enum case_role)r, v, err, sizeof err) < 0)
				goto fail;
	for (int r = 0; r < CASE_ROLE_COUNT; r++)
		if (o->dut[r] && params_set(p, PARAM_PIXIT, key[r], o->dut[r], err, sizeof err)) {
			fprintf(stderr, "pmip4ct run: %s '%s': %s\n", opt[r], o->dut[r], err);
			return -1;
		}
	return 0;
fail:
	fprintf(stderr, "pmip4ct run: %s\n", err);
	return -1;
}

/* Usage that parses but makes no sense. */
static int run_check(const struct run_opts *o)
{
	static const char *const opt[CASE_ROLE_COUNT] = { "--dut-ha", "--dut-pma" };

	for (int r = 0; r < CASE_ROLE_COUNT; r++) {
		for (int k = 0; k < RUN_KIND_COUNT; k++)
			if (o->dut[r] && !run_set_empty(o, (enum run_kind)k, r)) {
				fprintf(stderr, "pmip4ct run: --%s %s the built-in reference "
					"%s, but %s names a DUT\n", run_kind_word[k],
					k == RUN_FAULT ? "breaks" : "changes",
					r == CASE_ROLE_HA ? "HA" : "PMA", opt[r]);
				return -1;
			}
		if (o->dut[r] && o->kill) {
			fprintf(stderr, "pmip4ct run: --kill-matrix runs the built-in references; "
				"drop %s\n", opt[r]);
			return -1;
		}
	}
	if (o->report && (o->json || o->junit || o->pcap_dir)) {
		fprintf(stderr, "pmip4ct run: --report writes its own report.json, junit.xml and "
			"pcaps/; drop --json, --junit and --pcap-dir\n");
		return -1;
	}
	if (o->sign && !o->report) {
		fprintf(stderr, "pmip4ct run: --sign signs a bundle: give --report DIR\n");
		return -1;
	}
	if (o->kill && (o->report || o->shard.total > 1)) {
		fprintf(stderr, "pmip4ct run: --kill-matrix writes no report and is not sharded\n");
		return -1;
	}
	for (int r = 0; r < CASE_ROLE_COUNT; r++)
		if (o->kill && (!run_set_empty(o, RUN_FAULT, r) ||
				!run_set_empty(o, RUN_VARIANT, r))) {
			fprintf(stderr, "pmip4ct run: --kill-matrix chooses the faults and "
				"variants itself; drop --fault and --variant\n");
			return -1;
		}
	return 0;
}

/* ---- the actions ---- */

/* --case matched no case of the suites: say so, with the areas there are ("HA-AUTH"). */
static void run_no_match(const struct run_opts *o)
{
	size_t n, k = 0;
	const struct case_def *const *all = case_all(&n);
	char last[24] = "";

	fprintf(stderr, "pmip4ct run: --case");
	for (size_t i = 0; i < o->only.n; i++)
		fprintf(stderr, " '%s'", o->only.v[i]);
	fprintf(stderr, " matches no case of the suites given; the areas are:");
	for (size_t i = 0; i < n; i++) { /* in ID order: one line per area */
		const char *id = all[i]->id, *dash = strrchr(id, '-');
		int len = dash ? (int)(dash - id) : (int)strlen(id);

		if (len < (int)sizeof last && (strncmp(last, id, (size_t)len) || last[len])) {
			snprintf(last, sizeof last, "%.*s", len, id);
			fprintf(stderr, "%s%s-*", k++ % 8 ? " " : "\n  ", last);
		}
	}
	fprintf(stderr, "\n('pmip4ct run SUITE --list' lists the cases)\n");
}

/* ROLE NAME WHAT, the what wrapped under its column. */
static void run_member_list(enum run_kind k)
{
	printf("%-4s %-28s %s\n", "ROLE", k == RUN_FAULT ? "FAULT" : "VARIANT",
	       k == RUN_FAULT ? "WHAT IT BREAKS" : "WHAT IT DOES, AND THE SENTENCE THAT ALLOWS IT");
	for (int r = 0; r < CASE_ROLE_COUNT; r++)
		for (unsigned f = 0; f < run_names(k, r)->n; f++) {
			const char *n = bitset_name(run_names(k, r), f);

			if (n) {
				printf("%-4s %-28s ", case_role_name((enum case_role)r), n);
				cols_wrap(stdout, bitset_help(run_names(k, r), f), 34, 34,
					  CONSOLE_COLS);
			}
		}
}

/* A header, then per case: ID, role, level, title; under the title its RFC reference and
 * PICS items.  Within CONSOLE_COLS: a long title or reference wraps under its column. */
static void run_list(const struct run_sel *sel)
{
	int w = 8, col;

	for (size_t i = 0; i < sel->n; i++)
		if (cols_width(sel->cases[i]->id) > w)
			w = cols_width(sel->cases[i]->id);
	col = w + 2 + 5 + 8;
	printf("%-*s  ROLE LEVEL   TITLE\n%*sRFC REFERENCE | PICS ITEMS NEEDED\n", w, "ID",
	       col, "");
	for (size_t i = 0; i < sel->n; i++) {
		const struct case_def *c = sel->cases[i];
		char *more = NULL;

		cols_cell(stdout, c->id, w, 1);
		printf("  %-4s %-7s ", case_role_name(c->role), case_level_name(c->level));
		cols_wrap(stdout, c->title, col, col, CONSOLE_COLS);
		if (asprintf(&more, "%s | %s", c->ref, c->pics && *c->pics ? c->pics : "-") < 0)
			continue;
		printf("%*s", col, "");
		cols_wrap(stdout, more, col, col, CONSOLE_COLS);
		free(more);
	}
}

static void run_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = run_on_signal;
	sa.sa_flags = (int)SA_RESETHAND; /* a second ^C ends the run at once */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* DESIGN.md §4: 1 when a case failed (or warned, under --strict); else 3 when a case
 * could not be judged (inconc) or the tester failed (error); else 0 (pass, none, warn). */
static int run_status(const size_t counts[CASE_VERDICT_COUNT], bool strict)
{
	if (counts[CASE_FAIL] || (strict && counts[CASE_WARN]))
		return 1;
	return counts[CASE_INCONC] || counts[CASE_ERROR] ? 3 : 0;
}

/* ---- the run's own description (run_meta.h) ---- */

/* "ha:NAME" for each member of kind k chosen for each role. */
static int run_meta_names(const struct run_opts *o, enum run_kind k, char ***v, size_t *n)
{
	*v = calloc(2 * BITSET_MAX, sizeof **v);
	*n = 0;
	if (!*v)
		return -1;
	for (int r = 0; r < CASE_ROLE_COUNT; r++)
		for (unsigned f = 0; f < BITSET_MAX; f++) {
			const char *name = bitset_name(run_names(k, r), f);

			if (!bitset_has(k == RUN_FAULT ? &o->faults[r] : &o->variants[r], f) ||
			    !name)
				continue;
			if (asprintf(&(*v)[*n], "%s:%s", case_role_name((enum case_role)r),
				     name) < 0)
				return -1;
			++*n;
		}
	return 0;
}

static void run_meta_free(struct run_meta *m)
{
	for (size_t i = 0; i < m->n_variants; i++)
		free(m->variants[i]);
	for (size_t i = 0; i < m->n_faults; i++)
		free(m->faults[i]);
	free(m->variants);
	free(m->faults);
	run_meta_finish(m);
}

/* The campaign is the whole selection, every shard's cases. */
static int run_meta_fill(struct run_meta *m, const struct run_opts *o,
			 const struct run_sel *campaign, const struct params *p)
{
	char err[512];

	m->argv = o->shown;
	m->argc = o->n_shown;
	m->params = p;
	for (int r = 0; r < CASE_ROLE_COUNT; r++)
		m->remote[r] = o->dut[r] != NULL;
	for (size_t i = 0; i < campaign->n; i++)
		m->roles[campaign->cases[i]->role] = true;
	m->notes = o->notes;
	m->n_notes = o->n_notes;
	m->strict = o->strict;
	m->shard_index = o->shard.index;
	m->shard_total = o->shard.total;
	m->campaign = campaign->cases;
	m->n_campaign = campaign->n;
	if (run_meta_names(o, RUN_VARIANT, &m->variants, &m->n_variants) < 0 ||
	    run_meta_names(o, RUN_FAULT, &m->faults, &m->n_faults) < 0) {
		fprintf(stderr, "pmip4ct run: out of memory\n");
		return -1;
	}
	if (run_meta_init(m, o->pics, o->n_pics, o->pixit,
			  o->n_pixit, err, sizeof err) < 0) {
		fprintf(stderr, "pmip4ct run: %s\n", err);
		return -1;
	}
	return 0;
}

static int run_exec(const struct run_opts *o, const struct run_sel *sel,
		    const struct run_meta *meta, struct run_plan *plan)
{
	struct run_report_opts ro = { .sel = sel, .json = o->json, .junit = o->junit,
				      .pcap_dir = o->pcap_dir, .verbosity = o->verbosity,
				      .strict = o->strict, .meta = meta, .bundle = o->report,
				      .sign_key = o->sign };
	size_t counts[CASE_VERDICT_COUNT], done;
	struct tc_net held[CASE_ROLE_COUNT];
	struct run_report *r;
	struct run_sink sink;
	char err[512];
	int rc;

	if (run_plan_hold(plan, held, err, sizeof err)) {
		fprintf(stderr, "pmip4ct run: cannot reach the DUT: %s\n", err);
		return 2;
	}
	r = run_report_create(&ro, err, sizeof err);
	if (!r) {
		fprintf(stderr, "pmip4ct run: %s\n", err);
		run_plan_release(plan, held);
		return 2;
	}
	sink = run_report_sink(r);
	if (!sel->n && o->verbosity != RUN_SILENT)
		printf("no cases selected\n");
	done = run_plan_exec(plan, &sink, counts);
	rc = run_report_finish(r, done < sel->n) < 0 ? 2 : run_status(counts, o->strict);
	if (done < sel->n)
		rc = 130;
	run_report_destroy(r);
	run_plan_release(plan, held);
	return rc;
}

/* The run proper: the campaign selected, this shard's part of it, the plan. */
static int run_go(struct run_opts *o, const struct run_sel *all, const struct run_sel *sel,
		  struct params *p)
{
	struct run_plan plan = { 0 };
	struct run_meta meta = { 0 };
	const char **suites;
	int rc;

	plan.cases = sel->cases;
	plan.n = sel->n;
	plan.params = p;
	plan.stop = &run_stop;
	for (int r = 0; r < CASE_ROLE_COUNT; r++) {
		plan.remote[r] = o->dut[r] != NULL;
		plan.faults[r] = o->faults[r];
		plan.variants[r] = o->variants[r];
	}
	if (o->dut[CASE_ROLE_HA] || o->dut[CASE_ROLE_PMA])
		plan.run_id = (uint32_t)time(NULL) % 1000000u + 1;
	if (o->list) {
		run_list(sel);
		return 0;
	}
	run_signals();
	if (o->kill)
		return run_kill_matrix(&plan, stdout);
	/* each campaign case's suite: a merge of shards counts each suite's planned cases */
	suites = calloc(all->n ? all->n : 1, sizeof *suites);
	for (size_t i = 0; suites && i < all->n; i++)
		suites[i] = all->suite_names[all->suite_of[i]];
	meta.campaign_suites = suites;
	rc = !suites || run_meta_fill(&meta, o, all, p) < 0 ? 2 : run_exec(o, sel, &meta, &plan);
	run_meta_free(&meta);
	free(suites);
	return rc;
}

static int run_main(struct run_opts *o, struct run_suite *suites, struct params *p)
{
	struct run_sel all, shard;
	int rc = 2;

	if (run_params(o, suites, p) < 0)
		return 2;
	if (run_sel_make(&all, suites, o->n_suites, &o->only) < 0) {
		fprintf(stderr, "pmip4ct run: out of memory\n");
		return 2;
	}
	if (o->only.n && !all.n) { /* a typo in --case is no run of nothing */
		run_no_match(o);
		run_sel_finish(&all);
		return 2;
	}
	if (run_sel_shard(&shard, &all, o->shard.index, o->shard.total) < 0) {
		fprintf(stderr, "pmip4ct run: out of memory\n");
	} else {
		rc = run_go(o, &all, &shard, p);
		run_sel_finish(&shard);
	}
	run_sel_finish(&all);
	return rc;
}

int cmd_run_as(int argc, char **argv, int shown_argc, const char *const *shown_argv)
{
	struct run_opts o = { .shown = shown_argv, .n_shown = shown_argc };
	struct run_suite *suites = NULL;
	struct params *p = NULL;
	int rc = 2;

	if (run_parse(&o, argc, argv) < 0 || run_check(&o) < 0) {
		run_usage(stderr);
		goto out;
	}
	rc = 0;
	if (o.help)
		run_usage(stdout);
	else if (o.man)
		run_man(stdout);
	else if (o.list_kind[RUN_FAULT])
		run_member_list(RUN_FAULT);
	else if (o.list_kind[RUN_VARIANT])
		run_member_list(RUN_VARIANT);
	else if (!(p = params_create()) ||
		 !(suites = calloc(o.n_suites ? o.n_suites : 1, sizeof *suites)))
		rc = 2;
	else
		rc = run_main(&o, suites, p);
	for (size_t i = 0; suites && i < o.n_suites; i++)
		run_suite_finish(&suites[i]);
out:
	free(suites);
	params_destroy(p);
	run_globs_finish(&o.only);
	free(o.pics);
	free(o.pixit);
	free(o.notes);
	return rc;
}

int cmd_run(int argc, char **argv)
{
	const char **shown = calloc((size_t)argc + 1, sizeof *shown);
	int rc;

	if (!shown) {
		fprintf(stderr, "pmip4ct run: out of memory\n");
		return 2;
	}
	shown[0] = "pmip4ct"; /* argv[0] is "run" */
	memcpy(shown + 1, argv, (size_t)argc * sizeof *shown);
	rc = cmd_run_as(argc, argv, argc + 1, shown);
	free(shown);
	return rc;
}
