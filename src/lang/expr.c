/* expr.c — message expressions (expr.h): message types, the items of the fixed part,
 * defaults, and the value readers shared with expr_ext.c (extensions).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "expr.h"
#include "expr_priv.h"
#include "ident.h"
#include "txt.h"

#define DEFAULT_SRC 0x7f000001u /* 127.0.0.1 */
#define DEFAULT_DST 0x7f000002u /* 127.0.0.2 */
#define DEFAULT_LIFETIME 1800

/* ---- tokens and errors ---- */

const struct lex_tok *ep_peek(const struct parser *p, size_t ahead)
{
	size_t i = p->i + ahead;

	return i < p->cmd->n ? &p->cmd->tok[i] : NULL;
}

const struct lex_tok *ep_take(struct parser *p)
{
	const struct lex_tok *t = ep_peek(p, 0);

	if (t)
		p->i++;
	return t;
}

int ep_fail(struct parser *p, const struct lex_tok *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	lex_verrf(p->err, p->cmd->file, t ? t->line : p->cmd->end_line,
		  t ? t->col : p->cmd->end_col, fmt, ap);
	va_end(ap);
	return -1;
}

const char *expr_got(const struct lex_tok *t, char *buf, size_t n)
{
	if (!t)
		snprintf(buf, n, "end of command");
	else if (t->kind == LEX_STRING)
		snprintf(buf, n, "a string");
	else
		snprintf(buf, n, "'%.40s'", t->text);
	return buf;
}

/* ---- suggestions ---- */

void ep_suggest_init(struct ep_suggest *s, const char *word)
{
	size_t n = strlen(word);

	s->word = word;
	s->best[0] = '\0';
	/* farther than this is a guess, not a typo */
	s->dist = n <= 1 ? 1 : n <= 4 ? 2 : 3;
}

void ep_suggest_add(struct ep_suggest *s, const char *cand)
{
	unsigned d = txt_edit_distance(s->word, cand);

	if (d < s->dist) {
		s->dist = d;
		snprintf(s->best, sizeof s->best, "%s", cand);
	}
}

void ep_suggest_table(struct ep_suggest *s, const struct name_table *t)
{
	for (unsigned i = 0; i < t->n; i++)
		ep_suggest_add(s, t->rows[i].name);
}

const char *ep_suggest_str(const struct ep_suggest *s, char *buf, size_t n)
{
	if (s->best[0])
		snprintf(buf, n, " (did you mean '%s'?)", s->best);
	else if (n)
		buf[0] = '\0';
	return buf;
}

/* ---- value readers ---- */

int ep_num(struct parser *p, const struct lex_tok *kw, uint64_t max, uint64_t *v)
{
	const struct lex_tok *t = ep_take(p);
	char got[64];
	int rc = t && t->kind == LEX_WORD ? txt_u64(t->text, t->len, max, v, NULL) : -1;

	if (rc == -1)
		return ep_fail(p, t, "expected a number (0-%" PRIu64 ") after '%s', got %s", max,
			       kw->text, ep_got(t, got, sizeof got));
	if (rc < 0)
		return ep_fail(p, t, "%s is out of range for '%s' (0-%" PRIu64 ")", t->text,
			       kw->text, max);
	return 0;
}

static void list_names(const struct name_table *t, char *buf, size_t n)
{
	size_t at = 0;

	buf[0] = '\0';
	for (unsigned i = 0; i < t->n && at < n; i++)
		at += (size_t)snprintf(buf + at, n - at, "%s%s", i ? ", " : "", t->rows[i].name);
}

int ep_named(struct parser *p, const struct lex_tok *kw, const struct name_table *t,
	     uint64_t max, uint64_t *v)
{
	const struct lex_tok *tok = ep_peek(p, 0);
	long n = tok && tok->kind == LEX_WORD ? name_value(t, tok->text) : -1;
	struct ep_suggest s;
	char got[64], sug[96], names[160];
	uint64_t num;

	if (n >= 0 && (uint64_t)n <= max) {
		ep_take(p);
		*v = (uint64_t)n;
		return 0;
	}
	if (!tok || tok->kind != LEX_WORD || txt_u64(tok->text, tok->len, max, &num, NULL) != -1)
		return ep_num(p, kw, max, v);
	ep_suggest_init(&s, tok->text);
	ep_suggest_table(&s, t);
	if (t->n <= 10) {
		list_names(t, names, sizeof names);
		return ep_fail(p, tok, "expected a number or one of %s after '%s', got %s%s",
			       names, kw->text, ep_got(tok, got, sizeof got),
			       ep_suggest_str(&s, sug, sizeof sug));
	}
	return ep_fail(p, tok, "unknown name %s after '%s'%s", ep_got(tok, got, sizeof got),
		       kw->text, ep_suggest_str(&s, sug, sizeof sug));
}

