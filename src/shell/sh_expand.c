/* sh_expand.c — variable references in words and strings (sh.h): $NAME, ${NAME}, $$;
 * an error points at the '$' by line and column, inside a string too (the column is
 * found from the string's source, escapes counted).
 */
#include <stdlib.h>
#include <string.h>

#include "sh_priv.h"
#include "txt.h"

static int oom(struct sh *sh, const struct lex_cmd *cmd, const struct lex_tok *t)
{
	return sh_err_at(sh, cmd, t, "out of memory");
}

static bool is_name_char(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* The column of byte `off` of token t's text. */
static unsigned col_of(const struct lex_tok *t, const char *raw, size_t off)
{
	size_t pos = 1, made = 0;

	if (t->kind != LEX_STRING)
		return t->col + (unsigned)off;
	if (!raw)
		return t->col + 1 + (unsigned)off;
	while (made < off && raw[pos] && raw[pos] != '"') {
		if (raw[pos] == '\\' && raw[pos + 1])
			pos += raw[pos + 1] == 'x' && raw[pos + 2] && raw[pos + 3] ? 4 : 2;
		else
			pos++;
		made++;
	}
	return t->col + (unsigned)pos;
}

struct xbuf {
	char *p;
	size_t len, cap;
};

static int xput(struct xbuf *b, const char *s, size_t n)
{
	char *np = txt_grow(b->p, &b->cap, b->len + n + 1, 1, 64);

	if (!np)
		return -1;
	b->p = np;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

static void var_names(void *arg, sh_add_fn add, void *add_arg)
{
	const struct sh *sh = arg;

	for (size_t k = 0; k < sh->n_vars; k++)
		add(add_arg, sh->vars[k].name);
}

static int undefined(struct sh *sh, const struct lex_cmd *cmd, const struct lex_tok *t,
		     unsigned col, const char *name)
{
	struct lex_tok at = *t;
	struct sh_suggest s;

	sh_suggest_init(&s, name);
	var_names(sh, sh_suggest_add, &s);
	at.col = col;
	if (s.best)
		return sh_err_at(sh, cmd, &at, "undefined variable '%s' (did you mean '%s'?)",
				 name, s.best);
	return sh_err_at(sh, cmd, &at, "undefined variable '%s'", name);
}

/* The name of the reference at t->text[i] ('$'): its bounds in [*nb, *ne), and the
 * index after the reference in *next.  0; 1 when it is no reference (a lone '$'); -1
 * after reporting a malformed ${...}. */
static int ref_name(struct sh *sh, const struct lex_cmd *cmd, const struct lex_tok *t,
		    const char *raw, size_t i, size_t *nb, size_t *ne, size_t *next)
{
	const char *s = t->text;
	struct lex_tok at = *t;
	size_t j;

	at.col = col_of(t, raw, i);
	if (i + 1 < t->len && s[i + 1] == '{') {
		for (j = i + 2; j < t->len && is_name_char(s[j]); j++)
			;
		if (j >= t->len || s[j] != '}')
			return sh_err_at(sh, cmd, &at, "'${' needs a name and a closing '}'");
		if (j == i + 2)
			return sh_err_at(sh, cmd, &at, "'${}' names no variable");
		*nb = i + 2;
		*ne = j;
		*next = j + 1;
		return 0;
	}
	for (j = i + 1; j < t->len && is_name_char(s[j]); j++)
		;
	if (j == i + 1)
		return 1;
	*nb = i + 1;
	*ne = j;
	*next = j;
	return 0;
}

static int expand(struct sh *sh, const struct lex_cmd *cmd, const struct lex_tok *t,
		  const char *raw, struct xbuf *b)
{
	size_t i = 0, nb = 0, ne = 0, next = 0;
	char name[128];
	const char *v;
	int r;

	while (i < t->len) {
		const char *dollar = memchr(t->text + i, '$', t->len - i);
		size_t upto = dollar ? (size_t)(dollar - t->text) : t->len;

		if (xput(b, t->text + i, upto - i) < 0)
			return oom(sh, cmd, t);
		i = upto;
		if (i >= t->len)
			break;
		if (i + 1 < t->len && t->text[i + 1] == '$') {
			if (xput(b, "$", 1) < 0)
				return oom(sh, cmd, t);
			i += 2;
			continue;
		}
		r = ref_name(sh, cmd, t, raw, i, &nb, &ne, &next);
		if (r < 0)
			return -1;
		if (r > 0) {
			if (xput(b, "$", 1) < 0)
				return oom(sh, cmd, t);
			i++;
			continue;
		}
		snprintf(name, sizeof name, "%.*s", (int)(ne - nb), t->text + nb);
		v = sh_get(sh, name);
		if (!v)
			v = getenv(name);
		if (!v)
			return undefined(sh, cmd, t, col_of(t, raw, i), name);
		if (xput(b, v, strlen(v)) < 0)
			return oom(sh, cmd, t);
		i = next;
	}
	return 0;
}

int sh_expand_text(struct sh *sh, const struct lex_cmd *cmd, const struct lex_tok *t,
		   const char *raw, char **out, size_t *len)
{
	struct xbuf b = { 0 };
	int rc;

	*out = NULL;
	*len = 0;
	if (xput(&b, "", 0) < 0)
		return oom(sh, cmd, t);
	if (t->kind == LEX_OP)
		rc = xput(&b, t->text, t->len) < 0 ? oom(sh, cmd, t) : 0;
	else
		rc = expand(sh, cmd, t, raw, &b);
	if (rc < 0) {
		free(b.p);
		return -1;
	}
	*out = b.p;
	*len = b.len;
	return 0;
}
