/* bench_tunnel.c — the sender and the receiver of the tunnel benchmark (DESIGN.md §7,
 * tools/bench/tunnel): MN→CN frames per second through the PMA and the HA, against the
 * same sender on a plain veth pair in the same run.
 *
 * The sender writes precomputed frames on an AF_PACKET socket, batched with sendmmsg,
 * as fast as the interface takes them; the frame is
 *
 *   Ethernet (14) | IPv4 (20, DF, TTL 64, proto 17) | UDP (8, checksum 0) | payload
 *
 * with a payload of BT_PAYLOAD bytes, so every frame is BT_FRAME bytes long.  The
 * receiver is a UDP socket with a large receive buffer drained with recvmmsg.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <linux/if_packet.h>
#include <linux/if_ether.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "bench_tunnel.h"
#include "settings.h"

#define BT_PAYLOAD 64
#define BT_HDRS    (14 + 20 + 8)
#define BT_FRAME   (BT_HDRS + BT_PAYLOAD)
#define BT_BATCH   64
#define BT_SRCPORT 40000
#define BT_RCVBUF  (64 << 20)
#define BT_SECONDS_MAX 3600.0

static double bt_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int bt_seconds(const char *s, double *out)
{
	char *end;

	*out = strtod(s, &end);
	if (*end || end == s || !(*out >= 0.1 && *out <= BT_SECONDS_MAX)) {
		fprintf(stderr, "pmip4ct bench: seconds '%s': out of range or not a number\n", s);
		return -1;
	}
	return 0;
}

static int bt_port(const char *s, uint16_t *out)
{
	char *end;
	unsigned long n = strtoul(s, &end, 10);

	if (*end || end == s || *s == '-' || n < 1 || n > 65535) {
		fprintf(stderr, "pmip4ct bench: port '%s': out of range or not a number\n", s);
		return -1;
	}
	*out = (uint16_t)n;
	return 0;
}

static int bt_mac(const char *s, uint8_t mac[6])
{
	if (settings_mac(s, mac) == 0)
		return 0;
	fprintf(stderr, "pmip4ct bench: MAC '%s': not aa:bb:cc:dd:ee:ff\n", s);
	return -1;
}

static int bt_addr(const char *s, uint8_t a[4])
{
	struct in_addr in;

	if (inet_pton(AF_INET, s, &in) != 1) {
		fprintf(stderr, "pmip4ct bench: address '%s': not an IPv4 address\n", s);
		return -1;
	}
	memcpy(a, &in.s_addr, 4);
	return 0;
}

static void bt_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* The frame: Ethernet, IPv4 with its header checksum, UDP without checksum. */
static void bt_frame(uint8_t *f, const uint8_t dst_mac[6], const uint8_t src_mac[6],
		     const uint8_t src[4], const uint8_t dst[4], uint16_t port)
{
	uint8_t *ip = f + 14, *udp = ip + 20;
	uint32_t sum = 0;

	memset(f, 0, BT_FRAME);
	memcpy(f, dst_mac, 6);
	memcpy(f + 6, src_mac, 6);
	bt_put16(f + 12, ETH_P_IP);
	ip[0] = 0x45;
	bt_put16(ip + 2, 20 + 8 + BT_PAYLOAD);
	bt_put16(ip + 6, 0x4000); /* DF */
	ip[8] = 64;
	ip[9] = IPPROTO_UDP;
	memcpy(ip + 12, src, 4);
	memcpy(ip + 16, dst, 4);
	for (int i = 0; i < 20; i += 2)
		sum += (uint32_t)(ip[i] << 8 | ip[i + 1]);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	bt_put16(ip + 10, (uint16_t)~sum);
	bt_put16(udp, BT_SRCPORT);
	bt_put16(udp + 2, port);
	bt_put16(udp + 4, 8 + BT_PAYLOAD);
	memset(udp + 8, 0xa5, BT_PAYLOAD);
}

static int bt_packet_socket(const char *ifname, uint8_t src_mac[6], struct sockaddr_ll *ll)
{
	struct ifreq ifr;
	int fd = socket(AF_PACKET, SOCK_RAW, 0); /* send only: no protocol, no receive queue */

	if (fd < 0) {
		fprintf(stderr, "pmip4ct bench: AF_PACKET socket: %s\n", strerror(errno));
		return -1;
	}
	memset(&ifr, 0, sizeof ifr);
	snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "%s", ifname);
	if (ioctl(fd, SIOCGIFINDEX, &ifr) < 0) {
		fprintf(stderr, "pmip4ct bench: interface %s: %s\n", ifname, strerror(errno));
		close(fd);
		return -1;
	}
	memset(ll, 0, sizeof *ll);
	ll->sll_family = AF_PACKET;
	ll->sll_ifindex = ifr.ifr_ifindex;
	ll->sll_halen = 6;
	if (ioctl(fd, SIOCGIFHWADDR, &ifr) < 0) { /* the union now holds the MAC */
		fprintf(stderr, "pmip4ct bench: interface %s: %s\n", ifname, strerror(errno));
		close(fd);
		return -1;
	}
	memcpy(src_mac, ifr.ifr_hwaddr.sa_data, 6);
	return fd;
}

