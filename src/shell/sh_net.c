/* sh_net.c — the shell's test bed (sh_net.h): the session's PICS and PIXIT, the DUTs
 * (references started in process, or remote ones), the mobile device and the
 * correspondent node, the session verdict and the capture; the commands pics, pixit,
 * start, stop, dut, verdict and capture.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ha.h"
#include "names.h"
#include "pcap_out.h"
#include "pma.h"
#include "run_files.h"
#include "run_report.h"
#include "sh_net.h"
#include "sh_priv.h"
#include "tc_mn.h"
#include "settings.h"

static const char *const role_word[CASE_ROLE_COUNT] = { "ha", "pma" };
static const char *const role_upper[CASE_ROLE_COUNT] = { "HA", "PMA" };

/* ---- the sink: capture, and what `debug` asks to see ---- */

static void addr_port(char *buf, size_t n, uint32_t a, uint16_t port)
{
	snprintf(buf, n, "%u.%u.%u.%u:%u", a >> 24, a >> 16 & 255, a >> 8 & 255, a & 255, port);
}

static void sink_packet(void *arg, const struct case_def *c, const struct tc_pkt *p,
			bool to_dut)
{
	static const char *const links[TC_LINK_COUNT] = { "sig", "core", "home", "access" };
	struct sh *sh = arg;
	struct sh_net *n = sh->net;
	char err[256], src[32], dst[32];

	(void)c;
	if (n->cap) {
		if (run_pcap_packet(n->cap, p, err, sizeof err) < 0)
			fprintf(sh->err, "capture: %s: a packet not recorded: %s\n", n->cap_path,
				err);
		else
			n->cap_packets++;
	}
	if (!(sh->debug & SH_DEBUG_IO))
		return;
	if (p->link == TC_LINK_SIG) {
		const char *ty = p->len ? name_of(&names_msg_type, p->buf[0]) : NULL;

		addr_port(src, sizeof src, p->ends.src, p->ends.sport);
		addr_port(dst, sizeof dst, p->ends.dst, p->ends.dport);
		fprintf(sh->out, "io: %s %s -> %s %s, %zu bytes\n", to_dut ? "tx" : "rx", src, dst,
			ty ? ty : "type ?", p->len);
	} else {
		fprintf(sh->out, "io: %s %s link, %zu bytes\n", to_dut ? "tx" : "rx",
			links[p->link], p->len);
	}
}

static void sink_dut_log(void *arg, const struct case_def *c, const char *line)
{
	struct sh *sh = arg;
	unsigned group = c->role == CASE_ROLE_HA ? SH_DEBUG_HA : SH_DEBUG_PMA;

	if (sh->debug & group)
		fprintf(sh->out, "%s: %s\n", role_word[c->role], line);
}

/* ---- the test bed ---- */

struct sh_net *sh_net_get(struct sh *sh, const struct lex_cmd *cmd)
{
	struct sh_net *n = sh->net;

	if (n)
		return n;
	n = calloc(1, sizeof *n);
	if (n)
		n->params = params_create();
	if (!n || !n->params) {
		free(n);
		sh_err_at(sh, cmd, NULL, "out of memory");
		return NULL;
	}
	n->sink = (struct run_sink){ NULL, sink_packet, sink_dut_log, NULL, sh };
	sh->net = n;
	return n;
}

static void capture_close(struct sh_net *n)
{
	pcap_out_destroy(n->cap);
	n->cap = NULL;
	free(n->cap_path);
	n->cap_path = NULL;
}

void sh_net_free(struct sh_net *n)
{
	if (!n)
		return;
	for (int r = 0; r < CASE_ROLE_COUNT; r++)
		sess_close(n->sess[r]);
	capture_close(n);
	params_destroy(n->params);
	free(n);
}

