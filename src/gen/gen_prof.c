/* gen_prof.c — the profile of `pmip4ct gen` (pmip4ct-gen(5)): one command a line in the
 * command language (lex.h), one row of a table per command, every field of struct
 * gen_prof with its default; then the checks across commands (required ones, ranges that
 * depend on each other).
 */
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "gen_prof_priv.h"
#include "settings.h"
#include "txt.h"

/* The inner packet of a flow, tunnelled, must fit a 1500-byte MTU with the largest
 * encapsulation: outer IPv4 (20) + GRE (4) + its key (4, RFC 2890 §2.1). */
#define GP_SIZE_MIN     (20 + 8 + GEN_PAYLOAD_MIN) /* IPv4 + UDP + the generator's header */
#define GP_SIZE_MAX     (1500 - 20 - 8)
#define GP_REPLY_MS_MAX 60000u
#define GP_PORT_BASE    9000u /* flow k's port: GP_PORT_BASE + k */

static const char *const dir_words[] = { "up", "down", "both" };
static const char *const pattern_words[] = { "constant", "poisson", "burst" };
static const char *const encap_words[] = { "ipip", "gre" };

/* ---- devices N [nai FORMAT] [first K] [mac MAC] ---- */

/* A NAI format: printable, no blank, exactly one %u and no other '%'. */
static int nai_format_ok(const char *s, char *why, size_t n)
{
	const char *pct = strchr(s, '%');

	for (const char *c = s; *c; c++)
		if (*c <= ' ' || *c > '~') {
			snprintf(why, n, "a blank or a byte that is not printable ASCII");
			return -1;
		}
	if (!pct || pct[1] != 'u' || strchr(pct + 1, '%')) {
		snprintf(why, n, "expected exactly one %%u (the device number) and no other %%");
		return -1;
	}
	return 0;
}

static int opt_nai(struct gp *g, size_t i, void *obj)
{
	const struct lex_tok *t = gp_value(g, i, "nai", "a format");
	char why[96];

	if (!t)
		return -1;
	if (t->len >= GEN_NAI_FMT_MAX)
		return gp_err(g, t, "nai '%s': longer than %d bytes", t->text, GEN_NAI_FMT_MAX - 1);
	if (nai_format_ok(t->text, why, sizeof why) < 0)
		return gp_err(g, t, "nai '%s': %s", t->text, why);
	memcpy(g->p->nai_fmt, t->text, t->len + 1);
	return 1;
}

static int opt_first(struct gp *g, size_t i, void *obj)
{
	const struct lex_tok *t = gp_value(g, i, "first", "a number");
	uint64_t v;

	if (!t || gp_count(g, "first", t, 0, UINT32_MAX, &v) < 0)
		return -1;
	if (v + g->p->devices - 1 > UINT32_MAX)
		return gp_err(g, t, "first '%s': the last device number passes %lu", t->text,
			      (unsigned long)UINT32_MAX);
	g->p->first = (uint32_t)v;
	return 1;
}

static int opt_mac(struct gp *g, size_t i, void *obj)
{
	const struct lex_tok *t = gp_value(g, i, "mac", "a MAC address");
	uint64_t base = 0;
	uint8_t mac[6];

	if (!t)
		return -1;
	if (settings_mac(t->text, mac) < 0)
		return gp_err(g, t, "mac '%s': expected XX:XX:XX:XX:XX:XX", t->text);
	if (mac[0] & 1)
		return gp_err(g, t, "mac '%s': a multicast address (the first byte is odd)",
			      t->text);
	for (int k = 0; k < 6; k++)
		base = base << 8 | mac[k];
	if (base + g->p->devices - 1 > 0xffffffffffffull)
		return gp_err(g, t, "mac '%s': the last device's address passes "
			      "ff:ff:ff:ff:ff:ff", t->text);
	memcpy(g->p->mac_base, mac, 6);
	return 1;
}

static int cmd_devices(struct gp *g)
{
	static const struct gp_opt opts[] = {
		{ "nai", false, opt_nai },
		{ "first", false, opt_first },
		{ "mac", false, opt_mac },
	};
	const struct lex_tok *t = gp_value(g, 1, "devices", "a number");
	uint64_t n;

	if (!t || gp_count(g, "devices", t, 1, GEN_DEVICES_MAX, &n) < 0)
		return -1;
	g->p->devices = (uint32_t)n;
	return gp_options(g, 2, opts, sizeof opts / sizeof opts[0], NULL);
}

