/* test_sh.c — the shell session (sh.h): variables and ${}, repeat and $i, comments,
 * errors with their exact file:line:col, unknown commands with a "did you mean", '?'
 * help, interactive lines and save session, completion candidates, and bad input that
 * must end in an error, never a crash.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "sh.h"
#include "sh_test_util.h"

struct fx {
	struct sh *sh;
	FILE *out, *err;
	char *obuf, *ebuf;
	size_t olen, elen;
};

/* Fresh output and error streams: what the next commands print. */
static void reopen(struct fx *f)
{
	if (f->out) {
		fclose(f->out);
		fclose(f->err);
	}
	free(f->obuf);
	free(f->ebuf);
	f->obuf = f->ebuf = NULL;
	f->out = open_memstream(&f->obuf, &f->olen);
	f->err = open_memstream(&f->ebuf, &f->elen);
	assert_non_null(f->out);
	assert_non_null(f->err);
	f->sh->out = f->out;
	f->sh->err = f->err;
}

static void flush(struct fx *f)
{
	fflush(f->out);
	fflush(f->err);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	assert_non_null(f);
	f->sh = sh_create(NULL, NULL);
	assert_non_null(f->sh);
	reopen(f);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	sh_destroy(f->sh);
	fclose(f->out);
	fclose(f->err);
	free(f->obuf);
	free(f->ebuf);
	free(f);
	return 0;
}

/* Run src as the script "t.pct"; the output and errors since the last run. */
static int run(struct fx *f, const char *src)
{
	int rc;

	reopen(f);
	rc = sh_exec_buf(f->sh, "t.pct", src, strlen(src));
	flush(f);
	return rc;
}

static void expect_out(struct fx *f, const char *src, const char *out)
{
	int rc = run(f, src);

	if (rc != 0)
		fail_msg("script \"%s\" failed: %s", src, f->ebuf);
	assert_string_equal(f->obuf, out);
	assert_string_equal(f->ebuf, "");
}

/* An error: while running (-1), or in the check before (SH_EXEC_CHECK: nothing ran) */
static void expect_err(struct fx *f, const char *src, const char *out, const char *err)
{
	int rc = run(f, src);

	assert_true(rc == -1 || rc == SH_EXEC_CHECK);
	if (rc == SH_EXEC_CHECK)
		assert_string_equal(out, "");
	assert_string_equal(f->obuf, out);
	assert_string_equal(f->ebuf, err);
}

static void test_variables(void **state)
{
	struct fx *f = *state;

	expect_out(f, "set x 5; echo $x ${x}y \"a$x\" $$x $ a$", "5 5y a5 $x $ a$\n");
	expect_out(f, "set long a b  c; echo [$long]", "[a b c]\n");
	expect_out(f, "set a 1; set b ${a}2; echo $b; vars", "12\na=1\nb=12\nlong=a b c\nx=5\n");
	expect_out(f, "unset a long; vars", "b=12\nx=5\n");
	/* a value with blanks stays one word */
	expect_out(f, "set s \"p q\"; set t $s; echo $t", "p q\n");
	expect_err(f, "echo ok\nunset x; echo $x", "ok\n", "t.pct:2:15: undefined variable 'x'\n");
	expect_err(f, "set count 1; echo $cont", "",
		   "t.pct:1:19: undefined variable 'cont' (did you mean 'count'?)\n");
	/* columns inside strings count the source bytes of escapes */
	expect_err(f, "echo \"\\x41\\t$zz\"", "", "t.pct:1:13: undefined variable 'zz'\n");
	expect_err(f, "echo ${x", "", "t.pct:1:6: '${' needs a name and a closing '}'\n");
	expect_err(f, "echo a${}", "", "t.pct:1:7: '${}' names no variable\n");
	expect_err(f, "set 1x 2", "",
		   "t.pct:1:5: '1x' is no variable name (letters, digits, '_'; not a digit "
		   "first)\n");
	expect_err(f, "set x", "", "t.pct:1:6: too few arguments; usage: set NAME VALUE...\n");
}

