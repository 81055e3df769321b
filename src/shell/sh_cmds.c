/* sh_cmds.c — the command tables and the core commands of the shell (pmip4ct-shell(7)):
 * help, set, unset, vars, echo, repeat, source, decode, craft, replay, gen, report, debug,
 * save session, quit/exit.  decode, craft, replay, gen and report are the subcommands
 * themselves, given an argv.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "expr.h"
#include "sh.h"
#include "sh_priv.h"

#define SH_REPEAT_MAX 10000000ul

/* Every table of commands.  A new group of commands adds its table here. */
static const struct sh_table *const tables[] = {
	&sh_core_table,
	&sh_net_table,
	&sh_data_table,
	&sh_msg_table,
	&sh_show_table,
	&sh_runcase_table,
};

#define N_TABLES (sizeof tables / sizeof tables[0])

const struct sh_command *sh_command_find(const char *name)
{
	for (size_t t = 0; t < N_TABLES; t++)
		for (size_t k = 0; k < tables[t]->n; k++)
			if (!strcmp(tables[t]->rows[k].name, name))
				return &tables[t]->rows[k];
	return NULL;
}

const struct sh_command *sh_command_lookup(const char *name)
{
	struct sh_abbrev a;
	const char *full;

	sh_abbrev_init(&a, name);
	sh_command_names(sh_abbrev_add, &a);
	full = sh_abbrev_word(&a);
	return full ? sh_command_find(full) : NULL;
}

void sh_command_names(sh_add_fn add, void *arg)
{
	for (size_t t = 0; t < N_TABLES; t++)
		for (size_t k = 0; k < tables[t]->n; k++)
			add(arg, tables[t]->rows[k].name);
}

void sh_complete_case_ids(sh_add_fn add, void *arg)
{
	size_t n;
	const struct case_def *const *all = case_all(&n);

	char buf[256];

	for (size_t k = 0; k < n; k++) {
		snprintf(buf, sizeof buf, "%s\t%s", all[k]->id, all[k]->title);
		add(arg, buf);
	}
}

/* ---- abbreviations ---- */

/* The SH_CMD_SUBWORD first argument w of def among the words its completer lists. */
static void subword_abbrev(struct sh *sh, const struct sh_command *def, const char *w,
			   struct sh_abbrev *a)
{
	struct lex_tok t = { .kind = LEX_WORD, .text = def->name, .len = strlen(def->name) };

	sh_abbrev_init(a, w);
	def->complete(sh, &t, 1, sh_abbrev_add, a);
}

/* The command toks[0] names, exactly or by unique abbreviation, or NULL; *out a copy of
 * toks[0..n) (free() it; NULL when out of memory) with the command's name written out
 * and, for SH_CMD_SUBWORD, its first argument when n > 1 and it abbreviates one word
 * (sub holds it): what the completers read. */
static const struct sh_command *resolve_toks(struct sh *sh, const struct lex_tok *toks,
					     size_t n, struct lex_tok **out, char *sub,
					     size_t subn)
{
	const struct sh_command *def;
	struct lex_tok *copy;
	struct sh_abbrev a;
	const char *full;

	if (out)
		*out = NULL;
	def = n && toks[0].kind == LEX_WORD ? sh_command_lookup(toks[0].text) : NULL;
	if (!def || !out || !(copy = malloc(n * sizeof *copy)))
		return def;
	memcpy(copy, toks, n * sizeof *copy);
	copy[0].text = def->name;
	copy[0].len = strlen(def->name);
	if ((def->flags & SH_CMD_SUBWORD) && def->complete && n > 1 &&
	    toks[1].kind == LEX_WORD) {
		subword_abbrev(sh, def, toks[1].text, &a);
		full = sh_abbrev_word(&a);
		if (full && full != toks[1].text && strlen(full) < subn) {
			copy[1].text = strcpy(sub, full);
			copy[1].len = strlen(full);
		}
	}
	*out = copy;
	return def;
}

/* "ha, pma, mn or cn": the candidates of one place, for an error. */
struct listing {
	char buf[256];
	size_t at;
	const char *last;
	char held[64];
};

