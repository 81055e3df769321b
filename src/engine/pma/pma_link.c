/* pma_link.c — the PMA's access link: DHCP server, ARP and ICMP answers, the device table
 * and lease timers (RFC 5563 §4.1.1, §4.5, §6.1, §6.2, §6.3; RFC 2131 §4.3).
 *
 * The tunnel side is pma_dp.c.  Decisions are listed in pma_link.h.
 */
#include <stdlib.h>
#include <string.h>

#include "arp.h"
#include "dhcp.h"
#include "eth.h"
#include "icmp.h"
#include "pma_link.h"
#include "pma_link_priv.h"

#define NS 1000000000ull
#define IP_PROTO_UDP 17

static const char *const drop_names[PL_DROP_COUNT] = {
	[PL_DROP_MALFORMED] = "malformed",       [PL_DROP_OTHER] = "other",
	[PL_DROP_UNREGISTERED] = "unregistered", [PL_DROP_SPOOFED] = "spoofed-source",
	[PL_DROP_OWN_ADDR] = "arp-own-address",  [PL_DROP_TO_GATEWAY] = "to-gateway",
	[PL_DROP_BROADCAST] = "broadcast",       [PL_DROP_DHCP] = "dhcp-not-served",
	[PL_DROP_TTL] = "ttl-expired",           [PL_DROP_NO_DEVICE] = "no-device",
	[PL_DROP_NOMEM] = "no-memory",           [PL_DROP_TX] = "tx-failed",
};

const char *pl_drop_name(enum pl_drop d)
{
	return d < PL_DROP_COUNT ? drop_names[d] : "?";
}

void pma_link_config_defaults(struct pma_link_config *c)
{
	memset(c, 0, sizeof *c);
	c->netmask = 0xffffff00u;
	c->lease_s = 3600;
	c->nai_pattern = PL_NAI_PATTERN;
}

int pma_link_nai(const char *pat, const uint8_t mac[6], char *out, size_t cap)
{
	static const char hex[2][17] = { "0123456789abcdef", "0123456789ABCDEF" };
	size_t n = 0;
	unsigned b = 0;

	for (const char *c = pat; *c; c++) {
		if (n + 3 > cap)
			return -1;
		if (c[0] != '%') {
			out[n++] = *c;
		} else if (c[1] == '%') {
			out[n++] = '%';
			c++;
		} else if (c[1] == '0' && c[2] == '2' && (c[3] == 'x' || c[3] == 'X') && b < 6) {
			out[n++] = hex[c[3] == 'X'][mac[b] >> 4];
			out[n++] = hex[c[3] == 'X'][mac[b++] & 15];
			c += 3;
		} else {
			return -1;
		}
	}
	out[n] = '\0';
	return 0;
}

/* Device table */

struct pl_dev *pl_dev_find(const struct pma_link *l, const uint8_t mac[6])
{
	struct pl_dev *d;

	for (d = l->devs; d; d = d->next)
		if (!memcmp(d->mac, mac, 6))
			return d;
	return NULL;
}

static void fire_lease(struct timer *t, void *arg);

static struct pl_dev *dev_add(struct pma_link *l, const uint8_t mac[6])
{
	struct pl_dev *d = calloc(1, sizeof *d);

	if (!d)
		return NULL;
	memcpy(d->mac, mac, 6);
	if (pma_link_nai(l->nai_pattern, mac, d->nai, sizeof d->nai) < 0) {
		free(d);
		return NULL;
	}
	timer_init(&d->t_lease, fire_lease);
	d->next = l->devs;
	l->devs = d;
	return d;
}

int pma_link_add_device(struct pma_link *l, const uint8_t mac[6], const char *nai,
			const char *imsi, uint32_t ha)
{
	struct pl_dev *d = pl_dev_find(l, mac);

	if (strlen(nai) >= sizeof d->nai || (imsi && strlen(imsi) >= sizeof d->imsi))
		return -1;
	if (!d && !(d = dev_add(l, mac)))
		return -1;
	strcpy(d->nai, nai);
	strcpy(d->imsi, imsi ? imsi : "");
	d->ha = ha;
	return 0;
}

/* Back to no registration, on our side only. */
static void dev_idle(struct pma_link *l, struct pl_dev *d)
{
	timers_cancel(&l->timers, &d->t_lease);
	d->st = PL_S_IDLE;
	d->bound = false;
	d->held_len = 0;
	memset(&d->s, 0, sizeof d->s);
}

