/* gen_out.c — what `pmip4ct gen` writes (gen.h): the JSON summary, the time series (CSV
 * or JSON lines), the live line on a terminal and the periodic lines off one, and the
 * end summary within 100 columns.  The tables of gen_fig.h name the figures once for
 * every writer and for the reader of `report merge`.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cols.h"
#include "gen_fig.h"
#include "names.h"
#include "render.h"
#include "txt.h"

#define FIELD(n) { #n, offsetof(struct gen_counters, n), false }
#define FIELD_DIR(n) { #n, offsetof(struct gen_counters, n), true }

const struct gen_field gen_fields[] = {
	FIELD(devices),       FIELD(registered),     FIELD(reg_sent),
	FIELD(reg_retx),      FIELD(reg_timeout),    FIELD(renewed),
	FIELD(dereg_sent),    FIELD(deregistered),   FIELD(handovers),
	FIELD(handovers_done), FIELD(revokes_sent),  FIELD(revokes_acked),
	FIELD(ha_revocations), FIELD_DIR(sent),      FIELD_DIR(received),
	FIELD_DIR(lost),      FIELD_DIR(lost_ho),    FIELD_DIR(reordered),
	FIELD_DIR(duplicated), FIELD_DIR(held),      FIELD(bad),
};
const size_t gen_n_fields = sizeof gen_fields / sizeof gen_fields[0];

/* Every counter is in the table: codes[256] and the table's fields make up the struct. */
_Static_assert(sizeof(struct gen_counters) ==
		       (256 + 13 + 7 * GEN_NDIR + 1) * sizeof(uint64_t),
	       "a gen_counters field is missing from gen_fields");

const char *const gen_hist_names[GEN_NHIST] = {
	[GEN_H_REG] = "reg",         [GEN_H_LAT_UP] = "lat_up", [GEN_H_LAT_DOWN] = "lat_down",
	[GEN_H_JIT_UP] = "jit_up",   [GEN_H_JIT_DOWN] = "jit_down",
	[GEN_H_HO_GAP] = "ho_gap",   [GEN_H_REV_ACK] = "rev_ack",
};

static const char *const dir_names[GEN_NDIR] = { "up", "down" };

uint64_t *gen_field_at(struct gen_counters *c, const struct gen_field *f, enum gen_dir d)
{
	uint64_t *p = (uint64_t *)(void *)((char *)c + f->off);

	return f->per_dir ? p + d : p;
}

uint64_t gen_field_get(const struct gen_counters *c, const struct gen_field *f,
		       enum gen_dir d)
{
	const uint64_t *p = (const uint64_t *)(const void *)((const char *)c + f->off);

	return f->per_dir ? p[d] : *p;
}

void gen_fmt_dur(char *buf, size_t len, uint64_t ns)
{
	static const struct {
		uint64_t unit;
		const char *name;
	} units[] = { { 1000000000u, "s" }, { 1000000u, "ms" }, { 1000u, "µs" } };
	double v;

	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
		if (ns < units[i].unit)
			continue;
		v = (double)ns / (double)units[i].unit;
		/* 3 significant digits ("1.50 ms"), but as the rounding gives them ("100 µs") */
		snprintf(buf, len, "%.*f %s", v >= 99.95 ? 0 : v >= 9.995 ? 1 : 2, v,
			 units[i].name);
		return;
	}
	snprintf(buf, len, "%" PRIu64 " ns", ns);
}

void gen_fmt_count(char *buf, size_t len, uint64_t v)
{
	static const char suffix[] = "kMGTPE";
	double x = (double)v;
	unsigned i = 0;

	if (v < 100000) {
		snprintf(buf, len, "%" PRIu64, v);
		return;
	}
	do {
		x /= 1000;
		i++;
	} while (x >= 999.5 && i < sizeof suffix - 1); /* 999999 is 1.00M, not 1000k */
	snprintf(buf, len, "%.*f%c", x >= 100 ? 0 : x >= 10 ? 1 : 2, x, suffix[i - 1]);
}

int gen_flush(FILE *f)
{
	if (fflush(f) != 0 || ferror(f)) {
		if (!errno)
			errno = EIO;
		return -1;
	}
	return 0;
}

/* ---- the JSON summary ---- */

static uint64_t sum_dir(const uint64_t v[GEN_NDIR])
{
	return v[GEN_UP] + v[GEN_DOWN];
}

