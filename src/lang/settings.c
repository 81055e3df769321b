/* settings.c — a daemon's settings engine: one table read as command-line options and as
 * the statements of a configuration file, applied in order; and the shared value parsers.
 */
#include "settings.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>

#include "input.h"
#include "lex.h"
#include "txt.h"

#define CONF_FILE_MAX (1u << 20) /* a configuration file is small */
#define CONF_OPT_BASE 256        /* getopt_long value of setting 0 */
#define SETTINGS_MAX  64         /* rows of a table */

int settings_fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		char raw[SETTINGS_ERR];

		va_start(ap, fmt);
		vsnprintf(raw, sizeof raw, fmt, ap);
		va_end(ap);
		/* a value quoted from the command line cannot drive a terminal (issue #14) */
		txt_escape(err, errlen, raw, strlen(raw), TXT_ESC_TEXT);
	}
	return -1;
}

/* ---- values ---- */

int settings_addr(const char *v, uint32_t *addr)
{
	struct in_addr in;

	if (inet_pton(AF_INET, v, &in) != 1)
		return -1;
	*addr = ntohl(in.s_addr);
	return 0;
}

int settings_mac(const char *v, uint8_t mac[6])
{
	unsigned b[6];
	char tail;

	if (strlen(v) != 17 || sscanf(v, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2],
				      &b[3], &b[4], &b[5], &tail) != 6)
		return -1;
	for (int i = 0; i < 6; i++)
		mac[i] = (uint8_t)b[i];
	return 0;
}

int settings_unicast(const char *v, uint32_t *addr, char *err, size_t errlen)
{
	uint32_t a;

	if (settings_addr(v, &a) < 0 || a == 0 || a == UINT32_MAX)
		return settings_fail(err, errlen, "expected a unicast IPv4 address");
	*addr = a;
	return 0;
}

int settings_addr_or_none(const char *v, uint32_t *addr, char *err, size_t errlen)
{
	if (settings_addr(v, addr) < 0)
		return settings_fail(err, errlen, "expected an IPv4 address (0.0.0.0 = none)");
	return 0;
}

int settings_num(const char *v, uint64_t min, uint64_t max, uint64_t *out, char *err,
		 size_t errlen)
{
	uint64_t n;

	if (txt_u64(v, strlen(v), max, &n, NULL) < 0 || n < min)
		return settings_fail(err, errlen, "expected a number %llu-%llu",
				     (unsigned long long)min, (unsigned long long)max);
	*out = n;
	return 0;
}

int settings_onoff(const char *v, bool *out, char *err, size_t errlen)
{
	if (!strcmp(v, "on"))
		*out = true;
	else if (!strcmp(v, "off"))
		*out = false;
	else
		return settings_fail(err, errlen, "expected on or off");
	return 0;
}

int settings_level(const char *v, int *out, char *err, size_t errlen)
{
	static const char *const names[] = { "debug", "info", "warn" };

	for (int i = 0; i < 3; i++)
		if (!strcmp(v, names[i])) {
			*out = i;
			return 0;
		}
	return settings_fail(err, errlen, "expected debug, info or warn");
}

int settings_ifname(const char *v, char *out, size_t cap, char *err, size_t errlen)
{
	size_t n = strlen(v);

	if (n == 0 || n >= cap || strpbrk(v, "/: \t\n") || !strcmp(v, ".") || !strcmp(v, ".."))
		return settings_fail(err, errlen, "expected a device name of 1-%zu characters, "
				     "no / : or blank", cap - 1);
	memcpy(out, v, n + 1);
	return 0;
}

/* ---- "did you mean" ---- */

/* Whether cand is close enough to word to be what was meant, and closer than *best. */
static bool is_close(const char *word, const char *cand, unsigned *best)
{
	unsigned d = txt_edit_distance(word, cand);

	if (d > 2 || 2 * d > strlen(word) || d >= *best)
		return false;
	*best = d;
	return true;
}

const char *settings_suggest(const struct settings *t, const char *name)
{
	const char *best = NULL;
	unsigned d = 99;

	for (size_t i = 0; i < t->n; i++)
		if (is_close(name, t->rows[i].name, &d))
			best = t->rows[i].name;
	return best;
}