/* ---- pma ADDR, ha ADDR[:PORT], cn ADDR ---- */

static int cmd_pma(struct gp *g)
{
	struct gen_prof *p = g->p;
	const struct lex_tok *t = gp_value(g, 1, "pma", "an IPv4 address");
	uint32_t a;

	if (!t || gp_unicast(g, "pma", t, &a) < 0 || gp_no_more(g, 2) < 0)
		return -1;
	for (unsigned k = 0; k < p->n_pma; k++)
		if (p->pma[k] == a)
			return gp_err(g, t, "pma '%s': given twice (first at %u:%u)", t->text,
				      g->pma_line[k], g->pma_col[k]);
	if (p->n_pma == GEN_PMA_MAX)
		return gp_err(g, &g->cmd->tok[0], "pma: more than %d", GEN_PMA_MAX);
	g->pma_line[p->n_pma] = t->line;
	g->pma_col[p->n_pma] = t->col;
	p->pma[p->n_pma++] = a;
	return 0;
}

static int cmd_ha(struct gp *g)
{
	const struct lex_tok *t = gp_value(g, 1, "ha", "ADDR[:PORT]");
	struct lex_tok addr, port;
	const char *colon;
	char buf[32];
	uint64_t v = g->p->ha_port;

	if (!t || gp_no_more(g, 2) < 0)
		return -1;
	colon = strchr(t->text, ':');
	addr = *t;
	if (colon) {
		if ((size_t)(colon - t->text) >= sizeof buf)
			return gp_err(g, t, "ha '%s': expected ADDR[:PORT]", t->text);
		memcpy(buf, t->text, (size_t)(colon - t->text));
		buf[colon - t->text] = '\0';
		addr.text = buf;
		addr.len = strlen(buf);
		port = *t;
		port.text = colon + 1;
		port.len = t->len - (size_t)(colon + 1 - t->text);
		port.col = t->col + (unsigned)(colon + 1 - t->text);
		if (gp_count(g, "ha port", &port, 1, 65535, &v) < 0)
			return -1;
	}
	if (gp_unicast(g, "ha", &addr, &g->p->ha) < 0)
		return -1;
	g->p->ha_port = (uint16_t)v;
	return 0;
}

static int cmd_cn(struct gp *g)
{
	const struct lex_tok *t = gp_value(g, 1, "cn", "an IPv4 address");

	if (!t || gp_no_more(g, 2) < 0)
		return -1;
	return gp_unicast(g, "cn", t, &g->p->cn);
}

/* ---- sa SPEC ---- */

static int cmd_sa(struct gp *g)
{
	const struct lex_tok *t = gp_value(g, 1, "sa", "an SA spec");
	struct mip_sa sa = { 0 };
	char why[SETTINGS_ERR];
	unsigned long n;
	char *end;

	if (!t || gp_no_more(g, 2) < 0)
		return -1;
	if (auth_sa_parse(t->text, &sa, why, sizeof why) == 0) {
		g->p->sa = sa;
		g->p->sa_set = true;
		return 0;
	}
	/* auth_sa_parse's "column N" is the file's column in a plain word (a string's
	 * escapes do not map one to one), as the daemons' configuration files do */
	if (t->kind == LEX_WORD && !strncmp(why, "column ", 7)) {
		n = strtoul(why + 7, &end, 10);
		if (n >= 1 && n <= t->len + 1 && !strncmp(end, ": ", 2)) {
			struct lex_tok at = *t;

			at.col = t->col + (unsigned)n - 1;
			return gp_err(g, &at, "sa: %s", end + 2);
		}
	}
	return gp_err(g, t, "sa: %s", why);
}

/* ---- one-word settings ---- */

static int cmd_encap(struct gp *g)
{
	const struct lex_tok *t = gp_value(g, 1, "encap", "ipip or gre");
	unsigned k;

	if (!t || gp_no_more(g, 2) < 0 || gp_choice(g, "encap", t, encap_words, 2, &k) < 0)
		return -1;
	g->p->encap = k == 0 ? GEN_ENCAP_IPIP : GEN_ENCAP_GRE;
	return 0;
}

