/* pma_link_priv.h — the state pma_link.c (access link), pma_dp.c (tunnel data plane) and
 * faults/pma_link_*.c (the faults' changes and frames) share: the device table.
 * RFC 5563 §4.1.1, §4.2, §6.
 * Not for use outside them.
 */
#ifndef PMIP4CT_PMA_LINK_PRIV_H
#define PMIP4CT_PMA_LINK_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "eth.h"
#include "pma_link.h"
#include "timer.h"
#include "tun.h"

#define PL_FRAME_MAX 1600      /* a held DHCP frame; longer ones are not held */
#define PL_OUT_MAX 2048        /* one outgoing frame or packet */

/* Where a device stands on the link. */
enum pl_state {
	PL_S_IDLE,        /* known (configured, or seen before), no registration */
	PL_S_SIGNALLING,  /* pma_attach called; a DHCP message waits for the reply */
	PL_S_REGISTERED,  /* the HA accepted: the home network is presented */
};

struct pl_dev {
	struct pl_dev *next;
	uint8_t mac[6];
	char nai[128];
	char imsi[16];
	uint32_t ha;               /* its own HA; 0 = the PMA's configured one */
	enum pl_state st;
	bool bound;                /* an ACK was sent; the lease timer runs */
	struct pma_session_info s; /* as of the last `registered` hook */
	struct timer t_lease;
	uint8_t held[PL_FRAME_MAX]; /* the DHCP message to answer once registered */
	size_t held_len;
};

struct pma_link {
	struct pma_link_config cfg;
	char nai_pattern[128];
	char ifid[32];
	struct pma *pma;
	const struct clk *clk;
	struct pkt_port acc, core;
	struct timers timers;
	struct pl_dev *devs;
	uint16_t ip_id;            /* next outer Identification */
	struct pma_link_counters ctr;
	uint8_t out[PL_OUT_MAX];
};

struct pl_dev *pl_dev_find(const struct pma_link *l, const uint8_t mac[6]);
void pl_send(struct pma_link *l, const struct pkt_port *port, const uint8_t *buf,
	     size_t len);

/* pma_link.c: a DHCP reply of type to the device's request req. */
struct dhcp_msg;
void pl_dhcp_send(struct pma_link *l, const struct pl_dev *d, const struct dhcp_msg *req,
		  uint8_t type, uint32_t yiaddr);

/* faults/pma_link_adv.c: fault agent-advertise only: an Agent Advertisement to the device. */
void pl_agent_adv(struct pma_link *l, const struct pl_dev *d);

/* faults/pma_link_fault.c: the faults of the link and the tunnel.  A DHCP reply and an
 * uplink tunnel packet are changed just before they are built; a held DHCP message, a
 * packet between two devices and a registration may make a fault send a frame (for the
 * packet: true when it did, and the packet goes no further). */
struct dhcp_reply;
void pl_fault_dhcp(struct pma_link *l, const struct pl_dev *d, struct dhcp_reply *r);
void pl_fault_tunnel(struct pma_link *l, const struct pl_dev *d, struct tun_params *tp);
void pl_fault_held(struct pma_link *l, const struct pl_dev *d, const uint8_t *frame,
		   size_t len);
bool pl_fault_switch(struct pma_link *l, const struct pl_dev *d, uint32_t dst,
		     const uint8_t *frame, size_t len);
void pl_fault_registered(struct pma_link *l, const struct pl_dev *d);

/* pma_dp.c: an IPv4 packet from a registered device (its frame's payload) toward the HA. */
void pl_dp_from_dev(struct pma_link *l, struct pl_dev *d, const uint8_t *ip, size_t len);

#endif
