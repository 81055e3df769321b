/* sh_cond.c — the conditions of `expect` (pmip4ct-shell(7), SENDING AND EXPECTING) on a
 * received message: fields compared with a value (code, hoa, lifetime, ident, ...), flag
 * bits, extensions present or absent, authenticators that verify with the PIXIT's SAs.
 * Each is parsed for the message type expected and checked as a case's check is (tc.h):
 * pass, or fail with "FIELD: expected X, got Y" into the session verdict.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "expr.h"
#include "names.h"
#include "settings.h"
#include "sh_msg.h"
#include "sh_priv.h"
#include "txt.h"

/* ---- fields ---- */

/* V_IDLOW: the low 32 bits of an Identification, which a reply always echoes (RFC 5944
 * §3.6.2.1), given as the whole of one ($tx_ident) or as 32 bits. */
enum vkind { V_CODE, V_NUM, V_LIFE, V_IDENT, V_IDLOW, V_ADDR, V_FLAGS, V_TEXT };

enum fid {
	F_CODE, F_HOA, F_HA, F_COA, F_HDA, F_FDA, F_LIFE, F_IDENT, F_IDLOW, F_REVID, F_FLAGS,
	F_NAI
};

struct shm_field {
	const char *word;
	unsigned kinds;
	enum vkind vk;
	const char *title;
};

static const struct shm_field fields[] = {
	[F_CODE] = { "code", EXPR_K_RRP, V_CODE, "Code" },
	[F_HOA] = { "hoa", EXPR_K_RRQ | EXPR_K_RRP | EXPR_K_REV | EXPR_K_ACK, V_ADDR,
		    "Home Address" },
	[F_HA] = { "ha", EXPR_K_RRQ | EXPR_K_RRP, V_ADDR, "Home Agent" },
	[F_COA] = { "coa", EXPR_K_RRQ, V_ADDR, "Care-of Address" },
	[F_HDA] = { "hda", EXPR_K_REV, V_ADDR, "Home Domain Address" },
	[F_FDA] = { "fda", EXPR_K_REV, V_ADDR, "Foreign Domain Address" },
	[F_LIFE] = { "lifetime", EXPR_K_RRQ | EXPR_K_RRP, V_LIFE, "Lifetime" },
	[F_IDENT] = { "ident", EXPR_K_RRQ | EXPR_K_RRP, V_IDENT, "Identification" },
	[F_IDLOW] = { "ident-low", EXPR_K_RRQ | EXPR_K_RRP, V_IDLOW,
		      "Identification low 32 bits" },
	[F_REVID] = { "revid", EXPR_K_REV | EXPR_K_ACK, V_NUM, "Revocation Identifier" },
	[F_FLAGS] = { "flags", EXPR_K_RRQ, V_FLAGS, "Flags" },
	[F_NAI] = { "nai", EXPR_K_ALL, V_TEXT, "NAI" },
};

#define N_FIELDS (sizeof fields / sizeof fields[0])

/* Words of conditions other than the fields, for suggestions and completion. */
static const char *const cond_words[] = { "bit", "no", "a", "i", "ext", "auth", NULL };

static const struct shm_field *field_find(const char *w)
{
	for (size_t k = 0; k < N_FIELDS; k++)
		if (!strcmp(fields[k].word, w))
			return &fields[k];
	return NULL;
}

/* The field's value in m: false when m has none (no NAI extension). */
static bool field_get(const struct shm_field *f, const struct mip_msg *m, uint64_t *v,
		      const struct mip_ext **nai)
{
	const uint64_t vals[] = {
		[F_CODE] = m->code, [F_HOA] = m->hoa, [F_HA] = m->ha, [F_COA] = m->coa,
		[F_HDA] = m->ha, [F_FDA] = m->coa, [F_LIFE] = m->lifetime, [F_IDENT] = m->ident,
		[F_IDLOW] = (uint32_t)m->ident, [F_REVID] = m->revid, [F_FLAGS] = m->flags, [F_NAI] = 0,
	};

	*v = vals[f - fields];
	if (f - fields != F_NAI)
		return true;
	*nai = mip_ext_find(m, MIP_EXT_NAI, -1);
	return *nai != NULL;
}

