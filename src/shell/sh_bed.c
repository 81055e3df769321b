/* sh_bed.c — the commands of the shell's test bed (sh_net.h): pics, pixit, start, stop,
 * dut, verdict and capture.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ha.h"
#include "pcap_out.h"
#include "pma.h"
#include "run_files.h"
#include "settings.h"
#include "sh_net.h"
#include "sh_priv.h"
#include "tc_mn.h"
#include "txt.h"

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
	} else if (n == 2) {
		const struct param_def *d = param_find(k, toks[1].text);

		if (d && d->type == PARAM_BOOL) {
			add(arg, "yes");
			add(arg, "no");
		} else if (d && d->def && d->def[0] && !strpbrk(d->def, " \t\"")) {
			add(arg, d->def); /* its default: what the value looks like */
		}
	}
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
			if (!strcmp(w, sh_role_word[r]))
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
	if (cmd->n > first + 1 && settings_mac(cmd->tok[first + 1].text, n->mn_mac) < 0)
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
	sh_net_prompt(sh);
	return 0;
}

static int start_cn(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	struct sh_net *n = sh->net;
	uint32_t a = params_addr(n->params, "ha.cn");

	if (sh_want_args(sh, cmd, first + 1, 0, 1, "start cn [ADDR]") < 0)
		return -1;
	if (cmd->n > first + 1 && settings_addr(cmd->tok[first + 1].text, &a) < 0)
		return sh_err_at(sh, cmd, &cmd->tok[first + 1], "expected an IPv4 address, got "
				 "'%s'", cmd->tok[first + 1].text);
	n->cn = true;
	n->cn_addr = a;
	fprintf(sh->out, "cn: %s on the home link\n", txt_ip4(a).s);
	sh_net_prompt(sh);
	return 0;
}

/* start ha|pma [--fault NAME]... | start mn [MAC] | start cn [ADDR] */
static int c_start(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	struct sh_net *n = sh_net_get(sh, cmd);
	struct bitset faults = { { 0 } };
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
				 "(pmip4ct %s --fault list)", sh_role_word[r]);
		f = sh_net_fault((enum case_role)r, cmd->tok[i + 1].text);
		if (f < 0)
			return sh_err_at(sh, cmd, &cmd->tok[i + 1], "unknown %s fault '%s' "
					 "(pmip4ct %s --fault list)", sh_role_word[r],
					 cmd->tok[i + 1].text, sh_role_word[r]);
		bitset_add(&faults, (unsigned)f);
	}
	return sh_net_open(sh, cmd, (enum case_role)r, false, faults);
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
				sh_net_close(sh, (enum case_role)k);
		n->cn = false;
		sh_net_prompt(sh);
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
		sh_net_prompt(sh);
		return ok ? 0 : sh_err_at(sh, cmd, NULL, "mn: the device could not detach");
	}
	if (r == CASE_ROLE_COUNT + 1) {
		n->cn = false;
	} else {
		if (!n->sess[r])
			return sh_err_at(sh, cmd, &cmd->tok[first], "no %s is up", sh_role_upper[r]);
		sh_net_close(sh, (enum case_role)r);
	}
	sh_net_prompt(sh);
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
				 "first)", sh_role_upper[r], sh_role_word[r]);
	if (params_set(n->params, PARAM_PIXIT, sh_role_word[r], cmd->tok[first + 1].text, why,
		       sizeof why) < 0)
		return sh_err_at(sh, cmd, &cmd->tok[first + 1], "%s", why);
	return sh_net_open(sh, cmd, (enum case_role)r, true, (struct bitset){ { 0 } });
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
		sh_net_capture_close(n);
		sh_net_prompt(sh);
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
	sh_net_prompt(sh);
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
	  "link (DHCP DISCOVER; MAC default 02:00:00:00:01:01; a remote PMA's with PIXIT\n"
	  "access.if); cn names the correspondent node on the HA's home link (default\n"
	  "PIXIT ha.cn; a remote HA's with PIXIT home.if).\n",
	  c_start, k_role, SH_CMD_SUBWORD },
	{ "stop", "stop ha|pma|mn|cn|all",
	  "Stop a DUT's session (a remote DUT gets a case's postamble: revocations are\n"
	  "acknowledged, bindings removed), detach the mobile device, or drop the cn.\n",
	  c_stop, k_role, SH_CMD_SUBWORD },
	{ "dut", "dut ha|pma ADDR[:PORT]",
	  "Test a DUT started on its own, over UDP on the real clock: sets PIXIT ha or pma\n"
	  "and binds the tester's addresses of the PIXIT (pma1, pma2 at pma-port; or ha).\n",
	  c_dut, k_role, SH_CMD_SUBWORD },
	{ "verdict", "verdict [reset]",
	  "Print the session verdict: the worst of every expect since the start or the last\n"
	  "'verdict reset' (pass, fail, inconc, none, error), with the first reason of it.\n"
	  "A script or -c whose session verdict is fail or error exits with status 1.\n",
	  c_verdict, k_verdict, SH_CMD_SUBWORD },
	{ "capture", "capture start FILE | capture stop",
	  "Write every packet between the tester and the DUTs to a pcap file, flushed packet\n"
	  "by packet, until 'capture stop'.\n",
	  c_capture, k_capture, SH_CMD_SUBWORD },
};

SH_TABLE(sh_net_table, net_rows);
