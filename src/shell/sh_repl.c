/* sh_repl.c — the interactive shell: readline with history kept across sessions, TAB
 * completion of commands and their arguments, '?' for help anywhere in a line, a prompt
 * that shows the session's state, and Ctrl-C that stops the running command (or clears
 * the line at the prompt) but never the shell.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "sh.h"
#include "txt.h"

#define SH_HISTORY_MAX 1000

static struct sh *cur; /* the session the signal handler and readline's callbacks serve */
static bool cur_interactive;

static void on_sigint(int sig)
{
	(void)sig;
	if (!cur)
		return;
	if (!cur_interactive && cur->interrupted) {
		/* a second Ctrl-C ends a script that does not stop */
		signal(SIGINT, SIG_DFL);
		raise(SIGINT);
		return;
	}
	cur->interrupted = 1;
}

void sh_catch_sigint(struct sh *sh, bool interactive)
{
	struct sigaction sa;

	cur = sh;
	cur_interactive = interactive;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: a blocked read or poll returns EINTR */
	sigaction(SIGINT, &sa, NULL);
}

/* ---- readline callbacks ---- */

/* Ctrl-C at the prompt (sh_getc saw the flag): drop the line, prompt again. */
static int on_signal_event(void)
{
	if (!cur || !cur->interrupted)
		return 0;
	cur->interrupted = 0;
	rl_replace_line("", 0);
	fputs("^C", rl_outstream);
	rl_crlf();
	rl_on_new_line();
	rl_redisplay();
	return 0;
}

/* readline's input: one byte from the terminal, waiting in ppoll(2) with SIGINT blocked
 * but for the wait itself, so a Ctrl-C is seen whether it comes while readline waits or
 * while it draws (a flag checked before a plain read(2) would miss the second case and
 * wait for the next key). */
static int sh_getc(FILE *f)
{
	sigset_t block, wait_mask;
	struct pollfd pfd = { fileno(f), POLLIN, 0 };
	unsigned char c;
	ssize_t n;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, &wait_mask);
	sigdelset(&wait_mask, SIGINT);
	for (;;) {
		if (cur && cur->interrupted) {
			sigprocmask(SIG_SETMASK, &wait_mask, NULL);
			on_signal_event();
			sigprocmask(SIG_BLOCK, &block, NULL);
			continue;
		}
		if (ppoll(&pfd, 1, NULL, &wait_mask) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		n = read(pfd.fd, &c, 1);
		sigprocmask(SIG_SETMASK, &wait_mask, NULL);
		if (n == 1)
			return c;
		if (n < 0 && errno == EINTR) {
			sigprocmask(SIG_BLOCK, &block, NULL);
			continue;
		}
		return EOF;
	}
	sigprocmask(SIG_SETMASK, &wait_mask, NULL);
	return EOF;
}

/* Whether text[0..n) ends inside a string. */
static bool in_string(const char *text, size_t n)
{
	bool in = false;

	for (size_t k = 0; k < n; k++) {
		if (in && text[k] == '\\' && k + 1 < n)
			k++;
		else if (text[k] == '"')
			in = !in;
		else if (!in && text[k] == '#')
			return false;
	}
	return in;
}

static int help_key(int count, int key)
{
	if (in_string(rl_line_buffer, (size_t)rl_point))
		return rl_insert(count, key);
	rl_crlf();
	sh_help_text(cur, rl_line_buffer, (size_t)rl_point);
	fflush(cur->out);
	rl_on_new_line();
	rl_redisplay();
	return 0;
}

/* The candidates of one completion: the words go to readline (which frees them); the
 * titles stay for show_matches(). */
struct cands {
	const char *prefix;
	char **w, **titled; /* titled: "WORD\tTITLE" */
	size_t n, cap, next, n_titled, cap_titled;
};

static void cand_take(struct cands *c, char *w)
{
	char **nw = txt_grow(c->w, &c->cap, c->n + 1, sizeof *nw, 64);

	if (!nw) {
		free(w);
		return;
	}
	c->w = nw;
	c->w[c->n++] = w;
}

static void cand_add(void *arg, const char *word)
{
	struct cands *c = arg;
	size_t len = sh_cand_len(word);
	char *w, *t, **nt;

	if (len < strlen(c->prefix) || strncmp(word, c->prefix, strlen(c->prefix)))
		return;
	w = strndup(word, len);
	if (w)
		cand_take(c, w);
	if (!word[len] || !(nt = txt_grow(c->titled, &c->cap_titled, c->n_titled + 1,
					  sizeof *nt, 64)))
		return;
	c->titled = nt;
	if ((t = strdup(word)))
		c->titled[c->n_titled++] = t;
}

static struct cands cands;

static void cands_reset(struct cands *c)
{
	for (size_t k = 0; k < c->n_titled; k++)
		free(c->titled[k]);
	free(c->titled);
	free(c->w); /* the strings went to readline with the last matches */
	memset(c, 0, sizeof *c);
}

static const char *cand_title(const struct cands *c, const char *word)
{
	size_t len = strlen(word);

	for (size_t k = 0; k < c->n_titled; k++)
		if (!strncmp(c->titled[k], word, len) && c->titled[k][len] == '\t')
			return c->titled[k] + len + 1;
	return NULL;
}

/* Listing the candidates (TAB TAB) when they have titles: one a line, the title after
 * the word, within the terminal's width (at most 100 columns). */
static void show_matches(char **matches, int num, int max_len)
{
	int rows, cols;

	rl_get_screen_size(&rows, &cols);
	if (cols <= 0 || cols > 100)
		cols = 100;
	rl_crlf();
	for (int k = 1; k <= num; k++) {
		const char *t = cand_title(&cands, matches[k]);
		int room = cols - 1 - max_len - 2;

		fprintf(rl_outstream, "%-*s", max_len, matches[k]);
		if (t && room > 3)
			fprintf(rl_outstream, "  %.*s", room, t);
		rl_crlf();
	}
	rl_forced_update_display();
}

