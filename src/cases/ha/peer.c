/* peer.c — the tester's side of an HA case: the PMAs and the correspondent node (peer.h). */
#include <string.h>

#include "names.h"
#include "peer.h"
#include "tun.h"

/* ---- PIXIT ---- */

uint32_t hc_ha_addr(struct tc *t)
{
	return tc_node_addr(t, TC_HA);
}

uint64_t hc_silence(struct tc *t)
{
	return params_ms(tc_params(t), "silence-ms");
}

uint64_t hc_reply_ms(struct tc *t)
{
	return params_ms(tc_params(t), "reply-ms");
}

uint16_t hc_life(struct tc *t, unsigned s, unsigned min_s)
{
	uint64_t v = (tc_ms(t, (uint64_t)s * 1000) + 500) / 1000;

	return (uint16_t)(v < min_s ? min_s : v > 0xfffe ? 0xfffe : v);
}

/* ---- the PMAs: requests and replies ---- */

void hc_prrq_mn(struct tc *t, struct mip_msg *m, enum tc_node pma, const char *nai)
{
	struct mip_ext *g, gre = { 0 };
	bool has_gre;

	tc_prrq(t, m, pma, nai);
	g = mip_ext_get(m, MIP_EXT_GREKEY, -1);
	has_gre = g != NULL;
	if (g)
		gre = *g;
	tc_ext_del(m, MIP_EXT_PMIP_NS, -1);
	tc_ext_del(m, MIP_EXT_MNHA, -1);
	tc_ext_del(m, MIP_EXT_FAHA, -1);
	tc_ext_del(m, MIP_EXT_GREKEY, -1);
	/* RFC 5944 §3.6.1.3: MN-HA, then (RFC 6245 §4.1) 48, then FA-HA when the HA shares
	 * an SA with the PMA (§3.8.2.1 c: exactly one, d: none otherwise) */
	mip_ext_add_auth(m, MIP_EXT_MNHA, tc_mn_sa(t));
	if (has_gre)
		*mip_ext_add(m, MIP_EXT_GREKEY, 0) = gre;
	if (hc_fa_sa(t))
		mip_ext_add_auth(m, MIP_EXT_FAHA, tc_sa(t));
}

bool hc_fa_sa(struct tc *t)
{
	return tc_pics(t, "ha.per-node-auth");
}

/* "132", "134 or 132": the codes as a reason says them. */
static const char *codes_str(struct tc *t, const uint8_t *codes, size_t n)
{
	const char *s = "";

	for (size_t i = 0; i < n; i++) {
		const char *name = name_of(&names_code, codes[i]);

		s = tc_printf(t, "%s%s%u (%s)", s, i ? " or " : "", codes[i], name ? name : "?");
	}
	return s;
}

const struct tc_rx *hc_reply_or_silence(struct tc *t, enum tc_node pma, const char *what)
{
	const struct tc_rx *r = tc_recv(t, TC_SIG(MIP_RRP, pma), hc_reply_ms(t));

	if (!r) {
		tc_note(t, "%s: no reply (discarded silently)", what);
		tc_pass(t);
		return NULL;
	}
	return tc_check_true(t, what, "silence, or a reply that decodes", r->decoded, "%s",
			     tc_summary(t, r)) ? r : NULL;
}

bool hc_refused(struct tc *t, enum tc_node pma, const char *what, const uint8_t *codes,
		size_t n)
{
	const struct tc_rx *r = hc_reply_or_silence(t, pma, what);

	if (!r)
		return tc_verdict(t) != CASE_FAIL;
	if (!tc_check_true(t, tc_printf(t, "%s.Code", what), "silence, or a denial (>= 64)",
			   r->m.code >= 64, "%u", r->m.code))
		return false;
	for (size_t i = 0; i < n; i++)
		if (r->m.code == codes[i])
			return true;
	tc_warn(t, "%s.Code: SHOULD be %s (or silence), got %u: denied all the same", what,
		codes_str(t, codes, n), r->m.code);
	return true;
}

void hc_prrq_ipip(struct tc *t, struct mip_msg *m, enum tc_node pma, const char *nai)
{
	tc_prrq(t, m, pma, nai);
	m->flags &= (uint8_t)~MIP_F_G;
	tc_ext_del(m, MIP_EXT_GREKEY, -1);
}

const struct tc_rx *hc_accept(struct tc *t, enum tc_node pma, const struct mip_msg *m,
			      const char *what)
{
	const struct tc_rx *r;

	if (!tc_send(t, pma, m))
		return NULL;
	r = tc_recv(t, TC_SIG(MIP_RRP, pma), hc_reply_ms(t));
	if (!r || !r->decoded) {
		tc_inconc(t, "preamble: %s: %s", what, r ? "the reply does not decode" : "no reply");
		return NULL;
	}
	if (r->m.code != 0) {
		tc_inconc(t, "preamble: %s refused with %u", what, r->m.code);
		return NULL;
	}
	tc_dp_event(t, "registration");
	return r;
}

