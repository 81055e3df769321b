/* sh_exec.c — running the command language (sh.h): a text is tokenized whole (lex.h) into
 * a program of owned commands, then each command has its variables expanded and goes to
 * its handler; `repeat` takes the rest of its line.  Errors read "FILE:LINE:COL: message"
 * with the column of the offending byte, inside strings too.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "sh_priv.h"
#include "txt.h"

#define SH_DEPTH_MAX 16
#define SH_FILE_MAX (16u << 20)

/* One command, owning its tokens.  raw[k] is a STRING token's source from its opening
 * quote to the end of its line (to find the column of a byte of its value), else NULL. */
struct sh_prog_cmd {
	struct lex_cmd c;
	struct lex_tok *tok;
	char **raw;
};

struct sh_prog {
	char *file;
	struct sh_prog_cmd *cmds;
	size_t n, cap;
};

/* The commands being run: for the raw text of a token, and the rest of the line that
 * `repeat` takes. */
struct sh_frame {
	struct sh_frame *up;
	const struct sh_prog_cmd *cmds;
	size_t n;
	const struct sh_prog_cmd *rest;
	size_t n_rest;
	bool rest_taken;
};

static int oom(struct sh *sh)
{
	if (!sh)
		return -1;
	fprintf(sh->err, "pmip4ct: out of memory\n");
	sh->errors++;
	return -1;
}

/* ---- programs ---- */

static void pc_free(struct sh_prog_cmd *pc)
{
	for (size_t k = 0; k < pc->c.n; k++) {
		free((char *)(uintptr_t)pc->tok[k].text);
		free(pc->raw[k]);
	}
	free(pc->tok);
	free(pc->raw);
}

static void prog_free(struct sh_prog *p)
{
	for (size_t k = 0; k < p->n; k++)
		pc_free(&p->cmds[k]);
	free(p->cmds);
	free(p->file);
}

/* Offsets of the starts of buf's lines: starts[i] is line i + 1. */
static size_t *line_starts(const char *buf, size_t len, size_t *n)
{
	size_t count = 1, at = 1, *starts;

	for (size_t k = 0; k < len; k++)
		count += buf[k] == '\n';
	starts = malloc(count * sizeof *starts);
	if (!starts)
		return NULL;
	starts[0] = 0;
	for (size_t k = 0; k < len; k++)
		if (buf[k] == '\n')
			starts[at++] = k + 1;
	*n = count;
	return starts;
}

static char *raw_of(const struct lex_tok *t, const char *buf, size_t len,
		    const size_t *starts, size_t n_lines)
{
	size_t off, end;

	if (t->line == 0 || t->line > n_lines)
		return NULL;
	off = starts[t->line - 1] + t->col - 1;
	if (off >= len)
		return NULL;
	for (end = off; end < len && buf[end] != '\n'; end++)
		;
	return strndup(buf + off, end - off);
}

struct src {
	const char *buf;
	size_t len;
	const size_t *starts;
	size_t n_lines;
	unsigned base;
};

static int pc_copy(struct sh_prog_cmd *pc, const struct lex_cmd *c, const struct src *s)
{
	pc->c = *c;
	pc->c.n = 0;
	pc->tok = calloc(c->n ? c->n : 1, sizeof *pc->tok);
	pc->raw = calloc(c->n ? c->n : 1, sizeof *pc->raw);
	if (!pc->tok || !pc->raw)
		return -1;
	pc->c.tok = pc->tok;
	for (size_t k = 0; k < c->n; k++) {
		char *text = malloc(c->tok[k].len + 1);

		if (!text)
			return -1;
		memcpy(text, c->tok[k].text, c->tok[k].len + 1);
		pc->tok[k] = c->tok[k];
		pc->tok[k].text = text;
		pc->c.n++;
		if (c->tok[k].kind == LEX_STRING)
			pc->raw[k] = raw_of(&c->tok[k], s->buf, s->len, s->starts, s->n_lines);
		pc->tok[k].line += s->base;
	}
	pc->c.end_line += s->base;
	return 0;
}

