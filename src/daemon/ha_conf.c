/* ha_conf.c — the settings of `pmip4ct ha`: its table, its own setters and what is
 * resolved after all settings; conf.c reads the table and has the shared statements.
 */
#include "ha_conf.h"

#include <string.h>

#include <arpa/inet.h>

#include "pool.h"
#include "txt.h"

static int set_listen(void *obj, const char *v, char *err, size_t errlen)
{
	struct ha_conf *c = obj;
	char addr[INET_ADDRSTRLEN];
	const char *colon = strchr(v, ':');
	size_t n = colon ? (size_t)(colon - v) : strlen(v);
	struct ha_conf_listen *l = &c->listen[c->n_listen];
	uint64_t port = HA_CONF_PORT;

	if (c->n_listen == HA_LISTEN_MAX)
		return settings_fail(err, errlen, "at most %d listen addresses", HA_LISTEN_MAX);
	if (n >= sizeof addr)
		return settings_fail(err, errlen, "expected ADDR[:PORT]");
	memcpy(addr, v, n);
	addr[n] = '\0';
	if (settings_addr(addr, &l->addr) < 0)
		return settings_fail(err, errlen, "expected ADDR[:PORT] with an IPv4 address");
	if (colon && txt_u64(colon + 1, strlen(colon + 1), 65535, &port, NULL) < 0)
		return settings_fail(err, errlen, "expected a port 0-65535 after ':'");
	l->port = (uint16_t)port;
	c->n_listen++;
	return 0;
}

static int set_ha_addr(void *obj, const char *v, char *err, size_t errlen)
{
	struct ha_conf *c = obj;
	uint32_t a;

	if (settings_addr(v, &a) < 0 || a == 0 || a == UINT32_MAX)
		return settings_fail(err, errlen, "expected a unicast IPv4 address");
	if (c->n_ha_addr == HA_ADDR_MAX)
		return settings_fail(err, errlen, "at most %d HA addresses", HA_ADDR_MAX);
	c->ha_addr[c->n_ha_addr++] = a;
	return 0;
}

static int set_sa(void *obj, const char *v, char *err, size_t errlen)
{
	struct ha_conf *c = obj;
	if (c->cfg.n_sa == HA_SA_MAX)
		return settings_fail(err, errlen, "at most %d security associations", HA_SA_MAX);
	if (auth_sa_parse(v, &c->cfg.sa[c->cfg.n_sa], err, errlen) < 0)
		return -1;
	c->cfg.n_sa++;
	return 0;
}

static int set_pool(void *obj, const char *v, char *err, size_t errlen)
{
	struct ha_conf *c = obj;
	char why[200];
	struct pool *p = pool_create(v, why, sizeof why);

	if (!p)
		return settings_fail(err, errlen, "bad CIDR: %s", why);
	pool_destroy(c->cfg.pool);
	c->cfg.pool = p;
	return 0;
}

CONF_NUM(struct ha_conf, set_max_lifetime, cfg.max_lifetime, 1, 65535)

CONF_FIELD(struct ha_conf, set_pmip, cfg.pmip, settings_onoff)

static int set_disallow(void *obj, const char *v, char *err, size_t errlen)
{
	struct ha_config *c = &((struct ha_conf *)obj)->cfg;

	return conf_add_addr(c->disallow, &c->n_disallow, HA_DISALLOW_MAX, "disallowed PMAs", v,
			     err, errlen);
}

CONF_FIELD(struct ha_conf, set_revocation, cfg.revocation, settings_onoff)

CONF_FIELD(struct ha_conf, set_revocation_inform, cfg.revocation_inform, settings_onoff)

CONF_FIELD(struct ha_conf, set_gre, cfg.gre, settings_onoff)

