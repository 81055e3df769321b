/* net_ref_pma.c — the built-in reference PMA as a DUT, in process, on a virtual clock
 * (net.h).  The PMA is configured from the PIXIT (its address, the HA it registers with,
 * which is the tester's, the SA, lifetime and timers) and the PICS (a feature the PICS
 * says "no" to is turned off), so the reference is the DUT the PICS describes.
 *
 * Signalling to the PMA's endpoint goes into pma_input(); frames from the tester's mobile
 * device into pma_link_frame(), tunnel packets from the tester's HA into pma_link_core().
 * What the PMA sends is queued for recv(): signalling on TC_LINK_SIG, access-link frames
 * on TC_LINK_ACCESS, outer IPv4 packets on TC_LINK_CORE.  Time moves only in recv(): to
 * the next PMA or link timer, or to the deadline, whichever is first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pma.h"
#include "pma_link.h"
#include "refq.h"
#include "tc_mn.h"
#include "tc_priv.h"

static const uint8_t ref_pma_mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x05, 0x01 };

struct ref_pma {
	struct ref_base b; /* first: the ctx is also a ref_base */
	struct pma *pma;
	struct pma_link *link;
	uint32_t addr;
	uint16_t port;
	char nai_pattern[128];
	char ifid[32];
};

static int acc_send(void *ctx, const uint8_t *buf, size_t len)
{
	return ref_base_push(ctx, TC_LINK_ACCESS, NULL, buf, len);
}

static int core_send(void *ctx, const uint8_t *buf, size_t len)
{
	return ref_base_push(ctx, TC_LINK_CORE, NULL, buf, len);
}

static void pma_log(void *arg, const char *msg)
{
	ref_base_log(arg, msg);
}

static int ref_send(void *ctx, const struct tc_pkt *p, char *err, size_t errlen)
{
	struct ref_pma *r = ctx;

	switch (p->link) {
	case TC_LINK_SIG:
		if (p->ends.dst == r->addr && p->ends.dport == r->port)
			pma_input(r->pma, &p->ends, p->buf, p->len);
		/* anything else is lost on the way, as on a network */
		return 0;
	case TC_LINK_ACCESS:
		pma_link_frame(r->link, p->buf, p->len);
		return 0;
	case TC_LINK_CORE:
		pma_link_core(r->link, p->buf, p->len);
		return 0;
	default:
		snprintf(err, errlen, "the reference PMA has no home link");
		return -1;
	}
}

static uint64_t next_due(const struct ref_base *base)
{
	const struct ref_pma *r = (const struct ref_pma *)base;
	uint64_t a = pma_next_due(r->pma), b = pma_link_next_due(r->link);

	return a < b ? a : b;
}

static void tick(struct ref_base *b)
{
	struct ref_pma *r = (struct ref_pma *)b;

	pma_tick(r->pma);
	pma_link_tick(r->link);
}

static void ref_destroy(void *ctx)
{
	struct ref_pma *r = ctx;

	pma_link_destroy(r->link);
	pma_destroy(r->pma);
	ref_base_finish(&r->b);
	free(r);
}

static const struct tc_net_ops ref_ops = { ref_send, ref_base_recv, ref_base_now, ref_destroy };

