/* pool.c — home-address pools (RFC 5944 §3.8.1, RFC 2794 §2; RFC 5563 §4.1.1 step 4):
 * a CIDR range, /8 to /30, kept as two bitmaps over its addresses.
 *
 * busy has a bit set for every address that may not be handed out now: used, reserved,
 * the network and broadcast addresses, and the padding past the range.  rsvd marks the
 * ones that never become free (reserved, network, broadcast), so pool_free leaves them.
 * pool_alloc scans busy a 64-bit word at a time from a cursor just past the last
 * address handed out, wrapping once.  Addresses are in host order.
 */
#include "pool.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define POOL_PLEN_MIN 8
#define POOL_PLEN_MAX 30

struct pool {
	uint32_t base;    /* network address */
	uint32_t n_addr;  /* addresses in the range, network and broadcast included */
	uint32_t n_words;
	uint32_t size;    /* usable: n_addr less network, broadcast and reserved */
	uint32_t used;
	uint32_t cursor;  /* offset to look from next */
	uint64_t *busy;
	uint64_t *rsvd;
};

static int pool_fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int pool_fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen > 0) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* "A.B.C.D/LEN" → base and prefix length; 0, or -1 with the reason in err. */
static int pool_parse(const char *cidr, uint32_t *base, unsigned *plen, char *err,
		      size_t errlen)
{
	const char *slash = strchr(cidr, '/'), *p;
	char addr[INET_ADDRSTRLEN];
	struct in_addr in;
	unsigned len = 0;

	if (!slash)
		return pool_fail(err, errlen, "missing /prefix-length in %s", cidr);
	if ((size_t)(slash - cidr) >= sizeof(addr))
		return pool_fail(err, errlen, "bad address in %s", cidr);
	memcpy(addr, cidr, (size_t)(slash - cidr));
	addr[slash - cidr] = '\0';
	if (inet_pton(AF_INET, addr, &in) != 1)
		return pool_fail(err, errlen, "bad address in %s", cidr);
	for (p = slash + 1; *p >= '0' && *p <= '9'; p++)
		if (len < 100)
			len = len * 10 + (unsigned)(*p - '0');
	if (p == slash + 1 || *p != '\0')
		return pool_fail(err, errlen, "bad prefix length in %s", cidr);
	if (len < POOL_PLEN_MIN || len > POOL_PLEN_MAX)
		return pool_fail(err, errlen, "prefix length out of range /%d../%d in %s",
				 POOL_PLEN_MIN, POOL_PLEN_MAX, cidr);
	*base = ntohl(in.s_addr);
	*plen = len;
	if (*base & ~(UINT32_MAX << (32 - len)))
		return pool_fail(err, errlen, "host bits set in %s", cidr);
	return 0;
}

static void pool_set(uint64_t *map, uint32_t off)
{
	map[off / 64] |= (uint64_t)1 << (off % 64);
}

static void pool_clear(uint64_t *map, uint32_t off)
{
	map[off / 64] &= ~((uint64_t)1 << (off % 64));
}

static bool pool_test(const uint64_t *map, uint32_t off)
{
	return map[off / 64] >> (off % 64) & 1;
}

/* Mark off never usable, in both maps. */
static void pool_pin(struct pool *p, uint32_t off)
{
	pool_set(p->busy, off);
	pool_set(p->rsvd, off);
}

struct pool *pool_create(const char *cidr, char *err, size_t errlen)
{
	struct pool *p;
	uint32_t base = 0, off;
	unsigned plen = 0;

	if (pool_parse(cidr, &base, &plen, err, errlen) < 0)
		return NULL;
	p = calloc(1, sizeof(*p));
	if (!p) {
		pool_fail(err, errlen, "out of memory");
		return NULL;
	}
	p->base = base;
	p->n_addr = (uint32_t)1 << (32 - plen);
	p->n_words = (p->n_addr + 63) / 64;
	p->busy = calloc(p->n_words, sizeof(*p->busy));
	p->rsvd = calloc(p->n_words, sizeof(*p->rsvd));
	if (!p->busy || !p->rsvd) {
		pool_destroy(p);
		pool_fail(err, errlen, "out of memory");
		return NULL;
	}
	for (off = p->n_addr; off < p->n_words * 64; off++)
		pool_pin(p, off);
	pool_pin(p, 0);
	pool_pin(p, p->n_addr - 1);
	p->size = p->n_addr - 2;
	p->cursor = 1;
	return p;
}

void pool_destroy(struct pool *p)
{
	if (!p)
		return;
	free(p->busy);
	free(p->rsvd);
	free(p);
}

bool pool_contains(const struct pool *p, uint32_t addr)
{
	return addr - p->base < p->n_addr;
}

int pool_reserve(struct pool *p, uint32_t addr)
{
	uint32_t off = addr - p->base;

	if (!pool_contains(p, addr))
		return -1;
	if (pool_test(p->rsvd, off))
		return 0;
	if (pool_test(p->busy, off))
		p->used--;
	pool_pin(p, off);
	p->size--;
	return 0;
}

/* The first zero bit of busy at or after bit `from` of word w, or -1. */
static int pool_first_free(const struct pool *p, uint32_t w, unsigned from)
{
	uint64_t free_bits = ~p->busy[w] & (UINT64_MAX << from);

	return free_bits ? __builtin_ctzll(free_bits) : -1;
}

uint32_t pool_alloc(struct pool *p)
{
	uint32_t start = p->cursor / 64, w, i;
	unsigned from = p->cursor % 64;
	uint32_t off;
	int bit;

	if (p->used >= p->size)
		return 0;
	/* Words start..end, then 0..start again (its low bits were skipped the first time). */
	for (i = 0; i <= p->n_words; i++) {
		w = (start + i) % p->n_words;
		bit = pool_first_free(p, w, i == 0 ? from : 0);
		if (bit < 0)
			continue;
		off = w * 64 + (uint32_t)bit;
		pool_set(p->busy, off);
		p->used++;
		p->cursor = off + 1 < p->n_addr ? off + 1 : 0;
		return p->base + off;
	}
	return 0; /* not reached while used < size */
}

int pool_take(struct pool *p, uint32_t addr)
{
	uint32_t off = addr - p->base;

	if (!pool_contains(p, addr) || pool_test(p->busy, off))
		return -1;
	pool_set(p->busy, off);
	p->used++;
	return 0;
}

void pool_free(struct pool *p, uint32_t addr)
{
	uint32_t off = addr - p->base;

	if (!pool_contains(p, addr) || !pool_test(p->busy, off) || pool_test(p->rsvd, off))
		return;
	pool_clear(p->busy, off);
	p->used--;
}

uint32_t pool_size(const struct pool *p)
{
	return p->size;
}

uint32_t pool_used(const struct pool *p)
{
	return p->used;
}
