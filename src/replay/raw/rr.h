/* rr.h — raw replay of a capture onto an interface, as tcpreplay does (issue #15 §2,
 * DESIGN.md §8 `pmip4ct replay --raw FILE --if NAME`).
 *
 * Three steps, each its own file:
 *   rr_cap.c   load every frame into memory once, in Ethernet framing, rewritten
 *              (rr_rw.c) and with the re-signing of its Mobile IP message planned
 *              (rr_sign.c), before anything is timed;
 *   rr_tx.c    the send path behind an ops table: an AF_PACKET PACKET_MMAP TX ring
 *              (TPACKET_V2, PACKET_QDISC_BYPASS, batched kicks), or sendmmsg;
 *   rr_run.c   the timed loop: an absolute schedule from the first packet (never
 *              drifting), or --pps, --mbps, --topspeed; --loop; statistics.
 */
#ifndef PMIP4CT_RR_H
#define PMIP4CT_RR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rr_rw.h"

#define RR_MAC_LEN 6

/* One frame ready to send: Ethernet from the destination MAC on. */
struct rr_frame {
	uint64_t ts_ns;  /* capture time, ns since the Unix epoch */
	uint64_t frame;  /* its number in the file, from 1 */
	uint32_t off;    /* in the arena */
	uint32_t len;
	int32_t sign;    /* index of its re-signing plan (rr_sign.h), or -1 */
};

struct rr_cap {
	struct rr_frame *f;
	size_t n, f_cap;
	uint8_t *arena;
	size_t used, a_cap;
	uint64_t bytes;      /* of one pass */
	size_t max_len;
	uint64_t skipped;    /* frames that cannot go on the link: not sent, counted */
	uint64_t skipped_first; /* the number of the first of them, for the message */
	char skip_why[120];
	struct rr_sign_set *sign; /* NULL without --sa */
};

/* Where the frames go: the interface's MAC (source of the Ethernet header given to
 * frames of other link types) and the largest frame the link takes. */
struct rr_link {
	uint8_t mac[RR_MAC_LEN];
	size_t max_frame;
};

/* Load path into cap, rewriting with rw.  -1 with err = "PATH: frame N: why" for a
 * capture that is not pcap/pcapng, is cut short, has a link type that cannot be
 * replayed or a frame the rewriting cannot handle. */
int rr_cap_load(struct rr_cap *cap, const char *path, const struct rr_rw *rw,
		const struct rr_link *link, char *err, size_t errlen);
void rr_cap_finish(struct rr_cap *cap);

static inline uint8_t *rr_frame_bytes(const struct rr_cap *cap, const struct rr_frame *f)
{
	return cap->arena + f->off;
}

/* ---- the send path (rr_tx.c) ---- */

struct rr_tx;

/* Open a sender on interface ifname for frames up to max_len bytes (0: the link's
 * largest): the TX ring unless want_mmsg, else (or when the ring cannot be set up)
 * sendmmsg.  The link's MAC and largest frame go to *link.  NULL
 * with err ("veth9: No such device").  Needs CAP_NET_RAW. */
struct rr_tx *rr_tx_open(const char *ifname, size_t max_len, bool want_mmsg,
			 struct rr_link *link, char *err, size_t errlen);
void rr_tx_close(struct rr_tx *tx);
const char *rr_tx_kind(const struct rr_tx *tx); /* "tx-ring" or "sendmmsg" */

/* ---- the timed loop (rr_run.c) ---- */

enum rr_speed { RR_RECORDED, RR_PPS, RR_MBPS, RR_TOPSPEED };

struct rr_opts {
	enum rr_speed speed;
	double multiplier;   /* RR_RECORDED: 2 = twice as fast */
	double rate;         /* RR_PPS: packets/s; RR_MBPS: Mbit/s */
	uint64_t loops;      /* passes over the capture, >= 1 */
	bool realtime;       /* a timed run asks for SCHED_FIFO (rr_run.c) */
	const volatile int *stop; /* set (by a signal) to stop early */
};

#define RR_HIST_US 20000 /* schedule error histogram: 1 us buckets up to 20 ms */

struct rr_stats {
	uint64_t packets, bytes;
	uint64_t failed;         /* frames the kernel refused */
	uint64_t loops_done;
	uint64_t first_wall_ns;  /* UTC of the first and the last packet sent */
	uint64_t last_wall_ns;
	uint64_t start_mono_ns, end_mono_ns;
	bool scheduled;          /* not --topspeed: schedule errors were measured */
	uint64_t sched_n;
	uint32_t hist[RR_HIST_US];
	uint64_t over;           /* errors of RR_HIST_US us or more */
	uint64_t err_max_ns;
	int64_t drift_ns;        /* the last packet's error: sent minus due */
	bool stopped;            /* stopped early */
	bool realtime;           /* the timed loop ran under SCHED_FIFO */
};

/* Called about once a second from inside the loop, for a live line. */
typedef void (*rr_tick_fn)(const struct rr_stats *st, uint64_t now_mono_ns, void *arg);

/* Send cap's frames on tx as o says.  0, or -1 with err (the send path broke). */
int rr_run(const struct rr_cap *cap, const struct rr_opts *o, struct rr_tx *tx,
	   struct rr_stats *st, rr_tick_fn tick, void *arg, char *err, size_t errlen);

/* Figures from the stats. */
double rr_stats_seconds(const struct rr_stats *st);
uint64_t rr_stats_pct_us(const struct rr_stats *st, double pct); /* schedule error */
uint64_t rr_mono_ns(void);

#endif