static void test_repeat(void **state)
{
	struct fx *f = *state;

	expect_out(f, "repeat 3 echo $i; echo b\necho end", "1\nb\n2\nb\n3\nb\nend\n");
	expect_out(f, "set i 9; repeat 2 echo $i\necho $i", "1\n2\n9\n");
	expect_out(f, "repeat 2 repeat 2 echo ${i}", "1\n2\n1\n2\n");
	expect_out(f, "set n 2; repeat $n echo x \\\n  $i; echo y", "x 1\ny\nx 2\ny\n");
	expect_out(f, "repeat 0 echo never; echo never\necho after", "after\n");
	expect_out(f, "repeat 2; echo semi", "semi\nsemi\n");
	expect_err(f, "repeat x echo", "", "t.pct:1:8: expected a number 0-10000000, got 'x'\n");
	expect_err(f, "repeat 2", "", "t.pct:1:9: too few arguments; usage: repeat N COMMAND...\n");
	expect_err(f, "repeat 3 echo $i; bogus\necho no", "",
		   "t.pct:1:19: unknown command 'bogus' (try 'help')\n");
}

static void test_comments(void **state)
{
	struct fx *f = *state;

	expect_out(f, "# a script\necho a # not printed\n\n  # indented\necho \"# kept\"\n",
		   "a\n# kept\n");
	expect_out(f, "echo one \\\n two ; ; echo three", "one two\nthree\n");
}

static void test_errors(void **state)
{
	struct fx *f = *state;

	expect_err(f, "echo a\n  eho b\necho never\n", "",
		   "t.pct:2:3: unknown command 'eho' (did you mean 'echo'?)\n");
	expect_err(f, "echo a\n\tfrobnicate\n", "",
		   "t.pct:2:2: unknown command 'frobnicate' (try 'help')\n");
	/* a syntax error anywhere runs nothing */
	expect_err(f, "echo a\necho \"open\n", "",
		   "t.pct:2:6: unterminated string (a string ends on its own line)\n");
	expect_err(f, "debug io of", "", "t.pct:1:10: expected on or off, got 'of'\n");
	expect_err(f, "debug hq on", "",
		   "t.pct:1:7: expected ha, pma, cases, io or all, got 'hq' (did you mean "
		   "'ha'?)\n");
	expect_err(f, "help nosuch", "", "t.pct:1:6: no help for 'nosuch'\n");
	expect_err(f, "save file x", "", "t.pct:1:6: expected session, got 'file'\n");
	expect_err(f, "quit 256", "", "t.pct:1:6: expected a number 0-255, got '256'\n");
	expect_err(f, "source /nonexistent/x.pct", "",
		   "t.pct:1:8: cannot read '/nonexistent/x.pct': No such file or directory\n");
	expect_err(f, "echo a; source /", "a\n", "t.pct:1:16: cannot read '/': Is a directory\n");
}

/* Unique abbreviations of command words and of a command's first word; ambiguity names
 * the candidates; "did you mean" prefers the one command a word begins */
