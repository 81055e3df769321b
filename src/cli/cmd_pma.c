/* cmd_pma.c — `pmip4ct pma [options]`: the reference Proxy Mobility Agent (pma.h) in the
 * foreground, on live sockets and the real clock (DESIGN.md §8; settings in pma_conf.c).
 * Signalling on a UDP socket; with --access NAME also the access link (pma_link.h) on
 * an AF_PACKET socket and the tunnels on raw IPv4 sockets for protocols 4 and 47.
 *
 * The life cycle, signals, the tick timer and logging are daemon.h's; SIGUSR1 dumps the
 * sessions and counters.  RFC 5563 does not ask a PMA to deregister when it stops: it
 * prints its summary and exits.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cmds.h"
#include "daemon.h"
#include "io_pkt.h"
#include "io_rawip.h"
#include "io_udp.h"
#include "pma.h"
#include "pma_conf.h"
#include "pma_dump.h"
#include "pma_link.h"
#include "tun.h"
#include "txt.h"

#define PMAD "pmip4ct pma: "
#define PMAD_SEEN_MAX 256 /* devices the dump can list */

struct pmad {
	struct pma_conf conf;
	struct daemon dm;        /* the loop, the clock; the tick at the earliest due */
	struct udp_sock *udp;
	struct pma *pma;
	struct pma_link *link;   /* --access: the access link; NULL = signalling only */
	struct pkt_sock *acc;
	struct rawip_sock *ipip, *gre;
	struct pkt_port ipip_port, gre_port;
	struct pma_dump_dev seen[PMAD_SEEN_MAX];
	char seen_nai[PMAD_SEEN_MAX][128];
	unsigned n_seen;
	unsigned long long core_tx_errors;
};

/* Every FSM transition, by name (pma_set_log). */
static void pmad_fsm_log(void *arg, const char *msg)
{
	daemon_log(arg, CONF_LOG_INFO, msg);
}

/* ---- the devices the dump lists ---- */

/* Remember mac with its NAI (the configured one, else the pattern's). */
static void pmad_seen(struct pmad *d, const uint8_t mac[6], const char *nai)
{
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
	daemon_logf(&d->dm, CONF_LOG_DEBUG, "device %02x:%02x:%02x:%02x:%02x:%02x (%s)", mac[0],
		    mac[1], mac[2], mac[3], mac[4], mac[5], d->seen_nai[i]);
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
	pma_dump_sessions(stderr, d->pma, d->seen, d->n_seen, clk_now_ns(d->dm.clk));
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

	if (len < 20) {
		errno = EINVAL;
		return -1;
	}
	p = pkt[9] == TUN_GRE ? &d->gre_port : &d->ipip_port;
	if (pkt_port_send(p, pkt, len) == 0)
		return 0;
	d->core_tx_errors++;
	daemon_logf(&d->dm, CONF_LOG_DEBUG, "tunnel send (%s): %s",
		    pkt[9] == TUN_GRE ? "gre" : "ipip", strerror(errno));
	return -1;
}

/* The signalling: the socket first (the PMA sends through it), then the PMA. */
static int pmad_open_signalling(struct pmad *d)
{
	char err[256];

	d->udp = udp_sock_open(d->dm.loop, d->conf.cfg.addr, d->conf.cfg.port, pmad_udp_rx, d,
			       err, sizeof err);
	if (!d->udp) {
		daemon_say(&d->dm, "%s", err);
		return -1;
	}
	d->conf.cfg.port = udp_sock_port(d->udp);
	d->pma = pma_create(&d->conf.cfg, d->dm.clk, udp_sock_io(d->udp));
	if (!d->pma) {
		daemon_say(&d->dm, "%s", strerror(ENOMEM));
		return -1;
	}
	pma_set_log(d->pma, pmad_fsm_log, &d->dm);
	return 0;
}

