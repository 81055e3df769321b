/* ha_conf.h — the settings of `pmip4ct ha` (pmip4ct(1)): one table of settings read
 * both as command-line options (--NAME VALUE) and as statements of a configuration file
 * in the one command language (NAME VALUE, DESIGN.md §3), applied in the order given.
 *
 * Nothing here prints but the two listings (usage, faults); errors are returned as text
 * for the command to show: "--sa 'X': column N: ..." for an option,
 * "FILE:LINE:COL: pool: bad CIDR: ..." for a statement.
 */
#ifndef PMIP4CT_HA_CONF_H
#define PMIP4CT_HA_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ha.h"

#define HA_CONF_PORT 434 /* RFC 5944 §3.1 */
#define HA_CONF_ERR  512 /* room for any error message */
#define HA_CONF_TUN_MAX 16 /* IFNAMSIZ: a device name and its NUL */
#define HA_CONF_RESERVE_MAX 16 /* --reserve addresses */

struct ha_conf_listen {
	uint32_t addr; /* host order; 0 = any */
	uint16_t port; /* 0 = any free port */
};

struct ha_conf {
	struct ha_config cfg; /* cfg.pool belongs to the ha_conf until ha_conf_take_pool */
	struct ha_conf_listen listen[HA_LISTEN_MAX];
	unsigned n_listen;
	uint32_t ha_addr[HA_ADDR_MAX]; /* --ha-addr, in the order given */
	unsigned n_ha_addr;
	uint32_t reserve[HA_CONF_RESERVE_MAX]; /* --reserve: never assigned from the pool */
	unsigned n_reserve;
	char tun[HA_CONF_TUN_MAX]; /* --tun: the home network's TUN device; "" = none */
	enum ha_log_level log;
	bool fault_list; /* --fault list: print the faults and exit */
	bool help;       /* -h, --help */
};

void ha_conf_init(struct ha_conf *c);   /* ha_config_defaults, log info, no listener */
void ha_conf_finish(struct ha_conf *c); /* frees the pool unless taken */

/* Apply one setting by its name (no leading dashes).  0; -1 with err holding the reason
 * without the name or the value ("expected on or off"; the SA parser's "column N: ...");
 * -2 when no setting has that name. */
int ha_conf_set(struct ha_conf *c, const char *name, const char *value, char *err,
		size_t errlen);

/* The statements of a configuration file held in buf[0..len) (file names it in errors).
 * 0, or -1 with "FILE:LINE:COL: ..." in err; settings before the error stay applied. */
int ha_conf_text(struct ha_conf *c, const char *file, const char *buf, size_t len, char *err,
		 size_t errlen);

/* Read and apply a configuration file.  0 or -1 ("FILE: No such file or directory", or
 * an error of ha_conf_text). */
int ha_conf_file(struct ha_conf *c, const char *path, char *err, size_t errlen);

/* The subcommand's arguments (argv[0] is "ha"), in order, -c FILE included; getopt_long
 * from optind = 1.  0, or -1 with the reason in err.  Sets help / fault_list instead of
 * printing.  Operands (non-options) are an error. */
int ha_conf_args(struct ha_conf *c, int argc, char **argv, char *err, size_t errlen);

/* After all settings: the default listener 0.0.0.0:434 when none was given, the HA's
 * own addresses (cfg.addrs): every listen address but 0.0.0.0, then every --ha-addr,
 * without duplicates; and every --reserve reserved in the pool (the last --pool, whatever
 * the order they came in: "reserve: A.B.C.D is outside the pool" when it is not in it, or
 * there is no pool).  0, or -1 with the reason in err. */
int ha_conf_resolve(struct ha_conf *c, char *err, size_t errlen);

/* Hand cfg.pool over (to ha_create, which owns it from then on). */
struct pool *ha_conf_take_pool(struct ha_conf *c);

/* "NAME  help", one fault per line. */
void ha_conf_fault_list(FILE *f);
void ha_conf_usage(FILE *f);

/* The setting closest to a misspelt name, or NULL when none is close. */
const char *ha_conf_suggest(const char *name);

#endif
