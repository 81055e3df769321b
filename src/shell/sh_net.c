/* sh_net.c — the shell's test bed (sh_net.h): the session's PICS and PIXIT, the DUTs
 * (references started in process, or remote ones), the session verdict, the capture and
 * the sink they report to.  The commands are in sh_bed.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ha.h"
#include "names.h"
#include "pcap_out.h"
#include "pma.h"
#include "run_report.h"
#include "sh_net.h"
#include "sh_priv.h"
#include "txt.h"

const char *const sh_role_word[CASE_ROLE_COUNT] = { "ha", "pma" };
const char *const sh_role_upper[CASE_ROLE_COUNT] = { "HA", "PMA" };

/* ---- the sink: capture, and what `debug` asks to see ---- */

const char *sh_net_addr_port(char *buf, size_t n, uint32_t a, uint16_t port)
{
	snprintf(buf, n, "%s:%u", txt_ip4(a).s, port);
	return buf;
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

		sh_net_addr_port(src, sizeof src, p->ends.src, p->ends.sport);
		sh_net_addr_port(dst, sizeof dst, p->ends.dst, p->ends.dport);
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
		fprintf(sh->out, "%s: %s\n", sh_role_word[c->role], line);
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

void sh_net_capture_close(struct sh_net *n)
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
	sh_net_capture_close(n);
	params_destroy(n->params);
	free(n);
}

/* What the prompt shows (sh.h): the roles up, a remote DUT, the capture. */
void sh_net_prompt(struct sh *sh)
{
	struct sh_net *n = sh->net;
	size_t at = 0;

	size_t dat = 0;

	sh->roles[0] = sh->dut[0] = '\0';
	for (int r = 0; r < CASE_ROLE_COUNT; r++) {
		uint32_t a;
		uint16_t port;
		char addr[32];

		if (!n->sess[r])
			continue;
		if (!n->remote[r]) {
			at += (size_t)snprintf(sh->roles + at, sizeof sh->roles - at, "%s%s",
					       at ? " " : "", sh_role_word[r]);
			continue;
		}
		params_endpoint(n->params, sh_role_word[r], &a, &port);
		sh_net_addr_port(addr, sizeof addr, a, port);
		if (dat < sizeof sh->dut) /* the role: a remote HA and PMA may both be up */
			dat += (size_t)snprintf(sh->dut + dat, sizeof sh->dut - dat, "%sdut-%s=%s",
						dat ? " " : "", sh_role_word[r], addr);
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
	sh_err_at(sh, cmd, at, "no %s is up (start %s, or dut %s ADDR[:PORT])", sh_role_upper[role],
		  sh_role_word[role], sh_role_word[role]);
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
		*addr = sh->net->cn ? sh->net->cn_addr : params_addr(p, "ha.cn");
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

				fprintf(sh->out, "%s: %.*s\n", sh_role_word[r], (int)(end - at),
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
	return bitset_lookup(role == CASE_ROLE_HA ? &ha_fault_names : &pma_fault_names, name);
}

/* ---- a DUT up and down ---- */

int sh_net_open(struct sh *sh, const struct lex_cmd *cmd, enum case_role r, bool remote,
		struct bitset faults)
{
	struct sh_net *n = sh->net;
	char err[256];
	uint32_t a;
	uint16_t port;

	if (n->sess[r])
		return sh_err_at(sh, cmd, &cmd->tok[1], "the %s is already up (stop %s first)",
				 sh_role_upper[r], sh_role_word[r]);
	n->sess[r] = sess_open(r, n->params, remote, faults, &n->sink, err, sizeof err);
	if (!n->sess[r])
		return sh_err_at(sh, cmd, NULL, "%s: %s", sh_role_word[r], err);
	n->remote[r] = remote;
	n->faults[r] = faults;
	n->log_seen[r] = 0;
	params_endpoint(n->params, sh_role_word[r], &a, &port);
	sh_net_addr_port(err, sizeof err, a, port);
	if (remote)
		fprintf(sh->out, "%s: %s over UDP (real clock)\n", sh_role_word[r],
			sess_net(n->sess[r])->name);
	else
		fprintf(sh->out, "%s: %s at %s (virtual clock)\n", sh_role_word[r],
			sess_net(n->sess[r])->name, err);
	sh_net_prompt(sh);
	return 0;
}

void sh_net_close(struct sh *sh, enum case_role r)
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

