/* tc_mn.c — the tester as the PMA's mobile device and HA (tc_mn.h), and tc_attach() /
 * tc_detach() of tc.h: a DHCPDISCOVER / DHCPRELEASE on the access link (RFC 2131 §4.4.1,
 * §4.4.6; RFC 5563 §4.1.1, §6.3), else the PIXIT hooks pma.attach-cmd / pma.detach-cmd.
 *
 * Leases: every DHCP server message seen for a MAC is remembered in the case's scratch
 * memory, so tc_detach() can name the address it releases.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "arp.h"
#include "dhcp.h"
#include "eth.h"
#include "icmp.h"
#include "pma_link.h"
#include "tc_mn.h"
#include "tc_priv.h"
#include "tun.h"

#define LEASES_MAX 16
#define LEASE_MAGIC 0x6d6e6c6561736573ull

struct lease {
	uint8_t mac[6];
	uint8_t server_mac[6];
	uint32_t addr, server;
};

struct leases {
	uint64_t magic;
	const struct tc *owner;
	struct lease l[LEASES_MAX];
	size_t n;
};

/* The case's lease table: found again in its scratch memory, made on first use. */
static struct leases *leases(struct tc *t)
{
	static struct leases *cur;
	struct leases *ls;

	for (struct tc_mem *m = t->mem; cur && m; m = m->next)
		if ((void *)m->data == (void *)cur && cur->magic == LEASE_MAGIC && cur->owner == t)
			return cur;
	ls = tc_alloc(t, sizeof *ls);
	ls->magic = LEASE_MAGIC;
	ls->owner = t;
	cur = ls;
	return ls;
}

static struct lease *lease_of(struct tc *t, const uint8_t mac[6], bool add)
{
	struct leases *ls = leases(t);

	for (size_t i = 0; i < ls->n; i++)
		if (!memcmp(ls->l[i].mac, mac, 6))
			return &ls->l[i];
	if (!add || ls->n == LEASES_MAX)
		return NULL;
	memcpy(ls->l[ls->n].mac, mac, 6);
	return &ls->l[ls->n++];
}

/* ---- names ---- */

void tc_mn_mac(unsigned k, uint8_t mac[6])
{
	static const uint8_t base[6] = { 0x02, 0x00, 0x00, 0x00, 0x01, 0x00 };

	memcpy(mac, base, 6);
	mac[5] = (uint8_t)k;
}

uint32_t tc_mn_hoa(const struct tc *t, unsigned k)
{
	return params_addr(t->p, "pma.hoa") + k - 1;
}

const char *tc_mn_nai(struct tc *t, const uint8_t mac[6])
{
	char *out = tc_alloc(t, 256);

	if (pma_link_nai(params_str(t->p, "pma.nai-pattern"), mac, out, 256) < 0)
		snprintf(out, 256, "(bad PIXIT pma.nai-pattern)");
	return out;
}

const char *tc_mn_macstr(struct tc *t, const uint8_t mac[6])
{
	return tc_printf(t, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2], mac[3],
			 mac[4], mac[5]);
}

const char *tc_mn_exts(struct tc *t, const struct mip_msg *m)
{
	enum { CAP = 8 * MIP_EXT_MAX + 8 };
	char *s = tc_alloc(t, CAP);
	size_t n = 0;

	s[0] = '\0';
	for (unsigned i = 0; i < m->n_ext && n < CAP; i++) {
		const struct mip_ext *x = &m->ext[i];
		const char *sep = i ? " " : "";

		if (x->fmt == MIP_FMT_SHORT || x->fmt == MIP_FMT_LONG)
			n += (size_t)snprintf(s + n, CAP - n, "%s%u/%u", sep, x->type, x->subtype);
		else
			n += (size_t)snprintf(s + n, CAP - n, "%s%u", sep, x->type);
	}
	return n ? s : "no extensions";
}

