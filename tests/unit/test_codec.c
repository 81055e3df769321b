/* test_codec.c — the message and extension codec: golden decodes field by field, byte
 * exact round trips, every prefix of every golden message, the error paths (truncated
 * vs invalid, offset, field) and the encode overrides.
 * References: RFC 5944 §1.8-§1.11, §3.3-§3.5; RFC 5563 §5; RFC 3543 §3; PROTOCOL.md.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "auth.h"
#include "ext.h"
#include "golden.h"
#include "mip.h"

static struct mip_msg msg; /* large: keep off the stack */
static struct mip_err err;

static void decode_ok(const uint8_t *p, size_t n)
{
	char buf[256];
	int rc = mip_decode(p, n, &msg, &err);

	if (rc != 0)
		fail_msg("decode failed: %s", mip_err_str(&err, buf, sizeof buf));
}

/* RFC 5563 §5.1 / RFC 2794 §2 / RFC 5944 §3.5.4: the PMIPv4 proxy RRQ of PROTOCOL.md §4 */
static void test_decode_pmip_rrq(void **state)
{
	decode_ok(golden_pmip_rrq, sizeof golden_pmip_rrq);
	assert_int_equal(msg.type, MIP_RRQ);
	assert_int_equal(msg.flags, MIP_F_T);
	assert_int_equal(msg.lifetime, 1800);
	assert_int_equal(msg.hoa, 0);
	assert_int_equal(msg.ha, 0xc0000201);
	assert_int_equal(msg.coa, 0xc6336401);
	assert_true(msg.ident == 0xe5f2a1b012345678ull);
	assert_int_equal(msg.n_ext, 3);
	assert_int_equal(msg.nonskip_unknown, -1);

	assert_int_equal(msg.ext[0].type, MIP_EXT_NAI);
	assert_int_equal(msg.ext[0].off, 24);
	assert_int_equal(msg.ext[0].v.bytes.len, 14);
	assert_memory_equal(msg.ext[0].v.bytes.p, "mn@example.com", 14);

	assert_int_equal(msg.ext[1].type, MIP_EXT_PMIP_NS);
	assert_int_equal(msg.ext[1].fmt, MIP_FMT_LONG);
	assert_int_equal(msg.ext[1].subtype, MIP_PMIP_PERNODE);
	assert_int_equal(msg.ext[1].length, 1);
	assert_int_equal(msg.ext[1].v.pernode.method, MIP_PERNODE_FAHA);

	assert_int_equal(msg.ext[2].type, MIP_EXT_FAHA);
	assert_int_equal(msg.ext[2].off, 45);
	assert_int_equal(msg.ext[2].length, 20);
	assert_int_equal(msg.ext[2].v.auth.spi, 256);
	assert_int_equal(msg.ext[2].v.auth.auth_len, 16);
	assert_int_equal(msg.ext[2].v.auth.auth[0], 0x61);
}

static void test_decode_pmip_rrp(void **state)
{
	decode_ok(golden_pmip_rrp, sizeof golden_pmip_rrp);
	assert_int_equal(msg.type, MIP_RRP);
	assert_int_equal(msg.code, 0);
	assert_int_equal(msg.lifetime, 900);
	assert_int_equal(msg.hoa, 0x0a010007);
	assert_int_equal(msg.n_ext, 5);
	assert_int_equal(msg.ext[2].type, MIP_EXT_GREKEY);
	assert_int_equal(msg.ext[2].subtype, 0);
	assert_int_equal(msg.ext[2].v.gre.key, 0x1234);
	assert_int_equal(msg.ext[3].type, MIP_EXT_REVSUP);
	assert_int_equal(msg.ext[3].v.rev.flags, MIP_REVSUP_I);
	assert_int_equal(msg.ext[3].v.rev.ts, 1000);
}

