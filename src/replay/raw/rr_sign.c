/* rr_sign.c — re-stamping and re-signing Mobile IP messages in raw replay (rr_sign.h).
 * Message layouts: RFC 5944 §3.3 (RRQ), §3.4 (RRP); RFC 3543 §3.3, §3.4 (Revocation,
 * Ack), §3.2 (137); authenticator coverage RFC 5944 §3.5.1 (auth.c).
 */
#include <pcap/dlt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ext.h"
#include "frame.h"
#include "ident.h"
#include "mip.h"
#include "names.h"
#include "rr_bytes.h"
#include "rr_sign.h"
#include "txt.h"

#define PROTO_UDP 17
#define NS 1000000000ull
#define DAY_NS (86400ull * NS)

/* Where the addresses, the Identification and the Revocation Identifier sit in each
 * message's fixed part (-1: not there). */
struct sg_layout {
	uint8_t type;
	int8_t addr[3];
	int8_t ident, revid;
};

static const struct sg_layout sg_layouts[] = {
	{ MIP_RRQ, { 4, 8, 12 }, 16, -1 },    /* HoA, HA, CoA, Identification */
	{ MIP_RRP, { 4, 8, -1 }, 12, -1 },    /* HoA, HA, Identification */
	{ MIP_REV, { 4, 8, 12 }, -1, 16 },    /* HoA, HDA, FDA, Revocation Id */
	{ MIP_REVACK, { 4, -1, -1 }, -1, 8 }, /* HoA, Revocation Id */
};

static const struct sg_layout *sg_layout(uint8_t type)
{
	for (size_t i = 0; i < sizeof sg_layouts / sizeof sg_layouts[0]; i++)
		if (sg_layouts[i].type == type)
			return &sg_layouts[i];
	return NULL;
}

/* The UDP datagram of the frame, at the outer IPv4 layer or inside one IP-in-IP or GRE
 * tunnel, as frame_parse finds it (the parser decode and signalling replay read
 * captures with): fills udp_off/len, src/dst, and the place of a GRE checksum around
 * it (RFC 2784 §2.1: C set), which must be made again after re-signing. */
static bool sg_udp(const uint8_t *f, size_t len, struct rr_sign *g)
{
	struct frame_info fi;
	char err[96];
	size_t ohl;

	if (frame_parse(DLT_EN10MB, f, len, len, &fi, err, sizeof err) != FRAME_UDP4 ||
	    fi.truncated || fi.fragment)
		return false;
	g->src = fi.ends.src;
	g->dst = fi.ends.dst;
	g->udp_off = (uint32_t)(fi.payload - f - 8);
	g->udp_len = (uint32_t)(fi.payload_wire_len + 8);
	g->udp_csum = fi.udp_checksum != 0;
	if (fi.tun.kind == TUN_GRE) {
		ohl = (f[fi.tun.off] & 0x0fu) * 4u;
		if (rr_get16(f + fi.tun.off + ohl) & TUN_GRE_C) {
			g->gre_off = (uint32_t)(fi.tun.off + ohl);
			g->gre_len = (uint32_t)(rr_get16(f + fi.tun.off + 2) - ohl);
		}
	}
	return true;
}

static bool sg_is_mip(const struct rr_rw *rw, const uint8_t *udp)
{
	uint16_t mip = rr_rw_port(rw, MIP_PORT);

	return rr_get16(udp) == mip || rr_get16(udp + 2) == mip;
}

/* Addresses through the --ip map: the fixed part's and a 139's. */
static void sg_map(const struct rr_rw *rw, uint8_t *msg, const struct mip_msg *m,
		   const struct sg_layout *l)
{
	for (int i = 0; i < 3; i++)
		if (l->addr[i] >= 0)
			rr_put32(msg + l->addr[i], rr_rw_ip(rw, rr_get32(msg + l->addr[i])));
	for (unsigned i = 0; i < m->n_ext; i++) {
		const struct mip_ext *e = &m->ext[i];

		if (e->type == MIP_EXT_DYNHA && e->data_len >= 4) {
			uint8_t *p = msg + (e->data - msg) + e->data_len - 4;

			rr_put32(p, rr_rw_ip(rw, rr_get32(p)));
		}
	}
}

static const char *sg_ext(uint8_t type)
{
	const char *n = name_of(&names_ext, type);

	return n ? n : "authenticator";
}