bool tc_mn_has_access(const struct tc *t)
{
	return t->net->caps & TC_CAP(TC_LINK_ACCESS);
}

bool tc_mn_claims(const struct tc *t, const char *item)
{
	return params_pics_claimed(t->p, item, !tc_remote(t));
}

/* ---- the tester as HA ---- */

const struct tc_rx *tc_mn_rrq(struct tc *t, uint64_t within_ms, const char *what)
{
	return tc_expect(t, TC_SIG(MIP_RRQ, TC_HA), within_ms, what);
}

bool tc_mn_send_reply(struct tc *t, const struct tc_rx *rrq, const struct mip_msg *rrp)
{
	return tc_send_to(t, TC_HA, rrq->pkt.ends.src, rrq->pkt.ends.sport, rrp);
}

bool tc_mn_reply(struct tc *t, const struct tc_rx *rrq, uint8_t code, uint16_t lifetime,
		 uint32_t hoa)
{
	struct mip_msg rrp;

	tc_rrp_for(t, &rrp, &rrq->m, code, lifetime, hoa);
	return tc_mn_send_reply(t, rrq, &rrp);
}

/* ---- frames ---- */

static bool send_frame(struct tc *t, const uint8_t dst[6], const uint8_t src[6],
		       uint16_t type, const uint8_t *payload, size_t n)
{
	uint8_t frame[TC_PKT_MAX];
	struct mip_err e;
	size_t len;

	if (eth_build(dst, src, type, payload, n, frame, sizeof frame, &len, &e) < 0) {
		tc_error(t, "cannot build a frame of %zu bytes", n);
		return false;
	}
	return tc_send_pkt(t, TC_LINK_ACCESS, frame, len);
}

/* Wait for an access-link frame `want` accepts; the others are logged and dropped. */
typedef bool (*frame_pred)(struct tc *t, const uint8_t *frame, size_t len, void *arg);

static bool access_wait(struct tc *t, uint64_t within_ms, frame_pred want, void *arg)
{
	uint64_t end = tc_now_ms(t) + within_ms;

	for (;;) {
		uint64_t now = tc_now_ms(t);
		const struct tc_rx *rx;

		if (now > end)
			return false;
		rx = tc_recv(t, TC_ON(TC_LINK_ACCESS), end - now);
		if (!rx)
			return false;
		if (want(t, rx->pkt.buf, rx->pkt.len, arg))
			return true;
		tc_logf(t, "access link: not the frame awaited: %s", tc_summary(t, rx));
	}
}

/* ---- DHCP ---- */

