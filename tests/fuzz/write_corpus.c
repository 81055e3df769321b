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

#include "fuzz_records.h"
#include "golden.h"
#include "mip.h"
#include "prrq.h"

#define HA_ADDR 0xc0000201u
#define PMA1 0xc000020au
#define HOA 0x0a0a0001u

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

static int pma_seeds(void)
{
	return 0;
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
