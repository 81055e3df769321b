/* cmd_ha.c — `pmip4ct ha [options]`: the reference Home Agent (ha.h) in the foreground,
 * on live UDP sockets and the real clock (DESIGN.md §8; settings in ha_conf.c).  With
 * --tun NAME it also forwards the home network's traffic (ha_dataplane.c).
 * Signals, the tick timer and logging are daemon.h's; SIGUSR1 dumps the bindings and
 * counters.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmds.h"
#include "daemon.h"
#include "dump_util.h"
#include "ha.h"
#include "ha_conf.h"
#include "ha_dataplane.h"
#include "ha_dump.h"
#include "io_udp.h"
#include "loop.h"

#define HAD "pmip4ct ha: "

struct had;

struct had_listener {
	struct had *d;
	unsigned index;
	struct udp_sock *sock;
};

struct had {
	struct ha_conf conf;
	const struct clk *clk;
	struct loop *loop;
	struct daemon dm; /* signals and the tick at ha_next_due() */
	struct ha *ha;
	struct had_listener lis[HA_LISTEN_MAX];
	unsigned n_lis;
	struct ha_dp *dp;  /* --tun: the data plane; NULL = signalling only */
};

static void had_log(void *arg, enum ha_log_level level, const char *msg)
{
	(void)arg;
	daemon_log(HAD, (int)level, msg);
}

/* ---- timers ---- */

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

static void had_summary(const struct had *d)
{
	ha_dump_summary(stderr, HAD, d->ha);
	if (d->dp)
		ha_dump_fwd(stderr, HAD, ha_dp_stats(d->dp), ha_dp_tx_errors(d->dp));
}

static void had_dump(void *arg)
{
	const struct had *d = arg;

	fprintf(stderr, HAD "bindings: %u\n", bnd_count(ha_bindings(d->ha)));
	ha_dump_bindings(stderr, d->ha, clk_now_ns(d->clk));
	had_summary(d);
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
	char err[256], ip[DUMP_IP_LEN], where[32];

	for (unsigned i = 0; i < d->conf.n_listen; i++) {
		const struct ha_conf_listen *cl = &d->conf.listen[i];
		struct had_listener *l = &d->lis[i];
		struct ha_listener hl;

		*l = (struct had_listener){ d, i, NULL };
		l->sock = udp_sock_open(d->loop, cl->addr, cl->port, had_rx, l, err, sizeof err);
		if (!l->sock) {
			fprintf(stderr, HAD "%s\n", err);
			return -1;
		}
		d->n_lis++;
		hl = (struct ha_listener){ cl->addr, udp_sock_port(l->sock), udp_sock_io(l->sock) };
		if (ha_add_listener(d->ha, &hl) < 0) {
			fprintf(stderr, HAD "too many listeners\n");
			return -1;
		}
		snprintf(where, sizeof where, "%s:%u", dump_ip(cl->addr, ip), hl.port);
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
		fprintf(stderr, HAD "warn: no address of its own (listening on 0.0.0.0 without "
				"--ha-addr): requests naming a Home Agent get 136\n");
	if (c->n_sa == 0)
		fprintf(stderr, HAD "warn: no security association (--sa): every request "
				"is discarded\n");
	for (int i = 0; i < HA_FAULT_COUNT; i++)
		if (bitset_has(&c->faults, (unsigned)i))
			fprintf(stderr, HAD "warn: fault %s: %s\n", ha_fault_name((enum ha_fault)i),
				ha_fault_help((enum ha_fault)i));
}

static int had_open_dp(struct had *d)
{
	char err[256];

	d->dp = ha_dp_open(d->loop, d->ha, d->conf.tun, had_log, NULL, d->conf.log, err,
			   sizeof err);
	if (!d->dp) {
		fprintf(stderr, HAD "data plane: %s\n", err);
		return -1;
	}
	fprintf(stderr, HAD "data plane on %s\n", d->conf.tun);
	return 0;
}

static int had_start(struct had *d)
{
	char err[256];

	d->clk = &clk_real;
	d->loop = loop_create(d->clk, err, sizeof err);
	if (!d->loop) {
		fprintf(stderr, HAD "%s\n", err);
		return -1;
	}
	d->ha = ha_create(&d->conf.cfg, d->clk);
	if (!d->ha) {
		fprintf(stderr, HAD "%s\n", strerror(ENOMEM));
		return -1;
	}
	ha_conf_take_pool(&d->conf); /* the HA owns it from here */
	ha_set_log(d->ha, had_log, NULL, d->conf.log);
	d->dm = (struct daemon){
		.prefix = HAD, .next_due = had_due, .fire = had_tick, .dump = had_dump, .arg = d
	};
	/* Before "listening on": a test may signal as soon as it reads that line. */
	if (daemon_start(&d->dm, d->loop) < 0)
		return -1;
	had_notes(d);
	/* Before "listening on" too: a test routes into the device once it reads that. */
	if (d->conf.tun[0] && had_open_dp(d) < 0)
		return -1;
	return had_open(d);
}

static void had_stop_all(struct had *d)
{
	for (unsigned i = 0; i < d->n_lis; i++)
		udp_sock_close(d->lis[i].sock);
	ha_dp_close(d->dp);
	ha_destroy(d->ha);
	loop_destroy(d->loop);
	ha_conf_finish(&d->conf);
}

static int had_run(struct had *d)
{
	int rc = daemon_run(&d->dm);

	had_summary(d);
	return rc;
}

/* Settings: 0 = run, 1 = done (help, fault list), 2 = usage error (reported). */
static int had_settings(struct had *d, int argc, char **argv)
{
	char err[HA_CONF_ERR];

	if (ha_conf_args(&d->conf, argc, argv, err, sizeof err) < 0 ||
	    ha_conf_resolve(&d->conf, err, sizeof err) < 0) {
		fprintf(stderr, HAD "%s\n", err);
		return 2;
	}
	if (d->conf.help) {
		ha_conf_usage(stdout);
		return 1;
	}
	if (d->conf.fault_list) {
		ha_conf_fault_list(stdout);
		return 1;
	}
	return 0;
}

int cmd_ha(int argc, char **argv)
{
	static struct had d; /* large (the SA table): not on the stack */
	int rc;

	memset(&d, 0, sizeof d);
	ha_conf_init(&d.conf);
	rc = had_settings(&d, argc, argv);
	if (rc != 0) {
		ha_conf_finish(&d.conf);
		return rc == 1 ? 0 : 2;
	}
	rc = had_start(&d) < 0 ? 1 : had_run(&d);
	had_stop_all(&d);
	return rc;
}