static int pmad_open_sockets(struct pmad *d, char *err, size_t errlen)
{
	struct loop *l = d->dm.loop;
	uint32_t a = d->conf.cfg.addr;

	d->acc = pkt_sock_open(l, d->conf.access, pmad_frame_rx, d, err, errlen);
	if (d->acc)
		d->ipip = rawip_sock_open(l, TUN_IPIP, a, pmad_core_rx, d, err, errlen);
	if (d->ipip)
		d->gre = rawip_sock_open(l, TUN_GRE, a, pmad_core_rx, d, err, errlen);
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
		daemon_say(&d->dm, "access link: %s", err);
		return -1;
	}
	memcpy(d->conf.link.mac, pkt_sock_mac(d->acc), 6);
	d->link = pma_link_create(&d->conf.link, d->pma, d->dm.clk, pkt_sock_port(d->acc), core);
	if (!d->link) {
		daemon_say(&d->dm, "access link: %s", strerror(ENOMEM));
		return -1;
	}
	for (unsigned i = 0; i < d->conf.n_dev; i++) {
		const struct pma_conf_dev *v = &d->conf.dev[i];

		if (pma_link_add_device(d->link, v->mac, v->nai, v->imsi[0] ? v->imsi : NULL,
					v->ha)) {
			daemon_say(&d->dm, "device %s: %s", v->nai, strerror(ENOMEM));
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
			daemon_say(&d->dm, "attach %s: %s", a->nai, strerror(ENOMEM));
			return -1;
		}
	}
	return 0;
}

static void pmad_notes(struct pmad *d)
{
	for (unsigned i = 0; i < d->conf.n_dev; i++)
		pmad_seen(d, d->conf.dev[i].mac, d->conf.dev[i].nai);
	if (!d->conf.access[0] && d->conf.n_attach == 0)
		daemon_log(&d->dm, CONF_LOG_WARN,
			   "no --access and no --attach: nothing will register");
	if (d->conf.have_sa && !d->conf.cfg.sa.kind_given)
		daemon_logf(&d->dm, CONF_LOG_INFO, "SA spi %" PRIu32 " has no kind=: taken as "
			    "fa-ha (RFC 5563 §4.3: the PMA's SA is per node)", d->conf.cfg.sa.spi);
	daemon_fault_notes(&d->dm);
}

static void pmad_ready(const struct pmad *d)
{
	struct txt_ip4 a = txt_ip4(d->conf.cfg.addr);

	if (d->conf.access[0])
		daemon_say(&d->dm, "ready on %s:%u, access %s", a.s, d->conf.cfg.port,
			   d->conf.access);
	else
		daemon_say(&d->dm, "ready on %s:%u", a.s, d->conf.cfg.port);
}

static int pmad_start(void *arg)
{
	struct pmad *d = arg;

	if (pmad_open_signalling(d) < 0)
		return -1;
	if (d->conf.access[0] && pmad_open_link(d) < 0)
		return -1;
	pmad_notes(d);
	/* "ready" last: a test may signal or send as soon as it reads that line. */
	pmad_ready(d);
	return pmad_attach(d);
}

static void pmad_stopped(void *arg)
{
	const struct pmad *d = arg;

	daemon_say(&d->dm, "stopping");
	pmad_summary(d);
}

static void pmad_stop(void *arg)
{
	struct pmad *d = arg;

	pma_link_destroy(d->link);
	pma_destroy(d->pma);
	rawip_sock_close(d->gre);
	rawip_sock_close(d->ipip);
	pkt_sock_close(d->acc);
	udp_sock_close(d->udp);
}

static const struct daemon_ops pmad_ops = {
	.prefix = PMAD,
	.start = pmad_start, .stop = pmad_stop, .stopped = pmad_stopped,
	.next_due = pmad_due, .fire = pmad_tick, .dump = pmad_dump,
};

int cmd_pma(int argc, char **argv)
{
	static struct pmad d; /* large (devices, seen table): not on the stack */

	memset(&d, 0, sizeof d);
	pma_conf_init(&d.conf);
	return daemon_main(&d.dm, &pmad_ops, &d, &d.conf.base, argc, argv);
}
