/* cmd_ha.c — `pmip4ct ha [options]`: the reference Home Agent (ha.h) in the foreground,
 * on live UDP sockets and the real clock (DESIGN.md §8; settings in ha_conf.c).  With
 * --tun NAME it also forwards the home network's traffic (ha_dataplane.c).
 * The life cycle, signals, the tick timer and logging are daemon.h's; SIGUSR1 dumps the
 * bindings and counters.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cmds.h"
#include "daemon.h"
#include "ha.h"
#include "ha_conf.h"
#include "ha_dataplane.h"
#include "ha_dump.h"
#include "io_udp.h"
#include "txt.h"

#define HAD "pmip4ct ha: "

struct had;

struct had_listener {
	struct had *d;
	unsigned index;
	struct udp_sock *sock;
};

struct had {
	struct ha_conf conf;
	struct daemon dm; /* the loop, the clock, the tick at ha_next_due() */
	struct ha *ha;
	struct had_listener lis[HA_LISTEN_MAX];
	unsigned n_lis;
	struct ha_dp *dp; /* --tun: the data plane; NULL = signalling only */
};

static void had_log(void *arg, enum ha_log_level level, const char *msg)
{
	daemon_log(arg, (int)level, msg);
}

/* ---- timers and dumps ---- */

static uint64_t had_due(void *arg)
{
	const struct had *d = arg;

	return ha_next_due(d->ha);
}

static void had_tick(void *arg)
{
	struct had *d = arg;

	ha_tick(d->ha);
}

static void had_summary(void *arg)
{
	const struct had *d = arg;

	unsigned long long direct, tun;

	ha_dump_summary(stderr, HAD, d->ha);
	if (!d->dp)
		return;
	ha_dump_fwd(stderr, HAD, ha_dp_stats(d->dp), ha_dp_tx_errors(d->dp));
	ha_dp_host_counts(d->dp, &direct, &tun);
	ha_dump_host(stderr, HAD, direct, tun, ha_dp_tun_name(d->dp));
	ha_dump_fwd_fault(stderr, HAD, d->ha, ha_dp_stats(d->dp));
}

static void had_dump(void *arg)
{
	const struct had *d = arg;

	fprintf(stderr, HAD "bindings: %u\n", bnd_count(ha_bindings(d->ha)));
	ha_dump_bindings(stderr, d->ha, clk_now_ns(d->dm.clk));
	had_summary(arg);
}

/* ---- sockets ---- */

static void had_rx(void *arg, const struct udp_ends *ends, const uint8_t *buf, size_t len)
{
	struct had_listener *l = arg;

	ha_input(l->d->ha, l->index, ends, buf, len);
}

/* One socket per listen address, each an HA listener of the same index. */
static int had_open(struct had *d)
{
	char line[HA_LISTEN_MAX * 24 + 32] = HAD "listening on ";
	char err[256], where[32];

	for (unsigned i = 0; i < d->conf.n_listen; i++) {
		const struct ha_conf_listen *cl = &d->conf.listen[i];
		struct had_listener *l = &d->lis[i];
		struct ha_listener hl;

		*l = (struct had_listener){ d, i, NULL };
		l->sock = udp_sock_open(d->dm.loop, cl->addr, cl->port, had_rx, l, err, sizeof err);
		if (!l->sock) {
			daemon_say(&d->dm, "%s", err);
			return -1;
		}
		d->n_lis++;
		hl = (struct ha_listener){ cl->addr, udp_sock_port(l->sock), udp_sock_io(l->sock) };
		if (ha_add_listener(d->ha, &hl) < 0) {
			daemon_say(&d->dm, "too many listeners");
			return -1;
		}
		snprintf(where, sizeof where, "%s:%u", txt_ip4(cl->addr).s, hl.port);
		strcat(strcat(line, i ? ", " : ""), where);
	}
	fprintf(stderr, "%s\n", line);
	return 0;
}

/* ---- life cycle ---- */

static void had_notes(const struct had *d)
{
	const struct ha_config *c = &d->conf.cfg;

	if (c->n_addrs == 0)
		daemon_log(&d->dm, CONF_LOG_WARN, "no address of its own (listening on 0.0.0.0 "
			   "without --ha-addr): requests naming a Home Agent get 136");
	if (c->n_sa == 0)
		daemon_log(&d->dm, CONF_LOG_WARN, "no security association (--sa): every "
			   "request is discarded");
	for (unsigned i = 0; i < c->n_sa; i++)
		if (!c->sa[i].kind_given)
			daemon_logf(&d->dm, CONF_LOG_WARN, "SA spi %" PRIu32 " has no kind=: taken "
				    "as mn-ha (write kind=fa-ha for a PMA's per-node SA)",
				    c->sa[i].spi);
	daemon_fault_notes(&d->dm);
}

static int had_open_dp(struct had *d)
{
	char err[256];

	d->dp = ha_dp_open(d->dm.loop, d->ha, d->conf.tun, had_log, &d->dm,
			   (enum ha_log_level)d->conf.base.log, err, sizeof err);
	if (!d->dp) {
		daemon_say(&d->dm, "data plane: %s", err);
		return -1;
	}
	daemon_say(&d->dm, "data plane on %s", d->conf.tun);
	return 0;
}

static int had_start(void *arg)
{
	struct had *d = arg;

	d->ha = ha_create(&d->conf.cfg, d->dm.clk);
	if (!d->ha) {
		daemon_say(&d->dm, "%s", strerror(ENOMEM));
		return -1;
	}
	ha_conf_take_pool(&d->conf); /* the HA owns it from here */
	ha_set_log(d->ha, had_log, &d->dm, (enum ha_log_level)d->conf.base.log);
	had_notes(d);
	/* Before "listening on": a test routes into the device once it reads that line. */
	if (d->conf.tun[0] && had_open_dp(d) < 0)
		return -1;
	return had_open(d);
}

static void had_stop(void *arg)
{
	struct had *d = arg;

	for (unsigned i = 0; i < d->n_lis; i++)
		udp_sock_close(d->lis[i].sock);
	ha_dp_close(d->dp);
	ha_destroy(d->ha);
}

static const struct daemon_ops had_ops = {
	.prefix = HAD, .resolve_first = true,
	.start = had_start, .stop = had_stop, .stopped = had_summary,
	.next_due = had_due, .fire = had_tick, .dump = had_dump,
};

int cmd_ha(int argc, char **argv)
{
	static struct had d; /* large (the SA table): not on the stack */

	memset(&d, 0, sizeof d);
	ha_conf_init(&d.conf);
	return daemon_main(&d.dm, &had_ops, &d, &d.conf.base, argc, argv);
}
