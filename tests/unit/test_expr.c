/* test_expr.c — message expressions (expr.h): every message type and extension parses
 * into the expected struct mip_msg fields; modifiers and defaults; errors with their
 * line:column; and encoding: each golden message of golden.h, and the PROTOCOL.md §4
 * HMAC-MD5 and keyed-MD5 vectors, rebuilt from an expression byte for byte.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "expr.h"
#include "golden.h"
#include "ident.h"

#define T0_NS (1700000000ull * 1000000000ull)
#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))

static struct expr_msg em; /* large, and must not move: static */
static struct clk_virtual vc;
static struct clk vclk;
static struct expr_ctx ctx;
static struct lex_err err;

static int setup(void **state)
{
	(void)state;
	vc = (struct clk_virtual){ .now_ns = T0_NS, .seed = 7 };
	vclk = clk_virtual(&vc);
	memset(&ctx, 0, sizeof ctx);
	ctx.clk = &vclk;
	return 0;
}

/* Parse the first command of src as one message expression. */
static int parse(const char *src)
{
	struct lex *lx = lex_create("t", src, strlen(src));
	struct lex_cmd cmd;
	int rc;

	assert_non_null(lx);
	assert_int_equal(lex_next_command(lx, &cmd, &err), 1);
	rc = expr_parse(&ctx, &cmd, 0, NULL, &em, &err);
	lex_destroy(lx);
	return rc;
}

static const struct mip_msg *ok(const char *src)
{
	char buf[400];

	if (parse(src) < 0)
		fail_msg("\"%s\": %s", src, lex_err_str(&err, buf, sizeof buf));
	return &em.msg;
}

static void bad(const char *src, const char *want)
{
	char buf[400];

	if (parse(src) == 0)
		fail_msg("\"%s\" parsed, expected: %s", src, want);
	assert_string_equal(lex_err_str(&err, buf, sizeof buf), want);
}

static size_t encode(const char *src, uint8_t *out, size_t cap)
{
	struct mip_err merr = { 0 };
	size_t len = 0;
	char buf[300];

	ok(src);
	if (mip_encode(&em.msg, out, cap, &len, &merr) < 0)
		fail_msg("encoding \"%s\": %s", src, mip_err_str(&merr, buf, sizeof buf));
	return len;
}

static void encodes_to(const char *src, const uint8_t *want, size_t n)
{
	uint8_t out[2048];
	size_t len = encode(src, out, sizeof out);

	assert_int_equal(len, n);
	assert_memory_equal(out, want, n);
}

static const struct mip_ext *ext(unsigned k)
{
	assert_true(k < em.msg.n_ext);
	return &em.msg.ext[k];
}

static void assert_bytes(const uint8_t *p, size_t n, const char *want, size_t wn)
{
	assert_int_equal(n, wn);
	assert_memory_equal(p, want, wn);
}

/* ---- message types and their fields ---- */

static void test_rrq_defaults(void **state)
{
	struct clk_virtual vc2 = { .now_ns = T0_NS, .seed = 7 };
	struct clk c2 = clk_virtual(&vc2);
	uint64_t want = ident_timestamp(&c2, 0);
	const struct mip_msg *m = ok("rrq");

	(void)state;
	assert_int_equal(m->type, MIP_RRQ);
	assert_int_equal(m->flags, 0);
	assert_int_equal(m->lifetime, 1800);
	assert_int_equal(m->hoa, 0);
	assert_int_equal(m->ha, IP(127, 0, 0, 2)); /* the `to` address */
	assert_int_equal(m->coa, IP(127, 0, 0, 1)); /* the `from` address */
	assert_int_equal(m->ident, want);
	assert_int_equal(ctx.last_ident, want);
	assert_int_equal(m->n_ext, 0);
	assert_int_equal(em.ends.src, IP(127, 0, 0, 1));
	assert_int_equal(em.ends.dst, IP(127, 0, 0, 2));
	assert_int_equal(em.ends.sport, 434);
	assert_int_equal(em.ends.dport, 434);
	assert_string_equal(em.file, "t");
	assert_int_equal(em.line, 1);
	assert_int_equal(em.col, 1);
	/* without a clock the defaults are 0 and `now` is an error */
	ctx.clk = NULL;
	assert_int_equal(ok("rrq")->ident, 0);
	bad("rrq ident now", "t:1:11: 'now' needs a clock, and there is none here");
	assert_int_equal(expr_parse(NULL, &(struct lex_cmd){ "x", NULL, 0, 1, 1 }, 0, NULL, &em,
				    &err), -1);
	assert_string_equal(err.msg, "expected a message type (rrq, rrp, tunnel-data, "
			    "revocation, revocation-ack or type N), got end of command");
}

static void test_rrq_fields(void **state)
{
	const struct mip_msg *m;

	(void)state;
	m = ok("rrq from 10.0.0.2:5000 to 10.0.0.1 lifetime 0 hoa 10.1.0.7 ha 192.0.2.1 "
	       "coa 198.51.100.1 ident 0xe5f2a1b012345678 flags T+G");
	assert_int_equal(em.ends.src, IP(10, 0, 0, 2));
	assert_int_equal(em.ends.sport, 5000);
	assert_int_equal(em.ends.dst, IP(10, 0, 0, 1));
	assert_int_equal(em.ends.dport, 434);
	assert_int_equal(m->lifetime, 0);
	assert_int_equal(m->hoa, IP(10, 1, 0, 7));
	assert_int_equal(m->ha, IP(192, 0, 2, 1));
	assert_int_equal(m->coa, IP(198, 51, 100, 1));
	assert_int_equal(m->ident, 0xe5f2a1b012345678ull);
	assert_int_equal(m->flags, MIP_F_T | MIP_F_G);
	assert_int_equal(ok("rrq flags S,B,D,M,G,r,T,x")->flags, 0xff);
	assert_int_equal(ok("rrq flags t")->flags, MIP_F_T);
	assert_int_equal(ok("rrq flags 0x82")->flags, 0x82);
	assert_int_equal(ok("rrq flags 4")->flags, MIP_F_R);
	assert_int_equal(ok("rrq lifetime infinite")->lifetime, 0xffff);
	assert_int_equal(ok("rrq ident 18446744073709551615")->ident, UINT64_MAX);
	assert_int_equal(ok("rrq to 1.2.3.4:0")->ha, IP(1, 2, 3, 4));
	assert_int_equal(em.ends.dport, 0);
}

