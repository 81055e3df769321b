/* net_access.c — a PMA started on its own, with the tester on its access link (net.h,
 * PIXIT access.if): the signalling of net_udp.c, and beside it
 *
 *   TC_LINK_ACCESS  Ethernet frames on the interface access.if (AF_PACKET, io_pkt.c): the
 *                   tester's mobile devices (tc_mn.c) send from their own MACs, so the
 *                   interface is put in promiscuous mode while the backend lives;
 *   TC_LINK_CORE    the PMA-HA tunnel at the tester's HA (PIXIT ha): raw IPv4 sockets
 *                   for IP-in-IP (4, RFC 2003) and GRE (47, RFC 2784) bound to that
 *                   address (io_rawip.c); a packet sent goes by its protocol field.
 *
 * One event loop on the real clock holds the packet sockets and watches the signalling
 * sockets, so recv() waits on all of them at once; what the packet sockets receive is
 * queued with the time it came.  Needs CAP_NET_RAW.
 */
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "clock.h"
#include "io_pkt.h"
#include "io_rawip.h"
#include "loop.h"
#include "refq.h"
#include "tc_priv.h"
#include "txt.h"

#define ACC_SIG_FDS 16

struct net_access {
	struct tc_net udp;          /* the signalling (net_udp.c) */
	struct loop *loop;
	struct pkt_sock *acc;
	struct rawip_sock *raw[2];  /* IP-in-IP, GRE */
	int promisc_fd;             /* holds the interface promiscuous */
	int sig_fd[ACC_SIG_FDS];    /* signalling sockets watched by the loop */
	size_t n_sig;
	struct refq q;              /* frames and tunnel packets received */
	char name[120];
};

static void on_frame(void *arg, const uint8_t *buf, size_t len)
{
	struct net_access *a = arg;

	refq_push(&a->q, TC_LINK_ACCESS, NULL, clk_now_ns(&clk_real), buf, len);
}

static void on_tunnel(void *arg, const uint8_t *buf, size_t len)
{
	struct net_access *a = arg;

	refq_push(&a->q, TC_LINK_CORE, NULL, clk_now_ns(&clk_real), buf, len);
}

static void sig_ready(void *arg)
{
	(void)arg; /* net_udp reads it: the loop only ends its wait */
}

/* Watch every signalling socket net_udp has (it binds more as the tester sends from new
 * sources). */
static void watch_sig(struct net_access *a)
{
	int fds[ACC_SIG_FDS];
	size_t n = net_udp_fds(&a->udp, fds, ACC_SIG_FDS);

	for (; a->n_sig < n; a->n_sig++) {
		a->sig_fd[a->n_sig] = fds[a->n_sig];
		loop_add_fd(a->loop, fds[a->n_sig], sig_ready, a);
	}
}

static int acc_send(void *ctx, const struct tc_pkt *p, char *err, size_t errlen)
{
	struct net_access *a = ctx;
	struct pkt_port port;
	int rc;

	switch (p->link) {
	case TC_LINK_SIG:
		rc = a->udp.ops->send(a->udp.ctx, p, err, errlen);
		watch_sig(a);
		return rc;
	case TC_LINK_ACCESS:
		port = pkt_sock_port(a->acc);
		break;
	case TC_LINK_CORE:
		if (p->len < 20) {
			snprintf(err, errlen, "a tunnel packet of %zu bytes", p->len);
			return -1;
		}
		port = rawip_sock_port(a->raw[p->buf[9] == 47]);
		break;
	default:
		snprintf(err, errlen, "the tester has no home link on a PMA's network");
		return -1;
	}
	if (pkt_port_send(&port, p->buf, p->len) < 0) {
		snprintf(err, errlen, "%s: %s", p->link == TC_LINK_ACCESS ? "access link" :
			 "tunnel", strerror(errno));
		return -1;
	}
	loop_once(a->loop, 0); /* flush the queued send */
	return 0;
}

