/* pma/req.c — PMA-REQ, the PMA's first request: RFC 5563 §4.1.1, §5, §7; RFC 2794 §2. */
/* What the initial proxy registration request carries (also RFC 3543 §3.2; RFC 6245 §3.1,
 * §4.1; RFC 5944 §3.6.1).  Each case attaches one device and looks at one field of the PRRQ
 * that the tester, as the device's HA, receives. */
#include <stdio.h>
#include <string.h>

#include "tc_mn.h"
#include "txt.h"

/* The PMA's first request for device 1, or NULL (fail). */
static const struct mip_msg *prrq(struct tc *t, const struct tc_rx **rx)
{
	struct tc_mn mn;
	const struct tc_rx *r = tc_mn_attach(t, &mn, 1);

	if (rx)
		*rx = r;
	return r ? &r->m : NULL;
}

/* m's extension type/subtype (-1 any), or NULL: a check "<field>: expected present". */
static const struct mip_ext *present(struct tc *t, const char *field, const struct mip_msg *m,
				     uint8_t type, int subtype)
{
	const struct mip_ext *x = mip_ext_find(m, type, subtype);

	return tc_check_true(t, field, "present", x != NULL, "%s", tc_mn_exts(t, m)) ? x : NULL;
}

/* The n bytes at p are the text want: a check. */
static bool check_text(struct tc *t, const char *field, const char *want, const void *p,
		       size_t n)
{
	return tc_check_true(t, field, want, n == strlen(want) && !memcmp(p, want, n), "%.*s",
			     (int)n, (const char *)p);
}

/* RFC 5563 §7 (item 1), RFC 2794 §2: the request names the device by its NAI. */
static void req_nai(struct tc *t)
{
	struct tc_mn mn;
	const struct tc_rx *r = tc_mn_attach(t, &mn, 1);
	const struct mip_ext *x;

	if (r && (x = present(t, "PRRQ NAI extension (131)", &r->m, MIP_EXT_NAI, -1)))
		check_text(t, "PRRQ NAI", tc_mn_nai(t, mn.mac), x->v.bytes.p, x->v.bytes.len);
}

/* RFC 5563 §5.1, §4.3: per-node authentication is announced by 47/1, method 1 (FA-HA). */
static void req_pernode(struct tc *t)
{
	const struct mip_msg *m = prrq(t, NULL);
	const struct mip_ext *x;

	if (!m)
		return;
	x = mip_ext_find(m, MIP_EXT_PMIP_NS, MIP_PMIP_PERNODE);
	if (tc_check_true(t, "PRRQ 47/1 Per-Node Authentication Method", "present", x != NULL,
			  "%s", tc_mn_exts(t, m)))
		tc_check_u(t, "PRRQ 47/1 Method", MIP_PERNODE_FAHA, x->v.pernode.method);
}

/* RFC 5563 §4.3, RFC 5944 §3.6.1.3: the FA-HA authenticator is the last extension. */
static void req_auth_last(struct tc *t)
{
	const struct mip_msg *m = prrq(t, NULL);

	if (m)
		tc_check_true(t, "PRRQ last extension", "FA-HA (34)",
			      m->n_ext && m->ext[m->n_ext - 1].type == MIP_EXT_FAHA, "%s",
			      tc_mn_exts(t, m));
}

/* RFC 5563 §4.3, §5.1; RFC 5944 §3.5.2: FA-HA computed with the PMA-HA SA. */
static void req_auth_valid(struct tc *t)
{
	const struct tc_rx *r;
	const struct mip_msg *m = prrq(t, &r);
	const struct mip_ext *x;
	enum auth_result a;

	if (!m)
		return;
	x = mip_ext_find(m, MIP_EXT_FAHA, -1);
	if (!tc_check_true(t, "PRRQ FA-HA (34)", "present", x != NULL, "%s", tc_mn_exts(t, m)))
		return;
	a = auth_verify(r->pkt.buf, r->pkt.len, x, tc_sa(t));
	tc_check_true(t, "PRRQ FA-HA authenticator", "valid with PIXIT sa", a == AUTH_VALID,
		      "%s", auth_result_str(a));
}