static void test_rrp(void **state)
{
	const struct mip_msg *m;

	(void)state;
	m = ok("rrp from 192.0.2.1 code PMIP_UNSUPPORTED lifetime 900 hoa 10.1.0.7 ident 5");
	assert_int_equal(m->type, MIP_RRP);
	assert_int_equal(m->code, 149);
	assert_int_equal(m->lifetime, 900);
	assert_int_equal(m->ha, IP(192, 0, 2, 1)); /* the `from` address */
	assert_int_equal(m->ident, 5);
	assert_int_equal(ok("rrp code admin-prohibited")->code, 129);
	assert_int_equal(ok("rrp code pmip_disallowed")->code, 150);
	assert_int_equal(ok("rrp code 255")->code, 255);
	assert_int_equal(ok("rrp")->lifetime, 1800);
}

static void test_revocation(void **state)
{
	const struct mip_msg *m;

	(void)state;
	m = ok("revocation from 10.0.0.9 to 10.0.0.1 hoa 10.1.0.7 revid 65536");
	assert_int_equal(m->type, MIP_REV);
	assert_int_equal(m->rflags, 0);
	assert_int_equal(m->hoa, IP(10, 1, 0, 7));
	assert_int_equal(m->ha, IP(10, 0, 0, 1)); /* A clear: sent by the FA to the HA */
	assert_int_equal(m->coa, IP(10, 0, 0, 9));
	assert_int_equal(m->revid, 65536);
	m = ok("rev a i from 10.0.0.1 to 10.0.0.9:1234");
	assert_int_equal(m->rflags, MIP_REV_A | MIP_REV_I);
	assert_int_equal(m->ha, IP(10, 0, 0, 1)); /* A set: sent by the HA */
	assert_int_equal(m->coa, IP(10, 0, 0, 9));
	assert_int_equal(m->revid, (uint32_t)((T0_NS / 1000000000ull) + NTP_UNIX_OFFSET));
	m = ok("rev a hda 1.1.1.1 fda 2.2.2.2 reserved 0xff rflags 0x3fff i");
	assert_int_equal(m->ha, IP(1, 1, 1, 1));
	assert_int_equal(m->coa, IP(2, 2, 2, 2));
	assert_int_equal(m->reserved8, 0xff);
	assert_int_equal(m->rflags, 0x7fff); /* items apply in order: rflags, then i */
}

static void test_revack(void **state)
{
	const struct mip_msg *m;

	(void)state;
	m = ok("revocation-ack i hoa 10.1.0.7 revid 65536 reserved 1");
	assert_int_equal(m->type, MIP_REVACK);
	assert_int_equal(m->rflags, MIP_REVACK_I);
	assert_int_equal(m->revid, 65536);
	assert_int_equal(m->reserved8, 1);
	assert_int_equal(ok("revack rflags 0xffff")->rflags, 0xffff);
	/* `now` identifiers increase even within one clock second */
	uint32_t a = ok("revack")->revid, b = ok("revack revid now")->revid;

	assert_true(b > a);
}

static void test_tundata_and_other_types(void **state)
{
	const struct mip_msg *m;

	(void)state;
	m = ok("tunnel-data payload hex:4500");
	assert_int_equal(m->type, MIP_TUNDATA);
	assert_int_equal(m->nexthdr, 4);
	assert_bytes(m->payload, m->payload_len, "\x45\x00", 2);
	m = ok("tunnel-data next-header gre reserved 0xabcd");
	assert_int_equal(m->nexthdr, 47);
	assert_int_equal(m->treserved, 0xabcd);
	assert_int_equal(ok("tunnel-data next-header minimal")->nexthdr, 55);
	assert_int_equal(ok("tunnel-data next-header 200")->nexthdr, 200);
	m = ok("type 99 payload \"hello\" from 1.1.1.1");
	assert_int_equal(m->type, 99);
	assert_bytes(m->payload, m->payload_len, "hello", 5);
	m = ok("type 1 hoa 1.2.3.4"); /* a known type number acts as its name */
	assert_int_equal(m->type, MIP_RRQ);
	assert_int_equal(m->lifetime, 1800);
	assert_int_equal(ok("type 0")->type, 0);
}

/* ---- extensions ---- */

static void test_auth(void **state)
{
	const struct mip_ext *e;

	(void)state;
	ok("rrq auth fa-ha key hex:0001 auth mn-ha spi 300 key ascii:secret alg keyed-md5 "
	   "auth mn-fa spi 7 key \"k y\" corrupt authlen 12 auth mn-aaa spi 0x10000 key hex:ff "
	   "ext mn-ha spi 5 auth hex:0102 ext gen-auth value hex:03");
	assert_int_equal(em.msg.n_ext, 6);
	assert_int_equal(em.n_sa, 4);
	e = ext(0);
	assert_int_equal(e->type, MIP_EXT_FAHA);
	assert_int_equal(e->fmt, MIP_FMT_TLV);
	assert_int_equal(e->v.auth.spi, 256);
	assert_int_equal(e->auth_mode, MIP_AUTH_COMPUTE);
	assert_ptr_equal(e->sa, &em.sa[0]);
	assert_int_equal(e->sa->spi, 256);
	assert_int_equal(e->sa->alg, AUTH_HMAC_MD5);
	assert_int_equal(e->sa->kind, AUTH_KIND_FAHA);
	assert_bytes(e->sa->key, e->sa->key_len, "\x00\x01", 2);
	e = ext(1);
	assert_int_equal(e->type, MIP_EXT_MNHA);
	assert_int_equal(e->sa->spi, 300);
	assert_int_equal(e->sa->alg, AUTH_KEYED_MD5);
	assert_int_equal(e->sa->kind, AUTH_KIND_MNHA);
	assert_bytes(e->sa->key, e->sa->key_len, "secret", 6);
	e = ext(2);
	assert_int_equal(e->type, MIP_EXT_MNFA);
	assert_int_equal(e->v.auth.spi, 7); /* reserved SPIs are allowed on purpose */
	assert_int_equal(e->auth_mode, MIP_AUTH_CORRUPT);
	assert_true(e->auth_len_set);
	assert_int_equal(e->auth_len, 12);
	assert_bytes(e->sa->key, e->sa->key_len, "k y", 3);
	e = ext(3);
	assert_int_equal(e->type, MIP_EXT_GENAUTH);
	assert_int_equal(e->fmt, MIP_FMT_LONG);
	assert_int_equal(e->subtype, MIP_GENAUTH_MNAAA);
	assert_int_equal(e->sa->kind, AUTH_KIND_MNAAA);
	assert_int_equal(e->v.auth.spi, 0x10000);
	e = ext(4);
	assert_int_equal(e->type, MIP_EXT_MNHA);
	assert_int_equal(e->auth_mode, MIP_AUTH_GIVEN);
	assert_null(e->sa);
	assert_int_equal(e->v.auth.spi, 5);
	assert_bytes(e->v.auth.auth, e->v.auth.auth_len, "\x01\x02", 2);
	e = ext(5);
	assert_int_equal(e->type, MIP_EXT_GENAUTH);
	assert_int_equal(e->subtype, 1);
	assert_bytes(e->v.auth.auth, e->v.auth.auth_len, "\x03", 1);
	assert_int_equal(ok("rrq ext gen-auth mn-aaa key hex:00")->ext[0].subtype, 1);
	assert_int_equal(ok("rrq ext gen-auth subtype 9 key hex:00")->ext[0].subtype, 9);
}