/* The mask of flag letter c (upper case) in a message of kind k, and whether it sits in
 * the RRQ flag byte (else the revocation flag word); 0 when that kind has no such flag. */
static uint16_t flag_mask(unsigned k, char c, bool *rrq)
{
	char s[2] = { c, '\0' };
	uint8_t f;
	size_t bad;

	*rrq = k == EXPR_K_RRQ;
	if (k == EXPR_K_RRQ)
		return expr_flags(s, 1, &f, &bad) == 0 ? f : 0;
	if (k == EXPR_K_REV)
		return c == 'A' ? MIP_REV_A : c == 'I' ? MIP_REV_I : 0;
	return k == EXPR_K_ACK && c == 'I' ? MIP_REVACK_I : 0;
}

/* ---- parsing ---- */

const struct lex_tok *shm_peek(const struct shm_parse *p)
{
	return p->i < p->cmd->n ? &p->cmd->tok[p->i] : NULL;
}

const struct lex_tok *shm_take(struct shm_parse *p)
{
	const struct lex_tok *t = shm_peek(p);

	if (t)
		p->i++;
	return t;
}

int shm_want_err(struct shm_parse *p, const struct lex_tok *t, const char *what,
		 const struct lex_tok *kw)
{
	char got[64];

	return sh_err_at(p->sh, p->cmd, t, "expected %s after '%s', got %s", what, kw->text,
			 expr_got(t, got, sizeof got));
}

int shm_resolve(struct sh *sh, const char *s, uint32_t *addr)
{
	uint16_t ignored;

	if (settings_addr(s, addr) == 0 || sh_net_resolve(sh, s, addr, &ignored) == 0)
		return 0;
	return -1;
}

/* A field's value after FIELD [OP]. */
static int p_value(struct shm_parse *p, const struct lex_tok *kw, struct shm_cond *c)
{
	static const uint64_t max[] = { [V_CODE] = 255, [V_NUM] = UINT32_MAX, [V_LIFE] = 65535,
					[V_IDENT] = UINT64_MAX, [V_IDLOW] = UINT64_MAX,
					[V_FLAGS] = 255 };
	static const char *const what[] = {
		[V_CODE] = "a code: a number 0-255 or a name (accepted, ...)",
		[V_NUM] = "a number 0-4294967295",
		[V_LIFE] = "a number 0-65535 or infinite",
		[V_IDENT] = "a number (decimal or 0xHEX)",
		[V_IDLOW] = "a number (decimal or 0xHEX)",
		[V_FLAGS] = "flag letters (S B D M G r T x, as in T+G) or a number 0-255",
	};
	const struct lex_tok *t = shm_take(p);
	enum vkind vk = c->f->vk;
	uint32_t a;
	uint8_t flags;
	size_t bad;
	long n;

	if (t && vk == V_TEXT) {
		c->text = t;
		return 0;
	}
	if (!t || t->kind != LEX_WORD)
		return shm_want_err(p, t, vk == V_TEXT ? "a text" : "a value", kw);
	if (vk == V_ADDR) {
		if (shm_resolve(p->sh, t->text, &a) < 0)
			return shm_want_err(p, t, "an address or a node (" SHM_NODES ")", kw);
		c->v = a;
		return 0;
	}
	if (vk == V_FLAGS && expr_flags(t->text, t->len, &flags, &bad) == 0) {
		c->v = flags;
		return 0;
	}
	if (vk == V_CODE && (n = name_value(&names_code, t->text)) >= 0) {
		c->v = (uint64_t)n;
		return 0;
	}
	if (vk == V_LIFE && lex_is_word(t, "infinite")) {
		c->v = MIP_LIFETIME_INFINITE;
		return 0;
	}
	if (txt_u64(t->text, t->len, max[vk], &c->v, NULL))
		return shm_want_err(p, t, what[vk], kw);
	if (vk == V_IDLOW)
		c->v = (uint32_t)c->v;
	return 0;
}

/* "rrq", "type 9" or "any", as the command names the type. */
static const char *type_name(int type, char *buf, size_t n)
{
	const char *name = type < 0 ? "any" : name_of(&names_msg_type, (unsigned)type);

	if (!name)
		snprintf(buf, n, "type %d", type);
	return name ? name : buf;
}

