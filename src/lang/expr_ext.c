/* expr_ext.c — extensions in message expressions (expr.h): `ext NAME ARGS [MODIFIERS]`,
 * `ext raw`, `ext pmip.SUB`, `auth KIND ...` and `nai TEXT`.  Only the grammar lives
 * here: extension and sub-type names come from names.h, layouts from ext.h's policy.
 */
#include <string.h>

#include "expr.h"
#include "expr_priv.h"
#include "ext.h"
#include "txt.h"

/* An extension being parsed. */
struct extp {
	struct mip_ext *e;
	const struct lex_tok *name; /* the NAME or KIND token */
	int preset;                 /* sub-type fixed by the name (pmip.ifid, mn-aaa), or -1 */
	unsigned used;              /* keywords seen: bit k = kws[k], bit 16 + k = mods[k] */
	bool have_key, have_value, have_alg, have_authlen, corrupt, have_ts;
	enum auth_alg alg;
	const uint8_t *key;
	uint16_t key_len;
	const struct lex_tok *length_tok;
	uint64_t length;
	const struct lex_tok *subtype_tok;
};

struct ext_arg {
	const char *name;
	int (*fn)(struct parser *p, struct extp *x, const struct lex_tok *kw);
	bool only_before_bytes; /* a keyword only when BYTES follow it (`auth` in auth) */
};

struct ext_gram {
	uint8_t type;
	const char *args; /* synopsis for help */
	int (*head)(struct parser *p, struct extp *x);
	const struct ext_arg *kws;
	int (*finish)(struct parser *p, struct extp *x);
};

static struct mip_msg *msg(struct parser *p)
{
	return &p->em->msg;
}

/* ---- authentication: 32 MN-HA, 33 MN-FA, 34 FA-HA, 36 Generalized ---- */

static int a_spi(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	uint64_t v;

	if (ep_num(p, kw, UINT32_MAX, &v) < 0)
		return -1;
	x->e->v.auth.spi = (uint32_t)v; /* 0-255 allowed on purpose (expr.h) */
	return 0;
}

static int a_key(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	const struct lex_tok *t = ep_peek(p, 0);

	if (ep_bytes(p, kw, false, &x->key, &x->key_len) < 0)
		return -1;
	if (x->key_len > AUTH_KEY_MAX)
		return ep_fail(p, t, "a key of %u bytes is longer than %d", x->key_len,
			       AUTH_KEY_MAX);
	x->have_key = true;
	return 0;
}

static const struct name_entry alg_rows[] = {
	{ AUTH_HMAC_MD5, "hmac-md5", "HMAC-MD5 (RFC 5944 §5.1)" },
	{ AUTH_KEYED_MD5, "keyed-md5", "keyed MD5 prefix+suffix (RFC 2002 §3.5.1)" },
};
static const struct name_table algs = { alg_rows, 2 };

static int a_alg(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	uint64_t v;

	if (ep_named(p, kw, &algs, 1, &v) < 0)
		return -1;
	x->alg = (enum auth_alg)v;
	x->have_alg = true;
	return 0;
}

static int a_corrupt(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	x->corrupt = true;
	return 0;
}

static int a_authlen(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	uint64_t v;

	if (ep_num(p, kw, 65535, &v) < 0)
		return -1;
	x->e->auth_len_set = true;
	x->e->auth_len = (uint16_t)v;
	x->have_authlen = true;
	return 0;
}

static int a_value(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	x->have_value = true;
	return ep_bytes(p, kw, false, &x->e->v.auth.auth, &x->e->v.auth.auth_len);
}

/* `auth BYTES` inside an authentication extension is `value BYTES`; `auth` followed by
 * anything else starts the next authentication extension. */
static const struct ext_arg auth_kws[] = {
	{ "spi", a_spi, false },         { "key", a_key, false },
	{ "alg", a_alg, false },         { "corrupt", a_corrupt, false },
	{ "authlen", a_authlen, false }, { "value", a_value, false },
	{ "auth", a_value, true },       { NULL, NULL, false },
};

static enum auth_kind auth_kind_of(uint8_t type)
{
	switch (type) {
	case MIP_EXT_MNFA:
		return AUTH_KIND_MNFA;
	case MIP_EXT_FAHA:
		return AUTH_KIND_FAHA;
	case MIP_EXT_GENAUTH:
		return AUTH_KIND_MNAAA;
	default:
		return AUTH_KIND_MNHA;
	}
}

static int head_gen(struct parser *p, struct extp *x)
{
	const struct lex_tok *t = ep_peek(p, 0);
	long sub = t && t->kind == LEX_WORD ? name_value(&names_genauth, t->text) : -1;

	if (x->preset >= 0)
		return 0;
	x->e->subtype = MIP_GENAUTH_MNAAA;
	if (sub >= 0) {
		ep_take(p);
		x->e->subtype = (uint8_t)sub;
	}
	return 0;
}

