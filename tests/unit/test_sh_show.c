/* test_sh_show.c — `show` and `run` in the shell (sh_show.c, sh_runcase.c): a binding
 * the tester registers through the session's test context appears in `show bindings`, a
 * PMA session in `show sessions`, in the counters too; `show config` is a PIXIT file that
 * reads back to the same PICS and PIXIT; a remote DUT cannot be inspected; `run case`
 * prints to the session's output, fails the command (not the session verdict) on a
 * failing case, and feeds the capture; completion of both commands.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "skip77.h"

#include "sh.h"
#include "sh_test_util.h"
#include "sh_net.h"
#include "tc_mn.h"

struct fx {
	struct sh *sh;
	char *out, *err; /* what the last script printed */
	size_t olen, elen;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	assert_non_null(f);
	f->sh = sh_create(NULL, NULL);
	assert_non_null(f->sh);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	sh_destroy(f->sh);
	free(f->out);
	free(f->err);
	free(f);
	return 0;
}

/* Run src as "t.pct" into fresh f->out and f->err: the script's return code. */
static int sh_run(struct fx *f, const char *src)
{
	FILE *o, *e;
	int rc;

	free(f->out);
	free(f->err);
	o = open_memstream(&f->out, &f->olen);
	e = open_memstream(&f->err, &f->elen);
	assert_true(o && e);
	f->sh->out = o;
	f->sh->err = e;
	rc = sh_exec_buf(f->sh, "t.pct", src, strlen(src));
	f->sh->out = f->sh->err = NULL;
	fclose(o);
	fclose(e);
	return rc;
}

static void ok(struct fx *f, const char *src)
{
	if (sh_run(f, src) != 0)
		fail_msg("\"%s\" failed: %s", src, f->err);
}

static void has(const char *text, const char *want)
{
	if (!strstr(text, want))
		fail_msg("no \"%s\" in:\n%s", want, text);
}

static struct tc *sess_of(struct fx *f, enum case_role r)
{
	assert_non_null(f->sh->net);
	assert_non_null(f->sh->net->sess[r]);
	return sess_tc(f->sh->net->sess[r]);
}

/* The prompt names the role of each DUT started on its own (sh_net_prompt) */
static void test_prompt_remote(void **state)
{
	struct fx *f = *state;
	struct sh_net *n;
	char buf[160];

	ok(f, "pixit ha 192.0.2.7:4344; pixit pma 192.0.2.8");
	n = f->sh->net;
	n->sess[CASE_ROLE_PMA] = (struct sess *)(uintptr_t)1; /* read as "up" only */
	n->remote[CASE_ROLE_PMA] = true;
	sh_net_prompt(f->sh);
	assert_string_equal(sh_prompt(f->sh, buf, sizeof buf), "pmip4ct[dut-pma=192.0.2.8:434]> ");
	n->sess[CASE_ROLE_HA] = (struct sess *)(uintptr_t)1;
	n->remote[CASE_ROLE_HA] = true;
	sh_net_prompt(f->sh);
	assert_string_equal(sh_prompt(f->sh, buf, sizeof buf),
			    "pmip4ct[dut-ha=192.0.2.7:4344 dut-pma=192.0.2.8:434]> ");
	n->sess[CASE_ROLE_HA] = n->sess[CASE_ROLE_PMA] = NULL;
	n->remote[CASE_ROLE_HA] = n->remote[CASE_ROLE_PMA] = false;
}

static void test_bindings(void **state)
{
	struct fx *f = *state;
	struct mip_msg m;
	struct tc *t;

	ok(f, "start ha; show bindings");
	has(f->out, "NAI                      HOA             COA");
	assert_null(strstr(f->out, "@"));
	t = sess_of(f, CASE_ROLE_HA);
	tc_prrq(t, &m, TC_PMA1, "show-1@example.net");
	assert_non_null(tc_request_code(t, TC_PMA1, &m, 0));
	ok(f, "show bindings");
	/* NAI, the pool's first address, CoA = PMA1, 300 s left, a proxy GRE binding */
	has(f->out, "\nshow-1@example.net       10.10.0.1       127.0.0.3       127.0.0.3:434"
		    "            300s P");
	ok(f, "show counters");
	has(f->out, "ha: rx 1 rrq, tx 1 rrp; codes 0:1; drops 0; bindings 1\n");
	has(f->out, "ha: data plane: to-mn 0 ok");
	assert_null(strstr(f->out, "pma:"));
	ok(f, "verdict");
	assert_string_equal(f->out, "verdict: pass\n");
}