static void listing_add(void *arg, const char *cand)
{
	struct listing *l = arg;
	size_t len = sh_cand_len(cand);

	if (l->last && l->at < sizeof l->buf)
		l->at += (size_t)snprintf(l->buf + l->at, sizeof l->buf - l->at, "%s%s",
					  l->at ? ", " : "", l->held);
	snprintf(l->held, sizeof l->held, "%.*s", (int)len, cand);
	l->last = l->held;
}

static const char *listing_str(struct listing *l)
{
	if (l->last && l->at < sizeof l->buf)
		snprintf(l->buf + l->at, sizeof l->buf - l->at, "%s%s", l->at ? " or " : "",
			 l->held);
	return l->buf;
}

/* Replace the text of token k of x (malloc'd) by a copy of w. */
static int retext(struct lex_cmd *x, size_t k, const char *w)
{
	struct lex_tok *t = (struct lex_tok *)(uintptr_t)&x->tok[k];
	char *copy = strdup(w);

	if (!copy)
		return -1;
	free((char *)(uintptr_t)t->text);
	t->text = copy;
	t->len = strlen(copy);
	return 0;
}

const struct sh_command *sh_resolve_cmd(struct sh *sh, const struct lex_cmd *c)
{
	const struct lex_tok *t0 = &c->tok[0];
	const struct sh_command *def = NULL;
	struct sh_suggest s;
	struct sh_abbrev a;
	const char *full;

	if (t0->kind == LEX_WORD) {
		sh_abbrev_init(&a, t0->text);
		sh_command_names(sh_abbrev_add, &a);
		full = sh_abbrev_word(&a);
		if (!full) {
			sh_err_at(sh, c, t0, "ambiguous command '%s': %s", t0->text, a.list);
			return NULL;
		}
		def = sh_command_find(full);
	}
	if (!def) {
		sh_suggest_init(&s, t0->text);
		sh_command_names(sh_suggest_add, &s);
		sh_err_at(sh, c, t0, "unknown command '%s'%s", t0->text,
			  s.best ? sh_suggest_str(&s) : " (try 'help')");
	}
	return def;
}

/* The word the SH_CMD_SUBWORD first argument t1 of def stands for, into *full; -1 after
 * reporting an ambiguous or unknown one (the candidates, "did you mean"). */
static int subword_check(struct sh *sh, const struct sh_command *def, const struct lex_cmd *c,
			 const struct lex_tok *t1, struct sh_abbrev *a, const char **full)
{
	struct sh_suggest s;
	struct listing l = { .at = 0 };

	subword_abbrev(sh, def, t1->text, a);
	*full = sh_abbrev_word(a);
	if (!*full)
		return sh_err_at(sh, c, t1, "'%s' is ambiguous: %s", t1->text, a->list);
	if (a->exact || a->n)
		return 0;
	l.buf[0] = '\0';
	sh_suggest_init(&s, t1->text);
	def->complete(sh, c->tok, 1, sh_suggest_add, &s);
	def->complete(sh, c->tok, 1, listing_add, &l);
	return sh_err_at(sh, c, t1, "expected %s, got '%s'%s", listing_str(&l), t1->text,
			 sh_suggest_str(&s));
}

static bool has_subword(const struct sh_command *def, const struct lex_cmd *c)
{
	return (def->flags & SH_CMD_SUBWORD) && def->complete && c->n > 1 &&
	       c->tok[1].kind == LEX_WORD;
}

int sh_resolve_args(struct sh *sh, const struct sh_command *def, struct lex_cmd *x)
{
	struct sh_abbrev a;
	const char *full;

	if (strcmp(x->tok[0].text, def->name) && retext(x, 0, def->name) < 0)
		return sh_err_at(sh, x, &x->tok[0], "out of memory");
	if (!has_subword(def, x))
		return 0;
	if (subword_check(sh, def, x, &x->tok[1], &a, &full) < 0)
		return -1;
	if (full != x->tok[1].text && retext(x, 1, full) < 0)
		return sh_err_at(sh, x, &x->tok[0], "out of memory");
	return 0;
}

