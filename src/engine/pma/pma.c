/* pma.c — the reference PMA's lifecycle, sessions, input and timers (RFC 5563 §4.1, §7;
 * RFC 5944 §3.6.2.1: a reply is matched on the low 32 bits of its Identification and its
 * authenticator, else silently discarded).
 *
 * Sessions live in a small hash keyed by MAC (a PMA serves at most thousands of devices);
 * the state machine is pma_fsm.c, the requests pma_req.c, revocation (RFC 3543) both
 * ways pma_rev.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "ident.h"
#include "pma_priv.h"
#include "txt.h"

/* The PMA's clock as the HA sees it: the real one plus the offset a 133 taught us. */
static uint64_t adj_now(void *ctx)
{
	const struct pma *p = ctx;

	return clk_now_ns(p->clk) + (uint64_t)p->offset_ns;
}

static uint32_t adj_rand(void *ctx)
{
	const struct pma *p = ctx;

	return p->clk->rand32(p->clk->ctx);
}

void pma_config_defaults(struct pma_config *c)
{
	memset(c, 0, sizeof *c);
	c->port = MIP_PORT;
	c->ha_port = MIP_PORT;
	c->sa.kind = AUTH_KIND_FAHA;
	c->lifetime = 1800;
	c->renew_pct = 75;
	c->retrans_ms = 1000;
	c->max_tries = 6;
	c->reverse_tunnel = true; /* RFC 5563 §4.2: the tunnel is bidirectional */
	c->revocation = true;
	c->send_devid = true;
}

struct pma *pma_create(const struct pma_config *cfg, const struct clk *clk, struct io io)
{
	struct pma *p = calloc(1, sizeof *p);

	if (!p)
		return NULL;
	p->cfg = *cfg;
	if (p->cfg.retrans_ms < 1000)
		p->cfg.retrans_ms = 1000; /* RFC 5944 §3.6.3: at least one second */
	if (p->cfg.renew_pct == 0 || p->cfg.renew_pct > 100)
		p->cfg.renew_pct = 75;
	if (p->cfg.max_tries == 0)
		p->cfg.max_tries = 1;
	p->clk = clk;
	p->adj = (struct clk){ adj_now, adj_rand, p };
	p->io = io;
	timers_init(&p->timers);
	p->gre_next = 0x10000 + (clk->rand32(clk->ctx) & 0xffff);
	return p;
}

void pma_destroy(struct pma *p)
{
	if (!p)
		return;
	for (unsigned i = 0; i < PMA_BUCKETS; i++)
		while (p->bucket[i])
			pma_sess_free(p, p->bucket[i]);
	timers_finish(&p->timers);
	free(p);
}

void pma_set_hooks(struct pma *p, const struct pma_hooks *h)
{
	if (h)
		p->hooks = *h;
	else
		memset(&p->hooks, 0, sizeof p->hooks);
}

void pma_set_log(struct pma *p, pma_log_fn fn, void *arg)
{
	p->log = fn;
	p->log_arg = arg;
}

void pma_logf(struct pma *p, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (!p->log)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	p->log(p->log_arg, msg);
}

/* Sessions */

static unsigned mac_hash(const uint8_t mac[6])
{
	uint32_t h = 2166136261u; /* FNV-1a */

	for (int i = 0; i < 6; i++)
		h = (h ^ mac[i]) * 16777619u;
	return h % PMA_BUCKETS;
}

struct pma_sess *pma_sess_find(const struct pma *p, const uint8_t mac[6])
{
	for (struct pma_sess *s = p->bucket[mac_hash(mac)]; s; s = s->next)
		if (!memcmp(s->dev.mac, mac, 6))
			return s;
	return NULL;
}

struct pma_sess *pma_sess_by_hoa(const struct pma *p, uint32_t hoa)
{
	for (unsigned i = 0; hoa && i < PMA_BUCKETS; i++)
		for (struct pma_sess *s = p->bucket[i]; s; s = s->next)
			if (s->hoa == hoa)
				return s;
	return NULL;
}

/* RFC 5944 §3.6.2.1: the session whose latest request the reply answers. */
static struct pma_sess *sess_by_ident(const struct pma *p, uint64_t ident)
{
	bool any = pma_fault(p, PMA_FAULT_ACCEPT_WRONG_IDENT);

	for (int pass = 0; pass < 1 + any; pass++)
		for (unsigned i = 0; i < PMA_BUCKETS; i++)
			for (struct pma_sess *s = p->bucket[i]; s; s = s->next)
				if (s->pending && (pass || ident_reply_matches(s->ident, ident)))
					return s;
	return NULL;
}

/* RFC 2794 §3: pending requests are known by NAI and Identification; a reply naming
 * another NAI does not answer this session's request. */