static const struct mip_sa pixit_sa = {
	.spi = 256, .alg = AUTH_KEYED_MD5, .kind = AUTH_KIND_FAHA, .key = { 9, 9 }, .key_len = 2,
};

static const struct mip_sa *lookup(void *arg, enum auth_kind kind, uint32_t spi)
{
	(void)arg;
	return kind == AUTH_KIND_FAHA && spi == 256 ? &pixit_sa : NULL;
}

static void test_auth_sa_lookup(void **state)
{
	const struct mip_ext *e;

	(void)state;
	ctx.sa_lookup = lookup;
	e = &ok("rrq auth fa-ha spi 256")->ext[0];
	assert_int_equal(e->sa->alg, AUTH_KEYED_MD5);
	assert_bytes(e->sa->key, e->sa->key_len, "\x09\x09", 2);
	e = &ok("rrq auth fa-ha alg hmac-md5")->ext[0]; /* the SA, with another algorithm */
	assert_int_equal(e->sa->alg, AUTH_HMAC_MD5);
	assert_bytes(e->sa->key, e->sa->key_len, "\x09\x09", 2);
	e = &ok("rrq auth fa-ha key hex:01")->ext[0]; /* a key given wins */
	assert_bytes(e->sa->key, e->sa->key_len, "\x01", 1);
	bad("rrq auth fa-ha spi 257", "t:1:10: auth fa-ha needs key or value");
	bad("rrq auth mn-ha", "t:1:10: auth mn-ha needs key or value");
}

static void test_ext_values(void **state)
{
	const struct mip_ext *e;

	(void)state;
	ok("rrq nai mn@example.com ext nai \"a b\" ext pad ext pad count 3 ext eds "
	   "ext challenge hex:0102 ext challenge text ext gre-key 0x1234 ext 131 x");
	assert_int_equal(em.msg.n_ext, 9);
	e = ext(0);
	assert_int_equal(e->type, MIP_EXT_NAI);
	assert_int_equal(e->fmt, MIP_FMT_TLV);
	assert_bytes(e->v.bytes.p, e->v.bytes.len, "mn@example.com", 14);
	assert_bytes(ext(1)->v.bytes.p, ext(1)->v.bytes.len, "a b", 3);
	assert_int_equal(ext(2)->type, MIP_EXT_PAD);
	assert_int_equal(ext(2)->fmt, MIP_FMT_PAD);
	assert_int_equal(ext(2)->v.pad.count, 1);
	assert_int_equal(ext(3)->v.pad.count, 3);
	assert_int_equal(ext(4)->type, MIP_EXT_EDS);
	assert_bytes(ext(5)->v.bytes.p, ext(5)->v.bytes.len, "\x01\x02", 2);
	assert_bytes(ext(6)->v.bytes.p, ext(6)->v.bytes.len, "text", 4);
	assert_int_equal(ext(7)->type, MIP_EXT_GREKEY);
	assert_int_equal(ext(7)->fmt, MIP_FMT_LONG);
	assert_int_equal(ext(7)->subtype, 0);
	assert_int_equal(ext(7)->v.gre.key, 0x1234);
	assert_int_equal(ext(8)->type, MIP_EXT_NAI);

	ok("rrq ext cvse vendor 5535 type 0x0401 value hex:0001 reserved 3 "
	   "ext nvse reserved 0x102 vendor 1 type 2 value \"v\" "
	   "ext udp-tun-rep code 64 f keepalive 30 ext udp-tun-rep bits 0x7fff "
	   "ext udp-tun-req f r encap gre reserved1 1 reserved3 2 ext udp-tun-req bits 0x3f");
	e = ext(0);
	assert_int_equal(e->type, MIP_EXT_CVSE);
	assert_int_equal(e->fmt, MIP_FMT_LONG);
	assert_int_equal(e->subtype, 3); /* CVSE's Reserved byte */
	assert_int_equal(e->v.vse.vendor, 5535);
	assert_int_equal(e->v.vse.vtype, 0x401);
	assert_bytes(e->v.vse.value, e->v.vse.value_len, "\x00\x01", 2);
	e = ext(1);
	assert_int_equal(e->type, MIP_EXT_NVSE);
	assert_int_equal(e->v.vse.reserved, 0x102);
	assert_int_equal(e->v.vse.vendor, 1);
	assert_int_equal(e->v.vse.vtype, 2);
	assert_bytes(e->v.vse.value, e->v.vse.value_len, "v", 1);
	e = ext(2);
	assert_int_equal(e->type, MIP_EXT_UDPTUN_REP);
	assert_int_equal(e->fmt, MIP_FMT_SHORT);
	assert_int_equal(e->v.utrp.code, 64);
	assert_int_equal(e->v.utrp.flags, MIP_UTRP_F);
	assert_int_equal(e->v.utrp.keepalive, 30);
	assert_int_equal(ext(3)->v.utrp.flags, 0x7fff);
	e = ext(4);
	assert_int_equal(e->type, MIP_EXT_UDPTUN_REQ);
	assert_int_equal(e->v.utrq.flags, MIP_UTRQ_F | MIP_UTRQ_R);
	assert_int_equal(e->v.utrq.encap, 47);
	assert_int_equal(e->v.utrq.reserved1, 1);
	assert_int_equal(e->v.utrq.reserved3, 2);
	assert_int_equal(ext(5)->v.utrq.flags, 0x3f);

	ok("revocation ext rev-support i ts 1000 ext rev-support bits 0x7fff "
	   "ext dyn-ha requested 192.0.2.9 ext dyn-ha redirected 192.0.2.10 long "
	   "ext msg-string fa \"try later\" ext msg-string ha hex:41");
	e = ext(0);
	assert_int_equal(e->type, MIP_EXT_REVSUP);
	assert_int_equal(e->v.rev.flags, MIP_REVSUP_I);
	assert_int_equal(e->v.rev.ts, 1000);
	assert_int_equal(ext(1)->v.rev.flags, 0x7fff);
	assert_true(ext(1)->v.rev.ts > 3908988799u); /* now, in NTP seconds */
	e = ext(2);
	assert_int_equal(e->type, MIP_EXT_DYNHA);
	assert_int_equal(e->fmt, MIP_FMT_SHORT);
	assert_int_equal(e->subtype, MIP_DYNHA_REQUESTED);
	assert_int_equal(e->v.dynha.ha, IP(192, 0, 2, 9));
	assert_int_equal(ext(3)->fmt, MIP_FMT_LONG);
	assert_int_equal(ext(3)->subtype, MIP_DYNHA_REDIRECTED);
	e = ext(4);
	assert_int_equal(e->type, MIP_EXT_MSGSTR);
	assert_int_equal(e->subtype, MIP_MSGSTR_FA);
	assert_bytes(e->v.bytes.p, e->v.bytes.len, "try later", 9);
	assert_int_equal(ext(5)->subtype, MIP_MSGSTR_HA);
	assert_bytes(ext(5)->v.bytes.p, ext(5)->v.bytes.len, "A", 1);
}