static int set_reverse_tunnel(void *obj, const char *v, char *err, size_t errlen)
{
	struct ha_conf *c = obj;
	if (!strcmp(v, "required")) {
		c->cfg.reverse_tunnel = true;
		c->cfg.require_t = true;
		return 0;
	}
	if (settings_onoff(v, &c->cfg.reverse_tunnel, NULL, 0) < 0)
		return settings_fail(err, errlen, "expected on, off or required");
	c->cfg.require_t = false;
	return 0;
}

static int set_simultaneous(void *obj, const char *v, char *err, size_t errlen)
{
	struct ha_conf *c = obj;
	uint64_t n;

	if (settings_num(v, 0, 255, &n, err, errlen) < 0)
		return -1;
	c->cfg.simultaneous = n > 0;
	if (n > 0)
		c->cfg.max_simultaneous = (unsigned)n;
	return 0;
}

CONF_FIELD(struct ha_conf, set_redirect, cfg.redirect_to, settings_addr_or_none)

CONF_FIELD(struct ha_conf, set_home_bcast, cfg.home_bcast, settings_addr_or_none)

static int set_ident(void *obj, const char *v, char *err, size_t errlen)
{
	struct ha_conf *c = obj;
	if (!strcmp(v, "timestamp"))
		c->cfg.ident_mode = HA_IDENT_TIMESTAMP;
	else if (!strcmp(v, "nonce"))
		c->cfg.ident_mode = HA_IDENT_NONCE;
	else if (!strcmp(v, "seq-ext"))
		c->cfg.ident_mode = HA_IDENT_SEQEXT;
	else
		return settings_fail(err, errlen, "expected timestamp, nonce or seq-ext");
	return 0;
}

CONF_NUM(struct ha_conf, set_window, cfg.ident_window_ms, 1, 86400000)

static int set_tun(void *obj, const char *v, char *err, size_t errlen)
{
	struct ha_conf *c = obj;

	return settings_ifname(v, c->tun, sizeof c->tun, err, errlen);
}

/* Applied by resolve, once the last --pool is known. */
static int set_reserve(void *obj, const char *v, char *err, size_t errlen)
{
	struct ha_conf *c = obj;

	return conf_add_addr(c->reserve, &c->n_reserve, HA_CONF_RESERVE_MAX,
			     "reserved addresses", v, err, errlen);
}

/* The usage's lines under "usage: pmip4ct ha [options]". */
static const char intro[] =
	"  the reference Home Agent, in the foreground; options and the statements\n"
	"  of FILE (NAME VALUE, one per line) apply in the order given\n";

static const struct setting rows[] = {
	{ "listen", "ADDR[:PORT]",
	  "listen here (repeatable; default 0.0.0.0:434)", true, set_listen, NULL },
	{ "ha-addr", "ADDR", "one more address of the HA's own (repeatable)",
	  true, set_ha_addr, NULL },
	{ "sa", "SPEC", "a security association (repeatable; see SA SPECIFICATION)",
	  true, set_sa, NULL },
	{ "pool", "CIDR", "home addresses for requests of 0.0.0.0", false, set_pool, NULL },
	{ "reserve", "ADDR",
	  "never assign ADDR, e.g. the PMA's gateway (repeatable)", true, set_reserve, NULL },
	{ "max-lifetime", "S",
	  "longest lifetime granted, 1-65535 (1800)", false, set_max_lifetime, NULL },
	{ "pmip", "on|off", "Proxy Mobile IPv4, RFC 5563; off answers 149 (on)",
	  false, set_pmip, NULL },
	{ "disallow", "ADDR", "refuse this PMA with 150 (repeatable)", true, set_disallow, NULL },
	{ "revocation", "on|off", "registration revocation, RFC 3543 (on)",
	  false, set_revocation, NULL },
	{ "revocation-inform", "on|off",
	  "ask for the I bit in revocations (off)", false, set_revocation_inform, NULL },
	{ "gre", "on|off",
	  "GRE encapsulation and RFC 6245 keys; off answers 139 (on)", false, set_gre, NULL },
	{ "reverse-tunnel", "on|off|required",
	  "RFC 3024; off answers 137, required 138 (on)", false, set_reverse_tunnel, NULL },
	{ "simultaneous", "N", "care-of addresses per node with the S bit; 0 = off, answers 1 (0)",
	  false, set_simultaneous, NULL },
	{ "redirect", "ADDR",
	  "RFC 4433: answer HA 0.0.0.0 with 143 and ADDR", false, set_redirect, NULL },
	{ "home-bcast", "ADDR",
	  "broadcast address of the home network (136)", false, set_home_bcast, NULL },
	{ "ident", "timestamp|nonce|seq-ext",
	  "Identification policy (timestamp)", false, set_ident, NULL },
	{ "window", "MS", "Identification window, 1-86400000 ms (7000)", false, set_window, NULL },
	CONF_FAULT_ROW,
	CONF_VARIANT_ROW,
	{ "tun", "NAME",
	  "data plane: a TUN device NAME for the home network (none)", false, set_tun, NULL },
	CONF_LOG_ROW,
	CONF_USER_ROW,
};

