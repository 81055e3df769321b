/* test_pma_link.c — the PMA's access link and data plane (RFC 5563 §4.1.1, §4.2, §6.1-§6.3)
 * against the REAL reference HA(s) on a virtual clock: signalling moves through in-memory
 * I/O (a pump, as in test_pma.c), frames and tunnel packets through port_mem FIFOs.  A
 * fake mobile device sends frames built here with the codec's writers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arp.h"
#include "dhcp.h"
#include "eth.h"
#include "ha.h"
#include "ha_fwd.h"
#include "icmp.h"
#include "io_mem.h"
#include "pma.h"
#include "pma_link.h"
#include "pool.h"
#include "port.h"
#include "tun.h"

#define HA1 0xc0000201u      /* 192.0.2.1 */
#define HA2 0xc0000202u      /* 192.0.2.2 */
#define HA_ANY 0xc0000264u   /* 192.0.2.100: where discovery requests go (§4.6) */
#define PMA_ADDR 0xc000020au /* 192.0.2.10 */
#define GW 0x0a0a00feu       /* 10.10.0.254: the gateway the PMA presents */
#define DNS1 0x08080808u
#define CN 0xc6336401u       /* 198.51.100.1 */
#define NS 1000000000ull
#define T0 (1700000000ull * NS)
#define LEASE 600

