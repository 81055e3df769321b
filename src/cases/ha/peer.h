/* peer.h — the tester's side of an HA case: the PMAs that register, revoke and tunnel, and
 * the correspondent node on the home link (prefix hc_, "HA case").  Shared by the HA case
 * files (ha/<area>.c) and the shell's `data` command (sh_data.c); only the public tc.h API
 * is used. */
#ifndef PMIP4CT_PEER_H
#define PMIP4CT_PEER_H

#include "tc.h"

/* ---- PIXIT ---- */

/* The DUT's signalling address (PIXIT ha). */
uint32_t hc_ha_addr(struct tc *t);

/* How long a silent discard is waited for (PIXIT silence-ms). */
uint64_t hc_silence(struct tc *t);

/* The time a reply or a revocation needs to come (PIXIT reply-ms). */
uint64_t hc_reply_ms(struct tc *t);
/* A lifetime the tester chooses, s seconds scaled by PIXIT time-scale, at least min_s. */
uint16_t hc_life(struct tc *t, unsigned s, unsigned min_s);

/* ---- the PMAs: requests and replies (RFC 5563 §4.1, §4.3) ---- */

/* A per-MN proxy request (RFC 5563 §4.3): as tc_prrq without 47/1, authorized by MN-HA
 * (PIXIT mn-sa), with FA-HA last only when the HA shares an SA with the PMA (hc_fa_sa):
 * RFC 5944 §3.8.2.1 c wants exactly one then, and d discards one otherwise. */
void hc_prrq_mn(struct tc *t, struct mip_msg *m, enum tc_node pma, const char *nai);

/* The HA shares an FA-HA SA (PIXIT sa) with the PMAs: what PICS ha.per-node-auth says. */
bool hc_fa_sa(struct tc *t);

/* Receive pma's reply where the RFC lets the HA discard silently: silence passes (noted,
 * NULL); a reply that does not decode fails (NULL); else the reply, for the caller to
 * judge.  Checks named `what`. */
const struct tc_rx *hc_reply_or_silence(struct tc *t, enum tc_node pma, const char *what);

/* After a request the RFC says the HA MUST NOT accept and may deny silently or with a
 * code (RFC 5944 §3.8.2.1 a, c; §3.8.2.3): receive pma's reply.  Silence passes, and so
 * does a reply with one of the n codes; another denial is warn ("SHOULD be ..."); an
 * accepting reply (code below 64) or one that does not decode fails (checks named
 * `what`).  Returns false after a fail. */
bool hc_refused(struct tc *t, enum tc_node pma, const char *what, const uint8_t *codes,
		size_t n);

/* A standard request without GRE (no G, no 48): an IP-in-IP binding. */
void hc_prrq_ipip(struct tc *t, struct mip_msg *m, enum tc_node pma, const char *nai);

/* Send m from pma and return the reply when it has code 0, else inconc ("preamble").  The
 * binding is left for the postamble only when registered with tc_register. */
const struct tc_rx *hc_accept(struct tc *t, enum tc_node pma, const struct mip_msg *m,
			      const char *what);

/* Send m from pma (tc_request): the reply when it has `code` (checked as RRP.Code), else
 * NULL. */
const struct tc_rx *hc_replied(struct tc *t, enum tc_node pma, const struct mip_msg *m,
			       uint8_t code);

/* Send m from pma: the reply must be 129, administratively prohibited (RFC 5563 §8.1 with
 * DESIGN.md §6.1).  65, as §8.1 misprints it, passes with the note "65 accepted by
 * leniency" when PIXIT accept-65 is set, and is warn (never fail) when not; any other code
 * fails. */
void hc_request_129(struct tc *t, enum tc_node pma, const struct mip_msg *m);

/* Register with m (built by the caller) from pma as a preamble: the reply, or NULL with
 * inconc "preamble: registration of <what> ...".  Unlike tc_register's, the binding is not
 * in the postamble (tc.h has no way to add it): the NAIs are unique per case, and it lapses
 * with its lifetime. */
const struct tc_rx *hc_register_msg(struct tc *t, enum tc_node pma, const struct mip_msg *m,
				    const char *what);

/* PMA2 registers nai, which PMA1 registered before (RFC 5563 §4.1 handover): the reply, or
 * NULL (inconc). */
const struct tc_rx *hc_handover(struct tc *t, const char *nai);

/* PMA1 registers NAI 1 (tc_register), and m becomes its deregistration (lifetime 0, the
 * assigned home address): the registration's reply, or NULL (inconc). */