int sh_check_cmd(struct sh *sh, const struct lex_cmd *c)
{
	const struct sh_command *def;
	struct lex_cmd view = *c;
	struct sh_abbrev a;
	const char *full;

	for (size_t k = 0; k < c->n; k++)
		if (lex_is_word(&c->tok[k], "?"))
			return 0; /* help, not run */
	if (c->n == 0)
		return 0;
	def = sh_resolve_cmd(sh, c);
	if (!def)
		return -1;
	if (has_subword(def, c) && !strchr(c->tok[1].text, '$')) {
		/* the completer reads the command's name as written out */
		struct lex_tok toks[2] = { c->tok[0], c->tok[1] };

		toks[0].text = def->name;
		view.tok = toks;
		view.n = 2;
		return subword_check(sh, def, &view, &toks[1], &a, &full);
	}
	if ((def->flags & SH_CMD_RAW) && c->n > 2) { /* repeat N COMMAND... */
		view.tok = c->tok + 2;
		view.n = c->n - 2;
		return sh_check_cmd(sh, &view);
	}
	return 0;
}

unsigned sh_complete_args(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
			  void *arg)
{
	const struct sh_command *def;
	struct lex_tok *copy;
	char sub[64];
	unsigned rc;

	if (n == 0) {
		sh_command_names(add, arg);
		return 0;
	}
	def = resolve_toks(sh, toks, n, &copy, sub, sizeof sub);
	rc = def && def->complete ? def->complete(sh, copy ? copy : toks, n, add, arg) : 0;
	free(copy);
	return rc;
}

/* ---- argument helpers ---- */

int sh_want_args(struct sh *sh, const struct lex_cmd *cmd, size_t first, size_t min,
		     size_t max, const char *usage)
{
	size_t have = cmd->n - first;

	if (have < min)
		return sh_err_at(sh, cmd, NULL, "too few arguments; usage: %s", usage);
	if (have > max)
		return sh_err_at(sh, cmd, &cmd->tok[first + max],
				 "too many arguments; usage: %s", usage);
	return 0;
}

/* A decimal number 0..max. */
static int tok_num(struct sh *sh, const struct lex_cmd *cmd, const struct lex_tok *t,
		   const char *text, unsigned long max, unsigned long *v)
{
	char *end;

	if (text[0] < '0' || text[0] > '9')
		goto bad;
	*v = strtoul(text, &end, 10);
	if (*end || *v > max)
		goto bad;
	return 0;
bad:
	return sh_err_at(sh, cmd, t, "expected a number 0-%lu, got '%s'", max, text);
}

/* ---- help ---- */

#define SH_HELP_WIDTH 100 /* the help never goes past this column */

/* The words of text[0..len) from column col on, filling lines up to SH_HELP_WIDTH and
 * going on at column indent: blanks and newlines between words collapse, and a line is
 * cut only between words.  Returns the column it ended at. */
static size_t wrap(FILE *f, const char *text, size_t len, size_t col, size_t indent)
{
	size_t k = 0;
	bool first = true;

	while (k < len) {
		size_t w;

		while (k < len && strchr(" \t\n", text[k]))
			k++;
		for (w = k; w < len && !strchr(" \t\n", text[w]); w++)
			;
		if (w == k)
			break;
		if (!first && col + 1 + (w - k) > SH_HELP_WIDTH) {
			col = (size_t)fprintf(f, "\n%*s", (int)indent, "") - 1;
		} else if (!first) {
			fputc(' ', f);
			col++;
		}
		col += fwrite(text + k, 1, w - k, f);
		first = false;
		k = w;
	}
	return col;
}

/* The length of a command's summary: the first sentence of its help. */
static size_t summary_len(const char *help)
{
	const char *p = help;

	while ((p = strchr(p, '.')) && p[1] && !strchr(" \n", p[1]))
		p++;
	return p ? (size_t)(p - help) + 1 : strlen(help);
}

static void help_list(struct sh *sh)
{
	int w = 0;

	for (size_t t = 0; t < N_TABLES; t++)
		for (size_t k = 0; k < tables[t]->n; k++)
			if ((int)strlen(tables[t]->rows[k].name) > w)
				w = (int)strlen(tables[t]->rows[k].name);
	fprintf(sh->out, "commands:\n");
	for (size_t t = 0; t < N_TABLES; t++)
		for (size_t k = 0; k < tables[t]->n; k++) {
			const struct sh_command *c = &tables[t]->rows[k];

			fprintf(sh->out, "  %-*s  ", w, c->name);
			wrap(sh->out, c->help, summary_len(c->help), (size_t)w + 4, (size_t)w + 4);
			fputc('\n', sh->out);
		}
	fprintf(sh->out, "Type 'help COMMAND' for one command, 'help expr' for message "
			 "expressions;\n'?' anywhere in a line shows the help of the command "
			 "typed so far.\n");
}

