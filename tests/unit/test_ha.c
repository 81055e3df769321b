/* test_ha.c — the reference HA, rule by rule, on a virtual clock with in-memory I/O:
 * registration, authentication, Identification and sequencing across two PMAs,
 * lifetimes and expiry, deregistration, addresses, PMIPv4 codes, encapsulation,
 * simultaneous bindings, revocation with backoff, and the faults that break each.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "binding.h"
#include "ha_fixture.h"
#include "ha_priv.h" /* ha_send, for the mutators */

static struct fx F;

static int setup(void **state)
{
	fx_setup(&F, NULL);
	return 0;
}

static int teardown(void **state)
{
	fx_teardown(&F);
	return 0;
}

#define RRQ(...) fx_rrq(&F, &(struct req){ __VA_ARGS__ })
#define NAI1 ((const uint8_t *)"mn1@example.net")
#define NAI1_LEN 15

static struct bnd *binding1(void)
{
	return bnd_by_nai(ha_bindings(F.ha), NAI1, NAI1_LEN);
}

static void with(void (*tune)(struct ha_config *c))
{
	fx_teardown(&F);
	fx_setup(&F, tune);
}

/* RFC 5563 §4.1.1, §5.1, §8; RFC 5944 §3.8.3; RFC 2794 §3: a per-node proxy registration
 * is accepted with an address from the pool, the NAI and 47/1 echoed, FA-HA valid. */
static void test_pernode_registration(void **state)
{
	const struct mip_ext *x;
	struct bnd *b;

	assert_int_equal(RRQ(.acctech = 3), 0);
	assert_int_equal(F.rep.lifetime, 300);
	assert_int_equal(F.rep.hoa & 0xffffff00u, 0x0a0a0000u);
	assert_int_equal(F.rep.ha, HA_ADDR);
	assert_true(F.rep.ident == F.last_ident); /* the whole Identification copied (§5.7) */
	x = mip_ext_find(&F.rep, MIP_EXT_NAI, -1);
	assert_non_null(x);
	assert_memory_equal(x->v.bytes.p, NAI1, NAI1_LEN);
	x = mip_ext_find(&F.rep, MIP_EXT_PMIP_NS, MIP_PMIP_PERNODE);
	assert_non_null(x);
	assert_int_equal(x->v.pernode.method, MIP_PERNODE_FAHA);
	assert_null(mip_ext_find(&F.rep, MIP_EXT_PMIP_SK, -1)); /* §5.5: not in replies */
	assert_true(fx_rep_auth_ok(&F, MIP_EXT_FAHA));
	assert_int_equal(F.rep.ext[F.rep.n_ext - 1].type, MIP_EXT_FAHA); /* FA-HA last */
	b = binding1();
	assert_non_null(b);
	assert_int_equal(b->hoa, F.rep.hoa);
	assert_int_equal(b->coa, PMA1);
	assert_int_equal(b->acctech, 3);
	assert_true(b->flags & BND_PERNODE);
	assert_int_equal(bnd_by_hoa(ha_bindings(F.ha), F.rep.hoa), b);
}

/* RFC 5944 §3.8.2.2: the HA never grants more than its maximum, and says so. */
static void test_lifetime_cap(void **state)
{
	assert_int_equal(RRQ(.lifetime = 5000), 0);
	assert_int_equal(F.rep.lifetime, 1800);
	assert_int_equal(RRQ(.lifetime = MIP_LIFETIME_INFINITE), 0);
	assert_int_equal(F.rep.lifetime, 1800);
	assert_int_equal(RRQ(.lifetime = 20), 0);
	assert_int_equal(F.rep.lifetime, 20);
}

/* §3.8.2.2 and §3.8: after the lifetime the binding is gone, and no reply is sent. */
static void test_expiry(void **state)
{
	uint32_t hoa;

	assert_int_equal(RRQ(.lifetime = 30), 0);
	hoa = F.rep.hoa;
	fx_advance(&F, 29 * NS_PER_S);
	assert_non_null(binding1());
	fx_advance(&F, 1 * NS_PER_S);
	assert_null(binding1());
	assert_null(bnd_by_hoa(ha_bindings(F.ha), hoa));
	assert_int_equal(io_mem_count(F.mem), 0);
	assert_int_equal(ha_counters(F.ha)->expired, 1);
}

/* Register for 30 s, and 20 s later renew for 30 s more; the home address. */
static uint32_t register_then_renew(void)
{
	uint32_t hoa;

	assert_int_equal(RRQ(.lifetime = 30), 0);
	hoa = F.rep.hoa;
	fx_advance(&F, 20 * NS_PER_S);
	assert_int_equal(RRQ(.lifetime = 30, .hoa = hoa), 0);
	assert_int_equal(F.rep.hoa, hoa);
	return hoa;
}