static int cmd_lifetime(struct gp *g)
{
	const struct lex_tok *t = gp_value(g, 1, "lifetime", "seconds");
	uint64_t v;

	if (!t || gp_no_more(g, 2) < 0 || gp_count(g, "lifetime", t, 1, 65534, &v) < 0)
		return -1;
	g->p->lifetime = (uint16_t)v;
	return 0;
}

static int cmd_renew(struct gp *g)
{
	const struct lex_tok *t = gp_value(g, 1, "renew", "a share of the lifetime");

	if (!t || gp_no_more(g, 2) < 0 || gp_number(g, "renew", t, &g->p->renew) < 0)
		return -1;
	if (g->p->renew <= 0 || g->p->renew >= 1)
		return gp_err(g, t, "renew '%s': expected a share of the lifetime between 0 "
			      "and 1, both excluded", t->text);
	return 0;
}

static int cmd_revocation(struct gp *g)
{
	const struct lex_tok *t = gp_value(g, 1, "revocation", "on or off");
	char why[SETTINGS_ERR];

	if (!t || gp_no_more(g, 2) < 0)
		return -1;
	if (settings_onoff(t->text, &g->p->revocation, why, sizeof why) < 0)
		return gp_err(g, t, "revocation '%s': %s", t->text, why);
	return 0;
}

/* A duration > 0 as the command's one value. */
static int one_duration(struct gp *g, double *out)
{
	const char *name = g->cmd->tok[0].text;
	const struct lex_tok *t = gp_value(g, 1, name, "a duration");

	if (!t || gp_no_more(g, 2) < 0 || gp_duration(g, name, t, out) < 0)
		return -1;
	if (*out <= 0)
		return gp_err(g, t, "%s '%s': must be more than 0", name, t->text);
	return 0;
}

static int cmd_duration(struct gp *g)
{
	return one_duration(g, &g->p->duration_s);
}

static int cmd_series(struct gp *g)
{
	return one_duration(g, &g->p->series_s);
}

static int cmd_reply_ms(struct gp *g)
{
	const struct lex_tok *t = gp_value(g, 1, "reply-ms", "milliseconds");
	uint64_t v;

	if (!t || gp_no_more(g, 2) < 0 ||
	    gp_count(g, "reply-ms", t, 1, GP_REPLY_MS_MAX, &v) < 0)
		return -1;
	g->p->reply_ms = (unsigned)v;
	return 0;
}

static int one_ifname(struct gp *g, char *out)
{
	const char *name = g->cmd->tok[0].text;
	const struct lex_tok *t = gp_value(g, 1, name, "an interface name");
	char why[SETTINGS_ERR];

	if (!t || gp_no_more(g, 2) < 0)
		return -1;
	if (settings_ifname(t->text, out, GEN_IFNAME_MAX, why, sizeof why) < 0)
		return gp_err(g, t, "%s '%s': %s", name, t->text, why);
	return 0;
}

static int cmd_home_if(struct gp *g)
{
	return one_ifname(g, g->p->home_if);
}

static int cmd_access_if(struct gp *g)
{
	return one_ifname(g, g->p->access_if);
}

/* ---- register rate R [ramp S] ---- */

/* rate R: > 0 (register, flows) */
static int opt_rate_pos(struct gp *g, size_t i, double *out)
{
	const struct lex_tok *t = gp_value(g, i, "rate", "a rate");

	if (!t || gp_rate(g, "rate", t, out) < 0)
		return -1;
	if (*out <= 0)
		return gp_err(g, t, "rate '%s': must be more than 0", t->text);
	return 1;
}

static int opt_reg_rate(struct gp *g, size_t i, void *obj)
{
	return opt_rate_pos(g, i, &g->p->reg_rate);
}

/* a duration >= 0 of key `name` */
static int opt_secs(struct gp *g, size_t i, const char *name, double *out)
{
	const struct lex_tok *t = gp_value(g, i, name, "a duration");

	return !t || gp_duration(g, name, t, out) < 0 ? -1 : 1;
}

