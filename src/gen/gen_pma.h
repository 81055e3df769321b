/* gen_pma.h — what the files of the run against a PMA share (issue #16): the generator
 * is the Home Agent on the PMA's network link and the mobile devices on its access link.
 *
 *   gen_pma.c      the worker: sockets, the loop, the phases (run, release, wait)
 *   gen_pma_ha.c   the HA side: the reference HA (ha.h) fed from a UDP socket, the
 *                  revocations it sends and the authenticated acks it times
 *   gen_pma_dev.c  the devices: DHCP (RFC 2131 §4.4) as one state machine, ARP for
 *                  their home addresses, the registration ramp, the releases
 *   gen_pma_data.c the flows: frames up from the devices, packets down through the
 *                  HA's tunnel (ha_fwd.h), and what the receivers count
 *
 * One thread, no locks: the worker owns every device and socket.  A device is ~120
 * bytes (struct gp_dev) plus its share of the home-address map and the timer heap.
 */
#ifndef PMIP4CT_GEN_PMA_H
#define PMIP4CT_GEN_PMA_H

#include <stdbool.h>
#include <stdint.h>

#include "gen_priv.h"
#include "ha.h"
#include "ha_fwd.h"
#include "loop.h"
#include "port.h"
#include "timer.h"

#define GP_DRAIN_NS 50000000ull  /* a device's flows stop this long before it is revoked
				  * or released, so nothing is in flight then */
#define GP_TRIES 6               /* DHCP transmissions before starting over */
#define GP_REV_WAIT_NS 10000000000ull /* a revoked device starts over after this without
				       * an ack */
#define GP_POOL_BASE 0x0a800000u /* 10.128.0.0: the home addresses the HA hands out */
#define GP_DEV_PORT 9000         /* the devices' UDP port: + the flow's index */
#define GP_FRAME_MAX 1600

/* A device's DHCP client (RFC 2131 §4.4, Figure 5) and the generator's own steps. */
enum gp_state {
	GP_S_IDLE,       /* not started yet (the ramp) */
	GP_S_SELECTING,  /* DISCOVER sent */
	GP_S_REQUESTING, /* REQUEST for the offer sent */
	GP_S_BOUND,      /* a lease: data flows */
	GP_S_RENEWING,   /* REQUEST at T1 sent; the lease still holds */
	GP_S_DRAIN,      /* picked for revocation: flows held until it is sent */
	GP_S_REVOKED,    /* the HA's revocation sent, waiting for the PMA's ack */
	GP_S_RELEASED,   /* the run is over for it */
	GP_S_COUNT
};

enum gp_event {
	GP_E_START,  /* the ramp reached it, or it starts over */
	GP_E_OFFER,
	GP_E_ACK,
	GP_E_NAK,
	GP_E_TIMER,  /* retransmission, T1, drain over, no ack */
	GP_E_REVOKE, /* picked for revocation */
	GP_E_REVACK, /* the PMA's authenticated ack to our revocation */
	GP_E_END,    /* release */
	GP_E_COUNT
};

/* What a receiver knows of one device's packets in one direction. */
struct gp_rx {
	uint32_t next;    /* highest sequence received + 1 */
	uint32_t got;     /* distinct packets received */
	uint64_t win;     /* bit i: sequence next - 1 - i received */
	int64_t transit;  /* of the last packet, ns (RFC 3550 §6.4.1); INT64_MIN: none */
};

struct gp_dev {
	struct timer t;       /* the state machine's one timer */
	uint64_t t_disc;      /* the DISCOVER that started this lease, ns */
	uint64_t t_rev;       /* the revocation, ns */
	uint32_t hoa;         /* leased (or last leased) home address */
	uint32_t xid;
	uint32_t tx[GEN_NDIR]; /* next sequence to send */
	uint8_t st;           /* enum gp_state */
	uint8_t tries;
	bool ever;            /* had a lease once */
	bool up;              /* counted in devices_up */
	bool rel;             /* sent its DHCPRELEASE at the end */
	struct gp_rx rx[GEN_NDIR];
};

/* One flow's schedule in one direction, over all the devices. */
struct gp_sched {
	uint64_t next_ns;
	uint64_t gap_ns;      /* constant and burst: between events */
	uint32_t cursor;      /* next device (round robin) */
	uint64_t rng;         /* poisson: xorshift state */
};

enum gp_phase { GP_RUN, GP_RELEASE, GP_WAIT, GP_DONE };

