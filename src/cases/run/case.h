/* case.h — a conformance case and the registry of them (DESIGN.md §4).
 *
 * A case is one test purpose: it checks one requirement of one role, named by RFC and
 * section and level, and it may depend on one or more PICS items.  Its body is a C
 * function over a test context (tc.h): it plays the DUT's peers, sends and expects
 * messages, and sets a verdict.  The registry collects every case file's table, in ID
 * order, for `pmip4ct run --list`, the suites and the generated pmip4ct-cases(7).
 */
#ifndef PMIP4CT_CASE_H
#define PMIP4CT_CASE_H

#include <stdbool.h>
#include <stddef.h>

/* The role a case tests (the DUT's role). */
enum case_role { CASE_ROLE_HA, CASE_ROLE_PMA, CASE_ROLE_COUNT };

enum case_level { CASE_MUST, CASE_SHOULD, CASE_MAY };

/* ETSI / TTCN-3 verdicts, in the order of how bad they are: during a case a verdict only
 * gets worse (none < pass < warn < inconc < fail < error).  A case body sets none, pass,
 * inconc, fail or error; the runner then judges a fail at the case's level (run_level in
 * runner.c): a SHOULD not met is warn, as TAHI and IPv6 Ready report it; a MAY not met
 * is fail only when the PICS claims it, else none with the observation. */
enum case_verdict {
	CASE_NONE,   /* not applicable (PICS), or the tester cannot run it here (PIXIT) */
	CASE_PASS,
	CASE_WARN,   /* a SHOULD not met */
	CASE_INCONC, /* could not judge: a preamble failed, the DUT did not come up */
	CASE_FAIL,
	CASE_ERROR,  /* the tester's own fault */
	CASE_VERDICT_COUNT
};

struct tc; /* tc.h */

struct case_def {
	const char *id;        /* "HA-REG-01": ROLE-AREA-NN */
	const char *suite;     /* "ha-core", "ha-robustness", "pma-core", "pma-robustness" */
	enum case_role role;
	const char *title;     /* one line */
	const char *ref;       /* "RFC 5563 §4.3" (several: "RFC 5944 §3.8.2.1; RFC 5563 §8.1") */
	enum case_level level;
	const char *pics;      /* PICS items it needs, blank-separated; "!item" = must be
				* unsupported; NULL or "" = none */
	const char *procedure; /* what the tester does, in prose */
	const char *pass;      /* the pass criteria, in prose */
	const char *tags;      /* blank-separated: "auth ident revocation robustness ..." */
	const char *reqs;      /* requirement IDs it covers (reqs.h), blank-separated, or NULL */
	void (*run)(struct tc *t);
};

/* Every case, sorted by ID. */
const struct case_def *const *case_all(size_t *n);

/* A case by exact ID, or NULL. */
const struct case_def *case_find(const char *id);

/* fnmatch(3)-style ID match ("HA-REV-*", "*-ROB-1?"), case-sensitive. */
bool case_match(const struct case_def *c, const char *glob);

const char *case_role_name(enum case_role r);        /* "ha", "pma" */
const char *case_level_name(enum case_level l);      /* "MUST", "SHOULD", "MAY" */
const char *case_verdict_name(enum case_verdict v);  /* "pass", "fail", ... */

/* Each case file exports its table; registry.c lists them.  Files: ../ha/AREA.c and
 * ../pma/AREA.c, one per case-ID area (HA-REV-NN in ha/rev.c). */
struct case_table {
	const struct case_def *defs;
	size_t n;
};

#define CASE_TABLE(name, arr) \
	const struct case_table name = { arr, sizeof arr / sizeof arr[0] }

#endif