/* a.b.c.d, four decimal parts of 0-255, nothing else. */
static int parse_ipv4(const char *s, uint32_t *addr)
{
	uint32_t a = 0;

	for (int part = 0; part < 4; part++) {
		unsigned v = 0, digits = 0;

		while (*s >= '0' && *s <= '9' && digits < 4) {
			v = v * 10 + (unsigned)(*s++ - '0');
			digits++;
		}
		if (digits == 0 || v > 255 || (part < 3 && *s++ != '.'))
			return -1;
		a = a << 8 | v;
	}
	if (*s)
		return -1;
	*addr = a;
	return 0;
}

/* An address, or a name the context knows. */
static int resolve(struct parser *p, const char *s, uint32_t *addr, uint16_t *port)
{
	if (parse_ipv4(s, addr) == 0)
		return 0;
	if (p->ctx->resolve && p->ctx->resolve(p->ctx->arg, s, addr, port) == 0)
		return 0;
	return -1;
}

int ep_addr(struct parser *p, const struct lex_tok *kw, uint32_t *addr)
{
	const struct lex_tok *t = ep_take(p);
	uint16_t port;
	char got[64];

	if (!t || t->kind != LEX_WORD || resolve(p, t->text, addr, &port) < 0)
		return ep_fail(p, t, "expected an IPv4 address after '%s', got %s", kw->text,
			       ep_got(t, got, sizeof got));
	return 0;
}

/* ADDR[:PORT] for `from` and `to`. */
static int ep_endpoint(struct parser *p, const struct lex_tok *kw, uint32_t *addr,
		       uint16_t *port)
{
	const struct lex_tok *t = ep_take(p);
	const char *colon = t && t->kind == LEX_WORD ? strrchr(t->text, ':') : NULL;
	char host[128], got[64];
	uint64_t v;

	if (t && t->kind == LEX_WORD && !colon && resolve(p, t->text, addr, port) == 0)
		return 0;
	if (colon && (size_t)(colon - t->text) < sizeof host) {
		memcpy(host, t->text, (size_t)(colon - t->text));
		host[colon - t->text] = '\0';
		if (resolve(p, host, addr, port) == 0) {
			if (txt_u64(colon + 1, strlen(colon + 1), 65535, &v, NULL) < 0)
				return ep_fail(p, t, "bad port '%s' after '%s' (0-65535)", colon + 1,
					       kw->text);
			*port = (uint16_t)v;
			return 0;
		}
	}
	return ep_fail(p, t, "expected an IPv4 address[:port] after '%s', got %s", kw->text,
		       ep_got(t, got, sizeof got));
}

const uint8_t *ep_store(struct parser *p, const struct lex_tok *at, const void *src, size_t n)
{
	struct expr_msg *em = p->em;
	uint8_t *dst = em->store + em->used;

	if (n > sizeof em->store - em->used) {
		ep_fail(p, at, "the message's data exceeds %d bytes", EXPR_STORE_MAX);
		return NULL;
	}
	if (n)
		memcpy(dst, src, n);
	em->used += n;
	return dst;
}

int ep_hex(struct parser *p, const struct lex_tok *t, size_t skip, const uint8_t **ptr,
	   uint16_t *len)
{
	struct expr_msg *em = p->em;
	const char *s = t->text + skip;
	size_t n = t->len - skip, room = sizeof em->store - em->used, bad;
	long got;

	if (room > UINT16_MAX)
		room = UINT16_MAX;
	got = txt_hexbytes(s, n, em->store + em->used, room, &bad);
	if (got == -1 && bad == n)
		return ep_fail(p, t, "odd number of hex digits in '%.40s'", t->text);
	if (got == -1)
		return lex_errf(p->err, p->cmd->file, t->line, t->col + (unsigned)(skip + bad),
				"'%c' is not a hex digit", s[bad]);
	if (got < 0)
		return ep_fail(p, t, "the message's data exceeds %d bytes", EXPR_STORE_MAX);
	*ptr = em->store + em->used;
	*len = (uint16_t)got;
	em->used += (size_t)got;
	return 0;
}

