/* fuzz_lang.c — libFuzzer target for the command language (DESIGN.md §3): the input is
 * the text of a file.  Every command the lexer gives is parsed as a message expression
 * (expr.h), and encoded when it parses, or taken as a `pics`/`pixit` statement; then the
 * whole text is read as a suite file and as a PICS/PIXIT file (run_files.h, through the
 * reader that every file goes through), and the suite selects its cases.  Every error
 * must come back as text with its place, never as a crash, a leak or undefined
 * behaviour.
 */
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "fuzz_util.h"
#include "lex.h"
#include "mip.h"
#include "params.h"
#include "run_files.h"
#include "select.h"

#define NODE_PMA1 0xc000020au

static struct mip_sa any_sa = { .spi = 256, .alg = AUTH_HMAC_MD5, .kind = AUTH_KIND_FAHA,
				.match = AUTH_MATCH_ANY, .key_len = 16 };

static int resolve(void *arg, const char *name, uint32_t *addr, uint16_t *port)
{
	(void)arg;
	if (strcmp(name, "pma1") && strcmp(name, "ha"))
		return -1;
	*addr = NODE_PMA1 + (name[0] == 'h');
	*port = 434;
	return 0;
}

static const struct mip_sa *sa_lookup(void *arg, enum auth_kind kind, uint32_t spi)
{
	(void)arg;
	any_sa.kind = kind;
	any_sa.spi = spi;
	return spi == 13 ? NULL : &any_sa;
}

/* Every command of the text, as a message expression or a statement. */
static void commands(const uint8_t *data, size_t size)
{
	static struct expr_msg em; /* large, must not move */
	static uint8_t out[MIP_MSG_MAX];
	struct clk_virtual vc = { .now_ns = 1700000000ull * 1000000000ull, .seed = 7 };
	struct clk clk = clk_virtual(&vc);
	struct expr_ctx ctx = { .clk = &clk, .resolve = resolve, .sa_lookup = sa_lookup };
	struct params *p = params_create();
	struct lex *lx = lex_create("fuzz", (const char *)data, size);
	struct lex_cmd cmd;
	struct lex_err le;
	char buf[400];
	size_t next, n;
	int rc;

	if (!lx || !p)
		abort();
	while ((rc = lex_next_command(lx, &cmd, &le)) != 0) {
		if (rc < 0) {
			lex_err_str(&le, buf, sizeof buf);
			continue;
		}
		if (lex_is_word(&cmd.tok[0], "pics") || lex_is_word(&cmd.tok[0], "pixit")) {
			if (run_param_stmt(p, &cmd, cmd.tok[0].text[1] == 'i' ? PARAM_PICS
						: PARAM_PIXIT, &le) < 0)
				lex_err_str(&le, buf, sizeof buf);
			continue;
		}
		/* with and without words after the message (the shell's send ... and craft) */
		if (expr_parse(&ctx, &cmd, 0, cmd.n % 2 ? &next : NULL, &em, &le) < 0) {
			lex_err_str(&le, buf, sizeof buf);
			continue;
		}
		if (next > cmd.n && cmd.n % 2)
			abort();
		mip_encode(&em.msg, out, sizeof out, &n, NULL);
	}
	lex_destroy(lx);
	params_destroy(p);
}

/* The text as a suite file, and as a PICS/PIXIT file. */
static void files(const uint8_t *data, size_t size)
{
	const char *path = fz_memfile(data, size);
	struct params *p = params_create();
	struct run_suite s;
	struct run_globs none = { 0 };
	struct run_sel sel;
	char err[512];

	if (!p)
		abort();
	memset(&s, 0, sizeof s);
	s.path = strdup("fuzz.suite");
	s.name = strdup("fuzz");
	if (run_file_read(path, &s, p, err, sizeof err) == 0) {
		if (run_sel_make(&sel, &s, 1, &none) < 0)
			abort();
		run_sel_finish(&sel);
	}
	run_suite_finish(&s);
	run_file_read(path, NULL, p, err, sizeof err);
	params_destroy(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	commands(data, size);
	files(data, size);
	return 0;
}
