/* test_shell_pty.c PMIP4CT — `pmip4ct shell` on a real terminal (forkpty(3)): a variable
 * set and echoed, TAB completing "hel" to "help" and "dec" to "decode" and values (a
 * Tech-Type, flag letters, case IDs listed with their titles), the help of
 * decode, '?' showing help mid-line, Ctrl-C at the prompt dropping the line and Ctrl-C
 * stopping a running command, neither ending the shell, Ctrl-C in an expect making the
 * session verdict inconc (a DUT on the real clock, dut-ha= in the prompt), quit, the history file
 * holding the lines typed, and a line continued with a backslash coming back whole in
 * the next session.  Every wait has a timeout;
 * exit 77 (skipped) when no pty can be opened.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WAIT_MS 5000

static int master = -1;
static pid_t child = -1;
static char seen[65536]; /* everything the shell wrote */
static size_t n_seen, mark; /* expect() looks after mark */

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "FAIL ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n--- the terminal showed (from the last mark) ---\n%.*s\n---\n",
		(int)(n_seen - mark), seen + mark);
	if (child > 0)
		kill(child, SIGKILL);
	exit(1);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Read what is there within ms; false on timeout or EOF. */
static bool read_some(long ms)
{
	struct pollfd p = { .fd = master, .events = POLLIN };
	ssize_t n;

	if (poll(&p, 1, (int)ms) <= 0)
		return false;
	n = read(master, seen + n_seen, sizeof seen - 1 - n_seen);
	if (n <= 0)
		return false;
	n_seen += (size_t)n;
	seen[n_seen] = '\0';
	return true;
}

/* Wait until what follows the mark holds want; the mark moves past it. */
static void expect(const char *want)
{
	long end = now_ms() + WAIT_MS;
	char *at;

	while (!(at = strstr(seen + mark, want))) {
		long left = end - now_ms();

		if (left <= 0 || n_seen >= sizeof seen - 1 || !read_some(left))
			die("waited for \"%s\"", want);
	}
	mark = (size_t)(at - seen) + strlen(want);
}

static void type(const char *s)
{
	size_t len = strlen(s);

	if (write(master, s, len) != (ssize_t)len)
		die("writing \"%s\": %s", s, strerror(errno));
}

static void run_shell(const char *pmip4ct, const char *hist)
{
	setenv("PMIP4CT_HISTORY", hist, 1);
	setenv("TERM", "dumb", 1);
	setenv("INPUTRC", "/dev/null", 1);
	execl(pmip4ct, pmip4ct, "shell", (char *)NULL);
	fprintf(stderr, "exec %s: %s\n", pmip4ct, strerror(errno));
	_exit(127);
}

static void wait_exit(void)
{
	long end = now_ms() + WAIT_MS;
	int st;

	while (waitpid(child, &st, WNOHANG) == 0) {
		if (now_ms() > end)
			die("the shell did not exit after quit");
		read_some(50);
	}
	child = -1;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		die("the shell ended with status 0x%x", st);
}

static void check_history(const char *hist)
{
	static const char *const lines[] = { "set x 5\n", "echo $x\n", "help decode",
					     "echo alive\n", "quit\n" };
	char buf[4096];
	FILE *f = fopen(hist, "r");
	size_t n;

	if (!f)
		die("no history file %s", hist);
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	for (size_t k = 0; k < sizeof lines / sizeof lines[0]; k++)
		if (!strstr(buf, lines[k]))
			die("history lacks \"%.*s\": %s", (int)strlen(lines[k]) - 1, lines[k], buf);
	if (strstr(buf, "partial"))
		die("history holds the line dropped by Ctrl-C");
}