/* A renewal moves the expiry; lifetime 0 deregisters (§3.8.2.2). */
static void test_renew_and_dereg(void **state)
{
	uint32_t hoa = register_then_renew();

	fx_advance(&F, 20 * NS_PER_S);
	assert_non_null(binding1()); /* 40 s after the first: renewed */
	assert_int_equal(RRQ(.dereg = true, .hoa = hoa), 0);
	assert_int_equal(F.rep.lifetime, 0);
	assert_null(binding1());
}

/* The binding's timer is due in s seconds: the binding is there a second before and
 * gone then, the expired-th expiry. */
static void expires_in(uint64_t s, uint64_t expired)
{
	assert_int_equal(ha_next_due(F.ha), F.vc.now_ns + s * NS_PER_S);
	fx_advance(&F, (s - 1) * NS_PER_S);
	assert_non_null(binding1());
	fx_advance(&F, 1 * NS_PER_S);
	assert_null(binding1());
	assert_int_equal(ha_counters(F.ha)->expired, expired);
}

/* A renewal leaves the expiry timer where it was: the binding lives through the old end
 * and goes at the new one, never sooner or later; a shorter lifetime moves it earlier. */
static void test_renew_expiry_time(void **state)
{
	uint32_t hoa = register_then_renew();

	fx_advance(&F, 10 * NS_PER_S); /* the first lifetime's end */
	assert_non_null(binding1());
	expires_in(20, 1);

	assert_int_equal(RRQ(.lifetime = 30), 0);
	hoa = F.rep.hoa;
	fx_advance(&F, 10 * NS_PER_S);
	assert_int_equal(RRQ(.lifetime = 5, .hoa = hoa), 0);
	expires_in(5, 2);
}

/* §3.8.2.1 a, c; RFC 5563 §8: a bad per-node FA-HA gets 132, itself protected. */
static void test_bad_faha(void **state)
{
	assert_int_equal(RRQ(.corrupt = true), 132);
	assert_true(fx_rep_auth_ok(&F, MIP_EXT_FAHA));
	assert_null(binding1());
	assert_int_equal(ha_counters(F.ha)->auth_fail, 1);
}

/* §3.8.2.1 a: no authorization-enabling extension, or no SA: silently discarded. */
static void test_silent_discards(void **state)
{
	assert_int_equal(RRQ(.no_auth = true), -1);
	assert_int_equal(RRQ(.spi = 4444), -1);
	assert_int_equal(RRQ(.no_pernode = true), -1); /* FA-HA alone authorizes nothing */
	assert_int_equal(ha_counters(F.ha)->drop[HA_DROP_NO_AUTH], 2);
	assert_int_equal(ha_counters(F.ha)->drop[HA_DROP_NO_SA], 1);
}

/* RFC 5944 §1.8: unknown 0-127 discards the message; unknown 128-255 is skipped. */
static void test_unknown_extensions(void **state)
{
	assert_int_equal(RRQ(.unknown = 99), -1);
	assert_int_equal(ha_counters(F.ha)->drop[HA_DROP_UNKNOWN_NONSKIP], 1);
	assert_int_equal(RRQ(.unknown = 200), 0);
}

/* §3.8.2.1 b, §5.7.1: a replayed or stale Identification gets 133 with the low 32 bits
 * copied and the HA's time in the high 32 bits. */
static void test_ident_133(void **state)
{
	uint64_t id, now;

	assert_int_equal(RRQ(0), 0);
	id = F.last_ident;
	assert_int_equal(RRQ(.ident = id), 133); /* not newer */
	now = ha_now_ntp(F.ha);
	assert_int_equal((uint32_t)F.rep.ident, (uint32_t)id);
	assert_int_equal((uint32_t)(F.rep.ident >> 32), (uint32_t)(now >> 32));
	assert_true(fx_rep_auth_ok(&F, MIP_EXT_FAHA));
	/* 8 s behind the HA's clock: outside the 7 s window */
	assert_int_equal(RRQ(.ident = ident_ntp_from_ns(F.vc.now_ns - 8 * NS_PER_S)), 133);
	assert_int_equal(RRQ(.ident = ident_ntp_from_ns(F.vc.now_ns + 8 * NS_PER_S)), 133);
	assert_int_equal(RRQ(.ident = ident_ntp_from_ns(F.vc.now_ns + 6 * NS_PER_S)), 0);
}

/* RFC 5563 §4.4, §8 item 1; DESIGN.md §6.2: sequencing is per NAI across PMAs. */
static void test_sequencing_two_pmas(void **state)
{
	uint64_t older;

	older = ident_ntp_from_ns(F.vc.now_ns - 1 * NS_PER_S);
	assert_int_equal(RRQ(.src = PMA1), 0);
	assert_int_equal(RRQ(.src = PMA2, .ident = older), 133); /* older than PMA1's */
	assert_int_equal(binding1()->coa, PMA1);
	fx_advance(&F, NS_PER_S);
	assert_int_equal(RRQ(.src = PMA2), 0); /* newer: the handover is accepted */
	assert_int_equal(binding1()->coa, PMA2);
}

