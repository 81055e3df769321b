/* sh.h — the shell session: the one command language (DESIGN.md §3, pmip4ct-shell(7))
 * run from the interactive shell, `pmip4ct -c`, script files and `source`.
 *
 * A session holds the variables, the output streams, the interrupt flag, the debug
 * groups, the log of typed lines (`save session`) and the state the prompt shows.  The
 * commands live in tables of struct sh_command (sh_cmds.c lists them); a command's
 * handler gets the command's tokens, variables already expanded, and the index of its
 * first argument, and returns 0 or -1 after reporting the error with sh_err_at().
 *
 * Variables: `$NAME` or `${NAME}` in any word or string is replaced by the value (NAME
 * is letters, digits and '_'); `$$` is one '$'; a '$' followed by anything else is
 * itself.  A name the session does not hold is looked up in the environment; neither is
 * an error.  A value never splits into several words.
 */
#ifndef PMIP4CT_SH_H
#define PMIP4CT_SH_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "lex.h"

struct sh;

/* ---- commands ---- */

typedef int (*sh_cmd_fn)(struct sh *sh, const struct lex_cmd *cmd, size_t first_arg);
/* One completion candidate.  It may carry a title after a TAB ("HA-REG-01\tThe HA
 * accepts ..."): shown when the candidates are listed, never inserted. */
typedef void (*sh_add_fn)(void *arg, const char *word);

/* Candidates for the word after toks[0..n) (toks[0] is the command's name) through
 * add(); the caller filters by prefix.  Returns SH_COMPLETE_FILES when file names fit
 * there too, else 0. */
typedef unsigned (*sh_complete_fn)(struct sh *sh, const struct lex_tok *toks, size_t n,
				   sh_add_fn add, void *arg);
#define SH_COMPLETE_FILES 1u

enum sh_cmd_flags {
	SH_CMD_RAW = 1 << 0,   /* arguments reach the handler unexpanded (repeat) */
	SH_CMD_NOLOG = 1 << 1, /* a line starting with it is left out of `save session` */
	/* The first argument, when given, is one of the words the completer lists there
	 * (show bindings, start ha): a unique abbreviation of one stands for it, and
	 * another word is an error naming them (with "did you mean"). */
	SH_CMD_SUBWORD = 1 << 2,
};

struct sh_command {
	const char *name;
	const char *synopsis; /* "decode FILE [--port N] [--sa SPEC]... [--json] [-v]" */
	const char *help;     /* one or more lines, each ending in '\n' */
	sh_cmd_fn run;
	sh_complete_fn complete; /* NULL: no candidates */
	unsigned flags;
};

struct sh_table {
	const struct sh_command *rows;
	size_t n;
};

#define SH_TABLE(name, arr) \
	const struct sh_table name = { arr, sizeof arr / sizeof arr[0] }

/* The core commands (sh_cmds.c).  A new group of commands (send/expect, show, capture,
 * roles) defines its own SH_TABLE and is added to the list in sh_cmds.c. */
extern const struct sh_table sh_core_table;
extern const struct sh_table sh_net_table; /* pics pixit start stop dut verdict capture */
extern const struct sh_table sh_data_table; /* data */
extern const struct sh_table sh_msg_table; /* send expect */
extern const struct sh_table sh_show_table;    /* show (sh_show.c) */
extern const struct sh_table sh_runcase_table; /* run case, run suite (sh_runcase.c) */

/* A command by name, or NULL. */
const struct sh_command *sh_command_find(const char *name);
/* A command by name or unique abbreviation ("sh" for show), or NULL. */
const struct sh_command *sh_command_lookup(const char *name);
/* Every command through add(), in table order. */
void sh_command_names(sh_add_fn add, void *arg);

/* The closest candidate to a misspelt word, the one "did you mean" of the shell: init,
 * then sh_suggest_add() (an sh_add_fn) per candidate; best is NULL when none is close,
 * else the candidate's word.  The only candidate the word begins beats any typo ('sen'
 * means send, not set). */