static int prog_add(struct sh_prog *p, const struct lex_cmd *c, const struct src *s)
{
	struct sh_prog_cmd *nc = txt_grow(p->cmds, &p->cap, p->n + 1, sizeof *nc, 16);

	if (!nc)
		return -1;
	p->cmds = nc;
	memset(&p->cmds[p->n], 0, sizeof p->cmds[p->n]);
	p->n++;
	return pc_copy(&p->cmds[p->n - 1], c, s);
}

/* Tokenize buf whole.  0, or -1 after reporting a syntax error (p holds what was read,
 * for prog_free); with sh NULL nothing is reported. */
static int prog_build(struct sh *sh, struct sh_prog *p, const char *file, const char *buf,
		      size_t len, unsigned base)
{
	struct src s = { buf, len, NULL, 0, base };
	struct lex *lx = NULL;
	struct lex_cmd cmd;
	struct lex_err err;
	size_t *starts;
	int rc = -2;

	memset(p, 0, sizeof *p);
	p->file = strdup(file);
	s.starts = starts = line_starts(buf, len, &s.n_lines);
	if (p->file && starts)
		lx = lex_create(p->file, buf, len);
	while (lx && (rc = lex_next_command(lx, &cmd, &err)) > 0)
		if (prog_add(p, &cmd, &s) < 0) {
			rc = -2;
			break;
		}
	lex_destroy(lx);
	free(starts);
	if (rc == -1) {
		err.line += base;
		return sh ? sh_err_lex(sh, &err) : -1;
	}
	return rc == 0 ? 0 : oom(sh);
}

/* The program command that owns tok, from the frames being run; NULL if none. */
static const struct sh_prog_cmd *owner(const struct sh *sh, const struct lex_tok *tok)
{
	for (const struct sh_frame *f = sh->frame; f; f = f->up)
		for (size_t k = 0; k < f->n; k++)
			if (tok >= f->cmds[k].tok && tok < f->cmds[k].tok + f->cmds[k].c.n)
				return &f->cmds[k];
	return NULL;
}

int sh_expand_tok(struct sh *sh, const struct lex_cmd *cmd, size_t k, char **out)
{
	const struct lex_tok *t = &cmd->tok[k];
	const struct sh_prog_cmd *pc = owner(sh, t);
	size_t len;

	return sh_expand_text(sh, cmd, t, pc ? pc->raw[t - pc->tok] : NULL, out, &len);
}

static void xfree(struct lex_cmd *c)
{
	for (size_t k = 0; k < c->n; k++)
		free((char *)(uintptr_t)c->tok[k].text);
	free((void *)(uintptr_t)c->tok);
}

/* A copy of pc's tokens with their variables expanded, into *out (free with xfree). */
static int expand_cmd(struct sh *sh, const struct sh_prog_cmd *pc, struct lex_cmd *out)
{
	struct lex_tok *toks = calloc(pc->c.n ? pc->c.n : 1, sizeof *toks);

	if (!toks)
		return oom(sh);
	*out = pc->c;
	out->tok = toks;
	out->n = 0;
	for (size_t k = 0; k < pc->c.n; k++) {
		char *text;
		size_t len;

		if (sh_expand_text(sh, &pc->c, &pc->tok[k], pc->raw[k], &text, &len) < 0) {
			xfree(out);
			return -1;
		}
		toks[k] = pc->tok[k];
		toks[k].text = text;
		toks[k].len = len;
		out->n++;
	}
	return 0;
}

/* ---- running ---- */

static int run_range(struct sh *sh, const struct sh_prog_cmd *cmds, size_t n);

static int call(struct sh *sh, const struct sh_command *def, const struct lex_cmd *c)
{
	unsigned before = sh->errors;
	int rc = def->run(sh, c, 1);

	if (rc < 0 && sh->errors == before)
		sh_err_at(sh, c, &c->tok[0], "%s failed", def->name);
	return rc < 0 ? -1 : 0;
}

