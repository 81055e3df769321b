/* ha_variant.c — the names of the HA's variants (DESIGN.md §4 "Variants"): each is one
 * behaviour the RFCs allow besides the reference's default, and its help line cites the
 * sentence that allows it.  One row per enum ha_variant, in the table shape of the faults
 * (bitset.h); `--variant list` and the variant matrix print them in this order.  What
 * each variant does is in the file that does the default. */
#include "ha_priv.h"

static const struct bitset_name variants[HA_VAR_COUNT] = {
	[HA_VAR_SILENT_DISCARD] = { "silent-discard",
		"discard where 131/132/134 SHOULD or MAY be sent (RFC 5944 §3.8.2.1 a: 131 "
		"MAY without a valid FA-HA, c: 132 SHOULD; §3.8.2.3: 134 SHOULD)" },
	[HA_VAR_REJECT_UNKNOWN_SPI] = { "reject-unknown-spi",
		"answer a per-node FA-HA whose SPI has no SA with 132 (RFC 5944 §3.8.2.1 c "
		"read as an invalid FA-HA authenticator, not a: discard)" },
	[HA_VAR_DROP_POORLY_FORMED] = { "drop-poorly-formed",
		"discard a request whose extensions do not parse instead of 134 (RFC 5944 "
		"§3.8.2.3: SHOULD; §3.8.2.1 a: nothing in it is authenticated)" },
	[HA_VAR_NO_REVOCATION] = { "no-revocation",
		"never revoke the previous PMA on handover (RFC 5563 §4.1.4: 'may')" },
	[HA_VAR_BACKOFF_3] = { "backoff-3",
		"revocation retransmission interval tripled (RFC 3543 §4.2.2.1: at least "
		"doubled, as RFC 5944 §3.6.3)" },
	[HA_VAR_WINDOW_60] = { "window-60",
		"a 60 s Identification window (RFC 5944 §5.7.1: the 7 s default is a MAY)" },
	[HA_VAR_CLOCK_OFFSET] = { "clock-offset",
		"the HA's clock 5 minutes ahead (RFC 5944 §5.7.1, §3.6.2.3: the sender "
		"resynchronises from 133)" },
	[HA_VAR_REDIRECT_143] = { "redirect-143",
		"answer Home Agent 0.0.0.0 / 255.255.255.255 with 143 and a 139 redirect "
		"(RFC 4433 §5.3, Table 1)" },
	[HA_VAR_EXT_ORDER] = { "ext-order",
		"replies in another legal extension order (RFC 5944 §3.4, RFC 2794 §3, RFC "
		"6245 §3.1)" },
	[HA_VAR_ECHO_147] = { "echo-147",
		"147/1-3 echoed in replies (RFC 5563 §5.5 speaks of 147/4 only, no keyword)" },
	[HA_VAR_REPLY_65] = { "reply-65",
		"65 where 129 is meant, as RFC 5563 §8.1's text literally says (DESIGN.md "
		"§6.1)" },
};

const struct bitset_names ha_variant_names = { variants, HA_VAR_COUNT };

bool ha_has_variant(const struct ha *ha, enum ha_variant v)
{
	return ha_variant(ha, v);
}
