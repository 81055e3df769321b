/* fuzz_agent.c — see fuzz_agent.h. */
#include "fuzz_agent.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz_records.h"
#include "ident.h"
#include "io_mem.h"

#define TICKS_MAX 256 /* timers run per clock step, at most: bounds an input's time */

/* OP_CLOCK: every timer due on the way runs at its own time, as the daemon's loop would
 * run it. */
static void advance(const struct fz_agent *a, uint8_t op)
{
	uint64_t to = a->vc->now_ns +
		      (uint64_t)clock_step_ms[op & 7] * (1 + (op >> 3 & 15)) * 1000000ull;

	for (unsigned i = 0; i < TICKS_MAX; i++) {
		uint64_t due = a->next_due();

		if (due > to)
			break;
		if (due > a->vc->now_ns)
			a->vc->now_ns = due;
		a->tick();
	}
	a->vc->now_ns = to;
	a->tick();
}

int fz_agent_input(const struct fz_agent *a, const uint8_t *data, size_t size)
{
	struct fz_in in;

	if (size < HDR_LEN)
		return 0;
	a->setup(data);
	in = (struct fz_in){ data + HDR_LEN, size - HDR_LEN };
	while (in.n) {
		uint8_t op = fz_u8(&in);
		const uint8_t *body;
		size_t n;

		if (op & OP_CLOCK) {
			advance(a, op);
			continue;
		}
		body = fz_bytes(&in, fz_u16(&in), &n);
		a->record(op, body, n);
	}
	if (getenv("FUZZ_VERBOSE"))
		a->report();
	a->teardown();
	return 0;
}

void fz_agent_take(const struct fz_agent *a, struct io_mem *mem, bool strict)
{
	static struct mip_msg m;
	struct io_mem_pkt p;
	struct mip_err err;

	while (io_mem_pop(mem, &p) == 0) {
		bool ok = mip_decode(p.buf, p.len, &m, &err) == 0 && a->sent(p.buf, p.len, &m);

		free(p.buf);
		if (strict && !ok)
			abort();
	}
}

void fz_fix_rev(uint8_t op, uint8_t *b, size_t len, uint32_t hoa, uint64_t now_ns,
		uint32_t *last_revid, const uint8_t *rev)
{
	if (b[0] == MIP_REV && len >= MIP_REV_LEN) {
		uint32_t now = (uint32_t)(ident_ntp_from_ns(now_ns) >> 32);

		if (op & OP_LINK)
			fz_put(b + 4, hoa, 4);
		if (op & OP_FRESH) {
			*last_revid = now > *last_revid ? now : *last_revid + 1;
			fz_put(b + 16, *last_revid, 4);
		}
	} else if (b[0] == MIP_REVACK && len >= MIP_REVACK_LEN && op & OP_LINK && rev) {
		memcpy(b + 4, rev + 4, 4);  /* Home Address */
		memcpy(b + 8, rev + 16, 4); /* Revocation Identifier */
	}
}

void fz_sign_op(uint8_t op, uint8_t *buf, size_t *len, size_t cap, const struct mip_sa *mn,
		const struct mip_sa *fa)
{
	if (op & OP_SIGN_MNHA)
		fz_sign(buf, len, cap, MIP_EXT_MNHA, mn);
	if (op & OP_SIGN_FAHA)
		fz_sign(buf, len, cap, MIP_EXT_FAHA, fa);
}

bool fz_sent_auth_ok(const uint8_t *buf, size_t len, const struct mip_msg *m, uint8_t type,
		     const struct mip_sa *sa)
{
	const struct mip_ext *x = mip_ext_find(m, type, -1);

	if (!x || x->v.auth.spi != sa->spi)
		return true;
	return auth_verify(buf, len, x, sa) == AUTH_VALID;
}
