/* gen_priv.h — what the generator's run files share inside src/gen: the run context
 * (resolved once, read-only while workers run) and the worker contract.
 *
 * A run has one worker thread per core (gen_opts.threads); worker w owns the devices
 * i of the shard slice with i % n == w, its own sockets and its own figures, so nothing
 * on the packet path takes a lock.  Once per series interval a worker publishes a copy
 * of its counters and its interval latencies under its mutex, which the main thread
 * reads for the live line and the time series.
 */
#ifndef PMIP4CT_GEN_PRIV_H
#define PMIP4CT_GEN_PRIV_H

#include <pthread.h>
#include <stdatomic.h>

#include "gen.h"

struct gen_ctx {
	const struct gen_prof *p;
	const struct gen_opts *o;
	uint32_t ha;            /* the HA (DUT or the reference child), host order */
	uint16_t ha_port;
	uint32_t dut_pma;       /* against a PMA: its address, host order */
	uint16_t dut_pma_port;
	struct mip_sa sa;       /* FA-HA, per node */
	uint32_t cn;            /* the correspondent node's address */
	char home_if[GEN_IFNAME_MAX];   /* "" = no data plane on the home link */
	uint32_t home_gw;       /* the HA's address on the home link (PIXIT home.gw) */
	char access_if[GEN_IFNAME_MAX]; /* against a PMA */
	uint32_t dev_lo, dev_hi;        /* the shard's slice */
	FILE *devices_csv;      /* --devices-csv: each worker adds its rows at the end */
	pthread_mutex_t *devices_mu;
	uint64_t start_ns;      /* CLOCK_MONOTONIC of the run's start */
	uint64_t end_ns;        /* when deregistration starts */
};

struct gen_pub {
	struct gen_counters c;       /* counters so far */
	uint64_t devices_up;
	struct hist ival[GEN_NDIR];  /* one-way latency since the last take */
};

struct gen_worker {
	unsigned id, n;
	const struct gen_ctx *ctx;
	pthread_t th;
	struct gen_stats st;        /* this worker's only */
	struct hist ival[GEN_NDIR]; /* one-way latency in the current interval */
	uint64_t devices_up;
	pthread_mutex_t mu;         /* guards pub */
	struct gen_pub pub;
	atomic_bool stop;           /* the main thread asks the worker to finish now */
	atomic_bool done;
	int rc;                     /* 0, or -1 with err */
	char err[256];
};

/* Publish the worker's counters and interval latencies (the worker's own thread). */
void gen_worker_publish(struct gen_worker *w);

/* A worker's body for each role: returns when the run (and its deregistrations) is
 * over or stop is set.  0, or -1 with w->err. */
int gen_ha_worker(struct gen_worker *w);  /* gen_run.c: against an HA */
int gen_pma_worker(struct gen_worker *w); /* gen_pma.c: against a PMA */

#endif