static bool rrp_nai_ok(const struct pma *p, const struct pma_sess *s)
{
	const struct mip_ext *x = mip_ext_find(&p->in, MIP_EXT_NAI, -1);
	size_t n = strlen(s->dev.nai);

	if (!x || !n || pma_fault(p, PMA_FAULT_IGNORE_REPLY_NAI))
		return true;
	return x->v.bytes.len == n && !memcmp(x->v.bytes.p, s->dev.nai, n);
}

const char *pma_sess_name(const struct pma_sess *s)
{
	return s->dev.nai[0] ? s->dev.nai : "(no NAI)";
}

/* The device's own HA, else the configured one.  Two HAs may hand out the same home
 * address: the GRE keys tell the tunnels apart (RFC 5563 §4.2, RFC 6245 §5). */
void pma_sess_home(const struct pma *p, struct pma_sess *s)
{
	uint32_t ha = s->dev.ha ? s->dev.ha : p->cfg.ha;
	bool discover = ha == 0 || ha == 0xffffffffu; /* RFC 5563 §4.6 */

	s->ha_field = ha;
	s->ha_dst = !discover ? ha : p->cfg.ha_dst ? p->cfg.ha_dst : 0xffffffffu;
}

void pma_arm(struct pma *p, struct timer *t, uint64_t at)
{
	if (timers_arm(&p->timers, t, at) < 0)
		pma_logf(p, "timer heap full: a session timer is lost");
}

void pma_cancel_all(struct pma *p, struct pma_sess *s)
{
	timers_cancel(&p->timers, &s->t_retx);
	timers_cancel(&p->timers, &s->t_renew);
	timers_cancel(&p->timers, &s->t_expire);
}

void pma_sess_free(struct pma *p, struct pma_sess *s)
{
	for (struct pma_sess **pp = &p->bucket[mac_hash(s->dev.mac)]; *pp; pp = &(*pp)->next)
		if (*pp == s) {
			*pp = s->next;
			break;
		}
	pma_cancel_all(p, s);
	p->n_sess--;
	free(s);
}

static void fire_retx(struct timer *t, void *arg)
{
	pma_fsm(arg, container_of(t, struct pma_sess, t_retx), PMA_E_TIMEOUT);
}

static void fire_renew(struct timer *t, void *arg)
{
	pma_fsm(arg, container_of(t, struct pma_sess, t_renew), PMA_E_RENEW);
}

static void fire_expire(struct timer *t, void *arg)
{
	pma_fsm(arg, container_of(t, struct pma_sess, t_expire), PMA_E_EXPIRED);
}

static void sess_set_dev(struct pma *p, struct pma_sess *s, const struct pma_device *dev)
{
	s->dev = *dev;
	s->dev.nai[sizeof s->dev.nai - 1] = '\0';
	s->dev.ifid[sizeof s->dev.ifid - 1] = '\0';
	s->dev.imsi[sizeof s->dev.imsi - 1] = '\0';
	if (s->dev.mn_key_len > AUTH_KEY_MAX)
		s->dev.mn_key_len = AUTH_KEY_MAX;
	s->mn_sa = p->cfg.sa; /* per-MN: the template's SPI and algorithm, the device's key */
	s->mn_sa.kind = AUTH_KIND_MNHA;
	memcpy(s->mn_sa.key, s->dev.mn_key, s->dev.mn_key_len);
	s->mn_sa.key_len = s->dev.mn_key_len;
}

static struct pma_sess *sess_add(struct pma *p, const struct pma_device *dev)
{
	struct pma_sess *s = calloc(1, sizeof *s);
	unsigned h = mac_hash(dev->mac);

	if (!s)
		return NULL;
	sess_set_dev(p, s, dev);
	timer_init(&s->t_retx, fire_retx);
	timer_init(&s->t_renew, fire_renew);
	timer_init(&s->t_expire, fire_expire);
	s->st = PMA_S_IDLE;
	pma_sess_home(p, s);
	s->gre_pma = p->gre_next++; /* the PMA-assigned key (RFC 6245 §3.1), never 0 */
	if (!p->gre_next)
		p->gre_next = 1;
	s->next = p->bucket[h];
	p->bucket[h] = s;
	p->n_sess++;
	return s;
}

int pma_attach(struct pma *p, const struct pma_device *dev)
{
	struct pma_sess *s = pma_sess_find(p, dev->mac);

	if (s)
		sess_set_dev(p, s, dev);
	else if (!(s = sess_add(p, dev)))
		return -1;
	pma_fsm(p, s, PMA_E_ATTACH);
	return 0;
}

void pma_detach(struct pma *p, const uint8_t mac[6])
{
	struct pma_sess *s = pma_sess_find(p, mac);

	if (s && !pma_fault(p, PMA_FAULT_NO_ATTACH_CHECK))
		pma_fsm(p, s, PMA_E_DETACH);
}

