/* tc_msg.c — messages the tester sends as the DUT's peer: the PMA's proxy registration
 * request (RFC 5563 §4.1, §5, §7), deregistration (RFC 5944 §3.6.1.2), revocation
 * acknowledgment (RFC 3543 §3.4), the HA's reply (RFC 5563 §4.3), the registration
 * preamble, and one-line summaries of what came back. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "names.h"
#include "tc_mn.h"
#include "tc_priv.h"
#include "txt.h"

#define GRE_KEY_BASE 0x5c000000u /* the tester's PMA-assigned keys (RFC 6245 §3.1) */
#define GRE_KEY_HA 0x4a000001u   /* the tester's HA-assigned key (RFC 6245 §3.2) */

static bool is_auth(uint8_t type)
{
	return type == MIP_EXT_MNHA || type == MIP_EXT_MNFA || type == MIP_EXT_FAHA ||
	       type == MIP_EXT_GENAUTH;
}

struct mip_ext *tc_ext_insert(struct mip_msg *m, uint8_t type, uint8_t subtype)
{
	unsigned at = m->n_ext;
	struct mip_ext *x, tmp;

	for (unsigned i = 0; i < m->n_ext; i++) {
		if (is_auth(m->ext[i].type)) {
			at = i;
			break;
		}
	}
	x = mip_ext_add(m, type, subtype);
	if (!x)
		return NULL;
	tmp = *x;
	memmove(&m->ext[at + 1], &m->ext[at], (m->n_ext - 1 - at) * sizeof m->ext[0]);
	m->ext[at] = tmp;
	return &m->ext[at];
}

bool tc_ext_del(struct mip_msg *m, uint8_t type, int subtype)
{
	bool found = mip_ext_index(m, type, subtype) >= 0;

	mip_ext_drop(m, type, subtype);
	return found;
}

const struct tc_rx *tc_control(struct tc *t)
{
	struct mip_msg m, d;
	const struct tc_rx *r;
	const char *nai = tc_nai(t, 100);

	tc_drain(t); /* anything the DUT said before is not the answer */
	tc_prrq(t, &m, TC_PMA1, nai);
	if (!tc_send(t, TC_PMA1, &m))
		return NULL;
	r = tc_recv(t, TC_SIG(MIP_RRP, TC_PMA1), params_ms(t->p, "reply-ms"));
	if (r && r->decoded && r->m.code == 0) {
		tc_dereg(t, &d, TC_PMA1, nai, r->m.hoa); /* leave a remote DUT as it was */
		if (tc_send(t, TC_PMA1, &d))
			tc_recv(t, TC_SIG(MIP_RRP, TC_PMA1), params_ms(t->p, "reply-ms"));
	}
	return r;
}

static void add_nai(struct mip_msg *m, const char *nai)
{
	struct mip_ext *x = mip_ext_add(m, MIP_EXT_NAI, 0);

	x->v.bytes.p = (const uint8_t *)nai;
	x->v.bytes.len = (uint16_t)strlen(nai);
}

void tc_prrq_nai(struct mip_msg *m, const char *nai)
{
	struct mip_ext x;

	if (mip_ext_find(m, MIP_EXT_NAI, -1) || m->n_ext >= MIP_EXT_MAX)
		return;
	add_nai(m, nai);
	/* RFC 2794 §2: before the authenticators; first, as tc_prrq puts it */
	x = m->ext[m->n_ext - 1];
	memmove(&m->ext[1], &m->ext[0], (m->n_ext - 1) * sizeof m->ext[0]);
	m->ext[0] = x;
}

void tc_prrq(struct tc *t, struct mip_msg *m, enum tc_node pma, const char *nai)
{
	bool per_node = tc_pics(t, "ha.per-node-auth");
	bool gre = tc_pics(t, "ha.gre-key");
	uint32_t life = params_u32(t->p, "lifetime");
	struct mip_ext *x;

	mip_msg_init(m, MIP_RRQ);
	/* RFC 5563 §7: D = 0, the PMA is the care-of address; T: the tunnel is
	 * bidirectional (§4.2, RFC 3024 §3.1); G with GRE (RFC 6245); or PIXIT flags */
	tc_profile_flags(t, &m->flags);
	life = (uint32_t)tc_ms(t, (uint64_t)life * 1000) / 1000;
	m->lifetime = (uint16_t)(life ? (life > 0xfffe ? 0xfffe : life) : 1);
	m->hoa = tc_profile_hoa(t, nai); /* 0.0.0.0 unless PIXIT hoa-base */
	m->ha = t->node_addr[TC_HA];
	m->coa = t->node_addr[pma];
	m->ident = tc_ident(t);
	if (tc_profile_nai(t))
		add_nai(m, nai);
	tc_profile_147(t, m); /* 147/4 unless PIXIT pmip-ext */
	if (per_node) {
		x = mip_ext_add(m, MIP_EXT_PMIP_NS, MIP_PMIP_PERNODE);
		x->v.pernode.method = MIP_PERNODE_FAHA;
	}
	if (tc_pics(t, "ha.revocation")) {
		x = mip_ext_add(m, MIP_EXT_REVSUP, 0);
		x->v.rev.ts = (uint32_t)(tc_now_ms(t) / 1000);
	}
	if (!per_node) /* per-MN (RFC 5563 §4.3): MN-HA, no FA-HA */
		mip_ext_add_auth(m, MIP_EXT_MNHA, &t->mn_sa);
	if (gre) {
		x = mip_ext_add(m, MIP_EXT_GREKEY, 0);
		x->v.gre.key = GRE_KEY_BASE + (uint32_t)pma;
	}
	if (per_node)
		mip_ext_add_auth(m, MIP_EXT_FAHA, &t->sa);
}

