/* input.c — reading a whole input text with a size cap (input.h). */
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "input.h"
#include "txt.h"

char *input_read(FILE *f, size_t max, size_t *len, int *err)
{
	size_t cap = 0, got;
	char *buf = NULL, *nb;
	struct stat st;

	*len = 0;
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		/* not left to the C library: some read a directory as EIO, or as empty */
		*err = EISDIR;
		return NULL;
	}
	for (;;) {
		nb = txt_grow(buf, &cap, *len + 4096 + 1, 1, 4096);
		if (!nb) {
			*err = ENOMEM;
			goto fail;
		}
		buf = nb;
		errno = 0;
		got = fread(buf + *len, 1, cap - 1 - *len, f);
		*len += got;
		if (*len > max) {
			*err = EFBIG;
			goto fail;
		}
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		*err = errno ? errno : EIO;
		goto fail;
	}
	buf[*len] = '\0';
	return buf;
fail:
	free(buf);
	return NULL;
}

char *input_read_path(const char *path, size_t max, size_t *len, int *err)
{
	FILE *f = fopen(path, "rb");
	char *buf;

	if (!f) {
		*err = errno;
		*len = 0;
		return NULL;
	}
	buf = input_read(f, max, len, err);
	fclose(f);
	return buf;
}
