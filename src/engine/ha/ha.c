/* ha.c — the reference Home Agent's lifecycle, message dispatch, security-association
 * look-up, binding expiry (RFC 5944 §3.8.2.2: after the lifetime the entry is deleted
 * and no reply is sent, §3.8) and logging.  Registration requests are in ha_rrq.c,
 * revocation in ha_rev.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "ha_priv.h"
#include "ident.h"
#include "pool.h"
#include "txt.h"

void ha_config_defaults(struct ha_config *c)
{
	memset(c, 0, sizeof *c);
	c->max_lifetime = 1800;
	c->pmip = true;
	c->revocation = true;
	c->rev_initial_ms = 1000;
	c->gre = true;
	c->reverse_tunnel = true;
	c->max_simultaneous = 4;
	c->ident_mode = HA_IDENT_TIMESTAMP;
	c->ident_window_ms = 7000; /* RFC 5944 §5.7: a default of 7 s MAY be used */
}

struct ha *ha_create(const struct ha_config *cfg, const struct clk *clk)
{
	struct ha *ha = calloc(1, sizeof *ha);

	if (!ha)
		return NULL;
	ha->cfg = *cfg;
	ha->clk = clk;
	timers_init(&ha->timers);
	ha->bnd = bnd_create(1024);
	if (!ha->bnd) {
		free(ha);
		return NULL;
	}
	for (unsigned i = 0; i < cfg->n_addrs && cfg->pool; i++)
		pool_reserve(cfg->pool, cfg->addrs[i]); /* never hand out the HA's address */
	if (RAND_bytes(ha->nonce_key, sizeof ha->nonce_key) != 1)
		for (unsigned i = 0; i < sizeof ha->nonce_key; i++)
			ha->nonce_key[i] = (uint8_t)clk->rand32(clk->ctx);
	ha->gre_next = 0x1000 + (clk->rand32(clk->ctx) & 0xffff);
	ha->log_min = HA_LOG_INFO;
	loglimit_init(&ha->loglim);
	return ha;
}

static int free_binding(struct bnd *b, void *arg)
{
	struct ha *ha = arg;

	if (b->flags & BND_POOL && ha->cfg.pool)
		pool_free(ha->cfg.pool, b->hoa);
	return 0;
}

void ha_destroy(struct ha *ha)
{
	if (!ha)
		return;
	ha_rev_destroy_all(ha);
	timers_finish(&ha->timers); /* before the bindings its timers live in */
	bnd_foreach(ha->bnd, free_binding, ha);
	bnd_destroy(ha->bnd);
	pool_destroy(ha->cfg.pool);
	free(ha);
}

int ha_add_listener(struct ha *ha, const struct ha_listener *l)
{
	if (ha->n_lis >= HA_LISTEN_MAX)
		return -1;
	ha->lis[ha->n_lis++] = *l;
	return 0;
}

void ha_set_log(struct ha *ha, ha_log_fn fn, void *arg, enum ha_log_level min)
{
	ha->log = fn;
	ha->log_arg = arg;
	ha->log_min = min;
}

__attribute__((format(printf, 4, 0)))
static void ha_vlogf(struct ha *ha, enum ha_log_level lvl, uint64_t suppressed,
		     const char *fmt, va_list ap)
{
	char msg[512];
	int n = vsnprintf(msg, sizeof msg, fmt, ap);

	if (suppressed && n >= 0 && (size_t)n < sizeof msg)
		snprintf(msg + n, sizeof msg - (size_t)n, " (%llu similar lines suppressed)",
			 (unsigned long long)suppressed);
	ha->log(ha->log_arg, lvl, msg);
}

void ha_logf(struct ha *ha, enum ha_log_level lvl, const char *fmt, ...)
{
	va_list ap;

	if (!ha_log_on(ha, lvl))
		return;
	va_start(ap, fmt);
	ha_vlogf(ha, lvl, 0, fmt, ap);
	va_end(ap);
}

void ha_logf_peer(struct ha *ha, enum ha_log_level lvl, const void *reason, uint32_t peer,
		  const char *fmt, ...)
{
	uint64_t suppressed = 0;
	va_list ap;

	if (!ha_log_on(ha, lvl))
		return;
	if (!loglimit_pass(&ha->loglim, (uintptr_t)reason, peer, ha_now(ha), &suppressed)) {
		ha->ctr.log_suppressed++;
		return;
	}
	va_start(ap, fmt);
	ha_vlogf(ha, lvl, suppressed, fmt, ap);
	va_end(ap);
}

static const char *const drop_names[HA_DROP_COUNT] = {
	[HA_DROP_MALFORMED] = "malformed",
	[HA_DROP_UNKNOWN_NONSKIP] = "unknown non-skippable extension (RFC 5944 §1.8)",
	[HA_DROP_NO_AUTH] = "no authorization-enabling extension (RFC 5944 §3.8.2.1 a)",
	[HA_DROP_NO_SA] = "no security association (RFC 5944 §3.8.2.1 a, d)",
	[HA_DROP_BAD_REVOCATION] = "revocation not valid (RFC 3543 §3.5, §6.2)",
	[HA_DROP_NOT_FOR_HA] = "message type not for a home agent",
	[HA_DROP_DENIED] = "denied without a reply (RFC 5944 §3.8.2.1 a, c; §3.8.2.3)",
};