static void help_command(struct sh *sh, const struct sh_command *c)
{
	fprintf(sh->out, "usage: ");
	wrap(sh->out, c->synopsis, strlen(c->synopsis), 7, 7);
	fputc('\n', sh->out);
	for (const char *l = c->help, *nl; *l; l = nl + 1) { /* indented two blanks */
		nl = strchr(l, '\n');
		if (!nl)
			nl = l + strlen(l) - 1;
		fprintf(sh->out, "%s%.*s\n", *l == ' ' ? "" : "  ", (int)(nl - l), l);
	}
}

/* help for an expression keyword; false when there is none */
static bool help_keyword(struct sh *sh, const char *word)
{
	struct expr_keyword kw;
	bool found = false;

	for (unsigned i = 0; expr_keyword(i, &kw); i++)
		if (!strcmp(kw.name, word)) {
			fprintf(sh->out, "%s%s%s: %s\n", kw.name, kw.args[0] ? " " : "", kw.args,
				kw.help);
			found = true;
		}
	return found;
}

struct words {
	FILE *f;
	size_t col;
	unsigned n;
};

/* One candidate of "next:": the words flow on lines of up to 78 columns; one with a
 * title has a line of its own. */
static void words_add(void *arg, const char *w)
{
	struct words *ws = arg;
	size_t len = sh_cand_len(w);

	if (w[len]) {
		fprintf(ws->f, "\n      %-14.*s %s", (int)len, w, w + len + 1);
		ws->col = 79; /* the next word starts a line */
	} else {
		if (ws->col + len + 1 > 78) {
			fprintf(ws->f, "\n     ");
			ws->col = 5;
		}
		ws->col += (size_t)fprintf(ws->f, " %s", w);
	}
	ws->n++;
}

void sh_help_for(struct sh *sh, const struct lex_tok *toks, size_t n)
{
	const struct sh_command *def;
	struct words ws = { sh->out, 5, 0 };
	unsigned files;

	struct lex_tok *copy;
	char sub[64];

	def = resolve_toks(sh, toks, n, &copy, sub, sizeof sub);
	if (!def) {
		help_list(sh);
		return;
	}
	help_command(sh, def);
	if (n == 1 && !def->complete) {
		free(copy);
		return;
	}
	fprintf(sh->out, "next:");
	files = def->complete ? def->complete(sh, copy ? copy : toks, n, words_add, &ws) : 0;
	free(copy);
	if (files & SH_COMPLETE_FILES)
		words_add(&ws, "FILE");
	if (!ws.n)
		words_add(&ws, "(any word)");
	fprintf(sh->out, "\n");
}

static int c_help(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	const struct sh_command *def;
	struct sh_suggest s;
	struct sh_abbrev a;
	const char *w;

	if (sh_want_args(sh, cmd, first, 0, 1, "help [COMMAND|expr|KEYWORD]") < 0)
		return -1;
	if (first == cmd->n) {
		help_list(sh);
		return 0;
	}
	w = cmd->tok[first].text;
	def = sh_command_find(w);
	if (def) {
		help_command(sh, def);
		return 0;
	}
	if (!strcmp(w, "expr") || !strcmp(w, "lang")) {
		expr_help(sh->out);
		return 0;
	}
	if (help_keyword(sh, w))
		return 0;
	sh_abbrev_init(&a, w);
	sh_command_names(sh_abbrev_add, &a);
	if (a.n == 1) {
		help_command(sh, sh_command_find(a.full));
		return 0;
	}
	if (a.n > 1)
		return sh_err_at(sh, cmd, &cmd->tok[first], "ambiguous command '%s': %s", w,
				 a.list);
	sh_suggest_init(&s, w);
	sh_command_names(sh_suggest_add, &s);
	return sh_err_at(sh, cmd, &cmd->tok[first], "no help for '%s'%s", w,
			 sh_suggest_str(&s));
}