static void test_pmip(void **state)
{
	const struct mip_ext *e;

	(void)state;
	ok("rrq ext pmip pernode fa-ha ext pmip.pernode ipsec ext pmip pernode 9 "
	   "ext pmip 5 data hex:0102 ext pmip-skip acctech lte ext pmip.acctech 802.16e "
	   "ext pmip-skip acctech 200 ext pmip.ifid eth0 ext pmip-skip ifid hex:0001");
	e = ext(0);
	assert_int_equal(e->type, MIP_EXT_PMIP_NS);
	assert_int_equal(e->fmt, MIP_FMT_LONG);
	assert_int_equal(e->subtype, MIP_PMIP_PERNODE);
	assert_int_equal(e->v.pernode.method, MIP_PERNODE_FAHA);
	assert_int_equal(ext(1)->v.pernode.method, MIP_PERNODE_IPSEC);
	assert_int_equal(ext(2)->v.pernode.method, 9);
	e = ext(3);
	assert_int_equal(e->subtype, 5);
	assert_true(e->raw);
	assert_bytes(e->data, e->data_len, "\x01\x02", 2);
	e = ext(4);
	assert_int_equal(e->type, MIP_EXT_PMIP_SK);
	assert_int_equal(e->fmt, MIP_FMT_SHORT);
	assert_int_equal(e->subtype, MIP_PMIP_ACCTECH);
	assert_int_equal(e->v.acctech.tech, 5);
	assert_int_equal(ext(5)->v.acctech.tech, 3);
	assert_int_equal(ext(6)->v.acctech.tech, 200);
	assert_int_equal(ext(7)->subtype, MIP_PMIP_IFID);
	assert_bytes(ext(7)->v.bytes.p, ext(7)->v.bytes.len, "eth0", 4);
	assert_bytes(ext(8)->v.bytes.p, ext(8)->v.bytes.len, "\x00\x01", 2);

	ok("rrq ext pmip.devid mac 02:00:00:00:00:01 ext pmip-skip devid mac 0A-0b-0C-0d-0E-0f "
	   "ext pmip.devid meid A0000000001234 ext pmip.devid imei 490154203237518 "
	   "ext pmip.devid esn hex:8000abcd ext pmip.devid type 9 id \"x\" "
	   "ext pmip.subid imsi 001010123456789 ext pmip-skip subid type 2 id hex:ff "
	   "ext pmip.devid mac hex:01");
	e = ext(0);
	assert_int_equal(e->subtype, MIP_PMIP_DEVID);
	assert_int_equal(e->v.pmid.idtype, 1);
	assert_bytes(e->v.pmid.id, e->v.pmid.id_len, "\x02\x00\x00\x00\x00\x01", 6);
	assert_bytes(ext(1)->v.pmid.id, ext(1)->v.pmid.id_len, "\x0a\x0b\x0c\x0d\x0e\x0f", 6);
	assert_int_equal(ext(2)->v.pmid.idtype, 2);
	assert_bytes(ext(2)->v.pmid.id, ext(2)->v.pmid.id_len, "\xa0\x00\x00\x00\x00\x12\x34",
		     7);
	assert_int_equal(ext(3)->v.pmid.idtype, 3);
	assert_bytes(ext(3)->v.pmid.id, ext(3)->v.pmid.id_len, "490154203237518", 15);
	assert_int_equal(ext(4)->v.pmid.idtype, 4);
	assert_bytes(ext(4)->v.pmid.id, ext(4)->v.pmid.id_len, "\x80\x00\xab\xcd", 4);
	assert_int_equal(ext(5)->v.pmid.idtype, 9);
	assert_bytes(ext(5)->v.pmid.id, ext(5)->v.pmid.id_len, "x", 1);
	e = ext(6);
	assert_int_equal(e->subtype, MIP_PMIP_SUBID);
	assert_int_equal(e->v.pmid.idtype, 1);
	assert_bytes(e->v.pmid.id, e->v.pmid.id_len, "001010123456789", 15);
	assert_int_equal(ext(7)->v.pmid.idtype, 2);
	assert_bytes(ext(7)->v.pmid.id, ext(7)->v.pmid.id_len, "\xff", 1);
	assert_bytes(ext(8)->v.pmid.id, ext(8)->v.pmid.id_len, "\x01", 1); /* any BYTES */
}

static void test_raw_and_modifiers(void **state)
{
	const struct mip_ext *e;

	(void)state;
	ok("rrq ext raw 200 hex:dead ext raw nai \"x\" format short subtype 7 "
	   "ext raw 0x63 ascii:abc format long length 1000 ext nai abc length 40 "
	   "ext pmip-skip acctech lte subtype 9 format long ext gre-key 1 data hex:00 "
	   "ext nvse length 255 ext raw 5 hex: format pad");
	e = ext(0);
	assert_int_equal(e->type, 200);
	assert_int_equal(e->fmt, MIP_FMT_TLV);
	assert_true(e->raw);
	assert_bytes(e->data, e->data_len, "\xde\xad", 2);
	e = ext(1);
	assert_int_equal(e->type, MIP_EXT_NAI);
	assert_int_equal(e->fmt, MIP_FMT_SHORT);
	assert_int_equal(e->subtype, 7);
	e = ext(2);
	assert_int_equal(e->type, 0x63);
	assert_int_equal(e->fmt, MIP_FMT_LONG);
	assert_true(e->length_set);
	assert_int_equal(e->length, 1000);
	e = ext(3);
	assert_true(e->length_set);
	assert_int_equal(e->length, 40);
	assert_false(e->raw);
	e = ext(4);
	assert_int_equal(e->subtype, 9);
	assert_int_equal(e->fmt, MIP_FMT_LONG);
	assert_int_equal(e->v.acctech.tech, 5);
	e = ext(5);
	assert_true(e->raw);
	assert_bytes(e->data, e->data_len, "\x00", 1);
	assert_int_equal(ext(6)->length, 255);
	assert_int_equal(ext(7)->fmt, MIP_FMT_PAD);
	assert_int_equal(ext(7)->data_len, 0);
}

