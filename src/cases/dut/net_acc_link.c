/* net_acc_link.c — the tester's mobile devices on a remote PMA's access link (net_dp.h,
 * dp_acc_ops): an AF_PACKET socket on PIXIT access.if (io_pkt.c) whose every frame is
 * handed on whole as TC_LINK_ACCESS, and which sends the devices' frames (tc_mn.c) as
 * written.  The devices send from their own MACs, so the interface is put in promiscuous
 * mode while the link is open: the PMA's frames go to the devices' MACs, not the
 * interface's.
 */
#include <errno.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "clock.h"
#include "io_pkt.h"
#include "loop.h"
#include "net_dp.h"
#include "refq.h"

struct dp_acc {
	struct loop *l;
	struct pkt_sock *s;
	int promisc_fd; /* holds the interface promiscuous */
	struct refq *q;
};

static void acc_rx(void *arg, const uint8_t *buf, size_t len)
{
	struct dp_acc *a = arg;

	refq_push(a->q, TC_LINK_ACCESS, NULL, clk_now_ns(&clk_real), buf, len);
}

/* The interface in promiscuous mode for as long as fd is open (packet(7)). */
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

static void dp_acc_close(void *ctx)
{
	struct dp_acc *a = ctx;

	if (!a)
		return;
	pkt_sock_close(a->s);
	if (a->promisc_fd >= 0)
		close(a->promisc_fd);
	free(a);
}

static void *dp_acc_open(struct loop *l, const char *ifname, const struct params *p,
			 struct refq *q, tc_log_fn log, void *log_arg, char *err, size_t errlen)
{
	struct dp_acc *a = calloc(1, sizeof *a);
	char why[160];

	(void)p;
	(void)log;
	(void)log_arg;
	if (!a) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	*a = (struct dp_acc){ .l = l, .q = q, .promisc_fd = promisc(ifname, err, errlen) };
	if (a->promisc_fd < 0) {
		free(a);
		return NULL;
	}
	a->s = pkt_sock_open(l, ifname, acc_rx, a, why, sizeof why);
	if (!a->s) {
		snprintf(err, errlen, "PIXIT access.if: %s (needs CAP_NET_RAW)", why);
		dp_acc_close(a);
		return NULL;
	}
	return a;
}

static int dp_acc_send(void *ctx, const uint8_t *buf, size_t len, char *err, size_t errlen)
{
	struct dp_acc *a = ctx;
	struct pkt_port port = pkt_sock_port(a->s);

	if (pkt_port_send(&port, buf, len) < 0) {
		snprintf(err, errlen, "access link: %s", strerror(errno));
		return -1;
	}
	loop_once(a->l, 0); /* the idle hook flushes the send */
	return 0;
}

const struct dp_link_ops dp_acc_ops = { dp_acc_open, dp_acc_send, dp_acc_close };