/* {"p50":..,"p99":..,"max":..} of h in units of `unit` ns, 3 decimals. */
static void json_quantiles(struct json *j, const char *key, const struct hist *h,
			   uint64_t unit)
{
	static const struct {
		const char *name;
		double q;
	} qs[] = { { "p50", 0.5 }, { "p99", 0.99 }, { "max", 1.0 } };

	json_obj_begin(j, key);
	for (size_t i = 0; i < sizeof qs / sizeof qs[0]; i++) {
		uint64_t v = hist_quantile(h, qs[i].q);

		/* v / unit with 3 decimals: v in units of unit / 1000 */
		json_fixed(j, qs[i].name, unit >= 1000 ? v / (unit / 1000) : v, 3);
	}
	json_obj_end(j);
}

static void json_meta(struct json *j, const struct gen_meta *m)
{
	/* never NaN, infinite or past what the thousandths can hold */
	double secs = isfinite(m->seconds) && m->seconds > 0 && m->seconds < 1e12 ? m->seconds : 0;

	json_u64(j, "format", GEN_JSON_FORMAT);
	json_str(j, "tool", m->tool);
	json_str(j, "build", m->build);
	json_str(j, "profile", m->profile);
	json_str(j, "profile_hash", m->profile_hash);
	json_str(j, "dut", m->dut);
	json_obj_begin(j, "shard");
	json_u64(j, "index", m->shard.index);
	json_u64(j, "total", m->shard.total);
	if (m->shard.index == 0) /* a merge of every shard */
		json_u64(j, "merged", m->shard.total);
	json_arr_begin(j, "devices");
	json_u64(j, NULL, m->dev_lo);
	json_u64(j, NULL, m->dev_hi);
	json_arr_end(j);
	json_obj_end(j);
	json_str(j, "start", m->start_utc);
	json_str(j, "end", m->end_utc);
	json_fixed(j, "seconds", (uint64_t)llround(secs * 1000), 3);
	json_bool(j, "finished", m->finished);
}

static void json_counters(struct json *j, const struct gen_counters *c)
{
	json_obj_begin(j, "counters");
	for (size_t i = 0; i < gen_n_fields; i++) {
		const struct gen_field *f = &gen_fields[i];

		if (!f->per_dir) {
			json_u64(j, f->name, gen_field_get(c, f, GEN_UP));
			continue;
		}
		json_obj_begin(j, f->name);
		for (int d = 0; d < GEN_NDIR; d++)
			json_u64(j, dir_names[d], gen_field_get(c, f, (enum gen_dir)d));
		json_obj_end(j);
	}
	json_obj_end(j);
	json_obj_begin(j, "codes");
	for (unsigned code = 0; code < 256; code++) {
		char key[8];

		if (!c->codes[code])
			continue;
		snprintf(key, sizeof key, "%u", code);
		json_u64(j, key, c->codes[code]);
	}
	json_obj_end(j);
}

int gen_out_json(FILE *f, const struct gen_meta *m, const struct gen_stats *s)
{
	const struct gen_counters *c = &s->c;
	struct hist lat;
	struct json j;

	if (hist_init(&lat) < 0)
		return -1;
	hist_merge(&lat, &s->h[GEN_H_LAT_UP]);
	hist_merge(&lat, &s->h[GEN_H_LAT_DOWN]);
	json_init(&j, f);
	json_obj_begin(&j, NULL);
	json_meta(&j, m);
	json_u64(&j, "devices", c->devices);
	json_u64(&j, "registered", c->registered);
	json_u64(&j, "packets_sent", sum_dir(c->sent));
	json_u64(&j, "packets_received", sum_dir(c->received));
	json_u64(&j, "lost", sum_dir(c->lost));
	json_u64(&j, "lost_in_handover", sum_dir(c->lost_ho));
	json_quantiles(&j, "latency_us", &lat, 1000);
	json_quantiles(&j, "handover_gap_ms", &s->h[GEN_H_HO_GAP], 1000000);
	json_counters(&j, c);
	json_obj_begin(&j, "histograms");
	for (int i = 0; i < GEN_NHIST; i++) {
		json_raw(&j, gen_hist_names[i]);
		hist_json(f, &s->h[i]);
	}
	json_obj_end(&j);
	json_finish(&j);
	hist_free(&lat);
	return gen_flush(f);
}

/* ---- the time series ---- */

static const struct {
	const char *name;
	size_t off;
} series_cols[] = {
	{ "devices_up", offsetof(struct gen_point, devices_up) },
	{ "regs", offsetof(struct gen_point, regs) },
	{ "sent_up", offsetof(struct gen_point, sent[GEN_UP]) },
	{ "sent_down", offsetof(struct gen_point, sent[GEN_DOWN]) },
	{ "received_up", offsetof(struct gen_point, received[GEN_UP]) },
	{ "received_down", offsetof(struct gen_point, received[GEN_DOWN]) },
	{ "lost_up", offsetof(struct gen_point, lost[GEN_UP]) },
	{ "lost_down", offsetof(struct gen_point, lost[GEN_DOWN]) },
	{ "handovers", offsetof(struct gen_point, handovers) },
};

