/* pma_link_adv.c — what a faulty PMA says on the access link that a right one never does:
 * an ICMP Router Advertisement (RFC 1256 §3) with the Mobility Agent Advertisement
 * extension (RFC 5944 §2.1.1).  RFC 5563 §7: "No agent discovery (i.e., agent
 * solicitation and advertisement) is supported."  Only fault agent-advertise sends it.
 *
 *   ICMP 9: | 9 | 0 | Checksum | Num Addrs 1 | Entry Size 2 | Lifetime |
 *           | Router Address | Preference Level |
 *   ext 16: | 16 | Length 10 | Sequence Number | Registration Lifetime |
 *           | R B H F M G r T U X I reserved | Care-of Address |
 */
#include "icmp.h"
#include "pma_link_priv.h"

#define ICMP_ROUTER_ADV 9
#define EXT_MOBILITY_AGENT 16
#define ADV_FLAG_F 0x10 /* foreign agent (RFC 5944 §2.1.1) */
#define ADV_LEN (8 + 8 + 12)

void pl_agent_adv(struct pma_link *l, const struct pl_dev *d)
{
	uint8_t pkt[TUN_IP4_LEN + ADV_LEN];
	struct tun_ip4 h = { .ttl = 1, .proto = ICMP_PROTO, .src = l->cfg.gateway,
			     .dst = 0xffffffffu, .id = l->ip_id++, .tot_len = sizeof pkt };
	struct wr w = wr_init(pkt, sizeof pkt);
	uint8_t *icmp = pkt + TUN_IP4_LEN;
	struct mip_err e;
	uint16_t c;
	size_t n;

	tun_ip4_write(&w, &h);
	wr_u8(&w, ICMP_ROUTER_ADV);
	wr_u8(&w, 0);
	wr_u16(&w, 0);       /* checksum, below */
	wr_u8(&w, 1);
	wr_u8(&w, 2);
	wr_u16(&w, 1800);
	wr_u32(&w, l->cfg.gateway);
	wr_u32(&w, 0);
	wr_u8(&w, EXT_MOBILITY_AGENT);
	wr_u8(&w, 10);
	wr_u16(&w, 0);       /* sequence number */
	wr_u16(&w, 1800);
	wr_u8(&w, ADV_FLAG_F);
	wr_u8(&w, 0);
	wr_u32(&w, l->cfg.core_addr);
	c = tun_csum(icmp, ADV_LEN);
	icmp[2] = (uint8_t)(c >> 8);
	icmp[3] = (uint8_t)c;
	if (!w.overflow &&
	    eth_build(d->mac, l->cfg.mac, ETH_P_IP, pkt, sizeof pkt, l->out, sizeof l->out, &n,
		      &e) == 0)
		pl_send(l, &l->acc, l->out, n);
}