bool tc_mn_dhcp_send(struct tc *t, const uint8_t mac[6], uint8_t type, uint32_t xid,
		     uint32_t ciaddr, uint32_t requested, uint32_t server)
{
	static const uint8_t prl[] = { DHCP_OPT_SUBNET_MASK, DHCP_OPT_ROUTER, DHCP_OPT_DNS,
				       DHCP_OPT_LEASE };
	uint8_t pkt[600] = { 0 };
	struct wr w = wr_init(pkt, sizeof pkt);
	struct lease *l = lease_of(t, mac, false);
	uint32_t dst = ciaddr && server ? server : 0xffffffffu;
	size_t udp = TUN_IP4_LEN, bootp = udp + DHCP_UDP_LEN, end;
	struct tun_ip4 h = { .ttl = 64, .proto = 17, .src = ciaddr, .dst = dst,
			     .id = (uint16_t)xid };
	uint16_t csum;

	w.pos = bootp;
	wr_u8(&w, DHCP_BOOTREQUEST);
	wr_u8(&w, DHCP_HTYPE_ETHER);
	wr_u8(&w, ETH_ALEN);
	wr_u8(&w, 0);
	wr_u32(&w, xid);
	wr_u16(&w, 0);
	wr_u16(&w, 0);
	wr_u32(&w, ciaddr);
	w.pos += 12; /* yiaddr, siaddr, giaddr */
	wr_bytes(&w, mac, 6);
	w.pos = bootp + DHCP_FIXED_LEN;
	wr_u32(&w, DHCP_MAGIC);
	wr_u8(&w, DHCP_OPT_MSG_TYPE);
	wr_u8(&w, 1);
	wr_u8(&w, type);
	if (requested) {
		wr_u8(&w, DHCP_OPT_REQUESTED_IP);
		wr_u8(&w, 4);
		wr_u32(&w, requested);
	}
	if (server) {
		wr_u8(&w, DHCP_OPT_SERVER_ID);
		wr_u8(&w, 4);
		wr_u32(&w, server);
	}
	if (type != DHCP_RELEASE) {
		wr_u8(&w, DHCP_OPT_PARAMS);
		wr_u8(&w, sizeof prl);
		wr_bytes(&w, prl, sizeof prl);
	}
	wr_u8(&w, DHCP_OPT_END);
	end = w.pos < bootp + DHCP_MIN_LEN ? bootp + DHCP_MIN_LEN : w.pos;
	h.tot_len = (uint16_t)end;
	w.pos = udp;
	wr_u16(&w, DHCP_CLIENT_PORT);
	wr_u16(&w, DHCP_SERVER_PORT);
	wr_u16(&w, (uint16_t)(end - udp));
	wr_u16(&w, 0);
	csum = dhcp_udp_csum(h.src, h.dst, pkt + udp, end - udp);
	pkt[udp + 6] = (uint8_t)((csum ? csum : 0xffff) >> 8);
	pkt[udp + 7] = (uint8_t)(csum ? csum : 0xffff);
	w.pos = 0;
	tun_ip4_write(&w, &h);
	return send_frame(t, dst != 0xffffffffu && l ? l->server_mac : eth_bcast, mac, ETH_P_IP,
			  pkt, end);
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

bool tc_mn_dhcp_parse(const uint8_t *frame, size_t len, struct tc_dhcp *d)
{
	struct eth_frame f;
	struct tun_ip4 h;
	struct mip_err e;
	const uint8_t *u, *b;
	size_t n;

	memset(d, 0, sizeof *d);
	if (eth_parse(frame, len, &f, &e) < 0 || f.type != ETH_P_IP ||
	    tun_ip4_parse(f.payload, f.payload_len, &h, &e) < 0 || h.proto != 17)
		return false;
	u = f.payload + h.hlen;
	n = h.tot_len - h.hlen;
	if (n < DHCP_UDP_LEN + DHCP_OPT_OFF || (u[0] << 8 | u[1]) != DHCP_SERVER_PORT ||
	    (u[2] << 8 | u[3]) != DHCP_CLIENT_PORT)
		return false;
	b = u + DHCP_UDP_LEN;
	n -= DHCP_UDP_LEN;
	if (b[0] != DHCP_BOOTREPLY || be32(b + DHCP_FIXED_LEN) != DHCP_MAGIC)
		return false;
	memcpy(d->src, f.src, 6);
	memcpy(d->dst, f.dst, 6);
	d->ip_src = h.src;
	d->ip_dst = h.dst;
	d->xid = be32(b + 4);
	d->yiaddr = be32(b + 16);
	for (size_t i = DHCP_OPT_OFF; i < n && b[i] != DHCP_OPT_END;) {
		uint8_t o = b[i], ol;

		if (o == DHCP_OPT_PAD) {
			i++;
			continue;
		}
		if (i + 2 > n || i + 2 + b[i + 1] > n)
			return false;
		ol = b[i + 1];
		if (o == DHCP_OPT_MSG_TYPE && ol == 1)
			d->type = b[i + 2];
		else if (ol == 4 && o == DHCP_OPT_SERVER_ID)
			d->server_id = be32(b + i + 2);
		else if (ol >= 4 && o == DHCP_OPT_ROUTER)
			d->router = be32(b + i + 2);
		else if (ol == 4 && o == DHCP_OPT_SUBNET_MASK)
			d->mask = be32(b + i + 2);
		else if (ol == 4 && o == DHCP_OPT_LEASE)
			d->lease = be32(b + i + 2);
		i += 2u + ol;
	}
	return d->type != 0;
}

struct dhcp_want {
	const uint8_t *mac;
	int type;
	struct tc_dhcp *d;
};

static bool want_dhcp(struct tc *t, const uint8_t *frame, size_t len, void *arg)
{
	struct dhcp_want *w = arg;
	struct tc_dhcp d;
	struct lease *l;
	const uint8_t *chaddr;

	if (!tc_mn_dhcp_parse(frame, len, &d))
		return false;
	/* chaddr sits at a fixed place after the headers the parser accepted */
	chaddr = frame + ETH_HLEN + (frame[ETH_HLEN] & 15) * 4 + DHCP_UDP_LEN + 28;
	if (memcmp(chaddr, w->mac, 6))
		return false;
	if ((d.type == DHCP_OFFER || d.type == DHCP_ACK) && (l = lease_of(t, w->mac, true))) {
		l->addr = d.yiaddr;
		l->server = d.server_id;
		memcpy(l->server_mac, d.src, 6);
	}
	if (w->type >= 0 && d.type != w->type)
		return false;
	*w->d = d;
	return true;
}

bool tc_mn_dhcp_recv(struct tc *t, const uint8_t mac[6], int type, uint64_t within_ms,
		     struct tc_dhcp *d)
{
	struct tc_dhcp tmp;
	struct dhcp_want w = { mac, type, d ? d : &tmp };

	return access_wait(t, within_ms, want_dhcp, &w);
}

bool tc_mn_dhcp_expect(struct tc *t, const uint8_t mac[6], int type, uint64_t within_ms,
		       const char *what, struct tc_dhcp *d)
{
	if (tc_mn_dhcp_recv(t, mac, type, within_ms, d))
		return true;
	tc_fail(t, what, tc_printf(t, "within %llu ms", (unsigned long long)within_ms),
		"nothing");
	return false;
}

bool tc_mn_release(struct tc *t, const uint8_t mac[6], uint32_t addr)
{
	struct lease *l = lease_of(t, mac, false);
	uint32_t server = l && l->server ? l->server : params_addr(t->p, "pma.gateway");

	return tc_mn_dhcp_send(t, mac, DHCP_RELEASE, 0x72000000u | mac[5], addr, 0, server);
}

/* ---- tc.h: attach and detach ---- */

static bool run_hook(struct tc *t, const char *key, const uint8_t mac[6])
{
	const char *cmd = params_str(t->p, key), *m = tc_mn_macstr(t, mac);
	char line[1024];
	size_t n = 0;
	int st;

	for (const char *c = cmd; *c && n + 18 < sizeof line; c++) {
		if (c[0] == '%' && c[1] == 'm') {
			n += (size_t)snprintf(line + n, sizeof line - n, "%s", m);
			c++;
		} else {
			line[n++] = *c;
		}
	}
	line[n] = '\0';
	tc_logf(t, "hook: %s", line);
	st = system(line);
	if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		tc_inconc(t, "PIXIT %s failed (status %d): %s", key, st, line);
		return false;
	}
	return true;
}

