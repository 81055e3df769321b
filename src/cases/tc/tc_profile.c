/* tc_profile.c — the request profile: what every request of the run carries, from the
 * PIXIT (params_common.c) and PICS, so that the tester speaks the DUT's dialect: the NAI
 * or not (RFC 2794), static home addresses or 0.0.0.0 (RFC 5944 §3.3, RFC 2794 §3), the
 * flags (RFC 5944 §3.3, RFC 6245 §3.1), the 147 sub-types (RFC 5563 §5.2-§5.5), and the
 * precision of the Identification (RFC 5944 §5.7.1). */
#include <stdio.h>
#include <string.h>

#include "profile.h"
#include "tc_priv.h"

bool tc_profile_flags(struct tc *t, uint8_t *flags)
{
	const char *s = params_str(t->p, "flags");
	char err[128];

	if (!params_isset(t->p, PARAM_PIXIT, "flags") || !s) {
		*flags = MIP_F_T | (tc_pics(t, "ha.gre-key") ? MIP_F_G : 0);
		return true;
	}
	if (profile_flags(s, flags, err, sizeof err) == 0) /* checked when it was set */
		return true;
	tc_error(t, "PIXIT flags: %s", err);
	return false;
}

bool tc_profile_nai(const struct tc *t)
{
	return params_bool(t->p, "nai") && tc_pics(t, "ha.nai");
}

/* Which device a NAI of tc_nai is: its k, or 0 for a NAI the case made itself. */
static unsigned device_of(const struct tc *t, const char *nai)
{
	for (size_t i = 0; i < t->n_nais; i++)
		if (t->nais[i].nai == nai || !strcmp(t->nais[i].nai, nai))
			return t->nais[i].k;
	return 0;
}

/* Without an NAI a device is known by its home address only (RFC 5944 §3.3, §3.8.1):
 * with no PIXIT hoa-base it asks for one of PIXIT ha.pool's, from its 100th on. */
static uint32_t hoa_base(const struct tc *t)
{
	const char *pool = params_str(t->p, "ha.pool");
	unsigned a, b, c, d;

	if (params_isset(t->p, PARAM_PIXIT, "hoa-base"))
		return params_addr(t->p, "hoa-base");
	if (tc_profile_nai(t) || !pool || sscanf(pool, "%u.%u.%u.%u", &a, &b, &c, &d) != 4)
		return 0;
	return ((uint32_t)a << 24 | b << 16 | c << 8 | d) + 100;
}

uint32_t tc_profile_hoa(const struct tc *t, const char *nai)
{
	uint32_t base = hoa_base(t);

	return base ? base + (nai ? device_of(t, nai) : 0) : 0;
}

/* RFC 5563 §5.2-§5.5: the identifiers of the tester's device. */
static void add_147(struct mip_msg *m, uint8_t subtype)
{
	static const uint8_t ifid[] = "pmip4ct0", mac[] = { 2, 0, 0, 0x4c, 0, 1 };
	static const uint8_t imsi[] = "001010000000001";
	struct mip_ext *x = mip_ext_add(m, MIP_EXT_PMIP_SK, subtype);

	switch (subtype) {
	case MIP_PMIP_IFID:
		x->v.bytes.p = ifid;
		x->v.bytes.len = sizeof ifid - 1;
		break;
	case MIP_PMIP_DEVID:
		x->v.pmid.idtype = 1; /* Ethernet MAC address */
		x->v.pmid.id = mac;
		x->v.pmid.id_len = sizeof mac;
		break;
	case MIP_PMIP_SUBID:
		x->v.pmid.idtype = 1; /* IMSI */
		x->v.pmid.id = imsi;
		x->v.pmid.id_len = sizeof imsi - 1;
		break;
	default:
		x->v.acctech.tech = 3; /* 802.16e, RFC 5563 §5.5 */
		break;
	}
}

bool tc_profile_147(struct tc *t, struct mip_msg *m)
{
	const char *s = params_str(t->p, "pmip-ext");
	uint8_t sub[PROFILE_147_MAX];
	size_t n;
	char err[128];

	if (!s)
		return true;
	if (profile_147(s, sub, &n, err, sizeof err)) { /* checked when it was set */
		tc_error(t, "PIXIT pmip-ext: %s", err);
		return false;
	}
	for (size_t i = 0; i < n; i++)
		add_147(m, sub[i]);
	return true;
}

uint64_t tc_profile_ident(const struct tc *t, uint64_t ntp, uint64_t *step)
{
	uint32_t z = params_u32(t->p, "ident-zero-bits");

	if (z > 32)
		z = 32;
	*step = 1ull << z;
	return ntp & ~(*step - 1);
}