/* One of every extension of the policy table, plus unknown types (RFC 5944 §1.8). */
static void test_decode_all_ext(void **state)
{
	const struct mip_ext *e = msg.ext;

	decode_ok(golden_all_ext, sizeof golden_all_ext);
	assert_int_equal(msg.n_ext, 19);
	assert_int_equal(e[0].type, MIP_EXT_PAD);
	assert_int_equal(e[0].v.pad.count, 2);
	assert_int_equal(e[1].type, MIP_EXT_UDPTUN_REQ);
	assert_int_equal(e[1].v.utrq.flags, MIP_UTRQ_F | MIP_UTRQ_R);
	assert_int_equal(e[1].v.utrq.encap, 4);
	assert_int_equal(e[2].subtype, MIP_PMIP_IFID);
	assert_memory_equal(e[2].v.bytes.p, "eth0", 4);
	assert_int_equal(e[3].subtype, MIP_PMIP_DEVID);
	assert_int_equal(e[3].v.pmid.idtype, 1);
	assert_int_equal(e[3].v.pmid.id_len, 6);
	assert_int_equal(e[4].subtype, MIP_PMIP_SUBID);
	assert_int_equal(e[4].v.pmid.id_len, 2);
	assert_int_equal(e[5].subtype, MIP_PMIP_ACCTECH);
	assert_int_equal(e[5].v.acctech.tech, 3);
	assert_int_equal(e[6].fmt, MIP_FMT_SHORT);
	assert_int_equal(e[6].subtype, MIP_DYNHA_REQUESTED);
	assert_int_equal(e[6].v.dynha.ha, 0xc0000209);
	assert_int_equal(e[7].fmt, MIP_FMT_LONG);
	assert_int_equal(e[7].subtype, MIP_DYNHA_REDIRECTED);
	assert_int_equal(e[7].v.dynha.ha, 0xc000020a);
	assert_int_equal(e[8].type, MIP_EXT_EDS);
	assert_int_equal(e[9].v.vse.vendor, 5583);
	assert_int_equal(e[9].v.vse.vtype, 1);
	assert_int_equal(e[9].v.vse.value_len, 2);
	assert_int_equal(e[10].subtype, MIP_MSGSTR_HA);
	assert_false(e[11].known);
	assert_int_equal(e[11].type, 200);
	assert_int_equal(e[12].type, MIP_EXT_CVSE);
	assert_int_equal(e[12].v.vse.vtype, 0x0401);
	assert_int_equal(e[13].v.utrp.flags, MIP_UTRP_F);
	assert_int_equal(e[13].v.utrp.keepalive, 30);
	assert_int_equal(e[14].v.bytes.len, 4);
	assert_int_equal(e[15].v.auth.auth_len, 4);
	assert_int_equal(e[16].subtype, MIP_GENAUTH_MNAAA);
	assert_int_equal(e[16].v.auth.spi, 257);
	assert_int_equal(e[17].v.auth.auth_len, 0);
	assert_false(e[18].known);
	assert_int_equal(msg.nonskip_unknown, 18); /* 99 < 128: discard the message */
}

static void test_decode_rev_ack_tundata(void **state)
{
	decode_ok(golden_rev, sizeof golden_rev);
	assert_int_equal(msg.type, MIP_REV);
	assert_int_equal(msg.rflags, MIP_REV_A | MIP_REV_I);
	assert_int_equal(msg.ha, 0xc0000201); /* Home Domain Address at offset 8 */
	assert_int_equal(msg.coa, 0xc6336401); /* Foreign Domain Address at offset 12 */
	assert_int_equal(msg.revid, 65536);
	assert_int_equal(msg.ext[0].off, MIP_REV_LEN);

	decode_ok(golden_revack, sizeof golden_revack);
	assert_int_equal(msg.type, MIP_REVACK);
	assert_int_equal(msg.rflags, MIP_REVACK_I);
	assert_int_equal(msg.revid, 65536);
	assert_int_equal(msg.ext[0].off, MIP_REVACK_LEN);

	decode_ok(golden_tundata, sizeof golden_tundata);
	assert_int_equal(msg.type, MIP_TUNDATA);
	assert_int_equal(msg.nexthdr, 4);
	assert_int_equal(msg.payload_len, 20);
	assert_int_equal(msg.n_ext, 0);
}