static int run_cmd(struct sh *sh, const struct sh_prog_cmd *pc)
{
	const struct lex_cmd *c = &pc->c;
	const struct sh_command *def;
	struct lex_cmd x;
	int rc;

	if (c->n == 0)
		return 0;
	if (sh_interrupted(sh))
		return sh_err_at(sh, c, &c->tok[0], "interrupted");
	for (size_t k = 0; k < c->n; k++)
		if (c->tok[k].kind == LEX_WORD && !strcmp(c->tok[k].text, "?")) {
			sh_help_for(sh, c->tok, k);
			return 0;
		}
	def = sh_resolve_cmd(sh, c);
	if (!def)
		return -1;
	if (def->flags & SH_CMD_RAW)
		return call(sh, def, c);
	if (expand_cmd(sh, pc, &x) < 0)
		return -1;
	rc = sh_resolve_args(sh, def, &x) < 0 ? -1 : call(sh, def, &x);
	xfree(&x);
	return rc;
}

static int run_range(struct sh *sh, const struct sh_prog_cmd *cmds, size_t n)
{
	struct sh_frame f = { .up = sh->frame, .cmds = cmds, .n = n };
	int rc = 0;

	sh->frame = &f;
	for (size_t k = 0; k < n && !sh->quit && rc == 0; k++) {
		size_t m = k + 1;

		/* the commands after it on the same line, for `repeat` */
		while (m < n && cmds[m].c.n && cmds[m].tok[0].line == cmds[m - 1].c.end_line)
			m++;
		f.rest = cmds + k + 1;
		f.n_rest = m - k - 1;
		f.rest_taken = false;
		rc = run_cmd(sh, &cmds[k]);
		if (f.rest_taken)
			k = m - 1;
	}
	sh->frame = f.up;
	return rc;
}

struct sh_rest sh_rest_take(struct sh *sh)
{
	struct sh_rest r = { NULL, 0 };

	if (sh->frame && !sh->frame->rest_taken) {
		r.cmds = sh->frame->rest;
		r.n = sh->frame->n_rest;
		sh->frame->rest_taken = true;
	}
	return r;
}

int sh_exec_rest(struct sh *sh, const struct lex_cmd *cmd, size_t first,
		 const struct sh_rest *rest)
{
	const struct sh_prog_cmd *pc = first < cmd->n ? owner(sh, &cmd->tok[first]) : NULL;
	struct sh_prog_cmd view;

	if (pc) {
		size_t at = (size_t)(&cmd->tok[first] - pc->tok);

		view.c = pc->c;
		view.c.tok = view.tok = pc->tok + at;
		view.c.n = pc->c.n - at;
		view.raw = pc->raw + at;
		if (run_range(sh, &view, 1) < 0)
			return -1;
	}
	if (rest->n && !sh->quit)
		return run_range(sh, rest->cmds, rest->n);
	return 0;
}

/* ---- entry points ---- */

/* The check before anything runs (pmip4ct-shell(7)): every command's name, and what
 * sh_check_cmd() reads.  0, or SH_EXEC_CHECK after reporting the first error. */
static int prog_check(struct sh *sh, const struct sh_prog *p)
{
	for (size_t k = 0; k < p->n; k++)
		if (sh_check_cmd(sh, &p->cmds[k].c) < 0)
			return SH_EXEC_CHECK;
	return 0;
}

static int exec_text(struct sh *sh, const char *file, const char *buf, size_t len,
		     unsigned base, struct sh_prog *keep)
{
	struct sh_prog p;
	int rc = prog_build(sh, &p, file, buf, len, base) < 0 ? SH_EXEC_CHECK : 0;

	if (rc == 0)
		rc = prog_check(sh, &p);
	if (rc == 0)
		rc = run_range(sh, p.cmds, p.n);
	if (keep && rc == 0)
		*keep = p;
	else
		prog_free(&p);
	return rc;
}

int sh_exec_buf(struct sh *sh, const char *file, const char *buf, size_t len)
{
	return exec_text(sh, file, buf, len, 0, NULL);
}

/* Read and run the file at path; its errors are reported at token `at` of cmd (the
 * source command), or as "PATH: why" when cmd is NULL. */