const struct tc_rx *hc_reg_dereg(struct tc *t, struct mip_msg *m);

/* hc_reg_dereg, then PMA1 sends the deregistration: its reply when the code is 0 (checked
 * as RRP.Code), else NULL. */
const struct tc_rx *hc_dereg_accepted(struct tc *t);

/* The first extension of type/subtype (-1 any) in a received message, or NULL. */
const struct mip_ext *hc_ext(const struct tc_rx *rx, uint8_t type, int subtype);

/* The extension must be absent / present: checks with the standard reason. */
bool hc_check_absent(struct tc *t, const char *what, const struct tc_rx *rx, uint8_t type,
		     int subtype);
bool hc_check_present(struct tc *t, const char *what, const struct tc_rx *rx, uint8_t type,
		      int subtype);

/* PMA1 sends the standard PRRQ; the reply must have code 0 and carry extension type/subtype
 * (checks RRP.Code, then `what` present): that extension, or NULL. */
const struct mip_ext *hc_accepted_ext(struct tc *t, const char *what, uint8_t type,
				      int subtype);

/* ---- the PMAs: revocation (RFC 3543) ---- */

/* A Registration Revocation from a PMA (RFC 3543 §3.3): A = 0, FA-HA last. */
void hc_rev(struct tc *t, struct mip_msg *m, enum tc_node pma, uint32_t hoa, uint32_t revid);

/* The tester's timestamp for 137 and revocation identifiers: the same clock as
 * tc_prrq's 137 (seconds). */
uint32_t hc_ts(struct tc *t);

/* ---- robustness ---- */

/* The DUT still works (the robustness cases' last check): a fresh, valid PRRQ gets code 0,
 * and the binding is removed again.  No answer at all is a fail, not inconc: the DUT
 * stopped answering after what the case sent. */
bool hc_alive(struct tc *t);

/* ---- the data plane: the PMA's tunnel end and the correspondent node (RFC 5563 §4.2;
 * RFC 2003, RFC 2784/2890 via tun.h) ---- */

/* The correspondent node on the home network the data cases use: PIXIT ha.cn. */
uint32_t hc_cn(struct tc *t);

/* The HA's core and home links are in reach (tc_need): else the case is none. */
bool hc_need_data(struct tc *t);

/* A UDP/IPv4 packet src -> dst with a recognisable payload; returns its length. */
size_t hc_ip_udp(uint8_t *buf, size_t cap, uint32_t src, uint32_t dst, uint16_t id);

/* That packet tunnelled: kind 4 (IP-in-IP) or 47 (GRE, with key when has_key). */
size_t hc_tunnel(uint8_t *buf, size_t cap, int kind, uint32_t osrc, uint32_t odst,
		 bool has_key, uint32_t key, const uint8_t *inner, size_t inner_len);

/* Whether a data probe is meant to be delivered (it counts in the case's loss and
 * latency figures, tc_dp_probe) or dropped (it does not). */
enum hc_probe { HC_DELIVER, HC_DROP };

/* A home-link packet from the correspondent to hoa: what came out on the core link
 * within reply-ms, or NULL. */
const struct tc_rx *hc_home_to(struct tc *t, uint32_t hoa, enum hc_probe want);

/* Preamble: a home-link packet to hoa comes out tunnelled; false (inconc) when not. */
bool hc_home_tunnelled(struct tc *t, uint32_t hoa);

/* A home-link packet to hoa (IPv4 Identification id) must not come out on the core link
 * within silence-ms: the check `what`. */
void hc_home_dropped(struct tc *t, uint32_t hoa, uint16_t id, const char *what);

/* After a handover to PMA2, a home-link packet to hoa comes out tunnelled to PMA2: the
 * check `what` (one), then its outer destination. */
void hc_check_moved(struct tc *t, uint32_t hoa, const char *what);

/* A packet from hoa reverse-tunnelled by the tester: what came out on the home link
 * within reply-ms, or NULL. */
const struct tc_rx *hc_core_from(struct tc *t, int kind, uint32_t osrc, bool has_key,
				 uint32_t key, uint32_t hoa, enum hc_probe want);

/* Fields of a received IPv4 packet (core or home link); 0 when too short. */
uint32_t hc_ip_src(const struct tc_rx *rx);
uint32_t hc_ip_dst(const struct tc_rx *rx);
uint8_t hc_ip_proto(const struct tc_rx *rx);

#endif
