/* write_corpus.c — write the seed corpus of a fuzz target into DIR:
 *   write_corpus decode DIR   each golden message of tests/unit/golden.h
 *   write_corpus ha DIR       datagram sequences of fuzz_ha (fuzz_records.h): per-node
 *                             and per-MN registrations, renewal, deregistration,
 *                             handover with the HA's revocation and its Ack, a PMA's
 *                             revocation, GRE keys, nonces, expiry, redirection
 *   write_corpus pma DIR      the same for fuzz_pma: a device attached, the HA's replies
 *                             (accept, 133, 149, redirect), its revocation, the Ack to
 *                             the PMA's own, DHCP on the access link, tunnelled packets
 * The other targets are seeded from files (tools/fuzz).
 */
#include <stdio.h>
#include <string.h>

#include "arp.h"
#include "dhcp.h"
#include "eth.h"
#include "fuzz_records.h"
#include "golden.h"
#include "mip.h"
#include "prrq.h"
#include "tun.h"
#include "wire.h"

#define HA_ADDR 0xc0000201u
#define PMA1 0xc000020au
#define HOA 0x0a0a0001u
#define HA2 0xc0000202u
#define GW 0x0a0a00feu
#define CN 0xc6336401u

struct seed {
	uint8_t b[16384];
	size_t n;
};

static const char *dir;
static struct seed S;

static int put_file(const char *name, const uint8_t *b, size_t n)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(b, 1, n, f) != n || fclose(f) != 0) {
		perror(path);
		return -1;
	}
	return 0;
}

static void hdr(uint8_t h0, uint8_t h1, uint8_t h2, uint8_t h3)
{
	S.n = 0;
	S.b[S.n++] = h0;
	S.b[S.n++] = h1;
	S.b[S.n++] = h2;
	S.b[S.n++] = h3;
}

static void clock_op(uint8_t step, uint8_t times)
{
	S.b[S.n++] = OP_CLOCK | (uint8_t)(times - 1) << 3 | step;
}

static void rec(uint8_t op, const uint8_t *b, size_t n)
{
	if (S.n + 3 + n > sizeof S.b)
		return;
	S.b[S.n++] = op;
	S.b[S.n++] = (uint8_t)(n >> 8);
	S.b[S.n++] = (uint8_t)n;
	if (n)
		memcpy(S.b + S.n, b, n);
	S.n += n;
}

/* Encode m and add it as a record. */
static void rec_msg(uint8_t op, const struct mip_msg *m)
{
	uint8_t buf[2048];
	size_t n;

	if (mip_encode(m, buf, sizeof buf, &n, NULL) == 0)
		rec(op, buf, n);
}

/* A proxy RRQ (unsigned: the harness signs it) from coa with the extensions of q. */
static void rec_rrq(uint8_t op, const struct prrq *q, uint8_t flags, uint16_t lifetime,
		    uint32_t ha, uint32_t coa)
{
	static struct mip_msg m;

	mip_msg_init(&m, MIP_RRQ);
	m.flags = flags;
	m.lifetime = lifetime;
	m.ha = ha;
	m.coa = coa;
	prrq_exts(&m, q);
	rec_msg(op, &m);
}

/* A Revocation (RFC 3543 §3.3) or its Ack with an NAI. */
static void rec_rev(uint8_t op, uint8_t type, uint16_t rflags, uint32_t hda, uint32_t fda)
{
	static struct mip_msg m;
	struct mip_ext *x;

	mip_msg_init(&m, type);
	m.hoa = HOA;
	m.ha = hda;
	m.coa = fda;
	m.rflags = rflags;
	m.revid = 1;
	x = mip_ext_add(&m, MIP_EXT_NAI, 0);
	x->v.bytes.p = (const uint8_t *)"mn1@example.net";
	x->v.bytes.len = 15;
	rec_msg(op, &m);
}

/* The IPv4 header checksum of the packet at p. */
static void csum_patch(uint8_t *p, size_t n)
{
	uint16_t c;

	if (n < TUN_IP4_LEN)
		return;
	p[10] = p[11] = 0;
	c = tun_csum(p, TUN_IP4_LEN);
	p[10] = (uint8_t)(c >> 8);
	p[11] = (uint8_t)c;
}

static int done(const char *name)
{
	return put_file(name, S.b, S.n);
}

#define FROM(i) ((uint8_t)((i) << OP_FROM_SHIFT))
#define REG (OP_SIGN_FAHA | OP_FRESH)

