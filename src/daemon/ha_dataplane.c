/* ha_dataplane.c — the live data plane of `pmip4ct ha --tun NAME` (ha_dataplane.h): TUN
 * rx to the tunnels (RFC 5944 §4.2.3), tunnel rx to the host or relayed to another home
 * address (RFC 3024 §4.3.2, RFC 5563 §4.2.3).
 *
 * A decapsulated packet is routed on by the host.  The TUN write that hands it over costs
 * a system call per packet, so the packets a router forwards without a second thought
 * (host_direct) go out on a raw socket (IPPROTO_RAW, the header as it is), batched with
 * sendmmsg, after the HA has done the router's one change to them, TTL - 1 (RFC 791
 * §3.2; RFC 1812 §5.3.1): the kernel routes them as it routed them in from the TUN.
 * Everything else goes into the TUN for the kernel's own forwarding to judge, as does a
 * packet the raw socket refuses (longer than the route's MTU: the kernel fragments it or
 * answers Fragmentation Needed; no route: Destination Unreachable).
 */
#include "ha_dataplane.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <netinet/in.h>

#include "binding.h"
#include "io_rawip.h"
#include "io_tun.h"
#include "tun.h"

#define DP_FWD_RECHECK 1024 /* packets between two reads of the TUN's forwarding switch */
#define DP_IP_TTL      8    /* TTL in the IPv4 header (RFC 791 §3.1) */

struct ha_dp {
	struct ha_fwd fw;
	struct tundev *tun;
	struct rawip_sock *ipip, *gre, *host;
	struct pkt_port tun_port, ipip_port, gre_port, host_port;
	ha_log_fn log;
	void *log_arg;
	enum ha_log_level min;
	unsigned long long tx_errors, host_direct, host_tun;
	int fwd_fd;          /* /proc/sys/net/ipv4/conf/NAME/forwarding, or -1 */
	unsigned fwd_left;   /* packets before the switch is read again */
	bool fwd_on;         /* the host forwards what comes in on the TUN */
	uint8_t out[TUN_IP4_MAX]; /* one encapsulated packet, or one to send to the host */
	uint8_t back[TUN_IP4_MAX]; /* one the raw socket refused, on its way to the TUN (a
				    * flush can happen while out is being queued) */
};

static void dp_refused(struct ha_dp *dp, const char *dir, enum ha_fwd_result r,
		       const struct mip_err *err)
{
	char why[256], msg[320];

	if (!dp->log || dp->min > HA_LOG_DEBUG)
		return;
	snprintf(msg, sizeof msg, "data plane: %s refused (%s): %s", dir, ha_fwd_result_name(r),
		 mip_err_str(err, why, sizeof why));
	dp->log(dp->log_arg, HA_LOG_DEBUG, msg);
}

static void dp_send_failed(struct ha_dp *dp, const char *where, int e)
{
	char msg[160];

	dp->tx_errors++;
	if (!dp->log || dp->min > HA_LOG_DEBUG)
		return;
	snprintf(msg, sizeof msg, "data plane: send to %s: %s", where, strerror(e));
	dp->log(dp->log_arg, HA_LOG_DEBUG, msg);
}

/* An outer packet goes out on the socket of its protocol (the IPv4 Protocol byte). */
static void dp_send_tunnel(struct ha_dp *dp, const uint8_t *pkt, size_t len)
{
	const struct pkt_port *p = pkt[9] == TUN_GRE ? &dp->gre_port : &dp->ipip_port;

	if (pkt_port_send(p, pkt, len) < 0)
		dp_send_failed(dp, pkt[9] == TUN_GRE ? "gre" : "ipip", errno);
}

/* RFC 5944 §4.2.3: a packet the host routed into the home network goes to every care-of
 * address of its destination's binding. */
static void dp_from_home(void *arg, const uint8_t *buf, size_t len)
{
	struct ha_dp *dp = arg;
	struct ha_fwd_out out = { .buf = dp->out, .cap = sizeof dp->out };
	struct mip_err err;
	enum ha_fwd_result r;
	unsigned k = 0;

	if (len > 0 && buf[0] >> 4 == 6)
		return; /* the host's own IPv6 chatter on the device (router solicitations) */
	do {
		r = ha_fwd_to_mn(&dp->fw, buf, len, k, &out, &err);
		if (r != FWD_OK) {
			dp_refused(dp, "to-mn", r, &err);
			return;
		}
		dp_send_tunnel(dp, out.buf, out.len);
	} while (++k < out.copies);
}

