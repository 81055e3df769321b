/* conf.h — what the settings of `pmip4ct ha` and `pmip4ct pma` share (pmip4ct(1)).
 *
 * Each agent's settings (ha_conf.h, pma_conf.h) start with a struct conf that names the
 * agent's table: its statements, read both as command-line options (--NAME VALUE) and as
 * statements of a configuration file in the one command language (NAME VALUE, DESIGN.md
 * §3, settings.h), applied in the order given; its faults; what to check once all are
 * read.  The statements both agents have (fault, log) and the setters of plain fields are
 * here; ha_conf.c and pma_conf.c keep only their own.
 *
 * Nothing here prints but the two listings (usage, faults); errors are returned as text
 * for the command to show: "--sa 'X': column N: ..." for an option,
 * "FILE:LINE:COL: NAME: ..." for a statement.
 */
#ifndef PMIP4CT_CONF_H
#define PMIP4CT_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bitset.h"
#include "priv.h"
#include "settings.h"

#define CONF_ERR SETTINGS_ERR /* room for any error message */

/* --log; the same numbers as enum ha_log_level. */
enum conf_log { CONF_LOG_DEBUG, CONF_LOG_INFO, CONF_LOG_WARN };

struct conf;

/* An agent's faults (--fault NAME) or variants (--variant NAME): their names (bitset.h),
 * and where in the agent's settings the set of those given is (a struct bitset at that
 * offset). */
struct conf_faults {
	const struct bitset_names *names;
	size_t offset;
};

/* One agent's settings: a static table in ha_conf.c, pma_conf.c. */
struct conf_agent {
	struct settings table; /* its statements, CONF_FAULT_ROW and CONF_LOG_ROW among them */
	struct conf_faults faults;
	struct conf_faults variants;
	/* After all settings: defaults and checks across settings.  0, or -1 with the
	 * reason in err. */
	int (*resolve)(struct conf *c, char *err, size_t errlen);
	void (*finish)(struct conf *c); /* free what the settings hold; NULL = nothing */
};

/* The statements of an agent's table: CONF_TABLE("pmip4ct ha", "  intro\n", rows). */
#define CONF_TABLE(prog, intro, rows) { prog, intro, rows, sizeof(rows) / sizeof((rows)[0]) }

/* The first member of every agent's settings, so a setter's obj is also a struct conf. */
struct conf {
	const struct conf_agent *agent;
	enum conf_log log;
	bool fault_list;   /* --fault list: print the faults and exit */
	bool variant_list; /* --variant list: print the variants and exit */
	bool help;       /* -h, --help */
	struct priv_user user; /* --user: who to become once the sockets are open (priv.h) */
};

/* The agent's settings of size bytes, c their first member, all zero; log info. */
void conf_init(struct conf *c, size_t size, const struct conf_agent *agent);
void conf_finish(struct conf *c);                               /* agent->finish */

/* Apply one setting by its name (no leading dashes).  0; -1 with err holding the reason
 * without the name or the value ("expected on or off"; the SA parser's "column N: ...");
 * -2 when no setting has that name. */
int conf_set(struct conf *c, const char *name, const char *value, char *err, size_t errlen);

/* The statements of a configuration file held in buf[0..len) (file names it in errors).
 * 0, or -1 with "FILE:LINE:COL: ..." in err; settings before the error stay applied. */
int conf_text(struct conf *c, const char *file, const char *buf, size_t len, char *err,
	      size_t errlen);

/* Read and apply a configuration file.  0 or -1 ("FILE: No such file or directory", or
 * an error of conf_text). */
int conf_file(struct conf *c, const char *path, char *err, size_t errlen);

/* The subcommand's arguments (argv[0] is "ha" or "pma"), in order, -c FILE included;
 * getopt_long from optind = 1.  0, or -1 with the reason in err.  Sets help / fault_list
 * instead of printing.  Operands (non-options) are an error. */
int conf_args(struct conf *c, int argc, char **argv, char *err, size_t errlen);

/* agent->resolve: 0, or -1 with the reason in err. */
int conf_resolve(struct conf *c, char *err, size_t errlen);

/* The setting closest to a misspelt name, or NULL when none is close. */
const char *conf_suggest(const struct conf *c, const char *name);

void conf_usage(const struct conf *c, FILE *f);      /* "usage: pmip4ct ha [options]..." */
void conf_fault_list(const struct conf *c, FILE *f); /* "NAME  help", one per line */
void conf_variant_list(const struct conf *c, FILE *f);

/* ---- the statements every agent has ---- */

/* The set of faults given, inside the agent's settings. */
struct bitset *conf_faults_of(struct conf *c);
struct bitset *conf_variants_of(struct conf *c);

/* NAME adds a fault, "none" clears them, "list" sets fault_list; the same for variants. */
int conf_set_fault(void *obj, const char *v, char *err, size_t errlen);
int conf_set_variant(void *obj, const char *v, char *err, size_t errlen);
int conf_set_log(void *obj, const char *v, char *err, size_t errlen); /* debug|info|warn */
int conf_set_user(void *obj, const char *v, char *err, size_t errlen); /* a user name */

#define CONF_FAULT_ROW                                                                   \
	{ "fault", "NAME", "break one behaviour on purpose (repeatable; 'list')", true,  \
	  conf_set_fault, "list" }
#define CONF_VARIANT_ROW                                                                 \
	{ "variant", "NAME", "one behaviour the RFCs allow besides the default "         \
	  "(repeatable; 'list')", true, conf_set_variant, "list" }
#define CONF_LOG_ROW                                                                     \
	{ "log", "debug|info|warn", "least level logged (info)", false, conf_set_log, NULL }
#define CONF_USER_ROW                                                                    \
	{ "user", "NAME", "become this user once the sockets are open (root drops to it)", \
	  false, conf_set_user, NULL }

/* The conf_faults of an agent whose settings TYPE keep the set in cfg.faults. */
#define CONF_FAULTS(type, names) { &(names), offsetof(type, cfg.faults) }
#define CONF_VARIANTS(type, names) { &(names), offsetof(type, cfg.variants) }

/* ---- setters of plain fields ---- */

/* One more address in list[*n] (at most max): "at most MAX WHAT", "expected an IPv4
 * address". */
int conf_add_addr(uint32_t *list, unsigned *n, unsigned max, const char *what, const char *v,
		  char *err, size_t errlen);

/* static int FN(void *obj, ...): the field of (TYPE *)obj set by a parser of the shape
 * parse(v, &field, err, errlen): settings_onoff, settings_unicast, settings_addr_or_none. */
#define CONF_FIELD(type, fn, field, parse)                                               \
	static int fn(void *obj, const char *v, char *err, size_t errlen)                 \
	{                                                                                \
		return parse(v, &((type *)obj)->field, err, errlen);                     \
	}

/* static int FN(void *obj, ...): a number min..max (max fits the field). */
#define CONF_NUM(type, fn, field, min, max)                                              \
	static int fn(void *obj, const char *v, char *err, size_t errlen)                 \
	{                                                                                \
		uint64_t n_;                                                             \
                                                                                         \
		if (settings_num(v, min, max, &n_, err, errlen) < 0)                     \
			return -1;                                                       \
		((type *)obj)->field = n_;                                               \
		return 0;                                                                \
	}

#endif