/* A condition on a field the expected type does not have is an error in the command. */
static int applies(struct shm_parse *p, const struct lex_tok *kw, unsigned kinds)
{
	char lab[16], k[96];

	if (p->type < 0 || kinds & expr_kind((uint8_t)p->type))
		return 0;
	return sh_err_at(p->sh, p->cmd, kw, "'%s' does not apply to %s messages (only to %s)",
			 kw->text, type_name(p->type, lab, sizeof lab),
			 expr_kinds_str(kinds, k, sizeof k));
}

static int p_field(struct shm_parse *p, const struct lex_tok *kw, struct shm_cond *c)
{
	const struct lex_tok *t = shm_peek(p);
	enum vkind vk = c->f->vk;

	c->kind = SHM_C_FIELD;
	if (applies(p, kw, c->f->kinds) < 0)
		return -1;
	if (t && t->kind == LEX_OP) {
		shm_take(p);
		c->op = t->op;
		if (c->op != LEX_OP_EQ && c->op != LEX_OP_NE &&
		    (vk == V_ADDR || vk == V_FLAGS || vk == V_TEXT))
			return sh_err_at(p->sh, p->cmd, t, "'%s' compares with == or != only, "
					 "not '%s'", kw->text, t->text);
	}
	return p_value(p, kw, c);
}

/* The flag letter after `bit`, or the word a / i itself. */
static int p_bit(struct shm_parse *p, const struct lex_tok *kw, const struct lex_tok *t,
		 struct shm_cond *c)
{
	char lab[16], what[32];
	bool rrq;
	int up;

	if (!t || t->kind != LEX_WORD || t->len != 1)
		return shm_want_err(p, t, "one flag letter (S B D M G r T x; A I)", kw);
	up = t->text[0] >= 'a' && t->text[0] <= 'z' ? t->text[0] - 'a' + 'A' : t->text[0];
	c->kind = SHM_C_BIT;
	c->v = (uint64_t)up;
	if (p->type < 0 ? strchr("SBDMGRTXAI", up) != NULL
			: flag_mask(expr_kind((uint8_t)p->type), (char)up, &rrq) != 0)
		return 0;
	if (p->type < 0)
		snprintf(what, sizeof what, "any message");
	else
		snprintf(what, sizeof what, "%s messages", type_name(p->type, lab, sizeof lab));
	return sh_err_at(p->sh, p->cmd, t, "'%s' is no flag of %s (rrq: S B D M G r T x; "
			 "revocation: A I; revocation-ack: I)", t->text, what);
}

static int p_ext(struct shm_parse *p, const struct lex_tok *kw, struct shm_cond *c)
{
	const struct lex_tok *t = shm_take(p);

	c->kind = SHM_C_EXT;
	c->text = t;
	if (t && t->kind == LEX_WORD && expr_ext_lookup(t->text, &c->type, &c->sub) == 0)
		return 0;
	return shm_want_err(p, t, "an extension (nai, fa-ha, rev-support, pmip.devid, ..., or "
			    "TYPE[/SUB])", kw);
}

/* auth [fa-ha|mn-ha] valid */
static int p_auth(struct shm_parse *p, const struct lex_tok *kw, struct shm_cond *c)
{
	const struct lex_tok *t = shm_take(p);

	c->kind = SHM_C_AUTH;
	if (t && (lex_is_word(t, "fa-ha") || lex_is_word(t, "mn-ha"))) {
		c->type = lex_is_word(t, "fa-ha") ? MIP_EXT_FAHA : MIP_EXT_MNHA;
		kw = t;
		t = shm_take(p);
	}
	if (t && lex_is_word(t, "valid"))
		return 0;
	return shm_want_err(p, t, c->type ? "valid" : "fa-ha, mn-ha or valid", kw);
}