static int opt_ramp(struct gp *g, size_t i, void *obj)
{
	return opt_secs(g, i, "ramp", &g->p->reg_ramp_s);
}

static int cmd_register(struct gp *g)
{
	static const struct gp_opt opts[] = {
		{ "rate", true, opt_reg_rate },
		{ "ramp", false, opt_ramp },
	};

	return gp_options(g, 1, opts, sizeof opts / sizeof opts[0], NULL);
}

/* ---- start S, stop S (flows, handovers, revocations) ---- */

static int opt_start(struct gp *g, size_t i, void *obj)
{
	return opt_secs(g, i, "start", obj);
}

static int opt_stop(struct gp *g, size_t i, void *obj)
{
	if (i < g->cmd->n)
		g->stop_tok = &g->cmd->tok[i];
	return opt_secs(g, i, "stop", obj);
}

/* After the options: a stop given is after the start. */
static int window_ok(struct gp *g, double start, double stop)
{
	const struct lex_tok *t = g->stop_tok;

	if (t && stop <= start)
		return gp_err(g, t, "stop '%s': must be after the start (%gs)", t->text, start);
	return 0;
}

/* ---- handover rate R [start S] [stop S], revoke rate R [start S] [stop S] ---- */

static int opt_event_rate(struct gp *g, size_t i, void *obj)
{
	struct gen_rate *r = obj;
	const struct lex_tok *t = gp_value(g, i, "rate", "a rate");

	return !t || gp_rate(g, "rate", t, &r->rate) < 0 ? -1 : 1;
}

static int opt_ev_start(struct gp *g, size_t i, void *obj)
{
	return opt_start(g, i, &((struct gen_rate *)obj)->start_s);
}

static int opt_ev_stop(struct gp *g, size_t i, void *obj)
{
	return opt_stop(g, i, &((struct gen_rate *)obj)->stop_s);
}

static int event_rate(struct gp *g, struct gen_rate *r)
{
	static const struct gp_opt opts[] = {
		{ "rate", true, opt_event_rate },
		{ "start", false, opt_ev_start },
		{ "stop", false, opt_ev_stop },
	};

	*r = (struct gen_rate){ 0 };
	if (gp_options(g, 1, opts, sizeof opts / sizeof opts[0], r) < 0)
		return -1;
	return window_ok(g, r->start_s, r->stop_s);
}

static int cmd_handover(struct gp *g)
{
	return event_rate(g, &g->p->handover);
}

static int cmd_revoke(struct gp *g)
{
	return event_rate(g, &g->p->revoke);
}

/* ---- flow NAME up|down|both rate PPS size BYTES [pattern P [N]] [start S] [stop S]
 *      [port N] ---- */

static int opt_flow_rate(struct gp *g, size_t i, void *obj)
{
	return opt_rate_pos(g, i, &((struct gen_flow *)obj)->pps);
}

static int opt_flow_size(struct gp *g, size_t i, void *obj)
{
	const struct lex_tok *t = gp_value(g, i, "size", "bytes");
	uint64_t v;

	if (!t || gp_count(g, "size", t, GP_SIZE_MIN, GP_SIZE_MAX, &v) < 0)
		return -1;
	((struct gen_flow *)obj)->size = (uint16_t)v;
	return 1;
}

/* pattern constant|poisson|burst N */
static int opt_flow_pattern(struct gp *g, size_t i, void *obj)
{
	struct gen_flow *f = obj;
	const struct lex_tok *t = gp_value(g, i, "pattern", "constant, poisson or burst N");
	unsigned k;
	uint64_t n;

	if (!t || gp_choice(g, "pattern", t, pattern_words, 3, &k) < 0)
		return -1;
	f->pattern = (enum gen_pattern)k;
	if (f->pattern != GEN_PAT_BURST)
		return 1;
	t = gp_value(g, i + 1, "burst", "packets per burst");
	if (!t || gp_count(g, "burst", t, 1, 65535, &n) < 0)
		return -1;
	f->burst = (uint16_t)n;
	return 2;
}

static int opt_flow_start(struct gp *g, size_t i, void *obj)
{
	return opt_start(g, i, &((struct gen_flow *)obj)->start_s);
}

