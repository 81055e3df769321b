/* cols.h — text for the console in columns (issue #14: the console keeps within
 * CONSOLE_COLS): the width of UTF-8 text, a cell cut with an ellipsis, and text wrapped
 * at spaces under an indent.  Control characters (a reason may quote the DUT) are
 * written as \xNN and counted as four columns; a byte that is not UTF-8 as one.
 */
#ifndef PMIP4CT_COLS_H
#define PMIP4CT_COLS_H

#include <stdio.h>

#define CONSOLE_COLS 100

/* Columns s takes (characters, not bytes). */
int cols_width(const char *s);

/* s in at most w columns, cut with "..." when longer; then spaces up to w when pad.
 * Returns the columns written. */
int cols_cell(FILE *f, const char *s, int w, int pad);

/* s from column `col` (the cursor is there) up to column `width`, wrapped at spaces
 * onto lines indented by `indent` columns (a word longer than a line is cut where the
 * line ends); a final newline.  width 0: one line, however long (a file or a pipe, read
 * by scripts). */
void cols_wrap(FILE *f, const char *s, int col, int indent, int width);

/* printf, then cols_wrap from column 0 up to `width` with continuation lines indented by
 * `indent`. */
void cols_say(FILE *f, int width, int indent, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