static char *cand_next(const char *text, int state)
{
	(void)text;
	if (state == 0)
		cands.next = 0;
	return cands.next < cands.n ? cands.w[cands.next++] : NULL;
}

static void cands_files(struct cands *c, const char *text)
{
	char *f;

	for (int state = 0; (f = rl_filename_completion_function(text, state)); state++)
		cand_take(c, f);
	rl_filename_completion_desired = 1;
}

static void cands_vars(struct cands *c, const char *text)
{
	char buf[160];

	for (size_t k = 0; k < cur->n_vars; k++) {
		snprintf(buf, sizeof buf, "%s%s", text[1] == '{' ? "${" : "$",
			 cur->vars[k].name);
		cand_add(c, buf);
	}
}

static char **complete(const char *text, int start, int end)
{
	unsigned how = 0;
	char **m;

	(void)end;
	rl_attempted_completion_over = 1;
	cands_reset(&cands);
	cands.prefix = text;
	if (text[0] == '$')
		cands_vars(&cands, text);
	else
		how = sh_complete_text(cur, rl_line_buffer, (size_t)start, cand_add, &cands);
	if (how & SH_COMPLETE_FILES)
		cands_files(&cands, text);
	if (!cands.n)
		return NULL;
	rl_completion_display_matches_hook = cands.n_titled ? show_matches : NULL;
	m = rl_completion_matches(text, cand_next);
	for (size_t k = cands.next; k < cands.n; k++)
		free(cands.w[k]);
	cands.n = 0;
	return m;
}

/* ---- history ---- */

static void history_open(const char *path)
{
	int fd;

	using_history();
	stifle_history(SH_HISTORY_MAX);
	/* a line continued with a backslash is one entry, in the file too: each entry
	 * follows a timestamp line, and the lines up to the next one are that entry */
	history_comment_char = '#';
	history_write_timestamps = 1;
	history_multiline_entries = 1;
	if (!path)
		return;
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0600);
	if (fd >= 0)
		close(fd);
	read_history(path);
}

static void history_keep(const char *path, const char *line)
{
	const char *p = line;

	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p)
		return;
	add_history(line);
	if (path)
		append_history(1, path);
}

/* ---- the loop ---- */

/* One command line, with continuation lines read while it ends in a backslash. */
static char *read_command(struct sh *sh)
{
	char prompt[192], *line = readline(sh_prompt(sh, prompt, sizeof prompt)), *more, *j;
	size_t len;

	while (line) {
		len = strlen(line);
		while (len && (line[len - 1] == ' ' || line[len - 1] == '\t'))
			len--;
		if (!len || line[len - 1] != '\\' || in_string(line, len))
			return line;
		more = readline("> ");
		if (!more)
			return line;
		j = malloc(strlen(line) + strlen(more) + 2);
		if (j)
			sprintf(j, "%s\n%s", line, more);
		free(line);
		free(more);
		line = j;
	}
	return NULL;
}

static int repl_tty(struct sh *sh, const char *hist_path)
{
	char *line;

	rl_readline_name = "pmip4ct";
	rl_catch_signals = 0;
	rl_getc_function = sh_getc;
	rl_attempted_completion_function = complete;
	rl_completer_word_break_characters = (char *)(uintptr_t)" \t\n;";
	rl_completer_quote_characters = "\"";
	rl_bind_key('?', help_key);
	history_open(hist_path);
	while (!sh->quit && (line = read_command(sh)) != NULL) {
		history_keep(hist_path, line);
		sh->interrupted = 0;
		sh_exec_line(sh, line);
		sh->interrupted = 0;
		fflush(sh->out);
		free(line);
	}
	if (!sh->quit)
		fputc('\n', sh->out);
	if (hist_path)
		history_truncate_file(hist_path, SH_HISTORY_MAX);
	cands_reset(&cands);
	return sh->status;
}

/* Standard input is no terminal: run its lines as typed, without prompt or history;
 * standard input that cannot be read is an error (exit status 2). */
static int repl_pipe(struct sh *sh)
{
	char *line = NULL, *acc = NULL;
	size_t cap = 0, alen = 0;
	ssize_t n;

	errno = 0;
	while (!sh->quit && (n = getline(&line, &cap, stdin)) >= 0) {
		char *na = realloc(acc, alen + (size_t)n + 1);

		if (!na)
			break;
		acc = na;
		memcpy(acc + alen, line, (size_t)n + 1);
		alen += (size_t)n;
		while (alen && strchr(" \t\r\n", acc[alen - 1]))
			alen--;
		if (alen && acc[alen - 1] == '\\' && !in_string(acc, alen)) {
			alen = strlen(acc);
			continue;
		}
		acc[alen] = '\0';
		sh_exec_line(sh, acc);
		sh->interrupted = 0;
		alen = 0;
	}
	free(line);
	free(acc);
	fflush(sh->out);
	if (!sh->quit && ferror(stdin)) { /* a directory, say */
		fprintf(sh->err, "pmip4ct shell: standard input: %s\n",
			strerror(errno ? errno : EIO));
		return 2;
	}
	return sh->quit ? sh->status : sh->errors ? 1 : 0;
}

int sh_repl(struct sh *sh, const char *hist_path)
{
	sh->interactive = true;
	sh_catch_sigint(sh, true);
	if (!isatty(STDIN_FILENO))
		return repl_pipe(sh);
	return repl_tty(sh, hist_path);
}
