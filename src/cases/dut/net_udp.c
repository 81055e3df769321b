/* net_udp.c — a DUT started on its own, reached over UDP (net.h).  The tester binds one
 * socket per node it plays (HA cases: pma1, pma2 and ha.pma-denied at pma-port; PMA
 * cases: ha, and pma.ha-alt when it can), so a datagram's node is the socket it came in
 * on; a datagram sent from any other source (the shell's `send ... from ADDR:PORT`) gets
 * a socket of its own, bound on first use.  Time is the real clock.
 * Signalling only, unless the PIXIT gives the remote DUT's data plane (net_dp.h): home.if
 * for an HA (its home and core links), access.if for a PMA (its access and core links);
 * its descriptor is then polled beside the UDP sockets.
 *
 * Isolation (DESIGN.md §4): the sockets never share a port (no SO_REUSEADDR), so a second
 * run on the same addresses fails at once, naming the address and the PIXIT item that
 * moves it; and only the DUT's datagrams count: one from an address the tester neither
 * tests nor sent to, or a Registration Reply from another port than the one it was sent
 * to (RFC 5944 §3.4: the reply's source port is the request's destination port), is
 * logged and ignored.
 */
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "clock.h"
#include "net_dp.h"
#include "tc_priv.h"
#include "txt.h"

#define UDP_NODES 16 /* the nodes of the PIXIT, and sources the shell sends from */

struct net_udp {
	int fd[UDP_NODES];
	uint32_t addr[UDP_NODES];
	uint16_t port[UDP_NODES];
	unsigned n;
	/* Who may answer: the DUT's address and signalling port, then every destination the
	 * tester sent to (a second device of the PIXIT, such as ha.pmip-off). */
	uint32_t peer[UDP_NODES];
	uint16_t peer_port[UDP_NODES];
	unsigned n_peers;
	struct net_dp *dp; /* the remote DUT's data plane, or NULL */
	tc_log_fn log;     /* where ignored datagrams are told */
	void *log_arg;
	char name[80];     /* the DUT */
	char desc[160];    /* the backend: the DUT and the data plane's link */
};

