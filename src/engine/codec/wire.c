/* wire.c — the out-of-line parts of the wire writer (wire.h). */
#include <string.h>

#include "wire.h"

void wr_bytes(struct wr *w, const void *p, size_t n)
{
	if (n == 0 || !wr_room(w, n))
		return;
	memcpy(w->base + w->pos, p, n);
	w->pos += n;
}

void wr_patch_u16(struct wr *w, size_t at, uint16_t v)
{
	if (w->overflow || at + 2 > w->pos)
		return;
	w->base[at] = (uint8_t)(v >> 8);
	w->base[at + 1] = (uint8_t)v;
}

void wr_patch_u8(struct wr *w, size_t at, uint8_t v)
{
	if (w->overflow || at + 1 > w->pos)
		return;
	w->base[at] = v;
}
