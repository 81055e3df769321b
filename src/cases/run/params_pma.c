/* params_pma.c — PICS and PIXIT items of the PMA cases (DESIGN.md §4).  PICS defaults are
 * what the built-in reference PMA supports; net_ref_pma.c configures the reference from
 * them, so a PICS file that says "no" also turns the feature off in the reference. */
#include "params.h"

static const struct param_def pics_defs[] = {
	{ "pma.revocation", PARAM_BOOL, "yes",
	  "registration revocation: 137 in requests, acknowledgments (RFC 3543)" },
	{ "pma.revocation-i", PARAM_BOOL, "yes",
	  "the I bit: the PMA's 137 has I = 1 (RFC 3543 §3.2)" },
	{ "pma.revoke", PARAM_BOOL, "yes",
	  "the PMA revokes a binding when the device detaches, RFC 3543 §4.2.3.1, instead of "
	  "deregistering" },
	{ "pma.per-node-auth", PARAM_BOOL, "yes",
	  "per-node authentication: FA-HA with 47/1 method 1 (RFC 5563 §5.1)" },
	{ "pma.gre-key", PARAM_BOOL, "yes",
	  "GRE encapsulation with the key extension 48 (RFC 6245)" },
	{ "pma.reverse-tunnel", PARAM_BOOL, "yes",
	  "the T bit: a bidirectional tunnel (RFC 5563 §4.2)" },
	{ "pma.device-id", PARAM_BOOL, "yes", "147/2 Device ID, the device's MAC (RFC 5563 §5.3)" },
	{ "pma.interface-id", PARAM_BOOL, "yes", "147/1 Interface ID (RFC 5563 §5.2)" },
	{ "pma.access-tech", PARAM_BOOL, "yes", "147/4 Access Technology Type (RFC 5563 §5.5)" },
	{ "pma.subscriber-id", PARAM_BOOL, "yes",
	  "147/3 Subscriber ID, the IMSI of PIXIT pma.imsi (RFC 5563 §5.4)" },
	{ "pma.retransmit", PARAM_BOOL, "yes",
	  "the PMA retransmits an unanswered request (RFC 5944 §3.6.3: MAY), up to PIXIT "
	  "pma.max-tries transmissions" },
	{ "pma.dereg-on-detach", PARAM_BOOL, "yes",
	  "the PMA deregisters (lifetime 0) a device that detaches (RFC 5944 §3.6.1.2: MAY); "
	  "no: the binding lapses" },
	{ "pma.dhcp", PARAM_BOOL, "yes",
	  "the PMA is the DHCP server of the access link (RFC 5563 §4.1.1, §6.3)" },
	{ "pma.arp", PARAM_BOOL, "yes", "the PMA answers ARP for the gateway (RFC 5563 §6.1)" },
	{ "pma.icmp", PARAM_BOOL, "yes",
	  "the PMA answers echo requests to the gateway (RFC 5563 §6.2)" },
};

static const struct param_def pixit_defs[] = {
	{ "access.if", PARAM_STR, NULL,
	  "the tester's interface on the access link of a PMA under test (root): the tester "
	  "plays its mobile devices there (DHCP, ARP, ping) and the HA's tunnel end at PIXIT ha" },
	{ "pma.attach-cmd", PARAM_STR, NULL,
	  "shell command that makes the DUT see a device attach (%m = its MAC)" },
	{ "pma.detach-cmd", PARAM_STR, NULL,
	  "shell command that makes the DUT see a device detach (%m = its MAC)" },
	{ "pma.nai-pattern", PARAM_STR, "%02x%02x%02x%02x%02x%02x@example.net",
	  "the NAI the DUT uses for a device, over its MAC (%02x = the next MAC byte)" },
	{ "pma.lifetime", PARAM_U32, "300", "the lifetime the PMA under test requests, s" },
	{ "pma.renew-pct", PARAM_U32, "75",
	  "the PMA renews at this percentage of the granted lifetime" },
	{ "pma.retrans-ms", PARAM_MS, "1s", "the PMA's first retransmission timeout" },
	{ "pma.max-tries", PARAM_U32, "6", "transmissions of one request before the PMA gives up" },
	{ "pma.access-tech-type", PARAM_U32, "3", "the 147/4 Tech-Type the PMA sends" },
	{ "pma.ifid", PARAM_STR, "acc0", "the access interface name the PMA sends in 147/1" },
	{ "pma.imsi", PARAM_STR, "001010123456789",
	  "the IMSI the PMA knows for the first device (02:00:00:00:01:01), sent in 147/3" },
	{ "pma.gateway", PARAM_ADDR, "10.10.0.1",
	  "the home network's default router the PMA presents (RFC 5563 §4.5)" },
	{ "pma.hoa", PARAM_ADDR, "10.10.0.20",
	  "the home address the tester's HA assigns to the first device (the next get +1)" },
	{ "pma.cn", PARAM_ADDR, "192.0.2.80",
	  "a correspondent node's address the device sends to through the tunnel" },
	{ "pma.ha-alt", PARAM_ADDR, "127.0.0.8",
	  "a second address of the tester's HA (port as PIXIT ha): revocations sent from it "
	  "must be acknowledged to it" },
};

PARAM_TABLE(pics_pma, PARAM_PICS, pics_defs);
PARAM_TABLE(pixit_pma, PARAM_PIXIT, pixit_defs);
