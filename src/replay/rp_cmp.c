/* rp_cmp.c — the DUT's message against the recorded one, field by field, through the
 * codec's field visitor (show.h): both are flattened into (field, value) rows and the
 * rows compared in order.  What must differ is left out: the Identification (its low 32
 * bits matched already, rp_run.c), authenticators (checked valid instead, RFC 5944
 * §3.5.1), the HA's Revocation Identifier and 137 Timestamp (its clock, RFC 3543 §3.5),
 * extension offsets (a longer extension moves the rest: its Length says so); extensions
 * are matched by type whatever their order (same_exts).  Addresses
 * go through the map; a home address or GRE key the DUT gives is learnt the first time.
 * Differences read as the tester's other failures: "RRP.Code: recorded 0, got 133".
 * The Identification is judged by its relation to the request instead (rp_cmp_ident).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "rp_priv.h"
#include "show.h"
#include "txt.h"

#define ROWS_MAX 512

enum row_kind { ROW_NUM, ROW_IP, ROW_TEXT };

struct row {
	char field[48];
	char text[64];
	uint64_t v;
	enum row_kind kind;
	bool skip;
};

struct flat {
	const struct mip_msg *m;
	struct row row[ROWS_MAX];
	unsigned n;
	int ext;          /* the extension being walked, -1 in the fixed part */
};

/* RFC field names for the fixed part's keys of show.c. */
static const struct { const char *key, *name; } fixed_names[] = {
	{ "code", "Code" }, { "lifetime", "Lifetime" }, { "hoa", "Home Address" },
	{ "ha", "Home Agent" }, { "coa", "Care-of Address" }, { "ident", "Identification" },
	{ "hda", "Home Domain Address" }, { "fda", "Foreign Domain Address" },
	{ "revid", "Revocation Identifier" }, { "reserved", "Reserved" },
	{ "reserved2", "Reserved" }, { "flags", "Flags" }, { "length", "Length" },
	{ "type", "Type" },
};

/* Fields left out of the comparison (the header comment): "*" = any extension. */
static const struct { const char *ext, *key; } ignored[] = {
	{ NULL, "ident" }, { NULL, "revid" }, { NULL, "length" },
	{ "*", "offset" }, { "*", "authenticator" }, { "137", "timestamp" },
};

static bool is_ignored(int ext_type, const char *key)
{
	char t[8];

	snprintf(t, sizeof t, "%d", ext_type);
	for (unsigned i = 0; i < sizeof ignored / sizeof ignored[0]; i++)
		if (!strcmp(ignored[i].key, key) &&
		    (ignored[i].ext ? ext_type >= 0 && (*ignored[i].ext == '*' ||
							!strcmp(ignored[i].ext, t))
				    : ext_type < 0))
			return true;
	return false;
}

static struct row *add(struct flat *f, const char *key, enum row_kind k, uint64_t v)
{
	struct row *r;
	const char *mt = rp_type_name(f->m->type);

	if (f->n == ROWS_MAX)
		return NULL;
	r = &f->row[f->n++];
	memset(r, 0, sizeof *r);
	r->kind = k;
	r->v = v;
	if (f->ext < 0) {
		const char *name = key;

		for (unsigned i = 0; i < sizeof fixed_names / sizeof fixed_names[0]; i++)
			if (!strcmp(fixed_names[i].key, key))
				name = fixed_names[i].name;
		snprintf(r->field, sizeof r->field, "%s.%s", mt, name);
		r->skip = is_ignored(-1, key);
	} else {
		const struct mip_ext *e = &f->m->ext[f->ext];

		if (e->fmt == MIP_FMT_SHORT || e->fmt == MIP_FMT_LONG)
			snprintf(r->field, sizeof r->field, "%s ext %u/%u %s", mt, e->type,
				 e->subtype, key);
		else
			snprintf(r->field, sizeof r->field, "%s ext %u %s", mt, e->type, key);
		r->skip = is_ignored(e->type, key);
	}
	return r;
}

static void f_begin(void *sink, const char *key, const char *title)
{
	struct flat *f = sink;

	(void)key;
	(void)title;
	f->ext++;
}

static void f_end(void *sink)
{
	(void)sink;
}

static void f_u(void *sink, const char *key, uint64_t v)
{
	struct row *r = add(sink, key, ROW_NUM, v);

	if (r)
		snprintf(r->text, sizeof r->text, "%llu", (unsigned long long)v);
}

