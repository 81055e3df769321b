/* sh_expect.c — `expect` (pmip4ct-shell(7), SENDING AND EXPECTING): wait for a message
 * from the DUT that matches a type and addresses (tc_recv_if: the others stay in the
 * session's backlog), print it decoded, and check its conditions (sh_cond.c) into the
 * session verdict as a case does; `expect none` checks that nothing matching comes.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "names.h"
#include "render.h"
#include "sh_msg.h"
#include "sh_priv.h"
#include "txt.h"

#define COND_MAX 32
#define DUR_MAX_MS 86400000.0 /* a day */
#define SLICE_MS 100          /* a wait in real time looks at Ctrl-C this often */

/* ---- the command, parsed ---- */

struct end {
	bool set, port_set;
	uint32_t addr;
	uint16_t port;
};

struct want {
	int type; /* -1: any */
	bool none;
	struct end at, from;
	bool ms_set;
	uint64_t ms;
	struct shm_cond c[COND_MAX];
	size_t n;
};

/* A message type's name (rrq, rev, ...), or -1. */
static long type_value(const struct lex_tok *t)
{
	if (!t || t->kind != LEX_WORD)
		return -1;
	if (lex_is_word(t, "rev") || lex_is_word(t, "revack"))
		return lex_is_word(t, "rev") ? MIP_REV : MIP_REVACK;
	return name_value(&names_msg_type, t->text);
}

static int p_type(struct shm_parse *p)
{
	const struct lex_tok *t = shm_take(p);
	struct sh_suggest s;
	uint64_t v;
	long n;
	char got[64];

	if (t && lex_is_word(t, "any")) {
		p->type = -1;
		return 0;
	}
	if (t && lex_is_word(t, "type")) {
		const struct lex_tok *num = shm_take(p);

		if (!num || num->kind != LEX_WORD || txt_u64(num->text, num->len, 255, &v, NULL))
			return shm_want_err(p, num, "a type number 0-255", t);
		p->type = (int)v;
		return 0;
	}
	n = type_value(t);
	if (n >= 0) {
		p->type = (int)n;
		return 0;
	}
	sh_suggest_init(&s, t && t->kind == LEX_WORD ? t->text : "");
	for (unsigned k = 0; k < names_msg_type.n; k++)
		sh_suggest_add(&s, names_msg_type.rows[k].name);
	sh_suggest_add(&s, "any");
	sh_suggest_add(&s, "none");
	return sh_err_at(p->sh, p->cmd, t, "expected a message type (rrq, rrp, revocation, "
			 "revocation-ack, type N) or any, got %s%s",
			 expr_got(t, got, sizeof got), sh_suggest_str(&s));
}

/* at|from NODE|ADDR[:PORT] */
static int p_end(struct shm_parse *p, const struct lex_tok *kw, struct end *e)
{
	const struct lex_tok *t = shm_take(p);
	const char *colon = t && t->kind == LEX_WORD ? strrchr(t->text, ':') : NULL;
	char host[64];
	uint64_t port = 0;

	if (e->set)
		return sh_err_at(p->sh, p->cmd, kw, "'%s' given twice", kw->text);
	if (!t || t->kind != LEX_WORD)
		return shm_want_err(p, t, "a node (" SHM_NODES ") or ADDR[:PORT]", kw);
	snprintf(host, sizeof host, "%.*s", (int)(colon ? (size_t)(colon - t->text) : t->len),
		 t->text);
	if (shm_resolve(p->sh, host, &e->addr) < 0)
		return sh_err_at(p->sh, p->cmd, t, "unknown node or address '%s' (" SHM_NODES
				 ", or a.b.c.d)", host);
	if (colon && txt_u64(colon + 1, strlen(colon + 1), 65535, &port, NULL))
		return sh_err_at(p->sh, p->cmd, t, "bad port '%s' after '%s' (0-65535)",
				 colon + 1, kw->text);
	e->set = true;
	e->port_set = colon != NULL;
	e->port = (uint16_t)port;
	return 0;
}

/* DUR: a number with ms, s or m (a bare number is ms, as in PIXIT durations). */
static int p_dur(struct shm_parse *p, struct want *w, const struct lex_tok *kw)
{
	static const struct { const char *unit; double ms; } units[] = {
		{ "ms", 1 }, { "s", 1000 }, { "m", 60000 }, { "", 1 },
	};
	const struct lex_tok *t = shm_take(p);
	char *end;
	double x;

	if (w->ms_set)
		return sh_err_at(p->sh, p->cmd, kw, "'%s' given twice", kw->text);
	if (!t || t->kind != LEX_WORD || t->text[0] < '0' || t->text[0] > '9')
		return shm_want_err(p, t, "a duration (500ms, 2s, 1m)", kw);
	x = strtod(t->text, &end);
	for (size_t k = 0; k < sizeof units / sizeof units[0]; k++)
		if (!strcmp(end, units[k].unit) && x * units[k].ms <= DUR_MAX_MS) {
			w->ms = (uint64_t)(x * units[k].ms + 0.5);
			w->ms_set = true;
			return 0;
		}
	return shm_want_err(p, t, "a duration up to a day (500ms, 2s, 1m)", kw);
}