static int ha_seeds(void)
{
	const struct prrq pn = { .nai = "mn1@example.net", .pernode = true, .acctech = 4,
				 .rev = true, .rev_ts = 1 };
	const struct prrq pn_norev = { .nai = "mn1@example.net", .pernode = true };
	const struct prrq gre = { .nai = "mn1@example.net", .pernode = true, .gre = true,
				  .gre_key = 0x1234 };
	const struct prrq mn = { .nai = "mn1@example.net", .rev = true, .rev_ts = 1 };
	int rc = 0;

	hdr(0, 0, 0, 0);
	rec_rrq(REG, &pn, MIP_F_T, 300, HA_ADDR, PMA1);
	clock_op(2, 1);
	rec_rrq(REG | OP_LINK, &pn, MIP_F_T, 300, HA_ADDR, PMA1);
	clock_op(5, 2);
	rec_rrq(REG | OP_LINK, &pn, MIP_F_T, 0, HA_ADDR, PMA1);
	clock_op(6, 1);
	rc |= done("ha-pernode");

	hdr(0, 0, 0, 0);
	rec_rrq(REG, &pn, MIP_F_T, 300, HA_ADDR, PMA1);
	rec_rrq(REG | FROM(1) | OP_LINK, &pn, MIP_F_T, 300, HA_ADDR, PMA1 + 1);
	clock_op(2, 1);
	clock_op(2, 2);
	rec_rev(OP_SIGN_FAHA | OP_LINK, MIP_REVACK, 0, 0, 0);
	clock_op(7, 1);
	rc |= done("ha-handover");

	hdr(1, 0, 0, 0); /* the I bit asked for */
	rec_rrq(REG, &pn, MIP_F_T, 300, HA_ADDR, PMA1);
	rec_rev(OP_SIGN_FAHA | OP_FRESH | OP_LINK, MIP_REV, MIP_REV_I, HA_ADDR, PMA1);
	clock_op(3, 1);
	rc |= done("ha-pma-revocation");

	hdr(0, 0, 0, 0);
	rec_rrq(OP_SIGN_MNHA | OP_FRESH, &mn, MIP_F_T, 300, HA_ADDR, PMA1);
	rec_rrq(OP_SIGN_BOTH | OP_FRESH | OP_LINK, &mn, MIP_F_T, 300, HA_ADDR, PMA1);
	clock_op(4, 2);
	rc |= done("ha-per-mn");

	hdr(0, 0, 0, 0);
	rec_rrq(REG, &gre, MIP_F_T | MIP_F_G, 300, HA_ADDR, PMA1);
	rec_rrq(REG | OP_LINK, &gre, MIP_F_T | MIP_F_G, 0, HA_ADDR, PMA1);
	rc |= done("ha-gre");

	hdr(1 << 4, 0, 0, 0); /* nonces: the first gets 133 and the HA's nonce */
	rec_rrq(REG, &pn_norev, MIP_F_T, 300, HA_ADDR, PMA1);
	rec_rrq(REG, &pn_norev, MIP_F_T, 300, HA_ADDR, PMA1);
	rc |= done("ha-nonce");

	hdr(0, 0, 0, 0x20); /* lifetimes cut to 60 s: expiry */
	rec_rrq(REG, &pn_norev, MIP_F_T | MIP_F_S, 600, HA_ADDR, PMA1);
	clock_op(5, 2);
	rc |= done("ha-expiry");

	hdr(0, 0, 0, 0x02 | 0x10); /* redirection (RFC 4433), broadcast */
	rec_rrq(REG, &pn_norev, MIP_F_T, 300, 0xffffffffu, PMA1);
	rec_rrq(REG | OP_ALT, &pn_norev, MIP_F_T, 300, 0, PMA1);
	rc |= done("ha-redirect");

	hdr(0, 0, 0, 0);
	rec(OP_SIGN_NONE, golden_pmip_rrq, sizeof golden_pmip_rrq);
	rec(OP_SIGN_FAHA | FROM(3), golden_pmip_rrq, 51);
	rc |= done("ha-raw");
	return rc;
}

/* The HA's reply to the PMA's request (the harness puts in its Identification and home
 * address): code, lifetime, the NAI, 47/1 and 137 echoed, and a GRE key when asked. */
static void rec_rrp(uint8_t op, uint8_t code, uint16_t lifetime, uint32_t gre_key,
		    uint32_t redirect)
{
	static struct mip_msg m;
	const struct prrq q = { .nai = "mn1@example.net", .pernode = true, .rev = true,
				.rev_ts = 1, .gre = gre_key != 0, .gre_key = gre_key };
	struct mip_ext *x;

	mip_msg_init(&m, MIP_RRP);
	m.code = code;
	m.lifetime = lifetime;
	m.ha = HA_ADDR;
	prrq_exts(&m, &q);
	if (redirect) {
		x = mip_ext_add(&m, MIP_EXT_DYNHA, MIP_DYNHA_REDIRECTED);
		x->v.dynha.ha = redirect;
	}
	rec_msg(op, &m);
}