static void f_x(void *sink, const char *key, uint64_t v, int digits)
{
	struct row *r = add(sink, key, ROW_NUM, v);

	if (r)
		snprintf(r->text, sizeof r->text, "0x%0*llx", digits, (unsigned long long)v);
}

static void f_ip(void *sink, const char *key, uint32_t a)
{
	struct row *r = add(sink, key, ROW_IP, a);

	if (r)
		snprintf(r->text, sizeof r->text, "%s", txt_ip4(a).s);
}

static void f_bytes(void *sink, const char *key, const uint8_t *p, size_t n)
{
	struct row *r = add(sink, key, ROW_TEXT, n);

	if (r)
		txt_escape(r->text, sizeof r->text, p, n, 0);
}

static void f_named(void *sink, const char *key, uint64_t v, const char *name)
{
	struct row *r = add(sink, key, ROW_NUM, v);

	if (r && name)
		snprintf(r->text, sizeof r->text, "%llu (%s)", (unsigned long long)v, name);
	else if (r)
		snprintf(r->text, sizeof r->text, "%llu", (unsigned long long)v);
}

static void f_flag(void *sink, const char *key, int set)
{
	struct row *r = add(sink, key, ROW_NUM, !!set);

	if (r)
		snprintf(r->text, sizeof r->text, "%d", !!set);
}

static const struct show_ops flat_ops = {
	f_begin, f_end, f_u, f_x, f_ip, f_bytes, f_bytes, f_named, f_flag,
};

static void flatten(struct flat *f, const struct mip_msg *m)
{
	struct show s = { &flat_ops, f };

	f->m = m;
	f->n = 0;
	f->ext = -1;
	mip_show_msg(m, &s);
}

