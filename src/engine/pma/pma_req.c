/* pma_req.c — the Proxy Registration Requests the PMA sends (RFC 5563 §7, §4.1; RFC 5944
 * §3.6.1, §5.7 for the Identification; RFC 6245 §3.1 for the GRE key); revocation
 * messages are pma_rev.c's.
 *
 *   RRQ: | 1 | S B D M G r T x | Lifetime | HoA | Home Agent | Care-of Address |
 *        | Identification (64) | extensions ...
 *
 * Extensions in RFC order: NAI (131, RFC 2794 §2: before any authenticator), 147/1
 * Interface ID, 147/2 Device ID, 147/3 Subscriber ID, 147/4 Access Technology (RFC 5563
 * §5.2-§5.5), 47/1 per-node method (§5.1, per-node only), 137 Revocation Support (RFC 3543
 * §3.2), MN-HA (per-MN), 48 GRE key (RFC 6245 §4.1: after MN-HA, before FA-HA), FA-HA
 * (per-node: the only authenticator, DESIGN.md §6.6, deregistrations included).
 */
#include <string.h>

#include "auth.h"
#include "ident.h"
#include "pma_priv.h"
#include "txt.h"

#define ID_TYPE_MAC 1  /* 147/2 ID-Type: Ethernet MAC (RFC 5563 §5.3) */
#define ID_TYPE_IMSI 1 /* 147/3 ID-Type: IMSI (§5.4) */

/* RFC 5944 §5.7: strictly greater than any before, on the clock the HA resynchronised
 * (RFC 5563 §4.4); §3.6.3: a fresh one for every retransmission (unless stale-ident). */
static uint64_t next_ident(struct pma *p, const struct pma_sess *s)
{
	if (pma_fault(p, PMA_FAULT_STALE_IDENT) && s->ident)
		return s->ident;
	p->last_ident = ident_timestamp(&p->adj, p->last_ident);
	return p->last_ident;
}

static void add_bytes(struct mip_msg *m, uint8_t type, uint8_t sub, const void *b, size_t n)
{
	struct mip_ext *x = mip_ext_add(m, type, sub);

	if (!x)
		return;
	x->v.bytes.p = b;
	x->v.bytes.len = (uint16_t)n;
}

static void add_pmid(struct mip_msg *m, uint8_t sub, uint8_t idtype, const void *id, size_t n)
{
	struct mip_ext *x = mip_ext_add(m, MIP_EXT_PMIP_SK, sub);

	if (!x)
		return;
	x->v.pmid.idtype = idtype;
	x->v.pmid.id = id;
	x->v.pmid.id_len = (uint16_t)n;
}

/* RFC 5563 §5.4: the Identifier is "a variable-length octet sequence that contains an
 * identifier of the type indicated by the ID-Type field", its encoding left open: the
 * IMSI's ASCII digits, or (variant imsi-tbcd) TBCD as 3GPP networks carry it. */
static void add_subid(struct pma *p, struct pma_sess *s)
{
	const char *imsi = s->dev.imsi;
	size_t n = strlen(imsi);

	if (!p->cfg.send_subid || !n)
		return;
	if (pma_variant(p, PMA_VAR_IMSI_TBCD) &&
	    (n = txt_tbcd(imsi, n, s->imsi_tbcd, sizeof s->imsi_tbcd)))
		add_pmid(&p->out, MIP_PMIP_SUBID, ID_TYPE_IMSI, s->imsi_tbcd, n);
	else
		add_pmid(&p->out, MIP_PMIP_SUBID, ID_TYPE_IMSI, imsi, n);
}

/* The RFC 5563 §5.2-§5.5 identifiers: 147/1, 147/2, 147/3, 147/4, or (variant ext-order)
 * the other way round. */
static void add_ids(struct pma *p, struct pma_sess *s)
{
	const struct pma_device *d = &s->dev;
	bool rev = pma_variant(p, PMA_VAR_EXT_ORDER);
	struct mip_msg *m = &p->out;
	struct mip_ext *x;

	for (int i = 0; i < 4; i++) {
		switch (rev ? 3 - i : i) {
		case 0:
			if (p->cfg.send_ifid && d->ifid[0])
				add_bytes(m, MIP_EXT_PMIP_SK, MIP_PMIP_IFID, d->ifid,
					  strlen(d->ifid));
			break;
		case 1:
			if (p->cfg.send_devid)
				add_pmid(m, MIP_PMIP_DEVID, ID_TYPE_MAC, d->mac, 6);
			break;
		case 2:
			add_subid(p, s);
			break;
		default:
			if (p->cfg.acctech &&
			    (x = mip_ext_add(m, MIP_EXT_PMIP_SK, MIP_PMIP_ACCTECH)))
				x->v.acctech.tech = p->cfg.acctech;
			break;
		}
	}
}

