/* sockq.h — the batched-socket machinery shared by the live backends (io_udp, io_rawip,
 * io_pkt): a receive batch (recvmmsg into N slots, each with an optional source address
 * and control buffer, handed one by one to the backend), a send queue (flushed with
 * sendmmsg when full, from the loop's idle hook and before close), the loop registration
 * and the deferred free that lets a backend close its socket from inside its rx callback.
 */
#ifndef PMIP4CT_SOCKQ_H
#define PMIP4CT_SOCKQ_H

#include <stddef.h>
#include <stdint.h>

#include <sys/socket.h>

#include "loop.h"
#include "port.h"

struct sockq;

/* One received message: h has msg_name, msg_control and msg_flags as recvmmsg left them. */
typedef void (*sockq_rx_fn)(void *owner, struct msghdr *h, uint8_t *buf, size_t len);
/* A queued message the kernel refused at flush time (errno e; its destination and
 * control data are the backend's to recall): 0 when the owner sent it another way, -1
 * to count it in tx_errors. */
typedef int (*sockq_refused_fn)(void *owner, const uint8_t *buf, size_t len, int e);

struct sockq_cfg {
	unsigned rx_batch;      /* receive slots per recvmmsg */
	unsigned rx_rounds;     /* batches per wakeup; epoll is level-triggered */
	size_t rx_slot;         /* bytes per slot: longer messages come with MSG_TRUNC */
	socklen_t rx_namelen;   /* source address room per slot; 0 = none */
	size_t rx_ctllen;       /* control room per slot; 0 = none */
	unsigned tx_batch;      /* queued sends per sendmmsg */
	size_t tx_max;          /* the longest send; longer ones fail with EMSGSIZE */
	size_t tx_arena;        /* bytes queued at most (at least tx_max) */
	socklen_t tx_namelen;   /* destination room per send; 0 = none */
	size_t tx_ctllen;       /* control room per send; 0 = none */
	sockq_rx_fn rx;
	sockq_refused_fn refused; /* NULL: every refusal counts in tx_errors */
};

/* Counters the machinery keeps; rx_errors: recvmmsg failures other than EAGAIN. */
struct sockq_stats {
	uint64_t tx, rx_batches, tx_batches, rx_errors, tx_errors;
};

/* Buffers for cfg (copied) for owner, a malloc'd block that sockq_close frees; NULL with
 * errno.  sockq_start then takes fd. */
struct sockq *sockq_create(const struct sockq_cfg *cfg, void *owner);
/* Register fd with the loop (read and idle flush); -1 with errno, fd left open. */
int sockq_start(struct sockq *q, struct loop *l, int fd);
/* On an open failure, before sockq_start succeeds: close fd (if >= 0) and free q (if not
 * NULL) and the owner, keeping errno. */
void sockq_abandon(struct sockq *q, void *owner, int fd);
/* Flush, unregister, close the fd, then free the owner and q: at once, or on the way out
 * of the rx callbacks when called from one.  A second call is a no-op. */
void sockq_close(struct sockq *q);

/* Queue len bytes, with an optional destination and control data (up to the configured
 * room), flushing first when the queue or the arena is full.  0, or -1 with EMSGSIZE
 * (counted in tx_errors) when len is over tx_max. */
int sockq_push(struct sockq *q, const uint8_t *buf, size_t len, const void *to,
		socklen_t tolen, const void *ctl, size_t ctllen);
/* Send the queue: a message the kernel refuses goes to cfg.refused, or is counted in
 * tx_errors, and is skipped; the rest are retried after a partial send.  0, or -1 if any
 * was refused and not taken over. */
int sockq_flush(struct sockq *q);

/* Room for bursts between wakeups: a receive buffer of `bytes`, past net.core.rmem_max
 * when allowed (SO_RCVBUFFORCE, CAP_NET_ADMIN: a stock kernel caps SO_RCVBUF at about
 * 200 KiB, which a traffic generator's burst overflows), else as much as SO_RCVBUF
 * gives.  Best effort. */
void sockq_rcvbuf(int fd, int bytes);

struct sockq_stats sockq_stats(const struct sockq *q);
/* own (the backend's rx counters and tx_errors) with the counters of q added. */
struct port_stats sockq_port_stats(const struct sockq *q, struct port_stats own);

#endif
