/* ha_fwd_fault.c — the HA's faults on its tunnel packets (DESIGN.md §4): those that change
 * what it sends toward a care-of address, one row each, applied by ha_fwd.c to the
 * tunnel parameters just before encapsulating; and fwd-drop, which loses a fixed share of
 * the data packets it would forward, counted.  Only the public API: the faults through
 * ha_has_fault(). */
#include "ha_fwd.h"

/* gre-key-swap, sending side: the HA-assigned key forward (RFC 6245 §5: the FA's). */
static void key_swap(const struct bnd *b, struct tun_params *tp)
{
	tp->key = b->gre_ha;
	tp->has_key = tp->kind == TUN_GRE && tp->key;
}

/* always-gre: GRE even where IP-in-IP was negotiated (RFC 5563 §4.2). */
static void always_gre(const struct bnd *b, struct tun_params *tp)
{
	tp->kind = TUN_GRE;
	tp->has_key = tp->key != 0;
}

static const struct {
	enum ha_fault f;
	void (*fn)(const struct bnd *b, struct tun_params *tp);
} tunnel_mutators[] = {
	{ HA_FAULT_GRE_KEY_SWAP, key_swap },
	{ HA_FAULT_ALWAYS_GRE, always_gre },
};

void ha_fwd_fault_tunnel(const struct ha_fwd *fw, const struct bnd *b, struct tun_params *tp)
{
	for (size_t i = 0; i < sizeof tunnel_mutators / sizeof tunnel_mutators[0]; i++)
		if (ha_has_fault(fw->ha, tunnel_mutators[i].f))
			tunnel_mutators[i].fn(b, tp);
}

/* fwd-drop: RFC 5944 §4.2.3 and RFC 3024 §4.3.2 have the HA forward every such packet;
 * this one loses the first of every HA_FWD_DROP_EVERY each way, so that a traffic
 * generator's loss can be checked against an exact count. */
bool ha_fwd_fault_drop(struct ha_fwd *fw, enum ha_fwd_dir dir)
{
	uint32_t *phase = &fw->drop_phase[dir];
	bool drop;

	if (!ha_has_fault(fw->ha, HA_FAULT_FWD_DROP))
		return false;
	drop = *phase == 0;
	*phase = (*phase + 1) % HA_FWD_DROP_EVERY;
	return drop;
}