struct sh_suggest {
	const char *word;
	const char *best;
	unsigned dist, n_begun;
	char near[64], begun[64];
	char said[96];
};
void sh_suggest_init(struct sh_suggest *s, const char *word);
void sh_suggest_add(void *s, const char *cand);
/* " (did you mean 'best'?)", or "" when nothing is close. */
const char *sh_suggest_str(struct sh_suggest *s);

/* A word among candidates, for unique abbreviations: init, then sh_abbrev_add() (an
 * sh_add_fn) per candidate.  An exact candidate wins; else the candidates the word
 * begins are counted (n), the first kept in `full` and all listed in `list` ("start,
 * stop"); n is 1 for a unique abbreviation. */
struct sh_abbrev {
	const char *word;
	bool exact;
	unsigned n;
	char full[64];
	char list[256];
};
void sh_abbrev_init(struct sh_abbrev *a, const char *word);
void sh_abbrev_add(void *a, const char *cand);
/* The word the abbreviation stands for: itself when exact or no candidate fits, the
 * candidate when one fits, NULL when several do (a->list names them). */
const char *sh_abbrev_word(const struct sh_abbrev *a);
/* The length of a candidate's word (before its title). */
static inline size_t sh_cand_len(const char *cand)
{
	return strcspn(cand, "\t");
}

/* ---- the session ---- */

enum sh_debug_group {
	SH_DEBUG_HA = 1 << 0,
	SH_DEBUG_PMA = 1 << 1,
	SH_DEBUG_CASES = 1 << 2,
	SH_DEBUG_IO = 1 << 3,
};

struct sh_var {
	char *name;
	char *value;
};

struct sh_net;      /* sh_net.h: the DUTs, PICS/PIXIT, capture; NULL until first used */
struct sh_frame;    /* sh_exec.c: the commands being run, for error columns and repeat */
struct sh_prog_cmd; /* sh_exec.c: one command of a program */

struct sh {
	FILE *out; /* what commands print */
	FILE *err; /* errors: "FILE:LINE:COL: message" */
	struct sh_var *vars; /* sorted by name */
	size_t n_vars, cap_vars;
	volatile sig_atomic_t interrupted; /* set by SIGINT; long commands poll it */
	bool interactive; /* errors do not end the session */
	bool quit;        /* `quit` was run: stop reading */
	int status;       /* exit status `quit N` asked for */
	unsigned errors;  /* errors reported so far */
	unsigned debug;   /* enum sh_debug_group bits */
	unsigned depth;   /* `source` nesting */
	unsigned lines;   /* interactive lines read so far: their line numbers */
	char **typed;     /* the typed lines that ran without error, for `save session` */
	size_t n_typed, cap_typed;
	struct sh_frame *frame;
	/* What the prompt shows; set by the commands that start roles, pick the DUT and
	 * start a capture. */
	char roles[64]; /* "ha pma": the roles running */
	char dut[96];   /* the remote DUTs: "dut-ha=ADDR:PORT dut-pma=ADDR:PORT", "" for none */
	bool capture;
	struct sh_net *net;
};

/* A session printing to out and err.  NULL when out of memory. */
struct sh *sh_create(FILE *out, FILE *err);
void sh_destroy(struct sh *sh); /* NULL is a no-op */

/* Variables.  sh_set: 0, or -1 when out of memory. */
int sh_set(struct sh *sh, const char *name, const char *value);
void sh_unset(struct sh *sh, const char *name);
const char *sh_get(const struct sh *sh, const char *name); /* the session's, or NULL */
bool sh_var_name_ok(const char *name); /* [A-Za-z_][A-Za-z0-9_]* */

/* Whether Ctrl-C was pressed during the current command. */
static inline bool sh_interrupted(const struct sh *sh)
{
	return sh->interrupted != 0;
}

/* Report "FILE:LINE:COL: message" at token `at` of cmd (NULL: the end of the command)
 * and count it.  Returns -1. */
