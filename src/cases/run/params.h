/* params.h — PICS and PIXIT (DESIGN.md §4).
 *
 * PICS items say what the DUT claims to support; every item is yes/no.  PIXIT items
 * say what the tester needs to know: addresses, ports, keys, timers.  Both are tables of
 * definitions (name, type, default, help) spread over one file per area
 * (params_common.c, params_ha.c, params_pma.c), and both are set from files in the one
 * grammar (`pics NAME yes|no`, `pixit NAME VALUE`; the parser is the shell's).
 *
 * Naming: PICS items and PIXIT keys that belong to one role start with "ha." or "pma."
 * ("ha.gre-key"); the common ones (params_common.c) have no prefix.  A PICS item's
 * default is what the built-in reference supports, so a run with no PICS file tests the
 * reference as it is.  Values are checked when set; getters never fail for a defined name
 * (an unknown name is a tester bug: it aborts, and the registry test catches it).
 */
#ifndef PMIP4CT_PARAMS_H
#define PMIP4CT_PARAMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth.h"

enum param_kind { PARAM_PICS, PARAM_PIXIT };

enum param_type {
	PARAM_BOOL,     /* yes|no|on|off|true|false */
	PARAM_U32,      /* decimal or 0x hex */
	PARAM_MS,       /* a duration: "250ms", "2s", "1.5s", "3m"; a bare number is ms */
	PARAM_ADDR,     /* dotted quad */
	PARAM_ENDPOINT, /* ADDR or ADDR:PORT (the port defaults to 434) */
	PARAM_STR,      /* any text (a hook command, a NAI realm, an interface) */
	PARAM_SA,       /* an SA spec as for --sa (auth_sa_parse, pmip4ct(1)) */
	PARAM_REAL,     /* a decimal fraction (time-scale) */
};

struct param_def {
	const char *name;
	enum param_type type;
	const char *def;  /* default as text; NULL = unset (optional: params_isset says) */
	const char *help;
};

struct param_table {
	enum param_kind kind;
	const struct param_def *defs;
	size_t n;
};

#define PARAM_TABLE(name, kind, arr) \
	const struct param_table name = { kind, arr, sizeof arr / sizeof arr[0] }

/* Every table (params.c lists them). */
const struct param_table *const *param_tables(size_t *n);

/* A definition by kind and name, or NULL. */
const struct param_def *param_find(enum param_kind k, const char *name);

/* The closest defined name to a misspelt one, or NULL. */
const char *param_suggest(enum param_kind k, const char *name);

struct params; /* values of every PICS and PIXIT item, starting at their defaults */

struct params *params_create(void);   /* NULL when out of memory */
void params_destroy(struct params *p); /* NULL is a no-op */
struct params *params_clone(const struct params *p);

/* Set one item from text: 0; -1 with the reason in err ("expected yes or no"); -2 when
 * no item of that kind has that name. */
int params_set(struct params *p, enum param_kind k, const char *name, const char *value,
	       char *err, size_t errlen);

/* Set explicitly (by a file or a suite), as opposed to the default. */
bool params_isset(const struct params *p, enum param_kind k, const char *name);
/* The value as text (the default when not set), or NULL when unset with no default. */
const char *params_text(const struct params *p, enum param_kind k, const char *name);

/* PICS: one item; and a case's requirement list ("ha.gre-key !ha.seq-ext").  On false,
 * *why (if not NULL) says what the first item that rules it out needs, e.g. "needs PICS
 * ha.gre-key = yes (the PICS says no)": the requirement, not a cause. */
bool params_pics(const struct params *p, const char *item);
bool params_pics_all(const struct params *p, const char *list, char *why, size_t whylen);
/* Whether the PICS claims every item of the list that is not negated: set to yes by a
 * file or statement, or left at a default of yes when defaults_claim (the built-in
 * references claim what they implement; a remote DUT only what its PICS says). */
bool params_pics_claimed(const struct params *p, const char *list, bool defaults_claim);

/* PIXIT getters.  Optional items with no default read as 0 / NULL: check params_isset. */
bool params_bool(const struct params *p, const char *name);
uint32_t params_u32(const struct params *p, const char *name);
uint64_t params_ms(const struct params *p, const char *name);
uint32_t params_addr(const struct params *p, const char *name);
void params_endpoint(const struct params *p, const char *name, uint32_t *addr, uint16_t *port);
const char *params_str(const struct params *p, const char *name);
double params_real(const struct params *p, const char *name);
/* The SA of a PARAM_SA item; false when unset. */
bool params_sa(const struct params *p, const char *name, struct mip_sa *out);

/* Print every definition of a kind as "name  type  default  help" lines, for --list and
 * the man page. */
const char *param_type_name(enum param_type t);

#endif
