/* gen_pma_drive.c — a driver for the generator's run against a PMA (gen_pma.c, issue
 * #16) before `pmip4ct gen` resolves profiles itself: it builds the run context from its
 * options, runs gen_pma_worker on this thread and prints the figures as "name value"
 * lines for tests/e2e/gen_pma.sh to check.  Its gen_worker_publish is a stub of the
 * lead's (gen_run.c): it only starts a new interval.  SIGINT sets the worker's stop, as
 * gen_run does.
 *
 *   gen_pma_drive --ha A --cn A --access IF --sa SPEC [--devices N] [--first K]
 *                 [--mac M] [--duration S] [--rate R] [--ramp S] [--pps P] [--size B]
 *                 [--revoke R] [--encap ipip|gre] [--lifetime S] [--reply-ms MS]
 */
#include <arpa/inet.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gen_pma.h"

void gen_worker_publish(struct gen_worker *wk)
{
	for (int d = 0; d < GEN_NDIR; d++)
		hist_reset(&wk->ival[d]);
}

static struct gen_worker w;

static void on_int(int sig)
{
	(void)sig;
	atomic_store(&w.stop, true);
}

static uint32_t addr(const char *s)
{
	struct in_addr a;

	if (inet_pton(AF_INET, s, &a) != 1) {
		fprintf(stderr, "gen_pma_drive: %s: not an IPv4 address\n", s);
		exit(2);
	}
	return ntohl(a.s_addr);
}

static void defaults(struct gen_prof *p)
{
	static const uint8_t mac[6] = { 0x02, 0x00, 0x00, 0x10, 0x00, 0x00 };

	memset(p, 0, sizeof *p);
	p->devices = 100;
	memcpy(p->mac_base, mac, 6);
	p->encap = GEN_ENCAP_GRE;
	p->lifetime = 60;
	p->revocation = true;
	p->reg_rate = 100;
	p->duration_s = 8;
	p->series_s = 1;
	p->reply_ms = 1000;
	p->n_flow = 1;
	strcpy(p->flow[0].name, "both");
	p->flow[0].dir[GEN_UP] = p->flow[0].dir[GEN_DOWN] = true;
	p->flow[0].pps = 10;
	p->flow[0].size = 100;
	p->flow[0].port = 5001;
}

