/* rr_rw.c — rewriting frames for raw replay (rr_rw.h): maps, checksums, tunnels.
 *
 * The walk goes down IPv4 (RFC 791 §3.1), IP-in-IP (RFC 2003 §3.1) and GRE (RFC 2784 §2,
 * RFC 2890 §2) to UDP (RFC 768) and TCP (RFC 793 §3.1), maps addresses and ports, and
 * fixes every checksum on the way back up: the inner ones first, since a GRE checksum
 * covers them.  A layer cut short by the capture keeps its L4 checksum (it cannot be
 * computed); fragments keep their ports and L4 checksum (it covers other fragments).
 * Tunnel operations then use the tunnel codec (tun.c), which wants correct headers.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "frame.h"
#include <pcap/dlt.h>
#include "rr_bytes.h"
#include "rr_rw.h"
#include "txt.h"

#define RR_WALK_DEPTH 3
#define ETH_IP4 0x0800
#define PROTO_TCP 6
#define PROTO_UDP 17

/* ---- options ---- */

static int rw_fail(char *err, size_t errlen, const char *what, const char *arg)
{
	snprintf(err, errlen, "'%s': %s", arg, what);
	return -1;
}

static bool rw_mac(const char *s, size_t n, uint8_t mac[6])
{
	unsigned v[6];
	char tail;
	char buf[32];

	if (n >= sizeof buf)
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (sscanf(buf, "%2x:%2x:%2x:%2x:%2x:%2x%c", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5],
		   &tail) != 6)
		return false;
	for (int i = 0; i < 6; i++)
		mac[i] = (uint8_t)v[i];
	return true;
}

static bool rw_ip(const char *s, size_t n, uint32_t *a)
{
	char buf[INET_ADDRSTRLEN];
	struct in_addr in;

	if (n >= sizeof buf)
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (inet_pton(AF_INET, buf, &in) != 1)
		return false;
	*a = ntohl(in.s_addr);
	return true;
}

static bool rw_num(const char *s, size_t n, uint64_t max, uint64_t *v)
{
	return txt_u64(s, n, max, v, NULL) == 0;
}

/* OLD=NEW of one kind: the two halves to parse. */
static bool rw_pair(const char *arg, size_t *ln, const char **r, size_t *rn)
{
	const char *eq = strchr(arg, '=');

	if (!eq || eq == arg || !eq[1])
		return false;
	*ln = (size_t)(eq - arg);
	*r = eq + 1;
	*rn = strlen(eq + 1);
	return true;
}

static int rw_map(struct rr_rw *rw, enum rr_rw_opt opt, const char *arg, char *err,
		  size_t errlen)
{
	size_t ln, rn;
	const char *r;
	uint64_t a, b;
	unsigned *n = opt == RR_OPT_MAC ? &rw->n_mac : opt == RR_OPT_IP ? &rw->n_ip : &rw->n_port;

	if (*n == RR_MAP_MAX)
		return rw_fail(err, errlen, "too many maps of this kind (32 at most)", arg);
	if (!rw_pair(arg, &ln, &r, &rn))
		return rw_fail(err, errlen, "expected OLD=NEW", arg);
	switch (opt) {
	case RR_OPT_MAC:
		if (!rw_mac(arg, ln, rw->mac[*n].from) || !rw_mac(r, rn, rw->mac[*n].to))
			return rw_fail(err, errlen, "expected MAC=MAC (aa:bb:cc:dd:ee:ff)", arg);
		break;
	case RR_OPT_IP:
		if (!rw_ip(arg, ln, &rw->ip[*n].from) || !rw_ip(r, rn, &rw->ip[*n].to))
			return rw_fail(err, errlen, "expected ADDR=ADDR (IPv4 dotted quads)", arg);
		break;
	default:
		if (!rw_num(arg, ln, 65535, &a) || !rw_num(r, rn, 65535, &b))
			return rw_fail(err, errlen, "expected PORT=PORT (0-65535)", arg);
		rw->port[*n].from = (uint16_t)a;
		rw->port[*n].to = (uint16_t)b;
		break;
	}
	(*n)++;
	return 0;
}

