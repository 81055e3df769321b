/* test_binding.c — the HA's binding list (RFC 5944 §3.8.1; RFC 5563 §8.1 NAI look-up):
 * both indexes, moving and clashing home addresses, slot reuse, the RFC 5563 §5.2-§5.4
 * identifiers, iteration, random churn against a reference model, and a million
 * bindings within the memory budget.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "binding.h"

#define NAI(s) (const uint8_t *)(s), (sizeof(s) - 1)

static uint32_t rng_state = 0x2545f491u;

static uint32_t rng(void)
{
	uint32_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return rng_state = x;
}

static void test_add_lookup(void **state)
{
	struct bnd_table *t = bnd_create(0);
	struct bnd *a, *b;

	(void)state;
	assert_non_null(t);
	a = bnd_add(t, NAI("alice@example.net"), 0x0a000001);
	b = bnd_add(t, NAI("alicf@example.net"), 0x0a000002); /* differs in one byte */
	assert_non_null(a);
	assert_non_null(b);
	assert_ptr_not_equal(a, b);
	assert_int_equal(bnd_count(t), 2);
	assert_ptr_equal(bnd_by_nai(t, NAI("alice@example.net")), a);
	assert_ptr_equal(bnd_by_nai(t, NAI("alicf@example.net")), b);
	assert_null(bnd_by_nai(t, NAI("alice@example.ne")));
	assert_null(bnd_by_nai(t, NAI("alicd@example.net")));
	assert_ptr_equal(bnd_by_hoa(t, 0x0a000001), a);
	assert_ptr_equal(bnd_by_hoa(t, 0x0a000002), b);
	assert_null(bnd_by_hoa(t, 0x0a000003));
	assert_null(bnd_by_hoa(t, 0));

	/* Zeroed but for the NAI and home address. */
	assert_int_equal(a->hoa, 0x0a000001);
	assert_int_equal(a->nai_len, 17);
	assert_memory_equal(bnd_nai(a), "alice@example.net", 17);
	assert_int_equal(a->flags, 0);
	assert_int_equal(a->ident, 0);
	assert_int_equal(a->devid_len + a->ifid_len + a->subid_len + a->n_extra, 0);
	assert_null(a->extra);
	assert_false(timer_armed(&a->expiry));
	bnd_destroy(t);
	bnd_destroy(NULL);
}

static void test_no_hoa(void **state)
{
	struct bnd_table *t = bnd_create(16);
	struct bnd *a, *b;

	(void)state;
	a = bnd_add(t, NAI("a@x"), 0);
	b = bnd_add(t, NAI("b@x"), 0); /* hoa 0 is not indexed, so no clash */
	assert_non_null(a);
	assert_non_null(b);
	assert_null(bnd_by_hoa(t, 0));
	assert_int_equal(bnd_set_hoa(t, a, 0xc0000201), 0);
	assert_ptr_equal(bnd_by_hoa(t, 0xc0000201), a);
	assert_int_equal(bnd_set_hoa(t, a, 0), 0);
	assert_null(bnd_by_hoa(t, 0xc0000201));
	assert_ptr_equal(bnd_by_nai(t, NAI("a@x")), a);
	bnd_destroy(t);
}

static void test_duplicates_refused(void **state)
{
	struct bnd_table *t = bnd_create(0);

	(void)state;
	assert_non_null(bnd_add(t, NAI("a@x"), 1));
	assert_null(bnd_add(t, NAI("a@x"), 2));   /* NAI taken */
	assert_null(bnd_add(t, NAI("b@x"), 1));   /* hoa taken */
	assert_int_equal(bnd_count(t), 1);
	assert_null(bnd_by_hoa(t, 2));
	assert_null(bnd_by_nai(t, NAI("b@x")));
	bnd_destroy(t);
}

