/* rp_script.c — `pmip4ct replay FILE --to-script F.pct`: the capture as a script of the
 * command language (pmip4ct-shell(7), pmip4ct-lang(7)) that does what the replay does,
 * for editing into a regression case:
 * - the PIXIT the replay uses (its SAs, timers, the tester's addresses) and `dut ha`;
 * - each message the tester sent as a `send` line, addresses mapped as rp_map.c maps
 *   them; Identification, Revocation Identifier and 137 Timestamp left to `now` (the
 *   shell stamps them on the DUT's clock, strictly increasing), authenticators as
 *   `auth KIND spi N` (the PIXIT SA of that SPI), the other extensions as recorded;
 * - each DUT message as an `expect` line checking what the replay compares (code,
 *   lifetime, addresses, flags, NAI, the recorded extensions, authenticators valid);
 *   a home address the DUT gives is kept in a variable ($hoa_1) for later lines;
 * - a DUT Revocation is acknowledged with its own identifier ($rx_revid).
 * Against a PMA (--dut-pma) the script plays its HA, as the replay does: `pixit ha` the
 * tester's address, `dut pma`; the PMA's Request is expected (flags, lifetime,
 * addresses, NAI, extensions, authenticator) and answered with the recorded Reply on
 * its Identification ($rx_ident, RFC 5944 §3.6.1.3), to where it came from ($rx_from).
 */
#include <stdio.h>
#include <string.h>

#include "params.h"
#include "rp_priv.h"
#include "txt.h"

struct scr {
	FILE *f;
	struct rp_cap c;
	struct rp_map map;
	struct rp_stamp st;
	const struct rp_opts *o;
	uint32_t hoa_rec[16]; /* recorded home addresses the DUT gives: $hoa_K */
	unsigned n_hoa;
};

/* An address as the script writes it: a variable for a learnt home address. */
static const char *s_addr(struct scr *s, uint32_t a, char *buf, size_t n)
{
	for (unsigned i = 0; i < s->n_hoa; i++)
		if (s->hoa_rec[i] == a) {
			snprintf(buf, n, "$hoa_%u", i + 1);
			return buf;
		}
	snprintf(buf, n, "%s", txt_ip4(rp_map_addr(&s->map, a)).s);
	return buf;
}

static bool plain_text(const uint8_t *p, size_t n)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z') ||
		      (p[i] >= '0' && p[i] <= '9') || strchr("@.-_+", p[i])))
			return false;
	return true;
}

