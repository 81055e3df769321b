/* pma_mutate.c — the PMA's faults that only garble what it sends (DESIGN.md §4).  The
 * protocol files build every request, revocation and acknowledgment right (RFC 5563 §7,
 * §4.1; RFC 3543 §3.3, §3.4); pma_send() hands each message and its UDP ends here just
 * before encoding it, and every row whose fault is on and whose message type matches
 * changes them.  Rows apply in table order.  The authenticators are computed by the
 * encoder, after the change, over what is really sent.
 */
#include <string.h>

#include "pma_priv.h"

#define ID_TYPE_MAC 1 /* 147/2 ID-Type: Ethernet MAC (RFC 5563 §5.3) */

/* d-bit-set (RFC 5563 §7: D = 0). */
static void d_bit(struct pma *p, struct mip_msg *m, struct udp_ends *e)
{
	m->flags |= MIP_F_D;
}

/* no-t-bit (RFC 5563 §4.2: the tunnel is bidirectional). */
static void no_t_bit(struct pma *p, struct mip_msg *m, struct udp_ends *e)
{
	m->flags &= (uint8_t)~MIP_F_T;
}

/* infinite-lifetime, registrations and renewals only (RFC 5944 §3.6.1.1). */
static void infinite_lifetime(struct pma *p, struct mip_msg *m, struct udp_ends *e)
{
	if (m->lifetime)
		m->lifetime = MIP_LIFETIME_INFINITE;
}

/* first-hoa-not-zero: the PMA's own address where 0.0.0.0 asks for one (§4.1.1). */
static void first_hoa_own(struct pma *p, struct mip_msg *m, struct udp_ends *e)
{
	if (!m->hoa)
		m->hoa = p->cfg.addr;
}

/* forget-hoa: 0.0.0.0 in renewals and deregistrations too (§4.1.2, §4.1.4). */
static void forget_hoa(struct pma *p, struct mip_msg *m, struct udp_ends *e)
{
	m->hoa = 0;
}

/* ha-field-zero (§4.1.1). */
static void ha_field_zero(struct pma *p, struct mip_msg *m, struct udp_ends *e)
{
	m->ha = 0;
}

/* wrong-coa (RFC 5563 §7: the PMA is the care-of address). */
static void wrong_coa(struct pma *p, struct mip_msg *m, struct udp_ends *e)
{
	m->coa = 0;
}

/* no-nai (RFC 5563 §7). */
static void no_nai(struct pma *p, struct mip_msg *m, struct udp_ends *e)
{
	mip_ext_drop(m, MIP_EXT_NAI, -1);
}

/* no-interface-id (RFC 5563 §5.2). */
static void no_ifid(struct pma *p, struct mip_msg *m, struct udp_ends *e)
{
	mip_ext_drop(m, MIP_EXT_PMIP_SK, MIP_PMIP_IFID);
}

/* wrong-device-id: 147/2 and 147/3 name another device (§5.3, §5.4): the MAC's last byte
 * inverted, the IMSI's last digit the next one.  The changed bytes live in p->mut. */
static void wrong_ids(struct pma *p, struct mip_msg *m, struct udp_ends *e)
{
	struct mip_ext *dev = mip_ext_get(m, MIP_EXT_PMIP_SK, MIP_PMIP_DEVID);
	struct mip_ext *sub = mip_ext_get(m, MIP_EXT_PMIP_SK, MIP_PMIP_SUBID);
	uint8_t *mac = p->mut, *imsi = p->mut + 8;
	size_t n;

	if (dev && dev->v.pmid.idtype == ID_TYPE_MAC && dev->v.pmid.id_len == 6) {
		memcpy(mac, dev->v.pmid.id, 6);
		mac[5] ^= 0xff;
		dev->v.pmid.id = mac;
	}
	if (sub && (n = sub->v.pmid.id_len) > 0 && n <= sizeof p->mut - 8) {
		memcpy(imsi, sub->v.pmid.id, n);
		imsi[n - 1] = (uint8_t)(imsi[n - 1] == '9' ? '0' : imsi[n - 1] + 1);
		sub->v.pmid.id = imsi;
	}
}

