/* ha_fixture.h — a reference HA on a virtual clock and in-memory I/O, and a PMA-side
 * request builder, for the HA unit tests.  No sockets, no sleeps: time moves when a test
 * says so. */
#ifndef PMIP4CT_HA_FIXTURE_H
#define PMIP4CT_HA_FIXTURE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "ha.h"
#include "ident.h"
#include "io_mem.h"
#include "pool.h"

#define HA_ADDR 0xc0000201u   /* 192.0.2.1 */
#define PMA1 0xc000020au      /* 192.0.2.10 */
#define PMA2 0xc000020bu      /* 192.0.2.11 */
#define NS_PER_S 1000000000ull
#define T0 (1700000000ull * NS_PER_S)

struct fx {
	struct clk_virtual vc;
	struct clk clk;
	struct io_mem *mem;
	struct ha *ha;
	struct ha_config cfg;
	struct mip_sa fa;      /* per-node FA-HA SA, any peer, SPI 256 */
	struct mip_sa mn;      /* MN-HA SA for mn1@example.net, SPI 300 */
	uint64_t last_ident;
	struct mip_msg rep;    /* the last reply taken */
	uint8_t repbuf[2048];
	size_t replen;
};

/* What a request carries (a zeroed struct is a per-node PRRQ with NAI, 47/1, FA-HA). */
struct req {
	const char *nai;       /* NULL: "mn1@example.net"; "" for none */
	uint32_t src;          /* 0: PMA1 */
	uint32_t hoa, ha;      /* ha 0: HA_ADDR */
	bool ha_zero;          /* send HA field 0.0.0.0 */
	uint16_t lifetime;     /* 0: 300 (use dereg for 0) */
	bool dereg;
	uint8_t flags;
	uint64_t ident;        /* 0: a fresh timestamp */
	bool mnha;             /* per-MN MN-HA (and FA-HA, unless no_faha) instead of per-node */
	bool no_faha;
	bool no_auth, corrupt, no_pernode;
	bool rev, rev_i;       /* add 137 */
	bool gre;              /* add 48 */
	uint32_t gre_key;
	uint8_t acctech;       /* add 147/4 */
	uint8_t unknown;       /* add an unknown extension of this type */
	uint32_t spi;          /* 0: 256 / 300 */
};

void fx_setup(struct fx *f, void (*tune)(struct ha_config *c));
void fx_teardown(struct fx *f);
void fx_advance(struct fx *f, uint64_t ns); /* move the clock and run due timers */

/* Build and feed a request; return the reply's code, or -1 when none came. */
int fx_rrq(struct fx *f, const struct req *r);
/* Feed raw bytes as if from src. */
void fx_input(struct fx *f, uint32_t src, const uint8_t *buf, size_t len);
/* Feed a PMA's Revocation of hoa from src (FA-HA with the fixture's SA, corrupt if asked;
 * rflags as given); return how many datagrams the HA has queued since. */
int fx_rev(struct fx *f, uint32_t src, uint32_t hoa, uint32_t revid, uint16_t rflags,
	   bool corrupt);
/* Take the next datagram the HA sent, decoded into f->rep; its destination in *to.
 * Returns 0, or -1 when none. */
int fx_take(struct fx *f, uint32_t *to);
/* Whether FA-HA (34) or MN-HA (32) of f->rep verifies with the fixture's SAs. */
bool fx_rep_auth_ok(struct fx *f, uint8_t type);

#endif