/* RFC 5563 §7: the PMA is the care-of address. */
static void req_coa(struct tc *t)
{
	const struct mip_msg *m = prrq(t, NULL);
	uint32_t pma;
	uint16_t port;

	params_endpoint(tc_params(t), "pma", &pma, &port);
	if (m)
		tc_check_addr(t, "PRRQ Care-of Address", pma, m->coa);
}

/* RFC 5563 §4.1.1 step 2, RFC 2794 §2: no address yet, so HoA 0.0.0.0. */
static void req_hoa_zero(struct tc *t)
{
	const struct mip_msg *m = prrq(t, NULL);

	if (m)
		tc_check_addr(t, "PRRQ Home Address", 0, m->hoa);
}

/* RFC 5563 §7 (item 4), §4.1.1: the Home Agent field names the HA. */
static void req_ha_field(struct tc *t)
{
	const struct mip_msg *m = prrq(t, NULL);

	if (m)
		tc_check_addr(t, "PRRQ Home Agent", tc_node_addr(t, TC_HA), m->ha);
}

/* RFC 5944 §3.6.1.1: a registration asks for a finite, non-zero lifetime (the PMA's). */
static void req_lifetime(struct tc *t)
{
	const struct mip_msg *m = prrq(t, NULL);

	if (m)
		tc_check_u(t, "PRRQ Lifetime", params_u32(tc_params(t), "pma.lifetime"),
			   m->lifetime);
}

/* RFC 5563 §4.2, RFC 3024 §3.1: the tunnel is bidirectional, T = 1. */
static void req_t_bit(struct tc *t)
{
	const struct mip_msg *m = prrq(t, NULL);

	if (m)
		tc_check_u(t, "PRRQ T bit", 1, !!(m->flags & MIP_F_T));
}

/* RFC 5563 §7: "The D-bit ... is always set to zero." */
static void req_d_bit(struct tc *t)
{
	const struct mip_msg *m = prrq(t, NULL);

	if (m)
		tc_check_u(t, "PRRQ D bit", 0, !!(m->flags & MIP_F_D));
}

/* RFC 5563 §5.3: 147/2 carries the device's MAC. */
static void req_devid(struct tc *t)
{
	struct tc_mn mn;
	const struct tc_rx *r = tc_mn_attach(t, &mn, 1);
	const struct mip_ext *x;

	if (!r)
		return;
	x = mip_ext_find(&r->m, MIP_EXT_PMIP_SK, MIP_PMIP_DEVID);
	if (!tc_check_true(t, "PRRQ 147/2 Device ID", "present", x != NULL, "%s",
			   tc_mn_exts(t, &r->m)))
		return;
	tc_check_true(t, "PRRQ 147/2 Identifier", tc_mn_macstr(t, mn.mac),
		      x->v.pmid.id_len == 6 && !memcmp(x->v.pmid.id, mn.mac, 6), "%s",
		      x->v.pmid.id_len == 6 ? tc_mn_macstr(t, x->v.pmid.id) : "not 6 bytes");
}

/* RFC 5563 §5.2: 147/1 names the access interface (PIXIT pma.ifid). */
static void req_ifid(struct tc *t)
{
	const struct mip_msg *m = prrq(t, NULL);
	const struct mip_ext *x;

	if (m && (x = present(t, "PRRQ 147/1 Interface ID", m, MIP_EXT_PMIP_SK, MIP_PMIP_IFID)))
		check_text(t, "PRRQ 147/1 Interface ID", params_str(tc_params(t), "pma.ifid"),
			   x->v.bytes.p, x->v.bytes.len);
}

