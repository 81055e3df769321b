/* net_home.c — the tester as the correspondent node on a remote HA's home link (net_dp.h,
 * dp_home_ops): an AF_PACKET socket on PIXIT home.if (io_pkt.c) that
 *   - answers ARP requests for ha.cn with the interface's MAC (RFC 826, "Packet
 *     Reception"), so the HA delivers what it decapsulates for ha.cn to the tester;
 *   - hands on every IPv4 packet sent to that MAC, trimmed to its Total Length (the
 *     link's padding off), as TC_LINK_HOME;
 *   - sends the tester's IPv4 packets in Ethernet II frames (RFC 894) to the next hop
 *     towards the home address: home.gw when set, else the home address itself, which
 *     the HA answers by proxy ARP (RFC 5944 §4.6).  The next hop's MAC comes from an ARP
 *     cache filled by every ARP packet seen on the link; a miss sends a request and waits
 *     for the reply.  With none, the packet is lost, as on a network, and logged.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arp.h"
#include "clock.h"
#include "eth.h"
#include "io_pkt.h"
#include "loop.h"
#include "net_dp.h"
#include "params.h"
#include "refq.h"
#include "tun.h"
#include "txt.h"

#define HOME_ARP_CACHE 16

struct arp_entry {
	uint32_t ip;
	uint8_t mac[ETH_ALEN];
};

struct dp_home {
	struct loop *l;
	struct pkt_sock *s;
	struct pkt_port port;
	uint8_t mac[ETH_ALEN];
	uint32_t cn, gw;
	uint64_t arp_wait_ns;
	struct refq *q;
	struct arp_entry cache[HOME_ARP_CACHE];
	unsigned n_cache, next_evict;
	tc_log_fn log;
	void *log_arg;
	char ifname[32];
};

static void home_log(struct dp_home *h, const char *line)
{
	char buf[256];

	if (h->log) {
		snprintf(buf, sizeof buf, "tester on %s: %s", h->ifname, line);
		h->log(h->log_arg, buf);
	}
}

static struct arp_entry *cache_find(struct dp_home *h, uint32_t ip)
{
	for (unsigned i = 0; i < h->n_cache; i++)
		if (h->cache[i].ip == ip)
			return &h->cache[i];
	return NULL;
}

static void cache_learn(struct dp_home *h, uint32_t ip, const uint8_t mac[ETH_ALEN])
{
	struct arp_entry *e = cache_find(h, ip);

	if (!ip || ip == h->cn)
		return;
	if (!e) {
		if (h->n_cache < HOME_ARP_CACHE)
			e = &h->cache[h->n_cache++];
		else
			e = &h->cache[h->next_evict++ % HOME_ARP_CACHE];
		e->ip = ip;
	}
	memcpy(e->mac, mac, ETH_ALEN);
}

static void home_arp(struct dp_home *h, const struct eth_frame *f)
{
	struct arp_pkt a;
	struct mip_err e;
	uint8_t out[ETH_ZLEN];
	size_t n;

	if (arp_parse(f->payload, f->payload_len, &a, &e) < 0)
		return;
	cache_learn(h, a.spa, a.sha);
	if (a.op == ARP_REQUEST && a.tpa == h->cn &&
	    arp_reply(&a, h->mac, out, sizeof out, &n, &e) == 0)
		(void)pkt_port_send(&h->port, out, n);
}

static void home_rx(void *arg, const uint8_t *buf, size_t len)
{
	struct dp_home *h = arg;
	struct eth_frame f;
	struct tun_ip4 ip;
	struct mip_err e;

	if (eth_parse(buf, len, &f, &e) < 0)
		return;
	if (f.type == ETH_P_ARP) {
		home_arp(h, &f);
		return;
	}
	if (f.type != ETH_P_IP || memcmp(f.dst, h->mac, ETH_ALEN) ||
	    tun_ip4_parse(f.payload, f.payload_len, &ip, &e) < 0)
		return;
	refq_push(h->q, TC_LINK_HOME, NULL, clk_now_ns(&clk_real), f.payload, ip.tot_len);
}

/* Ask who has ip (RFC 826), from cn. */
static void home_arp_request(struct dp_home *h, uint32_t ip)
{
	uint8_t out[ETH_ZLEN];
	struct mip_err e;
	size_t n;

	if (arp_request(h->mac, h->cn, ip, out, sizeof out, &n, &e) == 0)
		(void)pkt_port_send(&h->port, out, n);
}

