/* test_ha_dataplane.c — `pmip4ct ha --tun` forwarding live on the namespace testbed
 * (tools/testbed): a PMA registers a device, then its IP-in-IP tunnel carries a ping to
 * the correspondent node and brings the reply back (RFC 5944 §4.2.3, RFC 2003, RFC 3024
 * §4.3.2, RFC 5563 §4.2), the request straight out on the HA's raw socket with TTL - 1; a
 * tunnelled packet from a PMA that is not the binding's care-of address is not
 * forwarded, only counted (RFC 3024 §4.3.2); an inner TTL of 1 goes through the TUN and
 * the host's Time Exceeded comes back down the tunnel (RFC 1812 §5.3.1).
 *
 * argv[1] is the pmip4ct binary, argv[2] tools/testbed.  Needs root (exits 77 without
 * it).  The HA runs in pct-ha on 10.251.1.2 with pcttun0 as its home network
 * (10.10.0.0/24); the PMA side runs in forked children that enter pct-pma1 or pct-pma2
 * with setns(2).  The testbed is torn down whatever happens.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
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
#include "tun.h"

#define HA_IP 0x0afb0102u   /* 10.251.1.2: the HA on the pma1 link */
#define PMA1_IP 0x0afb0101u /* 10.251.1.1 */
#define PMA2_IP 0x0afb0201u /* 10.251.2.1 */
#define CN_IP 0x0afb0302u   /* 10.251.3.2 */
#define POOL_NET 0x0a0a0000u /* 10.10.0.0/24 */
#define TUN_DEV "pcttun0"
#define NAI "mn1@example.net"
#define SA_FA_SPEC "spi=256,key=hex:000102030405060708090a0b0c0d0e0f,kind=fa-ha,any"
#define PING_ID 0x5043
#define START_MS 5000
#define WAIT_MS 3000
#define LOG_MAX 32768

/* A check in a child: say where, and exit non-zero. */
#define CHECK(cond)                                                                       \
	do {                                                                              \
		if (!(cond)) {                                                            \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,  \
				#cond);                                                   \
			return 1;                                                         \
		}                                                                         \
	} while (0)

static const char *pmip4ct_bin, *testbed;

static struct fx {
	pid_t pid;             /* the daemon; 0 = not running */
	int err;               /* its stderr; -1 = closed */
	size_t len;
	char log[LOG_MAX + 1];
	struct mip_sa sa;
	uint32_t hoa;          /* from the registration */
	int hoa_pipe[2];       /* the pma1 child tells the parent the home address */
} F = { .err = -1 };

static uint64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* ---- processes ---------------------------------------------------------------------- */