static void test_set_hoa(void **state)
{
	struct bnd_table *t = bnd_create(0);
	struct bnd *a, *b;

	(void)state;
	a = bnd_add(t, NAI("a@x"), 0x0a000001);
	b = bnd_add(t, NAI("b@x"), 0x0a000002);
	assert_int_equal(bnd_set_hoa(t, a, 0x0a000009), 0);
	assert_int_equal(a->hoa, 0x0a000009);
	assert_null(bnd_by_hoa(t, 0x0a000001));
	assert_ptr_equal(bnd_by_hoa(t, 0x0a000009), a);

	assert_int_equal(bnd_set_hoa(t, a, 0x0a000002), -1); /* b holds it */
	assert_int_equal(a->hoa, 0x0a000009);
	assert_ptr_equal(bnd_by_hoa(t, 0x0a000002), b);
	assert_ptr_equal(bnd_by_hoa(t, 0x0a000009), a);

	assert_int_equal(bnd_set_hoa(t, a, 0x0a000009), 0); /* its own: no change */
	assert_ptr_equal(bnd_by_hoa(t, 0x0a000009), a);
	assert_int_equal(bnd_set_hoa(t, a, 0x0a000001), 0); /* the freed one again */
	assert_ptr_equal(bnd_by_hoa(t, 0x0a000001), a);
	bnd_destroy(t);
}

static void test_delete_reuse(void **state)
{
	struct bnd_table *t = bnd_create(0);
	struct bnd *a, *b, *c;

	(void)state;
	a = bnd_add(t, NAI("a@x"), 0x0a000001);
	b = bnd_add(t, NAI("b@x"), 0x0a000002);
	assert_int_equal(bnd_set_ids(t, a, NAI("dev"), NAI("if"), NAI("sub")), 0);
	a->extra = calloc(2, sizeof(*a->extra)); /* bnd_del frees it */
	a->n_extra = 2;
	bnd_del(t, a);
	assert_int_equal(bnd_count(t), 1);
	assert_null(bnd_by_nai(t, NAI("a@x")));
	assert_null(bnd_by_hoa(t, 0x0a000001));
	assert_ptr_equal(bnd_by_nai(t, NAI("b@x")), b);
	assert_ptr_equal(bnd_by_hoa(t, 0x0a000002), b);

	c = bnd_add(t, NAI("c@x"), 0x0a000001);
	assert_ptr_equal(c, a); /* the freed slot comes back first */
	assert_int_equal(c->devid_len + c->ifid_len + c->subid_len + c->n_extra, 0);
	assert_null(c->extra);
	assert_ptr_equal(bnd_by_hoa(t, 0x0a000001), c);
	assert_ptr_equal(bnd_by_nai(t, NAI("c@x")), c);
	assert_null(bnd_by_nai(t, NAI("a@x")));
	bnd_destroy(t);
}

static void test_set_ids(void **state)
{
	static uint8_t big[256];
	struct bnd_table *t = bnd_create(0);
	struct bnd *a;
	size_t before;

	(void)state;
	a = bnd_add(t, NAI("mn@example.net"), 7);
	before = bnd_memory(t);
	assert_int_equal(bnd_set_ids(t, a, NAI("\x00\x11\x22\x33\x44\x55"), NAI("eth0"),
				     NAI("310150123456789")), 0);
	assert_true(bnd_memory(t) > before);
	assert_int_equal(a->devid_len, 6);
	assert_int_equal(a->ifid_len, 4);
	assert_int_equal(a->subid_len, 15);
	assert_memory_equal(bnd_nai(a), "mn@example.net", 14);
	assert_memory_equal(bnd_devid(a), "\x00\x11\x22\x33\x44\x55", 6);
	assert_memory_equal(bnd_ifid(a), "eth0", 4);
	assert_memory_equal(bnd_subid(a), "310150123456789", 15);
	assert_ptr_equal(bnd_by_nai(t, NAI("mn@example.net")), a);

	/* Too long: refused, the old ones kept. */
	assert_int_equal(bnd_set_ids(t, a, big, sizeof(big), NULL, 0, NULL, 0), -1);
	assert_int_equal(bnd_set_ids(t, a, NULL, 0, big, sizeof(big), NULL, 0), -1);
	assert_int_equal(bnd_set_ids(t, a, NULL, 0, NULL, 0, big, sizeof(big)), -1);
	assert_memory_equal(bnd_ifid(a), "eth0", 4);

	/* 255 is the longest; any may be empty. */
	memset(big, 0xab, sizeof(big));
	assert_int_equal(bnd_set_ids(t, a, NULL, 0, big, 255, NULL, 0), 0);
	assert_int_equal(a->devid_len, 0);
	assert_int_equal(a->ifid_len, 255);
	assert_int_equal(a->subid_len, 0);
	assert_memory_equal(bnd_ifid(a), big, 255);
	assert_memory_equal(bnd_nai(a), "mn@example.net", 14);

	assert_int_equal(bnd_set_ids(t, a, NULL, 0, NULL, 0, NULL, 0), 0);
	assert_int_equal(bnd_memory(t), before);
	bnd_destroy(t);
}