bool ep_is_bytes(const struct lex_tok *t)
{
	return t && (t->kind == LEX_STRING ||
		     (t->kind == LEX_WORD &&
		      (!strncmp(t->text, "hex:", 4) || !strncmp(t->text, "ascii:", 6))));
}

int ep_bytes(struct parser *p, const struct lex_tok *kw, bool text_ok, const uint8_t **ptr,
	     uint16_t *len)
{
	const struct lex_tok *t = ep_take(p);
	size_t skip = 0;
	char got[64];

	if (t && t->kind == LEX_WORD && !strncmp(t->text, "hex:", 4))
		return ep_hex(p, t, 4, ptr, len);
	if (t && t->kind == LEX_WORD && !strncmp(t->text, "ascii:", 6))
		skip = 6;
	else if (!t || (t->kind != LEX_STRING && !(text_ok && t->kind == LEX_WORD)))
		return ep_fail(p, t, "expected %s after '%s', got %s",
			       text_ok ? "text or bytes (TEXT, hex:HEX, \"string\")"
				       : "bytes (hex:HEX, ascii:TEXT or \"string\")",
			       kw->text, ep_got(t, got, sizeof got));
	*ptr = ep_store(p, t, t->text + skip, t->len - skip);
	*len = (uint16_t)(t->len - skip);
	return *ptr ? 0 : -1;
}

int ep_now32(struct parser *p, const struct lex_tok *at, uint32_t *v)
{
	uint32_t s;

	if (!p->ctx->clk)
		return ep_fail(p, at, "'now' needs a clock, and there is none here");
	s = (uint32_t)(ident_ntp_from_ns(clk_now_ns(p->ctx->clk)) >> 32);
	if (p->ctx->last_revid && s <= p->ctx->last_revid)
		s = p->ctx->last_revid + 1;
	p->ctx->last_revid = s;
	*v = s;
	return 0;
}

int ep_num_or_now32(struct parser *p, const struct lex_tok *kw, uint32_t *v)
{
	uint64_t n;

	if (ep_peek(p, 0) && lex_is_word(ep_peek(p, 0), "now"))
		return ep_now32(p, ep_take(p), v);
	if (ep_num(p, kw, UINT32_MAX, &n) < 0)
		return -1;
	*v = (uint32_t)n;
	return 0;
}

/* ---- items of the fixed part ---- */

static struct mip_msg *msg(struct parser *p)
{
	return &p->em->msg;
}

static int it_from(struct parser *p, const struct lex_tok *kw)
{
	p->em->from_set = true;
	return ep_endpoint(p, kw, &p->em->ends.src, &p->em->ends.sport);
}

static int it_to(struct parser *p, const struct lex_tok *kw)
{
	p->em->to_set = true;
	p->em->to_tok = p->i;
	return ep_endpoint(p, kw, &p->em->ends.dst, &p->em->ends.dport);
}

static int it_lifetime(struct parser *p, const struct lex_tok *kw)
{
	const struct lex_tok *t = ep_peek(p, 0);
	uint64_t v;

	if (t && (lex_is_word(t, "infinite") || lex_is_word(t, "infinity"))) {
		ep_take(p);
		msg(p)->lifetime = MIP_LIFETIME_INFINITE;
		return 0;
	}
	if (ep_num(p, kw, 65535, &v) < 0)
		return -1;
	msg(p)->lifetime = (uint16_t)v;
	return 0;
}

static int it_hoa(struct parser *p, const struct lex_tok *kw)
{
	return ep_addr(p, kw, &msg(p)->hoa);
}

/* ha (RRQ, RRP) and hda (Revocation) are the same field. */
static int it_ha(struct parser *p, const struct lex_tok *kw)
{
	p->set |= EP_SET_HA;
	return ep_addr(p, kw, &msg(p)->ha);
}

/* coa (RRQ) and fda (Revocation) are the same field. */
static int it_coa(struct parser *p, const struct lex_tok *kw)
{
	p->set |= EP_SET_COA;
	return ep_addr(p, kw, &msg(p)->coa);
}

