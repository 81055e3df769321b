/* cmd_decode.c — `pmip4ct decode FILE [--port N] [--sa SPEC]... [--json] [-v]`: decode the
 * Mobile IP messages of a pcap/pcapng file (DESIGN.md §8) and verify their authenticators
 * (RFC 5944 §3.5.1) against the security associations given.
 *
 * Exit status (cmds.h): 0 = all decoded and every checked authenticator valid; 1 = a
 * malformed message or frame, or an invalid authenticator; 2 = bad usage or a file that
 * cannot be read to its end (what was read is reported first).
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "cmds.h"
#include "ext.h"
#include "mip.h"
#include "names.h"
#include "pcap_in.h"
#include "render.h"
#include "settings.h"
#include "txt.h"

#define DEC_SA_MAX 64
#define DEC_FRAGMENT 1

struct dec_auth {
	const struct mip_ext *e;
	const char *result; /* "valid", "invalid", "no SA" */
	const char *detail; /* why invalid, or NULL */
};

struct dec {
	const char *file;
	uint16_t port;
	bool json;
	bool verbose;
	unsigned n_sa;
	struct mip_sa sa[DEC_SA_MAX];
	struct json j;
	uint64_t t0; /* capture time of frame 1: times are relative to it, as in tshark */
	uint64_t messages, malformed, bad_frames, auth_invalid;
	struct mip_msg m;
	struct mip_err e;
	int rc; /* mip_decode's result for m (0, -1), or DEC_FRAGMENT: not decoded */
	struct dec_auth auth[MIP_EXT_MAX];
	unsigned n_auth;
};

static void dec_usage(FILE *f)
{
	fprintf(f, "usage: pmip4ct decode FILE [--port N] [--sa SPEC]... [--json] [-v]\n");
}

/* ---- options ---- */

static int dec_opt_port(struct dec *d, const char *arg)
{
	char *end;
	unsigned long v = strtoul(arg, &end, 10);

	if (!*arg || *end || v == 0 || v > 65535) {
		fprintf(stderr, "pmip4ct decode: --port '%s': expected a port 1-65535\n", arg);
		return -1;
	}
	d->port = (uint16_t)v;
	return 0;
}

static int dec_opt_sa(struct dec *d, const char *arg)
{
	char err[160];

	if (d->n_sa == DEC_SA_MAX) {
		fprintf(stderr, "pmip4ct decode: --sa '%s': at most %d SAs\n", arg, DEC_SA_MAX);
		return -1;
	}
	if (auth_sa_parse(arg, &d->sa[d->n_sa], err, sizeof err) < 0) {
		fprintf(stderr, "pmip4ct decode: --sa '%s': %s\n", arg, err);
		return -1;
	}
	d->n_sa++;
	return 0;
}

/* One option: 0 = go on, 1 = help was printed, -1 = usage error (already reported). */
static int dec_opt(struct dec *d, int c, int argc, char **argv)
{
	char err[160];

	switch (c) {
	case 'p':
		return dec_opt_port(d, optarg);
	case 's':
		return dec_opt_sa(d, optarg);
	case 'j':
		d->json = true;
		return 0;
	case 'v':
		d->verbose = true;
		return 0;
	case 'h':
		dec_usage(stdout);
		return 1;
	default:
		settings_bad_option(NULL, c, argc, argv, err, sizeof err);
		fprintf(stderr, "pmip4ct decode: %s\n", err);
		return -1;
	}
}

/* 0 = run, 1 = help was printed, -1 = usage error (already reported). */
static int dec_opts(struct dec *d, int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "port", required_argument, NULL, 'p' }, { "sa", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },       { "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },       { NULL, 0, NULL, 0 },
	};
	int c, r;

	optind = 1; /* argv is the sub-command's: getopt starts afresh */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":vh", lopts, NULL)) != -1) {
		r = dec_opt(d, c, argc, argv);
		if (r != 0)
			return r;
	}
	if (argc - optind != 1) {
		fprintf(stderr, "pmip4ct decode: %s\n",
			argc - optind ? "one FILE only" : "no FILE");
		return -1;
	}
	d->file = argv[optind];
	return 0;
}

