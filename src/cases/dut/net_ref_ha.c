/* net_ref_ha.c — the built-in reference HA as a DUT, in process, on a virtual clock
 * (net.h).  The HA is configured from the PIXIT (addresses, SA, pool, lifetimes) and the
 * PICS (a feature the PICS says "no" to is turned off), so the reference is the DUT the
 * PICS describes.  A second HA with Proxy Mobile IPv4 off answers at PIXIT ha.pmip-off.
 *
 * Signalling goes straight into ha_input(); what the HAs send is queued for recv().  The
 * data plane is ha_fwd (RFC 5563 §4.2): tunnel packets to the HA on the core link are
 * decapsulated onto the home link (or relayed, §4.2.3), home-link packets for a bound
 * home address are tunnelled out on the core link.  Time moves only in recv(): to the
 * next HA timer or to the deadline, whichever is first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ha.h"
#include "ha_fwd.h"
#include "pool.h"
#include "refq.h"
#include "tc_priv.h"

enum { REF_MAIN, REF_PMIP_OFF, REF_COUNT };

struct ref_ha {
	struct ref_base b; /* first: the ctx is also a ref_base */
	struct ha *ha[REF_COUNT];
	uint32_t addr[REF_COUNT];
	uint16_t port[REF_COUNT];
	struct ha_fwd fw;
};

static void ha_log(void *arg, enum ha_log_level level, const char *msg)
{
	(void)level;
	ref_base_log(arg, msg);
}

static void logf_ref(struct ref_ha *r, const char *what, const struct mip_err *e)
{
	char line[256], why[200];

	snprintf(line, sizeof line, "data plane: %s: %s", what, mip_err_str(e, why, sizeof why));
	ref_base_log(&r->b, line);
}

/* Tunnel every copy of an inner packet out on the core link (RFC 5944 §4.2.3): a
 * home-link packet (ip), or a decapsulated one for another home address (relay).  The
 * result for the first copy: FWD_NOT_OURS means no binding has its destination. */
static enum ha_fwd_result to_core(struct ref_ha *r, const uint8_t *ip, size_t len,
				  const struct tun_pkt *relay)
{
	uint8_t out[TC_PKT_MAX];
	struct ha_fwd_out o = { out, sizeof out, 0, 0, 0 };
	struct mip_err e = { 0 };
	enum ha_fwd_result first = FWD_OK;

	for (unsigned k = 0; k == 0 || k < o.copies; k++) {
		enum ha_fwd_result fr = relay ? ha_fwd_relay(&r->fw, relay, k, &o, &e)
					      : ha_fwd_to_mn(&r->fw, ip, len, k, &o, &e);

		if (k == 0)
			first = fr;
		if (fr != FWD_OK) {
			if (fr != FWD_NOT_OURS)
				logf_ref(r, ha_fwd_result_name(fr), &e);
			break;
		}
		ref_base_push(&r->b, TC_LINK_CORE, NULL, out, o.len);
	}
	return first;
}

static int ref_send(void *ctx, const struct tc_pkt *p, char *err, size_t errlen)
{
	struct ref_ha *r = ctx;
	struct tun_pkt t;
	struct mip_err e = { 0 };
	enum ha_fwd_result fr;

	switch (p->link) {
	case TC_LINK_SIG:
		for (int i = 0; i < REF_COUNT; i++)
			if (r->ha[i] && p->ends.dst == r->addr[i] && p->ends.dport == r->port[i])
				ha_input(r->ha[i], 0, &p->ends, p->buf, p->len);
		/* anything else is lost on the way, as on a network */
		return 0;
	case TC_LINK_CORE:
		fr = ha_fwd_from_mn(&r->fw, p->buf, p->len, &t, &e);
		if (fr != FWD_OK) {
			logf_ref(r, ha_fwd_result_name(fr), &e);
			return 0;
		}
		/* §4.2.3: to another bound home address, back down its tunnel; else onto
		 * the home network */
		if (to_core(r, NULL, 0, &t) == FWD_NOT_OURS)
			ref_base_push(&r->b, TC_LINK_HOME, NULL, t.inner_pkt,
				  t.inner_len);
		return 0;
	case TC_LINK_HOME:
		to_core(r, p->buf, p->len, NULL);
		return 0;
	default:
		snprintf(err, errlen, "the reference HA has no access link");
		return -1;
	}
}

static uint64_t next_due(const struct ref_base *b)
{
	const struct ref_ha *r = (const struct ref_ha *)b;
	uint64_t due = UINT64_MAX;

	for (int i = 0; i < REF_COUNT; i++)
		if (r->ha[i] && ha_next_due(r->ha[i]) < due)
			due = ha_next_due(r->ha[i]);
	return due;
}

