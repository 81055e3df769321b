/* ha_dataplane.c — the live data plane of `pmip4ct ha --tun NAME` (ha_dataplane.h): TUN
 * rx to the tunnels (RFC 5944 §4.2.3), tunnel rx to the TUN or relayed to another home
 * address (RFC 3024 §4.3.2, RFC 5563 §4.2.3).
 */
#include "ha_dataplane.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io_rawip.h"
#include "io_tun.h"
#include "tun.h"

struct ha_dp {
	struct ha_fwd fw;
	struct tundev *tun;
	struct rawip_sock *ipip, *gre;
	struct pkt_port tun_port, ipip_port, gre_port;
	ha_log_fn log;
	void *log_arg;
	enum ha_log_level min;
	unsigned long long tx_errors;
	uint8_t out[TUN_IP4_MAX]; /* one encapsulated packet */
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
	if (dp_relay(dp, &t))
		return;
	if (pkt_port_send(&dp->tun_port, t.inner_pkt, t.inner_len) < 0)
		dp_send_failed(dp, tundev_name(dp->tun), errno);
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
	dp->log = log;
	dp->log_arg = log_arg;
	dp->min = min;
	dp->tun = tundev_open(l, tun, dp_from_home, dp, err, errlen);
	if (dp->tun)
		dp->ipip = rawip_sock_open(l, TUN_IPIP, 0, dp_from_pma, dp, err, errlen);
	if (dp->ipip)
		dp->gre = rawip_sock_open(l, TUN_GRE, 0, dp_from_pma, dp, err, errlen);
	if (!dp->gre) {
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