/* The reference's configuration from the PIXIT and PICS. */
static void configure(struct ref_pma *r, struct pma_config *c, struct pma_link_config *lc,
		      const struct params *p, struct bitset faults, struct bitset variants)
{
	uint64_t retx = params_ms(p, "pma.retrans-ms");

	pma_config_defaults(c);
	params_endpoint(p, "pma", &c->addr, &c->port);
	params_endpoint(p, "ha", &c->ha, &c->ha_port);
	params_sa(p, "sa", &c->sa);
	c->per_mn = !params_pics(p, "pma.per-node-auth");
	if (c->per_mn)
		params_sa(p, "mn-sa", &c->sa);
	c->lifetime = (uint16_t)params_u32(p, "pma.lifetime");
	c->renew_pct = params_u32(p, "pma.renew-pct");
	c->retrans_ms = retx > UINT32_MAX ? UINT32_MAX : (uint32_t)retx;
	c->max_tries = params_u32(p, "pma.max-tries");
	c->reverse_tunnel = params_pics(p, "pma.reverse-tunnel");
	c->gre = params_pics(p, "pma.gre-key");
	c->revocation = params_pics(p, "pma.revocation");
	c->revocation_i = c->revocation && params_pics(p, "pma.revocation-i");
	c->revoke_on_detach = c->revocation && params_pics(p, "pma.revoke");
	c->acctech = params_pics(p, "pma.access-tech") ?
		     (uint8_t)params_u32(p, "pma.access-tech-type") : 0;
	c->send_devid = params_pics(p, "pma.device-id");
	c->send_ifid = params_pics(p, "pma.interface-id");
	c->send_subid = params_pics(p, "pma.subscriber-id");
	c->faults = faults;
	c->variants = variants;

	pma_link_config_defaults(lc);
	memcpy(lc->mac, ref_pma_mac, sizeof lc->mac);
	lc->core_addr = c->addr;
	lc->gateway = params_addr(p, "pma.gateway");
	snprintf(r->nai_pattern, sizeof r->nai_pattern, "%s", params_str(p, "pma.nai-pattern"));
	snprintf(r->ifid, sizeof r->ifid, "%s", params_str(p, "pma.ifid"));
	lc->nai_pattern = r->nai_pattern;
	lc->ifid = r->ifid;
}

/* RFC 5563 §5.4: the PMA knows the first device's IMSI (PIXIT pma.imsi) for 147/3. */
static int add_device1(struct ref_pma *r, const struct params *p)
{
	uint8_t mac[6];
	char nai[128];

	tc_mn_mac(1, mac);
	if (pma_link_nai(r->nai_pattern, mac, nai, sizeof nai) < 0)
		return -1;
	return pma_link_add_device(r->link, mac, nai, params_str(p, "pma.imsi"), 0);
}

int net_ref_pma_create(struct tc_net *n, const struct params *p, struct bitset faults,
		       struct bitset variants, tc_log_fn log, void *log_arg, char *err, size_t errlen)
{
	struct ref_pma *r = calloc(1, sizeof *r);
	struct pma_config cfg;
	struct pma_link_config lcfg;

	if (!r) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	ref_base_init(&r->b, log, log_arg, next_due, tick);
	configure(r, &cfg, &lcfg, p, faults, variants);
	r->addr = cfg.addr;
	r->port = cfg.port;
	r->pma = pma_create(&cfg, &r->b.clk, (struct io){ &ref_base_sig_ops, r });
	if (!r->pma)
		goto fail;
	pma_set_log(r->pma, pma_log, r);
	r->link = pma_link_create(&lcfg, r->pma, &r->b.clk, (struct pkt_port){ acc_send, r },
				  (struct pkt_port){ core_send, r });
	if (!r->link || add_device1(r, p) < 0) {
		snprintf(err, errlen, "cannot start the reference PMA's access link "
			 "(PIXIT pma.nai-pattern, pma.ifid or pma.imsi?)");
		goto fail;
	}
	*n = (struct tc_net){ &ref_ops, r,
			      TC_CAP(TC_LINK_SIG) | TC_CAP(TC_LINK_CORE) |
				      TC_CAP(TC_LINK_ACCESS) | TC_CAP_VIRTUAL_TIME | TC_CAP_FAULTS,
			      "the reference PMA" };
	return 0;
fail:
	if (!err[0])
		snprintf(err, errlen, "cannot start the reference PMA (out of memory)");
	ref_destroy(r);
	return -1;
}

struct pma *net_ref_pma_agent(const struct tc_net *n, struct pma_link **link)
{
	struct ref_pma *r = n->ops == &ref_ops ? n->ctx : NULL;

	if (link)
		*link = r ? r->link : NULL;
	return r ? r->pma : NULL;
}