static void tick(struct ref_base *b)
{
	struct ref_ha *r = (struct ref_ha *)b;

	for (int i = 0; i < REF_COUNT; i++)
		if (r->ha[i])
			ha_tick(r->ha[i]);
}

static void ref_destroy(void *ctx)
{
	struct ref_ha *r = ctx;

	for (int i = 0; i < REF_COUNT; i++)
		ha_destroy(r->ha[i]);
	ref_base_finish(&r->b);
	free(r);
}

static const struct tc_net_ops ref_ops = { ref_send, ref_base_recv, ref_base_now, ref_destroy };

/* The reference's configuration from the PIXIT and PICS. */
static int configure(struct ha_config *c, const struct params *p, struct bitset faults,
		     struct bitset variants, char *err, size_t errlen)
{
	uint16_t port;

	ha_config_defaults(c);
	params_endpoint(p, "ha", &c->addrs[0], &port);
	c->n_addrs = 1;
	if (params_pics(p, "ha.per-node-auth") && params_sa(p, "sa", &c->sa[c->n_sa]))
		c->n_sa++;
	if (params_pics(p, "ha.per-mn-auth") && params_sa(p, "mn-sa", &c->sa[c->n_sa]))
		c->n_sa++;
	c->max_lifetime = (uint16_t)params_u32(p, "ha.max-lifetime");
	c->pmip = params_pics(p, "pmip");
	c->revocation = params_pics(p, "ha.revocation");
	c->gre = params_pics(p, "ha.gre-key");
	c->reverse_tunnel = params_pics(p, "ha.reverse-tunnel");
	c->no_nai = !params_pics(p, "ha.nai");
	c->disallow[c->n_disallow++] = params_addr(p, "ha.pma-denied");
	c->faults = faults;
	c->variants = variants;
	if (!params_pics(p, "ha.revoke-on-handover")) /* RFC 5563 §4.1.4's MAY not taken */
		bitset_add(&c->variants, HA_VAR_NO_REVOCATION);
	if (params_pics(p, "ha.dynamic-hoa")) {
		c->pool = pool_create(params_str(p, "ha.pool"), err, errlen);
		if (!c->pool)
			return -1;
	}
	return 0;
}

static int add_ha(struct ref_ha *r, int i, const struct ha_config *cfg)
{
	struct ha_listener l = { r->addr[i], r->port[i], { &ref_base_sig_ops, r } };

	r->ha[i] = ha_create(cfg, &r->b.clk);
	if (!r->ha[i])
		return -1;
	ha_set_log(r->ha[i], ha_log, r, HA_LOG_INFO);
	return ha_add_listener(r->ha[i], &l) < 0 ? -1 : 0;
}

int net_ref_ha_create(struct tc_net *n, const struct params *p, struct bitset faults,
		      struct bitset variants, tc_log_fn log, void *log_arg, char *err, size_t errlen)
{
	struct ref_ha *r = calloc(1, sizeof *r);
	struct ha_config cfg;

	if (!r) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	ref_base_init(&r->b, log, log_arg, next_due, tick);
	params_endpoint(p, "ha", &r->addr[REF_MAIN], &r->port[REF_MAIN]);
	if (configure(&cfg, p, faults, variants, err, errlen) || add_ha(r, REF_MAIN, &cfg))
		goto fail;
	ha_fwd_init(&r->fw, r->ha[REF_MAIN]);
	if (params_text(p, PARAM_PIXIT, "ha.pmip-off")) {
		params_endpoint(p, "ha.pmip-off", &r->addr[REF_PMIP_OFF], &r->port[REF_PMIP_OFF]);
		if (configure(&cfg, p, faults, variants, err, errlen))
			goto fail;
		cfg.addrs[0] = r->addr[REF_PMIP_OFF];
		cfg.pmip = false;
		if (add_ha(r, REF_PMIP_OFF, &cfg))
			goto fail;
	}
	*n = (struct tc_net){ &ref_ops, r,
			      TC_CAP(TC_LINK_SIG) | TC_CAP(TC_LINK_CORE) | TC_CAP(TC_LINK_HOME) |
				      TC_CAP_VIRTUAL_TIME | TC_CAP_FAULTS,
			      "the reference HA" };
	return 0;
fail:
	if (!err[0])
		snprintf(err, errlen, "cannot start the reference HA (out of memory)");
	ref_destroy(r);
	return -1;
}

struct ha *net_ref_ha_agent(const struct tc_net *n, struct ha_fwd **fw)
{
	struct ref_ha *r = n->ops == &ref_ops ? n->ctx : NULL;

	if (fw)
		*fw = r ? &r->fw : NULL;
	return r ? r->ha[REF_MAIN] : NULL;
}
