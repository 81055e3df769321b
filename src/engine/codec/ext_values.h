/* ext_values.h — per-type value decoders, encoders and showers named in the policy
 * table of ext.c.  Each decoder reads only its own sub-cursor (exactly the value
 * bytes) and must consume all of it. */
#ifndef PMIP4CT_EXT_VALUES_H
#define PMIP4CT_EXT_VALUES_H

#include "mip.h"
#include "show.h"
#include "wire.h"

#define EXTV(name)                                                                      \
	int extv_##name##_dec(struct mip_ext *e, struct rd *c, struct mip_err *err);      \
	void extv_##name##_enc(const struct mip_ext *e, struct wr *w)

EXTV(cvse);
EXTV(nvse);
EXTV(utrp);
EXTV(utrq);
EXTV(pmip_ns);
EXTV(pmip_sk);
EXTV(gre);
EXTV(bytes);
EXTV(revsup);
EXTV(dynha);
int extv_auth_dec(struct mip_ext *e, struct rd *c, struct mip_err *err);

void extv_auth_show(const struct mip_ext *e, const struct show *s);
void extv_vse_show(const struct mip_ext *e, const struct show *s);
void extv_utrp_show(const struct mip_ext *e, const struct show *s);
void extv_utrq_show(const struct mip_ext *e, const struct show *s);
void extv_pmip_ns_show(const struct mip_ext *e, const struct show *s);
void extv_pmip_sk_show(const struct mip_ext *e, const struct show *s);
void extv_gre_show(const struct mip_ext *e, const struct show *s);
void extv_nai_show(const struct mip_ext *e, const struct show *s);
void extv_challenge_show(const struct mip_ext *e, const struct show *s);
void extv_msgstr_show(const struct mip_ext *e, const struct show *s);
void extv_revsup_show(const struct mip_ext *e, const struct show *s);
void extv_dynha_show(const struct mip_ext *e, const struct show *s);

#endif
