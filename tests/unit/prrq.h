/* prrq.h — a PMA's proxy registration request as the tests build it: the extensions a
 * test asks for, appended in RFC order (RFC 5944 §3.6.1.3: those for the HA, then the
 * authorization-enabling one; RFC 5563 §5: PMIPv4 extensions before it; RFC 6245 §4.1:
 * the GRE key after MN-HA and before FA-HA).  Shared by the unit fixture and the daemon
 * integration test. */
#ifndef PMIP4CT_PRRQ_H
#define PMIP4CT_PRRQ_H

#include <stdbool.h>
#include <stdint.h>

#include "auth.h"
#include "mip.h"

struct prrq {
	const char *nai;          /* 131; NULL or "" for none */
	bool dup_nai;             /* a second 131 */
	uint8_t acctech;          /* 147/4, 0 = none */
	uint8_t unknown;          /* an extension of this (unknown) type, 2 bytes of data */
	bool pernode;             /* 47/1 method FA-HA */
	bool rev, rev_i;          /* 137, with I */
	uint32_t rev_ts;
	bool gre;                 /* 48 with gre_key */
	uint32_t gre_key;
	const struct mip_sa *mn;  /* MN-HA with this SA, or NULL */
	uint32_t mn_spi;          /* 0: the SA's */
	bool mn_bad;              /* a corrupt authenticator */
	const struct mip_sa *fa;  /* FA-HA, last, or NULL */
	uint32_t fa_spi;
	bool fa_bad;
};

void prrq_exts(struct mip_msg *m, const struct prrq *r);

#endif
