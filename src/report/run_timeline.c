/* run_timeline.c — a case's packet timeline (run_report_priv.h): per packet the time,
 * the direction, the link, the length and a one-line summary: the Mobile IP message as
 * `pmip4ct decode` prints it (render_summary), or the outer headers of a data packet.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mip.h"
#include "render.h"
#include "run_report_priv.h"
#include "txt.h"

const char *rr_link_name(enum tc_link l)
{
	static const char *const n[TC_LINK_COUNT] = { "sig", "core", "home", "access" };

	return l < TC_LINK_COUNT ? n[l] : "?";
}

static uint32_t tl_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* "IPv4 A > B proto" with the tunnel's inner header or the ports (RFC 791 §3.1; IP in IP
 * RFC 2003 §3.1; GRE RFC 2784 §2 with the key of RFC 2890 §2). */
static void tl_ip4(FILE *f, const uint8_t *p, size_t n, unsigned depth)
{
	size_t hl;

	if (n < 20 || p[0] >> 4 != 4 || (hl = (size_t)(p[0] & 15) * 4) < 20 || hl > n) {
		fprintf(f, "not IPv4 (%zu bytes)", n);
		return;
	}
	fprintf(f, "IPv4 %s > %s", txt_ip4(tl_be32(p + 12)).s, txt_ip4(tl_be32(p + 16)).s);
	p += hl;
	n -= hl;
	switch (p[-hl + 9]) {
	case 4:
		fputs(" IP-in-IP", f);
		if (depth == 0) {
			fputs(": ", f);
			tl_ip4(f, p, n, 1);
		}
		return;
	case 47:
		fputs(" GRE", f);
		if (n >= 8 && (p[0] & 0x20))
			fprintf(f, " key %u", tl_be32(p + 4 + (p[0] & 0x80 ? 4 : 0)));
		return;
	case 17:
		if (n >= 8) {
			unsigned sp = (unsigned)p[0] << 8 | p[1], dp = (unsigned)p[2] << 8 | p[3];

			fprintf(f, " UDP %u > %u%s", sp, dp,
				sp == 67 || sp == 68 || dp == 67 || dp == 68 ? " (DHCP)" : "");
		}
		return;
	case 1:
		if (n >= 1)
			fprintf(f, " ICMP type %u", p[0]);
		return;
	default:
		fprintf(f, " proto %u", p[-hl + 9]);
	}
}

static void tl_summary(FILE *f, const struct tc_pkt *p, struct mip_msg *m)
{
	struct mip_err e;
	char eb[160];

	switch (p->link) {
	case TC_LINK_SIG:
		fprintf(f, "%s:%u > %s:%u ", txt_ip4(p->ends.src).s, p->ends.sport,
			txt_ip4(p->ends.dst).s, p->ends.dport);
		memset(&e, 0, sizeof e);
		if (m && mip_decode(p->buf, p->len, m, &e) == 0)
			render_summary(f, m);
		else
			fprintf(f, "not Mobile IP: %s", m ? mip_err_str(&e, eb, sizeof eb) : "?");
		return;
	case TC_LINK_ACCESS: /* Ethernet II (IEEE 802.3 §3.2.6) */
		if (p->len < 14) {
			fprintf(f, "short frame (%zu bytes)", p->len);
		} else if (p->buf[12] == 0x08 && p->buf[13] == 0x00) {
			tl_ip4(f, p->buf + 14, p->len - 14, 0);
		} else if (p->buf[12] == 0x08 && p->buf[13] == 0x06) {
			fputs("ARP", f);
		} else {
			fprintf(f, "Ethernet type 0x%02x%02x", p->buf[12], p->buf[13]);
		}
		return;
	default:
		tl_ip4(f, p->buf, p->len, 0);
	}
}

void rr_timeline_add(struct rr_timeline *t, const struct tc_pkt *p, bool to_dut,
		     struct mip_msg *m)
{
	struct rr_pkt *k;
	size_t len = 0;
	FILE *f;

	if (t->n == RR_TIMELINE_MAX) {
		t->dropped++;
		return;
	}
	k = &t->v[t->n++];
	*k = (struct rr_pkt){ .at_ns = p->at_ns, .to_dut = to_dut, .link = p->link,
			      .len = p->len };
	f = open_memstream(&k->summary, &len);
	if (f) {
		tl_summary(f, p, m);
		fclose(f);
	}
}

void rr_timeline_clear(struct rr_timeline *t)
{
	for (unsigned i = 0; i < t->n; i++)
		free(t->v[i].summary);
	t->n = 0;
	t->dropped = 0;
}
