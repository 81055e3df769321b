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
	{ "nai-realm", PARAM_STR, "example.net", "the realm of the NAIs the tester makes" },
	{ "lifetime", PARAM_U32, "300", "registration lifetime the tester asks for, s" },
	{ "reply-ms", PARAM_MS, "2s", "how long the tester waits for an answer" },
	{ "silence-ms", PARAM_MS, "1s",
	  "how long without an answer means the DUT discarded a message" },
	{ "tol-abs-ms", PARAM_MS, "100ms", "timing tolerance: absolute part" },
	{ "tol-rel", PARAM_U32, "10", "timing tolerance: percent of the expected time" },
	{ "time-scale", PARAM_REAL, "1",
	  "multiplies the tester's own timers and the lifetimes it asks for (fast lab runs)" },
};

PARAM_TABLE(pics_common, PARAM_PICS, pics_defs);
PARAM_TABLE(pixit_common, PARAM_PIXIT, pixit_defs);
