/* rp_stamp.c — what must be fresh in a replayed message, made fresh:
 * - Identification (RFC 5944 §5.7.1, timestamps): re-stamped on the DUT's clock keeping
 *   the recorded order and intervals, new = DUT-now at the first send + (recorded -
 *   first recorded), the first one as far from the DUT's now as it was from its capture
 *   time (so an equal, an older or a skewed Identification stays one, and a replay case
 *   replays); a 133 the recording did not have teaches the DUT's clock from its high 32
 *   bits (§3.6.2.3) and the request is sent once more;
 * - the 137 Timestamp and a PMA's Revocation Identifier (RFC 3543 §3.2, §3.5): both
 *   on one clock, moved together by (now - the earliest recorded one), in the recorded
 *   clock's units (NTP seconds or Unix seconds), so a revocation still follows its
 *   registration (§4.2.3.2);
 * - an Acknowledgment echoes the Revocation the DUT actually sent (§3.4), a Reply the
 *   Request (RFC 5944 §3.6.2.1), as the recorded ones echoed the recorded messages;
 * - authenticators (RFC 5944 §3.5.1) recomputed with the PIXIT's SA of their SPI (one
 *   recorded wrong is sent wrong: computed, then its last bit flipped).
 */
#include <stdio.h>

#include "clock.h"
#include "ident.h"
#include "params.h"
#include "rp_priv.h"
#include "txt.h"

static bool is_auth(uint8_t type)
{
	return type == MIP_EXT_MNHA || type == MIP_EXT_FAHA || type == MIP_EXT_MNFA ||
	       type == MIP_EXT_GENAUTH;
}

const struct mip_sa *rp_stamp_sa(const struct rp_stamp *s, uint32_t spi)
{
	for (unsigned i = 0; i < s->n_sa; i++)
		if (s->sa[i].spi == spi)
			return &s->sa[i];
	return NULL;
}

/* The 137 Timestamp or Revocation Identifier a tester message carries, or 0. */
static uint32_t rev_clock_value(const struct mip_msg *m)
{
	const struct mip_ext *e = mip_ext_find(m, MIP_EXT_REVSUP, -1);

	if (m->type == MIP_REV)
		return m->revid;
	return (m->type == MIP_RRQ || m->type == MIP_RRP) && e ? e->v.rev.ts : 0;
}

int rp_stamp_init(struct rp_stamp *s, const struct rp_cap *c, const struct params *p,
		  char *err, size_t errlen)
{
	static const char *const items[] = { "sa", "mn-sa" };

	*s = (struct rp_stamp){ .n_sa = 0 };
	for (unsigned i = 0; i < sizeof items / sizeof items[0]; i++)
		if (params_sa(p, items[i], &s->sa[s->n_sa]))
			s->n_sa++;
	for (size_t i = 0; i < c->n; i++) {
		const struct rp_msg *r = &c->msg[i];
		uint32_t v = r->tester ? rev_clock_value(&r->m) : 0;

		if (v && (!s->rev_first || v < s->rev_first))
			s->rev_first = v;
		if (!r->tester || r->xchg < 0 || r->raw)
			continue;
		for (unsigned k = 0; k < r->m.n_ext; k++) {
			const struct mip_ext *e = &r->m.ext[k];

			if (is_auth(e->type) && !rp_stamp_sa(s, e->v.auth.spi)) {
				snprintf(err, errlen, "frame %llu: %s extension %u has SPI %u, and "
					 "the PIXIT has no SA with it (pixit sa / mn-sa)",
					 (unsigned long long)r->frame, rp_type_name(r->m.type),
					 e->type, e->v.auth.spi);
				return -1;
			}
		}
	}
	return 0;
}

/* The first keeps its distance from its own capture time (a request recorded an hour
 * early stays an hour early), the later ones their distance from the first. */
static uint64_t restamp_ident(struct rp_stamp *s, uint64_t rec, uint64_t rec_ts_ns,
			      uint64_t now_ns)
{
	if (!s->based) {
		s->based = true;
		s->first_rec = rec;
		s->base = ident_ntp_from_ns(now_ns + (uint64_t)s->offset_ns) +
			  (rec - ident_ntp_from_ns(rec_ts_ns));
	}
	return s->base + (rec - s->first_rec); /* a recorded replay stays one (§5.7) */
}

