/* sh_msg.h — what the commands send (sh_msg.c) and expect (sh_expect.c) share: message
 * labels, the tester's node names, and which DUT's session a message belongs to.
 */
#ifndef PMIP4CT_SH_MSG_H
#define PMIP4CT_SH_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sh_net.h"

/* The names sh_net_resolve() knows, for completion and errors. */
extern const char *const shm_nodes[];
#define SHM_NODES "pma1, pma2, pma-denied, ha, pma, cn"

/* "RRQ", "RRP", "Tunnel Data", "Revocation", "Ack", or "type N": how sent and received
 * messages are named in output and in the reasons of a verdict. */
const char *shm_label(uint8_t type, char *buf, size_t n);

/* The role whose DUT is up with its signalling address at addr, or -1. */
int shm_dut_at(struct sh *sh, uint32_t addr);
/* The session when exactly one is up; else NULL, *n_up saying how many are. */
struct sess *shm_only(struct sh *sh, unsigned *n_up);
/* Report that no DUT is up at token `at` (NULL: the end of the command).  Returns -1. */
int shm_no_dut(struct sh *sh, const struct lex_cmd *cmd, const struct lex_tok *at);

/* ---- parsing expect (sh_expect.c, sh_cond.c) ---- */

/* A command being parsed: tok[i] comes next; type is the message type expected (-1:
 * any), which says what conditions apply. */
struct shm_parse {
	struct sh *sh;
	const struct lex_cmd *cmd;
	size_t i;
	int type;
};

const struct lex_tok *shm_peek(const struct shm_parse *p); /* NULL at the end */
const struct lex_tok *shm_take(struct shm_parse *p);
/* Report "expected WHAT after 'KW', got ..." at t.  Returns -1. */
int shm_want_err(struct shm_parse *p, const struct lex_tok *t, const char *what,
		 const struct lex_tok *kw);
/* An address a.b.c.d or a node name: 0, or -1. */
int shm_resolve(struct sh *sh, const char *s, uint32_t *addr);

/* ---- the conditions of expect (sh_cond.c) ---- */

enum shm_cond_kind { SHM_C_FIELD, SHM_C_BIT, SHM_C_EXT, SHM_C_AUTH };

struct shm_field;

struct shm_cond {
	enum shm_cond_kind kind;
	const struct shm_field *f;  /* FIELD */
	enum lex_op op;             /* FIELD: LEX_OP_EQ when none was written */
	uint64_t v;                 /* FIELD: the value; BIT: the flag letter, upper case */
	const struct lex_tok *text; /* FIELD nai: the value; EXT: the name as written */
	bool no;                    /* BIT, EXT: `no` */
	uint8_t type;               /* EXT: the extension; AUTH: 34, 32, or 0 for either */
	int sub;                    /* EXT: the sub-type, -1 for any */
};

/* One condition from tok[i] on, for a message of p->type.  0, or -1 after reporting the
 * error (an unknown word, a field the type does not have, a bad value). */
int shm_cond_parse(struct shm_parse *p, struct shm_cond *c);
/* The words a condition starts with, for completion: the fields of type (-1: all). */
void shm_cond_words(int type, sh_add_fn add, void *arg);

/* Checks on a received message: each goes into the session's verdict (tc_check_true);
 * the first that fails is kept for `expect: fail: REASON`. */
struct shm_outcome {
	struct sh *sh;
	struct tc *t;
	const char *label; /* of the message received: "RRP" */
	char first[512];   /* "FIELD: expected X, got Y" of the first failure, or "" */
};

void shm_judge(struct shm_outcome *o, const char *field, const char *exp, bool ok,
	       const char *got);
/* Every condition of c[0..n) on rx (decoded); no condition at all is a pass. */
void shm_check(struct shm_outcome *o, const struct shm_cond *c, size_t n,
	       const struct tc_rx *rx);

/* ---- expect (sh_expect.c) ---- */
int sh_c_expect(struct sh *sh, const struct lex_cmd *cmd, size_t first);
unsigned sh_k_expect(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
		     void *arg);

#endif