static int it_code(struct parser *p, const struct lex_tok *kw)
{
	uint64_t v;

	if (ep_named(p, kw, &names_code, 255, &v) < 0)
		return -1;
	msg(p)->code = (uint8_t)v;
	return 0;
}

static int ident_now(struct parser *p, const struct lex_tok *at)
{
	if (!p->ctx->clk)
		return ep_fail(p, at, "'now' needs a clock, and there is none here");
	msg(p)->ident = ident_timestamp(p->ctx->clk, p->ctx->last_ident);
	p->ctx->last_ident = msg(p)->ident;
	return 0;
}

static int it_ident(struct parser *p, const struct lex_tok *kw)
{
	p->set |= EP_SET_IDENT;
	if (ep_peek(p, 0) && lex_is_word(ep_peek(p, 0), "now"))
		return ident_now(p, ep_take(p));
	return ep_num(p, kw, UINT64_MAX, &msg(p)->ident);
}

/* RRQ flag letters, MSB first (RFC 5944 §3.3): S B D M G r T x. */
static const char flag_letters[] = "SBDMGRTX";

int expr_flags(const char *s, size_t n, uint8_t *flags, size_t *bad)
{
	uint8_t f = 0;
	unsigned letters = 0;

	for (size_t k = 0; k < n; k++) {
		int c = s[k];
		const char *at = c >= 'a' && c <= 'z' ? strchr(flag_letters, c - 'a' + 'A')
						      : strchr(flag_letters, c);

		if (c == '+' || c == ',')
			continue;
		if (!c || !at) {
			*bad = k;
			return -1;
		}
		f |= (uint8_t)(0x80u >> (at - flag_letters));
		letters++;
	}
	if (!letters) {
		*bad = n;
		return -1;
	}
	*flags = f;
	return 0;
}

static int flag_list(struct parser *p, const struct lex_tok *kw)
{
	const struct lex_tok *t = ep_take(p);
	uint8_t flags;
	size_t bad;
	char got[64];

	if (!t || t->kind != LEX_WORD)
		return ep_fail(p, t, "expected a number or flag letters (S B D M G r T x, as "
			       "in T+G) after '%s', got %s", kw->text, ep_got(t, got, sizeof got));
	if (expr_flags(t->text, t->len, &flags, &bad) < 0) {
		if (bad == t->len)
			return ep_fail(p, t, "no flag letters in '%.40s'", t->text);
		return lex_errf(p->err, p->cmd->file, t->line, t->col + (unsigned)bad,
				"'%c' is not an RRQ flag (S B D M G r T x)", t->text[bad]);
	}
	msg(p)->flags = flags;
	return 0;
}

static int it_flags(struct parser *p, const struct lex_tok *kw)
{
	const struct lex_tok *t = ep_peek(p, 0);
	uint64_t v;

	if (!t || t->kind != LEX_WORD || t->text[0] < '0' || t->text[0] > '9')
		return flag_list(p, kw);
	if (ep_num(p, kw, 255, &v) < 0)
		return -1;
	msg(p)->flags = (uint8_t)v;
	return 0;
}

static int it_a(struct parser *p, const struct lex_tok *kw)
{
	msg(p)->rflags |= MIP_REV_A;
	return 0;
}

static int it_i(struct parser *p, const struct lex_tok *kw)
{
	msg(p)->rflags |= p->kind == EP_REV ? MIP_REV_I : MIP_REVACK_I;
	return 0;
}

static int it_revid(struct parser *p, const struct lex_tok *kw)
{
	p->set |= EP_SET_REVID;
	return ep_num_or_now32(p, kw, &msg(p)->revid);
}

static int it_reserved(struct parser *p, const struct lex_tok *kw)
{
	uint64_t v;

	if (ep_num(p, kw, p->kind == EP_TUN ? 65535 : 255, &v) < 0)
		return -1;
	if (p->kind == EP_TUN)
		msg(p)->treserved = (uint16_t)v;
	else
		msg(p)->reserved8 = (uint8_t)v;
	return 0;
}

static int it_rflags(struct parser *p, const struct lex_tok *kw)
{
	uint64_t v;

	if (ep_num(p, kw, 65535, &v) < 0)
		return -1;
	msg(p)->rflags = (uint16_t)v;
	return 0;
}

