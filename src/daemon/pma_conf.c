/* pma_conf.c — the settings of `pmip4ct pma`: its table, its own setters and what is
 * resolved after all settings; conf.c reads the table and has the shared statements.
 */
#include "pma_conf.h"

#include <string.h>

#include "names.h"
#include "txt.h"

#define PMA_CONF_NAI "%02x%02x%02x%02x%02x%02x@pmip4ct.example"

/* ---- the settings ---- */

static int set_addr(uint32_t *out, const char *v, bool *seen, char *err, size_t errlen)
{
	if (settings_addr(v, out) < 0)
		return settings_fail(err, errlen, "expected an IPv4 address");
	if (seen)
		*seen = true;
	return 0;
}

static int set_address(void *obj, const char *v, char *err, size_t errlen)
{
	struct pma_conf *c = obj;
	if (settings_unicast(v, &c->cfg.addr, err, errlen) < 0)
		return -1;
	c->have_addr = true;
	return 0;
}

CONF_NUM(struct pma_conf, set_port, cfg.port, 1, 65535)

/* 0.0.0.0 and 255.255.255.255 ask for dynamic HA discovery (RFC 5563 §4.6). */
static int set_ha(void *obj, const char *v, char *err, size_t errlen)
{
	struct pma_conf *c = obj;
	return set_addr(&c->cfg.ha, v, &c->have_ha, err, errlen);
}

static int set_ha_dst(void *obj, const char *v, char *err, size_t errlen)
{
	struct pma_conf *c = obj;
	return set_addr(&c->cfg.ha_dst, v, NULL, err, errlen);
}

CONF_NUM(struct pma_conf, set_ha_port, cfg.ha_port, 1, 65535)

/* RFC 5563 §4.3: the PMA authenticates with a per-node FA-HA SA. */
static int set_sa(void *obj, const char *v, char *err, size_t errlen)
{
	struct pma_conf *c = obj;
	struct mip_sa sa;

	if (auth_sa_parse(v, &sa, err, errlen) < 0)
		return -1;
	if (!sa.kind_given) /* said at start (pmad_notes) */
		sa.kind = AUTH_KIND_FAHA;
	if (sa.kind != AUTH_KIND_FAHA)
		return settings_fail(err, errlen, "the PMA's SA is per node: expected kind=fa-ha");
	c->cfg.sa = sa;
	c->have_sa = true;
	return 0;
}

static int set_access(void *obj, const char *v, char *err, size_t errlen)
{
	struct pma_conf *c = obj;

	return settings_ifname(v, c->access, sizeof c->access, err, errlen);
}

CONF_FIELD(struct pma_conf, set_gateway, link.gateway, settings_unicast)

/* MASK (contiguous) or /LEN. */
static int set_netmask(void *obj, const char *v, char *err, size_t errlen)
{
	struct pma_conf *c = obj;
	uint64_t len;
	uint32_t m;

	if (v[0] == '/') {
		if (txt_u64(v + 1, strlen(v + 1), 32, &len, NULL) < 0 || len == 0)
			return settings_fail(err, errlen, "expected /1-/32");
		c->link.netmask = len == 32 ? UINT32_MAX : ~(UINT32_MAX >> len);
		return 0;
	}
	if (settings_addr(v, &m) < 0 || m == 0 || (~m & (~m + 1)) != 0)
		return settings_fail(err, errlen, "expected a contiguous mask or /LEN");
	c->link.netmask = m;
	return 0;
}

static int set_dns(void *obj, const char *v, char *err, size_t errlen)
{
	struct pma_link_config *l = &((struct pma_conf *)obj)->link;

	return conf_add_addr(l->dns, &l->n_dns, PL_DNS_MAX, "DNS servers", v, err, errlen);
}

CONF_NUM(struct pma_conf, set_lease, link.lease_s, 1, 86400 * 365)

