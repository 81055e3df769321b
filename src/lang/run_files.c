/* run_files.c — suite, PICS and PIXIT files of `pmip4ct run` in the one grammar
 * (DESIGN.md §3, §4; statements and the selection rule in run_files.h).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "datadir.h"
#include "input.h"
#include "lex.h"
#include "run_files.h"
#include "txt.h"

#define RUN_FILE_MAX (1u << 20)

/* ---- statements ---- */

struct rf {
	const struct lex_cmd *cmd;
	struct lex_err *le;
	struct run_suite *s;
	struct params *p;
};

/* A token usable as a name or value: a word, or a string without NUL bytes. */
static int rf_text(struct rf *f, size_t i, const char *what, bool string_ok)
{
	const struct lex_tok *t;

	if (i >= f->cmd->n)
		return lex_errf(f->le, f->cmd->file, f->cmd->end_line, f->cmd->end_col,
				"expected %s", what);
	t = &f->cmd->tok[i];
	if (t->kind == LEX_OP || (t->kind == LEX_STRING && !string_ok))
		return lex_errf(f->le, f->cmd->file, t->line, t->col, "expected %s", what);
	if (strlen(t->text) != t->len)
		return lex_errf(f->le, f->cmd->file, t->line, t->col, "%s holds a NUL byte",
				what);
	return 0;
}

static int rf_no_more(struct rf *f, size_t n)
{
	const struct lex_tok *t;

	if (f->cmd->n <= n)
		return 0;
	t = &f->cmd->tok[n];
	return lex_errf(f->le, f->cmd->file, t->line, t->col, "unexpected '%s' after %s",
			t->kind == LEX_OP ? lex_op_str(t->op) : t->text, f->cmd->tok[0].text);
}

/* pics ITEM yes|no, pixit NAME VALUE */
static int rf_param(struct rf *f, enum param_kind k)
{
	return run_param_stmt(f->p, f->cmd, k, f->le);
}

int run_param_stmt(struct params *p, const struct lex_cmd *cmd, enum param_kind k,
		   struct lex_err *le)
{
	struct rf fv = { cmd, le, NULL, p }, *f = &fv;
	const char *kind = k == PARAM_PICS ? "PICS item" : "PIXIT item";
	const struct lex_tok *name, *val;
	const char *near;
	char why[200];
	int rc;

	if (rf_text(f, 1, kind, false) < 0 ||
	    rf_text(f, 2, k == PARAM_PICS ? "yes or no" : "a value", k == PARAM_PIXIT) < 0 ||
	    rf_no_more(f, 3) < 0)
		return -1;
	name = &f->cmd->tok[1];
	val = &f->cmd->tok[2];
	rc = params_set(f->p, k, name->text, val->text, why, sizeof why);
	if (rc == -2) {
		near = param_suggest(k, name->text);
		if (near)
			return lex_errf(f->le, f->cmd->file, name->line, name->col,
					"unknown %s '%s' (did you mean '%s'?)", kind, name->text,
					near);
		return lex_errf(f->le, f->cmd->file, name->line, name->col, "unknown %s '%s'",
				kind, name->text);
	}
	if (rc < 0)
		return lex_errf(f->le, f->cmd->file, val->line, val->col, "%s %s: %s", kind,
				name->text, why);
	return 0;
}

/* suite NAME ["TITLE"] */
static int rf_suite(struct rf *f)
{
	const struct lex_tok *t = &f->cmd->tok[0];

	if (f->s->named)
		return lex_errf(f->le, f->cmd->file, t->line, t->col,
				"a second 'suite' statement (one suite per file)");
	if (rf_text(f, 1, "a suite name", false) < 0)
		return -1;
	if (f->cmd->n > 2 && rf_text(f, 2, "a title", true) < 0)
		return -1;
	if (rf_no_more(f, 3) < 0)
		return -1;
	free(f->s->name);
	f->s->name = strdup(f->cmd->tok[1].text);
	if (f->cmd->n > 2)
		f->s->title = strdup(f->cmd->tok[2].text);
	f->s->named = true;
	if (!f->s->name || (f->cmd->n > 2 && !f->s->title))
		return lex_errf(f->le, f->cmd->file, t->line, t->col, "out of memory");
	return 0;
}

/* case GLOB, exclude GLOB */
static int rf_glob(struct rf *f, struct run_globs *g)
{
	const struct lex_tok *t = &f->cmd->tok[0];

	if (rf_text(f, 1, "a case ID or glob", true) < 0 || rf_no_more(f, 2) < 0)
		return -1;
	if (run_globs_add(g, f->cmd->tok[1].text) < 0)
		return lex_errf(f->le, f->cmd->file, t->line, t->col, "out of memory");
	return 0;
}

