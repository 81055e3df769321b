/* test_l2_io.c — the live data-plane ports (io_pkt.h, io_rawip.h, io_tun.h) between two
 * network namespaces of our own, pctio-a (va, 10.252.0.1/24) and pctio-b (vb,
 * 10.252.0.2/24), joined by a veth pair: frames and tunnel packets arrive byte for byte,
 * our own frames are not echoed, and a TUN device trades packets with the host's stack.
 *
 * Needs root (exits 77 without it).  Each check runs in a forked child that enters the
 * namespaces with setns(2); a socket stays in the namespace it was made in, so one
 * child holds both ends in one loop.  Namespaces left by a killed run are removed first.
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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "io_pkt.h"
#include "io_rawip.h"
#include "io_tun.h"
#include "loop.h"
#include "tun.h"

#define NS_A "pctio-a"
#define NS_B "pctio-b"
#define ADDR_A 0x0afc0001u   /* 10.252.0.1 on va in pctio-a */
#define ADDR_B 0x0afc0002u   /* 10.252.0.2 on vb in pctio-b */
#define ADDR_NONE 0x0afc6363u /* 10.252.99.99: nobody's */
#define TUN_NAME "pctio-t0"
#define TUN_HOST 0x0afc0901u /* 10.252.9.1 on the TUN, in pctio-b */
#define TUN_PEER 0x0afc0a05u /* 10.252.10.5, routed into the TUN */
#define ETYPE_TEST 0x88b5    /* IEEE 802 Local Experimental EtherType 1 */
#define WAIT_MS 2000
#define QUIET_MS 200

/* Fail a child's check: say where, and exit non-zero. */
#define CHECK(cond)                                                                       \
	do {                                                                              \
		if (!(cond)) {                                                            \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,  \
				#cond);                                                   \
			return 1;                                                         \
		}                                                                         \
	} while (0)