struct gp_run {
	struct gen_worker *w;
	const struct gen_ctx *ctx;
	const struct gen_prof *p;
	struct gen_stats *st;
	struct loop *loop;
	struct timers timers;     /* the devices', on CLOCK_MONOTONIC */
	/* the HA side */
	struct ha *ha;
	struct ha_fwd fw;
	struct udp_sock *udp;
	struct rawip_sock *raw[2]; /* IP-in-IP, GRE */
	/* the access link */
	struct pkt_sock *acc;
	struct pkt_port acc_port;
	int promisc_fd;
	uint8_t gw_mac[6];        /* the PMA's, from its DHCP messages */
	uint32_t server_id;       /* the PMA's DHCP server identifier */
	/* the devices */
	struct gp_dev *dev;       /* [dev_hi - dev_lo] */
	uint32_t n_dev;
	uint32_t *hoa_map;        /* home address - GP_POOL_BASE -> device + 1 */
	uint32_t pool_size;
	uint32_t started;         /* devices the ramp has started */
	uint32_t released;        /* devices the end has reached */
	uint32_t rev_cursor;
	uint64_t rev_next_ns;
	struct gp_sched sched[GEN_FLOW_MAX][GEN_NDIR];
	enum gp_phase phase;
	uint64_t phase_ns;        /* when the phase began */
	uint64_t wait_until;
	uint8_t frame[GP_FRAME_MAX];
	char *err;
	size_t errlen;
};

uint64_t gp_now(void); /* CLOCK_MONOTONIC, ns */
uint64_t gp_rel(const struct gp_run *r, double s); /* start_ns + s seconds */

/* gen_pma_ha.c */
int gp_ha_open(struct gp_run *r);
void gp_ha_close(struct gp_run *r);
void gp_ha_tick(struct gp_run *r);
uint64_t gp_ha_due(const struct gp_run *r); /* on CLOCK_MONOTONIC; UINT64_MAX none */
void gp_revokes_run(struct gp_run *r, uint64_t now);
uint64_t gp_revokes_due(const struct gp_run *r);
/* Revoke device d's binding now: 0 sent, -1 not possible (no binding, not negotiated). */
int gp_ha_revoke(struct gp_run *r, struct gp_dev *d);
void gp_ha_codes(struct gp_run *r); /* reply codes the HA sent, into the counters */

/* gen_pma_dev.c */
int gp_devs_init(struct gp_run *r);
void gp_devs_free(struct gp_run *r);
void gp_dev_fsm(struct gp_run *r, struct gp_dev *d, enum gp_event ev, const void *arg);
void gp_ramp_run(struct gp_run *r, uint64_t now);
uint64_t gp_ramp_due(const struct gp_run *r);
void gp_release_run(struct gp_run *r, uint64_t now);
uint64_t gp_release_due(const struct gp_run *r);
/* At the end: the released devices whose binding the PMA deregistered. */
void gp_devs_finish(struct gp_run *r);
void gp_acc_frame(void *arg, const uint8_t *buf, size_t len); /* the access link's rx */
struct gp_dev *gp_dev_by_hoa(const struct gp_run *r, uint32_t hoa);
void gp_dev_mac(const struct gp_run *r, const struct gp_dev *d, uint8_t mac[6]);
uint32_t gp_dev_number(const struct gp_run *r, const struct gp_dev *d);
bool gp_dev_has_lease(const struct gp_dev *d);

/* gen_pma_data.c */
void gp_flows_init(struct gp_run *r);
void gp_flows_run(struct gp_run *r, uint64_t now);
uint64_t gp_flows_due(const struct gp_run *r);
void gp_rx_up(void *arg, const uint8_t *buf, size_t len); /* the raw sockets' rx */
/* A data frame on the access link (down): true when it was one of ours. */
bool gp_rx_down(struct gp_run *r, const uint8_t *frame, size_t len);
/* At the end: what never arrived after the last packet received, into lost. */
void gp_rx_tail(struct gp_run *r);
/* The receiver's count of sequence s of a device's direction dir (lost, reordered,
 * duplicated, received), and the end's count of the `sent` it sent. */
void gp_rx_seq(struct gen_counters *c, struct gp_rx *rx, int dir, uint32_t s);
void gp_rx_tail_one(struct gen_counters *c, const struct gp_rx *rx, int dir, uint32_t sent);

#endif
