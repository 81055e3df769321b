/* render.c — output of decoded messages: a streaming JSON writer (RFC 8259), the tree
 * and JSON sinks of show.h's field visitor, and tshark-like one-line summaries.
 */
#include <inttypes.h>
#include <string.h>

#include "mip.h"
#include "names.h"
#include "render.h"
#include "txt.h"

/* ---- JSON writer ---- */

void json_init(struct json *j, FILE *f)
{
	memset(j, 0, sizeof *j);
	j->f = f;
	j->pretty = 2;
}

/* The two-character escapes of RFC 8259 §7, or NULL. */
static const char *json_esc(uint8_t b)
{
	switch (b) {
	case '"':
		return "\\\"";
	case '\\':
		return "\\\\";
	case '\b':
		return "\\b";
	case '\f':
		return "\\f";
	case '\n':
		return "\\n";
	case '\r':
		return "\\r";
	case '\t':
		return "\\t";
	default:
		return NULL;
	}
}

/* RFC 8259 §7.  Every byte >= 0x7f is escaped too, so the output is ASCII whatever the
 * input: a byte b stands for U+00bb, the same mapping a Latin-1 reader would make. */
/* Valid UTF-8 goes through as it is; any other byte >= 0x7f is written as the code point
 * of the same value, so binary values (a NAI is bytes) stay visible and the JSON valid. */
static void json_quote(FILE *f, const uint8_t *p, size_t n)
{
	fputc('"', f);
	for (size_t i = 0; i < n; i++) {
		const char *e = json_esc(p[i]);
		size_t u = p[i] >= 0x80 ? txt_utf8(p + i, n - i, NULL) : 0;

		if (e) {
			fputs(e, f);
		} else if (u) {
			fwrite(p + i, 1, u, f);
			i += u - 1;
		} else if (p[i] < 0x20 || p[i] >= 0x7f) {
			fprintf(f, "\\u%04x", p[i]);
		} else {
			fputc(p[i], f);
		}
	}
	fputc('"', f);
}

/* Separator, layout and key before a value. */
static void json_key(struct json *j, const char *key)
{
	unsigned d = j->depth;

	if (j->nonempty[d])
		fputc(',', j->f);
	j->nonempty[d] = true;
	if (d > 0 && d <= j->pretty)
		fputc('\n', j->f);
	if (d > 0 && !j->in_array[d] && key) {
		json_quote(j->f, (const uint8_t *)key, strlen(key));
		fputc(':', j->f);
	}
}

static void json_open(struct json *j, const char *key, bool array)
{
	json_key(j, key);
	fputc(array ? '[' : '{', j->f);
	if (j->depth < JSON_DEPTH_MAX)
		j->depth++;
	j->in_array[j->depth] = array;
	j->nonempty[j->depth] = false;
}

static void json_close(struct json *j)
{
	if (j->depth == 0)
		return;
	fputc(j->in_array[j->depth] ? ']' : '}', j->f);
	j->depth--;
}

void json_obj_begin(struct json *j, const char *key)
{
	json_open(j, key, false);
}

void json_obj_end(struct json *j)
{
	json_close(j);
}

void json_arr_begin(struct json *j, const char *key)
{
	json_open(j, key, true);
}

void json_arr_end(struct json *j)
{
	json_close(j);
}

void json_str(struct json *j, const char *key, const char *s)
{
	json_strn(j, key, (const uint8_t *)s, strlen(s));
}

void json_strn(struct json *j, const char *key, const uint8_t *p, size_t n)
{
	json_key(j, key);
	json_quote(j->f, p, n);
}

void json_hexstr(struct json *j, const char *key, const uint8_t *p, size_t n)
{
	json_key(j, key);
	fputc('"', j->f);
	for (size_t i = 0; i < n; i++)
		fprintf(j->f, "%02x", p[i]);
	fputc('"', j->f);
}

void json_u64(struct json *j, const char *key, uint64_t v)
{
	json_key(j, key);
	fprintf(j->f, "%" PRIu64, v);
}