static void test_trailer_truncate(void **state)
{
	const struct mip_msg *m = ok("rrq trailer hex:00ff truncate 10");

	(void)state;
	assert_bytes(m->trailer, m->trailer_len, "\x00\xff", 2);
	assert_true(m->truncate_set);
	assert_int_equal(m->truncate, 10);
	assert_false(ok("rrq")->truncate_set);
}

/* With `next`, parsing stops at a word that is no item: the command's own words. */
static void test_next(void **state)
{
	static const char src[] = "expect rrp code 0 hoa 10.0.0.1 within 2s";
	struct lex *lx = lex_create("s", src, strlen(src));
	struct lex_cmd cmd;
	size_t next = 0;

	(void)state;
	assert_int_equal(lex_next_command(lx, &cmd, &err), 1);
	assert_int_equal(expr_parse(&ctx, &cmd, 1, &next, &em, &err), 0);
	assert_int_equal(next, 6);
	assert_string_equal(cmd.tok[next].text, "within");
	assert_int_equal(em.msg.hoa, IP(10, 0, 0, 1));
	assert_int_equal(em.line, 1);
	assert_int_equal(em.col, 8);
	assert_int_equal(expr_parse(&ctx, &cmd, 1, NULL, &em, &err), -1);
	assert_string_equal(err.msg, "unknown item 'within' in rrp messages");
	assert_int_equal(err.col, 32);
	lex_destroy(lx);
	/* all tokens used: next is cmd.n */
	lx = lex_create("s", "rrq nai x", 9);
	assert_int_equal(lex_next_command(lx, &cmd, &err), 1);
	assert_int_equal(expr_parse(&ctx, &cmd, 0, &next, &em, &err), 0);
	assert_int_equal(next, 3);
	lex_destroy(lx);
}

