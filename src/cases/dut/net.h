/* net.h — how the tester reaches a DUT: one ops table (STYLE.md habit 7, packetdrill's
 * netdev.h), with three kinds of backend:
 *
 *   net_ref_ha.c   the built-in reference HA, in process, on a virtual clock;
 *   net_ref_pma.c  the built-in reference PMA with its access link, in process;
 *   net_udp.c      a DUT started on its own, over UDP sockets on the real clock, and on
 *                  its data plane too when the PIXIT says where (net_dp.h: home.if for
 *                  an HA, access.if for a PMA).
 *
 * Everything between tester and DUT is a struct tc_pkt: a UDP datagram of signalling,
 * or an IPv4 packet or Ethernet frame on one of the links the tester can reach.  A
 * backend says which links it reaches (caps); a case that needs one it lacks gets the
 * verdict none.  Time is the backend's: virtual for the references (a case of many
 * simulated minutes takes microseconds, and the same run gives the same pcap), real
 * for a remote DUT.
 */
#ifndef PMIP4CT_NET_H
#define PMIP4CT_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bitset.h"
#include "io.h"

struct params;

/* Where a packet travels. */
enum tc_link {
	TC_LINK_SIG,    /* UDP signalling (port 434 and friends): tc_pkt.ends says who */
	TC_LINK_CORE,   /* outer IPv4 packets of the PMA-HA tunnel (IP-in-IP, GRE) */
	TC_LINK_HOME,   /* plain IPv4 packets on the HA's home network (the CN side) */
	TC_LINK_ACCESS, /* Ethernet frames on the PMA's access link (the mobile device) */
	TC_LINK_COUNT
};

#define TC_CAP(link) (1u << (link))
#define TC_CAP_VIRTUAL_TIME (1u << 8) /* time only moves while the tester waits */
#define TC_CAP_FAULTS (1u << 9)       /* the DUT is the reference: --fault applies */

#define TC_PKT_MAX 2048

struct tc_pkt {
	enum tc_link link;
	struct udp_ends ends; /* TC_LINK_SIG: addresses and ports (host order) */
	uint64_t at_ns;       /* when it was sent or received, on the backend's clock */
	size_t len;
	uint8_t buf[TC_PKT_MAX];
};

struct tc_net_ops {
	/* From the tester to the DUT.  0, or -1 (the backend refused: no such link, no
	 * socket for ends.src) with the reason in err. */
	int (*send)(void *ctx, const struct tc_pkt *p, char *err, size_t errlen);
	/* The next packet from the DUT, waiting at most until deadline_ns: 1 with *p filled,
	 * 0 when the deadline passed with none, -1 on a backend error (err says). */
	int (*recv)(void *ctx, uint64_t deadline_ns, struct tc_pkt *p, char *err, size_t errlen);
	uint64_t (*now_ns)(void *ctx);
	void (*destroy)(void *ctx);
};

struct tc_net {
	const struct tc_net_ops *ops;
	void *ctx;
	unsigned caps;      /* TC_CAP(...) bits */
	const char *name;   /* "reference HA", "HA at 192.0.2.1:434" */
};

/* What a case measured on the data links (issue #13 "Performance"): the probes whose
 * delivery it expected, how many were lost, their one-way latency, and the latency of
 * the first probe delivered after each signalling event (registration, handover,
 * revocation): from the event to the delivery, in µs. */
#define DP_EVENTS_MAX 4

struct dp_stats {
	unsigned probes, lost;
	uint64_t sum_us, max_us;          /* of the delivered probes' one-way latency */
	unsigned n_first;
	struct {
		const char *event;        /* "registration", "handover", "revocation" */
		uint64_t us;
	} first[DP_EVENTS_MAX];
};

/* Log sink a backend may use for the DUT's own log (reference agents): one line each. */
typedef void (*tc_log_fn)(void *arg, const char *line);

/* Backends.  Each makes a fresh DUT (references) or binds fresh sockets (UDP) from the
 * PIXIT and PICS; `faults` is a set of enum ha_fault / enum pma_fault for references,
 * `variants` one of enum ha_variant / enum pma_variant.
 * 0, or -1 with the reason in err. */
int net_ref_ha_create(struct tc_net *n, const struct params *p, struct bitset faults,
		      struct bitset variants, tc_log_fn log, void *log_arg, char *err, size_t errlen);
int net_ref_pma_create(struct tc_net *n, const struct params *p, struct bitset faults,
		       struct bitset variants, tc_log_fn log, void *log_arg, char *err, size_t errlen);
/* A remote DUT of `role` (enum case_role) reached over UDP from the tester's addresses
 * in the PIXIT; with home.if (an HA) or access.if (a PMA) also on its data plane
 * (net_dp.h: the packet link and the tunnel on raw IPv4, needs CAP_NET_RAW). */
int net_udp_create(struct tc_net *n, int role, const struct params *p, tc_log_fn log,
		   void *log_arg, char *err, size_t errlen);

/* The agents inside a reference backend, for `show` in the shell: NULL when n is no
 * reference of that role.  *fw / *link (when not NULL) get the HA's data plane and the
 * PMA's access link. */
struct ha;
struct ha_fwd;
struct pma;
struct pma_link;
struct ha *net_ref_ha_agent(const struct tc_net *n, struct ha_fwd **fw);
struct pma *net_ref_pma_agent(const struct tc_net *n, struct pma_link **link);

static inline void tc_net_destroy(struct tc_net *n)
{
	if (n->ops && n->ops->destroy)
		n->ops->destroy(n->ctx);
	n->ops = NULL;
}

/* The virtual clock's start for reference runs: 2026-01-01T00:00:00Z, so reference
 * captures are the same from run to run. */
#define TC_EPOCH_NS 1767225600000000000ull

#endif
