/* gen_prof_val.c — the values of a profile (pmip4ct-gen(5)) read at their tokens:
 * counts, numbers, durations, rates, addresses, choices, and a command's KEY VALUE
 * options (gen_prof_priv.h).
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "gen_prof_priv.h"
#include "settings.h"
#include "txt.h"

static int gp_verr(struct gp *g, unsigned line, unsigned col, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

static int gp_verr(struct gp *g, unsigned line, unsigned col, const char *fmt, va_list ap)
{
	char raw[sizeof g->le->msg];

	/* a value quoted from the file cannot drive a terminal (as settings_fail) */
	vsnprintf(raw, sizeof raw, fmt, ap);
	lex_errf(g->le, g->cmd->file, line, col, "%s", "");
	txt_escape(g->le->msg, sizeof g->le->msg, raw, strlen(raw), TXT_ESC_TEXT);
	return -1;
}

int gp_err(struct gp *g, const struct lex_tok *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	gp_verr(g, t->line, t->col, fmt, ap);
	va_end(ap);
	return -1;
}

int gp_err_end(struct gp *g, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	gp_verr(g, g->cmd->end_line, g->cmd->end_col, fmt, ap);
	va_end(ap);
	return -1;
}

const char *gp_suggest(const char *word, const char *const *names, size_t n)
{
	const char *best = NULL;
	unsigned best_d = 3; /* at most two edits, and at most half the word */

	for (size_t i = 0; i < n; i++) {
		unsigned d = txt_edit_distance(word, names[i]);

		if (d < best_d && 2 * d <= strlen(word)) {
			best = names[i];
			best_d = d;
		}
	}
	return best;
}

static const char *tok_text(const struct lex_tok *t)
{
	return t->kind == LEX_OP ? lex_op_str(t->op) : t->text;
}

const struct lex_tok *gp_value(struct gp *g, size_t i, const char *name, const char *what)
{
	const struct lex_tok *t;

	if (i >= g->cmd->n) {
		gp_err_end(g, "%s: missing %s", name, what);
		return NULL;
	}
	t = &g->cmd->tok[i];
	if (t->kind == LEX_OP) {
		gp_err(g, t, "%s: expected %s, not '%s'", name, what, tok_text(t));
		return NULL;
	}
	if (strlen(t->text) != t->len) {
		gp_err(g, t, "%s: %s holds a NUL byte", name, what);
		return NULL;
	}
	return t;
}

int gp_no_more(struct gp *g, size_t i)
{
	if (i >= g->cmd->n)
		return 0;
	return gp_err(g, &g->cmd->tok[i], "unexpected '%s' after %s", tok_text(&g->cmd->tok[i]),
		      g->cmd->tok[0].text);
}

int gp_count(struct gp *g, const char *name, const struct lex_tok *t, uint64_t min,
	     uint64_t max, uint64_t *out)
{
	uint64_t v;
	int rc = txt_u64(t->text, t->len, max, &v, NULL);

	if (rc == -1)
		return gp_err(g, t, "%s '%s': not a number", name, t->text);
	if (rc < 0 || v < min)
		return gp_err(g, t, "%s '%s': out of range %llu..%llu", name, t->text,
			      (unsigned long long)min, (unsigned long long)max);
	*out = v;
	return 0;
}

/* Digits with at most one '.' in s[0..n), at least one digit: its value, or -1. */
static int plain_number(const char *s, size_t n, double *out)
{
	char buf[32];
	size_t digits = 0, dots = 0;

	if (n == 0 || n >= sizeof buf)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (s[i] == '.')
			dots++;
		else
			return -1;
	}
	if (!digits || dots > 1)
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	*out = strtod(buf, NULL);
	return 0;
}

/* s[0..n) as a number of `name`, scaled; the messages name the token. */
static int scaled(struct gp *g, const char *name, const struct lex_tok *t, size_t n,
		  double scale, const char *what, double *out)
{
	double v;

	if (plain_number(t->text, n, &v) < 0)
		return gp_err(g, t, "%s '%s': not %s", name, t->text, what);
	v *= scale;
	if (!isfinite(v) || v > GP_NUM_MAX)
		return gp_err(g, t, "%s '%s': more than %.0f", name, t->text, GP_NUM_MAX);
	*out = v;
	return 0;
}