static int rf_statement(struct rf *f)
{
	const struct lex_tok *t = &f->cmd->tok[0];
	static const char *const suite_only[] = { "suite", "case", "exclude" };

	if (lex_is_word(t, "pics"))
		return rf_param(f, PARAM_PICS);
	if (lex_is_word(t, "pixit"))
		return rf_param(f, PARAM_PIXIT);
	for (size_t i = 0; i < sizeof suite_only / sizeof suite_only[0]; i++)
		if (lex_is_word(t, suite_only[i]) && !f->s)
			return lex_errf(f->le, f->cmd->file, t->line, t->col,
					"'%s' belongs in a suite file, not a PICS or PIXIT file",
					t->text);
	if (lex_is_word(t, "suite"))
		return rf_suite(f);
	if (lex_is_word(t, "case"))
		return rf_glob(f, &f->s->cases);
	if (lex_is_word(t, "exclude"))
		return rf_glob(f, &f->s->excludes);
	return lex_errf(f->le, f->cmd->file, t->line, t->col,
			"unknown statement '%s' (expected %s)",
			t->kind == LEX_OP ? lex_op_str(t->op) : t->text,
			f->s ? "suite, case, exclude, pics or pixit" : "pics or pixit");
}

/* ---- files ---- */

/* "dir/ha-core.suite" -> "ha-core" */
static char *rf_base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	size_t n;

	b = b ? b + 1 : path;
	n = strlen(b);
	if (n > 6 && !strcmp(b + n - 6, ".suite"))
		n -= 6;
	return strndup(b, n);
}

static bool rf_exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/* ARG as a path, or a bare name (no '/') that is no file here looked up as
 * testsuites/NAME in the folders of datadir.h.  The path to read in out, or -1 with
 * "ARG: No such file or directory (searched ...)" in err. */
static int rf_resolve(const char *arg, const char *name, char *out, size_t outlen,
		      char *err, size_t errlen)
{
	char rel[PATH_MAX], tried[2048];

	if (strchr(arg, '/') || rf_exists(arg)) {
		snprintf(out, outlen, "%s", arg);
		return 0;
	}
	snprintf(rel, sizeof rel, "testsuites/%s", name);
	if (data_find(rel, out, outlen, tried, sizeof tried) == 0)
		return 0;
	snprintf(err, errlen, "%s: %s (searched %s, %s)", arg, strerror(ENOENT), arg, tried);
	return -1;
}

/* The catalogue suites of case.h are reserved names even while they have no case, so
 * that a suite file means the same before and after its cases are written. */
static bool rf_is_catalogue(const char *name)
{
	static const char *const reserved[] = { "ha-core", "ha-robustness", "pma-core",
						"pma-robustness" };
	size_t n;
	const struct case_def *const *all = case_all(&n);

	for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
		if (!strcmp(reserved[i], name))
			return true;
	for (size_t i = 0; i < n; i++)
		if (all[i]->suite && !strcmp(all[i]->suite, name))
			return true;
	return false;
}

int run_file_read(const char *path, struct run_suite *s, struct params *p, char *err,
		  size_t errlen)
{
	struct rf f = { .s = s, .p = p };
	struct lex_cmd cmd;
	struct lex_err le;
	struct lex *lx;
	size_t len;
	int e;
	char found[PATH_MAX];
	char *buf;
	int rc;

	if (rf_resolve(path, path, found, sizeof found, err, errlen) < 0)
		return -1;
	path = found;
	buf = input_read_path(path, RUN_FILE_MAX, &len, &e);
	if (!buf) {
		if (e == EFBIG)
			snprintf(err, errlen, "%s: longer than %u bytes", path, RUN_FILE_MAX);
		else
			snprintf(err, errlen, "%s: %s", path, strerror(e));
		return -1;
	}
	lx = lex_create(path, buf, len);
	if (!lx) {
		snprintf(err, errlen, "%s: %s", path, strerror(ENOMEM));
		free(buf);
		return -1;
	}
	f.cmd = &cmd;
	f.le = &le;
	while ((rc = lex_next_command(lx, &cmd, &le)) > 0)
		if (rf_statement(&f) < 0) {
			rc = -1;
			break;
		}
	if (rc < 0)
		lex_err_str(&le, err, errlen);
	lex_destroy(lx);
	free(buf);
	return rc < 0 ? -1 : 0;
}

int run_suite_load(const char *arg, struct run_suite *s, struct params *p, char *err,
		   size_t errlen)
{
	char name[PATH_MAX], found[PATH_MAX];
	size_t n = strlen(arg);

	memset(s, 0, sizeof *s);
	/* a bare name ("ha-core" or "ha-core.suite") that is not a file here:
	 * testsuites/NAME.suite, in the folders of datadir.h */
	snprintf(name, sizeof name, "%s%s", arg,
		 n > 6 && !strcmp(arg + n - 6, ".suite") ? "" : ".suite");
	if (rf_resolve(arg, name, found, sizeof found, err, errlen) < 0)
		return -1;
	arg = found;
	s->path = strdup(arg);
	s->name = s->path ? rf_base_name(s->path) : NULL;
	if (!s->path || !s->name) {
		snprintf(err, errlen, "%s: %s", arg, strerror(ENOMEM));
		return -1;
	}
	if (run_file_read(s->path, s, p, err, errlen) < 0)
		return -1;
	s->catalogue = rf_is_catalogue(s->name);
	return 0;
}
