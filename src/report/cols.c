/* cols.c — console text in columns (cols.h). */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cols.h"
#include "txt.h"

/* The character at p[0..n) as the console shows it (txt_escape_char, TXT_ESC_TEXT: UTF-8
 * kept, control and malformed bytes as "\xHH"): its bytes in p (the return), its columns
 * (*w), and, when out is not NULL, written there. */
static size_t cols_char(const char *p, size_t n, int *w, FILE *out)
{
	char e[4];
	size_t used, len = txt_escape_char((const uint8_t *)p, n, TXT_ESC_TEXT, e, &used);

	*w = len == used ? 1 : (int)len;
	if (out)
		fwrite(e, 1, len, out);
	return used;
}

int cols_width(const char *s)
{
	size_t n = strlen(s);
	int total = 0, w;

	while (n) {
		size_t k = cols_char(s, n, &w, NULL);

		s += k;
		n -= k;
		total += w;
	}
	return total;
}

/* Write s[0..n) while it fits in w columns: the bytes written, *used the columns. */
static size_t cols_fit(FILE *f, const char *s, size_t n, int w, int *used)
{
	size_t done = 0;
	int cw;

	*used = 0;
	while (done < n) {
		size_t k = cols_char(s + done, n - done, &cw, NULL);

		if (*used + cw > w)
			break;
		cols_char(s + done, n - done, &cw, f);
		done += k;
		*used += cw;
	}
	return done;
}

int cols_cell(FILE *f, const char *s, int w, int pad)
{
	int used, whole = cols_width(s);

	if (whole <= w || w < 4) {
		cols_fit(f, s, strlen(s), w, &used);
	} else {
		cols_fit(f, s, strlen(s), w - 3, &used);
		fputs("...", f);
		used += 3;
	}
	if (pad)
		for (; used < w; used++)
			putc(' ', f);
	return used;
}

void cols_wrap(FILE *f, const char *s, int col, int indent, int width)
{
	size_t n = strlen(s);

	if (width <= 0) {
		for (size_t k; n; s += k, n -= k) {
			int cw;

			k = cols_char(s, n, &cw, f);
		}
		putc('\n', f);
		return;
	}
	if (!n)
		putc('\n', f);
	while (n) {
		int room = width - col, used, w = 0;
		size_t end = 0, fit = 0, k;

		/* the longest run of whole words that fits in room */
		for (size_t i = 0; i < n; i += k) {
			int cw;

			k = cols_char(s + i, n - i, &cw, NULL);
			if (w + cw > room)
				break;
			w += cw;
			fit = i + k;
			if (s[i] == ' ')
				end = i;
		}
		if (fit == n)
			end = n;
		else if (!end)
			end = fit ? fit : 1; /* one word longer than the line: cut it */
		cols_fit(f, s, end, room > 0 ? room : 1, &used);
		s += end;
		n -= end;
		while (n && *s == ' ')
			s++, n--;
		putc('\n', f);
		if (n)
			fprintf(f, "%*s", indent, "");
		col = indent;
	}
}

void cols_say(FILE *f, int width, int indent, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	cols_wrap(f, s, 0, indent, width);
	free(s);
}