/* The MAC of ip: from the cache, or asked for and waited on; NULL when no reply. */
static const uint8_t *home_resolve(struct dp_home *h, uint32_t ip)
{
	uint64_t until = clk_now_ns(&clk_real) + h->arp_wait_ns, next_ask = 0;
	struct arp_entry *e;

	while (!(e = cache_find(h, ip))) {
		uint64_t now = clk_now_ns(&clk_real);

		if (now >= until)
			return NULL;
		if (now >= next_ask) { /* ask again every 200 ms */
			home_arp_request(h, ip);
			next_ask = now + 200000000ull;
		}
		loop_once(h->l, 10);
	}
	return e->mac;
}

static int dp_home_send(void *ctx, const uint8_t *ip, size_t len, char *err, size_t errlen)
{
	struct dp_home *h = ctx;
	uint8_t out[TC_PKT_MAX + ETH_HLEN];
	struct tun_ip4 hdr;
	struct mip_err e;
	const uint8_t *mac;
	uint32_t nh;
	size_t n;
	char line[160];

	if (tun_ip4_parse(ip, len, &hdr, &e) < 0) {
		snprintf(err, errlen, "not an IPv4 packet for the home link");
		return -1;
	}
	nh = h->gw ? h->gw : hdr.dst;
	mac = home_resolve(h, nh);
	if (!mac) {
		snprintf(line, sizeof line, "no ARP reply for %s: packet to %s lost",
			 txt_ip4(nh).s, txt_ip4(hdr.dst).s);
		home_log(h, line);
		return 0;
	}
	if (eth_build(mac, h->mac, ETH_P_IP, ip, len, out, sizeof out, &n, &e) < 0 ||
	    pkt_port_send(&h->port, out, n) < 0) {
		snprintf(err, errlen, "cannot send on %s", h->ifname);
		return -1;
	}
	loop_once(h->l, 0); /* the idle hook flushes the send */
	return 0;
}

/* cn: ha.cn; the next hop towards the home addresses: home.gw (unset: the destination
 * itself); a send waits reply-ms for an ARP reply. */
static void *dp_home_open(struct loop *l, const char *ifname, const struct params *p,
			  struct refq *q, tc_log_fn log, void *log_arg, char *err, size_t errlen)
{
	struct dp_home *h = calloc(1, sizeof *h);
	char why[160];

	if (!h) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	h->s = pkt_sock_open(l, ifname, home_rx, h, why, sizeof why);
	if (!h->s) {
		snprintf(err, errlen, "PIXIT home.if: %s (the home link needs root)", why);
		free(h);
		return NULL;
	}
	*h = (struct dp_home){ .l = l, .s = h->s, .port = pkt_sock_port(h->s),
			       .cn = params_addr(p, "ha.cn"), .gw = params_addr(p, "home.gw"),
			       .arp_wait_ns = params_ms(p, "reply-ms") * 1000000ull, .q = q,
			       .log = log, .log_arg = log_arg };
	memcpy(h->mac, pkt_sock_mac(h->s), ETH_ALEN);
	snprintf(h->ifname, sizeof h->ifname, "%s", ifname);
	return h;
}

static void dp_home_close(void *ctx)
{
	struct dp_home *h = ctx;

	if (!h)
		return;
	pkt_sock_close(h->s);
	free(h);
}

const struct dp_link_ops dp_home_ops = { dp_home_open, dp_home_send, dp_home_close };