static void test_errors(void **state)
{
	static const struct {
		const char *src, *want;
	} cases[] = {
		{ "rqr", "t:1:1: expected a message type (rrq, rrp, tunnel-data, revocation, "
			 "revocation-ack or type N), got 'rqr' (did you mean 'rrq'?)" },
		{ "\"rrq\"", "t:1:1: expected a message type (rrq, rrp, tunnel-data, revocation, "
			     "revocation-ack or type N), got a string" },
		{ "type 256", "t:1:6: 256 is out of range for 'type' (0-255)" },
		{ "rrq lifetme 5", "t:1:5: unknown item 'lifetme' in rrq messages (did you mean "
				   "'lifetime'?)" },
		{ "rrq hoa x", "t:1:9: expected an IPv4 address after 'hoa', got 'x'" },
		{ "rrq hoa 1.2.3", "t:1:9: expected an IPv4 address after 'hoa', got '1.2.3'" },
		{ "rrq hoa 1.2.3.256", "t:1:9: expected an IPv4 address after 'hoa', got "
				       "'1.2.3.256'" },
		{ "rrq   hoa", "t:1:10: expected an IPv4 address after 'hoa', got end of command" },
		{ "rrq hoa <", "t:1:9: expected an IPv4 address after 'hoa', got '<'" },
		{ "rrp coa 1.2.3.4", "t:1:5: 'coa' does not apply to rrp messages (only to rrq)" },
		{ "rrq a", "t:1:5: 'a' does not apply to rrq messages (only to revocation)" },
		{ "rrq lifetime 65536", "t:1:14: 65536 is out of range for 'lifetime' (0-65535)" },
		{ "rrq lifetime -1", "t:1:14: expected a number (0-65535) after 'lifetime', got '-1'" },
		{ "rrq ident 0x1ffffffffffffffff", "t:1:11: 0x1ffffffffffffffff is out of range "
						   "for 'ident' (0-18446744073709551615)" },
		{ "rrq flags TQ", "t:1:12: 'Q' is not an RRQ flag (S B D M G r T x)" },
		{ "rrq flags +", "t:1:11: no flag letters in '+'" },
		{ "rrq flags 256", "t:1:11: 256 is out of range for 'flags' (0-255)" },
		{ "rrq to 1.2.3.4:x", "t:1:8: bad port 'x' after 'to' (0-65535)" },
		{ "rrq from pma1", "t:1:10: expected an IPv4 address[:port] after 'from', got "
				   "'pma1'" },
		{ "rrp code acepted", "t:1:10: unknown name 'acepted' after 'code' (did you mean "
				      "'accepted'?)" },
		{ "tunnel-data next-header gree", "t:1:25: expected a number or one of ip, gre, "
						  "minimal after 'next-header', got 'gree' (did "
						  "you mean 'gre'?)" },
		{ "rrq payload abc", "t:1:13: expected bytes (hex:HEX, ascii:TEXT or \"string\") "
				     "after 'payload', got 'abc'" },
		{ "rrq payload hex:abc", "t:1:13: odd number of hex digits in 'hex:abc'" },
		{ "rrq payload hex:abzd", "t:1:19: 'z' is not a hex digit" },
		{ "rrq nai", "t:1:8: expected text or bytes (TEXT, hex:HEX, \"string\") after "
			     "'nai', got end of command" },
		{ "rrq ext nia x", "t:1:9: expected an extension name or number after 'ext', got "
				   "'nia' (did you mean 'nai'?)" },
		{ "rrq ext pmip.devd mac 1", "t:1:9: expected an extension name or number after "
					     "'ext', got 'pmip.devd' (did you mean 'pmip.devid'?)" },
		{ "rrq ext cvse-old", "t:1:9: extension 37 has no argument grammar: write it with "
				      "'ext raw 37 BYTES'" },
		{ "rrq ext 99", "t:1:9: extension 99 has no argument grammar: write it with "
				"'ext raw 99 BYTES'" },
		{ "rrq ext", "t:1:8: expected an extension name or number after 'ext', got end of "
			     "command" },
		{ "rrq ext pmip.devid mac 02:00:00:00:00", "t:1:24: expected a MAC address "
			"(XX:XX:XX:XX:XX:XX) after 'mac', got '02:00:00:00:00'" },
		{ "rrq ext pmip.devid mac 02:00:00:00:00:0g", "t:1:24: expected a MAC address "
			"(XX:XX:XX:XX:XX:XX) after 'mac', got '02:00:00:00:00:0g'" },
		{ "rrq ext pmip.devid imei 12a", "t:1:25: expected decimal digits after 'imei', "
						 "got '12a'" },
		{ "rrq ext pmip.devid meid 12x4", "t:1:27: 'x' is not a hex digit" },
		{ "rrq ext pmip.devid type 5 x", "t:1:27: expected 'id' after the ID-Type, got 'x'" },
		{ "rrq ext pmip.devid serial 1", "t:1:20: expected a number or one of mac, meid, "
						 "imei, esn after 'pmip.devid', got 'serial'" },
		{ "rrq ext pmip.acctech wimax", "t:1:22: expected a number or one of reserved, "
			"802.3, 802.11, 802.16e, 802.16m, lte, utran, 1xrtt, umb after "
			"'pmip.acctech', got 'wimax'" },
		{ "rrq ext pmip pernode ipsek", "t:1:22: expected a number or one of fa-ha, ipsec "
						"after 'pernode', got 'ipsek' (did you mean "
						"'ipsec'?)" },
		{ "rrq ext dyn-ha requested", "t:1:25: expected an IPv4 address after 'requested', "
					      "got end of command" },
		{ "rrq ext gre-key", "t:1:16: expected a number (0-4294967295) after 'gre-key', got "
				     "end of command" },
		{ "rrq auth fa-hx", "t:1:10: expected mn-ha, mn-fa, fa-ha, mn-aaa or gen-auth "
				    "after 'auth', got 'fa-hx' (did you mean 'fa-ha'?)" },
		{ "rrq auth fa-ha spi 256", "t:1:10: auth fa-ha needs key or value" },
		{ "rrq auth mn-ha value hex:00 corrupt", "t:1:10: 'value' gives the authenticator "
			"as it is: key, alg, corrupt and authlen do not apply to it" },
		{ "rrq auth mn-ha key hex:00 alg sha1", "t:1:31: expected a number or one of "
			"hmac-md5, keyed-md5 after 'alg', got 'sha1'" },
		{ "rrq auth mn-ha key hex:"
		  "000102030405060708090a0b0c0d0e0f000102030405060708090a0b0c0d0e0f"
		  "000102030405060708090a0b0c0d0e0f000102030405060708090a0b0c0d0e0f00",
		  "t:1:20: a key of 65 bytes is longer than 64" },
		{ "rrq auth mn-ha spi 5000000000 key hex:00", "t:1:20: 5000000000 is out of range "
							      "for 'spi' (0-4294967295)" },
		{ "rrq ext nai x length 3 length 4", "t:1:24: 'length' is not an item here (an "
			"extension takes each of its keywords once, right after its name)" },
		{ "rrq ext nai x subtype 3", "t:1:15: this layout has no Sub-Type: add 'format "
					     "short' or 'format long'" },
		{ "rrq ext nai x length 256", "t:1:15: Length 256 does not fit this layout's 8-bit "
					      "field" },
		{ "rrq ext raw 5 hex:00 format pad length 3", "t:1:33: a pad byte has no Length" },
		{ "rrq ext nai x format big", "t:1:22: expected tlv, short, long or pad after "
					      "'format', got 'big'" },
		{ "rrq ext pad count 0", "t:1:9: a pad run has at least one byte" },
		{ "rrq ext raw 200", "t:1:16: expected bytes (hex:HEX, ascii:TEXT or \"string\") "
				     "after '200', got end of command" },
		{ "rrq ident now now", "t:1:15: unknown item 'now' in rrq messages" },
		{ "rrq truncate 65536", "t:1:14: 65536 is out of range for 'truncate' (0-65535)" },
		{ "revack a", "t:1:8: 'a' does not apply to revocation-ack messages (only to "
			      "revocation)" },
		{ "rrq\\\n  hoa x", "t:2:7: expected an IPv4 address after 'hoa', got 'x'" },
	};

	(void)state;
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
		bad(cases[k].src, cases[k].want);
}

static void test_store_limits(void **state)
{
	static char src[EXPR_STORE_MAX * 2 + 100];
	size_t at;

	(void)state;
	at = (size_t)snprintf(src, sizeof src, "rrq payload hex:");
	memset(src + at, 'a', EXPR_STORE_MAX * 2 + 2);
	src[at + EXPR_STORE_MAX * 2 + 2] = '\0';
	bad(src, "t:1:13: the message's data exceeds 8192 bytes");
	at = 0;
	at += (size_t)snprintf(src + at, sizeof src - at, "rrq");
	for (int k = 0; k <= MIP_EXT_MAX; k++)
		at += (size_t)snprintf(src + at, sizeof src - at, " ext eds");
	bad(src, "t:1:521: more than 64 extensions");
	at = (size_t)snprintf(src, sizeof src, "rrq");
	for (int k = 0; k <= EXPR_SA_MAX; k++)
		at += (size_t)snprintf(src + at, sizeof src - at, " auth fa-ha key hex:00");
	bad(src, "t:1:186: more than 8 computed authenticators");
}

/* ---- encoding ---- */

/* PROTOCOL.md §4: the 51 covered bytes and their HMAC-MD5, and keyed-MD5. */
static void test_protocol_vector(void **state)
{
	static const char rrq[] = "rrq flags T lifetime 1800 hoa 0.0.0.0 ha 192.0.2.1 "
				  "coa 198.51.100.1 ident 0xe5f2a1b012345678 nai mn@example.com "
				  "ext pmip pernode fa-ha auth fa-ha spi 256 "
				  "key hex:000102030405060708090a0b0c0d0e0f";
	static const uint8_t keyed[16] = { 0x80, 0x21, 0x79, 0xe1, 0xd0, 0x54, 0x65, 0x75,
					   0x11, 0x70, 0xc0, 0xe1, 0x0b, 0x85, 0x30, 0xfa };
	uint8_t out[256];
	char src[400];
	size_t len;

	(void)state;
	encodes_to(rrq, golden_pmip_rrq, sizeof golden_pmip_rrq);
	snprintf(src, sizeof src, "%s alg keyed-md5", rrq);
	len = encode(src, out, sizeof out);
	assert_int_equal(len, sizeof golden_pmip_rrq);
	assert_memory_equal(out, golden_pmip_rrq, 51);
	assert_memory_equal(out + 51, keyed, 16);
}

