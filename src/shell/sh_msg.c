/* sh_msg.c — `send` (pmip4ct-shell(7), SENDING AND EXPECTING): one message expression
 * (expr.h) encoded with every override it asks for and sent, from and to any address,
 * through the session of the DUT it is for (sh_net.h); and the table of send and expect
 * with their help and completion.  expect itself is sh_expect.c.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "sh_msg.h"
#include "sh_priv.h"

const char *const shm_nodes[] = { "pma1", "pma2", "pma-denied", "ha", "pma", "cn", NULL };

static const char *const role_word[CASE_ROLE_COUNT] = { "ha", "pma" };

const char *shm_label(uint8_t type, char *buf, size_t n)
{
	switch (type) {
	case MIP_RRQ:
		return "RRQ";
	case MIP_RRP:
		return "RRP";
	case MIP_TUNDATA:
		return "Tunnel Data";
	case MIP_REV:
		return "Revocation";
	case MIP_REVACK:
		return "Ack";
	default:
		snprintf(buf, n, "type %u", type);
		return buf;
	}
}

int shm_dut_at(struct sh *sh, uint32_t addr)
{
	for (int r = 0; sh->net && r < CASE_ROLE_COUNT; r++) {
		uint32_t a;
		uint16_t port;

		if (!sh->net->sess[r])
			continue;
		params_endpoint(sh->net->params, role_word[r], &a, &port);
		if (a == addr)
			return r;
	}
	return -1;
}

struct sess *shm_only(struct sh *sh, unsigned *n_up)
{
	struct sess *s = NULL;

	*n_up = 0;
	for (int r = 0; sh->net && r < CASE_ROLE_COUNT; r++)
		if (sh->net->sess[r]) {
			s = sh->net->sess[r];
			++*n_up;
		}
	return *n_up == 1 ? s : NULL;
}

int shm_no_dut(struct sh *sh, const struct lex_cmd *cmd, const struct lex_tok *at)
{
	return sh_err_at(sh, cmd, at, "no DUT is up (start ha, start pma, or dut ha|pma "
			 "ADDR[:PORT])");
}

/* ---- what `now` reads: the session's clock ---- */

/* Per role, the session send last worked in: `ident now` and `revid now` stay strictly
 * above what it sent before (tc_ident's rule), and the random low bits of a timestamp
 * come from a fixed stream on a virtual clock, so that a script prints the same bytes
 * every run. */
struct send_state {
	unsigned serial; /* sess_serial() of the session, 0 for none yet */
	uint64_t last_ident;
	uint32_t last_revid;
	struct clk_virtual rnd;
};

static struct send_state states[CASE_ROLE_COUNT];

static struct send_state *send_state(struct sess *s)
{
	struct send_state *st = &states[sess_role(s)];

	if (st->serial != sess_serial(s))
		*st = (struct send_state){ .serial = sess_serial(s) };
	return st;
}

struct sess_clk {
	struct sess *s;
	struct send_state *st;
};

static uint64_t sess_clk_now(void *ctx)
{
	const struct tc_net *n = sess_net(((struct sess_clk *)ctx)->s);

	return n->ops->now_ns(n->ctx);
}

static uint32_t sess_clk_rand(void *ctx)
{
	struct sess_clk *c = ctx;
	struct clk v;

	if (!(sess_net(c->s)->caps & TC_CAP_VIRTUAL_TIME))
		return clk_real.rand32(clk_real.ctx);
	v = clk_virtual(&c->st->rnd);
	return v.rand32(v.ctx);
}

/* ---- send ---- */

/* Whether a message sent without `from` or `to` is for the HA: requests and a PMA's
 * revocation (A clear) are, replies and an HA's revocation (A set) are for the PMA; any
 * other type goes to the DUT that is up (the HA when both or neither are). */
static bool towards_ha(const struct sh *sh, const struct mip_msg *m)
{
	switch (m->type) {
	case MIP_RRQ:
		return true;
	case MIP_RRP:
		return false;
	case MIP_REV:
		return !(m->rflags & MIP_REV_A);
	default:
		return !sh->net->sess[CASE_ROLE_PMA] || sh->net->sess[CASE_ROLE_HA];
	}
}

/* expr_ctx.default_ends: to the HA from pma1, to the PMA from ha. */
static void send_default_ends(void *arg, struct expr_msg *em)
{
	struct sh *sh = arg;
	bool to_ha = towards_ha(sh, &em->msg);
	struct udp_ends *e = &em->ends;

	if (!em->from_set)
		sh_net_resolve(sh, to_ha ? "pma1" : "ha", &e->src, &e->sport);
	if (!em->to_set)
		sh_net_resolve(sh, to_ha ? "ha" : "pma", &e->dst, &e->dport);
}