void rp_stamp_resync(struct rp_stamp *s, uint64_t reply_ident, uint64_t rec, uint64_t now_ns)
{
	s->offset_ns = ident_resync_offset_ns(&clk_real, reply_ident);
	if (!s->based) {
		s->based = true;
		s->first_rec = rec;
	}
	s->base = ident_ntp_from_ns(now_ns + (uint64_t)s->offset_ns) - (rec - s->first_rec);
}

static uint32_t restamp_rev(struct rp_stamp *s, uint32_t rec, uint64_t now_ns)
{
	if (!rec)
		return 0;
	if (!s->rev_based) {
		uint64_t now_s = now_ns / 1000000000u;

		if (s->rev_first >= NTP_UNIX_OFFSET)
			now_s += NTP_UNIX_OFFSET;
		s->rev_based = true;
		s->rev_off = (int64_t)now_s - (int64_t)s->rev_first;
	}
	return (uint32_t)((int64_t)rec + s->rev_off);
}

static void map_fixed(const struct rp_map *mp, struct mip_msg *m)
{
	m->hoa = rp_map_addr(mp, m->hoa);
	if (m->type == MIP_RRQ || m->type == MIP_REV || m->type == MIP_RRP)
		m->ha = rp_map_addr(mp, m->ha);
	if (m->type == MIP_RRQ || m->type == MIP_REV)
		m->coa = rp_map_addr(mp, m->coa);
}

/* How to fill a recorded authenticator: computed, or wrong again when it was recorded
 * wrong (a case that sends a bad authenticator still does). */
static uint8_t auth_mode(const struct rp_msg *rm, const struct mip_ext *e,
			 const struct mip_sa *sa)
{
	return sa && auth_verify(rm->buf, rm->len, e, sa) != AUTH_VALID ? MIP_AUTH_CORRUPT
									: MIP_AUTH_COMPUTE;
}

int rp_stamp_msg(struct rp_stamp *s, const struct rp_map *mp, const struct rp_msg *rm,
		 struct mip_msg *m, const struct mip_msg *dut, const struct mip_msg *dut_rec,
		 uint64_t now_ns, uint8_t *out, size_t cap, size_t *len, char *err,
		 size_t errlen)
{
	struct mip_err me;
	bool hoa_echo;

	*m = rm->m;
	hoa_echo = dut_rec && m->hoa == dut_rec->hoa;

	map_fixed(mp, m);
	if (m->type == MIP_RRQ)
		m->ident = restamp_ident(s, m->ident, rm->ts_ns, now_ns);
	if (m->type == MIP_REV)
		m->revid = restamp_rev(s, m->revid, now_ns);
	if (m->type == MIP_RRP && dut && dut_rec) {
		/* the Reply to the DUT's Request: its Identification as the recording's
		 * related to the recorded Request (the same when accepted; a 133's own time
		 * as far from it, RFC 5944 §5.7.1) */
		m->ident = dut->ident + (m->ident - dut_rec->ident);
		if (hoa_echo)
			m->hoa = dut->hoa;
	}
	if (m->type == MIP_REVACK && dut && dut_rec) {
		/* echo what the DUT sent as the recording echoed it: a recorded wrong
		 * identifier stays as wrong by as much (RFC 3543 §3.4) */
		m->revid = dut->revid + (m->revid - dut_rec->revid);
		if (hoa_echo)
			m->hoa = dut->hoa;
	}
	for (unsigned k = 0; k < m->n_ext; k++) {
		struct mip_ext *e = &m->ext[k];

		if (e->type == MIP_EXT_REVSUP)
			e->v.rev.ts = restamp_rev(s, e->v.rev.ts, now_ns);
		else if (e->type == MIP_EXT_DYNHA)
			e->v.dynha.ha = rp_map_addr(mp, e->v.dynha.ha);
		else if (is_auth(e->type)) {
			e->sa = rp_stamp_sa(s, e->v.auth.spi);
			e->auth_mode = auth_mode(rm, &rm->m.ext[k], e->sa);
		}
	}
	if (mip_encode(m, out, cap, len, &me) < 0) {
		char b[200];

		snprintf(err, errlen, "%s", mip_err_str(&me, b, sizeof b));
		return -1;
	}
	return 0;
}