static void add_nai(struct pma *p, const struct pma_sess *s)
{
	if (s->dev.nai[0])
		add_bytes(&p->out, MIP_EXT_NAI, 0, s->dev.nai, strlen(s->dev.nai));
}

/* 47/1 (per-node only) and 137. */
static void add_methods(struct pma *p)
{
	struct mip_msg *m = &p->out;
	struct mip_ext *x;

	if (!p->cfg.per_mn && (x = mip_ext_add(m, MIP_EXT_PMIP_NS, MIP_PMIP_PERNODE)))
		x->v.pernode.method = MIP_PERNODE_FAHA;
	if (p->cfg.revocation && (x = mip_ext_add(m, MIP_EXT_REVSUP, 0))) {
		x->v.rev.flags = p->cfg.revocation_i ? MIP_REVSUP_I : 0;
		x->v.rev.ts = (uint32_t)(ident_ntp_from_ns(clk_now_ns(&p->adj)) >> 32);
	}
}

/* MN-HA, 48, FA-HA: the authenticators and the GRE key between them (RFC 6245 §3.1). */
static void add_auth(struct pma *p, const struct pma_sess *s)
{
	struct mip_msg *m = &p->out;
	struct mip_ext *x;

	if (p->cfg.per_mn)
		mip_ext_add_auth(m, MIP_EXT_MNHA, &s->mn_sa);
	if (p->cfg.gre && (x = mip_ext_add(m, MIP_EXT_GREKEY, 0)))
		x->v.gre.key = s->gre_pma; /* in every request (RFC 6245 §3.1) */
	if (!p->cfg.per_mn)
		mip_ext_add_auth(m, MIP_EXT_FAHA, &p->cfg.sa);
}

/* The extensions in the reference's order (the file's head), or with variant ext-order
 * in another the RFCs allow just as well: 137, 47/1, 147/4 ... 147/1, NAI, then the
 * authenticators.  The RFCs order only: the NAI before MN-HA (RFC 2794 §2), 47 and 147
 * before the authenticator (RFC 5563 §5), 48 after MN-HA and before FA-HA (RFC 6245
 * §3.1). */
static void add_exts(struct pma *p, struct pma_sess *s)
{
	if (pma_variant(p, PMA_VAR_EXT_ORDER)) {
		add_methods(p);
		add_ids(p, s);
		add_nai(p, s);
	} else {
		add_nai(p, s);
		add_ids(p, s);
		add_methods(p);
	}
	add_auth(p, s);
}

int pma_send(struct pma *p, const struct udp_ends *e)
{
	struct udp_ends to = *e;
	struct mip_err err;
	char why[200];
	size_t n;

	pma_mutate(p, &p->out, &to);
	if (mip_encode(&p->out, p->buf, sizeof p->buf, &n, &err) < 0) {
		pma_logf(p, "cannot encode: %s", mip_err_str(&err, why, sizeof why));
		return -1;
	}
	if (io_send(&p->io, &to, p->buf, n) < 0)
		return -1;
	p->ctr.tx[p->out.type]++;
	return 0;
}

/* One request of the session's current cycle: registration, renewal or (dereg) lifetime 0. */
int pma_send_rrq(struct pma *p, struct pma_sess *s, bool dereg)
{
	struct udp_ends e = { p->cfg.addr, s->ha_dst, p->cfg.port, p->cfg.ha_port };
	struct mip_msg *m = &p->out;

	mip_msg_init(m, MIP_RRQ);
	m->flags = p->cfg.reverse_tunnel ? MIP_F_T : 0; /* §7: D = 0 */
	m->lifetime = dereg ? 0 : p->cfg.lifetime;
	m->hoa = s->hoa;     /* 0.0.0.0 until one is assigned (§4.1.1, §4.1.2) */
	m->ha = s->ha_field;
	m->coa = p->cfg.addr; /* the PMA is the CoA (§7) */
	s->ident = next_ident(p, s);
	m->ident = s->ident;
	add_exts(p, s);
	s->pending = true;
	s->dereg = dereg;
	s->sent_at = pma_now(p);
	s->tries++;
	return pma_send(p, &e);
}