static int auth_given(struct parser *p, struct extp *x)
{
	if (x->have_key || x->have_alg || x->corrupt || x->have_authlen)
		return ep_fail(p, x->name, "'value' gives the authenticator as it is: key, alg, "
			       "corrupt and authlen do not apply to it");
	x->e->auth_mode = MIP_AUTH_GIVEN;
	return 0;
}

static int auth_finish(struct parser *p, struct extp *x)
{
	struct expr_msg *em = p->em;
	struct mip_ext *e = x->e;
	const struct mip_sa *found = NULL;
	struct mip_sa *sa;
	enum auth_kind kind = auth_kind_of(e->type);

	if (e->raw)
		return 0;
	if (x->have_value)
		return auth_given(p, x);
	if (!x->have_key && p->ctx->sa_lookup)
		found = p->ctx->sa_lookup(p->ctx->arg, kind, e->v.auth.spi);
	if (!x->have_key && !found)
		return ep_fail(p, x->name, "auth %s needs key or value", x->name->text);
	if (em->n_sa >= EXPR_SA_MAX)
		return ep_fail(p, x->name, "more than %d computed authenticators", EXPR_SA_MAX);
	sa = &em->sa[em->n_sa++];
	if (found) {
		*sa = *found;
	} else {
		memset(sa, 0, sizeof *sa);
		memcpy(sa->key, x->key, x->key_len);
		sa->key_len = x->key_len;
	}
	sa->spi = e->v.auth.spi;
	sa->kind = kind;
	if (x->have_alg)
		sa->alg = x->alg;
	e->sa = sa;
	e->auth_mode = x->corrupt ? MIP_AUTH_CORRUPT : MIP_AUTH_COMPUTE;
	return 0;
}

/* ---- vendor specific: 38 CVSE, 134 NVSE (RFC 3115) ---- */

static int v_vendor(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	uint64_t v;

	if (ep_num(p, kw, UINT32_MAX, &v) < 0)
		return -1;
	x->e->v.vse.vendor = (uint32_t)v;
	return 0;
}

static int v_type(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	uint64_t v;

	if (ep_num(p, kw, 65535, &v) < 0)
		return -1;
	x->e->v.vse.vtype = (uint16_t)v;
	return 0;
}

static int v_value(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	return ep_bytes(p, kw, false, &x->e->v.vse.value, &x->e->v.vse.value_len);
}

/* CVSE: the Reserved byte sits where a sub-type would; NVSE: a 16-bit Reserved. */
static int v_reserved(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	uint64_t v;
	bool cvse = x->e->type == MIP_EXT_CVSE;

	if (ep_num(p, kw, cvse ? 255 : 65535, &v) < 0)
		return -1;
	if (cvse)
		x->e->subtype = (uint8_t)v;
	else
		x->e->v.vse.reserved = (uint16_t)v;
	return 0;
}

static const struct ext_arg vse_kws[] = {
	{ "vendor", v_vendor, false }, { "type", v_type, false }, { "value", v_value, false },
	{ "reserved", v_reserved, false }, { NULL, NULL, false },
};

/* ---- UDP tunnelling: 44 reply, 144 request (RFC 3519 §3.1-§3.2) ---- */

static int rep_code(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	uint64_t v;

	if (ep_num(p, kw, 255, &v) < 0)
		return -1;
	x->e->v.utrp.code = (uint8_t)v;
	return 0;
}

static int rep_f(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	x->e->v.utrp.flags |= MIP_UTRP_F;
	return 0;
}

static int rep_keepalive(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	uint64_t v;

	if (ep_num(p, kw, 65535, &v) < 0)
		return -1;
	x->e->v.utrp.keepalive = (uint16_t)v;
	return 0;
}

static int rep_bits(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	uint64_t v;

	if (ep_num(p, kw, 65535, &v) < 0)
		return -1;
	x->e->v.utrp.flags = (uint16_t)v;
	return 0;
}

static const struct ext_arg utrp_kws[] = {
	{ "code", rep_code, false }, { "f", rep_f, false }, { "keepalive", rep_keepalive, false },
	{ "bits", rep_bits, false }, { NULL, NULL, false },
};

static int req_f(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	x->e->v.utrq.flags |= MIP_UTRQ_F;
	return 0;
}

static int req_r(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	x->e->v.utrq.flags |= MIP_UTRQ_R;
	return 0;
}

static int req_encap(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	uint64_t v;

	if (ep_named(p, kw, &names_nexthdr, 255, &v) < 0)
		return -1;
	x->e->v.utrq.encap = (uint8_t)v;
	return 0;
}

static int req_reserved1(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	uint64_t v;

	if (ep_num(p, kw, 255, &v) < 0)
		return -1;
	x->e->v.utrq.reserved1 = (uint8_t)v;
	return 0;
}