/* Run argv to completion, its output to ours; its exit status, or -1. */
static int run(const char *const argv[])
{
	union { const char *const *c; char *const *v; } av = { argv };
	pid_t pid;
	int st;

	if (posix_spawnp(&pid, argv[0], NULL, NULL, av.v, environ) != 0)
		return -1;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

#define RUN(...) run((const char *const[]){ __VA_ARGS__, NULL })

static void log_read(void)
{
	ssize_t n;

	while (F.err >= 0) {
		if (F.len == LOG_MAX) { /* keep the newest half */
			memmove(F.log, F.log + LOG_MAX / 2, LOG_MAX / 2);
			F.len = LOG_MAX / 2;
		}
		n = read(F.err, F.log + F.len, LOG_MAX - F.len);
		if (n > 0) {
			F.len += (size_t)n;
			F.log[F.len] = '\0';
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		close(F.err);
		F.err = -1;
	}
}

/* Drain the daemon's stderr for up to ms, or until want appears in it. */
static bool log_wait(const char *want, int ms)
{
	uint64_t end = mono_ms() + (uint64_t)ms;

	for (;;) {
		struct pollfd p = { F.err, POLLIN, 0 };

		log_read();
		if (want && strstr(F.log, want))
			return true;
		if (F.err < 0 || mono_ms() >= end)
			return false;
		poll(&p, 1, 20);
	}
}

static int hd_start(void)
{
	const char *argv[] = { "ip", "netns", "exec", "pct-ha", pmip4ct_bin, "ha",
			       "--listen", "10.251.1.2", "--tun", TUN_DEV, "--pool",
			       "10.10.0.0/24", "--sa", SA_FA_SPEC, "--log", "debug", NULL };
	union { const char **c; char *const *v; } av = { argv };
	posix_spawn_file_actions_t fa;
	int p[2], rc;

	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, p[1], 2);
	rc = posix_spawnp(&F.pid, "ip", &fa, NULL, av.v, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	if (rc != 0) {
		F.pid = 0;
		close(p[0]);
		return -1;
	}
	F.err = p[0];
	fcntl(F.err, F_SETFL, O_NONBLOCK);
	return log_wait("pmip4ct ha: listening on 10.251.1.2:434\n", START_MS) ? 0 : -1;
}

/* SIGTERM; the exit status (0 expected), or -1 if it had to be killed. */
static int hd_stop(void)
{
	uint64_t end = mono_ms() + 5000;
	int st = 0;
	pid_t r = 0;

	if (F.pid <= 0) /* never kill(0) */
		return -1;
	kill(F.pid, SIGTERM);
	while ((r = waitpid(F.pid, &st, WNOHANG)) == 0 && mono_ms() < end)
		log_wait(NULL, 20);
	if (r == 0) {
		kill(F.pid, SIGKILL);
		waitpid(F.pid, &st, 0);
	}
	F.pid = 0;
	log_wait(NULL, 500); /* to EOF */
	return r == 0 || !WIFEXITED(st) ? -1 : WEXITSTATUS(st);
}

static void log_dump(void)
{
	fprintf(stderr, "---- pmip4ct ha stderr ----\n%s----\n", F.log);
}

/* Run child() in a forked child inside namespace ns; its exit status (0 = passed).  The
 * daemon's stderr is drained meanwhile. */
static int in_netns(const char *ns, int (*child)(void))
{
	char path[128];
	pid_t pid;
	int st, fd;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		snprintf(path, sizeof path, "/var/run/netns/%s", ns);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || setns(fd, CLONE_NEWNET) < 0) {
			fprintf(stderr, "setns %s: %s\n", ns, strerror(errno));
			_exit(1);
		}
		_exit(child());
	}
	while (waitpid(pid, &st, WNOHANG) == 0)
		log_wait(NULL, 20);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* ---- the PMA side (in a child) ---------------------------------------------------- */

static struct sockaddr_in sin_of(uint32_t a, uint16_t port)
{
	struct sockaddr_in s;

	memset(&s, 0, sizeof s);
	s.sin_family = AF_INET;
	s.sin_addr.s_addr = htonl(a);
	s.sin_port = htons(port);
	return s;
}

static bool readable(int fd, int ms)
{
	struct pollfd p = { fd, POLLIN, 0 };

	return poll(&p, 1, ms) == 1;
}

/* A per-node proxy registration (RFC 5563 §4.1) for 0.0.0.0 from 10.251.1.1, reverse
 * tunnelling asked for, IP-in-IP; 0 and the home address in *hoa once accepted. */
static int pma_register(uint32_t *hoa)
{
	static struct mip_msg m;
	struct prrq q = { .nai = NAI, .pernode = true, .fa = &F.sa };
	struct sockaddr_in me = sin_of(PMA1_IP, 0), ha = sin_of(HA_IP, 434);
	uint8_t buf[1024];
	struct mip_err err;
	uint64_t ident;
	size_t n;
	ssize_t got;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	CHECK(fd >= 0 && bind(fd, (struct sockaddr *)&me, sizeof me) == 0);
	mip_msg_init(&m, MIP_RRQ);
	m.flags = MIP_F_T;
	m.lifetime = 300;
	m.ha = HA_IP;
	m.coa = PMA1_IP;
	m.ident = ident = ident_timestamp(&clk_real, 0);
	prrq_exts(&m, &q);
	CHECK(mip_encode(&m, buf, sizeof buf, &n, &err) == 0);
	CHECK(sendto(fd, buf, n, 0, (struct sockaddr *)&ha, sizeof ha) == (ssize_t)n);
	CHECK(readable(fd, WAIT_MS));
	got = recv(fd, buf, sizeof buf, 0);
	CHECK(got > 0 && mip_decode(buf, (size_t)got, &m, &err) == 0);
	close(fd);
	CHECK(m.type == MIP_RRP && m.code == 0 && m.ident == ident);
	CHECK((m.hoa & 0xffffff00u) == POOL_NET);
	*hoa = m.hoa;
	return 0;
}

/* A raw socket for IP-in-IP that sends whole packets (IP_HDRINCL). */
static int ipip_socket(void)
{
	int fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_IPIP), on = 1;

	if (fd >= 0 && setsockopt(fd, IPPROTO_IP, IP_HDRINCL, &on, sizeof on) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* An ICMP echo request (RFC 792) from src to dst, 16 bytes of data; its length. */
static size_t echo_request(uint32_t src, uint32_t dst, uint16_t seq, uint8_t ttl,
			   uint8_t *buf)
{
	struct tun_ip4 ip = { .tot_len = 44, .id = seq, .ttl = ttl, .proto = 1, .src = src,
			      .dst = dst };
	struct wr w = wr_init(buf, 44);
	uint16_t csum;

	tun_ip4_write(&w, &ip);
	wr_u8(&w, 8); /* Echo */
	wr_u8(&w, 0);
	wr_u16(&w, 0);
	wr_u16(&w, PING_ID);
	wr_u16(&w, seq);
	wr_bytes(&w, "pmip4ct-dataplne", 16);
	csum = tun_csum(buf + 20, 24);
	buf[22] = (uint8_t)(csum >> 8);
	buf[23] = (uint8_t)csum;
	return 44;
}

/* Tunnel an echo request from the home address to the CN (inner TTL ttl): IP-in-IP from
 * src to the HA. */
static int send_tunnelled_ping(int fd, uint32_t src, uint32_t hoa, uint16_t seq, uint8_t ttl)
{
	struct tun_params tp = { .kind = TUN_IPIP, .src = src, .dst = HA_IP, .id = seq };
	struct sockaddr_in to = sin_of(HA_IP, 0);
	uint8_t inner[64], outer[128];
	struct mip_err err;
	size_t n = echo_request(hoa, CN_IP, seq, ttl, inner);

	CHECK(tun_encap(&tp, inner, n, outer, sizeof outer, &n, &err) == 0);
	CHECK(sendto(fd, outer, n, 0, (struct sockaddr *)&to, sizeof to) == (ssize_t)n);
	return 0;
}

/* Whether p is the tunnelled echo reply: IP-in-IP from the HA to PMA1, inner an ICMP
 * Echo Reply from the CN to the home address with our identifier and sequence. */
static bool is_tunnelled_reply(const uint8_t *p, size_t len, uint32_t hoa, uint16_t seq)
{
	struct mip_err err;
	struct tun_pkt t;
	const uint8_t *icmp;

	if (tun_decap(p, len, &t, &err) < 0 || t.kind != TUN_IPIP)
		return false;
	if (t.outer.src != HA_IP || t.outer.dst != PMA1_IP || t.inner.proto != 1 ||
	    t.inner.src != CN_IP || t.inner.dst != hoa || t.inner_len < t.inner.hlen + 8u)
		return false;
	icmp = t.inner_pkt + t.inner.hlen;
	return icmp[0] == 0 && icmp[1] == 0 && (icmp[4] << 8 | icmp[5]) == PING_ID &&
	       (icmp[6] << 8 | icmp[7]) == seq &&
	       tun_csum(icmp, t.inner_len - t.inner.hlen) == 0;
}

/* pct-pma1: register, ping the CN through the tunnel, expect the reply tunnelled back. */
static int child_pma1_ping(void)
{
	uint64_t end = mono_ms() + WAIT_MS;
	uint8_t buf[2048];
	uint32_t hoa;
	ssize_t n;
	int fd;

	if (pma_register(&hoa) != 0)
		return 1;
	CHECK(write(F.hoa_pipe[1], &hoa, sizeof hoa) == sizeof hoa);
	fd = ipip_socket();
	CHECK(fd >= 0);
	CHECK(send_tunnelled_ping(fd, PMA1_IP, hoa, 1, 64) == 0);
	while (mono_ms() < end) {
		if (!readable(fd, 100))
			continue;
		n = recv(fd, buf, sizeof buf, 0);
		if (n > 0 && is_tunnelled_reply(buf, (size_t)n, hoa, 1))
			return 0;
	}
	fprintf(stderr, "no tunnelled echo reply within %d ms\n", WAIT_MS);
	return 1;
}

/* pct-pma2: tunnel a packet for the home address bound at pma1, from the wrong care-of
 * address (RFC 3024 §4.3.2: the outer source must be the binding's care-of address). */
static int child_pma2_wrong_src(void)
{
	int fd = ipip_socket();

	CHECK(fd >= 0);
	CHECK(send_tunnelled_ping(fd, PMA2_IP, F.hoa, 2, 64) == 0);
	close(fd);
	return 0;
}

/* Whether p is a tunnelled ICMP Time Exceeded (RFC 792 type 11) for the home address,
 * from the HA to PMA1. */
static bool is_tunnelled_time_exceeded(const uint8_t *p, size_t len, uint32_t hoa)
{
	struct mip_err err;
	struct tun_pkt t;

	if (tun_decap(p, len, &t, &err) < 0 || t.kind != TUN_IPIP || t.outer.src != HA_IP ||
	    t.outer.dst != PMA1_IP || t.inner.proto != 1 || t.inner.dst != hoa ||
	    t.inner_len < t.inner.hlen + 8u)
		return false;
	return t.inner_pkt[t.inner.hlen] == 11 && t.inner_pkt[t.inner.hlen + 1] == 0;
}

/* pct-pma1: an echo request with inner TTL 1 cannot be forwarded (RFC 1812 §5.3.1): the
 * host's Time Exceeded for it comes back down the tunnel. */
static int child_pma1_ttl1(void)
{
	uint64_t end = mono_ms() + WAIT_MS;
	uint8_t buf[2048];
	ssize_t n;
	int fd = ipip_socket();

	CHECK(fd >= 0);
	CHECK(send_tunnelled_ping(fd, PMA1_IP, F.hoa, 3, 1) == 0);
	while (mono_ms() < end) {
		if (!readable(fd, 100))
			continue;
		n = recv(fd, buf, sizeof buf, 0);
		if (n > 0 && is_tunnelled_time_exceeded(buf, (size_t)n, F.hoa))
			return 0;
	}
	fprintf(stderr, "no tunnelled Time Exceeded within %d ms\n", WAIT_MS);
	return 1;
}

/* ---- cases ---------------------------------------------------------------------------- */

/* RFC 5563 §4.2, RFC 3024 §4.3.2, RFC 5944 §4.2.3: the ping goes out through pcttun0
 * to the CN and its reply comes back into pcttun0, tunnelled to the care-of address. */
static void test_ping_through_tunnel(void **state)
{
	(void)state;
	if (in_netns("pct-pma1", child_pma1_ping) != 0) {
		log_dump();
		fail_msg("the PMA's check failed (see above)");
	}
	if (read(F.hoa_pipe[0], &F.hoa, sizeof F.hoa) != sizeof F.hoa)
		fail_msg("the PMA child sent no home address");
}

/* RFC 3024 §4.3.2: a wrong outer source is refused and counted, nothing forwarded. */
static void test_wrong_outer_source(void **state)
{
	(void)state;
	if (!F.hoa) /* not a skip: the registration before failed */
		fail_msg("no home address to test with: the registration failed");
	if (in_netns("pct-pma2", child_pma2_wrong_src) != 0)
		fail_msg("the PMA2 child failed");
	if (!log_wait("from-mn refused (bad-outer-src)", WAIT_MS)) {
		log_dump();
		fail_msg("no \"from-mn refused (bad-outer-src)\" in the daemon's log");
	}
	kill(F.pid, SIGUSR1);
	if (!log_wait("from-mn 1 ok, refused 1 (bad-outer-src:1)", WAIT_MS)) {
		log_dump();
		fail_msg("the data plane counters on SIGUSR1 are not as expected");
	}
	/* the echo request was plain: straight out on the raw socket, not through the TUN */
	if (!log_wait("data plane: to the host 1 direct, 0 through " TUN_DEV, WAIT_MS)) {
		log_dump();
		fail_msg("the echo request did not go to the host directly");
	}
}

/* RFC 1812 §5.3.1: an inner TTL of 1 goes through the TUN, where the host's forwarding
 * answers Time Exceeded, tunnelled back to the device. */
static void test_ttl_one(void **state)
{
	(void)state;
	if (!F.hoa)
		fail_msg("no home address to test with: the registration failed");
	if (in_netns("pct-pma1", child_pma1_ttl1) != 0) {
		log_dump();
		fail_msg("the PMA's check failed (see above)");
	}
	kill(F.pid, SIGUSR1);
	if (!log_wait("data plane: to the host 1 direct, 1 through " TUN_DEV, WAIT_MS)) {
		log_dump();
		fail_msg("the TTL-1 packet did not go through the TUN");
	}
}

/* SIGTERM: exit 0, the counters summary with its data plane lines (the echo reply and the
 * Time Exceeded tunnelled, the two echo requests decapsulated, one each way to the
 * host). */
static void test_summary_on_exit(void **state)
{
	int rc;

	(void)state;
	rc = hd_stop();
	if (rc != 0 || !strstr(F.log, "pmip4ct ha: data plane: to-mn 2 ok") ||
	    !strstr(F.log, "from-mn 2 ok") ||
	    !strstr(F.log, "pmip4ct ha: data plane: to the host 1 direct, 1 through " TUN_DEV)) {
		log_dump();
		fail_msg("pmip4ct ha after SIGTERM: exit %d, or no data plane summary", rc);
	}
}

/* ---- fixture -------------------------------------------------------------------------- */

static void cleanup(void)
{
	if (F.pid > 0)
		hd_stop();
	if (F.err >= 0)
		close(F.err);
	F.err = -1;
	RUN(testbed, "down");
}

/* Killed by the test harness: no daemon nor namespace outlives us. */
static void on_term(int sig)
{
	const char *argv[] = { testbed, "down", NULL };
	union { const char **c; char *const *v; } av = { argv }; /* exec takes char *const[] */

	(void)sig;
	if (F.pid > 0)
		kill(F.pid, SIGKILL);
	execv(testbed, av.v);
	_exit(1);
}

static int group_setup(void **state)
{
	char err[128];

	(void)state;
	if (auth_sa_parse(SA_FA_SPEC, &F.sa, err, sizeof err) < 0 ||
	    pipe2(F.hoa_pipe, O_CLOEXEC | O_NONBLOCK) < 0)
		return -1;
	if (RUN(testbed, "up") != 0 ||
	    RUN("ip", "netns", "exec", "pct-ha", "sysctl", "-qw", "net.ipv4.ip_forward=1") != 0 ||
	    RUN("ip", "-n", "pct-cn", "route", "add", "10.10.0.0/24", "via", "10.251.3.1") != 0)
		goto fail;
	if (hd_start() < 0) {
		fprintf(stderr, "pmip4ct ha did not start\n");
		log_dump();
		goto fail;
	}
	if (RUN("ip", "-n", "pct-ha", "link", "set", TUN_DEV, "up") != 0 ||
	    RUN("ip", "-n", "pct-ha", "route", "add", "10.10.0.0/24", "dev", TUN_DEV) != 0)
		goto fail;
	return 0;
fail:
	cleanup();
	return -1;
}

static int group_teardown(void **state)
{
	(void)state;
	cleanup();
	close(F.hoa_pipe[0]);
	close(F.hoa_pipe[1]);
	return 0;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ping_through_tunnel),
		cmocka_unit_test(test_wrong_outer_source),
		cmocka_unit_test(test_ttl_one),
		cmocka_unit_test(test_summary_on_exit),
	};
	struct sigaction sa;

	if (argc < 3) {
		fprintf(stderr, "usage: %s PATH-TO-PMIP4CT PATH-TO-TESTBED\n", argv[0]);
		return 2;
	}
	if (geteuid() != 0) {
		printf("SKIP: needs root\n");
		return 77;
	}
	pmip4ct_bin = argv[1];
	testbed = argv[2];
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
