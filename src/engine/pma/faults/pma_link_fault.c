/* pma_link_fault.c — the PMA's faults on the access link and the tunnel (DESIGN.md §4):
 * what they change in a frame or packet the PMA sends (pl_fault_dhcp, pl_fault_tunnel:
 * one row each, applied just before the frame or packet is built), and the frames only a
 * fault sends (an early DHCPOFFER, a device-to-device frame switched on the link, the
 * Agent Advertisement of pma_link_adv.c).  pma_link.c and pma_dp.c call these at the one
 * point each acts on.
 */
#include "dhcp.h"
#include "pma_link_priv.h"

static bool fault(const struct pma_link *l, enum pma_fault f)
{
	return pma_has_fault(l->pma, f);
}

/* offer-wrong-address: yiaddr in the wrong byte order (RFC 5563 §4.1.1 step 5). */
static void offer_swapped(struct pma_link *l, const struct pl_dev *d, struct dhcp_reply *r)
{
	if (r->type == DHCP_OFFER)
		r->yiaddr = __builtin_bswap32(r->yiaddr);
}

static const struct {
	enum pma_fault f;
	void (*fn)(struct pma_link *l, const struct pl_dev *d, struct dhcp_reply *r);
} dhcp_mutators[] = {
	{ PMA_FAULT_OFFER_WRONG_ADDR, offer_swapped },
};

void pl_fault_dhcp(struct pma_link *l, const struct pl_dev *d, struct dhcp_reply *r)
{
	for (size_t i = 0; i < sizeof dhcp_mutators / sizeof dhcp_mutators[0]; i++)
		if (fault(l, dhcp_mutators[i].f))
			dhcp_mutators[i].fn(l, d, r);
}

/* gre-without-key: GRE though the HA assigned no key (RFC 6245 §4.1: IP-in-IP). */
static void gre_without_key(struct pma_link *l, const struct pl_dev *d, struct tun_params *tp)
{
	tp->kind = TUN_GRE;
}

/* tunnel-wrong-source: the outer source is the device's HoA (RFC 5563 §4.2.1). */
static void wrong_source(struct pma_link *l, const struct pl_dev *d, struct tun_params *tp)
{
	tp->src = d->s.hoa;
}

/* gre-own-key: uplink with the PMA's key, not the HA's (RFC 6245 §5). */
static void own_key(struct pma_link *l, const struct pl_dev *d, struct tun_params *tp)
{
	tp->key = d->s.gre_pma;
}

static const struct {
	enum pma_fault f;
	void (*fn)(struct pma_link *l, const struct pl_dev *d, struct tun_params *tp);
} tunnel_mutators[] = {
	{ PMA_FAULT_GRE_WITHOUT_KEY, gre_without_key },
	{ PMA_FAULT_TUNNEL_WRONG_SOURCE, wrong_source },
	{ PMA_FAULT_GRE_OWN_KEY, own_key },
};

void pl_fault_tunnel(struct pma_link *l, const struct pl_dev *d, struct tun_params *tp)
{
	for (size_t i = 0; i < sizeof tunnel_mutators / sizeof tunnel_mutators[0]; i++)
		if (fault(l, tunnel_mutators[i].f))
			tunnel_mutators[i].fn(l, d, tp);
}

/* offer-before-registration: a DHCPOFFER from a local pool while the registration is
 * still pending (RFC 5563 §4.1.1: the offer waits for the HA's home address). */
void pl_fault_held(struct pma_link *l, const struct pl_dev *d, const uint8_t *frame,
		   size_t len)
{
	struct dhcp_frame f;
	struct mip_err e;

	if (!fault(l, PMA_FAULT_OFFER_BEFORE_REG) || d->st != PL_S_IDLE)
		return;
	if (dhcp_frame_parse(frame, len, &f, &e) == 0 && f.msg.type == DHCP_DISCOVER)
		pl_dhcp_send(l, d, &f.msg, DHCP_OFFER, l->cfg.gateway + 100);
}

/* local-switch: a packet for another registered device goes straight to it on the
 * access link (RFC 5563 §4.2.3: through the HA), as a learning switch would. */
bool pl_fault_switch(struct pma_link *l, const struct pl_dev *d, uint32_t dst,
		     const uint8_t *frame, size_t len)
{
	const struct pl_dev *o;

	if (!fault(l, PMA_FAULT_LOCAL_SWITCH))
		return false;
	for (o = l->devs; o; o = o->next)
		if (o != d && o->st == PL_S_REGISTERED && o->s.hoa == dst)
			break;
	if (!o)
		return false;
	pl_send(l, &l->acc, frame, len);
	return true;
}

/* agent-advertise: an Agent Advertisement once the device is registered (RFC 5563 §7: no
 * agent discovery). */
void pl_fault_registered(struct pma_link *l, const struct pl_dev *d)
{
	if (fault(l, PMA_FAULT_AGENT_ADVERTISE))
		pl_agent_adv(l, d);
}