void json_fixed(struct json *j, const char *key, uint64_t v, unsigned decimals)
{
	uint64_t unit = 1;

	for (unsigned i = 0; i < decimals; i++)
		unit *= 10;
	json_key(j, key);
	if (decimals)
		fprintf(j->f, "%" PRIu64 ".%0*" PRIu64, v / unit, (int)decimals, v % unit);
	else
		fprintf(j->f, "%" PRIu64, v);
}

void json_bool(struct json *j, const char *key, bool v)
{
	json_key(j, key);
	fputs(v ? "true" : "false", j->f);
}

void json_raw(struct json *j, const char *key)
{
	json_key(j, key);
}

void json_finish(struct json *j)
{
	while (j->depth > 0)
		json_close(j);
	fputc('\n', j->f);
}

/* ---- tree sink ---- */

void render_escaped(FILE *f, const uint8_t *p, size_t n)
{
	char e[4];

	for (size_t i = 0, used; i < n; i += used)
		fwrite(e, 1, txt_escape_char(p + i, n - i, 0, e, &used), f);
}

static void tree_key(struct render_tree *t, const char *key)
{
	fprintf(t->f, "%*s%s:", (int)(t->indent + 4 * t->depth), "", key);
}

static void tree_begin(void *sink, const char *key, const char *title)
{
	struct render_tree *t = sink;

	if (t->depth == 0 && strcmp(key, "ext") == 0)
		fprintf(t->f, "%*sext[%u]:", (int)t->indent, "", t->n_ext++);
	else
		tree_key(t, key);
	if (title)
		fprintf(t->f, " %s", title);
	fputc('\n', t->f);
	t->depth++;
}

static void tree_end(void *sink)
{
	struct render_tree *t = sink;

	if (t->depth > 0)
		t->depth--;
}

static void tree_u(void *sink, const char *key, uint64_t v)
{
	tree_key(sink, key);
	fprintf(((struct render_tree *)sink)->f, " %" PRIu64 "\n", v);
}

static void tree_x(void *sink, const char *key, uint64_t v, int digits)
{
	tree_key(sink, key);
	fprintf(((struct render_tree *)sink)->f, " 0x%0*" PRIx64 "\n", digits, v);
}

static void tree_ip(void *sink, const char *key, uint32_t a)
{
	tree_key(sink, key);
	fprintf(((struct render_tree *)sink)->f, " %s\n", txt_ip4(a).s);
}

static void tree_hex(void *sink, const char *key, const uint8_t *p, size_t n)
{
	struct render_tree *t = sink;

	tree_key(t, key);
	fputs(n ? " " : " (none)", t->f);
	for (size_t i = 0; i < n; i++)
		fprintf(t->f, "%02x", p[i]);
	fputc('\n', t->f);
}

static void tree_str(void *sink, const char *key, const uint8_t *p, size_t n)
{
	struct render_tree *t = sink;

	tree_key(t, key);
	fputc(' ', t->f);
	render_escaped(t->f, p, n);
	fputc('\n', t->f);
}

static void tree_named(void *sink, const char *key, uint64_t v, const char *name)
{
	struct render_tree *t = sink;

	tree_key(t, key);
	fprintf(t->f, " %" PRIu64, v);
	if (name)
		fprintf(t->f, " (%s)", name);
	fputc('\n', t->f);
}

static void tree_flag(void *sink, const char *key, int set)
{
	tree_key(sink, key);
	fprintf(((struct render_tree *)sink)->f, " %d\n", !!set);
}

static const struct show_ops tree_ops = {
	.begin = tree_begin, .end = tree_end, .u = tree_u, .x = tree_x, .ip = tree_ip,
	.hex = tree_hex, .str = tree_str, .named = tree_named, .flag = tree_flag,
};

void render_tree_init(struct render_tree *t, FILE *f, unsigned indent)
{
	memset(t, 0, sizeof *t);
	t->f = f;
	t->indent = indent;
}

struct show render_tree_show(struct render_tree *t)
{
	struct show s = { &tree_ops, t };
	return s;
}