static void dev_detach(struct pma_link *l, struct pl_dev *d)
{
	dev_idle(l, d);
	l->ctr.detach++;
	pma_detach(l->pma, d->mac);
}

static int dev_attach(struct pma_link *l, struct pl_dev *d)
{
	struct pma_device dev;

	memset(&dev, 0, sizeof dev);
	memcpy(dev.mac, d->mac, 6);
	strcpy(dev.nai, d->nai);
	strcpy(dev.imsi, d->imsi);
	strcpy(dev.ifid, l->ifid);
	dev.ha = d->ha;
	if (pma_attach(l->pma, &dev) < 0)
		return -1;
	l->ctr.attach++;
	d->st = PL_S_SIGNALLING;
	return 0;
}

/* Sending */

void pl_send(struct pma_link *l, const struct pkt_port *port, const uint8_t *buf, size_t len)
{
	if (pkt_port_send(port, buf, len) < 0)
		l->ctr.drop[PL_DROP_TX]++;
}

static void drop(struct pma_link *l, enum pl_drop why)
{
	l->ctr.drop[why]++;
}

/* DHCP (RFC 2131 §4.3, RFC 5563 §4.1.1 step 5, §6.3) */

void pl_dhcp_send(struct pma_link *l, const struct pl_dev *d, const struct dhcp_msg *req,
		  uint8_t type, uint32_t yiaddr)
{
	struct dhcp_reply r = {
		.type = type, .yiaddr = yiaddr, .server_id = l->cfg.gateway,
		.lease = l->cfg.lease_s, .mask = l->cfg.netmask, .router = l->cfg.gateway,
		.dns = l->cfg.dns, .n_dns = l->cfg.n_dns,
	};
	struct mip_err e;
	size_t n;

	pl_fault_dhcp(l, d, &r);
	if (dhcp_frame_build(req, &r, l->cfg.mac, l->out, sizeof l->out, &n, &e) < 0) {
		drop(l, PL_DROP_TX);
		return;
	}
	l->ctr.dhcp_tx[type]++;
	pl_send(l, &l->acc, l->out, n);
}

/* Answer a DISCOVER or REQUEST of a registered device. */
static void dhcp_answer(struct pma_link *l, struct pl_dev *d, const struct dhcp_msg *m)
{
	uint32_t want;

	if (m->type == DHCP_DISCOVER) {
		pl_dhcp_send(l, d, m, DHCP_OFFER, d->s.hoa);
		return;
	}
	/* SELECTING and INIT-REBOOT name it in option 50; RENEWING and REBINDING in ciaddr */
	want = m->has_requested_ip ? m->requested_ip : m->ciaddr;
	if (want != d->s.hoa) {
		pl_dhcp_send(l, d, m, DHCP_NAK, 0);
		return;
	}
	pl_dhcp_send(l, d, m, DHCP_ACK, d->s.hoa);
	d->bound = true;
	if (l->cfg.lease_s != DHCP_LEASE_INFINITE &&
	    timers_arm(&l->timers, &d->t_lease,
		       clk_now_ns(l->clk) + (uint64_t)l->cfg.lease_s * NS) < 0)
		drop(l, PL_DROP_NOMEM);
}

/* The device's message waits for the registration (RFC 5563 §4.1.1 steps 1-5). */
static void dhcp_hold(struct pma_link *l, struct pl_dev *d, const uint8_t *frame, size_t len)
{
	if (len > sizeof d->held) {
		drop(l, PL_DROP_MALFORMED);
		return;
	}
	memcpy(d->held, frame, len);
	d->held_len = len;
	pl_fault_held(l, d, frame, len);
	if (d->st == PL_S_IDLE && dev_attach(l, d) < 0) {
		d->held_len = 0;
		drop(l, PL_DROP_NOMEM);
	}
}

static void dhcp_input(struct pma_link *l, const struct dhcp_frame *f, const uint8_t *frame,
		       size_t len)
{
	const struct dhcp_msg *m = &f->msg;
	struct pl_dev *d = pl_dev_find(l, f->eth.src);

	l->ctr.dhcp_rx[m->type < 9 ? m->type : 0]++;
	if (m->has_server_id && m->server_id != l->cfg.gateway) {
		drop(l, PL_DROP_DHCP); /* the client chose another server */
		return;
	}
	if (m->type == DHCP_RELEASE) {
		if (d && d->st != PL_S_IDLE)
			dev_detach(l, d);
		return;
	}
	if (m->type != DHCP_DISCOVER && m->type != DHCP_REQUEST) {
		drop(l, PL_DROP_DHCP);
		return;
	}
	if (!d && !(d = dev_add(l, f->eth.src))) {
		drop(l, PL_DROP_NOMEM);
		return;
	}
	if (d->st == PL_S_REGISTERED)
		dhcp_answer(l, d, m);
	else
		dhcp_hold(l, d, frame, len);
}