/* RFC 5563 §8.1: 149 when PMIPv4 is off, 150 for a PMA not allowed. */
static void pmip_off(struct ha_config *c)
{
	c->pmip = false;
}

static void disallow_pma2(struct ha_config *c)
{
	c->disallow[c->n_disallow++] = PMA2;
}

static void test_149_150(void **state)
{
	with(pmip_off);
	assert_int_equal(RRQ(0), 149);
	assert_true(fx_rep_auth_ok(&F, MIP_EXT_FAHA));
	with(disallow_pma2);
	assert_int_equal(RRQ(.src = PMA2), 150);
	assert_int_equal(RRQ(.src = PMA1), 0);
}

/* RFC 5563 §4.1.1 step 4, DESIGN.md §6.1: an unauthorised home address gets 129. */
static void test_129(void **state)
{
	uint32_t taken;

	assert_int_equal(RRQ(0), 0);
	taken = F.rep.hoa;
	assert_int_equal(RRQ(.nai = "mn2@example.net", .hoa = taken), 129);
	assert_int_equal(RRQ(.nai = "mn2@example.net", .hoa = 0x0b000001u), 129);
	assert_int_equal(RRQ(.nai = "mn2@example.net", .hoa = 0x0a0a0063u), 0); /* free in pool */
	assert_int_equal(F.rep.hoa, 0x0a0a0063u);
}

/* RFC 5944 §3.8.3.2 (136 with the HA's address), RFC 4433 §5.3 (0.0.0.0 accepted, or
 * redirected with 143 and 139/2). */
static void redirect(struct ha_config *c)
{
	c->redirect_to = 0xc0000263u;
}

static void test_ha_field(void **state)
{
	const struct mip_ext *x;

	assert_int_equal(RRQ(.ha = 0xc0000299u), 136);
	assert_int_equal(F.rep.ha, HA_ADDR);
	assert_int_equal(RRQ(.ha_zero = true), 0);
	assert_int_equal(F.rep.ha, HA_ADDR);
	assert_int_equal(RRQ(.ha = 0xffffffffu), 0);
	with(redirect);
	assert_int_equal(RRQ(.ha_zero = true), 143);
	x = mip_ext_find(&F.rep, MIP_EXT_DYNHA, MIP_DYNHA_REDIRECTED);
	assert_non_null(x);
	assert_int_equal(x->v.dynha.ha, 0xc0000263u);
	assert_int_equal(F.rep.ha, HA_ADDR);
}

/* RFC 6245 §4: a request with 48 gets 48 with the HA's key, in every reply; key 0 makes
 * one symmetric key (DESIGN.md §6.5).  GRE off: 139. */
static void gre_off(struct ha_config *c)
{
	c->gre = false;
}

static void test_gre_key(void **state)
{
	const struct mip_ext *x;
	uint32_t key;
	int i;

	assert_int_equal(RRQ(.gre = true, .gre_key = 0), 0);
	x = mip_ext_find(&F.rep, MIP_EXT_GREKEY, -1);
	assert_non_null(x);
	key = x->v.gre.key;
	assert_int_not_equal(key, 0);
	assert_int_equal(binding1()->gre_fa, key);
	/* RFC 6245 §4.1: after the authorization extensions, before FA-HA */
	for (i = 0; F.rep.ext[i].type != MIP_EXT_GREKEY; i++)
		;
	assert_int_equal(F.rep.ext[i + 1].type, MIP_EXT_FAHA);
	assert_int_equal(RRQ(.gre = true, .gre_key = 77), 0);
	assert_int_equal(mip_ext_find(&F.rep, MIP_EXT_GREKEY, -1)->v.gre.key, key);
	assert_int_equal(binding1()->gre_fa, 77);
	/* RFC 6245 §4.2: the deregistration reply carries the key too */
	assert_int_equal(RRQ(.gre = true, .dereg = true, .hoa = F.rep.hoa), 0);
	assert_int_equal(mip_ext_find(&F.rep, MIP_EXT_GREKEY, -1)->v.gre.key, key);
	with(gre_off);
	assert_int_equal(RRQ(.gre = true), 139);
	assert_int_equal(RRQ(.flags = MIP_F_G), 139);
}

/* RFC 3024 §4.3.1: 137 when reverse tunnelling is off, 138 when it is mandatory. */
static void rt_off(struct ha_config *c)
{
	c->reverse_tunnel = false;
}

static void rt_required(struct ha_config *c)
{
	c->require_t = true;
}

static void test_reverse_tunnel(void **state)
{
	assert_int_equal(RRQ(.flags = MIP_F_T), 0);
	assert_true(binding1()->flags & BND_T);
	with(rt_off);
	assert_int_equal(RRQ(.flags = MIP_F_T), 137);
	with(rt_required);
	assert_int_equal(RRQ(0), 138);
	assert_int_equal(RRQ(.flags = MIP_F_T), 0);
}

