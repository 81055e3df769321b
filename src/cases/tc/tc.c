/* tc.c — the test context: verdicts, checks with the one failure shape
 * ("field: expected X, got Y"), the case's log and scratch memory, and its view of the
 * PICS and PIXIT (DESIGN.md §4).  Packets are in tc_io.c, messages in tc_msg.c. */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ident.h"
#include "tc_priv.h"
#include "txt.h"

static void oom(void)
{
	fprintf(stderr, "pmip4ct: out of memory\n");
	exit(3);
}

void tc_logf(struct tc *t, const char *fmt, ...)
{
	char line[1024], *p;
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	n = strlen(line);
	p = txt_grow(t->log, &t->log_cap, t->log_len + n + 2, 1, 1024);
	if (!p)
		oom();
	t->log = p;
	memcpy(t->log + t->log_len, line, n);
	t->log_len += n;
	t->log[t->log_len++] = '\n';
	t->log[t->log_len] = '\0';
}

void tc_set(struct tc *t, enum case_verdict v, const char *reason)
{
	if (v != CASE_PASS)
		tc_logf(t, "%s: %s", case_verdict_name(v), reason);
	if (v <= t->v) {
		return;
	}
	t->v = v;
	snprintf(t->reason, sizeof t->reason, "%s", v == CASE_PASS ? "" : reason);
}

enum case_verdict tc_verdict(const struct tc *t)
{
	return t->v;
}

const char *tc_reason(const struct tc *t)
{
	return t->reason;
}

const char *tc_log(const struct tc *t, size_t *len)
{
	*len = t->log_len;
	return t->log ? t->log : "";
}

void tc_pass(struct tc *t)
{
	tc_set(t, CASE_PASS, "");
}

void tc_fail(struct tc *t, const char *field, const char *expected, const char *got_fmt, ...)
{
	char got[256], reason[RUN_REASON_MAX];
	va_list ap;

	va_start(ap, got_fmt);
	vsnprintf(got, sizeof got, got_fmt, ap);
	va_end(ap);
	snprintf(reason, sizeof reason, "%s: expected %s, got %s", field, expected, got);
	tc_set(t, CASE_FAIL, reason);
}

/* r, a new buffer, gets the text of the calling function's fmt and variable arguments. */
#define TC_VTEXT(r, fmt) \
	char r[RUN_REASON_MAX]; \
	do { \
		va_list ap_; \
		va_start(ap_, fmt); \
		vsnprintf(r, sizeof r, fmt, ap_); \
		va_end(ap_); \
	} while (0)

#define TC_VSET(t, v, fmt) do { \
		TC_VTEXT(r_, fmt); \
		tc_set(t, v, r_); \
	} while (0)

void tc_warn(struct tc *t, const char *fmt, ...)
{
	TC_VSET(t, CASE_WARN, fmt);
}

void tc_inconc(struct tc *t, const char *fmt, ...)
{
	TC_VSET(t, CASE_INCONC, fmt);
}

void tc_none(struct tc *t, const char *fmt, ...)
{
	TC_VTEXT(r, fmt);
	tc_set(t, CASE_NONE, r);
	/* none is the lowest verdict: record why for a case that ends with nothing else */
	if (t->v == CASE_NONE && !t->reason[0])
		snprintf(t->reason, sizeof t->reason, "%s", r);
}

void tc_error(struct tc *t, const char *fmt, ...)
{
	TC_VSET(t, CASE_ERROR, fmt);
}

void tc_note(struct tc *t, const char *fmt, ...)
{
	TC_VTEXT(r, fmt);
	tc_logf(t, "note: %s", r);
}

/* ---- checks ---- */

static bool check_done(struct tc *t, bool ok, const char *field, const char *exp,
		       const char *got)
{
	if (ok) {
		tc_logf(t, "ok: %s = %s", field, got);
		tc_pass(t);
	} else {
		tc_fail(t, field, exp, "%s", got);
	}
	return ok;
}

bool tc_check_u(struct tc *t, const char *field, uint64_t expected, uint64_t got)
{
	char e[32], g[32];

	snprintf(e, sizeof e, "%" PRIu64, expected);
	snprintf(g, sizeof g, "%" PRIu64, got);
	return check_done(t, expected == got, field, e, g);
}

