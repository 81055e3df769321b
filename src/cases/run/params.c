/* params.c — PICS and PIXIT values: definitions from the per-area tables, values kept as
 * checked text (DESIGN.md §4).  See params.h. */
#include <strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "params.h"
#include "profile.h"
#include "txt.h"

extern const struct param_table pics_common, pixit_common;
extern const struct param_table pics_ha, pixit_ha;
extern const struct param_table pics_pma, pixit_pma;

static const struct param_table *const tables[] = {
	&pics_common, &pixit_common, &pics_ha, &pixit_ha, &pics_pma, &pixit_pma,
};
#define N_TABLES (sizeof tables / sizeof tables[0])

#define PARAM_TEXT_MAX 256

const struct param_table *const *param_tables(size_t *n)
{
	*n = N_TABLES;
	return tables;
}

/* The global index of a definition: its position over all tables. */
static int param_index(enum param_kind k, const char *name)
{
	int base = 0;

	for (size_t t = 0; t < N_TABLES; t++) {
		for (size_t i = 0; i < tables[t]->n; i++)
			if (tables[t]->kind == k && !strcmp(tables[t]->defs[i].name, name))
				return base + (int)i;
		base += (int)tables[t]->n;
	}
	return -1;
}

static size_t param_total(void)
{
	size_t n = 0;

	for (size_t t = 0; t < N_TABLES; t++)
		n += tables[t]->n;
	return n;
}

static const struct param_def *param_at(int idx)
{
	for (size_t t = 0; t < N_TABLES; t++) {
		if ((size_t)idx < tables[t]->n)
			return &tables[t]->defs[idx];
		idx -= (int)tables[t]->n;
	}
	return NULL;
}

const struct param_def *param_find(enum param_kind k, const char *name)
{
	int i = param_index(k, name);

	return i < 0 ? NULL : param_at(i);
}

const char *param_suggest(enum param_kind k, const char *name)
{
	const char *best = NULL;
	unsigned best_d = 3;

	for (size_t t = 0; t < N_TABLES; t++) {
		if (tables[t]->kind != k)
			continue;
		for (size_t i = 0; i < tables[t]->n; i++) {
			const char *cand = tables[t]->defs[i].name;
			unsigned d = txt_edit_distance(name, cand);
			const char *dot = strchr(cand, '.');

			/* "gre-key" for "ha.gre-key": the prefix is easy to forget */
			if (dot && !strcmp(dot + 1, name))
				d = 0;
			if (d < best_d) {
				best_d = d;
				best = cand;
			}
		}
	}
	return best;
}

const char *param_type_name(enum param_type t)
{
	static const char *const names[] = {
		[PARAM_BOOL] = "yes|no", [PARAM_U32] = "number", [PARAM_MS] = "duration",
		[PARAM_ADDR] = "address", [PARAM_ENDPOINT] = "address[:port]",
		[PARAM_STR] = "text", [PARAM_SA] = "sa-spec", [PARAM_REAL] = "fraction",
	};

	return (unsigned)t < sizeof names / sizeof names[0] ? names[t] : "?";
}

struct params {
	size_t n;
	bool *set;
	char (*text)[PARAM_TEXT_MAX];
};

/* ---- value checking, shared by set and get ---- */

static int parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = { "yes", "on", "true", "1" };
	static const char *const no[] = { "no", "off", "false", "0" };

	for (size_t i = 0; i < 4; i++) {
		if (!strcasecmp(v, yes[i])) {
			*out = true;
			return 0;
		}
		if (!strcasecmp(v, no[i])) {
			*out = false;
			return 0;
		}
	}
	return -1;
}

static int parse_u32(const char *v, uint32_t *out)
{
	char *end;
	unsigned long long x;

	if (!*v || *v == '-')
		return -1;
	x = strtoull(v, &end, 0);
	if (*end || x > UINT32_MAX)
		return -1;
	*out = (uint32_t)x;
	return 0;
}