bool tc_attach(struct tc *t, const uint8_t mac[6])
{
	lease_of(t, mac, true); /* for tc_mn_postamble */
	if (t->net->caps & TC_CAP(TC_LINK_ACCESS))
		return tc_mn_dhcp_send(t, mac, DHCP_DISCOVER, 0x64000000u | mac[5], 0, 0, 0);
	if (params_str(t->p, "pma.attach-cmd"))
		return run_hook(t, "pma.attach-cmd", mac);
	tc_none(t, "the tester cannot make a device attach to %s (no access link, no PIXIT "
		"pma.attach-cmd)", t->net->name);
	return false;
}

bool tc_detach(struct tc *t, const uint8_t mac[6])
{
	struct lease *l;

	if (t->net->caps & TC_CAP(TC_LINK_ACCESS)) {
		l = lease_of(t, mac, false);
		if (!l || !l->addr)
			tc_note(t, "releasing %s with no address known", tc_mn_macstr(t, mac));
		return tc_mn_release(t, mac, l ? l->addr : 0);
	}
	if (params_str(t->p, "pma.detach-cmd"))
		return run_hook(t, "pma.detach-cmd", mac);
	tc_none(t, "the tester cannot make a device detach from %s (no access link, no PIXIT "
		"pma.detach-cmd)", t->net->name);
	return false;
}