/* RFC 5944 §3.8.2.2, §3.8.3.2: S without support → 1; with support the old CoA stays,
 * the limit answers 135; deregistering one CoA keeps the others. */
static void simultaneous(struct ha_config *c)
{
	c->simultaneous = true;
	c->max_simultaneous = 2;
}

static void test_simultaneous(void **state)
{
	uint32_t hoa;

	assert_int_equal(RRQ(.flags = MIP_F_S), 1);
	with(simultaneous);
	assert_int_equal(RRQ(.flags = MIP_F_S), 0);
	hoa = F.rep.hoa;
	assert_int_equal(RRQ(.flags = MIP_F_S, .src = PMA2, .hoa = hoa), 0);
	assert_int_equal(binding1()->coa, PMA2);
	assert_int_equal(binding1()->n_extra, 1);
	assert_int_equal(binding1()->extra[0].coa, PMA1);
	assert_int_equal(RRQ(.flags = MIP_F_S, .src = 0xc000020cu, .hoa = hoa), 135);
	assert_int_equal(RRQ(.dereg = true, .src = PMA2, .hoa = hoa), 0);
	assert_non_null(binding1());
	assert_int_equal(binding1()->coa, PMA1);
}

/* RFC 5944 §3.5.2, §3.8.2.1 a, c: per-MN MN-HA; a bad one gets 131 protected by MN-HA;
 * an FA the HA shares an SA with must add FA-HA (132 without it). */
static void test_mnha(void **state)
{
	assert_int_equal(RRQ(.mnha = true), 0);
	assert_true(fx_rep_auth_ok(&F, MIP_EXT_MNHA));
	assert_true(fx_rep_auth_ok(&F, MIP_EXT_FAHA));
	assert_int_equal(RRQ(.mnha = true, .no_faha = true), 132);
	assert_null(mip_ext_find(&F.rep, MIP_EXT_PMIP_NS, -1));
	assert_int_equal(RRQ(.mnha = true, .corrupt = true), 131);
	assert_true(fx_rep_auth_ok(&F, MIP_EXT_MNHA));
	assert_true(fx_rep_auth_ok(&F, MIP_EXT_FAHA)); /* §3.8.1: to an FA with an SA */
	assert_int_equal(RRQ(.mnha = true, .nai = "other@example.net"), -1); /* no SA */
}

/* RFC 5944 §3.8.2.3: extensions that do not parse → 134 (the fixed part decoded). */
static void test_134_malformed(void **state)
{
	static const uint8_t bad[] = { 1, 0, 0, 30, 0, 0, 0, 0, 0xc0, 0, 2, 1, 0xc0, 0, 2, 10,
				       0, 0, 0, 0, 0, 0, 0, 1, 0x83, 0x20, 'x' };

	fx_input(&F, PMA1, bad, sizeof bad);
	assert_int_equal(fx_take(&F, NULL), 0);
	assert_int_equal(F.rep.code, 134);
	assert_true(fx_rep_auth_ok(&F, MIP_EXT_FAHA));
	fx_input(&F, PMA1, bad, 10); /* not even the fixed part */
	assert_int_equal(io_mem_count(F.mem), 0);
}

/* RFC 5944 §5.7.2: nonce mode is self-synchronising. */
static void nonce_mode(struct ha_config *c)
{
	c->ident_mode = HA_IDENT_NONCE;
}

static void test_nonce(void **state)
{
	uint64_t id;

	with(nonce_mode);
	assert_int_equal(RRQ(.ident = 0x1111111100000001ull), 133);
	id = (F.rep.ident & 0xffffffff00000000ull) | 2;
	assert_int_equal((uint32_t)F.rep.ident, 1);
	assert_int_equal(RRQ(.ident = id), 0);
	assert_int_equal(RRQ(.ident = id), 133); /* the same request again */
	id = (F.rep.ident & 0xffffffff00000000ull) | 3;
	assert_int_equal(RRQ(.ident = id), 0);
}

/* DESIGN.md §6.2: the draft-leung seq-ext profile: 0 or not older accepted, max + 1. */
static void seqext_mode(struct ha_config *c)
{
	c->ident_mode = HA_IDENT_SEQEXT;
}

static void test_seqext(void **state)
{
	with(seqext_mode);
	assert_int_equal(RRQ(.ident = 50), 0);
	assert_true(F.rep.ident == 51);
	assert_int_equal(RRQ(.ident = 10), 133);
	assert_int_equal(RRQ(.ident = 51), 0);
	assert_true(F.rep.ident == 52);
}

/* RFC 5563 §4.1.4, RFC 3543 §4.2.2.1: after a handover the HA revokes the old PMA (A=1,
 * FA-HA), retransmits with backoff and a fresh identifier, and stops at the ack. */
