/* test_net_udp.c — the tester's UDP backend for a DUT started on its own (net_udp.c):
 * only the DUT's datagrams count (others are logged and ignored, a Registration Reply
 * only from the DUT's port, RFC 5944 §3.4), and a tester address already taken fails at
 * once, naming the PIXIT item that moves it (no SO_REUSEADDR).  Loopback, unprivileged,
 * ports the kernel chose. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cmocka.h>

#include "mip.h"
#include "net.h"
#include "params.h"

static int logged;
static char last_log[256];

static void log_line(void *arg, const char *line)
{
	(void)arg;
	logged++;
	snprintf(last_log, sizeof last_log, "%s", line);
}

/* A UDP socket on addr (host order), its port in *port (0: any). */
static int sock_at(uint32_t addr, uint16_t *port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(*port),
				  .sin_addr.s_addr = htonl(addr) };
	socklen_t sl = sizeof sa;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	assert_true(fd >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &sl), 0);
	*port = ntohs(sa.sin_port);
	return fd;
}

static void send_to(int fd, uint16_t port, uint8_t type)
{
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(port),
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	uint8_t msg[24] = { type };

	assert_int_equal(sendto(fd, msg, sizeof msg, 0, (struct sockaddr *)&to, sizeof to),
			 (ssize_t)sizeof msg);
}

static void set(struct params *p, const char *name, const char *value)
{
	char err[128];

	assert_int_equal(params_set(p, PARAM_PIXIT, name, value, err, sizeof err), 0);
}

static void test_only_the_dut(void **state)
{
	uint16_t dut_port = 0, other_port = 0, far_port = 0, tester_port = 0;
	int dut = sock_at(INADDR_LOOPBACK, &dut_port);
	int other = sock_at(INADDR_LOOPBACK, &other_port);
	int far = sock_at(0x7f000009, &far_port), probe; /* 127.0.0.9: not the DUT */
	struct params *p = params_create();
	struct tc_net n = { 0 }, n2 = { 0 };
	static struct tc_pkt pkt;
	char v[64], err[256];

	(void)state;
	probe = sock_at(INADDR_LOOPBACK, &tester_port); /* a free port for the tester's pma1 */
	close(probe);
	snprintf(v, sizeof v, "127.0.0.1:%u", dut_port);
	set(p, "ha", v);
	set(p, "pma1", "127.0.0.1");
	set(p, "pma2", "0.0.0.0");
	set(p, "ha.pma-denied", "0.0.0.0");
	snprintf(v, sizeof v, "%u", tester_port);
	set(p, "pma-port", v);
	assert_int_equal(net_udp_create(&n, 0 /* CASE_ROLE_HA */, p, log_line, NULL, err,
					sizeof err), 0);

	/* A reply from another port of the DUT's address, anything from another address:
	 * ignored and logged. */
	send_to(other, tester_port, MIP_RRP);
	send_to(far, tester_port, MIP_REV);
	/* A revocation from the DUT's address (any port) counts; a reply from its port. */
	send_to(other, tester_port, MIP_REV);
	send_to(dut, tester_port, MIP_RRP);
	assert_int_equal(n.ops->recv(n.ctx, 0, &pkt, err, sizeof err), 1);
	assert_int_equal(pkt.buf[0], MIP_REV);
	assert_int_equal(n.ops->recv(n.ctx, 0, &pkt, err, sizeof err), 1);
	assert_int_equal(pkt.buf[0], MIP_RRP);
	assert_int_equal(pkt.ends.sport, dut_port);
	assert_int_equal(n.ops->recv(n.ctx, 0, &pkt, err, sizeof err), 0);
	assert_int_equal(logged, 2);
	assert_non_null(strstr(last_log, "tester: ignored 24 bytes from 127.0.0.9:"));

	/* A device the tester sent to (a second HA of the PIXIT) may answer too. */
	memset(&pkt, 0, sizeof pkt);
	pkt.link = TC_LINK_SIG;
	pkt.ends = (struct udp_ends){ INADDR_LOOPBACK, 0x7f000009, tester_port, far_port };
	pkt.len = 24;
	pkt.buf[0] = MIP_RRQ;
	assert_int_equal(n.ops->send(n.ctx, &pkt, err, sizeof err), 0);
	send_to(far, tester_port, MIP_RRP);
	assert_int_equal(n.ops->recv(n.ctx, 0, &pkt, err, sizeof err), 1);
	assert_int_equal(pkt.ends.src, 0x7f000009);
	assert_int_equal(logged, 2);

	/* A second tester on the same addresses: refused at once, with the PIXIT item. */
	assert_int_equal(net_udp_create(&n2, 0, p, log_line, NULL, err, sizeof err), -1);
	assert_non_null(strstr(err, "is in use"));
	assert_non_null(strstr(err, "PIXIT pma1 or pma-port"));

	tc_net_destroy(&n);
	params_destroy(p);
	close(dut);
	close(other);
	close(far);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_only_the_dut),
	};

	return cmocka_run_group_tests_name("net_udp", tests, NULL, NULL);
}