static int req_reserved3(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	uint64_t v;

	if (ep_num(p, kw, 65535, &v) < 0)
		return -1;
	x->e->v.utrq.reserved3 = (uint16_t)v;
	return 0;
}

static int req_bits(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	uint64_t v;

	if (ep_num(p, kw, 255, &v) < 0)
		return -1;
	x->e->v.utrq.flags = (uint8_t)v;
	return 0;
}

static const struct ext_arg utrq_kws[] = {
	{ "f", req_f, false },         { "r", req_r, false },
	{ "encap", req_encap, false }, { "reserved1", req_reserved1, false },
	{ "reserved3", req_reserved3, false }, { "bits", req_bits, false },
	{ NULL, NULL, false },
};

/* ---- 137 Revocation Support (RFC 3543 §3.2) ---- */

static int rs_i(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	x->e->v.rev.flags |= MIP_REVSUP_I;
	return 0;
}

static int rs_ts(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	x->have_ts = true;
	return ep_num_or_now32(p, kw, &x->e->v.rev.ts);
}

static int rs_bits(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	uint64_t v;

	if (ep_num(p, kw, 65535, &v) < 0)
		return -1;
	x->e->v.rev.flags = (uint16_t)v;
	return 0;
}

static const struct ext_arg revsup_kws[] = {
	{ "i", rs_i, false }, { "ts", rs_ts, false }, { "bits", rs_bits, false }, { NULL, NULL, false },
};

/* The timestamp defaults to now when there is a clock. */
static int revsup_finish(struct parser *p, struct extp *x)
{
	if (x->have_ts || !p->ctx->clk)
		return 0;
	return ep_now32(p, x->name, &x->e->v.rev.ts);
}

/* ---- 139 Dynamic HA (RFC 4433 §3.4; layout: DESIGN.md §6.4) ---- */

static int head_dynha(struct parser *p, struct extp *x)
{
	const struct lex_tok *st = ep_peek(p, 0);
	uint64_t v;

	if (ep_named(p, x->name, &names_dynha, 255, &v) < 0)
		return -1;
	x->e->subtype = (uint8_t)v;
	return ep_addr(p, st, &x->e->v.dynha.ha);
}

static int dh_long(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	x->e->fmt = MIP_FMT_LONG;
	return 0;
}

static int dh_short(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	x->e->fmt = MIP_FMT_SHORT;
	return 0;
}

static const struct ext_arg dynha_kws[] = {
	{ "long", dh_long, false }, { "short", dh_short, false }, { NULL, NULL, false },
};

/* ---- one positional value: 48 GRE key, 131 NAI, 132 challenge, 145 string ---- */

static int head_gre(struct parser *p, struct extp *x)
{
	uint64_t v;

	if (ep_num(p, x->name, UINT32_MAX, &v) < 0)
		return -1;
	x->e->v.gre.key = (uint32_t)v;
	return 0;
}

static int head_text(struct parser *p, struct extp *x)
{
	return ep_bytes(p, x->name, true, &x->e->v.bytes.p, &x->e->v.bytes.len);
}

static int head_msgstr(struct parser *p, struct extp *x)
{
	const struct lex_tok *st = ep_peek(p, 0);
	uint64_t v;

	if (ep_named(p, x->name, &names_msgstr, 255, &v) < 0)
		return -1;
	x->e->subtype = (uint8_t)v;
	return ep_bytes(p, st, true, &x->e->v.bytes.p, &x->e->v.bytes.len);
}

static int pad_count(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	uint64_t v;

	if (ep_num(p, kw, 65535, &v) < 0)
		return -1;
	x->e->v.pad.count = (uint16_t)v;
	return 0;
}

static const struct ext_arg pad_kws[] = { { "count", pad_count, false }, { NULL, NULL, false } };
static const struct ext_arg no_kws[] = { { NULL, NULL, false } };

/* ---- 47 and 147: PMIPv4 (RFC 5563 §5) ---- */

/* The sub-type: fixed by a pmip.SUB alias, or a name or number from the table. */
static int pmip_subtype(struct parser *p, struct extp *x, const struct name_table *t,
			const struct lex_tok **kw)
{
	uint64_t v;

	*kw = x->name;
	if (x->preset >= 0)
		return 0;
	*kw = ep_peek(p, 0);
	if (ep_named(p, x->name, t, 255, &v) < 0)
		return -1;
	x->e->subtype = (uint8_t)v;
	return 0;
}

static int head_pmip_ns(struct parser *p, struct extp *x)
{
	const struct lex_tok *kw;
	uint64_t v;

	if (pmip_subtype(p, x, &names_pmip_ns, &kw) < 0)
		return -1;
	if (x->e->subtype != MIP_PMIP_PERNODE)
		return 0; /* other sub-types: give the value with `data` */
	if (ep_named(p, kw, &names_pernode, 255, &v) < 0)
		return -1;
	x->e->v.pernode.method = (uint8_t)v;
	return 0;
}