static bool is_end_word(const struct lex_tok *t)
{
	return lex_is_word(t, "at") || lex_is_word(t, "from") || lex_is_word(t, "for");
}

static int parse(struct shm_parse *p, struct want *w)
{
	const struct lex_tok *t;
	int rc;

	w->none = shm_peek(p) && lex_is_word(shm_peek(p), "none");
	if (w->none)
		p->i++;
	if (w->none && (!shm_peek(p) || is_end_word(shm_peek(p))))
		p->type = -1;
	else if (p_type(p) < 0)
		return -1;
	w->type = p->type;
	while ((t = shm_take(p))) {
		if (lex_is_word(t, "at"))
			rc = p_end(p, t, &w->at);
		else if (lex_is_word(t, "from"))
			rc = p_end(p, t, &w->from);
		else if (lex_is_word(t, w->none ? "for" : "within"))
			rc = p_dur(p, w, t);
		else if (w->none)
			return sh_err_at(p->sh, p->cmd, t, "expected at, from or for, got '%s' "
					 "(expect none takes no conditions)", t->text);
		else if (w->n == COND_MAX)
			return sh_err_at(p->sh, p->cmd, t, "more than %d conditions", COND_MAX);
		else {
			p->i--;
			rc = shm_cond_parse(p, &w->c[w->n]);
			w->n += rc == 0;
		}
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* ---- the session, and waiting ---- */

/* The role whose tester node sits at addr: a PMA of the tester while the HA is up, the
 * tester's HA while the PMA is; else -1. */
static int tester_at(struct sh *sh, uint32_t addr)
{
	static const char *const pmas[] = { "pma1", "pma2", "pma-denied" };
	uint32_t a;
	uint16_t port;

	for (size_t k = 0; sh->net->sess[CASE_ROLE_HA] && k < 3; k++)
		if (sh_net_resolve(sh, pmas[k], &a, &port) == 0 && a == addr)
			return CASE_ROLE_HA;
	if (sh->net->sess[CASE_ROLE_PMA] && sh_net_resolve(sh, "ha", &a, &port) == 0 &&
	    a == addr)
		return CASE_ROLE_PMA;
	return -1;
}

/* Whose message it is: the DUT it comes from, the DUT that sends to the tester node it
 * goes to, the DUT that sends its type (a reply: the HA; a request: the PMA), else the
 * only DUT up. */
static struct sess *expect_sess(struct sh *sh, const struct lex_cmd *cmd,
				const struct want *w)
{
	struct sh_net *n = sh->net;
	int r = w->from.set ? shm_dut_at(sh, w->from.addr) : -1;
	struct sess *s;
	unsigned up;

	if (r < 0 && w->at.set)
		r = tester_at(sh, w->at.addr);
	if (r < 0 && w->type == MIP_RRP && n->sess[CASE_ROLE_HA])
		r = CASE_ROLE_HA;
	if (r < 0 && w->type == MIP_RRQ && n->sess[CASE_ROLE_PMA])
		r = CASE_ROLE_PMA;
	if (r >= 0)
		return n->sess[r];
	s = shm_only(sh, &up);
	if (s)
		return s;
	if (!up)
		shm_no_dut(sh, cmd, &cmd->tok[0]);
	else
		sh_err_at(sh, cmd, &cmd->tok[0], "both an HA and a PMA are up: say whose message "
			  "with 'from ha', 'from pma' or 'at NODE'");
	return NULL;
}

static bool end_ok(const struct end *e, uint32_t addr, uint16_t port)
{
	return !e->set || (e->addr == addr && (!e->port_set || e->port == port));
}

static bool matches(void *arg, const struct tc_rx *rx)
{
	const struct want *w = arg;
	const struct tc_pkt *p = &rx->pkt;

	return p->link == TC_LINK_SIG && p->len && (w->type < 0 || p->buf[0] == w->type) &&
	       end_ok(&w->at, p->ends.dst, p->ends.dport) &&
	       end_ok(&w->from, p->ends.src, p->ends.sport);
}

/* The first matching message within ms of the DUT's clock; NULL when none came, or when
 * Ctrl-C stopped a wait in real time (which looks at it every SLICE_MS). */
static const struct tc_rx *await(struct sh *sh, struct sess *s, struct want *w, uint64_t ms)
{
	const struct tc_net *n = sess_net(s);
	uint64_t end;

	if (n->caps & TC_CAP_VIRTUAL_TIME)
		return tc_recv_if(sess_tc(s), matches, w, ms);
	end = n->ops->now_ns(n->ctx) + ms * 1000000;
	for (;;) {
		uint64_t now = n->ops->now_ns(n->ctx);
		uint64_t left = now < end ? (end - now + 999999) / 1000000 : 0;
		const struct tc_rx *rx = tc_recv_if(sess_tc(s), matches, w,
						    left < SLICE_MS ? left : SLICE_MS);

		if (rx || !left || sh_interrupted(sh))
			return rx;
	}
}

/* ---- what came ---- */

/* "received RRP 127.0.0.2:434 -> 127.0.0.3:434 at +0.000 s", then the decode. */
static void show_rx(struct sh *sh, struct sess *s, const struct tc_rx *rx)
{
	const struct tc_pkt *p = &rx->pkt;
	uint64_t t0 = sess_start_ns(s), ms = p->at_ns > t0 ? (p->at_ns - t0) / 1000000 : 0;
	char lab[16], a[24], b[24], why[200];

	fprintf(sh->out, "received %s %s -> %s at +%" PRIu64 ".%03" PRIu64 " s\n",
		shm_label(p->buf[0], lab, sizeof lab),
		sh_net_addr_port(a, sizeof a, p->ends.src, p->ends.sport),
		sh_net_addr_port(b, sizeof b, p->ends.dst, p->ends.dport), ms / 1000, ms % 1000);
	if (rx->decoded)
		render_tree(sh->out, 4, &rx->m);
	if (rx->damaged) /* tolerant reading: the conditions judge what decoded */
		fprintf(sh->out, "    damaged after the extensions above: %s\n",
			mip_err_str(&rx->err, why, sizeof why));
	else if (!rx->decoded)
		fprintf(sh->out, "    not decodable: %s\n", mip_err_str(&rx->err, why, sizeof why));
}

/* Set the variable when have, else unset it.  0, or -1 when out of memory. */
static int setvar(struct sh *sh, const char *name, bool have, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int setvar(struct sh *sh, const char *name, bool have, const char *fmt, ...)
{
	char v[300];
	va_list ap;

	if (!have) {
		sh_unset(sh, name);
		return 0;
	}
	va_start(ap, fmt);
	vsnprintf(v, sizeof v, fmt, ap);
	va_end(ap);
	return sh_set(sh, name, v);
}

static int rx_vars(struct sh *sh, const struct tc_rx *rx)
{
	const struct mip_msg *m = &rx->m;
	const struct tc_pkt *p = &rx->pkt;
	unsigned k = rx->decoded ? expr_kind(m->type) : 0;
	const struct mip_ext *nai = rx->decoded ? mip_ext_find(m, MIP_EXT_NAI, -1) : NULL;
	const char *ty = name_of(&names_msg_type, p->buf[0]);
	char a[24];
	int rc = 0;

	if (ty)
		rc |= setvar(sh, "rx_type", true, "%s", ty);
	else
		rc |= setvar(sh, "rx_type", true, "%u", p->buf[0]);
	rc |= setvar(sh, "rx_from", true, "%s", sh_net_addr_port(a, sizeof a, p->ends.src, p->ends.sport));
	rc |= setvar(sh, "rx_code", k == EXPR_K_RRP, "%u", m->code);
	rc |= setvar(sh, "rx_hoa", k & (EXPR_K_RRQ | EXPR_K_RRP | EXPR_K_REV | EXPR_K_ACK), "%s",
		     txt_ip4(m->hoa).s);
	rc |= setvar(sh, "rx_ident", k & (EXPR_K_RRQ | EXPR_K_RRP), "0x%016" PRIx64, m->ident);
	rc |= setvar(sh, "rx_lifetime", k & (EXPR_K_RRQ | EXPR_K_RRP), "%u", m->lifetime);
	rc |= setvar(sh, "rx_revid", k & (EXPR_K_REV | EXPR_K_ACK), "%" PRIu32, m->revid);
	rc |= setvar(sh, "rx_nai", nai, "%.*s", nai ? (int)nai->v.bytes.len : 0,
		     nai ? (const char *)nai->v.bytes.p : "");
	return rc;
}

/* ---- expect ---- */

static int expect_run(struct sh *sh, const struct lex_cmd *cmd, struct sess *s, struct want *w)
{
	uint64_t ms = w->ms_set ? w->ms
				: params_ms(sh->net->params, w->none ? "silence-ms" : "reply-ms");
	const struct tc_rx *rx = await(sh, s, w, ms);
	struct shm_outcome o = { sh, sess_tc(s), NULL, "" };
	char what[16], lab[16], exp[64], why[200];

	snprintf(what, sizeof what, "%s",
		 w->type < 0 ? "a message" : shm_label((uint8_t)w->type, lab, sizeof lab));
	if (!rx && sh_interrupted(sh)) {
		/* not judged: the session is inconc (a fail already there stays) */
		tc_inconc(o.t, "expect %s: stopped by Ctrl-C", what);
		return sh_err_at(sh, cmd, &cmd->tok[0], "interrupted: not judged (the session "
				 "verdict is at least inconc)");
	}
	snprintf(exp, sizeof exp, "%swithin %" PRIu64 " ms", w->none ? "none " : "", ms);
	if (rx) {
		show_rx(sh, s, rx);
		o.label = shm_label(rx->pkt.buf[0], lab, sizeof lab);
		if (rx_vars(sh, rx) < 0)
			return sh_err_at(sh, cmd, &cmd->tok[0], "out of memory");
	}
	if (w->none)
		shm_judge(&o, what, exp, !rx, rx ? tc_summary(o.t, rx) : "none");
	else if (!rx)
		shm_judge(&o, what, exp, false, "nothing");
	else if (!rx->decoded)
		shm_judge(&o, what, "a valid message", false,
			  mip_err_str(&rx->err, why, sizeof why));
	else
		shm_check(&o, w->c, w->n, rx);
	if (o.first[0])
		fprintf(sh->out, "expect: fail: %s\n", o.first);
	else
		fprintf(sh->out, "expect: pass\n");
	return 0;
}

int sh_c_expect(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	struct want w = { .type = -1 };
	struct shm_parse p = { sh, cmd, first, -1 };
	struct sess *s;
	int rc = -1;

	if (!sh_net_get(sh, cmd))
		return -1;
	if (parse(&p, &w) == 0 && (s = expect_sess(sh, cmd, &w)))
		rc = expect_run(sh, cmd, s, &w);
	sh_net_flush(sh);
	return rc;
}

/* ---- completion ---- */

struct no_raw {
	sh_add_fn add;
	void *arg;
};

static void add_no_raw(void *arg, const char *word)
{
	struct no_raw *r = arg;

	if (strcmp(word, "raw"))
		r->add(r->arg, word);
}

static void add_all(sh_add_fn add, void *arg, const char *const *words)
{
	for (size_t k = 0; words[k]; k++)
		add(arg, words[k]);
}

unsigned sh_k_expect(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
		     void *arg)
{
	static const char *const types[] = { "rrq", "rrp", "revocation", "revocation-ack",
					     "type", "any", NULL };
	static const char *const durs[] = { "500ms", "1s", "2s", NULL };
	static const char *const nos[] = { "ext", "bit", "a", "i", NULL };
	static const char *const bits[] = { "S", "B", "D", "M", "G", "r", "T", "x", "A", "I",
					    NULL };
	static const char *const auths[] = { "fa-ha", "mn-ha", "valid", NULL };
	const struct lex_tok *last = &toks[n - 1];
	bool none = n >= 2 && lex_is_word(&toks[1], "none");
	struct no_raw nr = { add, arg };

	(void)sh;
	if (n == 1) {
		add_all(add, arg, types);
		add(arg, "none");
	} else if (lex_is_word(last, "at") || lex_is_word(last, "from")) {
		add_all(add, arg, shm_nodes);
	} else if (lex_is_word(last, "within") || lex_is_word(last, "for")) {
		add_all(add, arg, durs);
	} else if (lex_is_word(last, "ext")) {
		expr_complete(last, 1, add_no_raw, &nr);
	} else if (lex_is_word(last, "no")) {
		add_all(add, arg, nos);
	} else if (lex_is_word(last, "bit")) {
		add_all(add, arg, bits);
	} else if (lex_is_word(last, "auth")) {
		add_all(add, arg, auths);
	} else if (lex_is_word(last, "fa-ha") || lex_is_word(last, "mn-ha")) {
		add(arg, "valid");
	} else if (lex_is_word(last, "code")) {
		for (unsigned k = 0; k < names_code.n; k++)
			add(arg, names_code.rows[k].name);
	} else {
		if (n == 2 && none)
			add_all(add, arg, types);
		add(arg, "at");
		add(arg, "from");
		add(arg, none ? "for" : "within");
		if (!none)
			shm_cond_words(type_value(&toks[1]), add, arg);
	}
	return 0;
}
