/* params_ha.c — PICS and PIXIT items of the HA cases (DESIGN.md §4).  PICS defaults are
 * what the built-in reference HA supports; net_ref_ha.c configures the reference from
 * them, so a PICS file that says "no" also turns the feature off in the reference. */
#include "params.h"

static const struct param_def pics_defs[] = {
	{ "ha.per-node-auth", PARAM_BOOL, "yes",
	  "per-node authentication: FA-HA with 47/1 method 1 (RFC 5563 §4.3, §5.1)" },
	{ "ha.per-mn-auth", PARAM_BOOL, "yes", "per-MN authentication: MN-HA (RFC 5563 §4.3)" },
	{ "ha.nai", PARAM_BOOL, "yes", "NAI extension (RFC 2794)" },
	{ "ha.dynamic-hoa", PARAM_BOOL, "yes", "home address assignment for 0.0.0.0 (RFC 2794)" },
	{ "ha.revocation", PARAM_BOOL, "yes", "registration revocation (RFC 3543)" },
	{ "ha.revoke-on-handover", PARAM_BOOL, "yes",
	  "the HA revokes the previous PMA's binding on a handover, a MAY (RFC 5563 §4.1.4); "
	  "left unset for a remote DUT it is not claimed: HA-REV-03 is then none when no "
	  "revocation comes" },
	{ "ha.gre-key", PARAM_BOOL, "yes", "GRE encapsulation and key extension (RFC 6245)" },
	{ "ha.reverse-tunnel", PARAM_BOOL, "yes", "reverse tunnelling, T bit (RFC 3024)" },
	{ "ha.dynamic-ha", PARAM_BOOL, "yes",
	  "dynamic HA assignment: Home Agent 0.0.0.0 / 255.255.255.255 (RFC 4433 §5.3)" },
	{ "ha.data-plane", PARAM_BOOL, "yes", "the HA forwards through the tunnel (RFC 5563 §4.2)" },
};

static const struct param_def pixit_defs[] = {
	{ "ha.max-lifetime", PARAM_U32, "1800", "the DUT's longest granted lifetime, s" },
	{ "ha.pool", PARAM_STR, "10.10.0.0/24",
	  "home addresses the DUT assigns (the reference's pool; cases check replies fall in it)" },
	{ "ha.pmip-off", PARAM_ENDPOINT, "127.0.0.7:434",
	  "an HA with Proxy Mobile IPv4 disabled, for 149 (RFC 5563 §8.1); unset = none" },
	{ "ha.pma-denied", PARAM_ADDR, "127.0.0.6",
	  "a PMA address the DUT refuses with 150 (RFC 5563 §8.1)" },
	{ "accept-65", PARAM_BOOL, "no",
	  "leniency: accept 65 where 129 is due, as RFC 5563 §8.1 misprints it; without "
	  "it 65 is warn, never fail" },
	{ "ha.cn", PARAM_ADDR, "198.51.100.7",
	  "the correspondent node the tester plays on the HA's home network: data-plane "
	  "probes go between it and the home addresses (RFC 5944 §4.2.3)" },
	{ "home.if", PARAM_STR, NULL,
	  "the tester's interface on the HA's home link, for a remote HA (needs root): the "
	  "tester plays ha.cn there (AF_PACKET, answering ARP) and the PMAs' tunnel ends "
	  "(raw IPv4 protocols 4 and 47 at pma1, pma2); unset: data-plane cases are none" },
	{ "home.gw", PARAM_ADDR, NULL,
	  "the next hop on the home link towards the home addresses (the HA's home-link "
	  "address); unset: the home address itself, answered by the HA's proxy ARP "
	  "(RFC 5944 §4.6)" },
	{ "ha.ident-window-ms", PARAM_MS, "7s",
	  "the DUT's Identification window (RFC 5944 §5.7.1: per SA, 7 s a MAY default); the "
	  "HA-SEQ cases send timestamps 23 s beyond it" },
};

PARAM_TABLE(pics_ha, PARAM_PICS, pics_defs);
PARAM_TABLE(pixit_ha, PARAM_PIXIT, pixit_defs);
