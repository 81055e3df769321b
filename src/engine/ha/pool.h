/* pool.h — home-address pools: the HA assigns a home address to a request for
 * 0.0.0.0 (RFC 5944 §3.8.1, RFC 2794 §2; RFC 5563 §4.1.1 step 4).  A pool is a CIDR
 * range; the network and broadcast addresses and any reserved address (the HA's own)
 * are never handed out.  Allocation is O(1) amortised with a bitmap and a rotating
 * cursor, so a freed address is not reused at once.
 */
#ifndef PMIP4CT_POOL_H
#define PMIP4CT_POOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct pool;

/* "10.10.0.0/16" → a pool.  NULL with a reason in err for a bad CIDR or a prefix
 * shorter than /8 or longer than /30. */
struct pool *pool_create(const char *cidr, char *err, size_t errlen);
void pool_destroy(struct pool *p); /* NULL is a no-op */

/* Whether addr is inside the pool's range (usable or not). */
bool pool_contains(const struct pool *p, uint32_t addr);

/* Never hand out addr (e.g. the HA's own address).  -1 if outside the range. */
int pool_reserve(struct pool *p, uint32_t addr);

/* A free address, marked used; 0 when the pool is exhausted. */
uint32_t pool_alloc(struct pool *p);

/* Mark a specific address used (a requested static HoA inside the pool).  -1 if it is
 * outside, reserved or already used. */
int pool_take(struct pool *p, uint32_t addr);

void pool_free(struct pool *p, uint32_t addr); /* no-op if outside or not used */

uint32_t pool_size(const struct pool *p);  /* usable addresses */
uint32_t pool_used(const struct pool *p);

#endif