/* ---- after all settings ---- */

static int add_own_addr(struct ha_config *cfg, uint32_t a, char *err, size_t errlen)
{
	for (unsigned i = 0; i < cfg->n_addrs; i++)
		if (cfg->addrs[i] == a)
			return 0;
	if (cfg->n_addrs == HA_ADDR_MAX)
		return settings_fail(err, errlen, "more than %d HA addresses (--listen, --ha-addr)",
				     HA_ADDR_MAX);
	cfg->addrs[cfg->n_addrs++] = a;
	return 0;
}

/* --reserve, into the last --pool. */
static int reserve_all(struct ha_conf *c, char *err, size_t errlen)
{
	for (unsigned i = 0; i < c->n_reserve; i++)
		if (!c->cfg.pool || pool_reserve(c->cfg.pool, c->reserve[i]) < 0)
			return settings_fail(err, errlen, "reserve: %s is outside the pool",
					     txt_ip4(c->reserve[i]).s);
	return 0;
}

static int resolve(struct conf *base, char *err, size_t errlen)
{
	struct ha_conf *c = (struct ha_conf *)base;

	if (c->n_listen == 0) {
		c->listen[0] = (struct ha_conf_listen){ 0, HA_CONF_PORT };
		c->n_listen = 1;
	}
	c->cfg.n_addrs = 0;
	for (unsigned i = 0; i < c->n_listen; i++)
		if (c->listen[i].addr && add_own_addr(&c->cfg, c->listen[i].addr, err, errlen))
			return -1;
	for (unsigned i = 0; i < c->n_ha_addr; i++)
		if (add_own_addr(&c->cfg, c->ha_addr[i], err, errlen) < 0)
			return -1;
	return reserve_all(c, err, errlen);
}

/* ---- the HA's table ---- */

static void finish(struct conf *base)
{
	struct ha_conf *c = (struct ha_conf *)base;

	pool_destroy(c->cfg.pool);
	c->cfg.pool = NULL;
}

static const struct conf_agent agent = {
	.table = CONF_TABLE("pmip4ct ha", intro, rows),
	.faults = CONF_FAULTS(struct ha_conf, ha_fault_names),
	.variants = CONF_VARIANTS(struct ha_conf, ha_variant_names), .resolve = resolve, .finish = finish,
};

_Static_assert((int)CONF_LOG_DEBUG == HA_LOG_DEBUG && (int)CONF_LOG_WARN == HA_LOG_WARN,
	       "--log gives the HA's levels");

void ha_conf_init(struct ha_conf *c)
{
	conf_init(&c->base, sizeof *c, &agent);
	ha_config_defaults(&c->cfg);
}

struct pool *ha_conf_take_pool(struct ha_conf *c)
{
	struct pool *p = c->cfg.pool;

	c->cfg.pool = NULL;
	return p;
}