void render_tree(FILE *f, unsigned indent, const struct mip_msg *m)
{
	struct render_tree t;
	struct show s;

	render_tree_init(&t, f, indent);
	s = render_tree_show(&t);
	mip_show_msg(m, &s);
}

/* ---- JSON sink ---- */

/* Keep every "ext" group of the message level inside one "extensions" array. */
static struct json *rj_level(struct render_json *r, bool ext)
{
	struct json *j = r->j;

	if (r->ext_open && j->depth == r->base + 1 && !ext) {
		json_arr_end(j);
		r->ext_open = false;
	} else if (!r->ext_open && j->depth == r->base && ext) {
		json_arr_begin(j, "extensions");
		r->ext_open = true;
	}
	return j;
}

static void rj_begin(void *sink, const char *key, const char *title)
{
	struct render_json *r = sink;
	bool ext = strcmp(key, "ext") == 0;
	struct json *j = rj_level(r, ext);

	json_obj_begin(j, key);
	if (title)
		json_str(j, "title", title);
}

static void rj_end(void *sink)
{
	struct render_json *r = sink;

	if (r->j->depth > r->base)
		json_obj_end(r->j);
}

static void rj_u(void *sink, const char *key, uint64_t v)
{
	json_u64(rj_level(sink, false), key, v);
}

static void rj_x(void *sink, const char *key, uint64_t v, int digits)
{
	char buf[32];

	snprintf(buf, sizeof buf, "0x%0*" PRIx64, digits, v);
	json_str(rj_level(sink, false), key, buf);
}

static void rj_ip(void *sink, const char *key, uint32_t a)
{
	json_str(rj_level(sink, false), key, txt_ip4(a).s);
}

static void rj_hex(void *sink, const char *key, const uint8_t *p, size_t n)
{
	json_hexstr(rj_level(sink, false), key, p, n);
}

static void rj_str(void *sink, const char *key, const uint8_t *p, size_t n)
{
	json_strn(rj_level(sink, false), key, p, n);
}

/* "code": 149, "code_name": "..." — the number stays a number for consumers. */
static void rj_named(void *sink, const char *key, uint64_t v, const char *name)
{
	struct json *j = rj_level(sink, false);
	char nkey[64];

	json_u64(j, key, v);
	if (!name)
		return;
	snprintf(nkey, sizeof nkey, "%s_name", key);
	json_str(j, nkey, name);
}

static void rj_flag(void *sink, const char *key, int set)
{
	json_bool(rj_level(sink, false), key, set);
}

static const struct show_ops json_ops = {
	.begin = rj_begin, .end = rj_end, .u = rj_u, .x = rj_x, .ip = rj_ip,
	.hex = rj_hex, .str = rj_str, .named = rj_named, .flag = rj_flag,
};

void render_json_init(struct render_json *r, struct json *j)
{
	r->j = j;
	r->base = j->depth;
	r->ext_open = false;
}

struct show render_json_show(struct render_json *r)
{
	struct show s = { &json_ops, r };
	return s;
}

void render_json_finish(struct render_json *r)
{
	while (r->j->depth > r->base)
		json_close(r->j);
	r->ext_open = false;
}

void render_json(struct json *j, const char *key, const struct mip_msg *m)
{
	struct render_json r;
	struct show s;

	json_obj_begin(j, key);
	render_json_init(&r, j);
	s = render_json_show(&r);
	mip_show_msg(m, &s);
	render_json_finish(&r);
	json_obj_end(j);
}

/* ---- one-line summaries ---- */

static void sum_ip(FILE *f, const char *key, uint32_t a)
{
	fprintf(f, " %s %s", key, txt_ip4(a).s);
}

void render_ext_ids(FILE *f, const struct mip_msg *m)
{
	for (unsigned i = 0; i < m->n_ext; i++) {
		const struct mip_ext *e = &m->ext[i];
		bool sub = (e->fmt == MIP_FMT_SHORT || e->fmt == MIP_FMT_LONG) &&
			   e->type != MIP_EXT_CVSE;

		fprintf(f, "%s%u", i ? "," : "", e->type);
		if (sub)
			fprintf(f, "/%u", e->subtype);
	}
}

