/* ha_dump.c — the counters summary and the bindings table of `pmip4ct ha` (printed on
 * exit and on SIGUSR1).
 */
#include "ha_dump.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "binding.h"
#include "dump_util.h"
#include "mip.h"
#include "names.h"
#include "txt.h"

static const char *const drop_names[HA_DROP_COUNT] = {
	[HA_DROP_MALFORMED] = "malformed",
	[HA_DROP_UNKNOWN_NONSKIP] = "unknown-nonskippable",
	[HA_DROP_NO_AUTH] = "no-auth",
	[HA_DROP_NO_SA] = "no-sa",
	[HA_DROP_BAD_REVOCATION] = "bad-revocation",
	[HA_DROP_NOT_FOR_HA] = "not-for-ha",
	[HA_DROP_DENIED] = "denied-silently",
};

static const char *drop_name(unsigned i)
{
	return drop_names[i];
}

static const char *fwd_name(unsigned i)
{
	return ha_fwd_result_name((enum ha_fwd_result)i);
}

void ha_dump_summary(FILE *f, const char *prefix, const struct ha *ha)
{
	const struct ha_counters *k = ha_counters(ha);

	fprintf(f, "%srx %llu rrq, tx %llu rrp; ", prefix, dump_ull(k->rx[MIP_RRQ]),
		dump_ull(k->tx[MIP_RRP]));
	dump_codes(f, k->code);
	fprintf(f, "; drops ");
	dump_total(f, k->drop, 0, HA_DROP_COUNT, drop_name);
	fprintf(f, "; bindings %u\n", bnd_count(ha_bindings(ha)));
	fprintf(f,
		"%srevocations %llu (retransmits %llu, acked %llu, abandoned %llu, pending %u); "
		"expired %llu; auth failures %llu; unexpected %llu; log lines suppressed %llu\n",
		prefix, dump_ull(k->revocations), dump_ull(k->rev_retransmits),
		dump_ull(k->rev_acked), dump_ull(k->rev_abandoned), ha_pending_revocations(ha),
		dump_ull(k->expired), dump_ull(k->auth_fail), dump_ull(k->unexpected),
		dump_ull(k->log_suppressed));
}

/* "to-mn 3 ok, refused 1 (not-ours:1)": one direction of ha_fwd_stats. */
static void dump_fwd_dir(FILE *f, const char *dir, const uint64_t n[FWD_COUNT])
{
	fprintf(f, "%s %llu ok, refused ", dir, dump_ull(n[FWD_OK]));
	dump_total(f, n, FWD_OK + 1, FWD_COUNT, fwd_name);
}

void ha_dump_fwd(FILE *f, const char *prefix, const struct ha_fwd_stats *st,
		 unsigned long long send_errors)
{
	fprintf(f, "%sdata plane: ", prefix);
	dump_fwd_dir(f, "to-mn", st->to_mn);
	fprintf(f, "; ");
	dump_fwd_dir(f, "from-mn", st->from_mn);
	fprintf(f, "; ");
	dump_fwd_dir(f, "relay", st->relay);
	fprintf(f, "; send errors %llu\n", send_errors);
}

void ha_dump_host(FILE *f, const char *prefix, unsigned long long direct,
		  unsigned long long tun, const char *name)
{
	fprintf(f, "%sdata plane: to the host %llu direct, %llu through %s\n", prefix, direct,
		tun, name);
}

void ha_dump_fwd_fault(FILE *f, const char *prefix, const struct ha *ha,
		       const struct ha_fwd_stats *st)
{
	if (!ha_has_fault(ha, HA_FAULT_FWD_DROP))
		return;
	fprintf(f, "%sfault %s dropped %llu up, %llu down\n", prefix,
		ha_fault_name(HA_FAULT_FWD_DROP), dump_ull(st->from_mn[FWD_FAULT_DROP]),
		dump_ull(st->to_mn[FWD_FAULT_DROP]));
}

const char *ha_dump_flags(uint16_t flags, char *buf)
{
	static const struct {
		uint16_t bit;
		char c;
	} letters[] = {
		{ BND_PMIP, 'P' }, { BND_PERNODE, 'N' }, { BND_S, 'S' },     { BND_T, 'T' },
		{ BND_GRE, 'G' },  { BND_MINENC, 'M' },  { BND_REV, 'R' },   { BND_REV_I, 'I' },
		{ BND_POOL, 'D' },
	};
	size_t n = 0;

	for (size_t i = 0; i < sizeof letters / sizeof letters[0]; i++)
		if (flags & letters[i].bit)
			buf[n++] = letters[i].c;
	if (n == 0)
		buf[n++] = '-';
	buf[n] = '\0';
	return buf;
}

static bool printable(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isprint(p[i]))
			return false;
	return n > 0;
}

