/* binding.c — the HA's mobility binding list (RFC 5944 §3.8.1), indexed by NAI (RFC 5563
 * §8.1) and by home address.
 *
 * Bindings sit in chunks of BND_CHUNK slots that never move; binding number n lives in
 * chunk n / BND_CHUNK at slot n % BND_CHUNK.  A free slot has live == 0 and links the
 * free list through next_free (number + 1, 0 ends the list); a live slot keeps its own
 * number there, so bnd_del finds its index entries without a search.  The variable data
 * (NAI and identifiers) sits in the slot up to BND_INLINE bytes (a 21-byte NAI and a
 * 6-byte MAC: 27), so most bindings cost no allocation and a look-up by NAI reads one
 * cache line of the binding.
 *
 * Each index is an open hash table of 32-bit entries with linear probing, at most 70%
 * full, doubled and rehashed when it would pass that, and emptied by backward-shift
 * deletion so no tombstones build up.  An entry is the binding number + 1 in its low
 * BND_NUM_BITS (0 = empty) and the top bits of the key's hash above them: a probe looks
 * at the binding itself (a cache miss with many bindings) only when those bits match,
 * about one probe in 64 besides the right one, and an index stays at 4 bytes a slot.  An empty NAI and
 * home address 0 are not indexed.
 *
 * bnd_memory() counts every malloc as the size requested + BND_MALLOC_OVERHEAD, about
 * glibc's chunk header and rounding, and leaves out the extra[] arrays, which the HA allocates
 * (bnd_del and bnd_destroy free them).  rev belongs to the HA, which must settle it
 * before bnd_del or bnd_destroy: neither looks at it.  bnd_add also refuses (NULL) an
 * NAI over 255 bytes or an NAI or home address already indexed, rather than corrupt an
 * index.
 */
#include "binding.h"

#include <stdlib.h>
#include <string.h>

#define BND_CHUNK 4096u
#define BND_MALLOC_OVERHEAD 16u
#define BND_IDX_MIN 16u
#define BND_NUM_BITS 26
#define BND_NUM_MASK ((1u << BND_NUM_BITS) - 1)
/* binding numbers + 1 must fit in an entry's BND_NUM_BITS: 67,104,766 bindings */
#define BND_MAX (BND_NUM_MASK - BND_CHUNK)

_Static_assert(BND_INLINE >= sizeof(uint8_t *), "store[] holds a pointer to longer data");
_Static_assert(sizeof(void *) != 8 || sizeof(struct bnd) <= 152, "a binding is 152 bytes");

struct bnd_index {
	uint32_t *slot; /* binding number + 1, 0 = empty */
	uint32_t mask;  /* capacity - 1; capacity is a power of two */
	uint32_t n;
};

struct bnd_table {
	struct bnd **chunk;
	uint32_t n_chunks, cap_chunks;
	uint32_t free_head; /* number + 1 of the first free slot, 0 = none */
	uint32_t count;
	size_t data_bytes;  /* data allocations, with overhead */
	struct bnd_index by_nai, by_hoa;
};

enum bnd_key { BND_KEY_NAI, BND_KEY_HOA };

static void bnd_data_free(struct bnd *b);

static size_t bnd_alloc_cost(size_t n)
{
	return n + BND_MALLOC_OVERHEAD;
}

/* Integer finaliser of a 32-bit multiply-xorshift mix: every input bit reaches the low
 * bits that pick the slot. */
static uint32_t bnd_hash_u32(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x7feb352du;
	x ^= x >> 15;
	x *= 0x846ca68bu;
	x ^= x >> 16;
	return x;
}

/* FNV-1a over the bytes, then a 64-bit avalanche so NAIs that differ only in their last
 * digits spread over the low bits. */
static uint32_t bnd_hash_bytes(const uint8_t *p, size_t len)
{
	uint64_t h = 0xcbf29ce484222325u;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3u;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53u;
	h ^= h >> 33;
	return (uint32_t)h;
}

static struct bnd *bnd_get(const struct bnd_table *t, uint32_t num)
{
	return &t->chunk[num / BND_CHUNK][num % BND_CHUNK];
}

static uint32_t bnd_hash_of(const struct bnd *b, enum bnd_key key)
{
	if (key == BND_KEY_NAI)
		return bnd_hash_bytes(bnd_nai(b), b->nai_len);
	return bnd_hash_u32(b->hoa);
}

static const struct bnd_index *bnd_index_of(const struct bnd_table *t, enum bnd_key key)
{
	return key == BND_KEY_NAI ? &t->by_nai : &t->by_hoa;
}

