/* pma_link.h — the reference PMA's access link and data plane: DHCP server, ARP, ICMP and
 * the PMA-HA tunnel, as an engine object with no socket (RFC 5563 §4.1.1, §4.2, §4.5, §6).
 *
 * RFC 5563 §4.1.1 steps 1-5 (a DHCPDISCOVER triggers the registration; the DHCP server
 * answers once PMIPv4 signalling completed), §4.2.1 and §4.2.3 (every packet from a
 * device is reverse-tunnelled to its HA, device-to-device traffic included), §4.5 (the
 * default router is the home network's gateway), §6.1 (ARP), §6.2 (ICMP), §6.3 (DHCP
 * server in the AR: release and lease expiry deregister).  RFC 2131 §4.3 for the server,
 * RFC 2003 and RFC 2784/2890 for the tunnel, RFC 6245 §5 for the asymmetric GRE keys.
 *
 * It sits on a struct pma (the signalling), whose hooks it takes over.  Frames from the
 * access link come in with pma_link_frame(), outer IPv4 packets from the HA with
 * pma_link_core(); what goes out leaves through two struct pkt_port: `acc` (Ethernet
 * frames) and `core` (outer IPv4 packets, a raw IP socket when live).  Its only timers
 * are DHCP lease expiries, run from pma_link_tick() at pma_link_next_due() on the
 * injected clock; the pma's own timers still run from pma_tick().
 *
 * Decisions (not fixed by the RFCs):
 * - A device is known by its source MAC.  Its NAI comes from pma_link_add_device() or,
 *   failing that, from the configured pattern over the MAC.
 * - Before the device is registered the PMA presents no home network: ARP requests and
 *   echo requests from it are dropped (counted PL_DROP_UNREGISTERED), and its DHCP
 *   message waits (the newest one) until the `registered` hook answers it.
 * - A DHCPREQUEST from a device with no session (INIT-REBOOT, or after a loss) starts a
 *   registration like a DISCOVER; the answer is ACK for the assigned HoA, NAK otherwise.
 * - ARP: every target but the asker's own address (its HoA or the ARP sender address),
 *   which keeps duplicate-address probes (RFC 5227) unanswered.
 * - The session tunnels GRE when the HA returned a key (RFC 6245): the PMA sends with
 *   the HA's key and accepts only its own key; otherwise IP-in-IP.  The PMA routes: the
 *   inner TTL is decremented on the way to the HA (a TTL-1 packet not for the gateway
 *   is dropped), not on the way back (the HA already did).
 */
#ifndef PMIP4CT_PMA_LINK_H
#define PMIP4CT_PMA_LINK_H

#include <stddef.h>
#include <stdint.h>

#include "clock.h"
#include "pma.h"
#include "port.h"

#define PL_DNS_MAX 4
#define PL_NAI_PATTERN "%02x%02x%02x%02x%02x%02x@example.net"

struct pma_link_config {
	uint8_t mac[6];             /* the PMA's MAC on the access link */
	uint32_t core_addr;         /* outer source toward the HA: the PMA's address (§7) */
	uint32_t gateway;           /* the home network's default router it presents (§4.5) */
	uint32_t netmask;           /* option 1 */
	uint32_t dns[PL_DNS_MAX];   /* option 6 */
	unsigned n_dns;
	uint32_t lease_s;           /* option 51, seconds (default 3600) */
	const char *nai_pattern;    /* "%02x" / "%02X" take the next MAC byte, "%%" is '%' */
	const char *ifid;           /* access interface name for 147/1; NULL = none */
};

void pma_link_config_defaults(struct pma_link_config *c);

/* Why a frame or packet was not sent on. */
enum pl_drop {
	PL_DROP_MALFORMED,     /* it does not parse */
	PL_DROP_OTHER,         /* not for the PMA: another EtherType, an ARP reply */
	PL_DROP_UNREGISTERED,  /* the device has no registration (yet) */
	PL_DROP_SPOOFED,       /* IPv4 source is not the device's HoA */
	PL_DROP_OWN_ADDR,      /* ARP for the asker's own address (§6.1 exception) */
	PL_DROP_TO_GATEWAY,    /* to the gateway, but not an echo request */
	PL_DROP_BROADCAST,     /* broadcast or multicast: not tunnelled (§4.2.2) */
	PL_DROP_DHCP,          /* a DHCP message we do not serve (DECLINE, INFORM, other server) */
	PL_DROP_TTL,           /* would leave with TTL 0 */
	PL_DROP_NO_DEVICE,     /* core: no device for outer source, key and inner destination */
	PL_DROP_NOMEM,         /* device table or session could not grow */
	PL_DROP_TX,            /* a port refused the packet, or it would not fit */
	PL_DROP_COUNT
};

const char *pl_drop_name(enum pl_drop d);

struct pma_link_counters {
	uint64_t dhcp_rx[9];        /* client messages by type (option 53, 1-8) */
	uint64_t dhcp_tx[9];        /* OFFER, ACK, NAK by type */
	uint64_t attach, detach, lease_expired, lost;
	uint64_t arp_replies, icmp_replies;
	uint64_t tun_tx, tun_rx;    /* packets into and out of the tunnel */
	uint64_t drop[PL_DROP_COUNT];
};

struct pma_link;

/* The link takes over p's hooks.  NULL for a bad pattern or no memory. */
struct pma_link *pma_link_create(const struct pma_link_config *cfg, struct pma *p,
				 const struct clk *clk, struct pkt_port acc,
				 struct pkt_port core);
void pma_link_destroy(struct pma_link *l); /* NULL is a no-op; no detach is sent */

/* A device with its own NAI (and IMSI for 147/3; NULL for none) and its own HA (0 = the
 * PMA's; two HAs may hand out the same home address, RFC 5563 §4.2).  -1 when out of
 * memory or when a string does not fit. */
int pma_link_add_device(struct pma_link *l, const uint8_t mac[6], const char *nai,
			const char *imsi, uint32_t ha);

/* A frame from the access link; an outer IPv4 packet from the core. */
void pma_link_frame(struct pma_link *l, const uint8_t *frame, size_t len);
void pma_link_core(struct pma_link *l, const uint8_t *pkt, size_t len);

uint64_t pma_link_next_due(const struct pma_link *l); /* UINT64_MAX when none */
void pma_link_tick(struct pma_link *l);

/* The HoA a device is bound to on the link: 0, or -1 when it has no registration. */
int pma_link_hoa(const struct pma_link *l, const uint8_t mac[6], uint32_t *hoa);
const struct pma_link_counters *pma_link_counters(const struct pma_link *l);

/* Expand a NAI pattern for mac into out: 0, or -1 for a bad pattern or no room. */
int pma_link_nai(const char *pattern, const uint8_t mac[6], char *out, size_t cap);

#endif