/* How an identifier of a given ID-Type is written (RFC 5563 §5.3-§5.4). */
enum id_style { ID_BYTES, ID_MAC, ID_HEX, ID_DIGITS };

static enum id_style id_style(uint8_t subtype, uint8_t idtype)
{
	if (subtype == MIP_PMIP_SUBID)
		return idtype == 1 ? ID_DIGITS : ID_BYTES; /* 1 IMSI */
	switch (idtype) {
	case 1: /* Ethernet MAC */
		return ID_MAC;
	case 2: /* MEID */
	case 4: /* ESN */
		return ID_HEX;
	case 3: /* IMEI */
		return ID_DIGITS;
	default:
		return ID_BYTES;
	}
}

/* XX:XX:XX:XX:XX:XX (or with '-'): six bytes. */
static int id_mac(struct parser *p, const struct lex_tok *kw, const struct lex_tok *t,
		  struct extp *x)
{
	uint8_t mac[6];
	const char *s = t->text;
	char got[64];

	for (int k = 0; k < 6; k++, s += 3) {
		int hi = txt_hexdigit(s[0]), lo = hi < 0 ? -1 : txt_hexdigit(s[1]);
		char sep = lo < 0 ? '?' : s[2];

		if (lo < 0 || (k < 5 && sep != ':' && sep != '-') || (k == 5 && sep))
			return ep_fail(p, t, "expected a MAC address (XX:XX:XX:XX:XX:XX) after "
				       "'%s', got %s", kw->text, ep_got(t, got, sizeof got));
		mac[k] = (uint8_t)(hi << 4 | lo);
	}
	x->e->v.pmid.id = ep_store(p, t, mac, sizeof mac);
	x->e->v.pmid.id_len = sizeof mac;
	return x->e->v.pmid.id ? 0 : -1;
}

static int id_digits(struct parser *p, const struct lex_tok *kw, const struct lex_tok *t,
		     struct extp *x)
{
	char got[64];

	if (!t->len || strspn(t->text, "0123456789") != t->len)
		return ep_fail(p, t, "expected decimal digits after '%s', got %s", kw->text,
			       ep_got(t, got, sizeof got));
	x->e->v.pmid.id = ep_store(p, t, t->text, t->len);
	x->e->v.pmid.id_len = (uint16_t)t->len;
	return x->e->v.pmid.id ? 0 : -1;
}

/* The identifier after `mac`, `imei`, ...: in its own notation, or any BYTES. */
static int id_value(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	const struct lex_tok *t = ep_peek(p, 0);
	struct mip_ext *e = x->e;
	enum id_style st = id_style(e->subtype, e->v.pmid.idtype);

	if (st == ID_BYTES || !t || ep_is_bytes(t) || t->kind != LEX_WORD)
		return ep_bytes(p, kw, false, &e->v.pmid.id, &e->v.pmid.id_len);
	ep_take(p);
	if (st == ID_MAC)
		return id_mac(p, kw, t, x);
	if (st == ID_DIGITS)
		return id_digits(p, kw, t, x);
	return ep_hex(p, t, 0, &e->v.pmid.id, &e->v.pmid.id_len);
}

/* ID := NAME VALUE | type N id BYTES  (147/2 Device ID, 147/3 Subscriber ID) */
static int head_id(struct parser *p, struct extp *x, const struct lex_tok *kw,
		   const struct name_table *t)
{
	const struct lex_tok *w = ep_peek(p, 0);
	uint64_t v;
	char got[64];

	if (w && lex_is_word(w, "type")) {
		ep_take(p);
		if (ep_num(p, w, 255, &v) < 0)
			return -1;
		x->e->v.pmid.idtype = (uint8_t)v;
		w = ep_take(p);
		if (!w || !lex_is_word(w, "id"))
			return ep_fail(p, w, "expected 'id' after the ID-Type, got %s",
				       ep_got(w, got, sizeof got));
		return ep_bytes(p, w, false, &x->e->v.pmid.id, &x->e->v.pmid.id_len);
	}
	if (ep_named(p, kw, t, 255, &v) < 0)
		return -1;
	x->e->v.pmid.idtype = (uint8_t)v;
	return id_value(p, x, w);
}

static int head_pmip_sk(struct parser *p, struct extp *x)
{
	const struct lex_tok *kw;
	uint64_t v;

	if (pmip_subtype(p, x, &names_pmip_sk, &kw) < 0)
		return -1;
	switch (x->e->subtype) {
	case MIP_PMIP_IFID:
		return ep_bytes(p, kw, true, &x->e->v.bytes.p, &x->e->v.bytes.len);
	case MIP_PMIP_DEVID:
		return head_id(p, x, kw, &names_devid_type);
	case MIP_PMIP_SUBID:
		return head_id(p, x, kw, &names_subid_type);
	case MIP_PMIP_ACCTECH:
		if (ep_named(p, kw, &names_tech, 255, &v) < 0)
			return -1;
		x->e->v.acctech.tech = (uint8_t)v;
		return 0;
	default:
		return 0; /* other sub-types: give the value with `data` */
	}
}

