/* expr.h — message expressions: the part of the command language that describes one
 * Mobile IP message (DESIGN.md §3), from tokens (lex.h) to a struct mip_msg ready for
 * mip_encode() plus its UDP endpoints.  Used by `pmip4ct craft` now, and by the shell's
 * send/expect, scripts and suite files later.  The full reference is pmip4ct-lang(7).
 *
 * Grammar (WORDs are case-sensitive unless a name table says otherwise):
 *
 *   msg   := TYPE item*
 *   TYPE  := rrq | rrp | tunnel-data | revocation | rev | revocation-ack | revack
 *          | type N                       (any type byte; a known one acts as its name)
 *
 *   item  := from ADDR[:PORT] | to ADDR[:PORT]          (all; 127.0.0.1:434, 127.0.0.2:434)
 *          | lifetime N|infinite                        (rrq rrp; 1800)
 *          | hoa ADDR                                   (rrq rrp rev revack; 0.0.0.0)
 *          | ha ADDR                                    (rrq: the `to` address,
 *                                                        rrp: the `from` address)
 *          | coa ADDR                                   (rrq; the `from` address)
 *          | hda ADDR | fda ADDR                        (rev; A set: hda = from, fda = to;
 *                                                        A clear: hda = to, fda = from)
 *          | code N|NAME                                (rrp; 0.  NAME from names_code)
 *          | ident N|now                                (rrq rrp; now)
 *          | flags N|F[+F...]   F = S B D M G r T x     (rrq; 0.  "T+G", "S,T", 0x0a)
 *          | a | i                                      (rev: A, I; revack: I)
 *          | revid N|now                                (rev revack; now)
 *          | reserved N                                 (rev revack: byte 1;
 *                                                        tunnel-data: the 16-bit word)
 *          | rflags N                                   (rev revack: the flag word)
 *          | next-header N|ip|gre|minimal               (tunnel-data; ip)
 *          | payload BYTES                              (bytes right after the fixed part:
 *                                                        the tunnelled packet, the body
 *                                                        of an unknown type)
 *          | nai TEXT                                   (= ext nai TEXT)
 *          | ext EXT                                    (extensions, in the order written)
 *          | auth KIND auth-arg*                        (= ext KIND auth-arg*)
 *          | trailer BYTES                              (bytes after the extensions)
 *          | truncate N                                 (cut the encoded message)
 *
 *   EXT   := NAME arg* mod*   NAME from names_ext, or a type number; arguments below
 *          | pmip.SUB arg*    (= pmip SUB / pmip-skip SUB: pmip.pernode, pmip.ifid,
 *                              pmip.devid, pmip.subid, pmip.acctech)
 *          | raw TYPE BYTES mod*   (written as TLV unless `format` says otherwise)
 *
 *   pad [count N] | eds | nai TEXT | challenge BYTES | gre-key N
 *   mn-ha|mn-fa|fa-ha|gen-auth [mn-aaa] auth-arg*
 *   auth-arg := spi N (256) | key BYTES | alg hmac-md5|keyed-md5 | corrupt | authlen N
 *             | value BYTES | auth BYTES
 *   cvse|nvse [vendor N] [type N] [value BYTES] [reserved N]
 *   udp-tun-req [f] [r] [encap N|NAME] [reserved1 N] [reserved3 N] [bits N]
 *   udp-tun-rep [code N] [f] [keepalive N] [bits N]
 *   pmip pernode fa-ha|ipsec|N      (47; an unknown sub-type N takes `data`)
 *   pmip-skip ifid TEXT | devid ID | subid ID | acctech NAME|N
 *     ID := mac XX:XX:XX:XX:XX:XX | meid HEX | esn HEX | imei DIGITS | imsi DIGITS
 *         | type N id BYTES          (DIGITS are written as ASCII; any of them takes BYTES)
 *   rev-support [i] [ts N|now] [bits N]
 *   dyn-ha requested|redirected ADDR [long|short]
 *   msg-string ha|fa TEXT
 *
 *   mod   := length N | subtype N | format tlv|short|long|pad | data BYTES
 *            (a wrong Length, another Sub-Type or layout, or value bytes written
 *             verbatim instead of the encoded arguments)
 *
 *   N     := decimal | 0xHEX
 *   ADDR  := a.b.c.d, or a name the context resolves (ctx->resolve)
 *   BYTES := hex:HEX | ascii:TEXT | "string"
 *   TEXT  := WORD | "string" | hex:HEX
 *
 * An extension's arguments and modifiers may come in any order, each at most once; the
 * extension ends at the first word that is none of its unused keywords.  `auth` without
 * key or value takes the SA the context's sa_lookup finds, or is an error.  SPIs 0-255
 * are accepted on purpose (RFC 5944 §1.6 reserves them; the tester sends them anyway).
 * `now` is the context's clock: an Identification is a fresh NTP timestamp greater than
 * the last one; a revocation identifier or 137 timestamp is the NTP seconds, greater
 * than the last one.
 */
#ifndef PMIP4CT_EXPR_H
#define PMIP4CT_EXPR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "auth.h"
#include "clock.h"
#include "frame.h"
#include "lex.h"
#include "mip.h"

