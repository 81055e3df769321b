/* sh_sub.c — the subcommands `decode`, `craft`, `replay`, `gen` and `report` as shell
 * commands: the command's words become the subcommand's argv, so they behave exactly as
 * `pmip4ct decode`, `pmip4ct craft`, `pmip4ct replay`, `pmip4ct gen` and `pmip4ct report`
 * do.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmds.h"
#include "expr.h"
#include "sh_priv.h"

static int run_argv(struct sh *sh, const struct lex_cmd *cmd, int (*fn)(int, char **),
		    int argc, char **argv)
{
	int rc;

	fflush(sh->out);
	fflush(stdout);
	rc = fn(argc, argv);
	fflush(stdout);
	fflush(stderr);
	if (rc != 0)
		return sh_err_at(sh, cmd, &cmd->tok[0], "%s failed (exit status %d)",
				 cmd->tok[0].text, rc);
	return 0;
}

static char *unconst(const char *s)
{
	return (char *)(uintptr_t)s;
}

/* The command's words as the argv of subcommand fn. */
static int run_words(struct sh *sh, const struct lex_cmd *cmd, size_t first, const char *name,
		     int (*fn)(int, char **))
{
	char **argv = calloc(cmd->n - first + 2, sizeof *argv);
	int argc = 0, rc;

	if (!argv)
		return sh_err_at(sh, cmd, &cmd->tok[0], "out of memory");
	argv[argc++] = unconst(name);
	for (size_t k = first; k < cmd->n; k++)
		argv[argc++] = unconst(cmd->tok[k].text);
	rc = run_argv(sh, cmd, fn, argc, argv);
	free(argv);
	return rc;
}

int sh_c_decode(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	return run_words(sh, cmd, first, "decode", cmd_decode);
}

/* The completion of a subcommand's options: after an option in `valued` its value (no
 * candidates), else the options and file names. */
struct sub_opts {
	const char *const *opts, *const *valued;
	size_t n_opts, n_valued;
};

#define SUB_OPTS(o, v) { o, v, sizeof o / sizeof o[0], sizeof v / sizeof v[0] }

static unsigned sub_complete(const struct sub_opts *so, const struct lex_tok *last,
			     sh_add_fn add, void *arg)
{
	for (size_t k = 0; k < so->n_valued; k++)
		if (lex_is_word(last, so->valued[k]))
			return 0;
	for (size_t k = 0; k < so->n_opts; k++)
		add(arg, so->opts[k]);
	return SH_COMPLETE_FILES;
}

/* ---- replay ---- */

int sh_c_replay(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	return run_words(sh, cmd, first, "replay", cmd_replay);
}

unsigned sh_k_replay(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
		     void *arg)
{
	static const char *const opts[] = { "--dut-ha", "--pixit", "--map", "--multiplier",
					    "--as-fast-as-answered", "--json", "--junit",
					    "--pcap", "--to-script" };
	static const char *const valued[] = { "--dut-ha", "--map", "--multiplier" };
	static const struct sub_opts so = SUB_OPTS(opts, valued);

	return sub_complete(&so, &toks[n - 1], add, arg);
}

/* ---- gen, report merge ---- */

int sh_c_gen(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	return run_words(sh, cmd, first, "gen", cmd_gen);
}

unsigned sh_k_gen(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
		  void *arg)
{
	static const char *const opts[] = { "--dut-ha", "--dut-pma", "--pixit", "--json",
					    "--series", "--html", "--shard", "--threads",
					    "--every" };
	static const char *const valued[] = { "--dut-ha", "--dut-pma", "--shard",
					      "--threads", "--every" };
	static const struct sub_opts so = SUB_OPTS(opts, valued);

	return sub_complete(&so, &toks[n - 1], add, arg);
}

int sh_c_report(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	return run_words(sh, cmd, first, "report", cmd_report);
}

unsigned sh_k_report(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
		     void *arg)
{
	if (n == 1) {
		add(arg, "merge");
		return 0;
	}
	add(arg, "--json");
	add(arg, "--html");
	return SH_COMPLETE_FILES;
}