static int it_nexthdr(struct parser *p, const struct lex_tok *kw)
{
	uint64_t v;

	if (ep_named(p, kw, &names_nexthdr, 255, &v) < 0)
		return -1;
	msg(p)->nexthdr = (uint8_t)v;
	return 0;
}

static int it_payload(struct parser *p, const struct lex_tok *kw)
{
	return ep_bytes(p, kw, false, &msg(p)->payload, &msg(p)->payload_len);
}

static int it_trailer(struct parser *p, const struct lex_tok *kw)
{
	return ep_bytes(p, kw, false, &msg(p)->trailer, &msg(p)->trailer_len);
}

static int it_truncate(struct parser *p, const struct lex_tok *kw)
{
	uint64_t v;

	if (ep_num(p, kw, 65535, &v) < 0)
		return -1;
	msg(p)->truncate_set = true;
	msg(p)->truncate = (uint16_t)v;
	return 0;
}

struct item {
	const char *name;
	unsigned kinds;
	int (*fn)(struct parser *p, const struct lex_tok *kw);
	const char *args;
	const char *help;
};

static const struct item items[] = {
	{ "from", EP_ALL, it_from, "ADDR[:PORT]", "source (127.0.0.1:434)" },
	{ "to", EP_ALL, it_to, "ADDR[:PORT]", "destination (127.0.0.2:434)" },
	{ "lifetime", EP_RRQ | EP_RRP, it_lifetime, "N|infinite", "Lifetime (1800)" },
	{ "hoa", EP_RRQ | EP_RRP | EP_REV | EP_ACK, it_hoa, "ADDR", "Home Address (0.0.0.0)" },
	{ "ha", EP_RRQ | EP_RRP, it_ha, "ADDR", "Home Agent (rrq: `to`; rrp: `from`)" },
	{ "coa", EP_RRQ, it_coa, "ADDR", "Care-of Address (the `from` address)" },
	{ "hda", EP_REV, it_ha, "ADDR", "Home Domain Address (A set: `from`, else `to`)" },
	{ "fda", EP_REV, it_coa, "ADDR", "Foreign Domain Address (A set: `to`, else `from`)" },
	{ "code", EP_RRP, it_code, "N|NAME", "reply Code (0)" },
	{ "ident", EP_RRQ | EP_RRP, it_ident, "N|now", "Identification (now)" },
	{ "flags", EP_RRQ, it_flags, "N|S+B+D+M+G+r+T+x", "RRQ flag byte (0)" },
	{ "a", EP_REV, it_a, "", "set the A bit (sent by the home agent)" },
	{ "i", EP_REV | EP_ACK, it_i, "", "set the I bit" },
	{ "revid", EP_REV | EP_ACK, it_revid, "N|now", "Revocation Identifier (now)" },
	{ "reserved", EP_REV | EP_ACK | EP_TUN, it_reserved, "N",
	  "Reserved byte (tunnel-data: Reserved word) (0)" },
	{ "rflags", EP_REV | EP_ACK, it_rflags, "N", "the 16-bit A/I/Reserved word (0)" },
	{ "next-header", EP_TUN, it_nexthdr, "N|ip|gre|minimal", "Next Header (ip)" },
	{ "payload", EP_ALL, it_payload, "BYTES", "bytes right after the fixed part" },
	{ "nai", EP_ALL, ep_item_nai, "TEXT", "= ext nai TEXT" },
	{ "ext", EP_ALL, ep_item_ext, "NAME ARGS [MODIFIERS]", "an extension" },
	{ "auth", EP_ALL, ep_item_auth, "KIND [spi N] [key BYTES] ...",
	  "an authentication extension" },
	{ "trailer", EP_ALL, it_trailer, "BYTES", "bytes after the extensions" },
	{ "truncate", EP_ALL, it_truncate, "N", "cut the encoded message to N bytes" },
};

#define N_ITEMS (sizeof items / sizeof items[0])

static const struct item *item_find(const char *w)
{
	for (size_t k = 0; k < N_ITEMS; k++)
		if (!strcmp(items[k].name, w))
			return &items[k];
	return NULL;
}

/* ---- message types ---- */

static const struct name_entry type_alias_rows[] = {
	{ MIP_REV, "rev", "Registration Revocation" },
	{ MIP_REVACK, "revack", "Registration Revocation Acknowledgment" },
};
static const struct name_table type_aliases = { type_alias_rows, 2 };