/* ---- authentication (RFC 5944 §3.5.1) ---- */

static void dec_check_auth(struct dec *d, const struct pcap_pkt *pkt)
{
	if (!d->n_sa || d->rc != 0)
		return;
	for (unsigned i = 0; i < d->m.n_ext; i++) {
		const struct mip_ext *e = &d->m.ext[i];
		struct dec_auth *a = &d->auth[d->n_auth];
		const struct mip_sa *sa;
		enum auth_result r;

		if (!ext_is_auth(e->type))
			continue;
		d->n_auth++;
		a->e = e;
		a->detail = NULL;
		a->result = "no SA";
		sa = auth_sa_find(d->sa, d->n_sa, &d->m, e, pkt->fi.ends.src);
		if (!sa)
			continue;
		r = auth_verify(pkt->fi.payload, pkt->fi.payload_len, e, sa);
		a->result = r == AUTH_VALID ? "valid" : "invalid";
		if (r != AUTH_VALID && r != AUTH_INVALID)
			a->detail = auth_result_str(r);
		if (r != AUTH_VALID)
			d->auth_invalid++;
	}
}

/* ---- one datagram ---- */

static void dec_fmt_time(const struct dec *d, uint64_t ts, char *buf, size_t n)
{
	uint64_t rel = ts >= d->t0 ? ts - d->t0 : d->t0 - ts;

	snprintf(buf, n, "%s%" PRIu64 ".%09" PRIu64, ts >= d->t0 ? "" : "-", rel / 1000000000u,
		 rel % 1000000000u);
}

static bool dec_bad_checksum(const struct frame_info *fi)
{
	return fi->udp_checksum && !fi->truncated && !fi->fragment && !fi->udp_checksum_ok;
}

/* A failure of the capture, not of the sender: the bytes ran out where the capture did. */
static bool dec_cut_by_capture(const struct dec *d, const struct frame_info *fi)
{
	return d->rc < 0 && fi->truncated && d->e.kind == MIP_ETRUNC;
}

static const char *dec_err_kind(enum mip_err_kind k)
{
	return k == MIP_ETRUNC ? "truncated" : k == MIP_EINVAL ? "invalid" : "error";
}

static void dec_decode(struct dec *d, const struct pcap_pkt *pkt)
{
	const struct frame_info *fi = &pkt->fi;

	d->messages++;
	memset(&d->e, 0, sizeof d->e);
	d->n_auth = 0;
	if (fi->fragment) {
		d->rc = DEC_FRAGMENT;
		return;
	}
	d->rc = mip_decode(fi->payload, fi->payload_len, &d->m, &d->e);
	if (d->rc < 0 && !dec_cut_by_capture(d, fi))
		d->malformed++;
	dec_check_auth(d, pkt);
}

/* ---- text output ---- */

static void dec_text_head(const struct dec *d, const struct pcap_pkt *pkt)
{
	char t[32];

	dec_fmt_time(d, pkt->ts_ns, t, sizeof t);
	printf("%" PRIu64 " %s %s:%u -> %s:%u ", pkt->frame, t, txt_ip4(pkt->fi.ends.src).s,
	       pkt->fi.ends.sport, txt_ip4(pkt->fi.ends.dst).s, pkt->fi.ends.dport);
}

static void dec_text_auth(const struct dec *d)
{
	for (unsigned i = 0; i < d->n_auth; i++) {
		const struct dec_auth *a = &d->auth[i];
		const char *name = name_of(&names_ext, a->e->type);

		printf("    auth %s spi %" PRIu32 ": %s", name ? name : "?", a->e->v.auth.spi,
		       a->result);
		if (a->detail)
			printf(" (%s)", a->detail);
		putchar('\n');
	}
}