unsigned sh_k_decode(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
		     void *arg)
{
	static const char *const opts[] = { "--port", "--sa", "--json", "-v" };
	static const char *const valued[] = { "--port", "--sa" };
	static const struct sub_opts so = SUB_OPTS(opts, valued);

	return sub_complete(&so, &toks[n - 1], add, arg);
}

/* ---- craft ---- */

static bool craft_opt_with_value(const struct lex_tok *t)
{
	return lex_is_word(t, "-w") || lex_is_word(t, "--write") || lex_is_word(t, "--time");
}

/* The first token of the expression: the first that is no option nor option value. */
static size_t craft_expr_start(const struct lex_tok *toks, size_t n, size_t first)
{
	size_t k = first;

	while (k < n && toks[k].kind == LEX_WORD && toks[k].text[0] == '-' && toks[k].text[1])
		k += craft_opt_with_value(&toks[k]) ? 2 : 1;
	return k < n ? k : n;
}

/* Whether a word's text survives being written back as a word. */
static bool plain_word(const struct lex_tok *t)
{
	if (t->len == 0 || strlen(t->text) != t->len)
		return false;
	return !strpbrk(t->text, " \t\r\f\v\n\"';#<>") && !strstr(t->text, "==") &&
	       !strstr(t->text, "!=");
}

static size_t put_tok(FILE *f, const struct lex_tok *t)
{
	size_t n = 2;

	if (t->kind != LEX_STRING && (t->kind == LEX_OP || plain_word(t)))
		return fwrite(t->text, 1, t->len, f);
	fputc('"', f);
	for (size_t k = 0; k < t->len; k++) {
		unsigned char c = (unsigned char)t->text[k];

		if (c == '"' || c == '\\')
			n += (size_t)fprintf(f, "\\%c", c);
		else if (c >= 0x20 && c < 0x7f)
			n += (size_t)(fputc(c, f) != EOF);
		else
			n += (size_t)fprintf(f, "\\x%02x", c);
	}
	fputc('"', f);
	return n;
}

/* The expression's tokens written back as text, each at its line and column (lines
 * joined by continuation), so that craft's errors point where the script does. */
static char *craft_join(const struct lex_tok *toks, size_t n)
{
	unsigned line = 1, col = 1;
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);

	if (!f)
		return NULL;
	for (size_t k = 0; k < n; k++) {
		for (; line < toks[k].line; line++, col = 1)
			fputs("\\\n", f);
		if (k && col >= toks[k].col) {
			fputc(' ', f);
			col++;
		}
		for (; col < toks[k].col; col++)
			fputc(' ', f);
		col += (unsigned)put_tok(f, &toks[k]);
	}
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

int sh_c_craft(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	size_t e = craft_expr_start(cmd->tok, cmd->n, first);
	char **argv = calloc(cmd->n - first + 2, sizeof *argv), *joined = NULL;
	int argc = 0, rc = -1;

	if (!argv)
		return sh_err_at(sh, cmd, &cmd->tok[0], "out of memory");
	argv[argc++] = unconst("craft");
	for (size_t k = first; k < e; k++)
		argv[argc++] = unconst(cmd->tok[k].text);
	if (e < cmd->n && cmd->tok[e].kind == LEX_STRING) {
		for (size_t k = e; k < cmd->n; k++)
			argv[argc++] = unconst(cmd->tok[k].text);
	} else if (e < cmd->n) {
		joined = craft_join(cmd->tok + e, cmd->n - e);
		if (!joined) {
			sh_err_at(sh, cmd, &cmd->tok[0], "out of memory");
			goto out;
		}
		argv[argc++] = joined;
	}
	rc = run_argv(sh, cmd, cmd_craft, argc, argv);
out:
	free(joined);
	free(argv);
	return rc;
}

unsigned sh_k_craft(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
		    void *arg)
{
	size_t e = craft_expr_start(toks, n, 1);

	if (lex_is_word(&toks[n - 1], "-w") || lex_is_word(&toks[n - 1], "--write"))
		return SH_COMPLETE_FILES;
	if (lex_is_word(&toks[n - 1], "--time"))
		return 0;
	if (e >= n) {
		add(arg, "-w");
		add(arg, "--time");
		expr_complete(toks + n, 0, add, arg);
		return 0;
	}
	if (toks[e].kind != LEX_STRING)
		expr_complete(toks + e, n - e, add, arg);
	return 0;
}