/* ARP (RFC 5563 §6.1) */

static void arp_input(struct pma_link *l, const struct eth_frame *f)
{
	struct pl_dev *d = pl_dev_find(l, f->src);
	struct arp_pkt a;
	struct mip_err e;
	size_t n;

	if (arp_parse(f->payload, f->payload_len, &a, &e) < 0) {
		drop(l, PL_DROP_MALFORMED);
		return;
	}
	if (a.op != ARP_REQUEST) {
		drop(l, PL_DROP_OTHER);
		return;
	}
	if (!d || d->st != PL_S_REGISTERED) {
		drop(l, PL_DROP_UNREGISTERED);
		return;
	}
	if ((a.tpa == a.spa || a.tpa == d->s.hoa) &&
	    !pma_has_fault(l->pma, PMA_FAULT_ARP_ANSWER_OWN)) {
		drop(l, PL_DROP_OWN_ADDR);
		return;
	}
	if (a.tpa == l->cfg.gateway && pma_has_fault(l->pma, PMA_FAULT_NO_ARP_REPLY)) {
		drop(l, PL_DROP_OWN_ADDR);
		return;
	}
	if (arp_reply(&a, l->cfg.mac, l->out, sizeof l->out, &n, &e) < 0) {
		drop(l, PL_DROP_TX);
		return;
	}
	l->ctr.arp_replies++;
	pl_send(l, &l->acc, l->out, n);
}

/* ICMP echo to the gateway, TTL 1 probes included (RFC 5563 §6.2) */

static void icmp_input(struct pma_link *l, struct pl_dev *d, const uint8_t *ip, size_t len)
{
	uint8_t pkt[PL_OUT_MAX];
	struct icmp_echo m;
	struct mip_err e;
	size_t n;

	if (icmp_echo_parse(ip, len, &m, &e) < 0 ||
	    pma_has_fault(l->pma, PMA_FAULT_NO_ECHO_REPLY)) {
		drop(l, PL_DROP_TO_GATEWAY);
		return;
	}
	if (icmp_echo_reply(&m, pkt, sizeof pkt, &n, &e) < 0 ||
	    eth_build(d->mac, l->cfg.mac, ETH_P_IP, pkt, n, l->out, sizeof l->out, &n, &e) < 0) {
		drop(l, PL_DROP_TX);
		return;
	}
	l->ctr.icmp_replies++;
	pl_send(l, &l->acc, l->out, n);
}

static bool is_broadcast(const struct pma_link *l, uint32_t dst)
{
	uint32_t host = ~l->cfg.netmask;

	return dst == 0xffffffffu || (dst >> 28) == 0xe ||
	       (host && (dst & host) == host && (dst & l->cfg.netmask) ==
	       (l->cfg.gateway & l->cfg.netmask));
}

static void ip_input(struct pma_link *l, const struct eth_frame *f, const uint8_t *frame,
		     size_t len)
{
	struct pl_dev *d = pl_dev_find(l, f->src);
	struct dhcp_frame df;
	struct tun_ip4 h;
	struct mip_err e;

	if (tun_ip4_parse(f->payload, f->payload_len, &h, &e) < 0) {
		drop(l, PL_DROP_MALFORMED);
		return;
	}
	if (h.proto == IP_PROTO_UDP && dhcp_frame_parse(frame, len, &df, &e) == 0) {
		dhcp_input(l, &df, frame, len);
		return;
	}
	if (!d || d->st != PL_S_REGISTERED) {
		drop(l, PL_DROP_UNREGISTERED);
		return;
	}
	if (h.src != d->s.hoa) {
		drop(l, PL_DROP_SPOOFED);
		return;
	}
	if (h.dst == l->cfg.gateway) {
		icmp_input(l, d, f->payload, f->payload_len);
		return;
	}
	if (is_broadcast(l, h.dst)) {
		drop(l, PL_DROP_BROADCAST);
		return;
	}
	if (h.ttl <= 1) {
		drop(l, PL_DROP_TTL);
		return;
	}
	if (pl_fault_switch(l, d, h.dst, frame, len))
		return;
	pl_dp_from_dev(l, d, f->payload, f->payload_len);
}

