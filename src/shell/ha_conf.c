/* ha_conf.c — the settings of `pmip4ct ha`: one table serves the command-line options
 * (getopt_long) and the statements of a configuration file (lex.h), applied in order.
 */
#include "ha_conf.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>

#include "lex.h"
#include "pool.h"
#include "txt.h"

#define CONF_FILE_MAX (1u << 20) /* a configuration file is small */
#define CONF_OPT_BASE 256        /* getopt_long value of setting 0 */

typedef int (*conf_apply_fn)(struct ha_conf *c, const char *v, char *err, size_t errlen);

struct conf_setting {
	const char *name;
	const char *arg; /* the value's name in the usage */
	conf_apply_fn apply;
	const char *help;
};

static int conf_fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int conf_fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* ---- values ---- */

static int parse_addr(const char *v, uint32_t *addr)
{
	struct in_addr in;

	if (inet_pton(AF_INET, v, &in) != 1)
		return -1;
	*addr = ntohl(in.s_addr);
	return 0;
}

static int parse_num(const char *v, uint64_t min, uint64_t max, uint64_t *out, char *err,
		     size_t errlen)
{
	uint64_t n;

	if (txt_u64(v, strlen(v), max, &n, NULL) < 0 || n < min)
		return conf_fail(err, errlen, "expected a number %llu-%llu",
				 (unsigned long long)min, (unsigned long long)max);
	*out = n;
	return 0;
}

static int parse_onoff(const char *v, bool *out, char *err, size_t errlen)
{
	if (!strcmp(v, "on"))
		*out = true;
	else if (!strcmp(v, "off"))
		*out = false;
	else
		return conf_fail(err, errlen, "expected on or off");
	return 0;
}

/* Levenshtein distance, for "did you mean"; long words count as far apart. */
static unsigned edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned row[65];

	if (la > 64 || lb > 64)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		row[j] = (unsigned)j;
	for (size_t i = 1; i <= la; i++) {
		unsigned diag = row[0], up;

		row[0] = (unsigned)i;
		for (size_t j = 1; j <= lb; j++) {
			up = row[j];
			row[j] = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < row[j])
				row[j] = up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
		}
	}
	return row[lb];
}

/* Whether cand is close enough to word to be what was meant. */
static bool is_close(const char *word, const char *cand, unsigned *best)
{
	unsigned d = edit_distance(word, cand);

	if (d > 2 || 2 * d > strlen(word) || d >= *best)
		return false;
	*best = d;
	return true;
}

/* ---- the settings ---- */

static int set_listen(struct ha_conf *c, const char *v, char *err, size_t errlen)
{
	char addr[INET_ADDRSTRLEN];
	const char *colon = strchr(v, ':');
	size_t n = colon ? (size_t)(colon - v) : strlen(v);
	struct ha_conf_listen *l = &c->listen[c->n_listen];
	uint64_t port = HA_CONF_PORT;

	if (c->n_listen == HA_LISTEN_MAX)
		return conf_fail(err, errlen, "at most %d listen addresses", HA_LISTEN_MAX);
	if (n >= sizeof addr)
		return conf_fail(err, errlen, "expected ADDR[:PORT]");
	memcpy(addr, v, n);
	addr[n] = '\0';
	if (parse_addr(addr, &l->addr) < 0)
		return conf_fail(err, errlen, "expected ADDR[:PORT] with an IPv4 address");
	if (colon && txt_u64(colon + 1, strlen(colon + 1), 65535, &port, NULL) < 0)
		return conf_fail(err, errlen, "expected a port 0-65535 after ':'");
	l->port = (uint16_t)port;
	c->n_listen++;
	return 0;
}

static int set_ha_addr(struct ha_conf *c, const char *v, char *err, size_t errlen)
{
	uint32_t a;

	if (parse_addr(v, &a) < 0 || a == 0 || a == UINT32_MAX)
		return conf_fail(err, errlen, "expected a unicast IPv4 address");
	if (c->n_ha_addr == HA_ADDR_MAX)
		return conf_fail(err, errlen, "at most %d HA addresses", HA_ADDR_MAX);
	c->ha_addr[c->n_ha_addr++] = a;
	return 0;
}