/* no-access-tech (RFC 5563 §5.5). */
static void no_acctech(struct pma *p, struct mip_msg *m, struct udp_ends *e)
{
	mip_ext_drop(m, MIP_EXT_PMIP_SK, MIP_PMIP_ACCTECH);
}

/* no-pernode-ext (RFC 5563 §5.1). */
static void no_pernode(struct pma *p, struct mip_msg *m, struct udp_ends *e)
{
	mip_ext_drop(m, MIP_EXT_PMIP_NS, MIP_PMIP_PERNODE);
}

/* ext-order: the GRE Key after FA-HA (RFC 6245 §3.1 adds it before FA-HA); FA-HA is then
 * not the last extension, and does not cover the 48. */
static void gre_after_faha(struct pma *p, struct mip_msg *m, struct udp_ends *e)
{
	int at = mip_ext_index(m, MIP_EXT_GREKEY, -1);
	struct mip_ext keep;

	if (at < 0)
		return;
	keep = m->ext[at];
	memmove(&m->ext[at], &m->ext[at + 1], (size_t)(m->n_ext - at - 1) * sizeof keep);
	m->ext[m->n_ext - 1] = keep;
}

/* no-revocation-ext (RFC 3543 §3.2). */
static void no_137(struct pma *p, struct mip_msg *m, struct udp_ends *e)
{
	mip_ext_drop(m, MIP_EXT_REVSUP, -1);
}

/* no-gre-key (RFC 6245 §3.1). */
static void no_48(struct pma *p, struct mip_msg *m, struct udp_ends *e)
{
	mip_ext_drop(m, MIP_EXT_GREKEY, -1);
}

/* bad-request-auth, rev-bad-auth: a wrong FA-HA authenticator (RFC 5563 §4.3, RFC 3543
 * §3.3). */
static void bad_faha(struct pma *p, struct mip_msg *m, struct udp_ends *e)
{
	struct mip_ext *x = mip_ext_get(m, MIP_EXT_FAHA, -1);

	if (x)
		x->auth_mode = MIP_AUTH_CORRUPT;
}

/* auth-not-last: a 147/4 after the authenticator (RFC 5944 §3.6.1.3). */
static void ext_after_auth(struct pma *p, struct mip_msg *m, struct udp_ends *e)
{
	struct mip_ext *x = mip_ext_add(m, MIP_EXT_PMIP_SK, MIP_PMIP_ACCTECH);

	if (x)
		x->v.acctech.tech = 1;
}

/* rev-wrong-dst: the Revocation to the home address (RFC 3543 §3.3: to the HA). */
static void rev_to_hoa(struct pma *p, struct mip_msg *m, struct udp_ends *e)
{
	e->dst = m->hoa;
}

/* rev-a-bit-set (RFC 3543 §4.2.3.1: A = 0 from the foreign domain). */
static void rev_a_set(struct pma *p, struct mip_msg *m, struct udp_ends *e)
{
	m->rflags |= MIP_REV_A;
}

/* rev-i-bit-wrong: the I bit the opposite of the negotiated one (§4.2.3.1). */
static void rev_i_flip(struct pma *p, struct mip_msg *m, struct udp_ends *e)
{
	m->rflags ^= MIP_REV_I;
}

/* revack-copy-i: the ack copies the revocation's I (§4.2.2.2: I = 0, the device cannot be
 * told).  p->in is the revocation being acknowledged. */
static void revack_copy_i(struct pma *p, struct mip_msg *m, struct udp_ends *e)
{
	if (p->in.type == MIP_REV && (p->in.rflags & MIP_REV_I))
		m->rflags |= MIP_REVACK_I;
}