/* decode -> encode gives the same bytes, for every golden message. */
static void test_round_trip(void **state)
{
	uint8_t out[2048];
	size_t n;

	for (size_t g = 0; g < sizeof goldens / sizeof goldens[0]; g++) {
		decode_ok(goldens[g].bytes, goldens[g].len);
		assert_int_equal(mip_encode(&msg, out, sizeof out, &n, &err), 0);
		assert_int_equal(n, goldens[g].len);
		assert_memory_equal(out, goldens[g].bytes, n);
	}
}

/* Where a prefix of g is itself a whole message: the end of the fixed part, the start
 * of an extension, or inside a run of padding (each pad byte is an extension). */
static bool at_boundary(const struct golden *g, size_t cut)
{
	static struct mip_msg full;

	mip_decode(g->bytes, g->len, &full, NULL);
	if (full.type == MIP_TUNDATA || !full.known)
		return cut >= mip_fixed_len(full.type);
	if (cut == mip_fixed_len(full.type))
		return true;
	for (unsigned i = 0; i < full.n_ext; i++) {
		const struct mip_ext *e = &full.ext[i];

		if (e->off == cut)
			return true;
		if (e->fmt == MIP_FMT_PAD && cut > e->off && cut < e->off + e->v.pad.count)
			return true;
	}
	return false;
}

/* Every prefix decodes as an extension-boundary message, or fails as truncated or
 * invalid at an offset inside the prefix.  Run under ASan this also proves no read
 * goes past the end. */
static void test_every_prefix(void **state)
{
	for (size_t g = 0; g < sizeof goldens / sizeof goldens[0]; g++) {
		for (size_t cut = 0; cut < goldens[g].len; cut++) {
			uint8_t copy[2048];
			int rc;

			memcpy(copy, goldens[g].bytes, cut);
			rc = mip_decode(copy, cut, &msg, &err);
			if (at_boundary(&goldens[g], cut)) {
				assert_int_equal(rc, 0);
				continue;
			}
			assert_int_equal(rc, -1);
			assert_true(err.kind == MIP_ETRUNC || err.kind == MIP_EINVAL);
			assert_true(err.off <= cut);
			assert_non_null(err.field);
		}
	}
}

static void expect_err(const uint8_t *p, size_t n, enum mip_err_kind kind, size_t off,
		       const char *field)
{
	assert_int_equal(mip_decode(p, n, &msg, &err), -1);
	assert_int_equal(err.kind, kind);
	assert_int_equal(err.off, off);
	assert_string_equal(err.field, field);
}

static void test_errors(void **state)
{
	/* a TLV whose Length points past the end: truncated, at the value */
	static const uint8_t nai_lies[] = { 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
					    0, 0, 0, 0, 0, 0, 0, 0, 0x83, 0x09, 'a', 'b' };
	/* 147/4 Access Technology with Length 3 (RFC 5563 §5.5 says 2): invalid */
	static const uint8_t acctech_long[] = { 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
						0, 0, 0, 0, 0, 0, 0, 0, 0x93, 0x03, 0x04, 1, 2 };
	/* 137 with Length 5 (RFC 3543 §3.2 says 6): invalid */
	static const uint8_t revsup_short[] = { 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
						0, 0, 0, 0, 0, 0, 0, 0, 0x89, 0x05, 0, 0, 0, 0, 0 };
	/* short-layout Length 0 */
	static const uint8_t short_len0[] = { 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
					      0, 0, 0, 0, 0, 0, 0, 0, 0x91, 0x00 };
	/* RRQ cut inside the Identification */
	static const uint8_t rrq_cut[] = { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
					   0, 0, 0, 0, 0, 0 };

	expect_err(nai_lies, sizeof nai_lies, MIP_ETRUNC, 22, "ext[0] 131 Length");
	expect_err(acctech_long, sizeof acctech_long, MIP_EINVAL, 23,
		   "ext[0] 147/4 value Tech-Type (RFC 5563 §5.5: Length = 2)");
	expect_err(revsup_short, sizeof revsup_short, MIP_EINVAL, 20, "ext[0] 137 Length");
	expect_err(short_len0, sizeof short_len0, MIP_EINVAL, 21, "ext[0] 145/0 Length");
	expect_err(rrq_cut, sizeof rrq_cut, MIP_ETRUNC, 16, "RRQ.Identification");
	assert_int_equal(mip_decode(rrq_cut, 0, &msg, &err), -1);
	assert_string_equal(err.field, "Type");
}