/* What the prompt shows (sh.h): the roles up, a remote DUT, the capture. */
static void prompt_update(struct sh *sh)
{
	struct sh_net *n = sh->net;
	size_t at = 0;

	sh->roles[0] = sh->dut[0] = '\0';
	for (int r = 0; r < CASE_ROLE_COUNT; r++) {
		uint32_t a;
		uint16_t port;

		if (!n->sess[r])
			continue;
		if (!n->remote[r]) {
			at += (size_t)snprintf(sh->roles + at, sizeof sh->roles - at, "%s%s",
					       at ? " " : "", role_word[r]);
			continue;
		}
		params_endpoint(n->params, role_word[r], &a, &port);
		addr_port(sh->dut, sizeof sh->dut, a, port);
	}
	if (n->mn && at < sizeof sh->roles)
		at += (size_t)snprintf(sh->roles + at, sizeof sh->roles - at, "%smn",
				       at ? " " : "");
	if (n->cn && at < sizeof sh->roles)
		snprintf(sh->roles + at, sizeof sh->roles - at, "%scn", at ? " " : "");
	sh->capture = n->cap != NULL;
}

struct sess *sh_net_sess(struct sh *sh, const struct lex_cmd *cmd, const struct lex_tok *at,
			 enum case_role role)
{
	if (sh->net && sh->net->sess[role])
		return sh->net->sess[role];
	sh_err_at(sh, cmd, at, "no %s is up (start %s, or dut %s ADDR[:PORT])", role_upper[role],
		  role_word[role], role_word[role]);
	return NULL;
}

int sh_net_resolve(void *arg, const char *name, uint32_t *addr, uint16_t *port)
{
	struct sh *sh = arg;
	const struct params *p;

	if (!sh->net)
		return -1;
	p = sh->net->params;
	if (!strcmp(name, "pma1") || !strcmp(name, "pma2") || !strcmp(name, "pma-denied")) {
		*addr = params_addr(p, !strcmp(name, "pma-denied") ? "ha.pma-denied" : name);
		*port = (uint16_t)params_u32(p, "pma-port");
		return *addr ? 0 : -1;
	}
	if (!strcmp(name, "ha") || !strcmp(name, "pma")) {
		params_endpoint(p, name, addr, port);
		return 0;
	}
	if (!strcmp(name, "cn")) {
		*addr = sh->net->cn ? sh->net->cn_addr : params_addr(p, "pma.cn");
		return 0;
	}
	return -1;
}

const struct mip_sa *sh_net_sa(void *arg, enum auth_kind kind, uint32_t spi)
{
	static struct mip_sa sa;
	struct sh *sh = arg;

	if (!sh->net)
		return NULL;
	params_sa(sh->net->params, kind == AUTH_KIND_MNHA ? "mn-sa" : "sa", &sa);
	return sa.spi == spi ? &sa : NULL;
}

void sh_net_flush(struct sh *sh)
{
	struct sh_net *n = sh->net;

	if (!n)
		return;
	for (int r = 0; r < CASE_ROLE_COUNT; r++) {
		size_t len, at = n->log_seen[r];
		const char *log;

		if (!n->sess[r])
			continue;
		log = tc_log(sess_tc(n->sess[r]), &len);
		if (at > len) /* the log was reset */
			at = 0;
		if (sh->debug & SH_DEBUG_CASES) {
			while (at < len) {
				const char *nl = memchr(log + at, '\n', len - at);
				size_t end = nl ? (size_t)(nl - log) : len;

				fprintf(sh->out, "%s: %.*s\n", role_word[r], (int)(end - at),
					log + at);
				at = end + 1;
			}
		}
		n->log_seen[r] = (unsigned)len;
	}
}

enum case_verdict sh_net_verdict(struct sh *sh, const char **reason)
{
	enum case_verdict v = CASE_NONE;

	*reason = "";
	if (!sh->net)
		return v;
	v = sh->net->closed_v;
	*reason = sh->net->closed_reason;
	for (int r = 0; r < CASE_ROLE_COUNT; r++) {
		struct tc *t = sh->net->sess[r] ? sess_tc(sh->net->sess[r]) : NULL;

		if (t && tc_verdict(t) > v) {
			v = tc_verdict(t);
			*reason = tc_reason(t);
		}
	}
	return v;
}

int sh_net_fault(enum case_role role, const char *name)
{
	int count = role == CASE_ROLE_HA ? HA_FAULT_COUNT : PMA_FAULT_COUNT;

	for (int f = 0; f < count; f++) {
		const char *fn = role == CASE_ROLE_HA ? ha_fault_name((enum ha_fault)f)
						      : pma_fault_name((enum pma_fault)f);

		if (fn && !strcmp(fn, name))
			return f;
	}
	return -1;
}

/* ---- pics, pixit ---- */

