/* junit.h — the JUnit report of a conformance run (pmip4ct-cases(7) JUNIT), written by
 * `run` as cases end (run_report.c) and by `report merge` from merged shard bundles
 * (bundle_merge.c): one writer over plain records, so both give the same XML.
 *
 * <testsuites> and each <testsuite> carry timestamp (the run's start, UTC, ISO 8601
 * without zone as JUnit's schema has it), hostname and <properties> naming the tool, its
 * build, the DUT and the PICS/PIXIT hashes.  A <testcase>'s name is the case ID alone, so
 * a CI's history survives a title change; the title is a property.
 */
#ifndef PMIP4CT_JUNIT_H
#define PMIP4CT_JUNIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "case.h"

struct junit_case {
	size_t suite;       /* index into junit_run.suites */
	const char *id, *title;
	enum case_verdict verdict;
	enum case_level level;
	const char *reason, *log;
	double time_s;
};

struct junit_suite {
	const char *name;
	size_t planned; /* cases of this suite the run planned */
};

struct junit_run {
	const char *timestamp;   /* "2026-12-04T15:07:16" (UTC), or NULL */
	const char *hostname;    /* or NULL */
	const char *version, *build;
	const char *dut;         /* "Example Networks EX-HA 9000 1.2 (ha 10.0.0.1)", or NULL */
	const char *pics_sha256, *pixit_sha256; /* or NULL */
	const struct junit_suite *suites;
	size_t n_suites;
	const struct junit_case *cases; /* in run order */
	size_t n_cases;
	bool strict;      /* a warn is a <failure> */
	bool finished;    /* the run had ended when this was written */
	bool interrupted;
};

void junit_write(FILE *f, const struct junit_run *r);

/* The DUT in a line, as the "dut" property has it: "Example Networks EX-HA 9000 4.2.1
 * (ha 192.0.2.1:434, pma built-in reference)": the identification items that are set
 * (vendor, model, software; "DUT" when none is), then each role and its address. */
void junit_dut_text(char *buf, size_t len, const char *const ident[3],
		    const char *const *roles, const char *const *addresses, size_t n_roles);

/* Text or an attribute value for XML: markup escaped, valid UTF-8 as is, the rest as
 * \xNN (shared with pmip4ct replay's JUnit). */
void report_xml(FILE *f, const char *s, bool attr);

/* A verdict or level by name ("pass", "MUST"); -1 when unknown. */
int junit_verdict_of(const char *name);
int junit_level_of(const char *name);

#endif