unsigned expr_kind(uint8_t type)
{
	switch (type) {
	case MIP_RRQ:
		return EP_RRQ;
	case MIP_RRP:
		return EP_RRP;
	case MIP_TUNDATA:
		return EP_TUN;
	case MIP_REV:
		return EP_REV;
	case MIP_REVACK:
		return EP_ACK;
	default:
		return EP_OTHER;
	}
}

const char *expr_kinds_str(unsigned kinds, char *buf, size_t n)
{
	static const char *const names[] = { "rrq", "rrp", "tunnel-data", "revocation",
					     "revocation-ack", "other types" };
	size_t at = 0;

	buf[0] = '\0';
	for (unsigned b = 0; b < 6 && at < n; b++)
		if (kinds & 1u << b)
			at += (size_t)snprintf(buf + at, n - at, "%s%s", at ? ", " : "", names[b]);
	return buf;
}

static int bad_type(struct parser *p, const struct lex_tok *t)
{
	struct ep_suggest s;
	char got[64], sug[96];

	if (t && t->kind == LEX_WORD) {
		ep_suggest_init(&s, t->text);
		ep_suggest_table(&s, &names_msg_type);
		ep_suggest_table(&s, &type_aliases);
	} else {
		ep_suggest_init(&s, "");
	}
	return ep_fail(p, t, "expected a message type (rrq, rrp, tunnel-data, revocation, "
		       "revocation-ack or type N), got %s%s", ep_got(t, got, sizeof got),
		       ep_suggest_str(&s, sug, sizeof sug));
}

static int parse_type(struct parser *p, uint8_t *type)
{
	const struct lex_tok *t = ep_take(p);
	uint64_t v;
	long n;

	if (!t || t->kind != LEX_WORD)
		return bad_type(p, t);
	if (!strcmp(t->text, "type")) {
		if (ep_num(p, t, 255, &v) < 0)
			return -1;
		*type = (uint8_t)v;
		return 0;
	}
	n = name_value(&names_msg_type, t->text);
	if (n < 0)
		n = name_value(&type_aliases, t->text);
	if (n < 0)
		return bad_type(p, t);
	*type = (uint8_t)n;
	return 0;
}

static void start(struct parser *p, uint8_t type)
{
	struct expr_msg *em = p->em;

	mip_msg_init(&em->msg, type);
	em->ends.src = DEFAULT_SRC;
	em->ends.dst = DEFAULT_DST;
	em->ends.sport = MIP_PORT;
	em->ends.dport = MIP_PORT;
	p->kind = expr_kind(type);
	if (p->kind & (EP_RRQ | EP_RRP))
		em->msg.lifetime = DEFAULT_LIFETIME;
	if (p->kind == EP_TUN)
		em->msg.nexthdr = 4; /* IP in IP, RFC 3519 §3.3 */
}

/* Defaults that depend on other items (expr.h). */
static int finish(struct parser *p, const struct lex_tok *at)
{
	struct mip_msg *m = msg(p);
	const struct udp_ends *e = &p->em->ends;
	bool a = m->rflags & MIP_REV_A;

	if ((!p->em->from_set || !p->em->to_set) && p->ctx->default_ends)
		p->ctx->default_ends(p->ctx->arg, p->em);
	if (!(p->set & EP_SET_HA) && (p->kind & (EP_RRQ | EP_RRP | EP_REV)))
		m->ha = p->kind == EP_RRQ || (p->kind == EP_REV && !a) ? e->dst : e->src;
	if (!(p->set & EP_SET_COA) && (p->kind & (EP_RRQ | EP_REV)))
		m->coa = p->kind == EP_REV && a ? e->dst : e->src;
	if (!(p->set & EP_SET_IDENT) && (p->kind & (EP_RRQ | EP_RRP)) && p->ctx->clk)
		return ident_now(p, at);
	if (!(p->set & EP_SET_REVID) && (p->kind & (EP_REV | EP_ACK)) && p->ctx->clk)
		return ep_now32(p, at, &m->revid);
	return 0;
}