/* The session of the DUT at the destination, else the only one up. */
static struct sess *send_sess(struct sh *sh, const struct lex_cmd *cmd, size_t first,
			      const struct expr_msg *em)
{
	const struct lex_tok *at = &cmd->tok[em->to_set ? em->to_tok : first];
	int r = shm_dut_at(sh, em->ends.dst);
	struct sess *s;
	unsigned up;
	char a[24];

	if (r >= 0)
		return sh->net->sess[r];
	s = shm_only(sh, &up);
	if (s)
		return s;
	if (!up)
		shm_no_dut(sh, cmd, at);
	else
		sh_err_at(sh, cmd, at, "%s is neither the HA's nor the PMA's address: with both "
			  "up, send to one of them", sh_net_addr_port(a, sizeof a, em->ends.dst,
							      em->ends.dport));
	return NULL;
}

static int send_parse(struct sh *sh, const struct lex_cmd *cmd, size_t first,
		      struct expr_ctx *ctx, struct expr_msg *em)
{
	struct lex_err err;

	if (expr_parse(ctx, cmd, first, NULL, em, &err) < 0)
		return sh_err_lex(sh, &err);
	return 0;
}

static bool has_ident(uint8_t type)
{
	return type == MIP_RRQ || type == MIP_RRP;
}

static bool has_revid(uint8_t type)
{
	return type == MIP_REV || type == MIP_REVACK;
}

/* "sent RRQ 127.0.0.3:434 -> 127.0.0.2:434, 86 bytes, ident 0x...", and $tx_ident or
 * $tx_revid. */
static int send_report(struct sh *sh, const struct lex_cmd *cmd, const struct expr_msg *em,
		       size_t len)
{
	const struct mip_msg *m = &em->msg;
	char lab[16], a[24], b[24], v[24];
	int rc = 0;

	fprintf(sh->out, "sent %s %s -> %s, %zu bytes", shm_label(m->type, lab, sizeof lab),
		sh_net_addr_port(a, sizeof a, em->ends.src, em->ends.sport),
		sh_net_addr_port(b, sizeof b, em->ends.dst, em->ends.dport), len);
	if (has_ident(m->type)) {
		snprintf(v, sizeof v, "0x%016" PRIx64, m->ident);
		fprintf(sh->out, ", ident %s", v);
		rc = sh_set(sh, "tx_ident", v);
	} else if (has_revid(m->type)) {
		snprintf(v, sizeof v, "%" PRIu32, m->revid);
		fprintf(sh->out, ", revid %s", v);
		rc = sh_set(sh, "tx_revid", v);
	}
	fputc('\n', sh->out);
	return rc < 0 ? sh_err_at(sh, cmd, &cmd->tok[0], "out of memory") : 0;
}

static int send_encoded(struct sh *sh, const struct lex_cmd *cmd, size_t first,
			struct sess *s, const struct expr_msg *em)
{
	uint8_t *buf = malloc(MIP_MSG_MAX);
	struct mip_err merr;
	char why[200];
	size_t len;
	int rc = -1;

	if (!buf)
		return sh_err_at(sh, cmd, &cmd->tok[0], "out of memory");
	if (mip_encode(&em->msg, buf, MIP_MSG_MAX, &len, &merr) < 0)
		sh_err_at(sh, cmd, &cmd->tok[first], "cannot encode the message: %s",
			  mip_err_str(&merr, why, sizeof why));
	else if (len > TC_PKT_MAX)
		sh_err_at(sh, cmd, &cmd->tok[first], "the message has %zu bytes, more than the "
			  "tester sends (%d)", len, TC_PKT_MAX);
	else if (!tc_send_ends(sess_tc(s), &em->ends, buf, len))
		sh_err_at(sh, cmd, &cmd->tok[0], "%s", tc_reason(sess_tc(s)));
	else
		rc = send_report(sh, cmd, em, len);
	free(buf);
	return rc;
}

/* send MSG-EXPR.  The expression is parsed twice: first for its addresses, which say
 * whose clock `now` reads, then on that clock. */
static int c_send(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	struct clk_virtual probe_v = { TC_EPOCH_NS, 0 };
	struct clk probe = clk_virtual(&probe_v), clk;
	struct expr_ctx ctx = { .clk = &probe, .resolve = sh_net_resolve,
				.sa_lookup = sh_net_sa, .default_ends = send_default_ends,
				.arg = sh };
	struct expr_msg *em;
	struct send_state *st;
	struct sess_clk sc;
	struct sess *s;
	int rc = -1;

	if (!sh_net_get(sh, cmd))
		return -1;
	if (first == cmd->n)
		return sh_err_at(sh, cmd, NULL, "too few arguments; usage: send MSG-EXPR");
	em = malloc(sizeof *em);
	if (!em)
		return sh_err_at(sh, cmd, &cmd->tok[0], "out of memory");
	if (send_parse(sh, cmd, first, &ctx, em) < 0 || !(s = send_sess(sh, cmd, first, em)))
		goto out;
	st = send_state(s);
	sc = (struct sess_clk){ s, st };
	clk = (struct clk){ sess_clk_now, sess_clk_rand, &sc };
	ctx.clk = &clk;
	ctx.last_ident = st->last_ident;
	ctx.last_revid = st->last_revid;
	if (send_parse(sh, cmd, first, &ctx, em) < 0)
		goto out;
	st->last_ident = ctx.last_ident;
	st->last_revid = ctx.last_revid;
	rc = send_encoded(sh, cmd, first, s, em);
out:
	free(em);
	sh_net_flush(sh);
	return rc;
}

