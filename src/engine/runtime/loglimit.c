/* loglimit.c — see loglimit.h. */
#include "loglimit.h"

#include <string.h>

void loglimit_init(struct loglimit *l)
{
	memset(l, 0, sizeof *l);
}

/* The slot of (reason, peer) in v[0..n), taken over when absent: a free one, else the
 * least recently used. */
static struct loglimit_slot *slot_of(struct loglimit *l, struct loglimit_slot *v, unsigned n,
				     uintptr_t reason, uint32_t peer, uint64_t now)
{
	struct loglimit_slot *old = &v[0];
	uint64_t use = ++l->uses;

	for (unsigned i = 0; i < n; i++) {
		if (v[i].used && v[i].reason == reason && v[i].peer == peer) {
			v[i].last = use;
			return &v[i];
		}
		if (old->used && (!v[i].used || v[i].last < old->last))
			old = &v[i];
	}
	*old = (struct loglimit_slot){ .reason = reason, .peer = peer, .used = true,
				       .last = use, .start = now };
	return old;
}

/* A new window once the last one is over. */
static void roll(struct loglimit_slot *s, uint64_t now)
{
	if (now - s->start >= LOGLIMIT_WINDOW_NS || now < s->start) {
		s->start = now;
		s->lines = 0;
	}
}

bool loglimit_pass(struct loglimit *l, uintptr_t reason, uint32_t peer, uint64_t now,
		   uint64_t *suppressed)
{
	struct loglimit_slot *r = slot_of(l, l->reasons, LOGLIMIT_REASONS, reason, 0, now);
	struct loglimit_slot *p = slot_of(l, l->peers, LOGLIMIT_PEERS, reason, peer, now);

	roll(r, now);
	roll(p, now);
	if (r->lines >= LOGLIMIT_PER_REASON || p->lines >= LOGLIMIT_PER_PEER) {
		r->suppressed++;
		l->suppressed++;
		return false;
	}
	r->lines++;
	p->lines++;
	*suppressed = r->suppressed;
	r->suppressed = 0;
	return true;
}
