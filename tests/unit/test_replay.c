/* test_replay.c — the pure parts of `pmip4ct replay` (src/replay): the field-by-field
 * comparison (what is left out, what is learnt, the failure shape), and re-stamping and
 * re-signing (Identification intervals and equality kept, authenticators valid or kept
 * invalid, an Acknowledgment echoing the DUT's Revocation as the recording did).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "auth.h"
#include "ident.h"
#include "params.h"
#include "rp_priv.h"

#define A(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))
#define NS 1000000000ull

/* The authenticator of the bytes sent, as a receiver checks it. */
static enum auth_result sent_auth(const uint8_t *b, size_t len, const struct mip_sa *sa)
{
	struct mip_msg m;
	struct mip_err e;

	assert_int_equal(mip_decode(b, len, &m, &e), 0);
	return auth_verify(b, len, mip_ext_find(&m, MIP_EXT_FAHA, -1), sa);
}

struct fx {
	struct params *p;
	struct rp_cap c;
	struct rp_map map;
	struct rp_stamp st;
	struct mip_sa sa;
	uint8_t buf[4][512];
	struct rp_msg rm[4];
};

static int setup(void **state)
{
	static struct fx f;
	char err[200];

	memset(&f, 0, sizeof f);
	f.p = params_create();
	assert_non_null(f.p);
	assert_true(params_sa(f.p, "sa", &f.sa));
	assert_int_equal(rp_stamp_init(&f.st, &f.c, f.p, err, sizeof err), 0);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	params_destroy(f->p);
	return 0;
}

/* An RRP or RRQ with NAI "a@b", FA-HA (or a wrong one), encoded into slot k and decoded
 * back as a recorded message. */
static struct rp_msg *msg(struct fx *f, unsigned k, uint8_t type, uint16_t lifetime,
			  uint32_t hoa, uint64_t ident, bool bad_auth, bool nai)
{
	struct mip_msg m;
	struct mip_err e;
	struct mip_ext *x;
	size_t len;

	mip_msg_init(&m, type);
	m.lifetime = lifetime;
	m.hoa = hoa;
	m.ha = A(127, 0, 0, 2);
	m.coa = A(127, 0, 0, 3);
	m.ident = ident;
	m.flags = type == MIP_RRQ ? MIP_F_T : 0;
	if (nai) {
		x = mip_ext_add(&m, MIP_EXT_NAI, 0);
		x->data = (const uint8_t *)"a@b";
		x->data_len = 3;
		x->v.bytes.p = x->data;
		x->v.bytes.len = 3;
	}
	x = mip_ext_add_auth(&m, MIP_EXT_FAHA, &f->sa);
	if (bad_auth)
		x->auth_mode = MIP_AUTH_CORRUPT;
	assert_int_equal(mip_encode(&m, f->buf[k], sizeof f->buf[k], &len, &e), 0);
	memset(&f->rm[k], 0, sizeof f->rm[k]);
	f->rm[k].buf = f->buf[k];
	f->rm[k].len = len;
	f->rm[k].ts_ns = 1767225600 * NS;
	assert_int_equal(mip_decode(f->buf[k], len, &f->rm[k].m, &e), 0);
	return &f->rm[k];
}

static void test_cmp_fields(void **state)
{
	struct fx *f = *state;
	char reason[RP_REASON_MAX] = "";
	const struct rp_msg *rec = msg(f, 0, MIP_RRP, 300, A(10, 10, 0, 1), 1, false, true);
	const struct rp_msg *got = msg(f, 1, MIP_RRP, 300, A(10, 10, 0, 1), 99, false, true);

	/* the Identification and the authenticator's value are left out */
	assert_int_equal(rp_cmp(&f->map, &f->st, &rec->m, &got->m, got->buf, got->len, reason,
				sizeof reason), 0);
	assert_string_equal(reason, "");
	got = msg(f, 1, MIP_RRP, 1800, A(10, 10, 0, 1), 1, false, true);
	assert_int_equal(rp_cmp(&f->map, &f->st, &rec->m, &got->m, got->buf, got->len, reason,
				sizeof reason), 1);
	assert_string_equal(reason, "RRP.Lifetime: recorded 300, got 1800");
}

/* A home address the DUT gives is learnt the first time, then holds. */
static void test_cmp_learn(void **state)
{
	struct fx *f = *state;
	char reason[RP_REASON_MAX] = "";
	const struct rp_msg *rec = msg(f, 0, MIP_RRP, 300, A(10, 10, 0, 1), 1, false, true);
	const struct rp_msg *got = msg(f, 1, MIP_RRP, 300, A(10, 10, 0, 7), 1, false, true);

	assert_int_equal(rp_cmp(&f->map, &f->st, &rec->m, &got->m, got->buf, got->len, reason,
				sizeof reason), 0);
	assert_int_equal(rp_map_addr(&f->map, A(10, 10, 0, 1)), A(10, 10, 0, 7));
	got = msg(f, 1, MIP_RRP, 300, A(10, 10, 0, 8), 1, false, true);
	assert_int_equal(rp_cmp(&f->map, &f->st, &rec->m, &got->m, got->buf, got->len, reason,
				sizeof reason), 1);
	assert_string_equal(reason, "RRP.Home Address: recorded 10.10.0.1, got 10.10.0.8");
}

