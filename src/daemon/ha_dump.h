/* ha_dump.h — what `pmip4ct ha` prints about its Home Agent: the counters summary (on
 * exit and on SIGUSR1) and a `show bindings` style table of the binding list.
 */
#ifndef PMIP4CT_HA_DUMP_H
#define PMIP4CT_HA_DUMP_H

#include <stdint.h>
#include <stdio.h>

#include "ha.h"
#include "ha_fwd.h"

/* Two lines, each starting with prefix:
 *   rx N rrq, tx N rrp; codes 0:N 133:N ...; drops N (no-sa:N ...); bindings N
 *   revocations N (retransmits N, acked N, abandoned N); expired N; auth failures N; ... */
void ha_dump_summary(FILE *f, const char *prefix, const struct ha *ha);

/* The data plane's counters (`ha --tun`), one line starting with prefix:
 *   data plane: to-mn N ok, refused N (not-ours:N ...); from-mn ...; relay ...;
 *   send errors N
 * The refusals in brackets only when there are any. */
void ha_dump_fwd(FILE *f, const char *prefix, const struct ha_fwd_stats *st,
		 unsigned long long send_errors);

/* Where the live data plane put the decapsulated packets, one line starting with prefix:
 *   data plane: to the host N direct, N through NAME
 * (ha_dataplane.h: straight out on a raw socket, or written into the TUN device NAME). */
void ha_dump_host(FILE *f, const char *prefix, unsigned long long direct,
		  unsigned long long tun, const char *name);

/* When ha runs with the fault fwd-drop (nothing otherwise), the packets it lost, one line
 * starting with prefix:
 *   fault fwd-drop dropped N up, N down
 * up: reverse-tunnelled packets from the devices; down: home-network packets to them. */
void ha_dump_fwd_fault(FILE *f, const char *prefix, const struct ha *ha,
		       const struct ha_fwd_stats *st);

/* One row per binding, sorted by NAI, with extra care-of addresses under their binding;
 * now_ns (the HA's clock) gives the lifetime left. */
void ha_dump_bindings(FILE *f, const struct ha *ha, uint64_t now_ns);

/* "PNTGR" style flag letters of a binding (BND_*); "-" for none.  buf holds 12. */
const char *ha_dump_flags(uint16_t flags, char *buf);

#endif
