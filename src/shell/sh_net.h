/* sh_net.h — the shell's test bed (pmip4ct-shell(7), ROLES AND THE DUT): what the
 * commands that reach a device share.
 *
 *   pics ITEM yes|no, pixit NAME VALUE   the session's PICS and PIXIT, in the grammar of
 *                                        suite and PICS/PIXIT files (run_files.c)
 *   start ha|pma [--fault NAME]...       a built-in reference as the DUT, in process, on
 *                                        its virtual clock (sess.h)
 *   dut ha|pma ADDR[:PORT]               a DUT started on its own, over UDP
 *   start mn [MAC] | stop mn             the mobile device on the PMA's access link
 *   start cn [ADDR] | stop cn            a correspondent node on the HA's home link
 *   stop ha|pma|all                      close the DUT's session (a remote one gets the
 *                                        postamble of a case: revocations acknowledged)
 *   verdict [reset]                      the session verdict, as a case's
 *   capture start FILE | capture stop    a pcap of every packet between tester and DUTs
 *
 * One session (sess.h) per role at most: with an HA up the tester plays the PMAs
 * (nodes pma1, pma2, pma-denied of the PIXIT), with a PMA up it plays the HA (node ha)
 * and the mobile device.  send and expect (sh_msg.c) pick the session from the
 * message's addresses; show (sh_show.c) reads the reference agents; run case and run
 * suite (sh_runcase.c) run catalogue cases with the session's PICS, PIXIT and DUTs.
 *
 * The session verdict is the worst verdict of the sessions, open or stopped since the
 * last `verdict reset`; like a case's, it only gets worse until then.
 */
#ifndef PMIP4CT_SH_NET_H
#define PMIP4CT_SH_NET_H

#include <stdbool.h>
#include <stdint.h>

#include "auth.h"
#include "case.h"
#include "params.h"
#include "runner.h"
#include "sess.h"
#include "sh.h"

struct pcap_out;

struct sh_net {
	struct params *params;              /* PICS and PIXIT of the session */
	struct sess *sess[CASE_ROLE_COUNT]; /* the DUT of each role, while one is up */
	bool remote[CASE_ROLE_COUNT];       /* named with `dut`, not started */
	struct bitset faults[CASE_ROLE_COUNT]; /* of the references: `start ha --fault NAME` */
	bool mn;                            /* the mobile device is attached */
	uint8_t mn_mac[6];
	bool cn;                            /* the correspondent node is up */
	uint32_t cn_addr;
	struct pcap_out *cap;               /* capture start FILE */
	char *cap_path;
	unsigned long cap_packets;
	unsigned log_seen[CASE_ROLE_COUNT]; /* bytes of each session's log already shown */
	enum case_verdict closed_v;         /* the worst verdict of the sessions stopped */
	char closed_reason[RUN_REASON_MAX];
	struct run_sink sink;               /* what the sessions report to */
};

/* The test bed of the session, made on first use.  NULL (after reporting it at cmd)
 * only when out of memory. */
struct sh_net *sh_net_get(struct sh *sh, const struct lex_cmd *cmd);
/* Close every session and the capture (sh_destroy calls it).  NULL is a no-op. */
void sh_net_free(struct sh_net *n);

/* The open session of role, or NULL after reporting "no HA is up (start ha, or dut ha
 * ADDR)" at token `at` of cmd. */
struct sess *sh_net_sess(struct sh *sh, const struct lex_cmd *cmd, const struct lex_tok *at,
			 enum case_role role);

/* Names message expressions may use as addresses (expr_ctx.resolve; arg is the struct
 * sh): pma1, pma2, pma-denied, ha, pma, cn, hoa (the device's), with their ports where
 * they have one, from the PIXIT.  0, or -1 for an unknown name. */
int sh_net_resolve(void *sh, const char *name, uint32_t *addr, uint16_t *port);
/* The SA of PIXIT sa (FA-HA) or mn-sa (MN-HA) when its SPI is spi (expr_ctx.sa_lookup;
 * arg is the struct sh), else NULL. */
const struct mip_sa *sh_net_sa(void *sh, enum auth_kind kind, uint32_t spi);

/* What a command that reached a session must call before it returns: prints the lines the
 * sessions logged since (checks, received packets: when `debug cases` is on; the
 * references' own logs go out as they come, under `debug ha` / `debug pma`). */
void sh_net_flush(struct sh *sh);

/* The session verdict (above), with the first reason of it (or ""). */
enum case_verdict sh_net_verdict(struct sh *sh, const char **reason);

/* For the commands (sh_bed.c). */
extern const char *const sh_role_word[CASE_ROLE_COUNT];  /* "ha", "pma" */
extern const char *const sh_role_upper[CASE_ROLE_COUNT]; /* "HA", "PMA" */
/* "a.b.c.d:port" into buf; returns buf. */
const char *sh_net_addr_port(char *buf, size_t n, uint32_t a, uint16_t port);
/* Open role's session (a reference with faults, or the remote DUT of the PIXIT) and say
 * so; 0, or -1 after reporting the error at cmd. */
int sh_net_open(struct sh *sh, const struct lex_cmd *cmd, enum case_role r, bool remote,
		struct bitset faults);
/* Close role's session; its verdict stays in the session verdict. */
void sh_net_close(struct sh *sh, enum case_role r);
void sh_net_prompt(struct sh *sh);           /* sh->roles, sh->dut, sh->capture */
void sh_net_capture_close(struct sh_net *n); /* NULL capture is a no-op */

/* The fault of role's reference named name, or -1 (sh_net.c; shared with run case). */
int sh_net_fault(enum case_role role, const char *name);

#endif
