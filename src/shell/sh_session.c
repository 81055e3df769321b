/* sh_session.c — the shell session (sh.h): variables, error reports with their place, the
 * prompt, and the command tables' lookup and "did you mean".
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"
#include "sh_net.h"
#include "txt.h"

struct sh *sh_create(FILE *out, FILE *err)
{
	struct sh *sh = calloc(1, sizeof *sh);

	if (!sh)
		return NULL;
	sh->out = out;
	sh->err = err;
	return sh;
}

void sh_destroy(struct sh *sh)
{
	if (!sh)
		return;
	for (size_t k = 0; k < sh->n_vars; k++) {
		free(sh->vars[k].name);
		free(sh->vars[k].value);
	}
	free(sh->vars);
	for (size_t k = 0; k < sh->n_typed; k++)
		free(sh->typed[k]);
	free(sh->typed);
	sh_net_free(sh->net);
	free(sh);
}

/* ---- variables ---- */

bool sh_var_name_ok(const char *name)
{
	if (!name || !(*name == '_' || (*name >= 'a' && *name <= 'z') ||
		       (*name >= 'A' && *name <= 'Z')))
		return false;
	for (const char *p = name; *p; p++)
		if (!(*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9')))
			return false;
	return true;
}

/* The index of name, or where it would go (*found false). */
static size_t var_find(const struct sh *sh, const char *name, bool *found)
{
	size_t lo = 0, hi = sh->n_vars;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(sh->vars[mid].name, name);

		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = false;
	return lo;
}

const char *sh_get(const struct sh *sh, const char *name)
{
	bool found;
	size_t k = var_find(sh, name, &found);

	return found ? sh->vars[k].value : NULL;
}

int sh_set(struct sh *sh, const char *name, const char *value)
{
	bool found;
	size_t k = var_find(sh, name, &found);
	char *v = strdup(value), *n;
	struct sh_var *nv;

	if (!v)
		return -1;
	if (found) {
		free(sh->vars[k].value);
		sh->vars[k].value = v;
		return 0;
	}
	nv = txt_grow(sh->vars, &sh->cap_vars, sh->n_vars + 1, sizeof *nv, 16);
	if (!nv)
		goto oom;
	sh->vars = nv;
	n = strdup(name);
	if (!n)
		goto oom;
	memmove(&sh->vars[k + 1], &sh->vars[k], (sh->n_vars - k) * sizeof *sh->vars);
	sh->vars[k].name = n;
	sh->vars[k].value = v;
	sh->n_vars++;
	return 0;
oom:
	free(v);
	return -1;
}

void sh_unset(struct sh *sh, const char *name)
{
	bool found;
	size_t k = var_find(sh, name, &found);

	if (!found)
		return;
	free(sh->vars[k].name);
	free(sh->vars[k].value);
	memmove(&sh->vars[k], &sh->vars[k + 1], (sh->n_vars - k - 1) * sizeof *sh->vars);
	sh->n_vars--;
}

/* ---- errors ---- */

int sh_err_at(struct sh *sh, const struct lex_cmd *cmd, const struct lex_tok *at,
	      const char *fmt, ...)
{
	va_list ap;

	fflush(sh->out); /* what came before the error shows before it */
	fprintf(sh->err, "%s:%u:%u: ", cmd->file ? cmd->file : "?",
		at ? at->line : cmd->end_line, at ? at->col : cmd->end_col);
	va_start(ap, fmt);
	vfprintf(sh->err, fmt, ap);
	va_end(ap);
	fputc('\n', sh->err);
	fflush(sh->err);
	sh->errors++;
	return -1;
}

int sh_err_lex(struct sh *sh, const struct lex_err *err)
{
	char buf[512];

	fflush(sh->out);
	fprintf(sh->err, "%s\n", lex_err_str(err, buf, sizeof buf));
	fflush(sh->err);
	sh->errors++;
	return -1;
}

/* ---- prompt ---- */

const char *sh_prompt(const struct sh *sh, char *buf, size_t n)
{
	const char *sep = "";
	size_t at = 0;

	if (!sh->roles[0] && !sh->dut[0] && !sh->capture) {
		snprintf(buf, n, "pmip4ct> ");
		return buf;
	}
	at += (size_t)snprintf(buf, n, "pmip4ct[");
	if (sh->roles[0] && at < n) {
		at += (size_t)snprintf(buf + at, n - at, "%s", sh->roles);
		sep = " ";
	}
	if (sh->dut[0] && at < n) {
		at += (size_t)snprintf(buf + at, n - at, "%s%s", sep, sh->dut);
		sep = " ";
	}
	if (sh->capture && at < n)
		at += (size_t)snprintf(buf + at, n - at, "%scap", sep);
	if (at < n)
		snprintf(buf + at, n - at, "]> ");
	return buf;
}

/* ---- "did you mean" ---- */

void sh_suggest_init(struct sh_suggest *s, const char *word)
{
	size_t n = strlen(word);

	memset(s, 0, sizeof *s);
	s->word = word;
	s->dist = n <= 1 ? 1 : n <= 4 ? 2 : 3; /* farther is a guess, not a typo */
}

void sh_suggest_add(void *arg, const char *cand)
{
	struct sh_suggest *s = arg;
	size_t len = sh_cand_len(cand), n = strlen(s->word);
	char word[sizeof s->near];
	unsigned d;

	if (len >= sizeof word)
		return;
	memcpy(word, cand, len);
	word[len] = '\0';
	if (n && n < len && !strncmp(word, s->word, n) && s->n_begun++ == 0)
		memcpy(s->begun, word, len + 1);
	d = txt_edit_distance(s->word, word);
	if (d < s->dist) {
		s->dist = d;
		memcpy(s->near, word, len + 1);
	}
	/* the one candidate the word begins, else the nearest */
	s->best = s->n_begun == 1 ? s->begun : s->near[0] ? s->near : NULL;
}

const char *sh_suggest_str(struct sh_suggest *s)
{
	s->said[0] = '\0';
	if (s->best)
		snprintf(s->said, sizeof s->said, " (did you mean '%s'?)", s->best);
	return s->said;
}

/* ---- abbreviations ---- */

void sh_abbrev_init(struct sh_abbrev *a, const char *word)
{
	memset(a, 0, sizeof *a);
	a->word = word;
}

void sh_abbrev_add(void *arg, const char *cand)
{
	struct sh_abbrev *a = arg;
	size_t len = sh_cand_len(cand), n = strlen(a->word), at = strlen(a->list);

	if (a->exact || !n || len < n || strncmp(cand, a->word, n))
		return;
	if (len == n) {
		a->exact = true;
		return;
	}
	if (a->n++ == 0 && len < sizeof a->full)
		snprintf(a->full, sizeof a->full, "%.*s", (int)len, cand);
	if (at < sizeof a->list - 1)
		snprintf(a->list + at, sizeof a->list - at, "%s%.*s", at ? ", " : "", (int)len,
			 cand);
}

const char *sh_abbrev_word(const struct sh_abbrev *a)
{
	if (a->exact || a->n == 0)
		return a->word;
	return a->n == 1 ? a->full : NULL;
}
