/* prrq.c — see prrq.h. */
#include <string.h>

#include "prrq.h"

static void add_nai(struct mip_msg *m, const char *nai)
{
	struct mip_ext *x = mip_ext_add(m, MIP_EXT_NAI, 0);

	x->v.bytes.p = (const uint8_t *)nai;
	x->v.bytes.len = (uint16_t)strlen(nai);
}

static void add_auth(struct mip_msg *m, uint8_t type, const struct mip_sa *sa, uint32_t spi,
		     bool bad)
{
	struct mip_ext *x = mip_ext_add_auth(m, type, sa);

	if (spi)
		x->v.auth.spi = spi;
	if (bad)
		x->auth_mode = MIP_AUTH_CORRUPT;
}

void prrq_exts(struct mip_msg *m, const struct prrq *r)
{
	struct mip_ext *x;

	if (r->nai && *r->nai)
		add_nai(m, r->nai);
	if (r->nai && *r->nai && r->dup_nai)
		add_nai(m, r->nai);
	if (r->acctech) {
		x = mip_ext_add(m, MIP_EXT_PMIP_SK, MIP_PMIP_ACCTECH);
		x->v.acctech.tech = r->acctech;
	}
	if (r->unknown) {
		x = mip_ext_add(m, r->unknown, 0);
		x->v.bytes.p = (const uint8_t *)"\x01\x02";
		x->v.bytes.len = 2;
	}
	if (r->pernode) {
		x = mip_ext_add(m, MIP_EXT_PMIP_NS, MIP_PMIP_PERNODE);
		x->v.pernode.method = MIP_PERNODE_FAHA;
	}
	if (r->rev) {
		x = mip_ext_add(m, MIP_EXT_REVSUP, 0);
		x->v.rev.flags = r->rev_i ? MIP_REVSUP_I : 0;
		x->v.rev.ts = r->rev_ts;
	}
	if (r->mn)
		add_auth(m, MIP_EXT_MNHA, r->mn, r->mn_spi, r->mn_bad);
	if (r->gre) {
		x = mip_ext_add(m, MIP_EXT_GREKEY, 0);
		x->v.gre.key = r->gre_key;
	}
	if (r->fa)
		add_auth(m, MIP_EXT_FAHA, r->fa, r->fa_spi, r->fa_bad);
}