/* ---- preamble ---- */

/* Device k, new, attaches to the PMA. */
static bool mn_attach(struct tc *t, struct tc_mn *mn, unsigned k)
{
	memset(mn, 0, sizeof *mn);
	mn->k = k;
	tc_mn_mac(k, mn->mac);
	memcpy(mn->pma_mac, eth_bcast, 6);
	mn->hoa = tc_mn_hoa(t, k);
	mn->gateway = params_addr(t->p, "pma.gateway");
	return tc_attach(t, mn->mac);
}

const struct tc_rx *tc_mn_attach(struct tc *t, struct tc_mn *mn, unsigned k)
{
	if (!mn_attach(t, mn, k))
		return NULL;
	mn->rrq = tc_mn_rrq(t, params_ms(t->p, "reply-ms"), "PRRQ after the attach");
	if (mn->rrq)
		mn->sent_ms = mn->rrq->at_ms;
	return mn->rrq;
}

bool tc_mn_up(struct tc *t, struct tc_mn *mn, unsigned k, uint16_t lifetime)
{
	return tc_mn_up_with(t, mn, k, lifetime, 0);
}

bool tc_mn_up_for_detach(struct tc *t, struct tc_mn *mn, unsigned k)
{
	return tc_mn_up_with(t, mn, k, 0, tc_pics(t, "pma.revoke") ? TC_MN_NO_137 : 0);
}

/* The reply's 137 as the flags say (RFC 3543 §3.2). */
static void edit_137(struct mip_msg *rrp, unsigned flags)
{
	struct mip_ext *x = mip_ext_get(rrp, MIP_EXT_REVSUP, -1), y;

	if (!x)
		return;
	if (flags & TC_MN_137_I)
		x->v.rev.flags |= MIP_REVSUP_I;
	y = *x;
	if (flags & (TC_MN_NO_137 | TC_MN_137_UNCOVERED))
		tc_ext_del(rrp, MIP_EXT_REVSUP, -1);
	if ((flags & TC_MN_137_UNCOVERED) && (x = mip_ext_add(rrp, MIP_EXT_REVSUP, 0)))
		*x = y; /* after the authenticator: not protected by it */
}