static int set_sa(struct ha_conf *c, const char *v, char *err, size_t errlen)
{
	if (c->cfg.n_sa == HA_SA_MAX)
		return conf_fail(err, errlen, "at most %d security associations", HA_SA_MAX);
	if (auth_sa_parse(v, &c->cfg.sa[c->cfg.n_sa], err, errlen) < 0)
		return -1;
	c->cfg.n_sa++;
	return 0;
}

static int set_pool(struct ha_conf *c, const char *v, char *err, size_t errlen)
{
	char why[200];
	struct pool *p = pool_create(v, why, sizeof why);

	if (!p)
		return conf_fail(err, errlen, "bad CIDR: %s", why);
	pool_destroy(c->cfg.pool);
	c->cfg.pool = p;
	return 0;
}

static int set_max_lifetime(struct ha_conf *c, const char *v, char *err, size_t errlen)
{
	uint64_t n;

	if (parse_num(v, 1, 65535, &n, err, errlen) < 0)
		return -1;
	c->cfg.max_lifetime = (uint16_t)n;
	return 0;
}

static int set_pmip(struct ha_conf *c, const char *v, char *err, size_t errlen)
{
	return parse_onoff(v, &c->cfg.pmip, err, errlen);
}

static int set_disallow(struct ha_conf *c, const char *v, char *err, size_t errlen)
{
	if (c->cfg.n_disallow == HA_DISALLOW_MAX)
		return conf_fail(err, errlen, "at most %d disallowed PMAs", HA_DISALLOW_MAX);
	if (parse_addr(v, &c->cfg.disallow[c->cfg.n_disallow]) < 0)
		return conf_fail(err, errlen, "expected an IPv4 address");
	c->cfg.n_disallow++;
	return 0;
}

static int set_revocation(struct ha_conf *c, const char *v, char *err, size_t errlen)
{
	return parse_onoff(v, &c->cfg.revocation, err, errlen);
}

static int set_revocation_inform(struct ha_conf *c, const char *v, char *err, size_t errlen)
{
	return parse_onoff(v, &c->cfg.revocation_inform, err, errlen);
}

static int set_gre(struct ha_conf *c, const char *v, char *err, size_t errlen)
{
	return parse_onoff(v, &c->cfg.gre, err, errlen);
}

static int set_reverse_tunnel(struct ha_conf *c, const char *v, char *err, size_t errlen)
{
	if (!strcmp(v, "required")) {
		c->cfg.reverse_tunnel = true;
		c->cfg.require_t = true;
		return 0;
	}
	if (parse_onoff(v, &c->cfg.reverse_tunnel, NULL, 0) < 0)
		return conf_fail(err, errlen, "expected on, off or required");
	c->cfg.require_t = false;
	return 0;
}

static int set_simultaneous(struct ha_conf *c, const char *v, char *err, size_t errlen)
{
	uint64_t n;

	if (parse_num(v, 0, 255, &n, err, errlen) < 0)
		return -1;
	c->cfg.simultaneous = n > 0;
	if (n > 0)
		c->cfg.max_simultaneous = (unsigned)n;
	return 0;
}

/* An address where 0.0.0.0 means "none", so a later setting can undo an earlier one. */
static int set_addr_or_none(uint32_t *out, const char *v, char *err, size_t errlen)
{
	if (parse_addr(v, out) < 0)
		return conf_fail(err, errlen, "expected an IPv4 address (0.0.0.0 = none)");
	return 0;
}

static int set_redirect(struct ha_conf *c, const char *v, char *err, size_t errlen)
{
	return set_addr_or_none(&c->cfg.redirect_to, v, err, errlen);
}

static int set_home_bcast(struct ha_conf *c, const char *v, char *err, size_t errlen)
{
	return set_addr_or_none(&c->cfg.home_bcast, v, err, errlen);
}

