/* pma_dp.c — the PMA end of the PMA-HA tunnel: device packets in, tunnel packets out, and
 * back (RFC 5563 §4.2.1, §4.2.3; RFC 2003 §3.1; RFC 2784, RFC 2890; RFC 6245 §5).
 *
 * Every packet of a registered device goes to its HA, device-to-device ones too (§4.2.3):
 * there is no short cut on the access link.  Keys make overlapping home addresses work:
 * a packet from the core belongs to the device whose HA sent it, whose PMA-assigned key
 * it carries and whose HoA it is for.
 */
#include <string.h>

#include "eth.h"
#include "pma_link.h"
#include "pma_link_priv.h"
#include "tun.h"

/* A session tunnels GRE when the HA assigned a key (RFC 6245 §4.1). */
static bool dev_gre(const struct pl_dev *d)
{
	return d->s.gre_ha != 0;
}

void pl_dp_from_dev(struct pma_link *l, struct pl_dev *d, const uint8_t *ip, size_t len)
{
	struct tun_params tp = {
		.kind = dev_gre(d) ? TUN_GRE : TUN_IPIP,
		.src = l->cfg.core_addr,
		.dst = d->s.ha,
		.id = l->ip_id++,
		.forwarding = true,          /* the PMA is the device's router */
		.has_key = dev_gre(d),
		.key = d->s.gre_ha,          /* RFC 6245 §5: reverse with the HA's key */
	};
	struct mip_err e;
	size_t n;

	pl_fault_tunnel(l, d, &tp);
	if (tun_encap(&tp, ip, len, l->out, sizeof l->out, &n, &e) < 0) {
		l->ctr.drop[e.kind == MIP_EFULL ? PL_DROP_TX : PL_DROP_MALFORMED]++;
		return;
	}
	l->ctr.tun_tx++;
	pl_send(l, &l->core, l->out, n);
}

static bool dev_matches(const struct pma_link *l, const struct pl_dev *d,
			const struct tun_pkt *t)
{
	uint32_t key = pma_has_fault(l->pma, PMA_FAULT_DROP_DOWNLINK) ? d->s.gre_ha : d->s.gre_pma;

	if (d->st != PL_S_REGISTERED || d->s.ha != t->outer.src || d->s.hoa != t->inner.dst)
		return false;
	if (t->kind == TUN_IPIP)
		return !dev_gre(d);
	if (pma_has_fault(l->pma, PMA_FAULT_IGNORE_GRE_KEY))
		return dev_gre(d);
	return dev_gre(d) && t->gre.has_key && t->gre.key == key;
}

void pma_link_core(struct pma_link *l, const uint8_t *pkt, size_t len)
{
	struct pl_dev *d;
	struct tun_pkt t;
	struct mip_err e;
	size_t n;

	if (tun_decap(pkt, len, &t, &e) < 0) {
		l->ctr.drop[PL_DROP_MALFORMED]++;
		return;
	}
	for (d = l->devs; d; d = d->next)
		if (t.outer.dst == l->cfg.core_addr && dev_matches(l, d, &t))
			break;
	if (!d) {
		l->ctr.drop[PL_DROP_NO_DEVICE]++;
		return;
	}
	if (eth_build(d->mac, l->cfg.mac, ETH_P_IP, t.inner_pkt, t.inner_len, l->out,
		      sizeof l->out, &n, &e) < 0) {
		l->ctr.drop[PL_DROP_TX]++;
		return;
	}
	l->ctr.tun_rx++;
	pl_send(l, &l->acc, l->out, n);
}
