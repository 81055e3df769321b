/* gen_ha.h — the run against a Home Agent, inside src/gen: one worker (gen_priv.h) plays
 * every PMA of the profile for its share of the devices.
 *
 *   gen_ha.c    the worker: sockets, the schedules (registration ramp, handovers,
 *               revocations, data pacers), the end (drain, deregistration)
 *   gen_sig.c   signalling: Proxy Registration Requests (RFC 5563 §4.1, §7), their
 *               replies, the 133 resynchronisation, Revocations both ways (RFC 3543)
 *   gen_data.c  data: packets up through the PMA-HA tunnels and down from the home link,
 *               and the accounting of what arrives (loss, order, latency, gaps)
 *
 * A device's state is struct gen_dev, about 140 bytes; nothing else is kept per device
 * but a slot of the home-address index.
 */
#ifndef PMIP4CT_GEN_HA_H
#define PMIP4CT_GEN_HA_H

#include "gen_priv.h"
#include "io_pkt.h"
#include "io_rawip.h"
#include "io_udp.h"
#include "loop.h"
#include "mip.h"
#include "timer.h"

enum gen_dev_state {
	GD_IDLE,     /* not registered yet */
	GD_REG,      /* first registration pending */
	GD_UP,       /* registered */
	GD_RENEW,    /* renewal pending (still registered) */
	GD_MOVING,   /* registration through the new PMA pending (handover) */
	GD_REVOKING, /* our Revocation pending (RFC 3543 §4.2.3.1) */
	GD_DOWN,     /* revoked; registers again after GEN_REREG_MS */
	GD_DEREG,    /* deregistration pending (the end) */
	GD_GONE,     /* deregistered, or given up */
};

#define GDF_REV  0x01 /* revocation negotiated: both 137s (RFC 3543 §3.2) */
#define GDF_EVER 0x02 /* its first registration was accepted */

/* Receive side of one direction of one device. */
struct gen_rx {
	uint32_t next;    /* highest sequence seen + 1 */
	uint32_t win;     /* bit i: sequence next - 1 - i arrived */
	int64_t transit;  /* last (arrival - send), ns, for the jitter; INT64_MIN = none */
};

struct gen_dev {
	struct timer t;        /* the next signalling event: retransmission or renewal */
	uint64_t ident;        /* Identification of the latest request */
	uint64_t sent_ns;      /* first transmission of the pending request */
	uint64_t move_ns;      /* handover (or revocation) started; 0 = no gap open */
	uint32_t hoa;          /* assigned home address, 0 = none yet */
	uint32_t gre_ha;       /* the key the HA assigned: uplink packets carry it */
	uint32_t revid;        /* our pending Revocation's Identifier */
	uint32_t rev_ts;       /* the HA's 137 Timestamp (RFC 3543 §3.5) */
	uint32_t tx_seq[GEN_NDIR];  /* also: packets sent */
	uint32_t recv[GEN_NDIR];    /* packets received (duplicates not counted) */
	struct gen_rx rx[GEN_NDIR];
	uint32_t reg_us;       /* its first registration's latency */
	uint16_t moves;        /* handovers */
	uint16_t lifetime;     /* granted */
	uint8_t state;         /* enum gen_dev_state */
	uint8_t pma, pma_old;  /* index in the profile's PMA list */
	uint8_t tries;
	uint8_t flags;         /* GDF_* */
	uint8_t last_code;
};

#define GEN_REG_WINDOW 1024 /* first registrations outstanding per worker at most: an HA
			    * slower than the profile's rate sets the storm's pace */
#define GEN_TRIES_MAX 5     /* transmissions of one request before giving up */
#define GEN_REREG_MS  1000  /* a revoked device registers again after this */
#define GEN_QUIET_MIN_NS 1000000ull    /* the quiet period before a move's request: */
#define GEN_QUIET_MAX_NS 1000000000ull /* twice the recent one-way latency p99, within */
#define GEN_DRAIN_MS  500   /* after the last data packet, before the counts are final */
#define GEN_PACER_MAX (2 * GEN_FLOW_MAX)

/* One direction of one flow over the worker's devices (gen_data.c). */
struct gen_pacer {
	struct timer t;
	unsigned flow;
	enum gen_dir dir;
	uint64_t k, total;     /* events sent, events planned */
	uint64_t start_ns;     /* CLOCK_MONOTONIC */
	double gap_ns;         /* mean gap between events over the worker's devices */
	double at_ns;          /* the next event, from start_ns */
	uint32_t rng;
	struct gen_worker *w;
};