/* Bytes for a reason: as text when all are printable, else as hex. */
static const char *shown(struct tc *t, const uint8_t *p, size_t n)
{
	char *out = tc_alloc(t, 2 * n + 1);
	size_t i;

	for (i = 0; i < n && p[i] >= 0x20 && p[i] < 0x7f; i++)
		out[i] = (char)p[i];
	if (i == n) {
		out[n] = '\0';
		return out;
	}
	for (i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", p[i]);
	return out;
}

/* RFC 5563 §5.4: 147/3 names the subscriber: ID-Type 1 (IMSI), the PIXIT pma.imsi.  The
 * Identifier is "a variable-length octet sequence that contains an identifier of the type
 * indicated by the ID-Type field", its encoding left open: the IMSI's ASCII digits, or
 * TBCD as 3GPP networks carry an IMSI, are both accepted. */
static void req_subid(struct tc *t)
{
	const char *imsi = params_str(tc_params(t), "pma.imsi");
	const struct mip_msg *m = prrq(t, NULL);
	const struct mip_ext *x;
	uint8_t tbcd[32];
	size_t n;

	if (!m || !(x = present(t, "PRRQ 147/3 Subscriber ID", m, MIP_EXT_PMIP_SK,
				 MIP_PMIP_SUBID)) ||
	    !tc_check_u(t, "PRRQ 147/3 Length", 2u + x->v.pmid.id_len, x->length) ||
	    !tc_check_u(t, "PRRQ 147/3 ID-Type (IMSI)", 1, x->v.pmid.idtype))
		return;
	n = txt_tbcd(imsi, strlen(imsi), tbcd, sizeof tbcd);
	if (n && x->v.pmid.id_len == n && !memcmp(x->v.pmid.id, tbcd, n)) {
		tc_note(t, "PRRQ 147/3 Identifier: PIXIT pma.imsi in TBCD");
		tc_pass(t);
		return;
	}
	tc_check_true(t, "PRRQ 147/3 Identifier",
		      tc_printf(t, "%s (ASCII digits, or TBCD)", imsi),
		      x->v.pmid.id_len == strlen(imsi) && !memcmp(x->v.pmid.id, imsi, strlen(imsi)),
		      "%s", shown(t, x->v.pmid.id, x->v.pmid.id_len));
}

/* RFC 5563 §5.5: 147/4 names the access technology (PIXIT pma.access-tech-type). */
static void req_acctech(struct tc *t)
{
	const struct mip_msg *m = prrq(t, NULL);
	const struct mip_ext *x;

	if (!m)
		return;
	x = mip_ext_find(m, MIP_EXT_PMIP_SK, MIP_PMIP_ACCTECH);
	if (tc_check_true(t, "PRRQ 147/4 Access Technology Type", "present", x != NULL, "%s",
			  tc_mn_exts(t, m)))
		tc_check_u(t, "PRRQ 147/4 Tech-Type",
			   params_u32(tc_params(t), "pma.access-tech-type"), x->v.acctech.tech);
}

/* RFC 3543 §3.2: an entity that wants revocations attaches 137 to its request. */
static void req_revsup(struct tc *t)
{
	const struct mip_msg *m = prrq(t, NULL);

	if (m)
		tc_check_true(t, "PRRQ Revocation Support (137)", "present",
			      mip_ext_find(m, MIP_EXT_REVSUP, -1) != NULL, "%s", tc_mn_exts(t, m));
}

/* RFC 6245 §3.1, §4.1: a PMA that wants GRE sends 48 with its own non-zero key. */
static void req_gre_key(struct tc *t)
{
	const struct mip_msg *m = prrq(t, NULL);
	const struct mip_ext *x;

	if (!m)
		return;
	x = mip_ext_find(m, MIP_EXT_GREKEY, -1);
	if (tc_check_true(t, "PRRQ GRE Key (48)", "present", x != NULL, "%s", tc_mn_exts(t, m)))
		tc_check_true(t, "PRRQ GRE Key", "not 0", x->v.gre.key != 0, "0");
}

/* The index of the first extension of m whose type is in types[0..n), or -1. */
static int first_of(const struct mip_msg *m, const uint8_t *types, size_t n)
{
	for (unsigned i = 0; i < m->n_ext; i++)
		if (memchr(types, m->ext[i].type, n))
			return (int)i;
	return -1;
}

/* The index of the last extension of m whose type is in types[0..n), or -1. */
static int last_of(const struct mip_msg *m, const uint8_t *types, size_t n)
{
	int at = -1;

	for (unsigned i = 0; i < m->n_ext; i++)
		if (memchr(types, m->ext[i].type, n))
			at = (int)i;
	return at;
}

/* Only what the RFCs order, and nothing more (any other order is allowed):
 *   RFC 2794 §2: the NAI MUST appear before the MN-HA and MN-FA authentication extensions;
 *   RFC 5563 §5: the PMIPv4 extensions (47, 147) are included before the authentication
 *   extension (e.g. MN-HA or FA-HA);
 *   RFC 6245 §3.1: the GRE Key extension SHALL be added after MN-HA (and MN-FA challenge,
 *   MN-AAA) and before FA-HA. */
static void req_ext_order(struct tc *t)
{
	static const uint8_t nai[] = { MIP_EXT_NAI }, mn[] = { MIP_EXT_MNHA, MIP_EXT_MNFA },
		pmip[] = { MIP_EXT_PMIP_NS, MIP_EXT_PMIP_SK }, gre[] = { MIP_EXT_GREKEY },
		auth[] = { MIP_EXT_MNHA, MIP_EXT_FAHA, MIP_EXT_GENAUTH },
		mn_side[] = { MIP_EXT_MNHA, MIP_EXT_CHALLENGE, MIP_EXT_GENAUTH },
		faha[] = { MIP_EXT_FAHA };
	const struct mip_msg *m = prrq(t, NULL);
	int first_mn, first_auth, first_gre, first_faha;

	if (!m)
		return;
	first_mn = first_of(m, mn, sizeof mn);
	first_auth = first_of(m, auth, sizeof auth);
	first_gre = first_of(m, gre, sizeof gre);
	first_faha = first_of(m, faha, sizeof faha);
	if (first_mn >= 0 && !tc_check_true(t, "PRRQ extension order: NAI (131)",
					     "before MN-HA/MN-FA (RFC 2794 §2)",
					     last_of(m, nai, sizeof nai) < first_mn, "%s",
					     tc_mn_exts(t, m)))
		return;
	if (first_auth >= 0 && !tc_check_true(t, "PRRQ extension order: 47 and 147",
					       "before the authentication extension (RFC 5563 §5)",
					       last_of(m, pmip, sizeof pmip) < first_auth, "%s",
					       tc_mn_exts(t, m)))
		return;
	if (first_gre >= 0)
		tc_check_true(t, "PRRQ extension order: GRE Key (48)",
			      "after MN-HA, before FA-HA (RFC 6245 §3.1)",
			      first_gre > last_of(m, mn_side, sizeof mn_side) &&
				      (first_faha < 0 || last_of(m, gre, sizeof gre) < first_faha),
			      "%s", tc_mn_exts(t, m));
	else
		tc_pass(t);
}

#define REQ(n, title, ref, lvl, pics, pass, tags, reqs, fn) \
	{ "PMA-REQ-" n, "pma-core", CASE_ROLE_PMA, title, ref, lvl, pics, \
	  "A device attaches (DHCPDISCOVER on the access link, or PIXIT pma.attach-cmd); " \
	  "the tester, as the HA, takes the PMA's proxy registration request.", \
	  pass, tags, reqs, fn }

static const struct case_def defs[] = {
	REQ("01", "the PRRQ carries the device's NAI", "RFC 5563 §7; RFC 2794 §2", CASE_MUST,
	    "pmip", "The PRRQ has a NAI extension (131) equal to PIXIT pma.nai-pattern over the "
	    "device's MAC.", "registration nai", NULL, req_nai),
	REQ("02", "the PRRQ announces per-node authentication with 47/1",
	    "RFC 5563 §5.1, §4.3", CASE_MUST, "pmip pma.per-node-auth",
	    "The PRRQ has 47/1 with Method 1 (FA-HA).", "registration auth",
	    "R5563-5.1-01 R5563-5.1-03", req_pernode),
	REQ("03", "the FA-HA authenticator is the last extension",
	    "RFC 5563 §4.3; RFC 5944 §3.6.1.3", CASE_MUST, "pmip pma.per-node-auth",
	    "The last extension of the PRRQ is FA-HA (34).", "registration auth",
	    "R5563-5-01 R3543-3.2-09", req_auth_last),
	REQ("04", "the FA-HA authenticator is valid", "RFC 5563 §4.3, §5.1; RFC 5944 §3.5.2",
	    CASE_MUST, "pmip pma.per-node-auth",
	    "The FA-HA verifies with PIXIT sa (SPI and authenticator).", "registration auth",
	    "R5563-4.1-01 R5563-4.3-01 R3543-4.2-02 R3543-4.2-06", req_auth_valid),
	REQ("05", "the Care-of Address is the PMA's address", "RFC 5563 §7", CASE_MUST, "pmip",
	    "PRRQ Care-of Address = the PMA's address (PIXIT pma).", "registration",
	    NULL, req_coa),
	REQ("06", "the first PRRQ asks for Home Address 0.0.0.0", "RFC 5563 §4.1.1; RFC 2794 §2",
	    CASE_MUST, "pmip", "PRRQ Home Address = 0.0.0.0.", "registration hoa",
	    NULL, req_hoa_zero),
	REQ("07", "the Home Agent field names the HA", "RFC 5563 §7, §4.1.1", CASE_MUST, "pmip",
	    "PRRQ Home Agent = the tester's HA (PIXIT ha).", "registration", NULL, req_ha_field),
	REQ("08", "the PRRQ asks for the PMA's configured lifetime", "RFC 5944 §3.6.1.1",
	    CASE_MUST, "pmip", "PRRQ Lifetime = PIXIT pma.lifetime.",
	    "registration lifetime", NULL, req_lifetime),
	REQ("09", "the PRRQ sets the T bit", "RFC 5563 §4.2; RFC 3024 §3.1", CASE_MUST,
	    "pmip pma.reverse-tunnel", "PRRQ flag T = 1.", "registration tunnel", NULL, req_t_bit),
	REQ("10", "the PRRQ has D = 0", "RFC 5563 §7", CASE_MUST, "pmip",
	    "PRRQ flag D = 0.", "registration", "R5563-7-02", req_d_bit),
	REQ("11", "147/2 carries the device's MAC", "RFC 5563 §5.3", CASE_MAY,
	    "pmip pma.device-id", "The PRRQ has 147/2 whose identifier is the device's MAC.",
	    "registration pmip-ext", "R5563-5.3-01", req_devid),
	REQ("12", "147/1 names the access interface", "RFC 5563 §5.2", CASE_MAY,
	    "pmip pma.interface-id", "The PRRQ has 147/1 equal to PIXIT pma.ifid.",
	    "registration pmip-ext", "R5563-5.2-01", req_ifid),
	REQ("13", "147/4 names the access technology", "RFC 5563 §5.5", CASE_MAY,
	    "pmip pma.access-tech",
	    "The PRRQ has 147/4 with Tech-Type PIXIT pma.access-tech-type.",
	    "registration pmip-ext", "R5563-5.5-01", req_acctech),
	REQ("14", "the PRRQ carries Revocation Support (137)", "RFC 3543 §3.2", CASE_MUST,
	    "pmip pma.revocation", "The PRRQ has extension 137.", "registration revocation",
	    "R3543-3.2-01", req_revsup),
	REQ("15", "the PRRQ carries a GRE key (48)", "RFC 6245 §3.1, §4.1", CASE_MUST,
	    "pmip pma.gre-key", "The PRRQ has extension 48 with a key other than 0.",
	    "registration gre", NULL, req_gre_key),
	REQ("16", "the PRRQ's extensions keep the orders the RFCs set",
	    "RFC 2794 §2; RFC 5563 §5; RFC 6245 §3.1", CASE_MUST, "pmip",
	    "The NAI before MN-HA/MN-FA; 47 and 147 before the first authentication "
	    "extension; 48 after MN-HA and before FA-HA.  Any other order is allowed.",
	    "registration", "R5563-5-01", req_ext_order),
	REQ("17", "147/3 names the subscriber's IMSI", "RFC 5563 §5.4", CASE_MAY,
	    "pmip pma.subscriber-id",
	    "The PRRQ has 147/3 with Length 2 + the identifier's, ID-Type 1 (IMSI) and the "
	    "identifier PIXIT pma.imsi, in ASCII digits or in TBCD (RFC 5563 §5.4 leaves the "
	    "encoding open).", "registration pmip-ext", "R5563-5.4-01", req_subid),
};

CASE_TABLE(cases_pma_req, defs);