/* RFC 5563 §4.2.3: an inner packet for another bound home address is tunnelled on to
 * that binding's care-of addresses.  False when its destination is not bound here. */
static bool dp_relay(struct ha_dp *dp, const struct tun_pkt *t)
{
	struct ha_fwd_out out = { .buf = dp->out, .cap = sizeof dp->out };
	struct mip_err err;
	/* most packets are not for another home address: format reasons only for debug */
	struct mip_err *why = dp->log && dp->min <= HA_LOG_DEBUG ? &err : NULL;
	enum ha_fwd_result r;
	unsigned k = 0;

	memset(&err, 0, sizeof err);
	do {
		r = ha_fwd_relay(&dp->fw, t, k, &out, why);
		if (r == FWD_NOT_OURS && k == 0)
			return false;
		if (r != FWD_OK) {
			dp_refused(dp, "relay", r, &err);
			return true;
		}
		dp_send_tunnel(dp, out.buf, out.len);
	} while (++k < out.copies);
	return true;
}

/* Whether the host forwards packets that come in on the TUN: its forwarding switch
 * (net.ipv4.ip_forward sets it), read again every DP_FWD_RECHECK packets.  Off, or
 * unreadable: every packet goes through the TUN and the kernel decides. */
static bool dp_host_forwards(struct ha_dp *dp)
{
	char c = '0';

	if (dp->fwd_left-- > 0)
		return dp->fwd_on;
	dp->fwd_left = DP_FWD_RECHECK;
	dp->fwd_on = dp->fwd_fd >= 0 && pread(dp->fwd_fd, &c, 1, 0) == 1 && c != '0';
	return dp->fwd_on;
}

/* A packet the host would forward as it is but for its TTL: an ordinary unicast
 * destination (not 0/8, 127/8, multicast, class E or the limited broadcast, RFC 1812
 * §5.3.7), no options for a router to process (§5.3.13), a TTL that survives the hop
 * (§5.3.1: 1 gets the kernel's Time Exceeded), and an Identification the raw socket
 * keeps: the kernel fills in a zero one unless DF is set (a fragment's must not
 * change). */
static bool dp_plain(const struct tun_ip4 *h)
{
	uint8_t first = (uint8_t)(h->dst >> 24);

	return first != 0 && first != 127 && first < 224 && h->hlen == TUN_IP4_LEN &&
	       h->ttl > 1 && (h->id != 0 || (h->frag & TUN_IP4_DF));
}

/* RFC 3024 §4.3.2 ("routed on"): the decapsulated packet t to the host, straight out with
 * TTL - 1 when it is plain and the host forwards, else into the TUN.  One for a bound
 * home address that was not relayed (the fault no-relay) goes into the TUN too: sent
 * straight out, the host would route it back into the TUN and the HA would tunnel it
 * after all. */
static void dp_to_host(struct ha_dp *dp, const struct tun_pkt *t)
{
	if (dp_host_forwards(dp) && dp_plain(&t->inner) && t->inner_len <= sizeof dp->out &&
	    !bnd_by_hoa(ha_bindings(dp->fw.ha), t->inner.dst)) {
		memcpy(dp->out, t->inner_pkt, t->inner_len);
		dp->out[DP_IP_TTL] = (uint8_t)(t->inner.ttl - 1); /* the kernel sums the header */
		if (pkt_port_send(&dp->host_port, dp->out, t->inner_len) == 0) {
			dp->host_direct++;
			return;
		}
	}
	dp->host_tun++;
	if (pkt_port_send(&dp->tun_port, t->inner_pkt, t->inner_len) < 0)
		dp_send_failed(dp, tundev_name(dp->tun), errno);
}

/* A packet the raw socket refused at flush time: into the TUN after all (its TTL back:
 * the kernel's forwarding takes the one off). */