static unsigned k_help(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
		       void *arg)
{
	if (n == 1) {
		sh_command_names(add, arg);
		add(arg, "expr");
	}
	return 0;
}

/* ---- variables ---- */

static int c_set(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	const struct lex_tok *name = &cmd->tok[first];
	char *value;
	size_t len = 1, at = 0;
	int rc;

	if (cmd->n - first < 2)
		return sh_err_at(sh, cmd, NULL, "too few arguments; usage: set NAME VALUE...");
	if (!sh_var_name_ok(name->text))
		return sh_err_at(sh, cmd, name, "'%s' is no variable name (letters, digits, "
				 "'_'; not a digit first)", name->text);
	for (size_t k = first + 1; k < cmd->n; k++)
		len += strlen(cmd->tok[k].text) + 1;
	value = malloc(len);
	if (!value)
		return sh_err_at(sh, cmd, name, "out of memory");
	for (size_t k = first + 1; k < cmd->n; k++) {
		size_t n = strlen(cmd->tok[k].text);

		if (k > first + 1)
			value[at++] = ' ';
		memcpy(value + at, cmd->tok[k].text, n);
		at += n;
	}
	value[at] = '\0';
	rc = sh_set(sh, name->text, value);
	free(value);
	return rc < 0 ? sh_err_at(sh, cmd, name, "out of memory") : 0;
}

static int c_unset(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	if (first == cmd->n)
		return sh_err_at(sh, cmd, NULL, "too few arguments; usage: unset NAME...");
	for (size_t k = first; k < cmd->n; k++)
		sh_unset(sh, cmd->tok[k].text);
	return 0;
}

static int c_vars(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	if (sh_want_args(sh, cmd, first, 0, 0, "vars") < 0)
		return -1;
	for (size_t k = 0; k < sh->n_vars; k++)
		fprintf(sh->out, "%s=%s\n", sh->vars[k].name, sh->vars[k].value);
	return 0;
}

static unsigned k_vars(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
		       void *arg)
{
	for (size_t k = 0; k < sh->n_vars; k++)
		add(arg, sh->vars[k].name);
	return 0;
}

static int c_echo(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	for (size_t k = first; k < cmd->n; k++) {
		if (k > first)
			fputc(' ', sh->out);
		fwrite(cmd->tok[k].text, 1, cmd->tok[k].len, sh->out);
	}
	fputc('\n', sh->out);
	return 0;
}

/* ---- repeat, source ---- */

static int c_repeat(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	struct sh_rest rest = sh_rest_take(sh);
	unsigned long n;
	char *text, *old, num[24];
	int rc = 0;

	if (cmd->n - first < 1 || (cmd->n - first < 2 && !rest.n))
		return sh_err_at(sh, cmd, NULL, "too few arguments; usage: repeat N COMMAND...");
	if (sh_expand_tok(sh, cmd, first, &text) < 0)
		return -1;
	rc = tok_num(sh, cmd, &cmd->tok[first], text, SH_REPEAT_MAX, &n);
	free(text);
	if (rc < 0)
		return -1;
	old = sh_get(sh, "i") ? strdup(sh_get(sh, "i")) : NULL;
	for (unsigned long i = 1; i <= n && rc == 0 && !sh->quit; i++) {
		snprintf(num, sizeof num, "%lu", i);
		if (sh_set(sh, "i", num) < 0)
			return sh_err_at(sh, cmd, &cmd->tok[0], "out of memory");
		rc = sh_exec_rest(sh, cmd, first + 1, &rest);
	}
	if (old)
		sh_set(sh, "i", old);
	else
		sh_unset(sh, "i");
	free(old);
	return rc;
}

static unsigned k_repeat(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
			 void *arg)
{
	return n >= 2 ? sh_complete_args(sh, toks + 2, n - 2, add, arg) : 0;
}

static int c_source(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	int rc;

	if (sh_want_args(sh, cmd, first, 1, 1, "source FILE") < 0)
		return -1;
	rc = sh_source(sh, cmd, &cmd->tok[first], cmd->tok[first].text);
	return rc < 0 ? -1 : 0;
}

static unsigned k_files(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
			void *arg)
{
	return SH_COMPLETE_FILES;
}


/* ---- debug, save, quit ---- */