static void session(void)
{
	expect("pmip4ct> ");
	type("set x 5\r");
	expect("pmip4ct> ");
	type("echo $x\r");
	expect("\n5\r\n");
	expect("pmip4ct> ");
	printf("ok   set and echo a variable\n");

	type("hel\t");
	expect("help ");
	type("dec\t");
	expect("decode ");
	type("\r");
	expect("usage: decode FILE");
	expect("pmip4ct> ");
	printf("ok   TAB completes hel to help and dec to decode; help decode\n");

	/* issue 6: complete send and an extension name, help send, then register a
	 * device with the built-in HA by hand and see the decoded reply */
	type("sen\t");
	expect("send ");
	type("rrq ext pm\t");
	expect("ext pm");
	expect("ip"); /* pm -> pmip, the part all candidates share (after a bell) */
	type("\t\t"); /* pmip is a candidate too: TAB TAB lists them all */
	expect("pmip.devid");
	expect("send rrq ext pmip");
	type("\x15");
	type("help send\r");
	expect("usage: send");
	expect("pmip4ct> ");
	printf("ok   TAB completes sen to send and 'send rrq ext pm' to pmip; help send\n");

	/* issue 14: values, not only keywords */
	type("send rrq ext pmip.acctech 802.1\t\t");
	expect("802.11");
	expect("802.16e");
	type("6m flags \t\t");
	expect("B  D  G  M  R  S  T  X");
	type("T+G code\x15");
	type("run case HA-REG-0\t\t");
	expect("HA-REG-01  a valid proxy registration is accepted");
	type("\x15");
	expect("pmip4ct> ");
	printf("ok   TAB completes values: a Tech-Type, flag letters, case IDs with titles\n");

	type("start ha\r");
	expect("ha: the reference HA at 127.0.0.2:434");
	expect("pmip4ct[ha]> ");
	type("send rrq flags T lifetime 300 nai mn1@example.net ext pmip.devid mac "
	     "02:00:00:00:00:01 ext pmip.pernode fa-ha auth fa-ha spi 256\r");
	expect("sent RRQ 127.0.0.3:434 -> 127.0.0.2:434");
	expect("pmip4ct[ha]> ");
	type("expect rrp code 0 hoa != 0.0.0.0 within 2s\r");
	expect("received RRP 127.0.0.2:434 -> 127.0.0.3:434");
	expect("code: 0 (registration accepted)");
	expect("nai: mn1@example.net");
	expect("expect: pass");
	expect("pmip4ct[ha]> ");
	type("verdict\r");
	expect("verdict: pass");
	expect("pmip4ct[ha]> ");
	type("stop ha\r");
	expect("pmip4ct> ");
	printf("ok   start ha; a registration by send and expect shows the decoded reply\n");

	type("debug ?");
	expect("usage: debug [GROUP on|off]");
	expect("debug ");
	type("\x15"); /* kill the line */
	printf("ok   '?' shows the help of the command typed so far\n");

	type("echo partial");
	expect("partial");
	type("\x03");
	expect("pmip4ct> ");
	type("echo alive\r");
	expect("\nalive\r\n");
	if (strstr(seen, "\npartial\r\n"))
		die("the line dropped by Ctrl-C ran");
	expect("pmip4ct> ");
	printf("ok   Ctrl-C at the prompt drops the line; the shell lives on\n");

	type("repeat 10000000 set y $i\r");
	expect("$i\r\n"); /* the line went in: the command runs (for seconds) */
	usleep(300 * 1000);
	type("\x03");
	expect("interrupted");
	expect("pmip4ct> ");
	type("echo still here\r");
	expect("\nstill here\r\n");
	expect("pmip4ct> ");
	printf("ok   Ctrl-C stops a running command, not the shell\n");

	/* a DUT on the real clock that never answers: expect waits until Ctrl-C */
	type("pixit pma-port 0; dut ha 127.0.0.2:9\r");
	expect("over UDP (real clock)");
	expect("pmip4ct[dut-ha=127.0.0.2:9]> ");
	type("expect rrp within 30s\r");
	expect("30s\r\n");
	usleep(300 * 1000);
	type("\x03");
	expect("interrupted: not judged");
	expect("pmip4ct[dut-ha=127.0.0.2:9]> ");
	type("verdict\r");
	expect("verdict: inconc: expect RRP: stopped by Ctrl-C\r\n");
	type("stop ha\r");
	expect("pmip4ct> ");
	printf("ok   the prompt names a remote DUT's role; Ctrl-C in expect makes the verdict "
	       "inconc\n");

	type("echo one \\\r"); /* continued: one history entry */
	expect("> ");
	type(" two\r");
	expect("\none two\r\n");
	expect("pmip4ct> ");
	type("quit\r");
}

/* A second session on the same history file: the line continued with a backslash comes
 * back whole (Ctrl-P Ctrl-P: before quit) and runs again. */
static void session_again(void)
{
	expect("pmip4ct> ");
	type("\x10\x10");
	expect("echo one \\");
	type("\r");
	expect("\none two\r\n");
	expect("pmip4ct> ");
	type("quit\r");
}

int main(int argc, char **argv)
{
	char hist[] = "/tmp/test_shell_pty_XXXXXX";
	struct winsize ws = { .ws_row = 40, .ws_col = 200 };
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: test_shell_pty PMIP4CT\n");
		return 2;
	}
	fd = mkstemp(hist);
	if (fd < 0)
		return 2;
	close(fd);
	unlink(hist); /* the shell creates it */
	child = forkpty(&master, NULL, NULL, &ws);
	if (child < 0) {
		printf("SKIP no pty: %s\n", strerror(errno));
		return 77;
	}
	if (child == 0)
		run_shell(argv[1], hist);
	alarm(60); /* a last resort: never hang */
	session();
	wait_exit();
	printf("ok   quit ends the shell with status 0\n");
	check_history(hist);
	printf("ok   the history file holds the lines typed\n");
	close(master);
	mark = n_seen;
	child = forkpty(&master, NULL, NULL, &ws);
	if (child < 0)
		die("forkpty: %s", strerror(errno));
	if (child == 0)
		run_shell(argv[1], hist);
	session_again();
	wait_exit();
	printf("ok   a line continued with a backslash is one history entry in the next session\n");
	unlink(hist);
	close(master);
	return 0;
}