static int unknown_cond(struct shm_parse *p, const struct lex_tok *t)
{
	struct sh_suggest s;
	char got[64];

	sh_suggest_init(&s, t->kind == LEX_WORD ? t->text : "");
	for (size_t k = 0; k < N_FIELDS; k++)
		sh_suggest_add(&s, fields[k].word);
	for (size_t k = 0; cond_words[k]; k++)
		sh_suggest_add(&s, cond_words[k]);
	sh_suggest_add(&s, "at");
	sh_suggest_add(&s, "from");
	sh_suggest_add(&s, "within");
	return sh_err_at(p->sh, p->cmd, t, "expected a condition, at, from or within, got %s%s",
			 expr_got(t, got, sizeof got), sh_suggest_str(&s));
}

int shm_cond_parse(struct shm_parse *p, struct shm_cond *c)
{
	const struct lex_tok *t = shm_take(p), *no = NULL;
	int rc;

	*c = (struct shm_cond){ .op = LEX_OP_EQ, .sub = -1 };
	if (lex_is_word(t, "no")) {
		no = t;
		t = shm_take(p);
		if (!t || !(lex_is_word(t, "ext") || lex_is_word(t, "bit") || lex_is_word(t, "a") ||
			    lex_is_word(t, "i")))
			return shm_want_err(p, t, "ext, bit, a or i", no);
		c->no = true;
	}
	if (lex_is_word(t, "ext"))
		rc = p_ext(p, t, c);
	else if (lex_is_word(t, "bit"))
		rc = p_bit(p, t, shm_take(p), c);
	else if (lex_is_word(t, "a") || lex_is_word(t, "i"))
		rc = p_bit(p, t, t, c);
	else if (lex_is_word(t, "auth"))
		rc = p_auth(p, t, c);
	else if (t->kind == LEX_WORD && (c->f = field_find(t->text)))
		rc = p_field(p, t, c);
	else
		return unknown_cond(p, t);
	return rc;
}

void shm_cond_words(int type, sh_add_fn add, void *arg)
{
	for (size_t k = 0; k < N_FIELDS; k++)
		if (type < 0 || fields[k].kinds & expr_kind((uint8_t)type))
			add(arg, fields[k].word);
	for (size_t k = 0; cond_words[k]; k++)
		add(arg, cond_words[k]);
}

/* ---- checking ---- */

void shm_judge(struct shm_outcome *o, const char *field, const char *exp, bool ok,
	       const char *got)
{
	tc_check_true(o->t, field, exp, ok, "%s", got);
	if (!ok && !o->first[0])
		snprintf(o->first, sizeof o->first, "%.96s: expected %.160s, got %.200s", field,
			 exp, got);
}

static const char *value_str(enum vkind vk, uint64_t v, char *buf, size_t n)
{
	static const char letters[] = "SBDMGrTx";
	size_t at = 0;

	switch (vk) {
	case V_ADDR:
		snprintf(buf, n, "%s", txt_ip4((uint32_t)v).s);
		return buf;
	case V_IDENT:
		snprintf(buf, n, "0x%016" PRIx64, v);
		return buf;
	case V_IDLOW:
		snprintf(buf, n, "0x%08" PRIx64, v);
		return buf;
	case V_FLAGS:
		snprintf(buf, n, "0");
		for (unsigned b = 0; b < 8; b++)
			if (v & 0x80u >> b)
				at += (size_t)snprintf(buf + at, n - at, "%s%c", at ? "+" : "",
						       letters[b]);
		return buf;
	default:
		snprintf(buf, n, "%" PRIu64, v);
		return buf;
	}
}

static bool compare(enum lex_op op, uint64_t got, uint64_t want)
{
	switch (op) {
	case LEX_OP_NE:
		return got != want;
	case LEX_OP_LT:
		return got < want;
	case LEX_OP_LE:
		return got <= want;
	case LEX_OP_GT:
		return got > want;
	case LEX_OP_GE:
		return got >= want;
	default:
		return got == want;
	}
}

