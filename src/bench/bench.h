/* bench.h — `pmip4ct bench ha` (DESIGN.md §7): a generator of Proxy Mobile IPv4
 * registrations (RFC 5563 §4.1) that keeps a window of requests outstanding over loopback
 * UDP, the servers it drives (the reference HA, and the echo the same generator drives),
 * the baseline (a minimal echo driven by a minimal client), and the resident memory of
 * the HA's binding list at a million bindings.
 */
#ifndef PMIP4CT_BENCH_H
#define PMIP4CT_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth.h"
#include "clock.h"
#include "ha.h"
#include "io.h"

#define BENCH_HA_ADDR   0x7f000001u /* 127.0.0.1 */
#define BENCH_PMA_ADDR  0x7f000002u /* 127.0.0.2 */
#define BENCH_SPI       256
#define BENCH_NAI_MAX   9999999u    /* "mn%07u@bench.example" */
#define BENCH_LIFETIME  600
#define BENCH_RATE_NAIS 4000000u    /* nodes the rate phases may register */
#define BENCH_WINDOW    256         /* requests outstanding */

/* The per-node FA-HA SA (RFC 5563 §4.3) the PMA and the HA share. */
void bench_sa(struct mip_sa *sa);

/* A clock for the generator: real time, cheap randomness (xorshift from *seed) for the
 * sub-resolution bits of Identifications. */
struct clk bench_clk_fast(uint32_t *seed);

/* The reference HA with the bench's SA and a home-address pool of at least max_bindings
 * addresses, answering through io on BENCH_HA_ADDR:port.  NULL on failure. */
struct ha *bench_ha_create(const struct clk *clk, uint32_t max_bindings, struct io io,
			   uint16_t port);

/* ---- requests (bench_req.c) ---- */

struct breq;

/* A request template: encoded once, then patched per request (NAI digits, device ID,
 * Identification, FA-HA authenticator).  NULL with a reason in err. */
struct breq *breq_create(const struct clk *clk, char *err, size_t errlen);
void breq_destroy(struct breq *q); /* NULL is a no-op */

/* The request of mobile node mn with a fresh Identification, greater than every one
 * built before (so strictly increasing per NAI, RFC 5944 §5.7).  Valid until the next
 * call. */
const uint8_t *breq_build(struct breq *q, uint32_t mn, uint64_t *ident, size_t *len);

/* Check a reply of type `type` (MIP_RRP from the HA, MIP_RRQ from the echo): the type,
 * code 0 and the NAI on every reply; with `full`, also a complete decode and the FA-HA
 * authenticator.  0 with the node and the Identification, or -1 (breq_why says why). */
int breq_check(struct breq *q, const uint8_t *buf, size_t len, uint8_t type, bool full,
	       uint32_t *mn, uint64_t *ident);
const char *breq_why(const struct breq *q);

/* ---- load generator (bench_gen.c) ---- */

struct bgen_result {
	double seconds;    /* the measured intervals */
	uint64_t replies;  /* good replies within them */
	uint64_t news;     /* ... to the first request of an NAI */
	uint64_t renews;   /* ... to a later one */
	uint64_t verified; /* replies fully decoded and authenticated (warm-ups included) */
	uint64_t lost;     /* requests that got no reply */
	uint64_t failed;   /* replies that failed a check */
};

struct bgen;

/* A generator on BENCH_PMA_ADDR for BENCH_HA_ADDR:port, keeping `window` requests
 * outstanding; replies are of type reply_type.  NULL with a reason in err. */
struct bgen *bgen_create(uint16_t port, uint8_t reply_type, unsigned window, char *err,
			 size_t errlen);
void bgen_destroy(struct bgen *g); /* NULL is a no-op */

/* One round: fill the window, warm up, measure for `seconds` (added to the result),
 * drain.  0, or -1 with a reason in err (the loop failed, a reply failed a check). */
int bgen_round(struct bgen *g, double seconds, char *err, size_t errlen);
const struct bgen_result *bgen_result(const struct bgen *g);

/* ---- the minimal echo and its minimal client (bench_echo.c) ---- */

struct becho;

/* An echo thread on BENCH_HA_ADDR and a client on BENCH_PMA_ADDR that keeps `window`
 * copies of req[0..len) outstanding.  NULL with a reason in err. */
struct becho *becho_create(const uint8_t *req, size_t len, unsigned window, char *err,
			   size_t errlen);
void becho_destroy(struct becho *b); /* NULL is a no-op; stops and joins the thread */
/* One round, as bgen_round: replies and seconds added to the result (news, renews,
 * verified and failed stay 0).  0, or -1 with a reason in err (nothing came back). */
int becho_round(struct becho *b, double seconds, char *err, size_t errlen);
const struct bgen_result *becho_result(const struct becho *b);

/* ---- servers and memory (bench_ha.c) ---- */

struct bsrv;

/* A server thread on BENCH_HA_ADDR with an epoll loop and a batched UDP socket: the
 * reference HA (ha = true) or an echo that sends every datagram back.  NULL with a
 * reason in err. */
struct bsrv *bsrv_start(bool ha, char *err, size_t errlen);
uint16_t bsrv_port(const struct bsrv *s);
/* Stop and join the thread.  For the HA: 0 if every request got code 0, else -1 with
 * the counts in err.  Frees s. */
int bsrv_stop(struct bsrv *s, char *err, size_t errlen);

/* Resident bytes per binding with n bindings: an HA on a virtual clock fed n proxy
 * registrations with ha_input, replies checked and discarded.  0, or -1 with err. */
int bench_memory(uint32_t n, double *bytes_per_binding, char *err, size_t errlen);

#endif
