/* test_run_timeline.c — the packet timeline of a case in report.json (run_timeline.c):
 * each link's one-line summary from hand-made packets (RFC 5944 §3.3 registration
 * request, RFC 2003 IP in IP, RFC 2890 GRE key, a DHCP frame, ARP, damaged ones), and the
 * limit of RR_TIMELINE_MAX packets with the rest counted.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mip.h"
#include "run_report_priv.h"

static struct mip_msg msg;

/* The summary of one packet of link l with bytes b[0..n). */
static char *summary(enum tc_link l, const uint8_t *b, size_t n)
{
	struct rr_timeline *t = calloc(1, sizeof *t);
	struct tc_pkt *p = calloc(1, sizeof *p);
	char *s;

	assert_non_null(t);
	assert_non_null(p);
	p->link = l;
	p->ends = (struct udp_ends){ .src = 0x7f000003, .dst = 0x7f000002, .sport = 434,
				     .dport = 434 };
	memcpy(p->buf, b, n);
	p->len = n;
	rr_timeline_add(t, p, true, &msg);
	assert_int_equal(t->n, 1);
	assert_int_equal(t->v[0].len, n);
	assert_true(t->v[0].to_dut);
	s = strdup(t->v[0].summary);
	rr_timeline_clear(t);
	free(t);
	free(p);
	return s;
}

static void expect(enum tc_link l, const uint8_t *b, size_t n, const char *want)
{
	char *s = summary(l, b, n);

	if (!strstr(s, want))
		fail_msg("summary '%s' does not hold '%s'", s, want);
	free(s);
}

/* RFC 5944 §3.3: type 1, flags T (0x02), lifetime 300, home address 0.0.0.0, home agent
 * 127.0.0.2, care-of address 127.0.0.3, Identification 1. */
static const uint8_t rrq[] = {
	0x01, 0x02, 0x01, 0x2c, 0, 0, 0, 0, 127, 0, 0, 2, 127, 0, 0, 3,
	0, 0, 0, 0, 0, 0, 0, 1,
};

static void sig(void **state)
{
	static const uint8_t other[] = { 0xff, 0x00 };

	(void)state;
	expect(TC_LINK_SIG, rrq, sizeof rrq, "127.0.0.3:434 > 127.0.0.2:434 RRQ ");
	expect(TC_LINK_SIG, rrq, sizeof rrq, "lifetime 300");
	/* cut inside the fixed part */
	expect(TC_LINK_SIG, rrq, 10, "127.0.0.3:434 > 127.0.0.2:434 not Mobile IP: ");
	expect(TC_LINK_SIG, other, sizeof other, "type 255 (unknown)");
}

/* RFC 791 headers: 10.0.0.1 > 10.0.0.2 with protocol p. */
#define IP4(p) 0x45, 0, 0, 40, 0, 0, 0, 0, 64, (p), 0, 0, 10, 0, 0, 1, 10, 0, 0, 2

static void data(void **state)
{
	static const uint8_t ipip[] = { IP4(4), IP4(17), 0x12, 0x34, 0x00, 0x35, 0, 8, 0, 0 };
	/* RFC 2890 §2: K set, key 42 */
	static const uint8_t gre[] = { IP4(47), 0x20, 0x00, 0x08, 0x00, 0, 0, 0, 42 };
	static const uint8_t icmp[] = { IP4(1), 8, 0 };
	static const uint8_t v6[] = { 0x60, 0, 0, 0 };

	(void)state;
	expect(TC_LINK_CORE, ipip, sizeof ipip,
	       "IPv4 10.0.0.1 > 10.0.0.2 IP-in-IP: IPv4 10.0.0.1 > 10.0.0.2 UDP 4660 > 53");
	expect(TC_LINK_CORE, gre, sizeof gre, "IPv4 10.0.0.1 > 10.0.0.2 GRE key 42");
	expect(TC_LINK_HOME, icmp, sizeof icmp, "ICMP type 8");
	expect(TC_LINK_HOME, v6, sizeof v6, "not IPv4 (4 bytes)");
}

static void access_link(void **state)
{
	static const uint8_t dhcp[] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0, 0, 1,
					0x08, 0x00, IP4(17), 0, 68, 0, 67, 0, 8, 0, 0 };
	static const uint8_t arp[] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0, 0, 1,
				       0x08, 0x06, 0, 1 };
	static const uint8_t lldp[] = { 1, 0x80, 0xc2, 0, 0, 0x0e, 2, 0, 0, 0, 0, 1,
					0x88, 0xcc };

	(void)state;
	expect(TC_LINK_ACCESS, dhcp, sizeof dhcp, "UDP 68 > 67 (DHCP)");
	expect(TC_LINK_ACCESS, arp, sizeof arp, "ARP");
	expect(TC_LINK_ACCESS, lldp, sizeof lldp, "Ethernet type 0x88cc");
	expect(TC_LINK_ACCESS, arp, 5, "short frame (5 bytes)");
}

/* The first RR_TIMELINE_MAX packets are kept, the rest counted. */
static void limit(void **state)
{
	struct rr_timeline *t = calloc(1, sizeof *t);
	struct tc_pkt *p = calloc(1, sizeof *p);

	(void)state;
	assert_non_null(t);
	assert_non_null(p);
	memcpy(p->buf, rrq, sizeof rrq);
	p->len = sizeof rrq;
	for (unsigned i = 0; i < RR_TIMELINE_MAX + 5; i++) {
		p->at_ns = i;
		rr_timeline_add(t, p, i % 2, &msg);
	}
	assert_int_equal(t->n, RR_TIMELINE_MAX);
	assert_int_equal(t->dropped, 5);
	assert_int_equal(t->v[RR_TIMELINE_MAX - 1].at_ns, RR_TIMELINE_MAX - 1);
	assert_string_equal(rr_link_name(t->v[0].link), "sig");
	rr_timeline_clear(t);
	assert_int_equal(t->n, 0);
	free(t);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sig),
		cmocka_unit_test(data),
		cmocka_unit_test(access_link),
		cmocka_unit_test(limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