static int set_nai_pattern(void *obj, const char *v, char *err, size_t errlen)
{
	struct pma_conf *c = obj;
	static const uint8_t mac[6];
	char nai[128];

	if (strlen(v) >= sizeof c->nai_pattern || pma_link_nai(v, mac, nai, sizeof nai) < 0)
		return settings_fail(err, errlen,
				     "bad pattern (%%02x takes a MAC byte, %%%% is '%%')");
	memcpy(c->nai_pattern, v, strlen(v) + 1);
	return 0;
}

static int parse_mac(const char *v, size_t n, uint8_t mac[6])
{
	char buf[18];

	if (n != 17)
		return -1;
	memcpy(buf, v, n);
	buf[n] = '\0';
	return settings_mac(buf, mac);
}

/* Copy v[0..n) into out[cap]: 0, or -1 when empty or too long. */
static int copy_field(const char *v, size_t n, char *out, size_t cap)
{
	if (n == 0 || n >= cap)
		return -1;
	memcpy(out, v, n);
	out[n] = '\0';
	return 0;
}

/* The IMSI and HA of MAC,NAI,IMSI[,HA] from just after the second comma: the IMSI may
 * be empty when an HA follows (RFC 5563 §4.2: the device's own HA, which may hand out
 * the same home address as another's). */
static int parse_dev_tail(const char *v, struct pma_conf_dev *d, char *err, size_t errlen)
{
	const char *c3 = strchr(v, ',');
	size_t n = c3 ? (size_t)(c3 - v) : strlen(v);

	if ((n || !c3) && (copy_field(v, n, d->imsi, sizeof d->imsi) < 0 ||
			   strspn(d->imsi, "0123456789") != n))
		return settings_fail(err, errlen, "expected an IMSI of 1-%zu digits",
				     sizeof d->imsi - 1);
	if (c3 && settings_unicast(c3 + 1, &d->ha, err, errlen) < 0)
		return -1;
	return 0;
}

/* MAC,NAI[,IMSI[,HA]] (full) or MAC,NAI. */
static int parse_dev(const char *v, bool full, struct pma_conf_dev *d, char *err,
		     size_t errlen)
{
	const char *c1 = strchr(v, ','), *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
	const char *form = full ? "MAC,NAI[,IMSI[,HA]]" : "MAC,NAI";

	memset(d, 0, sizeof *d);
	if (!c1 || parse_mac(v, (size_t)(c1 - v), d->mac) < 0)
		return settings_fail(err, errlen, "expected %s with a MAC aa:bb:cc:dd:ee:ff", form);
	if (c2 && !full)
		return settings_fail(err, errlen, "expected %s (one comma)", form);
	if (copy_field(c1 + 1, c2 ? (size_t)(c2 - c1 - 1) : strlen(c1 + 1), d->nai,
		       sizeof d->nai) < 0)
		return settings_fail(err, errlen, "expected %s with a NAI of 1-%zu characters",
				     form, sizeof d->nai - 1);
	return c2 ? parse_dev_tail(c2 + 1, d, err, errlen) : 0;
}

/* One more of --device (full) or --attach into list[*n]. */
static int add_dev(struct pma_conf_dev *list, unsigned *n, bool full, const char *what,
		   const char *v, char *err, size_t errlen)
{
	if (*n == PMA_CONF_DEV_MAX)
		return settings_fail(err, errlen, "at most %d %s", PMA_CONF_DEV_MAX, what);
	if (parse_dev(v, full, &list[*n], err, errlen) < 0)
		return -1;
	(*n)++;
	return 0;
}

static int set_device(void *obj, const char *v, char *err, size_t errlen)
{
	struct pma_conf *c = obj;

	return add_dev(c->dev, &c->n_dev, true, "devices", v, err, errlen);
}

static int set_attach(void *obj, const char *v, char *err, size_t errlen)
{
	struct pma_conf *c = obj;

	return add_dev(c->attach, &c->n_attach, false, "attachments", v, err, errlen);
}

CONF_NUM(struct pma_conf, set_lifetime, cfg.lifetime, 1, 65534)