void ha_drop(struct ha *ha, enum ha_drop why, const struct udp_ends *e, const char *detail)
{
	ha->ctr.drop[why]++;
	ha_logf_peer(ha, HA_LOG_INFO, drop_names[why], e->src, "discard from %s:%u: %s%s%s",
		     txt_ip4(e->src).s, e->sport, drop_names[why], detail ? ": " : "",
		     detail ? detail : "");
}

static bool nai_eq(const struct mip_sa *sa, const uint8_t *nai, size_t len)
{
	return nai && strlen(sa->nai) == len && !memcmp(sa->nai, nai, len);
}

const struct mip_sa *ha_sa_find(const struct ha *ha, enum auth_kind kind, uint32_t spi,
				const uint8_t *nai, size_t nai_len, uint32_t hoa, uint32_t peer)
{
	for (unsigned i = 0; i < ha->cfg.n_sa; i++) {
		const struct mip_sa *sa = &ha->cfg.sa[i];

		if (sa->kind != kind || sa->spi != spi)
			continue;
		switch (sa->match) {
		case AUTH_MATCH_ANY:
			return sa;
		case AUTH_MATCH_NAI:
			if (nai_eq(sa, nai, nai_len))
				return sa;
			break;
		case AUTH_MATCH_PEER: /* FA-HA: the sender; MN-HA: the home address */
			if (sa->peer == (kind == AUTH_KIND_FAHA ? peer : hoa))
				return sa;
			break;
		}
	}
	return NULL;
}

const struct mip_sa *ha_fa_sa(const struct ha *ha, uint32_t peer)
{
	for (unsigned i = 0; i < ha->cfg.n_sa; i++) {
		const struct mip_sa *sa = &ha->cfg.sa[i];

		if (sa->kind == AUTH_KIND_FAHA &&
		    (sa->match == AUTH_MATCH_ANY || (sa->match == AUTH_MATCH_PEER && sa->peer == peer)))
			return sa;
	}
	return NULL;
}

bool ha_is_own_addr(const struct ha *ha, uint32_t a)
{
	for (unsigned i = 0; i < ha->cfg.n_addrs; i++)
		if (ha->cfg.addrs[i] == a)
			return true;
	return false;
}

void ha_send(struct ha *ha, unsigned li, uint32_t dst, uint16_t dport, struct mip_msg *m,
	     const struct rrq *r)
{
	struct udp_ends e = { ha->lis[li].addr, dst, ha->lis[li].port, dport };
	struct mip_err err;
	size_t n;

	if (!bitset_empty(&ha->cfg.faults))
		ha_mutate(ha, m, r);
	if (mip_encode(m, ha->buf, sizeof ha->buf, &n, &err) < 0) {
		char why[200];

		ha_logf(ha, HA_LOG_WARN, "cannot encode a reply: %s",
			mip_err_str(&err, why, sizeof why));
		return;
	}
	if (io_send(&ha->lis[li].io, &e, ha->buf, n) == 0)
		ha->ctr.tx[m->type]++;
}

uint64_t ha_next_due(const struct ha *ha)
{
	return timers_next(&ha->timers);
}

void ha_tick(struct ha *ha)
{
	timers_run(&ha->timers, ha_now(ha), ha);
}

void ha_input(struct ha *ha, unsigned li, const struct udp_ends *e, const uint8_t *buf,
	      size_t len)
{
	struct mip_err err;
	int rc;

	if (li >= ha->n_lis || len == 0 || ha->wedged)
		return;
	ha->ctr.rx[buf[0]]++;
	switch (buf[0]) {
	case MIP_RRQ:
		rc = mip_decode(buf, len, &ha->in, &err);
		ha_rrq(ha, li, e, buf, len, rc == 0 ? 0 : (len >= MIP_RRQ_LEN ? 1 : 2));
		ha->wedged = rc && ha_fault(ha, HA_FAULT_WEDGE_ON_MALFORMED);
		break;
	case MIP_REV:
		ha_rev_input(ha, li, e, buf, len);
		break;
	case MIP_REVACK:
		ha_rev_ack_input(ha, li, e, buf, len);
		break;
	default:
		ha_drop(ha, HA_DROP_NOT_FOR_HA, e, NULL);
		ha->wedged = ha_fault(ha, HA_FAULT_WEDGE_ON_MALFORMED);
	}
}

const struct ha_counters *ha_counters(const struct ha *ha)
{
	return &ha->ctr;
}

const struct ha_config *ha_config(const struct ha *ha)
{
	return &ha->cfg;
}

const struct bnd_table *ha_bindings(const struct ha *ha)
{
	return ha->bnd;
}

unsigned ha_pending_revocations(const struct ha *ha)
{
	return ha->n_revs;
}

uint64_t ha_now_ntp(const struct ha *ha)
{
	return ident_ntp_from_ns(ha_now(ha));
}
