/* pma_dump.h — what `pmip4ct pma` prints about its PMA: the counters summary (on exit and
 * on SIGUSR1) and a `show sessions` style table of the sessions of the devices it knows.
 */
#ifndef PMIP4CT_PMA_DUMP_H
#define PMIP4CT_PMA_DUMP_H

#include <stdint.h>
#include <stdio.h>

#include "pma.h"
#include "pma_link.h"

/* Lines starting with prefix:
 *   sessions N; tx N rrq, rx N rrp; codes 0:N ...; retransmits N resyncs N ...
 *   link: dhcp rx discover:N ... tx offer:N ...; attach N ...; drops N (name:N ...)
 * The link line only when l is not NULL. */
void pma_dump_summary(FILE *f, const char *prefix, const struct pma *p,
		      const struct pma_link *l);

/* A device the table may show: its MAC and its NAI. */
struct pma_dump_dev {
	uint8_t mac[6];
	const char *nai;
};

/* One row per device of devs[0..n) that has a session: MAC, NAI, state, HoA, HA,
 * lifetime left (now_ns on the PMA's clock), GRE keys (PMA's/HA's; "-" for IP-in-IP). */
void pma_dump_sessions(FILE *f, const struct pma *p, const struct pma_dump_dev *devs,
		       unsigned n, uint64_t now_ns);

#endif