bool tc_check_x(struct tc *t, const char *field, uint64_t expected, uint64_t got)
{
	char e[32], g[32];

	snprintf(e, sizeof e, "0x%" PRIx64, expected);
	snprintf(g, sizeof g, "0x%" PRIx64, got);
	return check_done(t, expected == got, field, e, g);
}

bool tc_check_addr(struct tc *t, const char *field, uint32_t expected, uint32_t got)
{
	return check_done(t, expected == got, field, txt_ip4(expected).s, txt_ip4(got).s);
}

bool tc_check_true(struct tc *t, const char *field, const char *expected, bool cond,
		   const char *got_fmt, ...)
{
	char g[256];
	va_list ap;

	va_start(ap, got_fmt);
	vsnprintf(g, sizeof g, got_fmt, ap);
	va_end(ap);
	return check_done(t, cond, field, expected, g);
}

static uint64_t tolerance(const struct tc *t, uint64_t expected_ms)
{
	return params_ms(t->p, "tol-abs-ms") + expected_ms * params_u32(t->p, "tol-rel") / 100;
}

bool tc_check_at_least(struct tc *t, const char *field, uint64_t min_ms, uint64_t got_ms)
{
	uint64_t tol = tolerance(t, min_ms);
	char e[64], g[32];

	snprintf(e, sizeof e, ">= %" PRIu64 " ms -%" PRIu64, min_ms, tol);
	snprintf(g, sizeof g, "%" PRIu64 " ms", got_ms);
	return check_done(t, got_ms + tol >= min_ms, field, e, g);
}

bool tc_check_time(struct tc *t, const char *field, uint64_t expected_ms, uint64_t got_ms)
{
	uint64_t tol = tolerance(t, expected_ms);
	uint64_t d = got_ms > expected_ms ? got_ms - expected_ms : expected_ms - got_ms;
	char e[64], g[32];

	snprintf(e, sizeof e, "%" PRIu64 " ms ±%" PRIu64, expected_ms, tol);
	snprintf(g, sizeof g, "%" PRIu64 " ms", got_ms);
	return check_done(t, d <= tol, field, e, g);
}

/* ---- environment ---- */

const struct params *tc_params(const struct tc *t)
{
	return t->p;
}

bool tc_pics(const struct tc *t, const char *item)
{
	return params_pics(t->p, item);
}

bool tc_need(struct tc *t, unsigned cap)
{
	static const char *const links[TC_LINK_COUNT] = {
		"signalling", "tunnel (core) link", "home link", "access link",
	};
	const char *what = "a reference DUT (fault injection)";

	if ((t->net->caps & cap) == cap)
		return true;
	for (unsigned l = 0; l < TC_LINK_COUNT; l++)
		if (cap & TC_CAP(l))
			what = links[l];
	if (cap & TC_CAP_VIRTUAL_TIME)
		what = "virtual time";
	tc_none(t, "the tester has no %s with %s", what, t->net->name);
	return false;
}

bool tc_remote(const struct tc *t)
{
	return t->plan->remote[t->c->role];
}

bool tc_pixit_given(struct tc *t, const char *name)
{
	if (!params_text(t->p, PARAM_PIXIT, name) ||
	    (tc_remote(t) && !params_isset(t->p, PARAM_PIXIT, name))) {
		tc_none(t, "PIXIT %s is not set: the tester knows no such device", name);
		return false;
	}
	return true;
}

uint64_t tc_now_ms(const struct tc *t)
{
	return t->net->ops->now_ns(t->net->ctx) / 1000000;
}

uint64_t tc_ms(const struct tc *t, uint64_t ms)
{
	double x = (double)ms * t->scale;

	return x < 1 ? 1 : (uint64_t)(x + 0.5);
}

void *tc_alloc(struct tc *t, size_t n)
{
	struct tc_mem *m = calloc(1, sizeof *m + n);

	if (!m)
		oom();
	m->next = t->mem;
	t->mem = m;
	return m->data;
}