static void test_abbrev(void **state)
{
	struct fx *f = *state;

	expect_out(f, "ec a; deb h on; deb", "a\ndebug ha    on\ndebug pma   off\n"
		   "debug cases off\ndebug io    off\n");
	expect_out(f, "repe 2 ec $i\ndeb a off; debug", "1\n2\ndebug ha    off\n"
		   "debug pma   off\ndebug cases off\ndebug io    off\n");
	expect_err(f, "rep 2 ec $i", "",
		   "t.pct:1:1: ambiguous command 'rep': repeat, replay, report\n");
	expect_err(f, "report mrge", "",
		   "t.pct:1:8: expected merge, got 'mrge' (did you mean 'merge'?)\n");
	expect_err(f, "echo a\nst ha", "", "t.pct:2:1: ambiguous command 'st': start, stop\n");
	expect_err(f, "ex", "", "t.pct:1:1: ambiguous command 'ex': exit, expect\n");
	expect_err(f, "sh co", "", "t.pct:1:4: 'co' is ambiguous: counters, config\n");
	expect_err(f, "start hq", "",
		   "t.pct:1:7: expected ha, pma, mn or cn, got 'hq' (did you mean 'ha'?)\n");
	expect_err(f, "sta hq", "",
		   "t.pct:1:5: expected ha, pma, mn or cn, got 'hq' (did you mean 'ha'?)\n");
	expect_err(f, "sned rrq", "", "t.pct:1:1: unknown command 'sned' (did you mean 'send'?)\n");
	expect_err(f, "help s", "",
		   "t.pct:1:6: ambiguous command 's': set, source, save, start, stop, send, show\n");
	assert_int_equal(run(f, "help sen"), 0);
	assert_true(!strncmp(f->obuf, "usage: send ", 12));
	assert_int_equal(run(f, "he sh"), 0);
	assert_true(!strncmp(f->obuf, "usage: show ", 12));
	assert_int_equal(run(f, "he g"), 0);
	assert_true(!strncmp(f->obuf, "usage: gen PROFILE ", 19));
	/* "did you mean": the one command a word begins beats a typo of another */
	{
		struct sh_suggest s;

		sh_suggest_init(&s, "sen");
		sh_command_names(sh_suggest_add, &s);
		assert_string_equal(s.best, "send");
		sh_suggest_init(&s, "ech");
		sh_command_names(sh_suggest_add, &s);
		assert_string_equal(s.best, "echo");
	}
	/* completion and '?' read abbreviations too */
	struct list l;

	complete(f->sh, "sta ha ", &l);
	assert_string_equal(l.buf, "--fault");
	complete(f->sh, "deb h ", &l);
	assert_string_equal(l.buf, "on off");
	assert_int_equal(run(f, "sen rrq ext pmip.acctech ?"), 0);
	assert_non_null(strstr(f->obuf, "next: reserved 802.3"));
}

/* A script is checked whole before it runs: an unknown or ambiguous command, or a bad
 * first word, on its last line runs none of it (pmip4ct-shell(7)) */
static void test_checked_whole(void **state)
{
	struct fx *f = *state;
	static const char head[] = "set ran 1\necho one\nrepeat 2 echo $i\n# comment\n"
				   "debug io on\nshow config\nstart ha\nverdict\n";
	char src[512];

	snprintf(src, sizeof src, "%s  sned rrq\n", head);
	assert_int_equal(run(f, src), SH_EXEC_CHECK);
	assert_string_equal(f->obuf, "");
	assert_string_equal(f->ebuf, "t.pct:9:3: unknown command 'sned' (did you mean 'send'?)\n");
	assert_null(sh_get(f->sh, "ran"));
	assert_int_equal(f->sh->debug, 0);
	assert_null(f->sh->net); /* nothing started */
	snprintf(src, sizeof src, "%sshow bindngs", head);
	assert_int_equal(run(f, src), SH_EXEC_CHECK);
	assert_string_equal(f->ebuf, "t.pct:9:6: expected bindings, sessions, counters or config, "
			     "got 'bindngs' (did you mean 'bindings'?)\n");
	snprintf(src, sizeof src, "%srepeat 3 ech x; st ha", head);
	assert_int_equal(run(f, src), SH_EXEC_CHECK);
	assert_string_equal(f->ebuf, "t.pct:9:17: ambiguous command 'st': start, stop\n");
	snprintf(src, sizeof src, "%srepeat 3 eho x", head);
	assert_int_equal(run(f, src), SH_EXEC_CHECK);
	assert_string_equal(f->ebuf, "t.pct:9:10: unknown command 'eho' (did you mean 'echo'?)\n");
	assert_null(sh_get(f->sh, "ran"));
	assert_null(f->sh->net);
	/* a first word from a variable is checked when it runs; '?' is help, not run */
	expect_out(f, "set w bindngs; echo ok ?", "usage: echo [WORD...]\n  Print the words, "
		   "separated by one space.\nnext: w\n");
	expect_err(f, "set w bindngs; echo ok; show $w", "ok\n",
		   "t.pct:1:30: expected bindings, sessions, counters or config, got 'bindngs' (did "
		   "you mean 'bindings'?)\n");
}