static unsigned k_send(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
		       void *arg)
{
	(void)sh;
	if (n >= 3 && (lex_is_word(&toks[n - 1], "from") || lex_is_word(&toks[n - 1], "to"))) {
		for (size_t k = 0; shm_nodes[k]; k++)
			add(arg, shm_nodes[k]);
		return 0;
	}
	expr_complete(toks + 1, n - 1, add, arg);
	return 0;
}

/* ---- the table ---- */

static const struct sh_command msg_rows[] = {
	{ "send", "send MSG-EXPR",
	  "Send one message to the DUT: a message expression (help expr, pmip4ct-lang(7)).\n"
	  "Every override of the codec goes out as written: a wrong Length, another layout,\n"
	  "raw bytes, a corrupt or short authenticator, a trailer, truncate N.\n"
	  "Addresses: from/to take a.b.c.d[:PORT] or a node of the PIXIT: pma1, pma2,\n"
	  "pma-denied (the tester's PMAs), ha, pma, cn.  Without them a message for the HA\n"
	  "(rrq, revocation without a, and others while the HA is up) goes from pma1 to\n"
	  "ha, one for the PMA (rrp, revocation a) from ha to pma.  The DUT at the\n"
	  "destination gets it (else the only DUT up).  ident and revid default to now on\n"
	  "the DUT's clock, always above the last ones sent; auth KIND spi N without a\n"
	  "key takes the PIXIT sa (fa-ha, spi 256) or mn-sa (mn-ha, spi 257).\n"
	  "Prints one line (sent TYPE FROM -> TO, N bytes, ident 0x...) and sets $tx_ident\n"
	  "(rrq, rrp) or $tx_revid (revocation, revocation-ack).\n"
	  "Examples:\n"
	  "  send rrq flags T nai mn1@example.net ext pmip.pernode fa-ha auth fa-ha spi 256\n"
	  "  send rrq from pma2 lifetime 0 hoa $rx_hoa nai mn1@example.net \\\n"
	  "       ext pmip.pernode fa-ha auth fa-ha spi 256 corrupt\n"
	  "  send revocation-ack hoa $rx_hoa revid $rx_revid auth fa-ha spi 256\n",
	  c_send, k_send, 0 },
	{ "expect", "expect TYPE|any [at END] [from END] [COND]... [within DUR]\n"
		    "       expect none [TYPE|any] [at END] [from END] [for DUR]",
	  "Wait for a message from the DUT, print it decoded, and check it as a case does:\n"
	  "each condition passes or fails the session verdict (see verdict) with\n"
	  "'FIELD: expected X, got Y'.  A failed expectation prints 'expect: fail: REASON'\n"
	  "and the script goes on; a bad command is an error.  Messages that do not match\n"
	  "TYPE, at END (their destination) and from END (their source) are kept for a\n"
	  "later expect.  END: a node (pma1, pma2, pma-denied, ha, pma, cn) or ADDR, with\n"
	  ":PORT to match the port too.\n"
	  "TYPE: rrq, rrp, revocation (rev), revocation-ack (revack), type N, or any.\n"
	  "DUR: 500ms, 2s, 1.5s, 1m (default PIXIT reply-ms; for none, silence-ms).\n"
	  "COND:\n"
	  "  FIELD [OP] VALUE   OP one of == != < <= > >= (== when left out)\n"
	  "     code N|NAME, lifetime N|infinite, ident N, ident-low N (the low 32 bits,\n"
	  "     which a reply echoes), revid N: any OP\n"
	  "     hoa, ha, coa, hda, fda ADDR|NODE, flags T+G|N, nai TEXT: == or !=\n"
	  "  bit F, no bit F    one flag set or clear: S B D M G r T x (rrq), A I (rev)\n"
	  "  a, no a, i, no i   the same for the A and I bits of a revocation or ack\n"
	  "  ext NAME, no ext NAME   present or absent (nai, pmip.devid, rev-support, 47/1)\n"
	  "  auth [fa-ha|mn-ha] valid  the authenticator verifies with the PIXIT SA\n"
	  "expect none passes when nothing matching comes for DUR.\n"
	  "After a message: $rx_type $rx_code $rx_hoa $rx_ident $rx_lifetime $rx_revid\n"
	  "$rx_from $rx_nai (those of its type; the others are unset).\n"
	  "Examples:\n"
	  "  expect rrp code 0 hoa != 0.0.0.0 ident $tx_ident auth valid within 2s\n"
	  "  expect revocation at pma1 a auth fa-ha valid\n"
	  "  expect none rrp at pma1 for 1s\n",
	  sh_c_expect, sh_k_expect, 0 },
};

SH_TABLE(sh_msg_table, msg_rows);