static void revoke_setup(uint32_t *hoa)
{
	assert_int_equal(RRQ(.rev = true, .rev_i = true, .src = PMA1), 0);
	assert_non_null(mip_ext_find(&F.rep, MIP_EXT_REVSUP, -1)); /* negotiated (§3.2) */
	assert_int_equal(mip_ext_find(&F.rep, MIP_EXT_REVSUP, -1)->v.rev.flags, MIP_REVSUP_I);
	*hoa = F.rep.hoa;
	fx_advance(&F, NS_PER_S);
	assert_int_equal(RRQ(.rev = true, .src = PMA2, .hoa = *hoa), 0);
}

static uint32_t take_revocation(uint32_t hoa)
{
	uint32_t to;

	assert_int_equal(fx_take(&F, &to), 0);
	assert_int_equal(to, PMA1);
	assert_int_equal(F.rep.type, MIP_REV);
	assert_true(F.rep.rflags & MIP_REV_A);
	assert_int_equal(F.rep.hoa, hoa);
	assert_int_equal(F.rep.ha, HA_ADDR);
	assert_int_equal(F.rep.coa, PMA1);
	assert_true(fx_rep_auth_ok(&F, MIP_EXT_FAHA));
	return F.rep.revid;
}

static void send_ack(uint32_t hoa, uint32_t revid)
{
	struct mip_msg m;
	struct mip_ext *x;
	uint8_t buf[128];
	size_t n;

	mip_msg_init(&m, MIP_REVACK);
	m.hoa = hoa;
	m.revid = revid;
	x = mip_ext_add(&m, MIP_EXT_FAHA, 0);
	x->v.auth.spi = 256;
	x->auth_mode = MIP_AUTH_COMPUTE;
	x->sa = &F.fa;
	assert_int_equal(mip_encode(&m, buf, sizeof buf, &n, NULL), 0);
	fx_input(&F, PMA1, buf, n);
}

static void test_revocation(void **state)
{
	uint32_t hoa, id1, id2, id3;

	revoke_setup(&hoa);
	id1 = take_revocation(hoa);
	assert_int_equal(ha_pending_revocations(F.ha), 1);
	fx_advance(&F, 999000000ull);
	assert_int_equal(io_mem_count(F.mem), 0);
	fx_advance(&F, 1000000ull); /* 1 s: first retransmission */
	id2 = take_revocation(hoa);
	assert_true(id2 > id1);
	fx_advance(&F, NS_PER_S); /* backoff: nothing after 1 more second */
	assert_int_equal(io_mem_count(F.mem), 0);
	fx_advance(&F, NS_PER_S); /* 2 s after the first retransmission */
	id3 = take_revocation(hoa);
	assert_true(id3 > id2);
	send_ack(hoa, id2); /* a stale identifier: ignored */
	assert_int_equal(ha_pending_revocations(F.ha), 1);
	send_ack(hoa, id3);
	assert_int_equal(ha_pending_revocations(F.ha), 0);
	assert_int_equal(ha_counters(F.ha)->rev_acked, 1);
	fx_advance(&F, 60 * NS_PER_S);
	assert_int_equal(io_mem_count(F.mem), 0);
}

/* RFC 3543 §4.2.2.1: the HA's own revocation (ha_revoke_binding, issue #16's generator
 * against a PMA): the binding goes at once, the Revocation goes to its PMA and the Ack
 * ends it; a binding without revocation support negotiated is not revoked (§4.2.1). */
static void test_revoke_binding(void **state)
{
	uint32_t hoa, plain;

	assert_int_equal(RRQ(.rev = true, .src = PMA1), 0);
	hoa = F.rep.hoa;
	assert_int_equal(ha_revoke_binding(F.ha, hoa), 0);
	assert_null(bnd_by_hoa(ha_bindings(F.ha), hoa));
	send_ack(hoa, take_revocation(hoa));
	assert_int_equal(ha_pending_revocations(F.ha), 0);
	assert_int_equal(ha_counters(F.ha)->rev_acked, 1);
	assert_int_equal(ha_revoke_binding(F.ha, hoa), -1); /* gone already */
	fx_advance(&F, NS_PER_S);
	assert_int_equal(RRQ(.src = PMA1, .nai = "other@example.net"), 0);
	plain = F.rep.hoa;
	assert_int_equal(ha_revoke_binding(F.ha, plain), -1);
	assert_non_null(bnd_by_hoa(ha_bindings(F.ha), plain));
	assert_int_equal(io_mem_count(F.mem), 0);
}

/* RFC 3543 §4.2.2.1: never beyond the revoked binding's lifetime. */
static void test_revocation_gives_up(void **state)
{
	uint32_t hoa;
	int sent = 0;

	revoke_setup(&hoa); /* PMA1's binding had 299 s left */
	while (fx_take(&F, NULL) == 0)
		sent++;
	for (int i = 0; i < 600; i++) { /* 10 minutes in 1 s ticks */
		fx_advance(&F, NS_PER_S);
		while (fx_take(&F, NULL) == 0)
			sent++;
	}
	assert_int_equal(ha_pending_revocations(F.ha), 0);
	assert_int_equal(ha_counters(F.ha)->rev_abandoned, 1);
	assert_int_equal(sent, 9); /* at 0, 1, 3, 7, 15, 31, 63, 127, 255 s */
}

