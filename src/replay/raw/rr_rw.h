/* rr_rw.h — the rewriting of raw replay: MAC, IPv4 and port maps, tunnel operations
 * (add, strip, re-key IP-in-IP and GRE), inner and outer checksums fixed; the SAs that
 * re-sign Mobile IP messages (rr_sign.h).  Options, in pmip4ct(1):
 *
 *   --mac OLD=NEW     Ethernet source and destination (aa:bb:cc:dd:ee:ff)
 *   --ip OLD=NEW      IPv4 source and destination at every layer, and the addresses in
 *                     Mobile IP messages when they are re-signed
 *   --port OLD=NEW    UDP and TCP source and destination ports at every layer
 *   --tunnel OP       in the order given (at most RR_TUN_OPS):
 *       strip                      IP-in-IP or GRE removed (other packets unchanged)
 *       add:ipip:SRC,DST           wrapped in IP-in-IP (RFC 2003)
 *       add:gre:SRC,DST[,key=K][,csum]  wrapped in GRE (RFC 2784, key RFC 2890)
 *       gre-key:K | gre-key:OLD=NEW     the GRE key set (added where missing) or
 *                                  changed only where it is OLD
 *   --sa SPEC         as `pmip4ct decode --sa`: Mobile IP messages are re-stamped and
 *                     re-signed (rr_sign.h)
 */
#ifndef PMIP4CT_RR_RW_H
#define PMIP4CT_RR_RW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth.h"
#include "tun.h"

#define RR_MAP_MAX 32
#define RR_SA_MAX 64
#define RR_TUN_OPS 4

enum rr_tun_op { RR_TUN_STRIP, RR_TUN_ADD, RR_TUN_KEY };

struct rr_tun {
	enum rr_tun_op op;
	struct tun_params add; /* RR_TUN_ADD */
	bool key_any;          /* RR_TUN_KEY: every GRE packet, else only key_from */
	uint32_t key_from, key_to;
};

struct rr_rw {
	unsigned n_mac, n_ip, n_port, n_tun, n_sa;
	struct { uint8_t from[6], to[6]; } mac[RR_MAP_MAX];
	struct { uint32_t from, to; } ip[RR_MAP_MAX];
	struct { uint16_t from, to; } port[RR_MAP_MAX];
	struct rr_tun tun[RR_TUN_OPS];
	struct mip_sa sa[RR_SA_MAX];
};

enum rr_rw_opt { RR_OPT_MAC, RR_OPT_IP, RR_OPT_PORT, RR_OPT_TUNNEL, RR_OPT_SA };

/* Add one option's value.  -1 with err ("expected OLD=NEW", "column 9: ...") */
int rr_rw_parse(struct rr_rw *rw, enum rr_rw_opt opt, const char *arg, char *err,
		size_t errlen);

/* Whether the frames are touched at all: without it they go out byte for byte. */
bool rr_rw_active(const struct rr_rw *rw);

uint32_t rr_rw_ip(const struct rr_rw *rw, uint32_t a);
uint16_t rr_rw_port(const struct rr_rw *rw, uint16_t p);

/* Rewrite one Ethernet frame in buf[0..*len), room for cap bytes: MACs, every IPv4
 * layer's addresses, ports and checksums, then the tunnel operations (tmp: scratch of
 * cap bytes).  A frame that is not IPv4 keeps all but its MACs.  -1 with err when the
 * result does not fit. */
int rr_rw_frame(const struct rr_rw *rw, uint8_t *buf, size_t cap, size_t *len, uint8_t *tmp,
		char *err, size_t errlen);

#endif