/* Input */

/* One line per reason and sender at most so many times a second (loglimit.h): anyone
 * can send what is discarded. */
void pma_discard(struct pma *p, const char *why)
{
	uint64_t suppressed = 0;

	p->ctr.dropped++;
	if (!p->log)
		return;
	if (!loglimit_pass(&p->loglim, (uintptr_t)why, p->in_src, pma_now(p), &suppressed))
		p->ctr.log_suppressed++;
	else if (suppressed)
		pma_logf(p, "discard from %s: %s (%llu similar lines suppressed)",
			 txt_ip4(p->in_src).s, why, (unsigned long long)suppressed);
	else
		pma_logf(p, "discard from %s: %s", txt_ip4(p->in_src).s, why);
}

static enum pma_event code_event(uint8_t code)
{
	if (code <= 1)
		return PMA_E_ACCEPTED;
	if (code == 133)
		return PMA_E_IDENT;
	if (code == 143)
		return PMA_E_REDIRECT;
	if (code == 149 || code == 150)
		return PMA_E_REFUSED;
	return PMA_E_DENIED;
}

/* The reply must carry a valid FA-HA (per node) or MN-HA (per MN). */
static bool rrp_auth_ok(const struct pma *p, const struct pma_sess *s, const uint8_t *buf,
			size_t len)
{
	uint8_t type = p->cfg.per_mn ? MIP_EXT_MNHA : MIP_EXT_FAHA;
	const struct mip_sa *sa = p->cfg.per_mn ? &s->mn_sa : &p->cfg.sa;
	const struct mip_ext *x = mip_ext_find(&p->in, type, -1);

	if (x && pma_fault(p, PMA_FAULT_ACCEPT_BAD_AUTH_REPLY))
		return true;
	return x && auth_verify(buf, len, x, sa) == AUTH_VALID;
}

static void rrp_input(struct pma *p, const uint8_t *buf, size_t len)
{
	struct pma_sess *s = sess_by_ident(p, p->in.ident);

	if (!s) {
		pma_discard(p, "reply matches no pending request (RFC 5944 §3.6.2.1)");
		return;
	}
	if (!rrp_auth_ok(p, s, buf, len)) {
		pma_discard(p, "reply without a valid authenticator (RFC 5944 §3.6.2.1)");
		return;
	}
	if (!rrp_nai_ok(p, s)) {
		pma_discard(p, "reply for another NAI (RFC 2794 §3)");
		return;
	}
	p->ctr.code[p->in.code]++;
	s->last_code = p->in.code;
	s->pending = false;
	pma_fsm(p, s, code_event(p->in.code));
}

void pma_input(struct pma *p, const struct udp_ends *ends, const uint8_t *buf, size_t len)
{
	struct mip_err err;

	if (len == 0 || p->deaf)
		return;
	p->in_src = ends->src;
	p->ctr.rx[buf[0]]++;
	if (mip_decode(buf, len, &p->in, &err) < 0) {
		pma_discard(p, "malformed");
		p->deaf = pma_fault(p, PMA_FAULT_DEAF_AFTER_MALFORMED);
		return;
	}
	if (p->in.nonskip_unknown >= 0 && !pma_fault(p, PMA_FAULT_ACCEPT_UNKNOWN_EXT)) {
		pma_discard(p, "unknown non-skippable extension (RFC 5944 §1.8)");
		return;
	}
	if (p->in.type == MIP_RRP)
		rrp_input(p, buf, len);
	else if (p->in.type == MIP_REV)
		pma_rev_input(p, ends, buf, len);
	else if (p->in.type == MIP_REVACK)
		pma_revack_input(p, ends, buf, len);
	else {
		pma_discard(p, "message type not for a PMA");
		p->deaf = pma_fault(p, PMA_FAULT_DEAF_AFTER_MALFORMED);
	}
}

/* Timers and views */

uint64_t pma_next_due(const struct pma *p)
{
	return timers_next(&p->timers);
}

void pma_tick(struct pma *p)
{
	timers_run(&p->timers, pma_now(p), p);
}

int pma_session(const struct pma *p, const uint8_t mac[6], struct pma_session_info *out)
{
	const struct pma_sess *s = pma_sess_find(p, mac);

	if (!s)
		return -1;
	*out = (struct pma_session_info){
		.state = s->st, .hoa = s->hoa, .ha = s->ha_field, .lifetime = s->lifetime,
		.expires = s->expires, .gre_pma = s->gre_pma, .gre_ha = s->gre_ha,
		.rev = s->rev, .tries = s->tries, .last_code = s->last_code,
	};
	return 0;
}

unsigned pma_session_count(const struct pma *p)
{
	return p->n_sess;
}

const struct pma_counters *pma_counters(const struct pma *p)
{
	return &p->ctr;
}