static uint64_t point_col(const struct gen_point *pt, size_t i)
{
	return *(const uint64_t *)(const void *)((const char *)pt + series_cols[i].off);
}

/* A time or a latency as thousandths, for 3 decimals; -1 when there is none. */
static long long milli(double v)
{
	return isfinite(v) && v >= 0 && v < 9e15 ? llround(v * 1000) : -1;
}

void gen_out_series_head(FILE *f, enum gen_series_fmt fmt)
{
	if (fmt != GEN_SERIES_CSV)
		return;
	fputs("t", f);
	for (size_t i = 0; i < sizeof series_cols / sizeof series_cols[0]; i++)
		fprintf(f, ",%s", series_cols[i].name);
	fputs(",p99_us_up,p99_us_down\n", f);
}

static void series_csv(FILE *f, const struct gen_point *pt)
{
	long long t = milli(pt->t_s);

	fprintf(f, "%lld.%03lld", t < 0 ? 0 : t / 1000, t < 0 ? 0 : t % 1000);
	for (size_t i = 0; i < sizeof series_cols / sizeof series_cols[0]; i++)
		fprintf(f, ",%" PRIu64, point_col(pt, i));
	for (int d = 0; d < GEN_NDIR; d++) {
		long long p = milli(pt->p99_us[d]);

		if (p < 0)
			fputc(',', f); /* no packet: an empty field */
		else
			fprintf(f, ",%lld.%03lld", p / 1000, p % 1000);
	}
	fputc('\n', f);
}

static void series_jsonl(FILE *f, const struct gen_point *pt)
{
	static const char *const p99[GEN_NDIR] = { "p99_us_up", "p99_us_down" };
	long long t = milli(pt->t_s);
	struct json j;

	json_init(&j, f);
	j.pretty = 0;
	json_obj_begin(&j, NULL);
	json_fixed(&j, "t", t < 0 ? 0 : (uint64_t)t, 3);
	for (size_t i = 0; i < sizeof series_cols / sizeof series_cols[0]; i++)
		json_u64(&j, series_cols[i].name, point_col(pt, i));
	for (int d = 0; d < GEN_NDIR; d++) {
		long long p = milli(pt->p99_us[d]);

		if (p < 0) {
			json_raw(&j, p99[d]);
			fputs("null", f);
		} else {
			json_fixed(&j, p99[d], (uint64_t)p, 3);
		}
	}
	json_finish(&j);
}

void gen_out_series_point(FILE *f, enum gen_series_fmt fmt, const struct gen_point *pt)
{
	if (fmt == GEN_SERIES_CSV)
		series_csv(f, pt);
	else
		series_jsonl(f, pt);
}

/* ---- the live line ---- */

/* The columns the live line may take: the terminal's, at most CONSOLE_COLS, less the
 * last (a full line wraps on some terminals). */
static int live_width(FILE *f)
{
	struct winsize ws;
	int w = CONSOLE_COLS;

	if (ioctl(fileno(f), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 && ws.ws_col < w)
		w = ws.ws_col;
	return w - 1;
}

static void live_p99(char *buf, size_t len, double us)
{
	long long p = milli(us);

	if (p < 0)
		snprintf(buf, len, "-");
	else
		gen_fmt_dur(buf, len, (uint64_t)p);
}

/* rates: pt holds the last second (gen.h), so its counts are per second */
static void live_text(char *buf, size_t len, const struct gen_point *pt,
		      const struct gen_counters *c, uint64_t devices)
{
	char up[16], total[16], regs[16], rx[GEN_NDIR][16], lost[16], lost_ho[16];
	char p99[GEN_NDIR][24];
	long long t = milli(pt->t_s);

	gen_fmt_count(up, sizeof up, pt->devices_up);
	gen_fmt_count(total, sizeof total, devices);
	gen_fmt_count(regs, sizeof regs, pt->regs);
	gen_fmt_count(lost, sizeof lost, sum_dir(c->lost));
	gen_fmt_count(lost_ho, sizeof lost_ho, sum_dir(c->lost_ho));
	for (int d = 0; d < GEN_NDIR; d++) {
		gen_fmt_count(rx[d], sizeof rx[d], pt->received[d]);
		live_p99(p99[d], sizeof p99[d], pt->p99_us[d]);
	}
	snprintf(buf, len,
		 "t=%llds  devices %s/%s  reg/s %s  pps up %s down %s  lost %s (+%s ho)"
		 "  p99 %s / %s",
		 t < 0 ? 0 : t / 1000, up, total, regs, rx[GEN_UP], rx[GEN_DOWN], lost, lost_ho,
		 p99[GEN_UP], p99[GEN_DOWN]);
}

void gen_out_live(FILE *f, bool tty, const struct gen_point *pt,
		  const struct gen_counters *total, uint64_t devices)
{
	char line[256];

	live_text(line, sizeof line, pt, total, devices);
	if (tty) {
		fputs("\r\033[K", f);
		cols_cell(f, line, live_width(f), 0);
	} else {
		cols_cell(f, line, CONSOLE_COLS, 0);
		fputc('\n', f);
	}
	fflush(f);
}

void gen_out_live_clear(FILE *f, bool tty)
{
	if (!tty)
		return;
	fputs("\r\033[K", f);
	fflush(f);
}

/* ---- the end summary ---- */

static void row(const struct gen_rows *o, const char *label, const char *up,
		const char *down)
{
	o->row(o->ctx, label, up, down);
}

static void row_u64(const struct gen_rows *o, const char *label, uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof buf, "%" PRIu64, v);
	row(o, label, buf, NULL);
}