static const char *const groups[] = { "ha", "pma", "cases", "io" };
#define N_GROUPS (sizeof groups / sizeof groups[0])

static void debug_show(struct sh *sh)
{
	for (size_t g = 0; g < N_GROUPS; g++)
		fprintf(sh->out, "debug %-5s %s\n", groups[g],
			sh->debug & (1u << g) ? "on" : "off");
}

static int c_debug(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	const char *g, *v;
	unsigned bits = 0;

	if (first == cmd->n) {
		debug_show(sh);
		return 0;
	}
	if (sh_want_args(sh, cmd, first, 2, 2, "debug [GROUP on|off]") < 0)
		return -1;
	g = cmd->tok[first].text;
	v = cmd->tok[first + 1].text;
	for (size_t k = 0; k < N_GROUPS; k++)
		if (!strcmp(g, groups[k]) || !strcmp(g, "all"))
			bits |= 1u << k;
	if (!bits) /* sh_resolve_args() let no other word through */
		return sh_err_at(sh, cmd, &cmd->tok[first], "unknown debug group '%s'", g);
	if (strcmp(v, "on") && strcmp(v, "off"))
		return sh_err_at(sh, cmd, &cmd->tok[first + 1], "expected on or off, got '%s'",
				 v);
	if (!strcmp(v, "on"))
		sh->debug |= bits;
	else
		sh->debug &= ~bits;
	return 0;
}

static unsigned k_debug(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
			void *arg)
{
	if (n == 1) {
		for (size_t k = 0; k < N_GROUPS; k++)
			add(arg, groups[k]);
		add(arg, "all");
	} else if (n == 2) {
		add(arg, "on");
		add(arg, "off");
	}
	return 0;
}

static int c_save(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	const char *path;
	FILE *f;

	if (sh_want_args(sh, cmd, first, 2, 2, "save session FILE") < 0)
		return -1;
	if (!lex_is_word(&cmd->tok[first], "session"))
		return sh_err_at(sh, cmd, &cmd->tok[first], "expected 'session', got '%s'",
				 cmd->tok[first].text);
	path = cmd->tok[first + 1].text;
	f = fopen(path, "w");
	if (!f)
		return sh_err_at(sh, cmd, &cmd->tok[first + 1], "%s: %s", path, strerror(errno));
	fprintf(f, "# pmip4ct shell session; run it again with: pmip4ct %s\n", path);
	for (size_t k = 0; k < sh->n_typed; k++)
		fprintf(f, "%s\n", sh->typed[k]);
	if (fclose(f) != 0)
		return sh_err_at(sh, cmd, &cmd->tok[first + 1], "%s: %s", path, strerror(errno));
	fprintf(sh->out, "saved %zu line%s to %s\n", sh->n_typed, sh->n_typed == 1 ? "" : "s",
		path);
	return 0;
}

static unsigned k_save(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
		       void *arg)
{
	if (n == 1) {
		add(arg, "session");
		return 0;
	}
	return n == 2 ? SH_COMPLETE_FILES : 0;
}

static int c_quit(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	unsigned long st = 0;

	if (sh_want_args(sh, cmd, first, 0, 1, "quit [STATUS]") < 0)
		return -1;
	if (first < cmd->n &&
	    tok_num(sh, cmd, &cmd->tok[first], cmd->tok[first].text, 255, &st) < 0)
		return -1;
	sh->quit = true;
	sh->status = (int)st;
	return 0;
}

/* ---- the table ---- */