/* DESIGN.md §6.3: a 47 sent in the short layout is malformed, and the error says why. */
static void test_pmip47_short_layout(void **state)
{
	static const uint8_t bad47[] = { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
					 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
					 0x2f, 0x02, 0x01, 0x01 };

	assert_int_equal(mip_decode(bad47, sizeof bad47, &msg, &err), -1);
	assert_int_equal(err.kind, MIP_ETRUNC);
	assert_non_null(strstr(err.detail, "short layout"));
}

static void test_too_many_exts(void **state)
{
	uint8_t buf[MIP_RRQ_LEN + 2 * (MIP_EXT_MAX + 1)];

	memset(buf, 0, sizeof buf);
	buf[0] = MIP_RRQ;
	for (size_t i = MIP_RRQ_LEN; i < sizeof buf; i += 2) {
		buf[i] = MIP_EXT_EDS;
		buf[i + 1] = 0;
	}
	expect_err(buf, sizeof buf, MIP_EINVAL, MIP_RRQ_LEN + 2 * MIP_EXT_MAX, "extensions");
}

static const struct mip_sa sa_vec = {
	.spi = 256, .alg = AUTH_HMAC_MD5, .kind = AUTH_KIND_FAHA,
	.key = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 }, .key_len = 16,
};

/* Build the PROTOCOL.md §4 RRQ from fields; the computed authenticator must match. */
static void build_vector(struct mip_msg *m)
{
	struct mip_ext *e;

	mip_msg_init(m, MIP_RRQ);
	m->flags = MIP_F_T;
	m->lifetime = 1800;
	m->ha = 0xc0000201;
	m->coa = 0xc6336401;
	m->ident = 0xe5f2a1b012345678ull;
	e = mip_ext_add(m, MIP_EXT_NAI, 0);
	e->v.bytes.p = (const uint8_t *)"mn@example.com";
	e->v.bytes.len = 14;
	e = mip_ext_add(m, MIP_EXT_PMIP_NS, MIP_PMIP_PERNODE);
	e->v.pernode.method = MIP_PERNODE_FAHA;
	e = mip_ext_add(m, MIP_EXT_FAHA, 0);
	e->v.auth.spi = 256;
	e->auth_mode = MIP_AUTH_COMPUTE;
	e->sa = &sa_vec;
}

static void test_encode_vector(void **state)
{
	uint8_t out[256];
	size_t n;

	build_vector(&msg);
	assert_int_equal(mip_encode(&msg, out, sizeof out, &n, &err), 0);
	assert_int_equal(n, sizeof golden_pmip_rrq);
	assert_memory_equal(out, golden_pmip_rrq, n);
	/* and the decoder's view verifies with the same SA */
	decode_ok(out, n);
	assert_int_equal(auth_verify(out, n, &msg.ext[2], &sa_vec), AUTH_VALID);
}

