/* sh_data.c — the correspondent node's traffic through an HA under test (pmip4ct-shell(7),
 * `data`): RFC 5563 §4.2 and RFC 5944 §4.2.3 (the HA tunnels what the home link sends to
 * a bound home address to its care-of address), RFC 5944 §3.1 T bit and RFC 3024 (the
 * reverse tunnel: the HA decapsulates what the PMA tunnels to it onto the home link).
 *
 *   data down HOA            the cn sends a probe to HOA on the home link; expected out
 *                            of the HA on the core link, tunnelled to the binding's CoA
 *   data up HOA [via NODE] [gre KEY]
 *                            the tester, as the PMA at NODE (pma1), tunnels a probe from
 *                            HOA to the cn; expected out of the HA on the home link
 *
 * Both check what comes out against what went in, into the session verdict.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peer.h"
#include "sh_net.h"
#include "sh_priv.h"
#include "settings.h"
#include "tun.h"
#include "txt.h"

/* What came out of the tunnel (down) matches the probe: kind, inner source and
 * destination, inner payload. */
static void check_down(struct sh *sh, struct tc *t, const struct tc_rx *rx, uint32_t cn,
		       uint32_t hoa)
{
	struct tun_pkt tp;
	struct mip_err e = { 0 };
	char why[200];

	if (!rx) {
		tc_fail(t, "data down: tunnelled probe on the core link", "within reply-ms",
			"nothing");
		fprintf(sh->out, "data: nothing came out on the core link\n");
		return;
	}
	if (tun_decap(rx->pkt.buf, rx->pkt.len, &tp, &e) < 0) {
		tc_fail(t, "data down: core-link packet", "an IP-in-IP or GRE packet", "%s",
			mip_err_str(&e, why, sizeof why));
		fprintf(sh->out, "data: not a tunnel packet: %s\n", why);
		return;
	}
	fprintf(sh->out, "data: %s -> %s came out tunnelled %s -> %s (%s", txt_ip4(cn).s,
		txt_ip4(hoa).s, txt_ip4(tp.outer.src).s, txt_ip4(tp.outer.dst).s,
		tp.kind == TUN_GRE ? "GRE" : "IP-in-IP");
	if (tp.kind == TUN_GRE && tp.gre.has_key)
		fprintf(sh->out, ", key %u", tp.gre.key);
	fprintf(sh->out, ")\n");
	if (tc_check_addr(t, "data down: inner source", cn, tp.inner.src))
		tc_check_addr(t, "data down: inner destination", hoa, tp.inner.dst);
}

static int data_down(struct sh *sh, struct tc *t, uint32_t cn, uint32_t hoa)
{
	uint8_t ip[256];
	size_t n = hc_ip_udp(ip, sizeof ip, cn, hoa, 0x4c01);

	if (tc_send_pkt(t, TC_LINK_HOME, ip, n))
		check_down(sh, t, tc_recv(t, TC_ON(TC_LINK_CORE), hc_reply_ms(t)), cn, hoa);
	return 0;
}

static int data_up(struct sh *sh, struct tc *t, uint32_t cn, uint32_t hoa, uint32_t via,
		   bool gre, uint32_t key)
{
	uint8_t ip[256], out[512];
	size_t n = hc_ip_udp(ip, sizeof ip, hoa, cn, 0x4c02), m;
	const struct tc_rx *rx;

	m = hc_tunnel(out, sizeof out, gre ? TUN_GRE : TUN_IPIP, via, hc_ha_addr(t), gre, key,
		      ip, n);
	if (!m || !tc_send_pkt(t, TC_LINK_CORE, out, m))
		return 0;
	rx = tc_recv(t, TC_ON(TC_LINK_HOME), hc_reply_ms(t));
	if (!rx) {
		tc_fail(t, "data up: decapsulated probe on the home link", "within reply-ms",
			"nothing");
		fprintf(sh->out, "data: nothing came out on the home link\n");
		return 0;
	}
	fprintf(sh->out, "data: %s -> %s came out on the home link, %zu bytes\n",
		txt_ip4(hc_ip_src(rx)).s, txt_ip4(hc_ip_dst(rx)).s, rx->pkt.len);
	tc_check_true(t, "data up: home-link packet", "the probe as tunnelled",
		      rx->pkt.len >= n && !memcmp(rx->pkt.buf + 12, ip + 12, n - 12),
		      "another packet");
	return 0;
}

