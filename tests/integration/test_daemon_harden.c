/* test_daemon_harden.c — issue #14's attacks on `pmip4ct ha` as a process, over UDP on
 * loopback (127.0.0.2, port 0 unless a case needs 434):
 *  - a SIGUSR1 sent before the daemon is ready (a launcher that blocked it and signalled
 *    at once) is a dump, never the end of the daemon;
 *  - a valid request of more than 4096 bytes is answered;
 *  - one datagram cannot forge a log line or send terminal codes to the log;
 *  - a flood of discarded datagrams costs a few lines, and the summary counts the rest;
 *  - an option, a configuration file or an expression that quotes terminal codes gets
 *    an error message without them;
 *  - with --user (root only: skipped otherwise) the daemon runs as that user with no
 *    capability once its socket on port 434 is open, and still answers.
 * argv[1] is the pmip4ct binary; meson runs this through netns.sh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "skip77.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "ident.h"
#include "mip.h"
#include "prrq.h"

#define HA_IP 0x7f000002u  /* 127.0.0.2 */
#define PMA_IP 0x7f000001u /* 127.0.0.1 */
#define SA_SPEC "spi=256,key=hex:000102030405060708090a0b0c0d0e0f,kind=fa-ha,any"

static const char *bin;

/* The daemon: its pid, its stderr as read so far. */
static struct daemon_proc {
	pid_t pid;
	int err;
	uint16_t port;
	char log[1 << 16];
	size_t len;
} D;

static struct mip_sa sa;

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Read the daemon's stderr for up to ms, or until `until` appears in it; whether it did
 * (until NULL: read for ms). */
static bool read_log(int ms, const char *until)
{
	uint64_t end = now_ms() + (uint64_t)ms;

	while (D.err >= 0 && !(until && strstr(D.log, until))) {
		struct pollfd p = { D.err, POLLIN, 0 };
		uint64_t t = now_ms();
		ssize_t n;

		if (t >= end || poll(&p, 1, (int)(end - t)) <= 0)
			break;
		n = read(D.err, D.log + D.len, sizeof D.log - 1 - D.len);
		if (n <= 0) {
			close(D.err);
			D.err = -1;
			break;
		}
		D.len += (size_t)n;
		D.log[D.len] = '\0';
	}
	return until && strstr(D.log, until);
}

/* Spawn bin with argv[1..] (NULL-terminated), its stderr into D; block: the signal mask it
 * starts with, or NULL. */
static void spawn(const char *argv[], const sigset_t *block)
{
	union { const char **c; char *const *v; } av = { argv }; /* exec takes char *const[] */
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	int pipefd[2];

	argv[0] = bin;
	memset(&D, 0, sizeof D);
	assert_int_equal(pipe2(pipefd, O_CLOEXEC), 0);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 2);
	posix_spawnattr_init(&at);
	if (block) {
		posix_spawnattr_setsigmask(&at, block);
		posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK);
	}
	assert_int_equal(posix_spawn(&D.pid, bin, &fa, &at, av.v, environ), 0);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	close(pipefd[1]);
	D.err = pipefd[0];
}

/* Start `pmip4ct ha` with extra arguments; block is the signal mask it starts with. */
static void start(const char *listen, const sigset_t *block, const char *const extra[])
{
	const char *argv[24] = { NULL, "ha", "--listen", listen, "--sa", SA_SPEC,
				 "--pool", "127.77.0.0/24", "--log", "info" };
	const char *p;
	int n = 10;

	for (int i = 0; extra && extra[i]; i++)
		argv[n++] = extra[i];
	spawn(argv, block);
	if (block) /* at once: before it could have read a single setting */
		for (int i = 0; i < 3; i++)
			assert_int_equal(kill(D.pid, SIGUSR1), 0);
	if (!read_log(5000, "listening on ") || !read_log(1000, "\n"))
		fail_msg("no \"listening on\" line; stderr:\n%s", D.log);
	p = strstr(D.log, "listening on 127.0.0.2:");
	assert_non_null(p);
	D.port = (uint16_t)atoi(p + strlen("listening on 127.0.0.2:"));
}

/* SIGTERM: it must exit 0 after its summary. */
static void stop(void)
{
	int status = 0;

	assert_int_equal(kill(D.pid, SIGTERM), 0);
	read_log(3000, "log lines suppressed");
	assert_int_equal(waitpid(D.pid, &status, 0), D.pid);
	D.pid = 0;
	read_log(500, NULL);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fail_msg("pmip4ct ha ended with status %#x; stderr:\n%s", status, D.log);
}