static const uint8_t pma_mac[6] = { 2, 0, 0, 0, 0, 0xfe };
static const uint8_t dev_mac[6] = { 2, 0, 0, 0, 0, 1 };

/* An IPv4 packet src -> dst of protocol proto around pl (checksum left to OP_FRESH). */
static void ip_pkt(struct wr *w, uint32_t src, uint32_t dst, uint8_t proto, const uint8_t *pl,
		   size_t n)
{
	struct tun_ip4 h = { .tot_len = (uint16_t)(TUN_IP4_LEN + n), .ttl = 64, .proto = proto,
			     .src = src, .dst = dst, .id = 1 };

	tun_ip4_write(w, &h);
	wr_bytes(w, pl, n);
}

/* An access-link frame from the device (OP_ALT, its MAC put in by the harness). */
static void rec_frame(uint8_t op, uint16_t type, const uint8_t *pl, size_t n)
{
	uint8_t b[1024];
	struct wr w = wr_init(b, sizeof b);

	eth_write_hdr(&w, type == ETH_P_ARP ? eth_bcast : pma_mac, dev_mac, type);
	wr_bytes(&w, pl, n);
	rec(OP_ALT | OP_SIGN_FAHA | op, b, w.pos);
}

/* A DHCP client message of type (RFC 2131 §2) in an IPv4 frame. */
static void rec_dhcp(uint8_t op, uint8_t type)
{
	uint8_t udp[400], ip[500];
	struct wr u = wr_init(udp, sizeof udp), w = wr_init(ip, sizeof ip);

	wr_u16(&u, DHCP_CLIENT_PORT);
	wr_u16(&u, DHCP_SERVER_PORT);
	wr_u16(&u, 0);
	wr_u16(&u, 0);
	wr_u8(&u, 1);                     /* BOOTREQUEST */
	wr_u8(&u, DHCP_HTYPE_ETHER);
	wr_u8(&u, 6);
	wr_u8(&u, 0);
	wr_u32(&u, 0x1234abcdu);
	for (unsigned i = 0; i < 5; i++)
		wr_u32(&u, 0);            /* secs, flags, ciaddr, yiaddr, siaddr, giaddr */
	wr_bytes(&u, dev_mac, 6);
	for (unsigned i = 0; i < 10 + 64 + 128; i++)
		wr_u8(&u, 0);
	wr_u32(&u, DHCP_MAGIC);
	wr_bytes(&u, (const uint8_t[]){ 53, 1, type, 255 }, 4);
	wr_patch_u16(&u, 4, (uint16_t)u.pos);
	ip_pkt(&w, 0, 0xffffffffu, 17, udp, u.pos);
	rec_frame(op | OP_FRESH, ETH_P_IP, ip, w.pos);
}

/* Frames of a registered device: an ARP request for the gateway, an echo request to it,
 * a packet to a correspondent (reverse-tunnelled). */
static void rec_traffic(void)
{
	static const uint8_t echo[8] = { 8, 0, 0xf7, 0xfe, 0, 1, 0, 0 };
	struct arp_pkt a = { ARP_HRD_ETHER, ARP_PRO_IP, 6, 4, ARP_REQUEST, { 2, 0, 0, 0, 0, 1 },
			     0x0a0a0005u, { 0 }, GW };
	uint8_t b[200];
	struct wr w = wr_init(b, sizeof b);

	arp_write(&w, &a);
	rec_frame(0, ETH_P_ARP, b, w.pos);
	w = wr_init(b, sizeof b);
	ip_pkt(&w, 0, GW, 1, echo, sizeof echo);
	rec_frame(OP_LINK | OP_FRESH, ETH_P_IP, b, w.pos);
	w = wr_init(b, sizeof b);
	ip_pkt(&w, 0, CN, 1, echo, sizeof echo);
	rec_frame(OP_LINK | OP_FRESH, ETH_P_IP, b, w.pos);
}

/* An IP-in-IP (or GRE with key) packet from the HA to the device's home address. */
static void rec_core(uint32_t gre_key)
{
	static const uint8_t echo[8] = { 0, 0, 0xff, 0xfe, 0, 1, 0, 0 };
	uint8_t inner[100], b[200];
	struct wr w = wr_init(inner, sizeof inner);
	struct tun_params tp = { .kind = gre_key ? TUN_GRE : TUN_IPIP, .src = HA_ADDR,
				 .dst = PMA1, .has_key = gre_key != 0, .key = gre_key };
	size_t n;

	ip_pkt(&w, CN, 0x0a0a0005u, 1, echo, sizeof echo);
	csum_patch(inner, w.pos);
	if (tun_encap(&tp, inner, w.pos, b, sizeof b, &n, NULL) == 0)
		rec(OP_ALT | OP_SIGN_BOTH, b, n);
}