static int set_ident(struct ha_conf *c, const char *v, char *err, size_t errlen)
{
	if (!strcmp(v, "timestamp"))
		c->cfg.ident_mode = HA_IDENT_TIMESTAMP;
	else if (!strcmp(v, "nonce"))
		c->cfg.ident_mode = HA_IDENT_NONCE;
	else if (!strcmp(v, "seq-ext"))
		c->cfg.ident_mode = HA_IDENT_SEQEXT;
	else
		return conf_fail(err, errlen, "expected timestamp, nonce or seq-ext");
	return 0;
}

static int set_window(struct ha_conf *c, const char *v, char *err, size_t errlen)
{
	uint64_t n;

	if (parse_num(v, 1, 86400000, &n, err, errlen) < 0)
		return -1;
	c->cfg.ident_window_ms = (uint32_t)n;
	return 0;
}

static const char *fault_suggest(const char *name)
{
	const char *best = NULL;
	unsigned d = 99;

	for (int i = 0; i < HA_FAULT_COUNT; i++)
		if (is_close(name, ha_fault_name((enum ha_fault)i), &d))
			best = ha_fault_name((enum ha_fault)i);
	return best;
}

static int set_fault(struct ha_conf *c, const char *v, char *err, size_t errlen)
{
	const char *near;
	int f;

	if (!strcmp(v, "list")) {
		c->fault_list = true;
		return 0;
	}
	if (!strcmp(v, "none")) {
		c->cfg.faults = 0;
		return 0;
	}
	f = ha_fault_parse(v);
	if (f >= 0) {
		c->cfg.faults |= (uint64_t)1 << f;
		return 0;
	}
	near = fault_suggest(v);
	if (near)
		return conf_fail(err, errlen, "unknown fault (did you mean '%s'?)", near);
	return conf_fail(err, errlen, "unknown fault ('--fault list' shows them)");
}

static int set_log(struct ha_conf *c, const char *v, char *err, size_t errlen)
{
	if (!strcmp(v, "debug"))
		c->log = HA_LOG_DEBUG;
	else if (!strcmp(v, "info"))
		c->log = HA_LOG_INFO;
	else if (!strcmp(v, "warn"))
		c->log = HA_LOG_WARN;
	else
		return conf_fail(err, errlen, "expected debug, info or warn");
	return 0;
}

/* A network device name: 1-15 characters, none of them '/', ':' or blank. */
static int set_tun(struct ha_conf *c, const char *v, char *err, size_t errlen)
{
	size_t n = strlen(v);

	if (n == 0 || n >= sizeof c->tun || strpbrk(v, "/: \t\n") || !strcmp(v, ".") ||
	    !strcmp(v, ".."))
		return conf_fail(err, errlen, "expected a device name of 1-%zu characters, "
				 "no / : or blank", sizeof c->tun - 1);
	memcpy(c->tun, v, n + 1);
	return 0;
}

static const struct conf_setting settings[] = {
	{ "listen", "ADDR[:PORT]", set_listen, "listen here (repeatable; default 0.0.0.0:434)" },
	{ "ha-addr", "ADDR", set_ha_addr, "one more address of the HA's own (repeatable)" },
	{ "sa", "SPEC", set_sa, "a security association (repeatable; see SA SPECIFICATION)" },
	{ "pool", "CIDR", set_pool, "home addresses for requests of 0.0.0.0" },
	{ "max-lifetime", "S", set_max_lifetime, "longest lifetime granted, 1-65535 (1800)" },
	{ "pmip", "on|off", set_pmip, "Proxy Mobile IPv4, RFC 5563; off answers 149 (on)" },
	{ "disallow", "ADDR", set_disallow, "refuse this PMA with 150 (repeatable)" },
	{ "revocation", "on|off", set_revocation, "registration revocation, RFC 3543 (on)" },
	{ "revocation-inform", "on|off", set_revocation_inform,
	  "ask for the I bit in revocations (off)" },
	{ "gre", "on|off", set_gre, "GRE encapsulation and RFC 6245 keys; off answers 139 (on)" },
	{ "reverse-tunnel", "on|off|required", set_reverse_tunnel,
	  "RFC 3024; off answers 137, required 138 (on)" },
	{ "simultaneous", "N", set_simultaneous,
	  "care-of addresses per node with the S bit; 0 = off, answers 1 (0)" },
	{ "redirect", "ADDR", set_redirect, "RFC 4433: answer HA 0.0.0.0 with 143 and ADDR" },
	{ "home-bcast", "ADDR", set_home_bcast, "broadcast address of the home network (136)" },
	{ "ident", "timestamp|nonce|seq-ext", set_ident, "Identification policy (timestamp)" },
	{ "window", "MS", set_window, "Identification window, 1-86400000 ms (7000)" },
	{ "fault", "NAME", set_fault, "break one behaviour on purpose (repeatable; 'list')" },
	{ "tun", "NAME", set_tun, "data plane: a TUN device NAME for the home network (none)" },
	{ "log", "debug|info|warn", set_log, "least level logged (info)" },
};