/* add:ipip:SRC,DST | add:gre:SRC,DST[,key=K][,csum] */
static int rw_tun_add(struct rr_tun *t, const char *arg, char *err, size_t errlen)
{
	const char *p = arg + 4, *comma;
	struct tun_params *tp = &t->add;
	uint64_t k;

	t->op = RR_TUN_ADD;
	memset(tp, 0, sizeof *tp);
	if (!strncmp(p, "ipip:", 5))
		tp->kind = TUN_IPIP;
	else if (!strncmp(p, "gre:", 4))
		tp->kind = TUN_GRE;
	else
		return rw_fail(err, errlen, "expected add:ipip:SRC,DST or add:gre:SRC,DST", arg);
	p = strchr(p, ':') + 1;
	comma = strchr(p, ',');
	if (!comma || !rw_ip(p, (size_t)(comma - p), &tp->src))
		return rw_fail(err, errlen, "expected SRC,DST (IPv4 dotted quads)", arg);
	p = comma + 1;
	comma = strchr(p, ',');
	if (!rw_ip(p, comma ? (size_t)(comma - p) : strlen(p), &tp->dst))
		return rw_fail(err, errlen, "expected SRC,DST (IPv4 dotted quads)", arg);
	while (comma) {
		p = comma + 1;
		comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);

		if (tp->kind == TUN_GRE && n > 4 && !strncmp(p, "key=", 4) &&
		    rw_num(p + 4, n - 4, UINT32_MAX, &k)) {
			tp->has_key = true;
			tp->key = (uint32_t)k;
		} else if (tp->kind == TUN_GRE && n == 4 && !strncmp(p, "csum", 4)) {
			tp->csum = true;
		} else {
			return rw_fail(err, errlen,
				       tp->kind == TUN_GRE ? "GRE takes key=K and csum only"
							   : "IP-in-IP takes no options",
				       arg);
		}
	}
	return 0;
}

/* gre-key:K | gre-key:OLD=NEW */
static int rw_tun_key(struct rr_tun *t, const char *arg, char *err, size_t errlen)
{
	const char *p = arg + 8, *eq = strchr(p, '=');
	uint64_t a, b;

	t->op = RR_TUN_KEY;
	t->key_any = !eq;
	if (!eq && rw_num(p, strlen(p), UINT32_MAX, &b)) {
		t->key_to = (uint32_t)b;
		return 0;
	}
	if (eq && rw_num(p, (size_t)(eq - p), UINT32_MAX, &a) &&
	    rw_num(eq + 1, strlen(eq + 1), UINT32_MAX, &b)) {
		t->key_from = (uint32_t)a;
		t->key_to = (uint32_t)b;
		return 0;
	}
	return rw_fail(err, errlen, "expected gre-key:K or gre-key:OLD=NEW (0-4294967295)", arg);
}

static int rw_tunnel(struct rr_rw *rw, const char *arg, char *err, size_t errlen)
{
	struct rr_tun *t = &rw->tun[rw->n_tun];
	int r;

	if (rw->n_tun == RR_TUN_OPS)
		return rw_fail(err, errlen, "at most 4 tunnel operations", arg);
	if (!strcmp(arg, "strip")) {
		t->op = RR_TUN_STRIP;
		r = 0;
	} else if (!strncmp(arg, "add:", 4)) {
		r = rw_tun_add(t, arg, err, errlen);
	} else if (!strncmp(arg, "gre-key:", 8)) {
		r = rw_tun_key(t, arg, err, errlen);
	} else {
		r = rw_fail(err, errlen,
			    "expected strip, add:ipip:SRC,DST, add:gre:SRC,DST[,key=K][,csum] "
			    "or gre-key:[OLD=]NEW", arg);
	}
	if (r == 0)
		rw->n_tun++;
	return r;
}