static void dec_text(const struct dec *d, const struct pcap_pkt *pkt)
{
	const struct frame_info *fi = &pkt->fi;
	char ebuf[256];

	dec_text_head(d, pkt);
	if (fi->truncated)
		printf("[truncated capture: %zu of %zu bytes] ", fi->payload_len,
		       fi->payload_wire_len);
	if (d->rc == DEC_FRAGMENT)
		printf("[IPv4 fragment of a %zu-byte datagram: not reassembled, not decoded]",
		       fi->payload_wire_len);
	else if (d->rc == 0)
		render_summary(stdout, &d->m);
	else { /* tolerant reading: what decoded before the damage, then where it is */
		if (d->m.fixed_ok) {
			render_summary(stdout, &d->m);
			putchar(' ');
		}
		printf("%s: %s", dec_cut_by_capture(d, fi) ? "INCOMPLETE" : "MALFORMED",
		       mip_err_str(&d->e, ebuf, sizeof ebuf));
	}
	if (dec_bad_checksum(fi))
		printf(" [bad UDP checksum 0x%04x]", fi->udp_checksum);
	putchar('\n');
	dec_text_auth(d);
	if (d->verbose && (d->rc == 0 || (d->rc < 0 && d->m.fixed_ok)))
		render_tree(stdout, 4, &d->m);
}

/* ---- JSON output ---- */

static void dec_json_head(struct dec *d, const struct pcap_pkt *pkt)
{
	char t[32];

	dec_fmt_time(d, pkt->ts_ns, t, sizeof t);
	json_u64(&d->j, "frame", pkt->frame);
	json_str(&d->j, "time", t);
	json_str(&d->j, "src", txt_ip4(pkt->fi.ends.src).s);
	json_u64(&d->j, "sport", pkt->fi.ends.sport);
	json_str(&d->j, "dst", txt_ip4(pkt->fi.ends.dst).s);
	json_u64(&d->j, "dport", pkt->fi.ends.dport);
	json_u64(&d->j, "length", pkt->fi.payload_wire_len);
	if (pkt->fi.truncated)
		json_u64(&d->j, "captured", pkt->fi.payload_len);
	if (pkt->fi.fragment)
		json_bool(&d->j, "fragment", true);
	if (dec_bad_checksum(&pkt->fi))
		json_bool(&d->j, "bad_udp_checksum", true);
}

static void dec_json_error(struct json *j, const char *kind, size_t off, const char *field,
			   const char *detail)
{
	json_obj_begin(j, "error");
	json_str(j, "kind", kind);
	json_u64(j, "offset", off);
	json_str(j, "field", field ? field : "");
	json_str(j, "detail", detail);
	json_obj_end(j);
}

static void dec_json_auth(struct dec *d)
{
	if (!d->n_sa || d->rc != 0)
		return;
	json_arr_begin(&d->j, "auth");
	for (unsigned i = 0; i < d->n_auth; i++) {
		const struct dec_auth *a = &d->auth[i];
		const char *name = name_of(&names_ext, a->e->type);

		json_obj_begin(&d->j, NULL);
		json_u64(&d->j, "type", a->e->type);
		json_str(&d->j, "ext", name ? name : "?");
		json_u64(&d->j, "spi", a->e->v.auth.spi);
		json_str(&d->j, "result", a->result);
		if (a->detail)
			json_str(&d->j, "detail", a->detail);
		json_obj_end(&d->j);
	}
	json_arr_end(&d->j);
}

static void dec_json(struct dec *d, const struct pcap_pkt *pkt)
{
	json_obj_begin(&d->j, NULL);
	dec_json_head(d, pkt);
	if (d->rc == 0 || (d->rc < 0 && d->m.fixed_ok)) /* the part before any damage */
		render_json(&d->j, "message", &d->m);
	if (d->rc < 0)
		dec_json_error(&d->j, dec_err_kind(d->e.kind), d->e.off, d->e.field, d->e.detail);
	dec_json_auth(d);
	json_obj_end(&d->j);
}

/* ---- frames whose IPv4/UDP headers lie ---- */