static void test_quit_debug(void **state)
{
	struct fx *f = *state;

	expect_out(f, "echo a; quit 4; echo b", "a\n");
	assert_true(f->sh->quit);
	assert_int_equal(f->sh->status, 4);
	f->sh->quit = false;
	expect_out(f, "debug ha on; debug all off; debug pma on; debug",
		   "debug ha    off\ndebug pma   on\ndebug cases off\ndebug io    off\n");
	assert_int_equal(f->sh->debug, SH_DEBUG_PMA);
}

static void test_source(void **state)
{
	struct fx *f = *state;
	char path[] = "/tmp/test_sh_XXXXXX", src[128];
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, "set from_file 1\necho in file\n  quit 256\n", 40), 40);
	close(fd);
	snprintf(src, sizeof src, "source %s\necho not reached", path);
	assert_int_equal(run(f, src), -1);
	assert_string_equal(f->obuf, "in file\n");
	snprintf(src, sizeof src, "%s:3:8: expected a number 0-255, got '256'\n", path);
	assert_string_equal(f->ebuf, src);
	assert_string_equal(sh_get(f->sh, "from_file"), "1");
	/* a sourced file is checked whole too: its typo runs none of it */
	fd = open(path, O_WRONLY | O_TRUNC);
	assert_int_equal(write(fd, "set from_file 2\n  nope\n", 23), 23);
	close(fd);
	snprintf(src, sizeof src, "echo before\nsource %s\necho not reached", path);
	assert_int_equal(run(f, src), -1);
	assert_string_equal(f->obuf, "before\n");
	snprintf(src, sizeof src, "%s:2:3: unknown command 'nope' (try 'help')\n", path);
	assert_string_equal(f->ebuf, src);
	assert_string_equal(sh_get(f->sh, "from_file"), "1");
	/* a file that sources itself: the error names the source command's place */
	fd = open(path, O_WRONLY | O_TRUNC);
	snprintf(src, sizeof src, "echo in\n  source %s\n", path);
	assert_int_equal(write(fd, src, strlen(src)), (ssize_t)strlen(src));
	close(fd);
	snprintf(src, sizeof src, "source %s", path);
	assert_int_equal(run(f, src), -1);
	snprintf(src, sizeof src, "%s:2:10: scripts nested more than 16 deep (does '%s' source "
		 "itself?)\n", path, path);
	assert_string_equal(f->ebuf, src);
	assert_int_equal(f->sh->depth, 0);
	unlink(path);
}

static void test_question(void **state)
{
	struct fx *f = *state;

	assert_int_equal(run(f, "decode ?"), 0);
	assert_non_null(strstr(f->obuf, "usage: decode FILE [--port N]"));
	assert_non_null(strstr(f->obuf, "next: --port --sa --json -v FILE"));
	assert_int_equal(run(f, "?"), 0);
	assert_non_null(strstr(f->obuf, "commands:\n  help "));
	assert_int_equal(run(f, "debug ? on"), 0);
	assert_non_null(strstr(f->obuf, "next: ha pma cases io all"));
	assert_int_equal(run(f, "help repeat"), 0);
	assert_true(!strncmp(f->obuf, "usage: repeat N COMMAND...\n", 27));
	assert_int_equal(run(f, "help lifetime"), 0);
	assert_true(!strncmp(f->obuf, "lifetime ", 9));
	assert_int_equal(run(f, "help expr"), 0);
	assert_non_null(strstr(f->obuf, "rrq"));
	/* the '?' key: the help of the text typed so far */
	reopen(f);
	sh_help_text(f->sh, "echo a; craft -w x.pcap rrq ", 28);
	flush(f);
	assert_non_null(strstr(f->obuf, "usage: craft"));
	assert_non_null(strstr(f->obuf, "lifetime"));
}