static int c_param(struct sh *sh, const struct lex_cmd *cmd, size_t first, enum param_kind k)
{
	struct sh_net *n = sh_net_get(sh, cmd);
	struct lex_err le;

	(void)first;
	if (!n)
		return -1;
	if (run_param_stmt(n->params, cmd, k, &le) < 0)
		return sh_err_lex(sh, &le);
	return 0;
}

static int c_pics(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	return c_param(sh, cmd, first, PARAM_PICS);
}

static int c_pixit(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	return c_param(sh, cmd, first, PARAM_PIXIT);
}

static unsigned k_param(enum param_kind k, const struct lex_tok *toks, size_t n, sh_add_fn add,
			void *arg)
{
	size_t nt;
	const struct param_table *const *tabs = param_tables(&nt);

	if (n == 1) {
		for (size_t i = 0; i < nt; i++)
			if (tabs[i]->kind == k)
				for (size_t d = 0; d < tabs[i]->n; d++)
					add(arg, tabs[i]->defs[d].name);
	} else if (n == 2 && k == PARAM_PICS) {
		add(arg, "yes");
		add(arg, "no");
	}
	(void)toks;
	return 0;
}

static unsigned k_pics(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
		       void *arg)
{
	(void)sh;
	return k_param(PARAM_PICS, toks, n, add, arg);
}

static unsigned k_pixit(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
			void *arg)
{
	(void)sh;
	return k_param(PARAM_PIXIT, toks, n, add, arg);
}

/* ---- start, stop, dut ---- */

static int role_of(struct sh *sh, const struct lex_cmd *cmd, size_t i, bool devices)
{
	const char *w = i < cmd->n ? cmd->tok[i].text : NULL;

	if (w && cmd->tok[i].kind == LEX_WORD) {
		for (int r = 0; r < CASE_ROLE_COUNT; r++)
			if (!strcmp(w, role_word[r]))
				return r;
		if (devices && !strcmp(w, "mn"))
			return CASE_ROLE_COUNT;
		if (devices && !strcmp(w, "cn"))
			return CASE_ROLE_COUNT + 1;
	}
	return sh_err_at(sh, cmd, i < cmd->n ? &cmd->tok[i] : NULL, "expected %s, got %s",
			 devices ? "ha, pma, mn or cn" : "ha or pma",
			 w ? w : "end of command");
}

static int open_role(struct sh *sh, const struct lex_cmd *cmd, enum case_role r, bool remote,
		     uint64_t faults)
{
	struct sh_net *n = sh->net;
	char err[256];
	uint32_t a;
	uint16_t port;

	if (n->sess[r])
		return sh_err_at(sh, cmd, &cmd->tok[1], "the %s is already up (stop %s first)",
				 role_upper[r], role_word[r]);
	n->sess[r] = sess_open(r, n->params, remote, faults, &n->sink, err, sizeof err);
	if (!n->sess[r])
		return sh_err_at(sh, cmd, NULL, "%s: %s", role_word[r], err);
	n->remote[r] = remote;
	n->faults[r] = faults;
	n->log_seen[r] = 0;
	params_endpoint(n->params, role_word[r], &a, &port);
	addr_port(err, sizeof err, a, port);
	if (remote)
		fprintf(sh->out, "%s: %s over UDP (real clock)\n", role_word[r],
			sess_net(n->sess[r])->name);
	else
		fprintf(sh->out, "%s: %s at %s (virtual clock)\n", role_word[r],
			sess_net(n->sess[r])->name, err);
	prompt_update(sh);
	return 0;
}

static void close_role(struct sh *sh, enum case_role r)
{
	struct sh_net *n = sh->net;

	struct tc *t = sess_tc(n->sess[r]);

	if (r == CASE_ROLE_PMA)
		n->mn = false;
	sh_net_flush(sh);
	if (tc_verdict(t) > n->closed_v) {
		n->closed_v = tc_verdict(t);
		snprintf(n->closed_reason, sizeof n->closed_reason, "%s", tc_reason(t));
	}
	sess_close(n->sess[r]);
	n->sess[r] = NULL;
	n->remote[r] = false;
}

static int parse_mac(const char *s, uint8_t mac[6])
{
	unsigned v[6];
	char tail;

	if (sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x%c", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5],
		   &tail) != 6)
		return -1;
	for (int i = 0; i < 6; i++)
		mac[i] = (uint8_t)v[i];
	return 0;
}

