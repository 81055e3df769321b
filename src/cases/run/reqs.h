/* reqs.h — the requirements registry: every normative statement of RFC 5563 §4–§8 and
 * RFC 3543 §3–§4, one row each (DESIGN.md §4).
 *
 * Each row is one requirement: a MUST, MUST NOT, SHALL, SHOULD, SHOULD NOT or MAY
 * (OPTIONAL counts as MAY), split so that one sentence with several obligations gives
 * several rows.  Some statements of RFC 5563 carry no BCP 14 keyword but are plainly
 * normative for a tester (the D bit, the error codes of §8.1): their text starts with
 * "(no keyword)", or "(lowercase 'should')".  Requirements on Mobile IP mobile nodes and
 * on agent advertisements stay in the table, marked not wire-visible, so the registry is
 * complete.  DESIGN.md §6 overrides the RFC where it says so (129, not 65; sequencing by
 * Identification).
 *
 * Why it exists: cases name the requirements they check in their `reqs` field (case.h),
 * and a generated table maps each requirement to its cases, so a requirement that is
 * visible on the wire but checked by no case shows up as a gap.  A requirement that a
 * tester playing the DUT's peers cannot see says why, instead of a test purpose.
 */
#ifndef PMIP4CT_REQS_H
#define PMIP4CT_REQS_H

#include <stdbool.h>
#include <stddef.h>

struct req_def {
	const char *id;      /* "R5563-4.1-01": R<rfc>-<section>-<nn>, <section> at most two
			      * levels deep, <nn> counting within it in text order */
	const char *ref;     /* "RFC 5563 §4.1.1": the exact (sub)section */
	const char *level;   /* "MUST", "MUST NOT", "SHOULD", "SHOULD NOT", "SHALL", "MAY" */
	const char *role;    /* "ha", "pma" (the PMA as FA), "both" */
	const char *text;    /* the requirement, quoted or tightly paraphrased, <= 200 chars */
	bool wire;           /* observable by a tester that plays the DUT's peers */
	const char *why;     /* !wire: why the wire does not show it; NULL otherwise */
	const char *purpose; /* wire: the one-line test purpose a case checks; NULL otherwise */
};

/* Every requirement, sorted by ID (strcmp order). */
const struct req_def *req_all(size_t *n);

/* A requirement by exact ID, or NULL. */
const struct req_def *req_find(const char *id);

#endif