static void row_dir(const struct gen_rows *o, const char *label, const uint64_t v[GEN_NDIR])
{
	char up[24], down[24];

	snprintf(up, sizeof up, "%" PRIu64, v[GEN_UP]);
	snprintf(down, sizeof down, "%" PRIu64, v[GEN_DOWN]);
	row(o, label, up, down);
}

/* "p50 1.23 ms  p99 4.56 ms  max 9.87 ms", or "-" when empty */
static void fmt_quantiles(char *buf, size_t len, const struct hist *h)
{
	char q[3][24];

	if (!h->n) {
		snprintf(buf, len, "-");
		return;
	}
	gen_fmt_dur(q[0], sizeof q[0], hist_quantile(h, 0.5));
	gen_fmt_dur(q[1], sizeof q[1], hist_quantile(h, 0.99));
	gen_fmt_dur(q[2], sizeof q[2], h->max);
	snprintf(buf, len, "p50 %s  p99 %s  max %s", q[0], q[1], q[2]);
}

static void row_hist(const struct gen_rows *o, const char *label, const struct hist *h)
{
	char buf[96];

	fmt_quantiles(buf, sizeof buf, h);
	row(o, label, buf, NULL);
}

/* one quantile of each direction's histogram */
static void row_q_dir(const struct gen_rows *o, const char *label, const struct hist *up,
		      const struct hist *down, double q)
{
	char a[24] = "-", b[24] = "-";

	if (up->n)
		gen_fmt_dur(a, sizeof a, hist_quantile(up, q));
	if (down->n)
		gen_fmt_dur(b, sizeof b, hist_quantile(down, q));
	row(o, label, a, b);
}

static void rows_run(const struct gen_meta *m, const struct gen_rows *o)
{
	char buf[160];

	row(o, "run", NULL, NULL);
	row(o, "profile", m->profile, NULL);
	row(o, "DUT", m->dut, NULL);
	if (m->shard.index == 0)
		snprintf(buf, sizeof buf, "merge of %u shards, devices %" PRIu32 "-%" PRIu32,
			 m->shard.total, m->dev_lo, m->dev_hi);
	else
		snprintf(buf, sizeof buf, "%u/%u, devices %" PRIu32 "-%" PRIu32, m->shard.index,
			 m->shard.total, m->dev_lo, m->dev_hi);
	row(o, "shard", buf, NULL);
	snprintf(buf, sizeof buf, "%s to %s", m->start_utc, m->end_utc);
	row(o, "time (UTC)", buf, NULL);
	snprintf(buf, sizeof buf, "%.1f s, %s", isfinite(m->seconds) ? m->seconds : 0.0,
		 m->finished ? "finished" : "interrupted");
	row(o, "duration", buf, NULL);
}

static void rows_reg(const struct gen_stats *s, const struct gen_rows *o)
{
	const struct gen_counters *c = &s->c;
	char buf[96];

	row(o, "registration", NULL, NULL);
	row_u64(o, "devices", c->devices);
	row_u64(o, "registered", c->registered);
	snprintf(buf, sizeof buf, "%" PRIu64 " (%" PRIu64 " retransmitted, %" PRIu64
		 " timed out)", c->reg_sent, c->reg_retx, c->reg_timeout);
	row(o, "requests sent", buf, NULL);
	row_u64(o, "renewed", c->renewed);
	snprintf(buf, sizeof buf, "%" PRIu64 " of %" PRIu64 " requests", c->deregistered,
		 c->dereg_sent);
	row(o, "deregistered", buf, NULL);
	row_hist(o, "registration latency", &s->h[GEN_H_REG]);
}