const struct tc_rx *hc_replied(struct tc *t, enum tc_node pma, const struct mip_msg *m,
			       uint8_t code)
{
	const struct tc_rx *r = tc_request(t, pma, m);

	return r && tc_check_u(t, "RRP.Code", code, r->m.code) ? r : NULL;
}

void hc_request_129(struct tc *t, enum tc_node pma, const struct mip_msg *m)
{
	const struct tc_rx *r = tc_request(t, pma, m);

	if (!r)
		return;
	if (r->m.code != 65) {
		tc_check_u(t, "RRP.Code", 129, r->m.code);
		return;
	}
	if (params_bool(tc_params(t), "accept-65")) {
		tc_note(t, "65 accepted by leniency");
		tc_pass(t);
	} else {
		tc_warn(t, "65 sent where 129 is meant: RFC 5563 §8.1's misprint; PIXIT accept-65 "
			"accepts it");
	}
}

const struct tc_rx *hc_register_msg(struct tc *t, enum tc_node pma, const struct mip_msg *m,
				    const char *what)
{
	return hc_accept(t, pma, m, tc_printf(t, "registration of %s", what));
}

const struct tc_rx *hc_handover(struct tc *t, const char *nai)
{
	struct mip_msg m;
	const struct tc_rx *r;

	tc_prrq(t, &m, TC_PMA2, nai);
	r = hc_register_msg(t, TC_PMA2, &m, "handover to PMA2");
	if (r)
		tc_dp_event(t, "handover");
	return r;
}

const struct tc_rx *hc_reg_dereg(struct tc *t, struct mip_msg *m)
{
	const char *nai = tc_nai(t, 1);
	const struct tc_rx *r = tc_register(t, TC_PMA1, nai);

	if (r)
		tc_dereg(t, m, TC_PMA1, nai, r->m.hoa);
	return r;
}

const struct tc_rx *hc_dereg_accepted(struct tc *t)
{
	struct mip_msg m;

	if (!hc_reg_dereg(t, &m))
		return NULL;
	return hc_replied(t, TC_PMA1, &m, 0);
}

const struct mip_ext *hc_ext(const struct tc_rx *rx, uint8_t type, int subtype)
{
	return mip_ext_find(&rx->m, type, subtype);
}

bool hc_check_absent(struct tc *t, const char *what, const struct tc_rx *rx, uint8_t type,
		     int subtype)
{
	const struct mip_ext *x = hc_ext(rx, type, subtype);

	return tc_check_true(t, what, "absent", !x, "present (%s)", tc_summary(t, rx));
}

bool hc_check_present(struct tc *t, const char *what, const struct tc_rx *rx, uint8_t type,
		      int subtype)
{
	const struct mip_ext *x = hc_ext(rx, type, subtype);

	return tc_check_true(t, what, "present", x, "absent (%s)", tc_summary(t, rx));
}

const struct mip_ext *hc_accepted_ext(struct tc *t, const char *what, uint8_t type,
				      int subtype)
{
	struct mip_msg m;
	const struct tc_rx *r;

	tc_prrq(t, &m, TC_PMA1, tc_nai(t, 1));
	r = hc_replied(t, TC_PMA1, &m, 0);
	if (!r || !hc_check_present(t, what, r, type, subtype))
		return NULL;
	return hc_ext(r, type, subtype);
}

/* ---- the PMAs: revocation ---- */

void hc_rev(struct tc *t, struct mip_msg *m, enum tc_node pma, uint32_t hoa, uint32_t revid)
{
	mip_msg_init(m, MIP_REV);
	m->rflags = 0; /* A = 0: sent by the foreign side (RFC 3543 §3.3) */
	m->hoa = hoa;
	m->ha = hc_ha_addr(t);        /* Home Domain Address */
	m->coa = tc_node_addr(t, pma); /* Foreign Domain Address */
	m->revid = revid;
	mip_ext_add_auth(m, MIP_EXT_FAHA, tc_sa(t));
}

uint32_t hc_ts(struct tc *t)
{
	return (uint32_t)(tc_now_ms(t) / 1000);
}

/* ---- robustness ---- */

bool hc_alive(struct tc *t)
{
	const struct tc_rx *r = tc_control(t);

	return tc_check_true(t, "liveness: RRP", "a reply to a valid PRRQ", r && r->decoded,
			     "%s", !r ? "nothing" : tc_summary(t, r)) &&
	       tc_check_u(t, "liveness: RRP.Code", 0, r->m.code);
}

/* ---- the data plane ---- */

uint32_t hc_cn(struct tc *t)
{
	return params_addr(tc_params(t), "ha.cn");
}