static void s_hex(FILE *f, const uint8_t *p, size_t n)
{
	fputs("hex:", f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%02x", p[i]);
}

static void s_flags(FILE *f, uint8_t flags)
{
	static const char letters[] = "SBDMGrTx";
	bool any = false;

	fputs(" flags ", f);
	for (int b = 0; b < 8; b++)
		if (flags & (0x80 >> b)) {
			fprintf(f, "%s%c", any ? "+" : "", letters[b]);
			any = true;
		}
	if (!any)
		fputc('0', f);
}

/* One extension of a message the tester sends. */
static void s_ext(struct scr *s, const struct mip_ext *e)
{
	FILE *f = s->f;

	switch (e->type) {
	case MIP_EXT_PAD:
		return;
	case MIP_EXT_NAI:
		if (plain_text(e->data, e->data_len)) {
			fprintf(f, " nai %.*s", (int)e->data_len, (const char *)e->data);
			return;
		}
		break;
	case MIP_EXT_REVSUP:
		fprintf(f, " ext rev-support%s ts now", e->v.rev.flags & MIP_REVSUP_I ? " i" : "");
		return;
	case MIP_EXT_FAHA:
	case MIP_EXT_MNHA:
		fprintf(f, " auth %s spi %u", e->type == MIP_EXT_FAHA ? "fa-ha" : "mn-ha",
			e->v.auth.spi);
		return;
	default:
		break;
	}
	fprintf(f, " ext raw %u ", e->type);
	if (e->fmt == MIP_FMT_SHORT) { /* Type, Length, Sub-Type, Data: the same bytes */
		uint8_t b[256];

		b[0] = e->subtype;
		memcpy(b + 1, e->data, e->data_len < 255 ? e->data_len : 255);
		s_hex(f, b, 1 + (e->data_len < 255 ? e->data_len : 255));
		return;
	}
	s_hex(f, e->data, e->data_len);
	if (e->fmt == MIP_FMT_LONG)
		fprintf(f, " format long subtype %u", e->subtype);
}

static void s_send(struct scr *s, const struct rp_msg *rm, bool answer)
{
	const struct mip_msg *m = &rm->m;
	FILE *f = s->f;
	char b[32];

	fprintf(f, "send %s from %s:%u", m->type == MIP_RRQ ? "rrq" : m->type == MIP_REV ?
		"revocation" : m->type == MIP_REVACK ? "revocation-ack" : "rrp",
		txt_ip4(rp_map_addr(&s->map, rm->ends.src)).s, rm->ends.sport);
	switch (m->type) {
	case MIP_RRQ:
		s_flags(f, m->flags);
		fprintf(f, " lifetime %u hoa %s", m->lifetime, s_addr(s, m->hoa, b, sizeof b));
		if (m->ha != s->c.ha)
			fprintf(f, " ha %s", txt_ip4(rp_map_addr(&s->map, m->ha)).s);
		if (m->coa != rm->ends.src)
			fprintf(f, " coa %s", txt_ip4(rp_map_addr(&s->map, m->coa)).s);
		break;
	case MIP_REV:
		fprintf(f, "%s%s hoa %s", m->rflags & MIP_REV_A ? " a" : "",
			m->rflags & MIP_REV_I ? " i" : "", s_addr(s, m->hoa, b, sizeof b));
		break;
	case MIP_RRP: /* the tester as the PMA's HA */
		fprintf(f, "%s code %u lifetime %u hoa %s", answer ? " to $rx_from" : "", m->code,
			m->lifetime, s_addr(s, m->hoa, b, sizeof b));
		if (m->ha != rm->ends.src)
			fprintf(f, " ha %s", txt_ip4(rp_map_addr(&s->map, m->ha)).s);
		if (answer)
			fprintf(f, " ident $rx_ident");
		break;
	case MIP_REVACK:
		fprintf(f, "%s", m->rflags & MIP_REVACK_I ? " i" : "");
		if (answer)
			fprintf(f, " hoa $rx_hoa revid $rx_revid");
		else
			fprintf(f, " hoa %s", s_addr(s, m->hoa, b, sizeof b));
		break;
	default:
		break;
	}
	for (unsigned i = 0; i < m->n_ext; i++)
		s_ext(s, &m->ext[i]);
	fputc('\n', f);
}

static const char *expect_type(uint8_t t)
{
	switch (t) {
	case MIP_RRQ: return "rrq";
	case MIP_RRP: return "rrp";
	case MIP_REV: return "revocation";
	case MIP_REVACK: return "revocation-ack";
	default: return "any";
	}
}

static void s_expect(struct scr *s, const struct rp_msg *rm, const struct rp_xchg *x,
		     bool ident_next)
{
	const struct mip_msg *m = &rm->m;
	FILE *f = s->f;
	char b[32];
	bool learn = false, auth = false;

	fprintf(f, "expect %s at %s:%u", expect_type(m->type),
		txt_ip4(rp_map_addr(&s->map, rm->ends.dst)).s, rm->ends.dport);
	switch (m->type) {
	case MIP_RRQ: /* the PMA's (--dut-pma) */
		s_flags(f, m->flags);
		fprintf(f, " lifetime %u hoa %s", m->lifetime, s_addr(s, m->hoa, b, sizeof b));
		fprintf(f, " ha %s", txt_ip4(rp_map_addr(&s->map, m->ha)).s);
		fprintf(f, " coa %s", txt_ip4(rp_map_addr(&s->map, m->coa)).s);
		break;
	case MIP_RRP:
		fprintf(f, " code %u lifetime %u", m->code, m->lifetime);
		if (ident_next)
			fprintf(f, " ident-low $tx_ident");
		learn = m->hoa && x->tx >= 0 && s->c.msg[x->tx].m.hoa != m->hoa &&
			s->n_hoa < sizeof s->hoa_rec / sizeof s->hoa_rec[0];
		for (unsigned i = 0; learn && i < s->n_hoa; i++)
			learn = s->hoa_rec[i] != m->hoa;
		if (!learn)
			fprintf(f, " hoa %s", s_addr(s, m->hoa, b, sizeof b));
		fprintf(f, " ha %s", txt_ip4(rp_map_addr(&s->map, m->ha)).s);
		break;
	case MIP_REV:
		fprintf(f, " %sa %si hoa %s", m->rflags & MIP_REV_A ? "" : "no ",
			m->rflags & MIP_REV_I ? "" : "no ", s_addr(s, m->hoa, b, sizeof b));
		fprintf(f, " hda %s", txt_ip4(rp_map_addr(&s->map, m->ha)).s);
		fprintf(f, " fda %s", txt_ip4(rp_map_addr(&s->map, m->coa)).s);
		break;
	case MIP_REVACK:
		fprintf(f, " %si hoa %s revid $tx_revid", m->rflags & MIP_REVACK_I ? "" : "no ",
			s_addr(s, m->hoa, b, sizeof b));
		break;
	default:
		break;
	}
	for (unsigned i = 0; i < m->n_ext; i++) {
		const struct mip_ext *e = &m->ext[i];

		if (e->type == MIP_EXT_PAD)
			continue;
		if (e->type == MIP_EXT_NAI && plain_text(e->data, e->data_len))
			fprintf(f, " nai %.*s", (int)e->data_len, (const char *)e->data);
		if (e->fmt == MIP_FMT_SHORT || e->fmt == MIP_FMT_LONG)
			fprintf(f, " ext %u/%u", e->type, e->subtype);
		else
			fprintf(f, " ext %u", e->type);
		auth |= (e->type == MIP_EXT_FAHA || e->type == MIP_EXT_MNHA) &&
			rp_stamp_sa(&s->st, e->v.auth.spi);
	}
	fprintf(f, "%s\n", auth ? " auth valid" : "");
	if (learn) {
		s->hoa_rec[s->n_hoa++] = m->hoa;
		fprintf(f, "set hoa_%u $rx_hoa\n", s->n_hoa);
	}
}

static void s_header(struct scr *s)
{
	static const char *const items[] = { "sa", "mn-sa", "reply-ms", "silence-ms" };
	const struct params *p = s->o->pixit;
	uint16_t port = MIP_PORT;
	uint32_t first = 0;
	unsigned n = 0;

	fprintf(s->f, "# %s as a script (pmip4ct replay --to-script): %zu exchanges.\n"
		"# Run it against the %s with: pmip4ct FILE.pct (exit 1 when one differs).\n",
		s->o->file, s->c.n_x, s->o->dut_pma ? "PMA" : "HA");
	for (unsigned i = 0; i < sizeof items / sizeof items[0]; i++)
		if (params_text(p, PARAM_PIXIT, items[i]))
			fprintf(s->f, "pixit %s %s\n", items[i], params_text(p, PARAM_PIXIT, items[i]));
	for (size_t i = 0; i < s->c.n && n < (s->o->dut_pma ? 1u : 2u); i++) {
		const struct rp_msg *m = &s->c.msg[i];
		uint32_t a = rp_map_addr(&s->map, m->tester ? m->ends.src : m->ends.dst);

		if (n && a == first)
			continue;
		if (!n) {
			first = a;
			port = m->tester ? m->ends.sport : m->ends.dport;
		}
		n++;
		if (!s->o->dut_pma)
			fprintf(s->f, "pixit pma%u %s\n", n, txt_ip4(a).s);
	}
	if (s->o->dut_pma) /* the tester is the PMA's HA, at the first tester address */
		fprintf(s->f, "pixit ha %s:%u\npixit pma.ha-alt 0.0.0.0\ndut pma %s:%u\n",
			txt_ip4(first).s, port, txt_ip4(s->o->dut).s, s->o->dut_port);
	else
		fprintf(s->f, "pixit pma-port %u\npixit ha.pma-denied 0.0.0.0\ndut ha %s:%u\n",
			port, txt_ip4(s->o->dut).s, s->o->dut_port);
}

static void s_body(struct scr *s)
{
	for (size_t i = 0; i < s->c.n; i++) {
		const struct rp_msg *m = &s->c.msg[i];
		const struct rp_xchg *x;

		if (m->xchg < 0)
			continue;
		x = &s->c.x[m->xchg];
		if (m->raw) {
			fprintf(s->f, "# frame %llu does not decode (%s): left out\n",
				(unsigned long long)m->frame, m->why);
		} else if (m->tester && x->kind == RP_REQ) {
			fprintf(s->f, "# frame %llu\n", (unsigned long long)m->frame);
			s_send(s, m, false);
		} else if (!m->tester) {
			fprintf(s->f, "# frame %llu\n", (unsigned long long)m->frame);
			s_expect(s, m, x, x->kind == RP_REQ && x->tx >= 0 &&
				 s->c.msg[x->tx].m.type == MIP_RRQ && i > 0 &&
				 (size_t)x->tx == i - 1);
			if (x->kind == RP_DUT && x->tx >= 0)
				s_send(s, &s->c.msg[x->tx], true);
		}
	}
	fprintf(s->f, "verdict\n");
}

int replay_to_script(const struct rp_opts *o, const char *path)
{
	static struct scr s; /* one at a time */
	int rc = 0;

	memset(&s, 0, sizeof s);
	s.o = o;
	if (rp_prepare(o, &s.c, &s.map, &s.st) < 0)
		return 2;
	s.f = fopen(path, "w");
	if (!s.f) {
		fprintf(stderr, "pmip4ct replay: %s: cannot write it\n", path);
		rp_cap_free(&s.c);
		return 2;
	}
	s_header(&s);
	s_body(&s);
	if (fclose(s.f)) {
		fprintf(stderr, "pmip4ct replay: %s: write failed\n", path);
		rc = 2;
	}
	rp_cap_free(&s.c);
	return rc;
}