/* Exact per-direction counts behind lost and lost_in_handover (gen_data.c). */
struct gen_acct {
	uint64_t sent_ho, recv_ho, recv_plain, stale_plain, stale_ho;
};

struct gw;

struct gen_pma_end {
	struct gw *g;
	unsigned idx;
	uint32_t addr;
	struct udp_sock *sig;   /* requests out, replies and Acks in (ephemeral port) */
	struct io sig_io;
	struct udp_sock *rev;   /* worker 0: port 434, the HA's Revocations (RFC 3543 §3.3) */
	struct io rev_io;
	struct rawip_sock *raw; /* the tunnel end */
	struct pkt_port tun;
};

struct gw {
	struct gen_worker *w;
	const struct gen_ctx *ctx;
	const struct gen_prof *p;
	struct loop *l;         /* sockets (its own timers are unused) */
	struct timers tm;       /* every timer of the worker, on CLOCK_MONOTONIC ns */
	struct clk wall;        /* Identifications: real time plus the 133 offset */
	int64_t wall_off_ns;
	uint64_t quiet_ns;      /* before a move's or a revocation's request (gen_sig_move) */
	uint64_t last_ident;
	uint32_t last_revid;
	struct gen_dev *dev;    /* the worker's devices: global index dev_lo + id + k * n */
	uint32_t n_dev;
	uint32_t *hoa_idx;      /* open addressing: home address -> k + 1 */
	uint32_t hoa_cap;
	struct gen_pma_end pma[GEN_PMA_MAX];
	/* the home link: the correspondent node */
	struct pkt_sock *home;
	struct pkt_port home_tx;
	uint8_t home_mac[6], gw_mac[6];
	bool gw_known;
	uint32_t gw_ip;
	uint64_t arp_at;
	/* schedules */
	struct timer t_reg, t_ho, t_rv, t_pub, t_phase;
	uint32_t reg_k;         /* devices of this worker registered so far (in order) */
	uint32_t reg_out;       /* registrations in state GD_REG (at most GEN_REG_WINDOW) */
	uint32_t dereg_k;       /* ... deregistered at the end */
	uint64_t dereg_t0;
	uint64_t ho_j, rv_j;    /* next global handover / revocation event */
	struct gen_pacer pacer[GEN_PACER_MAX];
	unsigned n_pacer;
	struct gen_acct acct[GEN_NDIR];
	uint64_t lost_est[GEN_NDIR]; /* sequences that left the window unseen: the series */
	int phase;              /* enum in gen_ha.c */
	uint32_t pending;       /* deregistrations awaiting a reply (GEN_REG_WINDOW at most) */
	uint8_t buf[2048];
	struct mip_msg m;
};

static inline uint32_t gw_global(const struct gw *g, uint32_t k)
{
	return g->ctx->dev_lo + g->w->id + k * g->w->n;
}

/* The worker's index of a global device number (first + i), or UINT32_MAX. */
uint32_t gw_local(const struct gw *g, uint32_t number);
uint64_t gw_mono_ns(void);
/* Whether renewals and re-registrations still go on (not yet the end). */
bool gw_running(const struct gw *g);
/* A registration left GD_REG (answered, given up, ended): its window slot is free. */
void gw_reg_done(struct gw *g);
/* A deregistration was answered or given up; at most GEN_REG_WINDOW are outstanding. */
void gw_dereg_done(struct gw *g);

/* gen_sig.c */
int gen_sig_open(struct gw *g);
void gen_sig_register(struct gw *g, struct gen_dev *d, bool first);
void gen_sig_move(struct gw *g, struct gen_dev *d);
void gen_sig_revoke(struct gw *g, struct gen_dev *d);
void gen_sig_dereg(struct gw *g, struct gen_dev *d);
void gen_sig_timer(struct timer *t, void *arg);
void gen_sig_arm(struct gw *g, struct gen_dev *d, uint64_t at);
void gen_hoa_put(struct gw *g, uint32_t hoa, uint32_t k);
void gen_hoa_del(struct gw *g, uint32_t hoa);

/* gen_data.c */
int gen_data_open(struct gw *g);
void gen_data_start(struct gw *g, uint64_t t0_ns);
void gen_data_stop(struct gw *g);
void gen_data_finish(struct gw *g);    /* lost and lost_in_handover from the counts */
void gen_data_tun_rx(struct gw *g, unsigned pma, const uint8_t *buf, size_t len);
void gen_data_arp_tick(struct gw *g); /* ask for the home gateway until it answers */

#endif