static int teardown(void **state)
{
	(void)state;
	if (D.pid > 0) {
		kill(D.pid, SIGKILL);
		waitpid(D.pid, NULL, 0);
	}
	if (D.err >= 0)
		close(D.err);
	D = (struct daemon_proc){ .err = -1 };
	return 0;
}

/* ---- a PMA ---- */

static int pma_socket(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(PMA_IP) };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
	return fd;
}

static void send_to_ha(int fd, const uint8_t *buf, size_t len)
{
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(HA_IP),
				  .sin_port = htons(D.port) };

	assert_int_equal(sendto(fd, buf, len, 0, (struct sockaddr *)&to, sizeof to),
			 (ssize_t)len);
}

/* The code of the reply within 2 s, or -1. */
static int reply_code(int fd)
{
	struct pollfd p = { fd, POLLIN, 0 };
	uint8_t buf[4096];
	struct mip_msg m;
	struct mip_err err;
	ssize_t n;

	if (poll(&p, 1, 2000) != 1)
		return -1;
	n = recv(fd, buf, sizeof buf, 0);
	assert_true(n > 0);
	assert_int_equal(mip_decode(buf, (size_t)n, &m, &err), 0);
	assert_int_equal(m.type, MIP_RRP);
	return m.code;
}

/* A per-node request for nai; pad unknown skippable extensions of 250 bytes before
 * 47/1 and FA-HA (RFC 5944 §1.8: skipped); bad: a corrupt FA-HA. */
static size_t build_rrq(uint8_t *buf, size_t cap, const char *nai, unsigned pad, bool bad)
{
	static uint8_t filler[250];
	static struct mip_msg m;
	static uint64_t ident;
	struct prrq q = { .nai = nai, .pernode = true, .fa = &sa, .fa_bad = bad };
	size_t n;

	memset(filler, 'p', sizeof filler);
	mip_msg_init(&m, MIP_RRQ);
	m.lifetime = 300;
	m.ha = HA_IP;
	m.coa = PMA_IP;
	ident = ident_timestamp(&clk_real, ident);
	m.ident = ident;
	for (unsigned i = 0; i < pad; i++) {
		struct mip_ext *x = mip_ext_add(&m, 200, 0);

		x->v.bytes.p = filler;
		x->v.bytes.len = sizeof filler;
	}
	prrq_exts(&m, &q);
	assert_int_equal(mip_encode(&m, buf, cap, &n, NULL), 0);
	return n;
}

/* ---- the cases ---- */

static void test_early_sigusr1(void **state)
{
	sigset_t usr1;

	(void)state;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	start("127.0.0.2:0", &usr1, NULL);
	if (!read_log(3000, "bindings: 0"))
		fail_msg("the early SIGUSR1 made no dump; stderr:\n%s", D.log);
	assert_int_equal(kill(D.pid, 0), 0); /* alive */
	stop();
}

static void test_large_request(void **state)
{
	static uint8_t buf[16384];
	int fd = pma_socket();
	size_t n;

	(void)state;
	start("127.0.0.2:0", NULL, NULL);
	n = build_rrq(buf, sizeof buf, "big@example.net", 24, false);
	assert_true(n > 6000);
	send_to_ha(fd, buf, n);
	assert_int_equal(reply_code(fd), 0);
	close(fd);
	stop();
}

static void test_log_injection(void **state)
{
	uint8_t buf[2048];
	int fd = pma_socket();

	(void)state;
	start("127.0.0.2:0", NULL, NULL);
	send_to_ha(fd, buf, build_rrq(buf, sizeof buf, "x\npmip4ct ha: warn: forged\x1b[2J", 0,
				      true));
	assert_int_equal(reply_code(fd), 132);
	read_log(500, "code 132");
	assert_null(strchr(D.log, '\x1b'));
	assert_null(strstr(D.log, "\npmip4ct ha: warn: forged"));
	assert_non_null(strstr(D.log, "nai x\\x0apmip4ct ha: warn: forged\\x1b[2J: code 132"));
	close(fd);
	stop();
}

static void test_log_flood(void **state)
{
	static const uint8_t junk[] = { 99, 0, 0, 0 };
	int fd = pma_socket(), lines = 0;

	(void)state;
	start("127.0.0.2:0", NULL, NULL);
	for (int i = 0; i < 500; i++)
		send_to_ha(fd, junk, sizeof junk);
	read_log(1000, NULL);
	for (const char *p = D.log; (p = strstr(p, "discard from")); p++)
		lines++;
	if (lines < 1 || lines > 10)
		fail_msg("%d discard lines for 500 datagrams; stderr:\n%s", lines, D.log);
	stop();
	assert_non_null(strstr(D.log, "drops 500 "));
	assert_non_null(strstr(D.log, "log lines suppressed "));
	assert_null(strstr(D.log, "log lines suppressed 0\n"));
}

