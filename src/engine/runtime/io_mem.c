/* io_mem.c — the in-memory backend of io.h: a FIFO (ring buffer, grown by doubling) of
 * copied datagrams that unit tests take one by one; port_mem.c keeps its packets here too.
 */
#include "io_mem.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "txt.h"

#define IO_MEM_CAP_MIN 16

struct io_mem {
	struct io_mem_pkt *ring;
	size_t head, n, cap;
};

struct io_mem *io_mem_create(void)
{
	return calloc(1, sizeof(struct io_mem));
}

void io_mem_destroy(struct io_mem *m)
{
	if (!m)
		return;
	io_mem_clear(m);
	free(m->ring);
	free(m);
}

/* Double the full ring; what had wrapped round to the start moves past the old end. */
static int io_mem_grow(struct io_mem *m)
{
	size_t old = m->cap;
	struct io_mem_pkt *ring = txt_grow(m->ring, &m->cap, m->n + 1, sizeof *ring,
					   IO_MEM_CAP_MIN);

	if (!ring) {
		errno = ENOMEM;
		return -1;
	}
	m->ring = ring;
	if (m->head + m->n > old)
		memcpy(ring + old, ring, (m->head + m->n - old) * sizeof *ring);
	return 0;
}

static int io_mem_send(void *ctx, const struct udp_ends *ends, const uint8_t *buf, size_t len)
{
	struct io_mem *m = ctx;
	struct io_mem_pkt *p;
	uint8_t *copy;

	if (m->n == m->cap && io_mem_grow(m) < 0)
		return -1;
	copy = malloc(len ? len : 1);
	if (!copy)
		return -1;
	if (len)
		memcpy(copy, buf, len);
	p = &m->ring[(m->head + m->n) % m->cap];
	p->ends = *ends;
	p->buf = copy;
	p->len = len;
	m->n++;
	return 0;
}

static const struct io_ops io_mem_ops = {
	.send = io_mem_send,
	.flush = NULL,
};

struct io io_mem_io(struct io_mem *m)
{
	return (struct io){ .ops = &io_mem_ops, .ctx = m };
}

size_t io_mem_count(const struct io_mem *m)
{
	return m->n;
}

int io_mem_pop(struct io_mem *m, struct io_mem_pkt *pkt)
{
	if (m->n == 0)
		return -1;
	*pkt = m->ring[m->head];
	m->head = (m->head + 1) % m->cap;
	m->n--;
	return 0;
}

void io_mem_clear(struct io_mem *m)
{
	struct io_mem_pkt p;

	while (io_mem_pop(m, &p) == 0)
		free(p.buf);
	m->head = 0;
}
