/* lex.c — the tokenizer of the command language: words, strings, operators, commands
 * split at ';' and end of line, comments and backslash continuation (see lex.h).
 */
#include "lex.h"
#include "txt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct lex {
	const char *file;
	const char *buf;
	size_t len;
	size_t pos;    /* next byte to read */
	unsigned line; /* position of buf[pos] */
	unsigned col;
	struct lex_tok *tok; /* the current command's tokens */
	size_t *toff;        /* their text offsets in `text`, fixed up when complete */
	size_t ntok, captok, captoff;
	unsigned end_line;   /* just past the last token */
	unsigned end_col;
	char *text; /* the tokens' text, each NUL-terminated */
	size_t ntext, captext;
};

struct lex *lex_create(const char *file, const char *buf, size_t len)
{
	struct lex *lx = calloc(1, sizeof *lx);

	if (!lx)
		return NULL;
	lx->file = file;
	lx->buf = buf;
	lx->len = len;
	lx->line = 1;
	lx->col = 1;
	return lx;
}

void lex_destroy(struct lex *lx)
{
	if (!lx)
		return;
	free(lx->tok);
	free(lx->toff);
	free(lx->text);
	free(lx);
}

int lex_verrf(struct lex_err *err, const char *file, unsigned line, unsigned col,
	      const char *fmt, va_list ap)
{
	if (!err)
		return -1;
	char raw[sizeof err->msg];

	err->file = file;
	err->line = line;
	err->col = col;
	vsnprintf(raw, sizeof raw, fmt, ap);
	/* what the message quotes from the input cannot drive a terminal (issue #14) */
	txt_escape(err->msg, sizeof err->msg, raw, strlen(raw), TXT_ESC_TEXT);
	return -1;
}