bool tc_mn_up_with(struct tc *t, struct tc_mn *mn, unsigned k, uint16_t lifetime,
		   unsigned flags)
{
	uint64_t wait = params_ms(t->p, "reply-ms");
	const struct tc_rx *rrq;
	const struct mip_ext *x;
	struct tc_dhcp d;
	struct mip_msg rrp;

	if (!mn_attach(t, mn, k))
		return false;
	rrq = tc_recv(t, TC_SIG(MIP_RRQ, TC_HA), wait);
	if (!rrq || !rrq->decoded) {
		tc_inconc(t, "preamble: device %u attached: %s", k,
			  rrq ? "the PMA's request does not decode" : "no request from the PMA");
		return false;
	}
	mn->rrq = rrq;
	mn->sent_ms = rrq->at_ms;
	mn->lifetime = lifetime ? lifetime : rrq->m.lifetime;
	tc_rrp_for(t, &rrp, &rrq->m, 0, mn->lifetime, mn->hoa);
	if (flags & TC_MN_NO_GRE)
		tc_ext_del(&rrp, MIP_EXT_GREKEY, -1);
	edit_137(&rrp, flags);
	if ((x = mip_ext_find(&rrp, MIP_EXT_REVSUP, -1)))
		mn->rev_ts = x->v.rev.ts;
	if ((x = mip_ext_find(&rrq->m, MIP_EXT_GREKEY, -1)))
		mn->gre_pma = x->v.gre.key;
	if ((x = mip_ext_find(&rrp, MIP_EXT_GREKEY, -1)))
		mn->gre_ha = x->v.gre.key;
	if (!tc_mn_send_reply(t, rrq, &rrp))
		return false;
	if (!(t->net->caps & TC_CAP(TC_LINK_ACCESS)))
		return true;
	if (!tc_mn_dhcp_recv(t, mn->mac, DHCP_OFFER, wait, &d)) {
		tc_inconc(t, "preamble: device %u registered: no DHCPOFFER", k);
		return false;
	}
	memcpy(mn->pma_mac, d.src, 6);
	if (d.router)
		mn->gateway = d.router;
	if (!tc_mn_dhcp_send(t, mn->mac, DHCP_REQUEST, d.xid, 0, d.yiaddr, d.server_id))
		return false;
	if (!tc_mn_dhcp_recv(t, mn->mac, DHCP_ACK, wait, &d)) {
		tc_inconc(t, "preamble: device %u: no DHCPACK to the DHCPREQUEST", k);
		return false;
	}
	mn->dhcp = true;
	return true;
}

/* ---- postamble ---- */

/* Whether rx ends a device's binding at the tester's HA: a deregistration (lifetime 0)
 * or a revocation. */
static bool answer_leave(struct tc *t, const struct tc_rx *rx)
{
	if (!rx->decoded)
		return false;
	if (rx->m.type == MIP_REV) {
		tc_revack_reply(t, rx, 0);
		return true;
	}
	if (rx->m.type != MIP_RRQ)
		return false;
	/* a deregistration is accepted; a late request of the case refused (RFC 5944
	 * §3.4: 129 administratively prohibited) so it makes no binding */
	tc_mn_reply(t, rx, rx->m.lifetime ? 129 : 0, 0, rx->m.hoa);
	return !rx->m.lifetime;
}

void tc_mn_postamble(struct tc *t)
{
	struct leases *ls = leases(t);
	size_t n = ls->n, left = 0;
	const struct tc_rx *rx;

	if (!n || !tc_mn_can_attach(t))
		return;
	tc_logf(t, "postamble: %zu device(s) detach, their bindings end", n);
	for (size_t i = 0; i < n; i++) {
		/* a device that got no address (refused, or still registering) may be one
		 * the PMA's link no longer counts as attached, and a release alone would not
		 * reach its session: it asks once more, then leaves */
		if (!ls->l[i].addr && tc_mn_has_access(t))
			tc_mn_dhcp_send(t, ls->l[i].mac, DHCP_DISCOVER, 0x64000000u | ls->l[i].mac[5],
					0, 0, 0);
		/* a binding to end: the device got an address (or, with hooks, may have) */
		left += tc_detach(t, ls->l[i].mac) && (ls->l[i].addr || !tc_mn_has_access(t));
	}
	while (left && (rx = tc_recv(t, TC_SIG(-1, TC_NODE_COUNT),
				     params_ms(t->p, "silence-ms"))))
		left -= answer_leave(t, rx);
	ls->n = 0;
}

/* ---- liveness ---- */

bool tc_mn_can_attach(const struct tc *t)
{
	return tc_mn_has_access(t) || params_str(t->p, "pma.attach-cmd");
}

