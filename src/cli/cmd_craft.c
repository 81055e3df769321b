/* cmd_craft.c — `pmip4ct craft -w FILE [--time UNIX_SECONDS] EXPR...`: encode message
 * expressions (expr.h, pmip4ct-lang(7)) and write them to a pcap file, 1 ms apart.
 *
 * Every expression is parsed and encoded before anything is written, and the file is
 * written under FILE.tmp and renamed, so an error never leaves a file that looks whole.
 * With --time, `now` (Identification, revocation identifiers) comes from a virtual clock
 * at that time, so the same command writes the same bytes.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "cmds.h"
#include "expr.h"
#include "input.h"
#include "lex.h"
#include "mip.h"
#include "pcap_out.h"
#include "settings.h"
#include "txt.h"

#define CRAFT_STEP_NS 1000000ull /* 1 ms between messages */
#define CRAFT_ERR 512
#define CRAFT_STDIN_MAX (1u << 20) /* `craft -`: the cap of every text input */

struct crafted {
	struct udp_ends ends;
	uint8_t *bytes;
	size_t len;
};

struct craft {
	const char *out;
	bool have_time;
	uint64_t t0_ns;
	struct clk_virtual vclk;
	struct clk clk;
	struct expr_ctx ctx;
	struct expr_msg *em;  /* one, reused: it is large */
	uint8_t *buf;         /* the encoder's output */
	struct crafted *msgs;
	size_t n, cap;
	char *stdin_text;
};

static void craft_usage(FILE *f)
{
	fprintf(f, "usage: pmip4ct craft -w FILE [--time UNIX_SECONDS] EXPR...\n"
		   "  EXPR: message expressions separated by ';' (see pmip4ct-lang(7));\n"
		   "        '-' reads them from standard input, one per line\n");
}

static int craft_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int craft_fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "pmip4ct craft: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

/* UNIX_SECONDS[.FRACTION] */
static int parse_time(const char *s, uint64_t *ns)
{
	uint64_t sec = 0, frac = 0, scale = 1000000000ull;
	const char *p = s;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (sec > (UINT64_MAX / scale - 9) / 10)
			return -1;
		sec = sec * 10 + (uint64_t)(*p - '0');
	}
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			if (scale > 1) {
				scale /= 10;
				frac += (uint64_t)(*p - '0') * scale;
			}
	if (*p)
		return -1;
	*ns = sec * 1000000000ull + frac;
	return 0;
}

enum { CRAFT_OPT_TIME = 256 };

static const struct option craft_lopts[] = {
	{ "write", required_argument, NULL, 'w' },
	{ "time", required_argument, NULL, CRAFT_OPT_TIME },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Options may come anywhere; the expressions are what is left, in order, from
 * argv[optind].  0 = craft, 1 = help was printed, -1 = usage error (already reported). */
static int craft_options(struct craft *c, int argc, char **argv)
{
	char err[CRAFT_ERR];
	int opt;

	optind = 0; /* argv is the sub-command's, and the shell runs craft again and again */
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":w:h", craft_lopts, NULL)) != -1) {
		switch (opt) {
		case 'w':
			c->out = optarg;
			break;
		case CRAFT_OPT_TIME:
			if (parse_time(optarg, &c->t0_ns) < 0)
				return craft_fail("--time '%s': expected UNIX_SECONDS[.FRACTION]",
						  optarg);
			c->have_time = true;
			break;
		case 'h':
			craft_usage(stdout);
			return 1;
		default:
			settings_bad_option(NULL, opt, argc, argv, err, sizeof err);
			return craft_fail("%s", err);
		}
	}
	if (!c->out)
		return craft_fail("no output file (-w FILE)");
	if (optind == argc)
		return craft_fail("no message expression");
	return 0;
}

static int keep(struct craft *c, size_t len)
{
	struct crafted *m = txt_grow(c->msgs, &c->cap, c->n + 1, sizeof *m, 16);

	if (!m)
		return -1;
	c->msgs = m;
	m = &c->msgs[c->n];
	m->bytes = malloc(len ? len : 1);
	if (!m->bytes)
		return -1;
	memcpy(m->bytes, c->buf, len);
	m->len = len;
	m->ends = c->em->ends;
	c->n++;
	return 0;
}

