/* test_port_mem.c — port.h's in-memory port: packets come out in order and intact while
 * the ring grows and wraps, empty packets, clear, and destroy(NULL).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "port.h"

static void fill(uint8_t *b, size_t len, unsigned seed)
{
	for (size_t i = 0; i < len; i++)
		b[i] = (uint8_t)(seed * 31 + i);
}

static void expect_pkt(struct port_mem *m, unsigned seed)
{
	struct port_mem_pkt p;
	uint8_t want[64];
	size_t len = seed % 64;

	assert_int_equal(port_mem_pop(m, &p), 0);
	assert_int_equal(p.len, len);
	fill(want, len, seed);
	if (len)
		assert_memory_equal(p.buf, want, len);
	free(p.buf);
}

static void test_fifo_order(void **state)
{
	struct port_mem *m = port_mem_create();
	struct pkt_port port = port_mem_port(m);
	uint8_t b[64];

	(void)state;
	assert_non_null(m);
	assert_int_equal(port_mem_count(m), 0);
	/* Push 100, take 60, push 100 more: the ring wraps and grows while wrapped. */
	for (unsigned i = 0; i < 200; i++) {
		if (i == 100)
			for (unsigned j = 0; j < 60; j++)
				expect_pkt(m, j);
		fill(b, i % 64, i);
		assert_int_equal(pkt_port_send(&port, b, i % 64), 0);
	}
	assert_int_equal(port_mem_count(m), 140);
	for (unsigned i = 60; i < 200; i++)
		expect_pkt(m, i);
	assert_int_equal(port_mem_count(m), 0);
	port_mem_destroy(m);
}

static void test_empty_and_clear(void **state)
{
	struct port_mem *m = port_mem_create();
	struct pkt_port port = port_mem_port(m);
	struct port_mem_pkt p;
	const uint8_t b[3] = { 1, 2, 3 };

	(void)state;
	assert_int_equal(port_mem_pop(m, &p), -1);
	assert_int_equal(pkt_port_send(&port, NULL, 0), 0); /* an empty packet is kept */
	assert_int_equal(pkt_port_send(&port, b, sizeof(b)), 0);
	assert_int_equal(port_mem_count(m), 2);
	port_mem_clear(m);
	assert_int_equal(port_mem_count(m), 0);
	assert_int_equal(port_mem_pop(m, &p), -1);
	/* Usable after clear; destroy frees what is still queued. */
	assert_int_equal(pkt_port_send(&port, b, sizeof(b)), 0);
	assert_int_equal(port_mem_pop(m, &p), 0);
	assert_int_equal(p.len, 3);
	assert_memory_equal(p.buf, b, 3);
	free(p.buf);
	assert_int_equal(pkt_port_send(&port, b, sizeof(b)), 0);
	port_mem_destroy(m);
	port_mem_destroy(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fifo_order),
		cmocka_unit_test(test_empty_and_clear),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