__attribute__((format(printf, 1, 2))) static int sh(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	rc = system(cmd);
	return rc != -1 && WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void netns_remove(void)
{
	sh("ip netns del " NS_A " 2>/dev/null; ip netns del " NS_B " 2>/dev/null");
}

static int group_setup(void **state)
{
	(void)state;
	netns_remove();
	if (sh("ip netns add " NS_A " && ip netns add " NS_B
	       " && ip -n " NS_A " link add va type veth peer name vb netns " NS_B
	       " && ip -n " NS_A " addr add 10.252.0.1/24 dev va"
	       " && ip -n " NS_B " addr add 10.252.0.2/24 dev vb"
	       " && ip -n " NS_A " link set lo up && ip -n " NS_A " link set va up"
	       " && ip -n " NS_B " link set lo up && ip -n " NS_B " link set vb up") != 0) {
		fprintf(stderr, "cannot build the namespaces " NS_A " and " NS_B "\n");
		netns_remove();
		return -1;
	}
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	netns_remove();
	return 0;
}

static int netns_enter(const char *name)
{
	char path[128];
	int fd, rc;

	snprintf(path, sizeof(path), "/var/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	rc = setns(fd, CLONE_NEWNET);
	close(fd);
	return rc;
}

/* Run check in a forked child; its exit status (0 = passed). */
static int in_child(int (*check)(void))
{
	int status;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0)
		exit(check()); /* not _exit: sanitizers check the child too */
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* What a receiver caught: packets that passed its filter, the last one kept. */
struct catch {
	uint16_t etype; /* frames: only this EtherType */
	uint8_t proto;  /* IPv4 packets: only this protocol (0 = any) */
	unsigned n;
	size_t len;
	uint8_t buf[4096];
};

static void catch_keep(struct catch *c, const uint8_t *buf, size_t len)
{
	c->n++;
	c->len = len < sizeof(c->buf) ? len : sizeof(c->buf);
	memcpy(c->buf, buf, c->len);
}

static void catch_frame(void *arg, const uint8_t *buf, size_t len)
{
	struct catch *c = arg;

	if (len >= 14 && (buf[12] << 8 | buf[13]) == c->etype)
		catch_keep(c, buf, len);
}

static void catch_ip(void *arg, const uint8_t *buf, size_t len)
{
	struct catch *c = arg;

	if (len >= 20 && buf[0] >> 4 == 4 && (!c->proto || buf[9] == c->proto))
		catch_keep(c, buf, len);
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Run the loop until *n reaches want or ms pass. */
static void pump(struct loop *l, const unsigned *n, unsigned want, unsigned ms)
{
	uint64_t end = now_ms() + ms;

	while (*n < want && now_ms() < end)
		loop_once(l, 10);
}

/* An IPv4/UDP packet (UDP checksum 0: none, RFC 768) carrying msg.  Its length. */
static size_t udp_packet(uint8_t *out, size_t cap, uint32_t src, uint16_t sport, uint32_t dst,
			 uint16_t dport, const char *msg)
{
	size_t mlen = strlen(msg), ulen = 8 + mlen;
	struct tun_ip4 h = { .tot_len = (uint16_t)(TUN_IP4_LEN + ulen), .id = 7, .ttl = 64,
			     .proto = IPPROTO_UDP, .src = src, .dst = dst };
	struct wr w = wr_init(out, cap);

	tun_ip4_write(&w, &h);
	wr_u16(&w, sport);
	wr_u16(&w, dport);
	wr_u16(&w, (uint16_t)ulen);
	wr_u16(&w, 0);
	wr_bytes(&w, msg, mlen);
	return w.overflow ? 0 : w.pos;
}

/* A test frame: dst, src, ETYPE_TEST, and a 46-byte payload marked by tag. */
static size_t test_frame(uint8_t *f, const uint8_t *dst, const uint8_t *src, uint8_t tag)
{
	memcpy(f, dst, 6);
	memcpy(f + 6, src, 6);
	f[12] = ETYPE_TEST >> 8;
	f[13] = ETYPE_TEST & 0xff;
	for (size_t i = 14; i < 60; i++)
		f[i] = (uint8_t)(tag + i);
	return 60;
}

/* (a) AF_PACKET: each end receives the other's frame intact, and never a frame sent out
 * of its own interface, whether by itself or by another socket of the host (a2). */
static int check_frames(void)
{
	static struct catch ca = { .etype = ETYPE_TEST }, cb = { .etype = ETYPE_TEST }, ca2;
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	struct pkt_sock *a, *a2, *b;
	struct pkt_port pa2, pb;
	uint8_t fa[60], fb[60];
	char err[128];
	struct loop *l = loop_create(&clk_real, err, sizeof(err));

	CHECK(l && netns_enter(NS_A) == 0);
	CHECK((a = pkt_sock_open(l, "va", catch_frame, &ca, err, sizeof(err))) != NULL);
	CHECK((a2 = pkt_sock_open(l, "va", catch_frame, &ca2, err, sizeof(err))) != NULL);
	CHECK(netns_enter(NS_B) == 0);
	CHECK((b = pkt_sock_open(l, "vb", catch_frame, &cb, err, sizeof(err))) != NULL);
	CHECK(!pkt_sock_open(l, "pctio-none", catch_frame, &cb, err, sizeof(err)));
	CHECK(strcmp(err, "pctio-none: No such device") == 0);
	CHECK(pkt_sock_ifindex(a) > 0 && pkt_sock_ifindex(a) == pkt_sock_ifindex(a2));
	CHECK(memcmp(pkt_sock_mac(a), pkt_sock_mac(b), PKT_MAC_LEN) != 0);
	pa2 = pkt_sock_port(a2);
	pb = pkt_sock_port(b);
	CHECK(pkt_port_send(&pa2, fa, test_frame(fa, pkt_sock_mac(b), pkt_sock_mac(a), 1)) == 0);
	pump(l, &cb.n, 1, WAIT_MS);
	CHECK(cb.n == 1 && cb.len == sizeof(fa) && memcmp(cb.buf, fa, sizeof(fa)) == 0);
	CHECK(pkt_port_send(&pb, fb, test_frame(fb, bcast, pkt_sock_mac(b), 2)) == 0);
	pump(l, &ca.n, 1, WAIT_MS);
	CHECK(ca.n == 1 && ca.len == sizeof(fb) && memcmp(ca.buf, fb, sizeof(fb)) == 0);
	pump(l, &ca.n, 2, QUIET_MS); /* an echo of a frame sent out of va would come now */
	CHECK(ca.n == 1 && cb.n == 1 && pkt_sock_stats(a2).tx == 1);
	pkt_sock_close(a);
	pkt_sock_close(a2);
	pkt_sock_close(b);
	pkt_sock_close(NULL);
	loop_destroy(l);
	return 0;
}

static void test_frames(void **state)
{
	(void)state;
	assert_int_equal(in_child(check_frames), 0);
}

/* Encapsulate a UDP packet from a to b as tp says, send it through port, and check that
 * it reaches c intact and decapsulates. */
static int tunnel_one(struct loop *l, struct pkt_port *port, const struct tun_params *tp,
		      struct catch *c)
{
	uint8_t inner[256], outer[512];
	size_t ilen = udp_packet(inner, sizeof(inner), 0x0afc0501u, 1000, 0x0afc0601u, 2000,
				 "inner payload"), olen;
	struct mip_err e;
	struct tun_pkt t;

	CHECK(ilen > 0);
	CHECK(tun_encap(tp, inner, ilen, outer, sizeof(outer), &olen, &e) == 0);
	CHECK(pkt_port_send(port, outer, olen) == 0);
	pump(l, &c->n, 1, WAIT_MS);
	CHECK(c->n == 1 && c->len == olen && memcmp(c->buf, outer, olen) == 0);
	CHECK(tun_decap(c->buf, c->len, &t, &e) == 0 && t.kind == tp->kind);
	CHECK(t.inner_len == ilen && memcmp(t.inner_pkt, inner, ilen) == 0);
	return 0;
}

/* (b) raw IPv4: IP-in-IP and GRE packets from a reach b's raw sockets (there is no
 * ipip or gre module: only raw sockets take them), each only the socket of its own
 * protocol. */
static int check_rawip(void)
{
	static struct catch ca = { 0 }, cb4 = { 0 }, cb47 = { 0 };
	struct tun_params tp = { .kind = TUN_IPIP, .src = ADDR_A, .dst = ADDR_B, .ttl = 64,
				 .id = 0x1234 };
	struct rawip_sock *a4, *a47, *b4, *b47;
	struct pkt_port p4, p47;
	char err[128];
	struct loop *l = loop_create(&clk_real, err, sizeof(err));

	CHECK(l && netns_enter(NS_A) == 0);
	CHECK((a4 = rawip_sock_open(l, TUN_IPIP, ADDR_A, catch_ip, &ca, err, sizeof(err))));
	CHECK((a47 = rawip_sock_open(l, TUN_GRE, 0, catch_ip, &ca, err, sizeof(err))));
	CHECK(netns_enter(NS_B) == 0);
	CHECK((b4 = rawip_sock_open(l, TUN_IPIP, ADDR_B, catch_ip, &cb4, err, sizeof(err))));
	CHECK((b47 = rawip_sock_open(l, TUN_GRE, ADDR_B, catch_ip, &cb47, err, sizeof(err))));
	CHECK(!rawip_sock_open(l, TUN_IPIP, ADDR_NONE, catch_ip, &ca, err, sizeof(err)));
	CHECK(strcmp(err, "proto 4 on 10.252.99.99: Cannot assign requested address") == 0);
	p4 = rawip_sock_port(a4);
	p47 = rawip_sock_port(a47);
	CHECK(pkt_port_send(&p4, (const uint8_t *)"short", 5) == -1 && errno == EINVAL);
	CHECK(tunnel_one(l, &p4, &tp, &cb4) == 0);
	tp = (struct tun_params){ .kind = TUN_GRE, .src = ADDR_A, .dst = ADDR_B, .ttl = 64,
				  .id = 0x1235, .has_key = true, .key = 42, .csum = true };
	CHECK(tunnel_one(l, &p47, &tp, &cb47) == 0);
	pump(l, &ca.n, 1, QUIET_MS);
	CHECK(cb4.n == 1 && cb47.n == 1 && ca.n == 0);
	rawip_sock_close(a4);
	rawip_sock_close(a47);
	rawip_sock_close(b4);
	rawip_sock_close(b47);
	loop_destroy(l);
	return 0;
}

static void test_rawip(void **state)
{
	(void)state;
	assert_int_equal(in_child(check_rawip), 0);
}

/* A UDP socket on TUN_HOST:6000 (in the current namespace); -1 on failure. */
static int udp_open(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(6000),
				   .sin_addr.s_addr = htonl(TUN_HOST) };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd >= 0 && bind(fd, (const struct sockaddr *)&sin, sizeof(sin)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* The host sends a datagram routed into the TUN: it comes out of the device. */
static int tun_outbound(struct loop *l, int fd, struct catch *c)
{
	static const char msg[] = "into the tun";
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(5000),
				  .sin_addr.s_addr = htonl(TUN_PEER) };
	struct tun_ip4 h;
	struct mip_err e;

	CHECK(sendto(fd, msg, strlen(msg), 0, (const struct sockaddr *)&to, sizeof(to)) > 0);
	pump(l, &c->n, 1, WAIT_MS);
	CHECK(c->n == 1 && tun_ip4_parse(c->buf, c->len, &h, &e) == 0);
	CHECK(h.src == TUN_HOST && h.dst == TUN_PEER && h.proto == IPPROTO_UDP);
	CHECK(c->len == (size_t)h.hlen + 8 + strlen(msg));
	CHECK((c->buf[h.hlen + 2] << 8 | c->buf[h.hlen + 3]) == 5000);
	CHECK(memcmp(c->buf + h.hlen + 8, msg, strlen(msg)) == 0);
	return 0;
}

/* A packet written into the TUN reaches the host's UDP socket. */
static int tun_inbound(struct pkt_port *port, int fd)
{
	static const char msg[] = "out of the tun";
	uint8_t pkt[128], got[128];
	size_t len = udp_packet(pkt, sizeof(pkt), TUN_PEER, 5000, TUN_HOST, 6000, msg);
	struct sockaddr_in from;
	socklen_t fl = sizeof(from);
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	ssize_t n;

	CHECK(len > 0 && pkt_port_send(port, pkt, len) == 0);
	CHECK(poll(&pfd, 1, WAIT_MS) == 1);
	n = recvfrom(fd, got, sizeof(got), MSG_DONTWAIT, (struct sockaddr *)&from, &fl);
	CHECK(n == (ssize_t)strlen(msg) && memcmp(got, msg, strlen(msg)) == 0);
	CHECK(ntohl(from.sin_addr.s_addr) == TUN_PEER && ntohs(from.sin_port) == 5000);
	return 0;
}

/* (c) TUN: names, a write to a device that is down, and packets both ways. */
static int check_tun(void)
{
	static struct catch c = { .proto = IPPROTO_UDP };
	struct tundev *t;
	struct pkt_port port;
	char err[128];
	struct loop *l = loop_create(&clk_real, err, sizeof(err));
	int fd;

	CHECK(l && netns_enter(NS_B) == 0);
	CHECK((t = tundev_open(l, NULL, catch_ip, &c, err, sizeof(err))) != NULL);
	CHECK(strncmp(tundev_name(t), "tun", 3) == 0);
	tundev_close(t);
	CHECK((t = tundev_open(l, TUN_NAME, catch_ip, &c, err, sizeof(err))) != NULL);
	CHECK(strcmp(tundev_name(t), TUN_NAME) == 0);
	port = tundev_port(t);
	CHECK(pkt_port_send(&port, (const uint8_t *)"\x45", 1) == -1 && errno == EIO);
	CHECK(sh("ip -n " NS_B " link set " TUN_NAME " up"
		 " && ip -n " NS_B " addr add 10.252.9.1/24 dev " TUN_NAME
		 " && ip -n " NS_B " route add 10.252.10.0/24 dev " TUN_NAME) == 0);
	CHECK((fd = udp_open()) >= 0);
	CHECK(tun_outbound(l, fd, &c) == 0);
	CHECK(tun_inbound(&port, fd) == 0);
	CHECK(tundev_stats(t).tx == 1 && tundev_stats(t).rx >= 1);
	close(fd);
	tundev_close(t);
	loop_destroy(l);
	return 0;
}

static void test_tun(void **state)
{
	(void)state;
	assert_int_equal(in_child(check_tun), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_frames),
		cmocka_unit_test(test_rawip),
		cmocka_unit_test(test_tun),
	};

	if (geteuid() != 0) {
		printf("SKIP: needs root (network namespaces, raw sockets, TUN)\n");
		return 77;
	}
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