/* revack-wrong-hoa (RFC 3543 §3.4: the Home Address copied). */
static void revack_hoa_zero(struct pma *p, struct mip_msg *m, struct udp_ends *e)
{
	m->hoa = 0;
}

/* revack-wrong-id (§3.4: the Revocation Identifier copied). */
static void revack_wrong_id(struct pma *p, struct mip_msg *m, struct udp_ends *e)
{
	m->revid++;
}

/* revack-no-auth (§3.4, §6.2). */
static void no_faha(struct pma *p, struct mip_msg *m, struct udp_ends *e)
{
	mip_ext_drop(m, MIP_EXT_FAHA, -1);
}

/* A row's change: m is the message about to be encoded, e where it goes. */
typedef void (*pma_mutate_fn)(struct pma *p, struct mip_msg *m, struct udp_ends *e);

static const struct {
	enum pma_fault f;
	uint8_t type;
	pma_mutate_fn fn;
} mutators[] = {
	{ PMA_FAULT_D_BIT_SET, MIP_RRQ, d_bit },
	{ PMA_FAULT_NO_T_BIT, MIP_RRQ, no_t_bit },
	{ PMA_FAULT_INFINITE_LIFETIME, MIP_RRQ, infinite_lifetime },
	{ PMA_FAULT_FIRST_HOA_NOT_ZERO, MIP_RRQ, first_hoa_own },
	{ PMA_FAULT_FORGET_HOA, MIP_RRQ, forget_hoa },
	{ PMA_FAULT_HA_FIELD_ZERO, MIP_RRQ, ha_field_zero },
	{ PMA_FAULT_WRONG_COA, MIP_RRQ, wrong_coa },
	{ PMA_FAULT_NO_NAI, MIP_RRQ, no_nai },
	{ PMA_FAULT_NO_INTERFACE_ID, MIP_RRQ, no_ifid },
	{ PMA_FAULT_WRONG_DEVICE_ID, MIP_RRQ, wrong_ids },
	{ PMA_FAULT_NO_ACCESS_TECH, MIP_RRQ, no_acctech },
	{ PMA_FAULT_NO_PERNODE_EXT, MIP_RRQ, no_pernode },
	{ PMA_FAULT_EXT_ORDER, MIP_RRQ, gre_after_faha },
	{ PMA_FAULT_NO_REVOCATION_EXT, MIP_RRQ, no_137 },
	{ PMA_FAULT_NO_GRE_KEY, MIP_RRQ, no_48 },
	{ PMA_FAULT_BAD_REQUEST_AUTH, MIP_RRQ, bad_faha },
	{ PMA_FAULT_AUTH_NOT_LAST, MIP_RRQ, ext_after_auth },
	{ PMA_FAULT_REV_WRONG_DST, MIP_REV, rev_to_hoa },
	{ PMA_FAULT_REV_A_BIT_SET, MIP_REV, rev_a_set },
	{ PMA_FAULT_REV_I_BIT_WRONG, MIP_REV, rev_i_flip },
	{ PMA_FAULT_REV_BAD_AUTH, MIP_REV, bad_faha },
	{ PMA_FAULT_REVACK_COPY_I, MIP_REVACK, revack_copy_i },
	{ PMA_FAULT_REVACK_WRONG_HOA, MIP_REVACK, revack_hoa_zero },
	{ PMA_FAULT_REVACK_WRONG_ID, MIP_REVACK, revack_wrong_id },
	{ PMA_FAULT_REVACK_NO_AUTH, MIP_REVACK, no_faha },
};

void pma_mutate(struct pma *p, struct mip_msg *m, struct udp_ends *e)
{
	for (size_t i = 0; i < sizeof mutators / sizeof mutators[0]; i++)
		if (mutators[i].type == m->type && pma_fault(p, mutators[i].f))
			mutators[i].fn(p, m, e);
}
