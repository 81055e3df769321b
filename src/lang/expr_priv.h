/* expr_priv.h — what expr.c (messages, items, values) and expr_ext.c (extensions)
 * share: the parser state and the value readers.  Not for use outside the two.
 */
#ifndef PMIP4CT_EXPR_PRIV_H
#define PMIP4CT_EXPR_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "expr.h"
#include "names.h"

/* The message kinds an item applies to (expr.h). */
enum {
	EP_RRQ = EXPR_K_RRQ,
	EP_RRP = EXPR_K_RRP,
	EP_TUN = EXPR_K_TUN,
	EP_REV = EXPR_K_REV,
	EP_ACK = EXPR_K_ACK,
	EP_OTHER = EXPR_K_OTHER,
	EP_ALL = EXPR_K_ALL,
};

/* Fields given explicitly, so that the defaults leave them alone. */
enum {
	EP_SET_HA = 1 << 0,
	EP_SET_COA = 1 << 1,
	EP_SET_IDENT = 1 << 2,
	EP_SET_REVID = 1 << 3,
};

struct parser {
	struct expr_ctx *ctx;
	const struct lex_cmd *cmd;
	size_t i; /* next token */
	struct expr_msg *em;
	struct lex_err *err;
	unsigned kind; /* EP_RRQ, ... */
	unsigned set;  /* EP_SET_* */
};

/* The next token, or NULL at the end of the command. */
const struct lex_tok *ep_peek(const struct parser *p, size_t ahead);
const struct lex_tok *ep_take(struct parser *p);

/* An error at token t (NULL: at the end of the command).  Returns -1. */
int ep_fail(struct parser *p, const struct lex_tok *t, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Describe a token for "got ...": expr_got (expr.h). */
static inline const char *ep_got(const struct lex_tok *t, char *buf, size_t n)
{
	return expr_got(t, buf, n);
}

/* Value readers: each takes the token after `kw` (the keyword it belongs to) and fails
 * with "expected <what> after '<kw>', got ...". */
int ep_num(struct parser *p, const struct lex_tok *kw, uint64_t max, uint64_t *v);
int ep_named(struct parser *p, const struct lex_tok *kw, const struct name_table *t,
	     uint64_t max, uint64_t *v);
int ep_addr(struct parser *p, const struct lex_tok *kw, uint32_t *addr);
/* BYTES (hex:, ascii:, "string"); with text_ok a bare word is its own text (TEXT). */
int ep_bytes(struct parser *p, const struct lex_tok *kw, bool text_ok, const uint8_t **ptr,
	     uint16_t *len);
/* Copy n bytes into the expression's store. */
const uint8_t *ep_store(struct parser *p, const struct lex_tok *at, const void *src, size_t n);
/* Whether t is a BYTES literal (hex:..., ascii:..., or a string). */
bool ep_is_bytes(const struct lex_tok *t);
/* Parse bare hex digits of t (from offset skip) into the store. */
int ep_hex(struct parser *p, const struct lex_tok *t, size_t skip, const uint8_t **ptr,
	   uint16_t *len);

/* `now` as a 32-bit NTP seconds value, greater than the last one made. */
int ep_now32(struct parser *p, const struct lex_tok *at, uint32_t *v);
/* N | now for 32-bit timestamps (revid, ts). */
int ep_num_or_now32(struct parser *p, const struct lex_tok *kw, uint32_t *v);

/* Closest-keyword suggestions ("did you mean 'lifetime'?"). */
struct ep_suggest {
	const char *word;
	char best[64];
	unsigned dist;
};
void ep_suggest_init(struct ep_suggest *s, const char *word);
void ep_suggest_add(struct ep_suggest *s, const char *cand);
void ep_suggest_table(struct ep_suggest *s, const struct name_table *t);
/* " (did you mean 'x'?)" or "" */
const char *ep_suggest_str(const struct ep_suggest *s, char *buf, size_t n);

/* The `ext`, `auth` and `nai` items (expr_ext.c). */
int ep_item_ext(struct parser *p, const struct lex_tok *kw);
int ep_item_auth(struct parser *p, const struct lex_tok *kw);
int ep_item_nai(struct parser *p, const struct lex_tok *kw);

/* Extension keywords for expr_keyword() and completion (expr_ext.c): row i of the
 * extension grammar, false past the end. */
bool ep_ext_keyword(unsigned i, struct expr_keyword *kw);
bool ep_ext_word(const char *w); /* an extension argument or modifier keyword */
unsigned ep_ext_names(void (*add)(void *arg, const char *word), void *arg);
unsigned ep_auth_kinds(void (*add)(void *arg, const char *word), void *arg);
/* The named values the word after toks[0..n) takes inside an extension (sub-types, a
 * Tech-Type, ID-Types, encap, format, alg), from the codec's name tables; 0 when none. */
unsigned ep_ext_values(const struct lex_tok *toks, size_t n,
		       void (*add)(void *arg, const char *word), void *arg);

#endif