/* Every golden message of golden.h, rebuilt from an expression. */
static void test_goldens(void **state)
{
	(void)state;
	encodes_to("rrp lifetime 900 hoa 10.1.0.7 ha 192.0.2.1 ident 0xe5f2a1b012345678 "
		   "nai a@b ext pmip pernode fa-ha ext gre-key 0x1234 ext rev-support i ts 1000 "
		   "auth fa-ha value hex:000102030405060708090a0b0c0d0e0f",
		   golden_pmip_rrp, sizeof golden_pmip_rrp);
	encodes_to("rrq flags S lifetime 60 hoa 10.0.0.1 ha 10.0.0.2 coa 10.0.0.3 ident 1 "
		   "ext pad count 2 ext udp-tun-req f r encap ip ext pmip.ifid eth0 "
		   "ext pmip.devid mac 02:00:00:00:00:01 ext pmip.subid imsi hex:1234 "
		   "ext pmip.acctech 802.16e ext dyn-ha requested 192.0.2.9 "
		   "ext dyn-ha redirected 192.0.2.10 long ext eds "
		   "ext nvse vendor 5583 type 1 value hex:aabb ext msg-string ha ok "
		   "ext raw 200 hex:dead ext cvse vendor 5583 type 0x0401 value hex:1122 "
		   "ext udp-tun-rep f keepalive 30 ext challenge hex:01020304 "
		   "ext mn-ha value hex:09090909 auth mn-aaa spi 257 value hex:07070707 "
		   "ext mn-fa spi 258 value hex: ext raw 99 hex:55",
		   golden_all_ext, sizeof golden_all_ext);
	encodes_to("revocation a i hoa 10.1.0.7 hda 192.0.2.1 fda 198.51.100.1 revid 65536 "
		   "auth fa-ha value hex:000102030405060708090a0b0c0d0e0f",
		   golden_rev, sizeof golden_rev);
	encodes_to("revack i hoa 10.1.0.7 revid 65536 "
		   "auth fa-ha value hex:0f0e0d0c0b0a09080706050403020100",
		   golden_revack, sizeof golden_revack);
	encodes_to("tunnel-data payload hex:4500001400000000401100000a01000708080808",
		   golden_tundata, sizeof golden_tundata);
}

/* A malformed message: a NAI whose Length lies, and a corrupt authenticator. */
static void test_malformed(void **state)
{
	uint8_t good[256], badm[256];
	size_t n1, n2;

	(void)state;
	n1 = encode("rrq ident 1 nai mn@x auth fa-ha key hex:00", good, sizeof good);
	n2 = encode("rrq ident 1 nai mn@x length 40 auth fa-ha key hex:00 corrupt", badm,
		    sizeof badm);
	assert_int_equal(n1, n2);
	assert_int_equal(badm[24], MIP_EXT_NAI);
	assert_int_equal(badm[25], 40);
	assert_memory_equal(badm + 30, good + 30, 6); /* same FA-HA header and SPI */
	/* the authenticator covers the lying Length, then is corrupted: it differs */
	assert_memory_not_equal(badm + 36, good + 36, 16);
	/* truncate and trailer */
	n2 = encode("rrq ident 1 nai mn@x auth fa-ha key hex:00 trailer hex:eeee", badm,
		    sizeof badm);
	assert_int_equal(n2, n1 + 2);
	assert_memory_equal(badm, good, n1);
	n2 = encode("rrq ident 1 nai mn@x auth fa-ha key hex:00 truncate 30", badm, sizeof badm);
	assert_int_equal(n2, 30);
	/* authlen 4: a short authenticator, its Length following */
	n2 = encode("rrq ident 1 auth fa-ha key hex:00 authlen 4", badm, sizeof badm);
	assert_int_equal(n2, 24 + 2 + 4 + 4);
	assert_int_equal(badm[25], 8);
}

/* `now` twice in one clock tick still gives increasing values. */
static void test_now_increases(void **state)
{
	uint64_t a, b;

	(void)state;
	a = ok("rrq ident now")->ident;
	b = ok("rrq")->ident;
	assert_true(b > a);
	assert_int_equal(ctx.last_ident, b);
	assert_int_equal(a >> 32, (T0_NS / 1000000000ull) + NTP_UNIX_OFFSET);
}

/* ---- keywords, completion, help ---- */

static char words[4096];

static void collect(void *arg, const char *w)
{
	(void)arg;
	strcat(words, w);
	strcat(words, " ");
}

static void test_keywords(void **state)
{
	struct expr_keyword kw;
	bool seen_lifetime = false, seen_devid = false, seen_length = false, seen_aaa = false;
	unsigned n = 0;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	for (; expr_keyword(n, &kw); n++) {
		assert_non_null(kw.name);
		assert_non_null(kw.args);
		assert_non_null(kw.help);
		seen_lifetime |= kw.kind == EXPR_KW_ITEM && !strcmp(kw.name, "lifetime");
		seen_devid |= kw.kind == EXPR_KW_EXT && !strcmp(kw.name, "pmip.devid");
		seen_length |= kw.kind == EXPR_KW_MOD && !strcmp(kw.name, "length");
		seen_aaa |= kw.kind == EXPR_KW_AUTH && !strcmp(kw.name, "mn-aaa");
	}
	assert_true(n > 50);
	assert_true(seen_lifetime && seen_devid && seen_length && seen_aaa);

	words[0] = '\0';
	assert_int_equal(expr_complete(NULL, 0, collect, NULL), 8);
	assert_string_equal(words, "rrq rrp tunnel-data revocation revocation-ack rev revack "
			    "type ");
	static const struct lex_tok toks[] = {
		{ LEX_WORD, LEX_OP_NONE, "rrq", 3, 1, 1 },
		{ LEX_WORD, LEX_OP_NONE, "ext", 3, 1, 5 },
		{ LEX_WORD, LEX_OP_NONE, "auth", 4, 1, 9 },
	};
	words[0] = '\0';
	expr_complete(toks, 2, collect, NULL);
	assert_non_null(strstr(words, "pmip-skip "));
	assert_non_null(strstr(words, "pmip.acctech "));
	assert_non_null(strstr(words, "raw "));
	words[0] = '\0';
	expr_complete(toks, 3, collect, NULL);
	assert_string_equal(words, "mn-ha mn-fa fa-ha gen-auth mn-aaa ");
	words[0] = '\0';
	expr_complete(toks, 1, collect, NULL);
	assert_non_null(strstr(words, "coa "));
	assert_null(strstr(words, "hda "));
	assert_non_null(strstr(words, "length "));

	f = open_memstream(&buf, &len);
	assert_non_null(f);
	expr_help(f);
	fclose(f);
	assert_non_null(strstr(buf, "lifetime"));
	assert_non_null(strstr(buf, "pmip.devid"));
	assert_non_null(strstr(buf, "udp-tun-req"));
	free(buf);
}

