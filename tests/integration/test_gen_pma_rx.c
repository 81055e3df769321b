/* test_gen_pma_rx.c — the receivers' sequence accounting of the generator's run against a
 * PMA (gen_pma_data.c, issue #16): gaps are lost until a late packet fills them
 * (reordered), a repeat inside the 64-packet window is duplicated, one older than it is
 * reordered, and what was sent after the last packet received is lost at the end, so
 * lost = sent - distinct packets received.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "gen_pma.h"

/* A stub of gen_run.c's (the library's gen_pma.c refers to it). */
void gen_worker_publish(struct gen_worker *w)
{
	(void)w;
}

static void feed(struct gen_counters *c, struct gp_rx *rx, const uint32_t *seq, size_t n)
{
	for (size_t i = 0; i < n; i++)
		gp_rx_seq(c, rx, GEN_DOWN, seq[i]);
}

static void test_gap_reorder_dup(void **state)
{
	static const uint32_t seq[] = { 0, 1, 3, 2, 2, 5 };
	struct gen_counters c;
	struct gp_rx rx = { 0, 0, 0, INT64_MIN };

	(void)state;
	memset(&c, 0, sizeof c);
	feed(&c, &rx, seq, 3);
	assert_int_equal(c.lost[GEN_DOWN], 1); /* 2 missing so far */
	feed(&c, &rx, seq + 3, 3);
	assert_int_equal(c.reordered[GEN_DOWN], 1);
	assert_int_equal(c.duplicated[GEN_DOWN], 1);
	assert_int_equal(c.received[GEN_DOWN], 5);
	assert_int_equal(c.lost[GEN_DOWN], 1); /* 4 */
	gp_rx_tail_one(&c, &rx, GEN_DOWN, 8);  /* 6 and 7 never came */
	assert_int_equal(c.lost[GEN_DOWN], 3);
	assert_int_equal(c.lost[GEN_DOWN], 8 - c.received[GEN_DOWN]);
	assert_int_equal(c.lost[GEN_UP] + c.received[GEN_UP], 0);
}

/* A jump past the window, then late packets inside and outside it. */
static void test_window(void **state)
{
	static const uint32_t seq[] = { 0, 100, 50, 50, 10, 101 };
	struct gen_counters c;
	struct gp_rx rx = { 0, 0, 0, INT64_MIN };

	(void)state;
	memset(&c, 0, sizeof c);
	feed(&c, &rx, seq, sizeof seq / sizeof *seq);
	assert_int_equal(c.received[GEN_DOWN], 5);
	assert_int_equal(c.duplicated[GEN_DOWN], 1);
	assert_int_equal(c.reordered[GEN_DOWN], 2);
	gp_rx_tail_one(&c, &rx, GEN_DOWN, 102);
	assert_int_equal(c.lost[GEN_DOWN], 102 - 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gap_reorder_dup),
		cmocka_unit_test(test_window),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