/* An identifier as text when it is printable, else in hex (MAC addresses with colons). */
static void dump_id(FILE *f, const uint8_t *id, size_t n, bool mac)
{
	if (!mac && printable(id, n)) {
		fprintf(f, "%.*s", (int)n, (const char *)id);
		return;
	}
	for (size_t i = 0; i < n; i++)
		fprintf(f, mac && i ? ":%02x" : "%02x", id[i]);
}

static void dump_named(FILE *f, const struct name_table *t, unsigned v, const char *what)
{
	const char *name = name_of(t, v);

	if (name)
		fprintf(f, " %s ", name);
	else
		fprintf(f, " %s-%u ", what, v);
}

/* RFC 5563 §5.2-§5.5: "802.16e mac 02:00:00:00:00:01 if eth0 imsi 310150123456789". */
static void dump_device(FILE *f, const struct bnd *b)
{
	const char *tech = name_of(&names_tech, b->acctech);

	if (!b->acctech)
		fputc('-', f);
	else if (tech)
		fputs(tech, f);
	else
		fprintf(f, "tech-%u", b->acctech);
	if (b->devid_type) {
		dump_named(f, &names_devid_type, b->devid_type, "type");
		dump_id(f, bnd_devid(b), b->devid_len, b->devid_type == 1);
	}
	if (b->ifid_len) {
		fputs(" if ", f);
		dump_id(f, bnd_ifid(b), b->ifid_len, false);
	}
	if (b->subid_type) {
		char imsi[24];

		dump_named(f, &names_subid_type, b->subid_type, "type");
		if (b->subid_type == 1 && txt_imsi(bnd_subid(b), b->subid_len, imsi, sizeof imsi))
			fputs(imsi, f); /* RFC 5563 §5.4 ID-Type 1: ASCII or TBCD digits */
		else
			dump_id(f, bnd_subid(b), b->subid_len, false);
	}
}

static void dump_row(FILE *f, const struct bnd *b, uint64_t now_ns)
{
	char pma_port[24], flags[12], gre[24];

	snprintf(pma_port, sizeof pma_port, "%s:%u", txt_ip4(b->pma).s, b->pma_port);
	if (b->flags & BND_GRE)
		snprintf(gre, sizeof gre, "%08x/%08x", b->gre_fa, b->gre_ha);
	else
		snprintf(gre, sizeof gre, "-");
	fprintf(f, "%-24s %-15s %-15s %-21s %6lds %-6s %-17s ",
		txt_esc(bnd_nai(b), b->nai_len).s, txt_ip4(b->hoa).s, txt_ip4(b->coa).s, pma_port,
		dump_left_s(b->expires, now_ns), ha_dump_flags(b->flags, flags), gre);
	dump_device(f, b);
	fputc('\n', f);
	for (unsigned i = 0; i < b->n_extra; i++) {
		const struct bnd_coa *x = &b->extra[i];

		snprintf(pma_port, sizeof pma_port, "%s:%u", txt_ip4(x->pma).s, x->pma_port);
		fprintf(f, "%-24s %-15s %-15s %-21s %6lds\n", "  + coa", "", txt_ip4(x->coa).s,
			pma_port, dump_left_s(x->expires, now_ns));
	}
}

struct bnd_list {
	const struct bnd **v;
	size_t n;
};

static int collect(struct bnd *b, void *arg)
{
	struct bnd_list *l = arg;

	l->v[l->n++] = b;
	return 0;
}

static int by_nai(const void *a, const void *b)
{
	const struct bnd *x = *(const struct bnd *const *)a, *y = *(const struct bnd *const *)b;
	size_t n = x->nai_len < y->nai_len ? x->nai_len : y->nai_len;
	int c = memcmp(bnd_nai(x), bnd_nai(y), n);

	return c ? c : (int)x->nai_len - (int)y->nai_len;
}

struct row_arg {
	FILE *f;
	uint64_t now_ns;
};

static int print_one(struct bnd *b, void *arg)
{
	struct row_arg *r = arg;

	dump_row(r->f, b, r->now_ns);
	return 0;
}

void ha_dump_bindings(FILE *f, const struct ha *ha, uint64_t now_ns)
{
	const struct bnd_table *t = ha_bindings(ha);
	struct bnd_list l = { NULL, 0 };
	struct row_arg r = { f, now_ns };
	uint32_t n = bnd_count(t);

	fprintf(f, "%-24s %-15s %-15s %-21s %7s %-6s %-17s %s\n", "NAI", "HOA", "COA", "PMA",
		"LEFT", "FLAGS", "GRE FA/HA", "RFC 5563 IDS");
	if (n)
		l.v = malloc(n * sizeof *l.v);
	if (!l.v) { /* nothing to show, or no memory to sort: in table order */
		bnd_foreach(t, print_one, &r);
		return;
	}
	bnd_foreach(t, collect, &l);
	qsort(l.v, l.n, sizeof *l.v, by_nai);
	for (size_t i = 0; i < l.n; i++)
		dump_row(f, l.v[i], now_ns);
	free(l.v);
}