/* start mn [MAC]: the device attaches (tc_attach: DHCP DISCOVER on the access link, or
 * the PIXIT hook pma.attach-cmd). */
static int start_mn(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	struct sh_net *n = sh->net;
	struct sess *s;
	bool ok;

	if (sh_want_args(sh, cmd, first + 1, 0, 1, "start mn [MAC]") < 0)
		return -1;
	if (n->mn)
		return sh_err_at(sh, cmd, &cmd->tok[first], "the mobile device is already up "
				 "(stop mn first)");
	s = sh_net_sess(sh, cmd, &cmd->tok[first], CASE_ROLE_PMA);
	if (!s)
		return -1;
	tc_mn_mac(1, n->mn_mac);
	if (cmd->n > first + 1 && parse_mac(cmd->tok[first + 1].text, n->mn_mac) < 0)
		return sh_err_at(sh, cmd, &cmd->tok[first + 1],
				 "expected a MAC address XX:XX:XX:XX:XX:XX, got '%s'",
				 cmd->tok[first + 1].text);
	ok = tc_attach(sess_tc(s), n->mn_mac);
	sh_net_flush(sh);
	if (!ok)
		return sh_err_at(sh, cmd, NULL, "mn: the device could not attach: %s",
				 tc_reason(sess_tc(s)));
	n->mn = true;
	fprintf(sh->out, "mn: %s attached\n", tc_mn_macstr(sess_tc(s), n->mn_mac));
	prompt_update(sh);
	return 0;
}

static int start_cn(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	struct sh_net *n = sh->net;
	uint32_t a = params_addr(n->params, "pma.cn");

	if (sh_want_args(sh, cmd, first + 1, 0, 1, "start cn [ADDR]") < 0)
		return -1;
	if (cmd->n > first + 1 && settings_addr(cmd->tok[first + 1].text, &a) < 0)
		return sh_err_at(sh, cmd, &cmd->tok[first + 1], "expected an IPv4 address, got "
				 "'%s'", cmd->tok[first + 1].text);
	n->cn = true;
	n->cn_addr = a;
	fprintf(sh->out, "cn: %u.%u.%u.%u on the home link\n", a >> 24, a >> 16 & 255,
		a >> 8 & 255, a & 255);
	prompt_update(sh);
	return 0;
}

/* start ha|pma [--fault NAME]... | start mn [MAC] | start cn [ADDR] */
static int c_start(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	struct sh_net *n = sh_net_get(sh, cmd);
	uint64_t faults = 0;
	int r;

	if (!n || (r = role_of(sh, cmd, first, true)) < 0)
		return -1;
	if (r == CASE_ROLE_COUNT)
		return start_mn(sh, cmd, first);
	if (r == CASE_ROLE_COUNT + 1)
		return start_cn(sh, cmd, first);
	for (size_t i = first + 1; i < cmd->n; i += 2) {
		int f;

		if (strcmp(cmd->tok[i].text, "--fault") || cmd->tok[i].kind != LEX_WORD)
			return sh_err_at(sh, cmd, &cmd->tok[i], "expected --fault NAME, got '%s'",
					 cmd->tok[i].text);
		if (i + 1 == cmd->n)
			return sh_err_at(sh, cmd, NULL, "--fault needs a fault name "
				 "(pmip4ct %s --fault list)", role_word[r]);
		f = sh_net_fault((enum case_role)r, cmd->tok[i + 1].text);
		if (f < 0)
			return sh_err_at(sh, cmd, &cmd->tok[i + 1], "unknown %s fault '%s' "
					 "(pmip4ct %s --fault list)", role_word[r],
					 cmd->tok[i + 1].text, role_word[r]);
		faults |= (uint64_t)1 << f;
	}
	return open_role(sh, cmd, (enum case_role)r, false, faults);
}

