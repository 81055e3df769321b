/* settings.h — a daemon's settings engine: one table of settings read both as command-line
 * options (--NAME VALUE, getopt_long) and as statements of a configuration file in the one
 * command language (NAME VALUE, lex.h), applied in the order given; plus the value parsers
 * the tables share.
 *
 * Nothing here prints but the usage; errors are returned as text: "--NAME 'V': why" for an
 * option, "FILE:LINE:COL: NAME: why" for a statement.
 */
#ifndef PMIP4CT_SETTINGS_H
#define PMIP4CT_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bitset.h"

#define SETTINGS_ERR 512 /* room for any error message */

/* Apply value to obj: 0, or -1 with the reason (without name or value) in err. */
typedef int (*setting_fn)(void *obj, const char *value, char *err, size_t errlen);

struct setting {
	const char *name;
	const char *arg;  /* the value's name in the usage */
	const char *help;
	bool repeatable;  /* each use adds one more (the help says so) */
	setting_fn set;
	const char *cli_only; /* a value for the command line only ("list"), or NULL */
};

struct settings {
	const char *prog;  /* "pmip4ct ha" */
	const char *intro; /* the usage's lines under "usage: ..." */
	const struct setting *rows;
	size_t n;
};

/* One setting by its name (no dashes): 0; -1 with the reason in err; -2 when no setting
 * has that name. */
int settings_set(const struct settings *t, void *obj, const char *name, const char *value,
		 char *err, size_t errlen);

/* The setting closest to a misspelt name, or NULL when none is close. */
const char *settings_suggest(const struct settings *t, const char *name);

/* The statements of buf[0..len) (file names it in errors): 0, or -1 with
 * "FILE:LINE:COL: ..." in err; settings before the error stay applied. */
int settings_text(const struct settings *t, void *obj, const char *file, const char *buf,
		  size_t len, char *err, size_t errlen);

/* Read and apply a configuration file: 0, or -1 ("FILE: No such file or directory", or an
 * error of settings_text). */
int settings_file(const struct settings *t, void *obj, const char *path, char *err,
		  size_t errlen);

/* A subcommand's arguments (argv[0] is its name) in order, -c FILE included; -h and --help
 * set *help.  Operands are an error.  0, or -1 with the reason in err. */
int settings_args(const struct settings *t, void *obj, int argc, char **argv, bool *help,
		  char *err, size_t errlen);

void settings_usage(const struct settings *t, FILE *f);

/* What getopt_long's ':' (a missing argument) or '?' (an unknown option) means, for a
 * parse with opterr = 0 and a leading ':' in the short options: "option '--x' needs an
 * argument", "unknown option '-x'" or "unknown option '--x'" (with t, a near setting as
 * "did you mean").  Always -1, the reason in err. */
int settings_bad_option(const struct settings *t, int c, int argc, char **argv, char *err,
			size_t errlen);

/* ---- shared pieces of setters ---- */

/* Format the reason into err; always -1. */
int settings_fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

int settings_addr(const char *v, uint32_t *addr); /* dotted quad, host order; 0 or -1 */
int settings_mac(const char *v, uint8_t mac[6]);   /* XX:XX:XX:XX:XX:XX; 0 or -1 */

/* Not 0.0.0.0 nor 255.255.255.255: "expected a unicast IPv4 address". */
int settings_unicast(const char *v, uint32_t *addr, char *err, size_t errlen);

/* 0.0.0.0 means "none", so a later setting can undo an earlier one. */
int settings_addr_or_none(const char *v, uint32_t *addr, char *err, size_t errlen);

int settings_num(const char *v, uint64_t min, uint64_t max, uint64_t *out, char *err,
		 size_t errlen);
int settings_onoff(const char *v, bool *out, char *err, size_t errlen);

/* debug, info, warn → 0, 1, 2 (the daemons' log level enums). */
int settings_level(const char *v, int *out, char *err, size_t errlen);

/* A network device name of 1..cap-1 characters, none of them '/', ':' or blank. */
int settings_ifname(const char *v, char *out, size_t cap, char *err, size_t errlen);

/* A daemon's faults (--fault NAME) or variants (--variant NAME), named by the agent's
 * table (bitset.h); `what` is "fault" or "variant".  NAME adds one, "none" clears them,
 * "list" sets *list; an unknown name's error suggests the closest. */
int settings_member(const struct bitset_names *k, const char *what, const char *v,
		    struct bitset *set, bool *list, char *err, size_t errlen);

void settings_member_list(const struct bitset_names *k, FILE *f); /* "NAME  help" */

#endif