static void option(struct gen_prof *p, struct gen_ctx *x, int c, const char *v)
{
	char err[160];

	switch (c) {
	case 'h': x->ha = addr(v); break;
	case 'c': x->cn = addr(v); break;
	case 'a': snprintf(x->access_if, sizeof x->access_if, "%s", v); break;
	case 's':
		if (auth_sa_parse(v, &x->sa, err, sizeof err) < 0) {
			fprintf(stderr, "gen_pma_drive: --sa: %s\n", err);
			exit(2);
		}
		break;
	case 'n': p->devices = (uint32_t)strtoul(v, NULL, 0); break;
	case 'f': p->first = (uint32_t)strtoul(v, NULL, 0); break;
	case 'm':
		sscanf(v, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &p->mac_base[0], &p->mac_base[1],
		       &p->mac_base[2], &p->mac_base[3], &p->mac_base[4], &p->mac_base[5]);
		break;
	case 'd': p->duration_s = atof(v); break;
	case 'r': p->reg_rate = atof(v); break;
	case 'R': p->reg_ramp_s = atof(v); break;
	case 'p': p->flow[0].pps = atof(v); break;
	case 'b': p->flow[0].size = (uint16_t)atoi(v); break;
	case 'v': p->revoke.rate = atof(v); break;
	case 'e': p->encap = strcmp(v, "ipip") ? GEN_ENCAP_GRE : GEN_ENCAP_IPIP; break;
	case 'l': p->lifetime = (uint16_t)atoi(v); break;
	case 't': p->reply_ms = (unsigned)atoi(v); break;
	default: exit(2);
	}
}

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void print(const struct gen_worker *wk)
{
	const struct gen_counters *c = &wk->st.c;
	static const char *const dir[GEN_NDIR] = { "up", "down" };
	static const char *const hn[GEN_NHIST] = { "reg", "lat_up", "lat_down", "jit_up",
						   "jit_down", "ho_gap", "rev_ack" };

	printf("devices %llu\nregistered %llu\nreg_sent %llu\nreg_retx %llu\n"
	       "reg_timeout %llu\nrenewed %llu\ndereg_sent %llu\nderegistered %llu\n"
	       "revokes_sent %llu\nrevokes_acked %llu\nbad %llu\ndevices_up %llu\n",
	       (unsigned long long)c->devices, (unsigned long long)c->registered,
	       (unsigned long long)c->reg_sent, (unsigned long long)c->reg_retx,
	       (unsigned long long)c->reg_timeout, (unsigned long long)c->renewed,
	       (unsigned long long)c->dereg_sent, (unsigned long long)c->deregistered,
	       (unsigned long long)c->revokes_sent, (unsigned long long)c->revokes_acked,
	       (unsigned long long)c->bad, (unsigned long long)wk->devices_up);
	for (int d = 0; d < GEN_NDIR; d++)
		printf("sent_%s %llu\nreceived_%s %llu\nlost_%s %llu\nreordered_%s %llu\n"
		       "duplicated_%s %llu\nheld_%s %llu\n", dir[d],
		       (unsigned long long)c->sent[d], dir[d], (unsigned long long)c->received[d],
		       dir[d], (unsigned long long)c->lost[d], dir[d],
		       (unsigned long long)c->reordered[d], dir[d],
		       (unsigned long long)c->duplicated[d], dir[d], (unsigned long long)c->held[d]);
	for (int i = 0; i < 256; i++)
		if (c->codes[i])
			printf("code_%d %llu\n", i, (unsigned long long)c->codes[i]);
	for (int h = 0; h < GEN_NHIST; h++)
		printf("%s_n %llu\n%s_p50_us %.1f\n%s_max_us %.1f\n", hn[h],
		       (unsigned long long)wk->st.h[h].n, hn[h],
		       hist_quantile(&wk->st.h[h], 0.5) / 1e3, hn[h], hist_quantile(&wk->st.h[h], 1) / 1e3);
	printf("device_state_bytes %zu\n", sizeof(struct gp_dev));
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "ha", 1, NULL, 'h' }, { "cn", 1, NULL, 'c' }, { "access", 1, NULL, 'a' },
		{ "sa", 1, NULL, 's' }, { "devices", 1, NULL, 'n' }, { "first", 1, NULL, 'f' },
		{ "mac", 1, NULL, 'm' }, { "duration", 1, NULL, 'd' }, { "rate", 1, NULL, 'r' },
		{ "ramp", 1, NULL, 'R' }, { "pps", 1, NULL, 'p' }, { "size", 1, NULL, 'b' },
		{ "revoke", 1, NULL, 'v' }, { "encap", 1, NULL, 'e' },
		{ "lifetime", 1, NULL, 'l' }, { "reply-ms", 1, NULL, 't' }, { NULL, 0, NULL, 0 },
	};
	static struct gen_prof p;
	struct gen_ctx x;
	int c, rc;

	defaults(&p);
	memset(&x, 0, sizeof x);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		option(&p, &x, c, optarg);
	x.p = &p;
	x.dev_lo = 0;
	x.dev_hi = p.devices;
	x.start_ns = mono_ns();
	x.end_ns = x.start_ns + (uint64_t)(p.duration_s * 1e9);
	w.ctx = &x;
	w.n = 1;
	if (gen_stats_init(&w.st) < 0 || hist_init(&w.ival[0]) < 0 || hist_init(&w.ival[1]) < 0)
		return 1;
	signal(SIGINT, on_int);
	rc = gen_pma_worker(&w);
	print(&w);
	if (rc < 0)
		fprintf(stderr, "gen_pma_drive: %s\n", w.err);
	return rc < 0 ? 1 : 0;
}