int gp_number(struct gp *g, const char *name, const struct lex_tok *t, double *out)
{
	return scaled(g, name, t, t->len, 1, "a number", out);
}

static bool ends_with(const struct lex_tok *t, const char *suffix)
{
	size_t k = strlen(suffix);

	return t->len > k && !strcmp(t->text + t->len - k, suffix);
}

int gp_duration(struct gp *g, const char *name, const struct lex_tok *t, double *out_s)
{
	static const struct {
		const char *unit;
		double scale;
	} units[] = { { "ms", 1e-3 }, { "s", 1 }, { "m", 60 } };
	static const char what[] = "a duration (seconds, or a number with ms, s or m)";

	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (ends_with(t, units[i].unit))
			return scaled(g, name, t, t->len - strlen(units[i].unit), units[i].scale,
				      what, out_s);
	return scaled(g, name, t, t->len, 1, what, out_s);
}

int gp_rate(struct gp *g, const char *name, const struct lex_tok *t, double *out)
{
	size_t n = ends_with(t, "/s") ? t->len - 2 : t->len;

	return scaled(g, name, t, n, 1, "a number (per second, optionally written N/s)", out);
}

int gp_unicast(struct gp *g, const char *name, const struct lex_tok *t, uint32_t *out)
{
	char why[SETTINGS_ERR];

	if (settings_unicast(t->text, out, why, sizeof why) < 0)
		return gp_err(g, t, "%s '%s': %s", name, t->text, why);
	return 0;
}

int gp_choice(struct gp *g, const char *name, const struct lex_tok *t,
	      const char *const *words, size_t n, unsigned *out)
{
	char list[128] = "";
	size_t used = 0;

	for (size_t i = 0; i < n; i++)
		if (!strcmp(t->text, words[i])) {
			*out = (unsigned)i;
			return 0;
		}
	for (size_t i = 0; i < n && used < sizeof list; i++) {
		int k = snprintf(list + used, sizeof list - used, "%s%s",
				 i == 0 ? "" : i + 1 == n ? " or " : ", ", words[i]);

		used += k > 0 ? (size_t)k : 0;
	}
	return gp_err(g, t, "%s '%s': expected %s", name, t->text, list);
}

/* ---- KEY VALUE options ---- */

static int unknown_key(struct gp *g, const struct lex_tok *t, const struct gp_opt *opts,
		       size_t n)
{
	const char *names[GP_OPTS_MAX];
	const char *near;

	for (size_t i = 0; i < n && i < GP_OPTS_MAX; i++)
		names[i] = opts[i].key;
	near = gp_suggest(tok_text(t), names, n < GP_OPTS_MAX ? n : GP_OPTS_MAX);
	if (near)
		return gp_err(g, t, "%s: unknown key '%s' (did you mean '%s'?)",
			      g->cmd->tok[0].text, tok_text(t), near);
	return gp_err(g, t, "%s: unknown key '%s'", g->cmd->tok[0].text, tok_text(t));
}

int gp_options(struct gp *g, size_t from, const struct gp_opt *opts, size_t n, void *obj)
{
	unsigned given = 0;
	size_t i = from;

	while (i < g->cmd->n) {
		const struct lex_tok *t = &g->cmd->tok[i];
		size_t k = 0;
		int used;

		while (k < n && !lex_is_word(t, opts[k].key))
			k++;
		if (t->kind != LEX_WORD || k == n)
			return unknown_key(g, t, opts, n);
		if (given & 1u << k)
			return gp_err(g, t, "%s: '%s' given twice", g->cmd->tok[0].text, t->text);
		given |= 1u << k;
		used = opts[k].read(g, i + 1, obj);
		if (used < 0)
			return -1;
		i += 1 + (size_t)used;
	}
	for (size_t k = 0; k < n; k++)
		if (opts[k].required && !(given & 1u << k))
			return gp_err_end(g, "%s: missing '%s'", g->cmd->tok[0].text, opts[k].key);
	return 0;
}
