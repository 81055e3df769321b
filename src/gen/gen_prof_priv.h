/* gen_prof_priv.h — what the profile's parser (gen_prof.c) and its value readers
 * (gen_prof_val.c) share: one parse, the values of pmip4ct-gen(5) read at their tokens,
 * and the KEY VALUE options that follow a command's leading words.
 *
 * Every reader reports at the offending token: "file:line:col: NAME 'VALUE': why", NAME
 * being the command or key the value belongs to.
 */
#ifndef PMIP4CT_GEN_PROF_PRIV_H
#define PMIP4CT_GEN_PROF_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gen.h"
#include "lex.h"

#define GP_NUM_MAX  1e9   /* any rate or duration, so that every figure stays finite */
#define GP_OPTS_MAX 8     /* keys of one command */

/* One parse of a profile. */
struct gp {
	struct gen_prof *p;
	const struct lex_cmd *cmd; /* the command being read */
	struct lex_err *le;
	unsigned seen;             /* the single-valued commands given, a bit per row */
	unsigned seen_line[32];    /* where each was given first */
	unsigned pma_line[GEN_PMA_MAX], pma_col[GEN_PMA_MAX];
	unsigned flow_line[GEN_FLOW_MAX];
	const struct lex_tok *stop_tok; /* the command's `stop` value, if given */
};

/* An error at a token of the command; returns -1. */
int gp_err(struct gp *g, const struct lex_tok *t, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* An error just past the end of the command ("missing ..."); returns -1. */
int gp_err_end(struct gp *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The closest of names[0..n) to word for "did you mean", or NULL. */
const char *gp_suggest(const char *word, const char *const *names, size_t n);

/* Token i of the command as a value of `name` (a word, or a string without NUL): its
 * token, or NULL with the error ("NAME: missing WHAT" past the end). */
const struct lex_tok *gp_value(struct gp *g, size_t i, const char *name, const char *what);
/* No token from i on: 0, or -1 ("unexpected 'X' after NAME"). */
int gp_no_more(struct gp *g, size_t i);

/* Values of `name` at token t; 0, or -1 with the error at t. */
int gp_count(struct gp *g, const char *name, const struct lex_tok *t, uint64_t min,
	     uint64_t max, uint64_t *out);
/* A plain decimal number, digits with at most one '.', at most GP_NUM_MAX. */
int gp_number(struct gp *g, const char *name, const struct lex_tok *t, double *out);
/* Seconds: a number, or a number with the unit ms, s or m ("500ms", "30s", "2m"). */
int gp_duration(struct gp *g, const char *name, const struct lex_tok *t, double *out_s);
/* Per second: a number, optionally written "2000/s". */
int gp_rate(struct gp *g, const char *name, const struct lex_tok *t, double *out);
/* A unicast IPv4 address, host order. */
int gp_unicast(struct gp *g, const char *name, const struct lex_tok *t, uint32_t *out);
/* One of words[0..n): its index. */
int gp_choice(struct gp *g, const char *name, const struct lex_tok *t,
	      const char *const *words, size_t n, unsigned *out);

/* The KEY VALUE options of a command, from token `from` on, each key at most once.
 * A row's reader gets the index of its first value token and returns how many value
 * tokens it took (>= 1), or -1. */
struct gp_opt {
	const char *key;
	bool required;
	int (*read)(struct gp *g, size_t i, void *obj);
};
int gp_options(struct gp *g, size_t from, const struct gp_opt *opts, size_t n, void *obj);

#endif