CONF_NUM(struct pma_conf, set_renew_pct, cfg.renew_pct, 1, 100)

/* RFC 5944 §3.6.3: at least one second. */
CONF_NUM(struct pma_conf, set_retrans_ms, cfg.retrans_ms, 1000, 3600000)

CONF_NUM(struct pma_conf, set_max_tries, cfg.max_tries, 1, 100)

CONF_FIELD(struct pma_conf, set_gre, cfg.gre, settings_onoff)

CONF_FIELD(struct pma_conf, set_revocation, cfg.revocation, settings_onoff)

CONF_FIELD(struct pma_conf, set_revocation_inform, cfg.revocation_i, settings_onoff)

/* RFC 3543 §4.2.3.1: a detach revokes the binding when revocation was negotiated. */
CONF_FIELD(struct pma_conf, set_revoke_on_detach, cfg.revoke_on_detach, settings_onoff)

CONF_FIELD(struct pma_conf, set_reverse_tunnel, cfg.reverse_tunnel, settings_onoff)

/* 147/4 Tech-Type by name (names_tech) or number; 0 = none. */
static int set_acctech(void *obj, const char *v, char *err, size_t errlen)
{
	struct pma_conf *c = obj;
	long t = name_value(&names_tech, v);
	uint64_t n;

	if (t >= 0 && t <= 255) {
		c->cfg.acctech = (uint8_t)t;
		return 0;
	}
	if (txt_u64(v, strlen(v), 255, &n, NULL) < 0)
		return settings_fail(err, errlen, "expected a Tech-Type name or a number 0-255");
	c->cfg.acctech = (uint8_t)n;
	return 0;
}

CONF_FIELD(struct pma_conf, set_devid, cfg.send_devid, settings_onoff)

CONF_FIELD(struct pma_conf, set_ifid, cfg.send_ifid, settings_onoff)

CONF_FIELD(struct pma_conf, set_subid, cfg.send_subid, settings_onoff)

/* The usage's lines under "usage: pmip4ct pma [options]". */
static const char intro[] =
	"  the reference Proxy Mobility Agent, in the foreground; options and the\n"
	"  statements of FILE (NAME VALUE, one per line) apply in the order given\n";