/* Columns of a line: UTF-8 continuation bytes take none. */
static size_t columns(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t k = 0; k < n; k++)
		c += ((unsigned char)s[k] & 0xc0) != 0x80;
	return c;
}

/* `help`: every summary starts in one column, is a whole sentence, and no line is wider
 * than 100 columns; `help COMMAND` keeps within 100 columns too */
static void test_help_list(void **state)
{
	struct fx *f = *state;
	char entry[1024] = "";
	size_t col = 0, n_cmds = 0;

	assert_int_equal(run(f, "help"), 0);
	for (const char *l = strchr(f->obuf, '\n') + 1, *nl; *l; l = nl + 1) {
		size_t len;

		nl = strchr(l, '\n');
		len = (size_t)(nl - l);
		if (columns(l, len) > 100)
			fail_msg("wider than 100 columns: %.*s", (int)len, l);
		if (l[0] != ' ')
			break; /* the closing lines */
		if (l[2] != ' ') { /* a command: NAME, blanks, its summary */
			size_t at = 2 + strcspn(l + 2, " ");

			at += strspn(l + at, " ");
			if (col && at != col)
				fail_msg("summary not aligned (column %zu, not %zu): %.*s", at, col,
					 (int)len, l);
			col = at;
			if (entry[0] && entry[strlen(entry) - 1] != '.')
				fail_msg("summary cut mid-sentence: %s", entry);
			snprintf(entry, sizeof entry, "%.*s", (int)len, l);
			n_cmds++;
		} else {
			if (strspn(l, " ") != col)
				fail_msg("continuation not aligned: %.*s", (int)len, l);
			snprintf(entry + strlen(entry), sizeof entry - strlen(entry), " %.*s",
				 (int)len, l);
		}
	}
	assert_true(entry[0] && entry[strlen(entry) - 1] == '.');
	assert_true(n_cmds > 20);
	assert_int_equal(run(f, "help run"), 0);
	for (const char *l = f->obuf, *nl; (nl = strchr(l, '\n')); l = nl + 1)
		if (columns(l, (size_t)(nl - l)) > 100)
			fail_msg("wider than 100 columns: %.*s", (int)(nl - l), l);
}

static void test_complete(void **state)
{
	struct fx *f = *state;
	struct list l;

	assert_int_equal(complete(f->sh, "", &l), 0);
	assert_non_null(strstr(l.buf, "help"));
	assert_non_null(strstr(l.buf, "decode"));
	assert_int_equal(complete(f->sh, "echo a; ", &l), 0);
	assert_non_null(strstr(l.buf, "repeat"));
	assert_int_equal(complete(f->sh, "debug ", &l), 0);
	assert_string_equal(l.buf, "ha pma cases io all");
	assert_int_equal(complete(f->sh, "debug ha ", &l), 0);
	assert_string_equal(l.buf, "on off");
	assert_int_equal(complete(f->sh, "decode ", &l), SH_COMPLETE_FILES);
	assert_int_equal(complete(f->sh, "source ", &l), SH_COMPLETE_FILES);
	assert_int_equal(complete(f->sh, "craft -w ", &l), SH_COMPLETE_FILES);
	assert_int_equal(complete(f->sh, "craft -w x.pcap ", &l), 0);
	assert_non_null(strstr(l.buf, "rrq"));
	assert_int_equal(complete(f->sh, "craft -w x.pcap rrq ", &l), 0);
	assert_non_null(strstr(l.buf, "lifetime"));
	assert_int_equal(complete(f->sh, "repeat 3 debug ", &l), 0);
	assert_string_equal(l.buf, "ha pma cases io all");
	assert_int_equal(complete(f->sh, "echo \"open ", &l), SH_COMPLETE_FILES);
	assert_int_equal(complete(f->sh, "save ", &l), 0);
	assert_string_equal(l.buf, "session");
	assert_int_equal(complete(f->sh, "gen ", &l), SH_COMPLETE_FILES);
	assert_non_null(strstr(l.buf, "--shard"));
	assert_int_equal(complete(f->sh, "gen x.gen --dut-ha ", &l), 0);
	assert_string_equal(l.buf, "");
	assert_int_equal(complete(f->sh, "gen x.gen --json ", &l), SH_COMPLETE_FILES);
	assert_int_equal(complete(f->sh, "report ", &l), 0);
	assert_string_equal(l.buf, "merge");
	assert_int_equal(complete(f->sh, "report merge ", &l), SH_COMPLETE_FILES);
	assert_string_equal(l.buf, "--json --html");
}

