/* pma_conf.h — the settings of `pmip4ct pma` (pmip4ct(1)): the PMA's own statements and
 * fields; conf.h reads them (conf_args, conf_file, conf_text, conf_set) together with the
 * statements every daemon has, in the order given.
 *
 * Errors are returned as text for the command to show: "--sa 'X': column N: ..." for an
 * option, "FILE:LINE:COL: gateway: expected an IPv4 address" for a statement.
 */
#ifndef PMIP4CT_PMA_CONF_H
#define PMIP4CT_PMA_CONF_H

#include <stdbool.h>
#include <stdint.h>

#include "conf.h"
#include "pma.h"
#include "pma_link.h"

#define PMA_CONF_IF_MAX  16  /* IFNAMSIZ: a device name and its NUL */
#define PMA_CONF_DEV_MAX 64  /* --device and --attach entries each */
#define PMA_CONF_PAT_MAX 128

/* A device of --device MAC,NAI[,IMSI[,HA]] or --attach MAC,NAI ("" or 0 = none). */
struct pma_conf_dev {
	uint8_t mac[6];
	char nai[128];
	char imsi[16];
	uint32_t ha;   /* its own HA instead of --ha (RFC 5563 §4.2) */
};

struct pma_conf {
	struct conf base;            /* first: the table, --log, --help, --fault list */
	struct pma_config cfg;       /* the signalling (pma.h) */
	struct pma_link_config link; /* the access link; its strings point into this conf */
	char access[PMA_CONF_IF_MAX]; /* --access: "" = signalling only */
	char nai_pattern[PMA_CONF_PAT_MAX];
	struct pma_conf_dev dev[PMA_CONF_DEV_MAX];
	unsigned n_dev;
	struct pma_conf_dev attach[PMA_CONF_DEV_MAX];
	unsigned n_attach;
	bool have_addr, have_ha, have_sa; /* the required settings seen */
};

/* pma_config_defaults, pma_link_config_defaults, the pmip4ct NAI pattern, log info. */
void pma_conf_init(struct pma_conf *c);

/* conf_resolve, after all settings: the required ones are there (--address, --ha, --sa;
 * --gateway with --access), and the link's view follows the signalling's (core address,
 * 147/1 interface name, NAI pattern). */

/* The IMSI --device gave for mac, or NULL. */
const char *pma_conf_imsi(const struct pma_conf *c, const uint8_t mac[6]);

/* The HA --device gave for mac, or 0 (then --ha). */
uint32_t pma_conf_dev_ha(const struct pma_conf *c, const uint8_t mac[6]);

#endif
