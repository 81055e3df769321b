/* port_mem.c — the in-memory packet port of port.h: io_mem's FIFO of copied datagrams
 * (with no endpoints) that unit tests take one by one.
 */
#include "port.h"

#include <stdlib.h>

#include "io_mem.h"

struct port_mem {
	struct io_mem *fifo;
};

struct port_mem *port_mem_create(void)
{
	struct port_mem *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	m->fifo = io_mem_create();
	if (!m->fifo) {
		free(m);
		return NULL;
	}
	return m;
}

void port_mem_destroy(struct port_mem *m)
{
	if (!m)
		return;
	io_mem_destroy(m->fifo);
	free(m);
}

static int port_mem_send(void *ctx, const uint8_t *buf, size_t len)
{
	struct port_mem *m = ctx;
	struct io io = io_mem_io(m->fifo);
	const struct udp_ends none = { 0 };

	return io.ops->send(io.ctx, &none, buf, len);
}

struct pkt_port port_mem_port(struct port_mem *m)
{
	return (struct pkt_port){ .send = port_mem_send, .ctx = m };
}

size_t port_mem_count(const struct port_mem *m)
{
	return io_mem_count(m->fifo);
}

int port_mem_pop(struct port_mem *m, struct port_mem_pkt *pkt)
{
	struct io_mem_pkt p;

	if (io_mem_pop(m->fifo, &p) < 0)
		return -1;
	*pkt = (struct port_mem_pkt){ .buf = p.buf, .len = p.len };
	return 0;
}

void port_mem_clear(struct port_mem *m)
{
	io_mem_clear(m->fifo);
}