static uint32_t bnd_capacity_for(uint32_t n)
{
	uint64_t need = (uint64_t)n * 10 / 7 + 1;
	uint64_t cap = BND_IDX_MIN;

	while (cap < need)
		cap <<= 1;
	return cap > (1u << 31) ? 1u << 31 : (uint32_t)cap;
}

/* The hash bits an entry keeps above the binding number. */
static uint32_t bnd_tag(uint32_t hash)
{
	return hash & ~BND_NUM_MASK;
}

/* The binding an entry names. */
static struct bnd *bnd_entry(const struct bnd_table *t, uint32_t entry)
{
	return bnd_get(t, (entry & BND_NUM_MASK) - 1);
}

/* Put the binding numbered num - 1 into the first empty slot from its home slot.  The
 * caller has made room. */
static void bnd_index_put(struct bnd_index *ix, uint32_t num, uint32_t hash)
{
	uint32_t i = hash & ix->mask;

	while (ix->slot[i] != 0)
		i = (i + 1) & ix->mask;
	ix->slot[i] = num | bnd_tag(hash);
	ix->n++;
}

static int bnd_index_resize(struct bnd_table *t, enum bnd_key key, uint32_t cap)
{
	struct bnd_index *ix = key == BND_KEY_NAI ? &t->by_nai : &t->by_hoa;
	struct bnd_index old = *ix;
	uint32_t *slot, i;

	slot = calloc(cap, sizeof(*slot));
	if (!slot)
		return -1;
	ix->slot = slot;
	ix->mask = cap - 1;
	ix->n = 0;
	for (i = 0; old.slot && i <= old.mask; i++)
		if (old.slot[i] != 0)
			bnd_index_put(ix, old.slot[i] & BND_NUM_MASK,
				      bnd_hash_of(bnd_entry(t, old.slot[i]), key));
	free(old.slot);
	return 0;
}

/* Room for one more entry at a load of at most 70%. */
static int bnd_index_reserve(struct bnd_table *t, enum bnd_key key)
{
	const struct bnd_index *ix = bnd_index_of(t, key);
	uint64_t cap = (uint64_t)ix->mask + 1;

	if (((uint64_t)ix->n + 1) * 10 <= cap * 7)
		return 0;
	if (cap >= (1u << 31))
		return -1;
	return bnd_index_resize(t, key, (uint32_t)cap * 2);
}

/* Remove the entry of the binding numbered num - 1, which must be present, shifting back
 * the entries of its cluster that may not sit past the hole (Knuth's algorithm R). */
static void bnd_index_remove(struct bnd_table *t, enum bnd_key key, uint32_t num)
{
	struct bnd_index *ix = key == BND_KEY_NAI ? &t->by_nai : &t->by_hoa;
	uint32_t hash = bnd_hash_of(bnd_get(t, num - 1), key);
	uint32_t hole = hash & ix->mask, entry = num | bnd_tag(hash);
	uint32_t i, home;

	while (ix->slot[hole] != entry)
		hole = (hole + 1) & ix->mask;
	for (i = (hole + 1) & ix->mask; ix->slot[i] != 0; i = (i + 1) & ix->mask) {
		home = bnd_hash_of(bnd_entry(t, ix->slot[i]), key) & ix->mask;
		/* The entry at i may fill the hole unless its home lies cyclically in (hole, i]. */
		if (((i - home) & ix->mask) >= ((i - hole) & ix->mask)) {
			ix->slot[hole] = ix->slot[i];
			hole = i;
		}
	}
	ix->slot[hole] = 0;
	ix->n--;
}

struct bnd_table *bnd_create(uint32_t expected)
{
	struct bnd_table *t = calloc(1, sizeof(*t));
	uint32_t cap = bnd_capacity_for(expected);

	if (!t)
		return NULL;
	if (bnd_index_resize(t, BND_KEY_NAI, cap) < 0 ||
	    bnd_index_resize(t, BND_KEY_HOA, cap) < 0) {
		bnd_destroy(t);
		return NULL;
	}
	return t;
}

void bnd_destroy(struct bnd_table *t)
{
	uint32_t c, i;

	if (!t)
		return;
	for (c = 0; c < t->n_chunks; c++) {
		for (i = 0; i < BND_CHUNK; i++) {
			bnd_data_free(&t->chunk[c][i]);
			free(t->chunk[c][i].extra);
		}
		free(t->chunk[c]);
	}
	free(t->chunk);
	free(t->by_nai.slot);
	free(t->by_hoa.slot);
	free(t);
}

