/* bundle_merge.h — `pmip4ct report merge DIR... --out DIR` (issue #17): the evidence
 * bundles of the shards of one campaign (`pmip4ct run --report DIR --shard I/N`,
 * pmip4ct-bundle(5), docs/report-schema.json) combined into one bundle, as if one run
 * had run every shard's cases: report.json, report.html, junit.xml, pcaps/ and a new
 * MANIFEST.sha256 (and MANIFEST.sig with a key).
 *
 * Shards merge only when they are of one campaign, one tool build and one DUT under the
 * same PICS, PIXIT, variants, faults and strictness; every shard index 1..N once; no
 * case twice; every shard bundle verifies and every pcap has the hash its case names.
 *
 *   bundle_merge.c        the command: reading, verifying, writing the new bundle
 *   bundle_merge_check.c  what must agree between the shards; the cases in order
 *   bundle_merge_doc.c    the merged report.json (run, observations, summary, coverage)
 */
#ifndef PMIP4CT_BUNDLE_MERGE_H
#define PMIP4CT_BUNDLE_MERGE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define BUNDLE_MERGE_SCHEMA "pmip4ct-report/1"

/* Exit status of a merge (cmds.h): merged, refused, bad usage or input. */
enum { BM_OK = 0, BM_REFUSED = 1, BM_BAD = 2 };

struct bundle_merge_opts {
	const char *const *dirs; /* the shard bundles, each with a report.json */
	size_t n;
	const char *out;    /* the new bundle: must not exist, or be an empty directory */
	const char *sign;   /* private key to sign the new bundle with, or NULL */
	const char *pubkey; /* each shard's MANIFEST.sig must be good under it, or NULL */
};

/* Merge; progress lines to log.  BM_OK, or BM_REFUSED or BM_BAD with the reason in err
 * (naming the shard directory and the member, or the file); on anything but BM_OK nothing
 * is left at o->out. */
int bundle_merge(const struct bundle_merge_opts *o, FILE *log, char *err, size_t errlen);

/* path is a directory holding a report.json (a bundle, not a `pmip4ct gen` summary). */
bool bundle_merge_is_bundle(const char *path);

/* ---- the parts, pure (no I/O), for the command and its tests ---- */

struct bundle_shard {
	const char *dir;  /* the directory as given */
	const char *name; /* as messages name it: "b/" */
	json_t *report;   /* its report.json (borrowed) */
};

/* The members a merge reads are there with the right type, in report s.  BM_OK, or
 * BM_REFUSED (another schema) or BM_BAD (missing, mistyped, a case with an unknown
 * verdict, campaign IDs that do not hash to run.campaign.sha256), with err naming the
 * shard and the member. */
int bundle_merge_valid(const struct bundle_shard *s, char *err, size_t errlen);

/* The shards (each valid) agree on what must be the same, and are shards 1..N of N once
 * each: BM_OK with s sorted by run.shard.index, or BM_REFUSED with err naming the shard
 * directory and the member ("shard b/: tool.build X differs from a/'s Y"). */
int bundle_merge_agree(struct bundle_shard *s, size_t n, char *err, size_t errlen);

/* Every shard's cases in run.campaign.ids order: a new array (references to the shards'
 * case objects), or NULL with err when a case is in two shards or not in the campaign
 * (*rc BM_REFUSED), or out of memory (*rc BM_BAD). */
json_t *bundle_merge_cases(const struct bundle_shard *s, size_t n, char *err, size_t errlen,
			   int *rc);

/* The merged report.json of agreeing shards s (sorted) and their merged cases.  New
 * reference, or NULL when out of memory. */
json_t *bundle_merge_report(const struct bundle_shard *s, size_t n, json_t *cases);

/* summary of report.json recomputed over cases (docs/report-schema.json): counts per
 * verdict, per level, per RFC (the first "RFC NNNN" of a case's ref) and level. */
json_t *bundle_merge_summary(json_t *cases);

#endif