bool hc_need_data(struct tc *t)
{
	return tc_need(t, TC_CAP(TC_LINK_CORE) | TC_CAP(TC_LINK_HOME));
}

size_t hc_ip_udp(uint8_t *buf, size_t cap, uint32_t src, uint32_t dst, uint16_t id)
{
	static const char data[] = "pmip4ct ha-core probe";
	struct wr w = wr_init(buf, cap);
	struct tun_ip4 h = { 0 };
	uint16_t ulen = (uint16_t)(8 + sizeof data);

	h.tot_len = (uint16_t)(TUN_IP4_LEN + ulen);
	h.id = id;
	h.ttl = 64;
	h.proto = 17;
	h.src = src;
	h.dst = dst;
	tun_ip4_write(&w, &h);
	wr_u16(&w, 40000);
	wr_u16(&w, 9);
	wr_u16(&w, ulen);
	wr_u16(&w, 0); /* no UDP checksum */
	wr_bytes(&w, data, sizeof data);
	return w.overflow ? 0 : w.pos;
}

size_t hc_tunnel(uint8_t *buf, size_t cap, int kind, uint32_t osrc, uint32_t odst,
		 bool has_key, uint32_t key, const uint8_t *inner, size_t inner_len)
{
	struct tun_params tp = { .kind = kind == TUN_GRE ? TUN_GRE : TUN_IPIP, .src = osrc,
				 .dst = odst, .has_key = has_key, .key = key };
	struct mip_err e;
	size_t n = 0;

	if (tun_encap(&tp, inner, inner_len, buf, cap, &n, &e) < 0)
		return 0;
	return n;
}

/* The correspondent sends the probe with IPv4 Identification id to hoa on the home link. */
static bool home_send(struct tc *t, uint32_t hoa, uint16_t id)
{
	uint8_t ip[256];
	size_t n = hc_ip_udp(ip, sizeof ip, hc_cn(t), hoa, id);

	return tc_send_pkt(t, TC_LINK_HOME, ip, n);
}

const struct tc_rx *hc_home_to(struct tc *t, uint32_t hoa, enum hc_probe want)
{
	uint64_t sent = tc_now_ns(t);
	const struct tc_rx *r;

	if (!home_send(t, hoa, 0x4c01))
		return NULL;
	r = tc_recv(t, TC_ON(TC_LINK_CORE), hc_reply_ms(t));
	if (want == HC_DELIVER)
		tc_dp_probe(t, sent, r);
	return r;
}

bool hc_home_tunnelled(struct tc *t, uint32_t hoa)
{
	if (hc_home_to(t, hoa, HC_DELIVER))
		return true;
	tc_inconc(t, "preamble: a packet for the home address is not tunnelled");
	return false;
}

void hc_home_dropped(struct tc *t, uint32_t hoa, uint16_t id, const char *what)
{
	if (home_send(t, hoa, id))
		tc_expect_none(t, TC_ON(TC_LINK_CORE), hc_silence(t), what);
}

void hc_check_moved(struct tc *t, uint32_t hoa, const char *what)
{
	const struct tc_rx *r = hc_home_to(t, hoa, HC_DELIVER);

	if (tc_check_true(t, what, "one to PMA2", r != NULL, "none"))
		tc_check_addr(t, "outer IPv4 Destination", tc_node_addr(t, TC_PMA2),
			      hc_ip_dst(r));
}

const struct tc_rx *hc_core_from(struct tc *t, int kind, uint32_t osrc, bool has_key,
				 uint32_t key, uint32_t hoa, enum hc_probe want)
{
	uint8_t ip[256], out[512];
	size_t n = hc_ip_udp(ip, sizeof ip, hoa, hc_cn(t), 0x4c02), m;
	uint64_t sent;
	const struct tc_rx *r;

	m = hc_tunnel(out, sizeof out, kind, osrc, hc_ha_addr(t), has_key, key, ip, n);
	if (!m) {
		tc_error(t, "cannot encapsulate the probe");
		return NULL;
	}
	sent = tc_now_ns(t);
	if (!tc_send_pkt(t, TC_LINK_CORE, out, m))
		return NULL;
	r = tc_recv(t, TC_ON(TC_LINK_HOME), hc_reply_ms(t));
	if (want == HC_DELIVER)
		tc_dp_probe(t, sent, r);
	return r;
}

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

uint32_t hc_ip_src(const struct tc_rx *rx)
{
	return rx->pkt.len >= TUN_IP4_LEN ? rd32(rx->pkt.buf + 12) : 0;
}

uint32_t hc_ip_dst(const struct tc_rx *rx)
{
	return rx->pkt.len >= TUN_IP4_LEN ? rd32(rx->pkt.buf + 16) : 0;
}

uint8_t hc_ip_proto(const struct tc_rx *rx)
{
	return rx->pkt.len >= TUN_IP4_LEN ? rx->pkt.buf[9] : 0;
}