static int opt_flow_stop(struct gp *g, size_t i, void *obj)
{
	return opt_stop(g, i, &((struct gen_flow *)obj)->stop_s);
}

static int opt_flow_port(struct gp *g, size_t i, void *obj)
{
	const struct lex_tok *t = gp_value(g, i, "port", "a UDP port");
	uint64_t v;

	if (!t || gp_count(g, "port", t, 1, 65535, &v) < 0)
		return -1;
	((struct gen_flow *)obj)->port = (uint16_t)v;
	return 1;
}

/* NAME: a name unique among the flows, of letters, digits, '-', '_' and '.' */
static int flow_name(struct gp *g, struct gen_flow *f)
{
	const struct lex_tok *t = gp_value(g, 1, "flow", "a name");

	if (!t)
		return -1;
	if (t->len >= sizeof f->name || t->len == 0 ||
	    strspn(t->text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") !=
		    t->len)
		return gp_err(g, t, "flow '%s': a name is 1-%zu letters, digits, '-', '_' "
			      "or '.'", t->text, sizeof f->name - 1);
	for (unsigned k = 0; k < g->p->n_flow; k++)
		if (!strcmp(g->p->flow[k].name, t->text))
			return gp_err(g, t, "flow '%s': a second flow of that name (the first "
				      "at line %u)", t->text, g->flow_line[k]);
	memcpy(f->name, t->text, t->len + 1);
	return 0;
}

static int cmd_flow(struct gp *g)
{
	static const struct gp_opt opts[] = {
		{ "rate", true, opt_flow_rate },
		{ "size", true, opt_flow_size },
		{ "pattern", false, opt_flow_pattern },
		{ "start", false, opt_flow_start },
		{ "stop", false, opt_flow_stop },
		{ "port", false, opt_flow_port },
	};
	struct gen_prof *p = g->p;
	struct gen_flow f = { .pattern = GEN_PAT_CONSTANT };
	const struct lex_tok *t;
	unsigned dir;

	if (p->n_flow == GEN_FLOW_MAX)
		return gp_err(g, &g->cmd->tok[0], "flow: more than %d flows", GEN_FLOW_MAX);
	f.port = (uint16_t)(GP_PORT_BASE + p->n_flow);
	if (flow_name(g, &f) < 0)
		return -1;
	t = gp_value(g, 2, "flow", "up, down or both");
	if (!t || gp_choice(g, "direction", t, dir_words, 3, &dir) < 0)
		return -1;
	f.dir[GEN_UP] = dir != 1;
	f.dir[GEN_DOWN] = dir != 0;
	if (gp_options(g, 3, opts, sizeof opts / sizeof opts[0], &f) < 0 ||
	    window_ok(g, f.start_s, f.stop_s) < 0)
		return -1;
	g->flow_line[p->n_flow] = g->cmd->tok[0].line;
	p->flow[p->n_flow++] = f;
	return 0;
}

/* ---- the commands ---- */

struct gp_cmd {
	const char *name;
	int (*run)(struct gp *g);
	bool repeatable;
};

static const struct gp_cmd gp_cmds[] = {
	{ "devices", cmd_devices, false },
	{ "pma", cmd_pma, true },
	{ "ha", cmd_ha, false },
	{ "sa", cmd_sa, false },
	{ "encap", cmd_encap, false },
	{ "lifetime", cmd_lifetime, false },
	{ "renew", cmd_renew, false },
	{ "register", cmd_register, false },
	{ "revocation", cmd_revocation, false },
	{ "flow", cmd_flow, true },
	{ "handover", cmd_handover, false },
	{ "revoke", cmd_revoke, false },
	{ "duration", cmd_duration, false },
	{ "cn", cmd_cn, false },
	{ "home-if", cmd_home_if, false },
	{ "access-if", cmd_access_if, false },
	{ "series", cmd_series, false },
	{ "reply-ms", cmd_reply_ms, false },
};
#define GP_NCMDS (sizeof gp_cmds / sizeof gp_cmds[0])
_Static_assert(GP_NCMDS <= 32, "a bit of gp.seen per command");

static int unknown_command(struct gp *g, const struct lex_tok *t)
{
	const char *names[GP_NCMDS];
	const char *near;

	if (t->kind != LEX_WORD)
		return gp_err(g, t, "expected a command, not %s",
			      t->kind == LEX_OP ? lex_op_str(t->op) : "a quoted string");
	for (size_t i = 0; i < GP_NCMDS; i++)
		names[i] = gp_cmds[i].name;
	near = gp_suggest(t->text, names, GP_NCMDS);
	if (near)
		return gp_err(g, t, "unknown command '%s' (did you mean '%s'?)", t->text, near);
	return gp_err(g, t, "unknown command '%s' (pmip4ct-gen(5) lists them)", t->text);
}

static int gp_command(struct gp *g)
{
	const struct lex_tok *t = &g->cmd->tok[0];
	size_t k = 0;

	while (k < GP_NCMDS && !lex_is_word(t, gp_cmds[k].name))
		k++;
	if (t->kind != LEX_WORD || k == GP_NCMDS)
		return unknown_command(g, t);
	if (!gp_cmds[k].repeatable) {
		if (g->seen & 1u << k)
			return gp_err(g, t, "a second '%s' (the first at line %u)", t->text,
				      g->seen_line[k]);
		g->seen |= 1u << k;
		g->seen_line[k] = t->line;
	}
	g->stop_tok = NULL;
	return gp_cmds[k].run(g);
}

/* ---- defaults, input, checks across commands ---- */

static void gp_defaults(struct gen_prof *p, const char *file)
{
	static const uint8_t mac[6] = { 0x02, 0x10, 0, 0, 0, 0 };

	memset(p, 0, sizeof *p);
	snprintf(p->file, sizeof p->file, "%s", file);
	snprintf(p->nai_fmt, sizeof p->nai_fmt, "mn%%u@gen.example");
	p->first = 1;
	memcpy(p->mac_base, mac, sizeof mac);
	p->ha_port = 434; /* RFC 5944 §2.1 */
	p->encap = GEN_ENCAP_GRE;
	p->lifetime = 300;
	p->renew = 0.5;
	p->reg_rate = 1000;
	p->revocation = true;
	p->duration_s = 30;
	p->series_s = 1;
	p->reply_ms = 1000;
}

/* Where the input ends: the line after a last newline, column 1. */
static void end_of(const char *buf, size_t len, unsigned *line, unsigned *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n') {
			++*line;
			*col = 1;
		} else {
			++*col;
		}
	}
}

