/* ha_fwd_fault.c — the HA's faults that change the tunnel packets it sends toward a care-of
 * address (DESIGN.md §4): one row each, applied by ha_fwd.c to the tunnel parameters
 * just before encapsulating.  Only the public API: the faults through ha_has_fault(). */
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