static void test_sessions(void **state)
{
	struct fx *f = *state;
	const struct tc_rx *rrq;
	struct tc *t;

	ok(f, "start pma; show sessions");
	assert_null(strstr(f->out, "@"));
	ok(f, "start mn; show sessions");
	has(f->out, "02:00:00:00:01:01  020000000101@example.net     REGISTERING");
	t = sess_of(f, CASE_ROLE_PMA);
	rrq = tc_mn_rrq(t, 2000, "PRRQ");
	assert_non_null(rrq);
	assert_true(tc_mn_reply(t, rrq, 0, 300, 0x0a0a0014));
	ok(f, "show sessions; show counters");
	has(f->out, "020000000101@example.net     REGISTERED    10.10.0.20      127.0.0.2");
	has(f->out, "pma: sessions 1; tx 1 rrq, rx 1 rrp; codes 0:1");
	has(f->out, "pma: link: dhcp rx discover:1");
	assert_int_equal(sh_run(f, "show bindings"), -1);
	assert_string_equal(f->err, "t.pct:1:6: no HA is up (start ha, or dut ha ADDR[:PORT])\n");
}

/* The PICS and PIXIT show config printed. */
static char *config_items(const char *out)
{
	const char *start = strstr(out, "# PICS"), *end = strstr(out, "# DUTs");

	assert_true(start && end);
	return strndup(start, (size_t)(end - start));
}

static void test_config(void **state)
{
	struct fx *f = *state;
	struct fx g = { sh_create(NULL, NULL), NULL, NULL, 0, 0 };
	char *before, *after;

	ok(f, "pixit pma1 127.0.0.9; pics ha.gre-key no\n"
	      "pixit pma.attach-cmd \"ip link set \\\"acc 0\\\" up; true # x\"\n"
	      "start ha --fault no-nai-echo --fault accept-replay; show config");
	has(f->out, "# PICS");
	has(f->out, "\npics ha.gre-key no\n");
	has(f->out, "\n# pics ha.nai yes                       (default)\n");
	has(f->out, "\npixit pma1 127.0.0.9\n");
	has(f->out, "\n# pixit pma2 127.0.0.4                  (default)\n");
	has(f->out, "\npixit pma.attach-cmd \"ip link set \\\"acc 0\\\" up; true # x\"\n");
	has(f->out, "\n# pixit pma.detach-cmd                  (unset, no default)\n");
	has(f->out, "\n#   start ha --fault accept-replay --fault no-nai-echo\n");
	/* run as a script in a fresh session, it sets the same items, and only those */
	assert_non_null(g.sh);
	before = config_items(f->out);
	if (sh_run(&g, before) != 0)
		fail_msg("show config does not run again: %s", g.err);
	assert_int_equal(sh_run(&g, "show config"), 0);
	after = config_items(g.out);
	assert_string_equal(after, before);
	has(g.out, "#   (none: run case and run suite start a reference per case)\n");
	free(before);
	free(after);
	sh_destroy(g.sh);
	free(g.out);
	free(g.err);
}

static void test_remote(void **state)
{
	struct fx *f = *state;

	/* nothing listens there: only the tester's sockets are bound */
	if (sh_run(f, "pixit pma-port 40434; dut ha 127.0.0.2:40435") != 0) {
		print_message("cannot bind 127.0.0.3:40434 (%s)\n", f->err);
		SKIP77("the remote-DUT test cannot bind 127.0.0.3:40434");
	}
	assert_int_equal(sh_run(f, "show bindings"), -1);
	has(f->err, "t.pct:1:6: the DUT is the HA at 127.0.0.2:40435, started on its own: "
		    "only a built-in reference (start ha) can be inspected\n");
	assert_int_equal(sh_run(f, "show counters"), -1);
	has(f->err, "only a built-in reference (start ha|pma) can be inspected");
	ok(f, "start pma; show counters");
	has(f->out, "ha: the HA at 127.0.0.2:40435, started on its own: no counters");
	has(f->out, "pma: sessions 0;");
	ok(f, "show config");
	has(f->out, "\npixit ha 127.0.0.2:40435\n");
	has(f->out, "\n#   dut ha 127.0.0.2:40435\n#   start pma\n");
	assert_int_equal(sh_run(f, "run case HA-REG-01 --fault no-nai-echo"), -1);
	assert_string_equal(f->err, "t.pct:1:28: --fault breaks the built-in reference HA, "
				    "but the HA is a DUT named with dut\n");
	ok(f, "stop all");
}

