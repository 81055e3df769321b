/* pma_dump.c — the counters summary and the sessions table of `pmip4ct pma` (printed on
 * exit and on SIGUSR1).
 */
#include "pma_dump.h"

#include "dump_util.h"
#include "txt.h"

static const char *const dhcp_names[9] = {
	"?", "discover", "offer", "request", "decline", "ack", "nak", "release", "inform",
};

static const char *dhcp_name(unsigned i)
{
	return dhcp_names[i];
}

static const char *drop_name(unsigned i)
{
	return pl_drop_name((enum pl_drop)i);
}

static void dump_pma(FILE *f, const char *prefix, const struct pma *p)
{
	const struct pma_counters *k = pma_counters(p);

	fprintf(f, "%ssessions %u; tx %llu rrq, rx %llu rrp; ", prefix, pma_session_count(p),
		dump_ull(k->tx[1]), dump_ull(k->rx[3]));
	dump_codes(f, k->code);
	fprintf(f, "\n%srevocations %llu (acks %llu); retransmits %llu, resyncs %llu, "
		   "refused %llu, expired %llu, dropped %llu, unexpected %llu, "
		   "log lines suppressed %llu\n", prefix,
		dump_ull(k->rx[7]), dump_ull(k->tx[15]), dump_ull(k->retransmits),
		dump_ull(k->resyncs), dump_ull(k->refused), dump_ull(k->expired),
		dump_ull(k->dropped), dump_ull(k->unexpected), dump_ull(k->log_suppressed));
	fprintf(f, "%sown revocations %llu (retransmits %llu, acked %llu, abandoned %llu)\n",
		prefix, dump_ull(k->tx[7]), dump_ull(k->rev_retransmits), dump_ull(k->rev_acked),
		dump_ull(k->rev_abandoned));
}

static void dump_link(FILE *f, const char *prefix, const struct pma_link *l)
{
	const struct pma_link_counters *k = pma_link_counters(l);

	fprintf(f, "%slink: dhcp rx", prefix);
	dump_nonzero(f, k->dhcp_rx, 1, 9, dhcp_name);
	fputs(" tx", f);
	dump_nonzero(f, k->dhcp_tx, 1, 9, dhcp_name);
	fprintf(f, "; attach %llu, detach %llu, lease-expired %llu, lost %llu; arp %llu, "
		   "icmp %llu; tunnel tx %llu rx %llu; ", dump_ull(k->attach), dump_ull(k->detach),
		dump_ull(k->lease_expired), dump_ull(k->lost), dump_ull(k->arp_replies),
		dump_ull(k->icmp_replies), dump_ull(k->tun_tx), dump_ull(k->tun_rx));
	fputs("drops ", f);
	dump_total(f, k->drop, 0, PL_DROP_COUNT, drop_name);
	fputc('\n', f);
}

void pma_dump_summary(FILE *f, const char *prefix, const struct pma *p,
		      const struct pma_link *l)
{
	dump_pma(f, prefix, p);
	if (l)
		dump_link(f, prefix, l);
}

/* An address, "-" for none. */
static struct txt_ip4 addr_or_dash(uint32_t a)
{
	static const struct txt_ip4 dash = { "-" };

	return a ? txt_ip4(a) : dash;
}

static void dump_row(FILE *f, const struct pma_dump_dev *d, const struct pma_session_info *s,
		     uint64_t now_ns)
{
	char keys[24] = "-";
	uint64_t left = s->expires > now_ns ? (s->expires - now_ns) / 1000000000u : 0;
	const uint8_t *m = d->mac;

	if (s->gre_ha) /* GRE only when the HA returned a key (RFC 6245) */
		snprintf(keys, sizeof keys, "%x/%x", (unsigned)s->gre_pma, (unsigned)s->gre_ha);
	fprintf(f, "  %02x:%02x:%02x:%02x:%02x:%02x  %-28s %-13s %-15s %-15s %6llu  %s\n",
		m[0], m[1], m[2], m[3], m[4], m[5], d->nai, pma_state_name(s->state),
		addr_or_dash(s->hoa).s, addr_or_dash(s->ha).s, s->hoa ? dump_ull(left) : 0ull,
		keys);
}

void pma_dump_sessions(FILE *f, const struct pma *p, const struct pma_dump_dev *devs,
		       unsigned n, uint64_t now_ns)
{
	struct pma_session_info s;

	fprintf(f, "  %-17s  %-28s %-13s %-15s %-15s %6s  %s\n", "MAC", "NAI", "STATE", "HOA",
		"HA", "LEFT", "GRE PMA/HA");
	for (unsigned i = 0; i < n; i++)
		if (pma_session(p, devs[i].mac, &s) == 0)
			dump_row(f, &devs[i], &s, now_ns);
}
