/* fuzz_pma.c — libFuzzer target for the reference PMA's input paths: datagrams from the
 * HA side (replies, revocations, Acks to its own revocations) into a live struct pma
 * (pma.h), and frames from the access link and tunnelled packets from the core into its
 * struct pma_link (pma_link.h), over in-memory I/O on a virtual clock moved between
 * them so that retransmission, renewal, lifetime and lease timers fire.  The input
 * format is fuzz_records.h; every PMA runs fresh, so an input replays the same.
 *
 * Records: a datagram comes from the HA (OP_FROM 0), the second HA (1), the HA from
 * another port (2) or a stranger (3).  The harness signs it with the FA-HA SA the PMA
 * has (OP_SIGN_FAHA) or with the MN-HA key of the device (OP_SIGN_MNHA); OP_FRESH puts
 * in the Identification of the PMA's last request (RRP) or a fresh revocation
 * identifier (Revocation); OP_LINK the home address it asked for (RRP: 10.10.0.5 when it
 * asked for 0.0.0.0) and for an Ack the identifier of its own last Revocation.
 * OP_ALT makes the record a frame or packet instead: OP_SIGN bits 0 an access-link frame,
 * 1 the same from device OP_FROM's MAC (and with OP_LINK its home address as IPv4
 * source), 2 an outer IPv4 packet from the core, 3 the same from the HA to the PMA;
 * OP_FRESH fixes the IPv4 header checksum.  With no access link (header byte 3 bit 0,
 * a PMA given no --access) OP_ALT attaches device OP_FROM (OP_SIGN bit 0 clear) or
 * detaches it.
 *
 * Header: byte 0 options (below), byte 1 one fault (0 = none, else fault N-1), byte 2
 * one variant (likewise), byte 3 more options.
 *
 * Oracles, besides the sanitizers: with no fault on, everything the PMA sends to the HA
 * decodes and its authenticators verify with the SAs it was given.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "eth.h"
#include "fuzz_agent.h"
#include "fuzz_records.h"
#include "io_mem.h"
#include "mip.h"
#include "pma.h"
#include "pma_link.h"
#include "port.h"
#include "tun.h"

#define HA1 0xc0000201u       /* 192.0.2.1 */
#define HA2 0xc0000202u
#define HA_ANY 0xc0000264u    /* where discovery requests go */
#define PMA_ADDR 0xc000020au  /* 192.0.2.10 */
#define STRANGER 0xc6336407u
#define GW 0x0a0a00feu
#define HOA_GIVEN 0x0a0a0005u /* 10.10.0.5 */
#define T0_NS (1700000000ull * 1000000000ull)
#define N_DEV 4

/* Header byte 0. */
#define H0_GRE 0x01
#define H0_PER_MN 0x02       /* with no access link only */
#define H0_REV_OFF 0x04
#define H0_REV_I 0x08
#define H0_REVOKE_ON_DETACH 0x10
#define H0_DISCOVERY 0x20
#define H0_NO_REVERSE 0x40
#define H0_IDS 0x80           /* 147/1-4 sent */
/* Header byte 3. */
#define H3_NO_LINK 0x01
#define H3_FEW_TRIES 0x02
#define H3_SHORT_LIFE 0x04

