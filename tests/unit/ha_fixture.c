/* ha_fixture.c — see ha_fixture.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "ha_fixture.h"
#include "prrq.h"

static const uint8_t key_fa[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
static const uint8_t key_mn[16] = { 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 1 };

void fx_setup(struct fx *f, void (*tune)(struct ha_config *c))
{
	char err[128];
	struct ha_listener l;

	memset(f, 0, sizeof *f);
	f->vc.now_ns = T0;
	f->vc.seed = 7;
	f->clk = clk_virtual(&f->vc);
	f->fa = (struct mip_sa){ .spi = 256, .alg = AUTH_HMAC_MD5, .kind = AUTH_KIND_FAHA,
				 .match = AUTH_MATCH_ANY, .key_len = 16 };
	memcpy(f->fa.key, key_fa, 16);
	f->mn = (struct mip_sa){ .spi = 300, .alg = AUTH_HMAC_MD5, .kind = AUTH_KIND_MNHA,
				 .match = AUTH_MATCH_NAI, .key_len = 16 };
	memcpy(f->mn.key, key_mn, 16);
	strcpy(f->mn.nai, "mn1@example.net");
	ha_config_defaults(&f->cfg);
	f->cfg.addrs[f->cfg.n_addrs++] = HA_ADDR;
	f->cfg.sa[f->cfg.n_sa++] = f->fa;
	f->cfg.sa[f->cfg.n_sa++] = f->mn;
	f->cfg.pool = pool_create("10.10.0.0/24", err, sizeof err);
	assert_non_null(f->cfg.pool);
	if (tune)
		tune(&f->cfg);
	f->mem = io_mem_create();
	f->ha = ha_create(&f->cfg, &f->clk);
	assert_non_null(f->ha);
	l = (struct ha_listener){ HA_ADDR, 434, io_mem_io(f->mem) };
	assert_int_equal(ha_add_listener(f->ha, &l), 0);
}

void fx_teardown(struct fx *f)
{
	ha_destroy(f->ha);
	io_mem_destroy(f->mem);
}

void fx_advance(struct fx *f, uint64_t ns)
{
	f->vc.now_ns += ns;
	ha_tick(f->ha);
}

void fx_input(struct fx *f, uint32_t src, const uint8_t *buf, size_t len)
{
	struct udp_ends e = { src, HA_ADDR, 434, 434 };

	ha_input(f->ha, 0, &e, buf, len);
}

/* The fixture's request options, in the shared builder's terms. */
static struct prrq to_prrq(const struct fx *f, const struct req *r, const char *nai)
{
	bool pernode = !r->mnha;

	return (struct prrq){
		.nai = nai, .acctech = r->acctech, .unknown = r->unknown,
		.pernode = pernode && !r->no_pernode, .rev = r->rev, .rev_i = r->rev_i, .rev_ts = 1,
		.gre = r->gre, .gre_key = r->gre_key,
		.mn = r->mnha && !r->no_auth ? &f->mn : NULL, .mn_spi = r->spi, .mn_bad = r->corrupt,
		.fa = (pernode && !r->no_auth) || (r->mnha && !r->no_faha) ? &f->fa : NULL,
		.fa_spi = pernode ? r->spi : 0, .fa_bad = pernode && r->corrupt,
	};
}

int fx_rrq(struct fx *f, const struct req *r)
{
	static struct mip_msg m;
	uint8_t buf[1024];
	const char *nai = r->nai ? r->nai : "mn1@example.net";
	uint32_t src = r->src ? r->src : PMA1;
	struct prrq q = to_prrq(f, r, nai);
	size_t n;

	mip_msg_init(&m, MIP_RRQ);
	m.flags = r->flags;
	m.lifetime = r->dereg ? 0 : r->lifetime ? r->lifetime : 300;
	m.hoa = r->hoa;
	m.ha = r->ha_zero ? 0 : r->ha ? r->ha : HA_ADDR;
	m.coa = src;
	f->last_ident = r->ident ? r->ident : ident_timestamp(&f->clk, f->last_ident);
	m.ident = f->last_ident;
	prrq_exts(&m, &q);
	assert_int_equal(mip_encode(&m, buf, sizeof buf, &n, NULL), 0);
	fx_input(f, src, buf, n);
	if (io_mem_count(f->mem) == 0)
		return -1;
	assert_int_equal(fx_take(f, NULL), 0);
	assert_int_equal(f->rep.type, MIP_RRP);
	return f->rep.code;
}

int fx_rev(struct fx *f, uint32_t src, uint32_t hoa, uint32_t revid, uint16_t rflags,
	   bool corrupt)
{
	struct mip_msg m;
	struct mip_ext *x;
	uint8_t buf[128];
	size_t n;

	mip_msg_init(&m, MIP_REV);
	m.rflags = rflags;
	m.hoa = hoa;
	m.ha = HA_ADDR;
	m.coa = src;
	m.revid = revid;
	x = mip_ext_add(&m, MIP_EXT_FAHA, 0);
	x->v.auth.spi = 256;
	x->auth_mode = corrupt ? MIP_AUTH_CORRUPT : MIP_AUTH_COMPUTE;
	x->sa = &f->fa;
	assert_int_equal(mip_encode(&m, buf, sizeof buf, &n, NULL), 0);
	fx_input(f, src, buf, n);
	return (int)io_mem_count(f->mem);
}

int fx_take(struct fx *f, uint32_t *to)
{
	struct io_mem_pkt p;
	struct mip_err err;

	if (io_mem_pop(f->mem, &p) < 0)
		return -1;
	assert_true(p.len <= sizeof f->repbuf);
	memcpy(f->repbuf, p.buf, p.len);
	f->replen = p.len;
	if (to)
		*to = p.ends.dst;
	assert_int_equal(p.ends.src, HA_ADDR);
	free(p.buf);
	assert_int_equal(mip_decode(f->repbuf, f->replen, &f->rep, &err), 0);
	return 0;
}

bool fx_rep_auth_ok(struct fx *f, uint8_t type)
{
	const struct mip_ext *x = mip_ext_find(&f->rep, type, -1);

	if (!x)
		return false;
	return auth_verify(f->repbuf, f->replen, x, type == MIP_EXT_FAHA ? &f->fa : &f->mn) ==
	       AUTH_VALID;
}
