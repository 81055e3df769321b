/* cmd_pma.c — `pmip4ct pma [options]`: the reference Proxy Mobility Agent (pma.h) in the
 * foreground, on live sockets and the real clock (DESIGN.md §8; settings in pma_conf.c).
 * Signalling on a UDP socket; with --access NAME also the access link (pma_link.h) on
 * an AF_PACKET socket and the tunnels on raw IPv4 sockets for protocols 4 and 47.
 *
 * Signals, the tick timer and logging are daemon.h's; SIGUSR1 dumps the sessions and
 * counters.  RFC 5563 does not ask a PMA to deregister when it stops: it prints its
 * summary and exits.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmds.h"
#include "daemon.h"
#include "dump_util.h"
#include "io_pkt.h"
#include "io_rawip.h"
#include "io_udp.h"
#include "loop.h"
#include "pma.h"
#include "pma_conf.h"
#include "pma_dump.h"
#include "pma_link.h"
#include "tun.h"

#define PMAD "pmip4ct pma: "
#define PMAD_SEEN_MAX 256 /* devices the dump can list */

struct pmad {
	struct pma_conf conf;
	const struct clk *clk;
	struct loop *loop;
	struct udp_sock *udp;
	struct pma *pma;
	struct pma_link *link;   /* --access: the access link; NULL = signalling only */
	struct pkt_sock *acc;
	struct rawip_sock *ipip, *gre;
	struct pkt_port ipip_port, gre_port;
	struct daemon dm;        /* signals; the tick at pma_next_due, pma_link_next_due */
	struct pma_dump_dev seen[PMAD_SEEN_MAX];
	char seen_nai[PMAD_SEEN_MAX][128];
	unsigned n_seen;
	unsigned long long core_tx_errors;
};

static void pmad_log(const struct pmad *d, enum pma_conf_log level, const char *msg)
{
	if (level >= d->conf.log)
		daemon_log(PMAD, (int)level, msg);
}

/* Every FSM transition, by name (pma_set_log). */
static void pmad_fsm_log(void *arg, const char *msg)
{
	pmad_log(arg, PMA_LOG_INFO, msg);
}

/* ---- the devices the dump lists ---- */

/* Remember mac with its NAI (the configured one, else the pattern's). */
static void pmad_seen(struct pmad *d, const uint8_t mac[6], const char *nai)
{
	char msg[200];
	unsigned i;

	for (i = 0; i < d->n_seen; i++)
		if (!memcmp(d->seen[i].mac, mac, 6))
			return;
	if (i == PMAD_SEEN_MAX)
		return;
	if (nai)
		snprintf(d->seen_nai[i], sizeof d->seen_nai[i], "%s", nai);
	else if (pma_link_nai(d->conf.nai_pattern, mac, d->seen_nai[i], 128) < 0)
		snprintf(d->seen_nai[i], sizeof d->seen_nai[i], "?");
	memcpy(d->seen[i].mac, mac, 6);
	d->seen[i].nai = d->seen_nai[i];
	d->n_seen++;
	snprintf(msg, sizeof msg, "device %02x:%02x:%02x:%02x:%02x:%02x (%s)", mac[0], mac[1],
		 mac[2], mac[3], mac[4], mac[5], d->seen_nai[i]);
	pmad_log(d, PMA_LOG_DEBUG, msg);
}

/* ---- timers ---- */

static uint64_t pmad_due(void *arg)
{
	const struct pmad *d = arg;
	uint64_t due = pma_next_due(d->pma), ld;

	if (d->link) {
		ld = pma_link_next_due(d->link);
		if (ld < due)
			due = ld;
	}
	return due;
}

static void pmad_tick(void *arg)
{
	struct pmad *d = arg;

	pma_tick(d->pma);
	if (d->link)
		pma_link_tick(d->link);
}

static void pmad_summary(const struct pmad *d)
{
	pma_dump_summary(stderr, PMAD, d->pma, d->link);
	if (d->link)
		fprintf(stderr, PMAD "tunnel send errors %llu\n", d->core_tx_errors);
}

static void pmad_dump(void *arg)
{
	const struct pmad *d = arg;

	fprintf(stderr, PMAD "sessions: %u\n", pma_session_count(d->pma));
	pma_dump_sessions(stderr, d->pma, d->seen, d->n_seen, clk_now_ns(d->clk));
	pmad_summary(d);
}

/* ---- sockets ---- */