void tc_dereg(struct tc *t, struct mip_msg *m, enum tc_node pma, const char *nai,
	      uint32_t hoa)
{
	tc_prrq(t, m, pma, nai);
	m->lifetime = 0;
	m->hoa = hoa;
}

const struct tc_rx *tc_request(struct tc *t, enum tc_node pma, const struct mip_msg *m)
{
	if (!tc_send(t, pma, m))
		return NULL;
	return tc_expect(t, TC_SIG(MIP_RRP, pma), params_ms(t->p, "reply-ms"), "RRP");
}

const struct tc_rx *tc_request_code(struct tc *t, enum tc_node pma, const struct mip_msg *m,
				    uint8_t code)
{
	const struct tc_rx *r = tc_request(t, pma, m);

	if (r)
		tc_check_u(t, "RRP.Code", code, r->m.code);
	return r;
}

void tc_request_reject(struct tc *t, enum tc_node pma, const struct mip_msg *m,
		       uint8_t code)
{
	const char *want = name_of(&names_code, code);
	const struct tc_rx *r;

	if (!tc_send(t, pma, m))
		return;
	r = tc_recv(t, TC_SIG(MIP_RRP, pma), params_ms(t->p, "reply-ms"));
	if (!r) {
		tc_warn(t, "RRP: SHOULD answer %u (%s), got nothing: rejected silently", code,
			want ? want : "?");
	} else if (!r->decoded) {
		tc_fail(t, "RRP", "a reply that decodes", "%s", tc_summary(t, r));
	} else if (!tc_check_true(t, "RRP.Code", ">= 64", r->m.code >= 64, "%u", r->m.code)) {
		return; /* accepted (0, 1), or no code of RFC 5944 §3.4's denials */
	} else if (r->m.code != code) {
		const char *got = name_of(&names_code, r->m.code);

		tc_warn(t, "RRP.Code: SHOULD be %u (%s), got %u (%s): rejected all the same",
			code, want ? want : "?", r->m.code, got ? got : "?");
	}
}

const struct tc_rx *tc_register(struct tc *t, enum tc_node pma, const char *nai)
{
	struct mip_msg m;
	const struct tc_rx *rx;

	tc_prrq(t, &m, pma, nai);
	if (!tc_send(t, pma, &m))
		return NULL;
	rx = tc_recv(t, TC_SIG(MIP_RRP, pma), params_ms(t->p, "reply-ms"));
	if (!rx || !rx->decoded) {
		tc_inconc(t, "preamble: registration of %s: %s", nai,
			  rx ? "the reply does not decode" : "no reply");
		return NULL;
	}
	if (rx->m.code != 0) {
		tc_inconc(t, "preamble: registration of %s refused with %u", nai, rx->m.code);
		return NULL;
	}
	if (t->n_regs < TC_POSTAMBLE_MAX)
		t->regs[t->n_regs++] = (struct tc_reg){ pma, nai, rx->m.hoa };
	tc_dp_event(t, "registration");
	return rx;
}

static bool remote(const struct tc *t, enum case_role role)
{
	return t->c->role == role && t->plan->remote[role];
}
static enum tc_node node_at(const struct tc *t, uint32_t addr)
{
	for (int n = 0; n < TC_NODE_COUNT; n++)
		if (t->node_addr[n] == addr)
			return (enum tc_node)n;
	return TC_PMA1;
}

bool tc_revack_reply(struct tc *t, const struct tc_rx *rev, uint16_t ack_flags)
{
	struct mip_msg ack;

	tc_revack(t, &ack, &rev->m);
	ack.rflags = ack_flags;
	return tc_send_to(t, node_at(t, rev->pkt.ends.dst), rev->pkt.ends.src,
			  rev->pkt.ends.sport, &ack);
}