struct visit {
	uint8_t seen[1000];
	unsigned calls, stop_after;
};

static int visit_fn(struct bnd *b, void *arg)
{
	struct visit *v = arg;

	v->seen[b->hoa - 1]++;
	return ++v->calls == v->stop_after ? 42 : 0;
}

static void test_foreach(void **state)
{
	struct bnd_table *t = bnd_create(0);
	struct visit v;
	char nai[32];
	unsigned i;

	(void)state;
	for (i = 0; i < 1000; i++) {
		snprintf(nai, sizeof(nai), "n%u", i);
		assert_non_null(bnd_add(t, (const uint8_t *)nai, strlen(nai), i + 1));
	}
	for (i = 0; i < 1000; i += 3)
		bnd_del(t, bnd_by_hoa(t, i + 1));

	memset(&v, 0, sizeof(v));
	assert_int_equal(bnd_foreach(t, visit_fn, &v), 0);
	assert_int_equal(v.calls, bnd_count(t));
	for (i = 0; i < 1000; i++)
		assert_int_equal(v.seen[i], i % 3 == 0 ? 0 : 1);

	memset(&v, 0, sizeof(v));
	v.stop_after = 5;
	assert_int_equal(bnd_foreach(t, visit_fn, &v), 42);
	assert_int_equal(v.calls, 5);
	bnd_destroy(t);
}

/* Reference model for the churn test: key k has NAI "churn<k>". */
#define CHURN_KEYS 4000
#define CHURN_HOAS 6000
#define CHURN_OPS 100000

struct model {
	struct bnd *ptr[CHURN_KEYS];
	uint32_t hoa[CHURN_KEYS];
	int owner[CHURN_HOAS + 1]; /* key holding hoa BASE + i, or -1 */
	uint32_t count;
};

#define CHURN_BASE 0x0a000000u

static size_t churn_nai(char *buf, size_t len, unsigned k)
{
	return (size_t)snprintf(buf, len, "churn%u@example.net", k);
}

static uint32_t churn_pick_hoa(void)
{
	uint32_t r = rng() % (CHURN_HOAS + 1);

	return r == CHURN_HOAS ? 0 : CHURN_BASE + r;
}

static void churn_check(const struct bnd_table *t, const struct model *m, unsigned k)
{
	char nai[40];
	size_t len = churn_nai(nai, sizeof(nai), k);
	struct bnd *b = bnd_by_nai(t, (const uint8_t *)nai, len);

	assert_ptr_equal(b, m->ptr[k]);
	if (!b)
		return;
	assert_int_equal(b->hoa, m->hoa[k]);
	assert_int_equal(b->nai_len, len);
	assert_memory_equal(bnd_nai(b), nai, len);
	if (m->hoa[k])
		assert_ptr_equal(bnd_by_hoa(t, m->hoa[k]), b);
}

static void churn_check_hoa(const struct bnd_table *t, const struct model *m, uint32_t i)
{
	int k = m->owner[i];

	assert_ptr_equal(bnd_by_hoa(t, CHURN_BASE + i), k < 0 ? NULL : m->ptr[k]);
}

static void churn_add(struct bnd_table *t, struct model *m, unsigned k)
{
	char nai[40];
	size_t len = churn_nai(nai, sizeof(nai), k);
	uint32_t hoa = churn_pick_hoa();

	if (hoa && m->owner[hoa - CHURN_BASE] >= 0)
		hoa = 0;
	m->ptr[k] = bnd_add(t, (const uint8_t *)nai, len, hoa);
	assert_non_null(m->ptr[k]);
	m->hoa[k] = hoa;
	if (hoa)
		m->owner[hoa - CHURN_BASE] = (int)k;
	m->count++;
}