static int acc_recv(void *ctx, uint64_t deadline, struct tc_pkt *p, char *err, size_t errlen)
{
	struct net_access *a = ctx;

	for (;;) {
		uint64_t now = clk_now_ns(&clk_real);
		int rc;

		if (refq_pop(&a->q, p))
			return 1;
		rc = a->udp.ops->recv(a->udp.ctx, 0, p, err, errlen);
		if (rc)
			return rc;
		if (now >= deadline)
			return 0;
		watch_sig(a);
		if (loop_once(a->loop, (int)((deadline - now + 999999) / 1000000)) < 0) {
			snprintf(err, errlen, "epoll: %s", strerror(errno));
			return -1;
		}
	}
}

static uint64_t acc_now(void *ctx)
{
	(void)ctx;
	return clk_now_ns(&clk_real);
}

static void acc_destroy(void *ctx)
{
	struct net_access *a = ctx;

	pkt_sock_close(a->acc);
	rawip_sock_close(a->raw[0]);
	rawip_sock_close(a->raw[1]);
	for (size_t i = 0; i < a->n_sig; i++)
		loop_del_fd(a->loop, a->sig_fd[i]);
	loop_destroy(a->loop);
	if (a->promisc_fd >= 0)
		close(a->promisc_fd);
	tc_net_destroy(&a->udp);
	refq_free(&a->q);
	free(a);
}

static const struct tc_net_ops acc_ops = { acc_send, acc_recv, acc_now, acc_destroy };

/* The interface in promiscuous mode for as long as fd is open (packet(7)): the PMA's
 * frames go to the devices' MACs, not the interface's. */
static int promisc(const char *ifname, char *err, size_t errlen)
{
	struct packet_mreq mr = { .mr_type = PACKET_MR_PROMISC };
	int fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);

	mr.mr_ifindex = (int)if_nametoindex(ifname);
	if (fd < 0 || !mr.mr_ifindex ||
	    setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof mr) < 0) {
		snprintf(err, errlen, "PIXIT access.if %s: %s", ifname, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

int net_access_create(struct tc_net *n, const struct params *p, tc_log_fn log,
		      void *log_arg, char *err, size_t errlen)
{
	struct net_access *a = calloc(1, sizeof *a);
	const char *ifname = params_str(p, "access.if");
	uint32_t ha;
	uint16_t ha_port;
	char why[160];

	if (!a) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	a->promisc_fd = -1;
	if (net_udp_create(&a->udp, CASE_ROLE_PMA, p, log, log_arg, err, errlen)) {
		free(a);
		return -1;
	}
	params_endpoint(p, "ha", &ha, &ha_port);
	a->loop = loop_create(&clk_real, err, errlen);
	if (!a->loop)
		goto fail;
	a->promisc_fd = promisc(ifname, err, errlen);
	if (a->promisc_fd < 0)
		goto fail;
	a->acc = pkt_sock_open(a->loop, ifname, on_frame, a, why, sizeof why);
	if (!a->acc) {
		snprintf(err, errlen, "PIXIT access.if: %s (needs CAP_NET_RAW)", why);
		goto fail;
	}
	for (int i = 0; i < 2; i++) {
		a->raw[i] = rawip_sock_open(a->loop, i ? 47 : 4, ha, on_tunnel, a, why,
					    sizeof why);
		if (!a->raw[i]) {
			snprintf(err, errlen, "the tester's HA tunnel end (PIXIT ha): %s", why);
			goto fail;
		}
	}
	watch_sig(a);
	snprintf(a->name, sizeof a->name, "%s, access link %s", a->udp.name, ifname);
	*n = (struct tc_net){ &acc_ops, a,
			      TC_CAP(TC_LINK_SIG) | TC_CAP(TC_LINK_ACCESS) | TC_CAP(TC_LINK_CORE),
			      a->name };
	return 0;
fail:
	acc_destroy(a);
	return -1;
}