/* ---- the grammar table ---- */

#define AUTH_ARGS "AUTH-ARGS" /* spelled out in expr_help() */

static const struct ext_gram grams[] = {
	{ MIP_EXT_PAD, "[count N]", NULL, pad_kws, NULL },
	{ MIP_EXT_MNHA, AUTH_ARGS, NULL, auth_kws, auth_finish },
	{ MIP_EXT_MNFA, AUTH_ARGS, NULL, auth_kws, auth_finish },
	{ MIP_EXT_FAHA, AUTH_ARGS, NULL, auth_kws, auth_finish },
	{ MIP_EXT_GENAUTH, "[mn-aaa] " AUTH_ARGS, head_gen, auth_kws, auth_finish },
	{ MIP_EXT_CVSE, "[vendor N] [type N] [value BYTES] [reserved N]", NULL, vse_kws, NULL },
	{ MIP_EXT_UDPTUN_REP, "[code N] [f] [keepalive N] [bits N]", NULL, utrp_kws, NULL },
	{ MIP_EXT_PMIP_NS, "pernode fa-ha|ipsec|N | SUBTYPE", head_pmip_ns, no_kws, NULL },
	{ MIP_EXT_GREKEY, "N", head_gre, no_kws, NULL },
	{ MIP_EXT_EDS, "", NULL, no_kws, NULL },
	{ MIP_EXT_NAI, "TEXT", head_text, no_kws, NULL },
	{ MIP_EXT_CHALLENGE, "TEXT", head_text, no_kws, NULL },
	{ MIP_EXT_NVSE, "[vendor N] [type N] [value BYTES] [reserved N]", NULL, vse_kws, NULL },
	{ MIP_EXT_REVSUP, "[i] [ts N|now] [bits N]", NULL, revsup_kws, revsup_finish },
	{ MIP_EXT_DYNHA, "requested|redirected ADDR [long|short]", head_dynha, dynha_kws,
	  NULL },
	{ MIP_EXT_UDPTUN_REQ, "[f] [r] [encap N|ip|gre|minimal] [reserved1 N] [reserved3 N] "
	  "[bits N]", NULL, utrq_kws, NULL },
	{ MIP_EXT_MSGSTR, "ha|fa TEXT", head_msgstr, no_kws, NULL },
	{ MIP_EXT_PMIP_SK, "ifid TEXT | devid ID | subid ID | acctech NAME|N", head_pmip_sk,
	  no_kws, NULL },
};

#define N_GRAMS (sizeof grams / sizeof grams[0])

/* DESIGN.md §3's friendly names for the PMIPv4 sub-types. */
static const struct ext_alias {
	const char *name;
	uint8_t type;
	uint8_t subtype;
	const char *args;
} aliases[] = {
	{ "pmip.pernode", MIP_EXT_PMIP_NS, MIP_PMIP_PERNODE, "fa-ha|ipsec|N" },
	{ "pmip.ifid", MIP_EXT_PMIP_SK, MIP_PMIP_IFID, "TEXT" },
	{ "pmip.devid", MIP_EXT_PMIP_SK, MIP_PMIP_DEVID, "ID" },
	{ "pmip.subid", MIP_EXT_PMIP_SK, MIP_PMIP_SUBID, "ID" },
	{ "pmip.acctech", MIP_EXT_PMIP_SK, MIP_PMIP_ACCTECH, "NAME|N" },
};

#define N_ALIASES (sizeof aliases / sizeof aliases[0])

static const struct ext_gram *gram_find(uint8_t type)
{
	for (size_t k = 0; k < N_GRAMS; k++)
		if (grams[k].type == type)
			return &grams[k];
	return NULL;
}

/* ---- modifiers ---- */

static int m_length(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	x->length_tok = kw;
	return ep_num(p, kw, 65535, &x->length);
}

static int m_subtype(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	uint64_t v;

	x->subtype_tok = kw;
	if (ep_num(p, kw, 255, &v) < 0)
		return -1;
	x->e->subtype = (uint8_t)v;
	return 0;
}

static const struct name_entry fmt_rows[] = {
	{ MIP_FMT_PAD, "pad", "one byte, no Length (RFC 5944 §1.8)" },
	{ MIP_FMT_TLV, "tlv", "Type, Length, Data (§1.9)" },
	{ MIP_FMT_SHORT, "short", "Type, Length, Sub-Type, Data (§1.11)" },
	{ MIP_FMT_LONG, "long", "Type, Sub-Type, Length(16), Data (§1.10)" },
};
static const struct name_table fmts = { fmt_rows, 4 };