#define ATTACH(dev) rec(OP_ALT | FROM(dev), NULL, 0)
#define DETACH(dev) rec(OP_ALT | FROM(dev) | 1, NULL, 0)
#define REPLY (OP_SIGN_FAHA | OP_FRESH | OP_LINK)
#define NO_LINK 0x01 /* header byte 3: signalling only */

static int pma_seeds(void)
{
	int rc = 0;

	hdr(0, 0, 0, NO_LINK);
	ATTACH(0);
	rec_rrp(REPLY, 0, 300, 0, 0);
	clock_op(5, 4); /* past the renewal point */
	rec_rrp(REPLY, 0, 300, 0, 0);
	DETACH(0);
	rec_rrp(REPLY, 0, 0, 0, 0);
	clock_op(7, 1);
	rc |= done("pma-accept");

	hdr(0, 0, 0, NO_LINK);
	ATTACH(0);
	rec_rrp(REPLY, 133, 0, 0, 0);
	clock_op(2, 1);
	rec_rrp(REPLY, 0, 300, 0, 0);
	ATTACH(1);
	rec_rrp(REPLY | FROM(1), 149, 0, 0, 0);
	ATTACH(2);
	rec_rrp(REPLY, 131, 0, 0, 0);
	rc |= done("pma-denied");

	hdr(0x20, 0, 0, NO_LINK); /* discovery, redirected (RFC 4433) */
	ATTACH(0);
	rec_rrp(REPLY | FROM(1), 143, 0, 0, HA2);
	rec_rrp(REPLY | FROM(1), 0, 300, 0, 0);
	rc |= done("pma-redirect");

	hdr(0, 0, 0, NO_LINK);
	ATTACH(0);
	rec_rrp(REPLY, 0, 300, 0, 0);
	rec_rev(OP_SIGN_FAHA | OP_FRESH | OP_LINK, MIP_REV, MIP_REV_A, HA_ADDR, PMA1);
	ATTACH(3);
	rec_rrp(REPLY, 0, 300, 0, 0);
	rec_rev(OP_SIGN_FAHA | OP_FRESH | OP_LINK, MIP_REV, MIP_REV_A | MIP_REV_I, HA_ADDR, PMA1);
	rc |= done("pma-revoked");

	hdr(0x10, 0, 0, NO_LINK); /* revoke on detach: the PMA's own revocation */
	ATTACH(0);
	rec_rrp(REPLY, 0, 300, 0, 0);
	DETACH(0);
	clock_op(2, 1);
	rec_rev(OP_SIGN_FAHA | OP_LINK, MIP_REVACK, 0, 0, 0);
	rc |= done("pma-own-revocation");

	hdr(0, 0, 0, NO_LINK | 0x02 | 0x04); /* two tries, short lifetimes */
	ATTACH(0);
	clock_op(2, 1);
	clock_op(3, 2);
	ATTACH(0);
	rec_rrp(REPLY, 0, 60, 0, 0);
	clock_op(5, 2);
	rc |= done("pma-retransmit");

	hdr(0x02, 0, 0, NO_LINK); /* per-MN MN-HA */
	ATTACH(0);
	rec_rrp(OP_SIGN_MNHA | OP_FRESH | OP_LINK, 0, 300, 0, 0);
	rc |= done("pma-per-mn");

	hdr(0, 0, 0, 0);
	rec_dhcp(0, 1);          /* DISCOVER */
	rec_rrp(REPLY, 0, 300, 0, 0);
	rec_dhcp(0, 3);          /* REQUEST */
	rec_traffic();
	rec_core(0);
	clock_op(7, 1);
	rec_dhcp(0, 7);          /* RELEASE */
	rc |= done("pma-link");

	hdr(0x01, 0, 0, 0); /* GRE keys (RFC 6245) */
	rec_dhcp(0, 1);
	rec_rrp(REPLY, 0, 300, 0x4455, 0);
	rec_traffic();
	rec_core(0x0a0b);
	rc |= done("pma-link-gre");
	return rc;
}

static int decode_seeds(void)
{
	int rc = 0;

	for (size_t i = 0; i < sizeof goldens / sizeof goldens[0]; i++)
		rc |= put_file(goldens[i].name, goldens[i].bytes, goldens[i].len);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc != 3 || (strcmp(argv[1], "decode") && strcmp(argv[1], "ha") &&
			  strcmp(argv[1], "pma"))) {
		fprintf(stderr, "usage: write_corpus decode|ha|pma DIR\n");
		return 2;
	}
	dir = argv[2];
	if (!strcmp(argv[1], "ha"))
		return ha_seeds() ? 1 : 0;
	if (!strcmp(argv[1], "pma"))
		return pma_seeds() ? 1 : 0;
	return decode_seeds() ? 1 : 0;
}
