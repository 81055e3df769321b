/* sh_show.c — `show bindings|sessions|counters|config` (pmip4ct-shell(7), STYLE.md habit
 * 13): the state of the built-in references the shell started (the HA's binding table,
 * the PMA's sessions, their counters: the dumps of `pmip4ct ha` and `pmip4ct pma`, read
 * on the references' virtual clocks, so a script prints the same bytes every run), and
 * the session's PICS, PIXIT and DUTs written as statements that can be read again.
 */
#include <stdio.h>
#include <string.h>

#include "ha_dump.h"
#include "pma_dump.h"
#include "sh_net.h"
#include "sh_priv.h"
#include "tc_mn.h"
#include "txt.h"

#define SHOW_DEVS 16    /* the tester's devices `show sessions` looks for: tc_mn_mac(1..) */
#define SHOW_COL 40     /* where "(default)" starts in `show config` */

static const char *const role_word[CASE_ROLE_COUNT] = { "ha", "pma" };

/* The backend of role's reference, or NULL after reporting why there is none: no DUT of
 * that role, or a remote one (its state is in another process). */
static const struct tc_net *show_ref(struct sh *sh, const struct lex_cmd *cmd, size_t at,
				     enum case_role role)
{
	struct sess *s = sh_net_sess(sh, cmd, &cmd->tok[at], role);

	if (!s)
		return NULL;
	if (sh->net->remote[role]) {
		sh_err_at(sh, cmd, &cmd->tok[at], "the DUT is %s, started on its own: only a "
			  "built-in reference (start %s) can be inspected", sess_net(s)->name,
			  role_word[role]);
		return NULL;
	}
	return sess_net(s);
}

static uint64_t show_now(const struct tc_net *n)
{
	return n->ops->now_ns(n->ctx);
}

/* ---- bindings, sessions, counters ---- */

static int show_bindings(struct sh *sh, const struct lex_cmd *cmd, size_t at)
{
	const struct tc_net *n = show_ref(sh, cmd, at, CASE_ROLE_HA);

	if (!n)
		return -1;
	ha_dump_bindings(sh->out, net_ref_ha_agent(n, NULL), show_now(n));
	return 0;
}

/* Add mac to devs (once), with its NAI from PIXIT pma.nai-pattern, as tc_mn_nai. */
static void dev_add(struct pma_dump_dev *devs, char (*nai)[128], unsigned *n,
		    const uint8_t mac[6], const char *pattern)
{
	for (unsigned i = 0; i < *n; i++)
		if (!memcmp(devs[i].mac, mac, 6))
			return;
	memcpy(devs[*n].mac, mac, 6);
	if (pma_link_nai(pattern, mac, nai[*n], sizeof nai[*n]) < 0)
		snprintf(nai[*n], sizeof nai[*n], "(bad PIXIT pma.nai-pattern)");
	devs[*n].nai = nai[*n];
	(*n)++;
}

/* The PMA keeps sessions by MAC and cannot list them: the table shows the devices the
 * shell knows (the mobile device of `start mn`, the tester's devices 02:00:00:00:01:kk),
 * and says how many others there are. */
static int show_sessions(struct sh *sh, const struct lex_cmd *cmd, size_t at)
{
	const struct tc_net *n = show_ref(sh, cmd, at, CASE_ROLE_PMA);
	const char *pattern = params_str(sh->net->params, "pma.nai-pattern");
	struct pma_dump_dev devs[SHOW_DEVS + 1];
	char nai[SHOW_DEVS + 1][128];
	struct pma_session_info info;
	unsigned nd = 0, shown = 0, all;
	struct pma *p;

	if (!n)
		return -1;
	p = net_ref_pma_agent(n, NULL);
	if (sh->net->mn)
		dev_add(devs, nai, &nd, sh->net->mn_mac, pattern);
	for (unsigned k = 1; k <= SHOW_DEVS; k++) {
		uint8_t mac[6];

		tc_mn_mac(k, mac);
		dev_add(devs, nai, &nd, mac, pattern);
	}
	pma_dump_sessions(sh->out, p, devs, nd, show_now(n));
	for (unsigned i = 0; i < nd; i++)
		shown += pma_session(p, devs[i].mac, &info) == 0;
	all = pma_session_count(p);
	if (all > shown)
		fprintf(sh->out, "  (%u more session%s, of devices the shell does not know)\n",
			all - shown, all - shown == 1 ? "" : "s");
	return 0;
}