void pma_link_frame(struct pma_link *l, const uint8_t *frame, size_t len)
{
	struct eth_frame f;
	struct mip_err e;

	if (eth_parse(frame, len, &f, &e) < 0) {
		drop(l, PL_DROP_MALFORMED);
		return;
	}
	if (f.type == ETH_P_ARP)
		arp_input(l, &f);
	else if (f.type == ETH_P_IP)
		ip_input(l, &f, frame, len);
	else
		drop(l, PL_DROP_OTHER);
}

/* The PMA's hooks */

static void on_registered(void *arg, const uint8_t mac[6], const struct pma_session_info *s)
{
	struct pma_link *l = arg;
	struct pl_dev *d = pl_dev_find(l, mac);
	struct dhcp_frame f;
	struct mip_err e;

	if (!d)
		return;
	d->s = *s;
	d->st = PL_S_REGISTERED;
	pl_fault_registered(l, d);
	if (!d->held_len)
		return;
	if (dhcp_frame_parse(d->held, d->held_len, &f, &e) == 0)
		dhcp_answer(l, d, &f.msg);
	d->held_len = 0;
}

static void on_lost(void *arg, const uint8_t mac[6], enum pma_event why)
{
	struct pma_link *l = arg;
	struct pl_dev *d = pl_dev_find(l, mac);

	(void)why;
	if (!d)
		return;
	l->ctr.lost++;
	dev_idle(l, d);
}

/* RFC 5563 §4.4: attached means holding a lease.  Not attached: the PMA deregisters. */
static bool on_still_attached(void *arg, const uint8_t mac[6])
{
	struct pma_link *l = arg;
	struct pl_dev *d = pl_dev_find(l, mac);

	if (d && d->bound)
		return true;
	if (d)
		dev_idle(l, d);
	return false;
}

/* Lease timers (RFC 5563 §6.3: expiry deregisters) */

static void fire_lease(struct timer *t, void *arg)
{
	struct pma_link *l = arg;
	struct pl_dev *d = container_of(t, struct pl_dev, t_lease);

	l->ctr.lease_expired++;
	dev_detach(l, d);
}

uint64_t pma_link_next_due(const struct pma_link *l)
{
	return timers_next(&l->timers);
}

void pma_link_tick(struct pma_link *l)
{
	timers_run(&l->timers, clk_now_ns(l->clk), l);
}

/* Life cycle */

static int copy_str(char *dst, size_t cap, const char *src)
{
	if (!src)
		src = "";
	if (strlen(src) >= cap)
		return -1;
	strcpy(dst, src);
	return 0;
}

struct pma_link *pma_link_create(const struct pma_link_config *cfg, struct pma *p,
				 const struct clk *clk, struct pkt_port acc,
				 struct pkt_port core)
{
	static const uint8_t zero[6];
	struct pma_link *l = calloc(1, sizeof *l);
	struct pma_hooks hooks = { on_registered, on_lost, on_still_attached, l };
	char probe[128];

	if (!l)
		return NULL;
	l->cfg = *cfg;
	if (copy_str(l->nai_pattern, sizeof l->nai_pattern,
		     cfg->nai_pattern ? cfg->nai_pattern : PL_NAI_PATTERN) < 0 ||
	    copy_str(l->ifid, sizeof l->ifid, cfg->ifid) < 0 || cfg->n_dns > PL_DNS_MAX ||
	    pma_link_nai(l->nai_pattern, zero, probe, sizeof probe) < 0) {
		free(l);
		return NULL;
	}
	l->cfg.nai_pattern = l->nai_pattern;
	l->cfg.ifid = l->ifid;
	l->pma = p;
	l->clk = clk;
	l->acc = acc;
	l->core = core;
	timers_init(&l->timers);
	pma_set_hooks(p, &hooks);
	return l;
}

void pma_link_destroy(struct pma_link *l)
{
	struct pl_dev *d, *next;

	if (!l)
		return;
	pma_set_hooks(l->pma, NULL);
	timers_finish(&l->timers); /* it touches the devices' timers */
	for (d = l->devs; d; d = next) {
		next = d->next;
		free(d);
	}
	free(l);
}

int pma_link_hoa(const struct pma_link *l, const uint8_t mac[6], uint32_t *hoa)
{
	const struct pl_dev *d = pl_dev_find(l, mac);

	if (!d || d->st != PL_S_REGISTERED)
		return -1;
	*hoa = d->s.hoa;
	return 0;
}

const struct pma_link_counters *pma_link_counters(const struct pma_link *l)
{
	return &l->ctr;
}