struct bnd *bnd_by_nai(const struct bnd_table *t, const uint8_t *nai, size_t len)
{
	const struct bnd_index *ix = &t->by_nai;
	uint32_t i, hash, tag;
	struct bnd *b;

	if (len == 0 || len > UINT8_MAX)
		return NULL;
	hash = bnd_hash_bytes(nai, len);
	tag = bnd_tag(hash);
	for (i = hash & ix->mask; ix->slot[i] != 0; i = (i + 1) & ix->mask) {
		if (bnd_tag(ix->slot[i]) != tag)
			continue;
		b = bnd_entry(t, ix->slot[i]);
		if (b->nai_len == len && memcmp(bnd_nai(b), nai, len) == 0)
			return b;
	}
	return NULL;
}

struct bnd *bnd_by_hoa(const struct bnd_table *t, uint32_t hoa)
{
	const struct bnd_index *ix = &t->by_hoa;
	uint32_t i, hash, tag;
	struct bnd *b;

	if (hoa == 0)
		return NULL;
	hash = bnd_hash_u32(hoa);
	tag = bnd_tag(hash);
	for (i = hash & ix->mask; ix->slot[i] != 0; i = (i + 1) & ix->mask) {
		if (bnd_tag(ix->slot[i]) != tag)
			continue;
		b = bnd_entry(t, ix->slot[i]);
		if (b->hoa == hoa)
			return b;
	}
	return NULL;
}

/* Add a chunk of free slots to the free list. */
static int bnd_grow(struct bnd_table *t)
{
	struct bnd **chunks, *c;
	uint32_t base = t->n_chunks * BND_CHUNK, i, cap;

	if (base > BND_MAX)
		return -1;
	if (t->n_chunks == t->cap_chunks) {
		cap = t->cap_chunks ? t->cap_chunks * 2 : 16;
		chunks = realloc(t->chunk, cap * sizeof(*chunks));
		if (!chunks)
			return -1;
		t->chunk = chunks;
		t->cap_chunks = cap;
	}
	c = calloc(BND_CHUNK, sizeof(*c));
	if (!c)
		return -1;
	for (i = 0; i < BND_CHUNK; i++)
		c[i].next_free = i + 1 < BND_CHUNK ? base + i + 2 : t->free_head;
	t->chunk[t->n_chunks++] = c;
	t->free_head = base + 1;
	return 0;
}

/* The NAI, then the device, interface and subscriber identifiers (RFC 5563 §5.2-§5.4),
 * into the slot or one allocation (*heap), never NULL; the caller stores the lengths
 * after reading the old data, which may be the slot's. */
static uint8_t *bnd_data_build(uint8_t inl[BND_INLINE], const uint8_t *nai, size_t nai_len,
			       const uint8_t *const ids[3], const size_t id_len[3], bool *heap)
{
	size_t total = nai_len + id_len[0] + id_len[1] + id_len[2];
	uint8_t *d, *p;
	int k;

	*heap = total > BND_INLINE;
	d = *heap ? malloc(total) : inl;
	if (!d)
		return NULL;
	if (nai_len)
		memmove(d, nai, nai_len);
	p = d + nai_len;
	for (k = 0; k < 3; k++) {
		if (id_len[k])
			memcpy(p, ids[k], id_len[k]);
		p += id_len[k];
	}
	return d;
}

/* What the data costs beyond the slot: its allocation, if any. */
static size_t bnd_data_size(const struct bnd *b)
{
	size_t n = bnd_data_len(b);

	return n > BND_INLINE ? bnd_alloc_cost(n) : 0;
}

static void bnd_data_free(struct bnd *b)
{
	uint8_t *p;

	if (!b->live || bnd_data_len(b) <= BND_INLINE)
		return;
	memcpy(&p, b->store, sizeof p);
	free(p);
}

struct bnd *bnd_add(struct bnd_table *t, const uint8_t *nai, size_t len, uint32_t hoa)
{
	static const uint8_t *const no_ids[3] = { NULL, NULL, NULL };
	static const size_t no_len[3] = { 0, 0, 0 };
	uint8_t inl[BND_INLINE];
	struct bnd *b;
	uint8_t *data;
	uint32_t num, next;
	bool heap;