static void counters_of(struct sh *sh, enum case_role r, const struct tc_net *n)
{
	if (r == CASE_ROLE_HA) {
		struct ha_fwd *fw;
		struct ha *ha = net_ref_ha_agent(n, &fw);

		ha_dump_summary(sh->out, "ha: ", ha);
		ha_dump_fwd(sh->out, "ha: ", &fw->st, 0);
	} else {
		struct pma_link *link;
		struct pma *p = net_ref_pma_agent(n, &link);

		pma_dump_summary(sh->out, "pma: ", p, link);
	}
}

/* Every reference that is up; a remote DUT gets a line saying it cannot be read. */
static int show_counters(struct sh *sh, const struct lex_cmd *cmd, size_t at)
{
	struct sh_net *net = sh->net;
	int refs = 0, up = 0;

	for (int r = 0; r < CASE_ROLE_COUNT; r++) {
		up += net->sess[r] != NULL;
		refs += net->sess[r] && !net->remote[r];
	}
	if (!up)
		return sh_err_at(sh, cmd, &cmd->tok[at], "no DUT is up (start ha|pma, or dut "
				 "ha|pma ADDR[:PORT])");
	if (!refs)
		return sh_err_at(sh, cmd, &cmd->tok[at], "the DUTs up were started on their own: "
				 "only a built-in reference (start ha|pma) can be inspected");
	for (int r = 0; r < CASE_ROLE_COUNT; r++) {
		if (!net->sess[r])
			continue;
		if (net->remote[r])
			fprintf(sh->out, "%s: %s, started on its own: no counters (only a built-in "
				"reference can be inspected)\n", role_word[r],
				sess_net(net->sess[r])->name);
		else
			counters_of(sh, (enum case_role)r, sess_net(net->sess[r]));
	}
	return 0;
}

/* ---- config ---- */

/* A value as one word of the grammar (lex.h), else as a "string" with escapes.  A '$'
 * stays as it is: the output is a PIXIT file, which has no variables. */
static int put_value(FILE *f, const char *v)
{
	bool word = *v && !strstr(v, "==") && !strstr(v, "!=");
	int n = 0;

	for (const unsigned char *p = (const unsigned char *)v; *p && word; p++)
		word = *p > ' ' && *p < 0x7f && !strchr("\"';#<>", *p);
	if (word)
		return fprintf(f, "%s", v);
	n += fprintf(f, "\"");
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		if (*p == '"' || *p == '\\')
			n += fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			n += fprintf(f, "\\n");
		else if (*p == '\t')
			n += fprintf(f, "\\t");
		else if (*p < ' ' || *p >= 0x7f)
			n += fprintf(f, "\\x%02x", *p);
		else
			n += fprintf(f, "%c", *p);
	}
	return n + fprintf(f, "\"");
}

/* Every item of kind k: the ones set as statements, the others commented out with their
 * default, so the output read again sets exactly what was set. */
static void config_items(struct sh *sh, enum param_kind k)
{
	const char *kw = k == PARAM_PICS ? "pics" : "pixit";
	const struct params *p = sh->net->params;
	size_t nt;
	const struct param_table *const *tabs = param_tables(&nt);

	for (size_t t = 0; t < nt; t++) {
		if (tabs[t]->kind != k)
			continue;
		for (size_t d = 0; d < tabs[t]->n; d++) {
			const char *name = tabs[t]->defs[d].name, *v = params_text(p, k, name);
			bool set = params_isset(p, k, name);
			int col = fprintf(sh->out, "%s%s %s", set ? "" : "# ", kw, name);

			if (v) {
				fputc(' ', sh->out);
				col += 1 + put_value(sh->out, v);
			}
			if (set)
				fputc('\n', sh->out);
			else
				fprintf(sh->out, "%*s(%s)\n", col < SHOW_COL ? SHOW_COL - col : 1,
					"", v ? "default" : "unset, no default");
		}
	}
}