static int m_format(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	const struct lex_tok *t = ep_peek(p, 0);
	char got[64];
	long v = t && t->kind == LEX_WORD ? name_value(&fmts, t->text) : -1;

	if (v < 0)
		return ep_fail(p, t, "expected tlv, short, long or pad after 'format', got %s",
			       ep_got(t, got, sizeof got));
	ep_take(p);
	x->e->fmt = (uint8_t)v;
	return 0;
}

static int m_data(struct parser *p, struct extp *x, const struct lex_tok *kw)
{
	x->e->raw = true;
	return ep_bytes(p, kw, false, &x->e->data, &x->e->data_len);
}

enum { MOD_DATA = 3 }; /* index of `data` in mods[] */

static const struct ext_arg mods[] = {
	{ "length", m_length, false }, { "subtype", m_subtype, false }, { "format", m_format, false },
	{ "data", m_data, false },     { NULL, NULL, false },
};

static const char *const mod_help[] = {
	"write N in the Length field, not the right value",
	"write N in the Sub-Type (CVSE: Reserved) byte",
	"write the extension in another layout",
	"write BYTES instead of the encoded arguments",
};
static const char *const mod_args[] = { "N", "N", "tlv|short|long|pad", "BYTES" };

static int mods_finish(struct parser *p, struct extp *x)
{
	struct mip_ext *e = x->e;
	uint64_t max = e->fmt == MIP_FMT_LONG ? 65535 : 255;

	if (x->subtype_tok && (e->fmt == MIP_FMT_TLV || e->fmt == MIP_FMT_PAD))
		return ep_fail(p, x->subtype_tok, "this layout has no Sub-Type: add 'format "
			       "short' or 'format long'");
	if (!x->length_tok)
		return 0;
	if (e->fmt == MIP_FMT_PAD)
		return ep_fail(p, x->length_tok, "a pad byte has no Length");
	if (x->length > max)
		return ep_fail(p, x->length_tok, "Length %u does not fit this layout's %s-bit "
			       "field", (unsigned)x->length, max == 255 ? "8" : "16");
	e->length_set = true;
	e->length = (uint16_t)x->length;
	return 0;
}

/* ---- extensions ---- */

/* Arguments and modifiers in any order, each once; stop at the first other word. */
static int ext_keywords(struct parser *p, struct extp *x, const struct ext_arg *kws)
{
	const struct lex_tok *t;

	while ((t = ep_peek(p, 0)) && t->kind == LEX_WORD) {
		const struct ext_arg *a = NULL;
		unsigned bit = 0;

		for (unsigned k = 0; kws[k].name && !a; k++)
			if (!strcmp(kws[k].name, t->text))
				a = &kws[k], bit = 1u << k;
		for (unsigned k = 0; mods[k].name && !a; k++)
			if (!strcmp(mods[k].name, t->text))
				a = &mods[k], bit = 1u << (16 + k);
		if (!a || (x->used & bit))
			return 0;
		if (a->only_before_bytes && !ep_is_bytes(ep_peek(p, 1)))
			return 0; /* `auth KIND`: the next extension */
		x->used |= bit;
		ep_take(p);
		if (a->fn(p, x, t) < 0)
			return -1;
	}
	return 0;
}

static int ext_body(struct parser *p, const struct lex_tok *name, uint8_t type, int preset)
{
	const struct ext_gram *g = gram_find(type);
	struct extp x = { .name = name, .preset = preset };

	x.e = mip_ext_add(msg(p), type, preset >= 0 ? (uint8_t)preset : 0);
	if (!x.e)
		return ep_fail(p, name, "more than %d extensions", MIP_EXT_MAX);
	if (ext_is_auth(type))
		x.e->v.auth.spi = 256; /* the first SPI RFC 5944 §1.6 allows */
	if (type == MIP_EXT_PAD)
		x.e->v.pad.count = 1;
	if (g->head && g->head(p, &x) < 0)
		return -1;
	if (ext_keywords(p, &x, g->kws) < 0)
		return -1;
	if (g->finish && g->finish(p, &x) < 0)
		return -1;
	if (type == MIP_EXT_PAD && x.e->v.pad.count == 0)
		return ep_fail(p, name, "a pad run has at least one byte");
	return mods_finish(p, &x);
}

/* ext raw TYPE BYTES [MODIFIERS] */
static int ext_raw(struct parser *p, const struct lex_tok *kw)
{
	const struct lex_tok *tt = ep_peek(p, 0);
	struct extp x = { .name = kw, .preset = -1 };
	uint64_t type;

	if (ep_named(p, kw, &names_ext, 255, &type) < 0)
		return -1;
	x.e = mip_ext_add(msg(p), (uint8_t)type, 0);
	if (!x.e)
		return ep_fail(p, kw, "more than %d extensions", MIP_EXT_MAX);
	x.e->fmt = MIP_FMT_TLV;
	x.e->raw = true;
	x.used = 1u << (16 + MOD_DATA); /* the positional BYTES are its data */
	if (ep_bytes(p, tt, false, &x.e->data, &x.e->data_len) < 0)
		return -1;
	if (ext_keywords(p, &x, no_kws) < 0)
		return -1;
	return mods_finish(p, &x);
}