static int unknown_item(struct parser *p, const struct lex_tok *t)
{
	struct ep_suggest s;
	char got[64], sug[96], kinds[96];
	const struct item *it = t->kind == LEX_WORD ? item_find(t->text) : NULL;

	if (it)
		return ep_fail(p, t, "'%s' does not apply to %s messages (only to %s)", it->name,
			       expr_kinds_str(p->kind, kinds, sizeof kinds),
			       expr_kinds_str(it->kinds, sug, sizeof sug));
	if (t->kind == LEX_WORD && ep_ext_word(t->text))
		return ep_fail(p, t, "'%s' is not an item here (an extension takes each of its "
			       "keywords once, right after its name)", t->text);
	ep_suggest_init(&s, t->kind == LEX_WORD ? t->text : "");
	for (size_t k = 0; k < N_ITEMS; k++)
		if (items[k].kinds & p->kind)
			ep_suggest_add(&s, items[k].name);
	return ep_fail(p, t, "unknown item %s in %s messages%s", ep_got(t, got, sizeof got),
		       expr_kinds_str(p->kind, kinds, sizeof kinds),
		       ep_suggest_str(&s, sug, sizeof sug));
}

static int parse_items(struct parser *p, size_t *next)
{
	const struct lex_tok *t;

	while ((t = ep_peek(p, 0))) {
		const struct item *it = t->kind == LEX_WORD ? item_find(t->text) : NULL;

		if (!it && next)
			break;
		if (!it || !(it->kinds & p->kind))
			return unknown_item(p, t);
		ep_take(p);
		if (it->fn(p, t) < 0)
			return -1;
	}
	if (next)
		*next = p->i;
	return 0;
}

int expr_parse(struct expr_ctx *ctx, const struct lex_cmd *cmd, size_t first, size_t *next,
	       struct expr_msg *out, struct lex_err *err)
{
	struct expr_ctx none = { 0 };
	struct parser p = { ctx ? ctx : &none, cmd, first, out, err, 0, 0 };
	const struct lex_tok *t0 = ep_peek(&p, 0);
	uint8_t type = 0;

	memset(out, 0, offsetof(struct expr_msg, store));
	out->used = 0;
	out->file = cmd->file;
	out->line = t0 ? t0->line : cmd->end_line;
	out->col = t0 ? t0->col : cmd->end_col;
	if (parse_type(&p, &type) < 0)
		return -1;
	start(&p, type);
	if (parse_items(&p, next) < 0)
		return -1;
	return finish(&p, t0);
}

/* ---- extension names ---- */

/* A number TYPE or TYPE/SUB. */
static int ext_number(const char *name, uint8_t *type, int *subtype)
{
	const char *slash = strchr(name, '/');
	uint64_t t, s;

	if (txt_u64(name, slash ? (size_t)(slash - name) : strlen(name), 255, &t, NULL) < 0)
		return -1;
	*type = (uint8_t)t;
	*subtype = -1;
	if (!slash)
		return 0;
	if (txt_u64(slash + 1, strlen(slash + 1), 255, &s, NULL) < 0)
		return -1;
	*subtype = (int)s;
	return 0;
}

int expr_ext_lookup(const char *name, uint8_t *type, int *subtype)
{
	long v;

	if (!strncmp(name, "pmip.", 5)) {
		if ((v = name_value(&names_pmip_ns, name + 5)) >= 0)
			*type = MIP_EXT_PMIP_NS;
		else if ((v = name_value(&names_pmip_sk, name + 5)) >= 0)
			*type = MIP_EXT_PMIP_SK;
		else
			return -1;
		*subtype = (int)v;
		return 0;
	}
	if ((v = name_value(&names_genauth, name)) >= 0) {
		*type = MIP_EXT_GENAUTH;
		*subtype = (int)v;
		return 0;
	}
	if ((v = name_value(&names_ext, name)) >= 0) {
		*type = (uint8_t)v;
		*subtype = -1;
		return 0;
	}
	return ext_number(name, type, subtype);
}

/* ---- keywords, completion, help ---- */

bool expr_keyword(unsigned i, struct expr_keyword *kw)
{
	unsigned nt = names_msg_type.n + type_aliases.n;

	if (i < nt) {
		const struct name_entry *e = i < names_msg_type.n ? &names_msg_type.rows[i]
								   : &type_aliases.rows[i - names_msg_type.n];

		*kw = (struct expr_keyword){ EXPR_KW_TYPE, e->name, "", e->title };
		return true;
	}
	if (i == nt) {
		*kw = (struct expr_keyword){ EXPR_KW_TYPE, "type", "N", "any message type byte" };
		return true;
	}
	i -= nt + 1;
	if (i < N_ITEMS) {
		*kw = (struct expr_keyword){ EXPR_KW_ITEM, items[i].name, items[i].args,
					     items[i].help };
		return true;
	}
	return ep_ext_keyword(i - (unsigned)N_ITEMS, kw);
}