/* Values, not only keywords: from the codec's name tables (names.h) */
static void test_complete_values(void **state)
{
	struct fx *f = *state;
	struct list l;

	complete(f->sh, "send rrq ext pmip.acctech ", &l);
	assert_string_equal(l.buf, "reserved 802.3 802.11 802.16e 802.16m lte utran 1xrtt umb");
	complete(f->sh, "send rrq lifetime 9 ext pmip-skip ", &l);
	assert_string_equal(l.buf, "ifid devid subid acctech");
	complete(f->sh, "send rrq ext pmip-skip acctech ", &l);
	assert_string_equal(l.buf, "reserved 802.3 802.11 802.16e 802.16m lte utran 1xrtt umb");
	complete(f->sh, "craft -w x.pcap rrq ext pmip.devid ", &l);
	assert_string_equal(l.buf, "type mac meid imei esn");
	complete(f->sh, "send rrq ext pmip.pernode ", &l);
	assert_string_equal(l.buf, "fa-ha ipsec");
	complete(f->sh, "send rrq ext pmip ", &l);
	assert_string_equal(l.buf, "pernode");
	complete(f->sh, "send rrq ext udp-tun-req encap ", &l);
	assert_string_equal(l.buf, "ip gre minimal");
	complete(f->sh, "send rrq ext nai x format ", &l);
	assert_string_equal(l.buf, "pad tlv short long");
	complete(f->sh, "send rrq ext dyn-ha ", &l);
	assert_string_equal(l.buf, "requested redirected");
	complete(f->sh, "send rrq flags ", &l);
	assert_string_equal(l.buf, "S B D M G R T X");
	complete(f->sh, "send rrq lifetime ", &l);
	assert_string_equal(l.buf, "infinite");
	complete(f->sh, "send rrp code ", &l);
	assert_non_null(strstr(l.buf, " pmip-unsupported pmip-disallowed "));
	/* after a value the items come back */
	complete(f->sh, "send rrq ext pmip.acctech lte ", &l);
	assert_non_null(strstr(l.buf, "lifetime"));
	/* PIXIT: a yes/no item, else its default shows the form */
	complete(f->sh, "pixit ha ", &l);
	assert_string_equal(l.buf, "127.0.0.2:434");
	complete(f->sh, "pics pmip ", &l);
	assert_string_equal(l.buf, "yes no");
	/* case IDs carry their titles */
	complete(f->sh, "run case ", &l);
	assert_non_null(strstr(l.buf, "HA-REG-01\t"));
	reopen(f);
	assert_int_equal(run(f, "run case ?"), 0);
	assert_non_null(strstr(f->obuf, "\n      HA-REG-01      "));
}