static int exec_path(struct sh *sh, const char *path, const struct lex_cmd *cmd,
		     const struct lex_tok *at)
{
	size_t len;
	int err, rc;
	char *buf;

	fflush(sh->out);
	if (sh->depth >= SH_DEPTH_MAX) {
		if (cmd)
			return sh_err_at(sh, cmd, at, "scripts nested more than %d deep (does '%s' "
					 "source itself?)", SH_DEPTH_MAX, path);
		fprintf(sh->err, "%s: scripts nested more than %d deep\n", path, SH_DEPTH_MAX);
		sh->errors++;
		return -1;
	}
	buf = input_read_path(path, SH_FILE_MAX - 1, &len, &err);
	if (!buf) {
		if (cmd)
			sh_err_at(sh, cmd, at, "cannot read '%s': %s", path, strerror(err));
		else
			fprintf(sh->err, "%s: %s\n", path, strerror(err));
		sh->errors += !cmd;
		return -2;
	}
	sh->depth++;
	rc = sh_exec_buf(sh, path, buf, len);
	sh->depth--;
	free(buf);
	return rc;
}

int sh_exec_file(struct sh *sh, const char *path)
{
	return exec_path(sh, path, NULL, NULL);
}

int sh_source(struct sh *sh, const struct lex_cmd *cmd, const struct lex_tok *at,
	      const char *path)
{
	return exec_path(sh, path, cmd, at);
}

/* Whether a line that ran is kept for `save session`. */
static bool loggable(const struct sh_prog *p)
{
	const struct sh_command *def;

	if (p->n == 0)
		return false;
	def = sh_command_lookup(p->cmds[0].tok[0].text);
	if (def && (def->flags & SH_CMD_NOLOG))
		return false;
	for (size_t k = 0; k < p->n; k++)
		for (size_t j = 0; j < p->cmds[k].c.n; j++)
			if (p->cmds[k].tok[j].kind == LEX_WORD &&
			    !strcmp(p->cmds[k].tok[j].text, "?"))
				return false;
	return true;
}

static void log_line(struct sh *sh, const char *line)
{
	size_t len = strlen(line);
	char *copy, **nt;

	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	nt = txt_grow(sh->typed, &sh->cap_typed, sh->n_typed + 1, sizeof *nt, 32);
	if (!nt)
		return;
	sh->typed = nt;
	copy = strndup(line, len);
	if (copy)
		sh->typed[sh->n_typed++] = copy;
}

int sh_exec_line(struct sh *sh, const char *line)
{
	unsigned base = sh->lines;
	size_t len = strlen(line);
	struct sh_prog p;
	int rc;

	sh->lines++;
	for (size_t k = 0; k + 1 < len; k++)
		sh->lines += line[k] == '\n';
	rc = exec_text(sh, "shell", line, len, base, &p);
	if (rc == 0) {
		if (loggable(&p))
			log_line(sh, line);
		prog_free(&p);
	}
	return rc;
}

/* ---- help and completion over a partial line ---- */

/* Whether the word after text[0..len) starts a command. */
static bool at_command_start(const char *text, size_t len)
{
	while (len && (text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	return len == 0 || text[len - 1] == ';' || text[len - 1] == '\n';
}

void sh_help_text(struct sh *sh, const char *text, size_t len)
{
	struct sh_prog p;

	if (prog_build(NULL, &p, "shell", text, len, 0) == 0 && p.n &&
	    !at_command_start(text, len))
		sh_help_for(sh, p.cmds[p.n - 1].tok, p.cmds[p.n - 1].c.n);
	else
		sh_help_for(sh, NULL, 0);
	prog_free(&p);
}

unsigned sh_complete_text(struct sh *sh, const char *text, size_t len, sh_add_fn add,
			  void *arg)
{
	struct sh_prog p;
	unsigned rc = SH_COMPLETE_FILES;

	if (prog_build(NULL, &p, "shell", text, len, 0) == 0) {
		if (!p.n || at_command_start(text, len)) {
			sh_command_names(add, arg);
			rc = 0;
		} else {
			rc = sh_complete_args(sh, p.cmds[p.n - 1].tok, p.cmds[p.n - 1].c.n, add,
					      arg);
		}
	}
	prog_free(&p);
	return rc;
}