#define N_SETTINGS (sizeof settings / sizeof settings[0])

static const struct conf_setting *setting_find(const char *name)
{
	for (size_t i = 0; i < N_SETTINGS; i++)
		if (!strcmp(settings[i].name, name))
			return &settings[i];
	return NULL;
}

const char *ha_conf_suggest(const char *name)
{
	const char *best = NULL;
	unsigned d = 99;

	for (size_t i = 0; i < N_SETTINGS; i++)
		if (is_close(name, settings[i].name, &d))
			best = settings[i].name;
	return best;
}

void ha_conf_init(struct ha_conf *c)
{
	memset(c, 0, sizeof *c);
	ha_config_defaults(&c->cfg);
	c->log = HA_LOG_INFO;
}

void ha_conf_finish(struct ha_conf *c)
{
	pool_destroy(c->cfg.pool);
	c->cfg.pool = NULL;
}

struct pool *ha_conf_take_pool(struct ha_conf *c)
{
	struct pool *p = c->cfg.pool;

	c->cfg.pool = NULL;
	return p;
}

int ha_conf_set(struct ha_conf *c, const char *name, const char *value, char *err,
		size_t errlen)
{
	const struct conf_setting *s = setting_find(name);

	if (!s) {
		conf_fail(err, errlen, "unknown setting");
		return -2;
	}
	return s->apply(c, value, err, errlen) < 0 ? -1 : 0;
}

/* ---- configuration files ---- */

/* A value's error at its token: the SA parser's "column N" becomes the file's column
 * when the token is a plain word (a quoted string's columns do not map one to one). */
static int value_error(struct lex_err *le, const char *file, const struct conf_setting *s,
		       const struct lex_tok *v, const char *msg)
{
	unsigned long n;
	char *end;

	if (v->kind == LEX_WORD && !strncmp(msg, "column ", 7)) {
		n = strtoul(msg + 7, &end, 10);
		if (n >= 1 && n <= v->len + 1 && !strncmp(end, ": ", 2))
			return lex_errf(le, file, v->line, v->col + (unsigned)n - 1, "%s: %s",
					s->name, end + 2);
	}
	return lex_errf(le, file, v->line, v->col, "%s: %s", s->name, msg);
}

static int unknown_setting(struct lex_err *le, const char *file, const struct lex_tok *t)
{
	const char *near = ha_conf_suggest(t->text);

	if (near)
		return lex_errf(le, file, t->line, t->col,
				"unknown setting '%s' (did you mean '%s'?)", t->text, near);
	return lex_errf(le, file, t->line, t->col, "unknown setting '%s'", t->text);
}