/* Another extension list is one difference; an invalid authenticator another. */
static void test_cmp_exts_auth(void **state)
{
	struct fx *f = *state;
	char reason[RP_REASON_MAX] = "";
	const struct rp_msg *rec = msg(f, 0, MIP_RRP, 300, 0, 1, false, true);
	const struct rp_msg *got = msg(f, 1, MIP_RRP, 300, 0, 1, true, false);

	assert_int_equal(rp_cmp(&f->map, &f->st, &rec->m, &got->m, got->buf, got->len, reason,
				sizeof reason), 2);
	assert_string_equal(reason, "RRP extensions: recorded 131,34, got 34; RRP ext 34: "
			    "invalid authenticator (SPI 256)");
}

/* Identifications keep the recorded distances: equal stays equal (a recorded replay is
 * replayed), +5 stays +5; every authenticator is computed again, valid. */
static void test_stamp_ident(void **state)
{
	struct fx *f = *state;
	struct mip_msg out;
	uint8_t b[512];
	size_t len;
	char err[200];
	uint64_t first, v;
	uint64_t now = 1796000000 * NS;

	msg(f, 0, MIP_RRQ, 300, 0, 0xed00378000000000ull, false, true);
	assert_int_equal(rp_stamp_msg(&f->st, &f->map, &f->rm[0], &out, NULL, NULL, now, b,
				      sizeof b, &len, err, sizeof err), 0);
	first = out.ident;
	assert_int_equal(first >> 32, (now / NS + NTP_UNIX_OFFSET) & 0xffffffffu);
	assert_int_equal(sent_auth(b, len, &f->sa), AUTH_VALID);
	assert_int_equal(rp_stamp_msg(&f->st, &f->map, &f->rm[0], &out, NULL, NULL, now + NS,
				      b, sizeof b, &len, err, sizeof err), 0);
	assert_int_equal(out.ident, first);
	msg(f, 1, MIP_RRQ, 300, 0, 0xed00378000000005ull, false, true);
	assert_int_equal(rp_stamp_msg(&f->st, &f->map, &f->rm[1], &out, NULL, NULL, now, b,
				      sizeof b, &len, err, sizeof err), 0);
	v = out.ident;
	assert_int_equal(v - first, 5);
}

/* A request recorded with a wrong authenticator goes out wrong again. */
static void test_stamp_bad_auth(void **state)
{
	struct fx *f = *state;
	struct mip_msg out;
	uint8_t b[512];
	size_t len;
	char err[200];

	msg(f, 0, MIP_RRQ, 300, 0, 0xed00378000000000ull, true, true);
	assert_int_equal(rp_stamp_msg(&f->st, &f->map, &f->rm[0], &out, NULL, NULL,
				      1796000000 * NS, b, sizeof b, &len, err, sizeof err), 0);
	assert_int_equal(sent_auth(b, len, &f->sa), AUTH_INVALID);
}

/* An Ack echoes the DUT's Revocation as the recorded Ack echoed the recorded one: the
 * same identifier, or one as far off. */
static void test_stamp_ack(void **state)
{
	struct fx *f = *state;
	struct mip_msg rev_rec, rev_dut, out;
	struct mip_err e;
	uint8_t b[512];
	size_t len;
	char err[200];

	mip_msg_init(&rev_rec, MIP_REV);
	rev_rec.revid = 50;
	rev_rec.hoa = A(10, 10, 0, 1);
	rev_dut = rev_rec;
	rev_dut.revid = 1000;
	rev_dut.hoa = A(10, 10, 0, 9);
	for (uint32_t off = 0; off < 2; off++) {
		struct mip_msg ack;

		mip_msg_init(&ack, MIP_REVACK);
		ack.hoa = A(10, 10, 0, 1);
		ack.revid = 50 + off;
		mip_ext_add_auth(&ack, MIP_EXT_FAHA, &f->sa);
		assert_int_equal(mip_encode(&ack, f->buf[2], sizeof f->buf[2], &len, &e), 0);
		memset(&f->rm[2], 0, sizeof f->rm[2]);
		f->rm[2].buf = f->buf[2];
		f->rm[2].len = len;
		assert_int_equal(mip_decode(f->buf[2], len, &f->rm[2].m, &e), 0);
		assert_int_equal(rp_stamp_msg(&f->st, &f->map, &f->rm[2], &out, &rev_dut, &rev_rec,
					      1796000000 * NS, b, sizeof b, &len, err,
					      sizeof err), 0);
		assert_int_equal(out.revid, 1000 + off);
		assert_int_equal(out.hoa, A(10, 10, 0, 9));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cmp_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cmp_learn, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cmp_exts_auth, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stamp_ident, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stamp_bad_auth, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stamp_ack, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