const char *tc_printf(struct tc *t, const char *fmt, ...)
{
	char small[256], *s;
	va_list ap;
	int n;

	if (!fmt) /* never; tells GCC's -Wformat-truncation under UBSan as much */
		return "";
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	s = tc_alloc(t, (size_t)n + 1);
	if ((size_t)n < sizeof small) {
		memcpy(s, small, (size_t)n + 1);
		return s;
	}
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

const char *tc_nai(struct tc *t, unsigned k)
{
	char id[64];
	const char *nai;
	size_t i;

	for (i = 0; t->c->id[i] && i < sizeof id - 1; i++)
		id[i] = (char)tolower((unsigned char)t->c->id[i]);
	id[i] = '\0';
	if (t->plan->run_id)
		nai = tc_printf(t, "%s-%u-%08x@%s", id, k, t->plan->run_id,
				params_str(t->p, "nai-realm"));
	else
		nai = tc_printf(t, "%s-%u@%s", id, k, params_str(t->p, "nai-realm"));
	if (t->n_nais < sizeof t->nais / sizeof t->nais[0]) /* for PIXIT hoa-base */
		t->nais[t->n_nais++] = (struct tc_dev){ nai, k };
	return nai;
}

uint64_t tc_dut_ntp(const struct tc *t)
{
	return ident_ntp_from_ns(t->net->ops->now_ns(t->net->ctx) + (uint64_t)t->ident_offset_ns);
}

int64_t tc_dut_offset_ns(const struct tc *t)
{
	return t->ident_offset_ns;
}

uint64_t tc_sent_ident(const struct tc *t, uint64_t ident)
{
	return t->restamped_from && ident == t->restamped_from ? t->restamped_to : ident;
}

void tc_resync_from(struct tc *t, const struct tc_rx *rx)
{
	uint64_t dut_ns = ident_ns_from_ntp(rx->m.ident & 0xffffffff00000000ull);

	t->ident_offset_ns = (int64_t)(dut_ns - rx->pkt.at_ns);
	tc_logf(t, "tester: the DUT's clock from the 133: offset %+lld ms (RFC 5944 §5.7.1)",
		(long long)(t->ident_offset_ns / 1000000));
}

uint64_t tc_ident(struct tc *t)
{
	uint64_t step, id = tc_profile_ident(t, tc_dut_ntp(t), &step);

	/* strictly newer than anything before in the case (RFC 5944 §5.7.1) */
	if (id <= t->last_ident)
		id = tc_profile_ident(t, t->last_ident, &step) + step;
	t->last_ident = id;
	t->last_ident_sent = false;
	return id;
}

uint32_t tc_node_addr(const struct tc *t, enum tc_node n)
{
	return t->node_addr[n];
}

uint16_t tc_node_port(const struct tc *t, enum tc_node n)
{
	return t->node_port[n];
}

const struct mip_sa *tc_sa(struct tc *t)
{
	return &t->sa;
}

const struct mip_sa *tc_mn_sa(struct tc *t)
{
	return &t->mn_sa;
}

/* ---- life cycle ---- */

void tc_init(struct tc *t, const struct run_plan *plan, const struct case_def *c,
	     const struct run_sink *sink, struct tc_net *net)
{
	uint32_t a;
	uint16_t port;

	memset(t, 0, sizeof *t);
	t->c = c;
	t->plan = plan;
	t->p = plan->params;
	t->sink = sink;
	t->net = net;
	t->scale = params_real(t->p, "time-scale");
	if (t->scale <= 0)
		t->scale = 1;
	params_sa(t->p, "sa", &t->sa);
	params_sa(t->p, "mn-sa", &t->mn_sa);
	port = (uint16_t)params_u32(t->p, "pma-port");
	t->node_addr[TC_PMA1] = params_addr(t->p, "pma1");
	t->node_addr[TC_PMA2] = params_addr(t->p, "pma2");
	t->node_addr[TC_PMA_DENIED] = params_addr(t->p, "ha.pma-denied");
	for (int n = TC_PMA1; n <= TC_PMA_DENIED; n++)
		t->node_port[n] = port;
	params_endpoint(t->p, "ha", &a, &port);
	t->node_addr[TC_HA] = a;
	t->node_port[TC_HA] = port;
	t->node_addr[TC_HA_ALT] = params_addr(t->p, "pma.ha-alt");
	t->node_port[TC_HA_ALT] = port;
	if (c->role == CASE_ROLE_HA) {
		t->dut_addr = a;
		t->dut_port = port;
	} else {
		params_endpoint(t->p, "pma", &t->dut_addr, &t->dut_port);
	}
}

void tc_finish(struct tc *t)
{
	while (t->mem) {
		struct tc_mem *m = t->mem;

		t->mem = m->next;
		free(m);
	}
	free(t->log);
	t->log = NULL;
}