static void rows_data(const struct gen_stats *s, const struct gen_rows *o)
{
	static const struct {
		const char *label;
		double q;
	} qs[] = { { "p50", 0.5 }, { "p99", 0.99 }, { "max", 1.0 } };
	const struct gen_counters *c = &s->c;
	char label[40];

	row(o, "data", NULL, NULL);
	row(o, "", "up", "down");
	row_dir(o, "packets sent", c->sent);
	row_dir(o, "received", c->received);
	row_dir(o, "lost", c->lost);
	row_dir(o, "lost in handover", c->lost_ho);
	row_dir(o, "reordered", c->reordered);
	row_dir(o, "duplicated", c->duplicated);
	row_dir(o, "held (no binding)", c->held);
	for (size_t i = 0; i < sizeof qs / sizeof qs[0]; i++) {
		snprintf(label, sizeof label, "one-way latency %s", qs[i].label);
		row_q_dir(o, label, &s->h[GEN_H_LAT_UP], &s->h[GEN_H_LAT_DOWN], qs[i].q);
	}
	for (size_t i = 0; i < sizeof qs / sizeof qs[0]; i++) {
		snprintf(label, sizeof label, "jitter %s", qs[i].label);
		row_q_dir(o, label, &s->h[GEN_H_JIT_UP], &s->h[GEN_H_JIT_DOWN], qs[i].q);
	}
	row_u64(o, "bad packets received", c->bad);
}

static void rows_mobility(const struct gen_stats *s, const struct gen_rows *o)
{
	const struct gen_counters *c = &s->c;
	char buf[96];

	row(o, "handovers and revocations", NULL, NULL);
	snprintf(buf, sizeof buf, "%" PRIu64 " (%" PRIu64 " done)", c->handovers,
		 c->handovers_done);
	row(o, "handovers", buf, NULL);
	row_hist(o, "handover gap", &s->h[GEN_H_HO_GAP]);
	snprintf(buf, sizeof buf, "%" PRIu64 " (%" PRIu64 " acknowledged)", c->revokes_sent,
		 c->revokes_acked);
	row(o, "revocations sent", buf, NULL);
	row_hist(o, "revocation to ack", &s->h[GEN_H_REV_ACK]);
	row_u64(o, "HA revocations", c->ha_revocations);
}

static void rows_codes(const struct gen_stats *s, const struct gen_rows *o)
{
	char label[64];
	bool any = false;

	row(o, "reply codes", NULL, NULL);
	for (unsigned code = 0; code < 256; code++) {
		const char *name = name_of(&names_code, code);

		if (!s->c.codes[code])
			continue;
		snprintf(label, sizeof label, "%u %s", code, name ? name : code_class((uint8_t)code));
		row_u64(o, label, s->c.codes[code]);
		any = true;
	}
	if (!any)
		row(o, "none", "", NULL);
}

void gen_summary_rows(const struct gen_meta *m, const struct gen_stats *s,
		      const struct gen_rows *out)
{
	rows_run(m, out);
	rows_reg(s, out);
	rows_data(s, out);
	rows_mobility(s, out);
	rows_codes(s, out);
}

#define SUM_LABEL 26 /* columns of a label, indent included */
#define SUM_VALUE 24 /* columns of an up or a down value */

static void text_cell(FILE *f, const char *s, int w, int pad)
{
	char esc[320];

	txt_escape(esc, sizeof esc, s, strlen(s), TXT_ESC_TEXT);
	cols_cell(f, esc, w, pad);
}

static void text_row(void *ctx, const char *label, const char *up, const char *down)
{
	FILE *f = ctx;

	if (!up) {
		fprintf(f, "%s\n", label);
		return;
	}
	fputs("  ", f);
	text_cell(f, label, SUM_LABEL - 2, 1);
	fputc(' ', f);
	if (!down) {
		text_cell(f, up, CONSOLE_COLS - SUM_LABEL - 1, 0);
	} else {
		text_cell(f, up, SUM_VALUE, 1);
		fputc(' ', f);
		text_cell(f, down, SUM_VALUE, 0);
	}
	fputc('\n', f);
}

void gen_out_summary(FILE *f, const struct gen_meta *m, const struct gen_stats *s)
{
	struct gen_rows o = { text_row, f };

	gen_summary_rows(m, s, &o);
	fflush(f);
}