#define EXPR_SA_MAX 8
#define EXPR_STORE_MAX 8192

/* One parsed message, self-contained: msg points into sa[] and store[], so an
 * expr_msg must not be copied or moved after parsing (allocate it where it stays). */
struct expr_msg {
	struct mip_msg msg;
	struct udp_ends ends;
	bool from_set, to_set; /* the expression named `from` / `to` */
	size_t to_tok;         /* to_set: the cmd->tok index of the `to` address */
	struct mip_sa sa[EXPR_SA_MAX];
	unsigned n_sa;
	uint8_t store[EXPR_STORE_MAX]; /* strings and bytes the message points to */
	size_t used;
	const char *file; /* where the expression starts (its TYPE word) */
	unsigned line;
	unsigned col;
};

struct expr_ctx {
	const struct clk *clk; /* for `now` and the defaults; NULL: `now` is an error and
				* the defaults are 0 */
	uint64_t last_ident;   /* the last Identification made from the clock */
	uint32_t last_revid;   /* the last revocation identifier / 137 timestamp made */
	/* Optional: a node name (e.g. "pma1") to an address; *port is left alone when the
	 * node has none.  0 = found, -1 = unknown. */
	int (*resolve)(void *arg, const char *name, uint32_t *addr, uint16_t *port);
	/* Optional: the SA for `auth KIND spi N` given without key or value. */
	const struct mip_sa *(*sa_lookup)(void *arg, enum auth_kind kind, uint32_t spi);
	/* Optional: the endpoints of a message whose expression names no `from` or no `to`
	 * (em->from_set, em->to_set say which it did), filled in once the items are parsed
	 * and before the defaults that follow from them (ha, coa, hda, fda).  NULL: the
	 * defaults 127.0.0.1:434 and 127.0.0.2:434. */
	void (*default_ends)(void *arg, struct expr_msg *em);
	void *arg;
};

/* Parse the message expression in cmd->tok[first..].  With next == NULL every token
 * must belong to it (an unknown word is an error, with a suggestion); otherwise parsing
 * stops at the first word that is no item keyword and *next is its index (cmd->n when
 * all were used), so that a command can take words of its own after the message.
 * 0 = ok; -1 = error in *err ("file:line:col" of the offending token). */
int expr_parse(struct expr_ctx *ctx, const struct lex_cmd *cmd, size_t first, size_t *next,
	       struct expr_msg *out, struct lex_err *err);

/* A token for "got ..." in an error: "'word'", "a string", or "end of command" for NULL. */
const char *expr_got(const struct lex_tok *t, char *buf, size_t n);

/* An extension named as in `ext NAME`: a names_ext name (nai, fa-ha, rev-support...),
 * a pmip.SUB alias (pmip.devid...), mn-aaa, or a number TYPE or TYPE/SUB.  0 with the
 * type and the sub-type (-1 for any), or -1 for a name of no extension. */
int expr_ext_lookup(const char *name, uint8_t *type, int *subtype);

/* The kinds of message, one bit each, as what an item (or a condition of the shell's
 * expect) applies to. */
enum {
	EXPR_K_RRQ = 1 << 0,
	EXPR_K_RRP = 1 << 1,
	EXPR_K_TUN = 1 << 2,
	EXPR_K_REV = 1 << 3,
	EXPR_K_ACK = 1 << 4,
	EXPR_K_OTHER = 1 << 5, /* a type byte with no fixed part */
	EXPR_K_ALL = 0x3f,
};
unsigned expr_kind(uint8_t type);
/* "rrq, rrp" into buf; returns buf. */
const char *expr_kinds_str(unsigned kinds, char *buf, size_t n);

/* RRQ flag letters as in `flags T+G` (S B D M G r T x in either case, '+' or ','
 * between them) to the flag byte.  0, or -1 with *bad the offset of the first character
 * that is no flag letter (n when there is no letter at all). */
int expr_flags(const char *s, size_t n, uint8_t *flags, size_t *bad);

/* Every keyword of the grammar, for help and completion. */
enum expr_kw_kind { EXPR_KW_TYPE, EXPR_KW_ITEM, EXPR_KW_EXT, EXPR_KW_MOD, EXPR_KW_AUTH };

struct expr_keyword {
	enum expr_kw_kind kind;
	const char *name;
	const char *args; /* synopsis of what follows, "" for none */
	const char *help;
};

/* Keyword i into *kw (extension names come from names_ext); false past the last. */
bool expr_keyword(unsigned i, struct expr_keyword *kw);

/* Candidate words for the token that follows toks[0..n) of a message expression (the
 * tokens from TYPE on): types, items, extension names or auth kinds, or the named values
 * of the keyword before it (a reply code, a Tech-Type, flag letters, ...).  add() is called
 * once per candidate; the caller filters by prefix.  Returns the number of calls. */
unsigned expr_complete(const struct lex_tok *toks, size_t n,
		       void (*add)(void *arg, const char *word), void *arg);

/* The grammar summary of pmip4ct-lang(7), for `help` in the shell. */
void expr_help(FILE *f);

#endif
