/* tc.h — what a case's body works with: the test context (DESIGN.md §4; the shape of
 * failures and timing checks follows packetdrill's check_field/verify_time).
 *
 * The tester plays the DUT's peers: PMAs (tester nodes pma1, pma2, ...) when the DUT is an
 * HA; the HA and the mobile device when the DUT is a PMA.  It sends messages built with
 * the codec (every field and override of mip.h), and receives what the DUT sends.
 *
 * Verdicts only get worse (case.h).  Every failed check reads "FIELD: expected X, got Y";
 * the first one is the case's reason, and every one is kept in the case's log.  A case
 * that ends without setting any verdict gets `error` ("the case made no check"), so no
 * case can pass by asserting nothing.  After a fail or inconc that makes the rest
 * meaningless, the body returns: the helpers return false/NULL to make that easy.
 *
 * Durations are milliseconds of the DUT's clock; tc_ms() scales the tester's own timers
 * by the PIXIT time-scale.
 */
#ifndef PMIP4CT_TC_H
#define PMIP4CT_TC_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth.h"
#include "case.h"
#include "mip.h"
#include "net.h"
#include "params.h"

struct tc;
struct tc_rx;

/* ---- verdicts and reasons ---- */

void tc_pass(struct tc *t);
/* "field: expected <expected>, got <got...>" */
void tc_fail(struct tc *t, const char *field, const char *expected, const char *got_fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* A SHOULD not met by a case whose MUST holds (warn, as TAHI reports it). */
void tc_warn(struct tc *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tc_inconc(struct tc *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tc_none(struct tc *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tc_error(struct tc *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tc_note(struct tc *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
enum case_verdict tc_verdict(const struct tc *t);
/* The first reason of the current verdict ("" for pass and for no verdict yet). */
const char *tc_reason(const struct tc *t);
/* The log so far: every note, check and packet summary, one per line ("" when empty). */
const char *tc_log(const struct tc *t, size_t *len);

/* Checks: pass (the verdict becomes at least pass) or fail with the standard reason.
 * They return whether the check held. */
bool tc_check_u(struct tc *t, const char *field, uint64_t expected, uint64_t got);
bool tc_check_x(struct tc *t, const char *field, uint64_t expected, uint64_t got); /* hex */
bool tc_check_addr(struct tc *t, const char *field, uint32_t expected, uint32_t got);
bool tc_check_true(struct tc *t, const char *field, const char *expected, bool cond,
		   const char *got_fmt, ...) __attribute__((format(printf, 5, 6)));
/* A time in ms against an expected one: |got - expected| <= tol-abs-ms + tol-rel% of
 * expected (PIXIT).  Reason: "field: expected 1000 ms ±150, got 1400 ms". */
bool tc_check_time(struct tc *t, const char *field, uint64_t expected_ms, uint64_t got_ms);
/* A time in ms of at least min_ms, less the same tolerance ("at least twice the previous
 * interval"): "field: expected >= 2000 ms -200, got 1400 ms". */
bool tc_check_at_least(struct tc *t, const char *field, uint64_t min_ms, uint64_t got_ms);

/* ---- the environment ---- */

const struct params *tc_params(const struct tc *t);
bool tc_pics(const struct tc *t, const char *item);
/* The backend reaches this link (or has this TC_CAP_* bit); when not, sets none with
 * "the tester has no <link> access here (PIXIT ...)" and returns false. */
bool tc_need(struct tc *t, unsigned cap);
uint64_t tc_now_ms(const struct tc *t);  /* the backend's clock */
/* The DUT was started on its own (not the built-in reference).  PIXIT items that name a
 * second device (ha.pmip-off, ha.pma-denied) must then be set explicitly: their defaults
 * describe the reference's loopback testbed only.  tc_pixit_given() sets none when one is
 * not, and returns false. */
bool tc_remote(const struct tc *t);
bool tc_pixit_given(struct tc *t, const char *name);
uint64_t tc_ms(const struct tc *t, uint64_t ms); /* scaled by PIXIT time-scale, >= 1 */
/* Scratch memory that lives until the case ends (strings that encoded messages point
 * at).  Never NULL: an allocation failure ends the run with an error. */
void *tc_alloc(struct tc *t, size_t n);
const char *tc_printf(struct tc *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A NAI unique to this case and run: "<case-id>-<k>[-<run>]@<nai-realm>", lower case. */
const char *tc_nai(struct tc *t, unsigned k);
/* A fresh Identification: an NTP timestamp of the DUT's clock as the tester knows it
 * (RFC 5944 §5.7.1: the tester's clock plus what a 133 taught it, tc_dut_ntp), with the
 * low PIXIT ident-zero-bits cleared, strictly greater than any before in the case. */
uint64_t tc_ident(struct tc *t);
/* The DUT's clock as the tester knows it, as an NTP timestamp (consumes nothing), and its
 * offset from the tester's clock: 0 until a 133 resynchronised the tester (RFC 5944
 * §5.7.1, §3.6.2.3).  When a request with a fresh Identification gets 133, the tester
 * adopts the reply's high 32 bits as the DUT's time and resends the request once with a
 * new Identification, as a PMA must; the reply to the resend is what the case receives.
 * A remote HA's offset is learnt before the first case (the runner's baseline). */
uint64_t tc_dut_ntp(const struct tc *t);
int64_t tc_dut_offset_ns(const struct tc *t);
/* The Identification a request went out with: ident, or the one it was resent with
 * after a 133. */
uint64_t tc_sent_ident(const struct tc *t, uint64_t ident);
/* Adopt the DUT's clock from a 133 reply's high 32 bits, as at its arrival (§5.7.1). */
void tc_resync_from(struct tc *t, const struct tc_rx *rx);

/* ---- packets ---- */

/* Tester nodes: the addresses the tester sends from and receives at. */
enum tc_node {
	TC_PMA1,       /* HA cases: PIXIT pma1 (the care-of address), port pma-port */
	TC_PMA2,       /* HA cases: PIXIT pma2 */
	TC_PMA_DENIED, /* HA cases: PIXIT ha.pma-denied, a PMA the DUT refuses (150) */
	TC_HA,         /* PMA cases: the tester's HA at PIXIT ha */
	TC_HA_ALT,     /* PMA cases: a second address of that HA, PIXIT pma.ha-alt, same port */
	TC_NODE_COUNT
};
uint32_t tc_node_addr(const struct tc *t, enum tc_node n);
uint16_t tc_node_port(const struct tc *t, enum tc_node n);

/* What the tester received. */
/* Data-plane figures (dp_stats, net.h): a signalling event that changes the data path
 * ("registration", "handover", "revocation": a string literal), and a probe sent at
 * sent_ns (the backend's clock) whose delivery the case expected, got or NULL. */
void tc_dp_event(struct tc *t, const char *event);
void tc_dp_probe(struct tc *t, uint64_t sent_ns, const struct tc_rx *got);
const struct dp_stats *tc_dp(const struct tc *t);
uint64_t tc_now_ns(const struct tc *t);

struct tc_rx {
	struct tc_pkt pkt;    /* the packet as received (pkt.at_ns on the backend's clock) */
	bool decoded;         /* SIG: the fixed part decoded (type, code, lifetime, addresses,
			       * Identification), with the extensions before any damage */
	bool damaged;         /* SIG: decoded, but an extension did not (err says where):
			       * only a case that tests the layout fails on it
			       * (tc_check_layout); the others judge their own field */
	struct mip_msg m;     /* SIG: the message (points into pkt.buf) */
	struct mip_err err;   /* SIG: why it did not decode, or where the damage is */
	uint64_t at_ms;       /* pkt.at_ns in ms */
};

/* Encode and send m from node `from` to the DUT's signalling endpoint (HA cases: the
 * PIXIT ha; PMA cases: the PIXIT pma).  false (and error) when it cannot be encoded
 * or sent. */
bool tc_send(struct tc *t, enum tc_node from, const struct mip_msg *m);
/* The same, to any address and port. */
bool tc_send_to(struct tc *t, enum tc_node from, uint32_t dst, uint16_t dport,
		const struct mip_msg *m);
/* Bytes as they are (garbage, hand-cut messages). */
bool tc_send_raw(struct tc *t, enum tc_node from, uint32_t dst, uint16_t dport,
		 const uint8_t *buf, size_t len);
/* Bytes from and to any address and port (the shell's `send ... from ADDR`); a remote
 * backend binds a socket for a source address it has none for. */
bool tc_send_ends(struct tc *t, const struct udp_ends *e, const uint8_t *buf, size_t len);
/* An IPv4 packet on TC_LINK_CORE or TC_LINK_HOME, or a frame on TC_LINK_ACCESS. */
bool tc_send_pkt(struct tc *t, enum tc_link link, const uint8_t *buf, size_t len);

/* Match for tc_recv: a signalling message (link SIG) of `type` (-1 any) arriving at node
 * `at` (TC_NODE_COUNT = any node), or any packet on another link. */
struct tc_match {
	enum tc_link link;
	int type;
	enum tc_node at;
};
#define TC_SIG(type_, at_) ((struct tc_match){ TC_LINK_SIG, (type_), (at_) })
#define TC_ON(link_) ((struct tc_match){ (link_), -1, TC_NODE_COUNT })

/* Wait up to within_ms for the first packet matching; packets that do not match are kept
 * in arrival order for later calls (a revocation that comes while a reply is awaited).
 * The returned pointer lives until the case ends.  NULL when none came in time (no
 * verdict is set: tc_recv is for "maybe"). */
const struct tc_rx *tc_recv(struct tc *t, struct tc_match m, uint64_t within_ms);
/* tc_recv with any test: the first packet (kept or new) for which pred(arg, rx) holds. */
typedef bool (*tc_pred_fn)(void *arg, const struct tc_rx *rx);
const struct tc_rx *tc_recv_if(struct tc *t, tc_pred_fn pred, void *arg, uint64_t within_ms);
/* As tc_recv, but none in time is a fail: "<what>: expected within N ms, got nothing".
 * A SIG packet that does not decode is a fail too ("<what>: expected a valid message,
 * got <decode error>"). */
const struct tc_rx *tc_expect(struct tc *t, struct tc_match m, uint64_t within_ms,
			      const char *what);
/* Nothing matching may come for for_ms: pass, or fail "<what>: expected none within N
 * ms, got <summary>". */
/* The layout of rx: every extension decodes ("what: every extension decodes"). */
bool tc_check_layout(struct tc *t, const char *what, const struct tc_rx *rx);
/* The case's stimulus may rightly silence the DUT towards the tester for good (a PMA
 * told 149/150 SHOULD NOT send to that HA again, RFC 5563 §8.1): a positive control left
 * unanswered after it makes this case inconc, and does not declare the DUT dead.  why:
 * a string literal, said in the reason. */
void tc_control_blind(struct tc *t, const char *why);
bool tc_expect_none(struct tc *t, struct tc_match m, uint64_t for_ms, const char *what);
/* Let time pass (packets that arrive are kept). */
void tc_wait(struct tc *t, uint64_t ms);
/* Forget kept packets (of any kind). */
void tc_drain(struct tc *t);

/* Whether the received message's authentication extension of `type` is there and valid
 * with sa: a check "<what>: expected a valid authenticator, got ..." (or "expected
 * present, got absent"). */
bool tc_check_auth(struct tc *t, const char *what, const struct tc_rx *rx, uint8_t type,
		   const struct mip_sa *sa);

/* ---- HA cases: the tester as PMA ---- */

/* What a standard proxy registration request carries: everything from the PIXIT and
 * PICS, in RFC order (RFC 5944 §3.6.1.3, RFC 5563 §5, RFC 6245 §4.1): NAI 131, 147/4,
 * 47/1, 137 (PICS ha.revocation), MN-HA (PICS !ha.per-node-auth), 48 (PICS ha.gre-key),
 * FA-HA last.  Flags T (and G with GRE); D = 0 (RFC 5563 §7); lifetime PIXIT lifetime;
 * HoA 0.0.0.0; Home Agent = the DUT; CoA = the node's address; Identification fresh. */
void tc_prrq(struct tc *t, struct mip_msg *m, enum tc_node pma, const char *nai);
/* The request profile changes that (PIXIT, params_common.c): no NAI with PIXIT nai off or
 * PICS ha.nai no; HoA = PIXIT hoa-base + k for the NAI tc_nai(t, k); the flags of PIXIT
 * flags; the 147 sub-types of PIXIT pmip-ext; the Identification's precision (PIXIT
 * ident-zero-bits).  Per-MN requests (PICS ha.per-node-auth no) carry MN-HA and no
 * FA-HA. */
/* The NAI extension first in m, whatever the profile says (the NAI cases). */
void tc_prrq_nai(struct mip_msg *m, const char *nai);
/* The same with lifetime 0 for a binding (deregistration, RFC 5944 §3.6.1.2). */
void tc_dereg(struct tc *t, struct mip_msg *m, enum tc_node pma, const char *nai,
	      uint32_t hoa);

/* A positive control (DESIGN.md §4 "Liveness"): a standard PRRQ from PMA1 for a NAI of
 * its own; the reply (any code; a binding it made is deregistered) or NULL when none
 * comes within PIXIT reply-ms.  It judges nothing: the caller decides. */
const struct tc_rx *tc_control(struct tc *t);

/* Extension edits that keep the authenticator last. */
struct mip_ext *tc_ext_insert(struct mip_msg *m, uint8_t type, uint8_t subtype); /* before
											 * the first auth */
bool tc_ext_del(struct mip_msg *m, uint8_t type, int subtype); /* every match; any found */

/* The SA the tester shares with the DUT (PIXIT sa, and mn-sa for per-MN). */
const struct mip_sa *tc_sa(struct tc *t);
const struct mip_sa *tc_mn_sa(struct tc *t);

/* Send m from pma and expect the reply at pma: NULL (fail) when none or not an RRP.
 * Checks nothing else. */
const struct tc_rx *tc_request(struct tc *t, enum tc_node pma, const struct mip_msg *m);

/* tc_request, then check the reply's code: the reply (whatever its code), or NULL. */
const struct tc_rx *tc_request_code(struct tc *t, enum tc_node pma, const struct mip_msg *m,
				    uint8_t code);
/* "MUST reject, SHOULD answer code" (RFC 5944 §3.8.2.1: the HA MUST reject the request
 * and SHOULD send a reply with that code): send m from pma; a reply whose code is no
 * denial (below 64: accepted) fails; the code passes; another denial, or silence (a
 * rejection without a reply; the runner's positive control tells it from a dead DUT),
 * is warn. */
void tc_request_reject(struct tc *t, enum tc_node pma, const struct mip_msg *m,
		       uint8_t code);

/* Preamble: register nai from pma with a standard request; anything but code 0 is
 * inconc ("preamble: registration refused with 130").  Returns the reply or NULL. The
 * binding is deregistered after the case (postamble) when the DUT is remote. */
const struct tc_rx *tc_register(struct tc *t, enum tc_node pma, const char *nai);

/* Build the revocation acknowledgment for a received revocation (RFC 3543 §3.4), with
 * the FA-HA authenticator. */
void tc_revack(struct tc *t, struct mip_msg *ack, const struct mip_msg *rev);
/* Send that acknowledgment from the node the revocation came to, back to its IP source
 * and UDP source port (§3.4), with ack_flags in its I and Reserved bits. */
bool tc_revack_reply(struct tc *t, const struct tc_rx *rev, uint16_t ack_flags);

/* ---- PMA cases: the tester as HA and mobile device ---- */

/* A reply to a received request: code, the granted lifetime, the HoA; the NAI, 47/1 and
 * 48 echoed as a reference HA would (RFC 5563 §4.3), FA-HA last.  The tester's HA clock
 * is the backend's. */
void tc_rrp_for(struct tc *t, struct mip_msg *rrp, const struct mip_msg *req, uint8_t code,
		uint16_t lifetime, uint32_t hoa);
/* Make the DUT see a device attach or detach: DHCP on the access link when the backend
 * reaches it (TC_LINK_ACCESS), else the PIXIT hooks pma.attach-cmd / pma.detach-cmd;
 * none when neither.  mac is the device's. */
bool tc_attach(struct tc *t, const uint8_t mac[6]);
bool tc_detach(struct tc *t, const uint8_t mac[6]);

/* ---- summaries for reasons and notes ---- */

/* "RRP code 129 (administratively prohibited) id 0x... hoa 10.0.0.2 lifetime 300" */
const char *tc_summary(struct tc *t, const struct tc_rx *rx);

#endif