static void say(char *reason, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void say(char *reason, size_t cap, const char *fmt, ...)
{
	size_t n = strlen(reason);
	va_list ap;

	if (n + 3 >= cap)
		return;
	if (n)
		n += (size_t)snprintf(reason + n, cap - n, "; ");
	va_start(ap, fmt);
	vsnprintf(reason + n, cap - n, fmt, ap);
	va_end(ap);
}

/* "131,47/1,137,48/0,34": the extension list (render.h), or "none". */
static void ext_list(const struct mip_msg *m, char *out, size_t cap)
{
	FILE *f = fmemopen(out, cap, "w");

	out[0] = 0;
	if (!f)
		return;
	render_ext_ids(f, m);
	fclose(f);
	if (!out[0])
		snprintf(out, cap, "none");
}

static int cmp_u16(const void *a, const void *b)
{
	return (int)*(const uint16_t *)a - (int)*(const uint16_t *)b;
}

/* The same extensions, in any order: RFC 5944 §3.4, RFC 2794 §3 and RFC 6245 §3.1 leave
 * their order to the sender but for the authenticators, whose place the validity check
 * (check_auth: what they cover) judges. */
static bool same_exts(const struct mip_msg *a, const struct mip_msg *b)
{
	uint16_t x[MIP_EXT_MAX], y[MIP_EXT_MAX];

	if (a->n_ext != b->n_ext)
		return false;
	for (unsigned i = 0; i < a->n_ext; i++) {
		x[i] = (uint16_t)(a->ext[i].type << 8 | a->ext[i].subtype);
		y[i] = (uint16_t)(b->ext[i].type << 8 | b->ext[i].subtype);
	}
	qsort(x, a->n_ext, sizeof x[0], cmp_u16);
	qsort(y, b->n_ext, sizeof y[0], cmp_u16);
	return !memcmp(x, y, a->n_ext * sizeof x[0]);
}

/* The row of f that stands where r stands in its own message: the same field, its same
 * occurrence (the k-th "RRP ext 131 ..." of one is the k-th of the other), so extensions
 * in another order still meet their peers. */
static const struct row *peer_row(const struct flat *fr, unsigned i, const struct flat *f)
{
	unsigned k = 0;

	for (unsigned j = 0; j < i; j++)
		k += !strcmp(fr->row[j].field, fr->row[i].field);
	for (unsigned j = 0; j < f->n; j++)
		if (!strcmp(f->row[j].field, fr->row[i].field) && k-- == 0)
			return &f->row[j];
	return NULL;
}

/* Whether a differing row is a mapping the DUT makes: its home addresses and keys. */
static bool mapped_equal(struct rp_map *mp, const struct row *r, const struct row *g)
{
	if (r->kind == ROW_IP) {
		if (rp_map_addr(mp, (uint32_t)r->v) == (uint32_t)g->v)
			return true;
		return strstr(r->field, "Home Address") && r->v &&
		       rp_map_learn(mp, (uint32_t)r->v, (uint32_t)g->v);
	}
	return strstr(r->field, "ext 48") && strstr(r->field, " key") &&
	       rp_map_key(mp, (uint32_t)r->v, (uint32_t)g->v);
}

static unsigned check_auth(const struct rp_stamp *s, const struct mip_msg *got,
			   const uint8_t *buf, size_t len, char *reason, size_t cap)
{
	unsigned bad = 0;

	for (unsigned i = 0; i < got->n_ext; i++) {
		const struct mip_ext *e = &got->ext[i];
		const struct mip_sa *sa;
		enum auth_result ar;

		if (e->type != MIP_EXT_MNHA && e->type != MIP_EXT_FAHA)
			continue;
		sa = rp_stamp_sa(s, e->v.auth.spi);
		if (!sa)
			continue;
		ar = auth_verify(buf, len, e, sa);
		if (ar != AUTH_VALID) {
			say(reason, cap, "%s ext %u: %s (SPI %u)",
			    rp_type_name(got->type), e->type, auth_result_str(ar), e->v.auth.spi);
			bad++;
		}
	}
	return bad;
}

unsigned rp_cmp(struct rp_map *mp, const struct rp_stamp *s, const struct mip_msg *rec,
		const struct mip_msg *got, const uint8_t *got_buf, size_t got_len, char *reason,
		size_t cap)
{
	static struct flat fr, fg; /* large; replay runs one comparison at a time */
	unsigned diffs = 0;

	if (rec->type != got->type) {
		say(reason, cap, "Type: recorded %s, got %s", rp_type_name(rec->type),
		    rp_type_name(got->type));
		return 1;
	}
	flatten(&fr, rec);
	flatten(&fg, got);
	for (unsigned i = 0; i < fr.n && i < fg.n; i++) {
		const struct row *r = &fr.row[i], *g = &fg.row[i];

		if (strstr(r->field, " ext ") || strcmp(r->field, g->field))
			break; /* the fixed part ends where the extensions may differ */
		if (r->skip)
			continue;
		if (r->v == g->v && !strcmp(r->text, g->text))
			continue;
		if (mapped_equal(mp, r, g))
			continue;
		say(reason, cap, "%s: recorded %s, got %s", r->field, r->text, g->text);
		diffs++;
	}
	if (!same_exts(rec, got)) {
		char a[160], b[160];

		ext_list(rec, a, sizeof a);
		ext_list(got, b, sizeof b);
		say(reason, cap, "%s extensions: recorded %s, got %s", rp_type_name(rec->type), a,
		    b);
		return diffs + 1 + check_auth(s, got, got_buf, got_len, reason, cap);
	}
	for (unsigned i = 0; i < fr.n; i++) {
		const struct row *r = &fr.row[i], *g;

		if (r->skip || !strstr(r->field, " ext "))
			continue;
		g = peer_row(&fr, i, &fg);
		if (g && ((r->v == g->v && !strcmp(r->text, g->text)) || mapped_equal(mp, r, g)))
			continue;
		say(reason, cap, "%s: recorded %s, got %s", r->field, r->text, g ? g->text : "none");
		diffs++;
	}
	return diffs + check_auth(s, got, got_buf, got_len, reason, cap);
}

/* RFC 5944 §3.4, §3.6.2.1: a reply's Identification relates to its request's, never to
 * the recorded value.  Where the recorded reply copied all 64 bits, the reply got must
 * copy what was sent, unless it is a 133, whose high 32 bits are the HA's time
 * (§5.7.1; they may equal the request's by chance, so no other relation is checked). */
unsigned rp_cmp_ident(uint64_t rec_req, uint64_t rec_reply, uint64_t sent,
		      const struct mip_msg *got, char *reason, size_t cap)
{
	if (rec_reply != rec_req || got->code == 133 /* identification mismatch */ || got->ident == sent)
		return 0;
	say(reason, cap, "RRP.Identification: recorded the request's (all 64 bits), got "
			 "0x%016llx for 0x%016llx",
	    (unsigned long long)got->ident, (unsigned long long)sent);
	return 1;
}
