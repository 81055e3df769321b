/* binding.h — the HA's mobility binding list (RFC 5944 §3.8.1; RFC 5563 §8.1 looks
 * bindings up by NAI): one table, indexed by NAI and by home address, sized for a
 * million bindings.
 *
 * Bindings live in fixed-size chunks, so a pointer to one stays valid until it is
 * deleted (timers are embedded in bindings).  Both indexes are open hash tables of
 * 32-bit entries (a binding number and a few bits of its hash), grown by doubling; at
 * most 67,104,766 bindings.  Variable data (the NAI and the RFC 5563
 * §5.2-§5.4 identifiers) sits in the binding when it fits BND_INLINE bytes, else in one
 * allocation of its own.
 */
#ifndef PMIP4CT_BINDING_H
#define PMIP4CT_BINDING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "timer.h"

/* Binding flags. */
enum {
	BND_S = 1 << 0,        /* simultaneous bindings requested (RRQ S bit) */
	BND_T = 1 << 1,        /* reverse tunnel (RFC 3024) */
	BND_GRE = 1 << 2,      /* GRE encapsulation: G bit or GRE Key extension (RFC 6245) */
	BND_MINENC = 1 << 3,   /* minimal encapsulation (M bit) */
	BND_PERNODE = 1 << 4,  /* registered with a per-node SA: FA-HA + 47/1 (RFC 5563 §4.3) */
	BND_REV = 1 << 5,      /* revocation support negotiated (RFC 3543 §3.2) */
	BND_REV_I = 1 << 6,    /* ... with the I bit negotiated */
	BND_PMIP = 1 << 7,     /* a proxy registration (carried 47 or 147) */
	BND_POOL = 1 << 8,     /* the home address came from the pool: return it on delete */
};

/* One more care-of address of a mobile node with simultaneous bindings (RFC 5944
 * §3.8.2.2, S bit). */
struct bnd_coa {
	uint32_t coa, pma;
	uint16_t pma_port;
	uint16_t lifetime;
	uint64_t expires; /* ns on the HA's clock */
};

/* Bytes of variable data (NAI, then the RFC 5563 identifiers) a binding holds in place;
 * longer data is allocated, and store[] holds the pointer to it. */
#define BND_INLINE 36

/* Members are ordered for the look-ups (hoa, nai_len and store[] share one cache line)
 * and packed: 152 bytes. */
struct bnd {
	struct timer expiry;   /* fires when the (earliest) lifetime ends, or before */
	uint64_t ident;        /* Identification of the last accepted request (§5.7) */
	uint64_t registered;   /* when first accepted, ns */
	uint64_t expires;      /* end of the granted lifetime of the primary CoA, ns */
	struct bnd_coa *extra;
	uint32_t hoa;          /* home address; 0 while none is assigned */
	uint32_t next_free;    /* internal */
	uint8_t nai_len;
	uint8_t devid_len, ifid_len, subid_len;
	uint8_t live;          /* internal: the slot holds a binding */
	uint8_t store[BND_INLINE]; /* nai, devid, ifid, subid bytes, or a pointer to them */
	uint8_t listener;      /* index of the HA socket the request came in on */
	uint8_t acctech;       /* 147/4 Tech-Type, 0 = none */
	uint8_t devid_type;    /* 147/2 ID-Type, 0 = none */
	uint8_t subid_type;    /* 147/3 ID-Type, 0 = none */
	uint8_t n_extra;       /* simultaneous care-of addresses in extra[] */
	uint16_t pma_port;     /* source port of the last accepted request */
	uint16_t lifetime;     /* granted lifetime, s */
	uint16_t flags;        /* BND_* */
	uint32_t coa;          /* primary care-of address */
	uint32_t pma;          /* source address of the last accepted request (FA/PMA) */
	uint32_t ha;           /* HA address the binding was registered with */
	uint32_t gre_fa;       /* GRE key assigned by the FA/PMA: the HA sends with it */
	uint32_t gre_ha;       /* GRE key assigned by the HA: the PMA sends with it */
	uint32_t spi;          /* SPI of the SA that authenticated the request */
	uint32_t rev_ts;       /* last Revocation Identifier accepted from the PMA (§3.5) */
};

struct bnd_table;

struct bnd_table *bnd_create(uint32_t expected);
void bnd_destroy(struct bnd_table *t); /* NULL is a no-op; frees every binding */

/* Look-ups; NULL when absent. */
struct bnd *bnd_by_nai(const struct bnd_table *t, const uint8_t *nai, size_t len);
struct bnd *bnd_by_hoa(const struct bnd_table *t, uint32_t hoa);

/* A new binding for nai (not yet present) with home address hoa (0 = none yet): zeroed
 * but for the NAI and hoa, and indexed by both.  NULL when memory runs out. */
struct bnd *bnd_add(struct bnd_table *t, const uint8_t *nai, size_t len, uint32_t hoa);

/* Change the home address and its index entry.  -1 when another binding holds it. */
int bnd_set_hoa(struct bnd_table *t, struct bnd *b, uint32_t hoa);

/* Replace the RFC 5563 identifiers kept with the binding (any may be empty).  -1 on
 * allocation failure, leaving the old ones. */
int bnd_set_ids(struct bnd_table *t, struct bnd *b, const uint8_t *devid, size_t devid_len,
		const uint8_t *ifid, size_t ifid_len, const uint8_t *subid, size_t subid_len);

static inline size_t bnd_data_len(const struct bnd *b)
{
	return (size_t)b->nai_len + b->devid_len + b->ifid_len + b->subid_len;
}
/* The variable data: in place, or where store[] points. */
static inline const uint8_t *bnd_data(const struct bnd *b)
{
	const uint8_t *p;

	if (bnd_data_len(b) <= BND_INLINE)
		return b->store;
	memcpy(&p, b->store, sizeof p);
	return p;
}
static inline const uint8_t *bnd_nai(const struct bnd *b)
{
	return bnd_data(b);
}
static inline const uint8_t *bnd_devid(const struct bnd *b)
{
	return bnd_data(b) + b->nai_len;
}
static inline const uint8_t *bnd_ifid(const struct bnd *b)
{
	return bnd_data(b) + b->nai_len + b->devid_len;
}
static inline const uint8_t *bnd_subid(const struct bnd *b)
{
	return bnd_data(b) + b->nai_len + b->devid_len + b->ifid_len;
}

/* Remove from both indexes and free (the caller cancels b->expiry first). */
void bnd_del(struct bnd_table *t, struct bnd *b);

uint32_t bnd_count(const struct bnd_table *t);

/* Visit every binding (in no particular order); stop early when fn returns non-zero. */
int bnd_foreach(const struct bnd_table *t, int (*fn)(struct bnd *b, void *arg), void *arg);

/* Bytes the table holds: chunks, indexes and per-binding data. */
size_t bnd_memory(const struct bnd_table *t);

#endif