bool tc_mn_control(struct tc *t)
{
	enum case_verdict v = t->v;
	char reason[RUN_REASON_MAX];
	const struct tc_rx *rx;
	struct tc_mn mn;
	bool alive;

	memcpy(reason, t->reason, sizeof reason);
	tc_drain(t); /* anything the PMA said before is not the answer */
	tc_logf(t, "positive control: device %u attaches", TC_MN_CONTROL_K);
	alive = tc_mn_up_for_detach(t, &mn, TC_MN_CONTROL_K) || mn.rrq;
	if (alive && tc_detach(t, mn.mac)) /* the PMA deregisters the device that left */
		for (int k = 0; k < 4 && (rx = tc_recv(t, TC_SIG(-1, TC_NODE_COUNT),
						       params_ms(t->p, "silence-ms"))); k++)
			if (answer_leave(t, rx))
				break;
	leases(t)->n = 0;
	t->v = v;
	memcpy(t->reason, reason, sizeof reason);
	return alive;
}

/* ---- ARP ---- */

bool tc_mn_arp_send(struct tc *t, const uint8_t mac[6], uint32_t spa, uint32_t tpa)
{
	struct arp_pkt a = { ARP_HRD_ETHER, ARP_PRO_IP, ETH_ALEN, 4, ARP_REQUEST, { 0 }, spa,
			     { 0 }, tpa };
	uint8_t buf[ARP_LEN];
	struct wr w = wr_init(buf, sizeof buf);

	memcpy(a.sha, mac, 6);
	arp_write(&w, &a);
	return send_frame(t, eth_bcast, mac, ETH_P_ARP, buf, w.pos);
}

struct arp_want {
	const uint8_t *mac;
	uint32_t tpa;
	uint8_t *sha;
};

static bool want_arp(struct tc *t, const uint8_t *frame, size_t len, void *arg)
{
	struct arp_want *w = arg;
	struct eth_frame f;
	struct arp_pkt a;
	struct mip_err e;

	(void)t;
	if (eth_parse(frame, len, &f, &e) < 0 || f.type != ETH_P_ARP ||
	    arp_parse(f.payload, f.payload_len, &a, &e) < 0 || a.op != ARP_REPLY ||
	    a.spa != w->tpa || memcmp(f.dst, w->mac, 6))
		return false;
	if (w->sha)
		memcpy(w->sha, a.sha, 6);
	return true;
}

bool tc_mn_arp_recv(struct tc *t, const uint8_t mac[6], uint32_t tpa, uint64_t within_ms,
		    uint8_t sha[6])
{
	struct arp_want w = { mac, tpa, sha };

	return access_wait(t, within_ms, want_arp, &w);
}

/* ---- ICMP echo ---- */

#define PING_ID 0x7063

bool tc_mn_ping_send(struct tc *t, const struct tc_mn *mn, uint32_t dst, uint8_t ttl,
		     uint16_t seq)
{
	uint8_t pkt[TUN_IP4_LEN + ICMP_ECHO_HLEN + 16] = { 0 };
	struct tun_ip4 h = { .ttl = ttl, .proto = ICMP_PROTO, .src = mn->hoa, .dst = dst,
			     .id = seq, .tot_len = sizeof pkt };
	struct wr w = wr_init(pkt, sizeof pkt);
	uint8_t *icmp = pkt + TUN_IP4_LEN;
	uint16_t c;

	tun_ip4_write(&w, &h);
	icmp[0] = ICMP_ECHO;
	icmp[4] = PING_ID >> 8;
	icmp[5] = PING_ID & 255;
	icmp[6] = (uint8_t)(seq >> 8);
	icmp[7] = (uint8_t)seq;
	memcpy(icmp + ICMP_ECHO_HLEN, "pmip4ct echo....", 16);
	c = tun_csum(icmp, ICMP_ECHO_HLEN + 16);
	icmp[2] = (uint8_t)(c >> 8);
	icmp[3] = (uint8_t)c;
	return send_frame(t, mn->pma_mac, mn->mac, ETH_P_IP, pkt, sizeof pkt);
}