static int bad_ext(struct parser *p, const struct lex_tok *t, long type)
{
	struct ep_suggest s;
	char got[64], sug[96];

	if (type >= 0)
		return ep_fail(p, t, "extension %ld has no argument grammar: write it with "
			       "'ext raw %ld BYTES'", type, type);
	ep_suggest_init(&s, t && t->kind == LEX_WORD ? t->text : "");
	for (size_t k = 0; k < N_GRAMS; k++)
		ep_suggest_add(&s, name_of(&names_ext, grams[k].type));
	for (size_t k = 0; k < N_ALIASES; k++)
		ep_suggest_add(&s, aliases[k].name);
	ep_suggest_add(&s, "raw");
	return ep_fail(p, t, "expected an extension name or number after 'ext', got %s%s",
		       ep_got(t, got, sizeof got), ep_suggest_str(&s, sug, sizeof sug));
}

int ep_item_ext(struct parser *p, const struct lex_tok *kw)
{
	const struct lex_tok *t = ep_take(p);
	long type;
	uint64_t v;

	if (!t || t->kind != LEX_WORD)
		return bad_ext(p, t, -1);
	if (!strcmp(t->text, "raw"))
		return ext_raw(p, t);
	for (size_t k = 0; k < N_ALIASES; k++)
		if (!strcmp(t->text, aliases[k].name))
			return ext_body(p, t, aliases[k].type, aliases[k].subtype);
	type = name_value(&names_ext, t->text);
	if (type < 0 && txt_u64(t->text, t->len, 255, &v, NULL) == 0)
		type = (long)v;
	if (type < 0 || !gram_find((uint8_t)type))
		return bad_ext(p, t, type);
	return ext_body(p, t, (uint8_t)type, -1);
}

int ep_item_nai(struct parser *p, const struct lex_tok *kw)
{
	return ext_body(p, kw, MIP_EXT_NAI, -1);
}

static void suggest_cb(void *arg, const char *word)
{
	ep_suggest_add(arg, word);
}

/* auth KIND: mn-ha, mn-fa, fa-ha, gen-auth (names_ext) or a names_genauth sub-type. */
int ep_item_auth(struct parser *p, const struct lex_tok *kw)
{
	const struct lex_tok *t = ep_take(p);
	struct ep_suggest s;
	char got[64], sug[96];
	long type = t && t->kind == LEX_WORD ? name_value(&names_ext, t->text) : -1;
	long sub = t && t->kind == LEX_WORD ? name_value(&names_genauth, t->text) : -1;

	if (type >= 0 && ext_is_auth((uint8_t)type))
		return ext_body(p, t, (uint8_t)type, -1);
	if (sub >= 0)
		return ext_body(p, t, MIP_EXT_GENAUTH, (int)sub);
	ep_suggest_init(&s, t && t->kind == LEX_WORD ? t->text : "");
	ep_auth_kinds(suggest_cb, &s);
	return ep_fail(p, t, "expected mn-ha, mn-fa, fa-ha, mn-aaa or gen-auth after 'auth', "
		       "got %s%s", ep_got(t, got, sizeof got), ep_suggest_str(&s, sug, sizeof sug));
}

/* ---- keywords ---- */

bool ep_ext_word(const char *w)
{
	for (size_t g = 0; g < N_GRAMS; g++)
		for (const struct ext_arg *a = grams[g].kws; a->name; a++)
			if (!strcmp(a->name, w))
				return true;
	for (const struct ext_arg *a = mods; a->name; a++)
		if (!strcmp(a->name, w))
			return true;
	return false;
}

unsigned ep_auth_kinds(void (*add)(void *arg, const char *word), void *arg)
{
	static const uint8_t types[] = { MIP_EXT_MNHA, MIP_EXT_MNFA, MIP_EXT_FAHA,
					 MIP_EXT_GENAUTH };
	unsigned n = 0;

	for (size_t k = 0; k < sizeof types; k++, n++)
		add(arg, name_of(&names_ext, types[k]));
	for (unsigned k = 0; k < names_genauth.n; k++, n++)
		add(arg, names_genauth.rows[k].name);
	return n;
}

unsigned ep_ext_names(void (*add)(void *arg, const char *word), void *arg)
{
	for (size_t k = 0; k < N_GRAMS; k++)
		add(arg, name_of(&names_ext, grams[k].type));
	for (size_t k = 0; k < N_ALIASES; k++)
		add(arg, aliases[k].name);
	add(arg, "raw");
	return (unsigned)(N_GRAMS + N_ALIASES + 1);
}