/* The latest Revocation for each home address, for the postamble to acknowledge. */
static void keep_rev(struct tc *t, const struct tc_rx *rx)
{
	size_t i;

	for (i = 0; i < t->n_revs && t->revs[i]->m.hoa != rx->m.hoa; i++)
		;
	if (i < TC_POSTAMBLE_MAX) {
		t->revs[i] = rx;
		t->n_revs += i == t->n_revs;
	}
}

bool tc_track(struct tc *t, const struct tc_rx *rx)
{
	size_t i;

	if (!rx->decoded || rx->pkt.link != TC_LINK_SIG)
		return false;
	if (remote(t, CASE_ROLE_PMA) && rx->m.type == MIP_REV) /* RFC 3543 §4.2.3.1 */
		keep_rev(t, rx);
	if (!remote(t, CASE_ROLE_HA))
		return false;
	if (rx->m.type == MIP_RRP && rx->m.code <= 1 && rx->m.hoa &&
	    t->n_hoas < TC_POSTAMBLE_MAX) {
		for (i = 0; i < t->n_hoas && t->hoas[i] != rx->m.hoa; i++)
			;
		if (i == t->n_hoas)
			t->hoas[t->n_hoas++] = rx->m.hoa;
	}
	if (rx->m.type != MIP_REV)
		return false;
	for (i = 0; i < t->n_hoas && t->hoas[i] != rx->m.hoa; i++)
		;
	if (i == t->n_hoas) {
		tc_logf(t, "stray Revocation (an earlier case's binding): acknowledged, ignored");
		tc_revack_reply(t, rx, 0);
		return true;
	}
	keep_rev(t, rx);
	return false;
}

void tc_postamble(struct tc *t)
{
	struct mip_msg m;
	const struct tc_rx *rx;

	if (!t->packets)
		return;
	tc_logf(t, "postamble: acknowledge revocations, deregister what the case registered");
	for (size_t i = 0; i < t->n_revs; i++)
		tc_revack_reply(t, t->revs[i], 0);
	if (remote(t, CASE_ROLE_PMA))
		tc_mn_postamble(t);
	for (size_t i = 0; i < t->n_regs; i++) {
		tc_dereg(t, &m, t->regs[i].pma, t->regs[i].nai, t->regs[i].hoa);
		if (tc_send(t, t->regs[i].pma, &m))
			tc_recv(t, TC_SIG(MIP_RRP, t->regs[i].pma), params_ms(t->p, "reply-ms"));
	}
	/* a retransmission on its way as the case ended */
	for (int k = 0; k < 8 && (rx = tc_recv(t, TC_SIG(MIP_REV, TC_NODE_COUNT),
					       params_ms(t->p, "silence-ms"))); k++)
		tc_revack_reply(t, rx, 0);
	t->n_regs = 0;
}

bool tc_check_auth(struct tc *t, const char *what, const struct tc_rx *rx, uint8_t type,
		   const struct mip_sa *sa)
{
	const struct mip_ext *x = mip_ext_find(&rx->m, type, -1);
	enum auth_result a;

	if (!x)
		return tc_check_true(t, what, "present", false, "absent");
	a = auth_verify(rx->pkt.buf, rx->pkt.len, x, sa);
	return tc_check_true(t, what, "a valid authenticator", a == AUTH_VALID, "%s",
			     auth_result_str(a));
}

void tc_revack(struct tc *t, struct mip_msg *ack, const struct mip_msg *rev)
{
	mip_msg_init(ack, MIP_REVACK);
	ack->hoa = rev->hoa;
	ack->revid = rev->revid;
	mip_ext_add_auth(ack, MIP_EXT_FAHA, &t->sa);
}

void tc_rrp_for(struct tc *t, struct mip_msg *rrp, const struct mip_msg *req, uint8_t code,
		uint16_t lifetime, uint32_t hoa)
{
	const struct mip_ext *x;
	struct mip_ext *y;

	mip_msg_init(rrp, MIP_RRP);
	rrp->code = code;
	rrp->lifetime = code <= 1 ? lifetime : 0;
	rrp->hoa = hoa;
	rrp->ha = t->node_addr[TC_HA];
	rrp->ident = req->ident; /* RFC 5944 §3.4: copied on acceptance */
	if ((x = mip_ext_find(req, MIP_EXT_NAI, -1))) {
		y = mip_ext_add(rrp, MIP_EXT_NAI, 0);
		y->v.bytes = x->v.bytes;
	}
	if ((x = mip_ext_find(req, MIP_EXT_PMIP_NS, MIP_PMIP_PERNODE))) {
		y = mip_ext_add(rrp, MIP_EXT_PMIP_NS, MIP_PMIP_PERNODE);
		y->v.pernode = x->v.pernode;
	}
	if (code <= 1 && mip_ext_find(req, MIP_EXT_REVSUP, -1)) {
		y = mip_ext_add(rrp, MIP_EXT_REVSUP, 0);
		y->v.rev.ts = tc_mn_ts(t); /* the clock of its Revocation Identifiers (§3.5) */
	}
	if (mip_ext_find(req, MIP_EXT_MNHA, -1))
		mip_ext_add_auth(rrp, MIP_EXT_MNHA, &t->mn_sa);
	if (mip_ext_find(req, MIP_EXT_GREKEY, -1)) {
		y = mip_ext_add(rrp, MIP_EXT_GREKEY, 0);
		y->v.gre.key = GRE_KEY_HA;
	}
	if (mip_ext_find(req, MIP_EXT_FAHA, -1))
		mip_ext_add_auth(rrp, MIP_EXT_FAHA, &t->sa);
}