static void churn_move(struct bnd_table *t, struct model *m, unsigned k)
{
	uint32_t hoa = churn_pick_hoa();
	int other = hoa ? m->owner[hoa - CHURN_BASE] : -1;

	if (other >= 0 && other != (int)k) {
		assert_int_equal(bnd_set_hoa(t, m->ptr[k], hoa), -1);
		return;
	}
	assert_int_equal(bnd_set_hoa(t, m->ptr[k], hoa), 0);
	if (m->hoa[k])
		m->owner[m->hoa[k] - CHURN_BASE] = -1;
	m->hoa[k] = hoa;
	if (hoa)
		m->owner[hoa - CHURN_BASE] = (int)k;
}

static void churn_del(struct bnd_table *t, struct model *m, unsigned k)
{
	bnd_del(t, m->ptr[k]);
	if (m->hoa[k])
		m->owner[m->hoa[k] - CHURN_BASE] = -1;
	m->ptr[k] = NULL;
	m->hoa[k] = 0;
	m->count--;
}

static void test_churn(void **state)
{
	struct model *m = calloc(1, sizeof(*m));
	struct bnd_table *t = bnd_create(0);
	unsigned op, k, i;

	(void)state;
	assert_non_null(m);
	memset(m->owner, 0xff, sizeof(m->owner));
	for (op = 0; op < CHURN_OPS; op++) {
		k = rng() % CHURN_KEYS;
		if (!m->ptr[k])
			churn_add(t, m, k);
		else if (rng() % 3 == 0)
			churn_move(t, m, k);
		else
			churn_del(t, m, k);
		assert_int_equal(bnd_count(t), m->count);
		churn_check(t, m, k);
		churn_check(t, m, rng() % CHURN_KEYS);
		churn_check_hoa(t, m, rng() % CHURN_HOAS);
		if (op % 10000 != 9999)
			continue;
		for (i = 0; i < CHURN_KEYS; i++)
			churn_check(t, m, i);
		for (i = 0; i < CHURN_HOAS; i++)
			churn_check_hoa(t, m, i);
	}
	bnd_destroy(t);
	free(m);
}

#define MILLION 1000000u

static void test_million(void **state)
{
	struct bnd_table *t = bnd_create(0);
	struct bnd *b;
	char nai[32];
	size_t len, mem;
	uint32_t i;

	(void)state;
	assert_non_null(t);
	for (i = 0; i < MILLION; i++) {
		len = (size_t)snprintf(nai, sizeof(nai), "mn%07u@example.net", i);
		b = bnd_add(t, (const uint8_t *)nai, len, 0x0b000000u + i);
		assert_non_null(b);
	}
	assert_int_equal(bnd_count(t), MILLION);
	for (i = 0; i < MILLION; i += 997) {
		len = (size_t)snprintf(nai, sizeof(nai), "mn%07u@example.net", i);
		b = bnd_by_nai(t, (const uint8_t *)nai, len);
		assert_non_null(b);
		assert_int_equal(b->hoa, 0x0b000000u + i);
		assert_ptr_equal(bnd_by_hoa(t, 0x0b000000u + i), b);
	}
	assert_null(bnd_by_nai(t, NAI("mn1000000@example.net")));
	assert_null(bnd_by_hoa(t, 0x0b000000u + MILLION));
	mem = bnd_memory(t);
	printf("bnd_memory: %zu bytes for %u bindings = %.1f bytes per binding "
	       "(sizeof(struct bnd) = %zu)\n", mem, MILLION, (double)mem / MILLION,
	       sizeof(struct bnd));
	assert_true(mem / MILLION <= 180); /* 190 with the data in an allocation of its own */
	bnd_destroy(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_lookup),
		cmocka_unit_test(test_no_hoa),
		cmocka_unit_test(test_duplicates_refused),
		cmocka_unit_test(test_set_hoa),
		cmocka_unit_test(test_delete_reuse),
		cmocka_unit_test(test_set_ids),
		cmocka_unit_test(test_foreach),
		cmocka_unit_test(test_churn),
		cmocka_unit_test(test_million),
	};

	return cmocka_run_group_tests_name("binding", tests, NULL, NULL);
}