/* stop ha|pma|mn|cn|all */
static int c_stop(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	struct sh_net *n = sh_net_get(sh, cmd);
	int r;

	if (!n || sh_want_args(sh, cmd, first, 1, 1, "stop ha|pma|mn|cn|all") < 0)
		return -1;
	if (!strcmp(cmd->tok[first].text, "all")) {
		for (int k = 0; k < CASE_ROLE_COUNT; k++)
			if (n->sess[k])
				close_role(sh, (enum case_role)k);
		n->cn = false;
		prompt_update(sh);
		return 0;
	}
	if ((r = role_of(sh, cmd, first, true)) < 0)
		return -1;
	if (r == CASE_ROLE_COUNT) {
		bool ok;

		if (!n->mn)
			return sh_err_at(sh, cmd, &cmd->tok[first], "the mobile device is not up");
		ok = tc_detach(sess_tc(n->sess[CASE_ROLE_PMA]), n->mn_mac);
		sh_net_flush(sh);
		n->mn = false;
		prompt_update(sh);
		return ok ? 0 : sh_err_at(sh, cmd, NULL, "mn: the device could not detach");
	}
	if (r == CASE_ROLE_COUNT + 1) {
		n->cn = false;
	} else {
		if (!n->sess[r])
			return sh_err_at(sh, cmd, &cmd->tok[first], "no %s is up", role_upper[r]);
		close_role(sh, (enum case_role)r);
	}
	prompt_update(sh);
	return 0;
}

/* dut ha|pma ADDR[:PORT]: a DUT started on its own, over UDP from the tester's PIXIT
 * addresses (pma1, pma2, ha.pma-denied at pma-port; or ha). */
static int c_dut(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	struct sh_net *n = sh_net_get(sh, cmd);
	char why[200];
	int r;

	if (!n || sh_want_args(sh, cmd, first, 2, 2, "dut ha|pma ADDR[:PORT]") < 0 ||
	    (r = role_of(sh, cmd, first, false)) < 0)
		return -1;
	if (n->sess[r])
		return sh_err_at(sh, cmd, &cmd->tok[first], "the %s is already up (stop %s "
				 "first)", role_upper[r], role_word[r]);
	if (params_set(n->params, PARAM_PIXIT, role_word[r], cmd->tok[first + 1].text, why,
		       sizeof why) < 0)
		return sh_err_at(sh, cmd, &cmd->tok[first + 1], "%s", why);
	return open_role(sh, cmd, (enum case_role)r, true, 0);
}

static unsigned k_role(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
		       void *arg)
{
	(void)sh;
	if (n == 1) {
		add(arg, "ha");
		add(arg, "pma");
		if (!strcmp(toks[0].text, "dut"))
			return 0;
		add(arg, "mn");
		add(arg, "cn");
		if (!strcmp(toks[0].text, "stop"))
			add(arg, "all");
	} else if (!strcmp(toks[0].text, "start") && n >= 2 &&
		   (!strcmp(toks[1].text, "ha") || !strcmp(toks[1].text, "pma"))) {
		if (!strcmp(toks[n - 1].text, "--fault")) {
			bool ha = !strcmp(toks[1].text, "ha");
			int count = ha ? HA_FAULT_COUNT : PMA_FAULT_COUNT;

			for (int f = 0; f < count; f++) {
				const char *fn = ha ? ha_fault_name((enum ha_fault)f)
						    : pma_fault_name((enum pma_fault)f);

				if (fn)
					add(arg, fn);
			}
		} else {
			add(arg, "--fault");
		}
	}
	return 0;
}

/* ---- verdict ---- */

static int c_verdict(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	const char *reason;
	enum case_verdict v;

	if (sh_want_args(sh, cmd, first, 0, 1, "verdict [reset]") < 0)
		return -1;
	if (cmd->n > first) {
		if (strcmp(cmd->tok[first].text, "reset"))
			return sh_err_at(sh, cmd, &cmd->tok[first], "expected reset, got '%s'",
					 cmd->tok[first].text);
		if (!sh->net)
			return 0;
		for (int r = 0; r < CASE_ROLE_COUNT; r++)
			if (sh->net->sess[r]) {
				sess_reset(sh->net->sess[r]);
				sh->net->log_seen[r] = 0;
			}
		sh->net->closed_v = CASE_NONE;
		sh->net->closed_reason[0] = '\0';
		return 0;
	}
	v = sh_net_verdict(sh, &reason);
	fprintf(sh->out, "verdict: %s%s%s\n", case_verdict_name(v), reason[0] ? ": " : "",
		reason);
	return 0;
}

static unsigned k_verdict(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
			  void *arg)
{
	(void)sh;
	(void)toks;
	if (n == 1)
		add(arg, "reset");
	return 0;
}

/* ---- capture ---- */