int rr_rw_parse(struct rr_rw *rw, enum rr_rw_opt opt, const char *arg, char *err,
		size_t errlen)
{
	switch (opt) {
	case RR_OPT_TUNNEL:
		return rw_tunnel(rw, arg, err, errlen);
	case RR_OPT_SA:
		if (rw->n_sa == RR_SA_MAX)
			return rw_fail(err, errlen, "at most 64 SAs", arg);
		if (auth_sa_parse(arg, &rw->sa[rw->n_sa], err, errlen) < 0)
			return -1;
		rw->n_sa++;
		return 0;
	default:
		return rw_map(rw, opt, arg, err, errlen);
	}
}

bool rr_rw_active(const struct rr_rw *rw)
{
	return rw->n_mac || rw->n_ip || rw->n_port || rw->n_tun || rw->n_sa;
}

uint32_t rr_rw_ip(const struct rr_rw *rw, uint32_t a)
{
	for (unsigned i = 0; i < rw->n_ip; i++)
		if (rw->ip[i].from == a)
			return rw->ip[i].to;
	return a;
}

uint16_t rr_rw_port(const struct rr_rw *rw, uint16_t p)
{
	for (unsigned i = 0; i < rw->n_port; i++)
		if (rw->port[i].from == p)
			return rw->port[i].to;
	return p;
}

/* ---- the walk: maps and checksums ---- */

static void rw_l4(const struct rr_rw *rw, uint8_t *p, size_t n, bool whole, uint8_t proto,
		  uint32_t src, uint32_t dst)
{
	size_t csum_at = proto == PROTO_UDP ? 6 : 16, len = n;

	if (n < (proto == PROTO_UDP ? 8u : 20u))
		return;
	rr_put16(p, rr_rw_port(rw, rr_get16(p)));
	rr_put16(p + 2, rr_rw_port(rw, rr_get16(p + 2)));
	if (!whole)
		return;
	if (proto == PROTO_UDP) {
		len = rr_get16(p + 4);
		if (len < 8 || len > n || rr_get16(p + 6) == 0)
			return; /* a lying Length, or no checksum (RFC 768) */
	}
	rr_put16(p + csum_at, 0);
	uint16_t s = tun_l4_csum(src, dst, proto, p, len);

	rr_put16(p + csum_at, proto == PROTO_UDP && s == 0 ? 0xffff : s);
}

static void rw_ip4(const struct rr_rw *rw, uint8_t *p, size_t n, unsigned depth);

/* GRE (RFC 2784 §2.1): step over the optional fields to an IPv4 payload. */
static void rw_gre(const struct rr_rw *rw, uint8_t *p, size_t n, bool whole, unsigned depth)
{
	uint16_t fl;
	size_t h = 4;

	if (n < 4)
		return;
	fl = rr_get16(p);
	if (fl & (TUN_GRE_R | TUN_GRE_VER))
		return;
	h += (fl & TUN_GRE_C ? 4u : 0) + (fl & TUN_GRE_K ? 4u : 0) + (fl & TUN_GRE_S ? 4u : 0);
	if (h > n)
		return;
	if (rr_get16(p + 2) == ETH_IP4)
		rw_ip4(rw, p + h, n - h, depth + 1);
	if ((fl & TUN_GRE_C) && whole) {
		rr_put16(p + 4, 0);
		rr_put16(p + 4, tun_csum(p, n));
	}
}