/* ---- faults and variants ---- */

static const char *member_suggest(const struct bitset_names *k, const char *name)
{
	const char *best = NULL;
	unsigned d = 99;

	for (unsigned i = 0; i < k->n; i++)
		if (bitset_name(k, i) && is_close(name, bitset_name(k, i), &d))
			best = bitset_name(k, i);
	return best;
}

int settings_member(const struct bitset_names *k, const char *what, const char *v,
		    struct bitset *set, bool *list, char *err, size_t errlen)
{
	const char *near;
	int f;

	if (!strcmp(v, "list")) {
		*list = true;
		return 0;
	}
	if (!strcmp(v, "none")) {
		*set = (struct bitset){ { 0 } };
		return 0;
	}
	f = bitset_lookup(k, v);
	if (f >= 0) {
		bitset_add(set, (unsigned)f);
		return 0;
	}
	near = member_suggest(k, v);
	if (near)
		return settings_fail(err, errlen, "unknown %s (did you mean '%s'?)", what, near);
	return settings_fail(err, errlen, "unknown %s ('--%s list' shows them)", what, what);
}

void settings_member_list(const struct bitset_names *k, FILE *f)
{
	for (unsigned i = 0; i < k->n; i++)
		if (bitset_name(k, i))
			fprintf(f, "%s  %s\n", bitset_name(k, i), bitset_help(k, i));
}

/* ---- by name ---- */

static const struct setting *setting_find(const struct settings *t, const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->rows[i].name, name))
			return &t->rows[i];
	return NULL;
}

int settings_set(const struct settings *t, void *obj, const char *name, const char *value,
		 char *err, size_t errlen)
{
	const struct setting *s = setting_find(t, name);

	if (!s) {
		settings_fail(err, errlen, "unknown setting");
		return -2;
	}
	return s->set(obj, value, err, errlen) < 0 ? -1 : 0;
}

/* ---- configuration files ---- */

/* A value's error at its token: a parser's "column N" becomes the file's column when the
 * token is a plain word (a quoted string's columns do not map one to one). */