/* The DUTs and devices up, as the shell commands that start them again. */
static void config_duts(struct sh *sh)
{
	struct sh_net *net = sh->net;
	const uint8_t *m = net->mn_mac;
	bool any = false;

	fprintf(sh->out, "# DUTs: the shell commands that start them (not PIXIT statements)\n");
	for (int r = 0; r < CASE_ROLE_COUNT; r++) {
		uint32_t a;
		uint16_t port;

		if (!net->sess[r])
			continue;
		any = true;
		if (net->remote[r]) {
			params_endpoint(net->params, role_word[r], &a, &port);
			fprintf(sh->out, "#   dut %s %s:%u\n", role_word[r], txt_ip4(a).s, port);
			continue;
		}
		fprintf(sh->out, "#   start %s", role_word[r]);
		for (int f = 0; f < (r == CASE_ROLE_HA ? HA_FAULT_COUNT : PMA_FAULT_COUNT); f++) {
			const char *fn = !bitset_has(&net->faults[r], (unsigned)f) ? NULL :
					 r == CASE_ROLE_HA ? ha_fault_name((enum ha_fault)f) :
					 pma_fault_name((enum pma_fault)f);

			if (fn)
				fprintf(sh->out, " --fault %s", fn);
		}
		fputc('\n', sh->out);
	}
	if (net->mn)
		fprintf(sh->out, "#   start mn %02x:%02x:%02x:%02x:%02x:%02x\n", m[0], m[1], m[2],
			m[3], m[4], m[5]);
	if (net->cn)
		fprintf(sh->out, "#   start cn %s\n", txt_ip4(net->cn_addr).s);
	if (!any)
		fprintf(sh->out, "#   (none: run case and run suite start a reference per case)\n");
}

static int show_config(struct sh *sh, const struct lex_cmd *cmd, size_t at)
{
	(void)cmd;
	(void)at;
	fprintf(sh->out, "# PICS: what the DUT claims\n");
	config_items(sh, PARAM_PICS);
	fprintf(sh->out, "# PIXIT: what the tester needs\n");
	config_items(sh, PARAM_PIXIT);
	config_duts(sh);
	return 0;
}

/* ---- the command ---- */

static const struct {
	const char *word;
	int (*fn)(struct sh *sh, const struct lex_cmd *cmd, size_t at);
} shows[] = {
	{ "bindings", show_bindings },
	{ "sessions", show_sessions },
	{ "counters", show_counters },
	{ "config", show_config },
};

#define N_SHOWS (sizeof shows / sizeof shows[0])

static int c_show(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	const char *usage = "show bindings|sessions|counters|config";
	struct sh_suggest s;
	const char *w;

	if (sh_want_args(sh, cmd, first, 1, 1, usage) < 0 || !sh_net_get(sh, cmd))
		return -1;
	w = cmd->tok[first].text;
	for (size_t k = 0; k < N_SHOWS; k++)
		if (!strcmp(w, shows[k].word))
			return shows[k].fn(sh, cmd, first);
	sh_suggest_init(&s, w);
	for (size_t k = 0; k < N_SHOWS; k++)
		sh_suggest_add(&s, shows[k].word);
	return sh_err_at(sh, cmd, &cmd->tok[first], "cannot show '%s'%s; usage: %s", w,
			 sh_suggest_str(&s), usage);
}

static unsigned k_show(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
		       void *arg)
{
	(void)sh;
	(void)toks;
	for (size_t k = 0; n == 1 && k < N_SHOWS; k++)
		add(arg, shows[k].word);
	return 0;
}

static const struct sh_command show_rows[] = {
	{ "show", "show bindings|sessions|counters|config",
	  "  Show the references' state, or the session's PICS, PIXIT and DUTs.\n"
	  "  bindings  the binding table of the reference HA (start ha): NAI, home and\n"
	  "            care-of address, PMA, lifetime left, flags, GRE keys, RFC 5563 IDs\n"
	  "  sessions  the sessions of the reference PMA (start pma) for the mobile device\n"
	  "            and the tester's devices 02:00:00:00:01:kk: state, home address,\n"
	  "            HA, lifetime left, GRE keys\n"
	  "  counters  the counters of each reference up: messages, reply codes, drops,\n"
	  "            revocations, the HA's data plane, the PMA's access link\n"
	  "  config    the session's PICS and PIXIT as a PIXIT file: the items set, and\n"
	  "            the others commented out with their defaults; then the DUTs up,\n"
	  "            as the commands that start them (commented out too)\n"
	  "  The references run on a virtual clock: the same script shows the same bytes.\n"
	  "  A DUT started on its own (dut) cannot be inspected, only a built-in reference.\n",
	  c_show, k_show, SH_CMD_SUBWORD },
};

SH_TABLE(sh_show_table, show_rows);
