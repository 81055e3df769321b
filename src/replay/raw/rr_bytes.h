/* rr_bytes.h — big-endian loads and stores at offsets the caller has bounds-checked
 * (raw replay patches frames in place; every read of a length goes through wire.h). */
#ifndef PMIP4CT_RR_BYTES_H
#define PMIP4CT_RR_BYTES_H

#include <stdint.h>

static inline uint16_t rr_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t rr_get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline void rr_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void rr_put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static inline void rr_put64(uint8_t *p, uint64_t v)
{
	rr_put32(p, (uint32_t)(v >> 32));
	rr_put32(p + 4, (uint32_t)v);
}

static inline uint64_t rr_get64(const uint8_t *p)
{
	return (uint64_t)rr_get32(p) << 32 | rr_get32(p + 4);
}

#endif