static int dp_host_refused(void *ctx, const uint8_t *buf, size_t len)
{
	struct ha_dp *dp = ctx;

	if (len > sizeof dp->back || len <= DP_IP_TTL)
		return -1;
	memcpy(dp->back, buf, len);
	dp->back[DP_IP_TTL]++;
	dp->host_direct--;
	dp->host_tun++;
	if (pkt_port_send(&dp->tun_port, dp->back, len) < 0) {
		dp_send_failed(dp, tundev_name(dp->tun), errno);
		return -1;
	}
	return 0;
}

/* RFC 3024 §4.3.2: a tunnelled packet from a PMA, checked, decapsulated and handed to
 * the host to route on (or relayed). */
static void dp_from_pma(void *arg, const uint8_t *buf, size_t len)
{
	struct ha_dp *dp = arg;
	struct mip_err err;
	struct tun_pkt t;
	enum ha_fwd_result r;

	r = ha_fwd_from_mn(&dp->fw, buf, len, &t, &err);
	if (r != FWD_OK) {
		dp_refused(dp, "from-mn", r, &err);
		return;
	}
	if (!dp_relay(dp, &t))
		dp_to_host(dp, &t);
}

static void dp_ignore(void *arg, const uint8_t *buf, size_t len)
{
	(void)arg, (void)buf, (void)len; /* an IPPROTO_RAW socket receives nothing */
}

/* The host path: the raw socket, the TUN behind it, the forwarding switch. */
static int dp_open_host(struct loop *l, struct ha_dp *dp, char *err, size_t errlen)
{
	char path[64];

	dp->host = rawip_sock_open(l, IPPROTO_RAW, 0, dp_ignore, dp, err, errlen);
	if (!dp->host)
		return -1;
	dp->host_port = rawip_sock_port(dp->host);
	rawip_sock_set_fallback(dp->host, (struct pkt_port){ dp_host_refused, dp });
	snprintf(path, sizeof path, "/proc/sys/net/ipv4/conf/%s/forwarding", tundev_name(dp->tun));
	dp->fwd_fd = open(path, O_RDONLY | O_CLOEXEC);
	return 0;
}

struct ha_dp *ha_dp_open(struct loop *l, const struct ha *ha, const char *tun, ha_log_fn log,
			 void *log_arg, enum ha_log_level min, char *err, size_t errlen)
{
	struct ha_dp *dp = calloc(1, sizeof *dp);

	if (!dp) {
		snprintf(err, errlen, "%s", strerror(ENOMEM));
		return NULL;
	}
	ha_fwd_init(&dp->fw, ha);
	dp->fwd_fd = -1;
	dp->log = log;
	dp->log_arg = log_arg;
	dp->min = min;
	dp->tun = tundev_open(l, tun, dp_from_home, dp, err, errlen);
	if (dp->tun)
		dp->ipip = rawip_sock_open(l, TUN_IPIP, 0, dp_from_pma, dp, err, errlen);
	if (dp->ipip)
		dp->gre = rawip_sock_open(l, TUN_GRE, 0, dp_from_pma, dp, err, errlen);
	if (!dp->gre || dp_open_host(l, dp, err, errlen) < 0) {
		ha_dp_close(dp);
		return NULL;
	}
	dp->tun_port = tundev_port(dp->tun);
	dp->ipip_port = rawip_sock_port(dp->ipip);
	dp->gre_port = rawip_sock_port(dp->gre);
	return dp;
}

void ha_dp_close(struct ha_dp *dp)
{
	if (!dp)
		return;
	rawip_sock_close(dp->host);
	if (dp->fwd_fd >= 0)
		close(dp->fwd_fd);
	rawip_sock_close(dp->gre);
	rawip_sock_close(dp->ipip);
	tundev_close(dp->tun);
	free(dp);
}

const struct ha_fwd_stats *ha_dp_stats(const struct ha_dp *dp)
{
	return &dp->fw.st;
}

unsigned long long ha_dp_tx_errors(const struct ha_dp *dp)
{
	return dp->tx_errors;
}

void ha_dp_host_counts(const struct ha_dp *dp, unsigned long long *direct,
		       unsigned long long *tun)
{
	*direct = dp->host_direct;
	*tun = dp->host_tun;
}

const char *ha_dp_tun_name(const struct ha_dp *dp)
{
	return tundev_name(dp->tun);
}