static void pmad_udp_rx(void *arg, const struct udp_ends *ends, const uint8_t *buf,
			size_t len)
{
	struct pmad *d = arg;

	if (d->pma)
		pma_input(d->pma, ends, buf, len);
}

static void pmad_frame_rx(void *arg, const uint8_t *buf, size_t len)
{
	struct pmad *d = arg;

	if (!d->link)
		return;
	if (len >= 14 && !(buf[6] & 1))
		pmad_seen(d, buf + 6, NULL);
	pma_link_frame(d->link, buf, len);
}

static void pmad_core_rx(void *arg, const uint8_t *buf, size_t len)
{
	struct pmad *d = arg;

	if (d->link)
		pma_link_core(d->link, buf, len);
}

/* An outer packet leaves on the raw socket of its protocol (the IPv4 Protocol byte). */
static int pmad_core_send(void *ctx, const uint8_t *pkt, size_t len)
{
	struct pmad *d = ctx;
	const struct pkt_port *p;
	char msg[120];

	if (len < 20) {
		errno = EINVAL;
		return -1;
	}
	p = pkt[9] == TUN_GRE ? &d->gre_port : &d->ipip_port;
	if (pkt_port_send(p, pkt, len) == 0)
		return 0;
	d->core_tx_errors++;
	snprintf(msg, sizeof msg, "tunnel send (%s): %s", pkt[9] == TUN_GRE ? "gre" : "ipip",
		 strerror(errno));
	pmad_log(d, PMA_LOG_DEBUG, msg);
	return -1;
}

/* The signalling: the socket first (the PMA sends through it), then the PMA. */
static int pmad_open_signalling(struct pmad *d)
{
	char err[256];

	d->udp = udp_sock_open(d->loop, d->conf.cfg.addr, d->conf.cfg.port, pmad_udp_rx, d,
			       err, sizeof err);
	if (!d->udp) {
		fprintf(stderr, PMAD "%s\n", err);
		return -1;
	}
	d->conf.cfg.port = udp_sock_port(d->udp);
	d->pma = pma_create(&d->conf.cfg, d->clk, udp_sock_io(d->udp));
	if (!d->pma) {
		fprintf(stderr, PMAD "%s\n", strerror(ENOMEM));
		return -1;
	}
	pma_set_log(d->pma, pmad_fsm_log, d);
	return 0;
}

static int pmad_open_sockets(struct pmad *d, char *err, size_t errlen)
{
	uint32_t a = d->conf.cfg.addr;

	d->acc = pkt_sock_open(d->loop, d->conf.access, pmad_frame_rx, d, err, errlen);
	if (d->acc)
		d->ipip = rawip_sock_open(d->loop, TUN_IPIP, a, pmad_core_rx, d, err, errlen);
	if (d->ipip)
		d->gre = rawip_sock_open(d->loop, TUN_GRE, a, pmad_core_rx, d, err, errlen);
	if (!d->gre)
		return -1;
	d->ipip_port = rawip_sock_port(d->ipip);
	d->gre_port = rawip_sock_port(d->gre);
	return 0;
}

/* The access link and the tunnels (--access). */
static int pmad_open_link(struct pmad *d)
{
	struct pkt_port core = { pmad_core_send, d };
	char err[256];

	if (pmad_open_sockets(d, err, sizeof err) < 0) {
		fprintf(stderr, PMAD "access link: %s\n", err);
		return -1;
	}
	memcpy(d->conf.link.mac, pkt_sock_mac(d->acc), 6);
	d->link = pma_link_create(&d->conf.link, d->pma, d->clk, pkt_sock_port(d->acc), core);
	if (!d->link) {
		fprintf(stderr, PMAD "access link: %s\n", strerror(ENOMEM));
		return -1;
	}
	for (unsigned i = 0; i < d->conf.n_dev; i++) {
		const struct pma_conf_dev *v = &d->conf.dev[i];

		if (pma_link_add_device(d->link, v->mac, v->nai, v->imsi[0] ? v->imsi : NULL,
					v->ha)) {
			fprintf(stderr, PMAD "device %s: %s\n", v->nai, strerror(ENOMEM));
			return -1;
		}
	}
	return 0;
}

