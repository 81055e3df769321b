/* pma_dump.c — the counters summary and the sessions table of `pmip4ct pma` (printed on
 * exit and on SIGUSR1).
 */
#include "pma_dump.h"

#include <stdbool.h>

#include "dump_util.h"

static const char *const dhcp_names[9] = {
	"?", "discover", "offer", "request", "decline", "ack", "nak", "release", "inform",
};

static unsigned long long ull(uint64_t v)
{
	return (unsigned long long)v;
}

static void dump_pma(FILE *f, const char *prefix, const struct pma *p)
{
	const struct pma_counters *k = pma_counters(p);

	fprintf(f, "%ssessions %u; tx %llu rrq, rx %llu rrp; ", prefix, pma_session_count(p),
		ull(k->tx[1]), ull(k->rx[3]));
	dump_codes(f, k->code);
	fprintf(f, "\n%srevocations %llu (acks %llu); retransmits %llu, resyncs %llu, "
		   "refused %llu, expired %llu, dropped %llu, unexpected %llu\n", prefix,
		ull(k->rx[7]), ull(k->tx[15]), ull(k->retransmits), ull(k->resyncs),
		ull(k->refused), ull(k->expired), ull(k->dropped), ull(k->unexpected));
	fprintf(f, "%sown revocations %llu (retransmits %llu, acked %llu, abandoned %llu)\n",
		prefix, ull(k->tx[7]), ull(k->rev_retransmits), ull(k->rev_acked),
		ull(k->rev_abandoned));
}

static void dump_dhcp(FILE *f, const char *what, const uint64_t *v)
{
	bool any = false;

	fprintf(f, " %s", what);
	for (unsigned i = 1; i < 9; i++) {
		if (!v[i])
			continue;
		fprintf(f, " %s:%llu", dhcp_names[i], ull(v[i]));
		any = true;
	}
	if (!any)
		fprintf(f, " none");
}

static void dump_link(FILE *f, const char *prefix, const struct pma_link *l)
{
	const struct pma_link_counters *k = pma_link_counters(l);
	uint64_t total = 0;
	const char *sep = " (";

	fprintf(f, "%slink: dhcp", prefix);
	dump_dhcp(f, "rx", k->dhcp_rx);
	dump_dhcp(f, "tx", k->dhcp_tx);
	fprintf(f, "; attach %llu, detach %llu, lease-expired %llu, lost %llu; arp %llu, "
		   "icmp %llu; tunnel tx %llu rx %llu; ", ull(k->attach), ull(k->detach),
		ull(k->lease_expired), ull(k->lost), ull(k->arp_replies), ull(k->icmp_replies),
		ull(k->tun_tx), ull(k->tun_rx));
	for (unsigned i = 0; i < PL_DROP_COUNT; i++)
		total += k->drop[i];
	fprintf(f, "drops %llu", ull(total));
	for (unsigned i = 0; i < PL_DROP_COUNT; i++) {
		if (!k->drop[i])
			continue;
		fprintf(f, "%s%s:%llu", sep, pl_drop_name((enum pl_drop)i), ull(k->drop[i]));
		sep = " ";
	}
	fprintf(f, "%s\n", total ? ")" : "");
}

void pma_dump_summary(FILE *f, const char *prefix, const struct pma *p,
		      const struct pma_link *l)
{
	dump_pma(f, prefix, p);
	if (l)
		dump_link(f, prefix, l);
}

/* An address, "-" for none. */
static const char *addr_or_dash(uint32_t a, char *buf)
{
	return a ? dump_ip(a, buf) : "-";
}

static void dump_row(FILE *f, const struct pma_dump_dev *d, const struct pma_session_info *s,
		     uint64_t now_ns)
{
	char hoa[DUMP_IP_LEN], ha[DUMP_IP_LEN], keys[24] = "-";
	uint64_t left = s->expires > now_ns ? (s->expires - now_ns) / 1000000000u : 0;
	const uint8_t *m = d->mac;

	if (s->gre_ha) /* GRE only when the HA returned a key (RFC 6245) */
		snprintf(keys, sizeof keys, "%x/%x", (unsigned)s->gre_pma, (unsigned)s->gre_ha);
	fprintf(f, "  %02x:%02x:%02x:%02x:%02x:%02x  %-28s %-13s %-15s %-15s %6llu  %s\n",
		m[0], m[1], m[2], m[3], m[4], m[5], d->nai, pma_state_name(s->state),
		addr_or_dash(s->hoa, hoa), addr_or_dash(s->ha, ha),
		s->hoa ? ull(left) : 0ull, keys);
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