bool ep_ext_keyword(unsigned i, struct expr_keyword *kw)
{
	const size_t n_mods = sizeof mod_help / sizeof mod_help[0];

	if (i < N_GRAMS) {
		*kw = (struct expr_keyword){ EXPR_KW_EXT, name_of(&names_ext, grams[i].type),
					     grams[i].args, title_of(&names_ext, grams[i].type) };
		return true;
	}
	i -= (unsigned)N_GRAMS;
	if (i < N_ALIASES) {
		*kw = (struct expr_keyword){ EXPR_KW_EXT, aliases[i].name, aliases[i].args,
					     "= pmip / pmip-skip with that sub-type" };
		return true;
	}
	i -= (unsigned)N_ALIASES;
	if (i == 0) {
		*kw = (struct expr_keyword){ EXPR_KW_EXT, "raw", "TYPE BYTES",
					     "any extension, written as TLV" };
		return true;
	}
	i--;
	if (i < n_mods) {
		*kw = (struct expr_keyword){ EXPR_KW_MOD, mods[i].name, mod_args[i],
					     mod_help[i] };
		return true;
	}
	i -= (unsigned)n_mods;
	if (i < 4) {
		static const uint8_t types[] = { MIP_EXT_MNHA, MIP_EXT_MNFA, MIP_EXT_FAHA,
						 MIP_EXT_GENAUTH };

		*kw = (struct expr_keyword){ EXPR_KW_AUTH, name_of(&names_ext, types[i]),
					     AUTH_ARGS, title_of(&names_ext, types[i]) };
		return true;
	}
	i -= 4;
	if (i < names_genauth.n) {
		*kw = (struct expr_keyword){ EXPR_KW_AUTH, names_genauth.rows[i].name, AUTH_ARGS,
					     names_genauth.rows[i].title };
		return true;
	}
	return false;
}

/* ---- value completion ---- */

static unsigned add_names(const struct name_table *t, void (*add)(void *arg, const char *word),
			  void *arg)
{
	for (unsigned k = 0; k < t->n; k++)
		add(arg, t->rows[k].name);
	return t->n;
}

/* The value table of sub-type sub of a PMIPv4 extension (RFC 5563 §5): what follows
 * `pmip.SUB` or `pmip-skip SUB`; NULL when it takes no named value. */
static const struct name_table *pmip_value_table(uint8_t type, long sub)
{
	if (type == MIP_EXT_PMIP_NS && sub == MIP_PMIP_PERNODE)
		return &names_pernode;
	if (type != MIP_EXT_PMIP_SK)
		return NULL;
	switch (sub) {
	case MIP_PMIP_DEVID:
		return &names_devid_type;
	case MIP_PMIP_SUBID:
		return &names_subid_type;
	case MIP_PMIP_ACCTECH:
		return &names_tech;
	default:
		return NULL;
	}
}

unsigned ep_ext_values(const struct lex_tok *toks, size_t n,
		       void (*add)(void *arg, const char *word), void *arg)
{
	const struct lex_tok *last = n ? &toks[n - 1] : NULL;
	const struct name_table *t;
	size_t e = n, after;
	long type = -1, sub = -1;

	while (e > 0 && !lex_is_word(&toks[e - 1], "ext"))
		e--;
	if (e == 0 || e >= n || toks[e].kind != LEX_WORD)
		return 0; /* not inside an extension, or right after `ext` */
	if (lex_is_word(last, "encap"))
		return add_names(&names_nexthdr, add, arg);
	if (lex_is_word(last, "format"))
		return add_names(&fmts, add, arg);
	if (lex_is_word(last, "alg"))
		return add_names(&algs, add, arg);
	for (size_t k = 0; k < N_ALIASES && type < 0; k++)
		if (!strcmp(toks[e].text, aliases[k].name))
			type = aliases[k].type, sub = aliases[k].subtype;
	if (type < 0)
		type = name_value(&names_ext, toks[e].text);
	after = n - e - 1; /* words between the extension's name and the one completed */
	switch (type) {
	case MIP_EXT_PMIP_NS:
	case MIP_EXT_PMIP_SK:
		if (sub < 0 && after == 0)
			return add_names(type == MIP_EXT_PMIP_NS ? &names_pmip_ns : &names_pmip_sk,
					 add, arg);
		if (sub < 0) {
			sub = name_value(type == MIP_EXT_PMIP_NS ? &names_pmip_ns : &names_pmip_sk,
					 toks[e + 1].text);
			after--;
		}
		t = pmip_value_table((uint8_t)type, sub);
		if (!t || after != 0)
			return 0;
		if (t == &names_devid_type || t == &names_subid_type)
			add(arg, "type"); /* type N id BYTES */
		return add_names(t, add, arg) + (t == &names_devid_type || t == &names_subid_type);
	case MIP_EXT_DYNHA:
		return after == 0 ? add_names(&names_dynha, add, arg) : 0;
	case MIP_EXT_MSGSTR:
		return after == 0 ? add_names(&names_msgstr, add, arg) : 0;
	default:
		return 0;
	}
}