static void tune_rev_forever(struct ha_config *c)
{
	bitset_add(&c->faults, HA_FAULT_REV_FOREVER);
}

static int setup_rev_forever(void **state)
{
	fx_setup(&F, tune_rev_forever);
	return 0;
}

/* Fault rev-forever retransmits past the binding's lifetime: the backoff saturates and
 * never wraps (a uint32_t of ms wrapped after 22 doublings, then reached 0 ms, a timer
 * due again at once: the HA spun in one tick; found by fuzz_ha). */
static void test_revocation_backoff_saturates(void **state)
{
	uint64_t last = 0, prev = 0;
	uint32_t hoa;
	int sent = 0;

	revoke_setup(&hoa);
	take_revocation(hoa);
	last = F.vc.now_ns;
	while (sent < 40) { /* from one timer to the next (the binding expires among them) */
		uint64_t due = ha_next_due(F.ha);

		assert_true(due > F.vc.now_ns);
		F.vc.now_ns = due;
		ha_tick(F.ha);
		if (io_mem_count(F.mem) == 0)
			continue;
		take_revocation(hoa);
		assert_int_equal(io_mem_count(F.mem), 0);
		assert_true(F.vc.now_ns - last >= prev); /* never sooner than the last time */
		prev = F.vc.now_ns - last;
		last = F.vc.now_ns;
		sent++;
	}
	assert_int_equal(ha_pending_revocations(F.ha), 1);
	assert_int_equal(prev, (uint64_t)UINT32_MAX * 1000000u); /* 49.7 days */
}

/* RFC 3543 §3.4, §3.5, §4.2.3.2: a PMA's revocation is acknowledged, the binding
 * removed; replayed, reflected or unprotected ones are dropped. */
static int send_pma_rev(uint32_t hoa, uint32_t revid, uint16_t flags, bool corrupt)
{
	return fx_rev(&F, PMA1, hoa, revid, flags, corrupt);
}

static void test_pma_revocation(void **state)
{
	uint32_t hoa;

	assert_int_equal(RRQ(.rev = true), 0);
	hoa = F.rep.hoa;
	assert_int_equal(send_pma_rev(hoa, 100, MIP_REV_A, false), 0); /* reflection */
	assert_int_equal(send_pma_rev(hoa, 100, 0, true), 0);          /* bad FA-HA */
	assert_non_null(binding1());
	assert_int_equal(send_pma_rev(hoa, 100, 0, false), 1);
	assert_int_equal(fx_take(&F, NULL), 0);
	assert_int_equal(F.rep.type, MIP_REVACK);
	assert_int_equal(F.rep.hoa, hoa);
	assert_int_equal(F.rep.revid, 100);
	assert_true(fx_rep_auth_ok(&F, MIP_EXT_FAHA));
	assert_null(binding1());
}

/* The faults each break their behaviour (DESIGN.md §4). */
static void fault(struct ha_config *c, enum ha_fault f)
{
	bitset_add(&c->faults, f);
}
#define FAULT_TUNE(name, f)                                                                \
	static void name(struct ha_config *c)                                               \
	{                                                                                  \
		fault(c, f);                                                               \
	}
FAULT_TUNE(f_bad_auth, HA_FAULT_ACCEPT_BAD_AUTH)
FAULT_TUNE(f_replay, HA_FAULT_ACCEPT_REPLAY)
FAULT_TUNE(f_nonskip, HA_FAULT_IGNORE_UNKNOWN_NONSKIP)
FAULT_TUNE(f_skip, HA_FAULT_REJECT_UNKNOWN_SKIP)
FAULT_TUNE(f_cap, HA_FAULT_NO_LIFETIME_CAP)
FAULT_TUNE(f_nai, HA_FAULT_NO_NAI_ECHO)
FAULT_TUNE(f_ident, HA_FAULT_WRONG_IDENT_COPY)
FAULT_TUNE(f_pernode, HA_FAULT_NO_PERNODE_ECHO)
FAULT_TUNE(f_133, HA_FAULT_STALE_133_ECHO)
FAULT_TUNE(f_wrong_ha, HA_FAULT_ACCEPT_WRONG_HA)
FAULT_TUNE(f_gre, HA_FAULT_NO_GRE_KEY)
FAULT_TUNE(f_dereg, HA_FAULT_NO_DEREG)
FAULT_TUNE(f_revnew, HA_FAULT_REV_NEW_PMA)
FAULT_TUNE(f_noretx, HA_FAULT_NO_REVOCATION_RETRANSMIT)

