/* show.c — describe a decoded message field by field through a struct show sink.
 * The fixed part's fields come first at the top level, then one "ext" group per
 * extension in wire order.  Keys are stable: reports and JSON consumers rely on them.
 */
#include "ext.h"
#include "names.h"
#include "show.h"

static void show_rrq_flags(const struct mip_msg *m, const struct show *s)
{
	static const struct { uint8_t bit; const char *key; } bits[] = {
		{ MIP_F_S, "S" }, { MIP_F_B, "B" }, { MIP_F_D, "D" }, { MIP_F_M, "M" },
		{ MIP_F_G, "G" }, { MIP_F_R, "r" }, { MIP_F_T, "T" }, { MIP_F_X, "x" },
	};

	s->ops->x(s->sink, "flags", m->flags, 2);
	for (unsigned i = 0; i < sizeof bits / sizeof bits[0]; i++)
		s->ops->flag(s->sink, bits[i].key, !!(m->flags & bits[i].bit));
}

static void show_fixed(const struct mip_msg *m, const struct show *s)
{
	const struct show_ops *o = s->ops;

	switch (m->type) {
	case MIP_RRQ:
		show_rrq_flags(m, s);
		o->u(s->sink, "lifetime", m->lifetime);
		o->ip(s->sink, "hoa", m->hoa);
		o->ip(s->sink, "ha", m->ha);
		o->ip(s->sink, "coa", m->coa);
		o->x(s->sink, "ident", m->ident, 16);
		break;
	case MIP_RRP:
		o->named(s->sink, "code", m->code, title_of(&names_code, m->code));
		o->u(s->sink, "lifetime", m->lifetime);
		o->ip(s->sink, "hoa", m->hoa);
		o->ip(s->sink, "ha", m->ha);
		o->x(s->sink, "ident", m->ident, 16);
		break;
	case MIP_REV:
		o->u(s->sink, "reserved", m->reserved8);
		o->flag(s->sink, "A", !!(m->rflags & MIP_REV_A));
		o->flag(s->sink, "I", !!(m->rflags & MIP_REV_I));
		o->x(s->sink, "reserved2", m->rflags & 0x3fff, 4);
		o->ip(s->sink, "hoa", m->hoa);
		o->ip(s->sink, "hda", m->ha);
		o->ip(s->sink, "fda", m->coa);
		o->u(s->sink, "revid", m->revid);
		break;
	case MIP_REVACK:
		o->u(s->sink, "reserved", m->reserved8);
		o->flag(s->sink, "I", !!(m->rflags & MIP_REVACK_I));
		o->x(s->sink, "reserved2", m->rflags & 0x7fff, 4);
		o->ip(s->sink, "hoa", m->hoa);
		o->u(s->sink, "revid", m->revid);
		break;
	case MIP_TUNDATA:
		o->named(s->sink, "next_header", m->nexthdr, name_of(&names_nexthdr, m->nexthdr));
		o->u(s->sink, "reserved", m->treserved);
		o->u(s->sink, "payload_length", m->payload_len);
		break;
	default:
		o->hex(s->sink, "body", m->payload, m->payload_len);
	}
}

static const char *fmt_name(uint8_t fmt)
{
	static const char *const names[] = { "pad", "tlv", "short", "long" };
	return fmt < 4 ? names[fmt] : "?";
}

void mip_show_ext(const struct mip_ext *e, const struct show *s)
{
	const struct mip_ext_policy *pol = ext_policy(e->type);
	const struct show_ops *o = s->ops;

	o->begin(s->sink, "ext", pol ? pol->title : "Unknown");
	o->named(s->sink, "type", e->type, pol ? pol->name : NULL);
	o->u(s->sink, "offset", e->off);
	if (e->fmt == MIP_FMT_PAD) {
		o->u(s->sink, "count", e->v.pad.count);
		o->end(s->sink);
		return;
	}
	o->named(s->sink, "format", e->fmt, fmt_name(e->fmt));
	o->u(s->sink, "length", e->length);
	if (!pol) {
		o->flag(s->sink, "skippable", ext_skippable(e->type));
		o->hex(s->sink, "data", e->v.bytes.p, e->v.bytes.len);
	} else if (pol->show) {
		pol->show(e, s);
	}
	o->end(s->sink);
}

void mip_show_msg(const struct mip_msg *m, const struct show *s)
{
	s->ops->named(s->sink, "type", m->type, name_of(&names_msg_type, m->type));
	s->ops->u(s->sink, "length", m->len);
	show_fixed(m, s);
	for (unsigned i = 0; i < m->n_ext; i++)
		mip_show_ext(&m->ext[i], s);
}
