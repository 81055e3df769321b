/* ha_fwd.h — the HA end of the PMA-HA tunnel as decisions on packets, no I/O.
 *
 * RFC 5944 §4.2.3 (home-link packets tunnelled to the care-of address, one copy per
 * simultaneous binding, outer source = the registered HA address), RFC 3024 §4.3.2
 * (reverse-tunnelled packets: outer source = care-of address, inner source = home
 * address, encapsulation as negotiated), RFC 5563 §4.2 (the PMIPv4 tunnel is
 * bidirectional, IP-in-IP by default, GRE as an option; §4.2.3 traffic between devices
 * on the same PMA goes through the HA), RFC 6245 §5 (asymmetric GRE keys: the HA sends
 * with the FA-assigned key, the PMA reverse-tunnels with the HA-assigned key).
 *
 * Only the public binding API is used: ha_bindings() and bnd_by_hoa().  The live
 * plumbing (TUN device, raw sockets) feeds packets in and sends what comes out.
 *
 * GRE keys: a binding holds one key pair (binding.h).  A key of 0 means "none": a
 * binding made with the G bit and no extension 48 tunnels GRE without a Key field and
 * expects none back.  The pair serves every care-of address of the binding.
 */
#ifndef PMIP4CT_HA_FWD_H
#define PMIP4CT_HA_FWD_H

#include <stddef.h>
#include <stdint.h>

#include "ha.h"
#include "mip.h"
#include "tun.h"

/* What became of a packet.  Everything but FWD_OK means "do not send it on". */
enum ha_fwd_result {
	FWD_OK,
	FWD_NOT_OURS,      /* no binding for the address: not the HA's packet to tunnel */
	FWD_MALFORMED,     /* it does not decode (err says where and why) */
	FWD_BAD_OUTER_SRC, /* outer source is not a care-of address of the binding */
	FWD_BAD_OUTER_DST, /* outer destination is not the binding's HA address */
	FWD_NO_REVERSE,    /* reverse tunnelling neither requested (T) nor implied (PMIP) */
	FWD_BAD_ENCAP,     /* IP-in-IP where GRE was negotiated, or the other way */
	FWD_BAD_KEY,       /* GRE key missing, unexpected, or not the HA-assigned one */
	FWD_TTL_EXPIRED,   /* inner TTL 0 after decapsulation, or would reach 0 forwarding */
	FWD_TOO_BIG,       /* over 65535 bytes once encapsulated */
	FWD_NO_ROOM,       /* the output buffer is too small */
	FWD_FAULT_DROP,    /* dropped by the fault fwd-drop (faults/ha_fwd_fault.c) */
	FWD_COUNT
};

const char *ha_fwd_result_name(enum ha_fwd_result r);

/* One counter per result and direction: each call counts once. */
struct ha_fwd_stats {
	uint64_t to_mn[FWD_COUNT];   /* ha_fwd_to_mn */
	uint64_t from_mn[FWD_COUNT]; /* ha_fwd_from_mn */
	uint64_t relay[FWD_COUNT];   /* ha_fwd_relay */
};

/* The two directions of the tunnel: toward the device (ha_fwd_to_mn) and from it
 * (ha_fwd_from_mn). */
enum ha_fwd_dir { FWD_DOWN, FWD_UP, FWD_DIRS };

/* The forwarding state beside one HA (init/finish style: no allocation, nothing to
 * finish). */
struct ha_fwd {
	const struct ha *ha;
	uint16_t ip_id;          /* next outer Identification */
	struct ha_fwd_stats st;
	uint32_t drop_phase[FWD_DIRS]; /* fwd-drop: packets since the last one dropped */
};

void ha_fwd_init(struct ha_fwd *fw, const struct ha *ha);

/* Where an encapsulated packet goes: the caller's buffer, filled. */
struct ha_fwd_out {
	uint8_t *buf;
	size_t cap;
	size_t len;         /* out: the tunnel packet's length */
	uint32_t next_hop;  /* out: the care-of address it is for (= outer destination) */
	unsigned copies;    /* out: care-of addresses the binding has (1 + simultaneous) */
};

/* A packet captured on the home link: when its destination is a bound home address,
 * encapsulate it toward care-of address k of that binding — 0 the primary, 1 to
 * copies - 1 the simultaneous ones: RFC 5944 §4.2.3 sends a copy to each, so the
 * caller calls again for k = 1 .. out->copies - 1.  Outer source: the binding's HA
 * address; GRE with the FA-assigned key when the binding has BND_GRE, else IP-in-IP.
 * The inner TTL is decremented (the HA forwards).  FWD_NOT_OURS for no binding, and
 * for k >= out->copies. */
enum ha_fwd_result ha_fwd_to_mn(struct ha_fwd *fw, const uint8_t *ip, size_t len, unsigned k,
				struct ha_fwd_out *out, struct mip_err *err);

/* A tunnelled packet addressed to the HA: decapsulate it and check it against the
 * binding of its inner source.  FWD_OK: t->inner_pkt / t->inner_len is the packet to
 * forward.  Refusals set err (field and detail) as well as the result. */
enum ha_fwd_result ha_fwd_from_mn(struct ha_fwd *fw, const uint8_t *outer, size_t len,
				  struct tun_pkt *t, struct mip_err *err);

/* RFC 5563 §4.2.3: the inner packet of an accepted t (ha_fwd_from_mn gave FWD_OK) is for
 * another bound home address: encapsulate it toward that binding's care-of address k,
 * as ha_fwd_to_mn does.  FWD_NOT_OURS: its destination is not bound here, the caller
 * routes it on. */
enum ha_fwd_result ha_fwd_relay(struct ha_fwd *fw, const struct tun_pkt *t, unsigned k,
				struct ha_fwd_out *out, struct mip_err *err);

/* Internal to ha_fwd.c (faults/ha_fwd_fault.c): the faults that change the tunnel
 * parameters of a packet toward binding b's care-of address. */
void ha_fwd_fault_tunnel(const struct ha_fwd *fw, const struct bnd *b, struct tun_params *tp);

/* The fault fwd-drop: of the packets the HA would forward in direction dir, the first
 * of every HA_FWD_DROP_EVERY (the 1st, 51st, 101st...) is dropped, so that one probe
 * already shows it.  A home-link packet counts once, whatever its copies (it is dropped
 * with all of them); a relayed one counts once, up.  True: drop this one.  The number
 * dropped each way is st.to_mn[FWD_FAULT_DROP] (down) and st.from_mn[FWD_FAULT_DROP]
 * (up). */
#define HA_FWD_DROP_EVERY 50
bool ha_fwd_fault_drop(struct ha_fwd *fw, enum ha_fwd_dir dir);

#endif