static void test_faults(void **state)
{
	uint64_t id;
	uint32_t hoa, to;

	with(f_bad_auth);
	assert_int_equal(RRQ(.corrupt = true), 0);
	with(f_replay);
	assert_int_equal(RRQ(0), 0);
	assert_int_equal(RRQ(.ident = F.last_ident), 0);
	with(f_nonskip);
	assert_int_equal(RRQ(.unknown = 99), 0);
	with(f_skip);
	assert_int_equal(RRQ(.unknown = 200), 134);
	with(f_cap);
	assert_int_equal(RRQ(.lifetime = 5000), 0);
	assert_int_equal(F.rep.lifetime, 5000);
	with(f_nai);
	assert_int_equal(RRQ(0), 0);
	assert_null(mip_ext_find(&F.rep, MIP_EXT_NAI, -1));
	with(f_ident);
	assert_int_equal(RRQ(0), 0);
	assert_int_not_equal((uint32_t)F.rep.ident, (uint32_t)F.last_ident);
	with(f_pernode);
	assert_int_equal(RRQ(0), 0);
	assert_null(mip_ext_find(&F.rep, MIP_EXT_PMIP_NS, -1));
	with(f_133);
	assert_int_equal(RRQ(0), 0);
	id = F.last_ident;
	assert_int_equal(RRQ(.ident = id), 133);
	assert_true(F.rep.ident == id);
	with(f_wrong_ha);
	assert_int_equal(RRQ(.ha = 0xc0000299u), 0);
	with(f_gre);
	assert_int_equal(RRQ(.gre = true), 0);
	assert_null(mip_ext_find(&F.rep, MIP_EXT_GREKEY, -1));
	with(f_dereg);
	assert_int_equal(RRQ(0), 0);
	assert_int_equal(RRQ(.dereg = true, .hoa = F.rep.hoa), 0);
	assert_non_null(binding1());
	with(f_revnew);
	revoke_setup(&hoa);
	assert_int_equal(fx_take(&F, &to), 0);
	assert_int_equal(F.rep.type, MIP_REV);
	assert_int_equal(to, PMA2); /* the new PMA revoked, not PMA1 */
	with(f_noretx);
	revoke_setup(&hoa);
	assert_int_equal(take_revocation(hoa) != 0, 1);
	fx_advance(&F, 10 * NS_PER_S);
	assert_int_equal(io_mem_count(F.mem), 0);
	for (int f = 0; f < HA_FAULT_COUNT; f++)
		assert_int_equal(ha_fault_parse(ha_fault_name((enum ha_fault)f)), f);
}

/* Variants (DESIGN.md §4): behaviours the RFCs allow besides the default. */
#define VARIANT_TUNE(name, v)                                                              \
	static void name(struct ha_config *c)                                               \
	{                                                                                  \
		bitset_add(&c->variants, v);                                               \
	}
VARIANT_TUNE(v_65, HA_VAR_REPLY_65)
VARIANT_TUNE(v_norev, HA_VAR_NO_REVOCATION)
VARIANT_TUNE(v_backoff3, HA_VAR_BACKOFF_3)
VARIANT_TUNE(v_redirect, HA_VAR_REDIRECT_143)
VARIANT_TUNE(v_order, HA_VAR_EXT_ORDER)

static void test_variants(void **state)
{
	const struct mip_ext *x;
	uint32_t hoa;

	with(v_65); /* RFC 5563 §8.1 as printed */
	assert_int_equal(RRQ(.hoa = 0x0b000001u), 65);
	with(v_norev); /* RFC 5563 §4.1.4: "may" */
	revoke_setup(&hoa);
	assert_int_equal(io_mem_count(F.mem), 0);
	with(v_backoff3); /* RFC 3543 §4.2.2.1: at 0, 1, 4 s */
	revoke_setup(&hoa);
	take_revocation(hoa);
	fx_advance(&F, NS_PER_S);
	take_revocation(hoa);
	fx_advance(&F, 2 * NS_PER_S);
	assert_int_equal(io_mem_count(F.mem), 0);
	fx_advance(&F, NS_PER_S);
	take_revocation(hoa);
	with(v_redirect); /* RFC 4433 §5.3, Table 1 */
	assert_int_equal(RRQ(.ha_zero = true), 143);
	assert_int_equal(F.rep.ha, HA_ADDR);
	x = mip_ext_find(&F.rep, MIP_EXT_DYNHA, MIP_DYNHA_REDIRECTED);
	assert_non_null(x);
	assert_int_equal(x->v.dynha.ha, HA_ADDR);
	with(v_order); /* the NAI no longer first, still before FA-HA */
	assert_int_equal(RRQ(.rev = true), 0);
	assert_int_not_equal(F.rep.ext[0].type, MIP_EXT_NAI);
	assert_int_equal(F.rep.ext[F.rep.n_ext - 1].type, MIP_EXT_FAHA);
	assert_non_null(mip_ext_find(&F.rep, MIP_EXT_NAI, -1));
}

/* faults/ha_mutate.c: a fault that garbles what the HA sends changes the message at
 * ha_send, whoever built it, and only messages of its row's type: a Revocation Ack and a
 * reply built here, not by the protocol code. */