static void sum_sig(const struct tc_rx *rx, char *out, size_t n)
{
	const struct mip_msg *m = &rx->m;
	const char *ty = name_of(&names_msg_type, m->type);
	char why[160];
	size_t k;

	if (!rx->decoded) {
		snprintf(out, n, "%zu bytes (type %u), not decodable: %s", rx->pkt.len,
			 rx->pkt.len ? rx->pkt.buf[0] : 0, mip_err_str(&rx->err, why, sizeof why));
		return;
	}
	if (rx->damaged) /* said first: what follows is partial */
		k = (size_t)snprintf(out, n, "[damaged: %s] ",
				     mip_err_str(&rx->err, why, sizeof why));
	else
		k = 0;
	if (k < n)
		k += (size_t)snprintf(out + k, n - k, "%s", ty ? ty : "type?");
	if (m->type == MIP_RRP)
		k += (size_t)snprintf(out + k, n - k, " code %u (%s) lifetime %u", m->code,
				      name_of(&names_code, m->code) ? name_of(&names_code, m->code)
								     : "?",
				      m->lifetime);
	if (m->type == MIP_RRQ)
		k += (size_t)snprintf(out + k, n - k, " flags 0x%02x lifetime %u", m->flags,
				      m->lifetime);
	if (k < n)
		k += (size_t)snprintf(out + k, n - k, " hoa %s", txt_ip4(m->hoa).s);
	if (k < n && (m->type == MIP_RRQ || m->type == MIP_RRP))
		k += (size_t)snprintf(out + k, n - k, " id 0x%016" PRIx64, m->ident);
	if (k < n && (m->type == MIP_REV || m->type == MIP_REVACK))
		k += (size_t)snprintf(out + k, n - k, " revid %u flags 0x%04x", m->revid,
				      m->rflags);
	for (unsigned i = 0; i < m->n_ext && k < n; i++) {
		const struct mip_ext *x = &m->ext[i];

		if (x->fmt == MIP_FMT_SHORT || x->fmt == MIP_FMT_LONG)
			k += (size_t)snprintf(out + k, n - k, "%s%u/%u", i ? " " : " ext ", x->type,
					      x->subtype);
		else
			k += (size_t)snprintf(out + k, n - k, "%s%u", i ? " " : " ext ", x->type);
	}
}

const char *tc_summary(struct tc *t, const struct tc_rx *rx)
{
	char *out = tc_alloc(t, 512);
	const uint8_t *p = rx->pkt.buf;

	switch (rx->pkt.link) {
	case TC_LINK_SIG:
		sum_sig(rx, out, 512);
		break;
	case TC_LINK_CORE:
	case TC_LINK_HOME:
		if (rx->pkt.len < 20) {
			snprintf(out, 512, "%zu bytes, not IPv4", rx->pkt.len);
			break;
		}
		snprintf(out, 512, "IPv4 %s > %s proto %u length %zu",
			 txt_ip4((uint32_t)p[12] << 24 | p[13] << 16 | p[14] << 8 | p[15]).s,
			 txt_ip4((uint32_t)p[16] << 24 | p[17] << 16 | p[18] << 8 | p[19]).s,
			 p[9], rx->pkt.len);
		break;
	default:
		if (rx->pkt.len < 14) {
			snprintf(out, 512, "%zu bytes, not Ethernet", rx->pkt.len);
			break;
		}
		snprintf(out, 512,
			 "Ethernet %02x:%02x:%02x:%02x:%02x:%02x > %02x:%02x:%02x:%02x:%02x:%02x "
			 "type 0x%04x length %zu", p[6], p[7], p[8], p[9], p[10], p[11], p[0], p[1],
			 p[2], p[3], p[4], p[5], p[12] << 8 | p[13], rx->pkt.len);
		break;
	}
	return out;
}