static const uint8_t key_fa[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
static const uint8_t PMA_MAC[6] = { 0x02, 0, 0, 0, 0, 0xfe };
static const uint8_t MAC1[6] = { 0x02, 0, 0, 0, 0, 0x01 };
static const uint8_t MAC2[6] = { 0x02, 0, 0, 0, 0, 0x02 };

struct world {
	struct clk_virtual vc;
	struct clk clk;
	struct { struct ha *ha; struct io_mem *mem; struct ha_fwd fw; uint32_t addr; } h[2];
	unsigned n_ha;
	unsigned any_to;          /* the HA that gets datagrams for HA_ANY */
	struct pma *pma;
	struct io_mem *pmem;
	struct port_mem *acc, *core;
	struct pma_link *link;
	uint8_t f[2048];          /* the last frame or packet taken */
	size_t flen;
};

static struct world W;

static void add_ha(uint32_t addr)
{
	struct ha_config cfg;
	struct ha_listener l;
	struct mip_sa sa = { .spi = 256, .alg = AUTH_HMAC_MD5, .kind = AUTH_KIND_FAHA,
			     .match = AUTH_MATCH_ANY, .key_len = 16 };
	char err[128];
	unsigned i = W.n_ha++;

	memcpy(sa.key, key_fa, 16);
	ha_config_defaults(&cfg);
	cfg.addrs[cfg.n_addrs++] = addr;
	cfg.sa[cfg.n_sa++] = sa;
	cfg.pool = pool_create("10.10.0.0/24", err, sizeof err); /* the same pool on both */
	assert_non_null(cfg.pool);
	W.h[i].addr = addr;
	W.h[i].mem = io_mem_create();
	W.h[i].ha = ha_create(&cfg, &W.clk);
	assert_non_null(W.h[i].ha);
	l = (struct ha_listener){ 0, MIP_PORT, io_mem_io(W.h[i].mem) };
	assert_int_equal(ha_add_listener(W.h[i].ha, &l), 0);
	ha_fwd_init(&W.h[i].fw, W.h[i].ha);
}

/* gre: the PMA asks for GRE keys; two: two HAs with one pool, reached by discovery. */
static void setup(bool gre, bool two)
{
	struct pma_config pc;
	struct pma_link_config lc;

	memset(&W, 0, sizeof W);
	W.vc = (struct clk_virtual){ T0, 7 };
	W.clk = clk_virtual(&W.vc);
	add_ha(HA1);
	if (two)
		add_ha(HA2);
	pma_config_defaults(&pc);
	pc.addr = PMA_ADDR;
	pc.ha = two ? 0 : HA1;
	pc.ha_dst = HA_ANY;
	pc.sa = (struct mip_sa){ .spi = 256, .alg = AUTH_HMAC_MD5, .kind = AUTH_KIND_FAHA,
				 .match = AUTH_MATCH_ANY, .key_len = 16 };
	memcpy(pc.sa.key, key_fa, 16);
	pc.gre = gre;
	pc.reverse_tunnel = true;
	W.pmem = io_mem_create();
	W.pma = pma_create(&pc, &W.clk, io_mem_io(W.pmem));
	assert_non_null(W.pma);
	W.acc = port_mem_create();
	W.core = port_mem_create();
	pma_link_config_defaults(&lc);
	memcpy(lc.mac, PMA_MAC, 6);
	lc.core_addr = PMA_ADDR;
	lc.gateway = GW;
	lc.dns[lc.n_dns++] = DNS1;
	lc.lease_s = LEASE;
	lc.ifid = "wlan0";
	W.link = pma_link_create(&lc, W.pma, &W.clk, port_mem_port(W.acc),
				 port_mem_port(W.core));
	assert_non_null(W.link);
}

static int teardown(void **state)
{
	(void)state;
	pma_link_destroy(W.link);
	pma_destroy(W.pma);
	io_mem_destroy(W.pmem);
	port_mem_destroy(W.acc);
	port_mem_destroy(W.core);
	for (unsigned i = 0; i < W.n_ha; i++) {
		ha_destroy(W.h[i].ha);
		io_mem_destroy(W.h[i].mem);
	}
	return 0;
}

static bool pump_once(void)
{
	struct io_mem_pkt pk;
	bool moved = false;

	while (io_mem_pop(W.pmem, &pk) == 0) {
		moved = true;
		for (unsigned j = 0; j < W.n_ha; j++)
			if (W.h[j].addr == pk.ends.dst || (pk.ends.dst == HA_ANY && j == W.any_to))
				ha_input(W.h[j].ha, 0, &pk.ends, pk.buf, pk.len);
		free(pk.buf);
	}
	for (unsigned j = 0; j < W.n_ha; j++) {
		while (io_mem_pop(W.h[j].mem, &pk) == 0) {
			moved = true;
			if (pk.ends.dst == PMA_ADDR)
				pma_input(W.pma, &pk.ends, pk.buf, pk.len);
			free(pk.buf);
		}
	}
	return moved;
}

static void pump(void)
{
	while (pump_once())
		;
}

static void advance(uint64_t ns)
{
	uint64_t target = W.vc.now_ns + ns;

	for (;;) {
		uint64_t t = target;

		if (pma_next_due(W.pma) < t)
			t = pma_next_due(W.pma);
		if (pma_link_next_due(W.link) < t)
			t = pma_link_next_due(W.link);
		for (unsigned j = 0; j < W.n_ha; j++)
			if (ha_next_due(W.h[j].ha) < t)
				t = ha_next_due(W.h[j].ha);
		if (t > W.vc.now_ns)
			W.vc.now_ns = t;
		pma_tick(W.pma);
		pma_link_tick(W.link);
		for (unsigned j = 0; j < W.n_ha; j++)
			ha_tick(W.h[j].ha);
		pump();
		if (t >= target)
			return;
	}
}

/* Take the next frame (or packet) from a port into W.f. */
static void take(struct port_mem *m)
{
	struct port_mem_pkt pk;

	assert_int_equal(port_mem_pop(m, &pk), 0);
	assert_true(pk.len <= sizeof W.f);
	memcpy(W.f, pk.buf, pk.len);
	W.flen = pk.len;
	free(pk.buf);
}

/* The fake device */

static size_t ip_frame(uint8_t *out, const uint8_t mac[6], uint32_t src, uint32_t dst,
		       uint8_t ttl, uint8_t proto, const uint8_t *pl, size_t n)
{
	struct wr w = wr_init(out, 2048);
	struct tun_ip4 h = { .tot_len = (uint16_t)(TUN_IP4_LEN + n), .ttl = ttl,
			     .proto = proto, .src = src, .dst = dst, .id = 77 };

	eth_write_hdr(&w, PMA_MAC, mac, ETH_P_IP);
	tun_ip4_write(&w, &h);
	wr_bytes(&w, pl, n);
	assert_false(w.overflow);
	return w.pos;
}

/* A DHCP client message (RFC 2131 §2), UDP 68 -> 67 without a checksum. */
static size_t dhcp_client(uint8_t *out, const uint8_t mac[6], uint8_t type, uint32_t ciaddr,
			  uint32_t reqip, uint32_t server)
{
	uint8_t b[400];
	struct wr w = wr_init(b, sizeof b);

	wr_u16(&w, DHCP_CLIENT_PORT);
	wr_u16(&w, DHCP_SERVER_PORT);
	wr_u16(&w, 0);                    /* length, patched */
	wr_u16(&w, 0);                    /* no checksum */
	wr_u8(&w, DHCP_BOOTREQUEST);
	wr_u8(&w, DHCP_HTYPE_ETHER);
	wr_u8(&w, 6);
	wr_u8(&w, 0);
	wr_u32(&w, 0x1234abcdu);          /* xid */
	wr_u32(&w, 0);                    /* secs, flags */
	wr_u32(&w, ciaddr);
	wr_u32(&w, 0);
	wr_u32(&w, 0);
	wr_u32(&w, 0);
	wr_bytes(&w, mac, 6);
	for (unsigned i = 0; i < 10 + 64 + 128; i++)
		wr_u8(&w, 0);             /* chaddr padding, sname, file */
	wr_u32(&w, DHCP_MAGIC);
	wr_bytes(&w, (const uint8_t[]){ DHCP_OPT_MSG_TYPE, 1, type }, 3);
	if (reqip) {
		wr_bytes(&w, (const uint8_t[]){ DHCP_OPT_REQUESTED_IP, 4 }, 2);
		wr_u32(&w, reqip);
	}
	if (server) {
		wr_bytes(&w, (const uint8_t[]){ DHCP_OPT_SERVER_ID, 4 }, 2);
		wr_u32(&w, server);
	}
	wr_u8(&w, DHCP_OPT_END);
	assert_false(w.overflow);
	wr_patch_u16(&w, 4, (uint16_t)w.pos);
	return ip_frame(out, mac, ciaddr, ciaddr ? GW : 0xffffffffu, 64, 17, b, w.pos);
}

static void dev_dhcp(const uint8_t mac[6], uint8_t type, uint32_t ciaddr, uint32_t reqip,
		     uint32_t server)
{
	uint8_t f[2048];

	pma_link_frame(W.link, f, dhcp_client(f, mac, type, ciaddr, reqip, server));
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The server reply in W.f: its type; yiaddr and options 1, 3, 6, 51, 54 checked. */
static uint8_t dhcp_reply_check(const uint8_t mac[6], uint32_t *yiaddr)
{
	const uint8_t *b = W.f + ETH_HLEN + TUN_IP4_LEN + DHCP_UDP_LEN, *o;
	uint8_t type = 0;

	assert_true(W.flen > ETH_HLEN + TUN_IP4_LEN + DHCP_UDP_LEN + DHCP_OPT_OFF);
	assert_memory_equal(W.f + 6, PMA_MAC, 6);
	assert_int_equal(b[0], DHCP_BOOTREPLY);
	assert_memory_equal(b + 28, mac, 6);
	*yiaddr = get32(b + 16);
	for (o = b + DHCP_OPT_OFF; *o != DHCP_OPT_END; o += 2 + o[1]) {
		if (o[0] == DHCP_OPT_MSG_TYPE)
			type = o[2];
		else if (o[0] == DHCP_OPT_SERVER_ID || o[0] == DHCP_OPT_ROUTER)
			assert_int_equal(get32(o + 2), GW);
		else if (o[0] == DHCP_OPT_DNS)
			assert_int_equal(get32(o + 2), DNS1);
		else if (o[0] == DHCP_OPT_LEASE)
			assert_int_equal(get32(o + 2), LEASE);
		else if (o[0] == DHCP_OPT_SUBNET_MASK)
			assert_int_equal(get32(o + 2), 0xffffff00u);
	}
	return type;
}

static const struct bnd *ha_bnd(unsigned j, const char *nai)
{
	return bnd_by_nai(ha_bindings(W.h[j].ha), (const uint8_t *)nai, strlen(nai));
}

/* DISCOVER, signalling, OFFER, REQUEST, ACK: the device's HoA. */
static uint32_t bring_up(const uint8_t mac[6])
{
	uint32_t hoa, y;

	dev_dhcp(mac, DHCP_DISCOVER, 0, 0, 0);
	pump();
	take(W.acc);
	assert_int_equal(dhcp_reply_check(mac, &hoa), DHCP_OFFER);
	dev_dhcp(mac, DHCP_REQUEST, 0, hoa, GW);
	take(W.acc);
	assert_int_equal(dhcp_reply_check(mac, &y), DHCP_ACK);
	assert_int_equal(y, hoa);
	return hoa;
}

static const struct pma_link_counters *ctr(void)
{
	return pma_link_counters(W.link);
}

/* DHCP (§4.1.1 step 5, §6.3) */

static void test_dhcp_registers(void **state)
{
	const char *nai = "020000000001@example.net"; /* the default pattern */
	uint32_t hoa, y;

	(void)state;
	setup(false, false);
	dev_dhcp(MAC1, DHCP_DISCOVER, 0, 0, 0);
	assert_int_equal(port_mem_count(W.acc), 0);          /* §4.1.1: not before the reply */
	assert_null(ha_bnd(0, nai));
	hoa = bring_up(MAC1);                                 /* the DISCOVER again */
	assert_non_null(ha_bnd(0, nai));
	assert_int_equal(ha_bnd(0, nai)->hoa, hoa);          /* yiaddr = the HA's HoA */
	assert_int_equal(ha_bnd(0, nai)->coa, PMA_ADDR);
	assert_int_equal(hoa >> 8, 0x0a0a00);
	dev_dhcp(MAC1, DHCP_REQUEST, 0, hoa + 1, GW);         /* another address: NAK */
	take(W.acc);
	assert_int_equal(dhcp_reply_check(MAC1, &y), DHCP_NAK);
	dev_dhcp(MAC1, DHCP_REQUEST, hoa, 0, 0);              /* RENEWING: ciaddr */
	take(W.acc);
	assert_int_equal(dhcp_reply_check(MAC1, &y), DHCP_ACK);
	assert_int_equal(y, hoa);
	dev_dhcp(MAC1, DHCP_REQUEST, 0, hoa, 0x0a0a0001u);   /* chose another server */
	assert_int_equal(port_mem_count(W.acc), 0);
	assert_int_equal(ctr()->dhcp_rx[DHCP_DISCOVER], 2);
	assert_int_equal(ctr()->dhcp_rx[DHCP_REQUEST], 4);
	assert_int_equal(ctr()->dhcp_tx[DHCP_OFFER], 1);       /* one answer to the two */
	assert_int_equal(ctr()->dhcp_tx[DHCP_ACK], 2);
	assert_int_equal(ctr()->dhcp_tx[DHCP_NAK], 1);
	assert_int_equal(ctr()->drop[PL_DROP_DHCP], 1);
	assert_int_equal(ctr()->attach, 1);
}

static void test_device_table(void **state)
{
	char nai[64];
	uint32_t hoa, y;
	struct pma_link_config lc;

	(void)state;
	assert_int_equal(pma_link_nai("%02X%02x-%%@x", MAC1, nai, sizeof nai), 0);
	assert_string_equal(nai, "0200-%@x");
	assert_int_equal(pma_link_nai("%s@x", MAC1, nai, sizeof nai), -1);
	assert_int_equal(pma_link_nai(PL_NAI_PATTERN, MAC1, nai, 8), -1);
	setup(false, false);
	pma_link_config_defaults(&lc);
	lc.nai_pattern = "%d";
	assert_null(pma_link_create(&lc, W.pma, &W.clk, port_mem_port(W.acc),
				    port_mem_port(W.core)));
	assert_int_equal(pma_link_add_device(W.link, MAC2, "dev2@example.net", "001010123",
					     0), 0);
	/* INIT-REBOOT with no session: registers, then ACKs the HoA it asked for */
	dev_dhcp(MAC2, DHCP_REQUEST, 0, 0x0a0a0063u, 0);
	pump();
	take(W.acc);
	assert_int_equal(dhcp_reply_check(MAC2, &y), DHCP_NAK);  /* the HA chose the HoA */
	hoa = bring_up(MAC2);
	assert_non_null(ha_bnd(0, "dev2@example.net"));
	assert_int_equal(ha_bnd(0, "dev2@example.net")->hoa, hoa);
	assert_int_equal(pma_link_hoa(W.link, MAC2, &y), 0);
	assert_int_equal(y, hoa);
	assert_int_equal(pma_link_hoa(W.link, MAC1, &y), -1);
}

/* ARP and ICMP (§6.1, §6.2) */

static size_t arp_frame(uint8_t *out, const uint8_t mac[6], uint32_t spa, uint32_t tpa)
{
	struct arp_pkt a = { ARP_HRD_ETHER, ARP_PRO_IP, 6, 4, ARP_REQUEST, { 0 }, spa,
			     { 0 }, tpa };
	struct wr w = wr_init(out, 128);

	memcpy(a.sha, mac, 6);
	eth_write_hdr(&w, eth_bcast, mac, ETH_P_ARP);
	arp_write(&w, &a);
	return w.pos;
}

static void dev_arp(const uint8_t mac[6], uint32_t spa, uint32_t tpa)
{
	uint8_t f[128];

	pma_link_frame(W.link, f, arp_frame(f, mac, spa, tpa));
}

static void expect_arp_reply(uint32_t tpa, uint32_t hoa)
{
	struct eth_frame f;
	struct arp_pkt a;
	struct mip_err e;

	take(W.acc);
	assert_int_equal(eth_parse(W.f, W.flen, &f, &e), 0);
	assert_memory_equal(f.dst, MAC1, 6);
	assert_int_equal(arp_parse(f.payload, f.payload_len, &a, &e), 0);
	assert_int_equal(a.op, ARP_REPLY);
	assert_memory_equal(a.sha, PMA_MAC, 6);
	assert_int_equal(a.spa, tpa);
	assert_int_equal(a.tpa, hoa);
}

static void dev_ping(const uint8_t mac[6], uint32_t src, uint32_t dst, uint8_t ttl)
{
	uint8_t icmp[12] = { ICMP_ECHO, 0, 0, 0, 0x12, 0x34, 0, 7, 'p', 'i', 'n', 'g' };
	uint8_t f[256];
	uint16_t c = tun_csum(icmp, sizeof icmp);

	icmp[2] = (uint8_t)(c >> 8);
	icmp[3] = (uint8_t)c;
	pma_link_frame(W.link, f, ip_frame(f, mac, src, dst, ttl, ICMP_PROTO, icmp, sizeof icmp));
}

static void test_arp_icmp(void **state)
{
	struct eth_frame f;
	struct tun_ip4 h;
	struct mip_err e;
	uint32_t hoa;

	(void)state;
	setup(false, false);
	dev_arp(MAC1, 0, GW);                         /* before registration: silence */
	assert_int_equal(port_mem_count(W.acc), 0);
	assert_int_equal(ctr()->drop[PL_DROP_UNREGISTERED], 1);
	hoa = bring_up(MAC1);
	dev_arp(MAC1, hoa, GW);
	expect_arp_reply(GW, hoa);
	dev_arp(MAC1, hoa, 0x0a0a0042u);              /* another host on the home prefix */
	expect_arp_reply(0x0a0a0042u, hoa);
	dev_arp(MAC1, 0, hoa);                        /* a duplicate-address probe */
	dev_arp(MAC1, hoa, hoa);                      /* a gratuitous ARP */
	assert_int_equal(port_mem_count(W.acc), 0);
	assert_int_equal(ctr()->drop[PL_DROP_OWN_ADDR], 2);
	assert_int_equal(ctr()->arp_replies, 2);
	dev_ping(MAC1, hoa, GW, 1);                   /* §6.2: the TTL=1 probe */
	take(W.acc);
	assert_int_equal(eth_parse(W.f, W.flen, &f, &e), 0);
	assert_memory_equal(f.dst, MAC1, 6);
	assert_memory_equal(f.src, PMA_MAC, 6);
	assert_int_equal(tun_ip4_parse(f.payload, f.payload_len, &h, &e), 0);
	assert_int_equal(h.src, GW);
	assert_int_equal(h.dst, hoa);
	assert_int_equal(f.payload[TUN_IP4_LEN], ICMP_ECHOREPLY);
	assert_memory_equal(f.payload + TUN_IP4_LEN + 4, "\x12\x34\x00\x07ping", 8);
	assert_int_equal(ctr()->icmp_replies, 1);
	dev_ping(MAC1, hoa, CN, 1);                   /* TTL 1 elsewhere: expires here */
	dev_ping(MAC1, 0x0a0a0099u, CN, 64);          /* not its address */
	assert_int_equal(port_mem_count(W.acc) + port_mem_count(W.core), 0);
	assert_int_equal(ctr()->drop[PL_DROP_TTL], 1);
	assert_int_equal(ctr()->drop[PL_DROP_SPOOFED], 1);
}

/* The tunnel (§4.2) */

static void dev_send(const uint8_t mac[6], uint32_t src, uint32_t dst)
{
	static const uint8_t udp[12] = { 0x30, 0x39, 0x00, 0x35, 0, 12, 0, 0, 'd', 'a', 't', 'a' };
	uint8_t f[256];

	pma_link_frame(W.link, f, ip_frame(f, mac, src, dst, 64, 17, udp, sizeof udp));
}

/* The next core packet, accepted by HA j's ha_fwd_from_mn. */
static void core_to_ha(unsigned j, struct tun_pkt *t)
{
	struct mip_err e;

	take(W.core);
	assert_int_equal(ha_fwd_from_mn(&W.h[j].fw, W.f, W.flen, t, &e), FWD_OK);
	assert_int_equal(t->outer.src, PMA_ADDR);
	assert_int_equal(t->outer.dst, W.h[j].addr);
}

/* HA j tunnels a packet CN -> dst to the PMA: the PMA sends it to the device or not. */
static void ha_to_pma(unsigned j, uint32_t dst)
{
	uint8_t ip[64], out[256];
	struct ha_fwd_out o = { out, sizeof out, 0, 0, 0 };
	struct tun_ip4 h = { .tot_len = 24, .ttl = 30, .proto = 17, .src = CN, .dst = dst };
	struct wr w = wr_init(ip, sizeof ip);
	struct mip_err e;

	tun_ip4_write(&w, &h);
	wr_u32(&w, 0xdeadbeefu);
	assert_int_equal(ha_fwd_to_mn(&W.h[j].fw, ip, w.pos, 0, &o, &e), FWD_OK);
	assert_int_equal(o.next_hop, PMA_ADDR);
	pma_link_core(W.link, out, o.len);
}

/* The frame in W.f: to mac, from the PMA, the inner packet to dst. */
static void expect_delivery(const uint8_t mac[6], uint32_t dst)
{
	struct eth_frame f;
	struct tun_ip4 h;
	struct mip_err e;

	take(W.acc);
	assert_int_equal(eth_parse(W.f, W.flen, &f, &e), 0);
	assert_memory_equal(f.dst, mac, 6);
	assert_memory_equal(f.src, PMA_MAC, 6);
	assert_int_equal(f.type, ETH_P_IP);
	assert_int_equal(tun_ip4_parse(f.payload, f.payload_len, &h, &e), 0);
	assert_int_equal(h.dst, dst);
}

/* HA j relays an accepted device-to-device packet back to the PMA (§4.2.3). */
static void ha_relay(unsigned j, const struct tun_pkt *t)
{
	uint8_t out[256];
	struct ha_fwd_out o = { out, sizeof out, 0, 0, 0 };
	struct mip_err e;

	assert_int_equal(ha_fwd_relay(&W.h[j].fw, t, 0, &o, &e), FWD_OK);
	pma_link_core(W.link, out, o.len);
}

/* A GRE packet from ha with key, for dst, made by hand. */
static void forged(uint32_t ha, uint32_t key, uint32_t dst)
{
	struct tun_ip4 h = { .tot_len = 20, .ttl = 9, .proto = 17, .src = CN, .dst = dst };
	struct tun_params tp = { .kind = TUN_GRE, .src = ha, .dst = PMA_ADDR, .has_key = true,
				 .key = key };
	uint8_t in[64], out[256];
	struct wr w = wr_init(in, sizeof in);
	struct mip_err e;
	size_t n;

	tun_ip4_write(&w, &h);
	assert_int_equal(tun_encap(&tp, in, w.pos, out, sizeof out, &n, &e), 0);
	pma_link_core(W.link, out, n);
}

static void test_ipip(void **state)
{
	struct tun_pkt t;
	uint32_t hoa1, hoa2;

	(void)state;
	setup(false, false);
	dev_send(MAC1, 0x0a0a0005u, CN);              /* before registration: dropped */
	hoa1 = bring_up(MAC1);
	hoa2 = bring_up(MAC2);
	dev_send(MAC1, hoa1, CN);
	core_to_ha(0, &t);
	assert_int_equal(t.kind, TUN_IPIP);           /* the default (§4.2) */
	assert_int_equal(t.inner.src, hoa1);
	assert_int_equal(t.inner.ttl, 63);            /* the PMA routed it */
	ha_to_pma(0, hoa1);
	expect_delivery(MAC1, hoa1);
	ha_to_pma(0, hoa2);
	expect_delivery(MAC2, hoa2);
	/* §4.2.3: device to device goes through the HA, never across the link */
	dev_send(MAC1, hoa1, hoa2);
	assert_int_equal(port_mem_count(W.acc), 0);
	core_to_ha(0, &t);
	assert_int_equal(t.inner.dst, hoa2);
	ha_relay(0, &t);
	expect_delivery(MAC2, hoa2);
	assert_int_equal(ctr()->tun_tx, 2);
	assert_int_equal(ctr()->tun_rx, 3);
	assert_int_equal(ctr()->drop[PL_DROP_UNREGISTERED], 1);
}

static void test_gre(void **state)
{
	struct tun_pkt t;
	uint32_t hoa;
	const struct bnd *b;

	(void)state;
	setup(true, false);
	hoa = bring_up(MAC1);
	b = ha_bnd(0, "020000000001@example.net");
	assert_non_null(b);
	assert_int_not_equal(b->gre_ha, 0);
	dev_send(MAC1, hoa, CN);
	core_to_ha(0, &t);
	assert_int_equal(t.kind, TUN_GRE);
	assert_true(t.gre.has_key);
	assert_int_equal(t.gre.key, b->gre_ha);       /* RFC 6245 §5: the HA's key */
	ha_to_pma(0, hoa);                            /* with the PMA's key */
	expect_delivery(MAC1, hoa);
}

/* Overlapping home addresses: one pool on two HAs, told apart by HA and key. */
static void test_overlapping_hoa(void **state)
{
	struct pma_session_info s1, s2;
	struct tun_pkt t;
	uint32_t hoa1, hoa2;

	(void)state;
	setup(true, true);
	W.any_to = 0;
	hoa1 = bring_up(MAC1);
	W.any_to = 1;
	hoa2 = bring_up(MAC2);
	assert_int_equal(hoa1, hoa2);
	assert_int_equal(pma_session(W.pma, MAC1, &s1), 0);
	assert_int_equal(pma_session(W.pma, MAC2, &s2), 0);
	assert_int_equal(s1.ha, HA1);
	assert_int_equal(s2.ha, HA2);
	assert_int_not_equal(s1.gre_pma, s2.gre_pma);
	ha_to_pma(0, hoa1);
	expect_delivery(MAC1, hoa1);
	assert_int_equal(port_mem_count(W.acc), 0);
	ha_to_pma(1, hoa2);
	expect_delivery(MAC2, hoa2);
	assert_int_equal(port_mem_count(W.acc), 0);
	dev_send(MAC1, hoa1, CN);
	core_to_ha(0, &t);
	dev_send(MAC2, hoa2, CN);
	core_to_ha(1, &t);
	forged(HA2, s1.gre_pma, hoa1);                 /* HA2 with device 1's key: nobody's */
	assert_int_equal(port_mem_count(W.acc), 0);
	assert_int_equal(ctr()->drop[PL_DROP_NO_DEVICE], 1);
}

/* Each device at its own HA (pma_device.ha), no discovery: the same home address from
 * both, one tunnel each (RFC 5563 §4.2, RFC 6245 §5). */
static void test_device_own_ha(void **state)
{
	struct pma_session_info s1, s2;

	(void)state;
	setup(true, true);
	W.any_to = 2; /* a discovery request would reach no HA */
	assert_int_equal(pma_link_add_device(W.link, MAC1, "d1@example.net", NULL, HA1), 0);
	assert_int_equal(pma_link_add_device(W.link, MAC2, "d2@example.net", NULL, HA2), 0);
	assert_int_equal(bring_up(MAC1), bring_up(MAC2));
	assert_non_null(ha_bnd(0, "d1@example.net"));
	assert_null(ha_bnd(1, "d1@example.net"));
	assert_non_null(ha_bnd(1, "d2@example.net"));
	assert_null(ha_bnd(0, "d2@example.net"));
	assert_int_equal(pma_session(W.pma, MAC1, &s1), 0);
	assert_int_equal(pma_session(W.pma, MAC2, &s2), 0);
	assert_int_equal(s1.ha, HA1);
	assert_int_equal(s2.ha, HA2);
	assert_int_not_equal(s1.gre_pma, s2.gre_pma);
	ha_to_pma(1, s2.hoa);
	expect_delivery(MAC2, s2.hoa);
	assert_int_equal(port_mem_count(W.acc), 0);
}

/* Release and lease expiry (§6.3) */

static void test_release(void **state)
{
	uint32_t hoa;

	(void)state;
	setup(false, false);
	hoa = bring_up(MAC1);
	assert_non_null(ha_bnd(0, "020000000001@example.net"));
	dev_dhcp(MAC1, DHCP_RELEASE, hoa, 0, GW);
	pump();
	assert_null(ha_bnd(0, "020000000001@example.net"));
	assert_int_equal(pma_session_count(W.pma), 0);
	assert_int_equal(ctr()->detach, 1);
	dev_arp(MAC1, hoa, GW);
	assert_int_equal(port_mem_count(W.acc), 0);
}

static void test_lease_expiry(void **state)
{
	(void)state;
	setup(false, false);
	bring_up(MAC1);
	assert_int_equal(pma_link_next_due(W.link), T0 + LEASE * NS);
	advance(LEASE * NS - 1);
	assert_non_null(ha_bnd(0, "020000000001@example.net"));
	advance(1);
	assert_null(ha_bnd(0, "020000000001@example.net"));
	assert_int_equal(ctr()->lease_expired, 1);
	assert_int_equal(pma_session_count(W.pma), 0);
	assert_int_equal(pma_link_next_due(W.link), UINT64_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_dhcp_registers, teardown),
		cmocka_unit_test_teardown(test_device_table, teardown),
		cmocka_unit_test_teardown(test_arp_icmp, teardown),
		cmocka_unit_test_teardown(test_ipip, teardown),
		cmocka_unit_test_teardown(test_gre, teardown),
		cmocka_unit_test_teardown(test_overlapping_hoa, teardown),
		cmocka_unit_test_teardown(test_device_own_ha, teardown),
		cmocka_unit_test_teardown(test_release, teardown),
		cmocka_unit_test_teardown(test_lease_expiry, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
