/* input.h — reading a whole input text (a script, suite, PICS/PIXIT or config file, or
 * standard input) into memory, with a size cap: the one reader of every text input.
 */
#ifndef PMIP4CT_INPUT_H
#define PMIP4CT_INPUT_H

#include <stddef.h>
#include <stdio.h>

/* All of f, NUL-terminated (the NUL is not counted in *len).  NULL with *err set when it
 * fails: EISDIR (a directory), EFBIG (more than max bytes), ENOMEM, or the read error
 * (EIO when the stream gives none). */
char *input_read(FILE *f, size_t max, size_t *len, int *err);

/* The same for a file by path; *err is fopen's errno when it cannot be opened. */
char *input_read_path(const char *path, size_t max, size_t *len, int *err);

#endif