static void check_field(struct shm_outcome *o, const struct shm_cond *c, const struct mip_msg *m)
{
	char name[96], exp[160], got[160], val[128];
	const struct mip_ext *nai = NULL;
	uint64_t v;

	snprintf(name, sizeof name, "%s.%s", o->label, c->f->title);
	if (c->f->vk == V_TEXT)
		snprintf(val, sizeof val, "%s", c->text->text);
	else
		value_str(c->f->vk, c->v, val, sizeof val);
	snprintf(exp, sizeof exp, "%s%s%s", c->op == LEX_OP_EQ ? "" : lex_op_str(c->op),
		 c->op == LEX_OP_EQ ? "" : " ", val);
	if (!(c->f->kinds & expr_kind(m->type))) {
		shm_judge(o, name, exp, false, "no such field");
	} else if (!field_get(c->f, m, &v, &nai)) {
		shm_judge(o, name, exp, false, "absent");
	} else if (c->f->vk != V_TEXT) {
		shm_judge(o, name, exp, compare(c->op, v, c->v),
			  value_str(c->f->vk, v, got, sizeof got));
	} else {
		bool eq = nai->v.bytes.len == c->text->len &&
			  !memcmp(nai->v.bytes.p, c->text->text, c->text->len);

		snprintf(got, sizeof got, "%.*s", (int)nai->v.bytes.len,
			 (const char *)nai->v.bytes.p);
		shm_judge(o, name, exp, eq == (c->op == LEX_OP_EQ), got);
	}
}

static void check_bit(struct shm_outcome *o, const struct shm_cond *c, const struct mip_msg *m)
{
	int letter = (int)c->v == 'R' || (int)c->v == 'X' ? (int)c->v - 'A' + 'a' : (int)c->v;
	bool rrq, set;
	uint16_t mask = flag_mask(expr_kind(m->type), (char)c->v, &rrq);
	char name[64];

	snprintf(name, sizeof name, "%s %c bit", o->label, letter);
	set = rrq ? (m->flags & mask) != 0 : (m->rflags & mask) != 0;
	shm_judge(o, name, c->no ? "clear" : "set", mask && set != c->no,
		  !mask ? "no such flag" : set ? "set" : "clear");
}

static void check_ext(struct shm_outcome *o, const struct shm_cond *c, const struct mip_msg *m)
{
	bool have = mip_ext_find(m, c->type, c->sub) != NULL;
	char name[96];

	snprintf(name, sizeof name, "%s ext %s", o->label, c->text->text);
	shm_judge(o, name, c->no ? "absent" : "present", have != c->no,
		  have ? "present" : "absent");
}

/* The FA-HA (or MN-HA) authenticator verifies with the PIXIT's SA of its SPI. */
static void check_auth(struct shm_outcome *o, const struct shm_cond *c, const struct tc_rx *rx)
{
	const struct mip_msg *m = &rx->m;
	uint8_t type = c->type ? c->type
			       : mip_ext_find(m, MIP_EXT_FAHA, -1) ? MIP_EXT_FAHA : MIP_EXT_MNHA;
	const struct mip_ext *x = mip_ext_find(m, type, -1);
	bool fa = type == MIP_EXT_FAHA;
	const struct mip_sa *sa;
	enum auth_result r;
	char name[96], got[96];

	snprintf(name, sizeof name, "%s %s authenticator (%u)", o->label, fa ? "FA-HA" : "MN-HA",
		 type);
	if (!x) {
		shm_judge(o, name, "present", false, "absent");
		return;
	}
	sa = sh_net_sa(o->sh, fa ? AUTH_KIND_FAHA : AUTH_KIND_MNHA, x->v.auth.spi);
	r = sa ? auth_verify(rx->pkt.buf, rx->pkt.len, x, sa) : AUTH_SPI_MISMATCH;
	if (sa)
		snprintf(got, sizeof got, "%s", auth_result_str(r));
	else
		snprintf(got, sizeof got, "SPI %" PRIu32 ", not that of PIXIT %s", x->v.auth.spi,
			 fa ? "sa" : "mn-sa");
	shm_judge(o, name, "a valid authenticator", r == AUTH_VALID, got);
}

void shm_check(struct shm_outcome *o, const struct shm_cond *c, size_t n,
	       const struct tc_rx *rx)
{
	if (!n)
		tc_pass(o->t);
	for (size_t k = 0; k < n; k++) {
		if (c[k].kind == SHM_C_FIELD)
			check_field(o, &c[k], &rx->m);
		else if (c[k].kind == SHM_C_BIT)
			check_bit(o, &c[k], &rx->m);
		else if (c[k].kind == SHM_C_EXT)
			check_ext(o, &c[k], &rx->m);
		else
			check_auth(o, &c[k], rx);
	}
}