static void dec_bad_frame(struct dec *d, const struct pcap_pkt *pkt, const char *err)
{
	char pre[40], t[32];
	const char *msg = err;

	snprintf(pre, sizeof pre, "frame %" PRIu64 ": ", pkt->frame);
	if (strncmp(err, pre, strlen(pre)) == 0)
		msg += strlen(pre);
	d->bad_frames++;
	dec_fmt_time(d, pkt->ts_ns, t, sizeof t);
	if (!d->json) {
		printf("%" PRIu64 " %s BAD FRAME: %s\n", pkt->frame, t, msg);
		return;
	}
	json_obj_begin(&d->j, NULL);
	json_u64(&d->j, "frame", pkt->frame);
	json_str(&d->j, "time", t);
	json_obj_begin(&d->j, "error");
	json_str(&d->j, "kind", "frame");
	json_str(&d->j, "detail", msg);
	json_obj_end(&d->j);
	json_obj_end(&d->j);
}

/* ---- the run ---- */

static void dec_begin(struct dec *d)
{
	if (!d->json)
		return;
	json_init(&d->j, stdout);
	json_obj_begin(&d->j, NULL);
	json_str(&d->j, "file", d->file);
	json_arr_begin(&d->j, "messages");
}

static void dec_end(struct dec *d, uint64_t frames, const char *fatal)
{
	if (!d->json) {
		printf("# %" PRIu64 " frames, %" PRIu64 " Mobile IP messages, %" PRIu64
		       " malformed", frames, d->messages, d->malformed);
		if (d->bad_frames)
			printf(", %" PRIu64 " bad frames", d->bad_frames);
		if (d->n_sa)
			printf(", %" PRIu64 " invalid authenticators", d->auth_invalid);
		putchar('\n');
		fflush(stdout);
		return;
	}
	json_arr_end(&d->j);
	if (fatal)
		json_str(&d->j, "error", fatal);
	json_obj_begin(&d->j, "summary");
	json_u64(&d->j, "frames", frames);
	json_u64(&d->j, "messages", d->messages);
	json_u64(&d->j, "malformed", d->malformed);
	json_u64(&d->j, "bad_frames", d->bad_frames);
	json_u64(&d->j, "auth_invalid", d->auth_invalid);
	json_obj_end(&d->j);
	json_finish(&d->j);
	fflush(stdout);
}

static void dec_one(struct dec *d, const struct pcap_pkt *pkt, const char *err)
{
	if (err) {
		dec_bad_frame(d, pkt, err);
	} else if (pkt->fi.ends.sport == d->port || pkt->fi.ends.dport == d->port) {
		dec_decode(d, pkt);
		if (d->json)
			dec_json(d, pkt);
		else
			dec_text(d, pkt);
	}
	fflush(stdout);
}

static int dec_run(struct dec *d)
{
	char err[512];
	struct pcap_in *in = pcap_in_open(d->file, err, sizeof err);
	struct pcap_pkt pkt;
	int r;

	if (!in) {
		fprintf(stderr, "pmip4ct decode: %s\n", err);
		return 2;
	}
	dec_begin(d);
	while ((r = pcap_in_next(in, &pkt, err, sizeof err)) != 0) {
		if (r < 0 && pcap_in_fatal(in))
			break;
		d->t0 = pcap_in_first_ts(in);
		dec_one(d, &pkt, r < 0 ? err : NULL);
	}
	dec_end(d, pcap_in_frames(in), r < 0 ? err : NULL);
	pcap_in_destroy(in);
	if (r < 0) {
		fprintf(stderr, "pmip4ct decode: %s: %s\n", d->file, err);
		return 2;
	}
	return d->malformed || d->bad_frames || d->auth_invalid ? 1 : 0;
}

int cmd_decode(int argc, char **argv)
{
	struct dec *d = calloc(1, sizeof *d);
	int rc;

	if (!d) {
		fprintf(stderr, "pmip4ct decode: out of memory\n");
		return 2;
	}
	d->port = MIP_PORT;
	rc = dec_opts(d, argc, argv);
	if (rc < 0)
		dec_usage(stderr);
	rc = rc < 0 ? 2 : rc > 0 ? 0 : dec_run(d);
	free(d);
	return rc;
}