/* One statement: NAME VALUE. */
static int conf_statement(struct ha_conf *c, const struct lex_cmd *cmd, struct lex_err *le)
{
	const struct lex_tok *name = &cmd->tok[0], *v = &cmd->tok[1];
	const struct conf_setting *s;
	char msg[HA_CONF_ERR];

	if (name->kind != LEX_WORD)
		return lex_errf(le, cmd->file, name->line, name->col, "expected a setting name");
	s = setting_find(name->text);
	if (!s)
		return unknown_setting(le, cmd->file, name);
	if (cmd->n < 2)
		return lex_errf(le, cmd->file, cmd->end_line, cmd->end_col, "%s: missing %s",
				s->name, s->arg);
	if (v->kind == LEX_OP || strlen(v->text) != v->len)
		return lex_errf(le, cmd->file, v->line, v->col, "%s: expected %s", s->name,
				s->arg);
	if (cmd->n > 2)
		return lex_errf(le, cmd->file, cmd->tok[2].line, cmd->tok[2].col,
				"%s: one value only (unexpected '%s')", s->name,
				cmd->tok[2].text);
	if (s->apply == set_fault && !strcmp(v->text, "list"))
		return lex_errf(le, cmd->file, v->line, v->col,
				"fault: 'list' works on the command line only");
	if (s->apply(c, v->text, msg, sizeof msg) < 0)
		return value_error(le, cmd->file, s, v, msg);
	return 0;
}

int ha_conf_text(struct ha_conf *c, const char *file, const char *buf, size_t len, char *err,
		 size_t errlen)
{
	struct lex *lx = lex_create(file, buf, len);
	struct lex_cmd cmd;
	struct lex_err le;
	int rc;

	if (!lx)
		return conf_fail(err, errlen, "%s: %s", file, strerror(ENOMEM));
	while ((rc = lex_next_command(lx, &cmd, &le)) > 0)
		if (conf_statement(c, &cmd, &le) < 0) {
			rc = -1;
			break;
		}
	if (rc < 0 && err && errlen)
		lex_err_str(&le, err, errlen);
	lex_destroy(lx);
	return rc < 0 ? -1 : 0;
}

/* The whole file in a new buffer; NULL with errno set. */
static char *read_all(FILE *f, size_t *len)
{
	size_t cap = 4096, got;
	char *buf = malloc(cap), *nb;

	*len = 0;
	while (buf && (got = fread(buf + *len, 1, cap - *len, f)) > 0) {
		*len += got;
		if (*len > CONF_FILE_MAX) {
			free(buf);
			errno = EFBIG;
			return NULL;
		}
		if (*len == cap) {
			nb = realloc(buf, cap *= 2);
			if (!nb)
				free(buf);
			buf = nb;
		}
	}
	if (buf && ferror(f)) {
		free(buf);
		errno = EIO;
		return NULL;
	}
	return buf;
}

int ha_conf_file(struct ha_conf *c, const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	size_t len;
	char *buf;
	int rc;

	if (!f)
		return conf_fail(err, errlen, "%s: %s", path, strerror(errno));
	buf = read_all(f, &len);
	if (!buf) {
		rc = conf_fail(err, errlen, "%s: %s", path, strerror(errno));
		fclose(f);
		return rc;
	}
	fclose(f);
	rc = ha_conf_text(c, path, buf, len, err, errlen);
	free(buf);
	return rc;
}

/* ---- the command line ---- */

static void long_options(struct option *lo)
{
	size_t i;

	for (i = 0; i < N_SETTINGS; i++)
		lo[i] = (struct option){ settings[i].name, required_argument, NULL,
					 CONF_OPT_BASE + (int)i };
	lo[i++] = (struct option){ "help", no_argument, NULL, 'h' };
	lo[i] = (struct option){ NULL, 0, NULL, 0 };
}

/* "--lisen=x" → "lisen" in buf. */
static const char *option_word(const char *arg, char *buf, size_t n)
{
	size_t len;

	while (*arg == '-')
		arg++;
	len = strcspn(arg, "=");
	if (len >= n)
		len = n - 1;
	memcpy(buf, arg, len);
	buf[len] = '\0';
	return buf;
}

static int bad_option(int c, int argc, char **argv, char *err, size_t errlen)
{
	const char *arg = optind > 0 && optind <= argc ? argv[optind - 1] : "?";
	char word[64];
	const char *near;

	if (c == ':')
		return conf_fail(err, errlen, "option '%s' needs an argument", arg);
	if (optopt)
		return conf_fail(err, errlen, "unknown option '-%c'", optopt);
	near = ha_conf_suggest(option_word(arg, word, sizeof word));
	if (near)
		return conf_fail(err, errlen, "unknown option '%s' (did you mean '--%s'?)", arg,
				 near);
	return conf_fail(err, errlen, "unknown or ambiguous option '%s'", arg);
}

