/* run_meta.h — what a run's reports say about the run itself (pmip4ct-bundle(5),
 * docs/report-schema.json): the tool and its build, the host, the command line, the
 * DUT's identification and the lab (PIXIT dut.* and lab.*), the PICS and PIXIT files
 * exactly as given with their SHA-256, the items in force, the observations (dialect,
 * variants, faults, operator notes) and, for a sharded campaign, the shard and the
 * campaign it is part of.  Filled by the front end (cmd_run.c) before the first case.
 */
#ifndef PMIP4CT_RUN_META_H
#define PMIP4CT_RUN_META_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "case.h"
#include "digest.h"
#include "params.h"
#include "render.h"

struct run_meta_file {
	char *path;
	char *text; /* the content, NUL-terminated (a NUL inside is kept as \u0000 in JSON) */
	size_t len;
	char sha256[DIGEST_HEX];
};

struct run_meta_files {
	struct run_meta_file *v;
	size_t n;
	char sha256[DIGEST_HEX]; /* of every file's content, in order */
};

struct run_meta {
	const char *const *argv; /* the command line, argc entries */
	int argc;
	char host[256];
	char build[32];
	uint64_t start_ns; /* wall clock */
	struct run_meta_files pics, pixit;
	const struct params *params; /* in force: files, suites, command line */
	bool remote[CASE_ROLE_COUNT];
	bool roles[CASE_ROLE_COUNT]; /* some case of the campaign tests this role */
	char **variants, **faults;   /* "ha:NAME" */
	size_t n_variants, n_faults;
	char *const *notes;          /* --note, in order */
	size_t n_notes;
	bool strict;
	unsigned shard_index, shard_total; /* 1/1 when not sharded */
	/* the whole campaign, every shard's cases, in run order */
	const struct case_def *const *campaign;
	const char *const *campaign_suites; /* each campaign case's suite, or NULL */
	size_t n_campaign;
	char campaign_sha256[DIGEST_HEX];
};

/* Read the PICS and PIXIT files into m (each in order), and set host, build, start and
 * the campaign's hash.  0, or -1 with err. */
int run_meta_init(struct run_meta *m, const char *const *pics, size_t n_pics,
		  const char *const *pixit, size_t n_pixit, char *err, size_t errlen);
void run_meta_finish(struct run_meta *m);

/* Add "tool", "run", "dut", "pics", "pixit" and "observations" to the object j is in.
 * planned: cases of this run; all_ran: every one of them ran (none left by a stop or a
 * DUT that stopped answering); end_ns: 0 while the run goes on; deviations: extra lines
 * for observations.deviations (NULL-terminated, or NULL). */
void run_meta_json(struct json *j, const struct run_meta *m, size_t planned, bool all_ran,
		   uint64_t end_ns, bool interrupted, const char *const *deviations);

/* The DUT in a line: "Example Networks EX-HA 9000 4.2.1 (ha 192.0.2.1:434)" from the
 * PIXIT's dut.* items and the addresses ("built-in reference" for a reference). */
void run_meta_dut_text(const struct run_meta *m, char *buf, size_t len);

#endif
