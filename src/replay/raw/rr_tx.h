/* rr_tx.h — the send path of raw replay behind an ops table (STYLE.md habit 7): an
 * AF_PACKET PACKET_MMAP TX ring, or sendmmsg.  Frames are copied in with rr_tx_put and
 * handed to the kernel by rr_tx_kick; put kicks by itself when the ring or batch is full.
 */
#ifndef PMIP4CT_RR_TX_H
#define PMIP4CT_RR_TX_H

#include <stddef.h>
#include <stdint.h>

#include "rr.h"

/* 0, or -1 with errno (the send path broke: the interface went away). */
int rr_tx_put(struct rr_tx *tx, const uint8_t *p, size_t len);
int rr_tx_kick(struct rr_tx *tx);
unsigned rr_tx_pending(const struct rr_tx *tx);
uint64_t rr_tx_refused(const struct rr_tx *tx); /* frames the kernel refused */

#endif