/* A socket of the tester's at addr:port; `item` names the PIXIT item(s) that move it. */
static int udp_bind(uint32_t addr, uint16_t port, const char *item, char *err,
		    size_t errlen)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port),
				  .sin_addr.s_addr = htonl(addr) };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa)) {
		if (errno == EADDRINUSE)
			snprintf(err, errlen, "%s:%u is in use (another test run or agent on "
				 "this host?): move the tester with %s", txt_ip4(addr).s, port,
				 item);
		else
			snprintf(err, errlen, "bind %s:%u: %s", txt_ip4(addr).s, port,
				 strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static void udp_add_peer(struct net_udp *u, uint32_t addr, uint16_t port)
{
	for (unsigned i = 0; i < u->n_peers; i++)
		if (u->peer[i] == addr && u->peer_port[i] == port)
			return;
	if (u->n_peers < UDP_NODES) {
		u->peer[u->n_peers] = addr;
		u->peer_port[u->n_peers++] = port;
	}
}

static int udp_send(void *ctx, const struct tc_pkt *p, char *err, size_t errlen)
{
	struct net_udp *u = ctx;
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(p->ends.dport),
				  .sin_addr.s_addr = htonl(p->ends.dst) };

	if (p->link != TC_LINK_SIG && u->dp)
		return net_dp_send(u->dp, p, err, errlen);
	if (p->link != TC_LINK_SIG) {
		snprintf(err, errlen, "only signalling reaches a remote DUT");
		return -1;
	}
	unsigned i = 0;

	while (i < u->n && (u->addr[i] != p->ends.src || u->port[i] != p->ends.sport))
		i++;
	if (i == u->n) {
		int fd = u->n < UDP_NODES ? udp_bind(p->ends.src, p->ends.sport,
							   "the message's source", err, errlen) : -1;

		if (u->n == UDP_NODES)
			snprintf(err, errlen, "the tester has no socket at %s:%u and no room for "
				 "one more", txt_ip4(p->ends.src).s, p->ends.sport);
		if (fd < 0)
			return -1;
		u->fd[i] = fd;
		u->addr[i] = p->ends.src;
		u->port[i] = p->ends.sport;
		u->n++;
	}
	udp_add_peer(u, p->ends.dst, p->ends.dport);
	if (sendto(u->fd[i], p->buf, p->len, 0, (struct sockaddr *)&to, sizeof to) < 0) {
		snprintf(err, errlen, "sendto: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* Whether a datagram from addr:port counts as the DUT's (the comment at the top). */
static bool udp_from_dut(struct net_udp *u, uint32_t addr, uint16_t port, const uint8_t *b,
			 size_t len)
{
	char line[200];
	bool reply = len > 0 && b[0] == MIP_RRP;

	for (unsigned i = 0; i < u->n_peers; i++)
		if (addr == u->peer[i] && (!reply || port == u->peer_port[i]))
			return true;
	if (u->log) {
		snprintf(line, sizeof line, "tester: ignored %zu bytes from %s:%u: not %s", len,
			 txt_ip4(addr).s, port, u->name);
		u->log(u->log_arg, line);
	}
	return false;
}

/* The next datagram of the DUT waiting on socket i, into p; false when none is left
 * there (the others are ignored on the way). */
static bool udp_take(struct net_udp *u, unsigned i, uint64_t now, struct tc_pkt *p)
{
	for (;;) {
		struct sockaddr_in from;
		socklen_t fl = sizeof from;
		ssize_t n = recvfrom(u->fd[i], p->buf, sizeof p->buf, MSG_TRUNC,
				     (struct sockaddr *)&from, &fl);
		uint32_t addr = ntohl(from.sin_addr.s_addr);
		uint16_t port = ntohs(from.sin_port);

		if (n < 0)
			return false;
		p->len = (size_t)n > sizeof p->buf ? sizeof p->buf : (size_t)n;
		if (!udp_from_dut(u, addr, port, p->buf, p->len))
			continue;
		p->link = TC_LINK_SIG;
		p->ends = (struct udp_ends){ addr, u->addr[i], port, u->port[i] };
		p->at_ns = now;
		return true;
	}
}

static int udp_recv(void *ctx, uint64_t deadline, struct tc_pkt *p, char *err, size_t errlen)
{
	struct net_udp *u = ctx;
	struct pollfd pfd[UDP_NODES + 1];

	for (;;) {
		uint64_t now = clk_now_ns(&clk_real);
		unsigned nfd = u->n;
		int r;

		for (unsigned i = 0; i < u->n; i++)
			if (udp_take(u, i, now, p))
				return 1;
		if (u->dp && net_dp_take(u->dp, p))
			return 1;
		if (now >= deadline)
			return 0;
		for (unsigned i = 0; i < u->n; i++)
			pfd[i] = (struct pollfd){ u->fd[i], POLLIN, 0 };
		if (u->dp)
			pfd[nfd++] = (struct pollfd){ net_dp_fd(u->dp), POLLIN, 0 };
		r = poll(pfd, nfd, (int)((deadline - now + 999999) / 1000000));
		if (r < 0 && errno != EINTR) {
			snprintf(err, errlen, "poll: %s", strerror(errno));
			return -1;
		}
		/* EINTR (a signal for the runner's stop flag): wait out the deadline, the
		 * case in progress still gets its answer or its timeout */
	}
}

static uint64_t udp_now(void *ctx)
{
	(void)ctx;
	return clk_now_ns(&clk_real);
}

static void udp_destroy(void *ctx)
{
	struct net_udp *u = ctx;

	for (unsigned i = 0; i < u->n; i++)
		close(u->fd[i]);
	net_dp_destroy(u->dp);
	free(u);
}

static const struct tc_net_ops udp_ops = { udp_send, udp_recv, udp_now, udp_destroy };

static int add_node(struct net_udp *u, uint32_t addr, uint16_t port, bool must,
		    const char *item, char *err, size_t errlen)
{
	int fd;

	if (!addr)
		return 0;
	fd = udp_bind(addr, port, item, err, errlen);
	if (fd < 0)
		return must ? -1 : 0;
	u->fd[u->n] = fd;
	u->addr[u->n] = addr;
	u->port[u->n] = port;
	u->n++;
	return 0;
}

int net_udp_create(struct tc_net *n, int role, const struct params *p, tc_log_fn log,
		   void *log_arg, char *err, size_t errlen)
{
	struct net_udp *u = calloc(1, sizeof *u);
	uint16_t port = (uint16_t)params_u32(p, "pma-port"), dport;
	uint32_t dut;
	int rc = 0;

	if (!u) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (role == CASE_ROLE_HA) {
		params_endpoint(p, "ha", &dut, &dport);
		rc = add_node(u, params_addr(p, "pma1"), port, true, "PIXIT pma1 or pma-port",
			      err, errlen);
		rc = rc ? rc : add_node(u, params_addr(p, "pma2"), port, false,
					"PIXIT pma2 or pma-port", err, errlen);
		rc = rc ? rc : add_node(u, params_addr(p, "ha.pma-denied"), port, false,
					"PIXIT ha.pma-denied or pma-port", err, errlen);
		snprintf(u->name, sizeof u->name, "the HA at %s:%u", txt_ip4(dut).s, dport);
	} else {
		uint32_t ha;
		uint16_t ha_port;

		params_endpoint(p, "ha", &ha, &ha_port);
		params_endpoint(p, "pma", &dut, &dport);
		rc = add_node(u, ha, ha_port, true, "PIXIT ha", err, errlen);
		rc = rc ? rc : add_node(u, params_addr(p, "pma.ha-alt"), ha_port, false,
					"PIXIT pma.ha-alt or ha", err, errlen);
		snprintf(u->name, sizeof u->name, "the PMA at %s:%u", txt_ip4(dut).s, dport);
	}
	rc = rc ? rc : net_dp_create(&u->dp, role, p, log, log_arg, err, errlen);
	if (rc) {
		udp_destroy(u);
		return -1;
	}
	udp_add_peer(u, dut, dport);
	u->log = log;
	u->log_arg = log_arg;
	snprintf(u->desc, sizeof u->desc, "%s%s", u->name, u->dp ? net_dp_label(u->dp) : "");
	*n = (struct tc_net){ &udp_ops, u, TC_CAP(TC_LINK_SIG) | (u->dp ? net_dp_caps(u->dp) : 0),
			      u->desc };
	return 0;
}