/* "nai ..." from the first NAI extension, then "exts 131,47/1,34". */
static void sum_exts(FILE *f, const struct mip_msg *m)
{
	const struct mip_ext *nai = mip_ext_find(m, MIP_EXT_NAI, -1);

	if (nai) {
		fputs(" nai ", f);
		render_escaped(f, nai->v.bytes.p, nai->v.bytes.len);
	}
	if (m->n_ext)
		fputs(" exts ", f);
	render_ext_ids(f, m);
	if (m->nonskip_unknown >= 0 && m->nonskip_unknown < m->n_ext)
		fprintf(f, " [unknown non-skippable ext %u: must be discarded]",
			m->ext[m->nonskip_unknown].type);
}

static void sum_rrq(FILE *f, const struct mip_msg *m)
{
	fprintf(f, "RRQ S=%d B=%d D=%d M=%d G=%d T=%d", !!(m->flags & MIP_F_S),
		!!(m->flags & MIP_F_B), !!(m->flags & MIP_F_D), !!(m->flags & MIP_F_M),
		!!(m->flags & MIP_F_G), !!(m->flags & MIP_F_T));
	if (m->flags & MIP_F_R)
		fputs(" r=1", f);
	if (m->flags & MIP_F_X)
		fputs(" x=1", f);
	fprintf(f, " lifetime %u", m->lifetime);
	sum_ip(f, "hoa", m->hoa);
	sum_ip(f, "ha", m->ha);
	sum_ip(f, "coa", m->coa);
	fprintf(f, " id %016" PRIx64, m->ident);
}

static void sum_rrp(FILE *f, const struct mip_msg *m)
{
	const char *name = name_of(&names_code, m->code);

	fprintf(f, "RRP code %u (%s) lifetime %u", m->code, name ? name : code_class(m->code),
		m->lifetime);
	sum_ip(f, "hoa", m->hoa);
	sum_ip(f, "ha", m->ha);
	fprintf(f, " id %016" PRIx64, m->ident);
}

static void sum_rev(FILE *f, const struct mip_msg *m)
{
	fprintf(f, "REV A=%d I=%d", !!(m->rflags & MIP_REV_A), !!(m->rflags & MIP_REV_I));
	if (m->reserved8 || (m->rflags & 0x3fff))
		fprintf(f, " reserved %u/0x%04x", m->reserved8, m->rflags & 0x3fff);
	sum_ip(f, "hoa", m->hoa);
	sum_ip(f, "hda", m->ha);
	sum_ip(f, "fda", m->coa);
	fprintf(f, " revid %" PRIu32, m->revid);
}

static void sum_revack(FILE *f, const struct mip_msg *m)
{
	fprintf(f, "REVACK I=%d", !!(m->rflags & MIP_REVACK_I));
	if (m->reserved8 || (m->rflags & 0x7fff))
		fprintf(f, " reserved %u/0x%04x", m->reserved8, m->rflags & 0x7fff);
	sum_ip(f, "hoa", m->hoa);
	fprintf(f, " revid %" PRIu32, m->revid);
}

void render_summary(FILE *f, const struct mip_msg *m)
{
	const char *nh;

	switch (m->type) {
	case MIP_RRQ:
		sum_rrq(f, m);
		break;
	case MIP_RRP:
		sum_rrp(f, m);
		break;
	case MIP_REV:
		sum_rev(f, m);
		break;
	case MIP_REVACK:
		sum_revack(f, m);
		break;
	case MIP_TUNDATA:
		nh = name_of(&names_nexthdr, m->nexthdr);
		fprintf(f, "TUNDATA next-header %u (%s) %u bytes", m->nexthdr, nh ? nh : "unknown",
			m->payload_len);
		return;
	default:
		fprintf(f, "type %u (unknown) %u bytes", m->type, m->len);
		return;
	}
	sum_exts(f, m);
}
