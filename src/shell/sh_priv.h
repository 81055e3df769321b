/* sh_priv.h — what the shell's own files share (not for the command groups): the
 * argument checks and the subcommands as commands: decode, craft, replay, gen, report
 * (sh_sub.c).
 */
#ifndef PMIP4CT_SH_PRIV_H
#define PMIP4CT_SH_PRIV_H

#include "sh.h"

/* Between min and max arguments after first; else an error naming usage. */
int sh_want_args(struct sh *sh, const struct lex_cmd *cmd, size_t first, size_t min,
		 size_t max, const char *usage);

/* Token t with its variables expanded, into *out (free() it) and *len; raw is a STRING
 * token's source from its opening quote (for the column of an error), or NULL.  0, or
 * -1 after reporting the error. */
int sh_expand_text(struct sh *sh, const struct lex_cmd *cmd, const struct lex_tok *t,
		   const char *raw, char **out, size_t *len);

/* The command c names, exactly or by unique abbreviation; NULL after reporting an
 * unknown command (with "did you mean") or an ambiguous one (with the candidates). */
const struct sh_command *sh_resolve_cmd(struct sh *sh, const struct lex_cmd *c);

/* Write out in x (its tokens expanded, each text malloc'd) the name of def, the command
 * it runs, and an SH_CMD_SUBWORD first argument given by unique abbreviation.  0, or -1
 * after reporting an ambiguous or unknown first argument (the candidates, "did you
 * mean"). */
int sh_resolve_args(struct sh *sh, const struct sh_command *def, struct lex_cmd *x);

/* Check command c before a script runs: its name, and an SH_CMD_SUBWORD first argument
 * written without '$' (the words after N of `repeat N COMMAND...` are a command).  0, or
 * -1 after reporting the error as sh_resolve_cmd() and sh_resolve_args() do. */
int sh_check_cmd(struct sh *sh, const struct lex_cmd *c);

int sh_c_decode(struct sh *sh, const struct lex_cmd *cmd, size_t first);
unsigned sh_k_decode(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
		     void *arg);
int sh_c_replay(struct sh *sh, const struct lex_cmd *cmd, size_t first);
unsigned sh_k_replay(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
		     void *arg);
int sh_c_gen(struct sh *sh, const struct lex_cmd *cmd, size_t first);
unsigned sh_k_gen(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
		  void *arg);
int sh_c_report(struct sh *sh, const struct lex_cmd *cmd, size_t first);
unsigned sh_k_report(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
		     void *arg);
int sh_c_craft(struct sh *sh, const struct lex_cmd *cmd, size_t first);
unsigned sh_k_craft(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
		    void *arg);

#endif
