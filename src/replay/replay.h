/* replay.h — signalling replay against a DUT (issue #15 §1, DESIGN.md §8): a capture's
 * Mobile IP messages of the tester's side sent again to a live device, addresses
 * mapped, Identification re-stamped on the DUT's clock, authenticators recomputed with
 * the PIXIT's SAs, revocation identifiers refreshed, and every DUT message compared
 * with the recorded one field by field.
 *
 * The tester plays the PMAs of the capture against an HA (`--dut-ha`), or the HA of a
 * PMA (`--dut-pma`).  Each message of
 * the capture is on the tester's side or the DUT's; an exchange is a request of the
 * tester with the DUT's recorded answer, or a message the DUT sent on its own (an HA's
 * revocation, a PMA's request) with the tester's recorded answer, which is sent only
 * when the DUT's message comes (rp_cap.c).
 */
#ifndef PMIP4CT_REPLAY_H
#define PMIP4CT_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "io.h"

struct params;

#define RP_MAP_MAX 64

/* An address rewrite: OLD becomes NEW wherever it appears (host order). */
struct rp_map_ent {
	uint32_t old, new_;
	bool learned; /* from a DUT reply (a home address), not given */
};

struct rp_opts {
	const char *file;      /* the capture */
	uint32_t dut;          /* --dut-ha or --dut-pma ADDR[:PORT] */
	uint16_t dut_port;
	bool dut_pma;          /* the DUT is a PMA: the tester plays its HA */
	const struct params *pixit; /* sa, mn-sa, reply-ms, silence-ms */
	struct rp_map_ent map[RP_MAP_MAX]; /* --map OLD=NEW */
	unsigned n_map;
	double multiplier;     /* pacing: recorded intervals divided by this (1 as recorded) */
	bool fast;             /* --as-fast-as-answered */
	const char *json, *junit, *pcap; /* report files, or NULL */
	FILE *out;             /* the console report (NULL: none) */
};

/* Run a replay.  Exit status: 0 every exchange matches, 1 one differs, 2 bad usage or
 * input (the capture, an SPI without SA: the message names the frame), 3 inconclusive
 * (the DUT answered nothing at all, or a socket failed); the reason goes to stderr. */
int replay_run(const struct rp_opts *o);

/* Write the capture as a script of the command language (pmip4ct-lang(7)): `send`
 * and `expect` lines, for editing into a regression case.  0, 2 (input), with the
 * reason on stderr. */
int replay_to_script(const struct rp_opts *o, const char *path);

#endif