static int apply_option(struct ha_conf *c, int opt, const char *v, char *err, size_t errlen)
{
	const struct conf_setting *s = &settings[opt - CONF_OPT_BASE];
	char msg[HA_CONF_ERR];

	if (s->apply(c, v, msg, sizeof msg) < 0)
		return conf_fail(err, errlen, "--%s '%s': %s", s->name, v, msg);
	return 0;
}

static int one_option(struct ha_conf *c, int opt, int argc, char **argv, char *err,
		      size_t errlen)
{
	if (opt >= CONF_OPT_BASE)
		return apply_option(c, opt, optarg, err, errlen);
	switch (opt) {
	case 'c':
		return ha_conf_file(c, optarg, err, errlen);
	case 'h':
		c->help = true;
		return 0;
	default:
		return bad_option(opt, argc, argv, err, errlen);
	}
}

int ha_conf_args(struct ha_conf *c, int argc, char **argv, char *err, size_t errlen)
{
	struct option lo[N_SETTINGS + 2];
	int opt;

	long_options(lo);
	/* argv is the subcommand's: start afresh.  0 (not 1) also drops glibc's and musl's
	 * memory of a half-read "-abc" from an earlier call that stopped at an error. */
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":c:h", lo, NULL)) != -1)
		if (one_option(c, opt, argc, argv, err, errlen) < 0)
			return -1;
	if (optind < argc)
		return conf_fail(err, errlen, "unexpected argument '%s'", argv[optind]);
	return 0;
}

/* ---- after all settings ---- */

static int add_own_addr(struct ha_config *cfg, uint32_t a, char *err, size_t errlen)
{
	for (unsigned i = 0; i < cfg->n_addrs; i++)
		if (cfg->addrs[i] == a)
			return 0;
	if (cfg->n_addrs == HA_ADDR_MAX)
		return conf_fail(err, errlen, "more than %d HA addresses (--listen, --ha-addr)",
				 HA_ADDR_MAX);
	cfg->addrs[cfg->n_addrs++] = a;
	return 0;
}

int ha_conf_resolve(struct ha_conf *c, char *err, size_t errlen)
{
	if (c->n_listen == 0) {
		c->listen[0] = (struct ha_conf_listen){ 0, HA_CONF_PORT };
		c->n_listen = 1;
	}
	c->cfg.n_addrs = 0;
	for (unsigned i = 0; i < c->n_listen; i++)
		if (c->listen[i].addr && add_own_addr(&c->cfg, c->listen[i].addr, err, errlen))
			return -1;
	for (unsigned i = 0; i < c->n_ha_addr; i++)
		if (add_own_addr(&c->cfg, c->ha_addr[i], err, errlen) < 0)
			return -1;
	return 0;
}

/* ---- listings ---- */

void ha_conf_fault_list(FILE *f)
{
	for (int i = 0; i < HA_FAULT_COUNT; i++)
		fprintf(f, "%s  %s\n", ha_fault_name((enum ha_fault)i),
			ha_fault_help((enum ha_fault)i));
}

void ha_conf_usage(FILE *f)
{
	char opt[48];

	fprintf(f, "usage: pmip4ct ha [-c FILE] [OPTION VALUE]...\n"
		   "  the reference Home Agent, in the foreground; options and the statements\n"
		   "  of FILE (NAME VALUE, one per line) apply in the order given\n\n");
	for (size_t i = 0; i < N_SETTINGS; i++) {
		snprintf(opt, sizeof opt, "--%s %s", settings[i].name, settings[i].arg);
		fprintf(f, "  %-32s %s\n", opt, settings[i].help);
	}
	fprintf(f, "  %-32s %s\n  %-32s %s\n\nSee pmip4ct(1).\n", "-c FILE",
		"read settings from FILE", "-h, --help", "this help");
}