static int c_capture(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	struct sh_net *n = sh_net_get(sh, cmd);
	const char *w = cmd->n > first ? cmd->tok[first].text : "";
	char err[256];

	if (!n)
		return -1;
	if (!strcmp(w, "stop")) {
		if (sh_want_args(sh, cmd, first, 1, 1, "capture stop") < 0)
			return -1;
		if (!n->cap)
			return sh_err_at(sh, cmd, &cmd->tok[first], "no capture is running");
		fprintf(sh->out, "capture: %lu packets in %s\n", n->cap_packets, n->cap_path);
		capture_close(n);
		prompt_update(sh);
		return 0;
	}
	if (strcmp(w, "start"))
		return sh_err_at(sh, cmd, cmd->n > first ? &cmd->tok[first] : NULL,
				 "usage: capture start FILE | capture stop");
	if (sh_want_args(sh, cmd, first, 2, 2, "capture start FILE") < 0)
		return -1;
	if (n->cap)
		return sh_err_at(sh, cmd, &cmd->tok[first], "a capture is running into %s "
				 "(capture stop first)", n->cap_path);
	n->cap_path = strdup(cmd->tok[first + 1].text);
	n->cap = n->cap_path ? pcap_out_create(n->cap_path, err, sizeof err) : NULL;
	if (!n->cap) {
		free(n->cap_path);
		n->cap_path = NULL;
		return sh_err_at(sh, cmd, &cmd->tok[first + 1], "capture: %s", err);
	}
	n->cap_packets = 0;
	prompt_update(sh);
	return 0;
}

static unsigned k_capture(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
			  void *arg)
{
	(void)sh;
	if (n == 1) {
		add(arg, "start");
		add(arg, "stop");
		return 0;
	}
	return n == 2 && !strcmp(toks[1].text, "start") ? SH_COMPLETE_FILES : 0;
}

static const struct sh_command net_rows[] = {
	{ "pics", "pics ITEM yes|no",
	  "Set a PICS item of the session (pmip4ct-cases(7)), as in a PICS file: what the\n"
	  "DUT claims.  Read by the DUTs started after it and by run case / run suite.\n",
	  c_pics, k_pics, 0 },
	{ "pixit", "pixit NAME VALUE",
	  "Set a PIXIT item of the session (pmip4ct-cases(7)), as in a PIXIT file: addresses,\n"
	  "ports, SAs, timers.  Read by the DUTs started after it, by send and expect (node\n"
	  "names, SAs) and by run case / run suite.\n",
	  c_pixit, k_pixit, 0 },
	{ "start", "start ha|pma [--fault NAME]... | start mn [MAC] | start cn [ADDR]",
	  "Start a built-in reference as the DUT, in process, on its own virtual clock: ha\n"
	  "(the tester plays pma1, pma2) or pma (the tester plays its HA); --fault breaks one\n"
	  "behaviour of it on purpose.  mn attaches the mobile device to the PMA's access\n"
	  "link (DHCP DISCOVER; MAC default 02:00:00:00:01:01); cn names the correspondent\n"
	  "node on the HA's home link (default PIXIT pma.cn).\n",
	  c_start, k_role, 0 },
	{ "stop", "stop ha|pma|mn|cn|all",
	  "Stop a DUT's session (a remote DUT gets a case's postamble: revocations are\n"
	  "acknowledged, bindings removed), detach the mobile device, or drop the cn.\n",
	  c_stop, k_role, 0 },
	{ "dut", "dut ha|pma ADDR[:PORT]",
	  "Test a DUT started on its own, over UDP on the real clock: sets PIXIT ha or pma\n"
	  "and binds the tester's addresses of the PIXIT (pma1, pma2 at pma-port; or ha).\n",
	  c_dut, k_role, 0 },
	{ "verdict", "verdict [reset]",
	  "Print the session verdict: the worst of every expect since the start or the last\n"
	  "'verdict reset' (pass, fail, inconc, none, error), with the first reason of it.\n"
	  "A script or -c whose session verdict is fail or error exits with status 1.\n",
	  c_verdict, k_verdict, 0 },
	{ "capture", "capture start FILE | capture stop",
	  "Write every packet between the tester and the DUTs to a pcap file, flushed packet\n"
	  "by packet, until 'capture stop'.\n",
	  c_capture, k_capture, 0 },
};

SH_TABLE(sh_net_table, net_rows);