static int parse_ms(const char *v, uint64_t *out)
{
	char *end;
	double x;

	if (!*v || *v == '-')
		return -1;
	x = strtod(v, &end);
	if (end == v)
		return -1;
	if (!*end || !strcmp(end, "ms"))
		;
	else if (!strcmp(end, "s"))
		x *= 1000;
	else if (!strcmp(end, "m"))
		x *= 60000;
	else
		return -1;
	if (x < 0 || x > 1e12)
		return -1;
	*out = (uint64_t)(x + 0.5);
	return 0;
}

static int parse_addr(const char *v, uint32_t *out)
{
	unsigned a, b, c, d;
	char tail;

	if (sscanf(v, "%3u.%3u.%3u.%3u%c", &a, &b, &c, &d, &tail) != 4 || a > 255 ||
	    b > 255 || c > 255 || d > 255)
		return -1;
	*out = a << 24 | b << 16 | c << 8 | d;
	return 0;
}

static int parse_endpoint(const char *v, uint32_t *addr, uint16_t *port)
{
	char buf[PARAM_TEXT_MAX];
	char *colon;
	uint32_t p = 434;

	snprintf(buf, sizeof buf, "%s", v);
	colon = strchr(buf, ':');
	if (colon) {
		*colon = '\0';
		if (parse_u32(colon + 1, &p) || p == 0 || p > 65535)
			return -1;
	}
	if (parse_addr(buf, addr))
		return -1;
	*port = (uint16_t)p;
	return 0;
}

static int check_value(const struct param_def *d, const char *v, char *err, size_t errlen)
{
	bool b;
	uint32_t u;
	uint64_t ms;
	uint16_t port;
	struct mip_sa sa;
	char *end;

	if (strlen(v) >= PARAM_TEXT_MAX) {
		snprintf(err, errlen, "value longer than %d bytes", PARAM_TEXT_MAX - 1);
		return -1;
	}
	switch (d->type) {
	case PARAM_BOOL:
		if (parse_bool(v, &b))
			goto bad;
		return 0;
	case PARAM_U32:
		if (parse_u32(v, &u))
			goto bad;
		return 0;
	case PARAM_MS:
		if (parse_ms(v, &ms))
			goto bad;
		return 0;
	case PARAM_ADDR:
		if (parse_addr(v, &u))
			goto bad;
		return 0;
	case PARAM_ENDPOINT:
		if (parse_endpoint(v, &u, &port))
			goto bad;
		return 0;
	case PARAM_STR: /* free text, unless the item has a grammar of its own */
		return profile_check(d->name) ? profile_check(d->name)(v, err, errlen) : 0;
	case PARAM_SA:
		return auth_sa_parse(v, &sa, err, errlen);
	case PARAM_REAL:
		if (strtod(v, &end) <= 0 || *end)
			goto bad;
		return 0;
	}
bad:
	snprintf(err, errlen, "expected %s, got '%s'", param_type_name(d->type), v);
	return -1;
}

struct params *params_create(void)
{
	struct params *p = calloc(1, sizeof *p);

	if (!p)
		return NULL;
	p->n = param_total();
	p->set = calloc(p->n, sizeof *p->set);
	p->text = calloc(p->n, sizeof *p->text);
	if (!p->set || !p->text) {
		params_destroy(p);
		return NULL;
	}
	return p;
}

void params_destroy(struct params *p)
{
	if (!p)
		return;
	free(p->set);
	free(p->text);
	free(p);
}

struct params *params_clone(const struct params *p)
{
	struct params *c = params_create();

	if (!c)
		return NULL;
	memcpy(c->set, p->set, p->n * sizeof *p->set);
	memcpy(c->text, p->text, p->n * sizeof *p->text);
	return c;
}

int params_set(struct params *p, enum param_kind k, const char *name, const char *value,
	       char *err, size_t errlen)
{
	int i = param_index(k, name);

	if (i < 0) {
		snprintf(err, errlen, "no %s item '%s'", k == PARAM_PICS ? "PICS" : "PIXIT", name);
		return -2;
	}
	const struct param_def *d = param_at(i);

	if (!d || check_value(d, value, err, errlen))
		return -1;
	snprintf(p->text[i], PARAM_TEXT_MAX, "%s", value);
	p->set[i] = true;
	return 0;
}