static int value_error(struct lex_err *le, const char *file, const struct setting *s,
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

static int unknown_setting(const struct settings *t, struct lex_err *le, const char *file,
			   const struct lex_tok *tok)
{
	const char *near = settings_suggest(t, tok->text);

	if (near)
		return lex_errf(le, file, tok->line, tok->col,
				"unknown setting '%s' (did you mean '%s'?)", tok->text, near);
	return lex_errf(le, file, tok->line, tok->col, "unknown setting '%s'", tok->text);
}

/* A statement's value: present, one, a plain string, not a command-line-only word. */
static int check_value(const struct setting *s, const struct lex_cmd *cmd, struct lex_err *le)
{
	const struct lex_tok *v = &cmd->tok[1];

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
	if (s->cli_only && !strcmp(v->text, s->cli_only))
		return lex_errf(le, cmd->file, v->line, v->col,
				"%s: '%s' works on the command line only", s->name, s->cli_only);
	return 0;
}

/* One statement: NAME VALUE. */
static int statement(const struct settings *t, void *obj, const struct lex_cmd *cmd,
		     struct lex_err *le)
{
	const struct lex_tok *name = &cmd->tok[0];
	const struct setting *s;
	char msg[SETTINGS_ERR];

	if (name->kind != LEX_WORD)
		return lex_errf(le, cmd->file, name->line, name->col, "expected a setting name");
	s = setting_find(t, name->text);
	if (!s)
		return unknown_setting(t, le, cmd->file, name);
	if (check_value(s, cmd, le) < 0)
		return -1;
	if (s->set(obj, cmd->tok[1].text, msg, sizeof msg) < 0)
		return value_error(le, cmd->file, s, &cmd->tok[1], msg);
	return 0;
}

int settings_text(const struct settings *t, void *obj, const char *file, const char *buf,
		  size_t len, char *err, size_t errlen)
{
	struct lex *lx = lex_create(file, buf, len);
	struct lex_cmd cmd;
	struct lex_err le;
	int rc;

	if (!lx)
		return settings_fail(err, errlen, "%s: %s", file, strerror(ENOMEM));
	while ((rc = lex_next_command(lx, &cmd, &le)) > 0)
		if (statement(t, obj, &cmd, &le) < 0) {
			rc = -1;
			break;
		}
	if (rc < 0 && err && errlen)
		lex_err_str(&le, err, errlen);
	lex_destroy(lx);
	return rc < 0 ? -1 : 0;
}

int settings_file(const struct settings *t, void *obj, const char *path, char *err,
		  size_t errlen)
{
	size_t len;
	int rc, e;
	char *buf = input_read_path(path, CONF_FILE_MAX, &len, &e);

	if (!buf)
		return settings_fail(err, errlen, "%s: %s", path, strerror(e));
	rc = settings_text(t, obj, path, buf, len, err, errlen);
	free(buf);
	return rc;
}

/* ---- the command line ---- */

static void long_options(const struct settings *t, struct option *lo)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		lo[i] = (struct option){ t->rows[i].name, required_argument, NULL,
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

int settings_bad_option(const struct settings *t, int c, int argc, char **argv, char *err,
			size_t errlen)
{
	const char *arg = optind > 0 && optind <= argc ? argv[optind - 1] : "?";
	char word[64];
	const char *near;

	if (c == ':')
		return settings_fail(err, errlen, "option '%s' needs an argument", arg);
	if (optopt)
		return settings_fail(err, errlen, "unknown option '-%c'", optopt);
	if (!t)
		return settings_fail(err, errlen, "unknown option '%s'", arg);
	near = settings_suggest(t, option_word(arg, word, sizeof word));
	if (near)
		return settings_fail(err, errlen, "unknown option '%s' (did you mean '--%s'?)",
				     arg, near);
	return settings_fail(err, errlen, "unknown or ambiguous option '%s'", arg);
}

static int apply_option(const struct setting *s, void *obj, const char *v, char *err,
			size_t errlen)
{
	char msg[SETTINGS_ERR];

	if (s->set(obj, v, msg, sizeof msg) < 0)
		return settings_fail(err, errlen, "--%s '%s': %s", s->name, v, msg);
	return 0;
}

int settings_args(const struct settings *t, void *obj, int argc, char **argv, bool *help,
		  char *err, size_t errlen)
{
	struct option lo[SETTINGS_MAX + 2];
	int opt, rc;

	if (t->n > SETTINGS_MAX)
		return settings_fail(err, errlen, "too many settings");
	long_options(t, lo);
	/* argv is the subcommand's: start afresh.  0 (not 1) also drops glibc's and musl's
	 * memory of a half-read "-abc" from an earlier call that stopped at an error. */
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":c:h", lo, NULL)) != -1) {
		rc = 0;
		if (opt >= CONF_OPT_BASE)
			rc = apply_option(&t->rows[opt - CONF_OPT_BASE], obj, optarg, err, errlen);
		else if (opt == 'c')
			rc = settings_file(t, obj, optarg, err, errlen);
		else if (opt == 'h')
			*help = true;
		else
			rc = settings_bad_option(t, opt, argc, argv, err, errlen);
		if (rc < 0)
			return -1;
	}
	if (optind < argc)
		return settings_fail(err, errlen, "unexpected argument '%s'", argv[optind]);
	return 0;
}

void settings_usage(const struct settings *t, FILE *f)
{
	char opt[48];

	fprintf(f, "usage: %s [-c FILE] [OPTION VALUE]...\n%s\n", t->prog, t->intro);
	for (size_t i = 0; i < t->n; i++) {
		snprintf(opt, sizeof opt, "--%s %s", t->rows[i].name, t->rows[i].arg);
		fprintf(f, "  %-32s %s\n", opt, t->rows[i].help);
	}
	fprintf(f, "  %-32s %s\n  %-32s %s\n\nSee pmip4ct(1).\n", "-c FILE",
		"read settings from FILE", "-h, --help", "this help");
}