int sh_err_at(struct sh *sh, const struct lex_cmd *cmd, const struct lex_tok *at,
	      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
int sh_err_lex(struct sh *sh, const struct lex_err *err); /* returns -1 */

/* "pmip4ct> " or "pmip4ct[ha mn dut-pma=192.0.2.1:434 cap]> " into buf; returns buf. */
const char *sh_prompt(const struct sh *sh, char *buf, size_t n);

/* ---- running commands (sh_exec.c) ---- */

/* Run the commands of buf[0..len) as a script named file: the whole text is tokenized
 * and checked first (a syntax error, an unknown or ambiguous command or first word, on
 * any line, runs nothing: SH_EXEC_CHECK), then the commands run in order up to the
 * first error (-1), `quit` or Ctrl-C.  0, or < 0 after reporting the error. */
#define SH_EXEC_CHECK (-3)
int sh_exec_buf(struct sh *sh, const char *file, const char *buf, size_t len);

/* Read and run a script file.  0; -1 or SH_EXEC_CHECK after an error in it (as
 * sh_exec_buf); -2 when it cannot be read (reported as "PATH: why"). */
int sh_exec_file(struct sh *sh, const char *path);
/* The same for `source`: a file that cannot be read ("cannot read 'PATH': why") or
 * sources nested too deep are errors at token `at` of cmd. */
int sh_source(struct sh *sh, const struct lex_cmd *cmd, const struct lex_tok *at,
	      const char *path);

/* Run one line typed in the shell (it may hold several commands, and continuation
 * lines joined by backslash-newline).  Its line numbers count on from the previous
 * line's, under the file name "shell".  A line that ran without error, and does not
 * start with a SH_CMD_NOLOG command, is kept for `save session`.  0 or -1. */
int sh_exec_line(struct sh *sh, const char *line);

/* The text after `repeat N` and the commands after it on the same line, run once.  For
 * the repeat command: call sh_rest_take() once, then sh_exec_rest() per iteration. */
struct sh_rest {
	const struct sh_prog_cmd *cmds;
	size_t n;
};
struct sh_rest sh_rest_take(struct sh *sh);
int sh_exec_rest(struct sh *sh, const struct lex_cmd *cmd, size_t first,
		 const struct sh_rest *rest);

/* Expand the variables of token k of cmd (an unexpanded token, for SH_CMD_RAW handlers)
 * into a new string (*out, free() it).  0, or -1 after reporting the error. */
int sh_expand_tok(struct sh *sh, const struct lex_cmd *cmd, size_t k, char **out);

/* `?` in a line: the help of the command typed so far (toks[0..n)), or the list of
 * commands when n is 0, with the candidates for the next word. */
void sh_help_for(struct sh *sh, const struct lex_tok *toks, size_t n);

/* Help for the text typed so far (the shell's '?' key): lexes text and calls
 * sh_help_for() on its last command. */
void sh_help_text(struct sh *sh, const char *text, size_t len);

/* Completion candidates for the word after text[0..len) (the line up to the word), or
 * the command names at the start of a command.  Returns SH_COMPLETE_FILES when file
 * names fit there. */
unsigned sh_complete_text(struct sh *sh, const char *text, size_t len, sh_add_fn add,
			  void *arg);

/* Candidates for the word after toks[0..n) of one command (toks[0] is its name), from
 * the command's completer; SH_COMPLETE_FILES when file names fit there. */
unsigned sh_complete_args(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
			  void *arg);

/* Case IDs for completion (run, and the case commands to come). */
void sh_complete_case_ids(sh_add_fn add, void *arg);

/* ---- the interactive shell (sh_repl.c) ---- */

/* Ctrl-C sets sh->interrupted.  In a script (interactive false) a second Ctrl-C, while
 * the first is still pending, ends the process. */
void sh_catch_sigint(struct sh *sh, bool interactive);

/* Read lines with readline until EOF or `quit`; history in hist_path (NULL: none).
 * When standard input is no terminal its lines run as typed, without prompt or history.
 * Returns the exit status: quit's, else 0 (1 from a pipe that had an error). */
int sh_repl(struct sh *sh, const char *hist_path);

#endif
