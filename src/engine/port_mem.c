/* port_mem.c — the in-memory packet port of port.h: a FIFO (ring buffer, grown by
 * doubling) of copied packets that unit tests take one by one.
 */
#include "port.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define PORT_MEM_CAP_MIN 16

struct port_mem {
	struct port_mem_pkt *ring;
	size_t head, n, cap;
};

struct port_mem *port_mem_create(void)
{
	return calloc(1, sizeof(struct port_mem));
}

void port_mem_destroy(struct port_mem *m)
{
	if (!m)
		return;
	port_mem_clear(m);
	free(m->ring);
	free(m);
}

static int port_mem_grow(struct port_mem *m)
{
	size_t cap = m->cap ? m->cap * 2 : PORT_MEM_CAP_MIN;
	struct port_mem_pkt *ring;

	if (cap > SIZE_MAX / sizeof(*ring)) {
		errno = ENOMEM;
		return -1;
	}
	ring = malloc(cap * sizeof(*ring));
	if (!ring)
		return -1;
	for (size_t i = 0; i < m->n; i++)
		ring[i] = m->ring[(m->head + i) % m->cap];
	free(m->ring);
	m->ring = ring;
	m->head = 0;
	m->cap = cap;
	return 0;
}

static int port_mem_send(void *ctx, const uint8_t *buf, size_t len)
{
	struct port_mem *m = ctx;
	struct port_mem_pkt *p;
	uint8_t *copy;

	if (m->n == m->cap && port_mem_grow(m) < 0)
		return -1;
	copy = malloc(len ? len : 1);
	if (!copy)
		return -1;
	if (len)
		memcpy(copy, buf, len);
	p = &m->ring[(m->head + m->n) % m->cap];
	p->buf = copy;
	p->len = len;
	m->n++;
	return 0;
}

struct pkt_port port_mem_port(struct port_mem *m)
{
	return (struct pkt_port){ .send = port_mem_send, .ctx = m };
}

size_t port_mem_count(const struct port_mem *m)
{
	return m->n;
}

int port_mem_pop(struct port_mem *m, struct port_mem_pkt *pkt)
{
	if (m->n == 0)
		return -1;
	*pkt = m->ring[m->head];
	m->head = (m->head + 1) % m->cap;
	m->n--;
	return 0;
}

void port_mem_clear(struct port_mem *m)
{
	struct port_mem_pkt p;

	while (port_mem_pop(m, &p) == 0)
		free(p.buf);
	m->head = 0;
}
