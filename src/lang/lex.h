/* lex.h — the tokenizer of the one command language (DESIGN.md §3), shared by the shell,
 * `pmip4ct -c`, scripts, configuration, suite files and `pmip4ct craft`.
 *
 * The language is line-oriented:
 *
 *   - a command ends at the end of a line or at ';' (outside quotes); empty commands
 *     (blank lines, ";;") are skipped;
 *   - '#' outside quotes starts a comment that runs to the end of the line;
 *   - a backslash outside quotes followed by nothing but blanks (and maybe a comment)
 *     up to the end of the line continues the command on the next line; elsewhere a
 *     backslash is an ordinary character of a word;
 *   - tokens are separated by blanks (space, tab, CR, FF, VT);
 *   - a STRING is "..." on one line, with the escapes \" \\ \n \r \t \0 and \xNN (two
 *     hex digits); its value may hold any byte, NUL included;
 *   - an OP is one of == != < <= > >= ; "==" and "!=" also end a word, so a word may
 *     hold a lone '=' or '!' (e.g. "spi=256,key=hex:00"), never '<' or '>';
 *   - everything else is a WORD: a run of characters other than blanks, '"', ';', '#',
 *     '<' and '>'.
 *
 * Positions are 1-based; columns count bytes (a tab is one column).  Errors read
 * "file:line:col: message", the column pointing at the offending character.
 */
#ifndef PMIP4CT_LEX_H
#define PMIP4CT_LEX_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

enum lex_kind {
	LEX_WORD,
	LEX_STRING,
	LEX_OP,
};

enum lex_op {
	LEX_OP_NONE = 0,
	LEX_OP_EQ, /* == */
	LEX_OP_NE, /* != */
	LEX_OP_LT, /* <  */
	LEX_OP_LE, /* <= */
	LEX_OP_GT, /* >  */
	LEX_OP_GE, /* >= */
};

struct lex_tok {
	enum lex_kind kind;
	enum lex_op op;   /* LEX_OP only */
	const char *text; /* NUL-terminated; a STRING's value may also hold NULs: see len */
	size_t len;       /* bytes of text, the terminating NUL not counted */
	unsigned line;    /* where the token starts (the opening quote of a STRING) */
	unsigned col;
};

/* One command: its tokens, valid until the next lex_next_command() or lex_destroy(). */
struct lex_cmd {
	const char *file;
	const struct lex_tok *tok;
	size_t n;
	unsigned end_line; /* just past the last token: where "end of command" is */
	unsigned end_col;
};

/* An error with its place.  msg holds the message without the place. */
struct lex_err {
	const char *file;
	unsigned line;
	unsigned col;
	char msg[240];
};

struct lex;

/* A tokenizer over buf[0..len).  The buffer and the file name must outlive it.
 * NULL when out of memory. */
struct lex *lex_create(const char *file, const char *buf, size_t len);
void lex_destroy(struct lex *lx); /* NULL is a no-op */

/* The next non-empty command.  1 = one in *cmd; 0 = end of input; -1 = an error in
 * *err.  After an error the rest of the offending line is skipped, so a caller that
 * reports and goes on (an interactive shell, a lenient script run) can call again. */
int lex_next_command(struct lex *lx, struct lex_cmd *cmd, struct lex_err *err);

/* Fill *err; returns -1 so that callers can `return lex_errf(...)`. */
int lex_errf(struct lex_err *err, const char *file, unsigned line, unsigned col,
	     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int lex_verrf(struct lex_err *err, const char *file, unsigned line, unsigned col,
	      const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

/* "file:line:col: message" into buf; returns buf. */
const char *lex_err_str(const struct lex_err *err, char *buf, size_t n);

/* The spelling of an operator: "==", "<=", ... */
const char *lex_op_str(enum lex_op op);

/* Whether tok is the word w (case-sensitive). */
bool lex_is_word(const struct lex_tok *tok, const char *w);

#endif
