/* params_common.c — PICS and PIXIT items every case may use (DESIGN.md §4).  The
 * defaults describe the loopback testbed of the built-in references (DESIGN.md §5). */
#include "params.h"

static const struct param_def pics_defs[] = {
	{ "pmip", PARAM_BOOL, "yes", "the DUT implements Proxy Mobile IPv4 (RFC 5563)" },
};

static const struct param_def pixit_defs[] = {
	{ "ha", PARAM_ENDPOINT, "127.0.0.2:434",
	  "the HA: the DUT in HA cases, the tester's HA in PMA cases" },
	{ "pma", PARAM_ENDPOINT, "127.0.0.5:434", "the PMA under test (PMA cases)" },
	{ "pma1", PARAM_ADDR, "127.0.0.3", "the tester's first PMA (care-of address), HA cases" },
	{ "pma2", PARAM_ADDR, "127.0.0.4", "the tester's second PMA, HA cases" },
	{ "pma-port", PARAM_U32, "434",
	  "UDP port the tester's PMAs send from and listen on (revocations come to 434)" },
	{ "sa", PARAM_SA, "spi=256,key=hex:000102030405060708090a0b0c0d0e0f,kind=fa-ha",
	  "the FA-HA security association between the PMAs and the HA (RFC 5563 §5.1)" },
	{ "mn-sa", PARAM_SA, "spi=257,key=hex:101112131415161718191a1b1c1d1e1f,kind=mn-ha",
	  "the MN-HA security association of the per-MN method (RFC 5563 §4.3)" },
	/* Identification of the DUT and the lab, for the report (pmip4ct-bundle(5)); the
	 * tester does not use them. */
	{ "dut.vendor", PARAM_STR, NULL, "the DUT's vendor, as the report names it" },
	{ "dut.model", PARAM_STR, NULL, "the DUT's model" },
	{ "dut.software", PARAM_STR, NULL, "the DUT's software version" },
	{ "lab.name", PARAM_STR, NULL, "the test laboratory, as the report names it" },
	{ "lab.operator", PARAM_STR, NULL, "the person who ran the tests" },
	{ "nai-realm", PARAM_STR, "example.net", "the realm of the NAIs the tester makes" },
	{ "lifetime", PARAM_U32, "300", "registration lifetime the tester asks for, s" },
	{ "reply-ms", PARAM_MS, "2s", "how long the tester waits for an answer" },
	{ "silence-ms", PARAM_MS, "1s",
	  "how long without an answer means the DUT discarded a message" },
	{ "tol-abs-ms", PARAM_MS, "100ms", "timing tolerance: absolute part" },
	{ "tol-rel", PARAM_U32, "10", "timing tolerance: percent of the expected time" },
	/* The request profile (tc_prrq): what every request of the run carries, so that the
	 * tester speaks a device's dialect.  The defaults are the reference's.  No ha.
	 * prefix: the PMAs the tester plays send them (params.h). */
	{ "nai", PARAM_BOOL, "on",
	  "requests carry the NAI extension (RFC 2794); off (or PICS ha.nai no) for an HA that "
	  "refuses it: bindings are then by home address (the NAI cases still send one)" },
	{ "hoa-base", PARAM_ADDR, NULL,
	  "static home addresses: device k asks for this address + k; unset: 0.0.0.0, the HA "
	  "assigns one (RFC 2794 §3), or without an NAI the 100th address of ha.pool on" },
	{ "flags", PARAM_STR, NULL,
	  "the request's flags as letters of S B D M G T (RFC 5944 §3.3, RFC 6245 §3.1), or "
	  "none; unset: T, and G with PICS ha.gre-key (RFC 5563 §7: D stays 0)" },
	{ "pmip-ext", PARAM_STR, "acctech",
	  "the 147 sub-types every request carries, comma separated, of ifid, devid, subid, "
	  "acctech (RFC 5563 §5.2-§5.5), or none" },
	{ "ident-zero-bits", PARAM_U32, "0",
	  "low bits of the Identification left zero (RFC 5944 §5.7.1): 0 full precision, 11 "
	  "what a 64-bit float keeps, 32 whole seconds" },
	{ "time-scale", PARAM_REAL, "1",
	  "multiplies the tester's own timers and waits and the lifetimes it asks for (fast "
	  "lab runs); not the DUT's own timers (its retransmissions, RFC 3543 §3.3's 1 s "
	  "spacing, its expiry margin), nor reply-ms and silence-ms" },
};

PARAM_TABLE(pics_common, PARAM_PICS, pics_defs);
PARAM_TABLE(pixit_common, PARAM_PIXIT, pixit_defs);