/* Parse and encode one command of an expression argument. */
static int craft_one(struct craft *c, const struct lex_cmd *cmd)
{
	struct lex_err err;
	struct mip_err merr = { 0 };
	char where[CRAFT_ERR], what[200];
	size_t len;

	c->vclk.now_ns = c->t0_ns + c->n * CRAFT_STEP_NS;
	if (expr_parse(&c->ctx, cmd, 0, NULL, c->em, &err) < 0)
		return craft_fail("%s", lex_err_str(&err, where, sizeof where));
	if (mip_encode(&c->em->msg, c->buf, 65535, &len, &merr) < 0) {
		snprintf(where, sizeof where, "%s:%u:%u", c->em->file, c->em->line, c->em->col);
		return craft_fail("%s: cannot encode: %s", where,
				  mip_err_str(&merr, what, sizeof what));
	}
	if (keep(c, len) < 0)
		return craft_fail("out of memory");
	return 0;
}

/* text[0..len): a NUL byte in it is the lexer's error, at its line and column. */
static int craft_text(struct craft *c, const char *name, const char *text, size_t len)
{
	struct lex *lx = lex_create(name, text, len);
	struct lex_cmd cmd;
	struct lex_err err;
	char where[CRAFT_ERR];
	int rc;

	if (!lx)
		return craft_fail("out of memory");
	while ((rc = lex_next_command(lx, &cmd, &err)) > 0)
		if (craft_one(c, &cmd) < 0)
			break;
	if (rc < 0)
		craft_fail("%s", lex_err_str(&err, where, sizeof where));
	lex_destroy(lx);
	return rc == 0 ? 0 : -1;
}

static int craft_parse_all(struct craft *c, char **exprs, int n_exprs)
{
	char name[32];

	for (int k = 0; k < n_exprs; k++) {
		const char *text = exprs[k];
		size_t len = strlen(text);

		snprintf(name, sizeof name, "<arg %d>", k + 1);
		if (!strcmp(text, "-")) {
			int e;

			free(c->stdin_text);
			c->stdin_text = input_read(stdin, CRAFT_STDIN_MAX, &len, &e);
			if (!c->stdin_text && e == EFBIG)
				return craft_fail("<stdin>: longer than %u bytes", CRAFT_STDIN_MAX);
			if (!c->stdin_text)
				return craft_fail("<stdin>: %s", strerror(e));
			snprintf(name, sizeof name, "<stdin>");
			text = c->stdin_text;
		}
		if (craft_text(c, name, text, len) < 0)
			return -1;
	}
	return 0;
}

static int craft_write(struct craft *c)
{
	char tmp[4096], err[256];
	struct pcap_out *o;

	if (snprintf(tmp, sizeof tmp, "%s.tmp", c->out) >= (int)sizeof tmp)
		return craft_fail("%s: file name too long", c->out);
	o = pcap_out_create(tmp, err, sizeof err);
	if (!o)
		return craft_fail("%s", err);
	for (size_t k = 0; k < c->n; k++)
		if (pcap_out_udp(o, c->t0_ns + k * CRAFT_STEP_NS, &c->msgs[k].ends,
				 c->msgs[k].bytes, c->msgs[k].len, err, sizeof err) < 0) {
			pcap_out_destroy(o);
			remove(tmp);
			return craft_fail("%s: %s", c->out, err);
		}
	pcap_out_destroy(o);
	if (rename(tmp, c->out) < 0) {
		remove(tmp);
		return craft_fail("%s: %s", c->out, strerror(errno));
	}
	return 0;
}

static void craft_free(struct craft *c)
{
	for (size_t k = 0; k < c->n; k++)
		free(c->msgs[k].bytes);
	free(c->msgs);
	free(c->em);
	free(c->buf);
	free(c->stdin_text);
}

int cmd_craft(int argc, char **argv)
{
	struct craft c = { 0 };
	int rc = 2, opts;

	c.em = malloc(sizeof *c.em);
	c.buf = malloc(65535);
	if (!c.em || !c.buf) {
		craft_fail("out of memory");
		goto out;
	}
	opts = craft_options(&c, argc, argv);
	if (opts != 0) {
		if (opts < 0)
			craft_usage(stderr);
		rc = opts < 0 ? 2 : 0;
		goto out;
	}
	c.clk = c.have_time ? clk_virtual(&c.vclk) : clk_real;
	c.ctx.clk = &c.clk;
	if (!c.have_time)
		c.t0_ns = clk_now_ns(&clk_real);
	if (craft_parse_all(&c, argv + optind, argc - optind) < 0 || craft_write(&c) < 0)
		goto out;
	printf("wrote %zu message%s to %s\n", c.n, c.n == 1 ? "" : "s", c.out);
	rc = 0;
out:
	craft_free(&c);
	return rc;
}