/* The overrides that let the tester send what a broken peer sends. */
static void test_encode_overrides(void **state)
{
	uint8_t out[256];
	size_t n;

	build_vector(&msg);
	msg.ext[2].auth_mode = MIP_AUTH_CORRUPT;
	assert_int_equal(mip_encode(&msg, out, sizeof out, &n, &err), 0);
	assert_int_equal(out[n - 1], golden_pmip_rrq[n - 1] ^ 1);
	decode_ok(out, n);
	assert_int_equal(auth_verify(out, n, &msg.ext[2], &sa_vec), AUTH_INVALID);

	build_vector(&msg);
	msg.ext[2].auth_len_set = true; /* a 12-byte authenticator, Length 16 */
	msg.ext[2].auth_len = 12;
	assert_int_equal(mip_encode(&msg, out, sizeof out, &n, &err), 0);
	assert_int_equal(n, sizeof golden_pmip_rrq - 4);
	assert_int_equal(out[46], 16);

	build_vector(&msg);
	msg.ext[0].length_set = true; /* NAI Length lies: 200 */
	msg.ext[0].length = 200;
	assert_int_equal(mip_encode(&msg, out, sizeof out, &n, &err), 0);
	assert_int_equal(out[25], 200);
	assert_int_equal(mip_decode(out, n, &msg, &err), -1);
	assert_int_equal(err.kind, MIP_ETRUNC);

	build_vector(&msg);
	msg.ext[1].raw = true; /* 47 with arbitrary value bytes */
	msg.ext[1].data = (const uint8_t *)"\x07\x07";
	msg.ext[1].data_len = 2;
	msg.trailer = (const uint8_t *)"\xff";
	msg.trailer_len = 1;
	assert_int_equal(mip_encode(&msg, out, sizeof out, &n, &err), 0);
	assert_int_equal(n, sizeof golden_pmip_rrq + 2);
	assert_int_equal(out[43], 2); /* Length16 low byte */
	assert_int_equal(out[n - 1], 0xff);

	build_vector(&msg);
	msg.truncate_set = true;
	msg.truncate = 10;
	assert_int_equal(mip_encode(&msg, out, sizeof out, &n, &err), 0);
	assert_int_equal(n, 10);

	build_vector(&msg);
	assert_int_equal(mip_encode(&msg, out, 30, &n, &err), -1);
	assert_int_equal(err.kind, MIP_EFULL);

	build_vector(&msg);
	msg.ext[2].sa = NULL;
	assert_int_equal(mip_encode(&msg, out, sizeof out, &n, &err), -1);
	assert_int_equal(err.kind, MIP_EINVAL);
}

/* Keyed-MD5 (RFC 2002 §3.5.1) through the encoder: PROTOCOL.md §4's second vector. */
static void test_encode_keyed_md5(void **state)
{
	static const uint8_t want[] = { 0x80, 0x21, 0x79, 0xe1, 0xd0, 0x54, 0x65, 0x75,
					0x11, 0x70, 0xc0, 0xe1, 0x0b, 0x85, 0x30, 0xfa };
	struct mip_sa sa = sa_vec;
	uint8_t out[256];
	size_t n;

	sa.alg = AUTH_KEYED_MD5;
	build_vector(&msg);
	msg.ext[2].sa = &sa;
	assert_int_equal(mip_encode(&msg, out, sizeof out, &n, &err), 0);
	assert_memory_equal(out + 51, want, 16);
}

/* Type 36 (long layout): the Length (16 bits) is covered, written before the MAC. */
static void test_encode_genauth(void **state)
{
	uint8_t out[256], mac[AUTH_MAC_LEN];
	struct mip_ext *e;
	size_t n;

	mip_msg_init(&msg, MIP_RRQ);
	e = mip_ext_add(&msg, MIP_EXT_GENAUTH, MIP_GENAUTH_MNAAA);
	e->v.auth.spi = 300;
	e->auth_mode = MIP_AUTH_COMPUTE;
	e->sa = &sa_vec;
	assert_int_equal(mip_encode(&msg, out, sizeof out, &n, &err), 0);
	assert_int_equal(n, 24 + 4 + 4 + 16);
	assert_int_equal(out[26], 0);
	assert_int_equal(out[27], 20);
	auth_compute(AUTH_HMAC_MD5, sa_vec.key, 16, out, 32, mac);
	assert_memory_equal(out + 32, mac, 16);
}

