/* fuzz_util.h — what the libFuzzer targets share: reading an input as a run of small
 * records, handing it to a reader that wants a path (an in-memory file), signing a
 * datagram the way a peer with the key would (RFC 5944 §3.5.1), and a log sink.
 */
#ifndef PMIP4CT_FUZZ_UTIL_H
#define PMIP4CT_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "auth.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The unread rest of an input.  Reading past the end gives zeros (and n stays 0). */
struct fz_in {
	const uint8_t *p;
	size_t n;
};

uint8_t fz_u8(struct fz_in *in);
uint16_t fz_u16(struct fz_in *in); /* big-endian */
/* Up to want bytes (fewer at the end): where they are, *got how many. */
const uint8_t *fz_bytes(struct fz_in *in, size_t want, size_t *got);

/* data[0..size) as the contents of a file: a path that opens it (one memfd, rewritten
 * each call).  Aborts when the memfd cannot be made (not a finding of the target). */
const char *fz_memfile(const uint8_t *data, size_t size);

/* Append to buf[0..*len) an authentication extension of type (32, 34) with sa's SPI and
 * the authenticator over everything before it up to the SPI; nothing when it would not
 * fit in cap. */
void fz_sign(uint8_t *buf, size_t *len, size_t cap, uint8_t type, const struct mip_sa *sa);

/* Put a big-endian value of n bytes at p. */
void fz_put(uint8_t *p, uint64_t v, unsigned n);

/* A log sink that reads every message (so formatting runs) and keeps nothing; with
 * FUZZ_VERBOSE in the environment it prints them (to see what an input does). */
void fz_log_sink(const char *msg);
extern size_t fz_log_bytes; /* what it read */

#endif