static int addr_arg(struct sh *sh, const struct lex_cmd *cmd, size_t i, uint32_t *a)
{
	uint16_t port;

	if (i >= cmd->n)
		return sh_err_at(sh, cmd, NULL, "expected an address");
	if (settings_addr(cmd->tok[i].text, a) == 0 ||
	    sh_net_resolve(sh, cmd->tok[i].text, a, &port) == 0)
		return 0;
	return sh_err_at(sh, cmd, &cmd->tok[i], "expected an IPv4 address or a node name, "
			 "got '%s'", cmd->tok[i].text);
}

/* data down HOA | data up HOA [via NODE] [gre KEY] */
static int c_data(struct sh *sh, const struct lex_cmd *cmd, size_t first)
{
	struct sess *s = NULL;
	bool up, gre = false;
	uint32_t hoa, via, key = 0;
	uint16_t port;
	int rc;

	if (first >= cmd->n || (strcmp(cmd->tok[first].text, "down") &&
				strcmp(cmd->tok[first].text, "up")))
		return sh_err_at(sh, cmd, first < cmd->n ? &cmd->tok[first] : NULL,
				 "usage: data down HOA | data up HOA [via NODE] [gre KEY]");
	up = !strcmp(cmd->tok[first].text, "up");
	if (addr_arg(sh, cmd, first + 1, &hoa) < 0)
		return -1;
	sh_net_resolve(sh, "pma1", &via, &port);
	for (size_t i = first + 2; i < cmd->n; i += 2) {
		const char *w = cmd->tok[i].text;

		if (!up || (strcmp(w, "via") && strcmp(w, "gre")))
			return sh_err_at(sh, cmd, &cmd->tok[i], "unexpected '%s'", w);
		if (!strcmp(w, "via") && addr_arg(sh, cmd, i + 1, &via) < 0)
			return -1;
		if (!strcmp(w, "gre")) {
			char *end;
			unsigned long v = i + 1 < cmd->n ? strtoul(cmd->tok[i + 1].text, &end, 0) : 0;

			if (i + 1 >= cmd->n || *end || v > UINT32_MAX)
				return sh_err_at(sh, cmd, i + 1 < cmd->n ? &cmd->tok[i + 1] : NULL,
						 "expected a GRE key 0-4294967295");
			gre = true;
			key = (uint32_t)v;
		}
	}
	if (!sh->net || !sh->net->cn)
		return sh_err_at(sh, cmd, &cmd->tok[0], "no cn is up (start cn [ADDR])");
	s = sh_net_sess(sh, cmd, &cmd->tok[0], CASE_ROLE_HA);
	if (!s)
		return -1;
	if (!hc_need_data(sess_tc(s))) {
		sh_net_flush(sh);
		return sh_err_at(sh, cmd, &cmd->tok[0], "the HA's home and core links are out of "
				 "reach: a remote HA needs PIXIT home.if (pmip4ct-cases(7))");
	}
	rc = up ? data_up(sh, sess_tc(s), sh->net->cn_addr, hoa, via, gre, key)
		: data_down(sh, sess_tc(s), sh->net->cn_addr, hoa);
	sh_net_flush(sh);
	return rc;
}

static unsigned k_data(struct sh *sh, const struct lex_tok *toks, size_t n, sh_add_fn add,
		       void *arg)
{
	(void)sh;
	if (n == 1) {
		add(arg, "down");
		add(arg, "up");
	} else if (n >= 3 && !strcmp(toks[1].text, "up")) {
		add(arg, "via");
		add(arg, "gre");
	}
	return 0;
}

static const struct sh_command data_rows[] = {
	{ "data", "data down HOA | data up HOA [via NODE] [gre KEY]",
	  "Data through the HA's tunnel (RFC 5563 §4.2), between the cn (start cn) and a\n"
	  "registered home address.  down: the cn sends a probe to HOA on the home link; it\n"
	  "must come out on the core link, tunnelled to the binding's care-of address.  up:\n"
	  "the tester, as the PMA at NODE (default pma1), tunnels a probe from HOA to the cn\n"
	  "(IP-in-IP, or GRE with KEY); it must come out on the home link.  Both fold into the\n"
	  "session verdict.  A remote HA's links are in reach with PIXIT home.if and\n"
	  "home.gw (root).\n",
	  c_data, k_data, SH_CMD_SUBWORD },
};

SH_TABLE(sh_data_table, data_rows);