/* Run bin with args (NULL-terminated) to its end: its stderr in D.log, its exit status. */
static int run(const char *const args[])
{
	const char *argv[16] = { NULL };
	int status = 0, n = 1;

	for (int i = 0; args[i]; i++)
		argv[n++] = args[i];
	spawn(argv, NULL);
	read_log(5000, NULL);
	assert_int_equal(waitpid(D.pid, &status, 0), D.pid);
	D.pid = 0;
	return status;
}

/* Its message names the bad text escaped, and has no control byte but its newline. */
static void assert_escaped(const char *want)
{
	for (size_t i = 0; i < D.len; i++)
		if ((unsigned char)D.log[i] < 0x20 && D.log[i] != '\n')
			fail_msg("control byte %#x at %zu in: %s", (unsigned char)D.log[i], i, D.log);
	if (!strstr(D.log, want))
		fail_msg("no \"%s\" in: %s", want, D.log);
}

static void test_error_escape(void **state)
{
	char path[] = "/tmp/pmip4ct-harden-XXXXXX";
	static const char conf[] = "listen 127.0.0.2:0\nlis\x1b[2Jten 1\n";
	int fd;

	(void)state;
	assert_int_not_equal(run((const char *const[]){ "ha", "--listen", "x\x1b[2J", NULL }), 0);
	assert_escaped("x\\x1b[2J");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, conf, sizeof conf - 1), (ssize_t)(sizeof conf - 1));
	close(fd);
	assert_int_not_equal(run((const char *const[]){ "ha", "-c", path, NULL }), 0);
	unlink(path);
	assert_escaped(":2:1: unknown setting 'lis\\x1b[2Jten'");
	assert_int_not_equal(run((const char *const[]){ "craft", "-w", "/dev/null",
							 "rrq bogus\x1b[2J", NULL }), 0);
	assert_escaped("bogus\\x1b[2J");
}

static void test_user(void **state)
{
	const char *const extra[] = { "--user", "nobody", NULL };
	char path[64], line[256];
	uint8_t buf[2048];
	bool uid = false, caps = false;
	FILE *f;
	int fd;

	(void)state;
	if (geteuid() != 0)
		SKIP77("--user needs root (port 434, changing user)");
	start("127.0.0.2:434", NULL, extra);
	assert_int_equal(D.port, 434);
	read_log(1000, "running as user nobody");
	snprintf(path, sizeof path, "/proc/%d/status", (int)D.pid);
	f = fopen(path, "r");
	assert_non_null(f);
	while (fgets(line, sizeof line, f)) {
		uid |= !strncmp(line, "Uid:", 4) && !strstr(line, "\t0");
		caps |= !strcmp(line, "CapEff:\t0000000000000000\n");
	}
	fclose(f);
	if (!uid || !caps)
		fail_msg("still privileged (uid %s, capabilities %s)", uid ? "dropped" : "0",
			 caps ? "none" : "kept");
	fd = pma_socket();
	send_to_ha(fd, buf, build_rrq(buf, sizeof buf, "mn1@example.net", 0, false));
	assert_int_equal(reply_code(fd), 0);
	close(fd);
	stop();
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_early_sigusr1, teardown),
		cmocka_unit_test_teardown(test_large_request, teardown),
		cmocka_unit_test_teardown(test_log_injection, teardown),
		cmocka_unit_test_teardown(test_log_flood, teardown),
		cmocka_unit_test_teardown(test_error_escape, teardown),
		cmocka_unit_test_teardown(test_user, teardown),
	};

	if (argc != 2) {
		fprintf(stderr, "usage: %s PMIP4CT\n", argv[0]);
		return 2;
	}
	bin = argv[1];
	sa = (struct mip_sa){ .spi = 256, .alg = AUTH_HMAC_MD5, .kind = AUTH_KIND_FAHA,
			      .match = AUTH_MATCH_ANY, .key_len = 16 };
	for (uint8_t i = 0; i < 16; i++)
		sa.key[i] = i;
	D.err = -1;
	signal(SIGPIPE, SIG_IGN);
	return skip77_exit(cmocka_run_group_tests_name("daemon_harden", tests, NULL, NULL));
}
