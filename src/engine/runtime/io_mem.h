/* io_mem.h — the in-memory backend of io.h for unit tests: every datagram sent is kept,
 * in order, with its endpoints, until the test takes it. */
#ifndef PMIP4CT_IO_MEM_H
#define PMIP4CT_IO_MEM_H

#include <stddef.h>
#include <stdint.h>

#include "io.h"

struct io_mem_pkt {
	struct udp_ends ends;
	uint8_t *buf;
	size_t len;
};

struct io_mem;

struct io_mem *io_mem_create(void);
void io_mem_destroy(struct io_mem *m); /* NULL is a no-op */
struct io io_mem_io(struct io_mem *m);

size_t io_mem_count(const struct io_mem *m);
/* Take the oldest datagram (the caller frees pkt->buf); 0, or -1 when empty. */
int io_mem_pop(struct io_mem *m, struct io_mem_pkt *pkt);
void io_mem_clear(struct io_mem *m);

#endif