static void test_interactive(void **state)
{
	struct fx *f = *state;
	char path[] = "/tmp/test_sh_XXXXXX", text[512];
	int fd = mkstemp(path);
	FILE *in;
	size_t n;

	assert_true(fd >= 0);
	close(fd);
	f->sh->interactive = true;
	assert_int_equal(sh_exec_line(f->sh, "set x 5"), 0);
	assert_int_equal(sh_exec_line(f->sh, "echo $x"), 0);
	reopen(f);
	assert_int_equal(sh_exec_line(f->sh, "  eho $x"), SH_EXEC_CHECK); /* line 3 */
	flush(f);
	assert_string_equal(f->ebuf, "shell:3:3: unknown command 'eho' (did you mean 'echo'?)\n");
	assert_int_equal(sh_exec_line(f->sh, "help echo"), 0);
	assert_int_equal(sh_exec_line(f->sh, "repeat 2 echo $i \\\n $x"), 0);
	assert_int_equal(sh_exec_line(f->sh, "echo ?"), 0);
	reopen(f);
	assert_int_equal(sh_exec_line(f->sh, "bad"), SH_EXEC_CHECK); /* 5-6 were one */
	flush(f);
	assert_non_null(strstr(f->ebuf, "shell:8:1: unknown command 'bad'"));
	snprintf(text, sizeof text, "save session %s", path);
	assert_int_equal(sh_exec_line(f->sh, text), 0);
	in = fopen(path, "r");
	assert_non_null(in);
	n = fread(text, 1, sizeof text - 1, in);
	text[n] = '\0';
	fclose(in);
	assert_non_null(strstr(text, "\nset x 5\necho $x\nrepeat 2 echo $i \\\n $x\n"));
	assert_null(strstr(text, "eho $x"));
	assert_null(strstr(text, "help"));
	/* the saved session runs again as a script */
	assert_int_equal(sh_exec_file(f->sh, path), 0);
	unlink(path);
}

static void test_prompt(void **state)
{
	struct fx *f = *state;
	char buf[128];

	assert_string_equal(sh_prompt(f->sh, buf, sizeof buf), "pmip4ct> ");
	f->sh->capture = true;
	assert_string_equal(sh_prompt(f->sh, buf, sizeof buf), "pmip4ct[cap]> ");
	snprintf(f->sh->roles, sizeof f->sh->roles, "ha pma");
	snprintf(f->sh->dut, sizeof f->sh->dut, "dut-ha=192.0.2.1:434");
	assert_string_equal(sh_prompt(f->sh, buf, sizeof buf),
			    "pmip4ct[ha pma dut-ha=192.0.2.1:434 cap]> ");
	assert_string_equal(sh_prompt(f->sh, buf, 12), "pmip4ct[ha ");
}

static void test_bad_input(void **state)
{
	static const char *const bad[] = {
		"$", "${", "\"${\"", "\\", ";;;", "repeat", "repeat 99999999999999 echo",
		"\"\\x00\" x", "echo \"\\x24{\"", "set", "unset", "help a b", "quit x y",
		"decode", "craft", "craft -w", "save session", "source", "== !=", "< >",
		"echo \x01\xff", "?????", "repeat 2 ?", "\"\"", "set x \"a\\x00b\"; echo $x",
	};
	struct fx *f = *state;

	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		run(f, bad[k]);
		f->sh->quit = false;
	}
	/* random bytes */
	srand(7);
	for (int k = 0; k < 300; k++) {
		char buf[64];

		for (size_t j = 0; j < sizeof buf - 1; j++)
			buf[j] = "$ {}\"\\;#x?e\nrepeat1 echo"[rand() % 24];
		buf[sizeof buf - 1] = '\0';
		run(f, buf);
		f->sh->quit = false;
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_variables, setup, teardown),
		cmocka_unit_test_setup_teardown(test_repeat, setup, teardown),
		cmocka_unit_test_setup_teardown(test_comments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_abbrev, setup, teardown),
		cmocka_unit_test_setup_teardown(test_checked_whole, setup, teardown),
		cmocka_unit_test_setup_teardown(test_quit_debug, setup, teardown),
		cmocka_unit_test_setup_teardown(test_source, setup, teardown),
		cmocka_unit_test_setup_teardown(test_question, setup, teardown),
		cmocka_unit_test_setup_teardown(test_help_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_complete, setup, teardown),
		cmocka_unit_test_setup_teardown(test_complete_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_interactive, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prompt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_input, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