static const struct setting rows[] = {
	{ "address", "ADDR", "the PMA's core address: CoA, signalling and tunnels",
	  false, set_address, NULL },
	{ "port", "N", "the PMA's signalling port (434)", false, set_port, NULL },
	{ "ha", "ADDR", "the Home Agent; 0.0.0.0 or 255.255.255.255 = discovery",
	  false, set_ha, NULL },
	{ "ha-dst", "ADDR", "where requests go during discovery (broadcast)",
	  false, set_ha_dst, NULL },
	{ "ha-port", "N", "the Home Agent's port (434)", false, set_ha_port, NULL },
	{ "sa", "SPEC", "the FA-HA SA with the HA (kind=fa-ha; see SA SPECIFICATION)",
	  false, set_sa, NULL },
	{ "access", "IFNAME", "the access link (AF_PACKET); none = signalling only",
	  false, set_access, NULL },
	{ "gateway", "ADDR", "the default router presented (needed with access)",
	  false, set_gateway, NULL },
	{ "netmask", "MASK|/LEN", "the home network's mask (255.255.255.0)",
	  false, set_netmask, NULL },
	{ "dns", "ADDR", "a DNS server offered by DHCP (repeatable)", true, set_dns, NULL },
	{ "lease", "S", "DHCP lease time (3600)", false, set_lease, NULL },
	{ "nai-pattern", "PAT", "NAI of an unknown device; %02x = MAC byte",
	  false, set_nai_pattern, NULL },
	{ "device", "MAC,NAI[,IMSI[,HA]]", "a known device, at its own HA (repeatable)",
	  true, set_device, NULL },
	{ "attach", "MAC,NAI", "register this device at start-up (repeatable)",
	  true, set_attach, NULL },
	{ "lifetime", "S", "lifetime requested, 1-65534 (1800)", false, set_lifetime, NULL },
	{ "renew-pct", "N", "renew at N% of the granted lifetime (75)",
	  false, set_renew_pct, NULL },
	{ "retrans-ms", "MS", "first retransmission timeout, >= 1000 (1000)",
	  false, set_retrans_ms, NULL },
	{ "max-tries", "N", "transmissions of a request before giving up (6)",
	  false, set_max_tries, NULL },
	{ "gre", "on|off", "GRE with RFC 6245 keys; off = IP-in-IP (off)", false, set_gre, NULL },
	{ "revocation", "on|off", "registration revocation, RFC 3543 (on)",
	  false, set_revocation, NULL },
	{ "revocation-inform", "on|off", "ask for the I bit (off)",
	  false, set_revocation_inform, NULL },
	{ "revoke-on-detach", "on|off", "a detach revokes a binding with 137, RFC 3543 (off)",
	  false, set_revoke_on_detach, NULL },
	{ "reverse-tunnel", "on|off", "the T bit, RFC 3024 (on)", false, set_reverse_tunnel, NULL },
	{ "acctech", "NAME|N", "147/4 access technology; 0 = none (0)", false, set_acctech, NULL },
	{ "devid", "on|off", "send 147/2, the device's MAC (on)", false, set_devid, NULL },
	{ "ifid", "on|off", "send 147/1, the access interface (off)", false, set_ifid, NULL },
	{ "subid", "on|off", "send 147/3, the IMSI of --device (off)", false, set_subid, NULL },
	CONF_FAULT_ROW,
	CONF_VARIANT_ROW,
	CONF_LOG_ROW,
	CONF_USER_ROW,
};

/* ---- after all settings ---- */

static int resolve(struct conf *base, char *err, size_t errlen)
{
	struct pma_conf *c = (struct pma_conf *)base;

	if (!c->have_addr)
		return settings_fail(err, errlen, "--address is required");
	if (!c->have_ha)
		return settings_fail(err, errlen, "--ha is required (0.0.0.0 for discovery)");
	if (!c->have_sa)
		return settings_fail(err, errlen, "--sa is required (kind=fa-ha)");
	if (c->access[0] && !c->link.gateway)
		return settings_fail(err, errlen, "--access needs --gateway");
	c->link.core_addr = c->cfg.addr;
	c->link.nai_pattern = c->nai_pattern;
	c->link.ifid = c->cfg.send_ifid && c->access[0] ? c->access : NULL;
	return 0;
}

const char *pma_conf_imsi(const struct pma_conf *c, const uint8_t mac[6])
{
	for (unsigned i = 0; i < c->n_dev; i++)
		if (!memcmp(c->dev[i].mac, mac, 6) && c->dev[i].imsi[0])
			return c->dev[i].imsi;
	return NULL;
}

uint32_t pma_conf_dev_ha(const struct pma_conf *c, const uint8_t mac[6])
{
	for (unsigned i = 0; i < c->n_dev; i++)
		if (!memcmp(c->dev[i].mac, mac, 6) && c->dev[i].ha)
			return c->dev[i].ha;
	return 0;
}

/* ---- the PMA's table ---- */

static const struct conf_agent agent = {
	.table = CONF_TABLE("pmip4ct pma", intro, rows),
	.faults = CONF_FAULTS(struct pma_conf, pma_fault_names),
	.variants = CONF_VARIANTS(struct pma_conf, pma_variant_names), .resolve = resolve,
};

void pma_conf_init(struct pma_conf *c)
{
	conf_init(&c->base, sizeof *c, &agent);
	pma_config_defaults(&c->cfg);
	pma_link_config_defaults(&c->link);
	snprintf(c->nai_pattern, sizeof c->nai_pattern, "%s", PMA_CONF_NAI);
	c->link.nai_pattern = c->nai_pattern;
}
