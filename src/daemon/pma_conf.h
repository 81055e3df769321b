/* pma_conf.h — the settings of `pmip4ct pma` (pmip4ct(1)): one table of settings read
 * both as command-line options (--NAME VALUE) and as statements of a configuration file
 * in the one command language (NAME VALUE, DESIGN.md §3), applied in the order given.
 *
 * Nothing here prints but the two listings (usage, faults); errors are returned as text
 * for the command to show: "--sa 'X': column N: ..." for an option,
 * "FILE:LINE:COL: gateway: expected an IPv4 address" for a statement.
 */
#ifndef PMIP4CT_PMA_CONF_H
#define PMIP4CT_PMA_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "pma.h"
#include "pma_link.h"

#define PMA_CONF_ERR     512 /* room for any error message */
#define PMA_CONF_IF_MAX  16  /* IFNAMSIZ: a device name and its NUL */
#define PMA_CONF_DEV_MAX 64  /* --device and --attach entries each */
#define PMA_CONF_PAT_MAX 128

enum pma_conf_log { PMA_LOG_DEBUG, PMA_LOG_INFO, PMA_LOG_WARN };

/* A device of --device MAC,NAI[,IMSI[,HA]] or --attach MAC,NAI ("" or 0 = none). */
struct pma_conf_dev {
	uint8_t mac[6];
	char nai[128];
	char imsi[16];
	uint32_t ha;   /* its own HA instead of --ha (RFC 5563 §4.2) */
};

struct pma_conf {
	struct pma_config cfg;       /* the signalling (pma.h) */
	struct pma_link_config link; /* the access link; its strings point into this conf */
	char access[PMA_CONF_IF_MAX]; /* --access: "" = signalling only */
	char nai_pattern[PMA_CONF_PAT_MAX];
	struct pma_conf_dev dev[PMA_CONF_DEV_MAX];
	unsigned n_dev;
	struct pma_conf_dev attach[PMA_CONF_DEV_MAX];
	unsigned n_attach;
	bool have_addr, have_ha, have_sa; /* the required settings seen */
	enum pma_conf_log log;
	bool fault_list; /* --fault list: print the faults and exit */
	bool help;       /* -h, --help */
};

/* pma_config_defaults, pma_link_config_defaults, the pmip4ct NAI pattern, log info. */
void pma_conf_init(struct pma_conf *c);

/* Apply one setting by its name (no leading dashes).  0; -1 with err holding the reason
 * without the name or the value; -2 when no setting has that name. */
int pma_conf_set(struct pma_conf *c, const char *name, const char *value, char *err,
		 size_t errlen);

/* The statements of a configuration file held in buf[0..len) (file names it in errors).
 * 0, or -1 with "FILE:LINE:COL: ..." in err; settings before the error stay applied. */
int pma_conf_text(struct pma_conf *c, const char *file, const char *buf, size_t len,
		  char *err, size_t errlen);

/* Read and apply a configuration file.  0 or -1 with the reason in err. */
int pma_conf_file(struct pma_conf *c, const char *path, char *err, size_t errlen);

/* The subcommand's arguments (argv[0] is "pma"), in order, -c FILE included.  0, or -1
 * with the reason in err.  Sets help / fault_list instead of printing. */
int pma_conf_args(struct pma_conf *c, int argc, char **argv, char *err, size_t errlen);

/* After all settings: the required ones are there (--address, --ha, --sa; --gateway
 * with --access), and the link's view follows the signalling's (core address, 147/1
 * interface name, NAI pattern).  0, or -1 with the reason in err. */
int pma_conf_resolve(struct pma_conf *c, char *err, size_t errlen);

/* The IMSI --device gave for mac, or NULL. */
const char *pma_conf_imsi(const struct pma_conf *c, const uint8_t mac[6]);

/* The HA --device gave for mac, or 0 (then --ha). */
uint32_t pma_conf_dev_ha(const struct pma_conf *c, const uint8_t mac[6]);

void pma_conf_fault_list(FILE *f); /* "NAME  help", one fault per line */
void pma_conf_usage(FILE *f);

/* The setting closest to a misspelt name, or NULL when none is close. */
const char *pma_conf_suggest(const char *name);

#endif