int lex_errf(struct lex_err *err, const char *file, unsigned line, unsigned col,
	     const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	lex_verrf(err, file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

const char *lex_err_str(const struct lex_err *err, char *buf, size_t n)
{
	snprintf(buf, n, "%s:%u:%u: %s", err->file ? err->file : "?", err->line, err->col,
		 err->msg);
	return buf;
}

const char *lex_op_str(enum lex_op op)
{
	static const char *const s[] = { "", "==", "!=", "<", "<=", ">", ">=" };

	return (unsigned)op < sizeof s / sizeof s[0] ? s[op] : "?";
}

bool lex_is_word(const struct lex_tok *tok, const char *w)
{
	return tok->kind == LEX_WORD && strcmp(tok->text, w) == 0;
}

/* ---- the input cursor ---- */

static int peek(const struct lex *lx, size_t ahead)
{
	return lx->pos + ahead < lx->len ? (unsigned char)lx->buf[lx->pos + ahead] : -1;
}

static void advance(struct lex *lx)
{
	if (lx->pos >= lx->len)
		return;
	if (lx->buf[lx->pos++] == '\n') {
		lx->line++;
		lx->col = 1;
	} else {
		lx->col++;
	}
}

static bool is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static void skip_blanks(struct lex *lx)
{
	while (is_blank(peek(lx, 0)))
		advance(lx);
}

/* Up to the newline, which is left for the caller. */
static void skip_to_eol(struct lex *lx)
{
	while (peek(lx, 0) != -1 && peek(lx, 0) != '\n')
		advance(lx);
}

/* A backslash at `ahead` followed only by blanks, maybe a comment, then a newline or
 * the end of input: a continuation. */
static bool at_continuation(const struct lex *lx, size_t ahead)
{
	size_t i = ahead + 1;

	if (peek(lx, ahead) != '\\')
		return false;
	while (is_blank(peek(lx, i)))
		i++;
	if (peek(lx, i) == '#')
		return true;
	return peek(lx, i) == '\n' || peek(lx, i) == -1;
}

static void skip_continuation(struct lex *lx)
{
	advance(lx); /* the backslash */
	skip_to_eol(lx);
	advance(lx); /* the newline, if any */
}

/* ---- token storage ---- */

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
	void *np = txt_grow(*p, cap, need, size, 16);

	if (!np)
		return -1;
	*p = np;
	return 0;
}

static int text_put(struct lex *lx, char c)
{
	if (grow((void **)&lx->text, &lx->captext, lx->ntext + 1, 1) < 0)
		return -1;
	lx->text[lx->ntext++] = c;
	return 0;
}

/* Start a token at the current position; its text follows through text_put(). */
static int tok_begin(struct lex *lx, enum lex_kind kind)
{
	struct lex_tok *t;

	if (grow((void **)&lx->tok, &lx->captok, lx->ntok + 1, sizeof *lx->tok) < 0)
		return -1;
	if (grow((void **)&lx->toff, &lx->captoff, lx->ntok + 1, sizeof *lx->toff) < 0)
		return -1;
	t = &lx->tok[lx->ntok];
	memset(t, 0, sizeof *t);
	t->kind = kind;
	t->line = lx->line;
	t->col = lx->col;
	lx->toff[lx->ntok] = lx->ntext;
	return 0;
}

static int tok_end(struct lex *lx)
{
	struct lex_tok *t = &lx->tok[lx->ntok];

	t->len = lx->ntext - lx->toff[lx->ntok];
	if (text_put(lx, '\0') < 0)
		return -1;
	lx->ntok++;
	lx->end_line = lx->line;
	lx->end_col = lx->col;
	return 0;
}

static int oom(struct lex *lx, struct lex_err *err)
{
	return lex_errf(err, lx->file, lx->line, lx->col, "out of memory");
}

/* ---- tokens ---- */

static enum lex_op op_at(const struct lex *lx, size_t *oplen)
{
	int c = peek(lx, 0), d = peek(lx, 1);

	*oplen = 2;
	if (c == '=' && d == '=')
		return LEX_OP_EQ;
	if (c == '!' && d == '=')
		return LEX_OP_NE;
	if (c == '<' && d == '=')
		return LEX_OP_LE;
	if (c == '>' && d == '=')
		return LEX_OP_GE;
	*oplen = 1;
	if (c == '<')
		return LEX_OP_LT;
	if (c == '>')
		return LEX_OP_GT;
	return LEX_OP_NONE;
}

static int lex_op(struct lex *lx, enum lex_op op, size_t oplen, struct lex_err *err)
{
	if (tok_begin(lx, LEX_OP) < 0)
		return oom(lx, err);
	lx->tok[lx->ntok].op = op;
	for (size_t i = 0; i < oplen; i++) {
		if (text_put(lx, (char)peek(lx, 0)) < 0)
			return oom(lx, err);
		advance(lx);
	}
	return tok_end(lx) < 0 ? oom(lx, err) : 0;
}

static bool ends_word(const struct lex *lx)
{
	size_t oplen;
	int c = peek(lx, 0);

	if (c == -1 || c == '\n' || is_blank(c) || c == '"' || c == ';' || c == '#')
		return true;
	return op_at(lx, &oplen) != LEX_OP_NONE || at_continuation(lx, 0);
}

static int lex_word(struct lex *lx, struct lex_err *err)
{
	if (tok_begin(lx, LEX_WORD) < 0)
		return oom(lx, err);
	while (!ends_word(lx)) {
		if (peek(lx, 0) == '\0')
			return lex_errf(err, lx->file, lx->line, lx->col, "NUL byte in the input");
		if (text_put(lx, (char)peek(lx, 0)) < 0)
			return oom(lx, err);
		advance(lx);
	}
	return tok_end(lx) < 0 ? oom(lx, err) : 0;
}

/* The escape at the backslash under the cursor: its byte in *out, or -1 with err.
 * Returns 1 when the line ends inside the escape (the string is unterminated). */
static int lex_escape(struct lex *lx, char *out, struct lex_err *err)
{
	static const char from[] = "\"\\nrt0", to[] = "\"\\\n\r\t";
	unsigned line = lx->line, col = lx->col;
	int c = peek(lx, 1);
	const char *p;

	if (c == -1 || c == '\n')
		return 1;
	if (c == 'x') {
		int hi = txt_hexdigit(peek(lx, 2)), lo = txt_hexdigit(peek(lx, 3));

		if (hi < 0 || lo < 0)
			return lex_errf(err, lx->file, line, col,
					"\\x in a string needs two hex digits");
		*out = (char)(hi << 4 | lo);
		for (int i = 0; i < 4; i++)
			advance(lx);
		return 0;
	}
	p = c ? strchr(from, c) : NULL;
	if (!p)
		return lex_errf(err, lx->file, line, col,
				"unknown escape '\\%c' in a string (known: \\\" \\\\ \\n \\r "
				"\\t \\0 \\xNN)", c >= 0x20 && c < 0x7f ? c : '?');
	*out = to[p - from]; /* "\0" maps to the terminator of `to`: a NUL byte */
	advance(lx);
	advance(lx);
	return 0;
}

/* One byte of a string's value into *c: 1 = a byte, 0 = the closing quote, -1 = error.
 * (line, col) is the opening quote, where an unterminated string is reported. */
static int string_byte(struct lex *lx, unsigned line, unsigned col, char *c,
		       struct lex_err *err)
{
	int ch = peek(lx, 0), rc = 0;

	if (ch == '\\')
		rc = lex_escape(lx, c, err);
	if (rc < 0)
		return -1;
	if (rc > 0 || ch == -1 || ch == '\n')
		return lex_errf(err, lx->file, line, col,
				"unterminated string (a string ends on its own line)");
	if (ch == '"')
		return 0;
	if (ch != '\\') {
		*c = (char)ch;
		advance(lx);
	}
	return 1;
}

static int lex_string(struct lex *lx, struct lex_err *err)
{
	unsigned line = lx->line, col = lx->col;
	char c = 0;
	int rc;

	if (tok_begin(lx, LEX_STRING) < 0)
		return oom(lx, err);
	advance(lx); /* the opening quote */
	while ((rc = string_byte(lx, line, col, &c, err)) > 0)
		if (text_put(lx, c) < 0)
			return oom(lx, err);
	if (rc < 0)
		return -1;
	advance(lx); /* the closing quote */
	return tok_end(lx) < 0 ? oom(lx, err) : 0;
}

/* ---- commands ---- */

/* The current command is complete: point the tokens at their text. */
static int emit(struct lex *lx, struct lex_cmd *cmd)
{
	for (size_t i = 0; i < lx->ntok; i++)
		lx->tok[i].text = lx->text + lx->toff[i];
	cmd->file = lx->file;
	cmd->tok = lx->tok;
	cmd->n = lx->ntok;
	cmd->end_line = lx->end_line;
	cmd->end_col = lx->end_col;
	return 1;
}

/* After an error: drop the command and the rest of the line it was on. */
static int recover(struct lex *lx)
{
	skip_to_eol(lx);
	advance(lx);
	lx->ntok = 0;
	lx->ntext = 0;
	return -1;
}

/* One step of the scan: 1 = the command ended, 0 = go on, -1 = error. */
static int step(struct lex *lx, struct lex_err *err)
{
	size_t oplen;
	enum lex_op op;
	int c;

	skip_blanks(lx);
	c = peek(lx, 0);
	if (c == -1)
		return 1;
	if (c == '\n' || c == ';') {
		advance(lx);
		return lx->ntok > 0;
	}
	if (c == '#') {
		skip_to_eol(lx);
		return 0;
	}
	if (at_continuation(lx, 0)) {
		skip_continuation(lx);
		return 0;
	}
	if (c == '"')
		return lex_string(lx, err);
	op = op_at(lx, &oplen);
	if (op != LEX_OP_NONE)
		return lex_op(lx, op, oplen, err);
	return lex_word(lx, err);
}

int lex_next_command(struct lex *lx, struct lex_cmd *cmd, struct lex_err *err)
{
	int rc;

	lx->ntok = 0;
	lx->ntext = 0;
	memset(cmd, 0, sizeof *cmd);
	for (;;) {
		rc = step(lx, err);
		if (rc < 0)
			return recover(lx);
		if (rc == 1) {
			if (lx->ntok == 0)
				return 0; /* end of input */
			return emit(lx, cmd);
		}
	}
}
