/* ha_conf.c — the settings of `pmip4ct ha`: their table and setters; settings.c reads it
 * as command-line options and as the statements of a configuration file, in order.
 */
#include "ha_conf.h"

#include <string.h>

#include <arpa/inet.h>

#include "dump_util.h"
#include "pool.h"
#include "settings.h"
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

static int set_max_lifetime(void *obj, const char *v, char *err, size_t errlen)
{
	struct ha_conf *c = obj;
	uint64_t n;

	if (settings_num(v, 1, 65535, &n, err, errlen) < 0)
		return -1;
	c->cfg.max_lifetime = (uint16_t)n;
	return 0;
}

static int set_pmip(void *obj, const char *v, char *err, size_t errlen)
{
	struct ha_conf *c = obj;
	return settings_onoff(v, &c->cfg.pmip, err, errlen);
}

static int set_disallow(void *obj, const char *v, char *err, size_t errlen)
{
	struct ha_conf *c = obj;
	if (c->cfg.n_disallow == HA_DISALLOW_MAX)
		return settings_fail(err, errlen, "at most %d disallowed PMAs", HA_DISALLOW_MAX);
	if (settings_addr(v, &c->cfg.disallow[c->cfg.n_disallow]) < 0)
		return settings_fail(err, errlen, "expected an IPv4 address");
	c->cfg.n_disallow++;
	return 0;
}

static int set_revocation(void *obj, const char *v, char *err, size_t errlen)
{
	struct ha_conf *c = obj;
	return settings_onoff(v, &c->cfg.revocation, err, errlen);
}

static int set_revocation_inform(void *obj, const char *v, char *err, size_t errlen)
{
	struct ha_conf *c = obj;
	return settings_onoff(v, &c->cfg.revocation_inform, err, errlen);
}

static int set_gre(void *obj, const char *v, char *err, size_t errlen)
{
	struct ha_conf *c = obj;
	return settings_onoff(v, &c->cfg.gre, err, errlen);
}

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

static int set_redirect(void *obj, const char *v, char *err, size_t errlen)
{
	struct ha_conf *c = obj;
	return settings_addr_or_none(v, &c->cfg.redirect_to, err, errlen);
}

static int set_home_bcast(void *obj, const char *v, char *err, size_t errlen)
{
	struct ha_conf *c = obj;
	return settings_addr_or_none(v, &c->cfg.home_bcast, err, errlen);
}

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

static int set_window(void *obj, const char *v, char *err, size_t errlen)
{
	struct ha_conf *c = obj;
	uint64_t n;

	if (settings_num(v, 1, 86400000, &n, err, errlen) < 0)
		return -1;
	c->cfg.ident_window_ms = (uint32_t)n;
	return 0;
}

static int set_fault(void *obj, const char *v, char *err, size_t errlen)
{
	struct ha_conf *c = obj;

	return settings_fault(&ha_fault_names, v, &c->cfg.faults, &c->fault_list, err, errlen);
}

static int set_log(void *obj, const char *v, char *err, size_t errlen)
{
	struct ha_conf *c = obj;
	int level;

	if (settings_level(v, &level, err, errlen) < 0)
		return -1;
	c->log = (enum ha_log_level)level;
	return 0;
}

static int set_tun(void *obj, const char *v, char *err, size_t errlen)
{
	struct ha_conf *c = obj;

	return settings_ifname(v, c->tun, sizeof c->tun, err, errlen);
}

/* Applied by ha_conf_resolve, once the last --pool is known. */
static int set_reserve(void *obj, const char *v, char *err, size_t errlen)
{
	struct ha_conf *c = obj;

	if (c->n_reserve == HA_CONF_RESERVE_MAX)
		return settings_fail(err, errlen, "at most %d reserved addresses",
				     HA_CONF_RESERVE_MAX);
	if (settings_addr(v, &c->reserve[c->n_reserve]) < 0)
		return settings_fail(err, errlen, "expected an IPv4 address");
	c->n_reserve++;
	return 0;
}

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
	{ "fault", "NAME",
	  "break one behaviour on purpose (repeatable; 'list')", true, set_fault, "list" },
	{ "tun", "NAME",
	  "data plane: a TUN device NAME for the home network (none)", false, set_tun, NULL },
	{ "log", "debug|info|warn", "least level logged (info)", false, set_log, NULL },
};

static const struct settings table = {
	"pmip4ct ha",
	"  the reference Home Agent, in the foreground; options and the statements\n"
	"  of FILE (NAME VALUE, one per line) apply in the order given\n",
	rows, sizeof rows / sizeof rows[0],
};

const char *ha_conf_suggest(const char *name)
{
	return settings_suggest(&table, name);
}

void ha_conf_init(struct ha_conf *c)
{
	memset(c, 0, sizeof *c);
	ha_config_defaults(&c->cfg);
	c->log = HA_LOG_INFO;
}

void ha_conf_finish(struct ha_conf *c)
{
	pool_destroy(c->cfg.pool);
	c->cfg.pool = NULL;
}

struct pool *ha_conf_take_pool(struct ha_conf *c)
{
	struct pool *p = c->cfg.pool;

	c->cfg.pool = NULL;
	return p;
}

int ha_conf_set(struct ha_conf *c, const char *name, const char *value, char *err,
		size_t errlen)
{
	return settings_set(&table, c, name, value, err, errlen);
}

int ha_conf_text(struct ha_conf *c, const char *file, const char *buf, size_t len, char *err,
		 size_t errlen)
{
	return settings_text(&table, c, file, buf, len, err, errlen);
}

int ha_conf_file(struct ha_conf *c, const char *path, char *err, size_t errlen)
{
	return settings_file(&table, c, path, err, errlen);
}

int ha_conf_args(struct ha_conf *c, int argc, char **argv, char *err, size_t errlen)
{
	return settings_args(&table, c, argc, argv, &c->help, err, errlen);
}

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
	char ip[DUMP_IP_LEN];

	for (unsigned i = 0; i < c->n_reserve; i++)
		if (!c->cfg.pool || pool_reserve(c->cfg.pool, c->reserve[i]) < 0)
			return settings_fail(err, errlen, "reserve: %s is outside the pool",
					     dump_ip(c->reserve[i], ip));
	return 0;
}

int ha_conf_resolve(struct ha_conf *c, char *err, size_t errlen)
{
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

/* ---- listings ---- */

void ha_conf_fault_list(FILE *f)
{
	settings_fault_list(&ha_fault_names, f);
}

void ha_conf_usage(FILE *f)
{
	settings_usage(&table, f);
}