/* --attach: register these devices now, with no access link needed. */
static int pmad_attach(struct pmad *d)
{
	for (unsigned i = 0; i < d->conf.n_attach; i++) {
		const struct pma_conf_dev *a = &d->conf.attach[i];
		const char *imsi = pma_conf_imsi(&d->conf, a->mac);
		struct pma_device dev;

		memset(&dev, 0, sizeof dev);
		memcpy(dev.mac, a->mac, 6);
		snprintf(dev.nai, sizeof dev.nai, "%s", a->nai);
		snprintf(dev.imsi, sizeof dev.imsi, "%s", imsi ? imsi : "");
		dev.ha = pma_conf_dev_ha(&d->conf, a->mac);
		if (d->conf.link.ifid)
			snprintf(dev.ifid, sizeof dev.ifid, "%s", d->conf.link.ifid);
		pmad_seen(d, a->mac, a->nai);
		if (pma_attach(d->pma, &dev) < 0) {
			fprintf(stderr, PMAD "attach %s: %s\n", a->nai, strerror(ENOMEM));
			return -1;
		}
	}
	return 0;
}

static void pmad_notes(struct pmad *d)
{
	char msg[200];

	for (unsigned i = 0; i < d->conf.n_dev; i++)
		pmad_seen(d, d->conf.dev[i].mac, d->conf.dev[i].nai);
	if (!d->conf.access[0] && d->conf.n_attach == 0)
		pmad_log(d, PMA_LOG_WARN, "no --access and no --attach: nothing will register");
	for (int i = 0; i < PMA_FAULT_COUNT; i++)
		if (bitset_has(&d->conf.cfg.faults, (unsigned)i)) {
			snprintf(msg, sizeof msg, "fault %s: %s", pma_fault_name((enum pma_fault)i),
				 pma_fault_help((enum pma_fault)i));
			pmad_log(d, PMA_LOG_WARN, msg);
		}
}

static void pmad_ready(const struct pmad *d)
{
	char a[DUMP_IP_LEN];

	dump_ip(d->conf.cfg.addr, a);
	if (d->conf.access[0])
		fprintf(stderr, PMAD "ready on %s:%u, access %s\n", a, d->conf.cfg.port,
			d->conf.access);
	else
		fprintf(stderr, PMAD "ready on %s:%u\n", a, d->conf.cfg.port);
}

static int pmad_start(struct pmad *d)
{
	char err[256];

	d->clk = &clk_real;
	d->loop = loop_create(d->clk, err, sizeof err);
	if (!d->loop) {
		fprintf(stderr, PMAD "%s\n", err);
		return -1;
	}
	d->dm = (struct daemon){
		.prefix = PMAD, .next_due = pmad_due, .fire = pmad_tick, .dump = pmad_dump, .arg = d
	};
	if (daemon_start(&d->dm, d->loop) < 0)
		return -1;
	if (pmad_open_signalling(d) < 0)
		return -1;
	if (d->conf.access[0] && pmad_open_link(d) < 0)
		return -1;
	pmad_notes(d);
	/* "ready" last: a test may signal or send as soon as it reads that line. */
	pmad_ready(d);
	return pmad_attach(d);
}

static void pmad_stop_all(struct pmad *d)
{
	pma_link_destroy(d->link);
	pma_destroy(d->pma);
	rawip_sock_close(d->gre);
	rawip_sock_close(d->ipip);
	pkt_sock_close(d->acc);
	udp_sock_close(d->udp);
	loop_destroy(d->loop);
}

static int pmad_run(struct pmad *d)
{
	int rc = daemon_run(&d->dm);

	fprintf(stderr, PMAD "stopping\n");
	pmad_summary(d);
	return rc;
}

/* Settings: 0 = run, 1 = done (help, fault list), 2 = usage error (reported). */
static int pmad_settings(struct pmad *d, int argc, char **argv)
{
	char err[PMA_CONF_ERR];

	if (pma_conf_args(&d->conf, argc, argv, err, sizeof err) < 0) {
		fprintf(stderr, PMAD "%s\n", err);
		return 2;
	}
	if (d->conf.help) {
		pma_conf_usage(stdout);
		return 1;
	}
	if (d->conf.fault_list) {
		pma_conf_fault_list(stdout);
		return 1;
	}
	if (pma_conf_resolve(&d->conf, err, sizeof err) < 0) {
		fprintf(stderr, PMAD "%s\n", err);
		return 2;
	}
	return 0;
}

int cmd_pma(int argc, char **argv)
{
	static struct pmad d; /* large (devices, seen table): not on the stack */
	int rc;

	memset(&d, 0, sizeof d);
	pma_conf_init(&d.conf);
	rc = pmad_settings(&d, argc, argv);
	if (rc != 0)
		return rc == 1 ? 0 : 2;
	rc = pmad_start(&d) < 0 ? 1 : pmad_run(&d);
	pmad_stop_all(&d);
	return rc;
}