/* expr_ctx.default_ends fills in the endpoints the expression did not name, before the
 * defaults that follow from them (ha, coa; hda, fda). */
static void pick_ends(void *arg, struct expr_msg *e)
{
	bool to_ha = !(e->msg.type == MIP_REV && e->msg.rflags & MIP_REV_A);

	(*(int *)arg)++;
	if (!e->from_set) {
		e->ends.src = to_ha ? IP(192, 0, 2, 3) : IP(192, 0, 2, 2);
		e->ends.sport = 4340;
	}
	if (!e->to_set)
		e->ends.dst = to_ha ? IP(192, 0, 2, 2) : IP(192, 0, 2, 3);
}

static void test_default_ends(void **state)
{
	const struct mip_msg *m;
	int calls = 0;

	(void)state;
	ctx.default_ends = pick_ends;
	ctx.arg = &calls;
	m = ok("rrq");
	assert_false(em.from_set);
	assert_false(em.to_set);
	assert_int_equal(em.ends.src, IP(192, 0, 2, 3));
	assert_int_equal(em.ends.sport, 4340);
	assert_int_equal(em.ends.dst, IP(192, 0, 2, 2));
	assert_int_equal(m->ha, IP(192, 0, 2, 2));
	assert_int_equal(m->coa, IP(192, 0, 2, 3));
	/* one given, the other filled in; the `to` token's index is kept */
	m = ok("rrq nai a@b to 10.0.0.1:5");
	assert_false(em.from_set);
	assert_true(em.to_set);
	assert_int_equal(em.to_tok, 4);
	assert_int_equal(em.ends.dst, IP(10, 0, 0, 1));
	assert_int_equal(em.ends.dport, 5);
	assert_int_equal(em.ends.src, IP(192, 0, 2, 3));
	assert_int_equal(m->ha, IP(10, 0, 0, 1));
	/* A set after the addresses still decides the direction */
	m = ok("revocation a");
	assert_int_equal(em.ends.src, IP(192, 0, 2, 2));
	assert_int_equal(m->ha, IP(192, 0, 2, 2));
	assert_int_equal(m->coa, IP(192, 0, 2, 3));
	/* both given: not called */
	calls = 0;
	ok("rrq from 1.1.1.1 to 2.2.2.2");
	assert_true(em.from_set && em.to_set);
	assert_int_equal(calls, 0);
	assert_int_equal(em.ends.src, IP(1, 1, 1, 1));
}

static void test_ext_lookup_and_flags(void **state)
{
	uint8_t type, flags;
	int sub;
	size_t bad;

	(void)state;
	assert_int_equal(expr_ext_lookup("pmip.devid", &type, &sub), 0);
	assert_int_equal(type, MIP_EXT_PMIP_SK);
	assert_int_equal(sub, MIP_PMIP_DEVID);
	assert_int_equal(expr_ext_lookup("pmip.pernode", &type, &sub), 0);
	assert_int_equal(type, MIP_EXT_PMIP_NS);
	assert_int_equal(sub, MIP_PMIP_PERNODE);
	assert_int_equal(expr_ext_lookup("rev-support", &type, &sub), 0);
	assert_int_equal(type, MIP_EXT_REVSUP);
	assert_int_equal(sub, -1);
	assert_int_equal(expr_ext_lookup("mn-aaa", &type, &sub), 0);
	assert_int_equal(type, MIP_EXT_GENAUTH);
	assert_int_equal(sub, MIP_GENAUTH_MNAAA);
	assert_int_equal(expr_ext_lookup("147/4", &type, &sub), 0);
	assert_int_equal(type, 147);
	assert_int_equal(sub, 4);
	assert_int_equal(expr_ext_lookup("0x22", &type, &sub), 0);
	assert_int_equal(type, MIP_EXT_FAHA);
	assert_int_equal(expr_ext_lookup("pmip.bogus", &type, &sub), -1);
	assert_int_equal(expr_ext_lookup("256", &type, &sub), -1);
	assert_int_equal(expr_ext_lookup("147/x", &type, &sub), -1);
	assert_int_equal(expr_ext_lookup("nope", &type, &sub), -1);

	assert_int_equal(expr_flags("T+g", 3, &flags, &bad), 0);
	assert_int_equal(flags, MIP_F_T | MIP_F_G);
	assert_int_equal(expr_flags("T+Q", 3, &flags, &bad), -1);
	assert_int_equal(bad, 2);
	assert_int_equal(expr_flags("+,", 2, &flags, &bad), -1);
	assert_int_equal(bad, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_rrq_defaults, setup),
		cmocka_unit_test_setup(test_rrq_fields, setup),
		cmocka_unit_test_setup(test_rrp, setup),
		cmocka_unit_test_setup(test_revocation, setup),
		cmocka_unit_test_setup(test_revack, setup),
		cmocka_unit_test_setup(test_tundata_and_other_types, setup),
		cmocka_unit_test_setup(test_auth, setup),
		cmocka_unit_test_setup(test_auth_sa_lookup, setup),
		cmocka_unit_test_setup(test_ext_values, setup),
		cmocka_unit_test_setup(test_pmip, setup),
		cmocka_unit_test_setup(test_raw_and_modifiers, setup),
		cmocka_unit_test_setup(test_trailer_truncate, setup),
		cmocka_unit_test_setup(test_next, setup),
		cmocka_unit_test_setup(test_errors, setup),
		cmocka_unit_test_setup(test_store_limits, setup),
		cmocka_unit_test_setup(test_protocol_vector, setup),
		cmocka_unit_test_setup(test_goldens, setup),
		cmocka_unit_test_setup(test_malformed, setup),
		cmocka_unit_test_setup(test_now_increases, setup),
		cmocka_unit_test_setup(test_keywords, setup),
		cmocka_unit_test_setup(test_default_ends, setup),
		cmocka_unit_test_setup(test_ext_lookup_and_flags, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
