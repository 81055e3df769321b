/* wire.h — the one bounds-checked cursor for every wire read, and its writer twin.
 *
 * Every read of packet bytes in pmip4ct goes through struct rd (STYLE.md habit 1).
 * A read past the end fails and leaves the cursor unchanged; nothing ever casts a
 * struct onto packet bytes.  The writer fails the same way when its buffer is full.
 * All multi-byte values are network byte order on the wire.
 */
#ifndef PMIP4CT_WIRE_H
#define PMIP4CT_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rd {
	const uint8_t *base; /* start of the whole message: offsets are relative to it */
	size_t pos;          /* next byte to read, from base */
	size_t end;          /* one past the last readable byte, from base */
};

static inline struct rd rd_init(const uint8_t *p, size_t len)
{
	struct rd c = { p, 0, len };
	return c;
}

static inline size_t rd_left(const struct rd *c)
{
	return c->end - c->pos;
}

static inline bool rd_u8(struct rd *c, uint8_t *v)
{
	if (rd_left(c) < 1)
		return false;
	*v = c->base[c->pos++];
	return true;
}

static inline bool rd_u16(struct rd *c, uint16_t *v)
{
	if (rd_left(c) < 2)
		return false;
	*v = (uint16_t)((unsigned)c->base[c->pos] << 8 | c->base[c->pos + 1]);
	c->pos += 2;
	return true;
}

static inline bool rd_u32(struct rd *c, uint32_t *v)
{
	if (rd_left(c) < 4)
		return false;
	const uint8_t *p = c->base + c->pos;
	*v = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	c->pos += 4;
	return true;
}

static inline bool rd_u64(struct rd *c, uint64_t *v)
{
	uint32_t hi = 0, lo = 0;

	if (rd_left(c) < 8)
		return false; /* checked first: a failed read leaves the cursor unchanged */
	rd_u32(c, &hi);
	rd_u32(c, &lo);
	*v = (uint64_t)hi << 32 | lo;
	return true;
}

/* Borrow n bytes without copying: *p points into the message. */
static inline bool rd_bytes(struct rd *c, size_t n, const uint8_t **p)
{
	if (rd_left(c) < n)
		return false;
	*p = c->base + c->pos;
	c->pos += n;
	return true;
}

/* Split off the next n bytes as a cursor of their own and skip them here.  The
 * sub-cursor keeps the same base, so its offsets stay message-relative. */
static inline bool rd_sub(struct rd *c, size_t n, struct rd *sub)
{
	if (rd_left(c) < n)
		return false;
	sub->base = c->base;
	sub->pos = c->pos;
	sub->end = c->pos + n;
	c->pos += n;
	return true;
}

struct wr {
	uint8_t *base;
	size_t pos;
	size_t cap;
	bool overflow; /* sticky: set by the first write that did not fit */
};

static inline struct wr wr_init(uint8_t *p, size_t cap)
{
	struct wr w = { p, 0, cap, false };
	return w;
}

static inline bool wr_room(struct wr *w, size_t n)
{
	if (w->overflow || w->cap - w->pos < n) {
		w->overflow = true;
		return false;
	}
	return true;
}

static inline void wr_u8(struct wr *w, uint8_t v)
{
	if (wr_room(w, 1))
		w->base[w->pos++] = v;
}

static inline void wr_u16(struct wr *w, uint16_t v)
{
	if (!wr_room(w, 2))
		return;
	w->base[w->pos++] = (uint8_t)(v >> 8);
	w->base[w->pos++] = (uint8_t)v;
}

static inline void wr_u32(struct wr *w, uint32_t v)
{
	if (!wr_room(w, 4))
		return;
	for (int sh = 24; sh >= 0; sh -= 8)
		w->base[w->pos++] = (uint8_t)(v >> sh);
}

static inline void wr_u64(struct wr *w, uint64_t v)
{
	wr_u32(w, (uint32_t)(v >> 32));
	wr_u32(w, (uint32_t)v);
}

void wr_bytes(struct wr *w, const void *p, size_t n);

/* Overwrite a 16-bit value at an earlier position (length fields written last). */
void wr_patch_u16(struct wr *w, size_t at, uint16_t v);
void wr_patch_u8(struct wr *w, size_t at, uint8_t v);

#endif