/* A NUL byte anywhere (a comment too) is an error at its place. */
static int no_nul(const char *file, const char *buf, size_t len, struct lex_err *le)
{
	const char *z = memchr(buf, '\0', len);
	unsigned line, col;

	if (!z)
		return 0;
	end_of(buf, (size_t)(z - buf), &line, &col);
	return lex_errf(le, file, line, col, "NUL byte in the input");
}

static int gp_required(const struct gen_prof *p, const char *file, const char *buf,
		       size_t len, struct lex_err *le)
{
	unsigned line, col;

	end_of(buf, len, &line, &col);
	if (!p->devices)
		return lex_errf(le, file, line, col, "no 'devices' command (it is required)");
	if (!p->n_pma)
		return lex_errf(le, file, line, col, "no 'pma' command (at least one is required)");
	return 0;
}

int gen_prof_parse(struct gen_prof *p, const char *file, const char *buf, size_t len,
		   char *err, size_t errlen)
{
	struct lex_err le;
	struct lex_cmd cmd;
	struct gp g = { .p = p, .cmd = &cmd, .le = &le };
	struct lex *lx;
	int rc;

	gp_defaults(p, file);
	if (no_nul(file, buf, len, &le) < 0) {
		lex_err_str(&le, err, errlen);
		return -1;
	}
	lx = lex_create(file, buf, len);
	if (!lx) {
		snprintf(err, errlen, "%s: out of memory", file);
		return -1;
	}
	while ((rc = lex_next_command(lx, &cmd, &le)) > 0)
		if (gp_command(&g) < 0) {
			rc = -1;
			break;
		}
	lex_destroy(lx);
	if (rc == 0 && (gp_required(p, file, buf, len, &le) < 0))
		rc = -1;
	if (rc < 0)
		lex_err_str(&le, err, errlen);
	return rc < 0 ? -1 : 0;
}