static void test_run(void **state)
{
	struct fx *f = *state;
	char path[] = "/tmp/test_sh_show_XXXXXX", cmd[256];
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	snprintf(cmd, sizeof cmd, "capture start %s; run case HA-REG-01; capture stop", path);
	ok(f, cmd);
	{
		const char *want = "HA-REG-01 pass       0.000 s virtual\n"
				   "1 case: 1 pass, 0 fail, 0 warn, 0 inconc, 0 none, 0 error; "
				   "0.000 s on the virtual clock\nby level: MUST 1 pass\ncapture: ";

		assert_int_equal(strncmp(f->out, want, strlen(want)), 0);
	}
	assert_null(strstr(f->out, "capture: 0 packets"));
	unlink(path);
	assert_int_equal(sh_run(f, "run case HA-REG-0[15] --fault no-nai-echo; echo no"), -1);
	has(f->out, "HA-REG-01 pass ");
	has(f->out, "HA-REG-05 fail       0.000 s virtual  RRP NAI (131): expected present, got "
		   "absent");
	has(f->out, "2 cases: 1 pass, 1 fail, 0 warn, 0 inconc, 0 none, 0 error;");
	assert_null(strstr(f->out, "no\n"));
	assert_string_equal(f->err, "t.pct:1:1: 1 of 2 cases ended fail or error\n");
	ok(f, "verdict");
	assert_string_equal(f->out, "verdict: none\n");
	assert_int_equal(sh_run(f, "run case HA-REG-1"), -1);
	assert_string_equal(f->err, "t.pct:1:10: no case matches 'HA-REG-1' (did you mean "
				    "'HA-REG-01'?)\n");
	assert_int_equal(sh_run(f, "run case HA-REG-01 --fault no-nai-ech"), -1);
	assert_string_equal(f->err, "t.pct:1:28: unknown fault 'no-nai-ech' (did you mean "
				    "'no-nai-echo'?)\n");
	assert_int_equal(sh_run(f, "show confg"), SH_EXEC_CHECK);
	assert_string_equal(f->err, "t.pct:1:6: expected bindings, sessions, counters or config, "
				    "got 'confg' (did you mean 'config'?)\n");
}

/* A suite's PICS and PIXIT apply on a copy, under the items the session set. */
static void test_suite(void **state)
{
	struct fx *f = *state;
	char path[] = "/tmp/test_sh_show_XXXXXX", cmd[256];
	int fd = mkstemp(path);
	FILE *s = fd >= 0 ? fdopen(fd, "w") : NULL;

	assert_non_null(s);
	fprintf(s, "suite ha-core\ncase HA-REG-*\nexclude HA-REG-07\npics ha.nai no\n");
	fclose(s);
	snprintf(cmd, sizeof cmd, "run suite %s --case HA-REG-0[45]; show config", path);
	ok(f, cmd);
	has(f->out, "HA-REG-04 pass ");
	has(f->out, "HA-REG-05 none       0.000 s virtual  not applicable: needs PICS ha.nai = yes "
		   "(the PICS says no)\n");
	has(f->out, "\n2 cases: 1 pass, 0 fail, 0 warn, 0 inconc, 1 none, 0 error;");
	has(f->out, "\n# pics ha.nai yes ");
	snprintf(cmd, sizeof cmd, "pics ha.nai yes; run suite %s", path);
	ok(f, cmd);
	has(f->out, "HA-REG-05 pass ");
	assert_null(strstr(f->out, "HA-REG-07"));
	has(f->out, "\n7 cases: 7 pass, 0 fail"); /* HA-REG-01..08 but 07 */
	snprintf(cmd, sizeof cmd, "run suite %s --case HA-ROB-01", path);
	ok(f, cmd);
	assert_string_equal(f->out, "no cases selected\n"
		"0 cases: 0 pass, 0 fail, 0 warn, 0 inconc, 0 none, 0 error; 0.000 s on the virtual "
		"clock\n");
	unlink(path);
	assert_int_equal(sh_run(f, "run suite /nonexistent/x.suite"), -1);
	assert_string_equal(f->err, "t.pct:1:11: /nonexistent/x.suite: No such file or "
				    "directory\n");
}

static void test_complete(void **state)
{
	struct fx *f = *state;
	struct list l;

	assert_int_equal(complete(f->sh, "show ", &l), 0);
	assert_string_equal(l.buf, "bindings sessions counters config");
	assert_int_equal(complete(f->sh, "run ", &l), 0);
	assert_string_equal(l.buf, "case suite");
	assert_int_equal(complete(f->sh, "run case ", &l), 0);
	assert_int_equal(strncmp(l.buf, "--fault HA-", 11), 0);
	has(l.buf, " HA-REG-01\ta valid proxy registration is accepted ");
	has(l.buf, " PMA-");
	assert_int_equal(complete(f->sh, "run case HA-REG-01 --fault ", &l), 0);
	has(l.buf, "no-nai-echo");
	assert_int_equal(complete(f->sh, "run suite ", &l), SH_COMPLETE_FILES);
	assert_int_equal(complete(f->sh, "run suite x ", &l), 0);
	assert_string_equal(l.buf, "--case --fault");
	assert_int_equal(complete(f->sh, "run suite x --case ", &l), 0);
	assert_int_equal(strncmp(l.buf, "HA-", 3), 0);
	ok(f, "help show");
	has(f->out, "usage: show bindings|sessions|counters|config\n");
	ok(f, "help run");
	has(f->out, "usage: run case ID|GLOB...");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_prompt_remote, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bindings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sessions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config, setup, teardown),
		cmocka_unit_test_setup_teardown(test_remote, setup, teardown),
		cmocka_unit_test_setup_teardown(test_run, setup, teardown),
		cmocka_unit_test_setup_teardown(test_suite, setup, teardown),
		cmocka_unit_test_setup_teardown(test_complete, setup, teardown),
	};

	return skip77_exit(cmocka_run_group_tests(tests, NULL, NULL));
}