static void rw_ip4(const struct rr_rw *rw, uint8_t *p, size_t n, unsigned depth)
{
	size_t hlen, tot;
	uint32_t src, dst;
	bool whole;

	if (depth > RR_WALK_DEPTH || n < TUN_IP4_LEN || p[0] >> 4 != 4)
		return;
	hlen = (p[0] & 0x0fu) * 4u;
	tot = rr_get16(p + 2);
	if (hlen < TUN_IP4_LEN || hlen > n || tot < hlen)
		return;
	whole = tot <= n;
	n = whole ? tot : n;
	src = rr_rw_ip(rw, rr_get32(p + 12));
	dst = rr_rw_ip(rw, rr_get32(p + 16));
	rr_put32(p + 12, src);
	rr_put32(p + 16, dst);
	if (!(rr_get16(p + 6) & (TUN_IP4_MF | TUN_IP4_OFFMASK))) {
		switch (p[9]) {
		case TUN_IPIP:
			rw_ip4(rw, p + hlen, n - hlen, depth + 1);
			break;
		case TUN_GRE:
			rw_gre(rw, p + hlen, n - hlen, whole, depth);
			break;
		case PROTO_UDP:
		case PROTO_TCP:
			rw_l4(rw, p + hlen, n - hlen, whole, p[9], src, dst);
			break;
		default:
			break;
		}
	}
	rr_put16(p + 10, 0);
	rr_put16(p + 10, tun_csum(p, hlen));
}

/* ---- tunnel operations (tun.c) ---- */

/* One operation on the IPv4 packet ip[0..*n), room for cap; tmp is scratch of cap. */
static int rw_tun_op(const struct rr_tun *t, uint8_t *ip, size_t *n, size_t cap, uint8_t *tmp,
		     char *err, size_t errlen)
{
	struct tun_pkt tp;
	struct tun_params par;
	struct mip_err e;
	size_t out = 0;
	char eb[160];

	if (t->op == RR_TUN_ADD) {
		par = t->add;
		par.id = rr_get16(ip + 4);
	} else {
		if (tun_decap(ip, *n, &tp, &e) < 0)
			return 0; /* not a tunnel packet (or not one we can open): unchanged */
		if (t->op == RR_TUN_STRIP) {
			memmove(ip, tp.inner_pkt, tp.inner_len);
			*n = tp.inner_len;
			return 0;
		}
		if (tp.kind != TUN_GRE || (!t->key_any && (!tp.gre.has_key ||
							   tp.gre.key != t->key_from)))
			return 0;
		memset(&par, 0, sizeof par);
		par.kind = TUN_GRE;
		par.src = tp.outer.src;
		par.dst = tp.outer.dst;
		par.ttl = tp.outer.ttl;
		par.id = tp.outer.id;
		par.has_key = true;
		par.key = t->key_to;
		par.has_seq = tp.gre.has_seq;
		par.seq = tp.gre.seq;
		par.csum = tp.gre.has_csum;
		memmove(ip, tp.inner_pkt, tp.inner_len);
		*n = tp.inner_len;
	}
	if (tun_encap(&par, ip, *n, tmp, cap, &out, &e) < 0) {
		snprintf(err, errlen, "tunnel: %s", mip_err_str(&e, eb, sizeof eb));
		return -1;
	}
	memcpy(ip, tmp, out);
	*n = out;
	return 0;
}

int rr_rw_frame(const struct rr_rw *rw, uint8_t *buf, size_t cap, size_t *len, uint8_t *tmp,
		char *err, size_t errlen)
{
	size_t off, n;
	uint16_t etype;

	for (unsigned i = 0; i < rw->n_mac && *len >= 12; i++)
		for (int k = 0; k < 2; k++)
			if (!memcmp(buf + 6 * k, rw->mac[i].from, 6))
				memcpy(buf + 6 * k, rw->mac[i].to, 6);
	if (frame_net(DLT_EN10MB, buf, *len, &off, &etype) != 0 || etype != ETH_IP4)
		return 0;
	n = *len - off;
	rw_ip4(rw, buf + off, n, 0);
	if (!rw->n_tun || n < TUN_IP4_LEN)
		return 0;
	if (rr_get16(buf + off + 2) < n && rr_get16(buf + off + 2) >= TUN_IP4_LEN)
		n = rr_get16(buf + off + 2); /* link padding goes */
	for (unsigned i = 0; i < rw->n_tun; i++)
		if (rw_tun_op(&rw->tun[i], buf + off, &n, cap - off, tmp, err, errlen) < 0)
			return -1;
	*len = off + n;
	return 0;
}
