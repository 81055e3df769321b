/* ha_conf.h — the settings of `pmip4ct ha` (pmip4ct(1)): the HA's own statements and
 * fields; conf.h reads them (conf_args, conf_file, conf_text, conf_set) together with the
 * statements every daemon has, in the order given.
 *
 * Errors are returned as text for the command to show: "--sa 'X': column N: ..." for an
 * option, "FILE:LINE:COL: pool: bad CIDR: ..." for a statement.
 */
#ifndef PMIP4CT_HA_CONF_H
#define PMIP4CT_HA_CONF_H

#include <stdint.h>

#include "conf.h"
#include "ha.h"

#define HA_CONF_PORT 434 /* RFC 5944 §3.1 */
#define HA_CONF_TUN_MAX 16 /* IFNAMSIZ: a device name and its NUL */
#define HA_CONF_RESERVE_MAX 16 /* --reserve addresses */

struct ha_conf_listen {
	uint32_t addr; /* host order; 0 = any */
	uint16_t port; /* 0 = any free port */
};

struct ha_conf {
	struct conf base;     /* first: the table, --log, --help, --fault list */
	struct ha_config cfg; /* cfg.pool belongs to the ha_conf until ha_conf_take_pool */
	struct ha_conf_listen listen[HA_LISTEN_MAX];
	unsigned n_listen;
	uint32_t ha_addr[HA_ADDR_MAX]; /* --ha-addr, in the order given */
	unsigned n_ha_addr;
	uint32_t reserve[HA_CONF_RESERVE_MAX]; /* --reserve: never assigned from the pool */
	unsigned n_reserve;
	char tun[HA_CONF_TUN_MAX]; /* --tun: the home network's TUN device; "" = none */
};

/* ha_config_defaults, log info, no listener.  conf_finish(&c->base) frees the pool
 * unless taken. */
void ha_conf_init(struct ha_conf *c);

/* conf_resolve, after all settings: the default listener 0.0.0.0:434 when none was
 * given, the HA's own addresses (cfg.addrs): every listen address but 0.0.0.0, then every
 * --ha-addr, without duplicates; and every --reserve reserved in the pool (the last
 * --pool, whatever the order they came in: "reserve: A.B.C.D is outside the pool" when it
 * is not in it, or there is no pool). */

/* Hand cfg.pool over (to ha_create, which owns it from then on). */
struct pool *ha_conf_take_pool(struct ha_conf *c);

#endif