/* Send the frame in batches until `seconds` have passed; the count of frames the
 * socket accepted (ENOBUFS and the like are retried, not counted). */
static uint64_t bt_blast(int fd, struct sockaddr_ll *ll, uint8_t *frame, double seconds,
			 double *took)
{
	struct mmsghdr msgs[BT_BATCH];
	struct iovec iov = { .iov_base = frame, .iov_len = BT_FRAME };
	uint64_t sent = 0;
	double t0 = bt_now(), t = t0;

	memcpy(ll->sll_addr, frame, 6);
	memset(msgs, 0, sizeof msgs);
	for (int i = 0; i < BT_BATCH; i++) {
		msgs[i].msg_hdr.msg_name = ll;
		msgs[i].msg_hdr.msg_namelen = sizeof *ll;
		msgs[i].msg_hdr.msg_iov = &iov;
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	while (t - t0 < seconds) {
		int n = sendmmsg(fd, msgs, BT_BATCH, 0);

		if (n > 0)
			sent += (uint64_t)n;
		t = bt_now();
	}
	*took = t - t0;
	return sent;
}

int bench_tunnel_send(int argc, char **argv)
{
	uint8_t dst_mac[6], src_mac[6], src[4], dst[4], frame[BT_FRAME];
	struct sockaddr_ll ll;
	uint16_t port;
	double seconds, took;
	uint64_t sent;
	int fd;

	if (argc != 8) {
		fprintf(stderr, "usage: pmip4ct bench tunnel-send IF DSTMAC SRC DST PORT SECONDS\n");
		return 2;
	}
	if (bt_mac(argv[3], dst_mac) < 0 || bt_addr(argv[4], src) < 0 ||
	    bt_addr(argv[5], dst) < 0 || bt_port(argv[6], &port) < 0 ||
	    bt_seconds(argv[7], &seconds) < 0)
		return 2;
	fd = bt_packet_socket(argv[2], src_mac, &ll);
	if (fd < 0)
		return 1;
	bt_frame(frame, dst_mac, src_mac, src, dst, port);
	sent = bt_blast(fd, &ll, frame, seconds, &took);
	close(fd);
	printf("sent %llu %.6f %d\n", (unsigned long long)sent, took, BT_FRAME);
	return 0;
}

static volatile sig_atomic_t bt_stop;

static void bt_on_signal(int sig)
{
	(void)sig;
	bt_stop = 1;
}

static int bt_udp_socket(uint16_t port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(port) };
	struct timeval tv = { .tv_sec = 0, .tv_usec = 100000 };
	int fd = socket(AF_INET, SOCK_DGRAM, 0), buf = BT_RCVBUF;

	if (fd < 0) {
		fprintf(stderr, "pmip4ct bench: UDP socket: %s\n", strerror(errno));
		return -1;
	}
	/* FORCE passes rmem_max (we are root); the plain option is the fallback. */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &buf, sizeof buf) < 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buf, sizeof buf);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	if (bind(fd, (struct sockaddr *)&sin, sizeof sin) < 0) {
		fprintf(stderr, "pmip4ct bench: bind UDP port %u: %s\n", port, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

int bench_tunnel_recv(int argc, char **argv)
{
	static uint8_t bufs[BT_BATCH][2048];
	struct mmsghdr msgs[BT_BATCH];
	struct iovec iov[BT_BATCH];
	struct sigaction sa = { .sa_handler = bt_on_signal };
	uint64_t received = 0;
	uint16_t port;
	double seconds, t0;
	int fd;

	if (argc != 4) {
		fprintf(stderr, "usage: pmip4ct bench tunnel-recv PORT SECONDS\n");
		return 2;
	}
	if (bt_port(argv[2], &port) < 0 || bt_seconds(argv[3], &seconds) < 0)
		return 2;
	fd = bt_udp_socket(port);
	if (fd < 0)
		return 1;
	sigaction(SIGTERM, &sa, NULL); /* no SA_RESTART: recvmmsg returns EINTR */
	sigaction(SIGINT, &sa, NULL);
	for (int i = 0; i < BT_BATCH; i++) {
		iov[i] = (struct iovec){ .iov_base = bufs[i], .iov_len = sizeof bufs[i] };
		msgs[i].msg_hdr = (struct msghdr){ .msg_iov = &iov[i], .msg_iovlen = 1 };
	}
	printf("ready\n");
	fflush(stdout);
	t0 = bt_now();
	while (!bt_stop && bt_now() - t0 < seconds) {
		int n = recvmmsg(fd, msgs, BT_BATCH, MSG_WAITFORONE, NULL);

		if (n > 0)
			received += (uint64_t)n;
	}
	close(fd);
	printf("received %llu\n", (unsigned long long)received);
	return 0;
}
