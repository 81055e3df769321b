/* gen_pma.c — the run against a PMA (issue #16): one worker plays the Home Agent on the
 * PMA's network link and N mobile devices on its access link.  The devices get leases
 * by DHCP at the profile's rate (RFC 5563 §4.1.1: each DISCOVER makes the PMA register
 * with us), send and receive the profile's flows through the PMA's tunnel, are revoked
 * at the profile's rate (RFC 3543 §4.2.2.1) and release their leases at the end, which
 * makes the PMA deregister (RFC 5563 §6.3).  The phases:
 *
 *   run      ramp, flows, renewals at T1, revocations, until ctx->end_ns
 *   release  flows stopped; after GP_DRAIN_NS each device sends DHCPRELEASE, paced at
 *            the registration rate
 *   wait     until the HA holds no binding and no revocation is pending, or a timeout
 *
 * A handover needs two PMAs: the profile's `handover` is ignored here (gen_run refuses
 * it against a PMA).
 */
#include <errno.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "gen_pma.h"
#include "io_pkt.h"

#define NS 1000000000ull
#define MS 1000000ull

uint64_t gp_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NS + (uint64_t)ts.tv_nsec;
}

uint64_t gp_rel(const struct gp_run *r, double s)
{
	return r->ctx->start_ns + (uint64_t)(s * 1e9);
}

static int fail(struct gp_run *r, const char *what, const char *why)
{
	snprintf(r->err, r->errlen, "%s: %s", what, why);
	return -1;
}

/* The devices send from their own MACs: the access interface is promiscuous while the
 * run lasts (packet(7)), so the PMA's frames to them are seen on real NICs too. */
static int promisc_on(struct gp_run *r)
{
	struct packet_mreq mr = { .mr_type = PACKET_MR_PROMISC };

	r->promisc_fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	mr.mr_ifindex = (int)if_nametoindex(r->ctx->access_if);
	if (r->promisc_fd < 0 || !mr.mr_ifindex ||
	    setsockopt(r->promisc_fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof mr) < 0)
		return fail(r, r->ctx->access_if[0] ? r->ctx->access_if : "access-if",
			    strerror(errno));
	return 0;
}

static int open_access(struct gp_run *r)
{
	char why[200];

	if (!r->ctx->access_if[0])
		return fail(r, "access-if", "no access link (profile access-if or PIXIT access.if)");
	if (promisc_on(r) < 0)
		return -1;
	r->acc = pkt_sock_open(r->loop, r->ctx->access_if, gp_acc_frame, r, why, sizeof why);
	if (!r->acc)
		return fail(r, "access link", why);
	r->acc_port = pkt_sock_port(r->acc);
	return 0;
}

static int setup(struct gp_run *r)
{
	char why[200];

	timers_init(&r->timers);
	r->promisc_fd = -1;
	r->loop = loop_create(&clk_real, why, sizeof why);
	if (!r->loop)
		return fail(r, "loop", why);
	if (gp_devs_init(r) < 0)
		return fail(r, "devices", "out of memory");
	if (gp_ha_open(r) < 0 || open_access(r) < 0)
		return -1;
	gp_flows_init(r);
	return 0;
}

static void teardown(struct gp_run *r)
{
	pkt_sock_close(r->acc);
	if (r->promisc_fd >= 0)
		close(r->promisc_fd);
	gp_ha_close(r);
	loop_destroy(r->loop);
	timers_finish(&r->timers);
	gp_devs_free(r);
}

static uint64_t min64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/* The earliest thing to do, on CLOCK_MONOTONIC. */
static uint64_t next_due(const struct gp_run *r, uint64_t next_pub)
{
	uint64_t due = min64(timers_next(&r->timers), min64(gp_ha_due(r), next_pub));

	switch (r->phase) {
	case GP_RUN:
		due = min64(due, min64(r->ctx->end_ns, gp_ramp_due(r)));
		due = min64(due, min64(gp_flows_due(r), gp_revokes_due(r)));
		break;
	case GP_RELEASE:
		due = min64(due, gp_release_due(r));
		break;
	case GP_WAIT:
		due = min64(due, r->wait_until);
		break;
	case GP_DONE:
		break;
	}
	return due;
}

/* Whether the PMA has let everything go: no binding left, no revocation pending. */
static bool all_gone(const struct gp_run *r)
{
	return bnd_count(ha_bindings(r->ha)) == 0 && ha_pending_revocations(r->ha) == 0;
}

static void phase_step(struct gp_run *r, uint64_t now)
{
	bool stop = atomic_load(&r->w->stop);

	if (r->phase == GP_RUN && (now >= r->ctx->end_ns || stop)) {
		r->phase = GP_RELEASE;
		r->phase_ns = now;
	}
	if (r->phase == GP_RELEASE && r->released == r->n_dev) {
		uint64_t wait = (uint64_t)(stop ? 200 : 4 * r->p->reply_ms + 1000) * MS;

		r->phase = GP_WAIT;
		r->phase_ns = now;
		r->wait_until = now + wait;
	}
	if (r->phase == GP_WAIT && (all_gone(r) || now >= r->wait_until))
		r->phase = GP_DONE;
}

static void publish(struct gp_run *r)
{
	gp_ha_codes(r);
	gen_worker_publish(r->w);
}

static int run(struct gp_run *r)
{
	uint64_t series = (uint64_t)((r->p->series_s > 0 ? r->p->series_s : 1) * 1e9);
	uint64_t next_pub = gp_now() + series;

	while (r->phase != GP_DONE) {
		uint64_t now = gp_now(), due;
		int ms;

		timers_run(&r->timers, now, r);
		if (r->phase == GP_RUN) {
			gp_ramp_run(r, now);
			gp_flows_run(r, now);
			gp_revokes_run(r, now);
		} else if (r->phase == GP_RELEASE) {
			gp_release_run(r, now);
		}
		gp_ha_tick(r);
		phase_step(r, now);
		if (now >= next_pub) {
			publish(r);
			next_pub = now + series;
		}
		due = next_due(r, next_pub);
		now = gp_now();
		ms = due <= now ? 0 : (int)min64((due - now) / MS, 100);
		if (loop_once(r->loop, ms) < 0)
			return fail(r, "loop", strerror(errno));
	}
	return 0;
}

int gen_pma_worker(struct gen_worker *w)
{
	struct gp_run r;
	int rc;

	memset(&r, 0, sizeof r);
	r.w = w;
	r.ctx = w->ctx;
	r.p = w->ctx->p;
	r.st = &w->st;
	r.err = w->err;
	r.errlen = sizeof w->err;
	r.phase = GP_RUN;
	if (w->n != 1) { /* one access link, one PMA: no sharing out */
		snprintf(w->err, sizeof w->err, "the run against a PMA has one worker, not %u", w->n);
		return -1;
	}
	rc = setup(&r); /* st.c.devices is gen_run's, as for the run against an HA */
	if (rc == 0)
		rc = run(&r);
	gp_rx_tail(&r);
	gp_devs_finish(&r);
	gp_ha_codes(&r);
	w->devices_up = 0;
	gen_worker_publish(w);
	teardown(&r);
	return rc;
}