	if (len > UINT8_MAX || bnd_by_nai(t, nai, len) || bnd_by_hoa(t, hoa))
		return NULL;
	if (bnd_index_reserve(t, BND_KEY_NAI) < 0 || bnd_index_reserve(t, BND_KEY_HOA) < 0)
		return NULL;
	if (t->free_head == 0 && bnd_grow(t) < 0)
		return NULL;
	data = bnd_data_build(inl, nai, len, no_ids, no_len, &heap);
	if (!data)
		return NULL;
	num = t->free_head - 1;
	b = bnd_get(t, num);
	next = b->next_free;
	memset(b, 0, sizeof(*b));
	t->free_head = next;
	b->next_free = num;
	b->live = 1;
	if (heap)
		memcpy(b->store, &data, sizeof data);
	else
		memcpy(b->store, inl, len);
	b->nai_len = (uint8_t)len;
	b->hoa = hoa;
	if (len)
		bnd_index_put(&t->by_nai, num + 1, bnd_hash_bytes(nai, len));
	if (hoa)
		bnd_index_put(&t->by_hoa, num + 1, bnd_hash_u32(hoa));
	t->count++;
	t->data_bytes += bnd_data_size(b);
	return b;
}

int bnd_set_hoa(struct bnd_table *t, struct bnd *b, uint32_t hoa)
{
	if (hoa == b->hoa)
		return 0;
	if (bnd_by_hoa(t, hoa))
		return -1;
	if (b->hoa == 0 && bnd_index_reserve(t, BND_KEY_HOA) < 0)
		return -1;
	if (b->hoa != 0)
		bnd_index_remove(t, BND_KEY_HOA, b->next_free + 1);
	b->hoa = hoa;
	if (hoa != 0)
		bnd_index_put(&t->by_hoa, b->next_free + 1, bnd_hash_u32(hoa));
	return 0;
}

int bnd_set_ids(struct bnd_table *t, struct bnd *b, const uint8_t *devid, size_t devid_len,
		const uint8_t *ifid, size_t ifid_len, const uint8_t *subid, size_t subid_len)
{
	const uint8_t *const ids[3] = { devid, ifid, subid };
	const size_t id_len[3] = { devid_len, ifid_len, subid_len };
	uint8_t inl[BND_INLINE], *data;
	bool heap;

	if (devid_len > UINT8_MAX || ifid_len > UINT8_MAX || subid_len > UINT8_MAX)
		return -1;
	data = bnd_data_build(inl, bnd_nai(b), b->nai_len, ids, id_len, &heap);
	if (!data)
		return -1;
	t->data_bytes -= bnd_data_size(b);
	bnd_data_free(b);
	if (heap)
		memcpy(b->store, &data, sizeof data);
	else
		memcpy(b->store, inl, sizeof inl);
	b->devid_len = (uint8_t)devid_len;
	b->ifid_len = (uint8_t)ifid_len;
	b->subid_len = (uint8_t)subid_len;
	t->data_bytes += bnd_data_size(b);
	return 0;
}

void bnd_del(struct bnd_table *t, struct bnd *b)
{
	uint32_t num = b->next_free;

	if (b->nai_len)
		bnd_index_remove(t, BND_KEY_NAI, num + 1);
	if (b->hoa)
		bnd_index_remove(t, BND_KEY_HOA, num + 1);
	t->data_bytes -= bnd_data_size(b);
	bnd_data_free(b);
	free(b->extra);
	memset(b, 0, sizeof(*b));
	b->next_free = t->free_head;
	t->free_head = num + 1;
	t->count--;
}

uint32_t bnd_count(const struct bnd_table *t)
{
	return t->count;
}

int bnd_foreach(const struct bnd_table *t, int (*fn)(struct bnd *b, void *arg), void *arg)
{
	uint32_t c, i;
	int rc;

	for (c = 0; c < t->n_chunks; c++) {
		for (i = 0; i < BND_CHUNK; i++) {
			if (!t->chunk[c][i].live)
				continue;
			rc = fn(&t->chunk[c][i], arg);
			if (rc != 0)
				return rc;
		}
	}
	return 0;
}

size_t bnd_memory(const struct bnd_table *t)
{
	size_t n = bnd_alloc_cost(sizeof(*t));

	if (t->chunk)
		n += bnd_alloc_cost((size_t)t->cap_chunks * sizeof(*t->chunk));
	n += (size_t)t->n_chunks * bnd_alloc_cost((size_t)BND_CHUNK * sizeof(struct bnd));
	n += bnd_alloc_cost(((size_t)t->by_nai.mask + 1) * sizeof(uint32_t));
	n += bnd_alloc_cost(((size_t)t->by_hoa.mask + 1) * sizeof(uint32_t));
	return n + t->data_bytes;
}