static const struct sh_command core[] = {
	{ "help", "help [COMMAND|expr|KEYWORD]",
	  "  Show the commands, or the help of one.\n"
	  "  help expr shows the grammar of message expressions, help KEYWORD one of\n"
	  "  its keywords (help lifetime).  '?' anywhere in a line shows the help of the\n"
	  "  command typed so far and the words that may follow.\n",
	  c_help, k_help, SH_CMD_NOLOG },
	{ "set", "set NAME VALUE...",
	  "  Set a variable.\n"
	  "  $NAME or ${NAME} in any later word or string is its value; several VALUE\n"
	  "  words are joined by one space.\n",
	  c_set, k_vars, 0 },
	{ "unset", "unset NAME...", "  Forget variables.\n", c_unset, k_vars, 0 },
	{ "vars", "vars", "  List the variables, one NAME=VALUE per line, by name.\n", c_vars,
	  NULL, SH_CMD_NOLOG },
	{ "echo", "echo [WORD...]", "  Print the words, separated by one space.\n", c_echo,
	  k_vars, 0 },
	{ "repeat", "repeat N COMMAND...",
	  "  Run the rest of the line N times.\n"
	  "  The commands after ';' on the same line are repeated too; $i is the\n"
	  "  iteration, 1..N (0 <= N <= 10000000).  Stops at the first error.\n",
	  c_repeat, k_repeat, SH_CMD_RAW },
	{ "source", "source FILE",
	  "  Run the commands of a script file.\n"
	  "  It stops at the file's first error, which is reported as FILE:LINE:COL.\n",
	  c_source, k_files, 0 },
	{ "decode", "decode FILE [--port N] [--sa SPEC]... [--json] [-v]",
	  "  Decode the Mobile IP messages of a pcap/pcapng file.\n"
	  "  The same as pmip4ct decode; --sa spi=N,key=hex:HEX[,...] verifies\n"
	  "  authenticators.\n",
	  sh_c_decode, sh_k_decode, 0 },
	{ "craft", "craft -w FILE [--time UNIX_SECONDS] EXPR...",
	  "  Write crafted messages to a pcap file.\n"
	  "  The same as pmip4ct craft.  EXPR is one message expression written out\n"
	  "  (craft -w f.pcap rrq lifetime 300), or strings that each hold expressions\n"
	  "  (craft -w f.pcap \"rrq\" \"rrp code 0\").\n",
	  sh_c_craft, sh_k_craft, 0 },
	{ "replay", "replay FILE --dut-ha ADDR[:PORT] [--pixit FILE]... [OPTION]...",
	  "  Replay a capture's signalling against an HA and compare its answers.\n"
	  "  The same as pmip4ct replay (pmip4ct(1)): --map OLD=NEW, --multiplier X,\n"
	  "  --as-fast-as-answered, --json/--junit/--pcap FILE, --to-script FILE.pct.\n"
	  "  A difference fails the command, so a script stops with status 1.\n",
	  sh_c_replay, sh_k_replay, 0 },
	{ "gen", "gen PROFILE [--dut-ha ADDR[:PORT] | --dut-pma ADDR[:PORT]] [OPTION]...",
	  "  Traffic for many mobile devices against an HA or a PMA.\n"
	  "  The same as pmip4ct gen (pmip4ct(1), pmip4ct-gen(5)): --pixit FILE,\n"
	  "  --json/--series/--html FILE, --shard I/N, --threads N, --every S; with no\n"
	  "  DUT, against the reference HA in a child process (signalling only).\n"
	  "  A device never registered or data lost outside handovers fails the\n"
	  "  command, so a script stops with status 1.\n",
	  sh_c_gen, sh_k_gen, 0 },
	{ "report", "report merge FILE|DIR... [--json OUT] [--html OUT]",
	  "  Merge the JSON summaries of the shards of one gen run.\n"
	  "  The same as pmip4ct report merge (pmip4ct(1)); a missing or duplicated\n"
	  "  shard fails the command.\n",
	  sh_c_report, sh_k_report, SH_CMD_SUBWORD },
	{ "debug", "debug [GROUP on|off]",
	  "  Switch a log group on or off, or show them all.\n"
	  "  Groups: ha, pma, cases, io; all means every one.\n",
	  c_debug, k_debug, SH_CMD_SUBWORD },
	{ "save", "save session FILE",
	  "  Save the lines typed so far as a script.\n"
	  "  Lines that failed, and help, ?, vars, save and quit, are left out;\n"
	  "  pmip4ct FILE runs the script again.\n",
	  c_save, k_save, SH_CMD_NOLOG | SH_CMD_SUBWORD },
	{ "quit", "quit [STATUS]", "  Leave the shell, or end the script with STATUS (0-255).\n",
	  c_quit, NULL, SH_CMD_NOLOG },
	{ "exit", "exit [STATUS]", "  The same as quit.\n", c_quit, NULL, SH_CMD_NOLOG },
};

SH_TABLE(sh_core_table, core);