/* Times and authenticators of the (decoded) message. */
static int sg_note(const struct rr_rw *rw, const uint8_t *msg, const struct mip_msg *m,
		   uint32_t src, struct rr_sign *g, char *err, size_t errlen)
{
	for (unsigned i = 0; i < m->n_ext; i++) {
		const struct mip_ext *e = &m->ext[i];
		const struct mip_sa *sa;

		if (e->type == MIP_EXT_REVSUP && e->data_len >= 6 && g->n_ts < RR_SIGN_TS_MAX) {
			g->ts_at[g->n_ts] = (uint16_t)(e->data - msg + 2);
			g->ts[g->n_ts++] = e->v.rev.ts;
		}
		if (!ext_is_auth(e->type))
			continue;
		sa = auth_sa_find(rw->sa, rw->n_sa, m, e, src);
		if (!sa) {
			snprintf(err, errlen, "%s %s (SPI %u): no --sa for it",
				 name_of(&names_msg_type, m->type), sg_ext(e->type),
				 (unsigned)e->v.auth.spi);
			return -1;
		}
		if (e->v.auth.auth_len != AUTH_MAC_LEN || g->n_auth == RR_SIGN_AUTH_MAX) {
			snprintf(err, errlen, "%s %s (SPI %u): an authenticator of %u bytes "
				 "cannot be re-signed", name_of(&names_msg_type, m->type),
				 sg_ext(e->type), (unsigned)e->v.auth.spi,
				 (unsigned)e->v.auth.auth_len);
			return -1;
		}
		g->auth[g->n_auth].at = (uint16_t)(e->v.auth.auth - msg);
		g->auth[g->n_auth].covered = (uint16_t)auth_covered_len(e);
		g->auth[g->n_auth++].sa = (uint16_t)(sa - rw->sa);
	}
	return 0;
}

int rr_sign_plan(struct rr_sign_set *s, uint8_t *frame, size_t len, uint64_t ts_ns,
		 int32_t *idx, char *err, size_t errlen)
{
	struct rr_sign g;
	const struct sg_layout *l;
	struct mip_msg m;
	struct mip_err e;
	uint8_t *msg;
	void *nv;

	*idx = -1;
	memset(&g, 0, sizeof g);
	if (!sg_udp(frame, len, &g) || !sg_is_mip(s->rw, frame + g.udp_off))
		return 0;
	g.mip_off = g.udp_off + 8;
	g.mip_len = g.udp_len - 8;
	msg = frame + g.mip_off;
	if (!g.mip_len || !(l = sg_layout(msg[0])) || mip_decode(msg, g.mip_len, &m, &e) < 0)
		return 0; /* not a message we re-sign: sent as it is (after the maps) */
	sg_map(s->rw, msg, &m, l);
	g.ident_at = g.revid_at = -1;
	if (l->ident >= 0) {
		uint64_t id = rr_get64(msg + l->ident), ns = ident_ns_from_ntp(id);

		if (ns + DAY_NS > ts_ns && ns < ts_ns + DAY_NS) { /* a timestamp, not nonces */
			g.ident_at = l->ident;
			g.ident = id;
		}
	}
	if (l->revid >= 0) {
		g.revid_at = l->revid;
		g.revid = rr_get32(msg + l->revid);
	}
	if (sg_note(s->rw, msg, &m, g.src, &g, err, errlen) < 0)
		return -1;
	nv = txt_grow(s->v, &s->cap, s->n + 1, sizeof *s->v, 64);
	if (!nv) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	s->v = nv;
	s->v[s->n] = g;
	*idx = (int32_t)s->n++;
	return 0;
}

/* Each pass moves every time forward by at least the capture's length since the last
 * pass, so values keep growing over --loop passes however fast they go. */
void rr_sign_epoch(struct rr_sign_set *s, uint64_t wall_ns)
{
	int64_t d = (int64_t)(wall_ns - s->ts0);
	int64_t min = s->delta_ns + (int64_t)s->span_ns + (int64_t)NS;
	uint64_t a, sec;

	if (s->passes++ > 0 && d < min)
		d = min;
	s->delta_ns = d;
	a = d < 0 ? (uint64_t)-d : (uint64_t)d;
	s->ntp_delta = ((a / NS) << 32) + ((a % NS) << 32) / NS;
	sec = (a + NS / 2) / NS;
	if (d < 0) {
		s->ntp_delta = (uint64_t)0 - s->ntp_delta;
		sec = (uint64_t)0 - sec;
	}
	s->sec_delta = (uint32_t)sec;
}

void rr_sign_apply(struct rr_sign_set *s, int32_t idx, uint8_t *frame)
{
	const struct rr_sign *g = &s->v[idx];
	uint8_t *msg = frame + g->mip_off, *udp = frame + g->udp_off, mac[AUTH_MAC_LEN];
	uint16_t sum;

	if (g->ident_at >= 0)
		rr_put64(msg + g->ident_at, g->ident + s->ntp_delta);
	if (g->revid_at >= 0)
		rr_put32(msg + g->revid_at, g->revid + s->sec_delta);
	for (unsigned i = 0; i < g->n_ts; i++)
		rr_put32(msg + g->ts_at[i], g->ts[i] + s->sec_delta);
	for (unsigned i = 0; i < g->n_auth; i++) {
		const struct mip_sa *sa = &s->rw->sa[g->auth[i].sa];

		if (auth_compute(sa->alg, sa->key, sa->key_len, msg, g->auth[i].covered, mac) == 0)
			memcpy(msg + g->auth[i].at, mac, AUTH_MAC_LEN);
	}
	if (g->udp_csum) {
		rr_put16(udp + 6, 0);
		sum = tun_l4_csum(g->src, g->dst, PROTO_UDP, udp, g->udp_len);
		rr_put16(udp + 6, sum ? sum : 0xffff);
	}
	if (g->gre_len) {
		rr_put16(frame + g->gre_off + 4, 0);
		rr_put16(frame + g->gre_off + 4, tun_csum(frame + g->gre_off, g->gre_len));
	}
	s->signed_msgs++;
}

void rr_sign_finish(struct rr_sign_set *s)
{
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}