static unsigned add_table(const struct name_table *t, void (*add)(void *, const char *),
			  void *arg)
{
	for (unsigned k = 0; k < t->n; k++)
		add(arg, t->rows[k].name);
	return t->n;
}

/* The named values of the item whose keyword is kw (code, next-header, flags, ...); 0
 * when it takes none. */
static unsigned item_values(const struct lex_tok *kw, void (*add)(void *, const char *),
			    void *arg)
{
	static const struct {
		const char *item;
		const struct name_table *t;
		const char *word;
	} vals[] = {
		{ "code", &names_code, NULL },	   { "next-header", &names_nexthdr, NULL },
		{ "lifetime", NULL, "infinite" }, { "ident", NULL, "now" },
		{ "revid", NULL, "now" },
	};
	char letter[2] = { 0, 0 };

	if (lex_is_word(kw, "flags")) { /* one letter; several join with '+' (T+G) */
		for (size_t k = 0; k < sizeof flag_letters - 1; k++) {
			letter[0] = flag_letters[k];
			add(arg, letter);
		}
		return (unsigned)(sizeof flag_letters - 1);
	}
	for (size_t k = 0; k < sizeof vals / sizeof vals[0]; k++)
		if (lex_is_word(kw, vals[k].item)) {
			if (vals[k].t)
				return add_table(vals[k].t, add, arg);
			add(arg, vals[k].word);
			return 1;
		}
	return 0;
}

unsigned expr_complete(const struct lex_tok *toks, size_t n,
		       void (*add)(void *arg, const char *word), void *arg)
{
	struct expr_keyword kw;
	unsigned count = 0;
	long type;

	if (n == 0) {
		count = add_table(&names_msg_type, add, arg) + add_table(&type_aliases, add, arg);
		add(arg, "type");
		return count + 1;
	}
	if ((count = ep_ext_values(toks, n, add, arg)) != 0 ||
	    (count = item_values(&toks[n - 1], add, arg)) != 0)
		return count;
	if (lex_is_word(&toks[n - 1], "ext"))
		return ep_ext_names(add, arg);
	if (lex_is_word(&toks[n - 1], "auth"))
		return ep_auth_kinds(add, arg);
	type = name_value(&names_msg_type, toks[0].text);
	if (type < 0)
		type = name_value(&type_aliases, toks[0].text);
	for (size_t k = 0; k < N_ITEMS; k++)
		if (type < 0 || items[k].kinds & expr_kind((uint8_t)type)) {
			add(arg, items[k].name);
			count++;
		}
	for (unsigned k = 0; expr_keyword(k, &kw); k++)
		if (kw.kind == EXPR_KW_MOD) {
			add(arg, kw.name);
			count++;
		}
	return count;
}

void expr_help(FILE *f)
{
	static const char *const head[] = {
		"EXPR [; EXPR]...   one message per expression (see pmip4ct-lang(7))",
		"EXPR := TYPE ITEM...",
		"N := decimal | 0xHEX    ADDR := a.b.c.d    TEXT := WORD | \"string\" | hex:HEX",
		"BYTES := hex:HEX | ascii:TEXT | \"string\"",
		"AUTH-ARGS := [spi N] [key BYTES] [alg hmac-md5|keyed-md5] [corrupt] [authlen N]",
		"             | [spi N] value BYTES",
	};
	static const char *const title[] = { "message types", "items", "extensions (ext NAME)",
					     "extension modifiers", "auth KIND" };
	struct expr_keyword kw;
	int last = -1;

	for (size_t k = 0; k < sizeof head / sizeof head[0]; k++)
		fprintf(f, "%s\n", head[k]);
	for (unsigned k = 0; expr_keyword(k, &kw); k++) {
		int w;

		if ((int)kw.kind != last) {
			fprintf(f, "\n%s:\n", title[kw.kind]);
			last = (int)kw.kind;
		}
		w = fprintf(f, "  %-14s %s", kw.name, kw.args);
		if (w > 46)
			fprintf(f, "\n%48s%s\n", "", kw.help);
		else
			fprintf(f, "%*s%s\n", 48 - w, "", kw.help);
	}
}
