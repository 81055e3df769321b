/* write_corpus.c — write each golden message of tests/unit/golden.h to DIR/NAME, as the
 * seed corpus of the decoder fuzz target. */
#include <stdio.h>

#include "golden.h"

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: write_corpus DIR\n");
		return 2;
	}
	for (size_t i = 0; i < sizeof goldens / sizeof goldens[0]; i++) {
		char path[4096];
		FILE *f;

		snprintf(path, sizeof path, "%s/%s", argv[1], goldens[i].name);
		f = fopen(path, "wb");
		if (!f || fwrite(goldens[i].bytes, 1, goldens[i].len, f) != goldens[i].len) {
			perror(path);
			return 1;
		}
		fclose(f);
	}
	return 0;
}
