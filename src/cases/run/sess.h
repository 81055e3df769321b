/* sess.h — a test session outside any case: what the shell's send and expect work in
 * (pmip4ct-shell(7)).
 *
 * A session is a test context (tc.h) of one role with its backend (net.h) kept open
 * across commands: the built-in reference of that role, in process on its virtual clock,
 * or a DUT started on its own (remote, over UDP, on the real clock).  Everything tc.h
 * offers works on sess_tc(): sending, receiving with the backlog, checks and the verdict,
 * which only gets worse until sess_reset().  Every packet and every line of the
 * reference's log goes to the sink, as in a run (the shell captures and prints from it);
 * the sink's case is a pseudo-case with the ID "SHELL-HA" or "SHELL-PMA".
 *
 * Closing a session on a remote DUT runs the postamble of a case: the Revocations that
 * came in are acknowledged.
 */
#ifndef PMIP4CT_SESS_H
#define PMIP4CT_SESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "case.h"
#include "net.h"
#include "params.h"
#include "runner.h"
#include "tc.h"

struct sess;

/* Open a session of `role` with the PICS and PIXIT p (read now and while it is open: p
 * must outlive the session), `faults` for the reference (enum ha_fault / pma_fault set,
 * ignored when remote), and sink for packets and logs (NULL: none).  NULL with the
 * reason in err when the backend cannot start (a socket that does not bind). */
struct sess *sess_open(enum case_role role, const struct params *p, bool remote,
		       struct bitset faults, const struct run_sink *sink, char *err, size_t errlen);
void sess_close(struct sess *s); /* NULL is a no-op */

struct tc *sess_tc(struct sess *s);
enum case_role sess_role(const struct sess *s);
const struct tc_net *sess_net(const struct sess *s); /* its name, caps, clock */
/* Its backend, for a run that borrows it (run_plan.held) while the session waits. */
struct tc_net *sess_backend(struct sess *s);
/* When it opened, on its backend's clock (the shell prints times relative to it). */
uint64_t sess_start_ns(const struct sess *s);
/* A number no other session of the process had (1, 2, ...): what state kept beside a
 * session (the shell's last Identification sent) is keyed by. */
unsigned sess_serial(const struct sess *s);
/* The verdict back to none, the reason and log emptied, kept packets forgotten. */
void sess_reset(struct sess *s);

#endif