static int must_index(enum param_kind k, const char *name)
{
	int i = param_index(k, name);

	if (i < 0) {
		/* a case asked for an item no table defines: a tester bug (test_params
		 * checks every case's PICS list, so this is never reached from a file) */
		fprintf(stderr, "pmip4ct: internal error: no %s item '%s'\n",
			k == PARAM_PICS ? "PICS" : "PIXIT", name);
		abort();
	}
	return i;
}

bool params_isset(const struct params *p, enum param_kind k, const char *name)
{
	return p->set[must_index(k, name)];
}

const char *params_text(const struct params *p, enum param_kind k, const char *name)
{
	int i = must_index(k, name);
	const struct param_def *d = param_at(i);

	return p->set[i] ? p->text[i] : d ? d->def : NULL;
}

bool params_pics(const struct params *p, const char *item)
{
	const char *v = params_text(p, PARAM_PICS, item);
	bool b = false;

	return v && !parse_bool(v, &b) && b;
}

/* The items of a PICS list ("pmip ha.gre-key !ha.seq-ext") into items[], pointing into
 * buf; how many (at most max). */
static size_t pics_items(const char *list, char buf[PARAM_TEXT_MAX], char *items[], size_t max)
{
	char *save = NULL;
	size_t n = 0;

	snprintf(buf, PARAM_TEXT_MAX, "%s", list ? list : "");
	for (char *w = strtok_r(buf, " \t", &save); w && n < max; w = strtok_r(NULL, " \t", &save))
		items[n++] = w;
	return n;
}

bool params_pics_all(const struct params *p, const char *list, char *why, size_t whylen)
{
	char buf[PARAM_TEXT_MAX], *items[32];
	size_t n = pics_items(list, buf, items, 32);

	for (size_t i = 0; i < n; i++) {
		bool neg = *items[i] == '!';
		const char *item = items[i] + neg;

		if (params_pics(p, item) == neg) {
			if (why)
				snprintf(why, whylen, "needs PICS %s = %s (the PICS says %s)",
					 item, neg ? "no" : "yes", neg ? "yes" : "no");
			return false;
		}
	}
	return true;
}

bool params_pics_claimed(const struct params *p, const char *list, bool defaults_claim)
{
	char buf[PARAM_TEXT_MAX], *items[32];
	size_t n = pics_items(list, buf, items, 32);

	for (size_t i = 0; i < n; i++) {
		if (*items[i] == '!')
			continue;
		if (!params_pics(p, items[i]) ||
		    (!defaults_claim && !params_isset(p, PARAM_PICS, items[i])))
			return false;
	}
	return true;
}

bool params_bool(const struct params *p, const char *name)
{
	const char *v = params_text(p, PARAM_PIXIT, name);
	bool b = false;

	return v && !parse_bool(v, &b) && b;
}

/* The PIXIT item's text, or "" when it has none: every parser refuses "", so a getter
 * gives 0 for an item that is missing or (checked when set, so never) malformed. */
static const char *pixit_text(const struct params *p, const char *name)
{
	const char *v = params_text(p, PARAM_PIXIT, name);

	return v ? v : "";
}

uint32_t params_u32(const struct params *p, const char *name)
{
	uint32_t u = 0;

	parse_u32(pixit_text(p, name), &u);
	return u;
}

uint64_t params_ms(const struct params *p, const char *name)
{
	uint64_t ms = 0;

	parse_ms(pixit_text(p, name), &ms);
	return ms;
}

uint32_t params_addr(const struct params *p, const char *name)
{
	uint32_t a = 0;

	parse_addr(pixit_text(p, name), &a);
	return a;
}

void params_endpoint(const struct params *p, const char *name, uint32_t *addr, uint16_t *port)
{
	*addr = 0;
	*port = 0;
	parse_endpoint(pixit_text(p, name), addr, port);
}

const char *params_str(const struct params *p, const char *name)
{
	return params_text(p, PARAM_PIXIT, name);
}

double params_real(const struct params *p, const char *name)
{
	const char *v = params_text(p, PARAM_PIXIT, name);

	return v ? strtod(v, NULL) : 0;
}

bool params_sa(const struct params *p, const char *name, struct mip_sa *out)
{
	const char *v = params_text(p, PARAM_PIXIT, name);
	char err[128];

	return v && !auth_sa_parse(v, out, err, sizeof err);
}
