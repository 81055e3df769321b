/* sh_priv.h — what the shell's own files share (not for the command groups): the
 * argument checks and the decode and craft commands (sh_sub.c).
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

int sh_c_decode(struct sh *sh, const struct lex_cmd *cmd, size_t first);
unsigned sh_k_decode(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
		     void *arg);
int sh_c_craft(struct sh *sh, const struct lex_cmd *cmd, size_t first);
unsigned sh_k_craft(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
		    void *arg);

#endif
