/* pma_variant.c — the names of the PMA's variants (DESIGN.md §4 "Variants"): each is one
 * behaviour the RFCs allow besides the reference's default, and its help line cites the
 * sentence that allows it.  One row per enum pma_variant (bitset.h); what each does is in
 * the file that does the default. */
#include "pma_priv.h"

static const struct bitset_name variants[PMA_VAR_COUNT] = {
	[PMA_VAR_BACKOFF_3] = { "backoff-3",
		"retransmission interval tripled (RFC 5944 §3.6.3: \"SHOULD be at least "
		"twice the previous period\")" },
	[PMA_VAR_NO_RETRANSMIT] = { "no-retransmit",
		"an unanswered request is not retransmitted (RFC 5944 §3.6.3: \"another "
		"Registration Request MAY be transmitted\")" },
	[PMA_VAR_LAPSE_ON_DETACH] = { "lapse-on-detach",
		"no deregistration on detach, the binding lapses (RFC 5944 §3.6.1.2: the "
		"mobile node MAY ask to delete a binding; no RFC requires it on detach)" },
	[PMA_VAR_IMSI_TBCD] = { "imsi-tbcd",
		"147/3 carries the IMSI in TBCD (RFC 5563 §5.4: the Identifier is \"a "
		"variable-length octet sequence\", its encoding left open)" },
	[PMA_VAR_EXT_ORDER] = { "ext-order",
		"requests with 137, 47/1, 147/4..147/1, NAI, then the authenticators: "
		"another order the RFCs allow (RFC 2794 §2, RFC 5563 §5, RFC 6245 §3.1)" },
};

const struct bitset_names pma_variant_names = { variants, PMA_VAR_COUNT };

bool pma_has_variant(const struct pma *p, enum pma_variant v)
{
	return pma_variant(p, v);
}