/* DESIGN.md §6.4: 139 is encoded short by default, long on request. */
static void test_encode_dynha_layouts(void **state)
{
	uint8_t out[64];
	struct mip_ext *e;
	size_t n;

	mip_msg_init(&msg, MIP_RRP);
	e = mip_ext_add(&msg, MIP_EXT_DYNHA, MIP_DYNHA_REDIRECTED);
	e->v.dynha.ha = 0xc0000202;
	assert_int_equal(mip_encode(&msg, out, sizeof out, &n, &err), 0);
	assert_int_equal(n, 20 + 7);
	assert_memory_equal(out + 20, "\x8b\x05\x02\xc0\x00\x02\x02", 7);
	e->fmt = MIP_FMT_LONG;
	assert_int_equal(mip_encode(&msg, out, sizeof out, &n, &err), 0);
	assert_int_equal(n, 20 + 8);
	assert_memory_equal(out + 20, "\x8b\x02\x00\x04\xc0\x00\x02\x02", 8);
	decode_ok(out, n);
	assert_int_equal(msg.ext[0].fmt, MIP_FMT_LONG);
	assert_int_equal(msg.ext[0].v.dynha.ha, 0xc0000202);
}

/* An 8-bit Length cannot hold 256 bytes: the encoder refuses rather than wrap. */
static void test_encode_tlv_overflow(void **state)
{
	static uint8_t big[300];
	uint8_t out[512];
	struct mip_ext *e;
	size_t n;

	mip_msg_init(&msg, MIP_RRQ);
	e = mip_ext_add(&msg, MIP_EXT_NAI, 0);
	e->v.bytes.p = big;
	e->v.bytes.len = sizeof big;
	assert_int_equal(mip_encode(&msg, out, sizeof out, &n, &err), -1);
	assert_int_equal(err.kind, MIP_EINVAL);
}

/* The skippable rule lives in one place and matches RFC 5944 §1.8 for every type. */
static void test_policy_table(void **state)
{
	for (unsigned i = 0; i < ext_policy_count(); i++) {
		const struct mip_ext_policy *p = ext_policy_at(i);

		assert_ptr_equal(ext_policy(p->type), p);
		assert_true(p->min_len <= p->max_len);
		assert_non_null(p->name);
		assert_non_null(p->ref);
		if (i)
			assert_true(ext_policy_at(i - 1)->type < p->type);
		/* RFC 5944 §1.10: skippable extensions never use the long layout */
		if (ext_skippable(p->type))
			assert_int_not_equal(p->fmt, MIP_FMT_LONG);
	}
	assert_null(ext_policy(99));
	assert_false(ext_skippable(127));
	assert_true(ext_skippable(128));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_pmip_rrq),
		cmocka_unit_test(test_decode_pmip_rrp),
		cmocka_unit_test(test_decode_all_ext),
		cmocka_unit_test(test_decode_rev_ack_tundata),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_every_prefix),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_pmip47_short_layout),
		cmocka_unit_test(test_too_many_exts),
		cmocka_unit_test(test_encode_vector),
		cmocka_unit_test(test_encode_overrides),
		cmocka_unit_test(test_encode_keyed_md5),
		cmocka_unit_test(test_encode_genauth),
		cmocka_unit_test(test_encode_dynha_layouts),
		cmocka_unit_test(test_encode_tlv_overflow),
		cmocka_unit_test(test_policy_table),
	};

	return cmocka_run_group_tests_name("codec", tests, NULL, NULL);
}