static void f_garble(struct ha_config *c)
{
	bitset_add(&c->faults, HA_FAULT_REV_ACK_WRONG_ID);
	bitset_add(&c->faults, HA_FAULT_WRONG_IDENT_HIGH);
}

static void test_mutate_at_send(void **state)
{
	struct mip_msg m;
	uint32_t to;

	for (int faulty = 0; faulty < 2; faulty++) {
		with(faulty ? f_garble : NULL);
		mip_msg_init(&m, MIP_REVACK);
		m.hoa = 0x0a0a0001u;
		m.revid = 100;
		m.rflags = 0;
		ha_send(F.ha, 0, PMA1, 434, &m, NULL);
		assert_int_equal(fx_take(&F, &to), 0);
		assert_int_equal(to, PMA1);
		assert_int_equal(F.rep.type, MIP_REVACK);
		assert_int_equal(F.rep.revid, faulty ? 101 : 100); /* rev-ack-wrong-id: ^ 1 */
		assert_int_equal(F.rep.hoa, 0x0a0a0001u);
		mip_msg_init(&m, MIP_RRP);
		m.code = 0;
		m.ident = 0x100000002ull;
		m.revid = 100; /* not a field of a reply: rev-ack-wrong-id leaves it alone */
		ha_send(F.ha, 0, PMA1, 434, &m, NULL);
		/* wrong-ident-high, in place */
		assert_true(m.ident == (faulty ? 0x000000002ull : 0x100000002ull));
		assert_int_equal(m.revid, 100);
		assert_int_equal(fx_take(&F, &to), 0);
		assert_true(F.rep.ident == (faulty ? 0x000000002ull : 0x100000002ull));
		mip_msg_init(&m, MIP_RRP);
		m.code = 130; /* wrong-ident-high changes accepted replies only */
		m.ident = 0x100000002ull;
		ha_send(F.ha, 0, PMA1, 434, &m, NULL);
		assert_int_equal(fx_take(&F, &to), 0);
		assert_true(F.rep.ident == 0x100000002ull);
	}
}

/* The fault table (bitset.h): names and help in enum order, looked up both ways. */
static void test_fault_table(void **state)
{
	assert_int_equal(ha_fault_names.n, HA_FAULT_COUNT);
	for (unsigned f = 0; f < HA_FAULT_COUNT; f++) {
		assert_non_null(ha_fault_name((enum ha_fault)f));
		assert_non_null(ha_fault_help((enum ha_fault)f));
		assert_int_equal(bitset_lookup(&ha_fault_names, ha_fault_name((enum ha_fault)f)),
				 (int)f);
	}
	assert_string_equal(ha_fault_name(HA_FAULT_ACCEPT_BAD_AUTH), "accept-bad-auth");
	assert_string_equal(ha_fault_name(HA_FAULT_REV_ID_GLOBAL), "rev-id-global");
	assert_int_equal(ha_fault_parse("wrong-ident-copy"), HA_FAULT_WRONG_IDENT_COPY);
	assert_int_equal(ha_fault_parse("wrong-ident"), -1);
	assert_null(ha_fault_name(HA_FAULT_COUNT));
	assert_false(ha_has_fault(F.ha, HA_FAULT_WRONG_IDENT_HIGH));
	with(f_garble);
	assert_true(ha_has_fault(F.ha, HA_FAULT_WRONG_IDENT_HIGH));
	assert_false(ha_has_fault(F.ha, HA_FAULT_NO_DEREG));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pernode_registration, setup, teardown),
		cmocka_unit_test_setup_teardown(test_variants, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lifetime_cap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_expiry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_renew_and_dereg, setup, teardown),
		cmocka_unit_test_setup_teardown(test_renew_expiry_time, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_faha, setup, teardown),
		cmocka_unit_test_setup_teardown(test_silent_discards, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_extensions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ident_133, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sequencing_two_pmas, setup, teardown),
		cmocka_unit_test_setup_teardown(test_149_150, setup, teardown),
		cmocka_unit_test_setup_teardown(test_129, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ha_field, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gre_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reverse_tunnel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_simultaneous, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mnha, setup, teardown),
		cmocka_unit_test_setup_teardown(test_134_malformed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nonce, setup, teardown),
		cmocka_unit_test_setup_teardown(test_seqext, setup, teardown),
		cmocka_unit_test_setup_teardown(test_revocation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_revoke_binding, setup, teardown),
		cmocka_unit_test_setup_teardown(test_revocation_gives_up, setup, teardown),
		cmocka_unit_test_setup_teardown(test_revocation_backoff_saturates,
						setup_rev_forever, teardown),
		cmocka_unit_test_setup_teardown(test_pma_revocation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_faults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mutate_at_send, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fault_table, setup, teardown),
	};

	return cmocka_run_group_tests_name("ha", tests, NULL, NULL);
}