static const uint8_t key_fa[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
static const uint8_t key_mn[16] = { 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 1 };
static const uint8_t pma_mac[6] = { 0x02, 0, 0, 0, 0, 0xfe };
static const uint32_t sources[4] = { HA1, HA2, HA1, STRANGER }; /* OP_FROM; 2: port 4434 */

/* The devices: two known to the link (one at its own HA), one by the NAI pattern, one
 * with mn1's NAI on another interface; each with the per-MN key. */
#define MN_KEY { 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 1 }, 16
static const struct pma_device devices[N_DEV] = {
	{ { 2, 0, 0, 0, 0, 1 }, "mn1@example.net", "wlan0", "001010123456789", MN_KEY, 0 },
	{ { 2, 0, 0, 0, 0, 2 }, "mn2@example.net", "wlan0", "", MN_KEY, HA2 },
	{ { 2, 0, 0, 0, 0, 3 }, "020000000003@example.net", "wlan0", "", MN_KEY, 0 },
	{ { 2, 0, 0, 0, 0, 4 }, "mn1@example.net", "wlan1", "", MN_KEY, 0 },
};

struct world {
	struct clk_virtual vc;
	struct clk clk;
	struct io_mem *mem;
	struct port_mem *acc, *core;
	struct pma *pma;
	struct pma_link *link;   /* NULL: signalling only */
	struct pma_config cfg;
	struct mip_sa mn;        /* the MN-HA SA of device 0 */
	bool faulty;
	uint8_t rrq[MIP_RRQ_LEN]; /* the fixed part of the PMA's last request */
	bool have_rrq;
	uint8_t rev[MIP_REV_LEN]; /* of its last Revocation */
	bool have_rev;
	uint32_t last_revid;
};

static struct world W;

static void pma_log(void *arg, const char *msg)
{
	(void)arg;
	fz_log_sink(msg);
}

static void setup(const uint8_t *h)
{
	struct pma_link_config lc;
	struct pma_config *c = &W.cfg;

	memset(&W, 0, sizeof W);
	W.vc = (struct clk_virtual){ T0_NS, 7 };
	W.clk = clk_virtual(&W.vc);
	pma_config_defaults(c);
	c->addr = PMA_ADDR;
	c->ha = h[0] & H0_DISCOVERY ? 0 : HA1;
	c->ha_dst = HA_ANY;
	c->sa = (struct mip_sa){ .spi = 256, .alg = AUTH_HMAC_MD5, .kind = AUTH_KIND_FAHA,
				 .kind_given = true, .match = AUTH_MATCH_ANY, .key_len = 16 };
	memcpy(c->sa.key, key_fa, 16);
	W.mn = c->sa;
	W.mn.spi = 300;
	W.mn.kind = AUTH_KIND_MNHA;
	memcpy(W.mn.key, key_mn, 16);
	/* The link knows no per-MN keys: as in the tester's reference PMA, devices with
	 * keys are attached by hand. */
	if (h[0] & H0_PER_MN && h[3] & H3_NO_LINK) {
		c->per_mn = true;
		c->sa = W.mn;
	}
	c->gre = h[0] & H0_GRE;
	c->revocation = !(h[0] & H0_REV_OFF);
	c->revocation_i = h[0] & H0_REV_I;
	c->revoke_on_detach = h[0] & H0_REVOKE_ON_DETACH;
	c->reverse_tunnel = !(h[0] & H0_NO_REVERSE);
	if (h[0] & H0_IDS) {
		c->acctech = 4;
		c->send_ifid = c->send_subid = true;
	}
	if (h[1] % (PMA_FAULT_COUNT + 1)) {
		bitset_add(&c->faults, h[1] % (PMA_FAULT_COUNT + 1) - 1);
		W.faulty = true;
	}
	if (h[2] % (PMA_VAR_COUNT + 1))
		bitset_add(&c->variants, h[2] % (PMA_VAR_COUNT + 1) - 1);
	if (h[3] & H3_FEW_TRIES)
		c->max_tries = 2;
	if (h[3] & H3_SHORT_LIFE) {
		c->lifetime = 60;
		c->renew_pct = 50;
	}
	W.mem = io_mem_create();
	W.pma = pma_create(c, &W.clk, io_mem_io(W.mem));
	if (!W.mem || !W.pma)
		abort();
	pma_set_log(W.pma, pma_log, NULL);
	if (h[3] & H3_NO_LINK)
		return;
	W.acc = port_mem_create();
	W.core = port_mem_create();
	pma_link_config_defaults(&lc);
	memcpy(lc.mac, pma_mac, 6);
	lc.core_addr = PMA_ADDR;
	lc.gateway = GW;
	lc.dns[lc.n_dns++] = 0x08080808u;
	lc.lease_s = 600;
	lc.ifid = "wlan0";
	W.link = pma_link_create(&lc, W.pma, &W.clk, port_mem_port(W.acc), port_mem_port(W.core));
	if (!W.acc || !W.core || !W.link)
		abort();
	for (unsigned i = 0; i < 2; i++)
		if (pma_link_add_device(W.link, devices[i].mac, devices[i].nai,
					devices[i].imsi[0] ? devices[i].imsi : NULL,
					devices[i].ha) < 0)
			abort();
}

static void teardown(void)
{
	pma_link_destroy(W.link);
	pma_destroy(W.pma);
	io_mem_destroy(W.mem);
	port_mem_destroy(W.acc);
	port_mem_destroy(W.core);
}

static void drain_port(struct port_mem *m)
{
	struct port_mem_pkt p;

	while (m && port_mem_pop(m, &p) == 0)
		free(p.buf);
}

/* A datagram the PMA sent: learn what the HA would answer; whether its authenticators
 * verify. */
static bool sent(const uint8_t *buf, size_t len, const struct mip_msg *m)
{
	if (m->type == MIP_RRQ && len >= MIP_RRQ_LEN) {
		memcpy(W.rrq, buf, MIP_RRQ_LEN);
		W.have_rrq = true;
	} else if (m->type == MIP_REV && len >= MIP_REV_LEN) {
		memcpy(W.rev, buf, MIP_REV_LEN);
		W.have_rev = true;
	}
	return fz_sent_auth_ok(buf, len, m, MIP_EXT_MNHA, &W.mn) &&
	       (W.cfg.per_mn || fz_sent_auth_ok(buf, len, m, MIP_EXT_FAHA, &W.cfg.sa));
}

static void drain(void);

static uint64_t next_due(void)
{
	uint64_t due = pma_next_due(W.pma);

	if (W.link && pma_link_next_due(W.link) < due)
		due = pma_link_next_due(W.link);
	return due;
}

static void tick(void)
{
	pma_tick(W.pma);
	if (W.link)
		pma_link_tick(W.link);
	drain();
}

/* The home address the PMA's last request asked for, or the one the HA would give. */
static uint32_t hoa_asked(void)
{
	uint32_t hoa = (uint32_t)W.rrq[4] << 24 | (uint32_t)W.rrq[5] << 16 |
		       (uint32_t)W.rrq[6] << 8 | W.rrq[7];

	return hoa ? hoa : HOA_GIVEN;
}

/* The fixes of OP_FRESH and OP_LINK on the bytes of a message from the HA side. */
static void fix(uint8_t op, uint8_t *b, size_t len)
{
	if (b[0] == MIP_RRP && len >= MIP_RRP_LEN) {
		if (op & OP_LINK && W.have_rrq) {
			fz_put(b + 4, hoa_asked(), 4);
			memcpy(b + 8, W.rrq + 8, 4); /* Home Agent */
		}
		if (op & OP_FRESH && W.have_rrq)
			memcpy(b + 12, W.rrq + 16, 8); /* Identification */
	} else {
		fz_fix_rev(op, b, len, W.have_rrq ? hoa_asked() : 0, W.vc.now_ns, &W.last_revid,
			   W.have_rev ? W.rev : NULL);
	}
}

static void datagram(uint8_t op, const uint8_t *body, size_t n)
{
	static uint8_t buf[MIP_MSG_MAX];
	unsigned from = (op & OP_FROM_MASK) >> OP_FROM_SHIFT;
	struct udp_ends e = { sources[from], PMA_ADDR, from == 2 ? 4434 : MIP_PORT, MIP_PORT };
	size_t len = n;

	memcpy(buf, body, n);
	if (n)
		fix(op, buf, n);
	fz_sign_op(op, buf, &len, sizeof buf, &W.mn, &W.cfg.sa);
	pma_input(W.pma, &e, buf, len);
	drain();
}

static void ip_csum(uint8_t *ip, size_t len)
{
	size_t hl = (size_t)(ip[0] & 15) * 4;

	if (hl < TUN_IP4_LEN || hl > len)
		return;
	ip[10] = ip[11] = 0;
	fz_put(ip + 10, tun_csum(ip, hl), 2);
}

/* A frame or packet (OP_ALT), or with no link a device attached or detached. */
static void frame(uint8_t op, const uint8_t *body, size_t n)
{
	static uint8_t buf[65536];
	const struct pma_device *dev = &devices[(op & OP_FROM_MASK) >> OP_FROM_SHIFT];
	uint32_t hoa;

	if (!W.link) {
		if (op & 1)
			pma_detach(W.pma, dev->mac);
		else if (pma_attach(W.pma, dev) < 0)
			abort();
		drain();
		return;
	}
	memcpy(buf, body, n);
	if (!(op & OP_SIGN_MNHA)) { /* sign bits 0, 1: the access link */
		if (op & OP_SIGN_FAHA && n >= ETH_HLEN)
			memcpy(buf + 6, dev->mac, 6);
		if (op & OP_SIGN_FAHA && op & OP_LINK && n >= ETH_HLEN + TUN_IP4_LEN &&
		    pma_link_hoa(W.link, dev->mac, &hoa) == 0)
			fz_put(buf + ETH_HLEN + 12, hoa, 4);
		if (op & OP_FRESH && n >= ETH_HLEN)
			ip_csum(buf + ETH_HLEN, n - ETH_HLEN);
		pma_link_frame(W.link, buf, n);
	} else { /* 2, 3: the core */
		if (op & OP_SIGN_FAHA && n >= TUN_IP4_LEN) {
			fz_put(buf + 12, HA1, 4);
			fz_put(buf + 16, PMA_ADDR, 4);
		}
		if (op & OP_FRESH)
			ip_csum(buf, n);
		pma_link_core(W.link, buf, n);
	}
	drain();
}

static void record(uint8_t op, const uint8_t *b, size_t n)
{
	if (op & OP_ALT)
		frame(op, b, n);
	else
		datagram(op, b, n);
}

static void report(void)
{
	const struct pma_counters *c = pma_counters(W.pma);

	fprintf(stderr, "tx rrq %lu rev %lu; rx rrp %lu rev %lu revack %lu; sessions %u "
		"revoked %lu rev-acked %lu retransmits %lu dropped %lu\n",
		(unsigned long)c->tx[MIP_RRQ], (unsigned long)c->tx[MIP_REV],
		(unsigned long)c->rx[MIP_RRP], (unsigned long)c->rx[MIP_REV],
		(unsigned long)c->rx[MIP_REVACK], pma_session_count(W.pma),
		(unsigned long)c->revoked, (unsigned long)c->rev_acked,
		(unsigned long)c->retransmits, (unsigned long)c->dropped);
	if (W.link) {
		const struct pma_link_counters *l = pma_link_counters(W.link);

		fprintf(stderr, "link: attach %lu arp %lu icmp %lu tun tx %lu rx %lu "
			"dhcp tx offer %lu ack %lu; drops:", (unsigned long)l->attach,
			(unsigned long)l->arp_replies, (unsigned long)l->icmp_replies,
			(unsigned long)l->tun_tx, (unsigned long)l->tun_rx,
			(unsigned long)l->dhcp_tx[2], (unsigned long)l->dhcp_tx[5]);
		for (unsigned i = 0; i < PL_DROP_COUNT; i++)
			if (l->drop[i])
				fprintf(stderr, " %s %lu", pl_drop_name(i),
					(unsigned long)l->drop[i]);
		fputc('\n', stderr);
	}
}

static const struct fz_agent agent = {
	&W.vc, setup, record, next_due, tick, sent, report, teardown,
};

/* Take everything the PMA sent, and the frames and packets out of the link. */
static void drain(void)
{
	fz_agent_take(&agent, W.mem, !W.faulty);
	drain_port(W.acc);
	drain_port(W.core);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fz_agent_input(&agent, data, size);
}