struct ping_want {
	const struct tc_mn *mn;
	uint32_t from;
	uint16_t seq;
};

static bool want_ping(struct tc *t, const uint8_t *frame, size_t len, void *arg)
{
	struct ping_want *w = arg;
	struct eth_frame f;
	struct tun_ip4 h;
	struct mip_err e;
	const uint8_t *icmp;

	(void)t;
	if (eth_parse(frame, len, &f, &e) < 0 || f.type != ETH_P_IP ||
	    tun_ip4_parse(f.payload, f.payload_len, &h, &e) < 0 || h.proto != ICMP_PROTO ||
	    h.tot_len < h.hlen + ICMP_ECHO_HLEN || memcmp(f.dst, w->mn->mac, 6))
		return false;
	icmp = f.payload + h.hlen;
	return h.src == w->from && h.dst == w->mn->hoa && icmp[0] == ICMP_ECHOREPLY &&
	       (icmp[4] << 8 | icmp[5]) == PING_ID && (icmp[6] << 8 | icmp[7]) == w->seq &&
	       tun_csum(icmp, h.tot_len - h.hlen) == 0;
}

bool tc_mn_ping_recv(struct tc *t, const struct tc_mn *mn, uint32_t from, uint16_t seq,
		     uint64_t within_ms)
{
	struct ping_want w = { mn, from, seq };

	return access_wait(t, within_ms, want_ping, &w);
}

/* ---- data packets ---- */

size_t tc_mn_udp_pkt(uint8_t *out, size_t cap, uint32_t src, uint32_t dst, uint16_t ip_id,
		     const char *tag)
{
	size_t n = strlen(tag), len = TUN_IP4_LEN + 8 + n;
	struct tun_ip4 h = { .ttl = 64, .proto = 17, .src = src, .dst = dst, .id = ip_id,
			     .tot_len = (uint16_t)len };
	struct wr w = wr_init(out, cap);

	if (len > cap)
		return 0;
	tun_ip4_write(&w, &h);
	wr_u16(&w, 40000);
	wr_u16(&w, 9);
	wr_u16(&w, (uint16_t)(8 + n));
	wr_u16(&w, 0); /* no checksum (RFC 768) */
	wr_bytes(&w, tag, n);
	return w.overflow ? 0 : w.pos;
}

bool tc_mn_ip_send(struct tc *t, const struct tc_mn *mn, const uint8_t *ip, size_t len)
{
	return send_frame(t, mn->pma_mac, mn->mac, ETH_P_IP, ip, len);
}

const struct tc_rx *tc_mn_core(struct tc *t, uint64_t within_ms, const char *what,
			       struct tun_pkt *tp)
{
	const struct tc_rx *rx = tc_expect(t, TC_ON(TC_LINK_CORE), within_ms, what);
	struct mip_err e;
	char why[160];

	if (!rx)
		return NULL;
	if (tun_decap(rx->pkt.buf, rx->pkt.len, tp, &e) < 0) {
		tc_fail(t, what, "an IP-in-IP or GRE packet", "%s",
			mip_err_str(&e, why, sizeof why));
		return NULL;
	}
	return rx;
}

struct ip_want {
	const uint8_t *mac, *ip;
	size_t len;
};

static bool want_ip(struct tc *t, const uint8_t *frame, size_t len, void *arg)
{
	struct ip_want *w = arg;
	struct eth_frame f;
	struct mip_err e;

	(void)t;
	return eth_parse(frame, len, &f, &e) == 0 && f.type == ETH_P_IP &&
	       !memcmp(f.dst, w->mac, 6) && f.payload_len >= w->len &&
	       !memcmp(f.payload, w->ip, w->len);
}

bool tc_mn_ip_recv(struct tc *t, const uint8_t mac[6], const uint8_t *ip, size_t len,
		   uint64_t within_ms)
{
	struct ip_want w = { mac, ip, len };

	return access_wait(t, within_ms, want_ip, &w);
}
